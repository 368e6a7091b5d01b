// Layer rules (see DESIGN.md): imports point down only, and each folder touches only its environment.
import tseslint from 'typescript-eslint';

// Bare names go in `paths` (exact module names): as patterns they would also match our own
// folders, such as shared/http.
const bareBuiltins = ['fs', 'path', 'http', 'https', 'net', 'os', 'crypto', 'child_process', 'url', 'stream', 'events', 'util', 'zlib', 'tls', 'dns'];
const builtinPaths = (message) => bareBuiltins.map((name) => ({ name, message }));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tmp/**', 'test-results/**', 'playwright-report/**', 'out/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        paths: builtinPaths('shared/ is environment-neutral: no Node built-ins.'),
        patterns: [
          { group: ['node:*'], message: 'shared/ is environment-neutral: no Node built-ins.' },
          { group: ['electron', 'electron/*'], message: 'shared/ may not import electron.' },
          { group: ['**/electron/**', '**/renderer/**', 'react', 'react-dom', 'zustand'], message: 'shared/ may not import the layers above it.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: builtinPaths('renderer/ talks only to the Api (window.authtrace), never to Node.'),
        patterns: [
          { group: ['node:*'], message: 'renderer/ talks only to the Api (window.authtrace), never to Node.' },
          { group: ['electron', 'electron/*', '**/electron/**'], message: 'renderer/ may not import electron or the Node side.' },
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts', 'electron/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'Only electron/main.ts, preload.ts and ipc.ts import electron.' },
          { group: ['**/renderer/**'], message: 'The Node side may not import the renderer.' },
        ],
      }],
    },
  },
);

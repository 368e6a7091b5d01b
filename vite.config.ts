// Builds the UI into dist/renderer, then the preload into dist/electron/preload.cjs
// (sandboxed preloads must be a single CommonJS file).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

function preloadBundle(): Plugin {
  return {
    name: 'authtrace-preload',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        root,
        build: {
          outDir: 'dist/electron',
          emptyOutDir: false,
          minify: false,
          sourcemap: true,
          lib: { entry: 'electron/preload.ts', formats: ['cjs'], fileName: () => 'preload.cjs' },
          rollupOptions: { external: ['electron'] },
        },
      });
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), preloadBundle()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
    // Chromium preloads modules natively; the polyfill would fetch(), which the CSP forbids.
    modulePreload: { polyfill: false },
  },
});

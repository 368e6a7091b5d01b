#!/usr/bin/env node
// The CLI as a few bundled modules (dist/electron/cli-bundle/, run by bin/authtrace.js): a process
// then reads and links a handful of files instead of ~235, which is most of its start-up. Each
// command stays its own chunk, loaded when it runs. Packages on the paths of run, lint and clients
// are bundled; the others (the sandbox's oidc-provider and MCP server SDK, electron, ws) stay
// external and load from node_modules as they are, since bundling them gains nothing and risks
// breaking code that finds its own files.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE_DIR = path.join(root, 'dist/electron/cli-bundle');

const BUNDLED_PACKAGES = ['zod', '@modelcontextprotocol/client', '@modelcontextprotocol/core', 'oauth4webapi', 'tough-cookie', 'tldts', 'tldts-core', 'eventsource', 'eventsource-parser', 'pkce-challenge'];

const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** Bare specifiers outside BUNDLED_PACKAGES resolve at run time, from node_modules. */
const externalPackages = {
  name: 'external-packages',
  setup(bundle) {
    bundle.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED_PACKAGES.includes(packageName(args.path)) ? undefined : { path: args.path, external: true }));
  },
};

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'electron/cli.ts' },
  outdir: BUNDLE_DIR,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  sourcemap: true,
  chunkNames: '[name]-[hash]',
  logLevel: 'warning',
  plugins: [externalPackages],
});

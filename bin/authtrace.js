#!/usr/bin/env node
// Runs the bundled CLI that `npm run build` makes (it starts faster); the compiled modules of
// dist/electron when they are newer, so a `tsc -p tsconfig.build.json` alone is never shadowed by a stale bundle.
import { statSync } from 'node:fs';

const modified = (path) => statSync(new URL(path, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundle = '../dist/electron/cli-bundle/cli.js';
const compiled = '../dist/electron/cli.js';
const { main } = await import(modified(bundle) >= modified(compiled) ? bundle : compiled);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`authtrace: ${error?.message ?? error}\n`);
    process.exitCode = 1;
  },
);

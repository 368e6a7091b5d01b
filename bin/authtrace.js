#!/usr/bin/env node
import { main } from '../dist/electron/cli.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`authtrace: ${error?.message ?? error}\n`);
    process.exitCode = 1;
  },
);

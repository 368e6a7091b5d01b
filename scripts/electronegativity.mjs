#!/usr/bin/env node
// Runs Doyensec's electronegativity over the Electron shell and fails on any HIGH finding.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'test-results', 'electronegativity.csv');
mkdirSync(path.dirname(out), { recursive: true });
const electron = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const r = spawnSync('npx', ['-y', '@doyensec/electronegativity@1.10.3', '-i', 'electron', '-r', '-e', electron, '-v', 'false', '-o', out], {
  cwd: root,
  encoding: 'utf8',
});
let rows;
try {
  rows = readFileSync(out, 'utf8').trim().split('\n').slice(1);
} catch {
  console.log(`electronegativity produced no report (exit ${r.status}):\n${r.stderr}`);
  process.exit(1);
}
const findings = rows.map((line) => {
  const [issue, severity, confidence, file, location] = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
  return { issue, severity, confidence, file, location };
});
for (const f of findings) console.log(`electronegativity: ${f.severity.padEnd(11)} ${f.issue} ${f.file}:${f.location} (${f.confidence})`);
const high = findings.filter((f) => f.severity === 'HIGH');
console.log(`electronegativity: ${findings.length} findings, ${high.length} HIGH`);
process.exit(high.length > 0 ? 1 : 0);

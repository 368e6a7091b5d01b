#!/usr/bin/env node
// The repository keeps its own copies of what it takes from ../shared: the diagnostics catalogue
// (RULES.md, as docs/RULES.md) and the real-world fixtures (fixtures/). The repository's copies are
// its documents of record and may gain rules of their own, so what matters is whether ../shared
// changed since it was last copied: scripts/sync-shared.baseline.json holds a hash of each file
// of ../shared as it was then.
//
//   node scripts/sync-shared.mjs          report; exit 1 if ../shared changed since the last copy
//   node scripts/sync-shared.mjs --write  copy what changed in ../shared and record the new baseline
//
// --shared DIR and --root DIR stand in for ../shared and the repository (for the tests).
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { write: { type: 'boolean' }, shared: { type: 'string' }, root: { type: 'string' } } });
const root = path.resolve(args.root ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
const shared = path.resolve(args.shared ?? path.join(root, '..', 'shared'));
const baselineFile = path.join(root, 'scripts', 'sync-shared.baseline.json');

/** Where a file of ../shared lives in the repository, by its path relative to ../shared. */
const repoPath = (rel) => (rel === 'RULES.md' ? 'docs/RULES.md' : rel);

function listFiles(dir, prefix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = `${prefix}/${entry.name}`;
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), rel) : [rel];
  });
}

const hashOf = (file) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : undefined);

if (!existsSync(shared)) {
  console.log(`sync-shared: ${shared} is absent; nothing to compare.`);
  process.exit(0);
}

const baseline = existsSync(baselineFile) ? JSON.parse(readFileSync(baselineFile, 'utf8')) : {};
const sharedFiles = ['RULES.md', ...listFiles(path.join(shared, 'fixtures'), 'fixtures')];
const current = Object.fromEntries(sharedFiles.map((rel) => [rel, hashOf(path.join(shared, rel))]));

const changed = [...new Set([...Object.keys(baseline), ...sharedFiles])].sort().filter((rel) => baseline[rel] !== current[rel]);
const describe = (rel) => (baseline[rel] === undefined ? 'added' : current[rel] === undefined ? 'removed' : 'changed');
const ownEdits = sharedFiles.filter((rel) => !changed.includes(rel) && hashOf(path.join(root, repoPath(rel))) !== current[rel]);

for (const rel of ownEdits) {
  const state = existsSync(path.join(root, repoPath(rel))) ? 'differs from' : 'is missing, unlike';
  console.log(`sync-shared: ${repoPath(rel)} ${state} ../shared/${rel} (the repository's own edit; left alone)`);
}
for (const rel of changed) console.log(`sync-shared: ../shared/${rel} ${describe(rel)} since the last copy`);

if (changed.length === 0) {
  console.log('sync-shared: ../shared unchanged since the last copy.');
  process.exit(0);
}
if (!args.write) {
  console.log('sync-shared: run `node scripts/sync-shared.mjs --write` to copy the changes and record them.');
  process.exit(1);
}

for (const rel of changed) {
  const target = path.join(root, repoPath(rel));
  if (current[rel] === undefined) {
    console.log(`sync-shared: ${repoPath(rel)} left in place: delete it by hand if the repository no longer needs it`);
    continue;
  }
  const before = hashOf(target);
  if (before === current[rel]) continue;
  const hadOwnEdits = before !== undefined && before !== baseline[rel];
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(path.join(shared, rel), target);
  console.log(`sync-shared: copied ../shared/${rel} to ${repoPath(rel)}${hadOwnEdits ? ': it had edits of its own, see `git diff` to keep them' : ''}`);
}
const recorded = Object.fromEntries(Object.entries(current).filter(([, hash]) => hash !== undefined).sort(([a], [b]) => a.localeCompare(b)));
mkdirSync(path.dirname(baselineFile), { recursive: true });
writeFileSync(baselineFile, `${JSON.stringify(recorded, null, 2)}\n`);
console.log(`sync-shared: recorded ../shared in ${path.relative(root, baselineFile)}`);

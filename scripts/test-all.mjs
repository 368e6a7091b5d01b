#!/usr/bin/env node
// `npm test`: the build, then every suite (vitest, Playwright in Chromium, the MCP conformance auth suite), then
// one line "N passed, N failed" totalling them all. Exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'test-results');
mkdirSync(out, { recursive: true });
const only = process.argv.slice(2);
const wanted = (suite) => only.length === 0 || only.includes(suite);
const totals = [];

function run(cmd, args, env = {}) {
  console.log(`\n$ ${[cmd, ...args].join(' ')}`);
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
}

function vitest() {
  const file = path.join(out, 'vitest.json');
  rmSync(file, { force: true });
  const r = run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile=${file}`]);
  if (!existsSync(file)) return { suite: 'vitest', passed: 0, failed: 1, note: `vitest exited ${r.status} without a report` };
  const j = JSON.parse(readFileSync(file, 'utf8'));
  // A file that fails to load counts as a failure even though it ran no test.
  const brokenFiles = (j.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  // Unhandled errors fail the run (exit 1) without failing a test: count them once.
  const unhandled = r.status !== 0 && j.numFailedTests + brokenFiles === 0 ? 1 : 0;
  const names = (j.testResults ?? []).flatMap((f) => {
    const file = path.relative(root, f.name);
    const failedTests = (f.assertionResults ?? []).filter((a) => a.status === 'failed');
    if (f.status === 'failed' && failedTests.length === 0) return [`${file}: ${String(f.message ?? 'failed to load').split('\n')[0]}`];
    return failedTests.map((a) => `${file} › ${a.fullName}: ${String(a.failureMessages?.[0] ?? '').split('\n')[0].slice(0, 300)}`);
  });
  return { suite: 'vitest', failures: names, passed: j.numPassedTests, failed: j.numFailedTests + brokenFiles + unhandled, skipped: j.numPendingTests + j.numTodoTests, ...(unhandled && { note: `vitest exited ${r.status}: see its output for unhandled errors` }) };
}

function ensureBrowser() {
  if (existsSync('/usr/bin/chromium') || process.env.AUTHTRACE_PLAYWRIGHT_BROWSER === 'bundled') return true;
  const root_ = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root_ && existsSync('/usr/bin/apt-get')) {
    console.log('\nNo /usr/bin/chromium: installing Debian\'s chromium for the browser tests.');
    run('apt-get', ['update', '-qq']);
    return run('apt-get', ['install', '-y', '-qq', 'chromium']).status === 0;
  }
  console.log('\nNo /usr/bin/chromium. Install Chromium (Debian: apt-get install chromium), or run `npx playwright install chromium` and set AUTHTRACE_PLAYWRIGHT_BROWSER=bundled.');
  return false;
}

function playwright() {
  if (!ensureBrowser()) return { suite: 'playwright', passed: 0, failed: 1, note: 'no browser' };
  const file = path.join(out, 'playwright.json');
  rmSync(file, { force: true });
  const r = run(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  if (!existsSync(file)) return { suite: 'playwright', passed: 0, failed: 1, note: `playwright exited ${r.status} without a report` };
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const s = report.stats ?? {};
  const failed = (s.unexpected ?? 0) + (s.flaky ?? 0) + (r.status !== 0 && !s.unexpected ? 1 : 0);
  const names = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? [])
        if (t.status === 'unexpected' || t.status === 'flaky') names.push(`${spec.file}:${spec.line} › ${spec.title} (${t.status}): ${String(t.results?.at(-1)?.error?.message ?? '').split('\n')[0].slice(0, 300)}`);
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  return { suite: 'playwright', passed: s.expected ?? 0, failed, skipped: s.skipped ?? 0, failures: names };
}

function conformance() {
  const adapter = path.join(root, 'e2e', 'conformance-client.mjs');
  const r = spawnSync(
    'npx',
    ['-y', '-p', 'node@22', '-p', '@modelcontextprotocol/conformance@0.1.16', 'conformance', 'client', '--command', `node ${adapter}`, '--suite', 'auth'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 },
  );
  const text = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const summary = text.slice(text.indexOf('=== SUITE SUMMARY ==='));
  console.log(`\n$ conformance client --suite auth\n${summary || text.slice(-4000)}`);
  const m = /Total: (\d+) passed, (\d+) failed, (\d+) warnings/.exec(text);
  if (!m) return { suite: 'conformance', passed: 0, failed: 1, note: `no summary (exit ${r.status})` };
  // A warning is a check the client should have passed: count it as a failure.
  return { suite: 'conformance', passed: Number(m[1]), failed: Number(m[2]) + Number(m[3]) };
}

/**
 * The newer suite's client auth scenarios (extensions included), one process each, a few at a time.
 * A scenario Authtrace cannot pass yet goes in NEXT_NOT_YET, so the gap stays visible.
 */
const NEXT_SUITE = '@modelcontextprotocol/conformance@0.2.0-alpha.12';
/** @type {string[]} */
const NEXT_NOT_YET = [];

async function conformanceNext() {
  const adapter = path.join(root, 'e2e', 'conformance-client.mjs');
  const env = { ...process.env, NO_COLOR: '1' };
  const list = spawnSync('npx', ['-y', '-p', 'node@22', '-p', NEXT_SUITE, 'conformance', 'list', '--client'], { cwd: root, encoding: 'utf8', env });
  const scenarios = [...`${list.stdout ?? ''}`.matchAll(/^\s*- (auth\/[\w.-]+)/gm)].map((m) => m[1]).filter((name) => !NEXT_NOT_YET.includes(name));
  if (scenarios.length === 0) return { suite: 'conformance-next', passed: 0, failed: 1, note: `could not list the scenarios of ${NEXT_SUITE}` };
  const { spawn } = await import('node:child_process');
  const runOne = (scenario) =>
    new Promise((resolve) => {
      const child = spawn('npx', ['-y', '-p', 'node@22', '-p', NEXT_SUITE, 'conformance', 'client', '--command', `node ${adapter}`, '--scenario', scenario], { cwd: root, env });
      let text = '';
      child.stdout.on('data', (d) => (text += d));
      child.stderr.on('data', (d) => (text += d));
      child.on('close', () => {
        const m = /Passed: (\d+)\/(\d+), (\d+) failed, (\d+) warnings/.exec(text);
        resolve(m ? { scenario, passed: Number(m[1]), failed: Number(m[3]) + Number(m[4]) } : { scenario, passed: 0, failed: 1, note: 'no result' });
      });
    });
  const results = [];
  const queue = [...scenarios];
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) results.push(await runOne(next));
    }),
  );
  console.log(`\n$ conformance client (${NEXT_SUITE}), ${scenarios.length} auth scenarios; not yet: ${NEXT_NOT_YET.join(', ')}`);
  for (const r of results.sort((a, b) => a.scenario.localeCompare(b.scenario))) console.log(`  ${r.failed ? '✗' : '✓'} ${r.scenario}: ${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ''}`);
  return { suite: 'conformance-next', passed: results.reduce((n, r) => n + r.passed, 0), failed: results.reduce((n, r) => n + r.failed, 0) };
}

function build() {
  const r = run('npm', ['run', 'build']);
  return r.status === 0 ? null : { suite: 'build', passed: 0, failed: 1, note: `npm run build exited ${r.status}` };
}

/** Typecheck (renderer and tests included) and lint (the layer rules), one check each. */
function staticChecks() {
  const results = [run('npm', ['run', '--silent', 'typecheck']), run('npm', ['run', '--silent', 'lint'])];
  const failed = results.filter((r) => r.status !== 0).length;
  return { suite: 'static', passed: results.length - failed, failed, ...(failed && { note: 'typecheck or lint failed: see above' }) };
}

const built = build();
if (built) totals.push(built);
else {
  if (wanted('static')) totals.push(staticChecks());
  if (wanted('vitest')) totals.push(vitest());
  if (wanted('playwright')) totals.push(playwright());
  if (wanted('conformance')) totals.push(conformance());
  if (wanted('conformance-next')) totals.push(await conformanceNext());
}

// The failures again at the end, where a truncated log still shows them.
for (const t of totals) for (const name of t.failures ?? []) console.log(`FAILED ${t.suite}: ${name}`);
console.log('\nSuites:');
for (const t of totals) console.log(`  ${t.suite.padEnd(12)} ${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}${t.note ? ` (${t.note})` : ''}`);
const passed = totals.reduce((n, t) => n + t.passed, 0);
const failed = totals.reduce((n, t) => n + t.failed, 0);
const skipped = totals.reduce((n, t) => n + (t.skipped ?? 0), 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const SHARED = path.resolve(ROOT, '../shared');
const SCRIPT = path.join(ROOT, 'scripts', 'sync-shared.mjs');

function sync(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe("the repository's copies of ../shared", () => {
  it('are up to date with ../shared (else run: node scripts/sync-shared.mjs --write)', (ctx) => {
    if (!existsSync(SHARED)) {
      console.info(`skipped: ${SHARED} is absent, so there is nothing to compare the repository's copies with`);
      ctx.skip();
    }
    const { status, output } = sync();
    expect(status, output).toBe(0);
  });
});

describe('scripts/sync-shared.mjs', () => {
  let dir: string;
  const shared = () => path.join(dir, 'shared');
  const repo = () => path.join(dir, 'repo');
  const put = (file: string, text: string) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  const run = (...args: string[]) => sync('--shared', shared(), '--root', repo(), ...args);

  function synced(): void {
    dir = mkdtempSync(path.join(os.tmpdir(), 'authtrace-sync-'));
    put(path.join(shared(), 'RULES.md'), '| AM-01 |\n');
    put(path.join(shared(), 'fixtures/real-metadata/a.json'), '{}\n');
    expect(run('--write').status).toBe(0);
  }

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies the catalogue to docs/ and the fixtures whole, and then finds nothing to do', () => {
    synced();
    expect(readFileSync(path.join(repo(), 'docs/RULES.md'), 'utf8')).toBe('| AM-01 |\n');
    expect(readFileSync(path.join(repo(), 'fixtures/real-metadata/a.json'), 'utf8')).toBe('{}\n');
    expect(run()).toEqual({ status: 0, output: expect.stringContaining('unchanged since the last copy') });
  });

  it('fails when ../shared changed, and --write brings the change in', () => {
    synced();
    put(path.join(shared(), 'RULES.md'), '| AM-01 |\n| AM-02 |\n');
    put(path.join(shared(), 'fixtures/real-metadata/b.json'), '[]\n');
    const check = run();
    expect(check.status).toBe(1);
    expect(check.output).toContain('../shared/RULES.md changed');
    expect(check.output).toContain('../shared/fixtures/real-metadata/b.json added');
    expect(run('--write').status).toBe(0);
    expect(readFileSync(path.join(repo(), 'docs/RULES.md'), 'utf8')).toBe('| AM-01 |\n| AM-02 |\n');
    expect(readFileSync(path.join(repo(), 'fixtures/real-metadata/b.json'), 'utf8')).toBe('[]\n');
    expect(run().status).toBe(0);
  });

  it("reports the repository's own edits without failing", () => {
    synced();
    put(path.join(repo(), 'docs/RULES.md'), '| AM-01 |\n| DSC-09 |\n');
    const check = run();
    expect(check.status).toBe(0);
    expect(check.output).toContain("docs/RULES.md differs from ../shared/RULES.md (the repository's own edit; left alone)");
  });

  it('fails when a file left ../shared, and leaves the copy for a person to remove', () => {
    synced();
    rmSync(path.join(shared(), 'fixtures/real-metadata/a.json'));
    expect(run()).toEqual({ status: 1, output: expect.stringContaining('../shared/fixtures/real-metadata/a.json removed') });
    expect(run('--write').status).toBe(0);
    expect(existsSync(path.join(repo(), 'fixtures/real-metadata/a.json'))).toBe(true);
    expect(run().status).toBe(0);
  });

  it('says so and succeeds when there is no ../shared', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'authtrace-sync-'));
    expect(run()).toEqual({ status: 0, output: expect.stringContaining('is absent') });
  });
});

// Each command loads only what it uses: the CLI as a process (from the sources, through tsx) with a
// loader hook that lists every module it loads. An eager import of the sandbox, oidc-provider or the
// MCP server SDK in a command that does not use them fails here.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandbox, tempDir } from '../test-support/cli.js';

const root = path.resolve(import.meta.dirname, '../..');
const SERVER_SIDE = /\/electron\/sandbox\/|\/node_modules\/(oidc-provider|@modelcontextprotocol\/server|@modelcontextprotocol\/node|koa)\//;

/** The URLs of the modules `authtrace ...argv` loads, with its exit code. */
function loadedModules(...argv: string[]): Promise<{ code: number; modules: string[] }> {
  const trace = path.join(tempDir('authtrace-trace-'), 'modules.txt');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', './electron/test-support/trace-modules.mjs', '-e', "import('./electron/cli.ts').then((m) => m.main(process.argv.slice(1))).then((code) => { process.exitCode = code; })", '--', ...argv],
      { cwd: root, env: { ...process.env, AUTHTRACE_MODULE_TRACE: trace }, stdio: 'ignore' },
    );
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, modules: readFileSync(trace, 'utf8').split('\n').filter(Boolean) }));
  });
}

const ours = (modules: string[], folder: string) => modules.filter((url) => url.includes(`/${folder}/`) && !url.includes('/node_modules/'));

describe('what each command loads', () => {
  it('--help loads the command table and nothing else of ours, and no package', async () => {
    const { code, modules } = await loadedModules('--help');
    expect(code).toBe(0);
    expect(modules.some((url) => url.endsWith('/electron/cli.ts'))).toBe(true);
    expect(modules.filter((url) => url.includes('/node_modules/'))).toEqual([]);
    expect(ours(modules, 'electron/cli').map((url) => path.basename(url)).sort()).toEqual(['io.ts', 'sanitize.ts']);
  });

  it('clients loads neither the engine, the diagnostics nor the server side', async () => {
    const { code, modules } = await loadedModules('clients', 'list', '--data-dir', tempDir());
    expect(code).toBe(0);
    expect(modules.filter((url) => SERVER_SIDE.test(url))).toEqual([]);
    expect(ours(modules, 'shared/flow')).toEqual([]);
    expect(ours(modules, 'shared/diagnostics')).toEqual([]);
  });

  it('lint loads the diagnostics but neither the engine nor the server side', async () => {
    const { code, modules } = await loadedModules('lint', path.join(root, 'fixtures/none'));
    expect(code).not.toBe(0);
    expect(modules.some((url) => url.endsWith('/electron/cli/lint.ts'))).toBe(true);
    expect(modules.filter((url) => SERVER_SIDE.test(url))).toEqual([]);
    expect(ours(modules, 'shared/flow')).toEqual([]);
  });

  it('run, a whole flow against the sandbox, loads nothing of the server side', async () => {
    const s = await sandbox('correct');
    const { code, modules } = await loadedModules('run', s.mcpUrl, '--headless', '--new-client', '--json', '--data-dir', tempDir());
    expect(code).toBe(0);
    expect(modules.some((url) => url.includes('/node_modules/@modelcontextprotocol/client/'))).toBe(true);
    expect(modules.filter((url) => SERVER_SIDE.test(url))).toEqual([]);
  });
});

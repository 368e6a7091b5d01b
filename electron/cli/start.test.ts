// `authtrace start`: the Electron binary found, fetched by the electron package's installer, or not to
// be had. The installer and the binary are stand-in scripts run as real processes.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/cli.js';
import type { CliIo } from './io.js';
import { findElectron, startCommand } from './start.js';

const throws = () => {
  throw new Error('Electron failed to install correctly, please delete node_modules/electron and try installing again\nmore');
};

describe('findElectron', () => {
  it('uses ELECTRON_EXEC_PATH when it exists', () => {
    expect(findElectron({ ELECTRON_EXEC_PATH: '/opt/electron' }, throws, (f) => f === '/opt/electron')).toEqual({ found: true, path: '/opt/electron' });
  });
  it('says when ELECTRON_EXEC_PATH points nowhere, and does not try to install then', () => {
    expect(findElectron({ ELECTRON_EXEC_PATH: '/nope' }, throws, () => false)).toEqual({ found: false, reason: 'ELECTRON_EXEC_PATH points at /nope, which does not exist', installable: false });
  });
  it('says the binary was never downloaded, with the first line of the package error', () => {
    expect(findElectron({}, throws, () => true)).toEqual({ found: false, reason: 'no Electron binary: Electron failed to install correctly, please delete node_modules/electron and try installing again', installable: true });
  });
  it('uses the package binary when it is there', () => {
    expect(findElectron({}, () => '/nm/electron/dist/electron', () => true)).toEqual({ found: true, path: '/nm/electron/dist/electron' });
  });
});

/** A stand-in Electron binary: records how it was started, then exits 0. */
function fakeBinary(dir: string, record: string): void {
  mkdirSync(path.join(dir, 'dist'), { recursive: true });
  const binary = path.join(dir, 'dist', 'electron');
  writeFileSync(binary, `#!${process.execPath}\nrequire('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(process.argv.slice(2)));\n`);
  chmodSync(binary, 0o755);
  writeFileSync(path.join(dir, 'path.txt'), 'electron');
}

/** A stand-in electron package folder whose install.js does what the test says. */
function fakePackage(installer: string): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'install.js'), installer);
  return dir;
}

function capture(): CliIo & { err: string } {
  const io = { err: '', stdout: () => undefined, stderr: (s: string) => void (io.err += s), isTTY: false, color: false } as unknown as CliIo & { err: string };
  return io;
}

describe('startCommand', () => {
  const browserMode = async () => {
    browserOpened++;
    return 0;
  };
  let browserOpened = 0;

  it('binary present: Electron is started with the app, no installer run, no browser mode', async () => {
    const dir = fakePackage('process.exit(3)');
    const record = path.join(tempDir(), 'argv.json');
    fakeBinary(dir, record);
    browserOpened = 0;
    const io = capture();
    expect(await startCommand(['--flag'], io, { env: {}, packageDir: () => dir, browserMode })).toBe(0);
    const argv = JSON.parse(readFileSync(record, 'utf8')) as string[];
    expect(argv[0]).toMatch(/main\.js$/);
    expect(argv[1]).toBe('--flag');
    expect(io.err).not.toContain('Fetching');
    expect(browserOpened).toBe(0);
  });

  it('binary missing, the installer succeeds: its progress shown, then Electron started', async () => {
    const record = path.join(tempDir(), 'argv.json');
    const dir = fakePackage(`
      const fs = require('node:fs'), path = require('node:path');
      console.log('Downloading electron-v45.4.1-linux-x64.zip: 100%');
      fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
      const binary = path.join(__dirname, 'dist', 'electron');
      fs.writeFileSync(binary, '#!' + process.execPath + '\\nrequire("node:fs").writeFileSync(${JSON.stringify(record)}, JSON.stringify(process.argv.slice(2)));\\n');
      fs.chmodSync(binary, 0o755);
      fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');
    `);
    browserOpened = 0;
    const io = capture();
    expect(await startCommand([], io, { env: {}, packageDir: () => dir, browserMode })).toBe(0);
    expect(io.err).toContain('Fetching the Electron binary');
    expect(io.err).toContain('Downloading electron-v45.4.1-linux-x64.zip: 100%');
    expect(JSON.parse(readFileSync(record, 'utf8'))[0]).toMatch(/main\.js$/);
    expect(browserOpened).toBe(0);
  });

  it('binary missing, the installer fails: one line naming the reason, then browser mode', async () => {
    const dir = fakePackage(`console.error('RequestError: getaddrinfo ENOTFOUND the-download-host\\n    at async downloadArtifact (index.js:154:12)'); process.exit(1);`);
    browserOpened = 0;
    const io = capture();
    expect(await startCommand([], io, { env: {}, packageDir: () => dir, browserMode })).toBe(0);
    expect(browserOpened).toBe(1);
    const verdict = io.err.split('\n').filter((l) => l.startsWith('The desktop app'));
    expect(verdict).toEqual(['The desktop app cannot start (fetching it failed: RequestError: getaddrinfo ENOTFOUND the-download-host); opening browser mode instead.']);
  });
});

import { describe, expect, it } from 'vitest';
import { findElectron } from './start.js';

const throws = () => {
  throw new Error('Electron failed to install correctly, please delete node_modules/electron and try installing again\nmore');
};

describe('findElectron', () => {
  it('uses ELECTRON_EXEC_PATH when it exists', () => {
    expect(findElectron({ ELECTRON_EXEC_PATH: '/opt/electron' }, throws, (f) => f === '/opt/electron')).toEqual({ found: true, path: '/opt/electron' });
  });
  it('says when ELECTRON_EXEC_PATH points nowhere', () => {
    expect(findElectron({ ELECTRON_EXEC_PATH: '/nope' }, throws, () => false)).toEqual({ found: false, reason: 'ELECTRON_EXEC_PATH points at /nope, which does not exist' });
  });
  it('falls back to browser mode with the first line of the package error when the binary was never downloaded', () => {
    const r = findElectron({}, throws, () => true);
    expect(r).toEqual({ found: false, reason: 'no Electron binary: Electron failed to install correctly, please delete node_modules/electron and try installing again' });
  });
  it('uses the package binary when it is there', () => {
    expect(findElectron({}, () => '/nm/electron/dist/electron', () => true)).toEqual({ found: true, path: '/nm/electron/dist/electron' });
  });
});

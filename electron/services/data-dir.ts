import os from 'node:os';
import path from 'node:path';

/** The OS config directory for authtrace (XDG on Linux, Application Support on macOS, APPDATA on Windows). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.AUTHTRACE_DATA_DIR) return env.AUTHTRACE_DATA_DIR;
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'authtrace');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'authtrace');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'authtrace');
}

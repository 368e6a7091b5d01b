// Preloaded with `node --import` to list every module a process loads: one URL a line, appended to
// AUTHTRACE_MODULE_TRACE as the loader resolves it (ES modules and the CommonJS files they import).
import { register } from 'node:module';

if (process.env.AUTHTRACE_MODULE_TRACE) {
  register('./trace-modules-hooks.mjs', import.meta.url, { data: { file: process.env.AUTHTRACE_MODULE_TRACE } });
}

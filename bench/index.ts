// `npm run bench`: every benchmark, one after another (speed and memory targets live here, never in tests).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const BENCHES = ['flow', 'diagnostics', 'har', 'render', 'matrix'];

for (const name of BENCHES) {
  const file = path.join(here, `${name}.ts`);
  if (!existsSync(file)) {
    console.log(`\n== ${name}: no benchmark yet`);
    continue;
  }
  console.log(`\n== ${name}`);
  const mod = (await import(pathToFileURL(file).href)) as { run: () => Promise<void> };
  await mod.run();
}

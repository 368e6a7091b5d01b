// How long the UI takes to show a session with 2,000 exchanges in Chromium, and to react to
// selecting, scrolling and switching views. Run: npx tsx bench/render.ts (after npm run build).
import { pathToFileURL } from 'node:url';
import { bigSessionView } from './big-session.js';
import { openUi } from './ui-server.js';

const EXCHANGES = 2000;

export interface RenderTimings {
  exchanges: number;
  firstRenderMs: number;
  selectRowMs: number;
  scrollMs: number;
  sequenceViewMs: number;
  renderedRows: number;
}

export async function measure(count = EXCHANGES): Promise<RenderTimings> {
  const { page, close } = await openUi(bigSessionView(count));
  try {
    const firstRenderMs = await page.evaluate(() => performance.now());

    // Passed as source text: the bundler that runs this file would otherwise rename helpers inside it.
    const time = (action: string, done: string) =>
      page.evaluate(`new Promise((resolve) => {
        const t0 = performance.now();
        ${action};
        (function check() {
          if (document.querySelector(${JSON.stringify(done)})) resolve(performance.now() - t0);
          else requestAnimationFrame(check);
        })();
      })`) as Promise<number>;

    // The UI opens on the last step, so the list starts scrolled near the end.
    const scrollMs = await time(
      `const list = document.querySelector('.net-body'); list.scrollTop = 0; list.dispatchEvent(new Event('scroll'))`,
      `[data-exchange-id="ex-1"]`,
    );
    const selectRowMs = await time(
      `document.querySelector('[data-exchange-id="ex-3"]').click()`,
      `article[data-exchange-id="ex-3"]`,
    );
    const renderedRows = await page.locator('.net-body [role=row]').count();
    const sequenceViewMs = await time(
      `[...document.querySelectorAll('[role=tab]')].find((t) => t.textContent === 'Sequence').click()`,
      `.seq-row`,
    );
    return { exchanges: count, firstRenderMs, selectRowMs, scrollMs, sequenceViewMs, renderedRows };
  } finally {
    await close();
  }
}

export async function run(): Promise<void> {
  const t = await measure();
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  console.log(`render: ${t.exchanges} exchanges`);
  console.log(`  first render (navigation to rows on screen)  ${ms(t.firstRenderMs)}`);
  console.log(`  select a request                             ${ms(t.selectRowMs)}`);
  console.log(`  scroll from the last request to the first    ${ms(t.scrollMs)}`);
  console.log(`  switch to the sequence diagram               ${ms(t.sequenceViewMs)}`);
  console.log(`  rows in the DOM (virtualized)                ${t.renderedRows}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

// `npm run bench -- --quick` (or BENCH_QUICK=1): fewer runs of each measurement, for a first look.
export const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';

/** How many runs: `full` normally, `few` in quick mode. */
export const runs = (full: number, few: number): number => (quick ? few : full);

// Where a cold thread worker's start goes, phase by phase, measured in
// headless Chromium over the built dist/: workers started one at a time
// (so each phase's time is its cost, not time spent waiting for a core),
// after every idle worker was retired. Not a test: it asserts nothing;
// scripts/bench.sh prints it.
import { startAll, waitForThreads } from '../tests/e2e/helpers.mjs';

const COUNT = Number(process.env.BENCH_WORKERS || 30);
const PHASES = [
  ['new Worker → its script runs', 'worker_script'],
  ['→ told it is a thread', 'init_message'],
  ['importing the program\'s glue', 'glue_import'],
  ['instantiating the module (stack, thread-locals)', 'instantiate'],
  ['our start until it takes work', 'thread_main'],
];

const env = await startAll(process.env.BENCH_DIST ? { root: process.env.BENCH_DIST } : {});
let rows;
try {
  const { page } = await env.open('#/');
  await waitForThreads(page);
  const pool = async () => JSON.parse(await page.evaluate(() => window.playground.playground_debug_pool()));
  await page.evaluate(() => window.playground.playground_debug_settle());
  const before = await pool();
  for (let i = 1; i <= COUNT; i += 1) {
    await page.evaluate((n) => window.playground.playground_debug_warm(n), i);
  }
  const after = await pool();
  const started = after.ready_total - before.ready_total;
  rows = PHASES.map(([name], i) => [name, (after.start_phase_total_ms[i] - before.start_phase_total_ms[i]) / started]);
  rows.push(['total', rows.reduce((sum, [, ms]) => sum + ms, 0)]);
  console.log(`| a cold worker's start, one at a time (mean of ${started}) | ms |`);
  console.log('|---|---:|');
  for (const [name, ms] of rows) console.log(`| ${name} | ${ms.toFixed(2)} |`);

  // All at once, as the lock page's 100 threads: the wall time, and the
  // CPU it stands for on this machine's cores (they are all busy).
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  let fastest = Infinity;
  for (let round = 0; round < 3; round += 1) {
    await page.evaluate(() => window.playground.playground_debug_settle());
    const ms = await page.evaluate(async () => {
      const start = performance.now();
      await window.playground.playground_debug_warm(100);
      return performance.now() - start;
    });
    fastest = Math.min(fastest, ms);
  }
  console.log(`\n100 cold workers at once: ${fastest.toFixed(0)} ms (fastest of 3), ` +
    `${(fastest * cores / 100).toFixed(1)} ms of CPU each on ${cores} cores`);
} finally {
  await env.stop();
}

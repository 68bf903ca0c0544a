// Temporary: the browser bench on two dists side by side.
import { startAll, waitForThreads } from './helpers.mjs';
const roots = { before: '/work/before/dist', after: '/work/main/dist' };
const keys = ['contended_in_token_ns_per_op', 'semaphore_uncontended_in_token_ns', 'parked_wakeups_per_thread_s', 'clock_ns', 'clock_two_threads_ns', 'uncontended_ns', 'contended_ns_per_op', 'notify_wake_median_us'];
const results = { before: [], after: [] };
for (let round = 0; round < 3; round += 1) {
  for (const which of ['before', 'after']) {
    const env = await startAll({ root: roots[which] });
    try {
      const { page } = await env.open('#/');
      await waitForThreads(page);
      results[which].push(JSON.parse(await page.evaluate(() => window.playground.playground_bench_sync())));
    } finally { await env.stop(); }
  }
}
for (const k of keys) {
  const b = results.before.map((r) => r[k]); const a = results.after.map((r) => r[k]);
  console.log(`${k.padEnd(36)} before ${Math.min(...b).toFixed(2)} (${b.map((x) => x.toFixed(1)).join(', ')}) after ${Math.min(...a).toFixed(2)} (${a.map((x) => x.toFixed(1)).join(', ')})`);
}

// Times the pages' own claims in headless Chromium (over the built dist/),
// side by side with what this machine itself can do in parallel, in one run:
// the speedups of the GIL, processes and home pages, and how soon Cancel
// ends a run. Not a test: it asserts nothing; scripts/bench.sh prints it.
import { machineSpeedup } from '../tests/e2e/machine.mjs';
import { startAll, waitForReport, waitForThreads } from '../tests/e2e/helpers.mjs';

const ROUNDS = 3;
const env = await startAll();
const machine = await machineSpeedup();

async function report(path) {
  const { page, context } = await env.open(path);
  const r = await waitForReport(page);
  await context.close();
  if (r.status !== 'ok') throw new Error(`${path}: ${r.status} ${r.error || ''}`);
  return r;
}

// The best of a few runs of each ratio: a ratio of times on a shared
// machine is only as good as the quietest run.
const best = { gil: Infinity, free: 0, processes38: 0, system: 0 };
for (let round = 0; round < ROUNDS; round += 1) {
  const gil = await report('#/gil?run=1');
  const ms = Object.fromEntries(gil.runs.map((r) => [r.mode, r.ms]));
  best.gil = Math.min(best.gil, ms.gil / ms.sequential);
  best.free = Math.max(best.free, ms.sequential / ms.free);
  const p = await report('#/gil?n=38&modes=sequential,processes&run=1');
  best.processes38 = Math.max(best.processes38, p.runs[0].ms / p.runs[1].ms);
  const system = await report('#/?n=30&repeat=40&threads=2&run=1');
  best.system = Math.max(best.system, system.speedup);
}

// Cancel: from the click to the report, on a long GIL run.
const cancels = [];
for (let round = 0; round < ROUNDS; round += 1) {
  const { page, context } = await env.open('#/gil?n=45');
  await waitForThreads(page);
  await page.getByTestId('run').click();
  await page.waitForTimeout(1500);
  cancels.push(await page.evaluate(() => new Promise((resolve) => {
    const out = document.querySelector('[data-testid="result-json"]');
    const clicked = performance.now();
    new MutationObserver(() => resolve(performance.now() - clicked))
      .observe(out, { childList: true, characterData: true, subtree: true });
    document.querySelector('[data-testid="cancel"]').click();
  })));
  await waitForReport(page);
  await context.close();
}
await env.stop();

const fmt = (x) => x.toFixed(2);
console.log(`| page claim (best of ${ROUNDS}) | page | machine (wasm fib, 2 Node threads) | page / machine |`);
console.log('|---|---:|---:|---:|');
console.log(`| #/gil defaults: gil / sequential (≈ 1: no speedup) | ${fmt(best.gil)} | – | – |`);
console.log(`| #/gil defaults: free threads, speedup over sequential | ${fmt(best.free)} | ${fmt(machine)} | ${fmt(best.free / machine)} |`);
console.log(`| #/gil n=38: processes, speedup over sequential | ${fmt(best.processes38)} | ${fmt(machine)} | ${fmt(best.processes38 / machine)} |`);
console.log(`| #/ system check: 2 threads over 1 | ${fmt(best.system)} | ${fmt(machine)} | ${fmt(best.system / machine)} |`);
console.log(`\nCancel → report on #/gil?n=45: ${cancels.map((c) => c.toFixed(1)).join(', ')} ms`);

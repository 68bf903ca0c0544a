// A visitor's first seconds, measured in headless Chromium over the built
// dist/, each in a fresh browser context (nothing cached in the page, the
// HTTP cache of the context empty): from navigation to the first paint and
// to the page being interactive (the Run button enabled), and the post's
// 100-thread Lock example on a freshly opened page, Run pressed 2 s after
// navigation and with `run=1`. Beside it, CPython running the same example
// (src/experiments/python/lock.py). Not a test: it asserts nothing;
// scripts/bench.sh prints it.
import { execFileSync } from 'node:child_process';
import { startAll } from '../tests/e2e/helpers.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
const env = await startAll(process.env.BENCH_DIST ? { root: process.env.BENCH_DIST } : {});

// Milliseconds since navigation began, in the page.
const sinceNavigation = (page) => page.evaluate(() => performance.now());

async function firstLoad() {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.url}#/lock`);
  await page.getByTestId('run').and(page.locator(':enabled')).waitFor({ timeout: 60_000 });
  const interactive = await sinceNavigation(page);
  const times = await page.evaluate(() => {
    const loaded = (ending) => performance.getEntriesByType('resource')
      .find((r) => r.name.endsWith(ending) || new RegExp(ending).test(r.name))?.responseEnd ?? NaN;
    const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    return {
      paint: mark('first-contentful-paint'),
      wasmLoaded: loaded('_bg\\.wasm$'),
      glueImported: mark('playground:glue-imported'),
      programStarted: mark('playground:program-started'),
    };
  });
  await context.close();
  return { ...times, interactive };
}

// The lock page's report after Run was pressed `afterMs` after navigation.
async function runPressedAfter(afterMs) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.url}#/lock`);
  const button = page.getByTestId('run').and(page.locator(':enabled'));
  await button.waitFor({ timeout: 60_000 });
  await page.waitForTimeout(Math.max(0, afterMs - (await sinceNavigation(page))));
  await button.click();
  await page.waitForFunction(() => document.querySelector('[data-testid="result-json"][data-run="1"]'),
    null, { timeout: 60_000 });
  const report = JSON.parse(await page.getByTestId('result-json').textContent());
  await context.close();
  return report;
}

// While the pool warms in the background towards the page's 100 threads:
// the longest the page's thread went without running a 10 ms timer (a
// stall a visitor typing would feel), and how long the warming took.
async function warmingStalls() {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.url}#/lock`);
  await page.getByTestId('run').and(page.locator(':enabled')).waitFor({ timeout: 60_000 });
  const result = await page.evaluate(() => new Promise((resolve) => {
    const strip = () => Number(document.querySelector('[data-testid="cap-threads"]')?.dataset.warm ?? 0);
    const from = strip();
    let last = performance.now();
    let longest = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      if (strip() >= 100) {
        clearInterval(timer);
        resolve({ from, longest, warmAt: now });
      }
    }, 10);
  }));
  await context.close();
  return result;
}

// Navigation to the report with `run=1`.
async function runOnLoad() {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.url}#/lock?threads=100&sleep_ms=1&use_lock=true&run=1`);
  await page.waitForFunction(() => document.querySelector('[data-testid="result-json"][data-run="1"]'),
    null, { timeout: 60_000 });
  const total = await sinceNavigation(page);
  const report = JSON.parse(await page.getByTestId('result-json').textContent());
  await context.close();
  return { total, report };
}

const loads = [];
const pressed = [];
const onLoad = [];
const stalls = [];
for (let round = 0; round < ROUNDS; round += 1) {
  stalls.push(await warmingStalls());
  loads.push(await firstLoad());
  pressed.push(await runPressedAfter(2000));
  onLoad.push(await runOnLoad());
}
await env.stop();

const python = (() => {
  const script = new URL('../src/experiments/python/lock.py', import.meta.url).pathname;
  const times = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = performance.now();
    execFileSync('python3', [script, '100', '1', 'true']);
    times.push(performance.now() - start);
  }
  return Math.min(...times);
})();

const best = (xs) => Math.min(...xs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x) => x.toFixed(0);
console.log(`| a fresh visit (${ROUNDS} rounds) | fastest ms | median ms |`);
console.log('|---|---:|---:|');
console.log(`| navigation → first paint (the loading note) | ${fmt(best(loads.map((l) => l.paint)))} | ${fmt(median(loads.map((l) => l.paint)))} |`);
console.log(`| navigation → the program's JavaScript imported | ${fmt(best(loads.map((l) => l.glueImported)))} | ${fmt(median(loads.map((l) => l.glueImported)))} |`);
console.log(`| navigation → the program downloaded | ${fmt(best(loads.map((l) => l.wasmLoaded)))} | ${fmt(median(loads.map((l) => l.wasmLoaded)))} |`);
console.log(`| navigation → the program compiled, started and drawn | ${fmt(best(loads.map((l) => l.programStarted)))} | ${fmt(median(loads.map((l) => l.programStarted)))} |`);
console.log(`| navigation → interactive (Run enabled) | ${fmt(best(loads.map((l) => l.interactive)))} | ${fmt(median(loads.map((l) => l.interactive)))} |`);
console.log(`| #/lock defaults, Run at 2 s: report \`ms\` | ${fmt(best(pressed.map((r) => r.ms)))} | ${fmt(median(pressed.map((r) => r.ms)))} |`);
console.log(`| … its \`spawn_ms\` | ${fmt(best(pressed.map((r) => r.spawn_ms)))} | ${fmt(median(pressed.map((r) => r.spawn_ms)))} |`);
console.log(`| #/lock run=1: navigation → report | ${fmt(best(onLoad.map((r) => r.total)))} | ${fmt(median(onLoad.map((r) => r.total)))} |`);
console.log(`| #/lock: navigation → 100 warm workers, in the background | ${fmt(best(stalls.map((s) => s.warmAt)))} | ${fmt(median(stalls.map((s) => s.warmAt)))} |`);
console.log(`| … the page's longest stall meanwhile (a 10 ms timer's longest gap) | ${fmt(best(stalls.map((s) => s.longest)))} | ${fmt(median(stalls.map((s) => s.longest)))} |`);
console.log(`| CPython 3, the same example (lock.py 100 threads, 1 ms), whole process | ${fmt(python)} | |`);
const warm = pressed.map((r) => r.warm_workers).filter((w) => w !== undefined);
if (warm.length) console.log(`\nwarm workers when Run was pressed at 2 s: ${warm.join(', ')}`);

// Why a page runs slower in one engine than another: the engines' own
// costs (scripts/engine-probe: a 1 ms Atomics.wait timeout, a notify
// waking a waiting worker, a worker's start), our primitives' benchmark
// (src/bench.rs), and the lock page at its defaults (run=1, a fresh page),
// in Chromium, Firefox ESR and WebKitGTK (Safari's engine) side by side, in
// one run, with each figure's ratio to Chromium's. Not a test: it asserts
// nothing; scripts/bench.sh prints it. Needs a display for WebKitGTK
// (bench.sh runs it under xvfb-run).
import { serve } from '../tests/e2e/serve.mjs';
import { DIST } from '../tests/e2e/helpers.mjs';
import { startWebKit } from '../tests/webkit/webdriver.mjs';

const PROBE = new URL('./engine-probe/', import.meta.url).pathname;
const probeSite = await serve({ root: PROBE, isolation: true });
const pageSite = await serve({ root: process.env.BENCH_DIST || DIST, isolation: true });
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);

const waitForReport = `() => new Promise((resolve) => {
  const look = () => {
    const box = document.querySelector('[data-testid="result-json"][data-run="1"]');
    if (box) resolve(box.textContent); else setTimeout(look, 100);
  };
  look();
})`;
// Runs the page again (Run pressed) until its report is run `n`'s.
const runUntil = (n) => `() => new Promise((resolve) => {
  const look = () => {
    const box = document.querySelector('[data-testid="result-json"]');
    const run = Number(box?.dataset.run || 0);
    if (run >= ${n}) return resolve(box.textContent);
    const button = document.querySelector('[data-testid="run"]');
    if (box && run > 0 && !button.disabled && Number(button.dataset.asked || 0) < run + 1) {
      button.dataset.asked = String(run + 1);
      button.click();
    }
    setTimeout(look, 100);
  };
  look();
})`;
const waitForThreads = `() => new Promise((resolve) => {
  const look = () => {
    if (document.querySelector('[data-testid="cap-threads"][data-ready="true"]')) resolve(true);
    else setTimeout(look, 100);
  };
  look();
})`;

// One browser, behind the few calls this needs: open a fresh page at a URL,
// and evaluate a function's source in it (awaiting a promise).
async function playwrightBrowser(name) {
  process.env.E2E_BROWSER = name;
  const { launch } = await import(`../tests/e2e/browser.mjs?${name}`);
  const browser = await launch();
  let context = null;
  let page = null;
  return {
    async open(url) {
      await context?.close();
      context = await browser.newContext();
      page = await context.newPage();
      await page.goto(url);
    },
    evaluate: (source) => page.evaluate(`(${source})()`),
    close: () => browser.close(),
  };
}

async function webkitBrowser(engine = {}) {
  const session = await startWebKit({ sharedMemory: true, engine });
  return {
    async open(url) {
      await session.goto('about:blank');
      await session.goto(url);
    },
    evaluate: (source) => session.evaluate(source),
    close: () => session.quit(),
  };
}

async function measure(browser) {
  await browser.open(`${probeSite.url}index.html`);
  const engine = await browser.evaluate('() => window.probe()');
  const sync = [];
  const lock = [];
  for (let round = 0; round < ROUNDS; round++) {
    await browser.open(`${pageSite.url}#/lock?run=1`);
    lock.push(JSON.parse(await browser.evaluate(waitForReport)));
  }
  // One tab, the same workers run after run: the first run against the fifth.
  await browser.open(`${pageSite.url}#/lock?run=1`);
  const firstInTab = JSON.parse(await browser.evaluate(waitForReport));
  const fifthInTab = JSON.parse(await browser.evaluate(runUntil(5)));
  await browser.open(`${pageSite.url}#/`);
  await browser.evaluate(waitForThreads);
  sync.push(JSON.parse(await browser.evaluate('() => window.playground.playground_bench_sync()')));
  // The fastest round: noise only adds time.
  const fastest = lock.reduce((a, b) => (b.ms < a.ms ? b : a));
  return { engine, sync: sync[0], lock: fastest, lockRounds: lock.map((r) => r.ms), firstInTab, fifthInTab };
}

const results = {};
for (const [name, start] of [
  ['Chromium', () => playwrightBrowser('chromium')],
  ['Firefox ESR', () => playwrightBrowser('firefox')],
  ['WebKitGTK', () => webkitBrowser()],
  // Its wasm interpreter (the first tier, IPInt) off: only the tiers differ.
  ['WebKitGTK, IPInt off', () => webkitBrowser({ JSC_useWasmIPInt: 'false' })],
]) {
  const browser = await start();
  try {
    results[name] = await measure(browser);
  } finally {
    await browser.close();
  }
}
probeSite.server.close();
pageSite.server.close();

const names = Object.keys(results);
const rows = [
  ['engine: Atomics.wait, 1 ms timeout, median', 'ms', (r) => r.engine.sleep_1ms.median],
  ['… p90', 'ms', (r) => r.engine.sleep_1ms.p90],
  ['engine: memory.atomic.wait32, 1 ms timeout, median', 'ms', (r) => r.engine.wasm_sleep_1ms.median],
  ['… p90', 'ms', (r) => r.engine.wasm_sleep_1ms.p90],
  ['engine: notify → waiting worker runs (JS), median', 'ms', (r) => r.engine.handover.median],
  ['engine: the same in wasm, median', 'ms', (r) => r.engine.wasm_handover.median],
  ['engine: a worker starts (first message), median', 'ms', (r) => r.engine.worker_start.median],
  ['… and instantiates a 3000-function module, median', 'ms', (r) => r.engine.worker_start_instantiated.median],
  ['engine: the lock page in plain JS (100 threads, 1 ms)', 'ms', (r) => r.engine.lock_100_threads_ms],
  ['… its sleeps, p90', 'ms', (r) => r.engine.lock_sleep_1ms.p90],
  ['engine: 100 workers × 1000 turns of a futex lock (JS)', 'ms', (r) => r.engine.hammer_js_ms],
  ['… wait/notify in wasm', 'ms', (r) => r.engine.hammer_wasm_ms],
  ['ours: Lock notify → wake, median', 'ms', (r) => r.sync.notify_wake_median_us / 1000],
  ['ours: Lock contended, 2 threads, per op', 'µs', (r) => r.sync.contended_ns_per_op / 1000],
  ['ours: fib(35), one thread', 'ms', (r) => r.sync.fib_ms],
  ['lock page, fresh tab, run=1: ms (fastest of rounds)', 'ms', (r) => r.lock.ms],
  ['… spawn_ms', 'ms', (r) => r.lock.spawn_ms],
  ['… per turn: (ms − spawn_ms) / 100', 'ms', (r) => (r.lock.ms - r.lock.spawn_ms) / 100],
  ['lock page, one tab: first run', 'ms', (r) => r.firstInTab.ms],
  ['… fifth run (the same workers)', 'ms', (r) => r.fifthInTab.ms],
];
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(3));
console.log(`| measure | unit | ${names.join(' | ')} | ${names.slice(1).map((n) => `${n} / Chromium`).join(' | ')} |`);
console.log(`|---|---|${names.map(() => '---:').join('|')}|${names.slice(1).map(() => '---:').join('|')}|`);
for (const [label, unit, value] of rows) {
  const values = names.map((n) => value(results[n]));
  const ratios = values.slice(1).map((v) => `${(v / values[0]).toFixed(2)}×`);
  console.log(`| ${label} | ${unit} | ${values.map(fmt).join(' | ')} | ${ratios.join(' | ')} |`);
}
console.log(`\n(lock page rounds, ms: ${names.map((n) => `${n} ${results[n].lockRounds.join(', ')}`).join('; ')}; ` +
  `${names.map((n) => `${n}: ${results[n].lock.env.browser}, clock step ${results[n].lock.env.timer_resolution_ms} ms`).join('; ')})`);

// The GIL page's and the lock page's reports at their defaults, in
// Chromium and in Firefox ESR, side by side (each browser freshly started,
// each page in a fresh context, run=1). Not a test: it asserts nothing;
// scripts/bench.sh prints it.
import { serve } from '../tests/e2e/serve.mjs';
import { DIST } from '../tests/e2e/helpers.mjs';

const { server, url } = await serve({ root: process.env.BENCH_DIST || DIST, isolation: true });

async function reportsIn(browserName) {
  process.env.E2E_BROWSER = browserName;
  // browser.mjs reads E2E_BROWSER when it is first imported: a fresh copy.
  const { launch } = await import(`../tests/e2e/browser.mjs?${browserName}`);
  const browser = await launch();
  const reports = {};
  for (const page of ['gil', 'lock']) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(`${url}#/${page}?run=1`);
    await tab.waitForFunction(() => document.querySelector('[data-testid="result-json"][data-run="1"]'),
      null, { timeout: 180_000 });
    reports[page] = JSON.parse(await tab.getByTestId('result-json').textContent());
    await context.close();
  }
  await browser.close();
  return reports;
}

const chromium = await reportsIn('chromium');
const firefox = await reportsIn('firefox');
server.close();

const mode = (report, name) => report.runs.find((r) => r.mode === name);
const rows = [
  ['browser, clock step', (r) => `${r.gil.env.browser}, ${r.gil.env.timer_resolution_ms} ms`],
  ['GIL page: sequential ms', (r) => mode(r.gil, 'sequential').ms],
  ['… gil ms (switches)', (r) => `${mode(r.gil, 'gil').ms} (${mode(r.gil, 'gil').switches})`],
  ['… gil / sequential', (r) => (mode(r.gil, 'gil').ms / mode(r.gil, 'sequential').ms).toFixed(2)],
  ['… free threads speedup', (r) => mode(r.gil, 'free').speedup],
  ['… processes speedup', (r) => mode(r.gil, 'processes')?.speedup ?? '–'],
  ['lock page: value of expected', (r) => `${r.lock.value} of ${r.lock.expected}`],
  ['… ms, spawn_ms', (r) => `${r.lock.ms}, ${r.lock.spawn_ms}`],
  ['… warm workers', (r) => r.lock.warm_workers],
];
console.log('| the defaults, run=1 | Chromium | Firefox ESR |');
console.log('|---|---:|---:|');
for (const [name, value] of rows) console.log(`| ${name} | ${value(chromium)} | ${value(firefox)} |`);

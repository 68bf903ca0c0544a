// How much of the shared WebAssembly memory the pages really use, to size
// its declared maximum (.cargo/config.toml, --max-memory): each page at its
// defaults and at the most its form allows (the largest thread counts),
// each in a fresh tab, then all of them one after another in one tab (the
// memory never shrinks, and freed stacks leave holes). Reads the page's
// `memory_bytes` (the memory's size: what the browser had to grant) and
// `heap_in_use_bytes` (playground_debug_pool). Chromium. Not a test: it
// asserts nothing; its figures are in docs/measurements.md.
import { startAll, waitForReport } from '../tests/e2e/helpers.mjs';

const PAGES = [
  '', 'gil', 'processes', 'lock', 'semaphore', 'condition', 'coroutine', 'async', 'kettle',
  '?n=25&repeat=5&threads=64',
  'gil?n=25&threads=64',
  'processes?workers=16',
  'lock?threads=256&sleep_ms=1',
  'lock?threads=256&sleep_ms=1&use_lock=false',
  'semaphore?threads=256&permits=64&max_hold_ms=20',
  `condition?consumers=32&consumer_start_ms=${Array(32).fill(0).join(',')}`,
  'async?tasks=20&unit_ms=50',
  'coroutine?items=50',
];
const MB = (b) => (b / 2 ** 20).toFixed(1);
const pool = (page) => page.evaluate(() => JSON.parse(window.playground.playground_debug_pool()));

const env = await startAll();
const rows = [];
try {
  for (const path of PAGES) {
    const { page, context } = await env.open(`#/${path.startsWith('?') ? path : path.replace(/^([a-z]*)/, '$1')}${path.includes('?') ? '&' : '?'}run=1`);
    const report = await waitForReport(page, 300_000);
    const p = await pool(page);
    rows.push([path || '(home)', report.status, MB(p.memory_bytes), MB(p.heap_in_use_bytes), p.workers]);
    console.error(rows.at(-1).join(' | '));
    await context.close();
  }
  // All of them, one after another, in one tab.
  const { page, context } = await env.open('#/');
  let peak = 0;
  for (const path of PAGES) {
    const [route, query = ''] = path.split('?');
    const before = await page.evaluate(() => document.querySelector('[data-testid="result-json"]')?.textContent ?? '');
    await page.evaluate((hash) => { location.hash = hash; }, `#/${route}?${query}${query ? '&' : ''}run=1`);
    await page.waitForFunction((old) => {
      const text = (document.querySelector('[data-testid="result-json"]')?.textContent ?? '').trim();
      return text.length > 0 && text !== old.trim();
    }, before, { timeout: 300_000, polling: 250 });
    peak = Math.max(peak, (await pool(page)).memory_bytes);
  }
  rows.push(['all of the above in one tab', '', MB(peak), '', '']);
  await context.close();
} finally {
  await env.stop();
}
console.log('| page (run=1) | status | memory MiB | heap in use MiB | workers |');
console.log('|---|---|---:|---:|---:|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);

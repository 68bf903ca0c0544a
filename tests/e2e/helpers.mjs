// What the end-to-end tests share: the built page, served; a browser; and
// the page contract (result JSON, the Run button).
import { existsSync } from 'node:fs';
import { serve } from './serve.mjs';
import { launch, openPage } from './browser.mjs';

export const DIST = new URL('../../dist/', import.meta.url).pathname;

export async function startAll({ isolation = true, browserArgs = [], root = DIST, prefix = '/' } = {}) {
  if (!existsSync(`${root}/index.html`)) throw new Error(`${root} is missing: run scripts/build.sh first`);
  const { server, url, origin } = await serve({ root, isolation, prefix });
  const browser = await launch(browserArgs);
  return {
    url,
    origin,
    browser,
    open: (path = '') => openPage(browser, url + path),
    async stop() {
      await browser.close();
      server.close();
    },
  };
}

// A context that records what each download link would save, instead of
// saving it: `window.downloads` holds a promise of { name, bytes } per
// download. The file is read where the page hands it to the browser (the
// link's click): Playwright's WebDriver BiDi client for Firefox reports no
// download events. `lang`, if given, is the pages' language.
export async function recordingDownloads(browser, lang) {
  const context = await browser.newContext();
  await context.addInitScript((l) => {
    if (l) localStorage.setItem('playground.lang', l);
    // (The page's CSP lets it fetch nothing but its own origin, so the
    // blob behind a link is kept when its URL is made.)
    window.downloads = [];
    const blobs = new Map();
    const makeUrl = URL.createObjectURL;
    URL.createObjectURL = (blob) => {
      const url = makeUrl(blob);
      blobs.set(url, blob);
      return url;
    };
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function recorded() {
      if (!this.download || !blobs.has(this.href)) return click.call(this);
      const name = this.download;
      window.downloads.push(blobs.get(this.href).arrayBuffer()
        .then((b) => ({ name, bytes: Array.from(new Uint8Array(b)) })));
      return undefined;
    };
  }, lang ?? null);
  return context;
}

// Clicks `button` and returns the file its download saves: { name, bytes }.
export async function downloaded(page, button) {
  const before = await page.evaluate(() => window.downloads.length);
  await button.click();
  await page.waitForFunction((n) => window.downloads.length > n, before);
  const file = await page.evaluate(() => window.downloads.at(-1));
  return { name: file.name, bytes: Buffer.from(file.bytes) };
}

// Waits until the thread pool has started (the capabilities strip says so).
export async function waitForThreads(page) {
  await page.locator('[data-testid="cap-threads"][data-ready="true"]').waitFor({ timeout: 60_000 });
}

// Waits for the report of the run in progress and returns it parsed.
export async function waitForReport(page, timeout = 120_000) {
  const report = page.getByTestId('result-json');
  await page.waitForFunction(
    () => (document.querySelector('[data-testid="result-json"]')?.textContent || '').trim().length > 0,
    null,
    { timeout, polling: 250 },
  );
  return JSON.parse(await report.textContent());
}

// Clicks Run and waits for the report of that run (a report other than the
// one shown now), returned parsed.
export async function runAgain(page, timeout = 120_000) {
  const before = await page.getByTestId('result-json').textContent();
  await page.getByTestId('run').click();
  await page.waitForFunction(
    (old) => {
      const text = (document.querySelector('[data-testid="result-json"]')?.textContent || '').trim();
      return text.length > 0 && text !== old.trim();
    },
    before,
    { timeout, polling: 250 },
  );
  return JSON.parse(await page.getByTestId('result-json').textContent());
}

// fib(n), to check the pages' values against.
export function fib(n) {
  let [a, b] = [0, 1];
  for (let i = 0; i < n; i += 1) [a, b] = [b, a + b];
  return a;
}

export { maxOverlap } from './spans.mjs';

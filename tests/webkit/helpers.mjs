// What the WebKit tests share: dist/ served as in the Playwright suite
// (tests/e2e/serve.mjs), a MiniBrowser session through WebKitWebDriver
// (./webdriver.mjs), and the page contract read through WebDriver.
import { existsSync } from 'node:fs';
import { serve } from '../e2e/serve.mjs';
import { startWebKit } from './webdriver.mjs';

export const DIST = new URL('../../dist/', import.meta.url).pathname;

export async function startAll({ sharedMemory = true, isolation = true, engine = {} } = {}) {
  if (!existsSync(`${DIST}/index.html`)) throw new Error(`${DIST} is missing: run scripts/build.sh first`);
  const { server, url } = await serve({ root: DIST, isolation });
  let browser;
  try {
    browser = await startWebKit({ sharedMemory, engine });
  } catch (error) {
    server.close();
    throw error;
  }
  return {
    url,
    browser,
    // Opens `path` (after `#`) fresh, in `lang`: the language is stored
    // first from a page of the same origin (WebDriver has no init scripts).
    async open(path = '', { lang = 'en' } = {}) {
      await browser.goto('about:blank');
      await browser.goto(`${url}no-such-file`);
      await browser.evaluate((l) => localStorage.setItem('playground.lang', l), lang);
      await browser.goto(`${url}#/${path}`);
      await recordErrors(browser);
      return browser;
    },
    async stop() {
      await browser.quit().catch(() => {});
      server.close();
    },
  };
}

// From now on, errors the page logs or throws are kept in window.problems
// (what happened before this is not seen: WebDriver classic has no log).
export function recordErrors(browser) {
  return browser.evaluate(() => {
    window.problems = [];
    const error = console.error.bind(console);
    console.error = (...args) => {
      window.problems.push(`console: ${args.join(' ')}`);
      error(...args);
    };
    addEventListener('error', (e) => window.problems.push(`exception: ${e.message}`));
    addEventListener('unhandledrejection', (e) => window.problems.push(`rejection: ${e.reason}`));
  });
}

export const problems = (browser) => browser.evaluate(() => window.problems ?? []);

export function waitForThreads(browser) {
  return browser.waitFor('the thread pool', () =>
    document.querySelector('[data-testid="cap-threads"][data-ready="true"]') !== null, { timeout: 90_000 });
}

const reportText = () => (document.querySelector('[data-testid="result-json"]')?.textContent || '').trim();

// Waits for the report on the page (one other than `old`, if given) and
// returns it parsed.
export async function waitForReport(browser, { old = '', timeout = 120_000 } = {}) {
  const text = await browser.waitFor('the report', (previous) => {
    const now = (document.querySelector('[data-testid="result-json"]')?.textContent || '').trim();
    return now.length > 0 && now !== previous ? now : null;
  }, { timeout, args: [old] });
  return JSON.parse(text);
}

// Clicks Run and returns the report of that run.
export async function runAgain(browser) {
  const old = await browser.evaluate(reportText);
  await (await browser.find('[data-testid="run"]')).click();
  return waitForReport(browser, { old });
}

export { maxOverlap } from '../e2e/spans.mjs';

// Starts a browser from Debian under Playwright (playwright-core never
// downloads one): Chromium, or with E2E_BROWSER=firefox, Firefox ESR driven
// through WebDriver BiDi, with the flags a root, offline, headless machine
// needs. The same tests run in both.
import playwright from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
export const BROWSER = process.env.E2E_BROWSER || 'chromium';
if (!['chromium', 'firefox'].includes(BROWSER)) throw new Error(`E2E_BROWSER=${BROWSER}: chromium or firefox`);

// Firefox's preferences for a machine with no network and no one at it.
const FIREFOX_PREFS = {
  'app.update.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'network.captive-portal-service.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  // Timers in a tab without focus run at full speed, as in Chromium with
  // --disable-background-timer-throttling.
  'dom.min_background_timeout_value': 0,
  'dom.timeout.enable_budget_timer_throttling': false,
};

// `extraArgs`: more Chromium flags, for a test that needs them (Firefox
// ignores them: its equivalents are preferences).
export function launch(extraArgs = []) {
  if (BROWSER === 'firefox') {
    // Playwright's BiDi client for stock Firefox (experimental in
    // playwright-core, hence the underscore).
    return playwright._bidiFirefox.launch({
      executablePath: FIREFOX,
      headless: true,
      firefoxUserPrefs: FIREFOX_PREFS,
    });
  }
  // Playwright gives every launch a fresh, temporary user-data-dir.
  return playwright.chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-renderer-backgrounding',
      '--disable-background-timer-throttling',
      '--disable-backgrounding-occluded-windows',
      ...extraArgs,
    ],
  });
}

// Opens a page (in a new context of `browser`, or in the given context)
// that records every console error and uncaught exception.
export async function openPage(browserOrContext, url) {
  const context = 'newContext' in browserOrContext ? await browserOrContext.newContext() : browserOrContext;
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  if (url) await page.goto(url);
  return { context, page, problems };
}

// Starts Debian's Chromium under Playwright (playwright-core never downloads
// a browser) with the flags a root, offline, headless machine needs.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// `extraArgs`: more Chromium flags, for a test that needs them.
export function launch(extraArgs = []) {
  // Playwright gives every launch a fresh, temporary user-data-dir.
  return chromium.launch({
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

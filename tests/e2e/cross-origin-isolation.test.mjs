// Served the way GitHub Pages serves it: without the isolation headers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startAll, waitForThreads } from './helpers.mjs';

let env;
before(async () => {
  env = await startAll({ isolation: false });
});
after(async () => {
  await env.stop();
});

test('without the headers, the service worker isolates the page after one reload', async () => {
  const { page, problems, context } = await env.open();
  // The first load is not isolated; boot.js registers sw.js and reloads.
  await waitForThreads(page);
  assert.equal(await page.evaluate(() => crossOriginIsolated), true);
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller !== null), true);
  assert.equal(await page.getByTestId('cap-isolated').getAttribute('data-ok'), 'true');
  assert.deepEqual(problems, []);
  await context.close();
});

test('where service workers are blocked, the page says what is wrong', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(env.url);
  const problem = page.getByTestId('boot-problem');
  await problem.waitFor({ timeout: 30_000 });
  assert.match(await problem.textContent(), /Cross-Origin-Embedder-Policy|跨源隔离/);
  await context.close();
});

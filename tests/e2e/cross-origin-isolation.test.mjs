// Served the way GitHub Pages serves it: without the isolation headers, as
// a project site under a path of an origin that other sites share
// (https://user.github.io/repo/). The service worker (src/web/sw.js) adds
// the headers; these are the known traps of doing it that way.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startAll, waitForThreads } from './helpers.mjs';
import { BROWSER } from './browser.mjs';

// The page's loads of its main document (its requests for it: a change
// of the address by script, which navigates in the same document, is none).
function countLoads(page) {
  const loads = [];
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) loads.push(request.url());
  });
  return loads;
}

describe('a host that sends no headers, the site under /repo/', () => {
  let env;
  before(async () => {
    env = await startAll({ isolation: false, prefix: '/repo/' });
  });
  after(async () => {
    await env.stop();
  });

  test('the service worker isolates the page after one reload, and the address is kept', async () => {
    const { page, problems, context } = await env.open('#/lock?threads=3');
    // The first load is not isolated; boot.js registers sw.js and reloads.
    await waitForThreads(page);
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller !== null), true);
    assert.equal(await page.getByTestId('cap-isolated').getAttribute('data-ok'), 'true');
    // The reload's mark is taken off the address; the route stays.
    assert.equal(page.url(), `${env.url}#/lock?threads=3`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the worker\'s scope is the site\'s folder, not the shared origin', async () => {
    const { page, context } = await env.open();
    await waitForThreads(page);
    const scopes = await page.evaluate(async () =>
      (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope));
    assert.deepEqual(scopes, [env.url]);
    // Another site of the origin is not ours to answer.
    await page.goto(`${env.origin}/other-site/`);
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);
    assert.equal(await page.evaluate(() => crossOriginIsolated), false);
    await context.close();
  });

  test('a hard reload (which bypasses the worker) is followed by one soft reload', { skip: BROWSER !== 'chromium' && 'Chromium\'s DevTools protocol makes the hard reload' }, async () => {
    const { page, context } = await env.open('#/lock');
    await waitForThreads(page);
    const loads = countLoads(page);
    const cdp = await context.newCDPSession(page);
    // Shift+Reload: the cache and the service worker are bypassed.
    await cdp.send('Page.reload', { ignoreCache: true });
    await page.waitForFunction(() => crossOriginIsolated && document.querySelector('[data-testid="cap-threads"][data-ready="true"]'), null, { timeout: 60_000 });
    assert.equal(loads.length, 2, `loads: ${loads.join(', ')}`);
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller !== null), true);
    await context.close();
  });

  test('where the worker never controls the page, it reloads once, never loops, and says so', { skip: BROWSER !== 'chromium' && 'Chromium\'s DevTools protocol bypasses the worker' }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // Every load bypasses the service worker, as a hard reload does.
    await cdp.send('Network.setBypassServiceWorker', { bypass: true });
    const loads = countLoads(page);
    await page.goto(`${env.url}#/lock`);
    const problem = page.getByTestId('boot-problem');
    await problem.waitFor({ timeout: 30_000 });
    await page.waitForTimeout(2000);
    assert.equal(loads.length, 2, `loads: ${loads.join(', ')}`);
    assert.equal(await problem.getAttribute('role'), 'alert');
    assert.ok(['noServiceWorker', 'notIsolated'].includes(await problem.getAttribute('data-problem')));
    await context.close();
  });

  for (const lang of ['zh', 'en']) {
    test(`a private window without service workers is told so, in ${lang}`, async () => {
      const context = await env.browser.newContext();
      await context.addInitScript((l) => {
        localStorage.setItem('playground.lang', l);
        // As Firefox's private windows: no navigator.serviceWorker at all.
        delete Navigator.prototype.serviceWorker;
      }, lang);
      const page = await context.newPage();
      const loads = countLoads(page);
      await page.goto(`${env.url}#/lock`);
      const problem = page.getByTestId('boot-problem');
      await problem.waitFor({ timeout: 30_000 });
      assert.equal(await problem.getAttribute('data-problem'), 'noServiceWorker');
      assert.equal(await problem.getAttribute('role'), 'alert');
      const text = await problem.textContent();
      assert.match(text, lang === 'zh' ? /无痕或隐私窗口/ : /private windows/);
      assert.equal(loads.length, 1, 'it reloaded');
      await context.close();
    });
  }

  test('where service workers are blocked, the page says what is wrong', async () => {
    const context = await env.browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(env.url);
    const problem = page.getByTestId('boot-problem');
    await problem.waitFor({ timeout: 30_000 });
    assert.equal(await problem.getAttribute('role'), 'alert');
    assert.match(await problem.textContent(), /service worker/);
    await context.close();
  });
});

// The built page, served with the isolation headers, in Debian's Chromium.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startAll, waitForReport, waitForThreads } from './helpers.mjs';
import { openPage } from './browser.mjs';

describe('the playground page', () => {
  let env;
  before(async () => {
    env = await startAll();
  });
  after(async () => {
    await env.stop();
  });

  test('loads cross-origin isolated, starts its threads, and logs no error', async () => {
    const context = await env.browser.newContext();
    const requests = [];
    context.on('request', (request) => requests.push(request.url()));
    const { page, problems } = await openPage(context, `${env.url}#/`);
    await waitForThreads(page);
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);
    assert.equal(await page.getByTestId('cap-isolated').getAttribute('data-ok'), 'true');
    assert.equal(await page.locator('#boot').count(), 0, 'the boot message is still there');
    // Every section of the post is listed, in order.
    assert.equal(await page.locator('nav.sections li').count(), 9);
    await page.waitForTimeout(500);
    assert.deepEqual(problems, []);
    // Nothing leaves the page's origin (blob: is how rayon starts workers).
    const elsewhere = requests.filter((url) => !url.startsWith(env.url) && !url.startsWith('blob:') && !url.startsWith('data:'));
    assert.deepEqual(elsewhere, []);
    assert.ok(requests.some((url) => url.endsWith('.wasm')), 'the program was not fetched at all');
    await context.close();
  });

  test('the system check times one thread against two, and the cost of starting threads', async (t) => {
    const { page, problems, context } = await env.open('#/?n=30&repeat=40&threads=2&run=1');
    const report = await waitForReport(page);
    assert.equal(report.experiment, 'system');
    assert.equal(report.status, 'ok', report.error);
    assert.deepEqual(report.params, { n: 30, repeat: 40, threads: 2 });
    assert.equal(report.env.cross_origin_isolated, true);
    assert.equal(report.fib_value, 832040);
    assert.deepEqual(report.thread_start.map((s) => s.threads), [1, 10, 100]);
    const lanes = new Set(report.timeline.map((s) => s.lane));
    assert.deepEqual([...lanes].sort(), ['sequential', 'thread 1', 'thread 2']);
    for (const span of report.timeline) assert.ok(span.start_ms <= span.end_ms && span.state === 'running');
    assert.equal(report.sequential_rounds_ms.length, 5);
    assert.equal(report.sequential_ms, Math.min(...report.sequential_rounds_ms));
    assert.equal(report.parallel_ms, Math.min(...report.parallel_rounds_ms));
    // How fast is for scripts/bench.sh, side by side with the machine.
    t.diagnostic(`browser speedup ${report.speedup} (rounds: sequential ${report.sequential_rounds_ms}, ` +
      `parallel ${report.parallel_rounds_ms})`);
    t.diagnostic(`thread start: ${JSON.stringify(report.thread_start)}`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the form runs with what was typed, and keeps it in the URL', async () => {
    const { page, context } = await env.open('#/');
    await waitForThreads(page);
    await page.getByLabel('fib argument n', { exact: true }).fill('22');
    await page.getByLabel('threads k', { exact: true }).fill('3');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const report = await waitForReport(page);
    assert.equal(report.status, 'ok', report.error);
    assert.deepEqual(report.params, { n: 22, repeat: 40, threads: 3 });
    assert.match(page.url(), /n=22/);
    assert.match(page.url(), /threads=3/);
    await context.close();
  });

  test('bad values are reported next to their fields, and the run refuses them', async () => {
    const { page, context } = await env.open('#/?n=abc&threads=999&colour=red&run=1');
    const report = await waitForReport(page);
    assert.equal(report.status, 'error');
    assert.match(report.error, /n: .*abc/);
    assert.match(report.error, /threads: .*999/);
    assert.equal(await page.locator('#field-n').getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#field-n-error').textContent(), /abc/);
    assert.match(await page.locator('#field-threads-error').textContent(), /999/);
    assert.match(await page.locator('form.params').textContent(), /colour/);
    await context.close();
  });

  test('Cancel stops a long run', async () => {
    const { page, context } = await env.open('#/?n=40&threads=2');
    await waitForThreads(page);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    const report = await waitForReport(page, 30_000);
    assert.equal(report.status, 'cancelled');
    // The page is free to run again at once.
    assert.equal(await page.getByRole('button', { name: 'Run', exact: true }).isEnabled(), true);
    await context.close();
  });

  test('the language switch changes every word and is remembered', async () => {
    const { page, context } = await env.open('#/');
    await waitForThreads(page);
    await page.getByRole('button', { name: 'English' }).click();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.match(await page.locator('h2').first().textContent(), /System check/);
    await page.getByRole('button', { name: '中文' }).click();
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh');
    assert.match(await page.locator('h2').first().textContent(), /系统检测/);
    assert.equal((await page.locator('button.run').textContent()).trim(), '运行');
    // The accessible names are the visible text (WCAG 2.5.3), in the
    // page's language; the test ids stay.
    assert.equal(await page.getByRole('button', { name: '运行', exact: true }).count(), 1);
    assert.equal(await page.getByRole('button', { name: '取消', exact: true }).count(), 1);
    assert.equal(await page.getByRole('button', { name: 'Run', exact: true }).count(), 0);
    await page.getByRole('button', { name: 'English' }).click();
    assert.equal(await page.getByRole('button', { name: 'Run', exact: true }).count(), 1);
    assert.equal(await page.getByRole('button', { name: 'Cancel', exact: true }).count(), 1);
    await page.getByRole('button', { name: '中文' }).click();
    await page.reload();
    await waitForThreads(page);
    assert.match(await page.locator('h2').first().textContent(), /系统检测/);
    await context.close();
  });

  test('a panic shows the error banner, and the page keeps working', async () => {
    const { page, context } = await env.open('#/');
    await waitForThreads(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.evaluate(() => window.playground.playground_debug_panic('deliberate test panic'));
    const banner = page.getByTestId('panic-banner');
    await banner.waitFor();
    assert.match(await banner.textContent(), /deliberate test panic/);
    await page.getByRole('button', { name: '中文' }).click();
    assert.match(await page.locator('h2').first().textContent(), /系统检测/);
    await page.locator('#field-n').fill('20');
    await page.getByRole('button', { name: '运行', exact: true }).click();
    assert.equal((await waitForReport(page)).status, 'ok');
    await context.close();
  });

  test('on a phone the sections fold behind a button, and a link folds them again', async () => {
    const context = await env.browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${env.url}#/`);
    await waitForThreads(page);
    const list = page.locator('#sections-list');
    const toggle = page.getByTestId('nav-toggle');
    assert.equal(await list.isVisible(), false);
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.equal(await list.isVisible(), true);
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await list.locator('a[href="#/lock"]').click();
    await page.locator('section.experiment[data-experiment="lock"]').waitFor();
    assert.equal(await list.isVisible(), false);
    await context.close();
  });

  test('an unknown address says so', async () => {
    const { page, context } = await env.open('#/no-such-page');
    await waitForThreads(page);
    assert.match(await page.locator('main').textContent(), /no-such-page/);
    await context.close();
  });
});

// Browsers without Atomics.waitAsync (Firefox before 145, Safari before
// 16.4): the page's thread then looks at a futex word on a timer
// (src/sync/futex.js). Neither browser we test lacks it, so this takes it
// away before the program loads, and runs what waits on the page's thread:
// the pool's warm-up, joins, a Condition, Cancel.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startAll, waitForReport } from './helpers.mjs';

describe('without Atomics.waitAsync', () => {
  let env;
  before(async () => {
    env = await startAll();
  });
  after(async () => {
    await env.stop();
  });

  async function openWithout(path) {
    const context = await env.browser.newContext();
    await context.addInitScript(() => { delete Atomics.waitAsync; });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    await page.goto(env.url + path);
    assert.equal(await page.evaluate(() => typeof Atomics.waitAsync), 'undefined');
    return { context, page, problems };
  }

  test('the lock page warms its workers, runs and counts exactly', async () => {
    const { context, page, problems } = await openWithout('#/lock?threads=40&sleep_ms=1&run=1');
    const report = await waitForReport(page);
    assert.equal(report.status, 'ok', report.error);
    assert.equal(report.value, 40);
    assert.ok(report.warm_workers >= 40);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the condition page: notify_all wakes every consumer, none before the notify', async () => {
    const { context, page, problems } = await openWithout(
      '#/condition?consumers=3&consumer_start_ms=0,100,200&producer_delay_ms=500&notify=all&timeout_ms=3000&run=1');
    const report = await waitForReport(page);
    assert.equal(report.status, 'ok', report.error);
    assert.equal(report.consumers.length, 3);
    for (const c of report.consumers) {
      assert.ok(c.woke_ms !== null && c.woke_ms >= report.notify_ms, JSON.stringify(c));
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('Cancel still ends a long run', async () => {
    const { context, page, problems } = await openWithout('#/gil?n=45&threads=2&modes=gil');
    await page.getByTestId('run').click();
    await page.waitForTimeout(300);
    await page.getByTestId('cancel').click();
    const report = await waitForReport(page, 60_000);
    assert.equal(report.status, 'cancelled');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

// The Lock, Semaphore and Condition pages (#/lock, #/semaphore,
// #/condition), through the page contract.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { maxOverlap, runAgain, startAll, waitForReport } from './helpers.mjs';
import { BROWSER } from './browser.mjs';

describe('the Lock, Semaphore and Condition pages', () => {
  let env;
  before(async () => {
    env = await startAll();
  });
  after(async () => {
    await env.stop();
  });

  // Opens `path` in a new page and waits for its report.
  async function run(path) {
    const opened = await env.open(path);
    const report = await waitForReport(opened.page);
    assert.equal(report.status, 'ok', report.error);
    return { ...opened, report };
  }

  test('lock: with the lock the count is exact, and the read→write windows never overlap', async (t) => {
    const { page, problems, context, report } = await run('#/lock?run=1');
    assert.equal(report.experiment, 'lock');
    assert.deepEqual(report.params, { threads: 100, sleep_ms: 1, use_lock: true });
    // The report names the browser it ran in, and the clock's step.
    assert.match(report.env.browser, BROWSER === 'firefox' ? /^Firefox \d+$/ : /^Chromium \d+$/);
    assert.ok(report.env.timer_resolution_ms > 0 && report.env.timer_resolution_ms <= 1,
      `clock step ${report.env.timer_resolution_ms} ms`);
    t.diagnostic(`${report.env.browser}, clock step ${report.env.timer_resolution_ms} ms`);
    assert.equal(report.value, 100);
    assert.equal(report.expected, 100);
    assert.equal(report.lost_updates, 0);
    const windows = report.timeline.filter((s) => s.state === 'read_write');
    assert.equal(windows.length, 100);
    assert.equal(maxOverlap(windows), 1);
    // `run=1` waited for the page's 100 workers; a second run finds them
    // all again.
    assert.ok(report.warm_workers >= 100, `${report.warm_workers} warm workers`);
    const again = await runAgain(page);
    assert.equal(again.value, 100);
    assert.ok(again.warm_workers >= 100, `${again.warm_workers} warm workers`);
    t.diagnostic(`100 threads started in ${report.spawn_ms} and ${again.spawn_ms} ms; ` +
      `runs took ${report.ms} and ${again.ms} ms`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('lock: without the lock updates are lost, and counted', async (t) => {
    const { problems, context, report } = await run('#/lock?use_lock=false&sleep_ms=1&run=1');
    t.diagnostic(`value ${report.value} of ${report.expected}, ${report.lost_updates} lost, ` +
      `at most ${report.max_overlap} windows open at once`);
    assert.ok(report.lost_updates > 0, 'no update was lost');
    assert.equal(report.lost_updates, report.expected - report.value);
    assert.ok(maxOverlap(report.timeline) > 1);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('semaphore: never more holders than permits, and the permits fill up', async (t) => {
    const { page, problems, context, report } = await run(
      '#/semaphore?permits=3&threads=8&max_hold_ms=400&seed=11&run=1');
    assert.equal(report.experiment, 'semaphore');
    assert.equal(report.params.seed, 11);
    const holding = report.timeline.filter((s) => s.state === 'holding');
    assert.equal(holding.length, 8);
    const overlap = maxOverlap(holding);
    t.diagnostic(`holds ${report.hold_ms} ms; at most ${overlap} at once (counted inside: ${report.max_concurrent})`);
    assert.ok(overlap <= 3, `${overlap} held at once`);
    assert.equal(overlap, 3, 'the permits never filled up');
    assert.ok(report.max_concurrent <= 3);
    assert.equal(report.log.length, 16);
    assert.match(report.log[0].text, /^\d+ acquired a permit$/);
    assert.match(await page.getByTestId('semaphore-log').textContent(), /released its permit/);
    // The same seed, the same hold times.
    const again = await run('#/semaphore?permits=3&threads=8&max_hold_ms=400&seed=11&run=1');
    assert.deepEqual(again.report.hold_ms, report.hold_ms);
    await again.context.close();
    assert.deepEqual(problems, []);
    await context.close();
  });

  // The condition page's rules, as cause and effect: a consumer that was
  // waiting when the producer notified is woken (all of them, or the first
  // n); one that began waiting after the notify missed it and times out.
  // Which consumers were waiting in time is read off the report, so the
  // rules hold however slowly the threads started.
  function checkNotified(report, n) {
    const before = report.consumers.filter((c) => c.wait_start_ms < report.notify_ms);
    const late = report.consumers.filter((c) => c.wait_start_ms >= report.notify_ms);
    const woken = before.filter((c) => !c.timed_out);
    assert.equal(woken.length, Math.min(n, before.length), JSON.stringify(report.consumers));
    for (const c of woken) assert.ok(c.woke_ms >= report.notify_ms, `consumer ${c.id} woke before the notify`);
    for (const c of late) assert.equal(c.timed_out, true, `consumer ${c.id} came late but was woken`);
    return before.length;
  }

  // Runs `path` until every consumer was waiting before the notify (on a
  // very busy machine a thread may start late; then the run is still
  // checked, and tried again).
  async function runUntilAllWaiting(path, n) {
    for (let attempt = 1; ; attempt += 1) {
      const { context, report } = await run(path);
      const waiting = checkNotified(report, n);
      await context.close();
      if (waiting === report.consumers.length || attempt === 3) {
        assert.ok(waiting > 0, 'no consumer was waiting when the producer notified, three times over');
        return report;
      }
    }
  }

  test('condition: notify(1) wakes exactly one consumer', async () => {
    const report = await runUntilAllWaiting(
      '#/condition?consumers=3&consumer_start_ms=0,0,0&producer_delay_ms=300&notify=1&timeout_ms=1500&run=1', 1);
    assert.equal(report.experiment, 'condition');
  });

  test('condition: notify_all wakes every consumer, none before the notify', async () => {
    const report = await runUntilAllWaiting(
      '#/condition?consumers=3&consumer_start_ms=0,100,200&producer_delay_ms=500&notify=all&timeout_ms=3000&run=1',
      Infinity);
    assert.equal(report.consumers.length, 3);
  });

  test('condition: the lost wake-up preset times out without the predicate and succeeds with it', async (t) => {
    const { page, problems, context } = await env.open('#/condition');
    const presets = {};
    for (const name of ['lost', 'cured']) {
      presets[name] = await page.getByTestId(`preset-${name}`).getAttribute('href');
    }
    await context.close();
    const first = await run(`${presets.lost}&run=1`);
    const lost = first.report;
    assert.equal(lost.params.use_predicate, false);
    const late = lost.consumers[1];
    assert.ok(late.wait_start_ms > lost.notify_ms, 'the second consumer was not late');
    assert.equal(late.woke_ms, null);
    checkNotified(lost, Infinity);
    const second = await run(`${presets.cured}&run=1`);
    const cured = second.report;
    assert.equal(cured.params.use_predicate, true);
    assert.ok(cured.consumers.every((c) => !c.timed_out && c.woke_ms !== null));
    t.diagnostic(`notify at ${lost.notify_ms} ms; the late consumer waited from ${late.wait_start_ms} ms and timed out; ` +
      `with the predicate it went on at ${cured.consumers[1].woke_ms} ms`);
    assert.deepEqual([...problems, ...first.problems, ...second.problems], []);
    await first.context.close();
    await second.context.close();
  });

  test('condition: one start time per consumer, or a field error', async () => {
    const { page, context } = await env.open('#/condition?consumers=3&consumer_start_ms=0,1&run=1');
    const report = await waitForReport(page);
    assert.equal(report.status, 'error');
    assert.match(report.error, /consumer_start_ms: needs exactly 3 values/);
    assert.equal(await page.locator('#field-consumer_start_ms').getAttribute('aria-invalid'), 'true');
    await context.close();
  });
});

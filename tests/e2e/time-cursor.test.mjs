// The time cursor replays a recorded run (src/ui/components/timeline.rs):
// from the keyboard, event by event; by dragging; with Play. What it shows
// at each instant is computed from the report, so it must agree with it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startAll, waitForReport } from './helpers.mjs';

// The readout at the cursor: its time, lanes per state, the counter.
const readout = (page) => page.evaluate(() => {
  const box = document.querySelector('[data-testid="cursor-readout"]');
  if (!box) return null;
  const counter = box.querySelector('[data-testid="cursor-counter"]');
  const states = Object.fromEntries([...box.querySelectorAll('li[data-state]')]
    .map((li) => [li.dataset.state, Number(li.dataset.count)]));
  return {
    ms: Number(box.dataset.ms),
    states,
    value: counter ? Number(counter.dataset.value) : null,
    writes: counter ? Number(counter.dataset.writes) : null,
  };
});

describe('the time cursor', () => {
  let env;
  before(async () => {
    env = await startAll();
  });
  after(async () => {
    await env.stop();
  });

  test('with the lock: stepping through every event, never two threads between read and write', async () => {
    const { page, problems, context } = await env.open('#/lock?threads=20&sleep_ms=1&use_lock=true&run=1');
    const report = await waitForReport(page);
    assert.equal(report.value, 20);
    const slider = page.locator('.cursor-area').first();
    await slider.focus();
    await page.keyboard.press('Home');
    const first = await readout(page);
    assert.equal(first.value, 0, 'nothing written at the start');
    let last = first;
    let steps = 0;
    for (;;) {
      await page.keyboard.press('ArrowRight');
      const now = await readout(page);
      if (now.ms === last.ms) break; // the last event
      assert.ok(now.ms > last.ms, `stepped back from ${last.ms} to ${now.ms}`);
      assert.ok((now.states.read_write ?? 0) <= 1, `${now.states.read_write} threads in read→write at ${now.ms} ms`);
      assert.ok(now.value >= last.value, 'the counter went down');
      // With the lock, every write counts.
      assert.equal(now.value, now.writes);
      last = now;
      steps += 1;
    }
    // At least every write is an event of its own (a lock hand-over may
    // share its instant with the next read on a coarse clock: Firefox's
    // steps by 0.02 ms).
    assert.ok(steps >= 20, `only ${steps} steps`);
    assert.equal(last.value, report.value);
    await page.keyboard.press('ArrowLeft');
    assert.ok((await readout(page)).ms < last.ms, '← did not step back');
    await page.keyboard.press('End');
    assert.equal((await readout(page)).writes, 20);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('without the lock: the cursor finds windows open together, and the count the report has', async () => {
    const { page, context } = await env.open('#/lock?threads=20&sleep_ms=5&use_lock=false&run=1');
    const report = await waitForReport(page);
    await page.locator('.cursor-area').first().focus();
    await page.keyboard.press('Home');
    let most = 0;
    let now = await readout(page);
    for (let i = 0; i < 200; i += 1) {
      most = Math.max(most, now.states.read_write ?? 0);
      await page.keyboard.press('ArrowRight');
      const next = await readout(page);
      if (next.ms === now.ms) break;
      now = next;
    }
    assert.equal(most, report.max_overlap);
    assert.equal(now.value, report.value);
    assert.equal(now.writes, 20);
    await context.close();
  });

  test('semaphore: at every event, never more holders than permits, and once all of them', async () => {
    const { page, context } = await env.open('#/semaphore?permits=3&threads=8&max_hold_ms=60&seed=5&run=1');
    await waitForReport(page);
    await page.locator('.cursor-area').first().focus();
    await page.keyboard.press('Home');
    const seen = [];
    for (let i = 0; i < 100; i += 1) {
      seen.push(await page.evaluate(() =>
        Number(document.querySelector('[data-testid="cursor-holders"]').dataset.holding)));
      const before = (await readout(page)).ms;
      await page.keyboard.press('ArrowRight');
      if ((await readout(page)).ms === before) break;
    }
    assert.ok(seen.every((h) => h <= 3), `holders ${seen}`);
    assert.ok(seen.includes(3), `holders ${seen}`);
    await context.close();
  });

  test('condition: nobody is woken before the notify, everyone after notify_all', async () => {
    const { page, context } = await env.open(
      '#/condition?consumers=3&consumer_start_ms=0,100,200&producer_delay_ms=500&notify=all&timeout_ms=3000&run=1');
    const report = await waitForReport(page);
    const said = () => page.evaluate(() => {
      const p = document.querySelector('[data-testid="cursor-notified"]');
      return { notified: p.dataset.notified === 'true', woken: Number(p.dataset.woken) };
    });
    await page.locator('.cursor-area').first().focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 50; i += 1) {
      const now = await said();
      if (!now.notified) assert.equal(now.woken, 0, 'woken before the notify');
      const before = (await readout(page)).ms;
      await page.keyboard.press('ArrowRight');
      if ((await readout(page)).ms === before) break;
    }
    // Everyone the report says woke (on a busy machine a consumer may
    // begin waiting after the notify and time out: the post's race).
    const woke = report.consumers.filter((c) => c.woke_ms !== null).length;
    assert.ok(woke >= 1);
    assert.deepEqual(await said(), { notified: true, woken: woke });
    await context.close();
  });

  test('a click puts the cursor there, and Replay runs it to the end', async () => {
    const { page, context } = await env.open('#/lock?threads=10&sleep_ms=1&run=1');
    await waitForReport(page);
    const area = page.locator('.cursor-area').first();
    const box = await area.boundingBox();
    await area.click({ position: { x: box.width * 0.6, y: box.height * 0.3 } });
    const clicked = await readout(page);
    assert.ok(clicked && clicked.ms > 0, JSON.stringify(clicked));
    await page.keyboard.press('End');
    const end = (await readout(page)).ms;
    await page.keyboard.press('Home');
    await page.getByTestId('cursor-play').click();
    // It plays, then stops at the end by itself.
    await page.waitForFunction((end) =>
      Number(document.querySelector('[data-testid="cursor-readout"]')?.dataset.ms) === end, end, { timeout: 30_000 });
    await page.waitForFunction(() => /▶/.test(document.querySelector('[data-testid="cursor-play"]').textContent));
    await context.close();
  });
});

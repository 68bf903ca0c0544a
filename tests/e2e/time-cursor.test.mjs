// The time cursor replays a recorded run (src/ui/components/timeline.rs):
// from the keyboard, event by event; by dragging; with Play. What it shows
// at each instant is computed from the report, so it must agree with it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startAll, waitForReport } from './helpers.mjs';

const PYTHON = readFileSync(new URL('../../src/experiments/python/coroutine.py', import.meta.url), 'utf8').split('\n');

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

// Every instant of the first timeline, from Home to End: `read` at each.
async function everyEvent(page, read, limit = 600) {
  await page.locator('.cursor-area').first().focus();
  await page.keyboard.press('Home');
  const seen = [];
  for (let i = 0; i < limit; i += 1) {
    seen.push(await read());
    const before = (await readout(page)).ms;
    await page.keyboard.press('ArrowRight');
    if ((await readout(page)).ms === before) return seen;
  }
  throw new Error(`more than ${limit} events`);
}

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
    let keyMeasured = false;
    for (;;) {
      await page.keyboard.press('ArrowRight');
      const now = await readout(page);
      if (now.ms === last.ms) break; // the last event
      assert.ok(now.ms > last.ms, `stepped back from ${last.ms} to ${now.ms}`);
      assert.ok((now.states.read_write ?? 0) <= 1, `${now.states.read_write} threads in read→write at ${now.ms} ms`);
      assert.ok(now.value >= last.value, 'the counter went down');
      // With the lock, every write counts.
      assert.equal(now.value, now.writes);
      // The readout's colour keys are small squares, as in the legend (at
      // an instant with a lane in some state: at the first, every span
      // there may be empty, on a clock that gives a waiting thread the
      // lock within one tick).
      if (Object.keys(now.states).length > 0 && !keyMeasured) {
        const key = await page.locator('[data-testid="cursor-readout"] .key svg').first().boundingBox();
        assert.ok(key.width <= 20 && key.height <= 20, `a key ${key.width}×${key.height} px`);
        keyMeasured = true;
      }
      // The lanes the event is about are named beside the cursor.
      const named = await page.locator('.cursor-area').first().locator('text.cursor-lane').allTextContents();
      assert.ok(named.length >= 1 && named.length <= 6 && named.every((n) => /\d/.test(n)), `named ${named}`);
      last = now;
      steps += 1;
    }
    // At least every write is an event of its own (a lock hand-over may
    // share its instant with the next read on a coarse clock: Firefox's
    // steps by 0.02 ms).
    assert.ok(steps >= 20, `only ${steps} steps`);
    assert.ok(keyMeasured, 'no instant with a lane in a state');
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

  test('GIL: at every event at most one thread holds the GIL, and without it threads compute at once', async () => {
    const { page, context } = await env.open('#/gil?threads=3&n=32&modes=gil,free&run=1');
    const report = await waitForReport(page);
    assert.equal(report.status, 'ok', report.error);
    const seen = await everyEvent(page, () => page.evaluate(() => {
      const p = document.querySelector('[data-testid="cursor-gil"]');
      return { holding: Number(p.dataset.holding), waiting: Number(p.dataset.waiting), free: Number(p.dataset.free) };
    }));
    assert.ok(seen.every((s) => s.holding <= 1), JSON.stringify(seen));
    assert.ok(seen.some((s) => s.holding === 1 && s.waiting === 2), `never one holder and two waiting: ${JSON.stringify(seen)}`);
    assert.ok(seen.some((s) => s.free >= 2), 'the free threads never ran together');
    await context.close();
  });

  test('async: together every task awaits its timer at once; one by one, never two', async () => {
    const { page, context } = await env.open('#/async?tasks=4&unit_ms=40&run=1');
    const report = await waitForReport(page);
    const seen = await everyEvent(page, () => page.evaluate(() => Object.fromEntries(
      [...document.querySelectorAll('[data-testid="cursor-loop"]')].map((li) => [li.dataset.run, {
        starting: Number(li.dataset.starting), finishing: Number(li.dataset.finishing),
        waiting: Number(li.dataset.waiting), done: Number(li.dataset.done),
      }]))));
    const n = report.tasks.length;
    assert.equal(n, 4);
    const sum = (run, key) => seen.reduce((total, s) => total + s[run][key], 0);
    assert.equal(Math.max(...seen.map((s) => s.together.waiting)), n, 'the tasks never all awaited together');
    assert.ok(seen.every((s) => s.one_by_one.waiting <= 1), 'two tasks awaited at once one by one');
    for (const run of ['together', 'one_by_one']) {
      assert.equal(sum(run, 'starting'), n, `${run}: tasks started`);
      assert.equal(sum(run, 'finishing'), n, `${run}: tasks finished`);
      assert.equal(seen.at(-1)[run].done, n);
      assert.ok(seen.every((s) => s[run].waiting + s[run].done <= n));
    }
    await context.close();
  });

  test('kettle: what the man and the kettle do at each instant, case by case', async () => {
    const { page, context } = await env.open('#/kettle?boil_minutes=3&check_every_minutes=1&ms_per_minute=40&run=1');
    await waitForReport(page);
    const seen = await everyEvent(page, () => page.evaluate(() => Object.fromEntries(
      [...document.querySelectorAll('[data-testid="cursor-case"]')].map((li) =>
        [li.dataset.case, { person: li.dataset.person, kettle: li.dataset.kettle }]))));
    const states = (c, who) => new Set(seen.map((s) => s[c][who]));
    // Blocking: he never does anything but wait.
    assert.ok(!states('sync_blocking', 'person').has('watching_tv'));
    assert.ok(states('sync_blocking', 'person').has('waiting'));
    // Non-blocking: TV, and looks at the kettle while it heats.
    assert.ok(seen.some((s) => s.sync_nonblocking.person === 'checking' && s.sync_nonblocking.kettle === 'heating'));
    assert.ok(seen.some((s) => s.async_nonblocking.person === 'watching_tv' && s.async_nonblocking.kettle === 'heating'));
    // The whistling kettle whistles; the plain one does not.
    assert.ok(states('async_nonblocking', 'kettle').has('whistling'));
    assert.ok(!states('sync_blocking', 'kettle').has('whistling'));
    // At the end, every case is over.
    assert.ok(Object.values(seen.at(-1)).every((c) => c.person === 'finished' && c.kettle === 'finished'),
      JSON.stringify(seen.at(-1)));
    await context.close();
  });

  test('coroutine: at each printed line, the line of the program each side is on', async () => {
    const { page, problems, context } = await env.open('#/coroutine?items=3&run=1');
    const report = await waitForReport(page);
    const figure = page.locator('.figures figure.sequence');
    const at = () => figure.evaluate((f) => {
      const box = f.querySelector('[data-testid="sequence-readout"]');
      return {
        line: Number(box.dataset.line),
        sides: Object.fromEntries([...box.querySelectorAll('li[data-side]')].map((li) =>
          [li.dataset.side, { doing: li.dataset.doing, line: li.dataset.pythonLine ? Number(li.dataset.pythonLine) : null }])),
      };
    });
    const code = (n) => PYTHON[n - 1];
    await figure.locator('.cursor-area').focus();
    await page.keyboard.press('Home');
    let consumerStarted = false;
    for (let i = 0; i < report.trace.length; i += 1) {
      if (i > 0) await page.keyboard.press('ArrowRight');
      const now = await at();
      assert.equal(now.line, i);
      const { side, text } = report.trace[i];
      const other = side === 'producer' ? 'consumer' : 'producer';
      // The side that printed is on a print of exactly these words.
      assert.equal(now.sides[side].doing, 'printing');
      const printed = code(now.sides[side].line);
      assert.match(printed, /print\(/);
      assert.ok(printed.includes(text.split(/[0-9:(]/)[0]), `${printed} did not print ${text}`);
      if (side === 'consumer') {
        consumerStarted = true;
        assert.equal(now.sides.producer.doing, 'in_send');
        assert.match(code(now.sides.producer.line), /c\.send\(/);
      } else if (!consumerStarted) {
        assert.deepEqual(now.sides.consumer, { doing: 'not_started', line: null });
      } else if (i === report.trace.length - 1) {
        assert.deepEqual(now.sides.consumer, { doing: 'closed', line: null });
      } else {
        assert.equal(now.sides.consumer.doing, 'at_yield');
        assert.match(code(now.sides.consumer.line), /= yield/);
      }
      assert.notEqual(now.sides[other].doing, 'printing');
    }
    // The consumer's first line runs inside send(None); later ones in send(n).
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    assert.match(code((await at()).sides.producer.line), /send\(None\)/);
    // A click picks a line; End goes to the last.
    await figure.locator('g.step').nth(4).click();
    assert.equal((await at()).line, 4);
    await page.keyboard.press('End');
    assert.equal((await at()).line, report.trace.length - 1);
    // Replay walks the lines from the start and stops on the last.
    await page.keyboard.press('Home');
    await figure.getByTestId('sequence-play').click();
    await page.waitForFunction((last) => Number(document.querySelector(
      '.figures [data-testid="sequence-readout"]')?.dataset.line) === last, report.trace.length - 1, { timeout: 30_000 });
    await page.waitForFunction(() => /▶/.test(document.querySelector('.figures [data-testid="sequence-play"]').textContent));
    assert.deepEqual(problems, []);
    await context.close();
  });
});

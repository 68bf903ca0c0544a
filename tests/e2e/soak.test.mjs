// The soak: one tab, over a hundred runs across every page, Cancel in the
// middle of some, as a reader who stays a while would do. Every run must end
// with a correct report, no page error may appear, no thread may be left
// running, and memory must not grow: at the end it may be at most 10% above
// what it was after the first round.
//
// Memory is what the program has allocated in the shared WebAssembly
// memory (every thread's allocations, counted by its allocator), plus the
// page's JavaScript heap after a collection (the closures and promises of
// the page's waits). Not the shared memory's size: it only grows, and the
// holes that freed thread stacks leave make it creep up to a plateau (seen:
// 218 MB to 231–246 MB, flat from the fifth round on over 24 rounds) with
// nothing leaked. measureUserAgentSpecificMemory() is asked too, and shown,
// but not judged: it counts the shared memory once for each context that
// reached it, at the size that context last saw (221 MB or 435 MB or
// 459 MB for the same state, from one run to the next), and workers parked
// in Atomics.wait cannot answer it at all.
//
// The pages run in a tab of their own; the runs are small (fib(22), 64
// threads, kettles of 20 ms minutes) so that the soak stays short, except
// the ones meant to be cancelled.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSER, openPage } from './browser.mjs';
import { fib, maxOverlap, runAgain, startAll, waitForThreads } from './helpers.mjs';

const ROUNDS = Number(process.env.SOAK_ROUNDS || 9);
const RUN_TIMEOUT_MS = 120_000;

// Each page once a round, with what its report must say.
const RUNS = [
  ['#/?n=20&repeat=5&threads=2', (r) => assert.equal(r.fib_value, fib(20))],
  ['#/gil?n=22&threads=2', (r) => {
    assert.equal(r.value, fib(22));
    assert.deepEqual(r.runs.map((m) => m.mode), ['sequential', 'gil', 'free', 'processes']);
    const held = r.timeline.filter((s) => s.mode === 'gil' && s.state === 'holding_gil');
    assert.equal(maxOverlap(held), 1, `two threads held the GIL at once: ${JSON.stringify(held)}`);
  }],
  ['#/processes?n=22&workers=2', (r) => {
    assert.equal(r.value, fib(22));
    assert.deepEqual(r.isolation, {
      increments: 1000, thread_counter: 1000, process_counter_in_parent: 0, process_counter_in_child: 1000,
    });
  }],
  ['#/lock?threads=64&sleep_ms=0&use_lock=true', (r) => {
    assert.equal(r.value, 64, `the lock lost ${r.lost_updates} updates`);
    assert.equal(r.lost_updates, 0);
    assert.equal(r.max_overlap, 1);
  }],
  ['#/lock?threads=100&sleep_ms=1&use_lock=false', (r) => {
    assert.equal(r.expected, 100);
    assert.equal(r.lost_updates, r.expected - r.value);
  }],
  ['#/semaphore?permits=3&threads=8&max_hold_ms=20', (r) => {
    assert.ok(r.max_concurrent <= 3);
    assert.ok(maxOverlap(r.timeline.filter((s) => s.state === 'holding')) <= 3);
    assert.equal(r.log.length, 16);
  }],
  ['#/condition?consumers=3&consumer_start_ms=0,0,0&producer_delay_ms=50&notify=all&timeout_ms=1000', (r) => {
    for (const c of r.consumers) {
      if (c.wait_start_ms < r.notify_ms) assert.equal(c.timed_out, false, `consumer ${c.id} missed the notify`);
      else assert.equal(c.timed_out, true);
    }
  }],
  ['#/kettle?boil_minutes=2&check_every_minutes=1&ms_per_minute=20', (r) => {
    for (const name of ['sync_blocking', 'sync_nonblocking', 'async_blocking', 'async_nonblocking']) {
      const [heating, done] = r.timeline.filter((s) => s.lane === `${name}: kettle`);
      assert.ok(heating.end_ms >= 40 && done.end_ms >= done.start_ms, `${name}: ${JSON.stringify([heating, done])}`);
    }
  }],
  ['#/coroutine?items=5', (r) => assert.deepEqual(r.consumed, [1, 2, 3, 4, 5])],
  ['#/async?tasks=3&unit_ms=10', (r) => {
    const lastStart = Math.max(...r.tasks.map((t) => t.start_ms));
    const firstEnd = Math.min(...r.tasks.map((t) => t.end_ms));
    assert.ok(lastStart < firstEnd);
    assert.ok(r.sequential_ms >= 60);
  }],
];

// Long runs, cancelled in the middle: two a round, in turn.
const CANCELS = [
  '#/gil?n=40&threads=2',
  '#/lock?threads=100&sleep_ms=100&use_lock=true',
  '#/condition?consumers=4&consumer_start_ms=0,0,0,0&producer_delay_ms=60000&notify=1&timeout_ms=60000',
  '#/semaphore?permits=1&threads=10&max_hold_ms=60000&seed=3',
  '#/kettle?boil_minutes=60&check_every_minutes=5&ms_per_minute=1000',
  '#/processes?n=45&workers=2',
  '#/async?tasks=5&unit_ms=10000',
  '#/?n=40&repeat=20&threads=2',
  '#/gil?n=42&threads=2&modes=gil',
];

describe('the soak: one tab, a hundred runs and more', () => {
  let env;
  before(async () => {
    env = await startAll({ browserArgs: ['--enable-precise-memory-info', '--js-flags=--expose-gc'] });
  });
  after(async () => {
    await env.stop();
  });

  test('every run ends correctly, nothing is stranded, memory stays flat', async (t) => {
    const { page, problems, context } = await env.open('#/');
    await waitForThreads(page);
    let finished = 0; // reports seen in this tab (data-run counts them)

    // Goes to `hash` and waits for the report of the run that follows;
    // `act` starts (and maybe cancels) it if the hash alone does not.
    async function runAt(hash, act) {
      await page.evaluate((h) => { location.hash = h; }, hash);
      const id = hash.slice(2).split('?')[0] || 'system';
      await page.locator(`section.experiment[data-experiment="${id}"]`).waitFor();
      if (act) await act();
      const expected = finished + 1;
      await page.waitForFunction(
        (n) => document.querySelector(`[data-testid="result-json"][data-run="${n}"]`) !== null,
        expected,
        { timeout: RUN_TIMEOUT_MS, polling: 50 },
      ).catch(() => { throw new Error(`${hash}: no report after ${RUN_TIMEOUT_MS} ms`); });
      finished = expected;
      return JSON.parse(await page.getByTestId('result-json').textContent());
    }

    // Every measurement at the same point: after a whole round (which
    // ends on the same page), with the page at rest: the rayon pool started
    // (the page starts it only once the thread pool is quiet, which in a
    // busy soak may be after the first round: its threads' stacks would
    // then count at the end and not in the baseline), spare processes
    // ended, idle workers retired, their stacks given back.
    async function measureMemory(when) {
      await page.evaluate(() => window.playground.playground_debug_settle());
      // Chromium measures every worker's memory and the page's JS heap
      // (after a forced GC). Firefox offers a page neither
      // (measureUserAgentSpecificMemory and performance.memory are
      // Chromium's): there the shared heap in use, every thread's
      // allocations, is what is compared.
      const agent = await page.evaluate(async () => (performance.measureUserAgentSpecificMemory
        ? (await performance.measureUserAgentSpecificMemory()).bytes : NaN));
      const pool = JSON.parse(await page.evaluate(() => window.playground.playground_debug_pool()));
      const heap = await page.evaluate(() => {
        window.gc?.();
        return performance.memory?.usedJSHeapSize ?? 0;
      });
      t.diagnostic(`memory ${when}: in use ${(pool.heap_in_use_bytes / 1e6).toFixed(2)} MB of the shared ` +
        `${(pool.memory_bytes / 1e6).toFixed(1)} MB, page heap ${(heap / 1e6).toFixed(2)} MB ` +
        `(measureUserAgentSpecificMemory: ${(agent / 1e6).toFixed(1)} MB); at rest: ${pool.workers} thread workers, ` +
        `${pool.rayon_threads} rayon threads, ${pool.running} running`);
      return { bytes: pool.heap_in_use_bytes + heap, workers: pool.workers, rayon: pool.rayon_threads };
    }

    let baseline;
    let cancelled = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const path of [CANCELS[(2 * round) % CANCELS.length], CANCELS[(2 * round + 1) % CANCELS.length]]) {
        const report = await runAt(path, async () => {
          await page.getByTestId('run').click();
          await page.waitForTimeout(300);
          await page.getByTestId('cancel').click();
        });
        assert.equal(report.status, 'cancelled', `${path}: ${report.status} ${report.error || ''}`);
        cancelled += 1;
      }
      for (const [path, check] of RUNS) {
        // The semaphore's seed changes each round: new hold times, new hash.
        const hash = path.startsWith('#/semaphore') ? `${path}&seed=${round}&run=1` : `${path}&run=1`;
        const report = await runAt(hash);
        assert.equal(report.status, 'ok', `${hash}: ${report.error}`);
        check(report);
      }
      const pool = JSON.parse(await page.evaluate(() => window.playground.playground_debug_pool()));
      t.diagnostic(`round ${round + 1}: ${finished} runs, shared memory ${(pool.memory_bytes / 1e6).toFixed(1)} MB, ` +
        `${pool.workers} workers, ${pool.started_total} started`);
      if (round === 0) baseline = await measureMemory('after the first round');
    }
    const end = await measureMemory('at the end');

    const pool = JSON.parse(await page.evaluate(() => window.playground.playground_debug_pool()));
    t.diagnostic(`${finished} runs (${cancelled} cancelled); compared: memory ${(baseline.bytes / 1e6).toFixed(2)} MB ` +
      `after the first round (${baseline.rayon} rayon threads) with ${(end.bytes / 1e6).toFixed(2)} MB at the end ` +
      `(${end.rayon} rayon threads): ${((end.bytes / baseline.bytes - 1) * 100).toFixed(1)}%; pool ${JSON.stringify(pool)}`);
    assert.ok(finished >= 100, `only ${finished} runs`);
    assert.equal(pool.running, 0, 'threads were left running');
    // Both at rest in the same way, or the comparison means nothing.
    assert.ok(baseline.rayon > 0, 'the rayon pool had not started when the baseline was taken');
    assert.equal(end.rayon, baseline.rayon, 'the rayon pool changed between the two measurements');
    assert.ok(end.bytes <= baseline.bytes * 1.1, `memory grew from ${baseline.bytes} to ${end.bytes} bytes`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  // A reader who opens a run=1 link and at once types one thread count
  // after another, up and down, before the workers are warm: each edit
  // drops the run's wait for warm workers (an edit is not a request to
  // run), none of those waits may linger, and the page still runs what
  // the form says.
  test('fifty thread counts typed in a row into a run=1 page', async (t) => {
    const { page, problems, context } = await env.open('#/');
    await waitForThreads(page);
    const pool = async () => JSON.parse(await page.evaluate(() => window.playground.playground_debug_pool()));
    await page.evaluate(() => { location.hash = '#/lock?threads=256&sleep_ms=0&use_lock=true&run=1'; });
    const field = page.locator('#field-threads');
    await field.waitFor();
    const counts = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? 250 - 4 * i : 3 + i));
    for (const n of counts) await field.fill(String(n));
    const typed = counts[counts.length - 1];
    // The waits end at once when dropped; the warmer may still be busy.
    await page.waitForFunction(() => JSON.parse(window.playground.playground_debug_pool()).warm_waits === 0,
      null, { timeout: 10_000, polling: 100 });
    const report = await runAgain(page);
    assert.equal(report.status, 'ok', report.error);
    assert.equal(report.params.threads, typed);
    assert.equal(report.value, typed);
    const after = await pool();
    t.diagnostic(`after ${counts.length} edits: ${JSON.stringify(after)}`);
    assert.equal(after.warm_waits, 0, 'a wait for warm workers outlived its page state');
    assert.equal(after.running, 0);
    assert.deepEqual(problems, []);
    await context.close();
  });

  // Firefox lets one site run 512 workers, across all its tabs, and
  // queues any more without a word. Two tabs of the Lock page at the
  // thread cap: the second tab's run must end, with its report (ok if the
  // browser let every worker through, otherwise an error that says the
  // browser holds workers back), never wait for workers that do not come.
  test('two tabs at the cap', { skip: BROWSER !== 'firefox' && 'the per-site worker limit is Firefox\'s' }, async (t) => {
    const first = await env.open('#/');
    const atCap = (tab) => tab.page.evaluate(() => { location.hash = '#/lock?threads=256&sleep_ms=0&use_lock=true&run=1'; });
    const reportOf = async (tab) => {
      await tab.page.waitForFunction(
        () => (document.querySelector('[data-testid="result-json"]')?.textContent || '').trim().length > 0,
        null, { timeout: 120_000, polling: 250 },
      );
      return JSON.parse(await tab.page.getByTestId('result-json').textContent());
    };
    await waitForThreads(first.page);
    await atCap(first);
    const one = await reportOf(first);
    assert.equal(one.status, 'ok', one.error);
    // A second tab of the same site, in the same browser.
    const second = await openPage(first.context, `${env.url}#/`);
    await waitForThreads(second.page);
    await atCap(second);
    const two = await reportOf(second);
    t.diagnostic(`first tab: ${one.status}; second tab: ${two.status} ${two.error || ''}`);
    if (two.status !== 'ok') {
      assert.equal(two.status, 'error');
      assert.match(two.error, /holds back new workers/);
      await second.page.getByText(/holds back \d+ thread workers|扣住了 \d+ 个/).first().waitFor({ timeout: 5_000 });
    }
    const running = await second.page.evaluate(() => JSON.parse(window.playground.playground_debug_pool()).running);
    assert.equal(running, 0, 'threads of the second tab were left running');
    await first.context.close();
  });
});

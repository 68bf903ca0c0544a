// The GIL page (#/gil) and the processes page (#/processes), driven through
// the page contract: query parameters, the Run and Cancel buttons, the report.
// What these assert is behaviour (values, who held the GIL when, isolation);
// how much faster one mode is than another is a timing claim, measured side
// by side with the machine itself by scripts/bench.sh, and only shown here.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fib, startAll, waitForReport, waitForThreads } from './helpers.mjs';

// The intervals of `spans` that overlap, as [a, b] pairs.
function overlaps(spans) {
  const sorted = [...spans].sort((a, b) => a.start_ms - b.start_ms);
  const found = [];
  for (let i = 1; i < sorted.length; i += 1) {
    if (sorted[i].start_ms < sorted[i - 1].end_ms && sorted[i].lane !== sorted[i - 1].lane) {
      found.push([sorted[i - 1], sorted[i]]);
    }
  }
  return found;
}

describe('the GIL page', () => {
  let env;
  before(async () => {
    env = await startAll();
  });
  after(async () => {
    await env.stop();
  });

  // Runs the page with `query` and returns its report, checked for status.
  async function run(query) {
    const { page, problems, context } = await env.open(`#/gil?${query}&run=1`);
    const report = await waitForReport(page);
    assert.equal(report.status, 'ok', report.error);
    assert.deepEqual(problems, []);
    await context.close();
    return report;
  }

  test('with the defaults: every mode computes fib(n), and the GIL is never held twice', async (t) => {
    const report = await run('');
    assert.equal(report.experiment, 'gil');
    assert.deepEqual(report.params, {
      n: 35, threads: 2, switch_interval_ms: 5, modes: ['sequential', 'gil', 'free', 'processes'], work: 'cpu', sleep_ms: 200,
    });
    assert.equal(report.value, fib(35));
    const ms = Object.fromEntries(report.runs.map((r) => [r.mode, r.ms]));
    assert.deepEqual(Object.keys(ms), ['sequential', 'gil', 'free', 'processes']);
    const gil = report.runs.find((r) => r.mode === 'gil');
    assert.ok(gil.switches > 0, 'the GIL never changed hands');
    for (const run of report.runs) assert.ok(run.ms > 0 && run.rounds_ms.includes(run.ms));
    const processes = report.runs.find((r) => r.mode === 'processes');
    assert.ok(processes.spawn_ms > 0 && processes.spawn_ms <= processes.ms);

    // Two threads under the GIL never hold it at the same time, and both
    // hold it in turn; free threads both run.
    const held = report.timeline.filter((s) => s.mode === 'gil' && s.state === 'holding_gil');
    assert.ok(held.length >= 2, `only ${held.length} GIL spans`);
    assert.deepEqual(new Set(held.map((s) => s.lane)), new Set(['thread 1', 'thread 2']));
    assert.deepEqual(overlaps(held), []);
    const free = report.timeline.filter((s) => s.mode === 'free');
    assert.deepEqual(new Set(free.map((s) => s.lane)), new Set(['thread 1', 'thread 2']));
    // The curve: k = 1 … hardwareConcurrency, free and processes.
    const cores = report.env.hardware_concurrency;
    assert.equal(report.curve.length, 2 * cores);
    assert.deepEqual([...new Set(report.curve.map((p) => p.threads))], [...Array(cores).keys()].map((k) => k + 1));
    t.diagnostic(`sequential ${ms.sequential} ms, gil ${ms.gil} (gil/sequential ${(ms.gil / ms.sequential).toFixed(2)}, ` +
      `${gil.switches} switches), free ${ms.free} (speedup ${(ms.sequential / ms.free).toFixed(2)}), ` +
      `processes ${ms.processes} (spawn ${processes.spawn_ms}); check every ${report.check_interval_us} µs`);
  });

  test('at n = 38, processes compute fib(n) and the break-even n is estimated', async (t) => {
    const report = await run('n=38&modes=sequential,processes');
    assert.equal(report.value, fib(38));
    const [sequential, processes] = report.runs;
    assert.deepEqual([sequential.mode, processes.mode], ['sequential', 'processes']);
    t.diagnostic(`sequential ${sequential.ms} ms, processes ${processes.ms} ms (spawn ${processes.spawn_ms}), ` +
      `speedup ${(sequential.ms / processes.ms).toFixed(2)}; break-even n ${report.break_even_n}`);
    if (report.env.hardware_concurrency > 1) assert.ok(Number.isInteger(report.break_even_n));
  });

  for (const [query, field] of [['n=1000', 'n'], ['threads=0', 'threads'], ['n=abc', 'n'], ['modes=gil,nogil', 'modes']]) {
    test(`${query} is an error next to its field, and nothing runs`, async () => {
      const { page, context } = await env.open(`#/gil?${query}&run=1`);
      await waitForThreads(page);
      const report = await waitForReport(page);
      assert.equal(report.status, 'error');
      assert.match(report.error, new RegExp(`^invalid parameters: ${field}:`));
      assert.equal(report.runs, undefined);
      assert.equal(await page.locator(`#field-${field}`).getAttribute('aria-invalid'), 'true');
      assert.ok((await page.locator(`#field-${field}-error`).textContent()).length > 0);
      await context.close();
    });
  }

  test('the curve\'s legend brings a line forward from the keyboard, and keeps it when pressed', async () => {
    const { page, problems, context } = await env.open('#/gil?n=25&modes=free,processes&run=1');
    await waitForReport(page);
    const curve = page.locator('figure.curve');
    const faded = () => curve.locator('svg .series.faded').count();
    const keys = curve.locator('.legend button.key');
    assert.equal(await keys.count(), 2);
    assert.equal(await faded(), 0);
    await keys.first().focus();
    assert.equal(await faded(), 1, 'focus did not bring a line forward');
    await page.keyboard.press('Enter');
    assert.equal(await keys.first().getAttribute('aria-pressed'), 'true');
    await keys.first().blur();
    assert.equal(await faded(), 1, 'a pressed entry let go of its line');
    await keys.first().focus();
    await page.keyboard.press('Enter');
    await keys.first().blur();
    assert.equal(await keys.first().getAttribute('aria-pressed'), 'false');
    assert.equal(await faded(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('Cancel stops a long run (n = 45)', async (t) => {
    const { page, problems, context } = await env.open('#/gil?n=45');
    await waitForThreads(page);
    await page.getByTestId('run').click();
    // Let it get into the work (the warm-up and the first mode).
    await page.waitForTimeout(1500);
    const cancelled = await page.evaluate(() => new Promise((resolve) => {
      const report = document.querySelector('[data-testid="result-json"]');
      const clicked = performance.now();
      new MutationObserver(() => resolve(performance.now() - clicked))
        .observe(report, { childList: true, characterData: true, subtree: true });
      document.querySelector('button.cancel').click();
    }));
    const report = await waitForReport(page);
    // How fast is for the benchmark; here: it ends, cancelled, with no error.
    t.diagnostic(`the report came ${cancelled.toFixed(1)} ms after Cancel`);
    assert.equal(report.status, 'cancelled');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('the processes page', () => {
  let env;
  before(async () => {
    env = await startAll();
  });
  after(async () => {
    await env.stop();
  });

  test('threads under the GIL, free threads and processes do the same work; a child process changes only its own memory', async (t) => {
    const { page, problems, context } = await env.open('#/processes?n=30&run=1');
    const report = await waitForReport(page);
    assert.equal(report.experiment, 'processes');
    assert.equal(report.status, 'ok', report.error);
    assert.deepEqual(report.params, { n: 30, workers: 2 });
    assert.equal(report.value, fib(30));
    assert.deepEqual(report.runs.map((r) => r.mode), ['gil', 'free', 'processes']);
    // The threads under the GIL never hold it at once, as in CPython.
    const held = report.timeline.filter((s) => s.mode === 'gil' && s.state === 'holding_gil');
    assert.ok(held.length >= 2, `only ${held.length} GIL spans`);
    assert.deepEqual(overlaps(held), []);
    for (const run of report.runs) assert.ok(run.ms > 0 && run.spawn_ms >= 0 && run.spawn_ms <= run.ms);
    assert.deepEqual(report.isolation, {
      increments: 1000, thread_counter: 1000, process_counter_in_parent: 0, process_counter_in_child: 1000,
    });
    assert.deepEqual(report.spawn.map((s) => s.mode), ['threads', 'processes']);
    const lanes = new Set(report.timeline.map((s) => `${s.mode}/${s.lane}`));
    assert.deepEqual([...lanes].sort(), ['free/thread 1', 'free/thread 2', 'gil/thread 1', 'gil/thread 2', 'processes/process 1', 'processes/process 2']);
    t.diagnostic(`runs ${JSON.stringify(report.runs)}; spawn ${JSON.stringify(report.spawn)}; ` +
      `fib(30) ${report.fib_ms} ms; break-even n ${report.break_even_n}`);
    // The page says it, too.
    assert.match(await page.getByTestId('isolation-process').textContent(), /1000.*\b0\b/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('one fib(n) is timed alone on a core, even with more workers than cores', async (t) => {
    // Four workers on two cores: a free thread's span is about twice one
    // fib(n), but the GIL runs the four one at a time, so the time it was
    // held over k can never exceed the GIL run over k.
    const { page, problems, context } = await env.open('#/processes?n=34&workers=4&run=1');
    const report = await waitForReport(page);
    assert.equal(report.status, 'ok', report.error);
    const gil = report.runs.find((r) => r.mode === 'gil');
    const free = report.timeline.filter((s) => s.mode === 'free' && s.state === 'running').map((s) => s.end_ms - s.start_ms);
    t.diagnostic(`fib_ms ${report.fib_ms}; GIL run ${gil.ms} ms over 4 = ${(gil.ms / 4).toFixed(3)}; ` +
      `a free thread's mean span ${(free.reduce((a, b) => a + b, 0) / free.length).toFixed(3)} ms`);
    assert.ok(report.fib_ms > 0 && report.fib_ms <= gil.ms / 4, `fib_ms ${report.fib_ms} against ${gil.ms} / 4`);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

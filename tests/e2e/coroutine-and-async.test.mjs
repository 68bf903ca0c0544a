// The coroutine page (#/coroutine): the send() dialogue, and the
// async/await page (#/async): tasks sleeping on JS promises, on the page's
// own event loop.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startAll, waitForReport, waitForThreads } from './helpers.mjs';

// What our Python version of the dialogue prints, line by line.
function pythonDialogue(items) {
  const script = new URL('../../src/experiments/python/coroutine.py', import.meta.url).pathname;
  return execFileSync('python3', [script, String(items)], { encoding: 'utf8' }).trimEnd().split('\n');
}

describe('the coroutine page', () => {
  let env;
  before(async () => {
    env = await startAll();
  });
  after(async () => {
    await env.stop();
  });

  test('the dialogue comes in exactly the order the Python prints it', async () => {
    const { page, problems, context } = await env.open('#/coroutine?run=1');
    const report = await waitForReport(page);
    assert.equal(report.experiment, 'coroutine');
    assert.equal(report.status, 'ok', report.error);
    assert.deepEqual(report.trace.map((line) => line.text), pythonDialogue(5));
    assert.deepEqual(report.consumed, [1, 2, 3, 4, 5]);
    const sides = report.trace.map((line) => line.side);
    assert.deepEqual(sides.slice(0, 3), ['producer', 'consumer', 'producer']);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('Step advances one send at a time', async () => {
    const { page, problems, context } = await env.open('#/coroutine?items=2');
    await waitForThreads(page);
    const output = page.getByTestId('step-output');
    const lines = async () => ((await output.textContent()) || '').split('\n').filter(Boolean);
    const python = pythonDialogue(2);
    // After each step the stepper's cursor is on the newest line, and says
    // where each side stopped: the consumer at its yield, then closed.
    const where = () => page.locator('.stepper [data-testid="sequence-readout"]').evaluate((box) => ({
      line: Number(box.dataset.line),
      consumer: box.querySelector('li[data-side="consumer"]').dataset.doing,
    }));
    for (const count of [3, 6, 9, 10]) {
      await page.getByTestId('step').click();
      assert.deepEqual(await lines(), python.slice(0, count));
      await page.waitForFunction((n) => Number(document.querySelector(
        '.stepper [data-testid="sequence-readout"]')?.dataset.line) === n, count - 1);
      assert.deepEqual(await where(), { line: count - 1, consumer: count === 10 ? 'closed' : 'at_yield' });
    }
    assert.equal(await page.getByTestId('step').isDisabled(), true);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('Step follows the form: after items is edited, it steps through the new dialogue', async () => {
    const { page, problems, context } = await env.open('#/coroutine?items=2');
    await waitForThreads(page);
    await page.getByTestId('step').click();
    await page.locator('#field-items').fill('3');
    // The form's edit restarts the dialogue with three items (it kept two,
    // when the stepper read the URL, which an edit does not re-announce).
    const output = page.getByTestId('step-output');
    await page.waitForFunction(() => !document.querySelector('[data-testid="step-output"]').textContent.trim());
    let steps = 0;
    while (!(await page.getByTestId('step').isDisabled())) {
      await page.getByTestId('step').click();
      steps += 1;
    }
    const lines = ((await output.textContent()) || '').split('\n').filter(Boolean);
    assert.deepEqual(lines, pythonDialogue(3));
    assert.equal(steps, 5, 'start, three items, close');
    assert.match(page.url(), /items=3/);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('the async/await page', () => {
  let env;
  before(async () => {
    env = await startAll();
  });
  after(async () => {
    await env.stop();
  });

  test('together the tasks take about the longest sleep, one by one the sum', async (t) => {
    const { page, problems, context } = await env.open('#/async?run=1');
    const report = await waitForReport(page);
    assert.equal(report.experiment, 'async');
    assert.equal(report.status, 'ok', report.error);
    assert.deepEqual(report.params, { tasks: 3, unit_ms: 1000, compare_sequential: true, sleep: 'asyncio' });
    assert.deepEqual(report.tasks.map((task) => [task.id, task.sleep_ms]), [[1, 1000], [2, 2000], [3, 3000]]);
    // Every task started at once, before any ended.
    const lastStart = Math.max(...report.tasks.map((task) => task.start_ms));
    const firstEnd = Math.min(...report.tasks.map((task) => task.end_ms));
    assert.ok(lastStart < firstEnd, 'the tasks did not all start before the first ended');
    for (const task of report.tasks) assert.ok(task.end_ms - task.start_ms >= task.sleep_ms);
    t.diagnostic(`together ${report.concurrent_ms} ms (longest sleep 3000), one by one ${report.sequential_ms} ms (sum 6000)`);
    // No sleep ends early; together they overlap (above), so they end
    // before the sum; one by one, each starts after the one before ended.
    assert.ok(report.concurrent_ms >= 3000, `together: ${report.concurrent_ms} ms`);
    assert.ok(report.concurrent_ms < 6000, `together took the sum: ${report.concurrent_ms} ms`);
    assert.ok(report.sequential_ms >= 6000, `one by one: ${report.sequential_ms} ms`);
    const oneByOne = report.timeline
      .filter((s) => s.lane.startsWith('sequential: task') && s.state === 'waiting')
      .sort((a, b) => a.start_ms - b.start_ms);
    assert.equal(oneByOne.length, 3);
    for (let i = 1; i < oneByOne.length; i += 1) {
      assert.ok(oneByOne[i].start_ms >= oneByOne[i - 1].end_ms, 'a task began before the one before it ended');
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('without the comparison, sequential_ms is null', async () => {
    const { page, context } = await env.open('#/async?tasks=2&unit_ms=50&compare_sequential=false&run=1');
    const report = await waitForReport(page);
    assert.equal(report.status, 'ok', report.error);
    assert.equal(report.sequential_ms, null);
    assert.equal(report.tasks.length, 2);
    await context.close();
  });
});

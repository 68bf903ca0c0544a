// Warming before the visitor asks (#/lock): the pool grows towards what the
// page's parameters need, quietly, while the page stays responsive; `run=1`
// waits for it; the report says how many workers were warm. Behaviour only:
// how fast it is lives in scripts/bench-first-run.mjs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runAgain, startAll, waitForReport } from './helpers.mjs';

const warmNow = (page) => page.evaluate(() =>
  Number(document.querySelector('[data-testid="cap-threads"]').dataset.warm));

// Resolves with the strip's warm count once it reaches `count`, and every
// value it showed on the way.
const warmUntil = (page, count) => page.evaluate((count) => new Promise((resolve) => {
  const seen = [];
  const look = () => {
    const warm = Number(document.querySelector('[data-testid="cap-threads"]')?.dataset.warm ?? 0);
    if (seen.at(-1) !== warm) seen.push(warm);
    if (warm >= count) resolve(seen);
    else setTimeout(look, 20);
  };
  look();
}), count);

describe('warming the pool before Run', () => {
  let env;
  before(async () => {
    env = await startAll();
  });
  after(async () => {
    await env.stop();
  });

  test('the pool grows towards the threads the form asks for, before Run and again after an edit', async (t) => {
    const { page, problems, context } = await env.open('#/lock?threads=40&sleep_ms=0');
    const seen = await warmUntil(page, 40);
    t.diagnostic(`the strip showed ${seen.join(' → ')}`);
    // Quietly, a few at a time: the strip (read four times a second)
    // showed a count in between.
    assert.ok(seen.some((w) => w > 0 && w < 40), `seen ${seen}`);
    await page.locator('#field-threads').fill('70');
    await warmUntil(page, 70);
    // Nothing ran: warming is not a run.
    assert.equal((await page.getByTestId('result-json').textContent()).trim(), '');
    const before = await warmNow(page);
    const report = await runAgain(page);
    assert.equal(report.params.threads, 70);
    assert.equal(report.value, 70);
    assert.ok(report.warm_workers >= before, `${report.warm_workers} warm in the report, ${before} on the strip`);
    assert.ok(report.warm_workers >= 70);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a run started before the pool is warm counts the workers that were', async () => {
    const { page, problems, context } = await env.open('#/lock?threads=150&sleep_ms=0');
    await page.getByTestId('run').and(page.locator(':enabled')).waitFor();
    const before = await warmNow(page);
    const report = await runAgain(page);
    assert.equal(report.status, 'ok', report.error);
    assert.equal(report.value, 150);
    // What the strip showed, or the few more that finished loading before the
    // click landed: never the 150 the run needed (warming waits for runs).
    assert.ok(report.warm_workers >= before && report.warm_workers < 150,
      `${report.warm_workers} warm in the report, ${before} on the strip`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('run=1 waits for the workers its run needs', async () => {
    const { page, problems, context } = await env.open('#/lock?threads=80&sleep_ms=0&run=1');
    const report = await waitForReport(page);
    assert.equal(report.status, 'ok', report.error);
    assert.ok(report.warm_workers >= 80, `${report.warm_workers} warm workers`);
    // The workers boot.js started while the program loaded (as many as
    // the link asks threads of) are the pool's: all taken, none left idle.
    const blanks = await page.evaluate(() => ({
      taken: globalThis.playgroundBlankWorkersTaken, left: globalThis.playgroundBlankWorkers.length }));
    assert.deepEqual(blanks, { taken: 80, left: 0 });
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('typing goes on while the pool grows', async (t) => {
    const { page, problems, context } = await env.open('#/lock?threads=150&sleep_ms=0');
    // Typed in the middle of the growth.
    await warmUntil(page, 20);
    await page.locator('#field-sleep_ms').fill('2');
    // The page answered the edit (the URL follows the form) while the
    // pool was still growing: the page's thread was not held until the
    // workers had loaded.
    const warmWhenAnswered = await page.evaluate(() => new Promise((resolve) => {
      const look = () => {
        if (location.hash.includes('sleep_ms=2')) {
          resolve(Number(document.querySelector('[data-testid="cap-threads"]').dataset.warm));
        } else {
          requestAnimationFrame(look);
        }
      };
      look();
    }));
    t.diagnostic(`the edit showed in the URL with ${warmWhenAnswered} of 150 workers warm`);
    assert.ok(warmWhenAnswered < 150);
    await warmUntil(page, 150);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

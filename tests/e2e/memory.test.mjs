// The shared memory's declared maximum (.cargo/config.toml, 640 MiB, down
// from 1 GiB for phones) holds the heaviest runs the forms allow: 256
// threads, each with its stack in the shared memory, on the lock page and
// then the semaphore page in the same tab (the memory never shrinks).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runAgain, startAll, waitForReport } from './helpers.mjs';

let env;
before(async () => {
  env = await startAll();
});
after(async () => {
  await env.stop();
});

test('256 threads on the lock page, then on the semaphore page, fit the memory', async (t) => {
  const { page, problems, context } = await env.open('#/lock?threads=256&sleep_ms=0&run=1');
  const lock = await waitForReport(page, 300_000);
  assert.equal(lock.status, 'ok', lock.error);
  assert.equal(lock.value, 256);
  await page.evaluate(() => { location.hash = '#/semaphore?threads=256&permits=64&max_hold_ms=5&seed=1'; });
  await page.getByTestId('run').and(page.locator(':enabled')).waitFor({ timeout: 300_000 });
  const semaphore = await runAgain(page, 300_000);
  assert.equal(semaphore.status, 'ok', semaphore.error);
  assert.equal(semaphore.timeline.filter((s) => s.state === 'holding').length, 256);
  const pool = await page.evaluate(() => JSON.parse(window.playground.playground_debug_pool()));
  t.diagnostic(`shared memory ${(pool.memory_bytes / 2 ** 20).toFixed(1)} MiB, heap in use ${(pool.heap_in_use_bytes / 2 ** 20).toFixed(1)} MiB`);
  assert.ok(pool.memory_bytes <= 640 * 2 ** 20);
  assert.deepEqual(problems, []);
  await context.close();
});

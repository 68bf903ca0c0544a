// The kettle page (#/kettle): the four cases of the story, side by side.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startAll, waitForReport } from './helpers.mjs';

describe('the kettle page', () => {
  let env;
  before(async () => {
    env = await startAll();
  });
  after(async () => {
    await env.stop();
  });

  test('blocking watches no TV, polling looks about boil/check times, the whistle calls back at once', async (t) => {
    const { page, problems, context } = await env.open('#/kettle?run=1');
    const report = await waitForReport(page);
    assert.equal(report.experiment, 'kettle');
    assert.equal(report.status, 'ok', report.error);
    assert.deepEqual(report.params, { boil_minutes: 5, check_every_minutes: 1, ms_per_minute: 200 });
    const cases = Object.fromEntries(report.cases.map((c) => [c.case, c]));
    assert.deepEqual(Object.keys(cases), ['sync_blocking', 'sync_nonblocking', 'async_blocking', 'async_nonblocking']);
    t.diagnostic(JSON.stringify(report.cases));

    for (const blocking of ['sync_blocking', 'async_blocking']) {
      assert.equal(cases[blocking].tv_minutes, 0, `${blocking} watched TV`);
    }
    assert.ok(cases.async_nonblocking.tv_minutes >= cases.sync_nonblocking.tv_minutes,
      'the whistle left less TV than polling');
    // Only the polling man looks, about boil / check times.
    for (const [name, c] of Object.entries(cases)) {
      if (name === 'sync_nonblocking') assert.ok(c.checks === 5 || c.checks === 6, `${c.checks} looks`);
      else assert.equal(c.checks, 0, `${name} looked`);
    }
    // Polling picks up within one check interval; the others about at once.
    assert.ok(cases.sync_nonblocking.pickup_delay_minutes <= 1, `${cases.sync_nonblocking.pickup_delay_minutes}`);
    for (const name of ['sync_blocking', 'async_blocking', 'async_nonblocking']) {
      assert.ok(cases[name].pickup_delay_minutes < 0.1, `${name}: ${cases[name].pickup_delay_minutes} minutes`);
    }
    // Two lanes a case, the kettle heating for the five minutes (1000 ms).
    const lanes = new Set(report.timeline.map((s) => s.lane));
    assert.equal(lanes.size, 8);
    for (const heating of report.timeline.filter((s) => s.state === 'heating')) {
      assert.ok(heating.end_ms >= 1000 && heating.end_ms < 1100, `heated for ${heating.end_ms} ms`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
});

// The kettle page (#/kettle): the four cases of the story, side by side.
// Every assertion is about order and cause, not about how long things took:
// the kettle's thread stamps the boil, the person's code stamps the pickup.
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

  test('each case picks up after the boil, by the mechanism it stands for', async (t) => {
    const { page, problems, context } = await env.open('#/kettle?run=1');
    const report = await waitForReport(page);
    assert.equal(report.experiment, 'kettle');
    assert.equal(report.status, 'ok', report.error);
    assert.deepEqual(report.params, { boil_minutes: 5, check_every_minutes: 2, ms_per_minute: 200 });
    const cases = Object.fromEntries(report.cases.map((c) => [c.case, c]));
    assert.deepEqual(Object.keys(cases), ['sync_blocking', 'sync_nonblocking', 'async_blocking', 'async_nonblocking']);
    t.diagnostic(JSON.stringify(report.cases));

    const lane = (name, who) => report.timeline.filter((s) => s.lane === `${name}: ${who}`);
    for (const [name, c] of Object.entries(cases)) {
      const [heating, done] = lane(name, 'kettle');
      assert.equal(heating.state, 'heating');
      assert.equal(done.state, name.startsWith('async') ? 'whistling' : 'boiled');
      // A kettle cannot boil before its five minutes (1000 ms) are up, and
      // nobody picks the water up before it boiled.
      assert.ok(heating.end_ms >= 1000, `${name} boiled at ${heating.end_ms} ms`);
      assert.equal(done.start_ms, heating.end_ms);
      assert.ok(done.end_ms >= done.start_ms, `${name} picked up before the boil`);
      assert.ok(c.pickup_delay_minutes >= 0);
    }

    // Blocking: the person only waits, from the start until the pickup.
    for (const name of ['sync_blocking', 'async_blocking']) {
      assert.equal(cases[name].tv_minutes, 0, `${name} watched TV`);
      assert.equal(cases[name].checks, 0);
      assert.deepEqual(lane(name, 'person').map((s) => s.state), ['waiting']);
    }

    // Polling: every look but the last began before the boil and found
    // nothing; the last one is the first that ended after it, and the
    // water is picked up at its end.
    const polling = lane('sync_nonblocking', 'person');
    const looks = polling.filter((s) => s.state === 'checking');
    const [boilHeating, boilDone] = lane('sync_nonblocking', 'kettle');
    assert.equal(looks.length, cases.sync_nonblocking.checks);
    assert.ok(looks.length >= 1);
    for (const look of looks.slice(0, -1)) assert.ok(look.start_ms < boilHeating.end_ms, 'a look missed a boiled kettle');
    assert.ok(looks.at(-1).end_ms >= boilHeating.end_ms);
    assert.equal(boilDone.end_ms, looks.at(-1).end_ms);
    assert.ok(cases.sync_nonblocking.tv_minutes > 0);

    // The callback: TV on the event loop, scene after scene; the whistle
    // came during a scene, and its callback ran only once that scene was
    // over (the loop was busy), before the next one began.
    const scenes = lane('async_nonblocking', 'person').filter((s) => s.state === 'watching_tv');
    const [, whistling] = lane('async_nonblocking', 'kettle');
    assert.ok(scenes.length >= 2);
    assert.ok(cases.async_nonblocking.tv_minutes > 0);
    assert.equal(cases.async_nonblocking.checks, 0);
    // Every scene, the one in progress at the whistle included, ended
    // before the callback ran; and no scene began after it.
    for (const scene of scenes) {
      assert.ok(scene.end_ms <= whistling.end_ms, `a scene ran on to ${scene.end_ms} ms, past the pickup at ${whistling.end_ms} ms`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('Cancel ends all four cases at once', async () => {
    const { page, problems, context } = await env.open('#/kettle?boil_minutes=60&ms_per_minute=1000');
    await page.getByTestId('run').click();
    await page.waitForTimeout(500);
    await page.getByTestId('cancel').click();
    const report = await waitForReport(page, 30_000);
    assert.equal(report.status, 'cancelled');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

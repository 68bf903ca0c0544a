// Every Python file beside a page writes, with --json, a report that the
// reports' JSON Schema (docs/report.schema.json, made from the Rust report
// types) accepts: run at small parameters, validated with Ajv. Bad
// arguments exit with status 2 and say why. And what the reports say holds:
// CPython's GIL has one holder at a time, the semaphore's hold times come
// from the seed as the page's do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { SMALL, runPython } from './python.mjs';

const root = new URL('../../', import.meta.url).pathname;
const schema = JSON.parse(readFileSync(`${root}docs/report.schema.json`, 'utf8'));
// schemars notes Rust's number types as formats; they are not checks.
const ajv = new Ajv2020({ allErrors: true, strict: true, formats: Object.fromEntries(
  ['double', 'uint', 'uint16', 'uint32', 'uint64', 'int64'].map((f) => [f, true])) });
const validate = ajv.compile(schema);

const reports = {};

for (const [file, { args }] of Object.entries(SMALL)) {
  test(`${file} --json ${args.join(' ')} writes a report the schema accepts`, () => {
    const run = runPython(file, args);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    const ok = validate(report);
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 1));
    assert.equal(report.status, 'ok');
    assert.equal(report.env.implementation, 'CPython');
    for (const arg of args) {
      const [name, value] = arg.split('=');
      assert.equal(String(report.params[name]), value, name);
    }
    reports[file] = report;
  });

  test(`${file} --json refuses bad arguments with status 2`, () => {
    for (const bad of [['colour=red'], [`${args[0].split('=')[0]}=-5`], ['threads']]) {
      const run = runPython(file, bad);
      assert.equal(run.status, 2, `${bad}: ${run.stdout}`);
      assert.match(run.stderr, new RegExp(`^${file.replace('.', '\\.')}: .+`), run.stderr);
      assert.equal(run.stdout, '');
    }
  });
}

test('the schema refuses what the page would: a wrong experiment, a bad lane, a missing figure', () => {
  const lock = structuredClone(reports['lock.py']);
  assert.ok(validate(lock));
  for (const broken of [
    { ...lock, experiment: 'gil' },
    { ...lock, timeline: [{ ...lock.timeline[0], lane: 'thread 0' }] },
    { ...lock, timeline: [{ ...lock.timeline[0], state: 'resting' }] },
    { ...lock, params: { ...lock.params, threads: 1000 } },
    Object.fromEntries(Object.entries(lock).filter(([k]) => k !== 'writes')),
  ]) assert.ok(!validate(broken), JSON.stringify(broken).slice(0, 120));
});

test("CPython's GIL, from gil.py's stamps: one holder at a time, and it changed hands", () => {
  const report = reports['gil.py'];
  const gil = report.timeline.filter((s) => s.mode === 'gil');
  if (!report.env.gil_enabled) return; // a free-threaded build has no GIL to see
  const holds = gil.filter((s) => s.state === 'holding_gil').sort((a, b) => a.start_ms - b.start_ms);
  for (let i = 1; i < holds.length; i += 1) {
    assert.ok(holds[i].start_ms >= holds[i - 1].end_ms - 1e-6, JSON.stringify([holds[i - 1], holds[i]]));
  }
  const run = report.runs.find((r) => r.mode === 'gil');
  assert.ok(run.switches >= 1, `switches: ${run.switches}`);
  // Every hand-over is a hold that begins on another lane.
  const changes = holds.filter((h, i) => i > 0 && h.lane !== holds[i - 1].lane).length;
  assert.equal(changes, run.switches);
  const stamps = report.stamps;
  assert.ok(stamps.stamp_count > 1 && stamps.plain_ms > 0 && stamps.stamped_ms > 0, JSON.stringify(stamps));
});

test('semaphore.py takes the hold times from the seed, as the page does', () => {
  // The page's hold_ms(1, i, 50), pinned in src/experiments/semaphore.rs.
  assert.deepEqual(reports['semaphore.py'].hold_ms, [34, 0, 29, 3]);
  assert.ok(reports['semaphore.py'].max_concurrent <= 2);
});

test("kettle.py: every kettle boils on time, even while the event loop shows short scenes of TV", () => {
  // The kettle's thread needs the GIL to say it boiled; scenes shorter than
  // the GIL's switch interval once kept it waiting for seconds (a kettle
  // of 60 ms boiled after 9.6 s). Not a timing test: a second is slack.
  const { params, timeline } = reports['kettle.py'];
  const boil = params.boil_minutes * params.ms_per_minute;
  for (const heating of timeline.filter((s) => s.state === 'heating')) {
    assert.ok(heating.end_ms < boil + 1000, `${heating.lane}: boiled after ${heating.end_ms} ms, not about ${boil}`);
  }
});

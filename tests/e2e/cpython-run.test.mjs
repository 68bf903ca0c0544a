// CPython's own run beside the browser's (issue 21): every page's Python
// file, run with --json, opens in its page (a file chosen, dropped, or
// pasted), is drawn with the page's own plots, each bar where the file's
// span says, and downloads as a Chrome trace; a bad file is refused in the
// page's language, and the page's own run stays as it was.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { downloaded, recordingDownloads, startAll, waitForReport } from './helpers.mjs';
import { BROWSER, openPage } from './browser.mjs';
import { SMALL, reportOf } from '../schema/python.mjs';

const DOCS = new URL('../../docs/', import.meta.url).pathname;

// A context whose pages speak `lang` and record their downloads.
const context = (browser, lang = 'zh') => recordingDownloads(browser, lang);

async function download(page, button) {
  const { name, bytes } = await downloaded(page, button);
  return { name, text: bytes.toString('utf8') };
}

function asFile(report, name = 'run.json') {
  return { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(report)) };
}

async function open(page, file) {
  await page.getByTestId('open-cpython-run').setInputFiles(file);
}

// The bars of the first timeline in `region`: (state, left, right) in the
// drawing's units.
function bars(region) {
  return region.locator('figure.timeline svg[role="img"]').first().evaluate((svg) =>
    [...svg.querySelectorAll('g.lane rect')].map((r) => ({
      state: r.getAttribute('class').replace(/^st-/, ''),
      left: Number(r.getAttribute('x')),
      right: Number(r.getAttribute('x')) + Number(r.getAttribute('width')),
    })));
}

// Holds the drawn bars to the file's spans: one bar per span, of its
// state, and (the axis being linear in time) each where its times say.
function holdBarsToSpans(drawn, spans, what) {
  const count = (list) => list.reduce((n, s) => ({ ...n, [s.state]: (n[s.state] || 0) + 1 }), {});
  assert.deepEqual(count(drawn), count(spans), `${what}: bars per state`);
  const t0 = Math.min(...spans.map((s) => s.start_ms));
  const t1 = Math.max(...spans.map((s) => s.end_ms));
  const x0 = Math.min(...drawn.map((b) => b.left));
  const x1 = Math.max(...drawn.map((b) => b.right));
  const x = (t) => x0 + ((t - t0) / (t1 - t0)) * (x1 - x0);
  for (const span of spans) {
    const [left, right] = [x(span.start_ms), x(span.end_ms)];
    if (right - left < 2) continue; // drawn at least 1 unit wide
    const bar = drawn.find((b) => b.state === span.state && Math.abs(b.left - left) < 1.5 && Math.abs(b.right - right) < 1.5);
    assert.ok(bar, `${what}: no ${span.state} bar at ${left.toFixed(1)}–${right.toFixed(1)} for ${JSON.stringify(span)}`);
  }
}

// A Chrome trace-event file, checked as the format says viewers read it.
function checkTrace(text, report) {
  const trace = JSON.parse(text);
  assert.ok(Array.isArray(trace.traceEvents));
  const events = trace.traceEvents;
  const named = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => `${e.pid}/${e.tid}`));
  const sorted = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_sort_index').map((e) => `${e.pid}/${e.tid}`));
  const lanes = new Set((report.timeline || []).map((s) => `${s.mode ?? ''}·${s.lane}`));
  assert.equal(named.size, lanes.size, 'a thread_name per lane');
  assert.deepEqual(sorted, named, 'a thread_sort_index per lane');
  const spans = events.filter((e) => e.ph === 'X');
  assert.equal(spans.length, (report.timeline || []).length, 'a complete event per span');
  for (const e of spans) {
    assert.ok(named.has(`${e.pid}/${e.tid}`), `${JSON.stringify(e)} is on a named thread`);
    assert.ok(Number.isFinite(e.ts) && e.ts >= 0 && Number.isFinite(e.dur) && e.dur >= 0, JSON.stringify(e));
    assert.equal(e.name, e.cat);
  }
  const starts = events.filter((e) => e.ph === 's');
  const ends = events.filter((e) => e.ph === 'f');
  assert.deepEqual(starts.map((e) => e.id).sort(), ends.map((e) => e.id).sort(), 'every flow ends');
  for (const s of starts) {
    const f = ends.find((e) => e.id === s.id);
    assert.ok(f.ts >= s.ts && f.bp === 'e' && (f.tid !== s.tid), JSON.stringify([s, f]));
  }
  return { trace, flows: starts.length, instants: events.filter((e) => e.ph === 'i').length };
}

describe("CPython's own run beside the page's", () => {
  let env;
  const reports = {};
  before(async () => {
    for (const file of Object.keys(SMALL)) reports[file] = reportOf(file);
    env = await startAll();
  });
  after(async () => {
    await env.stop();
  });

  test('every Python file\'s report opens in its page, drawn where its spans say, and exports as a trace', async () => {
    const ctx = await context(env.browser);
    for (const [file, { path }] of Object.entries(SMALL)) {
      const report = reports[file];
      const { page, problems } = await openPage(ctx, `${env.url}#/${path}`);
      await open(page, asFile(report, `${path}.json`));
      const region = page.getByTestId('cpython-run');
      await region.waitFor();
      const shown = JSON.parse(await region.getByTestId('cpython-result-json').textContent());
      assert.deepEqual(shown, report, `${file}: the report as it came`);
      assert.equal(await region.getAttribute('data-interpreter'), `CPython ${report.env.version}`);
      assert.match(await region.locator('h3').first().textContent(), new RegExp(`CPython ${report.env.version.replaceAll('.', '\\.')}`));
      // The two runs side by side (the page has not run: its column says so).
      assert.ok(await region.getByTestId('cpython-compare').locator('tbody tr').count() >= 1, `${file}: no figures compared`);
      if (report.timeline) holdBarsToSpans(await bars(region), report.timeline, file);
      else assert.equal(await region.locator('figure.sequence').count(), 1, `${file}: the dialogue is drawn`);
      const saved = await download(page, region.getByTestId('export-trace'));
      assert.equal(saved.name, `${report.experiment}-cpython-trace.json`);
      const { flows, instants } = checkTrace(saved.text, report);
      if (file === 'gil.py' && report.env.gil_enabled) {
        // Every hand-over of CPython's GIL is an arrow.
        assert.equal(flows, report.runs.find((r) => r.mode === 'gil').switches);
      }
      if (file === 'lock.py') {
        assert.equal(flows, report.params.threads - 1, 'each release to the next acquire');
        assert.equal(instants, report.writes.length, 'each write');
      }
      assert.deepEqual(problems, [], file);
      await page.close();
    }
    await ctx.close();
  });

  test('a bad file is refused in the page\'s language; the page\'s run and the CPython run opened before stay', async () => {
    const ctx = await context(env.browser, 'zh');
    const { page, problems } = await openPage(ctx, `${env.url}#/lock?threads=6&sleep_ms=1&run=1`);
    const own = await waitForReport(page);
    const ownText = await page.getByTestId('result-json').textContent();
    const good = reports['lock.py'];
    await open(page, asFile(good));
    await page.getByTestId('cpython-run').waitFor();
    const text = JSON.stringify(good);
    const lanes = Array.from({ length: 700 }, (_, i) => ({ lane: `thread ${i + 1}`, start_ms: 0, end_ms: 1, state: 'read_write' }));
    const bad = [
      ['truncated', text.slice(0, text.length / 2), /JSON.*截断/],
      ['the wrong experiment', JSON.stringify({ ...good, experiment: 'gil' }), /`?gil`?.*这一页/],
      ['NaN', text.replace(/"elapsed_ms":[0-9.]+/, '"elapsed_ms":NaN'), /NaN/],
      ['a negative time', JSON.stringify({ ...good, timeline: [{ ...good.timeline[0], start_ms: -5 }, ...good.timeline.slice(1)] }), /负数/],
      ['10 MB', ' '.repeat(10 * 1024 * 1024) + text, /千字节/],
      ['more lanes than the cap', JSON.stringify({ ...good, timeline: lanes }), /700 行/],
    ];
    const alert = page.getByRole('alert').filter({ hasText: '没有打开这个文件' });
    for (const [what, content, says] of bad) {
      await open(page, { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(content) });
      await page.waitForFunction((re) => [...document.querySelectorAll('[data-testid="cpython-error"]')]
        .some((e) => new RegExp(re).test(e.textContent)), says.source, { timeout: 10_000 });
      const said = await alert.textContent();
      assert.match(said, says, `${what}: ${said}`);
      assert.match(said, /本页自己的运行没有变/);
      assert.equal(await page.getByTestId('result-json').textContent(), ownText, `${what}: the page's run changed`);
      assert.deepEqual(JSON.parse(await page.getByTestId('cpython-result-json').textContent()), good, what);
    }
    assert.equal(own.status, 'ok');
    assert.deepEqual(problems, []);
    await ctx.close();
    // In English, the same refusal in English.
    const en = await context(env.browser, 'en');
    const second = await openPage(en, `${env.url}#/lock`);
    await open(second.page, { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...good, experiment: 'gil' })) });
    const english = second.page.getByRole('alert').filter({ hasText: 'The file was not opened' });
    await english.waitFor();
    assert.match(await english.textContent(), /a run of the gil page, not of this one \(lock\)/);
    assert.equal(await second.page.getByTestId('cpython-run').count(), 0);
    assert.deepEqual(second.problems, []);
    await en.close();
  });

  test('a run dropped onto the page or pasted opens too; a paste into a field stays the field\'s', async () => {
    const ctx = await context(env.browser, 'en');
    const { page, problems } = await openPage(ctx, `${env.url}#/semaphore`);
    await page.getByTestId('open-cpython-run').waitFor();
    const text = JSON.stringify(reports['semaphore.py']);
    await page.evaluate((t) => {
      const data = new DataTransfer();
      data.items.add(new File([t], 'semaphore.json', { type: 'application/json' }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, text);
    await page.getByTestId('cpython-run').waitFor();
    await page.getByRole('button', { name: 'Close this CPython run' }).click();
    assert.equal(await page.getByTestId('cpython-run').count(), 0);
    // A real copy and paste, with the keys (a paste event made by a
    // script carries no data in Firefox): the text is copied from a
    // scratch field, then pasted where `focus` puts the caret.
    const paste = async (focus, t) => {
      await page.evaluate((t) => {
        const scratch = document.createElement('textarea');
        scratch.id = 'scratch';
        scratch.value = t;
        document.body.append(scratch);
        scratch.select();
      }, t);
      await page.keyboard.press('ControlOrMeta+C');
      await page.evaluate(() => document.getElementById('scratch').remove());
      await focus();
      await page.keyboard.press('ControlOrMeta+V');
    };
    await paste(() => page.locator('#field-threads').focus(), text);
    await page.waitForTimeout(300);
    assert.equal(await page.getByTestId('cpython-run').count(), 0, 'a paste into a field opened a run');
    assert.ok((await page.locator('#field-threads').inputValue()).includes('"experiment"'), 'the field took the paste');
    await paste(() => page.evaluate(() => document.activeElement.blur()), text);
    await page.getByTestId('cpython-run').waitFor();
    assert.equal(JSON.parse(await page.getByTestId('cpython-result-json').textContent()).params.seed, 1);
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  test('the GIL page: CPython\'s real GIL beside the emulated one, the two compared, the page\'s own run as a trace', async () => {
    const report = reportOf('gil.py', ['n=27', 'threads=2', 'modes=sequential,gil']);
    const ctx = await context(env.browser, 'en');
    const { page, problems } = await openPage(ctx, `${env.url}#/gil?n=27&threads=2&modes=sequential,gil,free&run=1`);
    const own = await waitForReport(page);
    await open(page, asFile(report, 'gil.json'));
    const region = page.getByTestId('cpython-run');
    await region.waitFor();
    const compare = region.getByTestId('cpython-compare');
    const cell = (what, run) => compare.locator(`tr[data-figure="${what}"] td[data-run="${run}"]`).textContent();
    const ratio = (r, mode) => (r.runs.find((x) => x.mode === mode).ms / r.runs.find((x) => x.mode === 'sequential').ms).toFixed(2);
    const what = 'threads under the GIL ÷ the sequence (time)';
    assert.equal(await cell(what, 'page'), ratio(own, 'gil'));
    if (report.env.gil_enabled) {
      assert.equal(await cell(what, 'cpython'), ratio(report, 'gil'));
      assert.equal(await cell('GIL hand-overs', 'cpython'), String(report.runs[1].switches));
      // What the stamps cost is said, with the file's figures.
      const said = (await region.textContent()).match(/fib\(27\) took ([0-9.]+) ms without the notes and ([0-9.]+) ms with them/);
      assert.ok(said, 'the stamps\' cost is not said');
      assert.ok(Math.abs(Number(said[1]) / report.stamps.plain_ms - 1) < 0.01, `${said[1]} against ${report.stamps.plain_ms}`);
      assert.ok(Math.abs(Number(said[2]) / report.stamps.stamped_ms - 1) < 0.01, `${said[2]} against ${report.stamps.stamped_ms}`);
    }
    // The page's own run downloads as a trace too, its hand-overs as arrows.
    const saved = await download(page, page.locator('.status').getByTestId('export-trace'));
    assert.equal(saved.name, 'gil-trace.json');
    const { flows } = checkTrace(saved.text, own);
    assert.equal(flows > 0, own.runs.find((r) => r.mode === 'gil').switches > 0);
    if (BROWSER === 'chromium') {
      mkdirSync(DOCS, { recursive: true });
      await page.setViewportSize({ width: 1100, height: 900 });
      await page.evaluate(() => document.fonts.ready);
      // One picture: the emulated run's figures, and CPython's run below
      // them with the two compared (the reports between are left out).
      const top = await page.evaluate(() => {
        const hide = ['[data-testid="result-json"]', '.report-heading', '.cpython-open', '.try-this',
          '[data-testid="cpython-result-json"]', '.cpython-run h4:last-of-type'];
        for (const s of hide) document.querySelectorAll(s).forEach((e) => { e.style.display = 'none'; });
        const figures = document.querySelector('.experiment > .status');
        return figures.getBoundingClientRect().top + window.scrollY;
      });
      const box = await region.boundingBox();
      const bottom = box.y + box.height + (await page.evaluate(() => window.scrollY));
      await page.screenshot({ path: `${DOCS}gil-cpython.png`, fullPage: true,
        clip: { x: 0, y: top - 8, width: 1100, height: bottom - top + 16 } });
    }
    assert.deepEqual(problems, []);
    await ctx.close();
  });
});

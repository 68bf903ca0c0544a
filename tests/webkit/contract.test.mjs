// The page contract in WebKitGTK (Safari's engine): Run and Cancel, bad
// input refused next to its field, the time cursor from the keyboard, and a
// plot exported as SVG and PNG.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { maxOverlap, problems, runAgain, startAll, waitForReport, waitForThreads } from './helpers.mjs';
import { KEY } from './webdriver.mjs';

describe('the page contract in WebKitGTK', () => {
  let env;
  before(async () => {
    env = await startAll();
  });
  after(async () => {
    await env.stop();
  });

  test('lock: Run counts exactly with the lock, and again; without it updates are lost', async (t) => {
    const page = await env.open('lock?run=1');
    const report = await waitForReport(page);
    assert.deepEqual(report.params, { threads: 100, sleep_ms: 1, use_lock: true });
    assert.equal(report.value, 100);
    assert.equal(report.lost_updates, 0);
    assert.equal(maxOverlap(report.timeline.filter((s) => s.state === 'read_write')), 1);
    const again = await runAgain(page);
    assert.equal(again.value, 100);
    t.diagnostic(`100 threads: ${report.ms} ms, then ${again.ms} ms (spawn ${report.spawn_ms}, ${again.spawn_ms})`);
    const unlocked = await env.open('lock?use_lock=false&sleep_ms=1&run=1');
    const lost = await waitForReport(unlocked);
    assert.ok(lost.lost_updates > 0, 'no update was lost');
    assert.equal(lost.lost_updates, lost.expected - lost.value);
    assert.deepEqual(await problems(page), []);
  });

  test('Cancel stops a long run, and the page runs again at once', async () => {
    const page = await env.open('?n=40&threads=2');
    await waitForThreads(page);
    await (await page.find('[data-testid="run"]')).click();
    await page.waitFor('the run to start', () => document.querySelector('[data-testid="run"]').disabled);
    await (await page.find('[data-testid="cancel"]')).click();
    const report = await waitForReport(page, { timeout: 30_000 });
    assert.equal(report.status, 'cancelled');
    assert.equal(await (await page.find('[data-testid="run"]')).enabled(), true);
    await (await page.find('#field-n')).clear();
    await (await page.find('#field-n')).sendKeys('20');
    const next = await runAgain(page);
    assert.equal(next.status, 'ok', next.error);
    assert.equal(next.params.n, 20);
    assert.deepEqual(await problems(page), []);
  });

  test('bad values are reported next to their fields, and nothing runs', async () => {
    const page = await env.open('?n=abc&threads=999&colour=red&run=1');
    const report = await waitForReport(page);
    assert.equal(report.status, 'error');
    assert.match(report.error, /n: .*abc/);
    assert.match(report.error, /threads: .*999/);
    const fields = await page.evaluate(() => ({
      invalid: document.querySelector('#field-n').getAttribute('aria-invalid'),
      n: document.querySelector('#field-n-error')?.textContent ?? '',
      threads: document.querySelector('#field-threads-error')?.textContent ?? '',
      form: document.querySelector('form.params').textContent,
    }));
    assert.equal(fields.invalid, 'true');
    assert.match(fields.n, /abc/);
    assert.match(fields.threads, /999/);
    assert.match(fields.form, /colour/);
    const gil = await env.open('gil?n=1000&run=1');
    const refused = await waitForReport(gil);
    assert.equal(refused.status, 'error');
    assert.match(refused.error, /^invalid parameters: n:/);
    assert.equal(refused.runs, undefined);
  });

  test('the time cursor steps through the lock run from the keyboard', async () => {
    const page = await env.open('lock?threads=20&sleep_ms=1&use_lock=true&run=1');
    const report = await waitForReport(page);
    assert.equal(report.value, 20);
    const readout = () => page.evaluate(() => {
      const box = document.querySelector('[data-testid="cursor-readout"]');
      const counter = box.querySelector('[data-testid="cursor-counter"]');
      const states = Object.fromEntries([...box.querySelectorAll('li[data-state]')]
        .map((li) => [li.dataset.state, Number(li.dataset.count)]));
      return { ms: Number(box.dataset.ms), states, value: Number(counter.dataset.value), writes: Number(counter.dataset.writes) };
    });
    const cursor = await page.find('.cursor-area');
    await cursor.sendKeys(KEY.Home);
    let last = await readout(page);
    assert.equal(last.value, 0, 'nothing written at the start');
    let steps = 0;
    for (; steps < 400; steps += 1) {
      await cursor.sendKeys(KEY.ArrowRight);
      const now = await readout(page);
      if (now.ms === last.ms) break;
      assert.ok(now.ms > last.ms, `stepped back from ${last.ms} to ${now.ms}`);
      assert.ok((now.states.read_write ?? 0) <= 1, `${now.states.read_write} threads between read and write`);
      assert.equal(now.value, now.writes, 'with the lock every write counts');
      last = now;
    }
    assert.ok(steps >= 20, `only ${steps} steps`);
    assert.equal(last.value, 20);
    await cursor.sendKeys(KEY.ArrowLeft);
    assert.ok((await readout(page)).ms < last.ms, '← did not step back');
    await cursor.sendKeys(KEY.End);
    assert.equal((await readout(page)).writes, 20);
    assert.deepEqual(await problems(page), []);
  });

  // Records what each download link would save, instead of saving it (the
  // program calls these through the prototype, so patching after it has
  // loaded is enough).
  const recordDownloads = (page) => page.evaluate(() => {
    window.downloads = [];
    const blobs = new Map();
    const makeUrl = URL.createObjectURL;
    URL.createObjectURL = (blob) => {
      const url = makeUrl(blob);
      blobs.set(url, blob);
      return url;
    };
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function recorded() {
      if (!this.download || !blobs.has(this.href)) return click.call(this);
      const name = this.download;
      window.downloads.push(null);
      const at = window.downloads.length - 1;
      blobs.get(this.href).arrayBuffer().then((b) => {
        window.downloads[at] = { name, bytes: Array.from(new Uint8Array(b)) };
      });
      return undefined;
    };
  });

  async function download(page, selector, index = 0) {
    const before = await page.evaluate(() => window.downloads.length);
    const buttons = await page.findAll(selector);
    await buttons[index].click();
    const file = await page.waitFor('the download', (n) => window.downloads.length > n && window.downloads.at(-1), { args: [before] });
    return { name: file.name, bytes: Buffer.from(file.bytes) };
  }

  test('export: the lock timeline as SVG, every GIL plot as PNG', async () => {
    const page = await env.open('lock?threads=12&sleep_ms=1&run=1');
    await waitForReport(page);
    await recordDownloads(page);
    const svg = await download(page, 'figure.plot [data-testid="export-svg"]');
    assert.match(svg.name, /^lock-.*\.svg$/);
    const text = svg.bytes.toString('utf8');
    assert.match(text, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(text, /threads=12 · sleep_ms=1/);
    assert.match(text, /<rect[^>]* fill="rgb/);

    const gil = await env.open('gil?n=24&run=1');
    await waitForReport(gil);
    await recordDownloads(gil);
    const count = (await gil.findAll('figure.plot [data-testid="export-png"]')).length;
    assert.ok(count >= 2, `${count} plots`);
    for (let i = 0; i < count; i += 1) {
      const png = await download(gil, 'figure.plot [data-testid="export-png"]', i);
      assert.match(png.name, /^gil-.*\.png$/);
      assert.equal(png.bytes.subarray(1, 4).toString('latin1'), 'PNG');
      const width = png.bytes.readUInt32BE(16);
      const height = png.bytes.readUInt32BE(20);
      assert.ok(width >= 800 && height > 100, `${width}×${height}`);
    }
    assert.deepEqual(await problems(gil), []);
  });
});

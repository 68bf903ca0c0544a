// Every plot downloads as SVG and PNG, with a title, the parameters and
// the date (src/ui/components/export.rs). The file is read where the page
// hands it to the browser (the download link's click): Playwright's
// WebDriver BiDi client for Firefox reports no download events, and so the
// same test runs in both browsers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { downloaded, recordingDownloads, startAll, waitForReport } from './helpers.mjs';
import { openPage } from './browser.mjs';

describe('exporting a plot', () => {
  let env;
  before(async () => {
    env = await startAll();
  });
  after(async () => {
    await env.stop();
  });

  async function openRecording(path) {
    return openPage(await recordingDownloads(env.browser), env.url + path);
  }

  const download = downloaded;

  test('the lock timeline as SVG: a standalone drawing with its title, parameters and date', async () => {
    const { page, problems, context } = await openRecording('#/lock?threads=12&sleep_ms=1&run=1');
    await waitForReport(page);
    const figure = page.locator('figure.plot').first();
    const bars = await figure.locator('svg').first().locator('rect').count();
    const { name, bytes } = await download(page, figure.getByTestId('export-svg'));
    assert.match(name, /^lock-.*\.svg$/);
    const svg = bytes.toString('utf8');
    assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const title = await figure.locator('svg').first().getAttribute('aria-label');
    assert.ok(svg.includes(title), 'no title');
    assert.match(svg, /threads=12 · sleep_ms=1/);
    assert.match(svg, new RegExp(new Date().toISOString().slice(0, 10)));
    // Every bar is there, coloured without the page's stylesheet.
    assert.ok((svg.match(/<rect/g) || []).length >= bars);
    assert.match(svg, /<rect[^>]* fill="rgb/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('every plot of the GIL page downloads as PNG', async () => {
    const { page, problems, context } = await openRecording('#/gil?n=24&run=1');
    await waitForReport(page);
    const figures = page.locator('figure.plot');
    const count = await figures.count();
    assert.ok(count >= 2);
    for (let i = 0; i < count; i += 1) {
      const { name, bytes } = await download(page, figures.nth(i).getByTestId('export-png'));
      assert.match(name, /^gil-.*\.png$/);
      assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
      const width = bytes.readUInt32BE(16);
      const height = bytes.readUInt32BE(20);
      assert.ok(width >= 800 && height > 100, `${width}×${height}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
});

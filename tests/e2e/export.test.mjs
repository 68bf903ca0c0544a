// Every plot downloads as SVG and PNG, with a title, the parameters and
// the date (src/ui/components/export.rs). The file is read where the page
// hands it to the browser (the download link's click): Playwright's
// WebDriver BiDi client for Firefox reports no download events, and so the
// same test runs in both browsers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startAll, waitForReport } from './helpers.mjs';
import { openPage } from './browser.mjs';

describe('exporting a plot', () => {
  let env;
  before(async () => {
    env = await startAll();
  });
  after(async () => {
    await env.stop();
  });

  // Records what each download link would save, instead of saving it.
  async function openRecording(path) {
    const context = await env.browser.newContext();
    await context.addInitScript(() => {
      // (The page's CSP lets it fetch nothing but its own origin, so the
      // blob behind a link is kept when its URL is made.)
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
        window.downloads.push(blobs.get(this.href).arrayBuffer()
          .then((b) => ({ name, bytes: Array.from(new Uint8Array(b)) })));
        return undefined;
      };
    });
    return openPage(context, env.url + path);
  }

  async function download(page, button) {
    const before = await page.evaluate(() => window.downloads.length);
    await button.click();
    await page.waitForFunction((n) => window.downloads.length > n, before);
    const file = await page.evaluate(() => window.downloads.at(-1));
    return { name: file.name, bytes: Buffer.from(file.bytes) };
  }

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

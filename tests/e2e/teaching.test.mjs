// What the pages teach beside their runs: every page's panel holding it to
// the post (`data-testid="from-the-post"`) and its presets (`try-this`), in
// both languages, the Chinese with no Latin word outside code font but the
// names `NAMES_IN_CHINESE` allows (read from src/i18n.rs, the one list);
// every preset runs to an ok report; and the new lessons, shown by what
// the reports say happened (not by how long it took): threads that wait
// let go of the GIL and wait at once; a blocking sleep holds the event loop;
// notify(1) leaves a waiter that was not chosen.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { maxOverlap, startAll, waitForReport } from './helpers.mjs';
import { BROWSER } from './browser.mjs';

const DOCS = new URL('../../docs/', import.meta.url).pathname;
const I18N = readFileSync(new URL('../../src/i18n.rs', import.meta.url), 'utf8');
const NAMES = [...I18N.match(/pub const NAMES_IN_CHINESE: &\[&str\] = &\[([^\]]*)\]/)[1].matchAll(/"([^"]+)"/g)]
  .map((m) => m[1]);

// Each page and its post section.
const PAGES = [['', '1 · 3.1'], ['gil', '1'], ['kettle', '2.1'], ['processes', '3.1'], ['lock', '3.2.1'],
  ['semaphore', '3.2.2'], ['condition', '3.2.3'], ['coroutine', '4.1'], ['async', '4.2']];

// A context whose pages speak `lang`.
async function speaking(browser, lang) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  await context.addInitScript((l) => localStorage.setItem('playground.lang', l), lang);
  return context;
}

describe('what every page teaches beside its run', () => {
  let env;
  before(async () => {
    env = await startAll();
    assert.ok(NAMES.includes('GIL') && NAMES.length > 5, `NAMES_IN_CHINESE: ${NAMES}`);
  });
  after(async () => {
    await env.stop();
  });

  for (const lang of ['zh', 'en']) {
    test(`in ${lang}: every page holds itself to the post, with two to four presets`, async () => {
      const context = await speaking(env.browser, lang);
      for (const [path, section] of PAGES) {
        // A page each (Firefox waits for a load that a change of the hash
        // alone never fires).
        const page = await context.newPage();
        await page.goto(`${env.url}#/${path}`);
        const panel = page.getByTestId('from-the-post');
        await panel.waitFor();
        const seen = await page.evaluate(() => {
          const panel = document.querySelector('[data-testid="from-the-post"]');
          const outsideCode = panel.cloneNode(true);
          outsideCode.querySelectorAll('code').forEach((c) => c.remove());
          const presets = [...document.querySelectorAll('[data-testid="try-this"]')].map((li) => ({
            href: li.querySelector('a')?.getAttribute('href') ?? '',
            label: li.querySelector('a')?.textContent ?? '',
            look: li.querySelector('.look-for')?.textContent ?? '',
          }));
          const prose = [panel, ...document.querySelectorAll('section.page > p, section.page > ol, [data-testid="try-this"]')]
            .map((e) => {
              const copy = e.cloneNode(true);
              copy.querySelectorAll('code').forEach((c) => c.remove());
              return copy.textContent;
            }).join(' ');
          // The fields as a plain visit fills them: the defaults.
          const defaults = Object.fromEntries([...document.querySelectorAll('input[name], select[name]')]
            .map((field) => [field.name, field.value]));
          return { text: panel.textContent, outside: outsideCode.textContent, items: panel.querySelectorAll('li').length, presets, prose, defaults };
        });
        assert.ok(seen.text.includes(`§${section}`), `#/${path}: the panel names no §${section}`);
        assert.ok(seen.items >= 1, `#/${path}: the panel lists no difference`);
        assert.ok(!seen.text.includes('`'), `#/${path}: a backtick was shown`);
        assert.ok(seen.presets.length >= 2 && seen.presets.length <= 4, `#/${path}: ${seen.presets.length} presets`);
        for (const preset of seen.presets) {
          assert.match(preset.href, new RegExp(`^#/${path}\\?.*run=1`), `#/${path}: ${preset.href}`);
          assert.ok(preset.label.length > 1 && preset.look.length > 5, `#/${path}: ${JSON.stringify(preset)}`);
          // A preset shows something only if it changes a parameter.
          const changed = [...new URLSearchParams(preset.href.split('?')[1])]
            .filter(([key, value]) => key !== 'run' && seen.defaults[key] !== value);
          assert.ok(changed.length > 0, `#/${path}: ${preset.href} changes nothing from ${JSON.stringify(seen.defaults)}`);
        }
        if (lang === 'zh') {
          assert.match(seen.text, /[\u4e00-\u9fff]/);
          // Outside code font, only the names the catalogue allows.
          const words = seen.prose.match(/[A-Za-z][A-Za-z0-9]*(?:\/[A-Za-z][A-Za-z0-9]*)*/g) ?? [];
          const stray = [...new Set(words.filter((w) => !NAMES.includes(w)))];
          assert.deepEqual(stray, [], `#/${path}: English outside code font`);
        } else {
          assert.doesNotMatch(seen.text, /[\u4e00-\u9fff]/, `#/${path}: Chinese in the English panel`);
        }
        await page.close();
      }
      await context.close();
    });
  }

  // Every preset, followed from its link, runs to an ok report with the
  // parameters it names (the languages take turns).
  for (const [i, [path]] of PAGES.entries()) {
    test(`#/${path}: each preset runs to an ok report`, async (t) => {
      const context = await speaking(env.browser, i % 2 ? 'en' : 'zh');
      const page = await context.newPage();
      await page.goto(`${env.url}#/${path}`);
      await page.getByTestId('from-the-post').waitFor();
      const hrefs = await page.locator('[data-testid="try-this"] a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      await page.close();
      for (const href of hrefs) {
        const one = await context.newPage();
        await one.goto(`${env.url}#/${path}`);
        await one.locator(`[data-testid="try-this"] a[href="${href}"]`).click();
        const report = await waitForReport(one, 180_000);
        assert.equal(report.status, 'ok', `${href}: ${report.error}`);
        for (const [key, value] of new URLSearchParams(href.split('?')[1])) {
          if (key === 'run') continue;
          assert.equal(String(report.params[key]), value, `${href}: ${key}`);
        }
        t.diagnostic(`${href}: ok in ${report.elapsed_ms.toFixed(0)} ms`);
        await one.close();
      }
      await context.close();
    });
  }

  test('the GIL page, work=sleep: threads under the GIL wait at once and never hold it at once', async (t) => {
    const { page, problems, context } = await env.open('#/gil?work=sleep&sleep_ms=150&threads=2&modes=sequential,gil,free&run=1');
    const report = await waitForReport(page);
    assert.equal(report.status, 'ok', report.error);
    assert.equal(report.value, undefined);
    const spans = (state) => report.timeline.filter((s) => s.mode === 'gil' && s.state === state);
    assert.equal(maxOverlap(spans('sleeping')), 2, 'the two waits did not overlap');
    // (A hold between two waits can be shorter than the clock's step.)
    assert.ok(maxOverlap(spans('holding_gil')) <= 1, 'two threads held the GIL at once');
    // Every wait lasts at least its time: the sequence of two at least 300 ms.
    const sequential = report.runs.find((r) => r.mode === 'sequential');
    assert.ok(sequential.ms >= 300, `the sequence took ${sequential.ms} ms`);
    t.diagnostic(`gil ${report.runs.find((r) => r.mode === 'gil').speedup}×, free ${report.runs.find((r) => r.mode === 'free').speedup}×`);
    // The page says the waiting lesson, and no CPython comparison of fib.
    const said = await page.locator('.figures').textContent();
    assert.ok(!said.includes('CPython 3.11 would take'), said);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the async page, sleep=time: the blocking sleeps add up and the loop is blocked throughout', async () => {
    const { page, problems, context } = await env.open('#/async?sleep=time&tasks=3&unit_ms=100&run=1');
    const report = await waitForReport(page);
    assert.equal(report.status, 'ok', report.error);
    const sum = report.tasks.reduce((a, t) => a + t.sleep_ms, 0);
    assert.ok(report.concurrent_ms >= sum, `together ${report.concurrent_ms} ms < the sum ${sum}`);
    const tasks = report.timeline.filter((s) => /^task /.test(s.lane));
    assert.equal(maxOverlap(tasks), 1, 'two tasks slept at once');
    const loop = report.timeline.filter((s) => s.lane === 'event loop');
    assert.ok(loop.length === 3 && loop.every((s) => s.state === 'blocked'), JSON.stringify(loop));
    assert.match(await page.getByTestId('async-verdict').textContent(), /time\.sleep/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the condition page, notify(1): one waiter woken, the other not chosen (it missed nothing)', async () => {
    const { page, problems, context } = await env.open('#/condition?consumers=2&consumer_start_ms=0,0&producer_delay_ms=300&notify=1&timeout_ms=1000&run=1');
    const report = await waitForReport(page);
    assert.equal(report.status, 'ok', report.error);
    assert.deepEqual(report.consumers.map((c) => c.outcome).sort(), ['not_chosen', 'woken']);
    const cells = await page.locator('[data-testid="consumers"] td[data-outcome]').evaluateAll((tds) => tds.map((td) => td.dataset.outcome));
    assert.deepEqual(cells.sort(), ['not_chosen', 'woken']);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('pictures of two panels, for the README', async (t) => {
    if (BROWSER !== 'chromium') {
      t.skip('taken in Chromium only (one set of pictures)');
      return;
    }
    mkdirSync(DOCS, { recursive: true });
    for (const [path, lang] of [['gil', 'en'], ['condition', 'zh']]) {
      const context = await speaking(env.browser, lang);
      const page = await context.newPage();
      await page.goto(`${env.url}#/${path}`);
      const panel = page.getByTestId('from-the-post');
      await panel.waitFor();
      await panel.screenshot({ path: `${DOCS}from-the-post-${path}.png` });
      await context.close();
    }
  });
});

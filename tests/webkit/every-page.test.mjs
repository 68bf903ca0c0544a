// Every page in WebKitGTK (Safari's engine), in both languages, after a run
// at its defaults: the report is ok, the page speaks its language (Run and
// Cancel named by their visible words), and its plots are drawn with their
// text alternative. What the Playwright suite checks beyond this (axe, the
// phone width, photographs) is the same markup, checked in Chromium and
// Firefox; here the engine is what differs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { problems, startAll, waitForReport } from './helpers.mjs';

const PAGES = {
  '': 'system',
  gil: 'gil',
  processes: 'processes',
  lock: 'lock',
  semaphore: 'semaphore',
  condition: 'condition',
  coroutine: 'coroutine',
  async: 'async',
  kettle: 'kettle',
};
const WORDS = { zh: { run: '运行', cancel: '取消' }, en: { run: 'Run', cancel: 'Cancel' } };
const CHINESE = /[\u4e00-\u9fff]/;

describe('every page in WebKitGTK', () => {
  let env;
  before(async () => {
    env = await startAll();
  });
  after(async () => {
    await env.stop();
  });

  for (const lang of ['zh', 'en']) {
    for (const [path, experiment] of Object.entries(PAGES)) {
      test(`#/${path} in ${lang}, at its defaults`, async (t) => {
        const page = await env.open(`${path}?run=1`, { lang });
        const report = await waitForReport(page);
        assert.equal(report.experiment, experiment);
        assert.equal(report.status, 'ok', report.error);
        assert.equal(report.env.cross_origin_isolated, true);
        assert.equal(report.env.browser, 'WebKitGTK');
        assert.equal(report.env.engine, 'JavaScriptCore');
        t.diagnostic(`${report.env.browser}, ${report.elapsed_ms} ms`);
        const seen = await page.evaluate(() => ({
          lang: document.documentElement.lang,
          heading: document.querySelector('main h2')?.textContent ?? '',
          run: document.querySelector('[data-testid="run"]').textContent.trim(),
          cancel: document.querySelector('[data-testid="cancel"]').textContent.trim(),
          bootProblem: document.querySelector('[data-testid="boot-problem"]')?.textContent ?? null,
          plots: [...document.querySelectorAll('figure.plot')].map((figure) => ({
            marks: figure.querySelectorAll('svg rect, svg circle, svg polyline, svg path, svg .mark').length,
            rows: figure.querySelectorAll('details.plot-data tbody tr').length,
            summary: figure.querySelector('details.plot-data summary')?.textContent ?? '',
          })),
        }));
        assert.equal(seen.lang, lang);
        assert.equal(seen.bootProblem, null);
        assert.equal(CHINESE.test(seen.heading), lang === 'zh', `heading "${seen.heading}"`);
        assert.equal(seen.run, WORDS[lang].run);
        assert.equal(seen.cancel, WORDS[lang].cancel);
        // The accessible name of each button is its visible word (WebKit's
        // own accessibility name, as VoiceOver would read it).
        for (const id of ['run', 'cancel']) {
          const button = await page.find(`[data-testid="${id}"]`);
          const name = await page.call('GET', `/element/${button.id}/computedlabel`).catch(() => null);
          if (name !== null) assert.equal(name.trim(), WORDS[lang][id]);
        }
        // The main plot is drawn, with a row of its table per mark; every
        // plot has its summary (a plot may be empty until there is
        // something to draw in it, as the CPython run's beside the coroutine).
        assert.ok(seen.plots.length >= 1, 'no plot');
        assert.ok(seen.plots[0].marks > 0, 'the main plot has no marks');
        assert.ok(seen.plots[0].rows > 0, 'the main plot has no table');
        for (const plot of seen.plots) {
          assert.ok(plot.summary.length > 10, 'a plot with no summary');
          if (plot.rows > 0) assert.ok(plot.marks > 0, 'a table for a plot with no marks');
        }
        assert.deepEqual(await problems(page), []);
      });
    }
  }
});

// Every page, in both languages, after a run at its defaults: audited with
// axe-core (WCAG 2.x A and AA rules and axe's best practices: no
// violation), its main plot framing what matters (its marks span at least
// half the drawing, none past the axis), every plot with its text
// alternative (a summary and a table of its marks), nothing wider than a phone's
// 375 px, and, in Chromium in English, photographed into docs/ for the
// README (one set of pictures; they never go stale).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startAll, waitForReport } from './helpers.mjs';
import { BROWSER } from './browser.mjs';

const DOCS = new URL('../../docs/', import.meta.url).pathname;

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const PAGES = ['', 'gil', 'processes', 'lock', 'semaphore', 'condition', 'coroutine', 'async', 'kettle'];

describe('every page at its defaults', () => {
  let env;
  before(async () => {
    env = await startAll();
  });
  after(async () => {
    await env.stop();
  });

  for (const lang of ['zh', 'en']) {
    for (const path of PAGES) {
      test(`#/${path} in ${lang}, at the defaults: no axe violation, the plot framed, fits a phone`, async (t) => {
        const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
        await context.addInitScript((l) => localStorage.setItem('playground.lang', l), lang);
        const page = await context.newPage();
        await page.goto(`${env.url}#/${path}?run=1`);
        const report = await waitForReport(page);
        assert.notEqual(report.status, 'error', report.error);
        assert.equal(await page.locator('html').getAttribute('lang'), lang);
        await page.evaluate(AXE);
        const result = await page.evaluate(() => window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
        }));
        const found = result.violations.map((v) =>
          `${v.id} (${v.impact}): ${v.nodes.length}× e.g. ${v.nodes[0].target.join(' ')} — ${v.nodes[0].failureSummary.split('\n')[1]?.trim()}`);
        assert.deepEqual(found, []);
        // Dark mode too (Chromium: Playwright's BiDi client cannot emulate
        // a colour scheme in Firefox ESR, see the README).
        if (BROWSER === 'chromium') {
          await page.emulateMedia({ colorScheme: 'dark' });
          const dark = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] } }));
          assert.deepEqual(dark.violations.map((v) => `dark: ${v.id} ${v.nodes[0].target.join(' ')}`), []);
          await page.emulateMedia({ colorScheme: 'light' });
        }

        // The main plot: where its marks lie against the drawing's width.
        const frame = await page.evaluate(() => {
          const svg = document.querySelector('section.experiment figure.plot svg');
          if (!svg) return null;
          // Shapes, and the words that are the content (class "mark": the
          // sequence diagram's printed lines).
          const marks = [...svg.querySelectorAll('rect, circle, polyline, path, line, .mark')]
            .filter((m) => !m.closest('.tick, .marker, .axis, defs'))
            .map((m) => m.getBBox())
            .filter((b) => b.width > 0 || b.height > 0);
          const left = Math.min(...marks.map((b) => b.x));
          const right = Math.max(...marks.map((b) => b.x + b.width));
          // Every word drawn lies inside the drawing: no label is cut.
          const cut = [...svg.querySelectorAll('text')].map((t) => [t.textContent, t.getBBox()])
            .filter(([, b]) => b.x < -0.5 || b.x + b.width > svg.viewBox.baseVal.width + 0.5)
            .map(([text]) => text);
          return { marks: marks.length, left, right, span: right - left, width: svg.viewBox.baseVal.width, cut };
        });
        if (frame) {
          t.diagnostic(`${frame.marks} marks over ${frame.span.toFixed(0)} of ${frame.width} units`);
          assert.ok(frame.span >= frame.width / 2, `the marks span ${frame.span} of ${frame.width}`);
          assert.deepEqual(frame.cut, [], 'labels cut at the edge');
          // And none is drawn past the axis, off the drawing.
          assert.ok(frame.left >= 0 && frame.right <= frame.width + 0.5,
            `marks from ${frame.left} to ${frame.right} in a drawing ${frame.width} wide`);
        }
        // Every plot has a text alternative: a summary, and a table with a
        // row (a cell, for the curves) for each mark it draws, saying what
        // the mark says.
        const plots = await page.evaluate(() => [...document.querySelectorAll('figure.plot')].map((figure) => {
          const kind = ['timeline', 'bars', 'curve', 'sequence'].find((k) => figure.classList.contains(k));
          const table = [...figure.querySelectorAll('details.plot-data tbody tr')]
            .map((tr) => [...tr.cells].map((td) => td.textContent));
          const marks = {
            timeline: () => [...figure.querySelectorAll('svg g.lane rect')].map((r) => r.querySelector('title').textContent),
            bars: () => [...figure.querySelectorAll('svg g.bar .bar-value')].map((t) => t.textContent),
            curve: () => [...figure.querySelectorAll('svg circle')].map((c) => c.querySelector('title').textContent),
            sequence: () => [...figure.querySelectorAll('svg g.step .mark')].map((t) => t.textContent),
          }[kind]();
          const summary = figure.querySelector('details.plot-data summary')?.textContent ?? '';
          return { kind, marks, table, summary };
        }));
        assert.ok(plots.length >= 1, 'no plot');
        for (const { kind, marks, table, summary } of plots) {
          assert.ok(summary.length > 10, `${kind}: no summary`);
          if (kind === 'curve') {
            // One row per x, one cell per line: a filled cell per point.
            const values = table.flatMap((row) => row.slice(1).map((v) => [row[0], v])).filter(([, v]) => v !== '');
            assert.equal(values.length, marks.length, `${kind}: ${values.length} values for ${marks.length} points`);
            for (const [x, y] of values) {
              assert.ok(marks.some((m) => m.includes(`${x} → ${y}`)), `${kind}: no point ${x} → ${y}`);
            }
          } else {
            assert.equal(table.length, marks.length, `${kind}: ${table.length} rows for ${marks.length} marks`);
            table.forEach((row, i) => {
              const said = {
                timeline: () => marks[i].includes(`${row[2]} – ${row[3]}`),
                bars: () => marks[i].startsWith(`${row[1]} `),
                sequence: () => marks[i] === row[2],
              }[kind]();
              assert.ok(said, `${kind}: row ${row} is not mark ${marks[i]}`);
            });
          }
        }
        // On a phone (375 px): nothing wider than the screen, the plots
        // scaled to fit, the list of sections folded away.
        await page.setViewportSize({ width: 375, height: 800 });
        const narrow = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve({
          scroll: document.documentElement.scrollWidth,
          plots: Math.max(...[...document.querySelectorAll('figure.plot svg[role="img"]')]
            .map((svg) => svg.getBoundingClientRect().right)),
          nav: getComputedStyle(document.querySelector('#sections-list')).display,
        }))));
        assert.ok(narrow.scroll <= 375, `the page is ${narrow.scroll} px wide`);
        assert.ok(narrow.plots <= 375, `a plot reaches ${narrow.plots} px`);
        assert.equal(narrow.nav, 'none');
        await page.setViewportSize({ width: 1100, height: 900 });
        if (BROWSER === 'chromium' && lang === 'en') {
          // Once the page is fully drawn: fonts loaded, and the whole page
          // inside the viewport (a full-page capture left the code panels,
          // scrolling boxes below the first screen, unpainted).
          mkdirSync(DOCS, { recursive: true });
          const height = await page.evaluate(async () => {
            await document.fonts.ready;
            return document.documentElement.scrollHeight;
          });
          await page.setViewportSize({ width: 1100, height });
          await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
          const panels = await page.evaluate(() => [...document.querySelectorAll('section.code-panel pre.code')]
            .map((pre) => pre.textContent.trim().length));
          assert.ok(panels.length === (path ? 2 : 0) && panels.every((n) => n > 0), `code panels' lengths: ${panels}`);
          await page.screenshot({ path: `${DOCS}${path || 'home'}.png` });
        }
        await context.close();
      });
    }
  }
});

// Stock WebKitGTK: the page is cross-origin isolated, but the engine hides
// SharedArrayBuffer (Safari shows it on an isolated page; WebKitGTK only
// with JSC_useSharedArrayBuffer=true). The program cannot start there, and
// the page says so in its language, with what to do: never a blank page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startAll } from './helpers.mjs';

describe('stock WebKitGTK, without SharedArrayBuffer', () => {
  let env;
  before(async () => {
    env = await startAll({ sharedMemory: false });
  });
  after(async () => {
    await env.stop();
  });

  for (const [lang, words] of [['zh', /SharedArrayBuffer.*JSC_useSharedArrayBuffer=true/], ['en', /SharedArrayBuffer.*JSC_useSharedArrayBuffer=true/]]) {
    test(`the lock page says what is missing, in ${lang}`, async () => {
      const page = await env.open('lock?run=1', { lang });
      const said = await page.waitFor('the boot problem', () => {
        const box = document.querySelector('[data-testid="boot-problem"]');
        return box && {
          role: box.getAttribute('role'),
          kind: box.dataset.problem,
          text: box.textContent,
          lang: document.documentElement.lang,
          isolated: crossOriginIsolated,
        };
      });
      assert.equal(said.isolated, true, 'the page is isolated: only the engine is missing SharedArrayBuffer');
      assert.equal(said.role, 'alert');
      assert.equal(said.kind, 'noSharedMemory');
      assert.equal(said.lang, lang);
      assert.match(said.text, words);
      assert.equal(/[\u4e00-\u9fff]/.test(said.text), lang === 'zh');
    });
  }
});

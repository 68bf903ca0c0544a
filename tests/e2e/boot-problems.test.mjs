// Never a blank page: whatever stops the program from starting is said in
// place of it (data-testid="boot-problem", role="alert"), in the page's
// language, with what to do. Each failure is made here on purpose, the way
// it happens in the wild (WebKitGTK without SharedArrayBuffer is tested in
// WebKitGTK itself: tests/webkit/boot-problem.test.mjs).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startAll } from './helpers.mjs';

const CHINESE = /[\u4e00-\u9fff]/;

// Each failure: how it is made (on a fresh context, before the page
// loads), which problem the page must say, and words the message must have
// in English (what is wrong, and what to do).
const FAILURES = {
  'no SharedArrayBuffer (stock WebKitGTK, an old browser)': {
    kind: 'noSharedMemory',
    words: /SharedArrayBuffer.*Safari 15\.2/,
    prepare: (context) => context.addInitScript(() => { delete globalThis.SharedArrayBuffer; }),
  },
  'WebAssembly without shared memory': {
    kind: 'noWasmThreads',
    words: /shared memory.*Update the browser/,
    prepare: (context) => context.addInitScript(() => {
      const Memory = WebAssembly.Memory;
      WebAssembly.Memory = function Unshared(descriptor) {
        if (descriptor.shared) throw new TypeError('WebAssembly.Memory(): shared memory is not supported');
        return new Memory(descriptor);
      };
    }),
  },
  'the program does not compile (a browser without wasm threads)': {
    kind: 'compile',
    words: /cannot compile.*update the browser/,
    // A module that is no WebAssembly at all fails the same way.
    prepare: (context) => context.route(/\.wasm$/, (route) => route.fulfill({
      status: 200, contentType: 'application/wasm', body: Buffer.from('not a wasm module'),
    })),
  },
  'the program is not on the server (404)': {
    kind: 'download',
    words: /did not download.*reload/,
    prepare: (context) => context.route(/\.wasm$/, (route) => route.fulfill({ status: 404, body: 'not found' })),
  },
  'the connection drops while the glue downloads': {
    kind: 'download',
    words: /did not download.*Check the connection/,
    prepare: (context) => context.route(/playground-[0-9a-f]+\.js$/, (route) => route.abort('connectionreset')),
  },
  'the shared memory is refused (as iOS Safari refuses a large maximum)': {
    kind: 'memory',
    words: /refused the shared memory.*Close other tabs/,
    prepare: (context) => context.addInitScript(() => {
      const Memory = WebAssembly.Memory;
      WebAssembly.Memory = function Refusing(descriptor) {
        if (descriptor.shared && descriptor.maximum > 1) throw new RangeError('Out of memory');
        return new Memory(descriptor);
      };
      WebAssembly.Memory.prototype = Memory.prototype;
    }),
  },
  'a panic in the first render': {
    kind: 'panic',
    words: /stopped with an error while drawing the page.*deliberate panic in the first render/s,
    prepare: (context) => context.addInitScript(() => {
      window.playgroundDebugPanicInFirstRender = 'deliberate panic in the first render';
    }),
  },
};

describe('what stops the program from starting is said, never a blank page', () => {
  let env;
  before(async () => {
    env = await startAll();
  });
  after(async () => {
    await env.stop();
  });

  for (const [failure, { kind, words, prepare }] of Object.entries(FAILURES)) {
    for (const lang of ['zh', 'en']) {
      test(`${failure}, in ${lang}`, async () => {
        const context = await env.browser.newContext();
        await context.addInitScript((l) => localStorage.setItem('playground.lang', l), lang);
        await prepare(context);
        const page = await context.newPage();
        await page.goto(`${env.url}#/lock?run=1`);
        const box = page.getByTestId('boot-problem');
        await box.waitFor({ timeout: 30_000 });
        assert.equal(await box.getAttribute('role'), 'alert');
        assert.equal(await box.getAttribute('data-problem'), kind);
        assert.equal(await page.locator('html').getAttribute('lang'), lang);
        const text = await box.textContent();
        if (lang === 'en') assert.match(text, words);
        const message = await box.locator('p.problem').textContent();
        assert.equal(CHINESE.test(message), lang === 'zh', message);
        // Said once, and it stays (nothing took its place a moment later).
        await page.waitForTimeout(500);
        assert.equal(await page.getByTestId('boot-problem').count(), 1);
        assert.equal(await box.getAttribute('data-problem'), kind);
        await context.close();
      });
    }
  }

  for (const lang of ['zh', 'en']) {
    test(`a worker that cannot start (a policy forbids workers), in ${lang}`, async () => {
      const context = await env.browser.newContext();
      await context.addInitScript((l) => localStorage.setItem('playground.lang', l), lang);
      // The page's own Content-Security-Policy, with workers forbidden.
      await context.route((url) => url.pathname.endsWith('/'), async (route) => {
        const response = await route.fetch();
        const html = (await response.text()).replace("worker-src 'self' blob:", "worker-src 'none'");
        await route.fulfill({ response, body: html });
      });
      const page = await context.newPage();
      await page.goto(`${env.url}#/lock`);
      const box = page.getByTestId('boot-problem');
      await box.waitFor({ timeout: 30_000 });
      assert.equal(await box.getAttribute('role'), 'alert');
      const text = await box.textContent();
      assert.equal(CHINESE.test(text), lang === 'zh', text);
      assert.match(text, /worker-src/);
      // The page itself is drawn: its words can be read, nothing can run.
      assert.equal(await page.getByTestId('run').count(), 1);
      await context.close();
    });
  }
});

// Starts the playground.
//
// Threads share one WebAssembly memory, which browsers allow only on a
// cross-origin isolated page (COOP same-origin + COEP require-corp). So:
// 1. If the page is isolated, load the program.
// 2. If not, register sw.js, which adds those headers to every response of
//    this origin, and reload once under it.
// 3. If the page is still not isolated, say exactly what is wrong, in place
//    of the program (which cannot even be instantiated without isolation).
//
// This runs before the program, so it cannot use the program's message
// catalogue: the messages below are copies of it (src/i18n.rs), and a test
// checks that they stay the same.

const RELOAD_KEY = 'playground.isolation-reload';
const LANG_KEY = 'playground.lang';

const MESSAGES = {
  notIsolated: {
    zh: '此页面没有跨源隔离，因此不能共享内存，也就无法运行真实线程。服务器需要发送 Cross-Origin-Opener-Policy: same-origin 和 Cross-Origin-Embedder-Policy: require-corp 两个响应头。本站自带的 Service Worker 会尝试补上这两个头并刷新一次；如果仍然失败，请用 README 中的命令启动服务器，或确认浏览器没有禁用 Service Worker（例如无痕模式）。',
    en: 'This page is not cross-origin isolated, so it cannot share memory, so it cannot run real threads. The server must send the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp. The playground’s service worker tries to add them and reloads once; if that did not help, serve the page with the command in the README, or check that service workers are not blocked (a private window blocks them).',
  },
  insecure: {
    zh: '页面不是通过安全上下文（https 或 localhost）打开的，浏览器不允许 Service Worker 和共享内存。请改用 https 或 http://127.0.0.1。',
    en: 'The page was not opened in a secure context (https or localhost), where browsers allow neither service workers nor shared memory. Open it over https or at http://127.0.0.1.',
  },
  loadFailed: {
    zh: '程序无法启动：',
    en: 'The program could not start: ',
  },
};

function language() {
  const stored = localStorage.getItem(LANG_KEY);
  if (stored === 'zh' || stored === 'en') return stored;
  const preferred = (navigator.languages || [navigator.language || ''])
    .map((l) => String(l).slice(0, 2).toLowerCase())
    .find((l) => l === 'zh' || l === 'en');
  return preferred || 'zh';
}

function showProblem(key, detail = '') {
  const boot = document.getElementById('boot');
  boot.setAttribute('role', 'alert');
  boot.dataset.testid = 'boot-problem';
  boot.replaceChildren();
  const text = document.createElement('p');
  text.className = 'problem';
  text.textContent = MESSAGES[key][language()] + detail;
  boot.append(text);
}

// Resolves to true when the page should go on loading, false when it is
// about to reload under the service worker.
async function ensureIsolation() {
  if (globalThis.crossOriginIsolated) {
    sessionStorage.removeItem(RELOAD_KEY);
    return true;
  }
  if (!globalThis.isSecureContext || !('serviceWorker' in navigator)) return true;
  if (sessionStorage.getItem(RELOAD_KEY)) return true; // already tried once
  try {
    await navigator.serviceWorker.register(new URL('sw.js', document.baseURI), { scope: './' });
    // A browser that blocks service workers may never make one ready.
    const gaveUp = new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 5000));
    await Promise.race([navigator.serviceWorker.ready, gaveUp]);
  } catch (error) {
    console.warn('the isolation service worker could not be started:', error);
    return true;
  }
  sessionStorage.setItem(RELOAD_KEY, '1');
  location.reload();
  return false;
}

async function start() {
  if (!(await ensureIsolation())) return;
  if (!globalThis.isSecureContext) return showProblem('insecure');
  if (!globalThis.crossOriginIsolated) return showProblem('notIsolated');
  const script = document.querySelector('script[data-glue]');
  try {
    const glue = await import(script.dataset.glue);
    performance.mark('playground:glue-imported');
    await glue.default({ module_or_path: script.dataset.wasm });
    performance.mark('playground:program-started');
    // The program's exports, for the console and for tests.
    window.playground = glue;
    document.getElementById('boot')?.remove();
  } catch (error) {
    console.error(error);
    showProblem('loadFailed', String(error));
  }
}

start();

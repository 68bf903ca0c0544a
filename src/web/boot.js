// Starts the playground, or says in the page's language why it cannot.
//
// Threads share one WebAssembly memory, which browsers allow only on a
// cross-origin isolated page (COOP same-origin + COEP require-corp). So:
// 1. If the page is not isolated, register sw.js, which adds those headers
//    to every response of this site, and reload once, softly, under it.
// 2. Check what the program needs before loading it: a SharedArrayBuffer
//    that can be shared, and WebAssembly that can make shared memory.
// 3. Load and start the program. The program removes the #boot box once it
//    has drawn the page (src/ui/app.rs); until then anything that stops it,
//    a panic in the first drawing included, is said in that box.
//
// Never a blank page: every way out of this file either starts the program
// or shows a problem (data-testid="boot-problem", role="alert") saying what
// is wrong and what to do.
//
// This runs before the program, so it has its own messages. The first two
// are copies of the program's catalogue (src/i18n.rs: ProblemNotIsolated,
// ProblemInsecure, which the capabilities strip also shows), and a test there
// checks that they stay the same.

const RELOAD_MARK = 'isolation-reload';
const LANG_KEY = 'playground.lang';

const MESSAGES = {
  notIsolated: {
    zh: '此页面没有跨源隔离，因此不能共享内存，也就无法运行真实线程。服务器需要发送 Cross-Origin-Opener-Policy: same-origin 和 Cross-Origin-Embedder-Policy: require-corp 两个响应头。本站自带的 Service Worker 会尝试补上这两个头并刷新一次；如果仍然失败，请用 README 中的命令启动服务器，或确认浏览器没有禁用 Service Worker（例如无痕模式）。',
    en: 'This page is not cross-origin isolated, and therefore cannot share memory or run real threads. The server must send the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp. The playground’s service worker tries to add them and reloads once; if that did not help, serve the page with the command in the README, or check that service workers are not blocked (a private window blocks them).',
  },
  insecure: {
    zh: '页面不是通过安全上下文（https 或 localhost）打开的，浏览器不允许 Service Worker 和共享内存。请改用 https 或 http://127.0.0.1。',
    en: 'The page was not opened in a secure context (https or localhost), where browsers allow neither service workers nor shared memory. Open it over https or at http://127.0.0.1.',
  },
  noServiceWorker: {
    zh: '这个站点没有发送跨源隔离所需的响应头，本站便用 service worker 补上；但这个窗口不允许 service worker（无痕或隐私窗口常常如此，浏览器设置或扩展也可能禁用它）。没有隔离就不能共享内存，也就无法运行真实线程。请在普通窗口中打开本页，或允许本站使用 service worker 后刷新。',
    en: 'This site does not send the headers that make a page cross-origin isolated, so the playground adds them with a service worker; but this window does not allow service workers (private windows often do not, and a setting or an extension can block them). Without isolation the page cannot share memory, so it cannot run real threads. Open the page in a normal window, or allow service workers for this site, and reload.',
  },
  noSharedMemory: {
    zh: '此页面已经跨源隔离，但这个浏览器没有向网页提供 SharedArrayBuffer（可共享的内存），而本站的线程都在同一块共享内存上运行，所以无法启动。Safari 15.2 及以上、Chrome 与 Edge 92 及以上、Firefox 79 及以上都会在隔离的页面上提供它。基于 WebKitGTK 的浏览器（GNOME Web、MiniBrowser）默认关闭它：设置环境变量 JSC_useSharedArrayBuffer=true 后再启动浏览器，或换用上面列出的浏览器。',
    en: 'This page is cross-origin isolated, but this browser does not give web pages SharedArrayBuffer (memory that threads can share), and every thread of the playground runs on one shared memory, so it cannot start. Safari 15.2 and later, Chrome and Edge 92 and later, and Firefox 79 and later give it to isolated pages. Browsers built on WebKitGTK (GNOME Web, MiniBrowser) keep it off: start the browser with the environment variable JSC_useSharedArrayBuffer=true, or use one of the browsers above.',
  },
  noWasmThreads: {
    zh: '这个浏览器的 WebAssembly 不支持共享内存（WebAssembly 线程），而本站的程序需要它。请把浏览器更新到最新版本（Safari 15.2、Chrome 与 Edge 92、Firefox 79 及以上），再打开本页。',
    en: 'This browser’s WebAssembly cannot make shared memory (WebAssembly threads), which the playground’s program needs. Update the browser (Safari 15.2, Chrome and Edge 92, Firefox 79 or later) and open the page again.',
  },
  download: {
    zh: '程序文件没有下载成功，所以无法启动。请检查网络连接后刷新页面；如果本站刚刚更新，刷新也会取到新的文件。',
    en: 'The program’s files did not download, so it cannot start. Check the connection and reload the page; if the site was just updated, a reload also fetches the new files.',
  },
  compile: {
    zh: '这个浏览器无法编译本站的 WebAssembly 程序。程序需要 WebAssembly 的线程（共享内存与原子操作）和批量内存操作：请把浏览器更新到最新版本（Safari 15.2、Chrome 与 Edge 92、Firefox 79 及以上）后再试。',
    en: 'This browser cannot compile the playground’s WebAssembly program. It needs WebAssembly threads (shared memory and atomics) and bulk memory operations: update the browser (Safari 15.2, Chrome and Edge 92, Firefox 79 or later) and try again.',
  },
  memory: {
    zh: '浏览器拒绝为程序分配它需要的共享内存，所以程序无法启动。请关闭其他标签页或应用后刷新页面；在手机或较旧的设备上如果仍然失败，请改用电脑打开本页。',
    en: 'The browser refused the shared memory the program needs, so it cannot start. Close other tabs or apps and reload the page; if it still fails on a phone or an older device, open the page on a computer.',
  },
  panic: {
    zh: '程序在绘制页面时出错而停止了。请刷新页面；如果再次出现，请把下面这条信息连同浏览器名称报告给我们。',
    en: 'The program stopped with an error while drawing the page. Reload the page; if it happens again, please report the message below with the name of your browser.',
  },
  failed: {
    zh: '程序无法启动。请刷新页面；如果再次出现，请把下面这条信息连同浏览器名称报告给我们。',
    en: 'The program could not start. Reload the page; if it happens again, please report the message below with the name of your browser.',
  },
};

// Storage may be missing or refuse access (some private windows, some
// settings): the language is then the browser's.
function stored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function language() {
  const saved = stored(LANG_KEY);
  if (saved === 'zh' || saved === 'en') return saved;
  const preferred = (navigator.languages || [navigator.language || ''])
    .map((l) => String(l).slice(0, 2).toLowerCase())
    .find((l) => l === 'zh' || l === 'en');
  return preferred || 'zh';
}

// Says in place of the program why it cannot start (in the #boot box, made
// again if the program already took it away). The first problem said stays:
// a later one is usually its consequence.
function showProblem(kind, detail = '') {
  let box = document.getElementById('boot');
  if (box?.dataset.testid === 'boot-problem') return;
  if (!box) {
    box = document.createElement('div');
    box.id = 'boot';
    box.className = 'caps';
    document.body.prepend(box);
  }
  const lang = language();
  document.documentElement.lang = lang;
  box.setAttribute('role', 'alert');
  box.removeAttribute('aria-live');
  box.dataset.testid = 'boot-problem';
  box.dataset.problem = kind;
  const text = document.createElement('p');
  text.className = 'problem';
  text.textContent = MESSAGES[kind][lang];
  box.replaceChildren(text);
  if (detail) {
    const code = document.createElement('pre');
    code.className = 'problem-detail';
    code.textContent = String(detail);
    box.append(code);
  }
}

// For the program: a panic before it has drawn the page is said here (see
// src/ui/panic_banner.rs).
globalThis.playgroundBootProblem = showProblem;

// The reload under the service worker is marked in the URL's query, not in
// storage, which may be unavailable: a mark that cannot be lost is what
// keeps the reload from ever looping. It is taken off the address at once.
function takeReloadMark() {
  const url = new URL(location.href);
  if (!url.searchParams.has(RELOAD_MARK)) return false;
  url.searchParams.delete(RELOAD_MARK);
  history.replaceState(history.state, '', url);
  return true;
}

function reloadMarked() {
  const url = new URL(location.href);
  url.searchParams.set(RELOAD_MARK, '1');
  // A soft load: the service worker answers it (a hard reload bypasses it).
  location.replace(url);
}

// Resolves to 'isolated', 'reloading' (under the service worker, once),
// or the name of the problem that keeps the page from being isolated.
async function ensureIsolation() {
  const reloaded = takeReloadMark();
  if (globalThis.crossOriginIsolated) return 'isolated';
  if (!globalThis.isSecureContext) return 'insecure';
  // One reload under the service worker, never two: if the page is still
  // not isolated after it, the worker could not help.
  if (reloaded) return navigator.serviceWorker?.controller ? 'notIsolated' : 'noServiceWorker';
  const workers = navigator.serviceWorker;
  if (!workers) return 'noServiceWorker';
  try {
    // The worker's scope is this site's own folder (on a shared origin such
    // as user.github.io, /repo/ and not the origin's root).
    await workers.register(new URL('sw.js', document.baseURI), { scope: './' });
    // A window that blocks service workers may never make one ready.
    const gaveUp = new Promise((_, reject) => setTimeout(() => reject(new Error('the service worker did not start in 10 s')), 10_000));
    await Promise.race([workers.ready, gaveUp]);
  } catch (error) {
    console.warn('the isolation service worker could not be started:', error);
    return { problem: 'noServiceWorker', detail: String(error) };
  }
  // Here after a first visit, and after a hard reload (Shift+Reload), which
  // bypasses the worker: the page is not controlled by it, a soft load is.
  reloadMarked();
  return 'reloading';
}

// What the program needs of the browser, checked before it is downloaded.
function missingSupport() {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.Memory !== 'function') return 'noWasmThreads';
  if (typeof SharedArrayBuffer !== 'function') return 'noSharedMemory';
  let memory;
  try {
    memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  } catch {
    return 'noWasmThreads';
  }
  // Workers get the memory by message: a browser that keeps shared memory
  // to itself refuses to post it (DataCloneError).
  const channel = new MessageChannel();
  try {
    channel.port1.postMessage(memory);
  } catch {
    return 'noSharedMemory';
  } finally {
    channel.port1.close();
    channel.port2.close();
  }
  return null;
}

// Which problem an error of loading or starting the program is.
function problemOf(error) {
  if (error instanceof WebAssembly.CompileError || error instanceof WebAssembly.LinkError) return 'compile';
  // The glue makes the shared memory; a refusal is a RangeError
  // (Chromium: "could not allocate memory", Safari: "Out of memory").
  if (error instanceof RangeError && /memory|allocat/i.test(error.message)) return 'memory';
  if (error instanceof SyntaxError) return 'compile';
  if (error instanceof TypeError && /fetch|import|load|network/i.test(error.message)) return 'download';
  return 'failed';
}

// Blank workers: thread workers started now, while the program downloads
// and compiles, and handed to the thread pool when it starts (worker.js's
// startThread takes them before it makes new ones). A worker's own start
// (its script fetched and run: most of a cold thread's cost, the browser's)
// then overlaps the program's load. As many as the link asks threads of,
// if it runs at once (run=1), else one per core, as the pool warms anyway.
const BLANK_WORKERS = true;

function blankWorkersWanted() {
  const query = new URLSearchParams(location.hash.split('?')[1] || '');
  const cores = navigator.hardwareConcurrency || 1;
  if (!['1', 'true', 'yes'].includes(query.get('run'))) return cores;
  const asked = ['threads', 'consumers', 'workers']
    .map((name) => Number.parseInt(query.get(name) || '', 10))
    .filter(Number.isFinite);
  // 256: the most threads that may run at once (threads::MAX_THREADS).
  return Math.min(256, Math.max(cores, ...asked));
}

function startBlankWorkers(glue) {
  if (!BLANK_WORKERS) return;
  const blanks = [];
  const wanted = blankWorkersWanted();
  for (let i = 0; i < wanted; i += 1) {
    const worker = new Worker(new URL(glue, document.baseURI), { type: 'module', name: 'thread (blank)' });
    // One that fails to load before the pool takes it is never taken.
    worker.addEventListener('error', () => { worker.failedToLoad = true; }, { once: true });
    blanks.push(worker);
  }
  globalThis.playgroundBlankWorkers = blanks;
}

async function start() {
  let isolation;
  try {
    isolation = await ensureIsolation();
  } catch (error) {
    isolation = { problem: 'notIsolated', detail: String(error) };
  }
  if (isolation === 'reloading') return;
  if (isolation !== 'isolated') {
    const { problem, detail } = typeof isolation === 'string' ? { problem: isolation } : isolation;
    return showProblem(problem, detail);
  }
  const missing = missingSupport();
  if (missing) return showProblem(missing);

  const script = document.querySelector('script[data-glue]');
  startBlankWorkers(script.dataset.glue);
  let wasm;
  let glue;
  try {
    // Fetched here (the preload has it on its way) so that a missing file
    // is said as a download that failed, not as a program that is broken.
    wasm = await fetch(script.dataset.wasm);
    if (!wasm.ok) throw new TypeError(`${script.dataset.wasm}: HTTP ${wasm.status} (failed to load)`);
    glue = await import(script.dataset.glue);
  } catch (error) {
    console.error(error);
    return showProblem(error instanceof SyntaxError ? 'compile' : 'download', String(error));
  }
  performance.mark('playground:glue-imported');
  try {
    await glue.default({ module_or_path: wasm });
  } catch (error) {
    console.error(error);
    // A panic has said itself already (through playgroundBootProblem).
    return showProblem(problemOf(error), String(error));
  }
  performance.mark('playground:program-started');
  // The program's exports, for the console and for tests.
  window.playground = glue;
}

start().catch((error) => showProblem('failed', String(error)));

// A small W3C WebDriver client over plain HTTP, for WebKitGTK: Debian's
// WebKitWebDriver starts MiniBrowser (WebKitGTK 2.50), the engine of Safari.
// Playwright cannot drive it (Playwright's WebKit is its own patched build)
// and selenium-webdriver has no WebKitGTK module; the protocol itself is a
// handful of JSON requests, so this is all the client the suite needs.
//
// It needs a display: run under `xvfb-run -a`. Whether the page may use
// SharedArrayBuffer is the engine's setting JSC_useSharedArrayBuffer, which
// reaches the web process through the driver's environment: `sharedMemory:
// true` sets it (as Safari exposes it on an isolated page), false leaves
// stock WebKitGTK, which hides it.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

export const DRIVER = process.env.WEBKIT_WEBDRIVER || '/usr/bin/WebKitWebDriver';

// The W3C name of an element reference in a response.
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

// Keys, as WebDriver spells them (the spec's table of normalised keys).
export const KEY = { Home: '\uE011', End: '\uE010', ArrowLeft: '\uE012', ArrowRight: '\uE014', Enter: '\uE007' };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Starts WebKitWebDriver and one session of MiniBrowser. Returns a
// `Session`; `session.quit()` ends both.
// `engine`: more JSC_* settings for the web process (for measurements).
export async function startWebKit({ sharedMemory = true, width = 1100, height = 900, engine = {} } = {}) {
  const port = await freePort();
  const env = { ...process.env, ...engine };
  if (sharedMemory) env.JSC_useSharedArrayBuffer = 'true';
  else delete env.JSC_useSharedArrayBuffer;
  const driver = spawn(DRIVER, [`--port=${port}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  driver.stdout.on('data', (d) => { log += d; });
  driver.stderr.on('data', (d) => { log += d; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    try {
      const status = await (await fetch(`${base}/status`)).json();
      if (status.value?.ready) break;
    } catch {
      // not listening yet
    }
    if (driver.exitCode !== null || i > 100) {
      driver.kill();
      throw new Error(`WebKitWebDriver did not start: ${log}`);
    }
    await sleep(100);
  }
  // The driver's default browser is MiniBrowser with --automation.
  const created = await request(base, 'POST', '/session', { capabilities: { alwaysMatch: {} } });
  const session = new Session(base, created.sessionId, driver, created.capabilities);
  await session.setTimeouts({ script: 120_000, pageLoad: 120_000 });
  await session.setWindowSize(width, height);
  return session;
}

async function request(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) {
    const v = json.value || {};
    const error = new Error(`${method} ${path}: ${v.error || response.status}: ${v.message || text}`);
    error.webdriver = v.error;
    throw error;
  }
  return json.value;
}

// A script argument or result: element references pass as W3C references.
const toWire = (arg) => (arg instanceof Element ? { [ELEMENT]: arg.id } : arg);

export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }

  #call(method, path, body) {
    return this.session.call(method, `/element/${this.id}${path}`, body);
  }

  click() {
    return this.#call('POST', '/click', {});
  }

  // Types `text` (WebDriver key codes included, see KEY) into the element,
  // which gets the focus first.
  sendKeys(text) {
    return this.#call('POST', '/value', { text });
  }

  clear() {
    return this.#call('POST', '/clear', {});
  }

  text() {
    return this.#call('GET', '/text');
  }

  attribute(name) {
    return this.#call('GET', `/attribute/${encodeURIComponent(name)}`);
  }

  enabled() {
    return this.#call('GET', '/enabled');
  }
}

export class Session {
  constructor(base, id, driver, capabilities) {
    this.base = base;
    this.id = id;
    this.driver = driver;
    this.capabilities = capabilities;
  }

  call(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  setTimeouts(timeouts) {
    return this.call('POST', '/timeouts', timeouts);
  }

  setWindowSize(width, height) {
    return this.call('POST', '/window/rect', { width, height });
  }

  goto(url) {
    return this.call('POST', '/url', { url });
  }

  url() {
    return this.call('GET', '/url');
  }

  refresh() {
    return this.call('POST', '/refresh', {});
  }

  // Runs `fn(...args)` in the page and returns its result (a promise is
  // awaited, as the spec says). Element arguments and results are mapped.
  async evaluate(fn, ...args) {
    const script = `return (${fn}).apply(null, arguments);`;
    const value = await this.call('POST', '/execute/sync', { script, args: args.map(toWire) });
    return this.#fromWire(value);
  }

  #fromWire(value) {
    if (value && typeof value === 'object') {
      if (ELEMENT in value) return new Element(this, value[ELEMENT]);
      if (Array.isArray(value)) return value.map((v) => this.#fromWire(v));
    }
    return value;
  }

  async find(css) {
    const value = await this.call('POST', '/element', { using: 'css selector', value: css });
    return new Element(this, value[ELEMENT]);
  }

  async findAll(css) {
    const values = await this.call('POST', '/elements', { using: 'css selector', value: css });
    return values.map((v) => new Element(this, v[ELEMENT]));
  }

  // Polls `fn(...args)` in the page until it returns something truthy;
  // returns that. Fails with `what` after `timeout` ms.
  async waitFor(what, fn, { timeout = 60_000, interval = 200, args = [] } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const value = await this.evaluate(fn, ...args);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
      await sleep(interval);
    }
  }

  async quit() {
    try {
      await this.call('DELETE', '');
    } finally {
      this.driver.kill();
    }
  }
}

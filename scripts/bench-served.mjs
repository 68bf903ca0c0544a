// The README's serve command against the built dist/: the lock page's
// first visit with run=1 (a fresh browser context each time: nothing
// cached), from navigation to its report, served by scripts/serve.sh (trunk
// serve) and by a plain static server over dist/ (tests/e2e/serve.mjs, as
// the tests, the benchmark and a static host serve it), in turn, in one run.
// Both serve the same files (tests/serve/served-is-built.test.mjs); this
// shows what the servers themselves add. Not a test: it asserts nothing.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { serve } from '../tests/e2e/serve.mjs';
import { DIST } from '../tests/e2e/helpers.mjs';
import { launch } from '../tests/e2e/browser.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS || 7);
const ROOT = new URL('../', import.meta.url).pathname;

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port: p } = s.address();
    s.close(() => resolve(p));
  });
});
const trunk = spawn(`${ROOT}scripts/serve.sh`, ['--port', String(port)], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
let log = '';
trunk.stdout.on('data', (d) => { log += d; });
trunk.stderr.on('data', (d) => { log += d; });
const served = `http://127.0.0.1:${port}/`;
while (!/success/.test(log) || !(await fetch(served).then((r) => r.ok, () => false))) {
  if (trunk.exitCode !== null) throw new Error(log);
  await new Promise((r) => setTimeout(r, 500));
}
const built = await serve({ root: DIST, isolation: true });
const browser = await launch();

async function firstVisit(base) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}#/lock?run=1`);
  await page.waitForFunction(() => document.querySelector('[data-testid="result-json"][data-run="1"]'), null, { timeout: 120_000 });
  const ms = await page.evaluate(() => performance.now());
  await context.close();
  return ms;
}

const times = { 'scripts/serve.sh (trunk serve)': [], 'dist/ (static server)': [] };
try {
  for (let round = 0; round < ROUNDS; round++) {
    times['scripts/serve.sh (trunk serve)'].push(await firstVisit(served));
    times['dist/ (static server)'].push(await firstVisit(built.url));
  }
} finally {
  await browser.close();
  built.server.close();
  process.kill(-trunk.pid, 'SIGTERM');
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [a, b] = Object.values(times);
console.log('| lock page, first visit with run=1, to its report | fastest ms | median ms | rounds |');
console.log('|---|---:|---:|---|');
for (const [name, xs] of Object.entries(times)) {
  console.log(`| ${name} | ${Math.min(...xs).toFixed(0)} | ${median(xs).toFixed(0)} | ${xs.map((x) => x.toFixed(0)).join(', ')} |`);
}
console.log(`\nserved / built: fastest ${(Math.min(...a) / Math.min(...b)).toFixed(2)}, median ${(median(a) / median(b)).toFixed(2)} (Chromium, alternating, ${ROUNDS} rounds)`);

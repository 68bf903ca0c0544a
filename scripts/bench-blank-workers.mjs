// Blank workers (src/web/boot.js starts thread workers while the program
// loads): the lock page's run=1 first visit, navigation → report, with
// them (dist/) and without (a copy of dist/ with BLANK_WORKERS off), side
// by side in one run, alternating, each visit in a fresh browser context,
// in one browser. Usage: [E2E_BROWSER=firefox] node scripts/bench-blank-workers.mjs
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAll } from '../tests/e2e/helpers.mjs';
import { BROWSER } from '../tests/e2e/browser.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS || 9);
const root = new URL('../', import.meta.url).pathname;
const withBlanks = join(root, 'dist');
const without = mkdtempSync(join(tmpdir(), 'dist-no-blank-workers-'));
cpSync(withBlanks, without, { recursive: true });
const boot = readFileSync(join(without, 'boot.js'), 'utf8');
if (!boot.includes('const BLANK_WORKERS = true;')) throw new Error('boot.js has no BLANK_WORKERS switch');
writeFileSync(join(without, 'boot.js'), boot.replace('const BLANK_WORKERS = true;', 'const BLANK_WORKERS = false;'));

async function runOnLoad(env) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.url}#/lock?threads=100&sleep_ms=1&use_lock=true&run=1`);
  await page.waitForFunction(() => document.querySelector('[data-testid="result-json"][data-run="1"]'),
    null, { timeout: 60_000 });
  const total = await page.evaluate(() => performance.now());
  await context.close();
  return total;
}

const best = (xs) => Math.min(...xs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const envs = { with: await startAll({ root: withBlanks }), without: await startAll({ root: without }) };
const times = { with: [], without: [] };
for (let round = 0; round < ROUNDS; round += 1) {
  for (const which of round % 2 ? ['without', 'with'] : ['with', 'without']) {
    times[which].push(await runOnLoad(envs[which]));
  }
}
await envs.with.stop();
await envs.without.stop();
rmSync(without, { recursive: true });
const wins = times.with.filter((t, i) => t < times.without[i]).length;
console.log(`\n| ${BROWSER}: #/lock run=1, navigation → report (${ROUNDS} rounds each, alternating) | fastest ms | median ms |`);
console.log('|---|---:|---:|');
for (const which of ['without', 'with']) {
  console.log(`| blank workers ${which === 'with' ? 'started by boot.js' : 'off'} | ${best(times[which]).toFixed(0)} | ${median(times[which]).toFixed(0)} |`);
}
console.log(`\nwith / without: fastest ${(best(times.with) / best(times.without)).toFixed(2)}, median ${(median(times.with) / median(times.without)).toFixed(2)}; faster in ${wins} of ${ROUNDS} rounds`);
console.log(`(every round: with ${times.with.map((t) => t.toFixed(0)).join(', ')}; without ${times.without.map((t) => t.toFixed(0)).join(', ')})`);

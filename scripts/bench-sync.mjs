// Runs the primitives' benchmark in headless Chromium (over the built
// dist/) and prints it beside the native figures given as a JSON file.
import { readFileSync } from 'node:fs';
import { startAll, waitForThreads } from '../tests/e2e/helpers.mjs';

const native = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const env = await startAll();
let browser;
try {
  const { page } = await env.open('#/');
  await waitForThreads(page);
  browser = JSON.parse(await page.evaluate(() => window.playground.playground_bench_sync()));
} finally {
  await env.stop();
}

const rows = [
  ['uncontended acquire + release', 'ns', 'uncontended_ns'],
  ['contended, 2 threads, per op', 'ns', 'contended_ns_per_op'],
  ['contended, 2 threads', 'Mops/s', 'contended_mops'],
  ['std::sync::Mutex, uncontended', 'ns', 'std_uncontended_ns'],
  ['std::sync::Mutex, contended, per op', 'ns', 'std_contended_ns_per_op'],
  ['notify → wake, median', 'µs', 'notify_wake_median_us'],
  ['notify → wake, p99', 'µs', 'notify_wake_p99_us'],
  [`fib(${native.fib_n}), one thread, fastest of 7`, 'ms', 'fib_ms'],
  ['contended, 2 threads inside a cancel token, per op', 'ns', 'contended_in_token_ns_per_op'],
  ['Semaphore, free permit, inside a token', 'ns', 'semaphore_uncontended_in_token_ns'],
  [`wake-ups of a thread parked in a token (${native.parked_threads} parked)`, '/s', 'parked_wakeups_per_thread_s'],
  ['one clock reading, one thread', 'ns', 'clock_ns'],
  ['one clock reading, two threads at once', 'ns', 'clock_two_threads_ns'],
];
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
console.log(`| measure | unit | native | browser (wasm) | browser / native |`);
console.log(`|---|---|---:|---:|---:|`);
for (const [name, unit, key] of rows) {
  const ratio = native[key] > 0 ? (browser[key] / native[key]).toFixed(2) : '–';
  console.log(`| ${name} | ${unit} | ${fmt(native[key])} | ${fmt(browser[key])} | ${ratio} |`);
}
console.log(`\n| ours / std::sync::Mutex | native | browser (wasm) |`);
console.log(`|---|---:|---:|`);
for (const [name, ours, std] of [
  ['uncontended', 'uncontended_ns', 'std_uncontended_ns'],
  ['contended, 2 threads', 'contended_ns_per_op', 'std_contended_ns_per_op'],
]) {
  console.log(`| ${name} | ${(native[ours] / native[std]).toFixed(2)} | ${(browser[ours] / browser[std]).toFixed(2)} |`);
}
console.log(`\n(${native.notify_wake_rounds} notify rounds each; hardware: ${(await import('node:os')).cpus().length} cores)`);

// How much parallel capacity this machine has right now, measured outside
// the browser in the same run: two Node worker threads computing fib at once
// against one computing it twice, timed inside the workers on one clock. A
// virtual machine may list two cores yet run only one at a time (seen on
// CI-sized machines); then no browser can show a speedup either.
//
// The fib is WebAssembly, like the page's, in the same engine (V8): integer
// code like this gains less from a second (virtual) core than JavaScript's
// fib does here, so only the same kind of code makes a fair yardstick. The
// module is these 62 bytes, assembled from:
//   (module (func $fib (export "fib") (param i32) (result i64)
//     (if (result i64) (i32.lt_u (local.get 0) (i32.const 2))
//       (then (i64.extend_i32_u (local.get 0)))
//       (else (i64.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
//                      (call $fib (i32.sub (local.get 0) (i32.const 2))))))))
import { Worker } from 'node:worker_threads';

const FIB_WASM = 'AGFzbQEAAAABBgFgAX8BfgMCAQAHBwEDZmliAAAKHwEdACAAQQJJBH4gAK0FIABBAWsQACAAQQJrEAB8Cws=';
const N = 33;
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const bytes = Buffer.from('${FIB_WASM}', 'base64');
const { fib } = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
const now = () => performance.timeOrigin + performance.now();
parentPort.on('message', (times) => {
  const start = now();
  for (let i = 0; i < times; i++) fib(${N});
  parentPort.postMessage({ start, end: now() });
});`;

function compute(worker, times) {
  return new Promise((resolve) => {
    worker.once('message', resolve);
    worker.postMessage(times);
  });
}

const extent = (runs) => Math.max(...runs.map((r) => r.end)) - Math.min(...runs.map((r) => r.start));

// One thread computing fib twice over two threads computing it once each,
// as the pages measure it: the fastest of `rounds` for each (noise only
// adds time), alternating between the two.
export async function machineSpeedup(rounds = 12) {
  const workers = [new Worker(SOURCE, { eval: true }), new Worker(SOURCE, { eval: true })];
  try {
    await Promise.all(workers.map((w) => compute(w, 3))); // start up, optimise
    let [sequential, parallel] = [Infinity, Infinity];
    for (let i = 0; i < rounds; i++) {
      sequential = Math.min(sequential, extent([await compute(workers[0], 2)]));
      parallel = Math.min(parallel, extent(await Promise.all(workers.map((w) => compute(w, 1)))));
    }
    return sequential / parallel;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

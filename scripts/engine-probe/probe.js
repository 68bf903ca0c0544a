// The engine's own costs under the playground's threads, measured with no
// code of ours: how long a 1 ms wait's timeout really waits (JS Atomics.wait
// and WebAssembly's memory.atomic.wait32), how long a notify takes to wake
// a waiting worker, how long a worker takes to start (and to instantiate a
// module), the lock page (100 threads, sleep 1 ms) written in plain JS, and
// 100 workers hammering one futex lock. scripts/bench-engines.mjs reads
// window.probe() in each browser.
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];

function worker(source) {
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  return new Worker(url);
}

const reply = (w) => new Promise((resolve) => { w.onmessage = (e) => resolve(e.data); });

// A worker sleeping 1 ms on Atomics.wait's timeout (as our cancellable
// sleep does: memory.atomic.wait32 with a timeout), `rounds` times.
async function sleeps(ms, rounds, buffer = new SharedArrayBuffer(4)) {
  const w = worker(`onmessage = ({ data: [ms, rounds, buffer] }) => {
    const word = new Int32Array(buffer);
    const took = [];
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      Atomics.wait(word, 0, 0, ms);
      took.push(performance.now() - t);
    }
    postMessage(took);
  };`);
  const done = reply(w);
  w.postMessage([ms, rounds, buffer]);
  const took = await done;
  w.terminate();
  return took;
}

// Two workers hand a word back and forth with notify/wait, `rounds`
// times: half a round trip is one hand-over (notify to the waiter running).
async function handovers(rounds) {
  const shared = new SharedArrayBuffer(8);
  const source = `onmessage = ({ data: [buffer, me, rounds] }) => {
    const word = new Int32Array(buffer);
    const other = 1 - me;
    const trips = [];
    postMessage('ready');
    while (Atomics.load(word, 1) === 0) {}
    for (let i = 0; i < rounds; i++) {
      if (me === 0) {
        const t = performance.now();
        Atomics.store(word, 0, 1);
        Atomics.notify(word, 0);
        while (Atomics.load(word, 0) === 1) Atomics.wait(word, 0, 1);
        trips.push(performance.now() - t);
      } else {
        while (Atomics.load(word, 0) === 0) Atomics.wait(word, 0, 0);
        Atomics.store(word, 0, 0);
        Atomics.notify(word, 0);
      }
    }
    postMessage(trips);
  };`;
  const ws = [worker(source), worker(source)];
  const ready = ws.map(reply);
  ws.forEach((w, i) => w.postMessage([shared, i, rounds]));
  await Promise.all(ready);
  const done = ws.map(reply);
  Atomics.store(new Int32Array(shared), 1, 1);
  const [trips] = await Promise.all(done);
  ws.forEach((w) => w.terminate());
  return trips.map((t) => t / 2);
}

// A worker's start: from `new Worker` to its first message, one at a time;
// with `module`, the worker also instantiates it on a shared memory (as a
// thread of the program does) before it answers.
async function starts(rounds, module) {
  const took = [];
  const memory = new WebAssembly.Memory({ initial: 17, maximum: 16384, shared: true });
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    const w = worker(`onmessage = ({ data: [module, memory] }) => {
      if (module) new WebAssembly.Instance(module, { env: { memory } });
      postMessage('up');
    };`);
    const up = reply(w);
    w.postMessage([module, memory]);
    await up;
    took.push(performance.now() - t);
    w.terminate();
  }
  return took;
}

// A module importing a shared memory, with `functions` small functions:
// something to instantiate, like the program (which has about 3000).
function moduleWith(functions) {
  const bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const section = (id, body) => bytes.push(id, ...leb(body.length), ...body);
  const leb = (n) => { const out = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n); return out; };
  const name = (s) => [s.length, ...[...s].map((c) => c.charCodeAt(0))];
  section(1, [1, 0x60, 1, 0x7f, 1, 0x7f]); // type 0: (i32) -> i32
  // import env.memory: shared, min 17, max 16384
  section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x03, ...leb(17), ...leb(16384)]);
  section(3, [...leb(functions), ...Array(functions).fill(0)]);
  const body = [0, 0x20, 0, 0x41, 1, 0x6a, 0x0b]; // local.get 0, i32.const 1, i32.add
  const code = [...leb(functions)];
  for (let i = 0; i < functions; i++) code.push(body.length, ...body);
  section(10, code);
  return new WebAssembly.Module(new Uint8Array(bytes));
}

// WebAssembly's own wait and notify (memory.atomic.wait32 with a timeout
// in ns, memory.atomic.notify), which is how the program parks and wakes:
// a module that exports both, on an imported shared memory of one page.
function atomicsModule() {
  const bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const push = (id, body) => bytes.push(id, body.length, ...body);
  // type 0: (i32 address, i32 expected, i64 timeout) -> i32; type 1: (i32 address, i32 count) -> i32
  push(1, [2, 0x60, 3, 0x7f, 0x7f, 0x7e, 1, 0x7f, 0x60, 2, 0x7f, 0x7f, 1, 0x7f]);
  push(2, [1, 3, 0x65, 0x6e, 0x76, 6, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x03, 1, 1]); // env.memory shared 1..1
  push(3, [2, 0, 1]);
  push(7, [2, 4, 0x77, 0x61, 0x69, 0x74, 0x00, 0x00, 6, 0x6e, 0x6f, 0x74, 0x69, 0x66, 0x79, 0x00, 0x01]); // "wait", "notify"
  const wait = [0, 0x20, 0, 0x20, 1, 0x20, 2, 0xfe, 0x01, 0x02, 0x00, 0x0b];
  const notify = [0, 0x20, 0, 0x20, 1, 0xfe, 0x00, 0x02, 0x00, 0x0b];
  push(10, [2, wait.length, ...wait, notify.length, ...notify]);
  return new WebAssembly.Module(new Uint8Array(bytes));
}

async function wasmSleeps(ms, rounds) {
  const w = worker(`onmessage = ({ data: [module, memory, ms, rounds] }) => {
    const { wait } = new WebAssembly.Instance(module, { env: { memory } }).exports;
    const took = [];
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      wait(64, 0, BigInt(ms * 1e6));
      took.push(performance.now() - t);
    }
    postMessage(took);
  };`);
  const done = reply(w);
  w.postMessage([atomicsModule(), new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }), ms, rounds]);
  const took = await done;
  w.terminate();
  return took;
}

// Hand-overs as handovers() measures them, with WebAssembly's wait and
// notify, each worker in its own instance on the one memory (as threads are).
async function wasmHandovers(rounds, timeoutNs) {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  const source = `onmessage = ({ data: [module, memory, me, rounds, timeout] }) => {
    const { wait, notify } = new WebAssembly.Instance(module, { env: { memory } }).exports;
    const word = new Int32Array(memory.buffer);
    const trips = [];
    postMessage('ready');
    while (Atomics.load(word, 1) === 0) {}
    for (let i = 0; i < rounds; i++) {
      if (me === 0) {
        const t = performance.now();
        Atomics.store(word, 0, 1);
        notify(0, 1);
        while (Atomics.load(word, 0) === 1) wait(0, 1, timeout);
        trips.push(performance.now() - t);
      } else {
        while (Atomics.load(word, 0) === 0) wait(0, 0, timeout);
        Atomics.store(word, 0, 0);
        notify(0, 1);
      }
    }
    postMessage(trips);
  };`;
  const module = atomicsModule();
  const ws = [worker(source), worker(source)];
  const ready = ws.map(reply);
  ws.forEach((w, i) => w.postMessage([module, memory, i, rounds, timeoutNs]));
  await Promise.all(ready);
  const done = ws.map(reply);
  Atomics.store(new Int32Array(memory.buffer), 1, 1);
  const [trips] = await Promise.all(done);
  ws.forEach((w) => w.terminate());
  return trips.map((t) => t / 2);
}

// The lock page with no code of ours: `threads` workers, started and
// waiting, then each takes a futex lock (the three-state one our Lock is),
// sleeps `sleepMs` on an Atomics.wait timeout, and lets go. Returns the ms
// from the start signal to the last release, and each sleep's real length.
async function lockTurns(threads, sleepMs, waiterTimeout = Infinity, sharedNap = false) {
  // [0] the lock, [1] the start signal, [2] turns done
  const shared = new SharedArrayBuffer(16);
  const source = `onmessage = ({ data: [buffer, sleepMs, waiterTimeout, sharedNap] }) => {
    const word = new Int32Array(buffer);
    const nap = sharedNap ? word : new Int32Array(new SharedArrayBuffer(16));
    postMessage('ready');
    while (Atomics.load(word, 1) === 0) Atomics.wait(word, 1, 0);
    // lock: 0 free, 1 taken, 2 taken with waiters
    let c = Atomics.compareExchange(word, 0, 0, 1);
    if (c !== 0) {
      if (c !== 2) c = Atomics.exchange(word, 0, 2);
      while (c !== 0) {
        Atomics.wait(word, 0, 2, waiterTimeout);
        c = Atomics.exchange(word, 0, 2);
      }
    }
    const t = performance.now();
    Atomics.wait(nap, 3, 0, sleepMs);
    const slept = performance.now() - t;
    if (Atomics.exchange(word, 0, 0) === 2) Atomics.notify(word, 0, 1);
    Atomics.add(word, 2, 1);
    postMessage(slept);
  };`;
  const ws = Array.from({ length: threads }, () => worker(source));
  await Promise.all(ws.map((w) => { const r = reply(w); w.postMessage([shared, sleepMs, waiterTimeout, sharedNap]); return r; }));
  const done = ws.map(reply);
  const word = new Int32Array(shared);
  const t = performance.now();
  Atomics.store(word, 1, 1);
  Atomics.notify(word, 1);
  const slept = await Promise.all(done);
  const ms = performance.now() - t;
  ws.forEach((w) => w.terminate());
  return { ms, slept };
}

// Our sync test's hammer with no code of ours: `threads` workers each take
// the three-state futex lock `iterations` times around a counter's
// read and write. Returns ms, and whether the count is exact.
async function hammer(threads, iterations, viaWasm = false) {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  const shared = memory.buffer;
  const module = atomicsModule();
  const source = `onmessage = ({ data: [buffer, iterations, module, memory, viaWasm] }) => {
    const word = new Int32Array(buffer);
    const wasm = new WebAssembly.Instance(module, { env: { memory } }).exports;
    const wait = viaWasm ? (i, v) => wasm.wait(i * 4, v, -1n) : (i, v) => Atomics.wait(word, i, v);
    const notify = viaWasm ? (i, n) => wasm.notify(i * 4, n) : (i, n) => Atomics.notify(word, i, n);
    postMessage('ready');
    while (Atomics.load(word, 1) === 0) Atomics.wait(word, 1, 0);
    for (let i = 0; i < iterations; i++) {
      let c = Atomics.compareExchange(word, 0, 0, 1);
      if (c !== 0) {
        if (c !== 2) c = Atomics.exchange(word, 0, 2);
        while (c !== 0) {
          wait(0, 2);
          c = Atomics.exchange(word, 0, 2);
        }
      }
      word[2] = word[2] + 1;
      if (Atomics.exchange(word, 0, 0) === 2) notify(0, 1);
    }
    postMessage('done');
  };`;
  const ws = Array.from({ length: threads }, () => worker(source));
  await Promise.all(ws.map((w) => { const r = reply(w); w.postMessage([shared, iterations, module, memory, viaWasm]); return r; }));
  const done = ws.map(reply);
  const word = new Int32Array(shared);
  const t = performance.now();
  Atomics.store(word, 1, 1);
  Atomics.notify(word, 1);
  await Promise.all(done);
  const ms = performance.now() - t;
  ws.forEach((w) => w.terminate());
  return { ms: +ms.toFixed(1), exact: Atomics.load(word, 2) === threads * iterations };
}

window.probe = async () => {
  const ms = (xs) => ({ median: +median(xs).toFixed(3), p90: +p90(xs).toFixed(3), max: +Math.max(...xs).toFixed(3) });
  const turns = [];
  for (let i = 0; i < 3; i++) turns.push(await lockTurns(100, 1));
  const best = turns.reduce((a, b) => (b.ms < a.ms ? b : a));
  return {
    userAgent: navigator.userAgent,
    sleep_1ms: ms(await sleeps(1, 200)),
    wasm_sleep_1ms: ms(await wasmSleeps(1, 200)),
    handover: ms(await handovers(500)),
    wasm_handover: ms(await wasmHandovers(500, -1n)),
    worker_start: ms(await starts(15, null)),
    worker_start_instantiated: ms(await starts(15, moduleWith(3000))),
    lock_100_threads_ms: +best.ms.toFixed(1),
    lock_sleep_1ms: ms(best.slept),
    hammer_js_ms: (await hammer(100, 1000)).ms,
    hammer_wasm_ms: (await hammer(100, 1000, true)).ms,
  };
};

// The JavaScript half of the futex layer (src/sync/futex.rs).

// A page's main thread may not block: Atomics.wait (and memory.atomic.wait32)
// throw there. Workers may.
export function mayBlock() {
  return typeof window === 'undefined';
}

// Waits on a 32-bit word of the shared memory without blocking the thread.
// Returns { promise, cancel() }: the promise resolves to 'ok', 'not-equal' or
// 'timed-out', as Atomics.waitAsync's does; cancel() ends a wait that is no
// longer wanted, so that it cannot take a notify meant for a thread.
export function waitAsync(memory, byteOffset, expected, timeoutMs) {
  const index = byteOffset >>> 2;
  if (typeof Atomics.waitAsync === 'function') {
    const view = new Int32Array(memory.buffer);
    const result = Atomics.waitAsync(view, index, expected, timeoutMs);
    if (!result.async) return { promise: Promise.resolve(result.value), cancel() {} };
    let settled = false;
    const promise = result.value.then((value) => {
      settled = true;
      return value;
    });
    return {
      promise,
      // No API removes one async waiter; a notify of the word ends every
      // wait on it, ours included. The others wake spuriously and look at
      // the word again, as every waiter of a futex must.
      cancel() {
        if (!settled) Atomics.notify(view, index);
      },
    };
  }
  // Browsers without Atomics.waitAsync: look at the word on a timer. Slower
  // to notice, but it never blocks the page, and it takes no notify.
  const deadline = performance.now() + timeoutMs;
  let timer;
  let resolveWait;
  const promise = new Promise((resolve) => {
    resolveWait = resolve;
    const look = () => {
      const now = new Int32Array(memory.buffer);
      if (Atomics.load(now, index) !== expected) {
        resolve('ok');
      } else if (performance.now() >= deadline) {
        resolve('timed-out');
      } else {
        timer = setTimeout(look, 1);
      }
    };
    look();
  });
  return {
    promise,
    cancel() {
      clearTimeout(timer);
      resolveWait('ok');
    },
  };
}

// The JavaScript half of the futex layer (src/sync/futex.rs).

// A page's main thread may not block: Atomics.wait (and memory.atomic.wait32)
// throw there. Workers may.
export function mayBlock() {
  return typeof window === 'undefined';
}

// Wait on a 32-bit word of the shared memory without blocking the thread.
// Resolves to 'ok', 'not-equal' or 'timed-out', as Atomics.waitAsync does.
export function waitAsync(memory, byteOffset, expected, timeoutMs) {
  const index = byteOffset >>> 2;
  if (typeof Atomics.waitAsync === 'function') {
    const view = new Int32Array(memory.buffer);
    const result = Atomics.waitAsync(view, index, expected, timeoutMs);
    return result.async ? result.value : Promise.resolve(result.value);
  }
  // Browsers without Atomics.waitAsync: look at the word
  // on a timer. Slower to notice, but it never blocks the page.
  const deadline = performance.now() + timeoutMs;
  return new Promise((resolve) => {
    const look = () => {
      const now = new Int32Array(memory.buffer);
      if (Atomics.load(now, index) !== expected) {
        resolve('ok');
      } else if (performance.now() >= deadline) {
        resolve('timed-out');
      } else {
        setTimeout(look, 1);
      }
    };
    look();
  });
}

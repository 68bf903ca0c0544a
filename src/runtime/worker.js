// Web workers for the runtime: threads (src/runtime/threads/pool.rs) and
// processes (src/runtime/process.rs).
//
// This one file plays two parts. The wasm-bindgen glue imports it on every
// thread, for the functions below that start workers. And every worker runs
// this same file (its own URL); its first message says whether it is a
// thread, sharing the page's memory, or a process, with a memory of its own.

const INIT = 'playground-worker-init';

// The shared clock (see src/clock.rs), for the start-up breakdown.
const now = () => performance.timeOrigin + performance.now();
// When this worker's script began to run.
const scriptStarted = now();

// Some browsers collect a worker that nothing refers to, even while it runs
// on shared memory. Keep each one referenced until it has exited.
const live = new Set();

const inWorker =
  typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope;

if (inWorker) {
  // A spare process gets its task later, maybe before its import is done:
  // listen from the start so that the message cannot be missed.
  let taskArrived;
  const task = new Promise((resolve) => {
    taskArrived = resolve;
  });
  self.addEventListener('message', function onMessage(event) {
    const msg = event.data;
    if (msg && msg.type === 'task') taskArrived(msg);
    if (!msg || msg.type !== INIT) return;
    if (msg.role === 'thread') {
      self.removeEventListener('message', onMessage);
      runThread(msg);
    } else {
      runProcess(msg, task);
    }
  });
}

async function runThread(msg) {
  // How the start went, on the shared clock: created (by the host), script
  // running, told its part, the program's glue imported, instantiated.
  const times = [msg.createdAt, scriptStarted, now()];
  let glue;
  let exports;
  try {
    glue = await import(msg.glue);
    times.push(now());
    exports = glue.initSync({ module: msg.module, memory: msg.memory });
    times.push(now());
  } catch (error) {
    postMessage({ type: 'failed', message: String(error) });
    close();
    return;
  }
  try {
    // Runs jobs until the pool retires this worker.
    glue.playground_thread_main(msg.index, new Float64Array(times));
  } catch (error) {
    // A panic aborts, which traps: the runtime fails the job it was running.
    glue.playground_thread_crashed(String(error));
  }
  // Give this thread's stack and thread-locals back to the shared memory.
  exports.__wbindgen_thread_destroy();
  postMessage({ type: 'exit' });
  close();
}

// A process: import the program, then (for a spare, once its task comes)
// make a new instance with a new memory and run the task in it.
async function runProcess(msg, task) {
  let reply;
  try {
    const glue = await import(msg.glue);
    let job = msg;
    if (msg.task === undefined) {
      postMessage({ type: 'loaded' });
      job = await task;
    }
    // No memory passed: the glue makes a new one, so this instance has its
    // own globals, like a Python child process.
    glue.initSync({ module: msg.module });
    const readyMs = performance.timeOrigin + performance.now();
    try {
      reply = { ok: true, output: glue.playground_process_main(job.task, job.input), readyMs };
    } catch (error) {
      reply = { ok: false, output: glue.playground_process_last_panic() || String(error), readyMs };
    }
  } catch (error) {
    reply = { ok: false, output: String(error), readyMs: 0 };
  }
  postMessage({ type: 'result', ...reply });
  close();
}

function newWorker(name) {
  return new Worker(new URL(import.meta.url), { type: 'module', name });
}

// Starts a thread worker. `onFailure(message)` is called if it cannot load.
// A blank worker that src/web/boot.js started while the program loaded, if
// one is left (its script runs already: it waits for its INIT message).
// (`playgroundBlankWorkersTaken` counts them, for the tests.)
function takeBlank() {
  const blanks = globalThis.playgroundBlankWorkers || [];
  while (blanks.length > 0) {
    const worker = blanks.shift();
    if (!worker.failedToLoad) {
      globalThis.playgroundBlankWorkersTaken = (globalThis.playgroundBlankWorkersTaken || 0) + 1;
      return worker;
    }
    worker.terminate();
  }
  return null;
}

export function startThread(glue, module, memory, index, createdAt, onFailure) {
  const worker = takeBlank() || newWorker(`thread ${index}`);
  live.add(worker);
  worker.addEventListener('message', ({ data }) => {
    if (data.type === 'exit') {
      live.delete(worker);
    } else if (data.type === 'failed') {
      live.delete(worker);
      onFailure(data.message);
    }
  });
  worker.addEventListener('error', (event) => {
    live.delete(worker);
    onFailure(event.message || 'the worker script failed to load');
  });
  worker.postMessage({ type: INIT, role: 'thread', glue, module, memory, index, createdAt });
}

// Spare process workers: the program's glue imported, no instance yet, as
// a fork server keeps a template ready. A process started from a spare
// still gets a new instance and a new memory when its task arrives; only the
// worker's start and the import are done ahead.
//
// A spare is 'loading', 'loaded' or 'failed'. A failed one is never handed
// a task (it would never answer); one that fails after it was handed one
// fails that process.
const spares = [];

function loadSpare(glue, module) {
  const worker = newWorker('process (spare)');
  const spare = { worker, state: 'loading', failure: '', onFailure: null };
  const fail = (message) => {
    if (spare.state === 'failed') return;
    spare.state = 'failed';
    spare.failure = message;
    const index = spares.indexOf(spare);
    if (index >= 0) spares.splice(index, 1);
    if (spare.onFailure) spare.onFailure(message);
  };
  spare.loaded = new Promise((resolve) => {
    worker.addEventListener('message', ({ data }) => {
      if (data.type === 'loaded' && spare.state === 'loading') {
        spare.state = 'loaded';
        resolve(true);
      }
      // A 'result' before any task: the import failed.
      if (data.type === 'result' && spare.onFailure === null) {
        fail(data.output || 'the spare process failed to load');
        resolve(false);
      }
    });
    worker.addEventListener('error', (event) => {
      fail(event.message || 'the spare process failed to load');
      resolve(false);
    });
  });
  worker.postMessage({ type: INIT, role: 'process', glue, module });
  return spare;
}

// Loads spares until there are `count`; resolves when they are loaded (or
// failed: those are dropped, and the next process starts cold).
// Taking a spare does not replace it (that would compete with the work for
// the CPU): call this again before the next processes start.
export function prestartProcesses(glue, module, count) {
  while (spares.length < count) spares.push(loadSpare(glue, module));
  return Promise.all(spares.map((spare) => spare.loaded)).then(() => undefined);
}

// Ends every spare: the next process starts cold.
export function retireSpareProcesses() {
  for (const spare of spares.splice(0)) spare.worker.terminate();
}

// Child processes started and not yet answered or killed.
let processesRunning = 0;
export function runningProcesses() {
  return processesRunning;
}

// Starts a process that runs `task` on `input` (a string) and ends: from a
// spare if one is ready or still loading, else from scratch. Returns
// { result: Promise<{ok, output, readyMs, killed}>, kill() }.
export function startProcess(glue, module, task, input) {
  const spare = spares.shift();
  const worker = spare ? spare.worker : newWorker(`process ${task}`);
  let settle;
  let settled = false;
  processesRunning += 1;
  const result = new Promise((resolve) => {
    settle = (outcome) => {
      if (settled) return;
      settled = true;
      processesRunning -= 1;
      resolve(outcome);
    };
  });
  const failed = (message) => settle({ ok: false, output: message, readyMs: 0, killed: false });
  worker.addEventListener('message', ({ data }) => {
    if (data.type === 'result') settle({ ...data, killed: false });
  });
  worker.addEventListener('error', (event) => failed(event.message || 'the process failed to start'));
  if (spare) {
    spare.onFailure = failed;
    worker.postMessage({ type: 'task', task, input });
  } else {
    worker.postMessage({ type: INIT, role: 'process', glue, module, task, input });
  }
  return {
    result,
    kill() {
      worker.terminate();
      settle({ ok: false, output: 'killed', readyMs: 0, killed: true });
    },
  };
}

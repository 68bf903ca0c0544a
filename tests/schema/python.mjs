// The Python files beside the pages, run with --json at small parameters:
// shared by the schema test (tests/schema) and the end-to-end test that
// opens their reports in the pages (tests/e2e/cpython-run.test.mjs).
import { spawnSync } from 'node:child_process';

const root = new URL('../../', import.meta.url).pathname;

// Each page's file, its route, and small parameters: quick, and still the
// real thing.
export const SMALL = {
  'gil.py': { path: 'gil', args: ['n=24', 'threads=2', 'switch_interval_ms=1'] },
  'processes.py': { path: 'processes', args: ['n=20', 'workers=2'] },
  'lock.py': { path: 'lock', args: ['threads=12', 'sleep_ms=1', 'use_lock=true'] },
  'semaphore.py': { path: 'semaphore', args: ['permits=2', 'threads=4', 'max_hold_ms=50', 'seed=1'] },
  'condition.py': { path: 'condition', args: ['consumers=2', 'consumer_start_ms=0,150', 'producer_delay_ms=100', 'timeout_ms=200'] },
  'coroutine.py': { path: 'coroutine', args: ['items=3'] },
  'async_await.py': { path: 'async', args: ['tasks=3', 'unit_ms=20'] },
  'kettle.py': { path: 'kettle', args: ['boil_minutes=3', 'check_every_minutes=1', 'ms_per_minute=20'] },
};

export function runPython(file, args) {
  // PYTHON=python3.13t (say) runs them in another interpreter.
  return spawnSync(process.env.PYTHON || 'python3', [`${root}src/experiments/python/${file}`, '--json', ...args],
    { encoding: 'utf8', timeout: 120_000 });
}

// The report of `file` at its small parameters (throws if the run failed).
export function reportOf(file, args = SMALL[file].args) {
  const run = runPython(file, args);
  if (run.status !== 0) throw new Error(`${file} ${args.join(' ')}: exit ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

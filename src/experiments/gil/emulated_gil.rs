//! An emulated GIL: a real lock that real threads contend for, handed over
//! by CPython's rule since 3.2 (the "new GIL").
//!
//! - A thread that wants the GIL while another holds it waits for at most
//!   the switch interval (`sys.getswitchinterval()`, 5 ms by default). If the
//!   GIL has not changed hands in that time, it sets a *drop request*.
//! - The holder looks at the drop request at its next check point (CPython:
//!   between bytecodes, through its "eval breaker"; here: every few thousand
//!   calls of `fib`, see [`crate::experiments::work::fib_checked`]). If it is
//!   set, the holder drops the GIL.
//! - Forced switching: a holder that dropped on request then waits until
//!   another thread has taken the GIL, so it cannot take it straight back.
//!
//! Built on our [`Condition`] and [`Lock`] (two of them, as CPython has a
//! mutex and condition for the GIL and another pair for forced switching)
//! plus one atomic flag for the drop request, which the holder reads without
//! a lock so that a check point costs one load.

use crate::clock::now_ms;
use crate::experiments::RunError;
use crate::sync::CancelToken;
use crate::sync::{Condition, Lock, SyncError};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::time::Duration;

/// No thread has held the GIL yet.
const NOBODY: u32 = 0;

/// At most this many spans per thread are kept for the timeline (a long run
/// with a short interval switches hundreds of thousands of times).
pub const MAX_SPANS_PER_THREAD: usize = 4000;

pub struct EmulatedGil {
    interval: Duration,
    /// Guards `locked`, `last_holder` and `switch_number`; waiters for the
    /// GIL wait on it (CPython's `gil->mutex` and `gil->cond`).
    gil: Condition<Lock>,
    locked: AtomicBool,
    /// Who took the GIL last (a thread's lane + 1), even after it dropped it.
    last_holder: AtomicU32,
    /// How many times the GIL went to a thread other than its last holder.
    switch_number: AtomicU64,
    /// Set by a waiter whose interval ran out; read at every check point.
    drop_request: AtomicBool,
    /// A holder that dropped on request waits here until someone else has
    /// taken the GIL (CPython's `switch_mutex` and `switch_cond`).
    switched: Condition<Lock>,
}

/// A wait on the GIL ended by a cancelled run is a cancel; anything else
/// is a bug in the GIL, said as such.
fn sync_failed(error: SyncError) -> RunError {
    match error {
        SyncError::Cancelled => RunError::Cancelled,
        other => RunError::Failed(format!("the emulated GIL failed: {other}")),
    }
}

impl EmulatedGil {
    pub fn new(interval: Duration) -> Self {
        EmulatedGil {
            interval,
            gil: Condition::with_lock(Lock::new()),
            locked: AtomicBool::new(false),
            last_holder: AtomicU32::new(NOBODY),
            switch_number: AtomicU64::new(0),
            drop_request: AtomicBool::new(false),
            switched: Condition::with_lock(Lock::new()),
        }
    }

    /// How many times the GIL changed hands.
    pub fn switches(&self) -> u64 {
        self.switch_number.load(Ordering::SeqCst)
    }

    // [shown: take]
    /// Blocks until the calling thread (`me` = lane + 1) holds the GIL.
    /// Whether it had to wait for another holder.
    fn take(&self, me: u32, cancel: &CancelToken) -> Result<bool, RunError> {
        let guard = self.gil.lock().map_err(sync_failed)?;
        let waited = self.locked.load(Ordering::SeqCst);
        while self.locked.load(Ordering::SeqCst) {
            let switches_before = self.switch_number.load(Ordering::SeqCst);
            let notified = self.gil.wait(Some(self.interval)).map_err(sync_failed)?;
            cancel.check()?;
            // A whole interval passed and the GIL stayed where it was: ask
            // the holder to let go at its next check point.
            if !notified
                && self.locked.load(Ordering::SeqCst)
                && self.switch_number.load(Ordering::SeqCst) == switches_before
            {
                self.drop_request.store(true, Ordering::SeqCst);
            }
        }
        self.locked.store(true, Ordering::SeqCst);
        let previous = self.last_holder.swap(me, Ordering::SeqCst);
        if previous != me && previous != NOBODY {
            self.switch_number.fetch_add(1, Ordering::SeqCst);
        }
        // Whatever request there was has been served: the GIL moved.
        self.drop_request.store(false, Ordering::SeqCst);
        drop(guard);

        // Release a holder that dropped on request and waits for this. It
        // reads `last_holder` under the `switched` lock, which we take only
        // after writing it, so it either sees us or is already waiting.
        let _switched = self.switched.lock().map_err(sync_failed)?;
        self.switched.notify_all().map_err(sync_failed)?;
        Ok(waited)
    }

    /// Lets go of the GIL. `forced`: because another thread asked; then wait
    /// until that thread (or any other) has taken it.
    fn drop_gil(&self, me: u32, forced: bool, cancel: &CancelToken) -> Result<(), RunError> {
        {
            let _guard = self.gil.lock().map_err(sync_failed)?;
            self.locked.store(false, Ordering::SeqCst);
            self.gil.notify(1).map_err(sync_failed)?;
        }
        if forced {
            let _switched = self.switched.lock().map_err(sync_failed)?;
            // Timed, so that a cancelled run (whose waiters leave without
            // taking the GIL) cannot strand us here.
            while self.last_holder.load(Ordering::SeqCst) == me && !cancel.is_cancelled() {
                self.switched
                    .wait(Some(self.interval))
                    .map_err(sync_failed)?;
            }
        }
        Ok(())
    }
    // [/shown: take]
}

/// What a thread under the GIL was doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Turn {
    /// Waiting for the GIL.
    Waiting,
    /// Holding it (and computing).
    Holding,
    /// Blocked in a wait (`time.sleep`, I/O), having let go of it.
    Released,
}

/// What one thread did under the GIL.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ThreadLog {
    /// (what, start, end) on the shared clock.
    pub spans: Vec<(Turn, f64, f64)>,
    /// More spans happened than were kept.
    pub truncated: bool,
    /// Check points passed while holding the GIL.
    pub check_points: u64,
    /// Time spent holding the GIL, in ms.
    pub held_ms: f64,
}

/// One thread's side of the GIL (CPython's thread state): take it, pass
/// check points, drop it; everything it does is logged for the timeline.
/// Dropping a `GilThread` that holds the GIL releases it, so a thread that
/// stops early (cancelled) never leaves the others waiting.
pub struct GilThread<'a> {
    gil: &'a EmulatedGil,
    me: u32,
    cancel: CancelToken,
    held_since: Option<f64>,
    log: ThreadLog,
}

impl<'a> GilThread<'a> {
    pub fn new(gil: &'a EmulatedGil, lane: u32, cancel: CancelToken) -> Self {
        GilThread {
            gil,
            me: lane + 1,
            cancel,
            held_since: None,
            log: ThreadLog::default(),
        }
    }

    fn span(&mut self, state: Turn, start: f64, end: f64) {
        if self.log.spans.len() < MAX_SPANS_PER_THREAD {
            self.log.spans.push((state, start, end));
        } else {
            self.log.truncated = true;
        }
    }

    /// Blocks until this thread holds the GIL.
    pub fn acquire(&mut self) -> Result<(), RunError> {
        let asked = now_ms();
        let waited = self.gil.take(self.me, &self.cancel)?;
        let got = now_ms();
        if waited {
            self.span(Turn::Waiting, asked, got);
        }
        self.held_since = Some(got);
        Ok(())
    }

    fn release_now(&mut self, forced: bool) -> Result<(), RunError> {
        if let Some(since) = self.held_since.take() {
            let now = now_ms();
            self.log.held_ms += now - since;
            self.span(Turn::Holding, since, now);
            self.gil.drop_gil(self.me, forced, &self.cancel)?;
        }
        Ok(())
    }

    /// Lets go of the GIL for good (the thread's work is done).
    pub fn release(&mut self) -> Result<(), RunError> {
        self.release_now(false)
    }

    /// Runs `wait` without the GIL, as CPython runs `time.sleep` and I/O
    /// (`Py_BEGIN_ALLOW_THREADS`): let go of it, wait, take it back.
    pub fn without_gil<T>(&mut self, wait: impl FnOnce() -> T) -> Result<T, RunError> {
        self.release_now(false)?;
        let start = now_ms();
        let value = wait();
        self.span(Turn::Released, start, now_ms());
        self.acquire()?;
        Ok(value)
    }

    // [shown: check point]
    /// A check point of the holder: stop if cancelled, hand the GIL over if
    /// another thread asked for it, and wait to get it back.
    pub fn check_point(&mut self) -> Result<(), RunError> {
        self.log.check_points += 1;
        self.cancel.check()?;
        if self.gil.drop_request.load(Ordering::Relaxed) {
            self.release_now(true)?;
            self.acquire()?;
        }
        Ok(())
    }
    // [/shown: check point]

    pub fn into_log(mut self) -> ThreadLog {
        let _ = self.release_now(false);
        std::mem::take(&mut self.log)
    }
}

impl Drop for GilThread<'_> {
    fn drop(&mut self) {
        if self.held_since.is_some() {
            let _ = self.release_now(false);
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::experiments::work::{fib, fib_checked_or};
    use std::sync::Arc;

    /// `threads` threads each compute fib(n) under one GIL.
    fn run(threads: u32, n: u32, interval_ms: f64, cancel: CancelToken) -> (Vec<ThreadLog>, u64) {
        let gil = Arc::new(EmulatedGil::new(Duration::from_secs_f64(
            interval_ms / 1000.0,
        )));
        let handles: Vec<_> = (0..threads)
            .map(|lane| {
                let (gil, cancel) = (gil.clone(), cancel.clone());
                std::thread::spawn(move || {
                    let mut me = GilThread::new(&gil, lane, cancel);
                    me.acquire()?;
                    let value = fib_checked_or(n, || me.check_point())?;
                    assert_eq!(value, fib(n));
                    me.release()?;
                    Ok::<_, RunError>(me.into_log())
                })
            })
            .collect();
        let logs = handles
            .into_iter()
            .map(|h| h.join().unwrap().unwrap())
            .collect();
        (logs, gil.switches())
    }

    fn holding(logs: &[ThreadLog]) -> Vec<(usize, f64, f64)> {
        let mut all: Vec<_> = logs
            .iter()
            .enumerate()
            .flat_map(|(lane, log)| {
                log.spans
                    .iter()
                    .filter(|s| s.0 == Turn::Holding)
                    .map(move |s| (lane, s.1, s.2))
            })
            .collect();
        all.sort_by(|a, b| a.1.total_cmp(&b.1));
        all
    }

    #[test]
    fn no_two_threads_ever_hold_it_at_once() {
        let (logs, switches) = run(3, 30, 0.5, CancelToken::new());
        let spans = holding(&logs);
        for pair in spans.windows(2) {
            assert!(
                pair[0].2 <= pair[1].1,
                "lane {} held until {} but lane {} took it at {}",
                pair[0].0,
                pair[0].2,
                pair[1].0,
                pair[1].1
            );
        }
        assert!(switches >= 2, "the GIL never changed hands: {switches}");
        assert!(logs.iter().all(|l| l.check_points > 0));
    }

    #[test]
    fn a_waiter_gets_the_gil_by_asking_after_the_interval() {
        // Two threads, and work that lasts many intervals: forced switching
        // hands the GIL back and forth, so each thread holds it many times.
        let (logs, switches) = run(2, 32, 1.0, CancelToken::new());
        assert!(switches >= 4, "switches: {switches}");
        for log in &logs {
            let held = log.spans.iter().filter(|s| s.0 == Turn::Holding).count();
            assert!(held >= 2, "a thread held the GIL only {held} times");
        }
    }

    #[test]
    fn alone_a_thread_never_switches() {
        let (logs, switches) = run(1, 28, 0.1, CancelToken::new());
        assert_eq!(switches, 0);
        assert_eq!(logs[0].spans.len(), 1);
    }

    #[test]
    fn a_cancelled_run_lets_every_thread_go() {
        let cancel = CancelToken::new();
        let gil = Arc::new(EmulatedGil::new(Duration::from_millis(100)));
        let handles: Vec<_> = (0..3)
            .map(|lane| {
                let (gil, cancel) = (gil.clone(), cancel.clone());
                std::thread::spawn(move || {
                    let mut me = GilThread::new(&gil, lane, cancel);
                    me.acquire()?;
                    fib_checked_or(45, || me.check_point())
                })
            })
            .collect();
        std::thread::sleep(Duration::from_millis(20));
        cancel.cancel();
        for handle in handles {
            assert_eq!(handle.join().unwrap(), Err(RunError::Cancelled));
        }
    }
}

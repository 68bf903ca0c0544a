//! The primitives under real native threads.

use crate::sync::{Barrier, Condition, Event, Lock, RLock, Semaphore, SyncError};
use crate::trace;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

const LONG: Option<Duration> = Some(Duration::from_secs(10));

/// Waits (politely) until `done()` or ten seconds pass.
fn eventually(mut done: impl FnMut() -> bool) -> bool {
    for _ in 0..10_000 {
        if done() {
            return true;
        }
        thread::sleep(Duration::from_millis(1));
    }
    false
}

#[test]
fn lock_excludes_eight_threads_from_a_hundred_thousand_increments_each() {
    let lock = Arc::new(Lock::new());
    // A read and a separate write: without mutual exclusion, updates are lost.
    let counter = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..8)
        .map(|_| {
            let (lock, counter) = (lock.clone(), counter.clone());
            thread::spawn(move || {
                for _ in 0..100_000 {
                    let _held = lock.lock().unwrap();
                    let value = counter.load(Ordering::Relaxed);
                    counter.store(value + 1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    workers.into_iter().for_each(|w| w.join().unwrap());
    assert_eq!(counter.load(Ordering::Relaxed), 800_000);
    assert!(!lock.locked());
}

#[test]
fn lock_acquire_times_out_and_try_fails_while_held() {
    let lock = Arc::new(Lock::new());
    assert!(lock.try_acquire());
    let other = lock.clone();
    let outcome = thread::spawn(move || {
        (
            other.try_acquire(),
            other.acquire(true, Some(Duration::from_millis(20))),
        )
    })
    .join()
    .unwrap();
    assert_eq!(outcome, (false, Ok(false)));
    lock.release().unwrap();
    assert_eq!(
        lock.acquire(true, Some(Duration::from_millis(20))),
        Ok(true)
    );
}

#[test]
fn any_thread_may_release_a_lock_as_in_python() {
    let lock = Arc::new(Lock::new());
    lock.acquire(true, None).unwrap();
    let other = lock.clone();
    thread::spawn(move || other.release())
        .join()
        .unwrap()
        .unwrap();
    assert!(!lock.locked());
}

#[test]
fn errors_are_pythons() {
    let lock = Lock::new();
    assert_eq!(lock.release(), Err(SyncError::NotLocked));
    assert!(matches!(
        lock.acquire(false, Some(Duration::from_secs(1))),
        Err(SyncError::InvalidArgument(_))
    ));

    let bounded = Semaphore::bounded(2);
    bounded.acquire(true, None).unwrap();
    bounded.release(1).unwrap();
    assert_eq!(bounded.release(1), Err(SyncError::TooManyReleases));
    assert_eq!(bounded.available(), 2);
    assert!(matches!(
        bounded.release(0),
        Err(SyncError::InvalidArgument(_))
    ));
    // An unbounded one may grow past its start, as in Python.
    let open = Semaphore::new(1);
    open.release(3).unwrap();
    assert_eq!(open.available(), 4);

    let rlock = Arc::new(RLock::new());
    assert_eq!(rlock.release(), Err(SyncError::NotOwner));
    rlock.acquire(true, None).unwrap();
    // Python checks the arguments before it looks at the owner.
    assert!(matches!(
        rlock.acquire(false, Some(Duration::from_secs(1))),
        Err(SyncError::InvalidArgument(_))
    ));
    let other = rlock.clone();
    assert_eq!(
        thread::spawn(move || other.release()).join().unwrap(),
        Err(SyncError::NotOwner)
    );

    let condition = Condition::new();
    assert_eq!(condition.wait(None), Err(SyncError::NotHeld));
    assert_eq!(condition.notify(1), Err(SyncError::NotHeld));
    assert!(matches!(
        Barrier::new(0),
        Err(SyncError::InvalidArgument(_))
    ));
}

#[test]
fn rlock_is_reentrant_for_its_owner_only() {
    let rlock = Arc::new(RLock::new());
    for _ in 0..3 {
        assert_eq!(rlock.acquire(true, None), Ok(true));
    }
    let other = rlock.clone();
    assert!(
        !thread::spawn(move || probe(&other)).join().unwrap(),
        "another thread took a held RLock"
    );
    rlock.release().unwrap();
    rlock.release().unwrap();
    assert!(rlock.is_owned());
    rlock.release().unwrap();
    assert!(!rlock.is_owned());
    let other = rlock.clone();
    assert!(thread::spawn(move || probe(&other)).join().unwrap());
}

/// A non-blocking acquire that gives back what it got.
fn probe(rlock: &RLock) -> bool {
    let got = rlock.acquire(false, None).unwrap();
    if got {
        rlock.release().unwrap();
    }
    got
}

#[test]
fn a_semaphore_never_has_more_holders_than_permits() {
    let semaphore = Arc::new(Semaphore::new(3));
    let holders = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..12)
        .map(|_| {
            let (semaphore, holders, most) = (semaphore.clone(), holders.clone(), most.clone());
            thread::spawn(move || {
                for _ in 0..2_000 {
                    let _permit = semaphore.lock().unwrap();
                    let now = holders.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::hint::spin_loop();
                    holders.fetch_sub(1, Ordering::SeqCst);
                }
            })
        })
        .collect();
    workers.into_iter().for_each(|w| w.join().unwrap());
    let most = most.load(Ordering::SeqCst);
    assert!((1..=3).contains(&most), "{most} holders at once");
    assert_eq!(semaphore.available(), 3);
}

#[test]
fn a_semaphore_acquire_times_out_when_no_permit_comes() {
    let semaphore = Semaphore::new(0);
    assert_eq!(
        semaphore.acquire(true, Some(Duration::from_millis(20))),
        Ok(false)
    );
    assert!(!semaphore.try_acquire());
}

/// Starts `count` threads that wait on `condition` (10 s at most) and
/// report whether they were notified; returns once all of them wait.
fn waiters(condition: &Arc<Condition>, count: usize) -> Vec<thread::JoinHandle<bool>> {
    let handles: Vec<_> = (0..count)
        .map(|_| {
            let condition = condition.clone();
            thread::spawn(move || {
                let _held = condition.lock().unwrap();
                condition.wait(LONG).unwrap()
            })
        })
        .collect();
    assert!(eventually(|| condition.waiting() == count));
    handles
}

#[test]
fn notify_n_wakes_exactly_n_of_the_waiters() {
    let condition = Arc::new(Condition::new());
    let handles = waiters(&condition, 5);
    {
        let _held = condition.lock().unwrap();
        condition.notify(2).unwrap();
    }
    assert!(eventually(|| condition.waiting() == 3));
    {
        let _held = condition.lock().unwrap();
        condition.notify_all().unwrap();
    }
    let woken: Vec<bool> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(woken, vec![true; 5]);
}

#[test]
fn notify_wakes_no_more_than_asked_even_after_waiting() {
    let condition = Arc::new(Condition::new());
    let returned = Arc::new(AtomicUsize::new(0));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let (condition, returned) = (condition.clone(), returned.clone());
            thread::spawn(move || {
                let _held = condition.lock().unwrap();
                let notified = condition.wait(LONG).unwrap();
                returned.fetch_add(1, Ordering::SeqCst);
                notified
            })
        })
        .collect();
    assert!(eventually(|| condition.waiting() == 4));
    condition.lock().unwrap().notify(1).unwrap();
    assert!(eventually(|| returned.load(Ordering::SeqCst) == 1));
    // Nobody else returns while nobody else is notified (they wait 10 s).
    thread::sleep(Duration::from_millis(50));
    assert_eq!(
        returned.load(Ordering::SeqCst),
        1,
        "notify(1) woke more than one"
    );
    assert_eq!(condition.waiting(), 3);
    condition.lock().unwrap().notify_all().unwrap();
    assert!(handles.into_iter().all(|h| h.join().unwrap()));
}

#[test]
fn notify_all_wakes_every_waiter() {
    let condition = Arc::new(Condition::new());
    let handles = waiters(&condition, 6);
    condition.lock().unwrap().notify_all().unwrap();
    assert!(handles.into_iter().all(|h| h.join().unwrap()));
}

#[test]
fn a_wait_that_times_out_returns_false_and_holds_the_lock_again() {
    let condition = Condition::new();
    let _held = condition.lock().unwrap();
    assert_eq!(condition.wait(Some(Duration::from_millis(15))), Ok(false));
    assert!(condition.inner().is_owned());
}

#[test]
fn wait_releases_every_level_of_an_rlock_and_restores_them() {
    let condition = Arc::new(Condition::new());
    let rlock = condition.inner();
    rlock.acquire(true, None).unwrap();
    rlock.acquire(true, None).unwrap();
    let other = condition.clone();
    let notifier = thread::spawn(move || {
        assert!(eventually(|| other.waiting() == 1));
        other.lock().unwrap().notify(1).unwrap();
    });
    assert_eq!(condition.wait(LONG), Ok(true));
    notifier.join().unwrap();
    rlock.release().unwrap();
    assert!(rlock.is_owned(), "the second level was not restored");
    rlock.release().unwrap();
    assert!(!rlock.is_owned());
}

#[test]
fn wait_for_a_predicate_cures_the_notify_before_wait_hazard() {
    // The post's example notifies before the consumer waits: a plain wait
    // then sleeps through it. wait_for checks the state first.
    let condition = Arc::new(Condition::new());
    let ready = Arc::new(AtomicBool::new(false));
    {
        let _held = condition.lock().unwrap();
        ready.store(true, Ordering::SeqCst);
        condition.notify_all().unwrap();
    }
    let _held = condition.lock().unwrap();
    assert_eq!(
        condition.wait(Some(Duration::from_millis(20))),
        Ok(false),
        "the early notify was lost, as in Python"
    );
    assert_eq!(
        condition.wait_for(
            || ready.load(Ordering::SeqCst),
            Some(Duration::from_millis(20))
        ),
        Ok(true)
    );
}

#[test]
fn producer_and_ten_consumers() {
    let condition = Arc::new(Condition::new());
    let items = Arc::new(AtomicU32::new(0));
    let consumed = Arc::new(AtomicU32::new(0));
    let consumers: Vec<_> = (0..10)
        .map(|_| {
            let (condition, items, consumed) = (condition.clone(), items.clone(), consumed.clone());
            thread::spawn(move || {
                for _ in 0..100 {
                    let _held = condition.lock().unwrap();
                    assert!(condition
                        .wait_for(|| items.load(Ordering::SeqCst) > 0, LONG)
                        .unwrap());
                    items.fetch_sub(1, Ordering::SeqCst);
                    consumed.fetch_add(1, Ordering::SeqCst);
                }
            })
        })
        .collect();
    for _ in 0..1_000 {
        let _held = condition.lock().unwrap();
        items.fetch_add(1, Ordering::SeqCst);
        condition.notify(1).unwrap();
    }
    consumers.into_iter().for_each(|c| c.join().unwrap());
    assert_eq!(consumed.load(Ordering::SeqCst), 1_000);
}

#[test]
fn an_event_wakes_every_waiter_even_if_cleared_at_once() {
    let event = Arc::new(Event::new());
    let parked = Arc::new(AtomicUsize::new(0));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let (event, parked) = (event.clone(), parked.clone());
            thread::spawn(move || {
                parked.fetch_add(1, Ordering::SeqCst);
                event.wait(LONG).unwrap()
            })
        })
        .collect();
    assert!(eventually(|| parked.load(Ordering::SeqCst) == 4));
    thread::sleep(Duration::from_millis(20));
    event.set();
    event.clear();
    assert!(handles.into_iter().all(|h| h.join().unwrap()));
    assert!(!event.is_set());
    assert_eq!(event.wait(Some(Duration::from_millis(10))), Ok(false));
    event.set();
    assert_eq!(event.wait(None), Ok(true));
}

#[test]
fn a_barrier_trips_round_after_round_with_distinct_indices() {
    let barrier = Arc::new(Barrier::new(4).unwrap());
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let barrier = barrier.clone();
            thread::spawn(move || {
                (0..3)
                    .map(|_| barrier.wait(LONG).unwrap())
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let rounds: Vec<Vec<usize>> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    for round in 0..3 {
        let mut indices: Vec<usize> = rounds.iter().map(|r| r[round]).collect();
        indices.sort_unstable();
        assert_eq!(indices, vec![0, 1, 2, 3], "round {round}");
    }
}

#[test]
fn a_barrier_wait_that_times_out_breaks_it_for_everyone() {
    let barrier = Arc::new(Barrier::new(3).unwrap());
    let other = barrier.clone();
    let patient = thread::spawn(move || other.wait(LONG));
    assert!(eventually(|| barrier.n_waiting().unwrap() == 1));
    assert_eq!(
        barrier.wait(Some(Duration::from_millis(20))),
        Err(SyncError::BrokenBarrier)
    );
    assert_eq!(patient.join().unwrap(), Err(SyncError::BrokenBarrier));
    assert!(barrier.broken().unwrap());
    barrier.reset().unwrap();
    assert!(!barrier.broken().unwrap());
}

#[test]
fn a_barrier_runs_its_action_once_per_round() {
    let runs = Arc::new(AtomicUsize::new(0));
    let counter = runs.clone();
    let action: Box<dyn Fn() + Send + Sync> = Box::new(move || {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let barrier = Arc::new(Barrier::with_options(2, Some(action), None).unwrap());
    let other = barrier.clone();
    let partner = thread::spawn(move || {
        for _ in 0..5 {
            other.wait(LONG).unwrap();
        }
    });
    for _ in 0..5 {
        barrier.wait(LONG).unwrap();
    }
    partner.join().unwrap();
    assert_eq!(runs.load(Ordering::SeqCst), 5);
}

/// Python's `except: self._break(); raise`: an action that raises breaks
/// the barrier, so the other parties are not left waiting for a trip that
/// never comes.
#[test]
fn a_barrier_whose_action_panics_breaks_for_the_others() {
    let action: Box<dyn Fn() + Send + Sync> = Box::new(|| panic!("deliberate panic in the action"));
    let barrier = Arc::new(Barrier::with_options(2, Some(action), None).unwrap());
    let other = barrier.clone();
    // No timeout: before the barrier broke on a panicking action, the
    // other party waited here for good.
    let partner = thread::spawn(move || other.wait(None));
    let me = barrier.clone();
    // Whichever arrives last runs the action.
    let tripper = thread::spawn(move || me.wait(None));
    let outcomes = [partner.join(), tripper.join()];
    // One thread panicked (the one that ran the action); the other got
    // BrokenBarrier.
    assert_eq!(outcomes.iter().filter(|o| o.is_err()).count(), 1);
    assert!(outcomes
        .iter()
        .any(|o| matches!(o, Ok(Err(SyncError::BrokenBarrier)))));
    assert_eq!(barrier.broken(), Ok(true));
}

/// Any timeout, however long, is taken as at most TIMEOUT_MAX: no wait
/// panics on a huge one, and each still returns when its event comes.
#[test]
fn huge_timeouts_wait_and_do_not_panic() {
    let lock = Arc::new(Lock::new());
    let event = Arc::new(Event::new());
    let semaphore = Arc::new(Semaphore::new(0));
    let condition = Arc::new(Condition::new());
    let held = lock.lock().unwrap();
    let waiter = {
        let (lock, event, semaphore, condition) = (
            lock.clone(),
            event.clone(),
            semaphore.clone(),
            condition.clone(),
        );
        thread::spawn(move || {
            let guard = condition.lock().unwrap();
            let notified = guard.wait(Some(Duration::MAX)).unwrap();
            drop(guard);
            (
                notified,
                lock.acquire(true, Some(Duration::MAX)).unwrap(),
                event.wait(Some(Duration::MAX)).unwrap(),
                semaphore.acquire(true, Some(Duration::MAX)).unwrap(),
            )
        })
    };
    assert!(eventually(|| condition.waiting() == 1));
    condition.lock().unwrap().notify(1).unwrap();
    drop(held);
    event.set();
    semaphore.release(1).unwrap();
    assert_eq!(waiter.join().unwrap(), (true, true, true, true));
}

#[test]
fn tracing_records_who_held_the_lock_and_who_waited() {
    let lock = Arc::new(Lock::new());
    trace::set_enabled(true);
    let workers: Vec<_> = (0..2)
        .map(|lane| {
            let lock = lock.clone();
            thread::spawn(move || {
                trace::set_lane(lane);
                for _ in 0..3 {
                    let _held = lock.lock().unwrap();
                    thread::sleep(Duration::from_millis(2));
                }
                trace::flush();
            })
        })
        .collect();
    workers.into_iter().for_each(|w| w.join().unwrap());
    trace::set_enabled(false);
    let records: Vec<_> = trace::take_all()
        .into_iter()
        .filter(|r| r.primitive == lock.trace_id())
        .collect();
    assert_eq!(
        records.len(),
        2 * 3 * 3,
        "requested, acquired, released, three times, by two threads"
    );
    let spans = trace::timeline(&records, 0.0);
    let mut holding: Vec<_> = spans
        .iter()
        .filter(|s| s.state == crate::timeline::Activity::Holding)
        .map(|s| (s.start_ms, s.end_ms))
        .collect();
    assert_eq!(holding.len(), 6);
    holding.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(
        holding.windows(2).all(|w| w[0].1 <= w[1].0),
        "two threads held the lock at once: {holding:?}"
    );
}

#[test]
fn the_condition_queue_grows_past_its_first_storage() {
    // Its storage starts small and grows outside its mutex: forty waiters
    // take it through several moves, and every one of them is notified.
    let condition = Arc::new(Condition::new());
    let handles = waiters(&condition, 40);
    condition.lock().unwrap().notify(15).unwrap();
    assert!(eventually(|| condition.waiting() == 25));
    condition.lock().unwrap().notify_all().unwrap();
    assert!(handles.into_iter().all(|h| h.join().unwrap()));
}

#[test]
fn wait_for_with_a_zero_timeout_waits_once_as_cpython() {
    // CPython's wait_for(predicate, 0) checks the predicate, waits once
    // (letting go of the lock and taking it back), and checks it again.
    let condition = Condition::new();
    let guard = condition.lock().unwrap();
    let mut checks = 0;
    let outcome = guard.wait_for(
        || {
            checks += 1;
            false
        },
        Some(Duration::ZERO),
    );
    assert_eq!(outcome, Ok(false));
    assert_eq!(
        checks, 2,
        "the predicate is checked before and after the one wait"
    );
    assert!(condition.inner().is_owned(), "the lock is held again");
}

#[test]
fn a_new_thread_identity_does_not_inherit_an_rlock() {
    // A worker runs one job after another; the runtime gives each a new
    // identity, so an RLock that one job left held is not the next one's.
    let rlock = RLock::new();
    std::mem::forget(rlock.lock().unwrap());
    assert!(rlock.acquire(false, None).unwrap(), "the owner re-enters");
    rlock.release().unwrap();
    crate::sync::new_thread_identity();
    assert!(
        !rlock.acquire(false, None).unwrap(),
        "a new job took over an RLock an earlier one left held"
    );
    assert_eq!(rlock.release(), Err(SyncError::NotOwner));
}

#[test]
fn a_barrier_still_trips_after_a_cancelled_round() {
    // A party whose run is cancelled breaks the round for the others, and
    // a reset makes the barrier whole for the next.
    let barrier = Arc::new(Barrier::new(2).unwrap());
    let token = crate::sync::CancelToken::new();
    let cancelled = {
        let (barrier, token) = (barrier.clone(), token.clone());
        thread::spawn(move || token.scope(|| barrier.wait(None)))
    };
    assert!(eventually(|| barrier.n_waiting().unwrap() == 1));
    token.cancel();
    assert_eq!(cancelled.join().unwrap(), Err(SyncError::Cancelled));
    assert!(barrier.broken().unwrap());
    barrier.reset().unwrap();
    let other = {
        let barrier = barrier.clone();
        thread::spawn(move || barrier.wait(LONG))
    };
    assert!(barrier.wait(LONG).is_ok());
    assert!(other.join().unwrap().is_ok());
}

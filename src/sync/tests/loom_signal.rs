//! loom: the thread pool's hand-off. Workers look at a queue, take a
//! ticket, look again and park; a spawner pushes and notifies one worker
//! per job. No job is left in the queue with its worker asleep.

use super::model;
use crate::sync::Signal;
use loom::sync::{Arc, Mutex};
use loom::thread;
use std::collections::VecDeque;

struct Pool {
    queue: Mutex<VecDeque<u32>>,
    signal: Signal,
}

/// A worker's loop, as in `runtime/threads/pool.rs`: until it gets a job.
fn next_job(pool: &Pool) -> u32 {
    loop {
        if let Some(job) = pool.queue.lock().unwrap().pop_front() {
            return job;
        }
        let ticket = pool.signal.ticket();
        if let Some(job) = pool.queue.lock().unwrap().pop_front() {
            return job;
        }
        pool.signal.wait(ticket, None);
    }
}

#[test]
fn every_pushed_job_wakes_a_worker() {
    model("signal: the pool's hand-off", || {
        let pool = Arc::new(Pool {
            queue: Mutex::new(VecDeque::new()),
            signal: Signal::new(),
        });
        let workers: Vec<_> = (0..2)
            .map(|_| {
                let pool = pool.clone();
                thread::spawn(move || next_job(&pool))
            })
            .collect();
        for job in [1, 2] {
            pool.queue.lock().unwrap().push_back(job);
            pool.signal.notify(1);
        }
        let mut done: Vec<u32> = workers.into_iter().map(|w| w.join().unwrap()).collect();
        done.sort_unstable();
        assert_eq!(done, vec![1, 2]);
    });
}

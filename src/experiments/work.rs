//! The work the experiments give threads: CPU-bound, pure, deterministic.

use crate::sync::{CancelToken, Cancelled};

/// The post's `fib`: naive recursion, exponential on purpose, so that it
/// keeps a core busy without touching memory.
pub fn fib(n: u32) -> u64 {
    if n < 2 {
        n.into()
    } else {
        fib(n - 1) + fib(n - 2)
    }
}

/// fib(n) by iteration: the value to check the others against, cheap
/// enough for the page's main thread, which must never compute.
pub fn fib_value(n: u32) -> u64 {
    let (mut a, mut b) = (0u64, 1u64);
    for _ in 0..n {
        (a, b) = (b, a + b);
    }
    a
}

/// At and below this, `fib_checked` hands a subtree to the plain `fib`.
pub const CHECK_LEAF: u32 = 18;

/// How many calls of `fib` a subtree of fib(n) makes: 2·fib(n + 1) − 1.
pub const fn calls(n: u32) -> u64 {
    let (mut a, mut b) = (0u64, 1u64);
    let mut i = 0;
    while i <= n {
        (a, b) = (b, a + b);
        i += 1;
    }
    2 * a - 1
}

/// The most calls of `fib` between two check points: after the check at a
/// fib(20) node come the leaves fib(18) and fib(17) under its child fib(19),
/// then its own second child, the leaf fib(18): 21,889 calls (how long that
/// takes, a run measures: the GIL page's `check_interval_us`).
pub const CALLS_BETWEEN_CHECKS: u64 = 2 * calls(CHECK_LEAF) + calls(CHECK_LEAF - 1);

/// Check points in fib(n): one at every node above [`CHECK_LEAF`].
pub fn check_points(n: u32) -> u64 {
    let (mut below, mut at) = (0u64, 0u64); // fib(m - 1)'s and fib(m)'s
    for m in 0..=n {
        let here = if m <= CHECK_LEAF { 0 } else { 1 + at + below };
        (below, at) = (at, here);
    }
    at
}

/// The mean number of `fib` calls between two check points of fib(n)
/// (`None` if it has none): they are far from evenly spread.
pub fn mean_calls_between_checks(n: u32) -> Option<u64> {
    let checks = check_points(n);
    (checks > 0).then(|| calls(n) / checks)
}

/// `fib`, with a check point every few thousand calls, as an interpreter
/// checks for signals and GIL requests between bytecodes. A check point that
/// returns `false` stops the computation (`None`). Every mode of every page
/// runs this one function, and the check point is a `dyn` call, so there is
/// one copy of its machine code: no mode gets faster code than another.
pub fn fib_checked(n: u32, check_point: &mut dyn FnMut() -> bool) -> Option<u64> {
    if n <= CHECK_LEAF {
        return Some(fib(n));
    }
    if !check_point() {
        return None;
    }
    Some(fib_checked(n - 1, check_point)? + fib_checked(n - 2, check_point)?)
}

/// `fib_checked` whose check points may fail with an error, which it returns.
pub fn fib_checked_or<E>(n: u32, mut check_point: impl FnMut() -> Result<(), E>) -> Result<u64, E> {
    let mut failure = None;
    let value = fib_checked(n, &mut || match check_point() {
        Ok(()) => true,
        Err(error) => {
            failure = Some(error);
            false
        }
    });
    match (value, failure) {
        (Some(value), _) => Ok(value),
        (None, Some(error)) => Err(error),
        (None, None) => unreachable!("fib_checked stops only when a check point fails"),
    }
}

/// `fib`, but it stops early when cancelled.
pub fn fib_cancellable(n: u32, token: &CancelToken) -> Result<u64, Cancelled> {
    fib_checked_or(n, || token.check())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_points_are_counted_as_fib_checked_makes_them() {
        for n in [0, CHECK_LEAF, CHECK_LEAF + 1, 25, 30] {
            let mut made = 0u64;
            fib_checked(n, &mut || {
                made += 1;
                true
            });
            assert_eq!(check_points(n), made, "fib({n})");
        }
        assert_eq!(mean_calls_between_checks(CHECK_LEAF), None);
        // fib(35): 29,860,703 calls over 4,180 check points.
        assert_eq!(calls(35), 29_860_703);
        assert_eq!(check_points(35), 4_180);
        assert_eq!(mean_calls_between_checks(35), Some(7_143));
    }

    #[test]
    fn fib_matches_the_sequence() {
        let first: Vec<u64> = (0..10).map(fib).collect();
        assert_eq!(first, [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]);
        assert_eq!(fib(30), 832_040);
        assert!((0..32).all(|n| fib_value(n) == fib(n)));
        assert_eq!(fib_value(45), 1_134_903_170);
    }

    #[test]
    fn cancellable_fib_agrees_and_stops() {
        let token = CancelToken::new();
        assert_eq!(fib_cancellable(30, &token), Ok(832_040));
        token.cancel();
        assert_eq!(fib_cancellable(30, &token), Err(Cancelled));
        assert_eq!(fib_cancellable(CHECK_LEAF, &token), Ok(2584));
    }

    #[test]
    fn check_points_come_often_and_evenly() {
        assert_eq!(calls(0), 1);
        assert_eq!(calls(2), 3);
        assert_eq!(calls(5), 15);
        // Count the calls between check points directly.
        fn counted(n: u32, calls: &mut u64, gaps: &mut Vec<u64>) -> u64 {
            if n > CHECK_LEAF {
                gaps.push(std::mem::take(calls));
                return counted(n - 1, calls, gaps) + counted(n - 2, calls, gaps);
            }
            *calls += super::calls(n);
            fib(n)
        }
        let (mut open, mut gaps) = (0, Vec::new());
        assert_eq!(counted(30, &mut open, &mut gaps), 832_040);
        gaps.push(open);
        assert_eq!(*gaps.iter().max().unwrap(), CALLS_BETWEEN_CHECKS);
        let mut checks = 0;
        fib_checked(30, &mut || {
            checks += 1;
            true
        })
        .unwrap();
        assert_eq!(checks, gaps.len() - 1);
    }
}

//! The work the experiments give threads: CPU-bound, pure, deterministic.

use crate::runtime::cancel::{CancelToken, Cancelled};

/// The post's `fib`: naive recursion, exponential on purpose, so that it
/// keeps a core busy without touching memory.
pub fn fib(n: u32) -> u64 {
    if n < 2 {
        n.into()
    } else {
        fib(n - 1) + fib(n - 2)
    }
}

/// `fib`, but it stops early when cancelled. It checks the token only at
/// the top levels of the recursion, so the check costs nothing measurable.
pub fn fib_cancellable(n: u32, token: &CancelToken) -> Result<u64, Cancelled> {
    const CHECK_ABOVE: u32 = 22;
    if n <= CHECK_ABOVE {
        return Ok(fib(n));
    }
    token.check()?;
    Ok(fib_cancellable(n - 1, token)? + fib_cancellable(n - 2, token)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fib_matches_the_sequence() {
        let first: Vec<u64> = (0..10).map(fib).collect();
        assert_eq!(first, [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]);
        assert_eq!(fib(30), 832_040);
    }

    #[test]
    fn cancellable_fib_agrees_and_stops() {
        let token = CancelToken::new();
        assert_eq!(fib_cancellable(30, &token), Ok(832_040));
        token.cancel();
        assert_eq!(fib_cancellable(30, &token), Err(Cancelled));
    }
}

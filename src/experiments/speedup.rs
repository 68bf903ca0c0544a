//! How a measured speedup is said. A speedup is x× (the time is 1/x of
//! the sequence's); below 1 it is a slowdown and said so; and for work that
//! needs a core, a speedup above the number of cores cannot be real, so it
//! is said to be noise, never shown as a result.

use crate::i18n::{Lang, Text};

/// What a speedup means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    Faster,
    /// Within 5% of the sequence: no gain, no loss worth a word.
    Same,
    Slower,
    /// More than the cores could give work that computes.
    BeyondCores,
}

/// `x` = sequence time / this time. `cores`: the most a computation can
/// gain, the fewer of the cores and the threads (`None` for waiting, which
/// needs no core).
pub fn reading(x: f64, cores: Option<usize>) -> Reading {
    match cores {
        Some(cores) if x > cores as f64 => Reading::BeyondCores,
        _ if x >= 1.05 => Reading::Faster,
        _ if x > 0.95 => Reading::Same,
        _ => Reading::Slower,
    }
}

fn two(x: f64) -> String {
    format!("{x:.2}")
}

/// The speedup in a sentence.
pub fn sentence(x: f64, cores: Option<usize>, lang: Lang) -> String {
    match reading(x, cores) {
        Reading::Faster => Text::SpeedupFaster.fill(lang, &[("x", &two(x))]),
        Reading::Same => Text::SpeedupSame.fill(lang, &[("x", &two(x))]),
        Reading::Slower => {
            Text::SpeedupSlower.fill(lang, &[("x", &two(x)), ("slow", &two(1.0 / x.max(1e-9)))])
        }
        Reading::BeyondCores => Text::SpeedupBeyondCores.fill(
            lang,
            &[("x", &two(x)), ("cores", &cores.unwrap_or(1).to_string())],
        ),
    }
}

/// Of a curve's points (threads, speedup) for work that computes, those
/// above what `threads` threads on `cores` cores can gain: noise, which
/// the page must not let pass for a result. (Waiting work needs no core:
/// none.)
pub fn beyond_cores(points: &[(usize, f64)], cores: usize, computes: bool) -> Vec<(usize, f64)> {
    points
        .iter()
        .copied()
        .filter(|&(threads, x)| {
            computes && reading(x, Some(threads.min(cores).max(1))) == Reading::BeyondCores
        })
        .collect()
}

/// The speedup on a bar: "1.85×", or "2.99×, noise".
pub fn bar_label(x: f64, cores: Option<usize>, lang: Lang) -> String {
    let text = match reading(x, cores) {
        Reading::BeyondCores => Text::SpeedupBarNoise,
        _ => Text::SpeedupBar,
    };
    text.fill(lang, &[("x", &two(x))])
}

#[cfg(test)]
mod curve_tests {
    use super::beyond_cores;

    #[test]
    fn a_curve_point_above_the_cores_is_noise_when_the_work_computes() {
        let points = [(1, 1.0), (2, 1.9), (3, 2.99), (4, 2.0)];
        // Two cores: three threads cannot gain 2.99×; four can gain 2×.
        assert_eq!(beyond_cores(&points, 2, true), vec![(3, 2.99)]);
        // One thread never gains more than 1×.
        assert_eq!(beyond_cores(&[(1, 1.2)], 8, true), vec![(1, 1.2)]);
        // Waiting needs no core.
        assert!(beyond_cores(&points, 2, false).is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_speedup_reads_as_what_it_is() {
        assert_eq!(reading(1.85, Some(2)), Reading::Faster);
        assert_eq!(reading(1.02, Some(2)), Reading::Same);
        assert_eq!(reading(0.6, Some(2)), Reading::Slower);
        assert_eq!(reading(2.99, Some(2)), Reading::BeyondCores);
        // Waiting needs no core: 4 threads waiting on 2 cores gain 4×.
        assert_eq!(reading(3.9, None), Reading::Faster);
    }

    #[test]
    fn the_sentences_give_the_time_and_never_a_false_speedup() {
        assert_eq!(
            sentence(1.85, Some(2), Lang::En),
            "speedup 1.85× (1/1.85 of the time)"
        );
        assert_eq!(
            sentence(1.85, Some(2), Lang::Zh),
            "加速比 1.85×（用时为原来的 1/1.85）"
        );
        // Below 1: slower, with how much longer it took.
        assert_eq!(
            sentence(0.6, Some(2), Lang::En),
            "speedup 0.60×, that is slower: 1.67 times the time of the sequence"
        );
        assert!(sentence(0.6, Some(2), Lang::Zh).contains("更慢：用时是顺序执行的 1.67 倍"));
        assert!(sentence(1.0, Some(2), Lang::Zh).contains("差不多"));
        // Above the cores: noise.
        let noise = sentence(2.99, Some(2), Lang::En);
        assert!(
            noise.contains("above the 2×") && noise.contains("noise"),
            "{noise}"
        );
        assert!(sentence(2.99, Some(2), Lang::Zh).contains("超过了上限 2×"));
        assert_eq!(bar_label(2.99, Some(2), Lang::En), "2.99×, noise");
        assert_eq!(bar_label(1.5, Some(2), Lang::Zh), "1.50×");
        assert_eq!(bar_label(3.9, None, Lang::En), "3.90×");
    }
}

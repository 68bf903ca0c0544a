//! Axis arithmetic for the plots: round tick values and short numbers.

/// About how wide `text` is in a plot's 12px type, in viewBox units: 6.5
/// per Latin letter, 12 per Chinese character (enough to keep labels from
/// being cut; a little generous for narrow letters).
pub fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 6.5 } else { 12.0 })
        .sum()
}

/// About `count` round ticks (1, 2 or 5 times a power of ten apart) that
/// cover `lo..=hi`.
pub fn nice_ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    // An empty range gets a unit axis: steps must stay well above rounding.
    let hi = if hi - lo < 1e-6 * lo.abs().max(1.0) {
        lo + 1.0
    } else {
        hi
    };
    let span = hi - lo;
    let rough = span / count.max(1) as f64;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= rough)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).floor() * step;
    let mut ticks = Vec::new();
    // Up to the first tick at or past `hi`: the axis ends there, and no
    // mark may fall beyond it.
    let mut t = first;
    loop {
        ticks.push(t);
        if t >= hi - step * 1e-9 || ticks.len() > 100 {
            break;
        }
        t += step;
    }
    if ticks.len() < 2 {
        ticks.push(first + step);
    }
    ticks
}

/// A number of milliseconds, short: 1234 → "1234", 12.3456 → "12.3", 0.0123 → "0.012".
pub fn format_ms(ms: f64) -> String {
    let a = ms.abs();
    if a >= 100.0 || a == 0.0 {
        format!("{ms:.0}")
    } else if a >= 10.0 {
        format!("{ms:.1}")
    } else if a >= 1.0 {
        format!("{ms:.2}")
    } else {
        format!("{ms:.3}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(
            nice_ticks(0.0, 10.0, 5),
            vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        );
        let ticks = nice_ticks(3.0, 947.0, 6);
        assert!(
            ticks[0] <= 3.0 && *ticks.last().unwrap() >= 947.0,
            "{ticks:?}"
        );
        assert!(
            ticks
                .windows(2)
                .all(|w| ((w[1] - w[0]) - 200.0).abs() < 1e-9),
            "{ticks:?}"
        );
    }

    #[test]
    fn the_axis_never_ends_before_the_data() {
        // 124 ms with steps of 50: the axis must reach 150, not stop at 100.
        for hi in [101.0, 124.0, 149.9, 150.0, 947.0, 12.01] {
            let ticks = nice_ticks(0.0, hi, 6);
            assert!(*ticks.last().unwrap() >= hi, "{hi}: {ticks:?}");
        }
    }

    #[test]
    fn a_flat_range_still_gets_an_axis() {
        assert!(nice_ticks(5.0, 5.0, 6).len() >= 2);
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(format_ms(1234.5), "1234");
        assert_eq!(format_ms(12.345), "12.3");
        assert_eq!(format_ms(1.2345), "1.23");
        assert_eq!(format_ms(0.01234), "0.012");
    }
}

//! The one CPython run the pages quote. It was measured once, on the
//! machine this project is developed on (the developers' notes of
//! 2026-11-28: fib(35) twice in CPython 3.11); every sentence
//! that compares the page with CPython takes its figures from here, and
//! says whose machine and which CPython they are.

use super::work::calls;
use crate::i18n::{Lang, Text};

/// fib(n) twice: in a row, in two threads and in two processes.
pub struct CpythonRun {
    pub version: &'static str,
    /// When it was measured.
    pub date: &'static str,
    pub n: u32,
    pub sequential_s: f64,
    pub threads_s: f64,
    pub processes_s: f64,
}

pub const CPYTHON_GIL: CpythonRun = CpythonRun {
    version: "3.11",
    date: "2026-11-28",
    n: 35,
    sequential_s: 1.65,
    threads_s: 1.71,
    processes_s: 0.87,
};

impl CpythonRun {
    /// How long CPython takes for one fib(`n`), in ms: the sequence did
    /// two fib(35), and fib(n) makes `calls(n)` calls.
    pub fn fib_ms(&self, n: u32) -> f64 {
        let one = self.sequential_s * 1000.0 / 2.0;
        one * calls(n) as f64 / calls(self.n) as f64
    }

    /// The run, said (marked text).
    pub fn sentence(&self, lang: Lang) -> String {
        let s = |x: f64| format!("{x:.2}");
        Text::GilReference.fill_marked(
            lang,
            &[
                ("machine", Text::DevMachine.marked(lang)),
                ("date", self.date),
                ("version", self.version),
                ("n", &self.n.to_string()),
                ("sequential", &s(self.sequential_s)),
                ("threads", &s(self.threads_s)),
                ("processes", &s(self.processes_s)),
            ],
        )
    }

    /// How a fib(`n`) that took `ms` here compares with CPython's (marked
    /// text).
    pub fn compared(&self, n: u32, ms: f64, lang: Lang) -> String {
        let cpython = self.fib_ms(n);
        Text::GilFasterThanCPython.fill_marked(
            lang,
            &[
                ("n", &n.to_string()),
                ("ms", &format!("{ms:.1}")),
                ("version", self.version),
                ("cpython", &format!("{cpython:.0}")),
                ("x", &format!("{:.0}", cpython / ms.max(1e-9))),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpythons_fib_scales_with_the_calls() {
        assert!((CPYTHON_GIL.fib_ms(35) - 825.0).abs() < 1e-9);
        // fib(36) makes φ times the calls of fib(35), near enough.
        let ratio = CPYTHON_GIL.fib_ms(36) / CPYTHON_GIL.fib_ms(35);
        assert!((ratio - 1.618).abs() < 0.001, "{ratio}");
    }

    #[test]
    fn the_sentences_say_the_reference_and_the_ratio() {
        let zh = CPYTHON_GIL.sentence(Lang::Zh);
        for figure in ["3.11", "2026-11-28", "1.65", "1.71", "0.87", "Debian 12"] {
            assert!(zh.contains(figure), "{zh}");
        }
        let en = CPYTHON_GIL.sentence(Lang::En);
        assert!(
            en.contains(
                "twice in 1.65 s in sequence, 1.71 s in two threads, 0.87 s in two processes"
            ),
            "{en}"
        );
        // 825 ms in CPython against 55 ms here: 15 times as long.
        let en = CPYTHON_GIL.compared(35, 55.0, Lang::En);
        assert!(
            en.contains("about 825 ms") && en.contains("about 15 times as long"),
            "{en}"
        );
        let zh = CPYTHON_GIL.compared(35, 55.0, Lang::Zh);
        assert!(
            zh.contains("约需 825 毫秒") && zh.contains("约为这里的 15 倍"),
            "{zh}"
        );
    }
}

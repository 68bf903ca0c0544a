//! The words of a timeline: which lane (a thread, a process, a consumer…)
//! and which state (running, waiting, holding the GIL…), typed.
//!
//! Each experiment keeps its own vocabulary beside it (the kettle's
//! `watching_tv`, the GIL's `holding_gil`); the few words many share are
//! here. Every word serialises to the name the reports have always used
//! ("thread 3", "holding_gil"), and says its name on screen in each
//! language, so the pages draw lanes and legends without parsing names.

use crate::i18n::{Lang, Text};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A lane of a timeline.
pub trait LaneWord: Clone + PartialEq + Serialize {
    /// Its name on screen.
    fn label(&self, lang: Lang) -> String;
}

/// A state a lane is in during a span.
pub trait StateWord: Copy + PartialEq + Serialize + 'static {
    /// Every state, in the legend's order.
    const ALL: &'static [Self];
    /// Its name in the report (and its CSS class, `st-<key>`).
    fn key(self) -> &'static str;
    /// Its name on screen.
    fn label(self, lang: Lang) -> &'static str;
}

/// One stretch of one lane in one state, in ms from the start of the run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Span_{L}_{S}")]
pub struct Span<L, S> {
    pub lane: L,
    pub start_ms: f64,
    pub end_ms: f64,
    pub state: S,
}

impl<L, S> Span<L, S> {
    /// A span from two readings of the shared clock, made relative to `origin_ms`.
    pub fn between(lane: L, origin_ms: f64, start: f64, end: f64, state: S) -> Self {
        Span {
            lane,
            start_ms: start - origin_ms,
            end_ms: end - origin_ms,
            state,
        }
    }

    /// The same span, `by_ms` later (earlier when negative): to draw it
    /// from another origin.
    pub fn shifted(&self, by_ms: f64) -> Self
    where
        L: Clone,
        S: Copy,
    {
        Span {
            lane: self.lane.clone(),
            start_ms: self.start_ms + by_ms,
            end_ms: self.end_ms + by_ms,
            state: self.state,
        }
    }
}

/// Declares a state vocabulary: an enum whose variants each have their
/// report name and their [`Text`] on screen, in the legend's order.
macro_rules! states {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = ($key:literal, $text:expr) ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),*
        }

        impl $crate::timeline::StateWord for $name {
            const ALL: &'static [Self] = &[$( Self::$variant ),*];

            fn key(self) -> &'static str {
                match self {
                    $( Self::$variant => $key ),*
                }
            }

            fn label(self, lang: $crate::i18n::Lang) -> &'static str {
                match self {
                    $( Self::$variant => $text.get(lang) ),*
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str($crate::timeline::StateWord::key(*self))
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let key = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                <Self as $crate::timeline::StateWord>::ALL
                    .iter()
                    .copied()
                    .find(|state| $crate::timeline::StateWord::key(*state) == key)
                    .ok_or_else(|| {
                        let keys: Vec<_> = <Self as $crate::timeline::StateWord>::ALL
                            .iter()
                            .map(|state| $crate::timeline::StateWord::key(*state))
                            .collect();
                        serde::de::Error::custom(format!(
                            "unknown state {key:?} (this page's are {})",
                            keys.join(", ")
                        ))
                    })
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let keys: Vec<_> = <Self as $crate::timeline::StateWord>::ALL
                    .iter()
                    .map(|state| $crate::timeline::StateWord::key(*state))
                    .collect();
                schemars::json_schema!({ "type": "string", "enum": keys })
            }
        }
    };
}

/// Declares that a word is written in reports as its `Display` text and
/// read back with its `FromStr`, and that the schema knows it by `pattern`
/// (lanes such as "thread 3").
macro_rules! words_as_text {
    ($name:ty, $pattern:literal) => {
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                text.parse().map_err(|()| {
                    serde::de::Error::custom(format!(
                        "{text:?} is not a lane of this page ({})",
                        $pattern
                    ))
                })
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "pattern": $pattern })
            }
        }
    };
}
#[cfg_attr(loom, allow(unused_imports))]
pub(crate) use words_as_text;

/// `"<prefix><n>"` with n a whole number from 1, as lanes name threads.
pub fn numbered(text: &str, prefix: &str) -> Option<usize> {
    let digits = text.strip_prefix(prefix)?;
    if digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}
// (Under loom only the primitives are built, and nothing else uses it.)
#[cfg_attr(loom, allow(unused_imports))]
pub(crate) use states;

states! {
    /// What most lanes do: compute, wait, hold something, sleep.
    pub enum Activity {
        /// Computing.
        Running = ("running", Text::StateRunning),
        /// Holding a lock or a permit.
        Holding = ("holding", Text::StateHolding),
        /// Blocked: waiting to acquire, or to be notified.
        Waiting = ("waiting", Text::StateWaiting),
        /// Sleeping (as the post's `time.sleep`).
        Sleeping = ("sleeping", Text::StateSleeping),
        /// Blocked, and holding up everything else on its thread (an event
        /// loop inside a task's `time.sleep`).
        Blocked = ("blocked", Text::StateBlocked),
    }
}

/// The lanes of runs on threads and processes: "sequential" (one thread
/// doing everything in turn), "thread 1" …, "process 1" … (from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Worker {
    Sequential,
    Thread(usize),
    Process(usize),
}

impl Worker {
    /// Thread `i` counted from 0, named from 1.
    pub fn thread(i: usize) -> Self {
        Worker::Thread(i + 1)
    }

    /// Process `i` counted from 0, named from 1.
    pub fn process(i: usize) -> Self {
        Worker::Process(i + 1)
    }
}

impl std::fmt::Display for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Worker::Sequential => f.write_str("sequential"),
            Worker::Thread(i) => write!(f, "thread {i}"),
            Worker::Process(i) => write!(f, "process {i}"),
        }
    }
}

impl std::str::FromStr for Worker {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        match text {
            "sequential" => Ok(Worker::Sequential),
            _ => numbered(text, "thread ")
                .map(Worker::Thread)
                .or_else(|| numbered(text, "process ").map(Worker::Process))
                .ok_or(()),
        }
    }
}

words_as_text!(
    Worker,
    "^(sequential|thread [1-9][0-9]*|process [1-9][0-9]*)$"
);

impl LaneWord for Worker {
    fn label(&self, lang: Lang) -> String {
        match self {
            Worker::Sequential => Text::LaneSequential.get(lang).to_string(),
            Worker::Thread(i) => Text::LaneThread.fill(lang, &[("i", &i.to_string())]),
            Worker::Process(i) => Text::LaneProcess.fill(lang, &[("i", &i.to_string())]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_the_names_the_reports_use() {
        let span = Span::between(Worker::thread(2), 10.0, 11.0, 12.5, Activity::Holding);
        assert_eq!(
            serde_json::to_string(&span).unwrap(),
            r#"{"lane":"thread 3","start_ms":1.0,"end_ms":2.5,"state":"holding"}"#
        );
        assert_eq!(
            serde_json::to_string(&[Worker::Sequential, Worker::process(0)]).unwrap(),
            r#"["sequential","process 1"]"#
        );
        assert_eq!(Worker::thread(0).label(Lang::Zh), "线程 1");
        // Read back from a report (a CPython run's): the same words only.
        let read: Span<Worker, Activity> = serde_json::from_str(
            r#"{"lane":"thread 3","start_ms":1.0,"end_ms":2.5,"state":"holding"}"#,
        )
        .unwrap();
        assert_eq!(read, span);
        for lane in [
            "thread 0",
            "thread 03",
            "thread",
            "Thread 1",
            "process -1",
            "thread 1 ",
        ] {
            assert!(lane.parse::<Worker>().is_err(), "{lane}");
        }
        assert!(serde_json::from_str::<Activity>(r#""resting""#).is_err());
        assert_eq!(Activity::ALL.len(), 5);
        assert_eq!(Activity::Waiting.label(Lang::En), "waiting");
    }
}

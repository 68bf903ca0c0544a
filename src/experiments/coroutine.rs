//! §4.1 generator coroutines: a producer drives a consumer with `send`, and
//! control passes back and forth on one thread, with no lock.
//!
//! Both sides are Rust's (nightly) coroutines with resume arguments, the
//! closest thing to Python's generators: `yield` hands a value out and
//! takes the next `send` in. We chose them over a hand-written state machine
//! because the code then reads like the Python, one `yield` where the
//! Python has one; the compiler writes the state machine. The producer is
//! a coroutine too, suspended after each of its sends, so that the page can
//! step through the dialogue one `send` at a time.

use super::params::{params, spec, Default, Kind};
use super::{Experiment, RunContext, RunError};
use crate::i18n::Text;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::ops::{Coroutine, CoroutineState};
use std::pin::Pin;
use std::rc::Rc;

pub struct CoroutineExperiment;

params! {
    pub struct CoroutineParams {
        items: u32 = spec(
            Text::FieldItems,
            Some(Text::FieldItemsHelp),
            Kind::Int { min: 1, max: 50 },
            Default::Int(5),
        ),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Producer,
    Consumer,
}

/// One printed line, by the side that printed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Line {
    pub side: Side,
    pub text: String,
    /// The `send` during which it was printed (0: before the first).
    pub step: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CoroutineFigures {
    pub trace: Vec<Line>,
    /// What the consumer received, in order.
    pub consumed: Vec<u32>,
}

/// Where both sides print.
#[derive(Default)]
struct Printer {
    lines: Vec<Line>,
    consumed: Vec<u32>,
    step: usize,
}

type Shared = Rc<RefCell<Printer>>;

fn say(printer: &Shared, side: Side, text: String) {
    let mut p = printer.borrow_mut();
    let step = p.step;
    p.lines.push(Line { side, text, step });
}

// [shown: coroutines]
/// The consumer: a coroutine that takes each `send(n)` in at its `yield`,
/// adds it up, and hands the total out at the next one.
fn consumer(printer: Shared) -> impl Coroutine<Option<u32>, Yield = String, Return = ()> {
    #[coroutine]
    move |_first: Option<u32>| {
        say(&printer, Side::Consumer, "[consumer] ready".into());
        let mut total = 0;
        loop {
            // Hand the total to the producer; wake up with its next item.
            let Some(n) = yield total.to_string() else {
                return;
            };
            total += n;
            say(
                &printer,
                Side::Consumer,
                format!("[consumer] got {n}, total now {total}"),
            );
            printer.borrow_mut().consumed.push(n);
        }
    }
}

/// The producer: starts the consumer, sends it 1..=items, closes it. It
/// yields after every send, so that whoever drives it can go step by step.
fn producer(printer: Shared, items: u32) -> impl Coroutine<(), Yield = (), Return = ()> {
    #[coroutine]
    move |()| {
        say(&printer, Side::Producer, "[producer] starting".into());
        let mut consumer = Box::pin(consumer(printer.clone()));
        // Python's `send(None)`: run the consumer to its first yield.
        let first = send(&mut consumer, None);
        say(
            &printer,
            Side::Producer,
            format!("[producer] consumer started, total {first}"),
        );
        yield;
        for n in 1..=items {
            printer.borrow_mut().step += 1;
            say(&printer, Side::Producer, format!("[producer] sending {n}"));
            let total = send(&mut consumer, Some(n));
            say(
                &printer,
                Side::Producer,
                format!("[producer] the consumer's total: {total}"),
            );
            yield;
        }
        printer.borrow_mut().step += 1;
        // Python's `close()`: the consumer ends at its yield.
        drop(consumer);
        say(
            &printer,
            Side::Producer,
            "[producer] closed the consumer, done".into(),
        );
    }
}

/// Python's `c.send(value)`: resume the consumer until it yields again.
fn send(
    consumer: &mut Pin<Box<impl Coroutine<Option<u32>, Yield = String, Return = ()>>>,
    value: Option<u32>,
) -> String {
    match consumer.as_mut().resume(value) {
        CoroutineState::Yielded(reply) => reply,
        CoroutineState::Complete(()) => String::from("(ended)"),
    }
}
// [/shown: coroutines]

/// The whole dialogue, to be stepped one `send` at a time.
pub struct Dialogue {
    printer: Shared,
    producer: Pin<Box<dyn Coroutine<(), Yield = (), Return = ()>>>,
    finished: bool,
}

impl Dialogue {
    pub fn new(items: u32) -> Self {
        let printer = Shared::default();
        Dialogue {
            producer: Box::pin(producer(printer.clone(), items)),
            printer,
            finished: false,
        }
    }

    /// Resumes the producer until its next send is answered (or it ends).
    /// Whether there is more to come.
    pub fn step(&mut self) -> bool {
        if !self.finished {
            self.finished = matches!(
                self.producer.as_mut().resume(()),
                CoroutineState::Complete(())
            );
        }
        !self.finished
    }

    pub fn finished(&self) -> bool {
        self.finished
    }

    pub fn lines(&self) -> Vec<Line> {
        self.printer.borrow().lines.clone()
    }

    pub fn figures(&self) -> CoroutineFigures {
        let printer = self.printer.borrow();
        CoroutineFigures {
            trace: printer.lines.clone(),
            consumed: printer.consumed.clone(),
        }
    }
}

/// Our Python program (`coroutine.py`), as the page shows it: the cursor
/// names its lines.
pub const PYTHON: &str = include_str!("python/coroutine.py");

/// What one side of the dialogue is doing while a line is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Doing {
    /// Running: it prints this line.
    Printing,
    /// The producer inside `c.send(…)`: the consumer runs until it yields.
    InSend,
    /// The consumer suspended at its `yield`, until the next `send`.
    AtYield,
    /// The consumer before the first `send(None)`: made, not started.
    NotStarted,
    /// The consumer after `close()`.
    Closed,
}

/// Where one side is: what it does, and on which line of [`PYTHON`]
/// (numbered from 1, with that line's code), if on any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub doing: Doing,
    pub line: Option<(usize, &'static str)>,
}

/// The first line of [`PYTHON`] that contains `needle`.
fn python_line(needle: &str) -> Option<(usize, &'static str)> {
    PYTHON
        .lines()
        .enumerate()
        .find(|(_, code)| code.contains(needle))
        .map(|(i, code)| (i + 1, code.trim()))
}

/// The `print` that printed `text`: its fixed words are what comes before
/// the first value filled in (a number, or what follows `:` or `(`).
fn print_line(text: &str) -> Option<(usize, &'static str)> {
    let fixed = text
        .find(|c: char| c.is_ascii_digit() || c == ':' || c == '(')
        .map_or(text, |end| &text[..end]);
    python_line(&format!("print(\"{fixed}")).or_else(|| python_line(&format!("print(f\"{fixed}")))
}

/// Where the producer and the consumer are while `trace[i]` is printed,
/// worked out from the recorded lines alone: the side that printed it is
/// on that `print`; the other is inside `send` (the producer) or at its
/// `yield`, not started or closed (the consumer).
pub fn places(trace: &[Line], i: usize) -> Option<(Place, Place)> {
    let line = trace.get(i)?;
    let printing = Place {
        doing: Doing::Printing,
        line: print_line(&line.text),
    };
    Some(match line.side {
        Side::Consumer => {
            // The producer's first send is `send(None)`, which starts the
            // consumer; every later one sends an item.
            let started = trace[..i]
                .iter()
                .any(|l| l.side == Side::Producer && l.text.contains("consumer started"));
            let send = if started { "c.send(n)" } else { "c.send(None)" };
            let producer = Place {
                doing: Doing::InSend,
                line: python_line(send),
            };
            (producer, printing)
        }
        Side::Producer => {
            let consumer = if line.text.contains("closed the consumer") {
                Place {
                    doing: Doing::Closed,
                    line: None,
                }
            } else if trace[..i].iter().any(|l| l.side == Side::Consumer) {
                Place {
                    doing: Doing::AtYield,
                    line: python_line("= yield"),
                }
            } else {
                Place {
                    doing: Doing::NotStarted,
                    line: None,
                }
            };
            (printing, consumer)
        }
    })
}

impl Experiment for CoroutineExperiment {
    const ID: &'static str = "coroutine";
    type Params = CoroutineParams;
    type Figures = CoroutineFigures;

    /// Runs the dialogue to its end, on the page's thread: coroutines need
    /// no other, and each step is a few string operations.
    async fn run(params: CoroutineParams, ctx: RunContext) -> Result<CoroutineFigures, RunError> {
        let mut dialogue = Dialogue::new(params.items);
        while dialogue.step() {
            ctx.cancel.check()?;
        }
        Ok(dialogue.figures())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<(Side, String)> {
        lines.iter().map(|l| (l.side, l.text.clone())).collect()
    }

    #[test]
    fn the_dialogue_goes_in_the_python_order() {
        let mut dialogue = Dialogue::new(2);
        while dialogue.step() {}
        use Side::{Consumer as C, Producer as P};
        let expected = [
            (P, "[producer] starting"),
            (C, "[consumer] ready"),
            (P, "[producer] consumer started, total 0"),
            (P, "[producer] sending 1"),
            (C, "[consumer] got 1, total now 1"),
            (P, "[producer] the consumer's total: 1"),
            (P, "[producer] sending 2"),
            (C, "[consumer] got 2, total now 3"),
            (P, "[producer] the consumer's total: 3"),
            (P, "[producer] closed the consumer, done"),
        ]
        .map(|(side, text)| (side, text.to_string()));
        assert_eq!(texts(&dialogue.lines()), expected);
        assert_eq!(dialogue.figures().consumed, [1, 2]);
    }

    #[test]
    fn each_step_is_one_send() {
        let mut dialogue = Dialogue::new(3);
        assert!(dialogue.step());
        assert_eq!(
            dialogue.lines().len(),
            3,
            "start: two producer lines, one consumer"
        );
        assert!(dialogue.step());
        assert_eq!(dialogue.lines().len(), 6);
        assert!(dialogue.step() && dialogue.step());
        assert!(!dialogue.step(), "closing is the last step");
        assert!(dialogue.finished());
        assert!(!dialogue.step(), "a finished dialogue stays finished");
        let steps: Vec<usize> = dialogue.lines().iter().map(|l| l.step).collect();
        assert_eq!(steps, [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4]);
    }

    #[test]
    fn the_cursor_places_each_side_on_a_line_of_the_python() {
        let mut dialogue = Dialogue::new(2);
        while dialogue.step() {}
        let trace = dialogue.lines();
        let code_at = |i: usize| {
            let (p, c) = places(&trace, i).unwrap();
            let code = |place: Place| place.line.map(|(_, code)| code);
            ((p.doing, code(p)), (c.doing, code(c)))
        };
        use Doing::*;
        // "[producer] starting": the consumer is made but not started.
        assert_eq!(
            code_at(0),
            (
                (Printing, Some("print(\"[producer] starting\")")),
                (NotStarted, None)
            )
        );
        // "[consumer] ready": the producer waits in its first send.
        assert_eq!(
            code_at(1),
            (
                (
                    InSend,
                    Some("first = c.send(None)  # run the consumer to its first yield")
                ),
                (Printing, Some("print(\"[consumer] ready\")"))
            )
        );
        // "[producer] sending 1": the consumer waits at its yield.
        assert_eq!(code_at(3).0 .1, Some("print(f\"[producer] sending {n}\")"));
        assert_eq!(code_at(3).1 .0, AtYield);
        assert!(code_at(3).1 .1.unwrap().starts_with("n = yield total"));
        // "[consumer] got 1, …": the producer is in a later send.
        assert_eq!(code_at(4).0, (InSend, Some("total = c.send(n)")));
        assert_eq!(
            code_at(4).1 .1,
            Some("print(f\"[consumer] got {n}, total now {total}\")")
        );
        // The last line: the consumer is closed.
        assert_eq!(code_at(trace.len() - 1).1, (Closed, None));
        assert!(places(&trace, trace.len()).is_none());
        // Every printed line is found in the program.
        for i in 0..trace.len() {
            let (p, c) = places(&trace, i).unwrap();
            let printer = if trace[i].side == Side::Producer {
                p
            } else {
                c
            };
            assert!(printer.line.is_some(), "no print for {:?}", trace[i].text);
        }
    }
}

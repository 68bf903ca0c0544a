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
use serde::Serialize;
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Producer,
    Consumer,
}

/// One printed line, by the side that printed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Line {
    pub side: Side,
    pub text: String,
    /// The `send` during which it was printed (0: before the first).
    pub step: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
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
/// The consumer: a coroutine that takes each `send(n)` in at its `yield`
/// and hands its reply to the last one out.
fn consumer(printer: Shared) -> impl Coroutine<Option<u32>, Yield = String, Return = ()> {
    #[coroutine]
    move |_first: Option<u32>| {
        say(&printer, Side::Consumer, "[consumer] ready".into());
        let mut reply = String::from("ready");
        loop {
            // Hand `reply` to the producer; wake up with its next item.
            let Some(n) = yield reply.clone() else { return };
            say(
                &printer,
                Side::Consumer,
                format!("[consumer] got {n} (last reply: {reply})"),
            );
            printer.borrow_mut().consumed.push(n);
            reply = format!("item {n} done");
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
            format!("[producer] consumer started: {first}"),
        );
        yield;
        for n in 1..=items {
            printer.borrow_mut().step += 1;
            say(
                &printer,
                Side::Producer,
                format!("[producer] producing {n}"),
            );
            let reply = send(&mut consumer, Some(n));
            say(
                &printer,
                Side::Producer,
                format!("[producer] consumer replied: {reply}"),
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
            (P, "[producer] consumer started: ready"),
            (P, "[producer] producing 1"),
            (C, "[consumer] got 1 (last reply: ready)"),
            (P, "[producer] consumer replied: item 1 done"),
            (P, "[producer] producing 2"),
            (C, "[consumer] got 2 (last reply: item 1 done)"),
            (P, "[producer] consumer replied: item 2 done"),
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
}

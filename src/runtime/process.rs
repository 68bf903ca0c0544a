//! Processes: a worker with its own instance of the program and its own
//! memory, that talks to its parent only by messages, as Python's
//! `multiprocessing` pickles arguments to a child and results back.
//!
//! A child runs one named [`Task`] on a JSON input and returns JSON. Each
//! child is a new instance with a new memory (nothing is reused), so its
//! globals start fresh. Started cold, a child costs a new worker, importing
//! the program and instantiating it; [`prestart`] readies spare workers
//! with the program imported (as a fork server keeps a template), so that a
//! warm start costs only the instance. Both costs are what the processes
//! page shows.

use crate::sync::CancelToken;
use std::sync::atomic::{AtomicU64, Ordering};

/// A function a child process can run, by name: JSON in, JSON out.
pub struct Task {
    pub name: &'static str,
    pub run: fn(&str) -> Result<String, String>,
}

/// What a child returned, and what it cost.
#[derive(Clone, Debug, PartialEq)]
pub struct ProcessOutput {
    pub output: String,
    /// From asking for the child to its instance being ready to run.
    pub start_ms: f64,
    /// From asking for the child to its answer arriving.
    pub total_ms: f64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProcessError {
    /// The task failed or panicked, or the child could not start.
    Failed(String),
    Cancelled,
    /// Processes need web workers; native builds have none.
    Unsupported,
}

impl std::fmt::Display for ProcessError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProcessError::Failed(why) => write!(f, "the process failed: {why}"),
            ProcessError::Cancelled => f.write_str("cancelled"),
            ProcessError::Unsupported => f.write_str("processes need a browser"),
        }
    }
}

impl std::error::Error for ProcessError {}

/// A global to show isolation: a thread's change to it is seen by every
/// thread (one memory), a child process's is not (its own memory).
pub static DEMO_GLOBAL: AtomicU64 = AtomicU64::new(0);

/// Adds one to [`DEMO_GLOBAL`] in whatever memory this runs in; returns the
/// new value.
pub fn bump_demo_global() -> u64 {
    DEMO_GLOBAL.fetch_add(1, Ordering::SeqCst) + 1
}

/// Tasks of the runtime itself; the program adds its own with [`register`].
pub const RUNTIME_TASKS: &[Task] = &[
    Task {
        name: "bump_demo_global",
        run: |_| Ok(bump_demo_global().to_string()),
    },
    Task {
        name: "echo",
        run: |input| Ok(input.to_string()),
    },
    Task {
        name: "panic",
        run: |input| panic!("{input}"),
    },
];

/// The program's own tasks, beside the runtime's.
static TASKS: std::sync::OnceLock<&'static [Task]> = std::sync::OnceLock::new();

/// Tells this instance (the page, or a child process) which tasks a child
/// can run besides the runtime's. The first call counts.
pub fn register(tasks: &'static [Task]) {
    let _ = TASKS.set(tasks);
}

fn find_task(name: &str) -> Option<&'static Task> {
    RUNTIME_TASKS
        .iter()
        .chain(TASKS.get().copied().unwrap_or_default())
        .find(|t| t.name == name)
}

/// Readies spare process workers until there are `count` (the program
/// imported, no instance yet) and returns when they are loaded. The next
/// `count` processes skip the worker's start and the import, but each still
/// gets a new instance with a new memory. Spares are used once.
#[cfg(target_arch = "wasm32")]
pub async fn prestart(count: usize) {
    let loaded = crate::runtime::workers_js::prestart_processes(
        &crate::runtime::workers_js::glue_url(),
        &wasm_bindgen::module(),
        count as u32,
    );
    let _ = wasm_bindgen_futures::JsFuture::from(loaded).await;
}

/// For tests: readies one spare that fails to load (it imports a program
/// that does not exist). It must never be handed a task.
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub async fn prestart_broken_spare_for_tests() {
    let loaded = crate::runtime::workers_js::prestart_processes(
        "./no-such-program.js",
        &wasm_bindgen::module(),
        1,
    );
    let _ = wasm_bindgen_futures::JsFuture::from(loaded).await;
}

/// Ends the spares: the next process starts cold.
#[cfg(target_arch = "wasm32")]
pub fn retire_spares() {
    crate::runtime::workers_js::retire_spare_processes();
}

/// Natively there are no processes to keep ready.
#[cfg(not(target_arch = "wasm32"))]
pub async fn prestart(_count: usize) {}

#[cfg(not(target_arch = "wasm32"))]
pub fn retire_spares() {}

/// Runs `task` on `input` in a new child process, and waits for its answer
/// without blocking. Cancelling kills the child.
#[cfg(target_arch = "wasm32")]
pub async fn run(
    task: &str,
    input: &str,
    cancel: &CancelToken,
) -> Result<ProcessOutput, ProcessError> {
    use crate::clock::now_ms;
    use crate::runtime::workers_js;
    use futures::future::{select, Either};
    use std::pin::pin;
    use wasm_bindgen::JsValue;

    if find_task(task).is_none() {
        return Err(ProcessError::Failed(format!("no task named {task}")));
    }
    let started = now_ms();
    // Killed if this future is dropped before the child answers (a page
    // left, a select that went the other way), not only on cancel.
    let mut child = KillOnDrop(Some(workers_js::start_process(
        &workers_js::glue_url(),
        &wasm_bindgen::module(),
        task,
        input,
    )));
    let answer = wasm_bindgen_futures::JsFuture::from(child.result());
    let reply = match select(pin!(answer), pin!(cancel.cancelled())).await {
        Either::Left((reply, _)) => {
            child.answered();
            reply.map_err(|e| ProcessError::Failed(format!("{e:?}")))?
        }
        Either::Right(((), _)) => return Err(ProcessError::Cancelled),
    };
    let total_ms = now_ms() - started;
    let field = |name: &str| {
        js_sys::Reflect::get(&reply, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    };
    let output = field("output").as_string().unwrap_or_default();
    if field("ok").as_bool() != Some(true) {
        return Err(ProcessError::Failed(output));
    }
    let start_ms = field("readyMs")
        .as_f64()
        .map_or(total_ms, |ready| ready - started);
    Ok(ProcessOutput {
        output,
        start_ms,
        total_ms,
    })
}

/// A child that is killed when dropped, unless it has answered.
#[cfg(target_arch = "wasm32")]
struct KillOnDrop(Option<crate::runtime::workers_js::ProcessRun>);

#[cfg(target_arch = "wasm32")]
impl KillOnDrop {
    fn result(&self) -> js_sys::Promise {
        self.0
            .as_ref()
            .map(|c| c.result())
            .expect("not answered yet")
    }

    fn answered(&mut self) {
        self.0 = None;
    }
}

#[cfg(target_arch = "wasm32")]
impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if let Some(child) = self.0.take() {
            child.kill();
        }
    }
}

/// Child processes started and not yet answered or killed.
#[cfg(target_arch = "wasm32")]
pub fn running() -> u32 {
    crate::runtime::workers_js::running_processes().unwrap_or(0)
}

#[cfg(not(target_arch = "wasm32"))]
pub async fn run(
    task: &str,
    _input: &str,
    _cancel: &CancelToken,
) -> Result<ProcessOutput, ProcessError> {
    match find_task(task) {
        Some(_) => Err(ProcessError::Unsupported),
        None => Err(ProcessError::Failed(format!("no task named {task}"))),
    }
}

/// A child's side: runs `task` on `input` in this (the child's own)
/// instance. The program's exported entry point (`lib.rs`) registers the
/// tasks and calls this.
pub fn child_main(task: &str, input: &str) -> Result<String, String> {
    crate::runtime::panic::install_hook();
    let task = find_task(task).ok_or_else(|| format!("no task named {task}"))?;
    (task.run)(input)
}

/// After a child's task trapped: the panic message, if there was one.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn playground_process_last_panic() -> Option<String> {
    crate::runtime::panic::take_last_message()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn natively_processes_are_unsupported_and_unknown_tasks_fail() {
        use crate::runtime::executor::block_on;
        let token = CancelToken::new();
        assert_eq!(
            block_on(run("echo", "1", &token)),
            Err(ProcessError::Unsupported)
        );
        assert!(matches!(
            block_on(run("nope", "1", &token)),
            Err(ProcessError::Failed(_))
        ));
    }
}

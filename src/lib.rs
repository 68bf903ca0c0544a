//! A concurrency playground: the claims of a blog post on Python
//! concurrency (the GIL, threads and processes, Lock, Semaphore, Condition,
//! coroutines, async/await), run live on real threads in the browser.
//!
//! The layout is the architecture:
//! - [`sync`]: our own primitives, on one futex layer (Atomics wait/notify),
//!   and the cancel token that ends their waits.
//! - [`runtime`]: threads on web workers, processes, rayon, panics.
//! - [`experiments`]: one module per section of the post; typed parameters,
//!   a `run` that returns a report. No UI code.
//! - [`i18n`]: every user-facing word, in 中文 and English.
//! - [`trace`]: what the primitives did, and when; [`timeline`]: the typed
//!   lanes and states of the plots; [`clock`]: one clock for every thread.
//! - [`bench`]: the primitives measured, natively and in the browser.
//! - [`ui`]: the Yew pages, forms and plots (wasm only, but for plot axes).
#![cfg_attr(target_arch = "wasm32", feature(stdarch_wasm_atomic_wait))]
// A failed allocation fails its thread's run with a message (runtime::panic).
#![cfg_attr(not(loom), feature(alloc_error_hook))]
// The coroutine page's generators: resumable closures with resume arguments.
#![cfg_attr(not(loom), feature(coroutines, coroutine_trait, stmt_expr_attributes))]

// Under loom (`RUSTFLAGS="--cfg loom"`) only the primitives are built: the
// rest uses std's atomics in statics, which loom's types cannot replace.
#[cfg(not(loom))]
pub mod bench;
pub mod clock;
#[cfg(not(loom))]
pub mod experiments;
pub mod i18n;
#[cfg(not(loom))]
pub mod runtime;
pub mod sync;
pub mod timeline;
pub mod trace;
#[cfg(not(loom))]
pub mod ui;

/// The browser build counts its heap (see `runtime::heap`).
#[cfg(all(target_arch = "wasm32", not(loom)))]
#[global_allocator]
static ALLOCATOR: runtime::heap::Counting = runtime::heap::Counting;

/// A child process's entry point, called from `runtime/worker.js` in the
/// child's own instance: the program's tasks, run by the runtime.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn playground_process_main(
    task: String,
    input: String,
) -> Result<String, wasm_bindgen::JsValue> {
    runtime::process::register(experiments::tasks::PROCESS_TASKS);
    runtime::process::child_main(&task, &input).map_err(|e| wasm_bindgen::JsValue::from_str(&e))
}

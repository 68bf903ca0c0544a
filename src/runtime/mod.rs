//! The runtime: threads on web workers that share one memory, processes on
//! workers with their own memory, the rayon pool, one clock for all of them,
//! and cancellation.
//!
//! The same API runs natively (std threads), so experiments are tested with
//! `cargo test` and benchmarked against the browser.

pub mod env;
#[cfg(not(target_arch = "wasm32"))]
pub mod executor;
pub mod heap;
pub mod panic;
pub mod par;
pub mod process;
pub mod threads;
pub mod timer;
#[cfg(target_arch = "wasm32")]
mod workers_js;

/// Starts the runtime on the thread that owns the page (or the test). Call
/// once, before anything spawns: it installs the panic hook, makes this
/// thread the one that starts workers, and says which tasks the program's
/// child processes can run besides the runtime's own.
pub fn init(process_tasks: &'static [process::Task]) {
    panic::install_hook();
    process::register(process_tasks);
    threads::init_host();
}

//! What happens on a panic.
//!
//! The wasm build aborts on panic (the threaded std is built with
//! `panic_abort`), so a panic cannot be caught and unwound. Instead:
//! - the hook remembers the message on the panicking thread and logs it;
//! - on a worker, the trap ends the job; the worker's JavaScript catches it
//!   and reports the job as panicked with that message (see `threads`);
//! - on the page's main thread, the hook calls the handler the UI registered
//!   (an error banner), and the trap ends only the current event.

use std::cell::Cell;
use std::sync::OnceLock;

thread_local! {
    static LAST_MESSAGE: Cell<Option<String>> = const { Cell::new(None) };
    /// The size of the allocation that failed on this thread, or 0. (Kept
    /// as a number: making a message right then would need memory.)
    static FAILED_ALLOCATION: Cell<usize> = const { Cell::new(0) };
}

static MAIN_THREAD_HANDLER: OnceLock<fn(&str)> = OnceLock::new();

/// Registers what the page's main thread does with a panic message.
pub fn on_main_thread_panic(handler: fn(&str)) {
    let _ = MAIN_THREAD_HANDLER.set(handler);
}

/// The message of this thread's last panic, or of the allocation that
/// failed on it, if any (taken).
pub fn take_last_message() -> Option<String> {
    LAST_MESSAGE
        .with(Cell::take)
        .or_else(|| match FAILED_ALLOCATION.with(|size| size.replace(0)) {
            0 => None,
            size => Some(out_of_memory_message(size)),
        })
}

/// What a run that ran out of memory says.
pub fn out_of_memory_message(size: usize) -> String {
    format!("out of memory: an allocation of {size} bytes failed (the shared memory is full)")
}

/// Out of memory: std aborts (a trap, on wasm) after this returns. It
/// notes the size for [`take_last_message`], so that the thread's run
/// fails saying so, and prints it as std would.
fn on_allocation_failure(layout: std::alloc::Layout) {
    FAILED_ALLOCATION.with(|size| size.set(layout.size().max(1)));
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("memory allocation of {} bytes failed", layout.size());
}

/// Turns a caught panic payload into its message.
pub fn payload_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-string payload".to_string()
    }
}

/// The panic hook: remembers the message on this thread, logs it, and on
/// the page's main thread calls the registered handler.
pub fn hook(info: &std::panic::PanicHookInfo<'_>) {
    let message = info.to_string();
    LAST_MESSAGE.with(|m| m.set(Some(message.clone())));
    #[cfg(target_arch = "wasm32")]
    web_sys::console::error_1(&message.as_str().into());
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("{message}");
    if !crate::sync::futex::can_block() {
        if let Some(handler) = MAIN_THREAD_HANDLER.get() {
            handler(&message);
        }
    }
}

/// Installs [`hook`] (once). Yew installs its own hook when it renders
/// unless told otherwise, so the UI also hands it to Yew.
pub(crate) fn install_hook() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        std::panic::set_hook(Box::new(hook));
        std::alloc::set_alloc_error_hook(on_allocation_failure);
    });
}

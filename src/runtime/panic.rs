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
}

static MAIN_THREAD_HANDLER: OnceLock<fn(&str)> = OnceLock::new();

/// Registers what the page's main thread does with a panic message.
pub fn on_main_thread_panic(handler: fn(&str)) {
    let _ = MAIN_THREAD_HANDLER.set(handler);
}

/// The message of this thread's last panic, if any (taken).
pub fn take_last_message() -> Option<String> {
    LAST_MESSAGE.with(Cell::take)
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
    INSTALLED.get_or_init(|| std::panic::set_hook(Box::new(hook)));
}

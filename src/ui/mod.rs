//! The pages, forms and plots (Yew, on the page's main thread).
//!
//! The main thread only renders and awaits: every experiment's work runs on
//! threads (web workers), and the runtime's handles are awaited, never
//! blocked on. Only `plot_axis` (pure arithmetic), `code_region` and `url`
//! (text) build natively, for tests.

pub mod code_region;
pub mod plot_axis;
pub mod url;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
mod caps;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod lang;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
mod panic_banner;
#[cfg(target_arch = "wasm32")]
mod router;

/// Mounts the app, starts the runtime and warms the thread pool.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    crate::runtime::init(crate::experiments::tasks::PROCESS_TASKS);
    crate::runtime::panic::on_main_thread_panic(panic_banner::show);
    // Otherwise Yew replaces our hook with its own when it first renders.
    yew::set_custom_panic_hook(Box::new(crate::runtime::panic::hook));
    yew::Renderer::<app::App>::new().render();
}

/// Panics on the page's main thread, outside any render: shows the error
/// banner on purpose. For the end-to-end tests, and the curious (in the
/// console: `playground.playground_debug_panic("hello")`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn playground_debug_panic(message: String) {
    wasm_bindgen_futures::spawn_local(async move { panic!("{message}") });
}

/// Lets the page come to rest before a measurement: waits until the rayon
/// pool has started (the page starts it once the thread pool is quiet, so
/// it may come late, and its threads' stacks count), ends the spare process
/// workers (each holds a program of its own), waits for thread workers
/// still loading, and retires the idle ones (their stacks are given back).
/// For the soak test, which compares two such moments.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub async fn playground_debug_settle() {
    use std::time::Duration;
    let deadline = crate::clock::now_ms() + 60_000.0;
    while !crate::runtime::par::init_finished() && crate::clock::now_ms() < deadline {
        crate::runtime::timer::sleep(Duration::from_millis(50)).await;
    }
    crate::runtime::process::retire_spares();
    crate::runtime::threads::prestart(0).await;
    crate::runtime::threads::retire_idle().await;
}

/// Starts thread workers until `count` exist, and resolves when they are
/// ready. For the benchmark of cold starts.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub async fn playground_debug_warm(count: usize) {
    crate::runtime::threads::prestart(count).await;
}

/// The thread pool as JSON: `running` (threads spawned and not finished:
/// 0 between runs, or a thread was stranded), `workers`, `idle`,
/// `started_total`, `retired_total`, `ready_total`, `start_phase_total_ms`
/// (the cold starts' phases summed, see `pool::START_PHASES`), `memory_bytes`, the size of the shared
/// WebAssembly memory (it never shrinks), and `heap_in_use_bytes`, what is
/// allocated in it now, `rayon_threads`, the rayon pool's (0 until it
/// has started), `warm_waits`, the page's waits for warm workers (a run=1
/// waiting, or a leak), and `processes`, child processes still running.
/// For the soak test, and the curious.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn playground_debug_pool() -> String {
    use crate::runtime::threads;
    use wasm_bindgen::JsCast;
    let stats = threads::stats();
    let memory_bytes = wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| {
            js_sys::Reflect::get(&m.buffer(), &"byteLength".into())
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0)
        })
        .unwrap_or(0.0);
    format!(
        r#"{{"running":{},"workers":{},"idle":{},"started_total":{},"retired_total":{},"ready_total":{},"start_phase_total_ms":{:?},"memory_bytes":{},"heap_in_use_bytes":{},"rayon_threads":{},"warm_waits":{},"processes":{}}}"#,
        threads::running(),
        stats.workers,
        stats.idle,
        stats.started_total,
        stats.retired_total,
        stats.ready_total,
        stats.start_phase_total_ms,
        memory_bytes,
        crate::runtime::heap::in_use_bytes(),
        crate::runtime::par::pool_threads(),
        threads::pool::warm_waits(),
        crate::runtime::process::running()
    )
}

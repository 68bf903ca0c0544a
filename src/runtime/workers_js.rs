//! The JavaScript that starts workers (`worker.js`), and what a worker needs
//! to load this same program: the URL of the wasm-bindgen glue, the compiled
//! module, and (for threads) the shared memory.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/runtime/worker.js")]
extern "C" {
    #[wasm_bindgen(js_name = startThread)]
    pub fn start_thread(
        glue: &str,
        module: &JsValue,
        memory: &JsValue,
        index: u32,
        created_at_ms: f64,
        on_failure: &Closure<dyn FnMut(String)>,
    );

    /// `{ result: Promise<{ok, output, readyMs, killed}>, kill() }`
    pub type ProcessRun;

    #[wasm_bindgen(js_name = startProcess)]
    pub fn start_process(glue: &str, module: &JsValue, task: &str, input: &str) -> ProcessRun;

    /// Keeps `count` spare process workers loaded; resolves when they are.
    #[wasm_bindgen(js_name = prestartProcesses)]
    pub fn prestart_processes(glue: &str, module: &JsValue, count: u32) -> js_sys::Promise;

    /// Child processes started and not yet answered or killed. `catch`
    /// makes wasm-bindgen write a shim for it: a second shim-less import
    /// from this module (`retireSpareProcesses` is one) would list the
    /// module twice in the glue (see src/runtime/env.rs).
    #[wasm_bindgen(catch, js_name = runningProcesses)]
    pub fn running_processes() -> Result<u32, JsValue>;

    #[wasm_bindgen(js_name = retireSpareProcesses)]
    pub fn retire_spare_processes();

    #[wasm_bindgen(method, getter)]
    pub fn result(this: &ProcessRun) -> js_sys::Promise;

    #[wasm_bindgen(method)]
    pub fn kill(this: &ProcessRun);
}

#[wasm_bindgen]
extern "C" {
    // `import.meta.url` of the glue module itself: wherever trunk (or the test
    // runner) put it, under whatever hashed name, workers import it from here.
    #[wasm_bindgen(thread_local_v2, js_namespace = ["import", "meta"], js_name = url)]
    static GLUE_URL: String;
}

/// The URL of the wasm-bindgen JavaScript glue that loaded this program.
pub fn glue_url() -> String {
    GLUE_URL.with(Clone::clone)
}

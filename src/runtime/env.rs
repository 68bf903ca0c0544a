//! What this browser (or machine) offers: the `env` of every report, and the
//! capabilities strip.

use serde::ser::{Serialize, SerializeStruct, Serializer};

/// The environment a report was measured in. Its JSON also names the
/// `engine` (see [`engine_of`]), derived from the browser.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Env {
    /// The page is cross-origin isolated (COOP + COEP), which shared memory needs.
    pub cross_origin_isolated: bool,
    /// Logical processors the browser reports (`navigator.hardwareConcurrency`).
    pub hardware_concurrency: u32,
    /// The browser and its major version (`Chromium 156`, `Firefox 153`),
    /// or `native` off the web.
    pub browser: &'static str,
    /// The smallest step of the clock, measured: every time in a report is
    /// a multiple of it (Chromium 0.005 ms when isolated; Firefox 0.02 ms
    /// when isolated, 1 ms when not).
    pub timer_resolution_ms: f64,
}

impl Serialize for Env {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut env = serializer.serialize_struct("Env", 5)?;
        env.serialize_field("cross_origin_isolated", &self.cross_origin_isolated)?;
        env.serialize_field("hardware_concurrency", &self.hardware_concurrency)?;
        env.serialize_field("browser", self.browser)?;
        env.serialize_field("engine", engine_of(self.browser))?;
        env.serialize_field("timer_resolution_ms", &self.timer_resolution_ms)?;
        env.end()
    }
}

/// The JavaScript and WebAssembly engine of a browser named by
/// [`browser_name`]: the engine's own ways show in a run's times (JSC, in
/// Safari and WebKitGTK, runs each worker's first turns of the program
/// slower than V8 and SpiderMonkey do; see docs/browsers.md).
pub fn engine_of(browser: &str) -> &'static str {
    match browser.split(' ').next() {
        Some("Chromium") => "V8",
        Some("Firefox") => "SpiderMonkey",
        Some("Safari" | "WebKitGTK") => "JavaScriptCore",
        Some("native") => "native",
        _ => "unknown",
    }
}

/// How many workers one site may run in this browser at once, where the
/// browser has a fixed limit: Firefox's `dom.workers.maxPerDomain` (512 by
/// default), past which a new worker does not fail but waits for another
/// to end, so a run whose threads wait for each other would never end.
pub fn worker_limit(browser: &str) -> Option<usize> {
    browser.starts_with("Firefox").then_some(512)
}

/// The browser and major version from a user agent string.
pub fn browser_name(user_agent: &str) -> String {
    let version = |marker: &str| {
        user_agent.split(marker).nth(1).map(|rest| {
            rest.split(|c: char| !c.is_ascii_digit())
                .next()
                .unwrap_or_default()
                .to_string()
        })
    };
    if let Some(v) = version("Firefox/") {
        format!("Firefox {v}")
    } else if let Some(v) = version("Chrome/") {
        format!("Chromium {v}")
    } else if user_agent.contains("Safari/") && user_agent.contains("Linux") {
        // Safari runs only on Apple's systems: this is WebKitGTK (or WPE),
        // whose "Version/" is no Safari version and names no release.
        "WebKitGTK".to_string()
    } else if let Some(v) = version("Version/").filter(|_| user_agent.contains("Safari/")) {
        format!("Safari {v}")
    } else {
        "unknown".to_string()
    }
}

/// What the capabilities strip shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Capabilities {
    pub env: Env,
    /// `SharedArrayBuffer` exists (only on isolated pages).
    pub shared_array_buffer: bool,
    /// The page was served over a secure context (service workers need one).
    pub secure_context: bool,
    /// Service workers can be registered here.
    pub service_worker: bool,
}

#[cfg(target_arch = "wasm32")]
mod js {
    use wasm_bindgen::prelude::*;

    // The global scope's properties are read through Reflect, not as small
    // JS functions: wasm-bindgen 0.2.130 lists a module once per function
    // the wasm imports from it without a JS shim (a bool or number result),
    // under the same key, and esbuild then warns of duplicate keys in the
    // glue (scripts/bundle-glue.sh fails the build on any warning). One such
    // function per module, as here, is one key.
    #[wasm_bindgen(inline_js = r#"
export function userAgent() { return (globalThis.navigator && navigator.userAgent) || ''; }
// The smallest step performance.now() takes, over a few steps (at most
// about 20 ms of spinning, once per page).
export function timerResolution() {
  let last = performance.now();
  const give_up = last + 20;
  let best = Infinity;
  for (let steps = 0; steps < 8;) {
    const now = performance.now();
    if (now !== last) {
      best = Math.min(best, now - last);
      last = now;
      steps += 1;
    }
    if (now > give_up) break;
  }
  return Number.isFinite(best) ? best : 20;
}
"#)]
    extern "C" {
        #[wasm_bindgen(js_name = userAgent)]
        pub fn user_agent() -> String;
        #[wasm_bindgen(js_name = timerResolution)]
        pub fn timer_resolution() -> f64;
    }

    /// `globalThis[name]`, in the page or in a worker.
    fn global(name: &str) -> JsValue {
        js_sys::Reflect::get(&js_sys::global(), &name.into()).unwrap_or(JsValue::UNDEFINED)
    }

    fn navigator(name: &str) -> JsValue {
        js_sys::Reflect::get(&global("navigator"), &name.into()).unwrap_or(JsValue::UNDEFINED)
    }

    pub fn isolated() -> bool {
        global("crossOriginIsolated").as_bool() == Some(true)
    }

    pub fn sab() -> bool {
        global("SharedArrayBuffer").is_function()
    }

    pub fn cores() -> u32 {
        navigator("hardwareConcurrency")
            .as_f64()
            .map_or(1, |n| n as u32)
    }

    pub fn secure() -> bool {
        global("isSecureContext").as_bool() == Some(true)
    }

    pub fn sw() -> bool {
        !navigator("serviceWorker").is_undefined()
    }
}

/// Measured once per page (a worker measures its own, as it may differ).
#[cfg(target_arch = "wasm32")]
fn browser_and_clock() -> (&'static str, f64) {
    static ONCE: std::sync::OnceLock<(String, f64)> = std::sync::OnceLock::new();
    let (browser, resolution) = ONCE.get_or_init(|| {
        let resolution = (js::timer_resolution() * 10_000.0).round() / 10_000.0;
        (browser_name(&js::user_agent()), resolution)
    });
    (browser, *resolution)
}

#[cfg(target_arch = "wasm32")]
pub fn env() -> Env {
    let (browser, timer_resolution_ms) = browser_and_clock();
    Env {
        cross_origin_isolated: js::isolated(),
        hardware_concurrency: js::cores().max(1),
        browser,
        timer_resolution_ms,
    }
}

#[cfg(target_arch = "wasm32")]
pub fn capabilities() -> Capabilities {
    Capabilities {
        env: env(),
        shared_array_buffer: js::sab(),
        secure_context: js::secure(),
        service_worker: js::sw(),
    }
}

/// Natively there is no page: isolation does not apply.
#[cfg(not(target_arch = "wasm32"))]
pub fn env() -> Env {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    Env {
        cross_origin_isolated: false,
        hardware_concurrency: cores as u32,
        browser: "native",
        timer_resolution_ms: native_clock_step_ms(),
    }
}

/// The smallest step `Instant` takes here, measured once.
#[cfg(not(target_arch = "wasm32"))]
fn native_clock_step_ms() -> f64 {
    static ONCE: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    *ONCE.get_or_init(|| {
        let mut best = std::time::Duration::MAX;
        for _ in 0..8 {
            let start = std::time::Instant::now();
            let step = loop {
                let step = start.elapsed();
                if !step.is_zero() {
                    break step;
                }
            };
            best = best.min(step);
        }
        best.as_secs_f64() * 1000.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browsers_are_named_from_their_user_agents() {
        let chromium = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) \
                        HeadlessChrome/156.0.7632.45 Safari/537.36";
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0";
        let safari = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 \
                      (KHTML, like Gecko) Version/19.1 Safari/605.1.15";
        assert_eq!(browser_name(chromium), "Chromium 156");
        assert_eq!(browser_name(firefox), "Firefox 153");
        assert_eq!(browser_name(safari), "Safari 19");
        let webkitgtk = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) \
                         Version/60.5 Safari/605.1.15";
        assert_eq!(browser_name(webkitgtk), "WebKitGTK");
        for (browser, engine) in [
            ("Chromium 156", "V8"),
            ("Firefox 153", "SpiderMonkey"),
            ("Safari 19", "JavaScriptCore"),
            ("WebKitGTK", "JavaScriptCore"),
            ("unknown", "unknown"),
        ] {
            assert_eq!(engine_of(browser), engine);
        }
        assert_eq!(browser_name(""), "unknown");
    }

    #[test]
    fn only_firefox_has_a_fixed_worker_limit() {
        assert_eq!(worker_limit("Firefox 153"), Some(512));
        assert_eq!(worker_limit("Chromium 156"), None);
    }

    #[test]
    fn the_native_clock_steps_forward() {
        let step = env().timer_resolution_ms;
        assert!(step > 0.0 && step < 1.0, "{step}");
    }
}

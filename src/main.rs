//! The page's entry point.

fn main() {
    // `main` runs once per instance of the program: in the page, and in every
    // process worker (each process is an instance with its own memory).
    // Only the page has a window to draw in.
    #[cfg(target_arch = "wasm32")]
    if web_sys::window().is_some() {
        playground::ui::start();
    }
}

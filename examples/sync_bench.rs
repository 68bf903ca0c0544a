//! The primitives' benchmark, natively: prints the figures as JSON.
//! `scripts/bench.sh` runs this beside the browser's and prints a table.
//! (In the browser the same code runs as the page's `playground_bench_sync`.)

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let figures = playground::runtime::executor::block_on(playground::bench::run("native"));
    match figures {
        Ok(figures) => println!(
            "{}",
            serde_json::to_string(&figures).expect("figures serialise")
        ),
        Err(why) => {
            eprintln!("benchmark failed: {why}");
            std::process::exit(1);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

//! The check against real nginx and Redis (`scripts/check-real.sh`; see `realcheck`): prints one row
//! per effect, real beside model, and `N passed, N failed`; exits 1 when a row failed.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use sessionscope::realcheck::cli::{parse, run, USAGE};
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse(&args) {
        Ok(options) => {
            if run(&options) {
                std::process::ExitCode::SUCCESS
            } else {
                std::process::ExitCode::from(1)
            }
        }
        Err(message) => {
            eprintln!("sessionscope-check: {message}\n{USAGE}");
            std::process::ExitCode::from(2)
        }
    }
}

/// Nothing to check in a browser.
#[cfg(target_arch = "wasm32")]
fn main() {}

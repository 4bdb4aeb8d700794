//! A small real application server for `scripts/check-real.sh` (see `realcheck::app`).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use sessionscope::realcheck::app::{serve, AppOptions, USAGE};
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = AppOptions::parse(&args)
        .map_err(|e| format!("{e}\n{USAGE}"))
        .and_then(serve);
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("sessionscope-app: {message}");
            std::process::ExitCode::from(2)
        }
    }
}

/// Nothing to serve in a browser.
#[cfg(target_arch = "wasm32")]
fn main() {}

//! The web app's entry point: Trunk builds this for wasm32.

#[cfg(target_arch = "wasm32")]
fn main() {
    sessionscope::view::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("sessionscope is the web app: build it with trunk (see README.md); the native runner is sessionscope-sim");
}

//! The headless runner (CONTRACT.md): `run SCENARIO.json` and `compare SCENARIO.json`.

fn main() {
    eprintln!("sessionscope-sim: not implemented yet");
    std::process::exit(2);
}

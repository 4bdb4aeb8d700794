//! The headless runner as a child process, for the tests that run the binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Run `sessionscope-sim` with `args`, `stdin` on its standard input; its exit status and output.
pub fn runner(args: &[&str], stdin: impl AsRef<[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sessionscope-sim"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the runner starts");
    let mut pipe = child.stdin.take().expect("a pipe to the runner");
    let input = stdin.as_ref().to_vec();
    // Written from a thread: a runner that rejects early may close its input before reading it all.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let output = child.wait_with_output().expect("the runner ends");
    writer.join().expect("the writer ends");
    output
}

//! The headless runner (CONTRACT.md): `run`, `compare` and `hash` of a scenario file, and `config`:
//! the real configuration files for its setup.
//!
//! Output is plain JSON on standard output, identical byte for byte for the same scenario. Every
//! problem (arguments, file, scenario) is one line on standard error and a non-zero exit; the release
//! profile aborts on panic, so nothing in here may panic on any input: no `unwrap`, no `println!`
//! (which panics when standard output is closed early).

use sessionscope::model::Report;
use sessionscope::scenario::{compare, hash_hex, Scenario};
use std::ffi::OsString;
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str =
    "usage: sessionscope-sim run|compare|hash SCENARIO.json   ('-' reads standard input)
or: sessionscope-sim config SCENARIO.json --format nginx|haproxy|tomcat|spring-session|redis [--lang en|ko]";

/// Largest scenario file read: far above any real one, small enough to never exhaust memory.
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Exit codes: a bad scenario or file, and bad arguments.
const EXIT_SCENARIO: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    match run(&args) {
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(output.as_bytes())
                .and_then(|()| stdout.flush())
                .is_err()
            {
                // Standard output closed (e.g. `| head`): nothing left to tell anyone.
                return ExitCode::from(EXIT_SCENARIO);
            }
            ExitCode::SUCCESS
        }
        Err((code, message)) => {
            let _ = writeln!(std::io::stderr(), "sessionscope-sim: {message}");
            ExitCode::from(code)
        }
    }
}

type Failure = (u8, String);

fn usage(message: String) -> Failure {
    (
        EXIT_USAGE,
        format!("{message}\n{USAGE}").replace('\n', "; "),
    )
}

fn run(args: &[OsString]) -> Result<String, Failure> {
    let command = args.first().map(|a| a.to_string_lossy().into_owned());
    match command.as_deref() {
        None => Err(usage("missing command".to_string())),
        Some("help" | "-h" | "--help") => Ok(format!("{USAGE}\n")),
        Some(name @ ("run" | "compare" | "hash")) => {
            let path = match args.get(1..) {
                Some([path]) => path,
                Some([]) | None => {
                    return Err(usage(format!(
                        "{name} needs a scenario file (or - for standard input)"
                    )))
                }
                Some([_, extra, ..]) => {
                    return Err(usage(format!(
                        "unexpected argument {}",
                        shown(&extra.to_string_lossy())
                    )))
                }
            };
            let scenario = load(path)?;
            Ok(match name {
                "run" => metrics_json(&scenario.run())?,
                "compare" => compare_json(&scenario)?,
                _ => format!(
                    "{{\"history_hash\":\"{}\"}}",
                    hash_hex(scenario.history_hash())
                ),
            } + "\n")
        }
        Some("config") => config_text(&args[1..]),
        Some(other) => Err(usage(format!("unknown command {}", shown(other)))),
    }
}

/// A piece of user text for a one-line message.
fn shown(text: &str) -> String {
    sessionscope::scenario::error::quote(text)
}

fn load(path: &OsString) -> Result<Scenario, Failure> {
    let name = if path == "-" {
        "standard input".to_string()
    } else {
        shown(&path.to_string_lossy())
    };
    let fail = |message: String| (EXIT_SCENARIO, format!("{name}: {message}"));
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| fail(format!("cannot read: {}", io_reason(&e))))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(format!(
            "larger than {} MiB; not a scenario file",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let text = String::from_utf8(bytes).map_err(|_| fail("not UTF-8 text".to_string()))?;
    Scenario::from_json(&text).map_err(|e| fail(e.to_string()))
}

/// The reason without the OS error number, so messages read the same everywhere.
fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string().replace('\n', " "),
    }
}

fn metrics_json(report: &Report) -> Result<String, Failure> {
    serde_json::to_string(report).map_err(|e| (EXIT_SCENARIO, format!("cannot write metrics: {e}")))
}

#[derive(serde::Serialize)]
struct CompareRow<'a> {
    strategy: &'static str,
    metrics: &'a Report,
}

fn compare_json(scenario: &Scenario) -> Result<String, Failure> {
    let results = compare(scenario);
    let rows: Vec<CompareRow> = results
        .iter()
        .map(|(strategy, report)| CompareRow {
            strategy: strategy.name(),
            metrics: report,
        })
        .collect();
    serde_json::to_string(&rows).map_err(|e| (EXIT_SCENARIO, format!("cannot write metrics: {e}")))
}

/// `config SCENARIO.json --format FORMAT [--lang en|ko]`: the real configuration for the scenario's
/// setup, exactly as the page's `config` panel shows it.
fn config_text(args: &[OsString]) -> Result<String, Failure> {
    use sessionscope::realworld::{sample_text, Format, Lang};
    let formats = Format::ALL.map(Format::name).join(", ");
    let mut path = None;
    let mut format = None;
    let mut lang = Lang::En;
    let mut rest = args.iter().map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = rest.next() {
        let (option, inline) = match arg.split_once('=') {
            Some((option, value)) if option.starts_with("--") => {
                (option.to_string(), Some(value.to_string()))
            }
            _ => (arg.clone(), None),
        };
        match option.as_str() {
            "--format" | "--lang" => {
                let value = inline
                    .or_else(|| rest.next())
                    .ok_or_else(|| usage(format!("{option} needs a value")))?;
                if option == "--format" {
                    format = Some(Format::from_name(&value).ok_or_else(|| {
                        usage(format!(
                            "unknown format {} (one of: {formats})",
                            shown(&value)
                        ))
                    })?);
                } else {
                    lang = Lang::from_code(&value).ok_or_else(|| {
                        usage(format!("unknown language {} (en or ko)", shown(&value)))
                    })?;
                }
            }
            _ if path.is_none() && (arg == "-" || !arg.starts_with('-')) => path = Some(arg),
            _ => return Err(usage(format!("unexpected argument {}", shown(&arg)))),
        }
    }
    let path = path.ok_or_else(|| {
        usage("config needs a scenario file (or - for standard input)".to_string())
    })?;
    let format =
        format.ok_or_else(|| usage(format!("config needs --format (one of: {formats})")))?;
    let scenario = load(&OsString::from(path))?;
    Ok(sample_text(&scenario.config, format, lang))
}

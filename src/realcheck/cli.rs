//! The driver's command line (`sessionscope-check`, run by `scripts/check-real.sh`).

use super::effects;
use super::flags::Flags;
use super::procs::Tools;
use super::table::{medians, render, Row};
use std::path::PathBuf;

pub const USAGE: &str = "usage: sessionscope-check --work DIR [--long] [--seed N] [--only TEXT] \
[--app PATH] [--nginx PATH] [--redis PATH]";

/// Seeds of the long form: three runs per row, medians.
const LONG_SEEDS: [u64; 3] = [1, 2, 3];

#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    pub tools: Tools,
    pub seeds: Vec<u64>,
    /// Only the effects whose name contains this.
    pub only: Option<String>,
}

/// The app server next to this program (`cargo build` puts the two binaries side by side).
fn sibling_app() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("sessionscope-app")))
        .unwrap_or_else(|| PathBuf::from("sessionscope-app"))
}

pub fn parse(args: &[String]) -> Result<Options, String> {
    let mut work = None;
    let mut app = sibling_app();
    let mut nginx = PathBuf::from("nginx");
    let mut redis = PathBuf::from("redis-server");
    let mut seeds = vec![1];
    let mut long = false;
    let mut only = None;
    let mut flags = Flags::new(args);
    while let Some(flag) = flags.next_flag() {
        match flag {
            "--work" => work = Some(PathBuf::from(flags.value(flag)?)),
            "--app" => app = PathBuf::from(flags.value(flag)?),
            "--nginx" => nginx = PathBuf::from(flags.value(flag)?),
            "--redis" => redis = PathBuf::from(flags.value(flag)?),
            "--long" => long = true,
            "--only" => only = Some(flags.value(flag)?),
            "--seed" => seeds = vec![flags.number(flag, "a whole number")?],
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if long {
        seeds = LONG_SEEDS.to_vec();
    }
    Ok(Options {
        tools: Tools {
            app,
            nginx,
            redis,
            work: work.ok_or("--work is missing")?,
        },
        seeds,
        only,
    })
}

/// Run every effect for every seed and print the table (medians when there are several seeds);
/// true when every row passed.
pub fn run(options: &Options) -> bool {
    let mut log = |line: &str| eprintln!("check-real: {line}");
    let runs: Vec<Vec<Row>> = options
        .seeds
        .iter()
        .map(|&seed| effects::run_all(&options.tools, seed, options.only.as_deref(), &mut log))
        .collect();
    let rows = if runs.len() == 1 {
        runs.into_iter().next().unwrap_or_default()
    } else {
        medians(&runs)
    };
    if options.seeds.len() > 1 {
        println!("medians over seeds {:?}", options.seeds);
    }
    print!("{}", render(&rows));
    rows.iter().all(Row::passed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::realcheck::flags::args;

    #[test]
    fn long_form_has_three_seeds_and_bad_input_names_the_flag() {
        let options = parse(&args("--work /tmp/x --long")).unwrap();
        assert_eq!(options.seeds, vec![1, 2, 3]);
        assert_eq!(parse(&args("--work /tmp/x")).unwrap().seeds, vec![1]);
        let err = parse(&args("--work /tmp/x --seed many")).unwrap_err();
        assert!(err.contains("--seed") && err.contains("many"), "{err}");
        assert!(parse(&args("--long")).unwrap_err().contains("--work"));
    }
}

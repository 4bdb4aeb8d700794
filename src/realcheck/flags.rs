//! The command lines of the check's programs (`sessionscope-check`, `sessionscope-app`), read one flag
//! at a time, with one wording for a missing or a bad value.

use std::str::FromStr;

/// The arguments after the program's name: `next_flag` gives each flag, and a flag that takes a value
/// reads it with `value` or `number`.
pub struct Flags<'a> {
    rest: std::slice::Iter<'a, String>,
}

impl<'a> Flags<'a> {
    pub fn new(args: &'a [String]) -> Self {
        Flags { rest: args.iter() }
    }

    pub fn next_flag(&mut self) -> Option<&'a str> {
        self.rest.next().map(String::as_str)
    }

    /// The value that follows `flag`.
    pub fn value(&mut self, flag: &str) -> Result<String, String> {
        self.rest
            .next()
            .cloned()
            .ok_or_else(|| format!("{flag} needs a value"))
    }

    /// The value that follows `flag`, read as a number; `what` names the kind of number expected.
    pub fn number<T: FromStr>(&mut self, flag: &str, what: &str) -> Result<T, String> {
        let text = self.value(flag)?;
        text.parse()
            .map_err(|_| format!("{flag}: {text:?} is not {what}"))
    }
}

/// A command line from its words separated by spaces, for tests.
#[cfg(test)]
pub(crate) fn args(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_or_missing_value_names_the_flag() {
        let words = args("--port x --id");
        let mut flags = Flags::new(&words);
        let port = flags.next_flag().unwrap();
        assert_eq!(
            flags.number::<u16>(port, "a port number"),
            Err("--port: \"x\" is not a port number".to_string())
        );
        let id = flags.next_flag().unwrap();
        assert_eq!(flags.value(id), Err("--id needs a value".to_string()));
        assert_eq!(flags.next_flag(), None);
    }
}

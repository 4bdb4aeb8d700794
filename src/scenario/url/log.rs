//! The share link's `log` parameter: the command log as URL-safe text and back.

use super::{url_value, MAX_LOG_ENTRIES, MAX_TIME};
use crate::model::{Command, Micros};
use crate::scenario::actions::{self, action_coded, ArgError, Args};
use crate::scenario::error::quote;
use crate::scenario::input::{show_fixed, Input, Text};

/// The `log` parameter's text for a command log (see the module comment).
pub fn encode_log(commands: &[(Micros, Command)]) -> String {
    let mut log = String::new();
    for (at, command) in commands {
        if !log.is_empty() {
            log.push('~');
        }
        let (action, values) = actions::encode(command);
        log.push_str(&show_fixed(*at, 3));
        log.push('_');
        log.push_str(action.code);
        for value in values {
            log.push('_');
            log.push_str(&url_value(value));
        }
    }
    log
}

/// One log entry's arguments, by position.
struct LogArgs<'a> {
    action: &'static actions::Action,
    values: Vec<Text<'a>>,
}

impl Args for LogArgs<'_> {
    fn arg(&mut self, name: &'static str) -> Option<&dyn Input> {
        let position = self.action.args.iter().position(|a| a.name == name)?;
        self.values.get(position).map(|v| v as &dyn Input)
    }
}

/// Read a `log` parameter. `servers` is the server count the log starts from: a command naming a
/// server that does not exist at its moment is rejected, as in a scenario timeline.
pub fn decode_log(text: &str, servers: u32) -> Result<Vec<(Micros, Command)>, String> {
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let count = text.split('~').count();
    if count > MAX_LOG_ENTRIES {
        return Err(format!(
            "has {count} commands; at most {MAX_LOG_ENTRIES} are read"
        ));
    }
    let mut commands = Vec::with_capacity(count);
    let mut servers = servers;
    let mut previous: Micros = 0;
    for (index, entry) in text.split('~').enumerate() {
        let problem = |message: String| format!("entry {} {}: {message}", index + 1, quote(entry));
        let mut fields = entry.split('_');
        let at = Text(fields.next().unwrap_or(""))
            .fixed(3, 0, MAX_TIME)
            .map_err(|m| problem(format!("time: {m}")))?;
        if at < previous {
            return Err(problem(
                "earlier than the entry before; entries go in time order".into(),
            ));
        }
        previous = at;
        let code = fields.next().unwrap_or("");
        let Some(action) = action_coded(code) else {
            return Err(problem(format!("unknown command code {}", quote(code))));
        };
        let values: Vec<Text> = fields.map(Text).collect();
        if values.len() != action.args.len() {
            return Err(problem(format!(
                "{} takes {} values, got {}",
                action.code,
                action.args.len(),
                values.len()
            )));
        }
        let command = actions::decode(action, &mut LogArgs { action, values })
            .and_then(|command| actions::check_servers(&command, &mut servers).map(|()| command))
            .map_err(|e| match e {
                ArgError::Missing(arg) => problem(format!("{arg}: missing")),
                ArgError::Bad("do", message) => problem(message),
                ArgError::Bad(arg, message) => problem(format!("{arg}: {message}")),
            })?;
        commands.push((at, command));
    }
    Ok(commands)
}

//! One reading of a value, whether it comes from a JSON scenario file or from URL text, so that both
//! formats accept the same values with the same messages. Every reader checks its range: nothing that
//! passes here can overflow or panic later.

use super::error::quote;
use serde_json::Value;

/// A value as given by a person; the readers return a message saying what was wrong.
pub(crate) trait Input {
    /// A whole number in `min..=max`.
    fn whole(&self, min: u64, max: u64) -> Result<u64, String>;
    /// A finite number in `min..=max`.
    fn real(&self, min: f64, max: f64) -> Result<f64, String>;
    /// A decimal with at most `decimals` fractional digits, as an integer count of `10^-decimals` units
    /// in `min..=max` (those bounds in units too): seconds given, microseconds kept.
    fn fixed(&self, decimals: u32, min: u64, max: u64) -> Result<u64, String>;
    /// A name (an enum value); the caller checks which names exist.
    fn word(&self) -> Result<&str, String>;
    fn flag(&self) -> Result<bool, String>;
}

fn out_of_range(min: impl std::fmt::Display, max: impl std::fmt::Display, got: &str) -> String {
    format!("must be between {min} and {max}, got {got}")
}

/// A fixed-point bound in units, shown as the decimal a person would type.
pub(crate) fn show_fixed(units: u64, decimals: u32) -> String {
    let scale = 10u64.pow(decimals);
    let whole = units / scale;
    let frac = units % scale;
    if frac == 0 {
        return whole.to_string();
    }
    let digits = format!("{frac:0width$}", width = decimals as usize);
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

/// Short description of a JSON value for a message; never the whole of a large list or object.
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => quote_plain(&n.to_string()),
        Value::String(s) => format!("the text {}", quote(s)),
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

/// A number's text, cut like `quote` but without quotes.
fn quote_plain(text: &str) -> String {
    let quoted = quote(text);
    quoted.replacen('"', "", 2)
}

impl Input for Value {
    fn whole(&self, min: u64, max: u64) -> Result<u64, String> {
        let Value::Number(n) = self else {
            return Err(format!("expected a whole number, got {}", describe(self)));
        };
        let shown = quote_plain(&n.to_string());
        let value = if let Some(u) = n.as_u64() {
            u
        } else if n.as_i64().is_some() {
            return Err(format!("must not be negative, got {shown}"));
        } else {
            let f = n.as_f64().unwrap_or(f64::NAN);
            if !f.is_finite() {
                return Err(format!("expected a whole number, got {shown}"));
            }
            if f < 0.0 {
                return Err(format!("must not be negative, got {shown}"));
            }
            if f.fract() != 0.0 {
                return Err(format!("must be a whole number, got {shown}"));
            }
            // Whole floats (`3.0`, `1e3`) are fine; the bound keeps the conversion exact.
            if f >= u64::MAX as f64 || f > max as f64 {
                return Err(out_of_range(min, max, &shown));
            }
            f as u64
        };
        if value < min || value > max {
            return Err(out_of_range(min, max, &shown));
        }
        Ok(value)
    }

    fn real(&self, min: f64, max: f64) -> Result<f64, String> {
        let Value::Number(n) = self else {
            return Err(format!("expected a number, got {}", describe(self)));
        };
        let shown = quote_plain(&n.to_string());
        match n.as_f64() {
            Some(f) if f.is_finite() && f >= min && f <= max => Ok(f),
            _ => Err(out_of_range(min, max, &shown)),
        }
    }

    fn fixed(&self, decimals: u32, min: u64, max: u64) -> Result<u64, String> {
        let Value::Number(n) = self else {
            return Err(format!("expected a number, got {}", describe(self)));
        };
        let shown = quote_plain(&n.to_string());
        let range = || out_of_range(show_fixed(min, decimals), show_fixed(max, decimals), &shown);
        let scale = 10u64.pow(decimals);
        let units = if let Some(u) = n.as_u64() {
            u.checked_mul(scale).ok_or_else(range)?
        } else {
            let f = n.as_f64().unwrap_or(f64::NAN);
            if !f.is_finite() || f < 0.0 {
                return Err(if f < 0.0 {
                    format!("must not be negative, got {shown}")
                } else {
                    range()
                });
            }
            let scaled = (f * scale as f64).round();
            if scaled >= u64::MAX as f64 || scaled > max as f64 {
                return Err(range());
            }
            scaled as u64
        };
        if units < min || units > max {
            return Err(range());
        }
        Ok(units)
    }

    fn word(&self) -> Result<&str, String> {
        match self {
            Value::String(s) => Ok(s),
            other => Err(format!(
                "expected a name in quotes, got {}",
                describe(other)
            )),
        }
    }

    fn flag(&self) -> Result<bool, String> {
        match self {
            Value::Bool(b) => Ok(*b),
            other => Err(format!("expected true or false, got {}", describe(other))),
        }
    }
}

/// A value from URL text (already percent-decoded).
pub(crate) struct Text<'a>(pub &'a str);

/// Longest number text worth reading: anything longer is out of every range.
const MAX_NUMBER_CHARS: usize = 40;

impl Text<'_> {
    fn shown(&self) -> String {
        quote(self.0)
    }

    fn nonempty(&self) -> Result<&str, String> {
        if self.0.is_empty() {
            Err("is empty".to_string())
        } else {
            Ok(self.0)
        }
    }
}

impl Input for Text<'_> {
    fn whole(&self, min: u64, max: u64) -> Result<u64, String> {
        let text = self.nonempty()?;
        let range = || out_of_range(min, max, &self.shown());
        if let Some(rest) = text.strip_prefix('-') {
            if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
                return Err(format!("must not be negative, got {}", self.shown()));
            }
        }
        if !text.bytes().all(|b| b.is_ascii_digit()) {
            if text.bytes().all(|b| b.is_ascii_digit() || b == b'.') && text.contains('.') {
                return Err(format!("must be a whole number, got {}", self.shown()));
            }
            return Err(format!("expected a whole number, got {}", self.shown()));
        }
        // Only digits here: parsing fails only when the number is too large for a u64.
        let value: u64 = text.parse().map_err(|_| range())?;
        if value < min || value > max {
            return Err(range());
        }
        Ok(value)
    }

    fn real(&self, min: f64, max: f64) -> Result<f64, String> {
        let text = self.nonempty()?;
        let parsed = if text.len() <= MAX_NUMBER_CHARS {
            crate::number::parse_f64(text)
        } else {
            None
        };
        match parsed {
            None => Err(format!("expected a number, got {}", self.shown())),
            Some(f) if f.is_finite() && f >= min && f <= max => Ok(f),
            Some(_) => Err(out_of_range(min, max, &self.shown())),
        }
    }

    fn fixed(&self, decimals: u32, min: u64, max: u64) -> Result<u64, String> {
        let text = self.nonempty()?;
        let range = || {
            out_of_range(
                show_fixed(min, decimals),
                show_fixed(max, decimals),
                &self.shown(),
            )
        };
        if text.starts_with('-') {
            return Err(format!("must not be negative, got {}", self.shown()));
        }
        let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
        let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits_only(whole) || !digits_only(frac) || text.ends_with('.') {
            return Err(format!("expected a number, got {}", self.shown()));
        }
        if frac.len() > decimals as usize {
            return Err(format!(
                "at most {decimals} digits after the point, got {}",
                self.shown()
            ));
        }
        // The digits with the fraction padded to `decimals` places are the count of units; too many for
        // a u64 is out of range.
        let units: u64 = format!("{whole}{frac:0<width$}", width = decimals as usize)
            .parse()
            .map_err(|_| range())?;
        if units < min || units > max {
            return Err(range());
        }
        Ok(units)
    }

    fn word(&self) -> Result<&str, String> {
        self.nonempty()
    }

    fn flag(&self) -> Result<bool, String> {
        match self.0 {
            "1" | "true" => Ok(true),
            "0" | "false" => Ok(false),
            _ => Err(format!("expected 1 or 0, got {}", self.shown())),
        }
    }
}

/// Pick one of an enum's names, or say which names exist.
pub(crate) fn pick<T: Copy>(
    input: &dyn Input,
    all: &[T],
    name: fn(T) -> &'static str,
    what: &str,
) -> Result<T, String> {
    let given = input.word()?;
    all.iter()
        .copied()
        .find(|&v| name(v) == given)
        .ok_or_else(|| {
            let names: Vec<&str> = all.iter().map(|&v| name(v)).collect();
            format!(
                "unknown {what} {}; expected one of: {}",
                quote(given),
                names.join(", ")
            )
        })
}

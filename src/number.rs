//! Names for std's float formatting, kept so that callers across the crate read alike. Each function is
//! exactly the `format!` it names; new code may as well write the `format!` itself. And the one reader of
//! decimal text into a float, `parse_f64`.

use std::fmt::Write;

/// `format!("{v}")`: shortest round-trip digits, never an exponent ("0.0001", "12.5", "-0", "NaN").
pub fn f64_text(v: f64) -> String {
    format!("{v}")
}

/// `format!("{v:?}")`: like `{}`, but whole numbers keep ".0" and very small or large ones use an
/// exponent ("1e-5").
pub fn f64_debug_text(v: f64) -> String {
    format!("{v:?}")
}

/// `format!("{v:.decimals$}")`: rounded to `decimals` places, ties to even.
pub fn fixed(v: f64, decimals: u32) -> String {
    format!("{v:.*}", decimals as usize)
}

/// Append `format!("{v:.decimals$}")` to `out`.
pub fn write_fixed(out: &mut String, v: f64, decimals: u32) {
    // Writing to a String cannot fail.
    let _ = write!(out, "{v:.*}", decimals as usize);
}

/// A number's text (`"0.05"`, `"-1"`, `"2.5e3"`) read to the nearest `f64`, or `None` when it is not
/// one: only digits, `.`, `-`, `+`, `e` and `E` are accepted (so never `inf`, `NaN`, hex or spaces), and
/// the whole text must be the number.
///
/// Natively this is `str::parse::<f64>`. In the browser it is the engine's own `Number(text)`, the
/// ECMAScript number reader: for these characters it accepts the same texts and rounds to nearest like
/// std (the table in `tests/number_parse.rs`, run natively and in Chromium, includes a 36-digit text that
/// only a correctly rounding reader gets right). The page then carries no decimal-to-binary converter of
/// its own: std's costs 15 KB of the page's gzip, mostly a table of powers of five that barely
/// compresses. So code compiled into the page reads numbers with this function or, from an `<input>`,
/// with the DOM's `value_as_number`; one `str::parse::<f64>` there brings std's converter back.
pub fn parse_f64(text: &str) -> Option<f64> {
    let plain = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    if !plain {
        return None;
    }
    #[cfg(target_arch = "wasm32")]
    {
        // Unary `+` is JS's ToNumber: the whole string or NaN (a lone `.` or `-` is NaN too).
        let n = wasm_bindgen::JsValue::from_str(text).unchecked_into_f64();
        (!n.is_nan()).then_some(n)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.parse().ok()
    }
}

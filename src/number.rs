//! Names for std's float formatting, kept so that callers across the crate read alike. Each function is
//! exactly the `format!` it names; new code may as well write the `format!` itself.

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

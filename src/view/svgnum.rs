//! Fast number writing for SVG path data: one decimal, through integer formatting (float formatting is
//! several times slower, and path data is rebuilt for hundreds of arrows every frame).

use std::fmt::Write;

/// Append `v` with at most one decimal ("12", "12.5", "-0.5").
pub fn push(out: &mut String, v: f64) {
    let tenths = (v * 10.0).round() as i64;
    if tenths < 0 {
        out.push('-');
    }
    let abs = tenths.unsigned_abs();
    let _ = write!(out, "{}", abs / 10);
    let frac = abs % 10;
    if frac != 0 {
        out.push('.');
        out.push((b'0' + frac as u8) as char);
    }
}

/// Append a path command letter followed by numbers separated by spaces: `cmd(d, 'M', &[x, y])`.
pub fn cmd(out: &mut String, letter: char, values: &[f64]) {
    out.push(letter);
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        push(out, *v);
    }
}

/// `v` as a one-decimal string (attribute values).
pub fn fmt(v: f64) -> String {
    let mut s = String::new();
    push(&mut s, v);
    s
}

//! `f64` to text exactly as Rust's `{}`, `{:?}` and `{:.N}` write it, without core's float formatting
//! (Grisu, Dragon4, its big integers and tables: about 13 KB gzip of the page, issue 4's size budget).
//! The shortest round-trip digits come from `ryu` (already linked through `serde_json`); the layout and
//! the fixed-decimal rounding are done here. tests/number_text.rs compares every function with `format!`
//! on random bit patterns. Shared by the model (history hash text), the scenario codecs and the view,
//! so it lives beside them and depends on nothing of theirs.

/// Shortest round-trip decimal digits of a finite, non-zero magnitude: `digits` without leading or
/// trailing zeros, and `point` such that the value is `0.digits × 10^point`.
struct Shortest {
    buffer: [u8; 17],
    len: usize,
    point: i32,
}

impl Shortest {
    fn of(magnitude: f64) -> Shortest {
        let mut ryu = ryu::Buffer::new();
        // Ryu's layout: "12.5", "0.00125", "125000.0", "1.25e-7", "1e16".
        let text = ryu.format_finite(magnitude).as_bytes();
        let (mantissa, exponent) = match text.iter().position(|&b| b == b'e') {
            Some(at) => (&text[..at], parse_exponent(&text[at + 1..])),
            None => (mantissa_only(text), 0),
        };
        let mut shortest = Shortest {
            buffer: [0; 17],
            len: 0,
            point: exponent,
        };
        let mut before_point = true;
        for &b in mantissa {
            if b == b'.' {
                before_point = false;
            } else if shortest.len == 0 && b == b'0' {
                // A leading zero: the point moves left past it when it is after the point.
                if !before_point {
                    shortest.point -= 1;
                }
            } else {
                shortest.buffer[shortest.len] = b;
                shortest.len += 1;
                if before_point {
                    shortest.point += 1;
                }
            }
        }
        while shortest.len > 1 && shortest.buffer[shortest.len - 1] == b'0' {
            shortest.len -= 1;
        }
        // Two shortest candidates equally near the exact value: Ryu takes the even one, std the upper.
        // Ryu's last digit is then even and not zero, so adding one never carries.
        if shortest.is_lower_of_tie(magnitude) {
            shortest.buffer[shortest.len - 1] += 1;
        }
        shortest
    }

    /// Whether the exact value of `magnitude` is `digits` + ½ in the last digit's place.
    fn is_lower_of_tie(&self, magnitude: f64) -> bool {
        let last = self.buffer[self.len - 1];
        if !(b'2'..=b'8').contains(&last) || last % 2 == 1 {
            return false;
        }
        let digits = self
            .digits()
            .iter()
            .fold(0u128, |acc, &d| acc * 10 + u128::from(d - b'0'));
        // The candidate as odd / 2 × 10^k, against the value as odd_mantissa × 2^binary.
        let odd = 2 * digits + 1;
        let k = self.point - self.len as i32;
        let (mantissa, exponent) = decode(magnitude);
        let zeros = mantissa.trailing_zeros();
        let odd_mantissa = u128::from(mantissa >> zeros);
        let binary = exponent + zeros as i32;
        // Equal means odd_mantissa × 2^(binary + 1) = odd × 5^k × 2^k: the odd parts and the powers of two
        // must match separately. 5^27 already exceeds anything a 17-digit candidate can be.
        if k.unsigned_abs() > 27 || binary + 1 != k {
            return false;
        }
        let five_k = 5u128.pow(k.unsigned_abs());
        if k >= 0 {
            odd_mantissa == odd * five_k
        } else {
            odd_mantissa * five_k == odd
        }
    }

    fn digits(&self) -> &[u8] {
        &self.buffer[..self.len]
    }

    /// Plain positional form, `{}` style: "0.00125", "12.5", "125000"; `.0` added to whole numbers when
    /// `always_fraction` (`{:?}` style).
    fn write_positional(&self, out: &mut String, always_fraction: bool) {
        let digits = self.digits();
        let n = digits.len() as i32;
        if self.point <= 0 {
            out.push_str("0.");
            push_zeros(out, -self.point);
            push_ascii(out, digits);
        } else if self.point < n {
            let (whole, fraction) = digits.split_at(self.point as usize);
            push_ascii(out, whole);
            out.push('.');
            push_ascii(out, fraction);
        } else {
            push_ascii(out, digits);
            push_zeros(out, self.point - n);
            if always_fraction {
                out.push_str(".0");
            }
        }
    }

    /// Scientific form, `{:?}` style for tiny and huge values: "1e-7", "1.25e16".
    fn write_scientific(&self, out: &mut String) {
        let digits = self.digits();
        push_ascii(out, &digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            push_ascii(out, &digits[1..]);
        }
        out.push('e');
        push_integer(out, self.point - 1);
    }
}

/// Ryu writes "1.0" for whole numbers below 1e16: drop the ".0" so only significant digits remain.
fn mantissa_only(text: &[u8]) -> &[u8] {
    text.strip_suffix(b".0").unwrap_or(text)
}

fn parse_exponent(text: &[u8]) -> i32 {
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    let magnitude = digits
        .iter()
        .fold(0i32, |acc, &d| acc * 10 + i32::from(d - b'0'));
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

fn push_ascii(out: &mut String, bytes: &[u8]) {
    out.extend(bytes.iter().map(|&b| char::from(b)));
}

fn push_zeros(out: &mut String, count: i32) {
    for _ in 0..count {
        out.push('0');
    }
}

/// An integer in decimal, without the integer `Display` machinery's padding support.
fn push_integer(out: &mut String, value: i32) {
    if value < 0 {
        out.push('-');
    }
    push_unsigned(out, u64::from(value.unsigned_abs()), 1);
}

/// `value` in decimal with at least `min_digits` digits (zero-padded on the left).
fn push_unsigned(out: &mut String, mut value: u64, min_digits: u32) {
    let mut buffer = [b'0'; 20];
    let mut start = buffer.len();
    while value > 0 {
        start -= 1;
        buffer[start] = b'0' + (value % 10) as u8;
        value /= 10;
    }
    let start = start.min(buffer.len().saturating_sub(min_digits as usize));
    push_ascii(out, &buffer[start..]);
}

/// NaN and the infinities as every float format writes them; `true` if `v` was one of them.
fn write_non_finite(out: &mut String, v: f64) -> bool {
    if v.is_nan() {
        out.push_str("NaN");
    } else if v.is_infinite() {
        out.push_str(if v < 0.0 { "-inf" } else { "inf" });
    } else {
        return false;
    }
    true
}

/// Append `v` as `format!("{v}")` writes it: shortest round-trip digits, never an exponent ("0.0001",
/// "12.5", "10000000000000000", "-0", "NaN", "inf").
pub fn write_f64(out: &mut String, v: f64) {
    if write_non_finite(out, v) {
        return;
    }
    if v.is_sign_negative() {
        out.push('-');
    }
    if v == 0.0 {
        out.push('0');
    } else {
        Shortest::of(v.abs()).write_positional(out, false);
    }
}

/// `format!("{v}")` (`v.to_string()`).
pub fn f64_text(v: f64) -> String {
    let mut out = String::new();
    write_f64(&mut out, v);
    out
}

/// Append `v` as `format!("{v:?}")` writes it: like `{}` but whole numbers keep ".0", and magnitudes
/// below 1e-4 or from 1e16 up use the exponent form ("1e-5", "1.5e16").
pub fn write_f64_debug(out: &mut String, v: f64) {
    if write_non_finite(out, v) {
        return;
    }
    if v.is_sign_negative() {
        out.push('-');
    }
    let magnitude = v.abs();
    if magnitude == 0.0 {
        out.push_str("0.0");
    } else if !(1e-4..1e16).contains(&magnitude) {
        Shortest::of(magnitude).write_scientific(out);
    } else {
        Shortest::of(magnitude).write_positional(out, true);
    }
}

/// `format!("{v:?}")`.
pub fn f64_debug_text(v: f64) -> String {
    let mut out = String::new();
    write_f64_debug(&mut out, v);
    out
}

/// Append `v` as `format!("{v:.decimals$}")` writes it for `decimals` up to 3: the exact binary value
/// rounded to that many decimals, ties to even (as std does), a "-" kept on negative values that round to
/// zero ("-0.0").
pub fn write_fixed(out: &mut String, v: f64, decimals: u32) {
    debug_assert!(decimals <= 3, "10^decimals × mantissa must fit in a u64");
    if write_non_finite(out, v) {
        return;
    }
    if v.is_sign_negative() {
        out.push('-');
    }
    let (mantissa, exponent) = decode(v);
    let scaled = mantissa * 10u64.pow(decimals); // < 2^53 × 1000 < 2^63
    if exponent >= 0 {
        // A whole number: exact digits, then zeros for the decimals.
        push_big_unsigned(out, mantissa, exponent as u32);
        if decimals > 0 {
            out.push('.');
            push_zeros(out, decimals as i32);
        }
        return;
    }
    let shift = exponent.unsigned_abs();
    let rounded = if shift >= 64 {
        // Below 2^63 / 2^64: less than half a unit of the last decimal, so it rounds to zero.
        0
    } else {
        let quotient = scaled >> shift;
        let remainder = scaled & ((1u64 << shift) - 1);
        let half = 1u64 << (shift - 1);
        let up = remainder > half || (remainder == half && quotient & 1 == 1);
        quotient + u64::from(up)
    };
    let unit = 10u64.pow(decimals);
    push_unsigned(out, rounded / unit, 1);
    if decimals > 0 {
        out.push('.');
        push_unsigned(out, rounded % unit, decimals);
    }
}

/// A finite `v` as `mantissa × 2^exponent` = |v| exactly.
fn decode(v: f64) -> (u64, i32) {
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    }
}

/// `format!("{v:.decimals$}")` for `decimals` up to 3.
pub fn fixed(v: f64, decimals: u32) -> String {
    let mut out = String::new();
    write_fixed(&mut out, v, decimals);
    out
}

/// `mantissa × 2^shift` in decimal, for whole floats of any size (up to about 1.8e308).
fn push_big_unsigned(out: &mut String, mantissa: u64, shift: u32) {
    if shift <= 11 {
        // mantissa < 2^53: fits a u64.
        push_unsigned(out, mantissa << shift, 1);
        return;
    }
    // Little-endian base-2^32 limbs, shifted; then read out nine decimal digits at a time.
    let mut limbs = vec![0u32; (shift / 32) as usize];
    let wide = u128::from(mantissa) << (shift % 32);
    limbs.extend([wide as u32, (wide >> 32) as u32, (wide >> 64) as u32]);
    let mut chunks = Vec::new();
    while limbs.iter().any(|&limb| limb != 0) {
        let mut remainder = 0u64;
        for limb in limbs.iter_mut().rev() {
            let current = (remainder << 32) | u64::from(*limb);
            *limb = (current / 1_000_000_000) as u32;
            remainder = current % 1_000_000_000;
        }
        chunks.push(remainder);
        while limbs.last() == Some(&0) {
            limbs.pop();
        }
    }
    let mut chunks = chunks.into_iter().rev();
    push_unsigned(out, chunks.next().unwrap_or(0), 1);
    for chunk in chunks {
        push_unsigned(out, chunk, 9);
    }
}

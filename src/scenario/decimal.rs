//! Decimal text to `f64`, correctly rounded: the same value as `str::parse::<f64>` for every text (tests
//! compare the two), without its 11 KB table of powers of five (issue 4's size budget: the page reads a
//! handful of decimals from its URL and controls). Exact big-integer long division: slow for long texts,
//! but the page parses a few short numbers.

/// `str::parse::<f64>` with the same grammar (`[+-]` then `12`, `1.5`, `.5`, `1.`, an `e`/`E` exponent,
/// or `inf`, `infinity`, `nan` in any case) and the same correctly rounded result; `None` where `parse`
/// fails.
pub fn parse_f64(text: &str) -> Option<f64> {
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let magnitude = if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        f64::INFINITY
    } else if body.eq_ignore_ascii_case("nan") {
        f64::NAN
    } else {
        let (digits, exponent) = read_decimal(body)?;
        round_to_f64(&digits, exponent)
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// Most significant digit first, with leading zeros dropped, and the power of ten that scales them:
/// `12.5e1` is (`125`, 0). `None` if the text is not a decimal.
fn read_decimal(body: &str) -> Option<(Vec<u8>, i64)> {
    let (mantissa, exponent_text) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let (whole, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && frac.is_empty()) || !all_digits(whole) || !all_digits(frac) {
        return None;
    }
    let mut exponent: i64 = 0;
    if let Some(text) = exponent_text {
        let (sign, digits) = match text.as_bytes().first() {
            Some(b'-') => (-1, &text[1..]),
            Some(b'+') => (1, &text[1..]),
            _ => (1, text),
        };
        if digits.is_empty() || !all_digits(digits) {
            return None;
        }
        // Saturate: far beyond ±400 every value is infinite or zero anyway.
        for b in digits.bytes() {
            exponent = (exponent * 10 + i64::from(b - b'0')).min(1_000_000);
        }
        exponent *= sign;
    }
    let digits: Vec<u8> = whole
        .bytes()
        .chain(frac.bytes())
        .map(|b| b - b'0')
        .skip_while(|&d| d == 0)
        .collect();
    Some((digits, exponent - frac.len() as i64))
}

/// `digits × 10^exponent` rounded to the nearest `f64`, ties to even.
fn round_to_f64(digits: &[u8], exponent: i64) -> f64 {
    if digits.is_empty() {
        return 0.0;
    }
    let magnitude = digits.len() as i64 + exponent; // value < 10^magnitude
    if magnitude > 310 {
        return f64::INFINITY;
    }
    if magnitude < -330 {
        return 0.0;
    }
    // The value as the fraction a / b of two big integers.
    let mut a = Big::from_digits(digits);
    let mut b = Big::one();
    for _ in 0..exponent.unsigned_abs() {
        if exponent > 0 {
            a.mul_small(10);
        } else {
            b.mul_small(10);
        }
    }
    // Scale so that b <= a < 2b: the value is then (a / b) × 2^k.
    let mut k = a.bits() as i64 - b.bits() as i64;
    if k >= 0 {
        b.shl(k as usize);
    } else {
        a.shl((-k) as usize);
    }
    if a.less_than(&b) {
        a.shl(1);
        k -= 1;
    }
    if k > 1023 {
        return f64::INFINITY;
    }
    // Significant bits: 53, fewer for a subnormal; none left means below half the smallest subnormal.
    let bits = if k >= -1022 { 53 } else { k + 1075 };
    if bits < 0 {
        return 0.0;
    }
    let mut q: u64 = 0;
    for _ in 0..bits {
        q <<= 1;
        if !a.less_than(&b) {
            a.sub(&b);
            q |= 1;
        }
        a.shl(1);
    }
    // The next bit decides, the rest breaks a tie.
    let half = !a.less_than(&b);
    if half {
        a.sub(&b);
    }
    if half && (!a.is_zero() || q & 1 == 1) {
        q += 1;
    }
    // q × 2^(k - bits + 1) is exact (or overflows to infinity when rounding carried past the largest).
    q as f64 * power_of_two(k - bits + 1)
}

/// 2^e for e in -1074..=971, exactly.
fn power_of_two(e: i64) -> f64 {
    if e >= -1022 {
        f64::from_bits(((e + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (e + 1074))
    }
}

/// A non-negative big integer, 32-bit limbs, least significant first.
struct Big(Vec<u32>);

impl Big {
    fn one() -> Big {
        Big(vec![1])
    }

    fn from_digits(digits: &[u8]) -> Big {
        let mut n = Big(vec![0]);
        for &d in digits {
            n.mul_small(10);
            n.add_small(u32::from(d));
        }
        n
    }

    fn mul_small(&mut self, factor: u32) {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn add_small(&mut self, addend: u32) {
        let mut carry = u64::from(addend);
        for limb in &mut self.0 {
            if carry == 0 {
                return;
            }
            let sum = u64::from(*limb) + carry;
            *limb = sum as u32;
            carry = sum >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn trim(&mut self) {
        while self.0.len() > 1 && self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn is_zero(&self) -> bool {
        self.0.iter().all(|&limb| limb == 0)
    }

    fn bits(&self) -> usize {
        let top = self.0.len() - 1;
        top * 32 + (32 - self.0[top].leading_zeros() as usize)
    }

    fn shl(&mut self, by: usize) {
        let (limbs, bits) = (by / 32, by % 32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let next = *limb >> (32 - bits);
                *limb = (*limb << bits) | carry;
                carry = next;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if limbs > 0 {
            self.0.splice(0..0, std::iter::repeat_n(0, limbs));
        }
        self.trim();
    }

    fn less_than(&self, other: &Big) -> bool {
        if self.0.len() != other.0.len() {
            return self.0.len() < other.0.len();
        }
        for (x, y) in self.0.iter().rev().zip(other.0.iter().rev()) {
            if x != y {
                return x < y;
            }
        }
        false
    }

    /// self -= other; the caller guarantees other <= self.
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let diff = i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            *limb = diff.rem_euclid(1 << 32) as u32;
            borrow = i64::from(diff < 0);
        }
        self.trim();
    }
}

#[cfg(test)]
mod tests {
    use super::parse_f64;

    fn same(text: &str) {
        let expected = text.parse::<f64>().ok();
        let got = parse_f64(text);
        match (expected, got) {
            (Some(e), Some(g)) => assert!(
                e.to_bits() == g.to_bits() || (e.is_nan() && g.is_nan()),
                "{text:?}: parse gives {e:?}, parse_f64 {g:?}"
            ),
            (e, g) => assert_eq!(e.is_some(), g.is_some(), "{text:?}: {e:?} vs {g:?}"),
        }
    }

    #[test]
    fn agrees_with_parse_on_hard_and_odd_texts() {
        for text in [
            "0",
            "-0",
            "+0",
            "0.0",
            "1",
            "1.",
            ".5",
            "-.5e-3",
            "1e+5",
            "1E5",
            "12.5e1",
            "0.1",
            "0.2",
            "0.3",
            "0.30000000000000004",
            "1.25",
            "61.5",
            "240",
            "0.05",
            "1000",
            "0.01",
            "9007199254740993",
            "9007199254740992.5",
            "2.2250738585072014e-308",
            "2.2250738585072011e-308",
            "4.9e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1e-400",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1e309",
            "1e999999999999",
            "0e999999999",
            "123456789012345678901234567890",
            "0.000000000000000000000000000001",
            "inf",
            "-Infinity",
            "NaN",
            "",
            "-",
            "+",
            ".",
            "e5",
            "1e",
            "1e+",
            "1.2.3",
            "1-2",
            "--1",
            "1e5.5",
            "0x10",
            " 1",
            "1_000",
        ] {
            same(text);
        }
    }

    #[test]
    fn agrees_with_parse_on_many_values() {
        // A deterministic walk over magnitudes and digit counts (proptest covers random texts in
        // tests/scenario_url.rs).
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..10_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let value = f64::from_bits(x >> 1);
            if value.is_finite() {
                same(&format!("{value}"));
                same(&format!("{value:e}"));
                same(&format!("{:.3e}", value));
            }
            let digits = x % 100_000_000_000_000_000;
            let exponent = (x >> 40) as i64 % 700 - 350;
            same(&format!("{digits}e{exponent}"));
            same(&format!("{}.{}", x % 1000, digits));
        }
    }
}

//! The texts that share links, the CSV, the history hash and the page's read-outs are made of: src/number.rs
//! names std's float formatting, and these known outputs pin what those names must keep writing.

use sessionscope::number::{f64_debug_text, f64_text, fixed, write_fixed};

#[test]
fn display_is_the_shortest_round_trip_without_exponent() {
    for (v, text) in [
        (61.5, "61.5"),
        (240.0, "240"),
        (0.1 + 0.2, "0.30000000000000004"),
        (1.0041322314049588, "1.0041322314049588"),
        (1e16, "10000000000000000"),
        (1e-7, "0.0000001"),
        (-0.0, "-0"),
        (f64::NAN, "NaN"),
        (f64::NEG_INFINITY, "-inf"),
        // Two shortest texts equally near the value: std writes the upper one.
        (f64::from_bits(0x4303_b221_49a7_2e32), "692985074607558.3"),
    ] {
        assert_eq!(f64_text(v), text, "{:#x}", v.to_bits());
    }
}

#[test]
fn debug_keeps_the_point_and_uses_exponents_at_the_extremes() {
    for (v, text) in [
        (1.0, "1.0"),
        (-0.0, "-0.0"),
        (0.1, "0.1"),
        (1e-5, "1e-5"),
        (1.5e16, "1.5e16"),
        (123_456_789.0, "123456789.0"),
    ] {
        assert_eq!(f64_debug_text(v), text, "{:#x}", v.to_bits());
    }
}

#[test]
fn fixed_rounds_the_exact_value_ties_to_even() {
    for (v, decimals, text) in [
        (0.125, 2, "0.12"),
        (0.375, 2, "0.38"),
        (2.5, 0, "2"),
        (1.5, 0, "2"),
        // 0.15 is a little below 0.15 in binary.
        (0.15, 1, "0.1"),
        (-0.04, 1, "-0.0"),
        (61.5, 1, "61.5"),
        (1e21, 1, "1000000000000000000000.0"),
    ] {
        assert_eq!(fixed(v, decimals), text, "{v:?} to {decimals}");
        let mut out = String::from("x=");
        write_fixed(&mut out, v, decimals);
        assert_eq!(out, format!("x={text}"));
    }
}

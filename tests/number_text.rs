//! src/number.rs writes floats without core's float formatting; here every function is compared with
//! `format!` (the text it replaces: share links, CSV, the history hash and the page's numbers must not
//! change) on random bit patterns and on the ranges the page formats.

use proptest::prelude::*;
use sessionscope::number::{f64_debug_text, f64_text, fixed};

fn check(v: f64) {
    assert_eq!(f64_text(v), format!("{v}"), "Display of {:#x}", v.to_bits());
    assert_eq!(
        f64_debug_text(v),
        format!("{v:?}"),
        "Debug of {:#x}",
        v.to_bits()
    );
    for decimals in 0..=3u32 {
        assert_eq!(
            fixed(v, decimals),
            format!("{v:.*}", decimals as usize),
            "{{:.{decimals}}} of {v:?} ({:#x})",
            v.to_bits()
        );
    }
}

#[test]
fn special_values() {
    for v in [
        0.0,
        -0.0,
        f64::NAN,
        -f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MIN_POSITIVE,
        -f64::MIN_POSITIVE,
        f64::from_bits(1),
        f64::from_bits(0x000f_ffff_ffff_ffff),
        f64::MAX,
        f64::MIN,
        f64::EPSILON,
        1.0,
        -1.0,
        0.1,
        0.2 + 0.1,
        1e-4,
        1e-4 * (1.0 - f64::EPSILON),
        9.999999999999999e-5,
        1e16,
        9_999_999_999_999_998.0,
        1e15,
        1e21,
        1e22,
        1e23,
        123_456_789.0,
        2f64.powi(52),
        2f64.powi(53),
        2f64.powi(63),
        2f64.powi(64),
        2f64.powi(64) - 2048.0,
        0.5,
        1.5,
        2.5,
        0.05,
        0.15,
        0.25,
        0.35,
        0.125,
        0.375,
        0.0005,
        0.0015,
        -0.04,
        -0.5,
        -0.0004,
        61.5,
        240.0,
        1e-7,
        5e-324,
        // 692985074607558.25 exactly: two shortest texts equally near, std takes the upper ("…558.3"),
        // Ryu the even one ("…558.2").
        f64::from_bits(0x4303_b221_49a7_2e32),
    ] {
        check(v);
    }
}

#[test]
fn every_power_of_two_and_ten() {
    for e in -1074..=1023 {
        let v = 2f64.powi(e);
        check(v);
        check(-v);
        check(v * 1.5);
    }
    for e in -323..=308 {
        let v: f64 = format!("1e{e}").parse().unwrap();
        check(v);
        check(f64::from_bits(v.to_bits() + 1));
        check(f64::from_bits(v.to_bits() - 1));
    }
}

#[test]
fn ties_of_fixed_decimals_round_to_even() {
    // k/2, k/20, k/200, k/2000: the exactly representable ones are exact ties.
    for k in -4000i32..=4000 {
        for scale in [2.0, 20.0, 200.0, 2000.0, 8.0, 16.0, 1024.0] {
            check(f64::from(k) / scale);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn any_bit_pattern(bits in any::<u64>()) {
        check(f64::from_bits(bits));
    }

    #[test]
    fn subnormals(bits in 0u64..(1u64 << 52), negative in any::<bool>()) {
        let v = f64::from_bits(bits);
        check(if negative { -v } else { v });
    }

    #[test]
    fn whole_numbers(n in any::<i64>(), shift in 0u32..64) {
        check((n >> shift) as f64);
    }

    #[test]
    fn short_decimals(units in -100_000_000i64..100_000_000, decimals in 0i32..8) {
        // The numbers the page writes: milliseconds, ratios, speeds, SVG coordinates, byte sizes.
        check(units as f64 / 10f64.powi(decimals));
    }

    #[test]
    fn page_ranges(v in -2000.0f64..2000.0) {
        check(v);
        check(v / 1024.0);
        check(v * 1e6);
    }

    #[test]
    fn huge_and_tiny(mantissa in 1.0f64..10.0, exponent in -330i32..310) {
        let v: f64 = format!("{mantissa}e{exponent}").parse().unwrap();
        check(v);
    }
}

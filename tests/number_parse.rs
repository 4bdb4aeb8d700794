//! `number::parse_f64` reads the same texts to the same floats natively (std) and in the browser (the
//! engine's `Number`): one table, checked by a native test and by a wasm-bindgen test in Chromium.

use sessionscope::number::parse_f64;

/// Text and the float it must read to (`None`: not a number). The expected values are Rust literals,
/// which the compiler rounds correctly.
const CASES: &[(&str, Option<f64>)] = &[
    ("0.05", Some(0.05)),
    ("0.1", Some(0.1)),
    ("2.5", Some(2.5)),
    ("1000", Some(1000.0)),
    ("-1", Some(-1.0)),
    ("+3", Some(3.0)),
    (".5", Some(0.5)),
    ("5.", Some(5.0)),
    ("1.e5", Some(1e5)),
    ("2.5E-3", Some(2.5e-3)),
    ("1e+2", Some(100.0)),
    ("0.30000000000000004", Some(0.30000000000000004)),
    ("2.2250738585072014e-308", Some(2.2250738585072014e-308)),
    ("9007199254740993", Some(9007199254740993.0)),
    // Halfway between two floats up to the 20th digit, just above it after: reading only 20 digits
    // would round down to even.
    (
        "9007199254740993.00000000000000000001",
        Some(9007199254740994.0),
    ),
    ("1e400", Some(f64::INFINITY)),
    ("-1e400", Some(f64::NEG_INFINITY)),
    ("1e-400", Some(0.0)),
    ("", None),
    (".", None),
    ("-", None),
    ("+", None),
    ("e5", None),
    ("1e", None),
    ("1e+", None),
    ("1-2", None),
    ("--1", None),
    ("1.2.3", None),
    (" 1", None),
    ("1 ", None),
    ("inf", None),
    ("NaN", None),
    ("Infinity", None),
    ("0x10", None),
    ("1_000", None),
];

fn check_every_case() {
    for &(text, expected) in CASES {
        let got = parse_f64(text);
        assert_eq!(
            got.map(f64::to_bits),
            expected.map(f64::to_bits),
            "parse_f64({text:?}) = {got:?}, expected {expected:?}"
        );
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn native_reading_matches_the_table() {
    check_every_case();
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn browser_reading_matches_the_table() {
        super::check_every_case();
    }
}

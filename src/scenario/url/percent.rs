//! Percent-encoding and `application/x-www-form-urlencoded` decoding of query text.

use crate::scenario::error::quote;
use std::fmt::Write;

/// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XX` a byte, and the bytes must be
/// UTF-8. A `%` not followed by two hex digits is an error, not a guess.
pub(super) fn percent_decode(raw: &str) -> Result<String, String> {
    let (bytes, broken) = decode_bytes(raw);
    if let Some(at) = broken {
        let near = String::from_utf8_lossy(&raw.as_bytes()[at..raw.len().min(at + 3)]);
        return Err(format!("has broken percent-encoding near {}", quote(&near)));
    }
    String::from_utf8(bytes).map_err(|_| "is not valid UTF-8 once decoded".to_string())
}

/// Best-effort decoding for naming a parameter whose name itself is broken.
pub(super) fn lossy_decode(raw: &str) -> String {
    String::from_utf8_lossy(&decode_bytes(raw).0).into_owned()
}

/// `+` to a space and `%XX` to its byte; a `%` without two hex digits stays as it is. Also returns
/// where the first such `%` is.
fn decode_bytes(raw: &str) -> (Vec<u8>, Option<usize>) {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut broken = None;
    let mut i = 0;
    while i < bytes.len() {
        // Two hex digits (no sign: `from_str_radix` alone would take "+1").
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 2;
            }
            (b'%', None) => {
                broken = broken.or(Some(i));
                out.push(b'%');
            }
            (b'+', _) => out.push(b' '),
            (b, _) => out.push(b),
        }
        i += 1;
    }
    (out, broken)
}

/// Percent-encode everything but the unreserved characters (RFC 3986).
pub(super) fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::percent_encode;

    #[test]
    fn percent_encode_writes_upper_case_hex_for_every_reserved_byte() {
        let all: String = (0..=127u8).map(char::from).chain(['é', '😀']).collect();
        let expected: String = all
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    char::from(b).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect();
        assert_eq!(percent_encode(&all), expected);
    }
}

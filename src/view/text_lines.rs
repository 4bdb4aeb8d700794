//! Text broken into lines where a box is too narrow for it on one.

/// `text` on two lines, broken at one of its `separator`s (which the break replaces) where the wider
/// line is narrowest by `width`; None without a separator.
pub fn two_lines(text: &str, separator: &str, width: impl Fn(&str) -> f64) -> Option<[String; 2]> {
    text.match_indices(separator)
        .map(|(at, _)| {
            [
                text[..at].to_string(),
                text[at + separator.len()..].to_string(),
            ]
        })
        .min_by(|a, b| {
            let wider = |lines: &[String; 2]| width(&lines[0]).max(width(&lines[1]));
            wider(a).total_cmp(&wider(b))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> f64 {
        s.chars().count() as f64
    }

    #[test]
    fn breaks_at_the_separator_that_makes_the_wider_line_narrowest() {
        let counts = "5 full · 5 backup · 6 orphaned";
        assert_eq!(
            two_lines(counts, " · ", chars),
            Some(["5 full · 5 backup".to_string(), "6 orphaned".to_string()])
        );
        assert_eq!(
            two_lines("12 full · 1 key", " · ", chars),
            Some(["12 full".to_string(), "1 key".to_string()])
        );
        assert_eq!(two_lines("0 sessions", " · ", chars), None);
    }
}

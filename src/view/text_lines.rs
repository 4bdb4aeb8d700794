//! Text broken into lines where a box is too narrow for it on one.

/// `text` on two lines, broken at one of `separators` where the wider line is narrowest by `width`.
/// The break takes the separator up to its last space: " · " goes, " (" leaves its bracket to open
/// the second line. None where `text` has no separator.
pub fn two_lines(
    text: &str,
    separators: &[&str],
    width: impl Fn(&str) -> f64,
) -> Option<[String; 2]> {
    let wider = |lines: &[String; 2]| width(&lines[0]).max(width(&lines[1]));
    separators
        .iter()
        .flat_map(|separator| {
            let dropped = separator.rfind(' ').map_or(0, |space| space + 1);
            text.match_indices(separator)
                .map(move |(at, _)| [text[..at].to_string(), text[at + dropped..].to_string()])
        })
        .min_by(|a, b| wider(a).total_cmp(&wider(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> f64 {
        s.chars().count() as f64
    }

    #[test]
    fn breaks_at_the_separator_that_makes_the_wider_line_narrowest() {
        let breaks = [" · ", " ("];
        let lines = |a: &str, b: &str| Some([a.to_string(), b.to_string()]);
        assert_eq!(
            two_lines("5 full · 5 backup (6 orphaned)", &breaks, chars),
            lines("5 full · 5 backup", "(6 orphaned)")
        );
        assert_eq!(
            two_lines("12 full · 1 key · 2 backup", &breaks, chars),
            lines("12 full · 1 key", "2 backup")
        );
        assert_eq!(
            two_lines("2 full · 3 backup · 1 key (1 orphaned)", &breaks, chars),
            lines("2 full · 3 backup", "1 key (1 orphaned)")
        );
        assert_eq!(two_lines("0 sessions", &breaks, chars), None);
    }
}

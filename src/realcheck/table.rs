//! The check's output: one row per effect (real, model, tolerance, verdict), medians over seeds, and
//! the closing count line.

use std::fmt::Write;

/// One effect measured on the real setup and in the model.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub effect: String,
    pub real: f64,
    pub model: f64,
    /// The largest difference that passes.
    pub tolerance: f64,
    /// Digits after the point when printed.
    pub decimals: usize,
}

impl Row {
    pub fn new(
        effect: impl Into<String>,
        real: f64,
        model: f64,
        tolerance: f64,
        decimals: usize,
    ) -> Row {
        Row {
            effect: effect.into(),
            real,
            model,
            tolerance,
            decimals,
        }
    }

    /// A row that could not be measured (a process did not start, ...): always a failure.
    pub fn broken(effect: impl Into<String>, why: &str) -> Row {
        Row::new(
            format!("{} ({why})", effect.into()),
            f64::NAN,
            f64::NAN,
            0.0,
            2,
        )
    }

    pub fn passed(&self) -> bool {
        // A tiny slack so that a difference printed as equal to the tolerance passes.
        (self.real - self.model).abs() <= self.tolerance + 1e-9
    }
}

/// The median of each row's real and model values over runs of the same rows (one run per seed); the
/// rows of the first run give the names and tolerances.
pub fn medians(runs: &[Vec<Row>]) -> Vec<Row> {
    let Some(first) = runs.first() else {
        return Vec::new();
    };
    first
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let pick = |f: fn(&Row) -> f64| {
                let mut values: Vec<f64> = runs.iter().filter_map(|r| r.get(i)).map(f).collect();
                values.sort_by(f64::total_cmp);
                match values.len() {
                    0 => f64::NAN,
                    n if n % 2 == 1 => values[n / 2],
                    n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
                }
            };
            Row {
                real: pick(|r| r.real),
                model: pick(|r| r.model),
                ..row.clone()
            }
        })
        .collect()
}

fn number(value: f64, decimals: usize) -> String {
    if value.is_nan() {
        "-".to_string()
    } else {
        format!("{value:.decimals$}")
    }
}

/// The table as text: a header, one line per row, and `N passed, N failed`.
pub fn render(rows: &[Row]) -> String {
    let width = rows
        .iter()
        .map(|r| r.effect.chars().count())
        .max()
        .unwrap_or(0)
        .max(6);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<width$}  {:>8}  {:>8}  {:>9}  verdict",
        "effect", "real", "model", "tolerance"
    );
    for row in rows {
        let _ = writeln!(
            out,
            "{:<width$}  {:>8}  {:>8}  {:>9}  {}",
            row.effect,
            number(row.real, row.decimals),
            number(row.model, row.decimals),
            format!("±{}", number(row.tolerance, row.decimals)),
            if row.passed() { "pass" } else { "FAIL" }
        );
    }
    let passed = rows.iter().filter(|r| r.passed()).count();
    let _ = writeln!(out, "{passed} passed, {} failed", rows.len() - passed);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_and_count_line() {
        let rows = vec![
            Row::new("close", 0.51, 0.50, 0.05, 2),
            Row::new("far", 0.30, 0.50, 0.05, 2),
            Row::broken("dead", "nginx did not start"),
        ];
        let text = render(&rows);
        assert!(text.contains("close") && text.contains("pass"));
        assert!(text.contains("FAIL"));
        assert!(text.ends_with("1 passed, 2 failed\n"), "{text}");
    }

    #[test]
    fn medians_take_the_middle_run() {
        let run = |real: f64, model: f64| vec![Row::new("x", real, model, 0.1, 2)];
        let rows = medians(&[run(0.9, 0.1), run(0.5, 0.3), run(0.1, 0.2)]);
        assert_eq!((rows[0].real, rows[0].model), (0.5, 0.2));
    }
}

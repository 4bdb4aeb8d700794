//! A configuration file being written: directives at an indentation, and comments in the chosen
//! language, marked the way the file's format marks them.

use super::Lang;

/// How a format writes a comment.
#[derive(Clone, Copy)]
pub(crate) enum Mark {
    /// `# ...` (nginx, HAProxy, properties, redis.conf).
    Hash,
    /// `<!-- ... -->` (XML). The text must not contain `--`.
    Xml,
}

pub(crate) struct Text {
    out: String,
    pub lang: Lang,
    mark: Mark,
}

impl Text {
    pub fn new(lang: Lang, mark: Mark) -> Text {
        Text {
            out: String::new(),
            lang,
            mark,
        }
    }

    /// One directive line (or several, separated by `\n`) at `indent` levels of four spaces.
    pub fn line(&mut self, indent: usize, directive: &str) {
        for line in directive.lines() {
            push_indent(&mut self.out, indent);
            self.out.push_str(line);
            self.out.push('\n');
        }
    }

    pub fn blank(&mut self) {
        self.out.push('\n');
    }

    /// A comment in the file's language: `en` or `ko`, one output line per `\n`.
    pub fn note(&mut self, indent: usize, en: &str, ko: &str) {
        let text = self.lang.pick(en, ko);
        match self.mark {
            Mark::Hash => {
                for line in text.lines() {
                    push_indent(&mut self.out, indent);
                    self.out.push('#');
                    if !line.is_empty() {
                        self.out.push(' ');
                        self.out.push_str(line);
                    }
                    self.out.push('\n');
                }
            }
            Mark::Xml => {
                let mut lines = text.lines();
                push_indent(&mut self.out, indent);
                self.out.push_str("<!-- ");
                self.out.push_str(lines.next().unwrap_or_default());
                for line in lines {
                    self.out.push('\n');
                    push_indent(&mut self.out, indent);
                    self.out.push_str("     ");
                    self.out.push_str(line);
                }
                self.out.push_str(" -->\n");
            }
        }
    }

    pub fn finish(self) -> String {
        self.out
    }
}

fn push_indent(out: &mut String, indent: usize) {
    for _ in 0..indent {
        out.push_str("    ");
    }
}

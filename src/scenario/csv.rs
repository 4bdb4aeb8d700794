//! The page's "export metrics as CSV": one `metric,value` row per number, named by its path in the
//! runner's JSON (`latency_ms.p50`, `per_server.0.requests`), in the same order, so a spreadsheet and a
//! script read the same names. Built from the serialised `Report`, so every metric the model adds is
//! exported too.

use crate::model::Report;
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use std::fmt::{self, Write};

pub fn report_csv(report: &Report) -> String {
    let mut out = String::from("metric,value\n");
    // A Report is plain numbers, flags and lists: writing and walking its JSON cannot fail; if it ever
    // did, the rows so far are still an honest export.
    if let Ok(json) = serde_json::to_string(report) {
        let mut reader = serde_json::Deserializer::from_str(&json);
        let _ = Rows {
            path: String::new(),
            out: &mut out,
        }
        .deserialize(&mut reader);
    }
    out
}

/// Walks the JSON in document order (a `Value` would sort the keys), writing one row per leaf.
struct Rows<'a> {
    path: String,
    out: &'a mut String,
}

impl Rows<'_> {
    fn child(&self, name: &str) -> String {
        if self.path.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", self.path)
        }
    }

    fn row(self, value: impl fmt::Display) {
        // Writing to a String cannot fail.
        let _ = writeln!(self.out, "{},{value}", self.path);
    }
}

impl<'de> DeserializeSeed<'de> for Rows<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Rows<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("metrics")
    }

    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        self.row(v);
        Ok(())
    }

    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        self.row(v);
        Ok(())
    }

    /// Rust's shortest exact form: `240`, `61.5`.
    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        self.row(v);
        Ok(())
    }

    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        self.row(v);
        Ok(())
    }

    /// serde_json writes an undefined number (NaN: no requests yet) as null: an empty cell.
    fn visit_unit<E>(self) -> Result<(), E> {
        self.row("");
        Ok(())
    }

    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        let quoted = format!("\"{}\"", v.replace('"', "\"\""));
        self.row(quoted);
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let path = self.child(&key);
            map.next_value_seed(Rows {
                path,
                out: &mut *self.out,
            })?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index: u64 = 0;
        loop {
            let path = self.child(&index.to_string());
            let seed = Rows {
                path,
                out: &mut *self.out,
            };
            if seq.next_element_seed(seed)?.is_none() {
                return Ok(());
            }
            index += 1;
        }
    }
}

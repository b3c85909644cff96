//! Reading a YAML scalar through a parser of our own, inside serde's
//! visitor, so that an error raised by the parser is placed by serde_yaml at
//! the scalar itself (raised after the visitor returns, it would be placed
//! at the enclosing mapping).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};

/// Deserializes any scalar (a number or a boolean as its text too, so that
/// `published: 20210110` or `party: 1` reach the friendly message) with `parse`.
pub(crate) fn deserialize_with<'de, D, T, F>(d: D, parse: F) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    F: FnOnce(&str) -> Result<T, String>,
{
    d.deserialize_any(ScalarVisitor {
        parse,
        out: PhantomData,
    })
}

struct ScalarVisitor<F, T> {
    parse: F,
    out: PhantomData<T>,
}

impl<F, T> ScalarVisitor<F, T>
where
    F: FnOnce(&str) -> Result<T, String>,
{
    fn run<E: de::Error>(self, text: &str) -> Result<T, E> {
        (self.parse)(text).map_err(E::custom)
    }
}

impl<F, T> Visitor<'_> for ScalarVisitor<F, T>
where
    F: FnOnce(&str) -> Result<T, String>,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a single value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        self.run(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        self.run(&v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        self.run(&v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        self.run(&v.to_string())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        self.run(&v.to_string())
    }
}

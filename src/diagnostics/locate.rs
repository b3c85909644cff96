//! Finding where a YAML node is, without a second parser.
//!
//! serde_yaml gives positions only with errors, so to place a problem at
//! `notices[2].candidates[1].name` we walk the file again with a
//! `DeserializeSeed` that follows that path and raises an error at the node
//! (or at its key): serde_yaml then reports the node's line and column. Only
//! files with a problem are walked, once per problem. Content uses
//! [`locate_key`] while parsing too, to place a problem at a mapping's key.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{At, FileId, Seg, Sources};

const FOUND: &str = "\u{1}found\u{1}";

/// Line and column (from 1) of a diagnostic's place in its file.
pub(crate) fn resolve_position(sources: &Sources, file: FileId, at: &At) -> (usize, usize) {
    match at {
        At::File => (1, 1),
        At::Pos { line, column } => (*line, *column),
        At::Node { path, key } => {
            let source = sources.get(file);
            let (text, lines_before) = match &source.front_matter {
                Some((range, before)) => (&source.body()[range.clone()], *before),
                None => (source.body(), 0),
            };
            // A node that is not in the file (a missing half of a pair) is
            // placed at its nearest ancestor that is.
            (0..=path.len())
                .rev()
                .find_map(|len| locate(text, &path[..len], *key && len == path.len()))
                .map_or((1, 1), |(l, c)| (l + lines_before, c))
        }
    }
}

/// Line and column (from 1) of the node at `path` in `text`, or of its key
/// when `key` is set. `None` if the path is not in the text.
pub(crate) fn locate(text: &str, path: &[Seg], key: bool) -> Option<(usize, usize)> {
    let de = serde_yaml::Deserializer::from_str(text);
    match (Walk {
        path,
        key,
        named: None,
    })
    .deserialize(de)
    {
        Err(err) if err.to_string().contains(FOUND) => {
            err.location().map(|l| (l.line(), l.column()))
        }
        _ => None,
    }
}

/// Line and column (from 1) of the key `key` of the mapping at `path`.
pub(crate) fn locate_key(text: &str, path: &[Seg], key: &str) -> Option<(usize, usize)> {
    let de = serde_yaml::Deserializer::from_str(text);
    match (Walk {
        path,
        key: false,
        named: Some(key),
    })
    .deserialize(de)
    {
        Err(err) if err.to_string().contains(FOUND) => {
            err.location().map(|l| (l.line(), l.column()))
        }
        _ => None,
    }
}

struct Walk<'p> {
    path: &'p [Seg],
    key: bool,
    /// At the end of the path, a key of the mapping there to raise at.
    named: Option<&'p str>,
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any node")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (wanted, rest, raise_at_key) = match (self.path.split_first(), self.named) {
            (Some((Seg::Key(wanted), rest)), _) => (*wanted, rest, self.key && rest.is_empty()),
            (None, Some(named)) => (named, self.path, true),
            _ => return self.here(),
        };
        while let Some(matched) = map.next_key_seed(KeyMatch {
            wanted,
            raise_at_key,
        })? {
            if matched {
                return map.next_value_seed(Walk {
                    path: rest,
                    key: self.key,
                    named: self.named,
                });
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((Seg::Index(wanted), rest)) = self.path.split_first() else {
            return self.here();
        };
        for _ in 0..*wanted {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        seq.next_element_seed(Walk {
            path: rest,
            key: self.key,
            named: self.named,
        })?;
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.here()
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.here()
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.here()
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.here()
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.here()
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.here()
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.here()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl Walk<'_> {
    /// At the end of the path: raise the marker, so serde_yaml places it here;
    /// on a scalar where the path goes on, the path is not in the file.
    fn here<E: de::Error>(&self) -> Result<(), E> {
        if self.path.is_empty() && !self.key && self.named.is_none() {
            Err(E::custom(FOUND))
        } else {
            Ok(())
        }
    }
}

/// Reads a key and says whether it is the wanted one, raising the marker at
/// it when the problem is about the key itself.
struct KeyMatch<'k> {
    wanted: &'k str,
    raise_at_key: bool,
}

impl<'de> DeserializeSeed<'de> for KeyMatch<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl Visitor<'_> for KeyMatch<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        if v == self.wanted && self.raise_at_key {
            return Err(E::custom(FOUND));
        }
        Ok(v == self.wanted)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Seg::{Index, Key};

    const VILLAGE: &str = "name: { bo: \"ཀ\", zh: \"扎西岗村\" }\nkind: village\nnotices:\n  - slug: a\n    candidates:\n      - name: { bo: x, zh: 扎西 }\n        born: 1990-03\n      - name:\n          bo: y\n          zh: 卓玛\n";

    #[test]
    fn finds_values_and_keys() {
        assert_eq!(locate(VILLAGE, &[Key("kind")], false), Some((2, 7)));
        assert_eq!(
            locate(VILLAGE, &[Key("name"), Key("zh")], false),
            Some((1, 22))
        );
        let person = [
            Key("notices"),
            Index(0),
            Key("candidates"),
            Index(1),
            Key("name"),
        ];
        assert_eq!(locate(VILLAGE, &person, true), Some((8, 9)));
        let zh = [
            Key("notices"),
            Index(0),
            Key("candidates"),
            Index(1),
            Key("name"),
            Key("zh"),
        ];
        assert_eq!(locate(VILLAGE, &zh, false), Some((10, 15)));
        let slug = [Key("notices"), Index(0), Key("slug")];
        assert_eq!(locate(VILLAGE, &slug, true), Some((4, 5)));
        assert_eq!(locate(VILLAGE, &[Key("missing")], false), None);
        let person = [Key("notices"), Index(0), Key("candidates"), Index(0)];
        assert_eq!(locate_key(VILLAGE, &person, "born"), Some((7, 9)));
        assert_eq!(locate_key(VILLAGE, &[], "kind"), Some((2, 1)));
        assert_eq!(locate(VILLAGE, &[Key("notices"), Index(5)], false), None);
    }
}

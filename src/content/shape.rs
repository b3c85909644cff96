//! The shape of each kind of content file, for finding every problem of a
//! file that did not read.
//!
//! A file is first read straight into its typed model: one pass, the usual
//! case. Only when that fails is it parsed into a value tree and walked
//! against its shape here, so that each problem is found at its own node
//! (unknown and missing fields, wrong types, unknown codes, impossible
//! dates) instead of only the first. What a value means stays with the
//! typed model: a leaf's problem is whatever its own `Deserialize` says of
//! it, and a test holds every shape to the fields its type accepts.

use serde::de::DeserializeOwned;
use serde_yaml::Value;

use crate::diagnostics::{NodePath, Seg};

/// Checks one value against the type it must read as.
pub(crate) type Check = fn(&Value) -> Result<(), serde_yaml::Error>;

/// What a node must look like.
pub(crate) enum Shape {
    /// A value read whole by its type (a code, a date, a text pair).
    Leaf(Check),
    /// A mapping with known fields; `whole` reads it as its type, to say
    /// what was expected when the node is not a mapping at all.
    Map {
        /// The fields it may have.
        fields: &'static [Field],
        /// The whole node as its type.
        whole: Check,
    },
    /// A list of items of one shape.
    List {
        /// Each item.
        item: &'static Shape,
        /// The whole node as a list.
        whole: Check,
    },
}

/// A field of a mapping.
pub(crate) struct Field {
    /// Its key.
    pub(crate) key: &'static str,
    /// Whether a mapping without it fails to read.
    pub(crate) required: bool,
    /// Its value.
    pub(crate) shape: &'static Shape,
}

/// Reads `value` as `T`, keeping only whether that worked.
pub(crate) fn check<T: DeserializeOwned>(value: &Value) -> Result<(), serde_yaml::Error> {
    T::deserialize(value).map(drop)
}

/// A required field.
pub(crate) const fn required(key: &'static str, shape: &'static Shape) -> Field {
    Field {
        key,
        required: true,
        shape,
    }
}

/// An optional field.
pub(crate) const fn optional(key: &'static str, shape: &'static Shape) -> Field {
    Field {
        key,
        required: false,
        shape,
    }
}

/// What is wrong at one node.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Wrong {
    /// The value does not read: the reader's error.
    Value(String),
    /// A key the mapping does not have; the node is the mapping.
    UnknownField {
        /// The key as written.
        field: String,
        /// The keys allowed.
        expected: Vec<&'static str>,
    },
    /// A required key is absent; the node is the mapping.
    MissingField(&'static str),
}

/// A problem found by the walk, at the node it concerns.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    /// The node.
    pub(crate) path: NodePath,
    /// What is wrong there.
    pub(crate) wrong: Wrong,
}

/// Every problem of `value` against `shape`, in document order, at most `limit`.
pub(crate) fn walk(value: &Value, shape: &Shape, limit: usize) -> Vec<Found> {
    let mut found = Vec::new();
    let mut path = Vec::new();
    visit(value, shape, &mut path, &mut found, limit);
    found
}

fn visit(value: &Value, shape: &Shape, path: &mut NodePath, found: &mut Vec<Found>, limit: usize) {
    if found.len() >= limit {
        return;
    }
    fn push(found: &mut Vec<Found>, path: &NodePath, wrong: Wrong) {
        found.push(Found {
            path: path.clone(),
            wrong,
        })
    }
    match shape {
        Shape::Leaf(check) => {
            if let Err(err) = check(value) {
                push(found, path, Wrong::Value(err.to_string()));
            }
        }
        Shape::Map { fields, whole } => {
            let Value::Mapping(map) = value else {
                if let Err(err) = whole(value) {
                    push(found, path, Wrong::Value(err.to_string()));
                }
                return;
            };
            for (key, child) in map {
                let Some(field) = key
                    .as_str()
                    .and_then(|k| fields.iter().find(|f| f.key == k))
                else {
                    push(
                        found,
                        path,
                        Wrong::UnknownField {
                            field: key_text(key),
                            expected: fields.iter().map(|f| f.key).collect(),
                        },
                    );
                    continue;
                };
                if child.is_null() && !field.required {
                    continue;
                }
                path.push(Seg::Key(field.key));
                visit(child, field.shape, path, found, limit);
                path.pop();
                if found.len() >= limit {
                    return;
                }
            }
            for field in fields.iter().filter(|f| f.required) {
                if !map.contains_key(field.key) {
                    found.push(Found {
                        path: path.clone(),
                        wrong: Wrong::MissingField(field.key),
                    });
                }
            }
        }
        Shape::List { item, whole } => {
            let Value::Sequence(items) = value else {
                if let Err(err) = whole(value) {
                    push(found, path, Wrong::Value(err.to_string()));
                }
                return;
            };
            for (index, child) in items.iter().enumerate() {
                path.push(Seg::Index(index));
                visit(child, item, path, found, limit);
                path.pop();
                if found.len() >= limit {
                    return;
                }
            }
        }
    }
    found.truncate(limit);
}

/// A mapping key as written, for a message.
fn key_text(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "~".into(),
        _ => "…".into(),
    }
}

/// The keys a type accepts, as its reader names them when it meets a key it
/// does not know: for holding a shape to its type in tests.
#[cfg(test)]
pub(crate) fn accepted_keys<T: DeserializeOwned>() -> Vec<String> {
    let err = serde_yaml::from_str::<T>("__no_such_key__: 1\n")
        .err()
        .expect("an unknown key is refused");
    let message = err.to_string();
    message
        .split("expected ")
        .nth(1)
        .unwrap_or("")
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The keys of a shape's fields, sorted.
#[cfg(test)]
pub(crate) fn keys_of(shape: &Shape) -> Vec<String> {
    let Shape::Map { fields, .. } = shape else {
        return Vec::new();
    };
    let mut keys: Vec<String> = fields.iter().map(|f| f.key.to_owned()).collect();
    keys.sort();
    keys
}

/// The shapes of the content files other than villages (see
/// `village::VILLAGE` for those).
pub(crate) mod files {
    use super::{check, optional, required, Shape};
    use crate::content::announcement::FrontMatter;
    use crate::content::codes::{Digits, Language};
    use crate::content::date::Day;
    use crate::content::model::{
        AreaIndex, CalendarFile, Contact, Holiday, RuleTarget, Rules, SiteConfig, Text,
    };

    pub(crate) static TEXT: Shape = Shape::Leaf(check::<Text>);
    pub(crate) static STRING: Shape = Shape::Leaf(check::<String>);
    pub(crate) static DAY: Shape = Shape::Leaf(check::<Day>);
    pub(crate) static BOOL: Shape = Shape::Leaf(check::<bool>);
    pub(crate) static COUNT: Shape = Shape::Leaf(check::<u32>);
    pub(crate) static STRINGS: Shape = Shape::List {
        item: &STRING,
        whole: check::<Vec<serde::de::IgnoredAny>>,
    };

    /// `contact: { phone, office }`, in `site.yaml` and a village.
    pub(crate) static CONTACT: Shape = Shape::Map {
        fields: &[required("phone", &STRING), required("office", &TEXT)],
        whole: check::<Contact>,
    };

    static RULE_TARGETS: Shape = Shape::List {
        item: &Shape::Leaf(check::<RuleTarget>),
        whole: check::<Vec<serde::de::IgnoredAny>>,
    };

    static RULES: Shape = Shape::Map {
        fields: &[
            optional("min_women", &COUNT),
            optional("min_young", &COUNT),
            optional("young_age", &COUNT),
            optional("require_full_member", &RULE_TARGETS),
            optional("require_party_member", &RULE_TARGETS),
        ],
        whole: check::<Rules>,
    };

    /// `content/site.yaml`.
    pub(crate) static SITE: Shape = Shape::Map {
        fields: &[
            required("title", &TEXT),
            required("region", &TEXT),
            required("base_url", &STRING),
            required(
                "languages",
                &Shape::List {
                    item: &Shape::Leaf(check::<Language>),
                    whole: check::<Vec<serde::de::IgnoredAny>>,
                },
            ),
            optional("timezone", &STRING),
            optional("theme", &STRING),
            optional("digits", &Shape::Leaf(check::<Digits>)),
            optional("contact", &CONTACT),
            optional("rules", &RULES),
        ],
        whole: check::<SiteConfig>,
    };

    static HOLIDAY: Shape = Shape::Map {
        fields: &[
            required("start", &DAY),
            required("end", &DAY),
            required("name", &TEXT),
        ],
        whole: check::<Holiday>,
    };

    /// `content/calendar.yaml`.
    pub(crate) static CALENDAR: Shape = Shape::Map {
        fields: &[
            optional(
                "holidays",
                &Shape::List {
                    item: &HOLIDAY,
                    whole: check::<Vec<serde::de::IgnoredAny>>,
                },
            ),
            optional(
                "workdays",
                &Shape::List {
                    item: &DAY,
                    whole: check::<Vec<serde::de::IgnoredAny>>,
                },
            ),
        ],
        whole: check::<CalendarFile>,
    };

    /// A county's or township's `_index.yaml`.
    pub(crate) static AREA_INDEX: Shape = Shape::Map {
        fields: &[required("name", &TEXT)],
        whole: check::<AreaIndex>,
    };

    /// An announcement's front matter.
    pub(crate) static FRONT_MATTER: Shape = Shape::Map {
        fields: &[
            required("title", &STRING),
            required("date", &DAY),
            optional("draft", &BOOL),
            optional("scope", &STRINGS),
        ],
        whole: check::<FrontMatter>,
    };

    /// Every file shape with the type it stands for, for the tests that hold
    /// them together.
    #[cfg(test)]
    pub(crate) fn all() -> Vec<(&'static Shape, Vec<String>)> {
        use super::accepted_keys;
        vec![
            (&SITE, accepted_keys::<SiteConfig>()),
            (&CALENDAR, accepted_keys::<CalendarFile>()),
            (&HOLIDAY, accepted_keys::<Holiday>()),
            (&AREA_INDEX, accepted_keys::<AreaIndex>()),
            (&FRONT_MATTER, accepted_keys::<FrontMatter>()),
            (&CONTACT, accepted_keys::<Contact>()),
            (&RULES, accepted_keys::<Rules>()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_has_the_fields_of_its_type() {
        let mut all = files::all();
        all.extend(crate::content::village::shapes());
        for (shape, mut accepted) in all {
            accepted.sort();
            assert!(!accepted.is_empty());
            assert_eq!(keys_of(shape), accepted);
        }
    }

    #[test]
    fn the_walk_finds_every_problem_at_its_node() {
        let value: Value = serde_yaml::from_str(
            "title: { bo: x, zh: y }\nregion: 3\nbase_url: u\nlanguages: [bo, fr]\nthme: x\n",
        )
        .unwrap();
        let found = walk(&value, &files::SITE, 50);
        let paths: Vec<_> = found.iter().map(|f| f.path.clone()).collect();
        assert_eq!(
            paths,
            vec![
                vec![Seg::Key("region")],
                vec![Seg::Key("languages"), Seg::Index(1)],
                vec![],
            ]
        );
        assert!(matches!(&found[2].wrong, Wrong::UnknownField { field, .. } if field == "thme"));
        assert_eq!(walk(&value, &files::SITE, 2).len(), 2);
    }
}

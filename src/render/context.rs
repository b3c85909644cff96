//! Keys of page contexts. A context is made of Tera's own values, which
//! do not hash themselves: these feed one to a hasher the same way
//! whenever it is the same value (a map's entries in any order), so a
//! page's key can be taken from its context.

use std::hash::{Hash, Hasher};

use tera::value::ValueKind;
use tera::{Map, Value};

/// A context value, hashable (see the module).
pub(super) struct Hashed<'v>(pub &'v Value);

/// A whole context, hashable (see the module).
pub(super) struct HashedMap<'m>(pub &'m Map);

impl Hash for Hashed<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let value = self.0;
        value.kind().hash(state);
        value.is_safe().hash(state);
        match value.kind() {
            ValueKind::Map => {
                if let Some(map) = value.as_map() {
                    HashedMap(map).hash(state);
                }
            }
            ValueKind::Array => {
                let items = value.as_array().unwrap_or_default();
                items.len().hash(state);
                for item in items {
                    Hashed(item).hash(state);
                }
            }
            ValueKind::String => value.as_str().hash(state),
            ValueKind::Bool => value.as_bool().hash(state),
            ValueKind::F64 => value.as_f64().map(f64::to_bits).hash(state),
            ValueKind::Bytes => value.as_bytes().hash(state),
            // Every other kind is an integer or has no content.
            _ => value.as_i128().hash(state),
        }
    }
}

impl Hash for HashedMap<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Each entry hashed alone and the hashes added: the same in any
        // order, without sorting the keys.
        let sum = self.0.iter().fold(0u64, |sum, (key, value)| {
            sum.wrapping_add(crate::keys::hash_of(&(key, Hashed(value))))
        });
        (self.0.len(), sum).hash(state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::hash_of;

    #[test]
    fn equal_contexts_make_equal_keys_and_any_change_another() {
        let make = |zh: &str, order: bool| {
            let mut map = Map::new();
            let entries = [("a", Value::from(zh)), ("b", Value::from(vec![1u64, 2]))];
            let entries: Vec<_> = if order {
                entries.into_iter().collect()
            } else {
                entries.into_iter().rev().collect()
            };
            for (k, v) in entries {
                map.insert(k.into(), v);
            }
            map
        };
        let key = |map: &Map| hash_of(&HashedMap(map));
        assert_eq!(key(&make("扎西岗村", true)), key(&make("扎西岗村", false)));
        assert_ne!(key(&make("扎西岗村", true)), key(&make("扎西岗", true)));
        let safe = Value::safe_string("<b>");
        let plain = Value::from("<b>");
        assert_ne!(hash_of(&Hashed(&safe)), hash_of(&Hashed(&plain)));
        assert_ne!(
            hash_of(&Hashed(&Value::from(1u64))),
            hash_of(&Hashed(&Value::from("1")))
        );
    }
}

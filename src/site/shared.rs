//! One copy of what many villages' index entries repeat: notice slugs
//! (`committee-candidates` in every village of a county) and seat lists.
//! The index keeps every village of a country until the site-wide pages
//! are made, and a `String` and a `Vec` per notice were about a fifth of
//! an entry.

use std::collections::HashSet;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use crate::content::codes::Post;

/// Seats per post, in rank order, shared between the notices that have
/// the same.
pub type Seats = Arc<[(Post, u32)]>;

/// A notice's slug, shared between the notices that have the same. Reads
/// as the text it holds (and hashes, compares and is saved as it).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slug(Arc<str>);

impl Slug {
    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Slug {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Slug {
    fn from(text: &str) -> Slug {
        Slug(Arc::from(text))
    }
}

impl serde::Serialize for Slug {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Slug {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Slug, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Ok(Slug::from(&*text))
    }
}

/// The copies handed out so far (one set per site resolved; villages
/// resolved on several threads at once ask it).
#[derive(Debug, Default)]
pub struct Shared {
    slugs: Mutex<HashSet<Arc<str>>>,
    seats: Mutex<HashSet<Seats>>,
}

impl Shared {
    /// The shared copy of `slug`.
    pub fn slug(&self, slug: &str) -> Slug {
        Slug(one_copy(&self.slugs, slug))
    }

    /// The shared copy of these seats.
    pub fn seats(&self, seats: &[(Post, u32)]) -> Seats {
        one_copy(&self.seats, seats)
    }
}

/// The copy of `value` in `set`, added if it has none.
fn one_copy<T>(set: &Mutex<HashSet<Arc<T>>>, value: &T) -> Arc<T>
where
    T: Hash + Eq + ?Sized,
    Arc<T>: for<'a> From<&'a T>,
{
    let mut set = set.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(copy) = set.get(value) {
        return copy.clone();
    }
    let copy = Arc::from(value);
    set.insert(Arc::clone(&copy));
    copy
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_slug_or_seats_asked_twice_is_one_copy() {
        let shared = Shared::default();
        let (a, b) = (
            shared.slug("committee-candidates"),
            shared.slug("committee-candidates"),
        );
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert!(!Arc::ptr_eq(&a.0, &shared.slug("results").0));
        let seats = [(Post::Secretary, 1), (Post::Member, 4)];
        assert!(Arc::ptr_eq(&shared.seats(&seats), &shared.seats(&seats)));
        assert!(!Arc::ptr_eq(
            &shared.seats(&seats),
            &shared.seats(&seats[..1])
        ));
    }

    #[test]
    fn a_slug_is_saved_and_read_back_as_its_text() {
        let slug = Shared::default().slug("party-branch-candidates");
        let json = serde_json::to_string(&slug).unwrap();
        assert_eq!(json, "\"party-branch-candidates\"");
        let back: Slug = serde_json::from_str(&json).unwrap();
        assert_eq!(back.as_str(), "party-branch-candidates");
    }
}

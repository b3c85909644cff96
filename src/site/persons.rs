//! Who a village's published notices name, as search needs it: each
//! distinct person (a pair of Chinese and Tibetan names) once, with the
//! notices that name them.
//!
//! Every village's entry in the site's index carries it, because search
//! is site-wide and a daily rebuild does not read unchanged villages. A
//! country has millions of persons, so it is compact: all names in one
//! string, and per person three offsets (no `String` per name, no `Vec`
//! per person). Names are as the content has them, NFC already (the
//! loader normalises every text).

use std::collections::HashMap;

use crate::content::model::Text;

/// The persons of one village (see the module's doc).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct SitePersons {
    /// Each person's Chinese then Tibetan name, one after the other.
    names: Box<str>,
    /// Per person, in order of first appearance: where its Chinese and
    /// its Tibetan name end in `names`, and where its notices end in
    /// `notices`.
    ends: Box<[[u32; 3]]>,
    /// Each person's notices (indices into the village's published
    /// notices, in file order), one list after the other.
    notices: Box<[u32]>,
}

/// One person of a village, borrowed from its [`SitePersons`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SitePerson<'a> {
    /// Chinese name (empty where the file has none).
    pub zh: &'a str,
    /// Tibetan name (empty where the file has none).
    pub bo: &'a str,
    /// The notices that name this person: indices into the village's
    /// published notices, ascending.
    pub notices: &'a [u32],
}

impl SitePersons {
    /// The persons of a village's published notices, given as each
    /// notice's names in order: a pair of names named by several notices
    /// is one person; a person with no name at all is left out.
    pub fn of<'t, N>(notices: impl IntoIterator<Item = N>) -> SitePersons
    where
        N: IntoIterator<Item = &'t Text>,
    {
        let mut order: Vec<(&'t str, &'t str)> = Vec::new();
        let mut lists: Vec<Vec<u32>> = Vec::new();
        let mut seen: HashMap<(&'t str, &'t str), usize> = HashMap::new();
        for (notice, names) in (0u32..).zip(notices) {
            for name in names {
                let pair = (name.zh.as_str(), name.bo.as_str());
                if pair.0.trim().is_empty() && pair.1.trim().is_empty() {
                    continue;
                }
                let at = *seen.entry(pair).or_insert_with(|| {
                    order.push(pair);
                    lists.push(Vec::new());
                    order.len() - 1
                });
                if lists[at].last() != Some(&notice) {
                    lists[at].push(notice);
                }
            }
        }
        let mut names = String::new();
        let mut ends = Vec::with_capacity(order.len());
        let mut all_notices = Vec::new();
        // A village's file is at most a few MB: its offsets fit in u32.
        let offset = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        for ((zh, bo), list) in order.into_iter().zip(lists) {
            names.push_str(zh);
            let zh_end = offset(names.len());
            names.push_str(bo);
            all_notices.extend(list);
            ends.push([zh_end, offset(names.len()), offset(all_notices.len())]);
        }
        SitePersons {
            names: names.into(),
            ends: ends.into(),
            notices: all_notices.into(),
        }
    }

    /// How many persons.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The `index`-th person, in order of first appearance. `None` past
    /// the last, or if the offsets do not fit the names (a saved build
    /// edited by hand: never a panic).
    pub fn get(&self, index: usize) -> Option<SitePerson<'_>> {
        let [zh_end, bo_end, notices_end] = *self.ends.get(index)?;
        let [start, notices_start] = match index.checked_sub(1) {
            Some(before) => {
                let [_, bo_end, notices_end] = self.ends[before];
                [bo_end, notices_end]
            }
            None => [0, 0],
        };
        let range = |a: u32, b: u32| (a as usize)..(b as usize);
        Some(SitePerson {
            zh: self.names.get(range(start, zh_end))?,
            bo: self.names.get(range(zh_end, bo_end))?,
            notices: self.notices.get(range(notices_start, notices_end))?,
        })
    }

    /// Every person, in order of first appearance.
    pub fn iter(&self) -> impl Iterator<Item = SitePerson<'_>> {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::{SitePerson, SitePersons};
    use crate::content::model::Text;

    fn text(zh: &str, bo: &str) -> Text {
        Text {
            zh: zh.to_owned(),
            bo: bo.to_owned(),
        }
    }

    #[test]
    fn a_person_named_by_several_notices_is_one_person_with_each_notice() {
        let dondrub = text("次仁顿珠", "ཚེ་རིང་དོན་གྲུབ།");
        let drolma = text("卓玛", "སྒྲོལ་མ།");
        let nameless = text("", " ");
        let only_zh = text("王建华", "");
        let persons = SitePersons::of([
            vec![&dondrub, &drolma, &nameless],
            vec![],
            vec![&drolma, &only_zh, &dondrub, &dondrub],
        ]);
        let all: Vec<SitePerson<'_>> = persons.iter().collect();
        assert_eq!(
            all,
            [
                SitePerson {
                    zh: "次仁顿珠",
                    bo: "ཚེ་རིང་དོན་གྲུབ།",
                    notices: &[0, 2]
                },
                SitePerson {
                    zh: "卓玛",
                    bo: "སྒྲོལ་མ།",
                    notices: &[0, 2]
                },
                SitePerson {
                    zh: "王建华",
                    bo: "",
                    notices: &[2]
                },
            ]
        );
        assert_eq!(persons.len(), 3);
        assert_eq!(persons.get(3), None);
        assert!(SitePersons::of(Vec::<Vec<&Text>>::new()).is_empty());
    }

    #[test]
    fn offsets_that_do_not_fit_give_no_person_rather_than_a_panic() {
        let saved = r#"{"names":"卓玛","ends":[[3,99,0],[2,6,1],[6,6,5]],"notices":[0]}"#;
        let persons: SitePersons = serde_json::from_str(saved).unwrap();
        assert_eq!(persons.get(0), None, "past the end of the names");
        assert_eq!(persons.get(1), None, "starts after it ends");
        assert_eq!(persons.get(2), None, "past the end of the notices");
        assert_eq!(persons.iter().count(), 0);
    }
}

//! The figures supervisors report, per county and for the region, counted
//! from the published content as the contract defines them.
//!
//! Persons are counted once per village however many posts they hold.
//! Members are the elected persons of published results, aged on their
//! earliest election day; candidate sources count the persons of each
//! village's latest candidates notices. Villages without published results
//! add no members: they are listed apart, with their candidates. Shares are
//! computed from integer counts, rounded half up to hundredths.

use std::collections::BTreeMap;

use super::{Site, SiteCounty, SiteTownship, SiteVillage};
use crate::calendar::Calendar;
use crate::composition::{count, judge, latest_candidates_records, members, records};
use crate::content::codes::{
    Background, Education, EducationGroup, Ethnicity, Gender, Party, VillageKind,
};
use crate::content::model::{Notice, Rules, Village};

/// Counts for one area (a county, or the region).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Figures {
    /// Villages (村).
    pub villages: usize,
    /// Communities (社区).
    pub communities: usize,
    /// Villages and communities with published results.
    pub with_results: usize,
    /// Members: elected persons of published results.
    pub members: usize,
    /// Women among the members.
    pub women: usize,
    /// Members aged `young_age` or less on election day.
    pub young: usize,
    /// Members per education level.
    pub education: BTreeMap<Education, usize>,
    /// Members per education group of the reference article.
    pub education_groups: BTreeMap<EducationGroup, usize>,
    /// Members per Party status.
    pub party: BTreeMap<Party, usize>,
    /// Members per ethnicity (only those present).
    pub ethnicity: BTreeMap<Ethnicity, usize>,
    /// Persons of the latest candidates notices.
    pub candidates: usize,
    /// Those persons per background (source).
    pub sources: BTreeMap<Background, usize>,
    /// Those persons with no background given.
    pub sources_not_given: usize,
}

impl Figures {
    /// Villages and communities covered.
    pub fn covered(&self) -> usize {
        self.villages + self.communities
    }

    fn add(&mut self, other: &Figures) {
        self.villages += other.villages;
        self.communities += other.communities;
        self.with_results += other.with_results;
        self.members += other.members;
        self.women += other.women;
        self.young += other.young;
        self.candidates += other.candidates;
        self.sources_not_given += other.sources_not_given;
        merge(&mut self.education, &other.education);
        merge(&mut self.education_groups, &other.education_groups);
        merge(&mut self.party, &other.party);
        merge(&mut self.ethnicity, &other.ethnicity);
        merge(&mut self.sources, &other.sources);
    }
}

/// One count of a [`Figures`]: which, and for the counts per code, which code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
enum Count {
    Villages,
    Communities,
    WithResults,
    Members,
    Women,
    Young,
    Education(Education),
    EducationGroup(EducationGroup),
    Party(Party),
    Ethnicity(Ethnicity),
    Candidates,
    Source(Background),
    SourcesNotGiven,
}

/// One village's [`Figures`], compact: only the counts that are not zero,
/// each a code and a number (every village of a country is kept until
/// the figures are added up, and five maps a village weigh more than its
/// names).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct VillageCounts {
    /// Persons of its latest candidates notices (its line in the lists of
    /// villages without results).
    pub candidates: usize,
    counts: Box<[(Count, u32)]>,
}

impl VillageCounts {
    /// The counts of `figures`.
    pub fn of(figures: &Figures) -> VillageCounts {
        let scalars = [
            (Count::Villages, figures.villages),
            (Count::Communities, figures.communities),
            (Count::WithResults, figures.with_results),
            (Count::Members, figures.members),
            (Count::Women, figures.women),
            (Count::Young, figures.young),
            (Count::Candidates, figures.candidates),
            (Count::SourcesNotGiven, figures.sources_not_given),
        ];
        let per_code = figures
            .education
            .iter()
            .map(|(&k, &n)| (Count::Education(k), n))
            .chain(
                figures
                    .education_groups
                    .iter()
                    .map(|(&k, &n)| (Count::EducationGroup(k), n)),
            )
            .chain(figures.party.iter().map(|(&k, &n)| (Count::Party(k), n)))
            .chain(
                figures
                    .ethnicity
                    .iter()
                    .map(|(&k, &n)| (Count::Ethnicity(k), n)),
            )
            .chain(figures.sources.iter().map(|(&k, &n)| (Count::Source(k), n)));
        let counts = scalars
            .into_iter()
            .chain(per_code)
            .filter(|&(_, n)| n > 0)
            // A village's counts are its persons: far below u32's limit.
            .map(|(count, n)| (count, u32::try_from(n).unwrap_or(u32::MAX)))
            .collect();
        VillageCounts {
            candidates: figures.candidates,
            counts,
        }
    }
}

impl Figures {
    /// Adds a village's counts.
    fn add_counts(&mut self, village: &VillageCounts) {
        for &(count, n) in &village.counts[..] {
            let n = n as usize;
            match count {
                Count::Villages => self.villages += n,
                Count::Communities => self.communities += n,
                Count::WithResults => self.with_results += n,
                Count::Members => self.members += n,
                Count::Women => self.women += n,
                Count::Young => self.young += n,
                Count::Education(k) => *self.education.entry(k).or_default() += n,
                Count::EducationGroup(k) => *self.education_groups.entry(k).or_default() += n,
                Count::Party(k) => *self.party.entry(k).or_default() += n,
                Count::Ethnicity(k) => *self.ethnicity.entry(k).or_default() += n,
                Count::Candidates => self.candidates += n,
                Count::Source(k) => *self.sources.entry(k).or_default() += n,
                Count::SourcesNotGiven => self.sources_not_given += n,
            }
        }
    }
}

fn merge<K: Ord + Copy>(into: &mut BTreeMap<K, usize>, from: &BTreeMap<K, usize>) {
    for (k, v) in from {
        *into.entry(*k).or_default() += v;
    }
}

/// One village's part in the figures.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct VillageFigures {
    /// A hash of the rest, which stands for it in page keys.
    pub key: u64,
    /// Its own counts.
    pub figures: VillageCounts,
    /// Whether it has published results.
    pub has_results: bool,
    /// The `site.yaml` rules it misses (`min_women`, …).
    #[serde(deserialize_with = "rule_keys")]
    pub missed: Vec<&'static str>,
}

/// Rule keys read back (from a saved build) as the names
/// [`crate::composition::Judgement::missed`] gives.
fn rule_keys<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<&'static str>, D::Error> {
    const RULES: [&str; 4] = [
        "min_women",
        "min_young",
        "require_full_member",
        "require_party_member",
    ];
    let keys = <Vec<String> as serde::Deserialize>::deserialize(d)?;
    keys.iter()
        .map(|key| {
            RULES
                .into_iter()
                .find(|rule| rule == key)
                .ok_or_else(|| serde::de::Error::unknown_variant(key, &RULES))
        })
        .collect()
}

impl VillageFigures {
    /// A village's part, with its key.
    pub fn new(figures: Figures, has_results: bool, missed: Vec<&'static str>) -> VillageFigures {
        let figures = VillageCounts::of(&figures);
        let key = crate::keys::hash_of(&(&figures, has_results, &missed));
        VillageFigures {
            key,
            figures,
            has_results,
            missed,
        }
    }
}

impl std::hash::Hash for VillageFigures {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

/// Every figure of the site.
#[derive(Debug, Clone, Default, Hash)]
pub struct SiteFigures {
    /// The whole region.
    pub region: Figures,
    /// Per county, by slug, in slug order (empty counties included).
    pub counties: Vec<(String, Figures)>,
}

/// A village the figures list by name (it misses a rule or has no
/// results yet), with its place.
#[derive(Debug, Clone, Copy)]
pub struct ListedVillage<'s> {
    /// Its county.
    pub county: &'s SiteCounty,
    /// Its township.
    pub township: &'s SiteTownship,
    /// Its index entry (names, slug).
    pub village: &'s SiteVillage,
    /// Its part in the figures.
    pub figures: &'s VillageFigures,
}

impl std::hash::Hash for ListedVillage<'_> {
    /// What a listing shows of it: its place, names and figures.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let place = (&self.county.slug, &self.township.slug);
        (place, self.village.key, self.figures.key).hash(state);
    }
}

impl Site {
    /// The villages of county `county` (a slug), or of all, that the
    /// figures list by name, in slug order.
    pub fn listed(&self, county: Option<&str>) -> impl Iterator<Item = ListedVillage<'_>> {
        let counties = match county {
            None => &self.counties[..],
            Some(slug) => match self.counties.iter().position(|c| c.slug == slug) {
                Some(at) => &self.counties[at..=at],
                None => &[],
            },
        };
        counties.iter().flat_map(|county| {
            county.townships.iter().flat_map(move |township| {
                let villages = township.villages.iter().zip(&township.figures);
                villages
                    .filter(|(_, figures)| !figures.missed.is_empty() || !figures.has_results)
                    .map(move |(village, figures)| ListedVillage {
                        county,
                        township,
                        village,
                        figures,
                    })
            })
        })
    }
}

/// Counts one village from its published notices; the rules they miss
/// are `judged` if they were judged already.
pub(crate) fn village(
    village: &Village,
    notices: &[&Notice],
    rules: &Rules,
    calendar: &Calendar,
    judged: Option<Vec<&'static str>>,
) -> (Figures, bool, Vec<&'static str>) {
    let records = records(notices);
    let mut figures = Figures::default();
    match village.kind {
        VillageKind::Village => figures.villages = 1,
        VillageKind::Community => figures.communities = 1,
    }
    let elected = members(&records);
    let has_results = notices.iter().any(|n| {
        matches!(
            n.detail,
            crate::content::model::NoticeDetail::Results { .. }
        )
    });
    if has_results {
        figures.with_results = 1;
    }
    for member in count(&elected) {
        let person = member.latest.person;
        figures.members += 1;
        if person.gender == Gender::Female {
            figures.women += 1;
        }
        if member.is_young(rules) {
            figures.young += 1;
        }
        *figures.education.entry(person.education).or_default() += 1;
        *figures
            .education_groups
            .entry(person.education.group())
            .or_default() += 1;
        *figures.party.entry(person.party).or_default() += 1;
        *figures.ethnicity.entry(person.ethnicity).or_default() += 1;
    }
    for candidate in count(&latest_candidates_records(notices, &records, calendar)) {
        figures.candidates += 1;
        match candidate.latest.person.background {
            Some(background) => *figures.sources.entry(background).or_default() += 1,
            None => figures.sources_not_given += 1,
        }
    }
    let missed = judged.unwrap_or_else(|| {
        judge(notices, &records, rules, calendar)
            .map(|j| j.missed(rules))
            .unwrap_or_default()
    });
    (figures, has_results, missed)
}

/// Adds the villages up per county and for the region.
pub(crate) fn total(counties: &[SiteCounty]) -> SiteFigures {
    let mut site = SiteFigures::default();
    for county in counties {
        let mut figures = Figures::default();
        for village in county.townships.iter().flat_map(|t| &t.figures) {
            figures.add_counts(&village.figures);
        }
        site.region.add(&figures);
        site.counties.push((county.slug.clone(), figures));
    }
    site
}

/// `count` of `total` as a percentage with two decimals, rounded half up
/// from exact integers: `share(179, 866)` is `20.67%`. `None` of nothing.
pub fn share(count: usize, total: usize) -> Option<String> {
    hundredths(count, total).map(|h| format!("{}.{:02}%", h / 100, h % 100))
}

/// `count` of `total` in hundredths of a percent, rounded half up.
pub fn hundredths(count: usize, total: usize) -> Option<u64> {
    if total == 0 {
        return None;
    }
    let (count, total) = (count as u128, total as u128);
    u64::try_from((count * 10_000 * 2 + total) / (2 * total)).ok()
}

#[cfg(test)]
mod tests {
    use super::share;

    /// One person on both bodies, in both lists, with a zero-width space
    /// pasted into the name of one record; and one other member.
    const ZERO_WIDTH: &str = "name: { bo: \"ཀ\", zh: \"甲村\" }
kind: village
notices:
  - slug: branch-candidates
    type: candidates
    body: party_branch
    published: 2021-01-04
    period: { start: 2021-01-04, days: 7 }
    seats: { secretary: 1 }
    candidates:
      - { name: { bo: \"བཀྲ་ཤིས།\", zh: \"扎西\" }, gender: female, born: 1986-01, ethnicity: tibetan, education: primary, party: member, post: secretary }
  - slug: committee-candidates
    type: candidates
    body: committee
    published: 2021-01-04
    period: { start: 2021-01-04, days: 7 }
    seats: { chair: 1, member: 1 }
    candidates:
      - { name: { bo: \"བཀྲ་ཤིས།\", zh: \"扎\u{200B}西\" }, gender: female, born: 1986-01-24, ethnicity: tibetan, education: primary, party: member, post: chair }
      - { name: { bo: \"ཚེ་རིང་།\", zh: \"次仁\" }, gender: male, born: 1970-01, ethnicity: tibetan, education: primary, party: member, post: member }
  - slug: branch-results
    type: results
    body: party_branch
    published: 2021-01-25
    election_day: 2021-01-24
    turnout: { electorate: 10, cast: 10, valid: 10 }
    results:
      - { name: { bo: \"བཀྲ་ཤིས།\u{FEFF}\", zh: \"扎西\" }, gender: female, born: 1986-01, ethnicity: tibetan, education: primary, party: member, post: secretary, votes: 9, elected: true }
  - slug: committee-results
    type: results
    body: committee
    published: 2021-01-25
    election_day: 2021-01-24
    turnout: { electorate: 10, cast: 10, valid: 10 }
    results:
      - { name: { bo: \"བཀྲ་ཤིས།\", zh: \"扎\u{200B}西\" }, gender: female, born: 1986-01-24, ethnicity: tibetan, education: primary, party: member, post: chair, votes: 9, elected: true }
      - { name: { bo: \"ཚེ་རིང་།\", zh: \"次仁\" }, gender: male, born: 1970-01, ethnicity: tibetan, education: primary, party: member, post: member, votes: 9, elected: true }
";

    #[test]
    fn an_invisible_character_never_counts_one_person_twice() {
        let village = crate::content::village_from_yaml(ZERO_WIDTH);
        let notices: Vec<_> = village.notices.iter().collect();
        let rules = crate::content::model::Rules::default();
        let calendar = crate::calendar::Calendar::weekends_only();
        let (figures, _, _) = super::village(&village, &notices, &rules, &calendar, None);
        assert_eq!(figures.members, 2);
        assert_eq!(figures.women, 1);
        assert_eq!(figures.young, 1, "35 on her election day, counted once");
        assert_eq!(figures.candidates, 2);
    }

    #[test]
    fn a_villages_compact_counts_add_up_to_its_figures() {
        use crate::content::codes::Code as _;
        let village = crate::content::village_from_yaml(ZERO_WIDTH);
        let notices: Vec<_> = village.notices.iter().collect();
        let rules = crate::content::model::Rules::default();
        let calendar = crate::calendar::Calendar::weekends_only();
        let (mut figures, _, _) = super::village(&village, &notices, &rules, &calendar, None);
        figures
            .sources
            .insert(crate::content::codes::Background::ALL[0].1, 3);
        figures.sources_not_given = 2;
        let counts = super::VillageCounts::of(&figures);
        assert_eq!(counts.candidates, figures.candidates);
        let mut added = super::Figures::default();
        added.add_counts(&counts);
        added.add_counts(&counts);
        let mut twice = super::Figures::default();
        twice.add(&figures);
        twice.add(&figures);
        assert_eq!(added, twice);
        assert!(counts.counts.iter().all(|&(_, n)| n > 0), "no zero kept");
    }

    #[test]
    fn shares_as_the_reference_article_writes_them() {
        assert_eq!(share(179, 866).as_deref(), Some("20.67%"));
        assert_eq!(share(192, 866).as_deref(), Some("22.17%"));
        assert_eq!(share(17, 866).as_deref(), Some("1.96%"));
        assert_eq!(share(866, 866).as_deref(), Some("100.00%"));
        assert_eq!(share(0, 5).as_deref(), Some("0.00%"));
        assert_eq!(share(1, 8).as_deref(), Some("12.50%"));
        // 1/800 = 0.125%: exactly half a hundredth rounds up.
        assert_eq!(share(1, 800).as_deref(), Some("0.13%"));
        assert_eq!(share(1, 0), None);
    }
}

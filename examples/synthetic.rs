//! Synthetic content for gongshi: a complete site root with any number of
//! villages, for load tests and for trying the site at regional or national
//! scale.
//!
//! ```text
//! cargo run --release --example synthetic -- N OUT_DIR
//! gongshi check --root OUT_DIR --deny-warnings
//! ```
//!
//! writes `OUT_DIR/content/` with:
//!
//! - `site.yaml`, `calendar.yaml` (2020 and 2021) and the two announcements
//!   (`announcements/<slug>.bo.md` and `.zh.md`) copied from the example site
//!   under `content/`, the announcements without their `scope:` line (the
//!   counties they name do not exist here);
//! - N villages, 20 to a township and 25 townships to a county:
//!   `villages/c001/t01/v001.yaml` …, each county and township with its
//!   `_index.yaml`. Names are made of syllables in both scripts; a `zh` name
//!   is made unique by a number (`扎西岗3村`), a `bo` name is unique within
//!   its county by its syllables.
//!
//! Every village has 5 to 7 persons, a candidates notice for the party
//! branch and one for the committee (with a Markdown `note`), and about two
//! villages in three also have the results of both elections. The content is
//! valid and clean under the default `rules` of `site.yaml`: every party
//! branch person and every committee chair is a full Party member, every
//! committee person a Party member, each village has at least one woman and
//! one person aged 35 or under among its members (or candidates), and
//! results come after the notice period. No text contains anything that looks
//! like an ID or mobile number; phones appear only in `contact`.
//!
//! The output is reproducible: each village draws from its own xorshift
//! generator seeded from its index, so village `k` is the same whatever N is.
//! Files are streamed one at a time, so memory stays small at any N
//! (100,000 villages ≈ 105,000 files).
//!
//! OUT_DIR may exist; its `content/` must not, unless an earlier run of this
//! generator wrote it (it leaves a `content/.synthetic` marker, which gongshi
//! ignores like every dot file); then it is replaced.

use std::fmt::Display;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const SITE: &str = include_str!("../content/site.yaml");
const CALENDAR: &str = include_str!("../content/calendar.yaml");
const ANNOUNCEMENTS: [(&str, &str); 4] = [
    (
        "election-schedule.bo.md",
        include_str!("../content/announcements/election-schedule.bo.md"),
    ),
    (
        "election-schedule.zh.md",
        include_str!("../content/announcements/election-schedule.zh.md"),
    ),
    (
        "joint-review.bo.md",
        include_str!("../content/announcements/joint-review.bo.md"),
    ),
    (
        "joint-review.zh.md",
        include_str!("../content/announcements/joint-review.zh.md"),
    ),
];

/// Left in `content/` to show that this generator wrote it.
const MARKER: &str = ".synthetic";

const VILLAGES_PER_TOWNSHIP: usize = 20;
const TOWNSHIPS_PER_COUNTY: usize = 25;

/// First parts of place names.
const PLACE_FIRST: [(&str, &str); 10] = [
    ("བཀྲ་ཤིས", "扎西"),
    ("ཚེ་རིང", "次仁"),
    ("སྒྲོལ་མ", "卓玛"),
    ("བསོད་ནམས", "索朗"),
    ("ནོར་བུ", "诺布"),
    ("པད་མ", "白玛"),
    ("ལྷ་མོ", "拉姆"),
    ("རྡོ་རྗེ", "多吉"),
    ("ཉི་མ", "尼玛"),
    ("དབང་ཕྱུག", "旺久"),
];

/// Second parts of place names (ridge, grove, plain, …).
const PLACE_SECOND: [(&str, &str); 10] = [
    ("སྒང", "岗"),
    ("གླིང", "林"),
    ("ཐང", "塘"),
    ("ཁ", "卡"),
    ("མདོ", "多"),
    ("སྡེ", "德"),
    ("ཆུ", "曲"),
    ("རི", "日"),
    ("ལུང", "隆"),
    ("ཚལ", "才"),
];

/// Tibetan qualifiers (upper, lower, east, west) that keep `bo` place names
/// apart where the `zh` names differ only by their number.
const PLACE_QUALIFIER: [&str; 5] = ["", "སྟོད", "སྨད", "ཤར", "ནུབ"];

/// First parts of personal names.
const PERSON_FIRST: [(&str, &str); 16] = [
    ("བཀྲ་ཤིས", "扎西"),
    ("ཚེ་རིང", "次仁"),
    ("བསོད་ནམས", "索朗"),
    ("ནོར་བུ", "诺布"),
    ("པད་མ", "白玛"),
    ("རྡོ་རྗེ", "多吉"),
    ("ཉི་མ", "尼玛"),
    ("དབང་ཕྱུག", "旺久"),
    ("སྐལ་བཟང", "格桑"),
    ("ཕུན་ཚོགས", "平措"),
    ("ཟླ་བ", "达瓦"),
    ("སྤེན་པ", "边巴"),
    ("པ་སངས", "巴桑"),
    ("ཕུར་བུ", "普布"),
    ("ལྷག་པ", "拉巴"),
    ("བསམ་གྲུབ", "桑珠"),
];

/// Second parts of men's names.
const MALE_SECOND: [(&str, &str); 10] = [
    ("དོན་གྲུབ", "顿珠"),
    ("རྡོ་རྗེ", "多吉"),
    ("ཚེ་རིང", "次仁"),
    ("དབང་འདུས", "旺堆"),
    ("ཕུན་ཚོགས", "平措"),
    ("ནོར་བུ", "罗布"),
    ("ཆོས་འཕེལ", "群培"),
    ("བཀྲ་ཤིས", "扎西"),
    ("རྒྱ་མཚོ", "加措"),
    ("བསམ་གྲུབ", "桑珠"),
];

/// Second parts of women's names.
const FEMALE_SECOND: [(&str, &str); 8] = [
    ("སྒྲོལ་མ", "卓玛"),
    ("ལྷ་མོ", "拉姆"),
    ("དབྱངས་འཛོམས", "央宗"),
    ("ཆོས་སྒྲོན", "曲珍"),
    ("བདེ་སྐྱིད", "德吉"),
    ("གཡུ་སྒྲོན", "玉珍"),
    ("མཚོ་མོ", "措姆"),
    ("དབང་མོ", "旺姆"),
];

/// A text pair `(bo, zh)`.
type Pair = (&'static str, &'static str);

/// Current roles by village kind: secretary and chair, secretary, chair,
/// committee member.
struct Roles {
    secretary_chair: Pair,
    secretary: Pair,
    chair: Pair,
    committee_member: Pair,
}

const VILLAGE_ROLES: Roles = Roles {
    secretary_chair: (
        "ད་ལྟའི་གྲོང་ཚོའི་ཏང་ཡན་ལག་ཧྲུའུ་ཅི་དང་གྲོང་མི་ཨུ་ཡོན་ལྷན་ཁང་གི་ཀྲུའུ་རེན།",
        "现任村党支部书记、村委会主任",
    ),
    secretary: ("ད་ལྟའི་གྲོང་ཚོའི་ཏང་ཡན་ལག་ཧྲུའུ་ཅི།", "现任村党支部书记"),
    chair: ("ད་ལྟའི་གྲོང་མི་ཨུ་ཡོན་ལྷན་ཁང་གི་ཀྲུའུ་རེན།", "现任村委会主任"),
    committee_member: ("ད་ལྟའི་གྲོང་མི་ཨུ་ཡོན་ལྷན་ཁང་གི་ཨུ་ཡོན།", "现任村委会委员"),
};

const COMMUNITY_ROLES: Roles = Roles {
    secretary_chair: (
        "ད་ལྟའི་སྡེ་ཁུལ་ཏང་ཡན་ལག་ཧྲུའུ་ཅི་དང་སྡོད་དམངས་ཨུ་ཡོན་ལྷན་ཁང་གི་ཀྲུའུ་རེན།",
        "现任社区党支部书记、居委会主任",
    ),
    secretary: ("ད་ལྟའི་སྡེ་ཁུལ་ཏང་ཡན་ལག་ཧྲུའུ་ཅི།", "现任社区党支部书记"),
    chair: (
        "ད་ལྟའི་སྡེ་ཁུལ་སྡོད་དམངས་ཨུ་ཡོན་ལྷན་ཁང་གི་ཀྲུའུ་རེན།",
        "现任社区居委会主任",
    ),
    committee_member: ("ད་ལྟའི་སྡེ་ཁུལ་སྡོད་དམངས་ཨུ་ཡོན་ལྷན་ཁང་གི་ཨུ་ཡོན།", "现任社区居委会委员"),
};

/// Where ordinary candidates come from: background code, an optional current
/// role that goes with it, and a weight.
const PROFILES: [(&str, Option<Pair>, u32); 12] = [
    ("farmer_herder", None, 16),
    ("model_household_head", None, 12),
    ("returnee_entrepreneur", None, 8),
    ("returning_migrant_worker", None, 8),
    ("civilised_family", None, 6),
    ("veteran", None, 5),
    ("skilled_worker", None, 5),
    ("patriotic_descendant", None, 3),
    (
        "cooperative_leader",
        Some((
            "ཞིང་འབྲོག་པའི་ཆེད་ལས་མཉམ་ལས་ཁང་གི་འགན་འཛིན་པ།",
            "农牧民专业合作社负责人",
        )),
        6,
    ),
    ("village_doctor_teacher", Some(("གྲོང་ཚོའི་སྨན་པ།", "村医")), 3),
    (
        "sitting_cadre",
        Some(("གྲོང་ཚོའི་རྗེས་འཇུག་ལས་བྱེད་པ།", "村级后备干部")),
        6,
    ),
    (
        "rural_revitalisation_staff",
        Some(("གྲོང་གསེབ་བསྐྱར་གསོའི་ཆེད་ལས་པ།", "乡村振兴专干")),
        3,
    ),
];

/// Backgrounds of the young woman every village puts forward.
const YOUNG_BACKGROUNDS: [&str; 6] = [
    "unemployed_graduate",
    "college_graduate_official",
    "returnee_entrepreneur",
    "skilled_worker",
    "farmer_herder",
    "civilised_family",
];

/// Ethnicities with weights (Ngari is almost all Tibetan).
const ETHNICITIES: [(&str, u32); 6] = [
    ("tibetan", 184),
    ("han", 8),
    ("hui", 3),
    ("monba", 2),
    ("lhoba", 2),
    ("naxi", 1),
];

/// A small deterministic generator: xorshift64, seeded through splitmix64.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next() % u64::from(hi - lo + 1)) as u32
    }

    /// True with the given chance in percent.
    fn chance(&mut self, percent: u32) -> bool {
        self.range(1, 100) <= percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }

    fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut n = self.range(0, total - 1);
        for &(item, weight) in items {
            if n < weight {
                return item;
            }
            n -= weight;
        }
        items[items.len() - 1].0
    }
}

/// Files and bytes written so far.
#[derive(Default)]
struct Stats {
    files: u64,
    bytes: u64,
}

/// A buffered file that counts what is written to it.
struct Out {
    file: BufWriter<File>,
    bytes: u64,
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl Stats {
    /// Writes one file through `body`.
    fn write(
        &mut self,
        path: &Path,
        body: impl FnOnce(&mut Out) -> io::Result<()>,
    ) -> io::Result<()> {
        let file = File::create(path).map_err(|e| annotate(e, path))?;
        let mut out = Out {
            file: BufWriter::with_capacity(16 * 1024, file),
            bytes: 0,
        };
        body(&mut out)
            .and_then(|()| out.flush())
            .map_err(|e| annotate(e, path))?;
        self.files += 1;
        self.bytes += out.bytes;
        Ok(())
    }
}

fn annotate(error: io::Error, path: &Path) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

/// A place name: its `bo` stem (without the kind of place) and its `zh`
/// stem, with the number that makes it unique.
struct PlaceName {
    bo: String,
    zh: String,
}

/// The name of the `index`-th place of its level (0-based, counted over the
/// whole site): `zh` unique at any index, `bo` unique among 500 in a row.
fn place_name(index: usize) -> PlaceName {
    let (first, second) = (PLACE_FIRST[index % 10], PLACE_SECOND[index / 10 % 10]);
    let qualifier = PLACE_QUALIFIER[index / 100 % 5];
    let mut bo = format!("{}་{}", first.0, second.0);
    if !qualifier.is_empty() {
        bo.push('་');
        bo.push_str(qualifier);
    }
    let mut zh = format!("{}{}", first.1, second.1);
    if index >= 100 {
        zh.push_str(&(index / 100 + 1).to_string());
    }
    PlaceName { bo, zh }
}

/// A Tibetan name closed with a shad (a tsheg first after ང, as usual).
fn close_bo(stem: &str) -> String {
    if stem.ends_with('ང') {
        format!("{stem}་།")
    } else {
        format!("{stem}།")
    }
}

/// `{ bo: "…", zh: "…" }`; the texts need no escaping.
fn pair(bo: impl Display, zh: impl Display) -> String {
    format!("{{ bo: \"{bo}\", zh: \"{zh}\" }}")
}

#[derive(Clone, Copy)]
struct Born {
    year: u32,
    month: u32,
    day: Option<u32>,
}

impl Display for Born {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{:02}", self.year, self.month)?;
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

struct Person {
    name_bo: String,
    name_zh: String,
    female: bool,
    born: Born,
    ethnicity: &'static str,
    education: &'static str,
    full_member: bool,
    background: Option<&'static str>,
    role: Option<Pair>,
}

impl Person {
    fn party(&self) -> &'static str {
        if self.full_member {
            "member"
        } else {
            "probationary"
        }
    }

    /// The person's own fields after `post` (block style, 8 spaces in).
    fn write_block(&self, out: &mut Out, post: &str) -> io::Result<()> {
        writeln!(out, "      - name: {}", pair(&self.name_bo, &self.name_zh))?;
        writeln!(
            out,
            "        gender: {}",
            if self.female { "female" } else { "male" }
        )?;
        writeln!(out, "        born: {}", self.born)?;
        writeln!(out, "        ethnicity: {}", self.ethnicity)?;
        writeln!(out, "        education: {}", self.education)?;
        writeln!(out, "        party: {}", self.party())?;
        writeln!(out, "        post: {post}")?;
        if let Some(background) = self.background {
            writeln!(out, "        background: {background}")?;
        }
        if let Some((bo, zh)) = self.role {
            writeln!(out, "        current_role: {}", pair(bo, zh))?;
        }
        Ok(())
    }

    /// One results entry (flow style, on one line).
    fn write_result(&self, out: &mut Out, post: &str, votes: u32, elected: bool) -> io::Result<()> {
        write!(
            out,
            "      - {{ name: {}, post: {post}, votes: {votes}, elected: {elected}, \
             gender: {}, born: {}, ethnicity: {}, education: {}, party: {}",
            pair(&self.name_bo, &self.name_zh),
            if self.female { "female" } else { "male" },
            self.born,
            self.ethnicity,
            self.education,
            self.party(),
        )?;
        if let Some(background) = self.background {
            write!(out, ", background: {background}")?;
        }
        if let Some((bo, zh)) = self.role {
            write!(out, ", current_role: {}", pair(bo, zh))?;
        }
        writeln!(out, " }}")
    }
}

/// A person's name, different from every name in `taken`.
fn person_name(rng: &mut Rng, female: bool, taken: &[Person]) -> (String, String) {
    loop {
        let first = rng.pick(&PERSON_FIRST);
        let second = if female {
            rng.pick(&FEMALE_SECOND)
        } else {
            rng.pick(&MALE_SECOND)
        };
        if first.1 == second.1 {
            continue;
        }
        let zh = format!("{}{}", first.1, second.1);
        if taken.iter().any(|p| p.name_zh == zh) {
            continue;
        }
        return (close_bo(&format!("{}་{}", first.0, second.0)), zh);
    }
}

fn born(rng: &mut Rng, years: (u32, u32)) -> Born {
    Born {
        year: rng.range(years.0, years.1),
        month: rng.range(1, 12),
        day: rng.chance(30).then(|| rng.range(1, 28)),
    }
}

fn education(rng: &mut Rng, year: u32) -> &'static str {
    if year >= 1985 {
        rng.weighted(&[
            ("junior_high", 4),
            ("senior_high", 3),
            ("vocational", 3),
            ("college", 4),
            ("bachelor", 3),
        ])
    } else if year >= 1972 {
        rng.weighted(&[
            ("primary", 3),
            ("junior_high", 6),
            ("senior_high", 2),
            ("vocational", 1),
            ("college", 1),
        ])
    } else {
        rng.weighted(&[("primary", 6), ("junior_high", 3), ("senior_high", 1)])
    }
}

/// The persons of one village. Person 0 is the party secretary, person 1 a
/// woman aged 35 or under who is elected to both bodies, person 2 a full
/// member who chairs the committee where person 0 does not; all are Party
/// members, persons 0 to 2 full members.
fn persons(rng: &mut Rng, roles: &Roles, secretary_chairs: bool) -> Vec<Person> {
    let count = rng.range(5, 7) as usize;
    let mut people: Vec<Person> = Vec::with_capacity(count);
    for i in 0..count {
        let female = match i {
            0 => rng.chance(15),
            1 => true,
            _ => rng.chance(30),
        };
        let years = match i {
            0 => (1964, 1984),
            // Born 1986 or later: 35 or under on every day of 2021.
            1 => (1986, 1998),
            _ => (1962, 1996),
        };
        let born = born(rng, years);
        let (background, role) = match i {
            0 => (
                Some("sitting_cadre"),
                Some(if secretary_chairs {
                    roles.secretary_chair
                } else {
                    roles.secretary
                }),
            ),
            1 => {
                let sitting = rng.chance(40);
                if sitting {
                    (Some("sitting_cadre"), Some(roles.committee_member))
                } else {
                    (Some(rng.pick(&YOUNG_BACKGROUNDS)), None)
                }
            }
            2 if !secretary_chairs => (Some("sitting_cadre"), Some(roles.chair)),
            _ => {
                let (background, role, _) = PROFILES[rng.weighted(&PROFILE_INDEX)];
                let role = role.filter(|_| rng.chance(60));
                (Some(background).filter(|_| rng.chance(92)), role)
            }
        };
        let (name_bo, name_zh) = person_name(rng, female, &people);
        people.push(Person {
            name_bo,
            name_zh,
            female,
            born,
            ethnicity: rng.weighted(&ETHNICITIES),
            education: education(rng, born.year),
            full_member: i < 3 || rng.chance(75),
            background,
            role,
        });
    }
    people
}

/// `PROFILES` as indices with weights, for `Rng::weighted`.
const PROFILE_INDEX: [(usize, u32); 12] = {
    let mut index = [(0, 0); 12];
    let mut i = 0;
    while i < 12 {
        index[i] = (i, PROFILES[i].2);
        i += 1;
    }
    index
};

/// One body's election in a village: who stands for what, how many seats,
/// who is elected.
struct Election {
    /// `(person, post, elected)` in listing order.
    slate: Vec<(usize, &'static str, bool)>,
    member_seats: usize,
}

/// Lays out an election: `leader` for the first post, `deputy` for the
/// second, `others` for `member`, one of whom (never person 1) loses where
/// the election is competitive.
fn election(
    rng: &mut Rng,
    leader: usize,
    deputy: usize,
    others: Vec<usize>,
    posts: [&'static str; 2],
) -> Election {
    let members = others.len();
    let competitive = members >= 2 && rng.chance(60);
    let loser = if competitive {
        let eligible: Vec<usize> = others.iter().copied().filter(|&p| p != 1).collect();
        Some(rng.pick(&eligible))
    } else {
        None
    };
    let mut slate = vec![(leader, posts[0], true), (deputy, posts[1], true)];
    slate.extend(others.into_iter().map(|p| (p, "member", Some(p) != loser)));
    Election {
        slate,
        member_seats: if competitive { members - 1 } else { members },
    }
}

/// The candidates period of the committee: the `period` text and its last
/// day (of January 2021).
const COMMITTEE_PERIODS: [(&str, &str, u32); 3] = [
    ("2021-01-04", "{ start: 2021-01-04, working_days: 5 }", 8),
    ("2021-01-04", "{ start: 2021-01-04, days: 7 }", 10),
    ("2021-01-05", "{ start: 2021-01-05, end: 2021-01-11 }", 11),
];

fn write_village(
    out: &mut Out,
    index: usize,
    community: bool,
    township: &PlaceName,
) -> io::Result<()> {
    let mut rng = Rng::new(index as u64);
    let place = place_name(index);
    let roles = if community {
        &COMMUNITY_ROLES
    } else {
        &VILLAGE_ROLES
    };
    let secretary_chairs = rng.chance(85);
    let people = persons(&mut rng, roles, secretary_chairs);

    let (kind, bo_kind, zh_kind) = if community {
        ("community", "སྡེ་ཁུལ།", "社区")
    } else {
        ("village", "གྲོང་ཚོ།", "村")
    };
    writeln!(
        out,
        "name: {}",
        pair(
            format_args!("{}་{bo_kind}", place.bo),
            format_args!("{}{zh_kind}", place.zh)
        )
    )?;
    writeln!(out, "kind: {kind}")?;
    if rng.chance(50) {
        writeln!(
            out,
            "contact: {{ phone: \"0897-28{:05}\", office: {} }}",
            rng.range(0, 99_999),
            pair(
                format_args!("{}་ཤང་ཏང་ཨུད་གཞུང་ལས་ཁང་།", township.bo),
                format_args!("{}乡党委办公室", township.zh)
            )
        )?;
    }
    writeln!(out, "notices:")?;

    // Party branch: its full members; the deputy is person 1 or 2.
    let pb_deputy = if rng.chance(50) { 1 } else { 2 };
    let pb_others: Vec<usize> = (1..people.len())
        .filter(|&p| p != pb_deputy && people[p].full_member)
        .collect();
    let party_branch = election(
        &mut rng,
        0,
        pb_deputy,
        pb_others,
        ["secretary", "deputy_secretary"],
    );
    // Committee: everyone; chaired by person 0 or 2.
    let chair = if secretary_chairs { 0 } else { 2 };
    let rest: Vec<usize> = (0..people.len()).filter(|&p| p != chair).collect();
    let deputy = rest[rng.range(0, rest.len() as u32 - 1) as usize];
    let cm_others: Vec<usize> = rest.into_iter().filter(|&p| p != deputy).collect();
    let committee = election(
        &mut rng,
        chair,
        deputy,
        cm_others,
        ["chair", "deputy_chair"],
    );

    let note = pair(
        format_args!(
            "ཁྱབ་བསྒྲགས་ཀྱི་དུས་ཚོད་ནང་འོས་མི་ལ་བསམ་འཆར་ཡོད་ན། མིང་ངོ་མ་བཀོད་དེ་**{}་ཤང་ཏང་ཨུད**ལ་ཞུ་རོགས། ཡི་གེ་དང་ཁ་ཐོག་གང་རུང་གིས་ཞུ་ཆོག",
            township.bo
        ),
        format_args!(
            "公示期内，对候选人如有异议，请以实名方式向**{}乡党委**反映，书面或口头反映均可。",
            township.zh
        ),
    );
    let (cm_published, cm_period, cm_last) = rng.pick(&COMMITTEE_PERIODS);
    let candidates = [
        (
            "party-branch",
            "party_branch",
            &party_branch,
            ["secretary", "deputy_secretary"],
            "2021-01-04",
            "{ start: 2021-01-04, working_days: 5 }",
        ),
        (
            "committee",
            "committee",
            &committee,
            ["chair", "deputy_chair"],
            cm_published,
            cm_period,
        ),
    ];
    for (slug, body, election, posts, published, period) in candidates {
        writeln!(out, "  - slug: {slug}-candidates")?;
        writeln!(out, "    type: candidates")?;
        writeln!(out, "    body: {body}")?;
        writeln!(out, "    published: {published}")?;
        writeln!(out, "    period: {period}")?;
        writeln!(
            out,
            "    seats: {{ {}: 1, {}: 1, member: {} }}",
            posts[0], posts[1], election.member_seats
        )?;
        writeln!(out, "    candidates:")?;
        for &(p, post, _) in &election.slate {
            people[p].write_block(out, post)?;
        }
        writeln!(out, "    note: {note}")?;
    }

    // Results for about two villages in three: after the last day of both
    // periods (2021-01-08 for the party branch).
    if rng.range(0, 2) > 0 {
        let cm_day = (cm_last + 1).max(12) + rng.range(0, 1);
        let cm_published = cm_day + rng.range(0, 1);
        let results_note = pair(
            "གོང་གསལ་བདམས་ཐོན་མི་སྣ་ནི་གནས་འཛུགས་བྱ་རྒྱུའི་མི་སྣ་ཡིན། བྱ་རིམ་ལྟར་ཤང་ཏང་ཨུད་ལ་ཞུ་སྤྲོད་བྱས་ནས་ཆོག་མཆན་ཞུ་རྒྱུ་ཡིན།",
            "以上当选人员为拟任人选，按程序报乡党委审批。",
        );
        let with_note = rng.chance(50);
        let results = [
            (
                "party-branch",
                "party_branch",
                &party_branch,
                12,
                12,
                (15, 120),
            ),
            (
                "committee",
                "committee",
                &committee,
                cm_day,
                cm_published,
                (150, 1500),
            ),
        ];
        for (slug, body, election, day, published, electorate) in results {
            let electorate = rng.range(electorate.0, electorate.1);
            let cast = electorate - rng.range(0, electorate / 12);
            let valid = cast - rng.range(0, cast / 60 + 1);
            writeln!(out, "  - slug: {slug}-results")?;
            writeln!(out, "    type: results")?;
            writeln!(out, "    body: {body}")?;
            writeln!(out, "    published: 2021-01-{published:02}")?;
            writeln!(out, "    election_day: 2021-01-{day:02}")?;
            writeln!(
                out,
                "    turnout: {{ electorate: {electorate}, cast: {cast}, valid: {valid} }}"
            )?;
            writeln!(out, "    results:")?;
            for &(p, post, elected) in &election.slate {
                // Elected with more than half the valid votes, others with less.
                let votes = if elected {
                    rng.range(valid / 2 + 1, valid)
                } else {
                    rng.range(valid / 10, valid / 2)
                };
                people[p].write_result(out, post, votes, elected)?;
            }
            if with_note {
                writeln!(out, "    note: {results_note}")?;
            }
        }
    }
    Ok(())
}

/// An announcement without its `scope:` line.
fn unscoped(text: &str) -> String {
    text.split_inclusive('\n')
        .filter(|line| !line.starts_with("scope:"))
        .collect()
}

/// Makes `root/content`, replacing one that this generator wrote before.
fn fresh_content(root: &Path) -> io::Result<PathBuf> {
    let content = root.join("content");
    if content.exists() {
        if !content.join(MARKER).is_file() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "{} exists and was not written by this generator; \
                     choose another OUT_DIR or remove it",
                    content.display()
                ),
            ));
        }
        fs::remove_dir_all(&content).map_err(|e| annotate(e, &content))?;
    }
    fs::create_dir_all(content.join("announcements"))?;
    fs::create_dir_all(content.join("villages"))?;
    Ok(content)
}

fn generate(villages: usize, root: &Path, stats: &mut Stats) -> io::Result<()> {
    let content = fresh_content(root)?;
    stats.write(&content.join(MARKER), |out| {
        writeln!(
            out,
            "Written by `cargo run --example synthetic`; replaced on the next run."
        )
    })?;
    stats.write(&content.join("site.yaml"), |out| {
        out.write_all(SITE.as_bytes())
    })?;
    stats.write(&content.join("calendar.yaml"), |out| {
        out.write_all(CALENDAR.as_bytes())
    })?;
    for (name, text) in ANNOUNCEMENTS {
        stats.write(&content.join("announcements").join(name), |out| {
            out.write_all(unscoped(text).as_bytes())
        })?;
    }

    let villages_dir = content.join("villages");
    let mut dir = PathBuf::new();
    let mut township = place_name(0);
    for index in 0..villages {
        let local = index % VILLAGES_PER_TOWNSHIP;
        let township_index = index / VILLAGES_PER_TOWNSHIP;
        let county_index = township_index / TOWNSHIPS_PER_COUNTY;
        if local == 0 {
            let county_dir = villages_dir.join(format!("c{:03}", county_index + 1));
            if township_index.is_multiple_of(TOWNSHIPS_PER_COUNTY) {
                fs::create_dir_all(&county_dir)?;
                let name = place_name(county_index);
                stats.write(&county_dir.join("_index.yaml"), |out| {
                    writeln!(
                        out,
                        "name: {}",
                        pair(
                            format_args!("{}་རྫོང་།", name.bo),
                            format_args!("{}县", name.zh)
                        )
                    )
                })?;
            }
            dir = county_dir.join(format!("t{:02}", township_index % TOWNSHIPS_PER_COUNTY + 1));
            fs::create_dir_all(&dir)?;
            township = place_name(township_index);
            stats.write(&dir.join("_index.yaml"), |out| {
                writeln!(
                    out,
                    "name: {}",
                    pair(
                        format_args!("{}་ཤང་།", township.bo),
                        format_args!("{}乡", township.zh)
                    )
                )
            })?;
        }
        // The first village of every fourth township is a community.
        let community = local == 0 && township_index.is_multiple_of(4);
        stats.write(&dir.join(format!("v{:03}.yaml", local + 1)), |out| {
            write_village(out, index, community, &township)
        })?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (villages, root) = match args.as_slice() {
        [n, out] => match n.parse::<usize>() {
            Ok(n) => (n, PathBuf::from(out)),
            Err(_) => return usage(),
        },
        _ => return usage(),
    };
    let started = Instant::now();
    let mut stats = Stats::default();
    if let Err(error) = generate(villages, &root, &mut stats) {
        eprintln!("synthetic: {error}");
        return ExitCode::FAILURE;
    }
    println!(
        "synthetic: {villages} villages, {} files, {} bytes in {} ({:.2} s)",
        stats.files,
        stats.bytes,
        root.join("content").display(),
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

fn usage() -> ExitCode {
    eprintln!("usage: cargo run --release --example synthetic -- N OUT_DIR");
    ExitCode::from(2)
}

//! The privacy guard: every disguise of a personal number that issue 13
//! found is refused by `check` and `build` at the line of its value, with
//! the message pinned; honest numbers are published; and two property
//! tests, over random disguises (each refused at its line) and random
//! honest numbers (none refused).
//!
//! The property tests run `GONGSHI_PROPERTY_CASES` cases each (default
//! 400, a few seconds), through the library, and a sample of them through
//! the binary; `GONGSHI_PROPERTY_SEED` changes the sequence.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use gongshi::diagnostics::problem::NumberKind;
use gongshi::diagnostics::Problem;

use crate::support::{tree, Outcome, SiteTest};

const MOBILE: &str = "error: this looks like a mobile phone number, which must not be published outside `contact.phone`";
const NATIONAL_ID: &str =
    "error: this looks like a national ID number, which must never be published";
const VILLAGE_PATH: &str = "content/villages/gar/shiquanhe/zhaxigang.yaml";

/// A village without a problem, with `{office}` (line 3), `{role}` (line
/// 21) and `{note}` (line 24) to fill in with YAML as written.
const TEMPLATE: &str = r#"name: { bo: "བཀྲ་ཤིས་སྒང་།", zh: "扎西岗村" }
kind: village
contact: { phone: "0897-2821234", office: { bo: "སྒར་རྫོང་།", zh: {office} } }
notices:
  - slug: committee-candidates
    type: candidates
    body: committee
    published: 2021-01-06
    period: { start: 2021-01-06, working_days: 5 }
    seats: { chair: 1 }
    candidates:
      - name: { bo: "སྒྲོལ་མ།", zh: "卓玛" }
        gender: female
        born: 1990-03
        ethnicity: tibetan
        education: junior_high
        party: member
        post: chair
        current_role:
          bo: "ཏང་ཡན་ལག་ཧྲུའུ་ཅི།"
          zh: {role}
    note:
      bo: "ཡི་གེ"
      zh: {note}
"#;

/// The template with the fields given filled in (the others honest).
fn village(fields: &[(&str, &str)]) -> String {
    let honest = [
        ("{office}", "\"狮泉河镇党委\""),
        ("{role}", "\"村党支部书记\""),
        ("{note}", "\"公示期内如有异议，请向镇党委反映。\""),
    ];
    let mut text = TEMPLATE.to_owned();
    for (name, value) in honest {
        let given = fields.iter().find(|(field, _)| *field == name);
        text = text.replace(name, given.map_or(value, |(_, yaml)| yaml));
    }
    text
}

/// The first line of every problem `check` reports on the site.
fn problem_lines(site: &SiteTest) -> Vec<String> {
    let Outcome { stderr, .. } = site.check(&[]);
    stderr
        .lines()
        .filter(|l| l.starts_with("content/"))
        .map(str::to_owned)
        .collect()
}

/// Every disguise the issue lists: the field, its YAML as written, and
/// every problem `check` reports (the number's first).
fn disguises() -> Vec<(&'static str, String, Vec<String>)> {
    let at = |place: &str, message: &str| format!("{VILLAGE_PATH}:{place}: {message}");
    let invisible =
        |place: &str, what: &str| at(place, &format!("error: invisible character {what}"));
    let zwsp = "U+200B (zero-width space)";
    let shy = "U+00AD (soft hyphen)";
    let role = |value: &str, column: usize| {
        (
            "{role}",
            format!("\"电话{value}\""),
            vec![at(&format!("21:{column}"), MOBILE)],
        )
    };
    vec![
        role("139\u{3000}0897\u{3000}1234", 18),
        role("139－0897－1234", 18),
        role("139.0897.1234", 18),
        role("139 08971234", 18),
        role("1390 897 1234", 18),
        role("(139)0897-1234", 19),
        role("139\u{a0}0897\u{a0}1234", 18),
        role("139\u{2010}0897\u{2010}1234", 18),
        (
            "{role}",
            "\"电话139\u{200b}0897\u{200b}1234\"".into(),
            vec![
                at("21:18", MOBILE),
                invisible("21:21", zwsp),
                invisible("21:26", zwsp),
            ],
        ),
        (
            "{role}",
            "\"电话139\u{ad}0897\u{ad}1234\"".into(),
            vec![
                at("21:18", MOBILE),
                invisible("21:21", shy),
                invisible("21:26", shy),
            ],
        ),
        (
            "{role}",
            r#""电话\u0031\u0033\u0039\u0030\u0038\u0039\u0037\u0031\u0032\u0033\u0034""#.into(),
            vec![at("21:15", MOBILE)],
        ),
        (
            "{role}",
            "\"电话1390897\\\n            1234\"".into(),
            vec![at("21:15", MOBILE)],
        ),
        (
            "{note}",
            "\"请拨打&#49;3908971234\"".into(),
            vec![at("24:15", MOBILE)],
        ),
        (
            "{note}",
            r"'请拨打139\-0897\-1234'".into(),
            vec![at("24:15", MOBILE)],
        ),
        (
            "{note}",
            "\"请拨打139**0897**1234\"".into(),
            vec![at("24:15", MOBILE)],
        ),
        (
            "{note}",
            "|\n        公示期内如有异议，\n        请拨打 139**0897**1234。\n".into(),
            vec![at("26:13", MOBILE)],
        ),
        (
            "{role}",
            "\"身份证540102 19900312 1234\"".into(),
            vec![at("21:19", NATIONAL_ID)],
        ),
        (
            "{role}",
            "\"身份证540102-19900312-1234\"".into(),
            vec![at("21:19", NATIONAL_ID)],
        ),
        (
            "{office}",
            "\"扎西 13908971234\"".into(),
            vec![at("3:71", MOBILE)],
        ),
    ]
}

#[test]
fn every_disguise_is_refused_at_its_value() {
    let site = SiteTest::empty();
    site.write(VILLAGE_PATH, &village(&[]));
    assert_eq!(problem_lines(&site), Vec::<String>::new());
    for (field, yaml, expected) in disguises() {
        site.write(VILLAGE_PATH, &village(&[(field, &yaml)]));
        let mut expected = expected;
        expected.sort();
        assert_eq!(problem_lines(&site), expected, "{yaml}");
    }
}

#[test]
fn a_number_as_a_file_or_folder_name_is_refused_at_the_file() {
    let site = SiteTest::empty();
    let clean = village(&[]);
    site.write("content/villages/gar/shiquanhe/13908971234.yaml", &clean);
    site.write(
        "content/villages/gar/139-0897-1234/_index.yaml",
        "name: { bo: \"ཀ\", zh: \"甲\" }\n",
    );
    site.write(
        "content/announcements/540102199003121234.zh.md",
        "---\ntitle: \"通知\"\ndate: 2021-01-10\n---\n\n正文。\n",
    );
    site.write(
        "content/announcements/540102199003121234.bo.md",
        "---\ntitle: \"གསལ་བསྒྲགས།\"\ndate: 2021-01-10\n---\n\nཡི་གེ\n",
    );
    assert_eq!(
        problem_lines(&site),
        [
            format!("content/announcements/540102199003121234.bo.md:1:1: {NATIONAL_ID}"),
            format!("content/announcements/540102199003121234.zh.md:1:1: {NATIONAL_ID}"),
            format!("content/villages/gar/139-0897-1234:1:1: {MOBILE}"),
            format!("content/villages/gar/shiquanhe/13908971234.yaml:1:1: {MOBILE}"),
        ]
    );
}

#[test]
fn build_refuses_every_disguise_and_keeps_the_last_site() {
    let site = SiteTest::empty();
    site.write(VILLAGE_PATH, &village(&[]));
    let build = || {
        let (Outcome { code, stderr, .. }, output) = site.build(&["--today", "2021-01-08"]);
        (code, stderr, output)
    };
    let (code, stderr, output) = build();
    assert_eq!(code, 0, "{stderr}");
    let before = tree(&output);
    assert!(before.len() > 10);
    for (field, yaml, expected) in disguises() {
        site.write(VILLAGE_PATH, &village(&[(field, &yaml)]));
        let (code, stderr, _) = build();
        assert_eq!(code, 1, "{yaml}: {stderr}");
        assert!(stderr.contains(&format!("{}\n", expected[0])), "{stderr}");
        assert!(stderr.contains("is unchanged"), "{stderr}");
        assert!(tree(&output) == before, "{yaml}: the output changed");
    }
    site.write(VILLAGE_PATH, &village(&[]));
    site.write(
        "content/villages/gar/shiquanhe/13908971234.yaml",
        &village(&[]),
    );
    let (code, stderr, _) = build();
    assert_eq!(code, 1, "{stderr}");
    assert!(tree(&output) == before, "the output changed");
}

/// A split ID number needs a birth year no later than the "as of" year,
/// which is `--today`'s: what `check` finds depends on its input and
/// `--today`, not on the year the clock shows.
#[test]
fn the_birth_year_bound_follows_check_today() {
    let site = SiteTest::empty();
    site.write(
        VILLAGE_PATH,
        &village(&[("{role}", "\"编号 540102 20230312 1234\"")]),
    );
    let Outcome { code, stderr, .. } = site.check(&["--today", "2022-12-31"]);
    assert_eq!(code, 0, "born 2023 is no one's birth as of 2022: {stderr}");
    let Outcome { code, stderr, .. } = site.check(&["--today", "2023-01-01"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(NATIONAL_ID), "{stderr}");
}

#[test]
fn honest_numbers_are_published() {
    let site = SiteTest::empty();
    let role =
        "\"办公室电话0897-2822222、(0897)2822223，任期2016.10—2021.1，2021.1.30—2021.10.15\"";
    let note = "|\n        公示期2021-01-06至2021-01-12（2021.1.6—2021.1.12），共5个工作日。\n        电话 0897-2822222 0897-2822223，上午9:00-12:00。\n        应到选民 1523 人，实到 1498 人，得票 1234 票；2019 2020 2021 年度。\n        文号 123456789012345678901234。\n";
    site.write(
        VILLAGE_PATH,
        &village(&[("{role}", role), ("{note}", note)]),
    );
    let Outcome { code, stderr, .. } = site.check(&["--deny-warnings"]);
    assert_eq!(code, 0, "{stderr}");
    let (Outcome { code, stderr, .. }, output) = site.build(&["--today", "2021-01-08"]);
    assert_eq!(code, 0, "{stderr}");
    let page = std::fs::read_to_string(
        output.join("zh/gar/shiquanhe/zhaxigang/committee-candidates/index.html"),
    )
    .unwrap();
    for number in [
        "0897-2822222 0897-2822223",
        "(0897)2822223",
        "2016.10—2021.1",
        "2021.1.30—2021.10.15",
        "123456789012345678901234",
    ] {
        assert!(page.contains(number), "{number} in {page}");
    }
}

#[test]
fn many_numbers_in_one_file_are_each_placed_at_their_line() {
    // Past the first values located exactly, numbers written as such are
    // placed from one reading of the file: each still at its own line.
    let mut text = String::from("name: { bo: \"ཀ་ཁ\", zh: \"甲村\" }\nkind: village\nnotices:\n  - slug: c\n    type: candidates\n    body: committee\n    published: 2021-01-06\n    period: { start: 2021-01-06, working_days: 5 }\n    seats: { chair: 1, member: 59 }\n    candidates:\n");
    let mut expected = Vec::new();
    for i in 0..60 {
        let name: String = format!("{i:02}")
            .chars()
            .map(|d| {
                "零一二三四五六七八九"
                    .chars()
                    .nth(d as usize - '0' as usize)
                    .unwrap()
            })
            .collect();
        let post = if i == 0 { "chair" } else { "member" };
        let _ = write!(
            text,
            "      - name: {{ bo: \"ཀ་ཁ\", zh: \"扎西{name}\" }}\n        gender: female\n        born: 1990-03\n        ethnicity: tibetan\n        education: junior_high\n        party: member\n        post: {post}\n"
        );
        let line = text.lines().count() + 1;
        // Every third number is the same; every seventh, escaped.
        let number = if i % 3 == 0 {
            "139 0897 0000".to_owned()
        } else {
            format!("139 0897 {i:04}")
        };
        let written = if i % 7 == 0 {
            number
                .chars()
                .map(|c| format!("\\u{:04x}", u32::from(c)))
                .collect()
        } else {
            number
        };
        let _ = writeln!(
            text,
            "        current_role: {{ bo: \"ཀ་ཁ\", zh: \"电话{written}\" }}"
        );
        expected.push(format!("{VILLAGE_PATH}:{line}:"));
    }
    let site = SiteTest::empty();
    site.write(VILLAGE_PATH, &text);
    let lines = problem_lines(&site);
    assert!(lines.iter().all(|l| l.ends_with(MOBILE)), "{lines:#?}");
    let mut found: Vec<String> = lines
        .iter()
        .map(|l| {
            let mut parts = l.splitn(3, ':');
            format!("{}:{}:", parts.next().unwrap(), parts.next().unwrap())
        })
        .collect();
    found.sort();
    expected.sort();
    assert_eq!(found, expected);
}

// ---------------------------------------------------------------------
// Property tests.

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// `n` random digits, the first in `first`.
    fn digits(&mut self, n: usize, first: std::ops::RangeInclusive<u8>) -> String {
        let mut out = String::new();
        let (lo, hi) = (*first.start(), *first.end());
        out.push(char::from(
            b'0' + lo + self.below(usize::from(hi - lo) + 1) as u8,
        ));
        for _ in 1..n {
            out.push(char::from(b'0' + self.below(10) as u8));
        }
        out
    }
}

/// How many cases each property test runs.
fn cases() -> usize {
    std::env::var("GONGSHI_PROPERTY_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400)
}

/// The generator's seed.
fn seed() -> u64 {
    std::env::var("GONGSHI_PROPERTY_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x6f6e_6773_6869_0013)
}

/// A secret: its digits as typed (a mobile, maybe after 86; or an ID
/// number, maybe ending in X) and its kind.
fn secret(rng: &mut Rng) -> (String, NumberKind) {
    if rng.chance(50) {
        let prefix = if rng.chance(20) { "86" } else { "" };
        (
            format!("{prefix}1{}", rng.digits(10, 3..=9)),
            NumberKind::Mobile,
        )
    } else {
        let region = rng.pick(&[
            "110101", "120102", "130102", "310101", "440305", "510104", "540102", "542521",
            "630102", "650102",
        ]);
        let year = 1940 + rng.below(66);
        let (month, day) = (1 + rng.below(12), 1 + rng.below(28));
        let check = if rng.chance(20) {
            rng.pick(&["X", "x", "Ｘ"]).to_owned()
        } else {
            rng.digits(1, 0..=9)
        };
        let id = format!(
            "{region}{year}{month:02}{day:02}{}{check}",
            rng.digits(3, 0..=9)
        );
        (id, NumberKind::NationalId)
    }
}

const VISIBLE: &[char] = &[
    ' ', '\u{3000}', '\u{a0}', '-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}',
    '\u{2015}', '\u{2212}', '\u{ff0d}', '.', '\u{ff0e}', '·', '(', ')', '（', '）',
];
const INVISIBLE: &[char] = &['\u{200b}', '\u{ad}', '\u{2060}', '\u{200c}', '\u{200d}'];

/// One digit as typed: ASCII, full-width, Tibetan, mathematical or circled.
fn digit_form(rng: &mut Rng, d: char) -> char {
    let v = u32::from(d) - u32::from('0');
    let base = match rng.below(20) {
        0..=11 => return d,
        12..=15 => 0xFF10,
        16..=17 => 0x0F20,
        18 => 0x1D7CE,
        _ if v == 0 => return '⓪',
        _ => 0x2460 - 1,
    };
    char::from_u32(base + v).unwrap_or(d)
}

/// Whether groups of digits read as dates only (`1998.10—2003.7`): the
/// one shape in which the guard reads a mobile as what it looks like
/// (documented in `check::privacy`). `groups` are the digit groups,
/// `gaps` the visible separators between them.
fn all_dates(groups: &[String], gaps: &[String]) -> bool {
    let year = |g: &String| g.len() == 4 && (1900..=2099).contains(&g.parse::<u32>().unwrap_or(0));
    let upto = |g: &String, max: u32| {
        (1..=2).contains(&g.len()) && (1..=max).contains(&g.parse::<u32>().unwrap_or(0))
    };
    let date_sep = |s: &String| s == "-" || s == ".";
    let mut k = 0;
    while k < groups.len() {
        if !year(&groups[k]) || k + 1 >= groups.len() || !upto(&groups[k + 1], 12) {
            return false;
        }
        let sep = &gaps[k];
        if !date_sep(sep) || (k > 0 && &gaps[k - 1] == sep) {
            return false;
        }
        let mut len = 2;
        if k + 2 < groups.len() && &gaps[k + 1] == sep && upto(&groups[k + 2], 31) {
            len = 3;
        }
        if k + len < groups.len() && &gaps[k + len - 1] == sep {
            return false;
        }
        k += len;
    }
    true
}

/// A secret disguised: cut into groups joined by random separator runs,
/// its digits in random forms. `None` when the cut reads as dates only.
fn disguise(rng: &mut Rng, secret: &str) -> Option<String> {
    let digits: Vec<char> = secret.chars().filter(char::is_ascii_digit).collect();
    let tail: String = secret.chars().filter(|c| !c.is_ascii_digit()).collect();
    let mut cuts: Vec<usize> = (0..rng.below(5))
        .map(|_| 1 + rng.below(digits.len() - 1))
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut groups = Vec::new();
    let mut from = 0;
    for &cut in cuts.iter().chain([digits.len()].iter()) {
        groups.push(digits[from..cut].iter().collect::<String>());
        from = cut;
    }
    let mut gaps = Vec::new();
    for _ in 1..groups.len() {
        let visible = rng.below(4);
        let mut gap: Vec<char> = (0..visible).map(|_| rng.pick(VISIBLE)).collect();
        let invisible = if visible == 0 {
            1 + rng.below(2)
        } else {
            rng.below(2)
        };
        for _ in 0..invisible {
            let at = rng.below(gap.len() + 1);
            gap.insert(at, rng.pick(INVISIBLE));
        }
        gaps.push(gap.into_iter().collect::<String>());
    }
    let folded_gaps: Vec<String> = gaps
        .iter()
        .map(|g| {
            g.chars()
                .filter(|c| !INVISIBLE.contains(c))
                .map(|c| match c {
                    '\u{ff0e}' => '.',
                    '\u{ff0d}' => '-',
                    c => c,
                })
                .collect()
        })
        .collect();
    if all_dates(&groups, &folded_gaps) {
        return None;
    }
    let mut out = String::new();
    if secret.starts_with("86") && rng.chance(50) {
        out.push(rng.pick(&['+', '＋']));
    }
    for (i, group) in groups.iter().enumerate() {
        if i > 0 {
            out.push_str(&gaps[i - 1]);
        }
        for d in group.chars() {
            out.push(digit_form(rng, d));
        }
    }
    out.push_str(&tail);
    Some(out)
}

/// Where a case puts its secret.
#[derive(Clone, Copy, Debug)]
enum Field {
    RoleZh,
    RoleBo,
    OfficeZh,
    OfficeBo,
    NameZh,
    NoteZh,
    NoteBo,
    AnnouncementBody,
    AnnouncementTitle,
}

impl Field {
    fn is_tibetan(self) -> bool {
        matches!(self, Field::RoleBo | Field::OfficeBo | Field::NoteBo)
    }

    fn is_markdown(self) -> bool {
        matches!(
            self,
            Field::NoteZh | Field::NoteBo | Field::AnnouncementBody
        )
    }
}

const FIELDS: &[Field] = &[
    Field::RoleZh,
    Field::RoleBo,
    Field::OfficeZh,
    Field::OfficeBo,
    Field::NameZh,
    Field::NoteZh,
    Field::NoteBo,
    Field::AnnouncementBody,
    Field::AnnouncementTitle,
];

/// Text around a number.
fn context(rng: &mut Rng, tibetan: bool) -> (&'static str, &'static str) {
    if tibetan {
        (
            rng.pick(&["ཁ་པར", "འབྲེལ་གཏུག་ ", "ལག་ཁྱེར་ཨང་གྲངས། ", "ཁ་པར་"]),
            rng.pick(&["", "།", " ལ་འབྲེལ་གཏུག་གནང་རོགས།"]),
        )
    } else {
        (
            rng.pick(&[
                "电话",
                "联系人扎西，手机：",
                "身份证号",
                "现任村委会委员，",
                "办公室电话0897-2822222 ",
                "如有异议请拨打 ",
            ]),
            rng.pick(&["", "。", "（扎西）", " 谢谢", "，2021年1月10日前"]),
        )
    }
}

/// `text` disguised as Markdown that renders to it.
fn markdown(rng: &mut Rng, text: &str) -> String {
    match rng.below(6) {
        // Character references.
        0 => text
            .chars()
            .map(|c| match rng.below(4) {
                0 => format!("&#{};", u32::from(c)),
                1 => format!("&#x{:x};", u32::from(c)),
                _ => c.to_string(),
            })
            .collect(),
        // Backslash escapes.
        1 => text
            .chars()
            .map(|c| match c {
                '-' | '.' | '(' | ')' => format!("\\{c}"),
                c => c.to_string(),
            })
            .collect(),
        // Emphasis around one run of digits.
        2 => {
            let mark = rng.pick(&["**", "*"]);
            let chars: Vec<char> = text.chars().collect();
            let is_digit = |c: char| c.is_numeric();
            let runs: Vec<(usize, usize)> = (0..chars.len())
                .filter(|&i| is_digit(chars[i]) && (i == 0 || !is_digit(chars[i - 1])))
                .map(|i| {
                    (
                        i,
                        (i..chars.len()).take_while(|&j| is_digit(chars[j])).count(),
                    )
                })
                .collect();
            let (at, len) = runs[rng.below(runs.len())];
            let mut out: String = chars[..at].iter().collect();
            out.push_str(mark);
            out.extend(&chars[at..at + len]);
            out.push_str(mark);
            out.extend(&chars[at + len..]);
            out
        }
        3 => format!("![{text}](a.png)"),
        4 => format!("[{text}](https://example.org/)"),
        _ => text.to_owned(),
    }
}

/// A `tel:` link to the secret (digits percent-encoded at random).
fn tel_link(rng: &mut Rng, secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    let mut dest = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() && rng.chance(30) {
            let _ = write!(dest, "%{:02X}", u32::from(c));
        } else {
            dest.push(c);
        }
        // A hyphen between two digits, never before the X of an ID.
        if chars.get(i + 1).is_some_and(char::is_ascii_digit) && rng.chance(10) {
            dest.push('-');
        }
    }
    format!("[电话](tel:{dest})")
}

/// `text` as a YAML scalar on a line indented `indent`: double-quoted
/// (with escapes and maybe a line continuation) or single-quoted.
fn yaml_scalar(rng: &mut Rng, text: &str, indent: usize) -> String {
    if rng.chance(20) {
        return format!("'{}'", text.replace('\'', "''"));
    }
    let chars: Vec<char> = text.chars().collect();
    let continuation = if rng.chance(25) && chars.len() > 2 {
        Some(1 + rng.below(chars.len() - 1))
    } else {
        None
    };
    let mut out = String::from("\"");
    for (i, &c) in chars.iter().enumerate() {
        if continuation == Some(i) && !c.is_whitespace() && !chars[i - 1].is_whitespace() {
            let _ = write!(out, "\\\n{}", " ".repeat(indent + 2));
        }
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '0'..='9' if rng.chance(15) => {
                let _ = match rng.below(3) {
                    0 => write!(out, "\\x{:02x}", u32::from(c)),
                    1 => write!(out, "\\u{:04x}", u32::from(c)),
                    _ => write!(out, "\\U{:08x}", u32::from(c)),
                };
            }
            c if !c.is_ascii() && rng.chance(10) && u32::from(c) <= 0xFFFF => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One case: the files it writes (below `content/`), and where its
/// secret must be reported (path, line).
struct Case {
    files: Vec<(String, String)>,
    expected: (String, usize),
    kind: NumberKind,
    shown: String,
}

/// A village file below `content/villages/gar/shiquanhe/` with one field
/// holding `text` (YAML scalar or Markdown source); the line to report.
fn village_case(rng: &mut Rng, field: Field, text: &str) -> (String, usize) {
    let mut lines: Vec<String> = Vec::new();
    let mut line = 0;
    let honest_zh = "\"狮泉河镇党委\"";
    let honest_bo = "\"སྒར་རྫོང་།\"";
    let put = |lines: &mut Vec<String>,
               head: &str,
               indent: usize,
               mine: bool,
               honest: &str,
               rng: &mut Rng| {
        if !mine {
            lines.push(format!("{}{head}: {honest}", " ".repeat(indent)));
            return 0;
        }
        let at = lines.len() + 1;
        if matches!(field, Field::NoteZh | Field::NoteBo) && rng.chance(50) {
            // A literal block: the number on its second line.
            lines.push(format!("{}{head}: |", " ".repeat(indent)));
            lines.push(format!("{}公示如下。", " ".repeat(indent + 2)));
            lines.push(format!("{}{text}", " ".repeat(indent + 2)));
            return at + 2;
        }
        let scalar = yaml_scalar(rng, text, indent);
        for (i, part) in scalar.split('\n').enumerate() {
            lines.push(if i == 0 {
                format!("{}{head}: {part}", " ".repeat(indent))
            } else {
                part.to_owned()
            });
        }
        at
    };
    lines.push("name: { bo: \"བཀྲ་ཤིས་སྒང་།\", zh: \"扎西岗村\" }".into());
    lines.push("kind: village".into());
    lines.push("contact:".into());
    lines.push("  phone: \"0897-2821234\"".into());
    lines.push("  office:".into());
    line += put(
        &mut lines,
        "bo",
        4,
        matches!(field, Field::OfficeBo),
        honest_bo,
        rng,
    );
    line += put(
        &mut lines,
        "zh",
        4,
        matches!(field, Field::OfficeZh),
        honest_zh,
        rng,
    );
    for fixed in [
        "notices:",
        "  - slug: committee-candidates",
        "    type: candidates",
        "    body: committee",
        "    published: 2021-01-06",
        "    period: { start: 2021-01-06, working_days: 5 }",
        "    seats: { chair: 1 }",
        "    candidates:",
        "      - name:",
        "          bo: \"སྒྲོལ་མ།\"",
    ] {
        lines.push(fixed.into());
    }
    line += put(
        &mut lines,
        "zh",
        10,
        matches!(field, Field::NameZh),
        "\"卓玛\"",
        rng,
    );
    for fixed in [
        "        gender: female",
        "        born: 1990-03",
        "        ethnicity: tibetan",
        "        education: junior_high",
        "        party: member",
        "        post: chair",
        "        current_role:",
    ] {
        lines.push(fixed.into());
    }
    line += put(
        &mut lines,
        "bo",
        10,
        matches!(field, Field::RoleBo),
        "\"ཏང་ཡན་ལག་ཧྲུའུ་ཅི།\"",
        rng,
    );
    line += put(
        &mut lines,
        "zh",
        10,
        matches!(field, Field::RoleZh),
        "\"村党支部书记\"",
        rng,
    );
    lines.push("    note:".into());
    line += put(
        &mut lines,
        "bo",
        6,
        matches!(field, Field::NoteBo),
        "\"ཡི་གེ\"",
        rng,
    );
    line += put(
        &mut lines,
        "zh",
        6,
        matches!(field, Field::NoteZh),
        "\"如有异议请反映。\"",
        rng,
    );
    let mut text = lines.join("\n");
    text.push('\n');
    (text, line)
}

/// The files of case `n` with `text` (as typed) in `field`, and where a
/// number in it is to be reported (path, line).
fn files_for(
    rng: &mut Rng,
    field: Field,
    text: &str,
    n: usize,
) -> (Vec<(String, String)>, (String, usize)) {
    match field {
        Field::AnnouncementBody | Field::AnnouncementTitle => {
            let zh = format!("content/announcements/a{n}.zh.md");
            let title = matches!(field, Field::AnnouncementTitle);
            let (head, body) = if title {
                (yaml_scalar(rng, text, 0), "正文。")
            } else {
                ("\"通知\"".to_owned(), text)
            };
            let files = vec![
                (
                    zh.clone(),
                    format!(
                        "---\ntitle: {head}\ndate: 2021-01-10\n---\n\n第一段。\n\n{body}\n\n最后一段。\n"
                    ),
                ),
                (
                    format!("content/announcements/a{n}.bo.md"),
                    "---\ntitle: \"གསལ་བསྒྲགས།\"\ndate: 2021-01-10\n---\n\nཡི་གེ\n".to_owned(),
                ),
            ];
            (files, (zh, if title { 2 } else { 8 }))
        }
        _ => {
            let (file, line) = village_case(rng, field, text);
            let path = format!("content/villages/gar/shiquanhe/v{n}.yaml");
            (vec![(path.clone(), file)], (path, line))
        }
    }
}

/// One random case numbered `n`: a secret, disguised, in a random field.
fn case(rng: &mut Rng, n: usize) -> Case {
    let (secret, kind) = secret(rng);
    let disguised = loop {
        if let Some(d) = disguise(rng, &secret) {
            break d;
        }
    };
    let field = rng.pick(FIELDS);
    let (before, after) = context(rng, field.is_tibetan());
    let text = if field.is_markdown() && rng.chance(10) {
        format!("{before}{}{after}", tel_link(rng, &secret))
    } else if field.is_markdown() {
        format!("{before}{}{after}", markdown(rng, &disguised))
    } else {
        format!("{before}{disguised}{after}")
    };
    let (files, expected) = files_for(rng, field, &text, n);
    Case {
        files,
        expected,
        kind,
        shown: format!("{field:?} {secret:?} as {text:?}"),
    }
}

/// Personal numbers found, by path: (line, kind).
type Numbers = BTreeMap<String, Vec<(usize, NumberKind)>>;

/// The personal numbers a library `check` of `root` finds, by path:
/// (line, kind), and every other error by path.
fn library_check(root: &Path) -> (Numbers, Vec<String>) {
    let checked = gongshi::pipeline::check(root, None).expect("the site loads");
    let mut numbers = Numbers::new();
    let mut others = Vec::new();
    for located in checked.diagnostics.resolved(&checked.sources) {
        match &located.diagnostic.problem {
            Problem::PersonalNumber(kind) => numbers
                .entry(located.path.to_owned())
                .or_default()
                .push((located.line, *kind)),
            // An invisible character is refused at its place as well.
            Problem::Render(_) => {}
            other => others.push(format!("{}:{}: {other}", located.path, located.line)),
        }
    }
    (numbers, others)
}

/// Writes `cases` into a fresh site.
fn site_of(cases: &[Case]) -> SiteTest {
    let site = SiteTest::empty();
    for case in cases {
        for (path, text) in &case.files {
            site.write(path, text);
        }
    }
    site
}

/// Cases per site: one `check` reads a batch.
const BATCH: usize = 200;

#[test]
fn random_disguises_are_refused_at_their_line() {
    let mut rng = Rng(seed());
    let total = cases();
    let mut done = 0;
    while done < total {
        let batch: Vec<Case> = (done..total.min(done + BATCH))
            .map(|n| case(&mut rng, n))
            .collect();
        let site = site_of(&batch);
        let (numbers, others) = library_check(site.root());
        assert!(
            others.is_empty(),
            "the generator made other problems: {others:#?}"
        );
        for case in &batch {
            let (path, line) = &case.expected;
            let found = numbers.get(path).cloned().unwrap_or_default();
            assert_eq!(found, [(*line, case.kind)], "{path}: {}", case.shown);
        }
        if done == 0 {
            // A sample through the binary: the same places.
            let Outcome { code, stderr, .. } = site.check(&[]);
            assert_eq!(code, 1);
            for case in batch.iter().take(60) {
                let (path, line) = &case.expected;
                let message = match case.kind {
                    NumberKind::Mobile => MOBILE,
                    NumberKind::NationalId => NATIONAL_ID,
                };
                let head = format!("{path}:{line}:");
                let lines: Vec<&str> = stderr
                    .lines()
                    .filter(|l| {
                        l.starts_with(path.as_str())
                            && (l.contains(MOBILE) || l.contains(NATIONAL_ID))
                    })
                    .collect();
                assert_eq!(lines.len(), 1, "{}: {lines:?}", case.shown);
                assert!(
                    lines[0].starts_with(&head) && lines[0].ends_with(message),
                    "{}: {}",
                    case.shown,
                    lines[0]
                );
            }
        }
        done += batch.len();
    }
}

/// An honest text with numbers in it.
fn honest(rng: &mut Rng) -> String {
    let area =
        |rng: &mut Rng| rng.pick(&["0891", "0892", "0893", "0896", "0897", "010", "028", "0971"]);
    let landline = |rng: &mut Rng| {
        let a = area(rng);
        let local = rng.digits(if a.len() == 3 { 8 } else { 7 }, 2..=8);
        match rng.below(5) {
            0 => format!("{a}-{local}"),
            1 => format!("({a}){local}"),
            2 => format!("（{a}）{local}"),
            3 => format!("{a} {local}"),
            _ => format!("{a}－{local}"),
        }
    };
    let date = |rng: &mut Rng, style: usize| {
        let (y, m, d) = (1950 + rng.below(80), 1 + rng.below(12), 1 + rng.below(28));
        match style {
            0 => format!("{y}-{m:02}-{d:02}"),
            1 => format!("{y}.{m}.{d}"),
            2 => format!("{y}.{m:02}.{d:02}"),
            3 => format!("{y}年{m}月{d}日"),
            _ => format!("{y}/{m}/{d}"),
        }
    };
    let month = |rng: &mut Rng| format!("{}.{}", 1950 + rng.below(80), 1 + rng.below(12));
    let range = |rng: &mut Rng| rng.pick(&["—", "–", "至", " - ", " — ", "~", "～", "到"]);
    match rng.below(12) {
        0 => format!("办公室电话{}", landline(rng)),
        1 => format!(
            "电话{}{}{}",
            landline(rng),
            rng.pick(&["、", " ", "，", "/", " 或 "]),
            landline(rng)
        ),
        2 => format!("电话{}{}{}", landline(rng), rng.pick(&["-", " 转 "]), {
            let n = 3 + rng.below(2);
            rng.digits(n, 1..=9)
        }),
        3 => {
            let style = rng.below(5);
            format!("{}{}{}", date(rng, style), range(rng), date(rng, style))
        }
        4 => format!(
            "任期{}{}{}",
            month(rng),
            rng.pick(&["—", "-", "至"]),
            month(rng)
        ),
        5 => {
            let style = rng.below(5);
            format!(
                "{} {}:{:02}",
                date(rng, style),
                rng.below(24),
                rng.below(60)
            )
        }
        6 => format!(
            "上午{}:{:02}-{}:{:02}",
            8 + rng.below(4),
            rng.below(60),
            12 + rng.below(6),
            rng.below(60)
        ),
        7 => format!(
            "应到选民 {} 人，实到 {} 人，得票{}票，占{}.{}%",
            rng.below(100_000),
            rng.below(100_000),
            rng.below(5000),
            rng.below(100),
            rng.below(10)
        ),
        8 => {
            let n = 19 + rng.below(12);
            format!("文号{}", rng.digits(n, 1..=9))
        }
        9 => {
            let sep = rng.pick(&["、", " ", "，"]);
            let years: Vec<String> = (0..2 + rng.below(4))
                .map(|_| (1990 + rng.below(40)).to_string())
                .collect();
            format!("{}年度", years.join(sep))
        }
        10 => format!("邮编{} 电话{}", rng.digits(6, 1..=8), landline(rng)),
        _ => format!(
            "第{}届，共{}个村，{}、{}、{}",
            rng.below(20),
            rng.below(1000),
            rng.below(999),
            rng.below(999),
            rng.below(999)
        ),
    }
}

#[test]
fn random_honest_numbers_pass() {
    let mut rng = Rng(seed() ^ 0x5555);
    let total = cases();
    let mut done = 0;
    while done < total {
        let batch: Vec<Case> = (done..total.min(done + BATCH))
            .map(|n| {
                let field = rng.pick(FIELDS);
                let (before, after) = if field.is_tibetan() {
                    ("ཁ་པར ", "།")
                } else {
                    ("说明：", "。")
                };
                let mut text = format!("{before}{}{after}", honest(&mut rng));
                if field.is_markdown() && rng.chance(30) {
                    text = text.replace('-', "\\-");
                }
                let (files, expected) = files_for(&mut rng, field, &text, n);
                Case {
                    files,
                    expected,
                    kind: NumberKind::Mobile,
                    shown: format!("{field:?} {text:?}"),
                }
            })
            .collect();
        let site = site_of(&batch);
        let (numbers, others) = library_check(site.root());
        assert!(others.is_empty(), "{others:#?}");
        for case in &batch {
            for (path, _) in &case.files {
                assert!(
                    !numbers.contains_key(path),
                    "{path}: {} reported {:?}",
                    case.shown,
                    numbers[path]
                );
            }
        }
        if done == 0 {
            let Outcome { code, stderr, .. } = site.check(&["--deny-warnings"]);
            assert_eq!(code, 0, "{stderr}");
        }
        done += batch.len();
    }
}

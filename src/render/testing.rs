//! What the unit tests of the site-wide files share: a small resolved
//! site made in memory, the built-in theme, and a run of the site-wide
//! files that records what was rendered.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use jiff::civil::{date, Date};

use super::{FileKeys, FileSet, FileState, RunFiles, Theme};
use crate::calendar::{Calendar, Period, Status};
use crate::content::codes::{Body, Digits, Language, VillageKind};
use crate::content::model::{Rules, Text};
use crate::site::{Site, SiteCounty, SiteNotice, SiteNoticeDetail, SiteTownship, SiteVillage};

/// A text in both languages.
pub(super) fn text(bo: &str, zh: &str) -> Text {
    Text {
        bo: bo.into(),
        zh: zh.into(),
    }
}

/// A site as of `today` of `counties` counties (`c1`, `c2`, …), each of
/// one township `t` of `villages` villages (`v1`, …), each with one
/// candidates notice published on a day of January 2021 (village `k` on
/// day `k`, from the 1st again after the 28th), its period open.
pub(super) fn site(counties: usize, villages: usize, today: Date) -> Site {
    let counties = (1..=counties)
        .map(|c| SiteCounty {
            slug: format!("c{c}"),
            name: text("རྫོང་།", &format!("{c}县")),
            townships: vec![SiteTownship {
                slug: "t".into(),
                name: text("ཤང་།", "乡"),
                villages: (1..=villages)
                    .map(|v| Arc::new(village(&format!("v{v}"), ((v - 1) % 28 + 1) as i8)))
                    .collect(),
                figures: Vec::new(),
            }],
        })
        .collect();
    Site {
        today,
        preview: false,
        languages: vec![Language::Bo, Language::Zh],
        base_url: "https://example.org/ngari/".into(),
        timezone: jiff::tz::TimeZone::get("Asia/Shanghai").unwrap(),
        digits: Digits::Arabic,
        title: text("ཁྱབ་བསྒྲགས།", "公示"),
        region: text("མངའ་རིས།", "阿里地区"),
        counties,
        announcements: Vec::new(),
        figures: Default::default(),
        rules: Rules::default(),
        calendar: Calendar::default(),
        contact: None,
        shared: Default::default(),
    }
}

/// A village `slug` with one candidates notice published on `day`.
pub(super) fn village(slug: &str, day: i8) -> SiteVillage {
    let published = date(2021, 1, day);
    SiteVillage {
        key: crate::keys::hash_of(&(slug, day)),
        slug: slug.into(),
        name: text("གྲོང་ཚོ།", &format!("{slug}村")),
        kind: VillageKind::Village,
        persons: Default::default(),
        notices: vec![SiteNotice {
            slug: "party-branch-candidates".into(),
            body: Body::PartyBranch,
            published,
            draft: false,
            scheduled: false,
            corrected: None,
            detail: SiteNoticeDetail::Candidates {
                period: Period {
                    start: published,
                    last: date(2021, 2, 1),
                },
                status: Status::Open {
                    working_days_left: 3,
                },
                seats: Vec::new().into(),
            },
        }],
    }
}

/// The built-in theme.
pub(super) fn theme() -> Theme {
    let root = tempfile::tempdir().unwrap();
    Theme::load(root.path(), "default").unwrap()
}

/// What a run made of each file: its bytes, or `None` if it was found
/// unchanged.
pub(super) type Made = BTreeMap<String, Option<Vec<u8>>>;

/// Runs `make` (which renders into the `Out` it is given) with the keys
/// kept in `keys`, and remembers this run's: what it made of each file.
pub(super) fn run(
    keys: &mut FileKeys,
    make: impl FnOnce(&mut super::Out<'_>) -> Result<(), String>,
) -> Made {
    let made = Mutex::new(Made::new());
    let sink = |path: &str, state: FileState<'_>| {
        let bytes = match state {
            FileState::Fresh(bytes) => Some(bytes.to_vec()),
            FileState::Unchanged => None,
            FileState::Parts(_) | FileState::Gone => return Ok(()),
        };
        made.lock().unwrap().insert(path.to_owned(), bytes);
        Ok(())
    };
    let set: FileSet = {
        let mut out = super::Out::new(keys, &sink);
        make(&mut out).unwrap();
        out.finish()
    };
    let mut files = RunFiles::default();
    files.add(set);
    keys.remember(&files, &[]);
    made.into_inner().unwrap()
}

use super::*;

fn placeholders(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .filter(|name| {
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

#[test]
fn every_catalog_parses() {
    for lang in [Lang::En, Lang::Zh, Lang::Bo] {
        Catalog::parse(lang.catalog_source()).expect("the catalog parses");
    }
}

#[test]
fn chinese_is_complete_and_fills_the_same_places() {
    let (en, zh) = (catalog(Lang::En), catalog(Lang::Zh));
    assert_eq!(
        zh.keys(),
        en.keys(),
        "zh.yaml has exactly the keys of en.yaml"
    );
    for key in en.keys() {
        assert_eq!(
            placeholders(zh.get(key).unwrap()),
            placeholders(en.get(key).unwrap()),
            "{key}"
        );
    }
}

#[test]
fn tibetan_texts_are_known_keys_and_marked_unconfirmed() {
    let (en, bo) = (catalog(Lang::En), catalog(Lang::Bo));
    for key in bo.keys() {
        let english = en
            .get(key)
            .unwrap_or_else(|| panic!("bo.yaml has unknown key {key}"));
        assert_eq!(
            placeholders(bo.get(key).unwrap()),
            placeholders(english),
            "{key}"
        );
        assert!(
            bo.unconfirmed.iter().any(|k| k == key),
            "{key} awaits a native reader: list it under `unconfirmed`"
        );
    }
    for key in &bo.unconfirmed {
        assert!(
            bo.get(key).is_some(),
            "unconfirmed key {key} is not in bo.yaml"
        );
    }
    assert!(!bo.keys().iter().any(|k| bo.get(k).unwrap().contains("།་")));
}

/// Every literal key the code asks for (`say!("…")`, `text("…")`,
/// `fill_count("…")`) is in the English catalog.
#[test]
fn every_key_the_code_uses_exists() {
    let en = catalog(Lang::En);
    let mut missing = Vec::new();
    let mut seen = 0;
    for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let source = std::fs::read_to_string(entry.path()).unwrap();
        for opener in [
            "say!(\"",
            "text(\"",
            "fill_count(\"",
            "Unexpected(\"",
            "WHY: &str = \"",
            "BadRule(\"",
        ] {
            for rest in source.split(opener).skip(1) {
                let key = rest.split('"').next().unwrap_or("");
                if key.contains('.') && !key.contains(' ') && !key.contains('{') {
                    seen += 1;
                    if en.get(key).is_none() && en.get(&format!("{key}.other")).is_none() {
                        missing.push(format!("{}: {key}", entry.path().display()));
                    }
                }
            }
        }
    }
    assert!(seen > 100, "the scan finds the keys ({seen})");
    assert!(
        missing.is_empty(),
        "keys missing from en.yaml:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_code_kind_has_a_name() {
    for kind in [
        "gender",
        "education",
        "party status",
        "ethnicity",
        "background",
        "body",
        "post",
        "notice type",
        "kind",
        "language",
        "digits",
        "rule target",
        "code",
    ] {
        let key = format!("kind.{}", kind.replace(' ', "_"));
        assert!(catalog(Lang::En).get(&key).is_some(), "{key}");
    }
}

#[test]
fn locale_tags_choose_a_language() {
    assert_eq!(Lang::from_tag("zh_CN.UTF-8"), Lang::Zh);
    assert_eq!(Lang::from_tag("zh-Hans-CN"), Lang::Zh);
    assert_eq!(Lang::from_tag("bo_CN"), Lang::Bo);
    assert_eq!(Lang::from_tag("en_US.UTF-8"), Lang::En);
    assert_eq!(Lang::from_tag("C"), Lang::En);
    assert_eq!(Lang::from_tag("POSIX"), Lang::En);
    assert_eq!(Lang::from_tag("fr_FR"), Lang::En);
}

#[test]
fn placeholders_are_filled_and_unknown_keys_shown_as_themselves() {
    // The chosen language of the test process is English.
    assert_eq!(
        fill("problem.missing_field", &[("field", &"born")]),
        "missing field `born`"
    );
    assert_eq!(fill_count("report.errors", 1, &[]), "1 error");
    assert_eq!(fill_count("report.errors", 3, &[]), "3 errors");
    assert_eq!(fill("no.such.key", &[]), "no.such.key");
    assert_eq!(
        say!("problem.unknown_code", kind = "x", value = "{y}"),
        "unknown x `{y}`"
    );
}

//! The language of gongshi's own messages: `--lang`, else the locale.
//!
//! The broken fixture's whole report is pinned in Chinese
//! (`check.zh.stderr`) as it is in English (`check.stderr`).

use crate::support::{assert_matches_file, fixture, gongshi, outcome, Outcome};

/// `gongshi` under the given locale variables (all others removed).
fn run_in(locale: &[(&str, &str)], args: &[&str]) -> Outcome {
    let mut cmd = gongshi(args);
    cmd.env_remove("LANG");
    for (name, value) in locale {
        cmd.env(name, value);
    }
    outcome(cmd)
}

fn broken() -> String {
    fixture("broken").to_str().unwrap().to_owned()
}

#[test]
fn a_chinese_locale_gets_the_whole_report_in_chinese() {
    let root = broken();
    let Outcome {
        code,
        stdout,
        stderr,
    } = run_in(&[("LANG", "zh_CN.UTF-8")], &["check", "--root", &root]);
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert_matches_file(&stderr, &fixture("broken").join("check.zh.stderr"));
    // Positions and the `path:line:column:` prefix stay as tools read them.
    let first = stderr.lines().next().unwrap();
    assert!(
        first.starts_with("content/README.txt:1:1: 警告: "),
        "{first}"
    );
}

#[test]
fn lang_overrides_the_locale() {
    let root = broken();
    let Outcome { stderr, .. } = run_in(
        &[("LANG", "zh_CN.UTF-8")],
        &["check", "--lang", "en", "--root", &root],
    );
    assert_matches_file(&stderr, &fixture("broken").join("check.stderr"));
    let Outcome { stderr, .. } = run_in(
        &[("LANG", "en_US.UTF-8")],
        &["--lang=zh", "check", "--root", &root],
    );
    assert!(stderr.contains(": 错误: "), "{stderr}");
}

#[test]
fn lc_all_then_lc_messages_then_lang_choose_the_language() {
    let root = broken();
    let last = |locale: &[(&str, &str)]| {
        let Outcome { stderr, .. } = run_in(locale, &["check", "--root", &root]);
        stderr.lines().last().unwrap_or_default().to_owned()
    };
    let english = last(&[("LANG", "C")]);
    assert!(english.ends_with(" files"), "{english}");
    let chinese = last(&[("LANG", "zh_CN.UTF-8")]);
    assert!(chinese.contains("个错误"), "{chinese}");
    assert_eq!(
        last(&[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")]),
        chinese
    );
    assert_eq!(
        last(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")]),
        english
    );
    assert_eq!(
        last(&[("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "C")]),
        chinese
    );
    // An empty variable counts as unset (as the before-stop hook sets LC_ALL=).
    assert_eq!(last(&[("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")]), chinese);
}

#[test]
fn tibetan_falls_back_to_chinese_where_it_has_no_text() {
    let root = broken();
    let Outcome { stderr, .. } = run_in(&[("LANG", "bo_CN.UTF-8")], &["check", "--root", &root]);
    // Every message is in Tibetan or Chinese, none in English.
    for line in stderr.lines().filter(|l| l.starts_with("content/")) {
        let message = line.splitn(4, ':').nth(3).unwrap_or_default();
        assert!(
            message
                .chars()
                .any(|c| matches!(c, '\u{0F00}'..='\u{0FFF}' | '\u{4E00}'..='\u{9FFF}')),
            "{line}"
        );
    }
}

#[test]
fn help_is_in_the_chosen_language() {
    let Outcome { code, stdout, .. } = run_in(&[("LANG", "zh_CN.UTF-8")], &["check", "--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("--deny-warnings"), "{stdout}");
    assert!(stdout.contains("用法"), "{stdout}");
    assert!(!stdout.contains("Usage"), "{stdout}");
    let Outcome {
        stdout: english, ..
    } = run_in(&[("LANG", "zh_CN.UTF-8")], &["--lang", "en", "--help"]);
    assert!(english.contains("Usage: gongshi"), "{english}");
}

#[test]
fn ewts_converts_and_warns_in_the_chosen_language() {
    let Outcome {
        code,
        stdout,
        stderr,
    } = run_in(
        &[("LANG", "zh_CN.UTF-8")],
        &["ewts", "bkra shis don grub", "test"],
    );
    assert_eq!(code, 0);
    assert_eq!(stdout, "བཀྲ་ཤིས་དོན་གྲུབ\nཏེསཏ\n");
    assert!(stderr.starts_with("ewts:2:4: 警告: "), "{stderr}");
    let Outcome { stderr, .. } = run_in(&[("LANG", "C")], &["ewts", "test"]);
    assert_eq!(
        stderr,
        "ewts:1:4: warning: `t` cannot follow the suffix `s`\n"
    );
}

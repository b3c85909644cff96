//! The command line itself: help, exit statuses, the example site.

use crate::support::{example_root, run, Outcome, SiteTest};

#[test]
fn help_describes_all_three_commands() {
    let Outcome { code, stdout, .. } = run(&["--help"]);
    assert_eq!(code, 0);
    for command in ["build", "serve", "check"] {
        assert!(
            stdout.contains(command),
            "--help names `{command}`:\n{stdout}"
        );
    }
}

#[test]
fn the_example_site_passes_check_with_deny_warnings() {
    let root = example_root();
    let Outcome { code, stderr, .. } =
        run(&["check", "--deny-warnings", "--root", root.to_str().unwrap()]);
    assert_eq!(
        stderr.lines().last(),
        Some("no problems in 35 files"),
        "{stderr}"
    );
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn exit_status_says_what_was_found() {
    let site = SiteTest::empty();
    // Warnings only: a village with a candidates notice whose translation is missing.
    site.write(
        "content/villages/gar/shiquanhe/zhaxigang.yaml",
        "name: { bo: \"བཀྲ་ཤིས་སྒང་།\", zh: \"\" }\nkind: village\n",
    );
    let Outcome { code, stderr, .. } = site.check(&[]);
    assert_eq!(code, 0, "warnings alone pass: {stderr}");
    assert!(
        stderr.ends_with("0 errors, 1 warning in 1 file\n"),
        "{stderr}"
    );
    let Outcome { code, .. } = site.check(&["--deny-warnings"]);
    assert_eq!(code, 1, "--deny-warnings fails on warnings");
    site.write("content/villages/gar/shiquanhe/zhaxigang.yaml", "name: [\n");
    let Outcome { code, .. } = site.check(&[]);
    assert_eq!(code, 1, "errors fail");
}

#[test]
fn a_root_without_content_cannot_run() {
    let dir = tempfile::tempdir().unwrap();
    let Outcome { code, stderr, .. } = run(&["check", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: no `content` folder in "),
        "{stderr}"
    );
}

#[test]
fn a_bad_today_is_refused() {
    let Outcome { code, stderr, .. } = run(&["check", "--today", "2021/1/10"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("`2021/1/10` is not a date"), "{stderr}");
}

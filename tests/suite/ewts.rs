//! The EWTS converter against the jsewts test corpus: 210 EWTS/Unicode pairs
//! (Apache-2.0), which is not part of the repository. Fetch it with
//!
//! ```text
//! mkdir -p target/jsewts && (cd target/jsewts && npm pack jsewts@1.0.4 --silent >/dev/null && tar xzf jsewts-1.0.4.tgz)
//! ```
//!
//! or point `GONGSHI_EWTS_CORPUS` at its `package/test/test.txt`.
//!
//! The corpus is tab-separated: EWTS, the expected Unicode, whether the
//! reference converter warns (0 never, 1 in strict mode only, 2 always),
//! then three columns about converting back, which are not used here. Lines
//! starting with `#` are comments.

use std::path::PathBuf;

use gongshi::ewts::to_tibetan;

const FETCH: &str = "mkdir -p target/jsewts && (cd target/jsewts && npm pack jsewts@1.0.4 --silent >/dev/null && tar xzf jsewts-1.0.4.tgz)";

/// The code points of a text, for messages where the glyphs do not show
/// what differs.
fn code_points(text: &str) -> String {
    let points: Vec<String> = text
        .chars()
        .map(|c| format!("{:04X}", u32::from(c)))
        .collect();
    points.join(" ")
}

#[test]
#[ignore = "needs the jsewts corpus: npm pack jsewts"]
fn converts_the_jsewts_corpus() {
    let path = std::env::var_os("GONGSHI_EWTS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/jsewts/package/test/test.txt")
        });
    let corpus = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read the EWTS corpus {}: {e}\n\
             fetch it, from the repository's root, with:\n    {FETCH}\n\
             or set GONGSHI_EWTS_CORPUS to the path of jsewts' package/test/test.txt",
            path.display()
        )
    });

    let mut pairs = 0;
    let mut exact = 0;
    let mut warnings_differ = 0;
    for (number, line) in corpus.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        assert!(
            fields.len() >= 3,
            "line {} of {} has {} fields, not at least 3: {line:?}",
            number + 1,
            path.display(),
            fields.len()
        );
        let (ewts, expected, warns) = (fields[0], fields[1], fields[2]);
        pairs += 1;
        let converted = to_tibetan(ewts);
        if converted.tibetan == expected {
            exact += 1;
        } else {
            println!(
                "mismatch, line {}: {ewts:?}\n  expected {expected:?} ({})\n  got      {:?} ({})",
                number + 1,
                code_points(expected),
                converted.tibetan,
                code_points(&converted.tibetan),
            );
        }
        // For information only: the reference converter's strict mode warns
        // for "1" and "2"; this converter has one mode, close to it.
        let warned = !converted.warnings.is_empty();
        if warned != (warns != "0") {
            warnings_differ += 1;
            println!(
                "warnings differ (informational), line {}: {ewts:?}: reference {warns}, here {:?}",
                number + 1,
                converted.warnings
            );
        }
    }
    println!("EWTS corpus: {exact} of {pairs} converted exactly");
    println!(
        "EWTS corpus: warned or not as the reference does for {} of {pairs}",
        pairs - warnings_differ
    );
    assert_eq!(pairs, 210, "the corpus should have 210 pairs");
    assert!(
        exact >= 205,
        "only {exact} of {pairs} converted exactly (at least 205 expected)"
    );
}

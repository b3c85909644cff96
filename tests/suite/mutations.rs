//! No input may make gongshi panic or write a control character of its
//! input to the terminal: every file of the example site, mutated
//! many times over (characters deleted, inserted, lines swapped), goes
//! through loading, every check and the rendering of every diagnostic, and
//! whatever passes the checks is rendered as a site.

use std::path::Path;

use gongshi::diagnostics::render;

use crate::support::SiteTest;

/// A small deterministic generator, so a failure can be replayed.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    ":",
    " ",
    "\n",
    "\t",
    "-",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'",
    "#",
    "&a",
    "*a",
    "!",
    "|",
    ">",
    "：",
    "，",
    "ི",
    "ྱ",
    "\u{f345}",
    "\u{feff}",
    "0",
    "13908971234",
    "2021-02-30",
    "null",
    "~",
    "---",
    "\r\n",
    "\u{1b}[2J",
    "\u{7}",
    "\u{85}",
    "\u{200b}",
    "\u{202e}",
    "“",
    "\\e",
    "\\u200b",
    "།",
    "|",
];

fn mutate(text: &str, rng: &mut XorShift) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..=rng.below(3) {
        let at = rng.below(chars.len() + 1);
        match rng.below(3) {
            0 if at < chars.len() => {
                let len = 1 + rng.below(8);
                chars.drain(at..(at + len).min(chars.len()));
            }
            1 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                chars.splice(at..at, token.chars());
            }
            _ => {
                let lines: Vec<&str> = text.lines().collect();
                let line = lines[rng.below(lines.len())];
                chars.splice(at..at, line.chars().chain(['\n']));
            }
        }
    }
    chars.into_iter().collect()
}

fn walkdir_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walkdir_files(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn mutated_example_files_never_panic() {
    let site = SiteTest::example();
    let content = site.root().join("content");
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    // More rounds for a deeper search: GONGSHI_MUTATION_ROUNDS=500 cargo test --release.
    let rounds: usize = std::env::var("GONGSHI_MUTATION_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(8);
    let mut problems_seen = 0;
    for file in walkdir_files(&content) {
        let original = std::fs::read_to_string(&file).unwrap();
        for round in 0..rounds {
            let mutated = mutate(&original, &mut rng);
            std::fs::write(&file, &mutated).unwrap();
            let checked = std::panic::catch_unwind(|| {
                let options = gongshi::pipeline::Options {
                    today: Some(jiff::civil::date(2021, 1, 12)),
                    preview: true,
                };
                let mut session = gongshi::pipeline::Session::once();
                let outcome =
                    gongshi::pipeline::render(site.root(), options, &mut session, &|_, _| Ok(()))
                        .expect("content exists");
                let checked = outcome.checked;
                // Whatever passes the checks must also render.
                if !checked.diagnostics.fails(false) {
                    outcome.rendered.expect("a checked site renders");
                }
                let text: String = checked
                    .diagnostics
                    .resolved(&checked.sources)
                    .iter()
                    .map(|l| render(l, &checked.sources))
                    .collect();
                (checked.diagnostics.is_empty(), text)
            });
            match checked {
                Ok((_, text)) if text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t')) => panic!(
                    "a control character of the input reaches the terminal, {} round {round}:\n{text}",
                    file.display()
                ),
                Ok((clean, _)) => problems_seen += usize::from(!clean),
                Err(_) => panic!(
                    "panic on {} after mutation round {round}:\n{mutated}",
                    file.display()
                ),
            }
        }
        std::fs::write(&file, original).unwrap();
    }
    assert!(
        problems_seen > 5 * rounds,
        "mutations found problems ({problems_seen})"
    );
}

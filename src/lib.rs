//! gongshi (公示, "public notice"): a static site generator for public
//! election notices in Tibetan and Chinese.
//!
//! Data flows one way, and the modules say so:
//!
//! ```text
//! messages     the tool's own words, one catalog per language
//! suggest      "did you mean": the closest of a few known words
//! chars        character classes: what is invisible, Tibetan vowel signs, quotes
//! calendar     working days, periods, status as of a date
//! keys         stable hashes of inputs, the keys of rendered files
//! markdown     the Markdown dialect, shared by check and render
//! ewts         EWTS (Wylie) → Tibetan
//! output       temporary folder, atomic swap, guarded output folder
//! manifest     SHA256SUMS: the sum of every published file, written and verified
//! diagnostics  problems, the files read and their places, how they are printed
//! content      read files → typed model (content::model)
//! composition  who is one person, members, the composition rules
//! check        every rule of the contract's Checks section → diagnostics
//! site         what is published as of a day: the resolved site
//! render       tera + i18n → pages and open data, one file at a time
//! pipeline     the stages in order, shared by every command
//! build        a build: the spare folder filled with what differs, swap, saved for the next
//! serve        HTTP, watch, live reload: reuses pipeline, never a copy of it
//! scaffold     init and new: a new site, village, area or announcement, checked before written
//! import       a roster spreadsheet → a notice in each village, checked before written
//! cli          arguments → options → a pipeline run → exit status
//! ```
//!
//! Each module uses only modules listed above it, so there is no cycle
//! between them (a test below keeps it so). Today: messages, suggest,
//! chars, calendar, keys and markdown use none; ewts uses messages,
//! output keys and messages; manifest uses messages and output;
//! diagnostics uses chars, messages, suggest; content uses
//! calendar, diagnostics, keys, messages; composition uses calendar, chars,
//! content; check uses calendar, chars, composition, content, diagnostics,
//! ewts, markdown, suggest; site uses calendar, composition, content, keys;
//! render uses calendar, content, diagnostics, keys, markdown, messages,
//! site, suggest; pipeline
//! uses check, content, diagnostics, keys, messages, render, site; build
//! uses content, manifest, output, pipeline, render; serve uses content,
//! messages, pipeline, render; scaffold uses check, chars, content,
//! diagnostics, messages, render, suggest; import uses check, content,
//! diagnostics, messages, pipeline, render, scaffold, suggest; cli uses
//! build, content, diagnostics, ewts, import, manifest, messages, pipeline,
//! render, scaffold, serve.

pub mod build;
pub mod calendar;
pub mod chars;
pub mod check;
pub mod cli;
pub mod composition;
pub mod content;
pub mod diagnostics;
pub mod ewts;
pub mod import;
mod keys;
pub mod manifest;
pub mod markdown;
pub mod messages;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
mod suggest;

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    /// The top-level modules (files and folders of `src/` but the crate
    /// roots), each with the modules its code names as `crate::<module>`
    /// (also inside `use crate::{..}`), comment lines left out.
    fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut modules = BTreeMap::new();
        for entry in std::fs::read_dir(&src).expect("src/ is readable") {
            let path = entry.expect("an entry of src/").path();
            let name = path.file_stem().expect("a name").to_string_lossy();
            let is_rust = path.extension().is_some_and(|e| e == "rs");
            if !(path.is_dir() || is_rust) || name == "lib" || name == "main" {
                continue;
            }
            let mut code = String::new();
            read_code(&path, &mut code);
            modules.insert(name.into_owned(), code);
        }
        modules
            .iter()
            .map(|(name, code)| {
                let used = crate_paths(code)
                    .into_iter()
                    .filter(|m| m != name && modules.contains_key(m))
                    .collect();
                (name.clone(), used)
            })
            .collect()
    }

    /// Appends the lines of the Rust files at `path` (a file or a folder,
    /// read in full) that are not comments.
    fn read_code(path: &Path, code: &mut String) {
        if path.is_dir() {
            let mut entries: Vec<_> = std::fs::read_dir(path)
                .expect("a readable folder")
                .map(|e| e.expect("a folder entry").path())
                .collect();
            entries.sort();
            for entry in entries {
                read_code(&entry, code);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(path).expect("a readable file");
            for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
                code.push_str(line);
                code.push('\n');
            }
        }
    }

    /// The first segment after every `crate::` in `code`, and the first
    /// segment of each item of a `crate::{..}` group.
    fn crate_paths(code: &str) -> BTreeSet<String> {
        let ident = |s: &str| -> String {
            s.trim_start()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        };
        let mut found = BTreeSet::new();
        for (at, _) in code.match_indices("crate::") {
            let rest = &code[at + "crate::".len()..];
            let Some(group) = rest.strip_prefix('{') else {
                found.insert(ident(rest));
                continue;
            };
            // Items of the group at its top level: after `{` and each `,`.
            let mut depth = 0;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && !c.is_whitespace() => {
                        found.insert(ident(&group[i..]));
                        item_start = false;
                    }
                    _ => {}
                }
            }
        }
        found
    }

    /// A cycle of `graph` as the modules along it (the first repeated at the
    /// end), if there is one.
    fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
        fn visit<'g>(
            node: &'g str,
            graph: &'g BTreeMap<String, BTreeSet<String>>,
            path: &mut Vec<&'g str>,
            done: &mut BTreeSet<&'g str>,
        ) -> Option<Vec<String>> {
            if let Some(start) = path.iter().position(|n| *n == node) {
                let mut cycle: Vec<String> = path[start..].iter().map(|n| n.to_string()).collect();
                cycle.push(node.to_owned());
                return Some(cycle);
            }
            if !done.insert(node) {
                return None;
            }
            path.push(node);
            for next in &graph[node] {
                if let Some(cycle) = visit(next, graph, path, done) {
                    return Some(cycle);
                }
            }
            path.pop();
            None
        }
        let mut done = BTreeSet::new();
        graph
            .keys()
            .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
    }

    #[test]
    fn finds_paths_and_cycles() {
        let paths =
            crate_paths("use crate::a::B;\nuse crate::{b, c::{D, E}, d::F};\nx(crate::e::f())");
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        assert_eq!(paths, ["a", "b", "c", "d", "e"]);
        let graph = |edges: &[(&str, &str)]| {
            let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            for (from, to) in edges {
                graph.entry(to.to_string()).or_default();
                graph
                    .entry(from.to_string())
                    .or_default()
                    .insert(to.to_string());
            }
            graph
        };
        assert_eq!(
            find_cycle(&graph(&[("a", "b"), ("b", "c"), ("a", "c")])),
            None
        );
        assert_eq!(
            find_cycle(&graph(&[("a", "b"), ("b", "c"), ("c", "a")])),
            Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
        );
    }

    #[test]
    fn no_module_cycle() {
        let graph = module_graph();
        // The graph was read: the modules are there, with their uses.
        assert!(graph.len() >= 15, "{graph:?}");
        assert!(graph["check"].contains("content"), "{graph:?}");
        assert!(graph["render"].contains("site"), "{graph:?}");
        if let Some(cycle) = find_cycle(&graph) {
            panic!(
                "the modules use each other in a cycle: {}",
                cycle.join(" -> ")
            );
        }
    }
}

//! "Did you mean": the closest of a few known words to a misspelt one.

/// The candidate closest to `word` by edit distance, if it is close enough to
/// be the word that was meant (at most a third of its length away).
pub(crate) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .iter()
        .map(|c| (distance(word, c), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, in characters; `O(len(a) * len(b))`, for short words.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_field_that_was_meant() {
        let fields = ["slug", "type", "candidates", "period", "seats"];
        assert_eq!(closest("candiates", &fields), Some("candidates"));
        assert_eq!(closest("perod", &fields), Some("period"));
        assert_eq!(closest("xyz", &fields), None);
        assert_eq!(closest("femal", &["female", "male"]), Some("female"));
    }
}

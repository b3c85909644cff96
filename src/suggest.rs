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

/// Edit distance counting a swap of two neighbours as one edit (optimal
/// string alignment), in characters; `O(len(a) * len(b))`, for short words.
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
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
        assert_eq!(closest("titel", &["title", "date"]), Some("title"));
        assert_eq!(closest("femal", &["female", "male"]), Some("female"));
    }
}

//! Which column holds what: a roster's header row read against the
//! headers offices use (姓名, 出生年月 …) and the village file's own field
//! names (`name.zh`, `born` …).

use super::sheet::{Row, Sheet};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Field {
    /// 县(区): the county's name or slug.
    County,
    /// 乡(镇): the township's name or slug.
    Township,
    /// 村(社区): the village's name or slug.
    Village,
    /// 姓名.
    NameZh,
    /// 藏文姓名.
    NameBo,
    /// 性别.
    Gender,
    /// 出生年月.
    Born,
    /// 民族.
    Ethnicity,
    /// 文化程度.
    Education,
    /// 政治面貌.
    Party,
    /// 拟任职务.
    Post,
    /// 现任职务, in Chinese.
    CurrentRoleZh,
    /// The current role in Tibetan.
    CurrentRoleBo,
    /// 人选来源.
    Background,
    /// 得票数.
    Votes,
    /// 是否当选.
    Elected,
    /// 选民数: the village's electorate.
    Electorate,
    /// 参加投票: ballots cast.
    Cast,
    /// 有效票: valid ballots.
    Valid,
}

/// Each field with the headers that name it: the Chinese ones offices
/// write, then the village file's field name. Compared after
/// [`normalised`], so `县（区）`, `县(区)` and `出生\n年月` are alike.
const HEADERS: &[(Field, &[&str])] = &[
    (Field::County, &["县(区)", "县", "县区", "county"]),
    (Field::Township, &["乡(镇)", "乡镇", "乡", "township"]),
    (
        Field::Village,
        &["村(社区)", "村", "村社区", "村(居)", "village"],
    ),
    (Field::NameZh, &["姓名", "name.zh"]),
    (Field::NameBo, &["藏文姓名", "name.bo"]),
    (Field::Gender, &["性别", "gender"]),
    (Field::Born, &["出生年月", "born"]),
    (Field::Ethnicity, &["民族", "ethnicity"]),
    (Field::Education, &["文化程度", "学历", "education"]),
    (Field::Party, &["政治面貌", "party"]),
    (Field::Post, &["拟任职务", "post"]),
    (Field::CurrentRoleZh, &["现任职务", "current_role.zh"]),
    (Field::CurrentRoleBo, &["藏文现任职务", "current_role.bo"]),
    (Field::Background, &["人选来源", "background"]),
    (Field::Votes, &["得票数", "votes"]),
    (Field::Elected, &["是否当选", "elected"]),
    (
        Field::Electorate,
        &["选民数", "选民人数", "electorate", "turnout.electorate"],
    ),
    (
        Field::Cast,
        &["参加投票", "参加投票人数", "cast", "turnout.cast"],
    ),
    (
        Field::Valid,
        &["有效票", "有效票数", "valid", "turnout.valid"],
    ),
];

/// Headers of columns that are read by no field and need no word about
/// it: the row number every roster has.
const QUIETLY_SKIPPED: &[&str] = &["序号", "编号"];

/// The fields every import needs.
pub(super) const REQUIRED: &[Field] = &[
    Field::Village,
    Field::NameZh,
    Field::Gender,
    Field::Born,
    Field::Ethnicity,
    Field::Education,
    Field::Party,
    Field::Post,
];

/// The fields results need besides, read for nothing else.
pub(super) const RESULTS: &[Field] = &[
    Field::Votes,
    Field::Elected,
    Field::Electorate,
    Field::Cast,
    Field::Valid,
];

impl Field {
    /// The header a clerk would write for it (the first Chinese one).
    pub(super) fn header(self) -> &'static str {
        HEADERS
            .iter()
            .find(|(f, _)| *f == self)
            .map_or("", |(_, names)| names[0])
    }
}

/// A header or cell as compared: without spaces of any width or line
/// breaks, full-width brackets made ASCII, ASCII letters in lower case.
pub(super) fn normalised(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '．' => '.',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The field a header names, if any.
pub(super) fn field_of(header: &str) -> Option<Field> {
    let header = normalised(header);
    HEADERS
        .iter()
        .find(|(_, names)| names.iter().any(|n| normalised(n) == header))
        .map(|(field, _)| *field)
}

/// Whether a header names a column to pass over without a word.
pub(super) fn quietly_skipped(header: &str) -> bool {
    QUIETLY_SKIPPED.contains(&normalised(header).as_str())
}

/// Rows above the header looked through for it (a title row or two, a
/// line saying who made the roster).
pub(super) const HEADER_SEARCH_ROWS: usize = 20;

/// The index in `sheet.rows` of the header row: the first of the first
/// rows that has a name column (姓名 or `name.zh`).
pub(super) fn header_row(sheet: &Sheet) -> Option<usize> {
    sheet
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .position(has_name_column)
}

fn has_name_column(row: &Row) -> bool {
    row.cells.iter().any(|cell| {
        matches!(cell, super::sheet::Value::Text(text) if field_of(text) == Some(Field::NameZh))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_found_however_their_brackets_and_spaces_are_typed() {
        assert_eq!(field_of("县（区）"), Some(Field::County));
        assert_eq!(field_of(" 乡(镇) "), Some(Field::Township));
        assert_eq!(field_of("出生\n年月"), Some(Field::Born));
        assert_eq!(field_of("name.zh"), Some(Field::NameZh));
        assert_eq!(field_of("Name.ZH"), Some(Field::NameZh));
        assert_eq!(field_of("备注"), None);
        assert!(quietly_skipped("序 号"));
    }
}

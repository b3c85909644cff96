//! EWTS (the THL Extended Wylie Transliteration Scheme) → Tibetan Unicode.
//!
//! The input is read as tokens, longest match first (`tsh` before `ts`
//! before `t`, `//` before `/`, `ai` before `a`). Letters and vowels make
//! syllables (tsheg bars); everything else is punctuation, a `[comment]`, a
//! `\u0F40` escape, or text that is not EWTS and is copied through with a
//! warning.
//!
//! A syllable is a run of stacks. A stack is read as:
//!
//! * an optional superscript `r`, `l` or `s`, taken only when the letter after
//!   it is one that it stands above (`rk`, `lt`, `sg`, …);
//! * the main letter, then up to two subscripts `y`, `r`, `l`, `w` (`l` only
//!   under a single letter, so that `brla` is `b` + `rla`);
//! * a vowel; `+` stacks whatever follows onto the same stack (`k+Sha`,
//!   `pad+ma`); a `.` after a stack ends it (`g.yag`);
//! * marks: `M`, `~M`, ``~M` ``, `H`, `X`, `~X`, `?`, `^`.
//!
//! A stack of several letters without a vowel and without `+` is not a stack
//! but a lone first letter followed by the rest (`bsgrubs` is `b` + `sgru` +
//! `b` + `s`). The Unicode is the stacks one after the other; the syllable's
//! structure (prefix, root, suffix, second suffix) only decides the warnings.
//!
//! Conversion is one pass with lookahead of a few tokens, so it takes time
//! linear in the input.

/// The result of converting one line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Converted {
    /// The Tibetan text: the best conversion that could be made, warnings or
    /// not.
    pub tibetan: String,
    /// What could not be converted exactly, in the order of the input.
    pub warnings: Vec<Warning>,
}

/// Why part of the input could not be converted exactly (malformed EWTS).
///
/// `at` counts characters (not bytes) from the start of the input; texts are
/// parts of the input as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// Characters that are not EWTS here (`x`, a capital that is no Sanskrit
    /// letter, a `+` or `.` or mark outside a syllable), copied through
    /// unchanged.
    UnexpectedText {
        /// Where the text starts.
        at: usize,
        /// The text.
        text: String,
    },
    /// A `[` whose `]` never comes; the rest of the input is copied through.
    UnclosedBracket {
        /// Where the `[` is.
        at: usize,
    },
    /// A `\u` that is not followed by 4 hexadecimal digits of a character, a
    /// `\U` not followed by 8, or a `\` at the very end; dropped.
    InvalidEscape {
        /// Where the `\` is.
        at: usize,
        /// The escape as typed.
        text: String,
    },
    /// Letters stacked without `+` that Tibetan spelling does not stack (e.g.
    /// `rya`, `cla`, `bhra`); stacked anyway. Write `r+ya` when meant.
    UnusualStack {
        /// Where the stack starts.
        at: usize,
        /// The stack as typed.
        text: String,
    },
    /// A `+` not followed by a letter or a vowel; ignored.
    DanglingPlus {
        /// Where the `+` is.
        at: usize,
    },
    /// A letter joined with `+` after the stack's vowel (e.g. `ge+r`); put
    /// below the stack after the vowel sign.
    StackedAfterVowel {
        /// Where the letter after the `+` is.
        at: usize,
        /// The letter.
        text: String,
    },
    /// A stack joined with `+` that has no vowel (e.g. `k+y`).
    StackWithoutVowel {
        /// Where the stack starts.
        at: usize,
        /// The stack as typed.
        text: String,
    },
    /// A mark given twice to one stack (e.g. the second `M` of `oMM`, the
    /// second `^` of `g^r^a`); dropped.
    RepeatedMark {
        /// Where the repeated mark is.
        at: usize,
        /// The mark.
        text: String,
    },
    /// A letter without a vowel where the syllable needs one: a syllable of a
    /// single consonant (`b`), or a second letter after a prefix (the `z` of
    /// `bz`).
    MissingVowel {
        /// Where the letter is.
        at: usize,
        /// The letter.
        text: String,
    },
    /// A letter before the root that is not a prefix, or not one that goes
    /// before this root (`t` in `tgra`, `b` before `dza` in `bdza`).
    BadPrefix {
        /// Where the prefix is.
        at: usize,
        /// The prefix as typed.
        prefix: String,
        /// The stack that follows it, as typed.
        root: String,
    },
    /// A letter after the root that is not a suffix (`z` in `az`).
    BadSuffix {
        /// Where the letter is.
        at: usize,
        /// The letter.
        text: String,
    },
    /// A second suffix that cannot follow the first (`t` after `s` in
    /// `test`): only `s` after `g`, `ng`, `b`, `m`, and `d` after `n`, `r`,
    /// `l`.
    BadSecondSuffix {
        /// Where the second suffix is.
        at: usize,
        /// The second suffix.
        text: String,
        /// The first suffix.
        after: String,
    },
    /// A letter after the second suffix (`p` in `gabsp`).
    ExtraConsonant {
        /// Where the letter is.
        at: usize,
        /// The letter.
        text: String,
    },
    /// A syllable whose letters are read as another syllable: `dga` gives
    /// དག, which is read `dag`.
    AmbiguousSyllable {
        /// Where the syllable starts.
        at: usize,
        /// The syllable as typed.
        text: String,
        /// How its Tibetan is read, in EWTS.
        reads_as: String,
    },
}

impl Warning {
    /// What is wrong, in the chosen language of messages.
    pub fn message(&self) -> String {
        use crate::messages::say;
        match self {
            Warning::UnexpectedText { text, .. } => say!("ewts.unexpected_text", text = text),
            Warning::UnclosedBracket { .. } => say!("ewts.unclosed_bracket"),
            Warning::InvalidEscape { text, .. } => say!("ewts.invalid_escape", text = text),
            Warning::UnusualStack { text, .. } => say!("ewts.unusual_stack", text = text),
            Warning::DanglingPlus { .. } => say!("ewts.dangling_plus"),
            Warning::StackedAfterVowel { text, .. } => {
                say!("ewts.stacked_after_vowel", text = text)
            }
            Warning::StackWithoutVowel { text, .. } => {
                say!("ewts.stack_without_vowel", text = text)
            }
            Warning::RepeatedMark { text, .. } => say!("ewts.repeated_mark", text = text),
            Warning::MissingVowel { text, .. } => say!("ewts.missing_vowel", text = text),
            Warning::BadPrefix { prefix, root, .. } => {
                say!("ewts.bad_prefix", prefix = prefix, root = root)
            }
            Warning::BadSuffix { text, .. } => say!("ewts.bad_suffix", text = text),
            Warning::BadSecondSuffix { text, after, .. } => {
                say!("ewts.bad_second_suffix", text = text, after = after)
            }
            Warning::ExtraConsonant { text, .. } => say!("ewts.extra_consonant", text = text),
            Warning::AmbiguousSyllable { text, reads_as, .. } => {
                say!("ewts.ambiguous_syllable", text = text, reads_as = reads_as)
            }
        }
    }

    /// Where the warning's text starts, in characters from the start of the
    /// input.
    pub fn at(&self) -> usize {
        match self {
            Warning::UnexpectedText { at, .. }
            | Warning::UnclosedBracket { at }
            | Warning::InvalidEscape { at, .. }
            | Warning::UnusualStack { at, .. }
            | Warning::DanglingPlus { at }
            | Warning::StackedAfterVowel { at, .. }
            | Warning::StackWithoutVowel { at, .. }
            | Warning::RepeatedMark { at, .. }
            | Warning::MissingVowel { at, .. }
            | Warning::BadPrefix { at, .. }
            | Warning::BadSuffix { at, .. }
            | Warning::BadSecondSuffix { at, .. }
            | Warning::ExtraConsonant { at, .. }
            | Warning::AmbiguousSyllable { at, .. } => *at,
        }
    }
}

/// Converts a line of EWTS into Tibetan Unicode, as well as it can: malformed
/// parts are converted on a best-effort basis and reported in the warnings.
///
/// A space is a tsheg (several spaces are one), except right after a shad,
/// where it stays a space (`bkra shis/ bde legs/` → བཀྲ་ཤིས། བདེ་ལེགས།).
pub fn to_tibetan(ewts: &str) -> Converted {
    convert(ewts, false).0
}

/// Whether a text looks like EWTS typed where Tibetan was expected (e.g.
/// `bkra shis don grub`): only ASCII letters, spaces, apostrophes, `+`, `.`,
/// `/` and `-`; it converts without warnings; and every syllable is a
/// Tibetan syllable: native letters and vowels (no capitals, no Sanskrit
/// marks), at most a prefix before the root, valid stacks, suffixes and
/// second suffixes, and after the root only an a-chung particle (`pa'i`) or
/// a stack joined with `+` (`pad+ma`).
///
/// A text of vowels only (`a`, `o`) is not taken for EWTS, nor one with `-`,
/// which EWTS only uses for Sanskrit letters (`-i`, `-ta`). Ordinary English
/// words and pinyin mostly fail (`hello`, `test`, `Zhaxi`), but some short
/// lowercase words are valid Tibetan syllables too (`yang`, `dog`,
/// `zhang san`).
pub fn looks_like_ewts(text: &str) -> bool {
    let allowed = |c: char| {
        c.is_ascii_alphabetic() || matches!(c, ' ' | '\'' | '\u{2019}' | '+' | '.' | '/' | '-')
    };
    if !text.chars().all(allowed) || !text.chars().any(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    let (converted, syllables) = convert(text, true);
    let consonant = syllables
        .iter()
        .flatten()
        .any(|st| st.letters.iter().any(|&l| l != ACHEN));
    converted.warnings.is_empty() && consonant && syllables.iter().all(|s| native_syllable(s))
}

// ---------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------

/// A letter: its EWTS, its Unicode at the top of a stack and below another
/// letter, and whether native Tibetan spelling uses it.
struct Letter {
    ewts: &'static str,
    main: &'static str,
    sub: &'static str,
    native: bool,
}

const fn letter(ewts: &'static str, main: &'static str, sub: &'static str, native: bool) -> Letter {
    Letter {
        ewts,
        main,
        sub,
        native,
    }
}

/// The letters, in no particular order (the lexer takes the longest match).
static LETTERS: [Letter; 52] = [
    letter("k", "\u{0F40}", "\u{0F90}", true),
    letter("kh", "\u{0F41}", "\u{0F91}", true),
    letter("g", "\u{0F42}", "\u{0F92}", true),
    letter("gh", "\u{0F42}\u{0FB7}", "\u{0F92}\u{0FB7}", false),
    letter("ng", "\u{0F44}", "\u{0F94}", true),
    letter("c", "\u{0F45}", "\u{0F95}", true),
    letter("ch", "\u{0F46}", "\u{0F96}", true),
    letter("j", "\u{0F47}", "\u{0F97}", true),
    letter("ny", "\u{0F49}", "\u{0F99}", true),
    letter("T", "\u{0F4A}", "\u{0F9A}", false),
    letter("-t", "\u{0F4A}", "\u{0F9A}", false),
    letter("Th", "\u{0F4B}", "\u{0F9B}", false),
    letter("-th", "\u{0F4B}", "\u{0F9B}", false),
    letter("D", "\u{0F4C}", "\u{0F9C}", false),
    letter("-d", "\u{0F4C}", "\u{0F9C}", false),
    letter("Dh", "\u{0F4C}\u{0FB7}", "\u{0F9C}\u{0FB7}", false),
    letter("-dh", "\u{0F4C}\u{0FB7}", "\u{0F9C}\u{0FB7}", false),
    letter("N", "\u{0F4E}", "\u{0F9E}", false),
    letter("-n", "\u{0F4E}", "\u{0F9E}", false),
    letter("t", "\u{0F4F}", "\u{0F9F}", true),
    letter("th", "\u{0F50}", "\u{0FA0}", true),
    letter("d", "\u{0F51}", "\u{0FA1}", true),
    letter("dh", "\u{0F51}\u{0FB7}", "\u{0FA1}\u{0FB7}", false),
    letter("n", "\u{0F53}", "\u{0FA3}", true),
    letter("p", "\u{0F54}", "\u{0FA4}", true),
    letter("ph", "\u{0F55}", "\u{0FA5}", true),
    letter("b", "\u{0F56}", "\u{0FA6}", true),
    letter("bh", "\u{0F56}\u{0FB7}", "\u{0FA6}\u{0FB7}", false),
    letter("m", "\u{0F58}", "\u{0FA8}", true),
    letter("ts", "\u{0F59}", "\u{0FA9}", true),
    letter("tsh", "\u{0F5A}", "\u{0FAA}", true),
    letter("dz", "\u{0F5B}", "\u{0FAB}", true),
    letter("dzh", "\u{0F5B}\u{0FB7}", "\u{0FAB}\u{0FB7}", false),
    letter("w", "\u{0F5D}", "\u{0FAD}", true),
    letter("zh", "\u{0F5E}", "\u{0FAE}", true),
    letter("z", "\u{0F5F}", "\u{0FAF}", true),
    letter("'", "\u{0F60}", "\u{0FB0}", true),
    letter("y", "\u{0F61}", "\u{0FB1}", true),
    letter("r", "\u{0F62}", "\u{0FB2}", true),
    letter("l", "\u{0F63}", "\u{0FB3}", true),
    letter("sh", "\u{0F64}", "\u{0FB4}", true),
    letter("Sh", "\u{0F65}", "\u{0FB5}", false),
    letter("-sh", "\u{0F65}", "\u{0FB5}", false),
    letter("s", "\u{0F66}", "\u{0FB6}", true),
    letter("h", "\u{0F67}", "\u{0FB7}", true),
    letter("kSh", "\u{0F40}\u{0FB5}", "\u{0F90}\u{0FB5}", false),
    letter("W", "\u{0F5D}", "\u{0FBA}", false),
    letter("Y", "\u{0F61}", "\u{0FBB}", false),
    letter("R", "\u{0F6A}", "\u{0FBC}", false),
    letter("f", "\u{0F55}\u{0F39}", "\u{0FA5}\u{0F39}", false),
    letter("v", "\u{0F56}\u{0F39}", "\u{0FA6}\u{0F39}", false),
    // Never lexed as a letter: `a` is lexed as the vowel and becomes a-chen
    // where a stack needs a letter (see `ACHEN`).
    letter("a", "\u{0F68}", "\u{0FB8}", true),
];

/// The index of a-chen (ཨ) in `LETTERS`.
const ACHEN: usize = LETTERS.len() - 1;

/// A vowel: EWTS, Unicode (after the letters), native Tibetan or not.
/// Index 0 is `a`, which writes nothing after a letter.
static VOWELS: [(&str, &str, bool); 12] = [
    ("a", "", true),
    ("A", "\u{0F71}", false),
    ("i", "\u{0F72}", true),
    ("I", "\u{0F71}\u{0F72}", false),
    ("u", "\u{0F74}", true),
    ("U", "\u{0F71}\u{0F74}", false),
    ("e", "\u{0F7A}", true),
    ("ai", "\u{0F7B}", false),
    ("o", "\u{0F7C}", true),
    ("au", "\u{0F7D}", false),
    ("-i", "\u{0F80}", false),
    ("-I", "\u{0F71}\u{0F80}", false),
];

/// The vowel `a`.
const A: usize = 0;

/// A mark after a stack: EWTS, Unicode, and its class (a stack takes one
/// mark of each class).
static MARKS: [(&str, &str, usize); 8] = [
    ("M", "\u{0F7E}", 0),
    ("~M`", "\u{0F82}", 0),
    ("~M", "\u{0F83}", 0),
    ("X", "\u{0F37}", 1),
    ("~X", "\u{0F35}", 1),
    ("H", "\u{0F7F}", 2),
    ("?", "\u{0F84}", 3),
    ("^", "\u{0F39}", 4),
];

/// The class of `^` (tsa-phru), which can also come inside a stack.
const CARET_CLASS: usize = 4;

/// Punctuation, digits and other signs outside syllables.
static SIGNS: [(&str, &str); 28] = [
    ("*", "\u{0F0C}"),
    ("/", "\u{0F0D}"),
    ("//", "\u{0F0E}"),
    (";", "\u{0F0F}"),
    ("|", "\u{0F11}"),
    ("!", "\u{0F08}"),
    (":", "\u{0F14}"),
    ("_", " "),
    ("=", "\u{0F34}"),
    ("<", "\u{0F3A}"),
    (">", "\u{0F3B}"),
    ("(", "\u{0F3C}"),
    (")", "\u{0F3D}"),
    ("@", "\u{0F04}"),
    ("#", "\u{0F05}"),
    ("$", "\u{0F06}"),
    ("%", "\u{0F07}"),
    ("&", "\u{0F85}"),
    ("0", "\u{0F20}"),
    ("1", "\u{0F21}"),
    ("2", "\u{0F22}"),
    ("3", "\u{0F23}"),
    ("4", "\u{0F24}"),
    ("5", "\u{0F25}"),
    ("6", "\u{0F26}"),
    ("7", "\u{0F27}"),
    ("8", "\u{0F28}"),
    ("9", "\u{0F29}"),
];

/// After these, a space is a space and not a tsheg.
fn is_shad(c: char) -> bool {
    matches!(c, '\u{0F08}' | '\u{0F0D}'..='\u{0F12}' | '\u{0F14}')
}

/// Whether superscript `top` stands above `below` (the letter right under it).
fn superscribes(top: &str, below: &str) -> bool {
    let under: &[&str] = match top {
        "r" => &[
            "k", "g", "ng", "j", "ny", "t", "d", "n", "b", "m", "ts", "dz",
        ],
        "l" => &["k", "g", "ng", "c", "j", "t", "d", "p", "b", "h"],
        "s" => &["k", "g", "ng", "ny", "t", "d", "n", "p", "b", "m", "ts"],
        _ => return false,
    };
    under.contains(&below)
}

/// The letters that go under another without `+`.
fn is_subscript(l: &str) -> bool {
    matches!(l, "y" | "r" | "l" | "w")
}

/// Every stack of Tibetan spelling (letters joined by `+`), besides single
/// letters.
#[rustfmt::skip]
static STACKS: &[&str] = &[
    // ra-mgo
    "r+k", "r+g", "r+ng", "r+j", "r+ny", "r+t", "r+d", "r+n", "r+b", "r+m", "r+ts", "r+dz",
    "r+k+y", "r+g+y", "r+m+y", "r+g+w", "r+ts+w",
    // la-mgo
    "l+k", "l+g", "l+ng", "l+c", "l+j", "l+t", "l+d", "l+p", "l+b", "l+h",
    // sa-mgo
    "s+k", "s+g", "s+ng", "s+ny", "s+t", "s+d", "s+n", "s+p", "s+b", "s+m", "s+ts",
    "s+k+y", "s+g+y", "s+p+y", "s+b+y", "s+m+y",
    "s+k+r", "s+g+r", "s+p+r", "s+b+r", "s+m+r", "s+n+r",
    // ya-btags
    "k+y", "kh+y", "g+y", "p+y", "ph+y", "b+y", "m+y",
    // ra-btags
    "k+r", "kh+r", "g+r", "t+r", "th+r", "d+r", "n+r", "p+r", "ph+r", "b+r", "m+r",
    "sh+r", "s+r", "h+r", "dz+r",
    // la-btags
    "k+l", "g+l", "b+l", "r+l", "s+l", "z+l",
    // wa-zur
    "k+w", "kh+w", "g+w", "c+w", "ny+w", "t+w", "d+w", "ts+w", "tsh+w", "zh+w", "z+w",
    "r+w", "l+w", "sh+w", "s+w", "h+w", "g+r+w", "d+r+w", "ph+y+w",
];

/// Whether `prefix` goes before the root stack `root` (letters joined by
/// `+`).
fn prefix_fits(prefix: &str, root: &str) -> bool {
    let roots: &[&str] = match prefix {
        "g" => &["c", "ny", "t", "d", "n", "ts", "zh", "z", "y", "sh", "s"],
        "d" => &[
            "k", "g", "ng", "p", "b", "m", "k+y", "g+y", "p+y", "b+y", "m+y", "k+r", "g+r", "p+r",
            "b+r",
        ],
        "b" => &[
            "k", "g", "c", "t", "d", "ts", "zh", "z", "sh", "s", "k+y", "g+y", "k+r", "g+r", "k+l",
            "z+l", "r+l", "s+l", "s+r", "r+k", "r+g", "r+ng", "r+j", "r+ny", "r+t", "r+d", "r+n",
            "r+ts", "r+dz", "l+t", "l+d", "s+k", "s+g", "s+ng", "s+ny", "s+t", "s+d", "s+n",
            "s+ts", "r+k+y", "r+g+y", "s+k+y", "s+g+y", "s+k+r", "s+g+r",
        ],
        "m" => &[
            "kh", "g", "ng", "ch", "j", "ny", "th", "d", "n", "tsh", "dz", "kh+y", "g+y", "kh+r",
            "g+r",
        ],
        "'" => &[
            "kh", "g", "ch", "j", "th", "d", "ph", "b", "tsh", "dz", "kh+y", "g+y", "ph+y", "b+y",
            "kh+r", "g+r", "d+r", "ph+r", "b+r",
        ],
        _ => return false,
    };
    roots.contains(&root)
}

/// Whether a letter can be a (first) suffix.
fn is_suffix(l: &str) -> bool {
    matches!(
        l,
        "g" | "ng" | "d" | "n" | "b" | "m" | "'" | "r" | "l" | "s"
    )
}

/// Whether `second` can follow the first suffix `first`.
fn second_suffix_fits(first: &str, second: &str) -> bool {
    match second {
        "s" => matches!(first, "g" | "ng" | "b" | "m"),
        "d" => matches!(first, "n" | "r" | "l"),
        _ => false,
    }
}

/// Three-letter syllables ending in `s` whose root is not where the EWTS put
/// the vowel: (letters, root, how the syllable is read).
static AMBIGUOUS: [(&str, &str, &str); 6] = [
    ("dgs", "g", "dgas"),
    ("'gs", "g", "'gas"),
    ("dbs", "b", "dbas"),
    ("dms", "m", "dmas"),
    ("bgs", "b", "bags"),
    ("mngs", "m", "mangs"),
];

// ---------------------------------------------------------------------------
// Lexer
// ---------------------------------------------------------------------------

/// One token of EWTS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// A letter, by index in `LETTERS` (never `ACHEN`).
    Letter(usize),
    /// A vowel, by index in `VOWELS`.
    Vowel(usize),
    /// A mark, by index in `MARKS`.
    Mark(usize),
    /// A sign, by index in `SIGNS`.
    Sign(usize),
    Plus,
    Dot,
    Space,
    /// A tab or line break: copied as it is.
    Layout,
    /// Anything else: one character.
    Other,
    /// The end of the input.
    End,
}

/// Whether the input at `pos` starts with `name` (ASCII). Typographic
/// apostrophes count as `'`.
fn starts_with(chars: &[char], pos: usize, name: &str) -> bool {
    name.bytes().enumerate().all(|(k, b)| {
        chars.get(pos + k).is_some_and(|&c| {
            c == char::from(b) || (b == b'\'' && matches!(c, '\u{2018}' | '\u{2019}'))
        })
    })
}

/// The token at `pos` and its length in characters (longest match).
fn lex(chars: &[char], pos: usize) -> (Tok, usize) {
    let Some(&c) = chars.get(pos) else {
        return (Tok::End, 0);
    };
    match c {
        ' ' => return (Tok::Space, 1),
        '+' => return (Tok::Plus, 1),
        '.' => return (Tok::Dot, 1),
        '\t' | '\n' | '\r' => return (Tok::Layout, 1),
        _ => {}
    }
    let first = if matches!(c, '\u{2018}' | '\u{2019}') {
        b'\''
    } else if c.is_ascii() {
        c as u8
    } else {
        return (Tok::Other, 1);
    };
    let mut best = (Tok::Other, 1);
    let mut best_len = 0;
    let mut consider = |name: &str, tok: Tok| {
        if name.as_bytes()[0] == first && name.len() > best_len && starts_with(chars, pos, name) {
            best = (tok, name.len());
            best_len = name.len();
        }
    };
    for (i, l) in LETTERS[..ACHEN].iter().enumerate() {
        consider(l.ewts, Tok::Letter(i));
    }
    for (i, v) in VOWELS.iter().enumerate() {
        consider(v.0, Tok::Vowel(i));
    }
    for (i, m) in MARKS.iter().enumerate() {
        consider(m.0, Tok::Mark(i));
    }
    for (i, s) in SIGNS.iter().enumerate() {
        consider(s.0, Tok::Sign(i));
    }
    best
}

/// A `\` escape at `pos`: the character it stands for (`None` when invalid)
/// and its length. `\uXXXX` and `\UXXXXXXXX` are code points; `\` before any
/// other character is that character.
fn escape(chars: &[char], pos: usize) -> (Option<char>, usize) {
    let digits = match chars.get(pos + 1) {
        Some('u') => 4,
        Some('U') => 8,
        Some(&c) => return (Some(c), 2),
        None => return (None, 1),
    };
    let hex: String = chars[pos + 2..]
        .iter()
        .take(digits)
        .take_while(|c| !c.is_whitespace())
        .collect();
    let len = 2 + hex.chars().count();
    if hex.len() != digits || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return (None, len);
    }
    (
        u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32),
        len,
    )
}

// ---------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------

/// One stack as read.
struct Stack {
    start: usize,
    /// The end of the stack's own text (before a `.` that ends it).
    text_end: usize,
    /// Where the next stack starts.
    end: usize,
    uni: String,
    /// The letters, top to bottom (indices in `LETTERS`, a-chen included).
    letters: Vec<usize>,
    vowel: Option<usize>,
    plus: bool,
    marks: bool,
    visarga: bool,
    warnings: Vec<Warning>,
}

impl Stack {
    /// The letter, when the stack is a single letter without vowel, mark or
    /// `+`: a prefix or a suffix.
    fn lone(&self) -> Option<usize> {
        match self.letters[..] {
            [l] if l != ACHEN && !self.plus && self.vowel.is_none() && !self.marks => Some(l),
            _ => None,
        }
    }

    /// The letter, when the stack is a single letter with the vowel `a`.
    fn single_with_a(&self) -> Option<usize> {
        match self.letters[..] {
            [l] if l != ACHEN && !self.plus && self.vowel == Some(A) && !self.marks => Some(l),
            _ => None,
        }
    }

    /// The letters joined by `+`.
    fn key(&self) -> String {
        let names: Vec<&str> = self.letters.iter().map(|&l| LETTERS[l].ewts).collect();
        names.join("+")
    }
}

struct Parser<'a> {
    chars: &'a [char],
    /// The token at each position (read once: the parser looks ahead).
    toks: Vec<(Tok, usize)>,
    out: String,
    warnings: Vec<Warning>,
    /// The syllables read, when they are wanted (`looks_like_ewts`).
    syllables: Option<Vec<Vec<Stack>>>,
    /// The end of the last `UnexpectedText` and its index in `warnings`, to
    /// extend it with text that follows right after.
    unexpected: Option<(usize, usize)>,
}

fn convert(text: &str, keep_syllables: bool) -> (Converted, Vec<Vec<Stack>>) {
    let chars: Vec<char> = text.chars().collect();
    let mut parser = Parser {
        chars: &chars,
        toks: (0..chars.len()).map(|pos| lex(&chars, pos)).collect(),
        out: String::with_capacity(text.len() * 2),
        warnings: Vec::new(),
        syllables: keep_syllables.then(Vec::new),
        unexpected: None,
    };
    parser.run();
    let mut warnings = parser.warnings;
    warnings.sort_by_key(Warning::at);
    let converted = Converted {
        tibetan: parser.out,
        warnings,
    };
    (converted, parser.syllables.unwrap_or_default())
}

impl Parser<'_> {
    /// The token at `pos`.
    fn tok(&self, pos: usize) -> (Tok, usize) {
        self.toks.get(pos).copied().unwrap_or((Tok::End, 0))
    }

    fn text(&self, start: usize, end: usize) -> String {
        self.chars[start..end].iter().collect()
    }

    fn run(&mut self) {
        let mut pos = 0;
        while pos < self.chars.len() {
            match self.chars[pos] {
                '\u{FEFF}' => {
                    pos += 1;
                    continue;
                }
                '[' => {
                    pos = self.comment(pos);
                    continue;
                }
                '\\' => {
                    pos = self.escape(pos);
                    continue;
                }
                _ => {}
            }
            let (tok, len) = self.tok(pos);
            match tok {
                Tok::Letter(_) | Tok::Vowel(_) => pos = self.syllable(pos),
                Tok::Space => {
                    let after_shad = self.out.chars().next_back().is_some_and(is_shad);
                    self.out.push(if after_shad { ' ' } else { '\u{0F0B}' });
                    while self.chars.get(pos) == Some(&' ') {
                        pos += 1;
                    }
                }
                Tok::Sign(i) => {
                    self.out.push_str(SIGNS[i].1);
                    pos += len;
                }
                Tok::Layout => {
                    self.out.push(self.chars[pos]);
                    pos += 1;
                }
                Tok::Plus | Tok::Dot | Tok::Mark(_) | Tok::Other | Tok::End => {
                    let len = len.max(1);
                    self.unexpected_text(pos, len);
                    pos += len;
                }
            }
        }
    }

    /// Copies text that is not EWTS, with a warning (one for a run).
    fn unexpected_text(&mut self, pos: usize, len: usize) {
        let text = self.text(pos, pos + len);
        self.out.push_str(&text);
        if let Some((end, index)) = self.unexpected {
            if end == pos {
                if let Some(Warning::UnexpectedText { text: t, .. }) = self.warnings.get_mut(index)
                {
                    t.push_str(&text);
                    self.unexpected = Some((pos + len, index));
                    return;
                }
            }
        }
        self.unexpected = Some((pos + len, self.warnings.len()));
        self.warnings
            .push(Warning::UnexpectedText { at: pos, text });
    }

    /// A `\` escape outside or inside a comment.
    fn escape(&mut self, pos: usize) -> usize {
        let (c, len) = escape(self.chars, pos);
        match c {
            Some(c) => self.out.push(c),
            None => self.warnings.push(Warning::InvalidEscape {
                at: pos,
                text: self.text(pos, pos + len),
            }),
        }
        pos + len
    }

    /// A `[comment]`, brackets nested, copied through without its outer
    /// brackets; escapes in it are read.
    fn comment(&mut self, start: usize) -> usize {
        let mut depth = 1;
        let mut pos = start + 1;
        while let Some(&c) = self.chars.get(pos) {
            match c {
                '\\' => {
                    pos = self.escape(pos);
                    continue;
                }
                '[' => depth += 1,
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        return pos + 1;
                    }
                }
                _ => {}
            }
            self.out.push(c);
            pos += 1;
        }
        self.warnings.push(Warning::UnclosedBracket { at: start });
        pos
    }

    /// A syllable (tsheg bar): stacks until something that is not a letter
    /// or vowel, or a visarga.
    fn syllable(&mut self, start: usize) -> usize {
        let mut pos = start;
        let mut stacks = Vec::new();
        while let (Tok::Letter(_) | Tok::Vowel(_), _) = self.tok(pos) {
            let stack = self.stack(pos);
            pos = stack.end;
            self.out.push_str(&stack.uni);
            let visarga = stack.visarga;
            stacks.push(stack);
            if visarga {
                break;
            }
        }
        let mut warnings: Vec<Warning> = stacks
            .iter_mut()
            .flat_map(|s| std::mem::take(&mut s.warnings))
            .collect();
        self.check_syllable(&stacks, start, pos, &mut warnings);
        self.warnings.append(&mut warnings);
        if let Some(syllables) = &mut self.syllables {
            syllables.push(stacks);
        }
        pos
    }

    /// Skips `^` at `pos`, counting them; the position of a second one is
    /// remembered for the warning.
    fn carets(&self, mut pos: usize, count: &mut usize, repeated: &mut Option<usize>) -> usize {
        while let (Tok::Mark(m), len) = self.tok(pos) {
            if MARKS[m].2 != CARET_CLASS {
                break;
            }
            *count += 1;
            if *count == 2 {
                *repeated = Some(pos);
            }
            pos += len;
        }
        pos
    }

    /// One stack starting at `start` (a letter or a vowel).
    fn stack(&self, start: usize) -> Stack {
        let mut st = Stack {
            start,
            text_end: start,
            end: start,
            uni: String::new(),
            letters: Vec::new(),
            vowel: None,
            plus: false,
            marks: false,
            visarga: false,
            warnings: Vec::new(),
        };
        let mut pos = start;
        let mut consonants = 0;
        let mut vowel_sign = false;
        let mut carets = 0;
        let mut repeated_caret = None;
        let mut seen = [false; 5];

        // Superscript: only above a letter it stands above.
        if let (Tok::Letter(top), len) = self.tok(pos) {
            if let (Tok::Letter(below), _) = self.tok(pos + len) {
                if superscribes(LETTERS[top].ewts, LETTERS[below].ewts) {
                    st.uni.push_str(LETTERS[top].main);
                    st.letters.push(top);
                    consonants += 1;
                    pos = self.carets(pos + len, &mut carets, &mut repeated_caret);
                }
            }
        }

        loop {
            // The main letter (or, after `+`, the next letter), then subscripts.
            let (tok, len) = self.tok(pos);
            let base = match tok {
                Tok::Letter(l) => Some(l),
                Tok::Vowel(A) => Some(ACHEN),
                _ => None,
            };
            if let Some(base) = base {
                let l = &LETTERS[base];
                st.uni
                    .push_str(if st.uni.is_empty() { l.main } else { l.sub });
                st.letters.push(base);
                if base == ACHEN {
                    st.vowel = Some(A);
                } else {
                    consonants += 1;
                }
                pos = self.carets(pos + len, &mut carets, &mut repeated_caret);
                for _ in 0..2 {
                    let (Tok::Letter(sub), len) = self.tok(pos) else {
                        break;
                    };
                    let name = LETTERS[sub].ewts;
                    if !is_subscript(name) || (name == "l" && consonants > 1) {
                        break;
                    }
                    st.uni.push_str(LETTERS[sub].sub);
                    st.letters.push(sub);
                    consonants += 1;
                    pos = self.carets(pos + len, &mut carets, &mut repeated_caret);
                }
            }

            // `^` written anywhere in the stack goes after its letters.
            if carets > 0 {
                if let Some(at) = repeated_caret.take() {
                    st.warnings.push(Warning::RepeatedMark {
                        at,
                        text: "^".to_owned(),
                    });
                }
                seen[CARET_CLASS] = true;
                st.uni.push('\u{0F39}');
                carets = 0;
            }

            if let (Tok::Vowel(v), len) = self.tok(pos) {
                if st.uni.is_empty() {
                    st.uni.push_str(LETTERS[ACHEN].main);
                }
                if v != A {
                    st.uni.push_str(VOWELS[v].1);
                    vowel_sign = true;
                }
                st.vowel = Some(v);
                pos += len;
            }

            if self.tok(pos).0 == Tok::Plus {
                let plus_at = pos;
                pos += 1;
                st.plus = true;
                match self.tok(pos) {
                    (Tok::Letter(_) | Tok::Vowel(A), len) => {
                        if vowel_sign {
                            st.warnings.push(Warning::StackedAfterVowel {
                                at: pos,
                                text: self.text(pos, pos + len),
                            });
                        }
                        continue;
                    }
                    (Tok::Vowel(_), _) => continue,
                    _ => {
                        st.warnings.push(Warning::DanglingPlus { at: plus_at });
                        break;
                    }
                }
            }
            break;
        }

        // Marks.
        while let (Tok::Mark(m), len) = self.tok(pos) {
            let (ewts, uni, class) = MARKS[m];
            if seen[class] {
                st.warnings.push(Warning::RepeatedMark {
                    at: pos,
                    text: self.text(pos, pos + len),
                });
            } else {
                seen[class] = true;
                st.uni.push_str(uni);
            }
            st.marks = true;
            st.visarga |= ewts == "H";
            pos += len;
        }
        st.text_end = pos;
        if self.tok(pos).0 == Tok::Dot {
            pos += 1;
        }
        st.end = pos;

        if consonants > 1 && st.vowel.is_none() {
            if st.plus {
                st.warnings.push(Warning::StackWithoutVowel {
                    at: start,
                    text: self.text(start, st.text_end),
                });
            } else if let (Tok::Letter(first), len) = self.tok(start) {
                // Not a stack: the first letter alone, the rest is read again.
                return Stack {
                    start,
                    text_end: start + len,
                    end: start + len,
                    uni: LETTERS[first].main.to_owned(),
                    letters: vec![first],
                    vowel: None,
                    plus: false,
                    marks: false,
                    visarga: false,
                    warnings: Vec::new(),
                };
            }
        }
        if !st.plus && st.letters.len() > 1 && !STACKS.contains(&st.key().as_str()) {
            st.warnings.push(Warning::UnusualStack {
                at: start,
                text: self.text(start, st.text_end),
            });
        }
        st
    }

    /// The structure of a syllable: prefix, root, suffix, second suffix.
    /// Stacks with a vowel may follow the root (Sanskrit, `pa'i`); only the
    /// letters around them are checked.
    fn check_syllable(
        &self,
        stacks: &[Stack],
        start: usize,
        end: usize,
        warnings: &mut Vec<Warning>,
    ) {
        #[derive(PartialEq)]
        enum State {
            Prefix,
            Root,
            Suffix,
            SecondSuffix,
            Done,
        }
        let text = |s: &Stack| self.text(s.start, s.text_end);
        let mut state = State::Prefix;
        // The single letters of the syllable and the root among them, for
        // the check of ambiguous spellings.
        let mut letters: Vec<&str> = Vec::new();
        let mut root = None;
        let mut roots = 0;
        let mut previous: Option<&Stack> = None;
        for (i, st) in stacks.iter().enumerate() {
            let Some(lone) = st.lone() else {
                roots += 1;
                state = State::Suffix;
                if roots == 1 {
                    if let Some(l) = st.single_with_a() {
                        letters.push(LETTERS[l].ewts);
                        root = Some(letters.len() - 1);
                    }
                }
                previous = Some(st);
                continue;
            };
            let name = LETTERS[lone].ewts;
            match state {
                State::Prefix => {
                    letters.push(name);
                    match stacks.get(i + 1) {
                        Some(next) if !prefix_fits(name, &next.key()) => {
                            warnings.push(Warning::BadPrefix {
                                at: st.start,
                                prefix: text(st),
                                root: text(next),
                            });
                        }
                        Some(_) => {}
                        None => warnings.push(Warning::MissingVowel {
                            at: st.start,
                            text: text(st),
                        }),
                    }
                    state = State::Root;
                }
                State::Root => warnings.push(Warning::MissingVowel {
                    at: st.start,
                    text: text(st),
                }),
                State::Suffix => {
                    letters.push(name);
                    if !is_suffix(name) {
                        warnings.push(Warning::BadSuffix {
                            at: st.start,
                            text: text(st),
                        });
                    }
                    state = State::SecondSuffix;
                }
                State::SecondSuffix => {
                    letters.push(name);
                    let first = previous
                        .and_then(Stack::lone)
                        .map_or("", |l| LETTERS[l].ewts);
                    if !second_suffix_fits(first, name) {
                        warnings.push(Warning::BadSecondSuffix {
                            at: st.start,
                            text: text(st),
                            after: previous.map(text).unwrap_or_default(),
                        });
                    }
                    state = State::Done;
                }
                State::Done => warnings.push(Warning::ExtraConsonant {
                    at: st.start,
                    text: text(st),
                }),
            }
            previous = Some(st);
        }

        // Where the vowel `a` is written after a letter that the Tibetan
        // would not read as the root.
        let Some(root) = root else { return };
        if !warnings.is_empty() || roots != 1 {
            return;
        }
        let reads_as = match letters[..] {
            [first, second] if root == 1 && prefix_fits(first, second) && is_suffix(second) => {
                Some(format!("{first}a{second}"))
            }
            [first, second, "s"] => {
                let key = format!("{first}{second}s");
                AMBIGUOUS
                    .iter()
                    .find(|(k, r, _)| *k == key && *r != letters[root])
                    .map(|(_, _, reads)| (*reads).to_owned())
            }
            _ => None,
        };
        if let Some(reads_as) = reads_as {
            warnings.push(Warning::AmbiguousSyllable {
                at: start,
                text: self.text(start, end),
                reads_as,
            });
        }
    }
}

/// Whether a syllable (converted without warnings) is spelt as native
/// Tibetan: native letters and vowels, no marks, at most a prefix before the
/// root, and after the root only suffixes, an a-chung particle (`'i`, `'o`,
/// `'am`) or stacks joined with `+`.
fn native_syllable(stacks: &[Stack]) -> bool {
    let native = |s: &Stack| {
        !s.marks
            && s.letters.iter().all(|&l| LETTERS[l].native)
            && s.vowel.is_none_or(|v| VOWELS[v].2)
    };
    if !stacks.iter().all(native) {
        return false;
    }
    let Some(root) = stacks.iter().position(|s| s.lone().is_none()) else {
        return false;
    };
    if root > 1 {
        return false;
    }
    let particle = |s: &Stack| {
        !s.plus && s.vowel.is_some() && matches!(s.letters[..], [l] if LETTERS[l].ewts == "'")
    };
    let mut after_particle = false;
    let mut lone_run = 0;
    for s in &stacks[root + 1..] {
        if let Some(l) = s.lone() {
            lone_run += 1;
            if after_particle && (lone_run > 1 || !matches!(LETTERS[l].ewts, "m" | "ng" | "s")) {
                return false;
            }
        } else if s.plus {
            lone_run = 0;
            after_particle = false;
        } else if lone_run == 0 && !after_particle && particle(s) {
            after_particle = true;
        } else {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Tibetan of `ewts`, which must convert without warnings.
    fn clean(ewts: &str) -> String {
        let converted = to_tibetan(ewts);
        assert_eq!(converted.warnings, [], "warnings for {ewts:?}");
        converted.tibetan
    }

    #[test]
    fn single_letters_and_syllables() {
        assert_eq!(clean("ka"), "ཀ");
        assert_eq!(clean("kha ga nga"), "ཁ་ག་ང");
        assert_eq!(clean("ca cha ja nya"), "ཅ་ཆ་ཇ་ཉ");
        assert_eq!(clean("ta tha da na pa pha ba ma"), "ཏ་ཐ་ད་ན་པ་ཕ་བ་མ");
        assert_eq!(clean("tsa tsha dza wa zha za 'a ya"), "ཙ་ཚ་ཛ་ཝ་ཞ་ཟ་འ་ཡ");
        assert_eq!(clean("ra la sha sa ha a"), "ར་ལ་ཤ་ས་ཧ་ཨ");
        assert_eq!(clean("dangs"), "དངས");
        assert_eq!(clean("bkra shis don grub"), "བཀྲ་ཤིས་དོན་གྲུབ");
    }

    #[test]
    fn prefixes_superscripts_and_subscripts() {
        assert_eq!(clean("bsgrubs"), "བསྒྲུབས");
        assert_eq!(clean("brgya"), "བརྒྱ");
        assert_eq!(clean("rdo rje"), "རྡོ་རྗེ");
        assert_eq!(clean("lha"), "ལྷ");
        assert_eq!(clean("sgra"), "སྒྲ");
        assert_eq!(clean("skyid"), "སྐྱིད");
        assert_eq!(clean("grwa"), "གྲྭ");
        assert_eq!(clean("rgwa"), "རྒྭ");
        assert_eq!(clean("brla"), "བརླ");
        assert_eq!(clean("'phrin las"), "འཕྲིན་ལས");
        assert_eq!(clean("dbyangs"), "དབྱངས");
        assert_eq!(clean("mkhyen"), "མཁྱེན");
        assert_eq!(clean("blta"), "བལྟ");
        // Not a stack: `t` does not go above `g`.
        assert_eq!(to_tibetan("tgra").tibetan, "ཏགྲ");
    }

    #[test]
    fn plus_and_dot() {
        assert_eq!(clean("k+Sha"), "ཀྵ");
        assert_eq!(clean("kSha"), "ཀྵ");
        assert_eq!(clean("pad+ma"), "པདྨ");
        assert_eq!(clean("g+ha"), "གྷ");
        assert_eq!(clean("s+wa"), "སྭ");
        assert_eq!(clean("a+a"), "ཨྸ");
        assert_eq!(clean("m+'a"), "མྰ");
        assert_eq!(clean("gyag"), "གྱག");
        assert_eq!(clean("g.yag"), "གཡག");
        assert_eq!(to_tibetan("n.ga").tibetan, "ནག");
        assert_eq!(clean("nag"), "ནག");
        assert_eq!(clean("nga"), "ང");
    }

    #[test]
    fn every_vowel() {
        assert_eq!(clean("ka"), "ཀ");
        assert_eq!(clean("kA"), "ཀཱ");
        assert_eq!(clean("ki"), "ཀི");
        assert_eq!(clean("kI"), "ཀཱི");
        assert_eq!(clean("ku"), "ཀུ");
        assert_eq!(clean("kU"), "ཀཱུ");
        assert_eq!(clean("ke"), "ཀེ");
        assert_eq!(clean("kai"), "ཀཻ");
        assert_eq!(clean("ko"), "ཀོ");
        assert_eq!(clean("kau"), "ཀཽ");
        assert_eq!(clean("k-i"), "ཀྀ");
        assert_eq!(clean("k-I"), "ཀཱྀ");
        assert_eq!(clean("a i u e o"), "ཨ་ཨི་ཨུ་ཨེ་ཨོ");
        assert_eq!(clean("A"), "ཨཱ");
        assert_eq!(clean("br-i"), "བྲྀ");
    }

    #[test]
    fn a_chung() {
        assert_eq!(clean("'od"), "འོད");
        assert_eq!(clean("pa'i"), "པའི");
        assert_eq!(clean("pa'am"), "པའམ");
        assert_eq!(clean("mnga'"), "མངའ");
        // A typographic apostrophe is a-chung too.
        assert_eq!(clean("mnga\u{2019}"), "མངའ");
    }

    #[test]
    fn punctuation_and_spaces() {
        assert_eq!(clean("ka kha"), "ཀ་ཁ");
        assert_eq!(clean("ka   kha  "), "ཀ་ཁ་");
        assert_eq!(clean("ka/"), "ཀ།");
        assert_eq!(clean("ka//"), "ཀ༎");
        assert_eq!(clean("ka*kha"), "ཀ༌ཁ");
        assert_eq!(clean("ka;"), "ཀ༏");
        assert_eq!(clean("ka|"), "ཀ༑");
        assert_eq!(clean("ka!"), "ཀ༈");
        assert_eq!(clean("hU~M`:"), "ཧཱུྂ༔");
        assert_eq!(clean("ka_kha"), "ཀ ཁ");
        assert_eq!(clean("ka=kha"), "ཀ༴ཁ");
        assert_eq!(clean("<ka>(kha)"), "༺ཀ༻༼ཁ༽");
        assert_eq!(clean("@#$%&"), "༄༅༆༇྅");
        // After a shad a space is a space.
        assert_eq!(clean("bkra shis/ bde legs/"), "བཀྲ་ཤིས། བདེ་ལེགས།");
        assert_eq!(clean("nga /"), "ང་།");
    }

    #[test]
    fn digits() {
        assert_eq!(clean("0123456789"), "༠༡༢༣༤༥༦༧༨༩");
        assert_eq!(clean("2021"), "༢༠༢༡");
    }

    #[test]
    fn sanskrit() {
        assert_eq!(clean("Ta Tha Da Na Sha"), "ཊ་ཋ་ཌ་ཎ་ཥ");
        assert_eq!(clean("-ta -tha -da -na -sha"), "ཊ་ཋ་ཌ་ཎ་ཥ");
        assert_eq!(clean("gha dha bha dzha Dha"), "གྷ་དྷ་བྷ་ཛྷ་ཌྷ");
        assert_eq!(clean("oM"), "ཨོཾ");
        assert_eq!(clean("o~M"), "ཨོྃ");
        assert_eq!(clean("o~M`"), "ཨོྂ");
        assert_eq!(clean("aH"), "ཨཿ");
        assert_eq!(clean("k?"), "ཀ྄");
        assert_eq!(clean("moX"), "མོ༷");
        assert_eq!(clean("ma~X"), "མ༵");
        assert_eq!(clean("fa va"), "ཕ༹་བ༹");
        assert_eq!(clean("ph^a"), "ཕ༹");
        assert_eq!(clean("Ra Wa Ya"), "ཪ་ཝ་ཡ");
        assert_eq!(clean("s+Wa s+Ya s+Ra"), "སྺ་སྻ་སྼ");
        assert_eq!(clean("r+Ta"), "རྚ");
        assert_eq!(
            clean("oM aHhU~M` badzra gu ru pad+ma sid+dhi hU~M`:"),
            "ཨོཾ་ཨཿཧཱུྂ་བཛྲ་གུ་རུ་པདྨ་སིདྡྷི་ཧཱུྂ༔"
        );
    }

    #[test]
    fn escapes_and_comments() {
        assert_eq!(clean("bla\\u0f20\\u0fc2"), "བླ༠࿂");
        assert_eq!(clean("bla\\u0f0bblu"), "བླ་བླུ");
        assert_eq!(clean("\\U00000F40"), "ཀ");
        assert_eq!(clean("\\/"), "/");
        assert_eq!(clean("[comment] ka"), "comment་ཀ");
        assert_eq!(clean("[a [b] c]ka"), "a [b] cཀ");
        assert_eq!(clean("[x\\u0020y]"), "x y");
        assert_eq!(clean("\u{FEFF}bla"), "བླ");
    }

    #[test]
    fn malformed_input_warns() {
        let c = to_tibetan("blaxbla");
        assert_eq!(c.tibetan, "བླxབླ");
        assert_eq!(
            c.warnings,
            [Warning::UnexpectedText {
                at: 3,
                text: "x".into()
            }]
        );
        let c = to_tibetan("a [unfinished");
        assert_eq!(c.tibetan, "ཨ་unfinished");
        assert_eq!(c.warnings, [Warning::UnclosedBracket { at: 2 }]);
        let c = to_tibetan("a\\u01x3a");
        assert_eq!(c.tibetan, "ཨཨ");
        assert_eq!(
            c.warnings,
            [Warning::InvalidEscape {
                at: 1,
                text: "\\u01x3".into()
            }]
        );
        let c = to_tibetan("rya");
        assert_eq!(c.tibetan, "རྱ");
        assert_eq!(
            c.warnings,
            [Warning::UnusualStack {
                at: 0,
                text: "rya".into()
            }]
        );
        let c = to_tibetan("tgra");
        assert_eq!(
            c.warnings,
            [Warning::BadPrefix {
                at: 0,
                prefix: "t".into(),
                root: "gra".into()
            }]
        );
        let c = to_tibetan("test");
        assert_eq!(c.tibetan, "ཏེསཏ");
        assert_eq!(
            c.warnings,
            [Warning::BadSecondSuffix {
                at: 3,
                text: "t".into(),
                after: "s".into()
            }]
        );
        let c = to_tibetan("gabsp");
        assert_eq!(
            c.warnings,
            [Warning::ExtraConsonant {
                at: 4,
                text: "p".into()
            }]
        );
        let c = to_tibetan("dga");
        assert_eq!(c.tibetan, "དག");
        assert_eq!(
            c.warnings,
            [Warning::AmbiguousSyllable {
                at: 0,
                text: "dga".into(),
                reads_as: "dag".into()
            }]
        );
        assert_eq!(
            to_tibetan("dags").warnings,
            [Warning::AmbiguousSyllable {
                at: 0,
                text: "dags".into(),
                reads_as: "dgas".into()
            }]
        );
        assert_eq!(clean("dgas"), "དགས");
        let c = to_tibetan("oMM");
        assert_eq!(c.tibetan, "ཨོཾ");
        assert_eq!(
            c.warnings,
            [Warning::RepeatedMark {
                at: 2,
                text: "M".into()
            }]
        );
        assert_eq!(
            to_tibetan("b").warnings,
            [Warning::MissingVowel {
                at: 0,
                text: "b".into()
            }]
        );
        assert_eq!(
            to_tibetan("az").warnings,
            [Warning::BadSuffix {
                at: 1,
                text: "z".into()
            }]
        );
        let c = to_tibetan("ka+");
        assert_eq!(c.tibetan, "ཀ");
        assert_eq!(c.warnings, [Warning::DanglingPlus { at: 2 }]);
        let c = to_tibetan("ge+r");
        assert_eq!(c.tibetan, "གེྲ");
        assert_eq!(
            c.warnings,
            [Warning::StackedAfterVowel {
                at: 3,
                text: "r".into()
            }]
        );
        assert_eq!(
            to_tibetan("k+y").warnings,
            [Warning::StackWithoutVowel {
                at: 0,
                text: "k+y".into()
            }]
        );
        // Unknown text is one warning for a run, at a character offset.
        let c = to_tibetan("ཀ Zhaxi");
        assert_eq!(c.tibetan, "ཀ་Zཧxཨི");
        assert_eq!(
            c.warnings[0],
            Warning::UnexpectedText {
                at: 0,
                text: "ཀ".into()
            }
        );
        assert_eq!(c.warnings[1].at(), 2);
    }

    #[test]
    fn never_panics_and_stays_linear() {
        let nasty = [
            "",
            " ",
            "+",
            "++a",
            ".",
            "..",
            "a+",
            "+a",
            "\\",
            "\\u",
            "\\U0011FFFF",
            "\\uD800",
            "[",
            "[[",
            "]",
            "^",
            "^^^",
            "k^^^",
            "~",
            "~M",
            "-",
            "--",
            "'",
            "’",
            "a+a+a+",
            "g+X",
            "H",
            "oH",
            "kH+a",
            "b.",
            "b..",
            "ba+",
            "r+",
            "rk",
            "rky",
            "bsgrwya",
            "ཀ+",
            "\u{FEFF}",
            "[\\",
            "a\\u0",
            "ᚠ",
        ];
        for s in nasty {
            let _ = to_tibetan(s);
            let _ = looks_like_ewts(s);
        }
        let big: String = "bsgrubs rdo+rje k+Sha xyz [c] \\u0F40 oMM g....yag / ".repeat(2_000);
        assert!(big.chars().count() > 100_000);
        let started = std::time::Instant::now();
        let c = to_tibetan(&big);
        assert!(!c.tibetan.is_empty());
        let pluses = "k".to_owned() + &"+k".repeat(50_000) + "a";
        let _ = to_tibetan(&pluses);
        let letters = "k".repeat(100_000);
        let _ = to_tibetan(&letters);
        let brackets = "[".repeat(100_000);
        let _ = to_tibetan(&brackets);
        // Generous for an unoptimised build on a busy machine.
        assert!(
            started.elapsed().as_secs() < 5,
            "took {:?}",
            started.elapsed()
        );
    }

    #[test]
    fn recognises_ewts() {
        for text in [
            "bkra shis don grub",
            "tshe ring",
            "rdo rje",
            "nyi ma",
            "bsod nams",
            "sgrol ma",
            "'phrin las",
            "pad+ma",
            "g.yu sgron",
            "dbang phyug",
            "lha mo",
            "bkra shis bde legs/",
            "dga' ba'i",
            "mnga\u{2019}",
        ] {
            assert!(looks_like_ewts(text), "{text:?} should look like EWTS");
        }
    }

    #[test]
    fn does_not_take_english_or_pinyin_for_ewts() {
        for text in [
            "",
            "   ",
            "hello world",
            "Zhaxi",
            "Zhaxi Dunzhu",
            "zhaxi dunzhu",
            "test",
            "abc",
            "2021",
            "Bkra shis",
            "bKra shis",
            "padma",
            "xiao",
            "mei",
            "bai",
            "tgra",
            "dga",
            "oM",
            "ka-ba",
            "a",
            "o e",
            "bkra shis 2021",
            "བཀྲ་ཤིས",
        ] {
            assert!(!looks_like_ewts(text), "{text:?} should not look like EWTS");
        }
    }
}

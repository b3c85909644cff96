//! A QR code's mask, chosen as the `qrcode` crate chooses it, but fast.
//!
//! The crate (`Canvas::apply_best_mask`) masks a copy of the whole code
//! with each of the 8 patterns and scores each copy module by module; that
//! was nearly half of a site's build. Here the code is packed into bits
//! once, a `u128` per row and per column, each pattern flips a line at a
//! time, and the penalties are counted with shifts and popcounts (on `u64`s
//! when the lines fit). The rules
//! are the crate's `compute_total_penalty_scores`, not the standard's where
//! they differ (its balance is not rounded to steps of 5%; its scores add up
//! in `u16`), and of equal scores the first pattern wins as there, so the
//! mask chosen is always the crate's.

use std::ops::{BitAnd, BitOr, BitXor, Not, Shl, Shr};

use qrcode::canvas::{Canvas, MaskPattern, Module};
use qrcode::{Color, EcLevel, Version};

/// The widest code scored here: a line fits in a `u128` (up to version 27,
/// over a thousand bytes of URL). Wider codes are left to the crate.
const MAX_WIDTH: usize = 128;

/// The patterns in the crate's order (its `ALL_PATTERNS_QR`): of equal
/// scores it keeps the first (`min_by_key`), so the order decides ties.
const PATTERNS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// Every pattern repeats every 12 rows and every 12 columns (its periods
/// are 2, 3, 4 or 6), so a line's flips are one of 12 per pattern.
const PERIOD: usize = 12;

/// Whether pattern number `p` flips the module at column `x`, row `y`
/// (the crate's `mask_functions`, in pattern number order).
const fn flips(p: usize, x: usize, y: usize) -> bool {
    match p {
        0 => (x + y).is_multiple_of(2),
        1 => y.is_multiple_of(2),
        2 => x.is_multiple_of(3),
        3 => (x + y).is_multiple_of(3),
        4 => (y / 2 + x / 3).is_multiple_of(2),
        5 => (x * y) % 2 + (x * y) % 3 == 0,
        6 => ((x * y) % 2 + (x * y) % 3).is_multiple_of(2),
        _ => ((x + y) % 2 + (x * y) % 3).is_multiple_of(2),
    }
}

/// The flips of each pattern along each line: `[p][row % PERIOD]` has bit
/// `x` set if pattern `p` flips column `x` of that row, or with `by_rows`
/// false, `[p][column % PERIOD]` has bit `y` set for row `y`.
const fn flip_table(by_rows: bool) -> [[u128; PERIOD]; 8] {
    let mut table = [[0; PERIOD]; 8];
    let mut p = 0;
    while p < 8 {
        let mut line = 0;
        while line < PERIOD {
            let mut i = 0;
            while i < MAX_WIDTH {
                let (x, y) = if by_rows { (i, line) } else { (line, i) };
                if flips(p, x, y) {
                    table[p][line] |= 1 << i;
                }
                i += 1;
            }
            line += 1;
        }
        p += 1;
    }
    table
}

/// The flips of each pattern along rows (see [`flip_table`]).
const ROW_FLIPS: [[u128; PERIOD]; 8] = flip_table(true);

/// The flips of each pattern along columns (see [`flip_table`]).
const COLUMN_FLIPS: [[u128; PERIOD]; 8] = flip_table(false);

/// The 15 bits of format information of each error correction level and
/// pattern, indexed as the crate indexes its `FORMAT_INFOS_QR` (a copy).
const FORMAT_INFOS: [u16; 32] = [
    0x5412, 0x5125, 0x5e7c, 0x5b4b, 0x45f9, 0x40ce, 0x4f97, 0x4aa0, 0x77c4, 0x72f3, 0x7daa, 0x789d,
    0x662f, 0x6318, 0x6c41, 0x6976, 0x1689, 0x13be, 0x1ce7, 0x19d0, 0x0762, 0x0255, 0x0d0c, 0x083b,
    0x355f, 0x3068, 0x3f31, 0x3a06, 0x24b4, 0x2183, 0x2eda, 0x2bed,
];

/// Where the format information is drawn, twice, most significant bit
/// first, as (column, row) counted from the far side when negative (the
/// crate's `FORMAT_INFO_COORDS_QR_MAIN` and `_SIDE`).
const FORMAT_PLACES: [[(i16, i16); 15]; 2] = [
    [
        (0, 8),
        (1, 8),
        (2, 8),
        (3, 8),
        (4, 8),
        (5, 8),
        (7, 8),
        (8, 8),
        (8, 7),
        (8, 5),
        (8, 4),
        (8, 3),
        (8, 2),
        (8, 1),
        (8, 0),
    ],
    [
        (8, -1),
        (8, -2),
        (8, -3),
        (8, -4),
        (8, -5),
        (8, -6),
        (8, -7),
        (-8, 8),
        (-7, 8),
        (-6, 8),
        (-5, 8),
        (-4, 8),
        (-3, 8),
        (-2, 8),
        (-1, 8),
    ],
];

/// The mask the crate would choose for `canvas` of `version` at
/// `ec_level`, its data drawn and not yet masked; `None` for a Micro QR
/// code or a code wider than [`MAX_WIDTH`], which the crate must choose for.
pub(super) fn best(canvas: &Canvas, version: Version, ec_level: EcLevel) -> Option<MaskPattern> {
    let Version::Normal(_) = version else {
        return None;
    };
    let width = usize::try_from(version.width()).ok()?;
    if width > MAX_WIDTH {
        return None;
    }
    let packed = Packed::new(canvas, width);
    let mut best: Option<(u16, MaskPattern)> = None;
    for pattern in PATTERNS {
        let format = FORMAT_INFOS[((ec_level as usize) ^ 1) << 3 | pattern as usize];
        let score = packed.score(pattern, format);
        // Strictly less: of equal scores the first stays, as in the crate.
        if best.is_none_or(|(least, _)| score < least) {
            best = Some((score, pattern));
        }
    }
    best.map(|(_, pattern)| pattern)
}

/// A code before masking, packed into bits: bit `x` of row `y` and bit `y`
/// of column `x` are module (`x`, `y`). Bits beyond the width are 0.
struct Packed {
    /// Modules per side.
    width: usize,
    /// Dark modules, by row.
    dark_rows: [u128; MAX_WIDTH],
    /// Modules a mask flips (data, error correction, remainder), by row;
    /// function patterns and the format information's places are kept.
    free_rows: [u128; MAX_WIDTH],
    /// Dark modules, by column.
    dark_columns: [u128; MAX_WIDTH],
    /// Modules a mask flips, by column.
    free_columns: [u128; MAX_WIDTH],
}

impl Packed {
    /// Packs the `width` × `width` modules of `canvas`.
    fn new(canvas: &Canvas, width: usize) -> Self {
        let mut packed = Self {
            width,
            dark_rows: [0; MAX_WIDTH],
            free_rows: [0; MAX_WIDTH],
            dark_columns: [0; MAX_WIDTH],
            free_columns: [0; MAX_WIDTH],
        };
        for y in 0..width {
            for x in 0..width {
                // As the crate's `Module::mask`: an empty module (a
                // remainder bit) is light, and a mask flips it too.
                let (dark, free) = match canvas.get(x as i16, y as i16) {
                    Module::Masked(color) => (color == Color::Dark, false),
                    Module::Unmasked(color) => (color == Color::Dark, true),
                    Module::Empty => (false, true),
                };
                packed.dark_rows[y] |= u128::from(dark) << x;
                packed.free_rows[y] |= u128::from(free) << x;
                packed.dark_columns[x] |= u128::from(dark) << y;
                packed.free_columns[x] |= u128::from(free) << y;
            }
        }
        packed
    }

    /// The crate's total penalty of the code masked with `pattern`, its
    /// format information `format` drawn.
    fn score(&self, pattern: MaskPattern, format: u16) -> u16 {
        let width = self.width;
        let p = pattern as usize;
        let mut rows = [0; MAX_WIDTH];
        let mut columns = [0; MAX_WIDTH];
        for i in 0..width {
            rows[i] = self.dark_rows[i] ^ (self.free_rows[i] & ROW_FLIPS[p][i % PERIOD]);
            columns[i] =
                self.dark_columns[i] ^ (self.free_columns[i] & COLUMN_FLIPS[p][i % PERIOD]);
        }
        // The format information's places were drawn light and no mask
        // flips them, so only its dark bits need drawing.
        for places in &FORMAT_PLACES {
            for (bit, &(x, y)) in places.iter().enumerate() {
                if format >> (14 - bit) & 1 == 1 {
                    let (x, y) = (place(x, width), place(y, width));
                    rows[y] |= 1 << x;
                    columns[x] |= 1 << y;
                }
            }
        }
        let (rows, columns) = (&rows[..width], &columns[..width]);
        if width <= 64 {
            penalty::<u64>(rows, columns)
        } else {
            penalty::<u128>(rows, columns)
        }
    }
}

/// A line of modules as bits: a `u64` for codes up to 64 modules wide
/// (most URLs), whose shifts are single instructions, else a `u128`.
trait Line:
    Copy
    + Not<Output = Self>
    + BitAnd<Output = Self>
    + BitOr<Output = Self>
    + BitXor<Output = Self>
    + Shl<u32, Output = Self>
    + Shr<u32, Output = Self>
{
    /// The line of the low bits of `bits` (the others are 0).
    fn of(bits: u128) -> Self;
    /// How many bits are set.
    fn ones(self) -> u32;
}

impl Line for u64 {
    fn of(bits: u128) -> Self {
        bits as u64
    }
    fn ones(self) -> u32 {
        self.count_ones()
    }
}

impl Line for u128 {
    fn of(bits: u128) -> Self {
        bits
    }
    fn ones(self) -> u32 {
        self.count_ones()
    }
}

/// The crate's total penalty of a masked code of `rows` and `columns`,
/// counted on lines of type `L`.
fn penalty<L: Line>(rows: &[u128], columns: &[u128]) -> u16 {
    let width = rows.len();
    let inside = L::of(u128::MAX >> (MAX_WIDTH - width));
    let (mut runs, mut finders) = (0, 0);
    for &line in rows.iter().chain(columns) {
        let line = L::of(line);
        runs += self::runs(line, inside);
        finders += self::finders(line);
    }
    let blocks: u32 = rows
        .windows(2)
        .map(|pair| blocks(L::of(pair[0]), L::of(pair[1]), inside))
        .sum();
    let dark: usize = rows.iter().map(|row| row.count_ones() as usize).sum();
    let balance = (dark * 200 / (width * width)).abs_diff(100) as u32;
    // The crate takes 360 off each direction's finder score (the three
    // real finder patterns) and adds up in `u16`: wrapping alike, the
    // total is its own.
    (runs + blocks + 40 * finders + balance).wrapping_sub(720) as u16
}

/// A coordinate of [`FORMAT_PLACES`] on a side of `width` modules.
fn place(i: i16, width: usize) -> usize {
    let distance = usize::from(i.unsigned_abs());
    if i < 0 {
        width - distance
    } else {
        distance
    }
}

/// The crate's score of the runs of one colour in `line`, whose modules are
/// the bits of `inside`: a run of 5 or more scores its length less 2.
fn runs<L: Line>(line: L, inside: L) -> u32 {
    // Bit i: modules i and i + 1 are alike.
    let alike = !(line ^ (line >> 1)) & (inside >> 1);
    // Bit i: modules i to i + 4 are alike. A run of n has n − 4 of these
    // in a row, the first of which starts it.
    let five = alike & (alike >> 1) & (alike >> 2) & (alike >> 3);
    let starts = five & !(five << 1);
    five.ones() + 2 * starts.ones()
}

/// The crate's score of the 2 × 2 blocks of one colour across two adjacent
/// lines, whose modules are the bits of `inside`: 3 each, overlaps too.
fn blocks<L: Line>(one: L, next: L, inside: L) -> u32 {
    let across = !(one ^ next);
    let along = !(one ^ (one >> 1)) & !(next ^ (next >> 1));
    3 * (across & along & (inside >> 1)).ones()
}

/// How many finder-like patterns (dark, light, three dark, light, dark)
/// `line` has with four light modules before or after them, as the crate
/// counts them (each scores 40), the line's own finder patterns too.
/// Modules beyond the line's ends are light; its bits beyond them are 0.
fn finders<L: Line>(line: L) -> u32 {
    let light = !line;
    let found =
        line & (light >> 1) & (line >> 2) & (line >> 3) & (line >> 4) & (light >> 5) & (line >> 6);
    // Shifts bring in 0s, the light the crate sees beyond the ends.
    let light_before = !((line << 1) | (line << 2) | (line << 3) | (line << 4));
    let light_after = !((line >> 7) | (line >> 8) | (line >> 9) | (line >> 10));
    (found & (light_before | light_after)).ones()
}

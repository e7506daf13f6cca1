// layout/items: the first step of setting a paragraph, from a shaped paragraph to the items of
// the line breaker (boxes, glue and penalties, see layout/linebreak).
//
// Words are boxes (their advance widths from the shaping), spaces are glue (TeX's: stretch 1/2,
// shrink 1/3 of the space), break opportunities inside words are penalties: hyphenation points
// and soft hyphens (flagged, with the width of the hyphen printed there), explicit hyphens, the
// places a URL may break, and glue between the characters of scripts written without spaces.
// Where HarfBuzz flags a hyphenation point unsafe to break (a ligature or kerning across it),
// both word parts are shaped again and the penalty carries the change in width. Every item
// keeps the bytes of text it covers, which the later steps (justify, place) read. With the
// spec's micro-typography (layout/microtype), the breaks carry their lines' margin kerning and
// the boxes the font expansion of their glyphs.
#pragma once

#include "layout/linebreak.hpp"
#include "text/shape.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace quire::inline v0::text {
class Hyphenator;
}

namespace quire::inline v0::layout {

struct ParagraphSpec;

/// Stretch at or above this is a fill (\parfillskip, the glue before a forced break).
constexpr double kFill = 1e5;

/// The bytes of text an item covers, [begin, end); empty for penalties and added boxes.
struct ItemText {
    std::uint32_t begin = 0, end = 0;
};

/// A hyphen glyph to print at a line end (face null: the font has none).
struct Hyphen {
    const text::Face* face = nullptr;
    std::uint32_t gid = 0;
    double advance = 0, size = 0, rise = 0;
    std::string lang;
};

/// A word part shaped again on its own because HarfBuzz flags the break before `at` unsafe.
struct Reshaped {
    std::size_t run = 0;
    std::uint32_t pre_begin = 0, at = 0, post_end = 0;
    std::vector<text::Glyph> pre, post;  ///< glyphs of [pre_begin, at) and [at, post_end)
};

/// Advance widths of the shaped paragraph summed per byte, so that any byte range has a width
/// (prefix sums); the same for the glyphs that may be letter-spaced and for their clusters, and
/// for the glyphs that font expansion scales (all but the spaces of expandable runs).
struct Advances {
    std::vector<double> all, letters, expandable;
    std::vector<std::uint32_t> clusters;

    double width(std::uint32_t a, std::uint32_t b) const { return all[b] - all[a]; }
    double letter_width(std::uint32_t a, std::uint32_t b) const { return letters[b] - letters[a]; }
    double expandable_width(std::uint32_t a, std::uint32_t b) const {
        return expandable[b] - expandable[a];
    }
    std::int64_t cluster_count(std::uint32_t a, std::uint32_t b) const {
        return clusters[b] - clusters[a];
    }
};

/// The prefix sums of a shaped paragraph.
Advances measure_advances(const text::ShapedParagraph& shaped, std::size_t text_size);

/// A place where a kashida may lengthen a join (layout/kashida): the byte offset of the letter
/// after the join, and how long the kashida may be (points).
struct KashidaPoint {
    std::uint32_t at = 0;
    double room = 0;
};

/// The line breaker's items of a paragraph and what the later steps need to know of them.
struct ParagraphItems {
    std::vector<Item> items;
    std::vector<ItemText> text;  ///< one per item
    /// The hyphen a line prints when it ends at a soft hyphen or a hyphenation point, by the
    /// index of that penalty; and the word parts shaped again there, by the same index.
    std::map<std::size_t, Hyphen> hyphens;
    std::map<std::size_t, Reshaped> reshaped;
    /// How far the first line hangs into the margin at its start (layout/microtype; none after
    /// a first-line indent). The other lines' are their breaks' (Item::start_protrusion).
    double first_protrusion = 0;
    /// The kashida places of Arabic-script words, by `at` (layout/kashida); each one's room is
    /// also in the kashida of the box that holds it (Item::kashida).
    std::vector<KashidaPoint> kashidas;
};

/// One line the breaker chose, as the steps after it (justify, place) see it.
struct LineItems {
    std::size_t start = 0, end = 0;  ///< its items [start, end), the break at `end`
    /// The item the line before broke at (its post-break width counts here); none: the first.
    std::optional<std::size_t> prev_break;
    /// The bytes of text its items cover, [text_begin, text_end) (text_begin > text_end: none).
    std::uint32_t text_begin = 0, text_end = 0;
    const Reshaped* pre_part = nullptr;   ///< a word part shaped again at its end
    const Reshaped* post_part = nullptr;  ///< a word part shaped again at its start
    const Hyphen* hyphen = nullptr;       ///< the hyphen it ends with
    /// How far it hangs into the margin at its start and at its end (layout/microtype).
    double start_protrusion = 0, end_protrusion = 0;
};

/// Line `li` of `lines` (break_lines over `items`).
LineItems line_items(const ParagraphItems& items, const std::vector<Line>& lines, std::size_t li);

/// The run holding byte `b` (runs are in text order: bisects), or null.
const text::Run* run_at(const text::ShapedParagraph& shaped, std::uint32_t b);

/// Hyphenation points of the paragraph (byte offsets, ascending), per stretch of one language
/// (a span without a language takes spec.lang; languages the hyphenator lacks have none).
std::vector<std::uint32_t> hyphenation_points(const text::ParagraphText& para,
                                              const ParagraphSpec& spec,
                                              const text::Hyphenator& hyphenator);

/// Builds the items of a shaped paragraph: an indent box (spec.first_indent), words, spaces
/// and break opportunities (text::line_breaks), hyphenation at `points`, and the closing
/// \parfillskip and forced break.
ParagraphItems build_items(const text::ParagraphText& para, const text::ShapedParagraph& shaped,
                           const Advances& advances, const ParagraphSpec& spec,
                           const std::vector<std::uint32_t>& points);

/// Where a URL or e-mail address in t[a, b) may break without a hyphen (Chicago 14.18); empty
/// when the text is not a URL.
std::vector<std::uint32_t> url_breaks(const std::string& t, std::uint32_t a, std::uint32_t b);

/// Whether a run's letters may take a share of justification: scripts written with separate
/// letters (Latin, Greek, Cyrillic), left to right.
bool letter_spaceable(const text::Run& run);

/// Whether font expansion may scale a run's glyphs: a letter-spaceable run (Latin, Greek,
/// Cyrillic) in a face that is not monospaced.
bool expandable(const text::Run& run);

/// The sum of the glyphs' advances.
double advance_of(const std::vector<text::Glyph>& gs);

/// The number of clusters of glyphs (a new cluster where the cluster value changes).
std::int64_t clusters_of(const std::vector<text::Glyph>& gs);

/// Whether byte `c` of the text is a space a line may break at.
inline bool is_break_space(char c) {
    return c == ' ' || c == '\n';
}

}  // namespace quire::inline v0::layout

// layout/justify: the third step of setting a paragraph, after the line breaker: how each line
// reaches the measure.
//
// A line's excess (or shortfall) goes first to font expansion, as far as it reaches (microtype's,
// layout/microtype: the glyphs of Latin, Greek and Cyrillic a little wider or narrower, as the
// breaker counted), then to its spaces and, in scripts that tolerate it, a little to its letters
// (InDesign's letter spacing): the breaker chooses breaks on the spaces and the expansion, and
// the letters then take their share, so that word spaces vary less from line to line. A line's
// width is the measure plus what hangs into the margins (protrusion). The result is the
// expansion factor, the adjustment ratio of the glue, the letter spacing after each cluster, and
// the extra width each space (or each place between two characters of a script without spaces)
// gets, by byte of the text.
#pragma once

#include "layout/items.hpp"

#include <cstdint>
#include <utility>
#include <vector>

namespace quire::inline v0::layout {

/// What a line holds, as justification sees it.
struct LineFit {
    double natural = 0;         ///< width at natural size, with the break's widths
    double stretch = 0;         ///< stretch of its glue (a fill at its end not counted)
    double shrink = 0;          ///< shrink of that glue
    double letters = 0;         ///< advance of the glyphs that may be letter-spaced
    std::int64_t clusters = 0;  ///< their clusters (letter spacing goes after each)
    double expandable = 0;      ///< advance of the glyphs font expansion scales
    double kashida = 0;         ///< room of its kashida places (layout/kashida)
};

/// Measures a line: its items less its protrusions (layout/microtype), and its letters and
/// expandable glyphs from the paragraph's advances (with word parts shaped again in place of
/// the paragraph's glyphs).
LineFit measure_line(const ParagraphItems& items, const LineItems& line, const Advances& advances,
                     const text::ShapedParagraph& shaped);

/// How to justify a line.
struct JustifyParams {
    double width = 0;              ///< the measure
    bool justified = true;         ///< false: the line keeps its natural width, or shrinks
    double letter_stretch = 0.06;  ///< ParagraphSpec::letter_space_stretch
    double letter_shrink = 0.06;   ///< ParagraphSpec::letter_space_shrink
    double expansion_stretch = 0;  ///< ParagraphSpec::expansion_stretch
    double expansion_shrink = 0;   ///< ParagraphSpec::expansion_shrink
    double expansion_step = 0;     ///< ParagraphSpec::expansion_step
};

/// How a line is adjusted.
struct Adjustment {
    double glue_ratio = 0;     ///< per unit of glue stretch (> 0) or shrink (< 0)
    double letter_ratio = 0;   ///< per unit of letter advance
    double per_cluster = 0;    ///< space added after each cluster of letters (points)
    double expansion = 1;      ///< the expandable glyphs' horizontal scale (font expansion)
    double kashida_ratio = 0;  ///< the share of its room each kashida place takes (0 to 1)
    bool overfull = false;     ///< wider than the measure even shrunk to the limit
};

/// Justifies a line. Font expansion takes the excess first, as far as its room reaches
/// (expansion_stretch of the expandable glyphs' advance; pdfTeX's order, which the breaker
/// counted), its factor rounded to its step; then the kashidas of Arabic-script words, each the
/// same share of its room; the letters and the spaces share what is left:
/// the letters at most their share (letter_stretch of their advance), the spaces the rest. A
/// line without spaces stays short rather than letter-spaced without limit. Shrinking stops at
/// the expansion's, glue's and letters' shrink (the line is then overfull).
Adjustment justify(const LineFit& fit, const JustifyParams& params);

/// Extra widths a line's glue gets: after the glyph of a space (`after`), or before the
/// character a glue between two characters precedes (`before`); by byte, in text order.
struct Spacing {
    std::vector<std::pair<std::uint32_t, double>> after, before;

    double after_at(std::uint32_t byte) const { return lookup(after, byte); }
    double before_at(std::uint32_t byte) const {
        return before.empty() ? 0.0 : lookup(before, byte);
    }

private:
    static double lookup(const std::vector<std::pair<std::uint32_t, double>>& v, std::uint32_t c);
};

/// The glue widths of a line adjusted by `glue_ratio` (fills take none).
Spacing glue_spacing(const ParagraphItems& items, const LineItems& line, double glue_ratio);

}  // namespace quire::inline v0::layout

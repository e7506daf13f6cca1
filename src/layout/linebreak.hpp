// layout/linebreak: total-fit line breaking over boxes, glue and penalties.
//
// Knuth & Plass, "Breaking paragraphs into lines" (1981): the paragraph is a list of items in
// logical order; a break may fall at a penalty below kInfinity, or at glue that follows a box.
// The breaker minimises the total demerits of the paragraph, with fitness classes so that a very
// loose line does not sit next to a tight one. When no set of breaks stays within the tolerance,
// a second pass adds \emergencystretch to every line, a third accepts any badness, and as a last
// resort overfull lines: a paragraph always breaks. Margin kerning and font expansion
// (layout/microtype) enter as pdfTeX has them: protrusion as widths at the breaks, expansion as
// the boxes' stretch and shrink, taken before the glue's. Font-free: widths are plain numbers,
// so the tests use fixed-width boxes.
#pragma once

#include <cstddef>
#include <vector>

namespace quire::inline v0::layout {

/// Penalty value meaning "never break here" (and, negated, "always break here"). TeX: 10000.
constexpr int kInfinity = 10000;

/// One item of a paragraph.
struct Item {
    enum class Kind { box, glue, penalty } kind = Kind::box;
    double width = 0;  ///< natural width (for a penalty: width added when breaking here)
    /// Glue: its stretch and shrink. A box may have some too: its glyphs' font expansion
    /// (layout/microtype), which the breaker lets take a line's shortfall or excess first, as
    /// pdfTeX does (\pdfadjustspacing=2); the glue takes the rest and gives the badness.
    double stretch = 0;
    double shrink = 0;
    int penalty = 0;       ///< penalty only: cost of breaking here
    bool flagged = false;  ///< penalty only: a hyphen break (for double-hyphen demerits)
    /// Glue and penalties: width added at the start of the next line when breaking here (TeX's
    /// post-break text of a discretionary; here the change in width when a word part is shaped
    /// again on its own).
    double post_width = 0;
    /// Glue and penalties: margin kerning when the paragraph breaks here (layout/microtype).
    /// How far the line that ends here hangs into the margin at its end (its last character,
    /// or the hyphen the break prints) and the next line at its start (its first character);
    /// each makes its line that much narrower, as pdfTeX's \pdfprotrudechars=2 does.
    double end_protrusion = 0;
    double start_protrusion = 0;
    /// Box only: the room of its kashida (layout/kashida), a stretch the breaker counts with
    /// the glue's, in the badness too (justification gives it the shortfall first; counted as
    /// the glue's, the breaker spreads it evenly over the lines rather than filling some lines
    /// with kashidas and leaving others without).
    double kashida = 0;

    static Item box(double w) { return {Kind::box, w, 0, 0, 0, false, 0, 0, 0, 0}; }
    static Item glue(double w, double st, double sh) {
        return {Kind::glue, w, st, sh, 0, false, 0, 0, 0, 0};
    }
    static Item penalty_item(int p, double w = 0, bool flagged = false, double post = 0) {
        return {Kind::penalty, w, 0, 0, p, flagged, post, 0, 0, 0};
    }
};

/// Settings of the breaker; the names are TeX's.
struct BreakParams {
    double tolerance = 400;              ///< \tolerance: the largest badness of an acceptable line
    int line_penalty = 10;               ///< \linepenalty
    int double_hyphen_demerits = 10000;  ///< \doublehyphendemerits
    int adj_demerits = 10000;            ///< \adjdemerits: fitness classes more than one apart
    int final_hyphen_demerits = 5000;    ///< \finalhyphendemerits: hyphen on the last full line
    double emergency_stretch = 0;        ///< \emergencystretch: extra stretch in the last pass
    /// Most hyphenated lines in a row (InDesign's hyphen limit); 0: no limit. Lifted only in the
    /// last pass (overfull lines), so a paragraph always breaks.
    int max_consecutive_hyphens = 2;
};

/// One chosen line: the items [start, end) with the break at `end` (the break item itself is
/// not part of the line; discardable items after a break are skipped by `start`).
struct Line {
    std::size_t start = 0, end = 0;
    double ratio = 0;  ///< adjustment ratio: >0 stretch, <0 shrink; < -1 means overfull
};

/// Breaks the items into lines of the given widths (the last width repeats). The list must end
/// with a forced break (a penalty of -kInfinity), as TeX's \parfillskip + \penalty-10000 does.
/// A line's natural width counts its break's width and end protrusion and the post-break width
/// and start protrusion of the break before it (the first line's start protrusion is the
/// caller's: a wider first width).
std::vector<Line> break_lines(const std::vector<Item>& items, const std::vector<double>& widths,
                              const BreakParams& params = {});

}  // namespace quire::inline v0::layout

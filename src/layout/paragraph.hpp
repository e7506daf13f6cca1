// layout/paragraph: sets one paragraph into lines.
//
// Shapes the paragraph once (text/shape), then four steps, each with its own input and output:
//   1. items (layout/items): ICU break opportunities and hyphenation points into boxes, glue
//      and penalties, word parts shaped again at unsafe breaks;
//   2. break (layout/linebreak): Knuth–Plass over the items;
//   3. justify (layout/justify): each line's adjustment ratio into its font expansion, the widths
//      of its spaces and letter spacing;
//   4. place (layout/place): the glyphs of the line's byte range, runs in visual order by bidi
//      level (UAX #9 rule L2, ICU), each run knowing what its span is (link, note mark).
// Margin kerning and font expansion (layout/microtype) take part in steps 1 to 4. Lines are
// positioned relative to their own origin (left end of the measure, on the baseline); a line
// that hangs into the margin starts left of it or ends right of the measure.
#pragma once

#include "layout/frame.hpp"
#include "layout/linebreak.hpp"
#include "layout/microtype.hpp"
#include "text/shape.hpp"

#include <vector>

namespace quire::inline v0::layout {

/// How to set a paragraph.
struct ParagraphSpec {
    double width = 400;       ///< the measure
    double first_indent = 0;  ///< extra indent of the first line
    bool justify = true;
    bool last_line_justify = false;
    std::string lang;  ///< for line breaking rules
    BreakParams params;
    bool hyphenate = true;       ///< break words at hyphenation points of `lang`
    int hyphen_penalty = 50;     ///< \hyphenpenalty: breaking at a hyphenation point
    int ex_hyphen_penalty = 50;  ///< \exhyphenpenalty: breaking after an explicit hyphen
    int left_hyphen_min = 0;     ///< \lefthyphenmin; 0: the language's own
    int right_hyphen_min = 0;    ///< \righthyphenmin; 0: the language's own
    /// Share of justification the letters may take, as a fraction of their advance: at most
    /// this much wider (narrower) in a loose (tight) line, in Latin, Greek and Cyrillic; spread
    /// evenly after every cluster of the line (one Tc per run in the PDF).
    double letter_space_stretch = 0.06;
    double letter_space_shrink = 0.06;
    /// Right-to-left lines end at the right of the measure (the first line's indent there).
    /// False sets every line from 0, for single lines the caller places itself.
    bool rtl_flush_right = true;
    int url_penalty = 100;  ///< breaking a URL (after a slash, before a dot...), no hyphen
    /// Stretch between two characters of a script written without spaces (Chinese, Japanese,
    /// Thai...), in ems of the text.
    double inter_character_stretch = 0.15;
    /// Margin kerning (layout/microtype): characters at a line's ends hang into the margin by
    /// their amounts (microtype's table, `protrusion_chars` first) times this; 0: none.
    double protrusion = 0;
    ProtrusionChars protrusion_chars;
    /// Font expansion (layout/microtype): the glyphs of a line in Latin, Greek or Cyrillic may
    /// be this much wider (narrower) than their advance in a loose (tight) line, by a factor in
    /// steps of `expansion_step`; 0: none.
    double expansion_stretch = 0;
    double expansion_shrink = 0;
    double expansion_step = 0.001;
    /// Kashida (layout/kashida): in justified Arabic-script text, one join a word may be drawn
    /// up to this many ems of the text longer (half that in Persian), before the spaces
    /// stretch; 0: none.
    double kashida = 0;
};

/// A note mark, a note number or a link within a line (for links and destinations).
struct Mark {
    int note = 0;
    bool target = false;  ///< the note's own number (false: the mark in the text)
    double x0 = 0, x1 = 0;
    std::string href;  ///< a link to this URL (note 0)
    int span = -1;     ///< the ParagraphText span it comes from
    int elem = -1;     ///< its Link structure element, once the line is tagged
};

/// One set line; coordinates relative to the line's origin (left of measure, baseline).
struct SetLine {
    std::vector<GlyphRun> runs;
    std::vector<Mark> marks;
    double width = 0;  ///< width as set
    bool overfull = false;
};

/// Set lines with the leading they take: a piece of text placed as a whole (a front page's
/// lines, a contents entry).
struct Setting {
    std::vector<SetLine> lines;
    double leading = 0;
    double height() const { return leading * static_cast<double>(lines.size()); }
};

/// Copies a set line's glyph runs onto a page, the line's origin at (x, baseline).
void place_runs(Page& page, const SetLine& line, double x, double baseline);

/// Dot leaders: copies of `dot` every `pitch` points from `from` to `to` at `baseline`, on a
/// grid from `origin` (the margin), so that the leaders of all entries of a contents line up.
void place_leaders(Page& page, const SetLine& dot, double origin, double from, double to,
                   double baseline, double pitch);

/// Sets a paragraph. `on_missing` is told of characters no font can show.
std::vector<SetLine> set_paragraph(const text::ParagraphText& para, const ParagraphSpec& spec,
                                   text::FontBook& fonts, const text::MissingGlyph& on_missing);

}  // namespace quire::inline v0::layout

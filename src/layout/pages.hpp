// layout/pages: the page builder: distributes body lines over pages with their footnotes.
//
// Font-free: body items and note lines are plain heights, so the rules are tested with
// fixed-size boxes. The invariant the builder keeps (cf. TeX's insertions, SILE, Typst's
// footnote spill): every note starts on the page of the line that references it. When all of
// a line's notes fit, they are placed whole; otherwise the line still stays when every note but
// the last fits whole and the last can start with `min_note_lines` lines, and the rest of that
// note continues at the foot of the next page(s), before any new note. Failing that, the line
// moves to the next page with its notes. The builder works line by line in one pass, so it
// always terminates and the same input gives the same pages.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace quire::layout {

/// A body line (or any unbreakable block) in reading order.
struct FlowItem {
    double height = 0;            ///< from the top of the item to the top of the next one
    double space_before = 0;      ///< dropped at the top of a page
    bool keep_with_next = false;  ///< never the last item of a page (title lines, names)
    bool break_before = false;    ///< start a new page
    std::vector<int> notes;       ///< notes first referenced in this item (indices into notes)
};

/// A note: the heights of its lines.
struct NoteSpec {
    std::vector<double> lines;
};

/// Page geometry for the builder.
struct PageParams {
    double body_height = 700;      ///< height of the text block
    double separator = 20;         ///< space taken above the notes by the rule and its gaps
    double note_gap = 2;           ///< between two notes
    int min_note_lines = 2;        ///< lines of a split note that must stay on the reference page
    double max_carry_share = 0.6;  ///< share of a page continued notes may fill while body remains
};

/// A body item placed on a page; `top` is measured from the top of the text block.
struct PlacedItem {
    std::size_t item = 0;
    double top = 0;
};

/// A note line placed on a page; `top` is measured from the top of the text block.
struct PlacedNoteLine {
    int note = 0;
    std::size_t line = 0;
    double top = 0;
};

/// What one page holds.
struct PageLayout {
    std::vector<PlacedItem> items;
    std::vector<PlacedNoteLine> note_lines;
    double notes_top = 0;         ///< top of the note area (the separator's top), if any notes
    bool continued_note = false;  ///< the page starts with the rest of a note from before
};

/// Distributes the items over pages. Problems (an item or note taller than a page) are added
/// to `warnings` as messages naming the item index.
std::vector<PageLayout> build_pages(const std::vector<FlowItem>& items,
                                    const std::vector<NoteSpec>& notes, const PageParams& params,
                                    std::vector<std::string>* warnings = nullptr);

}  // namespace quire::layout

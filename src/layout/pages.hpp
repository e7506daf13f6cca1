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
//
// The rest of a split note starts its next page's notes, under a label line when
// `continued_label_height` is set ("12. (continued)"). After the pass, one rule looks back (as
// TeX's widow penalty makes it break a page earlier): the page where the body ends must hold
// `last_page_min_lines` body lines; when it holds fewer, the page before it is made to end a
// few lines earlier and the pass runs again, a bounded number of times. Notes go with their
// lines in every pass, so they stay on their reference pages.
//
// Widow and orphan control and keep-with-next are keep_with_next chains, which the helpers
// below build; endnote_flow() turns notes into flow items for endnotes.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace quire::inline v0::layout {

/// A body line (or any unbreakable block) in reading order.
struct FlowItem {
    double height = 0;            ///< from the top of the item to the top of the next one
    double space_before = 0;      ///< dropped at the top of a page
    bool keep_with_next = false;  ///< never the last item of a page (title lines, names)
    bool break_before = false;    ///< start a new page
    std::vector<int> notes;       ///< notes first referenced in this item (indices into notes)
    /// A table's body row: the height of its header rows, repeated above it when it starts a
    /// page (taken as its space before there); 0: none.
    double head_height = 0;
    /// A figure (the head of its keep-with-next chain, which holds no note reference): when it
    /// does not fit in the rest of a page, the items after it fill the page and it goes to the
    /// top of the next one (a float, as LaTeX's [tp]), rather than leaving the gap.
    bool floats = false;
    /// The item right after a floating figure's chain: its space before when the figure has
    /// floated away and it follows what came before the figure (the space between those two
    /// kinds of block); < 0: as space_before.
    double space_if_floated = -1;
};

/// A note: the heights of its lines.
struct NoteSpec {
    std::vector<double> lines;
    /// Lines that end in a hyphen (by index; missing: no): the note is not split after them
    /// while it can be split one line earlier.
    std::vector<bool> hyphenated = {};

    bool ends_hyphenated(std::size_t line) const {
        return line < hyphenated.size() && hyphenated[line];
    }
};

/// Page geometry for the builder.
struct PageParams {
    double body_height = 700;      ///< height of the text block
    double separator = 20;         ///< space taken above the notes by the rule and its gaps
    double note_gap = 2;           ///< between two notes
    int min_note_lines = 2;        ///< lines of a split note that must stay on the reference page
    double max_carry_share = 0.6;  ///< share of a page continued notes may fill while body remains
    /// Height of the label line above the rest of a split note on its next page(s); 0: none.
    double continued_label_height = 0;
    /// Items before this index are the body; the rest (endnotes, the bio) close the article.
    std::size_t body_end = static_cast<std::size_t>(-1);
    /// Least body lines on the page where the body ends (lines are pulled over from the page
    /// before); 1 or less: no such rule.
    int last_page_min_lines = 2;
    /// The least space between a figure floated to a page's top and the text under it.
    double float_gap = 12;
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
    /// The label line ("12. (continued)") above the rest of a split note, not a line of the
    /// note (`line` is then the note line it stands above); its height is the label's.
    bool label = false;
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

/// Widow and orphan control for a paragraph's lines items[first, first + count): binds the
/// first `orphans` lines and the last `widows` lines (each at least 1) with keep_with_next, so
/// a page break leaves at least `orphans` lines at the foot and `widows` at the head. A
/// paragraph of fewer than orphans + widows lines is bound whole.
void bind_paragraph(std::vector<FlowItem>& items, std::size_t first, std::size_t count, int orphans,
                    int widows);

/// Keep-with-next for a heading whose last line is items[at]: binds it to the next `lines`
/// items (as many as there are), so it never ends a page with fewer than `lines` after it.
void keep_with_following(std::vector<FlowItem>& items, std::size_t at, int lines);

/// One line of a note set in the flow as an endnote.
struct EndnoteLine {
    int note = 0;
    std::size_t line = 0;
};

/// Endnotes: the notes' lines as flow items, to follow the body (and a heading).
struct EndnoteFlow {
    std::vector<FlowItem> items;     ///< one per note line
    std::vector<EndnoteLine> lines;  ///< what each item holds
};

/// Takes the notes out of the items' feet (clears every item's `notes`) and returns them as
/// flow items in the order of their first reference, then the notes nothing references in
/// index order; `gap` above each note but the first; each note bound by widows and orphans,
/// and a hyphenated line to the next.
EndnoteFlow endnote_flow(std::vector<FlowItem>& items, const std::vector<NoteSpec>& notes,
                         int orphans, int widows, double gap);

}  // namespace quire::inline v0::layout

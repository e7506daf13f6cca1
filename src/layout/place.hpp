// layout/place: the last step of setting a paragraph: a justified line's glyphs placed.
//
// The line's text is cut into pieces, one per shaped run it crosses, in logical order; the
// pieces are put in visual order by their bidi levels (UAX #9 rule L2, ICU's
// ubidi_reorderVisual), and their glyphs placed left to right with the line's letter spacing
// and the extra widths of its spaces (layout/justify). Word parts shaped again at the line's
// ends (layout/items) replace the paragraph's glyphs there. Each run keeps what its span is (a
// link, a note mark or a note's number: GlyphRun::role) and the line records where those are
// (SetLine::marks).
#pragma once

#include "layout/justify.hpp"
#include "layout/paragraph.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace quire::inline v0::layout {

struct Tatweel;

/// A run's part that falls on one line.
struct Piece {
    std::size_t run = 0;  ///< index in ShapedParagraph::runs
    std::uint32_t begin = 0, end = 0;
    std::uint8_t level = 0;  ///< the run's bidi level
};

/// The pieces of the bytes [begin, end) in logical order.
std::vector<Piece> line_pieces(const text::ShapedParagraph& shaped, std::uint32_t begin,
                               std::uint32_t end);

/// The visual order of a line's pieces with these bidi levels (UAX #9 rule L2, by ICU's
/// ubidi_reorderVisual): element i is the logical index of the piece drawn i-th from the left.
std::vector<std::int32_t> visual_order(const std::vector<std::uint8_t>& levels);

/// Puts pieces in visual order (visual_order of their levels).
void reorder_visually(std::vector<Piece>& pieces);

/// Where stretches of pieces in visual order are drawn in an order other than their reading
/// order and hold no right-to-left letter (numbers in Arabic text): those runs get their
/// logical text as ActualText (GlyphRun::actual_runs, actual_text). `runs` are the pieces'
/// runs, one each; `space_at` is where the space the line break takes sits (none: ~0u).
void mark_reordered_stretches(const std::string& text, const std::vector<Piece>& pieces,
                              std::vector<GlyphRun>& runs, std::uint32_t space_at);

/// One justified line to place.
struct LineToPlace {
    std::uint32_t begin = 0, end = 0;  ///< its text (LineItems::text_begin, text_end)
    /// Where its first glyph starts: the first line's indent, or left of 0 by what hangs into
    /// the left margin (layout/microtype).
    double x = 0;
    double letter_spacing = 0;  ///< after each cluster of letters (Adjustment::per_cluster)
    double expansion = 1;       ///< scale of the expandable runs' glyphs (Adjustment::expansion)
    const Spacing* spacing = nullptr;     ///< extra widths of its glue; null: none
    const Reshaped* pre_part = nullptr;   ///< a word part shaped again at its end
    const Reshaped* post_part = nullptr;  ///< a word part shaped again at its start
    const Hyphen* hyphen = nullptr;       ///< printed at its end
    /// The paragraph's kashida places (ParagraphItems::kashidas) and the share of its room each
    /// of the line's takes (Adjustment::kashida_ratio); null or 0: none.
    const std::vector<KashidaPoint>* kashidas = nullptr;
    double kashida_ratio = 0;
    /// Right to left: the right edge the line ends at (set flush right); none: from x.
    std::optional<double> flush_right;
};

/// Places the lines of one shaped paragraph.
class LinePlacer {
public:
    LinePlacer(const text::ParagraphText& para, const text::ShapedParagraph& shaped);

    /// The line's runs in visual order, its marks and its width (`overfull` is left false).
    SetLine place(const LineToPlace& line) const;

private:
    /// The glyphs of a piece, with word parts shaped again, and where each one's cluster ends.
    struct PieceGlyphs {
        std::vector<text::Glyph> glyphs;
        std::vector<std::uint32_t> ends;
    };
    PieceGlyphs piece_glyphs(const Piece& p, const LineToPlace& line) const;
    /// The piece's run, placed from x (advanced past it).
    GlyphRun place_piece(const Piece& p, const LineToPlace& line, double& x) const;
    /// Adds the space the line break at byte `at` takes to the run of the line's last piece.
    static void add_tatweels(GlyphRun& gr, const Tatweel& t, double x, double w, double rise);
    void add_break_space(GlyphRun& gr, const text::Run& run, std::uint32_t at, double x0,
                         double x) const;
    int span_at(std::uint32_t b) const;

    const text::ParagraphText& para_;
    const text::ShapedParagraph& shaped_;
    /// Where each glyph's cluster ends (the next cluster in logical order, or the run's end),
    /// by run and glyph.
    std::vector<std::vector<std::uint32_t>> cluster_ends_;
};

}  // namespace quire::inline v0::layout

// layout/article_flow: an article's blocks in reading order, as the collecting parts of its
// layout (layout/article_blocks, layout/article_figures, layout/article_notes) leave them for
// composing (layout/article_compose).
//
// Each block is a line of the flow (a line of text, a table row, an image) with what composing
// needs to place it; its FlowItem, the page builder's view of it (height, keeps, the notes it
// references first), has the same index.
#pragma once

#include "layout/frame.hpp"
#include "layout/pages.hpp"
#include "layout/paragraph.hpp"

#include <quire/style.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace quire::inline v0::layout {

/// Baseline position within a line box, share of leading.
constexpr double kBaseline = 0.76;

/// A line of the flow with what composing needs; its FlowItem (height, keeps, notes) is the
/// same index of ArticleFlow::items.
struct Block {
    SetLine line;
    double x = 0;  ///< left of the line relative to the text block (mirrored when RTL)
    /// The measure the line was set in; < 0: to the end of the text block. A right-to-left
    /// article mirrors the box [x, x + width].
    double width = -1;
    bool absolute = false;         ///< x is from the left of the text block in either direction
    std::optional<SetLine> lead;   ///< set at the left of the text block (an endnote's number)
    std::optional<double> lead_x;  ///< where the lead starts (a list marker); unset: note column
    std::vector<Rule> rules;       ///< relative to the line box top-left (y down)
    std::string dest;              ///< destination placed at this line
    int note = -1;                 ///< the endnote whose first line this is
    /// Further lines within the box (table cells): x from the box's left, baseline from its
    /// top (y down).
    struct Cell {
        SetLine line;
        double x = 0, baseline = 0, height = 0;
    };
    std::vector<Cell> cells;
    std::optional<Picture> picture;  ///< an image: x from the text block's left, y from top
    /// A table's body row: its header rows (indices of blocks), repeated above it when it
    /// starts a page (FlowItem::head_height).
    std::vector<std::size_t> header_rows;
};

/// A heading of the body, for the outline.
struct FlowHeading {
    std::string title;
    int level = 1;
    std::string dest;
};

/// Where a body block goes: its language, the space above it, its indent from the left of the
/// text block and its measure (a right-to-left article mirrors them), its structure parent.
struct BlockPlace {
    std::string lang;
    double before = 0, left = 0, width = 0;
    int parent = -1;
};

/// Whether a set line ends in a hyphen (a hyphenated word, or a break after an explicit
/// hyphen): its last run's text, spaces aside, ends in "-", U+2010 or a soft hyphen.
bool ends_hyphenated(const SetLine& line);

/// The article's flow: the blocks, the page builder's view of them, where the body ends.
class ArticleFlow {
public:
    explicit ArticleFlow(const Style& style) : style_(style) {}

    std::vector<Block> blocks;
    std::vector<FlowItem> items;  ///< the page builder's view of blocks, index for index
    /// Blocks before this are the title block and the body; the rest (endnotes, the bio)
    /// close the article.
    std::size_t body_end = 0;
    std::vector<FlowHeading> headings;  ///< the body's headings, for the outline

    std::size_t size() const { return blocks.size(); }

    /// Appends a block with its flow item.
    void push(Block b, FlowItem it) {
        items.push_back(std::move(it));
        blocks.push_back(std::move(b));
    }

    /// Adds a paragraph's lines; returns the index of the first. Unless keep_all binds them
    /// all together, widow and orphan control binds the first `orphans` and the last `widows`.
    std::size_t add_lines(std::vector<SetLine> lines, const FontRole& role, double space_before,
                          bool keep_all, double x = 0);

    /// Binds blocks [first, size()) into one unbreakable block.
    void bind_all_from(std::size_t first);

private:
    const Style& style_;
};

}  // namespace quire::inline v0::layout

// Font-free tests of an article's flow (layout/article_flow): how set lines become flow items
// (heights, spaces, keeps) and which line ends count as hyphenated. Set lines are made by hand
// with the text of their last run, as ends_hyphenated reads it.
#include "layout/article_flow.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace quire;
using namespace quire::layout;

namespace {

/// A set line whose last run holds `text`.
SetLine line(const std::string& text, double width = 100) {
    SetLine l;
    GlyphRun run;
    run.text = text;
    l.runs.push_back(run);
    l.width = width;
    return l;
}

std::vector<SetLine> lines(const std::vector<std::string>& texts) {
    std::vector<SetLine> out;
    for (const auto& t : texts) out.push_back(line(t));
    return out;
}

FontRole role(double leading) {
    FontRole r;
    r.leading = leading;
    return r;
}

std::vector<bool> keeps(const ArticleFlow& flow) {
    std::vector<bool> out;
    for (const auto& it : flow.items) out.push_back(it.keep_with_next);
    return out;
}

}  // namespace

TEST_CASE("a line ends hyphenated with a hyphen, U+2010 or a soft hyphen", "[layout][flow]") {
    CHECK(ends_hyphenated(line("exam-")));
    CHECK(ends_hyphenated(line("exam- ")));  // spaces aside
    CHECK(ends_hyphenated(line("well\u2010")));
    CHECK(ends_hyphenated(line("hyphen\u00AD")));
    CHECK_FALSE(ends_hyphenated(line("word")));
    CHECK_FALSE(ends_hyphenated(line("pages 3\u2013")));  // an en dash is not a hyphen
    CHECK_FALSE(ends_hyphenated(SetLine{}));
}

TEST_CASE("a paragraph's lines become flow items, one block per line", "[layout][flow]") {
    Style style;
    style.orphans = 1;
    style.widows = 1;
    ArticleFlow flow(style);
    flow.add_lines(lines({"a"}), role(12), 0, true);
    const std::size_t first =
        flow.add_lines(lines({"one", "two", "three"}), role(14), 6, false, 20);
    CHECK(first == 1);
    REQUIRE(flow.size() == 4);
    REQUIRE(flow.items.size() == 4);
    CHECK(flow.items[1].height == 14);
    CHECK(flow.items[1].space_before == 6);  // above the first line only
    CHECK(flow.items[2].space_before == 0);
    CHECK(flow.blocks[1].x == 20);
    CHECK(flow.blocks[3].line.runs.back().text == "three");
    CHECK(keeps(flow) == std::vector<bool>{false, false, false, false});
}

TEST_CASE("keep_all binds a paragraph whole; widows and orphans bind its ends", "[layout][flow]") {
    Style style;
    style.orphans = 2;
    style.widows = 2;
    ArticleFlow flow(style);
    flow.add_lines(lines({"a", "b", "c"}), role(12), 0, true);
    CHECK(keeps(flow) == std::vector<bool>{true, true, false});
    flow.add_lines(lines({"1", "2", "3", "4", "5", "6"}), role(12), 0, false);
    // The first two lines stay together, and the last two.
    CHECK(keeps(flow) ==
          std::vector<bool>{true, true, false, true, false, false, false, true, false});
}

TEST_CASE("a hyphenated line end does not break over a page unless the style allows it",
          "[layout][flow]") {
    Style style;
    style.orphans = 1;
    style.widows = 1;
    style.page_break_after_hyphen = false;
    ArticleFlow flow(style);
    flow.add_lines(lines({"exam-", "ple", "text-"}), role(12), 0, false);
    // The last line's hyphen binds nothing: no line follows it.
    CHECK(keeps(flow) == std::vector<bool>{true, false, false});

    style.page_break_after_hyphen = true;
    ArticleFlow free_flow(style);
    free_flow.add_lines(lines({"exam-", "ple"}), role(12), 0, false);
    CHECK(keeps(free_flow) == std::vector<bool>{false, false});
}

TEST_CASE("bind_all_from makes the blocks from an index one unbreakable block", "[layout][flow]") {
    Style style;
    style.orphans = 1;
    style.widows = 1;
    ArticleFlow flow(style);
    flow.add_lines(lines({"a", "b", "c", "d"}), role(12), 0, false);
    Block picture;
    FlowItem item;
    item.height = 50;
    flow.push(picture, item);
    flow.bind_all_from(2);
    // The last block stays free: binding keeps it with what follows, and nothing does yet.
    CHECK(keeps(flow) == std::vector<bool>{false, false, true, true, false});
}

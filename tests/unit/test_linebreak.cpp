// Font-free tests of the Knuth–Plass breaker: fixed-width boxes and glue, with the arithmetic
// of the expected ratios in the comments.
#include "layout/linebreak.hpp"

#include <catch2/catch.hpp>

using quire::layout::break_lines;
using quire::layout::BreakParams;
using quire::layout::Item;
using quire::layout::kInfinity;
namespace layout = quire::layout;

namespace {

/// Words of the given widths separated by glue 3 (stretch 1.5, shrink 1), then \parfillskip
/// and the final forced break.
std::vector<Item> words(const std::vector<double>& ws) {
    std::vector<Item> items;
    for (std::size_t i = 0; i < ws.size(); ++i) {
        if (i > 0) items.push_back(Item::glue(3, 1.5, 1));
        items.push_back(Item::box(ws[i]));
    }
    items.push_back(Item::glue(0, 1e6, 0));
    items.push_back(Item::penalty_item(-kInfinity));
    return items;
}

}  // namespace

TEST_CASE("a paragraph that fits in one line is one line", "[linebreak]") {
    auto lines = break_lines(words({10, 10, 10}), {100});
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].start == 0);
    CHECK(lines[0].end == 6);  // the final penalty
}

TEST_CASE("exact fits give ratio 0", "[linebreak]") {
    // 4 words of 10 with 3 glues of 3 = 49 per line.
    auto items = words({10, 10, 10, 10, 10, 10, 10, 10});
    auto lines = break_lines(items, {49});
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].ratio == Approx(0));
    // The second line starts at the box after the glue where the first broke.
    CHECK(items[lines[1].start].kind == Item::Kind::box);
}

TEST_CASE("total fit prefers two even lines to a full and a loose one", "[linebreak]") {
    // Widths 20, 20, 20, 20 with glue 3: a line of 3 words is 66, of 2 words is 43.
    // Measure 66: first fit takes 3+1 (ratio 0 then a short last line); total fit agrees since
    // the last line is free. With measure 50, 2+2 fits at ratio (50-43)/1.5 = 4.67 → too loose
    // for tolerance 400 (badness 100*4.67^3 ≈ 10,000); the breaker must fall back (pass 2) and
    // still return lines covering every item.
    auto lines = break_lines(words({20, 20, 20, 20}), {50});
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].ratio == Approx((50.0 - 43.0) / 1.5));
}

TEST_CASE("total fit balances lines (Knuth–Plass, not first fit)", "[linebreak]") {
    // Words: 30 10 10 30, measure 55, glue 3/1.5/1.
    // First fit: "30 10" (43) would be followed by "10 30" (43): both ratio 8 → very loose, and
    // "30 10 10" is 56 → shrink ratio -1/2 = -0.5: tight but allowed. Total fit chooses
    // "30 10 10" (-0.5) + "30" (last line, free) over two loose lines.
    auto lines = break_lines(words({30, 10, 10, 30}), {55});
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].ratio == Approx(-0.5));
}

TEST_CASE("an overfull box still breaks: emergency pass", "[linebreak]") {
    // One box wider than the measure: no feasible break; pass 3 accepts an overfull line.
    auto lines = break_lines(words({200, 10, 10}), {50});
    REQUIRE(!lines.empty());
    CHECK(lines.front().ratio < -1);
    CHECK(lines.back().end == 6);
}

TEST_CASE("forced breaks inside a paragraph are honoured", "[linebreak]") {
    std::vector<Item> items{Item::box(10), Item::glue(0, 1e6, 0), Item::penalty_item(-kInfinity),
                            Item::box(10), Item::glue(0, 1e6, 0), Item::penalty_item(-kInfinity)};
    auto lines = break_lines(items, {100});
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].end == 2);
    CHECK(lines[1].start == 3);
}

TEST_CASE("line widths vary per line and the last one repeats", "[linebreak]") {
    // First line 23 (two words of 10 + glue), later lines 36 (three words).
    auto lines = break_lines(words({10, 10, 10, 10, 10, 10, 10, 10}), {23, 36});
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].ratio == Approx(0));
    CHECK(lines[1].ratio == Approx(0));
}

TEST_CASE("a penalty break with width (hyphen) counts its width", "[linebreak]") {
    // box 20, penalty (hyphen width 2, cost 50, flagged), box 20; measure 22 forces the break
    // at the penalty: line 1 = 20 + 2 = 22 exactly.
    std::vector<Item> items{Item::box(20), Item::penalty_item(50, 2, true), Item::box(20),
                            Item::glue(0, 1e6, 0), Item::penalty_item(-kInfinity)};
    BreakParams p;
    auto lines = break_lines(items, {22}, p);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].end == 1);
}

namespace {

/// Words of two halves (5 + 5) with a hyphenation point between them (hyphen 1 wide), spaces
/// of 2 (stretch 1, shrink 1). Measures of 42 (first line: "word word word half-") and then 37
/// ("half word word half-") fit exactly, so without other costs every line is hyphenated.
std::vector<layout::Item> hyphen_friendly(int words) {
    using layout::Item;
    std::vector<Item> v;
    for (int i = 0; i < words; ++i) {
        v.push_back(Item::box(5));
        v.push_back(Item::penalty_item(0, 1, true));
        v.push_back(Item::box(5));
        if (i + 1 < words) v.push_back(Item::glue(2, 1, 1));
    }
    v.push_back(Item::glue(0, 1e6, 0));
    v.push_back(Item::penalty_item(-layout::kInfinity));
    return v;
}

int most_hyphens_in_a_row(const std::vector<layout::Item>& items,
                          const std::vector<layout::Line>& lines) {
    int run = 0, most = 0;
    for (const auto& l : lines) {
        run =
            items[l.end].kind == layout::Item::Kind::penalty && items[l.end].flagged ? run + 1 : 0;
        most = std::max(most, run);
    }
    return most;
}

}  // namespace

TEST_CASE("no more hyphenated lines in a row than the limit", "[linebreak]") {
    const auto items = hyphen_friendly(40);
    layout::BreakParams p;
    p.double_hyphen_demerits = 0;
    p.max_consecutive_hyphens = 0;  // no limit: every line ends with a hyphen
    auto lines = layout::break_lines(items, {42, 37}, p);
    REQUIRE(lines.size() > 8);
    CHECK(most_hyphens_in_a_row(items, lines) >= 5);
    for (int limit : {1, 2, 3}) {
        p.max_consecutive_hyphens = limit;
        lines = layout::break_lines(items, {42, 37}, p);
        INFO("limit " << limit);
        CHECK(most_hyphens_in_a_row(items, lines) == limit);
    }
}

TEST_CASE("post-break width counts on the next line", "[linebreak]") {
    // "aaa|bbb" in 40: the only break is the penalty; the second line holds 30 + the post width
    // 5 with 10 of stretch, so its ratio is (40 - 35) / 10.
    using layout::Item;
    std::vector<Item> items = {Item::box(30), Item::penalty_item(0, 0, false, 5), Item::box(30),
                               Item::glue(0, 10, 0), Item::penalty_item(-layout::kInfinity)};
    auto lines = layout::break_lines(items, {40}, {});
    REQUIRE(lines.size() == 2);
    CHECK(lines[1].ratio == Approx(0.5));
    items[1].post_width = 0;
    lines = layout::break_lines(items, {40}, {});
    REQUIRE(lines.size() == 2);
    CHECK(lines[1].ratio == Approx(1.0));
}

TEST_CASE("emergency stretch admits a line but it is set with its real stretch", "[linebreak]") {
    // Four words of 10 with spaces 2 (stretch 1) in 30: two words a line is the only choice
    // that is not overfull, at ratio 8 (badness 51200, far above the tolerance). Emergency
    // stretch 10 lets the second pass take it (8 / 11 = 0.73), and the line keeps ratio 8.
    using layout::Item;
    std::vector<Item> items = {
        Item::box(10),       Item::glue(2, 1, 0),   Item::box(10),
        Item::glue(2, 1, 0), Item::box(10),         Item::glue(2, 1, 0),
        Item::box(10),       Item::glue(0, 1e6, 0), Item::penalty_item(-layout::kInfinity)};
    layout::BreakParams p;
    p.emergency_stretch = 10;
    auto lines = layout::break_lines(items, {30}, p);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].ratio == Approx(8));
}

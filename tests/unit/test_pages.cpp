// Font-free tests of the page builder: body lines and notes as fixed heights.
#include "layout/pages.hpp"
#include "support/pages.hpp"

#include <catch2/catch.hpp>

using namespace quire::layout;

using quire::test::page_of_item;
using quire::test::page_of_note_line;

namespace {

std::vector<FlowItem> lines(int n, double h = 10) {
    return std::vector<FlowItem>(static_cast<std::size_t>(n), FlowItem{h, 0, false, false, {}});
}

PageParams params(double body = 100) {
    PageParams p;
    p.body_height = body;
    p.separator = 5;
    p.note_gap = 0;
    p.min_note_lines = 2;
    return p;
}

}  // namespace

TEST_CASE("lines fill pages in order", "[pages]") {
    auto pages = build_pages(lines(25), {}, params());
    REQUIRE(pages.size() == 3);  // 10 + 10 + 5 lines
    CHECK(pages[0].items.size() == 10);
    CHECK(pages[2].items.size() == 5);
    CHECK(pages[1].items.front().top == Approx(0));
}

TEST_CASE("a note sits on the page of its reference, at the foot", "[pages]") {
    auto items = lines(5);
    items[2].notes = {0};
    std::vector<NoteSpec> notes{{{8, 8}}};
    auto pages = build_pages(items, notes, params());
    REQUIRE(pages.size() == 1);
    REQUIRE(pages[0].note_lines.size() == 2);
    // Notes end at the bottom of the text block: 100 - 16 = 84 is the first line's top.
    CHECK(pages[0].note_lines[0].top == Approx(84));
    CHECK(pages[0].notes_top == Approx(79));
}

TEST_CASE("a reference near the page foot moves with its note when the note cannot start",
          "[pages]") {
    // 9 lines fill 90; line 8 (the 9th) references a note of 2 lines of 8. Placing line 8 needs
    // 90 + 5 + 16 = 111 > 100, and even the minimum (2 lines) does not fit: the line moves.
    auto items = lines(12);
    items[8].notes = {0};
    std::vector<NoteSpec> notes{{{8, 8}}};
    auto pages = build_pages(items, notes, params());
    const int ref_page = page_of_item(pages, 8);
    CHECK(ref_page == page_of_note_line(pages, 0, 0));
    CHECK(ref_page == page_of_note_line(pages, 0, 1));
}

TEST_CASE("the referencing line and its note never part (sweep over positions)", "[pages]") {
    for (int pos = 0; pos < 30; ++pos) {
        for (int note_lines = 1; note_lines <= 12; ++note_lines) {
            auto items = lines(30);
            items[static_cast<std::size_t>(pos)].notes = {0};
            std::vector<NoteSpec> notes{
                {std::vector<double>(static_cast<std::size_t>(note_lines), 8)}};
            auto pages = build_pages(items, notes, params());
            INFO("pos " << pos << " note lines " << note_lines);
            CHECK(page_of_item(pages, static_cast<std::size_t>(pos)) ==
                  page_of_note_line(pages, 0, 0));
            // Nothing overlaps: body bottom <= notes top on every page.
            for (const auto& p : pages) {
                double bottom = 0;
                for (const auto& it : p.items) bottom = std::max(bottom, it.top + 10);
                if (!p.note_lines.empty()) CHECK(bottom <= p.notes_top + 1e-6);
                for (const auto& nl : p.note_lines) CHECK(nl.top + 8 <= 100 + 1e-6);
            }
        }
    }
}

TEST_CASE("a long note starts on its page and continues on the next", "[pages]") {
    // 5 body lines, the 2nd references a note of 15 lines of 8 (120 > a page).
    auto items = lines(5);
    items[1].notes = {0};
    std::vector<NoteSpec> notes{{std::vector<double>(15, 8)}};
    auto pages = build_pages(items, notes, params());
    REQUIRE(pages.size() >= 2);
    CHECK(page_of_note_line(pages, 0, 0) == 0);
    CHECK(page_of_note_line(pages, 0, 14) >= 1);
    CHECK(pages[1].continued_note);
    // Every line of the note is placed exactly once.
    int placed = 0;
    for (const auto& p : pages) placed += static_cast<int>(p.note_lines.size());
    CHECK(placed == 15);
}

TEST_CASE("several notes of one line all start on its page", "[pages]") {
    auto items = lines(20);
    items[6].notes = {0, 1, 2};
    std::vector<NoteSpec> notes{{{8}}, {{8, 8}}, {std::vector<double>(6, 8)}};
    auto pages = build_pages(items, notes, params());
    const int p = page_of_item(pages, 6);
    CHECK(page_of_note_line(pages, 0, 0) == p);
    CHECK(page_of_note_line(pages, 1, 0) == p);
    CHECK(page_of_note_line(pages, 2, 0) == p);
}

TEST_CASE("keep-with-next items do not end a page", "[pages]") {
    auto items = lines(12);
    items[9].keep_with_next = true;  // would be the last line of page 1
    auto pages = build_pages(items, {}, params());
    CHECK(page_of_item(pages, 9) == page_of_item(pages, 10));
}

TEST_CASE("space before is dropped at the top of a page", "[pages]") {
    auto items = lines(12);
    items[10].space_before = 30;
    auto pages = build_pages(items, {}, params());
    REQUIRE(pages.size() == 2);
    CHECK(pages[1].items.front().item == 10);
    CHECK(pages[1].items.front().top == Approx(0));
}

TEST_CASE("a note longer than two pages continues over several pages and terminates", "[pages]") {
    auto items = lines(3);
    items[0].notes = {0};
    std::vector<NoteSpec> notes{{std::vector<double>(40, 8)}};  // 320: more than three pages
    auto pages = build_pages(items, notes, params());
    CHECK(page_of_note_line(pages, 0, 0) == 0);
    int placed = 0;
    for (const auto& p : pages) placed += static_cast<int>(p.note_lines.size());
    CHECK(placed == 40);
    CHECK(pages.size() < 10);
}

TEST_CASE("a note never splits a keep-with-next chain (no orphan through notes)", "[pages]") {
    // 6 lines fill 60 of 100. Line 6 is bound to line 7 (orphan control) and cites a note of 4
    // lines of 8. Line 6 alone with two note lines would fit (60 + 10 + 5 + 16 = 91), but then
    // line 7 would not: the pair moves to the next page together, with the note.
    auto items = lines(12);
    items[6].keep_with_next = true;
    items[6].notes = {0};
    std::vector<NoteSpec> notes{{{8, 8, 8, 8}}};
    auto pages = build_pages(items, notes, params());
    CHECK(page_of_item(pages, 6) == page_of_item(pages, 7));
    CHECK(page_of_item(pages, 6) == page_of_note_line(pages, 0, 0));
}

TEST_CASE("a whole note placed with a chain's first line leaves room for the rest", "[pages]") {
    // 5 lines fill 50. Line 5 bound to line 6 cites a 3-line note (24): 50 + 10 + 5 + 24 = 89
    // fits, and line 6 needs 10 more: 99 <= 100, so both stay.
    auto items = lines(12);
    items[5].keep_with_next = true;
    items[5].notes = {0};
    std::vector<NoteSpec> notes{{{8, 8, 8}}};
    auto pages = build_pages(items, notes, params());
    CHECK(page_of_item(pages, 5) == 0);
    CHECK(page_of_item(pages, 6) == 0);
}

TEST_CASE("chains and notes: sweep keeps bound lines together and notes on their page", "[pages]") {
    for (int pos = 0; pos < 24; ++pos) {
        for (int nl = 1; nl <= 9; ++nl) {
            auto items = lines(24);
            // paragraphs of 4 lines: lines 0-1 and 2-3 of each are bound (orphans, widows 2)
            for (std::size_t k = 0; k < items.size(); ++k)
                items[k].keep_with_next = (k % 4) != 1 && (k % 4) != 3;
            items[static_cast<std::size_t>(pos)].notes = {0};
            std::vector<NoteSpec> notes{{std::vector<double>(static_cast<std::size_t>(nl), 8)}};
            auto pages = build_pages(items, notes, params());
            INFO("pos " << pos << " note lines " << nl);
            CHECK(page_of_item(pages, static_cast<std::size_t>(pos)) ==
                  page_of_note_line(pages, 0, 0));
            for (std::size_t k = 0; k + 1 < items.size(); ++k)
                if (items[k].keep_with_next)
                    CHECK(page_of_item(pages, k) == page_of_item(pages, k + 1));
        }
    }
}

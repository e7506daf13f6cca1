// Unit tests of text/break_iterators: one ICU break iterator per kind, locale and thread, and
// UTF-8 text walked by byte offsets.
#include "text/break_iterators.hpp"

#include "text/shape.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

using quire::text::break_iterator;
using quire::text::BreakKind;
using quire::text::BreakText;

namespace {

/// The boundaries `bi` gives in `text` (byte offsets), after the first.
std::vector<int32_t> boundaries(icu::BreakIterator& bi, const std::string& text) {
    std::vector<int32_t> out;
    const BreakText walk(bi, text);
    REQUIRE(walk.ok());
    for (int32_t p = bi.next(); p != icu::BreakIterator::DONE; p = bi.next()) out.push_back(p);
    return out;
}

}  // namespace

TEST_CASE("break_iterator keeps one iterator per kind, locale and thread", "[text][break]") {
    icu::BreakIterator* w = break_iterator(BreakKind::word, "de");
    REQUIRE(w != nullptr);
    CHECK(break_iterator(BreakKind::word, "de") == w);
    icu::BreakIterator* l = break_iterator(BreakKind::line, "de");
    REQUIRE(l != nullptr);
    CHECK(l != w);
    CHECK(break_iterator(BreakKind::word, "en") != w);
    icu::BreakIterator* other = nullptr;
    std::thread t([&] { other = break_iterator(BreakKind::word, "de"); });
    t.join();
    CHECK(other != w);
}

TEST_CASE("BreakText walks UTF-8 by byte offsets and lets go of it", "[text][break]") {
    icu::BreakIterator* w = break_iterator(BreakKind::word, "fr");
    REQUIRE(w != nullptr);
    const std::string text = "d\u00E9j\u00E0 vu";  // "déjà" is 6 bytes
    CHECK(boundaries(*w, text) == std::vector<int32_t>{6, 7, 9});
    // After the walk the iterator holds no text of ours.
    UErrorCode st = U_ZERO_ERROR;
    UText* ut = w->getUText(nullptr, st);
    REQUIRE(U_SUCCESS(st));
    CHECK(utext_nativeLength(ut) == 0);
    utext_close(ut);
    // The same iterator walks another text afresh.
    CHECK(boundaries(*w, "\u65E5\u672C") == std::vector<int32_t>{6});
}

TEST_CASE("line breaking is strict for Japanese", "[text][break]") {
    // "ああっああ": the small tsu may start a line in ICU's normal mode, not in the strict
    // mode (JIS X 4051) that text::line_breaks asks for Japanese and Chinese.
    const std::string text = "\u3042\u3042\u3063\u3042\u3042";
    auto has_break_at = [](const std::vector<int32_t>& b, int32_t at) {
        return std::find(b.begin(), b.end(), at) != b.end();
    };
    icu::BreakIterator* normal = break_iterator(BreakKind::line, "ja");
    icu::BreakIterator* strict = break_iterator(BreakKind::line, "ja@lb=strict");
    REQUIRE(normal != nullptr);
    REQUIRE(strict != nullptr);
    CHECK(has_break_at(boundaries(*normal, text), 6));
    CHECK_FALSE(has_break_at(boundaries(*strict, text), 6));
    std::vector<int32_t> ja;
    for (const auto& bp : quire::text::line_breaks(text, "ja-JP"))
        ja.push_back(static_cast<int32_t>(bp.offset));
    CHECK_FALSE(ja.empty());
    CHECK_FALSE(has_break_at(ja, 6));
}

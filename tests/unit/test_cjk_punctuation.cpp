// Two CJK punctuation marks in a row are set without a full em of white between their inks
// (text::squeeze_cjk_punctuation): the OpenType `halt` form on the first when it closes a
// phrase, on the second when both open one.
#include "text/shape.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace quire;

namespace {

/// The byte ranges that get `halt` in `s`.
std::vector<std::pair<unsigned, unsigned>> halts(const std::string& s) {
    std::vector<hb_feature_t> fs;
    text::squeeze_cjk_punctuation(s, 0, static_cast<std::uint32_t>(s.size()), fs);
    std::vector<std::pair<unsigned, unsigned>> out;
    for (const auto& f : fs) {
        CHECK(f.tag == HB_TAG('h', 'a', 'l', 't'));
        CHECK(f.value == 1);
        out.emplace_back(f.start, f.end);
    }
    return out;
}

using R = std::vector<std::pair<unsigned, unsigned>>;

}  // namespace

TEST_CASE("CJK punctuation in a row: the empty half goes", "[cjk][shape]") {
    // 空巢（3 bytes each）: nothing to squeeze.
    CHECK(halts("\u7A7A\u5DE2").empty());
    CHECK(halts("\u300C\u7A7A\u5DE2\u300D").empty());  // 「空巢」
    // 」「: the closing bracket at half width (bytes 6-9 of 空巢」「).
    CHECK(halts("\u7A7A\u5DE2\u300D\u300C") == R{{6, 9}});
    // ，「 and 」。: the first.
    CHECK(halts("\uFF0C\u300C") == R{{0, 3}});
    CHECK(halts("\u300D\u3002") == R{{0, 3}});
    // 「『: both open a phrase: the second.
    CHECK(halts("\u300C\u300E") == R{{3, 6}});
    // 》，《: two pairs, each closing mark squeezed.
    CHECK(halts("\u300B\uFF0C\u300A") == R{{0, 3}, {3, 6}});
    // A closing mark after an opening one (「」, an empty quotation) keeps both halves.
    CHECK(halts("\u300C\u300D").empty());
}

// Unit tests of base/utf8: the two decoders (lenient for checked text, strict for bytes from
// outside), counting and cutting, and the UTF-16 conversions through ICU.
#include "base/utf8.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

namespace utf8 = quire::utf8;

namespace {

/// (code point, offset) pairs of for_each_valid().
std::vector<std::pair<char32_t, std::size_t>> valid_code_points(std::string_view s) {
    std::vector<std::pair<char32_t, std::size_t>> out;
    utf8::for_each_valid(s, [&](char32_t c, std::size_t i) { out.emplace_back(c, i); });
    return out;
}

}  // namespace

TEST_CASE("utf8 decode reads each length and never reads past the end", "[base][utf8]") {
    const std::string s = "a\u00E9\u20AC\U0001F600";  // 1, 2, 3 and 4 bytes
    std::vector<char32_t> cps;
    std::vector<std::size_t> at;
    utf8::for_each(s, [&](char32_t c, std::size_t i) {
        cps.push_back(c);
        at.push_back(i);
    });
    CHECK(cps == std::vector<char32_t>{U'a', 0xE9, 0x20AC, 0x1F600});
    CHECK(at == std::vector<std::size_t>{0, 1, 3, 6});
    // A sequence cut short is U+FFFD of one byte.
    const std::string cut = "\xE2\x82";
    CHECK(utf8::decode(cut, 0).c == 0xFFFD);
    CHECK(utf8::decode(cut, 0).len == 1);
    std::size_t i = 1;
    CHECK(utf8::next(s, i) == 0xE9);
    CHECK(i == 3);
}

TEST_CASE("utf8 decode_strict accepts only well-formed sequences", "[base][utf8]") {
    CHECK(utf8::decode_strict("\xC3\xA9", 0).c == 0xE9);
    CHECK(utf8::decode_strict("\xF4\x8F\xBF\xBF", 0).c == 0x10FFFF);
    CHECK(utf8::decode_strict("\xF4\x8F\xBF\xBF", 0).len == 4);
    for (const std::string bad : {"\xC0\xAF", "\xE0\x80\xAF", "\xF0\x80\x80\xAF",  // overlong
                                  "\xED\xA0\x80",                                  // surrogate
                                  "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",          // past U+10FFFF
                                  "\x80", "\xBF", "\xFF", "\xE2\x82"}) {
        CHECK(utf8::decode_strict(bad, 0).c == utf8::kInvalid);
        CHECK(utf8::decode_strict(bad, 0).len == 1);
    }
    // The lenient decoder reads the overlong form; the strict one does not.
    CHECK(utf8::decode("\xC0\xAF", 0).c == U'/');
}

TEST_CASE("utf8 find_invalid, is_valid and for_each_valid", "[base][utf8]") {
    CHECK(utf8::find_invalid("plain") == std::string_view::npos);
    CHECK(utf8::find_invalid("ab\xE2\x82") == 2);
    CHECK(utf8::find_invalid("\xE2\x82\xAC\xED\xBF\xBF") == 3);  // a surrogate after a euro
    CHECK(utf8::is_valid("\u0645\u0631\u062D\u0628\u0627"));
    CHECK_FALSE(utf8::is_valid("caf\xE9"));  // Latin-1
    // Ill-formed bytes are skipped, one at a time; what follows still counts.
    const auto cps = valid_code_points(
        "a\xFF"
        "b\xE2\x82"
        "c\xF0\x9F\x98\x80");
    const std::vector<std::pair<char32_t, std::size_t>> want = {
        {U'a', 0}, {U'b', 2}, {U'c', 5}, {0x1F600, 6}};
    CHECK(cps == want);
}

TEST_CASE("utf8 count, decode_before and floor_boundary", "[base][utf8]") {
    const std::string s = "na\u00EFve \u65E5\u672C";
    CHECK(utf8::count(s) == 8);
    CHECK(utf8::count("") == 0);
    CHECK(utf8::decode_before(s, s.size()).c == 0x672C);
    CHECK(utf8::decode_before(s, s.size()).len == 3);
    CHECK(utf8::decode_before(s, 4).c == 0xEF);  // "ï" ends at byte 4
    CHECK(utf8::decode_before(s, 4).len == 2);
    CHECK(utf8::decode_before(s, 1).c == U'n');
    CHECK(utf8::floor_boundary(s, 3) == 2);
    CHECK(utf8::is_continuation(s[3]));
    CHECK_FALSE(utf8::is_continuation(s[2]));
}

TEST_CASE("utf8 UTF-16 conversions go through ICU", "[base][utf8]") {
    const std::string s = "a\u00E9\u20AC\U0001F600";
    const std::u16string u = utf8::to_utf16(s);
    CHECK(u == u"a\u00E9\u20AC\U0001F600");
    CHECK(u.size() == 5);  // a surrogate pair for the emoji
    // The same units as append_utf16, code point by code point.
    std::u16string by_hand;
    utf8::for_each(s, [&](char32_t c, std::size_t) { utf8::append_utf16(by_hand, c); });
    CHECK(u == by_hand);
    CHECK(utf8::from_utf16(u) == s);
    CHECK(utf8::to_utf16("").empty());
    CHECK(utf8::from_utf16(u"").empty());
    // Ill-formed input becomes U+FFFD.
    CHECK(utf8::to_utf16("x\xFFy") == u"x\uFFFDy");
    const char16_t lone[] = {u'x', 0xD800, u'y', 0};
    CHECK(utf8::from_utf16(lone) == "x\uFFFDy");
    // ICU strings.
    const icu::UnicodeString icu_string = utf8::to_icu(s);
    CHECK(icu_string.countChar32() == 4);
    CHECK(utf8::from_icu(icu_string) == s);
}

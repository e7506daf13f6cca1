// The language reaches HarfBuzz: the same characters take the forms of their language (the
// OpenType locl feature), and Han characters the face of their language (fonts/fallback.conf's
// [lang] sections).
#include "api/impl.hpp"
#include "text/shape.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace quire;

namespace {

text::FontBook& book() {
    return quire::detail::impl(*FontLibrary::shared()).book;
}

struct Shaped {
    std::vector<std::uint32_t> gids;
    std::vector<std::string> families;
};

Shaped shape(const std::string& s, const std::string& lang, const std::string& chain = "serif") {
    text::ParagraphText p;
    text::SpanStyle st;
    st.chain = chain;
    st.size = 10;
    st.lang = lang;
    p.append(s, st);
    p.base_level = 0;
    const auto sp = text::shape_paragraph(p, book(), {});
    Shaped out;
    for (const auto& r : sp.runs) {
        out.families.push_back(r.face ? r.face->family() : std::string());
        for (const auto& g : r.glyphs) out.gids.push_back(g.gid);
    }
    return out;
}

}  // namespace

TEST_CASE("Serbian and Macedonian Cyrillic take their own letter forms (locl)", "[language]") {
    // б: Serbian and Macedonian italic-style forms in Noto's locl SRB/MKD; the Russian form is
    // the default one. (Debian 12's Noto has no locl BGR: Bulgarian keeps the default forms.)
    const std::string word = "\xD0\xB1\xD0\xB4\xD0\xB8\xD0\xB9\xD0\xBA\xD0\xBB\xD1\x82\xD1\x86";
    for (const char* chain : {"serif", "sans"}) {
        INFO(chain);
        const auto ru = shape(word, "ru", chain);
        const auto sr = shape(word, "sr", chain);
        const auto mk = shape(word, "mk", chain);
        REQUIRE(ru.gids.size() == 8);
        REQUIRE(sr.gids.size() == 8);
        CHECK(ru.gids != sr.gids);
        CHECK(ru.gids != mk.gids);
        CHECK(ru.gids[0] != sr.gids[0]);  // б
        CHECK(ru.gids[1] == sr.gids[1]);  // д: the same in both
        // Region subtags keep the language's forms.
        CHECK(shape(word, "sr-RS", chain).gids == sr.gids);
        CHECK(shape(word, "ru-RU", chain).gids == ru.gids);
    }
}

TEST_CASE("Turkish text sets no f-i ligature, other ligatures stay", "[language]") {
    // The ligature would lose the distinction of i and ı; Noto has no locl TRK that prevents
    // it, so quire turns the ligature off for f followed by i or ı in Turkic languages.
    const std::string s = "fi f\xC4\xB1 ff";  // fi fı ff
    const auto en = shape(s, "en");
    const auto tr = shape(s, "tr");
    CHECK(en.gids.size() == 6);  // fi ligature, space, f, ı, space, ff ligature
    CHECK(tr.gids.size() == 7);  // f, i, space, f, ı, space, ff ligature
    CHECK(en.gids.back() == tr.gids.back());
    CHECK(shape(s, "az").gids == tr.gids);
}

TEST_CASE("Han characters take the face of their language", "[language]") {
    const std::string han = "\xE9\xAA\xA8\xE7\x9B\xB4";  // 骨直: forms differ by region
    CHECK(shape(han, "ja").families == std::vector<std::string>{"Noto Serif CJK JP"});
    CHECK(shape(han, "zh").families == std::vector<std::string>{"Noto Serif CJK SC"});
    CHECK(shape(han, "zh-Hans-CN").families == std::vector<std::string>{"Noto Serif CJK SC"});
    CHECK(shape(han, "zh-Hant").families == std::vector<std::string>{"Noto Serif CJK TC"});
    CHECK(shape(han, "zh-TW").families == std::vector<std::string>{"Noto Serif CJK TC"});
    CHECK(shape(han, "zh-HK").families == std::vector<std::string>{"Noto Serif CJK TC"});
    CHECK(shape(han, "ko").families == std::vector<std::string>{"Noto Serif CJK KR"});
    CHECK(shape(han, "ja", "sans").families == std::vector<std::string>{"Noto Sans CJK JP"});
    // The same code points, different glyphs: the regional forms.
    CHECK(shape(han, "ja").gids != shape(han, "zh").gids);
}

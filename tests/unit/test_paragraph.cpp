// Paragraph setting with real fonts (Noto Serif through fontconfig): marks never start a line,
// soft hyphens print a hyphen when a line ends there, and every byte of text is drawn once.
#include "api/impl.hpp"
#include "layout/paragraph.hpp"

#include <catch2/catch.hpp>

using namespace quire;

namespace {

text::FontBook& book() {
    return quire::detail::impl(*FontLibrary::shared()).book;
}

text::SpanStyle body() {
    text::SpanStyle s;
    s.size = 10;
    s.lang = "en";
    return s;
}

text::SpanStyle mark(int n) {
    text::SpanStyle s = body();
    s.size = 6;
    s.rise = 3.5;
    s.note_mark = n;
    return s;
}

/// The text the lines draw, joined with '|' between lines.
std::string drawn(const std::vector<layout::SetLine>& lines) {
    std::string out;
    for (const auto& l : lines) {
        if (!out.empty()) out += '|';
        for (const auto& r : l.runs) {
            // A hyphen added at a line end stands for a soft hyphen; shown here as "-".
            if (r.hyphen) {
                CHECK(r.text == "\u00AD");
                out += '-';
                continue;
            }
            for (const auto& g : r.glyphs)
                out += r.text.substr(g.text_begin, g.text_end - g.text_begin);
        }
    }
    return out;
}

}  // namespace

TEST_CASE("a note mark never starts a line", "[paragraph]") {
    for (double width = 60; width <= 160; width += 7) {
        text::ParagraphText p;
        for (int i = 1; i <= 12; ++i) {
            p.append(i % 2 ? "Why? " : "Really?", body());
            p.append(std::to_string(i), mark(i));
            p.append(" It was late. ", body());
        }
        layout::ParagraphSpec spec;
        spec.width = width;
        auto lines = layout::set_paragraph(p, spec, book(), nullptr);
        REQUIRE(lines.size() > 1);
        for (const auto& l : lines)
            for (const auto& m : l.marks) {
                INFO("width " << width);
                CHECK(m.x0 > 0.5);
            }
    }
}

TEST_CASE("a soft hyphen prints a hyphen only where a line breaks", "[paragraph]") {
    text::ParagraphText p;
    for (int i = 0; i < 8; ++i)
        p.append("in\u00ADter\u00ADna\u00ADtion\u00ADal\u00ADi\u00ADza\u00ADtion ", body());
    layout::ParagraphSpec spec;
    spec.width = 150;
    auto lines = layout::set_paragraph(p, spec, book(), nullptr);
    const std::string text = drawn(lines);
    INFO(text);
    CHECK(text.find("-|") != std::string::npos);  // some line ends at a soft hyphen
    // Everywhere else the soft hyphens stay invisible: outside line ends no "-" is drawn.
    std::size_t dashes = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '-') {
            ++dashes;
            CHECK(i + 1 < text.size());
            CHECK(text[i + 1] == '|');
        }
    CHECK(dashes >= 1);
    for (const auto& l : lines) CHECK(l.width <= spec.width + 0.01);
}

TEST_CASE("every byte of the paragraph is drawn once, the spaces at breaks too", "[paragraph]") {
    text::ParagraphText p;
    const std::string s =
        "Japanese Prime Minister Fumio Kishida has stated that if the right conditions are met, "
        "he will consider visiting Kiev — Office “ﬁnance” Başlık Русский текст.";
    p.append(s, body());
    layout::ParagraphSpec spec;
    spec.width = 120;
    for (bool hyphenate : {false, true}) {
        INFO("hyphenate " << hyphenate);
        spec.hyphenate = hyphenate;
        auto lines = layout::set_paragraph(p, spec, book(), nullptr);
        std::string joined = drawn(lines);
        // A hyphen printed at a line end is not part of the text (s has no "-" of its own).
        int hyphens = 0;
        for (std::size_t at; (at = joined.find("-|")) != std::string::npos; ++hyphens)
            joined.erase(at, 2);
        CHECK((hyphens > 0) == hyphenate);
        // The space a break takes is drawn too (an invisible glyph at the line's end).
        std::erase(joined, '|');
        CHECK(joined == s);
        for (const auto& l : lines) CHECK(l.width <= spec.width + 0.01);
    }
}

TEST_CASE("a break inside a ligature shapes both parts again", "[paragraph]") {
    // "office" has an ffi ligature in Noto Serif; en_US hyphenates it of-fice. A measure
    // that fits "office office of" makes the line end inside the ligature.
    text::ParagraphText p;
    const std::string s = "office office office office office office office office";
    p.append(s, body());
    layout::ParagraphSpec spec;
    spec.justify = false;
    hb_codepoint_t ffi = 0;
    const text::Face* face = book().chain("serif", {}).front();
    REQUIRE(hb_font_get_nominal_glyph(face->hb_font(), 0xFB03, &ffi));  // the ffi ligature
    bool split = false;
    for (double w = 60; w <= 120 && !split; w += 1) {
        spec.width = w;
        auto lines = layout::set_paragraph(p, spec, book(), nullptr);
        const std::string d = drawn(lines);
        if (d.find("of-|fice") == std::string::npos) continue;
        split = true;
        INFO(d);
        for (std::size_t li = 0; li < lines.size(); ++li) {
            const auto& l = lines[li];
            CHECK(l.width <= spec.width + 0.01);
            // Where the word is cut, the parts are shaped on their own: the line ending "of-"
            // ends with o, f and the hyphen, and the next starts without the ffi ligature.
            std::vector<std::uint32_t> gids;
            for (const auto& r : l.runs)
                for (const auto& g : r.glyphs) gids.push_back(g.gid);
            REQUIRE(gids.size() >= 3);
            const bool ends_cut = l.runs.back().hyphen;
            if (ends_cut) {
                CHECK(gids[gids.size() - 2] != ffi);
                REQUIRE(li + 1 < lines.size());
                CHECK(lines[li + 1].runs.front().glyphs.front().gid != ffi);
            }
        }
        std::string joined = d;
        for (std::size_t at; (at = joined.find("-|")) != std::string::npos;) joined.erase(at, 2);
        std::erase(joined, '|');
        CHECK(joined == s);
    }
    CHECK(split);
}

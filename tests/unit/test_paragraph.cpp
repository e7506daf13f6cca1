// Paragraph setting with real fonts (Noto Serif through fontconfig): marks never start a line,
// soft hyphens print a hyphen when a line ends there, and every byte of text is drawn once.
#include "api/impl.hpp"
#include "layout/paragraph.hpp"

#include <catch2/catch.hpp>

using namespace quire;

namespace {

text::FontBook& book() {
    return FontLibrary::shared()->impl().book;
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
        for (const auto& r : l.runs)
            for (const auto& g : r.glyphs)
                out += r.text.substr(g.text_begin, g.text_end - g.text_begin);
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

TEST_CASE("every byte of the paragraph is drawn once, spaces at breaks dropped", "[paragraph]") {
    text::ParagraphText p;
    const std::string s =
        "Japanese Prime Minister Fumio Kishida has stated that if the right conditions are met, "
        "he will consider visiting Kiev — Office “ﬁnance” Başlık Русский текст.";
    p.append(s, body());
    layout::ParagraphSpec spec;
    spec.width = 120;
    auto lines = layout::set_paragraph(p, spec, book(), nullptr);
    std::string joined = drawn(lines);
    for (auto& c : joined)
        if (c == '|') c = ' ';
    CHECK(joined == s);
}

// Margin kerning (protrusion) and font expansion (layout/microtype): the amounts, the breaker
// and justification with them, placement and the PDF's horizontal scaling. Font-free where the
// arithmetic is (one glyph of advance 5 per character, as test_paragraph_steps); with Noto
// through fontconfig where shaping or a face is needed.
#include "api/impl.hpp"
#include "layout/items.hpp"
#include "layout/justify.hpp"
#include "layout/microtype.hpp"
#include "layout/place.hpp"
#include "pdf/content_stream.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace quire;
using layout::Item;
using layout::Protrusion;

namespace {

constexpr double kW = 5;  // every glyph's advance

text::FontBook& book() {
    return quire::detail::impl(*FontLibrary::shared()).book;
}

text::ParagraphText plain(const std::string& s, double size = 10) {
    text::ParagraphText p;
    text::SpanStyle st;
    st.lang = "en";
    st.size = size;
    p.append(s, st);
    return p;
}

/// The paragraph as one run of `level` (reversed glyphs when right to left), one glyph of
/// advance kW per character.
text::ShapedParagraph one_run(const text::ParagraphText& p, const text::Face* face = nullptr,
                              std::uint8_t level = 0) {
    text::ShapedParagraph s;
    s.input = &p;
    s.base_level = level & 1;
    text::Run r;
    r.end = static_cast<std::uint32_t>(p.text.size());
    r.level = level;
    r.script = (level & 1) ? HB_SCRIPT_ARABIC : HB_SCRIPT_LATIN;
    r.face = face;
    for (std::uint32_t i = 0; i < r.end; ++i)
        if ((static_cast<unsigned char>(p.text[i]) & 0xC0) != 0x80)
            r.glyphs.push_back({i, i, kW, 0, 0, false});
    if (level & 1) std::reverse(r.glyphs.begin(), r.glyphs.end());
    s.runs.push_back(std::move(r));
    return s;
}

layout::ParagraphItems items_of(const text::ParagraphText& p, const text::ShapedParagraph& s,
                                const layout::ParagraphSpec& spec) {
    return layout::build_items(p, s, layout::measure_advances(s, p.text.size()), spec, {});
}

/// The first item of a kind at or after byte `at` of the text.
const Item& item_at(const layout::ParagraphItems& its, Item::Kind kind, std::uint32_t at) {
    for (std::size_t k = 0; k < its.items.size(); ++k)
        if (its.items[k].kind == kind && its.text[k].begin >= at) return its.items[k];
    FAIL("no such item");
    return its.items.front();
}

text::SpanStyle body(double size = 10) {
    text::SpanStyle s;
    s.size = size;
    s.lang = "en";
    return s;
}

/// The left and right ends of a set line's glyph boxes (origin to origin plus advance, by
/// each glyph's face), the invisible space of the line break left out.
std::pair<double, double> extent(const layout::SetLine& l) {
    double lo = 1e9, hi = -1e9;
    for (const auto& r : l.runs)
        for (const auto& g : r.glyphs) {
            if (r.text.substr(g.text_begin, g.text_end - g.text_begin) == " ") continue;
            const double adv = r.face->advance(g.gid) * r.size / r.face->upem() * r.h_scale;
            lo = std::min(lo, g.x);
            hi = std::max(hi, g.x + adv);
        }
    return {lo, hi};
}

/// The advance of character `c` in the body face at `size`.
double advance_of(char32_t c, double size) {
    const text::Face* f = book().chain("serif", {}).front();
    hb_codepoint_t gid = 0;
    hb_font_get_nominal_glyph(f->hb_font(), c, &gid);
    return f->advance(gid) * size / f->upem();
}

}  // namespace

// ---- the amounts --------------------------------------------------------------------------

TEST_CASE("protrusion: microtype's amounts per character and edge", "[microtype]") {
    using layout::default_protrusion;
    const auto serif = layout::FontClass::serif;
    CHECK(default_protrusion(U'.', serif) == Protrusion{0, 700});
    CHECK(default_protrusion(U',', serif) == Protrusion{0, 500});
    CHECK(default_protrusion(U'-', serif) == Protrusion{500, 500});
    CHECK(default_protrusion(0x2010, serif) == Protrusion{500, 500});  // HYPHEN
    CHECK(default_protrusion(0x2013, serif) == Protrusion{200, 200});  // en dash
    CHECK(default_protrusion(0x2014, serif) == Protrusion{150, 150});  // em dash
    CHECK(default_protrusion(U':', serif) == Protrusion{0, 500});
    CHECK(default_protrusion(U';', serif) == Protrusion{0, 300});
    CHECK(default_protrusion(U'!', serif) == Protrusion{0, 100});
    CHECK(default_protrusion(U'?', serif) == Protrusion{0, 100});
    CHECK(default_protrusion(U'(', serif) == Protrusion{100, 0});
    CHECK(default_protrusion(U')', serif) == Protrusion{0, 200});
    CHECK(default_protrusion(0x201C, serif) == Protrusion{300, 300});  // “
    CHECK(default_protrusion(0x2019, serif) == Protrusion{300, 400});  // ’
    CHECK(default_protrusion(0x201E, serif) == Protrusion{400, 400});  // „
    CHECK(default_protrusion(0x00AB, serif) == Protrusion{200, 200});  // «
    CHECK(default_protrusion(0x203A, serif) == Protrusion{300, 400});  // ›
    // Letters a little, accented ones as their base letter; most letters not at all.
    CHECK(default_protrusion(U'T', serif) == Protrusion{50, 50});
    CHECK(default_protrusion(0x00C1, serif) == Protrusion{50, 50});  // Á as A
    CHECK(default_protrusion(0x01FA, serif) == Protrusion{50, 50});  // Ǻ (Å with acute) as A
    CHECK(default_protrusion(0x0443, serif) == Protrusion{50, 50});  // у
    CHECK(default_protrusion(0x045E, serif) == Protrusion{50, 50});  // ў as у
    CHECK(default_protrusion(0x0413, serif) == Protrusion{0, 50});   // Г
    CHECK(default_protrusion(U'e', serif) == Protrusion{});
    CHECK(default_protrusion(0x00E9, serif) == Protrusion{});  // é as e
    // Arabic and CJK punctuation.
    CHECK(default_protrusion(0x060C, serif) == Protrusion{0, 500});  // ،
    CHECK(default_protrusion(0x061B, serif) == Protrusion{0, 300});  // ؛
    CHECK(default_protrusion(0x3002, serif) == Protrusion{0, 500});  // 。
    CHECK(default_protrusion(0x300C, serif) == Protrusion{500, 0});  // 「
    CHECK(default_protrusion(0xFF09, serif) == Protrusion{0, 500});  // ）
    // Sans as serif; monospaced faces none.
    CHECK(default_protrusion(U'.', layout::FontClass::sans) == Protrusion{0, 700});
    CHECK(default_protrusion(U'.', layout::FontClass::mono) == Protrusion{});
}

TEST_CASE("protrusion: a style's amounts replace the table's, never in mono", "[microtype]") {
    const layout::ProtrusionChars chars = {{U'.', {0, 1000}}, {0x2014, {0, 0}}};
    const auto serif = layout::FontClass::serif;
    CHECK(layout::protrusion_of(U'.', serif, chars) == Protrusion{0, 1000});
    CHECK(layout::protrusion_of(0x2014, serif, chars) == Protrusion{});
    CHECK(layout::protrusion_of(U',', serif, chars) == Protrusion{0, 500});
    CHECK(layout::protrusion_of(U'.', layout::FontClass::mono, chars) == Protrusion{});
}

TEST_CASE("protrusion: font classes from the faces", "[microtype]") {
    CHECK(layout::font_class(nullptr) == layout::FontClass::serif);
    CHECK(layout::font_class(book().chain("serif", {}).front()) == layout::FontClass::serif);
    CHECK(layout::font_class(book().chain("sans", {}).front()) == layout::FontClass::sans);
    CHECK(layout::font_class(book().chain("mono", {}).front()) == layout::FontClass::mono);
}

// ---- the items ----------------------------------------------------------------------------

TEST_CASE("protrusion: the breaks carry the amounts of the lines' edges", "[microtype]") {
    // "“ab, cd. e-f": one glyph of 5 a character (“ is 3 bytes).
    const auto p = plain("\u201Cab, cd. e-f");
    const auto s = one_run(p);
    layout::ParagraphSpec spec;
    spec.protrusion = 1;
    auto its = items_of(p, s, spec);
    // The first line starts with “: 0.3 x 5.
    CHECK(its.first_protrusion == Approx(1.5));
    // After "ab,": the comma 0.5 x 5; the next line starts with "c" (none).
    const Item& g1 = item_at(its, Item::Kind::glue, 6);
    CHECK(g1.end_protrusion == Approx(2.5));
    CHECK(g1.start_protrusion == 0);
    // After "cd.": the full stop 0.7 x 5.
    CHECK(item_at(its, Item::Kind::glue, 10).end_protrusion == Approx(3.5));
    // After the explicit hyphen of "e-f": 0.5 x 5.
    CHECK(item_at(its, Item::Kind::penalty, 13).end_protrusion == Approx(2.5));
    // A factor scales them all; a first-line indent takes the first line's.
    spec.protrusion = 0.5;
    spec.first_indent = 10;
    its = items_of(p, s, spec);
    CHECK(its.first_protrusion == 0);
    CHECK(item_at(its, Item::Kind::glue, 6).end_protrusion == Approx(1.25));
    // Off: nothing.
    spec.protrusion = 0;
    its = items_of(p, s, spec);
    for (const Item& it : its.items) CHECK(it.end_protrusion == 0);
}

TEST_CASE("protrusion: right to left, the line's end is its left", "[microtype]") {
    // An Arabic paragraph: the comma (U+060C, 2 bytes) ends the first word; amounts are
    // logical, so the glue after it carries the end protrusion as in left-to-right text.
    const auto p = plain("\u0628\u060C \u0628");
    layout::ParagraphSpec spec;
    spec.protrusion = 1;
    auto its = items_of(p, one_run(p, nullptr, 1), spec);
    CHECK(item_at(its, Item::Kind::glue, 4).end_protrusion == Approx(2.5));
    // A run against the paragraph's direction is not at the edge: nothing.
    auto mixed = one_run(p, nullptr, 1);
    mixed.base_level = 0;
    its = items_of(p, mixed, spec);
    CHECK(item_at(its, Item::Kind::glue, 4).end_protrusion == 0);
}

// ---- the breaker --------------------------------------------------------------------------

TEST_CASE("protrusion: a line fits because its final comma hangs out", "[microtype][linebreak]") {
    // Words of 40, 41 (ending in a comma) and 40 with spaces of 5 (stretch 2, no shrink) in 85:
    // "40 41" is 86, one too wide; the comma's protrusion of 1.5 makes it 84.5, which fits with
    // a ratio of 0.25.
    std::vector<Item> items = {Item::box(40),
                               Item::glue(5, 2, 0),
                               Item::box(41),
                               Item::glue(5, 2, 0),
                               Item::box(40),
                               Item::glue(0, 1e6, 0),
                               Item::penalty_item(-layout::kInfinity)};
    auto lines = layout::break_lines(items, {85});
    REQUIRE(!lines.empty());
    CHECK(lines[0].end == 1);  // without: the first word alone
    items[3].end_protrusion = 1.5;
    lines = layout::break_lines(items, {85});
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].end == 3);
    CHECK(lines[0].ratio == Approx(0.25));
    // The next line's start protrusion narrows that line (post-break, at a glue break too).
    items[3].start_protrusion = 20;
    items[3].post_width = 10;
    lines = layout::break_lines(items, {85});
    REQUIRE(lines.size() == 2);
    // Its 40 is 40 - 20 + 10 = 30 with the fill: ratio ~0.
    CHECK(lines[1].ratio == Approx(55.0 / 1e6).epsilon(0.01));
}

TEST_CASE("expansion: the breaker lets the boxes' stretch take a shortfall first",
          "[microtype][linebreak]") {
    // Two words of 40 and a space of 5 (stretch 2) in 87: short by 2. Boxes with 1 of stretch
    // each take it all: ratio 0; with 0.5 each, they take 1 and the space the rest: 0.5.
    std::vector<Item> items = {Item::box(40),
                               Item::glue(5, 2, 0),
                               Item::box(40),
                               Item::penalty_item(0),
                               Item::box(10),
                               Item::glue(0, 1e6, 0),
                               Item::penalty_item(-layout::kInfinity)};
    items[0].stretch = items[2].stretch = 1;
    auto lines = layout::break_lines(items, {87});
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].ratio == Approx(0));
    items[0].stretch = items[2].stretch = 0.5;
    lines = layout::break_lines(items, {87});
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].ratio == Approx(0.5));
    // Shrink likewise: 89 in 87 with boxes shrinking 1 each: ratio 0.
    items[0].width = items[2].width = 42;
    items[0].shrink = items[2].shrink = 1;
    items[1].shrink = 1;
    lines = layout::break_lines(items, {87});
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].ratio == Approx(0));
}

// ---- justification ------------------------------------------------------------------------

TEST_CASE("expansion: factors in steps, within the limits", "[microtype]") {
    using layout::expansion_factor;
    CHECK(expansion_factor(0, 0.02, 0.02, 0.001) == 1);
    CHECK(expansion_factor(0.5, 0.02, 0.02, 0.001) == Approx(1.01));
    CHECK(expansion_factor(0.7654, 0.02, 0.02, 0.001) == Approx(1.015));  // 1.5308% to 1.5%
    CHECK(expansion_factor(0.7751, 0.02, 0.02, 0.001) == Approx(1.016));  // 1.5502% to 1.6%
    CHECK(expansion_factor(1, 0.02, 0.02, 0.001) == Approx(1.02));
    CHECK(expansion_factor(-1, 0.02, 0.01, 0.001) == Approx(0.99));
    CHECK(expansion_factor(3, 0.02, 0.02, 0.001) == Approx(1.02));      // never past the limit
    CHECK(expansion_factor(1, 0.02, 0.02, 0.003) == Approx(1.02));      // 2.1% is too far
    CHECK(expansion_factor(-0.3, 0.02, 0.02, 0.003) == Approx(0.994));  // -0.6%
}

TEST_CASE("expansion: justification expands first, the letters and spaces take the rest",
          "[microtype][justify]") {
    layout::JustifyParams jp;
    jp.width = 100;
    jp.letter_stretch = jp.letter_shrink = 0;
    jp.expansion_stretch = jp.expansion_shrink = 0.02;
    jp.expansion_step = 0.001;
    layout::LineFit fit;
    fit.natural = 99;
    fit.stretch = 10;
    fit.shrink = 5;
    fit.expandable = 70;  // room 1.4
    SECTION("within its room: expansion alone, to the step, the spaces the crumbs") {
        const auto a = layout::justify(fit, jp);
        CHECK(a.expansion == Approx(1.014));   // 1 / 70 = 1.43% to 1.4%
        CHECK(a.glue_ratio == Approx(0.002));  // 1 - 0.98 = 0.02 of 10
        CHECK((a.expansion - 1) * 70 + a.glue_ratio * 10 == Approx(1));
    }
    SECTION("beyond it: expansion at its limit, the spaces the rest") {
        fit.natural = 95;
        const auto a = layout::justify(fit, jp);
        CHECK(a.expansion == Approx(1.02));
        CHECK(a.glue_ratio == Approx((5 - 1.4) / 10));
    }
    SECTION("a tight line shrinks its glyphs first") {
        fit.natural = 101;
        const auto a = layout::justify(fit, jp);
        CHECK(a.expansion == Approx(0.986));
        CHECK(a.glue_ratio == Approx(-0.004));
        CHECK(!a.overfull);
        fit.natural = 108;  // 8 over: 1.4 + 5 of room
        CHECK(layout::justify(fit, jp).overfull);
        fit.natural = 106.3;
        CHECK(!layout::justify(fit, jp).overfull);
    }
    SECTION("off, or nothing expandable: as before") {
        fit.expandable = 0;
        CHECK(layout::justify(fit, jp).expansion == 1);
        CHECK(layout::justify(fit, jp).glue_ratio == Approx(0.1));
    }
}

TEST_CASE("expansion: boxes of expandable glyphs carry their room", "[microtype][items]") {
    const text::Face* face = book().chain("serif", {}).front();
    const auto p = plain("ab cde");
    layout::ParagraphSpec spec;
    spec.expansion_stretch = 0.02;
    spec.expansion_shrink = 0.01;
    auto its = items_of(p, one_run(p, face), spec);
    // "ab" 10: stretch 0.2, shrink 0.1; the space none of it.
    CHECK(its.items[0].stretch == Approx(0.2));
    CHECK(its.items[0].shrink == Approx(0.1));
    CHECK(its.items[1].stretch == Approx(2.5));
    CHECK(its.items[2].stretch == Approx(0.3));
    // No face (or a monospaced one, or Arabic): nothing to expand.
    its = items_of(p, one_run(p), spec);
    CHECK(its.items[0].stretch == 0);
    its = items_of(p, one_run(p, book().chain("mono", {}).front()), spec);
    CHECK(its.items[0].stretch == 0);
}

// ---- placement ----------------------------------------------------------------------------

TEST_CASE("expansion: placement scales the glyphs' advances, not the spaces'",
          "[microtype][place]") {
    const text::Face* face = book().chain("serif", {}).front();
    const auto p = plain("ab cd");
    const auto s = one_run(p, face);
    const layout::LinePlacer placer(p, s);
    layout::LineToPlace l;
    l.end = 5;
    l.expansion = 1.02;
    const auto line = placer.place(l);
    REQUIRE(line.runs.size() == 1);
    const auto& r = line.runs[0];
    CHECK(r.h_scale == 1.02);
    std::vector<double> xs;
    for (const auto& g : r.glyphs) xs.push_back(g.x);
    // a 0, b 5.1, space 10.2 (5 wide), c 15.2, d 20.3; width 25.4.
    REQUIRE(xs.size() == 5);
    CHECK(xs[1] == Approx(5.1));
    CHECK(xs[2] == Approx(10.2));
    CHECK(xs[3] == Approx(15.2));
    CHECK(xs[4] == Approx(20.3));
    CHECK(line.width == Approx(25.4));
    // Not expandable (no face): as set.
    const auto plain_line = layout::LinePlacer(p, one_run(p)).place(l);
    CHECK(plain_line.runs[0].h_scale == 1);
    CHECK(plain_line.width == 25);
}

TEST_CASE("protrusion: lines hang into both margins, left to right and right to left",
          "[microtype][paragraph]") {
    // (No letter spacing: the last cluster's would stand between the glyph and the edge.)
    layout::ParagraphSpec spec;
    spec.width = 160;
    spec.protrusion = 1;
    spec.hyphenate = false;
    spec.letter_space_stretch = spec.letter_space_shrink = 0;
    SECTION("left to right: “words,” at both edges") {
        text::ParagraphText p;
        for (int i = 0; i < 24; ++i) p.append("\u201Cwords,\u201D ", body());
        const auto lines = layout::set_paragraph(p, spec, book(), nullptr);
        REQUIRE(lines.size() > 2);
        const double open = 0.3 * advance_of(0x201C, 10), close = 0.3 * advance_of(0x201D, 10);
        for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
            INFO(i);
            const auto [lo, hi] = extent(lines[i]);
            CHECK(lo == Approx(-open).margin(1e-6));
            CHECK(hi == Approx(spec.width + close).margin(1e-6));
        }
        // With an indent, the first line keeps it.
        spec.first_indent = 12;
        const auto indented = layout::set_paragraph(p, spec, book(), nullptr);
        CHECK(extent(indented[0]).first == Approx(12).margin(1e-6));
        CHECK(extent(indented[1]).first == Approx(-open).margin(1e-6));
    }
    SECTION("right to left: the Arabic comma hangs out at the left") {
        text::ParagraphText p;
        text::SpanStyle ar = body();
        ar.lang = "ar";
        for (int i = 0; i < 30; ++i) p.append("\u0643\u0644\u0645\u0629\u060C ", ar);
        p.base_level = 1;
        spec.lang = "ar";
        const auto lines = layout::set_paragraph(p, spec, book(), nullptr);
        REQUIRE(lines.size() > 2);
        // The comma (in Noto Naskh Arabic, about 3 pt wide): half of it hangs out.
        for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
            INFO(i);
            const auto [lo, hi] = extent(lines[i]);
            CHECK(lo < -0.5);
            CHECK(lo > -3);
            CHECK(hi == Approx(spec.width).margin(1e-6));
        }
        spec.protrusion = 0;
        for (const auto& l : layout::set_paragraph(p, spec, book(), nullptr))
            CHECK(extent(l).first >= -1e-6);
    }
}

TEST_CASE("protrusion: a hyphen added at a break hangs out by half", "[microtype][paragraph]") {
    text::ParagraphText p;
    for (int i = 0; i < 8; ++i)
        p.append("in\u00ADter\u00ADna\u00ADtion\u00ADal\u00ADi\u00ADza\u00ADtion ", body());
    layout::ParagraphSpec spec;
    spec.width = 150;
    spec.protrusion = 1;
    const auto lines = layout::set_paragraph(p, spec, book(), nullptr);
    int hyphens = 0;
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        const auto& last = lines[i].runs.back();
        if (!last.hyphen) continue;
        ++hyphens;
        const double adv = last.face->advance(last.glyphs[0].gid) * last.size / last.face->upem();
        CHECK(extent(lines[i]).second == Approx(spec.width + 0.5 * adv).margin(1e-6));
    }
    CHECK(hyphens >= 1);
}

// ---- the PDF ------------------------------------------------------------------------------

TEST_CASE("expansion: a run states its horizontal scaling once, Tz", "[microtype][pdf]") {
    const text::Face* face = book().chain("serif", {}).front();
    hb_codepoint_t a = 0, b = 0;
    hb_font_get_nominal_glyph(face->hb_font(), 'a', &a);
    hb_font_get_nominal_glyph(face->hb_font(), 'b', &b);
    const double adv = face->advance(a) * 10.0 / face->upem();
    layout::Page page;
    layout::GlyphRun run;
    run.face = face;
    run.size = 10;
    run.text = "abab";
    run.h_scale = 1.02;
    run.char_spacing = 0.51;
    double x = 100;
    for (std::uint32_t i = 0; i < 4; ++i) {
        const hb_codepoint_t gid = i % 2 ? b : a;
        run.glyphs.push_back({gid, x, 700, i, i + 1});
        x += face->advance(gid) * 10.0 / face->upem() * 1.02 + 0.51;
    }
    page.runs.push_back(run);
    layout::GlyphRun plain_run = run;
    plain_run.h_scale = 1;
    plain_run.char_spacing = 0;
    for (auto& g : plain_run.glyphs) g.y = 680;
    page.runs.push_back(plain_run);
    pdf::FontSet fonts;
    pdf::MarkedContent mc;
    pdf::ContentWriter w(fonts, mc);
    std::set<std::size_t> used;
    const layout::Structure st;
    const std::string s = w.page(page, 0, used, 0, st);
    INFO(s);
    // Scaling 102%, the letter spacing stated before it (Tc is scaled too): 0.51 / 1.02.
    CHECK(s.find("102 Tz\n0.5 Tc\n") != std::string::npos);
    // The glyphs follow each other with no adjustment: one string of four codes.
    const auto tj = s.find("Tm [<");
    REQUIRE(tj != std::string::npos);
    const std::string array = s.substr(tj, s.find("] TJ", tj) - tj);
    CHECK(std::count(array.begin(), array.end(), '<') == 1);
    CHECK(array.size() == 5 + 4 * 4 + 1);  // "Tm [<", four codes, ">"
    // The plain run goes back to 100%.
    CHECK(s.find("100 Tz\n0 Tc\n") != std::string::npos);
    CHECK(adv > 0);
}

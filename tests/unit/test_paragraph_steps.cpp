// The steps of paragraph setting one by one (layout/items, layout/justify, layout/place), on
// shaped paragraphs made by hand: one glyph of advance 5 per character, no font unless a test
// needs a face pointer. Widths and positions are then plain arithmetic, given in the comments.
#include "api/impl.hpp"
#include "layout/items.hpp"
#include "layout/justify.hpp"
#include "layout/place.hpp"
#include "text/hyphenate.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>

using namespace quire;
using layout::Item;
using Kind = layout::Item::Kind;

namespace {

constexpr double kW = 5;  // every glyph's advance

/// A paragraph of one plain style, or of several (append more).
text::ParagraphText plain(const std::string& s, const std::string& lang = "en") {
    text::ParagraphText p;
    text::SpanStyle st;
    st.lang = lang;
    p.append(s, st);
    return p;
}

/// A run over [begin, end) of the text: one glyph per character (its cluster the character's
/// first byte, gid its index), in visual order (reversed when right to left).
text::Run run(const text::ParagraphText& p, std::uint32_t begin, std::uint32_t end,
              std::uint8_t level = 0, hb_script_t script = HB_SCRIPT_LATIN, int style = 0,
              const text::Face* face = nullptr) {
    text::Run r;
    r.begin = begin;
    r.end = end;
    r.level = level;
    r.script = script;
    r.style = style;
    r.face = face;
    for (std::uint32_t i = begin; i < end; ++i)
        if ((static_cast<unsigned char>(p.text[i]) & 0xC0) != 0x80)
            r.glyphs.push_back({i, i, kW, 0, 0, false});
    if (level & 1) std::reverse(r.glyphs.begin(), r.glyphs.end());
    return r;
}

/// The paragraph as one left-to-right Latin run.
text::ShapedParagraph one_run(const text::ParagraphText& p, const text::Face* face = nullptr) {
    text::ShapedParagraph s;
    s.input = &p;
    s.runs.push_back(
        run(p, 0, static_cast<std::uint32_t>(p.text.size()), 0, HB_SCRIPT_LATIN, 0, face));
    return s;
}

/// The items of a paragraph set with `spec` (no hyphenation points).
layout::ParagraphItems items_of(const text::ParagraphText& p, const text::ShapedParagraph& s,
                                const layout::ParagraphSpec& spec = {}) {
    return layout::build_items(p, s, layout::measure_advances(s, p.text.size()), spec, {});
}

/// The items as a string: B<width>[a,b) for boxes, G<width>/<stretch>/<shrink>[a,b) for glue,
/// P<penalty>[a] (f: flagged) for penalties.
std::string show(const layout::ParagraphItems& its) {
    std::string out;
    for (std::size_t k = 0; k < its.items.size(); ++k) {
        const Item& it = its.items[k];
        const auto& t = its.text[k];
        char buf[96];
        if (it.kind == Kind::box)
            std::snprintf(buf, sizeof buf, "B%g[%u,%u) ", it.width, t.begin, t.end);
        else if (it.kind == Kind::glue)
            std::snprintf(buf, sizeof buf, "G%g/%g/%g[%u,%u) ", it.width, it.stretch, it.shrink,
                          t.begin, t.end);
        else
            std::snprintf(buf, sizeof buf, "P%d%s[%u] ", it.penalty, it.flagged ? "f" : "",
                          t.begin);
        out += buf;
    }
    return out;
}

/// The closing \parfillskip and forced break at byte n.
std::string fill(unsigned n) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "G0/1e+06/0[%u,%u) P-10000[%u] ", n, n, n);
    return buf;
}

text::FontBook& book() {
    return quire::detail::impl(*FontLibrary::shared()).book;
}

}  // namespace

// ---- 1. items --------------------------------------------------------------------------

TEST_CASE("items: words are boxes, spaces TeX's glue, the paragraph ends in a fill",
          "[paragraph][items]") {
    const auto p = plain("aa bbb c");
    const auto s = one_run(p);
    // "aa" 10, " " 5 (stretch 2.5, shrink 5/3), "bbb" 15, " ", "c" 5.
    CHECK(show(items_of(p, s)) ==
          "B10[0,2) G5/2.5/1.66667[2,3) B15[3,6) G5/2.5/1.66667[6,7) "
          "B5[7,8) " +
              fill(8));
    layout::ParagraphSpec spec;
    spec.first_indent = 12;
    CHECK(show(items_of(p, s, spec)).rfind("B12[0,0) B10[0,2) ", 0) == 0);
}

TEST_CASE("items: a forced break is a fill and a forced penalty", "[paragraph][items]") {
    const auto p = plain("ab\ncd");
    CHECK(show(items_of(p, one_run(p))) ==
          "B10[0,2) G0/1e+06/0[2,3) P-10000[3] B10[3,5) " + fill(5));
}

TEST_CASE("items: no break before a note mark or a spaced dash", "[paragraph][items]") {
    text::ParagraphText p = plain("Why? ");
    text::SpanStyle mark;
    mark.lang = "en";
    mark.rise = 3;
    mark.note_mark = 1;
    p.append("1", mark);
    p.append(" so — yes", p.styles[0]);
    text::ShapedParagraph s;
    s.runs = {run(p, 0, 5), run(p, 5, 6, 0, HB_SCRIPT_COMMON, 1),
              run(p, 6, static_cast<std::uint32_t>(p.text.size()))};
    const std::string items = show(items_of(p, s));
    INFO(items);
    // The space before the mark and the one before the dash are glue after an infinite penalty.
    CHECK(items.find("P10000[4] G5/2.5/1.66667[4,5) B5[5,6) ") != std::string::npos);
    CHECK(items.find("B10[7,9) P10000[9] G5/2.5/1.66667[9,10) B5[10,13) ") != std::string::npos);
}

TEST_CASE("items: hyphens, soft hyphens and URLs are penalties", "[paragraph][items]") {
    layout::ParagraphSpec spec;
    spec.ex_hyphen_penalty = 77;
    spec.url_penalty = 33;
    {
        // After an explicit hyphen: \exhyphenpenalty, flagged, no width.
        const auto p = plain("well-known");
        CHECK(show(items_of(p, one_run(p), spec)) == "B25[0,5) P77f[5] B25[5,10) " + fill(10));
    }
    {
        // A soft hyphen whose run has no font to print a hyphen: an ordinary break.
        const auto p = plain("in\u00ADter");
        CHECK(show(items_of(p, one_run(p), spec)) == "B15[0,4) P0[4] B15[4,7) " + fill(7));
    }
    {
        // A URL breaks after its slashes and before its dots, never in the scheme.
        CHECK(layout::url_breaks("http://ab.cd/efgh", 0, 17) == std::vector<std::uint32_t>{9, 13});
        // (ICU itself breaks "http://ab.cd/efgh" after each slash: those are its opportunities,
        // ordinary penalties.) Within a word ICU keeps whole, the URL's places are penalties.
        const auto p = plain("www.example.com");
        CHECK(show(items_of(p, one_run(p), spec)) == "B55[0,11) P33[11] B20[11,15) " + fill(15));
        CHECK(layout::url_breaks("not.a/url at all", 0, 16).empty());
    }
}

TEST_CASE("items: characters of a script without spaces are glued", "[paragraph][items]") {
    text::ParagraphText p = plain("漢字漢字", "ja");
    p.styles[0].size = 10;
    text::ShapedParagraph s;
    s.runs = {run(p, 0, 12, 0, HB_SCRIPT_HAN)};
    layout::ParagraphSpec spec;
    spec.inter_character_stretch = 0.2;
    // Between every two ideographs: glue of no width, stretch 0.2 em.
    CHECK(show(items_of(p, s, spec)) ==
          "B5[0,3) G0/2/0[3,3) B5[3,6) G0/2/0[6,6) B5[6,9) G0/2/0[9,9) B5[9,12) " + fill(12));
}

TEST_CASE("items: hyphenation points per language, a span without one takes the spec's",
          "[paragraph][items]") {
    const text::Hyphenator& hy = book().hyphenator();
    REQUIRE(hy.supports("en"));
    auto p = plain("hyphenation", "");
    layout::ParagraphSpec spec;
    spec.lang = "en";
    const auto pts = layout::hyphenation_points(p, spec, hy);
    CHECK(!pts.empty());
    CHECK(std::is_sorted(pts.begin(), pts.end()));
    spec.lang = "zz";  // no patterns
    CHECK(layout::hyphenation_points(p, spec, hy).empty());
    // With a face, each point the font can print a hyphen at is a flagged penalty.
    const text::Face* face = book().chain("serif", {}).front();
    spec.lang = "en";
    const auto s = one_run(p, face);
    const auto its =
        layout::build_items(p, s, layout::measure_advances(s, p.text.size()), spec, pts);
    std::size_t flagged = 0;
    for (const auto& it : its.items) flagged += it.kind == Kind::penalty && it.flagged;
    CHECK(flagged == pts.size());
    CHECK(its.hyphens.size() == pts.size());
}

TEST_CASE("items: a line's text, its break's hyphen and word parts", "[paragraph][items]") {
    layout::ParagraphItems its;
    auto add = [&](Item it, std::uint32_t a, std::uint32_t b) {
        its.items.push_back(it);
        its.text.push_back({a, b});
    };
    add(Item::box(3), 0, 0);  // an indent
    add(Item::box(10), 0, 2);
    add(Item::penalty_item(50, 4, true), 2, 2);  // 2: a hyphen break
    add(Item::box(10), 2, 4);
    add(Item::glue(0, 1e6, 0), 4, 4);
    add(Item::penalty_item(-layout::kInfinity), 4, 4);
    its.hyphens[2].advance = 4;
    its.reshaped[2].at = 2;
    const std::vector<layout::Line> lines = {{0, 2, 0}, {3, 5, 0}};
    const auto first = layout::line_items(its, lines, 0);
    CHECK(first.text_begin == 0);
    CHECK(first.text_end == 2);
    CHECK(!first.prev_break);
    CHECK(first.hyphen == &its.hyphens[2]);
    CHECK(first.pre_part == &its.reshaped[2]);
    CHECK(first.post_part == nullptr);
    const auto second = layout::line_items(its, lines, 1);
    CHECK(second.text_begin == 2);
    CHECK(second.text_end == 4);
    CHECK(second.prev_break == std::optional<std::size_t>(2));
    CHECK(second.hyphen == nullptr);
    CHECK(second.pre_part == nullptr);
    CHECK(second.post_part == &its.reshaped[2]);
}

// ---- 3. justify ------------------------------------------------------------------------

TEST_CASE("justify: the spaces take the excess, the letters a share", "[paragraph][justify]") {
    layout::JustifyParams jp;
    jp.width = 100;
    layout::LineFit fit;
    fit.natural = 90;
    fit.stretch = 20;
    fit.shrink = 10;
    SECTION("spaces only") {
        const auto a = layout::justify(fit, jp);
        CHECK(a.glue_ratio == Approx(0.5));  // 10 / 20
        CHECK(a.per_cluster == 0);
        CHECK(!a.overfull);
    }
    SECTION("letters take their share of the room") {
        fit.letters = 50;
        fit.clusters = 10;
        // Room 20 + 0.06 x 50 = 23; ratio 10/23 for both.
        const auto a = layout::justify(fit, jp);
        CHECK(a.glue_ratio == Approx(10.0 / 23));
        CHECK(a.letter_ratio == Approx(10.0 / 23 * 0.06));
        CHECK(a.glue_ratio * fit.stretch + a.per_cluster * 10 == Approx(10));
    }
    SECTION("letters give at most their own share, the spaces the rest") {
        fit.natural = 50;
        fit.letters = 50;
        fit.clusters = 10;
        const auto a = layout::justify(fit, jp);
        CHECK(a.letter_ratio == Approx(0.06));
        CHECK(a.per_cluster == Approx(0.3));             // 0.06 x 50 / 10
        CHECK(a.glue_ratio == Approx((50 - 3) / 20.0));  // the spaces take 47
        fit.natural = 70;  // room 23 for 30: a ratio of 1.3, the letters still at 0.06
        const auto b = layout::justify(fit, jp);
        CHECK(b.letter_ratio == Approx(0.06));
        CHECK(b.glue_ratio == Approx((30 - 3) / 20.0));
    }
    SECTION("a line without spaces stays short") {
        fit.natural = 50;
        fit.stretch = 0;
        fit.letters = 50;
        fit.clusters = 10;
        const auto a = layout::justify(fit, jp);
        CHECK(a.glue_ratio == 0);
        CHECK(a.per_cluster == Approx(0.3));
    }
    SECTION("a line not justified keeps its width, but shrinks when too wide") {
        jp.justified = false;
        CHECK(layout::justify(fit, jp).glue_ratio == 0);
        fit.natural = 105;
        CHECK(layout::justify(fit, jp).glue_ratio == Approx(-0.5));  // -5 / 10
    }
    SECTION("shrinking stops at the limit: overfull") {
        fit.natural = 115;
        const auto a = layout::justify(fit, jp);
        CHECK(a.glue_ratio == -1);
        CHECK(a.overfull);
        fit.natural = 110;
        CHECK(!layout::justify(fit, jp).overfull);
    }
}

TEST_CASE("justify: a line's measure counts its break widths, not its fill",
          "[paragraph][justify]") {
    layout::ParagraphItems its;
    auto add = [&](Item it, std::uint32_t a, std::uint32_t b) {
        its.items.push_back(it);
        its.text.push_back({a, b});
    };
    add(Item::box(10), 0, 2);
    add(Item::penalty_item(50, 4, true, 1.5), 2, 2);  // 1: hyphen 4, next line + 1.5
    add(Item::box(10), 2, 4);
    add(Item::glue(5, 2.5, 1), 4, 5);
    add(Item::box(5), 5, 6);
    add(Item::glue(0, 2, 0), 6, 6);  // between two characters: stretches
    add(Item::box(5), 6, 7);
    add(Item::glue(0, 1e6, 0), 7, 7);  // \parfillskip: does not
    add(Item::penalty_item(-layout::kInfinity), 7, 7);
    const std::vector<layout::Line> lines = {{0, 1, 0}, {2, 8, 0}};
    const auto p = plain("aabbcdef");
    const auto s = one_run(p);
    const auto adv = layout::measure_advances(s, p.text.size());
    const auto f1 = layout::measure_line(its, layout::line_items(its, lines, 0), adv, s);
    CHECK(f1.natural == 14);  // the box and the hyphen
    const auto l2 = layout::line_items(its, lines, 1);
    const auto f2 = layout::measure_line(its, l2, adv, s);
    CHECK(f2.natural == Approx(1.5 + 10 + 5 + 5 + 5));
    CHECK(f2.stretch == 4.5);
    CHECK(f2.shrink == 1);
    CHECK(f2.letters == 0);  // no face: no letter spacing
    // The glue's widths: after the space at byte 4, before the character at 6, none for fills.
    const auto sp = layout::glue_spacing(its, l2, 2);
    CHECK(sp.after_at(4) == 5);
    CHECK(sp.after_at(5) == 0);
    CHECK(sp.before_at(6) == 4);
    CHECK(sp.before_at(7) == 0);
    CHECK(sp.after.size() == 1);
    CHECK(sp.before.size() == 1);
    CHECK(layout::glue_spacing(its, l2, -1).after_at(4) == -1);  // shrinks by the shrink
}

// ---- 4. place --------------------------------------------------------------------------

namespace {

/// UAX #9 rule L2 as quire had it by hand before ICU's ubidi_reorderVisual: from the highest
/// level down to the lowest odd one, reverse every maximal sequence at that level or higher.
std::vector<std::int32_t> reference_l2(const std::vector<std::uint8_t>& levels) {
    std::vector<std::int32_t> order(levels.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::int32_t>(i);
    std::uint8_t hi = 0, lo_odd = 255;
    for (auto l : levels) {
        hi = std::max(hi, l);
        if (l & 1) lo_odd = std::min(lo_odd, l);
    }
    for (int lv = hi; lv >= lo_odd && lv > 0; --lv)
        for (std::size_t i = 0; i < order.size();) {
            if (levels[static_cast<std::size_t>(order[i])] < lv) {
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < order.size() && levels[static_cast<std::size_t>(order[j])] >= lv) ++j;
            std::reverse(order.begin() + static_cast<std::ptrdiff_t>(i),
                         order.begin() + static_cast<std::ptrdiff_t>(j));
            i = j;
        }
    return order;
}

/// The offsets of a line's runs, left to right.
std::vector<std::uint32_t> offsets(const layout::SetLine& l) {
    std::vector<std::uint32_t> out;
    for (const auto& r : l.runs) out.push_back(r.offset);
    return out;
}

std::vector<double> xs(const layout::GlyphRun& r) {
    std::vector<double> out;
    for (const auto& g : r.glyphs) out.push_back(g.x);
    return out;
}

}  // namespace

TEST_CASE("place: visual order by bidi level, as UAX #9 rule L2", "[paragraph][place]") {
    using V = std::vector<std::int32_t>;
    CHECK(layout::visual_order({}).empty());
    CHECK(layout::visual_order({0, 0, 0}) == V{0, 1, 2});
    CHECK(layout::visual_order({0, 1, 1, 0}) == V{0, 2, 1, 3});
    // Numbers in right-to-left text: the numbers keep their order inside the reversed line.
    CHECK(layout::visual_order({1, 2, 1, 2, 1}) == V{4, 3, 2, 1, 0});
    CHECK(layout::visual_order({1, 2, 2, 1}) == V{3, 1, 2, 0});
    CHECK(layout::visual_order({2, 2}) == V{0, 1});  // even levels alone stay in order
    // Every sequence of up to 6 pieces at levels 0..4 orders as the hand-written rule did.
    std::size_t n_checked = 0;
    for (std::size_t n = 1; n <= 6; ++n) {
        std::size_t total = 1;
        for (std::size_t i = 0; i < n; ++i) total *= 5;
        for (std::size_t code = 0; code < total; ++code) {
            std::vector<std::uint8_t> levels(n);
            for (std::size_t i = 0, c = code; i < n; ++i, c /= 5)
                levels[i] = static_cast<std::uint8_t>(c % 5);
            const auto got = layout::visual_order(levels);
            if (got != reference_l2(levels)) {
                std::string shown;
                for (auto l : levels) shown += static_cast<char>('0' + l);
                INFO("levels " << shown);
                CHECK(got == reference_l2(levels));
            }
            ++n_checked;
        }
    }
    CHECK(n_checked == 5 + 25 + 125 + 625 + 3125 + 15625);
}

TEST_CASE("place: glyphs left to right with the spaces' extra width", "[paragraph][place]") {
    const auto p = plain("ab cd ef");
    const auto s = one_run(p);
    layout::Spacing sp;
    sp.after = {{2, 3.0}};
    const layout::LinePlacer placer(p, s);
    layout::LineToPlace l;
    l.begin = 0;
    l.end = 5;  // "ab cd", the line breaks at the space at 5
    l.x = 2;
    l.spacing = &sp;
    const auto line = placer.place(l);
    REQUIRE(line.runs.size() == 1);
    const auto& r = line.runs[0];
    // a 2, b 7, space 12 (5 + 3 extra), c 20, d 25; the break's space drawn at 30, no width.
    CHECK(xs(r) == std::vector<double>{2, 7, 12, 20, 25, 30});
    CHECK(r.text == "ab cd ");
    CHECK(r.glyphs.back().text_begin == 5);
    CHECK(r.glyphs.back().text_end == 6);
    CHECK(line.width == 30);
    CHECK(r.role == layout::RunRole::text);
    CHECK(line.marks.empty());
}

TEST_CASE("place: letter spacing after each cluster of spaceable letters", "[paragraph][place]") {
    const text::Face* face = book().chain("serif", {}).front();
    const auto p = plain("abc");
    const auto s = one_run(p, face);
    const layout::LinePlacer placer(p, s);
    layout::LineToPlace l;
    l.end = 3;
    l.letter_spacing = 0.5;
    const auto line = placer.place(l);
    CHECK(xs(line.runs[0]) == std::vector<double>{0, 5.5, 11});
    CHECK(line.runs[0].char_spacing == 0.5);
    CHECK(line.width == 16.5);
}

TEST_CASE("place: runs in visual order, right-to-left runs reversed", "[paragraph][place]") {
    // "ab" then Hebrew alef, bet, gimel at level 1, then "cd": drawn ab, גבא, cd.
    const auto p = plain("ab\u05D0\u05D1\u05D2cd");
    text::ShapedParagraph s;
    s.runs = {run(p, 0, 2), run(p, 2, 8, 1, HB_SCRIPT_HEBREW), run(p, 8, 10)};
    const layout::LinePlacer placer(p, s);
    layout::LineToPlace l;
    l.end = 10;
    const auto line = placer.place(l);
    CHECK(offsets(line) == std::vector<std::uint32_t>{0, 2, 8});
    const auto& heb = line.runs[1];
    CHECK(heb.rtl);
    // Glyphs left to right: gimel (byte 6), bet, alef; each carries its own character.
    REQUIRE(heb.glyphs.size() == 3);
    CHECK(heb.glyphs[0].text_begin == 4);
    CHECK(heb.glyphs[0].text_end == 6);
    CHECK(heb.glyphs[2].text_begin == 0);
    CHECK(xs(heb) == std::vector<double>{10, 15, 20});
    // In a right-to-left paragraph: "ab" is at level 2 inside level 1, drawn at the right.
    s.runs = {run(p, 0, 2, 2), run(p, 2, 8, 1, HB_SCRIPT_HEBREW), run(p, 8, 10, 2)};
    CHECK(offsets(layout::LinePlacer(p, s).place(l)) == std::vector<std::uint32_t>{8, 2, 0});
}

TEST_CASE("place: numbers reordered inside right-to-left text state their logical text",
          "[paragraph][place]") {
    // Alef, space, "12-15", space, bet: 12 and 15 at level 2, the rest at 1.
    const std::string t = "\u05D0 12-15 \u05D1";
    std::vector<layout::Piece> pieces = {
        {0, 0, 3, 1}, {1, 3, 5, 2}, {2, 5, 6, 1}, {3, 6, 8, 2}, {4, 8, 11, 1}};
    layout::reorder_visually(pieces);
    // Drawn: " bet", "15", "-", "12", "alef ".
    std::vector<std::uint32_t> begins;
    for (const auto& pc : pieces) begins.push_back(pc.begin);
    CHECK(begins == std::vector<std::uint32_t>{8, 6, 5, 3, 0});
    std::vector<layout::GlyphRun> runs(pieces.size());
    layout::mark_reordered_stretches(t, pieces, runs, ~0u);
    CHECK(runs[0].actual_runs == 0);
    CHECK(runs[1].actual_runs == 3);
    CHECK(runs[1].actual_text == "12-15");
    CHECK(runs[4].actual_runs == 0);
    // Left-to-right lines are drawn in reading order: nothing to state.
    for (auto& pc : pieces) pc.level = 0;
    std::vector<layout::GlyphRun> ltr(pieces.size());
    layout::mark_reordered_stretches(t, pieces, ltr, ~0u);
    CHECK(ltr[1].actual_runs == 0);
}

TEST_CASE("place: a run knows what its span is, and links and marks are recorded",
          "[paragraph][place]") {
    text::ParagraphText p = plain("see ");
    text::SpanStyle link = p.styles[0], mark = p.styles[0], number = p.styles[0];
    link.href = "https://example.org";
    mark.note_mark = 3;
    mark.rise = 2;
    number.note_target = true;
    p.append("here", link);
    p.append("3", mark);
    p.append("1", number);
    text::ShapedParagraph s;
    s.runs = {run(p, 0, 4), run(p, 4, 8, 0, HB_SCRIPT_LATIN, 1),
              run(p, 8, 9, 0, HB_SCRIPT_COMMON, 2), run(p, 9, 10, 0, HB_SCRIPT_COMMON, 3)};
    layout::LineToPlace l;
    l.end = 10;
    const auto line = layout::LinePlacer(p, s).place(l);
    REQUIRE(line.runs.size() == 4);
    CHECK(line.runs[0].role == layout::RunRole::text);
    CHECK(line.runs[1].role == layout::RunRole::link);
    CHECK(line.runs[2].role == layout::RunRole::note_mark);
    CHECK(line.runs[3].role == layout::RunRole::note_number);
    CHECK(line.runs[2].glyphs[0].y == 2);  // raised
    CHECK(line.runs[1].span == 1);
    REQUIRE(line.marks.size() == 3);
    CHECK(line.marks[0].href == "https://example.org");
    CHECK(line.marks[0].x0 == 20);
    CHECK(line.marks[0].x1 == 40);
    CHECK(line.marks[1].note == 3);
    CHECK(!line.marks[1].target);
    CHECK(line.marks[2].target);
}

TEST_CASE("place: the hyphen of a hyphenated link word has the link's role (its colour)",
          "[paragraph][place]") {
    text::ParagraphText p = plain("see ");
    text::SpanStyle link = p.styles[0];
    link.href = "https://example.org";
    p.append("hyperlink", link);
    text::ShapedParagraph s;
    s.runs = {run(p, 0, 4), run(p, 4, 13, 0, HB_SCRIPT_LATIN, 1)};
    layout::Hyphen h;
    h.gid = 99;
    h.advance = 3;
    layout::LineToPlace l;
    l.end = 9;  // "see hyper-"
    l.hyphen = &h;
    const auto line = layout::LinePlacer(p, s).place(l);
    REQUIRE(line.runs.size() == 3);
    CHECK(line.runs[2].hyphen);
    CHECK(line.runs[2].role == layout::RunRole::link);
    // A plain word's hyphen stays text.
    l.end = 2;
    const auto plain_line = layout::LinePlacer(p, s).place(l);
    CHECK(plain_line.runs.back().hyphen);
    CHECK(plain_line.runs.back().role == layout::RunRole::text);
}

TEST_CASE("place: a hyphen at the end, right-to-left lines flush right, word parts",
          "[paragraph][place]") {
    const auto p = plain("abcd");
    const auto s = one_run(p);
    const layout::LinePlacer placer(p, s);
    layout::Hyphen h;
    h.gid = 99;
    h.advance = 3;
    h.rise = 1;
    layout::LineToPlace l;
    l.end = 2;
    l.hyphen = &h;
    auto line = placer.place(l);
    REQUIRE(line.runs.size() == 2);
    const auto& hy = line.runs[1];
    CHECK(hy.hyphen);
    CHECK(hy.text == "\u00AD");
    CHECK(hy.offset == 2);
    CHECK(hy.glyphs[0].gid == 99);
    CHECK(hy.glyphs[0].x == 10);
    CHECK(hy.glyphs[0].y == 1);
    CHECK(line.width == 13);
    // Flush right at 50: everything moves right by 50 - 13.
    l.flush_right = 50;
    line = placer.place(l);
    CHECK(line.runs[0].glyphs[0].x == 37);
    CHECK(line.width == 50);
    // Overfull: stays where it starts.
    l.flush_right = 5;
    CHECK(placer.place(l).runs[0].glyphs[0].x == 0);
    // A word part shaped again at the line's end replaces the paragraph's glyphs there.
    layout::Reshaped rs;
    rs.run = 0;
    rs.pre_begin = 0;
    rs.at = 2;
    rs.post_end = 4;
    rs.pre = {{7, 0, 4, 0, 0, false}, {8, 1, 4, 0, 0, false}};
    rs.post = {{9, 2, 6, 0, 0, false}, {10, 3, 6, 0, 0, false}};
    l = {};
    l.end = 2;
    l.pre_part = &rs;
    line = placer.place(l);
    CHECK(line.runs[0].glyphs[0].gid == 7);
    CHECK(line.width == 8);
    l = {};
    l.begin = 2;
    l.end = 4;
    l.post_part = &rs;
    line = placer.place(l);
    CHECK(line.runs[0].glyphs[1].gid == 10);
    CHECK(line.runs[0].glyphs[1].text_begin == 1);
    CHECK(line.width == 12);
}

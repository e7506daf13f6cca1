// layout/paragraph: from a shaped paragraph to set lines (see paragraph.hpp).
//
// Invariants: every byte of the paragraph text except the spaces at line breaks is drawn by
// exactly one line; each glyph carries the text of its cluster once (the first glyph of a
// multi-glyph cluster gets it), so text extraction returns the source; glue at a break is
// dropped, as in TeX.
#include "layout/paragraph.hpp"

#include <algorithm>
#include <map>

namespace quire::layout {

namespace {

bool is_break_space(char c) {
    return c == ' ' || c == '\n';
}

/// Whether the text at byte `b` is an em or en dash followed by a space (a spaced dash).
bool starts_with_dash(const std::string& t, std::uint32_t b) {
    // U+2014 EM DASH is E2 80 94, U+2013 EN DASH is E2 80 93.
    return b + 3 < t.size() && t[b] == '\xE2' && t[b + 1] == '\x80' &&
           (t[b + 2] == '\x94' || t[b + 2] == '\x93') && t[b + 3] == ' ';
}

/// An item of the line breaker and the bytes of text it covers.
struct Span {
    std::uint32_t begin = 0, end = 0;
};

/// A run's part that falls on one line.
struct Piece {
    std::size_t run = 0;
    std::uint32_t begin = 0, end = 0;
    std::uint8_t level = 0;
};

/// UAX #9 rule L2: from the highest level down to the lowest odd one, reverse every maximal
/// sequence of pieces at that level or higher.
void reorder_visually(std::vector<Piece>& pieces) {
    if (pieces.empty()) return;
    std::uint8_t hi = 0, lo_odd = 255;
    for (const auto& p : pieces) {
        hi = std::max(hi, p.level);
        if (p.level & 1) lo_odd = std::min(lo_odd, p.level);
    }
    if (hi == 0) return;
    for (int lv = hi; lv >= lo_odd && lv > 0; --lv) {
        for (std::size_t i = 0; i < pieces.size();) {
            if (pieces[i].level < lv) {
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < pieces.size() && pieces[j].level >= lv) ++j;
            std::reverse(pieces.begin() + static_cast<std::ptrdiff_t>(i),
                         pieces.begin() + static_cast<std::ptrdiff_t>(j));
            i = j;
        }
    }
}

/// TeX's \hyphenpenalty.
constexpr int kHyphenPenalty = 50;

/// A hyphen glyph to print at a line end.
struct Hyphen {
    const text::Face* face = nullptr;
    std::uint32_t gid = 0;
    double advance = 0, size = 0, rise = 0;
    std::string lang;
};

/// The hyphen for a break at byte `at` (a soft hyphen): U+2010 HYPHEN or U+002D in the face and
/// size of the run that holds it.
Hyphen hyphen_at(const text::ShapedParagraph& shaped, const text::ParagraphText& para,
                 std::uint32_t at) {
    Hyphen h;
    for (const auto& run : shaped.runs) {
        if (at < run.begin || at >= run.end || !run.face) continue;
        hb_codepoint_t gid = 0;
        hb_font_t* font = run.face->hb_font();
        if (!hb_font_get_nominal_glyph(font, 0x2010, &gid) &&
            !hb_font_get_nominal_glyph(font, 0x2D, &gid))
            return h;
        const auto& st = para.styles[static_cast<std::size_t>(run.style)];
        h.face = run.face;
        h.gid = gid;
        h.size = st.size;
        h.rise = st.rise;
        h.lang = st.lang;
        h.advance = hb_font_get_glyph_h_advance(font, gid) * st.size / run.face->upem();
        return h;
    }
    return h;
}

}  // namespace

std::vector<SetLine> set_paragraph(const text::ParagraphText& para, const ParagraphSpec& spec,
                                   text::FontBook& fonts, const text::MissingGlyph& on_missing) {
    std::vector<SetLine> out;
    const std::string& t = para.text;
    if (t.empty()) return out;
    const text::ShapedParagraph shaped = text::shape_paragraph(para, fonts, on_missing);

    // Advance widths summed per byte, so any byte range has a width by prefix sums.
    std::vector<double> prefix(t.size() + 1, 0);
    for (const auto& run : shaped.runs)
        for (const auto& g : run.glyphs) prefix[g.cluster + 1] += g.advance;
    for (std::size_t i = 1; i < prefix.size(); ++i) prefix[i] += prefix[i - 1];
    auto width = [&](std::uint32_t a, std::uint32_t b) { return prefix[b] - prefix[a]; };

    // Boxes, glue and penalties from the break opportunities.
    std::vector<Item> items;
    std::vector<Span> spans;
    auto push = [&](Item it, std::uint32_t a, std::uint32_t b) {
        items.push_back(it);
        spans.push_back({a, b});
    };
    if (spec.first_indent != 0) push(Item::box(spec.first_indent), 0, 0);
    std::uint32_t prev = 0;
    const auto len = static_cast<std::uint32_t>(t.size());
    // Raised spans (note marks) never start a line: no break where one begins.
    std::vector<bool> raised_start(t.size() + 1, false);
    for (const auto& sp : para.spans)
        if (para.styles[static_cast<std::size_t>(sp.style)].rise > 0) raised_start[sp.begin] = true;
    // The hyphen a line gets when it ends at a soft hyphen, by the index of that penalty.
    std::map<std::size_t, Hyphen> hyphens;
    for (const auto& bp : text::line_breaks(t, spec.lang)) {
        const std::uint32_t b = bp.offset;
        std::uint32_t ws = b;
        while (ws > prev && is_break_space(t[ws - 1])) --ws;
        if (ws > prev) push(Item::box(width(prev, ws)), prev, ws);
        if (b >= len) break;
        if (bp.hard) {
            push(Item::glue(0, 1e6, 0), ws, b);
            push(Item::penalty_item(-kInfinity), b, b);
        } else if (ws < b) {
            const double w = width(ws, b);
            // A spaced dash (" — ", " – ") never starts a line: it stays with the word before.
            if (starts_with_dash(t, b) || raised_start[b])
                push(Item::penalty_item(kInfinity), ws, ws);
            push(Item::glue(w, w / 2, w / 3), ws, b);  // TeX's space: stretch 1/2, shrink 1/3
        } else if (raised_start[b]) {
            // no break before a note mark
        } else if (b >= 2 && t[b - 2] == '\xC2' && t[b - 1] == '\xAD') {
            // A soft hyphen: a hyphenation point, printed as a hyphen when the line ends here.
            const Hyphen h = hyphen_at(shaped, para, b - 2);
            if (h.face) {
                hyphens[items.size()] = h;
                push(Item::penalty_item(kHyphenPenalty, h.advance, true), b, b);
            } else {
                push(Item::penalty_item(0), b, b);
            }
        } else {
            push(Item::penalty_item(0), b, b);
        }
        prev = b;
    }
    push(Item::glue(0, 1e6, 0), len, len);  // \parfillskip
    push(Item::penalty_item(-kInfinity), len, len);

    const auto lines = break_lines(items, {spec.width}, spec.params);

    // Where each glyph's cluster ends (the next cluster in logical order, or the run's end).
    // Clusters are monotone (HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS): ascending along a
    // left-to-right run's glyphs, descending along a right-to-left one's.
    std::vector<std::vector<std::uint32_t>> cluster_ends(shaped.runs.size());
    for (std::size_t ri = 0; ri < shaped.runs.size(); ++ri) {
        const auto& gs = shaped.runs[ri].glyphs;
        auto& ends = cluster_ends[ri];
        ends.resize(gs.size());
        std::uint32_t next = shaped.runs[ri].end;
        if (shaped.runs[ri].level & 1) {
            for (std::size_t gi = 0; gi < gs.size(); ++gi) {
                if (gi > 0 && gs[gi - 1].cluster != gs[gi].cluster) next = gs[gi - 1].cluster;
                ends[gi] = next;
            }
        } else {
            for (std::size_t gi = gs.size(); gi-- > 0;) {
                if (gi + 1 < gs.size() && gs[gi + 1].cluster != gs[gi].cluster)
                    next = gs[gi + 1].cluster;
                ends[gi] = next;
            }
        }
    }

    for (std::size_t li = 0; li < lines.size(); ++li) {
        const Line& line = lines[li];
        std::uint32_t lb = len, le = 0;
        for (std::size_t k = line.start; k < line.end; ++k) {
            if (spans[k].begin == spans[k].end) continue;
            lb = std::min(lb, spans[k].begin);
            le = std::max(le, spans[k].end);
        }
        SetLine sl;
        const bool last = li + 1 == lines.size();
        double r = line.ratio;
        if (!spec.justify || (last && !spec.last_line_justify)) r = std::min(r, 0.0);
        sl.overfull = line.ratio < -1 - 1e-9;
        // Extra width given to each space by the adjustment ratio.
        std::vector<std::pair<std::uint32_t, double>> extra;
        for (std::size_t k = line.start; k < line.end; ++k)
            if (items[k].kind == Item::Kind::glue && spans[k].begin < spans[k].end)
                extra.emplace_back(spans[k].begin, r >= 0 ? r * items[k].stretch
                                                          : std::max(r, -1.0) * items[k].shrink);
        // `extra` is in text order (items are): bisect, a long line has many spaces.
        auto extra_at = [&](std::uint32_t c) {
            const auto it = std::lower_bound(extra.begin(), extra.end(), c,
                                             [](const std::pair<std::uint32_t, double>& e,
                                                std::uint32_t v) { return e.first < v; });
            return it != extra.end() && it->first == c ? it->second : 0.0;
        };

        std::vector<Piece> pieces;
        // Runs cover the text in logical order: start at the first run that reaches past lb, so
        // that a long paragraph does not cost (lines x runs).
        const auto first_run =
            std::partition_point(shaped.runs.begin(), shaped.runs.end(),
                                 [&](const text::Run& run) { return run.end <= lb; });
        if (lb < le)
            for (auto it = first_run; it != shaped.runs.end() && it->begin < le; ++it) {
                const std::uint32_t a = std::max(it->begin, lb), b = std::min(it->end, le);
                if (a < b)
                    pieces.push_back(
                        {static_cast<std::size_t>(it - shaped.runs.begin()), a, b, it->level});
            }
        reorder_visually(pieces);

        double x = li == 0 ? spec.first_indent : 0;
        for (const Piece& p : pieces) {
            const text::Run& run = shaped.runs[p.run];
            const text::SpanStyle& st = para.styles[static_cast<std::size_t>(run.style)];
            GlyphRun gr;
            gr.face = run.face;
            gr.size = st.size;
            gr.lang = st.lang;
            gr.text = t.substr(p.begin, p.end - p.begin);
            const std::vector<std::uint32_t>& ends = cluster_ends[p.run];
            const bool rtl = run.level & 1;
            const double x0 = x;
            const auto n = run.glyphs.size();
            // Clusters are monotone (see cluster_ends), so the glyphs of [p.begin, p.end) are one
            // stretch of the run: find it by bisection, not by a scan of the whole run for every
            // line (quadratic in a long single-run paragraph).
            const auto gb = run.glyphs.begin();
            const std::size_t g0 = static_cast<std::size_t>(
                std::partition_point(gb, run.glyphs.end(),
                                     [&](const text::Glyph& g) {
                                         return rtl ? g.cluster >= p.end : g.cluster < p.begin;
                                     }) -
                gb);
            const std::size_t g1 = static_cast<std::size_t>(
                std::partition_point(gb, run.glyphs.end(),
                                     [&](const text::Glyph& g) {
                                         return rtl ? g.cluster >= p.begin : g.cluster < p.end;
                                     }) -
                gb);
            std::vector<PlacedGlyph> placed;
            for (std::size_t gi = g0; gi < g1; ++gi) {
                const text::Glyph& g = run.glyphs[gi];
                if (g.cluster < p.begin || g.cluster >= p.end) continue;
                PlacedGlyph pg;
                pg.gid = g.gid;
                pg.x = x + g.dx;
                pg.y = g.dy + st.rise;
                x += g.advance;
                // The logically first glyph of a cluster carries its text: in a right-to-left
                // run that is the visually last one.
                bool first = false;
                if (rtl) {
                    first = gi + 1 == n || run.glyphs[gi + 1].cluster != g.cluster;
                } else {
                    first = gi == 0 || run.glyphs[gi - 1].cluster != g.cluster;
                }
                if (first) {
                    const std::uint32_t end = std::min(ends[gi], p.end);
                    pg.text_begin = g.cluster - p.begin;
                    pg.text_end = end - p.begin;
                    x += extra_at(g.cluster);
                }
                placed.push_back(pg);
            }
            gr.glyphs = std::move(placed);
            if (st.note_mark > 0 || st.note_target)
                sl.marks.push_back({st.note_mark, st.note_target, x0, x});
            sl.runs.push_back(std::move(gr));
        }
        // A line that ends at a soft hyphen prints a hyphen (it extracts as "-", so the word
        // rejoins the way text tools rejoin hyphenated words).
        if (auto h = hyphens.find(line.end); h != hyphens.end()) {
            GlyphRun gr;
            gr.face = h->second.face;
            gr.size = h->second.size;
            gr.lang = h->second.lang;
            gr.text.push_back('-');  // (not = "-": GCC 12 -Wrestrict false positive, PR 105329)
            gr.glyphs.push_back({h->second.gid, x, h->second.rise, 0, 1});
            x += h->second.advance;
            sl.runs.push_back(std::move(gr));
        }
        sl.width = x;
        out.push_back(std::move(sl));
    }
    return out;
}

}  // namespace quire::layout

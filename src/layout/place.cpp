// layout/place: see place.hpp.
//
// Invariants: every byte of the line's text is drawn once, the space a line break takes as an
// invisible glyph after the line's logically last piece (it takes no room: glue at a break is
// dropped, as in TeX); each glyph carries the text of its cluster once (the logically first
// glyph of a multi-glyph cluster gets it), so text extraction returns the source.
#include "layout/place.hpp"

#include "base/utf8.hpp"
#include "layout/kashida.hpp"

#include <unicode/ubidi.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace quire::inline v0::layout {

namespace {

/// Whether the text [a, b) holds a strong right-to-left letter (bidi class R or AL).
bool has_rtl_letter(const std::string& t, std::uint32_t a, std::uint32_t b) {
    bool found = false;
    utf8::for_each(std::string_view(t.data() + a, b - a), [&](char32_t c, std::size_t) {
        const auto d = u_charDirection(static_cast<UChar32>(c));
        found = found || d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC;
    });
    return found;
}

/// What a span is, for its runs.
RunRole role_of(const text::SpanStyle& st) {
    if (st.note_mark > 0) return RunRole::note_mark;
    if (st.note_target) return RunRole::note_number;
    if (!st.href.empty()) return RunRole::link;
    return RunRole::text;
}

/// Where each glyph's cluster ends, for glyphs cut from a run at `end`.
std::vector<std::uint32_t> part_ends(const std::vector<text::Glyph>& gs, std::uint32_t end) {
    std::vector<std::uint32_t> e(gs.size(), end);
    for (std::size_t k = gs.size(); k-- > 0;)
        e[k] = k + 1 < gs.size() && gs[k + 1].cluster != gs[k].cluster
                   ? gs[k + 1].cluster
                   : (k + 1 < gs.size() ? e[k + 1] : end);
    return e;
}

}  // namespace

std::vector<Piece> line_pieces(const text::ShapedParagraph& shaped, std::uint32_t begin,
                               std::uint32_t end) {
    std::vector<Piece> pieces;
    if (begin >= end) return pieces;
    // Runs cover the text in logical order: start at the first run that reaches past begin, so
    // that a long paragraph does not cost (lines x runs).
    const auto first = std::partition_point(shaped.runs.begin(), shaped.runs.end(),
                                            [&](const text::Run& run) { return run.end <= begin; });
    for (auto it = first; it != shaped.runs.end() && it->begin < end; ++it) {
        const std::uint32_t a = std::max(it->begin, begin), b = std::min(it->end, end);
        if (a < b)
            pieces.push_back({static_cast<std::size_t>(it - shaped.runs.begin()), a, b, it->level});
    }
    return pieces;
}

std::vector<std::int32_t> visual_order(const std::vector<std::uint8_t>& levels) {
    std::vector<std::int32_t> order(levels.size());
    // (ICU leaves the map as it is for levels it rejects, above UBIDI_MAX_EXPLICIT_LEVEL + 1,
    // which shaping never gives: logical order then.)
    std::iota(order.begin(), order.end(), 0);
    if (!levels.empty())
        ubidi_reorderVisual(levels.data(), static_cast<std::int32_t>(levels.size()), order.data());
    return order;
}

void reorder_visually(std::vector<Piece>& pieces) {
    std::vector<std::uint8_t> levels(pieces.size());
    for (std::size_t i = 0; i < pieces.size(); ++i) levels[i] = pieces[i].level;
    const auto order = visual_order(levels);
    std::vector<Piece> visual(pieces.size());
    for (std::size_t i = 0; i < pieces.size(); ++i)
        visual[i] = pieces[static_cast<std::size_t>(order[i])];
    pieces = std::move(visual);
}

void mark_reordered_stretches(const std::string& t, const std::vector<Piece>& pieces,
                              std::vector<GlyphRun>& runs, std::uint32_t space_at) {
    // Extractors reverse right-to-left letters themselves but take digits, Latin and their
    // separators in the order they are drawn: a stretch without right-to-left letters whose
    // visual order is not its logical order (the numbers of a range inside Arabic or Hebrew
    // text, ١٢–١٥ drawn ١٥–١٢; a Latin title and the parenthesis that follows it) states its
    // logical text. A stretch ending where the line break's space sits states the space too.
    if (!std::any_of(pieces.begin(), pieces.end(), [](const Piece& p) { return p.level & 1; }))
        return;
    const std::size_t n = std::min(pieces.size(), runs.size());
    for (std::size_t i = 0; i < n;) {
        if (has_rtl_letter(t, pieces[i].begin, pieces[i].end)) {
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        while (j < n && !has_rtl_letter(t, pieces[j].begin, pieces[j].end)) ++j;
        // Within the stretch, each longest sequence of pieces that is one piece of the text
        // (the Latin before a right-to-left quotation and the numbers inside it are not).
        for (std::size_t a = i; a < j;) {
            std::uint32_t lo = pieces[a].begin, hi = pieces[a].end, total = hi - lo;
            bool in_order = true;
            std::size_t b = a + 1;
            for (; b < j; ++b) {
                const std::uint32_t l2 = std::min(lo, pieces[b].begin);
                const std::uint32_t h2 = std::max(hi, pieces[b].end);
                const std::uint32_t t2 = total + (pieces[b].end - pieces[b].begin);
                if (t2 != h2 - l2) break;
                in_order = in_order && pieces[b].begin >= pieces[b - 1].end;
                lo = l2, hi = h2, total = t2;
            }
            if (!in_order) {
                runs[a].actual_runs = static_cast<int>(b - a);
                runs[a].actual_text = t.substr(lo, hi - lo + (hi == space_at ? 1 : 0));
            }
            a = b;
        }
        i = j;
    }
}

LinePlacer::LinePlacer(const text::ParagraphText& para, const text::ShapedParagraph& shaped)
    : para_(para), shaped_(shaped), cluster_ends_(shaped.runs.size()) {
    // Clusters are monotone (HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS): ascending along a
    // left-to-right run's glyphs, descending along a right-to-left one's.
    for (std::size_t ri = 0; ri < shaped.runs.size(); ++ri) {
        const auto& gs = shaped.runs[ri].glyphs;
        auto& ends = cluster_ends_[ri];
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
}

int LinePlacer::span_at(std::uint32_t b) const {
    // Spans are in text order.
    const auto it = std::partition_point(para_.spans.begin(), para_.spans.end(),
                                         [&](const text::Span& sp) { return sp.end <= b; });
    return it != para_.spans.end() && it->begin <= b ? static_cast<int>(it - para_.spans.begin())
                                                     : -1;
}

LinePlacer::PieceGlyphs LinePlacer::piece_glyphs(const Piece& p, const LineToPlace& line) const {
    const text::Run& run = shaped_.runs[p.run];
    const std::vector<std::uint32_t>& ends = cluster_ends_[p.run];
    const bool rtl = run.level & 1;
    // Clusters are monotone, so the glyphs of [p.begin, p.end) are one stretch of the run: find
    // it by bisection, not by a scan of the whole run for every line (quadratic in a long
    // single-run paragraph).
    const auto gb = run.glyphs.begin();
    const auto g0 = std::partition_point(gb, run.glyphs.end(), [&](const text::Glyph& g) {
        return rtl ? g.cluster >= p.end : g.cluster < p.begin;
    });
    const auto g1 = std::partition_point(gb, run.glyphs.end(), [&](const text::Glyph& g) {
        return rtl ? g.cluster >= p.begin : g.cluster < p.end;
    });
    PieceGlyphs pg;
    pg.glyphs.assign(g0, g1);
    pg.ends.assign(ends.begin() + (g0 - gb), ends.begin() + (g1 - gb));
    // Word parts shaped again where the line starts or ends inside a word at an unsafe break
    // (left-to-right runs only, see layout/items).
    auto& seq = pg.glyphs;
    auto& seq_ends = pg.ends;
    if (const Reshaped* pre = line.pre_part; pre && pre->run == p.run && !rtl) {
        std::size_t keep = 0;
        while (keep < seq.size() && seq[keep].cluster < pre->pre_begin) ++keep;
        seq.resize(keep);
        seq_ends.resize(keep);
        const auto e = part_ends(pre->pre, std::min(pre->at, p.end));
        seq.insert(seq.end(), pre->pre.begin(), pre->pre.end());
        seq_ends.insert(seq_ends.end(), e.begin(), e.end());
    }
    if (const Reshaped* post = line.post_part; post && post->run == p.run && !rtl) {
        std::size_t drop = 0;
        while (drop < seq.size() && seq[drop].cluster < post->post_end) ++drop;
        const auto e = part_ends(post->post, post->post_end);
        seq.erase(seq.begin(), seq.begin() + static_cast<std::ptrdiff_t>(drop));
        seq_ends.erase(seq_ends.begin(), seq_ends.begin() + static_cast<std::ptrdiff_t>(drop));
        seq.insert(seq.begin(), post->post.begin(), post->post.end());
        seq_ends.insert(seq_ends.begin(), e.begin(), e.end());
    }
    return pg;
}

GlyphRun LinePlacer::place_piece(const Piece& p, const LineToPlace& line, double& x) const {
    const text::Run& run = shaped_.runs[p.run];
    const text::SpanStyle& st = para_.styles[static_cast<std::size_t>(run.style)];
    const bool rtl = run.level & 1;
    const PieceGlyphs pg = piece_glyphs(p, line);
    const auto& seq = pg.glyphs;
    static const Spacing no_spacing;
    const Spacing& spacing = line.spacing ? *line.spacing : no_spacing;
    GlyphRun gr;
    gr.face = run.face;
    gr.size = st.size;
    gr.lang = st.lang;
    gr.text = para_.text.substr(p.begin, p.end - p.begin);
    const double letter_extra = letter_spaceable(run) ? line.letter_spacing : 0;
    gr.char_spacing = letter_extra;
    // Font expansion scales the glyphs, not the spaces (glue, whose width is justify's).
    const double scale = line.expansion != 1 && expandable(run) ? line.expansion : 1;
    gr.h_scale = scale;
    gr.rtl = rtl;
    // The kashidas of the piece (right to left only): its places, by `at`, taken from the
    // last, as the glyphs go from the logical end of the piece to its start.
    const KashidaPoint* kb = nullptr;
    const KashidaPoint* kcur = nullptr;
    Tatweel tatweel;
    if (rtl && line.kashidas && line.kashida_ratio > 0) {
        const auto& ks = *line.kashidas;
        auto at_least = [&](std::uint32_t b) {
            return std::lower_bound(
                ks.begin(), ks.end(), b,
                [](const KashidaPoint& k, std::uint32_t v) { return k.at < v; });
        };
        const auto lo = at_least(p.begin), hi = at_least(p.end);
        if (lo != hi) {
            kb = ks.data() + (lo - ks.begin());
            kcur = ks.data() + (hi - ks.begin());
            tatweel = tatweel_of(run.face, st.size);
        }
    }
    double pending = 0;  // letter spacing of the cluster before, added where one ends
    gr.glyphs.reserve(seq.size());
    for (std::size_t gi = 0; gi < seq.size(); ++gi) {
        const text::Glyph& g = seq[gi];
        if (g.cluster < p.begin || g.cluster >= p.end) continue;
        const bool starts_cluster = gi == 0 || seq[gi - 1].cluster != g.cluster;
        // A kashida between the letter that ends here (to the left, logically after) and the
        // one that starts here.
        if (starts_cluster && gi > 0 && kcur != kb && (kcur - 1)->at > g.cluster &&
            (kcur - 1)->at <= seq[gi - 1].cluster) {
            --kcur;
            const double w = line.kashida_ratio * kcur->room;
            add_tatweels(gr, tatweel, x, w, st.rise);
            x += w;
        }
        // The logically first glyph of a cluster carries its text: in a right-to-left run that
        // is the visually last one. Pieces start and end at cluster boundaries, so neighbours
        // within the piece decide.
        const bool first =
            rtl ? gi + 1 == seq.size() || seq[gi + 1].cluster != g.cluster : starts_cluster;
        // Letter spacing goes between clusters, never between a base and its marks.
        if (starts_cluster) {
            x += pending;
            pending = letter_extra;
        }
        if (first) x += spacing.before_at(g.cluster);
        PlacedGlyph placed;
        placed.gid = g.gid;
        placed.y = g.dy + st.rise;
        if (scale == 1 || is_break_space(para_.text[g.cluster])) {
            placed.x = x + g.dx;
            x += g.advance;
        } else {
            placed.x = x + g.dx * scale;
            x += g.advance * scale;
        }
        if (first) {
            const std::uint32_t end = std::min(pg.ends[gi], p.end);
            placed.text_begin = g.cluster - p.begin;
            placed.text_end = end - p.begin;
            x += spacing.after_at(g.cluster);
        }
        gr.glyphs.push_back(placed);
    }
    x += pending;
    gr.role = role_of(st);
    gr.offset = p.begin;
    gr.span = span_at(p.begin);
    return gr;
}

void LinePlacer::add_tatweels(GlyphRun& gr, const Tatweel& t, double x, double w, double rise) {
    // Tatweel glyphs carry no text (the word extracts as typed). As few as cover the width,
    // spread evenly over it, overlapping one another and, for a width under one tatweel, the
    // joins on either side, which lie on the same stroke.
    if (t.gid == 0 || !(t.advance > 0) || w < 0.05) return;
    const int n = std::max(1, static_cast<int>(std::ceil(w / t.advance - 1e-9)));
    const double step = n > 1 ? (w - t.advance) / (n - 1) : 0;
    const double x0 = n > 1 ? x : x + (w - t.advance) / 2;
    for (int i = 0; i < n; ++i) gr.glyphs.push_back({t.gid, x0 + i * step, rise, 0, 0});
}

void LinePlacer::add_break_space(GlyphRun& gr, const text::Run& run, std::uint32_t at, double x0,
                                 double x) const {
    // A real space glyph after the line's logically last piece (invisible, taking no room):
    // every byte of the paragraph is drawn once, and text read in any order keeps its spaces.
    const text::Run* sp = run_at(shaped_, at);
    if (!sp || sp->face != run.face) return;
    const auto g = std::lower_bound(sp->glyphs.begin(), sp->glyphs.end(), at,
                                    [&](const text::Glyph& gl, std::uint32_t v) {
                                        return (sp->level & 1) ? gl.cluster > v : gl.cluster < v;
                                    });
    if (g == sp->glyphs.end() || g->cluster != at) return;
    const auto text_at = static_cast<std::uint32_t>(gr.text.size());
    gr.text.push_back(' ');
    const double rise = para_.styles[static_cast<std::size_t>(run.style)].rise;
    // Right to left: at the run's visual start, left of its first glyph.
    const bool rtl = run.level & 1;
    const PlacedGlyph space{g->gid, rtl ? x0 - g->advance : x, rise, text_at, text_at + 1};
    if (rtl)
        gr.glyphs.insert(gr.glyphs.begin(), space);
    else
        gr.glyphs.push_back(space);
}

SetLine LinePlacer::place(const LineToPlace& line) const {
    const std::string& t = para_.text;
    const auto len = static_cast<std::uint32_t>(t.size());
    const std::uint32_t le = line.end;
    const bool break_space = le < len && is_break_space(t[le]);
    std::vector<Piece> pieces = line_pieces(shaped_, line.begin, line.end);
    reorder_visually(pieces);
    SetLine sl;
    double x = line.x;
    for (const Piece& p : pieces) {
        const double x0 = x;
        GlyphRun gr = place_piece(p, line, x);
        if (gr.role != RunRole::text) {
            const text::SpanStyle& st =
                para_.styles[static_cast<std::size_t>(shaped_.runs[p.run].style)];
            sl.marks.push_back({st.note_mark, st.note_target, x0, x, st.href, gr.span});
        }
        if (p.end == le && break_space) add_break_space(gr, shaped_.runs[p.run], le, x0, x);
        sl.runs.push_back(std::move(gr));
    }
    mark_reordered_stretches(t, pieces, sl.runs, break_space ? le : 0xFFFFFFFFu);
    // A line that ends at a soft hyphen or a hyphenation point prints a hyphen.
    if (const Hyphen* h = line.hyphen) {
        GlyphRun gr;
        gr.face = h->face;
        gr.size = h->size;
        gr.lang = h->lang;
        // It stands for no character of the source: a soft hyphen (ISO 32000-1 14.8.2.5),
        // which extractors drop when they join the word again.
        gr.text = "\u00AD";
        gr.hyphen = true;
        gr.offset = le;
        gr.span = le > 0 ? span_at(le - 1) : -1;
        // It belongs to the word it breaks: a link's hyphen is in the link's colour.
        if (const text::Run* r = le > 0 ? run_at(shaped_, le - 1) : nullptr)
            gr.role = role_of(para_.styles[static_cast<std::size_t>(r->style)]);
        gr.glyphs.push_back({h->gid, x, h->rise, 0, 2});
        x += h->advance;
        sl.runs.push_back(std::move(gr));
    }
    if (line.flush_right) {
        // The line ends at the right edge; an overfull line (wider than the measure) stays
        // where it starts, as in left-to-right text, and runs over the margin rather than off
        // the page.
        const double shift = std::max(*line.flush_right - x, 0.0);
        if (std::abs(shift) > 1e-9) {
            for (auto& r : sl.runs)
                for (auto& g : r.glyphs) g.x += shift;
            for (auto& m : sl.marks) m.x0 += shift, m.x1 += shift;
        }
        x += shift;
    }
    sl.width = x;
    return sl;
}

}  // namespace quire::inline v0::layout

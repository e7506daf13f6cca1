// layout/justify: see justify.hpp.
#include "layout/justify.hpp"

#include "layout/microtype.hpp"

#include <algorithm>

namespace quire::inline v0::layout {

LineFit measure_line(const ParagraphItems& items, const LineItems& line, const Advances& advances,
                     const text::ShapedParagraph& shaped) {
    const auto& its = items.items;
    LineFit f;
    for (std::size_t k = line.start; k < line.end; ++k) {
        if (its[k].kind == Item::Kind::penalty) continue;
        f.natural += its[k].width;
        if (its[k].kind == Item::Kind::glue &&
            (items.text[k].begin < items.text[k].end || its[k].stretch < kFill)) {
            f.stretch += its[k].stretch;
            f.shrink += its[k].shrink;
        }
    }
    if (its[line.end].kind == Item::Kind::penalty) f.natural += its[line.end].width;
    if (line.prev_break) f.natural += its[*line.prev_break].post_width;
    // What hangs into the margins leaves that much more room.
    f.natural -= line.start_protrusion + line.end_protrusion;
    // (An empty line, text_begin past text_end, has no letters.)
    if (line.text_begin >= line.text_end) return f;
    const auto& ks = items.kashidas;
    for (auto it =
             std::lower_bound(ks.begin(), ks.end(), line.text_begin,
                              [](const KashidaPoint&k, std::uint32_t at) { return k.at < at; });
         it != ks.end() && it->at < line.text_end; ++it)
        f.kashida += it->room;
    f.letters = advances.letter_width(line.text_begin, line.text_end);
    f.clusters = advances.cluster_count(line.text_begin, line.text_end);
    f.expandable = advances.expandable_width(line.text_begin, line.text_end);
    // Word parts shaped again replace glyphs of the paragraph's shaping.
    if (const Reshaped* pre = line.pre_part; pre && letter_spaceable(shaped.runs[pre->run])) {
        f.letters += advance_of(pre->pre) - advances.letter_width(pre->pre_begin, pre->at);
        f.clusters += clusters_of(pre->pre) - advances.cluster_count(pre->pre_begin, pre->at);
        if (expandable(shaped.runs[pre->run]))
            f.expandable +=
                advance_of(pre->pre) - advances.expandable_width(pre->pre_begin, pre->at);
    }
    if (const Reshaped* post = line.post_part; post && letter_spaceable(shaped.runs[post->run])) {
        f.letters += advance_of(post->post) - advances.letter_width(post->at, post->post_end);
        f.clusters += clusters_of(post->post) - advances.cluster_count(post->at, post->post_end);
        if (expandable(shaped.runs[post->run]))
            f.expandable +=
                advance_of(post->post) - advances.expandable_width(post->at, post->post_end);
    }
    return f;
}

Adjustment justify(const LineFit& fit, const JustifyParams& params) {
    Adjustment a;
    double excess = params.width - fit.natural;
    if (!params.justified) excess = std::min(excess, 0.0);
    // Font expansion first, as far as it reaches (pdfTeX's order, which the breaker counted):
    // its factor, rounded to the step, and the width it takes; the letters and the spaces take
    // the rest.
    const double ex_room =
        (excess > 0 ? params.expansion_stretch : params.expansion_shrink) * fit.expandable;
    if (excess != 0 && ex_room > 0) {
        const double share = std::clamp(excess / ex_room, -1.0, 1.0);
        a.expansion = expansion_factor(share, params.expansion_stretch, params.expansion_shrink,
                                       params.expansion_step);
        excess -= (a.expansion - 1) * fit.expandable;
    }
    // Kashida next (Arabic script), before the spaces, as far as it reaches.
    if (excess > 0 && fit.kashida > 0) {
        a.kashida_ratio = std::min(excess / fit.kashida, 1.0);
        excess -= a.kashida_ratio * fit.kashida;
    }
    if (excess > 0) {
        const double room = fit.stretch + params.letter_stretch * fit.letters;
        if (room > 0) {
            double rr = excess / room;
            if (rr > 1) {
                // Letters give at most their own share; the spaces take the rest.
                a.glue_ratio = fit.stretch > 0
                                   ? (excess - params.letter_stretch * fit.letters) / fit.stretch
                                   : 0;
                rr = 1;
            } else {
                a.glue_ratio = rr;
            }
            a.letter_ratio = rr * params.letter_stretch;
        }
    } else if (excess < 0) {
        const double room = fit.shrink + params.letter_shrink * fit.letters;
        const double rr = room > 0 ? std::max(excess / room, -1.0) : 0;
        a.glue_ratio = rr;
        a.letter_ratio = rr * params.letter_shrink;
    }
    // The letters' share, the same after every cluster of the line (so the PDF states it once
    // per run, as character spacing): the room of letter_ratio x their advance.
    a.per_cluster =
        fit.clusters > 0 ? a.letter_ratio * fit.letters / static_cast<double>(fit.clusters) : 0;
    a.overfull = excess < -(fit.shrink + params.letter_shrink * fit.letters) - 1e-6;
    return a;
}

double Spacing::lookup(const std::vector<std::pair<std::uint32_t, double>>& v, std::uint32_t c) {
    // In text order (items are): bisect, a long line has many spaces.
    const auto it = std::lower_bound(
        v.begin(), v.end(), c,
        [](const std::pair<std::uint32_t, double>& e, std::uint32_t at) { return e.first < at; });
    return it != v.end() && it->first == c ? it->second : 0.0;
}

Spacing glue_spacing(const ParagraphItems& items, const LineItems& line, double glue_ratio) {
    Spacing s;
    for (std::size_t k = line.start; k < line.end; ++k) {
        const Item& it = items.items[k];
        if (it.kind != Item::Kind::glue) continue;
        const double e = glue_ratio * (glue_ratio >= 0 ? it.stretch : it.shrink);
        if (items.text[k].begin < items.text[k].end)
            s.after.emplace_back(items.text[k].begin, e);
        else if (it.stretch < kFill)
            s.before.emplace_back(items.text[k].begin, e);
    }
    return s;
}

}  // namespace quire::inline v0::layout

// layout/paragraph: from a shaped paragraph to set lines (see paragraph.hpp), in four steps:
// items (layout/items), breaking (layout/linebreak), justification (layout/justify) and
// placement (layout/place).
#include "layout/paragraph.hpp"

#include <cmath>

#include "layout/items.hpp"
#include "layout/justify.hpp"
#include "layout/place.hpp"
#include "text/hyphenate.hpp"

#include "base/limits.hpp"

namespace quire::inline v0::layout {

std::vector<SetLine> set_paragraph(const text::ParagraphText& para, const ParagraphSpec& spec,
                                   text::FontBook& fonts, const text::MissingGlyph& on_missing) {
    std::vector<SetLine> out;
    if (para.text.empty()) return out;
    quire::detail::check_time();  // the article's time limit (base/limits), once a paragraph
    const text::ShapedParagraph shaped = text::shape_paragraph(para, fonts, on_missing);
    // A right-to-left paragraph starts at the right: its first-line indent is there, and its
    // lines that are not justified to the full measure are set flush right. It is not
    // hyphenated (no right-to-left script here hyphenates).
    const bool rtl_para = shaped.base_level == 1;
    const bool flush_right = rtl_para && spec.rtl_flush_right;

    // 1. Items.
    const Advances advances = measure_advances(shaped, para.text.size());
    const std::vector<std::uint32_t> points =
        spec.hyphenate && !rtl_para ? hyphenation_points(para, spec, fonts.hyphenator())
                                    : std::vector<std::uint32_t>{};
    const ParagraphItems items = build_items(para, shaped, advances, spec, points);
    // 2. Breaks.
    // The first line hangs into the margin by its first character's protrusion: so much wider.
    std::vector<double> widths{spec.width};
    if (items.first_protrusion != 0) widths = {spec.width + items.first_protrusion, spec.width};
    const auto lines = break_lines(items.items, widths, spec.params);

    const LinePlacer placer(para, shaped);
    for (std::size_t li = 0; li < lines.size(); ++li) {
        const LineItems line = line_items(items, lines, li);
        const bool last = li + 1 == lines.size();
        // 3. Justification.
        JustifyParams jp;
        jp.width = spec.width;
        jp.justified = spec.justify && !(last && !spec.last_line_justify);
        jp.letter_stretch = spec.letter_space_stretch;
        jp.letter_shrink = spec.letter_space_shrink;
        // (A line not justified may still shrink its glyphs, as the breaker counted.)
        jp.expansion_stretch = spec.expansion_stretch;
        jp.expansion_shrink = spec.expansion_shrink;
        jp.expansion_step = spec.expansion_step;
        const Adjustment adj = justify(measure_line(items, line, advances, shaped), jp);
        const Spacing spacing = glue_spacing(items, line, adj.glue_ratio);
        // 4. Placement.
        LineToPlace lp;
        lp.begin = line.text_begin;
        lp.end = line.text_end;
        lp.x = li == 0 && !flush_right ? spec.first_indent : 0;
        // Protrusion: the line starts that much further out at its start, the left in left to
        // right, and ends further out at its end, the left in right to left.
        lp.x -= rtl_para ? line.end_protrusion : line.start_protrusion;
        lp.letter_spacing = adj.per_cluster;
        lp.expansion = adj.expansion;
        lp.kashidas = &items.kashidas;
        lp.kashida_ratio = adj.kashida_ratio;
        lp.spacing = &spacing;
        lp.pre_part = line.pre_part;
        lp.post_part = line.post_part;
        lp.hyphen = line.hyphen;
        // Right to left: the line ends at the right of the measure (less the first line's
        // indent); justified lines already fill it, the others are set flush right.
        if (flush_right)
            lp.flush_right = spec.width - (li == 0 ? spec.first_indent : 0) + line.start_protrusion;
        SetLine sl = placer.place(lp);
        sl.overfull = adj.overfull;
        out.push_back(std::move(sl));
    }
    return out;
}

void place_runs(Page& page, const SetLine& line, double x, double baseline) {
    for (const auto& run : line.runs) {
        GlyphRun gr = run;
        for (auto& g : gr.glyphs) {
            g.x += x;
            g.y += baseline;
        }
        page.runs.push_back(std::move(gr));
    }
}

void place_leaders(Page& page, const SetLine& dot, double origin, double from, double to,
                   double baseline, double pitch) {
    for (double x = origin + std::ceil((from - origin) / pitch) * pitch; x <= to; x += pitch)
        place_runs(page, dot, x, baseline);
}

}  // namespace quire::inline v0::layout

// layout/finish: see finish.hpp.
#include "layout/finish.hpp"

namespace quire::inline v0::layout {

namespace {

std::uint32_t rgb(const Color& c) {
    return (static_cast<std::uint32_t>(c.r) << 16) | (static_cast<std::uint32_t>(c.g) << 8) |
           static_cast<std::uint32_t>(c.b);
}

}  // namespace

void mirror_margins(PagedDocument& doc, const Style& style, int first_folio, std::size_t begin,
                    std::size_t end) {
    const double dx = style.margin_outer - style.margin_inner;
    if (!style.mirror_margins || dx == 0) return;
    for (std::size_t i = begin; i < end && i < doc.pages.size(); ++i) {
        const long long folio =
            static_cast<long long>(first_folio) + static_cast<long long>(i - begin);
        if (folio % 2 != 0) continue;  // right-hand page
        Page& p = doc.pages[i];
        for (auto& run : p.runs)
            for (auto& g : run.glyphs) g.x += dx;
        // What spans the page (a cover's band, an image cropped to the bleed) belongs to the
        // page, not to the text block: it stays.
        const auto spans = [&](double x, double w) { return x <= 0 && x + w >= p.width; };
        for (auto& r : p.rules)
            if (!spans(r.x, r.width)) r.x += dx;
        for (auto& l : p.links) l.x += dx;
        for (auto& pic : p.pictures)
            if (!(pic.clip_width > 0 && spans(pic.clip_x, pic.clip_width))) {
                pic.x += dx;
                pic.clip_x += dx;
            }
        for (auto& d : doc.destinations)
            if (d.page == static_cast<int>(i)) d.x += dx;
    }
}

void apply_style_colors(Page& p, const Style& style) {
    const std::uint32_t text = rgb(style.text_color), link = rgb(style.link_color),
                        rule = rgb(style.rule_color);
    for (auto& run : p.runs) run.color = run.role == RunRole::text ? text : link;
    for (auto& r : p.rules)
        if (!r.own_color) r.color = rule;
}

PrintSettings print_settings(const Style& style) {
    PrintSettings p;
    p.bleed = style.print_bleed;
    p.crop_marks = style.crop_marks;
    p.registration_marks = style.registration_marks;
    p.slug = style.slug;
    return p;
}

void apply_style_colors(PagedDocument& doc, const Style& style) {
    for (auto& p : doc.pages) apply_style_colors(p, style);
    doc.bleed = style.bleed;
    doc.standard = style.pdf_standard;
    doc.print = print_settings(style);
}

}  // namespace quire::inline v0::layout

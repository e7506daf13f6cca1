// layout/article_figures: see article_figures.hpp.
#include "layout/article_figures.hpp"

#include "base/image_info.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace quire::inline v0::layout {

Paragraph captioned(const ArticleSetter& setter, const Paragraph& para) {
    const auto index = static_cast<std::size_t>(&para - setter.article.body.data());
    const std::string label = setter.numbering.caption_label(setter.article, index);
    if (label.empty()) return para;
    Paragraph c = para;
    c.content.insert(
        c.content.begin(),
        Text{label + (para.content.empty() ? "" : ".\u2002"), {}, false, true, false, {}, {}});
    return c;
}

void add_figure(ArticleSetter& setter, ArticleFlow& flow, const Paragraph& para,
                const BlockPlace& at) {
    const Style& style = setter.style;
    const double measure = setter.measure;
    const bool rtl = setter.rtl;
    const std::string& lang = at.lang;
    const double left = at.left, width = at.width;
    const Image& im = *para.image;
    const double body_h = style.page_height - style.margin_top - style.margin_bottom;
    const std::optional<ImageInfo> info = probe_image(im.path, im.data.get());
    if ((im.data || !im.path.empty()) && !info)
        setter.warn(para.line, "the image " + (im.data ? im.src : im.path) +
                                   " cannot be read as PNG or JPEG; its text "
                                   "alternative is shown");
    const std::size_t first = flow.size();
    if (info) {
        const double dpi_x = info->dpi_x >= 72 ? info->dpi_x : 150;
        const double dpi_y = info->dpi_y >= 72 ? info->dpi_y : 150;
        double w = info->width / dpi_x * 72, h = info->height / dpi_y * 72;
        const double scale = std::min({1.0, width / w, body_h * 0.45 / h});
        w *= scale;
        h *= scale;
        FlowItem it;
        it.height = h + 4;
        it.space_before = at.before;
        it.keep_with_next = true;
        Block b;
        b.absolute = true;
        const double x = rtl ? measure - left - width + (width - w) / 2 : left + (width - w) / 2;
        b.x = x;
        const int elem = setter.figure(im.alt, im.decorative, at.parent, lang);
        b.picture = Picture{x, 2, w, h, im.path, im.alt, elem, im.data};
        flow.push(std::move(b), std::move(it));
    } else {
        text::ParagraphText alt;
        alt.append("[" + im.alt + "]", setter.span(style.note, false, false, lang));
        flow.add_lines(setter.set(std::move(alt), setter.spec_for(width, lang, false, false),
                                  para.line, setter.block("P", at.parent, lang)),
                       style.note, at.before, true, left);
    }
    // The caption, each line centred under the image, after "Figure 3." when numbered.
    const Paragraph caption = captioned(setter, para);
    if (!caption.content.empty()) {
        ParagraphSpec spec = setter.spec_for(width, lang, false, false);
        spec.rtl_flush_right = false;
        text::ParagraphText pt = setter.paragraph_text(caption, style.note, lang);
        for (auto& st : pt.styles) st.face.italic = !st.face.bold;
        auto lines =
            setter.set(std::move(pt), spec, para.line, setter.block("Caption", at.parent, lang));
        std::vector<double> xs;
        for (const auto& l : lines) xs.push_back(left + (width - l.width) / 2);
        const std::size_t c = flow.add_lines(std::move(lines), style.note, 4, true, 0);
        for (std::size_t i = c; i < flow.size(); ++i) {
            Block& b = flow.blocks[i];
            b.absolute = true;
            b.x = rtl ? measure - xs[i - c] - b.line.width : xs[i - c];
        }
    }
    if (flow.size() > first) {
        if (!para.id.empty()) flow.blocks[first].dest = setter.numbering.dest.at(para.id);
        flow.bind_all_from(first);
        // An image with its caption floats to the next page's top when it does not fit.
        flow.items[first].floats = info.has_value();
    }
}

void add_table(ArticleSetter& setter, ArticleFlow& flow, const Paragraph& para,
               const BlockPlace& at) {
    const Table& t = *para.table;
    const std::string& lang = at.lang;
    const double left = at.left, width = at.width;
    const double measure = setter.measure;
    const bool rtl = setter.rtl;
    const FontRole& role = setter.style.quote;
    constexpr double kPad = 3;     // above and below a row's text
    const double gap = role.size;  // between columns
    std::size_t cols = t.align.size();
    for (const auto& r : t.rows) cols = std::max(cols, r.cells.size());
    if (cols == 0 || t.rows.empty()) return;
    auto cell_text = [&](const TableRow& r, std::size_t c) {
        Paragraph p;
        if (c < r.cells.size()) p.content = r.cells[c].content;
        text::ParagraphText pt = setter.paragraph_text(p, role, lang);
        if (r.header)
            for (auto& st : pt.styles) st.face.bold = true;
        return pt;
    };
    // Each column's natural width (its widest cell on one line) and least width (its widest
    // word), as a browser's automatic table layout: columns take their natural widths when
    // they fit; else each gets its least width and a share of the rest in proportion to
    // what it lacks, so no word is wider than its column; only a table whose words alone are
    // too wide is squeezed below them.
    std::vector<double> natural(cols, 0), least(cols, 0);
    for (const auto& r : t.rows)
        for (std::size_t c = 0; c < cols; ++c) {
            ParagraphSpec spec = setter.spec_for(1e6, lang, false, false);
            spec.rtl_flush_right = false;
            const text::ParagraphText pt = cell_text(r, c);
            for (const auto& l : setter.set_plain(pt, spec, para.line))
                natural[c] = std::max(natural[c], l.width);
            // A line per word, at its natural width: an overfull line would shrink its
            // letters, which the breaker does not count on.
            spec.width = 1;
            spec.letter_space_shrink = 0;
            spec.expansion_shrink = 0;
            for (const auto& l : setter.set_plain(pt, spec, para.line))
                least[c] = std::max(least[c], l.width);
        }
    const double gaps = gap * static_cast<double>(cols - 1);
    const double room = width - gaps;
    double total = 0, total_least = 0;
    for (std::size_t c = 0; c < cols; ++c) {
        least[c] = std::min(least[c], natural[c]);
        total += natural[c];
        total_least += least[c];
    }
    std::vector<double> widths = natural;
    if (total > room && total > 0) {
        for (std::size_t c = 0; c < cols; ++c)
            widths[c] = total_least <= room && total > total_least
                            ? least[c] + (natural[c] - least[c]) * (room - total_least) /
                                             (total - total_least)
                            : std::max(role.size * 2, least[c] * room / total_least);
        // A hair over: a word set in a column exactly its width is not overfull by a rounding.
        for (auto& w : widths) w += 0.01;
    }
    double table_w = gaps;
    for (double w : widths) table_w += w;
    const double x0 = left + std::max(0.0, (width - table_w) / 2);
    // Table, then THead and TBody (the header rows, the others), a TR per row, a TH (with
    // its scope) or TD per cell, empty cells included.
    const int table = setter.block("Table", at.parent, lang);
    // The caption above the table ("Table 2." when numbered), centred on it, its first child
    // in the structure; kept with the first rows.
    double before = at.before;
    const std::size_t first = flow.size();
    if (const Paragraph caption = captioned(setter, para); !caption.content.empty()) {
        const FontRole& note = setter.style.note;
        ParagraphSpec spec = setter.spec_for(width, lang, false, false);
        spec.rtl_flush_right = false;
        text::ParagraphText pt = setter.paragraph_text(caption, note, lang);
        for (auto& st : pt.styles) st.face.italic = !st.face.bold;
        auto lines =
            setter.set(std::move(pt), spec, para.line, setter.block("Caption", table, lang));
        std::vector<double> xs;  // centred on the measure, as the table is
        for (const auto& l : lines) xs.push_back(left + (width - l.width) / 2);
        const std::size_t c = flow.add_lines(std::move(lines), note, before, true, 0);
        for (std::size_t i = c; i < flow.size(); ++i) {
            Block& b = flow.blocks[i];
            b.absolute = true;
            b.x = rtl ? measure - xs[i - c] - b.line.width : xs[i - c];
        }
        if (flow.size() > c) flow.items.back().keep_with_next = true;
        before = 4;
    }
    int head = -1, body = -1;
    std::vector<std::size_t> header_rows;  // the header's blocks, repeated on later pages
    double header_h = 0;
    for (std::size_t ri = 0; ri < t.rows.size(); ++ri) {
        const TableRow& r = t.rows[ri];
        int& group = r.header ? head : body;
        if (group < 0) group = setter.block(r.header ? "THead" : "TBody", table);
        const int row = setter.block("TR", group);
        Block b;
        b.absolute = true;
        b.x = rtl ? measure - x0 - table_w : x0;
        b.width = table_w;
        double cx = 0;
        std::size_t most = 1;
        for (std::size_t c = 0; c < cols; ++c) {
            ParagraphSpec spec = setter.spec_for(widths[c], lang, false, false);
            spec.rtl_flush_right = false;
            const int cell = setter.block(r.header ? "TH" : "TD", row);
            if (r.header) setter.elem_at(cell).scope = "Column";
            auto lines = setter.set(cell_text(r, c), spec, para.line, cell);
            most = std::max(most, lines.size());
            const Align a = c < t.align.size() ? t.align[c] : Align::none;
            for (std::size_t k = 0; k < lines.size(); ++k) {
                double off = 0;
                if (a == Align::right) off = widths[c] - lines[k].width;
                if (a == Align::center) off = (widths[c] - lines[k].width) / 2;
                const double col_x = rtl ? table_w - cx - widths[c] : cx;
                b.cells.push_back({std::move(lines[k]), col_x + off,
                                   kPad + role.leading * (static_cast<double>(k) + kBaseline),
                                   role.leading});
            }
            cx += widths[c] + gap;
        }
        const double h = role.leading * static_cast<double>(most) + 2 * kPad;
        if (ri == 0) b.rules.push_back({0, 0, table_w, 0.8});
        if (r.header && (ri + 1 == t.rows.size() || !t.rows[ri + 1].header))
            b.rules.push_back({0, h, table_w, 0.4});
        if (ri + 1 == t.rows.size()) b.rules.push_back({0, h, table_w, 0.8});
        FlowItem it;
        it.height = h;
        it.space_before = ri == 0 ? before : 0;
        it.keep_with_next = r.header || (ri == 0 && t.rows.size() > 1);
        if (r.header && header_rows.size() == ri) {  // the leading header rows
            header_rows.push_back(flow.size());
            header_h += h;
        } else if (!header_rows.empty()) {
            b.header_rows = header_rows;
            it.head_height = header_h;
        }
        flow.push(std::move(b), std::move(it));
    }
    // A short table (half the text block at most) is not split: its rows stay together, as
    // its caption and header stay with them, and like a figure it floats to the next page's
    // top when it does not fit, the text after it filling the page.
    const Style& style = setter.style;
    const double text_block = style.page_height - style.margin_top - style.margin_bottom;
    double table_h = 0;
    for (std::size_t i = first; i < flow.size(); ++i) table_h += flow.items[i].height;
    if (table_h <= text_block / 2 && flow.size() > first) {
        for (std::size_t i = first; i + 1 < flow.size(); ++i) flow.items[i].keep_with_next = true;
        flow.items[first].floats = true;
    }
    if (!para.id.empty() && flow.size() > first)
        flow.blocks[first].dest = setter.numbering.dest.at(para.id);
}

}  // namespace quire::inline v0::layout

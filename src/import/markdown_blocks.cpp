// import/markdown_blocks: the block nodes of cmark-gfm's tree as the model's paragraphs:
// paragraphs and figures, headings, quotes, lists, code, raw HTML, footnotes and tables.
#include "import/common.hpp"
#include "import/markdown_reader.hpp"

#include <cmark-gfm-core-extensions.h>

#include <algorithm>
#include <memory>

namespace quire::inline v0::import::md {

Result<Unit> MarkdownReader::block(cmark_node* n, int quote, int list_depth) {
    // Blocks nested deeper than quire sets them (quotes and lists together) are an error.
    if (quote + list_depth > max_nesting()) {
        const std::string most = std::to_string(max_nesting());
        return error(line_of(n), "block quotes and lists nested more than " + most + " deep (" +
                                     limit_hint("nesting", most) + ")");
    }
    switch (cmark_node_get_type(n)) {
        case CMARK_NODE_PARAGRAPH:
            return paragraph(n, quote, list_depth);
        case CMARK_NODE_HEADING:
            return heading(n, quote, list_depth);
        case CMARK_NODE_BLOCK_QUOTE:
            for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c))
                QUIRE_TRY(block(c, quote + 1, list_depth));
            return Unit{};
        case CMARK_NODE_LIST:
            return list(n, quote, list_depth);
        case CMARK_NODE_CODE_BLOCK:
            return code_block(n, quote, list_depth);
        case CMARK_NODE_HTML_BLOCK:
            return html_block(n, quote, list_depth);
        case CMARK_NODE_THEMATIC_BREAK:
            return Unit{};  // a section break: the next heading or paragraph carries on
        case CMARK_NODE_FOOTNOTE_DEFINITION:
            footnote(n);
            return Unit{};
        default:
            break;
    }
    if (type_string(n) == "table") return table(n, quote, list_depth);
    diags_.warning(at(line_of(n)),
                   "a '" + std::string(type_string(n)) + "' block is not supported; skipped");
    return Unit{};
}

Result<Unit> MarkdownReader::paragraph(cmark_node* n, int quote, int list_depth) {
    Paragraph p = fresh(n, quote, list_depth);
    // A paragraph that is only an image is a figure; its title (else its alt text)
    // is the caption.
    cmark_node* only = cmark_node_first_child(n);
    // An image may carry an id for cross-references after it: ![…](…){#fig:map}.
    std::string figure_id;
    if (cmark_node* next = only ? cmark_node_next(only) : nullptr;
        next && !cmark_node_next(next) && cmark_node_get_type(next) == CMARK_NODE_TEXT) {
        const char* lit = cmark_node_get_literal(next);
        std::string attr = lit ? lit : "";
        figure_id = import::take_id_attribute(attr);
        if (!attr.empty() && attr.find_first_not_of(" \t") != std::string::npos) figure_id.clear();
    }
    if (only && (!cmark_node_next(only) || !figure_id.empty()) &&
        cmark_node_get_type(only) == CMARK_NODE_IMAGE) {
        p.id = figure_id;
        const std::string alt = text_of(only);
        const char* title = cmark_node_get_title(only);
        const char* url = cmark_node_get_url(only);
        if (utf8::without_controls(url ? url : "").empty()) {
            // ![alt]() names no file: its text alternative, as a paragraph.
            diags_.warning(at(p.line),
                           "an image without a file name ![…]() is set "
                           "as its text alternative");
            if (alt.empty()) return Unit{};
            p.content.emplace_back(text(alt, {}));
            return push(std::move(p));
        }
        p.image = image(utf8::without_controls(url ? url : ""), alt,
                        utf8::without_controls(title ? title : ""), p.line);
        if (alt.empty())
            diags_.warning(at(p.line),
                           "the image '" + p.image->src + "' has no text alternative ![…](…)");
        if (const std::string& caption = p.image->title.empty() ? alt : p.image->title;
            !caption.empty())
            p.content.emplace_back(text(caption, {}));
        return push(std::move(p));
    }
    inlines(n, p, {});
    return push(std::move(p));
}

Result<Unit> MarkdownReader::heading(cmark_node* n, int quote, int list_depth) {
    Paragraph p = fresh(n, quote, list_depth);
    inlines(n, p, {});
    const int level = cmark_node_get_heading_level(n);
    if (article_.title.empty() && level == 1 && quote == 0 && list_depth == 0 &&
        article_.body.empty()) {
        article_.title = p.plain_text();
        title_from_heading_ = true;
        return Unit{};
    }
    // Below a title from the first heading, "##" is the first level of sections.
    p.heading = std::max(1, title_from_heading_ ? level - 1 : level);
    // "## Water {#sec:water}": the heading's id for cross-references.
    if (!p.content.empty())
        if (auto* last = std::get_if<Text>(&p.content.back())) {
            p.id = import::take_id_attribute(last->text);
            if (last->text.empty()) p.content.pop_back();
        }
    return push(std::move(p));
}

Result<Unit> MarkdownReader::list(cmark_node* n, int quote, int list_depth) {
    const bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
    int number = cmark_node_get_list_start(n);
    const bool paren = cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM;
    for (cmark_node* item = cmark_node_first_child(n); item;
         item = cmark_node_next(item), ++number) {
        const std::size_t first = article_.body.size();
        for (cmark_node* c = cmark_node_first_child(item); c; c = cmark_node_next(c))
            QUIRE_TRY(block(c, quote, list_depth + 1));
        if (article_.body.size() == first) {  // an empty item
            Paragraph p = fresh(item, quote, list_depth + 1);
            QUIRE_TRY(push(std::move(p)));
        }
        Paragraph& head = article_.body[first];
        if (ordered) {
            head.list_marker = std::to_string(number) + (paren ? ")" : ".");
        } else {
            head.list_marker = list_depth % 2 == 0 ? "•" : "–";
        }
    }
    return Unit{};
}

Result<Unit> MarkdownReader::code_block(cmark_node* n, int quote, int list_depth) {
    Paragraph p = fresh(n, quote, list_depth);
    p.code = true;
    std::string code = literal(n);
    while (!code.empty() && code.back() == '\n') code.pop_back();
    Text t;
    t.text = std::move(code);
    t.code = true;
    p.content.emplace_back(std::move(t));
    return push(std::move(p));
}

Result<Unit> MarkdownReader::html_block(cmark_node* n, int quote, int list_depth) {
    const int line = line_of(n);
    diags_.warning(at(line), "raw HTML is not rendered; its text is kept as code");
    Paragraph p = fresh(n, quote, list_depth);
    p.code = true;
    std::string code = literal(n);
    while (!code.empty() && code.back() == '\n') code.pop_back();
    p.content.emplace_back(text(code, {}));
    return push(std::move(p));
}

/// A footnote definition as the next note. cmark-gfm numbers footnotes in the order of their
/// first reference: a reference's literal is that number, and the definitions come at the end
/// of the document in that order, the unreferenced ones dropped. quire keeps its numbers.
void MarkdownReader::footnote(cmark_node* n) {
    Note note;
    note.line = line_of(n);
    note.number = ++footnotes_;
    for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
        Paragraph p = fresh(c, 0, 0);
        inlines(c, p, {});
        note.paragraphs.push_back(std::move(p));
    }
    article_.notes.push_back(std::move(note));
}

Result<Unit> MarkdownReader::table(cmark_node* n, int quote, int list_depth) {
    auto t = std::make_shared<Table>();
    const std::uint16_t cols = cmark_gfm_extensions_get_table_columns(n);
    const std::uint8_t* al = cmark_gfm_extensions_get_table_alignments(n);
    for (std::uint16_t i = 0; i < cols; ++i) {
        const char a = al ? static_cast<char>(al[i]) : 0;
        t->align.push_back(a == 'l'   ? Align::left
                           : a == 'c' ? Align::center
                           : a == 'r' ? Align::right
                                      : Align::none);
    }
    for (cmark_node* row = cmark_node_first_child(n); row; row = cmark_node_next(row)) {
        TableRow r;
        r.header = cmark_gfm_extensions_get_table_row_is_header(row) != 0;
        for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell)) {
            Paragraph tmp;
            inlines(cell, tmp, {});
            r.cells.push_back(TableCell{std::move(tmp.content)});
        }
        t->rows.push_back(std::move(r));
    }
    Paragraph p = fresh(n, quote, list_depth);
    p.table = std::move(t);
    return push(std::move(p));
}

Paragraph MarkdownReader::fresh(cmark_node* n, int quote, int list_depth) const {
    Paragraph p;
    p.line = line_of(n);
    p.quote = quote;
    p.list_depth = list_depth;
    return p;
}

/// Adds a block to the body, its "[words]{lang=..}" spans made runs of their own.
Result<Unit> MarkdownReader::push(Paragraph p) {
    QUIRE_TRY(apply_spans(p));
    article_.body.push_back(std::move(p));
    return Unit{};
}

}  // namespace quire::inline v0::import::md

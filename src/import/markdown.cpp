// import/markdown: Markdown articles (.md) through cmark-gfm, with a YAML front matter block.
//
//   ---
//   title: The Ukraine Policy of Japan        # else the first "# " heading is the title
//   subtitle: …
//   authors: [Dr. Cenk Tamer]                  # or  author: Dr. Cenk Tamer
//   date: 2023-02-01
//   lang: en                                   # else detected
//   translations: [{lang: tr, label: Türkçe}, {lang: ru, label: Русский}]
//   keywords: [Japan, Ukraine]
//   bio: {name: Dr. Cenk Tamer, lang: tr, text: "…", photo: tamer.jpg}
//   ---
//
// Several authors, each with details and a bio, are a list of maps (a plain name may stand
// among them); a report's publication data are keys of their own:
//
//   authors:
//     - {name: A. Author, affiliation: …, email: …, orcid: 0000-…, lang: tr, bio: "…",
//        photo: a.jpg}
//     - B. Author
//   series: Policy Brief        number: 12        organisation: …      logo: logo.png
//   cover: cover.jpg (or {src, alt})   isbn / issn / doi (check digits checked)
//   licence: CC BY 4.0   cite-as: …   summary: "…" (or abstract; summary-title)   disclaimer: "…"

//   Body in CommonMark with GitHub's tables and autolinks, and footnotes: "text[^1]" and
//   "[^1]: the note". A span in another language: [texte]{lang=fr} (also {lang=ar dir=rtl}).
//
// The model gets headings, quotes, lists, code blocks, figures (a paragraph that is only an
// image), tables, links and inline code (see article.hpp). Footnotes are numbered in the
// order of their first reference, as the reader sees them (a footnote never referenced is
// dropped by cmark-gfm). Raw HTML is not rendered: it is a
// warning and its text is kept. Lines in diagnostics are lines of the file, front matter
// included.
//
// This file reads the whole: line ends, the front matter (markdown_front.cpp), the cmark-gfm
// parse, its blocks (markdown_blocks.cpp, markdown_inlines.cpp), the title and section levels.
#include "import/common.hpp"
#include "import/markdown_reader.hpp"
#include "model/numbering.hpp"

#include <quire/quire.hpp>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <array>
#include <memory>

namespace quire::inline v0 {

namespace {

/// The GFM extensions quire reads (tables, autolinks, strikethrough). cmark-gfm keeps them in a
/// global list that cmark_gfm_core_extensions_ensure_registered() fills without a lock, so two
/// threads parsing their first Markdown at once raced on it (ThreadSanitizer): the list is
/// filled and searched once for the process (a function-local static is initialised once).
const std::array<cmark_syntax_extension*, 3>& gfm_extensions() {
    static const std::array<cmark_syntax_extension*, 3> all = [] {
        cmark_gfm_core_extensions_ensure_registered();
        return std::array<cmark_syntax_extension*, 3>{cmark_find_syntax_extension("table"),
                                                      cmark_find_syntax_extension("autolink"),
                                                      cmark_find_syntax_extension("strikethrough")};
    }();
    return all;
}

/// Line ends: CRLF and CR as LF, so that lines count as editors count them. Other control
/// characters are removed (vertical tab and form feed become spaces), counted in `removed`
/// with the line of the first, as the plain-text reader does: an article never holds them (its
/// XML could not).
std::string normalize(std::string_view text, int& removed, int& first_removed_line) {
    std::string norm;
    norm.reserve(text.size());
    int line = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\r' || c == '\n') {
            norm += '\n';
            ++line;
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else if (c == '\v' || c == '\f') {
            norm += ' ';
        } else if ((c < 0x20 && c != '\t') || c == 0x7F) {
            if (removed++ == 0) first_removed_line = line;
        } else {
            norm += text[i];
        }
    }
    return norm;
}

}  // namespace

namespace import::md {

Result<Article> MarkdownReader::parse(std::string_view raw) {
    if (auto bad = import::check_bytes(raw, name_)) return *bad;
    if (raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
    int removed = 0, first_removed_line = 0;
    const std::string norm = normalize(raw, removed, first_removed_line);
    if (removed > 0)
        diags_.warning(at(first_removed_line), "removed " + std::to_string(removed) +
                                                   " control character" + (removed > 1 ? "s" : ""));
    article_.source = name_;
    std::string_view body = norm;
    QUIRE_TRY(front_matter(body));
    bool blank = true;
    for (char c : body) blank = blank && (c == ' ' || c == '\n' || c == '\t');
    if (blank && article_.title.empty()) return error(0, "file is empty");

    std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_FOOTNOTES));
    for (cmark_syntax_extension* e : gfm_extensions())
        if (e) cmark_parser_attach_syntax_extension(parser.get(), e);
    cmark_parser_feed(parser.get(), body.data(), body.size());
    std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));
    if (!doc) return error(0, "the Markdown parser failed");

    for (cmark_node* n = cmark_node_first_child(doc.get()); n; n = cmark_node_next(n))
        QUIRE_TRY(block(n, 0, 0));
    if (article_.title.empty())
        return error(1,
                     "no title: give 'title:' in the front matter "
                     "or start with a '# ' heading");
    // Section levels from 1: "##" sections under a front-matter title are level 1.
    int top = 0;
    for (const auto& p : article_.body)
        if (p.heading > 0) top = top == 0 ? p.heading : std::min(top, p.heading);
    if (top > 1)
        for (auto& p : article_.body)
            if (p.heading > 0) p.heading -= top - 1;
    import::check_references(article_, diags_);
    // Cross-references: table captions, then "@fig:…" in the text; unresolved ones warned of.
    import::attach_table_captions(article_);
    for (Paragraph& p : article_.body) import::split_cross_refs(p);
    for (Note& n : article_.notes)
        for (Paragraph& p : n.paragraphs) import::split_cross_refs(p);
    model::check_cross_references(article_, diags_);
    ReadOptions langs = options_;
    if (langs.lang.empty()) langs.lang = fm_lang_;
    import::assign_languages(article_, langs);
    return std::move(article_);
}

}  // namespace import::md

namespace import {

Result<Article> parse_markdown_article(std::string_view text, const std::filesystem::path& path,
                                       Diagnostics& diags, const ReadOptions& options) {
    return md::MarkdownReader(path.string(), diags, options, path.parent_path()).parse(text);
}

}  // namespace import

}  // namespace quire::inline v0

// epub/collection: many articles as one EPUB (see build_collection in epub.hpp).
//
//   EPUB/title.xhtml        the title page: title, subtitle, editors, date
//   EPUB/nav.xhtml          the contents, in the spine after the title page
//   EPUB/article-N.xhtml    each article as content_document() writes it for a single EPUB
//
// This file has the title page and its style rules; package.cpp puts the whole together. Each
// article keeps its own language and direction on its document; the package names the editors
// as creators (edt) and the articles' authors as contributors (aut).
#include "base/lang_tag.hpp"
#include "epub/epub.hpp"
#include "epub/xml.hpp"
#include "model/labels.hpp"

namespace quire::inline v0::epub {

std::string collection_title_page(const CollectionInfo& info) {
    Xml x;
    x.xhtml_start(info.lang, lang_tag::is_rtl(info.lang), info.title,
                  {{"epub:type", "frontmatter"}});
    x.open("section", {{"class", "titlepage"}, {"epub:type", "titlepage"}});
    x.nl();
    x.element("h1", info.title, {{"class", "collection-title"}});
    x.nl();
    if (!info.subtitle.empty()) {
        x.element("p", info.subtitle, {{"class", "collection-subtitle"}});
        x.nl();
    }
    if (!info.editors.empty()) {
        x.element("p", labels::edited_by(info.editors, info.lang),
                  {{"class", "collection-editors"}});
        x.nl();
    }
    if (!info.date.empty()) {
        x.element("p", labels::long_date(info.date, info.lang), {{"class", "collection-date"}});
        x.nl();
    }
    x.end();  // section
    return x.xhtml_end();
}

std::string collection_style_sheet(const Style& style) {
    auto em = [&](double pt) { return std::to_string(pt / style.body.size) + "em"; };
    std::string css;
    css += "section.titlepage {\n  text-align: center;\n  margin-top: 30%;\n}\n";
    css += "h1.collection-title {\n  font-size: " + em(style.title.size * 1.25) +
           ";\n  line-height: 1.2;\n  font-weight: bold;\n  margin: 0;\n  hyphens: manual;\n"
           "  -epub-hyphens: manual;\n}\n";
    css += "p.collection-subtitle {\n  font-size: " + em(style.byline.size * 1.3) +
           ";\n  text-align: center;\n  margin-top: 0.6em;\n}\n";
    css +=
        "p.collection-editors {\n  font-style: italic;\n  text-align: center;\n"
        "  margin-top: 2.5em;\n}\n";
    css += "p.collection-date {\n  text-align: center;\n  margin-top: 0.5em;\n}\n";
    return css;
}

}  // namespace quire::inline v0::epub

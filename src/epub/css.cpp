// epub/css: the style sheet, derived from the same Style as the PDF.
//
// Reading systems let the reader choose the text size, so sizes are in ems of the body size
// and spacing in ems or unitless line heights; the page geometry stays with the PDF. What the
// PDF sets with fonts (families per chain, the title block, notes, the bio block with its short
// rule) the CSS sets the same way.
#include "epub/epub.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace quire::inline v0::epub {

namespace {

/// A number for CSS: at most 3 decimals, no trailing zeros.
std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", std::round(v * 1000) / 1000);
    std::string s = buf;
    while (s.size() > 1 && s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    if (s == "-0") s = "0";
    return s;
}

std::string hex(const Color& c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
    return buf;
}

std::string quoted(const std::string& family) {
    std::string s = "\"";
    for (char c : family) {
        if (c == '"' || c == '\\') s += '\\';
        s += c;
    }
    return s + "\"";
}

/// The rules of the blocks of Markdown and XML bodies: headings, quotes, lists, code, figures,
/// tables.
std::string block_style_sheet(const Style& style, bool rtl) {
    const double base = style.body.size;
    auto em = [&](double pt) { return num(pt / base) + "em"; };
    auto rel = [&](const FontRole& r) { return num(r.size / base) + "em"; };
    auto lh = [](const FontRole& r) { return num(r.leading / r.size); };
    const char* start = rtl ? "right" : "left";
    std::string css;
    auto heading = [&](const char* tag, const FontRole& r) {
        css += std::string(tag) + " {\n  font-size: " + rel(r) + ";\n  line-height: " + lh(r) +
               ";\n  font-weight: bold;\n  margin: " + em(style.heading_space_before) + " 0 " +
               em(style.heading_space_after) + " 0;\n  text-align: " + start +
               ";\n  page-break-after: avoid;\n  hyphens: manual;\n  -epub-hyphens: manual;\n}\n";
    };
    heading("section.article h2", style.heading1);
    heading("section.article h3", style.heading2);
    heading("section.article h4, section.article h5, section.article h6", style.heading3);
    css += "section.article blockquote {\n  font-size: " + rel(style.quote) +
           ";\n  line-height: " + lh(style.quote) + ";\n  margin: " + em(style.block_space) + " " +
           em(style.quote_indent) + ";\n}\n";
    css += "section.article ul, section.article ol {\n  margin: " + em(style.block_space) +
           " 0;\n  padding-" + start + ": " + em(style.list_indent) + ";\n}\n";
    css += "section.article li > p + p {\n  text-indent: 0;\n  margin-top: 0.3em;\n}\n";
    css += "pre {\n  font-size: " + rel(style.code) + ";\n  line-height: " + lh(style.code) +
           ";\n  margin: " + em(style.block_space) +
           " 0;\n  white-space: pre-wrap;\n  text-align: left;\n}\n";
    css += "code {\n  font-family: \"Noto Sans Mono\", \"DejaVu Sans Mono\", monospace;\n}\n";
    css += "figure {\n  margin: " + em(style.block_space) +
           " 0;\n  text-align: center;\n  page-break-inside: avoid;\n}\n";
    css += "figure img {\n  max-width: 100%;\n}\n";
    css += "img.bio-photo {\n  display: block;\n  height: 5em;\n  margin: 0.4em 0;\n}\n";
    css += "figcaption {\n  font-size: " + rel(style.note) + ";\n  line-height: " + lh(style.note) +
           ";\n  font-style: italic;\n  margin-top: 0.4em;\n}\n";
    css += "table {\n  border-collapse: collapse;\n  margin: " + em(style.block_space) +
           " auto;\n  font-size: " + rel(style.note) + ";\n  line-height: " + lh(style.note) +
           ";\n}\n";
    css += "th, td {\n  padding: 0.2em 0.6em;\n  vertical-align: top;\n  text-align: " +
           std::string(start) + ";\n}\n";
    const std::string rule = hex(style.rule_color);
    css += "thead tr {\n  border-bottom: " + num(style.note_rule_thickness) + "pt solid " + rule +
           ";\n}\n";
    css += "table {\n  border-top: " + num(style.note_rule_thickness * 2) + "pt solid " + rule +
           ";\n  border-bottom: " + num(style.note_rule_thickness * 2) + "pt solid " + rule +
           ";\n}\n";
    css += "th.left, td.left {\n  text-align: left;\n}\n";
    css += "th.center, td.center {\n  text-align: center;\n}\n";
    css += "th.right, td.right {\n  text-align: right;\n}\n";
    return css;
}

}  // namespace

std::string style_sheet(const Style& style, const std::vector<std::string>& body_families,
                        const std::vector<CssFont>& embedded, bool rtl,
                        const std::vector<LangFamilies>& lang_families) {
    const double base = style.body.size;
    auto em = [&](double pt) { return num(pt / base) + "em"; };
    auto rel = [&](const FontRole& r) { return num(r.size / base) + "em"; };
    auto lh = [](const FontRole& r) { return num(r.leading / r.size); };
    const char* start = rtl ? "right" : "left";

    // The name goes into a comment: a "*/" in it must not end the comment.
    std::string name = style.name;
    for (std::size_t at; (at = name.find("*/")) != std::string::npos;) name.replace(at, 2, "* /");
    std::string css = "/* quire: style '" + name + "' */\n";
    for (const auto& f : embedded) {
        if (f.file.empty()) continue;
        css += "@font-face {\n  font-family: " + quoted(f.family) + ";\n";
        css += std::string("  font-weight: ") + (f.bold ? "bold" : "normal") + ";\n";
        css += std::string("  font-style: ") + (f.italic ? "italic" : "normal") + ";\n";
        css += "  src: url(\"" + f.file + "\");\n}\n";
    }
    std::string families;
    for (const auto& f : body_families) families += quoted(f) + ", ";
    families += (style.body.chain.rfind("sans", 0) == 0 ? "sans-serif" : "serif");

    css += "html, body {\n  margin: 0;\n  padding: 0;\n}\n";
    css += "body {\n  font-family: " + families + ";\n  color: " + hex(style.text_color) +
           ";\n  line-height: " + lh(style.body) + ";\n  widows: " + std::to_string(style.widows) +
           ";\n  orphans: " + std::to_string(style.orphans) + ";\n}\n";
    for (const auto& lf : lang_families) {
        std::string fams;
        for (const auto& f : lf.families) fams += quoted(f) + ", ";
        fams += (style.body.chain == "sans" ? "sans-serif" : "serif");
        css += ":lang(" + lf.lang + ") {\n  font-family: " + fams + ";\n}\n";
    }
    css += "p {\n  margin: 0;\n  text-align: " + std::string(style.justify ? "justify" : start) +
           ";\n  -epub-hyphens: auto;\n  hyphens: auto;\n}\n";
    // Kashida (layout/kashida): reading systems that can lengthen Arabic joins do so under
    // text-justify: auto, the default; Urdu never takes them (and no language does with
    // kashida off), which inter-word says.
    if (style.justify)
        css += std::string(style.kashida > 0 ? ":lang(ur), :lang(ks)"
                                             : ":lang(ar), :lang(fa), :lang(ps), :lang(ckb), "
                                               ":lang(sd), :lang(ug), :lang(ur), :lang(ks)") +
               " {\n  text-justify: inter-word;\n}\n";
    css += "section.article > p + p {\n  text-indent: " + em(style.paragraph_indent) + ";\n";
    if (style.paragraph_space > 0) css += "  margin-top: " + em(style.paragraph_space) + ";\n";
    css += "}\n";
    css += "a {\n  color: " + hex(style.link_color) + ";\n}\n";
    // The navigation's lists are titles (numbered when the headings are), not counted items.
    css += std::string("nav ol {\n  list-style-type: none;\n  padding-") + start + ": 1em;\n}\n";
    css += "hr {\n  border: 0;\n  border-top: " + num(style.note_rule_thickness) + "pt solid " +
           hex(style.rule_color) + ";\n}\n";
    css += "header.title-block {\n  margin: 0 0 " + em(style.title_space_after) + " 0;\n}\n";
    css += "h1.title {\n  font-size: " + rel(style.title) + ";\n  line-height: " + lh(style.title) +
           ";\n  font-weight: bold;\n  margin: 0;\n  text-align: " + start +
           ";\n  hyphens: manual;\n  -epub-hyphens: manual;\n}\n";
    css += "p.subtitle {\n  font-size: " + num(style.byline.size * 1.2 / base) +
           "em;\n  line-height: 1.3;\n  margin-top: 0.3em;\n  text-align: " + start + ";\n}\n";
    css += "p.byline {\n  font-size: " + rel(style.byline) +
           ";\n  line-height: " + lh(style.byline) +
           ";\n  font-style: italic;\n  margin-top: 0.5em;\n  text-align: " + start + ";\n}\n";
    css += "p.translations {\n  font-size: " + rel(style.meta) +
           ";\n  line-height: " + lh(style.meta) +
           ";\n  margin-top: 0.5em;\n  text-align: " + start + ";\n}\n";
    css += "span.translation {\n  font-style: italic;\n}\n";
    // Note marks: the link itself is raised (no element inside it, for Apple Books' pop-ups).
    css += "a.noteref, span.noteref {\n  font-size: " + num(style.superscript_scale) +
           "em;\n  vertical-align: super;\n  line-height: 0;\n  text-decoration: none;\n}\n";
    css += "a.noteref + a.noteref:before {\n  content: \",\";\n}\n";
    css += "section.notes {\n  font-size: " + rel(style.note) +
           ";\n  line-height: " + lh(style.note) +
           ";\n  margin-top: " + em(style.note_space_before * 2) + ";\n}\n";
    css += "section.notes h2 {\n  font-size: 1em;\n  font-weight: bold;\n  margin: 0 0 " +
           em(style.note_rule_gap) + " 0;\n}\n";
    css +=
        "aside.footnote {\n  margin: 0 0 " + num(style.note_gap / style.note.size) + "em 0;\n}\n";
    css += "aside.footnote p {\n  text-indent: 0;\n}\n";
    css += ".note-number {\n  text-decoration: none;\n  margin-" +
           std::string(rtl ? "left" : "right") + ": 0.25em;\n}\n";
    css += "section.bio {\n  font-size: " + rel(style.bio) + ";\n  line-height: " + lh(style.bio) +
           ";\n  margin-top: " + em(style.bio_space_before) + ";\n}\n";
    css += "section.bio:before {\n  content: \"\";\n  display: block;\n  width: " +
           num(style.bio_rule_width / style.bio.size) +
           "em;\n  border-top: " + num(style.note_rule_thickness) + "pt solid " +
           hex(style.rule_color) + ";\n  margin-bottom: 0.75em;\n}\n";
    css += "h2.bio-name {\n  font-size: 1em;\n  font-weight: bold;\n  margin: 0;\n  text-align: " +
           std::string(start) + ";\n  page-break-after: avoid;\n}\n";
    css += "section.bio p {\n  text-indent: 0;\n}\n";
    css += block_style_sheet(style, rtl);
    return css;
}

std::string report_style_sheet(const Style& style) {
    const std::string rule = hex(style.rule_color);
    const std::string border = num(style.note_rule_thickness) + "pt solid " + rule;
    std::string css;
    css += "section.summary {\n  border-top: " + border + ";\n  border-bottom: " + border +
           ";\n  margin: 1em 0;\n  padding: 0.3em 0;\n}\n";
    css += "section.summary h2 {\n  font-size: 1em;\n  margin: 0.3em 0;\n}\n";
    css += "section.imprint {\n  font-size: " + num(style.meta.size / style.body.size) +
           "em;\n  margin-top: 3em;\n}\n";
    css += "section.imprint p, p.bio-contact {\n  text-indent: 0;\n  margin: 0.2em 0;\n}\n";
    // The cover page: the image alone, whole, centred on the screen.
    css += "body.cover {\n  margin: 0;\n  padding: 0;\n}\n";
    css += "section.cover {\n  margin: 0;\n  padding: 0;\n  text-align: center;\n}\n";
    css += "section.cover img {\n  max-width: 100%;\n  max-height: 100vh;\n  height: auto;\n}\n";
    return css;
}

}  // namespace quire::inline v0::epub

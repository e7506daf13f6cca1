// epub/package: container.xml, the package document, the navigation documents, and the whole
// EPUB put together (see epub.hpp).
#include "base/sha256.hpp"
#include "epub/epub.hpp"
#include "epub/xml.hpp"
#include "model/labels.hpp"

#include <cstdio>
#include <ctime>

namespace quire::epub {

namespace {

using labels::Label;

/// "2024-05-01T12:00:00Z": dcterms:modified wants UTC without fractions.
std::string iso_utc(std::int64_t t) {
    const std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

/// The article's date when it is a plain ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD).
std::string dc_date(const std::string& d) {
    auto digits = [&](std::size_t from, std::size_t n) {
        if (d.size() < from + n) return false;
        for (std::size_t i = from; i < from + n; ++i)
            if (d[i] < '0' || d[i] > '9') return false;
        return true;
    };
    if (d.size() == 10 && digits(0, 4) && d[4] == '-' && digits(5, 2) && d[7] == '-' &&
        digits(8, 2))
        return d;
    if (d.size() == 7 && digits(0, 4) && d[4] == '-' && digits(5, 2)) return d;
    if (d.size() == 4 && digits(0, 4)) return d;
    return {};
}

std::string container_xml() {
    Xml x;
    x.header(false);
    x.open("container",
           {{"version", "1.0"}, {"xmlns", "urn:oasis:names:tc:opendocument:xmlns:container"}});
    x.nl();
    x.open("rootfiles");
    x.nl();
    x.empty("rootfile",
            {{"full-path", "EPUB/package.opf"}, {"media-type", "application/oebps-package+xml"}});
    x.end();
    x.end();
    return x.str();
}

/// A navigation entry: label and target in article.xhtml.
struct NavEntry {
    std::string label, href;
};

std::vector<NavEntry> nav_entries(const Article& a) {
    std::vector<NavEntry> v{{a.title, "article.xhtml#title"}};
    if (!a.notes.empty())
        v.push_back({std::string(labels::get(Label::notes, a.lang)), "article.xhtml#notes"});
    if (a.bio)
        v.push_back({std::string(labels::get(Label::about_author, a.lang)), "article.xhtml#bio"});
    return v;
}

std::string nav_xhtml(const Article& a) {
    Xml x;
    x.xhtml_start(a.lang, labels::is_rtl_language(a.lang), a.title);
    x.open("nav", {{"epub:type", "toc"},
                   {"role", "doc-toc"},
                   {"id", "toc"},
                   {"aria-labelledby", "toc-title"}});
    x.nl();
    x.element("h1", labels::get(Label::contents, a.lang), {{"id", "toc-title"}});
    x.nl();
    x.open("ol");
    x.nl();
    for (const auto& e : nav_entries(a)) {
        x.open("li");
        x.element("a", e.label, {{"href", e.href}});
        x.end();
    }
    x.end();  // ol
    x.end();  // nav
    x.open("nav", {{"epub:type", "landmarks"},
                   {"id", "landmarks"},
                   {"hidden", "hidden"},
                   {"aria-label", "Landmarks"}});
    x.nl();
    x.open("ol");
    x.open("li");
    x.element("a", a.title, {{"epub:type", "bodymatter"}, {"href", "article.xhtml"}});
    x.close();
    x.end();
    x.end();  // nav
    return x.xhtml_end();
}

std::string toc_ncx(const Article& a, const std::string& id) {
    Xml x;
    x.header(false);
    x.open("ncx", {{"xmlns", "http://www.daisy.org/z3986/2005/ncx/"},
                   {"version", "2005-1"},
                   {"xml:lang", a.lang}});
    x.nl();
    x.open("head");
    x.nl();
    const std::pair<const char*, std::string> metas[] = {{"dtb:uid", id},
                                                         {"dtb:depth", "1"},
                                                         {"dtb:totalPageCount", "0"},
                                                         {"dtb:maxPageNumber", "0"}};
    for (const auto& [name, content] : metas) {
        x.empty("meta", {{"name", name}, {"content", content}});
    }
    x.end();
    x.open("docTitle");
    x.element("text", a.title);
    x.end();
    for (const auto& n : a.authors) {
        x.open("docAuthor");
        x.element("text", n);
        x.end();
    }
    x.open("navMap");
    x.nl();
    int order = 0;
    for (const auto& e : nav_entries(a)) {
        ++order;
        x.open("navPoint",
               {{"id", "np-" + std::to_string(order)}, {"playOrder", std::to_string(order)}});
        x.open("navLabel");
        x.element("text", e.label);
        x.close();
        x.open("content", {{"src", e.href}});
        x.close();
        x.end();
    }
    x.end();  // navMap
    x.end();  // ncx
    return x.str();
}

std::string package_opf(const Article& a, const std::string& id, const Settings& s,
                        const std::vector<Resource>& resources) {
    Xml x;
    x.header(false);
    x.open("package", {{"xmlns", "http://www.idpf.org/2007/opf"},
                       {"version", "3.0"},
                       {"unique-identifier", "pub-id"},
                       {"xml:lang", a.lang}});
    if (labels::is_rtl_language(a.lang)) x.attr("dir", "rtl");
    x.nl();
    x.open("metadata", {{"xmlns:dc", "http://purl.org/dc/elements/1.1/"}});
    x.nl();
    x.element("dc:identifier", id, {{"id", "pub-id"}});
    x.nl();
    x.element("dc:title", a.title, {{"id", "title"}});
    x.nl();
    for (std::size_t i = 0; i < a.authors.size(); ++i) {
        const std::string cid = "creator-" + std::to_string(i + 1);
        x.element("dc:creator", a.authors[i], {{"id", cid}});
        x.nl();
        x.element("meta", "aut",
                  {{"refines", "#" + cid}, {"property", "role"}, {"scheme", "marc:relators"}});
        x.nl();
    }
    x.element("dc:language", a.lang);
    x.nl();
    if (const std::string d = dc_date(a.date); !d.empty()) {
        x.element("dc:date", d);
        x.nl();
    }
    x.element("meta", iso_utc(s.timestamp), {{"property", "dcterms:modified"}});
    x.nl();
    // EPUB Accessibility 1.1 discovery metadata.
    const std::pair<const char*, const char*> a11y[] = {
        {"schema:accessMode", "textual"},
        {"schema:accessModeSufficient", "textual"},
        {"schema:accessibilityFeature", "structuralNavigation"},
        {"schema:accessibilityFeature", "tableOfContents"},
        {"schema:accessibilityFeature", "readingOrder"},
        {"schema:accessibilityFeature", "displayTransformability"},
        {"schema:accessibilityHazard", "none"},
        {"schema:accessibilitySummary",
         "Text-only publication in reading order, with headings, a table of contents, languages "
         "marked on every passage that changes language, and footnotes linked both ways."},
        {"dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"},
    };
    for (const auto& [prop, value] : a11y) {
        x.element("meta", value, {{"property", prop}});
        x.nl();
    }
    x.end();  // metadata
    x.open("manifest");
    x.nl();
    for (const auto& r : resources) {
        if (r.id.empty()) continue;  // container files
        x.open("item", {{"id", r.id}, {"href", r.path}, {"media-type", r.media_type}});
        if (!r.properties.empty()) x.attr("properties", r.properties);
        x.end();
    }
    x.end();  // manifest
    x.open("spine", {{"toc", "ncx"}});
    if (labels::is_rtl_language(a.lang)) x.attr("page-progression-direction", "rtl");
    x.nl();
    x.empty("itemref", {{"idref", "article"}});
    x.end();  // spine
    x.end();  // package
    return x.str();
}

void hash_paragraph(Sha256& h, const Paragraph& p) {
    for (const auto& in : p.content) {
        if (const auto* t = std::get_if<Text>(&in)) {
            h.update(t->text);
            h.update(t->lang);
        } else if (const auto* r = std::get_if<NoteRef>(&in)) {
            h.update("[").update(std::to_string(r->number)).update("]");
        }
    }
    h.update(std::string_view("\0", 1));
}

}  // namespace

std::string derived_identifier(const Article& a) {
    Sha256 h;
    const std::string_view sep("\0", 1);
    h.update("quire-epub-id-1").update(sep).update(a.title).update(sep).update(a.lang).update(sep);
    for (const auto& n : a.authors) h.update(n).update(sep);
    for (const auto& p : a.body) hash_paragraph(h, p);
    for (const auto& n : a.notes) {
        h.update(std::to_string(n.number)).update(sep);
        for (const auto& p : n.paragraphs) hash_paragraph(h, p);
    }
    if (a.bio) {
        h.update(a.bio->name).update(sep);
        for (const auto& p : a.bio->paragraphs) hash_paragraph(h, p);
    }
    auto d = h.digest();
    d[6] = static_cast<std::uint8_t>((d[6] & 0x0F) | 0x80);  // version 8
    d[8] = static_cast<std::uint8_t>((d[8] & 0x3F) | 0x80);  // variant 10
    static const char* hex = "0123456789abcdef";
    std::string s = "urn:uuid:";
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
        s += hex[d[static_cast<std::size_t>(i)] >> 4];
        s += hex[d[static_cast<std::size_t>(i)] & 15];
    }
    return s;
}

std::string build(const Article& a, const Style& style, text::FontBook& fonts, const Settings& s) {
    const std::string id = s.identifier.empty() ? derived_identifier(a) : s.identifier;
    std::vector<Resource> fonts_res;
    std::vector<std::string> families;
    std::vector<LangFamilies> lang_families;
    std::vector<CssFont> embedded;
    choose_fonts(a, style, fonts, s.fonts, families, lang_families, embedded, fonts_res);

    std::vector<Resource> files;
    files.push_back({"mimetype", "", "", "", "application/epub+zip"});
    files.push_back({"META-INF/container.xml", "", "", "", container_xml()});
    // Manifest entries: paths relative to EPUB/.
    std::vector<Resource> items;
    items.push_back({"nav.xhtml", "application/xhtml+xml", "nav", "nav", nav_xhtml(a)});
    items.push_back({"toc.ncx", "application/x-dtbncx+xml", "ncx", "", toc_ncx(a, id)});
    items.push_back(
        {"article.xhtml", "application/xhtml+xml", "article", "", content_document(a, style)});
    items.push_back(
        {"style.css", "text/css", "css", "",
         style_sheet(style, families, embedded, labels::is_rtl_language(a.lang), lang_families)});
    for (auto& f : fonts_res) items.push_back(std::move(f));

    files.push_back({"EPUB/package.opf", "", "", "", package_opf(a, id, s, items)});
    for (auto& r : items) {
        r.path = "EPUB/" + r.path;
        files.push_back(std::move(r));
    }
    return zip_container(files, s.timestamp);
}

}  // namespace quire::epub

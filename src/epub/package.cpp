// epub/package: container.xml, the package document, the navigation documents, and the whole
// EPUB put together (see epub.hpp).
#include "base/lang_tag.hpp"
#include "base/sha256.hpp"
#include "base/utc.hpp"
#include "epub/epub.hpp"
#include "epub/xml.hpp"
#include "model/labels.hpp"
#include "model/numbering.hpp"

#include <algorithm>
#include <cstdio>

namespace quire::inline v0::epub {

using labels::Label;

std::string iso_utc(std::int64_t t) {
    return utc::format(t, "%Y-%m-%dT%H:%M:%SZ");
}

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

std::string uuid_urn(const std::array<std::uint8_t, 32>& digest) {
    auto d = digest;
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

namespace {

/// An entry of the navigation documents, with the entries below it.
struct NavEntry {
    std::string label, href;
    std::string lang;  ///< the label's language, when it differs from the publication's
    std::vector<NavEntry> children;
};

/// A landmark: its epub:type, label and target.
struct Landmark {
    std::string type, label, href;
};

/// What the package document, the nav and the NCX say of the publication.
struct PackageInfo {
    std::string id, title, lang, date;
    bool rtl = false;
    /// dc:creator entries: name and MARC relator ("aut", "edt").
    std::vector<std::pair<std::string, std::string>> creators;
    std::vector<std::string> contributors;  ///< dc:contributor, relator "aut"
    std::vector<std::string> other_langs;   ///< further dc:language entries
    std::vector<std::string> subjects;      ///< dc:subject entries (keywords)
    /// A report's publication data (Article::publication): dc:publisher, dc:rights,
    /// dc:description (the summary), further dc:identifier entries (ISBN, ISSN, DOI) and the
    /// series as a belongs-to-collection with its number.
    std::string publisher, rights, description, series, series_number;
    std::vector<std::string> identifiers;
    std::vector<std::string> spine;  ///< manifest ids in reading order
    std::vector<NavEntry> toc;
    std::vector<Landmark> landmarks;
};

/// The entries of one article: its title, with its notes and author below it.
NavEntry article_entry(const Article& a, const Style& style, const std::string& file,
                       const std::string& pub_lang) {
    NavEntry e{a.title, file + "#title", a.lang == pub_lang ? "" : a.lang, {}};
    // Headings: level 1 below the title, level 2 below the level 1 before it; numbered as in
    // the text when the style numbers them.
    const model::Numbering numbering =
        model::number_blocks(a, style.number_headings, false, style.heading_number_format);
    int heading_no = 0;
    for (std::size_t i = 0; i < a.body.size(); ++i) {
        const Paragraph& p = a.body[i];
        if (p.heading == 0) continue;
        std::string href = file;
        href += "#h-";
        href += std::to_string(++heading_no);
        std::string text = p.plain_text();
        if (!numbering.number[i].empty()) text = numbering.number[i] + "\u2002" + text;
        NavEntry h{std::move(text), href, e.lang, {}};
        if (p.heading >= 2 && !e.children.empty())
            e.children.back().children.push_back(std::move(h));
        else if (p.heading <= 2)
            e.children.push_back(std::move(h));
    }
    if (!a.notes.empty())
        e.children.push_back(
            {std::string(labels::get(Label::notes, a.lang)), file + "#notes", e.lang, {}});
    // The authors' blocks: one entry for them all ("About the authors" when several).
    const auto blocks = std::count_if(a.bios.begin(), a.bios.end(),
                                      [](const AuthorBio& b) { return b.has_details(); });
    if (blocks > 0)
        e.children.push_back({std::string(labels::get(
                                  blocks > 1 ? Label::about_authors : Label::about_author, a.lang)),
                              file + "#bio",
                              e.lang,
                              {}});
    return e;
}

void nav_list(Xml& x, const std::vector<NavEntry>& entries, bool pub_rtl) {
    x.open("ol");
    x.nl();
    for (const auto& e : entries) {
        x.open("li");
        x.open("a", {{"href", e.href}});
        if (!e.lang.empty()) {
            x.attr("lang", e.lang);
            x.attr("xml:lang", e.lang);
            if (lang_tag::is_rtl(e.lang) != pub_rtl) x.attr("dir", pub_rtl ? "ltr" : "rtl");
        }
        x.text(e.label);
        x.close();
        if (!e.children.empty()) {
            x.nl();
            nav_list(x, e.children, pub_rtl);
        }
        x.end();
    }
    x.end();
}

std::string nav_xhtml(const PackageInfo& p) {
    Xml x;
    x.xhtml_start(p.lang, p.rtl, p.title);
    x.open("nav", {{"epub:type", "toc"},
                   {"role", "doc-toc"},
                   {"id", "toc"},
                   {"aria-labelledby", "toc-title"}});
    x.nl();
    x.element("h1", labels::get(Label::contents, p.lang), {{"id", "toc-title"}});
    x.nl();
    nav_list(x, p.toc, p.rtl);
    x.end();  // nav
    x.open("nav", {{"epub:type", "landmarks"},
                   {"id", "landmarks"},
                   {"hidden", "hidden"},
                   {"aria-label", "Landmarks"}});
    x.nl();
    x.open("ol");
    for (const auto& l : p.landmarks) {
        x.open("li");
        x.element("a", l.label, {{"epub:type", l.type}, {"href", l.href}});
        x.close();
    }
    x.end();
    x.end();  // nav
    return x.xhtml_end();
}

int nav_depth(const std::vector<NavEntry>& entries) {
    int d = 0;
    for (const auto& e : entries) d = std::max(d, 1 + nav_depth(e.children));
    return d;
}

void ncx_points(Xml& x, const std::vector<NavEntry>& entries, int& order) {
    for (const auto& e : entries) {
        ++order;
        x.open("navPoint",
               {{"id", "np-" + std::to_string(order)}, {"playOrder", std::to_string(order)}});
        x.open("navLabel");
        x.element("text", e.label);
        x.close();
        x.open("content", {{"src", e.href}});
        x.close();
        if (!e.children.empty()) {
            x.nl();
            ncx_points(x, e.children, order);
        }
        x.end();
    }
}

std::string toc_ncx(const PackageInfo& p) {
    Xml x;
    x.header(false);
    x.open("ncx", {{"xmlns", "http://www.daisy.org/z3986/2005/ncx/"},
                   {"version", "2005-1"},
                   {"xml:lang", p.lang}});
    x.nl();
    x.open("head");
    x.nl();
    const std::pair<const char*, std::string> metas[] = {
        {"dtb:uid", p.id},
        {"dtb:depth", std::to_string(std::max(1, nav_depth(p.toc)))},
        {"dtb:totalPageCount", "0"},
        {"dtb:maxPageNumber", "0"}};
    for (const auto& [name, content] : metas) {
        x.empty("meta", {{"name", name}, {"content", content}});
    }
    x.end();
    x.open("docTitle");
    x.element("text", p.title);
    x.end();
    for (const auto& c : p.creators) {
        x.open("docAuthor");
        x.element("text", c.first);
        x.end();
    }
    x.open("navMap");
    x.nl();
    int order = 0;
    ncx_points(x, p.toc, order);
    x.end();  // navMap
    x.end();  // ncx
    return x.str();
}

std::string package_opf(const PackageInfo& p, const Settings& s,
                        const std::vector<Resource>& resources) {
    Xml x;
    x.header(false);
    x.open("package", {{"xmlns", "http://www.idpf.org/2007/opf"},
                       {"version", "3.0"},
                       {"unique-identifier", "pub-id"},
                       {"xml:lang", p.lang}});
    if (p.rtl) x.attr("dir", "rtl");
    x.nl();
    x.open("metadata", {{"xmlns:dc", "http://purl.org/dc/elements/1.1/"}});
    x.nl();
    x.element("dc:identifier", p.id, {{"id", "pub-id"}});
    x.nl();
    x.element("dc:title", p.title, {{"id", "title"}});
    x.nl();
    auto person = [&](const char* element, const std::string& id, const std::string& name,
                      const std::string& role) {
        x.element(element, name, {{"id", id}});
        x.nl();
        x.element("meta", role,
                  {{"refines", "#" + id}, {"property", "role"}, {"scheme", "marc:relators"}});
        x.nl();
    };
    for (std::size_t i = 0; i < p.creators.size(); ++i)
        person("dc:creator", "creator-" + std::to_string(i + 1), p.creators[i].first,
               p.creators[i].second);
    for (std::size_t i = 0; i < p.contributors.size(); ++i)
        person("dc:contributor", "contributor-" + std::to_string(i + 1), p.contributors[i], "aut");
    x.element("dc:language", p.lang);
    x.nl();
    for (const auto& l : p.other_langs) {
        x.element("dc:language", l);
        x.nl();
    }
    for (const auto& k : p.subjects) {
        x.element("dc:subject", k);
        x.nl();
    }
    if (const std::string d = dc_date(p.date); !d.empty()) {
        x.element("dc:date", d);
        x.nl();
    }
    for (const auto& [element, value] :
         {std::pair{"dc:publisher", &p.publisher}, std::pair{"dc:rights", &p.rights},
          std::pair{"dc:description", &p.description}})
        if (!value->empty()) {
            x.element(element, *value);
            x.nl();
        }
    for (const auto& id : p.identifiers) {
        x.element("dc:identifier", id);
        x.nl();
    }
    if (!p.series.empty()) {
        x.element("meta", p.series, {{"property", "belongs-to-collection"}, {"id", "series"}});
        x.nl();
        x.element("meta", "series", {{"refines", "#series"}, {"property", "collection-type"}});
        x.nl();
        // group-position is a number ("12", "3.1"); "2026/3" stays in the title page's text.
        if (!p.series_number.empty() &&
            p.series_number.find_first_not_of("0123456789.") == std::string::npos &&
            p.series_number.find_first_of("0123456789") == 0) {
            x.element("meta", p.series_number,
                      {{"refines", "#series"}, {"property", "group-position"}});
            x.nl();
        }
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
    if (p.rtl) x.attr("page-progression-direction", "rtl");
    x.nl();
    for (const auto& id : p.spine) x.empty("itemref", {{"idref", id}});
    x.end();  // spine
    x.end();  // package
    return x.str();
}

/// The container: mimetype, container.xml, the package document, then `items` (paths
/// relative to EPUB/) with the nav and the NCX first.
Result<std::string> assemble(const PackageInfo& p, const Settings& s, std::vector<Resource> items) {
    items.insert(items.begin(), {{"nav.xhtml", "application/xhtml+xml", "nav", "nav", nav_xhtml(p)},
                                 {"toc.ncx", "application/x-dtbncx+xml", "ncx", "", toc_ncx(p)}});
    std::vector<Resource> files;
    files.push_back({"mimetype", "", "", "", "application/epub+zip"});
    files.push_back({"META-INF/container.xml", "", "", "", container_xml()});
    files.push_back({"EPUB/package.opf", "", "", "", package_opf(p, s, items)});
    for (auto& r : items) {
        r.path = "EPUB/" + r.path;
        files.push_back(std::move(r));
    }
    return zip_container(files, s.timestamp);
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
    for (const AuthorBio& bio : a.bios) {
        h.update(bio.name).update(sep);
        for (const auto& p : bio.paragraphs) hash_paragraph(h, p);
    }
    return uuid_urn(h.digest());
}

namespace {

/// The error of an EPUB entry point for `d` (an error without a place): "EPUB writer failed: …"
/// at `where`, as the library boundary words an exception of a stage.
Diagnostic writer_error(const std::string& where, const Diagnostic& d) {
    return make_error({where}, "EPUB writer failed: " + d.message);
}

/// A report's publication data in the package's terms.
void publication_info(const Article& a, PackageInfo& p) {
    const Publication& pub = a.publication;
    p.publisher = pub.organisation;
    p.rights = pub.licence;
    for (const auto& para : pub.summary) {
        if (!p.description.empty()) p.description += "\n\n";
        p.description += para.plain_text();
    }
    if (!pub.isbn.empty()) {
        std::string digits;
        for (char c : pub.isbn)
            if (c != '-' && c != ' ') digits += c;
        p.identifiers.push_back("urn:isbn:" + digits);
    }
    if (!pub.issn.empty()) p.identifiers.push_back("urn:issn:" + pub.issn);
    if (!pub.doi.empty()) p.identifiers.push_back("https://doi.org/" + pub.doi);
    p.series = pub.series;
    p.series_number = pub.number;
}

/// build() with its error without a place.
Result<std::string> build_epub(const Article& a, const Style& style, text::FontBook& fonts,
                               const Settings& s) {
    PackageInfo p;
    p.id = s.identifier.empty() ? derived_identifier(a) : s.identifier;
    p.title = a.title;
    p.lang = a.lang;
    p.date = a.date;
    p.rtl = lang_tag::is_rtl(a.lang);
    for (const auto& n : a.authors) p.creators.emplace_back(n, "aut");
    p.subjects = a.keywords;
    publication_info(a, p);
    p.spine = {"article"};
    p.toc.push_back(article_entry(a, style, "article.xhtml", a.lang));
    // The article's own parts are top-level entries of its navigation.
    for (auto& c : p.toc.front().children) p.toc.push_back(std::move(c));
    p.toc.front().children.clear();
    p.landmarks.push_back({"bodymatter", a.title, "article.xhtml"});

    std::vector<Resource> fonts_res;
    std::vector<std::string> families;
    std::vector<LangFamilies> lang_families;
    std::vector<CssFont> embedded;
    QUIRE_TRY(choose_fonts(a, style, fonts, s.fonts, families, lang_families, embedded, fonts_res));
    std::vector<Resource> items;
    if (a.publication.cover) {
        // The cover image as the book's first page (reading systems show it as the cover).
        items.push_back({"cover.xhtml", "application/xhtml+xml", "cover", "", cover_document(a)});
        p.spine.insert(p.spine.begin(), "cover");
        p.landmarks.insert(p.landmarks.begin(), {"cover", a.title, "cover.xhtml"});
    }
    items.push_back(
        {"article.xhtml", "application/xhtml+xml", "article", "", content_document(a, style)});
    QUIRE_TRY_ASSIGN(std::vector<Resource> images, image_resources(a, ""));
    for (auto& im : images) items.push_back(std::move(im));
    std::string css = style_sheet(style, families, embedded, p.rtl, lang_families);
    if (!a.publication.empty()) css += report_style_sheet(style);
    items.push_back({"style.css", "text/css", "css", "", std::move(css)});
    for (auto& f : fonts_res) items.push_back(std::move(f));
    return assemble(p, s, std::move(items));
}

}  // namespace

Result<std::string> build(const Article& a, const Style& style, text::FontBook& fonts,
                          const Settings& s) {
    auto epub = build_epub(a, style, fonts, s);
    if (!epub) return writer_error(a.source, epub.error());
    return epub;
}

namespace {

/// stream_collection() with its error without a place.
Result<Unit> write_collection_epub(const CollectionInfo& info, std::size_t count,
                                   const std::function<const Article&(std::size_t)>& load,
                                   const Style& style, text::FontBook& fonts, const Settings& s,
                                   const std::function<void(std::string_view)>& sink) {
    PackageInfo p;
    p.title = info.title;
    p.lang = info.lang;
    p.date = info.date;
    p.rtl = lang_tag::is_rtl(info.lang);
    for (const auto& e : info.editors) p.creators.emplace_back(e, "edt");
    // The identifier derived from the title and every article's.
    Sha256 h;
    const std::string_view sep("\0", 1);
    h.update("quire-epub-collection-id-1").update(sep).update(info.title).update(sep);
    for (const auto& e : info.editors) h.update(e).update(sep);
    TextByStyle text;
    const std::string& fl = info.lang;
    add_publication_text(text, {true, false}, fl, info.title);
    add_publication_text(text, {}, fl, info.subtitle);
    add_publication_text(text, {}, fl, info.date);
    add_publication_text(text, {false, true}, fl, labels::get(Label::edited_by, info.lang));
    for (const auto& e : info.editors) add_publication_text(text, {false, true}, fl, e);
    add_publication_text(text, {true, false}, fl, labels::get(Label::contents, info.lang));

    // The articles' documents and images go out as they are made; what the package document,
    // the navigation and the fonts need of them is kept (entries without their data), and
    // those follow the articles. Only `mimetype` must come first (OCF 4.3).
    ZipWriter zip(sink, s.timestamp);
    QUIRE_TRY(zip.add("mimetype", "application/epub+zip"));
    QUIRE_TRY(zip.add("META-INF/container.xml", container_xml()));
    std::vector<Resource> items;  // the manifest, in its order (without the nav and the NCX)
    auto put = [&](Resource r) -> Result<Unit> {
        QUIRE_TRY(zip.add("EPUB/" + r.path, r.data));
        std::string().swap(r.data);
        items.push_back(std::move(r));
        return Unit{};
    };
    QUIRE_TRY(put(
        {"title.xhtml", "application/xhtml+xml", "titlepage", "", collection_title_page(info)}));
    p.spine = {"titlepage", "nav"};
    std::string first_title;
    for (std::size_t i = 0; i < count; ++i) {
        const Article& a = load(i);
        const std::string n = std::to_string(i + 1);
        std::string file = "article-";
        file += n;
        file += ".xhtml";
        std::string id = "article-";
        id += n;
        std::string prefix = "a";
        prefix += n;
        prefix += '-';
        QUIRE_TRY(put({file, "application/xhtml+xml", id, "", content_document(a, style, prefix)}));
        QUIRE_TRY_ASSIGN(std::vector<Resource> images, image_resources(a, prefix));
        for (auto& im : images) QUIRE_TRY(put(std::move(im)));
        p.spine.push_back(id);
        p.toc.push_back(article_entry(a, style, file, info.lang));
        h.update(derived_identifier(a)).update(sep);
        for (const auto& au : a.authors)
            if (std::find(p.contributors.begin(), p.contributors.end(), au) == p.contributors.end())
                p.contributors.push_back(au);
        if (a.lang != info.lang && !a.lang.empty() &&
            std::find(p.other_langs.begin(), p.other_langs.end(), a.lang) == p.other_langs.end())
            p.other_langs.push_back(a.lang);
        add_publication_text(text, a);
        if (i == 0) first_title = a.title;
    }
    p.id = s.identifier.empty() ? uuid_urn(h.digest()) : s.identifier;
    p.landmarks.push_back({"titlepage", info.title, "title.xhtml"});
    p.landmarks.push_back(
        {"toc", std::string(labels::get(Label::contents, info.lang)), "nav.xhtml#toc"});
    if (count > 0) p.landmarks.push_back({"bodymatter", first_title, "article-1.xhtml"});

    std::vector<Resource> fonts_res;
    std::vector<std::string> families;
    std::vector<CssFont> embedded;
    std::vector<LangFamilies> lang_families;
    QUIRE_TRY(choose_fonts(text, info.lang, style, fonts, s.fonts, families, lang_families,
                           embedded, fonts_res));
    QUIRE_TRY(put({"style.css", "text/css", "css", "",
                   style_sheet(style, families, embedded, p.rtl) + collection_style_sheet(style)}));
    for (auto& f : fonts_res) QUIRE_TRY(put(std::move(f)));
    std::vector<Resource> nav = {{"nav.xhtml", "application/xhtml+xml", "nav", "nav", nav_xhtml(p)},
                                 {"toc.ncx", "application/x-dtbncx+xml", "ncx", "", toc_ncx(p)}};
    for (const auto& r : nav) QUIRE_TRY(zip.add("EPUB/" + r.path, r.data));
    items.insert(items.begin(), nav.begin(), nav.end());
    QUIRE_TRY(zip.add("EPUB/package.opf", package_opf(p, s, items)));
    return zip.finish();
}

}  // namespace

Result<Unit> stream_collection(const CollectionInfo& info, std::size_t count,
                               const std::function<const Article&(std::size_t)>& load,
                               const Style& style, text::FontBook& fonts, const Settings& s,
                               const std::function<void(std::string_view)>& sink) {
    auto done = write_collection_epub(info, count, load, style, fonts, s, sink);
    if (!done) return writer_error(info.source, done.error());
    return done;
}

Result<std::string> build_collection(const CollectionInfo& info,
                                     const std::vector<const Article*>& articles,
                                     const Style& style, text::FontBook& fonts,
                                     const Settings& settings) {
    std::string out;
    QUIRE_TRY(stream_collection(
        info, articles.size(), [&](std::size_t i) -> const Article& { return *articles.at(i); },
        style, fonts, settings, [&](std::string_view bytes) { out += bytes; }));
    return out;
}

}  // namespace quire::inline v0::epub

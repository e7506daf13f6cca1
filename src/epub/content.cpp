// epub/content: the article as one XHTML5 content document (see epub.hpp).
//
// Notes follow the practice that works in the reading systems users have:
// the mark is the link itself, `<a epub:type="noteref" role="doc-noteref">`, with nothing
// inside it but the number (Apple Books shows no pop-up otherwise); each note is its own
// `<aside epub:type="footnote" role="doc-footnote">` carrying the id (Kobo) and starting with
// its number as the back-link (Kindle runs notes together otherwise).
#include "epub/epub.hpp"

#include "base/image_info.hpp"
#include "base/lang_tag.hpp"
#include "epub/xml.hpp"
#include "model/labels.hpp"
#include "model/numbering.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace quire::inline v0::epub {

namespace {

/// prefix + number, built piecewise: `"literal" + std::string` trips GCC 12's -Wrestrict at -O3.
std::string join(std::string_view prefix, const std::string& num) {
    std::string s(prefix);
    s += num;
    return s;
}

using labels::Label;

/// Attributes that tag an element's language (and direction when it differs from its parent).
struct LangAttrs {
    std::string lang;
    const char* dir = nullptr;
};

LangAttrs lang_change(const std::string& lang, const std::string& parent) {
    LangAttrs a;
    if (lang.empty() || lang == parent) return a;
    a.lang = lang;
    const bool rtl = lang_tag::is_rtl(lang);
    if (rtl != lang_tag::is_rtl(parent)) a.dir = rtl ? "rtl" : "ltr";
    return a;
}

void push_lang(Xml& x, const LangAttrs& a) {
    if (a.lang.empty()) return;
    x.attr("lang", a.lang);
    x.attr("xml:lang", a.lang);
    if (a.dir) x.attr("dir", a.dir);
}

class Writer {
public:
    Writer(const Article& a, const Style& style, std::string image_prefix)
        : a_(a),
          numbering_(model::number_blocks(a, style.number_headings, style.number_figures,
                                          style.heading_number_format)),
          image_prefix_(std::move(image_prefix)) {
        for (const auto& n : a_.notes) notes_.emplace(n.number, &n);
        // A note's back-link goes to its first mark; notes never referenced have none.
        for (const auto& p : a_.body)
            for (const auto& in : p.content)
                if (const auto* r = std::get_if<NoteRef>(&in)) ++ref_count_[r->number];
    }

    std::string run() {
        x_.xhtml_start(a_.lang, lang_tag::is_rtl(a_.lang), a_.title, {{"epub:type", "bodymatter"}});
        article();
        notes();
        bio();
        imprint();
        return x_.xhtml_end();
    }

private:
    void article() {
        x_.open("section", {{"class", "article"},
                            {"epub:type", "chapter"},
                            {"role", "doc-chapter"},
                            {"aria-labelledby", "title"}});
        x_.nl();
        x_.open("header", {{"class", "title-block"}});
        x_.nl();
        x_.element("h1", a_.title, {{"id", "title"}, {"class", "title"}});
        x_.nl();
        if (!a_.subtitle.empty()) {
            x_.element("p", a_.subtitle, {{"class", "subtitle"}});
            x_.nl();
        }
        if (!a_.authors.empty()) {
            x_.element("p", labels::join_names(a_.authors, a_.lang), {{"class", "byline"}});
            x_.nl();
        }
        if (!a_.translations.empty()) {
            x_.open("p", {{"class", "translations"}});
            x_.text(labels::get(Label::also_available, a_.lang));
            x_.text(" ");
            for (std::size_t i = 0; i < a_.translations.size(); ++i) {
                const auto& t = a_.translations[i];
                if (i) x_.text(" · ");
                x_.open("span", {{"class", "translation"}});
                push_lang(x_, lang_change(t.lang, a_.lang));
                x_.text(t.label);
                x_.close();
            }
            x_.end();
        }
        x_.end();  // header
        summary();
        body();
        x_.end();  // section
    }

    /// A report's summary, under the title block as in the PDF.
    void summary() {
        const Publication& pub = a_.publication;
        if (pub.summary.empty()) return;
        x_.open("section", {{"class", "summary"}, {"aria-labelledby", "summary-title"}});
        x_.nl();
        x_.element("h2",
                   pub.summary_title.empty() ? std::string(labels::get(Label::summary, a_.lang))
                                             : pub.summary_title,
                   {{"id", "summary-title"}});
        x_.nl();
        paragraphs(pub.summary);
        x_.end();
        x_.nl();
    }

    /// A report's imprint, at the end: rights, licence, identifiers (the DOI linked), how to
    /// cite it, the disclaimer (the PDF's imprint page).
    void imprint() {
        const Publication& pub = a_.publication;
        if (pub.empty()) return;
        x_.open("section", {{"class", "imprint"}, {"aria-label", "Imprint"}});
        x_.nl();
        if (const std::string rights =
                labels::rights_line(pub.organisation, a_.authors, a_.date, a_.lang);
            !rights.empty())
            x_.element("p", rights);
        if (!pub.licence.empty()) x_.element("p", pub.licence);
        if (!pub.isbn.empty()) x_.element("p", "ISBN " + pub.isbn);
        if (!pub.issn.empty()) x_.element("p", "ISSN " + pub.issn);
        if (!pub.doi.empty()) {
            x_.open("p");
            x_.element("a", "https://doi.org/" + pub.doi, {{"href", "https://doi.org/" + pub.doi}});
            x_.end();
        }
        x_.open("p");
        x_.element("strong", std::string(labels::get(Label::cite_as, a_.lang)));
        x_.text(" " + citation(a_));
        x_.end();
        paragraphs(pub.disclaimer);
        x_.end();
        x_.nl();
    }

    void paragraphs(const std::vector<Paragraph>& ps) {
        for (const auto& p : ps) {
            x_.open("p");
            const std::string plang = p.lang.empty() ? a_.lang : p.lang;
            push_lang(x_, lang_change(plang, a_.lang));
            inlines(p, plang, false);
            x_.end();
        }
    }

    /// The body's blocks, with the block quotes and lists they sit in opened and closed around
    /// them (quotes outside lists, as the flat model keeps them).
    void body() {
        struct Open {
            int quote = 0;
            std::vector<bool> lists;  ///< per list level: whether an <li> is open in it
        } open;
        auto close_lists_to = [&](std::size_t depth) {
            while (open.lists.size() > depth) {
                if (open.lists.back()) x_.end();  // li
                x_.end();                         // ul / ol
                open.lists.pop_back();
            }
        };
        int heading_no = 0;
        int image_no = 0;
        for (const auto& p : a_.body) {
            const auto depth = static_cast<std::size_t>(std::max(0, p.list_depth));
            if (p.quote != open.quote) close_lists_to(0);
            while (open.quote > p.quote) {
                x_.end();
                --open.quote;
            }
            while (open.quote < p.quote) {
                x_.open("blockquote");
                x_.nl();
                ++open.quote;
            }
            close_lists_to(depth);
            // Lists down to this block's level (an item's later paragraphs find them open).
            while (open.lists.size() < depth) {
                const char last = p.list_marker.empty() ? ' ' : p.list_marker.back();
                const bool ordered = last == '.' || last == ')';
                x_.open(ordered ? "ol" : "ul");
                const int start = ordered ? std::atoi(p.list_marker.c_str()) : 1;
                if (ordered && start != 1 && open.lists.size() + 1 == depth)
                    x_.attr("start", std::to_string(start));
                x_.nl();
                open.lists.push_back(false);
                if (open.lists.size() < depth || p.list_marker.empty()) {
                    x_.open("li");
                    open.lists.back() = true;
                }
            }
            if (depth > 0 && !p.list_marker.empty()) {  // a new item at this level
                if (open.lists.back()) x_.end();
                x_.open("li");
                open.lists.back() = true;
            }
            const std::string lang = p.lang.empty() ? a_.lang : p.lang;
            const LangAttrs la = lang_change(lang, a_.lang);
            switch (p.kind()) {
                case BlockKind::heading: {
                    std::string tag = "h";  // not "h" + ...: GCC 12 -O3 warns (-Wrestrict, bogus)
                    tag += std::to_string(std::min(6, p.heading + 1));
                    x_.open(tag.c_str(), {{"id", "h-" + std::to_string(++heading_no)}});
                    push_lang(x_, la);
                    if (const std::string& n = numbering_.number[index(p)]; !n.empty()) {
                        x_.element("span", n, {{"class", "number"}});
                        x_.text("\u2002");
                    }
                    inlines(p, lang, true);
                    x_.end();
                    break;
                }
                case BlockKind::code:
                    x_.open("pre");
                    push_lang(x_, la);
                    x_.open("code");
                    x_.text(p.plain_text());
                    x_.close();
                    x_.end();
                    break;
                case BlockKind::figure: {
                    x_.open("figure");
                    if (!p.id.empty()) x_.attr("id", numbering_.dest.at(p.id));
                    push_lang(x_, la);
                    x_.nl();
                    const std::string file = image_name(*p.image, ++image_no);
                    if (!file.empty())
                        x_.empty("img", {{"src", file}, {"alt", p.image->alt}});
                    else
                        x_.element("p", p.image->alt, {{"class", "missing-image"}});
                    if (!p.plain_text().empty() || !p.content.empty() ||
                        !numbering_.number[index(p)].empty()) {
                        x_.open("figcaption");
                        caption(p, lang);
                        x_.end();
                    }
                    x_.end();
                    break;
                }
                case BlockKind::table:
                    table(p, lang, la);
                    break;
                case BlockKind::paragraph:
                case BlockKind::quote:
                case BlockKind::list_item:  // the quote and list elements are open around it
                    x_.open("p");
                    push_lang(x_, la);
                    if (p.dir == "rtl" || p.dir == "ltr") x_.attr("dir", p.dir);
                    inlines(p, lang, true);
                    x_.end();
                    break;
            }
        }
        close_lists_to(0);
        while (open.quote-- > 0) x_.end();
    }

    /// The index of a body block.
    std::size_t index(const Paragraph& p) const {
        return static_cast<std::size_t>(&p - a_.body.data());
    }

    /// A figure's or table's caption: "Figure 3." (bold) when numbered, then its text.
    void caption(const Paragraph& p, const std::string& lang) {
        if (const std::string label = numbering_.caption_label(a_, index(p)); !label.empty()) {
            x_.element("strong", label + (p.content.empty() ? "" : "."), {{"class", "label"}});
            if (!p.content.empty()) x_.text("\u2002");
        }
        inlines(p, lang, true);
    }

    void table(const Paragraph& p, const std::string& lang, const LangAttrs& la) {
        const Table& t = *p.table;
        x_.open("table");
        if (!p.id.empty()) x_.attr("id", numbering_.dest.at(p.id));
        push_lang(x_, la);
        x_.nl();
        if (!p.content.empty() || !numbering_.number[index(p)].empty()) {
            x_.open("caption");
            caption(p, lang);
            x_.end();
        }
        bool in_head = false, in_body = false;
        for (const auto& row : t.rows) {
            if (row.header && !in_head && !in_body) {
                x_.open("thead");
                in_head = true;
            } else if (!row.header && !in_body) {
                if (in_head) x_.end();
                in_head = false;
                x_.open("tbody");
                in_body = true;
            }
            x_.open("tr");
            for (std::size_t c = 0; c < row.cells.size(); ++c) {
                x_.open(row.header ? "th" : "td");
                const Align a = c < t.align.size() ? t.align[c] : Align::none;
                if (a != Align::none)
                    x_.attr("class", a == Align::left     ? "left"
                                     : a == Align::center ? "center"
                                                          : "right");
                Paragraph cell;
                cell.content = row.cells[c].content;
                inlines(cell, lang, true);
                x_.close();
            }
            x_.end();  // tr
        }
        if (in_head || in_body) x_.end();
        x_.end();  // table
    }

    /// The file of the `n`-th image (1-based, in the order of the body), or empty when the
    /// importer found none to embed.
    std::string image_name(const Image& im, int n) const {
        return epub_image_name(im, image_prefix_, n);
    }

    /// The inline content of a paragraph; note marks become links when `marks`.
    void inlines(const Paragraph& p, const std::string& lang, bool marks) {
        for (const auto& in : p.content) {
            if (const auto* t = std::get_if<Text>(&in)) {
                if (!t->xref.empty()) {
                    // A cross-reference: the target's label and number, linked to it.
                    if (const std::string said = numbering_.reference_text(a_, t->xref);
                        !said.empty()) {
                        x_.element(
                            "a", said,
                            {{"href", "#" + numbering_.dest.at(t->xref)}, {"class", "xref"}});
                        continue;
                    }
                }
                const LangAttrs la = lang_change(t->lang, lang);
                int open = 0;
                if (!la.lang.empty()) {
                    x_.open("span");
                    push_lang(x_, la);
                    ++open;
                }
                if (!t->href.empty()) x_.open("a", {{"href", t->href}}), ++open;
                if (t->strong) x_.open("strong"), ++open;
                if (t->emphasis) x_.open("em"), ++open;
                if (t->code) x_.open("code"), ++open;
                x_.text(t->text);
                while (open--) x_.close();
            } else if (const auto* r = std::get_if<NoteRef>(&in); r && marks) {
                mark(r->number);
            }
        }
    }

    void mark(int number) {
        const std::string num = std::to_string(number);
        if (!notes_.count(number)) {
            // A reference without a note (the importer warned): the number, unlinked.
            x_.element("span", num, {{"class", "noteref missing"}});
            return;
        }
        const int seen = ++marks_seen_[number];
        std::string id = join("fnref", num);
        if (seen > 1) {
            id += '-';
            id += std::to_string(seen);
        }
        x_.open("a", {{"class", "noteref"},
                      {"href", join("#fn", num)},
                      {"id", id},
                      {"epub:type", "noteref"},
                      {"role", "doc-noteref"}});
        x_.text(num);
        x_.close();
    }

    void notes() {
        if (a_.notes.empty()) return;
        const std::string_view heading = labels::get(Label::notes, a_.lang);
        x_.open("section", {{"id", "notes"}, {"class", "notes"}, {"epub:type", "footnotes"}});
        x_.attr("aria-labelledby", "notes-heading");
        x_.nl();
        x_.element("h2", heading, {{"id", "notes-heading"}});
        x_.nl();
        for (const auto& n : a_.notes) {
            // Duplicate numbers (the importer warned): the first note keeps the id.
            if (notes_.at(n.number) != &n) continue;
            const std::string num = std::to_string(n.number);
            x_.open("aside", {{"id", join("fn", num)},
                              {"class", "footnote"},
                              {"epub:type", "footnote"},
                              {"role", "doc-footnote"}});
            x_.nl();
            bool first = true;
            for (const auto& p : n.paragraphs) {
                x_.open("p");
                const std::string lang = p.lang.empty() ? a_.lang : p.lang;
                push_lang(x_, lang_change(lang, a_.lang));
                if (first) {
                    if (ref_count_.count(n.number))
                        x_.element("a", num,
                                   {{"class", "note-number"},
                                    {"href", join("#fnref", num)},
                                    {"role", "doc-backlink"}});
                    else
                        x_.element("span", num, {{"class", "note-number"}});
                    x_.text(" ");
                }
                first = false;
                inlines(p, lang, false);
                x_.end();
            }
            if (n.paragraphs.empty()) {
                x_.open("p");
                x_.element("span", num, {{"class", "note-number"}});
                x_.end();
            }
            x_.end();  // aside
        }
        x_.end();  // section
    }

    /// The authors' blocks: a section each ("bio", "bio-2"... as in the PDF), in the bio's
    /// language, with the name, the contact line, the photo and the paragraphs.
    void bio() {
        std::size_t n = 0;
        for (std::size_t i = 0; i < a_.bios.size(); ++i) {
            const AuthorBio& b = a_.bios[i];
            if (!b.has_details()) continue;
            const std::string id = n == 0 ? "bio" : "bio-" + std::to_string(n + 1);
            ++n;
            const std::string lang = b.lang.empty() ? a_.lang : b.lang;
            x_.open("section", {{"id", id}, {"class", "bio"}, {"aria-labelledby", id + "-name"}});
            push_lang(x_, lang_change(lang, a_.lang));
            x_.nl();
            x_.element("h2", b.name, {{"id", id + "-name"}, {"class", "bio-name"}});
            x_.nl();
            contact(b);
            if (b.photo && (b.photo->data || !b.photo->path.empty())) {
                x_.empty("img",
                         {{"class", "bio-photo"},
                          {"src", epub_photo_name(*b.photo, image_prefix_, i)},
                          {"alt",
                           b.photo->alt.empty() && !b.photo->decorative ? b.name : b.photo->alt}});
            }
            for (const auto& p : b.paragraphs) {
                x_.open("p");
                const std::string plang = p.lang.empty() ? lang : p.lang;
                push_lang(x_, lang_change(plang, lang));
                inlines(p, plang, false);
                x_.end();
            }
            x_.end();
        }
    }

    /// The author's affiliation, e-mail and ORCID iD, as the PDF's line under the name.
    void contact(const AuthorBio& b) {
        if (b.affiliation.empty() && b.email.empty() && b.orcid.empty()) return;
        x_.open("p", {{"class", "bio-contact"}});
        bool first = true;
        auto sep = [&] {
            if (!first) x_.text(" \u00B7 ");
            first = false;
        };
        if (!b.affiliation.empty()) {
            sep();
            x_.text(b.affiliation);
        }
        if (!b.email.empty()) {
            sep();
            x_.element("a", b.email, {{"href", "mailto:" + b.email}});
        }
        if (!b.orcid.empty()) {
            sep();
            x_.element("a", "ORCID " + b.orcid, {{"href", "https://orcid.org/" + b.orcid}});
        }
        x_.end();
        x_.nl();
    }

    const Article& a_;
    const model::Numbering numbering_;
    std::string image_prefix_;
    Xml x_;
    std::map<int, const Note*> notes_;
    std::map<int, int> ref_count_, marks_seen_;
};

}  // namespace

std::string epub_image_name(const Image& image, const std::string& prefix, int n) {
    std::string ext;
    if (image.data) {
        // Named for what the bytes are, whatever the name the resolver was asked for.
        const auto info = probe_image_bytes(*image.data);
        if (!info) return {};
        ext = info->format == ImageInfo::Format::png ? ".png" : ".jpg";
    } else {
        if (image.path.empty()) return {};
        ext = std::filesystem::path(image.path).extension().string();
        for (char& c : ext)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (ext == ".jpeg") ext = ".jpg";
    }
    std::string name = "images/";
    name += prefix;
    name += "image-";
    name += std::to_string(n);
    name += ext;
    return name;
}

namespace {

/// epub_image_name with "image-0" replaced by `stem`.
std::string named_image(const Image& image, const std::string& prefix, const std::string& stem) {
    std::string name = epub_image_name(image, prefix, 0);
    const auto at = name.find("image-0");
    if (at != std::string::npos) name.replace(at, 7, stem);
    return name;
}

}  // namespace

std::string epub_photo_name(const Image& photo, const std::string& prefix, std::size_t index) {
    return named_image(photo, prefix,
                       index == 0 ? std::string("author") : "author-" + std::to_string(index + 1));
}

std::string epub_cover_name(const Image& cover, const std::string& prefix) {
    return named_image(cover, prefix, "cover");
}

std::string cover_document(const Article& article) {
    const Image& cover = *article.publication.cover;
    Xml x;
    x.xhtml_start(article.lang, lang_tag::is_rtl(article.lang), article.title,
                  {{"epub:type", "frontmatter"}, {"class", "cover"}});
    x.open("section", {{"class", "cover"}, {"epub:type", "cover"}});
    x.nl();
    x.empty("img", {{"src", epub_cover_name(cover, "")},
                    {"alt", cover.alt.empty() ? article.title : cover.alt},
                    {"role", "doc-cover"}});
    x.end();  // section
    return x.xhtml_end();
}

Result<std::vector<Resource>> image_resources(const Article& article, const std::string& prefix) {
    std::vector<Resource> out;
    std::vector<std::pair<const Image*, std::string>> files;
    int n = 0;
    for (const auto& p : article.body)
        if (p.image) files.emplace_back(&*p.image, epub_image_name(*p.image, prefix, ++n));
    for (std::size_t i = 0; i < article.bios.size(); ++i)
        if (const auto& photo = article.bios[i].photo)
            files.emplace_back(&*photo, epub_photo_name(*photo, prefix, i));
    const Image* cover = article.publication.cover ? &*article.publication.cover : nullptr;
    if (cover) files.emplace_back(cover, epub_cover_name(*cover, prefix));
    for (const auto& [image, name] : files) {
        if (name.empty()) continue;
        Resource r;
        if (image->data) {
            r.data = *image->data;
        } else {
            std::ifstream in(image->path, std::ios::binary);
            std::ostringstream ss;
            ss << in.rdbuf();
            if (!in && !in.eof()) return make_error({}, "cannot read the image " + image->path);
            r.data = ss.str();
        }
        r.path = name;
        r.media_type =
            name.size() > 4 && name.substr(name.size() - 4) == ".png" ? "image/png" : "image/jpeg";
        r.id = name.substr(7);  // without "images/"
        for (char& c : r.id)
            if (c == '.') c = '-';
        if (image == cover) r.properties = "cover-image";
        out.push_back(std::move(r));
    }
    return out;
}

std::string content_document(const Article& article, const Style& style,
                             const std::string& image_prefix) {
    return Writer(article, style, image_prefix).run();
}

}  // namespace quire::inline v0::epub

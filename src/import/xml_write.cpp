// import/xml_write: an article in quire's native XML form (article_to_xml), which
// xml_format.cpp reads back to the same article (the form is described there; schema:
// schema/quire-article.rng; reference: docs/xml-format.md).
#include <quire/quire.hpp>

#include <tinyxml2.h>

#include <algorithm>
#include <string>

namespace quire::inline v0 {

namespace {

constexpr const char* kNamespace = "urn:x-quire:article:1";

class XmlWriter {
public:
    explicit XmlWriter(const Article& a) : a_(a), p_(nullptr, true) {}

    std::string run() {
        p_.PushDeclaration("xml version=\"1.0\" encoding=\"UTF-8\"");
        nl();
        p_.OpenElement("article", true);
        p_.PushAttribute("xmlns", kNamespace);
        p_.PushAttribute("xml:lang", a_.lang.c_str());
        nl();
        meta();
        body();
        notes();
        bio();
        p_.CloseElement(true);
        nl();
        return std::string(p_.CStr(), static_cast<std::size_t>(std::max(0, p_.CStrSize() - 1)));
    }

private:
    /// A line break between block elements (compact output otherwise: inline content is never
    /// touched by pretty printing, and the reader ignores text between blocks).
    void nl() { p_.PushText("\n"); }

    void element(const char* name, const std::string& text) {
        p_.OpenElement(name, true);
        p_.PushText(text.c_str());
        p_.CloseElement(true);
        nl();
    }

    void meta() {
        p_.OpenElement("meta", true);
        nl();
        element("title", a_.title);
        if (!a_.subtitle.empty()) element("subtitle", a_.subtitle);
        for (const auto& au : a_.authors) element("author", au);
        if (!a_.date.empty()) element("date", a_.date);
        for (const auto& t : a_.translations) {
            p_.OpenElement("translation", true);
            if (!t.lang.empty()) p_.PushAttribute("xml:lang", t.lang.c_str());
            p_.PushText(t.label.c_str());
            p_.CloseElement(true);
            nl();
        }
        for (const auto& k : a_.keywords) element("keyword", k);
        publication();
        p_.CloseElement(true);
        nl();
    }

    void image_element(const char* name, const Image& im) {
        p_.OpenElement(name, true);
        p_.PushAttribute("src", im.src.c_str());
        if (!im.alt.empty() || im.decorative) p_.PushAttribute("alt", im.alt.c_str());
        if (!im.title.empty()) p_.PushAttribute("title", im.title.c_str());
        p_.CloseElement(true);
        nl();
    }

    void paragraphs(const char* name, const std::vector<Paragraph>& ps, const std::string& title) {
        if (ps.empty() && title.empty()) return;
        p_.OpenElement(name, true);
        if (!title.empty()) p_.PushAttribute("title", title.c_str());
        nl();
        for (const auto& p : ps) block(p);
        p_.CloseElement(true);
        nl();
    }

    void publication() {
        const Publication& pub = a_.publication;
        if (!pub.series.empty() || !pub.number.empty()) {
            p_.OpenElement("series", true);
            if (!pub.number.empty()) p_.PushAttribute("number", pub.number.c_str());
            p_.PushText(pub.series.c_str());
            p_.CloseElement(true);
            nl();
        }
        if (!pub.organisation.empty()) element("organisation", pub.organisation);
        if (pub.logo) image_element("logo", *pub.logo);
        if (pub.cover) image_element("cover", *pub.cover);
        if (!pub.isbn.empty()) element("isbn", pub.isbn);
        if (!pub.issn.empty()) element("issn", pub.issn);
        if (!pub.doi.empty()) element("doi", pub.doi);
        if (!pub.licence.empty()) element("licence", pub.licence);
        if (!pub.cite_as.empty()) element("cite-as", pub.cite_as);
        if (pub.contents) element("contents", "true");
        paragraphs("summary", pub.summary, pub.summary_title);
        paragraphs("disclaimer", pub.disclaimer, {});
    }

    /// xml:lang and dir of a block or span.
    void lang_dir(const std::string& lang, const std::string& dir) {
        if (!lang.empty()) p_.PushAttribute("xml:lang", lang.c_str());
        if (!dir.empty()) p_.PushAttribute("dir", dir.c_str());
    }

    static bool alike(const Text& a, const Text& b) {
        return a.emphasis == b.emphasis && a.strong == b.strong && a.code == b.code &&
               a.href == b.href && a.lang == b.lang && a.xref == b.xref;
    }

    void inlines(const std::vector<Inline>& content) {
        for (std::size_t i = 0; i < content.size(); ++i) {
            if (const auto* r = std::get_if<NoteRef>(&content[i])) {
                p_.OpenElement("ref", true);
                p_.PushAttribute("n", r->number);
                p_.CloseElement(true);
                continue;
            }
            const Text& t = std::get<Text>(content[i]);
            if (!t.xref.empty()) {  // a cross-reference: its target, and the text as written
                p_.OpenElement("xref", true);
                p_.PushAttribute("to", t.xref.c_str());
                p_.PushText(t.text.c_str());
                p_.CloseElement(true);
                continue;
            }
            // Adjacent runs alike are written as one, as the reader joins them: the XML of an
            // article reads back to the same XML.
            std::string text = t.text;
            while (i + 1 < content.size()) {
                const auto* next = std::get_if<Text>(&content[i + 1]);
                if (!next || !alike(*next, t)) break;
                text += next->text;
                ++i;
            }
            if (text.empty()) continue;  // nothing to write, and nothing the reader would make
            int open = 0;
            if (!t.href.empty()) {
                p_.OpenElement("a", true);
                p_.PushAttribute("href", t.href.c_str());
                ++open;
            }
            if (!t.lang.empty()) {
                p_.OpenElement("span", true);
                p_.PushAttribute("xml:lang", t.lang.c_str());
                ++open;
            }
            if (t.strong) p_.OpenElement("strong", true), ++open;
            if (t.emphasis) p_.OpenElement("em", true), ++open;
            if (t.code) p_.OpenElement("code", true), ++open;
            // tinyxml2 drops a text node of only whitespace before a tag ("<ref n="1"/> <span>"),
            // so such a run goes in CDATA, which it keeps.
            const bool blank =
                !text.empty() && text.find_first_not_of(" \t\n\r") == std::string::npos;
            p_.PushText(text.c_str(), blank);
            while (open-- > 0) p_.CloseElement(true);
        }
    }

    void block(const Paragraph& p) {
        const BlockKind kind = p.kind();
        const char* name = kind == BlockKind::heading  ? "h"
                           : kind == BlockKind::code   ? "pre"
                           : kind == BlockKind::figure ? "figure"
                           : kind == BlockKind::table  ? "table"
                                                       : "p";
        p_.OpenElement(name, true);
        if (kind == BlockKind::heading) p_.PushAttribute("level", p.heading);
        if (!p.id.empty()) p_.PushAttribute("id", p.id.c_str());
        lang_dir(p.lang, p.dir);
        if (kind == BlockKind::figure) {
            p_.PushAttribute("src", p.image->src.c_str());
            if (!p.image->alt.empty() || p.image->decorative)
                p_.PushAttribute("alt", p.image->alt.c_str());
            if (!p.image->title.empty()) p_.PushAttribute("title", p.image->title.c_str());
        }
        if (kind == BlockKind::table) {
            for (Align al : p.table->align) {
                p_.OpenElement("col", true);
                p_.PushAttribute("align", al == Align::left     ? "left"
                                          : al == Align::center ? "center"
                                          : al == Align::right  ? "right"
                                                                : "none");
                p_.CloseElement(true);
            }
            nl();
            if (!p.content.empty()) {  // the caption
                p_.OpenElement("caption", true);
                inlines(p.content);
                p_.CloseElement(true);
                nl();
            }
            for (const auto& r : p.table->rows) {
                p_.OpenElement("row", true);
                if (r.header) p_.PushAttribute("header", "true");
                for (const auto& c : r.cells) {
                    p_.OpenElement("cell", true);
                    inlines(c.content);
                    p_.CloseElement(true);
                }
                p_.CloseElement(true);
                nl();
            }
        } else if (kind == BlockKind::code) {
            // Blank code (a block of spaces) goes in CDATA too: tinyxml2 would drop it as text.
            const std::string code = p.plain_text();
            p_.PushText(code.c_str(),
                        !code.empty() && code.find_first_not_of(" \t\n\r") == std::string::npos);
        } else {
            inlines(p.content);
        }
        p_.CloseElement(true);
        nl();
    }

    void body() {
        p_.OpenElement("body", true);
        nl();
        int quote = 0;
        std::vector<bool> lists;  // per level: an <item> is open
        auto close_lists_to = [&](std::size_t depth) {
            while (lists.size() > depth) {
                if (lists.back()) p_.CloseElement(true), nl();  // item
                p_.CloseElement(true);                          // list
                nl();
                lists.pop_back();
            }
        };
        for (const auto& p : a_.body) {
            const auto depth = static_cast<std::size_t>(std::max(0, p.list_depth));
            if (p.quote != quote) close_lists_to(0);
            for (; quote > p.quote; --quote) p_.CloseElement(true), nl();
            for (; quote < p.quote; ++quote) p_.OpenElement("quote", true), nl();
            close_lists_to(depth);
            while (lists.size() < depth) {
                p_.OpenElement("list", true);
                nl();
                lists.push_back(false);
                if (lists.size() < depth || p.list_marker.empty()) {
                    p_.OpenElement("item", true);
                    // A list entered in the middle of an item (after a quote) has no marker
                    // of its own: said so, as a missing marker reads as a bullet.
                    if (lists.size() == depth) p_.PushAttribute("marker", "");
                    lists.back() = true;
                }
            }
            if (depth > 0 && !p.list_marker.empty()) {
                if (lists.back()) p_.CloseElement(true), nl();
                p_.OpenElement("item", true);
                p_.PushAttribute("marker", p.list_marker.c_str());
                nl();
                lists.back() = true;
            }
            block(p);
        }
        close_lists_to(0);
        for (; quote > 0; --quote) p_.CloseElement(true), nl();
        p_.CloseElement(true);
        nl();
    }

    void notes() {
        if (a_.notes.empty()) return;
        p_.OpenElement("notes", true);
        nl();
        for (const auto& n : a_.notes) {
            p_.OpenElement("note", true);
            p_.PushAttribute("n", n.number);
            for (const auto& p : n.paragraphs) block(p);
            p_.CloseElement(true);
            nl();
        }
        p_.CloseElement(true);
        nl();
    }

    void bio() {
        for (const AuthorBio& b : a_.bios) {
            p_.OpenElement("bio", true);
            if (!b.lang.empty()) p_.PushAttribute("xml:lang", b.lang.c_str());
            nl();
            element("name", b.name);
            if (!b.affiliation.empty()) element("affiliation", b.affiliation);
            if (!b.email.empty()) element("email", b.email);
            if (!b.orcid.empty()) element("orcid", b.orcid);
            if (b.photo) image_element("photo", *b.photo);
            for (const auto& p : b.paragraphs) block(p);
            p_.CloseElement(true);
            nl();
        }
    }

    const Article& a_;
    tinyxml2::XMLPrinter p_;
};

}  // namespace

std::string article_to_xml(const Article& article) {
    return XmlWriter(article).run();
}

}  // namespace quire::inline v0

// import/xml_format: quire's native XML form of an article, written and read back losslessly
// (schema: schema/quire-article.rng; reference: docs/xml-format.md).
//
//   <article xmlns="urn:x-quire:article:1" xml:lang="en">
//     <meta><title/><subtitle/><author/>* <date/> <translation xml:lang=".."/>* <keyword/>*
//           <series number="12"/>? <organisation/>? <logo src=".." alt=".."/>?
//           <cover src=".." alt=".."/>? <isbn/>? <issn/>? <doi/>? <licence/>? <cite-as/>?
//           <summary title=".."> <p/>+ </summary>? <disclaimer> <p/>+ </disclaimer>?</meta>
//     <body> blocks </body>
//     <notes><note n="1"> <p/>+ </note>*</notes>
//     <bio xml:lang="tr"><name/> <affiliation/>? <email/>? <orcid/>?
//          <photo src=".." alt=".."/>? <p/>*</bio>*
//   </article>
//
//   blocks:  <p>, <h level="1">, <quote> blocks </quote>,
//            <list><item marker="1."> blocks </item>+</list>, <pre>code</pre>,
//            <figure src=".." alt=".." title="..">caption</figure>,
//            <table><col align="left"/>* <row header="true"><cell>inlines</cell>*</row>*</table>
//   inlines: text, <em>, <strong>, <code>, <a href="..">, <span xml:lang=".." dir="..">,
//            <ref n="3"/>
//
// This file reads the form; xml_write.cpp writes it (article_to_xml).
//
// Every block may carry xml:lang and dir. The model is flat (a block knows its quote and list
// depth), the XML nests: the writer opens and closes <quote>, <list> and <item> around blocks
// as the EPUB writer does, the reader flattens them again.
#include "base/result.hpp"
#include "base/utf8.hpp"
#include "import/common.hpp"
#include "model/identifiers.hpp"
#include "model/numbering.hpp"

#include <quire/quire.hpp>

#include <tinyxml2.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace quire::inline v0 {

namespace {

constexpr const char* kNamespace = "urn:x-quire:article:1";

/// The largest note number: what the plain-text form's "[n]" (1 to 9 digits) allows, so that
/// every article quire reads converts to XML that reads back.
constexpr int kMaxNoteNumber = 999999999;

/// A reader of the XML form. Each part that can fail returns a Result; the first error (with
/// its line) stops the reading and is the article's error.
class XmlReader {
public:
    XmlReader(std::string name, Diagnostics& diags, std::filesystem::path base,
              const ReadOptions& options)
        : name_(std::move(name)),
          diags_(diags),
          base_(std::move(base)),
          options_(options),
          limits_(options.limits) {}

    Result<Article> read(const tinyxml2::XMLElement* root) {
        if (!root || std::strcmp(root->Name(), "article") != 0)
            return error(
                root ? root->GetLineNum() : 1,
                "the root element must be <article xmlns=\"" + std::string(kNamespace) + "\">");
        const char* ns = root->Attribute("xmlns");
        if (!ns || std::strcmp(ns, kNamespace) != 0)
            return error(root->GetLineNum(),
                         "<article> must be in the namespace " + std::string(kNamespace));
        a_.source = name_;
        QUIRE_TRY_ASSIGN(a_.lang, lang_attr(root));
        if (a_.lang.empty()) a_.lang = "en";
        for (const auto* e = root->FirstChildElement(); e; e = e->NextSiblingElement()) {
            const std::string n = e->Name();
            if (n == "meta") {
                QUIRE_TRY(meta(e));
            } else if (n == "body") {
                QUIRE_TRY(blocks(e, 0, 0));
            } else if (n == "notes") {
                QUIRE_TRY(notes(e));
            } else if (n == "bio") {
                QUIRE_TRY(bio(e));
            } else {
                return unknown(e, "<article>");
            }
        }
        if (a_.title.empty()) return error(root->GetLineNum(), "<meta> has no <title>");
        if (removed_ > 0)
            diags_.warning({name_, first_removed_line_},
                           "removed " + std::to_string(removed_) + " control character" +
                               (removed_ > 1 ? "s" : "") + " (XML does not allow them)");
        return std::move(a_);
    }

private:
    Diagnostic error(int line, std::string message) const {
        return make_error({name_, line}, std::move(message));
    }

    /// Text as the model holds it. tinyxml2 passes on control characters that XML 1.0 does
    /// not allow, written as they are or as references ("&#5;"): they are removed (and counted
    /// for one warning), as the other readers remove them; a CR from "&#13;" becomes a line
    /// feed, a code point UTF-8 cannot carry ("&#xD800;") U+FFFD. The article's XML
    /// (article_to_xml) is then well-formed and reads back the same.
    std::string clean(std::string_view s, int line) const {
        const int before = removed_;
        std::string out = utf8::without_controls(s, removed_);
        if (before == 0 && removed_ > 0) first_removed_line_ = line;
        return out;
    }
    std::string attr(const tinyxml2::XMLElement* e, const char* name) const {
        const char* v = e->Attribute(name);
        return v ? clean(v, e->GetLineNum()) : "";
    }
    std::string text(const tinyxml2::XMLElement* e) const {
        std::string s;
        for (const auto* n = e->FirstChild(); n; n = n->NextSibling())
            if (const auto* t = n->ToText()) s += clean(t->Value(), t->GetLineNum());
        return s;
    }
    /// The error for an element that has no place where it stands.
    Diagnostic unknown(const tinyxml2::XMLElement* e, const char* where) const {
        return error(e->GetLineNum(), "unexpected <" + std::string(e->Name()) + "> in " + where);
    }
    Result<int> integer(const tinyxml2::XMLElement* e, const char* name, int lo, int hi) const {
        int v = 0;
        if (e->QueryIntAttribute(name, &v) != tinyxml2::XML_SUCCESS || v < lo || v > hi)
            return error(e->GetLineNum(), "<" + std::string(e->Name()) + "> needs " + name +
                                              " between " + std::to_string(lo) + " and " +
                                              std::to_string(hi));
        return v;
    }

    Result<Unit> meta(const tinyxml2::XMLElement* m) {
        for (const auto* e = m->FirstChildElement(); e; e = e->NextSiblingElement()) {
            const std::string n = e->Name();
            if (n == "title") {
                a_.title = text(e);
            } else if (n == "subtitle") {
                a_.subtitle = text(e);
            } else if (n == "author") {
                a_.authors.push_back(text(e));
            } else if (n == "date") {
                a_.date = text(e);
            } else if (n == "keyword") {
                a_.keywords.push_back(text(e));
            } else if (n == "translation") {
                QUIRE_TRY_ASSIGN(std::string lang, lang_attr(e));
                a_.translations.push_back({std::move(lang), text(e)});
            } else {
                QUIRE_TRY(publication(e, n));
            }
        }
        return Unit{};
    }

    /// An element of <meta> that describes the publication (series, identifiers, summary...).
    Result<Unit> publication(const tinyxml2::XMLElement* e, const std::string& n) {
        Publication& pub = a_.publication;
        if (pub.line == 0) pub.line = e->GetLineNum();
        if (n == "series") {
            pub.series = text(e);
            pub.number = attr(e, "number");
        } else if (n == "organisation") {
            pub.organisation = text(e);
        } else if (n == "logo") {
            QUIRE_TRY_ASSIGN(pub.logo, image(e, false));
        } else if (n == "cover") {
            QUIRE_TRY_ASSIGN(pub.cover, image(e, false));
        } else if (n == "isbn" || n == "issn" || n == "doi") {
            const auto check = n == "isbn"   ? model::check_isbn(text(e))
                               : n == "issn" ? model::check_issn(text(e))
                                             : model::check_doi(text(e));
            if (!check.ok) return error(e->GetLineNum(), "<" + n + ">: " + check.problem);
            (n == "isbn" ? pub.isbn : n == "issn" ? pub.issn : pub.doi) = check.normal;
        } else if (n == "licence") {
            pub.licence = text(e);
        } else if (n == "cite-as") {
            pub.cite_as = text(e);
        } else if (n == "contents") {
            const std::string v = text(e);
            if (v != "true" && v != "false")
                return error(e->GetLineNum(), "<contents> must be true or false");
            pub.contents = v == "true";
        } else if (n == "summary" || n == "disclaimer") {
            auto& ps = n == "summary" ? pub.summary : pub.disclaimer;
            if (n == "summary") pub.summary_title = attr(e, "title");
            for (const auto* p = e->FirstChildElement(); p; p = p->NextSiblingElement()) {
                if (std::strcmp(p->Name(), "p") != 0) return unknown(p, ("<" + n + ">").c_str());
                QUIRE_TRY_ASSIGN(Paragraph para, paragraph(p, 0, 0));
                QUIRE_TRY(inlines(p, para.content, {}));
                ps.push_back(std::move(para));
            }
        } else {
            return unknown(e, "<meta>");
        }
        return Unit{};
    }

    /// An element's xml:lang: empty, or a well-formed BCP 47 tag (else an error with the line).
    Result<std::string> lang_attr(const tinyxml2::XMLElement* e) const {
        std::string t = attr(e, "xml:lang");
        if (!t.empty() && !is_language_tag(t))
            return error(e->GetLineNum(), "xml:lang: '" + t + "' is not a BCP 47 language tag");
        return t;
    }

    /// An image element; `figure`: a figure, whose missing text alternative is a warning (an
    /// author's photo without one is described by the author's name).
    Result<Image> image(const tinyxml2::XMLElement* e, bool figure) const {
        Image im;
        im.src = attr(e, "src");
        im.alt = attr(e, "alt");
        im.title = attr(e, "title");
        if (im.src.empty())
            return error(e->GetLineNum(), "<" + std::string(e->Name()) + "> needs a src");
        // alt="" says the image is decorative; no alt at all is a missing text alternative.
        if (e->Attribute("alt"))
            im.decorative = im.alt.empty();
        else if (figure)
            diags_.warning({name_, e->GetLineNum()},
                           "the image '" + im.src +
                               "' has no text alternative (alt=\"…\"; alt=\"\" marks a "
                               "decorative image)");
        // Only a regular file inside the article's folder (or an allowed one) is read.
        auto access = import::resolve_image(im.src, base_, options_);
        im.path = access.path;
        im.data = std::move(access.data);
        if (im.path.empty() && !im.data)
            diags_.warning(
                {name_, e->GetLineNum()},
                "the image '" + im.src + "' " + access.refused + "; its text alternative is shown");
        return im;
    }

    struct InlineState {
        bool emphasis = false, strong = false, code = false;
        std::string href, lang;
    };

    /// A text node as a run in `st`, appended to `out` (joined to the run before when alike).
    void add_text(const tinyxml2::XMLText* t, std::vector<Inline>& out,
                  const InlineState& st) const {
        Text x;
        x.text = clean(t->Value(), t->GetLineNum());
        // Nothing left ("&#0;", or only control characters): no run, as no run of the
        // model is empty (an empty one would not read back from the XML written).
        if (x.text.empty()) return;
        x.emphasis = st.emphasis;
        x.strong = st.strong;
        x.code = st.code;
        x.href = st.href;
        x.lang = st.lang;
        if (!out.empty())
            if (auto* prev = std::get_if<Text>(&out.back());
                prev && prev->emphasis == x.emphasis && prev->strong == x.strong &&
                prev->code == x.code && prev->href == x.href && prev->lang == x.lang &&
                prev->xref.empty()) {
                prev->text += x.text;
                return;
            }
        out.emplace_back(std::move(x));
    }

    Result<Unit> inlines(const tinyxml2::XMLNode* parent, std::vector<Inline>& out,
                         InlineState st) {
        for (const auto* n = parent->FirstChild(); n; n = n->NextSibling()) {
            if (const auto* t = n->ToText()) {
                add_text(t, out, st);
                continue;
            }
            const auto* e = n->ToElement();
            if (!e) continue;  // comments
            const std::string name = e->Name();
            InlineState s = st;
            if (name == "em") {
                s.emphasis = true;
            } else if (name == "strong") {
                s.strong = true;
            } else if (name == "code") {
                s.code = true;
            } else if (name == "a") {
                s.href = attr(e, "href");
            } else if (name == "span") {
                QUIRE_TRY_ASSIGN(s.lang, lang_attr(e));
            } else if (name == "xref") {
                Text x;
                x.xref = attr(e, "to");
                if (x.xref.empty()) return error(e->GetLineNum(), "<xref> needs to=\"id\"");
                x.text = text(e);
                if (x.text.empty()) x.text = "@" + x.xref;
                x.emphasis = st.emphasis;
                x.strong = st.strong;
                x.lang = st.lang;
                out.emplace_back(std::move(x));
                continue;
            } else if (name == "ref") {
                NoteRef r;
                QUIRE_TRY_ASSIGN(r.number, integer(e, "n", 1, kMaxNoteNumber));
                r.line = e->GetLineNum();
                out.emplace_back(r);
                continue;
            } else {
                return unknown(e, "text");
            }
            QUIRE_TRY(inlines(e, out, s));
        }
        return Unit{};
    }

    Result<Paragraph> paragraph(const tinyxml2::XMLElement* e, int quote, int list_depth) {
        Paragraph p;
        p.line = e->GetLineNum();
        QUIRE_TRY_ASSIGN(p.lang, lang_attr(e));
        p.dir = attr(e, "dir");
        if (!p.dir.empty() && p.dir != "rtl" && p.dir != "ltr")
            return error(e->GetLineNum(), "dir must be rtl or ltr");
        p.quote = quote;
        p.list_depth = list_depth;
        return p;
    }

    /// The blocks within `parent`; `marker` goes on the first block read (a list item's).
    Result<Unit> blocks(const tinyxml2::XMLElement* parent, int quote, int list_depth,
                        const std::string& marker = {}) {
        if (const int most = std::min(limits_.nesting, kMaxNesting); quote + list_depth > most)
            return error(parent->GetLineNum(),
                         "block quotes and lists nested more than " + std::to_string(most) +
                             " deep (" + limit_hint("nesting", std::to_string(most)) + ")");
        const std::size_t first = a_.body.size();
        for (const auto* e = parent->FirstChildElement(); e; e = e->NextSiblingElement()) {
            const std::string n = e->Name();
            if (n == "quote") {
                QUIRE_TRY(blocks(e, quote + 1, list_depth));
                continue;
            }
            if (n == "list") {
                QUIRE_TRY(list(e, quote, list_depth));
                continue;
            }
            QUIRE_TRY_ASSIGN(Paragraph p, paragraph(e, quote, list_depth));
            p.id = attr(e, "id");
            if (n == "p") {
                QUIRE_TRY(inlines(e, p.content, {}));
            } else if (n == "h") {
                QUIRE_TRY_ASSIGN(p.heading, integer(e, "level", 1, 6));
                QUIRE_TRY(inlines(e, p.content, {}));
            } else if (n == "pre") {
                p.code = true;
                Text t;
                t.text = text(e);
                t.code = true;
                p.content.emplace_back(std::move(t));
            } else if (n == "figure") {
                QUIRE_TRY_ASSIGN(p.image, image(e, true));
                QUIRE_TRY(inlines(e, p.content, {}));
            } else if (n == "table") {
                QUIRE_TRY_ASSIGN(p.table, table(e));
                if (const auto* c = e->FirstChildElement("caption"))
                    QUIRE_TRY(inlines(c, p.content, {}));
            } else {
                return unknown(e, "<body>");
            }
            a_.body.push_back(std::move(p));
        }
        // The item's marker goes on its own first paragraph; an item that begins with a nested
        // list (whose first paragraph has its own marker, one level deeper) has none.
        if (!marker.empty() && a_.body.size() > first && a_.body[first].list_depth == list_depth)
            a_.body[first].list_marker = marker;
        return Unit{};
    }

    /// A <list>: its items' blocks, one level deeper.
    Result<Unit> list(const tinyxml2::XMLElement* e, int quote, int list_depth) {
        for (const auto* item = e->FirstChildElement(); item; item = item->NextSiblingElement()) {
            if (std::strcmp(item->Name(), "item") != 0) return unknown(item, "<list>");
            // No marker attribute: a bullet; marker="": none (a list that
            // continues an item, as article_to_xml writes it).
            const std::string m = item->Attribute("marker") ? attr(item, "marker") : "•";
            const std::size_t before = a_.body.size();
            QUIRE_TRY(blocks(item, quote, list_depth + 1, m));
            if (a_.body.size() == before) {  // an empty item
                QUIRE_TRY_ASSIGN(Paragraph p, paragraph(item, quote, list_depth + 1));
                p.list_marker = m;
                a_.body.push_back(std::move(p));
            }
        }
        return Unit{};
    }

    Result<std::shared_ptr<Table>> table(const tinyxml2::XMLElement* e) {
        auto t = std::make_shared<Table>();
        for (const auto* c = e->FirstChildElement(); c; c = c->NextSiblingElement()) {
            const std::string cn = c->Name();
            if (cn == "col") {
                const std::string al = attr(c, "align");
                t->align.push_back(al == "left"     ? Align::left
                                   : al == "center" ? Align::center
                                   : al == "right"  ? Align::right
                                                    : Align::none);
            } else if (cn == "caption") {
                continue;  // read by the caller (the table's content)
            } else if (cn == "row") {
                TableRow r;
                r.header = attr(c, "header") == "true";
                for (const auto* cell = c->FirstChildElement(); cell;
                     cell = cell->NextSiblingElement()) {
                    if (std::strcmp(cell->Name(), "cell") != 0) return unknown(cell, "<row>");
                    TableCell tc;
                    QUIRE_TRY(inlines(cell, tc.content, {}));
                    r.cells.push_back(std::move(tc));
                }
                t->rows.push_back(std::move(r));
            } else {
                return unknown(c, "<table>");
            }
        }
        return t;
    }

    Result<Unit> notes(const tinyxml2::XMLElement* ns) {
        for (const auto* e = ns->FirstChildElement(); e; e = e->NextSiblingElement()) {
            if (std::strcmp(e->Name(), "note") != 0) return unknown(e, "<notes>");
            Note note;
            QUIRE_TRY_ASSIGN(note.number, integer(e, "n", 1, kMaxNoteNumber));
            note.line = e->GetLineNum();
            for (const auto* p = e->FirstChildElement(); p; p = p->NextSiblingElement()) {
                if (std::strcmp(p->Name(), "p") != 0) return unknown(p, "<note>");
                QUIRE_TRY_ASSIGN(Paragraph para, paragraph(p, 0, 0));
                QUIRE_TRY(inlines(p, para.content, {}));
                note.paragraphs.push_back(std::move(para));
            }
            if (a_.find_note(note.number)) {
                diags_.warning({name_, note.line}, "duplicate note " + std::to_string(note.number) +
                                                       "; the first is kept");
                continue;
            }
            a_.notes.push_back(std::move(note));
        }
        return Unit{};
    }

    Result<Unit> bio(const tinyxml2::XMLElement* b) {
        AuthorBio bio;
        QUIRE_TRY_ASSIGN(bio.lang, lang_attr(b));
        bio.line = b->GetLineNum();
        for (const auto* e = b->FirstChildElement(); e; e = e->NextSiblingElement()) {
            const std::string n = e->Name();
            if (n == "name") {
                bio.name = text(e);
            } else if (n == "affiliation") {
                bio.affiliation = text(e);
            } else if (n == "email") {
                bio.email = text(e);
            } else if (n == "orcid") {
                const auto check = model::check_orcid(text(e));
                if (!check.ok) return error(e->GetLineNum(), "<orcid>: " + check.problem);
                bio.orcid = check.normal;
            } else if (n == "photo") {
                QUIRE_TRY_ASSIGN(bio.photo, image(e, false));
            } else if (n == "p") {
                QUIRE_TRY_ASSIGN(Paragraph p, paragraph(e, 0, 0));
                QUIRE_TRY(inlines(e, p.content, {}));
                bio.paragraphs.push_back(std::move(p));
            } else {
                return unknown(e, "<bio>");
            }
        }
        a_.bios.push_back(std::move(bio));
        return Unit{};
    }

    std::string name_;
    Diagnostics& diags_;
    std::filesystem::path base_;
    const ReadOptions& options_;                        ///< images, allowed_paths
    Limits limits_;                                     ///< ReadOptions::limits
    mutable int removed_ = 0, first_removed_line_ = 0;  ///< control characters clean() removed
    Article a_;
};

}  // namespace

namespace import {

Result<Article> parse_xml_article(std::string_view data, const std::filesystem::path& path,
                                  Diagnostics& diags, const ReadOptions& options) {
    const std::string name = path.string();
    if (auto bad = check_bytes(data, name)) return *bad;
    // Whitespace is kept as written: <pre> keeps its lines, text its spaces.
    tinyxml2::XMLDocument exact(true, tinyxml2::PRESERVE_WHITESPACE);
    if (exact.Parse(data.data(), data.size()) != tinyxml2::XML_SUCCESS)
        return make_error({name, exact.ErrorLineNum()}, std::string("XML: ") + exact.ErrorStr());
    QUIRE_TRY_ASSIGN(Article a,
                     XmlReader(name, diags, path.parent_path(), options).read(exact.RootElement()));
    import::check_references(a, diags);
    model::check_cross_references(a, diags);
    ReadOptions langs = options;
    // The XML states its languages: only what it leaves open is detected.
    if (langs.lang.empty()) langs.lang = a.lang;
    import::assign_languages(a, langs);
    return a;
}

}  // namespace import

}  // namespace quire::inline v0

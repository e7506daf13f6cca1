// epub/content: the article as one XHTML5 content document (see epub.hpp).
//
// Notes follow the practice that works in the reading systems users have (ANCHOR-TRAPS.md):
// the mark is the link itself, `<a epub:type="noteref" role="doc-noteref">`, with nothing
// inside it but the number (Apple Books shows no pop-up otherwise); each note is its own
// `<aside epub:type="footnote" role="doc-footnote">` carrying the id (Kobo) and starting with
// its number as the back-link (Kindle runs notes together otherwise).
#include "epub/epub.hpp"
#include "epub/xml.hpp"
#include "model/labels.hpp"

#include <map>
#include <string>

namespace quire::epub {

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
    const bool rtl = labels::is_rtl_language(lang);
    if (rtl != labels::is_rtl_language(parent)) a.dir = rtl ? "rtl" : "ltr";
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
    Writer(const Article& a) : a_(a) {
        for (const auto& n : a_.notes) notes_.emplace(n.number, &n);
        // A note's back-link goes to its first mark; notes never referenced have none.
        for (const auto& p : a_.body)
            for (const auto& in : p.content)
                if (const auto* r = std::get_if<NoteRef>(&in)) ++ref_count_[r->number];
    }

    std::string run() {
        x_.xhtml_start(a_.lang, labels::is_rtl_language(a_.lang), a_.title,
                       {{"epub:type", "bodymatter"}});
        article();
        notes();
        bio();
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
        if (!a_.authors.empty()) {
            std::string names;
            for (const auto& n : a_.authors) {
                if (!names.empty()) names += ", ";
                names += n;
            }
            x_.element("p", names, {{"class", "byline"}});
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
        bool first = true;
        for (const auto& p : a_.body) {
            x_.open("p");
            if (first) x_.attr("class", "first");
            first = false;
            const std::string lang = p.lang.empty() ? a_.lang : p.lang;
            push_lang(x_, lang_change(lang, a_.lang));
            inlines(p, lang, true);
            x_.end();
        }
        x_.end();  // section
    }

    /// The inline content of a paragraph; note marks become links when `marks`.
    void inlines(const Paragraph& p, const std::string& lang, bool marks) {
        for (const auto& in : p.content) {
            if (const auto* t = std::get_if<Text>(&in)) {
                const LangAttrs la = lang_change(t->lang, lang);
                int open = 0;
                if (!la.lang.empty()) {
                    x_.open("span");
                    push_lang(x_, la);
                    ++open;
                }
                if (t->strong) x_.open("strong"), ++open;
                if (t->emphasis) x_.open("em"), ++open;
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

    void bio() {
        if (!a_.bio) return;
        const AuthorBio& b = *a_.bio;
        const std::string lang = b.lang.empty() ? a_.lang : b.lang;
        x_.open("section", {{"id", "bio"}, {"class", "bio"}, {"aria-labelledby", "bio-name"}});
        push_lang(x_, lang_change(lang, a_.lang));
        x_.nl();
        x_.element("h2", b.name, {{"id", "bio-name"}, {"class", "bio-name"}});
        x_.nl();
        for (const auto& p : b.paragraphs) {
            x_.open("p");
            const std::string plang = p.lang.empty() ? lang : p.lang;
            push_lang(x_, lang_change(plang, lang));
            inlines(p, plang, false);
            x_.end();
        }
        x_.end();
    }

    const Article& a_;
    Xml x_;
    std::map<int, const Note*> notes_;
    std::map<int, int> ref_count_, marks_seen_;
};

}  // namespace

std::string content_document(const Article& article, const Style& /*style*/) {
    return Writer(article).run();
}

}  // namespace quire::epub

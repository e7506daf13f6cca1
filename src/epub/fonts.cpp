// epub/fonts: which faces the text needs, the CSS family list, and the subsets to embed.
//
// The same fallback chains as the PDF decide which face sets each character. In automatic
// mode the faces beyond the chain's first are embedded: the first (Noto Serif) covers Latin,
// Greek and Cyrillic, which every reading system can show; the others carry the scripts a
// reading system may lack (Arabic, Hebrew, Devanagari, CJK, Thai...). Subsets keep every
// OpenType layout feature of the characters they hold, so the reading system shapes them as the
// PDF does.
#include "base/utf8.hpp"
#include "epub/epub.hpp"
#include "model/labels.hpp"
#include "text/subset.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace quire::inline v0::epub {

namespace {

void add_text(CodePointSet& cps, std::string_view s) {
    utf8::for_each(s, [&](char32_t c, std::size_t) {
        if (c > 0x20 && !(c >= 0x7F && c < 0xA0)) cps.insert(c);
    });
}

using ByStyle = TextByStyle;

void add_paragraph(ByStyle& by_style, const Paragraph& p, text::FaceStyle base,
                   const std::string& lang) {
    const std::string& plang = p.lang.empty() ? lang : p.lang;
    for (const auto& in : p.content) {
        if (const auto* t = std::get_if<Text>(&in)) {
            text::FaceStyle fs = base;
            fs.bold = fs.bold || t->strong;
            fs.italic = fs.italic || t->emphasis;
            add_text(by_style[{fs, t->lang.empty() ? plang : t->lang}], t->text);
        } else if (const auto* r = std::get_if<NoteRef>(&in)) {
            add_text(by_style[{base, plang}], std::to_string(r->number) + ",");
        }
    }
}

/// The font file of `face` subset to `cps`.
Result<std::string> subset(const text::Face& face, const CodePointSet& cps) {
    const text::hb::SubsetInputPtr in = text::hb::subset_input();
    if (!in) return make_error({}, "font subsetting: out of memory");
    hb_set_t* u = hb_subset_input_unicode_set(in.get());
    cps.for_each([&](char32_t c) { hb_set_add(u, c); });
    // Keep every layout feature: the reading system shapes the text itself.
    text::hb::keep_layout_features(in.get(), true);
    const text::hb::FacePtr out = text::hb::subset(face.hb_face(), in.get());
    if (!out) return make_error({}, "font subsetting failed for " + face.path());
    std::string bytes = text::hb::face_bytes(out.get());
    if (bytes.empty()) return make_error({}, "font subsetting gave no data for " + face.path());
    return bytes;
}

}  // namespace

void add_publication_text(TextByStyle& by_style, const Article& a) {
    const std::string& al = a.lang;
    add_text(by_style[{{true, false}, al}], a.title);
    add_text(by_style[{{}, al}], a.subtitle);
    // The words quire writes itself: headings (bold) and the translations label.
    for (const auto l :
         {labels::Label::notes, labels::Label::contents, labels::Label::about_author})
        add_text(by_style[{{true, false}, al}], labels::get(l, a.lang));
    if (std::count_if(a.bios.begin(), a.bios.end(), [](const auto& b) { return b.has_details(); }) >
        1)
        add_text(by_style[{{true, false}, al}], labels::get(labels::Label::about_authors, a.lang));
    add_text(by_style[{{}, al}], labels::get(labels::Label::also_available, a.lang));
    add_text(by_style[{{false, true}, al}], labels::join_names(a.authors, a.lang));
    for (const auto& t : a.translations) add_text(by_style[{{false, true}, al}], t.label);
    for (const auto& p : a.body) {
        add_paragraph(by_style, p, {p.heading > 0, false}, al);
        if (p.table)
            for (const auto& r : p.table->rows)
                for (const auto& c : r.cells) {
                    Paragraph cell;
                    cell.content = c.content;
                    cell.lang = p.lang;
                    add_paragraph(by_style, cell, {r.header, false}, al);
                }
    }
    for (const auto& n : a.notes) {
        add_text(by_style[{{}, al}], std::to_string(n.number));
        for (const auto& p : n.paragraphs) add_paragraph(by_style, p, {}, al);
    }
    // The words of numbered captions and cross-references (content.cpp), when there are any.
    bool numbered = false;
    for (const auto& p : a.body) {
        numbered = numbered || p.kind() == BlockKind::figure || p.kind() == BlockKind::table;
        for (const auto& in : p.content)
            if (const auto* t = std::get_if<Text>(&in)) numbered = numbered || !t->xref.empty();
    }
    if (numbered)
        for (const bool bold : {true, false})
            for (const auto l :
                 {labels::Label::figure, labels::Label::table, labels::Label::section})
                add_text(by_style[{{bold, false}, al}], std::string(labels::get(l, a.lang)) +
                                                            " 0123456789.\u00A0\u2002\u201C\u201D");
    // A report's summary and imprint (content.cpp).
    const Publication& pub = a.publication;
    if (!pub.empty()) {
        for (const auto l : {labels::Label::summary, labels::Label::cite_as})
            add_text(by_style[{{true, false}, al}], labels::get(l, a.lang));
        add_text(by_style[{{true, false}, al}], pub.summary_title);
        add_text(by_style[{{}, al}], "\u00A9 0123456789 " + pub.organisation + " " +
                                         labels::join_names(a.authors, a.lang) + " " + pub.licence +
                                         " ISBN " + pub.isbn + " ISSN " + pub.issn +
                                         " https://doi.org/" + pub.doi + " " + citation(a));
        for (const auto& p : pub.summary) add_paragraph(by_style, p, {}, al);
        for (const auto& p : pub.disclaimer) add_paragraph(by_style, p, {}, al);
    }
    for (const AuthorBio& bio : a.bios) {
        const std::string& bl = bio.lang.empty() ? al : bio.lang;
        add_text(by_style[{{true, false}, bl}], bio.name);
        add_text(by_style[{{}, bl}],
                 bio.affiliation + " \u00B7 " + bio.email + " ORCID " + bio.orcid);
        for (const auto& p : bio.paragraphs) add_paragraph(by_style, p, {}, bl);
    }
}

void add_publication_text(TextByStyle& by_style, text::FaceStyle fs, const std::string& lang,
                          std::string_view s) {
    add_text(by_style[{fs, lang}], s);
}

Result<Unit> choose_fonts(const Article& a, const Style& style, text::FontBook& fonts,
                          FontEmbedding mode, std::vector<std::string>& families,
                          std::vector<LangFamilies>& lang_families, std::vector<CssFont>& embedded,
                          std::vector<Resource>& resources) {
    TextByStyle by_style;
    add_publication_text(by_style, a);
    return choose_fonts(by_style, a.lang, style, fonts, mode, families, lang_families, embedded,
                        resources);
}

Result<Unit> choose_fonts(const TextByStyle& by_style, const std::string& al, const Style& style,
                          text::FontBook& fonts, FontEmbedding mode,
                          std::vector<std::string>& families,
                          std::vector<LangFamilies>& lang_families, std::vector<CssFont>& embedded,
                          std::vector<Resource>& resources) {
    // Which face of the chain sets each character, per style and language (a language may
    // replace faces of the chain: Japanese takes the Japanese CJK face).
    const std::string& chain_name = style.body.chain;
    const std::string body_section = fonts.language_section(al);
    const auto primary = fonts.chain(chain_name, {}, al);
    std::map<const text::Face*, CodePointSet> face_cps;
    std::map<const text::Face*, std::set<text::FaceStyle>> face_styles;
    std::set<std::string> used_families;
    std::map<std::string, std::set<std::string>> section_families;  // other languages
    for (const auto& [key, cps] : by_style) {
        const auto& [fs, lang] = key;
        const std::string section = fonts.language_section(lang);
        const auto chain = fonts.chain(chain_name, fs, lang);
        std::vector<bool> used(chain.size(), false);
        cps.for_each([&](char32_t c) {
            for (std::size_t i = 0; i < chain.size(); ++i) {
                if (!chain[i]->has_char(c)) continue;
                face_cps[chain[i]].insert(c);
                used[i] = true;
                break;
            }
        });
        for (std::size_t i = 0; i < chain.size(); ++i) {
            if (!used[i]) continue;
            const text::Face* f = chain[i];
            face_styles[f].insert(fs);
            if (section == body_section || section.empty())
                used_families.insert(f->family());
            else
                section_families[section].insert(f->family());
        }
    }
    // Families in chain order (the regular chain decides the order).
    families.clear();
    for (const text::Face* f : primary)
        if (used_families.erase(f->family())) families.push_back(f->family());
    for (const auto& f : used_families) families.push_back(f);
    if (families.empty() && !primary.empty()) families.push_back(primary.front()->family());
    // Text in another language whose chain differs: its own list, in its chain's order.
    lang_families.clear();
    for (auto& [section, used] : section_families) {
        LangFamilies lf;
        lf.lang = section;
        for (const text::Face* f : fonts.chain(chain_name, {}, section))
            if (used.erase(f->family())) lf.families.push_back(f->family());
        for (const auto& f : used) lf.families.push_back(f);
        for (const auto& f : families)
            if (std::find(lf.families.begin(), lf.families.end(), f) == lf.families.end())
                lf.families.push_back(f);
        if (lf.families != families) lang_families.push_back(std::move(lf));
    }

    if (mode == FontEmbedding::never) return Unit{};
    // Faces in a stable order: by family, then file and index.
    std::vector<const text::Face*> order;
    for (const auto& [f, cps] : face_cps) order.push_back(f);
    std::sort(order.begin(), order.end(), [](const text::Face* x, const text::Face* y) {
        if (x->family() != y->family()) return x->family() < y->family();
        if (x->path() != y->path()) return x->path() < y->path();
        return x->index() < y->index();
    });
    const std::string primary_family = primary.empty() ? std::string() : primary.front()->family();
    std::set<std::string> used_names;
    for (const text::Face* f : order) {
        if (mode == FontEmbedding::automatic && f->family() == primary_family) continue;
        CodePointSet cps = face_cps[f];
        // Digits, common punctuation and the space ride along: a reading system may set them in
        // this face within the script's runs.
        for (char32_t c : std::u32string_view(U" 0123456789.,:;()-\u00A0\u2013\u2014"))
            if (f->has_char(c)) cps.insert(c);
        const bool cff = f->outlines() != text::Outlines::truetype;
        std::string name = f->postscript_name().empty() ? "font" : f->postscript_name();
        std::string unique = name;
        for (int n = 2; used_names.count(unique); ++n) unique = name + "-" + std::to_string(n);
        used_names.insert(unique);
        Resource r;
        r.path = "fonts/" + unique + (cff ? ".otf" : ".ttf");
        r.media_type = cff ? "font/otf" : "font/ttf";
        r.id = "font-" + unique;
        QUIRE_TRY_ASSIGN(r.data, subset(*f, cps));
        for (const auto& fs : face_styles[f])
            embedded.push_back(CssFont{f->family(), fs.bold, fs.italic, r.path});
        resources.push_back(std::move(r));
    }
    return Unit{};
}

}  // namespace quire::inline v0::epub

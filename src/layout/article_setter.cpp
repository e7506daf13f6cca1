// layout/article_setter: see article_setter.hpp.
#include "layout/article_setter.hpp"

#include "text/hyphenate.hpp"

#include "base/lang_tag.hpp"
#include "base/utf8.hpp"
#include "layout/tagging.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstdio>
#include <utility>

namespace quire::inline v0::layout {

namespace {

std::string hex4(char32_t c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
    return buf;
}

std::string char_name(char32_t c) {
    UErrorCode st = U_ZERO_ERROR;
    char buf[256];
    int32_t n = u_charName(static_cast<UChar32>(c), U_UNICODE_CHAR_NAME, buf, sizeof buf, &st);
    return U_SUCCESS(st) && n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
}

}  // namespace

std::string word(labels::Label l, const std::string& lang) {
    return std::string(labels::get(l, lang));
}

ArticleSetter::ArticleSetter(const Article& a, const Style& s, text::FontBook& f, Diagnostics& d)
    : article(a),
      style(s),
      measure(s.page_width - s.margin_inner - s.margin_outer),
      rtl(lang_tag::is_rtl(a.lang)),
      root(structure.add("Document", -1, a.lang)),
      numbering(
          model::number_blocks(a, s.number_headings, s.number_figures, s.heading_number_format)),
      fonts_(f),
      diags_(d) {
    for (const CharProtrusion& c : s.protrusion_chars) {
        if (c.character.empty()) continue;
        const char32_t cp = utf8::decode(c.character, 0).c;
        std::erase_if(protrusion_chars_, [&](const auto& e) { return e.first == cp; });
        protrusion_chars_.push_back({cp, {c.start, c.end}});
    }
    std::sort(protrusion_chars_.begin(), protrusion_chars_.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
}

void ArticleSetter::warn(int line, const std::string& message) {
    diags_.warning({article.source, line}, message);
}

text::SpanStyle ArticleSetter::span(const FontRole& role, bool bold, bool italic,
                                    const std::string& lang) const {
    text::SpanStyle s;
    s.chain = role.chain;
    s.face = {bold, italic};
    s.size = role.size;
    s.lang = lang.empty() ? article.lang : lang;
    return s;
}

void ArticleSetter::append_text(text::ParagraphText& pt, const Text& t, const FontRole& role,
                                const std::string& lang) const {
    auto st = span(role, t.strong, t.emphasis, t.lang.empty() ? lang : t.lang);
    if (!append_reference(pt, t, st)) pt.append(t.text, st);
}

bool ArticleSetter::append_reference(text::ParagraphText& pt, const Text& t,
                                     text::SpanStyle st) const {
    // A cross-reference: the target's label and number (and page, from an earlier pass),
    // linked to it; as written when nothing has that id (the importer warned).
    if (t.xref.empty()) return false;
    std::string said = numbering.reference_text(article, t.xref);
    if (said.empty()) return false;
    const std::string& dest = numbering.dest.at(t.xref);
    // Its place among the references, the same in every pass (the same text is set in the
    // same order), goes into the link: the composer notes its page (reference_folio).
    const int k = references_met_++;
    if (const auto f = target_folio.find(dest); f != target_folio.end()) {
        const auto here = reference_folio_before.find(k);
        if (here == reference_folio_before.end() || here->second != f->second)
            said += labels::page_reference(f->second, article.lang);
    }
    st.href = std::string(kDestLink) + dest + "#" + std::to_string(k);
    pt.append(said, st);
    return true;
}

void ArticleSetter::append_text(text::ParagraphText& pt, const Paragraph& para,
                                const FontRole& role, const std::string& lang) const {
    for (const auto& in : para.content)
        if (const auto* t = std::get_if<Text>(&in)) append_text(pt, *t, role, lang);
}

text::ParagraphText ArticleSetter::paragraph_text(const Paragraph& para, const FontRole& role,
                                                  const std::string& lang) const {
    text::ParagraphText pt;
    bool after_mark = false;
    for (const auto& in : para.content) {
        if (const auto* t = std::get_if<Text>(&in)) {
            auto st = span(t->code ? style.code : role, t->strong, t->emphasis,
                           t->lang.empty() ? lang : t->lang);
            if (t->code) st.size = role.size * style.code.size / style.body.size;
            st.href = t->href;
            if (append_reference(pt, *t, st)) {
                after_mark = false;
                continue;
            }
            pt.append(t->text, st);
            after_mark = after_mark && t->text.empty();
        } else if (const auto* r = std::get_if<NoteRef>(&in)) {
            auto st = span(role, false, false, lang);
            st.size = role.size * style.superscript_scale;
            st.rise = role.size * style.superscript_rise;
            // Marks side by side ("[8][9]") get a raised comma between them: 8,9 not 89.
            if (after_mark) pt.append(",", st);
            st.note_mark = r->number;
            pt.append(std::to_string(r->number), st);
            after_mark = true;
        }
    }
    if (para.dir == "rtl") pt.base_level = 1;
    if (para.dir == "ltr") pt.base_level = 0;
    return pt;
}

ParagraphSpec ArticleSetter::spec_for(double width, const std::string& lang, bool justify,
                                      bool hyphenate) const {
    ParagraphSpec s;
    s.width = width;
    s.justify = justify;
    s.lang = lang;
    s.params.tolerance = style.tolerance;
    s.params.line_penalty = style.line_penalty;
    s.params.double_hyphen_demerits = style.double_hyphen_demerits;
    s.params.adj_demerits = style.adj_demerits;
    s.params.final_hyphen_demerits = style.final_hyphen_demerits;
    s.params.emergency_stretch = style.emergency_stretch;
    s.params.max_consecutive_hyphens = style.max_consecutive_hyphens;
    s.hyphenate = hyphenate && style.hyphenate;
    s.url_penalty = style.url_penalty;
    s.letter_space_stretch = style.letter_space_stretch;
    s.letter_space_shrink = style.letter_space_shrink;
    s.hyphen_penalty = style.hyphen_penalty;
    s.ex_hyphen_penalty = style.ex_hyphen_penalty;
    s.left_hyphen_min = style.left_hyphen_min;
    s.right_hyphen_min = style.right_hyphen_min;
    if (hyphenate) {
        if (style.protrusion) s.protrusion = style.protrusion_factor;
        s.protrusion_chars = protrusion_chars_;
        if (justify) {
            s.expansion_stretch = style.expansion_stretch;
            s.expansion_shrink = style.expansion_shrink;
            s.expansion_step = style.expansion_step;
            s.kashida = style.kashida;
        }
    }
    return s;
}

text::MissingGlyph ArticleSetter::missing_reporter(int line) {
    return [this, line](char32_t c, std::uint32_t) {
        if (!reported_missing_.insert(c).second) return;
        std::string name = char_name(c);
        warn(line,
             "character " + hex4(c) + (name.empty() ? "" : " " + name) + " ('" + utf8::encode(c) +
                 "') cannot be shown by any font of the fallback chain; it prints as a "
                 "blank box (install a font that covers it, or add one to fonts/fallback.conf)");
    };
}

std::vector<SetLine> ArticleSetter::set(text::ParagraphText p, const ParagraphSpec& spec, int line,
                                        int elem, std::uint64_t base) {
    // A paragraph's direction comes from its language (as markup gives it in HTML), not
    // from its first letter: an English note that opens with an Arabic title stays
    // left-to-right, an Arabic one that opens with a Latin name stays right-to-left.
    if (p.base_level < 0) p.base_level = lang_tag::is_rtl(spec.lang) ? 1 : 0;
    auto lines = set_plain(p, spec, line);
    for (const auto& l : lines)
        if (l.overfull) {
            warn(line, "a line of this paragraph is wider than the measure");
            break;
        }
    if (elem >= 0) tag(lines, p, elem, base);
    return lines;
}

std::vector<SetLine> ArticleSetter::set_plain(const text::ParagraphText& p,
                                              const ParagraphSpec& spec, int line) {
    if (spec.hyphenate) warn_missing_patterns(p, spec, line);
    return set_paragraph(p, spec, fonts_, missing_reporter(line));
}

void ArticleSetter::warn_missing_patterns(const text::ParagraphText& p, const ParagraphSpec& spec,
                                          int line) {
    // The hyphenator gives each language's warning once (it is shared by a batch's articles):
    // the first paragraph that would be hyphenated in a language without patterns says so.
    const text::Hyphenator& hy = fonts_.hyphenator();
    const std::string* last = nullptr;
    for (const text::Span& sp : p.spans) {
        const std::string& lang = p.styles[static_cast<std::size_t>(sp.style)].lang;
        const std::string& l = lang.empty() ? spec.lang : lang;
        if (last && *last == l) continue;
        last = &l;
        if (auto msg = hy.missing_patterns_warning(l)) warn(line, *msg);
    }
}

std::uint64_t ArticleSetter::tag(std::vector<SetLine>& lines, const text::ParagraphText& pt,
                                 int elem, std::uint64_t base) {
    return tag_lines(structure, lines, pt, elem, base);
}

SetLine ArticleSetter::one_line(const std::string& s, const FontRole& role, bool italic, int elem) {
    text::ParagraphText pt;
    pt.append(s, span(role, false, italic, article.lang));
    pt.base_level = rtl ? 1 : 0;
    ParagraphSpec spec = spec_for(1e6, article.lang, false, false);
    spec.rtl_flush_right = false;
    auto lines = set_plain(pt, spec, 1);
    if (elem >= 0) tag(lines, pt, elem);
    return lines.empty() ? SetLine{} : std::move(lines.front());
}

int ArticleSetter::block(const char* type, int parent, const std::string& lang) {
    return structure.add(type, parent, lang == structure.lang_of(parent) ? std::string() : lang);
}

int ArticleSetter::figure(const std::string& alt, bool decorative, int parent,
                          const std::string& lang) {
    if (decorative) return -1;
    const int f = block("Figure", parent, lang);
    elem_at(f).alt = alt;
    return f;
}

}  // namespace quire::inline v0::layout

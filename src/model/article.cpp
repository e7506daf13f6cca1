// model/article: the few behaviours of the article model.
//
// The model is plain data (include/quire/article.hpp); this file holds the helpers that every
// stage shares. Invariants: text is UTF-8 in NFC as the importers left it; nothing here throws
// except std::bad_alloc.
#include <quire/article.hpp>

#include "model/labels.hpp"

#include <unicode/uloc.h>

#include <algorithm>
#include <string>

namespace quire::inline v0 {

std::string Paragraph::plain_text() const {
    std::string out;
    for (const Inline& item : content) {
        if (const auto* text = std::get_if<Text>(&item)) out += text->text;
    }
    return out;
}

const Note* Article::find_note(int number) const {
    const auto it = std::find_if(notes.begin(), notes.end(),
                                 [number](const Note& n) { return n.number == number; });
    return it == notes.end() ? nullptr : &*it;
}

bool AuthorBio::has_details() const {
    return !paragraphs.empty() || photo || !affiliation.empty() || !email.empty() || !orcid.empty();
}

bool Publication::empty() const {
    return series.empty() && number.empty() && organisation.empty() && !logo && !cover &&
           isbn.empty() && issn.empty() && doi.empty() && licence.empty() && cite_as.empty() &&
           disclaimer.empty() && summary.empty() && summary_title.empty() && !contents;
}

namespace {

/// `s` with a full stop after it, unless it ends in one already (or in ? ! … or a closing
/// quote after one of them).
void append_sentence(std::string& out, std::string_view s) {
    if (s.empty()) return;
    if (!out.empty()) out += ' ';
    out += s;
    std::string_view t = s;
    for (std::string_view q : {"\u201D", "\u2019", "\"", "\u00BB", ")"})
        if (t.size() > q.size() && t.substr(t.size() - q.size()) == q) t.remove_suffix(q.size());
    const char last = t.empty() ? 0 : t.back();
    const bool ends = last == '.' || last == '?' || last == '!' ||
                      (t.size() >= 3 && t.substr(t.size() - 3) == "\u2026");
    if (!ends) out += '.';
}

}  // namespace

std::string citation(const Article& a) {
    const Publication& pub = a.publication;
    if (!pub.cite_as.empty()) return pub.cite_as;
    std::string out = labels::join_names(a.authors, a.lang);
    if (const std::string year = labels::year_of(a.date); !year.empty()) {
        if (!out.empty()) out += ' ';
        out += "(" + year + ")";
    }
    if (!out.empty()) out += '.';
    std::string title = a.title;
    if (!a.subtitle.empty()) title += ": " + a.subtitle;
    append_sentence(out, title);
    std::string series = pub.series;
    if (!pub.number.empty()) series += (series.empty() ? "" : " ") + pub.number;
    append_sentence(out, series);
    append_sentence(out, pub.organisation);
    if (!pub.doi.empty()) {
        if (!out.empty()) out += ' ';
        out += "https://doi.org/" + pub.doi;
    } else if (!pub.isbn.empty()) {
        append_sentence(out, "ISBN " + pub.isbn);
    }
    return out;
}

bool is_language_tag(std::string_view tag) {
    if (tag.empty() || tag.size() > 128) return false;
    for (char c : tag)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-'))
            return false;
    // ICU parses a well-formed tag whole; it stops early in an ill-formed one.
    const std::string t(tag);
    char locale[ULOC_FULLNAME_CAPACITY];
    int32_t parsed = 0;
    UErrorCode status = U_ZERO_ERROR;
    uloc_forLanguageTag(t.c_str(), locale, sizeof locale, &parsed, &status);
    return U_SUCCESS(status) && parsed == static_cast<int32_t>(t.size());
}

}  // namespace quire::inline v0

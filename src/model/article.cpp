// model/article: the few behaviours of the article model.
//
// The model is plain data (include/quire/article.hpp); this file holds the helpers that every
// stage shares. Invariants: text is UTF-8 in NFC as the importers left it; nothing here throws
// except std::bad_alloc.
#include <quire/article.hpp>

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

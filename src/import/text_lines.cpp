// import/text_lines: the plain-text reader's lines (text_lines.hpp): code points, cleaning,
// the classes of lines, and paragraphs made of lines.
#include "import/text_lines.hpp"

#include "base/utf8.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>

namespace quire::inline v0::import::plain {

namespace {

bool is_blank(UChar32 c) {
    return u_isUWhiteSpace(c) || c == 0x200B;
}

/// Characters of scripts written without spaces between words: lines in them join without one.
bool is_spaceless(UChar32 c) {
    if (c < 0) return false;
    if ((c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF)) return true;  // CJK punct.
    UErrorCode status = U_ZERO_ERROR;
    switch (uscript_getScript(c, &status)) {
        case USCRIPT_HAN:
        case USCRIPT_HIRAGANA:
        case USCRIPT_KATAKANA:
        case USCRIPT_THAI:
        case USCRIPT_LAO:
        case USCRIPT_KHMER:
        case USCRIPT_MYANMAR:
            return true;
        default:
            return false;
    }
}

bool ascii_iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
               return lower(x) == lower(y);
           });
}

bool ascii_istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && ascii_iequals(s.substr(0, prefix.size()), prefix);
}

/// Web-page furniture copied along with articles: whole lines, compared case-insensitively
/// with an optional trailing colon. Kept short on purpose: each entry must be a line no article
/// would have as text of its own.
constexpr std::string_view kStrayLines[] = {
    "Similar Posts",   "Related Posts",      "Related Articles", "Share this",
    "Share this post", "Share this article", "Like this",        "You may also like",
};

/// Starts of the line announcing translations: "This post is also available in: Türkçe Русский".
constexpr std::string_view kTranslationPrefixes[] = {
    "This post is also available in",
    "This article is also available in",
    "This page is also available in",
    "Also available in",
};

/// Single-line headings that may stand right before the notes list; dropped there.
constexpr std::string_view kNotesHeadings[] = {
    "notes",    "footnotes", "endnotes",  "references", "sources",
    "kaynakça", "kaynaklar", "dipnotlar", "примечания", "сноски",
};

std::string_view without_colon(std::string_view s) {
    while (!s.empty() && (s.back() == ':' || s.back() == ' ')) s.remove_suffix(1);
    return s;
}

/// "[n]" at `pos` of `s` (1 to 9 digits, no leading zero): the number and the end offset. Any
/// number a note may have; how many notes an article may hold is Limits::notes.
std::optional<std::pair<int, std::size_t>> bracket_number(std::string_view s, std::size_t pos) {
    if (pos >= s.size() || s[pos] != '[') return std::nullopt;
    std::size_t i = pos + 1;
    int n = 0;
    while (i < s.size() && i - pos <= 9 && s[i] >= '0' && s[i] <= '9') n = n * 10 + (s[i++] - '0');
    if (i == pos + 1 || s[pos + 1] == '0' || i >= s.size() || s[i] != ']') return std::nullopt;
    return std::pair{n, i + 1};
}

}  // namespace

// ---- Code points ------------------------------------------------------------------------------

/// `s` without leading and trailing white space (Unicode White_Space and ZWSP).
std::string_view trim(std::string_view s) {
    std::size_t b = 0;
    while (b < s.size()) {
        const utf8::Decoded d = utf8::decode(s, b);
        if (!is_blank(static_cast<UChar32>(d.c))) break;
        b += d.len;
    }
    std::size_t e = s.size();
    while (e > b) {
        const utf8::Decoded d = utf8::decode_before(s, e);
        if (!is_blank(static_cast<UChar32>(d.c))) break;
        e -= d.len;
    }
    return s.substr(b, e - b);
}

/// Case-folded NFC, for case-insensitive comparison of non-ASCII words.
std::string fold(std::string_view s) {
    icu::UnicodeString u = utf8::to_icu(s);
    u.foldCase();
    return utf8::from_icu(u);
}

std::vector<std::string_view> split_words(std::string_view s) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t j = std::min(s.find(' ', i), s.size());
        if (j > i) words.push_back(s.substr(i, j - i));
        i = j + 1;
    }
    return words;
}

// ---- Cleaning ---------------------------------------------------------------------------------

/// Valid UTF-8 to the form the parser reads: LF line ends, tabs and other spacing controls as
/// spaces, other controls and U+FEFF removed (counted in `removed`), NFC.
std::string clean_text(std::string_view s, int& removed, int& first_removed_line) {
    std::string out;
    out.reserve(s.size());
    int line = 1;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        const char32_t c = utf8::next(s, i);
        if (c == '\r') {
            if (i < s.size() && s[i] == '\n') ++i;
            out += '\n';
            ++line;
        } else if (c == '\n') {
            out += '\n';
            ++line;
        } else if (c == '\t' || c == '\v' || c == '\f') {
            out += ' ';
        } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFEFF) {
            if (removed++ == 0) first_removed_line = line;
        } else {
            out.append(s.substr(start, i - start));
        }
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return out;
    const icu::UnicodeString u = utf8::to_icu(out);
    if (nfc->isNormalized(u, status) && U_SUCCESS(status)) return out;
    status = U_ZERO_ERROR;
    const icu::UnicodeString n = nfc->normalize(u, status);
    if (U_FAILURE(status)) return out;
    return utf8::from_icu(n);
}

/// A trimmed line with runs of spaces collapsed.
std::string tidy_line(std::string_view raw) {
    const std::string_view t = trim(raw);
    std::string out;
    out.reserve(t.size());
    for (char c : t) {
        if (c == ' ' && !out.empty() && out.back() == ' ') continue;
        out += c;
    }
    return out;
}

// ---- Line classes -----------------------------------------------------------------------------

bool is_stray(std::string_view line) {
    const std::string_view s = without_colon(line);
    return std::any_of(std::begin(kStrayLines), std::end(kStrayLines),
                       [&](std::string_view stray) { return ascii_iequals(s, stray); });
}

/// The list after "... also available in:", or nullopt if `line` is not that line.
std::optional<std::string_view> translations_list(std::string_view line) {
    for (std::string_view prefix : kTranslationPrefixes) {
        if (!ascii_istarts_with(line, prefix)) continue;
        std::string_view rest = line.substr(prefix.size());
        while (!rest.empty() && (rest.front() == ' ' || rest.front() == ':')) rest.remove_prefix(1);
        return rest;
    }
    return std::nullopt;
}

bool is_notes_heading(std::string_view line) {
    const std::string folded = fold(without_colon(line));
    return std::any_of(std::begin(kNotesHeadings), std::end(kNotesHeadings),
                       [&](std::string_view h) { return folded == h; });
}

/// A line starting a note, "[n] text": the number and the text.
std::optional<std::pair<int, std::string_view>> note_start(std::string_view line) {
    const auto ref = bracket_number(line, 0);
    if (!ref) return std::nullopt;
    std::string_view rest = line.substr(ref->second);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    return std::pair{ref->first, rest};
}

bool is_note_block(const Block& b) {
    return !b.empty() && note_start(b.front().text).has_value();
}

// ---- Paragraphs -------------------------------------------------------------------------------

/// Builds a paragraph from its lines: lines join with a space (none between two characters of
/// spaceless scripts); with `references`, "[n]" becomes a NoteRef.
Paragraph make_paragraph(std::span<const Line> lines, bool references) {
    Paragraph p;
    p.line = lines.empty() ? 0 : lines.front().number;
    std::string pending;
    auto flush = [&] {
        if (!pending.empty())
            p.content.emplace_back(Text{std::move(pending), {}, false, false, false, {}, {}});
        pending.clear();
    };
    UChar32 last_text = -1;  // the last character of text so far (references aside)
    auto add_text = [&](std::string_view s) {
        if (s.empty()) return;
        pending.append(s);
        last_text = static_cast<UChar32>(utf8::decode_before(s, s.size()).c);
    };
    for (std::size_t k = 0; k < lines.size(); ++k) {
        const std::string_view s = lines[k].text;
        if (k > 0) {
            const auto first = s.empty() ? 0 : static_cast<UChar32>(utf8::decode(s, 0).c);
            if (!(is_spaceless(last_text) && is_spaceless(first))) pending += ' ';
        }
        std::size_t run = 0;  // start of the text not yet copied
        for (std::size_t pos = s.find('['); references && pos != std::string_view::npos;
             pos = s.find('[', pos)) {
            const auto ref = bracket_number(s, pos);
            if (!ref) {
                ++pos;
                continue;
            }
            add_text(s.substr(run, pos - run));
            flush();
            p.content.emplace_back(NoteRef{ref->first, lines[k].number});
            run = pos = ref->second;
        }
        add_text(s.substr(run));
    }
    flush();
    return p;
}

}  // namespace quire::inline v0::import::plain

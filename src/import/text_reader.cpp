// import/text_reader: the plain-text article form, and read_article's dispatch on extensions.
//
// The form (see /work/shared/corpus/seed.txt):
//
//   Title line
//   [stray web lines: "Similar Posts", "This post is also available in: Türkçe Русский", ...]
//   Body paragraphs, separated by blank lines, with note references "[3]"
//   [1] Note text, possibly over several lines; each note starts a line with "[n]"
//   Author Name
//   Bio paragraphs
//
// Stray web lines (kStrayLines) are dropped wherever they stand, and the "also available in" line
// fills Article::translations; a lone "Notes"/"References" line right before the notes list is
// dropped too. Without a notes list, an author block is recognised only at the very end (a short
// name line followed by bio text, see TextParser::split_trailing_author).
//
// Invariants of the result: every string is valid UTF-8 in NFC without control characters; no
// Text run is empty; runs of spaces are collapsed and paragraphs trimmed; lines are the 1-based
// source lines (a CRLF or a lone CR ends one line); notes keep their source order and the first of
// two notes with the same number; references in the body may name a missing note (a warning is
// given, the NoteRef is kept); references in notes and bio are left as text.
// Errors (empty, binary, invalid UTF-8, unreadable) come back as the Result's error and add
// nothing to `diags`; warnings go to `diags`. No exception leaves the public functions.
#include "base/utf8.hpp"
#include "import/common.hpp"
#include "import/lang.hpp"

#include <quire/quire.hpp>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <fstream>
#include <map>
#include <new>
#include <optional>
#include <span>
#include <system_error>

namespace quire::inline v0 {

namespace {

/// Larger inputs are refused whatever Limits::input_bytes says (ICU strings are indexed with
/// int32_t; no article is this big).
constexpr std::size_t kMaxInputBytes = std::size_t{256} << 20;
static_assert(kMaxInputBytes == kMaxInputSize);

// ---- Code points ------------------------------------------------------------------------------

bool is_blank(UChar32 c) {
    return u_isUWhiteSpace(c) || c == 0x200B;
}

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

/// Case-folded NFC, for case-insensitive comparison of non-ASCII words.
std::string fold(std::string_view s) {
    icu::UnicodeString u = utf8::to_icu(s);
    u.foldCase();
    return utf8::from_icu(u);
}

// ---- Raw input checks -------------------------------------------------------------------------

/// 1-based line and column (in characters, counting each undecodable byte as one) of `offset`.
std::pair<int, int> line_and_column(std::string_view s, std::size_t offset) {
    int line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < s.size(); ++i) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b == '\n' || (b == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n'))) {
            ++line;
            column = 1;
        } else if (b != '\r' && !utf8::is_continuation(s[i])) {
            ++column;
        }
    }
    return {line, column};
}

/// Control bytes that never occur in text (all C0 controls but TAB LF VT FF CR, and DEL).
bool is_binary_control(unsigned char b) {
    return (b < 0x20 && b != '\t' && b != '\n' && b != '\v' && b != '\f' && b != '\r') || b == 0x7F;
}

/// The offset where `s` shows itself to be binary data, or npos: any NUL byte, or control
/// bytes making up over 1% of the first 64 KiB (a stray ^Z or ESC in text is tolerated).
std::size_t find_binary(std::string_view s) {
    if (const auto nul = s.find('\0'); nul != std::string_view::npos) return nul;
    const std::size_t window = std::min<std::size_t>(s.size(), 65536);
    std::size_t controls = 0, first = std::string_view::npos;
    for (std::size_t i = 0; i < window; ++i) {
        if (is_binary_control(static_cast<unsigned char>(s[i]))) {
            if (controls++ == 0) first = i;
        }
    }
    return controls >= 8 && controls * 100 > window ? first : std::string_view::npos;
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

struct Line {
    std::string text;  // tidy, never empty
    int number = 0;
};
using Block = std::vector<Line>;  // lines between blank lines

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

// ---- Author lines -----------------------------------------------------------------------------

/// Words of a name that need not be capitalised.
constexpr std::string_view kNameParticles[] = {
    "van", "von",   "de",  "der", "den", "da",  "di",   "du", "la", "le",
    "del", "della", "dos", "das", "bin", "ibn", "bint", "al", "el", "ten",
    "ter", "zu",    "y",   "e",   "and", "ve",  "und",  "et", "и",
};

/// Honorifics, which say nothing about who the author is.
constexpr std::string_view kHonorifics[] = {"dr", "prof", "mr", "mrs", "ms", "doç", "yrd", "doc"};

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

/// The words of a name line worth looking for in a bio: folded, letters only, 3+ letters.
std::vector<std::string> name_keys(std::string_view line) {
    std::vector<std::string> keys;
    for (std::string_view w : split_words(line)) {
        std::string letters;
        for (std::size_t i = 0; i < w.size();) {
            const char32_t c = utf8::next(w, i);
            if (u_isalpha(static_cast<UChar32>(c))) utf8::append(letters, c);
        }
        letters = fold(letters);
        const bool honorific = std::any_of(std::begin(kHonorifics), std::end(kHonorifics),
                                           [&](std::string_view h) { return letters == h; });
        if (!honorific && utf8::count(letters) >= 3) {
            keys.push_back(letters);
        }
    }
    return keys;
}

/// Whether `text` holds one of `keys` as a whole word (case-insensitively).
bool mentions(std::string_view text, const std::vector<std::string>& keys) {
    const std::string folded = fold(text);
    std::string word;
    bool found = false;
    auto end_word = [&] {
        if (!word.empty() && std::find(keys.begin(), keys.end(), word) != keys.end()) found = true;
        word.clear();
    };
    for (std::size_t i = 0; i < folded.size();) {
        const char32_t c = utf8::next(folded, i);
        if (u_isalpha(static_cast<UChar32>(c))) {
            utf8::append(word, c);
        } else {
            end_word();
        }
    }
    end_word();
    return found;
}

/// Whether a line reads like an author's name: at most 60 characters and 7 words, no digits,
/// every word capitalised (name particles aside), no sentence-final punctuation except the
/// period of an abbreviation ("Jr.", "Ph.D.").
bool looks_like_name(std::string_view line, std::size_t min_words) {
    if (utf8::count(line) > 60) return false;
    const auto words = split_words(line);
    if (words.empty() || words.size() > 7 || words.size() < min_words) return false;
    for (std::string_view w : words) {
        const bool particle = std::any_of(std::begin(kNameParticles), std::end(kNameParticles),
                                          [&](std::string_view p) { return w == p; });
        UChar32 first_letter = -1;
        for (std::size_t i = 0; i < w.size();) {
            const auto c = static_cast<UChar32>(utf8::next(w, i));
            if (u_isdigit(c)) return false;
            if (first_letter < 0 && u_isalpha(c)) first_letter = c;
        }
        if (first_letter < 0) {
            if (w != "&" && w != "-" && w != "\u2013") return false;
        } else if (u_islower(first_letter) && !particle) {
            return false;
        }
    }
    const char last = line.back();
    if (last == '!' || last == '?' || last == ':' || last == ';' || last == ',') return false;
    if (last == '.') {
        // Only an abbreviation may end the line: a short last word, or one with inner periods.
        const std::string_view w = words.back().substr(0, words.back().size() - 1);
        if (w.size() > 3 && w.find('.') == std::string_view::npos) return false;
    }
    return true;
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
            p.content.emplace_back(Text{std::move(pending), {}, false, false, false, {}});
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

// ---- The parser -------------------------------------------------------------------------------

/// "[2023]" in running text is a year far more often than a note: a bracketed number of four or
/// more digits is a reference only when the notes list has that number, and stays text otherwise.
void keep_unmatched_long_numbers_as_text(Article& article) {
    for (Paragraph& p : article.body) {
        std::vector<Inline> out;
        out.reserve(p.content.size());
        for (Inline& item : p.content) {
            const auto* ref = std::get_if<NoteRef>(&item);
            if (ref != nullptr && ref->number >= 1000 &&
                article.find_note(ref->number) == nullptr) {
                const std::string text = "[" + std::to_string(ref->number) + "]";
                if (!out.empty() && std::holds_alternative<Text>(out.back()))
                    std::get<Text>(out.back()).text += text;
                else
                    out.emplace_back(Text{text, {}, false, false, false, {}});
                continue;
            }
            if (auto* t = std::get_if<Text>(&item);
                t != nullptr && !out.empty() && std::holds_alternative<Text>(out.back())) {
                std::get<Text>(out.back()).text += t->text;
                continue;
            }
            out.push_back(std::move(item));
        }
        p.content = std::move(out);
    }
}

void check_references_of(const Article& article_, Diagnostics& diags_) {
    auto at = [&](int line) { return Location{article_.source, line, 0, -1}; };
    std::map<int, bool> referenced;
    std::map<int, std::pair<int, int>> unmatched;  // number -> (first line, count)
    std::vector<int> unmatched_order;
    for (const Paragraph& p : article_.body) {
        for (const Inline& item : p.content) {
            const auto* ref = std::get_if<NoteRef>(&item);
            if (ref == nullptr) continue;
            referenced[ref->number] = true;
            if (article_.find_note(ref->number) == nullptr) {
                auto [it, first] = unmatched.try_emplace(ref->number, ref->line, 0);
                if (first) unmatched_order.push_back(ref->number);
                ++it->second.second;
            }
        }
    }
    // One warning per missing note, at its first reference, however often it is referenced.
    for (int number : unmatched_order) {
        const auto& [line, count] = unmatched[number];
        std::string msg = "reference [" + std::to_string(number) + "] has no note";
        if (count > 1) msg += " (referenced " + std::to_string(count) + " times)";
        diags_.warning(at(line), msg);
    }
    for (const Note& note : article_.notes) {
        if (referenced.count(note.number) == 0) {
            diags_.warning(at(note.line),
                           "note [" + std::to_string(note.number) + "] is never referenced");
        }
    }
}

/// The script family of a character for language tagging: CJK scripts are one family (a
/// Japanese sentence mixes Han and kana), Common and Inherited characters none ("").
std::string_view script_family(char32_t c) {
    UErrorCode st = U_ZERO_ERROR;
    const UScriptCode sc = uscript_getScript(static_cast<UChar32>(c), &st);
    if (U_FAILURE(st) || sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED || sc == USCRIPT_UNKNOWN)
        return {};
    if (sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA ||
        sc == USCRIPT_HANGUL || sc == USCRIPT_BOPOMOFO)
        return "CJK";
    return uscript_getShortName(sc);
}

/// Whether every character of `s` is Latin or common to all scripts by a test of its code point
/// alone (Basic Latin to Latin Extended-B, General Punctuation): no run of another script
/// family can start in such a text, and most text of a Latin-script article is such text.
bool latin_or_common_only(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            ++i;
            continue;
        }
        const auto d = utf8::decode(s, i);
        if (!(d.c < 0x250 || (d.c >= 0x2000 && d.c <= 0x206F))) return false;
        i += d.len;
    }
    return true;
}

std::string_view family_of_script(std::string_view iso15924) {
    if (iso15924 == "Hani" || iso15924 == "Hans" || iso15924 == "Hant" || iso15924 == "Jpan" ||
        iso15924 == "Kore")
        return "CJK";
    return iso15924;
}

/// Tags runs of a paragraph's text written in another script than its language's (an Arabic
/// phrase quoted in English, a Hindi slogan) with their own language, so that the EPUB marks
/// them (lang, dir) and the PDF shapes them in their language and faces. A run spans the
/// characters of one script family and the spaces and punctuation between them, not those at
/// its ends (the quotation marks around it belong to the sentence). Latin runs stay untagged:
/// their language cannot be told from a few words.
void tag_foreign_runs(Paragraph& p, const std::string& parent_lang) {
    const std::string& plang = p.lang.empty() ? parent_lang : p.lang;
    const std::string_view home = family_of_script(import::language_script(plang));
    if (home.empty()) return;
    std::vector<Inline> out;
    for (auto& in : p.content) {
        auto* t = std::get_if<Text>(&in);
        if (!t || !t->lang.empty() || t->code || latin_or_common_only(t->text)) {
            out.push_back(std::move(in));
            continue;
        }
        struct Cp {
            std::size_t at;
            std::string_view fam;
        };
        std::vector<Cp> cps;
        utf8::for_each(t->text, [&](char32_t c, std::size_t i) {
            cps.push_back({i, script_family(c)});
        });
        std::size_t done = 0;  // bytes of t->text already emitted
        auto emit = [&](std::size_t end, const std::string& lang) {
            if (end <= done) return;
            Inline& piece = out.emplace_back(std::in_place_type<Text>);
            Text& pt = std::get<Text>(piece);
            pt.text = t->text.substr(done, end - done);
            pt.lang = lang;
            pt.emphasis = t->emphasis;
            pt.strong = t->strong;
            pt.code = t->code;
            pt.href = t->href;
            done = end;
        };
        for (std::size_t i = 0; i < cps.size();) {
            const std::string_view fam = cps[i].fam;
            if (fam.empty() || fam == home || fam == "Latn") {
                ++i;
                continue;
            }
            // The run: characters of this family and the neutrals between them.
            std::size_t j = i + 1, last = i;
            for (; j < cps.size(); ++j) {
                if (cps[j].fam == fam)
                    last = j;
                else if (!cps[j].fam.empty())
                    break;
            }
            // An opening quotation mark or bracket inside the run takes its closing one along
            // when it follows the run («التنويع ... والآفاق»), so the pair stays together.
            {
                static constexpr std::pair<char32_t, char32_t> pairs[] = {
                    {U'\u00AB', U'\u00BB'}, {U'(', U')'},           {U'[', U']'},
                    {U'\u201C', U'\u201D'}, {U'\u2018', U'\u2019'}, {U'\u2039', U'\u203A'}};
                std::u32string run_cps;
                const std::size_t e0 = last + 1 < cps.size() ? cps[last + 1].at : t->text.size();
                utf8::for_each(std::string_view(t->text).substr(cps[i].at, e0 - cps[i].at),
                               [&](char32_t c, std::size_t) { run_cps.push_back(c); });
                if (last + 1 < cps.size()) {
                    char32_t next = 0;
                    utf8::for_each(std::string_view(t->text).substr(cps[last + 1].at),
                                   [&](char32_t c, std::size_t k) {
                                       if (k == 0) next = c;
                                   });
                    for (const auto& [open, close] : pairs) {
                        const auto opens = std::count(run_cps.begin(), run_cps.end(), open);
                        const auto closes = std::count(run_cps.begin(), run_cps.end(), close);
                        if (next == close && opens > closes) {
                            ++last;
                            break;
                        }
                    }
                }
            }
            const std::size_t b = cps[i].at;
            const std::size_t e = last + 1 < cps.size() ? cps[last + 1].at : t->text.size();
            const std::string_view run_text = std::string_view(t->text).substr(b, e - b);
            // Han characters alone do not tell Chinese from Japanese (地方創生 is Japanese):
            // such a run stays in the paragraph's language. Kana or hangul decide.
            bool han_only = fam == "CJK";
            if (han_only)
                utf8::for_each(run_text, [&](char32_t c, std::size_t) {
                    UErrorCode st = U_ZERO_ERROR;
                    const UScriptCode sc = uscript_getScript(static_cast<UChar32>(c), &st);
                    if (sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA || sc == USCRIPT_HANGUL)
                        han_only = false;
                });
            std::string lang = han_only ? std::string() : import::detect_language(run_text);
            if (!lang.empty() && family_of_script(import::language_script(lang)) != home) {
                emit(b, {});
                emit(e, lang);
            }
            i = last + 1;
        }
        emit(t->text.size(), {});
    }
    p.content = std::move(out);
}

void assign_languages_of(Article& article_, const ReadOptions& options_) {
    if (!options_.lang.empty()) {
        article_.lang = options_.lang;
    } else {
        // detect_language looks at the first 3,000 bytes: no need to join more.
        std::string text = article_.title;
        for (const Paragraph& p : article_.body) {
            if (text.size() > 3100) break;
            text += '\n';
            text += p.plain_text();
        }
        article_.lang = import::detect_language(text);
        if (article_.lang.empty()) article_.lang = "en";
    }
    if (!options_.annotate_languages) return;
    // A paragraph gets a language of its own only when it is written in another script: within
    // one script, a paragraph is too short to tell languages apart reliably.
    const std::string_view script = import::language_script(article_.lang);
    for (Paragraph& p : article_.body) {
        if (!p.lang.empty() || p.code) continue;  // given by the source, or not prose
        const std::string text = p.plain_text();
        // At least 20 characters (the text is valid UTF-8: count the bytes that start one).
        std::size_t chars = 0;
        for (std::size_t i = 0; i < text.size() && chars < 20; ++i)
            chars += !utf8::is_continuation(text[i]);
        if (chars < 20) continue;
        // Most paragraphs are in the article's script, which the dominant script alone tells.
        if (const auto ds = import::detect_script(text); !ds.empty() && ds == script) continue;
        std::string lang = import::detect_language(text);
        const std::string_view s = import::language_script(lang);
        if (!s.empty() && !script.empty() && s != script) p.lang = std::move(lang);
    }
    if (article_.bio) {
        AuthorBio& bio = *article_.bio;
        if (!options_.bio_lang.empty()) {
            bio.lang = options_.bio_lang;
        } else {
            std::string text;
            for (const Paragraph& p : bio.paragraphs) text += p.plain_text() + '\n';
            bio.lang = text.empty() ? std::string() : import::detect_language(text);
            if (bio.lang.empty()) bio.lang = article_.lang;
        }
    }
    // Quotations in other scripts within paragraphs.
    for (Paragraph& p : article_.body) tag_foreign_runs(p, article_.lang);
    for (Note& n : article_.notes)
        for (Paragraph& p : n.paragraphs) tag_foreign_runs(p, article_.lang);
    if (article_.bio)
        for (Paragraph& p : article_.bio->paragraphs)
            tag_foreign_runs(p, article_.bio->lang.empty() ? article_.lang : article_.bio->lang);
}

/// What makes bytes unreadable as a UTF-8 text article (too large, UTF-16, binary, invalid
/// UTF-8), with the line, column and byte offset; nullopt when they are fine.
std::optional<Diagnostic> check_bytes_of(std::string_view raw, const std::string& name_) {
    auto error = [&](int line, std::string message) {
        return make_error(Location{name_, line, 0, -1}, std::move(message));
    };
    if (raw.size() > kMaxInputBytes) {
        return error(0, "file is too large (" + std::to_string(raw.size()) +
                            " bytes; the limit is " + std::to_string(kMaxInputBytes >> 20) +
                            " MiB)");
    }
    if (raw.size() >= 2 &&
        ((raw[0] == '\xFF' && raw[1] == '\xFE') || (raw[0] == '\xFE' && raw[1] == '\xFF'))) {
        Diagnostic d =
            error(1, "file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
        d.where.byte_offset = 0;
        return d;
    }
    if (const std::size_t bin = find_binary(raw); bin != std::string_view::npos) {
        const auto [line, column] = line_and_column(raw, bin);
        Diagnostic d =
            error(line, "looks like binary data, not text, at byte offset " + std::to_string(bin));
        d.where.column = column;
        d.where.byte_offset = static_cast<std::int64_t>(bin);
        return d;
    }
    if (const std::size_t bad = utf8::find_invalid(raw); bad != std::string_view::npos) {
        const auto [line, column] = line_and_column(raw, bad);
        Diagnostic d = error(line, "invalid UTF-8 at byte offset " + std::to_string(bad) +
                                       " (line " + std::to_string(line) + ")");
        d.where.column = column;
        d.where.byte_offset = static_cast<std::int64_t>(bad);
        return d;
    }
    return std::nullopt;
}

class TextParser {
public:
    TextParser(std::string name, Diagnostics& diags, const ReadOptions& options)
        : name_(std::move(name)), diags_(diags), options_(options) {}

    Result<Article> parse(std::string_view raw);

private:
    Location at(int line) const { return Location{name_, line, 0, -1}; }
    Diagnostic error(int line, std::string message) const {
        return make_error(at(line), std::move(message));
    }

    std::vector<Block> split_blocks(const std::string& text);
    void add_translations(std::string_view list);
    void read_notes(std::span<const Block> blocks);
    void read_author(std::span<const Block> blocks);
    std::optional<std::size_t> split_trailing_author(const std::vector<Block>& body) const;
    void check_references() {
        keep_unmatched_long_numbers_as_text(article_);
        check_references_of(article_, diags_);
    }
    void set_languages() { assign_languages_of(article_, options_); }

    std::string name_;
    Diagnostics& diags_;
    const ReadOptions& options_;
    Article article_;
};

std::vector<Block> TextParser::split_blocks(const std::string& text) {
    std::vector<Block> blocks;
    Block current;
    int number = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        ++number;
        std::string line = tidy_line(std::string_view(text).substr(start, end - start));
        if (line.empty()) {
            if (!current.empty()) blocks.push_back(std::move(current));
            current.clear();
        } else if (is_stray(line)) {
            // web-page furniture: dropped
        } else if (const auto list = translations_list(line)) {
            add_translations(*list);
        } else {
            current.push_back(Line{std::move(line), number});
        }
        start = end + 1;
    }
    if (!current.empty()) blocks.push_back(std::move(current));
    return blocks;
}

void TextParser::add_translations(std::string_view list) {
    // Labels are separated by commas (and may then hold spaces) or else by spaces, in which case
    // two or three words that together name a language ("Bahasa Indonesia") stay together.
    std::vector<std::string> labels;
    const bool commas = list.find_first_of(",;|") != std::string_view::npos;
    if (commas) {
        std::size_t i = 0;
        while (i <= list.size()) {
            const std::size_t j = std::min(list.find_first_of(",;|", i), list.size());
            const std::string label = tidy_line(list.substr(i, j - i));
            if (!label.empty()) labels.push_back(label);
            i = j + 1;
        }
    } else {
        const auto words = split_words(list);
        for (std::size_t i = 0; i < words.size();) {
            std::size_t take = 1;
            if (import::language_for_name(words[i]).empty()) {
                for (std::size_t k = 3; k >= 2; --k) {
                    if (i + k > words.size()) continue;
                    const std::string joined(
                        words[i].data(),
                        static_cast<std::size_t>(words[i + k - 1].data() + words[i + k - 1].size() -
                                                 words[i].data()));
                    if (!import::language_for_name(joined).empty()) {
                        take = k;
                        break;
                    }
                }
            }
            labels.emplace_back(words[i].data(), static_cast<std::size_t>(
                                                     words[i + take - 1].data() +
                                                     words[i + take - 1].size() - words[i].data()));
            i += take;
        }
    }
    for (std::string& label : labels) {
        const bool seen = std::any_of(article_.translations.begin(), article_.translations.end(),
                                      [&](const Translation& t) { return t.label == label; });
        if (seen) continue;
        std::string lang = import::language_for_name(label);
        article_.translations.push_back(Translation{std::move(lang), std::move(label)});
    }
}

void TextParser::read_notes(std::span<const Block> blocks) {
    std::map<int, int> first_line;  // number -> line of the note kept
    for (const Block& block : blocks) {
        // Within a block, every line starting with "[n]" starts a note; others continue it.
        std::size_t i = 0;
        while (i < block.size()) {
            const auto start = note_start(block[i].text);
            std::size_t j = i + 1;
            while (j < block.size() && !note_start(block[j].text)) ++j;
            std::vector<Line> lines;
            if (!start->second.empty())
                lines.push_back(Line{std::string(start->second), block[i].number});
            lines.insert(lines.end(), block.begin() + static_cast<std::ptrdiff_t>(i + 1),
                         block.begin() + static_cast<std::ptrdiff_t>(j));
            const int number = start->first;
            const int line = block[i].number;
            if (const auto it = first_line.find(number); it != first_line.end()) {
                diags_.warning(at(line), "duplicate note [" + std::to_string(number) +
                                             "] (the first is at line " +
                                             std::to_string(it->second) + "); this one is ignored");
            } else {
                first_line.emplace(number, line);
                Note note;
                note.number = number;
                note.line = line;
                if (lines.empty()) {
                    diags_.warning(at(line), "note [" + std::to_string(number) + "] is empty");
                } else {
                    note.paragraphs.push_back(make_paragraph(lines, false));
                    note.paragraphs.back().line = line;
                }
                article_.notes.push_back(std::move(note));
            }
            i = j;
        }
    }
}

void TextParser::read_author(std::span<const Block> blocks) {
    if (blocks.empty()) return;
    const Block& first = blocks.front();
    AuthorBio bio;
    bio.name = first.front().text;
    bio.line = first.front().number;
    if (utf8::count(bio.name) > 80) {
        diags_.warning(at(bio.line),
                       "the author name (the first line after the notes) is "
                       "unusually long; is the author block missing?");
    }
    if (first.size() > 1) {
        bio.paragraphs.push_back(make_paragraph(std::span(first).subspan(1), false));
    }
    for (const Block& b : blocks.subspan(1)) bio.paragraphs.push_back(make_paragraph(b, false));
    article_.authors.push_back(bio.name);
    article_.bio = std::move(bio);
}

/// Without a notes list: the index of the first block of an author block at the end of `body`,
/// if there is one. Either the last block is a name line followed by bio lines, or the last but
/// one block is a lone name line and the last block a bio that mentions the name. The body keeps
/// at least one paragraph.
std::optional<std::size_t> TextParser::split_trailing_author(const std::vector<Block>& body) const {
    const std::size_t n = body.size();
    if (n >= 2) {
        const Block& last = body.back();
        if (last.size() >= 2 && looks_like_name(last.front().text, 1)) {
            std::string rest;
            for (std::size_t i = 1; i < last.size(); ++i) rest += last[i].text + ' ';
            if (split_words(last.front().text).size() >= 2 ||
                mentions(rest, name_keys(last.front().text))) {
                return n - 1;
            }
        }
    }
    if (n >= 3) {
        const Block& name = body[n - 2];
        if (name.size() == 1 && looks_like_name(name.front().text, 2)) {
            std::string bio;
            for (const Line& l : body.back()) bio += l.text + ' ';
            if (mentions(bio, name_keys(name.front().text))) return n - 2;
        }
    }
    return std::nullopt;
}

Result<Article> TextParser::parse(std::string_view raw) {
    if (auto bad = check_bytes_of(raw, name_)) return *bad;
    if (raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);  // the BOM is on line 1 anyway

    int removed = 0, first_removed_line = 0;
    const std::string text = clean_text(raw, removed, first_removed_line);
    if (trim(text).empty()) return error(0, "file is empty");
    if (removed > 0) {
        diags_.warning(at(first_removed_line), "removed " + std::to_string(removed) +
                                                   " control character" + (removed > 1 ? "s" : ""));
    }

    article_.source = name_;
    std::vector<Block> blocks = split_blocks(text);
    if (blocks.empty()) return error(0, "no title: the file holds only web-page lines");

    // Title: the first line.
    const Line& title = blocks.front().front();
    if (note_start(title.text)) return error(title.number, "no title: the file starts with a note");
    article_.title = title.text;
    blocks.front().erase(blocks.front().begin());
    if (blocks.front().empty()) blocks.erase(blocks.begin());

    // Body: up to the first note block (or a notes heading right before one).
    std::size_t notes_begin = 0;
    while (notes_begin < blocks.size() && !is_note_block(blocks[notes_begin])) ++notes_begin;
    std::size_t body_end = notes_begin;
    if (notes_begin < blocks.size() && notes_begin > 0 && blocks[notes_begin - 1].size() == 1 &&
        is_notes_heading(blocks[notes_begin - 1].front().text)) {
        body_end = notes_begin - 1;
    }
    std::size_t notes_end = notes_begin;
    while (notes_end < blocks.size() && is_note_block(blocks[notes_end])) ++notes_end;

    std::vector<Block> body(blocks.begin(), blocks.begin() + static_cast<std::ptrdiff_t>(body_end));
    std::vector<Block> author(blocks.begin() + static_cast<std::ptrdiff_t>(notes_end),
                              blocks.end());
    if (notes_begin == blocks.size()) {  // no notes list
        if (const auto split = split_trailing_author(body)) {
            author.assign(body.begin() + static_cast<std::ptrdiff_t>(*split), body.end());
            body.resize(*split);
        }
    }
    for (const Block& b : body) article_.body.push_back(make_paragraph(b, true));
    read_notes(std::span(blocks).subspan(notes_begin, notes_end - notes_begin));
    read_author(author);
    check_references();
    set_languages();
    return std::move(article_);
}

/// Runs f, turning any exception into an error at `where`: none crosses the public API.
template <class F>
auto guarded(const Location& where, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const std::bad_alloc&) {
        return make_error(where, "out of memory");
    } catch (const std::exception& e) {
        return make_error(where, std::string("internal error: ") + e.what());
    } catch (...) {
        return make_error(where, "internal error");
    }
}

}  // namespace

std::optional<Diagnostic> import::check_bytes(std::string_view raw, const std::string& name) {
    return check_bytes_of(raw, name);
}

void import::check_references(const Article& article, Diagnostics& diags) {
    check_references_of(article, diags);
}

void import::assign_languages(Article& article, const ReadOptions& options) {
    assign_languages_of(article, options);
}

/// The error for an input larger than the limit input-size.
Diagnostic import::too_large(Location where, const Limits& limits) {
    const std::uint64_t n = limits.input_bytes;
    const std::string v = n % (1u << 20) == 0   ? std::to_string(n >> 20) + "M"
                          : n % (1u << 10) == 0 ? std::to_string(n >> 10) + "K"
                                                : std::to_string(n);
    return make_error(std::move(where), "file is too large (more than " + v + " bytes; " +
                                            limit_hint("input-size", v) + ")");
}

Result<Article> import::parse_text_article(std::string_view text, std::string name,
                                           Diagnostics& diags, const ReadOptions& options) {
    const Location where{name, 0, 0, -1};
    return guarded(where, [&] { return TextParser(std::move(name), diags, options).parse(text); });
}

Result<std::string> import::read_bytes(const std::filesystem::path& path, const Limits& limits) {
    Location where;
    where.file = path.string();
    return guarded(where, [&]() -> Result<std::string> {
        // Only regular files: a FIFO or a device would block or never end.
        std::error_code ec;
        if (const auto st = std::filesystem::status(path, ec); !ec && std::filesystem::exists(st)) {
            if (std::filesystem::is_directory(st))
                return make_error(where, "cannot read " + where.file + ": it is a directory");
            if (!std::filesystem::is_regular_file(st))
                return make_error(where, "cannot read " + where.file + ": not a regular file");
        }
        errno = 0;
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            const int err = errno != 0 ? errno : ENOENT;
            return make_error(
                where, "cannot read " + where.file + ": " + std::generic_category().message(err));
        }
        std::string data;
        std::array<char, 65536> buffer;
        while (in) {
            in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            data.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
            if (data.size() > limits.input_bytes) return import::too_large(where, limits);
        }
        if (in.bad()) {
            const int err = errno != 0 ? errno : EIO;
            return make_error(
                where, "cannot read " + where.file + ": " + std::generic_category().message(err));
        }
        return data;
    });
}

}  // namespace quire::inline v0

// text/hyphenate: hyphenation points through libhyphen (and Turkish syllabification in code).
//
// Which words are hyphenated at all. A word is an ICU word-iterator segment with status
// UBRK_WORD_LETTER that lies inside the requested range. It gets no points when:
//   - its whitespace-delimited token looks like a URL, e-mail address or path: it contains "://"
//     or '@', starts with "www." (after opening punctuation), or has a '/' or '\' between two
//     letters or digits, or starting a path ("/usr", "~/x", "./x");
//   - it contains anything but letters, combining marks, format characters and apostrophes:
//     digits ("mp3"), dots ("example.com", "e.g"), underscores, middle dots...;
//   - it contains a soft hyphen U+00AD (the author has chosen where it breaks);
//   - it has an uppercase letter after the first letter of a component: ALL CAPS (acronyms)
//     and camelCase or McName words ("iPhone", "McDonald");
//   - it starts with a capital (proper nouns, and sentence starts, which cannot be told apart
//     without a dictionary) in a language whose practice is not to divide them
//     (hyphen_languages.cpp);
//   - it is longer than kMaxWord code points (no language has such words; libhyphen is spared).
// Apostrophes (' ’ ʼ) split a word into components ("Japonya'nın", "aujourd'hui"); each is
// hyphenated by itself with the minimums, so no break falls at or next to an apostrophe.
// Explicit hyphens already separate words for the ICU iterator ("well-known" is two words),
// so each part of a compound is hyphenated by itself, with its own minimums.
//
// The minimums, the rules per language and the choice of dictionary file: hyphen_languages.cpp.
//
// Lookup words. Each word is cut into units: a letter with the combining marks and format
// characters that follow it. Breaks fall only between units, so a mark never parts from its
// base, and a unit maps back to the byte offset where it starts. A unit is lowercased by code
// point with ICU's simple mapping (u_tolower) plus the Turkic rule (tr, az: I → ı, İ → i,
// I + U+0307 → i): the full locale mapping would turn İ into i + U+0307 outside Turkic locales,
// two code points for one, which shifts positions and matches no pattern; the simple mapping
// keeps one lowercase letter per letter. Units with marks are put in NFC (patterns are composed).
// A word joiner (U+2060, U+FEFF) forbids a break next to it.
//
// Turkish (no Debian patterns): a syllable boundary falls before a consonant followed by a
// vowel, provided a vowel comes earlier in the word (so word-initial clusters of loanwords stay:
// "stra-te-ji", "prog-ram"), and between two vowels ("sa-at", "a-i-le"). In a run of consonants
// the boundary thus falls before the last one ("kont-rol", "laş-tı"). Vowels: a e ı i o ö u ü â
// î û.
//
// Threads. Languages and dictionaries load once under the exclusive lock and are read-only
// afterwards (libhyphen's hyphenate functions do not write to the dictionary). Word iterators
// and scratch buffers are per thread.
#include "text/hyphenate_internal.hpp"

#include "base/lang_tag.hpp"
#include "base/utf8.hpp"
#include "text/break_iterators.hpp"
#include "text/font.hpp"

#include <hyphen.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <mutex>
#include <set>
#include <utility>

namespace quire::inline v0::text {

namespace {

constexpr std::size_t kMaxWord = 100;  ///< longer words (code points) are not hyphenated

bool is_apostrophe(char32_t c) {
    return c == U'\'' || c == U'\u2019' || c == U'\u02BC';
}
bool is_word_joiner(char32_t c) {
    return c == U'\u2060' || c == U'\uFEFF';
}
bool is_space(char32_t c) {
    return u_isUWhiteSpace(static_cast<UChar32>(c));
}
bool is_alnum(char32_t c) {
    return u_isalnum(static_cast<UChar32>(c));
}
bool is_letter(char32_t c) {
    return u_isalpha(static_cast<UChar32>(c));
}
bool is_upper(char32_t c) {
    return u_isUUppercase(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c));
}

bool tr_vowel(char32_t c) {
    switch (c) {
        case U'a':
        case U'e':
        case U'ı':
        case U'i':
        case U'o':
        case U'ö':
        case U'u':
        case U'ü':
        case U'â':
        case U'î':
        case U'û':
            return true;
        default:
            return false;
    }
}

/// Whether a whitespace-delimited token is (or holds) a URL, e-mail address or path.
bool is_address(std::string_view tok) {
    if (tok.find("://") != std::string_view::npos) return true;
    if (tok.find('@') != std::string_view::npos) return true;
    // "www." after opening punctuation: "(www.example.org)".
    std::size_t i = 0;
    while (i < tok.size()) {
        const auto d = utf8::decode(tok, i);
        if (is_alnum(d.c)) break;
        i += d.len;
    }
    if (tok.size() - i >= 4) {
        std::string_view w = tok.substr(i, 4);
        bool www = true;
        for (std::size_t k = 0; k < 3; ++k) www = www && (w[k] == 'w' || w[k] == 'W');
        if (www && w[3] == '.') return true;
    }
    // A slash or backslash between letters or digits ("and/or", "/usr/share", "C:\Windows"),
    // or starting a path ("/usr", "~/notes", "./configure").
    for (std::size_t j = 0; j < tok.size(); ++j) {
        if (tok[j] != '/' && tok[j] != '\\') continue;
        if (j + 1 >= tok.size() || !is_alnum(utf8::decode(tok, j + 1).c)) continue;
        if (j == 0) return true;
        const char32_t prev = utf8::decode_before(tok, j).c;
        if (is_alnum(prev) || prev == U'~' || prev == U'.') return true;
    }
    return false;
}

/// A unit: a letter (or a leading mark) with the marks and format characters that follow.
struct Unit {
    std::uint32_t begin = 0, end = 0;        ///< bytes of the paragraph text
    std::uint32_t lk_begin = 0, lk_end = 0;  ///< its lowercase code points in Scratch::lk
    bool no_break_after = false;
};

/// Units [begin, end) of one apostrophe-delimited component.
struct Component {
    std::uint32_t begin = 0, end = 0;
};

struct Range {
    std::size_t begin = 0, end = 0;
};

/// Per-thread buffers, reused from word to word.
struct Scratch {
    std::vector<Unit> units;
    std::vector<Component> comps;
    std::vector<char32_t> lk;  ///< lowercase lookup code points of the whole word
    std::string word;          ///< a component in the dictionary's charset
    std::vector<char> hyphens;
    std::vector<std::uint8_t> values;  ///< TeX patterns' values of a component
    std::vector<Range> addresses;
    icu::UnicodeString u16;
};

Scratch& scratch() {
    thread_local Scratch s;
    return s;
}

/// Appends the lowercase lookup form of unit u (bytes [u.begin, u.end) of text) to lk.
void lower_unit(std::string_view text, Unit& u, bool turkic, std::vector<char32_t>& lk,
                icu::UnicodeString& tmp) {
    u.lk_begin = static_cast<std::uint32_t>(lk.size());
    bool marks = false;
    bool from_capital_i = false;
    for (std::size_t i = u.begin; i < u.end;) {
        const auto d = utf8::decode(text, i);
        i += d.len;
        const auto type = u_charType(static_cast<UChar32>(d.c));
        if (type == U_FORMAT_CHAR) continue;
        if (lk.size() == u.lk_begin) {  // the base letter
            from_capital_i = d.c == U'I' || d.c == U'\u0130';
            if (turkic && d.c == U'I') {
                // I + U+0307 is a decomposed İ: i; a plain I is dotless ı.
                const bool dotted = i < u.end && utf8::decode(text, i).c == U'\u0307';
                lk.push_back(dotted ? U'i' : U'ı');
            } else {
                lk.push_back(static_cast<char32_t>(u_tolower(static_cast<UChar32>(d.c))));
            }
            continue;
        }
        // The dot of a decomposed İ is part of the lowercase i already.
        if (d.c == U'\u0307' && from_capital_i && lk.size() == u.lk_begin + 1) continue;
        marks = true;
        lk.push_back(static_cast<char32_t>(u_tolower(static_cast<UChar32>(d.c))));
    }
    if (marks) {
        UErrorCode st = U_ZERO_ERROR;
        const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(st);
        if (U_SUCCESS(st)) {
            tmp.remove();
            for (std::size_t k = u.lk_begin; k < lk.size(); ++k)
                tmp.append(static_cast<UChar32>(lk[k]));
            icu::UnicodeString composed = nfc->normalize(tmp, st);
            if (U_SUCCESS(st)) {
                lk.resize(u.lk_begin);
                for (int32_t k = 0; k < composed.length();) {
                    const UChar32 c = composed.char32At(k);
                    lk.push_back(static_cast<char32_t>(c));
                    k += U16_LENGTH(c);
                }
            }
        }
    }
    u.lk_end = static_cast<std::uint32_t>(lk.size());
}

/// Breaks (unit indices i: before units[c.begin + i]) of a Turkish component, from its lowercase
/// letters.
template <class F>
void turkish_breaks(const Scratch& s, const Component& c, F&& emit) {
    const auto first = [&](std::uint32_t u) { return s.lk[s.units[u].lk_begin]; };
    bool vowel_seen = false;
    for (std::uint32_t u = c.begin; u < c.end; ++u) {
        const bool v = tr_vowel(first(u));
        if (u > c.begin) {
            if (v && tr_vowel(first(u - 1))) {
                emit(u);
            } else if (!v && vowel_seen && u + 1 < c.end && tr_vowel(first(u + 1))) {
                emit(u);
            }
        }
        vowel_seen = vowel_seen || v;
    }
}

/// Breaks of a component through libhyphen.
template <class F>
void dictionary_breaks(Scratch& s, const Component& c, const Hyphenator::Dictionary& d, F&& emit) {
    const std::uint32_t lk0 = s.units[c.begin].lk_begin, lk1 = s.units[c.end - 1].lk_end;
    if (lk1 <= lk0 || lk1 - lk0 > 2 * kMaxWord) return;
    s.word.clear();
    for (std::uint32_t k = lk0; k < lk1; ++k) {
        const char32_t ch = s.lk[k];
        if (d.utf8) {
            if (ch < 0x80 && !(ch >= U'a' && ch <= U'z')) return;  // digits, dots: never here
            utf8::append(s.word, ch);
        } else {
            const char b = d.byte_of(ch);
            if (b == '\0' || (b >= '0' && b <= '9') || b == '.') return;
            s.word += b;
        }
    }
    const int n = static_cast<int>(s.word.size());
    s.hyphens.assign(s.word.size() + 5, '\0');
    char** rep = nullptr;
    int* pos = nullptr;
    int* cut = nullptr;
    // The dictionary's own minimums were zeroed at load: the caller's apply (in units) below.
    const int rc = hnj_hyphen_hyphenate3(d.dict, s.word.c_str(), n, s.hyphens.data(), nullptr, &rep,
                                         &pos, &cut, 1, 1, 1, 1);
    // One hyphens entry per lookup code point (libhyphen folds UTF-8 bytes into characters).
    if (rc == 0) {
        std::uint32_t u = c.begin;
        for (std::uint32_t k = lk0; k + 1 < lk1; ++k) {
            while (s.units[u].lk_end <= k) ++u;
            const std::size_t idx = k - lk0;
            if (!(s.hyphens[idx] & 1)) continue;
            if (rep && rep[idx]) continue;  // non-standard: a spelling change, not a hyphen
            if (k + 1 == s.units[u].lk_end) emit(u + 1);
        }
    }
    if (rep) {
        for (int k = 0; k < n; ++k) std::free(rep[k]);
        std::free(rep);
    }
    std::free(pos);
    std::free(cut);
}

/// Breaks of a component through TeX's patterns (Liang's values: odd allows a break).
template <class F>
void tex_breaks(Scratch& s, const Component& c, const TexPatterns& t, F&& emit) {
    const std::uint32_t lk0 = s.units[c.begin].lk_begin, lk1 = s.units[c.end - 1].lk_end;
    if (lk1 <= lk0 || lk1 - lk0 > 2 * kMaxWord) return;
    t.values(s.lk.data() + lk0, lk1 - lk0, s.values);
    std::uint32_t u = c.begin;
    for (std::uint32_t k = lk0 + 1; k < lk1; ++k) {  // a break before lookup code point k
        while (s.units[u].lk_end < k) ++u;
        if (!(s.values[k - lk0] & 1)) continue;
        if (k == s.units[u].lk_end) emit(u + 1);  // between units, never inside one
    }
}

/// Appends the points of the word at bytes [wb, we) of text to out.
void hyphenate_word(std::string_view text, std::uint32_t wb, std::uint32_t we,
                    const Hyphenator::Language& lang, HyphenMins m,
                    std::vector<std::uint32_t>& out) {
    Scratch& s = scratch();
    s.units.clear();
    s.comps.clear();
    s.lk.clear();
    // Units and components; bail out on anything that rules the word out.
    Component comp{0, 0};
    std::size_t count = 0;
    bool capitalized = false;
    for (std::size_t i = wb; i < we;) {
        const auto d = utf8::decode(text, i);
        const auto at = static_cast<std::uint32_t>(i);
        i += d.len;
        if (++count > kMaxWord) return;
        if (is_apostrophe(d.c)) {
            if (comp.end > comp.begin) s.comps.push_back(comp);
            comp = {static_cast<std::uint32_t>(s.units.size()),
                    static_cast<std::uint32_t>(s.units.size())};
            continue;
        }
        const auto type = u_charType(static_cast<UChar32>(d.c));
        const bool extends = type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK ||
                             type == U_COMBINING_SPACING_MARK || type == U_FORMAT_CHAR;
        if (d.c == U'\u00AD') return;  // soft hyphen: the author's choice
        if (extends && comp.end > comp.begin) {
            s.units.back().end = static_cast<std::uint32_t>(i);
            if (is_word_joiner(d.c)) s.units.back().no_break_after = true;
            continue;
        }
        if (type == U_FORMAT_CHAR) continue;      // before the first letter: not part of a unit
        if (!extends && !is_letter(d.c)) return;  // digits, dots, underscores...
        if (is_upper(d.c)) {
            if (comp.end > comp.begin) return;  // ALL CAPS, camelCase, McName
            capitalized = true;
        }
        s.units.push_back({at, static_cast<std::uint32_t>(i), 0, 0, false});
        comp.end = static_cast<std::uint32_t>(s.units.size());
    }
    if (comp.end > comp.begin) s.comps.push_back(comp);
    if (capitalized && !lang.capitalized) return;
    if (s.comps.empty()) return;

    for (auto& u : s.units) lower_unit(text, u, lang.turkic, s.lk, s.u16);

    for (const Component& c : s.comps) {
        const int n = static_cast<int>(c.end - c.begin);
        if (n < m.left + m.right) continue;
        auto emit = [&](std::uint32_t u) {  // a break before units[u]
            const int left = static_cast<int>(u - c.begin), right = n - left;
            if (left < m.left || right < m.right) return;
            if (s.units[u - 1].no_break_after) return;
            const std::uint32_t p = s.units[u].begin;
            if (out.empty() || out.back() < p) out.push_back(p);
        };
        if (lang.method == Hyphenator::Language::Method::turkish)
            turkish_breaks(s, c, emit);
        else if (lang.tex)
            tex_breaks(s, c, *lang.tex, emit);
        else if (lang.dict)
            dictionary_breaks(s, c, *lang.dict, emit);
    }
}

}  // namespace

Hyphenator::Hyphenator(std::string dir, std::string tex_dir)
    : dir_(std::move(dir)),
      tex_dir_(tex_dir.empty() ? dir_ : std::move(tex_dir)),
      words_(1 << 16) {}

Hyphenator::~Hyphenator() = default;

void FontBook::set_hyphenation_dir(std::string dir) {
    std::lock_guard lock(mu_);
    hyphen_dir_ = std::move(dir);
}

const Hyphenator& FontBook::hyphenator() {
    std::lock_guard lock(mu_);
    // The default folder of Debian's dictionaries goes with the default folder of TeX's
    // patterns; a folder of the caller's holds both kinds (an empty one: no hyphenation).
    if (!hyphenator_)
        hyphenator_ = std::make_unique<Hyphenator>(
            hyphen_dir_, hyphen_dir_ == Hyphenator::kDebianDir ? Hyphenator::kTexPatternsDir : "");
    return *hyphenator_;
}

std::vector<std::uint32_t> Hyphenator::points(std::string_view text, std::uint32_t begin,
                                              std::uint32_t end, std::string_view lang,
                                              int left_min, int right_min) const {
    std::vector<std::uint32_t> out;
    if (text.size() > static_cast<std::size_t>(std::numeric_limits<int32_t>::max())) return out;
    end = std::min<std::uint32_t>(end, static_cast<std::uint32_t>(text.size()));
    if (begin >= end) return out;
    const Language& L = *language(lang);
    if (L.method == Language::Method::none) return out;
    HyphenMins m = L.mins;
    if (left_min > 0) m.left = left_min;
    if (right_min > 0) m.right = right_min;

    // The range widened to whole whitespace-delimited tokens, so that URLs are seen whole.
    std::size_t sb = begin, se = end;
    while (sb > 0) {
        const utf8::Decoded d = utf8::decode_before(text, sb);
        if (is_space(d.c)) break;
        sb -= d.len;
    }
    while (se < text.size()) {
        const auto d = utf8::decode(text, se);
        if (is_space(d.c)) break;
        se += d.len;
    }

    Scratch& s = scratch();
    s.addresses.clear();
    for (std::size_t i = sb; i < se;) {
        while (i < se) {
            const auto d = utf8::decode(text, i);
            if (!is_space(d.c)) break;
            i += d.len;
        }
        const std::size_t t0 = i;
        while (i < se) {
            const auto d = utf8::decode(text, i);
            if (is_space(d.c)) break;
            i += d.len;
        }
        if (i > t0 && is_address(text.substr(t0, i - t0))) s.addresses.push_back({t0, i});
    }

    icu::BreakIterator* bi = break_iterator(BreakKind::word, L.locale);
    if (!bi) return out;
    const BreakText walk(*bi, text.substr(sb, se - sb));
    if (walk.ok()) {
        std::size_t a = 0;  // next address that may overlap
        int32_t start = bi->first();
        for (int32_t stop = bi->next(); stop != icu::BreakIterator::DONE;
             start = stop, stop = bi->next()) {
            const int32_t status = bi->getRuleStatus();
            if (status < UBRK_WORD_LETTER || status >= UBRK_WORD_LETTER_LIMIT) continue;
            const auto wb = static_cast<std::uint32_t>(sb + static_cast<std::size_t>(start));
            const auto we = static_cast<std::uint32_t>(sb + static_cast<std::size_t>(stop));
            if (wb < begin || we > end) continue;
            while (a < s.addresses.size() && s.addresses[a].end <= wb) ++a;
            if (a < s.addresses.size() && s.addresses[a].begin < we) continue;
            // Fewer code points than the two minimums together: no unit count can reach them
            // (hyphenate_word would find nothing), so neither the cache nor libhyphen is asked.
            {
                int cps = 0;
                for (std::uint32_t k = wb; k < we && cps < m.left + m.right; ++k)
                    cps += !utf8::is_continuation(text[k]);
                if (cps < m.left + m.right) continue;
            }
            // A word's points depend on the word, the language and the minimums alone: the
            // cache keeps them (relative to the word) for the words that come again.
            thread_local std::string key;
            key.clear();
            const Language* lp = &L;
            key.append(reinterpret_cast<const char*>(&lp), sizeof lp);
            key.append(reinterpret_cast<const char*>(&m.left), sizeof m.left);
            key.append(reinterpret_cast<const char*>(&m.right), sizeof m.right);
            key.append(text.data() + wb, we - wb);
            auto add = [&](const std::vector<std::uint32_t>& rel) {
                for (const std::uint32_t r : rel)
                    if (out.empty() || out.back() < wb + r) out.push_back(wb + r);
            };
            if (!words_.visit(key, add)) {
                // hyphenate_word reuses the thread's scratch units but not the addresses.
                std::vector<std::uint32_t> word;
                hyphenate_word(text, wb, we, L, m, word);
                for (auto& p : word) p -= wb;
                add(word);
                words_.insert(key, std::move(word));
            }
        }
    }
    return out;
}

}  // namespace quire::inline v0::text

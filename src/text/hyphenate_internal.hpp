// text/hyphenate_internal: what hyphenate.cpp (the words) and hyphen_languages.cpp (which
// dictionary a language takes) share: a loaded dictionary and a resolved language.
#pragma once

#include "text/hyphenate.hpp"
#include "text/tex_patterns.hpp"

#include <hyphen.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <utility>
#include <vector>

namespace quire::inline v0::text {

struct Hyphenator::Dictionary {
    HyphenDict* dict = nullptr;
    std::string file;  ///< the file name, "hyph_de_DE.dic" (hyph_de_CH.dic links to it)
    bool utf8 = false;
    /// Single-byte charsets: code point → byte, sorted by code point.
    std::vector<std::pair<char32_t, char>> bytes;
    HyphenMins own{0, 0};  ///< LEFTHYPHENMIN / RIGHTHYPHENMIN of the file, 0 when absent

    Dictionary() = default;
    Dictionary(const Dictionary&) = delete;
    Dictionary& operator=(const Dictionary&) = delete;
    ~Dictionary() {
        if (dict) hnj_hyphen_free(dict);
    }

    /// The byte of c in the dictionary's single-byte charset, or 0 when it has none.
    char byte_of(char32_t c) const {
        auto it = std::lower_bound(bytes.begin(), bytes.end(), c,
                                   [](const auto& e, char32_t v) { return e.first < v; });
        return it != bytes.end() && it->first == c ? it->second : '\0';
    }
};

struct Hyphenator::Language {
    enum class Method { none, dictionary, tex, turkish };
    Method method = Method::none;
    const Dictionary* dict = nullptr;  ///< Method::dictionary: libhyphen's
    const TexPatterns* tex = nullptr;  ///< Method::tex: TeX's patterns
    std::string source;                ///< the file (dictionary_name())
    HyphenMins mins{2, 2};
    bool capitalized = true;  ///< words with an initial capital are hyphenated
    bool turkic = false;      ///< dotted and dotless i
    std::string locale;       ///< ICU locale for the word iterator
    /// Typographers hyphenate this language (its script is hyphenated): having no patterns for
    /// it is worth a warning.
    bool expected = false;
    mutable std::atomic<bool> warned{false};  ///< missing_patterns_warning gave its message
};

}  // namespace quire::inline v0::text

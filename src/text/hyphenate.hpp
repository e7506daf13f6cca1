// text/hyphenate: where a word may break with a hyphen, per language (font-free).
//
// Words come from an ICU word iterator (letter words only); each is lowercased, converted to the
// dictionary's charset and handed to libhyphen, whose positions are mapped back to byte offsets
// of the paragraph text. Dictionaries are Debian's hyphen-* patterns in /usr/share/hyphen
// (hyph_<ll>_<CC>.dic, hyph_<ll>.dic; hyphen_languages.cpp chooses); Turkish, which Debian has
// no patterns for, is syllabified in code (its syllables are regular). The rules that decide which
// words are hyphenated at all (URLs, acronyms, capitalized words, soft hyphens...) are listed in
// hyphenate.cpp.
//
// A break point is a byte offset p inside a word: the line may end with text[..p) followed by an
// inserted hyphen, the next line starting at p. Explicit hyphens and soft hyphens are line-break
// opportunities of their own (UAX #14), not points given here.
#pragma once

#include "base/shared_cache.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace quire::inline v0::text {

class TexPatterns;  // text/tex_patterns.hpp

/// The fewest letters a hyphenation leaves before the break (left) and after it (right).
struct HyphenMins {
    int left = 2, right = 3;
};

/// Hyphenation points for the languages it has patterns for. Thread-safe: a language's
/// dictionary loads once, under a lock, on first use; afterwards it is only read.
class Hyphenator {
public:
    /// Where Debian's hyphen-* packages install their dictionaries.
    static constexpr const char* kDebianDir = "/usr/share/hyphen";
    /// Where Debian's texlive-lang-* packages install TeX's hyph-utf8 patterns.
    static constexpr const char* kTexPatternsDir =
        "/usr/share/texlive/texmf-dist/tex/generic/hyph-utf8/patterns/txt";

    /// Dictionaries from `dir` (hyph_*.dic files as Debian installs them) and TeX's patterns
    /// from `tex_dir` (hyph-*.pat.txt, for the languages that prefer them: see
    /// hyphen_languages.cpp); "" for `tex_dir` looks in `dir` for both.
    explicit Hyphenator(std::string dir, std::string tex_dir = "");
    ~Hyphenator();
    Hyphenator(const Hyphenator&) = delete;
    Hyphenator& operator=(const Hyphenator&) = delete;

    /// Whether words of this language (BCP 47: "en", "en-GB", "ru", "tr", "de-CH"...) can be
    /// hyphenated. False for languages without patterns and for scripts that do not hyphenate
    /// (Chinese, Japanese, Korean, Thai, Lao, Khmer, Burmese...).
    bool supports(std::string_view lang) const;

    /// The dictionary a language takes: its file name ("hyph_de_DE.dic"), a description of the
    /// built-in method for Turkish, "" when the language is not supported. For tests and for
    /// `quire fonts`-style reports.
    std::string dictionary_name(std::string_view lang) const;

    /// When a language typographers hyphenate (Latin, Cyrillic, Greek, Armenian, Georgian or an
    /// Indic script) has no patterns here: a warning naming it and the Debian package that has
    /// its patterns, given once per Hyphenator (so once per FontLibrary: once in a batch run);
    /// nullopt otherwise and on every later call.
    std::optional<std::string> missing_patterns_warning(std::string_view lang) const;

    /// The language's own minimums (typographic defaults, else the dictionary's, at least 2/2).
    /// {2, 2} for a language that is not supported.
    HyphenMins mins(std::string_view lang) const;

    /// Byte offsets in `text` (UTF-8, a whole paragraph) of the places inside the words that lie
    /// in [begin, end) where a line may break with a hyphen inserted before the offset. A word
    /// that crosses `begin` or `end` gets none. left_min / right_min 0 (or less) mean the
    /// language's own. Sorted and unique; empty when the language is not supported.
    std::vector<std::uint32_t> points(std::string_view text, std::uint32_t begin, std::uint32_t end,
                                      std::string_view lang, int left_min = 0,
                                      int right_min = 0) const;

    /// Points of one word (all of `word` taken as a paragraph): a convenience for tests and tools.
    std::vector<std::uint32_t> points(std::string_view word, std::string_view lang) const {
        return points(word, 0, static_cast<std::uint32_t>(word.size()), lang);
    }

    struct Language;  ///< a resolved language (hyphenate.cpp)
    struct Dictionary;

private:
    const Language* language(std::string_view lang) const;
    const Dictionary* dictionary(const std::string& file) const;  // caller holds mu_
    /// The most specific hyph_*.dic of dir_ for a language (caller holds mu_); null: none.
    const Dictionary* find_dictionary(const std::string& ll, const std::string& script,
                                      const std::string& region, const std::string& lang_script,
                                      const std::string& lang_region) const;
    /// TeX's patterns of hyph-`name` in tex_dir_, loaded once; null when absent (caller holds mu_).
    const TexPatterns* tex_patterns(const std::string& name) const;

    std::string dir_, tex_dir_;
    mutable std::shared_mutex mu_;
    mutable std::map<std::string, std::unique_ptr<Language>, std::less<>> languages_;
    mutable std::map<std::string, std::unique_ptr<Dictionary>> dictionaries_;  ///< by file name
    mutable std::map<std::string, std::unique_ptr<TexPatterns>> tex_;          ///< by language file
    /// Points of words met before, relative to the word, by (language, minimums, word).
    mutable SharedCache<std::vector<std::uint32_t>> words_;
};

}  // namespace quire::inline v0::text

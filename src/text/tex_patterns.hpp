// text/tex_patterns: TeX's hyphenation patterns (the hyph-utf8 project's plain-text files, as
// Debian's texlive-lang-* packages install them) applied by Liang's algorithm.
//
// A pattern is letters with digits between them (".аб1р", "1ни"), '.' marking a word edge; a
// word's value between two letters is the largest digit any pattern matching there puts there,
// and an odd value allows a break (Liang, "Word Hy-phen-a-tion by Com-put-er", 1983; TeX's
// \patterns). The exceptions file lists whole words with their hyphens ("ас-бест"). This is the
// algorithm TeX and LuaTeX run on the same files, so the points are theirs; libhyphen reads a
// different format (Debian's hyphen-* packages, whose Russian patterns miss one long word in
// thirteen).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace quire::inline v0::text {

/// One language's patterns and exceptions. Immutable once loaded; safe to share between threads.
class TexPatterns {
public:
    /// Reads `patterns` (hyph-LL.pat.txt: UTF-8, patterns separated by white space) and, when it
    /// exists, `exceptions` (hyph-LL.hyp.txt). Null when the patterns cannot be read or hold
    /// none.
    static std::unique_ptr<TexPatterns> load(const std::string& patterns,
                                             const std::string& exceptions);

    /// Liang's values of a word given as lowercase code points: `values[i]` is the value before
    /// code point i (so values[0] and values[n] are the word's edges), resized to n + 1. An
    /// exception word gets 1 at its hyphens and 0 elsewhere.
    void values(const char32_t* word, std::size_t n, std::vector<std::uint8_t>& values) const;

    /// The number of patterns (for tests and reports).
    std::size_t size() const { return patterns_.size(); }

private:
    /// Letters of a pattern → its digits (one more than its letters).
    std::unordered_map<std::u32string, std::vector<std::uint8_t>> patterns_;
    /// An exception's letters → the positions of its hyphens (before letter i).
    std::unordered_map<std::u32string, std::vector<std::uint32_t>> exceptions_;
    std::size_t longest_ = 0;  ///< letters in the longest pattern, word edges included
};

}  // namespace quire::inline v0::text

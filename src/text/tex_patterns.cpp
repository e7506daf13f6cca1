// text/tex_patterns: Liang's algorithm over hyph-utf8's pattern files (see tex_patterns.hpp).
#include "text/tex_patterns.hpp"

#include "base/read_file.hpp"
#include "base/utf8.hpp"

#include <algorithm>

namespace quire::inline v0::text {

namespace {

/// Calls f(token) for each white-space separated token of `text`; '%' starts a comment that
/// runs to the end of the line.
template <class F>
void tokens(const std::string& text, F&& f) {
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '%') {
            const std::size_t e = text.find('\n', i);
            i = e == std::string::npos ? text.size() : e;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
        } else {
            std::size_t e = i;
            while (e < text.size() && text[e] != ' ' && text[e] != '\t' && text[e] != '\n' &&
                   text[e] != '\r' && text[e] != '%')
                ++e;
            f(std::string_view(text).substr(i, e - i));
            i = e;
        }
    }
}

}  // namespace

std::unique_ptr<TexPatterns> TexPatterns::load(const std::string& patterns,
                                               const std::string& exceptions) {
    const auto text = read_whole_file(patterns);
    if (!text || !utf8::is_valid(*text)) return nullptr;
    auto p = std::make_unique<TexPatterns>();
    tokens(*text, [&](std::string_view tok) {
        std::u32string letters;
        std::vector<std::uint8_t> digits(1, 0);
        for (std::size_t i = 0; i < tok.size();) {
            const auto d = utf8::decode(tok, i);
            i += d.len;
            if (d.c >= U'0' && d.c <= U'9') {
                digits.back() = static_cast<std::uint8_t>(d.c - U'0');
            } else {
                letters.push_back(d.c);
                digits.push_back(0);
            }
        }
        if (letters.empty()) return;
        p->longest_ = std::max(p->longest_, letters.size());
        p->patterns_[std::move(letters)] = std::move(digits);
    });
    if (p->patterns_.empty()) return nullptr;
    if (const auto exc = read_whole_file(exceptions); exc && utf8::is_valid(*exc)) {
        tokens(*exc, [&](std::string_view tok) {
            std::u32string letters;
            std::vector<std::uint32_t> hyphens;
            for (std::size_t i = 0; i < tok.size();) {
                const auto d = utf8::decode(tok, i);
                i += d.len;
                if (d.c == U'-')
                    hyphens.push_back(static_cast<std::uint32_t>(letters.size()));
                else
                    letters.push_back(d.c);
            }
            if (!letters.empty()) p->exceptions_[std::move(letters)] = std::move(hyphens);
        });
    }
    return p;
}

void TexPatterns::values(const char32_t* word, std::size_t n,
                         std::vector<std::uint8_t>& values) const {
    values.assign(n + 1, 0);
    if (!exceptions_.empty()) {
        thread_local std::u32string key;
        key.assign(word, n);
        if (auto it = exceptions_.find(key); it != exceptions_.end()) {
            for (const std::uint32_t h : it->second)
                if (h <= n) values[h] = 1;
            return;
        }
    }
    // ".word.": every substring that is a pattern raises the values it covers. values[k] is the
    // value before word[k], which is position k + 1 of the dotted word.
    thread_local std::u32string dotted, sub;
    dotted.clear();
    dotted.push_back(U'.');
    dotted.append(word, n);
    dotted.push_back(U'.');
    for (std::size_t i = 0; i < dotted.size(); ++i) {
        const std::size_t most = std::min(longest_, dotted.size() - i);
        for (std::size_t len = 1; len <= most; ++len) {
            sub.assign(dotted, i, len);
            const auto it = patterns_.find(sub);
            if (it == patterns_.end()) continue;
            const std::vector<std::uint8_t>& d = it->second;
            for (std::size_t k = 0; k < d.size(); ++k) {
                // Digit k of the pattern stands before dotted[i + k]: word position i + k - 1.
                const std::size_t at = i + k;
                if (at == 0 || at - 1 > n) continue;
                values[at - 1] = std::max(values[at - 1], d[k]);
            }
        }
    }
}

}  // namespace quire::inline v0::text

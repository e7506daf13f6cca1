// Hyphenation points shown as text: the word with '-' at each point ("hy-phen-ation").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace quire::inline v0::test {

/// `text` with '-' inserted at each byte offset of `points` (sorted).
inline std::string marked(const std::string& text, const std::vector<std::uint32_t>& points) {
    std::string out;
    std::size_t prev = 0;
    for (auto p : points) {
        out += text.substr(prev, p - prev) + "-";
        prev = p;
    }
    return out + text.substr(prev);
}

}  // namespace quire::inline v0::test

// base/utf8: UTF-8 decoding and encoding shared by every stage.
//
// Importers guarantee valid UTF-8 in the model; these helpers still never read past the end,
// and decode an ill-formed sequence as U+FFFD of one byte, so no input makes them misbehave.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace quire::inline v0::utf8 {

/// A code point and the number of bytes it took.
struct Decoded {
    char32_t c = 0;
    std::size_t len = 1;
};

/// Decodes the code point starting at byte i (i < s.size()).
inline Decoded decode(std::string_view s, std::size_t i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) return {b, 1};
    std::size_t n;
    char32_t c;
    if ((b & 0xE0) == 0xC0)
        n = 2, c = b & 0x1F;
    else if ((b & 0xF0) == 0xE0)
        n = 3, c = b & 0x0F;
    else if ((b & 0xF8) == 0xF0)
        n = 4, c = b & 0x07;
    else
        return {0xFFFD, 1};
    if (i + n > s.size()) return {0xFFFD, 1};
    for (std::size_t k = 1; k < n; ++k) {
        const auto cb = static_cast<unsigned char>(s[i + k]);
        if ((cb & 0xC0) != 0x80) return {0xFFFD, 1};
        c = (c << 6) | (cb & 0x3F);
    }
    return {c, n};
}

/// Calls f(code_point, byte_offset) for each code point of s.
template <class F>
void for_each(std::string_view s, F&& f) {
    for (std::size_t i = 0; i < s.size();) {
        const Decoded d = decode(s, i);
        f(d.c, i);
        i += d.len;
    }
}

/// Appends the UTF-8 form of c (U+FFFD for values that are not scalar values).
inline void append(std::string& out, char32_t c) {
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

/// The UTF-8 form of c.
inline std::string encode(char32_t c) {
    std::string s;
    append(s, c);
    return s;
}

/// `s` without the control characters an article never holds, for text a parser decoded from
/// escapes ("&#5;" in XML and Markdown, "\x05" in YAML): U+0000 to U+001F but tab and line feed,
/// and U+007F, are left out and counted in `removed`, but a CR becomes a line feed; an
/// ill-formed sequence or a code point UTF-8 cannot carry (a surrogate) becomes U+FFFD.
inline std::string without_controls(std::string_view s, int& removed) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const Decoded d = decode(s, i);
        if (d.c == '\r') {
            out += '\n';
        } else if ((d.c < 0x20 && d.c != '\t' && d.c != '\n') || d.c == 0x7F) {
            ++removed;
        } else if (d.c == 0xFFFD || (d.c >= 0xD800 && d.c <= 0xDFFF) || d.c > 0x10FFFF) {
            append(out, 0xFFFD);
        } else {
            out.append(s.substr(i, d.len));
        }
        i += d.len;
    }
    return out;
}

inline std::string without_controls(std::string_view s) {
    int removed = 0;
    return without_controls(s, removed);
}

/// Appends the UTF-16 form of c (a surrogate pair above the BMP).
inline void append_utf16(std::u16string& out, char32_t c) {
    if (c >= 0x10000) {
        c -= 0x10000;
        out += static_cast<char16_t>(0xD800 + (c >> 10));
        out += static_cast<char16_t>(0xDC00 + (c & 0x3FF));
    } else {
        out += static_cast<char16_t>(c);
    }
}

/// The largest character boundary at or before byte i (for cutting text).
inline std::size_t floor_boundary(std::string_view s, std::size_t i) {
    if (i >= s.size()) return s.size();
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    return i;
}

}  // namespace quire::inline v0::utf8

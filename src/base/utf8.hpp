// base/utf8: UTF-8 decoding, encoding and checking shared by every stage, and the conversions
// to and from UTF-16 (through ICU).
//
// Two decoders. decode() and for_each() read text the importers have checked (the model holds
// valid UTF-8): they never read past the end, and read an ill-formed sequence as U+FFFD of one
// byte, so no input makes them misbehave. decode_strict(), for_each_valid() and find_invalid()
// read bytes from outside (a file, a PDF's text) and accept only the well-formed sequences of
// the Unicode Standard (Table 3-7): no overlong form, no surrogate, nothing past U+10FFFF.
#pragma once

#include <unicode/unistr.h>

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

/// Decodes the code point at byte i (i < s.size()) as decode() does, and moves i past it.
inline char32_t next(std::string_view s, std::size_t& i) {
    const Decoded d = decode(s, i);
    i += d.len;
    return d.c;
}

/// Whether byte b continues a sequence (10xxxxxx) rather than starting a character.
constexpr bool is_continuation(char b) {
    return (static_cast<unsigned char>(b) & 0xC0) == 0x80;
}

/// What decode_strict() gives for a byte that starts no well-formed sequence.
constexpr char32_t kInvalid = 0xFFFFFFFF;

/// Decodes the well-formed sequence starting at byte i (i < s.size()), or {kInvalid, 1} when
/// none starts there: a stray continuation byte, an overlong form, a surrogate, a value past
/// U+10FFFF, a sequence cut short (Unicode Standard, Table 3-7).
inline Decoded decode_strict(std::string_view s, std::size_t i) {
    // The lead byte gives the length and the range of the second byte; later bytes are 80..BF.
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) return {b, 1};
    std::size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
        n = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
        n = 3;
        if (b == 0xE0) lo = 0xA0;  // not overlong
        if (b == 0xED) hi = 0x9F;  // not a surrogate
    } else if (b >= 0xF0 && b <= 0xF4) {
        n = 4;
        if (b == 0xF0) lo = 0x90;  // not overlong
        if (b == 0xF4) hi = 0x8F;  // not past U+10FFFF
    } else {
        return {kInvalid, 1};
    }
    if (s.size() - i < n) return {kInvalid, 1};
    char32_t c = b & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
        const auto cb = static_cast<unsigned char>(s[i + k]);
        if (cb < (k == 1 ? lo : 0x80) || cb > (k == 1 ? hi : 0xBF)) return {kInvalid, 1};
        c = (c << 6) | (cb & 0x3F);
    }
    return {c, n};
}

/// The code point that ends at byte i (0 < i <= s.size()) and its length: decode() of the
/// character that starts at the last non-continuation byte before i.
inline Decoded decode_before(std::string_view s, std::size_t i) {
    std::size_t p = i - 1;
    while (p > 0 && is_continuation(s[p])) --p;
    return {decode(s, p).c, i - p};
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

/// Calls f(code_point, byte_offset) for each well-formed sequence of s (decode_strict()),
/// skipping the bytes that start none.
template <class F>
void for_each_valid(std::string_view s, F&& f) {
    for (std::size_t i = 0; i < s.size();) {
        const Decoded d = decode_strict(s, i);
        if (d.c != kInvalid) f(d.c, i);
        i += d.len;
    }
}

/// The offset of the first byte of s that starts no well-formed sequence, or npos.
inline std::size_t find_invalid(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const Decoded d = decode_strict(s, i);
        if (d.c == kInvalid) return i;
        i += d.len;
    }
    return std::string_view::npos;
}

/// Whether all of s is well-formed UTF-8.
inline bool is_valid(std::string_view s) {
    return find_invalid(s) == std::string_view::npos;
}

/// The number of characters in s: its bytes that are not continuation bytes (the code points
/// of valid UTF-8).
inline std::size_t count(std::string_view s) {
    std::size_t n = 0;
    for (const char b : s) n += !is_continuation(b);
    return n;
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
    while (i > 0 && is_continuation(s[i])) --i;
    return i;
}

/// `s` in UTF-16, through ICU; an ill-formed sequence becomes U+FFFD.
std::u16string to_utf16(std::string_view s);

/// `s` in UTF-8, through ICU; an unpaired surrogate becomes U+FFFD.
std::string from_utf16(std::u16string_view s);

/// `s` as an ICU string (ill-formed sequences as U+FFFD; at most 2^31 - 1 bytes are read).
icu::UnicodeString to_icu(std::string_view s);

/// The UTF-8 form of an ICU string.
std::string from_icu(const icu::UnicodeString& s);

}  // namespace quire::inline v0::utf8

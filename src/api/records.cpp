// api/records: the journal's fields (records.hpp).
#include "api/records.hpp"

namespace quire::inline v0::detail {

std::string encode_field(std::string_view s) {
    if (s.empty()) return "-";
    if (s == "-") return "%2D";
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '%' || c <= 0x20 || c == 0x7f) {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += ch;
        }
    }
    return out;
}

std::optional<std::string> decode_field(std::string_view f) {
    if (f == "-") return std::string();
    auto digit = [](char c) {
        return c >= '0' && c <= '9'   ? c - '0'
               : c >= 'A' && c <= 'F' ? c - 'A' + 10
               : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                      : -1;
    };
    std::string out;
    out.reserve(f.size());
    for (std::size_t i = 0; i < f.size(); ++i) {
        const auto c = static_cast<unsigned char>(f[i]);
        if (c <= 0x20 || c == 0x7f) return std::nullopt;
        if (c != '%') {
            out += f[i];
            continue;
        }
        if (i + 2 >= f.size()) return std::nullopt;
        const int hi = digit(f[i + 1]), lo = digit(f[i + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

}  // namespace quire::inline v0::detail

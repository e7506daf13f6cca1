// base/json: see json.hpp.
#include "base/json.hpp"

#include "base/utf8.hpp"

#include <cmath>
#include <cstdio>

namespace quire::inline v0::json {

std::string hex(std::string_view s) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * s.size());
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

void Writer::indent(std::size_t levels) {
    out_ += '\n';
    out_.append(2 * levels, ' ');
}

void Writer::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (stack_.empty()) return;
    Level& level = stack_.back();
    if (!level.empty) out_ += level.lines ? "," : ", ";
    if (level.lines) indent(stack_.size());
    level.empty = false;
}

void Writer::begin(char open, Layout layout) {
    const bool in_lines = stack_.empty() || stack_.back().lines;
    before_value();
    out_ += open;
    stack_.push_back({layout == Layout::lines && in_lines, true});
}

void Writer::end(char close) {
    const Level level = stack_.back();
    stack_.pop_back();
    if (level.lines && !level.empty) indent(stack_.size());
    out_ += close;
}

Writer& Writer::begin_object(Layout layout) {
    begin('{', layout);
    return *this;
}

Writer& Writer::end_object() {
    end('}');
    return *this;
}

Writer& Writer::begin_array(Layout layout) {
    begin('[', layout);
    return *this;
}

Writer& Writer::end_array() {
    end(']');
    return *this;
}

Writer& Writer::key(std::string_view k) {
    string(k);
    out_ += ": ";
    after_key_ = true;
    return *this;
}

Writer& Writer::string(std::string_view s) {
    before_value();
    out_ += '"';
    for (std::size_t i = 0; i < s.size();) {
        const utf8::Decoded d = utf8::decode_strict(s, i);
        const std::size_t n = d.len;
        if (d.c == utf8::kInvalid) {
            out_ += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
            ++i;
            continue;
        }
        const char c = s[i];
        switch (c) {
            case '"':
                out_ += "\\\"";
                break;
            case '\\':
                out_ += "\\\\";
                break;
            case '\n':
                out_ += "\\n";
                break;
            case '\r':
                out_ += "\\r";
                break;
            case '\t':
                out_ += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
                    out_ += buf;
                } else {
                    out_.append(s.substr(i, n));
                }
        }
        i += n;
    }
    out_ += '"';
    return *this;
}

Writer& Writer::number(long long n) {
    before_value();
    out_ += std::to_string(n);
    return *this;
}

Writer& Writer::number(double x, int decimals) {
    if (!std::isfinite(x)) return null();
    before_value();
    const int n = std::snprintf(nullptr, 0, "%.*f", decimals, x);
    std::string digits(static_cast<std::size_t>(n), '\0');
    std::snprintf(digits.data(), digits.size() + 1, "%.*f", decimals, x);
    out_ += digits;
    return *this;
}

Writer& Writer::null() {
    before_value();
    out_ += "null";
    return *this;
}

Writer& Writer::text(std::string_view k, std::string_view text) {
    key(k).string(text);
    if (!utf8::is_valid(text)) key(std::string(k) + "_bytes").string(hex(text));
    return *this;
}

Writer& Writer::texts(std::string_view k, const std::vector<std::string>& texts) {
    key(k).begin_array();
    bool all_valid = true;
    for (const auto& t : texts) {
        string(t);
        all_valid = all_valid && utf8::is_valid(t);
    }
    end_array();
    if (all_valid) return *this;
    key(std::string(k) + "_bytes").begin_array();
    for (const auto& t : texts) string(hex(t));
    return end_array();
}

}  // namespace quire::inline v0::json

// base/json: a small JSON writer, the one way quire writes JSON (the batch and anthology
// reports).
//
//   json::Writer w;
//   w.begin_object(json::Layout::lines).key("quire").string("1.0").key("n").number(3);
//   w.text("input", path.string());  // "input": "...", and "input_bytes" if it is not UTF-8
//   w.end_object();
//
// The text written is always UTF-8: strings are escaped as JSON wants them (quotes,
// backslashes, control characters), and a byte that is not part of well-formed UTF-8 (a file
// name is bytes, not text) is written as U+FFFD. text() and texts() keep such a value lossless:
// they add a member KEY_bytes with its exact bytes in hex, only when it is not UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace quire::inline v0::json {

/// The bytes of `s` as lowercase hex digits, two a byte.
std::string hex(std::string_view s);

/// How a container is laid out: on one line, or one element a line, indented (inside a
/// container on one line, always on one line).
enum class Layout { inline_, lines };

/// Writes one JSON value (usually an object) into a string. The calls must make valid JSON: a
/// key before each member's value, containers closed in order.
class Writer {
public:
    Writer& begin_object(Layout layout = Layout::inline_);
    Writer& end_object();
    Writer& begin_array(Layout layout = Layout::inline_);
    Writer& end_array();
    /// The key of the next member of the object being written.
    Writer& key(std::string_view k);
    /// A string, escaped; bytes that are not UTF-8 become U+FFFD.
    Writer& string(std::string_view s);
    Writer& number(long long n);
    /// `x` with `decimals` digits after the point; null when it is not finite.
    Writer& number(double x, int decimals);
    Writer& null();
    /// The member "KEY": text, then, only when `text` is not UTF-8, "KEY_bytes": its hex.
    Writer& text(std::string_view key, std::string_view text);
    /// The member "KEY": [texts...], then, only when one of them is not UTF-8, "KEY_bytes": the
    /// hex of each, in the same order.
    Writer& texts(std::string_view key, const std::vector<std::string>& texts);

    /// The JSON written so far.
    const std::string& str() const { return out_; }

private:
    struct Level {
        bool lines;
        bool empty;
    };
    void begin(char open, Layout layout);
    void end(char close);
    void before_value();
    void indent(std::size_t levels);

    std::string out_;
    std::vector<Level> stack_;
    bool after_key_ = false;
};

}  // namespace quire::inline v0::json

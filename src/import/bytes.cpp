// import/bytes: the bytes of an article file (common.hpp): read at most limits.input_bytes of
// them (read_bytes), and checked before any reader parses them (check_bytes: too large, UTF-16,
// binary data, invalid UTF-8, each with the line, column and byte offset).
#include "base/utf8.hpp"
#include "import/common.hpp"

#include <quire/quire.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <fstream>
#include <system_error>

namespace quire::inline v0 {

namespace {

/// Larger inputs are refused whatever Limits::input_bytes says (ICU strings are indexed with
/// int32_t; no article is this big).
constexpr std::size_t kMaxInputBytes = std::size_t{256} << 20;
static_assert(kMaxInputBytes == kMaxInputSize);

/// 1-based line and column (in characters, counting each undecodable byte as one) of `offset`.
std::pair<int, int> line_and_column(std::string_view s, std::size_t offset) {
    int line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < s.size(); ++i) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b == '\n' || (b == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n'))) {
            ++line;
            column = 1;
        } else if (b != '\r' && !utf8::is_continuation(s[i])) {
            ++column;
        }
    }
    return {line, column};
}

/// Control bytes that never occur in text (all C0 controls but TAB LF VT FF CR, and DEL).
bool is_binary_control(unsigned char b) {
    return (b < 0x20 && b != '\t' && b != '\n' && b != '\v' && b != '\f' && b != '\r') || b == 0x7F;
}

/// The offset where `s` shows itself to be binary data, or npos: any NUL byte, or control
/// bytes making up over 1% of the first 64 KiB (a stray ^Z or ESC in text is tolerated).
std::size_t find_binary(std::string_view s) {
    if (const auto nul = s.find('\0'); nul != std::string_view::npos) return nul;
    const std::size_t window = std::min<std::size_t>(s.size(), 65536);
    std::size_t controls = 0, first = std::string_view::npos;
    for (std::size_t i = 0; i < window; ++i) {
        if (is_binary_control(static_cast<unsigned char>(s[i]))) {
            if (controls++ == 0) first = i;
        }
    }
    return controls >= 8 && controls * 100 > window ? first : std::string_view::npos;
}

}  // namespace

/// What makes bytes unreadable as a UTF-8 text article (too large, UTF-16, binary, invalid
/// UTF-8), with the line, column and byte offset; nullopt when they are fine.
std::optional<Diagnostic> import::check_bytes(std::string_view raw, const std::string& name_) {
    auto error = [&](int line, std::string message) {
        return make_error(Location{name_, line, 0, -1}, std::move(message));
    };
    if (raw.size() > kMaxInputBytes) {
        return error(0, "file is too large (" + std::to_string(raw.size()) +
                            " bytes; the limit is " + std::to_string(kMaxInputBytes >> 20) +
                            " MiB)");
    }
    if (raw.size() >= 2 &&
        ((raw[0] == '\xFF' && raw[1] == '\xFE') || (raw[0] == '\xFE' && raw[1] == '\xFF'))) {
        Diagnostic d =
            error(1, "file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
        d.where.byte_offset = 0;
        return d;
    }
    if (const std::size_t bin = find_binary(raw); bin != std::string_view::npos) {
        const auto [line, column] = line_and_column(raw, bin);
        Diagnostic d =
            error(line, "looks like binary data, not text, at byte offset " + std::to_string(bin));
        d.where.column = column;
        d.where.byte_offset = static_cast<std::int64_t>(bin);
        return d;
    }
    if (const std::size_t bad = utf8::find_invalid(raw); bad != std::string_view::npos) {
        const auto [line, column] = line_and_column(raw, bad);
        Diagnostic d = error(line, "invalid UTF-8 at byte offset " + std::to_string(bad) +
                                       " (line " + std::to_string(line) + ")");
        d.where.column = column;
        d.where.byte_offset = static_cast<std::int64_t>(bad);
        return d;
    }
    return std::nullopt;
}

/// The error for an input larger than the limit input-size.
Diagnostic import::too_large(Location where, const Limits& limits) {
    const std::uint64_t n = limits.input_bytes;
    const std::string v = n % (1u << 20) == 0   ? std::to_string(n >> 20) + "M"
                          : n % (1u << 10) == 0 ? std::to_string(n >> 10) + "K"
                                                : std::to_string(n);
    return make_error(std::move(where), "file is too large (more than " + v + " bytes; " +
                                            limit_hint("input-size", v) + ")");
}

Result<std::string> import::read_bytes(const std::filesystem::path& path, const Limits& limits) {
    Location where;
    where.file = path.string();
    // Only regular files: a FIFO or a device would block or never end.
    std::error_code ec;
    if (const auto st = std::filesystem::status(path, ec); !ec && std::filesystem::exists(st)) {
        if (std::filesystem::is_directory(st))
            return make_error(where, "cannot read " + where.file + ": it is a directory");
        if (!std::filesystem::is_regular_file(st))
            return make_error(where, "cannot read " + where.file + ": not a regular file");
    }
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        const int err = errno != 0 ? errno : ENOENT;
        return make_error(
            where, "cannot read " + where.file + ": " + std::generic_category().message(err));
    }
    std::string data;
    std::array<char, 65536> buffer;
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        data.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
        if (data.size() > limits.input_bytes) return import::too_large(where, limits);
    }
    if (in.bad()) {
        const int err = errno != 0 ? errno : EIO;
        return make_error(
            where, "cannot read " + where.file + ": " + std::generic_category().message(err));
    }
    return data;
}

}  // namespace quire::inline v0

// base/utf8: see utf8.hpp. The UTF-16 conversions are ICU's.
#include "base/utf8.hpp"

#include <unicode/ustring.h>

#include <algorithm>
#include <climits>

namespace quire::inline v0::utf8 {

namespace {

/// At most INT32_MAX units of a string ICU is given (its lengths are int32_t).
std::int32_t icu_length(std::size_t n) {
    return static_cast<std::int32_t>(std::min<std::size_t>(n, INT32_MAX));
}

}  // namespace

std::u16string to_utf16(std::string_view s) {
    std::u16string out;
    if (s.empty()) return out;
    const std::int32_t n = icu_length(s.size());
    // A UTF-8 sequence never gives more UTF-16 units than it has bytes.
    out.resize(static_cast<std::size_t>(n));
    std::int32_t len = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8WithSub(out.data(), n, &len, s.data(), n, 0xFFFD, nullptr, &st);
    out.resize(U_SUCCESS(st) ? static_cast<std::size_t>(len) : 0);
    return out;
}

std::string from_utf16(std::u16string_view s) {
    std::string out;
    if (s.empty()) return out;
    const std::int32_t n = icu_length(s.size());
    std::int32_t len = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strToUTF8WithSub(nullptr, 0, &len, s.data(), n, 0xFFFD, nullptr, &st);  // the length
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st)) return out;
    out.resize(static_cast<std::size_t>(len));
    st = U_ZERO_ERROR;
    u_strToUTF8WithSub(out.data(), len, &len, s.data(), n, 0xFFFD, nullptr, &st);
    if (U_FAILURE(st)) out.clear();
    return out;
}

icu::UnicodeString to_icu(std::string_view s) {
    return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), icu_length(s.size())));
}

std::string from_icu(const icu::UnicodeString& s) {
    std::string out;
    s.toUTF8String(out);
    return out;
}

}  // namespace quire::inline v0::utf8

// model/identifiers: see identifiers.hpp.
//
// Every check reads its value byte by byte within bounds, keeps at most the first 16 digits it
// meets (counting the rest), and builds the quoted value of a problem from at most 64 characters,
// so no input, however long or malformed, makes it read past the end or allocate much.
#include "model/identifiers.hpp"

#include "base/utf8.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace quire::inline v0::model {

namespace {

constexpr std::size_t kShownMax = 64;  // characters of the value quoted in a problem
constexpr std::size_t npos = std::string_view::npos;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_blank(char c) {
    return c == ' ' || c == '\t';
}
char to_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// Whether code point c is a C0 or C1 control character or DEL.
bool is_control(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

/// Whether code point c is Unicode white space (White_Space=yes), controls aside, or U+FEFF.
bool is_white(char32_t c) {
    return c == ' ' || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

/// `s` without the blanks and line ends around it.
std::string_view trim(std::string_view s) {
    const auto space = [](char c) { return is_blank(c) || c == '\r' || c == '\n'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

/// Whether `s` starts with the ASCII `prefix`, ignoring case.
bool starts_with_ci(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (to_lower(s[i]) != to_lower(prefix[i])) return false;
    }
    return true;
}

/// `s` without the blanks it starts with.
std::string_view skip_blanks(std::string_view s) {
    while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
    return s;
}

/// `n` as upper-case hexadecimal, at least `width` digits.
std::string hex(std::uint32_t n, int width) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    while (n != 0 || width > 0) {
        out.insert(out.begin(), kHex[n % 16]);
        n /= 16;
        --width;
    }
    return out;
}

/// The value `s` as a problem quotes it: at most kShownMax characters (then "…"), control
/// characters and ill-formed bytes as U+FFFD.
std::string shown(std::string_view s) {
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++chars) {
        if (chars == kShownMax) {
            utf8::append(out, 0x2026);
            break;
        }
        const utf8::Decoded d = utf8::decode_strict(s, i);
        if (d.c == utf8::kInvalid || is_control(d.c)) {
            utf8::append(out, 0xFFFD);
        } else {
            out.append(s.substr(i, d.len));
        }
        i += d.len;
    }
    return out;
}

/// The character starting at byte i of s (i < s.size()) as a problem names it: "'a'",
/// "'–' (U+2013)", "a space", "U+0009", "the byte 0xFF (not UTF-8)".
std::string describe_char(std::string_view s, std::size_t i) {
    const utf8::Decoded d = utf8::decode_strict(s, i);
    if (d.c == utf8::kInvalid) {
        return "the byte 0x" + hex(static_cast<unsigned char>(s[i]), 2) + " (not UTF-8)";
    }
    if (d.c == ' ') return "a space";
    const std::string code = "U+" + hex(static_cast<std::uint32_t>(d.c), 4);
    if (is_control(d.c) || is_white(d.c)) return code;
    const std::string quoted = "'" + std::string(s.substr(i, d.len)) + "'";
    return d.c < 0x80 ? quoted : quoted + " (" + code + ")";
}

/// "1 digit", "12 digits".
std::string digits_phrase(std::size_t n) {
    return std::to_string(n) + (n == 1 ? " digit" : " digits");
}

IdentifierCheck valid(std::string normal) {
    return {true, std::move(normal), {}};
}
IdentifierCheck invalid(std::string problem) {
    return {false, {}, std::move(problem)};
}

/// The digits (and X's, upper-cased) met in a value: the first kKept of them, and how many.
struct Digits {
    static constexpr std::size_t kKept = 16;
    std::array<char, kKept> kept{};
    std::size_t count = 0;
    std::size_t first_x = npos;  ///< index among the digits of the first X

    void add(char c) {
        if (c == 'x' || c == 'X') {
            c = 'X';
            if (first_x == npos) first_x = count;
        }
        if (count < kKept) kept[count] = c;
        ++count;
    }
    /// The value of digit k (k < count, k < kKept; an X is 10).
    int value(std::size_t k) const { return kept[k] == 'X' ? 10 : kept[k] - '0'; }
    /// Whether an X comes before the last digit.
    bool x_inside() const { return first_x != npos && first_x + 1 != count; }
    std::string text() const { return std::string(kept.data(), count < kKept ? count : kKept); }
};

/// The check digit for a remainder: '0'..'9', or 'X' for 10.
char check_char(int value) {
    return value == 10 ? 'X' : static_cast<char>('0' + value);
}

/// "<value> has the check digit 6; it should be 7".
IdentifierCheck wrong_check(std::string_view s, char given, char expected) {
    return invalid(shown(s) + " has the check digit " + given + "; it should be " + expected);
}

}  // namespace

IdentifierCheck check_isbn(std::string_view input) {
    const std::string_view s = trim(input);
    if (s.empty()) return invalid("is empty");
    std::string_view body = s;
    std::size_t labelled = 0;  // 10 or 13 when a label says which
    if (starts_with_ci(body, "ISBN")) {
        body.remove_prefix(4);
        if ((body.substr(0, 3) == "-10" || body.substr(0, 3) == "-13") &&
            (body.size() == 3 || body[3] == ':' || is_blank(body[3]))) {
            labelled = body[2] == '0' ? 10 : 13;
            body.remove_prefix(3);
        }
        if (!body.empty() && body.front() == ':') body.remove_prefix(1);
        body = skip_blanks(body);
        if (body.empty()) return invalid(shown(s) + " has no number after the prefix");
    }

    Digits digits;
    bool hyphens = false;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (is_digit(c) || c == 'x' || c == 'X') {
            digits.add(c);
        } else if (c == '-' || c == ' ') {
            const std::string name = c == '-' ? "a hyphen" : "a space";
            if (i == 0) return invalid(shown(s) + " starts with " + name);
            if (i + 1 == body.size()) return invalid(shown(s) + " ends with " + name);
            if (body[i - 1] == '-' || body[i - 1] == ' ') {
                return invalid(shown(s) + " has two separators in a row");
            }
            hyphens = hyphens || c == '-';
        } else {
            return invalid(shown(s) + " has " + describe_char(body, i) +
                           ", which cannot be in an ISBN (digits with single hyphens or spaces "
                           "between them, and X as an ISBN-10's check digit)");
        }
    }
    if (digits.x_inside()) {
        return invalid(
            shown(s) +
            " has an X before its end; only an ISBN-10's check digit, the last, may be X");
    }
    const std::size_t n = digits.count;
    if (n != 10 && n != 13) {
        return invalid(shown(s) + " has " + digits_phrase(n) + "; an ISBN has 10 or 13");
    }
    if (labelled != 0 && labelled != n) {
        return invalid(shown(s) + " is labelled ISBN-" + std::to_string(labelled) + " but has " +
                       digits_phrase(n));
    }

    char expected;
    if (n == 10) {
        int sum = 0;
        for (std::size_t k = 0; k < 9; ++k) sum += static_cast<int>(10 - k) * digits.value(k);
        expected = check_char((11 - sum % 11) % 11);
    } else {
        if (digits.first_x != npos) {
            return invalid(
                shown(s) +
                " ends in X; an ISBN-13's check digit is 0 to 9 (only an ISBN-10's may be X)");
        }
        const std::string start = digits.text().substr(0, 3);
        if (start != "978" && start != "979") {
            return invalid(shown(s) + " starts with " + start +
                           "; an ISBN-13 starts with 978 or 979" +
                           (start == "977" ? " (977 starts an ISSN's barcode)" : ""));
        }
        int sum = 0;
        for (std::size_t k = 0; k < 12; ++k) sum += digits.value(k) * (k % 2 == 0 ? 1 : 3);
        expected = check_char((10 - sum % 10) % 10);
    }
    const char given = digits.kept[n - 1];
    if (given != expected) return wrong_check(s, given, expected);

    if (!hyphens) return valid(digits.text());
    std::string normal;
    for (const char c : body) normal += c == ' ' ? '-' : c == 'x' ? 'X' : c;
    return valid(normal);
}

IdentifierCheck check_issn(std::string_view input) {
    const std::string_view s = trim(input);
    if (s.empty()) return invalid("is empty");
    std::string_view body = s;
    if (starts_with_ci(body, "ISSN")) {
        body.remove_prefix(4);
        if (!body.empty() && body.front() == ':') body.remove_prefix(1);
        body = skip_blanks(body);
        if (body.empty()) return invalid(shown(s) + " has no number after the prefix");
    }

    Digits digits;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (is_digit(c) || c == 'x' || c == 'X') {
            digits.add(c);
        } else if (c == '-') {
            if (i != 4) {
                return invalid(shown(s) +
                               " has a hyphen in the wrong place; an ISSN is written NNNN-NNNC");
            }
        } else {
            return invalid(
                shown(s) + " has " + describe_char(body, i) +
                ", which cannot be in an ISSN (NNNN-NNNC: digits, and X as the check digit)");
        }
    }
    if (digits.x_inside()) {
        return invalid(shown(s) +
                       " has an X before its end; only the check digit, the last, may be X");
    }
    if (digits.count != 8) {
        return invalid(shown(s) + " has " + digits_phrase(digits.count) + "; an ISSN has 8");
    }
    int sum = 0;
    for (std::size_t k = 0; k < 7; ++k) sum += static_cast<int>(8 - k) * digits.value(k);
    const char expected = check_char((11 - sum % 11) % 11);
    const char given = digits.kept[7];
    if (given != expected) return wrong_check(s, given, expected);
    const std::string text = digits.text();
    return valid(text.substr(0, 4) + "-" + text.substr(4));
}

IdentifierCheck check_doi(std::string_view input) {
    const std::string_view s = trim(input);
    if (s.empty()) return invalid("is empty");
    std::string_view body = s;
    static constexpr std::string_view kPrefixes[] = {
        "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:",
    };
    for (const std::string_view prefix : kPrefixes) {
        if (starts_with_ci(body, prefix)) {
            body.remove_prefix(prefix.size());
            if (prefix == "doi:") body = skip_blanks(body);
            if (body.empty()) return invalid(shown(s) + " has no DOI after the prefix");
            break;
        }
    }
    if (body.substr(0, 3) != "10.") {
        return invalid(shown(s) + " does not start with \"10.\"; a DOI looks like 10.1000/182");
    }
    const std::size_t slash = body.find('/');
    if (slash == npos) {
        return invalid(
            shown(s) +
            " has no '/' between its prefix and its suffix; a DOI looks like 10.1000/182");
    }

    // The registrant code: groups of digits separated by dots, the first of 4 digits or more.
    const std::string_view registrant = body.substr(3, slash - 3);
    std::size_t group = 0;        // digits in the current group
    std::size_t first_group = 0;  // digits in the first group
    bool in_first = true;
    for (std::size_t i = 0; i < registrant.size(); ++i) {
        const char c = registrant[i];
        if (is_digit(c)) {
            ++group;
        } else if (c == '.') {
            if (group == 0) break;  // an empty group, reported below
            if (in_first) first_group = group;
            in_first = false;
            group = 0;
        } else {
            return invalid(shown(s) + " has " + describe_char(registrant, i) +
                           " in its prefix; a DOI's prefix is 10. and digits, maybe in groups "
                           "separated by dots (10.1000, 10.1000.10)");
        }
    }
    if (group == 0) {
        return invalid(shown(s) +
                       (registrant.empty() ? " has no registrant code after \"10.\""
                                           : " has an empty group in its prefix") +
                       "; a DOI looks like 10.1000/182");
    }
    if (in_first) first_group = group;
    if (first_group < 4) {
        return invalid(shown(s) + " has a registrant code of " + digits_phrase(first_group) +
                       "; it has 4 or more (10.1000/182)");
    }

    const std::string_view suffix = body.substr(slash + 1);
    if (suffix.empty()) {
        return invalid(shown(s) + " has nothing after the '/'; a DOI's suffix cannot be empty");
    }
    for (std::size_t i = 0; i < suffix.size();) {
        const utf8::Decoded d = utf8::decode_strict(suffix, i);
        if (d.c == utf8::kInvalid) {
            return invalid(shown(s) + " has " + describe_char(suffix, i) + " in its suffix");
        }
        if (is_control(d.c) || is_white(d.c)) {
            return invalid(shown(s) + " has " + describe_char(suffix, i) +
                           " in its suffix; a DOI has no blanks or control characters");
        }
        i += d.len;
    }
    return valid(std::string(body));
}

IdentifierCheck check_orcid(std::string_view input) {
    const std::string_view s = trim(input);
    if (s.empty()) return invalid("is empty");
    std::string_view body = s;
    for (const std::string_view prefix : {"https://orcid.org/", "http://orcid.org/"}) {
        if (starts_with_ci(body, prefix)) {
            body.remove_prefix(prefix.size());
            if (body.empty()) return invalid(shown(s) + " has no iD after the prefix");
            break;
        }
    }

    Digits digits;
    bool hyphens = false;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (is_digit(c) || c == 'x' || c == 'X') {
            digits.add(c);
        } else if (c == '-') {
            hyphens = true;
        } else {
            return invalid(shown(s) + " has " + describe_char(body, i) +
                           ", which cannot be in an ORCID iD (0000-0002-1825-0097: digits, and X "
                           "as the check digit)");
        }
    }
    if (digits.x_inside()) {
        return invalid(shown(s) +
                       " has an X before its end; only the check digit, the last, may be X");
    }
    if (digits.count != 16) {
        return invalid(shown(s) + " has " + digits_phrase(digits.count) +
                       "; an ORCID iD has 16 (0000-0002-1825-0097)");
    }
    if (hyphens && (body.size() != 19 || body[4] != '-' || body[9] != '-' || body[14] != '-')) {
        return invalid(
            shown(s) +
            " has its hyphens in the wrong places; an ORCID iD is written 0000-0002-1825-0097");
    }
    int total = 0;
    for (std::size_t k = 0; k < 15; ++k) total = (total + digits.value(k)) * 2;
    const char expected = check_char((12 - total % 11) % 11);
    const char given = digits.kept[15];
    if (given != expected) return wrong_check(s, given, expected);
    const std::string text = digits.text();
    return valid(text.substr(0, 4) + "-" + text.substr(4, 4) + "-" + text.substr(8, 4) + "-" +
                 text.substr(12, 4));
}

}  // namespace quire::inline v0::model

// api/style_values: the value of a style file's key, read by the key's kind (StyleKind) and
// held to its range (style_values.hpp): lengths with their units, page sizes, sizes with their
// leading, colours, font chains and per-script families.
#include "api/style_values.hpp"

#include "base/result.hpp"
#include "base/utf8.hpp"
#include "model/numbering.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>

namespace quire::inline v0::detail {

Diagnostic at_line(int line, std::string message) {
    return make_error({{}, line}, std::move(message));
}

int line_of(const YAML::Node& n) {
    const YAML::Mark m = n.Mark();
    return m.is_null() ? 0 : m.line + 1;
}

std::string quoted_key(const std::string& path) {
    std::string s(1, '\'');
    s += path;
    s += '\'';
    return s;
}

Diagnostic bad_value(const YAML::Node& n, const std::string& path, const std::string& why) {
    std::string msg = quoted_key(path);
    msg += ": ";
    msg += why;
    return at_line(line_of(n), msg);
}

const char* const kNoValue =
    "has no value (a colour such as \"#1a1a1a\" needs its quotes: a bare # starts a comment)";

Result<std::string> scalar_of(const YAML::Node& n, const std::string& path) {
    if (n.IsNull()) return bad_value(n, path, kNoValue);
    if (!n.IsScalar()) return bad_value(n, path, "must be a single value");
    return n.Scalar();
}

namespace {

std::string trim(std::string s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    std::size_t a = 0;
    while (a < s.size() && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
    return s.substr(a);
}

/// A plain number ("10.5", "-3", "1e2"), or nothing.
std::optional<double> plain_number(const std::string& s) {
    if (s.empty()) return std::nullopt;
    double v = 0;
    const char* b = s.data();
    const char* e = s.data() + s.size();
    if (*b == '+') ++b;
    auto [p, ec] = std::from_chars(b, e, v);
    if (ec != std::errc() || p != e || !std::isfinite(v)) return std::nullopt;
    return v;
}

/// A length with an optional unit: pt (the default), mm, cm, in.
std::optional<double> length_of(std::string s) {
    s = trim(std::move(s));
    double factor = 1;
    auto ends = [&](const char* u) {
        const std::size_t n = std::strlen(u);
        return s.size() > n && s.compare(s.size() - n, n, u) == 0;
    };
    if (ends("pt")) {
        s.resize(s.size() - 2);
    } else if (ends("mm")) {
        factor = 72 / 25.4, s.resize(s.size() - 2);
    } else if (ends("cm")) {
        factor = 72 / 2.54, s.resize(s.size() - 2);
    } else if (ends("in")) {
        factor = 72, s.resize(s.size() - 2);
    }
    auto v = plain_number(trim(s));
    if (!v) return std::nullopt;
    return *v * factor;
}

const char* kLengthHelp = "a number with an optional unit: pt (the default), mm, cm or in";

/// `v`, or the error of a ranged key's value out of its range.
Result<double> in_range(const YAML::Node& n, const StyleKeyDef& k, double v) {
    if (k.ranged() && !(v >= k.min && v <= k.max))
        return bad_value(n, std::string(k.path), out_of_range(k, v));
    return v;
}

std::optional<bool> flag_of(const std::string& s) {
    if (s == "true" || s == "yes" || s == "on") return true;
    if (s == "false" || s == "no" || s == "off") return false;
    return std::nullopt;
}

std::optional<Color> color_of(std::string s) {
    static const std::map<std::string, Color> named = {
        {"black", {0, 0, 0}},     {"white", {255, 255, 255}}, {"red", {255, 0, 0}},
        {"green", {0, 128, 0}},   {"blue", {0, 0, 255}},      {"gray", {128, 128, 128}},
        {"grey", {128, 128, 128}}};
    s = trim(std::move(s));
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (auto it = named.find(s); it != named.end()) return it->second;
    if (s.size() == 4 && s[0] == '#')
        s = std::string("#") + s[1] + s[1] + s[2] + s[2] + s[3] + s[3];
    if (s.size() != 7 || s[0] != '#') return std::nullopt;
    unsigned v[3];
    for (int i = 0; i < 3; ++i) {
        const char* b = s.data() + 1 + 2 * i;
        auto [p, ec] = std::from_chars(b, b + 2, v[i], 16);
        if (ec != std::errc() || p != b + 2) return std::nullopt;
    }
    return Color{static_cast<std::uint8_t>(v[0]), static_cast<std::uint8_t>(v[1]),
                 static_cast<std::uint8_t>(v[2])};
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

/// A page.size: a named size (detail::page_sizes) or WIDTH x HEIGHT.
std::optional<std::pair<double, double>> page_size_of(std::string s) {
    const std::string l = lower(trim(s));
    for (const auto& p : page_sizes())
        if (l == lower(std::string(p.name))) return std::make_pair(p.width, p.height);
    const auto x = l.find('x');
    if (x == std::string::npos) return std::nullopt;
    auto w = length_of(l.substr(0, x)), h = length_of(l.substr(x + 1));
    if (!w || !h) return std::nullopt;
    return std::make_pair(*w, *h);
}

// ---- the value of a key, by its kind (StyleKind) ----

/// page.size: the width and the height.
Result<std::pair<double, double>> page_size_value(const YAML::Node& n, const std::string& path) {
    QUIRE_TRY_ASSIGN(const std::string text, scalar_of(n, path));
    auto wh = page_size_of(text);
    if (!wh) {
        std::string names;
        for (const auto& p : page_sizes()) names += std::string(p.name) + ", ";
        return bad_value(n, path,
                         "malformed page size '" + n.Scalar() + "' (" + names +
                             "or WIDTH x HEIGHT as in 6in x 9in)");
    }
    // The bounds of page.width and page.height: what is written back as those keys must read
    // back.
    for (const auto& [side, v] : {std::pair{"width", wh->first}, {"height", wh->second}}) {
        const StyleKeyDef& sk = *find_style_key(std::string("page.") + side);
        if (!(v >= sk.min && v <= sk.max)) {
            char buf[128];
            std::snprintf(buf, sizeof buf, "the %s, %g pt, is out of range (%g to %g pt)", side, v,
                          sk.min, sk.max);
            return bad_value(n, path, buf);
        }
    }
    return *wh;
}

Result<double> length_value(const YAML::Node& n, const StyleKeyDef& k) {
    const std::string path(k.path);
    QUIRE_TRY_ASSIGN(const std::string text, scalar_of(n, path));
    auto v = length_of(text);
    if (!v)
        return bad_value(n, path, "malformed length '" + n.Scalar() + "' (" + kLengthHelp + ")");
    return in_range(n, k, *v);
}

Result<double> number_value(const YAML::Node& n, const StyleKeyDef& k) {
    const std::string path(k.path);
    QUIRE_TRY_ASSIGN(const std::string text, scalar_of(n, path));
    auto v = plain_number(trim(text));
    if (!v) return bad_value(n, path, "malformed number '" + n.Scalar() + "'");
    return in_range(n, k, *v);
}

Result<int> integer_value(const YAML::Node& n, const StyleKeyDef& k) {
    const std::string path(k.path);
    QUIRE_TRY_ASSIGN(const std::string text, scalar_of(n, path));
    auto v = plain_number(trim(text));
    if (!v || *v != std::floor(*v) || std::abs(*v) > 1e9)
        return bad_value(n, path, "malformed whole number '" + n.Scalar() + "'");
    QUIRE_TRY(in_range(n, k, *v));
    return static_cast<int>(*v);
}

Result<bool> flag_value(const YAML::Node& n, const std::string& path) {
    QUIRE_TRY_ASSIGN(const std::string text, scalar_of(n, path));
    const auto b = flag_of(text);
    if (!b) return bad_value(n, path, "must be true or false, not '" + n.Scalar() + "'");
    return *b;
}

Result<std::string> text_value(const YAML::Node& n, const std::string& path) {
    QUIRE_TRY_ASSIGN(std::string v, scalar_of(n, path));
    if (v.empty()) return bad_value(n, path, "must not be empty");
    return v;
}

/// A heading-number format (model::NumberFormat::parse says what is wrong with one).
Result<std::string> number_format_value(const YAML::Node& n, const std::string& path) {
    QUIRE_TRY_ASSIGN(std::string v, scalar_of(n, path));
    std::string why;
    model::NumberFormat::parse(v, &why);
    if (!why.empty()) return bad_value(n, path, why);
    return v;
}

/// An opt_text: null (~) unsets it.
Result<std::optional<std::string>> opt_text_value(const YAML::Node& n, const std::string& path) {
    if (n.IsNull()) return std::optional<std::string>();
    QUIRE_TRY_ASSIGN(std::string v, scalar_of(n, path));
    return std::optional<std::string>(std::move(v));
}

/// A font role's size, or size/leading (each within its key's range).
Result<Unit> set_size(FontRole& role, const YAML::Node& n, const StyleKeyDef& k) {
    const std::string path(k.path);
    QUIRE_TRY_ASSIGN(const std::string v, scalar_of(n, path));
    const auto slash = v.find('/');
    auto size = length_of(v.substr(0, slash));
    std::optional<double> leading;
    if (slash != std::string::npos) leading = length_of(v.substr(slash + 1));
    if (!size || (slash != std::string::npos && !leading))
        return bad_value(n, path,
                         "malformed size '" + v +
                             "' (a size, or size/leading as in 10.5/15; lengths in pt, mm, cm "
                             "or in)");
    QUIRE_TRY(in_range(n, k, *size));
    // The leading, held to the role's leading key's range.
    const StyleKeyDef& lk = *find_style_key(std::string(k.role_key) + ".leading");
    if (leading && !(*leading >= lk.min && *leading <= lk.max))
        return bad_value(n, path, "the leading, " + out_of_range(lk, *leading));
    role.size = *size;
    if (leading) role.leading = *leading;
    return Unit{};
}

Result<Color> color_value(const YAML::Node& n, const std::string& path) {
    QUIRE_TRY_ASSIGN(const std::string text, scalar_of(n, path));
    auto c = color_of(text);
    if (!c)
        return bad_value(n, path,
                         "malformed colour '" + n.Scalar() +
                             "' (\"#rrggbb\" in quotes, \"#rgb\", or black, white, gray, red, "
                             "green, blue)");
    return *c;
}

Result<NotePlacement> placement_value(const YAML::Node& n, const std::string& path) {
    QUIRE_TRY_ASSIGN(const std::string v, scalar_of(n, path));
    if (v == "footnotes") return NotePlacement::footnotes;
    if (v == "endnotes") return NotePlacement::endnotes;
    return bad_value(n, path, "must be footnotes or endnotes, not '" + v + "'");
}

Result<PdfStandard> standard_value(const YAML::Node& n, const std::string& path) {
    QUIRE_TRY_ASSIGN(const std::string v, scalar_of(n, path));
    const auto standard = parse_pdf_standard(v);
    if (!standard)
        return bad_value(n, path,
                         "must be a-2u, a-3u, ua-1, one PDF/A level and ua-1 (a-2u,ua-1: the "
                         "default), x-4 or x-4,ua-1 (a print file), or none, not '" +
                             v + "'");
    return *standard;
}

/// fonts.chains: each chain replaces the one of its name, or is added.
Result<Unit> set_chains(std::vector<FontChain>& chains, const YAML::Node& n,
                        const std::string& path) {
    if (!n.IsMap())
        return bad_value(n, path,
                         "must map chain names to lists of families (serif: [Noto Serif, ...])");
    for (const auto& kv : n) {
        QUIRE_TRY_ASSIGN(const std::string name, scalar_of(kv.first, path));
        if (name.empty() || name.find_first_of("[]#~") != std::string::npos)
            return bad_value(kv.first, path, "malformed chain name '" + name + "'");
        FontChain c{name, {}};
        if (kv.second.IsSequence()) {
            for (const auto& f : kv.second) {
                QUIRE_TRY_ASSIGN(std::string family, scalar_of(f, path));
                c.families.push_back(std::move(family));
            }
        } else {
            QUIRE_TRY_ASSIGN(std::string family, scalar_of(kv.second, path));
            c.families.push_back(std::move(family));
        }
        for (const auto& f : c.families)
            if (trim(f).empty()) return bad_value(kv.second, path, "an empty family name");
        if (c.families.empty()) return bad_value(kv.second, path, "a chain needs a family");
        auto it = std::find_if(chains.begin(), chains.end(),
                               [&](const FontChain& o) { return o.name == name; });
        if (it != chains.end())
            *it = std::move(c);
        else
            chains.push_back(std::move(c));
    }
    return Unit{};
}

/// fonts.scripts: each script's family replaces the one set before, or is added.
Result<Unit> set_scripts(std::vector<ScriptFont>& scripts, const YAML::Node& n,
                         const std::string& path) {
    if (!n.IsMap())
        return bad_value(n, path, "must map scripts to families (arabic: Noto Kufi Arabic)");
    for (const auto& kv : n) {
        QUIRE_TRY_ASSIGN(const std::string script, scalar_of(kv.first, path));
        if (!script_code_valid(script))
            return bad_value(kv.first, path,
                             "unknown script '" + script +
                                 "' (an ISO 15924 code such as Arab or Cyrl, or a Unicode "
                                 "script name such as arabic)");
        QUIRE_TRY_ASSIGN(const std::string given, scalar_of(kv.second, path));
        const std::string family = trim(given);
        if (family.empty()) return bad_value(kv.second, path, "an empty family name");
        auto it = std::find_if(scripts.begin(), scripts.end(),
                               [&](const ScriptFont& o) { return o.script == script; });
        if (it != scripts.end())
            it->family = family;
        else
            scripts.push_back({script, family});
    }
    return Unit{};
}

/// One whole number of a protrusion_chars entry, -1000 to 1000.
Result<int> protrusion_amount(const YAML::Node& n, const std::string& path) {
    QUIRE_TRY_ASSIGN(const std::string text, scalar_of(n, path));
    const auto v = plain_number(trim(text));
    if (!v || *v != std::floor(*v) || *v < -1000 || *v > 1000)
        return bad_value(n, path,
                         "'" + text +
                             "' is not a whole number from -1000 to 1000 (thousandths "
                             "of the character's width)");
    return static_cast<int>(*v);
}

/// microtype.protrusion_chars: each character's [start, end] replaces the one set before, or
/// is added.
Result<Unit> set_protrusion_chars(std::vector<CharProtrusion>& chars, const YAML::Node& n,
                                  const std::string& path) {
    const char* form = "must map characters to [start, end] (\"—\": [150, 150])";
    if (!n.IsMap()) return bad_value(n, path, form);
    for (const auto& kv : n) {
        QUIRE_TRY_ASSIGN(const std::string ch, scalar_of(kv.first, path));
        if (!utf8::is_valid(ch) || utf8::count(ch) != 1)
            return bad_value(kv.first, path, "'" + ch + "' is not one character");
        CharProtrusion c{ch, 0, 0};
        if (!kv.second.IsSequence() || kv.second.size() != 2)
            return bad_value(kv.second, path, form);
        QUIRE_TRY_ASSIGN(c.start, protrusion_amount(kv.second[0], path));
        QUIRE_TRY_ASSIGN(c.end, protrusion_amount(kv.second[1], path));
        auto it = std::find_if(chars.begin(), chars.end(),
                               [&](const CharProtrusion& o) { return o.character == ch; });
        if (it != chars.end())
            *it = std::move(c);
        else
            chars.push_back(std::move(c));
    }
    return Unit{};
}

/// `v` stored into the field of type T that `field` points to.
template <class T>
Result<Unit> store(void* field, Result<T> v) {
    if (!v) return v.error();
    *static_cast<T*>(field) = std::move(*v);
    return Unit{};
}

}  // namespace

Result<Unit> set_value(Style& s, const StyleKeyDef& k, const YAML::Node& n) {
    void* field = k.at ? k.at(s) : nullptr;
    const std::string path(k.path);
    switch (k.kind) {
        case StyleKind::name:
        case StyleKind::extends:
            return Unit{};  // read before the other keys (Loader::from_text)
        case StyleKind::page_size: {
            QUIRE_TRY_ASSIGN(const auto wh, page_size_value(n, path));
            s.page_width = wh.first;
            s.page_height = wh.second;
            return Unit{};
        }
        case StyleKind::length:
            return store(field, length_value(n, k));
        case StyleKind::number:
            return store(field, number_value(n, k));
        case StyleKind::integer:
            return store(field, integer_value(n, k));
        case StyleKind::flag:
            return store(field, flag_value(n, path));
        case StyleKind::text:
            return store(field, text_value(n, path));
        case StyleKind::opt_text:
            return store(field, opt_text_value(n, path));
        case StyleKind::number_format:
            return store(field, number_format_value(n, path));
        case StyleKind::size:
            return set_size(*static_cast<FontRole*>(field), n, k);
        case StyleKind::color:
            return store(field, color_value(n, path));
        case StyleKind::placement:
            return store(field, placement_value(n, path));
        case StyleKind::standard:
            return store(field, standard_value(n, path));
        case StyleKind::chains:
            return set_chains(*static_cast<std::vector<FontChain>*>(field), n, path);
        case StyleKind::scripts:
            return set_scripts(*static_cast<std::vector<ScriptFont>*>(field), n, path);
        case StyleKind::protrusion_chars:
            return set_protrusion_chars(*static_cast<std::vector<CharProtrusion>*>(field), n, path);
    }
    return Unit{};
}

}  // namespace quire::inline v0::detail

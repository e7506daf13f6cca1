// api/style_file: house style files (YAML), see include/quire/style_file.hpp and styles/README.md.
//
// One table lists every key: its dotted path, the Style field it sets, its kind of value and
// its range. Parsing, writing (write_style, hence describe()), "did you mean" suggestions and
// the list of keys all come from it, so a key cannot be read but not written or the reverse.
#include "api/impl.hpp"
#include "base/nearest.hpp"
#include "import/common.hpp"
#include "import/yaml_guard.hpp"

#include <quire/style_file.hpp>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace quire::inline v0 {

namespace detail {
/// The built-in styles' sources, name → YAML (generated from styles/*.yaml).
const std::vector<std::pair<std::string_view, std::string_view>>& builtin_style_sources();
/// Whether ICU knows the script (ISO 15924 code or Unicode name); fonts.cpp.
bool script_code_valid(const std::string& script);
}  // namespace detail

namespace {

namespace fs = std::filesystem;

enum class Kind {
    length,     ///< double, points; units pt, mm, cm, in
    number,     ///< double, no unit
    integer,    ///< int
    flag,       ///< bool
    text,       ///< std::string
    opt_text,   ///< std::optional<std::string>; null (~) = unset
    size,       ///< FontRole: its size; "size/leading" sets both
    color,      ///< Color, "#rrggbb"
    placement,  ///< NotePlacement
    standard,   ///< PdfStandard: "a-2u,ua-1", "ua-1", "none"...
    chains,     ///< std::vector<FontChain>: a map of chain name → list of families
    scripts,    ///< std::vector<ScriptFont>: a map of script → family
};

struct Key {
    const char* path;
    const char* field;
    Kind kind;
    void* (*at)(Style&);
    double min = 0, max = 0;  ///< inclusive range of numbers (both 0: none beyond the kind's)
};

#define QF(expr) [](Style& s) -> void* { return &(s.expr); }

const std::vector<Key>& keys() {
    // Roles: font (chain), size (size or size/leading), leading.
#define QROLE(prefix, role)                                                           \
    Key{prefix ".font", #role ".chain", Kind::text, QF(role.chain)},                  \
        Key{prefix ".size", #role ".size", Kind::size, QF(role), 0.1, 499}, Key {     \
        prefix ".leading", #role ".leading", Kind::length, QF(role.leading), 0.1, 999 \
    }
    static const std::vector<Key> table = {
        {"page.width", "page_width", Kind::length, QF(page_width), 72, 14400},
        {"page.height", "page_height", Kind::length, QF(page_height), 72, 14400},
        {"page.bleed", "bleed", Kind::length, QF(bleed), 0, 72},
        {"pdf.standard", "pdf_standard", Kind::standard, QF(pdf_standard)},
        {"margins.top", "margin_top", Kind::length, QF(margin_top), 0, 7200},
        {"margins.bottom", "margin_bottom", Kind::length, QF(margin_bottom), 0, 7200},
        {"margins.inner", "margin_inner", Kind::length, QF(margin_inner), 0, 7200},
        {"margins.outer", "margin_outer", Kind::length, QF(margin_outer), 0, 7200},
        {"margins.mirror", "mirror_margins", Kind::flag, QF(mirror_margins)},
        {"colors.text", "text_color", Kind::color, QF(text_color)},
        {"colors.rule", "rule_color", Kind::color, QF(rule_color)},
        {"colors.link", "link_color", Kind::color, QF(link_color)},
        {"fonts.chains", "font_chains", Kind::chains, QF(font_chains)},
        {"fonts.scripts", "script_fonts", Kind::scripts, QF(script_fonts)},
        QROLE("body", body),
        {"body.indent", "paragraph_indent", Kind::length, QF(paragraph_indent), 0, 1000},
        {"body.paragraph_space", "paragraph_space", Kind::length, QF(paragraph_space), 0, 1000},
        {"body.justify", "justify", Kind::flag, QF(justify)},
        QROLE("headings.h1", heading1),
        QROLE("headings.h2", heading2),
        QROLE("headings.h3", heading3),
        {"headings.space_before", "heading_space_before", Kind::length, QF(heading_space_before), 0,
         1000},
        {"headings.space_after", "heading_space_after", Kind::length, QF(heading_space_after), 0,
         1000},
        QROLE("quote", quote),
        {"quote.indent", "quote_indent", Kind::length, QF(quote_indent), 0, 1000},
        {"lists.indent", "list_indent", Kind::length, QF(list_indent), 0, 1000},
        QROLE("code", code),
        {"blocks.space", "block_space", Kind::length, QF(block_space), 0, 1000},
        {"line_breaking.tolerance", "tolerance", Kind::number, QF(tolerance), 0, 10000},
        {"line_breaking.line_penalty", "line_penalty", Kind::integer, QF(line_penalty), -10000,
         10000},
        {"line_breaking.hyphen_penalty", "hyphen_penalty", Kind::integer, QF(hyphen_penalty),
         -10000, 10000},
        {"line_breaking.ex_hyphen_penalty", "ex_hyphen_penalty", Kind::integer,
         QF(ex_hyphen_penalty), -10000, 10000},
        {"line_breaking.double_hyphen_demerits", "double_hyphen_demerits", Kind::integer,
         QF(double_hyphen_demerits), 0, 10000000},
        {"line_breaking.final_hyphen_demerits", "final_hyphen_demerits", Kind::integer,
         QF(final_hyphen_demerits), 0, 10000000},
        {"line_breaking.adj_demerits", "adj_demerits", Kind::integer, QF(adj_demerits), 0,
         10000000},
        {"line_breaking.emergency_stretch", "emergency_stretch", Kind::length,
         QF(emergency_stretch), 0, 1000},
        {"line_breaking.url_penalty", "url_penalty", Kind::integer, QF(url_penalty), -10000, 10000},
        {"line_breaking.letter_space_stretch", "letter_space_stretch", Kind::number,
         QF(letter_space_stretch), 0, 0.2},
        {"line_breaking.letter_space_shrink", "letter_space_shrink", Kind::number,
         QF(letter_space_shrink), 0, 0.2},
        {"hyphenation.enabled", "hyphenate", Kind::flag, QF(hyphenate)},
        {"hyphenation.left_min", "left_hyphen_min", Kind::integer, QF(left_hyphen_min), 0, 20},
        {"hyphenation.right_min", "right_hyphen_min", Kind::integer, QF(right_hyphen_min), 0, 20},
        {"hyphenation.max_consecutive", "max_consecutive_hyphens", Kind::integer,
         QF(max_consecutive_hyphens), 0, 10},
        {"pagination.orphans", "orphans", Kind::integer, QF(orphans), 1, 10},
        {"pagination.widows", "widows", Kind::integer, QF(widows), 1, 10},
        {"pagination.heading_keep_lines", "heading_keep_lines", Kind::integer,
         QF(heading_keep_lines), 1, 20},
        {"pagination.last_page_min_lines", "last_page_min_lines", Kind::integer,
         QF(last_page_min_lines), 1, 50},
        {"pagination.break_after_hyphen", "page_break_after_hyphen", Kind::flag,
         QF(page_break_after_hyphen)},
        QROLE("title_block.title", title),
        QROLE("title_block.byline", byline),
        QROLE("title_block.translations", meta),
        {"title_block.space_after", "title_space_after", Kind::length, QF(title_space_after), 0,
         1000},
        {"notes.placement", "notes", Kind::placement, QF(notes)},
        QROLE("notes", note),
        {"notes.rule.width", "note_rule_width", Kind::length, QF(note_rule_width), 0, 7200},
        {"notes.rule.thickness", "note_rule_thickness", Kind::length, QF(note_rule_thickness), 0,
         20},
        {"notes.space_before", "note_space_before", Kind::length, QF(note_space_before), 0, 1000},
        {"notes.rule_gap", "note_rule_gap", Kind::length, QF(note_rule_gap), 0, 1000},
        {"notes.gap", "note_gap", Kind::length, QF(note_gap), 0, 1000},
        {"notes.number_width", "note_number_width", Kind::length, QF(note_number_width), 0, 1000},
        {"notes.mark.scale", "superscript_scale", Kind::number, QF(superscript_scale), 0.1, 1},
        {"notes.mark.rise", "superscript_rise", Kind::number, QF(superscript_rise), 0, 1},
        {"notes.continued_label", "continued_label", Kind::opt_text, QF(continued_label)},
        {"notes.heading", "notes_heading", Kind::opt_text, QF(notes_heading)},
        {"notes.endnotes_space_before", "endnotes_space_before", Kind::length,
         QF(endnotes_space_before), 0, 1000},
        QROLE("bio", bio),
        {"bio.space_before", "bio_space_before", Kind::length, QF(bio_space_before), 0, 1000},
        {"bio.rule_width", "bio_rule_width", Kind::length, QF(bio_rule_width), 0, 7200},
        {"bio.keep_lines", "bio_keep_lines", Kind::integer, QF(bio_keep_lines), 0, 1000},
        QROLE("running_head", running_head),
        {"running_head.offset", "head_offset", Kind::length, QF(head_offset), 0, 7200},
        {"folio.offset", "folio_offset", Kind::length, QF(folio_offset), 0, 7200},
    };
#undef QROLE
    return table;
}

#undef QF

/// A style file error at a line.
struct StyleError {
    int line;
    std::string message;
};

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

[[noreturn]] void bad_value(const YAML::Node& n, const std::string& path, const std::string& why) {
    std::string msg = quoted_key(path);
    msg += ": ";
    msg += why;
    throw StyleError{line_of(n), msg};
}

const char* kNoValue =
    "has no value (a colour such as \"#1a1a1a\" needs its quotes: a bare # starts a comment)";

std::string scalar_of(const YAML::Node& n, const std::string& path) {
    if (n.IsNull()) bad_value(n, path, kNoValue);
    if (!n.IsScalar()) bad_value(n, path, "must be a single value");
    return n.Scalar();
}

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

void check_range(const YAML::Node& n, const Key& k, double v) {
    if (k.min == 0 && k.max == 0) return;
    if (v < k.min || v > k.max) {
        char buf[128];
        std::snprintf(buf, sizeof buf, "%g is out of range (%g to %g%s)", v, k.min, k.max,
                      k.kind == Kind::length || k.kind == Kind::size ? " pt" : "");
        bad_value(n, k.path, buf);
    }
}

bool flag_of(const std::string& s, bool& out) {
    if (s == "true" || s == "yes" || s == "on") return out = true, true;
    if (s == "false" || s == "no" || s == "off") return out = false, true;
    return false;
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

/// Named page sizes for page.size.
std::optional<std::pair<double, double>> page_size_of(std::string s) {
    std::string l = trim(s);
    std::transform(l.begin(), l.end(), l.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static const std::map<std::string, std::pair<double, double>> named = {
        {"a4", {595.276, 841.89}},   {"a5", {419.528, 595.276}}, {"b5", {498.898, 708.661}},
        {"letter", {612, 792}},      {"legal", {612, 1008}},     {"royal", {442.205, 663.307}},
        {"demy", {391.181, 612.283}}};
    if (auto it = named.find(l); it != named.end()) return it->second;
    const auto x = l.find('x');
    if (x == std::string::npos) return std::nullopt;
    auto w = length_of(l.substr(0, x)), h = length_of(l.substr(x + 1));
    if (!w || !h) return std::nullopt;
    return std::make_pair(*w, *h);
}

void set_value(Style& s, const Key& k, const YAML::Node& n) {
    void* field = k.at(s);
    const std::string path = k.path;
    switch (k.kind) {
        case Kind::length: {
            auto v = length_of(scalar_of(n, path));
            if (!v)
                bad_value(n, path, "malformed length '" + n.Scalar() + "' (" + kLengthHelp + ")");
            check_range(n, k, *v);
            *static_cast<double*>(field) = *v;
            return;
        }
        case Kind::number: {
            auto v = plain_number(trim(scalar_of(n, path)));
            if (!v) bad_value(n, path, "malformed number '" + n.Scalar() + "'");
            check_range(n, k, *v);
            *static_cast<double*>(field) = *v;
            return;
        }
        case Kind::integer: {
            auto v = plain_number(trim(scalar_of(n, path)));
            if (!v || *v != std::floor(*v) || std::abs(*v) > 1e9)
                bad_value(n, path, "malformed whole number '" + n.Scalar() + "'");
            check_range(n, k, *v);
            *static_cast<int*>(field) = static_cast<int>(*v);
            return;
        }
        case Kind::flag: {
            bool b = false;
            if (!flag_of(scalar_of(n, path), b))
                bad_value(n, path, "must be true or false, not '" + n.Scalar() + "'");
            *static_cast<bool*>(field) = b;
            return;
        }
        case Kind::text: {
            const std::string v = scalar_of(n, path);
            if (v.empty()) bad_value(n, path, "must not be empty");
            *static_cast<std::string*>(field) = v;
            return;
        }
        case Kind::opt_text: {
            auto& o = *static_cast<std::optional<std::string>*>(field);
            if (n.IsNull())
                o.reset();
            else
                o = scalar_of(n, path);
            return;
        }
        case Kind::size: {
            auto& role = *static_cast<FontRole*>(field);
            const std::string v = scalar_of(n, path);
            const auto slash = v.find('/');
            auto size = length_of(v.substr(0, slash));
            std::optional<double> leading;
            if (slash != std::string::npos) leading = length_of(v.substr(slash + 1));
            if (!size || (slash != std::string::npos && !leading))
                bad_value(n, path,
                          "malformed size '" + v +
                              "' (a size, or size/leading as in 10.5/15; lengths in pt, mm, cm "
                              "or in)");
            check_range(n, k, *size);
            if (leading && !(*leading > 0 && *leading < 1000))
                bad_value(n, path, "the leading must be between 0 and 1000 pt");
            role.size = *size;
            if (leading) role.leading = *leading;
            return;
        }
        case Kind::color: {
            auto c = color_of(scalar_of(n, path));
            if (!c)
                bad_value(n, path,
                          "malformed colour '" + n.Scalar() +
                              "' (\"#rrggbb\" in quotes, \"#rgb\", or black, white, gray, red, "
                              "green, blue)");
            *static_cast<Color*>(field) = *c;
            return;
        }
        case Kind::placement: {
            const std::string v = scalar_of(n, path);
            if (v == "footnotes")
                *static_cast<NotePlacement*>(field) = NotePlacement::footnotes;
            else if (v == "endnotes")
                *static_cast<NotePlacement*>(field) = NotePlacement::endnotes;
            else
                bad_value(n, path, "must be footnotes or endnotes, not '" + v + "'");
            return;
        }
        case Kind::standard: {
            const std::string v = scalar_of(n, path);
            const auto standard = parse_pdf_standard(v);
            if (!standard)
                bad_value(n, path,
                          "must be a-2u, a-3u, ua-1, one PDF/A level and ua-1 (a-2u,ua-1: the "
                          "default), or none, not '" +
                              v + "'");
            *static_cast<PdfStandard*>(field) = *standard;
            return;
        }
        case Kind::chains: {
            if (!n.IsMap())
                bad_value(n, path,
                          "must map chain names to lists of families (serif: [Noto Serif, ...])");
            auto& chains = *static_cast<std::vector<FontChain>*>(field);
            for (const auto& kv : n) {
                const std::string name = scalar_of(kv.first, path);
                if (name.empty() || name.find_first_of("[]#~") != std::string::npos)
                    bad_value(kv.first, path, "malformed chain name '" + name + "'");
                FontChain c{name, {}};
                if (kv.second.IsSequence()) {
                    for (const auto& f : kv.second) c.families.push_back(scalar_of(f, path));
                } else {
                    c.families.push_back(scalar_of(kv.second, path));
                }
                for (const auto& f : c.families)
                    if (trim(f).empty()) bad_value(kv.second, path, "an empty family name");
                if (c.families.empty()) bad_value(kv.second, path, "a chain needs a family");
                auto it = std::find_if(chains.begin(), chains.end(),
                                       [&](const FontChain& o) { return o.name == name; });
                if (it != chains.end())
                    *it = std::move(c);
                else
                    chains.push_back(std::move(c));
            }
            return;
        }
        case Kind::scripts: {
            if (!n.IsMap())
                bad_value(n, path, "must map scripts to families (arabic: Noto Kufi Arabic)");
            auto& scripts = *static_cast<std::vector<ScriptFont>*>(field);
            for (const auto& kv : n) {
                const std::string script = scalar_of(kv.first, path);
                if (!detail::script_code_valid(script))
                    bad_value(kv.first, path,
                              "unknown script '" + script +
                                  "' (an ISO 15924 code such as Arab or Cyrl, or a Unicode "
                                  "script name such as arabic)");
                const std::string family = trim(scalar_of(kv.second, path));
                if (family.empty()) bad_value(kv.second, path, "an empty family name");
                auto it = std::find_if(scripts.begin(), scripts.end(),
                                       [&](const ScriptFont& o) { return o.script == script; });
                if (it != scripts.end())
                    it->family = family;
                else
                    scripts.push_back({script, family});
            }
            return;
        }
    }
}

/// The keys directly under a section ("" for the top level): their next path component.
std::vector<std::string> children_of(const std::string& prefix) {
    std::vector<std::string> out;
    if (prefix.empty()) out = {"name", "extends", "page"};
    for (const auto& k : keys()) {
        const std::string p = k.path;
        if (p.size() <= prefix.size() ||
            (!prefix.empty() &&
             (p.compare(0, prefix.size(), prefix) != 0 || p[prefix.size()] != '.')))
            continue;
        const std::size_t from = prefix.empty() ? 0 : prefix.size() + 1;
        const std::string child = p.substr(from, p.find('.', from) - from);
        if (std::find(out.begin(), out.end(), child) == out.end()) out.push_back(child);
    }
    if (prefix == "page") out.push_back("size");
    return out;
}

const Key* find_key(const std::string& path) {
    for (const auto& k : keys())
        if (path == k.path) return &k;
    return nullptr;
}

[[noreturn]] void unknown_key(const YAML::Node& key_node, const std::string& prefix,
                              const std::string& key) {
    std::string full = prefix.empty() ? key : prefix + "." + key;
    std::string msg = "unknown key " + quoted_key(full);
    std::string near;
    // A key of another section, written in the wrong place: "leading" at the top.
    for (const auto& k : keys()) {
        const std::string p = k.path;
        if (p.substr(p.rfind('.') + 1) == key) {
            near = p;
            break;
        }
    }
    if (near.empty()) {
        near = nearest(key, children_of(prefix));  // a typo of a key of this section
        if (!near.empty() && !prefix.empty()) near = prefix + "." + near;
    }
    if (near.empty()) {
        // The key may belong to another section ("leading" at the top, "rule_width" in notes).
        std::vector<std::string> all;
        for (const auto& k : keys()) all.push_back(k.path);
        std::vector<std::string> last;
        for (const auto& p : all) last.push_back(p.substr(p.rfind('.') + 1));
        if (auto n = nearest(full, all); !n.empty()) {
            near = n;
        } else if (auto m = nearest(key, last); !m.empty()) {
            for (std::size_t i = 0; i < last.size(); ++i)
                if (last[i] == m) {
                    near = all[i];
                    break;
                }
        }
    }
    if (!near.empty()) {
        msg += " (did you mean " + quoted_key(near) + "?)";
    } else {
        msg += "; the keys here are";
        const auto kids = children_of(prefix);
        for (std::size_t i = 0; i < kids.size(); ++i) msg += (i ? ", " : " ") + kids[i];
    }
    throw StyleError{line_of(key_node), msg};
}

/// The lines where keys were set, by path, to place errors found after reading.
using KeyLines = std::map<std::string, int>;

void apply_map(Style& s, const YAML::Node& map, const std::string& prefix, KeyLines& lines) {
    for (const auto& kv : map) {
        if (!kv.first.IsScalar()) throw StyleError{line_of(kv.first), "a key must be a name"};
        const std::string key = kv.first.Scalar();
        const std::string path = prefix.empty() ? key : prefix + "." + key;
        if (prefix.empty() && (key == "name" || key == "extends")) continue;  // read before
        if (path == "page.size") {
            auto wh = page_size_of(scalar_of(kv.second, path));
            if (!wh)
                bad_value(kv.second, path,
                          "malformed page size '" + kv.second.Scalar() +
                              "' (A4, A5, B5, letter, legal, royal, demy, or WIDTH x HEIGHT as "
                              "in 6in x 9in)");
            // The same bounds as page.width and page.height: what is written back as those
            // keys must read back.
            for (const auto& [side, v] : {std::pair{"width", wh->first}, {"height", wh->second}}) {
                const Key& k = *find_key(std::string("page.") + side);
                if (v < k.min || v > k.max) {
                    char buf[128];
                    std::snprintf(buf, sizeof buf, "the %s, %g pt, is out of range (%g to %g pt)",
                                  side, v, k.min, k.max);
                    bad_value(kv.second, path, buf);
                }
            }
            s.page_width = wh->first;
            s.page_height = wh->second;
            lines["page.width"] = lines["page.height"] = line_of(kv.second);
            continue;
        }
        if (const Key* k = find_key(path)) {
            // A missing value's node stands where the next line starts: name the key's line.
            if (kv.second.IsNull() && k->kind != Kind::opt_text)
                bad_value(kv.first, path, kNoValue);
            set_value(s, *k, kv.second);
            lines[path] = line_of(kv.second);
            continue;
        }
        const auto kids = children_of(path);
        if (kids.empty() || !(kv.second.IsMap() || kv.second.IsNull()))
            unknown_key(kv.first, prefix, key);
        if (kv.second.IsMap()) apply_map(s, kv.second, path, lines);
    }
}

/// Which keys a check_style() message is about (the first one the file set gets the line).
std::vector<std::string> keys_of_check(const std::string& message) {
    for (const auto& k : keys()) {
        const std::string field = k.field;
        if (message.rfind(field + " ", 0) == 0) return {k.path};
    }
    if (message.find("narrower") != std::string::npos)
        return {"margins.outer", "margins.inner", "page.width"};
    if (message.find("shorter") != std::string::npos)
        return {"margins.bottom", "margins.top", "page.height"};
    if (message.find("hyphen_min") != std::string::npos)
        return {"hyphenation.left_min", "hyphenation.right_min"};
    if (message.find("letter_space") != std::string::npos)
        return {"line_breaking.letter_space_stretch", "line_breaking.letter_space_shrink"};
    return {};
}

struct Loader {
    std::vector<std::string> stack;  ///< the styles being read, outermost first (for cycles)
    /// The folders (real paths) a style file may extend files in: the first file's own and
    /// the caller's allowed ones (--allow-path); empty: anywhere (a built-in's chain).
    std::vector<fs::path> roots;

    Style from_text(std::string_view text, const std::string& file, const fs::path& base_dir,
                    bool builtin, const std::string& stem) {
        YAML::Node root;
        try {
            root = YAML::Load(std::string(text));
        } catch (const YAML::Exception& e) {
            const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
            throw StyleError{line, "YAML: " + e.msg};
        }
        if (!import::yaml_within_source(root, text.size()))
            throw StyleError{0, import::kYamlAliasError};
        if (root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
        if (!root.IsMap())
            throw StyleError{line_of(root),
                             "a style file is a list of 'key: value' lines and sections "
                             "(see styles/README.md)"};
        Style s;
        if (const YAML::Node ext = root["extends"]) {
            const std::string parent = scalar_of(ext, "extends");
            s = load_parent(parent, base_dir, builtin, line_of(ext), file);
        }
        s.name = stem;
        if (const YAML::Node name = root["name"]) {
            s.name = scalar_of(name, "name");
            bool ok = !s.name.empty() && s.name.size() <= 200;
            for (unsigned char c : s.name) ok = ok && c >= 0x20 && c != 0x7f;
            if (!ok) bad_value(name, "name", "must be one line of at most 200 bytes");
        }
        KeyLines lines;
        apply_map(s, root, "", lines);
        if (auto bad = detail::check_style(s); !bad.empty()) {
            int line = 0;
            for (const auto& k : keys_of_check(bad))
                if (auto it = lines.find(k); it != lines.end()) {
                    line = it->second;
                    break;
                }
            if (line == 0 && !lines.empty()) line = 1;
            throw StyleError{line, bad};
        }
        return s;
    }

    Style load_parent(const std::string& parent, const fs::path& base_dir, bool builtin, int line,
                      const std::string& file) {
        const bool is_file = parent.find('/') != std::string::npos || parent.ends_with(".yaml") ||
                             parent.ends_with(".yml");
        if (stack.size() > 16) throw StyleError{line, "extends nests more than 16 styles deep"};
        if (!is_file) {
            const std::string_view text = builtin_style_text(parent);
            if (text.empty()) {
                std::string msg = "'extends': no built-in style '" + parent + "'";
                const auto names = builtin_style_names();
                if (auto near = nearest(parent, names); !near.empty())
                    msg += " (did you mean '" + near + "'?)";
                else
                    msg += "; a file's path needs a '/' or the .yaml extension";
                throw StyleError{line, msg};
            }
            return nested("builtin:" + parent, line, file, [&] {
                return guarded(text, "styles/" + parent + ".yaml", true, parent);
            });
        }
        if (builtin) throw StyleError{line, "a built-in style extends built-in styles only"};
        fs::path p = parent;
        if (p.is_relative()) p = base_dir / p;
        p = p.lexically_normal();
        std::error_code ec;
        const fs::path canon = fs::weakly_canonical(p, ec);
        // The file-access policy, as for images: a style from a stranger extends only files
        // in its own folder (an error would otherwise show a line of any file it names).
        if (!roots.empty()) {
            const fs::path target = import::real_path(p);
            bool ok = false;
            for (const auto& r : roots) ok = ok || import::path_inside(target, r);
            if (!ok)
                throw StyleError{line, "'extends': " + p.string() +
                                           " is outside the style's folder (" + roots[0].string() +
                                           "); allow its folder with --allow-path DIR"};
        }
        return nested((ec ? p : canon).string(), line, file, [&] { return from_file(p); });
    }

    template <class F>
    Style nested(const std::string& id, int line, const std::string& file, F&& f) {
        if (std::find(stack.begin(), stack.end(), id) != stack.end()) {
            std::string chain;
            for (const auto& s : stack) chain += s + " -> ";
            chain += id;
            throw StyleError{line, "'extends' makes a cycle: " + chain};
        }
        (void)file;
        stack.push_back(id);
        Style s = f();
        stack.pop_back();
        return s;
    }

    /// Thrown from a parent file: carries its own file name.
    struct Nested {
        Diagnostic d;
    };

    Style from_file(const fs::path& path) {
        const std::string file = path.string();
        // A regular file only, read to at most 1 MiB: a FIFO would block for ever, a device
        // such as /dev/zero never end.
        std::error_code ec;
        const auto status = fs::status(path, ec);
        if (!ec && status.type() != fs::file_type::regular)
            throw Nested{make_error({file}, "not a regular file: a style is a YAML file")};
        std::ifstream in(path, std::ios::binary);
        if (!in)
            throw Nested{make_error({file}, std::string("cannot read: ") + std::strerror(errno))};
        constexpr std::size_t kMax = std::size_t{1} << 20;
        std::string text(kMax + 1, '\0');
        in.read(text.data(), static_cast<std::streamsize>(text.size()));
        text.resize(static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMax) throw Nested{make_error({file}, "the style is larger than 1 MiB")};
        return guarded(text, path, false, path.stem().string());
    }

    /// from_text(), its errors named with its file.
    Style guarded(std::string_view text, const fs::path& path, bool builtin,
                  const std::string& stem) {
        const std::string file = path.string();
        try {
            return from_text(text, file, path.parent_path(), builtin, stem);
        } catch (const StyleError& e) {
            throw Nested{make_error({file, e.line}, e.message)};
        } catch (const YAML::Exception& e) {
            const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
            throw Nested{make_error({file, line}, "YAML: " + e.msg)};
        }
    }
};

// Writing.

std::string number_text(double v) {
    char buf[64];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    if (ec != std::errc()) return "0";
    return std::string(buf, p);
}

std::string yaml_string(const std::string& s) {
    std::string o(1, '"');
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            o += '\\';
            o += static_cast<char>(c);
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            o += buf;
        } else {
            o += static_cast<char>(c);
        }
    }
    o += '"';
    return o;
}

std::string value_text(Style& s, const Key& k, const std::string& indent) {
    void* f = k.at(s);
    switch (k.kind) {
        case Kind::length:
        case Kind::number:
            return number_text(*static_cast<double*>(f));
        case Kind::integer:
            return std::to_string(*static_cast<int*>(f));
        case Kind::flag:
            return *static_cast<bool*>(f) ? "true" : "false";
        case Kind::text:
            return yaml_string(*static_cast<std::string*>(f));
        case Kind::opt_text: {
            const auto& o = *static_cast<std::optional<std::string>*>(f);
            return o ? yaml_string(*o) : "~";
        }
        case Kind::size:
            return number_text(static_cast<FontRole*>(f)->size);
        case Kind::color: {
            const Color& c = *static_cast<Color*>(f);
            char buf[16];
            std::snprintf(buf, sizeof buf, "\"#%02x%02x%02x\"", c.r, c.g, c.b);
            return buf;
        }
        case Kind::placement:
            return *static_cast<NotePlacement*>(f) == NotePlacement::endnotes ? "endnotes"
                                                                              : "footnotes";
        case Kind::standard:
            return yaml_string(to_string(*static_cast<PdfStandard*>(f)));
        case Kind::chains: {
            const auto& chains = *static_cast<std::vector<FontChain>*>(f);
            if (chains.empty()) return "{}";
            std::string o;
            for (const auto& c : chains) {
                o += '\n' + indent + "  " + yaml_string(c.name) + ": [";
                for (std::size_t i = 0; i < c.families.size(); ++i)
                    o += (i ? ", " : "") + yaml_string(c.families[i]);
                o += ']';
            }
            return o;
        }
        case Kind::scripts: {
            const auto& scripts = *static_cast<std::vector<ScriptFont>*>(f);
            if (scripts.empty()) return "{}";
            std::string o;
            for (const auto& sf : scripts)
                o += '\n' + indent + "  " + yaml_string(sf.script) + ": " + yaml_string(sf.family);
            return o;
        }
    }
    return {};
}

}  // namespace

std::vector<StyleKey> style_keys() {
    std::vector<StyleKey> out;
    for (const auto& k : keys()) out.push_back({k.path, k.field});
    return out;
}

std::string write_style(const Style& style) {
    Style s = style;  // the table's accessors take a mutable style
    std::string out = "name: " + yaml_string(s.name) + "\n";
    std::vector<std::string> open;  // the sections written above, outermost first
    for (const auto& k : keys()) {
        std::vector<std::string> parts;
        std::string p = k.path;
        for (std::size_t from = 0;;) {
            const std::size_t dot = p.find('.', from);
            parts.push_back(p.substr(from, dot - from));
            if (dot == std::string::npos) break;
            from = dot + 1;
        }
        std::size_t same = 0;
        while (same < open.size() && same + 1 < parts.size() && open[same] == parts[same]) ++same;
        open.resize(same);
        for (std::size_t i = same; i + 1 < parts.size(); ++i) {
            out += std::string(2 * i, ' ') + parts[i] + ":\n";
            open.push_back(parts[i]);
        }
        const std::string indent(2 * (parts.size() - 1), ' ');
        const std::string v = value_text(s, k, indent);
        out += indent + parts.back() + ":";
        if (v.empty() || v[0] != '\n') out += ' ';
        out += v + "\n";
    }
    return out;
}

Result<Style> parse_style(std::string_view yaml, const fs::path& file) {
    Loader l;
    l.roots.push_back(import::real_path(file.parent_path()));
    try {
        return l.guarded(yaml, file, false, file.stem().string());
    } catch (const Loader::Nested& n) {
        return n.d;
    } catch (const std::exception& e) {
        return make_error({file.string()}, std::string("cannot read the style: ") + e.what());
    }
}

Result<Style> load_style(const fs::path& file) {
    return load_style(file, {});
}

Result<Style> load_style(const fs::path& file, const std::vector<fs::path>& allowed_paths) {
    Loader l;
    l.roots.push_back(import::real_path(file.parent_path()));
    for (const auto& a : allowed_paths) l.roots.push_back(import::real_path(a));
    try {
        std::error_code ec;
        const fs::path canon = fs::weakly_canonical(file, ec);
        l.stack.push_back((ec ? file : canon).string());
        return l.from_file(file);
    } catch (const Loader::Nested& n) {
        return n.d;
    } catch (const std::exception& e) {
        return make_error({file.string()}, std::string("cannot read the style: ") + e.what());
    }
}

std::string_view builtin_style_text(std::string_view name) {
    for (const auto& [n, text] : detail::builtin_style_sources())
        if (n == name) return text;
    return {};
}

std::vector<std::string> builtin_style_names() {
    std::vector<std::string> out;
    for (const auto& [n, text] : detail::builtin_style_sources()) out.emplace_back(n);
    std::sort(out.begin(), out.end());
    return out;
}

Result<Style> builtin_style(std::string_view name) {
    const std::string_view text = builtin_style_text(name);
    if (text.empty()) {
        std::string msg = "no built-in style '" + std::string(name) + "' (";
        const auto names = builtin_style_names();
        for (std::size_t i = 0; i < names.size(); ++i) msg += (i ? ", " : "") + names[i];
        msg += ")";
        return make_error({}, msg);
    }
    Loader l;
    const std::string id = "builtin:" + std::string(name);
    l.stack.push_back(id);
    std::string file = "styles/";
    file += name;
    file += ".yaml";
    try {
        return l.guarded(text, file, true, std::string(name));
    } catch (const Loader::Nested& n) {
        return n.d;
    } catch (const std::exception& e) {
        return make_error({file}, std::string("cannot read the style: ") + e.what());
    }
}

Result<Style> find_style(std::string_view name_or_file) {
    return find_style(name_or_file, {});
}

Result<Style> find_style(std::string_view name_or_file,
                         const std::vector<fs::path>& allowed_paths) {
    if (!builtin_style_text(name_or_file).empty()) return builtin_style(name_or_file);
    const fs::path p{std::string(name_or_file)};
    std::error_code ec;
    if (!fs::exists(p, ec) && p.extension().empty() &&
        std::string(name_or_file).find('/') == std::string::npos) {
        std::string msg = "no built-in style or file '" + std::string(name_or_file) + "'";
        if (auto near = nearest(name_or_file, builtin_style_names()); !near.empty())
            msg += " (did you mean '" + near + "'?)";
        else
            msg += "; the built-in styles are " + [] {
                std::string s;
                for (const auto& n : builtin_style_names()) s += (s.empty() ? "" : ", ") + n;
                return s;
            }();
        return make_error({}, msg);
    }
    return load_style(p, allowed_paths);
}

}  // namespace quire::inline v0

// api/style_file: house style files (YAML), see include/quire/style_file.hpp and styles/README.md.
//
// Reading. The keys are api/style_keys' table: reading, the "did you mean" suggestions and the
// range checks come from it, as writing (write_style, hence describe(), in style_keys.cpp) and
// check_style() do, so a key cannot be read but not written or the reverse, nor checked here
// otherwise than there.
#include "api/impl.hpp"
#include "api/style_keys.hpp"
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

using detail::StyleKeyDef;
using detail::StyleKind;

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

void check_range(const YAML::Node& n, const StyleKeyDef& k, double v) {
    if (k.ranged() && !(v >= k.min && v <= k.max))
        bad_value(n, std::string(k.path), detail::out_of_range(k, v));
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

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

/// A page.size: a named size (detail::page_sizes) or WIDTH x HEIGHT.
std::optional<std::pair<double, double>> page_size_of(std::string s) {
    const std::string l = lower(trim(s));
    for (const auto& p : detail::page_sizes())
        if (l == lower(std::string(p.name))) return std::make_pair(p.width, p.height);
    const auto x = l.find('x');
    if (x == std::string::npos) return std::nullopt;
    auto w = length_of(l.substr(0, x)), h = length_of(l.substr(x + 1));
    if (!w || !h) return std::nullopt;
    return std::make_pair(*w, *h);
}

void set_value(Style& s, const StyleKeyDef& k, const YAML::Node& n) {
    void* field = k.at ? k.at(s) : nullptr;
    const std::string path(k.path);
    switch (k.kind) {
        case StyleKind::name:
        case StyleKind::extends:
            return;  // read before the other keys (Loader::from_text)
        case StyleKind::page_size: {
            auto wh = page_size_of(scalar_of(n, path));
            if (!wh) {
                std::string names;
                for (const auto& p : detail::page_sizes()) names += std::string(p.name) + ", ";
                bad_value(n, path,
                          "malformed page size '" + n.Scalar() + "' (" + names +
                              "or WIDTH x HEIGHT as in 6in x 9in)");
            }
            // The bounds of page.width and page.height: what is written back as those keys
            // must read back.
            for (const auto& [side, v] : {std::pair{"width", wh->first}, {"height", wh->second}}) {
                const StyleKeyDef& sk = *detail::find_style_key(std::string("page.") + side);
                if (!(v >= sk.min && v <= sk.max)) {
                    char buf[128];
                    std::snprintf(buf, sizeof buf, "the %s, %g pt, is out of range (%g to %g pt)",
                                  side, v, sk.min, sk.max);
                    bad_value(n, path, buf);
                }
            }
            s.page_width = wh->first;
            s.page_height = wh->second;
            return;
        }
        case StyleKind::length: {
            auto v = length_of(scalar_of(n, path));
            if (!v)
                bad_value(n, path, "malformed length '" + n.Scalar() + "' (" + kLengthHelp + ")");
            check_range(n, k, *v);
            *static_cast<double*>(field) = *v;
            return;
        }
        case StyleKind::number: {
            auto v = plain_number(trim(scalar_of(n, path)));
            if (!v) bad_value(n, path, "malformed number '" + n.Scalar() + "'");
            check_range(n, k, *v);
            *static_cast<double*>(field) = *v;
            return;
        }
        case StyleKind::integer: {
            auto v = plain_number(trim(scalar_of(n, path)));
            if (!v || *v != std::floor(*v) || std::abs(*v) > 1e9)
                bad_value(n, path, "malformed whole number '" + n.Scalar() + "'");
            check_range(n, k, *v);
            *static_cast<int*>(field) = static_cast<int>(*v);
            return;
        }
        case StyleKind::flag: {
            bool b = false;
            if (!flag_of(scalar_of(n, path), b))
                bad_value(n, path, "must be true or false, not '" + n.Scalar() + "'");
            *static_cast<bool*>(field) = b;
            return;
        }
        case StyleKind::text: {
            const std::string v = scalar_of(n, path);
            if (v.empty()) bad_value(n, path, "must not be empty");
            *static_cast<std::string*>(field) = v;
            return;
        }
        case StyleKind::opt_text: {
            auto& o = *static_cast<std::optional<std::string>*>(field);
            if (n.IsNull())
                o.reset();
            else
                o = scalar_of(n, path);
            return;
        }
        case StyleKind::size: {
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
            // The leading, held to the role's leading key's range.
            const StyleKeyDef& lk = *detail::find_style_key(std::string(k.role_key) + ".leading");
            if (leading && !(*leading >= lk.min && *leading <= lk.max))
                bad_value(n, path, "the leading, " + detail::out_of_range(lk, *leading));
            role.size = *size;
            if (leading) role.leading = *leading;
            return;
        }
        case StyleKind::color: {
            auto c = color_of(scalar_of(n, path));
            if (!c)
                bad_value(n, path,
                          "malformed colour '" + n.Scalar() +
                              "' (\"#rrggbb\" in quotes, \"#rgb\", or black, white, gray, red, "
                              "green, blue)");
            *static_cast<Color*>(field) = *c;
            return;
        }
        case StyleKind::placement: {
            const std::string v = scalar_of(n, path);
            if (v == "footnotes")
                *static_cast<NotePlacement*>(field) = NotePlacement::footnotes;
            else if (v == "endnotes")
                *static_cast<NotePlacement*>(field) = NotePlacement::endnotes;
            else
                bad_value(n, path, "must be footnotes or endnotes, not '" + v + "'");
            return;
        }
        case StyleKind::standard: {
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
        case StyleKind::chains: {
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
        case StyleKind::scripts: {
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
    for (const auto& k : detail::style_key_table()) {
        const std::string p(k.path);
        if (p.size() <= prefix.size() ||
            (!prefix.empty() &&
             (p.compare(0, prefix.size(), prefix) != 0 || p[prefix.size()] != '.')))
            continue;
        const std::size_t from = prefix.empty() ? 0 : prefix.size() + 1;
        const std::string child = p.substr(from, p.find('.', from) - from);
        if (std::find(out.begin(), out.end(), child) == out.end()) out.push_back(child);
    }
    return out;
}

/// The paths of the keys of a Style field (not name, extends, page.size), for suggestions.
std::vector<std::string> field_paths() {
    std::vector<std::string> out;
    for (const auto& k : detail::style_key_table())
        if (k.field_key()) out.emplace_back(k.path);
    return out;
}

[[noreturn]] void unknown_key(const YAML::Node& key_node, const std::string& prefix,
                              const std::string& key) {
    std::string full = prefix.empty() ? key : prefix + "." + key;
    std::string msg = "unknown key " + quoted_key(full);
    std::string near;
    // A key of another section, written in the wrong place: "leading" at the top.
    const std::vector<std::string> all = field_paths();
    for (const auto& p : all) {
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
        if (const StyleKeyDef* k = detail::find_style_key(path)) {
            if (k->kind == StyleKind::name || k->kind == StyleKind::extends) continue;  // read
            // A missing value's node stands where the next line starts: name the key's line.
            if (kv.second.IsNull() && k->kind != StyleKind::opt_text)
                bad_value(kv.first, path, kNoValue);
            set_value(s, *k, kv.second);
            lines[path] = line_of(kv.second);
            if (k->kind == StyleKind::page_size)
                lines["page.width"] = lines["page.height"] = line_of(kv.second);
            continue;
        }
        const auto kids = children_of(path);
        if (kids.empty() || !(kv.second.IsMap() || kv.second.IsNull()))
            unknown_key(kv.first, prefix, key);
        if (kv.second.IsMap()) apply_map(s, kv.second, path, lines);
    }
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
        if (auto bad = detail::style_problem(s); !bad.message.empty()) {
            int line = 0;
            for (const auto& k : bad.keys)
                if (auto it = lines.find(std::string(k)); it != lines.end()) {
                    line = it->second;
                    break;
                }
            if (line == 0 && !lines.empty()) line = 1;
            throw StyleError{line, bad.message};
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

}  // namespace

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

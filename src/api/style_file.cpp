// api/style_file: house style files (YAML), see include/quire/style_file.hpp and styles/README.md.
//
// Reading. The keys are api/style_keys' table: reading, the "did you mean" suggestions and the
// range checks come from it, as writing (write_style, hence describe(), in style_keys.cpp) and
// check_style() do, so a key cannot be read but not written or the reverse, nor checked here
// otherwise than there. This file reads the sections, the keys and `extends`; each key's value
// is read by its kind in style_values.cpp.
#include "api/impl.hpp"
#include "api/style_keys.hpp"
#include "api/style_values.hpp"
#include "base/nearest.hpp"
#include "base/result.hpp"
#include "import/common.hpp"
#include "import/yaml_guard.hpp"

#include <quire/style_file.hpp>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <set>

namespace quire::inline v0 {

namespace detail {
/// The built-in styles' sources, name → YAML (generated from styles/*.yaml).
const std::vector<std::pair<std::string_view, std::string_view>>& builtin_style_sources();
}  // namespace detail

namespace {

namespace fs = std::filesystem;

using detail::at_line;
using detail::bad_value;
using detail::kNoValue;
using detail::line_of;
using detail::quoted_key;
using detail::scalar_of;
using detail::StyleKeyDef;
using detail::StyleKind;

/// `r`, its error (at a line of the file being read) named with `file`.
template <class T>
Result<T> in_file(Result<T> r, const std::string& file) {
    if (r) return r;
    Diagnostic d = r.error();
    d.where.file = file;
    return d;
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

/// The error of an unknown key, with the key it may be a typo or a misplacement of.
Diagnostic unknown_key(const YAML::Node& key_node, const std::string& prefix,
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
    return at_line(line_of(key_node), msg);
}

/// The lines where keys were set, by path, to place errors found after reading.
using KeyLines = std::map<std::string, int>;

Result<Unit> apply_map(Style& s, const YAML::Node& map, const std::string& prefix,
                       KeyLines& lines) {
    for (const auto& kv : map) {
        if (!kv.first.IsScalar()) return at_line(line_of(kv.first), "a key must be a name");
        const std::string key = kv.first.Scalar();
        const std::string path = prefix.empty() ? key : prefix + "." + key;
        if (const StyleKeyDef* k = detail::find_style_key(path)) {
            if (k->kind == StyleKind::name || k->kind == StyleKind::extends) continue;  // read
            // A missing value's node stands where the next line starts: name the key's line.
            if (kv.second.IsNull() && k->kind != StyleKind::opt_text)
                return bad_value(kv.first, path, kNoValue);
            QUIRE_TRY(set_value(s, *k, kv.second));
            lines[path] = line_of(kv.second);
            if (k->kind == StyleKind::page_size)
                lines["page.width"] = lines["page.height"] = line_of(kv.second);
            continue;
        }
        const auto kids = children_of(path);
        if (kids.empty() || !(kv.second.IsMap() || kv.second.IsNull()))
            return unknown_key(kv.first, prefix, key);
        if (kv.second.IsMap()) QUIRE_TRY(apply_map(s, kv.second, path, lines));
    }
    return Unit{};
}

/// The YAML of a style file: a map (empty for an empty file).
Result<YAML::Node> parse_root(std::string_view text) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
        const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
        return at_line(line, "YAML: " + e.msg);
    }
    if (!import::yaml_within_source(root, text.size())) return at_line(0, import::kYamlAliasError);
    if (root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
    if (!root.IsMap())
        return at_line(line_of(root),
                       "a style file is a list of 'key: value' lines and sections "
                       "(see styles/README.md)");
    return root;
}

/// The keys a style file sets itself, over `s` (its parent's, or the defaults), then the checks
/// over several keys: their error goes on the line of the first key it is about that the file
/// set.
Result<Unit> read_keys(const YAML::Node& root, Style& s) {
    if (const YAML::Node name = root["name"]) {
        QUIRE_TRY_ASSIGN(s.name, scalar_of(name, "name"));
        bool ok = !s.name.empty() && s.name.size() <= 200;
        for (unsigned char c : s.name) ok = ok && c >= 0x20 && c != 0x7f;
        if (!ok) return bad_value(name, "name", "must be one line of at most 200 bytes");
    }
    KeyLines lines;
    QUIRE_TRY(apply_map(s, root, "", lines));
    if (auto bad = detail::style_problem(s); !bad.message.empty()) {
        int line = 0;
        for (const auto& k : bad.keys)
            if (auto it = lines.find(std::string(k)); it != lines.end()) {
                line = it->second;
                break;
            }
        if (line == 0 && !lines.empty()) line = 1;
        return at_line(line, bad.message);
    }
    return Unit{};
}

struct Loader {
    std::vector<std::string> stack;  ///< the styles being read, outermost first (for cycles)
    /// The folders (real paths) a style file may extend files in: the first file's own and
    /// the caller's allowed ones (--allow-path); empty: anywhere (a built-in's chain).
    std::vector<fs::path> roots;

    Result<Style> from_text(std::string_view text, const std::string& file,
                            const fs::path& base_dir, bool builtin, const std::string& stem) {
        QUIRE_TRY_ASSIGN(const YAML::Node root, in_file(parse_root(text), file));
        Style s;
        if (const YAML::Node ext = root["extends"]) {
            QUIRE_TRY_ASSIGN(const std::string parent, in_file(scalar_of(ext, "extends"), file));
            // The parent's errors name its own file.
            QUIRE_TRY_ASSIGN(s, load_parent(parent, base_dir, builtin, line_of(ext), file));
        }
        s.name = stem;
        QUIRE_TRY(in_file(read_keys(root, s), file));
        return s;
    }

    /// The style `parent` that the file `file` extends at `line`: a built-in's name, or a file
    /// (a path with a '/' or the .yaml extension, relative to `base_dir`).
    Result<Style> load_parent(const std::string& parent, const fs::path& base_dir, bool builtin,
                              int line, const std::string& file) {
        const Location at{file, line};
        const bool is_file = parent.find('/') != std::string::npos || parent.ends_with(".yaml") ||
                             parent.ends_with(".yml");
        if (stack.size() > 16) return make_error(at, "extends nests more than 16 styles deep");
        if (!is_file) {
            const std::string_view text = builtin_style_text(parent);
            if (text.empty()) {
                std::string msg = "'extends': no built-in style '" + parent + "'";
                const auto names = builtin_style_names();
                if (auto near = nearest(parent, names); !near.empty())
                    msg += " (did you mean '" + near + "'?)";
                else
                    msg += "; a file's path needs a '/' or the .yaml extension";
                return make_error(at, msg);
            }
            return nested("builtin:" + parent, at, [&] {
                return guarded(text, "styles/" + parent + ".yaml", true, parent);
            });
        }
        if (builtin) return make_error(at, "a built-in style extends built-in styles only");
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
                return make_error(at, "'extends': " + p.string() +
                                          " is outside the style's folder (" + roots[0].string() +
                                          "); allow its folder with --allow-path DIR");
        }
        return nested((ec ? p : canon).string(), at, [&] { return from_file(p); });
    }

    /// f() with `id` on the stack of styles being read; an error (`at`) if it is there already.
    template <class F>
    Result<Style> nested(const std::string& id, const Location& at, F&& f) {
        if (std::find(stack.begin(), stack.end(), id) != stack.end()) {
            std::string chain;
            for (const auto& s : stack) chain += s + " -> ";
            chain += id;
            return make_error(at, "'extends' makes a cycle: " + chain);
        }
        stack.push_back(id);
        Result<Style> s = f();
        stack.pop_back();
        return s;
    }

    Result<Style> from_file(const fs::path& path) {
        const std::string file = path.string();
        // A regular file only, read to at most 1 MiB: a FIFO would block for ever, a device
        // such as /dev/zero never end.
        std::error_code ec;
        const auto status = fs::status(path, ec);
        if (!ec && status.type() != fs::file_type::regular)
            return make_error({file}, "not a regular file: a style is a YAML file");
        std::ifstream in(path, std::ios::binary);
        if (!in) return make_error({file}, std::string("cannot read: ") + std::strerror(errno));
        constexpr std::size_t kMax = std::size_t{1} << 20;
        std::string text(kMax + 1, '\0');
        in.read(text.data(), static_cast<std::streamsize>(text.size()));
        text.resize(static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMax) return make_error({file}, "the style is larger than 1 MiB");
        return guarded(text, path, false, path.stem().string());
    }

    /// from_text(), yaml-cpp's exceptions (a node read as what it is not) made errors named
    /// with its file.
    Result<Style> guarded(std::string_view text, const fs::path& path, bool builtin,
                          const std::string& stem) {
        const std::string file = path.string();
        try {
            return from_text(text, file, path.parent_path(), builtin, stem);
        } catch (const YAML::Exception& e) {
            const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
            return make_error({file, line}, "YAML: " + e.msg);
        }
    }
};

}  // namespace

Result<Style> parse_style(std::string_view yaml, const fs::path& file) {
    Loader l;
    l.roots.push_back(import::real_path(file.parent_path()));
    try {
        return l.guarded(yaml, file, false, file.stem().string());
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

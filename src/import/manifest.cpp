// import/manifest: the collection manifest (YAML); read_collection() (src/api/collection.cpp,
// quire/collection.hpp) reads the file and calls parse_manifest.
//
// yaml-cpp parses; every check after that names the manifest and the line of the offending
// node, and an unknown key is answered with the nearest known one.
#include "import/manifest.hpp"

#include "base/nearest.hpp"
#include "base/result.hpp"
#include "import/common.hpp"
#include "import/yaml_guard.hpp"

#include <quire/collection.hpp>

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

namespace quire::inline v0 {

namespace {

const std::vector<std::string>& known_keys() {
    static const std::vector<std::string> keys = {
        "title", "subtitle", "editor", "editors", "date", "lang", "identifier", "name", "articles"};
    return keys;
}

int line_of(const YAML::Node& n) {
    const YAML::Mark m = n.Mark();
    return m.is_null() ? 0 : m.line + 1;
}

/// The manifest's error at `line`.
Diagnostic error(const std::filesystem::path& manifest, int line, std::string message) {
    return make_error({manifest.string(), line}, std::move(message));
}

Result<std::string> scalar(const std::filesystem::path& manifest, const YAML::Node& n,
                           const std::string& key) {
    if (!n.IsScalar())
        return error(manifest, line_of(n), "'" + key + "' must be a single value (text)");
    return n.Scalar();
}

/// A file name that stays portable: letters, digits, '-', '_' and '.'; not starting with '.'.
bool safe_name(const std::string& s) {
    if (s.empty() || s.size() > 200 || s[0] == '.') return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.'))
            return false;
    return true;
}

/// The list under 'articles': files that exist, are regular, lie inside the manifest's folder
/// (or an allowed one), and are listed once (`seen`: the files listed so far, with their line).
Result<Unit> read_articles(Collection& c, const YAML::Node& v,
                           const std::filesystem::path& manifest,
                           const std::vector<std::filesystem::path>& allowed,
                           std::map<std::string, int>& seen_articles) {
    const std::filesystem::path base = manifest.parent_path();
    const std::filesystem::path home = import::real_path(base);
    for (const auto& a : v) {
        QUIRE_TRY_ASSIGN(const std::string rel, scalar(manifest, a, "articles"));
        if (rel.empty()) return error(manifest, line_of(a), "an empty article file name");
        std::filesystem::path p = rel;
        if (p.is_relative()) p = base / p;
        p = p.lexically_normal();
        std::error_code ec;
        const auto st = std::filesystem::status(p, ec);  // follows links
        if (ec || !std::filesystem::exists(st))
            return error(manifest, line_of(a), "article file not found: " + p.string());
        if (!std::filesystem::is_regular_file(st))
            return error(manifest, line_of(a),
                         p.string() + " is not a regular file (a folder, device, FIFO or socket)");
        // The file-access policy (as for images): a manifest from a stranger lists
        // only files inside its own folder, or a folder the caller allows.
        const auto target = import::real_path(p);
        bool ok = import::path_inside(target, home);
        for (const auto& d : allowed) ok = ok || import::path_inside(target, import::real_path(d));
        if (!ok)
            return error(manifest, line_of(a),
                         "the article " + p.string() + " is outside the manifest's folder (" +
                             target.string() + " is not in " + home.string() +
                             "); allow its folder with --allow-path DIR");
        auto [it, fresh] = seen_articles.emplace(p.string(), line_of(a));
        if (!fresh)
            return error(
                manifest, line_of(a),
                p.string() + " is listed twice (also line " + std::to_string(it->second) + ")");
        c.articles.push_back(p);
    }
    return Unit{};
}

Result<Collection> parse(const YAML::Node& root, const std::filesystem::path& manifest,
                         const std::vector<std::filesystem::path>& allowed) {
    if (!root.IsMap())
        return error(manifest, line_of(root),
                     "a collection manifest is a list of 'key: value' lines (title, "
                     "editors, date, articles...)");
    Collection c;
    c.source = manifest;
    bool have_articles = false, have_title = false;
    std::map<std::string, int> seen_articles;
    for (const auto& kv : root) {
        const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
        const YAML::Node& v = kv.second;
        if (key == "title") {
            QUIRE_TRY_ASSIGN(c.title, scalar(manifest, v, key));
            have_title = true;
        } else if (key == "subtitle") {
            QUIRE_TRY_ASSIGN(c.subtitle, scalar(manifest, v, key));
        } else if (key == "editor" || key == "editors") {
            if (v.IsSequence()) {
                for (const auto& e : v) {
                    QUIRE_TRY_ASSIGN(std::string editor, scalar(manifest, e, key));
                    c.editors.push_back(std::move(editor));
                }
            } else {
                QUIRE_TRY_ASSIGN(std::string editor, scalar(manifest, v, key));
                c.editors.push_back(std::move(editor));
            }
        } else if (key == "date") {
            QUIRE_TRY_ASSIGN(c.date, scalar(manifest, v, key));
        } else if (key == "lang") {
            QUIRE_TRY_ASSIGN(c.lang, scalar(manifest, v, key));
            bool ok = !c.lang.empty() && c.lang.size() <= 35;
            for (char ch : c.lang)
                ok = ok && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                            (ch >= '0' && ch <= '9') || ch == '-');
            if (!ok)
                return error(manifest, line_of(v),
                             "'lang' must be a BCP 47 language tag such as en, tr or pt-BR, not '" +
                                 c.lang + "'");
        } else if (key == "identifier") {
            QUIRE_TRY_ASSIGN(c.identifier, scalar(manifest, v, key));
        } else if (key == "name") {
            QUIRE_TRY_ASSIGN(c.name, scalar(manifest, v, key));
            if (!safe_name(c.name))
                return error(manifest, line_of(v),
                             "'name' is the outputs' file name: letters, digits, '-', '_' and "
                             "'.', not starting with '.'");
        } else if (key == "articles") {
            if (!v.IsSequence())
                return error(manifest, line_of(v),
                             "'articles' must be a list of files, one '- file.txt' a line");
            have_articles = true;
            QUIRE_TRY(read_articles(c, v, manifest, allowed, seen_articles));
        } else {
            std::string msg = "unknown key '" + key + "'";
            if (auto near = nearest(key, known_keys()); !near.empty())
                msg += " (did you mean '" + near + "'?)";
            else
                msg +=
                    "; the keys are title, subtitle, editors, date, lang, identifier, name "
                    "and articles";
            return error(manifest, line_of(kv.first), msg);
        }
    }
    if (!have_title || c.title.empty()) return error(manifest, 1, "the collection has no 'title'");
    if (!have_articles || c.articles.empty())
        return error(manifest, 1, "the collection has no 'articles' (a list of article files)");
    return c;
}

}  // namespace

Result<Collection> import::parse_manifest(std::string_view text,
                                          const std::filesystem::path& manifest,
                                          const std::vector<std::filesystem::path>& allowed_paths) {
    const std::string file = manifest.string();
    if (text.size() > (1u << 24)) return make_error({file}, "the manifest is larger than 16 MiB");
    // yaml-cpp reports a syntax error, and a node it cannot give, by throwing: the parse and
    // the walk over its nodes are where that can happen.
    try {
        const YAML::Node root = YAML::Load(std::string(text));
        if (!import::yaml_within_source(root, text.size()))
            return make_error({file}, import::kYamlAliasError);
        return parse(root, manifest, allowed_paths);
    } catch (const YAML::Exception& e) {
        const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
        const int col = e.mark.is_null() ? 0 : e.mark.column + 1;
        return make_error({file, line, col}, "YAML: " + e.msg);
    }
}

}  // namespace quire::inline v0

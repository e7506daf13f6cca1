// import/manifest: the collection manifest (YAML); read_collection() (src/api/collection.cpp,
// quire/collection.hpp) reads the file and calls parse_manifest.
//
// yaml-cpp parses; every check after that names the manifest and the line of the offending
// node, and an unknown key is answered with the nearest known one.
#include "import/manifest.hpp"

#include "base/nearest.hpp"
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

/// A manifest error at a node's line.
struct ManifestError {
    int line;
    std::string message;
};

int line_of(const YAML::Node& n) {
    const YAML::Mark m = n.Mark();
    return m.is_null() ? 0 : m.line + 1;
}

std::string scalar(const YAML::Node& n, const std::string& key) {
    if (!n.IsScalar())
        throw ManifestError{line_of(n), "'" + key + "' must be a single value (text)"};
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

Collection parse(const YAML::Node& root, const std::filesystem::path& manifest,
                 const std::vector<std::filesystem::path>& allowed) {
    if (!root.IsMap())
        throw ManifestError{line_of(root),
                            "a collection manifest is a list of 'key: value' lines (title, "
                            "editors, date, articles...)"};
    Collection c;
    c.source = manifest;
    bool have_articles = false, have_title = false;
    const std::filesystem::path base = manifest.parent_path();
    const std::filesystem::path home = import::real_path(base);
    std::map<std::string, int> seen_articles;
    for (const auto& kv : root) {
        const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
        const YAML::Node& v = kv.second;
        if (key == "title") {
            c.title = scalar(v, key);
            have_title = true;
        } else if (key == "subtitle") {
            c.subtitle = scalar(v, key);
        } else if (key == "editor" || key == "editors") {
            if (v.IsSequence()) {
                for (const auto& e : v) c.editors.push_back(scalar(e, key));
            } else {
                c.editors.push_back(scalar(v, key));
            }
        } else if (key == "date") {
            c.date = scalar(v, key);
        } else if (key == "lang") {
            c.lang = scalar(v, key);
            bool ok = !c.lang.empty() && c.lang.size() <= 35;
            for (char ch : c.lang)
                ok = ok && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                            (ch >= '0' && ch <= '9') || ch == '-');
            if (!ok)
                throw ManifestError{line_of(v),
                                    "'lang' must be a BCP 47 language tag such as "
                                    "en, tr or pt-BR, not '" +
                                        c.lang + "'"};
        } else if (key == "identifier") {
            c.identifier = scalar(v, key);
        } else if (key == "name") {
            c.name = scalar(v, key);
            if (!safe_name(c.name))
                throw ManifestError{line_of(v),
                                    "'name' is the outputs' file name: letters, digits, '-', '_' "
                                    "and '.', not starting with '.'"};
        } else if (key == "articles") {
            if (!v.IsSequence())
                throw ManifestError{line_of(v),
                                    "'articles' must be a list of files, one '- file.txt' a line"};
            have_articles = true;
            for (const auto& a : v) {
                const std::string rel = scalar(a, key);
                if (rel.empty()) throw ManifestError{line_of(a), "an empty article file name"};
                std::filesystem::path p = rel;
                if (p.is_relative()) p = base / p;
                p = p.lexically_normal();
                std::error_code ec;
                const auto st = std::filesystem::status(p, ec);  // follows links
                if (ec || !std::filesystem::exists(st))
                    throw ManifestError{line_of(a), "article file not found: " + p.string()};
                if (!std::filesystem::is_regular_file(st))
                    throw ManifestError{line_of(a), p.string() +
                                                        " is not a regular file (a folder, "
                                                        "device, FIFO or socket)"};
                // The file-access policy (as for images): a manifest from a stranger lists
                // only files inside its own folder, or a folder the caller allows.
                const auto target = import::real_path(p);
                bool ok = import::path_inside(target, home);
                for (const auto& d : allowed)
                    ok = ok || import::path_inside(target, import::real_path(d));
                if (!ok)
                    throw ManifestError{
                        line_of(a), "the article " + p.string() +
                                        " is outside the manifest's folder (" + target.string() +
                                        " is not in " + home.string() +
                                        "); allow its folder with --allow-path DIR"};
                auto [it, fresh] = seen_articles.emplace(p.string(), line_of(a));
                if (!fresh)
                    throw ManifestError{line_of(a), p.string() + " is listed twice (also line " +
                                                        std::to_string(it->second) + ")"};
                c.articles.push_back(p);
            }
        } else {
            std::string msg = "unknown key '" + key + "'";
            if (auto near = nearest(key, known_keys()); !near.empty())
                msg += " (did you mean '" + near + "'?)";
            else
                msg +=
                    "; the keys are title, subtitle, editors, date, lang, identifier, name "
                    "and articles";
            throw ManifestError{line_of(kv.first), msg};
        }
    }
    if (!have_title || c.title.empty()) throw ManifestError{1, "the collection has no 'title'"};
    if (!have_articles || c.articles.empty())
        throw ManifestError{1, "the collection has no 'articles' (a list of article files)"};
    return c;
}

}  // namespace

Result<Collection> import::parse_manifest(std::string_view text,
                                          const std::filesystem::path& manifest,
                                          const std::vector<std::filesystem::path>& allowed_paths) {
    const std::string file = manifest.string();
    if (text.size() > (1u << 24)) return make_error({file}, "the manifest is larger than 16 MiB");
    try {
        const YAML::Node root = YAML::Load(std::string(text));
        if (!import::yaml_within_source(root, text.size()))
            return make_error({file}, import::kYamlAliasError);
        return parse(root, manifest, allowed_paths);
    } catch (const ManifestError& e) {
        return make_error({file, e.line}, e.message);
    } catch (const YAML::Exception& e) {
        const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
        const int col = e.mark.is_null() ? 0 : e.mark.column + 1;
        return make_error({file, line, col}, "YAML: " + e.msg);
    } catch (const std::exception& e) {
        return make_error({file}, std::string("cannot read the manifest: ") + e.what());
    }
}

}  // namespace quire::inline v0

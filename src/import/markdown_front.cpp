// import/markdown_front: the YAML front matter of a Markdown article (the keys are listed in
// markdown.cpp), and the images an article names (a figure's, the bio's photo).
//
// yaml-cpp reports a syntax error, and a node it cannot give, by throwing: front_matter()
// turns that into the Result, around the parse and the walk over its nodes.
#include "base/nearest.hpp"
#include "import/common.hpp"
#include "import/lang.hpp"
#include "import/markdown_reader.hpp"
#include "import/yaml_guard.hpp"

#include <yaml-cpp/yaml.h>

#include <memory>

namespace quire::inline v0::import::md {

namespace {

int fm_line(const YAML::Node& n) {
    const YAML::Mark m = n.Mark();
    return m.is_null() ? 1 : m.line + 2;  // the block starts on line 2
}

}  // namespace

Result<Unit> MarkdownReader::front_matter(std::string_view& body) {
    if (body.substr(0, 4) != "---\n") return Unit{};
    std::size_t end = std::string_view::npos, after = 0;
    for (std::size_t pos = 4; pos < body.size();) {
        const std::size_t nl = body.find('\n', pos);
        const std::string_view line =
            body.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        if (line == "---" || line == "...") {
            end = pos;
            after = nl == std::string_view::npos ? body.size() : nl + 1;
            break;
        }
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    if (end == std::string_view::npos)
        return error(1,
                     "the front matter that starts on line 1 with '---' is never closed "
                     "(a line '---' must end it)");
    const std::string yaml(body.substr(4, end - 4));
    int lines = 0;
    for (std::size_t i = 0; i < after; ++i) lines += body[i] == '\n';
    line_offset_ = lines;
    body.remove_prefix(after);
    try {
        const YAML::Node root = YAML::Load(yaml);
        if (root.IsNull()) return Unit{};
        if (!import::yaml_within_source(root, yaml.size()))
            return error(2, std::string("front matter: ") + import::kYamlAliasError);
        if (!root.IsMap())
            return error(2, "the front matter must be 'key: value' lines (title, authors…)");
        return read_front(root);
    } catch (const YAML::Exception& e) {
        const int line = e.mark.is_null() ? 1 : e.mark.line + 2;
        return error(line, "front matter: " + e.msg);
    }
}

/// A value, without control characters and without the blanks around it (a quoted
/// " Title " is the title "Title"; a value of blanks is no value).
Result<std::string> MarkdownReader::scalar(const YAML::Node& n, const std::string& key) const {
    if (!n.IsScalar()) return error(fm_line(n), "'" + key + "' must be a single value");
    std::string s = utf8::without_controls(n.Scalar());
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    std::size_t b = 0, e = s.size();
    while (b < e && blank(s[b])) ++b;
    while (e > b && blank(s[e - 1])) --e;
    return s.substr(b, e - b);
}

/// A language tag: well-formed BCP 47, else an error naming the line.
Result<std::string> MarkdownReader::tag(const YAML::Node& n, const std::string& key) const {
    QUIRE_TRY_ASSIGN(std::string t, scalar(n, key));
    if (!is_language_tag(t))
        return error(fm_line(n), "'" + key + "': '" + t +
                                     "' is not a BCP 47 language tag (en, pt-BR, zh-Hant…)");
    return t;
}

Result<std::vector<std::string>> MarkdownReader::list(const YAML::Node& n,
                                                      const std::string& key) const {
    std::vector<std::string> v;
    if (n.IsSequence()) {
        for (const auto& e : n) {
            QUIRE_TRY_ASSIGN(std::string s, scalar(e, key));
            v.push_back(std::move(s));
        }
    } else if (!n.IsNull()) {
        QUIRE_TRY_ASSIGN(std::string s, scalar(n, key));
        v.push_back(std::move(s));
    }
    return v;
}

Result<Unit> MarkdownReader::read_front(const YAML::Node& root) {
    static const std::vector<std::string> keys = {
        "title", "subtitle", "author",       "authors",  "date",
        "lang",  "language", "translations", "keywords", "bio"};
    for (const auto& kv : root) {
        const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
        const YAML::Node& v = kv.second;
        if (key == "title") {
            QUIRE_TRY_ASSIGN(article_.title, scalar(v, key));
        } else if (key == "subtitle") {
            QUIRE_TRY_ASSIGN(article_.subtitle, scalar(v, key));
        } else if (key == "author" || key == "authors") {
            QUIRE_TRY_ASSIGN(article_.authors, list(v, key));
        } else if (key == "date") {
            QUIRE_TRY_ASSIGN(article_.date, scalar(v, key));
        } else if (key == "lang" || key == "language") {
            QUIRE_TRY_ASSIGN(fm_lang_, tag(v, key));
        } else if (key == "keywords") {
            QUIRE_TRY_ASSIGN(article_.keywords, list(v, key));
        } else if (key == "translations") {
            QUIRE_TRY(read_translations(v, key));
        } else if (key == "bio") {
            QUIRE_TRY(read_bio(v));
        } else {
            std::string msg = "front matter: unknown key '" + key + "'";
            if (auto near = nearest(key, keys); !near.empty())
                msg += " (did you mean '" + near + "'?)";
            msg += "; it is ignored";
            diags_.warning(at(fm_line(kv.first)), msg);
        }
    }
    return Unit{};
}

Result<Unit> MarkdownReader::read_translations(const YAML::Node& v, const std::string& key) {
    if (!v.IsSequence()) return error(fm_line(v), "'translations' must be a list of {lang, label}");
    for (const auto& t : v) {
        Translation tr;
        if (t.IsMap()) {
            if (t["lang"]) {
                QUIRE_TRY_ASSIGN(tr.lang, tag(t["lang"], "lang"));
            }
            if (t["label"]) {
                QUIRE_TRY_ASSIGN(tr.label, scalar(t["label"], "label"));
            }
        } else {
            QUIRE_TRY_ASSIGN(tr.label, scalar(t, key));
            tr.lang = import::language_for_name(tr.label);
        }
        if (tr.label.empty()) return error(fm_line(t), "a translation needs a 'label' (its name)");
        article_.translations.push_back(std::move(tr));
    }
    return Unit{};
}

Result<Unit> MarkdownReader::read_bio(const YAML::Node& v) {
    if (!v.IsMap()) return error(fm_line(v), "'bio' must have name, lang, text (and photo)");
    AuthorBio bio;
    bio.line = fm_line(v);
    for (const auto& kv : v) {
        const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
        if (key == "name") {
            QUIRE_TRY_ASSIGN(bio.name, scalar(kv.second, key));
        } else if (key == "lang") {
            QUIRE_TRY_ASSIGN(fm_bio_lang_, tag(kv.second, key));
        } else if (key == "text") {
            // Paragraphs separated by blank lines, inline Markdown within them.
            QUIRE_TRY_ASSIGN(bio_text_, scalar(kv.second, key));
            bio_text_line_ = fm_line(kv.second);
        } else if (key == "photo") {
            QUIRE_TRY_ASSIGN(const std::string src, scalar(kv.second, key));
            if (src.empty())
                diags_.warning(at(fm_line(kv.second)), "front matter: 'bio.photo' is empty");
            else
                bio.photo = image(src, bio.name, "", fm_line(kv.second));
        } else {
            std::string msg = "front matter: unknown key 'bio." + key + "'";
            if (auto near = nearest(key, {"name", "lang", "text", "photo"}); !near.empty())
                msg += " (did you mean 'bio." + near + "'?)";
            return error(fm_line(kv.first), msg);
        }
    }
    article_.bio = std::move(bio);
    if (!bio_text_.empty()) {
        std::unique_ptr<cmark_node, NodeDeleter> doc(
            cmark_parse_document(bio_text_.data(), bio_text_.size(), CMARK_OPT_DEFAULT));
        for (cmark_node* n = cmark_node_first_child(doc.get()); n; n = cmark_node_next(n)) {
            if (cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH) continue;
            Paragraph p;
            p.line = bio_text_line_;
            inlines(n, p, {});
            article_.bio->paragraphs.push_back(std::move(p));
        }
    }
    return Unit{};
}

/// An image; its path is left empty (the figure shows its text alternative) with a
/// warning when the file is missing, remote, or neither PNG nor JPEG.
Image MarkdownReader::image(const std::string& src, const std::string& alt,
                            const std::string& title, int line) const {
    Image im;
    im.src = src;
    im.alt = alt;
    im.title = title;
    if (src.find("://") != std::string::npos) {
        diags_.warning(at(line), "the image '" + src +
                                     "' is remote; quire embeds only local files (its text "
                                     "alternative is shown)");
        return im;
    }
    // Only a regular file inside the article's folder (or an allowed one) is read.
    auto access = import::resolve_image(src, base_, options_);
    if (access.path.empty() && !access.data) {
        diags_.warning(at(line), "the image '" + src + "' " + access.refused +
                                     "; its text alternative is shown");
        return im;
    }
    im.path = access.path;
    im.data = std::move(access.data);
    return im;
}

}  // namespace quire::inline v0::import::md

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
#include "model/identifiers.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
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
    // How a report is published (read_publication).
    static const std::vector<std::string> publication_keys = {
        "series",  "number",     "organisation", "organization", "publisher",     "logo",
        "cover",   "isbn",       "issn",         "doi",          "licence",       "license",
        "cite-as", "disclaimer", "summary",      "abstract",     "summary-title", "contents"};
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> k = {"title", "subtitle", "author",       "authors",  "date",
                                      "lang",  "language", "translations", "keywords", "bio"};
        k.insert(k.end(), publication_keys.begin(), publication_keys.end());
        return k;
    }();
    for (const auto& kv : root) {
        const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
        const YAML::Node& v = kv.second;
        if (key == "title") {
            QUIRE_TRY_ASSIGN(article_.title, scalar(v, key));
        } else if (key == "subtitle") {
            QUIRE_TRY_ASSIGN(article_.subtitle, scalar(v, key));
        } else if (key == "author" || key == "authors") {
            QUIRE_TRY(read_authors(v, key));
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
        } else if (std::find(publication_keys.begin(), publication_keys.end(), key) !=
                   publication_keys.end()) {
            QUIRE_TRY(read_publication(v, key));
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

Result<Unit> MarkdownReader::read_publication(const YAML::Node& v, const std::string& key) {
    Publication& pub = article_.publication;
    if (pub.line == 0) pub.line = fm_line(v);
    if (key == "series") {
        QUIRE_TRY_ASSIGN(pub.series, scalar(v, key));
    } else if (key == "number") {
        QUIRE_TRY_ASSIGN(pub.number, scalar(v, key));
    } else if (key == "organisation" || key == "organization" || key == "publisher") {
        QUIRE_TRY_ASSIGN(pub.organisation, scalar(v, key));
    } else if (key == "logo" || key == "cover") {
        QUIRE_TRY_ASSIGN(std::optional<Image> im, picture(v, key));
        (key == "logo" ? pub.logo : pub.cover) = std::move(im);
    } else if (key == "isbn" || key == "issn" || key == "doi") {
        QUIRE_TRY_ASSIGN(const std::string given, scalar(v, key));
        const auto check = key == "isbn"   ? model::check_isbn(given)
                           : key == "issn" ? model::check_issn(given)
                                           : model::check_doi(given);
        if (!check.ok) return error(fm_line(v), "front matter: '" + key + "': " + check.problem);
        (key == "isbn" ? pub.isbn : key == "issn" ? pub.issn : pub.doi) = check.normal;
    } else if (key == "licence" || key == "license") {
        QUIRE_TRY_ASSIGN(pub.licence, scalar(v, key));
    } else if (key == "cite-as") {
        QUIRE_TRY_ASSIGN(pub.cite_as, scalar(v, key));
    } else if (key == "contents") {
        QUIRE_TRY_ASSIGN(const std::string v_text, scalar(v, key));
        if (v_text != "true" && v_text != "false")
            return error(fm_line(v), "front matter: 'contents' must be true or false");
        pub.contents = v_text == "true";
    } else if (key == "summary-title") {
        QUIRE_TRY_ASSIGN(pub.summary_title, scalar(v, key));
    } else if (key == "summary" || key == "abstract") {
        QUIRE_TRY_ASSIGN(const std::string text, scalar(v, key));
        pub.summary = markdown_paragraphs(text, fm_line(v));
    } else if (key == "disclaimer") {
        QUIRE_TRY_ASSIGN(const std::string text, scalar(v, key));
        pub.disclaimer = markdown_paragraphs(text, fm_line(v));
    }
    return Unit{};
}

/// A logo or cover: a file name, or {src, alt}; none when the value is empty (a warning).
Result<std::optional<Image>> MarkdownReader::picture(const YAML::Node& v, const std::string& key) {
    std::string src, alt;
    if (v.IsMap()) {
        for (const auto& kv : v) {
            const std::string k = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
            if (k == "src") {
                QUIRE_TRY_ASSIGN(src, scalar(kv.second, key + ".src"));
            } else if (k == "alt") {
                QUIRE_TRY_ASSIGN(alt, scalar(kv.second, key + ".alt"));
            } else {
                return error(fm_line(kv.first),
                             "front matter: unknown key '" + key + "." + k + "' (src, alt)");
            }
        }
    } else {
        QUIRE_TRY_ASSIGN(src, scalar(v, key));
    }
    if (src.empty()) {
        diags_.warning(at(fm_line(v)), "front matter: '" + key + "' names no image");
        return std::optional<Image>{};
    }
    Image im = image(src, alt, "", fm_line(v));
    // alt: "" in the front matter marks the image decorative, as in the XML form.
    if (v.IsMap() && v["alt"] && alt.empty()) im.decorative = true;
    return std::optional<Image>(std::move(im));
}

/// Paragraphs of Markdown text (a bio, a summary, a disclaimer): paragraphs separated by blank
/// lines, inline Markdown within them.
std::vector<Paragraph> MarkdownReader::markdown_paragraphs(const std::string& text, int line) {
    std::vector<Paragraph> out;
    if (text.empty()) return out;
    std::unique_ptr<cmark_node, NodeDeleter> doc(
        cmark_parse_document(text.data(), text.size(), CMARK_OPT_DEFAULT));
    for (cmark_node* n = cmark_node_first_child(doc.get()); n; n = cmark_node_next(n)) {
        if (cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH) continue;
        Paragraph p;
        p.line = line;
        inlines(n, p, {});
        out.push_back(std::move(p));
    }
    return out;
}

/// `author`/`authors`: a name, a list of names, or a list of authors each with name,
/// affiliation, email, orcid, lang, bio and photo (and plain names among them).
Result<Unit> MarkdownReader::read_authors(const YAML::Node& v, const std::string& key) {
    if (!v.IsSequence() && !v.IsMap()) {
        QUIRE_TRY_ASSIGN(article_.authors, list(v, key));
        return Unit{};
    }
    auto one = [&](const YAML::Node& a) -> Result<Unit> {
        if (!a.IsMap()) {
            QUIRE_TRY_ASSIGN(std::string name, scalar(a, key));
            article_.authors.push_back(std::move(name));
            return Unit{};
        }
        QUIRE_TRY_ASSIGN(AuthorBio bio, author_entry(a, key));
        if (bio.name.empty()) return error(fm_line(a), "front matter: an author needs a 'name'");
        article_.authors.push_back(bio.name);
        if (!bio.paragraphs.empty() || bio.photo || !bio.affiliation.empty() ||
            !bio.email.empty() || !bio.orcid.empty() || !bio.lang.empty())
            article_.bios.push_back(std::move(bio));
        return Unit{};
    };
    if (v.IsMap()) return one(v);
    for (const auto& a : v) QUIRE_TRY(one(a));
    return Unit{};
}

/// One author's map: name, affiliation, email, orcid, lang, bio (or text), photo.
Result<AuthorBio> MarkdownReader::author_entry(const YAML::Node& v, const std::string& key) {
    static const std::vector<std::string> fields = {"name", "affiliation", "email", "orcid",
                                                    "lang", "bio",         "text",  "photo"};
    AuthorBio bio;
    bio.line = fm_line(v);
    std::string text, photo;
    int text_line = bio.line, photo_line = bio.line;
    for (const auto& kv : v) {
        const std::string k = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
        const std::string full = key + "." + k;
        if (k == "name") {
            QUIRE_TRY_ASSIGN(bio.name, scalar(kv.second, full));
        } else if (k == "affiliation") {
            QUIRE_TRY_ASSIGN(bio.affiliation, scalar(kv.second, full));
        } else if (k == "email") {
            QUIRE_TRY_ASSIGN(bio.email, scalar(kv.second, full));
        } else if (k == "orcid") {
            QUIRE_TRY_ASSIGN(const std::string given, scalar(kv.second, full));
            const auto check = model::check_orcid(given);
            if (!check.ok)
                return error(fm_line(kv.second), "front matter: '" + full + "': " + check.problem);
            bio.orcid = check.normal;
        } else if (k == "lang") {
            QUIRE_TRY_ASSIGN(bio.lang, tag(kv.second, full));
        } else if (k == "bio" || k == "text") {
            QUIRE_TRY_ASSIGN(text, scalar(kv.second, full));
            text_line = fm_line(kv.second);
        } else if (k == "photo") {
            QUIRE_TRY_ASSIGN(photo, scalar(kv.second, full));
            photo_line = fm_line(kv.second);
            if (photo.empty())
                diags_.warning(at(photo_line), "front matter: '" + full + "' is empty");
        } else {
            std::string msg = "front matter: unknown key '" + full + "'";
            if (auto near = nearest(k, fields); !near.empty())
                msg += " (did you mean '" + key + "." + near + "'?)";
            return error(fm_line(kv.first), msg);
        }
    }
    if (!photo.empty()) bio.photo = image(photo, bio.name, "", photo_line);
    bio.paragraphs = markdown_paragraphs(text, text_line);
    return bio;
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
    QUIRE_TRY_ASSIGN(AuthorBio bio, author_entry(v, "bio"));
    // The bio of an author the list gave in full completes that author's entry.
    for (AuthorBio& b : article_.bios) {
        if (b.name != bio.name || bio.name.empty()) continue;
        if (b.paragraphs.empty()) b.paragraphs = std::move(bio.paragraphs);
        if (!b.photo) b.photo = std::move(bio.photo);
        for (auto [to, from] :
             {std::pair{&b.affiliation, &bio.affiliation}, std::pair{&b.email, &bio.email},
              std::pair{&b.orcid, &bio.orcid}, std::pair{&b.lang, &bio.lang}})
            if (to->empty()) *to = std::move(*from);
        return Unit{};
    }
    article_.bios.push_back(std::move(bio));
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

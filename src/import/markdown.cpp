// import/markdown: Markdown articles (.md) through cmark-gfm, with a YAML front matter block.
//
//   ---
//   title: The Ukraine Policy of Japan        # else the first "# " heading is the title
//   subtitle: …
//   authors: [Dr. Cenk Tamer]                  # or  author: Dr. Cenk Tamer
//   date: 2023-02-01
//   lang: en                                   # else detected
//   translations: [{lang: tr, label: Türkçe}, {lang: ru, label: Русский}]
//   keywords: [Japan, Ukraine]
//   bio: {name: Dr. Cenk Tamer, lang: tr, text: "…", photo: tamer.jpg}
//   ---
//   Body in CommonMark with GitHub's tables and autolinks, and footnotes: "text[^1]" and
//   "[^1]: the note". A span in another language: [texte]{lang=fr} (also {lang=ar dir=rtl}).
//
// The model gets headings, quotes, lists, code blocks, figures (a paragraph that is only an
// image), tables, links and inline code (see article.hpp). Footnotes are numbered in the
// order of their first reference, as the reader sees them (a footnote never referenced is
// dropped by cmark-gfm). Raw HTML is not rendered: it is a
// warning and its text is kept. Lines in diagnostics are lines of the file, front matter
// included.
#include "base/nearest.hpp"
#include "base/utf8.hpp"
#include "import/common.hpp"
#include "import/lang.hpp"
#include "import/yaml_guard.hpp"

#include <quire/quire.hpp>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <set>

namespace quire::inline v0 {

namespace {

/// The GFM extensions quire reads (tables, autolinks, strikethrough). cmark-gfm keeps them in a
/// global list that cmark_gfm_core_extensions_ensure_registered() fills without a lock, so two
/// threads parsing their first Markdown at once raced on it (ThreadSanitizer): the list is
/// filled and searched once for the process (a function-local static is initialised once).
const std::array<cmark_syntax_extension*, 3>& gfm_extensions() {
    static const std::array<cmark_syntax_extension*, 3> all = [] {
        cmark_gfm_core_extensions_ensure_registered();
        return std::array<cmark_syntax_extension*, 3>{cmark_find_syntax_extension("table"),
                                                      cmark_find_syntax_extension("autolink"),
                                                      cmark_find_syntax_extension("strikethrough")};
    }();
    return all;
}

/// Owns a cmark tree.
struct NodeDeleter {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct ParserDeleter {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};

std::string_view type_string(cmark_node* n) {
    const char* s = cmark_node_get_type_string(n);
    return s ? std::string_view(s) : std::string_view();
}

/// A node's text. cmark decodes references ("&#5;") into control characters: they are left
/// out, as the plain-text reader leaves them out (so are they from links and YAML scalars).
std::string literal(cmark_node* n) {
    const char* s = cmark_node_get_literal(n);
    return s ? utf8::without_controls(s) : std::string();
}

/// Inline formatting in force while walking inline nodes.
struct InlineState {
    bool emphasis = false, strong = false;
    std::string href;
};

class MarkdownReader {
public:
    MarkdownReader(std::string name, Diagnostics& diags, const ReadOptions& options,
                   std::filesystem::path base)
        : name_(std::move(name)), diags_(diags), options_(options), base_(std::move(base)) {}

    Result<Article> parse(std::string_view raw) {
        if (auto bad = import::check_bytes(raw, name_)) return *bad;
        if (raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
        std::string text(raw);
        // Line ends: CRLF and CR as LF, so that lines count as editors count them. Other control
        // characters are removed (vertical tab and form feed become spaces), with a warning, as
        // the plain-text reader does: an article never holds them (its XML could not).
        std::string norm;
        norm.reserve(text.size());
        int removed = 0, first_removed_line = 0, line = 1;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const auto c = static_cast<unsigned char>(text[i]);
            if (c == '\r' || c == '\n') {
                norm += '\n';
                ++line;
                if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            } else if (c == '\v' || c == '\f') {
                norm += ' ';
            } else if ((c < 0x20 && c != '\t') || c == 0x7F) {
                if (removed++ == 0) first_removed_line = line;
            } else {
                norm += text[i];
            }
        }
        if (removed > 0)
            diags_.warning(at(first_removed_line), "removed " + std::to_string(removed) +
                                                       " control character" +
                                                       (removed > 1 ? "s" : ""));
        article_.source = name_;
        std::string_view body = norm;
        if (auto err = front_matter(body)) return *err;
        bool blank = true;
        for (char c : body) blank = blank && (c == ' ' || c == '\n' || c == '\t');
        if (blank && article_.title.empty()) return error(0, "file is empty");

        std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_FOOTNOTES));
        for (cmark_syntax_extension* e : gfm_extensions())
            if (e) cmark_parser_attach_syntax_extension(parser.get(), e);
        cmark_parser_feed(parser.get(), body.data(), body.size());
        std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));
        if (!doc) return error(0, "the Markdown parser failed");

        try {
            for (cmark_node* n = cmark_node_first_child(doc.get()); n; n = cmark_node_next(n))
                block(n, 0, 0);
        } catch (const TooDeep& e) {
            const std::string most = std::to_string(max_nesting());
            return error(e.line, "block quotes and lists nested more than " + most + " deep (" +
                                     limit_hint("nesting", most) + ")");
        } catch (const BadTag& e) {
            return error(
                e.line, "[…]{lang=" + e.tag + "}: not a BCP 47 language tag (en, pt-BR, zh-Hant…)");
        }
        if (article_.title.empty())
            return error(1,
                         "no title: give 'title:' in the front matter "
                         "or start with a '# ' heading");
        // Section levels from 1: "##" sections under a front-matter title are level 1.
        int top = 0;
        for (const auto& p : article_.body)
            if (p.heading > 0) top = top == 0 ? p.heading : std::min(top, p.heading);
        if (top > 1)
            for (auto& p : article_.body)
                if (p.heading > 0) p.heading -= top - 1;
        import::check_references(article_, diags_);
        ReadOptions langs = options_;
        if (langs.lang.empty()) langs.lang = fm_lang_;
        if (langs.bio_lang.empty()) langs.bio_lang = fm_bio_lang_;
        import::assign_languages(article_, langs);
        return std::move(article_);
    }

private:
    Location at(int line) const { return Location{name_, line, 0, -1}; }
    Diagnostic error(int line, std::string message) const {
        return make_error(at(line), std::move(message));
    }
    int line_of(cmark_node* n) const { return cmark_node_get_start_line(n) + line_offset_; }

    // --- front matter -----------------------------------------------------------------------

    /// Reads a leading "---" YAML block, if any, and leaves `body` after it.
    std::optional<Diagnostic> front_matter(std::string_view& body) {
        if (body.substr(0, 4) != "---\n") return std::nullopt;
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
            if (root.IsNull()) return std::nullopt;
            if (!import::yaml_within_source(root, yaml.size()))
                return error(2, std::string("front matter: ") + import::kYamlAliasError);
            if (!root.IsMap())
                return error(2, "the front matter must be 'key: value' lines (title, authors…)");
            read_front(root);
        } catch (const FrontError& e) {
            return error(e.line, e.message);
        } catch (const YAML::Exception& e) {
            const int line = e.mark.is_null() ? 1 : e.mark.line + 2;
            return error(line, "front matter: " + e.msg);
        }
        return std::nullopt;
    }

    struct FrontError {
        int line;
        std::string message;
    };
    static int fm_line(const YAML::Node& n) {
        const YAML::Mark m = n.Mark();
        return m.is_null() ? 1 : m.line + 2;  // the block starts on line 2
    }
    /// A value, without control characters and without the blanks around it (a quoted
    /// " Title " is the title "Title"; a value of blanks is no value).
    static std::string scalar(const YAML::Node& n, const std::string& key) {
        if (!n.IsScalar()) throw FrontError{fm_line(n), "'" + key + "' must be a single value"};
        std::string s = utf8::without_controls(n.Scalar());
        const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
        std::size_t b = 0, e = s.size();
        while (b < e && blank(s[b])) ++b;
        while (e > b && blank(s[e - 1])) --e;
        return s.substr(b, e - b);
    }
    /// A language tag: well-formed BCP 47, else an error naming the line.
    static std::string tag(const YAML::Node& n, const std::string& key) {
        std::string t = scalar(n, key);
        if (!is_language_tag(t))
            throw FrontError{
                fm_line(n),
                "'" + key + "': '" + t + "' is not a BCP 47 language tag (en, pt-BR, zh-Hant…)"};
        return t;
    }
    static std::vector<std::string> list(const YAML::Node& n, const std::string& key) {
        std::vector<std::string> v;
        if (n.IsSequence()) {
            for (const auto& e : n) v.push_back(scalar(e, key));
        } else if (!n.IsNull()) {
            v.push_back(scalar(n, key));
        }
        return v;
    }

    void read_front(const YAML::Node& root) {
        static const std::vector<std::string> keys = {
            "title", "subtitle", "author",       "authors",  "date",
            "lang",  "language", "translations", "keywords", "bio"};
        for (const auto& kv : root) {
            const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
            const YAML::Node& v = kv.second;
            if (key == "title") {
                article_.title = scalar(v, key);
            } else if (key == "subtitle") {
                article_.subtitle = scalar(v, key);
            } else if (key == "author" || key == "authors") {
                article_.authors = list(v, key);
            } else if (key == "date") {
                article_.date = scalar(v, key);
            } else if (key == "lang" || key == "language") {
                fm_lang_ = tag(v, key);
            } else if (key == "keywords") {
                article_.keywords = list(v, key);
            } else if (key == "translations") {
                if (!v.IsSequence())
                    throw FrontError{fm_line(v), "'translations' must be a list of {lang, label}"};
                for (const auto& t : v) {
                    Translation tr;
                    if (t.IsMap()) {
                        if (t["lang"]) tr.lang = tag(t["lang"], "lang");
                        if (t["label"]) tr.label = scalar(t["label"], "label");
                    } else {
                        tr.label = scalar(t, key);
                        tr.lang = import::language_for_name(tr.label);
                    }
                    if (tr.label.empty())
                        throw FrontError{fm_line(t), "a translation needs a 'label' (its name)"};
                    article_.translations.push_back(std::move(tr));
                }
            } else if (key == "bio") {
                read_bio(v);
            } else {
                std::string msg = "front matter: unknown key '" + key + "'";
                if (auto near = nearest(key, keys); !near.empty())
                    msg += " (did you mean '" + near + "'?)";
                msg += "; it is ignored";
                diags_.warning(at(fm_line(kv.first)), msg);
            }
        }
    }

    void read_bio(const YAML::Node& v) {
        if (!v.IsMap())
            throw FrontError{fm_line(v), "'bio' must have name, lang, text (and photo)"};
        AuthorBio bio;
        bio.line = fm_line(v);
        for (const auto& kv : v) {
            const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
            if (key == "name") {
                bio.name = scalar(kv.second, key);
            } else if (key == "lang") {
                fm_bio_lang_ = tag(kv.second, key);
            } else if (key == "text") {
                // Paragraphs separated by blank lines, inline Markdown within them.
                bio_text_ = scalar(kv.second, key);
                bio_text_line_ = fm_line(kv.second);
            } else if (key == "photo") {
                const std::string src = scalar(kv.second, key);
                if (src.empty())
                    diags_.warning(at(fm_line(kv.second)), "front matter: 'bio.photo' is empty");
                else
                    bio.photo = image(src, bio.name, "", fm_line(kv.second));
            } else {
                std::string msg = "front matter: unknown key 'bio." + key + "'";
                if (auto near = nearest(key, {"name", "lang", "text", "photo"}); !near.empty())
                    msg += " (did you mean 'bio." + near + "'?)";
                throw FrontError{fm_line(kv.first), msg};
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
    }

    /// An image; its path is left empty (the figure shows its text alternative) with a
    /// warning when the file is missing, remote, or neither PNG nor JPEG.
    Image image(const std::string& src, const std::string& alt, const std::string& title,
                int line = 0) const {
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

    // --- footnotes ----------------------------------------------------------------------------
    //
    // cmark-gfm numbers footnotes in the order of their first reference: a reference's literal
    // is that number, and the definitions come at the end of the document in that order, the
    // unreferenced ones dropped. quire keeps its numbers.

    // --- blocks -------------------------------------------------------------------------------

    /// Blocks nested deeper than quire sets them (quotes and lists together).
    struct TooDeep {
        int line;
    };
    /// A span's language tag that is shaped like one but is not well-formed BCP 47
    /// ("zh-Hant-TWhi"): an error, as in the front matter and in XML.
    struct BadTag {
        int line;
        std::string tag;
    };

    int max_nesting() const { return std::min(options_.limits.nesting, kMaxNesting); }

    void block(cmark_node* n, int quote, int list_depth) {
        if (quote + list_depth > max_nesting()) throw TooDeep{line_of(n)};
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_PARAGRAPH: {
                Paragraph p = fresh(n, quote, list_depth);
                // A paragraph that is only an image is a figure; its title (else its alt text)
                // is the caption.
                cmark_node* only = cmark_node_first_child(n);
                if (only && !cmark_node_next(only) &&
                    cmark_node_get_type(only) == CMARK_NODE_IMAGE) {
                    const std::string alt = text_of(only);
                    const char* title = cmark_node_get_title(only);
                    const char* url = cmark_node_get_url(only);
                    if (utf8::without_controls(url ? url : "").empty()) {
                        // ![alt]() names no file: its text alternative, as a paragraph.
                        diags_.warning(at(p.line),
                                       "an image without a file name ![…]() is set "
                                       "as its text alternative");
                        if (alt.empty()) return;
                        p.content.emplace_back(text(alt, {}));
                        push(std::move(p));
                        return;
                    }
                    p.image = image(utf8::without_controls(url ? url : ""), alt,
                                    utf8::without_controls(title ? title : ""), p.line);
                    if (alt.empty())
                        diags_.warning(at(p.line), "the image '" + p.image->src +
                                                       "' has no text alternative ![…](…)");
                    if (const std::string& caption = p.image->title.empty() ? alt : p.image->title;
                        !caption.empty())
                        p.content.emplace_back(text(caption, {}));
                    push(std::move(p));
                    return;
                }
                inlines(n, p, {});
                push(std::move(p));
                return;
            }
            case CMARK_NODE_HEADING: {
                Paragraph p = fresh(n, quote, list_depth);
                inlines(n, p, {});
                const int level = cmark_node_get_heading_level(n);
                if (article_.title.empty() && level == 1 && quote == 0 && list_depth == 0 &&
                    article_.body.empty()) {
                    article_.title = p.plain_text();
                    title_from_heading_ = true;
                    return;
                }
                // Below a title from the first heading, "##" is the first level of sections.
                p.heading = std::max(1, title_from_heading_ ? level - 1 : level);
                push(std::move(p));
                return;
            }
            case CMARK_NODE_BLOCK_QUOTE:
                for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c))
                    block(c, quote + 1, list_depth);
                return;
            case CMARK_NODE_LIST: {
                const bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
                int number = cmark_node_get_list_start(n);
                const bool paren = cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM;
                for (cmark_node* item = cmark_node_first_child(n); item;
                     item = cmark_node_next(item), ++number) {
                    const std::size_t first = article_.body.size();
                    for (cmark_node* c = cmark_node_first_child(item); c; c = cmark_node_next(c))
                        block(c, quote, list_depth + 1);
                    if (article_.body.size() == first) {  // an empty item
                        Paragraph p = fresh(item, quote, list_depth + 1);
                        push(std::move(p));
                    }
                    Paragraph& head = article_.body[first];
                    if (ordered) {
                        head.list_marker = std::to_string(number) + (paren ? ")" : ".");
                    } else {
                        head.list_marker = list_depth % 2 == 0 ? "•" : "–";
                    }
                }
                return;
            }
            case CMARK_NODE_CODE_BLOCK: {
                Paragraph p = fresh(n, quote, list_depth);
                p.code = true;
                std::string code = literal(n);
                while (!code.empty() && code.back() == '\n') code.pop_back();
                Text t;
                t.text = std::move(code);
                t.code = true;
                p.content.emplace_back(std::move(t));
                push(std::move(p));
                return;
            }
            case CMARK_NODE_HTML_BLOCK: {
                const int line = line_of(n);
                diags_.warning(at(line), "raw HTML is not rendered; its text is kept as code");
                Paragraph p = fresh(n, quote, list_depth);
                p.code = true;
                std::string code = literal(n);
                while (!code.empty() && code.back() == '\n') code.pop_back();
                p.content.emplace_back(text(code, {}));
                push(std::move(p));
                return;
            }
            case CMARK_NODE_THEMATIC_BREAK:
                return;  // a section break: the next heading or paragraph carries on
            case CMARK_NODE_FOOTNOTE_DEFINITION: {
                Note note;
                note.line = line_of(n);
                note.number = ++footnotes_;
                for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
                    Paragraph p = fresh(c, 0, 0);
                    inlines(c, p, {});
                    note.paragraphs.push_back(std::move(p));
                }
                article_.notes.push_back(std::move(note));
                return;
            }
            default:
                break;
        }
        if (type_string(n) == "table") {
            table(n, quote, list_depth);
            return;
        }
        diags_.warning(at(line_of(n)),
                       "a '" + std::string(type_string(n)) + "' block is not supported; skipped");
    }

    void table(cmark_node* n, int quote, int list_depth) {
        auto t = std::make_shared<Table>();
        const std::uint16_t cols = cmark_gfm_extensions_get_table_columns(n);
        const std::uint8_t* al = cmark_gfm_extensions_get_table_alignments(n);
        for (std::uint16_t i = 0; i < cols; ++i) {
            const char a = al ? static_cast<char>(al[i]) : 0;
            t->align.push_back(a == 'l'   ? Align::left
                               : a == 'c' ? Align::center
                               : a == 'r' ? Align::right
                                          : Align::none);
        }
        for (cmark_node* row = cmark_node_first_child(n); row; row = cmark_node_next(row)) {
            TableRow r;
            r.header = cmark_gfm_extensions_get_table_row_is_header(row) != 0;
            for (cmark_node* cell = cmark_node_first_child(row); cell;
                 cell = cmark_node_next(cell)) {
                Paragraph tmp;
                inlines(cell, tmp, {});
                r.cells.push_back(TableCell{std::move(tmp.content)});
            }
            t->rows.push_back(std::move(r));
        }
        Paragraph p = fresh(n, quote, list_depth);
        p.table = std::move(t);
        push(std::move(p));
    }

    Paragraph fresh(cmark_node* n, int quote, int list_depth) const {
        Paragraph p;
        p.line = line_of(n);
        p.quote = quote;
        p.list_depth = list_depth;
        return p;
    }

    void push(Paragraph p) {
        apply_spans(p);
        article_.body.push_back(std::move(p));
    }

    // --- inlines ------------------------------------------------------------------------------

    static Text text(std::string s, const InlineState& st) {
        Text t;
        t.text = std::move(s);
        t.emphasis = st.emphasis;
        t.strong = st.strong;
        t.href = st.href;
        return t;
    }

    static std::string text_of(cmark_node* n) {
        std::string out;
        cmark_iter* it = cmark_iter_new(n);
        for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
            cmark_node* c = cmark_iter_get_node(it);
            if (ev != CMARK_EVENT_ENTER) continue;
            const auto t = cmark_node_get_type(c);
            if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) out += literal(c);
            if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) out += ' ';
        }
        cmark_iter_free(it);
        return out;
    }

    /// Appends a text run, merged with the one before when their attributes agree.
    static void add(Paragraph& p, Text t) {
        if (t.text.empty()) return;
        if (!p.content.empty())
            if (auto* prev = std::get_if<Text>(&p.content.back());
                prev && prev->emphasis == t.emphasis && prev->strong == t.strong &&
                prev->code == t.code && prev->href == t.href && prev->lang == t.lang) {
                prev->text += t.text;
                return;
            }
        p.content.emplace_back(std::move(t));
    }

    void inlines(cmark_node* parent, Paragraph& p, const InlineState& st) {
        for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
            switch (cmark_node_get_type(n)) {
                case CMARK_NODE_TEXT:
                    add(p, text(literal(n), st));
                    break;
                case CMARK_NODE_SOFTBREAK:
                case CMARK_NODE_LINEBREAK:
                    add(p, text(" ", st));
                    break;
                case CMARK_NODE_CODE: {
                    Text t = text(literal(n), st);
                    t.code = true;
                    add(p, std::move(t));
                    break;
                }
                case CMARK_NODE_HTML_INLINE:
                    if (!warned_inline_html_) {
                        diags_.warning(at(line_of(n)), "inline HTML is not rendered; kept as text");
                        warned_inline_html_ = true;
                    }
                    add(p, text(literal(n), st));
                    break;
                case CMARK_NODE_EMPH: {
                    InlineState s = st;
                    s.emphasis = true;
                    inlines(n, p, s);
                    break;
                }
                case CMARK_NODE_STRONG: {
                    InlineState s = st;
                    s.strong = true;
                    inlines(n, p, s);
                    break;
                }
                case CMARK_NODE_LINK: {
                    InlineState s = st;
                    const char* url = cmark_node_get_url(n);
                    s.href = utf8::without_controls(url ? url : "");
                    inlines(n, p, s);
                    break;
                }
                case CMARK_NODE_IMAGE: {
                    // An image within text: its text alternative stands in for it.
                    diags_.warning(at(line_of(n)),
                                   "an image inside a paragraph is set as its text alternative; "
                                   "put it in a paragraph of its own to make it a figure");
                    add(p, text(text_of(n), st));
                    break;
                }
                case CMARK_NODE_FOOTNOTE_REFERENCE: {
                    NoteRef r;
                    r.number = std::atoi(literal(n).c_str());
                    r.line = line_of(n);
                    p.content.emplace_back(r);
                    break;
                }
                default:
                    if (type_string(n) == "strikethrough") {
                        inlines(n, p, st);  // no strike in print; the words stay
                    } else {
                        add(p, text(text_of(n), st));
                    }
                    break;
            }
        }
    }

    /// "[words]{lang=ar}" (and "{lang=ar dir=rtl}") in plain text runs: the words become a run
    /// in that language. The brackets and braces go. (A scanner, not std::regex, whose
    /// recursive matcher overflows the stack on a long span.)
    void apply_spans(Paragraph& p) {
        std::vector<Inline> out;
        for (auto& in : p.content) {
            auto* t = std::get_if<Text>(&in);
            if (!t || t->code || t->text.find("]{") == std::string::npos) {
                out.push_back(std::move(in));
                continue;
            }
            const std::string s = t->text;
            std::size_t last = 0;
            for (std::size_t from = 0; auto m = next_lang_span(s, from);) {
                if (m->begin > last) {
                    Text before = *t;
                    before.text = s.substr(last, m->begin - last);
                    out.emplace_back(std::move(before));
                }
                Text inner = *t;
                inner.text = s.substr(m->words, m->words_size);
                inner.lang = s.substr(m->lang, m->lang_size);
                if (!is_language_tag(inner.lang)) throw BadTag{p.line, inner.lang};
                out.emplace_back(std::move(inner));
                last = from = m->end;
            }
            if (last == 0) {
                out.push_back(std::move(in));
                continue;
            }
            if (last < s.size()) {
                Text rest = *t;
                rest.text = s.substr(last);
                out.emplace_back(std::move(rest));
            }
        }
        p.content = std::move(out);
    }

    /// Where a "[words]{lang=TAG}" span is (byte offsets).
    struct LangSpan {
        std::size_t begin = 0, end = 0;  ///< the whole span
        std::size_t words = 0, words_size = 0;
        std::size_t lang = 0, lang_size = 0;
    };

    /// The first span at or after `from`: "[" words without brackets "]{", spaces, "lang=" and
    /// a tag (2-3 letters, then "-" and 2-8 letters or digits, any number of times), then
    /// optionally spaces and "dir=rtl" or "dir=ltr", spaces, "}". Linear in the text.
    static std::optional<LangSpan> next_lang_span(const std::string& s, std::size_t from) {
        auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
        auto alnum = [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); };
        auto space = [](char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
        };
        const std::size_t n = s.size();
        for (std::size_t i = s.find('[', from); i != std::string::npos; i = s.find('[', i)) {
            std::size_t j = i + 1;
            while (j < n && s[j] != '[' && s[j] != ']') ++j;
            if (j >= n) return std::nullopt;
            if (s[j] == '[' || j == i + 1) {  // another "[" first, or "[]": try from there
                i = s[j] == '[' ? j : j + 1;
                continue;
            }
            LangSpan m;
            m.begin = i;
            m.words = i + 1;
            m.words_size = j - i - 1;
            std::size_t k = j + 1;
            auto skip_spaces = [&] {
                while (k < n && space(s[k])) ++k;
            };
            bool ok = k < n && s[k] == '{';
            ++k;
            skip_spaces();
            ok = ok && s.compare(k, 5, "lang=") == 0;
            k += 5;
            m.lang = k;
            std::size_t letters = 0;
            while (k < n && alpha(s[k]) && letters < 4) ++k, ++letters;
            ok = ok && letters >= 2 && letters <= 3;
            while (ok && k + 2 < n && s[k] == '-' && alnum(s[k + 1])) {
                std::size_t part = k + 1;
                while (part < n && alnum(s[part])) ++part;
                if (part - k - 1 < 2 || part - k - 1 > 8) break;
                k = part;
            }
            m.lang_size = k - m.lang;
            if (ok) {
                const std::size_t before_dir = k;
                skip_spaces();
                if (k > before_dir &&
                    (s.compare(k, 7, "dir=rtl") == 0 || s.compare(k, 7, "dir=ltr") == 0))
                    k += 7;
                skip_spaces();
                if (k < n && s[k] == '}') {
                    m.end = k + 1;
                    return m;
                }
            }
            i = j + 1;  // no "[" between i and j: the next candidate comes after
        }
        return std::nullopt;
    }

    std::string name_;
    Diagnostics& diags_;
    const ReadOptions& options_;
    std::filesystem::path base_;
    Article article_;
    int line_offset_ = 0;  ///< lines of the front matter before the Markdown body
    std::string fm_lang_, fm_bio_lang_;
    std::string bio_text_;
    int bio_text_line_ = 0;
    bool title_from_heading_ = false;
    bool warned_inline_html_ = false;
    int footnotes_ = 0;  ///< footnote definitions read so far
};

}  // namespace

namespace import {

Result<Article> parse_markdown_article(std::string_view text, const std::filesystem::path& path,
                                       Diagnostics& diags, const ReadOptions& options) {
    const Location where{path.string(), 0, 0, -1};
    try {
        return MarkdownReader(path.string(), diags, options, path.parent_path()).parse(text);
    } catch (const std::bad_alloc&) {
        return make_error(where, "out of memory");
    } catch (const std::exception& e) {
        return make_error(where, std::string("internal error: ") + e.what());
    }
}

}  // namespace import

}  // namespace quire::inline v0

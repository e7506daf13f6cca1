// import/markdown_reader: the Markdown reader (markdown.cpp, which describes the form), whose
// parts are defined by job: markdown.cpp (line ends, the cmark-gfm parse, the title and section
// levels), markdown_front.cpp (the YAML front matter, and images), markdown_blocks.cpp (block
// nodes to paragraphs) and markdown_inlines.cpp (inline nodes to runs, "[words]{lang=..}" spans).
//
// Each part that can fail returns a Result: the first error (with its line) stops the reading
// and is the article's error; warnings go to the Diagnostics as they are found.
#pragma once

#include "base/result.hpp"
#include "base/utf8.hpp"

#include <quire/article.hpp>
#include <quire/diagnostics.hpp>
#include <quire/quire.hpp>

#include <cmark-gfm.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace YAML {
class Node;
}

namespace quire::inline v0::import::md {

/// Owns a cmark tree.
struct NodeDeleter {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct ParserDeleter {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};

inline std::string_view type_string(cmark_node* n) {
    const char* s = cmark_node_get_type_string(n);
    return s ? std::string_view(s) : std::string_view();
}

/// A node's text. cmark decodes references ("&#5;") into control characters: they are left
/// out, as the plain-text reader leaves them out (so are they from links and YAML scalars).
inline std::string literal(cmark_node* n) {
    const char* s = cmark_node_get_literal(n);
    return s ? utf8::without_controls(s) : std::string();
}

/// Inline formatting in force while walking inline nodes.
struct InlineState {
    bool emphasis = false, strong = false;
    std::string href;
};

/// A run of `s` in the formatting `st` (markdown_inlines.cpp).
Text text(std::string s, const InlineState& st);

/// The text within `n` (text and code, breaks as spaces), as an image's alt text (idem).
std::string text_of(cmark_node* n);

class MarkdownReader {
public:
    MarkdownReader(std::string name, Diagnostics& diags, const ReadOptions& options,
                   std::filesystem::path base)
        : name_(std::move(name)), diags_(diags), options_(options), base_(std::move(base)) {}

    /// The article of `raw`, the whole file (markdown.cpp).
    Result<Article> parse(std::string_view raw);

private:
    Location at(int line) const { return Location{name_, line, 0, -1}; }
    Diagnostic error(int line, std::string message) const {
        return make_error(at(line), std::move(message));
    }
    int line_of(cmark_node* n) const { return cmark_node_get_start_line(n) + line_offset_; }

    // --- front matter (markdown_front.cpp) -------------------------------------------------

    /// Reads a leading "---" YAML block, if any, and leaves `body` after it.
    Result<Unit> front_matter(std::string_view& body);
    Result<std::string> scalar(const YAML::Node& n, const std::string& key) const;
    Result<std::string> tag(const YAML::Node& n, const std::string& key) const;
    Result<std::vector<std::string>> list(const YAML::Node& n, const std::string& key) const;
    Result<Unit> read_front(const YAML::Node& root);
    Result<Unit> read_translations(const YAML::Node& v, const std::string& key);
    Result<Unit> read_bio(const YAML::Node& v);
    Result<Unit> read_authors(const YAML::Node& v, const std::string& key);
    Result<AuthorBio> author_entry(const YAML::Node& v, const std::string& key);
    Result<Unit> read_publication(const YAML::Node& v, const std::string& key);
    Result<std::optional<Image>> picture(const YAML::Node& v, const std::string& key);
    std::vector<Paragraph> markdown_paragraphs(const std::string& text, int line);
    Image image(const std::string& src, const std::string& alt, const std::string& title,
                int line = 0) const;

    // --- blocks (markdown_blocks.cpp) ------------------------------------------------------

    int max_nesting() const { return std::min(options_.limits.nesting, kMaxNesting); }
    Result<Unit> block(cmark_node* n, int quote, int list_depth);
    Result<Unit> paragraph(cmark_node* n, int quote, int list_depth);
    Result<Unit> heading(cmark_node* n, int quote, int list_depth);
    Result<Unit> list(cmark_node* n, int quote, int list_depth);
    Result<Unit> code_block(cmark_node* n, int quote, int list_depth);
    Result<Unit> html_block(cmark_node* n, int quote, int list_depth);
    void footnote(cmark_node* n);
    Result<Unit> table(cmark_node* n, int quote, int list_depth);
    Paragraph fresh(cmark_node* n, int quote, int list_depth) const;
    Result<Unit> push(Paragraph p);

    // --- inlines (markdown_inlines.cpp) ----------------------------------------------------

    void inlines(cmark_node* parent, Paragraph& p, const InlineState& st);
    Result<Unit> apply_spans(Paragraph& p) const;

    std::string name_;
    Diagnostics& diags_;
    const ReadOptions& options_;
    std::filesystem::path base_;
    Article article_;
    int line_offset_ = 0;  ///< lines of the front matter before the Markdown body
    std::string fm_lang_;
    bool title_from_heading_ = false;
    bool warned_inline_html_ = false;
    int footnotes_ = 0;  ///< footnote definitions read so far
};

}  // namespace quire::inline v0::import::md

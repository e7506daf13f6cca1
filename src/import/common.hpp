// import/common: what every importer shares — the bytes of a text file, read and checked
// (bytes.cpp), the checks of note references (references.cpp), the languages of an article's
// parts (article_lang.cpp) and the file-access policy for images (image_access.cpp) — and the
// readers' entry points, which return their errors as a Result (std::bad_alloc unwinds to the
// catch at the library boundary, src/api/read.cpp).
#pragma once

#include <quire/article.hpp>
#include <quire/diagnostics.hpp>
#include <quire/quire.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire::inline v0::import {

/// Why the bytes cannot be read as a UTF-8 text article (too large, UTF-16, binary data,
/// invalid UTF-8), with the line, column and byte offset in `name`; nullopt when they can.
std::optional<Diagnostic> check_bytes(std::string_view raw, const std::string& name);

/// Warns of references without a note (once, at the first) and of notes never referenced.
void check_references(const Article& article, Diagnostics& diags);

// ---- Cross-references in Markdown (cross_refs.cpp) -------------------------------------------

/// Removes a trailing attribute "{#id}" (blanks before it allowed) from `text` and returns the
/// id ("fig:map"), or "" (text unchanged) when there is none. An id is letters, digits and
/// ":._-".
std::string take_id_attribute(std::string& text);

/// Splits the paragraph's text runs at "@fig:…", "@tab:…" and "@sec:…" (not in code or
/// links, not after a letter or digit: an e-mail address is no reference) into runs with
/// Text::xref set and the reference as written as their text.
void split_cross_refs(Paragraph& p);

/// Markdown has no table captions: a paragraph right before or after a table that starts with
/// "Table: " (or ": ") is the table's caption, with an optional "{#id}" at its end; it leaves
/// the body and becomes the table's content and id.
void attach_table_captions(Article& article);

/// The article's language (options.lang, else detected from title and body), a language for
/// each paragraph in another script, and the bio's (options.bio_lang, else detected). Parts
/// that have a language already keep it.
void assign_languages(Article& article, const ReadOptions& options);

/// The real, absolute form of `p` (links followed where the path exists), or `p` made absolute.
std::filesystem::path real_path(const std::filesystem::path& p);

/// Whether `p` is `root` or lies below it (both real paths, as real_path() gives them).
bool path_inside(const std::filesystem::path& p, const std::filesystem::path& root);

/// An image an article names, after the file-access policy (image_access.cpp): its path when it
/// may be read, else why not.
struct ImageAccess {
    std::string path;  ///< the file to read; empty when refused or given by the resolver
    std::shared_ptr<const std::string> data;  ///< the bytes ReadOptions::images gave
    std::string refused;  ///< why not, for a warning ("is outside the article's folder (…)")
};

/// Resolves `src` (as written in the article) against `base`, the article's folder: it may be
/// read when it is a regular file (not a device, FIFO, socket or folder) whose real path, links
/// followed, lies inside `base` or one of options.allowed_paths. Only then is the file opened:
/// a PNG or JPEG of at most options.limits.image_pixels pixels that decodes completely is
/// accepted (base/image_check). With options.images set, the image comes from it instead, and
/// the file system is not touched.
ImageAccess resolve_image(const std::string& src, const std::filesystem::path& base,
                          const ReadOptions& options);

/// The bytes of an article file, at most limits.input_bytes of them (read_article_bytes()).
Result<std::string> read_bytes(const std::filesystem::path& path, const Limits& limits);

/// The error for an input larger than limits.input_bytes (the limit input-size).
Diagnostic too_large(Location where, const Limits& limits);

/// Parses the plain-text form (text_reader.cpp; parse_text_article() in quire.hpp).
Result<Article> parse_text_article(std::string_view text, std::string name, Diagnostics& diags,
                                   const ReadOptions& options);

/// Parses a Markdown article (markdown.cpp); images resolve against `path`'s folder.
Result<Article> parse_markdown_article(std::string_view text, const std::filesystem::path& path,
                                       Diagnostics& diags, const ReadOptions& options);

/// Parses quire's native XML form (xml_format.cpp).
Result<Article> parse_xml_article(std::string_view text, const std::filesystem::path& path,
                                  Diagnostics& diags, const ReadOptions& options);

}  // namespace quire::inline v0::import

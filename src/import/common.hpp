// import/common: what every importer shares — the byte checks of a text file, the checks of
// note references, and the languages of an article's parts (text_reader.cpp).
#pragma once

#include <quire/article.hpp>
#include <quire/diagnostics.hpp>
#include <quire/quire.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace quire::import {

/// Why the bytes cannot be read as a UTF-8 text article (too large, UTF-16, binary data,
/// invalid UTF-8), with the line, column and byte offset in `name`; nullopt when they can.
std::optional<Diagnostic> check_bytes(std::string_view raw, const std::string& name);

/// Warns of references without a note (once, at the first) and of notes never referenced.
void check_references(const Article& article, Diagnostics& diags);

/// The article's language (options.lang, else detected from title and body), a language for
/// each paragraph in another script, and the bio's (options.bio_lang, else detected). Parts
/// that have a language already keep it.
void assign_languages(Article& article, const ReadOptions& options);

/// Parses a Markdown article (markdown.cpp); images resolve against `path`'s folder.
Result<Article> parse_markdown_article(std::string_view text, const std::filesystem::path& path,
                                       Diagnostics& diags, const ReadOptions& options);

}  // namespace quire::import

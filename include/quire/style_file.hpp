/// \file
/// House style files (YAML), see styles/README.md.
///
/// ```cpp
/// auto style = quire::load_style("house.yaml");       // a user file (may extend a built-in)
/// auto book = quire::builtin_style("book");           // styles/book.yaml, built in
/// std::string yaml = quire::write_style(*book);       // every key; reads back identical
/// ```
#pragma once

#include <quire/export.hpp>

#include <quire/diagnostics.hpp>
#include <quire/style.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace quire::inline v0 {

/// Reads a style file. `extends: NAME` starts from a built-in style, `extends: FILE` (a path
/// with a '/' or ending in .yaml or .yml) from another file, relative to this one; the file's
/// own keys override. Errors name the file, the line and the key (with the nearest valid key for
/// an unknown one); a cycle of extends is an error. A file it extends must be a regular file
/// inside `file`'s folder (the file-access policy of images: a style from a stranger cannot read
/// other files on the machine).
QUIRE_API Result<Style> load_style(const std::filesystem::path& file);
/// The same, where a file it extends may also lie inside one of `allowed_paths` (the CLI's
/// `--allow-path`).
QUIRE_API Result<Style> load_style(const std::filesystem::path& file,
                                   const std::vector<std::filesystem::path>& allowed_paths);

/// A style from YAML text; `file` names it in errors and is where relative extends start.
QUIRE_API Result<Style> parse_style(std::string_view yaml, const std::filesystem::path& file);

/// A built-in style by name ("report", "book", "letter"), from styles/*.yaml embedded in the
/// library.
QUIRE_API Result<Style> builtin_style(std::string_view name);

/// The built-in styles' names, sorted.
QUIRE_API std::vector<std::string> builtin_style_names();

/// The YAML source of a built-in style, or empty when there is none of that name.
QUIRE_API std::string_view builtin_style_text(std::string_view name);

/// A built-in name, else a style file's path: builtin_style() or load_style() (the CLI's
/// `--style`). An error suggests the nearest built-in name for a word that names neither.
QUIRE_API Result<Style> find_style(std::string_view name_or_file);
/// The same, with load_style()'s `allowed_paths`.
QUIRE_API Result<Style> find_style(std::string_view name_or_file,
                                   const std::vector<std::filesystem::path>& allowed_paths);

/// The style as a style file with every key (no extends): parse_style() of it gives the same
/// style back. describe() (batch.hpp) is this text.
QUIRE_API std::string write_style(const Style& style);

/// One key of the style file format: its dotted path ("notes.rule.width") and the Style field
/// it sets ("note_rule_width"; a font role's keys name the role and its member: "note.size").
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API StyleKey {
    std::string path;   ///< the key in the file, dotted: "notes.rule.width"
    std::string field;  ///< the Style member it sets: "note_rule_width", "note.size"
};

/// Every key of the format that sets one Style field (all but `name`, `extends` and `page.size`),
/// in the order write_style() writes them. styles/README.md's table of keys lists them all.
QUIRE_API std::vector<StyleKey> style_keys();

}  // namespace quire::inline v0

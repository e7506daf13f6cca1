// api/style_keys: the one table of style keys (style_keys.cpp).
//
// Every fact about a key of the style file format is a row of this table: its dotted path, the
// Style field it sets, its kind of value, its range, the font role it belongs to and what it
// means. The style-file reader (style_file.cpp, style_values.cpp) parses keys by it and suggests
// near misses from it; write_style() writes by it; check_style() checks its ranges; resolve_fonts()
// takes the font roles from it; styles/README.md's table of keys is style_keys_markdown(), made
// from it and the built-in styles (a unit test compares the two). A style's defaults are Style's
// member initialisers (include/quire/style.hpp), which styles/report.yaml sets again, key by key.
#pragma once

#include <quire/style.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace quire::inline v0::detail {

/// A key's kind of value: how it is read, written, checked and described.
enum class StyleKind {
    name,              ///< the style's name (Style::name), written first
    extends,           ///< the style read first; no field, never written
    page_size,         ///< a named size or "W x H": sets page_width and page_height, never written
    length,            ///< double, points; units pt, mm, cm, in
    number,            ///< double, no unit
    integer,           ///< int
    flag,              ///< bool
    text,              ///< std::string (a font role's chain)
    opt_text,          ///< std::optional<std::string>; null (~) = unset
    number_format,     ///< std::string, a heading-number format (model::NumberFormat)
    size,              ///< FontRole: its size; "size/leading" sets both
    color,             ///< Color, "#rrggbb"
    placement,         ///< NotePlacement
    standard,          ///< PdfStandard: "a-2u,ua-1", "ua-1", "none"...
    chains,            ///< std::vector<FontChain>: a map of chain name → list of families
    scripts,           ///< std::vector<ScriptFont>: a map of script → family
    protrusion_chars,  ///< std::vector<CharProtrusion>: a map of character → [start, end]
};

/// One key of the style file format.
struct StyleKeyDef {
    std::string_view path;   ///< dotted: "notes.rule.width"
    std::string_view field;  ///< the Style member: "note_rule_width"; a role's "note.size"
    StyleKind kind;
    void* (*at)(Style&);      ///< the field (nullptr: extends, page_size)
    double min = 0, max = 0;  ///< inclusive range of a number (length, number, integer, size)
    FontRole Style::*role = nullptr;  ///< the font role a font, size or leading key is part of
    std::string_view role_key;        ///< that role's section: "notes", "headings.h1"
    std::string_view doc;             ///< what it sets (a role's keys: what the role is for)

    /// Whether the value is a number held to [min, max].
    bool ranged() const { return min != 0 || max != 0; }
    /// Whether write_style() writes it and style_keys() lists it (all but name, extends,
    /// page.size).
    bool field_key() const {
        return kind != StyleKind::name && kind != StyleKind::extends &&
               kind != StyleKind::page_size;
    }
    /// The key's number in `s` (a ranged key's: a length, number, integer or a role's size).
    double number_in(const Style& s) const;
};

/// Every key, in the order write_style() writes them.
std::span<const StyleKeyDef> style_key_table();

/// The key of a dotted path, or nullptr.
const StyleKeyDef* find_style_key(std::string_view path);

/// One font role of a style (the keys `SECTION.font`, `.size` and `.leading`).
struct FontRoleDef {
    std::string_view key;  ///< its section in a style file: "body", "title_block.title"
    FontRole Style::*member;
    std::string_view doc;
};

/// Every font role, in the table's order (body, headings, quote, code, title block, notes, bio,
/// running head).
const std::vector<FontRoleDef>& font_roles();

/// A named page size of `page.size`.
struct PageSize {
    std::string_view name;  ///< as documented: "A4", "letter"; read without regard to case
    double width, height;   ///< points
};

/// The named page sizes, in the order the documentation lists them.
const std::vector<PageSize>& page_sizes();

/// "%g is out of range (MIN to MAX[ pt])", for a ranged key.
std::string out_of_range(const StyleKeyDef& k, double v);

/// What is wrong with a style: a message, and the keys it is about (a style file's error goes on
/// the line of the first of them the file set). Empty message: nothing.
struct StyleProblem {
    std::string message;
    std::vector<std::string_view> keys;
};

/// The style's first problem: a key out of its range (in the table's order), then the checks
/// over several keys (the text block's size, the notes' number column).
StyleProblem style_problem(const Style& s);

/// The value of a key in `s` as write_style() writes it (`indent`: the key's, for maps).
std::string style_value_text(const Style& s, const StyleKeyDef& k, const std::string& indent);

/// A double as write_style() writes it: the shortest text that reads back the same.
std::string style_number_text(double v);

/// A YAML double-quoted string.
std::string yaml_quoted(const std::string& s);

/// The table of keys of styles/README.md, in Markdown: a row for each key (one for a font role's
/// three), with its Style field, its kind and range, each built-in style's value and its doc.
std::string style_keys_markdown();

}  // namespace quire::inline v0::detail

// model/numbering: the numbers of an article's figures, tables and headings, and what a
// cross-reference to one of them says (Text::xref, Paragraph::id).
//
// Figures and tables are numbered in body order from 1, each kind on its own ("Figure 3",
// "Table 2"). Headings are numbered by level ("2", "2.1", "2.1.3") when the style numbers
// them. A cross-reference prints the target's label and number, in the article's language
// ("Figure 3", "Şekil 3", "Section 2.1"); a reference to an unnumbered heading prints the
// heading's text in quotation marks. Both backends (layout, EPUB) take these from here, so
// the PDF and the EPUB say the same.
#pragma once

#include <quire/article.hpp>
#include <quire/diagnostics.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace quire::inline v0::model {

/// How headings are numbered (Style::heading_number_format): counters for the levels,
/// each `1` (1, 2, 3), `I` or `i` (roman: II, ii), `A` or `a` (letters: B, b; after Z, AA),
/// with the text between and around them: "1.1" gives "2", "2.1", "2.1.3"; "I.A.1" gives
/// "II", "II.B", "II.B.3"; "1.1." gives "2.", "2.1."; "§1" gives "§2", "§2.1" (a level deeper
/// than the format repeats its last counter and the separator before it).
struct NumberFormat {
    std::string prefix, suffix;           ///< printed before and after the heading's number
    std::vector<char> counters;           ///< per level: '1', 'I', 'i', 'A' or 'a'
    std::vector<std::string> separators;  ///< between level k and k+1 (one fewer than counters)

    /// The format in `text`, or an error message saying what is wrong with it.
    static NumberFormat parse(const std::string& text, std::string* error = nullptr);
    /// The number of a heading whose level counts are `levels` (from level 1), with the
    /// prefix and suffix when `affixes`.
    std::string format(const std::vector<int>& levels, bool affixes) const;
};

/// `value` as the counter `kind` writes it ('1', 'I', 'i', 'A', 'a'); roman numerals above
/// 3999 and values below 1 fall back to digits.
std::string counter_text(int value, char kind);

/// The numbers of an article's body blocks and its identifiers.
struct Numbering {
    /// Per body block: its number ("3", "2.1"; a heading's as the format prints it, "2.1."),
    /// or "" when it has none.
    std::vector<std::string> number;
    /// Per body block: the number a cross-reference cites ("Section 2.1"): a heading's
    /// without the format's prefix and suffix, else `number`'s.
    std::vector<std::string> cited;
    /// Identifier -> body block index (the first block with that identifier).
    std::map<std::string, std::size_t> by_id;
    /// Identifier -> where a link to it goes, the same name in the PDF (a destination) and the
    /// EPUB (an element id): a heading's "h-N" (N counts the body's headings, as both
    /// backends name them), else anchor(id).
    std::map<std::string, std::string> dest;

    /// What a cross-reference to `id` prints ("Figure 3"); "" when no block has that id.
    std::string reference_text(const Article& article, const std::string& id) const;
    /// The caption prefix of body block `i` ("Figure 3" or "Table 2", without punctuation),
    /// or "" for other blocks.
    std::string caption_label(const Article& article, std::size_t i) const;
};

/// Numbers the article's figures and tables (with `number_figures`) and headings (with
/// `number_headings`, in `heading_format`: NumberFormat::parse's; an invalid one is "1.1").
Numbering number_blocks(const Article& article, bool number_headings, bool number_figures = true,
                        const std::string& heading_format = "1.1");

/// Warns, with the file and line, of every cross-reference whose target no block has, and of
/// an identifier given to two blocks.
void check_cross_references(const Article& article, Diagnostics& diags);

/// An identifier as an XML/HTML id and PDF destination name: "xref-" and its characters, with
/// every character outside [A-Za-z0-9_-] as '-' ("fig:map" gives "xref-fig-map").
std::string anchor(const std::string& id);

}  // namespace quire::inline v0::model

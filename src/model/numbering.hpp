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

/// The numbers of an article's body blocks and its identifiers.
struct Numbering {
    /// Per body block: its number ("3", "2.1"), or "" when it has none.
    std::vector<std::string> number;
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
/// `number_headings`).
Numbering number_blocks(const Article& article, bool number_headings, bool number_figures = true);

/// Warns, with the file and line, of every cross-reference whose target no block has, and of
/// an identifier given to two blocks.
void check_cross_references(const Article& article, Diagnostics& diags);

/// An identifier as an XML/HTML id and PDF destination name: "xref-" and its characters, with
/// every character outside [A-Za-z0-9_-] as '-' ("fig:map" gives "xref-fig-map").
std::string anchor(const std::string& id);

}  // namespace quire::inline v0::model

/// \file
/// The article model.
///
/// An Article is what every importer produces and every backend consumes: the title block, the
/// body, the notes and the author's bio, each piece carrying its language and the source line it
/// came from. Text is UTF-8 in NFC. Languages are BCP 47 tags ("en", "tr", "ru"); an empty tag
/// means "inherit from the enclosing element".
///
/// The body is a list of blocks. Every block is a Paragraph (inline content with a language and
/// a source line); what kind of block it is comes from its fields: a heading has a level, a
/// paragraph within a block quote a quote depth, a list item's paragraphs a list depth (the
/// first carries the item's marker), a code block its text verbatim, a figure an image (its
/// content is the caption), a table its rows. The plain-text form gives only paragraphs;
/// Markdown and XML give all of them.
#pragma once

#include <quire/export.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace quire::inline v0 {

/// A run of text with uniform attributes.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API Text {
    std::string text;       ///< the characters
    std::string lang;       ///< empty: the paragraph's language
    bool emphasis = false;  ///< emphasised (set in italic)
    bool strong = false;    ///< strong (set in bold)
    bool code = false;      ///< inline code (set in the code font)
    std::string href;       ///< a link's target (URL), empty when the text is not a link
    /// A cross-reference to the block whose Paragraph::id this is ("fig:map"): the backends
    /// print the block's label and number ("Figure 3") linked to it, and `text` (what the
    /// source wrote, "@fig:map") only when no block has that id (a warning).
    std::string xref;
};

/// A reference to note `number` (the number the author wrote, e.g. "[3]" gives 3).
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API NoteRef {
    int number = 0;  ///< the note's number, Note::number
    int line = 0;    ///< source line of the reference
};

/// Whether `tag` is a well-formed BCP 47 language tag ("en", "pt-BR", "zh-Hant-TW", "und"):
/// what every lang/xml:lang quire reads must be (EPUB and PDF/UA require it).
QUIRE_API bool is_language_tag(std::string_view tag);

/// How deep body blocks may nest, block quotes and lists together: the readers refuse deeper
/// input (file and line named), so no reader or writer recurses without bound.
inline constexpr int kMaxNesting = 64;

/// Inline content of a paragraph.
using Inline = std::variant<Text, NoteRef>;

/// An image with its text alternative.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access; copies
/// share `data`, which is never changed.
struct QUIRE_API Image {
    std::string src;   ///< the file (PNG or JPEG) as written in the source
    std::string path;  ///< the file resolved against the article's folder
    /// The image's bytes when ReadOptions::images gave them (`path` is then empty); shared,
    /// not copied, with the copies of the article.
    std::shared_ptr<const std::string> data;
    std::string alt;    ///< the text alternative (never empty in a valid figure: a warning)
    std::string title;  ///< optional title
    /// Decorative on purpose (XML alt=""): no text alternative needed, an artifact in the
    /// tagged PDF. An image whose alt is empty and that is not decorative lacks one.
    bool decorative = false;
};

/// How the cells of a table column are aligned.
enum class Align {
    none,    ///< not given (each writer's default)
    left,    ///< flush left
    center,  ///< centred
    right    ///< flush right
};

/// One cell of a table: inline content.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API TableCell {
    std::vector<Inline> content;  ///< the cell's text
};

/// One row of a table.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API TableRow {
    bool header = false;           ///< a header row (its cells head their columns)
    std::vector<TableCell> cells;  ///< the cells, one per column
};

/// A table: rows of cells, the column alignments.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API Table {
    std::vector<Align> align;    ///< per column, in order; a column past the end: Align::none
    std::vector<TableRow> rows;  ///< the rows, in order
};

/// What a block of the body is (Paragraph::kind()): every backend (layout, EPUB, XML) sets a
/// block by its kind. A heading, code block, figure or table is that whatever encloses it; a
/// block of text is a list item's when it is in a list, else a quotation's when it is in a block
/// quote, else a plain paragraph.
enum class BlockKind {
    paragraph,  ///< a plain paragraph
    heading,    ///< Paragraph::heading > 0
    quote,      ///< text in a block quote (Paragraph::quote > 0), not in a list
    list_item,  ///< text in a list (Paragraph::list_depth > 0), maybe in a quote too
    code,       ///< a code block (Paragraph::code)
    figure,     ///< an image with its caption (Paragraph::image)
    table,      ///< a table (Paragraph::table)
};

/// A block of the body (see quire/article.hpp): a paragraph, or a heading, a quoted
/// paragraph, a list item, a code block, a figure or a table (kind()).
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API Paragraph {
    std::vector<Inline> content;  ///< its text and note references, in order
    std::string lang;             ///< empty: the enclosing element's language
    int line = 0;                 ///< source line where the paragraph starts

    int heading = 0;     ///< a heading of this level (1 the highest); 0: not a heading
    int quote = 0;       ///< nesting depth of block quotes around it; 0: none
    int list_depth = 0;  ///< nesting depth of lists around it; 0: not in a list
    /// The marker of a list item ("•", "3."), on the item's first paragraph only.
    std::string list_marker;
    bool code = false;           ///< a code block: content is one Text, lines kept as written
    std::optional<Image> image;  ///< a figure: this image, content its caption
    std::shared_ptr<const Table> table;  ///< a table (content: its caption, maybe empty)
    std::string dir;  ///< "rtl" or "ltr" when the source sets the direction; empty: from lang
    /// The block's identifier for cross-references ("fig:map", "tab:grain", "sec:water"); empty:
    /// none. Figures and tables are numbered in body order, headings when the style says.
    std::string id;

    /// The paragraph's text with note references left out.
    std::string plain_text() const;
    /// What the block is, from the fields above; the one place that decides it.
    BlockKind kind() const {
        return heading > 0      ? BlockKind::heading
               : code           ? BlockKind::code
               : image          ? BlockKind::figure
               : table          ? BlockKind::table
               : list_depth > 0 ? BlockKind::list_item
               : quote > 0      ? BlockKind::quote
                                : BlockKind::paragraph;
    }
    /// Whether this is a plain paragraph (no heading, quote, list, code, figure or table).
    bool plain() const { return kind() == BlockKind::paragraph; }
};

/// A footnote: its number as written and its text.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API Note {
    int number = 0;                     ///< the number as written (NoteRef::number)
    std::vector<Paragraph> paragraphs;  ///< its text
    int line = 0;                       ///< source line where the note starts
};

/// A version of the article in another language, as announced by the source
/// ("This post is also available in: Türkçe Русский").
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API Translation {
    std::string lang;   ///< BCP 47 tag, empty when the label is not a known language name
    std::string label;  ///< the name as written, e.g. "Türkçe"
};

/// An author: the name, where the author works and how to reach them, and the bio that closes
/// the article (its name line, photo and paragraphs), usually in the author's language.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API AuthorBio {
    std::string name;         ///< the author's name, set as the block's heading
    std::string affiliation;  ///< organisation or department; empty: none
    std::string email;        ///< e-mail address; empty: none
    std::string orcid;        ///< ORCID iD in its normal form (0000-0002-1825-0097); empty: none
    std::string lang;         ///< language of the bio text
    std::vector<Paragraph> paragraphs;  ///< the bio text
    int line = 0;                       ///< source line where the bio starts
    std::optional<Image> photo;         ///< the author's photograph, if given

    /// Whether there is more than a name: a bio, a photo or contact details. Such an author
    /// gets a closing block in the PDF and the EPUB; a name alone is in the byline only.
    bool has_details() const;
};

/// How a report is published: series, publisher, identifiers, licence and the front matter's
/// texts. Every field may be empty (an article that is not a report has none of them).
/// Identifiers are in their normal form, checked by the readers (a wrong check digit is an
/// error naming the line).
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API Publication {
    std::string series;                 ///< the series ("Policy Brief", "Analysis"); empty: none
    std::string number;                 ///< the issue in the series ("12", "2026/3"); empty: none
    std::string organisation;           ///< the publisher (think tank, institute, newsroom)
    std::optional<Image> logo;          ///< the organisation's logo
    std::optional<Image> cover;         ///< the cover image
    std::string isbn;                   ///< ISBN-10 or ISBN-13, hyphens as written
    std::string issn;                   ///< the series' ISSN, NNNN-NNNC
    std::string doi;                    ///< DOI without resolver ("10.1000/182")
    std::string licence;                ///< licence ("CC BY 4.0") or rights statement
    std::string cite_as;                ///< "Cite as" text as given; empty: citation() makes one
    std::vector<Paragraph> disclaimer;  ///< the disclaimer of the imprint page
    std::vector<Paragraph> summary;     ///< the executive summary or abstract
    std::string summary_title;          ///< its heading as given; empty: the style's word
    /// A contents page is asked for, whatever the report's length (else the style decides).
    bool contents = false;
    int line = 0;  ///< source line where the publication data starts

    /// Whether no field is set.
    bool empty() const;
};

/// A whole article (or report).
/// Thread-safety: a value type: concurrent reads are safe (one article may be typeset and
/// written to an EPUB at once), a write needs exclusive access.
struct QUIRE_API Article {
    std::string source;                ///< file name the article was read from (for diagnostics)
    std::string title;                 ///< the title, also in the running head and the metadata
    std::string subtitle;              ///< empty: none
    std::string lang = "en";           ///< language of the title and body
    std::string date;                  ///< ISO 8601 date if known, else empty
    std::vector<std::string> authors;  ///< the byline, in order
    std::vector<Translation> translations;  ///< versions in other languages the source names
    std::vector<std::string> keywords;      ///< metadata only (PDF Keywords, EPUB dc:subject)
    std::vector<Paragraph> body;            ///< the blocks of the body, in order
    std::vector<Note> notes;                ///< in source order
    /// The authors' details and bios, in byline order: the closing author blocks (the byline's
    /// names are `authors`; an author listed there need not have an entry here).
    std::vector<AuthorBio> bios;
    Publication publication;  ///< series, publisher, identifiers, front matter (reports)

    /// The note with this number, or nullptr.
    const Note* find_note(int number) const;
};

/// How to cite the article: Publication::cite_as when given, else made from the metadata:
/// the authors, the year, the title and subtitle, the series and number, the organisation and
/// the DOI as a link (or the ISBN), e.g. "Cenk Tamer (2023). Title. Analysis 12. ANKASAM.
/// https://doi.org/10.1000/182". Connecting words are in the article's language.
QUIRE_API std::string citation(const Article& article);

}  // namespace quire::inline v0

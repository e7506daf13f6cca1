// layout/frame: the laid-out document that backends read (a display list per page).
//
// Coordinates are PDF points with the origin at the bottom-left of the page (MediaBox) and y
// up, so the PDF backend writes them as they are. Everything a backend needs is here: glyphs
// with the text they stand for (for ToUnicode/ActualText), rules, link areas, destinations and
// the outline, and the logical structure (a tagged PDF's structure tree): every run, rule and
// picture either points to the structure element it belongs to or is an artifact (running
// heads, folios, rules). Layout never includes a backend header; backends never call layout.
#pragma once

#include "text/font.hpp"

#include <quire/pdf_standard.hpp>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace quire::inline v0::layout {

/// A structure element of the document's logical structure (ISO 32000-1 14.7, with the
/// standard structure types of 14.8.4). Elements are in reading order: an element's children
/// and its own content are ordered by `order` (content: GlyphRun::order), whatever page or
/// place on the page layout gave them.
struct StructElem {
    std::string type;  ///< a standard structure type: "Document", "H1", "P", "Note", "TD"...
    int parent = -1;   ///< index in Structure::elems; -1 for the root
    /// Its place among its parent's children and the parent's own content: a byte offset in
    /// the parent's text for inline elements (Link, Reference, Span), else the order in which
    /// the elements were made.
    std::uint64_t order = 0;
    std::string lang;      ///< its language when it differs from its parent's (BCP 47)
    std::string alt;       ///< Figure: the text alternative; empty: none given (a defect)
    std::string id;        ///< Note: its unique ID (the IDTree)
    std::string scope;     ///< TH: "Column" or "Row"
    std::string contents;  ///< Link: what the link annotation says (/Contents)
};

/// The logical structure: elems[0] is the root (Document) once anything was added.
struct Structure {
    /// (A deque: growing it moves no element, and references to elements stay valid.)
    std::deque<StructElem> elems;
    std::uint64_t next_order = 0;  ///< the order of the next element made or attached

    /// Adds an element under `parent` (-1: not yet placed, see attach); its order is the next
    /// one unless given. Returns its index.
    int add(std::string type, int parent, std::string lang = {}, std::int64_t order = -1) {
        StructElem e;
        e.type = std::move(type);
        e.parent = parent;
        e.order = order >= 0 ? static_cast<std::uint64_t>(order) : next_order++;
        e.lang = std::move(lang);
        elems.push_back(std::move(e));
        return static_cast<int>(elems.size() - 1);
    }
    /// Places element `i`, made earlier, under `parent` after everything made so far (a note,
    /// set before the body, takes its place after the paragraph that refers to it).
    void attach(int i, int parent) {
        auto& e = elems[static_cast<std::size_t>(i)];
        e.parent = parent;
        e.order = next_order++;
        if (!e.lang.empty() && e.lang == lang_of(parent)) e.lang.clear();
    }
    /// The language in force for element `i` (its own, else its nearest ancestor's).
    const std::string& lang_of(int i) const {
        static const std::string none;
        for (; i >= 0; i = elems[static_cast<std::size_t>(i)].parent)
            if (!elems[static_cast<std::size_t>(i)].lang.empty())
                return elems[static_cast<std::size_t>(i)].lang;
        return none;
    }
};

/// A glyph placed on the page.
struct PlacedGlyph {
    std::uint32_t gid = 0;
    double x = 0, y = 0;           ///< origin of the glyph (baseline), absolute
    std::uint32_t text_begin = 0;  ///< the text it stands for: GlyphRun::text[begin, end)
    std::uint32_t text_end = 0;
};

/// What a run's text is, from the span it comes from (text::SpanStyle): text, a link (to a URL,
/// or a contents entry to its article), the mark of a note in the text, or a note's own number
/// (which links back to the mark). All but text take the style's link colour (layout/finish).
enum class RunRole : std::uint8_t { text, link, note_mark, note_number };

/// Glyphs of one face and size, in visual order.
struct GlyphRun {
    const text::Face* face = nullptr;
    double size = 10;
    std::string lang;
    std::vector<PlacedGlyph> glyphs;
    std::string text;  ///< UTF-8 text the glyphs' ranges point into
    /// Space after each cluster (points) that justification gave the letters; the positions
    /// include it already, the PDF writer states it as character spacing (Tc).
    double char_spacing = 0;
    /// Horizontal scale of the glyphs (font expansion, layout/microtype): 1.02 draws them 2%
    /// wider. The positions include it; the PDF writer states it as horizontal scaling (Tz).
    double h_scale = 1;
    /// A right-to-left run: a cluster's text is on its visually last glyph (see PlacedGlyph).
    bool rtl = false;
    /// When > 0: this run and the next actual_runs - 1 runs of the page are drawn in an order
    /// other than reading order and stand for `actual_text` (logical order) as a whole, the
    /// PDF's /ActualText. Layout sets it on stretches of a bidirectional line that hold no
    /// right-to-left letter (numbers and their separators inside right-to-left text: ١٢–١٥
    /// is drawn ١٥–١٢); right-to-left letters are left to extractors, which reverse them.
    int actual_runs = 0;
    std::string actual_text;
    std::uint32_t color = 0;  ///< fill colour, 0xRRGGBB
    /// What the run is, from its span (see RunRole).
    RunRole role = RunRole::text;
    /// A hyphen added at a line end (it stands for no character of the source: its text is
    /// U+00AD SOFT HYPHEN, as ISO 32000-1 14.8.2.5 asks).
    bool hyphen = false;
    /// Read after a space that is not drawn (a contents entry's page number after its title).
    bool space_before = false;
    int span = -1;             ///< the ParagraphText span it comes from; -1: none
    std::uint32_t offset = 0;  ///< where its text starts in the paragraph (bytes)
    int elem = -1;             ///< its structure element (Structure::elems); -1: an artifact
    std::uint64_t order = 0;   ///< its place in its element's reading order
};

/// A filled rectangle (rules). Rules are artifacts.
/// A link (SpanStyle::href, Mark::href) that begins so goes to a destination of the document
/// (a cross-reference's target) rather than a URL.
inline constexpr std::string_view kDestLink = "quire-dest:";

struct Rule {
    double x = 0, y = 0, width = 0, height = 0;
    std::uint32_t color = 0;  ///< fill colour, 0xRRGGBB
    bool own_color = false;   ///< keeps `color` (a cover's band); else the style's rule colour
};

/// A clickable area that jumps to a named destination, or opens a URL.
struct Link {
    double x = 0, y = 0, width = 0, height = 0;
    std::string dest;
    std::string uri;  ///< when set, the link opens this URL (dest is empty)
    int elem = -1;    ///< its Link structure element; -1: none
};

/// An image drawn on the page (a PNG or JPEG file), scaled into its box.
struct Picture {
    double x = 0, y = 0, width = 0, height = 0;  ///< the box, bottom-left corner
    std::string path;  ///< the image file, or empty when its bytes are in `data`
    std::string alt;   ///< the text alternative
    int elem = -1;     ///< its Figure element; -1: decorative (an artifact)
    std::shared_ptr<const std::string> data;  ///< the image's bytes (ReadOptions::images)
    /// When clip_width > 0: only what falls in this box is drawn (an image cropped to fill it).
    double clip_x = 0, clip_y = 0, clip_width = 0, clip_height = 0;
};

/// A named place in the document (a link target).
struct Destination {
    std::string name;
    int page = 0;  ///< 0-based
    double x = 0, y = 0;
};

/// A bookmark.
struct OutlineEntry {
    std::string title;
    int level = 0;  ///< 0 top level, 1 child of the previous level-0 entry
    std::string dest;
};

/// One page.
struct Page {
    double width = 595.276, height = 841.89;
    std::vector<GlyphRun> runs;
    std::vector<Rule> rules;
    std::vector<Link> links;
    std::vector<Picture> pictures;
};

/// Document-level metadata.
struct Metadata {
    std::string title, author, lang, subject, keywords;
    std::string date;  ///< ISO 8601 date of the article, if known
    /// A report's publisher, licence and identifier (DOI as a URL, else urn:isbn:), for the
    /// XMP's dc:publisher, dc:rights and dc:identifier.
    std::string publisher, rights, identifier;
};

/// The whole laid-out document.
/// A print file's bleed and marks (Style::print_bleed, crop_marks, registration_marks, slug).
struct PrintSettings {
    double bleed = 3 * 72 / 25.4;
    bool crop_marks = true;
    bool registration_marks = true;
    bool slug = true;
};

struct PagedDocument {
    std::vector<Page> pages;
    std::vector<Destination> destinations;
    std::vector<OutlineEntry> outline;
    Metadata meta;
    Structure structure;  ///< the logical structure; empty: an untagged document
    /// Printed beyond the trim on every side (points): the PDF's MediaBox and BleedBox are this
    /// much larger than each page, its TrimBox is the page; page coordinates stay trim-relative.
    double bleed = 0;
    PdfStandard standard;  ///< what the PDF claims (the style's pdf_standard)
    /// What a print file (a PDF that claims PDF/X-4) adds (the style's print settings).
    PrintSettings print;
};

/// Takes the pages of a document one by one, each as soon as it is final, so that a long
/// document need not stand in memory whole (typeset_collection gives it a book's pages as it
/// sets them; pdf::DocumentWriter writes them). Pages may come in any order, each once.
class PageSink {
public:
    virtual ~PageSink() = default;
    /// Page `index` of `doc`, whose structure and destinations may still grow (its runs point
    /// into the structure; its links name destinations the document has, or will have).
    /// Afterwards the document keeps only the page's size (its runs, rules, pictures and links
    /// are dropped).
    virtual void page(std::size_t index, const Page& page, const PagedDocument& doc) = 0;
    /// Elements `first`.. of `structure` are complete: every page with their content was
    /// given. The caller then removes them (and may use their indices again).
    virtual void structure_done(const Structure& structure, std::size_t first) = 0;
};

}  // namespace quire::inline v0::layout

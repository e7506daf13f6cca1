// layout/frame: the laid-out document that backends read (a display list per page).
//
// Coordinates are PDF points with the origin at the bottom-left of the page (MediaBox) and y
// up, so the PDF backend writes them as they are. Everything a backend needs is here: glyphs
// with the text they stand for (for ToUnicode/ActualText), rules, link areas, destinations and
// the outline. Layout never includes a backend header; backends never call layout.
#pragma once

#include "text/font.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace quire::layout {

/// A glyph placed on the page.
struct PlacedGlyph {
    std::uint32_t gid = 0;
    double x = 0, y = 0;           ///< origin of the glyph (baseline), absolute
    std::uint32_t text_begin = 0;  ///< the text it stands for: GlyphRun::text[begin, end)
    std::uint32_t text_end = 0;
};

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
};

/// A filled rectangle (rules).
struct Rule {
    double x = 0, y = 0, width = 0, height = 0;
    std::uint32_t color = 0;  ///< fill colour, 0xRRGGBB
};

/// A clickable area that jumps to a named destination, or opens a URL.
struct Link {
    double x = 0, y = 0, width = 0, height = 0;
    std::string dest;
    std::string uri;  ///< when set, the link opens this URL (dest is empty)
};

/// An image drawn on the page (a PNG or JPEG file), scaled into its box.
struct Picture {
    double x = 0, y = 0, width = 0, height = 0;  ///< the box, bottom-left corner
    std::string path;
    std::string alt;  ///< the text alternative
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
};

/// The whole laid-out document.
struct PagedDocument {
    std::vector<Page> pages;
    std::vector<Destination> destinations;
    std::vector<OutlineEntry> outline;
    Metadata meta;
    /// Printed beyond the trim on every side (points): the PDF's MediaBox and BleedBox are this
    /// much larger than each page, its TrimBox is the page; page coordinates stay trim-relative.
    double bleed = 0;
};

}  // namespace quire::layout

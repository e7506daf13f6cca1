// layout/article_layout: lays out a whole article with a style into pages.
//
// Collect (title block, body lines with their note references, notes, bio) → distribute
// (layout/pages) → compose (absolute positions, running heads, folios, links, outline).
#pragma once

#include "layout/frame.hpp"
#include "text/font.hpp"

#include <quire/article.hpp>
#include <quire/diagnostics.hpp>
#include <quire/style.hpp>

namespace quire::layout {

/// Lays out the article. Warnings (missing glyphs, overfull lines, notes that do not fit) go to
/// `diags` with the article's file and the source line.
PagedDocument typeset_article(const Article& article, const Style& style, text::FontBook& fonts,
                              Diagnostics& diags);

}  // namespace quire::layout

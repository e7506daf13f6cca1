// layout/article_layout: lays out a whole article with a style into pages.
//
// Collect (title block, body lines with their note references, notes, bio: layout/article_blocks,
// layout/article_figures, layout/article_notes) → distribute (layout/pages) → compose (absolute
// positions, running heads, folios, links, outline: layout/article_compose).
#pragma once

#include "layout/frame.hpp"
#include "text/font.hpp"

#include <quire/article.hpp>
#include <quire/diagnostics.hpp>
#include <quire/style.hpp>

namespace quire::inline v0::layout {

/// Lays out the article. Warnings (missing glyphs, overfull lines, notes that do not fit) go to
/// `diags` with the article's file and the source line. Pages are numbered from `first_folio`
/// (an article within a collection starts where the collection has got to); 0 sets no page
/// numbers.
PagedDocument typeset_article(const Article& article, const Style& style, text::FontBook& fonts,
                              Diagnostics& diags, int first_folio = 1);

}  // namespace quire::inline v0::layout

// layout/article_compose: an article's pages from its flow (layout/article_layout).
//
// The page builder (layout/pages) distributes the flow's blocks and the notes over pages; then
// every block, footnote line and continued-note label is placed at its absolute position, with
// the running head (from the second page) and the folio, the links and destinations of note
// marks and numbers, and the outline (title, headings, notes, the author).
#pragma once

#include "layout/article_flow.hpp"
#include "layout/article_notes.hpp"
#include "layout/article_setter.hpp"
#include "layout/frame.hpp"
#include "layout/report_front.hpp"

namespace quire::inline v0::layout {

/// The number a reader sees on page `index` (from 0) of a document numbered from
/// `first_folio`; pages of an unnumbered document (0) count from 1.
inline int folio_at(int first_folio, int index) {
    return first_folio > 0 ? first_folio + index : index + 1;
}

/// The pages of the collected flow and notes, after the `front` pages (a report's cover and
/// imprint, unnumbered); the document takes over setter.structure. Pages are numbered from
/// `first_folio` (the front pages count); 0 sets no page numbers.
PagedDocument compose_pages(ArticleSetter& setter, const ArticleFlow& flow, ArticleNotes& notes,
                            int first_folio, FrontPages front = {});

}  // namespace quire::inline v0::layout

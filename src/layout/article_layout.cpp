// layout/article_layout: the report layout of an article (see article_layout.hpp).
//
// Invariants: body lines keep the order of the source; a note is attached to the line holding
// its first reference, so the page builder starts it on that line's page; notes nothing refers
// to go to the foot of the last body page; every line's glyphs carry their source text. With
// endnotes, the notes leave the feet and follow the body under a heading, in the order of their
// first reference, with the same marks, links and destinations. Every paragraph is set with the
// style's line-breaking settings (ParagraphSpec), the title block without hyphenation.
//
// The parts, each in its own file: article_setter (setting text with the style, the logical
// structure), article_flow (the blocks collected), article_blocks and article_figures (title,
// body, bio), article_notes (footnotes and endnotes), article_compose (the pages).
#include "layout/article_layout.hpp"

#include "layout/article_blocks.hpp"
#include "layout/article_compose.hpp"
#include "layout/article_flow.hpp"
#include "layout/article_notes.hpp"
#include "layout/article_setter.hpp"
#include "layout/report_front.hpp"

#include <utility>

namespace quire::inline v0::layout {

PagedDocument typeset_article(const Article& article, const Style& style, text::FontBook& fonts,
                              Diagnostics& diags, int first_folio) {
    ArticleSetter setter(article, style, fonts, diags);
    ArticleFlow flow(style);
    ArticleNotes notes(setter);
    FrontPages front = set_front_pages(setter);  // first in the structure's reading order
    collect_title(setter, flow);
    collect_summary(setter, flow);
    notes.set_all();  // before the body: each note's element goes after its first reference
    collect_body(setter, flow, notes);
    if (style.notes == NotePlacement::endnotes) notes.collect_endnotes(flow);
    collect_bio(setter, flow);
    return compose_pages(setter, flow, notes, first_folio, std::move(front));
}

}  // namespace quire::inline v0::layout

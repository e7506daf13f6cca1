// layout/finish: what a house style adds to composed pages, after composition: mirrored
// margins on left-hand pages, colours, bleed.
#pragma once

#include "layout/frame.hpp"

#include <quire/style.hpp>

#include <cstddef>

namespace quire::inline v0::layout {

/// With style.mirror_margins, moves everything on the left-hand (even-numbered) pages among
/// pages [begin, end) by margin_outer − margin_inner, so that their left margin is the outer
/// one; page `begin` is numbered `first_folio`. Destinations on those pages move with them.
void mirror_margins(PagedDocument& doc, const Style& style, int first_folio, std::size_t begin,
                    std::size_t end);

/// Colours every run and rule: runs of links, note marks and note numbers (GlyphRun::role, from
/// their spans) take style.link_color, other runs style.text_color, rules style.rule_color.
/// Also records style.bleed and style.pdf_standard in the document.
void apply_style_colors(PagedDocument& doc, const Style& style);

/// The style's print settings (a PDF that claims PDF/X-4).
PrintSettings print_settings(const Style& style);

/// The same for one page (a page given to a PageSink before the document is complete).
void apply_style_colors(Page& page, const Style& style);

}  // namespace quire::inline v0::layout

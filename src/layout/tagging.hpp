// layout/tagging: set lines as content of the logical structure (frame.hpp's Structure).
//
// Layout builds the structure in reading order as it collects blocks: a block makes its
// element, and the lines set for it are tagged as that element's content. Spans make inline
// elements: a note mark a Reference holding a Link, a note's own number or a URL a Link (what
// the link says goes into its /Contents), text in another language a Span with its /Lang.
#pragma once

#include "layout/frame.hpp"
#include "layout/paragraph.hpp"
#include "text/shape.hpp"

#include <cstdint>
#include <vector>

namespace quire::inline v0::layout {

/// Tags `lines`, set from `pt`, as the content of element `elem` of `st`: each run (and each
/// link mark) belongs to `elem`, or to the inline element its span makes, made once per span.
/// Runs are ordered by their place in the text, `base` added (an element set from several
/// texts: the lines of a code block, a contents entry). Returns the base for a following text.
std::uint64_t tag_lines(Structure& st, std::vector<SetLine>& lines, const text::ParagraphText& pt,
                        int elem, std::uint64_t base = 0);

}  // namespace quire::inline v0::layout

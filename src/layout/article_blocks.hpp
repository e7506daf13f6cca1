// layout/article_blocks: collects an article's blocks into its flow (layout/article_layout):
// the title block, the body (paragraphs, headings, list items, block quotes, code; figures and
// tables through layout/article_figures) and the author's bio.
//
// Each block makes its structure element as it is collected, so the logical structure is built
// in reading order; the block quotes and lists around a body block are opened and closed as the
// blocks' depths change. Body lines keep the order of the source, and each note is attached to
// the line of its first reference (layout/article_notes).
#pragma once

#include "layout/article_flow.hpp"
#include "layout/article_notes.hpp"
#include "layout/article_setter.hpp"

namespace quire::inline v0::layout {

/// The title, subtitle, authors and translations: one block, set without hyphenation.
void collect_title(ArticleSetter& setter, ArticleFlow& flow);

/// The body, after the title block (kept with its first lines). Each note is attached to the
/// line of its first reference, the notes nothing refers to to the last body line; the flow's
/// body ends after it.
void collect_body(ArticleSetter& setter, ArticleFlow& flow, ArticleNotes& notes);

/// The authors' blocks, closing the article (Article::bios that has_details()): each a
/// section in the bio's language with the author's name as heading (a short rule above the
/// first), the affiliation, e-mail and ORCID line, the photograph, the paragraphs; the first's
/// destination is "bio", the next ones' "bio-2", "bio-3"... (bio_dest).
void collect_bio(ArticleSetter& setter, ArticleFlow& flow);

/// The destination of the index-th author block collect_bio sets ("bio", "bio-2"...).
std::string bio_dest(std::size_t index);

}  // namespace quire::inline v0::layout

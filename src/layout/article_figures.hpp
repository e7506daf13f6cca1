// layout/article_figures: the body blocks set as a whole rather than as lines of text: figures
// (an image and its caption) and tables, each one unbreakable block of the flow or, for a table,
// a row each (layout/article_blocks collects the other blocks).
#pragma once

#include "layout/article_flow.hpp"
#include "layout/article_setter.hpp"

#include <quire/article.hpp>

namespace quire::inline v0::layout {

/// The caption of a figure or table: its content, after "Figure 3." or "Table 2." (bold) when
/// it is numbered (model::Numbering).
Paragraph captioned(const ArticleSetter& setter, const Paragraph& para);

/// A figure: the image scaled to fit the measure (never enlarged beyond its resolution,
/// 150 dpi when the file states none) and 45% of the text block's height, centred, its
/// caption below in the note font's italic. An image that cannot be shown leaves its text
/// alternative in a frame.
void add_figure(ArticleSetter& setter, ArticleFlow& flow, const Paragraph& para,
                const BlockPlace& at);

/// A table in the quote font: columns as wide as their widest cell when they fit the
/// measure, else shared out in proportion and wrapped; rules above, below the header and
/// below (booktabs); a row never splits, the header stays with the first row.
void add_table(ArticleSetter& setter, ArticleFlow& flow, const Paragraph& para,
               const BlockPlace& at);

}  // namespace quire::inline v0::layout

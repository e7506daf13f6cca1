// layout/anthology: a collection of articles as one book.
//
//   page 1         the title page: the collection's title, subtitle, editors and date
//   page 2         blank (the title page's verso)
//   page 3...      the contents: each article's title and authors, dot leaders and the page
//                  where it starts, linked to it
//   then           each article as typeset_article() sets it, starting on a right-hand (odd)
//                  page (a blank verso before it when needed), its own running head, its notes
//                  numbered as in its source, its bio after it; page numbers run on through the
//                  book
//
// Destinations of article i are prefixed "a<i>-" so that notes of different articles never
// meet; the outline has the contents, then one entry per article with the article's own
// entries (notes, author) below it.
#pragma once

#include "layout/frame.hpp"
#include "text/font.hpp"

#include <quire/article.hpp>
#include <quire/diagnostics.hpp>
#include <quire/style.hpp>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace quire::inline v0::layout {

/// What the front matter shows.
struct CollectionFront {
    std::string title;
    std::string subtitle;
    std::vector<std::string> editors;
    std::string date;  ///< as printed on the title page (e.g. "November 2026")
    std::string lang;  ///< language of the front matter's own words ("Contents", "Edited by")
    std::filesystem::path source;  ///< the manifest, for diagnostics
};

/// Where an article of the collection is.
struct CollectionPart {
    int first_page = 0;  ///< 0-based index of its first page
    int page_count = 0;
};

/// What the contents show of an article, known before any article is set.
struct ArticleHead {
    std::string title;
    std::vector<std::string> authors;
    std::string lang;
};

/// The book's articles: every head up front (the contents come first), then each article in
/// turn. `load(i)` is called once per article, in order; its reference holds until the next
/// call, so a caller may read and parse each article only then and hold one at a time. It
/// may throw to stop the book.
struct BookArticles {
    std::vector<ArticleHead> heads;
    std::function<const Article&(std::size_t)> load;
};

/// The book's articles from articles in memory.
BookArticles book_articles(const std::vector<const Article*>& articles);

/// Lays out the collection. `parts` receives one entry per article. With a `sink`, each
/// page goes to it once final (the articles' in order as they are set, then the title page,
/// its verso and the contents), and each article's structure elements once its pages are
/// given (PageSink::structure_done, then dropped); the document returned keeps only the
/// pages' sizes, the destinations, the outline and the front matter's structure: one
/// article's layout at a time.
PagedDocument typeset_collection(const CollectionFront& front, const BookArticles& articles,
                                 const Style& style, text::FontBook& fonts, Diagnostics& diags,
                                 std::vector<CollectionPart>* parts = nullptr,
                                 PageSink* sink = nullptr);

/// The id prefix of article `index` (0-based) in a collection: "a1-", "a2-"...
std::string collection_prefix(std::size_t index);

}  // namespace quire::inline v0::layout

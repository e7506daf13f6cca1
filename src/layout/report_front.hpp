// layout/report_front: a report's front matter (Article::publication): the cover page and the
// imprint page on its verso, set before the article's pages, and the summary box under the
// title block.
//
// The cover: a colour band across the top (Style::accent_color, to the bleed) or, when the
// report has one, the cover image in its place; the series and number, the title, the subtitle,
// each author with their affiliation; at the foot the organisation's logo, its name and the
// date. The imprint page holds at its foot what a library and a reader cite: the rights line
// (year, organisation, licence), the ISBN, ISSN and DOI, "Cite as" (citation()) and the
// disclaimer. Both pages are unnumbered and carry no running head; the article starts on the
// third page, numbered 3. Their text is tagged in reading order before the article's (a Sect
// each, the images as Figures with their text alternatives, the band an artifact).
#pragma once

#include "layout/article_flow.hpp"
#include "layout/article_setter.hpp"
#include "layout/frame.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace quire::inline v0::layout {

/// Pages set before the article's, with their destinations (page indices from 0).
struct FrontPages {
    std::vector<Page> pages;
    std::vector<Destination> destinations;
    /// The reading-order place kept for a contents page's TOC element (between the imprint
    /// and the title block), made only if the report gets one (set_contents).
    std::uint64_t contents_order = 0;
};

/// A contents page's entries: the headings of levels 1 and 2, split over pages (entry indices
/// into `headings` per page); empty when the report gets none: it has no front pages or
/// headings, or its `article_pages` are fewer than the style's contents_pages and its metadata
/// does not ask for one.
std::vector<std::vector<std::size_t>> plan_contents(ArticleSetter& setter,
                                                    const std::vector<FlowHeading>& headings,
                                                    const FrontPages& front,
                                                    std::size_t article_pages);

/// Sets the planned contents on `pages` (one per planned page): the "Contents" heading, then
/// each entry's text with dot leaders to its page's number (`folio_of` a destination), the
/// whole entry a link to it; tagged as a TOC of TOCI > Link at `contents_order`. Adds the
/// destination "contents" at page index `first_page`.
void set_contents(ArticleSetter& setter, const std::vector<FlowHeading>& headings,
                  const std::vector<std::vector<std::size_t>>& plan,
                  const std::map<std::string, int>& folio_of, std::uint64_t contents_order,
                  std::vector<Page*> pages, std::vector<Destination>& dests, int first_page);

/// Whether the article opens with a cover and an imprint page in this style: front_pages is on
/// and the publication names a series, an organisation, a logo, a cover image or an identifier.
bool has_front_pages(const Article& article, const Style& style);

/// The cover and imprint pages (none when !has_front_pages); their structure elements are made
/// now, so call it before the title block is collected.
FrontPages set_front_pages(ArticleSetter& setter);

/// A report's back cover (with front pages and the style's back_cover), the document's last
/// page, a verso: the title and the summary at the top; at the foot, above a band of the accent
/// colour to the bleed, the logo, the organisation, the series and number, the ISBN and the
/// DOI. Unnumbered; tagged last in the reading order (a Sect), so call it after the article's
/// blocks are collected.
Page back_cover(ArticleSetter& setter);

/// The summary box (Publication::summary, when the style's summary_box is on): a heading (the
/// summary's title, else "Summary" in the article's language) and the paragraphs, between two
/// rules; kept together with the title block above it.
void collect_summary(ArticleSetter& setter, ArticleFlow& flow);

}  // namespace quire::inline v0::layout

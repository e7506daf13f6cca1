// layout/anthology: see anthology.hpp.
//
// The contents come first in the book but are set last: their lines do not depend on the page
// numbers (the numbers have a column of their own), so the entries are set and paginated once,
// which fixes where the first article starts; then each article is typeset from its page (and,
// with a PageSink, handed on and dropped before the next), and the numbers go in.
#include "layout/anthology.hpp"

#include "base/lang_tag.hpp"
#include "base/utf8.hpp"
#include "layout/article_layout.hpp"
#include "layout/finish.hpp"
#include "layout/paragraph.hpp"
#include "model/labels.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace quire::inline v0::layout {

namespace {

constexpr double kBaseline = 0.76;    ///< baseline within a line box, as in article_layout
constexpr double kNumberColumn = 36;  ///< the contents' page-number column
constexpr double kLeaderPitch = 6;    ///< distance between the dots of a leader
constexpr double kEntryGap = 9;       ///< between two entries of the contents
/// The least room left for the dot leaders after a title's last line: a title never runs up
/// to its page number, and every entry has a leader of at least three dots.
constexpr double kLeaderRoom = 4 * kLeaderPitch;

class CollectionLayout {
public:
    CollectionLayout(const CollectionFront& front, const BookArticles& articles, const Style& style,
                     text::FontBook& fonts, Diagnostics& diags)
        : front_(front),
          articles_(articles),
          style_(style),
          article_style_(style),
          fonts_(fonts),
          diags_(diags) {
        article_style_.back_cover = false;  // the book has one end
        measure_ = style_.page_width - style_.margin_inner - style_.margin_outer;
        rtl_ = lang_tag::is_rtl(front_.lang);
    }

    /// Sets the book. With a sink, every page goes to it as soon as it is final (an article's
    /// pages once it is set, the front matter's at the end) and keeps only its size and links
    /// in the document returned: memory holds one article's layout at a time.
    PagedDocument run(std::vector<CollectionPart>* parts, PageSink* sink) {
        PagedDocument doc;
        doc.meta.title = front_.title;
        for (const auto& e : front_.editors)
            doc.meta.author += (doc.meta.author.empty() ? "" : ", ") + e;
        doc.meta.lang = front_.lang;
        doc.meta.date = front_.date;
        doc.bleed = style_.bleed;
        doc.standard = style_.pdf_standard;
        doc.print = print_settings(style_);
        st_ = &doc.structure;
        root_ = st_->add("Document", -1, front_.lang);

        doc.pages.push_back(title_page(doc));
        doc.pages.push_back(blank_page());

        // The contents: entries set and paginated now (which fixes where the first article
        // starts), their pages composed once the articles are placed. Their heading and TOC
        // elements are made now, to be read before the articles.
        const std::vector<double> entries = entry_heights();
        const Setting heading = set(std::string(labels::get(labels::Label::contents, front_.lang)),
                                    style_.title, true, false, front_.lang, measure_);
        const auto toc_pages = paginate(entries, heading.height() + style_.title_space_after);
        const int head_elem = block("H2", root_);
        const int toc_elem = block("TOC", root_);
        const std::size_t front_pages = doc.pages.size() + toc_pages.size();
        doc.pages.resize(front_pages, blank_page());
        doc.outline.push_back(
            {std::string(labels::get(labels::Label::contents, front_.lang)), 0, "contents"});

        // Gives pages [from, to) to the sink, in the style's colours, and drops their content.
        auto deliver = [&](std::size_t from, std::size_t to) {
            if (!sink) return;
            for (std::size_t i = from; i < to; ++i) {
                Page& p = doc.pages[i];
                apply_style_colors(p, style_);
                sink->page(i, p, doc);
                std::vector<GlyphRun>().swap(p.runs);
                std::vector<Rule>().swap(p.rules);
                std::vector<Picture>().swap(p.pictures);
                std::vector<Link>().swap(p.links);
            }
        };

        std::vector<int> starts;
        for (std::size_t i = 0; i < articles_.heads.size(); ++i) {
            const std::size_t from = doc.pages.size();
            // Each article starts on a right-hand page: 0-based odd indices are left-hand.
            if (doc.pages.size() % 2 == 1) doc.pages.push_back(blank_page());
            const int start = static_cast<int>(doc.pages.size());
            starts.push_back(start);
            const std::size_t first_elem = doc.structure.elems.size();
            append_article(
                doc, typeset_article(articles_.load(i), article_style_, fonts_, diags_, start + 1),
                collection_prefix(i));
            if (parts) parts->push_back({start, static_cast<int>(doc.pages.size()) - start});
            deliver(from, doc.pages.size());
            // Its pages given, the article's elements are complete: written, and forgotten
            // here (the next article's take their indices).
            if (sink) {
                sink->structure_done(doc.structure, first_elem);
                doc.structure.elems.resize(first_elem);
            }
        }

        compose_contents(doc, heading, head_elem, toc_elem, toc_pages, starts);
        // The front matter's left-hand pages (the articles' are mirrored by typeset_article,
        // numbered through the book as these are).
        mirror_margins(doc, style_, 1, 0, front_pages);
        deliver(0, front_pages);
        apply_style_colors(doc, style_);
        return doc;
    }

private:
    /// One entry of the contents: the title's lines (in the width left of the numbers) and the
    /// authors' line.
    struct Entry {
        Setting title, authors;
        double height() const { return title.height() + authors.height(); }
    };

    text::MissingGlyph missing_reporter() {
        return [this](char32_t c, std::uint32_t) {
            if (!reported_.insert(c).second) return;
            char buf[16];
            std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
            diags_.warning({front_.source, 0},
                           std::string("character ") + buf +
                               " of the collection's front matter cannot be shown by any font "
                               "of the fallback chain; it prints as a blank box");
        };
    }

    /// Sets text ragged (not justified, not hyphenated) in a role's font, every line from the
    /// left of the measure: callers place (centre, mirror) the lines themselves.
    Setting set(const std::string& s, const FontRole& role, bool bold, bool italic,
                const std::string& lang, double width, double size_scale = 1) {
        text::ParagraphText pt;
        text::SpanStyle span;
        span.chain = role.chain;
        span.face = {bold, italic};
        span.size = role.size * size_scale;
        span.lang = lang;
        pt.append(s, span);
        pt.base_level = lang_tag::is_rtl(lang) ? 1 : 0;
        ParagraphSpec spec;
        spec.width = width;
        spec.justify = false;
        spec.hyphenate = false;
        spec.lang = lang;
        spec.rtl_flush_right = false;
        spec.params.tolerance = style_.tolerance;
        spec.params.emergency_stretch = style_.emergency_stretch;
        Setting out;
        out.lines = set_paragraph(pt, spec, fonts_, missing_reporter());
        out.leading = role.leading * size_scale;
        return out;
    }

    /// The setting's lines as the content of element `elem` (one span: no inline elements),
    /// read after `base` within it.
    static Setting tagged(Setting s, int elem, std::uint64_t base = 0) {
        for (auto& l : s.lines)
            for (auto& r : l.runs) {
                r.elem = elem;
                r.order = base + r.offset;
            }
        return s;
    }

    /// The setting's runs printed in the link colour.
    static Setting linked(Setting s) {
        for (auto& l : s.lines)
            for (auto& r : l.runs) r.role = RunRole::link;
        return s;
    }

    /// A block element of the front matter, with its language when not the collection's.
    int block(const char* type, int parent, const std::string& lang = {}) {
        return st_->add(type, parent, lang == st_->lang_of(parent) ? std::string() : lang);
    }

    /// Like set(), with the lines made as even as they go (a centred title should not leave
    /// one word on its last line): the narrowest width that needs no more lines.
    Setting balanced(const std::string& s, const FontRole& role, bool bold, const std::string& lang,
                     double size_scale) {
        Setting best = set(s, role, bold, false, lang, measure_, size_scale);
        const std::size_t n = best.lines.size();
        if (n < 2 || n > 6) return best;
        double lo = measure_ / 2, hi = measure_;
        for (int i = 0; i < 8; ++i) {
            const double mid = (lo + hi) / 2;
            Setting t = set(s, role, bold, false, lang, mid, size_scale);
            bool fits = t.lines.size() <= n;
            for (const auto& l : t.lines) fits = fits && !l.overfull;
            if (fits) {
                best = std::move(t);
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return best;
    }

    Page blank_page() const {
        Page p;
        p.width = style_.page_width;
        p.height = style_.page_height;
        return p;
    }

    /// Places a setting's lines centred on the measure from `top` (distance from the page's
    /// top edge); returns the distance below its last line.
    double centred(Page& page, const Setting& s, double top) const {
        for (const auto& l : s.lines) {
            const double baseline = style_.page_height - top - s.leading * kBaseline;
            place_runs(page, l, style_.margin_inner + (measure_ - l.width) / 2, baseline);
            top += s.leading;
        }
        return top;
    }

    Page title_page(PagedDocument& doc) {
        Page page = blank_page();
        const std::string& lang = front_.lang;
        double top = style_.page_height * 0.28;
        const Setting title =
            tagged(balanced(front_.title, style_.title, true, lang, 1.25), block("H1", root_));
        top = centred(page, title, top);
        doc.destinations.push_back({"collection-title", 0, style_.margin_inner,
                                    style_.page_height - style_.page_height * 0.28 + 2});
        if (!front_.subtitle.empty()) {
            top += 10;
            top = centred(page,
                          tagged(balanced(front_.subtitle, style_.byline, false, lang, 1.3),
                                 block("P", root_)),
                          top);
        }
        if (!front_.editors.empty()) {
            top += 36;
            top = centred(page,
                          tagged(set(labels::edited_by(front_.editors, lang), style_.byline, false,
                                     true, lang, measure_),
                                 block("P", root_)),
                          top);
        }
        if (!front_.date.empty()) {
            top += 8;
            centred(page,
                    tagged(set(labels::long_date(front_.date, lang), style_.byline, false, false,
                               lang, measure_),
                           block("P", root_)),
                    top);
        }
        return page;
    }

    /// The entry of article i, set.
    Entry set_entry(std::size_t i) {
        const ArticleHead& a = articles_.heads[i];
        Entry e;
        e.title =
            set(a.title, style_.body, false, false, a.lang, measure_ - kNumberColumn - kLeaderRoom);
        if (!a.authors.empty()) {
            e.authors = set(labels::join_names(a.authors, a.lang), style_.bio, false, true, a.lang,
                            measure_ - kNumberColumn);
        }
        return e;
    }

    /// The height of each entry. Only these are kept until the contents are composed (the
    /// entries are set again then): a book of thousands does not hold its contents' glyphs
    /// while its articles are set.
    std::vector<double> entry_heights() {
        std::vector<double> heights;
        for (std::size_t i = 0; i < articles_.heads.size(); ++i)
            heights.push_back(set_entry(i).height());
        return heights;
    }

    /// Splits the entries over pages (an entry is never split); the first page starts
    /// `first_offset` down (below the heading). Returns each page's entry indices.
    std::vector<std::vector<std::size_t>> paginate(const std::vector<double>& entries,
                                                   double first_offset) const {
        const double body = style_.page_height - style_.margin_top - style_.margin_bottom;
        std::vector<std::vector<std::size_t>> pages(1);
        double y = first_offset;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const double h = entries[i];
            const double gap = pages.back().empty() ? 0 : kEntryGap;
            if (!pages.back().empty() && y + gap + h > body) {
                pages.emplace_back();
                y = 0;
            } else {
                y += gap;
            }
            pages.back().push_back(i);
            y += h;
        }
        return pages;
    }

    /// The line's left end when it is set in the entry column: at the left, or at the right
    /// of the measure (the numbers on the left) in a right-to-left collection.
    double entry_x(const SetLine& l) const {
        return rtl_ ? style_.margin_inner + measure_ - l.width : style_.margin_inner;
    }

    /// Composes the contents pages, which follow the title page and its verso.
    void compose_contents(PagedDocument& doc, const Setting& heading, int head_elem, int toc,
                          const std::vector<std::vector<std::size_t>>& toc_pages,
                          const std::vector<int>& starts) {
        // Contents entries, leaders included, are printed in the link colour.
        const Setting dot = linked(set(".", style_.body, false, false, front_.lang, measure_));
        const double left = style_.margin_inner;
        // The heading, then a TOC with a TOCI per article whose Link holds the entry (title,
        // page number, authors; the leaders are artifacts).
        const Setting head = tagged(heading, head_elem);
        const double right = left + measure_;
        for (std::size_t pi = 0; pi < toc_pages.size(); ++pi) {
            const int page_no = static_cast<int>(2 + pi);
            Page& page = doc.pages[static_cast<std::size_t>(page_no)];
            double top = style_.margin_top;
            if (pi == 0) {
                for (const auto& l : head.lines) {
                    place_runs(page, l, entry_x(l),
                               style_.page_height - top - heading.leading * kBaseline);
                    top += heading.leading;
                }
                doc.destinations.push_back(
                    {"contents", page_no, left, style_.page_height - style_.margin_top + 2});
                top += style_.title_space_after;
            }
            bool first = true;
            for (std::size_t ei : toc_pages[pi]) {
                const int link = block("Link", block("TOCI", toc, articles_.heads[ei].lang));
                st_->elems[static_cast<std::size_t>(link)].contents = articles_.heads[ei].title;
                // Read in that order: title, page number, authors (the bases keep them apart).
                Entry set_again = set_entry(ei);
                const Entry e{
                    linked(tagged(std::move(set_again.title), link)),
                    linked(tagged(std::move(set_again.authors), link, std::uint64_t{2} << 32))};
                if (!first) top += kEntryGap;
                first = false;
                const double entry_top = top;
                const std::string dest = collection_prefix(ei) + "title";
                double last_end = 0, last_baseline = 0;
                for (const auto& l : e.title.lines) {
                    last_baseline = style_.page_height - top - e.title.leading * kBaseline;
                    place_runs(page, l, entry_x(l), last_baseline);
                    last_end = rtl_ ? entry_x(l) : entry_x(l) + l.width;
                    top += e.title.leading;
                }
                // The page number at the end of the title's last line, dot leaders up to it.
                Setting num = linked(tagged(set(std::to_string(starts[ei] + 1), style_.body, false,
                                                false, front_.lang, measure_),
                                            link, std::uint64_t{1} << 32));
                // On the title's line: a reader of the structure gets a space before it.
                for (auto& l : num.lines)
                    for (auto& r : l.runs) r.space_before = true;
                if (!num.lines.empty()) {
                    const SetLine& nl = num.lines.front();
                    const double nx = rtl_ ? left : right - nl.width;
                    place_runs(page, nl, nx, last_baseline);
                    if (!dot.lines.empty()) {
                        const double dw = dot.lines.front().width;
                        const double from = rtl_ ? nx + nl.width + 6 : last_end + 6;
                        const double to = rtl_ ? last_end - 6 - dw : nx - 6 - dw;
                        place_leaders(page, dot.lines.front(), left, from, to, last_baseline,
                                      kLeaderPitch);
                    }
                }
                for (const auto& l : e.authors.lines) {
                    place_runs(page, l, entry_x(l),
                               style_.page_height - top - e.authors.leading * kBaseline);
                    top += e.authors.leading;
                }
                page.links.push_back(
                    {left, style_.page_height - top, measure_, top - entry_top, dest, {}, link});
            }
            folio(page, page_no + 1);
        }
    }

    void folio(Page& page, int number) {
        const Setting f =
            set(std::to_string(number), style_.running_head, false, false, front_.lang, measure_);
        if (!f.lines.empty())
            place_runs(page, f.lines.front(),
                       style_.margin_inner + (measure_ - f.lines.front().width) / 2,
                       style_.folio_offset);
    }

    /// Appends an article's pages, its names prefixed and its outline under its title.
    static void append_article(PagedDocument& doc, PagedDocument&& art, const std::string& prefix) {
        const int offset = static_cast<int>(doc.pages.size());
        // Its structure: its Document becomes an Art of the book in its own language; its
        // elements and their notes' IDs are renumbered and prefixed.
        Structure& st = doc.structure;
        const int base = static_cast<int>(st.elems.size());
        auto moved = [&](int e) { return e < 0 ? e : e + base; };
        for (std::size_t i = 0; i < art.structure.elems.size(); ++i) {
            StructElem e = std::move(art.structure.elems[i]);
            if (i == 0) {
                e.type = "Art";
                e.parent = 0;
                e.order = st.next_order++;
                if (e.lang == st.lang_of(0)) e.lang.clear();
            } else {
                e.parent = moved(e.parent);
            }
            if (!e.id.empty()) e.id = prefix + e.id;
            st.elems.push_back(std::move(e));
        }
        for (auto& p : art.pages) {
            for (auto& l : p.links) {
                l.dest = prefix + l.dest;
                l.elem = moved(l.elem);
            }
            for (auto& r : p.runs) r.elem = moved(r.elem);
            for (auto& pic : p.pictures) pic.elem = moved(pic.elem);
            doc.pages.push_back(std::move(p));
        }
        for (auto& d : art.destinations) {
            d.name = prefix + d.name;
            d.page += offset;
            doc.destinations.push_back(std::move(d));
        }
        for (std::size_t i = 0; i < art.outline.size(); ++i) {
            OutlineEntry e = std::move(art.outline[i]);
            e.dest = prefix + e.dest;
            // The article's title heads its entries: notes and author one level below it.
            if (i > 0) e.level += 1;
            doc.outline.push_back(std::move(e));
        }
    }

    const CollectionFront& front_;
    const BookArticles& articles_;
    const Style& style_;
    Style article_style_;  ///< the style of the articles in the book: no back covers
    text::FontBook& fonts_;
    Diagnostics& diags_;
    double measure_ = 0;
    bool rtl_ = false;
    std::set<char32_t> reported_;
    Structure* st_ = nullptr;  ///< the book's structure (the document's)
    int root_ = -1;
};

}  // namespace

std::string collection_prefix(std::size_t index) {
    std::string p = "a";  // not "a" + ...: GCC 12 -O3 warns (-Wrestrict, bogus)
    p += std::to_string(index + 1);
    p += '-';
    return p;
}

BookArticles book_articles(const std::vector<const Article*>& articles) {
    BookArticles b;
    for (const Article* a : articles) b.heads.push_back({a->title, a->authors, a->lang});
    b.load = [articles](std::size_t i) -> const Article& { return *articles.at(i); };
    return b;
}

PagedDocument typeset_collection(const CollectionFront& front, const BookArticles& articles,
                                 const Style& style, text::FontBook& fonts, Diagnostics& diags,
                                 std::vector<CollectionPart>* parts, PageSink* sink) {
    return CollectionLayout(front, articles, style, fonts, diags).run(parts, sink);
}

}  // namespace quire::inline v0::layout

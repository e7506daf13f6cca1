// layout/article_compose: see article_compose.hpp.
#include "layout/article_compose.hpp"

#include "base/utf8.hpp"
#include "layout/article_blocks.hpp"
#include "layout/finish.hpp"
#include "layout/pages.hpp"
#include "layout/paragraph.hpp"

#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace quire::inline v0::layout {

namespace {

/// Longest title kept in metadata and bookmarks (a file that is all title stays usable).
constexpr std::size_t kMaxMetaBytes = 512;

/// The text cut at a character boundary to at most `max` bytes, with an ellipsis when cut.
std::string capped(const std::string& s, std::size_t max) {
    if (s.size() <= max) return s;
    return s.substr(0, utf8::floor_boundary(s, max)) + "\u2026";
}

class PageComposer {
public:
    PageComposer(ArticleSetter& setter, const ArticleFlow& flow, ArticleNotes& notes,
                 int first_folio, FrontPages front)
        : front_(std::move(front)),
          setter_(setter),
          flow_(flow),
          notes_(notes),
          article_(setter.article),
          style_(setter.style),
          first_folio_(first_folio),
          measure_(setter.measure),
          rtl_(setter.rtl),
          left_(style_.margin_inner),
          top_(style_.page_height - style_.margin_top) {}

    PagedDocument compose();

private:
    Metadata metadata() const;
    Page blank_page() const;
    PageParams page_params() const;
    /// Places a block of the flow on the page (its lines, cells, picture, rules, destination);
    /// a table's row at the top of a page has its header rows repeated above it.
    void place_block(Page& page, PagedDocument& doc, int page_no, const PlacedItem& placed);
    /// Places block `b` (item `item`'s, or a copy of it) with its top `top` down the text block.
    void place_copy(Page& page, PagedDocument& doc, int page_no, const Block& b, std::size_t item,
                    double top);
    /// The header rows of the table whose row `placed` starts the page, as artifacts above it.
    void repeat_header(Page& page, PagedDocument& doc, int page_no, const PlacedItem& placed);
    /// Places the page's note lines under the note rule.
    void place_notes(Page& page, PagedDocument& doc, int page_no, const PageLayout& pl);
    /// Where a note's number (a footnote's, an endnote's) starts in the number column.
    double note_number_x(const SetLine& number) const;
    /// The outline: title, headings, notes (each note), the author.
    void add_outline(PagedDocument& doc) const;
    /// Places a line with the links and destinations of its marks.
    void emit_line(Page& page, PagedDocument& doc, int page_no, const SetLine& line, double x,
                   double baseline, double height);
    /// Like one_line, but no wider than the measure: a longer text is cut at the last break
    /// opportunity (else character) that leaves room for an ellipsis after it.
    SetLine fitted_line(std::string s, const FontRole& role, bool italic);
    /// Places a set line centred on the measure at a baseline.
    void centred(Page& page, const SetLine& l, double baseline);
    /// "Author  ·  Title", cut to the measure; set once for all pages.
    void running_head(Page& page);
    void folio(Page& page, int number);

    FrontPages front_;  ///< pages before the article's (a report's cover and imprint)
    ArticleSetter& setter_;
    const ArticleFlow& flow_;
    ArticleNotes& notes_;
    const Article& article_;
    const Style& style_;
    const int first_folio_;  ///< the first page's number; 0: no page numbers
    const double measure_;
    const bool rtl_;
    const double left_, top_;  ///< the text block's left and top on the page
    std::set<std::string> dest_seen_;
    std::set<std::size_t> on_page_;            ///< items placed on the page being composed
    std::map<int, std::string> note_dest_of_;  ///< note index -> dest
    std::optional<SetLine> head_;              ///< the running head, once set
};

PagedDocument PageComposer::compose() {
    PagedDocument doc;
    doc.meta = metadata();
    std::vector<std::string> warnings;
    const auto pages = build_pages(flow_.items, notes_.specs(), page_params(), &warnings);
    for (const auto& w : warnings) setter_.warn(0, w);

    // The front pages, unnumbered, the contents (when the report gets them), then the
    // article's pages.
    const auto contents = plan_contents(setter_, flow_.headings, front_, pages.size());
    const std::size_t cover_pages = front_.pages.size();
    // The article starts on a right-hand page: an odd number of contents pages takes a blank
    // page after them.
    const std::size_t front = cover_pages + contents.size() + contents.size() % 2;
    for (auto& page : front_.pages) doc.pages.push_back(std::move(page));
    for (auto& d : front_.destinations) doc.destinations.push_back(std::move(d));
    for (std::size_t k = cover_pages; k < front; ++k) doc.pages.push_back(blank_page());
    for (std::size_t pi = 0; pi < pages.size(); ++pi) {
        const PageLayout& pl = pages[pi];
        Page page;
        page.width = style_.page_width;
        page.height = style_.page_height;
        const int page_no = static_cast<int>(front + pi);
        on_page_.clear();
        for (const auto& placed : pl.items) place_block(page, doc, page_no, placed);
        if (!pl.note_lines.empty()) place_notes(page, doc, page_no, pl);
        if (pi > 0) running_head(page);
        if (first_folio_ > 0) folio(page, first_folio_ + page_no);
        doc.pages.push_back(std::move(page));
    }

    // A report's back cover: the last page, a left-hand one (a blank page before it if need
    // be), its text last in the reading order.
    if (!front_.pages.empty() && style_.back_cover) {
        if (doc.pages.size() % 2 == 0) doc.pages.push_back(blank_page());
        doc.pages.push_back(back_cover(setter_));
    }
    if (!contents.empty()) {
        std::map<std::string, int> folio_of;
        for (const auto& d : doc.destinations) folio_of[d.name] = folio_at(first_folio_, d.page);
        std::vector<Page*> at;
        for (std::size_t k = 0; k < contents.size(); ++k) at.push_back(&doc.pages[cover_pages + k]);
        set_contents(setter_, flow_.headings, contents, folio_of, front_.contents_order, at,
                     doc.destinations, static_cast<int>(cover_pages));
    }
    doc.structure = std::move(setter_.structure);  // the contents' elements included
    add_outline(doc);
    if (!contents.empty())
        doc.outline.insert(doc.outline.begin(),
                           {word(labels::Label::contents, article_.lang), 0, "contents"});
    // Left-hand pages of a mirrored style take the outer margin at the left (the page's
    // parity is its folio's, or its place when unnumbered); then colours and bleed.
    mirror_margins(doc, style_, first_folio_ > 0 ? first_folio_ : 1, 0, doc.pages.size());
    apply_style_colors(doc, style_);
    return doc;
}

Page PageComposer::blank_page() const {
    Page page;
    page.width = style_.page_width;
    page.height = style_.page_height;
    return page;
}

Metadata PageComposer::metadata() const {
    Metadata meta;
    meta.title = capped(article_.title, kMaxMetaBytes);
    for (const auto& a : article_.authors) meta.author += (meta.author.empty() ? "" : ", ") + a;
    meta.lang = article_.lang;
    meta.date = article_.date;
    meta.subject = article_.subtitle;
    const Publication& pub = article_.publication;
    meta.publisher = pub.organisation;
    meta.rights = pub.licence;
    if (!pub.doi.empty()) {
        meta.identifier = "https://doi.org/" + pub.doi;
    } else if (!pub.isbn.empty()) {
        meta.identifier = "urn:isbn:";
        for (char c : pub.isbn)
            if (c != '-' && c != ' ') meta.identifier += c;
    }
    for (const auto& k : article_.keywords)
        meta.keywords += (meta.keywords.empty() ? "" : ", ") + k;
    return meta;
}

PageParams PageComposer::page_params() const {
    PageParams pp;
    pp.body_height = style_.page_height - style_.margin_top - style_.margin_bottom;
    pp.separator = style_.note_space_before + style_.note_rule_gap;
    pp.note_gap = style_.note_gap;
    pp.continued_label_height = notes_.continued_label().empty() ? 0 : style_.note.leading;
    pp.body_end = flow_.body_end;
    pp.last_page_min_lines = style_.last_page_min_lines;
    pp.float_gap = style_.body.leading;
    return pp;
}

void PageComposer::repeat_header(Page& page, PagedDocument& doc, int page_no,
                                 const PlacedItem& placed) {
    const Block& row = flow_.blocks[placed.item];
    double top = placed.top - flow_.items[placed.item].head_height;
    for (std::size_t h : row.header_rows) {
        // A copy of the header row, an artifact (its text is tagged where it first stands).
        Block copy = flow_.blocks[h];
        copy.dest.clear();
        for (auto& c : copy.cells) {
            for (auto& r : c.line.runs) r.elem = -1;
            c.line.marks.clear();
        }
        for (auto& r : copy.line.runs) r.elem = -1;
        copy.line.marks.clear();
        place_copy(page, doc, page_no, copy, h, top);
        top += flow_.items[h].height;
    }
}

void PageComposer::place_block(Page& page, PagedDocument& doc, int page_no,
                               const PlacedItem& placed) {
    // The page builder gave a table's row at the top of a page its header's height above it.
    if (on_page_.empty() && !flow_.blocks[placed.item].header_rows.empty())
        repeat_header(page, doc, page_no, placed);
    on_page_.insert(placed.item);
    place_copy(page, doc, page_no, flow_.blocks[placed.item], placed.item, placed.top);
}

void PageComposer::place_copy(Page& page, PagedDocument& doc, int page_no, const Block& b,
                              std::size_t item, double top) {
    const PlacedItem placed{item, top};
    const double left = left_;
    const double height = flow_.items[placed.item].height;
    const double line_top = top_ - placed.top;
    const double baseline = line_top - height * kBaseline;
    // An endnote's number (its lead) stands in the number column, as a footnote's
    // does: flush right at the left, or at the right in a right-to-left article.
    const double bw = b.width < 0 ? measure_ - b.x : b.width;
    const double bx = b.absolute || !rtl_ ? left + b.x : left + measure_ - b.x - bw;
    if (b.lead && b.lead_x)
        emit_line(page, doc, page_no, *b.lead,
                  rtl_ ? left + measure_ - *b.lead_x - b.lead->width : left + *b.lead_x, baseline,
                  height);
    else if (b.lead)
        emit_line(page, doc, page_no, *b.lead, note_number_x(*b.lead), baseline, height);
    emit_line(page, doc, page_no, b.line, bx, baseline, height);
    for (const auto& c : b.cells)
        emit_line(page, doc, page_no, c.line, bx + c.x, line_top - c.baseline, c.height);
    if (b.picture) {
        Picture pic = *b.picture;
        pic.x += left;
        pic.y = line_top - pic.y - pic.height;
        page.pictures.push_back(std::move(pic));
    }
    for (const Rule& r : b.rules)
        page.rules.push_back({left + b.x + r.x, line_top - r.y, r.width, r.height});
    if (!b.dest.empty() && !dest_seen_.count(b.dest)) {
        dest_seen_.insert(b.dest);
        doc.destinations.push_back({b.dest, page_no, left, line_top + 2});
        if (b.note >= 0) note_dest_of_[b.note] = b.dest;
    }
}

double PageComposer::note_number_x(const SetLine& number) const {
    return rtl_ ? left_ + measure_ - style_.note_number_width + 0.25 * style_.note.size
                : left_ + notes_.number_offset(number);
}

void PageComposer::place_notes(Page& page, PagedDocument& doc, int page_no, const PageLayout& pl) {
    const double left = left_;
    const double rule_y = top_ - pl.notes_top - style_.note_space_before;
    page.rules.push_back({rtl_ ? left + measure_ - style_.note_rule_width : left, rule_y,
                          style_.note_rule_width, style_.note_rule_thickness});
    // The number column: at the left, or at the right in a right-to-left article.
    const double text_x = rtl_ ? left : left + style_.note_number_width;
    for (const auto& nl : pl.note_lines) {
        const NoteLines& nls = notes_.lines(nl.note);
        const double line_top = top_ - nl.top;
        const double baseline = line_top - style_.note.leading * kBaseline;
        if (nl.label) {
            const ContinuedLabel& cl = notes_.continued_label_line(nl.note);
            place_runs(page, cl.number, note_number_x(cl.number), baseline);
            place_runs(page, cl.label,
                       rtl_ ? left + measure_ - style_.note_number_width - cl.label.width : text_x,
                       baseline);
            continue;
        }
        if (nl.line == 0) {
            emit_line(page, doc, page_no, nls.number, note_number_x(nls.number), baseline,
                      style_.note.leading);
            const std::string d = notes_.dest(nl.note);
            if (!dest_seen_.count(d)) {
                dest_seen_.insert(d);
                doc.destinations.push_back({d, page_no, left, line_top + 2});
                note_dest_of_[nl.note] = d;
            }
        }
        emit_line(page, doc, page_no, nls.lines[nl.line], text_x, baseline, style_.note.leading);
    }
}

void PageComposer::add_outline(PagedDocument& doc) const {
    doc.outline.push_back({capped(article_.title, kMaxMetaBytes), 0, "title"});
    for (const auto& h : flow_.headings)
        if (dest_seen_.count(h.dest))
            doc.outline.push_back({capped(h.title, kMaxMetaBytes), h.level, h.dest});
    bool notes_head = false;
    for (int ni : notes_.order()) {
        auto it = note_dest_of_.find(ni);
        if (it == note_dest_of_.end()) continue;
        if (!notes_head) {
            // Endnotes have their heading; footnotes go to the first note.
            doc.outline.push_back(
                {notes_.title(), 0, dest_seen_.count("notes") ? "notes" : it->second});
            notes_head = true;
        }
        doc.outline.push_back({notes_.outline_title(ni), 1, it->second});
    }
    std::size_t n = 0;
    for (const AuthorBio& bio : article_.bios) {
        if (!bio.has_details()) continue;
        const std::string dest = bio_dest(n++);
        if (dest_seen_.count(dest))
            doc.outline.push_back(
                {bio.name.empty() ? word(labels::Label::about_author, article_.lang) : bio.name, 0,
                 dest});
    }
}

void PageComposer::emit_line(Page& page, PagedDocument& doc, int page_no, const SetLine& line,
                             double x, double baseline, double height) {
    place_runs(page, line, x, baseline);
    for (const auto& m : line.marks) {
        const double y0 = baseline - height * 0.25;
        if (m.href.starts_with(kDestLink)) {  // a cross-reference: "DEST#N"
            std::string dest = m.href.substr(kDestLink.size());
            int k = 0;
            const auto hash = dest.rfind('#');
            const char* end = dest.data() + dest.size();
            if (hash != std::string::npos &&
                std::from_chars(dest.data() + hash + 1, end, k).ptr == end &&
                hash + 1 < dest.size()) {
                setter_.reference_folio.emplace(k, folio_at(first_folio_, page_no));
                dest.resize(hash);
            }
            page.links.push_back({x + m.x0, y0, m.x1 - m.x0, height, std::move(dest), {}, m.elem});
            continue;
        }
        if (!m.href.empty()) {
            page.links.push_back({x + m.x0, y0, m.x1 - m.x0, height, {}, m.href, m.elem});
            continue;
        }
        // A mark links to its note (and is the destination of the note's way back); a
        // note's number links back to its mark.
        const std::string mark = "fnref" + std::to_string(m.note);
        if (!m.target && dest_seen_.insert(mark).second)
            doc.destinations.push_back({mark, page_no, x + m.x0, baseline + height});
        page.links.push_back({x + m.x0 - 1,
                              y0,
                              m.x1 - m.x0 + 2,
                              height,
                              m.target ? mark : "fn" + std::to_string(m.note),
                              {},
                              m.elem});
    }
}

SetLine PageComposer::fitted_line(std::string s, const FontRole& role, bool italic) {
    // No line of the measure holds this many bytes; cutting first keeps a huge title cheap.
    constexpr std::size_t kMaxBytes = 1024;
    bool cut = false;
    if (s.size() > kMaxBytes) {
        s.resize(utf8::floor_boundary(s, kMaxBytes));
        cut = true;
    }
    if (!cut) {
        SetLine whole = setter_.one_line(s, role, italic);
        if (whole.width <= measure_) return whole;
    }
    auto with_ellipsis = [&](std::size_t end) {
        std::string t = s.substr(0, end);
        while (!t.empty() && t.back() == ' ') t.pop_back();
        return setter_.one_line(t + "\u2026", role, italic);
    };
    // The largest cut in `cuts` (ascending) that fits, by bisection; nullopt if none does.
    auto best = [&](const std::vector<std::size_t>& cuts) -> std::optional<SetLine> {
        std::optional<SetLine> found;
        std::size_t lo = 0, hi = cuts.size();
        while (lo < hi) {
            const std::size_t mid = lo + (hi - lo) / 2;
            SetLine l = with_ellipsis(cuts[mid]);
            if (l.width <= measure_) {
                found = std::move(l);
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return found;
    };
    std::vector<std::size_t> words, chars;
    for (const auto& bp : text::line_breaks(s, article_.lang))
        if (bp.offset > 0 && bp.offset < s.size()) words.push_back(bp.offset);
    if (auto l = best(words)) return std::move(*l);
    for (std::size_t i = 1; i < s.size(); ++i)
        if (utf8::floor_boundary(s, i) == i) chars.push_back(i);
    if (auto l = best(chars)) return std::move(*l);
    return with_ellipsis(0);
}

void PageComposer::centred(Page& page, const SetLine& l, double baseline) {
    place_runs(page, l, style_.margin_inner + (measure_ - l.width) / 2, baseline);
}

void PageComposer::running_head(Page& page) {
    if (!head_) {
        std::string head = article_.title;
        if (!article_.authors.empty())
            head = labels::short_byline(article_.authors, article_.lang) + "  ·  " + head;
        head_ = fitted_line(std::move(head), style_.running_head, true);
    }
    centred(page, *head_, style_.page_height - style_.head_offset);
}

void PageComposer::folio(Page& page, int number) {
    centred(page, setter_.one_line(std::to_string(number), style_.running_head, false),
            style_.folio_offset);
}

}  // namespace

PagedDocument compose_pages(ArticleSetter& setter, const ArticleFlow& flow, ArticleNotes& notes,
                            int first_folio, FrontPages front) {
    return PageComposer(setter, flow, notes, first_folio, std::move(front)).compose();
}

}  // namespace quire::inline v0::layout

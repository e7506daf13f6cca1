// layout/report_front: see report_front.hpp.
#include "layout/report_front.hpp"

#include "base/image_info.hpp"
#include "layout/pages.hpp"
#include "layout/paragraph.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace quire::inline v0::layout {

namespace {

/// Sets text on the front pages: pieces at the start of the measure (the right in a
/// right-to-left article), pictures, from a point measured down from the page's top.
class FrontSetter {
public:
    explicit FrontSetter(ArticleSetter& setter)
        : s_(setter), style_(setter.style), lang_(setter.article.lang) {}

    /// A line of text (`size_scale` times the role's size and leading), tagged as `elem`.
    Setting text(const std::string& str, const FontRole& role, bool bold, bool italic, int elem,
                 double size_scale = 1) {
        FontRole r = role;
        r.size *= size_scale;
        r.leading *= size_scale;
        text::ParagraphText pt;
        pt.append(str, s_.span(r, bold, italic, lang_));
        return {s_.set(std::move(pt), s_.spec_for(s_.measure, lang_, false, false), 1, elem),
                r.leading};
    }

    /// Paragraphs (their inline runs, links included), tagged as a P each under `parent`.
    Setting paragraphs(const std::vector<Paragraph>& ps, const FontRole& role, int parent) {
        Setting out{{}, role.leading};
        for (const Paragraph& p : ps) {
            const std::string lang = p.lang.empty() ? lang_ : p.lang;
            auto lines = s_.set(s_.paragraph_text(p, role, lang),
                                s_.spec_for(s_.measure, lang, false, false), p.line,
                                s_.block("P", parent, lang));
            for (auto& l : lines) out.lines.push_back(std::move(l));
        }
        return out;
    }

    /// Places a piece with its first line box's top `top` below the page's top edge; returns
    /// the distance below it. Links in the lines become the page's link annotations.
    double place(Page& page, const Setting& piece, double top) const {
        for (const SetLine& l : piece.lines) {
            const double baseline = style_.page_height - top - piece.leading * kBaseline;
            const double x =
                s_.rtl ? style_.margin_inner + s_.measure - l.width : style_.margin_inner;
            place_runs(page, l, x, baseline);
            for (const Mark& m : l.marks)
                if (!m.href.empty())
                    page.links.push_back({x + m.x0,
                                          baseline - piece.leading * 0.25,
                                          m.x1 - m.x0,
                                          piece.leading,
                                          {},
                                          m.href,
                                          m.elem});
            top += piece.leading;
        }
        return top;
    }

    /// An image of at most `max_w` by `max_h` points, its top `top` below the page's top,
    /// at the start of the measure; returns its height (0 when it cannot be read: a warning).
    double picture(Page& page, const Image& im, const std::string& alt, int parent, double top,
                   double max_w, double max_h) {
        if (!im.data && im.path.empty()) return 0;
        const auto info = probe_image(im.path, im.data.get());
        if (!info || info->width <= 0 || info->height <= 0) {
            s_.warn(s_.article.publication.line,
                    "the image " + (im.data ? im.src : im.path) +
                        " cannot be read as PNG or JPEG; it is left out of the cover");
            return 0;
        }
        const double scale = std::min(max_w / info->width, max_h / info->height);
        const double w = info->width * scale, h = info->height * scale;
        const double x = s_.rtl ? style_.margin_inner + s_.measure - w : style_.margin_inner;
        const std::string text = im.alt.empty() && !im.decorative ? alt : im.alt;
        page.pictures.push_back({x, style_.page_height - top - h, w, h, im.path, text,
                                 s_.figure(text, im.decorative, parent, lang_), im.data});
        return h;
    }

    /// An image filling the box (x, y, w, h; bottom-left corner, page coordinates): scaled
    /// to cover it and cropped to it, centred; false (nothing drawn) when it cannot be read.
    bool fill(Page& page, const Image& im, const std::string& alt, int parent, double x, double y,
              double w, double h) {
        if (!im.data && im.path.empty()) return false;
        const auto info = probe_image(im.path, im.data.get());
        if (!info || info->width <= 0 || info->height <= 0) {
            s_.warn(s_.article.publication.line,
                    "the image " + (im.data ? im.src : im.path) +
                        " cannot be read as PNG or JPEG; it is left out of the cover");
            return false;
        }
        const double scale = std::max(w / info->width, h / info->height);
        const double iw = info->width * scale, ih = info->height * scale;
        const std::string text = im.alt.empty() && !im.decorative ? alt : im.alt;
        Picture pic{x + (w - iw) / 2,
                    y + (h - ih) / 2,
                    iw,
                    ih,
                    im.path,
                    text,
                    s_.figure(text, im.decorative, parent, lang_),
                    im.data};
        pic.clip_x = x;
        pic.clip_y = y;
        pic.clip_width = w;
        pic.clip_height = h;
        page.pictures.push_back(std::move(pic));
        return true;
    }

    /// The DOI as a live link (https://doi.org/…), in the meta role, a P under `parent`.
    Setting doi_link(const std::string& doi, int parent) {
        Paragraph p;
        Text t;
        t.text = "https://doi.org/" + doi;
        t.href = t.text;
        p.content.push_back(std::move(t));
        return paragraphs({p}, style_.meta, parent);
    }

    Page blank() const {
        Page p;
        p.width = style_.page_width;
        p.height = style_.page_height;
        return p;
    }

    ArticleSetter& s_;
    const Style& style_;
    const std::string& lang_;
};

/// "Policy Brief 12": the series and its number.
std::string series_line(const Publication& pub) {
    std::string series = pub.series;
    if (!pub.number.empty()) series += (series.empty() ? "" : " ") + pub.number;
    return series;
}

/// The band of the accent colour across the page from `y` down to the bottom edge, through the
/// bleed on three sides (an artifact).
Rule accent_band(const Style& style, double y_top, double y_bottom) {
    const double bleed = std::max(style.bleed, style.print_bleed);
    Rule r;
    r.x = -bleed;
    r.y = y_bottom;
    r.width = style.page_width + 2 * bleed;
    r.height = y_top - y_bottom;
    r.color = (std::uint32_t{style.accent_color.r} << 16) |
              (std::uint32_t{style.accent_color.g} << 8) | style.accent_color.b;
    r.own_color = true;
    return r;
}

Page cover_page(FrontSetter& f, FrontPages& front) {
    ArticleSetter& s = f.s_;
    const Style& style = f.style_;
    const Article& a = s.article;
    const Publication& pub = a.publication;
    Page page = f.blank();
    const int sect = s.block("Sect", s.root);
    front.destinations.push_back({"cover", 0, style.margin_inner, style.page_height});

    // The cover image across the top of the page to the bleed, cropped to fill it, else the
    // band of the accent colour there (an artifact).
    double top = style.margin_top;
    const double band = style.page_height * 0.32;
    const double bleed = std::max(style.bleed, style.print_bleed);
    if (pub.cover && f.fill(page, *pub.cover, a.title, sect, -bleed, style.page_height - band,
                            style.page_width + 2 * bleed, band + bleed)) {
        top = band + 30;
    } else {
        page.rules.push_back(
            accent_band(style, style.page_height + std::max(style.bleed, style.print_bleed),
                        style.page_height - band));
        top = band + 30;
    }
    const std::string series = series_line(pub);
    if (!series.empty())
        top = f.place(page, f.text(series, style.meta, true, false, s.block("P", sect), 1.3), top) +
              10;
    top = f.place(page, f.text(a.title, style.title, true, false, s.block("P", sect), 1.3), top);
    if (!a.subtitle.empty())
        top =
            f.place(page, f.text(a.subtitle, style.byline, false, false, s.block("P", sect), 1.25),
                    top + 6);
    top += 28;
    // The authors, each with their affiliation (from the bios, by name).
    for (const std::string& name : a.authors) {
        top = f.place(page, f.text(name, style.byline, false, true, s.block("P", sect)), top);
        for (const AuthorBio& b : a.bios)
            if (b.name == name && !b.affiliation.empty())
                top = f.place(
                    page, f.text(b.affiliation, style.meta, false, false, s.block("P", sect)), top);
        top += 6;
    }
    // At the foot: the logo, then the organisation and the date.
    double bottom = style.page_height - style.margin_bottom;
    std::vector<Setting> foot;
    const std::string date = labels::long_date(a.date, a.lang);
    if (!date.empty()) foot.push_back(f.text(date, style.meta, false, false, -1));
    if (!pub.organisation.empty())
        foot.insert(foot.begin(), f.text(pub.organisation, style.meta, true, false, -1, 1.2));
    double foot_h = 0;
    for (const Setting& p : foot) foot_h += p.height();
    double y = bottom - foot_h;
    if (pub.logo) {
        constexpr double kLogo = 40;
        const double logo_top = y - kLogo - 8;
        if (logo_top > top) {
            const double h =
                f.picture(page, *pub.logo, pub.organisation, sect, logo_top, s.measure / 3, kLogo);
            if (h > 0 && h < kLogo) {  // a wide logo: moved down onto the text
                Picture& pic = page.pictures.back();
                pic.y = style.page_height - y + 8;
            }
        }
    }
    // The foot's lines are tagged after the logo (reading order: logo, organisation, date).
    foot.clear();
    if (!pub.organisation.empty())
        foot.push_back(f.text(pub.organisation, style.meta, true, false, s.block("P", sect), 1.2));
    if (!date.empty()) foot.push_back(f.text(date, style.meta, false, false, s.block("P", sect)));
    for (const Setting& p : foot) y = f.place(page, p, y);
    return page;
}

Page imprint_page(FrontSetter& f) {
    ArticleSetter& s = f.s_;
    const Style& style = f.style_;
    const Article& a = s.article;
    const Publication& pub = a.publication;
    Page page = f.blank();
    const int sect = s.block("Sect", s.root);
    std::vector<Setting> pieces;
    std::vector<double> gaps;
    auto line = [&](const std::string& str, bool bold, double gap) {
        pieces.push_back(f.text(str, style.meta, bold, false, s.block("P", sect)));
        gaps.push_back(gap);
    };
    // The rights line: © year organisation (or the authors); then the licence.
    if (const std::string rights = labels::rights_line(pub.organisation, a.authors, a.date, a.lang);
        !rights.empty())
        line(rights, false, 0);
    if (!pub.licence.empty()) line(pub.licence, false, 0);
    if (!pub.isbn.empty()) line("ISBN " + pub.isbn, false, 8);
    if (!pub.issn.empty()) line("ISSN " + pub.issn, false, pub.isbn.empty() ? 8 : 0);
    if (!pub.doi.empty()) {
        pieces.push_back(f.doi_link(pub.doi, sect));
        gaps.push_back(pub.isbn.empty() && pub.issn.empty() ? 8 : 0);
    }
    line(word(labels::Label::cite_as, a.lang), true, 8);
    Paragraph cite;
    cite.content.push_back(Text{citation(a), {}, false, false, false, {}, {}});
    pieces.push_back(f.paragraphs({cite}, style.meta, sect));
    gaps.push_back(0);
    if (!pub.disclaimer.empty()) {
        pieces.push_back(f.paragraphs(pub.disclaimer, style.meta, sect));
        gaps.push_back(8);
    }
    double height = 0;
    for (std::size_t i = 0; i < pieces.size(); ++i) height += pieces[i].height() + gaps[i];
    double top = std::max(style.margin_top, style.page_height - style.margin_bottom - height);
    for (std::size_t i = 0; i < pieces.size(); ++i) top = f.place(page, pieces[i], top + gaps[i]);
    return page;
}

}  // namespace

Page back_cover(ArticleSetter& s) {
    FrontSetter f(s);
    const Style& style = s.style;
    const Article& a = s.article;
    const Publication& pub = a.publication;
    Page page = f.blank();
    const int sect = s.block("Sect", s.root);
    // At the top: the title and the summary, as a back cover's blurb.
    double top = style.margin_top;
    top = f.place(page, f.text(a.title, style.title, true, false, s.block("P", sect)), top);
    if (!a.subtitle.empty())
        top = f.place(page, f.text(a.subtitle, style.byline, false, false, s.block("P", sect)),
                      top + 4);
    // The summary's paragraphs, half a line apart.
    top += 14;
    for (const Paragraph& p : pub.summary)
        top = f.place(page, f.paragraphs({p}, style.body, sect), top) + style.body.leading / 2;
    // At the foot, above a band of the accent colour to the bleed: the logo, the organisation,
    // the series and number, the ISBN and the DOI (a live link).
    const double band = style.page_height * 0.12;
    page.rules.push_back(accent_band(style, band, -std::max(style.bleed, style.print_bleed)));
    std::vector<Setting> foot;
    if (!pub.organisation.empty())
        foot.push_back(f.text(pub.organisation, style.meta, true, false, s.block("P", sect), 1.2));
    const std::string series = series_line(pub);
    if (!series.empty())
        foot.push_back(f.text(series, style.meta, false, false, s.block("P", sect)));
    if (!pub.isbn.empty())
        foot.push_back(f.text("ISBN " + pub.isbn, style.meta, false, false, s.block("P", sect)));
    if (!pub.doi.empty()) {
        foot.push_back(f.doi_link(pub.doi, sect));
    }
    double foot_h = 0;
    for (const Setting& p : foot) foot_h += p.height();
    double y = style.page_height - band - 24 - foot_h;
    if (pub.logo) {
        constexpr double kLogo = 40;
        // The logo goes first in the reading order: it is set before the lines below it.
        f.picture(page, *pub.logo, pub.organisation, sect, y - kLogo - 8, s.measure / 3, kLogo);
    }
    for (const Setting& p : foot) y = f.place(page, p, y);
    return page;
}

bool has_front_pages(const Article& article, const Style& style) {
    const Publication& p = article.publication;
    return style.front_pages && (!p.series.empty() || !p.organisation.empty() || p.logo ||
                                 p.cover || !p.isbn.empty() || !p.issn.empty() || !p.doi.empty());
}

FrontPages set_front_pages(ArticleSetter& setter) {
    FrontPages front;
    if (!has_front_pages(setter.article, setter.style)) return front;
    FrontSetter f(setter);
    front.pages.push_back(cover_page(f, front));
    front.pages.push_back(imprint_page(f));
    // Two places: the contents' heading, then its TOC.
    front.contents_order = setter.structure.next_order;
    setter.structure.next_order += 2;
    return front;
}

namespace {

constexpr double kNumberColumn = 36;  ///< the contents' page-number column
constexpr double kLeaderPitch = 6;    ///< distance between the dots of a leader
constexpr double kEntryGap = 5;       ///< between two entries
constexpr double kIndent = 14;        ///< a level-2 entry's indent

/// An entry's lines (its width leaves room for the number and a leader), tagged as `elem`.
std::vector<SetLine> entry_lines(ArticleSetter& s, const FlowHeading& h, int elem) {
    const double indent = h.level >= 2 ? kIndent : 0;
    text::ParagraphText pt;
    pt.append(h.title, s.span(s.style.body, h.level <= 1, false, s.article.lang));
    return s.set(std::move(pt),
                 s.spec_for(s.measure - indent - kNumberColumn - 4 * kLeaderPitch, s.article.lang,
                            false, false),
                 1, elem);
}

}  // namespace

std::vector<std::vector<std::size_t>> plan_contents(ArticleSetter& setter,
                                                    const std::vector<FlowHeading>& headings,
                                                    const FrontPages& front,
                                                    std::size_t article_pages) {
    const Style& style = setter.style;
    std::vector<std::vector<std::size_t>> pages;
    const bool asked = setter.article.publication.contents;
    const bool long_enough =
        style.contents_pages > 0 && article_pages >= static_cast<std::size_t>(style.contents_pages);
    if (front.pages.empty() || (!asked && !long_enough)) return pages;
    const double body = style.page_height - style.margin_top - style.margin_bottom;
    double y = style.title.leading * 1.3 + style.title_space_after;  // below the heading
    for (std::size_t i = 0; i < headings.size(); ++i) {
        if (headings[i].level > 2) continue;
        const double h =
            style.body.leading * static_cast<double>(entry_lines(setter, headings[i], -1).size()) +
            kEntryGap;
        if (pages.empty() || y + h > body) {
            if (!pages.empty()) y = 0;
            pages.emplace_back();
        }
        pages.back().push_back(i);
        y += h;
    }
    return pages;
}

void set_contents(ArticleSetter& s, const std::vector<FlowHeading>& headings,
                  const std::vector<std::vector<std::size_t>>& plan,
                  const std::map<std::string, int>& folio_of, std::uint64_t contents_order,
                  std::vector<Page*> pages, std::vector<Destination>& dests, int first_page) {
    const Style& style = s.style;
    const std::string& lang = s.article.lang;
    const double left = style.margin_inner, right = left + s.measure;
    FrontSetter f(s);
    // The heading, "Contents" in the article's language, then the TOC of the entries.
    // H1: it comes before the title block, and a document's first heading is an H1 (PDF/UA).
    const int head = s.structure.add("H1", s.root, {}, static_cast<std::int64_t>(contents_order));
    const int toc =
        s.structure.add("TOC", s.root, {}, static_cast<std::int64_t>(contents_order + 1));
    const Setting title =
        f.text(word(labels::Label::contents, lang), style.title, true, false, head);
    text::ParagraphText dot_text;
    dot_text.append(".", s.span(style.body, false, false, lang));
    const std::vector<SetLine> dot =
        s.set(std::move(dot_text), s.spec_for(s.measure, lang, false, false), 1);
    for (std::size_t pi = 0; pi < plan.size(); ++pi) {
        Page& page = *pages[pi];
        double top = style.margin_top;
        if (pi == 0) {
            top = f.place(page, title, top) + style.title_space_after;
            dests.push_back({"contents", first_page, left, style.page_height - style.margin_top});
        }
        for (std::size_t i : plan[pi]) {
            const FlowHeading& h = headings[i];
            const int link = s.block("Link", s.block("TOCI", toc));
            s.elem_at(link).contents = h.title;
            std::vector<SetLine> lines = entry_lines(s, h, link);
            const double indent = h.level >= 2 ? kIndent : 0;
            const double entry_top = top;
            double last_end = 0, baseline = 0;
            for (const SetLine& l : lines) {
                baseline = style.page_height - top - style.body.leading * kBaseline;
                const double x = s.rtl ? right - indent - l.width : left + indent;
                place_runs(page, l, x, baseline);
                last_end = s.rtl ? x : x + l.width;
                top += style.body.leading;
            }
            // The page number at the end of the last line, dot leaders up to it (artifacts).
            const auto folio = folio_of.find(h.dest);
            if (folio != folio_of.end() && !lines.empty()) {
                text::ParagraphText num;
                num.append(std::to_string(folio->second), s.span(style.body, false, false, lang));
                std::vector<SetLine> nl =
                    s.set(std::move(num), s.spec_for(s.measure, lang, false, false), 1, link,
                          std::uint64_t{1} << 32);
                for (auto& l : nl)
                    for (auto& r : l.runs) r.space_before = true;
                if (!nl.empty()) {
                    const double nx = s.rtl ? left : right - nl.front().width;
                    place_runs(page, nl.front(), nx, baseline);
                    if (!dot.empty()) {
                        const double dw = dot.front().width;
                        const double from = s.rtl ? nx + nl.front().width + 6 : last_end + 6;
                        const double to = s.rtl ? last_end - 6 - dw : nx - 6 - dw;
                        place_leaders(page, dot.front(), left, from, to, baseline, kLeaderPitch);
                    }
                }
            }
            page.links.push_back(
                {left, style.page_height - top, s.measure, top - entry_top, h.dest, {}, link});
            top += kEntryGap;
        }
    }
}

void collect_summary(ArticleSetter& setter, ArticleFlow& flow) {
    const Article& a = setter.article;
    const Style& style = setter.style;
    if (!style.summary_box || a.publication.summary.empty()) return;
    const int sect = setter.block("Sect", setter.root);
    const std::string title = a.publication.summary_title.empty()
                                  ? word(labels::Label::summary, a.lang)
                                  : a.publication.summary_title;
    text::ParagraphText head;
    head.append(title, setter.span(style.body, true, false, a.lang));
    const std::size_t first = flow.add_lines(
        setter.set(std::move(head), setter.spec_for(setter.measure, a.lang, false, false), 1,
                   setter.block("H2", sect)),
        style.body, style.title_space_after, true);
    if (flow.size() > first)
        flow.blocks[first].rules.push_back(
            {0, -style.title_space_after / 2, setter.measure, style.note_rule_thickness, 0, false});
    keep_with_following(flow.items, flow.size() - 1, style.heading_keep_lines);
    ParagraphSpec spec = setter.spec_for(setter.measure, a.lang, style.justify, true);
    for (const Paragraph& p : a.publication.summary) {
        const std::string lang = p.lang.empty() ? a.lang : p.lang;
        spec.lang = lang;
        flow.add_lines(setter.set(setter.paragraph_text(p, style.body, lang), spec, p.line,
                                  setter.block("P", sect, lang)),
                       style.body, 3, false);
    }
    // The rule under the box, below its last line.
    if (flow.size() > first)
        flow.blocks.back().rules.push_back(
            {0, style.body.leading + 6, setter.measure, style.note_rule_thickness, 0, false});
}

}  // namespace quire::inline v0::layout

// layout/article_blocks: see article_blocks.hpp.
#include "layout/article_blocks.hpp"

#include "base/image_info.hpp"
#include "layout/article_figures.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

namespace quire::inline v0::layout {

namespace {

/// The body's blocks, each with its structure element inside the containers open around it.
class BodyCollector {
public:
    BodyCollector(ArticleSetter& setter, ArticleFlow& flow, ArticleNotes& notes)
        : setter_(setter),
          flow_(flow),
          notes_(notes),
          article_(setter.article),
          style_(setter.style) {}

    void collect();

private:
    using Kind = BlockKind;

    /// The space above a block of kind `k` after one of kind `prev` (none: the title).
    double space_between(std::optional<Kind> prev, Kind k, bool new_item) const;

    /// Where body paragraph `para` goes, `before` above it (opens its containers).
    BlockPlace place_of(const Paragraph& para, double before);

    /// The element a body block goes into: the block quotes and lists around it (quotes
    /// outermost), opened and closed as the blocks' depths change. A list item's first
    /// paragraph opens an LI with an Lbl for its marker (list_label_) and an LBody; the
    /// item's other paragraphs go into that LBody, a nested list too.
    int container_for(const Paragraph& para);

    /// The structure type of a body heading: H2 below the title's H1, one level deeper for
    /// each heading of a higher source level still open, never skipping a level.
    std::string heading_type(int level);

    void add_heading(const Paragraph& para, const BlockPlace& at);
    void add_paragraph(const Paragraph& para, const BlockPlace& at, bool indent);
    void add_code(const Paragraph& para, const BlockPlace& at);

    ArticleSetter& setter_;
    ArticleFlow& flow_;
    ArticleNotes& notes_;
    const Article& article_;
    const Style& style_;
    int heading_no_ = 0;  ///< the body's headings so far (their destinations are numbered)
    /// The block quotes and lists open around the current body block (container_for).
    struct Container {
        bool list = false;
        int elem = -1;  ///< BlockQuote or L
        int body = -1;  ///< a list's current item's LBody
    };
    std::vector<Container> open_;
    int list_label_ = -1;              ///< the Lbl of the list item container_for opened
    std::vector<int> heading_levels_;  ///< source levels of the open headings (heading_type)
};

double BodyCollector::space_between(std::optional<Kind> prev, Kind k, bool new_item) const {
    if (!prev) return style_.title_space_after;
    if (k == Kind::heading) return style_.heading_space_before;
    if (prev == Kind::heading) return style_.heading_space_after;
    const bool block = k != Kind::paragraph, prev_block = prev != Kind::paragraph;
    if (k == prev && k == Kind::list_item) return new_item ? 1.5 : style_.paragraph_space;
    if (k == prev && k == Kind::quote) return style_.paragraph_space;
    if (block || prev_block) return style_.block_space;
    return style_.paragraph_space;
}

int BodyCollector::container_for(const Paragraph& para) {
    const auto quotes = static_cast<std::size_t>(std::max(para.quote, 0));
    const std::size_t want = quotes + static_cast<std::size_t>(std::max(para.list_depth, 0));
    std::size_t keep = 0;
    while (keep < open_.size() && keep < want && open_[keep].list == (keep >= quotes)) ++keep;
    // A new item of the innermost list closes the lists nested in the item before.
    open_.resize(keep);
    while (open_.size() < want) {
        const bool list = open_.size() >= quotes;
        const int parent = open_.empty()            ? setter_.root
                           : open_.back().body >= 0 ? open_.back().body
                                                    : open_.back().elem;
        open_.push_back({list, setter_.block(list ? "L" : "BlockQuote", parent)});
    }
    list_label_ = -1;
    if (open_.empty()) return setter_.root;
    Container& c = open_.back();
    if (!c.list) return c.elem;
    if (!para.list_marker.empty() || c.body < 0) {
        const int li = setter_.block("LI", c.elem);
        if (!para.list_marker.empty()) list_label_ = setter_.block("Lbl", li);
        c.body = setter_.block("LBody", li);
    }
    return c.body;
}

std::string BodyCollector::heading_type(int level) {
    while (!heading_levels_.empty() && heading_levels_.back() >= level) heading_levels_.pop_back();
    heading_levels_.push_back(level);
    return "H" + std::to_string(std::min<std::size_t>(heading_levels_.size() + 1, 6));
}

BlockPlace BodyCollector::place_of(const Paragraph& para, double before) {
    const double measure = setter_.measure;
    BlockPlace at;
    at.lang = para.lang.empty() ? article_.lang : para.lang;
    at.before = before;
    double left = style_.quote_indent * para.quote + style_.list_indent * para.list_depth;
    double right = style_.quote_indent * para.quote;
    // However deep the nesting, the indents take at most half the measure: text never
    // leaves the page.
    if (left + right > measure / 2) {
        const double k = measure / 2 / (left + right);
        left *= k;
        right *= k;
    }
    at.left = left;
    at.width = measure - left - right;
    at.parent = container_for(para);
    return at;
}

void BodyCollector::collect() {
    const std::size_t title_end = flow_.size();
    std::optional<Kind> prev;  // none: the title
    // A heading's last line, to keep with what follows (kNone: none; an optional draws GCC 12's
    // bogus -Wmaybe-uninitialized).
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::size_t heading_last = kNone;
    bool indent_next = false;  // the first paragraph, and one after a heading, has none
    // Whether the block before was a floating figure (or short table), and the kind of block
    // before that one (the block after the figure follows it when the figure floats away).
    bool after_float = false;
    std::optional<Kind> before_figure;
    for (const auto& para : article_.body) {
        const Kind k = para.kind();
        const BlockPlace at = place_of(para, space_between(prev, k, !para.list_marker.empty()));
        const std::size_t start = flow_.size();
        const std::optional<Kind> before = prev;
        if (k == Kind::heading) {
            add_heading(para, at);
            indent_next = false;
        } else if (k == Kind::code) {
            add_code(para, at);
        } else if (k == Kind::figure) {
            add_figure(setter_, flow_, para, at);
        } else if (k == Kind::table) {
            add_table(setter_, flow_, para, at);
        } else {
            add_paragraph(para, at, k == Kind::paragraph && indent_next);
            indent_next = k == Kind::paragraph;
        }
        // Attach each note to the line of its first reference.
        notes_.attach_references(flow_, start, at.parent);
        // A heading stays with the first lines of what follows it (another heading included),
        // bound now that they are in the flow.
        if (heading_last != kNone && flow_.size() > start) {
            keep_with_following(flow_.items, heading_last, style_.heading_keep_lines);
            heading_last = kNone;
        }
        if (k == Kind::heading && flow_.size() > start) heading_last = flow_.size() - 1;
        const bool floating = k == Kind::figure || k == Kind::table;
        if (after_float && flow_.size() > start && !floating)
            flow_.items[start].space_if_floated =
                space_between(before_figure, k, !para.list_marker.empty());
        if (floating) {
            after_float = flow_.size() > start && flow_.items[start].floats;
            before_figure = before;
        } else if (flow_.size() > start) {
            after_float = false;
        }
        prev = k;
    }
    // The title block is a heading: it stays with the first lines of the text.
    if (title_end > 0) keep_with_following(flow_.items, title_end - 1, style_.heading_keep_lines);
    flow_.body_end = flow_.size();
    notes_.attach_unreferenced(flow_);
}

void BodyCollector::add_heading(const Paragraph& para, const BlockPlace& at) {
    const FontRole& hr = para.heading == 1   ? style_.heading1
                         : para.heading == 2 ? style_.heading2
                                             : style_.heading3;
    // A numbered heading: "2.1" and an en space before its text.
    const std::size_t index = static_cast<std::size_t>(&para - article_.body.data());
    const std::string& number = setter_.numbering.number[index];
    Paragraph numbered;
    const Paragraph* source = &para;
    if (!number.empty()) {
        numbered = para;
        numbered.content.insert(numbered.content.begin(),
                                Text{number + "\u2002", {}, false, false, false, {}, {}});
        source = &numbered;
    }
    text::ParagraphText pt = setter_.paragraph_text(*source, hr, at.lang);
    for (auto& st : pt.styles) st.face.bold = true;
    const std::size_t first = flow_.add_lines(
        setter_.set(std::move(pt), setter_.spec_for(at.width, at.lang, false, false), para.line,
                    setter_.block(heading_type(para.heading).c_str(), at.parent, at.lang)),
        hr, at.before, true, at.left);
    if (first < flow_.size()) {
        Block& b = flow_.blocks[first];
        b.dest = "h-" + std::to_string(++heading_no_);
        flow_.headings.push_back({source->plain_text(), para.heading, b.dest});
        // Kept with what follows it once that is collected (collect).
    }
}

/// A paragraph of text (in a block quote, a list item), with the first-line indent when
/// `indent`; a list item's first paragraph has its marker before it.
void BodyCollector::add_paragraph(const Paragraph& para, const BlockPlace& at, bool indent) {
    const FontRole& role = para.quote > 0 ? style_.quote : style_.body;
    ParagraphSpec spec = setter_.spec_for(at.width, at.lang, style_.justify, true);
    spec.first_indent = indent ? style_.paragraph_indent : 0;
    const std::size_t first =
        flow_.add_lines(setter_.set(setter_.paragraph_text(para, role, at.lang), spec, para.line,
                                    setter_.block("P", at.parent, at.lang)),
                        role, at.before, false, at.left);
    for (std::size_t i = first; i < flow_.size(); ++i) flow_.blocks[i].width = at.width;
    if (!para.list_marker.empty() && first < flow_.size()) {
        Block& b = flow_.blocks[first];
        b.lead = setter_.one_line(para.list_marker, role, false, list_label_);
        b.lead_x = at.left - b.lead->width - 0.4 * role.size;
    }
}

/// A code block: each line as written (ragged, in the code font, its indent kept), a long
/// line wrapped; a block of up to 12 lines is kept on one page.
void BodyCollector::add_code(const Paragraph& para, const BlockPlace& at) {
    const std::string code = para.plain_text();
    // A paragraph of code (Code is an inline type): its lines are in no language ("und").
    const int elem = setter_.block("Code", setter_.block("P", at.parent), "und");
    std::uint64_t base = 0;
    std::vector<SetLine> lines;
    std::size_t pos = 0;
    while (pos <= code.size()) {
        std::size_t nl = code.find('\n', pos);
        if (nl == std::string::npos) nl = code.size();
        std::string line;
        std::size_t i = pos;
        // Leading spaces (and tabs, as 4) become no-break spaces: breaking never eats them.
        for (; i < nl && (code[i] == ' ' || code[i] == '\t'); ++i)
            for (int n = code[i] == '\t' ? 4 : 1; n > 0; --n) line += "\u00A0";
        line.append(code, i, nl - i);
        text::ParagraphText pt;
        pt.append(line, setter_.span(style_.code, false, false, "und"));
        pt.base_level = 0;
        ParagraphSpec spec = setter_.spec_for(at.width, "en", false, false);
        spec.rtl_flush_right = false;
        const std::size_t bytes = pt.text.size();
        auto set_lines = line.empty() ? std::vector<SetLine>{}
                                      : setter_.set(std::move(pt), spec, para.line, elem, base);
        base += bytes + 1;
        if (set_lines.empty()) set_lines.emplace_back();
        for (auto& l : set_lines) lines.push_back(std::move(l));
        pos = nl + 1;
    }
    const bool keep = lines.size() <= 12;
    const std::size_t first =
        flow_.add_lines(std::move(lines), style_.code, at.before, keep, at.left);
    for (std::size_t i = first; i < flow_.size(); ++i) flow_.blocks[i].width = at.width;
}

}  // namespace

void collect_title(ArticleSetter& setter, ArticleFlow& flow) {
    const Article& article = setter.article;
    const Style& style = setter.style;
    const ParagraphSpec spec = setter.spec_for(setter.measure, article.lang, false, false);
    text::ParagraphText title;
    title.append(article.title, setter.span(style.title, true, false, article.lang));
    const std::size_t first = flow.size();
    flow.add_lines(setter.set(std::move(title), spec, 1, setter.block("H1", setter.root)),
                   style.title, 0, true);
    if (flow.size() > first) flow.blocks[first].dest = "title";
    if (!article.subtitle.empty()) {
        // The subtitle: the title's font at the byline's size and a little more, not bold.
        FontRole sub = style.byline;
        sub.size *= 1.2;
        sub.leading *= 1.2;
        text::ParagraphText st;
        st.append(article.subtitle, setter.span(sub, false, false, article.lang));
        flow.add_lines(setter.set(std::move(st), spec, 1, setter.block("P", setter.root)), sub, 3,
                       true);
    }
    if (!article.authors.empty()) {
        text::ParagraphText by;
        by.append(labels::join_names(article.authors, article.lang),
                  setter.span(style.byline, false, true, article.lang));
        flow.add_lines(
            setter.set(std::move(by), spec, article.bios.empty() ? 1 : article.bios.front().line,
                       setter.block("P", setter.root)),
            style.byline, 6, true);
    }
    if (!article.translations.empty()) {
        text::ParagraphText tr;
        tr.append(word(labels::Label::also_available, article.lang) + " ",
                  setter.span(style.meta, false, false, article.lang));
        for (std::size_t i = 0; i < article.translations.size(); ++i) {
            const auto& t = article.translations[i];
            if (i > 0) tr.append(" · ", setter.span(style.meta, false, false, article.lang));
            tr.append(t.label, setter.span(style.meta, false, true, t.lang));
        }
        flow.add_lines(setter.set(std::move(tr), spec, 1, setter.block("P", setter.root)),
                       style.meta, 4, true);
    }
    // One block; collect_body keeps it with the lines that follow.
    flow.bind_all_from(first);
}

void collect_body(ArticleSetter& setter, ArticleFlow& flow, ArticleNotes& notes) {
    BodyCollector(setter, flow, notes).collect();
}

namespace {

/// The line under an author's name: affiliation, e-mail (a mailto: link) and ORCID iD (a link
/// to orcid.org), separated by middle dots; empty when there is none of them.
Paragraph contact_line(const AuthorBio& bio) {
    Paragraph p;
    p.line = bio.line;
    auto add = [&](std::string text, std::string href) {
        if (!p.content.empty())
            p.content.push_back(Text{" \u00B7 ", {}, false, false, false, {}, {}});
        p.content.push_back(Text{std::move(text), {}, false, false, false, std::move(href), {}});
    };
    if (!bio.affiliation.empty()) add(bio.affiliation, {});
    if (!bio.email.empty()) add(bio.email, "mailto:" + bio.email);
    if (!bio.orcid.empty()) add("ORCID " + bio.orcid, "https://orcid.org/" + bio.orcid);
    return p;
}

/// One author's block: a section in the bio's language, the name as its heading (with a short
/// rule above it) and `dest` as its destination, the contact line, the photo, the paragraphs.
void collect_one_bio(ArticleSetter& setter, ArticleFlow& flow, const AuthorBio& bio,
                     const std::string& dest, bool first) {
    const Style& style = setter.style;
    const double measure = setter.measure;
    ParagraphSpec spec = setter.spec_for(measure, bio.lang, style.justify, true);
    const std::size_t bio_start = flow.size();
    const int sect = setter.block("Sect", setter.root, bio.lang);
    // The second and later authors follow at half the distance, without a rule.
    const double space_before = first ? style.bio_space_before : style.bio_space_before / 2;
    std::optional<std::size_t> name_last;
    if (!bio.name.empty()) {
        text::ParagraphText name;
        name.append(bio.name, setter.span(style.bio, true, false, bio.lang));
        flow.add_lines(setter.set(std::move(name), setter.spec_for(measure, bio.lang, false, false),
                                  bio.line, setter.block("H2", sect)),
                       style.bio, space_before, true);
        Block& b = flow.blocks[bio_start];
        if (first)
            b.rules.push_back({setter.rtl ? measure - style.bio_rule_width : 0,
                               -style.bio_space_before / 2, style.bio_rule_width, 0.4});
        b.dest = dest;
        name_last = flow.size() - 1;
    }
    if (const Paragraph contact = contact_line(bio); !contact.content.empty()) {
        text::ParagraphText pt = setter.paragraph_text(contact, style.meta, bio.lang);
        const std::size_t start = flow.add_lines(
            setter.set(std::move(pt), setter.spec_for(measure, bio.lang, false, false), bio.line,
                       setter.block("P", sect, bio.lang)),
            style.meta, 1, true);
        if (flow.size() > start && start == bio_start) flow.blocks[start].dest = dest;
        if (flow.size() > start) name_last = flow.size() - 1;
    }
    // The author's photograph, if given: 60 pt high, at the start of the line.
    if (bio.photo && (bio.photo->data || !bio.photo->path.empty())) {
        const auto info = probe_image(bio.photo->path, bio.photo->data.get());
        if (info && info->height > 0) {
            const double h = 60;
            const double w = std::min(measure / 3, h * info->width / info->height);
            FlowItem it;
            it.height = h + 6;
            it.space_before = name_last ? 0 : space_before;
            it.keep_with_next = true;
            Block b;
            b.absolute = true;
            b.x = setter.rtl ? measure - w : 0;
            // A photo without a text alternative is the author's: it says so by name.
            const std::string alt =
                bio.photo->alt.empty() && !bio.photo->decorative ? bio.name : bio.photo->alt;
            b.picture = Picture{b.x,
                                4,
                                w,
                                h,
                                bio.photo->path,
                                alt,
                                setter.figure(alt, bio.photo->decorative, sect, bio.lang),
                                bio.photo->data};
            flow.push(std::move(b), std::move(it));
        } else {
            setter.warn(bio.line, "the author's photo " +
                                      (bio.photo->data ? bio.photo->src : bio.photo->path) +
                                      " cannot be read as PNG or JPEG; it is left out");
        }
    }
    for (const auto& para : bio.paragraphs) {
        text::ParagraphText pt;
        const std::string lang = para.lang.empty() ? bio.lang : para.lang;
        setter.append_text(pt, para, style.bio, lang);
        spec.lang = lang;
        const std::size_t start = flow.add_lines(
            setter.set(std::move(pt), spec, para.line, setter.block("P", sect, lang)), style.bio, 2,
            false);
        if (flow.size() > start && start == bio_start) flow.blocks[start].dest = dest;
    }
    // The name is a heading: never alone at the foot of a page.
    if (name_last) keep_with_following(flow.items, *name_last, style.heading_keep_lines);
    // A short bio is one closing block: bound together, it moves whole to the next page
    // rather than leaving a few lines behind. A longer one splits by widows and orphans.
    if (flow.size() - bio_start <= static_cast<std::size_t>(style.bio_keep_lines))
        flow.bind_all_from(bio_start);
}

}  // namespace

std::string bio_dest(std::size_t index) {
    return index == 0 ? "bio" : "bio-" + std::to_string(index + 1);
}

void collect_bio(ArticleSetter& setter, ArticleFlow& flow) {
    std::size_t n = 0;
    for (const AuthorBio& bio : setter.article.bios) {
        if (!bio.has_details()) continue;
        collect_one_bio(setter, flow, bio, bio_dest(n), n == 0);
        ++n;
    }
}

}  // namespace quire::inline v0::layout

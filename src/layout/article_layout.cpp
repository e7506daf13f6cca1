// layout/article_layout: the report layout of an article (see article_layout.hpp).
//
// Invariants: body lines keep the order of the source; a note is attached to the line holding
// its first reference, so the page builder starts it on that line's page; notes nothing refers
// to go to the foot of the last body page; every line's glyphs carry their source text. With
// endnotes, the notes leave the feet and follow the body under a heading, in the order of their
// first reference, with the same marks, links and destinations. Every paragraph is set with the
// style's line-breaking settings (ParagraphSpec), the title block without hyphenation.
#include "layout/article_layout.hpp"

#include "base/image_info.hpp"
#include "base/utf8.hpp"
#include "layout/finish.hpp"
#include "layout/pages.hpp"
#include "layout/paragraph.hpp"
#include "layout/tagging.hpp"
#include "model/labels.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

namespace quire::inline v0::layout {

namespace {

constexpr double kBaseline = 0.76;  ///< baseline position within a line box, share of leading

/// A line of the flow with what composing needs; its FlowItem (height, keeps, notes) is the
/// same index of ArticleLayout::flow_.
struct Block {
    SetLine line;
    double x = 0;  ///< left of the line relative to the text block (mirrored when RTL)
    /// The measure the line was set in; < 0: to the end of the text block. A right-to-left
    /// article mirrors the box [x, x + width].
    double width = -1;
    bool absolute = false;         ///< x is from the left of the text block in either direction
    std::optional<SetLine> lead;   ///< set at the left of the text block (an endnote's number)
    std::optional<double> lead_x;  ///< where the lead starts (a list marker); unset: note column
    std::vector<Rule> rules;       ///< relative to the line box top-left (y down)
    std::string dest;              ///< destination placed at this line
    int note = -1;                 ///< the endnote whose first line this is
    /// Further lines within the box (table cells): x from the box's left, baseline from its
    /// top (y down).
    struct Cell {
        SetLine line;
        double x = 0, baseline = 0, height = 0;
    };
    std::vector<Cell> cells;
    std::optional<Picture> picture;  ///< an image: x from the text block's left, y from top
};

std::string hex4(char32_t c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
    return buf;
}

std::string char_name(char32_t c) {
    UErrorCode st = U_ZERO_ERROR;
    char buf[256];
    int32_t n = u_charName(static_cast<UChar32>(c), U_UNICODE_CHAR_NAME, buf, sizeof buf, &st);
    return U_SUCCESS(st) && n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
}

/// Longest title kept in metadata and bookmarks (a file that is all title stays usable).
constexpr std::size_t kMaxMetaBytes = 512;

/// The text cut at a character boundary to at most `max` bytes, with an ellipsis when cut.
std::string capped(const std::string& s, std::size_t max) {
    if (s.size() <= max) return s;
    return s.substr(0, utf8::floor_boundary(s, max)) + "\u2026";
}

/// Whether a set line ends in a hyphen (a hyphenated word, or a break after an explicit
/// hyphen): its last run's text, spaces aside, ends in "-", U+2010 or a soft hyphen.
bool ends_hyphenated(const SetLine& line) {
    if (line.runs.empty()) return false;
    std::string_view t = line.runs.back().text;
    while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
    auto ends = [&](std::string_view s) {
        return t.size() >= s.size() && t.substr(t.size() - s.size()) == s;
    };
    return ends("-") || ends("\u2010") || ends("\u00AD");
}

/// A word quire prints itself, in a language (English when it has none).
std::string word(labels::Label l, const std::string& lang) {
    return std::string(labels::get(l, lang));
}

class ArticleLayout {
public:
    ArticleLayout(const Article& a, const Style& s, text::FontBook& f, Diagnostics& d,
                  int first_folio)
        : article_(a), style_(s), fonts_(f), diags_(d), first_folio_(first_folio) {
        measure_ = style_.page_width - style_.margin_inner - style_.margin_outer;
        rtl_ = labels::is_rtl_language(article_.lang);
        for (std::size_t i = 0; i < a.notes.size(); ++i)
            note_index_[a.notes[i].number] = static_cast<int>(i);
        root_ = st_.add("Document", -1, article_.lang);
    }

    PagedDocument run() {
        collect_title();
        set_notes();  // before the body: each note's element goes after its first reference
        collect_body();
        if (style_.notes == NotePlacement::endnotes) collect_endnotes();
        collect_bio();
        return compose();
    }

private:
    text::SpanStyle span(const FontRole& role, bool bold, bool italic,
                         const std::string& lang) const {
        text::SpanStyle s;
        s.chain = role.chain;
        s.face = {bold, italic};
        s.size = role.size;
        s.lang = lang.empty() ? article_.lang : lang;
        return s;
    }

    /// Appends a text run in a role's font, in its own language or else `lang`.
    void append_text(text::ParagraphText& pt, const Text& t, const FontRole& role,
                     const std::string& lang) const {
        pt.append(t.text, span(role, t.strong, t.emphasis, t.lang.empty() ? lang : t.lang));
    }

    /// Appends a paragraph's text runs (note references are not part of notes or bios).
    void append_text(text::ParagraphText& pt, const Paragraph& para, const FontRole& role,
                     const std::string& lang) const {
        for (const auto& in : para.content)
            if (const auto* t = std::get_if<Text>(&in)) append_text(pt, *t, role, lang);
    }

    text::MissingGlyph missing_reporter(int line) {
        return [this, line](char32_t c, std::uint32_t) {
            if (!reported_missing_.insert(c).second) return;
            std::string name = char_name(c);
            diags_.warning(
                {article_.source, line},
                "character " + hex4(c) + (name.empty() ? "" : " " + name) + " ('" +
                    utf8::encode(c) +
                    "') cannot be shown by any font of the fallback chain; it prints as a "
                    "blank box (install a font that covers it, or add one to fonts/fallback.conf)");
        };
    }

    /// A paragraph spec with the style's line-breaking settings.
    ParagraphSpec spec_for(double width, const std::string& lang, bool justify,
                           bool hyphenate) const {
        ParagraphSpec s;
        s.width = width;
        s.justify = justify;
        s.lang = lang;
        s.params.tolerance = style_.tolerance;
        s.params.line_penalty = style_.line_penalty;
        s.params.double_hyphen_demerits = style_.double_hyphen_demerits;
        s.params.adj_demerits = style_.adj_demerits;
        s.params.final_hyphen_demerits = style_.final_hyphen_demerits;
        s.params.emergency_stretch = style_.emergency_stretch;
        s.params.max_consecutive_hyphens = style_.max_consecutive_hyphens;
        s.hyphenate = hyphenate && style_.hyphenate;
        s.url_penalty = style_.url_penalty;
        s.letter_space_stretch = style_.letter_space_stretch;
        s.letter_space_shrink = style_.letter_space_shrink;
        s.hyphen_penalty = style_.hyphen_penalty;
        s.ex_hyphen_penalty = style_.ex_hyphen_penalty;
        s.left_hyphen_min = style_.left_hyphen_min;
        s.right_hyphen_min = style_.right_hyphen_min;
        return s;
    }

    /// Sets a paragraph; with `elem`, tags its lines as that element's content (see tag).
    std::vector<SetLine> set(text::ParagraphText p, const ParagraphSpec& spec, int line,
                             int elem = -1, std::uint64_t base = 0) {
        // A paragraph's direction comes from its language (as markup gives it in HTML), not
        // from its first letter: an English note that opens with an Arabic title stays
        // left-to-right, an Arabic one that opens with a Latin name stays right-to-left.
        if (p.base_level < 0) p.base_level = labels::is_rtl_language(spec.lang) ? 1 : 0;
        auto lines = set_paragraph(p, spec, fonts_, missing_reporter(line));
        for (const auto& l : lines)
            if (l.overfull) {
                diags_.warning({article_.source, line},
                               "a line of this paragraph is wider than the measure");
                break;
            }
        if (elem >= 0) tag(lines, p, elem, base);
        return lines;
    }

    /// Tags set lines as element `elem`'s content (see layout/tagging).
    std::uint64_t tag(std::vector<SetLine>& lines, const text::ParagraphText& pt, int elem,
                      std::uint64_t base = 0) {
        return tag_lines(st_, lines, pt, elem, base);
    }

    StructElem& elem_at(int i) { return st_.elems[static_cast<std::size_t>(i)]; }

    /// A block element under `parent`, with its language when it differs from the parent's.
    int block(const char* type, int parent, const std::string& lang = {}) {
        return st_.add(type, parent, lang == st_.lang_of(parent) ? std::string() : lang);
    }

    /// The Figure element of an image with its text alternative, or -1 (an artifact) for a
    /// decorative one. Without an alternative it is a Figure without /Alt, which checkers
    /// report (the importer has warned): never an empty or made-up text.
    int figure(const std::string& alt, bool decorative, int parent, const std::string& lang) {
        if (decorative) return -1;
        const int f = block("Figure", parent, lang);
        elem_at(f).alt = alt;
        return f;
    }

    /// Adds a paragraph's lines; returns the index of the first. Unless keep_all binds them
    /// all together, widow and orphan control binds the first `orphans` and the last `widows`.
    std::size_t add_lines(std::vector<SetLine> lines, const FontRole& role, double space_before,
                          bool keep_all, double x = 0) {
        const std::size_t first = blocks_.size();
        const std::size_t n = lines.size();
        for (std::size_t i = 0; i < n; ++i) {
            FlowItem it;
            it.height = role.leading;
            it.space_before = i == 0 ? space_before : 0;
            // A word hyphenated at the line end does not break over a page.
            it.keep_with_next =
                i + 1 < n &&
                (keep_all || (!style_.page_break_after_hyphen && ends_hyphenated(lines[i])));
            flow_.push_back(std::move(it));
            Block b;
            b.line = std::move(lines[i]);
            b.x = x;
            blocks_.push_back(std::move(b));
        }
        if (!keep_all) bind_paragraph(flow_, first, n, style_.orphans, style_.widows);
        return first;
    }

    /// Binds blocks [first, blocks_.size()) into one unbreakable block.
    void bind_all_from(std::size_t first) {
        for (std::size_t k = first; k + 1 < flow_.size(); ++k) flow_[k].keep_with_next = true;
    }

    void collect_title() {
        const ParagraphSpec spec = spec_for(measure_, article_.lang, false, false);
        text::ParagraphText title;
        title.append(article_.title, span(style_.title, true, false, article_.lang));
        const std::size_t first = blocks_.size();
        add_lines(set(std::move(title), spec, 1, block("H1", root_)), style_.title, 0, true);
        if (blocks_.size() > first) blocks_[first].dest = "title";
        if (!article_.subtitle.empty()) {
            // The subtitle: the title's font at the byline's size and a little more, not bold.
            FontRole sub = style_.byline;
            sub.size *= 1.2;
            sub.leading *= 1.2;
            text::ParagraphText st;
            st.append(article_.subtitle, span(sub, false, false, article_.lang));
            add_lines(set(std::move(st), spec, 1, block("P", root_)), sub, 3, true);
        }
        if (!article_.authors.empty()) {
            text::ParagraphText by;
            std::string names;
            for (const auto& a : article_.authors) names += (names.empty() ? "" : ", ") + a;
            by.append(names, span(style_.byline, false, true, article_.lang));
            add_lines(
                set(std::move(by), spec, article_.bio ? article_.bio->line : 1, block("P", root_)),
                style_.byline, 6, true);
        }
        if (!article_.translations.empty()) {
            text::ParagraphText tr;
            tr.append(word(labels::Label::also_available, article_.lang) + " ",
                      span(style_.meta, false, false, article_.lang));
            for (std::size_t i = 0; i < article_.translations.size(); ++i) {
                const auto& t = article_.translations[i];
                if (i > 0) tr.append(" · ", span(style_.meta, false, false, article_.lang));
                tr.append(t.label, span(style_.meta, false, true, t.lang));
            }
            add_lines(set(std::move(tr), spec, 1, block("P", root_)), style_.meta, 4, true);
        }
        // One block; collect_body keeps it with the lines that follow.
        bind_all_from(first);
    }

    using Kind = BlockKind;

    /// The space above a block of kind `k` after one of kind `prev` (none: the title).
    double space_between(std::optional<Kind> prev, Kind k, bool new_item) const {
        if (!prev) return style_.title_space_after;
        if (k == Kind::heading) return style_.heading_space_before;
        if (prev == Kind::heading) return style_.heading_space_after;
        const bool block = k != Kind::paragraph, prev_block = prev != Kind::paragraph;
        if (k == prev && k == Kind::list_item) return new_item ? 1.5 : style_.paragraph_space;
        if (k == prev && k == Kind::quote) return style_.paragraph_space;
        if (block || prev_block) return style_.block_space;
        return style_.paragraph_space;
    }

    /// A paragraph's inline content as shapeable text in a role's font.
    text::ParagraphText paragraph_text(const Paragraph& para, const FontRole& role,
                                       const std::string& lang) const {
        text::ParagraphText pt;
        bool after_mark = false;
        for (const auto& in : para.content) {
            if (const auto* t = std::get_if<Text>(&in)) {
                auto st = span(t->code ? style_.code : role, t->strong, t->emphasis,
                               t->lang.empty() ? lang : t->lang);
                if (t->code) st.size = role.size * style_.code.size / style_.body.size;
                st.href = t->href;
                pt.append(t->text, st);
                after_mark = after_mark && t->text.empty();
            } else if (const auto* r = std::get_if<NoteRef>(&in)) {
                auto st = span(role, false, false, lang);
                st.size = role.size * style_.superscript_scale;
                st.rise = role.size * style_.superscript_rise;
                // Marks side by side ("[8][9]") get a raised comma between them: 8,9 not 89.
                if (after_mark) pt.append(",", st);
                st.note_mark = r->number;
                pt.append(std::to_string(r->number), st);
                after_mark = true;
            }
        }
        if (para.dir == "rtl") pt.base_level = 1;
        if (para.dir == "ltr") pt.base_level = 0;
        return pt;
    }

    /// The element a body block goes into: the block quotes and lists around it (quotes
    /// outermost), opened and closed as the blocks' depths change. A list item's first
    /// paragraph opens an LI with an Lbl for its marker (list_label_) and an LBody; the
    /// item's other paragraphs go into that LBody, a nested list too.
    int container_for(const Paragraph& para) {
        const auto quotes = static_cast<std::size_t>(std::max(para.quote, 0));
        const std::size_t want = quotes + static_cast<std::size_t>(std::max(para.list_depth, 0));
        std::size_t keep = 0;
        while (keep < open_.size() && keep < want && open_[keep].list == (keep >= quotes)) ++keep;
        // A new item of the innermost list closes the lists nested in the item before.
        open_.resize(keep);
        while (open_.size() < want) {
            const bool list = open_.size() >= quotes;
            const int parent = open_.empty()            ? root_
                               : open_.back().body >= 0 ? open_.back().body
                                                        : open_.back().elem;
            open_.push_back({list, block(list ? "L" : "BlockQuote", parent)});
        }
        list_label_ = -1;
        if (open_.empty()) return root_;
        Container& c = open_.back();
        if (!c.list) return c.elem;
        if (!para.list_marker.empty() || c.body < 0) {
            const int li = block("LI", c.elem);
            if (!para.list_marker.empty()) list_label_ = block("Lbl", li);
            c.body = block("LBody", li);
        }
        return c.body;
    }

    /// The structure type of a body heading: H2 below the title's H1, one level deeper for
    /// each heading of a higher source level still open, never skipping a level.
    std::string heading_type(int level) {
        while (!heading_levels_.empty() && heading_levels_.back() >= level)
            heading_levels_.pop_back();
        heading_levels_.push_back(level);
        return "H" + std::to_string(std::min<std::size_t>(heading_levels_.size() + 1, 6));
    }

    void collect_body() {
        const std::size_t title_end = blocks_.size();
        std::optional<Kind> prev;  // none: the title
        bool indent_next = false;  // the first paragraph, and one after a heading, has none
        int heading_no = 0;
        for (const auto& para : article_.body) {
            const std::string lang = para.lang.empty() ? article_.lang : para.lang;
            const Kind k = para.kind();
            const double before = space_between(prev, k, !para.list_marker.empty());
            double left = style_.quote_indent * para.quote + style_.list_indent * para.list_depth;
            double right = style_.quote_indent * para.quote;
            // However deep the nesting, the indents take at most half the measure: text never
            // leaves the page.
            if (left + right > measure_ / 2) {
                const double k = measure_ / 2 / (left + right);
                left *= k;
                right *= k;
            }
            const double width = measure_ - left - right;
            const FontRole& role = para.quote > 0 ? style_.quote : style_.body;
            const std::size_t start = blocks_.size();
            const int parent = container_for(para);
            if (k == Kind::heading) {
                const FontRole& hr = para.heading == 1   ? style_.heading1
                                     : para.heading == 2 ? style_.heading2
                                                         : style_.heading3;
                text::ParagraphText pt = paragraph_text(para, hr, lang);
                for (auto& st : pt.styles) st.face.bold = true;
                const std::size_t first =
                    add_lines(set(std::move(pt), spec_for(width, lang, false, false), para.line,
                                  block(heading_type(para.heading).c_str(), parent, lang)),
                              hr, before, true, left);
                if (first < blocks_.size()) {
                    blocks_[first].dest = "h-" + std::to_string(++heading_no);
                    headings_.push_back({para.plain_text(), para.heading, blocks_[first].dest});
                    keep_with_following(flow_, blocks_.size() - 1, style_.heading_keep_lines);
                }
                indent_next = false;
            } else if (k == Kind::code) {
                add_code(para, before, left, width, parent);
            } else if (k == Kind::figure) {
                add_figure(para, lang, before, left, width, parent);
            } else if (k == Kind::table) {
                add_table(*para.table, para, lang, before, left, width, parent);
            } else {
                ParagraphSpec spec = spec_for(width, lang, style_.justify, true);
                spec.first_indent =
                    k == Kind::paragraph && indent_next ? style_.paragraph_indent : 0;
                const std::size_t first = add_lines(set(paragraph_text(para, role, lang), spec,
                                                        para.line, block("P", parent, lang)),
                                                    role, before, false, left);
                for (std::size_t i = first; i < blocks_.size(); ++i) blocks_[i].width = width;
                if (!para.list_marker.empty() && first < blocks_.size()) {
                    Block& b = blocks_[first];
                    b.lead = one_line(para.list_marker, role, false, list_label_);
                    b.lead_x = left - b.lead->width - 0.4 * role.size;
                }
                indent_next = k == Kind::paragraph;
            }
            // Attach each note to the line of its first reference.
            for (std::size_t i = start; i < blocks_.size(); ++i) {
                std::vector<const Mark*> marks;
                for (const auto& m : blocks_[i].line.marks) marks.push_back(&m);
                for (const auto& c : blocks_[i].cells)
                    for (const auto& m : c.line.marks) marks.push_back(&m);
                for (const Mark* m : marks) {
                    if (m->target || m->note <= 0) continue;
                    auto it = note_index_.find(m->note);
                    if (it == note_index_.end() || !referenced_.insert(it->second).second) continue;
                    flow_[i].notes.push_back(it->second);
                    note_order_.push_back(it->second);
                    // A footnote reads after the block that refers to it first.
                    if (style_.notes != NotePlacement::endnotes)
                        st_.attach(note_elem_[static_cast<std::size_t>(it->second)], parent);
                }
            }
            prev = k;
        }
        // The title block is a heading: it stays with the first lines of the text.
        if (title_end > 0) keep_with_following(flow_, title_end - 1, style_.heading_keep_lines);
        body_end_ = blocks_.size();
        // Notes nothing refers to go with the last body line (the importer has warned).
        for (std::size_t i = 0; i < article_.notes.size(); ++i)
            if (!referenced_.count(static_cast<int>(i)) && !blocks_.empty()) {
                flow_[(body_end_ > 0 ? body_end_ : blocks_.size()) - 1].notes.push_back(
                    static_cast<int>(i));
                note_order_.push_back(static_cast<int>(i));
                if (style_.notes != NotePlacement::endnotes) st_.attach(note_elem_[i], root_);
            }
    }

    /// A code block: each line as written (ragged, in the code font, its indent kept), a long
    /// line wrapped; a block of up to 12 lines is kept on one page.
    void add_code(const Paragraph& para, double before, double left, double width, int parent) {
        const std::string code = para.plain_text();
        // A paragraph of code (Code is an inline type): its lines are in no language ("und").
        const int elem = block("Code", block("P", parent), "und");
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
            pt.append(line, span(style_.code, false, false, "und"));
            pt.base_level = 0;
            ParagraphSpec spec = spec_for(width, "en", false, false);
            spec.rtl_flush_right = false;
            const std::size_t bytes = pt.text.size();
            auto set_lines = line.empty() ? std::vector<SetLine>{}
                                          : set(std::move(pt), spec, para.line, elem, base);
            base += bytes + 1;
            if (set_lines.empty()) set_lines.emplace_back();
            for (auto& l : set_lines) lines.push_back(std::move(l));
            pos = nl + 1;
        }
        const bool keep = lines.size() <= 12;
        const std::size_t first = add_lines(std::move(lines), style_.code, before, keep, left);
        for (std::size_t i = first; i < blocks_.size(); ++i) blocks_[i].width = width;
    }

    /// A figure: the image scaled to fit the measure (never enlarged beyond its resolution,
    /// 150 dpi when the file states none) and 45% of the text block's height, centred, its
    /// caption below in the note font's italic. An image that cannot be shown leaves its text
    /// alternative in a frame.
    void add_figure(const Paragraph& para, const std::string& lang, double before, double left,
                    double width, int parent) {
        const Image& im = *para.image;
        const double body_h = style_.page_height - style_.margin_top - style_.margin_bottom;
        const std::optional<ImageInfo> info = probe_image(im.path, im.data.get());
        if ((im.data || !im.path.empty()) && !info)
            diags_.warning({article_.source, para.line},
                           "the image " + (im.data ? im.src : im.path) +
                               " cannot be read as PNG or JPEG; its text "
                               "alternative is shown");
        const std::size_t first = blocks_.size();
        if (info) {
            const double dpi_x = info->dpi_x >= 72 ? info->dpi_x : 150;
            const double dpi_y = info->dpi_y >= 72 ? info->dpi_y : 150;
            double w = info->width / dpi_x * 72, h = info->height / dpi_y * 72;
            const double scale = std::min({1.0, width / w, body_h * 0.45 / h});
            w *= scale;
            h *= scale;
            FlowItem it;
            it.height = h + 4;
            it.space_before = before;
            it.keep_with_next = true;
            flow_.push_back(std::move(it));
            Block b;
            b.absolute = true;
            const double x =
                rtl_ ? measure_ - left - width + (width - w) / 2 : left + (width - w) / 2;
            b.x = x;
            b.picture = Picture{
                x, 2, w, h, im.path, im.alt, figure(im.alt, im.decorative, parent, lang), im.data};
            blocks_.push_back(std::move(b));
        } else {
            text::ParagraphText alt;
            alt.append("[" + im.alt + "]", span(style_.note, false, false, lang));
            add_lines(set(std::move(alt), spec_for(width, lang, false, false), para.line,
                          block("P", parent, lang)),
                      style_.note, before, true, left);
        }
        // The caption, each line centred under the image.
        if (!para.content.empty()) {
            ParagraphSpec spec = spec_for(width, lang, false, false);
            spec.rtl_flush_right = false;
            text::ParagraphText pt = paragraph_text(para, style_.note, lang);
            for (auto& st : pt.styles) st.face.italic = true;
            auto lines = set(std::move(pt), spec, para.line, block("Caption", parent, lang));
            std::vector<double> xs;
            for (const auto& l : lines) xs.push_back(left + (width - l.width) / 2);
            const std::size_t c = add_lines(std::move(lines), style_.note, 4, true, 0);
            for (std::size_t i = c; i < blocks_.size(); ++i) {
                blocks_[i].absolute = true;
                blocks_[i].x = rtl_ ? measure_ - xs[i - c] - blocks_[i].line.width : xs[i - c];
            }
        }
        if (blocks_.size() > first) bind_all_from(first);
    }

    /// A table in the quote font: columns as wide as their widest cell when they fit the
    /// measure, else shared out in proportion and wrapped; rules above, below the header and
    /// below (booktabs); a row never splits, the header stays with the first row.
    void add_table(const Table& t, const Paragraph& para, const std::string& lang, double before,
                   double left, double width, int parent) {
        const FontRole& role = style_.quote;
        constexpr double kPad = 3;     // above and below a row's text
        const double gap = role.size;  // between columns
        std::size_t cols = t.align.size();
        for (const auto& r : t.rows) cols = std::max(cols, r.cells.size());
        if (cols == 0 || t.rows.empty()) return;
        auto cell_text = [&](const TableRow& r, std::size_t c) {
            Paragraph p;
            if (c < r.cells.size()) p.content = r.cells[c].content;
            text::ParagraphText pt = paragraph_text(p, role, lang);
            if (r.header)
                for (auto& st : pt.styles) st.face.bold = true;
            return pt;
        };
        std::vector<double> natural(cols, 0);
        for (const auto& r : t.rows)
            for (std::size_t c = 0; c < cols; ++c) {
                ParagraphSpec spec = spec_for(1e6, lang, false, false);
                spec.rtl_flush_right = false;
                for (const auto& l : set(cell_text(r, c), spec, para.line))
                    natural[c] = std::max(natural[c], l.width);
            }
        const double gaps = gap * static_cast<double>(cols - 1);
        double total = 0;
        for (double w : natural) total += w;
        std::vector<double> widths = natural;
        if (total + gaps > width && total > 0)
            for (auto& w : widths) w = std::max(role.size * 2, w * (width - gaps) / total);
        double table_w = gaps;
        for (double w : widths) table_w += w;
        const double x0 = left + std::max(0.0, (width - table_w) / 2);
        const std::size_t first = blocks_.size();
        // Table, then THead and TBody (the header rows, the others), a TR per row, a TH (with
        // its scope) or TD per cell, empty cells included.
        const int table = block("Table", parent, lang);
        int head = -1, body = -1;
        for (std::size_t ri = 0; ri < t.rows.size(); ++ri) {
            const TableRow& r = t.rows[ri];
            int& group = r.header ? head : body;
            if (group < 0) group = block(r.header ? "THead" : "TBody", table);
            const int row = block("TR", group);
            Block b;
            b.absolute = true;
            b.x = rtl_ ? measure_ - x0 - table_w : x0;
            b.width = table_w;
            double cx = 0;
            std::size_t most = 1;
            for (std::size_t c = 0; c < cols; ++c) {
                ParagraphSpec spec = spec_for(widths[c], lang, false, false);
                spec.rtl_flush_right = false;
                const int cell = block(r.header ? "TH" : "TD", row);
                if (r.header) elem_at(cell).scope = "Column";
                auto lines = set(cell_text(r, c), spec, para.line, cell);
                most = std::max(most, lines.size());
                const Align a = c < t.align.size() ? t.align[c] : Align::none;
                for (std::size_t k = 0; k < lines.size(); ++k) {
                    double off = 0;
                    if (a == Align::right) off = widths[c] - lines[k].width;
                    if (a == Align::center) off = (widths[c] - lines[k].width) / 2;
                    const double col_x = rtl_ ? table_w - cx - widths[c] : cx;
                    b.cells.push_back({std::move(lines[k]), col_x + off,
                                       kPad + role.leading * (static_cast<double>(k) + kBaseline),
                                       role.leading});
                }
                cx += widths[c] + gap;
            }
            const double h = role.leading * static_cast<double>(most) + 2 * kPad;
            if (ri == 0) b.rules.push_back({0, 0, table_w, 0.8});
            if (r.header && (ri + 1 == t.rows.size() || !t.rows[ri + 1].header))
                b.rules.push_back({0, h, table_w, 0.4});
            if (ri + 1 == t.rows.size()) b.rules.push_back({0, h, table_w, 0.8});
            FlowItem it;
            it.height = h;
            it.space_before = ri == 0 ? before : 0;
            it.keep_with_next = r.header || (ri == 0 && t.rows.size() > 1);
            flow_.push_back(std::move(it));
            blocks_.push_back(std::move(b));
        }
        (void)first;
    }

    /// The note lines' heights, for the page builder.
    std::vector<NoteSpec> note_specs() const {
        std::vector<NoteSpec> specs(notes_.size());
        for (std::size_t i = 0; i < notes_.size(); ++i) {
            const auto& lines = notes_[i].lines;
            specs[i].lines.assign(lines.size(), style_.note.leading);
            if (!style_.page_break_after_hyphen)
                for (const auto& l : lines) specs[i].hyphenated.push_back(ends_hyphenated(l));
        }
        return specs;
    }

    /// Endnotes: a heading after the body, then every note in the order of its first
    /// reference, its number hanging as at the foot; the feet stay empty.
    void collect_endnotes() {
        if (notes_.empty()) return;
        text::ParagraphText head;
        head.append(notes_title(), span(style_.body, true, false, article_.lang));
        // A section of its own: the heading, then the notes in the order they are printed.
        const int sect = block("Sect", root_);
        const std::size_t h =
            add_lines(set(std::move(head), spec_for(measure_, article_.lang, false, false), 1,
                          block("H2", sect)),
                      style_.body, style_.endnotes_space_before, true);
        for (const int ni : note_order_) st_.attach(note_elem_[static_cast<std::size_t>(ni)], sect);
        if (h < blocks_.size()) blocks_[h].dest = "notes";
        const std::size_t head_last = blocks_.size() - 1;
        auto flow =
            endnote_flow(flow_, note_specs(), style_.orphans, style_.widows, style_.note_gap);
        for (std::size_t k = 0; k < flow.items.size(); ++k) {
            const EndnoteLine& el = flow.lines[k];
            const NoteLines& nl = notes_[static_cast<std::size_t>(el.note)];
            Block b;
            b.line = nl.lines[el.line];
            b.x = style_.note_number_width;
            if (el.line == 0) {
                b.lead = nl.number;
                b.note = el.note;
                b.dest =
                    "fn" + std::to_string(article_.notes[static_cast<std::size_t>(el.note)].number);
            }
            blocks_.push_back(std::move(b));
            flow_.push_back(std::move(flow.items[k]));
        }
        keep_with_following(flow_, head_last, style_.heading_keep_lines);
    }

    void collect_bio() {
        if (!article_.bio) return;
        const AuthorBio& bio = *article_.bio;
        ParagraphSpec spec = spec_for(measure_, bio.lang, style_.justify, true);
        bio_start_ = blocks_.size();
        // The bio is a section in its own language, its name a heading.
        const int sect = block("Sect", root_, bio.lang);
        std::optional<std::size_t> name_last;
        if (!bio.name.empty()) {
            text::ParagraphText name;
            name.append(bio.name, span(style_.bio, true, false, bio.lang));
            add_lines(set(std::move(name), spec_for(measure_, bio.lang, false, false), bio.line,
                          block("H2", sect)),
                      style_.bio, style_.bio_space_before, true);
            // A short rule above the name.
            Block& b = blocks_[bio_start_];
            b.rules.push_back({rtl_ ? measure_ - style_.bio_rule_width : 0,
                               -style_.bio_space_before / 2, style_.bio_rule_width, 0.4});
            b.dest = "bio";
            name_last = blocks_.size() - 1;
        }
        // The author's photograph, if given: 60 pt high, at the start of the line.
        if (bio.photo && (bio.photo->data || !bio.photo->path.empty())) {
            const auto info = probe_image(bio.photo->path, bio.photo->data.get());
            if (info && info->height > 0) {
                const double h = 60;
                const double w = std::min(measure_ / 3, h * info->width / info->height);
                FlowItem it;
                it.height = h + 6;
                it.space_before = name_last ? 0 : style_.bio_space_before;
                it.keep_with_next = true;
                flow_.push_back(std::move(it));
                Block b;
                b.absolute = true;
                b.x = rtl_ ? measure_ - w : 0;
                // A photo without a text alternative is the author's: it says so by name.
                const std::string alt =
                    bio.photo->alt.empty() && !bio.photo->decorative ? bio.name : bio.photo->alt;
                b.picture = Picture{b.x,
                                    4,
                                    w,
                                    h,
                                    bio.photo->path,
                                    alt,
                                    figure(alt, bio.photo->decorative, sect, bio.lang),
                                    bio.photo->data};
                blocks_.push_back(std::move(b));
            } else {
                diags_.warning({article_.source, bio.line},
                               "the author's photo " +
                                   (bio.photo->data ? bio.photo->src : bio.photo->path) +
                                   " cannot be read as PNG or JPEG; it is left out");
            }
        }
        for (const auto& para : bio.paragraphs) {
            text::ParagraphText pt;
            const std::string lang = para.lang.empty() ? bio.lang : para.lang;
            append_text(pt, para, style_.bio, lang);
            spec.lang = lang;
            const std::size_t start = add_lines(
                set(std::move(pt), spec, para.line, block("P", sect, lang)), style_.bio, 2, false);
            if (blocks_.size() > start && start == bio_start_) blocks_[start].dest = "bio";
        }
        // The name is a heading: never alone at the foot of a page.
        if (name_last) keep_with_following(flow_, *name_last, style_.heading_keep_lines);
        // A short bio is one closing block: bound together, it moves whole to the next page
        // rather than leaving a few lines behind. A longer one splits by widows and orphans.
        if (blocks_.size() - bio_start_ <= static_cast<std::size_t>(style_.bio_keep_lines))
            bind_all_from(bio_start_);
    }

    void set_notes() {
        const ParagraphSpec spec =
            spec_for(measure_ - style_.note_number_width, article_.lang, style_.justify, true);
        notes_.resize(article_.notes.size());
        for (std::size_t i = 0; i < article_.notes.size(); ++i) {
            const Note& note = article_.notes[i];
            // A Note (placed later, after its first reference) with its number as Lbl and a P
            // per paragraph; its ID names it for the Reference that points to it.
            const int elem = st_.add("Note", -1, article_.lang);
            elem_at(elem).id = "fn" + std::to_string(note.number);
            note_elem_.push_back(elem);
            const int label = block("Lbl", elem);
            std::vector<SetLine> lines;
            for (const auto& para : note.paragraphs) {
                text::ParagraphText pt;
                const std::string lang = para.lang.empty() ? article_.lang : para.lang;
                append_text(pt, para, style_.note, lang);
                ParagraphSpec ps = spec;
                ps.lang = lang;
                for (auto& l : set(std::move(pt), ps, para.line ? para.line : note.line,
                                   block("P", elem, lang)))
                    lines.push_back(std::move(l));
            }
            if (lines.empty()) lines.emplace_back();
            // The number, hanging in the margin of the note text.
            text::ParagraphText num;
            auto ns = span(style_.note, false, false, article_.lang);
            ns.note_mark = note.number;
            ns.note_target = true;
            num.append(std::to_string(note.number) + ".", ns);
            num.base_level = rtl_ ? 1 : 0;
            ParagraphSpec nspec =
                spec_for(style_.note_number_width * 4, article_.lang, false, false);
            nspec.rtl_flush_right = false;
            auto numl = set_paragraph(num, nspec, fonts_, missing_reporter(note.line));
            tag(numl, num, label);
            notes_[i].lines = std::move(lines);
            if (!numl.empty()) notes_[i].number = std::move(numl.front());
        }
    }

    PagedDocument compose() {
        PagedDocument doc;
        doc.meta.title = capped(article_.title, kMaxMetaBytes);
        for (const auto& a : article_.authors)
            doc.meta.author += (doc.meta.author.empty() ? "" : ", ") + a;
        doc.meta.lang = article_.lang;
        doc.meta.date = article_.date;
        doc.meta.subject = article_.subtitle;
        doc.structure = std::move(st_);
        for (const auto& k : article_.keywords)
            doc.meta.keywords += (doc.meta.keywords.empty() ? "" : ", ") + k;

        PageParams pp;
        pp.body_height = style_.page_height - style_.margin_top - style_.margin_bottom;
        pp.separator = style_.note_space_before + style_.note_rule_gap;
        pp.note_gap = style_.note_gap;
        pp.continued_label_height = continued_label().empty() ? 0 : style_.note.leading;
        pp.body_end = body_end_;
        pp.last_page_min_lines = style_.last_page_min_lines;
        std::vector<std::string> warnings;
        const auto pages = build_pages(flow_, note_specs(), pp, &warnings);
        for (const auto& w : warnings) diags_.warning({article_.source, 0}, w);

        const double left = style_.margin_inner;
        const double top = style_.page_height - style_.margin_top;
        std::map<int, std::string> note_dest_of;  // note index -> dest
        for (std::size_t pi = 0; pi < pages.size(); ++pi) {
            const PageLayout& pl = pages[pi];
            Page page;
            page.width = style_.page_width;
            page.height = style_.page_height;
            const int page_no = static_cast<int>(pi);
            for (const auto& placed : pl.items) {
                const Block& b = blocks_[placed.item];
                const double height = flow_[placed.item].height;
                const double line_top = top - placed.top;
                const double baseline = line_top - height * kBaseline;
                // An endnote's number (its lead) stands in the number column, as a footnote's
                // does: flush right at the left, or at the right in a right-to-left article.
                const double bw = b.width < 0 ? measure_ - b.x : b.width;
                const double bx = b.absolute || !rtl_ ? left + b.x : left + measure_ - b.x - bw;
                if (b.lead && b.lead_x)
                    emit_line(page, doc, page_no, *b.lead,
                              rtl_ ? left + measure_ - *b.lead_x - b.lead->width : left + *b.lead_x,
                              baseline, height);
                else if (b.lead)
                    emit_line(
                        page, doc, page_no, *b.lead,
                        rtl_ ? left + measure_ - style_.note_number_width + 0.25 * style_.note.size
                             : left + number_offset(*b.lead),
                        baseline, height);
                emit_line(page, doc, page_no, b.line, bx, baseline, height);
                for (const auto& c : b.cells)
                    emit_line(page, doc, page_no, c.line, bx + c.x, line_top - c.baseline,
                              c.height);
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
                    if (b.note >= 0) note_dest_of[b.note] = b.dest;
                }
            }
            if (!pl.note_lines.empty()) {
                const double rule_y = top - pl.notes_top - style_.note_space_before;
                page.rules.push_back({rtl_ ? left + measure_ - style_.note_rule_width : left,
                                      rule_y, style_.note_rule_width, style_.note_rule_thickness});
                // The number column: at the left, or at the right in a right-to-left article.
                const double text_x = rtl_ ? left : left + style_.note_number_width;
                auto number_x = [&](const SetLine& number) {
                    return rtl_ ? left + measure_ - style_.note_number_width +
                                      0.25 * style_.note.size
                                : left + number_offset(number);
                };
                for (const auto& nl : pl.note_lines) {
                    const NoteLines& nls = notes_[static_cast<std::size_t>(nl.note)];
                    const double line_top = top - nl.top;
                    const double baseline = line_top - style_.note.leading * kBaseline;
                    if (nl.label) {
                        const ContinuedLabel& cl = continued_label_line(nl.note);
                        place_runs(page, cl.number, number_x(cl.number), baseline);
                        place_runs(page, cl.label,
                                   rtl_
                                       ? left + measure_ - style_.note_number_width - cl.label.width
                                       : text_x,
                                   baseline);
                        continue;
                    }
                    if (nl.line == 0) {
                        emit_line(page, doc, page_no, nls.number, number_x(nls.number), baseline,
                                  style_.note.leading);
                        const std::string d =
                            "fn" + std::to_string(
                                       article_.notes[static_cast<std::size_t>(nl.note)].number);
                        if (!dest_seen_.count(d)) {
                            dest_seen_.insert(d);
                            doc.destinations.push_back({d, page_no, left, line_top + 2});
                            note_dest_of[nl.note] = d;
                        }
                    }
                    emit_line(page, doc, page_no, nls.lines[nl.line], text_x, baseline,
                              style_.note.leading);
                }
            }
            if (pi > 0) running_head(page);
            if (first_folio_ > 0) folio(page, first_folio_ + static_cast<int>(pi));
            doc.pages.push_back(std::move(page));
        }

        // Outline: title, notes (each note), the author.
        doc.outline.push_back({capped(article_.title, kMaxMetaBytes), 0, "title"});
        for (const auto& h : headings_)
            if (dest_seen_.count(h.dest))
                doc.outline.push_back({capped(h.title, kMaxMetaBytes), h.level, h.dest});
        bool notes_head = false;
        for (int ni : note_order_) {
            auto it = note_dest_of.find(ni);
            if (it == note_dest_of.end()) continue;
            if (!notes_head) {
                // Endnotes have their heading; footnotes go to the first note.
                doc.outline.push_back(
                    {notes_title(), 0, dest_seen_.count("notes") ? "notes" : it->second});
                notes_head = true;
            }
            doc.outline.push_back(
                {note_outline_title(article_.notes[static_cast<std::size_t>(ni)]), 1, it->second});
        }
        if (article_.bio && dest_seen_.count("bio"))
            doc.outline.push_back({article_.bio->name.empty()
                                       ? word(labels::Label::about_author, article_.lang)
                                       : article_.bio->name,
                                   0, "bio"});
        // Left-hand pages of a mirrored style take the outer margin at the left (the page's
        // parity is its folio's, or its place when unnumbered); then colours and bleed.
        mirror_margins(doc, style_, first_folio_ > 0 ? first_folio_ : 1, 0, doc.pages.size());
        apply_style_colors(doc, style_);
        return doc;
    }

    std::string notes_title() const {
        return style_.notes_heading ? *style_.notes_heading
                                    : word(labels::Label::notes, article_.lang);
    }

    /// The label above the rest of a split note: the style's, else the article language's.
    std::string continued_label() const {
        return style_.continued_label ? *style_.continued_label
                                      : word(labels::Label::continued, article_.lang);
    }

    /// "12." (no link: the note's own number links back) and the label in the note font's
    /// italic, set once per note.
    struct ContinuedLabel {
        SetLine number, label;
    };

    /// Where a note's number starts within its hanging column: set flush right, a word space
    /// (a quarter em of the note size) before the text, so "9." and "10." align on the period
    /// and the gap reads as the space it is.
    double number_offset(const SetLine& number) const {
        return style_.note_number_width - number.width - 0.25 * style_.note.size;
    }

    const ContinuedLabel& continued_label_line(int note) {
        auto it = continued_.find(note);
        if (it != continued_.end()) return it->second;
        const Note& n = article_.notes[static_cast<std::size_t>(note)];
        ContinuedLabel cl;
        cl.number = one_line(std::to_string(n.number) + ".", style_.note, false);
        cl.label = one_line(continued_label(), style_.note, true);
        return continued_.emplace(note, std::move(cl)).first->second;
    }

    static std::string note_outline_title(const Note& n) {
        std::string text;
        for (const auto& p : n.paragraphs) {
            text += p.plain_text();
            if (text.size() > 80) break;
        }
        // Cut at a character boundary near 60 bytes, at a space when there is one.
        if (text.size() > 64) {
            std::size_t cut = utf8::floor_boundary(text, 60);
            std::size_t sp = text.rfind(' ', cut);
            if (sp != std::string::npos && sp > 30) cut = sp;
            text = text.substr(0, cut) + "…";
        }
        return std::to_string(n.number) + ". " + text;
    }

    void emit_line(Page& page, PagedDocument& doc, int page_no, const SetLine& line, double x,
                   double baseline, double height) {
        place_runs(page, line, x, baseline);
        for (const auto& m : line.marks) {
            const double y0 = baseline - height * 0.25;
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

    /// A text set on one line in a role's font (the first line, if it holds a forced break).
    SetLine one_line(const std::string& s, const FontRole& role, bool italic, int elem = -1) {
        text::ParagraphText pt;
        pt.append(s, span(role, false, italic, article_.lang));
        pt.base_level = rtl_ ? 1 : 0;
        ParagraphSpec spec = spec_for(1e6, article_.lang, false, false);
        spec.rtl_flush_right = false;
        auto lines = set_paragraph(pt, spec, fonts_, missing_reporter(1));
        if (elem >= 0) tag(lines, pt, elem);
        return lines.empty() ? SetLine{} : std::move(lines.front());
    }

    /// Like one_line, but no wider than the measure: a longer text is cut at the last break
    /// opportunity (else character) that leaves room for an ellipsis after it.
    SetLine fitted_line(std::string s, const FontRole& role, bool italic) {
        // No line of the measure holds this many bytes; cutting first keeps a huge title cheap.
        constexpr std::size_t kMaxBytes = 1024;
        bool cut = false;
        if (s.size() > kMaxBytes) {
            s.resize(utf8::floor_boundary(s, kMaxBytes));
            cut = true;
        }
        if (!cut) {
            SetLine whole = one_line(s, role, italic);
            if (whole.width <= measure_) return whole;
        }
        auto with_ellipsis = [&](std::size_t end) {
            std::string t = s.substr(0, end);
            while (!t.empty() && t.back() == ' ') t.pop_back();
            return one_line(t + "\u2026", role, italic);
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

    /// Places a set line centred on the measure at a baseline.
    void centred(Page& page, const SetLine& l, double baseline) {
        place_runs(page, l, style_.margin_inner + (measure_ - l.width) / 2, baseline);
    }

    /// "Author  ·  Title", cut to the measure; set once for all pages.
    void running_head(Page& page) {
        if (!head_) {
            std::string head = article_.title;
            if (!article_.authors.empty()) head = article_.authors.front() + "  ·  " + head;
            head_ = fitted_line(std::move(head), style_.running_head, true);
        }
        centred(page, *head_, style_.page_height - style_.head_offset);
    }

    void folio(Page& page, int number) {
        centred(page, one_line(std::to_string(number), style_.running_head, false),
                style_.folio_offset);
    }

    struct NoteLines {
        std::vector<SetLine> lines;
        SetLine number;
    };

    const Article& article_;
    const Style& style_;
    text::FontBook& fonts_;
    Diagnostics& diags_;
    int first_folio_ = 1;  ///< the first page's number; 0: no page numbers
    double measure_ = 0;
    bool rtl_ = false;               ///< a right-to-left article: the note column and rules mirror
    std::map<int, int> note_index_;  ///< note number -> index in article.notes
    std::set<int> referenced_;
    std::vector<int> note_order_;
    std::vector<Block> blocks_;
    std::vector<FlowItem> flow_;  ///< the page builder's view of blocks_, index for index
    std::vector<NoteLines> notes_;
    std::map<int, ContinuedLabel> continued_;  ///< continued labels by note index
    std::size_t body_end_ = 0, bio_start_ = 0;
    std::set<char32_t> reported_missing_;
    std::set<std::string> dest_seen_;
    std::optional<SetLine> head_;  ///< the running head, once set
    struct Heading {
        std::string title;
        int level = 1;
        std::string dest;
    };
    std::vector<Heading> headings_;  ///< the body's headings, for the outline

    // The logical structure, built in reading order as the blocks are collected.
    Structure st_;
    int root_ = -1;               ///< the Document element
    std::vector<int> note_elem_;  ///< each note's Note element, by index in article.notes
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

}  // namespace

PagedDocument typeset_article(const Article& article, const Style& style, text::FontBook& fonts,
                              Diagnostics& diags, int first_folio) {
    return ArticleLayout(article, style, fonts, diags, first_folio).run();
}

}  // namespace quire::inline v0::layout

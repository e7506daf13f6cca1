// layout/items: see items.hpp.
#include "layout/items.hpp"

#include "base/utf8.hpp"
#include "layout/kashida.hpp"
#include "layout/microtype.hpp"
#include "layout/paragraph.hpp"
#include "text/hyphenate.hpp"

#include <algorithm>

namespace quire::inline v0::layout {

namespace {

/// Whether the text at byte `b` is an em or en dash followed by a space (a spaced dash).
bool starts_with_dash(const std::string& t, std::uint32_t b) {
    // U+2014 EM DASH is E2 80 94, U+2013 EN DASH is E2 80 93.
    return b + 3 < t.size() && t[b] == '\xE2' && t[b + 1] == '\x80' &&
           (t[b + 2] == '\x94' || t[b + 2] == '\x93') && t[b + 3] == ' ';
}

/// Whether the text before byte `b` is an explicit hyphen or an en dash (a break after it is
/// TeX's \exhyphenpenalty case).
bool after_explicit_hyphen(const std::string& t, std::uint32_t b) {
    if (b >= 1 && t[b - 1] == '-') return true;
    // U+2010 HYPHEN E2 80 90, U+2011 is non-breaking, U+2013 EN DASH E2 80 93.
    return b >= 3 && t[b - 3] == '\xE2' && t[b - 2] == '\x80' &&
           (t[b - 1] == '\x90' || t[b - 1] == '\x93');
}

/// Scripts written without spaces between words: lines are justified between characters.
bool written_without_spaces(hb_script_t s) {
    return s == HB_SCRIPT_HAN || s == HB_SCRIPT_HIRAGANA || s == HB_SCRIPT_KATAKANA ||
           s == HB_SCRIPT_BOPOMOFO || s == HB_SCRIPT_THAI || s == HB_SCRIPT_LAO ||
           s == HB_SCRIPT_KHMER || s == HB_SCRIPT_MYANMAR || s == HB_SCRIPT_YI;
}

/// The hyphen for a break at byte `at` (a soft hyphen): U+2010 HYPHEN or U+002D in the face and
/// size of the run that holds it.
Hyphen hyphen_at(const text::ShapedParagraph& shaped, const text::ParagraphText& para,
                 std::uint32_t at) {
    Hyphen h;
    // This runs for every hyphenation point of a paragraph: run_at bisects.
    const text::Run* run = run_at(shaped, at);
    if (!run || !run->face) return h;
    hb_codepoint_t gid = 0;
    hb_font_t* font = run->face->hb_font();
    if (!hb_font_get_nominal_glyph(font, 0x2010, &gid) &&
        !hb_font_get_nominal_glyph(font, 0x2D, &gid))
        return h;
    const auto& st = para.styles[static_cast<std::size_t>(run->style)];
    h.face = run->face;
    h.gid = gid;
    h.size = st.size;
    h.rise = st.rise;
    h.lang = st.lang;
    h.advance = hb_font_get_glyph_h_advance(font, gid) * st.size / run->face->upem();
    return h;
}

/// Makes the items of one paragraph (see build_items).
class ItemBuilder {
public:
    ItemBuilder(const text::ParagraphText& para, const text::ShapedParagraph& shaped,
                const Advances& advances, const ParagraphSpec& spec,
                const std::vector<std::uint32_t>& points)
        : para_(para),
          t_(para.text),
          shaped_(shaped),
          adv_(advances),
          spec_(spec),
          points_(points),
          raised_start_(t_.size() + 1, false) {
        // Raised spans (note marks) never start a line: no break where one begins.
        for (const auto& sp : para.spans)
            if (para.styles[static_cast<std::size_t>(sp.style)].rise > 0)
                raised_start_[sp.begin] = true;
    }

    ParagraphItems build() {
        if (spec_.first_indent != 0) push(Item::box(spec_.first_indent), 0, 0);
        const auto len = static_cast<std::uint32_t>(t_.size());
        std::uint32_t prev = 0;
        for (const auto& bp : text::line_breaks(t_, spec_.lang)) {
            const std::uint32_t b = bp.offset;
            std::uint32_t ws = b;
            while (ws > prev && is_break_space(t_[ws - 1])) --ws;
            if (ws > prev) word(prev, ws);
            if (b >= len) break;
            opportunity(b, ws, bp.hard);
            prev = b;
        }
        push(Item::glue(0, 1e6, 0), len, len);  // \parfillskip
        push(Item::penalty_item(-kInfinity), len, len);
        return std::move(out_);
    }

private:
    void push(Item it, std::uint32_t a, std::uint32_t b) {
        out_.items.push_back(it);
        out_.text.push_back({a, b});
    }

    /// The break opportunity at `b`, after the spaces [ws, b).
    void opportunity(std::uint32_t b, std::uint32_t ws, bool hard) {
        if (hard) {
            push(Item::glue(0, 1e6, 0), ws, b);
            push(Item::penalty_item(-kInfinity), b, b);
        } else if (ws < b) {
            const double w = adv_.width(ws, b);
            // A spaced dash (" — ", " – ") never starts a line: it stays with the word before.
            if (starts_with_dash(t_, b) || raised_start_[b])
                push(Item::penalty_item(kInfinity), ws, ws);
            push(Item::glue(w, w / 2, w / 3), ws, b);  // TeX's space: stretch 1/2, shrink 1/3
        } else if (raised_start_[b]) {
            // no break before a note mark
        } else if (b >= 2 && t_[b - 2] == '\xC2' && t_[b - 1] == '\xAD') {
            // A soft hyphen: a hyphenation point, printed as a hyphen when the line ends here.
            const Hyphen h = hyphen_at(shaped_, para_, b - 2);
            if (h.face) {
                out_.hyphens[out_.items.size()] = h;
                push(Item::penalty_item(spec_.hyphen_penalty, h.advance, true), b, b);
            } else {
                push(Item::penalty_item(0), b, b);
            }
        } else if (after_explicit_hyphen(t_, b)) {
            push(Item::penalty_item(spec_.ex_hyphen_penalty, 0, true), b, b);
        } else if (const text::Run* run = b > 0 ? run_at(shaped_, b - 1) : nullptr;
                   run && written_without_spaces(run->script)) {
            // Between ideographs, kana, or Thai words (ICU's dictionary breaks): no space to
            // stretch, so justification spreads the line between characters (JIS X 4051's
            // inter-character spacing).
            const double size = para_.styles[static_cast<std::size_t>(run->style)].size;
            push(Item::glue(0, spec_.inter_character_stretch * size, 0), b, b);
        } else {
            push(Item::penalty_item(0), b, b);
        }
    }

    /// A word [a, b): one box, or boxes with a flagged penalty at each hyphenation point, or
    /// with an unflagged one at each place a URL may break.
    void word(std::uint32_t a, std::uint32_t b) {
        if (const auto ub = url_breaks(t_, a, b); !ub.empty()) {
            std::uint32_t s = a;
            for (const std::uint32_t at : ub) {
                push(Item::box(adv_.width(s, at)), s, at);
                push(Item::penalty_item(spec_.url_penalty), at, at);
                s = at;
            }
            push(Item::box(adv_.width(s, b)), s, b);
            return;
        }
        auto pit = std::upper_bound(points_.begin(), points_.end(), a);
        std::uint32_t s = a;
        for (; pit != points_.end() && *pit < b; ++pit)
            if (hyphenation_point(*pit, a, b, s)) s = *pit;
        push(Item::box(adv_.width(s, b)), s, b);
    }

    /// The hyphenation point `at` of the word [a, b) whose part from `s` is not yet pushed:
    /// pushes that part and a flagged penalty, unless no hyphen can be printed there.
    bool hyphenation_point(std::uint32_t at, std::uint32_t a, std::uint32_t b, std::uint32_t s) {
        const text::Run* run = run_at(shaped_, at);
        // Left-to-right runs only (no right-to-left script here hyphenates), and the
        // character before the point in the same run.
        if (!run || !run->face || (run->level & 1) || run->begin >= at) return false;
        const Hyphen h = hyphen_at(shaped_, para_, at - 1);
        if (!h.face) return false;
        // Safe to break at `at`: a glyph starts the cluster there and HarfBuzz does not
        // flag it. Otherwise shape both parts again (a ligature or kerning across the break).
        const auto g =
            std::lower_bound(run->glyphs.begin(), run->glyphs.end(), at,
                             [](const text::Glyph& gl, std::uint32_t v) { return gl.cluster < v; });
        const bool safe = g != run->glyphs.end() && g->cluster == at && !g->unsafe_to_break;
        double pre_fix = 0, post_fix = 0;
        const std::size_t index = out_.items.size() + 1;  // of the penalty pushed below
        if (!safe) {
            Reshaped rs;
            rs.run = static_cast<std::size_t>(run - shaped_.runs.data());
            rs.at = at;
            rs.pre_begin = std::max(run->begin, a);
            rs.post_end = std::min(run->end, b);
            rs.pre = text::shape_range(para_, *run, rs.pre_begin, at);
            rs.post = text::shape_range(para_, *run, at, rs.post_end);
            pre_fix = advance_of(rs.pre) - adv_.width(rs.pre_begin, at);
            post_fix = advance_of(rs.post) - adv_.width(at, rs.post_end);
            out_.reshaped[index] = std::move(rs);
        }
        push(Item::box(adv_.width(s, at)), s, at);
        out_.hyphens[out_.items.size()] = h;
        push(Item::penalty_item(spec_.hyphen_penalty, h.advance + pre_fix, true, post_fix), at, at);
        return true;
    }

    const text::ParagraphText& para_;
    const std::string& t_;
    const text::ShapedParagraph& shaped_;
    const Advances& adv_;
    const ParagraphSpec& spec_;
    const std::vector<std::uint32_t>& points_;
    std::vector<bool> raised_start_;
    ParagraphItems out_;
};

}  // namespace

std::vector<std::uint32_t> url_breaks(const std::string& t, std::uint32_t a, std::uint32_t b) {
    // After a slash (not inside "//"), before a dot, comma, hyphen, underscore, tilde, question
    // mark, number sign or percent sign, and before or after an equals sign or ampersand. Never
    // within the scheme ("https://") or in the first or last three characters.
    std::vector<std::uint32_t> out;
    const std::string_view w(t.data() + a, b - a);
    const auto scheme = w.find("://");
    const bool url = scheme != std::string_view::npos || w.rfind("www.", 0) == 0;
    if (!url || w.size() < 8) return out;
    const std::uint32_t from =
        a + static_cast<std::uint32_t>(scheme != std::string_view::npos ? scheme + 3 : 4) + 1;
    for (std::uint32_t i = from; i + 3 < b; ++i) {
        const char c = t[i], before = t[i - 1];
        const bool after_slash = before == '/' && c != '/';
        const bool before_mark = c == '.' || c == ',' || c == '-' || c == '_' || c == '~' ||
                                 c == '?' || c == '#' || c == '%' || c == '=' || c == '&';
        const bool after_join = before == '=' || before == '&';
        // Only at character starts, not at a UTF-8 continuation byte.
        if ((after_slash || before_mark || after_join) && !utf8::is_continuation(c))
            out.push_back(i);
    }
    return out;
}

bool letter_spaceable(const text::Run& run) {
    // Joined scripts (Arabic, Syriac, Devanagari with its headline...) would break apart, and
    // scripts without spaces are justified differently.
    return run.face && !(run.level & 1) &&
           (run.script == HB_SCRIPT_LATIN || run.script == HB_SCRIPT_GREEK ||
            run.script == HB_SCRIPT_CYRILLIC || run.script == HB_SCRIPT_COMMON);
}

bool expandable(const text::Run& run) {
    return letter_spaceable(run) && font_class(run.face) != FontClass::mono;
}

double advance_of(const std::vector<text::Glyph>& gs) {
    double w = 0;
    for (const auto& g : gs) w += g.advance;
    return w;
}

std::int64_t clusters_of(const std::vector<text::Glyph>& gs) {
    std::int64_t n = 0;
    for (std::size_t gi = 0; gi < gs.size(); ++gi)
        n += gi == 0 || gs[gi - 1].cluster != gs[gi].cluster;
    return n;
}

Advances measure_advances(const text::ShapedParagraph& shaped, std::size_t text_size) {
    Advances a;
    a.all.assign(text_size + 1, 0);
    for (const auto& run : shaped.runs)
        for (const auto& g : run.glyphs) a.all[g.cluster + 1] += g.advance;
    for (std::size_t i = 1; i < a.all.size(); ++i) a.all[i] += a.all[i - 1];
    a.letters.assign(text_size + 1, 0);
    for (const auto& run : shaped.runs)
        if (letter_spaceable(run))
            for (const auto& g : run.glyphs) a.letters[g.cluster + 1] += g.advance;
    for (std::size_t i = 1; i < a.letters.size(); ++i) a.letters[i] += a.letters[i - 1];
    // Letter spacing goes after each cluster: count them.
    a.clusters.assign(text_size + 1, 0);
    for (const auto& run : shaped.runs)
        if (letter_spaceable(run))
            for (std::size_t gi = 0; gi < run.glyphs.size(); ++gi)
                if (gi == 0 || run.glyphs[gi - 1].cluster != run.glyphs[gi].cluster)
                    a.clusters[run.glyphs[gi].cluster + 1] += 1;
    for (std::size_t i = 1; i < a.clusters.size(); ++i) a.clusters[i] += a.clusters[i - 1];
    // Font expansion scales the glyphs of expandable runs but not their spaces (glue).
    a.expandable.assign(text_size + 1, 0);
    const std::string* text = shaped.input ? &shaped.input->text : nullptr;
    for (const auto& run : shaped.runs)
        if (expandable(run))
            for (const auto& g : run.glyphs)
                if (!text || !is_break_space((*text)[g.cluster]))
                    a.expandable[g.cluster + 1] += g.advance;
    for (std::size_t i = 1; i < a.expandable.size(); ++i) a.expandable[i] += a.expandable[i - 1];
    return a;
}

std::vector<std::uint32_t> hyphenation_points(const text::ParagraphText& para,
                                              const ParagraphSpec& spec,
                                              const text::Hyphenator& hy) {
    std::vector<std::uint32_t> points;
    for (std::size_t i = 0; i < para.spans.size();) {
        const std::string& lang = para.styles[static_cast<std::size_t>(para.spans[i].style)].lang;
        std::size_t j = i + 1;
        while (j < para.spans.size() &&
               para.styles[static_cast<std::size_t>(para.spans[j].style)].lang == lang)
            ++j;
        const std::string& l = lang.empty() ? spec.lang : lang;
        if (hy.supports(l)) {
            auto p = hy.points(para.text, para.spans[i].begin, para.spans[j - 1].end, l,
                               spec.left_hyphen_min, spec.right_hyphen_min);
            points.insert(points.end(), p.begin(), p.end());
        }
        i = j;
    }
    return points;
}

const text::Run* run_at(const text::ShapedParagraph& shaped, std::uint32_t b) {
    const auto it = std::partition_point(shaped.runs.begin(), shaped.runs.end(),
                                         [&](const text::Run& r) { return r.end <= b; });
    return it != shaped.runs.end() && it->begin <= b ? &*it : nullptr;
}

LineItems line_items(const ParagraphItems& items, const std::vector<Line>& lines, std::size_t li) {
    const Line& line = lines[li];
    LineItems l;
    l.start = line.start;
    l.end = line.end;
    if (li > 0) l.prev_break = lines[li - 1].end;
    const auto len = static_cast<std::uint32_t>(items.text.empty() ? 0 : items.text.back().end);
    l.text_begin = len;
    for (std::size_t k = line.start; k < line.end; ++k) {
        const ItemText& it = items.text[k];
        if (it.begin == it.end) continue;
        l.text_begin = std::min(l.text_begin, it.begin);
        l.text_end = std::max(l.text_end, it.end);
    }
    if (auto it = items.reshaped.find(line.end); it != items.reshaped.end())
        l.pre_part = &it->second;
    if (l.prev_break)
        if (auto it = items.reshaped.find(*l.prev_break); it != items.reshaped.end())
            l.post_part = &it->second;
    if (auto it = items.hyphens.find(line.end); it != items.hyphens.end()) l.hyphen = &it->second;
    l.start_protrusion =
        l.prev_break ? items.items[*l.prev_break].start_protrusion : items.first_protrusion;
    l.end_protrusion = items.items[line.end].end_protrusion;
    return l;
}

ParagraphItems build_items(const text::ParagraphText& para, const text::ShapedParagraph& shaped,
                           const Advances& advances, const ParagraphSpec& spec,
                           const std::vector<std::uint32_t>& points) {
    ParagraphItems items = ItemBuilder(para, shaped, advances, spec, points).build();
    protrude(items, para, shaped, advances, spec);
    expand_boxes(items, advances, spec);
    add_kashidas(items, para, shaped, spec);
    return items;
}

}  // namespace quire::inline v0::layout

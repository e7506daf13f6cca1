// layout/paragraph: from a shaped paragraph to set lines (see paragraph.hpp).
//
// Invariants: every byte of the paragraph text is drawn by exactly one line, the space a line
// break takes as an invisible glyph after the line's logically last piece (it takes no room:
// glue at a break is dropped, as in TeX); each glyph carries the text of its cluster once (the
// first glyph of a multi-glyph cluster gets it), so text extraction returns the source.
#include "layout/paragraph.hpp"

#include "text/hyphenate.hpp"

#include "base/limits.hpp"
#include "base/utf8.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace quire::inline v0::layout {

namespace {

bool is_break_space(char c) {
    return c == ' ' || c == '\n';
}

/// Whether the text at byte `b` is an em or en dash followed by a space (a spaced dash).
bool starts_with_dash(const std::string& t, std::uint32_t b) {
    // U+2014 EM DASH is E2 80 94, U+2013 EN DASH is E2 80 93.
    return b + 3 < t.size() && t[b] == '\xE2' && t[b + 1] == '\x80' &&
           (t[b + 2] == '\x94' || t[b + 2] == '\x93') && t[b + 3] == ' ';
}

/// An item of the line breaker and the bytes of text it covers.
struct Span {
    std::uint32_t begin = 0, end = 0;
};

/// A run's part that falls on one line.
struct Piece {
    std::size_t run = 0;
    std::uint32_t begin = 0, end = 0;
    std::uint8_t level = 0;
};

/// UAX #9 rule L2: from the highest level down to the lowest odd one, reverse every maximal
/// sequence of pieces at that level or higher.
void reorder_visually(std::vector<Piece>& pieces) {
    if (pieces.empty()) return;
    std::uint8_t hi = 0, lo_odd = 255;
    for (const auto& p : pieces) {
        hi = std::max(hi, p.level);
        if (p.level & 1) lo_odd = std::min(lo_odd, p.level);
    }
    if (hi == 0) return;
    for (int lv = hi; lv >= lo_odd && lv > 0; --lv) {
        for (std::size_t i = 0; i < pieces.size();) {
            if (pieces[i].level < lv) {
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < pieces.size() && pieces[j].level >= lv) ++j;
            std::reverse(pieces.begin() + static_cast<std::ptrdiff_t>(i),
                         pieces.begin() + static_cast<std::ptrdiff_t>(j));
            i = j;
        }
    }
}

/// Whether the text [a, b) holds a strong right-to-left letter (bidi class R or AL).
bool has_rtl_letter(const std::string& t, std::uint32_t a, std::uint32_t b) {
    bool found = false;
    utf8::for_each(std::string_view(t.data() + a, b - a), [&](char32_t c, std::size_t) {
        const auto d = u_charDirection(static_cast<UChar32>(c));
        found = found || d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC;
    });
    return found;
}

/// In a line with right-to-left pieces (in visual order, one run each in `runs`), a stretch of
/// pieces without right-to-left letters whose visual order is not their logical order (the
/// numbers of a range inside Arabic or Hebrew text, ١٢–١٥ drawn ١٥–١٢; a Latin title and the
/// parenthesis that follows it) gets its logical text as the runs' ActualText. Extractors
/// reverse right-to-left letters themselves but take digits, Latin and their separators in
/// the order they are drawn.
/// `space_at`: where the space the line break takes sits (drawn after the piece that ends
/// there, see set_paragraph), or no position; a stretch ending there states it too.
void mark_reordered_stretches(const std::string& t, const std::vector<Piece>& pieces,
                              std::vector<GlyphRun>& runs, std::uint32_t space_at) {
    if (!std::any_of(pieces.begin(), pieces.end(), [](const Piece& p) { return p.level & 1; }))
        return;
    const std::size_t n = std::min(pieces.size(), runs.size());
    for (std::size_t i = 0; i < n;) {
        if (has_rtl_letter(t, pieces[i].begin, pieces[i].end)) {
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        while (j < n && !has_rtl_letter(t, pieces[j].begin, pieces[j].end)) ++j;
        // Within the stretch, each longest sequence of pieces that is one piece of the text
        // (the Latin before a right-to-left quotation and the numbers inside it are not).
        for (std::size_t a = i; a < j;) {
            std::uint32_t lo = pieces[a].begin, hi = pieces[a].end, total = hi - lo;
            bool in_order = true;
            std::size_t b = a + 1;
            for (; b < j; ++b) {
                const std::uint32_t l2 = std::min(lo, pieces[b].begin);
                const std::uint32_t h2 = std::max(hi, pieces[b].end);
                const std::uint32_t t2 = total + (pieces[b].end - pieces[b].begin);
                if (t2 != h2 - l2) break;
                in_order = in_order && pieces[b].begin >= pieces[b - 1].end;
                lo = l2, hi = h2, total = t2;
            }
            if (!in_order) {
                runs[a].actual_runs = static_cast<int>(b - a);
                runs[a].actual_text = t.substr(lo, hi - lo + (hi == space_at ? 1 : 0));
            }
            a = b;
        }
        i = j;
    }
}

/// Whether the text before byte `b` is an explicit hyphen or an en dash (a break after it is
/// TeX's \exhyphenpenalty case).
bool after_explicit_hyphen(const std::string& t, std::uint32_t b) {
    if (b >= 1 && t[b - 1] == '-') return true;
    // U+2010 HYPHEN E2 80 90, U+2011 is non-breaking, U+2013 EN DASH E2 80 93.
    return b >= 3 && t[b - 3] == '\xE2' && t[b - 2] == '\x80' &&
           (t[b - 1] == '\x90' || t[b - 1] == '\x93');
}

/// Stretch at or above this is a fill (\parfillskip, the glue before a forced break).
constexpr double kFill = 1e5;

/// Where a URL or e-mail address in [a, b) may break without a hyphen (Chicago 14.18): after
/// a slash (not inside "//"), before a dot, comma, hyphen, underscore, tilde, question mark,
/// number sign or percent sign, and before or after an equals sign or ampersand. Empty when
/// the text is not a URL. Never within the scheme ("https://") or in the first or last three
/// characters.
std::vector<std::uint32_t> url_breaks(const std::string& t, std::uint32_t a, std::uint32_t b) {
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
        // Only at character starts (UTF-8 continuation bytes are 10xxxxxx).
        if ((after_slash || before_mark || after_join) &&
            (static_cast<unsigned char>(c) & 0xC0) != 0x80)
            out.push_back(i);
    }
    return out;
}

/// A word part shaped again on its own because HarfBuzz flags the break before `at` unsafe.
struct Reshaped {
    std::size_t run = 0;
    std::uint32_t pre_begin = 0, at = 0, post_end = 0;
    std::vector<text::Glyph> pre, post;  ///< glyphs of [pre_begin, at) and [at, post_end)
};

/// Scripts written without spaces between words: lines are justified between characters.
bool written_without_spaces(hb_script_t s) {
    return s == HB_SCRIPT_HAN || s == HB_SCRIPT_HIRAGANA || s == HB_SCRIPT_KATAKANA ||
           s == HB_SCRIPT_BOPOMOFO || s == HB_SCRIPT_THAI || s == HB_SCRIPT_LAO ||
           s == HB_SCRIPT_KHMER || s == HB_SCRIPT_MYANMAR || s == HB_SCRIPT_YI;
}

/// Whether a run's letters may take a share of justification: scripts written with separate
/// letters (Latin, Greek, Cyrillic). Joined scripts (Arabic, Syriac, Devanagari with its
/// headline...) would break apart, and scripts without spaces are justified differently.
bool letter_spaceable(const text::Run& run) {
    return run.face && !(run.level & 1) &&
           (run.script == HB_SCRIPT_LATIN || run.script == HB_SCRIPT_GREEK ||
            run.script == HB_SCRIPT_CYRILLIC || run.script == HB_SCRIPT_COMMON);
}

double advance_of(const std::vector<text::Glyph>& gs) {
    double w = 0;
    for (const auto& g : gs) w += g.advance;
    return w;
}

/// A hyphen glyph to print at a line end.
struct Hyphen {
    const text::Face* face = nullptr;
    std::uint32_t gid = 0;
    double advance = 0, size = 0, rise = 0;
    std::string lang;
};

/// The hyphen for a break at byte `at` (a soft hyphen): U+2010 HYPHEN or U+002D in the face and
/// size of the run that holds it.
Hyphen hyphen_at(const text::ShapedParagraph& shaped, const text::ParagraphText& para,
                 std::uint32_t at) {
    Hyphen h;
    // Runs are in text order: bisect (this runs for every hyphenation point of a paragraph).
    const auto it = std::partition_point(shaped.runs.begin(), shaped.runs.end(),
                                         [&](const text::Run& r) { return r.end <= at; });
    if (it == shaped.runs.end() || at < it->begin || !it->face) return h;
    const text::Run& run = *it;
    hb_codepoint_t gid = 0;
    hb_font_t* font = run.face->hb_font();
    if (!hb_font_get_nominal_glyph(font, 0x2010, &gid) &&
        !hb_font_get_nominal_glyph(font, 0x2D, &gid))
        return h;
    const auto& st = para.styles[static_cast<std::size_t>(run.style)];
    h.face = run.face;
    h.gid = gid;
    h.size = st.size;
    h.rise = st.rise;
    h.lang = st.lang;
    h.advance = hb_font_get_glyph_h_advance(font, gid) * st.size / run.face->upem();
    return h;
}

}  // namespace

std::vector<SetLine> set_paragraph(const text::ParagraphText& para, const ParagraphSpec& spec,
                                   text::FontBook& fonts, const text::MissingGlyph& on_missing) {
    std::vector<SetLine> out;
    const std::string& t = para.text;
    if (t.empty()) return out;
    quire::detail::check_time();  // the article's time limit (base/limits), once a paragraph
    const text::ShapedParagraph shaped = text::shape_paragraph(para, fonts, on_missing);
    // A right-to-left paragraph starts at the right: its first-line indent is there, and its
    // lines that are not justified to the full measure are set flush right.
    const bool rtl_para = shaped.base_level == 1;
    const bool flush_right = rtl_para && spec.rtl_flush_right;

    // Advance widths summed per byte, so any byte range has a width by prefix sums.
    std::vector<double> prefix(t.size() + 1, 0);
    for (const auto& run : shaped.runs)
        for (const auto& g : run.glyphs) prefix[g.cluster + 1] += g.advance;
    for (std::size_t i = 1; i < prefix.size(); ++i) prefix[i] += prefix[i - 1];
    auto width = [&](std::uint32_t a, std::uint32_t b) { return prefix[b] - prefix[a]; };
    // The same for the glyphs that may be letter-spaced (see letter_spaceable).
    std::vector<double> letter_prefix(t.size() + 1, 0);
    for (const auto& run : shaped.runs)
        if (letter_spaceable(run))
            for (const auto& g : run.glyphs) letter_prefix[g.cluster + 1] += g.advance;
    for (std::size_t i = 1; i < letter_prefix.size(); ++i) letter_prefix[i] += letter_prefix[i - 1];
    // And the number of clusters there (letter spacing goes after each cluster).
    std::vector<std::uint32_t> cluster_prefix(t.size() + 1, 0);
    for (const auto& run : shaped.runs)
        if (letter_spaceable(run))
            for (std::size_t gi = 0; gi < run.glyphs.size(); ++gi)
                if (gi == 0 || run.glyphs[gi - 1].cluster != run.glyphs[gi].cluster)
                    cluster_prefix[run.glyphs[gi].cluster + 1] += 1;
    for (std::size_t i = 1; i < cluster_prefix.size(); ++i)
        cluster_prefix[i] += cluster_prefix[i - 1];
    auto clusters_of = [](const std::vector<text::Glyph>& gs) {
        std::int64_t n = 0;
        for (std::size_t gi = 0; gi < gs.size(); ++gi)
            n += gi == 0 || gs[gi - 1].cluster != gs[gi].cluster;
        return n;
    };

    // Boxes, glue and penalties from the break opportunities.
    std::vector<Item> items;
    std::vector<Span> spans;
    auto push = [&](Item it, std::uint32_t a, std::uint32_t b) {
        items.push_back(it);
        spans.push_back({a, b});
    };
    if (spec.first_indent != 0) push(Item::box(spec.first_indent), 0, 0);
    std::uint32_t prev = 0;
    const auto len = static_cast<std::uint32_t>(t.size());
    // Raised spans (note marks) never start a line: no break where one begins.
    std::vector<bool> raised_start(t.size() + 1, false);
    for (const auto& sp : para.spans)
        if (para.styles[static_cast<std::size_t>(sp.style)].rise > 0) raised_start[sp.begin] = true;
    // The hyphen a line gets when it ends at a soft hyphen or a hyphenation point, by the index
    // of that penalty; and the word parts shaped again, by the same index.
    std::map<std::size_t, Hyphen> hyphens;
    std::map<std::size_t, Reshaped> reshaped;

    // Hyphenation points of the whole paragraph, per stretch of one language.
    std::vector<std::uint32_t> points;
    if (spec.hyphenate && !rtl_para) {
        const text::Hyphenator& hy = fonts.hyphenator();
        for (std::size_t i = 0; i < para.spans.size();) {
            const std::string& lang =
                para.styles[static_cast<std::size_t>(para.spans[i].style)].lang;
            std::size_t j = i + 1;
            while (j < para.spans.size() &&
                   para.styles[static_cast<std::size_t>(para.spans[j].style)].lang == lang)
                ++j;
            const std::string& l = lang.empty() ? spec.lang : lang;
            if (hy.supports(l)) {
                auto p = hy.points(t, para.spans[i].begin, para.spans[j - 1].end, l,
                                   spec.left_hyphen_min, spec.right_hyphen_min);
                points.insert(points.end(), p.begin(), p.end());
            }
            i = j;
        }
    }
    auto run_at = [&](std::uint32_t b) -> const text::Run* {
        const auto it = std::partition_point(shaped.runs.begin(), shaped.runs.end(),
                                             [&](const text::Run& r) { return r.end <= b; });
        return it != shaped.runs.end() && it->begin <= b ? &*it : nullptr;
    };
    // A word [a, b): one box, or boxes with a flagged penalty at each hyphenation point, or
    // with an unflagged one at each place a URL may break.
    auto push_word = [&](std::uint32_t a, std::uint32_t b) {
        if (const auto ub = url_breaks(t, a, b); !ub.empty()) {
            std::uint32_t s = a;
            for (const std::uint32_t at : ub) {
                push(Item::box(width(s, at)), s, at);
                push(Item::penalty_item(spec.url_penalty), at, at);
                s = at;
            }
            push(Item::box(width(s, b)), s, b);
            return;
        }
        auto pit = std::upper_bound(points.begin(), points.end(), a);
        std::uint32_t s = a;
        for (; pit != points.end() && *pit < b; ++pit) {
            const std::uint32_t at = *pit;
            const text::Run* run = run_at(at);
            // Left-to-right runs only (no right-to-left script here hyphenates), and the
            // character before the point in the same run.
            if (!run || !run->face || (run->level & 1) || run->begin >= at) continue;
            const Hyphen h = hyphen_at(shaped, para, at - 1);
            if (!h.face) continue;
            // Safe to break at `at`: a glyph starts the cluster there and HarfBuzz does not
            // flag it. Otherwise shape both parts again (a ligature or kerning across the break).
            const auto g = std::lower_bound(
                run->glyphs.begin(), run->glyphs.end(), at,
                [](const text::Glyph& gl, std::uint32_t v) { return gl.cluster < v; });
            const bool safe = g != run->glyphs.end() && g->cluster == at && !g->unsafe_to_break;
            double pre_fix = 0, post_fix = 0;
            const std::size_t index = items.size() + 1;  // of the penalty pushed below
            if (!safe) {
                Reshaped rs;
                rs.run = static_cast<std::size_t>(run - shaped.runs.data());
                rs.at = at;
                rs.pre_begin = std::max(run->begin, a);
                rs.post_end = std::min(run->end, b);
                rs.pre = text::shape_range(para, *run, rs.pre_begin, at);
                rs.post = text::shape_range(para, *run, at, rs.post_end);
                pre_fix = advance_of(rs.pre) - width(rs.pre_begin, at);
                post_fix = advance_of(rs.post) - width(at, rs.post_end);
                reshaped[index] = std::move(rs);
            }
            push(Item::box(width(s, at)), s, at);
            hyphens[items.size()] = h;
            push(Item::penalty_item(spec.hyphen_penalty, h.advance + pre_fix, true, post_fix), at,
                 at);
            s = at;
        }
        push(Item::box(width(s, b)), s, b);
    };

    for (const auto& bp : text::line_breaks(t, spec.lang)) {
        const std::uint32_t b = bp.offset;
        std::uint32_t ws = b;
        while (ws > prev && is_break_space(t[ws - 1])) --ws;
        if (ws > prev) push_word(prev, ws);
        if (b >= len) break;
        if (bp.hard) {
            push(Item::glue(0, 1e6, 0), ws, b);
            push(Item::penalty_item(-kInfinity), b, b);
        } else if (ws < b) {
            const double w = width(ws, b);
            // A spaced dash (" — ", " – ") never starts a line: it stays with the word before.
            if (starts_with_dash(t, b) || raised_start[b])
                push(Item::penalty_item(kInfinity), ws, ws);
            push(Item::glue(w, w / 2, w / 3), ws, b);  // TeX's space: stretch 1/2, shrink 1/3
        } else if (raised_start[b]) {
            // no break before a note mark
        } else if (b >= 2 && t[b - 2] == '\xC2' && t[b - 1] == '\xAD') {
            // A soft hyphen: a hyphenation point, printed as a hyphen when the line ends here.
            const Hyphen h = hyphen_at(shaped, para, b - 2);
            if (h.face) {
                hyphens[items.size()] = h;
                push(Item::penalty_item(spec.hyphen_penalty, h.advance, true), b, b);
            } else {
                push(Item::penalty_item(0), b, b);
            }
        } else if (after_explicit_hyphen(t, b)) {
            push(Item::penalty_item(spec.ex_hyphen_penalty, 0, true), b, b);
        } else if (const text::Run* run = b > 0 ? run_at(b - 1) : nullptr;
                   run && written_without_spaces(run->script)) {
            // Between ideographs, kana, or Thai words (ICU's dictionary breaks): no space to
            // stretch, so justification spreads the line between characters (JIS X 4051's
            // inter-character spacing).
            const double size = para.styles[static_cast<std::size_t>(run->style)].size;
            push(Item::glue(0, spec.inter_character_stretch * size, 0), b, b);
        } else {
            push(Item::penalty_item(0), b, b);
        }
        prev = b;
    }
    push(Item::glue(0, 1e6, 0), len, len);  // \parfillskip
    push(Item::penalty_item(-kInfinity), len, len);

    const auto lines = break_lines(items, {spec.width}, spec.params);

    // Where each glyph's cluster ends (the next cluster in logical order, or the run's end).
    // Clusters are monotone (HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS): ascending along a
    // left-to-right run's glyphs, descending along a right-to-left one's.
    std::vector<std::vector<std::uint32_t>> cluster_ends(shaped.runs.size());
    for (std::size_t ri = 0; ri < shaped.runs.size(); ++ri) {
        const auto& gs = shaped.runs[ri].glyphs;
        auto& ends = cluster_ends[ri];
        ends.resize(gs.size());
        std::uint32_t next = shaped.runs[ri].end;
        if (shaped.runs[ri].level & 1) {
            for (std::size_t gi = 0; gi < gs.size(); ++gi) {
                if (gi > 0 && gs[gi - 1].cluster != gs[gi].cluster) next = gs[gi - 1].cluster;
                ends[gi] = next;
            }
        } else {
            for (std::size_t gi = gs.size(); gi-- > 0;) {
                if (gi + 1 < gs.size() && gs[gi + 1].cluster != gs[gi].cluster)
                    next = gs[gi + 1].cluster;
                ends[gi] = next;
            }
        }
    }

    // The span holding byte b (spans are in text order).
    auto span_at = [&](std::uint32_t b) {
        const auto it = std::partition_point(para.spans.begin(), para.spans.end(),
                                             [&](const text::Span& sp) { return sp.end <= b; });
        return it != para.spans.end() && it->begin <= b ? static_cast<int>(it - para.spans.begin())
                                                        : -1;
    };
    for (std::size_t li = 0; li < lines.size(); ++li) {
        const Line& line = lines[li];
        std::uint32_t lb = len, le = 0;
        for (std::size_t k = line.start; k < line.end; ++k) {
            if (spans[k].begin == spans[k].end) continue;
            lb = std::min(lb, spans[k].begin);
            le = std::max(le, spans[k].end);
        }
        const bool last = li + 1 == lines.size();
        // A word part shaped again at the end of this line or at its start.
        const Reshaped* pre_part = nullptr;
        const Reshaped* post_part = nullptr;
        if (auto it = reshaped.find(line.end); it != reshaped.end()) pre_part = &it->second;
        if (li > 0)
            if (auto it = reshaped.find(lines[li - 1].end); it != reshaped.end())
                post_part = &it->second;

        // How the line reaches the measure: its excess (or shortfall) goes to the spaces and,
        // in scripts that tolerate it, a little to the letters (InDesign's letter spacing,
        // microtype's expansion): the breaker chooses breaks on the spaces alone, as TeX does,
        // and the letters then take their share, so word spaces vary less from line to line.
        double natural = 0, stretch = 0, shrink = 0;
        for (std::size_t k = line.start; k < line.end; ++k) {
            if (items[k].kind == Item::Kind::penalty) continue;
            natural += items[k].width;
            if (items[k].kind == Item::Kind::glue &&
                (spans[k].begin < spans[k].end || items[k].stretch < kFill)) {
                stretch += items[k].stretch;
                shrink += items[k].shrink;
            }
        }
        if (items[line.end].kind == Item::Kind::penalty) natural += items[line.end].width;
        if (li > 0 && items[lines[li - 1].end].kind == Item::Kind::penalty)
            natural += items[lines[li - 1].end].post_width;
        double letters = letter_prefix[le] - letter_prefix[lb];
        // Word parts shaped again replace glyphs of the paragraph's shaping.
        auto letters_in = [&](const std::vector<text::Glyph>& gs, std::uint32_t a,
                              std::uint32_t b) {
            return advance_of(gs) - (letter_prefix[b] - letter_prefix[a]);
        };
        std::int64_t clusters = cluster_prefix[le] - cluster_prefix[lb];
        if (pre_part && letter_spaceable(shaped.runs[pre_part->run])) {
            letters += letters_in(pre_part->pre, pre_part->pre_begin, pre_part->at);
            clusters += clusters_of(pre_part->pre) -
                        (cluster_prefix[pre_part->at] - cluster_prefix[pre_part->pre_begin]);
        }
        if (post_part && letter_spaceable(shaped.runs[post_part->run])) {
            letters += letters_in(post_part->post, post_part->at, post_part->post_end);
            clusters += clusters_of(post_part->post) -
                        (cluster_prefix[post_part->post_end] - cluster_prefix[post_part->at]);
        }
        double excess = spec.width - natural;
        const bool justified = spec.justify && !(last && !spec.last_line_justify);
        if (!justified) excess = std::min(excess, 0.0);
        double glue_ratio = 0, letter_ratio = 0;  // per unit of glue stretch, of letter advance
        if (excess > 0) {
            const double room = stretch + spec.letter_space_stretch * letters;
            if (room > 0) {
                double rr = excess / room;
                if (rr > 1) {
                    // Letters give at most their own share; the spaces take the rest (a line
                    // without spaces stays short rather than letter-spaced without limit).
                    glue_ratio =
                        stretch > 0 ? (excess - spec.letter_space_stretch * letters) / stretch : 0;
                    rr = 1;
                } else {
                    glue_ratio = rr;
                }
                letter_ratio = rr * spec.letter_space_stretch;
            }
        } else if (excess < 0) {
            const double room = shrink + spec.letter_space_shrink * letters;
            const double rr = room > 0 ? std::max(excess / room, -1.0) : 0;
            glue_ratio = rr;
            letter_ratio = rr * spec.letter_space_shrink;
        }
        // The letters' share, the same after every cluster of the line (so the PDF states it
        // once per run, as character spacing): the room of letter_ratio x their advance.
        const double per_cluster =
            clusters > 0 ? letter_ratio * letters / static_cast<double>(clusters) : 0;
        SetLine sl;
        sl.overfull = excess < -(shrink + spec.letter_space_shrink * letters) - 1e-6;
        // Extra width given to each space (after the space's glyph), and to each place between
        // two characters of a script without spaces (before the second character).
        std::vector<std::pair<std::uint32_t, double>> extra, extra_before;
        for (std::size_t k = line.start; k < line.end; ++k) {
            if (items[k].kind != Item::Kind::glue) continue;
            const double e = glue_ratio * (glue_ratio >= 0 ? items[k].stretch : items[k].shrink);
            if (spans[k].begin < spans[k].end)
                extra.emplace_back(spans[k].begin, e);
            else if (items[k].stretch < kFill)
                extra_before.emplace_back(spans[k].begin, e);
        }
        // Both are in text order (items are): bisect, a long line has many spaces.
        auto lookup = [](const std::vector<std::pair<std::uint32_t, double>>& v, std::uint32_t c) {
            const auto it = std::lower_bound(v.begin(), v.end(), c,
                                             [](const std::pair<std::uint32_t, double>& e,
                                                std::uint32_t at) { return e.first < at; });
            return it != v.end() && it->first == c ? it->second : 0.0;
        };
        auto extra_at = [&](std::uint32_t c) { return lookup(extra, c); };
        auto extra_before_at = [&](std::uint32_t c) {
            return extra_before.empty() ? 0.0 : lookup(extra_before, c);
        };

        std::vector<Piece> pieces;
        // Runs cover the text in logical order: start at the first run that reaches past lb, so
        // that a long paragraph does not cost (lines x runs).
        const auto first_run =
            std::partition_point(shaped.runs.begin(), shaped.runs.end(),
                                 [&](const text::Run& run) { return run.end <= lb; });
        if (lb < le)
            for (auto it = first_run; it != shaped.runs.end() && it->begin < le; ++it) {
                const std::uint32_t a = std::max(it->begin, lb), b = std::min(it->end, le);
                if (a < b)
                    pieces.push_back(
                        {static_cast<std::size_t>(it - shaped.runs.begin()), a, b, it->level});
            }
        reorder_visually(pieces);

        double x = li == 0 && !flush_right ? spec.first_indent : 0;
        for (const Piece& p : pieces) {
            const text::Run& run = shaped.runs[p.run];
            const text::SpanStyle& st = para.styles[static_cast<std::size_t>(run.style)];
            GlyphRun gr;
            gr.face = run.face;
            gr.size = st.size;
            gr.lang = st.lang;
            gr.text = t.substr(p.begin, p.end - p.begin);
            const std::vector<std::uint32_t>& ends = cluster_ends[p.run];
            const bool rtl = run.level & 1;
            const double x0 = x;
            // Clusters are monotone (see cluster_ends), so the glyphs of [p.begin, p.end) are one
            // stretch of the run: find it by bisection, not by a scan of the whole run for every
            // line (quadratic in a long single-run paragraph).
            const auto gb = run.glyphs.begin();
            const std::size_t g0 = static_cast<std::size_t>(
                std::partition_point(gb, run.glyphs.end(),
                                     [&](const text::Glyph& g) {
                                         return rtl ? g.cluster >= p.end : g.cluster < p.begin;
                                     }) -
                gb);
            const std::size_t g1 = static_cast<std::size_t>(
                std::partition_point(gb, run.glyphs.end(),
                                     [&](const text::Glyph& g) {
                                         return rtl ? g.cluster >= p.begin : g.cluster < p.end;
                                     }) -
                gb);
            // The piece's glyphs, with word parts shaped again where the line starts or ends
            // inside a word at an unsafe break (left-to-right runs only, see push_word).
            std::vector<text::Glyph> seq(run.glyphs.begin() + static_cast<std::ptrdiff_t>(g0),
                                         run.glyphs.begin() + static_cast<std::ptrdiff_t>(g1));
            std::vector<std::uint32_t> seq_ends(ends.begin() + static_cast<std::ptrdiff_t>(g0),
                                                ends.begin() + static_cast<std::ptrdiff_t>(g1));
            auto part_ends = [](const std::vector<text::Glyph>& gs, std::uint32_t end) {
                std::vector<std::uint32_t> e(gs.size(), end);
                for (std::size_t k = gs.size(); k-- > 0;)
                    e[k] = k + 1 < gs.size() && gs[k + 1].cluster != gs[k].cluster
                               ? gs[k + 1].cluster
                               : (k + 1 < gs.size() ? e[k + 1] : end);
                return e;
            };
            if (pre_part && pre_part->run == p.run && !rtl) {
                std::size_t keep = 0;
                while (keep < seq.size() && seq[keep].cluster < pre_part->pre_begin) ++keep;
                seq.resize(keep);
                seq_ends.resize(keep);
                const auto e = part_ends(pre_part->pre, std::min(pre_part->at, p.end));
                seq.insert(seq.end(), pre_part->pre.begin(), pre_part->pre.end());
                seq_ends.insert(seq_ends.end(), e.begin(), e.end());
            }
            if (post_part && post_part->run == p.run && !rtl) {
                std::size_t drop = 0;
                while (drop < seq.size() && seq[drop].cluster < post_part->post_end) ++drop;
                const auto e = part_ends(post_part->post, post_part->post_end);
                seq.erase(seq.begin(), seq.begin() + static_cast<std::ptrdiff_t>(drop));
                seq_ends.erase(seq_ends.begin(),
                               seq_ends.begin() + static_cast<std::ptrdiff_t>(drop));
                seq.insert(seq.begin(), post_part->post.begin(), post_part->post.end());
                seq_ends.insert(seq_ends.begin(), e.begin(), e.end());
            }
            const double letter_extra = letter_spaceable(run) ? per_cluster : 0;
            gr.char_spacing = letter_extra;
            gr.rtl = rtl;
            double pending = 0;  // letter spacing of the cluster before, added where one ends
            std::vector<PlacedGlyph> placed;
            placed.reserve(seq.size());
            for (std::size_t gi = 0; gi < seq.size(); ++gi) {
                const text::Glyph& g = seq[gi];
                if (g.cluster < p.begin || g.cluster >= p.end) continue;
                // The logically first glyph of a cluster carries its text: in a right-to-left
                // run that is the visually last one. Pieces start and end at cluster boundaries,
                // so neighbours within the piece decide.
                bool first = false;
                if (rtl) {
                    first = gi + 1 == seq.size() || seq[gi + 1].cluster != g.cluster;
                } else {
                    first = gi == 0 || seq[gi - 1].cluster != g.cluster;
                }
                // Letter spacing goes between clusters, never between a base and its marks.
                if (gi == 0 || seq[gi - 1].cluster != g.cluster) {
                    x += pending;
                    pending = 0;
                }
                if (gi == 0 || seq[gi - 1].cluster != g.cluster) pending = letter_extra;
                if (first) x += extra_before_at(g.cluster);
                PlacedGlyph pg;
                pg.gid = g.gid;
                pg.x = x + g.dx;
                pg.y = g.dy + st.rise;
                x += g.advance;
                if (first) {
                    const std::uint32_t end = std::min(seq_ends[gi], p.end);
                    pg.text_begin = g.cluster - p.begin;
                    pg.text_end = end - p.begin;
                    x += extra_at(g.cluster);
                }
                placed.push_back(pg);
            }
            x += pending;
            gr.glyphs = std::move(placed);
            gr.link = st.note_mark > 0 || st.note_target || !st.href.empty();
            gr.offset = p.begin;
            gr.span = span_at(p.begin);
            if (gr.link)
                sl.marks.push_back({st.note_mark, st.note_target, x0, x, st.href, gr.span});
            // The space the line break takes is drawn too, as a real space glyph after the
            // line's logically last piece (invisible, taking no room): every byte of the
            // paragraph is drawn once, and text read in any order keeps its word spaces.
            if (p.end == le && le < len && is_break_space(t[le]))
                if (const auto* sp = run_at(le); sp && sp->face == run.face) {
                    const auto g = std::lower_bound(sp->glyphs.begin(), sp->glyphs.end(), le,
                                                    [&](const text::Glyph& gl, std::uint32_t v) {
                                                        return (sp->level & 1) ? gl.cluster > v
                                                                               : gl.cluster < v;
                                                    });
                    if (g != sp->glyphs.end() && g->cluster == le) {
                        const auto at = static_cast<std::uint32_t>(gr.text.size());
                        gr.text.push_back(' ');
                        // Right to left: at the run's visual start, left of its first glyph.
                        const PlacedGlyph space{g->gid, rtl ? x0 - g->advance : x, st.rise, at,
                                                at + 1};
                        if (rtl)
                            gr.glyphs.insert(gr.glyphs.begin(), space);
                        else
                            gr.glyphs.push_back(space);
                    }
                }
            sl.runs.push_back(std::move(gr));
        }
        mark_reordered_stretches(t, pieces, sl.runs,
                                 le < len && is_break_space(t[le]) ? le : 0xFFFFFFFFu);
        // A line that ends at a soft hyphen or a hyphenation point prints a hyphen.
        if (auto h = hyphens.find(line.end); h != hyphens.end()) {
            GlyphRun gr;
            gr.face = h->second.face;
            gr.size = h->second.size;
            gr.lang = h->second.lang;
            // It stands for no character of the source: a soft hyphen (ISO 32000-1 14.8.2.5),
            // which extractors drop when they join the word again.
            gr.text = "\u00AD";
            gr.hyphen = true;
            gr.offset = le;
            gr.span = le > 0 ? span_at(le - 1) : -1;
            gr.glyphs.push_back({h->second.gid, x, h->second.rise, 0, 2});
            x += h->second.advance;
            sl.runs.push_back(std::move(gr));
        }
        if (flush_right) {
            // Right-to-left: the line ends at the right of the measure (less the first line's
            // indent); justified lines already fill it, the others are set flush right.
            const double right = spec.width - (li == 0 ? spec.first_indent : 0);
            // An overfull line (wider than the measure) stays where it starts, as in
            // left-to-right text, and runs over the margin rather than off the page.
            const double shift = std::max(right - x, 0.0);
            if (std::abs(shift) > 1e-9) {
                for (auto& r : sl.runs)
                    for (auto& g : r.glyphs) g.x += shift;
                for (auto& m : sl.marks) m.x0 += shift, m.x1 += shift;
            }
            x += shift;
        }
        sl.width = x;
        out.push_back(std::move(sl));
    }
    return out;
}

void place_runs(Page& page, const SetLine& line, double x, double baseline) {
    for (const auto& run : line.runs) {
        GlyphRun gr = run;
        for (auto& g : gr.glyphs) {
            g.x += x;
            g.y += baseline;
        }
        page.runs.push_back(std::move(gr));
    }
}

}  // namespace quire::inline v0::layout

// pdf/content_stream: see content_stream.hpp.
#include "pdf/content_stream.hpp"

#include "base/utf8.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace quire::inline v0::pdf {

void put_num(std::string& out, double v) {
    // Layout keeps coordinates finite and page-sized; clamp anyway so that no stream ever holds
    // "nan" or an unterminated buffer.
    if (!std::isfinite(v)) v = 0;
    v = std::clamp(v, -1e9, 1e9);
    if (std::abs(v) < 0.0005) v = 0;
    char buf[64];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 3);
    if (ec != std::errc()) {
        out += '0';
        return;
    }
    char* end = p;
    if (std::find(buf, end, '.') != end) {
        while (end[-1] == '0') --end;
        if (end[-1] == '.') --end;
    }
    out.append(buf, end);
}

namespace {

void put_hex4(std::string& out, std::uint16_t v) {
    static const char* hex = "0123456789ABCDEF";
    out += hex[(v >> 12) & 15];
    out += hex[(v >> 8) & 15];
    out += hex[(v >> 4) & 15];
    out += hex[v & 15];
}

/// UTF-8 → UTF-16BE hex with a BOM, for /ActualText.
std::string utf16_hex(std::string_view s) {
    const std::u16string u16 = utf8::to_utf16(s);
    std::string out = "FEFF";
    for (char16_t u : u16) put_hex4(out, static_cast<std::uint16_t>(u));
    return out;
}

/// The text of one right-to-left cluster as its glyph states it (ToUnicode or ActualText).
/// Extractors put right-to-left text in reading order by reversing the characters of each
/// line, taken in the order of the glyphs on the page; a glyph that stands for several
/// characters that are all right-to-left letters (a lam-alef ligature) is reversed in advance
/// (poppler's TextPage::addChar), any other (a letter with its harakat or niqqud, which are
/// not right-to-left letters but marks) is not. So such a cluster's text is stated in visual
/// order, marks first, and comes out in logical order, each mark after its letter.
std::string visual_cluster_text(std::string_view txt) {
    std::u32string cps;
    bool all_rtl = true;
    utf8::for_each(txt, [&](char32_t c, std::size_t) {
        cps.push_back(c);
        const auto d = u_charDirection(static_cast<UChar32>(c));
        all_rtl = all_rtl && (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC);
    });
    if (cps.size() < 2 || all_rtl) return std::string(txt);
    std::string out;
    for (auto it = cps.rbegin(); it != cps.rend(); ++it) utf8::append(out, *it);
    return out;
}

/// The characters of `txt` in reverse order: the text of a right-to-left word's ActualText
/// span, which extractors spread over the word's extent from left to right and then reverse
/// with the line (poppler reverses a glyph's own text of several right-to-left letters in
/// advance, see visual_cluster_text, but not an ActualText).
std::string reversed(std::string_view txt) {
    std::u32string cps;
    utf8::for_each(txt, [&](char32_t c, std::size_t) { cps.push_back(c); });
    std::string out;
    for (auto it = cps.rbegin(); it != cps.rend(); ++it) utf8::append(out, *it);
    return out;
}

}  // namespace

std::string ContentWriter::page(const layout::Page& p, std::size_t index,
                                std::set<std::size_t>& used, double bleed,
                                const layout::Structure& st) {
    st_ = &st;
    out_.clear();
    page_ = index;
    page_colour_ = false;
    if (bleed > 0) {
        out_ += "1 0 0 1 ";
        put_num(out_, bleed), out_ += ' ', put_num(out_, bleed);
        out_ += " cm\n";
    }
    if (!p.rules.empty()) out_ += "/Artifact BMC\n";
    for (const auto& r : p.rules) {
        put_color(r.color);
        out_ += ' ';
        put_num(out_, r.x), out_ += ' ', put_num(out_, r.y), out_ += ' ';
        put_num(out_, r.width), out_ += ' ', put_num(out_, r.height), out_ += " re f\n";
    }
    if (!p.rules.empty()) out_ += "EMC\n";
    color_ = 0;  // the text's fill colour: "0 g" below
    if (!p.runs.empty()) out_ += "BT\n0 g\n";
    // Each page's content stream starts with the default text state.
    tc_ = 0;
    th_ = 1;
    int span_left = 0;  // runs still inside an ActualText span of several runs
    for (const auto& run : p.runs) {
        if (run.actual_runs > 0 && span_left == 0) {
            close_marked();
            out_ += "/Span <</ActualText <" + utf16_hex(run.actual_text) + ">>> BDC\n";
            span_left = run.actual_runs;
            in_span_ = true;
        }
        mark(run);
        write_page_run(run, used);
        if (span_left > 0 && --span_left == 0) {
            close_marked();
            out_ += "EMC\n";
            in_span_ = false;
        }
    }
    close_marked();
    if (!p.runs.empty()) out_ += "ET\n";
    return out_;
}

void ContentWriter::picture(std::string& out, const layout::Picture& pic, const std::string& name) {
    // The marked content: its Figure's, or an artifact's.
    if (pic.elem < 0)
        out += "/Artifact BMC\n";
    else
        out += "/Figure <</MCID " + std::to_string(mc_.add(page_, pic.elem, 0)) + ">> BDC\n";
    char buf[200];
    if (pic.clip_width > 0) {  // cropped: a clipping path around it
        std::snprintf(buf, sizeof buf, "q %.3f %.3f %.3f %.3f re W n\n", pic.clip_x, pic.clip_y,
                      pic.clip_width, pic.clip_height);
        out += buf;
    }
    std::snprintf(buf, sizeof buf, "q %.3f 0 0 %.3f %.3f %.3f cm /%s Do Q\n", pic.width, pic.height,
                  pic.x, pic.y, name.c_str());
    out += buf;
    if (pic.clip_width > 0) out += "Q\n";
    out += "EMC\n";
}

/// Opens the marked-content sequence of `run`, unless it continues the one open: same
/// element, further on in reading order, neither right to left.
void ContentWriter::mark(const layout::GlyphRun& run) {
    if (run.glyphs.empty() || !run.face) return;
    if (run.elem < 0) {
        if (open_ == Open::artifact) return;
        close_marked();
        out_ += "/Artifact <</Type /Pagination>> BDC\n";
        open_ = Open::artifact;
        return;
    }
    // (A hyphen at a line end stands for no text of its own.)
    const std::uint64_t end = run.hyphen ? run.order : run.order + run.text.size();
    // A run read after a space that is not drawn (a contents entry's page number after its
    // title) gets it as an empty sequence whose ActualText is that space, just before the
    // run in reading order.
    const bool space = run.space_before;
    const bool actual = run.rtl;
    if (open_ == Open::tagged && run.elem == elem_ && !actual && !actual_ && !space &&
        run.order >= end_) {
        end_ = std::max(end_, end);
        return;
    }
    close_marked();
    if (space)
        out_ += '/' + tag_of(run.elem, true) + " <</MCID " +
                std::to_string(mc_.add(page_, run.elem, run.order > 0 ? run.order - 1 : 0)) +
                " /ActualText <FEFF0020>>> BDC EMC\n";
    out_ += '/' + tag_of(run.elem, actual) + " <</MCID " +
            std::to_string(mc_.add(page_, run.elem, run.order));
    // A right-to-left run is drawn in visual order: its logical text is stated here (not
    // on a /Span: extractors that reorder by position, poppler's, read a Span's ActualText
    // and would reverse it again; this one is for readers that follow the structure).
    if (actual) out_ += " /ActualText <" + utf16_hex(run.text) + '>';
    out_ += ">> BDC\n";
    open_ = Open::tagged;
    elem_ = run.elem;
    end_ = end;
    actual_ = actual;
}

/// The tag of a sequence of element `elem`: its type; but poppler takes the ActualText of
/// a /Span sequence as text to reorder by position, so a Span (text in another language)
/// whose sequence states an ActualText is tagged as its nearest other ancestor's content.
const std::string& ContentWriter::tag_of(int elem, bool actual) const {
    while (actual && st_->elems[static_cast<std::size_t>(elem)].type == "Span" &&
           st_->elems[static_cast<std::size_t>(elem)].parent >= 0)
        elem = st_->elems[static_cast<std::size_t>(elem)].parent;
    return st_->elems[static_cast<std::size_t>(elem)].type;
}

void ContentWriter::close_marked() {
    if (open_ == Open::none) return;
    close_tj();
    out_ += "EMC\n";
    open_ = Open::none;
}

void ContentWriter::write_page_run(const layout::GlyphRun& run, std::set<std::size_t>& used) {
    if (!run.face || run.glyphs.empty()) return;
    if (run.color != color_) {
        put_color(run.color);
        out_ += '\n';
        color_ = run.color;
    }
    const std::size_t f = fonts_.add(run.face);
    used.insert(f);
    out_ += '/' + FontSet::name(f) + ' ';
    put_num(out_, run.size);
    out_ += " Tf\n";
    // Font expansion: one horizontal scaling for the run (Tz, in percent), which scales the
    // glyphs, their advances, the character spacing and the TJ adjustments alike.
    const double th = std::round(run.h_scale * 1e5) / 1e5;
    if (th != th_) {
        put_num(out_, th * 100);
        out_ += " Tz\n";
        th_ = th;
    }
    // Letter spacing from justification: one Tc for the run, not a number per glyph (divided by
    // the horizontal scaling, which multiplies it).
    const double tc = std::round(run.char_spacing / th_ * 1e4) / 1e4;
    if (tc != tc_) {
        put_num(out_, tc);
        out_ += " Tc\n";
        tc_ = tc;
    }
    write_run(run, *fonts_.fonts[f]);
}

/// A fill colour: "0 g" for black (the default), else "r g b rg".
void ContentWriter::put_color(std::uint32_t c) {
    if (c == 0) {
        out_ += "0 g";
        return;
    }
    colour_ = page_colour_ = true;
    if (icc_rgb_) out_ += "/RGB cs ";
    for (int shift = 16; shift >= 0; shift -= 8) {
        put_num(out_, static_cast<double>((c >> shift) & 0xFFu) / 255.0);
        out_ += ' ';
    }
    out_ += icc_rgb_ ? "sc" : "rg";
}

void ContentWriter::open_tj(double x, double y) {
    out_ += "1 0 0 1 ";
    put_num(out_, x), out_ += ' ', put_num(out_, y);
    out_ += " Tm [";
    pen_x_ = x;
    pen_y_ = y;
    in_tj_ = true;
    in_hex_ = false;
}
void ContentWriter::close_tj() {
    if (!in_tj_) return;
    if (in_hex_) out_ += '>';
    out_ += "] TJ\n";
    in_tj_ = in_hex_ = false;
}

void ContentWriter::write_run(const layout::GlyphRun& run, EmbeddedFont& ef) {
    in_tj_ = false;
    if (in_span_) {
        // Inside an ActualText of several runs: the glyphs only (no span within a span),
        // each with the text it stands for where it has one.
        for (const auto& g : run.glyphs)
            write_glyph(g,
                        std::string_view(run.text.data() + g.text_begin, g.text_end - g.text_begin),
                        run.size, ef, true);
        close_tj();
        return;
    }
    if (!run.rtl) {
        write_ltr_run(run, ef);
        return;
    }
    write_rtl_run(run, ef);
}

/// A right-to-left run, drawn in visual order. Extractors (poppler) put right-to-left text in
/// reading order by reversing each line's characters, taken in the order of the glyphs on the
/// page, and they build words from glyph positions: they end a word where a glyph starts within
/// a tenth of an em of the one before (a duplicate, to them) or a tenth of an em past its end.
/// So a word whose glyphs all carry their text, each at its own place, is drawn glyph by glyph
/// (each cluster's text through the ToUnicode map, in visual order, see visual_cluster_text).
/// A word with a glyph that carries no text (a mark drawn on its own, a kashida) or with two
/// glyphs at one place (a letter of no advance drawn at its neighbour's origin, the alef of a
/// lam-alef split by a mark) is one ActualText span of the word's text, reversed (see
/// reversed): the extractor takes that text over the word's whole extent, whatever its glyphs.
void ContentWriter::write_rtl_run(const layout::GlyphRun& run, EmbeddedFont& ef) {
    const auto& gs = run.glyphs;
    const std::size_t n = gs.size();
    auto has_text = [&](std::size_t i) { return gs[i].text_end > gs[i].text_begin; };
    auto text_of = [&](std::size_t k) {
        return std::string_view(run.text.data() + gs[k].text_begin,
                                gs[k].text_end - gs[k].text_begin);
    };
    auto is_space = [&](std::size_t i) {
        if (gs[i].text_end != gs[i].text_begin + 1) return false;
        const char ch = run.text[gs[i].text_begin];
        return ch == ' ' || ch == '\n' || ch == '\t';
    };
    const double duplicate = 0.1 * run.size;  // poppler's dupMaxPriDelta, in ems
    for (std::size_t a = 0; a < n;) {
        if (is_space(a)) {
            write_glyph(gs[a], text_of(a), run.size, ef);
            ++a;
            continue;
        }
        std::size_t b = a;
        bool whole = false;
        std::uint32_t tb = 0xFFFFFFFFu, te = 0;
        std::size_t last_text = n;  // the word's glyph with text before b
        while (b < n && !is_space(b)) {
            if (!has_text(b)) {
                whole = true;
            } else {
                if (last_text < n && std::abs(gs[b].x - gs[last_text].x) < duplicate) whole = true;
                last_text = b;
                tb = std::min(tb, gs[b].text_begin);
                te = std::max(te, gs[b].text_end);
            }
            ++b;
        }
        if (!whole || tb >= te) {
            for (std::size_t k = a; k < b; ++k)
                write_glyph(gs[k], visual_cluster_text(text_of(k)), run.size, ef);
        } else {
            close_tj();
            out_ += "/Span <</ActualText <" +
                    utf16_hex(reversed(std::string_view(run.text.data() + tb, te - tb))) +
                    ">>> BDC\n";
            // Each glyph still maps to its own text where it has one (a clean ToUnicode for
            // tools that ignore ActualText); marks and kashidas map to nothing.
            for (std::size_t k = a; k < b; ++k)
                write_glyph(gs[k], visual_cluster_text(text_of(k)), run.size, ef,
                            /*in_span=*/true);
            close_tj();
            out_ += "EMC\n";
        }
        a = b;
    }
    close_tj();
}

/// A left-to-right run. A word (the glyphs between two spaces) with a cluster of several
/// glyphs (a base and its marks, a reordered Indic vowel sign, stacked Thai marks) is one
/// ActualText span, so text extraction gets its characters in logical order, whatever the
/// glyphs' order and positions. The span is the whole word, not the cluster: extractors
/// (poppler) give a span the extent from its first glyph's origin to its last glyph's
/// advance, and a cluster that ends with a mark drawn back over its base (कृ, के) would
/// end short of the next letter and split the word there.
void ContentWriter::write_ltr_run(const layout::GlyphRun& run, EmbeddedFont& ef) {
    const auto& gs = run.glyphs;
    const std::size_t n = gs.size();
    auto has_text = [&](std::size_t i) { return gs[i].text_end > gs[i].text_begin; };
    auto is_space = [&](std::size_t i) {
        if (gs[i].text_end != gs[i].text_begin + 1) return false;
        const char ch = run.text[gs[i].text_begin];
        return ch == ' ' || ch == '\n' || ch == '\t';
    };
    for (std::size_t a = 0; a < n;) {
        if (is_space(a)) {
            write_glyph(gs[a], std::string_view(run.text.data() + gs[a].text_begin, 1), run.size,
                        ef);
            ++a;
            continue;
        }
        std::size_t b = a;
        bool clustered = false;
        std::uint32_t tb = 0xFFFFFFFFu, te = 0;
        while (b < n && !is_space(b)) {
            if (!has_text(b)) {
                clustered = true;
            } else {
                tb = std::min(tb, gs[b].text_begin);
                te = std::max(te, gs[b].text_end);
            }
            ++b;
        }
        auto text_of = [&](std::size_t k) {
            return std::string_view(run.text.data() + gs[k].text_begin,
                                    gs[k].text_end - gs[k].text_begin);
        };
        if (!clustered || tb >= te) {
            for (std::size_t k = a; k < b; ++k) write_glyph(gs[k], text_of(k), run.size, ef);
        } else {
            close_tj();
            out_ += "/Span <</ActualText <" +
                    utf16_hex(std::string_view(run.text.data() + tb, te - tb)) + ">>> BDC\n";
            // Each glyph still maps to its own text where it has one (a clean ToUnicode
            // for tools that ignore ActualText); marks map to nothing.
            for (std::size_t k = a; k < b; ++k)
                write_glyph(gs[k], text_of(k), run.size, ef, /*in_span=*/true);
            close_tj();
            out_ += "EMC\n";
        }
        a = b;
    }
    close_tj();
}

void ContentWriter::write_glyph(const layout::PlacedGlyph& g, std::string_view txt, double size,
                                EmbeddedFont& ef, bool in_span) {
    const auto code = ef.encode(g.gid, txt);
    if (!code.exact && !in_span) {
        // The font's ToUnicode cannot say this text for this glyph: ActualText does.
        close_tj();
        out_ += "/Span <</ActualText <" + utf16_hex(txt) + ">>> BDC\n";
        open_tj(g.x, g.y);
        put_code(code.code);
        pen_x_ = g.x + code.width * size / 1000.0 * th_ + tc_ * th_;
        close_tj();
        out_ += "EMC\n";
        return;
    }
    if (!in_tj_ || std::abs(g.y - pen_y_) > 1e-4) {
        close_tj();
        open_tj(g.x, g.y);
    } else {
        const double delta = g.x - pen_x_;
        if (std::abs(delta) > 1e-4) {
            if (in_hex_) out_ += '>', in_hex_ = false;
            put_num(out_, -delta * 1000.0 / (size * th_));
        }
    }
    put_code(code.code);
    pen_x_ = g.x + code.width * size / 1000.0 * th_ + tc_ * th_;
}

void ContentWriter::put_code(std::uint16_t c) {
    if (!in_hex_) out_ += '<', in_hex_ = true;
    put_hex4(out_, c);
}

}  // namespace quire::inline v0::pdf

// text/shape: itemization (bidi, script, style, font) and HarfBuzz shaping of paragraphs.
//
// Itemization follows the usual order (cf. raqm, Typst's shaping): bidi levels from ICU ubidi
// (UAX #9) over the whole paragraph; scripts from ICU with Common and Inherited characters
// resolved to their neighbours; fonts chosen per character along the style's fallback chain,
// with spaces, punctuation and marks staying in the font of the text around them. Each run is
// shaped with the whole paragraph as context (so joining and kerning see across run ends).
// Invariant: runs cover the paragraph text exactly, in logical order, without overlap.
#include "text/shape.hpp"

#include "model/labels.hpp"

#include "base/utf8.hpp"

#include <unicode/brkiter.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>

#include <algorithm>

#include <map>
#include <memory>

namespace quire::text {

namespace {

struct CodePoint {
    char32_t c;
    std::uint32_t offset;  ///< byte offset
};

std::vector<CodePoint> decode(const std::string& s) {
    std::vector<CodePoint> out;
    out.reserve(s.size());
    utf8::for_each(s, [&](char32_t c, std::size_t i) {
        out.push_back({c, static_cast<std::uint32_t>(i)});
    });
    return out;
}

bool is_default_ignorable(char32_t c) {
    return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

/// Bidi levels per code point.
std::vector<std::uint8_t> bidi_levels(const std::vector<CodePoint>& cps, int base_level) {
    std::vector<std::uint8_t> levels(cps.size(), static_cast<std::uint8_t>(base_level));
    bool needs_bidi = base_level != 0;
    for (const auto& cp : cps) {
        auto dir = u_charDirection(static_cast<UChar32>(cp.c));
        if (dir == U_RIGHT_TO_LEFT || dir == U_RIGHT_TO_LEFT_ARABIC ||
            dir == U_RIGHT_TO_LEFT_EMBEDDING || dir == U_RIGHT_TO_LEFT_OVERRIDE ||
            dir == U_RIGHT_TO_LEFT_ISOLATE || dir == U_ARABIC_NUMBER) {
            needs_bidi = true;
            break;
        }
    }
    if (!needs_bidi) return levels;
    std::u16string u16;
    std::vector<std::uint32_t> cp_of_unit;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        utf8::append_utf16(u16, cps[i].c);
        cp_of_unit.resize(u16.size(), static_cast<std::uint32_t>(i));
    }
    UErrorCode st = U_ZERO_ERROR;
    UBiDi* bidi = ubidi_openSized(static_cast<int32_t>(u16.size()), 0, &st);
    ubidi_setPara(bidi, reinterpret_cast<const UChar*>(u16.data()),
                  static_cast<int32_t>(u16.size()), static_cast<UBiDiLevel>(base_level), nullptr,
                  &st);
    if (U_SUCCESS(st)) {
        const UBiDiLevel* lv = ubidi_getLevels(bidi, &st);
        if (U_SUCCESS(st) && lv)
            for (std::size_t u = 0; u < u16.size(); ++u) levels[cp_of_unit[u]] = lv[u];
    }
    ubidi_close(bidi);
    return levels;
}

/// UAX #9 P2: the direction of the first strong character (isolates skipped by ICU), or -1.
int first_strong_level(std::string_view text) {
    std::u16string u16;
    utf8::for_each(text, [&](char32_t c, std::size_t) { utf8::append_utf16(u16, c); });
    const UBiDiDirection d = ubidi_getBaseDirection(reinterpret_cast<const UChar*>(u16.data()),
                                                    static_cast<int32_t>(u16.size()));
    return d == UBIDI_RTL ? 1 : d == UBIDI_LTR ? 0 : -1;
}

/// The paragraph's base level: `base_level` when set, else resolved as ParagraphText says.
int resolved_base_level(const ParagraphText& para) {
    if (para.base_level >= 0) return para.base_level & 1;
    const int strong = first_strong_level(para.text);
    if (strong >= 0) return strong;
    const std::string& lang =
        para.styles.empty() || para.spans.empty()
            ? std::string()
            : para.styles[static_cast<std::size_t>(para.spans.front().style)].lang;
    return labels::is_rtl_language(lang) ? 1 : 0;
}

/// Scripts per code point with Common and Inherited resolved to their neighbours.
std::vector<hb_script_t> scripts(const std::vector<CodePoint>& cps) {
    std::vector<UScriptCode> sc(cps.size());
    for (std::size_t i = 0; i < cps.size(); ++i) {
        UErrorCode st = U_ZERO_ERROR;
        sc[i] = uscript_getScript(static_cast<UChar32>(cps[i].c), &st);
    }
    // Forward pass: Inherited and Common take the script before them.
    UScriptCode last = USCRIPT_COMMON;
    for (auto& s : sc) {
        if (s == USCRIPT_INHERITED || s == USCRIPT_COMMON) {
            if (last != USCRIPT_COMMON) s = last;
        } else {
            last = s;
        }
    }
    // Backward pass for a leading run of Common characters.
    last = USCRIPT_COMMON;
    for (auto it = sc.rbegin(); it != sc.rend(); ++it) {
        if (*it == USCRIPT_COMMON || *it == USCRIPT_INHERITED) {
            if (last != USCRIPT_COMMON) *it = last;
        } else {
            last = *it;
        }
    }
    // ICU script codes to HarfBuzz tags, looked up once.
    static const std::vector<hb_script_t> table = [] {
        std::vector<hb_script_t> t(USCRIPT_CODE_LIMIT);
        for (int c = 0; c < USCRIPT_CODE_LIMIT; ++c)
            t[static_cast<std::size_t>(c)] =
                hb_script_from_string(uscript_getShortName(static_cast<UScriptCode>(c)), -1);
        return t;
    }();
    std::vector<hb_script_t> out(sc.size());
    for (std::size_t i = 0; i < sc.size(); ++i)
        out[i] = sc[i] >= 0 && sc[i] < USCRIPT_CODE_LIMIT ? table[static_cast<std::size_t>(sc[i])]
                                                          : HB_SCRIPT_COMMON;
    return out;
}

struct BufferDeleter {
    void operator()(hb_buffer_t* b) const { hb_buffer_destroy(b); }
};

hb_buffer_t* thread_buffer() {
    thread_local std::unique_ptr<hb_buffer_t, BufferDeleter> buf(hb_buffer_create());
    hb_buffer_clear_contents(buf.get());
    return buf.get();
}

/// Shapes the bytes [begin, end) of the paragraph with the run's face, direction, script and
/// language; the rest of the paragraph is context.
std::vector<Glyph> shape_bytes(const ParagraphText& para, const Run& run, std::uint32_t begin,
                               std::uint32_t end) {
    hb_buffer_t* buf = thread_buffer();
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
    hb_buffer_add_utf8(buf, para.text.data(), static_cast<int>(para.text.size()), begin,
                       static_cast<int>(end - begin));
    hb_buffer_set_direction(buf, (run.level & 1) ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, run.script);
    const SpanStyle& st = para.styles[static_cast<std::size_t>(run.style)];
    if (!st.lang.empty()) hb_buffer_set_language(buf, hb_language_from_string(st.lang.c_str(), -1));
    unsigned flags = 0;
    if (begin == 0) flags |= HB_BUFFER_FLAG_BOT;
    if (end == para.text.size()) flags |= HB_BUFFER_FLAG_EOT;
    hb_buffer_set_flags(buf, static_cast<hb_buffer_flags_t>(flags));
    hb_shape(run.face->hb_font(), buf, nullptr, 0);
    unsigned n = 0;
    hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
    const double scale = st.size / run.face->upem();
    std::vector<Glyph> glyphs(n);
    for (unsigned i = 0; i < n; ++i) {
        Glyph& g = glyphs[i];
        g.gid = info[i].codepoint;
        g.cluster = info[i].cluster;
        g.advance = pos[i].x_advance * scale;
        g.dx = pos[i].x_offset * scale;
        g.dy = pos[i].y_offset * scale;
        g.unsafe_to_break = hb_glyph_info_get_glyph_flags(&info[i]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK;
    }
    return glyphs;
}

void shape_run(const ParagraphText& para, Run& run) {
    run.glyphs = shape_bytes(para, run, run.begin, run.end);
}

}  // namespace

void ParagraphText::append(std::string_view s, const SpanStyle& style) {
    if (s.empty()) return;
    auto begin = static_cast<std::uint32_t>(text.size());
    text.append(s);
    auto end = static_cast<std::uint32_t>(text.size());
    int idx = -1;
    for (std::size_t i = 0; i < styles.size(); ++i) {
        const SpanStyle& o = styles[i];
        if (o.chain == style.chain && o.face == style.face && o.size == style.size &&
            o.rise == style.rise && o.lang == style.lang && o.note_mark == style.note_mark &&
            o.note_target == style.note_target && o.href == style.href)
            idx = static_cast<int>(i);
    }
    if (idx < 0) {
        styles.push_back(style);
        idx = static_cast<int>(styles.size() - 1);
    }
    if (!spans.empty() && spans.back().style == idx && spans.back().end == begin)
        spans.back().end = end;
    else
        spans.push_back({begin, end, idx});
}

std::vector<Glyph> shape_range(const ParagraphText& para, const Run& run, std::uint32_t begin,
                               std::uint32_t end) {
    if (!run.face || begin >= end) return {};
    return shape_bytes(para, run, begin, end);
}

ShapedParagraph shape_paragraph(const ParagraphText& para, FontBook& fonts,
                                const MissingGlyph& on_missing) {
    ShapedParagraph out;
    out.input = &para;
    if (para.text.empty()) return out;
    const auto cps = decode(para.text);
    out.base_level = resolved_base_level(para);
    const auto levels = bidi_levels(cps, out.base_level);
    const auto scr = scripts(cps);

    // Font per code point.
    std::vector<const Face*> face_of(cps.size(), nullptr);
    std::vector<int> style_of(cps.size(), 0);
    std::size_t span_i = 0;
    const Face* prev = nullptr;
    int prev_style = -1;
    std::vector<const Face*> chain;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        while (span_i + 1 < para.spans.size() && cps[i].offset >= para.spans[span_i].end) ++span_i;
        int style = para.spans.empty() ? 0 : para.spans[span_i].style;
        style_of[i] = style;
        if (style != prev_style) {
            const SpanStyle& st = para.styles[static_cast<std::size_t>(style)];
            chain = fonts.chain(st.chain, st.face);
            // The previous face stays only when it belongs to the new chain.
            if (prev && std::find(chain.begin(), chain.end(), prev) == chain.end()) prev = nullptr;
            prev_style = style;
        }
        const char32_t c = cps[i].c;
        const auto cat = u_charType(static_cast<UChar32>(c));
        const bool is_mark =
            cat == U_NON_SPACING_MARK || cat == U_ENCLOSING_MARK || cat == U_COMBINING_SPACING_MARK;
        const bool ignorable = is_default_ignorable(c);
        const bool weak =
            is_mark || ignorable || c == ' ' || c == 0xA0 || u_ispunct(static_cast<UChar32>(c));
        const Face* f = nullptr;
        if (prev && (is_mark || ignorable || (weak && prev->has_char(c)))) {
            f = prev;
        } else {
            for (const Face* cand : chain)
                if (cand->has_char(c)) {
                    f = cand;
                    break;
                }
            if (!f) {
                if (!ignorable && on_missing) on_missing(c, cps[i].offset);
                f = prev ? prev : (chain.empty() ? nullptr : chain.front());
            }
        }
        face_of[i] = f;
        prev = f;
    }
    // A leading weak character took the chain's first face; give it the face that follows.
    for (std::size_t i = cps.size(); i-- > 1;)
        if (face_of[i - 1] != face_of[i] && face_of[i] && face_of[i]->has_char(cps[i - 1].c) &&
            (cps[i - 1].c == ' ' || u_ispunct(static_cast<UChar32>(cps[i - 1].c))) &&
            (i < 2 || face_of[i - 2] != face_of[i - 1]))
            face_of[i - 1] = face_of[i];

    // Runs.
    for (std::size_t i = 0; i < cps.size();) {
        std::size_t j = i + 1;
        while (j < cps.size() && levels[j] == levels[i] && scr[j] == scr[i] &&
               face_of[j] == face_of[i] && style_of[j] == style_of[i])
            ++j;
        Run run;
        run.begin = cps[i].offset;
        run.end = j < cps.size() ? cps[j].offset : static_cast<std::uint32_t>(para.text.size());
        run.level = levels[i];
        run.script = scr[i];
        run.face = face_of[i];
        run.style = style_of[i];
        if (run.face) shape_run(para, run);
        out.runs.push_back(std::move(run));
        i = j;
    }
    return out;
}

std::vector<BreakPoint> line_breaks(const std::string& text, const std::string& lang) {
    // One iterator per locale and thread: creating one is costly, and they are not thread-safe.
    thread_local std::map<std::string, std::unique_ptr<icu::BreakIterator>> cache;
    auto& bi = cache[lang];
    UErrorCode st = U_ZERO_ERROR;
    if (!bi) {
        bi.reset(icu::BreakIterator::createLineInstance(icu::Locale(lang.c_str()), st));
        if (U_FAILURE(st)) bi.reset();
    }
    std::vector<BreakPoint> out;
    if (!bi) return out;
    st = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &st);
    if (U_FAILURE(st)) return out;
    bi->setText(ut, st);
    for (int32_t p = bi->next(); p != icu::BreakIterator::DONE; p = bi->next()) {
        int32_t status = bi->getRuleStatus();
        out.push_back({static_cast<std::uint32_t>(p),
                       status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT});
    }
    bi->setText(icu::UnicodeString());  // drop the reference to ut before closing it
    utext_close(ut);
    return out;
}

}  // namespace quire::text

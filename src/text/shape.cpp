// text/shape: itemization (bidi, script, style, font) and HarfBuzz shaping of paragraphs.
//
// Itemization follows the usual order (cf. raqm, Typst's shaping): bidi levels from ICU ubidi
// (UAX #9) over the whole paragraph; scripts from ICU with Common and Inherited characters
// resolved to their neighbours; fonts chosen per character along the style's fallback chain,
// with spaces, punctuation and marks staying in the font of the text around them. Each run is
// shaped with the whole paragraph as context (so joining and kerning see across run ends).
// Invariant: runs cover the paragraph text exactly, in logical order, without overlap.
#include "text/shape.hpp"

#include "base/lang_tag.hpp"
#include "base/shared_cache.hpp"
#include "base/utf8.hpp"
#include "text/break_iterators.hpp"
#include "text/hyphenate.hpp"

#include <hb-ot.h>
#include <unicode/brkiter.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <map>
#include <memory>
#include <mutex>

namespace quire::inline v0::text {

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

/// A stretch of text in a language of the other direction than the paragraph's: a bidi
/// isolate (as HTML's dir on a span), so its quotation marks and commas stay with it.
struct Isolate {
    std::uint32_t begin = 0, end = 0;  ///< byte range
    bool rtl = false;
};

/// Bidi levels per code point.
std::vector<std::uint8_t> bidi_levels(const std::vector<CodePoint>& cps, int base_level,
                                      const std::vector<Isolate>& isolates) {
    std::vector<std::uint8_t> levels(cps.size(), static_cast<std::uint8_t>(base_level));
    bool needs_bidi = base_level != 0 || !isolates.empty();
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
    std::vector<std::uint32_t> cp_of_unit;  // the code point of each unit; npos: an isolate mark
    constexpr std::uint32_t kMark = 0xFFFFFFFFu;
    std::size_t iso = 0;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        while (iso < isolates.size() && isolates[iso].end <= cps[i].offset) ++iso;
        const bool opens = iso < isolates.size() && isolates[iso].begin == cps[i].offset;
        if (opens) {
            u16.push_back(isolates[iso].rtl ? u'\u2067' : u'\u2066');  // RLI, LRI
            cp_of_unit.push_back(kMark);
        }
        utf8::append_utf16(u16, cps[i].c);
        cp_of_unit.resize(u16.size(), static_cast<std::uint32_t>(i));
        const std::uint32_t next =
            i + 1 < cps.size() ? cps[i + 1].offset : std::numeric_limits<std::uint32_t>::max();
        if (iso < isolates.size() && isolates[iso].begin <= cps[i].offset &&
            isolates[iso].end <= next) {
            u16.push_back(u'\u2069');  // PDI
            cp_of_unit.push_back(kMark);
            ++iso;
        }
    }
    UErrorCode st = U_ZERO_ERROR;
    UBiDi* bidi = ubidi_openSized(static_cast<int32_t>(u16.size()), 0, &st);
    ubidi_setPara(bidi, reinterpret_cast<const UChar*>(u16.data()),
                  static_cast<int32_t>(u16.size()), static_cast<UBiDiLevel>(base_level), nullptr,
                  &st);
    if (U_SUCCESS(st)) {
        const UBiDiLevel* lv = ubidi_getLevels(bidi, &st);
        if (U_SUCCESS(st) && lv)
            for (std::size_t u = 0; u < u16.size(); ++u)
                if (cp_of_unit[u] != kMark) levels[cp_of_unit[u]] = lv[u];
    }
    ubidi_close(bidi);
    return levels;
}

/// UAX #9 P2: the direction of the first strong character (isolates skipped by ICU), or -1.
int first_strong_level(std::string_view text) {
    const std::u16string u16 = utf8::to_utf16(text);
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
    return lang_tag::is_rtl(lang) ? 1 : 0;
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

/// A glyph as HarfBuzz gives it: font units, the cluster a byte offset (into the paragraph, or
/// into a word in the word cache).
struct UnitGlyph {
    std::uint32_t gid = 0, cluster = 0;
    std::int32_t advance = 0, dx = 0, dy = 0;
    bool unsafe_to_break = false;
    bool safe_to_tatweel = false;
};
using UnitGlyphs = std::vector<UnitGlyph>;

/// CJK punctuation that ends a phrase (its ink in the first half of its em, the second half
/// empty), and punctuation that opens one (its ink in the second half).
bool closing_cjk(char32_t c) {
    static constexpr std::u32string_view kClosing =
        U"\u3001\u3002\uFF0C\uFF0E\uFF1A\uFF1B\uFF01\uFF1F\u300D\u300F\uFF09\u300B\u3009"
        U"\u3011\u3015\u3017\u3019\u301B";
    return kClosing.find(c) != std::u32string_view::npos;
}
bool opening_cjk(char32_t c) {
    static constexpr std::u32string_view kOpening =
        U"\u300C\u300E\uFF08\u300A\u3008\u3010\u3014\u3016\u3018\u301A";
    return kOpening.find(c) != std::u32string_view::npos;
}

}  // namespace

void squeeze_cjk_punctuation(const std::string& text, std::uint32_t begin, std::uint32_t end,
                             std::vector<hb_feature_t>& features) {
    // Two punctuation marks in a row would leave a full em of white between their inks (，「
    // 」「 」。): as JIS X 4051 and the Chinese rules set them, the empty half goes from the
    // first when it closes a phrase, from the second when both open one (the font's half-width
    // forms, OpenType `halt`, on that character only).
    char32_t prev = 0;
    std::uint32_t prev_at = 0;
    for (std::uint32_t i = begin; i < end;) {
        const auto d = utf8::decode(text, i);
        const char32_t c = d.c;
        const bool punct = closing_cjk(c) || opening_cjk(c);
        if (prev != 0 && punct) {
            hb_feature_t f{};
            f.tag = HB_TAG('h', 'a', 'l', 't');
            f.value = 1;
            if (closing_cjk(prev)) {
                f.start = prev_at;
                f.end = i;
                features.push_back(f);
            } else if (opening_cjk(prev) && opening_cjk(c)) {
                f.start = i;
                f.end = i + static_cast<std::uint32_t>(d.len);
                features.push_back(f);
            }
        }
        prev = punct ? c : 0;
        prev_at = i;
        i += static_cast<std::uint32_t>(d.len);
    }
}

namespace {

/// Shapes the bytes [begin, end) of the paragraph with the run's face, direction, script and
/// language; the rest of the paragraph is context.
UnitGlyphs shape_units(const ParagraphText& para, const Run& run, std::uint32_t begin,
                       std::uint32_t end) {
    hb_buffer_t* buf = thread_buffer();
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
    hb_buffer_add_utf8(buf, para.text.data(), static_cast<int>(para.text.size()), begin,
                       static_cast<int>(end - begin));
    hb_buffer_set_direction(buf, (run.level & 1) ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, run.script);
    const SpanStyle& st = para.styles[static_cast<std::size_t>(run.style)];
    if (!st.lang.empty()) hb_buffer_set_language(buf, hb_language_from_string(st.lang.c_str(), -1));
    // (The tatweel flag is for kashida justification, layout/kashida; it changes no glyph.)
    unsigned flags = HB_BUFFER_FLAG_PRODUCE_SAFE_TO_INSERT_TATWEEL;
    if (begin == 0) flags |= HB_BUFFER_FLAG_BOT;
    if (end == para.text.size()) flags |= HB_BUFFER_FLAG_EOT;
    hb_buffer_set_flags(buf, static_cast<hb_buffer_flags_t>(flags));
    // Turkic languages keep i and ı apart: no ligature of an f with a following i or ı (a
    // font without locl for them would draw fi without the dot's distinction); other
    // ligatures (ff, fl) stay. The feature is off for the clusters of each such pair.
    const std::string primary = lang_tag::primary(st.lang);
    const bool turkic = primary == "tr" || primary == "az" || primary == "crh" || primary == "tt" ||
                        primary == "ba" || primary == "gag";
    thread_local std::vector<hb_feature_t> features;
    features.clear();
    if (turkic) {
        const std::string& t = para.text;
        for (std::uint32_t i = begin; i + 1 < end; ++i) {
            if (t[i] != 'f') continue;
            const bool dotted = t[i + 1] == 'i';
            const bool dotless = i + 2 < end && t[i + 1] == '\xC4' && t[i + 2] == '\xB1';  // ı
            if (!dotted && !dotless) continue;
            hb_feature_t f{};
            f.tag = HB_TAG('l', 'i', 'g', 'a');
            f.value = 0;
            f.start = i;
            f.end = i + (dotted ? 2 : 3);
            features.push_back(f);
        }
    }
    if (run.script == HB_SCRIPT_HAN || run.script == HB_SCRIPT_HIRAGANA ||
        run.script == HB_SCRIPT_KATAKANA || run.script == HB_SCRIPT_BOPOMOFO)
        squeeze_cjk_punctuation(para.text, begin, end, features);
    hb_shape(run.face->hb_font(), buf, features.data(), static_cast<unsigned>(features.size()));
    unsigned n = 0;
    hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
    UnitGlyphs glyphs(n);
    for (unsigned i = 0; i < n; ++i) {
        UnitGlyph& g = glyphs[i];
        g.gid = info[i].codepoint;
        g.cluster = info[i].cluster;
        g.advance = pos[i].x_advance;
        g.dx = pos[i].x_offset;
        g.dy = pos[i].y_offset;
        const auto gf = hb_glyph_info_get_glyph_flags(&info[i]);
        g.unsafe_to_break = gf & HB_GLYPH_FLAG_UNSAFE_TO_BREAK;
        g.safe_to_tatweel = gf & HB_GLYPH_FLAG_SAFE_TO_INSERT_TATWEEL;
    }
    return glyphs;
}

/// Appends glyphs in font units as glyphs in points, their clusters moved by `base`.
void append_points(std::vector<Glyph>& out, const UnitGlyphs& gs, std::uint32_t base,
                   double scale) {
    for (const UnitGlyph& u : gs) {
        Glyph& g = out.emplace_back();
        g.gid = u.gid;
        g.cluster = base + u.cluster;
        g.advance = u.advance * scale;
        g.dx = u.dx * scale;
        g.dy = u.dy * scale;
        g.unsafe_to_break = u.unsafe_to_break;
        g.safe_to_tatweel = u.safe_to_tatweel;
    }
}

double points_per_unit(const ParagraphText& para, const Run& run) {
    return para.styles[static_cast<std::size_t>(run.style)].size / run.face->upem();
}

/// shape_units in points.
std::vector<Glyph> shape_bytes(const ParagraphText& para, const Run& run, std::uint32_t begin,
                               std::uint32_t end) {
    const UnitGlyphs units = shape_units(para, run, begin, end);
    std::vector<Glyph> glyphs;
    glyphs.reserve(units.size());
    append_points(glyphs, units, 0, points_per_unit(para, run));
    return glyphs;
}

// ---- Word cache ---------------------------------------------------------------------------
//
// Most of a paragraph's shaping is the same words in the same faces again and again (within an
// article and across the articles of a batch). A left-to-right run of a simple script (Latin,
// Greek, Cyrillic, Common) is shaped word by word, each word with its trailing spaces, and the
// words come from a cache shared by all threads. The result is the same as shaping the run
// whole, glyph for glyph, because the run is only cut where nothing can reach across the cut:
//  - after a U+0020 and before a character that starts a grapheme cluster and is no mark (no
//    cluster, normalisation or mark attachment spans the cut), and
//  - only in faces whose space glyph takes part in no GSUB or GPOS lookup (so no ligature,
//    kerning pair or contextual rule sees across it) and that do not kern with a legacy 'kern'
//    table alone (HarfBuzz's fallback kerning would pair the space with its neighbours).
// The default shaper uses no context outside the buffer for these scripts, so a word shaped on
// its own in a paragraph is the same word in any other paragraph.

}  // namespace

/// A FontBook's shaped words (the cache above) and what it knows of its faces' spaces.
struct ShapeCache {
    /// About 64k words: a few MB, whatever the size of the batch.
    SharedCache<UnitGlyphs> words{1 << 16};
    std::mutex mu;
    std::map<std::uint64_t, bool> inert;  ///< space_is_inert() by Face::serial()
};

// FontBook's constructor and destructor live here, where ShapeCache is complete.
FontBook::FontBook() : shape_cache_(std::make_unique<ShapeCache>()) {}
FontBook::~FontBook() = default;

namespace {

std::atomic<bool> g_word_cache_enabled{true};

/// Whether the face's space glyph takes part in no layout lookup (see above); computed once per
/// face and book.
bool space_is_inert(ShapeCache& cache, const Face* face) {
    {
        std::lock_guard lock(cache.mu);
        if (auto it = cache.inert.find(face->serial()); it != cache.inert.end()) return it->second;
    }
    bool inert = true;
    hb_face_t* hf = face->hb_face();
    hb_codepoint_t space = 0;
    if (!hb_font_get_nominal_glyph(face->hb_font(), ' ', &space)) inert = false;
    hb_blob_t* kern = hb_face_reference_table(hf, HB_TAG('k', 'e', 'r', 'n'));
    if (hb_blob_get_length(kern) > 0 && !hb_ot_layout_has_positioning(hf)) inert = false;
    hb_blob_destroy(kern);
    hb_set_t* sets[4] = {hb_set_create(), hb_set_create(), hb_set_create(), hb_set_create()};
    for (const hb_tag_t table : {HB_OT_TAG_GSUB, HB_OT_TAG_GPOS}) {
        const unsigned n = hb_ot_layout_table_get_lookup_count(hf, table);
        for (unsigned i = 0; inert && i < n; ++i) {
            for (hb_set_t* st : sets) hb_set_clear(st);
            hb_ot_layout_lookup_collect_glyphs(hf, table, i, sets[0], sets[1], sets[2], sets[3]);
            for (hb_set_t* st : sets)
                if (hb_set_has(st, space)) inert = false;
        }
    }
    for (hb_set_t* st : sets) hb_set_destroy(st);
    std::lock_guard lock(cache.mu);
    cache.inert.emplace(face->serial(), inert);
    return inert;
}

bool word_cacheable(ShapeCache& cache, const Run& run) {
    return g_word_cache_enabled.load(std::memory_order_relaxed) && run.face && !(run.level & 1) &&
           (run.script == HB_SCRIPT_LATIN || run.script == HB_SCRIPT_GREEK ||
            run.script == HB_SCRIPT_CYRILLIC || run.script == HB_SCRIPT_COMMON) &&
           space_is_inert(cache, run.face);
}

/// Whether a word may start at byte i (after a space): a character that begins a grapheme
/// cluster and is not a mark.
bool safe_word_start(const std::string& text, std::size_t i) {
    const char32_t c = utf8::decode(text, i).c;
    if (c < 0x80) return c != ' ';  // ASCII: no marks, no extenders
    const auto cat = u_charType(static_cast<UChar32>(c));
    if (cat == U_NON_SPACING_MARK || cat == U_ENCLOSING_MARK || cat == U_COMBINING_SPACING_MARK)
        return false;
    return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_GRAPHEME_CLUSTER_BREAK) ==
               U_GCB_OTHER &&
           !is_default_ignorable(c);
}

/// Shapes the run word by word through the cache (the run must be word_cacheable).
std::vector<Glyph> shape_words(ShapeCache& cache, const ParagraphText& para, const Run& run) {
    const std::string& t = para.text;
    const SpanStyle& st = para.styles[static_cast<std::size_t>(run.style)];
    const double scale = points_per_unit(para, run);
    const hb_language_t lang =
        st.lang.empty() ? HB_LANGUAGE_INVALID : hb_language_from_string(st.lang.c_str(), -1);
    thread_local std::string key;
    std::vector<Glyph> out;
    out.reserve(run.end - run.begin);
    for (std::uint32_t a = run.begin; a < run.end;) {
        // The word: up to and including its spaces, ending before a safe word start.
        std::uint32_t b = a;
        while (true) {
            while (b < run.end && t[b] != ' ') ++b;
            while (b < run.end && t[b] == ' ') ++b;
            if (b >= run.end || safe_word_start(t, b)) break;
        }
        if (!safe_word_start(t, a)) {
            // A run that starts with a mark or the like: shaped in place, as the run would be.
            append_points(out, shape_units(para, run, a, b), 0, scale);
            a = b;
            continue;
        }
        key.clear();
        const auto put = [&](const void* p, std::size_t n) {
            key.append(static_cast<const char*>(p), n);
        };
        const std::uint64_t serial = run.face->serial();
        put(&serial, sizeof serial);
        put(&run.script, sizeof run.script);
        put(&lang, sizeof lang);
        key.append(t, a, b - a);
        if (!cache.words.visit(key,
                               [&](const UnitGlyphs& hit) { append_points(out, hit, a, scale); })) {
            UnitGlyphs units = shape_units(para, run, a, b);
            for (UnitGlyph& u : units) u.cluster -= a;
            append_points(out, units, a, scale);
            cache.words.insert(key, std::move(units));
        }
        a = b;
    }
    return out;
}

void shape_run(ShapeCache& cache, const ParagraphText& para, Run& run) {
    if (word_cacheable(cache, run))
        run.glyphs = shape_words(cache, para, run);
    else
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

void set_word_cache(bool enabled) {
    g_word_cache_enabled.store(enabled);
}

ShapedParagraph shape_paragraph(const ParagraphText& para, FontBook& fonts,
                                const MissingGlyph& on_missing) {
    ShapedParagraph out;
    out.input = &para;
    if (para.text.empty()) return out;
    const auto cps = decode(para.text);
    out.base_level = resolved_base_level(para);
    // Spans in a language of the other direction (an Arabic quotation in English) are
    // isolates, consecutive spans of one language one isolate.
    std::vector<Isolate> isolates;
    for (const auto& sp : para.spans) {
        const std::string& lang = para.styles[static_cast<std::size_t>(sp.style)].lang;
        if (lang.empty()) continue;
        const bool rtl = lang_tag::is_rtl(lang);
        if (rtl == (out.base_level == 1)) continue;
        if (!isolates.empty() && isolates.back().end == sp.begin && isolates.back().rtl == rtl &&
            para.styles[static_cast<std::size_t>(std::prev(&sp)->style)].lang == lang)
            isolates.back().end = sp.end;
        else
            isolates.push_back({sp.begin, sp.end, rtl});
    }
    const auto levels = bidi_levels(cps, out.base_level, isolates);
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
            chain = fonts.chain(st.chain, st.face, st.lang);
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
        if (run.face) shape_run(fonts.shape_cache(), para, run);
        out.runs.push_back(std::move(run));
        i = j;
    }
    return out;
}

std::vector<BreakPoint> line_breaks(const std::string& text, const std::string& lang) {
    // Japanese and Chinese: strict line breaking (JIS X 4051 kinsoku), so no line starts with a
    // small kana, a prolonged sound mark or an iteration mark (ICU's default, "normal", allows
    // it).
    const std::string primary = lang_tag::primary(lang);
    icu::BreakIterator* bi = break_iterator(
        BreakKind::line, primary == "ja" || primary == "zh" ? lang + "@lb=strict" : lang);
    std::vector<BreakPoint> out;
    if (!bi) return out;
    const BreakText walk(*bi, text);
    if (!walk.ok()) return out;
    for (int32_t p = bi->next(); p != icu::BreakIterator::DONE; p = bi->next()) {
        int32_t status = bi->getRuleStatus();
        out.push_back({static_cast<std::uint32_t>(p),
                       status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT});
    }
    return out;
}

std::vector<Glyph> shape_label(const Face& face, const std::string& text, double size) {
    hb_buffer_t* buf = thread_buffer();
    hb_buffer_add_utf8(buf, text.data(), static_cast<int>(text.size()), 0,
                       static_cast<int>(text.size()));
    hb_buffer_guess_segment_properties(buf);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_shape(face.hb_font(), buf, nullptr, 0);
    unsigned n = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
    const double scale = size / face.upem();
    std::vector<Glyph> out(n);
    for (unsigned i = 0; i < n; ++i) {
        out[i].gid = info[i].codepoint;
        out[i].cluster = info[i].cluster;
        out[i].advance = pos[i].x_advance * scale;
        out[i].dx = pos[i].x_offset * scale;
        out[i].dy = pos[i].y_offset * scale;
    }
    return out;
}

}  // namespace quire::inline v0::text

// text/shape: itemize a paragraph (bidi level, script, style span, font) and shape each run.
//
// Input is one paragraph of UTF-8 text with style spans over byte ranges. Output is a list of
// runs in logical order; each run's glyphs are in visual order (HarfBuzz order), with clusters
// that are byte offsets into the paragraph text. Line breaking and visual reordering of lines
// work on this result (see layout/paragraph).
#pragma once

#include "text/font.hpp"

#include <hb.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace quire::inline v0::text {

/// The attributes of a span of text.
struct SpanStyle {
    std::string chain = "serif";  ///< fallback chain
    FaceStyle face;
    double size = 10;          ///< points
    double rise = 0;           ///< baseline shift, points, up
    std::string lang;          ///< BCP 47
    int note_mark = 0;         ///< > 0: this span is the mark of note n (for links)
    bool note_target = false;  ///< the span is a note's own number (links back to the mark)
    std::string href;          ///< the span is a link to this URL
};

/// A byte range of the paragraph text with one style.
struct Span {
    std::uint32_t begin = 0, end = 0;
    int style = 0;  ///< index into ParagraphText::styles
};

/// A paragraph ready for shaping.
struct ParagraphText {
    std::string text;
    std::vector<SpanStyle> styles;
    std::vector<Span> spans;  ///< cover text without gaps, in order
    /// 0 left-to-right, 1 right-to-left paragraph; -1: from the text (UAX #9 P2-P3, the
    /// first strong character), else from the language of the first span.
    int base_level = -1;

    /// Appends text with a style (merging with the previous span when the style is the same).
    void append(std::string_view s, const SpanStyle& style);
};

/// One shaped glyph. Lengths in points.
struct Glyph {
    std::uint32_t gid = 0;
    std::uint32_t cluster = 0;  ///< byte offset into the paragraph text
    double advance = 0, dx = 0, dy = 0;
    bool unsafe_to_break = false;
    /// A tatweel may be inserted before its cluster without changing the shaping
    /// (HB_GLYPH_FLAG_SAFE_TO_INSERT_TATWEEL; layout/kashida).
    bool safe_to_tatweel = false;
};

/// A run of one face, direction, script and style; glyphs in visual order.
struct Run {
    std::uint32_t begin = 0, end = 0;  ///< byte range of the paragraph text
    std::uint8_t level = 0;            ///< bidi embedding level
    hb_script_t script = HB_SCRIPT_COMMON;
    const Face* face = nullptr;
    int style = 0;
    std::vector<Glyph> glyphs;
};

/// A shaped paragraph.
struct ShapedParagraph {
    const ParagraphText* input = nullptr;
    std::vector<Run> runs;  ///< logical order
    int base_level = 0;     ///< the paragraph's direction as resolved (see ParagraphText)
};

/// Called for each character no font of the chain can show: the code point and its byte offset.
using MissingGlyph = std::function<void(char32_t, std::uint32_t)>;

/// Itemizes and shapes a paragraph.
ShapedParagraph shape_paragraph(const ParagraphText& para, FontBook& fonts,
                                const MissingGlyph& on_missing);

/// Whether shape_paragraph takes words from the cache of shaped words shared by all threads
/// (on by default; the results are the same either way, see shape.cpp). For tests.
void set_word_cache(bool enabled);

/// Shapes the bytes [begin, end) of a run again on their own (the rest of the paragraph as
/// context), as a line that starts or ends inside a word needs where HarfBuzz flags the break
/// unsafe (a ligature or kerning across it). Clusters are byte offsets into the paragraph.
std::vector<Glyph> shape_range(const ParagraphText& para, const Run& run, std::uint32_t begin,
                               std::uint32_t end);

/// Break opportunities (UAX #14, ICU) as byte offsets into text; `hard` marks mandatory breaks.
struct BreakPoint {
    std::uint32_t offset = 0;
    bool hard = false;
};
std::vector<BreakPoint> line_breaks(const std::string& text, const std::string& lang);

/// The OpenType `halt` features (half-width forms) that set two CJK punctuation marks in a
/// row without a full em of white between them (，「 」「 」。 「『), for the bytes [begin, end) of
/// `text`, appended to `features` (byte offsets as HarfBuzz's clusters).
void squeeze_cjk_punctuation(const std::string& text, std::uint32_t begin, std::uint32_t end,
                             std::vector<hb_feature_t>& features);

/// `text` shaped left to right in `face` at `size` with the script and language HarfBuzz
/// guesses: a short label set outside the text's own paragraphs (a print file's slug line).
/// Glyphs in points, clusters byte offsets into `text`.
std::vector<Glyph> shape_label(const Face& face, const std::string& text, double size);

}  // namespace quire::inline v0::text

// layout/microtype: margin kerning (character protrusion) and font expansion, pdfTeX's
// micro-typography as LaTeX's microtype package sets it up.
//
// Protrusion: a character at either end of a line hangs into the margin by a share of its
// advance (thousandths, microtype's lpcode and rpcode): a full stop 0.7 of its width, a comma
// or a hyphen half, quotes and dashes less, a few letters (A, T, V, W, Y...) a twentieth, so
// that the margins look straight to the eye. The amounts are microtype's defaults (its
// `default`, `T1-default` and `T2A-default` sets) with Arabic and CJK counterparts, in one
// table for serif and sans faces alike, as microtype has; monospaced faces have none. Amounts
// are logical: `start` is the line's start (its left in left-to-right text, its right in
// right-to-left text), `end` its end. The breaker takes them into account as pdfTeX does with
// \pdfprotrudechars=2: each break carries the protrusion of the line that ends there (its last
// character, or the hyphen it prints) and of the line that starts after it
// (Item::end_protrusion, start_protrusion), the first line's is ParagraphItems::
// first_protrusion; justification then fills the measure plus both, and placement starts the
// line that much further out.
//
// Expansion: the glyphs of a line in Latin, Greek and Cyrillic (not monospaced) may be set up
// to `expansion_stretch` wider or `expansion_shrink` narrower, one factor for the line in steps
// of `expansion_step` (microtype's stretch=20, shrink=20, step=1: ±2% in steps of 0.1%). The
// words' boxes carry that room as stretch and shrink, so the breaker counts it with the
// spaces'; justification gives the line its factor (layout/justify) and placement scales those
// glyphs' advances, which the PDF states as the run's horizontal scaling (Tz).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace quire::inline v0::text {
class Face;
struct ParagraphText;
struct ShapedParagraph;
}  // namespace quire::inline v0::text

namespace quire::inline v0::layout {

struct Advances;
struct ParagraphItems;
struct ParagraphSpec;

/// How far a character hangs into the margin at the start and at the end of a line, in
/// thousandths of its advance.
struct Protrusion {
    int start = 0, end = 0;
    bool operator==(const Protrusion&) const = default;
};

/// Per-character amounts that replace the table's, sorted by code point.
using ProtrusionChars = std::vector<std::pair<char32_t, Protrusion>>;

/// The protrusion table a face takes.
enum class FontClass { serif, sans, mono };

/// A face's class: mono when monospaced (or named so), sans when its family says "Sans", else
/// serif (a null face too).
FontClass font_class(const text::Face* face);

/// microtype's default amounts for a character (accented letters take their base letter's).
Protrusion default_protrusion(char32_t c, FontClass cls);

/// The amounts of a character with a paragraph's overrides (`chars`, sorted); none in mono.
Protrusion protrusion_of(char32_t c, FontClass cls, const ProtrusionChars& chars);

/// Sets the margin kerning of a paragraph's breaks and of its first line (unless it has a
/// first-line indent), with spec.protrusion times the amounts; nothing when that is 0. A
/// character protrudes only in a run of the paragraph's direction (a Latin word at the end of
/// an Arabic line is not at the margin's edge).
void protrude(ParagraphItems& items, const text::ParagraphText& para,
              const text::ShapedParagraph& shaped, const Advances& advances,
              const ParagraphSpec& spec);

/// Gives each box the stretch and shrink of its expandable glyphs (spec.expansion_stretch and
/// expansion_shrink of their advance).
void expand_boxes(ParagraphItems& items, const Advances& advances, const ParagraphSpec& spec);

/// A line's expansion factor when its glyphs take `share` of their room (-1 to 1: all of the
/// shrink to all of the stretch): 1 + share x the limit, to the nearest step, within the
/// limits.
double expansion_factor(double share, double stretch, double shrink, double step);

}  // namespace quire::inline v0::layout

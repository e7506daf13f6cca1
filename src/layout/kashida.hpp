// layout/kashida: justification of Arabic-script lines by kashida (tatweel), the script's own
// way of filling a line: a join between two letters is drawn longer, rather than the word
// spaces wider.
//
// Where: one place per word, the first of these the word has (the priorities of Arabic
// typesetting as Microsoft's and LibreOffice's justification state them; within a priority,
// the word's last such join):
//   1. after a kashida the author typed (U+0640);
//   2. after Seen or Sad (and Sheen, Dad) joined to the next letter;
//   3. before a final Teh Marbuta, Heh or Dal;
//   4. before a final Alef (not after Lam: lam-alef is one letter form), Tah, Lam, Kaf or Gaf;
//   5. before a medial Beh (Noon, Yeh) that precedes a final Reh, Yeh or Alef Maksura;
//   6. before a final Waw, Ain, Qaf or Feh;
//   7. before any other final letter.
// A join qualifies only where both letters join (Unicode's joining types) and HarfBuzz says a
// tatweel may be inserted there without changing the shaping (HB_GLYPH_FLAG_SAFE_TO_INSERT_
// TATWEEL: not inside a ligature, not where the font's contextual forms depend on the pair).
//
// Languages: Persian (fa, prs) takes kashida more sparingly: the first three places only (after
// Seen/Sad, before a final Heh or Dal) and half the length; its other lines are justified on
// their spaces. Urdu and Kashmiri (ur, ks), and any text set in a Nastaliq face, take none:
// Nastaliq's joins slope and stack, a flat tatweel would break them, and Urdu typography
// justifies by spacing. The others written in Arabic script (Arabic, Pashto, Kurdish...) take
// the Arabic rules.
//
// How much: each place may take up to `ParagraphSpec::kashida` ems of its text (half for
// Persian). Its box in the breaker carries that room (Item::kashida), which the breaker counts
// as stretch with the spaces', badness included, so that it chooses lines that need alike
// shares of it; justification gives the kashidas a line's shortfall before the spaces, every
// place of the line the same share of its room (layout/justify), and placement draws tatweel
// glyphs in the widened join (layout/place), which carry no text: the word extracts as typed.
#pragma once

#include "layout/items.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace quire::inline v0::layout {

struct ParagraphSpec;

/// Which rules a language's text takes.
enum class KashidaRules { none, arabic, persian };

/// The rules for a BCP 47 tag (empty: Arabic's).
KashidaRules kashida_rules(std::string_view lang);

/// One letter of a word, as kashida placement sees it.
struct KashidaLetter {
    char32_t c = 0;
    std::uint32_t at = 0;  ///< its byte offset
    /// Whether a tatweel may be inserted before it without changing the shaping.
    bool safe = true;
};

/// The place of a word's kashida under `rules`: the byte offset of the letter after the join to
/// lengthen; none when the word has no place. `letters` are the word's letters in logical order,
/// marks left out.
std::optional<std::uint32_t> word_kashida(const std::vector<KashidaLetter>& letters,
                                          KashidaRules rules);

/// Finds the kashida places of a shaped paragraph's Arabic-script runs (spec.kashida > 0) and
/// gives their room to the boxes that hold them (ParagraphItems::kashidas, Item::kashida).
void add_kashidas(ParagraphItems& items, const text::ParagraphText& para,
                  const text::ShapedParagraph& shaped, const ParagraphSpec& spec);

/// The glyph a face draws a kashida with (U+0640) and its advance at `size`; gid 0: none.
struct Tatweel {
    std::uint32_t gid = 0;
    double advance = 0;
};
Tatweel tatweel_of(const text::Face* face, double size);

}  // namespace quire::inline v0::layout

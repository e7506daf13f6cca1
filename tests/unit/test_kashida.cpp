// Kashida justification (layout/kashida): where a word takes its kashida under the Arabic and
// Persian rules, that Urdu takes none, and what a justified paragraph draws: tatweel glyphs
// without text in the widened joins, lines at the full measure, spaces left at their natural
// width when the kashidas can fill the line.
#include "api/impl.hpp"
#include "base/utf8.hpp"
#include "layout/kashida.hpp"
#include "layout/paragraph.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace quire;
using layout::KashidaRules;

namespace {

text::FontBook& book() {
    return quire::detail::impl(*FontLibrary::shared()).book;
}

/// The letters of `word` (marks left out), every join safe unless `unsafe` holds its letter's
/// index.
std::vector<layout::KashidaLetter> letters(const std::string& word,
                                           std::vector<std::size_t> unsafe = {}) {
    std::vector<layout::KashidaLetter> out;
    utf8::for_each(word, [&](char32_t c, std::size_t off) {
        if (c >= 0x064B && c <= 0x065F) return;  // harakat
        const bool safe = std::find(unsafe.begin(), unsafe.end(), out.size()) == unsafe.end();
        out.push_back({c, static_cast<std::uint32_t>(off), safe});
    });
    return out;
}

/// The letter the kashida goes before, as a UTF-8 string ("" for none).
std::string kashida_before(const std::string& word, KashidaRules rules = KashidaRules::arabic,
                           std::vector<std::size_t> unsafe = {}) {
    const auto at = layout::word_kashida(letters(word, std::move(unsafe)), rules);
    if (!at) return "";
    std::string out;
    utf8::append(out, utf8::decode(word, *at).c);
    return out;
}

}  // namespace

TEST_CASE("a word's kashida goes where the script's rules prefer", "[kashida]") {
    // 1. After a kashida the author typed: ع ـ ل م.
    CHECK(kashida_before("\u0639\u0640\u0644\u0645") == "\u0644");
    // 2. After Seen or Sad: سعر (before its final Reh it would be priority 7).
    CHECK(kashida_before("\u0633\u0639\u0631") == "\u0639");
    CHECK(kashida_before("\u0645\u0635\u0631") == "\u0631");  // مصر: after Sad, before Reh
    // 3. Before a final Teh Marbuta, Heh or Dal: مدينة, وجهه.
    CHECK(kashida_before("\u0645\u062F\u064A\u0646\u0629") == "\u0629");
    // 4. Before a final Alef (not Lam-Alef), Tah, Lam, Kaf or Gaf: كتابا → before its last alef?
    // كتاب: K-T medial, T-Alef final Alef (4); Alef does not join the Beh.
    CHECK(kashida_before("\u0643\u062A\u0627\u0628") == "\u0627");
    // 5. Before a medial Beh (Yeh) that precedes a final Reh or Yeh: كبير → before its Yeh.
    CHECK(kashida_before("\u0643\u0628\u064A\u0631") == "\u064A");
    // 6. Before a final Waw, Ain, Qaf or Feh: بعيو? شرق: Sheen joins Reh? (Reh ends the join.)
    CHECK(kashida_before("\u062D\u0642") == "\u0642");  // حق: before the final Qaf
    // 7. Before any other final letter: بين → before its Noon.
    CHECK(kashida_before("\u0628\u064A\u0646") == "\u0646");
    // Harakat do not stand in the way: كَتَبَ.
    CHECK(kashida_before("\u0643\u064E\u062A\u064E\u0628\u064E") == "\u0628");
}

TEST_CASE("no kashida where the letters do not join, in lam-alef, or where HarfBuzz says no",
          "[kashida]") {
    CHECK(kashida_before("\u0644\u0627") == "");  // لا: one letter form
    CHECK(kashida_before("\u0633\u0644\u0627\u0645").empty() == false);
    // سلام: after the Seen (2), never between its Lam and Alef.
    CHECK(kashida_before("\u0633\u0644\u0627\u0645") == "\u0644");
    CHECK(kashida_before("\u062F\u0627\u0631") == "");  // دار: Dal and Alef join nothing after
    CHECK(kashida_before("\u0648") == "");              // one letter
    CHECK(kashida_before("") == "");
    // سعر with the join before its Ain unsafe (a ligature): the next best, before the Reh.
    CHECK(kashida_before("\u0633\u0639\u0631", KashidaRules::arabic, {1}) == "\u0631");
    // A zero width non-joiner breaks the join (Persian می‌شود).
    CHECK(kashida_before("\u0645\u064A\u200C\u0634", KashidaRules::arabic) == "\u064A");
}

TEST_CASE("Persian takes kashida at its first places only, Urdu never", "[kashida]") {
    CHECK(layout::kashida_rules("fa") == KashidaRules::persian);
    CHECK(layout::kashida_rules("fa-IR") == KashidaRules::persian);
    CHECK(layout::kashida_rules("ur") == KashidaRules::none);
    CHECK(layout::kashida_rules("ar-EG") == KashidaRules::arabic);
    CHECK(layout::kashida_rules("") == KashidaRules::arabic);
    CHECK(layout::kashida_rules("ps") == KashidaRules::arabic);
    // کتاب: Arabic lengthens before its Alef (4); Persian has no place of its three there.
    CHECK(kashida_before("\u06A9\u062A\u0627\u0628", KashidaRules::arabic) == "\u0627");
    CHECK(kashida_before("\u06A9\u062A\u0627\u0628", KashidaRules::persian) == "");
    // مدرسه: after the Seen, in both.
    CHECK(kashida_before("\u0645\u062F\u0631\u0633\u0647", KashidaRules::persian) == "\u0647");
    CHECK(kashida_before("\u0633\u0639\u0631", KashidaRules::persian) == "\u0639");
    CHECK(kashida_before("\u0633\u0639\u0631", KashidaRules::none) == "");
}

namespace {

/// A justified right-to-left paragraph of `lang` set at `kashida`, and the face's tatweel.
struct SetArabic {
    std::vector<layout::SetLine> lines;
    layout::Tatweel tatweel;
};

SetArabic set_arabic(const std::string& lang, double kashida, const std::string& text) {
    text::ParagraphText p;
    text::SpanStyle st;
    st.size = 10;
    st.lang = lang;
    p.append(text, st);
    p.base_level = 1;
    layout::ParagraphSpec spec;
    spec.width = 200;
    spec.lang = lang;
    spec.hyphenate = false;
    spec.kashida = kashida;
    SetArabic out;
    out.lines = layout::set_paragraph(p, spec, book(), nullptr);
    for (const auto& l : out.lines)
        for (const auto& r : l.runs)
            if (r.face && !out.tatweel.gid) out.tatweel = layout::tatweel_of(r.face, 10);
    return out;
}

/// Tatweel glyphs without text in a line.
int kashidas_in(const layout::SetLine& l, const layout::Tatweel& t) {
    int n = 0;
    for (const auto& r : l.runs)
        for (const auto& g : r.glyphs) n += g.gid == t.gid && g.text_begin == g.text_end;
    return n;
}

const std::string kArabic =
    "\u0627\u0639\u062A\u0645\u062F\u062A \u0627\u0644\u062D\u0643\u0648\u0645\u0627\u062A "
    "\u0627\u0644\u0639\u0631\u0628\u064A\u0629 \u062A\u0627\u0631\u064A\u062E\u064A\u0627 "
    "\u0639\u0644\u0649 \u0645\u0627 \u064A\u0645\u0643\u0646 \u062A\u0633\u0645\u064A\u062A"
    "\u0647 \u0645\u0646\u0637\u0642 \u0627\u0644\u0639\u0631\u0636 \u0623\u064A "
    "\u0627\u0644\u0633\u0639\u064A \u0627\u0644\u062F\u0627\u0626\u0645 \u0625\u0644\u0649 "
    "\u0632\u064A\u0627\u062F\u0629 \u0643\u0645\u064A\u0627\u062A \u0627\u0644\u0645\u064A"
    "\u0627\u0647 \u0627\u0644\u0645\u062A\u0627\u062D\u0629 \u0639\u0628\u0631 \u0628\u0646"
    "\u0627\u0621 \u0627\u0644\u0633\u062F\u0648\u062F \u0648\u062D\u0641\u0631 "
    "\u0627\u0644\u0622\u0628\u0627\u0631 \u0627\u0644\u0639\u0645\u064A\u0642\u0629 "
    "\u0648\u0646\u0642\u0644 \u0627\u0644\u0645\u064A\u0627\u0647 \u0644\u0645\u0633\u0627"
    "\u0641\u0627\u062A \u0637\u0648\u064A\u0644\u0629";

}  // namespace

TEST_CASE("a justified Arabic paragraph draws tatweels in its joins, lines at full measure",
          "[kashida][paragraph]") {
    const SetArabic on = set_arabic("ar", 0.5, kArabic);
    REQUIRE(on.tatweel.gid != 0);
    REQUIRE(on.lines.size() > 3);
    int drawn = 0;
    for (std::size_t i = 0; i < on.lines.size(); ++i) {
        INFO(i);
        const auto& l = on.lines[i];
        const int k = kashidas_in(l, on.tatweel);
        drawn += k;
        if (i + 1 == on.lines.size()) {
            CHECK(k == 0);  // the last line is not justified
            continue;
        }
        CHECK(l.width == Approx(200).margin(0.01));
    }
    CHECK(drawn > 0);
    // Spaces: with the kashidas, every justified line's spaces are nearer their natural width
    // than without them.
    const SetArabic off = set_arabic("ar", 0, kArabic);
    for (const auto& l : off.lines) CHECK(kashidas_in(l, off.tatweel) == 0);
    // Urdu takes none; Persian fewer than Arabic.
    const SetArabic ur = set_arabic("ur", 0.5, kArabic);
    for (const auto& l : ur.lines) CHECK(kashidas_in(l, on.tatweel) == 0);
    const SetArabic fa = set_arabic("fa", 0.5, kArabic);
    int fa_drawn = 0;
    for (const auto& l : fa.lines) fa_drawn += kashidas_in(l, on.tatweel);
    CHECK(fa_drawn < drawn);
}

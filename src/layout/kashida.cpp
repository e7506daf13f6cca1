// layout/kashida: see kashida.hpp.
#include "layout/kashida.hpp"

#include "base/lang_tag.hpp"
#include "base/utf8.hpp"
#include "layout/paragraph.hpp"

#include <unicode/uchar.h>

#include <algorithm>

namespace quire::inline v0::layout {

namespace {

int joining_type(char32_t c) {
    return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_JOINING_TYPE);
}
int group_of(char32_t c) {
    return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_JOINING_GROUP);
}

/// Whether a letter joins the letter after it, and the one before it (logical order).
bool joins_next(char32_t c) {
    const int t = joining_type(c);
    return t == U_JT_DUAL_JOINING || t == U_JT_LEFT_JOINING || t == U_JT_JOIN_CAUSING;
}
bool joins_prev(char32_t c) {
    const int t = joining_type(c);
    return t == U_JT_DUAL_JOINING || t == U_JT_RIGHT_JOINING || t == U_JT_JOIN_CAUSING;
}

bool in(int g, std::initializer_list<int> gs) {
    return std::find(gs.begin(), gs.end(), g) != gs.end();
}

/// Priority (1 best, 7 least) of the join between letters i and i + 1; 0: no kashida there.
int join_priority(const std::vector<KashidaLetter>& ls, std::size_t i) {
    const std::size_t n = ls.size();
    if (!joins_next(ls[i].c) || !joins_prev(ls[i + 1].c) || !ls[i + 1].safe) return 0;
    const int g0 = group_of(ls[i].c), g1 = group_of(ls[i + 1].c);
    const bool final = !(i + 2 < n && joins_next(ls[i + 1].c) && joins_prev(ls[i + 2].c));
    // Lam-alef is one letter form, whatever the font draws: never drawn apart.
    if (g1 == U_JG_ALEF && g0 == U_JG_LAM) return 0;
    if (ls[i].c == 0x0640) return 1;
    if (in(g0, {U_JG_SEEN, U_JG_SAD})) return 2;
    if (final && in(g1, {U_JG_TEH_MARBUTA, U_JG_TEH_MARBUTA_GOAL, U_JG_HEH, U_JG_HEH_GOAL,
                         U_JG_KNOTTED_HEH, U_JG_DAL}))
        return 3;
    if (final && in(g1, {U_JG_ALEF, U_JG_TAH, U_JG_LAM, U_JG_KAF, U_JG_GAF, U_JG_SWASH_KAF}))
        return 4;
    if (!final && in(g1, {U_JG_BEH, U_JG_NOON, U_JG_YEH, U_JG_FARSI_YEH}) && i + 2 < n &&
        !(i + 3 < n && joins_next(ls[i + 2].c) && joins_prev(ls[i + 3].c)) &&
        in(group_of(ls[i + 2].c), {U_JG_REH, U_JG_YEH, U_JG_FARSI_YEH}))
        return 5;
    if (final &&
        in(g1, {U_JG_WAW, U_JG_AIN, U_JG_QAF, U_JG_FEH, U_JG_AFRICAN_FEH, U_JG_AFRICAN_QAF}))
        return 6;
    return final ? 7 : 0;
}

/// Whether a character belongs to a word (letters, marks, the zero-width joiners).
bool word_char(char32_t c) {
    if (c == 0x200C || c == 0x200D) return true;
    const auto cat = u_charType(static_cast<UChar32>(c));
    return cat == U_UPPERCASE_LETTER || cat == U_LOWERCASE_LETTER || cat == U_TITLECASE_LETTER ||
           cat == U_MODIFIER_LETTER || cat == U_OTHER_LETTER || cat == U_NON_SPACING_MARK ||
           cat == U_COMBINING_SPACING_MARK || cat == U_ENCLOSING_MARK;
}

bool is_mark(char32_t c) {
    return joining_type(c) == U_JT_TRANSPARENT;
}

/// Finds the kashida places of one run and appends them to `out`.
void run_kashidas(const text::ParagraphText& para, const text::Run& run, KashidaRules rules,
                  double room, std::vector<KashidaPoint>& out) {
    // The glyphs that start a cluster, by cluster, and whether a tatweel may go before them.
    std::vector<std::pair<std::uint32_t, bool>> starts;
    starts.reserve(run.glyphs.size());
    for (const auto& g : run.glyphs) starts.emplace_back(g.cluster, g.safe_to_tatweel);
    std::sort(starts.begin(), starts.end());
    auto safe_at = [&](std::uint32_t at) {
        const auto it = std::lower_bound(
            starts.begin(), starts.end(), at,
            [](const std::pair<std::uint32_t, bool>& e, std::uint32_t v) { return e.first < v; });
        return it != starts.end() && it->first == at && it->second;
    };
    std::vector<KashidaLetter> word;
    auto flush = [&] {
        if (const auto at = word_kashida(word, rules)) out.push_back({*at, room});
        word.clear();
    };
    const std::string_view text(para.text.data() + run.begin, run.end - run.begin);
    utf8::for_each(text, [&](char32_t c, std::size_t off) {
        if (!word_char(c)) {
            flush();
            return;
        }
        if (is_mark(c)) return;
        const auto at = static_cast<std::uint32_t>(run.begin + off);
        word.push_back({c, at, safe_at(at)});
    });
    flush();
}

}  // namespace

KashidaRules kashida_rules(std::string_view lang) {
    const std::string p = lang_tag::primary(lang);
    if (p == "ur" || p == "ks") return KashidaRules::none;
    if (p == "fa" || p == "prs") return KashidaRules::persian;
    return KashidaRules::arabic;
}

std::optional<std::uint32_t> word_kashida(const std::vector<KashidaLetter>& letters,
                                          KashidaRules rules) {
    if (rules == KashidaRules::none || letters.size() < 2) return std::nullopt;
    const int worst = rules == KashidaRules::persian ? 3 : 7;
    int best = 0;
    std::uint32_t at = 0;
    for (std::size_t i = 0; i + 1 < letters.size(); ++i) {
        const int p = join_priority(letters, i);
        // The best priority; among equals, the word's last such join.
        if (p > 0 && p <= worst && (best == 0 || p <= best)) {
            best = p;
            at = letters[i + 1].at;
        }
    }
    if (best == 0) return std::nullopt;
    return at;
}

Tatweel tatweel_of(const text::Face* face, double size) {
    Tatweel t;
    if (!face) return t;
    hb_codepoint_t gid = 0;
    if (!hb_font_get_nominal_glyph(face->hb_font(), 0x0640, &gid) || gid == 0) return t;
    t.gid = gid;
    t.advance = hb_font_get_glyph_h_advance(face->hb_font(), gid) * size / face->upem();
    return t;
}

void add_kashidas(ParagraphItems& items, const text::ParagraphText& para,
                  const text::ShapedParagraph& shaped, const ParagraphSpec& spec) {
    if (!(spec.kashida > 0)) return;
    std::vector<KashidaPoint> points;
    for (const auto& run : shaped.runs) {
        if (run.script != HB_SCRIPT_ARABIC || !(run.level & 1) || !run.face) continue;
        // Nastaliq's joins slope and stack: no flat tatweel in them.
        if (run.face->family().find("Nastaliq") != std::string::npos) continue;
        const auto& st = para.styles[static_cast<std::size_t>(run.style)];
        const KashidaRules rules = kashida_rules(st.lang.empty() ? spec.lang : st.lang);
        if (rules == KashidaRules::none) continue;
        const Tatweel t = tatweel_of(run.face, st.size);
        if (t.gid == 0 || !(t.advance > 0)) continue;
        const double room = spec.kashida * st.size * (rules == KashidaRules::persian ? 0.5 : 1);
        run_kashidas(para, run, rules, room, points);
    }
    if (points.empty()) return;
    std::sort(points.begin(), points.end(),
              [](const KashidaPoint& a, const KashidaPoint& b) { return a.at < b.at; });
    // Each place's room is the kashida of the box that holds it.
    std::size_t k = 0;
    for (const auto& p : points) {
        while (k < items.items.size() &&
               (items.text[k].end <= p.at || items.items[k].kind != Item::Kind::box))
            ++k;
        if (k == items.items.size()) break;
        if (items.text[k].begin > p.at) continue;  // (not in a word's box)
        items.items[k].kashida += p.room;
        items.kashidas.push_back(p);
    }
}

}  // namespace quire::inline v0::layout

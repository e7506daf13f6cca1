// layout/microtype: see microtype.hpp.
#include "layout/microtype.hpp"

#include "base/utf8.hpp"
#include "layout/items.hpp"
#include "layout/paragraph.hpp"
#include "text/font.hpp"

#include <unicode/unorm2.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>

namespace quire::inline v0::layout {

namespace {

struct Entry {
    char32_t c;
    Protrusion p;
};

// microtype.cfg (2022): the `default` set, with `T1-default`'s quotes and guillemets and
// `T2A-default`'s Cyrillic letters; then the Arabic and CJK counterparts, which microtype
// lacks: Arabic punctuation as its Latin models, CJK punctuation drawn in one half of its em
// hangs by that half. Sorted by code point.
constexpr Entry kTable[] = {
    {U'!', {0, 100}},     {U'"', {300, 300}},   {U'%', {50, 50}},     {U'\'', {300, 400}},
    {U'(', {100, 0}},     {U')', {0, 200}},     {U'*', {200, 200}},   {U'+', {250, 250}},
    {U',', {0, 500}},     {U'-', {500, 500}},   {U'.', {0, 700}},     {U'/', {100, 200}},
    {U'1', {50, 50}},     {U'4', {50, 50}},     {U'7', {50, 50}},     {U':', {0, 500}},
    {U';', {0, 300}},     {U'<', {200, 100}},   {U'>', {100, 200}},   {U'?', {0, 100}},
    {U'@', {50, 50}},     {U'A', {50, 50}},     {U'F', {0, 50}},      {U'J', {50, 0}},
    {U'K', {0, 50}},      {U'L', {0, 50}},      {U'T', {50, 50}},     {U'V', {50, 50}},
    {U'W', {50, 50}},     {U'X', {50, 50}},     {U'Y', {50, 50}},     {U'\\', {100, 200}},
    {U'_', {100, 100}},   {U'k', {0, 50}},      {U'r', {0, 50}},      {U'v', {50, 50}},
    {U'w', {50, 50}},     {U'x', {50, 50}},     {U'y', {0, 50}},      {U'{', {400, 200}},
    {U'}', {200, 400}},   {U'~', {200, 250}},   {0x00A1, {100, 0}},   {0x00AB, {200, 200}},
    {0x00BB, {200, 200}}, {0x00BF, {100, 0}},   {0x0410, {50, 50}},   {0x0413, {0, 50}},
    {0x041A, {0, 50}},    {0x0422, {50, 50}},   {0x0423, {50, 50}},   {0x0425, {50, 50}},
    {0x0433, {0, 50}},    {0x043A, {0, 50}},    {0x0443, {50, 50}},   {0x0445, {50, 50}},
    {0x060C, {0, 500}},   {0x061B, {0, 300}},   {0x061F, {0, 100}},   {0x06D4, {0, 700}},
    {0x2010, {500, 500}}, {0x2011, {500, 500}}, {0x2013, {200, 200}}, {0x2014, {150, 150}},
    {0x2018, {300, 400}}, {0x2019, {300, 400}}, {0x201A, {400, 400}}, {0x201C, {300, 300}},
    {0x201D, {300, 300}}, {0x201E, {400, 400}}, {0x2039, {400, 300}}, {0x203A, {300, 400}},
    {0x2212, {200, 200}}, {0x3001, {0, 500}},   {0x3002, {0, 500}},   {0x3008, {500, 0}},
    {0x3009, {0, 500}},   {0x300A, {500, 0}},   {0x300B, {0, 500}},   {0x300C, {500, 0}},
    {0x300D, {0, 500}},   {0x300E, {500, 0}},   {0x300F, {0, 500}},   {0x3010, {500, 0}},
    {0x3011, {0, 500}},   {0x3014, {500, 0}},   {0x3015, {0, 500}},   {0xFF08, {500, 0}},
    {0xFF09, {0, 500}},   {0xFF0C, {0, 500}},   {0xFF0E, {0, 500}},
};

/// kTable's ASCII entries by code (most characters at a line's edges are ASCII letters).
constexpr std::array<Protrusion, 128> ascii_table() {
    std::array<Protrusion, 128> a{};
    for (const Entry& e : kTable)
        if (e.c < 128) a[e.c] = e.p;
    return a;
}
constexpr std::array<Protrusion, 128> kAscii = ascii_table();

const Protrusion* find(char32_t c) {
    const auto it = std::lower_bound(std::begin(kTable), std::end(kTable), c,
                                     [](const Entry& e, char32_t v) { return e.c < v; });
    return it != std::end(kTable) && it->c == c ? &it->p : nullptr;
}

/// Whether c may decompose to a letter of the table: Latin and Cyrillic letters with marks.
bool may_inherit(char32_t c) {
    return (c >= 0xC0 && c < 0x250) || (c >= 0x400 && c < 0x500) || (c >= 0x1E00 && c < 0x1F00);
}

/// The first character of c's full canonical decomposition (Á → A, Ǻ → A, й → и), or c.
char32_t base_letter(char32_t c) {
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2* nfd = unorm2_getNFDInstance(&err);
    if (U_FAILURE(err)) return c;
    UChar buf[8];
    const int32_t n = unorm2_getDecomposition(nfd, static_cast<UChar32>(c), buf, 8, &err);
    if (U_FAILURE(err) || n <= 0) return c;
    UChar32 first = 0;
    U16_GET(buf, 0, 0, n, first);
    return static_cast<char32_t>(first);
}

/// The amounts of a paragraph's characters at its breaks (see protrude).
class Protruder {
public:
    Protruder(const text::ParagraphText& para, const text::ShapedParagraph& shaped,
              const Advances& advances, const ParagraphSpec& spec)
        : t_(para.text), shaped_(shaped), adv_(advances), spec_(spec) {}

    /// How far the character that starts at byte b hangs out at a line's start.
    double at_start(std::uint32_t b) {
        if (b >= t_.size()) return 0;
        const auto d = utf8::decode(t_, b);
        return amount(b, b + static_cast<std::uint32_t>(d.len), d.c, false);
    }
    /// How far the character that ends at byte b hangs out at a line's end.
    double at_end(std::uint32_t b) {
        if (b == 0) return 0;
        const auto d = utf8::decode_before(t_, b);
        return amount(b - static_cast<std::uint32_t>(d.len), b, d.c, true);
    }
    /// How far a hyphen printed at a line's end hangs out.
    double of_hyphen(const Hyphen& h) {
        const Protrusion p = protrusion_of(U'-', class_of(h.face), spec_.protrusion_chars);
        return spec_.protrusion * p.end / 1000.0 * h.advance;
    }

private:
    double amount(std::uint32_t a, std::uint32_t b, char32_t c, bool end) {
        // The character's amount first (serif and sans have the same): most have none.
        const Protrusion p = protrusion_of(c, FontClass::serif, spec_.protrusion_chars);
        const int v = end ? p.end : p.start;
        if (v == 0) return 0;
        const text::Run* run = run_at(shaped_, a);
        // A run against the paragraph's direction is not at the margin's edge.
        if (!run || (run->level & 1) != (shaped_.base_level & 1)) return 0;
        if (class_of(run->face) == FontClass::mono) return 0;
        // CJK punctuation hangs out by the empty half of its em: none when it is set at half
        // width already (two in a row, text::squeeze_cjk_punctuation).
        if (c >= 0x3000 && shaped_.input && run->style >= 0 &&
            adv_.width(a, b) <
                0.75 * shaped_.input->styles[static_cast<std::size_t>(run->style)].size)
            return 0;
        return spec_.protrusion * v / 1000.0 * adv_.width(a, b);
    }

    FontClass class_of(const text::Face* face) {
        for (const auto& [f, cls] : classes_)
            if (f == face) return cls;
        classes_.emplace_back(face, font_class(face));
        return classes_.back().second;
    }

    const std::string& t_;
    const text::ShapedParagraph& shaped_;
    const Advances& adv_;
    const ParagraphSpec& spec_;
    std::vector<std::pair<const text::Face*, FontClass>> classes_;  ///< a paragraph has few
};

}  // namespace

FontClass font_class(const text::Face* face) {
    if (!face) return FontClass::serif;
    const std::string& family = face->family();
    if (face->is_fixed_pitch() || family.find("Mono") != std::string::npos) return FontClass::mono;
    return family.find("Sans") != std::string::npos ? FontClass::sans : FontClass::serif;
}

Protrusion default_protrusion(char32_t c, FontClass cls) {
    // microtype has one default for every face; a monospaced column is aligned by its grid.
    if (cls == FontClass::mono) return {};
    if (c < 128) return kAscii[c];
    if (const Protrusion* p = find(c)) return *p;
    // Accented Latin and Cyrillic letters inherit their base letter's (microtype's
    // \DeclareCharacterInheritance).
    if (may_inherit(c)) {
        const char32_t b = base_letter(c);
        if (b < 128) return kAscii[b];
        if (b != c)
            if (const Protrusion* p = find(b)) return *p;
    }
    return {};
}

Protrusion protrusion_of(char32_t c, FontClass cls, const ProtrusionChars& chars) {
    if (cls == FontClass::mono) return {};
    if (!chars.empty()) {
        const auto it = std::lower_bound(
            chars.begin(), chars.end(), c,
            [](const std::pair<char32_t, Protrusion>& e, char32_t v) { return e.first < v; });
        if (it != chars.end() && it->first == c) return it->second;
    }
    return default_protrusion(c, cls);
}

void protrude(ParagraphItems& items, const text::ParagraphText& para,
              const text::ShapedParagraph& shaped, const Advances& advances,
              const ParagraphSpec& spec) {
    if (spec.protrusion == 0 || items.items.empty()) return;
    Protruder p(para, shaped, advances, spec);
    // A first-line indent is the paragraph's mark: nothing hangs out before it.
    if (spec.first_indent == 0) items.first_protrusion = p.at_start(0);
    auto h = items.hyphens.begin();  // the hyphen breaks, in the items' order
    for (std::size_t k = 0; k < items.items.size(); ++k) {
        Item& it = items.items[k];
        const bool breaks = it.kind == Item::Kind::penalty
                                ? it.penalty < kInfinity
                                : it.kind == Item::Kind::glue && k > 0 &&
                                      items.items[k - 1].kind == Item::Kind::box;
        if (!breaks) continue;
        // A glue break's line ends before its spaces, a penalty's where it stands; the next
        // line starts after them.
        const ItemText& at = items.text[k];
        while (h != items.hyphens.end() && h->first < k) ++h;
        if (h != items.hyphens.end() && h->first == k)
            it.end_protrusion = p.of_hyphen(h->second);
        else
            it.end_protrusion = p.at_end(at.begin);
        it.start_protrusion = p.at_start(at.end);
    }
}

void expand_boxes(ParagraphItems& items, const Advances& advances, const ParagraphSpec& spec) {
    if (spec.expansion_stretch == 0 && spec.expansion_shrink == 0) return;
    for (std::size_t k = 0; k < items.items.size(); ++k) {
        Item& it = items.items[k];
        if (it.kind != Item::Kind::box) continue;
        const double w = advances.expandable_width(items.text[k].begin, items.text[k].end);
        it.stretch = spec.expansion_stretch * w;
        it.shrink = spec.expansion_shrink * w;
    }
}

double expansion_factor(double share, double stretch, double shrink, double step) {
    double e = share >= 0 ? share * stretch : share * shrink;
    if (step > 0) e = std::round(e / step) * step;
    return 1 + std::clamp(e, -shrink, stretch);
}

}  // namespace quire::inline v0::layout

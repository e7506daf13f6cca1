// pdf/content_stream: the content stream of a page: its rules, its glyph runs as text shown
// with the 2-byte codes of the EmbeddedFonts, its pictures, and the marked content that ties
// each to the logical structure (pdf/tagging) or marks it as an artifact.
#pragma once

#include "layout/frame.hpp"
#include "pdf/font_embed.hpp"
#include "pdf/tagging.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace quire::inline v0::pdf {

/// A number for a content stream: at most 3 decimals, no trailing zeros, no locale.
void put_num(std::string& out, double v);

/// The document's fonts in order of first use: font i is the resource /F(i+1) and is embedded
/// i-th, so the output never follows pointer order.
struct FontSet {
    std::vector<std::unique_ptr<EmbeddedFont>> fonts;
    std::map<const text::Face*, std::size_t> index;

    std::size_t add(const text::Face* face) {
        auto [it, fresh] = index.try_emplace(face, fonts.size());
        if (fresh) fonts.push_back(std::make_unique<EmbeddedFont>(*face));
        return it->second;
    }
    static std::string name(std::size_t i) {
        std::string n(1, 'F');  // not "F" + ...: GCC 12 -Wrestrict false positive at -O3
        n += std::to_string(i + 1);
        return n;
    }
};

/// Writes the content stream of one page; records the fonts it uses and, in `mc`, the
/// marked-content sequences: each stretch of runs of one structure element in reading order
/// is one sequence with an MCID (a right-to-left run one of its own, with its text in logical
/// order as /ActualText); running heads, folios and rules are artifacts.
class ContentWriter {
public:
    ContentWriter(FontSet& fonts, MarkedContent& mc) : fonts_(fonts), mc_(mc) {}

    /// The rules and runs of page `p` (number `index`); adds the fonts it uses to `used`.
    /// `bleed`: the trim's offset in the MediaBox; content is drawn trim-relative. `st`: the
    /// structure the page's runs point into.
    std::string page(const layout::Page& p, std::size_t index, std::set<std::size_t>& used,
                     double bleed, const layout::Structure& st);

    /// Appends to `out` (the page's stream) picture `pic` drawn in its box as image resource
    /// `name`, as its Figure's content (its text alternative is the element's /Alt), or as an
    /// artifact when decorative.
    void picture(std::string& out, const layout::Picture& pic, const std::string& name);

    /// Whether any page uses a colour other than black (DeviceRGB).
    bool colour() const { return colour_; }
    /// Whether the last page written uses one (a print file's pages then name /RGB).
    bool page_colour() const { return page_colour_; }

    /// Colours as ICC-based sRGB (the page resource /RGB) rather than DeviceRGB: a print file's
    /// (PDF/X-4 takes no DeviceRGB under its CMYK output intent).
    void set_icc_rgb(bool on) { icc_rgb_ = on; }

    /// Appends to `out` (page `p`'s stream, drawn trim-relative) a print file's marks outside
    /// the bleed, as artifacts: crop marks at the trim's corners and registration targets
    /// beside its edges, in the registration colour (the page resource /Reg: every separation),
    /// and the slug line `slug` under the page in the document's first font (adds it to
    /// `used`). pdf/print_marks.cpp.
    void print_marks(std::string& out, const layout::Page& p, double bleed,
                     const layout::PrintSettings& settings, const std::string& slug,
                     std::set<std::size_t>& used);

private:
    void mark(const layout::GlyphRun& run);
    const std::string& tag_of(int elem, bool actual) const;
    void close_marked();
    void write_page_run(const layout::GlyphRun& run, std::set<std::size_t>& used);
    void put_color(std::uint32_t c);
    void open_tj(double x, double y);
    void close_tj();
    void write_run(const layout::GlyphRun& run, EmbeddedFont& ef);
    void write_ltr_run(const layout::GlyphRun& run, EmbeddedFont& ef);
    void write_rtl_run(const layout::GlyphRun& run, EmbeddedFont& ef);
    void write_glyph(const layout::PlacedGlyph& g, std::string_view txt, double size,
                     EmbeddedFont& ef, bool in_span = false);
    void put_code(std::uint16_t c);

    FontSet& fonts_;
    const layout::Structure* st_ = nullptr;
    MarkedContent& mc_;
    std::size_t page_ = 0;
    enum class Open { none, artifact, tagged } open_ = Open::none;  ///< the marked content open
    int elem_ = -1;                                                 ///< its element (tagged)
    std::uint64_t end_ = 0;     ///< where its text ends in the element's reading order
    bool actual_ = false;       ///< it states its text as ActualText (a right-to-left run)
    bool colour_ = false;       ///< a colour other than black was used
    bool page_colour_ = false;  ///< ... on the page being written
    bool icc_rgb_ = false;      ///< colours as /RGB cs ... sc (ICC-based sRGB)
    std::string out_;
    double pen_x_ = 0, pen_y_ = 0;
    double tc_ = 0;  ///< the character spacing in force (Tc, in unscaled text space)
    double th_ = 1;  ///< the horizontal scaling in force (Tz / 100)
    bool in_tj_ = false, in_hex_ = false;
    bool in_span_ = false;     ///< inside an ActualText span of several runs
    std::uint32_t color_ = 0;  ///< the fill colour in force in the text object
};

}  // namespace quire::inline v0::pdf

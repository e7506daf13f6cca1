// pdf/writer: PagedDocument → PDF (see writer.hpp).
//
// Order of work: each page as it comes (DocumentWriter::page) gets its page object, its
// content stream with 2-byte glyph codes from the EmbeddedFonts, and its images; the content
// stream and images are written out at once (ObjectOut) and forgotten. finish() then subsets
// and embeds the fonts (codes are fixed before subsetting), fills in the page tree, resources,
// named destinations, links, outline, Info, the structure tree and XMP, and writes the rest
// with the cross-reference table. Pages, links and destinations are made here rather than
// through PoDoFo's PdfPage and page tree, whose look-ups walk every page. Determinism: no
// clock is read; PoDoFo's own Info dates are overwritten, subset tags come from a hash,
// numbers are formatted without locale, the file identifier is a hash of the bytes.
#include "pdf/writer.hpp"

#include "base/image_info.hpp"
#include "base/limits.hpp"

#include "base/utf8.hpp"
#include "pdf/conformance.hpp"
#include "pdf/flate.hpp"
#include "pdf/font_embed.hpp"
#include "pdf/object_out.hpp"
#include "pdf/tagging.hpp"
#include "pdf/text_string.hpp"
#include "pdf/tree_builder.hpp"

#include <podofo/podofo.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>

namespace quire::inline v0::pdf {

namespace {

using namespace PoDoFo;

/// A number for a content stream: at most 3 decimals, no trailing zeros, no locale.
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

std::string pdf_date(std::int64_t t) {
    return format_utc(t, "D:%Y%m%d%H%M%SZ");
}

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

    /// `bleed`: the trim's offset in the MediaBox; content is drawn trim-relative. `st`: the
    /// structure the page's runs point into.
    std::string page(const layout::Page& p, std::size_t index, std::set<std::size_t>& used,
                     double bleed, const layout::Structure& st) {
        st_ = &st;
        out_.clear();
        page_ = index;
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
        tc_ = 0;            // each page's content stream starts with the default text state
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

    /// Whether any page uses a colour other than black (DeviceRGB).
    bool colour() const { return colour_; }

    /// Opens the marked content of a picture: its Figure's, or an artifact's.
    void open_picture(std::string& out, const layout::Picture& pic) {
        if (pic.elem < 0) {
            out += "/Artifact BMC\n";
            return;
        }
        out += "/Figure <</MCID " + std::to_string(mc_.add(page_, pic.elem, 0)) + ">> BDC\n";
    }

private:
    /// Opens the marked-content sequence of `run`, unless it continues the one open: same
    /// element, further on in reading order, neither right to left.
    void mark(const layout::GlyphRun& run) {
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
    const std::string& tag_of(int elem, bool actual) const {
        while (actual && st_->elems[static_cast<std::size_t>(elem)].type == "Span" &&
               st_->elems[static_cast<std::size_t>(elem)].parent >= 0)
            elem = st_->elems[static_cast<std::size_t>(elem)].parent;
        return st_->elems[static_cast<std::size_t>(elem)].type;
    }

    void close_marked() {
        if (open_ == Open::none) return;
        close_tj();
        out_ += "EMC\n";
        open_ = Open::none;
    }

    void write_page_run(const layout::GlyphRun& run, std::set<std::size_t>& used) {
        {
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
            // Letter spacing from justification: one Tc for the run, not a number per glyph.
            const double tc = std::round(run.char_spacing * 1e4) / 1e4;
            if (tc != tc_) {
                put_num(out_, tc);
                out_ += " Tc\n";
                tc_ = tc;
            }
            write_run(run, *fonts_.fonts[f]);
        }
    }

    /// A fill colour: "0 g" for black (the default), else "r g b rg".
    void put_color(std::uint32_t c) {
        if (c == 0) {
            out_ += "0 g";
            return;
        }
        colour_ = true;
        for (int shift = 16; shift >= 0; shift -= 8) {
            put_num(out_, static_cast<double>((c >> shift) & 0xFFu) / 255.0);
            out_ += ' ';
        }
        out_ += "rg";
    }

    void open_tj(double x, double y) {
        out_ += "1 0 0 1 ";
        put_num(out_, x), out_ += ' ', put_num(out_, y);
        out_ += " Tm [";
        pen_x_ = x;
        pen_y_ = y;
        in_tj_ = true;
        in_hex_ = false;
    }
    void close_tj() {
        if (!in_tj_) return;
        if (in_hex_) out_ += '>';
        out_ += "] TJ\n";
        in_tj_ = in_hex_ = false;
    }

    void write_run(const layout::GlyphRun& run, EmbeddedFont& ef) {
        in_tj_ = false;
        if (in_span_) {
            // Inside an ActualText of several runs: the glyphs only (no span within a span),
            // each with the text it stands for where it has one.
            for (const auto& g : run.glyphs)
                write_glyph(
                    g, std::string_view(run.text.data() + g.text_begin, g.text_end - g.text_begin),
                    run.size, ef, true);
            close_tj();
            return;
        }
        if (!run.rtl) {
            write_ltr_run(run, ef);
            return;
        }
        const auto& gs = run.glyphs;
        const std::size_t n = gs.size();
        auto has_text = [&](std::size_t i) { return gs[i].text_end > gs[i].text_begin; };
        for (std::size_t i = 0; i < n;) {
            // A cluster: the glyph that carries its text and the glyphs without text beside
            // it (after it in a left-to-right run, before it in a right-to-left one).
            std::size_t j = i + 1, carrier = i;
            if (run.rtl) {
                std::size_t k = i;
                while (k < n && !has_text(k)) ++k;
                if (k < n) {
                    carrier = k;
                    j = k + 1;
                }
            } else if (has_text(i)) {
                while (j < n && !has_text(j)) ++j;
            }
            const auto& c = gs[carrier];
            const std::string_view txt(run.text.data() + c.text_begin, c.text_end - c.text_begin);
            if (j - i == 1) {
                if (run.rtl)
                    write_glyph(gs[i], visual_cluster_text(txt), run.size, ef);
                else
                    write_glyph(gs[i], txt, run.size, ef);
            } else if (run.rtl) {
                // Right to left: the cluster's text goes with its base glyph, through the
                // ToUnicode map, and its marks carry none. Extractors reorder right-to-left
                // text by the glyphs' positions; an ActualText span would be reordered with
                // them and come out reversed.
                const std::string vis = visual_cluster_text(txt);
                for (std::size_t k = i; k < j; ++k) {
                    if (k == carrier) {
                        write_glyph(gs[k], vis, run.size, ef);
                        continue;
                    }
                    // The marks map to U+2060 (every glyph maps to a character), which an
                    // empty ActualText keeps out of the text: the carrier says it all.
                    close_tj();
                    out_ += "/Span <</ActualText <>>> BDC\n";
                    write_glyph(gs[k], {}, run.size, ef, /*in_span=*/true);
                    close_tj();
                    out_ += "EMC\n";
                }
            }
            i = j;
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
    void write_ltr_run(const layout::GlyphRun& run, EmbeddedFont& ef) {
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
                write_glyph(gs[a], std::string_view(run.text.data() + gs[a].text_begin, 1),
                            run.size, ef);
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

    void write_glyph(const layout::PlacedGlyph& g, std::string_view txt, double size,
                     EmbeddedFont& ef, bool in_span = false) {
        const auto code = ef.encode(g.gid, txt);
        if (!code.exact && !in_span) {
            // The font's ToUnicode cannot say this text for this glyph: ActualText does.
            close_tj();
            out_ += "/Span <</ActualText <" + utf16_hex(txt) + ">>> BDC\n";
            open_tj(g.x, g.y);
            put_code(code.code);
            pen_x_ = g.x + code.width * size / 1000.0 + tc_;
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
                put_num(out_, -delta * 1000.0 / size);
            }
        }
        put_code(code.code);
        pen_x_ = g.x + code.width * size / 1000.0 + tc_;
    }

    void put_code(std::uint16_t c) {
        if (!in_hex_) out_ += '<', in_hex_ = true;
        put_hex4(out_, c);
    }

    FontSet& fonts_;
    const layout::Structure* st_ = nullptr;
    MarkedContent& mc_;
    std::size_t page_ = 0;
    enum class Open { none, artifact, tagged } open_ = Open::none;  ///< the marked content open
    int elem_ = -1;                                                 ///< its element (tagged)
    std::uint64_t end_ = 0;  ///< where its text ends in the element's reading order
    bool actual_ = false;    ///< it states its text as ActualText (a right-to-left run)
    bool colour_ = false;    ///< a colour other than black was used
    std::string out_;
    double pen_x_ = 0, pen_y_ = 0;
    double tc_ = 0;  ///< the character spacing in force
    bool in_tj_ = false, in_hex_ = false;
    bool in_span_ = false;     ///< inside an ActualText span of several runs
    std::uint32_t color_ = 0;  ///< the fill colour in force in the text object
};

}  // namespace

namespace {

/// PoDoFo stamps a new document's Info with the time through localtime(), whose static
/// result and the time-zone state tzset() frees and rebuilds are shared by all threads
/// (ThreadSanitizer saw two batch workers race there). Documents are made one at a time,
/// under this lock. The stamps themselves are replaced.
std::mutex& podofo_clock() {
    static std::mutex m;
    return m;
}

}  // namespace

struct DocumentWriter::Impl {
    Impl(ByteSink sink, WriteOptions o)
        : options(std::move(o)),
          pdf([] {
              const std::lock_guard lock(podofo_clock());
              return PdfMemDocument();
          }()),
          out(std::move(sink)),
          cw(fonts, mc),
          structure(pdf.GetObjects(), out) {
        pdf.SetPdfVersion(ePdfVersion_1_7);
        pdf.GetObjects().SetCanReuseObjectNumbers(false);
    }

    WriteOptions options;
    PdfMemDocument pdf;
    ObjectOut out;
    FontSet fonts;
    MarkedContent mc;
    ContentWriter cw;
    StructureWriter structure;
    std::vector<PdfReference> page_refs;   ///< the pages' object numbers, reserved in order
    std::vector<bool> written;             ///< page i is written
    std::vector<std::uint32_t> font_nums;  ///< each font's Type0 object number, reserved
    /// A destination as the links and the outline need it; its array's object number (the
    /// name tree's value), written when it is first seen.
    struct Dest {
        std::size_t page = 0;
        double x = 0, y = 0;
        std::uint32_t object = 0;
    };
    std::map<std::string, Dest> dests;  ///< by name (the name tree's order)
    std::size_t dests_seen = 0;         ///< of the document's destinations
    /// A link annotation whose destination was not known when its page was written: made at
    /// the end (its number, structure key and text are fixed already).
    struct LateLink {
        std::uint32_t object = 0;
        std::size_t page = 0;
        layout::Link link;
        std::string contents;
        long long key = -1;
    };
    std::vector<LateLink> late;
    std::map<std::string, std::pair<std::string, PdfReference>> images;  ///< path → name, object
    std::optional<Diagnostic> error;  ///< the first failure; nothing is written after

    double bleed() const { return options.bleed > 0 ? options.bleed : 0; }

    /// Page i's object number, reserved with those before it. Pages are written as their own
    /// objects, not through PoDoFo's page tree (whose insertions and look-ups walk every
    /// page, quadratic in a book); the tree, one /Kids array, is made at the end.
    const PdfReference& page_ref(std::size_t i) {
        while (page_refs.size() <= i) {
            page_refs.emplace_back(reserve_objects(pdf.GetObjects(), 1), 0);
            written.push_back(false);
        }
        return page_refs[i];
    }

    /// An explicit destination: page `i` at (x, y) of the trim box.
    PdfArray destination(std::size_t i, double x, double y) {
        PdfArray a;
        a.push_back(page_ref(i));
        a.push_back(PdfName("XYZ"));
        a.push_back(PdfVariant(x + bleed()));
        a.push_back(PdfVariant(y + bleed()));
        a.push_back(PdfVariant(static_cast<pdf_int64>(0)));
        return a;
    }

    static PdfVariant rect(double x, double y, double w, double h) {
        PdfVariant v;
        PdfRect(x, y, w, h).ToVariant(v);
        return v;
    }

    /// Takes the destinations the document has that were not seen yet; each one's array is
    /// written now (the first of a name counts, as a name tree holds one).
    void add_destinations(const std::vector<layout::Destination>& all) {
        for (; dests_seen < all.size(); ++dests_seen) {
            const layout::Destination& d = all[dests_seen];
            if (dests.count(d.name)) continue;
            const auto page = static_cast<std::size_t>(std::max(d.page, 0));
            PdfObject arr(PdfReference(reserve_objects(pdf.GetObjects(), 1), 0),
                          PdfVariant(destination(page, d.x, d.y)));
            out.write(arr);
            dests.emplace(d.name, Dest{page, d.x, d.y, arr.Reference().ObjectNumber()});
        }
    }

    /// A link annotation's dictionary, without its target.
    PdfDictionary annotation(const layout::Link& l, std::size_t page, const std::string& says) {
        const double b = bleed();
        PdfDictionary ad;
        ad.AddKey("Type", PdfName("Annot"));
        ad.AddKey("Subtype", PdfName("Link"));
        ad.AddKey("Rect", rect(l.x + b, l.y + b, l.width, l.height));
        ad.AddKey("P", page_ref(page));
        ad.AddKey("F", PdfVariant(static_cast<pdf_int64>(4)));  // printed
        PdfArray border;
        for (int k = 0; k < 3; ++k) border.push_back(PdfVariant(static_cast<pdf_int64>(0)));
        ad.AddKey("Border", border);
        ad.AddKey("Contents", text_string(says));
        return ad;
    }

    void page(std::size_t i, const layout::Page& p, const layout::PagedDocument& doc) {
        quire::detail::check_time();  // the document's time limit (base/limits), once a page
        quire::detail::report_progress("pdf", static_cast<int>(i) + 1);
        const layout::Structure& st = doc.structure;
        const PdfReference ref = page_ref(i);
        if (written[i]) throw std::logic_error("page " + std::to_string(i + 1) + " written twice");
        add_destinations(doc.destinations);
        PdfObject page_obj(ref, PdfDictionary());
        PdfDictionary& pd = page_obj.GetDictionary();
        pd.AddKey("Type", PdfName("Page"));
        pd.AddKey("Parent", pdf.GetPagesTree()->GetObject()->Reference());
        // Print boxes: the TrimBox is the page as laid out; with a bleed, the MediaBox and the
        // BleedBox extend it by the bleed on every side (the content is moved by the bleed with
        // a cm, and so are link rectangles and destinations); without, all three are equal.
        const double b = bleed();
        pd.AddKey("MediaBox", rect(0, 0, p.width + 2 * b, p.height + 2 * b));
        pd.AddKey("TrimBox", rect(b, b, p.width, p.height));
        pd.AddKey("BleedBox", rect(0, 0, p.width + 2 * b, p.height + 2 * b));

        std::set<std::size_t> used;
        std::string contents = cw.page(p, i, used, b, st);
        // Images: one XObject per file, however many pages show it.
        PdfDictionary xobjects;
        PdfVecObjects& objects = pdf.GetObjects();
        for (const auto& pic : p.pictures) {
            // By file, or by the bytes a resolver gave (one XObject for the same bytes).
            const std::string key =
                pic.data ? "\x01" + std::to_string(reinterpret_cast<std::uintptr_t>(pic.data.get()))
                         : pic.path;
            auto it = images.find(key);
            if (it == images.end()) {
                const auto info = probe_image(pic.path, pic.data.get());
                if (!info)
                    throw std::runtime_error("cannot read the image " +
                                             (pic.data ? pic.alt : pic.path) + " as PNG or JPEG");
                PdfImage img(&objects, "Im");
                if (pic.data) {
                    const auto* bytes = reinterpret_cast<const unsigned char*>(pic.data->data());
                    const auto size = static_cast<pdf_long>(pic.data->size());
                    if (info->format == ImageInfo::Format::png)
                        img.LoadFromPngData(bytes, size);
                    else
                        img.LoadFromJpegData(bytes, size);
                } else if (info->format == ImageInfo::Format::png) {
                    img.LoadFromPng(pic.path.c_str());
                } else {
                    img.LoadFromJpeg(pic.path.c_str());
                }
                std::string name = "Im" + std::to_string(images.size() + 1);
                const PdfReference ref = img.GetObject()->Reference();
                out.flush(objects, img.GetObject());
                it = images.emplace(key, std::make_pair(name, ref)).first;
            }
            xobjects.AddKey(PdfName(it->second.first), it->second.second);
            // Drawn in its box, as its Figure's content (its text alternative is the
            // element's /Alt), or as an artifact when decorative.
            char buf[160];
            std::snprintf(buf, sizeof buf, "q %.3f 0 0 %.3f %.3f %.3f cm /%s Do Q\n", pic.width,
                          pic.height, pic.x, pic.y, it->second.first.c_str());
            cw.open_picture(contents, pic);
            contents += buf;
            contents += "EMC\n";
        }
        // The content stream goes to the output now: a book's never stand in memory together.
        PdfObject* cs = objects.CreateObject();
        set_flate_stream(cs, contents.data(), contents.size());
        pd.AddKey("Contents", cs->Reference());
        out.flush(objects, cs);

        // Fonts by the numbers reserved for them (the fonts themselves are made at the end,
        // subset to every glyph the document used).
        PdfDictionary resources, font_dict;
        for (std::size_t f : used) {
            while (font_nums.size() <= f) font_nums.push_back(reserve_objects(objects, 1));
            font_dict.AddKey(PdfName(FontSet::name(f)), PdfReference(font_nums[f], 0));
        }
        resources.AddKey("Font", font_dict);
        if (!xobjects.GetKeys().empty()) resources.AddKey("XObject", xobjects);
        pd.AddKey("Resources", resources);

        const long long key = structure.page(ref.ObjectNumber(), mc.take(i), st);
        if (key >= 0) pd.AddKey("StructParents", PdfVariant(static_cast<pdf_int64>(key)));

        // Links: printable, no border, what they lead to as /Contents (a screen reader says
        // it), each in its Link element (its /StructParent key); pages with links take their
        // tab order from the structure (/Tabs /S).
        if (!p.links.empty()) pd.AddKey("Tabs", PdfName("S"));
        PdfArray annots;
        for (const auto& l : p.links) {
            const auto it = l.uri.empty() ? dests.find(l.dest) : dests.end();
            const bool tagged = l.elem >= 0 && static_cast<std::size_t>(l.elem) < st.elems.size();
            const std::string& text =
                tagged ? st.elems[static_cast<std::size_t>(l.elem)].contents : std::string();
            const std::string says = !text.empty() ? text : !l.uri.empty() ? l.uri : l.dest;
            const std::uint32_t n = reserve_objects(objects, 1);
            const long long akey =
                tagged ? structure.annotation(ref.ObjectNumber(), l.elem, n) : -1;
            annots.push_back(PdfReference(n, 0));
            if (l.uri.empty() && it == dests.end()) {
                late.push_back({n, i, l, says, akey});  // its destination may come later
                continue;
            }
            PdfObject a(PdfReference(n, 0), annotation(l, i, says));
            PdfDictionary& ad = a.GetDictionary();
            if (!l.uri.empty()) {
                PdfDictionary action;
                action.AddKey("S", PdfName("URI"));
                action.AddKey("URI", PdfString(l.uri));
                ad.AddKey("A", action);
            } else {
                ad.AddKey("Dest", destination(it->second.page, it->second.x, it->second.y));
            }
            if (akey >= 0) ad.AddKey("StructParent", PdfVariant(static_cast<pdf_int64>(akey)));
            out.write(a);
        }
        if (!annots.empty()) pd.AddKey("Annots", annots);
        out.write(page_obj);
        written[i] = true;
    }

    void finish(const layout::PagedDocument& doc) {
        if (doc.pages.empty()) throw std::runtime_error("the document has no pages");
        if (page_refs.size() > doc.pages.size())
            throw std::logic_error("more pages named than the document has");
        for (std::size_t i = 0; i < doc.pages.size(); ++i)
            if (i >= written.size() || !written[i])
                throw std::logic_error("page " + std::to_string(i + 1) + " was never written");
        add_destinations(doc.destinations);
        {
            PdfArray kids;
            for (const auto& ref : page_refs) kids.push_back(ref);
            PdfDictionary& tree = pdf.GetPagesTree()->GetObject()->GetDictionary();
            tree.AddKey("Kids", kids);
            tree.AddKey("Count", PdfVariant(static_cast<pdf_int64>(page_refs.size())));
        }
        for (std::size_t f = 0; f < fonts.fonts.size(); ++f) {
            while (font_nums.size() <= f) font_nums.push_back(reserve_objects(pdf.GetObjects(), 1));
            const PdfReference as(font_nums[f], 0);
            std::string err;
            if (!fonts.fonts[f]->emit(pdf.GetObjects(), &err, &as))
                throw std::runtime_error("cannot embed font " + fonts.fonts[f]->face().path() +
                                         ": " + err);
        }
        // The links whose destinations came after their pages (or never: then they lead
        // nowhere, as an annotation the structure already names must exist).
        for (const auto& l : late) {
            PdfObject a(PdfReference(l.object, 0), annotation(l.link, l.page, l.contents));
            auto it = dests.find(l.link.dest);
            if (it != dests.end())
                a.GetDictionary().AddKey("Dest",
                                         destination(it->second.page, it->second.x, it->second.y));
            if (l.key >= 0)
                a.GetDictionary().AddKey("StructParent", PdfVariant(static_cast<pdf_int64>(l.key)));
            out.write(a);
        }
        std::vector<LateLink>().swap(late);
        // The named destinations' tree (catalog /Names /Dests), in name order.
        {
            TreeBuilder tree("Names", pdf.GetObjects(), out);
            for (const auto& [name, d] : dests)
                tree.add(PdfString(name), PdfReference(d.object, 0));
            if (auto root = tree.finish()) {
                PdfObject* tree_obj = pdf.GetObjects().CreateObject(*root);
                PdfDictionary names;
                names.AddKey("Dests", tree_obj->Reference());
                pdf.GetCatalog()->GetDictionary().AddKey("Names", names);
                out.flush(pdf.GetObjects(), tree_obj);
            }
        }

        // Outline: each item written as soon as its neighbours are known (numbers reserved
        // for all first), not held as PoDoFo outline objects. An entry hangs under the last
        // one a level up (a level deeper than that is taken as one level down); an entry
        // whose destination is missing is left out.
        if (!doc.outline.empty()) {
            struct Item {
                const layout::OutlineEntry* entry;
                const Dest* dest;
                int parent = -1, prev = -1, next = -1, first = -1, last = -1;
            };
            std::vector<Item> items;
            std::vector<int> open;  // open[k]: the last item at level k
            int root_first = -1, root_last = -1;
            for (const auto& e : doc.outline) {
                auto it = dests.find(e.dest);
                if (it == dests.end()) continue;
                const std::size_t level =
                    std::min(static_cast<std::size_t>(std::max(e.level, 0)), open.size());
                const int k = static_cast<int>(items.size());
                Item item{&e, &it->second};
                if (level > 0) item.parent = open[level - 1];
                int& first = item.parent < 0 ? root_first
                                             : items[static_cast<std::size_t>(item.parent)].first;
                int& last =
                    item.parent < 0 ? root_last : items[static_cast<std::size_t>(item.parent)].last;
                // (first/last refer into items: take them before the push_back below moves it)
                const int prev = last;
                if (first < 0) first = k;
                last = k;
                item.prev = prev;
                items.push_back(item);
                if (prev >= 0) items[static_cast<std::size_t>(prev)].next = k;
                open.resize(level + 1);
                open[level] = k;
            }
            if (!items.empty()) {
                const std::uint32_t base = reserve_objects(pdf.GetObjects(), items.size() + 1);
                auto ref = [&](int k) {
                    return PdfReference(base + 1 + static_cast<std::uint32_t>(k), 0);
                };
                const PdfReference root(base, 0);
                PdfObject outlines(root, PdfDictionary());
                outlines.GetDictionary().AddKey("Type", PdfName("Outlines"));
                outlines.GetDictionary().AddKey("First", ref(root_first));
                outlines.GetDictionary().AddKey("Last", ref(root_last));
                out.write(outlines);
                for (std::size_t k = 0; k < items.size(); ++k) {
                    const Item& it = items[k];
                    PdfObject o(ref(static_cast<int>(k)), PdfDictionary());
                    PdfDictionary& d = o.GetDictionary();
                    d.AddKey("Title", text_string(it.entry->title));
                    d.AddKey("Parent", it.parent < 0 ? root : ref(it.parent));
                    if (it.prev >= 0) d.AddKey("Prev", ref(it.prev));
                    if (it.next >= 0) d.AddKey("Next", ref(it.next));
                    if (it.first >= 0) d.AddKey("First", ref(it.first));
                    if (it.last >= 0) d.AddKey("Last", ref(it.last));
                    d.AddKey("Dest", destination(it.dest->page, it.dest->x, it.dest->y));
                    out.write(o);
                }
                pdf.GetCatalog()->GetDictionary().AddKey("Outlines", root);
                pdf.SetPageMode(ePdfPageModeUseBookmarks);
            }
        }

        // Metadata.
        const std::string producer = options.producer;
        PdfInfo* info = pdf.GetInfo();
        info->SetTitle(text_string(doc.meta.title));
        if (!doc.meta.author.empty()) info->SetAuthor(text_string(doc.meta.author));
        if (!doc.meta.subject.empty()) info->SetSubject(text_string(doc.meta.subject));
        if (!doc.meta.keywords.empty()) info->SetKeywords(text_string(doc.meta.keywords));
        info->SetCreator(text_string(producer));
        info->SetProducer(text_string(producer));
        const std::string date = pdf_date(options.timestamp);
        info->GetObject()->GetDictionary().AddKey("CreationDate", PdfString(date));
        info->GetObject()->GetDictionary().AddKey("ModDate", PdfString(date));
        // /Lang set directly: PdfDocument::SetLanguage (0.9.8) leaks the object it makes.
        if (!doc.meta.lang.empty())
            pdf.GetCatalog()->GetDictionary().AddKey("Lang", PdfString(doc.meta.lang));
        pdf.SetDisplayDocTitle();
        structure.finish(pdf, doc.structure);
        if (options.standard.pdfa > 0) add_output_intent(pdf, cw.colour() || !images.empty());
        const std::string xmp = xmp_packet(doc.meta, options.timestamp, producer, options.standard);
        PdfObject* md = pdf.GetObjects().CreateObject("Metadata");
        md->GetDictionary().AddKey("Subtype", PdfName("XML"));
        // Deflated (ISO 19005-2 allows a filter on the metadata stream; 2.4 KB become 1 KB).
        set_flate_stream(md, xmp.data(), xmp.size());
        pdf.GetCatalog()->GetDictionary().AddKey("Metadata", md->Reference());

        out.finish(pdf.GetObjects(), pdf.GetCatalog()->Reference(), info->GetObject()->Reference());
    }

    /// Runs `step`, turning any failure into the writer's error.
    template <class Step>
    Result<Unit> guarded(Step step) {
        if (error) return *error;
        try {
            step();
            return Unit{};
        } catch (const PdfError& e) {
            error = make_error({options.source}, std::string("PDF writer failed: ") +
                                                     PdfError::ErrorMessage(e.GetError()));
        } catch (const quire::detail::LimitExceeded& e) {
            error = make_error({options.source}, e.what());
        } catch (const std::exception& e) {
            error = make_error({options.source}, std::string("PDF writer failed: ") + e.what());
        }
        return *error;
    }
};

DocumentWriter::DocumentWriter(ByteSink sink, WriteOptions options)
    : impl_(std::make_unique<Impl>(std::move(sink), std::move(options))) {}

DocumentWriter::~DocumentWriter() = default;

Result<Unit> DocumentWriter::page(std::size_t index, const layout::Page& page,
                                  const layout::PagedDocument& doc) {
    return impl_->guarded([&] { impl_->page(index, page, doc); });
}

Result<Unit> DocumentWriter::structure_done(const layout::Structure& structure, std::size_t first) {
    return impl_->guarded([&] { impl_->structure.write(structure, first); });
}

Result<Unit> DocumentWriter::finish(const layout::PagedDocument& doc) {
    return impl_->guarded([&] { impl_->finish(doc); });
}

Result<std::string> write_document(const layout::PagedDocument& doc, const WriteOptions& options) {
    std::string bytes;
    WriteOptions o = options;
    o.bleed = doc.bleed;
    try {
        DocumentWriter w([&](std::string_view b) { bytes.append(b); }, std::move(o));
        for (std::size_t i = 0; i < doc.pages.size(); ++i)
            if (auto ok = w.page(i, doc.pages[i], doc); !ok) return ok.error();
        if (auto ok = w.finish(doc); !ok) return ok.error();
    } catch (const std::exception& e) {  // PoDoFo's document itself could not be made
        return make_error({options.source}, std::string("PDF writer failed: ") + e.what());
    }
    return bytes;
}

}  // namespace quire::inline v0::pdf

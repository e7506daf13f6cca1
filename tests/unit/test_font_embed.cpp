// Tests for text::Face loading and pdf::EmbeddedFont: real round trips through PoDoFo, checked
// with poppler (pdffonts, pdftotext), qpdf --check, FreeType (the embedded subset draws the same
// outlines as the source glyph for every code) and byte-for-byte reproducibility.
#include <catch2/catch.hpp>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CID_H
#include <hb.h>
#include <podofo/podofo.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "pdf/font_embed.hpp"
#include "support/process.hpp"
#include "text/font.hpp"

using quire::pdf::EmbeddedFont;
using quire::text::Face;
using quire::text::Outlines;

namespace {

const char* const kNotoSerif = "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf";
const char* const kNotoSerifCjk = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";

std::string name_keyed_otf() {
    if (const char* env = std::getenv("QUIRE_TEST_NAME_KEYED_OTF")) return env;
    return "/usr/share/fonts/opentype/urw-base35/NimbusRoman-Regular.otf";
}

struct Glyph {
    std::uint32_t gid;
    std::string text;  // cluster text on the first glyph of a cluster, else empty
    int advance;       // font units
};

/// Shapes UTF-8 text left to right; cluster text goes to the first glyph of each cluster.
std::vector<Glyph> shape(const Face& face, const std::string& s, const char* lang) {
    hb_buffer_t* buf = hb_buffer_create();
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
    hb_buffer_add_utf8(buf, s.data(), static_cast<int>(s.size()), 0, static_cast<int>(s.size()));
    hb_buffer_guess_segment_properties(buf);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_buffer_set_language(buf, hb_language_from_string(lang, -1));
    hb_feature_t liga{};
    hb_feature_from_string("liga", -1, &liga);
    hb_shape(face.hb_font(), buf, &liga, 1);
    unsigned n = 0;
    hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
    std::vector<Glyph> out;
    for (unsigned i = 0; i < n; ++i) {
        const unsigned c = info[i].cluster;
        std::string text;
        if (i == 0 || info[i - 1].cluster != c) {
            unsigned end = static_cast<unsigned>(s.size());
            for (unsigned k = i + 1; k < n; ++k)
                if (info[k].cluster != c) {
                    end = info[k].cluster;
                    break;
                }
            text = s.substr(c, end - c);
        }
        out.push_back({info[i].codepoint, text, pos[i].x_advance});
    }
    hb_buffer_destroy(buf);
    return out;
}

std::string hex4(unsigned v) {
    char b[5];
    std::snprintf(b, sizeof b, "%04X", v & 0xFFFF);
    return b;
}

std::string fmt(double v) {
    char b[32];
    auto r = std::to_chars(b, b + sizeof b, v, std::chars_format::fixed, 3);
    return std::string(b, r.ptr);
}

/// UTF-8 to UTF-16BE hex (ActualText), BMP + surrogates.
std::string utf16_hex(const std::string& s) {
    std::string out = "FEFF";
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        char32_t cp;
        int len;
        if (b < 0x80)
            cp = b, len = 1;
        else if (b < 0xE0)
            cp = b & 0x1F, len = 2;
        else if (b < 0xF0)
            cp = b & 0x0F, len = 3;
        else
            cp = b & 0x07, len = 4;
        for (int k = 1; k < len; ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        i += static_cast<std::size_t>(len);
        if (cp >= 0x10000) {
            out += hex4(0xD800 + ((cp - 0x10000) >> 10));
            out += hex4(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            out += hex4(cp);
        }
    }
    return out;
}

/// Writes one line of glyphs as TJ, using the font's /W widths and shaped advances; glyphs whose
/// code is not exact get an /ActualText span.
std::string line_content(EmbeddedFont& font, const std::vector<Glyph>& glyphs, double y,
                         std::vector<std::pair<std::uint16_t, std::uint32_t>>* used) {
    const double upem = font.face().upem();
    std::string out = "BT /F1 12 Tf 72 " + fmt(y) + " Td\n";
    std::string tj;
    auto flush = [&] {
        if (!tj.empty()) out += "[" + tj + "] TJ\n";
        tj.clear();
    };
    for (const Glyph& g : glyphs) {
        const EmbeddedFont::Code c = font.encode(g.gid, g.text);
        used->emplace_back(c.code, g.gid);
        const double adjust = font.width(c.code) - g.advance * 1000.0 / upem;
        std::string item = "<" + hex4(c.code) + ">";
        if (std::abs(adjust) > 0.0005) item += " " + fmt(adjust) + " ";
        if (c.exact) {
            tj += item;
        } else {
            flush();
            out += "/Span <</ActualText <" + utf16_hex(g.text) + ">>> BDC [" + item + "] TJ EMC\n";
        }
    }
    flush();
    return out + "ET\n";
}

struct Built {
    std::string pdf;
    std::vector<std::pair<std::uint16_t, std::uint32_t>> used;  // (code, source gid)
    std::string program;                                        // decoded FontFile2/FontFile3
    std::string cid_to_gid;                                     // decoded map stream (TrueType)
    std::string to_unicode;                                     // decoded ToUnicode CMap
    std::string base_font;
    long long flags = -1;  // FontDescriptor /Flags
};

std::string decoded(const PoDoFo::PdfObject* obj) {
    char* data = nullptr;
    PoDoFo::pdf_long len = 0;
    obj->GetStream()->GetFilteredCopy(&data, &len);
    std::string s(data, static_cast<std::size_t>(len));
    PoDoFo::podofo_free(data);
    return s;
}

/// A one-page document with one line of text per entry of `lines`, all in one embedded font.
Built build(const Face& face, const std::vector<std::vector<Glyph>>& lines) {
    PoDoFo::PdfError::EnableDebug(false);
    PoDoFo::PdfError::EnableLogging(false);
    Built b;
    PoDoFo::PdfMemDocument doc;
    doc.SetPdfVersion(PoDoFo::ePdfVersion_1_7);
    PoDoFo::PdfPage* page = doc.CreatePage(PoDoFo::PdfRect(0, 0, 595.276, 841.89));
    EmbeddedFont font(face);
    std::string content;
    double y = 700;
    for (const auto& line : lines) {
        content += line_content(font, line, y, &b.used);
        y -= 24;
    }
    page->GetContents()->GetStream()->Set(content.data(),
                                          static_cast<PoDoFo::pdf_long>(content.size()));
    const auto emitted = font.emit(doc.GetObjects());
    REQUIRE(emitted.ok());
    PoDoFo::PdfObject* type0 = *emitted;
    REQUIRE(type0 != nullptr);
    PoDoFo::PdfDictionary fonts;
    fonts.AddKey("F1", type0->Reference());
    page->GetResources()->GetDictionary().AddKey("Font", fonts);
    PoDoFo::PdfDictionary& info = doc.GetInfo()->GetObject()->GetDictionary();
    info.AddKey("CreationDate", PoDoFo::PdfString("D:20240101000000Z"));
    info.AddKey("ModDate", PoDoFo::PdfString("D:20240101000000Z"));
    info.AddKey("Producer", PoDoFo::PdfString("quire tests"));

    // Pull the font program back out for the FreeType check.
    auto& objs = doc.GetObjects();
    const PoDoFo::PdfDictionary& td = type0->GetDictionary();
    b.base_font = td.GetKey("BaseFont")->GetName().GetName();
    const PoDoFo::PdfObject* cid_font =
        objs.GetObject(td.GetKey("DescendantFonts")->GetArray()[0].GetReference());
    const PoDoFo::PdfObject* fd =
        objs.GetObject(cid_font->GetDictionary().GetKey("FontDescriptor")->GetReference());
    b.flags = fd->GetDictionary().GetKeyAsLong("Flags", -1);
    const PoDoFo::PdfObject* file_ref = fd->GetDictionary().GetKey("FontFile2");
    if (!file_ref) file_ref = fd->GetDictionary().GetKey("FontFile3");
    REQUIRE(file_ref != nullptr);
    b.program = decoded(objs.GetObject(file_ref->GetReference()));
    b.to_unicode = decoded(objs.GetObject(td.GetKey("ToUnicode")->GetReference()));
    if (const PoDoFo::PdfObject* m = cid_font->GetDictionary().GetKey("CIDToGIDMap");
        m && m->IsReference())
        b.cid_to_gid = decoded(objs.GetObject(m->GetReference()));

    PoDoFo::PdfRefCountedBuffer buf;
    PoDoFo::PdfOutputDevice dev(&buf);
    doc.Write(&dev);
    b.pdf.assign(buf.GetBuffer(), dev.GetLength());
    return b;
}

/// Writes the PDF into a fresh temporary folder (removed with the object).
class TempPdf {
public:
    explicit TempPdf(const std::string& bytes) : path_(dir_.path / "font.pdf") {
        std::ofstream(path_, std::ios::binary)
            .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    std::string path() const { return path_.string(); }

private:
    quire::test::TempDir dir_;
    std::filesystem::path path_;
};

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\f' || s.back() == ' ')) s.pop_back();
    return s;
}

/// pdffonts rows must all be embedded subsets with ToUnicode of the given type.
void check_pdffonts(const std::string& path, const std::string& type) {
    const quire::test::RunResult r = quire::test::run({"pdffonts", path});
    INFO("pdffonts:\n" << r.out);
    REQUIRE(r.status == 0);
    std::istringstream lines(r.out);
    std::string line;
    int rows = 0, n = 0;
    while (std::getline(lines, line)) {
        if (n++ < 2) continue;  // header and ---- line
        ++rows;
        CHECK(line.find(type) != std::string::npos);
        CHECK(line.find("Identity-H") != std::string::npos);
        CHECK(std::regex_search(line, std::regex("yes +yes +yes +[0-9]+ +0$")));
    }
    CHECK(rows == 1);
}

void check_qpdf(const std::string& path) {
    const quire::test::RunResult r = quire::test::run({"qpdf", "--check", path});
    INFO("qpdf:\n" << r.out << r.err);
    CHECK(r.status == 0);
    CHECK(r.out.find("No syntax or stream encoding errors") != std::string::npos);
}

std::string pdftotext(const std::string& path) {
    return trim(quire::test::pdftotext(path));
}

/// An unhinted outline in font units: contours, points and tags.
std::vector<long> outline(FT_Face f, unsigned gid) {
    std::vector<long> v;
    if (FT_Load_Glyph(f, gid, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) != 0) return {-1};
    const FT_Outline& o = f->glyph->outline;
    v.push_back(o.n_contours);
    for (int i = 0; i < o.n_contours; ++i) v.push_back(o.contours[i]);
    for (int i = 0; i < o.n_points; ++i) {
        v.push_back(o.points[i].x);
        v.push_back(o.points[i].y);
        v.push_back(o.tags[i] & 3);
    }
    v.push_back(f->glyph->metrics.horiAdvance);
    return v;
}

struct FtLibraryDeleter {
    void operator()(FT_Library l) const { FT_Done_FreeType(l); }
};
struct FtFaceDeleter {
    void operator()(FT_Face f) const { FT_Done_Face(f); }
};
using FtLibraryPtr = std::unique_ptr<FT_LibraryRec_, FtLibraryDeleter>;
using FtFacePtr = std::unique_ptr<FT_FaceRec_, FtFaceDeleter>;

/// Every code draws, from the embedded program, the outline of the source glyph.
void check_glyphs(const Face& face, const Built& b) {
    FT_Library lib_raw = nullptr;
    REQUIRE(FT_Init_FreeType(&lib_raw) == 0);
    FtLibraryPtr lib(lib_raw);
    FT_Face src_raw = nullptr, sub_raw = nullptr;
    REQUIRE(FT_New_Face(lib.get(), face.path().c_str(), face.index(), &src_raw) == 0);
    FtFacePtr src(src_raw);
    REQUIRE(FT_New_Memory_Face(lib.get(), reinterpret_cast<const FT_Byte*>(b.program.data()),
                               static_cast<FT_Long>(b.program.size()), 0, &sub_raw) == 0);
    FtFacePtr sub(sub_raw);
    if (face.outlines() == Outlines::cff_cid_keyed) {
        // FreeType indexes the glyphs of a bare CID-keyed CFF by CID (through its charset), as
        // a PDF viewer does, so the code itself is the glyph index to load.
        FT_Bool is_cid = 0;
        CHECK(FT_Get_CID_Is_Internally_CID_Keyed(sub.get(), &is_cid) == 0);
        CHECK(is_cid);
    }
    for (const auto& [code, gid] : b.used) {
        unsigned sub_gid = code;
        if (face.outlines() == Outlines::truetype) {
            REQUIRE(b.cid_to_gid.size() >= 2u * code + 2);
            sub_gid = (static_cast<unsigned char>(b.cid_to_gid[2 * code]) << 8) |
                      static_cast<unsigned char>(b.cid_to_gid[2 * code + 1]);
        }
        INFO("code " << code << " gid " << gid << " subset gid " << sub_gid);
        CHECK(outline(sub.get(), sub_gid) == outline(src.get(), gid));
    }
}

std::string expected_text(const std::vector<std::vector<Glyph>>& lines) {
    std::string s;
    for (const auto& line : lines) {
        if (!s.empty()) s += '\n';
        for (const Glyph& g : line) s += g.text;
    }
    return s;
}

}  // namespace

TEST_CASE("Face::load reads a TrueType face", "[font]") {
    auto face = Face::load(kNotoSerif, 0);
    REQUIRE(face);
    CHECK(face->family() == "Noto Serif");
    CHECK(face->postscript_name() == "NotoSerif-Regular");
    CHECK(face->outlines() == Outlines::truetype);
    CHECK(face->upem() == 1000);
    CHECK(face->ascender() > 0);
    CHECK(face->descender() < 0);
    CHECK(face->cap_height() > 500);
    CHECK(face->cap_height() < face->ascender());
    CHECK(face->bbox()[0] < 0);
    CHECK(face->bbox()[2] > 1000);
    CHECK_FALSE(face->is_italic());
    CHECK_FALSE(face->is_fixed_pitch());
    CHECK(face->italic_angle() == 0);
    CHECK(face->has_char(U'A'));
    CHECK(face->has_char(U'ş'));
    CHECK(face->has_char(U'Ж'));
    CHECK_FALSE(face->has_char(U'日'));
    CHECK_FALSE(face->has_char(0x10FFFF));
    hb_codepoint_t a = 0;
    REQUIRE(hb_font_get_nominal_glyph(face->hb_font(), 'A', &a));
    CHECK(face->advance(a) > 0);
    CHECK(face->cid(a) == a);
}

TEST_CASE("Face::load reads a CID-keyed CFF face from a collection", "[font]") {
    auto face = Face::load(kNotoSerifCjk, 2);
    REQUIRE(face);
    CHECK(face->family() == "Noto Serif CJK SC");
    CHECK(face->postscript_name() == "NotoSerifCJKsc-Regular");
    CHECK(face->outlines() == Outlines::cff_cid_keyed);
    CHECK(face->index() == 2);
    CHECK(face->has_char(U'日'));
    CHECK(face->has_char(U'の'));
    CHECK(face->has_char(U'A'));
    hb_codepoint_t g = 0;
    REQUIRE(hb_font_get_nominal_glyph(face->hb_font(), U'日', &g));
    CHECK(face->advance(g) == 1000);
    CHECK(face->cid(g) == g);  // Noto CJK charsets are the identity
}

TEST_CASE("Face::load reads style flags", "[font]") {
    auto italic = Face::load("/usr/share/fonts/truetype/noto/NotoSerif-Italic.ttf", 0);
    REQUIRE(italic);
    CHECK(italic->is_italic());
    CHECK(italic->italic_angle() < 0);
    CHECK(italic->family() == "Noto Serif");
    auto mono = Face::load("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", 0);
    REQUIRE(mono);
    CHECK(mono->is_fixed_pitch());
    CHECK_FALSE(mono->is_italic());
    CHECK(mono->upem() == 2048);
}

TEST_CASE("Face::load rejects bad input", "[font]") {
    CHECK_FALSE(Face::load("/nonexistent/font.ttf", 0));
    CHECK_FALSE(Face::load("/etc/hostname", 0));
    CHECK_FALSE(Face::load(kNotoSerif, 1));
    CHECK_FALSE(Face::load(kNotoSerifCjk, 99));
}

TEST_CASE("EmbeddedFont round trip: TrueType with ligatures", "[font][pdf]") {
    auto face = Face::load(kNotoSerif, 0);
    REQUIRE(face);
    const std::vector<std::vector<Glyph>> lines = {
        shape(*face, "Office finance “Başlık” Русский", "en"),
        shape(*face, "ffi ffl fi fl — 123", "en")};
    std::size_t ligatures = 0;
    for (const auto& line : lines)
        for (const Glyph& g : line) ligatures += g.text.size() > 1 && g.text[0] == 'f';
    CHECK(ligatures >= 2);  // at least the fi ligature of "Office" and "finance" formed

    const Built b = build(*face, lines);
    CHECK(b.flags == 4);
    const Built again = build(*face, lines);
    CHECK(b.pdf == again.pdf);  // reproducible bytes
    CHECK(b.base_font.size() == 7 + face->postscript_name().size());
    CHECK(b.base_font.substr(7) == face->postscript_name());
    CHECK(b.program.size() < 20000);

    TempPdf file(b.pdf);
    check_pdffonts(file.path(), "CID TrueType");
    check_qpdf(file.path());
    CHECK(pdftotext(file.path()) == expected_text(lines));
    check_glyphs(*face, b);
}

TEST_CASE("EmbeddedFont round trip: CID-keyed CFF (CJK)", "[font][pdf]") {
    auto face = Face::load(kNotoSerifCjk, 2);
    REQUIRE(face);
    const std::vector<std::vector<Glyph>> lines = {shape(*face, "日本語の文章", "zh-Hans")};
    REQUIRE(lines[0].size() == 6);
    const Built b = build(*face, lines);
    CHECK(b.pdf == build(*face, lines).pdf);
    CHECK(b.base_font.substr(7) == face->postscript_name() + "-Identity-H");
    CHECK(b.program.size() < 30000);
    for (const auto& [code, gid] : b.used) CHECK(code == face->cid(gid));

    TempPdf file(b.pdf);
    check_pdffonts(file.path(), "CID Type 0C");
    check_qpdf(file.path());
    CHECK(pdftotext(file.path()) == expected_text(lines));
    check_glyphs(*face, b);
}

TEST_CASE("EmbeddedFont round trip: name-keyed CFF", "[font][pdf]") {
    const std::string path = name_keyed_otf();
    if (!std::filesystem::exists(path)) {
        WARN("skipped: no name-keyed CFF font at " << path << " (set QUIRE_TEST_NAME_KEYED_OTF)");
        return;
    }
    auto face = Face::load(path, 0);
    REQUIRE(face);
    CHECK(face->outlines() == Outlines::cff_name_keyed);
    const std::vector<std::vector<Glyph>> lines = {shape(*face, "Office finance Başlık", "en")};
    const Built b = build(*face, lines);
    CHECK(b.pdf == build(*face, lines).pdf);
    CHECK(b.program.size() < 30000);  // RETAIN_GIDS keeps only empty charstrings for the gaps
    for (const auto& [code, gid] : b.used) CHECK(code == gid);

    TempPdf file(b.pdf);
    check_pdffonts(file.path(), "CID Type 0C");
    check_qpdf(file.path());
    CHECK(pdftotext(file.path()) == expected_text(lines));
    check_glyphs(*face, b);
}

TEST_CASE("EmbeddedFont scales widths and flags of a 2048-unit monospaced face", "[font][pdf]") {
    auto face = Face::load("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Oblique.ttf", 0);
    REQUIRE(face);
    const std::vector<std::vector<Glyph>> lines = {shape(*face, "Mono: 0O1lI", "en")};
    EmbeddedFont font(*face);
    const auto c = font.encode(lines[0][0].gid, "M");
    CHECK(font.width(c.code) == std::round(face->advance(lines[0][0].gid) * 1000.0 / 2048));
    CHECK(font.width(c.code) == 602);
    CHECK(font.width(0xFFFF) == 0);

    const Built b = build(*face, lines);
    CHECK(b.flags == 4 + 1 + 64);  // symbolic, fixed pitch, italic
    TempPdf file(b.pdf);
    check_pdffonts(file.path(), "CID TrueType");
    check_qpdf(file.path());
    CHECK(pdftotext(file.path()) == expected_text(lines));
    check_glyphs(*face, b);
}

TEST_CASE("EmbeddedFont gives one glyph used for two texts two CIDs (TrueType)", "[font][pdf]") {
    auto face = Face::load(kNotoSerif, 0);
    REQUIRE(face);
    std::vector<Glyph> line = shape(*face, "a b", "en");
    REQUIRE(line.size() == 3);
    // The same glyph as "a" again, now standing for "ɑ" (as a contextual alternate would),
    // then the space glyph standing for U+00A0.
    line.push_back({line[0].gid, "ɑ", line[0].advance});
    line.push_back({line[1].gid, "\u00A0", line[1].advance});
    line.push_back({line[2].gid, "b", line[2].advance});

    EmbeddedFont font(*face);
    const auto a1 = font.encode(line[0].gid, "a");
    const auto a2 = font.encode(line[0].gid, "ɑ");
    const auto a3 = font.encode(line[0].gid, "a");
    CHECK(a1.code == 1);
    CHECK(a2.code == 2);
    CHECK(a3.code == 1);
    CHECK(a1.exact);
    CHECK(a2.exact);
    CHECK(font.width(a1.code) == font.width(a2.code));
    const auto empty = font.encode(line[0].gid, "");
    CHECK(empty.exact);
    CHECK(empty.code == 3);
    const auto notdef = font.encode(0, "x");
    CHECK(notdef.code == 0);
    CHECK_FALSE(notdef.exact);
    CHECK(font.encode(0, "").exact);
    CHECK_FALSE(font.encode(line[0].gid, std::string("a\0b", 3)).exact);

    const Built b = build(*face, {line});
    TempPdf file(b.pdf);
    check_pdffonts(file.path(), "CID TrueType");
    check_qpdf(file.path());
    // poppler extracts U+00A0 as a space, so look for its own ToUnicode entry as well.
    CHECK(pdftotext(file.path()) == "a bɑ b");
    CHECK(b.to_unicode.find("<0001> <0061>") != std::string::npos);
    CHECK(b.to_unicode.find("<0004> <0251>") != std::string::npos);
    CHECK(b.to_unicode.find("<0005> <00A0>") != std::string::npos);
    check_glyphs(*face, b);
}

TEST_CASE("EmbeddedFont: CFF code reuse with another text is not exact", "[font][pdf]") {
    auto face = Face::load(kNotoSerifCjk, 2);
    REQUIRE(face);
    std::vector<Glyph> line = shape(*face, "日本", "zh-Hans");
    REQUIRE(line.size() == 2);
    line.push_back({line[0].gid, "曰", line[0].advance});  // same glyph, other text
    EmbeddedFont font(*face);
    const auto c1 = font.encode(line[0].gid, "日");
    const auto c2 = font.encode(line[0].gid, "曰");
    CHECK(c1.code == c2.code);
    CHECK(c1.exact);
    CHECK_FALSE(c2.exact);
    CHECK(font.width(c1.code) == 1000);

    const Built b = build(*face, {line});
    TempPdf file(b.pdf);
    check_qpdf(file.path());
    CHECK(pdftotext(file.path()) == "日本曰");  // third glyph through /ActualText
}

TEST_CASE("EmbeddedFont::emit runs once", "[font][pdf]") {
    auto face = Face::load(kNotoSerif, 0);
    REQUIRE(face);
    PoDoFo::PdfMemDocument doc;
    EmbeddedFont font(*face);
    const auto first = font.emit(doc.GetObjects());  // no glyphs: .notdef only
    REQUIRE(first.ok());
    CHECK(*first != nullptr);
    const auto second = font.emit(doc.GetObjects());
    REQUIRE_FALSE(second.ok());
    CHECK_FALSE(second.error().message.empty());
}

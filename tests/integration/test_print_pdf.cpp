// Print files (docs/print.md): `--format print-pdf` writes SLUG.print.pdf beside the accessible
// PDF, `--pdf-standard x-4` makes the PDF itself one. Checked from the files: PDF 1.6, the
// print boxes nested as they must be, the GTS_PDFX output intent with its CMYK profile, the
// XMP's pdfxid and trapping state, no annotation, colours and images ICC-based, crop and
// registration marks all outside the bleed and inside the MediaBox, the slug line, qpdf clean,
// the text unchanged (pdfcheck.py), the accessible PDF unchanged by the print file beside it.
#include "support/paths.hpp"
#include "support/process.hpp"
#include "support/shared.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;
using quire::test::kBin;
using quire::test::kFixtures;
using quire::test::kSeed;
using quire::test::read_file;
using quire::test::run;
using quire::test::TempDir;

namespace {

struct Box {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

/// A box of page 1 as pdfinfo -box prints it ("TrimBox: x0 y0 x1 y1").
Box box_of(const std::string& info, const std::string& name) {
    std::smatch m;
    const std::regex re(name + R"(:\s+([-0-9.]+)\s+([-0-9.]+)\s+([-0-9.]+)\s+([-0-9.]+))");
    REQUIRE(std::regex_search(info, m, re));
    return {std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4])};
}

/// The file uncompressed (qpdf --qdf), to read its streams as text.
std::string qdf(const fs::path& pdf) {
    auto r = run({"qpdf", "--qdf", "--object-streams=disable", pdf.string(), "-"});
    REQUIRE(r.status == 0);
    return r.out;
}

/// The lines the marks draw ("x0 y0 m x1 y1 l S"), trim-relative, from the first page's stream:
/// the ones between "/Reg CS" and the end of their artifact.
std::vector<Box> mark_lines(const std::string& q) {
    std::vector<Box> out;
    const auto at = q.find("/Reg CS");
    if (at == std::string::npos) return out;
    const auto end = q.find("EMC", at);
    const std::string marks = q.substr(at, end - at);
    const std::regex re(R"(([-0-9.]+) ([-0-9.]+) m ([-0-9.]+) ([-0-9.]+) l S)");
    for (std::sregex_iterator it(marks.begin(), marks.end(), re), e; it != e; ++it)
        out.push_back(
            {std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4])});
    return out;
}

fs::path build(const fs::path& input, const fs::path& out, std::vector<std::string> extra) {
    std::vector<std::string> argv{kBin, "build", input.string(), "-o", out.string(), "-q"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    auto r = run(argv);
    INFO(r.err);
    REQUIRE(r.status == 0);
    return out;
}

fs::path only(const fs::path& dir, const std::string& suffix) {
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string n = e.path().filename().string();
        if (n.size() > suffix.size() &&
            n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0 &&
            (suffix != ".pdf" || n.find(".print.pdf") == std::string::npos))
            return e.path();
    }
    return {};
}

}  // namespace

TEST_CASE("print-pdf: a PDF/X-4 file beside the accessible PDF, boxes and marks right", "[print]") {
    if (!quire::test::have_program("qpdf") || !quire::test::have_program("pdfinfo")) return;
    TempDir t;
    build(kSeed, t.path / "both", {"--format", "pdf,print-pdf,epub"});
    const fs::path print = only(t.path / "both", ".print.pdf");
    const fs::path web = only(t.path / "both", ".pdf");
    REQUIRE(!print.empty());
    REQUIRE(!web.empty());
    REQUIRE(!only(t.path / "both", ".epub").empty());

    // The accessible PDF is the one --format pdf makes alone, byte for byte.
    build(kSeed, t.path / "alone", {"--format", "pdf"});
    CHECK(read_file(web) == read_file(only(t.path / "alone", ".pdf")));

    const std::string bytes = read_file(print);
    CHECK(bytes.rfind("%PDF-1.6\n", 0) == 0);
    CHECK(run({"qpdf", "--check", print.string()}).status == 0);

    // Boxes: TrimBox = the page (A4) at bleed (3 mm) + marks margin (24 pt) from the media's
    // corner; BleedBox 3 mm around it; MediaBox around that; every page alike.
    auto info = run({"pdfinfo", "-box", "-f", "1", "-l", "99", print.string()});
    REQUIRE(info.status == 0);
    const Box media = box_of(info.out, "MediaBox"), bleed = box_of(info.out, "BleedBox"),
              trim = box_of(info.out, "TrimBox");
    const double b = 3 * 72 / 25.4;
    CHECK(trim.x1 - trim.x0 == Approx(595.276).margin(0.01));
    CHECK(trim.y1 - trim.y0 == Approx(841.89).margin(0.01));
    CHECK(trim.x0 - bleed.x0 == Approx(b).margin(0.01));
    CHECK(bleed.x1 - trim.x1 == Approx(b).margin(0.01));
    CHECK(trim.y0 - bleed.y0 == Approx(b).margin(0.01));
    CHECK(bleed.x0 - media.x0 == Approx(24).margin(0.01));
    CHECK(media.x1 - bleed.x1 == Approx(24).margin(0.01));

    const std::string q = qdf(print);
    // The output intent: GTS_PDFX, FOGRA39, a CMYK (N 4) profile; PDF/X-4 in the XMP, with the
    // trapping state there and in the Info; no PDF/A claim; no annotation.
    CHECK(q.find("/S /GTS_PDFX") != std::string::npos);
    CHECK(q.find("/OutputConditionIdentifier (FOGRA39)") != std::string::npos);
    CHECK(q.find("/N 4") != std::string::npos);
    CHECK(q.find("<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>") != std::string::npos);
    CHECK(q.find("<pdf:Trapped>False</pdf:Trapped>") != std::string::npos);
    CHECK(q.find("/Trapped /False") != std::string::npos);
    CHECK(q.find("<xmpMM:DocumentID>uuid:") != std::string::npos);
    CHECK(q.find("pdfaid:part") == std::string::npos);
    CHECK(q.find("/GTS_PDFA1") == std::string::npos);
    CHECK(q.find("/Annots") == std::string::npos);
    CHECK(q.find("<pdfuaid:part>1</pdfuaid:part>") != std::string::npos);  // still accessible

    // The marks: every line outside the bleed (beyond it on one axis at least) and inside the
    // media, trim-relative; eight crop marks, four targets' crosses.
    const auto lines = mark_lines(q);
    CHECK(lines.size() == 8 + 4 * 2);
    const double w = 595.276, h = 841.89, m = 24;
    for (const auto& l : lines) {
        INFO(l.x0 << " " << l.y0 << " " << l.x1 << " " << l.y1);
        for (const auto& [x, y] : {std::pair{l.x0, l.y0}, std::pair{l.x1, l.y1}}) {
            const bool outside_bleed =
                x < -b - 1e-3 || x > w + b + 1e-3 || y < -b - 1e-3 || y > h + b + 1e-3;
            CHECK(outside_bleed);
            CHECK(x >= -b - m);
            CHECK(x <= w + b + m);
            CHECK(y >= -b - m);
            CHECK(y <= h + b + m);
        }
    }
    // The slug line: the file, the page, the date (of the article, so reproducible).
    const std::string text = quire::test::pdftotext(print, 1, 1);
    CHECK(text.find(kSeed.filename().string()) != std::string::npos);
    CHECK(text.find("page 1") != std::string::npos);

    // The same text as the source (the slug outside the trim is extra, not missing).
    if (const auto pdfcheck = quire::test::shared_tool("pdfcheck.py")) {
        auto c = run({"python3", pdfcheck->string(), kSeed.string(), print.string()});
        INFO(c.out);
        CHECK(c.status == 0);
    }
    // Built again: up to date, print file included; the journal records its size.
    auto again = run({kBin, "build", kSeed.string(), "-o", (t.path / "both").string(), "--format",
                      "pdf,print-pdf,epub"});
    CHECK(again.out.find("up to date") != std::string::npos);
    CHECK(again.out.find(".print.pdf") != std::string::npos);
}

TEST_CASE("print files: marks and slug as the style says; --pdf-standard x-4; ICC colours",
          "[print]") {
    if (!quire::test::have_program("qpdf") || !quire::test::have_program("pdfinfo")) return;
    TempDir t;
    // No marks, no slug: the MediaBox is the BleedBox.
    const fs::path bare = t.path / "bare.yaml";
    std::ofstream(bare) << "extends: report\nprint: {crop_marks: false, registration_marks: false, "
                           "slug: false, bleed: 5mm}\n";
    build(kSeed, t.path / "bare", {"--format", "print-pdf", "--style", bare.string()});
    const fs::path p = only(t.path / "bare", ".print.pdf");
    REQUIRE(!p.empty());
    CHECK(only(t.path / "bare", ".pdf").empty());  // the print file only
    auto info = run({"pdfinfo", "-box", p.string()});
    const Box media = box_of(info.out, "MediaBox"), bleed = box_of(info.out, "BleedBox"),
              trim = box_of(info.out, "TrimBox");
    CHECK(media.x1 == Approx(bleed.x1).margin(0.01));
    CHECK(trim.x0 - bleed.x0 == Approx(5 * 72 / 25.4).margin(0.01));
    const std::string q = qdf(p);
    CHECK(q.find("/Reg CS") == std::string::npos);
    CHECK(quire::test::pdftotext(p, 1, 1).find("page 1") == std::string::npos);

    // --pdf-standard x-4: the PDF itself is the print file. Colours and images in an article
    // with a coloured link and a PNG figure are ICC-based: no DeviceRGB anywhere.
    const fs::path red = t.path / "red.yaml";
    std::ofstream(red) << "extends: report\ncolors: {link: \"#c00000\"}\n";
    build(kFixtures / "markdown" / "features.md", t.path / "x4",
          {"--format", "pdf", "--pdf-standard", "x-4", "--style", red.string()});
    const fs::path x4 = only(t.path / "x4", ".pdf");
    REQUIRE(!x4.empty());
    CHECK(read_file(x4).rfind("%PDF-1.6\n", 0) == 0);
    CHECK(run({"qpdf", "--check", x4.string()}).status == 0);
    const std::string qx = qdf(x4);
    CHECK(qx.find("/DeviceRGB") == std::string::npos);
    CHECK(qx.find("/ICCBased") != std::string::npos);
    CHECK(qx.find("/RGB cs") != std::string::npos);
    CHECK(std::regex_search(qx, std::regex(R"(\d rg\n)")) == false);
    CHECK(qx.find("/S /GTS_PDFX") != std::string::npos);
    CHECK(qx.find("pdfuaid:part") == std::string::npos);  // x-4 alone claims no PDF/UA

    // PDF/A and PDF/X-4 in one file: refused, with the way to get both.
    auto both = run({kBin, "build", kSeed.string(), "-o", (t.path / "no").string(),
                     "--pdf-standard", "a-2u,x-4"});
    CHECK(both.status == 2);
    CHECK(both.err.find("x-4") != std::string::npos);
}

TEST_CASE("print-pdf: a book gets its print file too, recorded with its other outputs",
          "[print][anthology]") {
    if (!quire::test::have_program("qpdf") || !quire::test::have_program("pdfinfo")) return;
    TempDir t;
    const fs::path report = fs::path(QUIRE_FIXTURES) / "markdown" / "report-meta.md";
    std::vector<std::string> argv{kBin,
                                  "build",
                                  kSeed.string(),
                                  report.string(),
                                  "-o",
                                  (t.path / "out").string(),
                                  "--anthology",
                                  "--format",
                                  "pdf,print-pdf",
                                  "-q"};
    auto r = run(argv);
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.err.find("no print file") == std::string::npos);
    const fs::path book = t.path / "out" / "anthology.pdf";
    const fs::path print = t.path / "out" / "anthology.print.pdf";
    REQUIRE(fs::exists(book));
    REQUIRE(fs::exists(print));
    CHECK(run({"qpdf", "--check", print.string()}).status == 0);
    // The same pages as the book's PDF, each with its boxes; PDF/X-4 with its output intent.
    const auto pages = [](const fs::path& p) {
        const std::string info = run({"pdfinfo", p.string()}).out;
        const auto at = info.find("Pages:");
        return at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
    };
    CHECK(pages(print) == pages(book));
    const std::string boxes = run({"pdfinfo", "-box", "-f", "1", "-l", "999", print.string()}).out;
    std::size_t trims = 0;
    for (auto at = boxes.find("TrimBox"); at != std::string::npos;
         at = boxes.find("TrimBox", at + 1))
        ++trims;
    CHECK(static_cast<int>(trims) == pages(print));
    const std::string q = qdf(print);
    CHECK(q.find("/S /GTS_PDFX") != std::string::npos);
    CHECK(q.find("<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>") != std::string::npos);
    CHECK(q.find("/Annots") == std::string::npos);
    // The book's PDF is not a print file.
    CHECK(qdf(book).find("GTS_PDFX") == std::string::npos);
    // A second run finds the book up to date, its print file included.
    const auto before = fs::last_write_time(print);
    auto again = run(argv);
    REQUIRE(again.status == 0);
    CHECK(fs::last_write_time(print) == before);
    fs::remove(print);  // a missing print file is made again
    REQUIRE(run(argv).status == 0);
    CHECK(fs::exists(print));
}

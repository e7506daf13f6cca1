// House styles through the CLI (`quire build --style NAME|FILE`): the page boxes of book (6×9 in
// trim, with a 3 mm bleed), letter and report; mirrored margins (where text starts on odd and
// even pages); colours in the PDF's content streams and in the EPUB's CSS; a bad style file;
// pdfcheck.py and epubcheck on the seed in each built-in style.
#include "support/epub.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"
#include "support/shared.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using quire::test::kBin;
using quire::test::kSeed;
using quire::test::read_file;
using quire::test::run;
using quire::test::TempDir;

namespace {

constexpr double kMm3 = 3 * 72 / 25.4;  // 3 mm in points

/// Builds the seed in a style; returns OUTDIR/SLUG.ext.
fs::path build_seed(const fs::path& out, const std::string& style, const std::string& format) {
    auto r = run({kBin, "build", kSeed.string(), "-o", out.string(), "--style", style, "--format",
                  format, "-q"});
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    return out / ("the-ukraine-policy-of-japan." + format);
}

/// Each page's boxes: "MediaBox TrimBox BleedBox", 4 numbers each, one line per page.
std::vector<std::vector<double>> page_boxes(const fs::path& pdf) {
    const auto r = run({"python3", "-c",
                        "import json,subprocess,sys\n"
                        "d=json.loads(subprocess.run(['qpdf','--json=2',sys.argv[1]],"
                        "capture_output=True).stdout)\n"
                        "objs=d['qpdf'][1]\n"
                        "for p in d['pages']:\n"
                        "  o=objs['obj:'+p['object']]['value']\n"
                        "  print(*[x for k in ('/MediaBox','/TrimBox','/BleedBox') "
                        "for x in o[k]])\n",
                        pdf.string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    std::vector<std::vector<double>> out;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) {
        std::istringstream ls(line);
        std::vector<double> v;
        for (double x; ls >> x;) v.push_back(x);
        REQUIRE(v.size() == 12);
        out.push_back(v);
    }
    return out;
}

/// The leftmost and rightmost x of the words on each page (pdftotext -bbox), keyed by page.
std::map<int, std::pair<double, double>> text_extents(const fs::path& pdf) {
    const auto r =
        run({"python3", "-c",
             "import re,subprocess,sys\n"
             "t=subprocess.run(['pdftotext','-bbox',sys.argv[1],'-'],"
             "capture_output=True,text=True).stdout\n"
             "for i,pg in enumerate(t.split('<page ')[1:]):\n"
             "  xs=[(float(a),float(b)) for a,b in "
             "re.findall(r'xMin=\"([\\d.]+)\" yMin=\"[\\d.]+\" xMax=\"([\\d.]+)\"',pg)]\n"
             "  if xs: print(i+1,min(a for a,b in xs),max(b for a,b in xs))\n",
             pdf.string()});
    REQUIRE(r.status == 0);
    std::map<int, std::pair<double, double>> out;
    std::istringstream in(r.out);
    int page = 0;
    double lo = 0, hi = 0;
    while (in >> page >> lo >> hi) out[page] = {lo, hi};
    return out;
}

/// The PDF with its streams uncompressed, as text.
std::string uncompressed(const fs::path& pdf, const fs::path& tmp) {
    const fs::path plain = tmp / "plain.pdf";
    auto r = run({"qpdf", "--stream-data=uncompress", pdf.string(), plain.string()});
    REQUIRE(r.status == 0);
    return read_file(plain);
}

void write(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

bool tools() {
    return quire::test::have_program("qpdf") && quire::test::have_program("python3") &&
           quire::test::have_program("pdftotext");
}

}  // namespace

TEST_CASE("styles: book is 6x9 in, TrimBox = BleedBox = MediaBox without bleed", "[style][pdf]") {
    if (!tools()) return;
    TempDir tmp;
    const auto boxes = page_boxes(build_seed(tmp.path, "book", "pdf"));
    REQUIRE(boxes.size() >= 2);
    for (const auto& b : boxes) {
        CHECK(b[0] == 0);
        CHECK(b[1] == 0);
        CHECK(b[2] == Approx(432));
        CHECK(b[3] == Approx(648));
        for (int i = 0; i < 4; ++i) {
            CHECK(b[4 + i] == Approx(b[i]));
            CHECK(b[8 + i] == Approx(b[i]));
        }
    }
}

TEST_CASE("styles: book with a 3 mm bleed: MediaBox 3 mm larger each side, TrimBox 6x9 in",
          "[style][pdf]") {
    if (!tools()) return;
    TempDir tmp;
    write(tmp.path / "print.yaml", "# for the printer\nextends: book\npage:\n  bleed: 3mm\n");
    const fs::path pdf = build_seed(tmp.path / "out", (tmp.path / "print.yaml").string(), "pdf");
    const auto boxes = page_boxes(pdf);
    REQUIRE(boxes.size() >= 2);
    for (const auto& b : boxes) {
        // MediaBox
        CHECK(b[0] == Approx(0));
        CHECK(b[1] == Approx(0));
        CHECK(b[2] == Approx(432 + 2 * kMm3).margin(0.01));
        CHECK(b[3] == Approx(648 + 2 * kMm3).margin(0.01));
        // TrimBox: the 6 × 9 in page, 3 mm in from each edge
        CHECK(b[4] == Approx(kMm3).margin(0.01));
        CHECK(b[5] == Approx(kMm3).margin(0.01));
        CHECK(b[6] - b[4] == Approx(432).margin(0.01));
        CHECK(b[7] - b[5] == Approx(648).margin(0.01));
        // BleedBox = MediaBox
        for (int i = 0; i < 4; ++i) CHECK(b[8 + i] == Approx(b[i]).margin(0.01));
    }
    // The text moved with the trim: page 1 (right-hand) starts at bleed + inner margin.
    const auto ext = text_extents(pdf);
    REQUIRE(ext.count(1));
    CHECK(ext.at(1).first == Approx(kMm3 + 63).margin(1.5));
}

TEST_CASE("styles: mirrored margins: left-hand pages take the outer margin at the left",
          "[style][pdf][layout]") {
    if (!tools()) return;
    TempDir tmp;
    const auto ext = text_extents(build_seed(tmp.path, "book", "pdf"));
    REQUIRE(ext.size() >= 3);
    // book: inner 0.875 in (63 pt), outer 0.625 in (45 pt) on a 432 pt page. Margin kerning
    // hangs a full stop, a hyphen or a quote up to 2 pt into either margin (0.7 of a 2.6 pt
    // full stop): the words' boxes reach that far.
    constexpr double kHang = 2.0;
    auto near = [](double v, double edge, double out) {
        return v >= edge - 1.5 - (out < 0 ? -out : 0) && v <= edge + 1.5 + (out > 0 ? out : 0);
    };
    for (const auto& [page, x] : ext) {
        INFO("page " << page << ": text from " << x.first << " to " << x.second);
        if (page % 2 == 1) {
            CHECK(near(x.first, 63, -kHang));
            CHECK(near(x.second, 432 - 45, kHang));
        } else {
            CHECK(near(x.first, 45, -kHang));
            CHECK(near(x.second, 432 - 63, kHang));
        }
    }
    // Without mirroring every page starts at the inner margin.
    write(tmp.path / "flat.yaml", "extends: book\nmargins: {mirror: false}\n");
    const auto flat =
        text_extents(build_seed(tmp.path / "flat", (tmp.path / "flat.yaml").string(), "pdf"));
    REQUIRE(flat.count(2));
    CHECK(flat.at(2).first == Approx(63).margin(1.5));
}

TEST_CASE("styles: letter is US Letter and report A4", "[style][pdf]") {
    if (!tools()) return;
    TempDir tmp;
    const auto letter = page_boxes(build_seed(tmp.path / "l", "letter", "pdf"));
    REQUIRE(!letter.empty());
    CHECK(letter[0][2] == Approx(612));
    CHECK(letter[0][3] == Approx(792));
    const auto ext = text_extents(tmp.path / "l" / "the-ukraine-policy-of-japan.pdf");
    CHECK(ext.at(2).first == Approx(81).margin(1.5));  // 1.125 in on every page
    const auto report = page_boxes(build_seed(tmp.path / "r", "report", "pdf"));
    REQUIRE(!report.empty());
    CHECK(report[0][2] == Approx(595.276));
    CHECK(report[0][3] == Approx(841.89));
}

TEST_CASE("styles: colours reach the PDF's content streams and the EPUB's CSS",
          "[style][pdf][epub]") {
    if (!tools()) return;
    TempDir tmp;
    write(tmp.path / "colour.yaml",
          "extends: report\ncolors:\n  text: \"#1a2b3c\"\n  rule: \"#cc0000\"\n"
          "  link: \"#0000ff\"\n");
    const std::string style = (tmp.path / "colour.yaml").string();
    const fs::path pdf = build_seed(tmp.path / "out", style, "pdf");
    const std::string plain = uncompressed(pdf, tmp.path);
    // 0x1a/255 = 0.102, 0x2b/255 = 0.169, 0x3c/255 = 0.235
    CHECK(plain.find("0.102 0.169 0.235 rg\n") != std::string::npos);  // text
    CHECK(plain.find("0.8 0 0 rg ") != std::string::npos);             // the note rule
    CHECK(plain.find("0 0 1 rg\n") != std::string::npos);              // note marks (links)
    const fs::path epub = build_seed(tmp.path / "out", style, "epub");
    const std::string css = quire::test::zip_entry(epub, "EPUB/style.css");
    CHECK(css.find("color: #1a2b3c;") != std::string::npos);
    CHECK(css.find("a {\n  color: #0000ff;") != std::string::npos);
    CHECK(css.find("solid #cc0000;") != std::string::npos);
    // The report style stays black, as before styles had colours.
    const std::string black =
        uncompressed(build_seed(tmp.path / "black", "report", "pdf"), tmp.path);
    CHECK(black.find(" rg\n") == std::string::npos);
}

TEST_CASE("styles: a bad style file stops the run with file, line and key", "[style][cli]") {
    TempDir tmp;
    write(tmp.path / "house.yaml", "extends: book\nnotes:\n  rule:\n    widht: 3mm\n");
    auto r = run({kBin, "build", kSeed.string(), "-o", (tmp.path / "out").string(), "--style",
                  (tmp.path / "house.yaml").string()});
    CHECK(r.status == 2);
    CHECK(r.err.find("house.yaml:4: error: unknown key 'notes.rule.widht' (did you mean "
                     "'notes.rule.width'?)") != std::string::npos);
    auto u =
        run({kBin, "build", kSeed.string(), "-o", (tmp.path / "out").string(), "--style", "bok"});
    CHECK(u.status == 2);
    CHECK(u.err.find("did you mean 'book'?") != std::string::npos);
    CHECK_FALSE(fs::exists(tmp.path / "out" / "the-ukraine-policy-of-japan.pdf"));
}

TEST_CASE("styles: pdfcheck holds for the seed in each built-in style", "[style][pdfcheck]") {
    if (!tools()) return;
    const auto tool = quire::test::shared_tool("pdfcheck.py");
    if (!tool) return;
    TempDir tmp;
    write(tmp.path / "bleed.yaml", "extends: book\npage: {bleed: 3mm}\n");
    for (const std::string& style : {std::string("report"), std::string("book"),
                                     std::string("letter"), (tmp.path / "bleed.yaml").string()}) {
        const fs::path out = tmp.path / fs::path(style).stem();
        const fs::path pdf = build_seed(out, style, "pdf");
        auto r = run({"python3", tool->string(), kSeed.string(), pdf.string()});
        INFO(style << ": " << r.out << r.err);
        CHECK(r.status == 0);
    }
}

TEST_CASE("styles: epubcheck is clean for the seed and the Markdown fixture in each style",
          "[style][epub][epubcheck]") {
    if (!quire::test::have_epubcheck()) {
        if (const char* skip = std::getenv("QUIRE_SKIP_EPUBCHECK"); skip && *skip == '1') return;
        FAIL("epubcheck is missing");
    }
    TempDir tmp;
    const fs::path features = quire::test::kFixtures / "markdown" / "features.md";
    for (const std::string style : {"report", "book", "letter"}) {
        const fs::path epub = build_seed(tmp.path / style, style, "epub");
        const auto c = quire::test::epubcheck(epub);
        INFO(style << ": " << c.report.substr(0, 2000));
        CHECK(c.clean());
        const fs::path out = tmp.path / (style + "-md");
        auto r = run({kBin, "build", features.string(), "-o", out.string(), "--style", style,
                      "--format", "epub", "-q"});
        REQUIRE(r.status == 0);
        for (const auto& e : fs::directory_iterator(out))
            if (e.path().extension() == ".epub") {
                const auto m = quire::test::epubcheck(e.path());
                INFO(style << " (Markdown): " << m.report.substr(0, 2000));
                CHECK(m.clean());
            }
    }
}

TEST_CASE("styles: the Markdown fixture (headings, list, table, image, quote) in each style",
          "[style][pdf][markdown]") {
    if (!tools()) return;
    TempDir tmp;
    write(tmp.path / "bleed.yaml", "extends: book\npage: {bleed: 3mm}\n");
    const fs::path features = quire::test::kFixtures / "markdown" / "features.md";
    for (const std::string& style : {std::string("report"), std::string("book"),
                                     std::string("letter"), (tmp.path / "bleed.yaml").string()}) {
        const fs::path out = tmp.path / fs::path(style).stem();
        auto r = run({kBin, "build", features.string(), "-o", out.string(), "--style", style,
                      "--format", "pdf", "-q"});
        INFO(style << ": " << r.out << r.err);
        REQUIRE(r.status == 0);
        fs::path pdf;
        for (const auto& e : fs::directory_iterator(out))
            if (e.path().extension() == ".pdf") pdf = e.path();
        REQUIRE(!pdf.empty());
        CHECK(run({"qpdf", "--check", pdf.string()}).status == 0);
        const std::string text = quire::test::pdftotext(pdf);
        for (const char* s : {"Who runs the terminals", "What host states can do", "Colombo"})
            CHECK(text.find(s) != std::string::npos);
        // The image stays inside the trimmed page's text block, whichever side the page is.
        const auto images = run({"python3", "-c",
                                 "import re,subprocess,sys\n"
                                 "t=subprocess.run(['qpdf','--qdf','--object-streams=disable',"
                                 "sys.argv[1],'-'],capture_output=True).stdout.decode('latin-1')\n"
                                 "for m in re.finditer(r'q ([\\d.]+) 0 0 ([\\d.]+) ([\\d.]+) "
                                 "([\\d.]+) cm /Im',t): print(*m.groups())\n",
                                 pdf.string()});
        REQUIRE(images.status == 0);
        std::istringstream in(images.out);
        int n = 0;
        for (double w, h, x, y; in >> w >> h >> x >> y; ++n) {
            INFO("image at x " << x << ", width " << w);
            CHECK(x >= 44);
            CHECK(x + w <= (style == "report"   ? 595.3 - 84
                            : style == "letter" ? 612 - 80
                                                : 432 - 44));
        }
        CHECK(n >= 1);
    }
}

TEST_CASE("styles: fonts per chain and per script", "[style][pdf][fonts]") {
    if (!quire::test::have_program("pdffonts")) return;
    TempDir tmp;
    auto fonts_of = [&](const fs::path& pdf) { return run({"pdffonts", pdf.string()}).out; };
    // A chain redefined: the seed in Noto Sans.
    write(tmp.path / "sans.yaml", "fonts:\n  chains:\n    serif: [Noto Sans]\n");
    const std::string sans =
        fonts_of(build_seed(tmp.path / "sans", (tmp.path / "sans.yaml").string(), "pdf"));
    INFO(sans);
    CHECK(sans.find("+NotoSans-") != std::string::npos);
    CHECK(sans.find("NotoSerif") == std::string::npos);
    // A script's family: Arabic letters in Noto Kufi Arabic, where the serif chain has Noto
    // Naskh Arabic; the Latin text stays in Noto Serif.
    const fs::path ar = quire::test::kFixtures / "scripts" / "ar.txt";
    write(tmp.path / "kufi.yaml", "fonts:\n  scripts:\n    arabic: Noto Kufi Arabic\n");
    auto r = run({kBin, "build", ar.string(), "-o", (tmp.path / "kufi").string(), "--style",
                  (tmp.path / "kufi.yaml").string(), "--format", "pdf", "-q"});
    REQUIRE(r.status == 0);
    auto plain = run(
        {kBin, "build", ar.string(), "-o", (tmp.path / "naskh").string(), "--format", "pdf", "-q"});
    REQUIRE(plain.status == 0);
    std::string kufi, naskh;
    for (const auto& e : fs::directory_iterator(tmp.path / "kufi"))
        if (e.path().extension() == ".pdf") kufi = fonts_of(e.path());
    for (const auto& e : fs::directory_iterator(tmp.path / "naskh"))
        if (e.path().extension() == ".pdf") naskh = fonts_of(e.path());
    INFO(kufi << "\n" << naskh);
    CHECK(naskh.find("NotoNaskhArabic") != std::string::npos);
    CHECK(kufi.find("NotoKufiArabic") != std::string::npos);
    CHECK(kufi.find("NotoNaskhArabic") == std::string::npos);
}

TEST_CASE("styles: an anthology in the book style mirrors by the page's number in the book",
          "[style][pdf][anthology]") {
    if (!tools()) return;
    TempDir tmp;
    const fs::path manifest = quire::test::kFixtures / "anthology.yaml";
    auto r = run({kBin, "anthology", "--collection", manifest.string(), "-o", tmp.path.string(),
                  "--allow-path", quire::test::kExamples.string(), "--style", "book", "--format",
                  "pdf", "-q"});
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    const fs::path pdf = tmp.path / "asia-europe-2026-11.pdf";
    const auto boxes = page_boxes(pdf);
    REQUIRE(!boxes.empty());
    CHECK(boxes[0][2] == Approx(432));
    const auto ext = text_extents(pdf);
    int odd = 0, even = 0;
    for (const auto& [page, x] : ext) {
        if (page < 3) continue;  // the title page is centred
        INFO("page " << page << ": text from " << x.first);
        // Margin kerning hangs an opening CJK bracket (10 pt) by half its em into the margin.
        const double edge = page % 2 == 1 ? 63 : 45;
        CHECK(x.first >= edge - 1.5 - 5);
        CHECK(x.first <= edge + 1.5);
        ++(page % 2 == 1 ? odd : even);
    }
    CHECK(odd > 5);
    CHECK(even > 5);
}

// Integration tests of Markdown articles through the CLI: the seed written as Markdown gives the
// same PDF and EPUB text as its plain-text form; a fixture with every block (headings, a table,
// lists, a code block, a figure, a quote, links, spans in other languages) gives a PDF with its
// headings in the outline, live links, the image embedded, every font embedded and subset, and
// an EPUB that epubcheck passes.
#include "support/epub.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using quire::test::kBin;
using quire::test::kFixtures;
using quire::test::pdftotext;
using quire::test::read_file;
using quire::test::run;
using quire::test::TempDir;

namespace {

const fs::path kSeedMd = fs::path(QUIRE_SOURCE_DIR) / "examples" / "ukraine-policy-of-japan.md";
const fs::path kFeatures = kFixtures / "markdown" / "features.md";

fs::path build_one(const fs::path& input, const fs::path& out) {
    auto r = run({kBin, "build", input.string(), "-o", out.string(), "-q"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    for (const auto& e : fs::directory_iterator(out))
        if (e.path().extension() == ".pdf") return e.path();
    FAIL("no PDF written for " << input);
    return {};
}

/// The PDF's objects as text (qpdf's QDF form, streams uncompressed).
std::string qdf(const fs::path& pdf, const fs::path& dir) {
    const fs::path out = dir / "qdf.pdf";
    auto r = run({"qpdf", "--qdf", "--object-streams=disable", pdf.string(), out.string()});
    REQUIRE(r.status == 0);
    return read_file(out);
}

}  // namespace

TEST_CASE("Markdown: the seed as Markdown gives the text of its plain-text form",
          "[markdown][pdf][epub]") {
    TempDir d;
    const fs::path txt = build_one(quire::test::kSeed, d.path / "txt");
    const fs::path md = build_one(kSeedMd, d.path / "md");
    CHECK(pdftotext(md) == pdftotext(txt));
    const fs::path txt_epub = fs::path(txt).replace_extension(".epub");
    const fs::path md_epub = fs::path(md).replace_extension(".epub");
    CHECK(quire::test::zip_entry(md_epub, "EPUB/article.xhtml") ==
          quire::test::zip_entry(txt_epub, "EPUB/article.xhtml"));
    if (quire::test::have_program("python3")) {
        const fs::path tool = fs::path(QUIRE_SHARED_DIR) / "tools" / "pdfcheck.py";
        auto r = run({"python3", tool.string(), quire::test::kSeed.string(), md.string()});
        INFO(r.out << r.err);
        CHECK(r.status == 0);
    }
}

TEST_CASE("Markdown: every block reaches the PDF", "[markdown][pdf]") {
    TempDir d;
    const fs::path pdf = build_one(kFeatures, d.path / "out");
    const std::string text = pdftotext(pdf);
    for (const char* s : {"Who runs the terminals", "A note on sources", "What host states can do",
                          "Bay of Bengal", "57%", "the revenue share, fixed or rising with volume",
                          "A clause tied to performance targets", "Colombo,2024,7.79",
                          "Throughput of four ports, 2024 (million TEU)", "renegotiated every five",
                          "institute's website"})
        CHECK(text.find(s) != std::string::npos);
    const std::string objects = qdf(pdf, d.path);
    // Live links, the image, the headings in the outline.
    CHECK(objects.find("/URI (https://example.org/bimp)") != std::string::npos);
    CHECK(objects.find("/URI (https://example.org/ports/data)") != std::string::npos);
    CHECK(objects.find("/Subtype /Image") != std::string::npos);
    CHECK(objects.find("/Width 600") != std::string::npos);
    auto outline = run({"qpdf", "--json", "--json-key=outlines", pdf.string()});
    REQUIRE(outline.status == 0);
    for (const char* h : {"Who runs the terminals", "A note on sources", "What host states can do"})
        CHECK(outline.out.find(std::string("\"title\": \"") + h + "\"") != std::string::npos);
    auto fonts = run({"pdffonts", pdf.string()});
    REQUIRE(fonts.status == 0);
    std::istringstream lines(fonts.out);
    std::string line;
    int rows = 0;
    std::getline(lines, line);
    std::getline(lines, line);
    while (std::getline(lines, line)) {
        if (line.empty()) continue;
        ++rows;
        INFO(line);
        CHECK(line.find(" yes yes yes ") != std::string::npos);  // embedded, subset, ToUnicode
    }
    CHECK(rows >= 4);  // serif regular, bold, italic, mono, Arabic, Devanagari
    auto check = run({"qpdf", "--check", pdf.string()});
    CHECK(check.status == 0);
}

TEST_CASE("epubcheck: the Markdown fixture's EPUB is clean", "[markdown][epub][epubcheck]") {
    if (!quire::test::have_epubcheck()) return;
    TempDir d;
    const fs::path pdf = build_one(kFeatures, d.path / "out");
    const fs::path epub = fs::path(pdf).replace_extension(".epub");
    const std::string xhtml = quire::test::zip_entry(epub, "EPUB/article.xhtml");
    CHECK(xhtml.find("<table>") != std::string::npos);
    CHECK(xhtml.find("<img src=\"images/image-1.png\"") != std::string::npos);
    CHECK(xhtml.find("<a href=\"https://example.org/bimp\">") != std::string::npos);
    CHECK(xhtml.find("<span lang=\"ar\" xml:lang=\"ar\" dir=\"rtl\">") != std::string::npos);
    CHECK(quire::test::zip_entry(epub, "EPUB/images/image-1.png") ==
          read_file(kFixtures / "markdown" / "chart.png"));
    const auto c = quire::test::epubcheck(epub);
    INFO(c.report);
    CHECK(c.clean());
}

// Integration tests of Markdown articles through the CLI: the seed written as Markdown gives the
// same PDF and EPUB text as its plain-text form; a fixture with every block (headings, a table,
// lists, a code block, a figure, a quote, links, spans in other languages) gives a PDF with its
// headings in the outline, live links, the image embedded, every font embedded and subset, and
// an EPUB that epubcheck passes.
#include "support/epub.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"
#include "support/shared.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
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
    if (const auto tool = quire::test::shared_tool("pdfcheck.py")) {
        auto r = run({"python3", tool->string(), quire::test::kSeed.string(), md.string()});
        INFO(r.out << r.err);
        CHECK(r.status == 0);
    }
}

TEST_CASE("XML: the seed as XML gives the text of its plain-text form, and convert writes it",
          "[xml][pdf][epub]") {
    TempDir d;
    const fs::path seed_xml =
        fs::path(QUIRE_SOURCE_DIR) / "examples" / "ukraine-policy-of-japan.xml";
    const fs::path txt = build_one(quire::test::kSeed, d.path / "txt");
    const fs::path xml = build_one(seed_xml, d.path / "xml");
    CHECK(pdftotext(xml) == pdftotext(txt));
    CHECK(quire::test::zip_entry(fs::path(xml).replace_extension(".epub"), "EPUB/article.xhtml") ==
          quire::test::zip_entry(fs::path(txt).replace_extension(".epub"), "EPUB/article.xhtml"));
    // quire convert: the plain text and the Markdown seed both give the checked-in XML.
    for (const auto& src : {quire::test::kSeed, kSeedMd}) {
        const fs::path out = d.path / "seed.xml";
        auto r = run({kBin, "convert", src.string(), "-o", out.string()});
        INFO(src << ": " << r.err);
        REQUIRE(r.status == 0);
        CHECK(read_file(out) == read_file(seed_xml));
    }
    auto bad = run({kBin, "convert", (kFixtures / "invalid-utf8.txt").string(), "-o",
                    (d.path / "bad.xml").string()});
    CHECK(bad.status == 1);
    CHECK(bad.err.find("invalid-utf8.txt:3") != std::string::npos);
    CHECK_FALSE(fs::exists(d.path / "bad.xml"));
    CHECK(run({kBin, "convert", quire::test::kSeed.string()}).status == 2);
}

TEST_CASE("Markdown: every block reaches the PDF", "[markdown][pdf]") {
    TempDir d;
    const fs::path pdf = build_one(kFeatures, d.path / "out");
    const std::string text = pdftotext(pdf);
    for (const char* s :
         {"A working paper with every block Markdown gives", "Who runs the terminals",
          "A note on sources", "What host states can do", "Bay of Bengal", "57%",
          "the revenue share, fixed or rising with volume", "A clause tied to performance targets",
          "Colombo,2024,7.79", "Throughput of four ports, 2024 (million TEU)",
          "renegotiated every five", "institute's website"})
        CHECK(text.find(s) != std::string::npos);
    const std::string objects = qdf(pdf, d.path);
    // Live links, the image, the headings in the outline.
    CHECK(objects.find("/URI (https://example.org/bimp)") != std::string::npos);
    CHECK(objects.find("/URI (https://example.org/ports/data)") != std::string::npos);
    CHECK(objects.find("/Subtype /Image") != std::string::npos);
    CHECK(objects.find("/Width 600") != std::string::npos);
    CHECK(objects.find("/Width 249") != std::string::npos);  // the author's photo
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
    auto info = run({"pdfinfo", pdf.string()});
    CHECK(info.out.find("Keywords:        ports, logistics, Indian Ocean") != std::string::npos);
    auto check = run({"qpdf", "--check", pdf.string()});
    CHECK(check.status == 0);
    // pdfcheck.py reads the plain-text form: made from the article's XML by
    // tests/support/xml2txt.py (blocks as paragraphs, table rows as their cells).
    if (const auto tool = quire::test::shared_tool("pdfcheck.py")) {
        const fs::path xml = d.path / "features.xml", txt = d.path / "features.txt";
        REQUIRE(run({kBin, "convert", kFeatures.string(), "-o", xml.string()}).status == 0);
        const fs::path conv = fs::path(QUIRE_SOURCE_DIR) / "tests" / "support" / "xml2txt.py";
        auto plain = run({"python3", conv.string(), xml.string()});
        REQUIRE(plain.status == 0);
        std::ofstream(txt, std::ios::binary) << plain.out;
        auto r = run({"python3", tool->string(), txt.string(), pdf.string()});
        INFO(r.out << r.err);
        CHECK(r.status == 0);
        // The same in every house style.
        for (const char* style : {"report", "book", "letter"}) {
            const fs::path out = d.path / style;
            auto b = run({kBin, "build", kFeatures.string(), "-o", out.string(), "--style", style,
                          "--format", "pdf", "-q"});
            REQUIRE(b.status == 0);
            const fs::path styled = out / pdf.filename();
            auto c = run({"python3", tool->string(), txt.string(), styled.string()});
            INFO(style << ": " << c.out << c.err);
            CHECK(c.status == 0);
        }
    }
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
    CHECK(quire::test::zip_entry(epub, "EPUB/package.opf")
              .find("<dc:subject>logistics</dc:subject>") != std::string::npos);
    CHECK(xhtml.find("<p class=\"subtitle\">A working paper") != std::string::npos);
    // The author's photo, in the bio.
    CHECK(xhtml.find("<img class=\"bio-photo\" src=\"images/author.jpg\"") != std::string::npos);
    CHECK(quire::test::zip_entry(epub, "EPUB/images/author.jpg") ==
          read_file(kFixtures / "markdown" / "page.jpg"));
    const auto c = quire::test::epubcheck(epub);
    INFO(c.report);
    CHECK(c.clean());
}

// The example report (examples/report/, issue 17 part 4) as `./build.sh example` builds it: an
// accessible PDF, a PDF/X-4 print file and an EPUB from the Markdown source and its house style.
// Checked: its length, every cross-reference resolved to the right number and page, the
// tables' and figures' numbers, the front pages and the back cover, the print file's boxes,
// the fonts, qpdf, epubcheck (the cover image as the EPUB's cover, the numbered sections in the
// navigation); and, where ../shared/tools exists, pdfstd.py and pdfcheck.py.
#include "support/epub.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"
#include "support/shared.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using quire::test::kBin;
using quire::test::pdftotext;
using quire::test::run;
using quire::test::TempDir;

namespace {

const fs::path kDir = fs::path(QUIRE_SOURCE_DIR) / "examples" / "report";

struct Built {
    fs::path pdf, print, epub;
};

/// Builds the example as build.sh does, into `out`, and requires no warning.
Built build(const fs::path& out) {
    auto r = run({kBin, "build", (kDir / "report.md").string(), "-o", out.string(), "--style",
                  (kDir / "style.yaml").string(), "--format", "pdf,print-pdf,epub"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.err.find(": warning:") == std::string::npos);
    Built b{out / "sharing-the-current.pdf", out / "sharing-the-current.print.pdf",
            out / "sharing-the-current.epub"};
    REQUIRE(fs::exists(b.pdf));
    REQUIRE(fs::exists(b.print));
    REQUIRE(fs::exists(b.epub));
    return b;
}

/// pdftotext's lines of each page (page 1 first).
std::vector<std::vector<std::string>> page_lines(const fs::path& pdf, int pages) {
    std::vector<std::vector<std::string>> out;
    for (int p = 1; p <= pages; ++p) {
        std::istringstream in(pdftotext(pdf, p, p));
        std::vector<std::string> lines;
        for (std::string l; std::getline(in, l);) lines.push_back(l);
        out.push_back(std::move(lines));
    }
    return out;
}

}  // namespace

TEST_CASE("example report: 12-20 pages, every cross-reference to the right number and page",
          "[example][report][xref]") {
    if (!quire::test::have_program("pdftotext")) return;
    TempDir d;
    const Built b = build(d.path / "out");
    const int pages = quire::test::pdf_pages(b.pdf);
    CHECK(pages >= 12);
    CHECK(pages <= 20);
    CHECK(pages % 2 == 0);  // the back cover is a left-hand page
    CHECK(quire::test::pdf_pages(b.print) == pages);
    const auto lines = page_lines(b.pdf, pages);

    // Where each target is: "Figure 3." / "Table 2." captions, "2.1 Heading" headings.
    std::map<std::string, int> at;
    const std::regex caption(R"(^(Figure|Table)[ \xC2\xA0]+(\d+)\.)");
    const std::regex heading(R"(^(\d+(?:\.\d+)*)[ \xC2\xA0\xE2\x80\x82]+[A-Z])");
    for (int p = 0; p < pages; ++p)
        for (const auto& l : lines[static_cast<std::size_t>(p)]) {
            std::smatch m;
            if (std::regex_search(l, m, caption)) at.emplace(m[1].str() + " " + m[2].str(), p + 1);
            if (p >= 4 && std::regex_search(l, m, heading))  // the body (not the contents page)
                at.emplace("Section " + m[1].str(), p + 1);
        }
    CHECK(at.count("Figure 4"));
    CHECK(at.count("Table 3"));
    CHECK(at.count("Section 7"));

    // Every reference names a target that exists, and the page it is on, unless it is on
    // that page (then it gives none).
    std::string all;
    for (const auto& page : lines)
        for (const auto& l : page) all += l + "\n";
    for (const char* raw : {"@fig:", "@tab:", "@sec:"}) CHECK(all.find(raw) == std::string::npos);
    const std::regex ref(
        R"((Figure|Table|Section)[ \xC2\xA0]+(\d+(?:\.\d+)*)(, p\.[ \xC2\xA0]+(\d+))?)");
    int refs = 0, with_page = 0;
    for (int p = 0; p < pages; ++p) {
        std::string text;
        std::size_t captions = 0;
        for (const auto& l : lines[static_cast<std::size_t>(p)]) {
            text += l + " ";
            if (std::regex_search(l, caption)) ++captions;
        }
        std::size_t found = 0;
        for (std::sregex_iterator it(text.begin(), text.end(), ref), e; it != e; ++it) {
            const std::string target = (*it)[1].str() + " " + (*it)[2].str();
            INFO("page " << p + 1 << ": " << (*it)[0].str());
            REQUIRE(at.count(target));
            ++found;
            if ((*it)[4].matched) {
                CHECK(std::stoi((*it)[4].str()) == at.at(target));
                ++with_page;
            } else {
                // No page: a caption ("Figure 3.") or a reference on its target's page, both
                // on the target's page.
                CHECK(at.at(target) == p + 1);
            }
        }
        refs += static_cast<int>(found - std::min(found, captions));
    }
    // As many as the source has (@fig:, @tab:, @sec:), most with a page.
    const std::string md = quire::test::read_file(kDir / "report.md");
    const std::regex written(R"(@(fig|tab|sec):)");
    const auto in_source =
        std::distance(std::sregex_iterator(md.begin(), md.end(), written), std::sregex_iterator());
    CHECK(refs == in_source);
    CHECK(with_page >= 15);
    CHECK(with_page < refs);  // some are on their target's page

    // The front pages and the back cover.
    const std::string cover = pdftotext(b.pdf, 1, 1);
    CHECK(cover.find("Policy Report 7") != std::string::npos);
    CHECK(cover.find("May 12, 2026") != std::string::npos);
    CHECK(pdftotext(b.pdf, 2, 2).find("ISBN 978-1-915312-07-5") != std::string::npos);
    CHECK(pdftotext(b.pdf, 3, 3).find("Contents") != std::string::npos);
    const std::string back = pdftotext(b.pdf, pages, pages);
    CHECK(back.find("Caspian Commons Institute") != std::string::npos);
    CHECK(back.find("https://doi.org/10.5555/cci.2026.07") != std::string::npos);

    // Both files sound, every font embedded, subset, with ToUnicode.
    for (const fs::path& f : {b.pdf, b.print}) {
        CHECK(run({"qpdf", "--check", f.string()}).status == 0);
        std::istringstream fonts(run({"pdffonts", f.string()}).out);
        std::string l;
        std::getline(fonts, l);
        std::getline(fonts, l);
        int rows = 0;
        while (std::getline(fonts, l)) {
            if (l.empty()) continue;
            ++rows;
            INFO(l);
            CHECK(l.find(" yes yes yes ") != std::string::npos);
        }
        CHECK(rows >= 3);
    }
    // The print file: PDF/X-4, trimmed to the page with the bleed around it.
    const std::string boxes = run({"pdfinfo", "-box", "-f", "1", "-l", "1", b.print.string()}).out;
    CHECK(boxes.find("TrimBox") != std::string::npos);
    CHECK(boxes.find("BleedBox") != std::string::npos);
}

TEST_CASE("example report: the EPUB opens on its cover, numbered sections in the navigation",
          "[example][report][epub]") {
    TempDir d;
    const Built b = build(d.path / "out");
    const std::string opf = quire::test::zip_entry(b.epub, "EPUB/package.opf");
    CHECK(opf.find("properties=\"cover-image\"") != std::string::npos);
    const auto spine = opf.find("<spine");
    REQUIRE(spine != std::string::npos);
    CHECK(opf.find("idref=\"cover\"", spine) < opf.find("idref=\"article\"", spine));
    const std::string nav = quire::test::zip_entry(b.epub, "EPUB/nav.xhtml");
    CHECK(nav.find(">2\u2002Demand, supply and the shape of the system</a>") != std::string::npos);
    CHECK(nav.find(">4.3\u2002The project pipeline</a>") != std::string::npos);
    // Its lists are titles, not counted items ("1. 1 Introduction" otherwise).
    CHECK(quire::test::zip_entry(b.epub, "EPUB/style.css")
              .find("nav ol {\n  list-style-type: none;") != std::string::npos);
    const std::string xhtml = quire::test::zip_entry(b.epub, "EPUB/article.xhtml");
    CHECK(xhtml.find("class=\"xref\">Figure\u00A01</a>") != std::string::npos);
    CHECK(xhtml.find("@fig:") == std::string::npos);
    if (quire::test::have_epubcheck()) {
        const auto r = quire::test::epubcheck(b.epub);
        INFO(r.report);
        CHECK(r.errors == 0);
        CHECK(r.warnings == 0);
    }
}

TEST_CASE("example report: pdfstd.py and pdfcheck.py hold", "[example][report][shared]") {
    const auto pdfstd = quire::test::shared_tool("pdfstd.py");
    const auto pdfcheck = quire::test::shared_tool("pdfcheck.py");
    if (!pdfstd || !pdfcheck) return;
    TempDir d;
    const Built b = build(d.path / "out");
    auto s = run({"python3", pdfstd->string(), b.pdf.string()});
    INFO(s.out << s.err);
    CHECK(s.status == 0);
    CHECK(s.out.find("ua=ok a2u=ok") != std::string::npos);
    // The text form of the report (its XML through tests/support/xml2txt.py), read in the
    // tagged structure's order in both files.
    const fs::path xml = d.path / "report.xml", txt = d.path / "report.txt";
    REQUIRE(run({kBin, "convert", (kDir / "report.md").string(), "-o", xml.string()}).status == 0);
    auto plain =
        run({"python3", (fs::path(QUIRE_SOURCE_DIR) / "tests" / "support" / "xml2txt.py").string(),
             xml.string()});
    REQUIRE(plain.status == 0);
    std::ofstream(txt, std::ios::binary) << plain.out;
    for (const fs::path& f : {b.pdf, b.print}) {
        auto c = run({"python3", pdfcheck->string(), txt.string(), f.string(), "--struct"});
        INFO(f << ": " << c.out << c.err);
        CHECK(c.status == 0);
        CHECK(c.out.find("body_words_lost=0 ") != std::string::npos);
        CHECK(c.out.find("notes_on_ref_page=18/18") != std::string::npos);
    }
}

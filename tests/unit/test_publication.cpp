// Tests of a report's publication data and several authors (issue 17, part 1): what the
// Markdown front matter, the XML form and the plain-text form give the model (identifiers in
// their normal form, wrong check digits as errors with their line), citation(), and what the
// EPUB package, the EPUB content and the PDF's XMP and text make of them.
#include "support/epub.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"
#include "support/shared.hpp"

#include "model/labels.hpp"
#include "model/numbering.hpp"

#include <quire/quire.hpp>

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <regex>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using namespace quire;

namespace {

const fs::path kReport = fs::path(QUIRE_FIXTURES) / "markdown" / "report-meta.md";
const fs::path kTwoAuthors = fs::path(QUIRE_FIXTURES) / "two-authors.txt";

/// A file in the temporary folder named for this process (test runs in parallel, a CI run
/// beside a developer's, do not write each other's files).
fs::path tmp_path(const std::string& name) {
    return fs::temp_directory_path() / (std::to_string(::getpid()) + "-" + name);
}

Article read_ok(const fs::path& p) {
    Diagnostics d;
    auto a = read_article(p, d);
    INFO(p << (a ? "" : ": " + a.error().message));
    REQUIRE(a);
    return std::move(*a);
}

/// The error of a Markdown article made of `front` as its front matter, or "" when it reads.
std::string md_error(const std::string& front, int* line = nullptr) {
    Diagnostics d;
    auto a = parse_article("---\n" + front + "---\n\nBody text.\n", fs::path("mem.md"), d);
    if (a) return {};
    if (line) *line = a.error().where.line;
    return a.error().message;
}

}  // namespace

TEST_CASE("Markdown front matter: several authors with details and a report's publication data",
          "[publication][markdown]") {
    const Article a = read_ok(kReport);
    CHECK(a.authors == std::vector<std::string>{"Elif Demir", "James Porter"});
    REQUIRE(a.bios.size() == 2);
    const AuthorBio& e = a.bios[0];
    CHECK(e.name == "Elif Demir");
    CHECK(e.affiliation == "Centre for Eurasian Studies, Ankara");
    CHECK(e.email == "elif.demir@example.org");
    CHECK(e.orcid == "0000-0002-1825-0097");
    CHECK(e.lang == "tr");
    REQUIRE(e.paragraphs.size() == 1);
    CHECK(e.paragraphs[0].plain_text().rfind("Elif Demir, Orta Asya", 0) == 0);
    CHECK(e.line == 5);
    const AuthorBio& j = a.bios[1];
    CHECK(j.orcid == "0000-0001-5109-3700");  // given as an orcid.org URL
    CHECK(j.email.empty());
    CHECK(j.lang == "en");  // detected
    CHECK(j.has_details());

    const Publication& p = a.publication;
    CHECK(p.series == "Policy Brief");
    CHECK(p.number == "12");
    CHECK(p.organisation == "Centre for Eurasian Studies");
    REQUIRE(p.logo);
    CHECK(fs::path(p.logo->path).filename() == "chart.png");
    REQUIRE(p.cover);
    CHECK(fs::path(p.cover->path).filename() == "page.jpg");
    CHECK(p.cover->alt == "Wheat fields by the Caspian shore");
    CHECK(p.isbn == "978-0-306-40615-7");
    CHECK(p.issn == "2049-3630");
    CHECK(p.doi == "10.1000/182");  // given as a doi.org URL
    CHECK(p.licence == "CC BY 4.0");
    REQUIRE(p.summary.size() == 2);
    CHECK(p.summary[1].plain_text() ==
          "This brief sets out what each state stores, buys and grows, and where the risks lie.");
    REQUIRE(p.disclaimer.size() == 1);
    CHECK_FALSE(p.empty());
    CHECK(Publication{}.empty());
}

TEST_CASE("citation(): made from the metadata unless cite-as is given", "[publication]") {
    Article a = read_ok(kReport);
    CHECK(citation(a) ==
          "Elif Demir and James Porter (2026). Water, Grain and Power: Food Security in the "
          "Caspian Basin. Policy Brief 12. Centre for Eurasian Studies. "
          "https://doi.org/10.1000/182");
    a.publication.doi.clear();
    CHECK(citation(a).substr(citation(a).size() - 23) == "ISBN 978-0-306-40615-7.");
    a.authors.push_back("Third Person");
    a.lang = "tr";
    CHECK(citation(a).rfind("Elif Demir, James Porter ve Third Person (2026).", 0) == 0);
    a.publication.cite_as = "Demir, E. (2026), as given.";
    CHECK(citation(a) == "Demir, E. (2026), as given.");
    Article bare;
    bare.title = "Why?";
    CHECK(citation(bare) == "Why?");
}

TEST_CASE("Front matter: a wrong identifier is an error naming its line and the fix",
          "[publication][markdown]") {
    int line = 0;
    std::string e = md_error("title: T\nisbn: 978-0-306-40615-6\n", &line);
    CHECK(line == 3);
    CHECK(e.find("'isbn'") != std::string::npos);
    CHECK(e.find("7") != std::string::npos);  // the check digit it should be
    e = md_error("title: T\nauthors:\n  - name: A\n    orcid: 0000-0002-1825-0098\n", &line);
    CHECK(line == 5);
    CHECK(e.find("authors.orcid") != std::string::npos);
    CHECK_FALSE(md_error("title: T\ndoi: 11.1000/182\n").empty());
    CHECK_FALSE(md_error("title: T\nissn: 2049-3631\n").empty());
    CHECK(md_error("title: T\nauthors:\n  - affiliation: X\n").find("needs a 'name'") !=
          std::string::npos);
    CHECK(md_error("title: T\nauthors:\n  - name: A\n    affiliaton: X\n").find("affiliation") !=
          std::string::npos);
    CHECK(md_error("title: T\nseries: S\nnumber: 3\nlicense: CC0\npublisher: P\n").empty());
}

TEST_CASE("XML: the publication data and several bios round-trip; a bad ORCID names its line",
          "[publication][xml]") {
    const Article a = read_ok(kReport);
    const std::string x = article_to_xml(a);
    CHECK(x.find("<series number=\"12\">Policy Brief</series>") != std::string::npos);
    CHECK(x.find("<doi>10.1000/182</doi>") != std::string::npos);
    CHECK(x.find("<orcid>0000-0002-1825-0097</orcid>") != std::string::npos);
    Diagnostics d;
    auto b = parse_article(x, fs::path(kReport).replace_extension(".xml"), d);
    REQUIRE(b);
    CHECK(article_to_xml(*b) == x);
    REQUIRE(b->bios.size() == 2);
    CHECK(b->bios[1].affiliation == "Institute for Food Policy");
    CHECK(b->bios[0].lang == "tr");
    CHECK(b->publication.isbn == a.publication.isbn);
    CHECK(b->publication.summary.size() == 2);
    CHECK(b->publication.cover->alt == a.publication.cover->alt);
    CHECK(citation(*b) == citation(a));

    std::string bad = x;
    const auto at = bad.find("0000-0002-1825-0097");
    bad.replace(at, 19, "0000-0002-1825-0098");
    auto c = parse_article(bad, fs::path("bad.xml"), d);
    REQUIRE_FALSE(c);
    CHECK(c.error().message.find("<orcid>") != std::string::npos);
    int line = 1;
    for (std::size_t i = 0; i < at; ++i) line += bad[i] == '\n';
    CHECK(c.error().where.line == line);
}

TEST_CASE("Plain text: author blocks in a row give several authors", "[publication][import]") {
    const Article a = read_ok(kTwoAuthors);
    CHECK(a.authors == std::vector<std::string>{"Aylin Korkmaz", "Daniel Whitfield"});
    REQUIRE(a.bios.size() == 2);
    CHECK(a.bios[0].lang == "tr");
    CHECK(a.bios[1].lang == "en");
    CHECK(a.bios[1].line == 15);
    REQUIRE(a.bios[1].paragraphs.size() == 1);
    CHECK(a.bios[1].paragraphs[0].plain_text().rfind("Daniel Whitfield writes", 0) == 0);
    // A bio's later paragraph that reads like a name but does not name itself in what follows
    // stays in the bio.
    Diagnostics d;
    auto one = parse_article(
        "Title\n\nBody text here [1].\n\n[1] A note.\n\nJane Doe\nJane Doe writes on ports.\n\n"
        "Selected Works\nPorts of the world, 2020.\n",
        fs::path("mem.txt"), d);
    REQUIRE(one);
    CHECK(one->bios.size() == 1);
    CHECK(one->bios[0].paragraphs.size() == 2);
    // The seed keeps its one author.
    CHECK(read_ok(test::kExamples / "ukraine-policy-of-japan.txt").bios.size() == 1);
}

TEST_CASE("EPUB: publisher, rights, identifiers, series, cover image and every author's block",
          "[publication][epub]") {
    const Article a = read_ok(kReport);
    const fs::path out = tmp_path("quire-test-publication.epub");
    REQUIRE(write_epub(a, Style::report(), out));
    const std::string opf = test::zip_entry(out, "EPUB/package.opf");
    CHECK(opf.find("<dc:publisher>Centre for Eurasian Studies</dc:publisher>") !=
          std::string::npos);
    CHECK(opf.find("<dc:rights>CC BY 4.0</dc:rights>") != std::string::npos);
    CHECK(opf.find("<dc:identifier>urn:isbn:9780306406157</dc:identifier>") != std::string::npos);
    CHECK(opf.find("<dc:identifier>https://doi.org/10.1000/182</dc:identifier>") !=
          std::string::npos);
    CHECK(opf.find("property=\"belongs-to-collection\"") != std::string::npos);
    CHECK(opf.find(">12</meta>") != std::string::npos);
    CHECK(opf.find("properties=\"cover-image\"") != std::string::npos);
    CHECK(opf.find("<dc:description>Grain and water") != std::string::npos);
    const std::string xhtml = test::zip_entry(out, "EPUB/article.xhtml");
    CHECK(xhtml.find("Elif Demir and James Porter") != std::string::npos);
    CHECK(xhtml.find("id=\"bio-2\"") != std::string::npos);
    CHECK(xhtml.find("href=\"https://orcid.org/0000-0001-5109-3700\"") != std::string::npos);
    CHECK(xhtml.find("href=\"mailto:elif.demir@example.org\"") != std::string::npos);
    const std::string nav = test::zip_entry(out, "EPUB/nav.xhtml");
    CHECK(nav.find("About the authors") != std::string::npos);
    if (test::have_epubcheck()) {
        const auto r = test::epubcheck(out);
        INFO(r.report);
        CHECK(r.errors == 0);
        CHECK(r.warnings == 0);
    }
    fs::remove(out);
}

TEST_CASE("PDF: the XMP names publisher, rights and DOI; every author's block is set",
          "[publication][pdf]") {
    const Article a = read_ok(kReport);
    Diagnostics d;
    auto doc = typeset(a, Style::report(), d);
    REQUIRE(doc);
    const fs::path out = tmp_path("quire-test-publication.pdf");
    REQUIRE(write_pdf(*doc, out));
    // The XMP stream is compressed: qpdf writes it out plain.
    REQUIRE(test::have_program("qpdf"));
    const fs::path plain = tmp_path("quire-test-publication-qdf.pdf");
    REQUIRE(test::run({"qpdf", "--qdf", "--object-streams=disable", out.string(), plain.string()})
                .status == 0);
    const std::string pdf = test::read_file(plain);
    fs::remove(plain);
    CHECK(pdf.find("<dc:publisher><rdf:Bag><rdf:li>Centre for Eurasian Studies") !=
          std::string::npos);
    CHECK(pdf.find("<dc:identifier>https://doi.org/10.1000/182</dc:identifier>") !=
          std::string::npos);
    CHECK(pdf.find("<rdf:li xml:lang=\"x-default\">CC BY 4.0</rdf:li>") != std::string::npos);
    if (test::have_program("pdftotext")) {
        const std::string text = test::pdftotext(out);
        CHECK(text.find("Elif Demir and James Porter") != std::string::npos);
        CHECK(text.find("Institute for Food Policy · ORCID 0000-0001-5109-3700") !=
              std::string::npos);
        CHECK(text.find("James Porter directs") != std::string::npos);
    }
    fs::remove(out);
}

TEST_CASE("Front pages: a cover and an imprint before the article, which starts on page 3",
          "[publication][pdf][front]") {
    if (!test::have_program("pdftotext")) return;
    const Article a = read_ok(kReport);
    Diagnostics d;
    auto doc = typeset(a, Style::report(), d);
    REQUIRE(doc);
    const fs::path out = tmp_path("quire-test-front.pdf");
    REQUIRE(write_pdf(*doc, out));
    const int pages = test::pdf_pages(out);
    REQUIRE(pages >= 3);
    const std::string cover = test::pdftotext(out, 1, 1);
    INFO(cover);
    for (const char* s :
         {"Policy Brief 12", "Water, Grain and Power", "Food Security in the Caspian Basin",
          "Elif Demir", "Centre for Eurasian Studies, Ankara", "Institute for Food Policy",
          "March 14, 2026"})
        CHECK(cover.find(s) != std::string::npos);
    CHECK(cover.find("Three of the five") == std::string::npos);
    const std::string imprint = test::pdftotext(out, 2, 2);
    INFO(imprint);
    for (const char* s : {"\u00A9 2026 Centre for Eurasian Studies", "CC BY 4.0",
                          "ISBN 978-0-306-40615-7", "ISSN 2049-3630", "https://doi.org/10.1000/182",
                          "Cite as", "The views expressed are the authors"})
        CHECK(imprint.find(s) != std::string::npos);
    const std::string first = test::pdftotext(out, 3, 3);
    INFO(first);
    // The summary box under the title block, before the body; the folio is 3.
    const auto title = first.find("Water, Grain and Power"), heading = first.find("Summary"),
               summary = first.find("Grain and water tie"), body = first.find("Why grain matters");
    CHECK(title < heading);
    CHECK(heading < summary);
    CHECK(summary < body);
    CHECK(body != std::string::npos);
    CHECK(first.find("\n3\n") != std::string::npos);
    // The DOI on the imprint is a live link.
    const fs::path plain = tmp_path("quire-test-front-qdf.pdf");
    REQUIRE(test::run({"qpdf", "--qdf", "--object-streams=disable", out.string(), plain.string()})
                .status == 0);
    const std::string qdf = test::read_file(plain);
    CHECK(qdf.find("/URI (https://doi.org/10.1000/182)") != std::string::npos);
    // The cover image fills the top of the cover to the bleed, cropped by a clipping path
    // wider than the page (3 mm beyond each edge).
    const std::regex clip(R"((-?[0-9.]+) (-?[0-9.]+) ([0-9.]+) ([0-9.]+) re W n)");
    std::smatch m;
    REQUIRE(std::regex_search(qdf, m, clip));
    CHECK(std::stod(m[1].str()) == Approx(-3 * 72 / 25.4).margin(0.01));
    CHECK(std::stod(m[3].str()) == Approx(595.276 + 6 * 72 / 25.4).margin(0.01));
    fs::remove(plain);

    // Off in the style, or without publication data: no front pages.
    Style plain_style = Style::report();
    plain_style.front_pages = false;
    plain_style.summary_box = false;
    auto doc2 = typeset(a, plain_style, d);
    REQUIRE(doc2);
    REQUIRE(write_pdf(*doc2, out));
    CHECK(test::pdf_pages(out) <= pages - 2);
    CHECK(test::pdftotext(out, 1, 1).find("Policy Brief 12") == std::string::npos);
    CHECK(test::pdftotext(out).find("Grain and water tie") == std::string::npos);
    Article bare = a;
    bare.publication = {};
    auto doc3 = typeset(bare, Style::report(), d);
    REQUIRE(doc3);
    REQUIRE(write_pdf(*doc3, out));
    CHECK(test::pdf_pages(out) <= pages - 2);
    CHECK(test::pdftotext(out, 1, 1).find("Policy Brief 12") == std::string::npos);
    fs::remove(out);
}

TEST_CASE("EPUB: the summary under the title block and the imprint at the end",
          "[publication][epub][front]") {
    const Article a = read_ok(kReport);
    const fs::path out = tmp_path("quire-test-front.epub");
    REQUIRE(write_epub(a, Style::report(), out));
    const std::string xhtml = test::zip_entry(out, "EPUB/article.xhtml");
    const auto header = xhtml.find("</header>"), summary = xhtml.find("class=\"summary\""),
               body = xhtml.find("Why grain matters"), imprint = xhtml.find("class=\"imprint\"");
    CHECK(header < summary);
    CHECK(summary < body);
    CHECK(body < imprint);
    CHECK(imprint != std::string::npos);
    CHECK(xhtml.find("<strong>Cite as</strong> Elif Demir and James Porter (2026).") !=
          std::string::npos);
    CHECK(test::zip_entry(out, "EPUB/style.css").find("section.summary") != std::string::npos);
    fs::remove(out);
}

TEST_CASE("Cross-references: ids, captions and @-references in Markdown", "[publication][xref]") {
    const Article a = read_ok(kReport);
    const Paragraph* heading = nullptr;
    const Paragraph* table = nullptr;
    const Paragraph* figure = nullptr;
    for (const auto& p : a.body) {
        if (p.id == "sec:grain") heading = &p;
        if (p.id == "tab:reserves") table = &p;
        if (p.id == "fig:imports") figure = &p;
    }
    REQUIRE(heading);
    CHECK(heading->plain_text() == "Why grain matters");
    REQUIRE(table);
    CHECK(table->kind() == BlockKind::table);
    CHECK(table->plain_text() == "Grain reserves by state, in months of consumption");
    REQUIRE(figure);
    CHECK(figure->kind() == BlockKind::figure);
    // No paragraph is left of the caption line.
    for (const auto& p : a.body) CHECK(p.plain_text().rfind("Table:", 0) != 0);
    // The references, and an e-mail address that is none.
    std::vector<std::string> refs;
    for (const auto& p : a.body)
        for (const auto& in : p.content)
            if (const auto* t = std::get_if<Text>(&in); t && !t->xref.empty())
                refs.push_back(t->xref + "=" + t->text);
    CHECK(refs == std::vector<std::string>{"tab:reserves=@tab:reserves", "fig:imports=@fig:imports",
                                           "sec:grain=@sec:grain"});

    Diagnostics d;
    auto bad = parse_article(
        "# T\n\nSee @fig:nope and @tab:x.\n\n## A {#sec:a}\n\n## B {#sec:a}\n\nMail a@fig:b.\n",
        fs::path("mem.md"), d);
    REQUIRE(bad);
    std::string all;
    for (const auto& w : d.all()) all += w.format() + "\n";
    INFO(all);
    CHECK(all.find("mem.md:3: warning: the cross-reference '@fig:nope'") != std::string::npos);
    CHECK(all.find("'@tab:x'") != std::string::npos);  // the full stop is not part of it
    CHECK(all.find("mem.md:7: warning: the id 'sec:a' is given twice (first at line 5)") !=
          std::string::npos);
    CHECK(all.find("fig:b") == std::string::npos);  // after a letter: an address, no reference
}

TEST_CASE("Cross-references: numbers and what a reference says", "[publication][xref]") {
    Article a = read_ok(kReport);
    auto n = model::number_blocks(a, false);
    CHECK(n.reference_text(a, "tab:reserves") == "Table\u00A01");
    CHECK(n.reference_text(a, "fig:imports") == "Figure\u00A01");
    CHECK(n.reference_text(a, "sec:grain") == "\u201CWhy grain matters\u201D");
    CHECK(n.reference_text(a, "sec:none").empty());
    CHECK(n.dest.at("fig:imports") == "xref-fig-imports");
    CHECK(n.dest.at("sec:grain") == "h-1");
    n = model::number_blocks(a, true);
    CHECK(n.reference_text(a, "sec:grain") == "Section\u00A01");
    a.lang = "tr";
    CHECK(n.reference_text(a, "fig:imports") == "Şekil\u00A01");
    a.lang = "zh";
    CHECK(n.reference_text(a, "tab:reserves") == "表1");
    // Levels: 1, 1.1, 1.2, 2.
    Article h;
    for (int level : {1, 2, 2, 1, 3}) {
        Paragraph p;
        p.heading = level;
        p.content.push_back(Text{"H", {}, false, false, false, {}, {}});
        h.body.push_back(p);
    }
    CHECK(model::number_blocks(h, true).number ==
          std::vector<std::string>{"1", "1.1", "1.2", "2", "2.0.1"});
}

TEST_CASE("Cross-references: linked in the PDF to the right place, and in the EPUB",
          "[publication][xref][pdf][epub]") {
    if (!test::have_program("pdftotext") || !test::have_program("pdfinfo")) return;
    const Article a = read_ok(kReport);
    Diagnostics d;
    Style st = Style::report();
    st.number_headings = true;
    auto doc = typeset(a, st, d);
    REQUIRE(doc);
    const fs::path out = tmp_path("quire-test-xref.pdf");
    REQUIRE(write_pdf(*doc, out));
    const std::string text = test::pdftotext(out, 3, 3);
    INFO(text);
    CHECK(text.find("(Table 1), and imports have grown since 2020 (Figure 1).") !=
          std::string::npos);
    CHECK(text.find("Table 1. Grain reserves") != std::string::npos);
    CHECK(text.find("Figure 1. Wheat imports by state, 2025") != std::string::npos);
    CHECK(text.find("1 Why grain matters") != std::string::npos);
    CHECK(text.find("The reserves of Section 1 last") != std::string::npos);
    // The destinations the links go to are on the page of their block (page 3).
    const auto dests = test::run({"pdfinfo", "-dests", out.string()}).out;
    INFO(dests);
    for (const char* name : {"xref-tab-reserves", "xref-fig-imports", "h-1"}) {
        const auto at = dests.find(std::string("\"") + name + "\"");
        REQUIRE(at != std::string::npos);
        const auto line_start = dests.rfind('\n', at) + 1;
        CHECK(std::stoi(dests.substr(line_start, 4)) == 3);
    }
    const fs::path plain = tmp_path("quire-test-xref-qdf.pdf");
    REQUIRE(test::run({"qpdf", "--qdf", "--object-streams=disable", out.string(), plain.string()})
                .status == 0);
    const std::string pdf = test::read_file(plain);
    // Each link says what it reads (a screen reader's name for it), and goes to a page.
    // (UTF-16 text strings: "Table\u00A01", "Figure\u00A01", "Section\u00A01".)
    for (const char* said : {"/Contents <feff005400610062006c006500a00031>",
                             "/Contents <feff00460069006700750072006500a00031>",
                             "/Contents <feff00530065006300740069006f006e00a00031>"})
        CHECK(pdf.find(said) != std::string::npos);
    CHECK(pdf.find("quire-dest:") == std::string::npos);
    fs::remove(plain);
    fs::remove(out);

    const fs::path epub = tmp_path("quire-test-xref.epub");
    REQUIRE(write_epub(a, st, epub));
    const std::string xhtml = test::zip_entry(epub, "EPUB/article.xhtml");
    CHECK(xhtml.find("<a href=\"#xref-tab-reserves\" class=\"xref\">Table\u00A01</a>") !=
          std::string::npos);
    CHECK(xhtml.find("<a href=\"#h-1\" class=\"xref\">Section\u00A01</a>") != std::string::npos);
    CHECK(xhtml.find("<table id=\"xref-tab-reserves\"") != std::string::npos);
    CHECK(xhtml.find("<figure id=\"xref-fig-imports\"") != std::string::npos);
    CHECK(xhtml.find("<strong class=\"label\">Table\u00A01.</strong>") != std::string::npos);
    CHECK(xhtml.find("<span class=\"number\">1</span>") != std::string::npos);
    if (test::have_epubcheck()) CHECK(test::epubcheck(epub).clean());
    fs::remove(epub);
}

TEST_CASE("A table split over pages repeats its header rows, as artifacts",
          "[publication][table]") {
    if (!test::have_program("pdftotext")) return;
    std::string md =
        "---\ntitle: A Long Table\n---\n\nSee @tab:long.\n\n"
        "Table: Every port of the survey {#tab:long}\n\n"
        "| Port | Million TEU | Berths |\n|:-----|-----:|----:|\n";
    for (int i = 1; i < 90; ++i)
        md += "| Port " + std::to_string(i) + " | " + std::to_string(i * 3) + " | " +
              std::to_string(i * 11) + " |\n";
    Diagnostics d;
    auto a = parse_article(md, fs::path("long.md"), d);
    REQUIRE(a);
    auto doc = typeset(*a, Style::report(), d);
    REQUIRE(doc);
    const fs::path out = tmp_path("quire-test-long-table.pdf");
    REQUIRE(write_pdf(*doc, out));
    const int pages = test::pdf_pages(out);
    REQUIRE(pages >= 2);
    for (int p = 1; p <= pages; ++p) {
        const std::string text = test::pdftotext(out, p, p);
        INFO("page " << p << "\n" << text);
        // Every page with rows has the header above them; the caption is not repeated.
        if (text.find("Port ") != std::string::npos)
            CHECK(text.find("Million TEU") < text.find("Port "));
        if (p > 1) CHECK(text.find("Every port of the survey") == std::string::npos);
    }
    // The tagged structure holds the header once (the repeats are artifacts).
    if (const auto tool = test::shared_tool("pdfstd.py")) {
        const auto r = test::run({"python3", tool->string(), "--text", out.string()});
        std::size_t count = 0;
        for (auto at = r.out.find("Million TEU"); at != std::string::npos;
             at = r.out.find("Million TEU", at + 1))
            ++count;
        CHECK(count == 1);
    }
    fs::remove(out);
}

TEST_CASE("A heading never ends a page: it stays with the lines after it", "[layout][keep]") {
    if (!test::have_program("pdftotext")) return;
    // Sections of varied lengths, so that page breaks fall at many places.
    std::string md = "---\ntitle: Keeps\n---\n\n";
    const std::string sentence = "The ports of the basin load more ships each year than before. ";
    for (int s = 1; s <= 24; ++s) {
        md += "## Heading" + std::to_string(s) + " here\n\n";
        std::string para;
        for (int k = 0; k < 2 + (s * 3) % 5; ++k) para += sentence;
        md += para + "\n\n";
    }
    Diagnostics d;
    auto a = parse_article(md, fs::path("keeps.md"), d);
    REQUIRE(a);
    // Whether some page's last line of text is a heading, for a style.
    auto stranded = [&](const Style& st) {
        auto doc = typeset(*a, st, d);
        REQUIRE(doc);
        const fs::path out = tmp_path("quire-test-keeps.pdf");
        REQUIRE(write_pdf(*doc, out));
        bool any = false;
        const int pages = test::pdf_pages(out);
        for (int p = 1; p < pages; ++p) {
            std::string last;
            std::istringstream in(test::pdftotext(out, p, p));
            for (std::string l; std::getline(in, l);)
                if (!l.empty() && l.find_first_not_of("0123456789 \f") != std::string::npos)
                    last = l;
            any = any || last.rfind("Heading", 0) == 0;
        }
        fs::remove(out);
        return any;
    };
    // (Before the headings' keep was bound, this article left "Heading8 here" alone at the
    // foot of its first page.)
    CHECK_FALSE(stranded(Style::report()));
}

TEST_CASE("A contents page after the imprint, on request or for a long report",
          "[publication][pdf][contents]") {
    if (!test::have_program("pdftotext")) return;
    Article a = read_ok(kReport);
    a.publication.contents = true;
    Diagnostics d;
    auto doc = typeset(a, Style::report(), d);
    REQUIRE(doc);
    const fs::path out = tmp_path("quire-test-contents.pdf");
    REQUIRE(write_pdf(*doc, out));
    const std::string contents = test::pdftotext(out, 3, 3);
    INFO(contents);
    CHECK(contents.find("Contents") != std::string::npos);
    // Each heading of the report with its page: the article starts on page 5 now, a
    // right-hand page (page 4 is the contents' blank verso).
    CHECK(contents.find("Why grain matters") != std::string::npos);
    CHECK(contents.find("Water") != std::string::npos);
    CHECK(contents.find(" 5\n") != std::string::npos);
    CHECK(test::pdftotext(out, 4, 4).find_first_not_of(" \n\f") == std::string::npos);
    const std::string first = test::pdftotext(out, 5, 5);
    CHECK(first.find("Water, Grain and Power") != std::string::npos);
    CHECK(first.find("\n5\n") != std::string::npos);
    const auto dests = test::run({"pdfinfo", "-dests", out.string()}).out;
    CHECK(dests.find("   3 [") != std::string::npos);  // "contents" on page 3
    if (const auto tool = test::shared_tool("pdfstd.py")) {
        const auto r = test::run({"python3", tool->string(), out.string()});
        INFO(r.out);
        CHECK(r.out.find("ua=ok a2u=ok") != std::string::npos);
        const auto text = test::run({"python3", tool->string(), "--text", out.string()}).out;
        // Read after the imprint, before the title block.
        CHECK(text.find("Cite as") < text.find("Contents"));
        CHECK(text.find("Contents") < text.find("Grain and water tie"));
    }
    // Short and not asked for: none (the style's threshold is 8 pages).
    a.publication.contents = false;
    auto plain = typeset(a, Style::report(), d);
    REQUIRE(plain);
    REQUIRE(write_pdf(*plain, out));
    CHECK(test::pdftotext(out, 3, 3).find("Contents") == std::string::npos);
    // A threshold the report reaches: contents again.
    Style st = Style::report();
    st.contents_pages = 1;
    auto by_length = typeset(a, st, d);
    REQUIRE(by_length);
    REQUIRE(write_pdf(*by_length, out));
    CHECK(test::pdftotext(out, 3, 3).find("Contents") != std::string::npos);
    fs::remove(out);
}

TEST_CASE("Heading numbers: the style's format, in the text, the references and the nav",
          "[publication][xref][numbering]") {
    using model::NumberFormat;
    std::string why;
    const NumberFormat dec = NumberFormat::parse("1.1", &why);
    CHECK(why.empty());
    CHECK(dec.format({2}, true) == "2");
    CHECK(dec.format({2, 1, 3}, true) == "2.1.3");
    const NumberFormat mixed = NumberFormat::parse("I.A.1", &why);
    CHECK(why.empty());
    CHECK(mixed.format({2}, true) == "II");
    CHECK(mixed.format({2, 2, 3}, true) == "II.B.3");
    CHECK(mixed.format({2, 2, 3, 4}, true) == "II.B.3.4");  // deeper: the last counter again
    const NumberFormat dotted = NumberFormat::parse("1.1.", &why);
    CHECK(dotted.format({2, 1}, true) == "2.1.");
    CHECK(dotted.format({2, 1}, false) == "2.1");
    const NumberFormat section = NumberFormat::parse("§1-a", &why);
    CHECK(section.format({3, 2}, true) == "§3-b");
    CHECK(model::counter_text(4, 'I') == "IV");
    CHECK(model::counter_text(1994, 'i') == "mcmxciv");
    CHECK(model::counter_text(4000, 'I') == "4000");
    CHECK(model::counter_text(27, 'A') == "AA");
    CHECK(model::counter_text(52, 'a') == "az");
    for (const char* bad : {"", "x", "11", "1.1.1.1.1.1.1"}) {
        NumberFormat::parse(bad, &why);
        INFO(bad);
        CHECK_FALSE(why.empty());
    }
    // A style file with a bad format names the key.
    auto bad = parse_style("headings:\n  number_format: \"1a\"\n", "bad.yaml");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("headings.number_format") != std::string::npos);

    // In the EPUB's text and navigation, and in what a reference says.
    const Article a = read_ok(kReport);
    Style st = Style::report();
    st.number_headings = true;
    st.heading_number_format = "I.";
    const auto n = model::number_blocks(a, true, true, st.heading_number_format);
    CHECK(n.reference_text(a, "sec:grain") == "Section\u00A0I");
    const fs::path out = tmp_path("quire-test-numbers.epub");
    REQUIRE(write_epub(a, st, out));
    const std::string nav = test::zip_entry(out, "EPUB/nav.xhtml");
    CHECK(nav.find(">I.\u2002Why grain matters</a>") != std::string::npos);
    CHECK(nav.find(">II.\u2002Water</a>") != std::string::npos);
    const std::string xhtml = test::zip_entry(out, "EPUB/article.xhtml");
    CHECK(xhtml.find("<span class=\"number\">II.</span>") != std::string::npos);
    fs::remove(out);
}

TEST_CASE("Cross-references give their target's page when the style asks",
          "[publication][xref][pdf]") {
    if (!test::have_program("pdftotext")) return;
    // Targets pages away from their references, one reference in a note.
    std::string md = "---\ntitle: Far Apart\nlang: en\n---\n\nSee @tab:far and @sec:end.[^1]\n\n";
    const std::string filler =
        "The grid was built as one and is run as seven, and every winter the states that "
        "have water but no fuel borrow from those that have fuel but no water. ";
    for (int i = 0; i < 30; ++i) md += filler + filler + filler + "\n\n";
    md += "Table: Far away {#tab:far}\n\n| A | B |\n|---|--:|\n| x | 1 |\n| y | 2 |\n\n";
    md += "As @tab:far shows, the rows are few.\n\n";  // on the table's page: no page
    for (int i = 0; i < 30; ++i) md += filler + filler + filler + "\n\n";
    md += "## The end {#sec:end}\n\nBack to @tab:far.\n\n[^1]: Compare @tab:far.\n";
    Diagnostics d;
    auto a = parse_article(md, fs::path("far.md"), d);
    REQUIRE(a);
    Style st = Style::report();
    st.number_headings = true;
    st.xref_pages = true;
    Diagnostics td;
    auto doc = typeset(*a, st, td);
    REQUIRE(doc);
    CHECK(td.count(Severity::warning) == 0);
    const fs::path out = tmp_path("quire-test-xref-pages.pdf");
    REQUIRE(write_pdf(*doc, out));
    const int pages = test::pdf_pages(out);
    REQUIRE(pages >= 4);
    // The pages the table and the heading are on (folios from 1: no front pages).
    int table_page = 0, end_page = 0;
    for (int p = 1; p <= pages; ++p) {
        const std::string t = test::pdftotext(out, p, p);
        if (t.find("Table 1. Far away") != std::string::npos) table_page = p;
        if (t.find("1 The end") != std::string::npos) end_page = p;
    }
    REQUIRE(table_page > 1);
    REQUIRE(end_page > table_page);
    const std::string text = test::pdftotext(out);
    INFO(text.substr(0, 400));
    const std::string tab = "Table 1, p. " + std::to_string(table_page);
    const std::string sec = "Section 1, p. " + std::to_string(end_page);
    CHECK(text.find("See " + tab + " and " + sec + ".") != std::string::npos);
    CHECK(text.find("Back to " + tab + ".") != std::string::npos);
    CHECK(text.find("Compare " + tab + ".") != std::string::npos);  // in the note
    // A reference on its target's page gives no page (as LaTeX's varioref).
    CHECK(test::pdftotext(out, table_page, table_page).find("As Table 1 shows") !=
          std::string::npos);
    // Off (the default): no pages, as before.
    st.xref_pages = false;
    auto plain = typeset(*a, st, td);
    REQUIRE(plain);
    REQUIRE(write_pdf(*plain, out));
    CHECK(test::pdftotext(out).find("See Table 1 and Section 1.") != std::string::npos);
    fs::remove(out);
    CHECK(labels::page_reference(12, "de") == ", S.\u00A012");
    CHECK(labels::page_reference(3, "zh") == "，第3页");
}

TEST_CASE("Dates written out and short bylines, in the article's language", "[labels]") {
    CHECK(labels::long_date("2026-05-12", "en") == "May 12, 2026");
    CHECK(labels::long_date("2026-05-12", "en-GB") == "12 May 2026");
    CHECK(labels::long_date("2026-05-12", "tr") == "12 Mayıs 2026");
    CHECK(labels::long_date("2026-05", "en") == "May 2026");
    CHECK(labels::long_date("2026-05-12", "zh") == "2026年5月12日");
    for (const char* as_written : {"Spring 2026", "2026", "2026-13-01", "2026-05-12T10:00", ""})
        CHECK(labels::long_date(as_written, "en") == as_written);
    CHECK(labels::short_byline({"A B"}, "en") == "A B");
    CHECK(labels::short_byline({"A B", "C D"}, "en") == "A B and C D");
    CHECK(labels::short_byline({"A B", "C D", "E F"}, "en") == "A B et al.");
    CHECK(labels::short_byline({"A B", "C D", "E F"}, "ru") == "A B и др.");
}

TEST_CASE("A report's back cover is its last page, a left-hand one; the EPUB opens on its cover",
          "[publication][pdf][epub][front]") {
    if (!test::have_program("pdftotext")) return;
    const Article a = read_ok(kReport);
    Diagnostics d;
    auto doc = typeset(a, Style::report(), d);
    REQUIRE(doc);
    const fs::path out = tmp_path("quire-test-back.pdf");
    REQUIRE(write_pdf(*doc, out));
    const int pages = test::pdf_pages(out);
    CHECK(pages % 2 == 0);
    const std::string back = test::pdftotext(out, pages, pages);
    INFO(back);
    for (const char* s :
         {"Water, Grain and Power", "Grain and water tie", "Centre for Eurasian Studies",
          "Policy Brief 12", "ISBN 978-0-306-40615-7", "https://doi.org/10.1000/182"})
        CHECK(back.find(s) != std::string::npos);
    // No folio, no running head on it; the band is there (a filled rectangle to the bleed).
    CHECK(back.find("Elif Demir and James Porter") == std::string::npos);
    // Off in the style: the article's last page ends the file.
    Style no_back = Style::report();
    no_back.back_cover = false;
    auto doc2 = typeset(a, no_back, d);
    REQUIRE(doc2);
    REQUIRE(write_pdf(*doc2, out));
    const int fewer = test::pdf_pages(out);
    CHECK(fewer < pages);
    CHECK(test::pdftotext(out, fewer, fewer).find("ISBN") == std::string::npos);
    fs::remove(out);

    const fs::path epub = tmp_path("quire-test-cover.epub");
    REQUIRE(write_epub(a, Style::report(), epub));
    const std::string opf = test::zip_entry(epub, "EPUB/package.opf");
    const auto spine = opf.find("<spine");
    REQUIRE(spine != std::string::npos);
    CHECK(opf.find("<itemref idref=\"cover\"", spine) <
          opf.find("<itemref idref=\"article\"", spine));
    const std::string cover = test::zip_entry(epub, "EPUB/cover.xhtml");
    CHECK(cover.find("<img src=\"images/cover.jpg\" alt=\"Wheat fields by the Caspian shore\" "
                     "role=\"doc-cover\"/>") != std::string::npos);
    CHECK(test::zip_entry(epub, "EPUB/nav.xhtml").find("epub:type=\"cover\"") != std::string::npos);
    if (test::have_epubcheck()) {
        const auto r = test::epubcheck(epub);
        INFO(r.report);
        CHECK(r.errors == 0);
        CHECK(r.warnings == 0);
    }
    fs::remove(epub);
}

TEST_CASE("A table wider than the measure: no word wider than its column, no blank line in a row",
          "[publication][table]") {
    if (!test::have_program("pdftotext")) return;
    const std::string md =
        "---\ntitle: T\nlang: en\n---\n\nText.\n\n"
        "| State | Installed | Thermal | Hydro | Wind and solar | Winter peak | Available at peak "
        "|\n"
        "|:--|--:|--:|--:|--:|--:|--:|\n"
        "| Kazakhstan | 25.6 | 20.1 | 2.9 | 2.6 | 17.4 | 19.2 |\n"
        "| Turkmenistan | 7.4 | 7.4 | – | – | 4.6 | 6.1 |\n"
        "| Tajikistan | 6.1 | 0.9 | 5.2 | – | 3.9 | 3.1 |\n";
    Diagnostics d;
    auto a = parse_article(md, fs::path("wide.md"), d);
    REQUIRE(a);
    Diagnostics td;
    auto doc = typeset(*a, Style::report(), td);
    REQUIRE(doc);
    for (const auto& w : td.all()) INFO(w.format());
    CHECK(td.count(Severity::warning) == 0);  // no overfull cell
    const fs::path out = tmp_path("quire-test-wide-table.pdf");
    REQUIRE(write_pdf(*doc, out));
    // The three rows are evenly spaced: none holds an empty second line.
    const std::string box = test::run({"pdftotext", "-bbox", out.string(), "-"}).out;
    const auto y_of = [&](const std::string& word) {
        const auto at = box.find(">" + word + "<");
        REQUIRE(at != std::string::npos);
        const auto y = box.rfind("yMin=\"", at);
        return std::stod(box.substr(y + 6, 12));
    };
    const double y1 = y_of("Kazakhstan"), y2 = y_of("Turkmenistan"), y3 = y_of("Tajikistan");
    CHECK(y2 - y1 == Approx(y3 - y2).margin(0.5));
    fs::remove(out);
}

TEST_CASE("A short table floats whole to the next page's top; the text after it fills the page",
          "[publication][table][float]") {
    if (!test::have_program("pdftotext")) return;
    const std::string before =
        "Before the table the states trade little power across borders and less in winter. ";
    const std::string after =
        "Afterwards the region would trade more power across borders and more in winter. ";
    std::string table = "Table: Ten rows {#tab:ten}\n\n| State | GW |\n|:--|--:|\n";
    for (int r = 1; r <= 10; ++r)
        table += "| Row " + std::to_string(r) + " | " + std::to_string(r) + " |\n";
    bool floated = false;
    for (int k = 6; k <= 12 && !floated; ++k) {
        std::string md = "---\ntitle: Floats\nlang: en\n---\n\n";
        for (int i = 0; i < k; ++i) md += before + before + before + before + "\n\n";
        md += table + "\n";
        for (int i = 0; i < 8; ++i) md += after + after + after + after + "\n\n";
        Diagnostics d;
        auto a = parse_article(md, fs::path("float.md"), d);
        REQUIRE(a);
        auto doc = typeset(*a, Style::report(), d);
        REQUIRE(doc);
        const fs::path out = tmp_path("quire-test-table-float.pdf");
        REQUIRE(write_pdf(*doc, out));
        const std::string p1 = test::pdftotext(out, 1, 1), p2 = test::pdftotext(out, 2, 2);
        if (p1.find("Table 1.") != std::string::npos) continue;  // it fits on page 1
        // Whole on page 2, its caption and every row; the text after it began on page 1.
        INFO("k = " << k << "\n" << p1);
        CHECK(p2.find("Table 1. Ten rows") != std::string::npos);
        CHECK(p2.find("Row 1") != std::string::npos);
        CHECK(p2.find("Row 10") != std::string::npos);
        CHECK(p1.find("Afterwards") != std::string::npos);
        // Page 1 is not left more than a third empty: its last body word is low on it.
        const std::string box =
            test::run({"pdftotext", "-bbox", "-f", "1", "-l", "1", out.string(), "-"}).out;
        double lowest = 0;
        for (auto at = box.find(">Afterwards<"); at != std::string::npos;
             at = box.find(">Afterwards<", at + 1)) {
            const auto y = box.rfind("yMax=\"", at);
            lowest = std::max(lowest, std::stod(box.substr(y + 6, 12)));
        }
        const Style st = Style::report();
        CHECK(lowest >=
              st.margin_top + (st.page_height - st.margin_top - st.margin_bottom) * 2 / 3);
        floated = true;
        fs::remove(out);
    }
    CHECK(floated);
}

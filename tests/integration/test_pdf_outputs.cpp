// Integration tests: the quire CLI on the seed and the fixtures, checked through what a reader
// and a printer see: text extracted back (pdftotext, the acceptance script pdfcheck.py),
// embedded subset fonts with ToUnicode (pdffonts), structure (qpdf --check), identical bytes.
#include "support/paths.hpp"
#include "support/process.hpp"
#include "support/shared.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include <sys/stat.h>

namespace fs = std::filesystem;
using quire::test::read_file;
using quire::test::run;
using quire::test::TempDir;

namespace {

using quire::test::kBin;
using quire::test::kFixtures;
using quire::test::kSeed;

/// Converts one input; returns the PDF path. Requires success.
fs::path build(const fs::path& input, const fs::path& outdir,
               const std::map<std::string, std::string>& env = {}) {
    auto r = run({kBin, "build", input.string(), "-o", outdir.string(), "-q"}, env);
    INFO("stderr: " << r.err);
    REQUIRE(r.status == 0);
    std::vector<fs::path> pdfs;
    for (const auto& e : fs::directory_iterator(outdir))
        if (e.path().extension() == ".pdf") pdfs.push_back(e.path());
    REQUIRE(pdfs.size() == 1);
    return pdfs.front();
}

void check_fonts(const fs::path& pdf) {
    auto r = run({"pdffonts", pdf.string()});
    REQUIRE(r.status == 0);
    std::istringstream in(r.out);
    std::string line;
    int rows = 0;
    std::getline(in, line);
    std::getline(in, line);
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        ++rows;
        INFO(line);
        // name type encoding emb sub uni object ID: the last five columns
        std::istringstream ws(line);
        std::vector<std::string> cols;
        for (std::string w; ws >> w;) cols.push_back(w);
        REQUIRE(cols.size() >= 6);
        CHECK(cols[cols.size() - 5] == "yes");  // embedded
        CHECK(cols[cols.size() - 4] == "yes");  // subset
        CHECK(cols[cols.size() - 3] == "yes");  // ToUnicode
        CHECK(std::regex_search(cols[0], std::regex("^[A-Z]{6}\\+")));
    }
    CHECK(rows > 0);
}

void check_qpdf(const fs::path& pdf) {
    auto r = run({"qpdf", "--check", pdf.string()});
    INFO(r.out << r.err);
    CHECK(r.status == 0);
    CHECK(r.out.find("No syntax or stream encoding errors found") != std::string::npos);
    CHECK(r.err.empty());
}

/// pdfcheck.py, where ../shared/tools exists (support/shared.hpp).
void check_pdfcheck(const fs::path& source, const fs::path& pdf) {
    const auto tool = quire::test::shared_tool("pdfcheck.py");
    if (!tool) return;
    auto r = run({"python3", tool->string(), source.string(), pdf.string()});
    INFO(r.out << r.err);
    CHECK(r.status == 0);
    CHECK(r.out.find("ok=True") != std::string::npos);
}

}  // namespace

TEST_CASE("the seed article becomes a PDF that passes every check", "[cli][seed]") {
    TempDir out;
    const fs::path pdf = build(kSeed, out.path);
    CHECK(pdf.filename() == "the-ukraine-policy-of-japan.pdf");
    check_fonts(pdf);
    check_qpdf(pdf);
    check_pdfcheck(kSeed, pdf);

    const std::string text = quire::test::pdftotext(pdf);
    // Turkish and Cyrillic letters come back intact (the bio and the translations line).
    CHECK(text.find("Sakarya Üniversitesi Uluslararası İlişkiler Bölümü’nden") !=
          std::string::npos);
    CHECK(text.find("Русский") != std::string::npos);
    CHECK(text.find("Türkçe") != std::string::npos);
    // The bio is one closing block: its name and its last words are on one page.
    const int pages = quire::test::pdf_pages(pdf);
    int name_page = 0, end_page = 0;
    for (int p = 1; p <= pages; ++p) {
        const std::string pt = quire::test::pdftotext(pdf, p, p);
        if (pt.find("Dr. Cenk Tamer, 2014") != std::string::npos) name_page = p;
        if (pt.find("görev almaktadır.") != std::string::npos) end_page = p;
    }
    CHECK(name_page > 0);
    CHECK(name_page == end_page);
    // Web chrome is not printed.
    CHECK(text.find("Similar Posts") == std::string::npos);
    CHECK(text.find("This post is also available in") == std::string::npos);

    // Metadata: title, author, language; bookmarks for title, notes and bio.
    auto info = run({"pdfinfo", pdf.string()});
    CHECK(info.out.find("Title:           The Ukraine Policy of Japan") != std::string::npos);
    CHECK(info.out.find("Author:          Dr. Cenk TAMER") != std::string::npos);
    const std::string raw = read_file(pdf);
    CHECK(raw.find("/Lang(en)") != std::string::npos);
    CHECK(run({"pdfinfo", "-meta", pdf.string()})
              .out.find("<dc:language><rdf:Bag><rdf:li>en</rdf:li>") != std::string::npos);
    CHECK(raw.find("/Outlines") != std::string::npos);
    CHECK(raw.find("/Subtype/Link") != std::string::npos);
    CHECK(raw.find("/TrimBox[ 0 0 595.276 841.89]") != std::string::npos);
    CHECK(raw.find("/BleedBox[ 0 0 595.276 841.89]") != std::string::npos);
    // No date from the clock: the default date, and no annotation stamps (/M).
    CHECK(raw.find("/CreationDate(D:20000101000000Z)") != std::string::npos);
    CHECK(raw.find("/M(D:") == std::string::npos);
}

TEST_CASE("the same input gives the same bytes, in any time zone", "[cli][determinism]") {
    TempDir a, b, c;
    const auto pa = build(kSeed, a.path);
    const std::string first = read_file(pa);
    // Several runs: each process lays out its objects at other addresses (ASLR), which catches
    // any output order that follows pointers.
    for (int i = 0; i < 4; ++i) {
        TempDir again;
        CHECK(read_file(build(kSeed, again.path)) == first);
    }
    const auto pb = build(kSeed, b.path, {{"TZ", "Asia/Tokyo"}});
    CHECK(read_file(pb) == first);
    // SOURCE_DATE_EPOCH sets the dates (and so changes the bytes).
    const auto pc = build(kSeed, c.path, {{"SOURCE_DATE_EPOCH", "1700000000"}});
    const std::string rc = read_file(pc);
    CHECK(rc != read_file(pa));
    CHECK(rc.find("D:20231114221320Z") != std::string::npos);
}

TEST_CASE("fixtures in several languages pass the acceptance check", "[cli][fixtures]") {
    for (const char* name : {"long-english.txt", "russian.txt", "turkish.txt", "notes-heavy.txt"}) {
        SECTION(name) {
            TempDir out;
            const fs::path src = kFixtures / name;
            const fs::path pdf = build(src, out.path);
            check_fonts(pdf);
            check_qpdf(pdf);
            check_pdfcheck(src, pdf);
        }
    }
}

TEST_CASE("the long fixture runs over several pages with its notes", "[cli][fixtures]") {
    TempDir out;
    const fs::path pdf = build(kFixtures / "long-english.txt", out.path);
    CHECK(quire::test::pdf_pages(pdf) >= 4);
}

TEST_CASE("articles without notes or without a bio convert", "[cli][fixtures]") {
    for (const char* name : {"minimal.txt", "no-notes-bio.txt"}) {
        SECTION(name) {
            TempDir out;
            const fs::path pdf = build(kFixtures / name, out.path);
            check_fonts(pdf);
            check_qpdf(pdf);
            const std::string text = quire::test::pdftotext(pdf);
            if (std::string(name) == "no-notes-bio.txt")
                CHECK(text.find("Teresia Kaitu") != std::string::npos);
        }
    }
}

TEST_CASE("bad inputs give a clear error and no output file", "[cli][errors]") {
    struct Case {
        const char* file;
        const char* expect;
    };
    for (const Case& c :
         {Case{"empty.txt", "empty"}, Case{"whitespace-only.txt", "empty"},
          Case{"invalid-utf8.txt", "byte offset 140"}, Case{"binary.bin", "binary"}}) {
        SECTION(c.file) {
            TempDir out;
            const fs::path in = kFixtures / c.file;
            auto r = run({kBin, "build", in.string(), "-o", out.path.string()});
            INFO(r.err);
            CHECK(r.status == 1);
            CHECK(r.err.find(in.string()) != std::string::npos);
            CHECK(r.err.find("error:") != std::string::npos);
            CHECK(r.err.find(c.expect) != std::string::npos);
            CHECK(fs::is_empty(out.path));  // no output, not even a temporary file
        }
    }
    SECTION("invalid UTF-8 names the line") {
        TempDir out;
        const fs::path in = kFixtures / "invalid-utf8.txt";
        auto r = run({kBin, "build", in.string(), "-o", out.path.string()});
        CHECK(r.err.find(in.string() + ":3:") != std::string::npos);
    }
    SECTION("a missing file") {
        TempDir out;
        auto r = run({kBin, "build", (out.path / "nope.txt").string(), "-o", out.path.string()});
        CHECK(r.status == 2);  // a usage error: nothing is converted
        CHECK(r.err.find("no such file or folder: " + (out.path / "nope.txt").string()) !=
              std::string::npos);
    }
}

TEST_CASE("a batch goes on after a bad input", "[cli][errors]") {
    TempDir out;
    auto r = run({kBin, "build", (kFixtures / "empty.txt").string(), kSeed.string(), "-o",
                  out.path.string()});
    CHECK(r.status == 1);
    CHECK(fs::exists(out.path / "the-ukraine-policy-of-japan.pdf"));
}

TEST_CASE("note problems are warnings with file and line", "[cli][warnings]") {
    struct Case {
        const char* file;
        std::regex expect;
    };
    for (const Case& c : {Case{"missing-note.txt", std::regex(":5(:[0-9]+)?: warning: .*\\[4\\]")},
                          Case{"unreferenced-note.txt", std::regex(":11(:[0-9]+)?: warning: .*3")},
                          Case{"duplicate-note.txt", std::regex(":11(:[0-9]+)?: warning: .*2")}}) {
        SECTION(c.file) {
            TempDir out;
            const fs::path in = kFixtures / c.file;
            auto r = run({kBin, "build", in.string(), "-o", out.path.string()});
            INFO(r.err);
            CHECK(r.status == 0);
            CHECK(std::regex_search(r.err, c.expect));
            CHECK(r.err.rfind(in.string(), 0) == 0);  // lines start with the file name
        }
    }
}

TEST_CASE("a character no font can show is a warning naming it", "[cli][warnings]") {
    TempDir out;
    const fs::path in = out.path / "pua.txt";
    {
        std::ofstream f(in);
        f << "Private Use\n\nThis paragraph has a private-use character \xEE\x80\x80 in it.\n";
    }
    fs::create_directories(out.path / "o");
    auto r = run({kBin, "build", in.string(), "-o", (out.path / "o").string()});
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(r.err.find("pua.txt:3: warning: character U+E000") != std::string::npos);
}

TEST_CASE("usage errors exit 2, help and version exit 0", "[cli]") {
    CHECK(run({kBin}).status == 2);
    CHECK(run({kBin, "build"}).status == 2);
    CHECK(run({kBin, "build", kSeed.string()}).status == 2);  // no -o
    CHECK(run({kBin, "build", "--bogus", kSeed.string(), "-o", "/tmp"}).status == 2);
    CHECK(run({kBin, "frobnicate"}).status == 2);
    auto h = run({kBin, "--help"});
    CHECK(h.status == 0);
    CHECK(h.out.find("Usage: quire build") != std::string::npos);
    auto v = run({kBin, "--version"});
    CHECK(v.status == 0);
    CHECK(v.out.rfind("quire 0.", 0) == 0);
}

TEST_CASE("no line starts with a spaced dash", "[cli][typography]") {
    TempDir out;
    const fs::path pdf = build(kFixtures / "russian.txt", out.path);
    const std::string text = quire::test::pdftotext(pdf);
    // The fixture has many " — " dashes; with the rule, none begins a line.
    CHECK(text.find(" — ") != std::string::npos);
    CHECK(text.find("\n— ") == std::string::npos);
    CHECK(text.find("\n– ") == std::string::npos);
}

TEST_CASE("an English article quoting six scripts embeds a font for each", "[cli][scripts]") {
    TempDir out;
    const fs::path src = kFixtures / "mixed-scripts.txt";
    auto r = run({kBin, "build", src.string(), "-o", out.path.string(), "-q"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.err.find("cannot be shown") == std::string::npos);  // no tofu
    const fs::path pdf = out.path / "voices-across-scripts.pdf";
    check_fonts(pdf);
    check_qpdf(pdf);
    const std::string fonts = run({"pdffonts", pdf.string()}).out;
    for (const char* f : {"NotoSerif-Regular", "NotoNaskhArabic", "NotoSerifHebrew",
                          "NotoSerifCJKsc", "NotoSerifDevanagari", "NotoSerifThai"})
        CHECK(fonts.find(f) != std::string::npos);
    CHECK(fonts.find("CID Type 0C") != std::string::npos);  // CJK: CID-keyed CFF
    const std::string text = quire::test::pdftotext(pdf);
    for (const char* w : {"中国外交政策的新方向", "שלום", "العلم", "ภาษาไทย", "ایران"})
        CHECK(text.find(w) != std::string::npos);
}

TEST_CASE("a FIFO or device named like an article is refused, not read", "[cli][errors]") {
    TempDir out;
    const fs::path fifo = out.path / "pipe.txt";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    fs::create_directories(out.path / "o");
    auto r = run({"timeout", "20", kBin, "build", fifo.string(), "-o", (out.path / "o").string()});
    CHECK(r.status == 1);
    CHECK(r.err.find("not a regular file") != std::string::npos);
    const fs::path dev = out.path / "zero.txt";
    fs::create_symlink("/dev/zero", dev);
    r = run({"timeout", "20", kBin, "build", dev.string(), "-o", (out.path / "o").string()});
    CHECK(r.status == 1);
    CHECK(r.err.find("not a regular file") != std::string::npos);
}

// Paragraph quality on real articles, measured from the PDF the way the issue measures it:
// ../shared/tools/spacing.py (the spread of word spaces across justified lines) and pdfcheck.py.
// Targets: cv <= 0.12 and at most 1% loose lines on the seed and on the long fixture (LuaLaTeX
// gives 0.133 on the seed); no overfull line (the CLI warns of each).
#include "support/paths.hpp"
#include "support/process.hpp"
#include "support/shared.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <sstream>
#include <utility>

namespace fs = std::filesystem;
using quire::test::run;
using quire::test::TempDir;

namespace {

using quire::test::kBin;
using quire::test::kFixtures;
using quire::test::kSeed;

double field(const std::string& out, const std::string& name) {
    std::smatch m;
    if (!std::regex_search(out, m, std::regex(name + "=([0-9.]+)"))) return -1;
    return std::stod(m[1]);
}

}  // namespace

// Issue 14's targets: cv at most 0.11 in Latin scripts and 0.13 in Cyrillic, at most 1% loose
// lines. With margin kerning and font expansion quire measures 0.056 to 0.086 on these (LuaLaTeX
// with microtype 0.117 to 0.135; docs/typography.md); before them the seed measured 0.125.
TEST_CASE("word spaces are even: spacing.py cv <= 0.11 (Cyrillic 0.13, Arabic 0.085), loose <= 1%",
          "[typography]") {
    const auto spacing_tool = quire::test::shared_tool("spacing.py");
    const auto pdfcheck_tool = quire::test::shared_tool("pdfcheck.py");
    if (!spacing_tool || !pdfcheck_tool) return;
    const fs::path& spacing = *spacing_tool;
    const fs::path& pdfcheck = *pdfcheck_tool;
    const fs::path typo = kFixtures / "typography";
    const std::pair<fs::path, double> cases[] = {
        {kSeed, 0.11},
        {kFixtures / "long-notes.txt", 0.11},
        {typo / "en.txt", 0.11},
        {typo / "de.txt", 0.11},
        {typo / "fr.txt", 0.11},
        {typo / "tr.txt", 0.11},
        {typo / "ru.txt", 0.13},
        // Arabic: at most LuaLaTeX's 0.085 on the same text (with kashida quire measures about
        // 0.024; spaces alone, 0.188).
        {typo / "ar.txt", 0.085},
    };
    for (const auto& [input, target] : cases) {
        INFO(input);
        TempDir out;
        auto r = run({kBin, "build", input.string(), "-o", out.path.string(), "--format", "pdf"});
        REQUIRE(r.status == 0);
        CHECK(r.err.find("wider than the measure") == std::string::npos);  // no overfull line
        fs::path pdf;
        for (const auto& e : fs::directory_iterator(out.path))
            if (e.path().extension() == ".pdf") pdf = e.path();
        REQUIRE(!pdf.empty());
        auto s = run({"python3", spacing.string(), pdf.string()});
        INFO(s.out << s.err);
        REQUIRE(s.status == 0);
        const double cv = field(s.out, "cv"), loose = field(s.out, "loose_share");
        CHECK(cv > 0);
        CHECK(cv <= target);
        CHECK(loose <= 0.01);
        CHECK(field(s.out, "justified_share") >= 0.75);
        auto c = run({"python3", pdfcheck.string(), input.string(), pdf.string()});
        INFO(c.out);
        CHECK(c.status == 0);
    }
}

namespace {

/// The distinct words pdftotext extracts (in its raw mode, which keeps a hyphen that ends a
/// line), a word broken at a soft hyphen joined again and hyphens and dashes taken as spaces:
/// the same text broken at other places gives the same words.
std::set<std::string> words_of(const fs::path& pdf) {
    auto r = run({"pdftotext", "-raw", "-enc", "UTF-8", pdf.string(), "-"});
    REQUIRE(r.status == 0);
    std::string t = r.out;
    for (auto at = t.find("\u00AD\n"); at != std::string::npos; at = t.find("\u00AD\n", at))
        t.erase(at, 3);
    for (const std::string dash : {"-", "\u2013", "\u2014"})
        for (auto at = t.find(dash); at != std::string::npos; at = t.find(dash, at))
            t.replace(at, dash.size(), " ");
    std::set<std::string> words;
    std::istringstream in(t);
    for (std::string w; in >> w;) words.insert(w);
    return words;
}

fs::path only_pdf(const fs::path& dir) {
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".pdf") return e.path();
    return {};
}

}  // namespace

TEST_CASE("margin kerning and font expansion change no extracted word", "[typography]") {
    // The German fixture with both on (the default) and both off: the same words come out, and
    // the expanded runs state their scaling (Tz) in the content streams.
    if (!quire::test::have_program("pdftotext") || !quire::test::have_program("qpdf")) return;
    const fs::path input = kFixtures / "typography" / "de.txt";
    TempDir out;
    const fs::path off_style = out.path / "off.yaml";
    std::ofstream(off_style) << "extends: report\n"
                                "microtype: {protrusion: false, expansion_stretch: 0, "
                                "expansion_shrink: 0}\n";
    auto on =
        run({kBin, "build", input.string(), "-o", (out.path / "on").string(), "--format", "pdf"});
    REQUIRE(on.status == 0);
    auto off = run({kBin, "build", input.string(), "-o", (out.path / "off").string(), "--format",
                    "pdf", "--style", off_style.string()});
    REQUIRE(off.status == 0);
    const fs::path pdf_on = only_pdf(out.path / "on"), pdf_off = only_pdf(out.path / "off");
    REQUIRE(!pdf_on.empty());
    REQUIRE(!pdf_off.empty());
    const auto w_on = words_of(pdf_on), w_off = words_of(pdf_off);
    CHECK(w_on.size() > 500);
    std::vector<std::string> only_on, only_off;
    std::set_difference(w_on.begin(), w_on.end(), w_off.begin(), w_off.end(),
                        std::back_inserter(only_on));
    std::set_difference(w_off.begin(), w_off.end(), w_on.begin(), w_on.end(),
                        std::back_inserter(only_off));
    // (Page numbers may differ: a page more or less.)
    auto number = [](const std::string& w) {
        return std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    std::erase_if(only_on, number);
    std::erase_if(only_off, number);
    CHECK(only_on == std::vector<std::string>{});
    CHECK(only_off == std::vector<std::string>{});
    // The content streams, uncompressed: horizontal scaling with microtype, none without.
    auto streams = [&](const fs::path& pdf) {
        const fs::path qdf = pdf.string() + ".qdf";
        auto q = run({"qpdf", "--qdf", "--object-streams=disable", pdf.string(), qdf.string()});
        CHECK(q.status == 0);
        return quire::test::read_file(qdf);
    };
    CHECK(streams(pdf_on).find(" Tz\n") != std::string::npos);
    CHECK(streams(pdf_off).find(" Tz\n") == std::string::npos);
}

TEST_CASE("kashida changes no extracted word", "[typography][kashida]") {
    // The Arabic fixture with kashida (the default) and without: the same words come out, and
    // the kashidas' tatweels are drawn inside ActualText spans of their words.
    if (!quire::test::have_program("pdftotext") || !quire::test::have_program("qpdf")) return;
    const fs::path input = kFixtures / "typography" / "ar.txt";
    TempDir out;
    const fs::path off_style = out.path / "off.yaml";
    std::ofstream(off_style) << "extends: report\nline_breaking: {kashida: 0}\n";
    auto on =
        run({kBin, "build", input.string(), "-o", (out.path / "on").string(), "--format", "pdf"});
    REQUIRE(on.status == 0);
    auto off = run({kBin, "build", input.string(), "-o", (out.path / "off").string(), "--format",
                    "pdf", "--style", off_style.string()});
    REQUIRE(off.status == 0);
    const fs::path pdf_on = only_pdf(out.path / "on"), pdf_off = only_pdf(out.path / "off");
    REQUIRE(!pdf_on.empty());
    REQUIRE(!pdf_off.empty());
    // The words pdftotext gives (in reading order), without the bidi controls it adds and
    // with punctuation taken as spaces (lines end at other words with and without kashida).
    auto words = [](const fs::path& pdf) {
        auto r = run({"pdftotext", "-enc", "UTF-8", pdf.string(), "-"});
        std::string t = r.out;
        for (const std::string c : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E"})
            for (auto at = t.find(c); at != std::string::npos; at = t.find(c, at)) t.erase(at, 3);
        for (const std::string p : {".", ",", ":", "(", ")", "\u060C", "\u061B", "\u061F", "\u00AB",
                                    "\u00BB", "\u2013", "\u2014"})
            for (auto at = t.find(p); at != std::string::npos; at = t.find(p, at))
                t.replace(at, p.size(), " ");
        std::multiset<std::string> ws;
        std::istringstream in(t);
        for (std::string w; in >> w;) ws.insert(w);
        return ws;
    };
    const auto w_on = words(pdf_on), w_off = words(pdf_off);
    CHECK(w_on.size() > 1000);
    CHECK(w_on == w_off);
    // The tatweels of the kashidas are not text: the one the source has is all there is.
    auto tatweels = [&](const fs::path& pdf) {
        std::size_t n = 0;
        for (const auto& w : words(pdf))
            for (auto at = w.find("\u0640"); at != std::string::npos; at = w.find("\u0640", at + 1))
                ++n;
        return n;
    };
    CHECK(tatweels(pdf_on) == 1);
    CHECK(tatweels(pdf_off) == 1);
    // The word spans: more with kashida than without (each word with a kashida is one).
    auto spans = [&](const fs::path& pdf) {
        auto q = run({"qpdf", "--qdf", "--object-streams=disable", pdf.string(), "-"});
        std::size_t n = 0;
        for (auto at = q.out.find("/Span <</ActualText"); at != std::string::npos;
             at = q.out.find("/Span <</ActualText", at + 1))
            ++n;
        return n;
    };
    CHECK(spans(pdf_on) > spans(pdf_off) + 100);
}

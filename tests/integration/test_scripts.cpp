// Text extraction of scripts whose glyphs are not one per character in reading order: a
// Devanagari vowel sign drawn before its consonant, marks stacked over a Thai consonant, an
// Arabic letter with its harakat. Each such cluster is one ActualText span in the PDF, so
// pdftotext gives the characters in logical order with no space inside the word. (The rest of
// right-to-left extraction and page mirroring is issue 4's.)
#include "support/paths.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <map>
#include <regex>

namespace fs = std::filesystem;
using quire::test::kBin;
using quire::test::kFixtures;
using quire::test::run;
using quire::test::TempDir;

namespace {

/// Converts one article into a PDF in `outdir`; returns its path.
fs::path built_pdf(const fs::path& input, const fs::path& outdir) {
    auto r = run({kBin, "build", input.string(), "-o", outdir.string(), "--format", "pdf", "-q"});
    REQUIRE(r.status == 0);
    for (const auto& e : fs::directory_iterator(outdir))
        if (e.path().extension() == ".pdf") return e.path();
    FAIL("no PDF written for " << input);
    return {};
}

std::string extracted(const fs::path& input) {
    TempDir out;
    return quire::test::pdftotext(built_pdf(input, out.path));
}

}  // namespace

TEST_CASE("clusters of several glyphs extract as their characters, in order", "[scripts]") {
    const std::string hi = extracted(kFixtures / "scripts" / "hi.txt");
    // विश्व: the vowel sign ि is drawn before व; देश: े sits over द (one cluster each).
    CHECK(hi.find("विश्व") != std::string::npos);
    CHECK(hi.find("देश") != std::string::npos);
    CHECK(hi.find("वि श्व") == std::string::npos);
    const std::string th = extracted(kFixtures / "scripts" / "th.txt");
    // ตั้ง: a vowel sign and a tone mark stacked over ต.
    CHECK(th.find("ตั้ง") != std::string::npos);
    CHECK(th.find("ตัง้") == std::string::npos);
}

TEST_CASE("a right-to-left article mirrors: lines end at the right, notes numbered at the right",
          "[scripts]") {
    TempDir out;
    const fs::path pdf = built_pdf(kFixtures / "scripts" / "ar.txt", out.path);
    auto bbox = run({"pdftotext", "-f", "1", "-l", "1", "-bbox", pdf.string(), "-"});
    REQUIRE(bbox.status == 0);
    struct Word {
        double x0, y0, x1, y1;
        std::string text;
    };
    std::vector<Word> words;
    const std::regex re(
        "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" "
        "yMax=\"([0-9.]+)\">([^<]*)<");
    for (std::sregex_iterator it(bbox.out.begin(), bbox.out.end(), re), end; it != end; ++it)
        words.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]),
                         std::stod((*it)[4]), (*it)[5]});
    REQUIRE(words.size() > 50);
    const double right = 595.276 - 85;  // the report style's right margin
    // The title's second line is short: flush right, starting well right of the left margin.
    std::map<long, std::pair<double, double>> title_lines;  // top -> (min x0, max x1)
    for (const auto& w : words)
        if (w.y1 - w.y0 > 25) {  // the 22 pt title
            auto& [lo, hi] = title_lines.try_emplace(std::lround(w.y0), 1e9, 0).first->second;
            lo = std::min(lo, w.x0);
            hi = std::max(hi, w.x1);
        }
    REQUIRE(title_lines.size() >= 2);
    const auto [lo, hi] = std::next(title_lines.begin())->second;
    CHECK(hi == Approx(right).margin(1.0));
    CHECK(lo > 120);
    // The first note's number stands in the right-hand column.
    bool number_right = false;
    for (const auto& w : words)
        if (w.text == ".1" || w.text == "1.") number_right = w.x0 > right - 20;
    CHECK(number_right);
}

TEST_CASE("pdfcheck holds for the script fixtures quire sets fully", "[scripts]") {
    // Greek, Russian, Turkish; Chinese, Japanese and Thai (justified between characters, no
    // space in the text). Arabic, Persian, Hebrew, Hindi and the English article quoting them
    // are not there yet (issue 4): notes that mix directions do not extract in order.
    const fs::path pdfcheck = quire::test::kShared / "tools" / "pdfcheck.py";
    if (!fs::exists(pdfcheck)) FAIL("acceptance tool missing: " << pdfcheck);
    for (const char* name : {"el", "ru", "tr", "zh", "ja", "th"}) {
        const fs::path input = kFixtures / "scripts" / (std::string(name) + ".txt");
        INFO(input);
        TempDir out;
        const fs::path pdf = built_pdf(input, out.path);
        auto c = run({"python3", pdfcheck.string(), input.string(), pdf.string()});
        INFO(c.out);
        CHECK(c.status == 0);
    }
}

TEST_CASE("Chinese lines are justified to the measure without spaces", "[scripts]") {
    TempDir out;
    const fs::path pdf = built_pdf(kFixtures / "scripts" / "zh.txt", out.path);
    auto bbox = run({"pdftotext", "-f", "1", "-l", "1", "-bbox-layout", pdf.string(), "-"});
    REQUIRE(bbox.status == 0);
    // Body lines (10.5 pt: line boxes about 14 pt high) that reach at least 90% of the measure
    // end at the right margin: the last lines of paragraphs are the ones that do not.
    const double left = 85, right = 595.276 - 85;
    const std::regex re(
        "<line xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" "
        "yMax=\"([0-9.]+)\">");
    int long_lines = 0, flush = 0;
    for (std::sregex_iterator it(bbox.out.begin(), bbox.out.end(), re), end; it != end; ++it) {
        const double x0 = std::stod((*it)[1]), y0 = std::stod((*it)[2]), x1 = std::stod((*it)[3]),
                     y1 = std::stod((*it)[4]);
        if (y1 - y0 < 12 || y1 - y0 > 20 || x1 - x0 < 0.9 * (right - left)) continue;
        ++long_lines;
        flush += std::abs(x1 - right) < 1.0;
    }
    INFO(flush << " of " << long_lines << " long lines end at the margin");
    REQUIRE(long_lines >= 10);
    CHECK(flush >= long_lines * 8 / 10);
}

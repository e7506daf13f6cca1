// Text extraction of scripts whose glyphs are not one per character in reading order: a
// Devanagari vowel sign drawn before its consonant, marks stacked over a Thai consonant, an
// Arabic letter with its harakat. Each such cluster is one ActualText span in the PDF, so
// pdftotext gives the characters in logical order with no space inside the word. (The rest of
// right-to-left extraction and page mirroring is issue 4's.)
#include "support/paths.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

namespace fs = std::filesystem;
using quire::test::kBin;
using quire::test::kFixtures;
using quire::test::run;
using quire::test::TempDir;

namespace {

std::string extracted(const fs::path& input) {
    TempDir out;
    auto r = run({kBin, "build", input.string(), "-o", out.path.string(), "--format", "pdf", "-q"});
    REQUIRE(r.status == 0);
    for (const auto& e : fs::directory_iterator(out.path))
        if (e.path().extension() == ".pdf") return quire::test::pdftotext(e.path());
    FAIL("no PDF written for " << input);
    return {};
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

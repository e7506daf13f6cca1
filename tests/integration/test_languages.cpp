// Every language is hyphenated on a machine set up from the package list (./build.sh installs
// debian-packages.txt first, as on a fresh clone): the typography fixtures in German, French,
// Russian and Turkish, which declare no language, are detected as such, hyphenated (lines of the
// PDF end in a hyphen the source does not have there) and give no missing-patterns warning.
#include "support/paths.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using quire::test::run;
using quire::test::TempDir;

namespace {

/// The PDF's lines that end in a hyphen added at the break: such a hyphen maps to U+00AD SOFT
/// HYPHEN (docs/accessibility.md), which the fixtures' sources never contain, and the word
/// it divides is whole in the source.
int hyphenated_lines(const std::string& pdf_text, const std::string& source) {
    const std::string shy = "\xC2\xAD";
    if (source.find(shy) != std::string::npos) return -1;
    std::istringstream in(pdf_text);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    int count = 0;
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        const std::string& l = lines[i];
        if (l.size() < shy.size() || l.compare(l.size() - shy.size(), shy.size(), shy) != 0)
            continue;
        const auto start = l.find_last_of(' ');
        const std::string head = l.substr(start == std::string::npos ? 0 : start + 1,
                                          l.size() - shy.size() - (start + 1));
        const std::string& n = lines[i + 1];
        const std::string tail = n.substr(0, n.find_first_of(" ,.;:!?)»“”’"));
        if (!head.empty() && !tail.empty() && source.find(head + tail) != std::string::npos)
            ++count;
    }
    return count;
}

}  // namespace

TEST_CASE("German, French, Russian and Turkish articles are detected and hyphenated",
          "[languages][typography]") {
    if (!quire::test::have_program("pdftotext")) return;
    const fs::path dir = quire::test::kFixtures / "typography";
    for (const char* lang : {"de", "fr", "ru", "tr"}) {
        INFO(lang);
        TempDir out;
        const fs::path input = dir / (std::string(lang) + ".txt");
        auto r = run({quire::test::kBin, "build", input.string(), "-o", out.path.string()});
        INFO(r.err);
        REQUIRE(r.status == 0);
        CHECK(r.err.find("no hyphenation patterns") == std::string::npos);
        fs::path pdf, epub;
        for (const auto& e : fs::directory_iterator(out.path)) {
            if (e.path().extension() == ".pdf") pdf = e.path();
            if (e.path().extension() == ".epub") epub = e.path();
        }
        REQUIRE(!pdf.empty());
        // The detected language is the document's (its /Lang in the PDF's catalog).
        const std::string bytes = quire::test::read_file(pdf);
        CHECK(bytes.find("/Lang(" + std::string(lang) + ")") != std::string::npos);
        const int n = hyphenated_lines(quire::test::pdftotext(pdf), quire::test::read_file(input));
        CHECK(n >= 5);
    }
}

TEST_CASE("a language without patterns is set unhyphenated with one warning naming the package",
          "[languages]") {
    TempDir out, empty;
    const fs::path input = quire::test::kFixtures / "typography" / "de.txt";
    // Twice the article in one run: the warning comes once.
    auto r = run({quire::test::kBin, "build", input.string(), input.string(), "-o",
                  out.path.string(), "--hyphenation-dir", empty.path.string(), "--force"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const auto first = r.err.find("no hyphenation patterns for German (de)");
    REQUIRE(first != std::string::npos);
    CHECK(r.err.find("install the Debian package hyphen-de") != std::string::npos);
    CHECK(r.err.find("no hyphenation patterns", first + 1) == std::string::npos);
}

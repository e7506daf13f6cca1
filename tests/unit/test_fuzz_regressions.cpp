// Regression tests of the fuzz targets' findings: every input kept under
// tests/fixtures/fuzz/TARGET/ (a crash, hang or sanitizer report that fuzz_TARGET found, since
// fixed) goes through the same entry point as in the fuzzer (tests/fuzz/entry_points.hpp), so
// the AddressSanitizer build (build-asan/) checks it again. docs/fuzzing.md: adding one.
#define QUIRE_FUZZ_FINDINGS_THROW 1
#include "fuzz/entry_points.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

/// Feeds every file of tests/fixtures/fuzz/`target`/ to `entry`; the number of files.
template <class Entry>
std::size_t replay(const std::string& target, Entry entry) {
    const fs::path dir = fs::path(QUIRE_FIXTURES) / "fuzz" / target;
    if (!fs::is_directory(dir)) return 0;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        INFO(f.string());
        std::ifstream in(f, std::ios::binary);
        REQUIRE(in);
        const std::string bytes{std::istreambuf_iterator<char>(in), {}};
        CHECK_NOTHROW(entry(bytes));
    }
    return files.size();
}

}  // namespace

TEST_CASE("Fuzz regressions: plain-text articles", "[fuzz]") {
    replay("text", quire::fuzz::text);
}

TEST_CASE("Fuzz regressions: Markdown articles", "[fuzz]") {
    replay("markdown", quire::fuzz::markdown);
}

TEST_CASE("Fuzz regressions: XML articles", "[fuzz]") {
    replay("xml", quire::fuzz::xml);
}

TEST_CASE("Fuzz regressions: style files", "[fuzz]") {
    replay("style", quire::fuzz::style);
}

TEST_CASE("Fuzz regressions: collection manifests", "[fuzz]") {
    replay("manifest", quire::fuzz::manifest);
}

TEST_CASE("Fuzz regressions: image headers", "[fuzz]") {
    replay("image", quire::fuzz::image);
}

TEST_CASE("Fuzz regressions: read, typeset, PDF and EPUB", "[fuzz]") {
    replay("pipeline", quire::fuzz::pipeline);
}

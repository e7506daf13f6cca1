// The caches shared between the articles of a batch change speed, never output: every fixture
// (all scripts) typesets and writes to the same PDF bytes with the shaped-word cache off, with it
// filling, and with it full; and the shared cache stays within its bounds.
#include "base/shared_cache.hpp"
#include "support/paths.hpp"
#include "text/shape.hpp"

#include <quire/quire.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace quire;

namespace {

std::vector<std::filesystem::path> fixture_articles() {
    std::vector<std::filesystem::path> out{test::kSeed};
    for (const auto& dir : {test::kFixtures, test::kFixtures / "scripts"})
        for (const auto& e : std::filesystem::directory_iterator(dir))
            if (e.path().extension() == ".txt") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

/// The PDF of an article, or "" when it does not read (the error fixtures).
std::string pdf_of(const std::filesystem::path& p) {
    Diagnostics diags;
    auto a = read_article(p, diags);
    if (!a) return {};
    auto doc = typeset(*a, Style::report(), diags);
    REQUIRE(doc);
    auto bytes = write_pdf(*doc);
    REQUIRE(bytes);
    return *bytes;
}

struct WordCacheOn {
    ~WordCacheOn() { text::set_word_cache(true); }
};

}  // namespace

TEST_CASE("The shaped-word cache gives the PDF that shaping whole runs gives", "[speed][shape]") {
    const WordCacheOn restore;
    std::size_t compared = 0;
    for (const auto& p : fixture_articles()) {
        INFO(p.string());
        text::set_word_cache(false);
        const std::string whole = pdf_of(p);
        if (whole.empty()) continue;
        text::set_word_cache(true);
        const std::string first = pdf_of(p);   // words shaped and stored
        const std::string second = pdf_of(p);  // words from the cache
        CHECK(first == whole);
        CHECK(second == whole);
        ++compared;
    }
    CHECK(compared >= 20);
}

TEST_CASE("SharedCache finds what it holds and stays within its capacity", "[speed][cache]") {
    SharedCache<int> cache(64);
    auto find = [&](std::string_view k) {
        std::optional<int> found;
        cache.visit(k, [&](int v) { found = v; });
        return found;
    };
    for (int i = 0; i < 1000; ++i) {
        const std::string k = "key" + std::to_string(i);
        cache.insert(k, i);
        const auto v = find(k);
        REQUIRE(v);
        CHECK(*v == i);
        CHECK(cache.size() <= 64);
    }
    CHECK_FALSE(find("absent"));
    cache.clear();
    CHECK(cache.size() == 0);
}

TEST_CASE("SharedCache from four threads: every value found is its key's", "[speed][cache]") {
    // The batch's workers share the caches: readers and writers of the same shards, and shards
    // cleared while others read them (a capacity far below the keys). Run under ThreadSanitizer
    // by ./build.sh test (build-tsan/).
    SharedCache<std::string> cache(32);
    // Counted per thread and checked after the joins: Catch2's assertions are not thread-safe.
    std::vector<int> wrong(4, 0), found(4, 0);
    std::vector<std::size_t> largest(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            const auto me = static_cast<std::size_t>(t);
            for (int i = 0; i < 2000; ++i) {
                const std::string k = "key" + std::to_string((i + t * 13) % 40);
                auto check = [&](const std::string& v) {
                    ++found[me];
                    if (v != "value of " + k) ++wrong[me];
                };
                if (!cache.visit(k, check)) {
                    cache.insert(k, "value of " + k);
                    cache.visit(k, check);  // found unless another thread emptied the shard
                }
                if (i % 100 == 0) largest[me] = std::max(largest[me], cache.size());
            }
        });
    for (auto& th : threads) th.join();
    CHECK(wrong == std::vector<int>(4, 0));
    CHECK(*std::max_element(found.begin(), found.end()) > 0);
    CHECK(*std::max_element(largest.begin(), largest.end()) <= 32);
    CHECK(cache.size() <= 32);
}

TEST_CASE("Fonts subset from a preprocessed face give the same PDF", "[speed][subset]") {
    // The faces of the seed are preprocessed for hb-subset after some dozens of subsets (Noto
    // Serif: 8 + glyphs / 128); the PDF must not change when that happens.
    Diagnostics diags;
    auto a = read_article(test::kSeed, diags);
    REQUIRE(a);
    auto doc = typeset(*a, Style::report(), diags);
    REQUIRE(doc);
    const auto first = write_pdf(*doc);
    REQUIRE(first);
    for (int i = 0; i < 80; ++i) {
        const auto again = write_pdf(*doc);
        REQUIRE(again);
        INFO("write " << i);
        REQUIRE(*again == *first);
    }
}

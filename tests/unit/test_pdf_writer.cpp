// pdf::DocumentWriter given pages one at a time, as a book's are: links whose destinations
// come later, and structure elements written (and forgotten) before the document ends.
#include "api/impl.hpp"
#include "base/utc.hpp"
#include "pdf/writer.hpp"
#include "support/paths.hpp"

#include <catch2/catch.hpp>

#include <ctime>
#include <regex>
#include <string>

using namespace quire;

namespace {

layout::PagedDocument seed_pages() {
    Diagnostics diags;
    auto a = read_article(test::kSeed, diags);
    REQUIRE(a);
    auto doc = typeset(*a, Style::report(), diags);
    REQUIRE(doc);
    return quire::detail::impl(*doc).pages;
}

std::size_t count(const std::string& s, const std::regex& re) {
    return static_cast<std::size_t>(
        std::distance(std::sregex_iterator(s.begin(), s.end(), re), std::sregex_iterator()));
}

std::string written(const layout::PagedDocument& doc,
                    const std::function<void(pdf::DocumentWriter&)>& steps) {
    std::string bytes;
    pdf::WriteOptions o;
    pdf::DocumentWriter w([&](std::string_view b) { bytes.append(b); }, o);
    steps(w);
    REQUIRE(w.finish(doc));
    return bytes;
}

}  // namespace

TEST_CASE("PDF writer: a link given before its destination still leads there", "[pdf]") {
    const layout::PagedDocument doc = seed_pages();
    REQUIRE(doc.pages.size() >= 2);
    REQUIRE_FALSE(doc.pages[0].links.empty());
    // The first page comes while the document knows no destination yet.
    layout::PagedDocument early = doc;
    early.destinations.clear();
    const std::string late = written(doc, [&](pdf::DocumentWriter& w) {
        REQUIRE(w.page(0, doc.pages[0], early));
        for (std::size_t i = 1; i < doc.pages.size(); ++i) REQUIRE(w.page(i, doc.pages[i], doc));
    });
    const std::string whole = *pdf::write_document(doc, {});
    const std::regex link("/Subtype/Link"), dest(R"(/Dest\[ \d+ 0 R/XYZ [^\]]*\]/F 4)");
    const std::size_t links = count(whole, link);
    CHECK(links >= 6);
    CHECK(count(whole, dest) == links);
    CHECK(count(late, link) == links);
    CHECK(count(late, dest) == links);  // every link leads somewhere
}

TEST_CASE("PDF writer: elements written when complete make the structure written at the end",
          "[pdf]") {
    // A book writes each article's elements once its pages are given, then forgets them;
    // here the seed's body elements (all but the root) are written after its last page.
    const layout::PagedDocument doc = seed_pages();
    REQUIRE(doc.structure.elems.size() > 10);
    const std::string whole = *pdf::write_document(doc, {});
    layout::PagedDocument rest = doc;
    const std::string streamed = written(rest, [&](pdf::DocumentWriter& w) {
        for (std::size_t i = 0; i < doc.pages.size(); ++i) REQUIRE(w.page(i, doc.pages[i], doc));
        REQUIRE(w.structure_done(doc.structure, 1));
        rest.structure.elems.resize(1);
    });
    const std::regex elem("/S/[A-Za-z]+");
    CHECK(count(streamed, elem) == count(whole, elem));
    CHECK(count(streamed, std::regex("/S/Note")) == 3);
    CHECK(streamed.find("/IDTree") != std::string::npos);
    CHECK(streamed.find("/ParentTreeNextKey") != std::string::npos);
    // One root, written last, its kids those written before.
    CHECK(count(streamed, std::regex("/S/Document")) == 1);
}

TEST_CASE("utc: dates from arithmetic agree with the C library's UTC", "[pdf][epub]") {
    // Every day from 1900 to 2200 (at a time of day that moves), and the round trip.
    for (std::int64_t t = -2208988800; t < 7258118400; t += 86400 + 3607) {
        const auto tt = static_cast<std::time_t>(t);
        std::tm tm{};
        gmtime_r(&tt, &tm);
        const utc::Fields f = utc::fields(t);
        REQUIRE(f.year == tm.tm_year + 1900);
        REQUIRE(f.month == static_cast<unsigned>(tm.tm_mon + 1));
        REQUIRE(f.day == static_cast<unsigned>(tm.tm_mday));
        REQUIRE(f.hour == static_cast<unsigned>(tm.tm_hour));
        REQUIRE(f.minute == static_cast<unsigned>(tm.tm_min));
        REQUIRE(f.second == static_cast<unsigned>(tm.tm_sec));
        const std::int64_t day = t >= 0 ? t / 86400 : (t - 86399) / 86400;
        REQUIRE(utc::days_from_civil(f.year, f.month, f.day) == day);
    }
    char buf[64];
    for (const std::int64_t t : {std::int64_t{0}, std::int64_t{946684800}, std::int64_t{1767225599},
                                 std::int64_t{4102444800}}) {
        const auto tt = static_cast<std::time_t>(t);
        std::tm tm{};
        gmtime_r(&tt, &tm);
        for (const char* f : {"%Y-%m-%dT%H:%M:%SZ", "D:%Y%m%d%H%M%SZ", "100%% %d"}) {
            std::strftime(buf, sizeof buf, f, &tm);
            CHECK(utc::format(t, f) == buf);
        }
    }
}

// Unit tests of quire's native XML form (import/xml_format.cpp): every fixture round-trips
// (article → XML → article → the same XML), the written XML is valid against the schema, and
// bad XML is named with its line.
#include <quire/quire.hpp>

#include "support/process.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> good_fixtures() {
    std::vector<fs::path> v;
    const fs::path root = QUIRE_FIXTURES;
    for (const auto& dir : {root, root / "scripts", root / "markdown"})
        for (const auto& e : fs::directory_iterator(dir)) {
            const auto ext = e.path().extension();
            const auto name = e.path().filename().string();
            if ((ext == ".txt" || ext == ".md") && name != "README.md" && name != "empty.txt" &&
                name != "whitespace-only.txt" && name != "invalid-utf8.txt")
                v.push_back(e.path());
        }
    v.push_back(fs::path(QUIRE_SOURCE_DIR) / "examples" / "ukraine-policy-of-japan.txt");
    v.push_back(fs::path(QUIRE_SOURCE_DIR) / "examples" / "ukraine-policy-of-japan.md");
    std::sort(v.begin(), v.end());
    return v;
}

}  // namespace

TEST_CASE("XML: every fixture round-trips to the same article", "[import][xml]") {
    const auto fixtures = good_fixtures();
    REQUIRE(fixtures.size() >= 20);
    for (const auto& f : fixtures) {
        INFO(f);
        quire::Diagnostics d1, d2;
        auto a = quire::read_article(f, d1);
        REQUIRE(a);
        const std::string x1 = quire::article_to_xml(*a);
        // Read back as if it lay beside the source (images resolve the same way).
        auto b = quire::parse_article(x1, fs::path(f).replace_extension(".xml"), d2);
        REQUIRE(b);
        CHECK(quire::article_to_xml(*b) == x1);
        CHECK(b->title == a->title);
        CHECK(b->lang == a->lang);
        CHECK(b->body.size() == a->body.size());
        CHECK(b->notes.size() == a->notes.size());
        CHECK(b->bios.size() == a->bios.size());
        for (std::size_t i = 0; i < std::min(a->body.size(), b->body.size()); ++i) {
            CHECK(b->body[i].plain_text() == a->body[i].plain_text());
            CHECK(b->body[i].lang == a->body[i].lang);
            CHECK(b->body[i].heading == a->body[i].heading);
            CHECK(b->body[i].list_marker == a->body[i].list_marker);
            CHECK(b->body[i].quote == a->body[i].quote);
        }
    }
}

TEST_CASE("XML: the written form is valid against the schema", "[import][xml]") {
    if (!quire::test::have_program("xmllint")) return;
    quire::test::TempDir tmp;
    const fs::path schema = fs::path(QUIRE_SOURCE_DIR) / "schema" / "quire-article.rng";
    for (const auto& f : good_fixtures()) {
        INFO(f);
        quire::Diagnostics d;
        auto a = quire::read_article(f, d);
        REQUIRE(a);
        const fs::path out = tmp.path / "a.xml";
        std::ofstream(out, std::ios::binary) << quire::article_to_xml(*a);
        auto r =
            quire::test::run({"xmllint", "--noout", "--relaxng", schema.string(), out.string()});
        INFO(r.err);
        CHECK(r.status == 0);
    }
}

TEST_CASE("XML: errors name the line", "[import][xml]") {
    auto parse = [](const std::string& xml) {
        quire::Diagnostics d;
        return quire::parse_article(xml, "t.xml", d);
    };
    const std::string head =
        "<?xml version=\"1.0\"?>\n<article xmlns=\"urn:x-quire:article:1\" "
        "xml:lang=\"en\">\n<meta><title>T</title></meta>\n";
    auto broken = parse(head + "<body>\n<p>open\n</body></article>\n");
    REQUIRE_FALSE(broken);
    CHECK(broken.error().where.line >= 4);
    CHECK(broken.error().message.find("XML") != std::string::npos);

    auto unknown = parse(head + "<body>\n<para>x</para>\n</body></article>\n");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().where.line == 5);
    CHECK(unknown.error().message == "unexpected <para> in <body>");

    auto level = parse(head + "<body>\n<h level=\"9\">x</h>\n</body></article>\n");
    REQUIRE_FALSE(level);
    CHECK(level.error().message.find("level between 1 and 6") != std::string::npos);

    auto ns = parse("<article><meta><title>T</title></meta><body/></article>");
    REQUIRE_FALSE(ns);
    CHECK(ns.error().message.find("urn:x-quire:article:1") != std::string::npos);

    auto ok = parse(head +
                    "<body>\n<p>A <em>b</em> <span xml:lang=\"ar\" dir=\"rtl\">ج</span>"
                    "<ref n=\"1\"/></p>\n</body>\n<notes><note n=\"1\"><p>N.</p></note>"
                    "</notes></article>\n");
    REQUIRE(ok);
    CHECK(ok->body.size() == 1);
    CHECK(ok->notes.size() == 1);
}

TEST_CASE("XML: blocks nested deeper than kMaxNesting are an error with the line",
          "[import][xml]") {
    auto nested = [](int depth) {
        std::string s =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<article xmlns=\"urn:x-quire:article:1\" xml:lang=\"en\">\n"
            "<meta><title>T</title></meta>\n<body>\n";
        for (int i = 0; i < depth; ++i) s += "<quote>\n";
        s += "<p>Deep.</p>\n";
        for (int i = 0; i < depth; ++i) s += "</quote>\n";
        return s + "</body>\n</article>\n";
    };
    quire::Diagnostics diags;
    auto ok = quire::parse_article(nested(quire::kMaxNesting), "deep.xml", diags);
    REQUIRE(ok);
    REQUIRE(ok->body.size() == 1);
    CHECK(ok->body[0].quote == quire::kMaxNesting);
    auto bad = quire::parse_article(nested(quire::kMaxNesting + 1), "deep.xml", diags);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("nested more than 64 deep") != std::string::npos);
    CHECK(bad.error().where.line == 4 + quire::kMaxNesting + 1);
}

TEST_CASE("XML: an item that begins with a nested list keeps the nested item's marker",
          "[import][xml]") {
    // A fuzz finding: the outer item's default marker "•" was put on the nested item's first
    // paragraph when read back, replacing its "–".
    const std::string md =
        "---\ntitle: T\n---\n\nText.\n\n1. One\n2. - - Nested twice\n     - Second\n";
    quire::Diagnostics d1, d2;
    auto a = quire::parse_article(md, "nested.md", d1);
    REQUIRE(a);
    const std::string x1 = quire::article_to_xml(*a);
    auto b = quire::parse_article(x1, "nested.xml", d2);
    REQUIRE(b);
    CHECK(quire::article_to_xml(*b) == x1);
    REQUIRE(b->body.size() == a->body.size());
    for (std::size_t i = 0; i < a->body.size(); ++i) {
        INFO(i << ": " << a->body[i].plain_text());
        CHECK(b->body[i].list_marker == a->body[i].list_marker);
        CHECK(b->body[i].list_depth == a->body[i].list_depth);
    }
}

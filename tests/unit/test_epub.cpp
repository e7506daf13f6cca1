// Unit tests of the EPUB backend's parts: SHA-256, labels, the content document for awkward
// articles (missing, duplicate, unreferenced and repeated notes; languages; right to left),
// the zip container's determinism, and the public write_epub API.
#include "base/sha256.hpp"
#include "epub/epub.hpp"
#include "model/labels.hpp"
#include "support/epub.hpp"

#include <quire/quire.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <set>

using namespace quire;

namespace {

/// Builds a paragraph piece by piece (an initializer list of variants trips GCC 12's
/// -Wmaybe-uninitialized).
struct P {
    Paragraph p;
    P& t(std::string text, std::string lang = {}, bool em = false) {
        p.content.emplace_back(Text{std::move(text), std::move(lang), em, false, false, {}, {}});
        return *this;
    }
    P& r(int n) {
        p.content.emplace_back(NoteRef{n, 3});
        return *this;
    }
    operator Paragraph() const { return p; }
};

Article sample() {
    Article a;
    a.source = "sample.txt";
    a.title = "Notes & <Marks>";
    a.lang = "en";
    a.authors = {"A. Writer"};
    a.body.push_back(P().t("One")
                         .r(1)
                         .t(" two ")
                         .r(2)
                         .r(1)
                         .t(" missing")
                         .r(9)
                         .t(" and ")
                         .t("مرحبا", "ar")
                         .t(" end.", "", true));
    Note n1{1, {P().t("First note.")}, 10};
    Note n2{2, {P().t("Second note."), P().t("More.")}, 11};
    Note n2dup{2, {P().t("Duplicate.")}, 12};
    Note n3{3, {P().t("Never referenced.")}, 13};
    a.notes = {n1, n2, n2dup, n3};
    AuthorBio bio;
    bio.name = "A. Writer";
    bio.lang = "tr";
    bio.paragraphs.push_back(P().t("Yazar."));
    a.bios = {bio};
    return a;
}

}  // namespace

TEST_CASE("SHA-256 gives the FIPS 180-4 test vectors", "[epub][sha256]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    Sha256 h;
    const std::string a1000(1000, 'a');
    for (int i = 0; i < 1000; ++i) h.update(a1000);
    CHECK(h.hex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    // Pieces of any size give the digest of the whole.
    Sha256 p;
    const std::string text = "The quick brown fox jumps over the lazy dog, 64 bytes and beyond....";
    for (std::size_t i = 0; i < text.size(); i += 7) p.update(std::string_view(text).substr(i, 7));
    CHECK(p.hex() == sha256_hex(text));
}

TEST_CASE("Labels come in the article's language, English otherwise", "[epub][labels]") {
    using labels::Label;
    CHECK(labels::get(Label::notes, "tr") == "Notlar");
    CHECK(labels::get(Label::notes, "pt-BR") == "Notas");
    CHECK(labels::get(Label::notes, "RU") == "Примечания");
    CHECK(labels::get(Label::notes, "xx") == "Notes");
    CHECK(labels::get(Label::continued, "") == "(continued)");
}

TEST_CASE("The content document handles awkward notes and languages", "[epub]") {
    const Article a = sample();
    const std::string xhtml = epub::content_document(a, Style::report());
    tinyxml2::XMLDocument doc;
    REQUIRE(doc.Parse(xhtml.c_str(), xhtml.size()) == tinyxml2::XML_SUCCESS);
    // The title is escaped, not markup.
    CHECK(xhtml.find("<title>Notes &amp; &lt;Marks&gt;</title>") != std::string::npos);
    std::map<std::string, int> ids;
    std::vector<std::string> hrefs;
    quire::test::walk(doc.RootElement(), [&](const tinyxml2::XMLElement* e) {
        if (const char* id = e->Attribute("id")) ++ids[id];
        if (const char* h = e->Attribute("href"); h && h[0] == '#') hrefs.push_back(h + 1);
    });
    for (const auto& [id, n] : ids) {
        INFO(id);
        CHECK(n == 1);
    }
    for (const auto& h : hrefs) {
        INFO(h);
        CHECK(ids.count(h));
    }
    // Note 1 is referenced twice: two marks with distinct ids, one back-link to the first.
    CHECK(ids.count("fnref1"));
    CHECK(ids.count("fnref1-2"));
    CHECK(xhtml.find("href=\"#fnref1\" role=\"doc-backlink\"") != std::string::npos);
    // Duplicate note 2: the first is kept, with both of its paragraphs.
    CHECK(xhtml.find("Second note.") != std::string::npos);
    CHECK(xhtml.find("More.") != std::string::npos);
    CHECK(xhtml.find("Duplicate.") == std::string::npos);
    // Note 3 is never referenced: its number is not a back-link to nowhere.
    CHECK(xhtml.find("<span class=\"note-number\">3</span> Never referenced.") !=
          std::string::npos);
    // The missing note 9: an unlinked number.
    CHECK(xhtml.find("<span class=\"noteref missing\">9</span>") != std::string::npos);
    CHECK(xhtml.find("href=\"#fn9\"") == std::string::npos);
    // An Arabic span in English text gets its language and direction.
    CHECK(xhtml.find("<span lang=\"ar\" xml:lang=\"ar\" dir=\"rtl\">مرحبا</span>") !=
          std::string::npos);
    CHECK(xhtml.find("<em> end.</em>") != std::string::npos);
    CHECK(xhtml.find("lang=\"tr\" xml:lang=\"tr\"") != std::string::npos);
}

TEST_CASE("A right-to-left article sets dir on the document and the spine", "[epub]") {
    Article a;
    a.title = "عنوان";
    a.lang = "ar";
    a.body.push_back(P().t("نص عربي ").t("English", "en"));
    const std::string xhtml = epub::content_document(a, Style::report());
    CHECK(xhtml.find("lang=\"ar\" xml:lang=\"ar\" dir=\"rtl\">") != std::string::npos);
    CHECK(xhtml.find("<span lang=\"en\" xml:lang=\"en\" dir=\"ltr\">English</span>") !=
          std::string::npos);
    auto bytes = write_epub(a, Style::report(), EpubOptions{0, "urn:x:1", EpubFonts::none});
    REQUIRE(bytes);
    quire::test::TempDir dir;
    const auto path = dir.path / "ar.epub";
    REQUIRE(write_epub(a, Style::report(), path, EpubOptions{0, "urn:x:1", EpubFonts::none}));
    CHECK(quire::test::read_file(path) == *bytes);
    const std::string opf = quire::test::zip_entry(path, "EPUB/package.opf");
    CHECK(opf.find("<spine toc=\"ncx\" page-progression-direction=\"rtl\">") != std::string::npos);
}

TEST_CASE("The derived identifier follows the content", "[epub]") {
    Article a = sample();
    const std::string id = epub::derived_identifier(a);
    CHECK(id.rfind("urn:uuid:", 0) == 0);
    CHECK(id.size() == 9 + 36);
    CHECK(id[9 + 14] == '8');  // version 8
    CHECK(epub::derived_identifier(a) == id);
    a.body.front().content.emplace_back(Text{"!", "", false, false, false, {}, {}});
    CHECK(epub::derived_identifier(a) != id);
}

TEST_CASE("The container is the same in every time zone and keeps its order", "[epub]") {
    std::vector<epub::Resource> files = {{"mimetype", "", "", "", "application/epub+zip"},
                                         {"META-INF/container.xml", "", "", "", "<x/>"},
                                         {"EPUB/a.xhtml", "", "", "", std::string(5000, 'a')}};
    const char* old = std::getenv("TZ");
    const std::string saved = old ? old : "";
    std::set<std::string> outputs;
    for (const char* tz : {"UTC", "Asia/Tokyo", "America/New_York", "Pacific/Chatham"}) {
        setenv("TZ", tz, 1);
        tzset();
        outputs.insert(epub::zip_container(files, 1700000000).value());
    }
    if (old)
        setenv("TZ", saved.c_str(), 1);
    else
        unsetenv("TZ");
    tzset();
    REQUIRE(outputs.size() == 1);
    const std::string z = *outputs.begin();
    CHECK(z.substr(30, 8) == "mimetype");
    CHECK(z.substr(38, 20) == "application/epub+zip");
    // A different time gives different bytes: the time is really written.
    CHECK(epub::zip_container(files, 1600000000).value() != z);
}

TEST_CASE("write_epub takes the options: identifier, timestamp, bad style", "[epub]") {
    const Article a = sample();
    auto bytes = write_epub(a, Style::report(),
                            EpubOptions{1700000000, "urn:isbn:9780000000002", EpubFonts::none});
    REQUIRE(bytes);
    quire::test::TempDir dir;
    const auto path = dir.path / "s.epub";
    { std::ofstream(path, std::ios::binary) << *bytes; }
    const std::string opf = quire::test::zip_entry(path, "EPUB/package.opf");
    CHECK(opf.find(">urn:isbn:9780000000002</dc:identifier>") != std::string::npos);
    CHECK(opf.find(">2023-11-14T22:13:20Z</meta>") != std::string::npos);
    Style bad = Style::report();
    bad.body.size = 0;
    auto r = write_epub(a, bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("body.size") != std::string::npos);
    // Missing folders are made; one that cannot be (a file stands in its place) is an error
    // naming it, with nothing left behind.
    CHECK(write_epub(a, Style::report(), dir.path / "no" / "such" / "dir" / "x.epub"));
    CHECK(std::filesystem::exists(dir.path / "no" / "such" / "dir" / "x.epub"));
    { std::ofstream(dir.path / "plain") << "a file"; }
    auto w = write_epub(a, Style::report(), dir.path / "plain" / "x.epub");
    REQUIRE_FALSE(w);
    CHECK(w.error().where.file == (dir.path / "plain").string());
    CHECK_FALSE(std::filesystem::exists(dir.path / "plain" / "x.epub"));
}

// Integration tests of the EPUB backend through the CLI: the container's layout, the package
// metadata, the text of the XHTML against the source file, notes linked both ways, identical
// bytes across runs and time zones, and epubcheck 4.2.6 clean on the seed and every fixture.
#include "support/epub.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

namespace fs = std::filesystem;
using quire::test::read_file;
using quire::test::run;
using quire::test::TempDir;
using quire::test::zip_entries;
using quire::test::zip_entry;

namespace {

using quire::test::kBin;
using quire::test::kFixtures;
using quire::test::kSeed;
using quire::test::kShared;

/// Converts inputs into EPUBs only; returns the EPUB paths in input order.
std::vector<fs::path> build_epubs(const std::vector<fs::path>& inputs, const fs::path& outdir,
                                  const std::vector<std::string>& extra = {},
                                  const std::map<std::string, std::string>& env = {}) {
    std::vector<std::string> argv = {kBin, "build", "--format", "epub", "-o", outdir.string()};
    for (const auto& in : inputs) argv.push_back(in.string());
    argv.insert(argv.end(), extra.begin(), extra.end());
    auto r = run(argv, env);
    INFO("stderr: " << r.err);
    REQUIRE(r.status == 0);
    // "INPUT -> OUT.epub" lines, in input order.
    std::vector<fs::path> out;
    std::istringstream lines(r.out);
    std::string line;
    while (std::getline(lines, line)) {
        const auto arrow = line.find(" -> ");
        if (arrow != std::string::npos) out.emplace_back(line.substr(arrow + 4));
    }
    REQUIRE(out.size() == inputs.size());
    for (const auto& p : out) REQUIRE(fs::exists(p));
    return out;
}

void parse(tinyxml2::XMLDocument& doc, const std::string& xml_in) {
    // tinyxml2 9 drops text nodes of white space only, but a space between two inline
    // elements ("<a>3</a> <span lang=...>") is text: keep it as a character reference.
    std::string xml;
    xml.reserve(xml_in.size());
    for (std::size_t i = 0; i < xml_in.size(); ++i) {
        xml += xml_in[i];
        if (xml_in[i] == '>' && i + 2 < xml_in.size() && xml_in[i + 1] == ' ' &&
            xml_in[i + 2] == '<') {
            xml += "&#32;";
            ++i;
        }
    }
    INFO(xml.substr(0, 400));
    REQUIRE(doc.Parse(xml.c_str(), xml.size()) == tinyxml2::XML_SUCCESS);
}

/// The good article fixtures: every .txt under tests/fixtures (and scripts/) that converts
/// without error, i.e. not the deliberately broken inputs.
std::vector<fs::path> good_fixtures() {
    static const std::set<std::string> bad = {"empty.txt", "whitespace-only.txt",
                                              "invalid-utf8.txt"};
    std::vector<fs::path> v;
    for (const auto& e : fs::recursive_directory_iterator(kFixtures))
        if (e.path().extension() == ".txt" && !bad.count(e.path().filename().string()))
            v.push_back(e.path());
    std::sort(v.begin(), v.end());
    return v;
}

/// Checks that the XHTML's text is the source text: every block (title, body paragraphs with
/// marks as [n], notes with their numbers as [n], the bio's name and text) occurs in the source
/// in order, and what the blocks leave uncovered is only web chrome the importer drops.
void check_text_fidelity(const fs::path& source, const std::string& xhtml) {
    using quire::test::squeeze;
    const std::string src = squeeze(read_file(source));
    tinyxml2::XMLDocument doc;
    parse(doc, xhtml);
    const auto* body = doc.FirstChildElement("html")->FirstChildElement("body");
    REQUIRE(body);
    std::vector<std::string> blocks;
    auto how = [](const tinyxml2::XMLElement* e) {
        using quire::test::has_class;
        return has_class(e, "noteref") || has_class(e, "note-number") ? 2 : 0;
    };
    quire::test::walk(body->FirstChildElement(), [&](const tinyxml2::XMLElement* e) {
        const std::string name = e->Name();
        if (name != "p" && name != "h1" && name != "h2") return;
        using quire::test::has_class;
        if (has_class(e, "byline") || has_class(e, "translations")) return;  // from elsewhere
        if (e->Attribute("id", "notes-heading")) return;                     // a label
        blocks.push_back(squeeze(quire::test::element_text(e, how)));
    });
    REQUIRE(blocks.size() >= 2);
    std::size_t at = 0;
    std::string uncovered;
    for (const auto& b : blocks) {
        INFO("block: " << b.substr(0, 200));
        const auto pos = src.find(b, at);
        REQUIRE(pos != std::string::npos);
        uncovered += src.substr(at, pos - at) + "\n";
        at = pos + b.size();
    }
    uncovered += src.substr(at);
    // What is left: the stray web lines and the translations line.
    for (const char* stray : {"Similar Posts", "Related Posts", "Related Articles", "Share this"})
        for (std::size_t p; (p = uncovered.find(stray)) != std::string::npos;)
            uncovered.erase(p, std::string(stray).size());
    uncovered = std::regex_replace(
        uncovered, std::regex("(This (post|article|page) is )?[Aa]lso available in:?[^\n]*"), "");
    INFO("source text not in the EPUB: " << uncovered);
    CHECK(squeeze(uncovered).empty());
}

/// Every noteref resolves to an aside whose back-link returns to a mark; every back-link
/// resolves; ids are unique.
void check_note_links(const std::string& xhtml, int expected_refs) {
    tinyxml2::XMLDocument doc;
    parse(doc, xhtml);
    std::map<std::string, const tinyxml2::XMLElement*> ids;
    std::vector<const tinyxml2::XMLElement*> links;
    quire::test::walk(doc.RootElement(), [&](const tinyxml2::XMLElement* e) {
        if (const char* id = e->Attribute("id")) {
            INFO("duplicate id " << id);
            CHECK(ids.emplace(id, e).second);
        }
        if (e->Attribute("href")) links.push_back(e);
    });
    int refs = 0;
    for (const auto* a : links) {
        const std::string href = a->Attribute("href");
        if (href.empty() || href[0] != '#') continue;
        INFO("link " << href);
        REQUIRE(ids.count(href.substr(1)));
        const auto* target = ids.at(href.substr(1));
        if (a->Attribute("epub:type", "noteref")) {
            ++refs;
            CHECK(a->Attribute("role", "doc-noteref"));
            CHECK(a->FirstChildElement() == nullptr);  // nothing inside the link (Apple Books)
            CHECK(std::string(target->Name()) == "aside");
            CHECK(target->Attribute("epub:type", "footnote"));
            CHECK(target->Attribute("role", "doc-footnote"));
            // The aside starts with its number, a back-link to the first mark of that note.
            const auto* back = target->FirstChildElement("p")->FirstChildElement("a");
            REQUIRE(back);
            CHECK(back->Attribute("role", "doc-backlink"));
            CHECK(std::string(back->GetText()) == a->GetText());
            REQUIRE(ids.count(std::string(back->Attribute("href")).substr(1)));
        }
    }
    CHECK(refs == expected_refs);
}

}  // namespace

TEST_CASE("EPUB of the seed: container, package, navigation, text and notes", "[epub]") {
    TempDir out;
    const auto epub = build_epubs({kSeed}, out.path).front();
    CHECK(epub.filename() == "the-ukraine-policy-of-japan.epub");
    CHECK_FALSE(fs::exists(out.path / "the-ukraine-policy-of-japan.pdf"));

    // OCF: mimetype first, stored, name at byte 30 and content at byte 38, no extra field.
    const std::string bytes = read_file(epub);
    REQUIRE(bytes.size() > 60);
    CHECK(bytes.substr(0, 4) == std::string("PK\x03\x04", 4));
    CHECK(bytes[8] == 0);  // compression method 0: stored
    CHECK(bytes.substr(30, 8) == "mimetype");
    CHECK(bytes.substr(38, 20) == "application/epub+zip");
    const auto entries = zip_entries(epub);
    std::vector<std::string> names;
    for (const auto& [n, d] : entries) names.push_back(n);
    CHECK(names == std::vector<std::string>{"mimetype", "META-INF/container.xml",
                                            "EPUB/package.opf", "EPUB/nav.xhtml", "EPUB/toc.ncx",
                                            "EPUB/article.xhtml", "EPUB/style.css"});

    // Package metadata.
    const std::string opf = zip_entry(epub, "EPUB/package.opf");
    tinyxml2::XMLDocument pkg;
    parse(pkg, opf);
    const auto* md = pkg.RootElement()->FirstChildElement("metadata");
    REQUIRE(md);
    const std::string id = md->FirstChildElement("dc:identifier")->GetText();
    CHECK(std::regex_match(
        id, std::regex(
                "urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
    CHECK(std::string(md->FirstChildElement("dc:title")->GetText()) ==
          "The Ukraine Policy of Japan");
    CHECK(std::string(md->FirstChildElement("dc:creator")->GetText()) == "Dr. Cenk TAMER");
    CHECK(std::string(md->FirstChildElement("dc:language")->GetText()) == "en");
    std::multiset<std::string> props;
    for (const auto* m = md->FirstChildElement("meta"); m; m = m->NextSiblingElement("meta"))
        if (const char* p = m->Attribute("property")) props.insert(p);
    for (const char* p : {"dcterms:modified", "schema:accessMode", "schema:accessModeSufficient",
                          "schema:accessibilityFeature", "schema:accessibilityHazard",
                          "schema:accessibilitySummary", "dcterms:conformsTo"}) {
        INFO(p);
        CHECK(props.count(p) >= 1);
    }
    CHECK(props.count("dcterms:modified") == 1);

    // The NCX names the same identifier; the nav has the table of contents and landmarks.
    const std::string ncx = zip_entry(epub, "EPUB/toc.ncx");
    CHECK(ncx.find("<meta name=\"dtb:uid\" content=\"" + id + "\"/>") != std::string::npos);
    const std::string nav = zip_entry(epub, "EPUB/nav.xhtml");
    CHECK(nav.find("epub:type=\"toc\"") != std::string::npos);
    CHECK(nav.find("epub:type=\"landmarks\"") != std::string::npos);
    CHECK(nav.find("href=\"article.xhtml#notes\"") != std::string::npos);
    CHECK(nav.find("href=\"article.xhtml#bio\"") != std::string::npos);

    // Content: languages, the text, the notes.
    const std::string xhtml = zip_entry(epub, "EPUB/article.xhtml");
    CHECK(xhtml.find("<html xmlns=\"http://www.w3.org/1999/xhtml\" "
                     "xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"en\" xml:lang=\"en\">") !=
          std::string::npos);
    CHECK(std::regex_search(xhtml,
                            std::regex("<section id=\"bio\"[^>]* lang=\"tr\" xml:lang=\"tr\"")));
    CHECK(xhtml.find("lang=\"tr\" xml:lang=\"tr\">Türkçe</span>") != std::string::npos);
    CHECK(xhtml.find("lang=\"ru\" xml:lang=\"ru\">Русский</span>") != std::string::npos);
    check_text_fidelity(kSeed, xhtml);
    check_note_links(xhtml, 3);

    // The style sheet comes from the report style: Noto Serif, justified, notes smaller.
    const std::string css = zip_entry(epub, "EPUB/style.css");
    CHECK(css.find("font-family: \"Noto Serif\"") != std::string::npos);
    CHECK(css.find("text-align: justify") != std::string::npos);
    CHECK(css.find("section.notes {\n  font-size: 0.81em") != std::string::npos);
}

TEST_CASE("EPUB text and note links hold for every fixture", "[epub]") {
    TempDir out;
    const auto inputs = good_fixtures();
    REQUIRE(inputs.size() >= 8);
    const auto epubs = build_epubs(inputs, out.path);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        INFO(inputs[i]);
        const std::string xhtml = zip_entry(epubs[i], "EPUB/article.xhtml");
        // duplicate-note.txt has a second note [2]; the importer warns and keeps the first.
        if (inputs[i].filename() != "duplicate-note.txt") check_text_fidelity(inputs[i], xhtml);
        // Marks in the source body: count the links instead of re-parsing the source.
        tinyxml2::XMLDocument doc;
        parse(doc, xhtml);
        int marks = 0;
        quire::test::walk(doc.RootElement(), [&](const tinyxml2::XMLElement* e) {
            if (e->Attribute("epub:type", "noteref")) ++marks;
        });
        check_note_links(xhtml, marks);
    }
}

TEST_CASE("EPUB bytes are the same across runs and time zones", "[epub]") {
    TempDir a, b, c;
    const auto e1 = build_epubs({kSeed}, a.path).front();
    const auto e2 = build_epubs({kSeed}, b.path, {}, {{"TZ", "Asia/Tokyo"}}).front();
    const auto e3 = build_epubs({kSeed}, c.path, {}, {{"TZ", "America/New_York"}}).front();
    const std::string first = read_file(e1);
    CHECK(first == read_file(e2));
    CHECK(first == read_file(e3));
    // SOURCE_DATE_EPOCH sets dcterms:modified.
    TempDir d;
    const auto e4 = build_epubs({kSeed}, d.path, {}, {{"SOURCE_DATE_EPOCH", "1700000000"}}).front();
    CHECK(zip_entry(e4, "EPUB/package.opf").find("2023-11-14T22:13:20Z") != std::string::npos);
}

TEST_CASE("EPUB fonts: automatic embeds the scripts a reader may lack", "[epub]") {
    const fs::path mixed = kFixtures / "mixed-scripts.txt";
    auto fonts_of = [](const fs::path& epub) {
        std::vector<std::string> v;
        for (const auto& [n, d] : zip_entries(epub))
            if (n.rfind("EPUB/fonts/", 0) == 0) v.push_back(n);
        return v;
    };
    TempDir a, b, c;
    const auto autom = build_epubs({mixed}, a.path).front();
    const auto none = build_epubs({mixed}, b.path, {"--epub-fonts", "none"}).front();
    const auto all = build_epubs({mixed}, c.path, {"--epub-fonts", "embed"}).front();
    const auto fa = fonts_of(autom), fn = fonts_of(none), fe = fonts_of(all);
    INFO("automatic: " << fa.size() << ", embed: " << fe.size());
    CHECK(fn.empty());
    CHECK(!fa.empty());
    CHECK(fe.size() > fa.size());  // Noto Serif too
    for (const auto& f : fa) CHECK(f.find("NotoSerif-") == std::string::npos);
    // Every embedded font is in the manifest and named by an @font-face rule.
    const std::string opf = zip_entry(autom, "EPUB/package.opf");
    const std::string css = zip_entry(autom, "EPUB/style.css");
    for (const auto& f : fa) {
        const std::string rel = f.substr(5);  // after "EPUB/"
        INFO(rel);
        CHECK(opf.find("href=\"" + rel + "\"") != std::string::npos);
        CHECK(css.find("url(\"" + rel + "\")") != std::string::npos);
    }
    // Without the seed's scripts beyond Latin and Cyrillic nothing is embedded.
    TempDir d;
    CHECK(fonts_of(build_epubs({kSeed}, d.path).front()).empty());
}

TEST_CASE("The --format option chooses the outputs and rejects bad values", "[epub]") {
    TempDir out;
    auto r = run({kBin, "build", kSeed.string(), "-o", out.path.string(), "--format", "pdf"});
    REQUIRE(r.status == 0);
    CHECK(fs::exists(out.path / "the-ukraine-policy-of-japan.pdf"));
    CHECK_FALSE(fs::exists(out.path / "the-ukraine-policy-of-japan.epub"));
    r = run({kBin, "build", kSeed.string(), "-o", out.path.string()});
    REQUIRE(r.status == 0);
    CHECK(fs::exists(out.path / "the-ukraine-policy-of-japan.epub"));
    r = run({kBin, "build", kSeed.string(), "-o", out.path.string(), "--format", "docx"});
    CHECK(r.status == 2);
    CHECK(r.err.find("unknown format 'docx'") != std::string::npos);
    r = run({kBin, "build", kSeed.string(), "-o", out.path.string(), "--epub-fonts", "some"});
    CHECK(r.status == 2);
}

TEST_CASE("A bad input leaves no EPUB behind and the batch goes on", "[epub]") {
    TempDir out;
    auto r = run({kBin, "build", "--format", "epub", (kFixtures / "invalid-utf8.txt").string(),
                  kSeed.string(), "-o", out.path.string(), "-q"});
    CHECK(r.status == 1);
    CHECK(r.err.find("invalid-utf8.txt:3") != std::string::npos);
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(out.path))
        if (e.path().filename() != ".quire")  // the batch's record of what it built
            files.push_back(e.path().filename().string());
    CHECK(files == std::vector<std::string>{"the-ukraine-policy-of-japan.epub"});
}

namespace {

/// Runs epubcheck over the EPUBs one after another and requires each to be clean. ctest runs
/// the epubcheck test cases side by side, so each keeps to one JVM at a time.
void require_epubcheck_clean(const std::vector<fs::path>& epubs) {
    if (!quire::test::have_epubcheck()) {
        if (const char* skip = std::getenv("QUIRE_SKIP_EPUBCHECK"); skip && *skip == '1') {
            WARN("epubcheck not installed; skipped (QUIRE_SKIP_EPUBCHECK=1)");
            return;
        }
        FAIL("epubcheck is in debian-packages.txt but java or " << quire::test::kEpubcheckJar
                                                                << " is missing");
    }
    REQUIRE(!epubs.empty());
    for (const auto& epub : epubs) {
        const auto r = quire::test::epubcheck(epub);
        INFO(epub.filename() << ": fatal " << r.fatal << ", errors " << r.errors << ", warnings "
                             << r.warnings << "\n"
                             << r.report.substr(0, 3000));
        CHECK(r.clean());
    }
}

/// The fixtures directly in tests/fixtures (`scripts` false) or under tests/fixtures/scripts.
std::vector<fs::path> fixtures_in(bool scripts) {
    std::vector<fs::path> v;
    for (const auto& f : good_fixtures())
        if ((f.parent_path().filename() == "scripts") == scripts) v.push_back(f);
    return v;
}

}  // namespace

TEST_CASE("epubcheck: the seed and the fixtures are clean", "[epub][epubcheck]") {
    TempDir out;
    auto inputs = fixtures_in(false);
    inputs.insert(inputs.begin(), kSeed);
    require_epubcheck_clean(build_epubs(inputs, out.path));
}

TEST_CASE("epubcheck: the script fixtures are clean", "[epub][epubcheck]") {
    TempDir out;
    const auto inputs = fixtures_in(true);
    if (inputs.empty()) {
        WARN("no fixtures in tests/fixtures/scripts");
        return;
    }
    require_epubcheck_clean(build_epubs(inputs, out.path));
}

TEST_CASE("epubcheck: every font mode is clean", "[epub][epubcheck]") {
    TempDir a, b;
    const fs::path mixed = kFixtures / "mixed-scripts.txt";
    require_epubcheck_clean({build_epubs({mixed}, a.path, {"--epub-fonts", "embed"}).front(),
                             build_epubs({mixed}, b.path, {"--epub-fonts", "none"}).front()});
}

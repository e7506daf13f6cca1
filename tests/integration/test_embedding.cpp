// Embedding: everything an article needs can come from memory (quire.hpp): the article's bytes,
// its style, its fonts (FontLibrary::add_font) and its images (ReadOptions::images), with no
// fontconfig lookup for an added font and no image read from the file system.
#include "api/impl.hpp"
#include "layout/frame.hpp"
#include "support/epub.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"
#include "text/font.hpp"

#include <quire/batch.hpp>
#include <quire/quire.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using quire::test::kFixtures;
using quire::test::read_file;
using quire::test::run;
using quire::test::TempDir;

namespace {

const fs::path kNoto = "/usr/share/fonts/truetype/noto";

/// Chains that name one family for every role.
std::string chains_of(const std::string& family) {
    return "[serif]\n" + family + "\n[sans]\n" + family + "\n[mono]\n" + family + "\n";
}

constexpr const char* kMarkdown = R"(---
title: Maps From Memory
lang: en
bio: {name: Ada Lovelace, lang: en, text: "Ada Lovelace writes about maps.", photo: ada.png}
---

A paragraph that refers to a note.[^1] The map below comes from the caller, not a file.

![A map of the coast](figures/map.png)

![Not given](figures/missing.png)

[^1]: The note, in memory too.
)";

/// The faces the document's text is set in, by path (a face added from memory has the name
/// given to add_font as its path).
std::set<std::string> face_paths(const quire::Document& doc) {
    std::set<std::string> out;
    for (const auto& page : quire::detail::impl(doc).pages.pages)
        for (const auto& run : page.runs)
            if (run.face) out.insert(run.face->path());
    return out;
}

}  // namespace

TEST_CASE("embedding: an article, its fonts and its images all from memory", "[api][embedding]") {
    // Fonts: the bytes of three Noto Serif faces, and only they (no system fonts at all).
    quire::FontOptions fo;
    fo.system_fonts = false;
    auto lib = quire::FontLibrary::from_chains(chains_of("Noto Serif"), "chains", fo);
    REQUIRE(lib);
    const std::string before = (*lib)->content_key();
    for (const char* face :
         {"NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf"}) {
        auto families = (*lib)->add_font(read_file(kNoto / face), std::string("mem:") + face);
        INFO(face << (families ? "" : families.error().format()));
        REQUIRE(families);
        CHECK(*families == std::vector<std::string>{"Noto Serif"});
    }
    CHECK((*lib)->content_key() != before);

    // Images: served by name; every request is recorded.
    const std::string png = read_file(kFixtures / "markdown" / "chart.png");
    std::vector<std::string> asked;
    quire::ReadOptions ro;
    ro.images = [&](std::string_view src) -> std::optional<std::string> {
        asked.emplace_back(src);
        if (src == "figures/map.png" || src == "ada.png") return png;
        return std::nullopt;
    };
    // The article's "folder" does not exist: nothing may be read from the file system.
    quire::Diagnostics diags;
    auto article = quire::parse_article(kMarkdown, quire::ArticleFormat::markdown,
                                        "/nonexistent/maps", diags, ro);
    REQUIRE(article);
    CHECK(asked == std::vector<std::string>{"ada.png", "figures/map.png", "figures/missing.png"});
    bool warned = false;
    for (const auto& d : diags.all())
        warned = warned || (d.message.find("figures/missing.png") != std::string::npos &&
                            d.message.find("resolver") != std::string::npos);
    CHECK(warned);

    // A style from a string.
    auto style = quire::parse_style("extends: report\npage:\n  size: A5\n", "a5.yaml");
    INFO((style ? "" : style.error().format()));
    REQUIRE(style);

    auto doc = quire::typeset(*article, *style, diags, *lib);
    REQUIRE(doc);
    // Every glyph is in a face added from memory.
    const auto paths = face_paths(*doc);
    REQUIRE_FALSE(paths.empty());
    for (const auto& p : paths) CHECK(p.rfind("mem:NotoSerif-", 0) == 0);

    TempDir dir;
    auto pdf = quire::write_pdf(*doc);
    REQUIRE(pdf);
    std::ofstream(dir.path / "maps.pdf", std::ios::binary) << *pdf;
    auto images = run({"pdfimages", "-list", (dir.path / "maps.pdf").string()});
    int rows = 0;
    std::istringstream lines(images.out);
    for (std::string line; std::getline(lines, line);) rows += !line.empty();
    CHECK(rows == 2 + 2);  // header lines, the map and the author's photo
    auto fonts = run({"pdffonts", (dir.path / "maps.pdf").string()});
    CHECK(fonts.out.find("NotoSerif-Regular") != std::string::npos);
    CHECK(fonts.out.find("NotoSans") == std::string::npos);
    const std::string text = quire::test::pdftotext(dir.path / "maps.pdf");
    CHECK(text.find("[Not given]") != std::string::npos);  // the missing image's alternative

    auto epub = quire::write_epub(*article, *style, {}, *lib);
    REQUIRE(epub);
    std::ofstream(dir.path / "maps.epub", std::ios::binary) << *epub;
    int image_entries = 0;
    for (const auto& [name, data] : quire::test::zip_entries(dir.path / "maps.epub"))
        if (name.rfind("EPUB/images/", 0) == 0) {
            ++image_entries;
            CHECK(name.size() > 4);
            CHECK(name.substr(name.size() - 4) == ".png");
            CHECK(data == png);
        }
    CHECK(image_entries == 2);
}

TEST_CASE("embedding: an added family answers before an installed one of that name",
          "[api][embedding]") {
    // System fonts on: the chains' other families come from fontconfig, but Noto Serif is the
    // added copy, never the installed file.
    quire::FontLibrary lib;
    auto fam = lib.add_font_file(kNoto / "NotoSerif-Regular.ttf");
    REQUIRE(fam);
    auto& book = quire::detail::impl(lib).book;
    const quire::text::Face* regular = book.family("Noto Serif", {});
    REQUIRE(regular);
    CHECK(regular->path() == (kNoto / "NotoSerif-Regular.ttf").string());
    // Added as a file name, the path is the file's; the face is not fontconfig's (which would
    // also be that file), so check with a bold that was not added: no face, not the installed.
    CHECK(book.family("Noto Serif", {true, false}) == nullptr);
    // A family not added still comes from fontconfig.
    CHECK(book.family("Noto Sans", {}) != nullptr);
}

TEST_CASE("embedding: fonts that are not fonts, and no fonts at all", "[api][embedding]") {
    quire::FontOptions fo;
    fo.system_fonts = false;
    quire::FontLibrary lib(fo);
    auto bad = lib.add_font("not a font at all", "junk.ttf");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("junk.ttf") != std::string::npos);
    auto missing = lib.add_font_file("/nonexistent/font.ttf");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().format().find("/nonexistent/font.ttf") != std::string::npos);
    // Without system fonts and with none added, no chain has a face: typesetting says so.
    quire::Diagnostics diags;
    auto article = quire::parse_text_article("Title\n\nA body.\n", "t.txt", diags);
    REQUIRE(article);
    auto shared = std::shared_ptr<quire::FontLibrary>(&lib, [](quire::FontLibrary*) {});
    auto doc = quire::typeset(*article, quire::Style::report(), diags, shared);
    CHECK_FALSE(doc);
}

TEST_CASE("embedding: the image resolver replaces the file system", "[api][embedding][security]") {
    // An image that exists on disk beside the article is not read when a resolver is set.
    TempDir dir;
    fs::copy_file(kFixtures / "markdown" / "chart.png", dir.path / "chart.png");
    const std::string md = "# On disk\n\n![Chart](chart.png)\n\n![Secret](/etc/passwd)\n";
    quire::ReadOptions ro;
    int calls = 0;
    ro.images = [&](std::string_view) -> std::optional<std::string> {
        ++calls;
        return std::nullopt;
    };
    quire::Diagnostics diags;
    auto article = quire::parse_article(md, dir.path / "a.md", diags, ro);
    REQUIRE(article);
    CHECK(calls == 2);
    int refused = 0;
    for (const auto& p : article->body)
        if (p.image) {
            CHECK(p.image->path.empty());
            CHECK_FALSE(p.image->data);
            ++refused;
        }
    CHECK(refused == 2);
    // A resolver's bytes are checked as a file's are: a decompression bomb is refused.
    ro.images = [&](std::string_view) -> std::optional<std::string> {
        return read_file(kFixtures / "images" / "bomb-20000x20000.png");
    };
    quire::Diagnostics d2;
    auto bomb = quire::parse_article("# Bomb\n\n![Bomb](b.png)\n", dir.path / "b.md", d2, ro);
    REQUIRE(bomb);
    bool limit = false;
    for (const auto& d : d2.all())
        limit = limit || d.message.find("image-pixels") != std::string::npos;
    CHECK(limit);
}

TEST_CASE("embedding: progress is reported and work can be cancelled", "[api][embedding]") {
    quire::Diagnostics diags;
    auto article = quire::read_article(kFixtures / "long-english.txt", diags);
    REQUIRE(article);
    quire::Limits limits;
    std::vector<int> layout_pages, pdf_pages;
    limits.on_progress = [&](std::string_view stage, int pages) {
        (stage == "layout" ? layout_pages : pdf_pages).push_back(pages);
    };
    auto doc = quire::typeset(*article, quire::Style::report(), diags, nullptr, limits);
    REQUIRE(doc);
    REQUIRE(doc->page_count() > 1);
    std::vector<int> expected(static_cast<std::size_t>(doc->page_count()));
    for (std::size_t i = 0; i < expected.size(); ++i) expected[i] = static_cast<int>(i) + 1;
    CHECK(layout_pages == expected);
    REQUIRE(quire::write_pdf(*doc));
    CHECK(pdf_pages == expected);

    // Cancelled from the progress callback after the first page: typeset stops, says why.
    auto flag = std::make_shared<std::atomic<bool>>(false);
    quire::Limits stop;
    stop.cancel = flag;
    int seen = 0;
    stop.on_progress = [&](std::string_view, int) {
        ++seen;
        flag->store(true);
    };
    auto cancelled = quire::typeset(*article, quire::Style::report(), diags, nullptr, stop);
    REQUIRE_FALSE(cancelled);
    CHECK(cancelled.error().message.find("cancelled") != std::string::npos);
    CHECK(seen == 1);

    // A cancelled batch makes nothing and reports every article as failed, "cancelled".
    TempDir out;
    quire::BatchOptions bo;
    bo.output_dir = out.path;
    bo.read.limits.cancel = flag;
    std::vector<quire::BatchItem> items;
    auto totals = quire::run_batch(
        {kFixtures / "minimal.txt", kFixtures / "russian.txt"}, bo,
        [&](const quire::BatchItem& it, const quire::BatchTotals&) { items.push_back(it); });
    REQUIRE(totals);
    CHECK(totals->failed == 2);
    REQUIRE(items.size() == 2);
    for (const auto& it : items) {
        REQUIRE(it.error);
        CHECK(it.error->message == "cancelled");
        CHECK(it.outputs.empty());
    }
    CHECK_FALSE(fs::exists(out.path / "minimal.pdf"));
}

TEST_CASE("cli: --font and --no-system-fonts set the text in the given files only",
          "[cli][embedding]") {
    TempDir out;
    auto r = run({quire::test::kBin, "build", (kFixtures / "minimal.txt").string(), "-o",
                  out.path.string(), "--format", "pdf", "--no-system-fonts", "--font",
                  (kNoto / "NotoSerif-Regular.ttf").string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    fs::path pdf;
    for (const auto& e : fs::directory_iterator(out.path))
        if (e.path().extension() == ".pdf") pdf = e.path();
    REQUIRE_FALSE(pdf.empty());
    auto fonts = run({"pdffonts", pdf.string()});
    std::istringstream rows(fonts.out);
    int faces = 0;
    for (std::string row; std::getline(rows, row);)
        if (row.find("CID") != std::string::npos) {
            ++faces;
            CHECK(row.find("NotoSerif-Regular") != std::string::npos);
        }
    CHECK(faces == 1);

    // A font file that cannot be read is a usage error naming it; nothing is written.
    TempDir out2;
    auto bad = run({quire::test::kBin, "build", (kFixtures / "minimal.txt").string(), "-o",
                    out2.path.string(), "--font", "/nonexistent/Font.ttf"});
    CHECK(bad.status == 2);
    CHECK(bad.err.find("/nonexistent/Font.ttf") != std::string::npos);
    CHECK(fs::is_empty(out2.path));
}

TEST_CASE("find_articles: article files of a folder, without hidden ones, builds or the output",
          "[batch]") {
    TempDir dir;
    fs::create_directories(dir.path / "sub" / ".hidden");
    fs::create_directories(dir.path / "out");
    for (const char* f : {"a.txt", "b.md", "sub/c.xml", "sub/.d.txt", "sub/.hidden/e.txt",
                          "sub/CMakeLists.txt", "out/f.txt", "notes.pdf"})
        std::ofstream(dir.path / f) << "x";
    const auto found = quire::find_articles({dir.path}, dir.path / "out");
    std::vector<std::string> names;
    for (const auto& p : found) names.push_back(fs::relative(p, dir.path).string());
    CHECK(names == std::vector<std::string>{"a.txt", "b.md", "sub/c.xml"});
    // A file named on its own is taken whatever it is.
    CHECK(quire::find_articles({dir.path / "sub" / "CMakeLists.txt"}).size() == 1);
}

TEST_CASE("parse_article: the form given, or the one the name says", "[api][embedding]") {
    CHECK(quire::article_format("a.MD") == quire::ArticleFormat::markdown);
    CHECK(quire::article_format("dir.xml/a.markdown") == quire::ArticleFormat::markdown);
    CHECK(quire::article_format("a.xml") == quire::ArticleFormat::xml);
    CHECK(quire::article_format("a.txt") == quire::ArticleFormat::text);
    CHECK(quire::article_format("upload") == quire::ArticleFormat::text);
    // The same bytes read as Markdown and as plain text give different articles.
    const std::string md = "# A Heading Title\n\nBody with *emphasis*.\n";
    quire::Diagnostics diags;
    auto as_md = quire::parse_article(md, quire::ArticleFormat::markdown, "upload", diags);
    auto as_text = quire::parse_article(md, quire::ArticleFormat::text, "upload.md", diags);
    REQUIRE(as_md);
    REQUIRE(as_text);
    CHECK(as_md->title == "A Heading Title");
    CHECK(as_text->title != as_md->title);
}

TEST_CASE("write_pdf and write_epub to a path create its missing folders, as the CLI's -o does",
          "[api][embedding]") {
    TempDir dir;
    quire::Diagnostics diags;
    auto article = quire::read_article(kFixtures / "minimal.txt", diags);
    REQUIRE(article);
    auto doc = quire::typeset(*article, quire::Style::report(), diags);
    REQUIRE(doc);
    const auto pdf = dir.path / "out" / "deep" / "minimal.pdf";
    const auto epub = dir.path / "out2" / "minimal.epub";
    auto wrote_pdf = quire::write_pdf(*doc, pdf);
    INFO((wrote_pdf ? "" : wrote_pdf.error().format()));
    CHECK(wrote_pdf);
    CHECK(quire::test::pdf_pages(pdf) >= 1);
    auto wrote_epub = quire::write_epub(*article, quire::Style::report(), epub);
    CHECK(wrote_epub);
    CHECK(std::filesystem::file_size(epub) > 1000);

    // A folder that cannot be made (a file stands in its place): an error naming it, no output.
    { std::ofstream(dir.path / "blocked") << "a file"; }
    auto blocked = quire::write_epub(*article, quire::Style::report(),
                                     dir.path / "blocked" / "sub" / "x.epub");
    REQUIRE_FALSE(blocked);
    CHECK(blocked.error().where.file == (dir.path / "blocked" / "sub").string());
    CHECK(blocked.error().message.find("cannot create the output folder") != std::string::npos);
}

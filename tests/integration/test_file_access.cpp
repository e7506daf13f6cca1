// The file-access policy for images (import/image_access.cpp): an article reads images only
// from regular files inside its own folder (or a folder given with --allow-path), whatever
// absolute path, "../" or symbolic link it names; anything else is a warning naming the file,
// the line and the rule, its text alternative is shown, and the article is still made.
#include "support/paths.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

namespace fs = std::filesystem;
using quire::test::kBin;
using quire::test::kFixtures;
using quire::test::run;
using quire::test::TempDir;

TEST_CASE("file access: images outside the article's folder or not files are refused",
          "[security][images]") {
    TempDir root;
    const fs::path art = root.path / "article", outside = root.path / "elsewhere";
    fs::create_directories(art / "img");
    fs::create_directories(outside);
    fs::copy_file(kFixtures / "markdown" / "chart.png", art / "img" / "inside.png");
    fs::copy_file(kFixtures / "markdown" / "chart.png", outside / "outside.png");
    fs::create_symlink(outside / "outside.png", art / "link.png");
    fs::create_symlink(art / "img" / "inside.png", art / "good-link.png");
    REQUIRE(mkfifo((art / "fifo.png").c_str(), 0600) == 0);
    std::ofstream(art / "a.md") << "---\ntitle: Images\n---\n\n"          // lines 1-4
                                   "![Inside](img/inside.png)\n\n"        // 5
                                   "![Password file](/etc/passwd)\n\n"    // 7
                                   "![Up](../elsewhere/outside.png)\n\n"  // 9
                                   "![Absolute](" +
                                       (outside / "outside.png").string() +
                                       ")\n\n"                          // 11
                                       "![Link out](link.png)\n\n"      // 13
                                       "![Link in](good-link.png)\n\n"  // 15
                                       "![Device](/dev/zero)\n\n"       // 17
                                       "![Pipe](fifo.png)\n";           // 19
    TempDir out;
    // A FIFO that were opened would block for ever: the timeout catches a hang.
    auto r = run({"timeout", "60", kBin, "build", (art / "a.md").string(), "-o", out.path.string(),
                  "--format", "pdf"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(fs::exists(out.path / "images.pdf"));
    auto warned = [&](int line, const std::string& rule) {
        return r.err.find("a.md:" + std::to_string(line) + ": warning: the image '") !=
                   std::string::npos &&
               r.err.find(rule) != std::string::npos;
    };
    CHECK(warned(7, "is outside the article's folder"));
    CHECK(warned(9, "is outside the article's folder"));
    CHECK(warned(11, "is outside the article's folder"));
    CHECK(warned(13, "is outside the article's folder"));
    CHECK(warned(17, "is not a regular file"));
    CHECK(warned(19, "is not a regular file"));
    CHECK(r.err.find("a.md:5: warning") == std::string::npos);
    CHECK(r.err.find("a.md:15: warning") == std::string::npos);
    // The refused images show their text alternatives; the two inside are drawn.
    const std::string text = quire::test::pdftotext(out.path / "images.pdf");
    CHECK(text.find("[Password file]") != std::string::npos);
    CHECK(text.find("[Link out]") != std::string::npos);
    auto images = run({"pdfimages", "-list", (out.path / "images.pdf").string()});
    std::size_t drawn = 0;  // pdfimages' rows after its two header lines
    std::istringstream rows(images.out);
    for (std::string row; std::getline(rows, row);) drawn += !row.empty();
    CHECK(drawn == 2 + 2);

    // --allow-path widens the policy to a folder the caller names.
    TempDir out2;
    auto allowed = run({"timeout", "60", kBin, "build", (art / "a.md").string(), "-o",
                        out2.path.string(), "--format", "pdf", "--allow-path", outside.string()});
    INFO(allowed.err);
    REQUIRE(allowed.status == 0);
    CHECK(allowed.err.find("a.md:9: warning") == std::string::npos);
    CHECK(allowed.err.find("a.md:13: warning") == std::string::npos);
    CHECK(allowed.err.find("a.md:7: warning") != std::string::npos);  // /etc still refused
}

TEST_CASE("file access: an XML article's figures and photo follow the same policy",
          "[security][images]") {
    TempDir root;
    fs::create_directories(root.path / "a");
    std::ofstream(root.path / "a" / "x.xml")
        << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<article xmlns=\"urn:x-quire:article:1\" xml:lang=\"en\">\n"
           "<meta><title>X</title></meta>\n<body>\n"
           "<figure src=\"/etc/passwd\" alt=\"Secrets\">Caption</figure>\n"
           "</body>\n"
           "<bio><name>A. Author</name><photo src=\"../../etc/hostname\"/><p>Bio.</p></bio>\n"
           "</article>\n";
    TempDir out;
    auto r = run({kBin, "build", (root.path / "a" / "x.xml").string(), "-o", out.path.string(),
                  "--format", "pdf"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.err.find("x.xml:5: warning: the image '/etc/passwd' is outside the article's folder") !=
          std::string::npos);
    CHECK(r.err.find("x.xml:7: warning: the image '../../etc/hostname'") != std::string::npos);
}

TEST_CASE("an invalid --lang or --bio-lang is a usage error", "[cli][lang]") {
    TempDir out;
    for (const char* opt : {"--lang", "--bio-lang"}) {
        auto r = run({kBin, "build", quire::test::kSeed.string(), "-o", out.path.string(), opt,
                      "zz-INVALID-TAG-!!"});
        CHECK(r.status == 2);
        CHECK(r.err.find("'zz-INVALID-TAG-!!' is not a BCP 47 language tag") != std::string::npos);
    }
    CHECK(fs::is_empty(out.path));
}

TEST_CASE("file access: a collection manifest lists only articles inside its folder",
          "[security][anthology]") {
    TempDir root;
    const fs::path book = root.path / "book", outside = root.path / "elsewhere";
    fs::create_directories(book / "part");
    fs::create_directories(outside);
    const std::string text = "An article\n\nIts body.\n";
    std::ofstream(book / "part" / "in.txt") << text;
    std::ofstream(outside / "out.txt") << text;
    fs::create_symlink(outside / "out.txt", book / "link.txt");
    REQUIRE(mkfifo((book / "fifo.txt").c_str(), 0600) == 0);
    auto manifest = [&](const std::string& article) {
        std::ofstream(book / "book.yaml")
            << "title: A book\narticles:\n  - part/in.txt\n  - " << article << "\n";
        TempDir out;
        return run({"timeout", "60", kBin, "anthology", "--collection",
                    (book / "book.yaml").string(), "-o", out.path.string(), "--format", "pdf"});
    };
    for (const std::string& bad : {std::string("../elsewhere/out.txt"), std::string("link.txt"),
                                   (outside / "out.txt").string()}) {
        auto r = manifest(bad);
        INFO(bad << ": " << r.err);
        CHECK(r.status == 2);  // a bad manifest is a configuration error
        CHECK(r.err.find("book.yaml:4: error: the article ") != std::string::npos);
        CHECK(r.err.find("is outside the manifest's folder") != std::string::npos);
    }
    auto fifo = manifest("fifo.txt");
    INFO(fifo.err);
    CHECK(fifo.status == 2);
    CHECK(fifo.err.find("book.yaml:4: error: ") != std::string::npos);
    CHECK(fifo.err.find("is not a regular file") != std::string::npos);
    auto dev = manifest("/dev/zero");
    CHECK(dev.err.find("is not a regular file") != std::string::npos);

    // --allow-path lets the outside folder in.
    std::ofstream(book / "book.yaml") << "title: A book\narticles:\n  - part/in.txt\n  - "
                                         "../elsewhere/out.txt\n";
    TempDir out;
    auto ok =
        run({"timeout", "60", kBin, "anthology", "--collection", (book / "book.yaml").string(),
             "-o", out.path.string(), "--format", "pdf", "--allow-path", outside.string()});
    INFO(ok.err);
    CHECK(ok.status == 0);
    CHECK(fs::exists(out.path / "anthology.pdf"));
}

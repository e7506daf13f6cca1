// Resource limits (quire/limits.hpp, --limit NAME=VALUE) and the image check (base/image_check):
// an input from a stranger cannot make quire run out of time or memory, and a damaged or
// oversized image is a warning with its text alternative, never a failed or broken PDF.
#include "support/paths.hpp"
#include "support/process.hpp"

#include <quire/limits.hpp>
#include <quire/quire.hpp>
#include <quire/style_file.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>

#include <sys/stat.h>

namespace fs = std::filesystem;
using quire::test::kBin;
using quire::test::kFixtures;
using quire::test::run;
using quire::test::TempDir;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void spit(const fs::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary) << bytes;
}

/// A plain-text article of `paragraphs` paragraphs and `notes` notes, one reference each.
std::string article(int paragraphs, int notes) {
    std::string s = "Limits of an article\n\n";
    for (int i = 0; i < paragraphs; ++i) {
        s += "Paragraph " + std::to_string(i + 1) +
             " says what the article is about, at some length, so that the pages fill up "
             "with text of a reasonable measure and the line breaker has work to do";
        if (i < notes) s += " [" + std::to_string(i + 1) + "]";
        s += ".\n\n";
    }
    if (notes > 0) {
        s += "Notes\n\n";
        for (int i = 0; i < notes; ++i) s += "[" + std::to_string(i + 1) + "] A note.\n\n";
    }
    return s;
}

}  // namespace

TEST_CASE("limits: damaged, truncated and oversized images are warnings with their alt text",
          "[security][images][limits]") {
    TempDir root;
    const fs::path art = root.path / "article";
    fs::create_directories(art);
    const std::string png = slurp(kFixtures / "markdown" / "chart.png");
    const std::string jpg = slurp(kFixtures / "markdown" / "page.jpg");
    REQUIRE(png.size() > 200);
    REQUIRE(jpg.size() > 2000);
    fs::copy_file(kFixtures / "markdown" / "chart.png", art / "good.png");
    fs::copy_file(kFixtures / "markdown" / "page.jpg", art / "good.jpg");
    fs::copy_file(kFixtures / "images" / "bomb-20000x20000.png", art / "bomb.png");
    spit(art / "cut.png", png.substr(0, png.size() / 2));
    std::string bent = png;  // the compressed data overwritten, the chunk lengths kept
    for (std::size_t i = 60; i < 120 && i < bent.size(); ++i) bent[i] = static_cast<char>(0x5a);
    spit(art / "bent.png", bent);
    spit(art / "cut.jpg", jpg.substr(0, jpg.size() / 2));
    spit(art / "empty.png", "");
    spit(art / "text.png", "this is not an image\n");
    std::ofstream(art / "a.md") << "---\ntitle: Broken images\n---\n\n"  // lines 1-4
                                   "![Good PNG](good.png)\n\n"           // 5
                                   "![Good JPEG](good.jpg)\n\n"          // 7
                                   "![A bomb](bomb.png)\n\n"             // 9
                                   "![Cut PNG](cut.png)\n\n"             // 11
                                   "![Bent PNG](bent.png)\n\n"           // 13
                                   "![Cut JPEG](cut.jpg)\n\n"            // 15
                                   "![Empty](empty.png)\n\n"             // 17
                                   "![Text](text.png)\n";                // 19
    TempDir out;
    auto r = run({"timeout", "120", kBin, "build", (art / "a.md").string(), "-o", out.path.string(),
                  "--format", "pdf"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const fs::path pdf = out.path / "broken-images.pdf";
    REQUIRE(fs::exists(pdf));
    auto warned = [&](int line, const std::string& what) {
        const std::string at = "a.md:" + std::to_string(line) + ": warning: the image '";
        const auto p = r.err.find(at);
        return p != std::string::npos &&
               r.err.find(what, p) < r.err.find('\n', p);  // on the same line
    };
    CHECK(warned(9, "has 400000000 pixels (20000 x 20000), more than 50000000"));
    CHECK(warned(9, "--limit image-pixels=N"));
    CHECK(warned(11, "is damaged (PNG"));
    CHECK(warned(13, "is damaged (PNG"));
    CHECK(warned(15, "is damaged (JPEG"));
    CHECK(warned(17, "is neither PNG nor JPEG"));
    CHECK(warned(19, "is neither PNG nor JPEG"));
    CHECK(r.err.find("a.md:5: warning") == std::string::npos);
    CHECK(r.err.find("a.md:7: warning") == std::string::npos);

    const std::string text = quire::test::pdftotext(pdf);
    for (const char* alt : {"[A bomb]", "[Cut PNG]", "[Bent PNG]", "[Cut JPEG]", "[Empty]"})
        CHECK(text.find(alt) != std::string::npos);
    CHECK(text.find("[Good PNG]") == std::string::npos);
    auto check = run({"qpdf", "--check", pdf.string()});
    INFO(check.out);
    CHECK(check.status == 0);
    // The two good images, and nothing else, are drawn.
    auto images = run({"pdfimages", "-list", pdf.string()});
    std::size_t rows = 0;
    std::istringstream lines(images.out);
    for (std::string row; std::getline(lines, row);) rows += !row.empty();
    CHECK(rows == 2 + 2);  // two header lines

    // A lower image-pixels limit refuses the good image too (its header says 400 x 300 or so).
    TempDir out2;
    auto low = run({"timeout", "120", kBin, "build", (art / "a.md").string(), "-o",
                    out2.path.string(), "--format", "pdf", "--limit", "image-pixels=10"});
    INFO(low.err);
    REQUIRE(low.status == 0);
    CHECK(low.err.find("a.md:5: warning: the image 'good.png' has ") != std::string::npos);
}

TEST_CASE("limits: --limit names the limit an article exceeds, and leaves no output",
          "[security][limits][cli]") {
    TempDir in, out;
    const fs::path a = in.path / "a.txt";
    spit(a, article(400, 12));
    auto build = [&](const std::string& limit) {
        return run({"timeout", "120", kBin, "build", a.string(), "-o", out.path.string(), "--force",
                    "--limit", limit});
    };
    auto no_outputs = [&] {
        return !fs::exists(out.path / "limits-of-an-article.pdf") &&
               !fs::exists(out.path / "limits-of-an-article.epub");
    };

    SECTION("time") {
        auto r = build("time=0.000001");
        INFO(r.err);
        CHECK(r.status == 1);
        CHECK(r.err.find("a.txt: error: the article takes longer than 1e-06 s to make (the limit "
                         "time is 1e-06; raise it with --limit time=N)") != std::string::npos);
        CHECK(no_outputs());
    }
    SECTION("pages") {
        auto r = build("pages=3");
        INFO(r.err);
        CHECK(r.status == 1);
        CHECK(r.err.find("error: the article runs to more than 3 pages (the limit pages is 3") !=
              std::string::npos);
        CHECK(no_outputs());
    }
    SECTION("notes: the first note past the limit is named by its line") {
        auto r = build("notes=10");
        INFO(r.err);
        CHECK(r.status == 1);
        // 400 paragraphs, the title, the "Notes" heading, then note 11 on line 1+2*402+2*10.
        CHECK(r.err.find("a.txt:825: error: the article has 12 notes, more than 10 (the limit "
                         "notes is 10") != std::string::npos);
        CHECK(no_outputs());
    }
    SECTION("input-size") {
        auto r = build("input-size=4K");
        INFO(r.err);
        CHECK(r.status == 1);
        CHECK(r.err.find("more than 4K bytes; the limit input-size is 4K") != std::string::npos);
        CHECK(no_outputs());
    }
    SECTION("within the limits the article is made") {
        auto r = run({"timeout", "120", kBin, "build", a.string(), "-o", out.path.string(),
                      "--limit", "time=600", "--limit", "pages=1000", "--limit", "notes=12",
                      "--limit", "input-size=1M"});
        INFO(r.err);
        CHECK(r.status == 0);
        CHECK(fs::exists(out.path / "limits-of-an-article.pdf"));
    }
    SECTION("a bad name or value is a usage error") {
        for (const char* bad : {"foo=1", "notes", "notes=", "notes=-1", "notes=0", "pages=1x",
                                "time=abc", "time=-1", "input-size=1T", "nesting=65"}) {
            auto r = build(bad);
            INFO(bad << ": " << r.err);
            CHECK(r.status == 2);
            CHECK(r.err.find("--limit") != std::string::npos);
        }
        CHECK(build("foo=1").err.find("the limits are input-size nesting notes pages "
                                      "image-pixels time") != std::string::npos);
        CHECK(build("note=1").err.find("did you mean notes?") != std::string::npos);
    }
}

TEST_CASE("limits: the nesting limit is an error naming the line", "[security][limits]") {
    TempDir in, out;
    std::string md = "---\ntitle: Deep\n---\n\n";
    for (int i = 1; i <= 6; ++i) md += std::string(static_cast<std::size_t>(i), '>') + " q\n";
    spit(in.path / "deep.md", md);
    auto ok = run({kBin, "build", (in.path / "deep.md").string(), "-o", out.path.string(),
                   "--format", "pdf", "--limit", "nesting=6"});
    INFO(ok.err);
    CHECK(ok.status == 0);
    auto r = run({kBin, "build", (in.path / "deep.md").string(), "-o", out.path.string(),
                  "--format", "pdf", "--force", "--limit", "nesting=5"});
    INFO(r.err);
    CHECK(r.status == 1);
    CHECK(r.err.find("deep.md:") != std::string::npos);
    CHECK(r.err.find("nesting") != std::string::npos);
}

TEST_CASE("limits: the library's Limits bound parse_article and typeset", "[security][limits]") {
    quire::Limits limits;
    CHECK(quire::set_limit(limits, "input-size", "64M"));
    CHECK(limits.input_bytes == 64u << 20);
    CHECK(quire::set_limit(limits, "time", "2.5"));
    CHECK(limits.seconds == 2.5);
    CHECK(!quire::set_limit(limits, "input-size", "300M"));  // past kMaxInputSize
    CHECK(quire::limit_infos().size() == 6);

    quire::ReadOptions ro;
    ro.limits.notes = 3;
    quire::Diagnostics diags;
    const std::string text = article(5, 4);
    CHECK(!quire::parse_article(text, "x.txt", diags, ro));
    ro.limits.notes = 4;
    auto a = quire::parse_article(text, "x.txt", diags, ro);
    REQUIRE(a);
    quire::Limits pages;
    pages.pages = 1;
    auto doc = quire::typeset(*quire::parse_article(article(200, 0), "y.txt", diags, {}),
                              quire::Style::report(), diags, nullptr, pages);
    REQUIRE(!doc);
    CHECK(doc.error().message.find("the limit pages is 1") != std::string::npos);
}

TEST_CASE("limits: YAML aliases cannot repeat more text than the file holds",
          "[security][limits][yaml]") {
    TempDir in, out;
    // 2,000 aliases of a 1,000-character keyword: 2 MB of keywords from a 12 KB front matter.
    std::string md = "---\ntitle: Aliases\nkeywords: [&k " + std::string(1000, 'x');
    for (int i = 0; i < 2000; ++i) md += ", *k";
    md += "]\n---\n\nBody.\n";
    spit(in.path / "a.md", md);
    auto r =
        run({"timeout", "60", kBin, "build", (in.path / "a.md").string(), "-o", out.path.string()});
    INFO(r.err);
    CHECK(r.status == 1);
    CHECK(r.err.find("a.md:2: error: front matter: YAML aliases ('*name') repeat more text") !=
          std::string::npos);
    CHECK(!fs::exists(out.path / "aliases.pdf"));

    // Nested aliases (a "billion laughs"): refused at once, not after gigabytes.
    std::string laughs = "---\ntitle: Laughs\nkeywords: &a0 [lol, lol, lol, lol, lol]\n";
    for (int i = 1; i < 12; ++i) {
        laughs += "subtitle" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
        for (int j = 0; j < 9; ++j) laughs += (j ? ", *a" : "*a") + std::to_string(i - 1);
        laughs += "]\n";
    }
    laughs += "---\n\nBody.\n";
    spit(in.path / "b.md", laughs);
    auto b =
        run({"timeout", "60", kBin, "build", (in.path / "b.md").string(), "-o", out.path.string()});
    INFO(b.err);
    CHECK(b.status == 1);
    CHECK(b.err.find("repeat more text than the file holds") != std::string::npos);

    // An alias or two that repeat a short value are fine.
    spit(in.path / "c.md", "---\ntitle: &t Fine\nsubtitle: *t\n---\n\nBody.\n");
    auto c = run({"timeout", "60", kBin, "build", (in.path / "c.md").string(), "-o",
                  out.path.string(), "--format", "pdf"});
    INFO(c.err);
    CHECK(c.status == 0);

    // A collection manifest: 1,000 editors from one alias of a 3,000-character name.
    std::string manifest = "title: Book\neditors: [&e " + std::string(3000, 'e');
    for (int i = 0; i < 1000; ++i) manifest += ", *e";
    manifest += "]\narticles:\n  - c.md\n";
    spit(in.path / "book.yaml", manifest);
    auto m = run({"timeout", "60", kBin, "anthology", "--collection",
                  (in.path / "book.yaml").string(), "-o", out.path.string()});
    INFO(m.err);
    CHECK(m.status != 0);
    CHECK(m.err.find("book.yaml") != std::string::npos);
    CHECK(m.err.find("repeat more text than the file holds") != std::string::npos);

    // A style file.
    std::string style = "name: &n " + std::string(3000, 'n') + "\nbody:\n  chain: [";
    for (int i = 0; i < 100; ++i) style += (i ? ", *n" : "*n");
    style += "]\n";
    spit(in.path / "s.yaml", style);
    auto s = quire::load_style(in.path / "s.yaml");
    REQUIRE(!s);
    CHECK(s.error().message.find("repeat more text than the file holds") != std::string::npos);
}

TEST_CASE("limits: a style that is a FIFO or a device is refused, not read for ever",
          "[security][limits][style]") {
    TempDir in;
    REQUIRE(mkfifo((in.path / "fifo.yaml").c_str(), 0600) == 0);
    std::ofstream(in.path / "zero.yaml") << "extends: /dev/zero\n";
    std::ofstream(in.path / "pipe.yaml") << "extends: fifo.yaml\n";
    for (const char* f : {"zero.yaml", "pipe.yaml", "fifo.yaml"}) {
        // /dev allowed, so that the file's kind is what refuses it (not its folder).
        auto r = run({"timeout", "60", kBin, "build", "--style", (in.path / f).string(), "x.txt",
                      "-o", (in.path / "out").string(), "--allow-path", "/dev"});
        INFO(f << ": " << r.err);
        CHECK(r.status == 2);
        CHECK(r.err.find("not a regular file") != std::string::npos);
    }
}

TEST_CASE("limits: an article past a limit fails alone; the batch makes the others",
          "[security][limits][batch]") {
    TempDir in, out;
    spit(in.path / "a-small.txt", article(3, 2));
    std::string big = article(3, 40);
    big.replace(0, big.find('\n'), "A second article");  // its own title and slug
    spit(in.path / "b-big.txt", big);
    const fs::path report = out.path / "report.json";
    auto r = run({"timeout", "120", kBin, "build", in.path.string(), "-o", out.path.string(),
                  "--limit", "notes=10", "--report", report.string(), "-j", "2"});
    INFO(r.err);
    CHECK(r.status == 1);
    CHECK(fs::exists(out.path / "limits-of-an-article.pdf"));
    CHECK(fs::exists(out.path / "limits-of-an-article.epub"));
    CHECK(!fs::exists(out.path / "a-second-article.pdf"));
    CHECK(!fs::exists(out.path / "a-second-article.epub"));
    CHECK(r.err.find("b-big.txt:") != std::string::npos);
    CHECK(r.err.find("the limit notes is 10") != std::string::npos);
    const std::string json = slurp(report);
    CHECK(std::regex_search(json, std::regex(R"("failed"\s*:\s*1\b)")));
    CHECK(json.find("the limit notes is 10") != std::string::npos);
}

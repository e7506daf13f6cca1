// Integration tests of anthologies (`quire anthology`, `quire build --anthology`,
// `--collection`): the contents' page numbers against the pages where the articles start, read
// back from the PDF; pdfcheck.py on each article's pages cut out of the book; the bookmarks;
// the EPUB's navigation and epubcheck; an unreadable article, reruns, and bad manifests.
#include "support/epub.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"
#include "support/shared.hpp"

#include <quire/collection.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using quire::test::kBin;
using quire::test::kFixtures;
using quire::test::pdftotext;
using quire::test::read_file;
using quire::test::run;
using quire::test::TempDir;

namespace {

const fs::path kManifest = kFixtures / "anthology.yaml";

/// The manifest's articles, in order (read with the library, which the CLI uses too).
std::vector<fs::path> manifest_articles() {
    auto c = quire::read_collection(kManifest, {quire::test::kExamples});
    REQUIRE(c);
    return c->articles;
}

/// The first line of an article file: its title.
std::string title_of(const fs::path& article) {
    std::ifstream in(article);
    std::string line;
    std::getline(in, line);
    return line;
}

/// Whitespace runs as one space, trimmed.
std::string squeeze(const std::string& s) {
    return std::regex_replace(std::regex_replace(s, std::regex(R"(\s+)"), " "),
                              std::regex(R"(^ | $)"), "");
}

std::vector<std::string> nonempty_lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        if (!squeeze(l).empty()) out.push_back(squeeze(l));
    return out;
}

/// The book of the fixture manifest, made once for the tests that only read it.
struct Book {
    TempDir dir;
    fs::path pdf, epub;
    int pages = 0;
    Book() {
        auto r = run({kBin, "anthology", "--collection", kManifest.string(), "--allow-path",
                      quire::test::kExamples.string(), "-o", (dir.path / "out").string()});
        INFO(r.err);
        REQUIRE(r.status == 0);
        pdf = dir.path / "out" / "asia-europe-2026-11.pdf";
        epub = dir.path / "out" / "asia-europe-2026-11.epub";
        REQUIRE(fs::exists(pdf));
        REQUIRE(fs::exists(epub));
        pages = quire::test::pdf_pages(pdf);
    }
};

Book& book() {
    static Book b;
    return b;
}

/// The page numbers the contents give, in order: from the pages after the title page's verso
/// up to the first page without dot leaders.
std::vector<int> contents_numbers(const fs::path& pdf, int pages) {
    std::vector<int> numbers;
    const std::regex entry(R"((?:\.\s*){3,}(\d+)\s*$)");
    for (int p = 3; p <= pages; ++p) {
        const auto r = run({"pdftotext", "-layout", "-enc", "UTF-8", "-f", std::to_string(p), "-l",
                            std::to_string(p), pdf.string(), "-"});
        std::size_t found = 0;
        for (const auto& line : nonempty_lines(r.out)) {
            std::smatch m;
            if (std::regex_search(line, m, entry)) {
                numbers.push_back(std::stoi(m[1]));
                ++found;
            }
        }
        if (found == 0) break;
    }
    return numbers;
}

}  // namespace

TEST_CASE("anthology: the contents' page numbers are where the articles start",
          "[anthology][pdf]") {
    const Book& b = book();
    const auto articles = manifest_articles();
    REQUIRE(articles.size() == 10);
    const auto numbers = contents_numbers(b.pdf, b.pages);
    REQUIRE(numbers.size() == articles.size());

    // Page 1 is the title page, page 2 its blank verso.
    const auto first = nonempty_lines(pdftotext(b.pdf, 1, 1));
    REQUIRE(!first.empty());
    CHECK(squeeze(first.front() + " " + (first.size() > 1 ? first[1] : "")) ==
          "Asia and Europe in Policy Papers");
    CHECK(pdftotext(b.pdf, 1, 1).find("Edited by Ayşe Yılmaz, John Smith") != std::string::npos);
    CHECK(nonempty_lines(pdftotext(b.pdf, 2, 2)).empty());
    CHECK(nonempty_lines(pdftotext(b.pdf, 3, 3)).front() == "Contents");

    for (std::size_t i = 0; i < articles.size(); ++i) {
        const int n = numbers[i];
        INFO("article " << i + 1 << " (" << articles[i] << ") listed on page " << n);
        REQUIRE(n >= 1);
        REQUIRE(n <= b.pages);
        CHECK(n % 2 == 1);  // a right-hand page
        if (i > 0) CHECK(n > numbers[i - 1]);
        const auto lines = nonempty_lines(pdftotext(b.pdf, n, n));
        REQUIRE(!lines.empty());
        // The page opens with the title (its first line, if it wraps) and its folio is n.
        const std::string title = squeeze(title_of(articles[i]));
        CHECK(title.rfind(lines.front().substr(0, std::min<std::size_t>(lines.front().size(), 40)),
                          0) == 0);
        CHECK(lines.back() == std::to_string(n));
        // The page before is the last of the article before, or a blank verso; never the
        // start of this one.
        if (n > 1) {
            const auto before = nonempty_lines(pdftotext(b.pdf, n - 1, n - 1));
            if (!before.empty()) CHECK(before.back() == std::to_string(n - 1));
        }
    }
}

TEST_CASE("anthology: pdfcheck holds for each article's pages cut out of the book",
          "[anthology][pdf][pdfcheck]") {
    if (!quire::test::have_program("qpdf") || !quire::test::have_program("python3")) return;
    const Book& b = book();
    const auto articles = manifest_articles();
    const auto numbers = contents_numbers(b.pdf, b.pages);
    REQUIRE(numbers.size() == articles.size());
    const auto tool = quire::test::shared_tool("pdfcheck.py");
    if (!tool) return;
    TempDir tmp;
    for (std::size_t i = 0; i < articles.size(); ++i) {
        const int from = numbers[i];
        int to = i + 1 < numbers.size() ? numbers[i + 1] - 1 : b.pages;
        // A blank verso before the next article is not the article's.
        if (to > from && nonempty_lines(pdftotext(b.pdf, to, to)).empty()) --to;
        const fs::path part = tmp.path / ("part-" + std::to_string(i + 1) + ".pdf");
        auto cut = run({"qpdf", "--empty", "--pages", b.pdf.string(),
                        std::to_string(from) + "-" + std::to_string(to), "--", part.string()});
        REQUIRE(cut.status == 0);
        auto r = run({"python3", tool->string(), articles[i].string(), part.string()});
        INFO(articles[i] << " pages " << from << "-" << to << ": " << r.out << r.err);
        CHECK(r.status == 0);
    }
}

TEST_CASE("anthology: one bookmark per article, its notes numbered from 1 below it",
          "[anthology][pdf]") {
    if (!quire::test::have_program("qpdf")) return;
    const Book& b = book();
    // The outline as "depth page title" lines, read from qpdf's JSON by Python.
    const auto r = run({"python3", "-c",
                        "import json,subprocess,sys\n"
                        "d=json.loads(subprocess.run(['qpdf','--json','--json-key=outlines',"
                        "sys.argv[1]],capture_output=True).stdout)\n"
                        "def walk(items,depth):\n"
                        "  for it in items:\n"
                        "    print(depth,it.get('destpageposfrom1'),it['title'])\n"
                        "    walk(it['kids'],depth+1)\n"
                        "walk(d['outlines'],0)\n",
                        b.pdf.string()});
    REQUIRE(r.status == 0);
    const auto articles = manifest_articles();
    const auto numbers = contents_numbers(b.pdf, b.pages);
    std::vector<std::pair<int, std::string>> items;  // (depth, title), in order
    std::vector<int> item_pages;
    for (const auto& line : nonempty_lines(r.out)) {
        std::istringstream in(line);
        int depth = 0, page = 0;
        in >> depth >> page;
        std::string title;
        std::getline(in, title);
        items.emplace_back(depth, squeeze(title));
        item_pages.push_back(page);
    }
    std::vector<std::size_t> top;
    for (std::size_t k = 0; k < items.size(); ++k)
        if (items[k].first == 0) top.push_back(k);
    REQUIRE(top.size() == articles.size() + 1);
    CHECK(items[top[0]].second == "Contents");
    CHECK(item_pages[top[0]] == 3);
    for (std::size_t i = 0; i < articles.size(); ++i) {
        INFO(articles[i]);
        CHECK(item_pages[top[i + 1]] == numbers[i]);
        // Below it: the notes heading, whose entries start "1. ", "2. "...
        const std::size_t end = i + 2 < top.size() ? top[i + 2] : items.size();
        int expect = 1;
        for (std::size_t k = top[i + 1] + 1; k < end; ++k)
            if (items[k].first == 2) {
                CHECK(items[k].second.rfind(std::to_string(expect) + ". ", 0) == 0);
                ++expect;
            }
        CHECK(expect > 1);  // every article of the fixture has notes
    }
}

TEST_CASE("anthology: the EPUB has a title page and one nav entry per article",
          "[anthology][epub]") {
    const Book& b = book();
    const auto articles = manifest_articles();
    const std::string nav = quire::test::zip_entry(b.epub, "EPUB/nav.xhtml");
    const std::string opf = quire::test::zip_entry(b.epub, "EPUB/package.opf");
    CHECK(opf.find("<dc:title id=\"title\">Asia and Europe in Policy Papers</dc:title>") !=
          std::string::npos);
    CHECK(opf.find(">edt<") != std::string::npos);
    CHECK(opf.find("<itemref idref=\"titlepage\"/>") != std::string::npos);
    for (std::size_t i = 0; i < articles.size(); ++i) {
        const std::string file = "article-" + std::to_string(i + 1) + ".xhtml";
        INFO(file);
        CHECK(nav.find("href=\"" + file + "#title\"") != std::string::npos);
        const std::string doc = quire::test::zip_entry(b.epub, "EPUB/" + file);
        CHECK(doc.find(title_of(articles[i]).substr(0, 20)) != std::string::npos);
        CHECK(opf.find("<itemref idref=\"article-" + std::to_string(i + 1) + "\"/>") !=
              std::string::npos);
    }
    CHECK(nav.find("article-" + std::to_string(articles.size() + 1)) == std::string::npos);
    const std::string title = quire::test::zip_entry(b.epub, "EPUB/title.xhtml");
    CHECK(title.find("Edited by Ayşe Yılmaz, John Smith") != std::string::npos);
}

TEST_CASE("epubcheck: the anthology is clean", "[anthology][epub][epubcheck]") {
    if (!quire::test::have_epubcheck()) return;
    const auto c = quire::test::epubcheck(book().epub);
    INFO(c.report);
    CHECK(c.clean());
}

TEST_CASE("anthology: rerun skips, a changed article rebuilds, an unreadable one stops it",
          "[anthology][cli]") {
    TempDir d;
    const fs::path in = d.path / "in";
    fs::create_directories(in);
    fs::copy_file(quire::test::kSeed, in / "a-seed.txt");
    fs::copy_file(kFixtures / "turkish.txt", in / "b-turkish.txt");
    const fs::path out = d.path / "out";
    const fs::path report = d.path / "report.json";
    auto r = run({kBin, "build", in.string(), "-o", out.string(), "--anthology", "--title",
                  "Two Papers", "--editor", "A. Editor", "--report", report.string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    // The report holds the anthology too; Python checks that it is JSON.
    const std::string json = read_file(report);
    CHECK(json.find("\"anthology\": {\"status\": \"converted\"") != std::string::npos);
    CHECK(json.find("\"first_page\": 5") != std::string::npos);
    if (quire::test::have_program("python3"))
        CHECK(
            run({"python3", "-c", "import json,sys; json.load(open(sys.argv[1]))", report.string()})
                .status == 0);
    CHECK(fs::exists(out / "anthology.pdf"));
    CHECK(fs::exists(out / "anthology.epub"));
    CHECK(r.err.find("anthology: ") != std::string::npos);
    CHECK(pdftotext(out / "anthology.pdf", 1, 1).find("Two Papers") != std::string::npos);

    r = run({kBin, "anthology", in.string(), "-o", out.string(), "--title", "Two Papers",
             "--editor", "A. Editor"});
    CHECK(r.status == 0);
    CHECK(r.err.find("anthology (up to date)") != std::string::npos);
    // The book's record is a line of the articles' journal (no stamp file of its own), and a
    // batch of its articles does not undo it: the book is still up to date after one.
    const std::string journal = read_file(out / ".quire" / "records");
    CHECK(journal.find(" anthology @book -\n") != std::string::npos);
    CHECK_FALSE(fs::exists(out / ".quire" / "anthology.collection.sha256"));
    REQUIRE(run({kBin, "build", in.string(), "-o", out.string()}).status == 0);
    r = run({kBin, "anthology", in.string(), "-o", out.string(), "--title", "Two Papers",
             "--editor", "A. Editor"});
    CHECK(r.err.find("anthology (up to date)") != std::string::npos);

    {
        std::ofstream f(in / "b-turkish.txt", std::ios::app);
        f << "\n";
    }
    r = run({kBin, "anthology", in.string(), "-o", out.string(), "--title", "Two Papers",
             "--editor", "A. Editor"});
    CHECK(r.status == 0);
    CHECK(r.err.find("up to date") == std::string::npos);

    // An unreadable article: the others are converted, the anthology is not made (nor left
    // half-written), the error names the file, the exit status is 1.
    fs::copy_file(kFixtures / "invalid-utf8.txt", in / "c-bad.txt");
    fs::remove(out / "anthology.pdf");
    r = run(
        {kBin, "build", in.string(), "-o", out.string(), "--anthology", "--title", "Two Papers"});
    CHECK(r.status == 1);
    CHECK(r.err.find("c-bad.txt:3") != std::string::npos);
    CHECK(r.err.find("anthology not made") != std::string::npos);
    CHECK_FALSE(fs::exists(out / "anthology.pdf"));
    for (const auto& e : fs::directory_iterator(out))
        CHECK(e.path().filename().string().find(".anthology.pdf.") == std::string::npos);
}

TEST_CASE("anthology: bad usage and bad manifests are named", "[anthology][cli]") {
    TempDir d;
    auto r = run({kBin, "build", quire::test::kSeed.string(), "-o", (d.path / "o").string(),
                  "--anthology", "--shard", "1/2"});
    CHECK(r.status == 2);
    CHECK(r.err.find("quire anthology") != std::string::npos);
    r = run({kBin, "build", quire::test::kSeed.string(), "-o", (d.path / "o").string(), "--title",
             "X"});
    CHECK(r.status == 2);

    auto manifest = [&](const std::string& text) {
        const fs::path m = d.path / "m.yaml";
        std::ofstream(m) << text;
        return run({kBin, "anthology", "--collection", m.string(), "-o", (d.path / "o").string()});
    };
    fs::copy_file(quire::test::kSeed, d.path / "seed.txt");  // inside the manifest's folder
    const std::string seed = "seed.txt";
    r = manifest("title: T\neditr: Somebody\narticles: [" + seed + "]\n");
    CHECK(r.status == 2);
    CHECK(r.err.find("m.yaml:2: error: unknown key 'editr' (did you mean 'editor'?)") !=
          std::string::npos);
    r = manifest("title: T\narticles:\n  - " + seed + "\n  - nowhere.txt\n");
    CHECK(r.status == 2);
    CHECK(r.err.find("m.yaml:4: error: article file not found") != std::string::npos);
    r = manifest("articles: [" + seed + "]\n");
    CHECK(r.err.find("has no 'title'") != std::string::npos);
    r = manifest("title: [a, b]\narticles: [" + seed + "]\n");
    CHECK(r.err.find("m.yaml:1: error: 'title' must be a single value") != std::string::npos);
    r = manifest("title: T\narticles: [" + seed + "\n");
    CHECK(r.status == 2);
    CHECK(r.err.find("m.yaml:") != std::string::npos);
    CHECK(r.err.find("YAML") != std::string::npos);
    CHECK_FALSE(fs::exists(d.path / "o" / "anthology.pdf"));
}

namespace {

/// Writes `title` followed by the body of the minimal fixture (a one-page article) to `path`.
void titled_article(const fs::path& path, const std::string& title) {
    const std::string body = read_file(kFixtures / "minimal.txt");
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << title << body.substr(body.find('\n'));
}

}  // namespace

TEST_CASE("anthology: an article whose slug is the book's name is numbered, never overwritten",
          "[anthology][cli]") {
    TempDir d;
    const fs::path in = d.path / "in";
    titled_article(in / "a.txt", "Anthology");      // the default book's name
    titled_article(in / "b.txt", "Spring Papers");  // the manifest's book name below
    const fs::path out = d.path / "out";
    const auto is_book = [](const fs::path& pdf) {
        return pdftotext(pdf, 1, 1).find("The Book") != std::string::npos;
    };
    const auto is_article = [](const fs::path& pdf, const std::string& title) {
        return pdftotext(pdf, 1, 1).find(title) != std::string::npos &&
               pdftotext(pdf, 1, 1).find("The Book") == std::string::npos;
    };
    for (int pass = 0; pass < 2; ++pass) {  // the rerun finds both up to date, both intact
        INFO("pass " << pass);
        auto r = run({kBin, "build", in.string(), "-o", out.string(), "--format", "pdf",
                      "--anthology", "--title", "The Book"});
        INFO(r.out << r.err);
        REQUIRE(r.status == 0);
        CHECK(is_book(out / "anthology.pdf"));
        CHECK(is_article(out / "anthology-2.pdf", "Anthology"));
        CHECK(r.out.find("a.txt" + std::string(pass ? ": up to date" : "") + " -> " +
                         (out / "anthology-2.pdf").string()) != std::string::npos);
        CHECK(r.err.find(pass ? "anthology (up to date):" : "anthology: ") != std::string::npos);
    }

    // A manifest's name is reserved the same way; the record of the article that had the name
    // before no longer holds, so the book takes its place.
    CHECK(is_article(out / "spring-papers.pdf", "Spring Papers"));
    const fs::path manifest = d.path / "m.yaml";
    std::ofstream(manifest) << "title: The Book\nname: spring-papers\narticles: ["
                            << (in / "a.txt").string() << ", " << (in / "b.txt").string() << "]\n";
    for (int pass = 0; pass < 2; ++pass) {
        INFO("manifest, pass " << pass);
        auto r = run({kBin, "build", "--collection", manifest.string(), "-o", out.string(),
                      "--format", "pdf"});
        INFO(r.out << r.err);
        REQUIRE(r.status == 0);
        CHECK(is_book(out / "spring-papers.pdf"));
        CHECK(is_article(out / "spring-papers-2.pdf", "Spring Papers"));
        CHECK(is_article(out / "anthology-2.pdf", "Anthology"));
        CHECK(r.out.find("b.txt" + std::string(pass ? ": up to date" : "") + " -> " +
                         (out / "spring-papers-2.pdf").string()) != std::string::npos);
    }

    // Shards reserve the default name too, so they number like the whole run above.
    const fs::path out2 = d.path / "out2";
    for (const char* shard : {"1/2", "2/2"}) {
        auto r = run(
            {kBin, "build", in.string(), "-o", out2.string(), "--format", "pdf", "--shard", shard});
        REQUIRE(r.status == 0);
    }
    CHECK(is_article(out2 / "anthology-2.pdf", "Anthology"));
    CHECK_FALSE(fs::exists(out2 / "anthology.pdf"));
    // A book made later under a name an article holds is refused, not written over it.
    auto r = run({kBin, "anthology", in.string(), "-o", out2.string(), "--format", "pdf", "--title",
                  "The Book", "--name", "spring-papers"});
    INFO(r.err);
    CHECK(r.status == 1);
    CHECK(r.err.find("anthology not made") != std::string::npos);
    CHECK(r.err.find("spring-papers.pdf") != std::string::npos);
    CHECK(is_article(out2 / "spring-papers.pdf", "Spring Papers"));
    // The default name is free after the shards: the book is made.
    r = run({kBin, "anthology", in.string(), "-o", out2.string(), "--format", "pdf", "--title",
             "The Book"});
    CHECK(r.status == 0);
    CHECK(is_book(out2 / "anthology.pdf"));
    CHECK(is_article(out2 / "anthology-2.pdf", "Anthology"));
}

TEST_CASE("anthology: a truncated, replaced or missing book is rebuilt", "[anthology][cli]") {
    TempDir d;
    const fs::path in = d.path / "in";
    titled_article(in / "a.txt", "First Paper");
    titled_article(in / "b.txt", "Second Paper");
    const fs::path out = d.path / "out";
    const fs::path pdf = out / "anthology.pdf", epub = out / "anthology.epub";
    auto make = [&] {
        auto r = run({kBin, "anthology", in.string(), "-o", out.string(), "--title", "The Book"});
        INFO(r.err);
        CHECK(r.status == 0);
        return r.err.find("anthology (up to date)") != std::string::npos;
    };
    CHECK_FALSE(make());
    const auto pdf_size = fs::file_size(pdf), epub_size = fs::file_size(epub);
    CHECK(make());

    fs::resize_file(pdf, pdf_size / 2);  // a book cut short (a crash, a full disk)
    CHECK_FALSE(make());
    CHECK(fs::file_size(pdf) == pdf_size);
    CHECK(quire::test::pdf_pages(pdf) > 2);
    CHECK(make());

    std::ofstream(epub, std::ios::binary) << "not an EPUB";  // replaced
    CHECK_FALSE(make());
    CHECK(fs::file_size(epub) == epub_size);
    CHECK(make());

    fs::remove(epub);
    CHECK_FALSE(make());
    CHECK(fs::exists(epub));
    CHECK(make());
}

TEST_CASE("anthology: a folder name that is not UTF-8 titles the book as valid text",
          "[anthology][cli]") {
    TempDir d;
    const fs::path in = d.path / "Kitap-\xff\xfe";  // Latin-1 bytes, not UTF-8
    fs::create_directories(in);
    fs::copy_file(quire::test::kSeed, in / "seed.txt");
    auto r = run({kBin, "anthology", in.string(), "-o", (d.path / "out").string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const std::string opf =
        quire::test::zip_entry(d.path / "out" / "anthology.epub", "EPUB/package.opf");
    CHECK(opf.find("Kitap-\xEF\xBF\xBD\xEF\xBF\xBD") != std::string::npos);  // U+FFFD twice
    for (const auto& [name, bytes] : quire::test::zip_entries(d.path / "out" / "anthology.epub")) {
        bool valid = true;  // every byte sequence well-formed UTF-8 (text entries)
        if (name.find(".xhtml") == std::string::npos && name.find(".opf") == std::string::npos)
            continue;
        for (std::size_t i = 0; i < bytes.size() && valid;) {
            const auto b = static_cast<unsigned char>(bytes[i]);
            const std::size_t n = b < 0x80         ? 1
                                  : (b >> 5) == 6  ? 2
                                  : (b >> 4) == 14 ? 3
                                  : (b >> 3) == 30 ? 4
                                                   : 0;
            valid = n > 0 && i + n <= bytes.size();
            for (std::size_t k = 1; valid && k < n; ++k)
                valid = (static_cast<unsigned char>(bytes[i + k]) & 0xC0) == 0x80;
            i += n ? n : 1;
        }
        INFO(name);
        CHECK(valid);
    }
    auto info = run({"pdfinfo", (d.path / "out" / "anthology.pdf").string()});
    CHECK(info.out.find("Kitap-\xEF\xBF\xBD\xEF\xBF\xBD") != std::string::npos);
}

namespace {

/// A book of `n` copies of the example article, made in code.
struct LongBook {
    quire::Collection collection;
    std::vector<quire::Article> articles;
    explicit LongBook(int n) {
        collection.title = "Many Times Japan";
        collection.source = "long-book.yaml";
        quire::Diagnostics diags;
        auto a = quire::read_article(quire::test::kExamples / "ukraine-policy-of-japan.txt", diags);
        REQUIRE(a);
        for (int i = 0; i < n; ++i) articles.push_back(*a);
    }
};

}  // namespace

TEST_CASE("anthology: the streamed PDF has the pages and text of the book set whole",
          "[anthology][pdf]") {
    // write_collection_pdf() writes each article's pages and forgets them before setting the
    // next; typeset_collection() + write_pdf() hold the whole book. Same book, same text.
    const LongBook b(32);
    TempDir dir;
    quire::Diagnostics d1, d2;
    std::vector<quire::CollectionPart> parts_streamed, parts_whole;
    const fs::path streamed = dir.path / "streamed.pdf", whole = dir.path / "whole.pdf";
    auto pages = quire::write_collection_pdf(b.collection, b.articles, quire::Style::report(),
                                             streamed, d1, {}, nullptr, &parts_streamed);
    REQUIRE(pages);
    auto doc = quire::typeset_collection(b.collection, b.articles, quire::Style::report(), d2,
                                         nullptr, &parts_whole);
    REQUIRE(doc);
    REQUIRE(quire::write_pdf(*doc, whole));
    CHECK(*pages == doc->page_count());
    CHECK(quire::test::pdf_pages(streamed) == *pages);
    REQUIRE(parts_streamed.size() == 32);
    for (std::size_t i = 0; i < parts_whole.size(); ++i) {
        CHECK(parts_streamed[i].first_page == parts_whole[i].first_page);
        CHECK(parts_streamed[i].page_count == parts_whole[i].page_count);
    }
    CHECK(pdftotext(streamed) == pdftotext(whole));
    for (const auto& pdf : {streamed, whole}) {
        auto q = run({"qpdf", "--check", pdf.string()});
        INFO(pdf << "\n" << q.out << q.err);
        CHECK(q.status == 0);
    }
    // Its parent tree has more entries than one leaf takes: a number tree with kids, which a
    // structure reader follows (every article is an Art, the last one's notes are there).
    const std::string raw = read_file(streamed);
    CHECK(raw.find("/Limits[ 0 ") != std::string::npos);
    auto st = run({"pdfinfo", "-struct", streamed.string()});
    INFO(st.err);
    CHECK(st.status == 0);
    std::size_t arts = 0;
    for (std::size_t at = 0; (at = st.out.find("\n  Art", at)) != std::string::npos; ++at) ++arts;
    CHECK(arts == 32);
    CHECK(st.out.find("Note <a32-fn3>") != std::string::npos);
    // No temporary file is left beside the output.
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path)) ++files;
    CHECK(files == 2);
}

TEST_CASE("anthology: a streamed PDF that cannot be written leaves nothing behind",
          "[anthology][pdf]") {
    const LongBook b(2);
    TempDir dir;
    quire::Diagnostics diags;
    auto r = quire::write_collection_pdf(b.collection, b.articles, quire::Style::report(),
                                         dir.path / "missing" / "book.pdf", diags);
    REQUIRE_FALSE(r);
    CHECK(r.error().format().find("missing/book.pdf") != std::string::npos);
    CHECK(r.error().format().find("cannot create output file") != std::string::npos);
    CHECK(fs::is_empty(dir.path));
}

namespace {

/// A LongBook's articles handed over one at a time, as a caller reading files would: each
/// article(i) copies into the one article held, and the calls are recorded.
class OneAtATime : public quire::ArticleSource {
public:
    explicit OneAtATime(const std::vector<quire::Article>& all, std::size_t fail_at = SIZE_MAX)
        : all_(all), fail_at_(fail_at) {}
    std::size_t size() const override { return all_.size(); }
    quire::ArticleHead head(std::size_t i) const override {
        return quire::ArticleHead::of(all_.at(i));
    }
    quire::Result<const quire::Article*> article(std::size_t i) override {
        calls.push_back(i);
        if (i == fail_at_)
            return quire::make_error({"source.txt", 7},
                                     "article " + std::to_string(i + 1) + " cannot be read");
        held_ = all_.at(i);
        return &held_;
    }
    std::vector<std::size_t> calls;

private:
    const std::vector<quire::Article>& all_;
    std::size_t fail_at_;
    quire::Article held_;
};

}  // namespace

TEST_CASE("anthology: a book from an ArticleSource is the book from articles in memory",
          "[anthology][pdf][epub]") {
    // A book of thousands need not hold its articles: a source hands each over when it is set,
    // once per output, in order. The outputs are the same bytes.
    LongBook b(5);
    b.articles[2].title = "The Third, Retitled";
    TempDir dir;
    quire::Diagnostics d1, d2;
    OneAtATime source(b.articles);
    std::vector<quire::CollectionPart> p1, p2;
    auto pages = quire::write_collection_pdf(b.collection, source, quire::Style::report(),
                                             dir.path / "source.pdf", d1, {}, nullptr, &p1);
    REQUIRE(pages);
    CHECK(source.calls == std::vector<std::size_t>{0, 1, 2, 3, 4});
    REQUIRE(quire::write_collection_pdf(b.collection, b.articles, quire::Style::report(),
                                        dir.path / "memory.pdf", d2, {}, nullptr, &p2));
    CHECK(read_file(dir.path / "source.pdf") == read_file(dir.path / "memory.pdf"));
    CHECK(p1.size() == 5);
    CHECK(pdftotext(dir.path / "source.pdf").find("The Third, Retitled") != std::string::npos);

    source.calls.clear();
    REQUIRE(quire::write_collection_epub(b.collection, source, quire::Style::report(),
                                         dir.path / "source.epub"));
    CHECK(source.calls == std::vector<std::size_t>{0, 1, 2, 3, 4});
    auto bytes = quire::write_collection_epub(b.collection, b.articles, quire::Style::report());
    REQUIRE(bytes);
    CHECK(read_file(dir.path / "source.epub") == *bytes);
    if (quire::test::have_epubcheck()) {
        const auto c = quire::test::epubcheck(dir.path / "source.epub");
        INFO(c.report);
        CHECK(c.clean());
    }
}

TEST_CASE("anthology: a source that fails stops the book with its error and leaves nothing",
          "[anthology][pdf][epub]") {
    const LongBook b(4);
    TempDir dir;
    quire::Diagnostics diags;
    OneAtATime source(b.articles, 2);
    auto pdf = quire::write_collection_pdf(b.collection, source, quire::Style::report(),
                                           dir.path / "book.pdf", diags);
    REQUIRE_FALSE(pdf);
    CHECK(pdf.error().format() == "source.txt:7: error: article 3 cannot be read");
    CHECK(source.calls == std::vector<std::size_t>{0, 1, 2});
    auto epub = quire::write_collection_epub(b.collection, source, quire::Style::report(),
                                             dir.path / "book.epub");
    REQUIRE_FALSE(epub);
    CHECK(epub.error().format() == "source.txt:7: error: article 3 cannot be read");
    CHECK(fs::is_empty(dir.path));
}

TEST_CASE("anthology: the book made on two cores is the book made on one", "[anthology][cli]") {
    // With more than one job the EPUB is written beside the PDF, from one parse of each article.
    TempDir d;
    const fs::path in = d.path / "in";
    fs::create_directories(in);
    const std::string text = read_file(quire::test::kExamples / "ukraine-policy-of-japan.txt");
    for (int i = 1; i <= 12; ++i) {
        std::ofstream f(in / ("a" + std::to_string(100 + i) + ".txt"), std::ios::binary);
        f << "Paper " << i << ": " << text;
    }
    fs::copy_file(kFixtures / "turkish.txt", in / "b-turkish.txt");
    for (const char* jobs : {"1", "2"}) {
        auto r = run({kBin, "anthology", in.string(), "-o", (d.path / jobs).string(), "--jobs",
                      jobs, "--title", "Twelve Papers"});
        INFO(r.err);
        REQUIRE(r.status == 0);
    }
    for (const char* file : {"anthology.pdf", "anthology.epub"}) {
        INFO(file);
        CHECK(read_file(d.path / "1" / file) == read_file(d.path / "2" / file));
    }
    CHECK(pdftotext(d.path / "2" / "anthology.pdf").find("Paper 12:") != std::string::npos);
}

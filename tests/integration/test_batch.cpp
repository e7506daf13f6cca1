// Integration tests of the batch engine through the CLI (`quire build DIR -o OUT`): a folder of
// 200 articles with a garbage file in the middle, the JSON report, incremental reruns and
// --force, a killed run, shards and --jobs giving the same slugs, bad usage; and describe(Style)
// through the library.
#include "support/epub.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"

#include <quire/batch.hpp>
#include <quire/style_file.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <string>
#include <variant>
#include <vector>

namespace fs = std::filesystem;
using quire::test::kBin;
using quire::test::kFixtures;
using quire::test::read_file;
using quire::test::run;
using quire::test::TempDir;

namespace {

// ---------------------------------------------------------------------------------------------
// A small JSON parser (objects, arrays, strings, numbers, true/false/null): enough to check that
// the report is well-formed and to read it.

struct Json {
    using Object = std::map<std::string, Json>;
    using Array = std::vector<Json>;
    std::variant<std::nullptr_t, bool, double, std::string, Array, Object> v;

    const Json& operator[](const std::string& k) const {
        const auto& o = std::get<Object>(v);
        const auto it = o.find(k);
        if (it == o.end()) throw std::runtime_error("JSON: no key " + k);
        return it->second;
    }
    const Array& array() const { return std::get<Array>(v); }
    const std::string& str() const { return std::get<std::string>(v); }
    double num() const { return std::get<double>(v); }
    bool is_null() const { return std::holds_alternative<std::nullptr_t>(v); }
};

struct JsonParser {
    const std::string& s;
    std::size_t i = 0;

    [[noreturn]] void fail(const std::string& what) const {
        throw std::runtime_error("JSON: " + what + " at offset " + std::to_string(i));
    }
    void ws() {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) ++i;
    }
    void expect(char c) {
        ws();
        if (i >= s.size() || s[i] != c) fail(std::string("expected '") + c + "'");
        ++i;
    }
    std::string string() {
        expect('"');
        std::string out;
        while (true) {
            if (i >= s.size()) fail("unterminated string");
            const char c = s[i++];
            if (c == '"') return out;
            if (static_cast<unsigned char>(c) < 0x20) fail("control character in string");
            if (c != '\\') {
                out += c;
                continue;
            }
            if (i >= s.size()) fail("bad escape");
            const char e = s[i++];
            switch (e) {
                case '"':
                    out += '"';
                    break;
                case '\\':
                    out += '\\';
                    break;
                case '/':
                    out += '/';
                    break;
                case 'n':
                    out += '\n';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'u':
                    if (i + 4 > s.size()) fail("bad \\u");
                    out += static_cast<char>(std::stoi(s.substr(i, 4), nullptr, 16));
                    i += 4;
                    break;
                default:
                    fail("bad escape");
            }
        }
    }
    Json value() {
        ws();
        if (i >= s.size()) fail("unexpected end");
        const char c = s[i];
        if (c == '{') {
            ++i;
            Json::Object o;
            ws();
            if (i < s.size() && s[i] == '}') {
                ++i;
                return {o};
            }
            while (true) {
                std::string k = string();
                expect(':');
                o.emplace(std::move(k), value());
                ws();
                if (i < s.size() && s[i] == ',') {
                    ++i;
                    continue;
                }
                expect('}');
                return {o};
            }
        }
        if (c == '[') {
            ++i;
            Json::Array a;
            ws();
            if (i < s.size() && s[i] == ']') {
                ++i;
                return {a};
            }
            while (true) {
                a.push_back(value());
                ws();
                if (i < s.size() && s[i] == ',') {
                    ++i;
                    continue;
                }
                expect(']');
                return {a};
            }
        }
        if (c == '"') return {string()};
        for (const char* lit : {"true", "false", "null"}) {
            if (s.compare(i, std::strlen(lit), lit) == 0) {
                i += std::strlen(lit);
                if (lit[0] == 'n') return {nullptr};
                return {lit[0] == 't'};
            }
        }
        static const std::regex number(R"(^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?)");
        std::smatch m;
        const std::string rest = s.substr(i, 40);
        if (!std::regex_search(rest, m, number)) fail("bad value");
        i += static_cast<std::size_t>(m.length(0));
        return {std::stod(m.str(0))};
    }
};

Json parse_json(const std::string& text) {
    JsonParser p{text};
    Json v = p.value();
    p.ws();
    if (p.i != text.size()) p.fail("trailing data");
    return v;
}

// ---------------------------------------------------------------------------------------------
// Generated article folders.

/// The small good fixtures the generated folders are made of (copies with a new title line).
std::vector<fs::path> pool() {
    std::vector<fs::path> v = {kFixtures / "minimal.txt", kFixtures / "no-notes-bio.txt",
                               kFixtures / "missing-note.txt", kFixtures / "duplicate-note.txt",
                               kFixtures / "unreferenced-note.txt"};
    for (const auto& e : fs::directory_iterator(kFixtures / "scripts"))
        if (e.path().extension() == ".txt") v.push_back(e.path());
    std::sort(v.begin(), v.end());
    return v;
}

void write(const fs::path& p, const std::string& bytes) {
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << bytes;
    REQUIRE(out.good());
}

/// Writes `n` articles into nested folders of `dir` (d0/s0 ... d3/s2), each a fixture with its
/// title line replaced by "Batch article K: <old title>"; every 25th shares the title "A
/// Shared Title" (slugs a-shared-title, -2, -3 ...). Returns the article paths.
std::vector<fs::path> make_articles(const fs::path& dir, int n) {
    const auto fixtures = pool();
    std::vector<fs::path> out;
    for (int k = 0; k < n; ++k) {
        const fs::path src = fixtures[static_cast<std::size_t>(k) % fixtures.size()];
        std::string text = read_file(src);
        const auto nl = text.find('\n');
        const std::string title =
            k % 25 == 7 ? "A Shared Title"
                        : "Batch article " + std::to_string(k) + ": " + text.substr(0, nl);
        text = title + text.substr(nl);
        const fs::path p = dir / ("d" + std::to_string(k % 4)) / ("s" + std::to_string(k % 3)) /
                           ("article-" + std::to_string(1000 + k) + ".txt");
        write(p, text);
        out.push_back(p);
    }
    return out;
}

/// A garbage file (the binary fixture) named like an article, in the middle of the folder.
fs::path add_garbage(const fs::path& dir) {
    const fs::path p = dir / "d1" / "s1" / "article-1100-garbage.txt";
    write(p, read_file(kFixtures / "binary.bin"));
    return p;
}

/// Files of `dir` (not recursive, hidden ones left out) with extension `ext`, by name.
std::set<std::string> outputs(const fs::path& dir, const std::string& ext) {
    std::set<std::string> v;
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (name[0] != '.' && e.path().extension() == ext) v.insert(name);
    }
    return v;
}

std::map<std::string, fs::file_time_type> mtimes(const fs::path& dir) {
    std::map<std::string, fs::file_time_type> m;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file()) m[e.path().filename().string()] = e.last_write_time();
    return m;
}

/// Input -> slug of every article of a report.
std::map<std::string, std::string> slugs_of(const Json& report) {
    std::map<std::string, std::string> m;
    for (const auto& a : report["articles"].array()) m[a["input"].str()] = a["slug"].str();
    return m;
}

/// Runs `quire build SRC -o OUT --format FORMAT --report REPORT EXTRA...`, checks that it
/// exits 0, and returns the report.
Json build_report(const fs::path& src, const fs::path& out, const std::string& format,
                  const fs::path& report, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> argv = {kBin,   "build",      src.string(),
                                     "-o",   out.string(), "--format",
                                     format, "--report",   report.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    auto r = run(argv);
    INFO(r.err);
    CHECK(r.status == 0);
    return parse_json(read_file(report));
}

std::map<std::string, int> status_counts(const Json& report) {
    std::map<std::string, int> m;
    for (const auto& a : report["articles"].array()) ++m[a["status"].str()];
    return m;
}

bool pdf_ok(const fs::path& pdf) {
    return run({"pdfinfo", pdf.string()}).status == 0;
}

bool epub_ok(const fs::path& epub) {
    try {
        return !quire::test::zip_entries(epub).empty();
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace

TEST_CASE("A folder of 200 articles with a garbage file: outputs, summary, report, rerun",
          "[batch]") {
    TempDir tmp;
    const fs::path src = tmp.path / "articles";
    const fs::path out = tmp.path / "out";
    const fs::path report = tmp.path / "report.json";
    const auto articles = make_articles(src, 199);
    const fs::path garbage = add_garbage(src);
    write(src / ".hidden" / "skip-me.txt", read_file(kFixtures / "minimal.txt"));
    write(src / ".hidden-article.txt", read_file(kFixtures / "minimal.txt"));
    write(src / "notes.csv", "not,an,article\n");

    auto r = run({kBin, "build", src.string(), "-o", out.string(), "--jobs", "2", "--report",
                  report.string()});
    INFO(r.err.substr(0, 3000));
    CHECK(r.status == 1);
    // Every good article has its PDF and its EPUB; the hidden ones and the .csv were left out.
    const auto pdfs = outputs(out, ".pdf");
    const auto epubs = outputs(out, ".epub");
    CHECK(pdfs.size() == articles.size());
    CHECK(epubs.size() == articles.size());
    CHECK(pdfs.count("a-shared-title.pdf"));
    CHECK(pdfs.count("a-shared-title-2.pdf"));
    CHECK(epubs.count("a-shared-title-8.epub"));
    // Warnings keep their file and line.
    CHECK(std::regex_search(r.err, std::regex("article-\\d+\\.txt:5(:\\d+)?: warning: ")));
    // The garbage file is named in the summary, with its line and reason.
    const auto summary = r.err.find("converted 199, skipped 0 (up to date), warnings ");
    REQUIRE(summary != std::string::npos);
    CHECK(r.err.find("failed 1", summary) != std::string::npos);
    CHECK(r.err.find(garbage.string() + ":1: ", summary) != std::string::npos);
    CHECK(r.err.find("binary", summary) != std::string::npos);
    // One plain progress line per article on stdout (not a terminal).
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 200);
    CHECK(r.out.find("] " + garbage.string() + ": FAILED: ") != std::string::npos);

    const Json j = parse_json(read_file(report));
    CHECK(j["quire"].str().size() > 0);
    CHECK(j["totals"]["articles"].num() == 200);
    CHECK(j["totals"]["converted"].num() == 199);
    CHECK(j["totals"]["failed"].num() == 1);
    REQUIRE(j["articles"].array().size() == 200);
    int failed = 0, warned = 0;
    for (const auto& a : j["articles"].array()) {
        for (const auto& w : a["warnings"].array()) {
            CHECK(w["file"].str() == a["input"].str());
            CHECK(w["line"].num() >= 1);
            CHECK(!w["message"].str().empty());
            ++warned;
        }
        if (a["status"].str() == "failed") {
            ++failed;
            CHECK(a["input"].str() == garbage.string());
            CHECK(a["error"]["file"].str() == garbage.string());
            CHECK(a["error"]["line"].num() == 1);
            CHECK(a["error"]["message"].str().find("binary") != std::string::npos);
        } else {
            CHECK(a["status"].str() == "converted");
            CHECK(a["error"].is_null());
            CHECK(a["pages"].num() >= 1);
            REQUIRE(a["outputs"].array().size() == 2);
            for (const auto& o : a["outputs"].array()) CHECK(fs::exists(o.str()));
        }
    }
    CHECK(failed == 1);
    CHECK(warned >= 3 * 199 / 16);  // the copies of missing-, duplicate- and unreferenced-note
    CHECK(j["totals"]["warnings"].num() == warned);
    for (const auto& e : fs::directory_iterator(tmp.path))  // the report's temporary is gone
        CHECK(e.path().filename().string().rfind(".report.json.", 0) != 0);

    // A second run skips everything and touches nothing.
    const auto before = mtimes(out);
    r = run({kBin, "build", src.string(), "-o", out.string(), "--jobs", "2", "--report",
             report.string()});
    CHECK(r.status == 1);
    CHECK(r.err.find("converted 0, skipped 199 (up to date)") != std::string::npos);
    const Json j2 = parse_json(read_file(report));
    const auto counts = status_counts(j2);
    CHECK(counts.at("skipped") == 199);
    CHECK(counts.at("failed") == 1);
    CHECK(counts.count("converted") == 0);
    CHECK(mtimes(out) == before);
    CHECK(slugs_of(j2) == slugs_of(j));
}

TEST_CASE("Incremental builds: a changed source or style rebuilds, --force rebuilds all",
          "[batch]") {
    TempDir tmp;
    const fs::path src = tmp.path / "in";
    const fs::path out = tmp.path / "out";
    const fs::path report = tmp.path / "r.json";
    const auto articles = make_articles(src, 12);
    auto build = [&](std::vector<std::string> extra = {}) {
        return status_counts(build_report(src, out, "pdf", report, extra));
    };
    CHECK(build()["converted"] == 12);
    CHECK(fs::exists(out / ".quire"));
    CHECK(build()["skipped"] == 12);

    // One source changed: only it is rebuilt.
    {
        std::ofstream app(articles[3], std::ios::app);
        app << "\nOne more paragraph at the end.\n";
    }
    auto c = build();
    CHECK(c["converted"] == 1);
    CHECK(c["skipped"] == 11);

    // An output removed: rebuilt.
    const auto pdf_names = outputs(out, ".pdf");
    fs::remove(out / *pdf_names.begin());
    c = build();
    CHECK(c["converted"] == 1);
    CHECK(c["skipped"] == 11);

    // An output cut short (as a crash before the batch's final sync may leave it): the record
    // names its size, so it no longer vouches for it, and the article is rebuilt.
    {
        const fs::path cut = out / *pdf_names.begin();
        const auto size = fs::file_size(cut);
        fs::resize_file(cut, size / 2);
        c = build();
        CHECK(c["converted"] == 1);
        CHECK(c["skipped"] == 11);
        CHECK(fs::file_size(cut) == size);
    }

    // Another style (--endnotes) or another format: everything again.
    CHECK(build({"--endnotes"})["converted"] == 12);
    CHECK(build({"--endnotes"})["skipped"] == 12);

    // --force rebuilds what is up to date, and the files are written again.
    const auto before = mtimes(out);
    CHECK(build({"--endnotes", "--force", "--jobs", "2"})["converted"] == 12);
    const auto after = mtimes(out);
    for (const auto& [name, t] : before)
        if (name.size() > 4 && name.substr(name.size() - 4) == ".pdf") {
            INFO(name);
            CHECK(after.at(name) >= t);
        }

    // Stale temporaries of a killed run are removed; fresh ones (another writer's) are kept.
    const fs::path stale = out / ".dead.pdf.Ab12Cd";
    const fs::path fresh = out / ".live.epub.Zz99Yy";
    write(stale, "partial");
    write(fresh, "partial");
    fs::last_write_time(stale, fs::file_time_type::clock::now() - std::chrono::hours(2));
    build({"--endnotes"});
    CHECK_FALSE(fs::exists(stale));
    CHECK(fs::exists(fresh));
}

TEST_CASE(
    "The batch record is one journal: a line an article, torn lines ignored, folded when long",
    "[batch]") {
    TempDir tmp;
    const fs::path src = tmp.path / "in";
    const fs::path out = tmp.path / "out";
    const fs::path report = tmp.path / "r.json";
    const auto articles = make_articles(src, 6);
    auto build = [&](std::vector<std::string> extra = {}) {
        return status_counts(build_report(src, out, "epub", report, extra));
    };
    const fs::path journal = out / ".quire" / "records";
    auto lines = [&] {
        std::vector<std::string> v;
        std::istringstream in(read_file(journal));
        for (std::string l; std::getline(in, l);) v.push_back(l);
        return v;
    };
    CHECK(build()["converted"] == 6);
    // One file for the folder, a line an article: format, hash, pages, sizes, slug, source,
    // images ("-": none).
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(out / ".quire"))
        names.push_back(e.path().filename().string());
    CHECK(names == std::vector<std::string>{"records"});
    const auto first = lines();
    REQUIRE(first.size() == 6);
    for (const auto& l : first) {
        INFO(l);
        CHECK(std::regex_match(l, std::regex("v2 [0-9a-f]{64} 0 - [0-9]+ [a-z0-9-]+ /[^ ]+ -")));
    }

    // A killed run may leave a torn last line: it vouches for nothing, the others still do, and
    // the next line written starts on a line of its own.
    {
        std::ofstream app(journal, std::ios::app | std::ios::binary);
        app << first[2].substr(0, 40);
    }
    CHECK(build()["skipped"] == 6);
    {
        std::ofstream app(articles[0], std::ios::app);
        app << "\nOne more paragraph at the end.\n";
    }
    auto c = build();
    CHECK(c["converted"] == 1);
    CHECK(c["skipped"] == 5);
    const auto after = lines();
    REQUIRE(after.size() == 9);  // 6, the torn one, "rebuilding" and the new record
    CHECK(after[6] == first[2].substr(0, 40));
    CHECK(after[7].rfind("v2 - 0 - - ", 0) == 0);
    CHECK(std::regex_match(after[8], std::regex("v2 [0-9a-f]{64} 0 - [0-9]+ [a-z0-9-]+ /[^ ]+ -")));
    CHECK(build()["skipped"] == 6);

    // Rebuilds append two lines an article; a whole run folds a journal that has grown past two
    // lines an article (and 64) back to one line an article.
    std::size_t longest = 0;
    for (int k = 0; k < 8; ++k) {
        CHECK(build({"--force"})["converted"] == 6);
        longest = std::max(longest, lines().size());
    }
    CHECK(longest > 2 * 6 + 64);
    CHECK(lines().size() <= 2 * 6 + 64 + 12);
    CHECK(build()["skipped"] == 6);
}

TEST_CASE("Colliding titles are numbered in input order whatever the number of jobs", "[batch]") {
    // A whole batch numbers slugs as its workers parse (each waits for the slugs before its
    // own); shards number them after reading every input first. Both must agree, with titles
    // whose slugs collide with the numbered ones too ("Same 2" is "same-2").
    TempDir tmp;
    const fs::path src = tmp.path / "in";
    const char* titles[] = {"Same", "Same 2", "Other", "Same"};
    for (int k = 0; k < 24; ++k)
        write(src / ("a" + std::to_string(100 + k) + ".txt"),
              std::string(titles[k % 4]) +
                  "\n\nA short paragraph of body text, long enough to be an article's body.\n");
    auto slugs = [&](const fs::path& out, std::vector<std::string> extra) {
        extra.push_back("-q");
        return slugs_of(build_report(src, out, "epub", out.string() + ".json", extra));
    };
    const auto one = slugs(tmp.path / "j1", {"--jobs", "1"});
    REQUIRE(one.size() == 24);
    CHECK(slugs(tmp.path / "j4", {"--jobs", "4"}) == one);
    auto sharded = slugs(tmp.path / "s", {"--shard", "1/2", "--jobs", "3"});
    for (const auto& kv : slugs(tmp.path / "s", {"--shard", "2/2", "--jobs", "3"}))
        sharded.insert(kv);
    CHECK(sharded == one);
    // In input order: a100 Same, a101 Same 2, a102 Other, a103 Same, a104 Same, ...
    CHECK(one.at((src / "a100.txt").string()) == "same");
    CHECK(one.at((src / "a101.txt").string()) == "same-2");
    CHECK(one.at((src / "a103.txt").string()) == "same-3");
    CHECK(one.at((src / "a104.txt").string()) == "same-4");
    CHECK(one.at((src / "a105.txt").string()) == "same-2-2");
    CHECK(one.at((src / "a106.txt").string()) == "other-2");
}

TEST_CASE("Shards together give the whole batch, with the slugs of an unsharded run", "[batch]") {
    TempDir tmp;
    const fs::path src = tmp.path / "in";
    make_articles(src, 40);  // "A Shared Title" twice: slugs -2 depend on the order
    auto build = [&](const fs::path& out, std::vector<std::string> extra) {
        extra.push_back("-q");
        return build_report(src, out, "pdf", out.string() + ".json", extra);
    };
    const auto one = build(tmp.path / "jobs1", {"--jobs", "1"});
    const auto two = build(tmp.path / "jobs2", {"--jobs", "2"});
    CHECK(slugs_of(one).size() == 40);
    CHECK(slugs_of(one) == slugs_of(two));
    CHECK(outputs(tmp.path / "jobs1", ".pdf") == outputs(tmp.path / "jobs2", ".pdf"));
    CHECK(outputs(tmp.path / "jobs1", ".pdf").count("a-shared-title-2.pdf"));

    std::map<std::string, std::string> merged;
    std::size_t converted = 0;
    for (const char* shard : {"1/3", "2/3", "3/3"}) {
        const auto part = build(tmp.path / "shards", {"--shard", shard, "--jobs", "2"});
        const auto s = slugs_of(part);
        CHECK(s.size() >= 13);
        CHECK(s.size() <= 14);
        for (const auto& [in, slug] : s) CHECK(merged.emplace(in, slug).second);  // disjoint
        converted += static_cast<std::size_t>(part["totals"]["converted"].num());
    }
    CHECK(converted == 40);
    CHECK(merged == slugs_of(one));
    CHECK(outputs(tmp.path / "shards", ".pdf") == outputs(tmp.path / "jobs1", ".pdf"));
}

TEST_CASE("A killed batch leaves no partial file under a final name", "[batch]") {
    REQUIRE(quire::test::have_program("timeout"));
    TempDir tmp;
    const fs::path src = tmp.path / "in";
    make_articles(src, 60);
    const fs::path out = tmp.path / "out";
    int killed = 0, complete = 0;
    // Longer and longer runs until one was cut short after writing something (a loaded
    // machine starts slowly; an idle one finishes the whole batch in half a second, and then
    // the later runs have nothing left to do: start short).
    for (const char* after : {"0.1", "0.2", "0.5", "1.0", "2.0", "4.0", "8.0"}) {
        if (killed >= 1 && complete >= 1) break;
        complete = 0;
        auto r = run({"timeout", "-s", "KILL", after, kBin, "build", src.string(), "-o",
                      out.string(), "--jobs", "2", "-q"});
        INFO("killed after " << after << "s, status " << r.status);
        CHECK((r.status == 128 + 9 || r.status == 0));  // 0: finished before the kill
        killed += r.status == 128 + 9;
        if (!fs::exists(out)) continue;
        for (const auto& e : fs::directory_iterator(out)) {
            const std::string name = e.path().filename().string();
            if (name[0] == '.') continue;  // hidden temporaries and .quire/
            INFO(name);
            if (e.path().extension() == ".pdf") {
                CHECK(pdf_ok(e.path()));
                ++complete;
            }
            if (e.path().extension() == ".epub") {
                CHECK(epub_ok(e.path()));
                ++complete;
            }
        }
    }
    CHECK(killed >= 1);    // at least one run was cut short ...
    CHECK(complete >= 1);  // ... after writing something to check
    // A rerun completes the batch; what the killed runs finished is not redone.
    auto r = run({kBin, "build", src.string(), "-o", out.string(), "--jobs", "2", "-q"});
    CHECK(r.status == 0);
    CHECK(outputs(out, ".pdf").size() == 60);
    CHECK(outputs(out, ".epub").size() == 60);
}

TEST_CASE("The output folder inside an input folder is not searched", "[batch]") {
    TempDir tmp;
    const fs::path src = tmp.path / "in";
    make_articles(src, 3);
    const fs::path out = src / "out";
    write(out / "stray.txt", read_file(kFixtures / "minimal.txt"));
    const fs::path report = tmp.path / "r.json";
    auto r = run({kBin, "build", src.string(), "-o", out.string(), "--format", "pdf", "--report",
                  report.string()});
    INFO(r.err);
    CHECK(r.status == 0);
    const auto slugs = slugs_of(parse_json(read_file(report)));
    CHECK(slugs.size() == 3);
    for (const auto& [in, slug] : slugs) CHECK(in.find("stray") == std::string::npos);
}

TEST_CASE("Batch usage errors exit with status 2", "[batch]") {
    TempDir tmp;
    const std::string in = (kFixtures / "minimal.txt").string();
    const std::string out = (tmp.path / "out").string();
    for (const std::vector<std::string>& bad : {std::vector<std::string>{"--jobs", "x"},
                                                {"--jobs", "-1"},
                                                {"--jobs"},
                                                {"--shard", "4/3"},
                                                {"--shard", "0/3"},
                                                {"--shard", "1/0"},
                                                {"--shard", "x"},
                                                {"--shard", "2"},
                                                {"--report"}}) {
        std::vector<std::string> argv = {kBin, "build", in, "-o", out};
        argv.insert(argv.end(), bad.begin(), bad.end());
        auto r = run(argv);
        INFO(bad.front() << " " << (bad.size() > 1 ? bad[1] : ""));
        CHECK(r.status == 2);
        CHECK(r.err.find("usage") != std::string::npos);
    }
    auto r = run({kBin, "build", in, "-o", out, "--jobs", "0", "--format", "pdf"});
    CHECK(r.status == 0);  // 0: as many as there are cores
}

TEST_CASE("describe(Style) covers every field of the style", "[batch]") {
    const std::string base = quire::describe(quire::Style::report());
    CHECK(base == quire::describe(quire::Style::report()));
    const std::vector<std::function<void(quire::Style&)>> changes = {
        [](auto& s) { s.name = "other"; },
        [](auto& s) { s.page_width += 1; },
        [](auto& s) { s.margin_outer += 0.001; },
        [](auto& s) { s.body.chain = "sans"; },
        [](auto& s) { s.body.size += 0.5; },
        [](auto& s) { s.running_head.leading += 1; },
        [](auto& s) { s.justify = false; },
        [](auto& s) { s.tolerance += 1; },
        [](auto& s) { s.adj_demerits += 1; },
        [](auto& s) { s.hyphenate = false; },
        [](auto& s) { s.max_consecutive_hyphens = 3; },
        [](auto& s) { s.letter_space_shrink = 0; },
        [](auto& s) { s.protrusion = false; },
        [](auto& s) { s.protrusion_factor = 0.5; },
        [](auto& s) {
            s.protrusion_chars = {{".", 0, 500}};
        },
        [](auto& s) { s.expansion_stretch = 0.01; },
        [](auto& s) { s.expansion_shrink = 0; },
        [](auto& s) { s.expansion_step = 0.002; },
        [](auto& s) { s.last_page_min_lines = 1; },
        [](auto& s) { s.page_break_after_hyphen = true; },
        [](auto& s) { s.meta.size = 9; },
        [](auto& s) { s.note_gap = 3; },
        [](auto& s) { s.superscript_rise = 0.3; },
        [](auto& s) { s.notes = quire::NotePlacement::endnotes; },
        [](auto& s) { s.continued_label = ""; },
        [](auto& s) { s.continued_label = "(cont.)"; },
        [](auto& s) { s.notes_heading = "Endnotes"; },
        [](auto& s) { s.bio_keep_lines = 10; },
        [](auto& s) { s.folio_offset = 30; },
        [](auto& s) { s.heading2.size = 13; },
        [](auto& s) { s.quote_indent = 10; },
        [](auto& s) { s.code.chain = "serif"; },
        [](auto& s) { s.block_space = 4; },
        [](auto& s) { s.mirror_margins = true; },
        [](auto& s) { s.bleed = 8.5; },
        [](auto& s) {
            s.text_color = {0, 0, 1};
        },
        [](auto& s) {
            s.rule_color = {1, 0, 0};
        },
        [](auto& s) {
            s.link_color = {0, 1, 0};
        },
        [](auto& s) {
            s.font_chains = {{"serif", {"Noto Serif"}}};
        },
        [](auto& s) {
            s.font_chains = {{"serif", {"Noto Sans"}}};
        },
        [](auto& s) {
            s.script_fonts = {{"arabic", "Noto Kufi Arabic"}};
        },
    };
    std::set<std::string> seen = {base};
    for (std::size_t k = 0; k < changes.size(); ++k) {
        quire::Style s = quire::Style::report();
        changes[k](s);
        INFO("change " << k);
        CHECK(seen.insert(quire::describe(s)).second);
    }
    // describe() is the style file (style_file.hpp): it reads back as the same style, and
    // every Style field has its key (checked against style.hpp in unit/test_style_file.cpp).
    for (std::size_t k = 0; k < changes.size(); ++k) {
        quire::Style s = quire::Style::report();
        changes[k](s);
        const std::string text = quire::describe(s);
        auto back = quire::parse_style(text, "described.yaml");
        INFO("change " << k << (back ? std::string() : back.error().format()));
        REQUIRE(back);
        CHECK(quire::describe(*back) == text);
    }
    CHECK(base.rfind("name: \"report\"\npage:\n  width: 595.276\n", 0) == 0);
}

TEST_CASE("A run that fails half way leaves no record that would vouch for its outputs",
          "[batch]") {
    // Run 1 records source A. The source becomes B; run 2 rewrites the PDF from B but cannot
    // write the EPUB (a folder stands in its name). The source goes back to A: run 3 must not
    // take the PDF (now B's) as up to date.
    TempDir tmp;
    const fs::path src = tmp.path / "in";
    const fs::path out = tmp.path / "out";
    const auto articles = make_articles(src, 1);
    const std::string a = read_file(articles[0]);
    auto build = [&] { return run({kBin, "build", src.string(), "-o", out.string(), "-q"}); };
    REQUIRE(build().status == 0);
    const auto epubs = outputs(out, ".epub");
    REQUIRE(epubs.size() == 1);
    write(articles[0], a + "\nA paragraph that only version B has.\n");
    fs::remove(out / *epubs.begin());
    fs::create_directories(out / *epubs.begin() / "blocker");
    CHECK(build().status == 1);
    // Back to A, the folder still there: without a record the article is converted again
    // (the EPUB fails again, the PDF is A's); a stale record would have skipped it as up to date.
    write(articles[0], a);
    auto r = build();
    CHECK(r.status == 1);
    const auto pdf = out / *outputs(out, ".pdf").begin();
    CHECK(quire::test::pdftotext(pdf).find("only version B has") == std::string::npos);
}

TEST_CASE("Parallel writers give every output the umask's mode", "[batch]") {
    TempDir tmp;
    const fs::path src = tmp.path / "in";
    const fs::path out = tmp.path / "out";
    make_articles(src, 16);
    const std::string cmd = "umask 027 && exec '" + kBin + "' build '" + src.string() + "' -o '" +
                            out.string() + "' --format pdf --jobs 4 -q";
    REQUIRE(run({"sh", "-c", cmd}).status == 0);
    int files = 0;
    for (const auto& e : fs::recursive_directory_iterator(out)) {
        if (!e.is_regular_file()) continue;
        ++files;
        INFO(e.path());
        CHECK((fs::status(e.path()).permissions() & fs::perms::all) ==
              (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
    }
    CHECK(files == 17);  // 16 PDFs and the batch's journal
}

TEST_CASE("The report is UTF-8 JSON whatever the bytes of the file names", "[batch][report]") {
    // 0xFE and 0xFF never occur in UTF-8; the name also has a quote, a backslash and a control
    // character. The article has a warning (a reference without a note), naming the file.
    TempDir tmp;
    const fs::path src = tmp.path / "in\xff";
    const std::string name = "a\"b\\c\x01\xfe.txt";
    write(src / name, read_file(kFixtures / "missing-note.txt"));
    const fs::path out = tmp.path / "out\xff";
    const fs::path report = tmp.path / "r.json";
    auto r = run({kBin, "build", src.string(), "-o", out.string(), "--format", "pdf", "--anthology",
                  "--title", "T", "--report", report.string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const std::string text = read_file(report);
    INFO(text);
    CHECK(text.find('\xfe') == std::string::npos);
    CHECK(text.find('\xff') == std::string::npos);
    const Json j = parse_json(text);
    auto hex = [](const std::string& s) {
        std::string h;
        for (const char c : s) {
            char buf[3];
            std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned char>(c));
            h += buf;
        }
        return h;
    };
    const std::string fffd = "\xef\xbf\xbd";  // U+FFFD, for each byte that is not UTF-8
    const Json& a = j["articles"].array().at(0);
    CHECK(a["input"].str() ==
          (tmp.path / ("in" + fffd) / ("a\"b\\c\x01" + fffd + ".txt")).string());
    CHECK(a["input_bytes"].str() == hex((src / name).string()));
    const std::string pdf = (out / (a["slug"].str() + ".pdf")).string();
    CHECK(a["outputs_bytes"].array().at(0).str() == hex(pdf));
    REQUIRE(!a["warnings"].array().empty());
    CHECK(a["warnings"].array().at(0)["file_bytes"].str() == hex((src / name).string()));
    const Json& book = j["anthology"];
    CHECK(book["status"].str() == "converted");
    CHECK(book["outputs_bytes"].array().at(0).str() == hex((out / "anthology.pdf").string()));
    if (quire::test::have_program("python3")) {  // a strict decoder, and the bytes back exactly
        r = run({"python3", "-c",
                 "import json,sys\n"
                 "j=json.load(open(sys.argv[1],encoding='utf-8'))\n"
                 "assert bytes.fromhex(j['articles'][0]['input_bytes'])==sys.argv[2].encode("
                 "'utf-8','surrogateescape')\n",
                 report.string(), (src / name).string()});
        INFO(r.err);
        CHECK(r.status == 0);
    }
}

TEST_CASE("'--' ends the options: a file named like an option is an input", "[batch][cli]") {
    TempDir tmp;
    write(tmp.path / "-x", read_file(kFixtures / "minimal.txt"));
    auto in_tmp = [&](const std::vector<std::string>& args) {  // run in tmp, for a relative "-x"
        std::vector<std::string> argv = {
            "sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh", tmp.path.string(), kBin};
        argv.insert(argv.end(), args.begin(), args.end());
        return run(argv);
    };
    auto r = in_tmp({"build", "-o", "out", "--format", "pdf", "--", "-x"});
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(fs::exists(tmp.path / "out" / "a-note-on-port-fees-in-the-baltic.pdf"));
    r = in_tmp({"anthology", "-o", "book", "--format", "pdf", "--title", "T", "--", "-x"});
    CHECK(r.status == 0);
    CHECK(fs::exists(tmp.path / "book" / "anthology.pdf"));
    r = in_tmp({"convert", "-o", "x.xml", "--", "-x"});
    CHECK(r.status == 0);
    CHECK(fs::exists(tmp.path / "x.xml"));
    // After "--" nothing is an option, "--" included.
    r = in_tmp({"build", "--", "-x", "-o", "out2"});
    CHECK(r.status == 2);
    CHECK(r.err.find("no output folder") != std::string::npos);
    r = in_tmp({"convert", "-o", "y.xml", "--", "--"});
    CHECK(r.status == 1);  // a file named "--", which does not exist
    CHECK(r.err.find("usage") == std::string::npos);
    CHECK(run({kBin, "--help"}).out.find("\n  --  ") != std::string::npos);
}

TEST_CASE("unique_slugs passes over reserved names as over taken ones", "[batch]") {
    using V = std::vector<std::string>;
    CHECK(quire::unique_slugs({"anthology", "a", "anthology", "", "a"}, {"anthology"}) ==
          V{"anthology-2", "a", "anthology-3", "", "a-2"});
    CHECK(quire::unique_slugs({"anthology-2", "anthology"}, {"anthology"}) ==
          V{"anthology-2", "anthology-3"});
    CHECK(quire::unique_slugs({"anthology"}) == V{"anthology"});
    quire::BatchOptions defaults;
    CHECK(defaults.reserved_slugs == V{"anthology"});  // the default book's name
}

// ---------------------------------------------------------------------------------------------
// The journal's images, sources and orphans, through the library (run_batch).

namespace {

/// One run_batch() over the articles of `src`: its totals and items.
struct LibRun {
    quire::BatchTotals totals;
    std::vector<quire::BatchItem> items;

    const quire::BatchItem& item(const std::string& name) const {
        for (const auto& i : items)
            if (i.input.filename() == name) return i;
        FAIL("no item for " << name);
        throw std::logic_error("unreachable");
    }
};

LibRun lib_build(const fs::path& src, const fs::path& out,
                 const std::function<void(quire::BatchOptions&)>& tweak = {}) {
    quire::BatchOptions o;
    o.output_dir = out;
    o.jobs = 2;
    if (tweak) tweak(o);
    LibRun r;
    auto totals = quire::run_batch(
        quire::find_articles({src}, out), o,
        [&](const quire::BatchItem& i, const quire::BatchTotals&) { r.items.push_back(i); });
    REQUIRE(totals);
    r.totals = *totals;
    return r;
}

/// The messages of an item's diagnostics of `severity`, each with its file.
std::vector<std::string> messages(const quire::BatchItem& item,
                                  quire::Severity severity = quire::Severity::warning) {
    std::vector<std::string> v;
    for (const auto& d : item.warnings)
        if (d.severity == severity) v.push_back(d.where.file + ": " + d.message);
    return v;
}

bool mentions(const std::vector<std::string>& messages, const std::string& needle) {
    return std::any_of(messages.begin(), messages.end(),
                       [&](const std::string& m) { return m.find(needle) != std::string::npos; });
}

/// A Markdown article with this title, body and images (one figure each).
std::string md_article(const std::string& title, const std::string& body,
                       const std::vector<std::string>& images = {}) {
    std::string s = "---\ntitle: " + title + "\n---\n\n" + body + "\n";
    for (const auto& im : images) s += "\n![A figure](" + im + ")\n";
    return s;
}

std::uint32_t crc32(const std::string& bytes) {
    std::uint32_t c = 0xffffffffu;
    for (const char ch : bytes) {
        c ^= static_cast<unsigned char>(ch);
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
    }
    return c ^ 0xffffffffu;
}

/// `png` with a tEXt chunk before its IEND: another valid PNG of the same picture.
std::string png_with_text(const std::string& png, const std::string& text) {
    REQUIRE(png.size() > 12);
    REQUIRE(png.compare(png.size() - 8, 4, "IEND") == 0);
    const std::string body = "tEXt" + std::string("Comment") + '\0' + text;
    auto be32 = [](std::uint32_t v) {
        return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                           static_cast<char>(v >> 8), static_cast<char>(v)};
    };
    const std::string chunk =
        be32(static_cast<std::uint32_t>(body.size() - 4)) + body + be32(crc32(body));
    return png.substr(0, png.size() - 12) + chunk + png.substr(png.size() - 12);
}

std::vector<std::string> journal_lines(const fs::path& out) {
    std::vector<std::string> v;
    std::istringstream in(read_file(out / ".quire" / "records"));
    for (std::string l; std::getline(in, l);) v.push_back(l);
    return v;
}

}  // namespace

TEST_CASE("Incremental builds: a changed, removed or added image rebuilds its article",
          "[batch][images]") {
    TempDir tmp;
    const fs::path src = tmp.path / "in";
    const fs::path out = tmp.path / "out";
    const std::string png = read_file(kFixtures / "markdown" / "chart.png");
    write(src / "fig.md", md_article("A Figure", "Text around a chart.", {"img/chart.png"}));
    write(src / "img" / "chart.png", png);
    write(src / "plain.md", md_article("No Figure", "Text alone."));
    auto status = [&](const LibRun& r) { return r.item("fig.md").status; };
    using quire::BatchStatus;

    auto r = lib_build(src, out);
    CHECK(r.totals.converted == 2);
    CHECK(messages(r.item("fig.md")).empty());
    // The record names the image's file (absolute) and a digest of it.
    const auto lines = journal_lines(out);
    REQUIRE(lines.size() == 2);
    CHECK(std::count_if(lines.begin(), lines.end(), [&](const std::string& l) {
              return std::regex_match(l, std::regex("v2 [0-9a-f]{64} [0-9]+ [0-9]+ [0-9]+ "
                                                    "a-figure /[^ ]+/fig\\.md [0-9a-f]{64} "
                                                    "/[^ ]+/img/chart\\.png"));
          }) == 1);
    CHECK(status(lib_build(src, out)) == BatchStatus::skipped);

    // Other bytes, the same article: rebuilt (a valid PNG, so no warning), then up to date.
    write(src / "img" / "chart.png", png_with_text(png, "version 2"));
    r = lib_build(src, out);
    CHECK(status(r) == BatchStatus::converted);
    CHECK(r.item("plain.md").status == BatchStatus::skipped);
    CHECK(messages(r.item("fig.md")).empty());
    CHECK(status(lib_build(src, out)) == BatchStatus::skipped);

    // The image removed: rebuilt, with the reader's warning; still missing: up to date.
    fs::remove(src / "img" / "chart.png");
    r = lib_build(src, out);
    CHECK(status(r) == BatchStatus::converted);
    CHECK(mentions(messages(r.item("fig.md")), "the image 'img/chart.png' cannot be read"));
    CHECK(status(lib_build(src, out)) == BatchStatus::skipped);

    // Back again: rebuilt without the warning.
    write(src / "img" / "chart.png", png);
    r = lib_build(src, out);
    CHECK(status(r) == BatchStatus::converted);
    CHECK(messages(r.item("fig.md")).empty());

    // A damaged image is a warning; it stays damaged, and the article stays up to date (the
    // record holds what the file is, not whether the reader took it).
    write(src / "img" / "chart.png", png.substr(0, png.size() / 2));
    r = lib_build(src, out);
    CHECK(status(r) == BatchStatus::converted);
    CHECK(mentions(messages(r.item("fig.md")), "img/chart.png"));
    CHECK(status(lib_build(src, out)) == BatchStatus::skipped);

    // A shard checks the images as a whole run does.
    write(src / "img" / "chart.png", png);
    auto shard = [](quire::BatchOptions& o) {
        o.shard_index = 0;
        o.shard_count = 1 + 1;
    };
    r = lib_build(src, out, shard);  // fig.md is input 0: this shard's
    REQUIRE(r.items.size() == 1);
    CHECK(status(r) == BatchStatus::converted);
    CHECK(status(lib_build(src, out, shard)) == BatchStatus::skipped);

    // With ReadOptions::images the resolver's bytes are the image: other bytes rebuild.
    auto bytes = std::make_shared<std::string>(png);
    auto resolver = [&](quire::BatchOptions& o) {
        o.read.images = [bytes](std::string_view src) -> std::optional<std::string> {
            if (src == "img/chart.png") return *bytes;
            return std::nullopt;
        };
    };
    CHECK(status(lib_build(src, out, resolver)) == BatchStatus::converted);
    CHECK(status(lib_build(src, out, resolver)) == BatchStatus::skipped);
    *bytes = png_with_text(png, "from the resolver");
    CHECK(status(lib_build(src, out, resolver)) == BatchStatus::converted);
    CHECK(status(lib_build(src, out, resolver)) == BatchStatus::skipped);
    // Back to files (the same bytes as the file): the record of a resolver does not vouch.
    CHECK(status(lib_build(src, out)) == BatchStatus::converted);
}

TEST_CASE("A changed title leaves orphans: warned of, removed with prune", "[batch][orphans]") {
    TempDir tmp;
    const fs::path src = tmp.path / "in";
    const fs::path out = tmp.path / "out";
    using quire::BatchStatus;
    write(src / "x.md", md_article("Old Title", "The body of x."));
    auto r = lib_build(src, out);
    REQUIRE(r.totals.converted == 1);
    REQUIRE(fs::exists(out / "old-title.pdf"));
    REQUIRE(fs::exists(out / "old-title.epub"));

    // A new title: a new slug, and the old outputs are named, kept.
    write(src / "x.md", md_article("New Title", "The body of x."));
    r = lib_build(src, out);
    const auto& x = r.item("x.md");
    CHECK(x.status == BatchStatus::converted);
    CHECK(x.slug == "new-title");
    const std::string old_pdf = (out / "old-title.pdf").string();
    const std::string old_epub = (out / "old-title.epub").string();
    const auto w = messages(x);
    REQUIRE(w.size() == 1);
    CHECK(w[0] == (src / "x.md").string() + ": " + old_pdf + " and " + old_epub +
                      " are left from an earlier title of this article (now new-title); --prune "
                      "removes them");
    CHECK(x.orphans == std::vector<fs::path>{out / "old-title.pdf", out / "old-title.epub"});
    CHECK(x.removed.empty());
    CHECK(r.totals.warnings == 1);
    CHECK(fs::exists(out / "old-title.pdf"));
    CHECK(fs::exists(out / "old-title.epub"));
    CHECK(fs::exists(out / "new-title.pdf"));

    // Up to date, and still warned of (the item is skipped, the orphans are still there).
    r = lib_build(src, out);
    CHECK(r.item("x.md").status == BatchStatus::skipped);
    CHECK(mentions(messages(r.item("x.md")), old_pdf + " and " + old_epub + " are left"));

    // Only the PDF left: only it is named.
    fs::rename(out / "old-title.epub", tmp.path / "kept.epub");
    r = lib_build(src, out);
    CHECK(mentions(messages(r.item("x.md")),
                   ": " + old_pdf +
                       " is left from an earlier title of this article (now "
                       "new-title); --prune removes it"));
    CHECK(r.item("x.md").orphans == std::vector<fs::path>{out / "old-title.pdf"});
    fs::rename(tmp.path / "kept.epub", out / "old-title.epub");

    // Pruned: the outputs and the previews of the old slug go, nothing else.
    write(out / "old-title.page-1.png", "a preview");
    write(out / "old-title.page-02.png", "a preview");
    write(out / "old-title.page-x.png", "not a preview");
    write(out / "new-title.page-1.png", "a preview of the current title");
    r = lib_build(src, out, [](quire::BatchOptions& o) { o.prune = true; });
    const auto& p = r.item("x.md");
    CHECK(p.status == BatchStatus::skipped);
    CHECK(messages(p).empty());
    CHECK(r.totals.warnings == 0);
    CHECK(p.removed == std::vector<fs::path>{out / "old-title.pdf", out / "old-title.epub",
                                             out / "old-title.page-02.png",
                                             out / "old-title.page-1.png"});
    CHECK(p.orphans.empty());
    CHECK(mentions(messages(p, quire::Severity::note),
                   "removed " + old_pdf + ", " + old_epub + " and 2 preview images " +
                       (out / "old-title.page-*.png").string() +
                       ", left from an earlier title of this article (now new-title)"));
    CHECK_FALSE(fs::exists(out / "old-title.pdf"));
    CHECK_FALSE(fs::exists(out / "old-title.epub"));
    CHECK_FALSE(fs::exists(out / "old-title.page-1.png"));
    CHECK(fs::exists(out / "old-title.page-x.png"));
    CHECK(fs::exists(out / "new-title.pdf"));
    CHECK(fs::exists(out / "new-title.epub"));
    CHECK(fs::exists(out / "new-title.page-1.png"));

    // The old slug's record is closed: no warning on the next run, even when a file of that
    // name comes back.
    write(out / "old-title.pdf", "someone else's");
    r = lib_build(src, out);
    CHECK(r.item("x.md").status == BatchStatus::skipped);
    CHECK(r.item("x.md").warnings.empty());
    CHECK(r.item("x.md").orphans.empty());
    CHECK(r.totals.warnings == 0);
    CHECK(read_file(out / "old-title.pdf") == "someone else's");
}

TEST_CASE("An old slug another article of the run takes is no orphan", "[batch][orphans]") {
    using quire::BatchStatus;
    for (const bool sharded : {false, true}) {
        for (const unsigned jobs : {1u, 2u}) {
            INFO((sharded ? "two shards" : "one run") << ", jobs " << jobs);
            TempDir tmp;
            const fs::path src = tmp.path / "in";
            const fs::path out = tmp.path / "out";
            write(src / "x.md", md_article("Alpha", "The body of x."));
            auto build = [&] {
                std::vector<quire::BatchItem> items;
                for (std::size_t s = 0; s < (sharded ? 2u : 1u); ++s) {
                    auto r = lib_build(src, out, [&](quire::BatchOptions& o) {
                        o.prune = true;
                        o.jobs = jobs;
                        o.shard_count = sharded ? 2 : 1;
                        o.shard_index = s;
                    });
                    items.insert(items.end(), r.items.begin(), r.items.end());
                }
                return items;
            };
            REQUIRE(build().size() == 1);
            REQUIRE(fs::exists(out / "alpha.pdf"));
            // x becomes Beta; y (after x in the inputs) is the new Alpha: alpha.pdf is y's.
            write(src / "x.md", md_article("Beta", "The body of x."));
            write(src / "y.md", md_article("Alpha", "The body of y, a new article."));
            const auto items = build();
            REQUIRE(items.size() == 2);
            for (const auto& i : items) {
                INFO(i.input.string());
                CHECK(i.status == BatchStatus::converted);
                CHECK(i.warnings.empty());
                CHECK(i.orphans.empty());
                CHECK(i.removed.empty());
            }
            CHECK(fs::exists(out / "beta.pdf"));
            REQUIRE(fs::exists(out / "alpha.pdf"));
            CHECK(quire::test::pdftotext(out / "alpha.pdf").find("body of y") != std::string::npos);
            // And later runs leave alpha to y.
            for (const auto& i : build()) {
                CHECK(i.status == BatchStatus::skipped);
                CHECK(i.warnings.empty());
            }
            CHECK(fs::exists(out / "alpha.pdf"));
        }
    }
}

TEST_CASE("Journal lines: any bytes in paths, old-format and damaged lines", "[batch][orphans]") {
    TempDir tmp;
    const fs::path src = tmp.path / "in";
    const fs::path out = tmp.path / "out";
    using quire::BatchStatus;
    // A folder whose name has a space, a tab, a newline, a '%' and a byte that is not UTF-8.
    const fs::path dir = src / std::string("odd dir\twith\nnewline 100% \xff");
    write(dir / "a.md", md_article("First Name", "Body.", {"<pic ture.png>"}));
    write(dir / "pic ture.png", read_file(kFixtures / "markdown" / "chart.png"));
    auto r = lib_build(src, out);
    REQUIRE(r.items.size() == 1);
    CHECK(r.items[0].status == BatchStatus::converted);
    CHECK(messages(r.items[0]).empty());
    auto lines = journal_lines(out);
    REQUIRE(lines.size() == 1);  // the newline of the path is not one of the journal
    CHECK(lines[0].find("odd%20dir%09with%0Anewline%20100%25%20\xff/a.md ") != std::string::npos);
    CHECK(lines[0].find("/pic%20ture.png") != std::string::npos);
    // Read back: the source and the image's path parse, so the article is up to date ...
    CHECK(lib_build(src, out).items[0].status == BatchStatus::skipped);
    // ... its image is checked ...
    write(dir / "pic ture.png", png_with_text(read_file(dir / "pic ture.png"), "v2"));
    CHECK(lib_build(src, out).items[0].status == BatchStatus::converted);
    // ... and its source is recognized: a new title, the old slug's outputs are named.
    write(dir / "a.md", md_article("Second Name", "Body.", {"<pic ture.png>"}));
    r = lib_build(src, out);
    CHECK(r.items[0].status == BatchStatus::converted);
    CHECK(mentions(messages(r.items[0]), (out / "first-name.pdf").string() + " and "));
    CHECK(r.items[0].orphans.size() == 2);

    // An old-format line (as an earlier quire wrote it) that would vouch for the outputs by
    // its hash and sizes: read without harm, but vouching for nothing.
    lines = journal_lines(out);
    const std::string last = lines.back();
    REQUIRE(last.rfind("v2 ", 0) == 0);
    const std::string old_format = last.substr(3, last.find(" second-name ") - 3) + " second-name";
    {
        std::ofstream app(out / ".quire" / "records", std::ios::app | std::ios::binary);
        app << old_format << "\n";
        // Damaged lines of every kind: ignored.
        app << "v2\n"
            << "v2 - 0 - - %ZZ - -\n"
            << "v2 " << std::string(64, 'a') << " 1 2 3 slug /src zz\n"
            << "v2 " << std::string(64, 'a') << " 1 2 3 slug /src - extra\n"
            << "v2 " << std::string(64, 'a') << " 1 2 3 slug /src " << std::string(64, 'b') << "\n"
            << "v2 - 0 - - sl ug - -\n"
            << "v3 something else\n"
            << std::string("\0\xff binary\r", 11) << "\n"
            << "\n";
    }
    r = lib_build(src, out);
    CHECK(r.items[0].status == BatchStatus::converted);  // the old-format line is the last
    CHECK(lib_build(src, out).items[0].status == BatchStatus::skipped);

    // Folded (a whole run, a journal grown past two lines an article and 64): the fields
    // survive: up to date, the orphans still found.
    {
        std::ofstream app(out / ".quire" / "records", std::ios::app | std::ios::binary);
        for (int k = 0; k < 80; ++k) app << "v2 damaged line " << k << "\n";
    }
    r = lib_build(src, out);
    CHECK(r.items[0].status == BatchStatus::skipped);
    CHECK(r.items[0].orphans.size() == 2);
    lines = journal_lines(out);
    CHECK(lines.size() == 2);  // first-name's and second-name's
    r = lib_build(src, out);
    CHECK(r.items[0].status == BatchStatus::skipped);
    CHECK(r.items[0].orphans.size() == 2);
}

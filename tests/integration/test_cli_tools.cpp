// The command line's tools beside build: watch (rebuilds after an edit, survives a broken one,
// stops on Ctrl-C), PNG previews, shell completion (loaded in bash, and in zsh and fish where
// they are installed), orphans of a changed title (--prune), the man page, and every example
// of the commands' --help and of the README run as written.
#include "support/paths.hpp"
#include "support/process.hpp"

#include <quire/style_file.hpp>

#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <set>
#include <thread>

namespace fs = std::filesystem;
using quire::test::kBin;
using quire::test::kExamples;
using quire::test::kFixtures;
using quire::test::pdf_pages;
using quire::test::pdftotext;
using quire::test::read_file;
using quire::test::run;
using quire::test::TempDir;

namespace {

void write(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

/// A program running in the background, its output in files (for `quire watch`).
class Background {
public:
    Background(const std::vector<std::string>& argv, const fs::path& dir)
        : out_(dir / "bg.out"), err_(dir / "bg.err") {
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        pid_ = ::fork();
        if (pid_ == 0) {
            const int o = ::open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            const int e = ::open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            ::dup2(o, STDOUT_FILENO);
            ::dup2(e, STDERR_FILENO);
            ::execv(args[0], args.data());
            ::_exit(127);
        }
    }
    ~Background() {
        if (pid_ > 0 && !waited_) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    /// What it printed on stderr so far.
    std::string err() const {
        std::ifstream in(err_, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }

    /// Sends `sig` and waits (at most `seconds`) for the exit status; -1 if it did not end.
    int stop(int sig, int seconds) {
        ::kill(pid_, sig);
        for (int k = 0; k < seconds * 20; ++k) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                waited_ = true;
                return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return -1;
    }

private:
    fs::path out_, err_;
    pid_t pid_ = -1;
    bool waited_ = false;
};

/// Waits up to `seconds` for `done()`.
template <class F>
bool eventually(F done, int seconds) {
    for (int k = 0; k < seconds * 10; ++k) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return done();
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

// Two small valid PNGs: an 8x8 red square and a 12x6 blue bar.
const std::string kRedPng = std::string(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52"
    "\x00\x00\x00\x08\x00\x00\x00\x08\x08\x02\x00\x00\x00\x4b\x6d\x29"
    "\xdc\x00\x00\x00\x11\x49\x44\x41\x54\x78\xda\x63\x38\x21\x27\x87"
    "\x15\x31\x0c\x2d\x09\x00\x90\xbf\x41\x01\xcf\x70\xa1\x3c\x00\x00"
    "\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
    74);
const std::string kBluePng = std::string(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52"
    "\x00\x00\x00\x0c\x00\x00\x00\x06\x08\x02\x00\x00\x00\x78\x8c\xe8"
    "\xd6\x00\x00\x00\x11\x49\x44\x41\x54\x78\xda\x63\x90\x93\x3b\x41"
    "\x10\x31\x0c\x55\x45\x00\x87\xbf\x49\x21\x4a\x32\x49\xf4\x00\x00"
    "\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
    74);

const std::string kArticle = R"(---
title: Watched Article
author: A. Writer
lang: en
---

The first version of the body says WORDONE and has a figure.

![A small square](square.png)
)";

}  // namespace

TEST_CASE("cli: quire watch rebuilds after an edit, survives a broken one, stops on SIGINT",
          "[cli][watch]") {
    TempDir dir;
    const fs::path article = dir.path / "watched.md";
    const fs::path image = dir.path / "square.png";
    write(image, kRedPng);
    write(article, kArticle);
    const fs::path out = dir.path / "out";
    const fs::path pdf = out / "watched-article.pdf";
    Background watch({kBin, "watch", article.string(), "-o", out.string(), "--format", "pdf"},
                     dir.path);
    // Waits for the n-th build to end ("built ..., watching N files").
    auto wait_for_build = [&](std::size_t n, int seconds) {
        if (!eventually([&] { return count(watch.err(), "watching") == n; }, seconds))
            FAIL("build " << n << " did not end within " << seconds << " s:\n" << watch.err());
    };
    wait_for_build(1, 60);
    REQUIRE(fs::exists(pdf));
    CHECK(pdftotext(pdf).find("WORDONE") != std::string::npos);

    // An edit: built again within seconds (the watch polls five times a second).
    std::string text = kArticle;
    text.replace(text.find("WORDONE"), 7, "WORDTWO");
    write(article, text);
    wait_for_build(2, 30);
    CHECK(pdftotext(pdf).find("WORDTWO") != std::string::npos);

    // The image changed, not the article: built again too.
    const auto before = fs::last_write_time(pdf);
    write(image, kBluePng);
    wait_for_build(3, 30);
    CHECK(fs::last_write_time(pdf) != before);

    // A broken edit: the error is shown and the watch goes on.
    write(article, "\xff\xfe not UTF-8\n");
    wait_for_build(4, 30);
    CHECK(watch.err().find("error:") != std::string::npos);
    text.replace(text.find("WORDTWO"), 7, "WORDTHREE");
    write(article, text);
    wait_for_build(5, 30);
    CHECK(pdftotext(pdf).find("WORDTHREE") != std::string::npos);

    CHECK(watch.stop(SIGINT, 30) == 0);
    CHECK(watch.err().find("stopped watching") != std::string::npos);
}

TEST_CASE("cli: --preview writes a PNG for each page of each PDF", "[cli][preview]") {
    TempDir dir;
    const fs::path out = dir.path / "out";
    auto r = run({kBin, "build", (kExamples / "ukraine-policy-of-japan.txt").string(), "-o",
                  out.string(), "--format", "pdf", "--preview", "30", "--report",
                  (dir.path / "report.json").string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const fs::path pdf = out / "the-ukraine-policy-of-japan.pdf";
    const int pages = pdf_pages(pdf);
    std::vector<fs::path> pngs;
    for (const auto& e : fs::directory_iterator(out))
        if (e.path().extension() == ".png") pngs.push_back(e.path());
    CHECK(static_cast<int>(pngs.size()) == pages);
    CHECK(fs::exists(out / "the-ukraine-policy-of-japan.page-1.png"));
    const std::string report = read_file(dir.path / "report.json");
    CHECK(report.find("the-ukraine-policy-of-japan.page-1.png") != std::string::npos);

    // A bad resolution is a usage error.
    CHECK(run({kBin, "build", "x.txt", "-o", out.string(), "--preview", "0"}).status == 2);
}

TEST_CASE("cli: a changed title leaves the old outputs reported, --prune removes them",
          "[cli][prune]") {
    TempDir dir;
    const fs::path article = dir.path / "a.md";
    write(article, "---\ntitle: First Title\n---\n\nSome text of the body.\n");
    const fs::path out = dir.path / "out";
    REQUIRE(run({kBin, "build", article.string(), "-o", out.string()}).status == 0);
    write(article, "---\ntitle: Second Title\n---\n\nSome text of the body.\n");
    auto second = run({kBin, "build", article.string(), "-o", out.string()});
    INFO(second.err);
    CHECK(second.status == 0);
    CHECK(second.err.find("first-title.pdf") != std::string::npos);
    CHECK(second.err.find("--prune") != std::string::npos);
    CHECK(fs::exists(out / "first-title.pdf"));
    auto pruned = run({kBin, "build", article.string(), "-o", out.string(), "--prune", "--report",
                       (dir.path / "report.json").string()});
    INFO(pruned.out << pruned.err);
    CHECK(pruned.status == 0);
    CHECK_FALSE(fs::exists(out / "first-title.pdf"));
    CHECK_FALSE(fs::exists(out / "first-title.epub"));
    CHECK(fs::exists(out / "second-title.pdf"));
    const std::string report = read_file(dir.path / "report.json");
    CHECK(report.find("\"removed\": [") != std::string::npos);
    CHECK(report.find("first-title.epub") != std::string::npos);
    auto third = run({kBin, "build", article.string(), "-o", out.string()});
    CHECK(third.err.find("first-title") == std::string::npos);
}

TEST_CASE("cli: completion scripts load and complete in bash (zsh, fish where installed)",
          "[cli][completion]") {
    // bash: load the script, then ask its function what it offers for a partial line.
    auto complete = [](const std::string& line) {
        const std::string script = "source <('" + kBin +
                                   "' completion bash) || exit 3\n"
                                   "COMP_LINE='" +
                                   line +
                                   "'; read -ra COMP_WORDS <<< \"$COMP_LINE\"\n"
                                   "[[ $COMP_LINE == *' ' ]] && COMP_WORDS+=('')\n"
                                   "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                                   "_quire; printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        auto r = run({"bash", "-c", script});
        INFO(line << "\n" << r.err);
        REQUIRE(r.status == 0);
        return r.out;
    };
    CHECK(complete("quire bu") == "build\n");
    CHECK(complete("quire build --sty") == "--style\n");
    CHECK(complete("quire build --format ") ==
          "pdf\nepub\npdf,epub\nprint-pdf\npdf,print-pdf\npdf,print-pdf,epub\n");
    CHECK(complete("quire watch --epub-fonts e") == "embed\n");
    for (const auto& name : quire::builtin_style_names())
        CHECK(complete("quire build --style ").find(name + "\n") != std::string::npos);
    CHECK(complete("quire styles show bo") == "book\n");
    CHECK(complete("quire completion z") == "zsh\n");
    CHECK(complete("quire convert --o") == "--output\n");
    // Every option of build is offered.
    const std::string all = complete("quire build --");
    for (const auto* o : {"--output", "--preview", "--prune", "--limit", "--collection"})
        CHECK(all.find(std::string(o) + "\n") != std::string::npos);
    auto complete_registered =
        run({"bash", "-c", "source <('" + kBin + "' completion bash); complete -p quire"});
    CHECK(complete_registered.out.find("-F _quire quire") != std::string::npos);

    if (quire::test::have_program("zsh")) {
        auto z = run({"zsh", "-c",
                      "autoload -U compinit && compinit -u -D && source <('" + kBin +
                          "' completion zsh) && print -r -- ${_comps[quire]}"});
        INFO(z.err);
        CHECK(z.status == 0);
        CHECK(z.out == "_quire\n");
    }
    if (quire::test::have_program("fish")) {
        auto f = run({"fish", "-c",
                      "'" + kBin + "' completion fish | source; complete -C 'quire build --for'"});
        INFO(f.err);
        CHECK(f.status == 0);
        CHECK(f.out.find("--format") != std::string::npos);
    }
    CHECK(run({kBin, "completion", "tcsh"}).status == 2);
    CHECK(run({kBin, "completion", "bsh"}).err.find("did you mean bash?") != std::string::npos);
}

TEST_CASE("cli: the man page renders", "[cli][man]") {
    const fs::path page = fs::path(kBin).parent_path() / "quire.1";
    if (!fs::exists(page) || !quire::test::have_program("man")) {
        WARN("no quire.1 or no man(1) here; the man page target makes it");
        return;
    }
    auto r = run({"man", "-l", page.string()}, {{"MANWIDTH", "100"}, {"MANPAGER", "cat"}});
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(r.out.find("quire watch") != std::string::npos);
    CHECK(r.out.find("--preview") != std::string::npos);
    // The examples one a line, not joined into a paragraph.
    CHECK(r.out.find("quire build article.txt -o out\n") != std::string::npos);
}

namespace {

/// A folder with the files the examples name: article.txt, article.md, articles/, ...
void example_files(const fs::path& dir) {
    fs::copy_file(kExamples / "ukraine-policy-of-japan.txt", dir / "article.txt");
    fs::copy_file(kExamples / "ukraine-policy-of-japan.md", dir / "article.md");
    fs::create_directories(dir / "articles");
    fs::copy_file(kExamples / "ukraine-policy-of-japan.txt", dir / "articles" / "one.txt");
    fs::copy_file(kFixtures / "turkish.txt", dir / "articles" / "two.txt");
    fs::create_directories(dir / "archive");
    for (const auto* name : {"minimal.txt", "turkish.txt", "russian.txt"})
        fs::copy_file(kFixtures / name, dir / "archive" / name);
    write(dir / "archive" / "2026-11.yaml",
          "title: November\narticles:\n  - minimal.txt\n  - turkish.txt\n  - russian.txt\n");
    write(dir / "house.yaml", "extends: report\n");
    // A house font: an installed Noto serif under another file name.
    auto font = run({"fc-match", "-f", "%{file}", "Noto Serif:style=Regular"});
    if (!font.out.empty()) fs::copy_file(font.out, dir / "HouseSerif-Regular.otf");
    write(dir / "house-fonts.conf",
          read_file(fs::path(QUIRE_SOURCE_DIR) / "fonts" / "fallback.conf"));
}

/// Runs one example command line in `dir` with bash (it may redirect or use $(...)); `quire`
/// is the program under test. A watch is stopped with SIGINT once it is watching.
quire::test::RunResult run_example(const std::string& line, const fs::path& dir) {
    // `quire` is the program under test, first in PATH (GNU parallel runs it too).
    fs::create_directories(dir / ".bin");
    std::error_code ec;
    fs::create_symlink(fs::absolute(kBin), dir / ".bin" / "quire", ec);
    std::string script = "set -e\ncd '" + dir.string() + "'\nexport PATH=\"$PWD/.bin:$PATH\"\n";
    if (line.rfind("quire watch", 0) == 0)
        script += line +
                  " 2> watch.err & pid=$!\n"
                  "for i in $(seq 600); do grep -q watching watch.err && break; sleep 0.1; done\n"
                  "kill -INT $pid; wait $pid; cat watch.err >&2\n";
    else
        script += line + "\n";
    return run({"bash", "-c", script}, {{"SLURM_ARRAY_TASK_ID", "1"}});
}

/// The example lines of a help text: those after "Examples:".
std::vector<std::string> help_examples(const std::string& help) {
    std::vector<std::string> lines;
    const auto at = help.find("\nExamples:\n");
    if (at == std::string::npos) return lines;
    std::istringstream in(help.substr(at + 11));
    for (std::string l; std::getline(in, l);)
        if (l.rfind("  ", 0) == 0) lines.push_back(l.substr(2));
    return lines;
}

}  // namespace

TEST_CASE("cli: every example of every command's --help runs as written", "[cli][examples]") {
    std::set<std::string> seen;
    for (const auto* command : {"build", "watch", "convert", "styles", "fonts", "completion"}) {
        auto help = run({kBin, "help", command});
        REQUIRE(help.status == 0);
        const auto examples = help_examples(help.out);
        INFO(command);
        CHECK_FALSE(examples.empty());
        for (const auto& line : examples) {
            if (!seen.insert(line).second) continue;
            TempDir dir;
            example_files(dir.path);
            auto r = run_example(line, dir.path);
            INFO(line << "\n" << r.out << r.err);
            CHECK(r.status == 0);
        }
    }
    CHECK(seen.size() >= 12);
}

TEST_CASE("cli: every quire command in the README's shell blocks runs as written",
          "[cli][examples]") {
    const std::string readme = read_file(fs::path(QUIRE_SOURCE_DIR) / "README.md");
    std::istringstream in(readme);
    bool shell = false;
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) {
        if (l.rfind("```", 0) == 0) {
            shell = !shell && l == "```sh";
            continue;
        }
        if (!shell) continue;
        if (const auto hash = l.find("  #"); hash != std::string::npos) l.resize(hash);
        while (!l.empty() && l.back() == ' ') l.pop_back();
        if (l.rfind("quire ", 0) == 0 || l.rfind("parallel quire ", 0) == 0) lines.push_back(l);
    }
    CHECK(lines.size() >= 4);
    for (const auto& line : lines) {
        if (line.rfind("parallel ", 0) == 0 && !quire::test::have_program("parallel")) {
            WARN("GNU parallel is not installed: not run: " << line);
            continue;
        }
        TempDir dir;
        example_files(dir.path);
        auto r = run_example(line, dir.path);
        INFO(line << "\n" << r.out << r.err);
        CHECK(r.status == 0);
    }
}

// Finding one's way in the command line: the built-in styles (quire styles), and "did you mean"
// for a misspelt command, option or style name; each a usage error (exit status 2).
#include "support/paths.hpp"
#include "support/process.hpp"

#include <quire/style_file.hpp>

#include <catch2/catch.hpp>

#include <string>

using quire::test::kBin;
using quire::test::run;

TEST_CASE("cli: quire styles lists the built-in styles, show prints one", "[cli]") {
    auto list = run({kBin, "styles"});
    INFO(list.err);
    REQUIRE(list.status == 0);
    for (const auto& name : quire::builtin_style_names()) {
        INFO(name);
        const bool listed = list.out.find("\n" + name + " ") != std::string::npos ||
                            list.out.rfind(name + " ", 0) == 0;
        CHECK(listed);
    }
    CHECK(list.out.find("A4 reports, the default style.") != std::string::npos);

    auto book = run({kBin, "styles", "show", "book"});
    REQUIRE(book.status == 0);
    CHECK(book.out == std::string(quire::builtin_style_text("book")));
    // What it prints is a style file the program reads back.
    auto back = quire::parse_style(book.out, "book.yaml");
    INFO((back ? "" : back.error().format()));
    CHECK(back);

    auto typo = run({kBin, "styles", "show", "reprot"});
    CHECK(typo.status == 2);
    CHECK(typo.err.find("no built-in style 'reprot' (did you mean report?)") != std::string::npos);
    CHECK(run({kBin, "styles", "shwo", "book"}).status == 2);
}

TEST_CASE("cli: a misspelt command or option gets a suggestion and exit status 2", "[cli]") {
    auto cmd = run({kBin, "biuld", "x.txt", "-o", "out"});
    CHECK(cmd.status == 2);
    CHECK(cmd.err.find("unknown command 'biuld' (did you mean build?)") != std::string::npos);

    auto opt = run({kBin, "build", "x.txt", "-o", "out", "--stlye", "book"});
    CHECK(opt.status == 2);
    CHECK(opt.err.find("unknown option '--stlye' (did you mean --style?)") != std::string::npos);

    auto conv = run({kBin, "convert", "x.txt", "--ouptut", "x.xml"});
    CHECK(conv.status == 2);
    CHECK(conv.err.find("(did you mean --output?)") != std::string::npos);

    // Nothing close: no suggestion, still a usage error.
    auto far = run({kBin, "typeset-everything"});
    CHECK(far.status == 2);
    CHECK(far.err.find("did you mean") == std::string::npos);
}

TEST_CASE("cli: each command has its own help", "[cli]") {
    for (const auto& [args, first] : std::vector<std::pair<std::vector<std::string>, std::string>>{
             {{"build", "--help"}, "Usage: quire build"},
             {{"anthology", "--help"}, "Usage: quire build"},
             {{"convert", "--help"}, "Usage: quire convert"},
             {{"styles", "--help"}, "Usage: quire styles"},
             {{"watch", "--help"}, "Usage: quire watch"},
             {{"fonts", "--help"}, "Usage: quire fonts"},
             {{"completion", "--help"}, "Usage: quire completion"},
             {{"help", "watch"}, "Usage: quire watch"},
             {{"help", "convert"}, "Usage: quire convert"},
             {{"help", "styles"}, "Usage: quire styles"},
             {{"--help"}, "Usage: quire build"}}) {
        std::vector<std::string> argv{kBin};
        argv.insert(argv.end(), args.begin(), args.end());
        auto r = run(argv);
        INFO(args.front() << " " << args.back() << "\n" << r.err);
        CHECK(r.status == 0);
        CHECK(r.out.rfind(first, 0) == 0);
        CHECK(r.out.find("Examples:") != std::string::npos);
    }
    auto bad = run({kBin, "help", "convret"});
    CHECK(bad.status == 2);
    CHECK(bad.err.find("did you mean convert?") != std::string::npos);
}

TEST_CASE("cli: a missing INPUT is a usage error, and nothing is written", "[cli]") {
    quire::test::TempDir out;
    auto r = run({kBin, "build", (quire::test::kFixtures / "minimal.txt").string(),
                  "/nonexistent/article.txt", "-o", (out.path / "o").string()});
    CHECK(r.status == 2);
    CHECK(r.err.find("no such file or folder: /nonexistent/article.txt") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out.path / "o"));
}

TEST_CASE("cli: quire fonts lists every chain's families, files and scripts", "[cli][fonts]") {
    auto r = run({kBin, "fonts"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.out.rfind("[serif]\n  Noto Serif ", 0) == 0);
    CHECK(r.out.find("[sans]") != std::string::npos);
    CHECK(r.out.find("[mono]") != std::string::npos);
    CHECK(r.out.find("NotoSerif-Regular.ttf\n") != std::string::npos);
    CHECK(r.out.find("Latin Greek Cyrillic") != std::string::npos);
    // debian-packages.txt installs every family the built-in chains name (a chain that names a
    // family by a name fontconfig does not know, as "Noto Sans Symbols 2" once did, shows here).
    CHECK(r.out.find("missing") == std::string::npos);

    // Only the fonts given: everything else is missing, with the package that has it.
    auto only = run({kBin, "fonts", "--no-system-fonts", "--font",
                     "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf"});
    REQUIRE(only.status == 0);
    CHECK(only.out.find("  Noto Serif ") != std::string::npos);
    CHECK(only.out.find("Noto Sans CJK SC") != std::string::npos);
    CHECK(only.out.find("missing (Debian: fonts-noto-cjk)") != std::string::npos);
    CHECK(only.out.find("families are missing") != std::string::npos);

    CHECK(run({kBin, "fonts", "--font"}).status == 2);
    CHECK(run({kBin, "fonts", "--fnot", "x"}).status == 2);
}

// Style files (include/quire/style_file.hpp): units, the size/leading shorthand, extends over
// built-ins and files and its cycles, errors with file, line, key and suggestion, the built-in
// report style equal to Style::report() field by field, and write_style() read back identical.
#include "api/style_keys.hpp"
#include "support/process.hpp"

#include <quire/batch.hpp>
#include <quire/style_file.hpp>

#include <yaml-cpp/yaml.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <set>
#include <string>
#include <string_view>

namespace fs = std::filesystem;
using quire::test::read_file;
using quire::test::TempDir;

namespace {

void write(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

quire::Style parse_ok(const std::string& yaml) {
    auto s = quire::parse_style(yaml, "test.yaml");
    INFO((s ? std::string() : s.error().format()));
    REQUIRE(s);
    return *s;
}

std::string parse_error(const std::string& yaml, const std::string& file = "test.yaml") {
    auto s = quire::parse_style(yaml, file);
    REQUIRE_FALSE(s);
    return s.error().format();
}

}  // namespace

TEST_CASE("style file: lengths take pt, mm, cm and in: bare numbers are points", "[style]") {
    const auto s = parse_ok(
        "margins:\n  top: 10mm\n  bottom: 2cm\n  inner: 1in\n  outer: 30pt\n"
        "body:\n  indent: 12\n");
    CHECK(s.margin_top == Approx(28.3464567));
    CHECK(s.margin_bottom == Approx(56.6929134));
    CHECK(s.margin_inner == 72);
    CHECK(s.margin_outer == 30);
    CHECK(s.paragraph_indent == 12);
    CHECK(s.name == "test");  // the file's stem when the file sets no name
}

TEST_CASE("style file: size/leading shorthand, page sizes, colours, chains and scripts",
          "[style]") {
    const auto s = parse_ok(
        "name: house\n"
        "page: {size: 6in x 9in, bleed: 3mm}\n"
        "body: {size: 11/14.5, font: sans}\n"
        "notes: {size: 8pt/10pt, placement: endnotes, continued_label: \"\", heading: Notes}\n"
        "colors: {text: \"#102030\", rule: \"#abc\", link: blue}\n"
        "fonts:\n"
        "  chains:\n"
        "    serif: [Noto Serif, Noto Naskh Arabic]\n"
        "    display: Noto Sans\n"
        "  scripts: {arabic: Noto Kufi Arabic}\n");
    CHECK(s.name == "house");
    CHECK(s.page_width == 432);
    CHECK(s.page_height == 648);
    CHECK(s.bleed == Approx(8.503937));
    CHECK(s.body.size == 11);
    CHECK(s.body.leading == 14.5);
    CHECK(s.body.chain == "sans");
    CHECK(s.note.size == 8);
    CHECK(s.note.leading == 10);
    CHECK(s.notes == quire::NotePlacement::endnotes);
    CHECK(s.continued_label == std::optional<std::string>(""));
    CHECK(s.notes_heading == std::optional<std::string>("Notes"));
    CHECK(s.text_color == quire::Color{0x10, 0x20, 0x30});
    CHECK(s.rule_color == quire::Color{0xaa, 0xbb, 0xcc});
    CHECK(s.link_color == quire::Color{0, 0, 255});
    REQUIRE(s.font_chains.size() == 2);
    CHECK(s.font_chains[0] == quire::FontChain{"serif", {"Noto Serif", "Noto Naskh Arabic"}});
    CHECK(s.font_chains[1] == quire::FontChain{"display", {"Noto Sans"}});
    REQUIRE(s.script_fonts.size() == 1);
    CHECK(s.script_fonts[0] == quire::ScriptFont{"arabic", "Noto Kufi Arabic"});
    // Only the size: the leading stays.
    const auto t = parse_ok("body: {size: 12}\n");
    CHECK(t.body.size == 12);
    CHECK(t.body.leading == 15);
}

TEST_CASE("style file: microtype's settings, a character's protrusion amounts", "[style]") {
    const auto s = parse_ok(
        "microtype:\n"
        "  protrusion: false\n"
        "  protrusion_factor: 0.5\n"
        "  protrusion_chars: {\"\u2014\": [0, 0], \"\u00AB\": [300, -100]}\n"
        "  expansion_stretch: 0.03\n"
        "  expansion_shrink: 0\n"
        "  expansion_step: 0.002\n");
    CHECK_FALSE(s.protrusion);
    CHECK(s.protrusion_factor == 0.5);
    REQUIRE(s.protrusion_chars.size() == 2);
    CHECK(s.protrusion_chars[0] == quire::CharProtrusion{"\u2014", 0, 0});
    CHECK(s.protrusion_chars[1] == quire::CharProtrusion{"\u00AB", 300, -100});
    CHECK(s.expansion_stretch == 0.03);
    CHECK(s.expansion_shrink == 0);
    CHECK(s.expansion_step == 0.002);
    // The defaults: both on, microtype's 2% in steps of 0.1%.
    const auto d = quire::Style::report();
    CHECK(d.protrusion);
    CHECK(d.protrusion_factor == 1);
    CHECK(d.protrusion_chars.empty());
    CHECK(d.expansion_stretch == 0.02);
    CHECK(d.expansion_shrink == 0.02);
    CHECK(d.expansion_step == 0.001);
    // A file that extends another replaces a character's amounts and keeps the others'.
    TempDir dir;
    write(dir.path / "base.yaml",
          "microtype: {protrusion_chars: {\".\": [0, 800], \",\": [0, 600]}}\n");
    write(dir.path / "house.yaml",
          "extends: base.yaml\nmicrotype: {protrusion_chars: {\".\": [0, 500]}}\n");
    auto h = quire::load_style(dir.path / "house.yaml");
    INFO((h ? std::string() : h.error().format()));
    REQUIRE(h);
    REQUIRE(h->protrusion_chars.size() == 2);
    CHECK(h->protrusion_chars[0] == quire::CharProtrusion{".", 0, 500});
    CHECK(h->protrusion_chars[1] == quire::CharProtrusion{",", 0, 600});
    // Errors name the key and the line.
    CHECK(parse_error("microtype:\n  protrusion_chars: {ab: [0, 500]}\n") ==
          "test.yaml:2: error: 'microtype.protrusion_chars': 'ab' is not one character");
    CHECK(parse_error("microtype:\n  protrusion_chars: {\".\": [0, 1500]}\n")
              .find("test.yaml:2: error: 'microtype.protrusion_chars': '1500' is not a whole "
                    "number from -1000 to 1000") == 0);
    CHECK(parse_error("microtype:\n  protrusion_chars: {\".\": 700}\n")
              .find("test.yaml:2: error: 'microtype.protrusion_chars': must map characters") == 0);
    CHECK(parse_error("microtype:\n  protrusion_chars: [1, 2]\n")
              .find("test.yaml:2: error: 'microtype.protrusion_chars': must map characters") == 0);
    CHECK(parse_error("microtype:\n  expansion_stretch: 0.5\n")
              .find("test.yaml:2: error: 'microtype.expansion_stretch': 0.5 is out of range") == 0);
}

TEST_CASE("style file: the built-in report style is Style::report(), field by field", "[style]") {
    auto r = quire::builtin_style("report");
    REQUIRE(r);
    CHECK(quire::describe(*r) == quire::describe(quire::Style::report()));
    // report.yaml sets every key itself (it is the format's reference), none by default.
    std::set<std::string> set;
    std::function<void(const YAML::Node&, const std::string&)> walk = [&](const YAML::Node& n,
                                                                          const std::string& at) {
        for (const auto& kv : n) {
            const std::string path = at.empty() ? kv.first.Scalar() : at + "." + kv.first.Scalar();
            set.insert(path);
            if (kv.second.IsMap() && path != "fonts.chains" && path != "fonts.scripts")
                walk(kv.second, path);
            else if (kv.second.IsScalar() && path.ends_with(".size") &&
                     kv.second.Scalar().find('/') != std::string::npos)
                set.insert(path.substr(0, path.size() - 4) + "leading");
        }
    };
    walk(YAML::Load(std::string(quire::builtin_style_text("report"))), "");
    for (const auto& k : quire::style_keys()) {
        INFO(k.path);
        CHECK(set.count(k.path) == 1);
    }
}

TEST_CASE("style file: the built-ins", "[style]") {
    CHECK(quire::builtin_style_names() == std::vector<std::string>{"book", "letter", "report"});
    auto book = quire::builtin_style("book");
    REQUIRE(book);
    CHECK(book->name == "book");
    CHECK(book->page_width == 432);   // 6 in
    CHECK(book->page_height == 648);  // 9 in
    CHECK(book->mirror_margins);
    CHECK(book->margin_inner > book->margin_outer);
    CHECK(book->bleed == 0);
    CHECK(book->paragraph_indent == 12);
    CHECK(book->tolerance == 400);  // inherited from report
    auto letter = quire::builtin_style("letter");
    REQUIRE(letter);
    CHECK(letter->page_width == 612);
    CHECK(letter->page_height == 792);
    CHECK(letter->margin_top == 72);
    CHECK_FALSE(letter->mirror_margins);
    auto none = quire::builtin_style("novel");
    REQUIRE_FALSE(none);
    CHECK(none.error().message.find("book, letter, report") != std::string::npos);
}

TEST_CASE("style file: extends a built-in and a file, relative to the file", "[style]") {
    TempDir tmp;
    fs::create_directories(tmp.path / "house");
    write(tmp.path / "house" / "base.yaml",
          "# the house base\nextends: book\nbody:\n  size: 9.5/13\ncolors:\n  text: \"#222222\"\n");
    write(tmp.path / "series.yaml",
          "extends: house/base.yaml\npage:\n  bleed: 3mm\nbody:\n  indent: 1em_is_not_a_unit\n");
    auto bad = quire::load_style(tmp.path / "series.yaml");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().format().find("series.yaml:5: error: 'body.indent': malformed length") !=
          std::string::npos);
    write(tmp.path / "series.yaml", "extends: house/base.yaml\npage:\n  bleed: 3mm\n");
    auto s = quire::load_style(tmp.path / "series.yaml");
    INFO((s ? std::string() : s.error().format()));
    REQUIRE(s);
    CHECK(s->name == "series");
    CHECK(s->page_width == 432);  // book
    CHECK(s->mirror_margins);     // book
    CHECK(s->body.size == 9.5);   // base.yaml
    CHECK(s->body.leading == 13);
    CHECK(s->text_color == quire::Color{0x22, 0x22, 0x22});
    CHECK(s->bleed == Approx(3 * 72 / 25.4));  // series.yaml
    // find_style: a built-in name or a file.
    auto f = quire::find_style((tmp.path / "series.yaml").string());
    REQUIRE(f);
    CHECK(quire::describe(*f) == quire::describe(*s));
    auto b = quire::find_style("letter");
    REQUIRE(b);
    CHECK(b->page_width == 612);
    auto typo = quire::find_style("leter");
    REQUIRE_FALSE(typo);
    CHECK(typo.error().message.find("did you mean 'letter'?") != std::string::npos);
}

TEST_CASE("style file: a cycle of extends is an error", "[style]") {
    TempDir tmp;
    write(tmp.path / "a.yaml", "extends: b.yaml\n");
    write(tmp.path / "b.yaml", "body:\n  size: 10\nextends: ./a.yaml\n");
    auto s = quire::load_style(tmp.path / "a.yaml");
    REQUIRE_FALSE(s);
    const std::string e = s.error().format();
    INFO(e);
    CHECK(e.find("b.yaml:3: error: 'extends' makes a cycle") != std::string::npos);
    write(tmp.path / "self.yaml", "extends: self.yaml\n");
    auto self = quire::load_style(tmp.path / "self.yaml");
    REQUIRE_FALSE(self);
    CHECK(self.error().message.find("cycle") != std::string::npos);
    write(tmp.path / "c.yaml", "extends: bok\n");
    auto c = quire::load_style(tmp.path / "c.yaml");
    REQUIRE_FALSE(c);
    CHECK(c.error().format().find("c.yaml:1: error: 'extends': no built-in style 'bok' (did you "
                                  "mean 'book'?)") != std::string::npos);
    auto missing = quire::load_style(tmp.path / "nope.yaml");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().format().find("nope.yaml") != std::string::npos);
}

TEST_CASE("style file: an unknown key names file, line and key, with the nearest key", "[style]") {
    CHECK(parse_error("extends: book\nnotes:\n  rule:\n    widht: 3mm\n", "house.yaml") ==
          "house.yaml:4: error: unknown key 'notes.rule.widht' (did you mean "
          "'notes.rule.width'?)");
    CHECK(parse_error("body:\n  sise: 10\n") ==
          "test.yaml:2: error: unknown key 'body.sise' (did you mean 'body.size'?)");
    CHECK(parse_error("\n\nmargin:\n  top: 1in\n") ==
          "test.yaml:3: error: unknown key 'margin' (did you mean 'margins'?)");
    // A key of another section, in the wrong place.
    CHECK(parse_error("leading: 14\n") ==
          "test.yaml:1: error: unknown key 'leading' (did you mean 'body.leading'?)");
    CHECK(parse_error("headings:\n  h4: {size: 9}\n")
              .find("test.yaml:2: error: unknown key "
                    "'headings.h4'") == 0);
    const std::string far = parse_error("colors:\n  zzzzzzzz: \"#000000\"\n");
    CHECK(far.find("test.yaml:2: error: unknown key 'colors.zzzzzzzz'; the keys here are text, "
                   "rule, link") == 0);
}

TEST_CASE("style file: a malformed or out-of-range value names file, line and key", "[style]") {
    CHECK(parse_error("body:\n  size: 10x/12\n")
              .find("test.yaml:2: error: 'body.size': malformed "
                    "size '10x/12'") == 0);
    CHECK(parse_error("margins:\n  top: 3furlongs\n")
              .find("test.yaml:2: error: 'margins.top': malformed length '3furlongs'") == 0);
    CHECK(parse_error("margins:\n  top: -3mm\n")
              .find("test.yaml:2: error: 'margins.top': -8.50394 is out of range") == 0);
    CHECK(parse_error("body:\n  justify: maybe\n") ==
          "test.yaml:2: error: 'body.justify': must be true or false, not 'maybe'");
    CHECK(parse_error("hyphenation:\n  max_consecutive: 2.5\n")
              .find("test.yaml:2: error: 'hyphenation.max_consecutive': malformed whole number") ==
          0);
    CHECK(parse_error("colors:\n  text: #ff0000\n")
              .find("test.yaml:2: error: 'colors.text': has "
                    "no value") == 0);
    CHECK(parse_error("colors:\n  link: \"#ff00zz\"\n")
              .find("test.yaml:2: error: 'colors.link': malformed colour") == 0);
    CHECK(parse_error("notes:\n  placement: sidenotes\n") ==
          "test.yaml:2: error: 'notes.placement': must be footnotes or endnotes, not 'sidenotes'");
    CHECK(parse_error("fonts:\n  scripts:\n    klingon: X\n")
              .find("test.yaml:3: error: 'fonts.scripts': unknown script 'klingon'") == 0);
    CHECK(parse_error("page:\n  size: A9\n").find("test.yaml:2: error: 'page.size': malformed") ==
          0);
    // page.size is held to page.width's and page.height's bounds (a fuzz finding: a style that
    // wrote back a page.height it could not read).
    CHECK(
        parse_error("page:\n  size: 6in x 875in\n") ==
        "test.yaml:2: error: 'page.size': the height, 63000 pt, is out of range (72 to 14400 pt)");
    CHECK(parse_error("page:\n  size: 0.5in x 9in\n") ==
          "test.yaml:2: error: 'page.size': the width, 36 pt, is out of range (72 to 14400 pt)");
    // Checks over several keys (detail::check_style) name the line of the key that broke it.
    CHECK(parse_error("page:\n  size: letter\nmargins:\n  inner: 5in\n  outer: 3in\n") ==
          "test.yaml:5: error: the text block is narrower than 1 inch (page_width less margins)");
    CHECK(parse_error("body: [1, 2]\n").find("test.yaml:1: error:") == 0);
    CHECK(parse_error("body:\n  size: 10\n bad indent: 3\n").find("test.yaml:3: error: YAML:") ==
          0);
}

TEST_CASE("style file: write_style() reads back as the same style", "[style]") {
    for (const auto& name : quire::builtin_style_names()) {
        auto s = quire::builtin_style(name);
        REQUIRE(s);
        const std::string text = quire::write_style(*s);
        auto back = quire::parse_style(text, name + "-copy.yaml");
        INFO(name << "\n" << (back ? std::string() : back.error().format()) << "\n" << text);
        REQUIRE(back);
        CHECK(quire::describe(*back) == text);
    }
    // Every kind of value, away from the defaults.
    quire::Style s = quire::Style::report();
    s.name = "odd \"name\" \\ here";
    s.page_width = 500.123456789;
    s.bleed = 8.5039370078740157;
    s.mirror_margins = true;
    s.text_color = {1, 2, 3};
    s.link_color = {200, 100, 0};
    s.font_chains = {{"serif", {"Noto Serif", "Noto Kufi Arabic"}}, {"x y", {"A \"b\""}}};
    s.script_fonts = {{"Cyrl", "PT Serif"}};
    s.continued_label = "";
    s.notes_heading = "Endnotes: \"all\"";
    s.notes = quire::NotePlacement::endnotes;
    s.heading2 = {"sans", 12.25, 15.75};
    s.hyphenate = false;
    s.adj_demerits = 0;
    s.line_penalty = -5;
    s.letter_space_shrink = 0.0123;
    s.protrusion = false;
    s.protrusion_chars = {{"\u2014", 0, 0}, {"\"", -20, 1000}};
    s.expansion_step = 0.0025;
    const std::string text = quire::write_style(s);
    auto back = quire::parse_style(text, "odd.yaml");
    INFO(text << (back ? std::string() : back.error().format()));
    REQUIRE(back);
    CHECK(quire::describe(*back) == text);
    CHECK(back->name == s.name);
    CHECK(back->font_chains == s.font_chains);
    CHECK(back->script_fonts == s.script_fonts);
    CHECK(back->page_width == s.page_width);
    CHECK(back->continued_label == s.continued_label);
    CHECK(back->notes_heading == s.notes_heading);
    CHECK(back->protrusion_chars == s.protrusion_chars);
}

TEST_CASE("style file: every key is written and every Style field has a key", "[style]") {
    const std::string text = quire::write_style(quire::Style::report());
    std::set<std::string> fields;
    for (const auto& k : quire::style_keys()) {
        fields.insert(k.field.substr(0, k.field.find('.')));
        const std::string last = k.path.substr(k.path.rfind('.') + 1);
        INFO(k.path);
        CHECK(text.find(last + ":") != std::string::npos);
    }
    const std::string header =
        read_file(fs::path(QUIRE_SOURCE_DIR) / "include" / "quire" / "style.hpp");
    const auto from = header.find("struct QUIRE_API Style {");
    REQUIRE(from != std::string::npos);
    const std::string decls = header.substr(from, header.find("static Style report()") - from);
    static const std::regex member(
        R"((?:^|\n)\s+(?:std::optional<std::string>|std::string|double|int|bool|FontRole|NotePlacement|Color|std::vector<\w+>)\s+(\w+))");
    int members = 0;
    for (std::sregex_iterator it(decls.begin(), decls.end(), member), end; it != end; ++it) {
        const std::string name = (*it)[1];
        ++members;
        if (name == "name") continue;  // the top-level 'name'
        INFO(name);
        CHECK(fields.count(name) == 1);
    }
    CHECK(members >= 62);  // the pattern still finds the declarations
}

TEST_CASE("style file: extends reads files only in the style's folder (or an allowed one)",
          "[style][security]") {
    TempDir tmp;
    fs::create_directories(tmp.path / "styles" / "house");
    fs::create_directories(tmp.path / "shared");
    write(tmp.path / "shared" / "base.yaml", "extends: book\n");
    write(tmp.path / "styles" / "house" / "base.yaml", "extends: book\n");
    write(tmp.path / "styles" / "in.yaml", "extends: house/base.yaml\n");
    write(tmp.path / "styles" / "up.yaml", "extends: ../shared/base.yaml\n");
    write(tmp.path / "styles" / "passwd.yaml", "extends: /etc/passwd.yaml\n");
    write(tmp.path / "styles" / "abs.yaml",
          "extends: " + (tmp.path / "shared" / "base.yaml").string() + "\n");
    CHECK(quire::load_style(tmp.path / "styles" / "in.yaml"));
    for (const char* f : {"up.yaml", "abs.yaml", "passwd.yaml"}) {
        auto s = quire::load_style(tmp.path / "styles" / f);
        REQUIRE_FALSE(s);
        INFO(s.error().format());
        CHECK(s.error().format().find(std::string(f) + ":1: error: 'extends': ") !=
              std::string::npos);
        CHECK(s.error().message.find("is outside the style's folder") != std::string::npos);
    }
    // A link inside the folder that leads out is outside too.
    fs::create_symlink(tmp.path / "shared" / "base.yaml", tmp.path / "styles" / "link.yaml");
    write(tmp.path / "styles" / "via-link.yaml", "extends: link.yaml\n");
    CHECK_FALSE(quire::load_style(tmp.path / "styles" / "via-link.yaml"));
    // The caller allows the shared folder (--allow-path).
    auto up = quire::load_style(tmp.path / "styles" / "up.yaml", {tmp.path / "shared"});
    INFO((up ? std::string() : up.error().format()));
    CHECK(up);
    CHECK(
        quire::find_style((tmp.path / "styles" / "via-link.yaml").string(), {tmp.path / "shared"}));
    // parse_style: the text's stated file's folder.
    CHECK_FALSE(
        quire::parse_style("extends: ../shared/base.yaml\n", tmp.path / "styles" / "x.yaml"));
    CHECK(quire::parse_style("extends: house/base.yaml\n", tmp.path / "styles" / "x.yaml"));
}

// The table of style keys (src/api/style_keys.cpp): every key reads, holds to its range in the
// reader and in check_style(), and is in styles/README.md's table, which is made from it.
namespace {

using quire::detail::StyleKeyDef;
using quire::detail::StyleKind;

/// "a.b.c: v" as nested YAML.
std::string nested(const std::string& path, const std::string& value) {
    std::string out;
    std::size_t from = 0, depth = 0;
    for (std::size_t dot; (dot = path.find('.', from)) != std::string::npos; from = dot + 1)
        out += std::string(2 * depth++, ' ') + path.substr(from, dot - from) + ":\n";
    return out + std::string(2 * depth, ' ') + path.substr(from) + ": " + value + "\n";
}

/// A value the key reads (report's own, but for the keys without a field).
std::string valid_value(const StyleKeyDef& k) {
    switch (k.kind) {
        case StyleKind::name:
            return "house";
        case StyleKind::extends:
            return "book";
        case StyleKind::page_size:
            return "A5";
        default:
            return quire::detail::style_value_text(quire::Style::report(), k, "");
    }
}

void set_number(quire::Style& s, const StyleKeyDef& k, double v) {
    void* f = k.at(s);
    if (k.kind == StyleKind::integer)
        *static_cast<int*>(f) = static_cast<int>(v);
    else if (k.kind == StyleKind::size)
        static_cast<quire::FontRole*>(f)->size = v;
    else
        *static_cast<double*>(f) = v;
}

/// A number's exact text.
std::string exact(double v) {
    char text[64];
    std::snprintf(text, sizeof text, "%.17g", v);
    return text;
}

/// The checks over several keys, which a key at an end of its range may fail.
bool cross_check(const std::string& message) {
    return message.find("the text block is") != std::string::npos ||
           message.find("note_number_width") != std::string::npos;
}

/// styles/README.md's generated table, between its markers.
const char* kBegin = "<!-- style-keys begin";
const char* kEnd = "<!-- style-keys end -->\n";

}  // namespace

TEST_CASE("style keys: every key of the table reads", "[style][style-keys]") {
    for (const auto& k : quire::detail::style_key_table()) {
        const std::string path(k.path);
        const std::string yaml = nested(path, valid_value(k));
        INFO(yaml);
        const auto s = parse_ok(yaml);
        if (k.field_key()) {
            // It reads back what report.yaml writes (the default).
            CHECK(quire::detail::style_value_text(s, k, "") == valid_value(k));
        }
    }
}

TEST_CASE("style keys: a number one past either end of its range fails, naming the key",
          "[style][style-keys]") {
    int ranged = 0;
    for (const auto& k : quire::detail::style_key_table()) {
        const bool number = k.kind == StyleKind::length || k.kind == StyleKind::number ||
                            k.kind == StyleKind::integer || k.kind == StyleKind::size;
        INFO(k.path);
        CHECK(number == k.ranged());  // every number has a range, nothing else has one
        if (!k.ranged()) continue;
        ++ranged;
        const std::string path(k.path);
        const double step = k.kind == StyleKind::integer ? 1 : std::min(1.0, (k.max - k.min) / 100);
        for (const double v : {k.min, k.max}) {
            // In the file reader: the ends read (or fail a check over several keys only).
            const auto at_end = quire::parse_style(nested(path, exact(v)), "test.yaml");
            if (at_end)
                CHECK(k.number_in(*at_end) == Approx(v));
            else
                CHECK(cross_check(at_end.error().message));
            // In check_style().
            quire::Style s = quire::Style::report();
            set_number(s, k, v);
            const auto problem = quire::detail::style_problem(s);
            CHECK((problem.message.empty() || cross_check(problem.message)));
        }
        for (const double v : {k.min - step, k.max + step}) {
            const std::string e = parse_error(nested(path, exact(v)));
            INFO(e);
            CHECK(e.find("error: '" + path + "': ") != std::string::npos);
            CHECK(e.find("is out of range") != std::string::npos);
            quire::Style s = quire::Style::report();
            set_number(s, k, v);
            const std::string bad = quire::detail::style_problem(s).message;
            CHECK(bad.find("'" + path + "' (" + std::string(k.field) + "): ") == 0);
            CHECK(bad.find("is out of range") != std::string::npos);
            CHECK(quire::detail::style_problem(s).keys == std::vector<std::string_view>{k.path});
        }
    }
    CHECK(ranged >= 60);
    // A size's leading (size/leading) is held to the leading key's range.
    CHECK(parse_error("body: {size: 10/0}\n") ==
          "test.yaml:1: error: 'body.size': the leading, 0 is out of range (0.1 to 999 pt)");
    // A NaN set through the API is out of every range.
    quire::Style nan = quire::Style::report();
    nan.tolerance = std::nan("");
    CHECK(quire::detail::style_problem(nan).message.find(
              "'line_breaking.tolerance' (tolerance): ") == 0);
}

TEST_CASE("style keys: a key not in the table cannot be read", "[style][style-keys]") {
    for (const auto& k : quire::detail::style_key_table()) {
        const std::string path = std::string(k.path) + "_x";
        const std::string e = parse_error(nested(path, valid_value(k)));
        INFO(path << ": " << e);
        CHECK(e.find("error: unknown key '" + path + "'") != std::string::npos);
    }
    for (const char* path : {"headings.h4", "body.weight", "notes.rule.color", "page.depth"}) {
        const std::string e = parse_error(nested(path, "1"));
        INFO(e);
        CHECK(e.find(std::string("error: unknown key '") + path + "'") != std::string::npos);
    }
}

TEST_CASE("style keys: the font roles come from the table", "[style][style-keys]") {
    const auto& roles = quire::detail::font_roles();
    CHECK(roles.size() == 12);
    std::set<std::string> seen;
    for (const auto& r : roles) {
        INFO(r.key);
        CHECK(seen.insert(std::string(r.key)).second);
        for (const char* part : {".font", ".size", ".leading"}) {
            const StyleKeyDef* k = quire::detail::find_style_key(std::string(r.key) + part);
            REQUIRE(k);
            CHECK(k->role == r.member);
        }
    }
    // Every key of a FontRole field belongs to a role.
    for (const auto& k : quire::detail::style_key_table()) {
        INFO(k.path);
        CHECK((k.kind == StyleKind::size) == (k.role != nullptr && k.path.ends_with(".size")));
        if (k.role) CHECK(seen.count(std::string(k.role_key)) == 1);
    }
}

// To remake the table (and the keys of the style fuzzer's dictionary, below) after changing the
// keys:
//   QUIRE_WRITE_STYLE_KEYS=1 build/tests/quire_unit_tests '[style-keys-doc]'
TEST_CASE("style keys: styles/README.md's table of keys is the table's",
          "[style][style-keys-doc]") {
    const fs::path readme = fs::path(QUIRE_SOURCE_DIR) / "styles" / "README.md";
    std::string text = read_file(readme);
    const auto begin = text.find(kBegin);
    REQUIRE(begin != std::string::npos);
    const auto from = text.find('\n', text.find("-->", begin)) + 1;
    const auto to = text.find(kEnd, from);
    REQUIRE(to != std::string::npos);
    const std::string table = quire::detail::style_keys_markdown();
    std::string current = text.substr(from, to - from);
    if (std::getenv("QUIRE_WRITE_STYLE_KEYS") && current != table) {
        write(readme, text.replace(from, to - from, table));
        current = table;
    }
    CHECK(current == table);
    // Each key has its row.
    for (const auto& k : quire::detail::style_key_table()) {
        INFO(k.path);
        const std::string row =
            "| `" + std::string(k.role ? std::string(k.role_key) + ".font" : k.path) + "`";
        CHECK(table.find(row) != std::string::npos);
    }
}

TEST_CASE("style keys: the style fuzzer's dictionary names every key of the table",
          "[style][style-keys-doc]") {
    // Its keys' lines: every component of the dotted paths (they nest as sections), once,
    // sorted, as "key:".
    std::set<std::string> parts;
    for (const auto& k : quire::detail::style_key_table())
        for (std::string_view path = k.path;;) {
            const auto dot = path.find('.');
            parts.emplace(path.substr(0, dot));
            if (dot == std::string_view::npos) break;
            path.remove_prefix(dot + 1);
        }
    std::string keys;
    for (const auto& p : parts) keys += "key_" + p + "=\"" + p + ":\"\n";

    const fs::path dict = fs::path(QUIRE_SOURCE_DIR) / "tests" / "fuzz" / "dict" / "style.dict";
    std::string text = read_file(dict);
    const auto from = text.find("\nkey_");
    const auto to = text.find("\n# values");
    REQUIRE(from != std::string::npos);
    REQUIRE(to != std::string::npos);
    REQUIRE(from < to);
    std::string current = text.substr(from + 1, to - from - 1);
    if (std::getenv("QUIRE_WRITE_STYLE_KEYS") && current != keys) {
        write(dict, text.replace(from + 1, to - from - 1, keys));
        current = keys;
    }
    CHECK(current == keys);
}

// Unit tests of the Markdown importer (import/markdown.cpp): front matter, every block kind,
// footnotes numbered by first reference, language spans, images checked, errors with lines.
#include <quire/quire.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

namespace {

quire::Result<quire::Article> md(const std::string& text, quire::Diagnostics& diags,
                                 const std::string& name = "t.md") {
    return quire::parse_article(text, std::filesystem::path(QUIRE_FIXTURES) / "markdown" / name,
                                diags);
}

bool has_warning(const quire::Diagnostics& d, const std::string& part, int line = -1) {
    for (const auto& x : d.all())
        if (x.message.find(part) != std::string::npos && (line < 0 || x.where.line == line))
            return true;
    return false;
}

}  // namespace

TEST_CASE("Markdown: an item that goes on in a quote keeps no marker through XML",
          "[import][markdown]") {
    // fuzz_markdown: the quoted paragraph of an item has no marker; its XML was <item> (no
    // marker attribute), which reads back as a bullet.
    quire::Diagnostics diags;
    auto a = md("# T\n\n- first\n\n  > quoted in the item\n", diags);
    REQUIRE(a);
    REQUIRE(a->body.size() == 2);
    CHECK(a->body[0].list_marker == "•");
    CHECK(a->body[1].quote == 1);
    CHECK(a->body[1].list_depth == 1);
    CHECK(a->body[1].list_marker.empty());
    const std::string x = quire::article_to_xml(*a);
    CHECK(x.find("<item marker=\"\">") != std::string::npos);
    auto back = quire::parse_article(x, "back.xml", diags);
    REQUIRE(back);
    REQUIRE(back->body.size() == 2);
    CHECK(back->body[1].list_marker.empty());
    CHECK(quire::article_to_xml(*back) == x);
    // Hand-written XML without a marker is still a bullet.
    auto bullet = quire::parse_article(
        "<article xmlns=\"urn:x-quire:article:1\" xml:lang=\"en\"><meta><title>T</title></meta>"
        "<body><list><item><p>one</p></item></list></body></article>",
        "hand.xml", diags);
    REQUIRE(bullet);
    CHECK(bullet->body.at(0).list_marker == "•");
}

TEST_CASE("Markdown: a code block of blanks keeps them through XML", "[import][markdown]") {
    // fuzz_markdown: "~~~e~~..." with a line of one space gave <pre> </pre>, whose blank text
    // tinyxml2 drops: read back, the code block was empty.
    quire::Diagnostics diags;
    auto a = md("# T\n\n~~~\n \n~~~\n", diags);
    REQUIRE(a);
    REQUIRE(a->body.size() == 1);
    REQUIRE(a->body[0].code);
    const std::string code = a->body[0].plain_text();
    REQUIRE_FALSE(code.empty());
    const std::string x = quire::article_to_xml(*a);
    auto back = quire::parse_article(x, "back.xml", diags);
    REQUIRE(back);
    REQUIRE(back->body.size() == 1);
    CHECK(back->body[0].plain_text() == code);
    CHECK(quire::article_to_xml(*back) == x);
}

TEST_CASE("Markdown: a figure without alt text or title has no caption run", "[import][markdown]") {
    // fuzz_markdown: "![](a)" gave the figure an empty caption run, written to XML as
    // <figure src="a"></figure>; read back it had none, and was written <figure src="a"/>.
    quire::Diagnostics diags;
    auto a = md("# Ports\n\n![](chart.png)\n", diags);
    REQUIRE(a);
    REQUIRE(a->body.size() == 1);
    REQUIRE(a->body[0].image);
    CHECK(a->body[0].content.empty());
    const std::string x = quire::article_to_xml(*a);
    CHECK(x.find("<figure src=\"chart.png\"/>") != std::string::npos);
    auto back = quire::parse_article(x, "back.xml", diags);
    REQUIRE(back);
    CHECK(quire::article_to_xml(*back) == x);
    // An empty run is never written, whoever made it.
    quire::Article made = *a;
    made.body[0].content.emplace_back(quire::Text{});
    CHECK(quire::article_to_xml(made) == x);
}

TEST_CASE("Markdown: a span's language tag must be well-formed BCP 47", "[import][markdown]") {
    // fuzz_markdown: "{lang=zh-Hant-TWhi}" has the shape the span scanner takes, but no region
    // has four letters; it was kept, and the XML written from the article did not read back.
    quire::Diagnostics diags;
    auto ok = md("# Ports\n\nA [港口]{lang=zh-Hant-TW} here.\n", diags);
    REQUIRE(ok);
    REQUIRE(ok->body.size() == 1);
    bool found = false;
    for (const auto& in : ok->body[0].content)
        if (const auto* t = std::get_if<quire::Text>(&in); t && t->lang == "zh-Hant-TW")
            found = true;
    CHECK(found);
    auto bad = md("# Ports\n\nText.\n\nA [港口]{lang=zh-Hant-TWhi} here.\n", diags);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().where.line == 5);
    CHECK(bad.error().message ==
          "[…]{lang=zh-Hant-TWhi}: not a BCP 47 language tag (en, pt-BR, zh-Hant…)");
}

TEST_CASE("Markdown: front-matter values are trimmed; a blank title is no title",
          "[import][markdown]") {
    // fuzz_markdown: a quoted title of blanks (`title: " "`) was kept, written to XML as
    // <title> </title>, and that XML did not read back ("<meta> has no <title>").
    quire::Diagnostics diags;
    auto a =
        md("---\ntitle: \" \"\nsubtitle: \"  A paper \"\nauthors: [\" A. One\"]\n---\n"
           "# Ports and Power\n\nBody text.\n",
           diags);
    REQUIRE(a);
    CHECK(a->title == "Ports and Power");  // from the first heading
    CHECK(a->subtitle == "A paper");
    CHECK(a->authors == std::vector<std::string>{"A. One"});
    auto back = quire::parse_article(quire::article_to_xml(*a), "back.xml", diags);
    REQUIRE(back);
    CHECK(back->title == "Ports and Power");
    auto none = md("---\ntitle: \"\n  \"\n---\nBody text.\n", diags);
    REQUIRE_FALSE(none);
    CHECK(none.error().message.find("no title") != std::string::npos);
}

TEST_CASE("Markdown: front matter gives the title block and the bio", "[import][markdown]") {
    quire::Diagnostics diags;
    auto a =
        md("---\n"
           "title: Ports and Power\n"
           "subtitle: A paper\n"
           "authors: [A. One, B. Two]\n"
           "date: 2026-03-14\n"
           "lang: en\n"
           "keywords: [ports]\n"
           "translations: [{lang: tr, label: Türkçe}]\n"
           "bio: {name: A. One, lang: tr, text: \"Birinci paragraf.\\n\\nİkinci *paragraf*.\"}\n"
           "---\n"
           "Body text.\n",
           diags);
    REQUIRE(a);
    CHECK(a->title == "Ports and Power");
    CHECK(a->subtitle == "A paper");
    CHECK(a->authors == std::vector<std::string>{"A. One", "B. Two"});
    CHECK(a->date == "2026-03-14");
    CHECK(a->lang == "en");
    CHECK(a->keywords == std::vector<std::string>{"ports"});
    REQUIRE(a->translations.size() == 1);
    CHECK(a->translations[0].lang == "tr");
    REQUIRE(!a->bios.empty());
    CHECK(a->bios.front().name == "A. One");
    CHECK(a->bios.front().lang == "tr");
    REQUIRE(a->bios.front().paragraphs.size() == 2);
    CHECK(a->bios.front().paragraphs[1].plain_text() == "İkinci paragraf.");
    REQUIRE(a->body.size() == 1);
    CHECK(a->body[0].line == 11);  // lines of the file, front matter included
    CHECK(diags.all().empty());
}

TEST_CASE("Markdown: the first '# ' heading is the title without front matter",
          "[import][markdown]") {
    quire::Diagnostics diags;
    auto a = md("# The Title\n\nText.\n\n## Part one\n\nMore.\n\n### Detail\n\nEnd.\n", diags);
    REQUIRE(a);
    CHECK(a->title == "The Title");
    REQUIRE(a->body.size() == 5);
    CHECK(a->body[1].heading == 1);  // "##" is the first section level
    CHECK(a->body[3].heading == 2);
    CHECK(a->body[1].line == 5);
}

TEST_CASE("Markdown: blocks become headings, quotes, lists, code, tables and figures",
          "[import][markdown]") {
    quire::Diagnostics diags;
    auto a =
        md("---\ntitle: T\n---\n"
           "## Section\n\n"
           "> Quoted *words*.\n\n"
           "3. third\n4. fourth\n   - inner\n\n"
           "```\n  indented code\nline two\n```\n\n"
           "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n"
           "![A chart](chart.png \"The caption\")\n\n"
           "Text with `code`, a [link](https://example.org) and [kelime]{lang=tr}.\n",
           diags);
    REQUIRE(a);
    const auto& b = a->body;
    REQUIRE(b.size() == 9);
    CHECK(b[0].heading == 1);
    CHECK(b[1].quote == 1);
    CHECK(b[2].list_depth == 1);
    CHECK(b[2].list_marker == "3.");
    CHECK(b[3].list_marker == "4.");
    CHECK(b[4].list_depth == 2);
    CHECK(b[4].list_marker == "–");
    CHECK(b[5].code);
    CHECK(b[5].plain_text() == "  indented code\nline two");
    REQUIRE(b[6].table);
    CHECK(b[6].table->rows.size() == 2);
    CHECK(b[6].table->rows[0].header);
    CHECK(b[6].table->align == std::vector<quire::Align>{quire::Align::left, quire::Align::right});
    REQUIRE(b[7].image);
    CHECK(b[7].image->alt == "A chart");
    CHECK(b[7].plain_text() == "The caption");
    CHECK(std::filesystem::exists(b[7].image->path));
    // Inline code, a link, a span in Turkish.
    bool code = false, link = false, tr = false;
    for (const auto& in : b[8].content)
        if (const auto* t = std::get_if<quire::Text>(&in)) {
            code = code || (t->code && t->text == "code");
            link = link || (t->href == "https://example.org" && t->text == "link");
            tr = tr || (t->lang == "tr" && t->text == "kelime");
        }
    CHECK(code);
    CHECK(link);
    CHECK(tr);
    CHECK(b[8].plain_text() == "Text with code, a link and kelime.");
}

TEST_CASE("Markdown: footnotes are numbered by first reference", "[import][markdown]") {
    quire::Diagnostics diags;
    auto a =
        md("---\ntitle: T\n---\nFirst[^z] then[^a] and[^z] again.\n\n[^a]: Note A.\n\n"
           "[^z]: Note Z.\n\n[^unused]: Never cited.\n",
           diags);
    REQUIRE(a);
    REQUIRE(a->notes.size() == 2);
    CHECK(a->notes[0].number == 1);
    CHECK(a->notes[0].paragraphs[0].plain_text() == "Note Z.");
    CHECK(a->notes[1].number == 2);
    CHECK(a->notes[1].paragraphs[0].plain_text() == "Note A.");
    std::vector<int> refs;
    for (const auto& in : a->body[0].content)
        if (const auto* r = std::get_if<quire::NoteRef>(&in)) refs.push_back(r->number);
    CHECK(refs == std::vector<int>{1, 2, 1});
}

TEST_CASE("Markdown: problems are named with their lines", "[import][markdown]") {
    quire::Diagnostics diags;
    auto a =
        md("---\ntitle: T\nautors: [X]\n---\n\n![](missing.png)\n\n![Alt](chart.png)\n", diags);
    REQUIRE(a);
    CHECK(has_warning(diags, "unknown key 'autors' (did you mean 'authors'?)", 3));
    CHECK(has_warning(diags, "'missing.png' cannot be read", 6));
    CHECK(has_warning(diags, "has no text alternative", 6));
    CHECK(a->body[0].image->path.empty());
    CHECK_FALSE(a->body[1].image->path.empty());

    quire::Diagnostics d2;
    auto bad = md("---\ntitle: [a\n---\nText\n", d2);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().where.line >= 2);
    CHECK(bad.error().message.find("front matter") != std::string::npos);

    auto open = md("---\ntitle: T\nText\n", d2);
    REQUIRE_FALSE(open);
    CHECK(open.error().message.find("never closed") != std::string::npos);

    auto untitled = md("Just text.\n", d2);
    REQUIRE_FALSE(untitled);
    CHECK(untitled.error().message.find("no title") != std::string::npos);

    auto invalid = md("# T\n\nbad \xC3\x28 byte\n", d2);
    REQUIRE_FALSE(invalid);
    CHECK(invalid.error().where.line == 3);
}

TEST_CASE("Markdown: language spans of any length, and what is not one", "[import][markdown]") {
    quire::Diagnostics diags;
    // 100,000 characters in one span: std::regex overflowed the stack from about 60,000.
    std::string words;
    for (int i = 0; i < 20000; ++i) words += "mots ";
    auto a = md("# T\n\nAvant [" + words + "]{lang=fr} après, [x]{ lang=de-CH dir=ltr } et " +
                    "[not a span] {lang=fr}, [nor]{lang=f}, [[nested]{lang=tr}].\n",
                diags);
    REQUIRE(a);
    REQUIRE(a->body.size() == 1);
    std::vector<std::pair<std::string, std::string>> runs;  // (text, lang) of the runs
    for (const auto& in : a->body[0].content)
        if (const auto* t = std::get_if<quire::Text>(&in)) runs.emplace_back(t->text, t->lang);
    REQUIRE(runs.size() >= 5);
    CHECK(runs[0].first == "Avant ");
    CHECK(runs[1].first == words);
    CHECK(runs[1].second == "fr");
    CHECK(runs[3].first == "x");
    CHECK(runs[3].second == "de-CH");
    // A space before the braces, a one-letter tag: text as written; the inner of "[[…]…]".
    std::string rest;
    for (std::size_t i = 4; i < runs.size(); ++i)
        rest += runs[i].first + "|" + runs[i].second + ";";
    CHECK(rest.find("[not a span] {lang=fr}, [nor]{lang=f}, [") != std::string::npos);
    CHECK(rest.find("nested|tr;") != std::string::npos);
}

TEST_CASE("Markdown: blocks nested deeper than kMaxNesting are an error, not a crash",
          "[import][markdown]") {
    auto nested = [](int depth) {
        std::string s = "# T\n\n";
        for (int i = 0; i < depth; ++i)
            s += std::string(static_cast<std::size_t>(2 * i), ' ') + "- x\n";
        return s;
    };
    quire::Diagnostics ok_diags;
    auto ok = md(nested(quire::kMaxNesting), ok_diags);
    REQUIRE(ok);
    int deepest = 0;
    for (const auto& p : ok->body) deepest = std::max(deepest, p.list_depth);
    CHECK(deepest == quire::kMaxNesting);
    for (int depth : {quire::kMaxNesting + 1, 10000}) {
        quire::Diagnostics diags;
        auto bad = md(nested(depth), diags);
        REQUIRE_FALSE(bad);
        CHECK(bad.error().message.find("nested more than 64 deep") != std::string::npos);
        CHECK(bad.error().where.line == 3 + quire::kMaxNesting);
    }
}

TEST_CASE("language tags: well-formed BCP 47 only, the bad one named with its line",
          "[import][lang]") {
    for (const char* good : {"en", "pt-BR", "zh-Hant-TW", "und", "sr-Latn", "ar", "de-CH-1996"})
        CHECK(quire::is_language_tag(good));
    for (const char* bad :
         {"", "zz-INVALID-TAG-!!", "en_US", "e", "en-", "-en", "en US", "toolongtagname"})
        CHECK_FALSE(quire::is_language_tag(bad));
    quire::Diagnostics diags;
    auto a = md("---\ntitle: T\nlang: zz-INVALID-TAG-!!\n---\n\nText.\n", diags);
    REQUIRE_FALSE(a);
    CHECK(a.error().where.line == 3);
    CHECK(a.error().message.find("'zz-INVALID-TAG-!!' is not a BCP 47 language tag") !=
          std::string::npos);
    auto bio = md("---\ntitle: T\nbio: {name: A, lang: 'tr tr', text: x}\n---\n\nText.\n", diags);
    REQUIRE_FALSE(bio);
    CHECK(bio.error().where.line == 3);
    auto xml = quire::parse_article(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<article xmlns=\"urn:x-quire:article:1\" xml:lang=\"en\">\n"
        "<meta><title>T</title></meta>\n<body>\n<p xml:lang=\"en_GB\">Text.</p>\n</body>\n"
        "</article>\n",
        "x.xml", diags);
    REQUIRE_FALSE(xml);
    CHECK(xml.error().where.line == 5);
    CHECK(xml.error().message.find("'en_GB' is not a BCP 47 language tag") != std::string::npos);
    quire::ReadOptions opts;
    opts.lang = "zz-INVALID-TAG-!!";
    CHECK_FALSE(quire::parse_article("Title\n\nText.\n", "t.txt", diags, opts));
}

TEST_CASE("Markdown: an image without a file name is its text alternative, with a warning",
          "[import][markdown]") {
    // A fuzz finding: ![a]() made a figure with an empty src, whose XML did not read back.
    const std::string md =
        "---\ntitle: T\nbio:\n  name: N\n  photo: ''\n---\n\nText.\n\n![A chart]()\n";
    quire::Diagnostics diags;
    auto a = quire::parse_article(md, "empty-src.md", diags);
    REQUIRE(a);
    REQUIRE(a->body.size() == 2);
    CHECK_FALSE(a->body[1].image);
    CHECK(a->body[1].plain_text() == "A chart");
    CHECK((a->bios.empty() || !a->bios.front().photo));
    std::string all;
    for (const auto& d : diags.all()) all += d.format() + "\n";
    CHECK(all.find("empty-src.md:10: warning: an image without a file name") != std::string::npos);
    CHECK(all.find("'bio.photo' is empty") != std::string::npos);
    quire::Diagnostics d2;
    auto b = quire::parse_article(quire::article_to_xml(*a), "empty-src.xml", d2);
    REQUIRE(b);
    CHECK(quire::article_to_xml(*b) == quire::article_to_xml(*a));
}

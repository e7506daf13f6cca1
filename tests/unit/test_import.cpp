// Unit tests of the import stage: the plain-text reader (against the real seed and small
// in-memory inputs), language detection and naming, and slugs.
#include <catch2/catch.hpp>

#include "import/lang.hpp"

#include <quire/quire.hpp>

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

using namespace std::string_literals;

namespace {

std::vector<quire::NoteRef> refs_of(const quire::Article& a) {
    std::vector<quire::NoteRef> refs;
    for (const auto& p : a.body) {
        for (const auto& item : p.content) {
            if (const auto* r = std::get_if<quire::NoteRef>(&item)) refs.push_back(*r);
        }
    }
    return refs;
}

std::vector<const quire::Diagnostic*> warnings(const quire::Diagnostics& d) {
    std::vector<const quire::Diagnostic*> out;
    for (const auto& x : d.all()) {
        if (x.severity == quire::Severity::warning) out.push_back(&x);
    }
    return out;
}

/// `s` without "[n]" references (as the reader treats them: 1 to 3 digits, no leading zero).
std::string strip_refs(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '[' && i + 1 < s.size() && s[i + 1] >= '1' && s[i + 1] <= '9') {
            std::size_t j = i + 1;
            while (j < s.size() && j - i <= 3 && s[j] >= '0' && s[j] <= '9') ++j;
            if (j < s.size() && s[j] == ']') {
                i = j;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

quire::Article parse_ok(const std::string& text, quire::Diagnostics& diags,
                        const quire::ReadOptions& options = {}) {
    auto r = quire::parse_text_article(text, "mem.txt", diags, options);
    if (!r) FAIL(r.error().format());
    return std::move(r).value();
}

quire::Diagnostic parse_error(const std::string& text) {
    quire::Diagnostics diags;
    auto r = quire::parse_text_article(text, "mem.txt", diags);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().severity == quire::Severity::error);
    CHECK(r.error().where.file == "mem.txt");
    return r.error();
}

}  // namespace

TEST_CASE("the seed article reads as the acceptance checker reads it", "[import][seed]") {
    // The user's article as it came (../shared/corpus/seed.txt), copied into examples/.
    const std::string path = QUIRE_SOURCE_DIR "/examples/ukraine-policy-of-japan.txt";
    quire::Diagnostics diags;
    auto result = quire::read_article(path, diags);
    REQUIRE(result.ok());
    const quire::Article& a = *result;
    CHECK(diags.all().empty());

    CHECK(a.source == path);
    CHECK(a.title == "The Ukraine Policy of Japan");
    CHECK(a.lang == "en");
    CHECK(quire::slug(a) == "the-ukraine-policy-of-japan");

    REQUIRE(a.translations.size() == 2);
    CHECK(a.translations[0].label == "Türkçe");
    CHECK(a.translations[0].lang == "tr");
    CHECK(a.translations[1].label == "Русский");
    CHECK(a.translations[1].lang == "ru");

    // The seed has 10 body paragraphs and 3 references ([1]; [2] and [3] in one paragraph).
    REQUIRE(a.body.size() == 10);
    CHECK(a.body.front().line == 7);
    for (const auto& p : a.body) CHECK(p.lang.empty());
    const auto refs = refs_of(a);
    REQUIRE(refs.size() == 3);
    CHECK(refs[0].number == 1);
    CHECK(refs[0].line == 7);
    CHECK(refs[1].number == 2);
    CHECK(refs[1].line == 17);
    CHECK(refs[2].number == 3);
    CHECK(refs[2].line == 17);

    // "Stoltenberg,[3] reminded": the runs around the reference keep their punctuation.
    const auto& c = a.body[5].content;
    bool found = false;
    for (std::size_t i = 0; i + 2 < c.size(); ++i) {
        const auto* ref = std::get_if<quire::NoteRef>(&c[i + 1]);
        if (ref == nullptr || ref->number != 3) continue;
        found = true;
        const auto* before = std::get_if<quire::Text>(&c[i]);
        const auto* after = std::get_if<quire::Text>(&c[i + 2]);
        REQUIRE(before != nullptr);
        REQUIRE(after != nullptr);
        CHECK(before->text.size() >= 12);
        CHECK(before->text.substr(before->text.size() - 12) == "Stoltenberg,");
        CHECK(after->text.rfind(" reminded the security threats", 0) == 0);
    }
    CHECK(found);

    // The body text is the source's paragraphs with the references left out.
    const std::string source = slurp(path);
    std::vector<std::string> paragraphs;
    for (std::size_t i = 0; i <= source.size();) {
        const std::size_t j = std::min(source.find("\n\n", i), source.size());
        paragraphs.push_back(source.substr(i, j - i));
        i = j + 2;
    }
    REQUIRE(paragraphs.size() >= 13);
    for (std::size_t k = 0; k < a.body.size(); ++k) {
        CHECK(a.body[k].plain_text() == strip_refs(paragraphs[k + 3]));
    }

    REQUIRE(a.notes.size() == 3);
    CHECK(a.notes[0].number == 1);
    CHECK(a.notes[0].line == 27);
    REQUIRE(a.notes[0].paragraphs.size() == 1);
    CHECK(a.notes[0].paragraphs[0].plain_text() ==
          "“Japan PM Kishida to Consider Visiting Ukraine If Right Conditions Met”, Kyodo News,, "
          "(Date of Accession: 01.02.2023).");
    CHECK(a.notes[1].number == 2);
    CHECK(a.notes[2].number == 3);
    REQUIRE(a.notes[2].paragraphs.size() == 1);
    CHECK(a.notes[2].paragraphs[0].plain_text() == "Ibid.");
    CHECK(a.find_note(3) == &a.notes[2]);
    CHECK(a.find_note(4) == nullptr);

    REQUIRE(!a.bios.empty());
    CHECK(a.bios.front().name == "Dr. Cenk TAMER");
    CHECK(a.bios.front().line == 33);
    CHECK(a.bios.front().lang == "tr");
    REQUIRE(a.bios.front().paragraphs.size() == 1);
    CHECK(a.bios.front().paragraphs[0].plain_text().rfind("Dr. Cenk Tamer, 2014 yılında", 0) == 0);
    CHECK(a.bios.front().paragraphs[0].line == 34);
    CHECK(a.authors == std::vector<std::string>{"Dr. Cenk TAMER"});
}

TEST_CASE("the example copy of the seed reads the same", "[import][seed]") {
    quire::Diagnostics diags;
    auto a = quire::read_article(QUIRE_SOURCE_DIR "/examples/ukraine-policy-of-japan.txt", diags);
    REQUIRE(a.ok());
    CHECK(a->title == "The Ukraine Policy of Japan");
    CHECK(a->body.size() == 10);
    CHECK(a->notes.size() == 3);
}

TEST_CASE("read_article reports unreadable and unsupported files", "[import][errors]") {
    quire::Diagnostics diags;
    auto missing = quire::read_article("/nonexistent/quire/article.txt", diags);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().where.file == "/nonexistent/quire/article.txt");
    CHECK_THAT(missing.error().message, Catch::Contains("No such file or directory"));

    auto dir = quire::read_article(QUIRE_SOURCE_DIR, diags);
    REQUIRE_FALSE(dir.ok());
    CHECK_THAT(dir.error().message, Catch::Contains("directory"));

    auto xml = quire::read_article("/nonexistent/quire/whatever.xml", diags);
    REQUIRE_FALSE(xml.ok());
    CHECK_THAT(xml.error().message, Catch::Contains("No such file or directory"));
    CHECK_THAT(xml.error().message, Catch::Contains("/nonexistent/quire/whatever.xml"));
    CHECK(diags.all().empty());
}

TEST_CASE("invalid UTF-8 is reported with its byte offset and line", "[import][errors]") {
    // "Title\n" 6 + "\n" 1 + "Good text\n" 10 + "bad " 4 = offset 21, line 4.
    auto e = parse_error("Title\n\nGood text\nbad \xC3\x28 here\n");
    CHECK(e.message == "invalid UTF-8 at byte offset 21 (line 4)");
    CHECK(e.where.byte_offset == 21);
    CHECK(e.where.line == 4);
    CHECK(e.where.column == 5);
    CHECK(e.format() == "mem.txt:4:5: error: invalid UTF-8 at byte offset 21 (line 4)");

    CHECK(parse_error("Ti\xC0\xAFtle").where.byte_offset == 2);           // overlong
    CHECK(parse_error("Title\r\n\xED\xA0\x80").where.line == 2);          // surrogate, CRLF line
    CHECK(parse_error("Title\rx\xED\xA0\x80").where.line == 2);           // lone CR ends a line
    CHECK(parse_error("Title \xF4\x90\x80\x80").where.byte_offset == 6);  // above U+10FFFF
    CHECK(parse_error("Title \xE2\x82").where.byte_offset == 6);          // truncated at the end
    CHECK(parse_error("\xEF\xBB\xBFTitle \xFF").where.byte_offset == 9);  // the BOM counts
}

TEST_CASE("empty and binary inputs are errors", "[import][errors]") {
    CHECK(parse_error("").message == "file is empty");
    CHECK(parse_error(" \n\t\r\n  \n").message == "file is empty");
    CHECK(parse_error("\xEF\xBB\xBF\n\n").message == "file is empty");

    const auto nul = parse_error("Title\n\nab\0cd"s);
    CHECK(nul.message == "looks like binary data, not text, at byte offset 9");
    CHECK(nul.where.byte_offset == 9);
    CHECK(nul.where.line == 3);

    const auto png = parse_error("\x89PNG\r\n\x1A\n\0\0\0\rIHDR"s);
    CHECK_THAT(png.message, Catch::StartsWith("looks like binary data"));

    CHECK_THAT(parse_error("\xFF\xFET\0i\0"s).message, Catch::Contains("UTF-16"));
    CHECK_THAT(parse_error("Similar Posts\n\nShare this\n").message, Catch::Contains("no title"));
    CHECK_THAT(parse_error("[1] A note.\n").message, Catch::Contains("no title"));
}

TEST_CASE("references without notes and notes without references are warned about",
          "[import][notes]") {
    quire::Diagnostics diags;
    const auto a = parse_ok(
        "Title\n"            // 1
        "\n"                 // 2
        "One.[1] Two.[4]\n"  // 3
        "\n"                 // 4
        "[1] First.\n"       // 5
        "\n"                 // 6
        "[2] Second.\n",     // 7
        diags);
    REQUIRE(refs_of(a).size() == 2);
    CHECK(refs_of(a)[1].number == 4);  // kept as a reference
    const auto w = warnings(diags);
    REQUIRE(w.size() == 2);
    CHECK(w[0]->message == "reference [4] has no note");
    CHECK(w[0]->where.line == 3);
    CHECK(w[0]->where.file == "mem.txt");
    CHECK(w[1]->message == "note [2] is never referenced");
    CHECK(w[1]->where.line == 7);
    CHECK(a.notes.size() == 2);
    CHECK(a.bios.empty());
}

TEST_CASE("a duplicate note keeps the first and names its line", "[import][notes]") {
    quire::Diagnostics diags;
    const auto a = parse_ok(
        "Title\n"                 // 1
        "\n"                      // 2
        "Text[1] and more[2].\n"  // 3
        "\n"                      // 4
        "[1] The first one.\n"    // 5
        "[2] Second, over\n"      // 6: compact list, a note per line
        "two lines.\n"            // 7
        "\n"                      // 8
        "[1] The second one.\n",  // 9
        diags);
    REQUIRE(a.notes.size() == 2);
    CHECK(a.notes[0].paragraphs[0].plain_text() == "The first one.");
    CHECK(a.notes[1].number == 2);
    CHECK(a.notes[1].line == 6);
    CHECK(a.notes[1].paragraphs[0].plain_text() == "Second, over two lines.");
    const auto w = warnings(diags);
    REQUIRE(w.size() == 1);
    CHECK(w[0]->where.line == 9);
    CHECK(w[0]->message == "duplicate note [1] (the first is at line 5); this one is ignored");
}

TEST_CASE("CRLF, CR, BOM, tabs, spaces and NFC are normalised", "[import][text]") {
    const std::string lf =
        "Title\n\nFirst  line[1]\nsecond\tline.\n\n[1] Note.\n\nJane Doe\nJane Doe writes.\n";
    std::string crlf;
    for (char c : lf) crlf += c == '\n' ? "\r\n"s : std::string(1, c);
    std::string cr = lf;
    std::replace(cr.begin(), cr.end(), '\n', '\r');

    for (const std::string& text : {lf, crlf, "\xEF\xBB\xBF" + crlf, cr}) {
        quire::Diagnostics diags;
        const auto a = parse_ok(text, diags);
        CHECK(diags.all().empty());
        CHECK(a.title == "Title");
        REQUIRE(a.body.size() == 1);
        CHECK(a.body[0].plain_text() == "First line second line.");
        CHECK(a.body[0].line == 3);
        REQUIRE(refs_of(a).size() == 1);
        CHECK(refs_of(a)[0].line == 3);
        REQUIRE(a.notes.size() == 1);
        CHECK(a.notes[0].line == 6);
        REQUIRE(!a.bios.empty());
        CHECK(a.bios.front().name == "Jane Doe");
        CHECK(a.bios.front().line == 8);
    }

    quire::Diagnostics diags;
    const auto a = parse_ok("Cafe\xCC\x81 \xEF\xBB\xBFT\x07itle\n\nText.", diags);  // e + U+0301
    CHECK(a.title == "Café Title");
    REQUIRE(warnings(diags).size() == 1);
    CHECK(warnings(diags)[0]->message == "removed 2 control characters");
}

TEST_CASE("inline references split text runs exactly", "[import][text]") {
    quire::Diagnostics diags;
    const auto a = parse_ok("T\n\nA,[1] b [2]\nc [x] [0] [1234] d.\n\n[1] n\n\n[2] m", diags);
    REQUIRE(a.body.size() == 1);
    const auto& c = a.body[0].content;
    REQUIRE(c.size() == 5);
    CHECK(std::get<quire::Text>(c[0]).text == "A,");
    CHECK(std::get<quire::NoteRef>(c[1]).number == 1);
    CHECK(std::get<quire::NoteRef>(c[1]).line == 3);
    CHECK(std::get<quire::Text>(c[2]).text == " b ");
    CHECK(std::get<quire::NoteRef>(c[3]).number == 2);
    // the lines join with a space; "[x]", "[0]" and "[1234]" are text
    CHECK(std::get<quire::Text>(c[4]).text == " c [x] [0] [1234] d.");
    CHECK(a.body[0].plain_text() == "A, b  c [x] [0] [1234] d.");
}

TEST_CASE("notes numbered past 999 are notes when the notes list has them", "[import][text]") {
    // A long article (or a collection of notes numbered on) may reach [1000]: a number with a
    // note of its own is a reference, one without stays text as "[1234]" above does.
    quire::Diagnostics diags;
    std::string text = "T\n\nBody";
    for (int n = 1; n <= 1001; ++n) text += " [" + std::to_string(n) + "]";
    text += " and [123456] end.\n\n";
    for (int n = 1; n <= 1001; ++n)
        text += "[" + std::to_string(n) + "] Note " + std::to_string(n) + ".\n\n";
    const auto a = parse_ok(text, diags);
    REQUIRE(a.notes.size() == 1001);
    CHECK(a.notes[999].number == 1000);
    CHECK(a.notes[1000].number == 1001);
    REQUIRE(!a.notes[1000].paragraphs.empty());
    CHECK(a.notes[1000].paragraphs[0].plain_text() == "Note 1001.");
    REQUIRE(a.body.size() == 1);
    const auto& c = a.body[0].content;
    int refs = 0;
    for (const auto& run : c) refs += std::holds_alternative<quire::NoteRef>(run);
    CHECK(refs == 1001);
    CHECK(std::get<quire::NoteRef>(c[c.size() - 2]).number == 1001);
    CHECK(std::get<quire::Text>(c.back()).text == " and [123456] end.");
}

TEST_CASE("stray lines are dropped and translations parsed", "[import][text]") {
    quire::Diagnostics diags;
    const auto a = parse_ok(
        "Similar Posts\n\nA Title\n\nRelated Posts:\nThis article is also available in: English, "
        "Bahasa Indonesia, Klingon\n\nBody.\n\nSHARE THIS\n",
        diags);
    CHECK(a.title == "A Title");
    REQUIRE(a.body.size() == 1);
    CHECK(a.body[0].plain_text() == "Body.");
    REQUIRE(a.translations.size() == 3);
    CHECK(a.translations[0].lang == "en");
    CHECK(a.translations[1].label == "Bahasa Indonesia");
    CHECK(a.translations[1].lang == "id");
    CHECK(a.translations[2].label == "Klingon");
    CHECK(a.translations[2].lang.empty());

    const auto b = parse_ok("T\n\nAlso available in: Deutsch Tiếng Việt 日本語\n\nBody.", diags);
    REQUIRE(b.translations.size() == 3);
    CHECK(b.translations[0].lang == "de");
    CHECK(b.translations[1].label == "Tiếng Việt");
    CHECK(b.translations[1].lang == "vi");
    CHECK(b.translations[2].lang == "ja");
}

TEST_CASE("references in notes and bio stay text: a notes heading is dropped", "[import][notes]") {
    quire::Diagnostics diags;
    const auto a = parse_ok(
        "T\n\nBody[1].\n\nNotes\n\n[1] See [2] there.\n\nAnn Lee\nShe wrote [3].\n\nMore bio.",
        diags);
    REQUIRE(a.body.size() == 1);
    REQUIRE(a.notes.size() == 1);
    REQUIRE(a.notes[0].paragraphs[0].content.size() == 1);
    CHECK(a.notes[0].paragraphs[0].plain_text() == "See [2] there.");
    REQUIRE(!a.bios.empty());
    CHECK(a.bios.front().name == "Ann Lee");
    REQUIRE(a.bios.front().paragraphs.size() == 2);
    CHECK(a.bios.front().paragraphs[0].plain_text() == "She wrote [3].");
    CHECK(a.bios.front().paragraphs[1].plain_text() == "More bio.");
    CHECK(a.bios.front().paragraphs[1].line == 12);
    CHECK(warnings(diags).empty());
}

TEST_CASE("a Russian article", "[import][lang]") {
    quire::Diagnostics diags;
    const auto a = parse_ok(
        "Украинская политика Японии\n\n"
        "Премьер-министр Японии Фумио Кисида заявил, что при соблюдении необходимых условий он "
        "рассмотрит возможность визита в Киев.[1]\n\n"
        "[1] Киодо Цусин.\n",
        diags);
    CHECK(diags.all().empty());
    CHECK(a.lang == "ru");
    CHECK(quire::slug(a) == "ukrainskaya-politika-yaponii");
    CHECK(a.notes.size() == 1);
}

TEST_CASE("an author block without a notes list is found only at the end", "[import][author]") {
    const std::string body =
        "A Title\n\nThe first paragraph of the article, long enough to be prose.\n\n"
        "The second paragraph. It ends here.\n\n";
    SECTION("name line followed by bio lines") {
        quire::Diagnostics diags;
        const auto a = parse_ok(
            body + "Jane van Doe\nJane is a historian at the University of Ghent.\n", diags);
        CHECK(a.body.size() == 2);
        REQUIRE(!a.bios.empty());
        CHECK(a.bios.front().name == "Jane van Doe");
        CHECK(a.bios.front().lang == "en");
        CHECK(a.authors == std::vector<std::string>{"Jane van Doe"});
    }
    SECTION("name paragraph followed by a bio paragraph that names the author") {
        quire::Diagnostics diags;
        const auto a = parse_ok(body +
                                    "Prof. Ayşe Yılmaz\n\nYılmaz, Ankara Üniversitesi'nde ders "
                                    "vermektedir ve bu alanda çalışmaktadır.\n",
                                diags);
        CHECK(a.body.size() == 2);
        REQUIRE(!a.bios.empty());
        CHECK(a.bios.front().name == "Prof. Ayşe Yılmaz");
        CHECK(a.bios.front().lang == "tr");
        CHECK(a.lang == "en");
    }
    SECTION("ordinary closing paragraphs are body") {
        quire::Diagnostics diags;
        const auto a =
            parse_ok(body + "In Conclusion\n\nThe war goes on, and nobody knows when.\n", diags);
        CHECK(a.body.size() == 4);
        CHECK(a.bios.empty());
        const auto b = parse_ok(body + "The last paragraph is\nwrapped over two lines.\n", diags);
        CHECK(b.body.size() == 3);
        CHECK(b.bios.empty());
        const auto c = parse_ok("T\n\nJane Doe\nJane Doe is the only paragraph.\n", diags);
        CHECK(c.body.size() == 1);
        CHECK(c.bios.empty());
    }
}

TEST_CASE("options override detected languages", "[import][lang]") {
    quire::Diagnostics diags;
    quire::ReadOptions options;
    options.lang = "de";
    options.bio_lang = "fr";
    const auto a = parse_ok("T\n\nText[1].\n\n[1] n\n\nA B\nbio", diags, options);
    CHECK(a.lang == "de");
    REQUIRE(!a.bios.empty());
    CHECK(a.bios.front().lang == "fr");
}

TEST_CASE("a paragraph in another script gets its own language", "[import][lang]") {
    quire::Diagnostics diags;
    const auto a = parse_ok(
        "Title\n\nThis is an English paragraph about the policy of the country.\n\n"
        "Это русский абзац, который цитирует заявление министра.\n",
        diags);
    CHECK(a.lang == "en");
    REQUIRE(a.body.size() == 2);
    CHECK(a.body[0].lang.empty());
    CHECK(a.body[1].lang == "ru");
}

TEST_CASE("lines of spaceless scripts join without a space", "[import][text]") {
    quire::Diagnostics diags;
    const auto a = parse_ok("日本の政策\n\n日本はウクライナを\n支援している。\n", diags);
    REQUIRE(a.body.size() == 1);
    CHECK(a.body[0].plain_text() == "日本はウクライナを支援している。");
    CHECK(a.lang == "ja");
}

TEST_CASE("detect_language", "[import][lang]") {
    using quire::import::detect_language;
    CHECK(detect_language("Bu çalışma, Türkiye ile Japonya arasındaki ilişkiler için bir analiz "
                          "olarak hazırlanmıştır ve çok önemlidir.") == "tr");
    CHECK(detect_language("Премьер-министр Японии заявил, что рассмотрит возможность визита.") ==
          "ru");
    CHECK(detect_language("Україна отримала допомогу від Японії, і це їхнє рішення є важливим.") ==
          "uk");
    CHECK(detect_language("The ultimate goal here is to defeat Russia decisively in the war.") ==
          "en");
    CHECK(detect_language("Japan") == "en");
    CHECK(detect_language(
              "قال رئيس الوزراء الياباني إنه سيدرس زيارة كييف في حال توفرت الظروف المناسبة") ==
          "ar");
    CHECK(detect_language("نخست وزیر ژاپن گفت که سفر به کییف را بررسی می کند") == "fa");
    CHECK(detect_language("جاپان کے وزیر اعظم نے کہا ہے کہ وہ یوکرین کا دورہ کریں گے") == "ur");
    CHECK(detect_language("ראש ממשלת יפן אמר כי ישקול לבקר בקייב") == "he");
    CHECK(detect_language("日本首相岸田文雄表示，如果条件合适，他将考虑访问基辅。") == "zh");
    CHECK(detect_language("岸田文雄首相は、条件が整えばキーウ訪問を検討すると述べた。") == "ja");
    CHECK(detect_language(
              "기시다 후미오 일본 총리는 조건이 맞으면 키이우 방문을 검토하겠다고 말했다.") ==
          "ko");
    CHECK(detect_language("जापान के प्रधानमंत्री ने कहा कि वह कीव की यात्रा पर विचार करेंगे।") == "hi");
    CHECK(detect_language("นายกรัฐมนตรีญี่ปุ่นกล่าวว่าจะพิจารณาเยือนเคียฟ") == "th");
    CHECK(detect_language(
              "Ο πρωθυπουργός της Ιαπωνίας δήλωσε ότι θα εξετάσει επίσκεψη στο Κίεβο.") == "el");
    CHECK(detect_language("Der japanische Ministerpräsident hat erklärt, dass er einen Besuch in "
                          "Kiew in Erwägung ziehen wird, wenn die Bedingungen stimmen.") == "de");
    CHECK(detect_language("Le Premier ministre japonais a déclaré qu'il envisagerait de se rendre "
                          "à Kiev si les conditions sont réunies.") == "fr");
    CHECK(detect_language("El primer ministro japonés ha declarado que considerará visitar Kiev si "
                          "se dan las condiciones adecuadas.") == "es");
    CHECK(detect_language("O primeiro-ministro japonês afirmou que vai considerar uma visita a "
                          "Kiev se as condições forem adequadas.") == "pt");
    CHECK(
        detect_language("Il primo ministro giapponese ha dichiarato che prenderà in considerazione "
                        "una visita a Kiev se ci saranno le condizioni.") == "it");
    CHECK(detect_language("Премиерът на Япония заяви, че ще обмисли посещение в Киев, ако са "
                          "налице подходящите условия за това пътуване.") == "bg");
    CHECK(detect_language("12345 !?") == "");
    CHECK(detect_language("") == "");
    CHECK(detect_language("abc \xFF\xFE invalid bytes are skipped") == "en");
}

TEST_CASE("language_for_name", "[import][lang]") {
    using quire::import::language_for_name;
    CHECK(language_for_name("Türkçe") == "tr");
    CHECK(language_for_name("TÜRKÇE") == "tr");
    CHECK(language_for_name("Русский") == "ru");
    CHECK(language_for_name("English") == "en");
    CHECK(language_for_name("english,") == "en");
    CHECK(language_for_name("العربية") == "ar");
    CHECK(language_for_name("فارسی") == "fa");
    CHECK(language_for_name("Français") == "fr");
    CHECK(language_for_name("Deutsch") == "de");
    CHECK(language_for_name("Español") == "es");
    CHECK(language_for_name("中文") == "zh");
    CHECK(language_for_name("简体中文") == "zh");
    CHECK(language_for_name("日本語") == "ja");
    CHECK(language_for_name("עברית") == "he");
    CHECK(language_for_name("हिन्दी") == "hi");
    CHECK(language_for_name("Ελληνικά") == "el");
    CHECK(language_for_name("ΕΛΛΗΝΙΚΆ") == "el");
    CHECK(language_for_name("ไทย") == "th");
    CHECK(language_for_name("Português") == "pt");
    CHECK(language_for_name("Italiano") == "it");
    CHECK(language_for_name("한국어") == "ko");
    CHECK(language_for_name("Українська") == "uk");
    CHECK(language_for_name("TR") == "tr");
    CHECK(language_for_name("Klingon") == "");
    CHECK(language_for_name("") == "");
    CHECK(quire::import::language_script("ja") == "Jpan");
    CHECK(quire::import::language_script("pt-BR") == "Latn");
    CHECK(quire::import::language_script("xx").empty());
}

TEST_CASE("slugs", "[model][slug]") {
    quire::Article a;
    a.title = "Türkiye’nin Dış Politikası: 2023 & Sonrası";
    CHECK(quire::slug(a) == "turkiyenin-dis-politikasi-2023-sonrasi");
    a.title = "中国外交政策";
    a.lang = "zh";
    CHECK(quire::slug(a) == "zhong-guo-wai-jiao-zheng-ce");
    a.title = "?!…";
    CHECK(quire::slug(a) == "article");
    a.title = "";
    CHECK(quire::slug(a) == "article");
    a.lang = "en";
    a.title = std::string(100, 'x');
    CHECK(quire::slug(a) == std::string(80, 'x'));
    a.title =
        "A very long title that goes on and on about the many policies of many countries of the "
        "world";
    const std::string s = quire::slug(a);
    CHECK(s.size() <= 80);
    CHECK(s == "a-very-long-title-that-goes-on-and-on-about-the-many-policies-of-many-countries");
    CHECK(s.back() != '-');
}

TEST_CASE("a missing note is one warning, however often it is referenced", "[import][warnings]") {
    quire::Diagnostics diags;
    auto a = quire::parse_text_article("Title\n\nOne[4] two[4] three[4].\n\nFour[4].\n\n[1] x\n",
                                       "m.txt", diags);
    REQUIRE(a);
    int missing = 0;
    for (const auto& d : diags.all())
        if (d.message.find("[4] has no note") != std::string::npos) {
            ++missing;
            CHECK(d.where.line == 3);
            CHECK(d.message.find("referenced 4 times") != std::string::npos);
        }
    CHECK(missing == 1);
}

TEST_CASE("quotations in another script carry their language", "[import][lang]") {
    quire::Diagnostics diags;
    const auto a = parse_ok(
        "Slogans\n"
        "\n"
        "The plan «رؤية ٢٠٣٠» and the phrase आत्मनिर्भर भारत, then 地方創生 and 日本の未来, "
        "with שלום עולם at the end of an English paragraph long enough to be English.\n",
        diags);
    REQUIRE(a.body.size() == 1);
    std::vector<std::pair<std::string, std::string>> tagged;  // text, lang
    std::string all;
    for (const auto& in : a.body[0].content)
        if (const auto* t = std::get_if<quire::Text>(&in)) {
            all += t->text;
            if (!t->lang.empty()) tagged.emplace_back(t->text, t->lang);
        }
    // The text is unchanged, only split.
    CHECK(all.find("The plan «رؤية ٢٠٣٠» and the phrase") == 0);
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"رؤية ٢٠٣٠", "ar"}, {"आत्मनिर्भर भारत", "hi"}, {"日本の未来", "ja"}, {"שלום עולם", "he"}};
    CHECK(tagged == expected);  // 地方創生 (Han alone) stays untagged
}

// Font-free tests of text/hyphenate: hyphenation points per language, as byte offsets.
//
// English and Russian go through Debian's dictionaries (hyphen-en-us and hyphen-en-gb: UTF-8,
// hyphen-ru: KOI8-R), so the expectations are what those patterns give; Turkish is syllabified
// in code. Every other language's dictionary: test_hyphen_languages.cpp.
// Charset, casing and file-choice cases use small dictionaries written into a temporary folder.
#include "text/hyphenate.hpp"

#include "support/marked.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

using quire::text::Hyphenator;
using quire::text::HyphenMins;

namespace {

Hyphenator& system_hyphenator() {
    static Hyphenator h("/usr/share/hyphen");
    return h;
}

/// The text with '-' at each point.
using quire::test::marked;

/// The text hyphenated in a language, over the whole text.
std::string hy(const std::string& text, const std::string& lang, int left = 0, int right = 0) {
    auto pts = system_hyphenator().points(text, 0, static_cast<std::uint32_t>(text.size()), lang,
                                          left, right);
    return marked(text, pts);
}

void write_file(const std::filesystem::path& p, const std::string& bytes) {
    std::ofstream f(p, std::ios::binary);
    f << bytes;
}

/// Points are sorted, unique, strictly inside [begin, end) and on character boundaries.
void check_well_formed(const std::string& text, const std::vector<std::uint32_t>& pts,
                       std::uint32_t begin, std::uint32_t end) {
    for (std::size_t i = 0; i < pts.size(); ++i) {
        REQUIRE(pts[i] > begin);
        REQUIRE(pts[i] < end);
        REQUIRE(pts[i] < text.size());
        REQUIRE((static_cast<unsigned char>(text[pts[i]]) & 0xC0) != 0x80);
        if (i > 0) REQUIRE(pts[i - 1] < pts[i]);
    }
}

}  // namespace

TEST_CASE("English words break where the en_US patterns say", "[hyphenate]") {
    auto& h = system_hyphenator();
    CHECK(h.points("hyphenation", "en") == std::vector<std::uint32_t>{2, 6});
    CHECK(hy("hyphenation", "en") == "hy-phen-ation");
    CHECK(hy("typesetting", "en") == "type-set-ting");
    CHECK(hy("incomprehensibilities", "en") == "in-com-pre-hen-si-bil-i-ties");
    CHECK(hy("The hyphenation of characteristically long words", "en") ==
          "The hy-phen-ation of char-ac-ter-is-ti-cally long words");
    CHECK(hy("hyphenation", "en-US") == "hy-phen-ation");
    CHECK(hy("hyphenation", "en-GB") == "hy-phen-a-tion");  // hyphen-en-gb's own patterns
    CHECK(hy("hyphenation", "en-AU") == "hy-phen-a-tion");  // hyph_en_AU.dic: the British file
    CHECK(hy("hyphenation", "en_US") == "hy-phen-ation");
}

TEST_CASE("points are byte offsets of the paragraph, after multi-byte text", "[hyphenate]") {
    auto& h = system_hyphenator();
    const std::string text = "Ελληνικά — “naïve” 🇹🇷 typesetting, e\xCC\x81tude (hyphenation).";
    const auto t = static_cast<std::uint32_t>(text.find("typesetting"));
    const auto y = static_cast<std::uint32_t>(text.find("hyphenation"));
    auto pts = h.points(text, 0, static_cast<std::uint32_t>(text.size()), "en");
    CHECK(pts == std::vector<std::uint32_t>{t + 4, t + 7, y + 2, y + 6});
    check_well_formed(text, pts, 0, static_cast<std::uint32_t>(text.size()));

    // Only the words inside the range; a word the range cuts gets none.
    CHECK(h.points(text, t, t + 11, "en") == std::vector<std::uint32_t>{t + 4, t + 7});
    CHECK(h.points(text, t, y + 5, "en") == std::vector<std::uint32_t>{t + 4, t + 7});
    CHECK(h.points(text, t + 1, y + 11, "en") == std::vector<std::uint32_t>{y + 2, y + 6});
}

TEST_CASE("Russian goes through the KOI8-R dictionary", "[hyphenate]") {
    // hyphen-ru's patterns (2003) are sparse: this is what they give, not a textbook division.
    CHECK(system_hyphenator().points("государственный", "ru") ==
          std::vector<std::uint32_t>{14, 24});  // after 7 and 12 letters of 2 bytes
    CHECK(hy("государственный", "ru") == "государ-ствен-ный");
    CHECK(hy("переподготовка", "ru") == "пе-ре-подготов-ка");
    CHECK(hy("объявление", "ru-RU") == "объяв-ле-ние");
    // Capitalized words are hyphenated in Russian; acronyms and all caps are not.
    CHECK(hy("Государственный", "ru") == "Государ-ствен-ный");
    CHECK(hy("ГОСУДАРСТВЕННЫЙ", "ru") == "ГОСУДАРСТВЕННЫЙ");
    // Letters KOI8-R does not have (Ukrainian і) make the word unconvertible: no points.
    CHECK(hy("державності", "ru") == "державності");
    CHECK(hy("В государственный бюджет", "ru") == "В государ-ствен-ный бюджет");
}

TEST_CASE("Turkish is syllabified in code", "[hyphenate]") {
    CHECK(hy("kitaplarımızdan", "tr") == "ki-tap-la-rı-mız-dan");
    CHECK(hy("çekoslovakyalılaştıramadıklarımızdanmısınız", "tr") ==
          "çe-kos-lo-vak-ya-lı-laş-tı-ra-ma-dık-la-rı-mız-dan-mı-sı-nız");
    // Consonant clusters: before the last consonant; none before the first vowel.
    CHECK(hy("strateji", "tr") == "stra-te-ji");
    CHECK(hy("sporcu", "tr") == "spor-cu");
    CHECK(hy("program kontrol", "tr-TR") == "prog-ram kont-rol");
    CHECK(hy("saat", "tr") == "sa-at");  // two vowels: two syllables
    // İ and I: capitals of i and ı, two bytes and one; capitalized words are hyphenated.
    CHECK(system_hyphenator().points("İstanbul", "tr") == std::vector<std::uint32_t>{3, 6});
    CHECK(hy("Iğdır ılıman", "tr") == "Iğ-dır ılı-man");
    CHECK(hy("Çalışkanlık", "tr") == "Ça-lış-kan-lık");
    CHECK(hy("DİKKAT", "tr") == "DİKKAT");
    // Apostrophe suffixes: the name and the suffix are hyphenated apart, never at the apostrophe.
    CHECK(hy("Japonya'nın", "tr") == "Ja-pon-ya'nın");
    CHECK(hy("İstanbul’dakilerden", "tr") == "İs-tan-bul’da-ki-ler-den");
    CHECK(hy("ABD'nin", "tr") == "ABD'nin");
}

TEST_CASE("minimums: the language's own, or the caller's", "[hyphenate]") {
    auto& h = system_hyphenator();
    CHECK(h.mins("en").left == 2);
    CHECK(h.mins("en").right == 3);
    CHECK(h.mins("en-GB").right == 3);
    CHECK(h.mins("ru").left == 2);
    CHECK(h.mins("ru").right == 2);  // the dictionary has none; Russian practice is 2/2
    CHECK(h.mins("tr").left == 2);
    CHECK(h.mins("tr").right == 2);
    CHECK(h.mins("xx").left == 2);
    CHECK(h.mins("xx").right == 2);

    CHECK(hy("hyphenation", "en", 3, 0) == "hyphen-ation");
    CHECK(hy("hyphenation", "en", 0, 6) == "hy-phenation");
    CHECK(hy("hyphenation", "en", 7, 7) == "hyphenation");
    // Below the dictionary's own minimums too (libhyphen's would floor them).
    CHECK(hy("again", "en") == "again");
    CHECK(hy("again", "en", 1, 0) == "a-gain");
    CHECK(hy("aile", "tr") == "ai-le");
    CHECK(hy("aile", "tr", 1, 1) == "a-i-le");
    CHECK(hy("ki", "tr", 1, 1) == "ki");  // a syllable
    // The right minimum counts letters, not bytes: "ный" is 3 letters.
    CHECK(hy("государственный", "ru", 0, 4) == "государ-ственный");
}

TEST_CASE("URLs, addresses, paths, numbers, acronyms, camelCase, soft hyphens: no points",
          "[hyphenate]") {
    const std::string plain = "hy-phen-ation";
    for (const std::string s : {
             "http://example.com/hyphenation",
             "(https://typesetting.example.org/hyphenation)",
             "www.hyphenation.org",
             "(www.hyphenation.org).",
             "hyphenation@typesetting.org",
             "/usr/share/hyphenation",
             "~/hyphenation",
             "typesetting/hyphenation",
             "C:\\typesetting\\hyphenation",
             "hyphenation.typesetting",
             "hyphenation2",
             "hyphenation_typesetting",
             "HYPHENATION",
             "hyphenationService",
             "McHyphenation",
             "hy\u00ADphenation",
             "hyphen\u00ADation",
         }) {
        INFO(s);
        CHECK(system_hyphenator().points(s, "en").empty());
        // The same token beside an ordinary word: the ordinary word still breaks.
        CHECK(hy(s + " hyphenation", "en") == s + " " + plain);
    }
}

TEST_CASE("capitalized words are hyphenated (TeX's \\uchyph=1), all capitals never",
          "[hyphenate]") {
    CHECK(hy("Hyphenation", "en") == "Hy-phen-ation");
    CHECK(hy("Typesetting with Hyphenation", "en") == "Type-set-ting with Hy-phen-ation");
    CHECK(hy("HYPHENATION", "en") == "HYPHENATION");
    CHECK(hy("Переподготовка", "ru") == "Пе-ре-подготов-ка");
    CHECK(hy("Kitaplarımızdan", "tr") == "Ki-tap-la-rı-mız-dan");
}

TEST_CASE("unsupported languages: supports() is false and there are no points", "[hyphenate]") {
    auto& h = system_hyphenator();
    for (const char* lang : {"xx", "zh", "zh-Hant", "ja", "ko", "th", "", "und", "!!", "en-"}) {
        INFO(lang);
        CHECK_FALSE(h.supports(lang));
        CHECK(h.points("hyphenation 漢字 ภาษาไทย", lang).empty());
    }
    for (const char* lang : {"en", "en-GB", "en-US", "en_US", "ru", "ru-RU", "tr", "tr-TR"}) {
        INFO(lang);
        CHECK(h.supports(lang));
    }
}

TEST_CASE("explicit hyphens: each part of a compound by itself", "[hyphenate]") {
    CHECK(hy("self-determination", "en") == "self-de-ter-mi-na-tion");
    CHECK(hy("computer-generated", "en") == "com-puter-gen-er-ated");
    CHECK(hy("well-known", "en") == "well-known");
    // The first break of a part keeps the minimum from the explicit hyphen.
    CHECK(hy("ex-hyphenation", "en", 3, 0) == "ex-hyphen-ation");
    CHECK(hy("sosyal-demokrat", "tr") == "sos-yal-de-mok-rat");
}

TEST_CASE("hyphenation is the same from four threads as serially", "[hyphenate]") {
    const std::vector<std::pair<std::string, std::string>> corpus = {
        {"The hyphenation of characteristically long words in typesetting.", "en"},
        {"Государственный бюджет и переподготовка кадров.", "ru"},
        {"Çekoslovakyalılaştıramadıklarımızdanmısınız? İstanbul'dakilerden.", "tr"},
        {"Incomprehensibilities, self-determination; http://example.com/x", "en-GB"},
        {"漢字 hyphenation", "zh"},
    };
    std::vector<std::vector<std::uint32_t>> serial;
    {
        Hyphenator h("/usr/share/hyphen");
        for (const auto& [text, lang] : corpus)
            serial.push_back(h.points(text, 0, static_cast<std::uint32_t>(text.size()), lang));
    }
    // A fresh instance, so that the threads also race to load the dictionaries.
    Hyphenator h("/usr/share/hyphen");
    std::vector<int> mismatches(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 200; ++round) {
                for (std::size_t i = 0; i < corpus.size(); ++i) {
                    const std::size_t k = (i + static_cast<std::size_t>(t)) % corpus.size();
                    const auto& [text, lang] = corpus[k];
                    auto pts = h.points(text, 0, static_cast<std::uint32_t>(text.size()), lang);
                    if (pts != serial[k]) ++mismatches[static_cast<std::size_t>(t)];
                }
            }
        });
    }
    for (auto& th : threads) th.join();
    CHECK(mismatches == std::vector<int>(4, 0));
    CHECK_FALSE(serial[0].empty());
    CHECK_FALSE(serial[1].empty());
    CHECK_FALSE(serial[2].empty());
}

TEST_CASE("dictionaries: charsets, Turkic casing, composed letters, choice of file",
          "[hyphenate]") {
    quire::test::TempDir dir;
    // ISO-8859-1 patterns: "é1c" is the bytes E9 '1' 'c'.
    write_file(dir.path / "hyph_fr_FR.dic",
               "ISO8859-1\nLEFTHYPHENMIN 2\nRIGHTHYPHENMIN 3\n\xE9"
               "1c\n");
    // Azerbaijani lowercases like Turkish: "ığ1" matches only a dotless ı from I, "is1t" only an
    // i from İ that stays one letter.
    write_file(dir.path / "hyph_az_AZ.dic",
               "UTF-8\nLEFTHYPHENMIN 2\nRIGHTHYPHENMIN 2\nığ1\nis1t\n");
    write_file(dir.path / "hyph_pt_PT.dic", "UTF-8\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\n1ba\n");
    write_file(dir.path / "hyph_de_DE.dic", "UTF-8\nLEFTHYPHENMIN 2\nRIGHTHYPHENMIN 2\n1ben\n");
    write_file(dir.path / "hyph_th_TH.dic", "UTF-8\n1ก\n");
    write_file(dir.path / "hyph_zh_CN.dic", "UTF-8\n1a\n");
    write_file(dir.path / "hyph_eo.dic", "EUC-JP\n1a\n");  // not a single-byte charset
    Hyphenator h(dir.path.string());
    auto mark = [&](const std::string& text, const std::string& lang) {
        return marked(text, h.points(text, 0, static_cast<std::uint32_t>(text.size()), lang));
    };

    CHECK(mark("décembre", "fr") == "dé-cembre");
    CHECK(h.points("décembre", "fr") == std::vector<std::uint32_t>{3});
    CHECK(mark("Décembre", "fr-CA") == "Dé-cembre");  // the only French file
    CHECK(mark("de\xCC\x81"
               "cembre",
               "fr") == "de\xCC\x81-cembre");                       // e + U+0301: NFC é
    CHECK(mark("Ωdécembre", "fr").find('-') == std::string::npos);  // Ω is not in Latin-1
    CHECK(h.mins("fr").left == 2);
    CHECK(h.mins("fr").right == 3);  // from the file

    CHECK(mark("Iğdır", "az") == "Iğ-dır");
    CHECK(mark("İstanbul", "az") == "İs-tanbul");
    CHECK(mark("I\xCC\x87stanbul", "az") == "I\xCC\x87s-tanbul");  // decomposed İ
    CHECK(mark("İstanbul", "fr").find('-') == std::string::npos);

    CHECK(h.supports("pt"));  // likely region BR has no file: any other region
    CHECK(h.supports("pt-BR"));
    CHECK(h.mins("pt").left == 2);  // the file's 1 is raised to 2
    CHECK(mark("abababa", "pt") == "aba-ba-ba");
    CHECK(h.supports("de-CH"));                                   // likely region DE
    CHECK(mark("Silbentrennung", "de-CH") == "Sil-bentrennung");  // German: capitals too

    CHECK_FALSE(h.supports("th"));  // Thai is not hyphenated, whatever the files
    CHECK_FALSE(h.supports("zh"));
    CHECK_FALSE(h.supports("eo"));
    CHECK_FALSE(h.supports("en"));  // not in this folder
    CHECK(h.points("hyphenation", "en").empty());
}

TEST_CASE("no crash and well-formed points on any input", "[hyphenate]") {
    auto& h = system_hyphenator();
    CHECK(h.points("", 0, 0, "en").empty());
    CHECK(h.points("hyphenation", 5, 5, "en").empty());
    CHECK(h.points("hyphenation", 9, 3, "en").empty());
    CHECK(h.points("hyphenation", 0, 1000, "en") == std::vector<std::uint32_t>{2, 6});
    // Ill-formed UTF-8 around and inside words.
    const std::string bad =
        "\xC3 hyphen\xFF"
        "ation \xE2\x82 typesetting \xF0\x9F";
    auto pts = h.points(bad, 0, static_cast<std::uint32_t>(bad.size()), "en");
    check_well_formed(bad, pts, 0, static_cast<std::uint32_t>(bad.size()));
    CHECK(marked(bad, pts).find("type-set-ting") != std::string::npos);

    // Very long words are left alone (and quickly).
    std::string longword;
    for (int i = 0; i < 10000; ++i) longword += "ab"[i % 2];
    CHECK(h.points(longword + " hyphenation", "en") == std::vector<std::uint32_t>{10003, 10007});
    std::string turkish;
    for (int i = 0; i < 2000; ++i) turkish += "kita";
    CHECK(h.points(turkish, "tr").empty());

    // Random bytes and random letters.
    std::mt19937 rng(12345);
    const std::vector<std::string> pieces = {"a",        "e",
                                             "ı",        "İ",
                                             "I",        "ğ",
                                             "й",        "ё",
                                             " ",        "-",
                                             "'",        "’",
                                             "@",        "/",
                                             ".",        "\xC2\xAD",
                                             "\xCC\x81", "\xE2\x81\xA0",
                                             "1",        "\xF0\x9F\x87\xB9",
                                             "\xFF",     "\xC3",
                                             "w",        "t",
                                             "r",        "n",
                                             "s",        "k"};
    for (int round = 0; round < 2000; ++round) {
        std::string s;
        const int n = static_cast<int>(rng() % 40);
        for (int i = 0; i < n; ++i) s += pieces[rng() % pieces.size()];
        const auto size = static_cast<std::uint32_t>(s.size());
        const std::uint32_t b = size ? static_cast<std::uint32_t>(rng() % size) : 0;
        const std::uint32_t e = b + static_cast<std::uint32_t>(rng() % (size - b + 1));
        for (const char* lang : {"en", "ru", "tr"}) {
            auto p = h.points(s, b, e, lang, 1, 1);
            check_well_formed(s, p, b, e);
        }
    }
}

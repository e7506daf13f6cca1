// Every language quire hyphenates: the dictionary each tag takes from Debian's hyphen-* packages
// (all in debian-packages.txt), a word of it hyphenated by those patterns, and the warning when
// a language has no patterns. The expected points are what Debian 12's patterns give.
#include "text/hyphenate.hpp"
#include "text/tex_patterns.hpp"

#include "support/marked.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <string>
#include <vector>

using quire::text::Hyphenator;

namespace {

struct Row {
    const char* tag;
    const char* package;     ///< the Debian package with the patterns
    const char* dictionary;  ///< the file the tag takes (symbolic links resolved)
    const char* word;
    const char* hyphenated;
};

// One row a language (and the regional or script variants that take another file).
const Row kRows[] = {
    {"af", "hyphen-af", "hyph_af_ZA.dic", "ontwikkeling", "ont-wik-ke-ling"},
    {"as", "hyphen-as", "hyph_as_IN.dic", "উন্নয়নশীল", "উন্ন-য়ন-শীল"},
    {"be", "texlive-lang-cyrillic", "hyph-be.pat.txt", "развіццё", "раз-ві-ц-цё"},
    {"bg", "texlive-lang-cyrillic", "hyph-bg.pat.txt", "развитието", "раз-ви-ти-е-то"},
    {"bn", "hyphen-bn", "hyph_bn_IN.dic", "উন্নয়নশীল", "উন্ন-য়ন-শীল"},
    {"ca", "hyphen-ca", "hyph_ca_ES.dic", "desenvolupament", "des-en-vo-lu-pa-ment"},
    {"cs", "hyphen-cs", "hyph_cs_CZ.dic", "vyhodnocení", "vy-hodno-cení"},
    {"da", "hyphen-da", "hyph_da_DK.dic", "udvikling", "udvik-ling"},
    {"de", "hyphen-de", "hyph_de_DE.dic", "Silbentrennung", "Sil-ben-tren-nung"},
    {"de-CH", "hyphen-de", "hyph_de_DE.dic", "Silbentrennung", "Sil-ben-tren-nung"},
    {"el", "hyphen-el", "hyph_el_GR.dic", "ανάπτυξη", "ανάπτυ-ξη"},
    {"en", "hyphen-en-us", "hyph_en_US.dic", "hyphenation", "hy-phen-ation"},
    {"en-GB", "hyphen-en-gb", "hyph_en_GB.dic", "hyphenation", "hy-phen-a-tion"},
    {"es", "hyphen-es", "hyph_es_ES.dic", "desarrollo", "de-sa-rro-llo"},
    {"et", "myspell-et", "hyph_et_EE.dic", "arendamine", "aren-dami-ne"},
    {"fr", "hyphen-fr", "hyph_fr.dic", "développement", "dé-ve-lop-pe-ment"},
    {"gl", "hyphen-gl", "hyph_gl_ES.dic", "desenvolvemento", "de-sen-vol-ve-men-to"},
    {"gu", "hyphen-gu", "hyph_gu_IN.dic", "વિકાસશીલ", "વિકા-સ-શીલ"},
    {"hi", "hyphen-hi", "hyph_hi_IN.dic", "विकासशील", "विका-स-शील"},
    {"hr", "hyphen-hr", "hyph_hr_HR.dic", "razvojnoga", "ra-zvoj-no-ga"},
    {"hu", "hyphen-hu", "hyph_hu_HU.dic", "fejlesztés", "fej-lesz-tés"},
    {"id", "hyphen-id", "hyph_id_ID.dic", "pembangunan", "pem-ba-ngu-n-an"},
    {"is", "hyphen-is", "hyph_is_IS.dic", "þróunarinnar", "þró-unar-inn-ar"},
    {"it", "hyphen-it", "hyph_it_IT.dic", "ripristinare", "ri-pri-sti-nare"},
    {"kn", "hyphen-kn", "hyph_kn_IN.dic", "ಅಭಿವೃದ್ಧಿಶೀಲ", "ಅಭಿ-ವೃ-ದ್ಧಿ-ಶೀಲ"},
    {"lt", "hyphen-lt", "hyph_lt_LT.dic", "plėtojimas", "plė-toji-mas"},
    {"lv", "hyphen-lv", "hyph_lv_LV.dic", "attīstība", "at-tīs-tī-ba"},
    {"mk", "texlive-lang-cyrillic", "hyph-mk.pat.txt", "развојот", "раз-во-јот"},
    {"ml", "hyphen-ml", "hyph_ml_IN.dic", "വികസ്വര", "വിക-സ്വര"},
    {"mn", "texlive-lang-cyrillic", "hyph-mn-cyrl.pat.txt", "хөгжлийн", "хөгж-лийн"},
    {"mr", "hyphen-mr", "hyph_mr_IN.dic", "विकासाच्या", "विका-सा-च्या"},
    {"nb", "hyphen-no", "hyph_nb_NO.dic", "utvikling", "ut-vikling"},
    {"nl", "hyphen-nl", "hyph_nl_NL.dic", "ontwikkeling", "ont-wik-ke-ling"},
    {"nn", "hyphen-no", "hyph_nn_NO.dic", "utvikling", "ut-vikling"},
    {"no", "hyphen-no", "hyph_nb_NO.dic", "utvikling", "ut-vikling"},
    {"or", "hyphen-or", "hyph_or_IN.dic", "ବିକାଶଶୀଳ", "ବିକା-ଶ-ଶୀଳ"},
    {"pa", "hyphen-pa", "hyph_pa_IN.dic", "ਵਿਕਾਸਸ਼ੀਲ", "ਵਿਕਾ-ਸ-ਸ਼ੀਲ"},
    {"pl", "hyphen-pl", "hyph_pl_PL.dic", "rozwiązanie", "roz-wią-za-nie"},
    {"pt", "hyphen-pt-br", "hyph_pt_BR.dic", "desenvolvimento", "de-sen-vol-vi-men-to"},
    {"pt-PT", "hyphen-pt-pt", "hyph_pt_PT.dic", "desenvolvimento", "de-sen-vol-vi-men-to"},
    {"ro", "hyphen-ro", "hyph_ro_RO.dic", "dezvoltare", "dezvol-ta-re"},
    {"ru", "texlive-lang-cyrillic", "hyph-ru.pat.txt", "программы", "про-грам-мы"},
    {"sk", "hyphen-sk", "hyph_sk_SK.dic", "vyhodnotenie", "vy-hod-note-nie"},
    {"sl", "hyphen-sl", "hyph_sl_SI.dic", "razvojnega", "ra-zvoj-ne-ga"},
    {"sr", "texlive-lang-cyrillic", "hyph-sr-cyrl.pat.txt", "развојнога", "ра-звој-но-га"},
    {"sr-Latn", "hyphen-sr", "hyph_sr-Latn_RS.dic", "razvojnoga", "ra-zvoj-no-ga"},
    {"sv", "hyphen-sv", "hyph_sv_SE.dic", "utveckling", "ut-veck-ling"},
    {"ta", "hyphen-ta", "hyph_ta_IN.dic", "வளர்ச்சியடைந்த", "வளர்ச்-சி-ய-டைந்த"},
    {"te", "hyphen-te", "hyph_te_IN.dic", "అభివృద్ధిచెందుతున్న", "అభి-వృ-ద్ధి-చెం-దు-తు-న్న"},
    {"uk", "texlive-lang-cyrillic", "hyph-uk.pat.txt", "розвиток", "роз-ви-ток"},
    {"zu", "hyphen-zu", "hyph_zu_ZA.dic", "ukuthuthukiswa", "uku-thu-thu-ki-swa"},
};

// Cyrillic languages take TeX's patterns (texlive-lang-cyrillic); without them, Debian's.
const Row kDebianCyrillic[] = {
    {"be", "hyphen-be", "hyph_be_BY.dic", "развіццё", "ра-з-ві-ц-цё"},
    {"bg", "hyphen-bg", "hyph_bg_BG.dic", "развитието", "раз-ви-ти-е-то"},
    {"mn", "hyphen-mn", "hyph_mn_MN.dic", "хөгжлийн", "хөгж-лийн"},
    {"ru", "hyphen-ru", "hyph_ru_RU.dic", "развитие", "раз-ви-тие"},
    {"sr", "hyphen-sr", "hyph_sr_RS.dic", "развојнога", "ра-звој-но-га"},
    {"uk", "hyphen-uk", "hyph_uk_UA.dic", "розвиток", "роз-виток"},
};

using quire::test::marked;

}  // namespace

TEST_CASE("every language with Debian patterns takes its dictionary and hyphenates",
          "[hyphenate][languages]") {
    const Hyphenator h("/usr/share/hyphen", Hyphenator::kTexPatternsDir);
    for (const Row& r : kRows) {
        INFO(r.tag << " (" << r.package << ")");
        CHECK(h.supports(r.tag));
        CHECK(h.dictionary_name(r.tag) == r.dictionary);
        CHECK(marked(r.word, h.points(r.word, r.tag)) == r.hyphenated);
        CHECK_FALSE(h.missing_patterns_warning(r.tag));
    }
    CHECK(h.dictionary_name("tr") == "(Turkish syllables, built in)");
    // Without TeX's patterns, the Cyrillic languages fall back on Debian's dictionaries.
    const Hyphenator debian_only("/usr/share/hyphen", "/nonexistent");
    for (const Row& r : kDebianCyrillic) {
        INFO(r.tag << " (" << r.package << ")");
        CHECK(debian_only.dictionary_name(r.tag) == r.dictionary);
        CHECK(marked(r.word, debian_only.points(r.word, r.tag)) == r.hyphenated);
    }
    CHECK(marked("gelişmesini", h.points("gelişmesini", "tr")) == "ge-liş-me-si-ni");
    // Not hyphenated in print, whatever patterns exist, and no warning: Thai, Chinese, Arabic.
    for (const char* tag : {"th", "zh", "ja", "ar", "he", "fa"}) {
        INFO(tag);
        CHECK_FALSE(h.supports(tag));
        CHECK(h.dictionary_name(tag).empty());
        CHECK_FALSE(h.missing_patterns_warning(tag));
    }
}

TEST_CASE("the package list installs the patterns of every language in the table",
          "[hyphenate][languages]") {
    // Each hyphen-* package of debian-packages.txt (and myspell-et, Estonian's) has a row, and
    // each row's package is in the list: a package added without a test, or a language tested
    // without its package, fails here.
    std::ifstream list(std::string(QUIRE_SOURCE_DIR) + "/debian-packages.txt");
    REQUIRE(list);
    std::set<std::string> listed;
    for (std::string line; std::getline(list, line);)
        if (line.rfind("hyphen-", 0) == 0 || line == "myspell-et" ||
            line == "texlive-lang-cyrillic")
            listed.insert(line);
    std::set<std::string> tested;
    for (const Row& r : kRows) tested.insert(r.package);
    for (const Row& r : kDebianCyrillic) tested.insert(r.package);
    CHECK(listed == tested);
    CHECK(listed.size() >= 45);
}

TEST_CASE("a language without patterns is a warning once, naming its package",
          "[hyphenate][languages]") {
    quire::test::TempDir empty;
    const Hyphenator h(empty.path.string());
    const auto de = h.missing_patterns_warning("de-CH");
    REQUIRE(de);
    CHECK(de->find("German (de-CH)") != std::string::npos);
    CHECK(de->find("hyphen-de") != std::string::npos);
    CHECK_FALSE(h.missing_patterns_warning("de-CH"));  // once
    const auto et = h.missing_patterns_warning("et");
    REQUIRE(et);
    CHECK(et->find("myspell-et") != std::string::npos);
    // Armenian is hyphenated in print, but Debian has no patterns for it.
    const Hyphenator system("/usr/share/hyphen");
    const auto hy = system.missing_patterns_warning("hy");
    REQUIRE(hy);
    CHECK(hy->find("Armenian (hy)") != std::string::npos);
    CHECK(hy->find("Debian has no patterns") != std::string::npos);
    CHECK_FALSE(system.missing_patterns_warning("hy"));
    // Turkish needs no patterns; Arabic and Chinese are not hyphenated: no warning.
    CHECK_FALSE(h.missing_patterns_warning("tr"));
    CHECK_FALSE(h.missing_patterns_warning("ar"));
    CHECK_FALSE(h.missing_patterns_warning("zh"));
}

TEST_CASE("TeX patterns: Liang's values, word edges, exceptions, marks between units",
          "[hyphenate][languages]") {
    quire::test::TempDir dir;
    {
        std::ofstream pat(dir.path / "hyph-ru.pat.txt", std::ios::binary);
        // "1на" breaks before на; ".по1" after a word-initial по; "2нн" forbids a break before
        // нн that "1н" allows; a comment and blank lines are skipped.
        pat << "% patterns\n1на .по1\n1н 2нн\n\n";
        std::ofstream hyp(dir.path / "hyph-ru.hyp.txt", std::ios::binary);
        hyp << "ва-нна\n";
    }
    const auto t = quire::text::TexPatterns::load((dir.path / "hyph-ru.pat.txt").string(),
                                                  (dir.path / "hyph-ru.hyp.txt").string());
    REQUIRE(t);
    CHECK(t->size() == 4);
    std::vector<std::uint8_t> v;
    const std::u32string w = U"понана";
    t->values(w.data(), w.size(), v);
    REQUIRE(v.size() == w.size() + 1);
    // п о | н а | н а: after по (.по1), before each н (1н, 1на)
    CHECK(v == std::vector<std::uint8_t>{0, 0, 1, 0, 1, 0, 0});
    const std::u32string w2 = U"анна";
    t->values(w2.data(), w2.size(), v);
    CHECK(v[1] == 2);  // 2нн beats 1н before the first н
    CHECK(v[2] == 1);  // 1на before the second
    const std::u32string ex = U"ванна";
    t->values(ex.data(), ex.size(), v);
    CHECK(v == std::vector<std::uint8_t>{0, 0, 1, 0, 0, 0});  // the exception: ва-нна

    const Hyphenator h(dir.path.string());  // both kinds of file in one folder
    CHECK(h.dictionary_name("ru") == "hyph-ru.pat.txt");
    CHECK(marked("понана", h.points("понана", "ru")) == "по-на-на");
    CHECK(marked("ванна", h.points("ванна", "ru")) == "ва-нна");  // the exception
    // A combining mark stays with its letter: no break inside a unit.
    CHECK(marked("пона\xCC\x81на", h.points("пона\xCC\x81на", "ru")) == "по-на\xCC\x81-на");
    CHECK_FALSE(quire::text::TexPatterns::load((dir.path / "none.pat.txt").string(), ""));
}

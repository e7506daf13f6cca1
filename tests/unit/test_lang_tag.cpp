// Unit tests of base/lang_tag: BCP 47 tags read by ICU's Locale.
#include "base/lang_tag.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <thread>

namespace lang_tag = quire::lang_tag;

TEST_CASE("lang_tag primary is the lowercase language subtag", "[base][lang_tag]") {
    CHECK(lang_tag::primary("en") == "en");
    CHECK(lang_tag::primary("pt-BR") == "pt");
    CHECK(lang_tag::primary("pt_BR") == "pt");  // '_' taken for '-'
    CHECK(lang_tag::primary("ZH_hant") == "zh");
    CHECK(lang_tag::primary("TR") == "tr");
    CHECK(lang_tag::primary("zh-Hant-TW") == "zh");
    CHECK(lang_tag::primary("ckb") == "ckb");
    CHECK(lang_tag::primary("i-klingon") == "tlh");     // a grandfathered tag
    CHECK(lang_tag::primary("iw") == "iw");             // deprecated codes stay as written
    CHECK(lang_tag::primary("toolongtag-de").empty());  // not a well-formed tag: no parts
    CHECK(lang_tag::primary("en-").empty());
    CHECK(lang_tag::locale("en-").isBogus());
    CHECK_FALSE(lang_tag::locale("en").isBogus());
    CHECK(lang_tag::primary("").empty());
    CHECK(lang_tag::primary("und").empty());
    CHECK(lang_tag::primary("x-private").empty());
}

TEST_CASE("lang_tag parts give script and region as stated", "[base][lang_tag]") {
    const auto p = lang_tag::parts("zh-hant-tw");
    CHECK(p.language == "zh");
    CHECK(p.script == "Hant");
    CHECK(p.region == "TW");
    CHECK_FALSE(p.rtl);
    const auto q = lang_tag::parts("de");
    CHECK(q.script.empty());
    CHECK(q.region.empty());
    CHECK(lang_tag::locale("sr-Latn").getScript() == std::string("Latn"));
}

TEST_CASE("lang_tag is_rtl follows the script, stated or likely", "[base][lang_tag]") {
    for (const char* rtl : {"ar", "ar-EG", "fa", "he", "iw", "ur", "ps", "yi", "sd", "ug", "dv",
                            "ckb", "syr", "az-Arab", "ku-Arab", "pa-Arab", "en-Arab", "AR"}) {
        INFO(rtl);
        CHECK(lang_tag::is_rtl(rtl));
    }
    for (const char* ltr :
         {"en", "de-CH", "tr", "ja", "zh-Hant", "ku", "ar-Latn", "und", "", "x-private"}) {
        INFO(ltr);
        CHECK_FALSE(lang_tag::is_rtl(ltr));
    }
}

TEST_CASE("lang_tag answers the same on every thread", "[base][lang_tag]") {
    std::string other_primary;
    bool other_rtl = false;
    std::thread t([&] {
        other_primary = lang_tag::primary("fa-IR");
        other_rtl = lang_tag::is_rtl("fa-IR");
    });
    t.join();
    CHECK(other_primary == lang_tag::primary("fa-IR"));
    CHECK(other_rtl == lang_tag::is_rtl("fa-IR"));
    CHECK(other_primary == "fa");
    CHECK(other_rtl);
    // Many tags (more than a thread keeps) still answer right.
    for (int i = 0; i < 600; ++i) {
        const std::string tag = "en-x-t" + std::to_string(i);
        REQUIRE(lang_tag::primary(tag) == "en");
    }
    CHECK(lang_tag::primary("he") == "he");
}

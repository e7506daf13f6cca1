// Unit tests of model/identifiers: the ISBN, ISSN, DOI and ORCID iD checks of front matter.
#include "model/identifiers.hpp"

#include "base/utf8.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace model = quire::model;
using Catch::Contains;
using model::IdentifierCheck;

namespace {

/// "ok <normal>" or "problem <problem>"; "inconsistent" when the fields disagree with ok.
std::string outcome(const IdentifierCheck& r) {
    if (r.ok && r.problem.empty() && !r.normal.empty()) return "ok " + r.normal;
    if (!r.ok && r.normal.empty() && !r.problem.empty()) return "problem " + r.problem;
    return "inconsistent";
}

/// The problem of a check that should fail ("" when it did not).
std::string problem(const IdentifierCheck& r) {
    CHECK_FALSE(r.ok);
    CHECK(r.normal.empty());
    return r.problem;
}

using Check = IdentifierCheck (*)(std::string_view);
constexpr Check kChecks[] = {model::check_isbn, model::check_issn, model::check_doi,
                             model::check_orcid};

}  // namespace

TEST_CASE("check_isbn accepts valid ISBN-13s and gives their normal form", "[identifiers]") {
    CHECK(outcome(model::check_isbn("978-0-306-40615-7")) == "ok 978-0-306-40615-7");
    CHECK(outcome(model::check_isbn("9780306406157")) == "ok 9780306406157");
    CHECK(outcome(model::check_isbn("978 0 306 40615 7")) == "ok 9780306406157");
    CHECK(outcome(model::check_isbn("978-0 306-40615-7")) == "ok 978-0-306-40615-7");
    CHECK(outcome(model::check_isbn("979-10-90636-07-1")) == "ok 979-10-90636-07-1");
    CHECK(outcome(model::check_isbn("978-0-262-03384-8")) == "ok 978-0-262-03384-8");
    // The prefixes, in any case, with or without blanks; blanks around the value.
    CHECK(outcome(model::check_isbn("ISBN 978-0-306-40615-7")) == "ok 978-0-306-40615-7");
    CHECK(outcome(model::check_isbn("ISBN: 978-0-306-40615-7")) == "ok 978-0-306-40615-7");
    CHECK(outcome(model::check_isbn("ISBN-13: 978-0-306-40615-7")) == "ok 978-0-306-40615-7");
    CHECK(outcome(model::check_isbn("isbn-13:\t9780306406157")) == "ok 9780306406157");
    CHECK(outcome(model::check_isbn("Isbn:9780306406157")) == "ok 9780306406157");
    CHECK(outcome(model::check_isbn("ISBN-13 978-0-306-40615-7")) == "ok 978-0-306-40615-7");
    CHECK(outcome(model::check_isbn("  978-0-306-40615-7 \n")) == "ok 978-0-306-40615-7");
}

TEST_CASE("check_isbn accepts valid ISBN-10s, X upper-cased", "[identifiers]") {
    CHECK(outcome(model::check_isbn("0-306-40615-2")) == "ok 0-306-40615-2");
    CHECK(outcome(model::check_isbn("0306406152")) == "ok 0306406152");
    CHECK(outcome(model::check_isbn("0-8044-2957-X")) == "ok 0-8044-2957-X");
    CHECK(outcome(model::check_isbn("0-8044-2957-x")) == "ok 0-8044-2957-X");
    CHECK(outcome(model::check_isbn("080442957x")) == "ok 080442957X");
    CHECK(outcome(model::check_isbn("0 8044 2957 x")) == "ok 080442957X");
    CHECK(outcome(model::check_isbn("ISBN-10: 0-19-852663-6")) == "ok 0-19-852663-6");
    CHECK(outcome(model::check_isbn("isbn-10 0131103628")) == "ok 0131103628");
}

TEST_CASE("check_isbn names the check digit it expects", "[identifiers]") {
    CHECK(problem(model::check_isbn("978-0-306-40615-6")) ==
          "978-0-306-40615-6 has the check digit 6; it should be 7");
    CHECK(problem(model::check_isbn("0-306-40615-3")) ==
          "0-306-40615-3 has the check digit 3; it should be 2");
    CHECK(problem(model::check_isbn("0-8044-2957-1")) ==
          "0-8044-2957-1 has the check digit 1; it should be X");
    CHECK(problem(model::check_isbn("0-306-40615-X")) ==
          "0-306-40615-X has the check digit X; it should be 2");
    // Swapped digits are caught: by the ISBN-10's weights always, by the ISBN-13's mostly.
    CHECK_THAT(problem(model::check_isbn("0-306-46015-2")), Contains("it should be"));
    CHECK_THAT(problem(model::check_isbn("978-0-306-46015-7")), Contains("it should be"));
    // The value is quoted as the author wrote it, prefix included.
    CHECK_THAT(problem(model::check_isbn("ISBN: 9780306406150")),
               Contains("ISBN: 9780306406150 has the check digit 0; it should be 7"));
}

TEST_CASE("check_isbn catches every single wrong digit", "[identifiers]") {
    for (const std::string good : {"9780306406157", "0306406152", "080442957X"}) {
        REQUIRE(model::check_isbn(good).ok);
        for (std::size_t i = 0; i < good.size(); ++i) {
            for (char d = '0'; d <= '9'; ++d) {
                if (d == good[i]) continue;
                std::string bad = good;
                bad[i] = d;
                INFO(bad);
                CHECK_FALSE(model::check_isbn(bad).ok);
            }
        }
    }
}

TEST_CASE("check_isbn explains the wrong lengths, characters and prefixes", "[identifiers]") {
    CHECK(problem(model::check_isbn("")) == "is empty");
    CHECK(problem(model::check_isbn(" \t ")) == "is empty");
    CHECK(problem(model::check_isbn("ISBN")) == "ISBN has no number after the prefix");
    CHECK(problem(model::check_isbn("ISBN: ")) == "ISBN: has no number after the prefix");
    CHECK(problem(model::check_isbn("isbn-13:")) == "isbn-13: has no number after the prefix");
    CHECK(problem(model::check_isbn("978-0-306-40615-71")) ==
          "978-0-306-40615-71 has 14 digits; an ISBN has 10 or 13");
    CHECK(problem(model::check_isbn("978030640615")) ==
          "978030640615 has 12 digits; an ISBN has 10 or 13");
    CHECK(problem(model::check_isbn("03064061522")) ==
          "03064061522 has 11 digits; an ISBN has 10 or 13");
    CHECK(problem(model::check_isbn("7")) == "7 has 1 digit; an ISBN has 10 or 13");
    CHECK(problem(model::check_isbn("978-0-306-40615-7-")) ==
          "978-0-306-40615-7- ends with a hyphen");
    CHECK(problem(model::check_isbn("-978-0-306-40615-7")) ==
          "-978-0-306-40615-7 starts with a hyphen");
    CHECK(problem(model::check_isbn("ISBN -978-0-306-40615-7")) ==
          "ISBN -978-0-306-40615-7 starts with a hyphen");
    CHECK(problem(model::check_isbn("978--0-306-40615-7")) ==
          "978--0-306-40615-7 has two separators in a row");
    CHECK(problem(model::check_isbn("978- 0-306-40615-7")) ==
          "978- 0-306-40615-7 has two separators in a row");
    CHECK(problem(model::check_isbn("978 0  306 40615 7")) ==
          "978 0  306 40615 7 has two separators in a row");
    CHECK_THAT(problem(model::check_isbn("978-0-3O6-40615-7")),
               Contains("978-0-3O6-40615-7 has 'O', which cannot be in an ISBN"));
    CHECK_THAT(problem(model::check_isbn("978-0-306-40615-7a")), Contains("has 'a'"));
    CHECK_THAT(problem(model::check_isbn("978_0_306_40615_7")), Contains("has '_'"));
    CHECK_THAT(problem(model::check_isbn("978\t0306406157")), Contains("has U+0009"));
    CHECK_THAT(problem(model::check_isbn("978\xE2\x80\x93"
                                         "0-306-40615-7")),
               Contains("has '\xE2\x80\x93' (U+2013)"));
    CHECK_THAT(problem(model::check_isbn("97X-0-306-40615-7")),
               Contains("has an X before its end"));
    CHECK_THAT(problem(model::check_isbn("978-0-306-40615-X")),
               Contains("978-0-306-40615-X ends in X"));
    CHECK(problem(model::check_isbn("977-0-306-40615-7")) ==
          "977-0-306-40615-7 starts with 977; an ISBN-13 starts with 978 or 979 (977 starts an "
          "ISSN's barcode)");
    CHECK(problem(model::check_isbn("123-0-306-40615-7")) ==
          "123-0-306-40615-7 starts with 123; an ISBN-13 starts with 978 or 979");
    CHECK(problem(model::check_isbn("ISBN-10: 978-0-306-40615-7")) ==
          "ISBN-10: 978-0-306-40615-7 is labelled ISBN-10 but has 13 digits");
    CHECK(problem(model::check_isbn("ISBN-13: 0-306-40615-2")) ==
          "ISBN-13: 0-306-40615-2 is labelled ISBN-13 but has 10 digits");
}

TEST_CASE("check_issn accepts valid ISSNs and writes them with the hyphen", "[identifiers]") {
    CHECK(outcome(model::check_issn("0378-5955")) == "ok 0378-5955");
    CHECK(outcome(model::check_issn("03785955")) == "ok 0378-5955");
    CHECK(outcome(model::check_issn("2049-3630")) == "ok 2049-3630");
    CHECK(outcome(model::check_issn("0317-8471")) == "ok 0317-8471");
    CHECK(outcome(model::check_issn("0028-0836")) == "ok 0028-0836");
    CHECK(outcome(model::check_issn("2434-561X")) == "ok 2434-561X");
    CHECK(outcome(model::check_issn("2434-561x")) == "ok 2434-561X");
    CHECK(outcome(model::check_issn("1050124x")) == "ok 1050-124X");
    CHECK(outcome(model::check_issn("ISSN 0378-5955")) == "ok 0378-5955");
    CHECK(outcome(model::check_issn("issn: 1476-4687")) == "ok 1476-4687");
    CHECK(outcome(model::check_issn("ISSN:14764687 ")) == "ok 1476-4687");
}

TEST_CASE("check_issn explains what is wrong", "[identifiers]") {
    CHECK(problem(model::check_issn("0378-5954")) ==
          "0378-5954 has the check digit 4; it should be 5");
    CHECK(problem(model::check_issn("2434-5610")) ==
          "2434-5610 has the check digit 0; it should be X");
    CHECK(problem(model::check_issn("0378-595X")) ==
          "0378-595X has the check digit X; it should be 5");
    CHECK(problem(model::check_issn("")) == "is empty");
    CHECK(problem(model::check_issn("ISSN")) == "ISSN has no number after the prefix");
    CHECK(problem(model::check_issn("ISSN:  ")) == "ISSN: has no number after the prefix");
    CHECK(problem(model::check_issn("0378-595")) == "0378-595 has 7 digits; an ISSN has 8");
    CHECK(problem(model::check_issn("0378-59551")) == "0378-59551 has 9 digits; an ISSN has 8");
    CHECK(problem(model::check_issn("0378-")) == "0378- has 4 digits; an ISSN has 8");
    CHECK_THAT(problem(model::check_issn("037-85955")), Contains("hyphen in the wrong place"));
    CHECK_THAT(problem(model::check_issn("0378-5955-")), Contains("hyphen in the wrong place"));
    CHECK_THAT(problem(model::check_issn("0378--5955")), Contains("hyphen in the wrong place"));
    CHECK_THAT(problem(model::check_issn("-03785955")), Contains("hyphen in the wrong place"));
    CHECK_THAT(problem(model::check_issn("0378 5955")),
               Contains("0378 5955 has a space, which cannot be in an ISSN"));
    CHECK_THAT(problem(model::check_issn("03X8-5955")), Contains("has an X before its end"));
    CHECK_THAT(problem(model::check_issn("0378-59a5")), Contains("has 'a'"));
}

TEST_CASE("check_doi accepts DOIs bare, as doi: and as URLs", "[identifiers]") {
    CHECK(outcome(model::check_doi("10.1000/182")) == "ok 10.1000/182");
    CHECK(outcome(model::check_doi("https://doi.org/10.1038/nphys1170")) == "ok 10.1038/nphys1170");
    CHECK(outcome(model::check_doi("HTTPS://DOI.ORG/10.1038/nphys1170")) == "ok 10.1038/nphys1170");
    CHECK(outcome(model::check_doi("http://dx.doi.org/10.1038/nphys1170")) ==
          "ok 10.1038/nphys1170");
    CHECK(outcome(model::check_doi("https://dx.doi.org/10.1038/nphys1170")) ==
          "ok 10.1038/nphys1170");
    CHECK(outcome(model::check_doi("http://doi.org/10.1038/nphys1170")) == "ok 10.1038/nphys1170");
    CHECK(outcome(model::check_doi("doi:10.1000/182")) == "ok 10.1000/182");
    CHECK(outcome(model::check_doi("DOI: 10.1000/182")) == "ok 10.1000/182");
    CHECK(outcome(model::check_doi(" 10.1000/182\n")) == "ok 10.1000/182");
    // The suffix is kept as written: case, slashes, punctuation, non-ASCII letters.
    CHECK(
        outcome(model::check_doi("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0")) ==
        "ok 10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0");
    CHECK(outcome(model::check_doi("10.1000.10/ABC/def")) == "ok 10.1000.10/ABC/def");
    CHECK(outcome(model::check_doi("10.12345/caf\xC3\xA9")) == "ok 10.12345/caf\xC3\xA9");
}

TEST_CASE("check_doi explains what is wrong", "[identifiers]") {
    CHECK(problem(model::check_doi("")) == "is empty");
    CHECK(problem(model::check_doi("doi:")) == "doi: has no DOI after the prefix");
    CHECK(problem(model::check_doi("https://doi.org/")) ==
          "https://doi.org/ has no DOI after the prefix");
    CHECK_THAT(problem(model::check_doi("11.1000/182")), Contains("does not start with \"10.\""));
    CHECK_THAT(problem(model::check_doi("nphys1170")), Contains("does not start with \"10.\""));
    CHECK_THAT(problem(model::check_doi("https://example.org/10.1000/182")),
               Contains("does not start with \"10.\""));
    CHECK_THAT(problem(model::check_doi("10.1000")), Contains("has no '/'"));
    CHECK_THAT(problem(model::check_doi("10.1000/")), Contains("has nothing after the '/'"));
    CHECK_THAT(problem(model::check_doi("10.100/182")),
               Contains("has a registrant code of 3 digits; it has 4 or more"));
    CHECK_THAT(problem(model::check_doi("10./182")), Contains("has no registrant code"));
    CHECK_THAT(problem(model::check_doi("10.1000./182")), Contains("has an empty group"));
    CHECK_THAT(problem(model::check_doi("10.1000..5/182")), Contains("has an empty group"));
    CHECK_THAT(problem(model::check_doi("10.10a0/182")), Contains("has 'a' in its prefix"));
    CHECK_THAT(problem(model::check_doi("10.1000/18 2")), Contains("has a space in its suffix"));
    CHECK_THAT(problem(model::check_doi("10.1000/18\t2")), Contains("has U+0009 in its suffix"));
    CHECK_THAT(problem(model::check_doi("10.1000/18\xC2\xA0"
                                        "2")),
               Contains("has U+00A0 in its suffix"));
    CHECK_THAT(problem(model::check_doi(std::string("10.1000/18") + '\0' + "2")),
               Contains("has U+0000 in its suffix"));
    CHECK_THAT(problem(model::check_doi("10.1000/18\xFF")),
               Contains("has the byte 0xFF (not UTF-8) in its suffix"));
}

TEST_CASE("check_orcid accepts iDs with hyphens, without, and as URLs", "[identifiers]") {
    CHECK(outcome(model::check_orcid("0000-0002-1825-0097")) == "ok 0000-0002-1825-0097");
    CHECK(outcome(model::check_orcid("0000-0001-5109-3700")) == "ok 0000-0001-5109-3700");
    CHECK(outcome(model::check_orcid("0000-0002-1694-233X")) == "ok 0000-0002-1694-233X");
    CHECK(outcome(model::check_orcid("0000-0002-1694-233x")) == "ok 0000-0002-1694-233X");
    CHECK(outcome(model::check_orcid("0000000218250097")) == "ok 0000-0002-1825-0097");
    CHECK(outcome(model::check_orcid("https://orcid.org/0000-0002-1825-0097")) ==
          "ok 0000-0002-1825-0097");
    CHECK(outcome(model::check_orcid("http://orcid.org/0000-0001-5109-3700")) ==
          "ok 0000-0001-5109-3700");
    CHECK(outcome(model::check_orcid("HTTPS://ORCID.ORG/000000021694233x")) ==
          "ok 0000-0002-1694-233X");
    CHECK(outcome(model::check_orcid(" 0000-0002-1825-0097 ")) == "ok 0000-0002-1825-0097");
}

TEST_CASE("check_orcid explains what is wrong", "[identifiers]") {
    CHECK(problem(model::check_orcid("0000-0002-1825-0098")) ==
          "0000-0002-1825-0098 has the check digit 8; it should be 7");
    CHECK(problem(model::check_orcid("0000-0002-1694-2330")) ==
          "0000-0002-1694-2330 has the check digit 0; it should be X");
    CHECK(problem(model::check_orcid("https://orcid.org/0000-0001-5109-370X")) ==
          "https://orcid.org/0000-0001-5109-370X has the check digit X; it should be 0");
    CHECK(problem(model::check_orcid("")) == "is empty");
    CHECK(problem(model::check_orcid("https://orcid.org/")) ==
          "https://orcid.org/ has no iD after the prefix");
    CHECK_THAT(problem(model::check_orcid("0000-0002-1825-009")),
               Contains("has 15 digits; an ORCID iD has 16"));
    CHECK_THAT(problem(model::check_orcid("0000-0002-1825-00971")), Contains("has 17 digits"));
    CHECK_THAT(problem(model::check_orcid("0000-0002-1825-0097-")),
               Contains("hyphens in the wrong places"));
    CHECK_THAT(problem(model::check_orcid("00000002-1825-0097")),
               Contains("hyphens in the wrong places"));
    CHECK_THAT(problem(model::check_orcid("000-00002-1825-0097")),
               Contains("hyphens in the wrong places"));
    CHECK_THAT(problem(model::check_orcid("0000 0002 1825 0097")), Contains("has a space"));
    CHECK_THAT(problem(model::check_orcid("0000-000X-1825-0097")),
               Contains("has an X before its end"));
    CHECK_THAT(problem(model::check_orcid("orcid.org/0000-0002-1825-0097")), Contains("has 'o'"));
}

TEST_CASE("identifier checks take any bytes without harm", "[identifiers]") {
    // Long values: the problem quotes at most 64 characters, then "…".
    const std::string digits(1'000'000, '7');
    for (const Check check : kChecks) {
        const IdentifierCheck r = check(digits);
        CHECK_FALSE(r.ok);
        CHECK(r.problem.size() < 400);
        CHECK_THAT(r.problem, Contains("7777\xE2\x80\xA6"));
    }
    CHECK_THAT(model::check_isbn(digits).problem, Contains("has 1000000 digits"));
    const std::string long_doi = "10.1000/" + std::string(100'000, 'a');
    CHECK(model::check_doi(long_doi).normal == long_doi);

    // Embedded NUL, non-ASCII and ill-formed UTF-8: quoted as U+FFFD, named in the problem.
    const std::string nul("978-0-306\0-40615-7", 18);
    CHECK(problem(model::check_isbn(nul)) ==
          "978-0-306\xEF\xBF\xBD-40615-7 has U+0000, which cannot be in an ISBN (digits with "
          "single hyphens or spaces between them, and X as an ISBN-10's check digit)");
    CHECK_THAT(problem(model::check_issn("\xE2\x91\xA0\xE2\x91\xA1")),
               Contains("\xE2\x91\xA0\xE2\x91\xA1 has '\xE2\x91\xA0' (U+2460)"));
    CHECK_THAT(problem(model::check_orcid("\xC3")),
               Contains("has the byte 0xC3 (not UTF-8), which cannot be in an ORCID iD"));
    CHECK_THAT(problem(model::check_doi("\xF0\x9F\x98")), Contains("does not start with"));

    // Random bytes and near-misses: never an inconsistent result, problems always valid UTF-8
    // and short, and a normal form checks again to itself.
    std::mt19937 rng(20240611);
    static constexpr char kAlphabet[] = "0123456789Xx- ./:ISBNDOIdoihttps\t\n\r\0\xC3\xA9\xFF\x80";
    const std::string alphabet(kAlphabet, sizeof kAlphabet - 1);
    std::vector<std::string> inputs;
    for (int n = 0; n < 4000; ++n) {
        std::string s;
        const std::size_t len = rng() % 40;
        for (std::size_t i = 0; i < len; ++i) {
            if (rng() % 4 == 0) {
                s += static_cast<char>(rng() % 256);
            } else {
                s += alphabet[rng() % alphabet.size()];
            }
        }
        inputs.push_back(s);
    }
    for (const std::string& s : inputs) {
        for (const Check check : kChecks) {
            const IdentifierCheck r = check(s);
            INFO(s);
            REQUIRE(outcome(r) != "inconsistent");
            CHECK(quire::utf8::is_valid(r.problem));
            CHECK(r.problem.size() < 600);
            if (r.ok) CHECK(check(r.normal).normal == r.normal);
        }
    }
}

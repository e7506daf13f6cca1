// Tests of the JSON reports (batch_report_json, collection_report_json and the report with the
// book as its "anthology" member): strings escaped as JSON wants them, the text always UTF-8,
// and a file name that is not UTF-8 given exactly beside it in hex.
#include <quire/batch.hpp>
#include <quire/collection.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace {

/// Whether `s` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        unsigned lo = 0x80, hi = 0xBF;  // the range of the second byte
        if (b < 0x80)
            n = 1;
        else if (b >= 0xC2 && b <= 0xDF)
            n = 2;
        else if (b >= 0xE0 && b <= 0xEF)
            n = 3, lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
        else if (b >= 0xF0 && b <= 0xF4)
            n = 4, lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;
        else
            return false;
        if (i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) return false;
        }
        i += n;
    }
    return true;
}

bool contains(const std::string& s, std::string_view part) {
    return s.find(part) != std::string::npos;
}

// A file name with a quote, a backslash, control characters and a byte that is not UTF-8.
const std::string kOdd = "in/a\"b\\c\x01\x1f\n\xe9.txt";
const std::string kOddJson = R"("in/a\"b\\c\u0001\u001f\n)"
                             "\xef\xbf\xbd"
                             R"(.txt")";
const std::string kOddHex = "696e2f6122625c63011f0ae92e747874";

}  // namespace

TEST_CASE("batch_report_json: escapes, and a file name that is not UTF-8 is given in hex",
          "[report][json]") {
    quire::BatchItem item;
    item.input = kOdd;
    item.slug = std::string("a");
    item.status = quire::BatchStatus::failed;
    item.outputs = {"out\xff/a.pdf", "out/a.epub"};
    item.warnings.push_back({quire::Severity::warning, {kOdd, 3}, "tab\there \"q\" \xc3\x28"});
    item.error = quire::make_error({"plain.txt", 0}, "\x7f ok \xe2\x82\xac");
    quire::BatchTotals totals;
    totals.total = totals.done = totals.failed = 1;
    const std::string j = quire::batch_report_json({item}, totals);
    INFO(j);
    CHECK(valid_utf8(j));
    CHECK(contains(
        j, std::string("\"input\": ") + kOddJson + ", \"input_bytes\": \"" + kOddHex + "\""));
    CHECK(contains(j,
                   "\"outputs\": [\"out\xef\xbf\xbd/a.pdf\", \"out/a.epub\"], "
                   "\"outputs_bytes\": [\"6f7574ff2f612e706466\", \"6f75742f612e65707562\"]"));
    CHECK(contains(j, std::string("{\"file\": ") + kOddJson + ", \"file_bytes\": \"" + kOddHex +
                          "\", \"line\": 3, \"message\": \"tab\\there \\\"q\\\" \xef\xbf\xbd(\", "
                          "\"message_bytes\": \"74616209686572652022712220c328\"}"));
    // Valid text stays as it is, with no "_bytes" member.
    CHECK(contains(j,
                   "\"error\": {\"file\": \"plain.txt\", \"line\": 0, \"message\": \"\x7f ok "
                   "\xe2\x82\xac\"}"));
    CHECK_FALSE(contains(j, "\"slug_bytes\""));
}

TEST_CASE("collection_report_json and the report's anthology member are UTF-8 JSON",
          "[report][json]") {
    quire::CollectionOutcome book;
    book.status = quire::BatchStatus::failed;
    book.outputs = {"out\xff/anthology.pdf"};
    book.errors.push_back(quire::make_error({kOdd, 2}, "cannot read \xe9"));
    const std::string j = quire::collection_report_json(book);
    INFO(j);
    CHECK(valid_utf8(j));
    CHECK(contains(j,
                   "\"outputs\": [\"out\xef\xbf\xbd/anthology.pdf\"], \"outputs_bytes\": "
                   "[\"6f7574ff2f616e74686f6c6f67792e706466\"]"));
    CHECK(contains(j, std::string("\"errors\": [{\"file\": ") + kOddJson + ", \"file_bytes\": \"" +
                          kOddHex +
                          "\", \"line\": 2, \"message\": \"cannot read \xef\xbf\xbd\", "
                          "\"message_bytes\": \"63616e6e6f74207265616420e9\"}]"));
}

TEST_CASE("The batch report holds the book as its \"anthology\" member", "[report][json]") {
    quire::CollectionOutcome book;
    book.status = quire::BatchStatus::converted;
    book.outputs = {"out/anthology.pdf"};
    book.pages = 12;
    book.parts = {{4, 3}};
    quire::BatchTotals totals;
    const std::string r = quire::batch_report_json({}, totals, &book);
    INFO(r);
    CHECK(r.find("\"articles\": [],\n  \"anthology\": " + quire::collection_report_json(book) +
                 "\n}\n") != std::string::npos);
    CHECK(r.find("\"articles\": [{\"first_page\": 5, \"page_count\": 3}]") != std::string::npos);
    CHECK(quire::batch_report_json({}, totals) == quire::batch_report_json({}, totals, nullptr));
}

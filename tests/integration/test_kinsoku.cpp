// Line starts and ends in scripts written without spaces, read back from the PDF: Chinese and
// Japanese lines obey kinsoku (JIS X 4051, ICU's strict line breaking): none starts with closing
// punctuation, a small kana, a prolonged sound mark or an iteration mark, none ends with opening
// punctuation; Thai lines break between words (ICU's dictionary), never inside one.
#include "support/paths.hpp"
#include "support/process.hpp"

#include "base/utf8.hpp"
#include "text/break_iterators.hpp"

#include <catch2/catch.hpp>

#include <unicode/brkiter.h>

#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using quire::test::run;
using quire::test::TempDir;

namespace {

/// The body lines of the article's PDF as pdftotext gives them (its first page of text on).
std::vector<std::string> pdf_lines(const fs::path& input, TempDir& out) {
    auto r = run({quire::test::kBin, "build", input.string(), "-o", out.path.string(), "--format",
                  "pdf", "-q"});
    REQUIRE(r.status == 0);
    fs::path pdf;
    for (const auto& e : fs::directory_iterator(out.path))
        if (e.path().extension() == ".pdf") pdf = e.path();
    REQUIRE(!pdf.empty());
    std::istringstream in(quire::test::pdftotext(pdf));
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);)
        if (!l.empty() && l.find('\f') == std::string::npos) lines.push_back(l);
    return lines;
}

std::vector<char32_t> code_points(const std::string& s) {
    std::vector<char32_t> cps;
    quire::utf8::for_each(s, [&](char32_t c, std::size_t) { cps.push_back(c); });
    return cps;
}

}  // namespace

TEST_CASE("Chinese and Japanese lines obey kinsoku", "[scripts][kinsoku]") {
    if (!quire::test::have_program("pdftotext")) return;
    // JIS X 4051's classes that may not start a line (strict) or end one.
    const std::u32string no_start =
        U"、。，．：；？！）」』】〉》〕｝〗〙〛’”ゝゞヽヾ々〻ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォ"
        U"ッャュョヮヵヶ";
    const std::u32string no_end = U"（「『【〈《〔｛〖〘〚‘“";
    for (const char* name : {"typography/zh.txt", "scripts/zh.txt", "scripts/ja.txt"}) {
        INFO(name);
        TempDir out;
        const auto lines = pdf_lines(quire::test::kFixtures / name, out);
        int checked = 0;
        for (const std::string& l : lines) {
            const auto cps = code_points(l);
            if (cps.size() < 10) continue;  // titles, running heads, folios
            ++checked;
            INFO(l);
            CHECK(no_start.find(cps.front()) == std::u32string::npos);
            CHECK(no_end.find(cps.back()) == std::u32string::npos);
        }
        CHECK(checked >= 20);
    }
}

TEST_CASE("Thai lines break between words", "[scripts][kinsoku]") {
    if (!quire::test::have_program("pdftotext")) return;
    TempDir out;
    const fs::path input = quire::test::kFixtures / "scripts" / "th.txt";
    const auto lines = pdf_lines(input, out);
    const std::string source = quire::test::read_file(input);
    // Each line end inside a run of Thai is a boundary of ICU's Thai word iterator in the
    // source: the line's last Thai word and the next line's first one are two words.
    icu::BreakIterator* words = quire::text::break_iterator(quire::text::BreakKind::word, "th");
    REQUIRE(words);
    int joins = 0;
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        const auto a = code_points(lines[i]), b = code_points(lines[i + 1]);
        if (a.size() < 10 || b.empty()) continue;
        auto thai = [](char32_t c) { return c >= 0x0E00 && c <= 0x0E7F; };
        if (!thai(a.back()) || !thai(b.front())) continue;  // the line ended at a space
        std::string tail, head;
        for (std::size_t k = a.size(); k-- > 0 && thai(a[k]);)
            tail.insert(0, quire::utf8::encode(a[k]));
        for (std::size_t k = 0; k < b.size() && thai(b[k]); ++k) head += quire::utf8::encode(b[k]);
        const std::string joined = tail + head;
        const auto at = source.find(joined);
        if (at == std::string::npos) continue;  // across a note mark or a hyphen
        ++joins;
        // The break is a word boundary of the source paragraph there (its whole text: ICU's
        // dictionary segments with the context quire had).
        const auto p0 = source.rfind('\n', at) + 1;
        const auto p1 = source.find('\n', at);
        const std::string para = source.substr(p0, p1 == std::string::npos ? p1 : p1 - p0);
        const icu::UnicodeString u = icu::UnicodeString::fromUTF8(para);
        const icu::UnicodeString prefix =
            icu::UnicodeString::fromUTF8(para.substr(0, at - p0 + tail.size()));
        words->setText(u);
        INFO(lines[i] << " | " << lines[i + 1]);
        CHECK(words->isBoundary(prefix.length()));
    }
    CHECK(joins >= 5);
}

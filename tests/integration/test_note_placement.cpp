// Notes near the foot of a page: articles generated so that a reference falls on every line
// position around a page break, each with a note of a different length. The invariant checked
// from the laid-out document: the note's first line is on the page of its reference mark
// (destinations "fnrefN" and "fnN"), and pdfcheck.py agrees on a sample of the PDFs.
#include "api/impl.hpp"
#include "support/process.hpp"

#include <quire/quire.hpp>

#include <catch2/catch.hpp>

#include <fstream>

namespace fs = std::filesystem;

namespace {

const char* kFiller =
    "The committee met again in the spring and reviewed the figures that the ministries had sent, "
    "line by line, before it agreed on a short statement for the press. ";

std::string make_article(int filler_sentences, int note_words, int refs) {
    std::string s = "Notes at the Foot of the Page\n\n";
    std::string para;
    for (int i = 0; i < filler_sentences; ++i) {
        para += kFiller;
        if (i % 6 == 5) {
            s += para + "\n\n";
            para.clear();
        }
    }
    for (int r = 1; r <= refs; ++r)
        para += "The decisive statement number " + std::to_string(r) + " came late.[" +
                std::to_string(r) + "] ";
    para += "Then the meeting ended without any further business being raised by the members.";
    s += para + "\n\n";
    for (int r = 1; r <= refs; ++r) {
        s += "[" + std::to_string(r) + "] Source " + std::to_string(r) + ":";
        for (int w = 0; w < note_words; ++w) s += " word" + std::to_string(w % 17);
        s += ".\n\n";
    }
    s += "Jane Example\nJane Example writes about committees and the notes they leave behind.\n";
    return s;
}

int dest_page(const quire::Document& doc, const std::string& name) {
    for (const auto& d : doc.impl().pages.destinations)
        if (d.name == name) return d.page;
    return -1;
}

}  // namespace

TEST_CASE("every note starts on the page of its reference, wherever the reference falls",
          "[layout][notes]") {
    auto fonts = quire::FontLibrary::shared();
    int checked = 0;
    for (int note_words : {8, 60, 250}) {
        for (int filler = 20; filler <= 44; filler += 1) {
            quire::Diagnostics diags;
            const std::string text = make_article(filler, note_words, 2);
            auto art = quire::parse_text_article(text, "generated.txt", diags);
            REQUIRE(art);
            auto doc = quire::typeset(*art, quire::Style::report(), diags, fonts);
            REQUIRE(doc);
            for (int n = 1; n <= 2; ++n) {
                INFO("filler " << filler << " note words " << note_words << " note " << n);
                const int ref = dest_page(*doc, "fnref" + std::to_string(n));
                const int note = dest_page(*doc, "fn" + std::to_string(n));
                REQUIRE(ref >= 0);
                CHECK(ref == note);
                ++checked;
            }
        }
    }
    CHECK(checked == 150);
}

TEST_CASE("pdfcheck agrees on notes near a page end", "[layout][notes][pdfcheck]") {
    const fs::path tool = fs::path(QUIRE_SHARED_DIR) / "tools" / "pdfcheck.py";
    REQUIRE(fs::exists(tool));
    quire::test::TempDir dir;
    for (int filler : {30, 33, 36}) {
        quire::Diagnostics diags;
        const fs::path src = dir.path / ("gen" + std::to_string(filler) + ".txt");
        std::ofstream(src) << make_article(filler, 60, 2);
        auto art = quire::read_article(src, diags);
        REQUIRE(art);
        auto doc = quire::typeset(*art, quire::Style::report(), diags);
        REQUIRE(doc);
        const fs::path pdf = dir.path / ("gen" + std::to_string(filler) + ".pdf");
        REQUIRE(quire::write_pdf(*doc, pdf));
        auto r = quire::test::run({"python3", tool.string(), src.string(), pdf.string()});
        INFO(r.out << r.err);
        CHECK(r.status == 0);
    }
}

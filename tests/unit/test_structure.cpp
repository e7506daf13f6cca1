// The logical structure layout builds (layout/frame's Structure, layout/tagging): elements in
// reading order, every run either content of an element placed in the tree or an artifact,
// notes after the block that refers to them, languages where they change, the table, list and
// figure shapes PDF/UA asks for.
#include "api/impl.hpp"
#include "layout/tagging.hpp"
#include "support/paths.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

using namespace quire;
namespace fs = std::filesystem;

namespace {

const layout::PagedDocument& typeset_file(const fs::path& path, const Style& style,
                                          std::optional<Document>& keep) {
    Diagnostics diags;
    auto a = read_article(path, diags);
    REQUIRE(a);
    auto doc = typeset(*a, style, diags);
    REQUIRE(doc);
    keep.emplace(std::move(*doc));
    return quire::detail::impl(*keep).pages;
}

/// Whether element e hangs from the root (following parents).
bool rooted(const layout::Structure& st, int e) {
    for (int guard = 0; e > 0 && guard < 10000; ++guard)
        e = st.elems[static_cast<std::size_t>(e)].parent;
    return e == 0;
}

std::vector<int> children(const layout::Structure& st, int parent) {
    std::vector<int> out;
    for (std::size_t i = 0; i < st.elems.size(); ++i)
        if (st.elems[i].parent == parent) out.push_back(static_cast<int>(i));
    std::stable_sort(out.begin(), out.end(), [&](int a, int b) {
        return st.elems[static_cast<std::size_t>(a)].order <
               st.elems[static_cast<std::size_t>(b)].order;
    });
    return out;
}

const std::string& type(const layout::Structure& st, int e) {
    return st.elems[static_cast<std::size_t>(e)].type;
}

}  // namespace

TEST_CASE("structure: every run of the seed is tagged content or an artifact", "[structure]") {
    std::optional<Document> keep;
    const auto& doc = typeset_file(test::kSeed, Style::report(), keep);
    const auto& st = doc.structure;
    REQUIRE(!st.elems.empty());
    CHECK(st.elems[0].type == "Document");
    CHECK(st.elems[0].lang == "en");
    CHECK(st.elems[0].parent == -1);
    std::size_t tagged = 0, artifacts = 0;
    for (std::size_t p = 0; p < doc.pages.size(); ++p) {
        const double height = doc.pages[p].height;
        for (const auto& r : doc.pages[p].runs) {
            if (r.elem < 0) {
                ++artifacts;
                // Artifacts are the running head and the folio: in the margins.
                const double y = r.glyphs.empty() ? 0 : r.glyphs.front().y;
                CHECK((y < 60 || y > height - 60));
                continue;
            }
            ++tagged;
            REQUIRE(static_cast<std::size_t>(r.elem) < st.elems.size());
            CHECK(rooted(st, r.elem));
        }
        for (const auto& l : doc.pages[p].links) {
            REQUIRE(l.elem >= 0);
            CHECK(type(st, l.elem) == "Link");
            CHECK(!st.elems[static_cast<std::size_t>(l.elem)].contents.empty());
        }
    }
    CHECK(tagged > 100);
    CHECK(artifacts >= 2 * (doc.pages.size() - 1));  // running heads and folios
    // Every element but the root is placed in the tree.
    for (std::size_t e = 1; e < st.elems.size(); ++e) CHECK(rooted(st, static_cast<int>(e)));
}

TEST_CASE("structure: a note follows the paragraph of its first reference", "[structure]") {
    std::optional<Document> keep;
    const auto& st = typeset_file(test::kSeed, Style::report(), keep).structure;
    const auto kids = children(st, 0);
    std::vector<std::string> types;
    for (int k : kids) types.push_back(type(st, k));
    // Title block, then body paragraphs with each note right after the one that cites it,
    // then the bio section.
    REQUIRE(types.size() > 6);
    CHECK(types[0] == "H1");
    CHECK(types.back() == "Sect");
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < kids.size(); ++i) {
        if (types[i] != "Note") continue;
        const auto& note = st.elems[static_cast<std::size_t>(kids[i])];
        ids.push_back(note.id);
        // The block before it (or before the notes it follows) holds its Reference.
        std::size_t j = i;
        while (j > 0 && types[j - 1] == "Note") --j;
        REQUIRE(j > 0);
        const int para = kids[j - 1];
        CHECK(type(st, para) == "P");
        bool cites = false;
        for (int r : children(st, para))
            if (type(st, r) == "Reference")
                for (int l : children(st, r))
                    cites = cites || st.elems[static_cast<std::size_t>(l)].contents ==
                                         "Note " + note.id.substr(2);
        CHECK(cites);
        // A Note holds its number (Lbl) first, then its text.
        const auto nk = children(st, kids[i]);
        REQUIRE(nk.size() >= 2);
        CHECK(type(st, nk[0]) == "Lbl");
        CHECK(type(st, nk[1]) == "P");
    }
    CHECK(ids == std::vector<std::string>{"fn1", "fn2", "fn3"});
    // The bio is a section in Turkish, its name a heading.
    const auto& bio = st.elems[static_cast<std::size_t>(kids.back())];
    CHECK(bio.lang == "tr");
    const auto bk = children(st, kids.back());
    REQUIRE(!bk.empty());
    CHECK(type(st, bk[0]) == "H2");
}

TEST_CASE("structure: headings, lists, tables, figures and quotes from Markdown", "[structure]") {
    std::optional<Document> keep;
    const auto& doc =
        typeset_file(test::kFixtures / "markdown" / "features.md", Style::report(), keep);
    const auto& st = doc.structure;
    std::map<std::string, int> count;
    for (const auto& e : st.elems) ++count[e.type];
    CHECK(count["H1"] == 1);
    CHECK(count["H2"] >= 2);
    CHECK(count["Table"] == 1);
    CHECK(count["THead"] == 1);
    CHECK(count["TBody"] == 1);
    CHECK(count["BlockQuote"] == 1);
    CHECK(count["Code"] == 1);
    CHECK(count["L"] == 2);  // a list and the list nested in its third item
    CHECK(count["Figure"] >= 1);
    CHECK(count["Caption"] >= 1);
    for (std::size_t e = 0; e < st.elems.size(); ++e) {
        const auto& el = st.elems[e];
        const int i = static_cast<int>(e);
        if (el.type == "TH") CHECK(el.scope == "Column");
        if (el.type == "TD" || el.type == "TH") CHECK(type(st, el.parent) == "TR");
        if (el.type == "TR") {
            const auto& p = type(st, el.parent);
            CHECK((p == "THead" || p == "TBody"));
        }
        if (el.type == "LI") {
            CHECK(type(st, el.parent) == "L");
            for (int k : children(st, i)) CHECK((type(st, k) == "Lbl" || type(st, k) == "LBody"));
        }
        if (el.type == "Figure" && el.parent == 0) CHECK(!el.alt.empty());
        // Heading levels never skip: H(n) comes after an H(n-1) somewhere before it.
        if (el.type.size() == 2 && el.type[0] == 'H' && el.type[1] > '1') {
            const std::string up = "H" + std::string(1, static_cast<char>(el.type[1] - 1));
            bool seen = false;
            for (std::size_t k = 0; k < e; ++k) seen = seen || st.elems[k].type == up;
            CHECK(seen);
        }
    }
    // Text in other languages is a Span with its language.
    bool arabic = false;
    for (const auto& e : st.elems) arabic = arabic || (e.type == "Span" && e.lang == "ar");
    CHECK(arabic);
    // Figures point to their element; a picture is drawn as its Figure's content.
    std::size_t figures = 0;
    for (const auto& p : doc.pages)
        for (const auto& pic : p.pictures)
            if (pic.elem >= 0 && type(st, pic.elem) == "Figure") ++figures;
    CHECK(figures >= 1);
}

TEST_CASE("structure: a right-to-left article's runs carry their logical text", "[structure]") {
    std::optional<Document> keep;
    const auto& doc = typeset_file(test::kFixtures / "scripts" / "ar.txt", Style::report(), keep);
    std::size_t rtl = 0;
    for (const auto& p : doc.pages)
        for (const auto& r : p.runs)
            if (r.rtl && r.elem >= 0) {
                ++rtl;
                // The run's text is in logical order: its first letter is the first one read.
                CHECK(!r.text.empty());
            }
    CHECK(rtl > 20);
    CHECK(doc.structure.elems[0].lang == "ar");
}

TEST_CASE("tag_lines: note marks, note numbers, links and languages make inline elements",
          "[structure]") {
    layout::Structure st;
    const int root = st.add("Document", -1, "en");
    const int p = st.add("P", root);
    text::ParagraphText pt;
    text::SpanStyle plain;
    plain.lang = "en";
    auto mark = plain;
    mark.note_mark = 7;
    auto link = plain;
    link.href = "https://example.org/";
    auto french = plain;
    french.lang = "fr";
    pt.append("Text ", plain);
    pt.append("7", mark);
    pt.append(" see ", plain);
    pt.append("the site", link);
    pt.append(" and ", plain);
    pt.append("le texte", french);
    // One line with a run per span, as set_paragraph makes them.
    layout::SetLine line;
    for (std::size_t i = 0; i < pt.spans.size(); ++i) {
        layout::GlyphRun r;
        r.span = static_cast<int>(i);
        r.offset = pt.spans[i].begin;
        line.runs.push_back(r);
    }
    line.marks.push_back({7, false, 0, 1, {}, 1});
    std::vector<layout::SetLine> lines{line};
    const auto next = layout::tag_lines(st, lines, pt, p, 100);
    CHECK(next == 100 + pt.text.size() + 1);
    const auto& runs = lines[0].runs;
    CHECK(runs[0].elem == p);
    CHECK(runs[0].order == 100);
    CHECK(type(st, runs[1].elem) == "Link");
    CHECK(type(st, st.elems[static_cast<std::size_t>(runs[1].elem)].parent) == "Reference");
    CHECK(st.elems[static_cast<std::size_t>(runs[1].elem)].contents == "Note 7");
    CHECK(lines[0].marks[0].elem == runs[1].elem);
    CHECK(type(st, runs[3].elem) == "Link");
    CHECK(st.elems[static_cast<std::size_t>(runs[3].elem)].contents == "https://example.org/");
    CHECK(type(st, runs[5].elem) == "Span");
    CHECK(st.elems[static_cast<std::size_t>(runs[5].elem)].lang == "fr");
    CHECK(runs[4].elem == p);
    // Inline elements sit in the paragraph at their place in its text.
    CHECK(st.elems[static_cast<std::size_t>(runs[5].elem)].order == 100 + pt.spans[5].begin);
}

// tests/fuzz/entry_points: what each fuzz target does with one input, shared by the libFuzzer
// targets (fuzz_*.cpp, built with -DQUIRE_FUZZ=ON) and the regression test
// (tests/unit/test_fuzz_regressions.cpp), which feeds every input kept under
// tests/fixtures/fuzz/TARGET/ to the same function.
//
// Nothing is caught here: the API does not throw, so an exception that escapes is a finding.
// So is an error that only a swallowed exception makes ("internal error: ...", "PDF writer
// failed: ..."), and an article that does not read back from its own XML: those abort. No file
// is written and nothing but the fixtures folder (images beside a Markdown or XML article,
// articles of a manifest) is read.
#pragma once

#include <quire/collection.hpp>
#include <quire/quire.hpp>
#include <quire/style_file.hpp>

#include "base/image_info.hpp"
#include "import/manifest.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#ifndef QUIRE_FIXTURES
#error "QUIRE_FIXTURES (the tests/fixtures folder) must be defined"
#endif

namespace quire::inline v0::fuzz {

/// Stops the run with a message: libFuzzer reports the abort as a crash, with the input. The
/// regression test defines QUIRE_FUZZ_FINDINGS_THROW to have it as a failed check instead.
[[noreturn]] inline void finding(std::string_view what, std::string_view detail) {
#ifdef QUIRE_FUZZ_FINDINGS_THROW
    throw std::logic_error("quire fuzz finding: " + std::string(what) + ": " + std::string(detail));
#else
    std::fprintf(stderr, "quire fuzz finding: %.*s: %.*s\n", static_cast<int>(what.size()),
                 what.data(), static_cast<int>(detail.size()), detail.data());
    std::abort();
#endif
}

/// Aborts on an error that the API made from an exception it caught (a bug, not bad input).
inline void check_not_internal(const Diagnostic& error) {
    static constexpr std::string_view swallowed[] = {
        "internal error: ",     "layout failed: ",         "PDF writer failed: ",
        "EPUB writer failed: ", "cannot read the style: ", "cannot read the manifest: "};
    for (std::string_view prefix : swallowed)
        if (error.message.starts_with(prefix)) finding("exception inside the API", error.format());
}

/// Where the inputs pretend to lie: images and manifest articles resolve against this folder.
inline std::filesystem::path fixtures(std::string_view file) {
    return std::filesystem::path(QUIRE_FIXTURES) / "markdown" / file;
}

/// The article in XML, read back: it must read, and give the same XML (as `quire convert`).
inline void check_xml_round_trip(const Article& article, const std::filesystem::path& as) {
    const std::string x1 = article_to_xml(article);
    Diagnostics diags;
    auto back = parse_article(x1, as, diags);
    if (!back) {
        check_not_internal(back.error());
        finding("the article's XML does not read back", back.error().format());
    }
    if (const std::string x2 = article_to_xml(*back); x2 != x1) {
        const auto at =
            std::mismatch(x1.begin(), x1.end(), x2.begin(), x2.end()).first - x1.begin();
        const auto from = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, at - 200));
        finding("the article's XML reads back different",
                "first written:\n" + x1.substr(from, 400) + "\nread back and written again:\n" +
                    x2.substr(from, 400));
    }
    (void)slug(article);
}

/// Parses an article in the format `name`'s extension names; a good one must round-trip.
inline void article(std::string_view data, std::string_view name) {
    const std::filesystem::path path = fixtures(name);
    Diagnostics diags;
    auto a = parse_article(data, path, diags);
    if (!a) return check_not_internal(a.error());
    check_xml_round_trip(*a, fixtures("fuzz-round-trip.xml"));
}

inline void text(std::string_view data) {
    Diagnostics diags;
    auto a = parse_text_article(data, "fuzz.txt", diags);
    if (!a) return check_not_internal(a.error());
    check_xml_round_trip(*a, fixtures("fuzz-round-trip.xml"));
}

inline void markdown(std::string_view data) {
    article(data, "fuzz.md");
}

inline void xml(std::string_view data) {
    article(data, "fuzz.xml");
}

/// A style file: parsed, written back and parsed again (write_style's promise).
inline void style(std::string_view data) {
    auto s = parse_style(data, fixtures("fuzz-style.yaml"));
    if (!s) return check_not_internal(s.error());
    const std::string yaml = write_style(*s);
    auto again = parse_style(yaml, fixtures("fuzz-style.yaml"));
    if (!again) finding("write_style() does not read back", again.error().format() + "\n" + yaml);
    if (write_style(*again) != yaml) finding("write_style() reads back different", yaml);
}

/// A collection manifest (articles resolve against tests/fixtures/, as for anthology.yaml).
inline void manifest(std::string_view data) {
    auto c = quire::import::parse_manifest(
        data, std::filesystem::path(QUIRE_FIXTURES) / "fuzz-manifest.yaml");
    if (!c) return check_not_internal(c.error());
    (void)collection_file_name(*c);
}

/// The PNG/JPEG header reader.
inline void image(std::string_view data) {
    if (auto info = probe_image_bytes(data); info && (info->width <= 0 || info->height <= 0))
        finding("probe_image accepted an empty image", "");
}

/// Maximum input of the whole pipeline: typesetting is slow, a small article finds as much.
inline constexpr std::size_t pipeline_max_bytes = 4096;

/// Read, typeset, PDF and EPUB to bytes. The first byte chooses the format (its value mod 3:
/// text, Markdown, XML), the built-in style (next) and the EPUB's fonts; the rest is the article.
inline void pipeline(std::string_view data) {
    if (data.empty() || data.size() > pipeline_max_bytes) return;
    const auto choice = static_cast<unsigned char>(data[0]);
    data.remove_prefix(1);
    static constexpr const char* names[] = {"fuzz.txt", "fuzz.md", "fuzz.xml"};
    static constexpr const char* styles[] = {"report", "book", "letter"};
    static constexpr EpubFonts epub_fonts[] = {EpubFonts::automatic, EpubFonts::none,
                                               EpubFonts::embed};
    Diagnostics diags;
    auto a = parse_article(data, fixtures(names[choice % 3]), diags);
    if (!a) return check_not_internal(a.error());
    auto style = builtin_style(styles[choice / 3 % 3]);
    if (!style) finding("a built-in style does not load", style.error().format());
    auto doc = typeset(*a, *style, diags);
    if (!doc) return check_not_internal(doc.error());
    PdfOptions po;
    po.timestamp = 0;
    if (auto pdf = write_pdf(*doc, po); !pdf) check_not_internal(pdf.error());
    EpubOptions eo;
    eo.timestamp = 0;
    eo.fonts = epub_fonts[choice / 9 % 3];
    if (auto epub = write_epub(*a, *style, eo); !epub) check_not_internal(epub.error());
}

}  // namespace quire::inline v0::fuzz

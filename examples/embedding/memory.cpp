// An article, its image and its fonts from memory to the bytes of a PDF and an EPUB: what a
// service that keeps its files in a database or an object store does (docs/embedding.md).
//
//   memory IMAGE.png OUTDIR    writes OUTDIR/out.pdf and OUTDIR/out.epub
//
// The only files read are the PNG (into memory, at the start, standing for an upload) and the
// Noto Serif faces (into memory too): no fontconfig lookup, no image read by quire.
#include <quire/quire.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

// The article: Markdown with YAML front matter (the name given to parse_article says which form).
constexpr std::string_view kArticle = R"(---
title: Small Presses in a Digital Age
authors: [Ada Lovelace]
lang: en
---

Small presses print few copies of many books.[^1] Each title is a bet on a reader.

![Copies printed per title, 2015 to 2018](chart.png)

[^1]: Counted over the decade before print on demand.
)";

// Fallback chains in the form of fonts/fallback.conf, its three chains each of the one family
// added below.
constexpr std::string_view kChains =
    "[serif]\nNoto Serif\n[sans]\nNoto Serif\n[mono]\nNoto Serif\n";

namespace {

// A file's bytes (empty when it cannot be read), and bytes into a file.
std::string slurp(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}
bool save(const std::filesystem::path& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary);
    out << bytes;
    out.close();
    return !out.fail();
}

int fail(const quire::Diagnostic& error, const quire::Diagnostics& diags) {
    for (const quire::Diagnostic& d : diags.all()) std::cerr << d.format() << '\n';
    std::cerr << error.format() << '\n';
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: memory IMAGE.png OUTDIR\n";
        return 2;
    }
    // The service's images by name (here one, read at the start).
    const std::map<std::string, std::string, std::less<>> store{{"chart.png", slurp(argv[1])}};
    quire::Diagnostics diags;  // the warnings of every stage, "file:line: warning: ..."

    // Fonts: the chains and the faces from memory, and nothing from the system.
    quire::FontOptions font_options;
    font_options.system_fonts = false;
    auto fonts = quire::FontLibrary::from_chains(kChains, "chains", font_options);
    if (!fonts) return fail(fonts.error(), diags);
    for (const char* face : {"Regular", "Bold", "Italic", "BoldItalic"}) {
        const std::string file =
            std::string("/usr/share/fonts/truetype/noto/NotoSerif-") + face + ".ttf";
        auto added = (*fonts)->add_font(slurp(file), file);  // the family added: "Noto Serif"
        if (!added) return fail(added.error(), diags);
    }

    // Images: asked for by the name the article gives; no file is opened.
    quire::ReadOptions read;
    read.images = [&store](std::string_view src) -> std::optional<std::string> {
        const auto it = store.find(src);
        return it == store.end() ? std::nullopt : std::optional(it->second);
    };
    auto article = quire::parse_article(kArticle, "small-presses.md", diags, read);
    if (!article) return fail(article.error(), diags);

    const quire::Style style = quire::Style::report();
    auto doc = quire::typeset(*article, style, diags, *fonts);
    if (!doc) return fail(doc.error(), diags);
    auto pdf = quire::write_pdf(*doc);
    if (!pdf) return fail(pdf.error(), diags);
    auto epub = quire::write_epub(*article, style, {}, *fonts);
    if (!epub) return fail(epub.error(), diags);
    for (const quire::Diagnostic& d : diags.all()) std::cerr << d.format() << '\n';

    const std::filesystem::path out = argv[2];
    if (!save(out / "out.pdf", *pdf) || !save(out / "out.epub", *epub)) {
        std::cerr << "cannot write into " << out << '\n';
        return 1;
    }
    std::cout << doc->page_count() << " page(s), PDF " << pdf->size() << " bytes, EPUB "
              << epub->size() << " bytes\n";
    return 0;
}

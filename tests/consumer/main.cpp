// Embedding quire: an article in memory to a PDF and an EPUB in memory. The one program of the
// consumer tests (tests/CMakeLists.txt), built with the public headers only against an installed
// quire (find_package, pkg-config), as a subproject and against the shared library.
#include <quire/quire.hpp>

#include <cstdio>
#include <string_view>

// The plain-text form: title line, body paragraphs with note references, the notes, author + bio.
constexpr std::string_view kArticle = R"(Small Presses in a Digital Age

Small presses print few copies of many books.[1] Each title is a bet on a reader.

Digital printing made short runs cheap, and electronic books made them cheaper still.[2]

Notes

[1] Counted over the decade before print on demand.

[2] An EPUB costs nothing to copy.

Ada Lovelace
Ada Lovelace writes about books and the machines that make them.
)";

// Prints an error and the warnings before it; the exit status of a failed run.
static int fail(const quire::Diagnostic& error, const quire::Diagnostics& diags) {
    for (const quire::Diagnostic& d : diags.all()) std::fprintf(stderr, "%s\n", d.format().c_str());
    std::fprintf(stderr, "%s\n", error.format().c_str());
    return 1;
}

int main() {
    quire::Diagnostics diags;  // warnings go here; an error comes back in the Result
    const auto article = quire::parse_text_article(kArticle, "small-presses.txt", diags);
    if (!article) return fail(article.error(), diags);
    const quire::Style style = quire::Style::report();
    const auto doc = quire::typeset(*article, style, diags);
    if (!doc) return fail(doc.error(), diags);
    const auto pdf = quire::write_pdf(*doc);  // the bytes; write_pdf(*doc, path) writes a file
    if (!pdf) return fail(pdf.error(), diags);
    const auto epub = quire::write_epub(*article, style);
    if (!epub) return fail(epub.error(), diags);
    for (const quire::Diagnostic& d : diags.all()) std::fprintf(stderr, "%s\n", d.format().c_str());

    if (!pdf->starts_with("%PDF-") || !epub->starts_with("PK")) {
        std::fprintf(stderr, "not a PDF and an EPUB\n");
        return 1;
    }
    const std::string_view version = quire::version();  // of the library linked at run time
    std::printf("quire %.*s (headers %s): %d pages, PDF %zu bytes, EPUB %zu bytes\n",
                static_cast<int>(version.size()), version.data(), QUIRE_VERSION_STRING,
                doc->page_count(), pdf->size(), epub->size());
    return 0;
}

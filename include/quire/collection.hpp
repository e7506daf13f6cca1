/// \file
/// Collections: many articles as one book (an anthology), in PDF and EPUB.
///
/// ```cpp
/// quire::Diagnostics diags;
/// auto coll = quire::read_collection("2026-11.yaml");              // title, editors, articles
/// std::vector<quire::Article> articles;                             // read in manifest order
/// for (const auto& p : coll->articles) articles.push_back(*quire::read_article(p, diags));
/// quire::write_collection_pdf(*coll, articles, quire::Style::report(), "out/2026-11.pdf",
///                             diags);                               // streamed, flat memory
/// quire::write_collection_epub(*coll, articles, quire::Style::report(), "out/2026-11.epub");
/// ```
///
/// (Each Result is to be checked before it is used; see quire/diagnostics.hpp.) A book of
/// thousands of articles need not hold them all: an ArticleSource hands them over one at a time
/// (run_collection() reads and parses each file again when it is set).
///
/// The PDF: a title page, its blank verso, the contents (titles, authors, page numbers, linked),
/// then every article as typeset() sets it, each starting on a right-hand page with its own
/// running head, notes and bio; page numbers run through the book; one bookmark per article
/// with its notes and author below it. The EPUB: a title page, the contents as the navigation
/// document (one entry per article, its notes and author below it), one XHTML document per
/// article. Nothing here throws.
#pragma once

#include <quire/export.hpp>

#include <quire/article.hpp>
#include <quire/batch.hpp>
#include <quire/diagnostics.hpp>
#include <quire/quire.hpp>
#include <quire/style.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace quire::inline v0 {

/// A collection's metadata and its articles in order.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API Collection {
    std::string title;                 ///< required
    std::string subtitle;              ///< optional
    std::vector<std::string> editors;  ///< printed "Edited by …" on the title page
    std::string date;                  ///< as printed, e.g. "2026-11" or "November 2026"
    /// Language of the collection's own words ("Contents", "Edited by"); empty: the language
    /// most of its articles are in.
    std::string lang;
    std::string identifier;  ///< the EPUB's dc:identifier; empty: derived from the contents
    /// File name of the outputs without extension (OUTDIR/NAME.pdf, .epub); empty: "anthology".
    std::string name;
    std::vector<std::filesystem::path> articles;  ///< in the book's order
    std::filesystem::path source;                 ///< the manifest, if read from one
};

/// Reads a collection manifest (YAML):
///
/// ```yaml
/// title: Asia Policy Papers          # required
/// subtitle: Monthly collection       # the rest is optional
/// editors: [Ayşe Yılmaz, John Smith] # or  editor: Ayşe Yılmaz
/// date: November 2026
/// lang: en
/// identifier: urn:isbn:9780000000000
/// name: asia-policy-2026-11
/// articles:                          # required: files, relative to the manifest's folder
///   - japan.txt
///   - china/trade.txt
/// ```
///
/// Collection::articles holds the files' paths joined to the manifest's folder. Errors name the
/// file and line: a key that is not one of these (with the nearest one suggested), a value of the
/// wrong kind, a missing title or article list, YAML syntax.
///
/// The file-access policy of images holds for articles too: each must be a regular file whose
/// real path (links followed) lies inside the manifest's folder; any other is an error naming
/// the line.
QUIRE_API Result<Collection> read_collection(const std::filesystem::path& manifest);
/// The same, where an article may also lie inside one of `allowed_paths` (the CLI's
/// `--allow-path`).
QUIRE_API Result<Collection> read_collection(
    const std::filesystem::path& manifest, const std::vector<std::filesystem::path>& allowed_paths);

/// The language most of the articles are in (ties: the first article's), for
/// Collection::lang.
QUIRE_API std::string common_language(const std::vector<Article>& articles);

/// What a book's contents show of an article: its title, authors and language.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API ArticleHead {
    std::string title;                 ///< Article::title
    std::vector<std::string> authors;  ///< Article::authors
    std::string lang;                  ///< Article::lang
    /// The head of `article`.
    static ArticleHead of(const Article& article);
};

/// The articles of a book, handed over one at a time, so that a book of thousands of articles
/// holds one in memory: every head is asked for first (the contents precede the articles),
/// then each article in the book's order, once per output written.
/// Thread-safety: the calls given a source call it on their own thread, one call at a time; give
/// one source to one call at a time.
class QUIRE_API ArticleSource {
public:
    virtual ~ArticleSource() = default;
    /// How many articles the book has.
    virtual std::size_t size() const = 0;
    /// Article i's head; it must agree with article(i).
    virtual ArticleHead head(std::size_t i) const = 0;
    /// Article i, valid until the next call. An error stops the book with it.
    virtual Result<const Article*> article(std::size_t i) = 0;
};

/// Where an article starts in a typeset collection.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API CollectionPart {
    int first_page = 0;  ///< 0-based page index (the printed number is first_page + 1)
    int page_count = 0;  ///< pages the article takes
};

/// Lays out the collection as one book (see the top of this file); `articles` in the book's
/// order. `parts`, if given, receives where each article landed.
QUIRE_API Result<Document> typeset_collection(const Collection& collection,
                                              const std::vector<Article>& articles,
                                              const Style& style, Diagnostics& diags,
                                              std::shared_ptr<FontLibrary> fonts = nullptr,
                                              std::vector<CollectionPart>* parts = nullptr);

/// Lays out the collection and writes its PDF to `path` page by page, each article's pages
/// and structure elements written and dropped before the next is set (the fonts are subset
/// at the end): with an ArticleSource, memory stays flat in the number of articles
/// (typeset_collection() + write_pdf() hold the whole book). Written through a temporary file
/// renamed into place when complete. The number of pages, or an error.
QUIRE_API Result<int> write_collection_pdf(const Collection& collection,
                                           const std::vector<Article>& articles, const Style& style,
                                           const std::filesystem::path& path, Diagnostics& diags,
                                           const PdfOptions& options = {},
                                           std::shared_ptr<FontLibrary> fonts = nullptr,
                                           std::vector<CollectionPart>* parts = nullptr);

/// The same, with the articles from a source (read, say, as they are set).
QUIRE_API Result<int> write_collection_pdf(const Collection& collection, ArticleSource& articles,
                                           const Style& style, const std::filesystem::path& path,
                                           Diagnostics& diags, const PdfOptions& options = {},
                                           std::shared_ptr<FontLibrary> fonts = nullptr,
                                           std::vector<CollectionPart>* parts = nullptr);

/// The collection as one EPUB 3, as bytes.
QUIRE_API Result<std::string> write_collection_epub(const Collection& collection,
                                                    const std::vector<Article>& articles,
                                                    const Style& style,
                                                    const EpubOptions& options = {},
                                                    std::shared_ptr<FontLibrary> fonts = nullptr);

/// Writes the collection's EPUB to `path` as it is made, one article at a time (through a
/// temporary file renamed into place when complete): memory stays flat in the number of
/// articles.
QUIRE_API Result<Unit> write_collection_epub(const Collection& collection,
                                             const std::vector<Article>& articles,
                                             const Style& style, const std::filesystem::path& path,
                                             const EpubOptions& options = {},
                                             std::shared_ptr<FontLibrary> fonts = nullptr);
/// The same, with the articles from a source.
QUIRE_API Result<Unit> write_collection_epub(const Collection& collection, ArticleSource& articles,
                                             const Style& style, const std::filesystem::path& path,
                                             const EpubOptions& options = {},
                                             std::shared_ptr<FontLibrary> fonts = nullptr);

/// What became of a collection's book.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API CollectionOutcome {
    BatchStatus status = BatchStatus::failed;    ///< converted, skipped (up to date) or failed
    std::vector<std::filesystem::path> outputs;  ///< written (or up to date) files
    int pages = 0;                               ///< pages of the PDF (0 without one)
    std::vector<CollectionPart> parts;           ///< where each article starts (not when skipped)
    std::vector<Diagnostic> warnings;  ///< warnings and notes of the articles and the book
    std::vector<Diagnostic> errors;    ///< why it failed: every article that could not be read...
    double seconds = 0;                ///< time spent on the book
};

/// The outcome as a JSON object: {"status", "outputs", "pages", "articles": [{first_page,
/// page_count}], "warnings", "errors", "seconds"} (the "anthology" member of a batch report;
/// text that is not UTF-8 as batch_report_json() writes it).
QUIRE_API std::string collection_report_json(const CollectionOutcome& outcome);

/// The file name (without extension) of a collection's outputs: its name, else "anthology".
QUIRE_API std::string collection_file_name(const Collection& collection);

/// Makes the collection's book in options.output_dir: NAME.pdf and NAME.epub as options.pdf
/// and options.epub ask, NAME from collection_file_name(). Reads every article (with
/// options.read); if any cannot be read the book is not made, and each such article is in
/// `errors`. Up to date (the same sources in the same order, collection, style, options and
/// quire version, recorded in the journal OUTDIR/.quire/records, as the articles are, with the
/// size of each output, which must match the files) it is skipped unless options.force. NAME is
/// reserved (BatchOptions::reserved_slugs): the book is not made over the outputs of an article
/// that OUTDIR/.quire/records gives that slug (an error). Outputs are written atomically.
///
/// Memory stays flat in the number of articles: each file is read and hashed first, parsed
/// once for the contents and its warnings, and read and parsed again when the book sets it
/// (a file changed meanwhile is an error). With both formats and options.jobs other than 1,
/// the EPUB is written on a second thread beside the PDF, from the same parse of each
/// article. The shard and options.reserved_slugs are not used.
QUIRE_API CollectionOutcome run_collection(const Collection& collection,
                                           const BatchOptions& options);

}  // namespace quire::inline v0

/// \file
/// Batch conversion of many articles (the engine under `quire build DIR... -o OUTDIR`).
///
/// ```cpp
/// quire::BatchOptions opts;
/// opts.output_dir = "out";
/// auto inputs = quire::find_articles({"archive/"}, opts.output_dir);
/// auto totals = quire::run_batch(inputs, opts,
///                                [](const quire::BatchItem& item, const quire::BatchTotals&) {
///                                    // item.status, item.outputs, item.warnings, item.error
///                                });
/// ```
///
/// Inputs are sorted (byte order of the path) and slugs numbered in that order, so the outputs do
/// not depend on the number of threads or on which article finishes first. Articles are read and
/// converted one at a time per worker thread: memory does not grow with the number of articles.
/// Each article's content hash, pages, output sizes, source file and images (their paths and a
/// digest of their bytes) are appended to the journal OUTDIR/.quire/records after its outputs
/// are written, so a rerun skips what is up to date, and finds the outputs an article left under
/// the slug of an earlier title (BatchOptions::prune). Nothing here throws.
#pragma once

#include <quire/export.hpp>

#include <quire/diagnostics.hpp>
#include <quire/quire.hpp>
#include <quire/style.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire::inline v0 {

/// The extensions (lower case, with the dot) that find_articles() takes from folders: ".txt",
/// ".md" and ".xml".
QUIRE_API const std::vector<std::string>& article_extensions();

/// The articles named by `inputs`: a file is taken as it is (whatever its extension, and even
/// when missing, so that reading it reports the error); a folder is searched recursively for
/// files with an article extension, leaving out hidden files and folders (names starting with
/// a dot), files named CMakeLists.txt (a build file beside example articles) and `skip_dir`
/// (the output folder). Sorted by the bytes of the path, duplicates removed.
QUIRE_API std::vector<std::filesystem::path> find_articles(
    const std::vector<std::filesystem::path>& inputs, const std::filesystem::path& skip_dir = {});

/// Makes slugs unique in order: the second "a" becomes "a-2", the third "a-3" (a slug already
/// taken is passed over). A `reserved` name counts as taken before the first slug: a slug
/// "anthology" with "anthology" reserved becomes "anthology-2". Empty slugs (articles that could
/// not be read) stay empty.
QUIRE_API std::vector<std::string> unique_slugs(const std::vector<std::string>& slugs,
                                                const std::vector<std::string>& reserved = {});

/// Every field of the style as text: the style file write_style() makes (style_file.hpp), every
/// key written, which parse_style() reads back as the same style; the style's part of a batch's
/// content hash.
QUIRE_API std::string describe(const Style& style);

/// How a batch converts.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access;
/// run_batch() calls `read.images` and `read.limits.on_progress` from its workers at once.
struct QUIRE_API BatchOptions {
    std::filesystem::path output_dir;  ///< OUTDIR (created if missing)
    bool pdf = true;                   ///< write OUTDIR/SLUG.pdf
    bool epub = true;                  ///< write OUTDIR/SLUG.epub
    /// Also write OUTDIR/SLUG.print.pdf: the print file, PDF/X-4 with the style's print bleed,
    /// crop marks and slug line (docs/print.md), beside the accessible PDF (articles only: a
    /// book's print file is not made yet).
    bool print_pdf = false;
    ReadOptions read;                    ///< how each article is read (and its limits)
    Style style = Style::report();       ///< the style of every article
    PdfOptions pdf_options;              ///< for every PDF
    EpubOptions epub_options;            ///< for every EPUB
    std::shared_ptr<FontLibrary> fonts;  ///< shared by all workers; null: FontLibrary::shared()
    unsigned jobs = 0;                   ///< worker threads; 0: std::thread::hardware_concurrency()
    bool force = false;                  ///< rebuild articles whose outputs are up to date
    /// Remove orphans: when an article's title (so its slug) has changed, the outputs it left
    /// under its old slug (OUTDIR/OLD.pdf, OLD.epub, and the CLI's previews OLD.page-N.png) are
    /// removed, when no article of this run takes that slug, and reported in
    /// BatchItem::removed; without it they are kept, and each run warns of them
    /// (BatchItem::orphans). The CLI's `quire build --prune`.
    bool prune = false;
    /// File names (without extension) that no article takes, for the books made in OUTDIR: an
    /// article whose slug is one of them is numbered as if an earlier article had it
    /// ("anthology-2"). The default is the default book's name (collection_file_name()), so
    /// that whole runs, shards and a later book agree; a book under another name adds its
    /// own. run_batch() also reserves the name of every book recorded in OUTDIR/.quire.
    std::vector<std::string> reserved_slugs = {"anthology"};
    /// Convert only the inputs whose index (in the sorted list) satisfies
    /// `index % shard_count == shard_index` (0-based here; the CLI's `--shard I/N` is 1-based).
    /// Slugs are numbered over all inputs.
    std::size_t shard_index = 0;
    std::size_t shard_count = 1;  ///< how many shards the inputs are split into; 1: none
};

/// What became of an article (BatchItem::status) or of a book (CollectionOutcome::status).
enum class BatchStatus {
    converted,  ///< its outputs were written
    skipped,    ///< its outputs were up to date (recorded in OUTDIR/.quire), not written again
    failed      ///< it could not be converted (the error says why)
};

/// "converted", "skipped" or "failed".
QUIRE_API std::string_view to_string(BatchStatus status);

/// What became of one article.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API BatchItem {
    std::size_t index = 0;        ///< position in the sorted inputs
    std::filesystem::path input;  ///< the article's file, as given
    std::string slug;             ///< unique slug; empty when the article could not be read
    BatchStatus status = BatchStatus::failed;    ///< converted, skipped or failed
    std::vector<std::filesystem::path> outputs;  ///< written (or up to date) files
    /// The image files the article names (absolute; found or not), as its record holds them:
    /// what a change of makes it out of date (a watcher's files to look at). With
    /// ReadOptions::images, each image's source as written. Empty for a failed article.
    std::vector<std::filesystem::path> images;
    int pages = 0;  ///< PDF pages (0 without a PDF)
    /// Warnings and notes of this article (for a skipped one, which is not read again, only
    /// those about its orphans).
    std::vector<Diagnostic> warnings;
    /// The outputs this article left under the slug of an earlier title (OUTDIR/OLD.pdf,
    /// OLD.epub: its record names this article's file, no article of the run takes that slug),
    /// kept because BatchOptions::prune is not set; a warning names them.
    std::vector<std::filesystem::path> orphans;
    /// Those outputs removed (BatchOptions::prune), with their preview images; a note names
    /// them.
    std::vector<std::filesystem::path> removed;
    std::optional<Diagnostic> error;  ///< why it failed
    double seconds = 0;               ///< time spent on it
};

/// Counts while a batch runs (after each finished article) and at its end.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API BatchTotals {
    std::size_t total = 0;      ///< articles of this shard
    std::size_t done = 0;       ///< articles finished so far
    std::size_t converted = 0;  ///< of those, converted
    std::size_t skipped = 0;    ///< of those, skipped as up to date
    std::size_t failed = 0;     ///< of those, failed
    std::size_t warnings = 0;   ///< warnings of the finished articles (notes not counted)
    double seconds = 0;         ///< since the batch started
};

/// Called with each finished article, in the order of the sorted inputs (whatever order the
/// workers finish in), one call at a time.
using BatchItemCallback = std::function<void(const BatchItem&, const BatchTotals&)>;
/// Called as soon as any article finishes (in completion order), one call at a time: for
/// progress displays.
using BatchProgressCallback = std::function<void(const BatchTotals&)>;

/// Converts `inputs` (from find_articles()) into options.output_dir. First removes stale
/// temporary files a killed run left there (".NAME.pdf.XXXXXX", ".NAME.epub.XXXXXX" older than a
/// minute), then converts the articles with options.jobs threads. A whole batch reads each
/// article once: a worker parses it and numbers its slug as soon as the articles before it have
/// theirs. A shard first reads every input for its slug (so that all shards number alike), then
/// converts its own articles. An article whose outputs exist as recorded, whose source file and
/// bytes, options and style are those recorded, and whose images (the files it names, found
/// again from the record without reading the article; with ReadOptions::images, the bytes the
/// resolver gives for them, which it is asked for again) have the recorded digest, is skipped.
/// In a whole batch, an article that has left outputs under an earlier title's slug reaches
/// `on_item` (and the articles after it, in order) only once every article has been parsed:
/// whether they are orphans depends on the slugs of the articles after it. Returns the totals
/// (an article that fails is counted, and reported to `on_item`, not returned); an error only
/// when no format is chosen, the shard index is not below the shard count, or the output
/// folder or its journal cannot be written.
QUIRE_API Result<BatchTotals> run_batch(const std::vector<std::filesystem::path>& inputs,
                                        const BatchOptions& options,
                                        const BatchItemCallback& on_item = {},
                                        const BatchProgressCallback& on_progress = {});

struct CollectionOutcome;  // collection.hpp

/// The batch report as JSON: {"quire": VERSION, "totals": {...}, "articles": [{input, slug,
/// status, outputs, pages, warnings: [{file, line, message}], error, seconds}, ...]}, and
/// "anthology": collection_report_json(*anthology) when a book is given. The text is UTF-8:
/// a file name or message that is not has each byte that is not UTF-8 as U+FFFD, and its exact
/// bytes in hex beside it ("input_bytes", "outputs_bytes", "file_bytes", "message_bytes").
QUIRE_API std::string batch_report_json(const std::vector<BatchItem>& items,
                                        const BatchTotals& totals,
                                        const CollectionOutcome* anthology = nullptr);

}  // namespace quire::inline v0

// api/batch_parts: the parts of the batch engine that run_batch() (batch.cpp) drives: what a
// run starts from (batch_plan.cpp: the slugs, the books' names, the stale temporaries) and one
// article's conversion with the outputs it left under an earlier title (batch_article.cpp).
// Internal to src/api.
#pragma once

#include "api/records.hpp"
#include "base/sha256.hpp"

#include <quire/batch.hpp>
#include <quire/collection.hpp>

#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace quire::inline v0::detail {

namespace fs = std::filesystem;

// ---- what a run starts from (batch_plan.cpp) ----

/// Numbers slugs that come again, in input order: "slug", then "slug-2", "slug-3"... An
/// article's slug depends on the slugs before it alone.
class SlugNumbering {
public:
    /// `reserved`: names taken before the first slug (the books' file names).
    explicit SlugNumbering(const std::vector<std::string>& reserved = {})
        : used_(reserved.begin(), reserved.end()) {}

    std::string next(const std::string& s) {
        if (s.empty()) return {};
        std::string u = s;
        for (int n = 2; used_.count(u); ++n) u = s + "-" + std::to_string(n);
        used_.insert(u);
        return u;
    }

private:
    std::set<std::string> used_;
};

/// Final slugs for a batch that reads each article once: workers take articles in input order,
/// publish each article's own slug as soon as it is parsed, and wait for its final slug, which
/// is known once every earlier article has published (SlugNumbering). An earlier article is
/// always in a worker's hands already, parsing, so the wait is short and cannot deadlock.
class SlugResolver {
public:
    SlugResolver(std::size_t n, const std::vector<std::string>& reserved)
        : base_(n), final_(n), numbering_(reserved) {}

    void publish(std::size_t k, std::string slug) {
        {
            const std::lock_guard lock(mu_);
            base_[k] = std::move(slug);
            while (resolved_ < base_.size() && base_[resolved_]) {
                final_[resolved_] = numbering_.next(*base_[resolved_]);
                base_[resolved_].reset();
                ++resolved_;
            }
        }
        cv_.notify_all();
    }

    std::string wait(std::size_t k) {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return resolved_ > k; });
        return final_[k];
    }

    /// Every final slug once all are known (never waits), else nullopt.
    std::optional<std::vector<std::string>> all() {
        const std::lock_guard lock(mu_);
        if (resolved_ < final_.size()) return std::nullopt;
        return final_;
    }

private:
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<std::optional<std::string>> base_;
    std::vector<std::string> final_;
    std::size_t resolved_ = 0;
    SlugNumbering numbering_;
};

/// Removes the hidden temporaries of an earlier, killed run: ".NAME.pdf.XXXXXX",
/// ".NAME.epub.XXXXXX", ".NAME.collection.sha256.XXXXXX" and ".records.XXXXXX" not touched for
/// a minute (a live writer renames its temporary within moments of creating it, so another
/// shard writing into the same folder keeps its own).
void remove_stale_temps(const fs::path& dir);

/// A file a book's PDF is written to, with its options.
struct PdfTarget {
    fs::path path;
    PdfOptions options;
};

/// write_collection_pdf to every target from one layout of the book (its accessible PDF and
/// its print file): each page goes to each writer as it is set. Returns the page count.
Result<int> write_collection_pdfs(const Collection& collection, ArticleSource& articles,
                                  const Style& style, const std::vector<PdfTarget>& targets,
                                  Diagnostics& diags, std::shared_ptr<FontLibrary> fonts,
                                  std::vector<CollectionPart>* parts);

/// The options of a print PDF (an article's, a book's): the accessible PDF's, claiming
/// PDF/X-4 (and PDF/UA-1 when that one does) instead of PDF/A.
PdfOptions print_options(const BatchOptions& o);

/// The names of the books recorded in OUTDIR/.quire: their lines in the journal (see
/// run_collection), and the stamp files NAME.collection.sha256 of quire 0.2, in byte order.
std::vector<std::string> recorded_books(const fs::path& output_dir);

// ---- one article (batch_article.cpp) ----

/// The article's file as the journal names it (Records::Entry::source): absolute, weakly
/// canonical.
std::string source_key(const fs::path& input);

/// An article already read and parsed by its worker (a batch that reads each article once).
struct Parsed {
    Result<std::string> bytes;
    Result<Article> article;
    Diagnostics diags;
};

/// Reads and parses input k and publishes its slug (empty if it cannot be read), also when
/// reading throws: the articles after it wait for it.
Parsed read_and_publish(std::size_t k, const fs::path& input, const ReadOptions& read,
                        SlugResolver& resolver);

/// Converts one article. `parsed` holds it already read and parsed (a batch that reads each
/// article once), else it is read here (after the slug pass). `source`: source_key(input).
/// `keyed`: the hash of the batch's common key, which every article's content hash starts with.
BatchItem convert_one(std::size_t index, const fs::path& input, const std::string& source,
                      const std::string& slug, const BatchOptions& o, const Sha256& keyed,
                      const std::shared_ptr<FontLibrary>& fonts, Records& records,
                      Parsed* parsed = nullptr);

/// The outputs an article left under the slugs of its earlier titles: the live records that
/// name its source under another slug, which no article of this run takes (`taken`: every
/// slug of the run, shards' included, and the reserved names), and whose outputs are still
/// there. Without BatchOptions::prune they are named in a warning (and item.orphans); with
/// it they are removed, with their preview images, the slug's record is closed ("-", so that
/// they are not looked for again) and a note names them (and item.removed). Only the
/// article's own shard handles it, and no article of the run writes those files, so removing
/// them races with no writer.
void handle_orphans(BatchItem& item, const std::string& source, const std::set<std::string>& taken,
                    const BatchOptions& o, Records& records);

}  // namespace quire::inline v0::detail

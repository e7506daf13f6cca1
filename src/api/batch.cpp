// api/batch: the batch engine (include/quire/batch.hpp). A pool of worker threads sharing one
// FontLibrary converts the sorted inputs; each article has its own Diagnostics and is dropped
// once written. A whole batch reads each article once (SlugResolver numbers the slugs in input
// order as workers parse); a shard first reads every input for its slug (keeping the slug
// strings alone), then converts its own articles.
//
// This file finds the inputs and drives a run (BatchRun); batch_plan.cpp has what a run starts
// from, batch_article.cpp one article's conversion (batch_parts.hpp), batch_report.cpp the
// JSON report.
#include <quire/batch.hpp>
#include <quire/style_file.hpp>

#include "api/batch_parts.hpp"
#include "api/impl.hpp"
#include "base/result.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

namespace quire::inline v0 {

namespace fs = std::filesystem;

const std::vector<std::string>& article_extensions() {
    static const std::vector<std::string> exts = {".txt", ".md", ".xml"};
    return exts;
}

namespace {

bool hidden(const fs::path& p) {
    const std::string name = p.filename().string();
    return !name.empty() && name[0] == '.' && name != "." && name != "..";
}

std::string lower_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

bool same_dir(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    return fs::equivalent(a, b, ec) && !ec;
}

}  // namespace

std::vector<fs::path> find_articles(const std::vector<fs::path>& inputs, const fs::path& skip_dir) {
    const auto& exts = article_extensions();
    std::vector<std::string> found;
    for (const auto& in : inputs) {
        std::error_code ec;
        if (!fs::is_directory(in, ec)) {
            found.push_back(in.string());
            continue;
        }
        fs::recursive_directory_iterator it(in, fs::directory_options::skip_permission_denied, ec);
        for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            const fs::path& p = it->path();
            std::error_code ec2;
            if (it->is_directory(ec2)) {
                if (hidden(p) || (!skip_dir.empty() && same_dir(p, skip_dir)))
                    it.disable_recursion_pending();
                continue;
            }
            // A build file is never an article (examples/embedding/ beside the example articles).
            if (hidden(p) || p.filename() == "CMakeLists.txt") continue;
            const std::string ext = lower_ascii(p.extension().string());
            if (std::find(exts.begin(), exts.end(), ext) == exts.end()) continue;
            if (!it->is_regular_file(ec2)) continue;
            found.push_back(p.string());
        }
    }
    std::sort(found.begin(), found.end());  // byte order of the path
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return {found.begin(), found.end()};
}

/// The style as its style file (every key, see write_style), so that a style's description
/// can be read back as the same style.
std::string describe(const Style& s) {
    return write_style(s);
}

std::string_view to_string(BatchStatus status) {
    switch (status) {
        case BatchStatus::converted:
            return "converted";
        case BatchStatus::skipped:
            return "skipped";
        case BatchStatus::failed:
            return "failed";
    }
    return "failed";
}

namespace {

using Clock = std::chrono::steady_clock;
using detail::Records;

/// Runs fn(0..n-1) on `jobs` threads (inline when one).
template <class F>
void parallel_for(std::size_t n, unsigned jobs, F&& fn) {
    const std::size_t threads = std::min<std::size_t>(jobs, n);
    if (threads <= 1) {
        for (std::size_t k = 0; k < n; ++k) fn(k);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (std::size_t t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            for (std::size_t k; (k = next.fetch_add(1)) < n;) fn(k);
        });
    for (auto& th : pool) th.join();
}

/// What a batch checks before it starts: the shard and the formats; and the output folder,
/// made if missing and rid of the temporaries of a killed run.
Result<Unit> prepare_output(const BatchOptions& options) {
    if (options.shard_count == 0 || options.shard_index >= options.shard_count)
        return make_error({}, "the shard index must be less than the shard count");
    if (!options.pdf && !options.epub && !options.print_pdf)
        return make_error({}, "no output format chosen");
    std::error_code ec;
    fs::create_directories(options.output_dir, ec);
    if (ec)
        return make_error({options.output_dir.string()},
                          "cannot create output folder: " + ec.message());
    detail::remove_stale_temps(options.output_dir);
    return Unit{};
}

/// The books' file names are no article's: the options' (the book of this run, the default
/// book) and every book made here before, so that runs with and without a book, and shards
/// (which make none), number alike.
std::vector<std::string> reserved_names(const BatchOptions& options) {
    std::vector<std::string> reserved = options.reserved_slugs;
    for (auto& name : detail::recorded_books(options.output_dir))
        reserved.push_back(std::move(name));
    return reserved;
}

/// A shard's first pass: every input read for its slug alone (all shards read all, so that
/// numbering agrees between them), numbered.
std::vector<std::string> shard_slugs(const std::vector<fs::path>& inputs,
                                     const BatchOptions& options, unsigned jobs,
                                     const std::vector<std::string>& reserved) {
    std::vector<std::string> slugs(inputs.size());
    parallel_for(inputs.size(), jobs, [&](std::size_t k) {
        try {
            Diagnostics diags;
            ReadOptions title_only = options.read;
            title_only.annotate_languages = false;  // the slug needs the language only
            auto a = read_article(inputs[k], diags, title_only);
            if (a) slugs[k] = slug(*a);
        } catch (...) {
            slugs[k].clear();
        }
    });
    return unique_slugs(slugs, reserved);
}

/// What every article's hash starts with: the batch's common key ...
Sha256 keyed_hash(const BatchOptions& options) {
    Sha256 keyed;
    keyed.update(detail::batch_common_key(options));
    // ... and the journal's format (the image dependencies it names are files, or a resolver's
    // sources): a line of the older format, or of the other kind, never vouches for outputs.
    keyed.update(std::string("records=v2\nimages=") + (options.read.images ? "resolver" : "files") +
                 "\n");
    return keyed;
}

/// A run_batch() once its output folder is ready: the slugs (a whole batch reads each article
/// once: its worker parses it, and numbers its slug once the earlier ones are known; a shard
/// reads every input first for its slug, then reads its own articles again to convert them),
/// the journal, and the articles finished but not yet delivered to on_item, which takes them
/// in input order.
class BatchRun {
public:
    BatchRun(const std::vector<fs::path>& inputs, const BatchOptions& options,
             const BatchItemCallback& on_item, const BatchProgressCallback& on_progress,
             Clock::time_point start)
        : inputs_(inputs),
          options_(options),
          on_item_(on_item),
          on_progress_(on_progress),
          start_(start),
          jobs_(options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency())),
          fonts_(options.fonts ? options.fonts : FontLibrary::shared()),
          reserved_(reserved_names(options)),
          one_pass_(options.shard_count == 1),
          slugs_(one_pass_ ? std::vector<std::string>(inputs.size())
                           : shard_slugs(inputs, options, jobs_, reserved_)),
          resolver_(one_pass_ ? inputs.size() : 0, reserved_),
          keyed_(keyed_hash(options)),
          records_(options.output_dir / ".quire" / "records") {
        for (std::size_t k = 0; k < inputs.size(); ++k)
            if (k % options.shard_count == options.shard_index) mine_.push_back(k);
        totals_.total = mine_.size();
    }

    /// Reads the journal, and closes the lines of the reserved names.
    Result<Unit> open_records() {
        // A whole (unsharded) run folds a journal grown long with rebuilds into a line an
        // article; shards leave it alone, since another shard may be appending to it.
        if (const std::size_t lines = records_.load();
            options_.shard_count == 1 && lines > 2 * records_.size() + 64)
            records_.compact();
        // An article that had a reserved name before (an older run, a book named after it
        // since) has it no more: its record no longer vouches for that file, which becomes the
        // book's.
        for (const auto& name : reserved_)
            if (const auto* e = records_.find(name); e && e->hash != "-" && !e->book())
                QUIRE_TRY(records_.append(name, Records::tombstone()));
        return Unit{};
    }

    /// Converts this shard's articles and delivers them; returns the totals.
    BatchTotals run() {
        parallel_for(mine_.size(), jobs_, [&](std::size_t pos) { convert(pos); });
        // Items a worker could not finish (an exception outside the conversion) leave gaps;
        // what waits behind a gap (or for the run's slugs) is delivered now, in order.
        for (auto& [pos, item] : pending_) deliver(pos, item, true);
        // Outputs and records were written without an fsync each (a journal commit per file
        // cost more than converting the article): one syncfs makes the whole batch durable.
        if (totals_.converted > 0) {
            const int dir = ::open(options_.output_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (dir >= 0) {
                ::syncfs(dir);
                ::close(dir);
            }
        }
        totals_.seconds = seconds();
        return totals_;
    }

private:
    double seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

    /// The worker: converts this shard's article `pos`, then counts and queues it.
    void convert(std::size_t pos) {
        const std::size_t k = mine_[pos];
        const auto t0 = Clock::now();
        BatchItem item;
        std::string source;
        bool check_orphans = false;
        try {
            if (one_pass_) {
                detail::Parsed parsed =
                    detail::read_and_publish(k, inputs_[k], options_.read, resolver_);
                slugs_[k] = resolver_.wait(k);
                source = detail::source_key(inputs_[k]);
                item = detail::convert_one(k, inputs_[k], source, slugs_[k], options_, keyed_,
                                           fonts_, records_, &parsed);
            } else {
                source = detail::source_key(inputs_[k]);
                item = detail::convert_one(k, inputs_[k], source, slugs_[k], options_, keyed_,
                                           fonts_, records_);
            }
            check_orphans = item.status != BatchStatus::failed &&
                            !records_.other_slugs(source, item.slug).empty();
        } catch (const std::exception& e) {  // run_batch() throws nothing: the article fails
            item = failed_item(k, std::string("internal error: ") + e.what());
        } catch (...) {
            item = failed_item(k, "internal error");
        }
        item.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
        finished(pos, std::move(item),
                 check_orphans ? std::optional(std::move(source)) : std::nullopt);
    }

    /// The item of input k when its conversion threw.
    BatchItem failed_item(std::size_t k, std::string message) const {
        BatchItem item;
        item.index = k;
        item.input = inputs_[k];
        item.slug = slugs_[k];
        item.error = make_error({inputs_[k].string()}, std::move(message));
        return item;
    }

    /// Counts article `pos` (`orphan_source`: its source, when the journal names it under
    /// another slug) and delivers what is next in input order.
    void finished(std::size_t pos, BatchItem item, std::optional<std::string> orphan_source) {
        const std::lock_guard<std::mutex> lock(mu_);
        ++totals_.done;
        switch (item.status) {
            case BatchStatus::converted:
                ++totals_.converted;
                break;
            case BatchStatus::skipped:
                ++totals_.skipped;
                break;
            case BatchStatus::failed:
                ++totals_.failed;
                break;
        }
        for (const auto& w : item.warnings)
            if (w.severity == Severity::warning) ++totals_.warnings;
        totals_.seconds = seconds();
        // Callbacks run under the lock, one at a time. One that throws loses only its own
        // call: the item is still queued, delivered once, and the order goes on.
        if (orphan_source) unchecked_.emplace(pos, std::move(*orphan_source));
        pending_.emplace(pos, std::move(item));
        try {
            if (on_progress_) on_progress_(totals_);
        } catch (...) {
        }
        for (auto it = pending_.find(next_out_); it != pending_.end();
             it = pending_.find(next_out_)) {
            if (!deliver(next_out_, it->second, false)) break;
            pending_.erase(it);
            ++next_out_;
        }
    }

    /// Every slug of the run and the reserved names, once every article's slug is known, else
    /// null.
    const std::set<std::string>* taken_slugs() {
        if (!taken_) {
            std::optional<std::vector<std::string>> all;
            if (one_pass_)
                all = resolver_.all();
            else
                all = slugs_;  // not changed after the first pass
            if (!all) return nullptr;
            taken_.emplace(all->begin(), all->end());
            taken_->insert(reserved_.begin(), reserved_.end());
        }
        return &*taken_;
    }

    /// Delivers an item to on_item, after its orphan check; false when that check must wait
    /// (unless `last`: the batch is over; then it is left out if the slugs are still unknown).
    bool deliver(std::size_t pos, BatchItem& item, bool last) {
        if (const auto u = unchecked_.find(pos); u != unchecked_.end()) {
            const auto* all = taken_slugs();
            if (!all && !last) return false;
            if (all) {
                const std::size_t before = item.warnings.size();
                try {
                    detail::handle_orphans(item, u->second, *all, options_, records_);
                } catch (...) {
                }
                for (std::size_t i = before; i < item.warnings.size(); ++i)
                    if (item.warnings[i].severity == Severity::warning) ++totals_.warnings;
            }
            unchecked_.erase(u);
        }
        try {
            if (on_item_) on_item_(item, totals_);
        } catch (...) {
        }
        return true;
    }

    const std::vector<fs::path>& inputs_;
    const BatchOptions& options_;
    const BatchItemCallback& on_item_;
    const BatchProgressCallback& on_progress_;
    const Clock::time_point start_;
    const unsigned jobs_;
    const std::shared_ptr<FontLibrary> fonts_;
    const std::vector<std::string> reserved_;
    const bool one_pass_;
    std::vector<std::string> slugs_;  ///< a shard's, from the first pass; a whole batch's, as known
    detail::SlugResolver resolver_;   ///< a whole batch's slugs (empty for a shard)
    const Sha256 keyed_;              ///< every article's hash starts with the batch's common key
    Records records_;
    std::vector<std::size_t> mine_;  ///< this shard's articles
    BatchTotals totals_;
    std::mutex mu_;
    std::map<std::size_t, BatchItem> pending_;  ///< finished, waiting for their turn
    std::size_t next_out_ = 0;
    /// Finished articles whose source the journal names under another slug (the outputs of an
    /// earlier title, maybe): their source, by position. Whether those outputs are orphans
    /// depends on every slug of the run, which a whole batch knows only once every article is
    /// parsed: such an item waits for that (and the items after it, for their order).
    std::map<std::size_t, std::string> unchecked_;
    std::optional<std::set<std::string>> taken_;  ///< every slug of the run and the reserved names
};

}  // namespace

Result<BatchTotals> run_batch(const std::vector<fs::path>& inputs, const BatchOptions& options,
                              const BatchItemCallback& on_item,
                              const BatchProgressCallback& on_progress) {
    const auto start = Clock::now();
    QUIRE_TRY(prepare_output(options));
    BatchRun run(inputs, options, on_item, on_progress, start);
    QUIRE_TRY(run.open_records());
    return run.run();
}

}  // namespace quire::inline v0

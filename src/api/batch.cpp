// api/batch: the batch engine (include/quire/batch.hpp). A pool of worker threads sharing one
// FontLibrary converts the sorted inputs; each article has its own Diagnostics and is dropped
// once written. A whole batch reads each article once (SlugResolver numbers the slugs in input
// order as workers parse); a shard first reads every input for its slug (keeping the slug
// strings alone), then converts its own articles.
#include <quire/batch.hpp>
#include <quire/collection.hpp>
#include <quire/style_file.hpp>

#include "api/impl.hpp"
#include "base/limits.hpp"
#include "base/sha256.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
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

namespace {

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

}  // namespace

std::vector<std::string> unique_slugs(const std::vector<std::string>& slugs,
                                      const std::vector<std::string>& reserved) {
    SlugNumbering numbering(reserved);
    std::vector<std::string> out;
    out.reserve(slugs.size());
    for (const auto& s : slugs) out.push_back(numbering.next(s));
    return out;
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

/// Removes the hidden temporaries of an earlier, killed run: ".NAME.pdf.XXXXXX",
/// ".NAME.epub.XXXXXX", ".NAME.collection.sha256.XXXXXX" and ".records.XXXXXX" not touched for
/// a minute (a live writer renames its temporary within moments of creating it, so another
/// shard writing into the same folder keeps its own).
void remove_stale_temps(const fs::path& dir) {
    static const std::regex temp_name(R"(^\.(.+\.(pdf|epub|sha256)|records)\.[A-Za-z0-9]{6}$)");
    const auto cutoff = fs::file_time_type::clock::now() - std::chrono::minutes(1);
    for (const fs::path& d : {dir, dir / ".quire"}) {
        std::error_code ec;
        for (fs::directory_iterator it(d, ec); !ec && it != fs::directory_iterator();
             it.increment(ec)) {
            const std::string name = it->path().filename().string();
            if (!std::regex_match(name, temp_name)) continue;
            std::error_code ec2;
            if (!it->is_regular_file(ec2)) continue;
            const auto t = it->last_write_time(ec2);
            if (!ec2 && t < cutoff) fs::remove(it->path(), ec2);
        }
    }
}

/// The bytes of a file, or nullopt.
std::optional<std::string> slurp(const fs::path& p) {
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) return std::nullopt;
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return ss.str();
}

/// The batch's record of what it built: OUTDIR/.quire/records, a journal with a line an
/// article, appended as articles finish (one new file for the whole folder, not one an article:
/// creating a file costs more than some stages of a conversion on ext4 without a journal).
///
///     HASH PAGES PDF-BYTES EPUB-BYTES SLUG
///
/// HASH is the article's content hash (64 hex digits), or "-" for "the outputs are changing"
/// (written before an article is rebuilt, so an old line cannot vouch for outputs a failed or
/// killed rebuild left half replaced); sizes are "-" for a format not built. The last line of
/// a slug counts. Each line is one write() to a file opened with O_APPEND, so shards writing
/// into one folder on one machine do not mix their lines; a torn last line (a killed run) does
/// not parse and is ignored, and its article is rebuilt.
class Records {
public:
    struct Entry {
        std::string hash;
        int pages = 0;
        std::string pdf, epub;  // sizes as written, or "-"
    };

    explicit Records(fs::path file) : file_(std::move(file)) {}
    ~Records() {
        if (fd_ >= 0) ::close(fd_);
    }
    Records(const Records&) = delete;
    Records& operator=(const Records&) = delete;

    /// Reads the journal; returns the number of lines read.
    std::size_t load() {
        const auto bytes = slurp(file_);
        if (!bytes) return 0;
        std::size_t lines = 0, start = 0;
        while (start < bytes->size()) {
            const std::size_t end = bytes->find('\n', start);
            if (end == std::string::npos) break;  // a torn last line
            parse(std::string_view(*bytes).substr(start, end - start));
            ++lines;
            start = end + 1;
        }
        ends_with_newline_ = bytes->empty() || bytes->back() == '\n';
        return lines;
    }

    const Entry* find(const std::string& slug) const {
        const auto it = entries_.find(slug);
        return it == entries_.end() ? nullptr : &it->second;
    }

    std::size_t size() const { return entries_.size(); }

    /// Rewrites the journal with one line an article (atomically).
    void compact() {
        std::string all;
        for (const auto& [slug, e] : entries_)
            if (e.hash != "-") all += line(slug, e);
        if (write_file_atomically(file_, all, Sync::deferred)) ends_with_newline_ = true;
    }

    /// Appends the line of `slug` (thread-safe).
    Result<Unit> append(const std::string& slug, const Entry& e) {
        std::string text = line(slug, e);
        const std::lock_guard lock(mu_);
        if (fd_ < 0) {
            std::error_code ec;
            fs::create_directories(file_.parent_path(), ec);  // made with the first record
            fd_ = ::open(file_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
            if (fd_ < 0)
                return make_error({file_.string()}, std::string("cannot write the batch record: ") +
                                                        std::strerror(errno));
            if (!ends_with_newline_) text.insert(text.begin(), '\n');
        }
        for (std::size_t done = 0; done < text.size();) {
            const ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0)
                return make_error({file_.string()}, std::string("cannot write the batch record: ") +
                                                        std::strerror(errno));
            done += static_cast<std::size_t>(n);
        }
        return Unit{};
    }

private:
    static std::string line(const std::string& slug, const Entry& e) {
        return e.hash + ' ' + std::to_string(e.pages) + ' ' + e.pdf + ' ' + e.epub + ' ' + slug +
               '\n';
    }

    static bool is_size(std::string_view s) {
        return s == "-" ||
               (!s.empty() && s.size() < 20 &&
                std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }));
    }

    void parse(std::string_view l) {
        std::string_view f[4];
        for (auto& field : f) {
            const std::size_t sp = l.find(' ');
            if (sp == std::string_view::npos) return;
            field = l.substr(0, sp);
            l.remove_prefix(sp + 1);
        }
        const bool hash_ok =
            f[0] == "-" || (f[0].size() == 64 && std::all_of(f[0].begin(), f[0].end(), [](char c) {
                                return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                            }));
        if (!hash_ok || l.empty() || !is_size(f[2]) || !is_size(f[3]) || f[1].empty() ||
            f[1].size() > 9 ||
            !std::all_of(f[1].begin(), f[1].end(), [](char c) { return c >= '0' && c <= '9'; }))
            return;
        Entry& e = entries_[std::string(l)];
        e.hash = std::string(f[0]);
        e.pages = std::atoi(std::string(f[1]).c_str());
        e.pdf = std::string(f[2]);
        e.epub = std::string(f[3]);
    }

    fs::path file_;
    std::map<std::string, Entry> entries_;  // read at the start; not changed during the batch
    std::mutex mu_;
    int fd_ = -1;
    bool ends_with_newline_ = true;
};

/// The names of the books recorded in OUTDIR/.quire (NAME.collection.sha256, see
/// run_collection), in byte order.
std::vector<std::string> recorded_books(const fs::path& output_dir) {
    static const std::string suffix = ".collection.sha256";
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(output_dir / ".quire", ec);
         !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string file = it->path().filename().string();
        if (file.size() > suffix.size() && file[0] != '.' &&
            file.compare(file.size() - suffix.size(), suffix.size(), suffix) == 0)
            names.push_back(file.substr(0, file.size() - suffix.size()));
    }
    std::sort(names.begin(), names.end());
    return names;
}

/// What every article of the batch shares in its content hash.
std::string common_key(const BatchOptions& o) {
    std::string k = "quire " + std::string(version()) + "\n";
    k += std::string("formats=") + (o.pdf ? "pdf" : "") + "," + (o.epub ? "epub" : "") + "\n";
    k += "lang=" + std::to_string(o.read.lang.size()) + ":" + o.read.lang + "\n";
    k += "bio_lang=" + std::to_string(o.read.bio_lang.size()) + ":" + o.read.bio_lang + "\n";
    for (const auto& a : o.read.allowed_paths)
        k += "allow_path=" + std::to_string(a.string().size()) + ":" + a.string() + "\n";
    k += describe(o.style);
    auto ts = [](const std::optional<std::int64_t>& t) {
        return t ? std::to_string(*t) : std::string("unset");
    };
    k += "pdf.timestamp=" + ts(o.pdf_options.timestamp) + "\n";
    k += "pdf.producer=" + std::to_string(o.pdf_options.producer.size()) + ":" +
         o.pdf_options.producer + "\n";
    k += "pdf.standard=" +
         (o.pdf_options.standard ? to_string(*o.pdf_options.standard) : std::string("style")) +
         "\n";
    k += "epub.timestamp=" + ts(o.epub_options.timestamp) + "\n";
    k += "epub.identifier=" + std::to_string(o.epub_options.identifier.size()) + ":" +
         o.epub_options.identifier + "\n";
    k += "epub.fonts=" + std::to_string(static_cast<int>(o.epub_options.fonts)) + "\n";
    const char* sde = std::getenv("SOURCE_DATE_EPOCH");  // read by the backends when unset above
    k += std::string("SOURCE_DATE_EPOCH=") + (sde ? sde : "") + "\n";
    k += "fonts=" + (o.fonts ? o.fonts : FontLibrary::shared())->content_key() + "\n";
    return k;
}

/// Splits diagnostics into warnings (kept) and counts them.
void keep_warnings(Diagnostics& diags, BatchItem& item) {
    for (const auto& d : diags.all()) item.warnings.push_back(d);
    diags.clear();
}

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

private:
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<std::optional<std::string>> base_;
    std::vector<std::string> final_;
    std::size_t resolved_ = 0;
    SlugNumbering numbering_;
};

/// An article already read and parsed by its worker (a batch that reads each article once).
struct Parsed {
    Result<std::string> bytes;
    Result<Article> article;
    Diagnostics diags;
};

/// Reads and parses input k and publishes its slug (empty if it cannot be read), also when
/// reading throws: the articles after it wait for it.
Parsed read_and_publish(std::size_t k, const fs::path& input, const ReadOptions& read,
                        SlugResolver& resolver) {
    try {
        Diagnostics diags;
        auto bytes = read_article_bytes(input, read.limits);
        auto article =
            bytes ? parse_article(*bytes, input, diags, read) : Result<Article>(bytes.error());
        resolver.publish(k, article ? slug(*article) : std::string());
        return Parsed{std::move(bytes), std::move(article), std::move(diags)};
    } catch (...) {
        resolver.publish(k, {});  // (again, if publish() itself threw: harmless)
        throw;
    }
}

/// Converts one article. `parsed` holds it already read and parsed (a batch that reads each
/// article once), else it is read here (after the slug pass).
BatchItem convert_one(std::size_t index, const fs::path& input, const std::string& slug,
                      const BatchOptions& o, const Sha256& keyed,
                      const std::shared_ptr<FontLibrary>& fonts, Records& records,
                      Parsed* parsed = nullptr) {
    BatchItem item;
    item.index = index;
    item.input = input;
    item.slug = slug;
    // The article's time limit covers its typesetting and writing both (typeset's own scope
    // keeps this deadline, the earlier one).
    const detail::LimitScope limits(o.read.limits);
    Diagnostics own_diags;
    Diagnostics& diags = parsed ? parsed->diags : own_diags;
    auto fail = [&](Diagnostic d) {
        keep_warnings(diags, item);
        item.status = BatchStatus::failed;
        item.error = std::move(d);
        return item;
    };
    // A cancelled batch makes no more articles: each one not yet made fails at once.
    if (o.read.limits.cancel && o.read.limits.cancel->load())
        return fail(make_error({input.string()}, "cancelled"));
    if (parsed && !parsed->bytes) return fail(parsed->bytes.error());
    if (parsed && !parsed->article) return fail(parsed->article.error());
    if (slug.empty()) {
        if (parsed) return fail(make_error({input.string()}, "the article has no slug"));
        // Unreadable in the first pass: read again for the error to report.
        auto a = read_article(input, diags, o.read);
        if (!a) return fail(a.error());
        return fail(make_error({input.string()}, "the article has no slug"));
    }
    const fs::path pdf_path = o.output_dir / (slug + ".pdf");
    const fs::path epub_path = o.output_dir / (slug + ".epub");

    // The file is read once: its bytes are both hashed and parsed, so the record always
    // describes the source the outputs were made from.
    auto bytes = parsed ? std::move(parsed->bytes) : read_article_bytes(input, o.read.limits);
    if (!bytes) return fail(bytes.error());
    Sha256 hasher = keyed;  // the common key, hashed once per batch
    const std::string hash = hasher.update("source=").update(*bytes).hex();
    // The record names the size of each output: outputs are synced once at the end of the
    // batch (see run_batch), so after a crash an output may be shorter than when it was
    // recorded, and then the record does not vouch for it.
    auto size_of = [](bool built, const fs::path& p) {
        if (!built) return std::string("-");
        std::error_code ec;
        const auto n = fs::file_size(p, ec);
        return ec ? std::string("missing") : std::to_string(n);
    };
    const Records::Entry* old = records.find(slug);
    if (!o.force && old && old->hash == hash && old->pdf == size_of(o.pdf, pdf_path) &&
        old->epub == size_of(o.epub, epub_path)) {
        item.status = BatchStatus::skipped;
        item.pages = old->pages;
        if (o.pdf) item.outputs.push_back(pdf_path);
        if (o.epub) item.outputs.push_back(epub_path);
        return item;
    }

    // From here the outputs change: an old record must not vouch for them if this run fails
    // half way (it would make a later run skip an article whose outputs are not its own).
    if (old && old->hash != "-")
        if (auto ok = records.append(slug, {"-", 0, "-", "-"}); !ok) return fail(ok.error());
    auto article =
        parsed ? std::move(parsed->article) : parse_article(*bytes, input, diags, o.read);
    if (!article) return fail(article.error());
    if (o.pdf) {
        auto doc = typeset(*article, o.style, diags, fonts, o.read.limits);
        if (!doc) return fail(doc.error());
        auto bytes = write_pdf(*doc, o.pdf_options);
        if (!bytes) return fail(bytes.error());
        auto ok = write_file_atomically(pdf_path, *bytes, Sync::deferred);
        if (!ok) return fail(ok.error());
        item.pages = doc->page_count();
        item.outputs.push_back(pdf_path);
    }
    if (o.epub) {
        auto bytes = write_epub(*article, o.style, o.epub_options, fonts);
        if (!bytes) return fail(bytes.error());
        auto ok = write_file_atomically(epub_path, *bytes, Sync::deferred);
        if (!ok) return fail(ok.error());
        item.outputs.push_back(epub_path);
    }
    // The record goes last: it stands only beside complete outputs.
    if (auto ok = records.append(
            slug, {hash, item.pages, size_of(o.pdf, pdf_path), size_of(o.epub, epub_path)});
        !ok)
        return fail(ok.error());
    keep_warnings(diags, item);
    item.status = BatchStatus::converted;
    return item;
}

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

}  // namespace

std::string detail::batch_common_key(const BatchOptions& o) {
    return common_key(o);
}

bool detail::article_recorded(const fs::path& output_dir, const std::string& slug) {
    Records records(output_dir / ".quire" / "records");
    records.load();
    const auto* e = records.find(slug);
    return e && e->hash != "-";
}

Result<BatchTotals> run_batch(const std::vector<fs::path>& inputs, const BatchOptions& options,
                              const BatchItemCallback& on_item,
                              const BatchProgressCallback& on_progress) {
    const auto start = Clock::now();
    if (options.shard_count == 0 || options.shard_index >= options.shard_count)
        return make_error({}, "the shard index must be less than the shard count");
    if (!options.pdf && !options.epub) return make_error({}, "no output format chosen");
    std::error_code ec;
    fs::create_directories(options.output_dir, ec);
    if (ec)
        return make_error({options.output_dir.string()},
                          "cannot create output folder: " + ec.message());
    remove_stale_temps(options.output_dir);

    unsigned jobs = options.jobs;
    if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
    const std::shared_ptr<FontLibrary> fonts =
        options.fonts ? options.fonts : FontLibrary::shared();

    // The books' file names are no article's: the options' (the book of this run, the default
    // book) and every book made here before, so that runs with and without a book, and shards
    // (which make none), number alike.
    std::vector<std::string> reserved = options.reserved_slugs;
    for (auto& name : recorded_books(options.output_dir)) reserved.push_back(std::move(name));

    // A whole batch reads each article once: its worker parses it, and numbers its slug once
    // the earlier ones are known. A shard reads every input first for its slug (all shards, so
    // numbering agrees between them), then reads its own articles again to convert them.
    const bool one_pass = options.shard_count == 1;
    std::vector<std::string> slugs(inputs.size());
    if (!one_pass) {
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
        slugs = unique_slugs(slugs, reserved);
    }
    SlugResolver resolver(one_pass ? inputs.size() : 0, reserved);

    // Pass 2: this shard's articles.
    std::vector<std::size_t> mine;
    for (std::size_t k = 0; k < inputs.size(); ++k)
        if (k % options.shard_count == options.shard_index) mine.push_back(k);
    Sha256 keyed;  // every article's hash starts with the batch's common key
    keyed.update(common_key(options));
    Records records(options.output_dir / ".quire" / "records");
    // A whole (unsharded) run folds a journal grown long with rebuilds into a line an article;
    // shards leave it alone, since another shard may be appending to it.
    if (const std::size_t lines = records.load();
        options.shard_count == 1 && lines > 2 * records.size() + 64)
        records.compact();
    // An article that had a reserved name before (an older run, a book named after it since)
    // has it no more: its record no longer vouches for that file, which becomes the book's.
    for (const auto& name : reserved)
        if (const auto* e = records.find(name); e && e->hash != "-")
            if (auto ok = records.append(name, {"-", 0, "-", "-"}); !ok) return ok.error();

    BatchTotals totals;
    totals.total = mine.size();
    std::mutex mu;
    std::map<std::size_t, BatchItem> pending;  // finished, waiting for their turn
    std::size_t next_out = 0;
    auto seconds = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };

    parallel_for(mine.size(), jobs, [&](std::size_t pos) {
        const std::size_t k = mine[pos];
        const auto t0 = Clock::now();
        BatchItem item;
        try {
            if (one_pass) {
                Parsed parsed = read_and_publish(k, inputs[k], options.read, resolver);
                slugs[k] = resolver.wait(k);
                item = convert_one(k, inputs[k], slugs[k], options, keyed, fonts, records, &parsed);
            } else {
                item = convert_one(k, inputs[k], slugs[k], options, keyed, fonts, records);
            }
        } catch (const std::exception& e) {
            item = BatchItem{};
            item.index = k;
            item.input = inputs[k];
            item.slug = slugs[k];
            item.error =
                make_error({inputs[k].string()}, std::string("internal error: ") + e.what());
        } catch (...) {
            item = BatchItem{};
            item.index = k;
            item.input = inputs[k];
            item.slug = slugs[k];
            item.error = make_error({inputs[k].string()}, "internal error");
        }
        item.seconds = std::chrono::duration<double>(Clock::now() - t0).count();

        const std::lock_guard<std::mutex> lock(mu);
        ++totals.done;
        switch (item.status) {
            case BatchStatus::converted:
                ++totals.converted;
                break;
            case BatchStatus::skipped:
                ++totals.skipped;
                break;
            case BatchStatus::failed:
                ++totals.failed;
                break;
        }
        for (const auto& w : item.warnings)
            if (w.severity == Severity::warning) ++totals.warnings;
        totals.seconds = seconds();
        // Callbacks run under the lock, one at a time. One that throws loses only its own
        // call: the item is still queued, delivered once, and the order goes on.
        pending.emplace(pos, std::move(item));
        try {
            if (on_progress) on_progress(totals);
        } catch (...) {
        }
        for (auto it = pending.find(next_out); it != pending.end(); it = pending.find(next_out)) {
            try {
                if (on_item) on_item(it->second, totals);
            } catch (...) {
            }
            pending.erase(it);
            ++next_out;
        }
    });
    // Items a worker could not finish (an exception outside the conversion) leave gaps; what
    // waits behind a gap is delivered now, in order.
    for (auto& [pos, item] : pending) {
        try {
            if (on_item) on_item(item, totals);
        } catch (...) {
        }
    }
    // Outputs and records were written without an fsync each (a journal commit per file cost
    // more than converting the article): one syncfs makes the whole batch durable.
    if (totals.converted > 0) {
        const int dir = ::open(options.output_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir >= 0) {
            ::syncfs(dir);
            ::close(dir);
        }
    }
    totals.seconds = seconds();
    return totals;
}

void detail::write_json(json::Writer& w, const Diagnostic& d) {
    w.begin_object().text("file", d.where.file).key("line").number(d.where.line);
    w.text("message", d.message).end_object();
}

std::string batch_report_json(const std::vector<BatchItem>& items, const BatchTotals& totals,
                              const CollectionOutcome* anthology) {
    auto count = [](std::size_t n) { return static_cast<long long>(n); };
    json::Writer w;
    w.begin_object(json::Layout::lines).key("quire").string(version());
    w.key("totals").begin_object();
    w.key("articles").number(count(totals.total)).key("converted").number(count(totals.converted));
    w.key("skipped").number(count(totals.skipped)).key("failed").number(count(totals.failed));
    w.key("warnings").number(count(totals.warnings)).key("seconds").number(totals.seconds, 3);
    w.end_object();
    w.key("articles").begin_array(json::Layout::lines);
    for (const auto& it : items) {
        w.begin_object().text("input", it.input.string()).text("slug", it.slug);
        w.key("status").string(to_string(it.status));
        std::vector<std::string> outputs;
        for (const auto& o : it.outputs) outputs.push_back(o.string());
        w.texts("outputs", outputs).key("pages").number(it.pages);
        w.key("warnings").begin_array();
        for (const auto& d : it.warnings) detail::write_json(w, d);
        w.end_array().key("error");
        if (it.error)
            detail::write_json(w, *it.error);
        else
            w.null();
        w.key("seconds").number(it.seconds, 3).end_object();
    }
    w.end_array();
    if (anthology) detail::write_json(w.key("anthology"), *anthology);
    w.end_object();
    return w.str() + "\n";
}

}  // namespace quire::inline v0

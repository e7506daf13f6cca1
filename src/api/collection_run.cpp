// api/collection_run: run_collection() (include/quire/collection.hpp), a batch's book: made
// from its articles' files, each read again when the book needs it, its PDF and EPUB written
// side by side, and its line in the batch's journal (api/records.hpp), which lets a later run
// skip it.
#include "api/batch_parts.hpp"
#include "api/impl.hpp"
#include "api/records.hpp"

#include <quire/batch.hpp>
#include <quire/collection.hpp>

#include "base/limits.hpp"
#include "base/sha256.hpp"

#include <array>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

namespace quire::inline v0 {

namespace fs = std::filesystem;

std::string collection_file_name(const Collection& collection) {
    return collection.name.empty() ? "anthology" : collection.name;
}

namespace {

/// "n:text\n": a field of a content hash that no other field's text can imitate.
void hash_field(Sha256& h, std::string_view name, std::string_view value) {
    h.update(name).update("=").update(std::to_string(value.size())).update(":").update(value);
    h.update("\n");
}

/// A book's articles in their files, each read again (and parsed) when the book needs it, so
/// that the book holds one article at a time. Every read is checked against the digest of
/// the bytes first read (those the book's record vouches for): a file changed meanwhile is
/// an error, not a book made of two versions.
class FileSource : public ArticleSource {
public:
    FileSource(const std::vector<std::filesystem::path>& paths, const ReadOptions& read)
        : paths_(paths), read_(read), digests_(paths.size()), heads_(paths.size()) {}

    std::size_t size() const override { return paths_.size(); }
    ArticleHead head(std::size_t i) const override { return heads_.at(i); }
    Result<const Article*> article(std::size_t i) override {
        auto a = load(i);
        if (!a) return a.error();
        current_ = std::move(*a);
        return &current_;
    }

    /// Remembers the digest of article i's bytes as first read.
    void know(std::size_t i, std::array<std::uint8_t, 32> digest) { digests_.at(i) = digest; }

    /// Reads and parses article i, its warnings into `diags`, and keeps its head.
    Result<Article> parse(std::size_t i, Diagnostics& diags) {
        auto a = read(i, diags);
        if (a) heads_[i] = ArticleHead::of(*a);
        return a;
    }

    /// Reads and parses article i again, without its warnings (parse() gave them). Safe to
    /// call from several threads once every parse() is done.
    Result<Article> load(std::size_t i) const {
        Diagnostics seen;
        return read(i, seen);
    }

private:
    Result<Article> read(std::size_t i, Diagnostics& diags) const {
        auto bytes = read_article_bytes(paths_.at(i), read_.limits);
        if (!bytes) return bytes.error();
        if (Sha256().update(*bytes).digest() != digests_[i])
            return make_error({paths_[i].string()},
                              "the file changed while the book was being made; run again");
        return parse_article(*bytes, paths_[i], diags, read_);
    }

    const std::vector<std::filesystem::path>& paths_;
    const ReadOptions& read_;
    std::vector<std::array<std::uint8_t, 32>> digests_;
    std::vector<ArticleHead> heads_;
    Article current_;
};

/// One parse of each article for two writers at work side by side (the PDF on one thread,
/// the EPUB on another), each reading through a Reader: an article is parsed by the reader
/// that asks for it first and dropped once both have moved past it. A reader more than
/// kAhead articles ahead of the other waits, so at most kAhead + 2 articles are held.
class SharedArticles {
public:
    explicit SharedArticles(const FileSource& files) : files_(files) {}

    class Reader : public ArticleSource {
    public:
        Reader(SharedArticles& shared, int who) : shared_(shared), who_(who) {}
        ~Reader() override { done(); }
        Reader(const Reader&) = delete;
        Reader& operator=(const Reader&) = delete;
        std::size_t size() const override { return shared_.files_.size(); }
        ArticleHead head(std::size_t i) const override { return shared_.files_.head(i); }
        Result<const Article*> article(std::size_t i) override { return shared_.get(who_, i); }
        /// This reader wants no more articles (it finished, or failed): the other never
        /// waits for it again.
        void done() { shared_.at(who_, kGone); }

    private:
        SharedArticles& shared_;
        int who_;
    };

private:
    static constexpr std::size_t kAhead = 4;
    static constexpr std::size_t kGone = static_cast<std::size_t>(-1);

    struct Slot {
        bool claimed = false, ready = false;
        std::optional<Article> article;
        std::optional<Diagnostic> error;
    };

    /// Reader `who` now holds article i (kGone: none); it is done with the earlier ones.
    void at(int who, std::size_t i) {
        const std::lock_guard lock(m_);
        move_to(who, i);
    }
    void move_to(int who, std::size_t i) {
        at_[static_cast<std::size_t>(who)] = i;
        const std::size_t keep = std::min(at_[0], at_[1]);
        while (!slots_.empty() && slots_.begin()->first < keep && slots_.begin()->second.ready)
            slots_.erase(slots_.begin());
        cv_.notify_all();
    }
    std::size_t other(int who) const { return at_[who == 0 ? 1 : 0]; }

    Result<const Article*> get(int who, std::size_t i) {
        std::unique_lock lock(m_);
        move_to(who, i);
        cv_.wait(lock, [&] { return other(who) == kGone || i <= other(who) + kAhead; });
        Slot& slot = slots_[i];  // a map's elements stay where they are
        if (!slot.claimed) {
            slot.claimed = true;
            lock.unlock();
            auto a = files_.load(i);
            lock.lock();
            if (a)
                slot.article = std::move(*a);
            else
                slot.error = a.error();
            slot.ready = true;
            cv_.notify_all();
        } else {
            cv_.wait(lock, [&] { return slot.ready; });
        }
        if (slot.error) return *slot.error;
        return &*slot.article;
    }

    const FileSource& files_;
    std::mutex m_;
    std::condition_variable cv_;
    std::array<std::size_t, 2> at_{0, 0};
    std::map<std::size_t, Slot> slots_;
};

/// The size a book's record names of an output, as an article's does: "-" for a format not
/// made, "missing" for a file that is not there.
std::string recorded_size(bool made, const fs::path& p) {
    if (!made) return std::string("-");
    std::error_code ec;
    const auto n = fs::file_size(p, ec);
    return ec ? std::string("missing") : std::to_string(n);
}

/// One run_collection(): the book's outputs and its record, and its outcome as it is made.
class BookRun {
public:
    BookRun(const Collection& collection, const BatchOptions& options)
        : collection_(collection),
          options_(options),
          name_(collection_file_name(collection)),
          pdf_path_(options.output_dir / (name_ + ".pdf")),
          epub_path_(options.output_dir / (name_ + ".epub")),
          print_path_(options.output_dir / (name_ + ".print.pdf")),
          // The book's record is a line of the batch's journal (api/records.hpp), under its
          // name.
          records_(options.output_dir / ".quire" / "records"),
          source_(collection.articles, options.read) {
        records_.load();
    }

    /// Makes the book, unless its record vouches for its outputs; an error goes into
    /// `out.errors` (several when several articles cannot be read).
    void make() {
        if (auto ok = check_name(); !ok) return fail(ok.error());
        const std::string hash = hash_sources();
        if (!out.errors.empty()) return;
        std::error_code ec;
        fs::create_directories(options_.output_dir, ec);
        if (ec)
            return fail(make_error({options_.output_dir.string()},
                                   "cannot create the output folder: " + ec.message()));
        // The record names the size of each output, as an article's does: a book cut short (a
        // crash before the data reached the disk), replaced or missing is made again.
        const detail::Records::Entry* old = records_.find(name_);
        if (!options_.force && old && old->book() && old->hash == hash &&
            old->pdf == recorded_size(options_.pdf, pdf_path_) &&
            old->epub == recorded_size(options_.epub, epub_path_) &&
            old->print == recorded_size(options_.print_pdf, print_path_)) {
            out.status = BatchStatus::skipped;
            out.pages = old->pages;
            if (options_.pdf) out.outputs.push_back(pdf_path_);
            if (options_.print_pdf) out.outputs.push_back(print_path_);
            if (options_.epub) out.outputs.push_back(epub_path_);
            return;
        }
        // The outputs change from here: the old record no longer holds.
        if (old && old->hash != "-")
            if (auto ok = records_.append(name_, detail::Records::tombstone()); !ok)
                return fail(ok.error());
        // The stamp file of quire 0.2 and earlier, replaced by the journal's line.
        fs::remove(options_.output_dir / ".quire" / (name_ + ".collection.sha256"), ec);

        // Each article parsed for its head (the contents) and its warnings, then dropped.
        for (std::size_t i = 0; i < collection_.articles.size(); ++i)
            if (auto a = source_.parse(i, diags_); !a) out.errors.push_back(a.error());
        take_warnings();
        if (!out.errors.empty()) return;
        if (auto ok = write_outputs(); !ok) return fail(ok.error());
        take_warnings();
        detail::Records::Entry entry;
        entry.hash = hash;
        entry.pages = out.pages;
        entry.pdf = recorded_size(options_.pdf, pdf_path_);
        entry.epub = recorded_size(options_.epub, epub_path_);
        entry.print = recorded_size(options_.print_pdf, print_path_);
        entry.source = std::string(detail::Records::kBookSource);
        if (auto ok = records_.append(name_, entry); !ok) return fail(ok.error());
        out.status = BatchStatus::converted;
    }

    CollectionOutcome out;

private:
    void fail(Diagnostic d) {
        out.status = BatchStatus::failed;
        out.errors.push_back(std::move(d));
    }

    void take_warnings() {
        for (const auto& d : diags_.all()) out.warnings.push_back(d);
        diags_.clear();
    }

    /// The book's file names are reserved (BatchOptions::reserved_slugs): one an article holds
    /// (built before the name was reserved, e.g. by shards before a book named otherwise than
    /// "anthology") is not written over.
    Result<Unit> check_name() const {
        if (!detail::article_recorded(options_.output_dir, name_)) return Unit{};
        return make_error({(options_.pdf ? pdf_path_ : epub_path_).string()},
                          "this is the output of the article '" + name_ +
                              "' (recorded in .quire/records), not written over: name the book "
                              "otherwise, or make it with its articles (quire build "
                              "--anthology), which renames that article '" +
                              name_ + "-2'");
    }

    /// The book's hash: the batch's common key, the front matter, and each article's name and
    /// digest. Every source is read and hashed, not kept: the book reads each again when it
    /// needs it (FileSource), so that it holds one article at a time. An article that cannot
    /// be read is an error in `out.errors`.
    std::string hash_sources() {
        Sha256 h;
        h.update(detail::batch_common_key(options_));
        hash_field(h, "title", collection_.title);
        hash_field(h, "subtitle", collection_.subtitle);
        for (const auto& e : collection_.editors) hash_field(h, "editor", e);
        hash_field(h, "date", collection_.date);
        hash_field(h, "lang", collection_.lang);
        hash_field(h, "identifier", collection_.identifier);
        for (std::size_t i = 0; i < collection_.articles.size(); ++i) {
            const auto& p = collection_.articles[i];
            auto bytes = read_article_bytes(p, options_.read.limits);
            if (!bytes) {
                out.errors.push_back(bytes.error());
                continue;
            }
            const auto digest = Sha256().update(*bytes).digest();
            hash_field(h, "article", p.string());
            hash_field(
                h, "source",
                std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
            source_.know(i, digest);
        }
        return h.hex();
    }

    /// Writes the PDF and the EPUB the options ask for, side by side when they may.
    Result<Unit> write_outputs() {
        // Cancellation and progress hold for the book (not the page and time limits, which are
        // for one article); the PDF is laid out and written on this thread.
        Limits controls;
        controls.pages = 0;
        controls.cancel = options_.read.limits.cancel;
        controls.on_progress = options_.read.limits.on_progress;
        const detail::LimitScope scope(controls);
        const unsigned jobs = options_.jobs ? options_.jobs : std::thread::hardware_concurrency();
        std::optional<Result<int>> pages;
        std::optional<Result<Unit>> epub_done;
        const bool pdfs = options_.pdf || options_.print_pdf;
        if (!(pdfs && options_.epub && jobs > 1 && side_by_side(pages, epub_done))) {
            if (pdfs) pages.emplace(pdf(source_));
            if (options_.epub && (!pages || *pages)) epub_done.emplace(epub(source_));
        }
        if (pages && !*pages) return pages->error();
        if (epub_done && !*epub_done) return epub_done->error();
        if (pages) {
            out.pages = **pages;
            if (options_.pdf) out.outputs.push_back(pdf_path_);
            if (options_.print_pdf) out.outputs.push_back(print_path_);
        }
        if (epub_done) out.outputs.push_back(epub_path_);
        return Unit{};
    }

    /// Both at once, the EPUB on a second core, from one parse of each article; false (nothing
    /// done) when there is no thread to be had.
    bool side_by_side(std::optional<Result<int>>& pages, std::optional<Result<Unit>>& epub_done) {
        SharedArticles shared(source_);
        SharedArticles::Reader for_pdf(shared, 0), for_epub(shared, 1);
        std::thread worker;
        try {
            worker = std::thread([&] {
                try {
                    epub_done.emplace(epub(for_epub));
                } catch (const std::exception& e) {
                    epub_done.emplace(make_error({epub_path_.string()}, e.what()));
                }
                for_epub.done();
            });
        } catch (const std::system_error&) {  // no thread to be had: one after the other
            return false;
        }
        pages.emplace(pdf(for_pdf));
        for_pdf.done();
        worker.join();
        return true;
    }

    /// The book's PDF and its print file, as asked, from one layout.
    Result<int> pdf(ArticleSource& articles) {
        std::vector<detail::PdfTarget> targets;
        if (options_.pdf) targets.push_back({pdf_path_, options_.pdf_options});
        if (options_.print_pdf) targets.push_back({print_path_, detail::print_options(options_)});
        return detail::write_collection_pdfs(collection_, articles, options_.style, targets, diags_,
                                             fonts(), &out.parts);
    }

    Result<Unit> epub(ArticleSource& articles) {
        return write_collection_epub(collection_, articles, options_.style, epub_path_,
                                     options_.epub_options, fonts());
    }

    std::shared_ptr<FontLibrary> fonts() const {
        return options_.fonts ? options_.fonts : FontLibrary::shared();
    }

    const Collection& collection_;
    const BatchOptions& options_;
    const std::string name_;
    const fs::path pdf_path_, epub_path_, print_path_;
    detail::Records records_;
    FileSource source_;
    Diagnostics diags_;
};

}  // namespace

CollectionOutcome run_collection(const Collection& collection, const BatchOptions& options) {
    const auto t0 = std::chrono::steady_clock::now();
    BookRun book(collection, options);
    book.make();
    book.out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return std::move(book.out);
}

}  // namespace quire::inline v0

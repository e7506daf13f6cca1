// api/collection: the public collection calls (include/quire/collection.hpp) over
// layout/anthology and epub::build_collection.
#include "api/impl.hpp"
#include "api/records.hpp"
#include "base/utf8.hpp"

#include <quire/batch.hpp>
#include <quire/collection.hpp>

#include "base/limits.hpp"
#include "base/sha256.hpp"
#include "epub/epub.hpp"
#include "import/manifest.hpp"
#include "layout/anthology.hpp"
#include "pdf/writer.hpp"

#include <array>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <system_error>
#include <thread>

namespace quire::inline v0 {

// The manifest: its file read here, its YAML parsed by import/manifest.
Result<Collection> read_collection(const std::filesystem::path& manifest) {
    return read_collection(manifest, {});
}

Result<Collection> read_collection(const std::filesystem::path& manifest,
                                   const std::vector<std::filesystem::path>& allowed_paths) {
    const std::string file = manifest.string();
    std::ifstream in(manifest, std::ios::binary);
    if (!in) return make_error({file}, std::string("cannot read: ") + std::strerror(errno));
    std::stringstream ss;
    ss << in.rdbuf();
    return import::parse_manifest(ss.str(), manifest, allowed_paths);
}

namespace {

/// Front-matter text as the book prints it: well-formed UTF-8 without control characters
/// (a title defaulted from a folder name in another encoding, a library caller's bytes).
std::string front_text(const std::string& s) {
    return utf8::without_controls(s);
}

std::vector<std::string> texts(const std::vector<std::string>& v) {
    std::vector<std::string> out;
    for (const auto& s : v) out.push_back(front_text(s));
    return out;
}

/// The language most heads are in (ties: the first's).
std::string most_common_lang(const std::vector<ArticleHead>& heads) {
    std::map<std::string, std::size_t> count;
    for (const auto& a : heads) ++count[a.lang];
    std::string best = heads.empty() ? std::string("en") : heads.front().lang;
    std::size_t n = count[best];
    for (const auto& [lang, k] : count)
        if (k > n) {
            best = lang;
            n = k;
        }
    return best.empty() ? "en" : best;
}

/// The front matter's language: the collection's, else its articles' most common.
std::string front_lang(const Collection& c, const std::vector<ArticleHead>& heads) {
    return c.lang.empty() ? most_common_lang(heads) : c.lang;
}

/// An article standing for the collection where the single-article calls want one (the
/// timestamp from its date, the Document's article()).
Article stand_in(const Collection& c, const std::vector<ArticleHead>& heads) {
    Article a;
    a.source = c.source.string();
    a.title = front_text(c.title);
    a.lang = front_lang(c, heads);
    a.date = front_text(c.date);
    a.authors = texts(c.editors);
    return a;
}

/// What makes a collection impossible to typeset or write: a bad style, no title, no articles.
std::optional<Diagnostic> precheck(const Collection& c, std::size_t articles, const Style& style) {
    const std::string where = c.source.string();
    if (auto bad = detail::check_style(style); !bad.empty())
        return make_error({where}, "style '" + style.name + "': " + bad);
    if (c.title.empty()) return make_error({where}, "the collection has no title");
    if (articles == 0) return make_error({where}, "the collection has no articles");
    return std::nullopt;
}

/// The book's front matter as layout takes it.
layout::CollectionFront front_of(const Collection& collection,
                                 const std::vector<ArticleHead>& heads) {
    layout::CollectionFront front;
    front.title = front_text(collection.title);
    front.subtitle = front_text(collection.subtitle);
    front.editors = texts(collection.editors);
    front.date = front_text(collection.date);
    front.lang = front_lang(collection, heads);
    front.source = collection.source;
    return front;
}

/// The style with the library's fonts, or why the collection cannot be set with it.
Result<Style> book_style(const Collection& collection, std::size_t articles, const Style& given,
                         FontLibrary& fonts) {
    if (auto bad = precheck(collection, articles, given)) return *bad;
    Style style = detail::resolve_fonts(given, quire::detail::impl(fonts).book);
    if (quire::detail::impl(fonts).book.chain(style.body.chain, {}).empty())
        return make_error({collection.source.string()},
                          "no font of the fallback chain '" + style.body.chain +
                              "' is installed (Debian: apt-get install fonts-noto-core)");
    return style;
}

/// Articles in memory as a source.
class VectorSource : public ArticleSource {
public:
    explicit VectorSource(const std::vector<Article>& articles) : articles_(articles) {}
    std::size_t size() const override { return articles_.size(); }
    ArticleHead head(std::size_t i) const override { return ArticleHead::of(articles_.at(i)); }
    Result<const Article*> article(std::size_t i) override { return &articles_.at(i); }

private:
    const std::vector<Article>& articles_;
};

/// Thrown through layout and the EPUB writer when the source fails to give an article.
struct SourceFailed {
    Diagnostic error;
};

/// The source's heads, with the text the book prints of them cleaned.
std::vector<ArticleHead> heads_of(const ArticleSource& source) {
    std::vector<ArticleHead> heads;
    heads.reserve(source.size());
    for (std::size_t i = 0; i < source.size(); ++i) heads.push_back(source.head(i));
    return heads;
}

/// Article i of the source, or SourceFailed.
const Article& load(ArticleSource& source, std::size_t i) {
    auto a = source.article(i);
    if (!a) throw SourceFailed{a.error()};
    if (!*a) throw SourceFailed{make_error({}, "article " + std::to_string(i + 1) + " is missing")};
    return **a;
}

layout::BookArticles book_articles(ArticleSource& source, const std::vector<ArticleHead>& heads) {
    layout::BookArticles b;
    for (const auto& h : heads) b.heads.push_back({h.title, h.authors, h.lang});
    b.load = [&source](std::size_t i) -> const Article& { return load(source, i); };
    return b;
}

void copy_parts(const std::vector<layout::CollectionPart>& placed,
                std::vector<CollectionPart>* parts) {
    if (!parts) return;
    parts->clear();
    for (const auto& p : placed) parts->push_back({p.first_page, p.page_count});
}

/// Hands each page of the book to the PDF writer as layout makes it; stops layout (by
/// throwing Stopped) at the writer's first failure.
class WriterSink : public layout::PageSink {
public:
    struct Stopped {};
    explicit WriterSink(pdf::DocumentWriter& w) : w_(w) {}
    void page(std::size_t index, const layout::Page& page,
              const layout::PagedDocument& doc) override {
        check(w_.page(index, page, doc));
    }
    void structure_done(const layout::Structure& structure, std::size_t first) override {
        check(w_.structure_done(structure, first));
    }
    std::optional<Diagnostic> error;

private:
    void check(const Result<Unit>& ok) {
        if (ok) return;
        error = ok.error();
        throw Stopped{};
    }
    pdf::DocumentWriter& w_;
};

}  // namespace

ArticleHead ArticleHead::of(const Article& article) {
    return {article.title, article.authors, article.lang};
}

std::string common_language(const std::vector<Article>& articles) {
    std::vector<ArticleHead> heads;
    for (const auto& a : articles) heads.push_back(ArticleHead::of(a));
    return most_common_lang(heads);
}

Result<Document> typeset_collection(const Collection& collection,
                                    const std::vector<Article>& articles, const Style& given,
                                    Diagnostics& diags, std::shared_ptr<FontLibrary> fonts,
                                    std::vector<CollectionPart>* parts) {
    const std::string where = collection.source.string();
    try {
        if (!fonts) fonts = FontLibrary::shared();
        auto style = book_style(collection, articles.size(), given, *fonts);
        if (!style) return style.error();
        VectorSource source(articles);
        const auto heads = heads_of(source);
        auto impl = std::make_shared<Document::Impl>();
        impl->article = stand_in(collection, heads);
        impl->fonts = fonts;
        std::vector<layout::CollectionPart> placed;
        impl->pages =
            layout::typeset_collection(front_of(collection, heads), book_articles(source, heads),
                                       *style, quire::detail::impl(*fonts).book, diags, &placed);
        copy_parts(placed, parts);
        return detail::Access::make(std::move(impl));
    } catch (const std::exception& e) {
        return make_error({where}, std::string("layout failed: ") + e.what());
    }
}

Result<int> write_collection_pdf(const Collection& collection, ArticleSource& articles,
                                 const Style& given, const std::filesystem::path& path,
                                 Diagnostics& diags, const PdfOptions& options,
                                 std::shared_ptr<FontLibrary> fonts,
                                 std::vector<CollectionPart>* parts) {
    const std::string where = collection.source.string();
    try {
        if (!fonts) fonts = FontLibrary::shared();
        auto style = book_style(collection, articles.size(), given, *fonts);
        if (!style) return style.error();
        const auto heads = heads_of(articles);
        pdf::WriteOptions wo;
        wo.timestamp = detail::resolve_timestamp(options.timestamp, stand_in(collection, heads));
        wo.producer =
            options.producer.empty() ? "quire " + std::string(version()) : options.producer;
        wo.source = where;
        wo.standard = options.standard.value_or(style->pdf_standard);
        wo.bleed = style->bleed;
        detail::AtomicFile file(path);
        if (auto bad = file.error()) return *bad;
        pdf::DocumentWriter writer([&](std::string_view bytes) { file.write(bytes); }, wo);
        WriterSink sink(writer);
        std::vector<layout::CollectionPart> placed;
        layout::PagedDocument doc;
        try {
            doc = layout::typeset_collection(
                front_of(collection, heads), book_articles(articles, heads), *style,
                quire::detail::impl(*fonts).book, diags, &placed, &sink);
        } catch (const WriterSink::Stopped&) {
            return *sink.error;
        } catch (const SourceFailed& f) {
            return f.error;
        }
        if (auto ok = writer.finish(doc); !ok) return ok.error();
        if (auto ok = file.commit(); !ok) return ok.error();
        copy_parts(placed, parts);
        return static_cast<int>(doc.pages.size());
    } catch (const detail::LimitExceeded& e) {
        return make_error({where}, e.what());
    } catch (const std::exception& e) {
        return make_error({where}, std::string("layout failed: ") + e.what());
    }
}

Result<int> write_collection_pdf(const Collection& collection, const std::vector<Article>& articles,
                                 const Style& given, const std::filesystem::path& path,
                                 Diagnostics& diags, const PdfOptions& options,
                                 std::shared_ptr<FontLibrary> fonts,
                                 std::vector<CollectionPart>* parts) {
    VectorSource source(articles);
    return write_collection_pdf(collection, source, given, path, diags, options, std::move(fonts),
                                parts);
}

namespace {

/// Writes the collection's EPUB to `sink` as it is made.
Result<Unit> stream_collection_epub(const Collection& collection, ArticleSource& articles,
                                    const Style& given, const EpubOptions& options,
                                    std::shared_ptr<FontLibrary> fonts,
                                    const std::function<void(std::string_view)>& sink) {
    const std::string where = collection.source.string();
    try {
        if (auto bad = precheck(collection, articles.size(), given)) return *bad;
        if (!fonts) fonts = FontLibrary::shared();
        const Style style = detail::resolve_fonts(given, quire::detail::impl(*fonts).book);
        const auto heads = heads_of(articles);
        // The same front matter as the PDF's.
        const layout::CollectionFront front = front_of(collection, heads);
        epub::CollectionInfo info;
        info.title = front.title;
        info.subtitle = front.subtitle;
        info.editors = front.editors;
        info.date = front.date;
        info.lang = front.lang;
        epub::Settings s;
        s.timestamp = detail::resolve_timestamp(options.timestamp, stand_in(collection, heads));
        s.identifier =
            options.identifier.empty() ? front_text(collection.identifier) : options.identifier;
        s.fonts = detail::font_embedding(options.fonts);
        epub::write_collection(
            info, articles.size(),
            [&](std::size_t i) -> const Article& { return load(articles, i); }, style,
            quire::detail::impl(*fonts).book, s, sink);
        return Unit{};
    } catch (const SourceFailed& f) {
        return f.error;
    } catch (const std::exception& e) {
        return make_error({where}, std::string("EPUB writer failed: ") + e.what());
    }
}

}  // namespace

Result<std::string> write_collection_epub(const Collection& collection,
                                          const std::vector<Article>& articles, const Style& given,
                                          const EpubOptions& options,
                                          std::shared_ptr<FontLibrary> fonts) {
    VectorSource source(articles);
    std::string out;
    auto ok = stream_collection_epub(collection, source, given, options, std::move(fonts),
                                     [&](std::string_view bytes) { out += bytes; });
    if (!ok) return ok.error();
    return out;
}

Result<Unit> write_collection_epub(const Collection& collection, ArticleSource& articles,
                                   const Style& style, const std::filesystem::path& path,
                                   const EpubOptions& options, std::shared_ptr<FontLibrary> fonts) {
    try {
        detail::AtomicFile file(path);
        if (auto bad = file.error()) return *bad;
        auto ok = stream_collection_epub(collection, articles, style, options, std::move(fonts),
                                         [&](std::string_view bytes) { file.write(bytes); });
        if (!ok) return ok.error();
        return file.commit();
    } catch (const std::exception& e) {
        return make_error({path.string()}, std::string("cannot write output file: ") + e.what());
    }
}

Result<Unit> write_collection_epub(const Collection& collection,
                                   const std::vector<Article>& articles, const Style& style,
                                   const std::filesystem::path& path, const EpubOptions& options,
                                   std::shared_ptr<FontLibrary> fonts) {
    VectorSource source(articles);
    return write_collection_epub(collection, source, style, path, options, std::move(fonts));
}

void detail::write_json(json::Writer& w, const CollectionOutcome& o) {
    w.begin_object().key("status").string(to_string(o.status));
    std::vector<std::string> outputs;
    for (const auto& p : o.outputs) outputs.push_back(p.string());
    w.texts("outputs", outputs).key("pages").number(o.pages);
    w.key("articles").begin_array();
    for (const auto& part : o.parts) {
        w.begin_object().key("first_page").number(part.first_page + 1);
        w.key("page_count").number(part.page_count).end_object();
    }
    w.end_array().key("warnings").begin_array();
    for (const auto& d : o.warnings) detail::write_json(w, d);
    w.end_array().key("errors").begin_array();
    for (const auto& d : o.errors) detail::write_json(w, d);
    w.end_array().key("seconds").number(o.seconds, 3).end_object();
}

std::string collection_report_json(const CollectionOutcome& o) {
    json::Writer w;
    detail::write_json(w, o);
    return w.str();
}

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

}  // namespace

CollectionOutcome run_collection(const Collection& collection, const BatchOptions& options) {
    namespace fs = std::filesystem;
    const auto t0 = std::chrono::steady_clock::now();
    CollectionOutcome out;
    auto finish = [&]() -> CollectionOutcome {
        out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        return std::move(out);
    };
    auto fail = [&](Diagnostic d) {
        out.status = BatchStatus::failed;
        out.errors.push_back(std::move(d));
        return finish();
    };
    const std::string name = collection_file_name(collection);
    const fs::path pdf_path = options.output_dir / (name + ".pdf");
    const fs::path epub_path = options.output_dir / (name + ".epub");
    // The book's record is a line of the batch's journal (api/records.hpp), under its name.
    detail::Records records(options.output_dir / ".quire" / "records");
    records.load();
    // The book's file names are reserved (BatchOptions::reserved_slugs): one an article holds
    // (built before the name was reserved, e.g. by shards before a book named otherwise than
    // "anthology") is not written over.
    if (detail::article_recorded(options.output_dir, name))
        return fail(make_error(
            {(options.pdf ? pdf_path : epub_path).string()},
            "this is the output of the article '" + name +
                "' (recorded in .quire/records), not written over: name the book otherwise, "
                "or make it with its articles (quire build --anthology), which renames that "
                "article '" +
                name + "-2'"));

    // Every source is read and hashed, not kept: the book reads each again when it needs
    // it (FileSource), so that it holds one article at a time.
    Sha256 h;
    h.update(detail::batch_common_key(options));
    hash_field(h, "title", collection.title);
    hash_field(h, "subtitle", collection.subtitle);
    for (const auto& e : collection.editors) hash_field(h, "editor", e);
    hash_field(h, "date", collection.date);
    hash_field(h, "lang", collection.lang);
    hash_field(h, "identifier", collection.identifier);
    FileSource source(collection.articles, options.read);
    for (std::size_t i = 0; i < collection.articles.size(); ++i) {
        const auto& p = collection.articles[i];
        auto bytes = read_article_bytes(p, options.read.limits);
        if (!bytes) {
            out.errors.push_back(bytes.error());
            continue;
        }
        const auto digest = Sha256().update(*bytes).digest();
        hash_field(h, "article", p.string());
        hash_field(h, "source",
                   std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
        source.know(i, digest);
    }
    if (!out.errors.empty()) return finish();
    const std::string hash = h.hex();

    std::error_code ec;
    fs::create_directories(options.output_dir, ec);
    if (ec)
        return fail(make_error({options.output_dir.string()},
                               "cannot create the output folder: " + ec.message()));
    // The record names the size of each output, as an article's does: a book cut short (a
    // crash before the data reached the disk), replaced or missing is made again.
    auto size_of = [](bool made, const fs::path& p) {
        if (!made) return std::string("-");
        std::error_code ec2;
        const auto n = fs::file_size(p, ec2);
        return ec2 ? std::string("missing") : std::to_string(n);
    };
    const detail::Records::Entry* old = records.find(name);
    if (!options.force && old && old->book() && old->hash == hash &&
        old->pdf == size_of(options.pdf, pdf_path) &&
        old->epub == size_of(options.epub, epub_path)) {
        out.status = BatchStatus::skipped;
        out.pages = old->pages;
        if (options.pdf) out.outputs.push_back(pdf_path);
        if (options.epub) out.outputs.push_back(epub_path);
        return finish();
    }
    // The outputs change from here: the old record no longer holds.
    if (old && old->hash != "-")
        if (auto ok = records.append(name, detail::Records::tombstone()); !ok)
            return fail(ok.error());
    // The stamp file of quire 0.2 and earlier, replaced by the journal's line.
    fs::remove(options.output_dir / ".quire" / (name + ".collection.sha256"), ec);

    // Each article parsed for its head (the contents) and its warnings, then dropped.
    Diagnostics diags;
    for (std::size_t i = 0; i < collection.articles.size(); ++i)
        if (auto a = source.parse(i, diags); !a) out.errors.push_back(a.error());
    for (const auto& d : diags.all()) out.warnings.push_back(d);
    diags.clear();
    if (!out.errors.empty()) return finish();

    // Cancellation and progress hold for the book (not the page and time limits, which are
    // for one article); the PDF is laid out and written on this thread.
    Limits controls;
    controls.pages = 0;
    controls.cancel = options.read.limits.cancel;
    controls.on_progress = options.read.limits.on_progress;
    const detail::LimitScope scope(controls);
    auto fonts = options.fonts ? options.fonts : FontLibrary::shared();
    auto pdf = [&](ArticleSource& articles) {
        return write_collection_pdf(collection, articles, options.style, pdf_path, diags,
                                    options.pdf_options, fonts, &out.parts);
    };
    auto epub = [&](ArticleSource& articles) {
        return write_collection_epub(collection, articles, options.style, epub_path,
                                     options.epub_options, fonts);
    };
    std::optional<Result<int>> pages;
    std::optional<Result<Unit>> epub_done;
    const unsigned jobs = options.jobs ? options.jobs : std::thread::hardware_concurrency();
    bool side_by_side = options.pdf && options.epub && jobs > 1;
    if (side_by_side) {
        // Both at once, the EPUB on a second core, from one parse of each article.
        SharedArticles shared(source);
        SharedArticles::Reader for_pdf(shared, 0), for_epub(shared, 1);
        std::thread worker;
        try {
            worker = std::thread([&] {
                try {
                    epub_done.emplace(epub(for_epub));
                } catch (const std::exception& e) {
                    epub_done.emplace(make_error({epub_path.string()}, e.what()));
                }
                for_epub.done();
            });
        } catch (const std::system_error&) {  // no thread to be had: one after the other
            side_by_side = false;
        }
        if (side_by_side) {
            pages.emplace(pdf(for_pdf));
            for_pdf.done();
            worker.join();
        }
    }
    if (!side_by_side) {
        if (options.pdf) pages.emplace(pdf(source));
        if (options.epub && (!pages || *pages)) epub_done.emplace(epub(source));
    }
    if (pages && !*pages) return fail(pages->error());
    if (epub_done && !*epub_done) return fail(epub_done->error());
    if (pages) {
        out.pages = **pages;
        out.outputs.push_back(pdf_path);
    }
    if (epub_done) out.outputs.push_back(epub_path);
    for (const auto& d : diags.all()) out.warnings.push_back(d);
    detail::Records::Entry entry;
    entry.hash = hash;
    entry.pages = out.pages;
    entry.pdf = size_of(options.pdf, pdf_path);
    entry.epub = size_of(options.epub, epub_path);
    entry.source = std::string(detail::Records::kBookSource);
    if (auto ok = records.append(name, entry); !ok) return fail(ok.error());
    out.status = BatchStatus::converted;
    return finish();
}

}  // namespace quire::inline v0

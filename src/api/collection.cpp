// api/collection: the public collection calls (include/quire/collection.hpp) over
// layout/anthology and epub::build_collection; the book of a batch, run_collection(), is
// collection_run.cpp.
#include "api/batch_parts.hpp"
#include "api/impl.hpp"
#include "base/result.hpp"
#include "base/utf8.hpp"

#include <quire/collection.hpp>

#include "base/limits.hpp"
#include "epub/epub.hpp"
#include "import/manifest.hpp"
#include "layout/anthology.hpp"
#include "layout/finish.hpp"
#include "pdf/writer.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>

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
    try {
        return import::parse_manifest(ss.str(), manifest, allowed_paths);
    } catch (const std::exception& e) {  // std::bad_alloc: yaml-cpp's own errors are import's
        return make_error({file}, std::string("cannot read the manifest: ") + e.what());
    }
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
Result<Unit> precheck(const Collection& c, std::size_t articles, const Style& style) {
    const std::string where = c.source.string();
    QUIRE_TRY(detail::check_style(style, {where}));
    if (c.title.empty()) return make_error({where}, "the collection has no title");
    if (articles == 0) return make_error({where}, "the collection has no articles");
    return Unit{};
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
    QUIRE_TRY(precheck(collection, articles, given));
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

/// Thrown through layout and the EPUB writer when the source fails to give an article: their
/// callback for the next article returns a reference, and throws to stop the book
/// (layout::BookArticles::load). Caught in this file, at the calls that take it.
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
/// Gives each page, as it is set, to every writer (a book's accessible PDF and its print file
/// from one layout).
class WriterSink : public layout::PageSink {
public:
    struct Stopped {};
    explicit WriterSink(std::vector<pdf::DocumentWriter*> w) : w_(std::move(w)) {}
    void page(std::size_t index, const layout::Page& page,
              const layout::PagedDocument& doc) override {
        for (auto* w : w_) check(w->page(index, page, doc));
    }
    void structure_done(const layout::Structure& structure, std::size_t first) override {
        for (auto* w : w_) check(w->structure_done(structure, first));
    }
    std::optional<Diagnostic> error;

private:
    void check(const Result<Unit>& ok) {
        if (ok) return;
        error = ok.error();
        throw Stopped{};
    }
    std::vector<pdf::DocumentWriter*> w_;
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

Result<int> detail::write_collection_pdfs(const Collection& collection, ArticleSource& articles,
                                          const Style& given, const std::vector<PdfTarget>& targets,
                                          Diagnostics& diags, std::shared_ptr<FontLibrary> fonts,
                                          std::vector<CollectionPart>* parts) {
    const std::string where = collection.source.string();
    try {
        if (!fonts) fonts = FontLibrary::shared();
        auto style = book_style(collection, articles.size(), given, *fonts);
        if (!style) return style.error();
        const auto heads = heads_of(articles);
        // A file and a writer per target, each page given to all of them as it is set.
        std::vector<std::unique_ptr<detail::AtomicFile>> files;
        std::vector<std::unique_ptr<pdf::DocumentWriter>> writers;
        std::vector<pdf::DocumentWriter*> all;
        for (const PdfTarget& t : targets) {
            pdf::WriteOptions wo;
            wo.timestamp =
                detail::resolve_timestamp(t.options.timestamp, stand_in(collection, heads));
            wo.producer =
                t.options.producer.empty() ? "quire " + std::string(version()) : t.options.producer;
            wo.source = where;
            wo.standard = t.options.standard.value_or(style->pdf_standard);
            wo.bleed = style->bleed;
            wo.print = layout::print_settings(*style);
            auto& file = files.emplace_back(std::make_unique<detail::AtomicFile>(t.path));
            if (auto bad = file->error()) return *bad;
            writers.push_back(std::make_unique<pdf::DocumentWriter>(
                [f = file.get()](std::string_view bytes) { f->write(bytes); }, wo));
            all.push_back(writers.back().get());
        }
        WriterSink sink(all);
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
        for (auto& w : writers)
            if (auto ok = w->finish(doc); !ok) return ok.error();
        for (auto& f : files)
            if (auto ok = f->commit(); !ok) return ok.error();
        copy_parts(placed, parts);
        return static_cast<int>(doc.pages.size());
    } catch (const detail::LimitExceeded& e) {
        return make_error({where}, e.what());
    } catch (const std::exception& e) {
        return make_error({where}, std::string("layout failed: ") + e.what());
    }
}

Result<int> write_collection_pdf(const Collection& collection, ArticleSource& articles,
                                 const Style& given, const std::filesystem::path& path,
                                 Diagnostics& diags, const PdfOptions& options,
                                 std::shared_ptr<FontLibrary> fonts,
                                 std::vector<CollectionPart>* parts) {
    return detail::write_collection_pdfs(collection, articles, given, {{path, options}}, diags,
                                         std::move(fonts), parts);
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
        QUIRE_TRY(precheck(collection, articles.size(), given));
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
        info.source = where;
        epub::Settings s;
        s.timestamp = detail::resolve_timestamp(options.timestamp, stand_in(collection, heads));
        s.identifier =
            options.identifier.empty() ? front_text(collection.identifier) : options.identifier;
        s.fonts = detail::font_embedding(options.fonts);
        return epub::stream_collection(
            info, articles.size(),
            [&](std::size_t i) -> const Article& { return load(articles, i); }, style,
            quire::detail::impl(*fonts).book, s, sink);
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

}  // namespace quire::inline v0

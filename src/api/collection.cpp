// api/collection: the public collection calls (include/quire/collection.hpp) over
// layout/anthology and epub::build_collection.
#include "api/impl.hpp"
#include "base/utf8.hpp"

#include <quire/batch.hpp>
#include <quire/collection.hpp>

#include "base/limits.hpp"
#include "base/sha256.hpp"
#include "epub/epub.hpp"
#include "layout/anthology.hpp"
#include "pdf/writer.hpp"

#include <chrono>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

namespace quire {

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

/// The front matter's language: the collection's, else its articles' most common.
std::string front_lang(const Collection& c, const std::vector<Article>& articles) {
    return c.lang.empty() ? common_language(articles) : c.lang;
}

/// An article standing for the collection where the single-article calls want one (the
/// timestamp from its date, the Document's article()).
Article stand_in(const Collection& c, const std::vector<Article>& articles) {
    Article a;
    a.source = c.source.string();
    a.title = front_text(c.title);
    a.lang = front_lang(c, articles);
    a.date = front_text(c.date);
    a.authors = texts(c.editors);
    return a;
}

/// What makes a collection impossible to typeset or write: a bad style, no title, no articles.
std::optional<Diagnostic> precheck(const Collection& c, const std::vector<Article>& articles,
                                   const Style& style) {
    const std::string where = c.source.string();
    if (auto bad = detail::check_style(style); !bad.empty())
        return make_error({where}, "style '" + style.name + "': " + bad);
    if (c.title.empty()) return make_error({where}, "the collection has no title");
    if (articles.empty()) return make_error({where}, "the collection has no articles");
    return std::nullopt;
}

}  // namespace

std::string common_language(const std::vector<Article>& articles) {
    std::map<std::string, std::size_t> count;
    for (const auto& a : articles) ++count[a.lang];
    std::string best = articles.empty() ? std::string("en") : articles.front().lang;
    std::size_t n = count[best];
    for (const auto& [lang, k] : count)
        if (k > n) {
            best = lang;
            n = k;
        }
    return best.empty() ? "en" : best;
}

namespace {

/// The book's front matter as layout takes it.
layout::CollectionFront front_of(const Collection& collection,
                                 const std::vector<Article>& articles) {
    layout::CollectionFront front;
    front.title = front_text(collection.title);
    front.subtitle = front_text(collection.subtitle);
    front.editors = texts(collection.editors);
    front.date = front_text(collection.date);
    front.lang = front_lang(collection, articles);
    front.source = collection.source;
    return front;
}

/// The style with the library's fonts, or why the collection cannot be set with it.
Result<Style> book_style(const Collection& collection, const std::vector<Article>& articles,
                         const Style& given, FontLibrary& fonts) {
    if (auto bad = precheck(collection, articles, given)) return *bad;
    Style style = detail::resolve_fonts(given, fonts.impl().book);
    if (fonts.impl().book.chain(style.body.chain, {}).empty())
        return make_error({collection.source.string()},
                          "no font of the fallback chain '" + style.body.chain +
                              "' is installed (Debian: apt-get install fonts-noto-core)");
    return style;
}

std::vector<const Article*> pointers(const std::vector<Article>& articles) {
    std::vector<const Article*> ptrs;
    for (const auto& a : articles) ptrs.push_back(&a);
    return ptrs;
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
              const layout::Structure& structure) override {
        if (auto ok = w_.page(index, page, structure); !ok) {
            error = ok.error();
            throw Stopped{};
        }
    }
    std::optional<Diagnostic> error;

private:
    pdf::DocumentWriter& w_;
};

}  // namespace

Result<Document> typeset_collection(const Collection& collection,
                                    const std::vector<Article>& articles, const Style& given,
                                    Diagnostics& diags, std::shared_ptr<FontLibrary> fonts,
                                    std::vector<CollectionPart>* parts) {
    const std::string where = collection.source.string();
    try {
        if (!fonts) fonts = FontLibrary::shared();
        auto style = book_style(collection, articles, given, *fonts);
        if (!style) return style.error();
        auto impl = std::make_shared<Document::Impl>();
        impl->article = stand_in(collection, articles);
        impl->fonts = fonts;
        std::vector<layout::CollectionPart> placed;
        impl->pages = layout::typeset_collection(front_of(collection, articles), pointers(articles),
                                                 *style, fonts->impl().book, diags, &placed);
        copy_parts(placed, parts);
        return Document(std::move(impl));
    } catch (const std::exception& e) {
        return make_error({where}, std::string("layout failed: ") + e.what());
    }
}

Result<int> write_collection_pdf(const Collection& collection, const std::vector<Article>& articles,
                                 const Style& given, const std::filesystem::path& path,
                                 Diagnostics& diags, const PdfOptions& options,
                                 std::shared_ptr<FontLibrary> fonts,
                                 std::vector<CollectionPart>* parts) {
    const std::string where = collection.source.string();
    try {
        if (!fonts) fonts = FontLibrary::shared();
        auto style = book_style(collection, articles, given, *fonts);
        if (!style) return style.error();
        pdf::WriteOptions wo;
        wo.timestamp = detail::resolve_timestamp(options.timestamp, stand_in(collection, articles));
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
            doc = layout::typeset_collection(front_of(collection, articles), pointers(articles),
                                             *style, fonts->impl().book, diags, &placed, &sink);
        } catch (const WriterSink::Stopped&) {
            return *sink.error;
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

Result<std::string> write_collection_epub(const Collection& collection,
                                          const std::vector<Article>& articles, const Style& given,
                                          const EpubOptions& options,
                                          std::shared_ptr<FontLibrary> fonts) {
    const std::string where = collection.source.string();
    try {
        if (auto bad = precheck(collection, articles, given)) return *bad;
        if (!fonts) fonts = FontLibrary::shared();
        const Style style = detail::resolve_fonts(given, fonts->impl().book);
        // The same front matter as the PDF's.
        const layout::CollectionFront front = front_of(collection, articles);
        epub::CollectionInfo info;
        info.title = front.title;
        info.subtitle = front.subtitle;
        info.editors = front.editors;
        info.date = front.date;
        info.lang = front.lang;
        epub::Settings s;
        s.timestamp = detail::resolve_timestamp(options.timestamp, stand_in(collection, articles));
        s.identifier =
            options.identifier.empty() ? front_text(collection.identifier) : options.identifier;
        s.fonts = detail::font_embedding(options.fonts);
        std::vector<const Article*> ptrs;
        for (const auto& a : articles) ptrs.push_back(&a);
        return epub::build_collection(info, ptrs, style, fonts->impl().book, s);
    } catch (const std::exception& e) {
        return make_error({where}, std::string("EPUB writer failed: ") + e.what());
    }
}

Result<Unit> write_collection_epub(const Collection& collection,
                                   const std::vector<Article>& articles, const Style& style,
                                   const std::filesystem::path& path, const EpubOptions& options,
                                   std::shared_ptr<FontLibrary> fonts) {
    try {
        auto bytes = write_collection_epub(collection, articles, style, options, std::move(fonts));
        if (!bytes) return bytes.error();
        return write_file_atomically(path, *bytes);
    } catch (const std::exception& e) {
        return make_error({path.string()}, std::string("cannot write output file: ") + e.what());
    }
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
    const fs::path stamp_path = options.output_dir / ".quire" / (name + ".collection.sha256");
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

    // Every source, read once: hashed and parsed from the same bytes.
    Sha256 h;
    h.update(detail::batch_common_key(options));
    hash_field(h, "title", collection.title);
    hash_field(h, "subtitle", collection.subtitle);
    for (const auto& e : collection.editors) hash_field(h, "editor", e);
    hash_field(h, "date", collection.date);
    hash_field(h, "lang", collection.lang);
    hash_field(h, "identifier", collection.identifier);
    std::vector<std::string> sources;
    for (const auto& p : collection.articles) {
        auto bytes = read_article_bytes(p, options.read.limits);
        if (!bytes) {
            out.errors.push_back(bytes.error());
            sources.emplace_back();
            continue;
        }
        hash_field(h, "article", p.string());
        hash_field(h, "source", *bytes);
        sources.push_back(std::move(*bytes));
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
    //
    //     HASH\npages N\npdf BYTES\nepub BYTES\n    (BYTES "-" for a format not made)
    auto sizes = [&] {
        auto size_of = [](bool made, const fs::path& p) {
            if (!made) return std::string("-");
            std::error_code ec2;
            const auto n = fs::file_size(p, ec2);
            return ec2 ? std::string("missing") : std::to_string(n);
        };
        return "pdf " + size_of(options.pdf, pdf_path) + "\nepub " +
               size_of(options.epub, epub_path) + "\n";
    };
    if (!options.force) {
        std::ifstream in(stamp_path, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string stamp = ss.str();
        const std::string head = hash + "\npages ";
        const std::size_t nl = stamp.find('\n', head.size());
        if (stamp.rfind(head, 0) == 0 && nl != std::string::npos && nl > head.size() &&
            nl - head.size() < 10 && stamp.find_first_not_of("0123456789", head.size()) == nl &&
            stamp.compare(nl + 1, std::string::npos, sizes()) == 0) {
            out.status = BatchStatus::skipped;
            out.pages = std::stoi(stamp.substr(head.size(), nl - head.size()));
            if (options.pdf) out.outputs.push_back(pdf_path);
            if (options.epub) out.outputs.push_back(epub_path);
            return finish();
        }
    }
    fs::remove(stamp_path, ec);  // the outputs change from here: the old record no longer holds

    Diagnostics diags;
    std::vector<Article> articles;
    for (std::size_t i = 0; i < collection.articles.size(); ++i) {
        auto a = parse_article(sources[i], collection.articles[i], diags, options.read);
        std::string().swap(sources[i]);  // read once: not held beside the article
        if (!a) {
            out.errors.push_back(a.error());
            continue;
        }
        articles.push_back(std::move(*a));
    }
    for (const auto& d : diags.all()) out.warnings.push_back(d);
    diags.clear();
    if (!out.errors.empty()) return finish();

    auto fonts = options.fonts ? options.fonts : FontLibrary::shared();
    if (options.pdf) {
        auto pages = write_collection_pdf(collection, articles, options.style, pdf_path, diags,
                                          options.pdf_options, fonts, &out.parts);
        if (!pages) return fail(pages.error());
        out.pages = *pages;
        out.outputs.push_back(pdf_path);
    }
    if (options.epub) {
        auto ok = write_collection_epub(collection, articles, options.style, epub_path,
                                        options.epub_options, fonts);
        if (!ok) return fail(ok.error());
        out.outputs.push_back(epub_path);
    }
    for (const auto& d : diags.all()) out.warnings.push_back(d);
    fs::create_directories(stamp_path.parent_path(), ec);
    auto stamped = write_file_atomically(
        stamp_path, hash + "\npages " + std::to_string(out.pages) + "\n" + sizes());
    if (!stamped) return fail(stamped.error());
    out.status = BatchStatus::converted;
    return finish();
}

}  // namespace quire

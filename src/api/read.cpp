// api/read: the public calls that read an article (quire/quire.hpp): from a file or from
// memory, in the form its name says or the one given. The readers are import's; this is where
// the API is defined, so that the stages below define none of it.
//
// The readers return their errors as a Result. What may still unwind out of them (std::bad_alloc;
// any other exception would be a bug) is caught here, the library boundary, and becomes the
// error of the file being read.
#include "import/common.hpp"

#include <quire/quire.hpp>

#include <exception>
#include <new>

namespace quire::inline v0 {

namespace {

/// Runs f, turning an exception into an error in `file`: none crosses the public API.
template <class F>
auto guarded(const std::string& file, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const std::bad_alloc&) {
        return make_error({file}, "out of memory");
    } catch (const std::exception& e) {
        return make_error({file}, std::string("internal error: ") + e.what());
    } catch (...) {
        return make_error({file}, "internal error");
    }
}

/// parse_article() within the boundary: the read options checked, the reader the format names.
Result<Article> parse_unguarded(std::string_view data, ArticleFormat format,
                                const std::filesystem::path& path, Diagnostics& diags,
                                const ReadOptions& options) {
    for (const auto& [what, tag] :
         {std::pair{"lang", &options.lang}, std::pair{"bio_lang", &options.bio_lang}})
        if (!tag->empty() && !is_language_tag(*tag))
            return make_error({path.string()}, std::string("the read option ") + what + " '" +
                                                   *tag + "' is not a BCP 47 language tag");
    if (data.size() > options.limits.input_bytes)
        return import::too_large({path.string()}, options.limits);
    auto article = format == ArticleFormat::markdown
                       ? import::parse_markdown_article(data, path, diags, options)
                   : format == ArticleFormat::xml
                       ? import::parse_xml_article(data, path, diags, options)
                       : import::parse_text_article(data, path.string(), diags, options);
    // How many notes an article may hold (each note is a paragraph set and an element of the
    // PDF's structure): the first one past the limit is named.
    if (article && article->notes.size() > static_cast<std::size_t>(options.limits.notes)) {
        const Note& over = article->notes[static_cast<std::size_t>(options.limits.notes)];
        return make_error({path.string(), over.line},
                          "the article has " + std::to_string(article->notes.size()) +
                              " notes, more than " + std::to_string(options.limits.notes) + " (" +
                              limit_hint("notes", std::to_string(options.limits.notes)) + ")");
    }
    return article;
}

}  // namespace

Result<std::string> read_article_bytes(const std::filesystem::path& path) {
    return read_article_bytes(path, Limits{});
}

Result<std::string> read_article_bytes(const std::filesystem::path& path, const Limits& limits) {
    return guarded(path.string(), [&] { return import::read_bytes(path, limits); });
}

Result<Article> parse_text_article(std::string_view text, std::string name, Diagnostics& diags,
                                   const ReadOptions& options) {
    const std::string file = name;
    return guarded(
        file, [&] { return import::parse_text_article(text, std::move(name), diags, options); });
}

ArticleFormat article_format(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    for (char& c : ext)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return ext == ".md" || ext == ".markdown" ? ArticleFormat::markdown
           : ext == ".xml"                    ? ArticleFormat::xml
                                              : ArticleFormat::text;
}

Result<Article> parse_article(std::string_view data, const std::filesystem::path& path,
                              Diagnostics& diags, const ReadOptions& options) {
    return parse_article(data, article_format(path), path, diags, options);
}

Result<Article> parse_article(std::string_view data, ArticleFormat format,
                              const std::filesystem::path& path, Diagnostics& diags,
                              const ReadOptions& options) {
    return guarded(path.string(),
                   [&] { return parse_unguarded(data, format, path, diags, options); });
}

Result<Article> read_article(const std::filesystem::path& path, Diagnostics& diags,
                             const ReadOptions& options) {
    auto data = read_article_bytes(path, options.limits);
    if (!data) return data.error();
    return parse_article(*data, path, diags, options);
}

}  // namespace quire::inline v0

// api: the public entry points (include/quire/quire.hpp) over the pipeline stages.
//
// No exception crosses this boundary: every call catches what a stage may throw (allocation
// failures, PoDoFo errors) and returns it as an error Diagnostic.
#include "api/impl.hpp"

#include "base/limits.hpp"
#include "base/result.hpp"
#include "base/sha256.hpp"
#include "base/utc.hpp"

#include <quire/batch.hpp>
#include <quire/version.hpp>

#include "epub/epub.hpp"
#include "layout/article_layout.hpp"
#include "pdf/writer.hpp"

#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>

namespace quire::inline v0 {

std::string_view version() {
    return QUIRE_VERSION_STRING;
}

FontLibrary::FontLibrary() : FontLibrary(FontOptions{}) {}

FontLibrary::FontLibrary(FontOptions options) : impl_(std::make_unique<Impl>()) {
    impl_->book.load_chains(text::builtin_chains(), "fonts/fallback.conf");
    impl_->book.set_system_fonts(options.system_fonts);
    impl_->book.set_hyphenation_dir(options.hyphenation_dir.string());
    impl_->options = std::move(options);
}

FontLibrary::~FontLibrary() = default;

Result<std::shared_ptr<FontLibrary>> FontLibrary::from_chains(std::string_view chains,
                                                              std::string_view name,
                                                              FontOptions options) {
    try {
        auto lib = std::make_shared<FontLibrary>(std::move(options));
        std::string err = lib->impl_->book.load_chains(chains, name);
        if (!err.empty()) return make_error({std::string(name)}, err);
        lib->impl_->chains_key = sha256_hex(chains);
        return lib;
    } catch (const std::exception& e) {
        return make_error({std::string(name)}, e.what());
    }
}

Result<std::shared_ptr<FontLibrary>> FontLibrary::from_file(
    const std::filesystem::path& chains_file, FontOptions options) {
    std::ifstream in(chains_file, std::ios::binary);
    if (!in)
        return make_error({chains_file.string()},
                          std::string("cannot read: ") + std::strerror(errno));
    std::stringstream ss;
    ss << in.rdbuf();
    return from_chains(ss.str(), chains_file.string(), std::move(options));
}

Result<std::vector<std::string>> FontLibrary::add_font(std::string bytes, std::string_view name) {
    try {
        const std::string key = sha256_hex(bytes);
        auto shared = std::make_shared<const std::string>(std::move(bytes));
        std::vector<std::string> families;
        std::string err = impl_->book.add_font(shared, std::string(name), families);
        if (!err.empty()) return make_error({std::string(name)}, err);
        std::lock_guard lock(impl_->mu);
        impl_->font_keys.push_back(key);
        return families;
    } catch (const std::exception& e) {
        return make_error({std::string(name)}, e.what());
    }
}

Result<std::vector<std::string>> FontLibrary::add_font_file(const std::filesystem::path& file) {
    // A font file is read whole, as any font is: at most 256 MiB (a CJK collection is ~100).
    auto bytes = read_article_bytes(file);
    if (!bytes) return bytes.error();
    return add_font(std::move(*bytes), file.string());
}

Result<std::vector<FontLibrary::Chain>> FontLibrary::chains() const {
    // A letter of each script quire sets, to tell which scripts a face covers.
    static const std::pair<const char*, char32_t> kScripts[] = {
        {"Latin", U'A'},         {"Greek", U'\u03A9'},      {"Cyrillic", U'\u0416'},
        {"Armenian", U'\u0531'}, {"Georgian", U'\u10D0'},   {"Hebrew", U'\u05D0'},
        {"Arabic", U'\u0639'},   {"Devanagari", U'\u0915'}, {"Bengali", U'\u0995'},
        {"Gujarati", U'\u0A95'}, {"Gurmukhi", U'\u0A15'},   {"Tamil", U'\u0B95'},
        {"Telugu", U'\u0C15'},   {"Kannada", U'\u0C95'},    {"Malayalam", U'\u0D15'},
        {"Sinhala", U'\u0D9A'},  {"Thai", U'\u0E01'},       {"Lao", U'\u0E81'},
        {"Khmer", U'\u1780'},    {"Myanmar", U'\u1000'},    {"Ethiopic", U'\u12A0'},
        {"Tibetan", U'\u0F40'},  {"Hangul", U'\uD55C'},     {"Kana", U'\u3042'},
        {"Han", U'\u4E2D'},      {"Math", U'\u2211'},       {"Symbols", U'\u2600'}};
    try {
        std::vector<Chain> out;
        text::FontBook& book = impl_->book;
        for (const auto& c : book.chains()) {
            Chain chain{c.name, {}};
            for (const auto& fam : c.families) {
                Family f{fam, {}, {}};
                if (const text::Face* face = book.family(fam, {})) {
                    f.file = face->path();
                    for (const auto& [script, letter] : kScripts)
                        if (face->has_char(letter)) f.scripts.emplace_back(script);
                }
                chain.families.push_back(std::move(f));
            }
            out.push_back(std::move(chain));
        }
        return out;
    } catch (const std::exception& e) {
        return make_error({}, std::string("cannot list the fonts: ") + e.what());
    }
}

std::string FontLibrary::content_key() const {
    std::lock_guard lock(impl_->mu);
    std::string k = "chains=" + impl_->chains_key + "\n";
    for (const auto& f : impl_->font_keys) k += "font=" + f + "\n";
    k += std::string("system_fonts=") + (impl_->options.system_fonts ? "1" : "0") + "\n";
    k += "hyphenation_dir=" + impl_->options.hyphenation_dir.string() + "\n";
    return sha256_hex(k);
}

std::shared_ptr<FontLibrary> FontLibrary::shared() {
    static std::shared_ptr<FontLibrary> lib = std::make_shared<FontLibrary>();
    return lib;
}

int Document::page_count() const {
    return static_cast<int>(impl_->pages.pages.size());
}
const Article& Document::article() const {
    return impl_->article;
}

namespace detail {

// check_style() is in style_keys.cpp, from the table of style keys.

epub::FontEmbedding font_embedding(EpubFonts fonts) {
    return fonts == EpubFonts::embed  ? epub::FontEmbedding::always
           : fonts == EpubFonts::none ? epub::FontEmbedding::never
                                      : epub::FontEmbedding::automatic;
}

}  // namespace detail

using detail::check_style;
using detail::resolve_timestamp;

Result<Document> typeset(const Article& article, const Style& given, Diagnostics& diags,
                         std::shared_ptr<FontLibrary> fonts, const Limits& limits) {
    try {
        const detail::LimitScope scope(limits);
        QUIRE_TRY(check_style(given, {article.source}));
        if (!fonts) fonts = FontLibrary::shared();
        const Style style = detail::resolve_fonts(given, quire::detail::impl(*fonts).book);
        if (quire::detail::impl(*fonts).book.chain(style.body.chain, {}).empty())
            return make_error({article.source},
                              "no font of the fallback chain '" + style.body.chain +
                                  "' is installed (Debian: apt-get install fonts-noto-core)");
        auto impl = std::make_shared<Document::Impl>();
        impl->article = article;
        impl->fonts = fonts;
        impl->limits = limits;
        impl->pages =
            layout::typeset_article(impl->article, style, quire::detail::impl(*fonts).book, diags);
        return detail::Access::make(std::move(impl));
    } catch (const detail::LimitExceeded& e) {
        return make_error({article.source}, e.what());
    } catch (const std::exception& e) {
        return make_error({article.source}, std::string("layout failed: ") + e.what());
    }
}

namespace detail {

std::int64_t resolve_timestamp(const std::optional<std::int64_t>& given, const Article& a) {
    if (given) return *given;
    if (const char* sde = std::getenv("SOURCE_DATE_EPOCH"); sde && *sde) {
        char* end = nullptr;
        long long v = std::strtoll(sde, &end, 10);
        if (end && *end == '\0' && v >= 0) return v;
    }
    // The article's date (YYYY-MM-DD), at noon UTC.
    int y = 0, m = 0, d = 0;
    if (a.date.size() >= 10 && std::sscanf(a.date.c_str(), "%4d-%2d-%2d", &y, &m, &d) == 3 &&
        m >= 1 && m <= 12 && d >= 1 && d <= 31) {
        const std::int64_t days =
            utc::days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
        return days * 86400 + 12 * 3600;
    }
    return 946684800;  // 2000-01-01
}

}  // namespace detail

Result<std::string> write_pdf(const Document& doc, const PdfOptions& options) {
    try {
        const detail::LimitScope scope(quire::detail::impl(doc).limits);
        pdf::WriteOptions wo;
        wo.timestamp = resolve_timestamp(options.timestamp, doc.article());
        wo.producer =
            options.producer.empty() ? "quire " + std::string(version()) : options.producer;
        wo.source = doc.article().source;
        wo.standard = options.standard.value_or(quire::detail::impl(doc).pages.standard);
        return pdf::write_document(quire::detail::impl(doc).pages, wo);
    } catch (const detail::LimitExceeded& e) {
        return make_error({doc.article().source}, e.what());
    } catch (const std::exception& e) {
        return make_error({doc.article().source}, std::string("PDF writer failed: ") + e.what());
    }
}

namespace {

/// Creates the folders of `path` that are missing, as the CLI's -o does: write_pdf(doc,
/// "out/a.pdf") works in a fresh checkout. The error names the folder that could not be made.
Result<Unit> make_parent_folders(const std::filesystem::path& path) {
    const auto dir = path.parent_path();
    if (dir.empty()) return Unit{};
    std::error_code ec;
    if (std::filesystem::is_directory(dir, ec)) return Unit{};
    std::filesystem::create_directories(dir, ec);
    if (ec) return make_error({dir.string()}, "cannot create the output folder: " + ec.message());
    return Unit{};
}

}  // namespace

Result<Unit> write_pdf(const Document& doc, const std::filesystem::path& path,
                       const PdfOptions& options) {
    try {
        auto bytes = write_pdf(doc, options);
        if (!bytes) return bytes.error();
        if (auto made = make_parent_folders(path); !made) return made.error();
        return write_file_atomically(path, *bytes);
    } catch (const std::exception& e) {
        return make_error({path.string()}, std::string("cannot write output file: ") + e.what());
    }
}

Result<std::string> write_epub(const Article& article, const Style& given,
                               const EpubOptions& options, std::shared_ptr<FontLibrary> fonts) {
    try {
        QUIRE_TRY(check_style(given, {article.source}));
        if (!fonts) fonts = FontLibrary::shared();
        const Style style = detail::resolve_fonts(given, quire::detail::impl(*fonts).book);
        epub::Settings s;
        s.timestamp = resolve_timestamp(options.timestamp, article);
        s.identifier = options.identifier;
        s.fonts = detail::font_embedding(options.fonts);
        return epub::build(article, style, quire::detail::impl(*fonts).book, s);
    } catch (const detail::LimitExceeded& e) {
        return make_error({article.source}, e.what());
    } catch (const std::exception& e) {
        return make_error({article.source}, std::string("EPUB writer failed: ") + e.what());
    }
}

Result<Unit> write_epub(const Article& article, const Style& style,
                        const std::filesystem::path& path, const EpubOptions& options,
                        std::shared_ptr<FontLibrary> fonts) {
    try {
        auto bytes = write_epub(article, style, options, std::move(fonts));
        if (!bytes) return bytes.error();
        if (auto made = make_parent_folders(path); !made) return made.error();
        return write_file_atomically(path, *bytes);
    } catch (const std::exception& e) {
        return make_error({path.string()}, std::string("cannot write output file: ") + e.what());
    }
}

}  // namespace quire::inline v0

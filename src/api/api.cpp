// api: the public entry points (include/quire/quire.hpp) over the pipeline stages.
//
// No exception crosses this boundary: every call catches what a stage may throw (allocation
// failures, PoDoFo errors) and returns it as an error Diagnostic.
#include "api/impl.hpp"

#include "base/limits.hpp"
#include "base/utc.hpp"

#include <quire/batch.hpp>

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

FontLibrary::FontLibrary() : impl_(std::make_unique<Impl>()) {
    impl_->book.load_chains(text::builtin_chains(), "fonts/fallback.conf");
}

FontLibrary::~FontLibrary() = default;

Result<std::shared_ptr<FontLibrary>> FontLibrary::from_file(
    const std::filesystem::path& chains_file) {
    std::ifstream in(chains_file, std::ios::binary);
    if (!in)
        return make_error({chains_file.string()},
                          std::string("cannot read: ") + std::strerror(errno));
    std::stringstream ss;
    ss << in.rdbuf();
    auto lib = std::make_shared<FontLibrary>();
    std::string err = lib->impl().book.load_chains(ss.str(), chains_file.string());
    if (!err.empty()) return make_error({chains_file.string()}, err);
    return lib;
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

std::string check_style(const Style& s) {
    const std::pair<const char*, const FontRole*> roles[] = {{"body", &s.body},
                                                             {"title", &s.title},
                                                             {"byline", &s.byline},
                                                             {"meta", &s.meta},
                                                             {"note", &s.note},
                                                             {"bio", &s.bio},
                                                             {"running_head", &s.running_head},
                                                             {"heading1", &s.heading1},
                                                             {"heading2", &s.heading2},
                                                             {"heading3", &s.heading3},
                                                             {"quote", &s.quote},
                                                             {"code", &s.code}};
    for (const auto& [name, r] : roles) {
        if (!(r->size > 0 && r->size < 500))
            return std::string(name) + ".size must be between 0 and 500 pt";
        if (!(r->leading > 0 && r->leading < 1000))
            return std::string(name) + ".leading must be positive";
    }
    const double measure = s.page_width - s.margin_inner - s.margin_outer;
    const double height = s.page_height - s.margin_top - s.margin_bottom;
    if (!(measure >= 72)) return "the text block is narrower than 1 inch (page_width less margins)";
    if (!(height >= 144))
        return "the text block is shorter than 2 inches (page_height less margins)";
    if (!(s.max_consecutive_hyphens >= 0 && s.max_consecutive_hyphens <= 10))
        return "max_consecutive_hyphens must be between 0 (no limit) and 10";
    if (!(s.left_hyphen_min >= 0 && s.left_hyphen_min <= 20) ||
        !(s.right_hyphen_min >= 0 && s.right_hyphen_min <= 20))
        return "left_hyphen_min and right_hyphen_min must be between 0 and 20";
    if (!(s.letter_space_stretch >= 0 && s.letter_space_stretch <= 0.2) ||
        !(s.letter_space_shrink >= 0 && s.letter_space_shrink <= 0.2))
        return "letter_space_stretch and letter_space_shrink must be between 0 and 0.2";
    if (!(s.note_number_width >= 0 && s.note_number_width < measure / 2))
        return "note_number_width must be between 0 and half the measure";
    return {};
}

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
        if (auto bad = check_style(given); !bad.empty())
            return make_error({article.source}, "style '" + given.name + "': " + bad);
        if (!fonts) fonts = FontLibrary::shared();
        const Style style = detail::resolve_fonts(given, fonts->impl().book);
        if (fonts->impl().book.chain(style.body.chain, {}).empty())
            return make_error({article.source},
                              "no font of the fallback chain '" + style.body.chain +
                                  "' is installed (Debian: apt-get install fonts-noto-core)");
        auto impl = std::make_shared<Document::Impl>();
        impl->article = article;
        impl->fonts = fonts;
        impl->pages = layout::typeset_article(impl->article, style, fonts->impl().book, diags);
        return Document(std::move(impl));
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
        pdf::WriteOptions wo;
        wo.timestamp = resolve_timestamp(options.timestamp, doc.article());
        wo.producer =
            options.producer.empty() ? "quire " + std::string(version()) : options.producer;
        wo.source = doc.article().source;
        wo.standard = options.standard.value_or(doc.impl().pages.standard);
        return pdf::write_document(doc.impl().pages, wo);
    } catch (const detail::LimitExceeded& e) {
        return make_error({doc.article().source}, e.what());
    } catch (const std::exception& e) {
        return make_error({doc.article().source}, std::string("PDF writer failed: ") + e.what());
    }
}

namespace {

/// The process's umask, read without changing it (/proc/self/status, Linux 4.7+): setting it to
/// read it back would race with threads creating files (a batch writes from several). Where
/// /proc has no Umask line it is read once, by setting and restoring it.
mode_t process_umask() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("Umask:", 0) == 0)
            return static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8) & 0777);
    static const mode_t fallback = [] {
        const mode_t m = ::umask(0);
        ::umask(m);
        return m;
    }();
    return fallback;
}

}  // namespace

namespace detail {

AtomicFile::AtomicFile(std::filesystem::path path) : path_(std::move(path)) {
    const std::filesystem::path dir = path_.parent_path().empty() ? "." : path_.parent_path();
    std::string hidden(1, '.');  // built piecewise: "." + string trips GCC 12's -Wrestrict at -O3
    hidden += path_.filename().string();
    hidden += ".XXXXXX";
    tmp_ = (dir / hidden).string();
    fd_ = mkstemp(tmp_.data());
    if (fd_ < 0) {
        error_ = errno;
        tmp_.clear();
    }
}

AtomicFile::~AtomicFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!tmp_.empty()) ::unlink(tmp_.c_str());
}

bool AtomicFile::put(std::string_view bytes) {
    std::size_t off = 0;
    while (off < bytes.size()) {
        const ssize_t n = ::write(fd_, bytes.data() + off, bytes.size() - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            error_ = errno;
            return false;
        }
        off += static_cast<std::size_t>(n);
    }
    return true;
}

bool AtomicFile::flush_buffer() {
    const bool ok = put(buf_);
    buf_.clear();
    return ok;
}

void AtomicFile::write(std::string_view bytes) {
    if (error_ != 0) return;
    constexpr std::size_t kBuffer = 1 << 20;
    if (buf_.size() + bytes.size() > kBuffer && !buf_.empty() && !flush_buffer()) return;
    if (bytes.size() >= kBuffer)
        put(bytes);  // large: one write of its own, not copied
    else
        buf_.append(bytes);
}

std::optional<Diagnostic> AtomicFile::error() const {
    if (error_ == 0) return std::nullopt;
    return make_error({path_.string()}, std::string(tmp_.empty() ? "cannot create output file: "
                                                                 : "cannot write output file: ") +
                                            std::strerror(error_));
}

Result<Unit> AtomicFile::failed(int err) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (!tmp_.empty()) ::unlink(tmp_.c_str());
    const bool created = !tmp_.empty();
    tmp_.clear();
    return make_error({path_.string()}, std::string(created ? "cannot write output file: "
                                                            : "cannot create output file: ") +
                                            std::strerror(err));
}

Result<Unit> AtomicFile::commit(Sync sync) {
    if (error_ != 0 || (!buf_.empty() && !flush_buffer())) return failed(error_);
    // mkstemp makes the file 0600; give it the mode a new file gets (0666 less the umask).
    if (::fchmod(fd_, 0666 & ~process_umask()) != 0) return failed(errno);
    if (sync == Sync::file && ::fsync(fd_) != 0) return failed(errno);
    const int closed = ::close(fd_);
    fd_ = -1;
    if (closed != 0) return failed(errno);
    if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
        const int e = errno;
        ::unlink(tmp_.c_str());
        tmp_.clear();
        return make_error({path_.string()},
                          std::string("cannot rename output file into place: ") + std::strerror(e));
    }
    tmp_.clear();
    return Unit{};
}

}  // namespace detail

/// Writes bytes to `path` through a temporary file in the same folder, renamed into place once
/// complete (and synced unless deferred); on any failure the temporary file is removed
/// (declared in batch.hpp).
Result<Unit> write_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                                   Sync sync) {
    detail::AtomicFile file(path);
    file.write(bytes);
    return file.commit(sync);
}

Result<Unit> write_pdf(const Document& doc, const std::filesystem::path& path,
                       const PdfOptions& options) {
    try {
        auto bytes = write_pdf(doc, options);
        if (!bytes) return bytes.error();
        return write_file_atomically(path, *bytes);
    } catch (const std::exception& e) {
        return make_error({path.string()}, std::string("cannot write output file: ") + e.what());
    }
}

Result<std::string> write_epub(const Article& article, const Style& given,
                               const EpubOptions& options, std::shared_ptr<FontLibrary> fonts) {
    try {
        if (auto bad = check_style(given); !bad.empty())
            return make_error({article.source}, "style '" + given.name + "': " + bad);
        if (!fonts) fonts = FontLibrary::shared();
        const Style style = detail::resolve_fonts(given, fonts->impl().book);
        epub::Settings s;
        s.timestamp = resolve_timestamp(options.timestamp, article);
        s.identifier = options.identifier;
        s.fonts = detail::font_embedding(options.fonts);
        return epub::build(article, style, fonts->impl().book, s);
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
        return write_file_atomically(path, *bytes);
    } catch (const std::exception& e) {
        return make_error({path.string()}, std::string("cannot write output file: ") + e.what());
    }
}

}  // namespace quire::inline v0

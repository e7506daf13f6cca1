// api: the public entry points (include/quire/quire.hpp) over the pipeline stages.
//
// No exception crosses this boundary: every call catches what a stage may throw (allocation
// failures, PoDoFo errors) and returns it as an error Diagnostic.
#include "api/impl.hpp"

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

namespace quire {

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

Result<Document> typeset(const Article& article, const Style& style, Diagnostics& diags,
                         std::shared_ptr<FontLibrary> fonts) {
    try {
        if (!fonts) fonts = FontLibrary::shared();
        if (fonts->impl().book.chain(style.body.chain, {}).empty())
            return make_error({article.source},
                              "no font of the fallback chain '" + style.body.chain +
                                  "' is installed (Debian: apt-get install fonts-noto-core)");
        auto impl = std::make_shared<Document::Impl>();
        impl->article = article;
        impl->fonts = fonts;
        impl->pages = layout::typeset_article(impl->article, style, fonts->impl().book, diags);
        return Document(std::move(impl));
    } catch (const std::exception& e) {
        return make_error({article.source}, std::string("layout failed: ") + e.what());
    }
}

namespace {

std::int64_t resolve_timestamp(const PdfOptions& o, const Article& a) {
    if (o.timestamp) return *o.timestamp;
    if (const char* sde = std::getenv("SOURCE_DATE_EPOCH"); sde && *sde) {
        char* end = nullptr;
        long long v = std::strtoll(sde, &end, 10);
        if (end && *end == '\0' && v >= 0) return v;
    }
    // The article's date (YYYY-MM-DD), at noon UTC.
    int y = 0, m = 0, d = 0;
    if (a.date.size() >= 10 && std::sscanf(a.date.c_str(), "%4d-%2d-%2d", &y, &m, &d) == 3 &&
        m >= 1 && m <= 12 && d >= 1 && d <= 31) {
        // days from civil (H. Hinnant)
        y -= m <= 2;
        const int era = (y >= 0 ? y : y - 399) / 400;
        const unsigned yoe = static_cast<unsigned>(y - era * 400);
        const unsigned doy = (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 +
                             static_cast<unsigned>(d) - 1;
        const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        const std::int64_t days =
            static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
        return days * 86400 + 12 * 3600;
    }
    return 946684800;  // 2000-01-01
}

}  // namespace

Result<std::string> write_pdf(const Document& doc, const PdfOptions& options) {
    try {
        pdf::WriteOptions wo;
        wo.timestamp = resolve_timestamp(options, doc.article());
        wo.producer =
            options.producer.empty() ? "quire " + std::string(version()) : options.producer;
        wo.source = doc.article().source;
        return pdf::write_document(doc.impl().pages, wo);
    } catch (const std::exception& e) {
        return make_error({doc.article().source}, std::string("PDF writer failed: ") + e.what());
    }
}

Result<Unit> write_pdf(const Document& doc, const std::filesystem::path& path,
                       const PdfOptions& options) {
    auto bytes = write_pdf(doc, options);
    if (!bytes) return bytes.error();
    // Write to a temporary file beside the target, then rename: the final name only ever
    // holds a complete file.
    std::string tmpl =
        (path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path()) /
        ("." + path.filename().string() + ".XXXXXX");
    std::vector<char> name(tmpl.begin(), tmpl.end());
    name.push_back('\0');
    int fd = mkstemp(name.data());
    if (fd < 0)
        return make_error({path.string()},
                          std::string("cannot create output file: ") + std::strerror(errno));
    const std::string& b = *bytes;
    std::size_t off = 0;
    while (off < b.size()) {
        ssize_t n = ::write(fd, b.data() + off, b.size() - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int e = errno;
            ::close(fd);
            ::unlink(name.data());
            return make_error({path.string()},
                              std::string("cannot write output file: ") + std::strerror(e));
        }
        off += static_cast<std::size_t>(n);
    }
    if (::fchmod(fd, 0644) != 0 || ::fsync(fd) != 0 || ::close(fd) != 0) {
        const int e = errno;
        ::unlink(name.data());
        return make_error({path.string()},
                          std::string("cannot write output file: ") + std::strerror(e));
    }
    if (std::rename(name.data(), path.c_str()) != 0) {
        const int e = errno;
        ::unlink(name.data());
        return make_error({path.string()},
                          std::string("cannot rename output file into place: ") + std::strerror(e));
    }
    return Unit{};
}

}  // namespace quire

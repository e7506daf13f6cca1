// cli/preview: PNG previews of a PDF's pages (preview.hpp), rendered with poppler-cpp's Splash
// renderer and written with libpng.
//
// Thread safety. poppler-cpp 22.12 promises none, and poppler is not safe for documents rendered
// in several threads at once even when each thread has its own: the first GfxState built in the
// process creates the static LittleCMS profiles GfxState::sRGBProfile and XYZProfile behind a
// plain `if (!p)` (GfxState.cc), so two first renders race on them and can corrupt the heap
// (valgrind --tool=helgrind shows the race with Debian's 22.12, two threads, two documents);
// the global GlobalParams is made with the first document and destroyed with the last; the
// error callback that set_debug_error_function() sets is one process-wide pointer. Every call into
// poppler here (loading, reading the page sizes, rendering a page, destroying the document) is
// therefore made under one mutex, poppler_mutex(). A page's pixels are copied out of poppler's
// image under it; turning them into a PNG and writing that file (half as long as rendering the
// page) are done outside it, in parallel.
//
// poppler's messages (a damaged file, a missing font) are collected per thread by the quiet
// error handler and put into the error, never printed.
//
// PNG files are read back (IHDR, pHYs, IEND) to decide whether a page's preview is current: a
// file that is not a complete PNG, or records another resolution or size, is rendered again.
#include "cli/preview.hpp"

#include "base/atomic_file.hpp"
#include "base/result.hpp"

#include <png.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <csetjmp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>

namespace quire::inline v0::cli {

namespace fs = std::filesystem;

namespace {

/// The largest page rendered, in pixels (an A4 page at 1200 dpi is 139 million). Rendering one
/// holds three copies at 3 bytes a pixel (poppler's bitmap, its image, the copy taken here).
constexpr std::uint64_t kMaxPixels = 200'000'000;
/// How many of poppler's messages an error quotes.
constexpr std::size_t kMaxMessages = 3;

// ---- poppler: one caller at a time, messages collected ------------------------------------------

std::mutex& poppler_mutex() {
    static std::mutex m;
    return m;
}

/// Where the calling thread's poppler messages go while it is inside poppler (null: dropped).
thread_local std::vector<std::string>* tl_messages = nullptr;

void quiet_error_handler(const std::string& message, void*) {
    if (tl_messages && tl_messages->size() < kMaxMessages) tl_messages->push_back(message);
}

/// Holds poppler_mutex() and collects the messages poppler reports meanwhile.
class PopplerCall {
public:
    PopplerCall() : lock_(poppler_mutex()) {
        static std::once_flag installed;
        std::call_once(installed,
                       [] { poppler::set_debug_error_function(quiet_error_handler, nullptr); });
        tl_messages = &messages_;
    }
    ~PopplerCall() { tl_messages = nullptr; }
    PopplerCall(const PopplerCall&) = delete;
    PopplerCall& operator=(const PopplerCall&) = delete;

    /// ": message; message" (poppler's "error: " prefix dropped), or "" when there are none.
    std::string messages() const {
        std::string out;
        for (std::size_t i = 0; i < messages_.size(); ++i) {
            if (i > 0 && messages_[i] == messages_[i - 1]) continue;
            std::string_view text = messages_[i];
            if (text.rfind("error: ", 0) == 0) text.remove_prefix(7);
            out += out.empty() ? ": " : "; ";
            out += text;
        }
        return out;
    }

private:
    std::lock_guard<std::mutex> lock_;
    std::vector<std::string> messages_;
};

/// Deletes a poppler object under poppler_mutex() (a document's destructor releases poppler's
/// global state).
struct PopplerDelete {
    template <class T>
    void operator()(T* p) const {
        PopplerCall call;
        delete p;
    }
};
using Document = std::unique_ptr<poppler::document, PopplerDelete>;

// ---- PNG files ----------------------------------------------------------------------------------

/// An 8-bit image, rows packed: R, G, B (channels 3) or grey (channels 1).
struct Pixels {
    int width = 0;
    int height = 0;
    int channels = 3;
    std::vector<unsigned char> bytes;
};

/// Turns an RGB image whose every pixel is grey (a page of black text) into a grey one, in place:
/// a third of the bytes to compress, a PNG 40 % smaller made in 60 to 80 % of the time.
void make_grey_if_grey(Pixels& px) {
    if (px.channels != 3) return;
    const std::size_t n = px.bytes.size() / 3;
    const unsigned char* p = px.bytes.data();
    for (std::size_t i = 0; i < n; ++i, p += 3)
        if (p[0] != p[1] || p[0] != p[2]) return;
    for (std::size_t i = 0; i < n; ++i) px.bytes[i] = px.bytes[3 * i];
    px.bytes.resize(n);
    px.channels = 1;
}

/// A growing byte buffer libpng writes into (malloc'd: the callback runs in C frames, where an
/// exception must not pass).
struct Buffer {
    unsigned char* data = nullptr;
    std::size_t size = 0;
    std::size_t capacity = 0;
};

struct PngFailure {
    std::jmp_buf jump;
    char message[200] = {};
};

[[noreturn]] void png_failed(png_structp png, png_const_charp message) {
    auto* f = static_cast<PngFailure*>(png_get_error_ptr(png));
    std::snprintf(f->message, sizeof f->message, "%s", message ? message : "unknown error");
    std::longjmp(f->jump, 1);
}

void png_warned(png_structp, png_const_charp) {}

void png_append(png_structp png, png_bytep bytes, png_size_t n) {
    auto* b = static_cast<Buffer*>(png_get_io_ptr(png));
    if (b->size + n > b->capacity) {
        const std::size_t cap = std::max(b->capacity * 2, b->size + n);
        auto* grown = static_cast<unsigned char*>(std::realloc(b->data, cap));
        if (!grown) png_error(png, "out of memory");
        b->data = grown;
        b->capacity = cap;
    }
    std::memcpy(b->data + b->size, bytes, n);
    b->size += n;
}

void png_flushed(png_structp) {}

/// The pHYs value for `dpi`: pixels a metre (read back exactly: round(ppm * 0.0254) == dpi).
png_uint_32 pixels_per_metre(int dpi) {
    return static_cast<png_uint_32>(std::lround(dpi / 0.0254));
}

/// Encodes `px` as an 8-bit RGB or grey PNG with pHYs = dpi and the sRGB chunk into `out`
/// (freed by the caller on both paths). Holds no C++ object with a destructor: libpng reports
/// errors by longjmp. False with f.message on failure.
bool encode_png(const Pixels& px, int dpi, Buffer& out, PngFailure& f) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &f, png_failed, png_warned);
    if (!png) {
        std::snprintf(f.message, sizeof f.message, "out of memory");
        return false;
    }
    png_infop info = png_create_info_struct(png);
    if (setjmp(f.jump)) {
        png_destroy_write_struct(&png, &info);
        return false;
    }
    if (!info) png_error(png, "out of memory");
    png_set_write_fn(png, &out, png_append, png_flushed);
    // Measured on pages of text at 70 and 150 dpi: no row filter and zlib level 3 make the PNG
    // in a third of the time of libpng's defaults (adaptive filters, level 6), at most 10 %
    // larger.
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_compression_level(png, 3);
    png_set_IHDR(png, info, static_cast<png_uint_32>(px.width), static_cast<png_uint_32>(px.height),
                 8, px.channels == 1 ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    const png_uint_32 ppm = pixels_per_metre(dpi);
    png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
    png_set_sRGB_gAMA_and_cHRM(png, info, PNG_sRGB_INTENT_PERCEPTUAL);
    png_write_info(png, info);
    const std::size_t stride = static_cast<std::size_t>(px.width) * px.channels;
    for (int y = 0; y < px.height; ++y)
        png_write_row(png, const_cast<png_bytep>(px.bytes.data() + stride * y));
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return true;
}

/// What a PNG file says of itself: its size, resolution, and whether it is complete.
struct PngHeader {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    int dpi = 0;  ///< from pHYs in pixels a metre, both axes equal; 0: none
};

std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
}

/// The header of the PNG at `path`, or nullopt when it is not a complete PNG (no signature,
/// no IHDR first, or no IEND chunk at the end: a file cut short).
std::optional<PngHeader> read_png_header(const fs::path& path) {
    static constexpr unsigned char kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    static constexpr unsigned char kIend[12] = {0,   0,   0,    0,    'I',  'E',
                                                'N', 'D', 0xae, 0x42, 0x60, 0x82};
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 8 + 25 + 12) return std::nullopt;
    unsigned char tail[12];
    in.seekg(size - 12);
    if (!in.read(reinterpret_cast<char*>(tail), 12) || std::memcmp(tail, kIend, 12) != 0)
        return std::nullopt;
    in.seekg(0);
    unsigned char sig[8];
    if (!in.read(reinterpret_cast<char*>(sig), 8) || std::memcmp(sig, kSignature, 8) != 0)
        return std::nullopt;
    PngHeader h;
    bool first = true;
    // Chunks up to the image data, where IHDR (first) and pHYs stand.
    for (int chunks = 0; chunks < 64; ++chunks) {
        unsigned char head[8];
        if (!in.read(reinterpret_cast<char*>(head), 8)) return std::nullopt;
        const std::uint32_t length = be32(head);
        const std::string_view type(reinterpret_cast<const char*>(head + 4), 4);
        if (first != (type == "IHDR")) return std::nullopt;
        first = false;
        if (type == "IDAT") return h.width > 0 ? std::optional(h) : std::nullopt;
        if ((type == "IHDR" && length == 13) || (type == "pHYs" && length == 9)) {
            unsigned char body[13];
            if (!in.read(reinterpret_cast<char*>(body), length)) return std::nullopt;
            if (type == "IHDR") {
                h.width = be32(body);
                h.height = be32(body + 4);
            } else if (body[8] == PNG_RESOLUTION_METER && be32(body) == be32(body + 4)) {
                h.dpi = static_cast<int>(std::lround(be32(body) * 0.0254));
            }
            in.seekg(4, std::ios::cur);  // CRC
        } else {
            in.seekg(std::streamoff{length} + 4, std::ios::cur);
        }
        if (!in) return std::nullopt;
    }
    return std::nullopt;
}

// ---- pages --------------------------------------------------------------------------------------

/// A page as it will be rendered: its size in pixels at the preview's dpi.
struct PageSize {
    long long width = 0;
    long long height = 0;
};

/// Splash's bitmap size for a page of `points` at `dpi`: (int)(points * dpi / 72 + 0.5).
long long pixels(double points, int dpi) {
    return static_cast<long long>(points * dpi / 72.0 + 0.5);
}

std::string preview_name(const std::string& stem, int page, int digits) {
    std::string n = std::to_string(page);
    if (static_cast<int>(n.size()) < digits) n.insert(0, digits - n.size(), '0');
    return stem + ".page-" + n + ".png";
}

int digit_count(int n) {
    int d = 1;
    while (n >= 10) {
        n /= 10;
        ++d;
    }
    return d;
}

/// Whether `png` is a current preview of a page of `size` at `dpi` for a PDF last written at
/// `pdf_time`.
bool is_current(const fs::path& png, const PageSize& size, int dpi, fs::file_time_type pdf_time) {
    std::error_code ec;
    if (!fs::is_regular_file(png, ec)) return false;
    const fs::file_time_type t = fs::last_write_time(png, ec);
    if (ec || t < pdf_time) return false;
    const std::optional<PngHeader> h = read_png_header(png);
    return h && h->dpi == dpi && std::llabs(h->width - size.width) <= 1 &&
           std::llabs(h->height - size.height) <= 1;
}

Diagnostic error_at(const fs::path& file, std::string message) {
    return make_error({file.string()}, std::move(message));
}

/// Renders page `index` (0-based) of `doc` at `dpi` into `out`. Under poppler_mutex().
Result<Unit> render_page(const poppler::document& doc, int index, int dpi, const fs::path& pdf,
                         Pixels& out) {
    PopplerCall call;
    const std::unique_ptr<poppler::page> page(doc.create_page(index));
    const std::string where = "page " + std::to_string(index + 1);
    if (!page) return error_at(pdf, "cannot read " + where + " for its preview" + call.messages());
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer.set_paper_color(0xffffffff);
    // format_rgb24: R, G, B bytes, rows padded to 4 bytes (poppler-image.cpp; its header's
    // "32 bits per pixel" is wrong), drawn on the opaque paper: a PNG's rows as they are.
    renderer.set_image_format(poppler::image::format_rgb24);
    const poppler::image img = renderer.render_page(page.get(), dpi, dpi);
    if (!img.is_valid() || img.format() != poppler::image::format_rgb24 || img.width() < 1 ||
        img.height() < 1 || img.bytes_per_row() < 3 * img.width())
        return error_at(pdf, "cannot render " + where + " for its preview" + call.messages());
    out.width = img.width();
    out.height = img.height();
    out.channels = 3;
    const std::size_t stride = static_cast<std::size_t>(out.width) * 3;
    out.bytes.resize(stride * out.height);
    for (int y = 0; y < out.height; ++y)
        std::memcpy(out.bytes.data() + stride * y,
                    img.const_data() + static_cast<std::size_t>(img.bytes_per_row()) * y, stride);
    return Unit{};
}

/// Encodes `px` (made grey when it is) and writes it to `png` atomically.
Result<Unit> write_png(const fs::path& png, Pixels& px, int dpi) {
    make_grey_if_grey(px);
    Buffer buf;
    PngFailure failure;
    const bool encoded = encode_png(px, dpi, buf, failure);
    Result<Unit> r = Unit{};
    if (!encoded)
        r = error_at(png, std::string("cannot encode the preview: ") + failure.message);
    else
        r = write_file_atomically(
            png, std::string_view(reinterpret_cast<const char*>(buf.data), buf.size),
            Sync::deferred);
    std::free(buf.data);
    return r;
}

}  // namespace

std::vector<fs::path> preview_files(const fs::path& pdf) {
    const fs::path dir = pdf.parent_path();
    const std::string prefix = pdf.stem().string() + ".page-";
    std::vector<fs::path> out;
    std::error_code ec;
    fs::directory_iterator it(dir.empty() ? fs::path(".") : dir, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
        std::error_code status_ec;
        if (!it->is_regular_file(status_ec)) continue;  // follows a symbolic link
        const std::string name = it->path().filename().string();
        if (name.size() <= prefix.size() + 4 || name.compare(0, prefix.size(), prefix) != 0 ||
            name.compare(name.size() - 4, 4, ".png") != 0)
            continue;
        const std::string_view digits =
            std::string_view(name).substr(prefix.size(), name.size() - prefix.size() - 4);
        if (std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
            out.push_back(dir / name);
    }
    std::sort(out.begin(), out.end());
    return out;
}

Result<PreviewOutcome> write_previews(const fs::path& pdf, int dpi) {
    if (dpi < kMinPreviewDpi || dpi > kMaxPreviewDpi)
        return error_at(pdf, "preview resolution " + std::to_string(dpi) +
                                 " dpi is out of range (" + std::to_string(kMinPreviewDpi) +
                                 " to " + std::to_string(kMaxPreviewDpi) + ")");

    std::error_code ec;
    const fs::file_time_type pdf_time = fs::last_write_time(pdf, ec);
    if (ec) return error_at(pdf, "cannot read the PDF for its previews: " + ec.message());
    if (fs::is_directory(pdf, ec)) return error_at(pdf, "is a folder, not a PDF");
    {
        // poppler says only "Couldn't open file": the reason comes from the system.
        std::FILE* f = std::fopen(pdf.c_str(), "rb");
        if (!f)
            return error_at(
                pdf, std::string("cannot read the PDF for its previews: ") + std::strerror(errno));
        std::fclose(f);
    }

    Document doc;
    std::vector<PageSize> sizes;
    {
        PopplerCall call;
        doc.reset(poppler::document::load_from_file(pdf.string()));
        if (!doc)
            return error_at(pdf, "cannot read the PDF for its previews (not a PDF, or damaged)" +
                                     call.messages());
        if (doc->is_locked())
            return error_at(pdf, "the PDF is encrypted: its previews need its password");
        const int pages = doc->pages();
        if (pages < 1) return error_at(pdf, "the PDF has no pages to preview" + call.messages());
        for (int i = 0; i < pages; ++i) {
            const std::unique_ptr<poppler::page> page(doc->create_page(i));
            if (!page)
                return error_at(pdf, "cannot read page " + std::to_string(i + 1) +
                                         " for its preview" + call.messages());
            const poppler::rectf box = page->page_rect(poppler::crop_box);
            PageSize s{pixels(box.width(), dpi), pixels(box.height(), dpi)};
            const auto o = page->orientation();
            if (o == poppler::page::landscape || o == poppler::page::seascape)
                std::swap(s.width, s.height);
            sizes.push_back(s);
        }
    }
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        const PageSize& s = sizes[i];
        if (s.width < 1 || s.height < 1 ||
            static_cast<std::uint64_t>(s.width) * static_cast<std::uint64_t>(s.height) > kMaxPixels)
            return error_at(pdf, "page " + std::to_string(i + 1) + " would be " +
                                     std::to_string(s.width) + " x " + std::to_string(s.height) +
                                     " pixels at " + std::to_string(dpi) +
                                     " dpi: a preview takes 1 to 200 million pixels");
    }

    const int count = static_cast<int>(sizes.size());
    const int digits = digit_count(count);
    const std::string stem = pdf.stem().string();
    const fs::path dir = pdf.parent_path();
    std::vector<fs::path> expected;
    for (int i = 0; i < count; ++i) expected.push_back(dir / preview_name(stem, i + 1, digits));

    PreviewOutcome outcome;
    Pixels px;
    for (int i = 0; i < count; ++i) {
        if (is_current(expected[i], sizes[i], dpi, pdf_time)) continue;
        QUIRE_TRY(render_page(*doc, i, dpi, pdf, px));
        QUIRE_TRY(write_png(expected[i], px, dpi));
        outcome.written.push_back(expected[i]);
    }
    doc.reset();
    outcome.up_to_date = outcome.written.empty();

    for (const fs::path& p : preview_files(pdf)) {
        if (std::find(expected.begin(), expected.end(), p) != expected.end()) continue;
        if (!fs::remove(p, ec) && ec)
            return error_at(p, "cannot remove the stale preview: " + ec.message());
        outcome.removed.push_back(p);
    }
    return outcome;
}

PreviewFiles write_previews(const std::vector<fs::path>& pdfs, int dpi, unsigned jobs) {
    PreviewFiles out;
    std::mutex mu;
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t k; (k = next++) < pdfs.size();) {
            auto r = write_previews(pdfs[k], dpi);
            const std::lock_guard lock(mu);
            if (!r) {
                std::cerr << r.error().format() << "\n";
                ++out.failed;
                continue;
            }
            out.pngs[pdfs[k]] = preview_files(pdfs[k]);
        }
    };
    if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t threads = std::min<std::size_t>(jobs, pdfs.size());
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    return out;
}

}  // namespace quire::inline v0::cli

// base/image_check: decodes a PNG (libpng) or JPEG (libjpeg) in full, a row at a time, to tell
// whether the PDF writer can embed it.
//
// Both libraries report errors by longjmp; the functions that call setjmp hold no C++ object
// with a destructor, and what they allocate is freed on both paths.
#include "base/image_check.hpp"

#include "base/image_info.hpp"

#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <jpeglib.h>
#include <png.h>

namespace quire::inline v0 {

namespace {

/// The first error (or, for JPEG, warning) a decoder reported.
struct Failure {
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX > 200 ? JMSG_LENGTH_MAX : 200] = {};
};

void set_message(Failure& f, const char* text) {
    std::snprintf(f.message, sizeof f.message, "%s", text ? text : "unknown error");
}

// ---- PNG ---------------------------------------------------------------------------------------

[[noreturn]] void png_failed(png_structp png, png_const_charp message) {
    auto* f = static_cast<Failure*>(png_get_error_ptr(png));
    set_message(*f, message);
    std::longjmp(f->jump, 1);
}

void png_warned(png_structp, png_const_charp) {}  // ancillary-chunk notes: the image is fine

/// 0: decoded; 1: damaged (message in f); 2: too many pixels (w, h set).
int decode_png(std::FILE* file, std::uint64_t max_pixels, Failure& f, png_uint_32& w,
               png_uint_32& h) {
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &f, png_failed, png_warned);
    if (!png) {
        set_message(f, "out of memory");
        return 1;
    }
    png_infop info = png_create_info_struct(png);
    png_bytep volatile row = nullptr;
    if (setjmp(f.jump)) {
        std::free(row);
        png_destroy_read_struct(&png, &info, nullptr);
        return 1;
    }
    if (!info) png_error(png, "out of memory");
    png_init_io(png, file);
    png_read_info(png, info);
    w = png_get_image_width(png, info);
    h = png_get_image_height(png, info);
    if (static_cast<std::uint64_t>(w) * h > max_pixels) {
        png_destroy_read_struct(&png, &info, nullptr);
        return 2;
    }
    const int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    row = static_cast<png_bytep>(std::malloc(png_get_rowbytes(png, info)));
    if (!row) png_error(png, "out of memory");
    for (int p = 0; p < passes; ++p)
        for (png_uint_32 y = 0; y < h; ++y) png_read_row(png, row, nullptr);
    png_read_end(png, nullptr);  // the image data's checksum, and that the file is complete
    std::free(row);
    png_destroy_read_struct(&png, &info, nullptr);
    return 0;
}

// ---- JPEG --------------------------------------------------------------------------------------

struct JpegErrors {
    jpeg_error_mgr mgr;
    Failure* failure;
};

[[noreturn]] void jpeg_failed(j_common_ptr cinfo) {
    auto* e = reinterpret_cast<JpegErrors*>(cinfo->err);
    char text[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, text);
    set_message(*e->failure, text);
    std::longjmp(e->failure->jump, 1);
}

/// libjpeg's warnings ("Premature end of JPEG file", "Corrupt JPEG data: …") mean damaged data
/// it papers over with grey: an error here. Trace messages (level > 0) are ignored.
void jpeg_message(j_common_ptr cinfo, int level) {
    if (level < 0) jpeg_failed(cinfo);
}

int decode_jpeg(std::FILE* file, std::uint64_t max_pixels, Failure& f, JDIMENSION& w,
                JDIMENSION& h) {
    jpeg_decompress_struct cinfo;
    JpegErrors errors;
    cinfo.err = jpeg_std_error(&errors.mgr);
    errors.mgr.error_exit = jpeg_failed;
    errors.mgr.emit_message = jpeg_message;
    errors.failure = &f;
    JSAMPARRAY volatile rows = nullptr;
    if (setjmp(f.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return 1;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_stdio_src(&cinfo, file);
    jpeg_read_header(&cinfo, TRUE);
    w = cinfo.image_width;
    h = cinfo.image_height;
    if (static_cast<std::uint64_t>(w) * h > max_pixels) {
        jpeg_destroy_decompress(&cinfo);
        return 2;
    }
    jpeg_start_decompress(&cinfo);
    // Freed with the decompressor (libjpeg's own pool).
    rows = (*cinfo.mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(&cinfo), JPOOL_IMAGE,
                                      cinfo.output_width * cinfo.output_components, 1);
    while (cinfo.output_scanline < cinfo.output_height) jpeg_read_scanlines(&cinfo, rows, 1);
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return 0;
}

}  // namespace

namespace {

/// Decodes the image `file` holds (its header read already: `info`).
std::string check_open_image(const ImageInfo& info, std::FILE* file, std::uint64_t max_pixels) {
    Failure failure;
    std::uint64_t w = 0, h = 0;
    int result = 0;
    if (info.format == ImageInfo::Format::png) {
        png_uint_32 pw = 0, ph = 0;
        result = decode_png(file, max_pixels, failure, pw, ph);
        w = pw;
        h = ph;
    } else {
        JDIMENSION jw = 0, jh = 0;
        result = decode_jpeg(file, max_pixels, failure, jw, jh);
        w = jw;
        h = jh;
    }
    std::fclose(file);
    const char* kind = info.format == ImageInfo::Format::png ? "PNG" : "JPEG";
    if (result == 1) return std::string("is damaged (") + kind + ": " + failure.message + ")";
    if (result == 2)
        return "has " + std::to_string(w * h) + " pixels (" + std::to_string(w) + " x " +
               std::to_string(h) + "), more than " + std::to_string(max_pixels) +
               " (the limit image-pixels; raise it with --limit image-pixels=N)";
    return {};
}

}  // namespace

std::string check_image(const std::string& path, std::uint64_t max_pixels) {
    const auto info = probe_image(path);
    if (!info) return "is neither PNG nor JPEG (or its header is damaged)";
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) return std::string("cannot be read (") + std::strerror(errno) + ")";
    return check_open_image(*info, file, max_pixels);
}

std::string check_image_bytes(std::string_view bytes, std::uint64_t max_pixels) {
    const auto info = probe_image_bytes(bytes);
    if (!info || bytes.empty()) return "is neither PNG nor JPEG (or its header is damaged)";
    // A read-only stream over the bytes (POSIX fmemopen), for the same decoders.
    std::FILE* file = fmemopen(const_cast<char*>(bytes.data()), bytes.size(), "rb");
    if (!file) return std::string("cannot be read (") + std::strerror(errno) + ")";
    return check_open_image(*info, file, max_pixels);
}

}  // namespace quire::inline v0

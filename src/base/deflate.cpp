// base/deflate: see deflate.hpp.
#include "base/deflate.hpp"

#include <libdeflate.h>

#include <algorithm>
#include <array>
#include <memory>

namespace quire::inline v0::deflate {

namespace {

struct CompressorDeleter {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};

/// The thread's compressor for `level` (1-12); null when none can be allocated.
libdeflate_compressor* compressor(int level) {
    thread_local std::array<std::unique_ptr<libdeflate_compressor, CompressorDeleter>, 13> cache;
    auto& c = cache[static_cast<std::size_t>(level)];
    if (!c) c.reset(libdeflate_alloc_compressor(level));
    return c.get();
}

}  // namespace

Result<std::size_t> compress(std::string_view data, int level, Format format, std::string& out) {
    libdeflate_compressor* c = compressor(std::clamp(level, 1, 12));
    if (!c) return make_error({}, "libdeflate: cannot allocate a compressor");
    const bool zlib = format == Format::zlib;
    out.resize(zlib ? libdeflate_zlib_compress_bound(c, data.size())
                    : libdeflate_deflate_compress_bound(c, data.size()));
    const std::size_t n =
        zlib ? libdeflate_zlib_compress(c, data.data(), data.size(), out.data(), out.size())
             : libdeflate_deflate_compress(c, data.data(), data.size(), out.data(), out.size());
    if (n != 0) out.resize(n);
    return n;
}

Result<std::string> compress(std::string_view data, int level, Format format) {
    std::string out;
    QUIRE_TRY_ASSIGN(const std::size_t n, compress(data, level, format, out));
    if (n == 0) return make_error({}, "libdeflate: compression failed");
    return out;
}

std::uint32_t crc32(std::string_view data) {
    return libdeflate_crc32(0, data.data(), data.size());
}

}  // namespace quire::inline v0::deflate

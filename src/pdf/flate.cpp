// pdf/flate: see flate.hpp.
#include "pdf/flate.hpp"

#include <libdeflate.h>
#include <podofo/podofo.h>

#include <algorithm>
#include <array>
#include <memory>
#include <stdexcept>

namespace quire::inline v0::pdf {

namespace {

/// One libdeflate compressor per thread and level (its tables are some 100 KB), kept for every
/// stream.
class Deflater {
public:
    explicit Deflater(int level) : c_(libdeflate_alloc_compressor(level)) {
        if (!c_) throw std::runtime_error("libdeflate: cannot allocate a compressor");
    }
    ~Deflater() { libdeflate_free_compressor(c_); }
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;

    std::string run(const char* data, std::size_t size) {
        std::string out(libdeflate_zlib_compress_bound(c_, size), '\0');
        const std::size_t n = libdeflate_zlib_compress(c_, data, size, out.data(), out.size());
        if (n == 0) throw std::runtime_error("libdeflate: compression failed");
        out.resize(n);
        return out;
    }

private:
    libdeflate_compressor* c_;
};

}  // namespace

std::string deflate_bytes(const char* data, std::size_t size, int level) {
    level = std::clamp(level, 1, 12);
    thread_local std::array<std::unique_ptr<Deflater>, 13> deflaters;
    auto& d = deflaters[static_cast<std::size_t>(level)];
    if (!d) d = std::make_unique<Deflater>(level);
    return d->run(data, size);
}

void set_flate_stream(PoDoFo::PdfObject* obj, const char* data, std::size_t size, int level) {
    const std::string z = deflate_bytes(data, size, level);
    // Raw bytes (no PoDoFo filter), then the filter that decodes them.
    obj->GetStream()->Set(z.data(), static_cast<PoDoFo::pdf_long>(z.size()), PoDoFo::TVecFilters());
    obj->GetDictionary().AddKey(PoDoFo::PdfName::KeyFilter, PoDoFo::PdfName("FlateDecode"));
}

}  // namespace quire::inline v0::pdf

// pdf/flate: see flate.hpp.
#include "pdf/flate.hpp"

#include <libdeflate.h>
#include <podofo/podofo.h>

#include <stdexcept>

namespace quire::pdf {

namespace {

/// One libdeflate compressor per thread (its tables are some 100 KB), kept for every stream.
class Deflater {
public:
    Deflater() : c_(libdeflate_alloc_compressor(kFlateLevel)) {
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

std::string deflate_bytes(const char* data, std::size_t size) {
    thread_local Deflater deflater;
    return deflater.run(data, size);
}

void set_flate_stream(PoDoFo::PdfObject* obj, const char* data, std::size_t size) {
    const std::string z = deflate_bytes(data, size);
    // Raw bytes (no PoDoFo filter), then the filter that decodes them.
    obj->GetStream()->Set(z.data(), static_cast<PoDoFo::pdf_long>(z.size()), PoDoFo::TVecFilters());
    obj->GetDictionary().AddKey(PoDoFo::PdfName::KeyFilter, PoDoFo::PdfName("FlateDecode"));
}

}  // namespace quire::pdf

// pdf/flate: see flate.hpp.
#include "pdf/flate.hpp"

#include <podofo/podofo.h>
#include <zlib.h>

#include <memory>
#include <stdexcept>

namespace quire::pdf {

namespace {

/// One deflate state per thread, reset (not reallocated) for each stream.
class Deflater {
public:
    Deflater() {
        if (deflateInit2(&z_, kFlateLevel, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            throw std::runtime_error("zlib: deflateInit2 failed");
    }
    ~Deflater() { deflateEnd(&z_); }
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;

    std::string run(const char* data, std::size_t size) {
        if (deflateReset(&z_) != Z_OK) throw std::runtime_error("zlib: deflateReset failed");
        std::string out(deflateBound(&z_, static_cast<uLong>(size)), '\0');
        z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
        z_.avail_in = static_cast<uInt>(size);
        z_.next_out = reinterpret_cast<Bytef*>(out.data());
        z_.avail_out = static_cast<uInt>(out.size());
        if (deflate(&z_, Z_FINISH) != Z_STREAM_END)
            throw std::runtime_error("zlib: deflate failed");
        out.resize(z_.total_out);
        return out;
    }

private:
    z_stream z_{};
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

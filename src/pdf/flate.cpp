// pdf/flate: see flate.hpp.
#include "pdf/flate.hpp"

#include "base/deflate.hpp"

#include <podofo/podofo.h>

namespace quire::inline v0::pdf {

Result<std::string> deflate_bytes(const char* data, std::size_t size, int level) {
    return deflate::compress(std::string_view(data, size), level, deflate::Format::zlib);
}

Result<Unit> set_flate_stream(PoDoFo::PdfObject* obj, const char* data, std::size_t size,
                              int level) {
    QUIRE_TRY_ASSIGN(const std::string z, deflate_bytes(data, size, level));
    // Raw bytes (no PoDoFo filter), then the filter that decodes them.
    obj->GetStream()->Set(z.data(), static_cast<PoDoFo::pdf_long>(z.size()), PoDoFo::TVecFilters());
    obj->GetDictionary().AddKey(PoDoFo::PdfName::KeyFilter, PoDoFo::PdfName("FlateDecode"));
    return Unit{};
}

}  // namespace quire::inline v0::pdf

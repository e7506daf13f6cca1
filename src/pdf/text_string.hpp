// pdf/text_string: a PDF text string (ISO 32000-1 7.9.2.2) from UTF-8: PDFDocEncoding when the
// text is printable ASCII (one byte a character), else UTF-16BE with a byte order mark.
#pragma once

#include <podofo/podofo.h>

#include <algorithm>
#include <string>

namespace quire::inline v0::pdf {

inline PoDoFo::PdfString text_string(const std::string& s) {
    const bool ascii = std::all_of(s.begin(), s.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F;
    });
    return ascii ? PoDoFo::PdfString(s)
                 : PoDoFo::PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(s.c_str()));
}

}  // namespace quire::inline v0::pdf

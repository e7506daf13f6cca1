// pdf/writer: the PDF backend: a PagedDocument into PDF bytes with PoDoFo.
//
// This folder is the only place that includes PoDoFo headers.
#pragma once

#include "layout/frame.hpp"

#include <quire/diagnostics.hpp>
#include <quire/pdf_standard.hpp>

#include <cstdint>
#include <string>

namespace quire::pdf {

/// Options of the backend.
struct WriteOptions {
    std::int64_t timestamp = 946684800;  ///< seconds since 1970, UTC: creation/modification date
    std::string producer;
    std::string source;    ///< input file name, for diagnostics
    PdfStandard standard;  ///< the conformance the metadata claims (the PDF is tagged anyway)
};

/// Writes the document; the bytes of a complete PDF, or an error.
Result<std::string> write_document(const layout::PagedDocument& doc, const WriteOptions& options);

}  // namespace quire::pdf

// pdf/writer: the PDF backend: a PagedDocument into PDF bytes with PoDoFo.
//
// This folder is the only place that includes PoDoFo headers.
#pragma once

#include "layout/frame.hpp"
#include "pdf/object_out.hpp"

#include <quire/diagnostics.hpp>
#include <quire/pdf_standard.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace quire::inline v0::pdf {

/// Options of the backend.
struct WriteOptions {
    std::int64_t timestamp = 946684800;  ///< seconds since 1970, UTC: creation/modification date
    std::string producer;
    std::string source;    ///< input file name, for diagnostics
    PdfStandard standard;  ///< the conformance the metadata claims (the PDF is tagged anyway)
    double bleed = 0;      ///< the bleed around every page (write_document: the document's)
    /// A print file's bleed and marks, used when `standard` claims PDF/X-4 (write_document:
    /// the document's).
    layout::PrintSettings print;
};

/// Writes a PDF page by page, for documents too long to hold whole (a book of a thousand
/// articles): each page's content stream, dictionary, images and links go to the sink when
/// the page is given, the structure's elements when they are complete; finish() embeds the
/// fonts (subset to what the pages used) and writes the rest. Pages may come in any order (a
/// book's contents come last); every page of the document must come once. After a failure
/// every call returns that error; the bytes sent are then no PDF.
class DocumentWriter {
public:
    DocumentWriter(ByteSink sink, WriteOptions options);
    ~DocumentWriter();
    DocumentWriter(const DocumentWriter&) = delete;
    DocumentWriter& operator=(const DocumentWriter&) = delete;

    /// Page `index` of `doc` (whose structure and destinations may grow later): its content,
    /// its dictionary and its link annotations are written now (a link to a destination the
    /// document does not have yet is completed by finish()).
    Result<Unit> page(std::size_t index, const layout::Page& page,
                      const layout::PagedDocument& doc);

    /// Elements `first`.. of `structure` are complete (see layout::PageSink): written now.
    Result<Unit> structure_done(const layout::Structure& structure, std::size_t first);

    /// The rest: `doc` has every page (only their number is read now), the destinations,
    /// outline, metadata and the structure's elements not yet written.
    Result<Unit> finish(const layout::PagedDocument& doc);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::optional<Diagnostic> failed_;  ///< why there is no impl_ (PoDoFo made no document)
};

/// Writes the document; the bytes of a complete PDF, or an error.
Result<std::string> write_document(const layout::PagedDocument& doc, const WriteOptions& options);

}  // namespace quire::inline v0::pdf

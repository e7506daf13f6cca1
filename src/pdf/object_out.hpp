// pdf/object_out: a PDF file written object by object.
//
// PoDoFo 0.9.8 writes a document only whole, from memory (PdfMemDocument::Write); a book of a
// thousand articles would then hold every content stream and structure element at once. Here
// PoDoFo still builds the objects, but each one is serialised (PdfObject::WriteObject, the
// bytes PoDoFo's own writer makes) as soon as it is finished and then forgotten: its number
// and offset are all that stays, for the cross-reference table written at the end.
#pragma once

#include "base/sha256.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace PoDoFo {
class PdfObject;
class PdfVecObjects;
class PdfReference;
}  // namespace PoDoFo

namespace quire::inline v0::pdf {

/// Where the bytes of a PDF go, in order (a string, a file).
using ByteSink = std::function<void(std::string_view)>;

class ObjectOut {
public:
    /// Writes the header (PDF 1.7, with the binary-comment line) to `sink`.
    /// `version`: the header's, "1.7" (a print file's, PDF/X-4: "1.6").
    explicit ObjectOut(ByteSink sink, const char* version = "1.7");

    /// Writes `obj` (an indirect object) now.
    void write(const PoDoFo::PdfObject& obj);

    /// Writes `obj`, one of `objects`', now, then removes it from them and deletes it; its
    /// number is never given to another object.
    void flush(PoDoFo::PdfVecObjects& objects, PoDoFo::PdfObject* obj);

    /// Writes every object left in `objects`, then the cross-reference table and the trailer
    /// naming `root` and `info`, with a file identifier made from the bytes written.
    void finish(PoDoFo::PdfVecObjects& objects, const PoDoFo::PdfReference& root,
                const PoDoFo::PdfReference& info);

    /// Bytes written so far.
    std::uint64_t size() const { return offset_; }

private:
    void put(std::string_view bytes);

    ByteSink sink_;
    std::uint64_t offset_ = 0;
    std::vector<std::uint64_t> offsets_;  ///< by object number; 0: not written
    Sha256 hash_;
};

}  // namespace quire::inline v0::pdf

// pdf/object_out: see object_out.hpp.
#include "pdf/object_out.hpp"

#include <podofo/podofo.h>

#include <cstdio>
#include <stdexcept>

namespace quire::inline v0::pdf {

using namespace PoDoFo;

ObjectOut::ObjectOut(ByteSink sink, const char* version) : sink_(std::move(sink)) {
    // The second line's bytes above 127 tell transfer tools the file is binary.
    put(std::string("%PDF-") + version + "\n%\xE2\xE3\xCF\xD3\n");
}

void ObjectOut::put(std::string_view bytes) {
    sink_(bytes);
    hash_.update(bytes);
    offset_ += bytes.size();
}

void ObjectOut::write(const PdfObject& obj) {
    const std::size_t n = obj.Reference().ObjectNumber();
    if (n == 0 || obj.Reference().GenerationNumber() != 0)
        throw std::logic_error("ObjectOut: not an indirect object of generation 0");
    if (offsets_.size() <= n) offsets_.resize(n + 1, 0);
    if (offsets_[n] != 0) throw std::logic_error("ObjectOut: object written twice");
    offsets_[n] = offset_;
    PdfRefCountedBuffer buf;
    PdfOutputDevice dev(&buf);
    obj.WriteObject(&dev, ePdfWriteMode_Compact, nullptr);
    put(std::string_view(buf.GetBuffer(), dev.GetLength()));
}

void ObjectOut::flush(PdfVecObjects& objects, PdfObject* obj) {
    write(*obj);
    delete objects.RemoveObject(obj->Reference(), /*bMarkAsFree=*/false);
}

void ObjectOut::finish(PdfVecObjects& objects, const PdfReference& root, const PdfReference& info) {
    for (PdfObject* o : objects) write(*o);
    const std::size_t size = std::max<std::size_t>(offsets_.size(), objects.GetObjectCount());
    offsets_.resize(size, 0);

    // The identifier: the first 16 bytes of the SHA-256 of everything before the table (the
    // same bytes give the same file, as PDF/A asks of a document's two identifiers here).
    const auto digest = hash_.digest();
    std::string id;
    char hex[3];
    for (int i = 0; i < 16; ++i) {
        std::snprintf(hex, sizeof hex, "%02X", digest[static_cast<std::size_t>(i)]);
        id += hex;
    }

    const std::uint64_t xref = offset_;
    std::string t = "xref\n0 " + std::to_string(size) + "\n";
    // Numbers never written (none are expected) are free entries chained from entry 0.
    std::vector<std::size_t> free;
    for (std::size_t n = 1; n < size; ++n)
        if (offsets_[n] == 0) free.push_back(n);
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 65535 f \n", free.empty() ? 0 : free.front());
    t += line;
    std::size_t next_free = 0;
    for (std::size_t n = 1; n < size; ++n) {
        if (offsets_[n] != 0) {
            std::snprintf(line, sizeof line, "%010llu 00000 n \n",
                          static_cast<unsigned long long>(offsets_[n]));
        } else {
            ++next_free;
            std::snprintf(line, sizeof line, "%010zu 00001 f \n",
                          next_free < free.size() ? free[next_free] : 0);
        }
        t += line;
        if (t.size() >= 65536) {  // the table goes out in pieces: a book's is megabytes
            sink_(t);
            offset_ += t.size();
            t.clear();
        }
    }
    t += "trailer\n<</ID[<" + id + "><" + id + ">]/Info " + std::to_string(info.ObjectNumber()) +
         " 0 R/Root " + std::to_string(root.ObjectNumber()) + " 0 R/Size " + std::to_string(size) +
         ">>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    sink_(t);
    offset_ += t.size();
}

}  // namespace quire::inline v0::pdf

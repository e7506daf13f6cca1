// pdf/tagging: the tagged PDF's logical structure (ISO 32000-1 14.7, 14.8; PDF/UA-1 7).
//
// While the content streams are written, every marked-content sequence is recorded here with
// the structure element it belongs to (MarkedContent); every link annotation with its Link
// element. write_structure() then makes the StructTreeRoot, one StructElem per element that
// has content, its kids in reading order (layout's `order`, not the order of the pages), the
// ParentTree (page MCIDs and annotations back to their elements) and the IDTree (notes).
#pragma once

#include "layout/frame.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace PoDoFo {
class PdfMemDocument;
class PdfObject;
class PdfReference;
}  // namespace PoDoFo

namespace quire::pdf {

class ObjectOut;

/// The marked content of one document: per page, the element and reading order of each MCID.
class MarkedContent {
public:
    explicit MarkedContent(std::size_t pages = 0) : pages_(pages) {}

    /// The document has `n` pages (pages may be written in any order).
    void resize(std::size_t n) { pages_.resize(std::max(n, pages_.size())); }

    /// A new MCID on page `page` for element `elem`, read at `order` within it.
    int add(std::size_t page, int elem, std::uint64_t order) {
        resize(page + 1);
        auto& p = pages_[page];
        p.push_back({elem, order});
        return static_cast<int>(p.size() - 1);
    }

    /// A link annotation (its object number) on page `page`, the OBJR of element `elem`. Its
    /// /StructParent is key (pages + j), j its index here: set by the caller, who may write the
    /// annotation out before the structure.
    void add_annotation(std::size_t page, int elem, std::uint32_t annot) {
        annots_.push_back({page, elem, annot});
    }

    struct Mcid {
        int elem = -1;
        std::uint64_t order = 0;
    };
    struct Annotation {
        std::size_t page = 0;
        int elem = -1;
        std::uint32_t annot = 0;  ///< its object number
    };
    const std::vector<std::vector<Mcid>>& pages() const { return pages_; }
    const std::vector<Annotation>& annotations() const { return annots_; }

private:
    std::vector<std::vector<Mcid>> pages_;
    std::vector<Annotation> annots_;
};

/// Writes the structure tree of `structure` for the marked content recorded in `mc` into
/// `pdf` (whose page objects, those of mc, are `pages`): StructTreeRoot, StructElems, ParentTree,
/// IDTree, /StructParents on pages, /StructParent and /Contents on annotations, /MarkInfo. Elements
/// without content (nor descendants with content) are left out, except table cells. The
/// elements are written to `out` as they are made; the root stays in `pdf`.
void write_structure(PoDoFo::PdfMemDocument& pdf, const std::vector<PoDoFo::PdfReference>& pages,
                     const layout::Structure& structure, const MarkedContent& mc, ObjectOut& out);

}  // namespace quire::pdf

// pdf/tagging: the tagged PDF's logical structure (ISO 32000-1 14.7, 14.8; PDF/UA-1 7).
//
// While a page's content stream is written, every marked-content sequence is recorded with
// the structure element it belongs to (MarkedContent). StructureWriter then takes each page's
// record (its ParentTree entry is written at once) and each link annotation, and writes the
// elements as they become complete: one StructElem per element that has content, its kids in
// reading order (layout's `order`, not the order of the pages). A book hands over each
// article's elements once its pages are written (and forgets them); the rest, the ParentTree
// (page MCIDs and annotations back to their elements), the IDTree (notes) and the
// StructTreeRoot come at the end. What stays in memory is one number per element not yet
// written, and the notes' IDs.
#pragma once

#include "layout/frame.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace PoDoFo {
class PdfMemDocument;
class PdfVecObjects;
class PdfReference;
}  // namespace PoDoFo

namespace quire::inline v0::pdf {

class ObjectOut;

/// The marked content of the pages being written: per page, the element and reading order of
/// each MCID. (Pages are few at a time: the one being written.)
class MarkedContent {
public:
    struct Mcid {
        int elem = -1;
        std::uint64_t order = 0;
    };

    /// A new MCID on page `page` for element `elem`, read at `order` within it.
    int add(std::size_t page, int elem, std::uint64_t order) {
        auto& p = at(page);
        p.push_back({elem, order});
        return static_cast<int>(p.size() - 1);
    }

    /// Page `page`'s MCIDs, which are forgotten here.
    std::vector<Mcid> take(std::size_t page) {
        for (auto it = pages_.begin(); it != pages_.end(); ++it)
            if (it->first == page) {
                std::vector<Mcid> m = std::move(it->second);
                pages_.erase(it);
                return m;
            }
        return {};
    }

private:
    std::vector<Mcid>& at(std::size_t page) {
        for (auto& p : pages_)
            if (p.first == page) return p.second;
        pages_.emplace_back(page, std::vector<Mcid>());
        return pages_.back().second;
    }

    std::vector<std::pair<std::size_t, std::vector<Mcid>>> pages_;
};

/// Writes the logical structure to `out` as it completes (see the top of this file). Elements
/// without content (nor descendants with content) are left out, except table cells.
class StructureWriter {
public:
    StructureWriter(PoDoFo::PdfVecObjects& objects, ObjectOut& out);
    ~StructureWriter();
    StructureWriter(const StructureWriter&) = delete;
    StructureWriter& operator=(const StructureWriter&) = delete;

    /// Page object `page` with its MCIDs (MarkedContent::take), which point into `st`: the
    /// page's ParentTree entry is written; its /StructParents key, or -1 without marked content.
    long long page(std::uint32_t page, const std::vector<MarkedContent::Mcid>& mcids,
                   const layout::Structure& st);

    /// A link annotation (object `annot`) on page object `page`, the OBJR of element `elem`:
    /// its /StructParent key.
    long long annotation(std::uint32_t page, int elem, std::uint32_t annot);

    /// Elements `first`.. of `st` are complete (every page with their content given): they
    /// are written and forgotten here, and the caller may use their indices again.
    void write(const layout::Structure& st, std::size_t first);

    /// Writes the elements left, the ParentTree, the IDTree and the StructTreeRoot, and names
    /// it (with /MarkInfo) in the catalog. Nothing when the document has no structure.
    void finish(PoDoFo::PdfMemDocument& pdf, const layout::Structure& st);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace quire::inline v0::pdf

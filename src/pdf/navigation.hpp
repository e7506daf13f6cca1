// pdf/navigation: what leads from one place of the PDF to another: the pages' object numbers
// (reserved in order, so that a destination can name a page not written yet), the named
// destinations and their name tree, the link annotations and the outline.
//
// Pages, links and destinations are made here rather than through PoDoFo's PdfPage and page
// tree, whose look-ups walk every page. Each destination's array is written when it is first
// seen, each link when its page is written (or, when its destination comes later, at the
// end), the outline at the end, each item as soon as its neighbours are known.
#pragma once

#include "layout/frame.hpp"
#include "pdf/object_out.hpp"

#include <podofo/podofo.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace quire::inline v0::pdf {

class StructureWriter;

class Navigation {
public:
    /// Objects are numbered in `objects` and written to `out`; `bleed` is the trim's offset
    /// in the MediaBox, by which every position is moved.
    Navigation(PoDoFo::PdfVecObjects& objects, ObjectOut& out, double bleed)
        : objects_(objects), out_(out), bleed_(bleed) {}

    /// Page i's object number, reserved with those before it. Pages are written as their own
    /// objects, not through PoDoFo's page tree (whose insertions and look-ups walk every
    /// page, quadratic in a book); the tree, one /Kids array, is made at the end.
    const PoDoFo::PdfReference& page_ref(std::size_t i);

    /// The pages' object numbers reserved so far, in page order.
    const std::vector<PoDoFo::PdfReference>& page_refs() const { return page_refs_; }

    /// Takes the destinations the document has that were not seen yet; each one's array is
    /// written now (the first of a name counts, as a name tree holds one).
    void add_destinations(const std::vector<layout::Destination>& all);

    /// The link annotations of page `i`, pointing into `st`, each the content of its Link
    /// element (its /StructParent key from `structure`): each whose destination is known is
    /// written now, the others by write_late_links(). Their references: the page's /Annots.
    PoDoFo::PdfArray links(std::size_t i, const std::vector<layout::Link>& links,
                           const layout::Structure& st, StructureWriter& structure);

    /// Writes the links whose destinations came after their pages (or never: then they lead
    /// nowhere, as an annotation the structure already names must exist).
    void write_late_links();

    /// Writes the named destinations' tree (catalog /Names /Dests), in name order.
    void write_names(PoDoFo::PdfMemDocument& pdf);

    /// Writes the outline of `entries` and names it in the catalog (opened with the document).
    void write_outline(PoDoFo::PdfMemDocument& pdf,
                       const std::vector<layout::OutlineEntry>& entries);

private:
    /// A destination as the links and the outline need it; its array's object number (the
    /// name tree's value), written when it is first seen.
    struct Dest {
        std::size_t page = 0;
        double x = 0, y = 0;
        std::uint32_t object = 0;
    };
    /// A link annotation whose destination was not known when its page was written: made at
    /// the end (its number, structure key and text are fixed already).
    struct LateLink {
        std::uint32_t object = 0;
        std::size_t page = 0;
        layout::Link link;
        std::string contents;
        long long key = -1;
    };
    /// An outline item and its neighbours (indices into the items; -1: none).
    struct OutlineItem {
        const layout::OutlineEntry* entry;
        const Dest* dest;
        int parent = -1, prev = -1, next = -1, first = -1, last = -1;
    };

    PoDoFo::PdfArray destination(std::size_t i, double x, double y);
    PoDoFo::PdfDictionary annotation(const layout::Link& l, std::size_t page,
                                     const std::string& says);
    std::vector<OutlineItem> outline_items(const std::vector<layout::OutlineEntry>& entries,
                                           int& root_first, int& root_last) const;

    PoDoFo::PdfVecObjects& objects_;
    ObjectOut& out_;
    double bleed_;
    std::vector<PoDoFo::PdfReference> page_refs_;  ///< the pages' object numbers, reserved
    std::map<std::string, Dest> dests_;            ///< by name (the name tree's order)
    std::size_t dests_seen_ = 0;                   ///< of the document's destinations
    std::vector<LateLink> late_;
};

}  // namespace quire::inline v0::pdf

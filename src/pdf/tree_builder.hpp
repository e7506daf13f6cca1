// pdf/tree_builder: number and name trees (ISO 32000-1 7.9.6, 7.9.7) written as they fill.
#pragma once

#include "pdf/object_out.hpp"

#include <podofo/podofo.h>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace quire::inline v0::pdf {

/// Reserves `count` consecutive object numbers in `objects` (written by the caller through
/// ObjectOut, never made there) and returns the first.
inline std::uint32_t reserve_objects(PoDoFo::PdfVecObjects& objects, std::size_t count) {
    const std::size_t first = objects.GetObjectCount();
    if (count > 0)
        objects.SetObjectCount(
            PoDoFo::PdfReference(static_cast<std::uint32_t>(first + count - 1), 0));
    return static_cast<std::uint32_t>(first);
}

/// A number or name tree (ISO 32000-1 7.9.6, 7.9.7) of `pairs` (key, value, key,
/// value... in key order) under `kind` ("Nums" or "Names"): the pairs themselves when few,
/// else leaves of kLeaf entries, each written as soon as it is full, under /Kids (a book's
/// tens of thousands of entries never stand in memory as one array, and readers look up
/// a key without reading them all).
class TreeBuilder {
public:
    TreeBuilder(const char* kind, PoDoFo::PdfVecObjects& objects, ObjectOut& out)
        : kind_(kind), objects_(objects), out_(out) {}

    void add(const PoDoFo::PdfVariant& key, const PoDoFo::PdfVariant& value) {
        if (pairs_.empty()) first_ = key;
        last_ = key;
        pairs_.push_back(key);
        pairs_.push_back(value);
        if (pairs_.size() >= 2 * kLeaf) leaf();
    }

    /// The tree's root dictionary, or nothing for an empty tree.
    std::optional<PoDoFo::PdfDictionary> finish() {
        if (kids_.empty() && pairs_.empty()) return std::nullopt;
        PoDoFo::PdfDictionary root;
        if (kids_.empty()) {
            root.AddKey(kind_, pairs_);
            return root;
        }
        if (!pairs_.empty()) leaf();
        root.AddKey("Kids", kids_);
        return root;
    }

private:
    static constexpr std::size_t kLeaf = 256;

    void leaf() {
        const std::size_t n = objects_.GetObjectCount();
        const PoDoFo::PdfReference ref(static_cast<std::uint32_t>(n), 0);
        objects_.SetObjectCount(ref);  // reserved: written here, never made in `objects`
        PoDoFo::PdfObject leaf(ref, PoDoFo::PdfDictionary());
        PoDoFo::PdfArray limits;
        limits.push_back(first_);
        limits.push_back(last_);
        leaf.GetDictionary().AddKey("Limits", limits);
        leaf.GetDictionary().AddKey(kind_, pairs_);
        out_.write(leaf);
        kids_.push_back(ref);
        pairs_.clear();
    }

    PoDoFo::PdfName kind_;
    PoDoFo::PdfVecObjects& objects_;
    ObjectOut& out_;
    PoDoFo::PdfArray pairs_, kids_;
    PoDoFo::PdfVariant first_, last_;
};

}  // namespace quire::inline v0::pdf

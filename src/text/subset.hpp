// text/subset: HarfBuzz's objects with owners, for the font subsets of both backends (the PDF's
// embedded fonts, the EPUB's font files), so that no path leaks or double-frees one.
//
// hb-subset takes an input (the glyphs or code points to keep, the tables to drop, flags) and a
// face, and gives a new face; its bytes are a blob. Each is reference-counted by HarfBuzz and
// owned here by a unique_ptr that drops its reference.
#pragma once

#include <hb-subset.h>
#include <hb.h>

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

namespace quire::inline v0::text::hb {

template <typename T, void (*Destroy)(T*)>
struct Deleter {
    void operator()(T* p) const { Destroy(p); }
};

using FacePtr = std::unique_ptr<hb_face_t, Deleter<hb_face_t, hb_face_destroy>>;
using BlobPtr = std::unique_ptr<hb_blob_t, Deleter<hb_blob_t, hb_blob_destroy>>;
using SubsetInputPtr =
    std::unique_ptr<hb_subset_input_t, Deleter<hb_subset_input_t, hb_subset_input_destroy>>;
using SubsetPlanPtr =
    std::unique_ptr<hb_subset_plan_t, Deleter<hb_subset_plan_t, hb_subset_plan_destroy>>;

/// A new, empty subset input; null when HarfBuzz cannot allocate one.
SubsetInputPtr subset_input();

/// Adds each of `values` (glyph ids, code points, tags) to `set`.
template <class Range>
void add_all(hb_set_t* set, const Range& values) {
    for (const auto v : values) hb_set_add(set, static_cast<hb_codepoint_t>(v));
}

/// Sets which OpenType layout features the subset keeps: all of them (a reading system shapes
/// the text itself) or none (the glyphs are placed already).
void keep_layout_features(hb_subset_input_t* input, bool all);

/// Drops the tables named by `tags` ("GSUB", "DSIG") from the subset.
void drop_tables(hb_subset_input_t* input, std::initializer_list<const char*> tags);

/// The subset of `face` that `input` asks for; null when hb-subset fails.
FacePtr subset(hb_face_t* face, hb_subset_input_t* input);

/// The bytes `blob` holds (empty for none); valid while the blob lives.
std::string_view blob_data(hb_blob_t* blob);

/// The font file of `face` (all its tables), as bytes.
std::string face_bytes(hb_face_t* face);

}  // namespace quire::inline v0::text::hb

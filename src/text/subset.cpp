// text/subset: see subset.hpp.
#include "text/subset.hpp"

namespace quire::inline v0::text::hb {

SubsetInputPtr subset_input() {
    return SubsetInputPtr(hb_subset_input_create_or_fail());
}

void keep_layout_features(hb_subset_input_t* input, bool all) {
    hb_set_t* features = hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
    hb_set_clear(features);
    if (all) hb_set_invert(features);
}

void drop_tables(hb_subset_input_t* input, std::initializer_list<const char*> tags) {
    hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (const char* t : tags) hb_set_add(drop, hb_tag_from_string(t, -1));
}

FacePtr subset(hb_face_t* face, hb_subset_input_t* input) {
    return FacePtr(hb_subset_or_fail(face, input));
}

std::string_view blob_data(hb_blob_t* blob) {
    unsigned len = 0;
    const char* data = hb_blob_get_data(blob, &len);
    return data ? std::string_view(data, len) : std::string_view();
}

std::string face_bytes(hb_face_t* face) {
    const BlobPtr blob(hb_face_reference_blob(face));
    return std::string(blob_data(blob.get()));
}

}  // namespace quire::inline v0::text::hb

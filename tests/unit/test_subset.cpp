// Unit tests of text/subset: HarfBuzz objects with owners and the hb-subset helpers both
// backends use.
#include "text/subset.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace hb = quire::text::hb;

namespace {

const char* const kNotoSerif = "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf";

hb::FacePtr load(const char* path) {
    const hb::BlobPtr blob(hb_blob_create_from_file_or_fail(path));
    REQUIRE(blob);
    return hb::FacePtr(hb_face_create(blob.get(), 0));
}

}  // namespace

TEST_CASE("hb::subset keeps the asked code points and gives a font file", "[text][subset]") {
    const hb::FacePtr face = load(kNotoSerif);
    const unsigned glyphs = hb_face_get_glyph_count(face.get());
    REQUIRE(glyphs > 100);

    const hb::SubsetInputPtr input = hb::subset_input();
    REQUIRE(input);
    hb::add_all(hb_subset_input_unicode_set(input.get()), std::u32string(U"AB\u00E9"));
    CHECK(hb_set_get_population(hb_subset_input_unicode_set(input.get())) == 3);
    hb::keep_layout_features(input.get(), false);
    hb::drop_tables(input.get(), {"GSUB", "GPOS"});
    hb_set_t* drop = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
    CHECK(hb_set_has(drop, HB_TAG('G', 'S', 'U', 'B')));
    CHECK(hb_set_has(drop, HB_TAG('G', 'P', 'O', 'S')));

    const hb::FacePtr sub = hb::subset(face.get(), input.get());
    REQUIRE(sub);
    const unsigned sub_glyphs = hb_face_get_glyph_count(sub.get());
    CHECK(sub_glyphs >= 4);  // .notdef, A, B, é (and what é is made of)
    CHECK(sub_glyphs < 20);
    const hb::BlobPtr gsub(hb_face_reference_table(sub.get(), HB_TAG('G', 'S', 'U', 'B')));
    CHECK(hb::blob_data(gsub.get()).empty());  // dropped

    const std::string bytes = hb::face_bytes(sub.get());
    REQUIRE(bytes.size() > 12);
    CHECK(bytes.compare(0, 4, std::string("\0\1\0\0", 4)) == 0);  // a TrueType font file
    // The bytes are a font HarfBuzz reads back with the same glyphs.
    const hb::BlobPtr again(hb_blob_create(bytes.data(), static_cast<unsigned>(bytes.size()),
                                           HB_MEMORY_MODE_READONLY, nullptr, nullptr));
    const hb::FacePtr reread(hb_face_create(again.get(), 0));
    CHECK(hb_face_get_glyph_count(reread.get()) == sub_glyphs);
}

TEST_CASE("hb::keep_layout_features keeps all or none", "[text][subset]") {
    const hb::SubsetInputPtr input = hb::subset_input();
    REQUIRE(input);
    hb_set_t* features = hb_subset_input_set(input.get(), HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
    CHECK_FALSE(hb_set_is_empty(features));  // HarfBuzz's default list
    hb::keep_layout_features(input.get(), false);
    CHECK(hb_set_is_empty(features));
    hb::keep_layout_features(input.get(), true);
    CHECK(hb_set_has(features, HB_TAG('s', 'w', 's', 'h')));  // not in the default list
    CHECK(hb_set_has(features, HB_TAG('l', 'i', 'g', 'a')));
}

TEST_CASE("hb::blob_data of an empty blob is empty", "[text][subset]") {
    CHECK(hb::blob_data(hb_blob_get_empty()).empty());
    const hb::FacePtr face = load(kNotoSerif);
    const hb::BlobPtr head(hb_face_reference_table(face.get(), HB_TAG('h', 'e', 'a', 'd')));
    CHECK(hb::blob_data(head.get()).size() == 54);
}

// base/image_check: whether an image file can be embedded, decoded in full before it is.
//
// A damaged, truncated or oversized image must not fail a whole article in the PDF writer
// (libpng's and libjpeg's errors, a decompression bomb's minutes and gigabytes): the readers
// check each image here and leave out what does not decode, with a warning and the alt text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace quire::inline v0 {

/// What is wrong with the PNG or JPEG file at `path`, as a phrase that follows "the image 'x'"
/// ("is damaged: PNG data ends early", "has 400000000 pixels (20000 x 20000), more than ..."),
/// or empty when it decodes completely. Images of more than `max_pixels` pixels are refused from
/// their header, before any pixel is decoded; rows are decoded one at a time, in constant memory.
std::string check_image(const std::string& path, std::uint64_t max_pixels);

/// check_image() of an image's bytes in memory.
std::string check_image_bytes(std::string_view bytes, std::uint64_t max_pixels);

}  // namespace quire::inline v0

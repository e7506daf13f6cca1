// base/image_info: the size of a PNG or JPEG image, read from its header.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace quire::inline v0 {

/// What layout needs of an image file.
struct ImageInfo {
    enum class Format { png, jpeg } format = Format::png;
    int width = 0, height = 0;    ///< pixels
    double dpi_x = 0, dpi_y = 0;  ///< resolution stated in the file (PNG pHYs, JFIF); 0: none
};

/// The format and size of a PNG or JPEG file, or nullopt when it is neither or is damaged.
std::optional<ImageInfo> probe_image(const std::string& path);

/// probe_image() of a file's bytes already in memory (the same reading, e.g. for fuzzing).
std::optional<ImageInfo> probe_image_bytes(std::string_view bytes);

}  // namespace quire::inline v0

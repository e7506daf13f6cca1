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

/// probe_image() of an image that is either bytes in memory (`data`, when set: what
/// ReadOptions::images gave) or a file; nullopt for neither.
inline std::optional<ImageInfo> probe_image(const std::string& path, const std::string* data) {
    if (data) return probe_image_bytes(*data);
    if (path.empty()) return std::nullopt;
    return probe_image(path);
}

}  // namespace quire::inline v0

// base/image_info: see image_info.hpp. Reads only headers: PNG's IHDR and pHYs chunks, JPEG's
// JFIF APP0 segment and its first start-of-frame marker.
#include "base/image_info.hpp"

#include <cstdint>
#include <fstream>
#include <istream>
#include <sstream>
#include <string_view>
#include <vector>

namespace quire::inline v0 {

namespace {

std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           p[3];
}
std::uint16_t be16(const unsigned char* p) {
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}

std::optional<ImageInfo> png(std::istream& in) {
    ImageInfo info;
    info.format = ImageInfo::Format::png;
    in.seekg(8);
    unsigned char head[8];
    for (int chunks = 0; chunks < 64 && in.read(reinterpret_cast<char*>(head), 8); ++chunks) {
        const std::uint32_t len = be32(head);
        const std::string_view type(reinterpret_cast<const char*>(head + 4), 4);
        if (len > (1u << 26)) return std::nullopt;
        if (type == "IDAT" || type == "IEND") break;
        std::vector<unsigned char> data(len + 4);  // with the CRC
        if (!in.read(reinterpret_cast<char*>(data.data()), static_cast<std::streamsize>(len + 4)))
            return std::nullopt;
        if (type == "IHDR" && len >= 8) {
            info.width = static_cast<int>(be32(data.data()));
            info.height = static_cast<int>(be32(data.data() + 4));
        } else if (type == "pHYs" && len >= 9 && data[8] == 1) {  // pixels per metre
            info.dpi_x = be32(data.data()) * 0.0254;
            info.dpi_y = be32(data.data() + 4) * 0.0254;
        }
    }
    if (info.width <= 0 || info.height <= 0) return std::nullopt;
    return info;
}

std::optional<ImageInfo> jpeg(std::istream& in) {
    ImageInfo info;
    info.format = ImageInfo::Format::jpeg;
    in.seekg(2);
    unsigned char m[4];
    for (int segments = 0; segments < 512 && in.read(reinterpret_cast<char*>(m), 2); ++segments) {
        if (m[0] != 0xFF) return std::nullopt;
        const unsigned marker = m[1];
        if (marker == 0xFF) {  // fill byte
            in.seekg(-1, std::ios::cur);
            continue;
        }
        if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) continue;
        if (!in.read(reinterpret_cast<char*>(m + 2), 2)) return std::nullopt;
        const std::uint16_t len = be16(m + 2);
        if (len < 2) return std::nullopt;
        std::vector<unsigned char> data(len - 2u);
        if (!in.read(reinterpret_cast<char*>(data.data()),
                     static_cast<std::streamsize>(data.size())))
            return std::nullopt;
        const bool sof =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (marker == 0xE0 && data.size() >= 12 &&
            std::string_view(reinterpret_cast<const char*>(data.data()), 5) ==
                std::string_view("JFIF\0", 5)) {
            const unsigned units = data[7];
            const double dx = be16(data.data() + 8), dy = be16(data.data() + 10);
            if (units == 1) info.dpi_x = dx, info.dpi_y = dy;
            if (units == 2) info.dpi_x = dx * 2.54, info.dpi_y = dy * 2.54;
        } else if (sof && data.size() >= 5) {
            info.height = be16(data.data() + 1);
            info.width = be16(data.data() + 3);
            break;
        } else if (marker == 0xDA) {
            break;  // start of scan before any frame: damaged
        }
    }
    if (info.width <= 0 || info.height <= 0) return std::nullopt;
    return info;
}

std::optional<ImageInfo> probe(std::istream& in) {
    unsigned char magic[8] = {};
    if (!in.read(reinterpret_cast<char*>(magic), 8)) return std::nullopt;
    if (std::string_view(reinterpret_cast<const char*>(magic), 8) ==
        std::string_view("\x89PNG\r\n\x1a\n", 8))
        return png(in);
    if (magic[0] == 0xFF && magic[1] == 0xD8) return jpeg(in);
    return std::nullopt;
}

}  // namespace

std::optional<ImageInfo> probe_image(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return probe(in);
}

std::optional<ImageInfo> probe_image_bytes(std::string_view bytes) {
    std::istringstream in(std::string(bytes), std::ios::binary);
    return probe(in);
}

}  // namespace quire::inline v0

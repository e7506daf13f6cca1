// base/deflate: DEFLATE compression for the backends (PDF streams, EPUB zip entries), through
// Debian's libdeflate, which compresses a whole buffer at once, several times faster than
// zlib's stream interface for the same size.
//
// Each thread keeps one libdeflate compressor per level (its tables are some 100 KB), made at
// its first use and kept for every later buffer. The output is a pure function of the input
// bytes, the level and the format (same library).
#pragma once

#include "base/result.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace quire::inline v0::deflate {

/// The container around the DEFLATE data.
enum class Format {
    raw,   ///< bare DEFLATE (RFC 1951), as zip entries hold it
    zlib,  ///< zlib (RFC 1950), as a PDF's /FlateDecode streams hold it
};

/// Compresses `data` at `level` (1-12; clamped) into `out`, replacing its contents (a buffer
/// kept for the next call saves an allocation), and returns the compressed size, 0 when
/// libdeflate fails (`out` unspecified then); an error (without a place) when no compressor
/// can be allocated.
Result<std::size_t> compress(std::string_view data, int level, Format format, std::string& out);

/// `data` compressed at `level` in `format`; an error (without a place) when compression fails.
Result<std::string> compress(std::string_view data, int level, Format format);

/// The CRC-32 of `data` (as zip and PNG use it).
std::uint32_t crc32(std::string_view data);

}  // namespace quire::inline v0::deflate

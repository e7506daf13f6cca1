// pdf/flate: Flate-compressed PDF streams at a chosen level, without PoDoFo's filter chain.
//
// PoDoFo 0.9.8 compresses every stream with zlib at its default level (6), through a deflate
// state it allocates and initialises per stream (some 270 KB). Here streams go through
// base/deflate (Debian's libdeflate, a compressor kept per thread and level: whole-buffer
// DEFLATE, several times faster than zlib for the same size) and the level trades a little size
// for time (see kFlateLevel). The output is a pure function of the input bytes (same library,
// same level).
#pragma once

#include "base/result.hpp"

#include <cstddef>
#include <string>

namespace PoDoFo {
class PdfObject;
}  // namespace PoDoFo

namespace quire::inline v0::pdf {

/// libdeflate level for content streams and the other text-like streams. On the seed article's
/// 13 streams (68.7 KB before compression), one thread: libdeflate 4 gives 23.6 KB in 0.69 ms,
/// 5 23.1 KB in 0.93 ms, 6 22.9 KB in 1.18 ms, 9 22.7 KB in 3.5 ms; zlib 4 (used before) gave
/// 24.2 KB in 1.4 ms. Its three page contents alone: level 1 10.8 KB, 4 9.4 KB, 6 8.8 KB.
constexpr int kFlateLevel = 4;

/// libdeflate level for font programs, whose glyph data gains little from a slower search: the
/// seed's three subsets give 12.4 KB at level 1 in 0.15 ms, 12.2 KB at level 4 in 0.27 ms.
constexpr int kFontFlateLevel = 1;

/// `data` deflated (zlib format, as /FlateDecode expects) at `level` (1-12); an error (without
/// a place) when libdeflate fails.
Result<std::string> deflate_bytes(const char* data, std::size_t size, int level = kFlateLevel);

/// Sets the stream of `obj` to `data` compressed with Flate at `level`, with /Filter
/// /FlateDecode; an error (without a place) when libdeflate fails.
Result<Unit> set_flate_stream(PoDoFo::PdfObject* obj, const char* data, std::size_t size,
                              int level = kFlateLevel);

}  // namespace quire::inline v0::pdf

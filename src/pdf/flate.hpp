// pdf/flate: Flate-compressed PDF streams at a chosen level, without PoDoFo's filter chain.
//
// PoDoFo 0.9.8 compresses every stream with zlib at its default level (6), through a deflate
// state it allocates and initialises per stream (some 270 KB). Here each thread keeps one
// libdeflate compressor (Debian's libdeflate: whole-buffer DEFLATE, several times faster than
// zlib for the same size) and the level trades a little size for time (see kFlateLevel). The
// output is a pure function of the input bytes (same library, same level).
#pragma once

#include <cstddef>
#include <string>

namespace PoDoFo {
class PdfObject;
}  // namespace PoDoFo

namespace quire::pdf {

/// libdeflate level for every compressed stream. On the seed article's 13 streams (68.7 KB
/// before compression), one thread: libdeflate 4 gives 23.6 KB in 0.69 ms, 5 23.1 KB in 0.93 ms,
/// 6 22.9 KB in 1.18 ms, 9 22.7 KB in 3.5 ms; zlib 4 (used before) gave 24.2 KB in 1.4 ms.
constexpr int kFlateLevel = 4;

/// `data` deflated (zlib format, as /FlateDecode expects) at kFlateLevel.
std::string deflate_bytes(const char* data, std::size_t size);

/// Sets the stream of `obj` to `data` compressed with Flate, with /Filter /FlateDecode.
void set_flate_stream(PoDoFo::PdfObject* obj, const char* data, std::size_t size);

}  // namespace quire::pdf

// pdf/flate: Flate-compressed PDF streams at a chosen level, without PoDoFo's filter chain.
//
// PoDoFo 0.9.8 compresses every stream at zlib's default level (6) through a deflate state it
// allocates and initialises per stream (some 270 KB). Here each thread keeps one deflate state
// and resets it per stream, and the level trades a little size for a lot of time (see
// kFlateLevel). The output is a pure function of the input bytes (same zlib, same level).
#pragma once

#include <cstddef>
#include <string>

namespace PoDoFo {
class PdfObject;
}  // namespace PoDoFo

namespace quire::pdf {

/// zlib level for every compressed stream. On the seed article's streams (70 KB before
/// compression) level 6 takes 2.3 ms for 22.6 KB, level 4 1.4 ms for 23.7 KB (+5 %, +3.5 % of
/// the whole PDF), level 1 1.1 ms for 26.2 KB.
constexpr int kFlateLevel = 4;

/// `data` deflated (zlib format, as /FlateDecode expects) at kFlateLevel.
std::string deflate_bytes(const char* data, std::size_t size);

/// Sets the stream of `obj` to `data` compressed with Flate, with /Filter /FlateDecode.
void set_flate_stream(PoDoFo::PdfObject* obj, const char* data, std::size_t size);

}  // namespace quire::pdf

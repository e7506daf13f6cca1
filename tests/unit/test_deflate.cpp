// Unit tests of base/deflate: zlib and raw DEFLATE through the thread's compressors, checked by
// decompressing with libdeflate.
#include "base/deflate.hpp"

#include <catch2/catch.hpp>

#include <libdeflate.h>

#include <string>
#include <thread>

namespace deflate = quire::deflate;

namespace {

/// `z` decompressed (`format` as written), or "<error>".
std::string inflate(const std::string& z, deflate::Format format, std::size_t size) {
    libdeflate_decompressor* d = libdeflate_alloc_decompressor();
    std::string out(size, '\0');
    std::size_t n = 0;
    const libdeflate_result r =
        format == deflate::Format::zlib
            ? libdeflate_zlib_decompress(d, z.data(), z.size(), out.data(), out.size(), &n)
            : libdeflate_deflate_decompress(d, z.data(), z.size(), out.data(), out.size(), &n);
    libdeflate_free_decompressor(d);
    if (r != LIBDEFLATE_SUCCESS) return "<error>";
    out.resize(n);
    return out;
}

std::string sample() {
    std::string s;
    for (int i = 0; i < 2000; ++i)
        s += "BT /F1 10 Tf " + std::to_string(i % 97) + " Td (text) Tj ET\n";
    return s;
}

}  // namespace

TEST_CASE("deflate compresses in both formats and round-trips", "[base][deflate]") {
    const std::string s = sample();
    const std::string z = deflate::compress(s, 4, deflate::Format::zlib).value();
    CHECK(z.size() < s.size() / 4);
    REQUIRE(z.size() >= 2);
    CHECK(static_cast<unsigned char>(z[0]) == 0x78);  // a zlib header
    CHECK(inflate(z, deflate::Format::zlib, s.size()) == s);
    std::string raw;
    const std::size_t n = deflate::compress(s, 6, deflate::Format::raw, raw).value();
    REQUIRE(n > 0);
    CHECK(raw.size() == n);
    CHECK(inflate(raw, deflate::Format::raw, s.size()) == s);
    CHECK(inflate(raw, deflate::Format::zlib, s.size()) == "<error>");  // no zlib header
    // Empty input still makes a valid stream.
    CHECK(inflate(deflate::compress("", 4, deflate::Format::zlib).value(), deflate::Format::zlib, 0)
              .empty());
}

TEST_CASE("deflate output depends on the bytes and the level only", "[base][deflate]") {
    const std::string s = sample();
    const std::string a = deflate::compress(s, 1, deflate::Format::zlib).value();
    const std::string b = deflate::compress(s, 12, deflate::Format::zlib).value();
    CHECK(a != b);
    CHECK(b.size() <= a.size());
    CHECK(deflate::compress(s, 1, deflate::Format::zlib).value() ==
          a);  // the kept compressor again
    CHECK(deflate::compress(s, 0, deflate::Format::zlib).value() == a);   // clamped to 1
    CHECK(deflate::compress(s, 99, deflate::Format::zlib).value() == b);  // clamped to 12
    std::string other_thread;
    std::thread t([&] { other_thread = deflate::compress(s, 12, deflate::Format::zlib).value(); });
    t.join();
    CHECK(other_thread == b);
    // A reused buffer holds exactly the new result.
    std::string buf(100000, 'x');
    const std::size_t n =
        deflate::compress("hello hello hello", 6, deflate::Format::raw, buf).value();
    CHECK(buf.size() == n);
    CHECK(inflate(buf, deflate::Format::raw, 17) == "hello hello hello");
}

TEST_CASE("deflate crc32 is the zip checksum", "[base][deflate]") {
    CHECK(deflate::crc32("123456789") == 0xCBF43926u);
    CHECK(deflate::crc32("") == 0u);
}

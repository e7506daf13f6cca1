// base/sha256: SHA-256 (FIPS 180-4), for content-derived identifiers and content hashes.
//
// Used where a stable digest of an article is needed: the EPUB's dc:identifier when none is
// given, and (later) the record of what a batch has already built. Not for secrets.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace quire::inline v0 {

/// Incremental SHA-256.
class Sha256 {
public:
    Sha256();
    Sha256& update(std::string_view data);
    /// The digest; the object must not be updated afterwards.
    std::array<std::uint8_t, 32> digest();
    /// The digest as 64 lowercase hex digits.
    std::string hex();

private:
    void block(const std::uint8_t* p);
    std::array<std::uint32_t, 8> h_;
    std::array<std::uint8_t, 64> buf_{};
    std::size_t used_ = 0;
    std::uint64_t length_ = 0;
};

/// SHA-256 of `data` as hex.
std::string sha256_hex(std::string_view data);

}  // namespace quire::inline v0

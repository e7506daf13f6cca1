// tests/fuzz/fuzz_target: one libFuzzer target, built once per entry point of entry_points.hpp
// (tests/fuzz/CMakeLists.txt defines QUIRE_FUZZ_ENTRY: text, markdown, xml, style, manifest,
// image or pipeline).
#include "fuzz/entry_points.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

#ifndef QUIRE_FUZZ_ENTRY
#error "QUIRE_FUZZ_ENTRY (the entry point in quire::fuzz) must be defined"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    quire::fuzz::QUIRE_FUZZ_ENTRY(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}

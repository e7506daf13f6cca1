// Where tests find the CLI and their inputs (compile definitions set by tests/CMakeLists.txt).
#pragma once

#include <filesystem>
#include <string>

namespace quire::inline v0::test {

inline const std::string kBin = QUIRE_BIN;                      ///< the quire CLI under test
inline const std::filesystem::path kShared = QUIRE_SHARED_DIR;  ///< ../shared (tools, corpus)
inline const std::filesystem::path kFixtures = QUIRE_FIXTURES;  ///< tests/fixtures
/// The example article (a copy of the user's seed article).
inline const std::filesystem::path kSeed =
    std::filesystem::path(QUIRE_SOURCE_DIR) / "examples" / "ukraine-policy-of-japan.txt";
/// The folder of the example, outside tests/fixtures/anthology.yaml's folder: runs of that
/// manifest allow it (--allow-path, read_collection's allowed_paths), as a user would.
inline const std::filesystem::path kExamples = std::filesystem::path(QUIRE_SOURCE_DIR) / "examples";

}  // namespace quire::inline v0::test

// import/manifest: the collection manifest parsed from memory (read_collection, in src/api,
// reads the file, then this); used by the fuzz target tests/fuzz/fuzz_manifest.
#pragma once

#include <quire/collection.hpp>

#include <filesystem>
#include <string_view>
#include <vector>

namespace quire::inline v0::import {

/// A collection manifest from YAML text, as read_collection() reads it: `manifest` names it in
/// errors, and article files are relative to its folder (they must exist, and lie inside it or
/// one of `allowed_paths`).
Result<Collection> parse_manifest(std::string_view text, const std::filesystem::path& manifest,
                                  const std::vector<std::filesystem::path>& allowed_paths = {});

}  // namespace quire::inline v0::import

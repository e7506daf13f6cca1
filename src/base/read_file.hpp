// base/read_file: a whole file's bytes, for readers that only need to know whether it could be
// read (error messages of their own, or none: a cache's journal, a dictionary that may be absent).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace quire::inline v0 {

/// The bytes of the regular file `p`; nullopt when it is not one or cannot be read.
std::optional<std::string> read_whole_file(const std::filesystem::path& p);

}  // namespace quire::inline v0

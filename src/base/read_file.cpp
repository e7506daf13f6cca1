// base/read_file: see read_file.hpp.
#include "base/read_file.hpp"

#include <fstream>
#include <sstream>

namespace quire::inline v0 {

std::optional<std::string> read_whole_file(const std::filesystem::path& p) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) return std::nullopt;
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return ss.str();
}

}  // namespace quire::inline v0

// The acceptance tools of ../shared/tools (pdfcheck.py, pdfstd.py, spacing.py): the checks that
// call them run where the folder exists beside the clone (CI, the developers' machines) and are
// skipped with a warning on a bare clone, whose suite must pass as users get it; the project's
// own checks (fonts, text, note destinations, structure) run everywhere.
#pragma once

#include "support/paths.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace quire::inline v0::test {

/// The tool's path, or nullopt (and a warning naming it) when it is not there.
inline std::optional<std::filesystem::path> shared_tool(const std::string& name) {
    const std::filesystem::path p = kShared / "tools" / name;
    if (std::filesystem::exists(p)) return p;
    WARN("skipped: " << p << " not found (the acceptance tools of ../shared/tools)");
    return std::nullopt;
}

}  // namespace quire::inline v0::test

// base/nearest: the closest of a set of names, for "did you mean …?" in error messages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quire::inline v0 {

/// The number of single-character edits (insert, delete, substitute, swap of neighbours)
/// that turn `a` into `b`, compared without regard to ASCII case.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `name`, when it is close enough to be a likely typo (at most a
/// third of its length in edits, and at most 3); else empty.
std::string nearest(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace quire::inline v0

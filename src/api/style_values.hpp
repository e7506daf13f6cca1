// api/style_values: a style file's values, each read by its key's kind (StyleKind) and held to
// its range (style_values.cpp), for the reader of style files (style_file.cpp). An error is at
// a line of the file being read, whose name the reader adds.
#pragma once

#include "api/style_keys.hpp"

#include <quire/diagnostics.hpp>
#include <quire/style.hpp>

#include <yaml-cpp/yaml.h>

#include <string>

namespace quire::inline v0::detail {

/// An error at line `line` (1-based; 0: unknown) of the style file being read.
Diagnostic at_line(int line, std::string message);

/// The 1-based line of a node, or 0.
int line_of(const YAML::Node& n);

/// 'PATH', as messages quote a key.
std::string quoted_key(const std::string& path);

/// "'PATH': why", at the node's line.
Diagnostic bad_value(const YAML::Node& n, const std::string& path, const std::string& why);

/// Why a key without a value is an error.
extern const char* const kNoValue;

/// The text of a node that must be a single value.
Result<std::string> scalar_of(const YAML::Node& n, const std::string& path);

/// Sets key `k` of `s` to the value `n` (nothing for name and extends, read before the others).
Result<Unit> set_value(Style& s, const StyleKeyDef& k, const YAML::Node& n);

/// Whether ICU knows the script (ISO 15924 code or Unicode name); style_fonts.cpp.
bool script_code_valid(const std::string& script);

}  // namespace quire::inline v0::detail

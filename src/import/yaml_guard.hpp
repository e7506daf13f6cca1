// import/yaml_guard: YAML whose aliases repeat more text than the source holds.
//
// yaml-cpp resolves an alias (*name) to the node its anchor (&name) names, so a few bytes can
// stand for a long text or a whole list, and those in turn for more: "a: &a [big text]" then
// "keywords: [*a, *a, ...]" turned a 1 MB article into a 400 MB PDF. Written out without
// aliases, a document's values never hold more bytes than its source, so the readers of front
// matter, manifests and style files check that before they take any value.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>

namespace quire::inline v0::import {

/// Whether the values of `root` (the bytes of every scalar plus one a node, aliases counted
/// each time they appear) come to at most `source_bytes` + 4 KiB. Visits at most that many
/// nodes: a nested alias bomb is answered in time linear in the source.
bool yaml_within_source(const YAML::Node& root, std::size_t source_bytes);

/// The error text for a document that fails yaml_within_source.
inline constexpr const char* kYamlAliasError =
    "YAML aliases ('*name') repeat more text than the file holds; write the values out";

}  // namespace quire::inline v0::import

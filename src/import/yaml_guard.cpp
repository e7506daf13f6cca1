// import/yaml_guard: YAML whose aliases repeat more text than the source holds.
#include "import/yaml_guard.hpp"

#include <vector>

namespace quire::inline v0::import {

bool yaml_within_source(const YAML::Node& root, std::size_t source_bytes) {
    std::size_t budget = source_bytes + 4096;
    std::vector<YAML::Node> stack{root};  // an explicit stack: nesting depth is the input's
    while (!stack.empty()) {
        const YAML::Node n = stack.back();
        stack.pop_back();
        const std::size_t cost = 1 + (n.IsScalar() ? n.Scalar().size() : 0);
        if (cost > budget) return false;
        budget -= cost;
        if (n.IsSequence()) {
            for (const auto& e : n) stack.push_back(e);
        } else if (n.IsMap()) {
            for (const auto& kv : n) {
                stack.push_back(kv.first);
                stack.push_back(kv.second);
            }
        }
    }
    return true;
}

}  // namespace quire::inline v0::import

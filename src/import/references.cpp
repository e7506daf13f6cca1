// import/references: the checks of an article's note references (common.hpp), which every
// reader makes once its notes are read.
#include "import/common.hpp"

#include <map>

namespace quire::inline v0 {

void import::check_references(const Article& article_, Diagnostics& diags_) {
    auto at = [&](int line) { return Location{article_.source, line, 0, -1}; };
    std::map<int, bool> referenced;
    std::map<int, std::pair<int, int>> unmatched;  // number -> (first line, count)
    std::vector<int> unmatched_order;
    for (const Paragraph& p : article_.body) {
        for (const Inline& item : p.content) {
            const auto* ref = std::get_if<NoteRef>(&item);
            if (ref == nullptr) continue;
            referenced[ref->number] = true;
            if (article_.find_note(ref->number) == nullptr) {
                auto [it, first] = unmatched.try_emplace(ref->number, ref->line, 0);
                if (first) unmatched_order.push_back(ref->number);
                ++it->second.second;
            }
        }
    }
    // One warning per missing note, at its first reference, however often it is referenced.
    for (int number : unmatched_order) {
        const auto& [line, count] = unmatched[number];
        std::string msg = "reference [" + std::to_string(number) + "] has no note";
        if (count > 1) msg += " (referenced " + std::to_string(count) + " times)";
        diags_.warning(at(line), msg);
    }
    for (const Note& note : article_.notes) {
        if (referenced.count(note.number) == 0) {
            diags_.warning(at(note.line),
                           "note [" + std::to_string(note.number) + "] is never referenced");
        }
    }
}

}  // namespace quire::inline v0

// Helpers for the font-free page-builder tests: which page holds an item or a note line.
#pragma once

#include "layout/pages.hpp"

#include <vector>

namespace quire::inline v0::test {

/// The page (0-based) that holds body item `item`, or -1.
inline int page_of_item(const std::vector<layout::PageLayout>& pages, std::size_t item) {
    for (std::size_t p = 0; p < pages.size(); ++p)
        for (const auto& it : pages[p].items)
            if (it.item == item) return static_cast<int>(p);
    return -1;
}

/// The page (0-based) that holds line `line` of note `note` (continued labels aside), or -1.
inline int page_of_note_line(const std::vector<layout::PageLayout>& pages, int note,
                             std::size_t line) {
    for (std::size_t p = 0; p < pages.size(); ++p)
        for (const auto& nl : pages[p].note_lines)
            if (!nl.label && nl.note == note && nl.line == line) return static_cast<int>(p);
    return -1;
}

}  // namespace quire::inline v0::test

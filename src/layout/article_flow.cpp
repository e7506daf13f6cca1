// layout/article_flow: see article_flow.hpp.
#include "layout/article_flow.hpp"

#include <string_view>
#include <utility>

namespace quire::inline v0::layout {

bool ends_hyphenated(const SetLine& line) {
    if (line.runs.empty()) return false;
    std::string_view t = line.runs.back().text;
    while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
    auto ends = [&](std::string_view s) {
        return t.size() >= s.size() && t.substr(t.size() - s.size()) == s;
    };
    return ends("-") || ends("\u2010") || ends("\u00AD");
}

std::size_t ArticleFlow::add_lines(std::vector<SetLine> lines, const FontRole& role,
                                   double space_before, bool keep_all, double x) {
    const std::size_t first = blocks.size();
    const std::size_t n = lines.size();
    for (std::size_t i = 0; i < n; ++i) {
        FlowItem it;
        it.height = role.leading;
        it.space_before = i == 0 ? space_before : 0;
        // A word hyphenated at the line end does not break over a page.
        it.keep_with_next =
            i + 1 < n &&
            (keep_all || (!style_.page_break_after_hyphen && ends_hyphenated(lines[i])));
        Block b;
        b.line = std::move(lines[i]);
        b.x = x;
        push(std::move(b), std::move(it));
    }
    if (!keep_all) bind_paragraph(items, first, n, style_.orphans, style_.widows);
    return first;
}

void ArticleFlow::bind_all_from(std::size_t first) {
    for (std::size_t k = first; k + 1 < items.size(); ++k) items[k].keep_with_next = true;
}

}  // namespace quire::inline v0::layout

// layout/tagging: see tagging.hpp.
#include "layout/tagging.hpp"

#include "model/labels.hpp"

#include <map>
#include <string>

namespace quire::inline v0::layout {

std::uint64_t tag_lines(Structure& st, std::vector<SetLine>& lines, const text::ParagraphText& pt,
                        int elem, std::uint64_t base) {
    std::map<int, int> made;  // span -> element
    auto elem_of = [&](int span) {
        if (span < 0 || static_cast<std::size_t>(span) >= pt.spans.size()) return elem;
        auto [it, fresh] = made.try_emplace(span, elem);
        if (!fresh) return it->second;
        const text::Span& sp = pt.spans[static_cast<std::size_t>(span)];
        const text::SpanStyle& s = pt.styles[static_cast<std::size_t>(sp.style)];
        const auto order = static_cast<std::int64_t>(base + sp.begin);
        std::string lang = s.lang != st.lang_of(elem) ? s.lang : std::string();
        const std::string in = lang.empty() ? st.lang_of(elem) : lang;
        if (s.note_mark > 0 && !s.note_target) {
            const int ref = st.add("Reference", elem, std::move(lang), order);
            it->second = st.add("Link", ref, {}, order);
            st.elems[static_cast<std::size_t>(it->second)].contents =
                std::string(labels::get(labels::Label::note, in)) + " " +
                std::to_string(s.note_mark);
        } else if (s.href.starts_with(kDestLink)) {
            // A cross-reference: a Reference to the figure, table or section, read by its text.
            const int ref = st.add("Reference", elem, std::move(lang), order);
            it->second = st.add("Link", ref, {}, order);
            st.elems[static_cast<std::size_t>(it->second)].contents =
                pt.text.substr(sp.begin, sp.end - sp.begin);
        } else if (s.note_target || !s.href.empty()) {
            it->second = st.add("Link", elem, std::move(lang), order);
            st.elems[static_cast<std::size_t>(it->second)].contents =
                s.href.empty() ? std::string(labels::get(labels::Label::back_to_text, in)) + " (" +
                                     std::to_string(s.note_mark) + ")"
                               : s.href;
        } else if (!lang.empty()) {
            it->second = st.add("Span", elem, std::move(lang), order);
        }
        return it->second;
    };
    for (auto& l : lines) {
        for (auto& r : l.runs) {
            r.elem = elem_of(r.span);
            r.order = base + r.offset;
        }
        for (auto& m : l.marks) m.elem = elem_of(m.span);
    }
    return base + pt.text.size() + 1;
}

}  // namespace quire::inline v0::layout

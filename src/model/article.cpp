// model/article: the few behaviours of the article model.
//
// The model is plain data (include/quire/article.hpp); this file holds the helpers that every
// stage shares. Invariants: text is UTF-8 in NFC as the importers left it; nothing here throws
// except std::bad_alloc.
#include <quire/article.hpp>

#include <algorithm>

namespace quire {

std::string Paragraph::plain_text() const {
    std::string out;
    for (const Inline& item : content) {
        if (const auto* text = std::get_if<Text>(&item)) out += text->text;
    }
    return out;
}

const Note* Article::find_note(int number) const {
    const auto it = std::find_if(notes.begin(), notes.end(),
                                 [number](const Note& n) { return n.number == number; });
    return it == notes.end() ? nullptr : &*it;
}

}  // namespace quire

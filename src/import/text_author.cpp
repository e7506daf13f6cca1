// import/text_author: the author block at the end of a plain-text article without a notes
// list (text_lines.hpp): a short line that reads like a name, and a bio that mentions it.
#include "import/text_lines.hpp"

#include "base/utf8.hpp"

#include <unicode/uchar.h>

#include <algorithm>

namespace quire::inline v0::import::plain {

namespace {

/// Words of a name that need not be capitalised.
constexpr std::string_view kNameParticles[] = {
    "van", "von",   "de",  "der", "den", "da",  "di",   "du", "la", "le",
    "del", "della", "dos", "das", "bin", "ibn", "bint", "al", "el", "ten",
    "ter", "zu",    "y",   "e",   "and", "ve",  "und",  "et", "и",
};

/// Honorifics, which say nothing about who the author is.
constexpr std::string_view kHonorifics[] = {"dr", "prof", "mr", "mrs", "ms", "doç", "yrd", "doc"};

/// The words of a name line worth looking for in a bio: folded, letters only, 3+ letters.
std::vector<std::string> name_keys(std::string_view line) {
    std::vector<std::string> keys;
    for (std::string_view w : split_words(line)) {
        std::string letters;
        for (std::size_t i = 0; i < w.size();) {
            const char32_t c = utf8::next(w, i);
            if (u_isalpha(static_cast<UChar32>(c))) utf8::append(letters, c);
        }
        letters = fold(letters);
        const bool honorific = std::any_of(std::begin(kHonorifics), std::end(kHonorifics),
                                           [&](std::string_view h) { return letters == h; });
        if (!honorific && utf8::count(letters) >= 3) {
            keys.push_back(letters);
        }
    }
    return keys;
}

/// Whether `text` holds one of `keys` as a whole word (case-insensitively).
bool mentions(std::string_view text, const std::vector<std::string>& keys) {
    const std::string folded = fold(text);
    std::string word;
    bool found = false;
    auto end_word = [&] {
        if (!word.empty() && std::find(keys.begin(), keys.end(), word) != keys.end()) found = true;
        word.clear();
    };
    for (std::size_t i = 0; i < folded.size();) {
        const char32_t c = utf8::next(folded, i);
        if (u_isalpha(static_cast<UChar32>(c))) {
            utf8::append(word, c);
        } else {
            end_word();
        }
    }
    end_word();
    return found;
}

/// Whether a line reads like an author's name: at most 60 characters and 7 words, no digits,
/// every word capitalised (name particles aside), no sentence-final punctuation except the
/// period of an abbreviation ("Jr.", "Ph.D.").
bool looks_like_name(std::string_view line, std::size_t min_words) {
    if (utf8::count(line) > 60) return false;
    const auto words = split_words(line);
    if (words.empty() || words.size() > 7 || words.size() < min_words) return false;
    for (std::string_view w : words) {
        const bool particle = std::any_of(std::begin(kNameParticles), std::end(kNameParticles),
                                          [&](std::string_view p) { return w == p; });
        UChar32 first_letter = -1;
        for (std::size_t i = 0; i < w.size();) {
            const auto c = static_cast<UChar32>(utf8::next(w, i));
            if (u_isdigit(c)) return false;
            if (first_letter < 0 && u_isalpha(c)) first_letter = c;
        }
        if (first_letter < 0) {
            if (w != "&" && w != "-" && w != "\u2013") return false;
        } else if (u_islower(first_letter) && !particle) {
            return false;
        }
    }
    const char last = line.back();
    if (last == '!' || last == '?' || last == ':' || last == ';' || last == ',') return false;
    if (last == '.') {
        // Only an abbreviation may end the line: a short last word, or one with inner periods.
        const std::string_view w = words.back().substr(0, words.back().size() - 1);
        if (w.size() > 3 && w.find('.') == std::string_view::npos) return false;
    }
    return true;
}

}  // namespace

/// Without a notes list: the index of the first block of an author block at the end of `body`,
/// if there is one. Either the last block is a name line followed by bio lines, or the last but
/// one block is a lone name line and the last block a bio that mentions the name. The body keeps
/// at least one paragraph.
std::optional<std::size_t> trailing_author(const std::vector<Block>& body) {
    const std::size_t n = body.size();
    if (n >= 2) {
        const Block& last = body.back();
        if (last.size() >= 2 && looks_like_name(last.front().text, 1)) {
            std::string rest;
            for (std::size_t i = 1; i < last.size(); ++i) rest += last[i].text + ' ';
            if (split_words(last.front().text).size() >= 2 ||
                mentions(rest, name_keys(last.front().text))) {
                return n - 1;
            }
        }
    }
    if (n >= 3) {
        const Block& name = body[n - 2];
        if (name.size() == 1 && looks_like_name(name.front().text, 2)) {
            std::string bio;
            for (const Line& l : body.back()) bio += l.text + ' ';
            if (mentions(bio, name_keys(name.front().text))) return n - 2;
        }
    }
    return std::nullopt;
}

std::vector<std::size_t> author_starts(std::span<const Block> blocks) {
    std::vector<std::size_t> starts;
    if (blocks.empty()) return starts;
    starts.push_back(0);
    for (std::size_t k = 1; k < blocks.size(); ++k) {
        const Block& b = blocks[k];
        if (b.empty() || !looks_like_name(b.front().text, 2)) continue;
        std::string bio;
        for (std::size_t i = 1; i < b.size(); ++i) bio += b[i].text + ' ';
        if (b.size() == 1 && k + 1 < blocks.size())
            for (const Line& l : blocks[k + 1]) bio += l.text + ' ';
        if (!bio.empty() && mentions(bio, name_keys(b.front().text))) starts.push_back(k);
    }
    return starts;
}

}  // namespace quire::inline v0::import::plain

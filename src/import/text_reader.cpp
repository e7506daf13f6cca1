// import/text_reader: the plain-text article form.
//
// The form (see /work/shared/corpus/seed.txt):
//
//   Title line
//   [stray web lines: "Similar Posts", "This post is also available in: Türkçe Русский", ...]
//   Body paragraphs, separated by blank lines, with note references "[3]"
//   [1] Note text, possibly over several lines; each note starts a line with "[n]"
//   Author Name
//   Bio paragraphs
//   [Second Author Name
//   Bio paragraphs...]
//
// Stray web lines (kStrayLines) are dropped wherever they stand, and the "also available in" line
// fills Article::translations; a lone "Notes"/"References" line right before the notes list is
// dropped too. Without a notes list, an author block is recognised only at the very end (a short
// name line followed by bio text, see trailing_author in text_author.cpp).
//
// Invariants of the result: every string is valid UTF-8 in NFC without control characters; no
// Text run is empty; runs of spaces are collapsed and paragraphs trimmed; lines are the 1-based
// source lines (a CRLF or a lone CR ends one line); notes keep their source order and the first of
// two notes with the same number; references in the body may name a missing note (a warning is
// given, the NoteRef is kept); references in notes and bio are left as text.
// Errors (empty, binary, invalid UTF-8, unreadable) come back as the Result's error and add
// nothing to `diags`; warnings go to `diags`.
//
// This file splits the lines into title, body, notes and author; text_lines.hpp declares the
// parts it uses: lines cleaned and classified, paragraphs (text_lines.cpp), the author block
// (text_author.cpp).
#include "base/utf8.hpp"
#include "import/common.hpp"
#include "import/lang.hpp"
#include "import/text_lines.hpp"

#include <quire/quire.hpp>

#include <algorithm>
#include <map>
#include <span>

namespace quire::inline v0 {

namespace {

using namespace import::plain;  // the reader's parts (text_lines.hpp)

/// "[2023]" in running text is a year far more often than a note: a bracketed number of four or
/// more digits is a reference only when the notes list has that number, and stays text otherwise.
void keep_unmatched_long_numbers_as_text(Article& article) {
    for (Paragraph& p : article.body) {
        std::vector<Inline> out;
        out.reserve(p.content.size());
        for (Inline& item : p.content) {
            const auto* ref = std::get_if<NoteRef>(&item);
            if (ref != nullptr && ref->number >= 1000 &&
                article.find_note(ref->number) == nullptr) {
                const std::string text = "[" + std::to_string(ref->number) + "]";
                if (!out.empty() && std::holds_alternative<Text>(out.back()))
                    std::get<Text>(out.back()).text += text;
                else
                    out.emplace_back(Text{text, {}, false, false, false, {}, {}});
                continue;
            }
            if (auto* t = std::get_if<Text>(&item);
                t != nullptr && !out.empty() && std::holds_alternative<Text>(out.back())) {
                std::get<Text>(out.back()).text += t->text;
                continue;
            }
            out.push_back(std::move(item));
        }
        p.content = std::move(out);
    }
}

class TextParser {
public:
    TextParser(std::string name, Diagnostics& diags, const ReadOptions& options)
        : name_(std::move(name)), diags_(diags), options_(options) {}

    Result<Article> parse(std::string_view raw);

private:
    Location at(int line) const { return Location{name_, line, 0, -1}; }
    Diagnostic error(int line, std::string message) const {
        return make_error(at(line), std::move(message));
    }

    std::vector<Block> split_blocks(const std::string& text);
    void add_translations(std::string_view list);
    void read_notes(std::span<const Block> blocks);
    void read_author(std::span<const Block> blocks);
    void read_one_author(std::span<const Block> blocks);
    void check_references() {
        keep_unmatched_long_numbers_as_text(article_);
        import::check_references(article_, diags_);
    }
    void set_languages() { import::assign_languages(article_, options_); }

    std::string name_;
    Diagnostics& diags_;
    const ReadOptions& options_;
    Article article_;
};

std::vector<Block> TextParser::split_blocks(const std::string& text) {
    std::vector<Block> blocks;
    Block current;
    int number = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        ++number;
        std::string line = tidy_line(std::string_view(text).substr(start, end - start));
        if (line.empty()) {
            if (!current.empty()) blocks.push_back(std::move(current));
            current.clear();
        } else if (is_stray(line)) {
            // web-page furniture: dropped
        } else if (const auto list = translations_list(line)) {
            add_translations(*list);
        } else {
            current.push_back(Line{std::move(line), number});
        }
        start = end + 1;
    }
    if (!current.empty()) blocks.push_back(std::move(current));
    return blocks;
}

void TextParser::add_translations(std::string_view list) {
    // Labels are separated by commas (and may then hold spaces) or else by spaces, in which case
    // two or three words that together name a language ("Bahasa Indonesia") stay together.
    std::vector<std::string> labels;
    const bool commas = list.find_first_of(",;|") != std::string_view::npos;
    if (commas) {
        std::size_t i = 0;
        while (i <= list.size()) {
            const std::size_t j = std::min(list.find_first_of(",;|", i), list.size());
            const std::string label = tidy_line(list.substr(i, j - i));
            if (!label.empty()) labels.push_back(label);
            i = j + 1;
        }
    } else {
        const auto words = split_words(list);
        for (std::size_t i = 0; i < words.size();) {
            std::size_t take = 1;
            if (import::language_for_name(words[i]).empty()) {
                for (std::size_t k = 3; k >= 2; --k) {
                    if (i + k > words.size()) continue;
                    const std::string joined(
                        words[i].data(),
                        static_cast<std::size_t>(words[i + k - 1].data() + words[i + k - 1].size() -
                                                 words[i].data()));
                    if (!import::language_for_name(joined).empty()) {
                        take = k;
                        break;
                    }
                }
            }
            labels.emplace_back(words[i].data(), static_cast<std::size_t>(
                                                     words[i + take - 1].data() +
                                                     words[i + take - 1].size() - words[i].data()));
            i += take;
        }
    }
    for (std::string& label : labels) {
        const bool seen = std::any_of(article_.translations.begin(), article_.translations.end(),
                                      [&](const Translation& t) { return t.label == label; });
        if (seen) continue;
        std::string lang = import::language_for_name(label);
        article_.translations.push_back(Translation{std::move(lang), std::move(label)});
    }
}

void TextParser::read_notes(std::span<const Block> blocks) {
    std::map<int, int> first_line;  // number -> line of the note kept
    for (const Block& block : blocks) {
        // Within a block, every line starting with "[n]" starts a note; others continue it.
        std::size_t i = 0;
        while (i < block.size()) {
            const auto start = note_start(block[i].text);
            std::size_t j = i + 1;
            while (j < block.size() && !note_start(block[j].text)) ++j;
            std::vector<Line> lines;
            if (!start->second.empty())
                lines.push_back(Line{std::string(start->second), block[i].number});
            lines.insert(lines.end(), block.begin() + static_cast<std::ptrdiff_t>(i + 1),
                         block.begin() + static_cast<std::ptrdiff_t>(j));
            const int number = start->first;
            const int line = block[i].number;
            if (const auto it = first_line.find(number); it != first_line.end()) {
                diags_.warning(at(line), "duplicate note [" + std::to_string(number) +
                                             "] (the first is at line " +
                                             std::to_string(it->second) + "); this one is ignored");
            } else {
                first_line.emplace(number, line);
                Note note;
                note.number = number;
                note.line = line;
                if (lines.empty()) {
                    diags_.warning(at(line), "note [" + std::to_string(number) + "] is empty");
                } else {
                    note.paragraphs.push_back(make_paragraph(lines, false));
                    note.paragraphs.back().line = line;
                }
                article_.notes.push_back(std::move(note));
            }
            i = j;
        }
    }
}

void TextParser::read_author(std::span<const Block> blocks) {
    const std::vector<std::size_t> starts = author_starts(blocks);
    for (std::size_t a = 0; a < starts.size(); ++a) {
        const std::size_t end = a + 1 < starts.size() ? starts[a + 1] : blocks.size();
        read_one_author(blocks.subspan(starts[a], end - starts[a]));
    }
}

void TextParser::read_one_author(std::span<const Block> blocks) {
    const Block& first = blocks.front();
    AuthorBio bio;
    bio.name = first.front().text;
    bio.line = first.front().number;
    if (utf8::count(bio.name) > 80) {
        diags_.warning(at(bio.line),
                       "the author name (the first line after the notes) is "
                       "unusually long; is the author block missing?");
    }
    if (first.size() > 1) {
        bio.paragraphs.push_back(make_paragraph(std::span(first).subspan(1), false));
    }
    for (const Block& b : blocks.subspan(1)) bio.paragraphs.push_back(make_paragraph(b, false));
    article_.authors.push_back(bio.name);
    article_.bios.push_back(std::move(bio));
}

Result<Article> TextParser::parse(std::string_view raw) {
    if (auto bad = import::check_bytes(raw, name_)) return *bad;
    if (raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);  // the BOM is on line 1 anyway

    int removed = 0, first_removed_line = 0;
    const std::string text = clean_text(raw, removed, first_removed_line);
    if (trim(text).empty()) return error(0, "file is empty");
    if (removed > 0) {
        diags_.warning(at(first_removed_line), "removed " + std::to_string(removed) +
                                                   " control character" + (removed > 1 ? "s" : ""));
    }

    article_.source = name_;
    std::vector<Block> blocks = split_blocks(text);
    if (blocks.empty()) return error(0, "no title: the file holds only web-page lines");

    // Title: the first line.
    const Line& title = blocks.front().front();
    if (note_start(title.text)) return error(title.number, "no title: the file starts with a note");
    article_.title = title.text;
    blocks.front().erase(blocks.front().begin());
    if (blocks.front().empty()) blocks.erase(blocks.begin());

    // Body: up to the first note block (or a notes heading right before one).
    std::size_t notes_begin = 0;
    while (notes_begin < blocks.size() && !is_note_block(blocks[notes_begin])) ++notes_begin;
    std::size_t body_end = notes_begin;
    if (notes_begin < blocks.size() && notes_begin > 0 && blocks[notes_begin - 1].size() == 1 &&
        is_notes_heading(blocks[notes_begin - 1].front().text)) {
        body_end = notes_begin - 1;
    }
    std::size_t notes_end = notes_begin;
    while (notes_end < blocks.size() && is_note_block(blocks[notes_end])) ++notes_end;

    std::vector<Block> body(blocks.begin(), blocks.begin() + static_cast<std::ptrdiff_t>(body_end));
    std::vector<Block> author(blocks.begin() + static_cast<std::ptrdiff_t>(notes_end),
                              blocks.end());
    if (notes_begin == blocks.size()) {  // no notes list
        if (const auto split = trailing_author(body)) {
            author.assign(body.begin() + static_cast<std::ptrdiff_t>(*split), body.end());
            body.resize(*split);
        }
    }
    for (const Block& b : body) article_.body.push_back(make_paragraph(b, true));
    read_notes(std::span(blocks).subspan(notes_begin, notes_end - notes_begin));
    read_author(author);
    check_references();
    set_languages();
    return std::move(article_);
}

}  // namespace

Result<Article> import::parse_text_article(std::string_view text, std::string name,
                                           Diagnostics& diags, const ReadOptions& options) {
    return TextParser(std::move(name), diags, options).parse(text);
}

}  // namespace quire::inline v0

// quire: the article model.
//
// An Article is what every importer produces and every backend consumes: the title block, the
// body, the notes and the author's bio, each piece carrying its language and the source line it
// came from. Text is UTF-8 in NFC. Languages are BCP 47 tags ("en", "tr", "ru"); an empty tag
// means "inherit from the enclosing element".
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace quire {

/// A run of text with uniform attributes.
struct Text {
    std::string text;
    std::string lang;  ///< empty: the paragraph's language
    bool emphasis = false;
    bool strong = false;
};

/// A reference to note `number` (the number the author wrote, e.g. "[3]" gives 3).
struct NoteRef {
    int number = 0;
    int line = 0;  ///< source line of the reference
};

/// Inline content of a paragraph.
using Inline = std::variant<Text, NoteRef>;

/// A paragraph of inline content.
struct Paragraph {
    std::vector<Inline> content;
    std::string lang;  ///< empty: the enclosing element's language
    int line = 0;      ///< source line where the paragraph starts

    /// The paragraph's text with note references left out.
    std::string plain_text() const;
};

/// A footnote: its number as written and its text.
struct Note {
    int number = 0;
    std::vector<Paragraph> paragraphs;
    int line = 0;
};

/// A version of the article in another language, as announced by the source
/// ("This post is also available in: Türkçe Русский").
struct Translation {
    std::string lang;   ///< BCP 47 tag, empty when the label is not a known language name
    std::string label;  ///< the name as written, e.g. "Türkçe"
};

/// The closing author block: a name line and bio paragraphs, usually in the author's language.
struct AuthorBio {
    std::string name;
    std::string lang;  ///< language of the bio text
    std::vector<Paragraph> paragraphs;
    int line = 0;
};

/// A whole article.
struct Article {
    std::string source;  ///< file name the article was read from (for diagnostics)
    std::string title;
    std::string lang = "en";  ///< language of the title and body
    std::string date;         ///< ISO 8601 date if known, else empty
    std::vector<std::string> authors;
    std::vector<Translation> translations;
    std::vector<Paragraph> body;
    std::vector<Note> notes;  ///< in source order
    std::optional<AuthorBio> bio;

    /// The note with this number, or nullptr.
    const Note* find_note(int number) const;
};

}  // namespace quire

// import/text_lines: the parts of the plain-text reader (text_reader.cpp, which describes the
// form): its lines cleaned, tidied and classified (stray web lines, the translations line, a
// notes heading, the start of a note) and joined into paragraphs (text_lines.cpp); the author
// block at the end of an article without notes (text_author.cpp).
#pragma once

#include <quire/article.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quire::inline v0::import::plain {

struct Line {
    std::string text;  // tidy, never empty
    int number = 0;
};
using Block = std::vector<Line>;  // lines between blank lines

// ---- Text (text_lines.cpp) --------------------------------------------------------------------

/// `s` without leading and trailing white space (Unicode White_Space and ZWSP).
std::string_view trim(std::string_view s);

/// Case-folded NFC, for case-insensitive comparison of non-ASCII words.
std::string fold(std::string_view s);

/// The words of `s`, split at spaces.
std::vector<std::string_view> split_words(std::string_view s);

/// Valid UTF-8 to the form the parser reads: LF line ends, tabs and other spacing controls as
/// spaces, other controls and U+FEFF removed (counted in `removed`), NFC.
std::string clean_text(std::string_view s, int& removed, int& first_removed_line);

/// A trimmed line with runs of spaces collapsed.
std::string tidy_line(std::string_view raw);

// ---- Line classes (text_lines.cpp) ------------------------------------------------------------

/// Whether a line is web-page furniture ("Similar Posts", "Share this"...), dropped.
bool is_stray(std::string_view line);

/// The list after "... also available in:", or nullopt if `line` is not that line.
std::optional<std::string_view> translations_list(std::string_view line);

/// Whether a line is a heading that may stand right before the notes list ("Notes").
bool is_notes_heading(std::string_view line);

/// A line starting a note, "[n] text": the number and the text.
std::optional<std::pair<int, std::string_view>> note_start(std::string_view line);

/// Whether a block starts with a note.
bool is_note_block(const Block& b);

// ---- Paragraphs (text_lines.cpp) --------------------------------------------------------------

/// Builds a paragraph from its lines: lines join with a space (none between two characters of
/// spaceless scripts); with `references`, "[n]" becomes a NoteRef.
Paragraph make_paragraph(std::span<const Line> lines, bool references);

// ---- The author (text_author.cpp) -------------------------------------------------------------

/// Without a notes list: the index of the first block of an author block at the end of `body`,
/// if there is one. Either the last block is a name line followed by bio lines, or the last but
/// one block is a lone name line and the last block a bio that mentions the name. The body keeps
/// at least one paragraph.
std::optional<std::size_t> trailing_author(const std::vector<Block>& body);

/// Where the authors of an author block start (indices into `blocks`, the first always 0):
/// several author blocks in a row give several authors. A later block starts an author when
/// its first line reads like a name of two words or more and the bio that follows (the rest
/// of the block, or the next block when the name stands alone) mentions one of its words.
std::vector<std::size_t> author_starts(std::span<const Block> blocks);

}  // namespace quire::inline v0::import::plain

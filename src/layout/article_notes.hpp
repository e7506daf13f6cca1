// layout/article_notes: an article's notes (layout/article_layout).
//
// The notes are set before the body, each as a Note element placed later: a footnote's reads
// after the block that refers to it first, the endnotes' after their heading. Each note is
// attached to the flow line holding its first reference, so the page builder starts it on that
// line's page; notes nothing refers to go with the last body line. With endnotes, the notes
// leave the feet and follow the body under a heading, in the order of their first reference,
// their numbers hanging as at the foot. Composing takes from here the notes' lines, the label
// above the rest of a split note, and the notes' entries in the outline.
#pragma once

#include "layout/article_flow.hpp"
#include "layout/article_setter.hpp"
#include "layout/pages.hpp"
#include "layout/paragraph.hpp"

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace quire::inline v0::layout {

/// A note as set: its lines, and its number to hang in the note column.
struct NoteLines {
    std::vector<SetLine> lines;
    SetLine number;
};

/// "12." (no link: the note's own number links back) and the label in the note font's
/// italic, set once per note.
struct ContinuedLabel {
    SetLine number, label;
};

class ArticleNotes {
public:
    explicit ArticleNotes(ArticleSetter& setter);

    /// Sets every note of the article, before the body (see above).
    void set_all();

    /// Attaches each note first referenced in blocks [start, flow.size()) to the line of that
    /// reference; a footnote's element goes under `parent`, the body block's element.
    void attach_references(ArticleFlow& flow, std::size_t start, int parent);

    /// Attaches the notes nothing refers to to the last body line (the importer has warned).
    void attach_unreferenced(ArticleFlow& flow);

    /// Endnotes: a heading after the body, then every note in the order of its first
    /// reference, its number hanging as at the foot; the feet stay empty.
    void collect_endnotes(ArticleFlow& flow);

    /// The note lines' heights, for the page builder.
    std::vector<NoteSpec> specs() const;

    /// Note `note` (an index in article.notes) as set.
    const NoteLines& lines(int note) const { return notes_[static_cast<std::size_t>(note)]; }

    /// The notes in the order of their first reference, then those nothing refers to.
    const std::vector<int>& order() const { return order_; }

    /// The heading of the endnotes and the notes' outline entry.
    std::string title() const;

    /// The label above the rest of a split note: the style's, else the article language's.
    std::string continued_label() const;

    /// The label line above the rest of note `note`, set on first use.
    const ContinuedLabel& continued_label_line(int note);

    /// Where a note's number starts within its hanging column: set flush right, a word space
    /// (a quarter em of the note size) before the text, so "9." and "10." align on the period
    /// and the gap reads as the space it is.
    double number_offset(const SetLine& number) const;

    /// Note `note`'s outline entry: its number and the start of its text.
    std::string outline_title(int note) const;

    /// The destination of note `note`'s text ("fn" and its number).
    std::string dest(int note) const;

private:
    ArticleSetter& setter_;
    const Article& article_;
    const Style& style_;
    std::map<int, int> index_;  ///< note number -> index in article.notes
    std::set<int> referenced_;
    std::vector<int> order_;
    std::vector<NoteLines> notes_;
    std::vector<int> elems_;                   ///< each note's Note element, by index
    std::map<int, ContinuedLabel> continued_;  ///< continued labels by note index
};

}  // namespace quire::inline v0::layout

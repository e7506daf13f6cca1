// layout/article_setter: how the parts of an article's layout set text (layout/article_layout).
//
// One ArticleSetter per article holds what every part reads (the article, its style, the
// measure, the direction) and the logical structure they build together in reading order. It
// turns the article's text into shapeable paragraphs in the style's fonts, sets them with the
// style's line-breaking settings (ParagraphSpec), reports characters no font can show (once a
// character per article) and overfull lines, and tags the lines set as the content of their
// structure element (layout/tagging).
#pragma once

#include "layout/frame.hpp"
#include "layout/paragraph.hpp"
#include "model/labels.hpp"
#include "model/numbering.hpp"
#include "text/font.hpp"
#include "text/shape.hpp"

#include <quire/article.hpp>
#include <quire/diagnostics.hpp>
#include <quire/style.hpp>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace quire::inline v0::layout {

/// A word quire prints itself, in a language (English when it has none).
std::string word(labels::Label l, const std::string& lang);

class ArticleSetter {
public:
    ArticleSetter(const Article& article, const Style& style, text::FontBook& fonts,
                  Diagnostics& diags);

    const Article& article;
    const Style& style;
    const double measure;  ///< the width of the text block
    const bool rtl;        ///< a right-to-left article: the note column and rules mirror
    /// The logical structure, built in reading order as the blocks are collected; the pages
    /// take it over when they are composed.
    Structure structure;
    const int root;  ///< the Document element
    /// The numbers of the body's figures, tables and headings; cross-references' targets.
    const model::Numbering numbering;
    /// With the style's xref_pages: the page number (folio) of each cross-reference target's
    /// destination, from an earlier pass (typeset_article); a reference to one listed here
    /// says its page ("Figure 3, p. 12").
    std::map<std::string, int> target_folio;
    /// The folio each cross-reference was set on in that pass, by its place in the order the
    /// setter meets them (Mark::href's "#N"): one on its target's page gives no page.
    std::map<int, int> reference_folio_before;
    /// Filled as the pages are composed: the folio each cross-reference is set on (its first
    /// placement; a table header repeated is a copy).
    std::map<int, int> reference_folio;

    /// Warns of a problem at a line of the article's source.
    void warn(int line, const std::string& message);

    text::SpanStyle span(const FontRole& role, bool bold, bool italic,
                         const std::string& lang) const;

    /// Appends a text run in a role's font, in its own language or else `lang`.
    void append_text(text::ParagraphText& pt, const Text& t, const FontRole& role,
                     const std::string& lang) const;

    /// Appends what a cross-reference (Text::xref) says, in `st` and linked to its target;
    /// false (nothing appended) when `t` is none or its target is unknown.
    bool append_reference(text::ParagraphText& pt, const Text& t, text::SpanStyle st) const;

    /// Appends a paragraph's text runs, cross-references resolved (note references are not
    /// part of notes or bios).
    void append_text(text::ParagraphText& pt, const Paragraph& para, const FontRole& role,
                     const std::string& lang) const;

    /// A paragraph's inline content as shapeable text in a role's font.
    text::ParagraphText paragraph_text(const Paragraph& para, const FontRole& role,
                                       const std::string& lang) const;

    /// A paragraph spec with the style's line-breaking settings. Running text (`hyphenate`:
    /// the body, notes and bio) also takes its margin kerning, and its font expansion when
    /// justified.
    ParagraphSpec spec_for(double width, const std::string& lang, bool justify,
                           bool hyphenate) const;

    /// Sets a paragraph; with `elem`, tags its lines as that element's content (see tag).
    /// An overfull line is reported at source line `line`.
    std::vector<SetLine> set(text::ParagraphText p, const ParagraphSpec& spec, int line,
                             int elem = -1, std::uint64_t base = 0);

    /// Sets a paragraph as it is (its base level as given), untagged, without reporting an
    /// overfull line; characters no font shows are reported at source line `line`.
    std::vector<SetLine> set_plain(const text::ParagraphText& p, const ParagraphSpec& spec,
                                   int line);

    /// Warns, once per language and hyphenator, when a language of `p` that would be hyphenated
    /// has no patterns (text::Hyphenator::missing_patterns_warning).
    void warn_missing_patterns(const text::ParagraphText& p, const ParagraphSpec& spec, int line);

    /// Tags set lines as element `elem`'s content (see layout/tagging).
    std::uint64_t tag(std::vector<SetLine>& lines, const text::ParagraphText& pt, int elem,
                      std::uint64_t base = 0);

    /// A text set on one line in a role's font (the first line, if it holds a forced break).
    SetLine one_line(const std::string& s, const FontRole& role, bool italic, int elem = -1);

    StructElem& elem_at(int i) { return structure.elems[static_cast<std::size_t>(i)]; }

    /// A block element under `parent`, with its language when it differs from the parent's.
    int block(const char* type, int parent, const std::string& lang = {});

    /// The Figure element of an image with its text alternative, or -1 (an artifact) for a
    /// decorative one. Without an alternative it is a Figure without /Alt, which checkers
    /// report (the importer has warned): never an empty or made-up text.
    int figure(const std::string& alt, bool decorative, int parent, const std::string& lang);

private:
    mutable int references_met_ = 0;  ///< cross-references set so far (append_reference)
    text::MissingGlyph missing_reporter(int line);

    text::FontBook& fonts_;
    Diagnostics& diags_;
    std::set<char32_t> reported_missing_;
    ProtrusionChars protrusion_chars_;  ///< the style's, by code point
};

}  // namespace quire::inline v0::layout

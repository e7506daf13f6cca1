/// \file
/// The house style that drives layout.
///
/// All lengths are in PDF points (1/72 in). Style::report() is the default A4 report style.
/// Styles are also written as YAML files (styles/*.yaml, quire/style_file.hpp).
#pragma once

#include <quire/export.hpp>

#include <quire/pdf_standard.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace quire::inline v0 {

/// Where notes are set.
enum class NotePlacement {
    footnotes,  ///< at the foot of the page that references them (the default)
    endnotes,   ///< all together at the end of the article, under a "Notes" heading, before the bio
};

/// Font families for one role; each entry is the head of a fallback chain (see fonts/).
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API FontRole {
    std::string chain = "serif";  ///< name of a fallback chain in fonts/fallback.conf
    double size = 10.5;           ///< point size
    double leading = 14.5;        ///< baseline-to-baseline distance
};

/// An sRGB colour, 0-255 per channel ("#rrggbb" in style files).
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API Color {
    ///@{
    /// Red, green and blue.
    std::uint8_t r = 0, g = 0, b = 0;
    ///@}
    /// Whether two colours are the same.
    bool operator==(const Color&) const = default;
};

/// A fallback chain defined or redefined by a style: `families` tried in order for each
/// character, as a [name] section of fonts/fallback.conf. A FontRole naming `name` then uses
/// these families in this style only.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API FontChain {
    std::string name;                   ///< the chain's name, as FontRole::chain gives it
    std::vector<std::string> families;  ///< fontconfig family names, the first tried first
    /// Whether two chains are the same.
    bool operator==(const FontChain&) const = default;
};

/// A family for the letters of one script, in every chain of a style: it is tried for them
/// before the chain's own family for that script (Arabic in "Noto Kufi Arabic", say).
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API ScriptFont {
    std::string script;  ///< ISO 15924 code or Unicode name: "Arab", "arabic", "Cyrl"
    std::string family;  ///< fontconfig family name
    /// Whether two entries are the same.
    bool operator==(const ScriptFont&) const = default;
};

/// How far one character hangs into the margin at the ends of a line (margin kerning), in
/// thousandths of its advance: replaces the built-in amounts (microtype's) for that character.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API CharProtrusion {
    std::string character;  ///< one character, UTF-8 ("—", "«", ".")
    /// At the start of a line (its left in left-to-right text, its right in right-to-left
    /// text), -1000 to 1000; negative values pull the character in.
    int start = 0;
    int end = 0;  ///< at the end of a line, the same way
    /// Whether two entries are the same.
    bool operator==(const CharProtrusion&) const = default;
};

/// Page geometry and typography of one house style.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API Style {
    /// The style's name, in errors ("style 'book': ..."); a style file's `name` key, else the
    /// file's name without extension.
    std::string name = "report";

    // Page (A4) and text block.
    double page_width = 595.276;  ///< trimmed page width (A4: 210 mm)
    double page_height = 841.89;  ///< trimmed page height (A4: 297 mm)
    double margin_top = 72;       ///< top of page to the top of the text block
    double margin_bottom = 70;    ///< bottom of the text block to the bottom of the page
    double margin_inner = 85;     ///< left margin of right-hand (odd) pages
    double margin_outer = 85;     ///< right margin of right-hand pages
    /// Left-hand (even-numbered) pages swap inner and outer: their left margin is margin_outer.
    bool mirror_margins = false;
    /// Printed beyond the trim on every side: the MediaBox (and BleedBox) is this much larger
    /// than the page, whose trimmed size (TrimBox) is page_width × page_height.
    double bleed = 0;
    /// What the PDF claims to conform to (PDF/A-2u and PDF/UA-1 by default); the PDF is tagged
    /// whatever the claim. PdfOptions::standard, when set, wins.
    PdfStandard pdf_standard;

    // Print files: a PDF that claims PDF/X-4 (pdf_standard x-4, or the CLI's print-pdf format)
    // is made for the printer (docs/print.md).
    /// Its bleed: the larger of this and `bleed` (3 mm, what printers usually ask).
    double print_bleed = 3 * 72 / 25.4;
    bool crop_marks = true;          ///< crop marks at the trim's corners, outside the bleed
    bool registration_marks = true;  ///< registration targets beside each edge, outside it
    bool slug = true;                ///< a slug line under the page: file, page, date

    // Colours (PDF fill colours, and the EPUB's CSS).
    Color text_color{};  ///< all text
    Color rule_color{};  ///< the note and bio rules
    Color link_color{};  ///< text that links (note marks and numbers, contents entries)
    Color accent_color{31, 78, 121};  ///< the colour band of a report's cover (#1f4e79)

    // A report's front matter (Article::publication).
    /// A report with publication data (series, organisation, logo, cover image or an
    /// identifier) opens with a cover page and, on its verso, an imprint page.
    bool front_pages = true;
    /// A report with front pages ends with a back cover on a left-hand page (a blank page
    /// before it when needed): the title and summary, the logo, organisation and identifiers.
    bool back_cover = true;
    /// The summary (Publication::summary) is set in a box under the title block.
    bool summary_box = true;
    /// A report with front pages whose text runs to at least this many pages has a contents
    /// page after the imprint (its headings of levels 1 and 2); 0: only when the report asks
    /// (Publication::contents).
    int contents_pages = 8;
    /// Headings are numbered by level ("2", "2.1"), in the text, the outline and the EPUB, and
    /// a cross-reference to one says "Section 2.1" (else it quotes the heading).
    bool number_headings = false;
    /// How numbered headings are numbered: a counter per level, `1` (digits), `I`/`i` (roman),
    /// `A`/`a` (letters), with the text between and around them ("1.1": 2.1; "I.A.1": II.B.3;
    /// "1.1.": 2.1.). A level deeper than the format repeats its last counter.
    std::string heading_number_format = "1.1";
    /// A cross-reference in the PDF also gives its target's page ("Figure 3, p. 12"), unless
    /// it stands on that page.
    bool xref_pages = false;
    /// Figures and tables are numbered ("Figure 3.", "Table 2." before their captions), and a
    /// cross-reference to one says "Figure 3"; false: unnumbered (a reference quotes nothing
    /// and prints as written).
    bool number_figures = true;

    /// Fallback chains this style defines or redefines (see FontChain); empty: fonts/ only.
    std::vector<FontChain> font_chains;
    /// Per-script families (see ScriptFont), applied to every chain after font_chains.
    std::vector<ScriptFont> script_fonts;

    // Body text.
    FontRole body{"serif", 10.5, 15};  ///< body text
    double paragraph_indent = 14;      ///< first-line indent of paragraphs after the first
    double paragraph_space = 0;        ///< extra space between paragraphs
    bool justify = true;               ///< justify the body, notes and bio; false: ragged right

    // Headings within the body (Markdown "#", "##", "###"; deeper levels take the third).
    FontRole heading1{"serif", 14, 18};    ///< level 1 headings
    FontRole heading2{"serif", 12, 16};    ///< level 2 headings
    FontRole heading3{"serif", 10.5, 15};  ///< level 3 headings and deeper
    double heading_space_before = 16;      ///< above a heading (not at the top of a page)
    double heading_space_after = 4;        ///< between a heading and its text

    // Block quotes, lists and code blocks.
    FontRole quote{"serif", 9.5, 13.5};  ///< block quotes
    double quote_indent = 20;            ///< of a block quote, on both sides
    double list_indent = 16;  ///< of a list item's text, per level (its marker hangs in it)
    /// Code blocks; inline code takes its chain, at its size relative to body.size.
    FontRole code{"mono", 8.5, 12};
    double block_space = 6;  ///< above and below a quote, list, code block, figure or table

    // Line breaking (Knuth–Plass), with TeX's names and defaults. Body, notes and bio use them;
    // the title block is not hyphenated.
    double tolerance = 400;              ///< `\tolerance`: largest badness of an acceptable line
    int line_penalty = 10;               ///< `\linepenalty`: added to every line's badness
    int hyphen_penalty = 50;             ///< `\hyphenpenalty`: breaking at a hyphenation point
    int ex_hyphen_penalty = 50;          ///< `\exhyphenpenalty`: breaking after an explicit hyphen
    int double_hyphen_demerits = 10000;  ///< `\doublehyphendemerits`: two hyphenated lines in a row
    int final_hyphen_demerits = 5000;    ///< `\finalhyphendemerits`: hyphen on the last full line
    int adj_demerits = 10000;            ///< `\adjdemerits`: neighbour lines of unlike tightness
    /// `\emergencystretch`: extra stretch per line in a further pass, tried only when no breaks
    /// keep within the tolerance (about 1.5 em of the body; plain TeX has 0, `\sloppy` 3 em).
    double emergency_stretch = 15;
    bool hyphenate = true;     ///< break words at the hyphenation points of their language
    int left_hyphen_min = 0;   ///< `\lefthyphenmin`: least letters before a hyphen; 0: language's
    int right_hyphen_min = 0;  ///< `\righthyphenmin`: least letters after a hyphen; 0: language's
    /// Most hyphenated lines in a row (InDesign's "hyphen limit"); 0: no limit.
    int max_consecutive_hyphens = 2;
    int url_penalty = 100;  ///< breaking a URL after a slash or before a dot (no hyphen shown)
    /// Share of justification the letters take (Latin, Greek, Cyrillic), as a fraction of
    /// their advance at the most: a loose line is spaced out a little between letters, a tight
    /// one a little closer, so that word spaces vary less (InDesign's letter spacing). They
    /// share with the spaces what font expansion (expansion_stretch) leaves. 0 sets
    /// justification on the word spaces alone, as TeX does.
    double letter_space_stretch = 0.02;
    double letter_space_shrink = 0.02;  ///< as letter_space_stretch, for a tight line
    /// Kashida: justified Arabic-script text fills its lines first by drawing one join of a
    /// word longer (a tatweel), at the place the script's rules prefer, up to this many ems of
    /// the text per word, and only then widens its spaces. Persian takes half and fewer places;
    /// Urdu and Nastaliq faces take none. 0: spaces only.
    double kashida = 0.5;

    // Micro-typography, as pdfTeX does it with LaTeX's microtype package, in the body, notes
    // and bio (headings, captions, tables and code are set without).
    /// Margin kerning: full stops, commas, hyphens, dashes, quotes and a few letters at either
    /// end of a line hang into the margin by a share of their width (microtype's amounts, with
    /// Arabic and CJK punctuation), so that the margins look straight; the line breaker counts
    /// it. Monospaced faces have none.
    bool protrusion = true;
    /// Scales every amount of margin kerning (0.5: half as far); 0 turns it off like
    /// `protrusion` false.
    double protrusion_factor = 1;
    /// Amounts for single characters, replacing the built-in ones (see CharProtrusion).
    std::vector<CharProtrusion> protrusion_chars;
    /// Font expansion: in a loose line of justified text, the glyphs of Latin, Greek and
    /// Cyrillic (not monospaced) are drawn up to this much wider (0.02: 2%), one factor for the
    /// line, so that its spaces need stretch less; the line breaker counts the room. 0: none.
    double expansion_stretch = 0.02;
    double expansion_shrink = 0.02;  ///< as expansion_stretch, narrower in a tight line
    /// Expansion factors are rounded to this step (0.001: 0.1%), so that lines alike are set
    /// alike.
    double expansion_step = 0.001;

    // Page rules.
    int orphans = 2;  ///< least lines of a paragraph at the foot of a page (TeX: `\clubpenalty`)
    int widows = 2;   ///< least lines of a paragraph at the head of a page (`\widowpenalty`)
    /// A heading (the title block, the bio's name, the endnotes' heading) stays on the page of at
    /// least this many of the lines that follow it (keep-with-next).
    int heading_keep_lines = 2;
    /// The page where the body ends holds at least this many body lines (else lines are pulled
    /// over from the page before, as TeX does by breaking that page earlier); 1 turns it off.
    int last_page_min_lines = 2;
    /// Whether a page may end with a word hyphenated across the break, in the text or in a
    /// split note (TeX's `\brokenpenalty`; false: never, the line goes over with the next).
    bool page_break_after_hyphen = false;

    // Title block.
    FontRole title{"serif", 22, 27};   ///< the article's title (bold)
    FontRole byline{"serif", 11, 15};  ///< the authors (italic); the subtitle at 1.2 times it
    FontRole meta{"serif", 8.5, 12};   ///< the translations line
    double title_space_after = 26;     ///< below the title block

    // Notes.
    FontRole note{"serif", 8.5, 11};                 ///< footnotes and endnotes
    double note_rule_width = 72;                     ///< length of the short rule above the notes
    double note_rule_thickness = 0.4;                ///< its thickness
    double note_space_before = 12;                   ///< from the last body line to the rule
    double note_rule_gap = 7;                        ///< from the rule to the first note's top
    double note_gap = 2;                             ///< between notes
    double note_number_width = 14;                   ///< hanging indent of note text
    double superscript_scale = 0.62;                 ///< size of note marks relative to the text
    double superscript_rise = 0.36;                  ///< rise of note marks, in ems of the text
    NotePlacement notes = NotePlacement::footnotes;  ///< footnotes or endnotes
    /// Printed above the rest of a footnote split over pages, after the note's number, in the
    /// note font's italic: "12. (continued)". Unset: the article language's word ("(continued)",
    /// "(devam)", "(продолжение)", "(Fortsetzung)", "(suite)", "(continuación)", …); empty: no
    /// label, the rest simply follows the rule.
    std::optional<std::string> continued_label;
    /// Heading of the endnotes. Unset: the article language's word ("Notes", "Notlar", …).
    std::optional<std::string> notes_heading;
    double endnotes_space_before = 22;  ///< above the endnotes' heading

    // Author bio.
    FontRole bio{"serif", 9.5, 13};  ///< the author's name and bio
    double bio_space_before = 22;    ///< above the bio's name (its rule halfway up)
    double bio_rule_width = 72;      ///< length of the short rule above the bio's name
    int bio_keep_lines = 14;  ///< a bio of at most this many lines (name included) is not split

    // Running head and folio.
    /// The running head ("Author  ·  Title", from the second page on) and the page numbers.
    FontRole running_head{"serif", 8.5, 10};
    double head_offset = 34;   ///< from the top of the page to the running head's baseline
    double folio_offset = 38;  ///< from the bottom of the page to the page number's baseline

    /// The default A4 report style.
    static Style report() { return Style{}; }
};

}  // namespace quire::inline v0

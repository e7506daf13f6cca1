// quire: the house style that drives layout.
//
// All lengths are in PDF points (1/72 in). Style::report() is the default A4 report style.
#pragma once

#include <string>

namespace quire {

/// Font families for one role; each entry is the head of a fallback chain (see fonts/).
struct FontRole {
    std::string chain = "serif";  ///< name of a fallback chain in fonts/fallback.conf
    double size = 10.5;           ///< point size
    double leading = 14.5;        ///< baseline-to-baseline distance
};

/// Page geometry and typography of one house style.
struct Style {
    std::string name = "report";

    // Page (A4) and text block.
    double page_width = 595.276;
    double page_height = 841.89;
    double margin_top = 72;     ///< top of page to the top of the text block
    double margin_bottom = 70;  ///< bottom of the text block to the bottom of the page
    double margin_inner = 85;
    double margin_outer = 85;

    // Body text.
    FontRole body{"serif", 10.5, 15};
    double paragraph_indent = 14;  ///< first-line indent of paragraphs after the first
    double paragraph_space = 0;    ///< extra space between paragraphs
    bool justify = true;
    int orphans = 2;  ///< least lines of a paragraph at the foot of a page (TeX: \clubpenalty)
    int widows = 2;   ///< least lines of a paragraph at the head of a page (\widowpenalty)

    // Title block.
    FontRole title{"serif", 22, 27};
    FontRole byline{"serif", 11, 15};
    FontRole meta{"serif", 8.5, 12};  ///< the translations line
    double title_space_after = 26;    ///< below the title block

    // Notes.
    FontRole note{"serif", 8.5, 11};
    double note_rule_width = 72;  ///< length of the short rule above the notes
    double note_rule_thickness = 0.4;
    double note_space_before = 12;    ///< from the last body line to the rule
    double note_rule_gap = 7;         ///< from the rule to the first note's top
    double note_gap = 2;              ///< between notes
    double note_number_width = 14;    ///< hanging indent of note text
    double superscript_scale = 0.62;  ///< size of note marks relative to the text
    double superscript_rise = 0.36;   ///< rise of note marks, in ems of the text

    // Author bio.
    FontRole bio{"serif", 9.5, 13};
    double bio_space_before = 22;
    double bio_rule_width = 72;
    int bio_keep_lines = 14;  ///< a bio of at most this many lines (name included) is not split

    // Running head and folio.
    FontRole running_head{"serif", 8.5, 10};
    double head_offset = 34;   ///< from the top of the page to the running head's baseline
    double folio_offset = 38;  ///< from the bottom of the page to the page number's baseline

    /// The default A4 report style.
    static Style report() { return Style{}; }
};

}  // namespace quire

// api/style_keys: the one table of style keys, see style_keys.hpp.
#include "api/style_keys.hpp"

#include "api/impl.hpp"

#include <quire/style_file.hpp>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace quire::inline v0::detail {

namespace {

// clang-format off
#define QF(expr) [](Style& s) -> void* { return &(s.expr); }
/// A key of one field.
#define QKEY(path, field, kind, min, max, doc) \
    StyleKeyDef{path, #field, StyleKind::kind, QF(field), min, max, nullptr, {}, doc}
/// A key read otherwise (name, extends, page.size).
#define QSPECIAL(path, fields, kind, at, doc) \
    StyleKeyDef{path, fields, StyleKind::kind, at, 0, 0, nullptr, {}, doc}
/// A font role's three keys: font (its chain), size (size or size/leading) and leading.
#define QROLE(prefix, role, doc)                                                               \
    StyleKeyDef{prefix ".font", #role ".chain", StyleKind::text, QF(role.chain), 0, 0,        \
                &Style::role, prefix, doc},                                                     \
    StyleKeyDef{prefix ".size", #role ".size", StyleKind::size, QF(role), 0.1, 499,             \
                &Style::role, prefix, doc},                                                     \
    StyleKeyDef{prefix ".leading", #role ".leading", StyleKind::length, QF(role.leading), 0.1, \
                999, &Style::role, prefix, doc}
// clang-format on

// The keys, in the order write_style() writes them. A constant: ready before any code runs.
// The bounds of penalties and demerits are TeX's (±10000 is "never"/"always").
constexpr StyleKeyDef kKeys[] = {
    QSPECIAL("name", "name", name, QF(name),
             "the style's name, in errors; default: the file's name without `.yaml`"),
    QSPECIAL("extends", "", extends, nullptr,
             "the style read first, whose keys this file's override; a name without `/` and not "
             "ending in `.yaml` is a built-in style, else a file relative to this one"),
    QKEY("page.width", page_width, length, 72, 14400, "the trimmed page's width"),
    QKEY("page.height", page_height, length, 72, 14400, "the trimmed page's height"),
    QKEY("page.bleed", bleed, length, 0, 72,
         "printed beyond the trim on every side: the MediaBox and BleedBox are this much larger "
         "than the page (the TrimBox)"),
    QSPECIAL("page.size", "page_width, page_height", page_size, nullptr,
             "`page.width` and `page.height` at once, in their ranges"),
    QKEY("pdf.standard", pdf_standard, standard, 0, 0,
         "what the PDF claims to conform to (tagged whatever the claim); "
         "`PdfOptions::standard`, when set, wins"),
    QKEY("print.bleed", print_bleed, length, 0, 72,
         "the bleed of a print file (a PDF that claims PDF/X-4): the larger of this and "
         "`page.bleed`"),
    QKEY("print.crop_marks", crop_marks, flag, 0, 0,
         "a print file has crop marks at the trim's corners, outside the bleed"),
    QKEY("print.registration_marks", registration_marks, flag, 0, 0,
         "a print file has registration targets beside each edge, outside the bleed"),
    QKEY("print.slug", slug, flag, 0, 0,
         "a print file has a slug line under the page, outside the bleed: the file, the page "
         "and the date"),
    QKEY("margins.top", margin_top, length, 0, 7200, "the page's top to the text block's"),
    QKEY("margins.bottom", margin_bottom, length, 0, 7200, "the text block's bottom to the page's"),
    QKEY("margins.inner", margin_inner, length, 0, 7200,
         "the left margin of right-hand (odd) pages: the binding side"),
    QKEY("margins.outer", margin_outer, length, 0, 7200, "the right margin of right-hand pages"),
    QKEY("margins.mirror", mirror_margins, flag, 0, 0,
         "left-hand (even) pages swap inner and outer"),
    QKEY("colors.text", text_color, color, 0, 0, "all text"),
    QKEY("colors.rule", rule_color, color, 0, 0, "the short rules above the notes and the bio"),
    QKEY("colors.link", link_color, color, 0, 0,
         "text that links: note marks and numbers, contents entries; links in the EPUB"),
    QKEY("colors.accent", accent_color, color, 0, 0, "the colour band of a report's cover"),
    QKEY("front.pages", front_pages, flag, 0, 0,
         "a report with publication data (series, organisation, logo, cover image or an "
         "identifier) opens with a cover page and, on its verso, an imprint page"),
    QKEY("front.back_cover", back_cover, flag, 0, 0,
         "a report with front pages ends with a back cover, a left-hand page (after a blank one "
         "when needed): title and summary, logo, organisation, series, ISBN and DOI"),
    QKEY("front.summary_box", summary_box, flag, 0, 0,
         "a report's summary (abstract) is set in a box under the title block"),
    QKEY("front.contents_pages", contents_pages, integer, 0, 10000,
         "a report with front pages whose text runs to at least this many pages has a contents "
         "page after the imprint; 0: only when its metadata asks (contents: true)"),
    QKEY("captions.numbered", number_figures, flag, 0, 0,
         "figures and tables are numbered (Figure 3., Table 2. before their captions) and a "
         "cross-reference to one says Figure 3"),
    QKEY("headings.numbered", number_headings, flag, 0, 0,
         "headings are numbered by level (2, 2.1) in the text, outline, contents and EPUB "
         "(its text and navigation); a cross-reference to one says Section 2.1 (else it quotes "
         "the heading)"),
    QKEY("headings.number_format", heading_number_format, number_format, 0, 0,
         "how numbered headings are numbered: a counter per level, `1` (digits), `I` `i` "
         "(roman), `A` `a` (letters), with the text around them: `1.1` gives 2.1, `I.A.1` "
         "II.B.3, `1.1.` 2.1.; a deeper level repeats the last counter"),
    QKEY("xrefs.pages", xref_pages, flag, 0, 0,
         "a cross-reference in the PDF also gives the page its target is on (Figure 3, p. 12; "
         "in the article's language), unless it is on that page; the EPUB has no pages"),
    QKEY("fonts.chains", font_chains, chains, 0, 0,
         "fallback chains defined or redefined for this style only (`fonts/fallback.conf`'s "
         "sections)"),
    QKEY("fonts.scripts", script_fonts, scripts, 0, 0,
         "a family for one script's letters, in every chain of this style"),
    QROLE("body", body, "body text"),
    QKEY("body.indent", paragraph_indent, length, 0, 1000,
         "first-line indent of paragraphs after the first"),
    QKEY("body.paragraph_space", paragraph_space, length, 0, 1000,
         "extra space between paragraphs"),
    QKEY("body.justify", justify, flag, 0, 0,
         "justify the body, notes and bio; false: ragged right"),
    QROLE("headings.h1", heading1, "level 1 headings (Markdown `#`)"),
    QROLE("headings.h2", heading2, "level 2 headings"),
    QROLE("headings.h3", heading3, "level 3 headings and deeper"),
    QKEY("headings.space_before", heading_space_before, length, 0, 1000,
         "above a heading (not at the top of a page)"),
    QKEY("headings.space_after", heading_space_after, length, 0, 1000,
         "between a heading and its text"),
    QROLE("quote", quote, "block quotes"),
    QKEY("quote.indent", quote_indent, length, 0, 1000, "of a block quote, on both sides"),
    QKEY("lists.indent", list_indent, length, 0, 1000,
         "of a list item's text, per level (its marker hangs in it)"),
    QROLE("code", code,
          "code blocks; inline code takes their chain, at its size relative to the body's"),
    QKEY("blocks.space", block_space, length, 0, 1000,
         "above and below a quote, list, code block, figure or table"),
    QKEY("line_breaking.tolerance", tolerance, number, 0, 10000,
         "`\\tolerance`: the largest badness of an acceptable line"),
    QKEY("line_breaking.line_penalty", line_penalty, integer, -10000, 10000,
         "`\\linepenalty`: added to every line's badness"),
    QKEY("line_breaking.hyphen_penalty", hyphen_penalty, integer, -10000, 10000,
         "`\\hyphenpenalty`: breaking at a hyphenation point"),
    QKEY("line_breaking.ex_hyphen_penalty", ex_hyphen_penalty, integer, -10000, 10000,
         "`\\exhyphenpenalty`: breaking after an explicit hyphen"),
    QKEY("line_breaking.double_hyphen_demerits", double_hyphen_demerits, integer, 0, 10000000,
         "`\\doublehyphendemerits`: two hyphenated lines in a row"),
    QKEY("line_breaking.final_hyphen_demerits", final_hyphen_demerits, integer, 0, 10000000,
         "`\\finalhyphendemerits`: a hyphen on the last full line"),
    QKEY("line_breaking.adj_demerits", adj_demerits, integer, 0, 10000000,
         "`\\adjdemerits`: neighbour lines of unlike tightness"),
    QKEY("line_breaking.emergency_stretch", emergency_stretch, length, 0, 1000,
         "`\\emergencystretch`: extra stretch per line in a further pass, tried only when no "
         "breaks keep within the tolerance"),
    QKEY("line_breaking.url_penalty", url_penalty, integer, -10000, 10000,
         "breaking a URL after a slash or before a dot (no hyphen shown)"),
    QKEY("line_breaking.letter_space_stretch", letter_space_stretch, number, 0, 0.2,
         "the share of justification letters take (Latin, Greek, Cyrillic), as a fraction of "
         "their advance at the most, with the spaces, of what font expansion leaves; 0: word "
         "spaces only, as in TeX"),
    QKEY("line_breaking.letter_space_shrink", letter_space_shrink, number, 0, 0.2,
         "as `letter_space_stretch`, for a tight line"),
    QKEY("line_breaking.kashida", kashida, number, 0, 3,
         "the longest kashida (tatweel) one word of justified Arabic-script text may take, in "
         "ems, before the spaces stretch (half in Persian, none in Urdu or a Nastaliq face); "
         "0: spaces only"),
    QKEY("microtype.protrusion", protrusion, flag, 0, 0,
         "margin kerning: full stops, commas, hyphens, dashes, quotes and a few letters at a "
         "line's ends hang into the margin by a share of their width (microtype's amounts), in "
         "the body, notes and bio; the line breaker counts it"),
    QKEY("microtype.protrusion_factor", protrusion_factor, number, 0, 2,
         "scales every amount of margin kerning; 0: none"),
    QKEY("microtype.protrusion_chars", protrusion_chars, protrusion_chars, 0, 0,
         "amounts for single characters, in thousandths of their width, replacing the built-in "
         "ones: `\"—\": [150, 150]` (at a line's start, at its end; left and right in "
         "left-to-right text)"),
    QKEY("microtype.expansion_stretch", expansion_stretch, number, 0, 0.1,
         "font expansion: in a loose justified line, the glyphs of Latin, Greek and Cyrillic "
         "(not monospaced) are drawn up to this much wider (0.02: 2%), one factor a line; the "
         "line breaker counts it; 0: none"),
    QKEY("microtype.expansion_shrink", expansion_shrink, number, 0, 0.1,
         "as `expansion_stretch`, narrower in a tight line"),
    QKEY("microtype.expansion_step", expansion_step, number, 0.0001, 0.01,
         "expansion factors are rounded to this step (0.001: 0.1%)"),
    QKEY("hyphenation.enabled", hyphenate, flag, 0, 0,
         "break words at the hyphenation points of their language"),
    QKEY("hyphenation.left_min", left_hyphen_min, integer, 0, 20,
         "`\\lefthyphenmin`: the least letters before a hyphen; 0: the language's own"),
    QKEY("hyphenation.right_min", right_hyphen_min, integer, 0, 20,
         "`\\righthyphenmin`: the least letters after a hyphen; 0: the language's own"),
    QKEY("hyphenation.max_consecutive", max_consecutive_hyphens, integer, 0, 10,
         "the most hyphenated lines in a row; 0: no limit"),
    QKEY("pagination.orphans", orphans, integer, 1, 10,
         "the least lines of a paragraph at the foot of a page"),
    QKEY("pagination.widows", widows, integer, 1, 10,
         "the least lines of a paragraph at the head of a page"),
    QKEY("pagination.heading_keep_lines", heading_keep_lines, integer, 1, 20,
         "a heading stays on the page of at least this many of the lines that follow it"),
    QKEY("pagination.last_page_min_lines", last_page_min_lines, integer, 1, 50,
         "the least body lines on the page where the body ends; 1: off"),
    QKEY("pagination.break_after_hyphen", page_break_after_hyphen, flag, 0, 0,
         "whether a page may end with a word hyphenated across the break"),
    QROLE("title_block.title", title, "the article's title (bold)"),
    QROLE("title_block.byline", byline, "the authors (italic); the subtitle at 1.2 times it"),
    QROLE("title_block.translations", meta, "the translations line"),
    QKEY("title_block.space_after", title_space_after, length, 0, 1000, "below the title block"),
    QKEY("notes.placement", notes, placement, 0, 0,
         "footnotes at the foot of their page, or endnotes at the end of the article"),
    QROLE("notes", note, "footnotes and endnotes"),
    QKEY("notes.rule.width", note_rule_width, length, 0, 7200,
         "the length of the short rule above the notes"),
    QKEY("notes.rule.thickness", note_rule_thickness, length, 0, 20, "its thickness"),
    QKEY("notes.space_before", note_space_before, length, 0, 1000,
         "from the last body line to the rule"),
    QKEY("notes.rule_gap", note_rule_gap, length, 0, 1000, "from the rule to the first note"),
    QKEY("notes.gap", note_gap, length, 0, 1000, "between notes"),
    QKEY("notes.number_width", note_number_width, length, 0, 1000,
         "the numbers' column (hanging indent); less than half the measure"),
    QKEY("notes.mark.scale", superscript_scale, number, 0.1, 1,
         "the size of note marks, relative to the text"),
    QKEY("notes.mark.rise", superscript_rise, number, 0, 1,
         "the rise of note marks, in ems of the text"),
    QKEY("notes.continued_label", continued_label, opt_text, 0, 0,
         "above the rest of a footnote split over pages (\"12. (continued)\"); `~`: the "
         "article language's word; `\"\"`: none"),
    QKEY("notes.heading", notes_heading, opt_text, 0, 0,
         "the endnotes' heading; `~`: the article language's \"Notes\""),
    QKEY("notes.endnotes_space_before", endnotes_space_before, length, 0, 1000,
         "above the endnotes' heading"),
    QROLE("bio", bio, "the author's name and bio"),
    QKEY("bio.space_before", bio_space_before, length, 0, 1000,
         "above the bio's name (its rule halfway up)"),
    QKEY("bio.rule_width", bio_rule_width, length, 0, 7200,
         "the length of the short rule above the bio's name"),
    QKEY("bio.keep_lines", bio_keep_lines, integer, 0, 1000,
         "a bio of at most this many lines (its name included) is not split"),
    QROLE("running_head", running_head,
          "the running head (author · title, italic, from page 2) and the page numbers"),
    QKEY("running_head.offset", head_offset, length, 0, 7200,
         "the page's top to the running head's baseline"),
    QKEY("folio.offset", folio_offset, length, 0, 7200,
         "the page's bottom to the page number's baseline"),
};

#undef QROLE
#undef QSPECIAL
#undef QKEY
#undef QF

/// "%g" of a number.
std::string g(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

bool has_unit(StyleKind kind) {
    return kind == StyleKind::length || kind == StyleKind::size;
}

}  // namespace

double StyleKeyDef::number_in(const Style& s) const {
    // The accessor takes a mutable style; the value is only read.
    const void* f = at(const_cast<Style&>(s));
    switch (kind) {
        case StyleKind::integer:
            return *static_cast<const int*>(f);
        case StyleKind::size:
            return static_cast<const FontRole*>(f)->size;
        default:
            return *static_cast<const double*>(f);
    }
}

const StyleKeyDef* find_style_key(std::string_view path) {
    for (const auto& k : style_key_table())
        if (k.path == path) return &k;
    return nullptr;
}

const std::vector<FontRoleDef>& font_roles() {
    static const std::vector<FontRoleDef> roles = [] {
        std::vector<FontRoleDef> out;
        for (const auto& k : style_key_table())
            if (k.role && (out.empty() || out.back().member != k.role))
                out.push_back({k.role_key, k.role, k.doc});
        return out;
    }();
    return roles;
}

std::span<const StyleKeyDef> style_key_table() {
    return kKeys;
}

const std::vector<PageSize>& page_sizes() {
    static const std::vector<PageSize> sizes = {
        {"A4", 595.276, 841.89},   {"A5", 419.528, 595.276}, {"B5", 498.898, 708.661},
        {"letter", 612, 792},      {"legal", 612, 1008},     {"royal", 442.205, 663.307},
        {"demy", 391.181, 612.283}};
    return sizes;
}

std::string out_of_range(const StyleKeyDef& k, double v) {
    return g(v) + " is out of range (" + g(k.min) + " to " + g(k.max) +
           (has_unit(k.kind) ? " pt)" : ")");
}

StyleProblem style_problem(const Style& s) {
    for (const auto& k : style_key_table()) {
        if (!k.ranged()) continue;
        const double v = k.number_in(s);
        if (!(v >= k.min && v <= k.max))  // NaN too
            return {"'" + std::string(k.path) + "' (" + std::string(k.field) +
                        "): " + out_of_range(k, v),
                    {k.path}};
    }
    const double measure = s.page_width - s.margin_inner - s.margin_outer;
    const double height = s.page_height - s.margin_top - s.margin_bottom;
    if (!(measure >= 72))
        return {"the text block is narrower than 1 inch (page_width less margins)",
                {"margins.outer", "margins.inner", "page.width"}};
    if (!(height >= 144))
        return {"the text block is shorter than 2 inches (page_height less margins)",
                {"margins.bottom", "margins.top", "page.height"}};
    if (!(s.note_number_width < measure / 2))
        return {"note_number_width must be between 0 and half the measure",
                {"notes.number_width", "margins.outer", "margins.inner", "page.width"}};
    return {};
}

Result<Unit> check_style(const Style& s, Location where) {
    const StyleProblem bad = style_problem(s);
    if (bad.message.empty()) return Unit{};
    return make_error(std::move(where), "style '" + s.name + "': " + bad.message);
}

std::string style_number_text(double v) {
    char buf[64];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    if (ec != std::errc()) return "0";
    return std::string(buf, p);
}

std::string yaml_quoted(const std::string& s) {
    std::string o(1, '"');
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            o += '\\';
            o += static_cast<char>(c);
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            o += buf;
        } else {
            o += static_cast<char>(c);
        }
    }
    o += '"';
    return o;
}

std::string style_value_text(const Style& style, const StyleKeyDef& k, const std::string& indent) {
    if (!k.at) return {};
    // The accessor takes a mutable style; the value is only read.
    const void* f = k.at(const_cast<Style&>(style));
    switch (k.kind) {
        case StyleKind::extends:
        case StyleKind::page_size:
            return {};
        case StyleKind::length:
        case StyleKind::number:
            return style_number_text(*static_cast<const double*>(f));
        case StyleKind::integer:
            return std::to_string(*static_cast<const int*>(f));
        case StyleKind::flag:
            return *static_cast<const bool*>(f) ? "true" : "false";
        case StyleKind::name:
        case StyleKind::text:
        case StyleKind::number_format:
            return yaml_quoted(*static_cast<const std::string*>(f));
        case StyleKind::opt_text: {
            const auto& o = *static_cast<const std::optional<std::string>*>(f);
            return o ? yaml_quoted(*o) : "~";
        }
        case StyleKind::size:
            return style_number_text(static_cast<const FontRole*>(f)->size);
        case StyleKind::color: {
            const Color& c = *static_cast<const Color*>(f);
            char buf[16];
            std::snprintf(buf, sizeof buf, "\"#%02x%02x%02x\"", c.r, c.g, c.b);
            return buf;
        }
        case StyleKind::placement:
            return *static_cast<const NotePlacement*>(f) == NotePlacement::endnotes ? "endnotes"
                                                                                    : "footnotes";
        case StyleKind::standard:
            return yaml_quoted(to_string(*static_cast<const PdfStandard*>(f)));
        case StyleKind::chains: {
            const auto& chains = *static_cast<const std::vector<FontChain>*>(f);
            if (chains.empty()) return "{}";
            std::string o;
            for (const auto& c : chains) {
                o += '\n' + indent + "  " + yaml_quoted(c.name) + ": [";
                for (std::size_t i = 0; i < c.families.size(); ++i)
                    o += (i ? ", " : "") + yaml_quoted(c.families[i]);
                o += ']';
            }
            return o;
        }
        case StyleKind::scripts: {
            const auto& scripts = *static_cast<const std::vector<ScriptFont>*>(f);
            if (scripts.empty()) return "{}";
            std::string o;
            for (const auto& sf : scripts)
                o += '\n' + indent + "  " + yaml_quoted(sf.script) + ": " + yaml_quoted(sf.family);
            return o;
        }
        case StyleKind::protrusion_chars: {
            const auto& chars = *static_cast<const std::vector<CharProtrusion>*>(f);
            if (chars.empty()) return "{}";
            std::string o;
            for (const auto& c : chars)
                o += '\n' + indent + "  " + yaml_quoted(c.character) + ": [" +
                     std::to_string(c.start) + ", " + std::to_string(c.end) + "]";
            return o;
        }
    }
    return {};
}

// The README's table.

namespace {

std::string code(std::string_view s) {
    return "`" + std::string(s) + "`";
}

/// "0 to 7200 pt", every digit written.
std::string range_text(const StyleKeyDef& k) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g to %.10g%s", k.min, k.max, has_unit(k.kind) ? " pt" : "");
    return buf;
}

/// What a key takes.
std::string value_doc(const StyleKeyDef& k) {
    switch (k.kind) {
        case StyleKind::name:
            return "text, one line";
        case StyleKind::extends:
            return "a built-in style's name, or a file";
        case StyleKind::page_size: {
            std::string o;
            for (const auto& p : page_sizes()) o += std::string(p.name) + ", ";
            return o + "or `WIDTH x HEIGHT` (`6in x 9in`)";
        }
        case StyleKind::length:
            return "length, " + range_text(k);
        case StyleKind::number:
            return "number, " + range_text(k);
        case StyleKind::integer:
            return "whole number, " + range_text(k);
        case StyleKind::flag:
            return "true/false";
        case StyleKind::text:
            return "a chain's name";
        case StyleKind::number_format:
            return "counters `1` `I` `i` `A` `a` and the text between them";
        case StyleKind::opt_text:
            return "text, or `~`";
        case StyleKind::size:
            return "length, " + range_text(k) + ", or size/leading";
        case StyleKind::color:
            return "colour";
        case StyleKind::placement:
            return "`footnotes` or `endnotes`";
        case StyleKind::standard: {
            std::string o;
            for (const bool ua : {true, false})
                for (const int pdfa : {2, 3, 0})
                    if (pdfa != 0 || ua)
                        o += (o.empty() ? "" : ", ") + code(to_string(PdfStandard{pdfa, ua}));
            o += ", " + code(to_string(PdfStandard{0, false, true})) + ", " +
                 code(to_string(PdfStandard{0, true, true})) + " (a print file) or " +
                 code(to_string(PdfStandard{0, false}));
            return o;
        }
        case StyleKind::chains:
            return "map: chain → list of families";
        case StyleKind::scripts:
            return "map: script (ISO 15924 code or Unicode name) → family";
        case StyleKind::protrusion_chars:
            return "map: character → [start, end], whole numbers -1000 to 1000";
    }
    return {};
}

/// A key's value in one built-in style, for the table.
std::string value_cell(const Style& s, const StyleKeyDef& k, std::string_view extends) {
    switch (k.kind) {
        case StyleKind::name:
            return code(s.name);
        case StyleKind::extends:
            return extends.empty() ? "—" : code(extends);
        case StyleKind::page_size:
            return "—";
        case StyleKind::length:
            return style_value_text(s, k, "") + " pt";
        case StyleKind::chains:
        case StyleKind::scripts:
        case StyleKind::protrusion_chars: {
            // One line: "serif: ["A", "B"]; …".
            std::string v = style_value_text(s, k, "");
            if (v == "{}") return code(v);
            std::string o;
            for (std::size_t at = 1; at < v.size();) {
                const std::size_t end = std::min(v.find('\n', at), v.size());
                o += (o.empty() ? "" : "; ") + v.substr(at + 2, end - at - 2);
                at = end + 1;
            }
            return code(o);
        }
        case StyleKind::text:
        case StyleKind::opt_text:
        case StyleKind::number_format:
        case StyleKind::color:
        case StyleKind::standard:
            return code(style_value_text(s, k, ""));
        default:
            return style_value_text(s, k, "");
    }
}

/// A font role's value: "serif 10.5/15".
std::string role_cell(const Style& s, FontRole Style::*role) {
    const FontRole& r = s.*role;
    return r.chain + " " + style_number_text(r.size) + "/" + style_number_text(r.leading);
}

}  // namespace

std::string style_keys_markdown() {
    // The built-in styles, report (the default) first, with what each extends.
    struct Column {
        std::string name;
        Style style;
        std::string extends;
    };
    std::vector<Column> columns;
    auto names = builtin_style_names();
    std::stable_partition(names.begin(), names.end(), [](const auto& n) { return n == "report"; });
    for (const auto& n : names) {
        auto s = builtin_style(n);
        if (!s) continue;
        std::string extends;
        const YAML::Node root = YAML::Load(std::string(builtin_style_text(n)));
        if (const YAML::Node e = root["extends"]; e && e.IsScalar()) extends = e.Scalar();
        columns.push_back({n, *s, extends});
    }
    std::string o = "| key | Style field | value |";
    std::string rule = "|---|---|---|";
    for (const auto& c : columns) {
        o += " " + c.name + " |";
        rule += "---|";
    }
    o += " what it sets |\n" + rule + "---|\n";
    const auto table = style_key_table();
    for (std::size_t i = 0; i < table.size(); ++i) {
        const StyleKeyDef& k = table[i];
        std::vector<std::string> cells;
        if (k.role) {
            // One row for the role's three keys (font, size, leading, in this order).
            const StyleKeyDef& size = table[i + 1];
            const StyleKeyDef& leading = table[i + 2];
            const std::string field(k.field.substr(0, k.field.find('.')));
            cells = {code(k.path) + ", " + code(".size") + ", " + code(".leading"), code(field),
                     "a chain's name; size " + range_text(size) + " (or size/leading); leading " +
                         range_text(leading)};
            for (const auto& c : columns) cells.push_back(role_cell(c.style, k.role));
            i += 2;
        } else {
            cells = {code(k.path), k.field.empty() ? "—" : code(k.field), value_doc(k)};
            for (const auto& c : columns) cells.push_back(value_cell(c.style, k, c.extends));
        }
        // The other styles' values only where they differ from the first's.
        for (std::size_t c = 4; c < cells.size(); ++c)
            if (cells[c] == cells[3]) cells[c].clear();
        cells.emplace_back(k.doc);
        o += '|';
        for (const auto& cell : cells) o += cell.empty() ? " |" : " " + cell + " |";
        o += '\n';
    }
    return o;
}

}  // namespace quire::inline v0::detail

namespace quire::inline v0 {

using detail::style_key_table;
using detail::style_value_text;
using detail::StyleKind;

std::vector<StyleKey> style_keys() {
    std::vector<StyleKey> out;
    for (const auto& k : style_key_table())
        if (k.field_key()) out.push_back({std::string(k.path), std::string(k.field)});
    return out;
}

std::string write_style(const Style& style) {
    std::string out;
    std::vector<std::string> open;  // the sections written above, outermost first
    for (const auto& k : style_key_table()) {
        if (!k.field_key() && k.kind != StyleKind::name) continue;  // extends, page.size
        std::vector<std::string> parts;
        const std::string p(k.path);
        for (std::size_t from = 0;;) {
            const std::size_t dot = p.find('.', from);
            parts.push_back(p.substr(from, dot - from));
            if (dot == std::string::npos) break;
            from = dot + 1;
        }
        std::size_t same = 0;
        while (same < open.size() && same + 1 < parts.size() && open[same] == parts[same]) ++same;
        open.resize(same);
        for (std::size_t i = same; i + 1 < parts.size(); ++i) {
            out += std::string(2 * i, ' ') + parts[i] + ":\n";
            open.push_back(parts[i]);
        }
        const std::string indent(2 * (parts.size() - 1), ' ');
        const std::string v = style_value_text(style, k, indent);
        out += indent + parts.back() + ":";
        if (v.empty() || v[0] != '\n') out += ' ';
        out += v + "\n";
    }
    return out;
}

}  // namespace quire::inline v0

// layout/article_layout: the report layout of an article (see article_layout.hpp).
//
// Invariants: body lines keep the order of the source; a note is attached to the line holding
// its first reference, so the page builder starts it on that line's page; notes nothing refers
// to go to the foot of the last body page; every line's glyphs carry their source text. With
// endnotes, the notes leave the feet and follow the body under a heading, in the order of their
// first reference, with the same marks, links and destinations. Every paragraph is set with the
// style's line-breaking settings (ParagraphSpec), the title block without hyphenation.
//
// The parts, each in its own file: article_setter (setting text with the style, the logical
// structure), article_flow (the blocks collected), article_blocks and article_figures (title,
// body, bio), article_notes (footnotes and endnotes), article_compose (the pages).
#include "layout/article_layout.hpp"

#include "layout/article_blocks.hpp"
#include "layout/article_compose.hpp"
#include "layout/article_flow.hpp"
#include "layout/article_notes.hpp"
#include "layout/article_setter.hpp"
#include "layout/report_front.hpp"

#include <map>
#include <set>
#include <string>
#include <utility>

namespace quire::inline v0::layout {

namespace {

/// Where the pages put the cross-references and their targets: the folio of each target's
/// destination, and of each reference (by its place in the setter's order).
struct XrefPages {
    std::map<std::string, int> targets;
    std::map<int, int> references;
    bool operator==(const XrefPages&) const = default;
};

/// One pass: the article laid out with the pages that cross-references give (`known`, from
/// the pass before; empty for none); `found` gets where this pass put them.
PagedDocument typeset_pass(const Article& article, const Style& style, text::FontBook& fonts,
                           Diagnostics& diags, int first_folio, const XrefPages& known,
                           XrefPages* found) {
    ArticleSetter setter(article, style, fonts, diags);
    setter.target_folio = known.targets;
    setter.reference_folio_before = known.references;
    ArticleFlow flow(style);
    ArticleNotes notes(setter);
    FrontPages front = set_front_pages(setter);  // first in the structure's reading order
    collect_title(setter, flow);
    collect_summary(setter, flow);
    notes.set_all();  // before the body: each note's element goes after its first reference
    collect_body(setter, flow, notes);
    if (style.notes == NotePlacement::endnotes) notes.collect_endnotes(flow);
    collect_bio(setter, flow);
    PagedDocument doc = compose_pages(setter, flow, notes, first_folio, std::move(front));
    if (found) {
        found->references = std::move(setter.reference_folio);
        std::set<std::string> targets;
        for (const auto& [id, dest] : setter.numbering.dest) targets.insert(dest);
        for (const Destination& d : doc.destinations)
            if (targets.count(d.name))
                found->targets.emplace(d.name, folio_at(first_folio, d.page));
    }
    return doc;
}

}  // namespace

PagedDocument typeset_article(const Article& article, const Style& style, text::FontBook& fonts,
                              Diagnostics& diags, int first_folio) {
    if (!style.xref_pages)
        return typeset_pass(article, style, fonts, diags, first_folio, {}, nullptr);
    // References that give pages: set without them, read where the targets and the references
    // fell, set again with those pages (none for a reference on its target's page), until
    // nothing moves (a longer reference can push a target on); LaTeX's reruns, within one
    // call. Only the pass kept reports its warnings. An article without references is set once.
    XrefPages known, found;
    Diagnostics pass_diags;
    PagedDocument doc = typeset_pass(article, style, fonts, pass_diags, first_folio, known, &found);
    for (int pass = 0; pass < 4 && !found.references.empty() && found != known; ++pass) {
        known = std::move(found);
        found = {};
        pass_diags.clear();
        doc = typeset_pass(article, style, fonts, pass_diags, first_folio, known, &found);
    }
    for (const Diagnostic& d : pass_diags.all()) diags.add(d);
    return doc;
}

}  // namespace quire::inline v0::layout

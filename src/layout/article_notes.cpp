// layout/article_notes: see article_notes.hpp.
#include "layout/article_notes.hpp"

#include "base/utf8.hpp"

#include <utility>

namespace quire::inline v0::layout {

ArticleNotes::ArticleNotes(ArticleSetter& setter)
    : setter_(setter), article_(setter.article), style_(setter.style) {
    for (std::size_t i = 0; i < article_.notes.size(); ++i)
        index_[article_.notes[i].number] = static_cast<int>(i);
}

std::string ArticleNotes::dest(int note) const {
    return "fn" + std::to_string(article_.notes[static_cast<std::size_t>(note)].number);
}

void ArticleNotes::set_all() {
    const ParagraphSpec spec = setter_.spec_for(setter_.measure - style_.note_number_width,
                                                article_.lang, style_.justify, true);
    notes_.resize(article_.notes.size());
    for (std::size_t i = 0; i < article_.notes.size(); ++i) {
        const Note& note = article_.notes[i];
        // A Note (placed later, after its first reference) with its number as Lbl and a P
        // per paragraph; its ID names it for the Reference that points to it.
        const int elem = setter_.structure.add("Note", -1, article_.lang);
        setter_.elem_at(elem).id = "fn" + std::to_string(note.number);
        elems_.push_back(elem);
        const int label = setter_.block("Lbl", elem);
        std::vector<SetLine> lines;
        for (const auto& para : note.paragraphs) {
            text::ParagraphText pt;
            const std::string lang = para.lang.empty() ? article_.lang : para.lang;
            setter_.append_text(pt, para, style_.note, lang);
            ParagraphSpec ps = spec;
            ps.lang = lang;
            for (auto& l : setter_.set(std::move(pt), ps, para.line ? para.line : note.line,
                                       setter_.block("P", elem, lang)))
                lines.push_back(std::move(l));
        }
        if (lines.empty()) lines.emplace_back();
        // The number, hanging in the margin of the note text.
        text::ParagraphText num;
        auto ns = setter_.span(style_.note, false, false, article_.lang);
        ns.note_mark = note.number;
        ns.note_target = true;
        num.append(std::to_string(note.number) + ".", ns);
        num.base_level = setter_.rtl ? 1 : 0;
        ParagraphSpec nspec =
            setter_.spec_for(style_.note_number_width * 4, article_.lang, false, false);
        nspec.rtl_flush_right = false;
        auto numl = setter_.set_plain(num, nspec, note.line);
        setter_.tag(numl, num, label);
        notes_[i].lines = std::move(lines);
        if (!numl.empty()) notes_[i].number = std::move(numl.front());
    }
}

void ArticleNotes::attach_references(ArticleFlow& flow, std::size_t start, int parent) {
    for (std::size_t i = start; i < flow.size(); ++i) {
        std::vector<const Mark*> marks;
        for (const auto& m : flow.blocks[i].line.marks) marks.push_back(&m);
        for (const auto& c : flow.blocks[i].cells)
            for (const auto& m : c.line.marks) marks.push_back(&m);
        for (const Mark* m : marks) {
            if (m->target || m->note <= 0) continue;
            auto it = index_.find(m->note);
            if (it == index_.end() || !referenced_.insert(it->second).second) continue;
            flow.items[i].notes.push_back(it->second);
            order_.push_back(it->second);
            // A footnote reads after the block that refers to it first.
            if (style_.notes != NotePlacement::endnotes)
                setter_.structure.attach(elems_[static_cast<std::size_t>(it->second)], parent);
        }
    }
}

void ArticleNotes::attach_unreferenced(ArticleFlow& flow) {
    for (std::size_t i = 0; i < article_.notes.size(); ++i)
        if (!referenced_.count(static_cast<int>(i)) && flow.size() > 0) {
            flow.items[(flow.body_end > 0 ? flow.body_end : flow.size()) - 1].notes.push_back(
                static_cast<int>(i));
            order_.push_back(static_cast<int>(i));
            if (style_.notes != NotePlacement::endnotes)
                setter_.structure.attach(elems_[i], setter_.root);
        }
}

void ArticleNotes::collect_endnotes(ArticleFlow& flow) {
    if (notes_.empty()) return;
    text::ParagraphText head;
    head.append(title(), setter_.span(style_.body, true, false, article_.lang));
    // A section of its own: the heading, then the notes in the order they are printed.
    const int sect = setter_.block("Sect", setter_.root);
    const std::size_t h = flow.add_lines(
        setter_.set(std::move(head), setter_.spec_for(setter_.measure, article_.lang, false, false),
                    1, setter_.block("H2", sect)),
        style_.body, style_.endnotes_space_before, true);
    for (const int ni : order_)
        setter_.structure.attach(elems_[static_cast<std::size_t>(ni)], sect);
    if (h < flow.size()) flow.blocks[h].dest = "notes";
    const std::size_t head_last = flow.size() - 1;
    auto notes = endnote_flow(flow.items, specs(), style_.orphans, style_.widows, style_.note_gap);
    for (std::size_t k = 0; k < notes.items.size(); ++k) {
        const EndnoteLine& el = notes.lines[k];
        const NoteLines& nl = notes_[static_cast<std::size_t>(el.note)];
        Block b;
        b.line = nl.lines[el.line];
        b.x = style_.note_number_width;
        if (el.line == 0) {
            b.lead = nl.number;
            b.note = el.note;
            b.dest = dest(el.note);
        }
        flow.push(std::move(b), std::move(notes.items[k]));
    }
    keep_with_following(flow.items, head_last, style_.heading_keep_lines);
}

std::vector<NoteSpec> ArticleNotes::specs() const {
    std::vector<NoteSpec> specs(notes_.size());
    for (std::size_t i = 0; i < notes_.size(); ++i) {
        const auto& lines = notes_[i].lines;
        specs[i].lines.assign(lines.size(), style_.note.leading);
        if (!style_.page_break_after_hyphen)
            for (const auto& l : lines) specs[i].hyphenated.push_back(ends_hyphenated(l));
    }
    return specs;
}

std::string ArticleNotes::title() const {
    return style_.notes_heading ? *style_.notes_heading : word(labels::Label::notes, article_.lang);
}

std::string ArticleNotes::continued_label() const {
    return style_.continued_label ? *style_.continued_label
                                  : word(labels::Label::continued, article_.lang);
}

const ContinuedLabel& ArticleNotes::continued_label_line(int note) {
    auto it = continued_.find(note);
    if (it != continued_.end()) return it->second;
    const Note& n = article_.notes[static_cast<std::size_t>(note)];
    ContinuedLabel cl;
    cl.number = setter_.one_line(std::to_string(n.number) + ".", style_.note, false);
    cl.label = setter_.one_line(continued_label(), style_.note, true);
    return continued_.emplace(note, std::move(cl)).first->second;
}

double ArticleNotes::number_offset(const SetLine& number) const {
    return style_.note_number_width - number.width - 0.25 * style_.note.size;
}

std::string ArticleNotes::outline_title(int note) const {
    const Note& n = article_.notes[static_cast<std::size_t>(note)];
    std::string text;
    for (const auto& p : n.paragraphs) {
        text += p.plain_text();
        if (text.size() > 80) break;
    }
    // Cut at a character boundary near 60 bytes, at a space when there is one.
    if (text.size() > 64) {
        std::size_t cut = utf8::floor_boundary(text, 60);
        std::size_t sp = text.rfind(' ', cut);
        if (sp != std::string::npos && sp > 30) cut = sp;
        text = text.substr(0, cut) + "…";
    }
    return std::to_string(n.number) + ". " + text;
}

}  // namespace quire::inline v0::layout

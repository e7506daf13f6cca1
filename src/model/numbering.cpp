// model/numbering: see numbering.hpp.
#include "model/numbering.hpp"

#include "model/labels.hpp"

#include <set>
#include <variant>

namespace quire::inline v0::model {

Numbering number_blocks(const Article& article, bool number_headings, bool number_figures) {
    Numbering n;
    n.number.resize(article.body.size());
    int figures = 0, tables = 0, headings = 0;
    std::vector<int> levels;  // the count at each heading level
    for (std::size_t i = 0; i < article.body.size(); ++i) {
        const Paragraph& p = article.body[i];
        switch (p.kind()) {
            case BlockKind::figure:
                if (number_figures) n.number[i] = std::to_string(++figures);
                break;
            case BlockKind::table:
                if (number_figures) n.number[i] = std::to_string(++tables);
                break;
            case BlockKind::heading:
                if (number_headings) {
                    const auto level = static_cast<std::size_t>(p.heading);
                    if (levels.size() < level) levels.resize(level, 0);
                    levels.resize(level);
                    ++levels.back();
                    std::string s;
                    for (int v : levels) s += (s.empty() ? "" : ".") + std::to_string(v);
                    n.number[i] = s;
                }
                break;
            default:
                break;
        }
        if (p.kind() == BlockKind::heading) ++headings;
        if (!p.id.empty() && n.by_id.emplace(p.id, i).second)
            n.dest.emplace(p.id, p.kind() == BlockKind::heading ? "h-" + std::to_string(headings)
                                                                : anchor(p.id));
    }
    return n;
}

std::string Numbering::caption_label(const Article& article, std::size_t i) const {
    if (i >= article.body.size() || number[i].empty()) return {};
    const BlockKind k = article.body[i].kind();
    if (k != BlockKind::figure && k != BlockKind::table) return {};
    const auto label = k == BlockKind::figure ? labels::Label::figure : labels::Label::table;
    // Chinese and Japanese write the number against the word ("图3").
    const std::string p = article.lang.substr(0, 2);
    const std::string sep = p == "zh" || p == "ja" ? "" : "\u00A0";
    return std::string(labels::get(label, article.lang)) + sep + number[i];
}

std::string Numbering::reference_text(const Article& article, const std::string& id) const {
    const auto it = by_id.find(id);
    if (it == by_id.end()) return {};
    const std::size_t i = it->second;
    const Paragraph& p = article.body[i];
    if (p.kind() != BlockKind::heading) return caption_label(article, i);
    if (!number[i].empty()) {
        const std::string l = article.lang.substr(0, 2);
        const std::string sep = l == "zh" || l == "ja" ? "" : "\u00A0";
        return std::string(labels::get(labels::Label::section, article.lang)) + sep + number[i];
    }
    return "\u201C" + p.plain_text() + "\u201D";
}

namespace {

void check_paragraph(const Article& a, const Paragraph& p, const std::set<std::string>& ids,
                     Diagnostics& diags) {
    for (const Inline& in : p.content)
        if (const auto* t = std::get_if<Text>(&in); t && !t->xref.empty() && !ids.count(t->xref))
            diags.warning({a.source, p.line}, "the cross-reference '" + t->text +
                                                  "' names no figure, table or "
                                                  "heading (no block has the id '" +
                                                  t->xref + "'); it is printed as written");
}

}  // namespace

void check_cross_references(const Article& article, Diagnostics& diags) {
    std::map<std::string, int> seen;
    std::set<std::string> ids;
    for (const Paragraph& p : article.body) {
        if (p.id.empty()) continue;
        if (auto [it, fresh] = seen.emplace(p.id, p.line); !fresh)
            diags.warning({article.source, p.line},
                          "the id '" + p.id + "' is given twice (first at line " +
                              std::to_string(it->second) + "); references go to the first");
        ids.insert(p.id);
    }
    for (const Paragraph& p : article.body) check_paragraph(article, p, ids, diags);
    for (const Note& n : article.notes)
        for (const Paragraph& p : n.paragraphs) check_paragraph(article, p, ids, diags);
}

std::string anchor(const std::string& id) {
    std::string out = "xref-";
    for (char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '-';
        out += ok ? c : '-';
    }
    return out;
}

}  // namespace quire::inline v0::model

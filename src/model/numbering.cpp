// model/numbering: see numbering.hpp.
#include "model/numbering.hpp"

#include "model/labels.hpp"

#include <algorithm>
#include <set>
#include <utility>
#include <variant>

namespace quire::inline v0::model {

namespace {

bool is_counter(char c) {
    return c == '1' || c == 'I' || c == 'i' || c == 'A' || c == 'a';
}

std::string roman(int v, bool upper) {
    static constexpr std::pair<int, const char*> kParts[] = {
        {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
        {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
    std::string out;
    for (const auto& [n, s] : kParts)
        for (; v >= n; v -= n) out += s;
    if (upper)
        for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
    return out;
}

}  // namespace

std::string counter_text(int value, char kind) {
    if (value < 1) return std::to_string(value);
    switch (kind) {
        case 'I':
        case 'i':
            return value <= 3999 ? roman(value, kind == 'I') : std::to_string(value);
        case 'A':
        case 'a': {
            // Bijective base 26: A..Z, AA..AZ, BA...
            std::string out;
            for (int v = value; v > 0; v = (v - 1) / 26)
                out.insert(out.begin(), static_cast<char>(kind + (v - 1) % 26));
            return out;
        }
        default:
            return std::to_string(value);
    }
}

NumberFormat NumberFormat::parse(const std::string& text, std::string* error) {
    NumberFormat f;
    std::string literal;
    for (char c : text) {
        if (!is_counter(c)) {
            literal += c;
            continue;
        }
        if (f.counters.empty())
            f.prefix = literal;
        else
            f.separators.push_back(literal);
        literal.clear();
        f.counters.push_back(c);
    }
    f.suffix = literal;
    const auto fail = [&](const std::string& why) {
        if (error) *error = why;
        return parse("1.1");
    };
    if (f.counters.empty())
        return fail("'" + text + "' has no counter (1, I, i, A or a), as in \"1.1\" or \"I.A\"");
    if (f.counters.size() > 6) return fail("'" + text + "' has more than 6 levels");
    for (const auto& sep : f.separators)
        if (sep.empty())
            return fail("'" + text +
                        "' has two counters with nothing between them; separate "
                        "the levels, as in \"1.1\" or \"1-a\"");
    if (f.prefix.size() + f.suffix.size() > 16) return fail("'" + text + "' is too long");
    if (error) error->clear();
    return f;
}

std::string NumberFormat::format(const std::vector<int>& levels, bool affixes) const {
    std::string out = affixes ? prefix : std::string();
    for (std::size_t k = 0; k < levels.size(); ++k) {
        if (k > 0)
            out += separators.empty() ? "." : separators[std::min(k - 1, separators.size() - 1)];
        out += counter_text(levels[k], counters[std::min(k, counters.size() - 1)]);
    }
    if (affixes) out += suffix;
    return out;
}

Numbering number_blocks(const Article& article, bool number_headings, bool number_figures,
                        const std::string& heading_format) {
    const NumberFormat format = NumberFormat::parse(heading_format);
    Numbering n;
    n.number.resize(article.body.size());
    n.cited.resize(article.body.size());
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
                    n.number[i] = format.format(levels, true);
                    n.cited[i] = format.format(levels, false);
                }
                break;
            default:
                break;
        }
        if (p.kind() != BlockKind::heading) n.cited[i] = n.number[i];
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
    if (!cited[i].empty()) {
        const std::string l = article.lang.substr(0, 2);
        const std::string sep = l == "zh" || l == "ja" ? "" : "\u00A0";
        return std::string(labels::get(labels::Label::section, article.lang)) + sep + cited[i];
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

// import/cross_refs: Markdown's cross-reference syntax (see common.hpp): "{#id}" attributes on
// headings, figures and table captions, "Table: …" captions, "@fig:map" references.
#include "import/common.hpp"

#include <string_view>
#include <utility>

namespace quire::inline v0::import {

namespace {

bool id_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':' ||
           c == '.' || c == '_' || c == '-';
}

bool word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           static_cast<unsigned char>(c) >= 0x80;
}

/// The reference prefixes quire knows.
constexpr std::string_view kPrefixes[] = {"fig:", "tab:", "sec:"};

}  // namespace

std::string take_id_attribute(std::string& text) {
    std::size_t end = text.size();
    while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
    if (end < 4 || text[end - 1] != '}') return {};
    const std::size_t open = text.rfind("{#", end - 1);
    if (open == std::string::npos) return {};
    const std::string id = text.substr(open + 2, end - 1 - (open + 2));
    if (id.empty()) return {};
    for (char c : id)
        if (!id_char(c)) return {};
    std::size_t cut = open;
    while (cut > 0 && (text[cut - 1] == ' ' || text[cut - 1] == '\t')) --cut;
    text.resize(cut);
    return id;
}

void split_cross_refs(Paragraph& p) {
    std::vector<Inline> out;
    out.reserve(p.content.size());
    for (Inline& in : p.content) {
        auto* t = std::get_if<Text>(&in);
        if (!t || t->code || !t->href.empty() || t->text.find('@') == std::string::npos) {
            out.push_back(std::move(in));
            continue;
        }
        const std::string& s = t->text;
        std::size_t from = 0;
        for (std::size_t at = s.find('@'); at != std::string::npos; at = s.find('@', at + 1)) {
            if (at > 0 && word_char(s[at - 1])) continue;
            std::string_view rest = std::string_view(s).substr(at + 1);
            bool known = false;
            for (std::string_view pre : kPrefixes)
                known = known || rest.substr(0, pre.size()) == pre;
            if (!known) continue;
            std::size_t end = at + 1;
            while (end < s.size() && id_char(s[end])) ++end;
            // A full stop or colon after the id ends the sentence, not the id.
            while (end > at + 5 && (s[end - 1] == '.' || s[end - 1] == ':')) --end;
            if (end <= at + 5) continue;
            Text before = *t, ref = *t;
            before.text = s.substr(from, at - from);
            ref.text = s.substr(at, end - at);
            ref.xref = s.substr(at + 1, end - at - 1);
            if (!before.text.empty()) out.emplace_back(std::move(before));
            out.emplace_back(std::move(ref));
            from = end;
            at = end - 1;
        }
        if (from == 0) {
            out.push_back(std::move(in));
        } else if (from < s.size()) {
            Text after = *t;
            after.text = s.substr(from);
            out.emplace_back(std::move(after));
        }
    }
    p.content = std::move(out);  // every run was moved into `out`
}

namespace {

/// Whether a paragraph is a table caption ("Table: …" or ": …"); `text` gets what follows.
bool caption_of(const Paragraph& p, std::string& rest) {
    if (!p.plain() || p.content.empty()) return false;
    const auto* first = std::get_if<Text>(&p.content.front());
    if (!first) return false;
    for (std::string_view pre : {std::string_view("Table: "), std::string_view(": ")})
        if (std::string_view(first->text).substr(0, pre.size()) == pre) {
            rest = std::string(pre);
            return true;
        }
    return false;
}

/// Moves caption paragraph `c` into table block `t` (its content and id).
void attach(Paragraph& table, Paragraph& c, const std::string& prefix) {
    auto& first = std::get<Text>(c.content.front());
    first.text.erase(0, prefix.size());
    if (auto* last = std::get_if<Text>(&c.content.back())) {
        if (std::string id = take_id_attribute(last->text); !id.empty() && table.id.empty())
            table.id = std::move(id);
    }
    for (Inline& in : c.content)
        if (const auto* t = std::get_if<Text>(&in); !t || !t->text.empty())
            table.content.push_back(std::move(in));
}

}  // namespace

void attach_table_captions(Article& article) {
    auto& body = article.body;
    std::vector<bool> drop(body.size(), false);
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i].kind() != BlockKind::table || !body[i].content.empty()) continue;
        std::string prefix;
        if (i + 1 < body.size() && !drop[i + 1] && caption_of(body[i + 1], prefix)) {
            attach(body[i], body[i + 1], prefix);
            drop[i + 1] = true;
        } else if (i > 0 && !drop[i - 1] && caption_of(body[i - 1], prefix)) {
            attach(body[i], body[i - 1], prefix);
            drop[i - 1] = true;
        }
    }
    std::vector<Paragraph> kept;
    for (std::size_t i = 0; i < body.size(); ++i)
        if (!drop[i]) kept.push_back(std::move(body[i]));
    body = std::move(kept);
}

}  // namespace quire::inline v0::import

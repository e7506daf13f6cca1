// import/markdown_inlines: the inline nodes of cmark-gfm's tree as the runs of a paragraph
// (emphasis, strong, code, links, footnote references), and the spans in another language,
// "[words]{lang=ar}", found in their text.
#include "import/markdown_reader.hpp"

#include <cstdlib>
#include <optional>

namespace quire::inline v0::import::md {

Text text(std::string s, const InlineState& st) {
    Text t;
    t.text = std::move(s);
    t.emphasis = st.emphasis;
    t.strong = st.strong;
    t.href = st.href;
    return t;
}

std::string text_of(cmark_node* n) {
    std::string out;
    cmark_iter* it = cmark_iter_new(n);
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
        cmark_node* c = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER) continue;
        const auto t = cmark_node_get_type(c);
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) out += literal(c);
        if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) out += ' ';
    }
    cmark_iter_free(it);
    return out;
}

namespace {

/// Appends a text run, merged with the one before when their attributes agree.
void add(Paragraph& p, Text t) {
    if (t.text.empty()) return;
    if (!p.content.empty())
        if (auto* prev = std::get_if<Text>(&p.content.back());
            prev && prev->emphasis == t.emphasis && prev->strong == t.strong &&
            prev->code == t.code && prev->href == t.href && prev->lang == t.lang) {
            prev->text += t.text;
            return;
        }
    p.content.emplace_back(std::move(t));
}

/// Where a "[words]{lang=TAG}" span is (byte offsets).
struct LangSpan {
    std::size_t begin = 0, end = 0;  ///< the whole span
    std::size_t words = 0, words_size = 0;
    std::size_t lang = 0, lang_size = 0;
};

/// The first span at or after `from`: "[" words without brackets "]{", spaces, "lang=" and
/// a tag (2-3 letters, then "-" and 2-8 letters or digits, any number of times), then
/// optionally spaces and "dir=rtl" or "dir=ltr", spaces, "}". Linear in the text.
std::optional<LangSpan> next_lang_span(const std::string& s, std::size_t from) {
    auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    auto alnum = [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); };
    auto space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    const std::size_t n = s.size();
    for (std::size_t i = s.find('[', from); i != std::string::npos; i = s.find('[', i)) {
        std::size_t j = i + 1;
        while (j < n && s[j] != '[' && s[j] != ']') ++j;
        if (j >= n) return std::nullopt;
        if (s[j] == '[' || j == i + 1) {  // another "[" first, or "[]": try from there
            i = s[j] == '[' ? j : j + 1;
            continue;
        }
        LangSpan m;
        m.begin = i;
        m.words = i + 1;
        m.words_size = j - i - 1;
        std::size_t k = j + 1;
        auto skip_spaces = [&] {
            while (k < n && space(s[k])) ++k;
        };
        bool ok = k < n && s[k] == '{';
        ++k;
        skip_spaces();
        ok = ok && s.compare(k, 5, "lang=") == 0;
        k += 5;
        m.lang = k;
        std::size_t letters = 0;
        while (k < n && alpha(s[k]) && letters < 4) ++k, ++letters;
        ok = ok && letters >= 2 && letters <= 3;
        while (ok && k + 2 < n && s[k] == '-' && alnum(s[k + 1])) {
            std::size_t part = k + 1;
            while (part < n && alnum(s[part])) ++part;
            if (part - k - 1 < 2 || part - k - 1 > 8) break;
            k = part;
        }
        m.lang_size = k - m.lang;
        if (ok) {
            const std::size_t before_dir = k;
            skip_spaces();
            if (k > before_dir &&
                (s.compare(k, 7, "dir=rtl") == 0 || s.compare(k, 7, "dir=ltr") == 0))
                k += 7;
            skip_spaces();
            if (k < n && s[k] == '}') {
                m.end = k + 1;
                return m;
            }
        }
        i = j + 1;  // no "[" between i and j: the next candidate comes after
    }
    return std::nullopt;
}

}  // namespace

void MarkdownReader::inlines(cmark_node* parent, Paragraph& p, const InlineState& st) {
    for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_TEXT:
                add(p, text(literal(n), st));
                break;
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK:
                add(p, text(" ", st));
                break;
            case CMARK_NODE_CODE: {
                Text t = text(literal(n), st);
                t.code = true;
                add(p, std::move(t));
                break;
            }
            case CMARK_NODE_HTML_INLINE:
                if (!warned_inline_html_) {
                    diags_.warning(at(line_of(n)), "inline HTML is not rendered; kept as text");
                    warned_inline_html_ = true;
                }
                add(p, text(literal(n), st));
                break;
            case CMARK_NODE_EMPH: {
                InlineState s = st;
                s.emphasis = true;
                inlines(n, p, s);
                break;
            }
            case CMARK_NODE_STRONG: {
                InlineState s = st;
                s.strong = true;
                inlines(n, p, s);
                break;
            }
            case CMARK_NODE_LINK: {
                InlineState s = st;
                const char* url = cmark_node_get_url(n);
                s.href = utf8::without_controls(url ? url : "");
                inlines(n, p, s);
                break;
            }
            case CMARK_NODE_IMAGE: {
                // An image within text: its text alternative stands in for it.
                diags_.warning(at(line_of(n)),
                               "an image inside a paragraph is set as its text alternative; "
                               "put it in a paragraph of its own to make it a figure");
                add(p, text(text_of(n), st));
                break;
            }
            case CMARK_NODE_FOOTNOTE_REFERENCE: {
                NoteRef r;
                r.number = std::atoi(literal(n).c_str());
                r.line = line_of(n);
                p.content.emplace_back(r);
                break;
            }
            default:
                if (type_string(n) == "strikethrough") {
                    inlines(n, p, st);  // no strike in print; the words stay
                } else {
                    add(p, text(text_of(n), st));
                }
                break;
        }
    }
}

/// "[words]{lang=ar}" (and "{lang=ar dir=rtl}") in plain text runs: the words become a run
/// in that language. The brackets and braces go. (A scanner, not std::regex, whose
/// recursive matcher overflows the stack on a long span.) A tag that is shaped like one but
/// is not well-formed BCP 47 ("zh-Hant-TWhi") is an error, as in the front matter and in XML.
Result<Unit> MarkdownReader::apply_spans(Paragraph& p) const {
    std::vector<Inline> out;
    for (auto& in : p.content) {
        auto* t = std::get_if<Text>(&in);
        if (!t || t->code || t->text.find("]{") == std::string::npos) {
            out.push_back(std::move(in));
            continue;
        }
        const std::string s = t->text;
        std::size_t last = 0;
        for (std::size_t from = 0; auto m = next_lang_span(s, from);) {
            if (m->begin > last) {
                Text before = *t;
                before.text = s.substr(last, m->begin - last);
                out.emplace_back(std::move(before));
            }
            Text inner = *t;
            inner.text = s.substr(m->words, m->words_size);
            inner.lang = s.substr(m->lang, m->lang_size);
            if (!is_language_tag(inner.lang))
                return error(p.line, "[…]{lang=" + inner.lang +
                                         "}: not a BCP 47 language tag (en, pt-BR, zh-Hant…)");
            out.emplace_back(std::move(inner));
            last = from = m->end;
        }
        if (last == 0) {
            out.push_back(std::move(in));
            continue;
        }
        if (last < s.size()) {
            Text rest = *t;
            rest.text = s.substr(last);
            out.emplace_back(std::move(rest));
        }
    }
    p.content = std::move(out);
    return Unit{};
}

}  // namespace quire::inline v0::import::md

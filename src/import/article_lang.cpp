// import/article_lang: the languages of an article's parts (common.hpp): the article's, a
// paragraph's in another script, the bio's, and runs of other scripts within paragraphs. The
// guesses themselves are lang.cpp's.
#include "base/utf8.hpp"
#include "import/common.hpp"
#include "import/lang.hpp"

#include <unicode/uscript.h>

#include <algorithm>

namespace quire::inline v0 {

namespace {

/// The script family of a character for language tagging: CJK scripts are one family (a
/// Japanese sentence mixes Han and kana), Common and Inherited characters none ("").
std::string_view script_family(char32_t c) {
    UErrorCode st = U_ZERO_ERROR;
    const UScriptCode sc = uscript_getScript(static_cast<UChar32>(c), &st);
    if (U_FAILURE(st) || sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED || sc == USCRIPT_UNKNOWN)
        return {};
    if (sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA ||
        sc == USCRIPT_HANGUL || sc == USCRIPT_BOPOMOFO)
        return "CJK";
    return uscript_getShortName(sc);
}

/// Whether every character of `s` is Latin or common to all scripts by a test of its code point
/// alone (Basic Latin to Latin Extended-B, General Punctuation): no run of another script
/// family can start in such a text, and most text of a Latin-script article is such text.
bool latin_or_common_only(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            ++i;
            continue;
        }
        const auto d = utf8::decode(s, i);
        if (!(d.c < 0x250 || (d.c >= 0x2000 && d.c <= 0x206F))) return false;
        i += d.len;
    }
    return true;
}

std::string_view family_of_script(std::string_view iso15924) {
    if (iso15924 == "Hani" || iso15924 == "Hans" || iso15924 == "Hant" || iso15924 == "Jpan" ||
        iso15924 == "Kore")
        return "CJK";
    return iso15924;
}

/// Tags runs of a paragraph's text written in another script than its language's (an Arabic
/// phrase quoted in English, a Hindi slogan) with their own language, so that the EPUB marks
/// them (lang, dir) and the PDF shapes them in their language and faces. A run spans the
/// characters of one script family and the spaces and punctuation between them, not those at
/// its ends (the quotation marks around it belong to the sentence). Latin runs stay untagged:
/// their language cannot be told from a few words.
void tag_foreign_runs(Paragraph& p, const std::string& parent_lang) {
    const std::string& plang = p.lang.empty() ? parent_lang : p.lang;
    const std::string_view home = family_of_script(import::language_script(plang));
    if (home.empty()) return;
    std::vector<Inline> out;
    for (auto& in : p.content) {
        auto* t = std::get_if<Text>(&in);
        if (!t || !t->lang.empty() || t->code || latin_or_common_only(t->text)) {
            out.push_back(std::move(in));
            continue;
        }
        struct Cp {
            std::size_t at;
            std::string_view fam;
        };
        std::vector<Cp> cps;
        utf8::for_each(t->text, [&](char32_t c, std::size_t i) {
            cps.push_back({i, script_family(c)});
        });
        std::size_t done = 0;  // bytes of t->text already emitted
        auto emit = [&](std::size_t end, const std::string& lang) {
            if (end <= done) return;
            Inline& piece = out.emplace_back(std::in_place_type<Text>);
            Text& pt = std::get<Text>(piece);
            pt.text = t->text.substr(done, end - done);
            pt.lang = lang;
            pt.emphasis = t->emphasis;
            pt.strong = t->strong;
            pt.code = t->code;
            pt.href = t->href;
            done = end;
        };
        for (std::size_t i = 0; i < cps.size();) {
            const std::string_view fam = cps[i].fam;
            if (fam.empty() || fam == home || fam == "Latn") {
                ++i;
                continue;
            }
            // The run: characters of this family and the neutrals between them.
            std::size_t j = i + 1, last = i;
            for (; j < cps.size(); ++j) {
                if (cps[j].fam == fam)
                    last = j;
                else if (!cps[j].fam.empty())
                    break;
            }
            // An opening quotation mark or bracket inside the run takes its closing one along
            // when it follows the run («التنويع ... والآفاق»), so the pair stays together.
            {
                static constexpr std::pair<char32_t, char32_t> pairs[] = {
                    {U'\u00AB', U'\u00BB'}, {U'(', U')'},           {U'[', U']'},
                    {U'\u201C', U'\u201D'}, {U'\u2018', U'\u2019'}, {U'\u2039', U'\u203A'}};
                std::u32string run_cps;
                const std::size_t e0 = last + 1 < cps.size() ? cps[last + 1].at : t->text.size();
                utf8::for_each(std::string_view(t->text).substr(cps[i].at, e0 - cps[i].at),
                               [&](char32_t c, std::size_t) { run_cps.push_back(c); });
                if (last + 1 < cps.size()) {
                    char32_t next = 0;
                    utf8::for_each(std::string_view(t->text).substr(cps[last + 1].at),
                                   [&](char32_t c, std::size_t k) {
                                       if (k == 0) next = c;
                                   });
                    for (const auto& [open, close] : pairs) {
                        const auto opens = std::count(run_cps.begin(), run_cps.end(), open);
                        const auto closes = std::count(run_cps.begin(), run_cps.end(), close);
                        if (next == close && opens > closes) {
                            ++last;
                            break;
                        }
                    }
                }
            }
            const std::size_t b = cps[i].at;
            const std::size_t e = last + 1 < cps.size() ? cps[last + 1].at : t->text.size();
            const std::string_view run_text = std::string_view(t->text).substr(b, e - b);
            // Han characters alone do not tell Chinese from Japanese (地方創生 is Japanese):
            // such a run stays in the paragraph's language. Kana or hangul decide.
            bool han_only = fam == "CJK";
            if (han_only)
                utf8::for_each(run_text, [&](char32_t c, std::size_t) {
                    UErrorCode st = U_ZERO_ERROR;
                    const UScriptCode sc = uscript_getScript(static_cast<UChar32>(c), &st);
                    if (sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA || sc == USCRIPT_HANGUL)
                        han_only = false;
                });
            std::string lang = han_only ? std::string() : import::detect_language(run_text);
            if (!lang.empty() && family_of_script(import::language_script(lang)) != home) {
                emit(b, {});
                emit(e, lang);
            }
            i = last + 1;
        }
        emit(t->text.size(), {});
    }
    p.content = std::move(out);
}

}  // namespace

void import::assign_languages(Article& article_, const ReadOptions& options_) {
    if (!options_.lang.empty()) {
        article_.lang = options_.lang;
    } else {
        // detect_language looks at the first 3,000 bytes: no need to join more.
        std::string text = article_.title;
        for (const Paragraph& p : article_.body) {
            if (text.size() > 3100) break;
            text += '\n';
            text += p.plain_text();
        }
        article_.lang = import::detect_language(text);
        if (article_.lang.empty()) article_.lang = "en";
    }
    if (!options_.annotate_languages) return;
    // A paragraph gets a language of its own only when it is written in another script: within
    // one script, a paragraph is too short to tell languages apart reliably.
    const std::string_view script = import::language_script(article_.lang);
    for (Paragraph& p : article_.body) {
        if (!p.lang.empty() || p.code) continue;  // given by the source, or not prose
        const std::string text = p.plain_text();
        // At least 20 characters (the text is valid UTF-8: count the bytes that start one).
        std::size_t chars = 0;
        for (std::size_t i = 0; i < text.size() && chars < 20; ++i)
            chars += !utf8::is_continuation(text[i]);
        if (chars < 20) continue;
        // Most paragraphs are in the article's script, which the dominant script alone tells.
        if (const auto ds = import::detect_script(text); !ds.empty() && ds == script) continue;
        std::string lang = import::detect_language(text);
        const std::string_view s = import::language_script(lang);
        if (!s.empty() && !script.empty() && s != script) p.lang = std::move(lang);
    }
    // Each author's bio: the language the caller gives, else the source's, else detected.
    for (AuthorBio& bio : article_.bios) {
        if (!options_.bio_lang.empty()) {
            bio.lang = options_.bio_lang;
        } else if (bio.lang.empty()) {
            std::string text;
            for (const Paragraph& p : bio.paragraphs) text += p.plain_text() + '\n';
            bio.lang = text.empty() ? std::string() : import::detect_language(text);
            if (bio.lang.empty()) bio.lang = article_.lang;
        }
    }
    // Quotations in other scripts within paragraphs.
    for (Paragraph& p : article_.body) tag_foreign_runs(p, article_.lang);
    for (Note& n : article_.notes)
        for (Paragraph& p : n.paragraphs) tag_foreign_runs(p, article_.lang);
    for (Paragraph& p : article_.publication.summary) tag_foreign_runs(p, article_.lang);
    for (Paragraph& p : article_.publication.disclaimer) tag_foreign_runs(p, article_.lang);
    for (AuthorBio& bio : article_.bios)
        for (Paragraph& p : bio.paragraphs)
            tag_foreign_runs(p, bio.lang.empty() ? article_.lang : bio.lang);
}

}  // namespace quire::inline v0

// text/hyphen_languages: which patterns a language takes, and loading them.
//
// Rules per language (kRules):   mins   capitalized words
//   en (any region)               2/3    hyphenated (as TeX does, \uchyph=1; ALL CAPS never)
//   de, ru, tr                    2/2    hyphenated
//   others                        dictionary's LEFT/RIGHTHYPHENMIN, at least 2/2; hyphenated
// Callers may pass their own minimums (any value from 1).
//
// Dictionaries. A language tag picks hyph_<ll>_<CC>.dic, hyph_<ll>_<Script>[_<CC>].dic,
// hyph_<ll>_<likely CC>.dic, hyph_<ll>.dic, then any hyph_<ll>_<CC>.dic in the folder
// ("en-GB" takes en_US when there is no en_GB; "ru" takes ru_RU; "no" also tries nb). Languages
// written in scripts that are not hyphenated (Han, kana, Hangul, Thai, Lao, Khmer, Myanmar,
// Tibetan...) are not supported whatever files exist. A dictionary's charset is the first line
// of its file: UTF-8, or a single-byte charset (KOI8-R, ISO8859-x, microsoft-cp125x) that ICU
// maps through a table built at load; other charsets leave the language unsupported. With a
// UTF-8 dictionary libhyphen indexes its result by code point, with an 8-bit one by byte; both
// are one index per code point of the lookup word here. Points that libhyphen marks as
// non-standard (a spelling change at the break, e.g. Hungarian "ssz") are dropped: the API
// inserts a hyphen only. Files are read here and given to libhyphen from memory, without the
// duplicate patterns whose strings libhyphen would leak (load_dictionary).
//
// Languages whose script is hyphenated (Latin, Cyrillic, Greek, Armenian, Georgian, the Indic
// scripts) but that have no patterns here are "expected": missing_patterns_warning names the
// language and the Debian package that has its patterns, once per Hyphenator.
#include "text/hyphenate_internal.hpp"

#include "base/lang_tag.hpp"

#include <unicode/locid.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

namespace quire::inline v0::text {

namespace {

/// Per-language typography; 0 takes the dictionary's minimum.
struct Rule {
    std::string_view lang;
    int left, right;
    bool capitalized;
};
constexpr std::array<Rule, 4> kRules{{
    {"en", 2, 3, true},
    {"de", 2, 2, true},
    {"ru", 2, 2, true},
    {"tr", 2, 2, true},
}};

/// Scripts whose languages are not hyphenated (ISO 15924 codes as ICU reports them).
constexpr std::array<std::string_view, 15> kUnhyphenatedScripts{
    "Hani", "Hans", "Hant", "Jpan", "Kore", "Hira", "Kana", "Hang",
    "Bopo", "Thai", "Laoo", "Khmr", "Mymr", "Tibt", "Yiii"};

/// Scripts whose languages typographers hyphenate (those TeX's hyph-utf8 has patterns for): a
/// language written in one of them without patterns here is worth a warning. Arabic, Hebrew and
/// the scripts above are set without hyphens.
constexpr std::array<std::string_view, 14> kHyphenatedScripts{
    "Latn", "Cyrl", "Grek", "Armn", "Geor", "Deva", "Beng",
    "Guru", "Gujr", "Orya", "Taml", "Telu", "Knda", "Mlym"};

/// Languages set with TeX's patterns (hyph-utf8's files from texlive-lang-cyrillic, the patterns
/// LuaLaTeX uses) rather than Debian's hyphen-* dictionaries, when their files are there:
/// Debian's Russian patterns leave one long word in thirteen with no break at all
/// ("программа", "несколько") and give a third fewer points overall. Language → file name
/// (hyph-NAME.pat.txt).
constexpr std::pair<std::string_view, std::string_view> kTexPreferred[] = {
    {"ru", "ru"}, {"uk", "uk"},      {"be", "be"},      {"bg", "bg"},
    {"mk", "mk"}, {"mn", "mn-cyrl"}, {"sr", "sr-cyrl"},
};

/// The Debian package with a language's patterns (primary subtag → package), for the warning
/// about a missing dictionary. debian-packages.txt installs them all.
constexpr std::pair<std::string_view, std::string_view> kPackages[] = {
    {"af", "hyphen-af"},
    {"as", "hyphen-as"},
    {"be", "texlive-lang-cyrillic"},
    {"bg", "texlive-lang-cyrillic"},
    {"bn", "hyphen-bn"},
    {"ca", "hyphen-ca"},
    {"cs", "hyphen-cs"},
    {"da", "hyphen-da"},
    {"de", "hyphen-de"},
    {"el", "hyphen-el"},
    {"en", "hyphen-en-us"},
    {"es", "hyphen-es"},
    {"et", "myspell-et"},
    {"fr", "hyphen-fr"},
    {"gl", "hyphen-gl"},
    {"gu", "hyphen-gu"},
    {"hi", "hyphen-hi"},
    {"hr", "hyphen-hr"},
    {"hu", "hyphen-hu"},
    {"id", "hyphen-id"},
    {"is", "hyphen-is"},
    {"it", "hyphen-it"},
    {"kn", "hyphen-kn"},
    {"lt", "hyphen-lt"},
    {"lv", "hyphen-lv"},
    {"ml", "hyphen-ml"},
    {"mn", "texlive-lang-cyrillic"},
    {"mr", "hyphen-mr"},
    {"nb", "hyphen-no"},
    {"nl", "hyphen-nl"},
    {"nn", "hyphen-no"},
    {"no", "hyphen-no"},
    {"or", "hyphen-or"},
    {"pa", "hyphen-pa"},
    {"pl", "hyphen-pl"},
    {"pt", "hyphen-pt-pt"},
    {"ro", "hyphen-ro"},
    {"ru", "texlive-lang-cyrillic"},
    {"sk", "hyphen-sk"},
    {"sl", "hyphen-sl"},
    {"sr", "texlive-lang-cyrillic"},
    {"sv", "hyphen-sv"},
    {"ta", "hyphen-ta"},
    {"te", "hyphen-te"},
    {"uk", "texlive-lang-cyrillic"},
    {"zu", "hyphen-zu"},
};

/// The ICU name of a libhyphen charset name.
std::string icu_charset(std::string name) {
    if (name.rfind("microsoft-cp", 0) == 0) return "windows-" + name.substr(12);
    return name;
}

/// Loads a .dic, first dropping all but the last of the patterns with the same letters:
/// libhyphen 2.8.8 keeps the last one anyway but leaks the string of each earlier one, and
/// Debian's hyph_ru_RU.dic has such a pair ("уш1ла", "ушла"), which LeakSanitizer reports in
/// every process that loads it; and dropping comment lines (see below). Otherwise the text
/// reaches libhyphen as it is in the file.
HyphenDict* load_dictionary(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return nullptr;
    std::vector<std::string> lines;
    for (std::string line; std::getline(f, line);) lines.push_back(std::move(line));
    if (lines.empty()) return nullptr;
    std::vector<bool> keep(lines.size(), true);
    std::set<std::string> seen;  // keys of the current level, walking from the end
    for (std::size_t i = lines.size(); i-- > 1;) {
        const std::string& l = lines[i];
        if (l.rfind("NEXTLEVEL", 0) == 0) {
            seen.clear();
            continue;
        }
        // Comments are dropped: libhyphen reads a line in pieces of MAX_CHARS bytes, so the rest
        // of a long comment (hyph_be_BY.dic quotes the rules in Cyrillic, 2 bytes a letter)
        // would become patterns, and leak as duplicates. Keywords (atoi'd, no allocation); long
        // pattern lines, which libhyphen reads in pieces, are kept as they are.
        if (!l.empty() && l[0] == '%') {
            keep[i] = false;
            continue;
        }
        if (l.size() >= MAX_CHARS - 2) continue;
        std::string key;
        if (l.rfind("NOHYPHEN", 0) == 0) {
            key = "NOHYPHEN";
        } else if (l.rfind("LEFTHYPHENMIN", 0) == 0 || l.rfind("RIGHTHYPHENMIN", 0) == 0 ||
                   l.rfind("COMPOUND", 0) == 0) {
            continue;
        } else {
            // The state's letters, as hnj_hyphen_load_line finds them: up to a replacement ('/')
            // or a control character or space, without the digits.
            for (const char c : l) {
                if (c == '/' || static_cast<unsigned char>(c) <= ' ') break;
                if (c < '0' || c > '9') key += c;
            }
        }
        if (!seen.insert(key).second) keep[i] = false;
    }
    std::string text;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (!keep[i]) continue;
        text += lines[i];
        text += '\n';
    }
    FILE* mem = fmemopen(text.data(), text.size(), "r");
    if (!mem) return nullptr;
    HyphenDict* d = hnj_hyphen_load_file(mem);
    std::fclose(mem);
    return d;
}

}  // namespace

bool Hyphenator::supports(std::string_view lang) const {
    return language(lang)->method != Language::Method::none;
}

HyphenMins Hyphenator::mins(std::string_view lang) const {
    return language(lang)->mins;
}

const Hyphenator::Dictionary* Hyphenator::dictionary(const std::string& file) const {
    std::error_code ec;
    auto canonical = std::filesystem::canonical(file, ec);
    const std::string key = ec ? file : canonical.string();
    if (auto it = dictionaries_.find(key); it != dictionaries_.end()) return it->second.get();
    auto& slot = dictionaries_[key];  // stays null when the file cannot be used
    HyphenDict* hd = load_dictionary(key);
    if (!hd) return nullptr;
    auto d = std::make_unique<Dictionary>();
    d->dict = hd;
    d->file = std::filesystem::path(key).filename().string();  // links resolved
    d->own = {hd->lhmin, hd->rhmin};
    // Minimums are applied by hyphenate_word, per unit; libhyphen only floors them at 1.
    hd->lhmin = 0;
    hd->rhmin = 0;
    d->utf8 = hd->utf8 != 0;
    if (!d->utf8) {
        UErrorCode st = U_ZERO_ERROR;
        const std::string cs(hd->cset, strnlen(hd->cset, sizeof(hd->cset)));
        UConverter* conv = ucnv_open(icu_charset(cs).c_str(), &st);
        if (U_FAILURE(st) || !conv) return nullptr;
        if (ucnv_getMaxCharSize(conv) == 1) {
            for (int b = 0x20; b < 0x100; ++b) {
                const char in = static_cast<char>(b);
                UChar buf[4];
                st = U_ZERO_ERROR;
                const int32_t len = ucnv_toUChars(conv, buf, 4, &in, 1, &st);
                if (U_FAILURE(st) || len != 1 || buf[0] == 0xFFFD || buf[0] == 0x1A) continue;
                d->bytes.emplace_back(static_cast<char32_t>(buf[0]), in);
            }
            std::stable_sort(d->bytes.begin(), d->bytes.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
        }
        ucnv_close(conv);
        if (d->bytes.empty()) return nullptr;
    }
    slot = std::move(d);
    return slot.get();
}

const Hyphenator::Dictionary* Hyphenator::find_dictionary(const std::string& ll,
                                                          const std::string& script,
                                                          const std::string& region,
                                                          const std::string& lang_script,
                                                          const std::string& lang_region) const {
    // Candidate files, most specific first.
    const bool default_script = script.empty() || script == lang_script;
    std::vector<std::string> langs{ll};
    if (ll == "no") langs.push_back("nb");  // Norwegian: the Bokmål patterns
    std::vector<std::string> names;
    for (const std::string& l : langs) {
        if (!script.empty()) {
            for (const char* sep : {"_", "-"}) {
                if (!region.empty()) names.push_back(l + sep + script + "_" + region);
                if (!lang_region.empty()) names.push_back(l + sep + script + "_" + lang_region);
                names.push_back(l + sep + script);
            }
        }
        if (!default_script) continue;  // the plain files are in the language's usual script
        if (!region.empty()) names.push_back(l + "_" + region);
        if (!lang_region.empty()) names.push_back(l + "_" + lang_region);
        names.push_back(l);
    }
    std::error_code ec;
    for (auto& n : names) n = "hyph_" + n + ".dic";
    if (default_script) {
        // Any other region of the language: hyph_<ll>_<CC>.dic.
        std::vector<std::string> others;
        for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
            const std::string f = entry.path().filename().string();
            for (const std::string& l : langs) {
                const std::string prefix = "hyph_" + l + "_";
                if (f.size() == prefix.size() + 6 && f.rfind(prefix, 0) == 0 &&
                    f.compare(f.size() - 4, 4, ".dic") == 0 &&
                    std::isupper(static_cast<unsigned char>(f[prefix.size()])) &&
                    std::isupper(static_cast<unsigned char>(f[prefix.size() + 1])))
                    others.push_back(f);
            }
        }
        std::sort(others.begin(), others.end());
        names.insert(names.end(), others.begin(), others.end());
    }
    for (const std::string& n : names) {
        const std::filesystem::path p = std::filesystem::path(dir_) / n;
        if (!std::filesystem::is_regular_file(p, ec)) continue;
        if (const Dictionary* d = dictionary(p.string())) return d;
    }
    return nullptr;
}

const TexPatterns* Hyphenator::tex_patterns(const std::string& name) const {
    if (auto it = tex_.find(name); it != tex_.end()) return it->second.get();
    const std::filesystem::path base = std::filesystem::path(tex_dir_) / ("hyph-" + name);
    auto& slot = tex_[name];  // stays null when the files cannot be used
    slot = TexPatterns::load(base.string() + ".pat.txt", base.string() + ".hyp.txt");
    return slot.get();
}

const Hyphenator::Language* Hyphenator::language(std::string_view lang) const {
    {
        std::shared_lock lock(mu_);
        if (auto it = languages_.find(lang); it != languages_.end()) return it->second.get();
    }
    std::unique_lock lock(mu_);
    if (auto it = languages_.find(lang); it != languages_.end()) return it->second.get();
    static const Language unsupported;
    if (lang.size() > 64) return &unsupported;  // not a tag anyone writes; not cached

    auto L = std::make_unique<Language>();
    Language* result = L.get();
    languages_.emplace(std::string(lang), std::move(L));

    const icu::Locale loc = lang_tag::locale(lang);
    if (loc.isBogus()) return result;
    const std::string ll = loc.getLanguage(), script = loc.getScript(), region = loc.getCountry();
    if (ll.empty() || ll == "und") return result;
    icu::Locale likely(loc), likely_lang(ll.c_str());
    UErrorCode st = U_ZERO_ERROR;
    likely.addLikelySubtags(st);
    likely_lang.addLikelySubtags(st);
    if (std::find(kUnhyphenatedScripts.begin(), kUnhyphenatedScripts.end(),
                  std::string_view(likely.getScript())) != kUnhyphenatedScripts.end())
        return result;
    result->expected = std::find(kHyphenatedScripts.begin(), kHyphenatedScripts.end(),
                                 std::string_view(likely.getScript())) != kHyphenatedScripts.end();

    result->locale = ll;
    const Rule* rule = nullptr;
    for (const Rule& r : kRules)
        if (r.lang == ll) rule = &r;
    if (rule) result->capitalized = rule->capitalized;
    result->turkic = ll == "tr" || ll == "az";

    if (ll == "tr") {
        result->method = Language::Method::turkish;
    } else {
        const std::string lang_script = likely_lang.getScript(),
                          lang_region = likely_lang.getCountry();
        const auto tex_entry = std::find_if(std::begin(kTexPreferred), std::end(kTexPreferred),
                                            [&](const auto& e) { return e.first == ll; });
        const TexPatterns* tex =
            tex_entry != std::end(kTexPreferred) && (script.empty() || script == lang_script)
                ? tex_patterns(std::string(tex_entry->second))
                : nullptr;
        if (tex) {
            result->tex = tex;
            result->method = Language::Method::tex;
            result->source = "hyph-" + std::string(tex_entry->second) + ".pat.txt";
        } else if (const Dictionary* d =
                       find_dictionary(ll, script, region, lang_script, lang_region)) {
            result->dict = d;
            result->method = Language::Method::dictionary;
            result->source = d->file;
        } else {
            return result;
        }
    }

    // Minimums: the rule's, else the dictionary's (TeX's patterns: 2 and 2, as hyph-utf8 gives
    // for every language that prefers them), never below 2.
    const HyphenMins own = result->dict ? result->dict->own : HyphenMins{0, 0};
    result->mins.left = std::max(2, rule && rule->left > 0 ? rule->left : own.left);
    result->mins.right = std::max(2, rule && rule->right > 0 ? rule->right : own.right);
    return result;
}

std::string Hyphenator::dictionary_name(std::string_view lang) const {
    const Language& L = *language(lang);
    switch (L.method) {
        case Language::Method::dictionary:
        case Language::Method::tex:
            return L.source;
        case Language::Method::turkish:
            return "(Turkish syllables, built in)";
        case Language::Method::none:
            break;
    }
    return {};
}

std::optional<std::string> Hyphenator::missing_patterns_warning(std::string_view lang) const {
    const Language& L = *language(lang);
    if (L.method != Language::Method::none || !L.expected) return std::nullopt;
    if (L.warned.exchange(true)) return std::nullopt;
    const std::string ll = lang_tag::primary(lang);
    icu::UnicodeString name16;
    icu::Locale(ll.c_str()).getDisplayLanguage(icu::Locale::getEnglish(), name16);
    std::string name;
    name16.toUTF8String(name);
    if (name.empty() || name == ll) name = "language";
    std::string msg = "no hyphenation patterns for " + name + " (" + std::string(lang) + ") in " +
                      dir_ + ": its paragraphs are set without hyphenation";
    for (const auto& [l, package] : kPackages)
        if (l == ll) return msg + "; install the Debian package " + std::string(package);
    return msg + " (Debian has no patterns for it)";
}

}  // namespace quire::inline v0::text

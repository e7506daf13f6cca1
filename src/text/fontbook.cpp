// text/fontbook: finds font faces through fontconfig and resolves fallback chains.
//
// Invariants: every Face is loaded at most once per FontBook and lives as long as the book;
// lookups are serialised by one mutex (fontconfig queries are cheap next to shaping, and each
// family is resolved once). A family fontconfig substitutes by another family counts as missing,
// so a chain never silently gains a font its author did not name.
#include "text/font.hpp"

#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace quire::inline v0::text {

namespace {

std::string trim(std::string_view s) {
    std::size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
    return std::string(s.substr(a, b - a));
}

bool same_family(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

FcConfig* fc_config() {
    // FcInitLoadConfigAndFonts reads the configuration once; the config is shared read-only.
    static FcConfig* config = FcInitLoadConfigAndFonts();
    return config;
}

}  // namespace

namespace {

/// Whether BCP 47 tag `lang` is `tag` or an extension of it ("zh-Hant-TW" of "zh-Hant"),
/// ignoring case and taking '_' for '-'.
bool tag_matches(std::string_view lang, std::string_view tag) {
    if (lang.size() < tag.size() || tag.empty()) return false;
    for (std::size_t i = 0; i < tag.size(); ++i) {
        char a = static_cast<char>(std::tolower(static_cast<unsigned char>(lang[i])));
        char b = static_cast<char>(std::tolower(static_cast<unsigned char>(tag[i])));
        if (a == '_') a = '-';
        if (b == '_') b = '-';
        if (a != b) return false;
    }
    return lang.size() == tag.size() || lang[tag.size()] == '-' || lang[tag.size()] == '_';
}

}  // namespace

std::string FontBook::load_chains(std::string_view text, std::string_view file_name) {
    std::vector<FallbackChain> chains;
    std::vector<LanguageFaces> languages;
    bool in_lang = false;
    int line_no = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view raw = text.substr(pos, nl - pos);
        pos = nl + 1;
        ++line_no;
        if (auto hash = raw.find('#'); hash != std::string_view::npos) raw = raw.substr(0, hash);
        std::string line = trim(raw);
        if (line.empty()) continue;
        if (line.front() == '[') {
            if (line.back() != ']' || line.size() < 3)
                return std::string(file_name) + ":" + std::to_string(line_no) +
                       ": malformed chain header '" + line + "' (expected [name])";
            const std::string head = trim(std::string_view(line).substr(1, line.size() - 2));
            in_lang = head.rfind("lang ", 0) == 0;
            if (in_lang) {
                LanguageFaces lf;
                std::size_t p = 5;
                while (p < head.size()) {
                    std::size_t q = head.find(' ', p);
                    if (q == std::string::npos) q = head.size();
                    if (q > p) lf.tags.push_back(head.substr(p, q - p));
                    p = q + 1;
                }
                if (lf.tags.empty())
                    return std::string(file_name) + ":" + std::to_string(line_no) +
                           ": [lang] names no language";
                languages.push_back(std::move(lf));
            } else {
                chains.push_back({head, {}});
            }
            continue;
        }
        if (in_lang) {
            const auto eq = line.find('=');
            if (eq == std::string::npos)
                return std::string(file_name) + ":" + std::to_string(line_no) + ": '" + line +
                       "' in a [lang] section (expected: Family = Replacement)";
            languages.back().replace.emplace_back(trim(std::string_view(line).substr(0, eq)),
                                                  trim(std::string_view(line).substr(eq + 1)));
            continue;
        }
        if (chains.empty())
            return std::string(file_name) + ":" + std::to_string(line_no) + ": family '" + line +
                   "' outside a chain (start one with [name])";
        chains.back().families.push_back(line);
    }
    std::lock_guard lock(mu_);
    chains_ = std::move(chains);
    languages_ = std::move(languages);
    resolved_.clear();
    return {};
}

std::string FontBook::language_section(std::string_view lang) {
    std::lock_guard lock(mu_);
    std::string best;
    for (const auto& lf : languages_)
        for (const auto& t : lf.tags)
            if (t.size() > best.size() && tag_matches(lang, t)) best = t;
    return best;
}

std::vector<std::string> FontBook::chain_families(std::string_view name) {
    std::lock_guard lock(mu_);
    for (const auto& c : chains_)
        if (c.name == name) return c.families;
    return {};
}

std::vector<FallbackChain> FontBook::chains() {
    std::lock_guard lock(mu_);
    return chains_;
}

void FontBook::define_chain(const std::string& name, std::vector<std::string> families) {
    std::lock_guard lock(mu_);
    for (const auto& c : chains_)
        if (c.name == name) return;
    chains_.push_back({name, std::move(families)});
    resolved_.clear();  // the name may have been looked up (and found empty) before
}

const Face* FontBook::face(const std::string& path, unsigned index) {
    const auto key = std::make_pair(path, index);
    {
        std::lock_guard lock(mu_);
        if (auto it = faces_.find(key); it != faces_.end()) return it->second.get();
    }
    // Load outside the lock (a CJK face takes a while), so other threads keep shaping; if two
    // threads load the same face, the first one stored wins and the other copy is dropped.
    auto loaded = Face::load(path, index);
    std::lock_guard lock(mu_);
    auto [it, inserted] = faces_.emplace(key, std::move(loaded));  // a failed load stays nullptr
    return it->second.get();
}

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

std::string FontBook::add_font(std::shared_ptr<const std::string> bytes, const std::string& name,
                               std::vector<std::string>& families) {
    families.clear();
    if (!bytes || bytes->empty()) return name + ": no font data";
    const unsigned n = Face::count(*bytes);
    if (n == 0) return name + ": not a font file (OpenType, TrueType or a collection of them)";
    std::vector<std::unique_ptr<Face>> loaded;
    for (unsigned i = 0; i < n; ++i) {
        auto f = Face::load_memory(bytes, n > 1 ? name + "#" + std::to_string(i) : name, i);
        if (f && !f->family().empty()) loaded.push_back(std::move(f));
    }
    if (loaded.empty())
        return name +
               ": no usable face (quire embeds TrueType and CFF outlines, not CFF2 or "
               "bitmaps, and needs a family name)";
    std::lock_guard lock(mu_);
    for (auto& f : loaded) {
        const std::string key = lower(f->family());
        if (std::find(families.begin(), families.end(), f->family()) == families.end())
            families.push_back(f->family());
        added_families_[key].push_back(f.get());
        added_.push_back(std::move(f));
    }
    families_.clear();  // a family may have been answered by fontconfig, or as missing, before
    resolved_.clear();
    return {};
}

void FontBook::set_system_fonts(bool on) {
    std::lock_guard lock(mu_);
    system_fonts_ = on;
    families_.clear();
    resolved_.clear();
}

const Face* FontBook::family(const std::string& family, FaceStyle style) {
    {
        std::lock_guard lock(mu_);
        if (auto it = families_.find({family, style}); it != families_.end()) return it->second;
        // A family added from memory answers alone: the face of that style, else none (the
        // caller falls back to the regular face, as for an installed family).
        if (auto it = added_families_.find(lower(family)); it != added_families_.end()) {
            const Face* best = nullptr;
            for (const Face* f : it->second)
                if ((f->weight() >= 600) == style.bold && f->is_italic() == style.italic &&
                    (!best || std::abs(f->weight() - (style.bold ? 700 : 400)) <
                                  std::abs(best->weight() - (style.bold ? 700 : 400))))
                    best = f;
            families_[{family, style}] = best;
            return best;
        }
        if (!system_fonts_) {
            families_[{family, style}] = nullptr;
            return nullptr;
        }
    }
    std::string file;
    int index = 0;
    {
        std::lock_guard lock(mu_);
        FcPattern* pat = FcPatternCreate();
        FcPatternAddString(pat, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
        FcPatternAddInteger(pat, FC_WEIGHT, style.bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
        FcPatternAddInteger(pat, FC_SLANT, style.italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
        FcPatternAddInteger(pat, FC_WIDTH, FC_WIDTH_NORMAL);
        FcPatternAddBool(pat, FC_OUTLINE, FcTrue);
        FcConfigSubstitute(fc_config(), pat, FcMatchPattern);
        FcDefaultSubstitute(pat);
        FcResult res = FcResultNoMatch;
        FcPattern* match = FcFontMatch(fc_config(), pat, &res);
        if (match) {
            // Accept the match only when one of its family names is the one asked for.
            bool ok = false;
            FcChar8* fam = nullptr;
            for (int i = 0; FcPatternGetString(match, FC_FAMILY, i, &fam) == FcResultMatch; ++i)
                if (same_family(reinterpret_cast<const char*>(fam), family)) ok = true;
            FcChar8* f = nullptr;
            if (ok && FcPatternGetString(match, FC_FILE, 0, &f) == FcResultMatch) {
                file = reinterpret_cast<const char*>(f);
                FcPatternGetInteger(match, FC_INDEX, 0, &index);
            }
            FcPatternDestroy(match);
        }
        FcPatternDestroy(pat);
    }
    // FC_INDEX carries a variable font's named instance in its high 16 bits; the face is the low.
    const Face* result =
        file.empty() ? nullptr : face(file, static_cast<unsigned>(index) & 0xFFFFu);
    std::lock_guard lock(mu_);
    families_[{family, style}] = result;
    return result;
}

std::vector<const Face*> FontBook::chain(std::string_view name, FaceStyle style,
                                         std::string_view lang) {
    // Answers are kept by the question (chain, style and language as asked), so the same few
    // questions shaping asks for every paragraph are one lookup each: the language's section is
    // searched only the first time.
    std::string key(name);
    key += '\x1f';  // not a character of chain names or tags
    key += lang;
    {
        std::lock_guard lock(mu_);
        if (auto it = resolved_.find({key, style}); it != resolved_.end()) return it->second;
    }
    const std::string section = lang.empty() ? std::string() : language_section(lang);
    std::vector<std::string> families;
    {
        std::lock_guard lock(mu_);
        for (const auto& c : chains_)
            if (c.name == name) families = c.families;
        if (!section.empty())
            for (const auto& lf : languages_)
                if (std::find(lf.tags.begin(), lf.tags.end(), section) != lf.tags.end())
                    for (auto& fam : families)
                        for (const auto& [from, to] : lf.replace)
                            if (same_family(fam, from)) fam = to;
    }
    std::vector<const Face*> faces;
    for (const auto& fam : families) {
        const Face* f = family(fam, style);
        if (!f && (style.bold || style.italic)) f = family(fam, FaceStyle{});
        if (f && std::find(faces.begin(), faces.end(), f) == faces.end()) faces.push_back(f);
    }
    std::lock_guard lock(mu_);
    resolved_[{key, style}] = faces;
    return faces;
}

}  // namespace quire::inline v0::text

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

namespace quire::text {

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

std::string FontBook::load_chains(std::string_view text, std::string_view file_name) {
    std::vector<FallbackChain> chains;
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
            chains.push_back({trim(std::string_view(line).substr(1, line.size() - 2)), {}});
            continue;
        }
        if (chains.empty())
            return std::string(file_name) + ":" + std::to_string(line_no) + ": family '" + line +
                   "' outside a chain (start one with [name])";
        chains.back().families.push_back(line);
    }
    std::lock_guard lock(mu_);
    chains_ = std::move(chains);
    resolved_.clear();
    return {};
}

std::vector<std::string> FontBook::chain_families(std::string_view name) {
    std::lock_guard lock(mu_);
    for (const auto& c : chains_)
        if (c.name == name) return c.families;
    return {};
}

void FontBook::define_chain(const std::string& name, std::vector<std::string> families) {
    std::lock_guard lock(mu_);
    for (const auto& c : chains_)
        if (c.name == name) return;
    chains_.push_back({name, std::move(families)});
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

const Face* FontBook::family(const std::string& family, FaceStyle style) {
    {
        std::lock_guard lock(mu_);
        if (auto it = families_.find({family, style}); it != families_.end()) return it->second;
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

std::vector<const Face*> FontBook::chain(std::string_view name, FaceStyle style) {
    std::vector<std::string> families;
    {
        std::lock_guard lock(mu_);
        if (auto it = resolved_.find({std::string(name), style}); it != resolved_.end())
            return it->second;
        for (const auto& c : chains_)
            if (c.name == name) families = c.families;
    }
    std::vector<const Face*> faces;
    for (const auto& fam : families) {
        const Face* f = family(fam, style);
        if (!f && (style.bold || style.italic)) f = family(fam, FaceStyle{});
        if (f && std::find(faces.begin(), faces.end(), f) == faces.end()) faces.push_back(f);
    }
    std::lock_guard lock(mu_);
    resolved_[{std::string(name), style}] = faces;
    return faces;
}

}  // namespace quire::text

// base/lang_tag: see lang_tag.hpp.
#include "base/lang_tag.hpp"

#include <algorithm>
#include <unordered_map>

namespace quire::inline v0::lang_tag {

icu::Locale locale(std::string_view tag) {
    std::string t(tag);
    std::replace(t.begin(), t.end(), '_', '-');
    UErrorCode st = U_ZERO_ERROR;
    icu::Locale loc = icu::Locale::forLanguageTag(t, st);
    if (U_FAILURE(st)) loc.setToBogus();
    return loc;
}

Parts parts(std::string_view tag) {
    // Tags are few and come again for every span and paragraph: each thread keeps the parts
    // of those it has read (a bounded number; an unlikely flood of tags starts it afresh).
    thread_local std::unordered_map<std::string, Parts> cache;
    if (auto it = cache.find(std::string(tag)); it != cache.end()) return it->second;
    if (cache.size() >= 256) cache.clear();
    const icu::Locale loc = locale(tag);
    Parts p;
    if (!loc.isBogus()) {
        p.language = loc.getLanguage();
        p.script = loc.getScript();
        p.region = loc.getCountry();
        p.rtl = loc.isRightToLeft();
    }
    return cache.emplace(std::string(tag), std::move(p)).first->second;
}

std::string primary(std::string_view tag) {
    return parts(tag).language;
}

bool is_rtl(std::string_view tag) {
    return parts(tag).rtl;
}

}  // namespace quire::inline v0::lang_tag

// base/lang_tag: BCP 47 language tags ("pt-BR", "zh-Hant-TW", "az-Arab") read by ICU's Locale,
// for every stage that looks inside one: which language, which script, which direction.
//
// A tag is read as BCP 47 with '_' taken for '-' and case ignored ("pt_br" is "pt-BR"); ICU
// maps grandfathered tags ("i-klingon" is "tlh") and leaves deprecated codes as written ("iw"
// stays "iw"). A tag that is not well-formed ("en-", "toolongtag") has no parts: no language,
// no script, left to right. The answers are kept per thread: a tag's parts cost a lookup after
// the first time.
#pragma once

#include <unicode/locid.h>

#include <string>
#include <string_view>

namespace quire::inline v0::lang_tag {

/// The parts of a tag that callers look at.
struct Parts {
    std::string language;  ///< the primary language subtag, lowercase ("pt"); "" for "und"
                           ///< and for a tag that is not well-formed
    std::string script;    ///< the script subtag as stated, title case ("Arab"), else ""
    std::string region;    ///< the region subtag as stated, uppercase ("BR"), else ""
    bool rtl = false;      ///< written right to left by default (its likely script's direction)
};

/// The parts of `tag`.
Parts parts(std::string_view tag);

/// The ICU locale of `tag`, bogus when it is not a well-formed tag.
icu::Locale locale(std::string_view tag);

/// The primary language subtag of `tag`, lowercase: "pt" of "pt-BR", "zh" of "ZH_hant".
std::string primary(std::string_view tag);

/// Whether `tag` is written right to left: its script subtag's direction, else its language's
/// likely script's ("ar", "he", "iw", "fa", "ur", "yi", "ckb", "az-Arab", not "ar-Latn").
bool is_rtl(std::string_view tag);

}  // namespace quire::inline v0::lang_tag

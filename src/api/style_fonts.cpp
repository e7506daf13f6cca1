// api/style_fonts: a style's own fallback chains and per-script families, made into chains of
// the font book (see Style::font_chains and Style::script_fonts).
//
// The book is shared by every style of a process, so a style's chain is not redefined in it:
// it is added under a name made from the chain's name and a hash of its families
// ("serif~1a2b3c4d5e6f"), and the style's font roles are renamed to it. Two styles with the
// same families share the chain; a style without fonts settings is used as it is.
#include "api/impl.hpp"
#include "api/style_keys.hpp"
#include "base/sha256.hpp"
#include "base/utf8.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <string>
#include <string_view>

namespace quire::inline v0::detail {

namespace {

UScriptCode script_code(const std::string& name) {
    const int v = u_getPropertyValueEnum(UCHAR_SCRIPT, name.c_str());
    return v == UCHAR_INVALID_CODE ? USCRIPT_INVALID_CODE : static_cast<UScriptCode>(v);
}

/// A letter of the script (ICU's sample character), or 0.
char32_t sample_of(UScriptCode code) {
    UChar buf[8];
    UErrorCode err = U_ZERO_ERROR;
    const int32_t n = uscript_getSampleString(code, buf, 8, &err);
    if (U_FAILURE(err) || n <= 0) return 0;
    const std::string sample =
        utf8::from_utf16(std::u16string_view(buf, static_cast<std::size_t>(n)));
    return sample.empty() ? 0 : utf8::decode(sample, 0).c;
}

}  // namespace

bool script_code_valid(const std::string& script) {
    const UScriptCode code = script_code(script);
    return code != USCRIPT_INVALID_CODE && code != USCRIPT_COMMON && code != USCRIPT_INHERITED &&
           sample_of(code) != 0;
}

Style resolve_fonts(const Style& style, text::FontBook& book) {
    if (style.font_chains.empty() && style.script_fonts.empty()) return style;
    Style s = style;
    std::map<std::string, std::string> renamed;  // chain → the book's name for it here
    auto resolve = [&](const std::string& chain) -> std::string {
        if (auto it = renamed.find(chain); it != renamed.end()) return it->second;
        std::vector<std::string> families;
        auto own = std::find_if(s.font_chains.begin(), s.font_chains.end(),
                                [&](const FontChain& c) { return c.name == chain; });
        families = own != s.font_chains.end() ? own->families : book.chain_families(chain);
        // A script's family goes before the first family that has the script's letters (so
        // the families before it keep the other scripts and the common characters).
        for (const auto& sf : s.script_fonts) {
            const char32_t c = sample_of(script_code(sf.script));
            if (!c) continue;
            std::size_t at = families.size();
            for (std::size_t i = 0; i < families.size(); ++i) {
                const text::Face* f = book.family(families[i], {});
                if (f && f->has_char(c)) {
                    at = i;
                    break;
                }
            }
            if (at < families.size() && families[at] == sf.family) continue;
            families.insert(families.begin() + static_cast<std::ptrdiff_t>(at), sf.family);
        }
        std::string key;
        for (const auto& f : families) {
            key += f;
            key += '\n';
        }
        std::string name = chain;
        name += '~';
        name += sha256_hex(key).substr(0, 12);
        book.define_chain(name, std::move(families));
        renamed[chain] = name;
        return name;
    };
    for (const auto& role : font_roles()) (s.*role.member).chain = resolve((s.*role.member).chain);
    return s;
}

}  // namespace quire::inline v0::detail

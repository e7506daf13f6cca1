// model/slug: a URL- and file-name-safe name for an article, made from its title.
//
// The title is transliterated to Latin with ICU ("Any-Latin; Latin-ASCII; Lower", preceded by
// the BGN/PCGN romanisation for a few languages where ICU's default reads poorly, e.g. Russian
// "Япония" gives "yaponiya" rather than "aponia"), apostrophes are dropped ("Japan's" ->
// "japans"), and the remaining runs of [a-z0-9] are joined with '-'.
// Invariants: the result is non-empty ("article" at worst), holds only [a-z0-9-], never starts
// or ends with '-', and is at most kMaxLength bytes, cut at a word boundary when there is one.
// ICU transliterators are costly to build, so each is built once and kept; transliterate() is
// not documented as thread-safe, so calls are serialised by a mutex. slug() never throws.
#include <quire/quire.hpp>

#include "base/lang_tag.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string_view>

namespace quire::inline v0 {

namespace {

constexpr std::size_t kMaxLength = 80;
constexpr std::string_view kBase = "Any-Latin; Latin-ASCII; Lower";

/// The ICU transliterator ID for titles in language `lang`.
std::string transliterator_id(std::string_view lang) {
    static constexpr std::pair<std::string_view, std::string_view> kRomanisations[] = {
        {"ru", "Russian-Latin/BGN"},   {"uk", "Ukrainian-Latin/BGN"},
        {"bg", "Bulgarian-Latin/BGN"}, {"be", "Belarusian-Latin/BGN"},
        {"sr", "Serbian-Latin/BGN"},   {"mk", "Macedonian-Latin/BGN"},
        {"kk", "Kazakh-Latin/BGN"},    {"el", "Greek-Latin/BGN"},
    };
    const std::string primary = lang_tag::primary(lang);
    for (const auto& [tag, id] : kRomanisations) {
        if (primary == tag) return std::string(id) + "; " + std::string(kBase);
    }
    return std::string(kBase);
}

/// Transliterates `text` to lowercase ASCII (as far as ICU can); "" if ICU is unusable.
std::string to_ascii(const std::string& text, std::string_view lang) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<icu::Transliterator>> cache;

    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(
        text.data(), static_cast<std::int32_t>(std::min<std::size_t>(text.size(), INT32_MAX))));
    const std::lock_guard<std::mutex> lock(mutex);
    icu::Transliterator* t = nullptr;
    for (const std::string& id : {transliterator_id(lang), std::string(kBase)}) {
        auto it = cache.find(id);
        if (it == cache.end()) {
            UErrorCode status = U_ZERO_ERROR;
            std::unique_ptr<icu::Transliterator> created(icu::Transliterator::createInstance(
                icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD, status));
            if (U_FAILURE(status)) created.reset();
            it = cache.emplace(id, std::move(created)).first;  // a failure is cached too
        }
        if (it->second) {
            t = it->second.get();
            break;
        }
    }
    if (t == nullptr) return {};
    t->transliterate(u);
    std::string out;
    u.toUTF8String(out);
    return out;
}

}  // namespace

std::string slug(const Article& article) {
    try {
        std::string ascii = to_ascii(article.title, article.lang);
        if (ascii.empty()) ascii = article.title;  // ICU unusable: keep what is ASCII already

        std::string out;
        std::string word;
        bool cut = false;
        auto end_word = [&] {
            if (word.empty() || cut) {
                word.clear();
                return;
            }
            const std::size_t needed = word.size() + (out.empty() ? 0 : 1);
            if (out.size() + needed <= kMaxLength) {
                if (!out.empty()) out += '-';
                out += word;
            } else {
                if (out.empty()) out = word.substr(0, kMaxLength);  // one very long word
                cut = true;
            }
            word.clear();
        };
        for (char c : ascii) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                word += c;
            } else if (c != '\'' && c != '`') {  // "Japan's" is one word
                end_word();
            }
        }
        end_word();
        return out.empty() ? std::string("article") : out;
    } catch (...) {
        // slug() is public and has no error to give: an allocation failure, or the mutex of the
        // transliterators failing to lock (std::system_error), gives the fallback name. (ICU
        // reports its failures by status codes, checked above; it throws nothing.)
        return "article";
    }
}

}  // namespace quire::inline v0

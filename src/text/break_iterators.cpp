// text/break_iterators: see break_iterators.hpp.
#include "text/break_iterators.hpp"

#include <map>
#include <memory>
#include <utility>

namespace quire::inline v0::text {

icu::BreakIterator* break_iterator(BreakKind kind, const std::string& locale) {
    thread_local std::map<std::pair<BreakKind, std::string>, std::unique_ptr<icu::BreakIterator>>
        cache;
    auto& bi = cache[{kind, locale}];
    if (!bi) {
        UErrorCode st = U_ZERO_ERROR;
        const icu::Locale loc(locale.c_str());
        bi.reset(kind == BreakKind::word ? icu::BreakIterator::createWordInstance(loc, st)
                                         : icu::BreakIterator::createLineInstance(loc, st));
        if (U_FAILURE(st)) bi.reset();
    }
    return bi.get();
}

BreakText::BreakText(icu::BreakIterator& bi, std::string_view text) : bi_(bi) {
    UErrorCode st = U_ZERO_ERROR;
    utext_openUTF8(&ut_, text.data(), static_cast<int64_t>(text.size()), &st);
    if (U_FAILURE(st)) return;
    bi_.setText(&ut_, st);
    ok_ = U_SUCCESS(st);
}

BreakText::~BreakText() {
    bi_.setText(icu::UnicodeString());  // drop the reference to ut_ before closing it
    utext_close(&ut_);
}

}  // namespace quire::inline v0::text

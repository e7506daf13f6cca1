// text/break_iterators: ICU's break iterators (words for hyphenation, line break opportunities),
// one per kind, locale and thread, and UTF-8 text set on one for the length of a scope.
//
// Creating a break iterator is costly (ICU loads its rules and dictionaries) and one is not
// thread-safe, so each thread keeps the ones it has made, for the life of the thread, and a
// caller walks one text at a time on it.
#pragma once

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <string>
#include <string_view>

namespace quire::inline v0::text {

enum class BreakKind {
    word,  ///< word boundaries (UAX #29), their rule status telling words from the rest
    line,  ///< line break opportunities (UAX #14), their rule status telling hard breaks
};

/// The thread's break iterator of `kind` for the ICU locale ID `locale` ("de", "ja@lb=strict"),
/// made at the first call; nullptr when ICU makes none (asked again at the next call).
icu::BreakIterator* break_iterator(BreakKind kind, const std::string& locale);

/// UTF-8 text set on a break iterator for the life of this object, which then drops the
/// iterator's reference to it: the iterator's offsets are byte offsets into `text`, which must
/// outlive this object.
class BreakText {
public:
    BreakText(icu::BreakIterator& bi, std::string_view text);
    ~BreakText();
    BreakText(const BreakText&) = delete;
    BreakText& operator=(const BreakText&) = delete;

    /// Whether the text is set (ICU could open it).
    bool ok() const { return ok_; }

private:
    icu::BreakIterator& bi_;
    UText ut_ = UTEXT_INITIALIZER;
    bool ok_ = false;
};

}  // namespace quire::inline v0::text

/// \file
/// Resource limits for articles from strangers.
///
/// A service that converts uploaded articles sets these so that no input can make quire run out
/// of memory or time: exceeding a limit is an error (or, for an image, a warning with its text
/// alternative shown) that names the limit, never a crash. The defaults are generous for real
/// articles; the CLI sets them with `--limit NAME=VALUE`.
#pragma once

#include <quire/export.hpp>

#include <quire/article.hpp>
#include <quire/diagnostics.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace quire::inline v0 {

/// The largest article quire reads at all (256 MiB), whatever Limits::input_bytes says.
inline constexpr std::uint64_t kMaxInputSize = std::uint64_t{256} << 20;

/// Resource limits: reading takes them from ReadOptions::limits, typeset() from its `limits`
/// argument, run_batch() and run_collection() from BatchOptions::read (its `limits`). Each
/// member's comment starts with the limit's name as set_limit() and the CLI's `--limit` take it.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access; `cancel`
/// may be set from any thread, and `on_progress` is called on the threads doing the work.
struct QUIRE_API Limits {
    /// input-size: bytes of an article file (or of the bytes handed to parse_article); at most
    /// kMaxInputSize.
    std::uint64_t input_bytes = kMaxInputSize;
    /// nesting: block quotes and lists inside each other; at most kMaxNesting, which is what
    /// every reader and writer can take.
    int nesting = kMaxNesting;
    /// notes: notes (and note references) in one article.
    int notes = 10000;
    /// pages: pages of one article's PDF.
    int pages = 10000;
    /// image-pixels: width × height of one image, checked from its header before it is
    /// decoded (a decompression bomb); a larger image is left out with a warning.
    std::uint64_t image_pixels = 50'000'000;
    /// time: seconds for one article's layout and PDF, checked at each paragraph and page:
    /// typeset() and write_pdf() each count from their own start, run_batch() gives an article
    /// one deadline for both (run_collection() none). Reading and the EPUB are not timed.
    /// 0: no limit.
    double seconds = 0;

    /// Not a limit but a stop: when the flag becomes true (set from any thread), typeset(),
    /// write_pdf() of its document, run_batch() and run_collection() stop at the next paragraph
    /// or page with the error "cancelled"; a batch reports the articles not yet made as failed.
    /// write_epub() and the readers do not check it. quire never resets it. Null: the work
    /// cannot be cancelled.
    std::shared_ptr<const std::atomic<bool>> cancel;
    /// Not a limit: told how far the work on one article has got, as it goes: the stage
    /// ("layout" after each page laid out, "pdf" as each page is written) and the page count
    /// so far (for "pdf", the number of the page being written).
    /// Called on the thread doing the work (a batch's workers call it at once, so it must be
    /// thread-safe there); it should return quickly and must not throw.
    std::function<void(std::string_view stage, int pages)> on_progress;
};

/// A limit's name (as `--limit` takes it), what it bounds, and its default.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API LimitInfo {
    std::string name;           ///< as set_limit() and `--limit` take it: "input-size"
    std::string description;    ///< what it bounds, one line
    std::string default_value;  ///< the default in its text form: "256M"
};

/// The limits, in the order the CLI's help lists them.
QUIRE_API std::vector<LimitInfo> limit_infos();

/// Sets the limit `name` ("notes", "image-pixels", "input-size", "time", ...) from its text
/// form: a whole number (input-size also takes K, M or G: "64M"), or seconds for time ("90",
/// "2.5"). The error says which names exist, or what value would do.
QUIRE_API Result<Unit> set_limit(Limits& limits, std::string_view name, std::string_view value);

/// The part of an error that names an exceeded limit and how to raise it:
/// `the limit NAME is VALUE; raise it with --limit NAME=N` (quire's errors put it in
/// parentheses after what was exceeded).
QUIRE_API std::string limit_hint(std::string_view name, std::string_view value);

}  // namespace quire::inline v0

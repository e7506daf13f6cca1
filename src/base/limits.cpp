// base/limits: the public resource limits (quire/limits.hpp) and their checks on this thread.
#include "base/limits.hpp"

#include "base/nearest.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace quire::inline v0 {

namespace {

std::string with_unit(std::uint64_t bytes) {
    if (bytes % (std::uint64_t{1} << 30) == 0 && bytes > 0)
        return std::to_string(bytes >> 30) + "G";
    if (bytes % (std::uint64_t{1} << 20) == 0 && bytes > 0)
        return std::to_string(bytes >> 20) + "M";
    if (bytes % (std::uint64_t{1} << 10) == 0 && bytes > 0)
        return std::to_string(bytes >> 10) + "K";
    return std::to_string(bytes);
}

/// A whole number >= 1 (with a K/M/G suffix when `units`), or nothing.
bool parse_count(std::string_view s, bool units, std::uint64_t& out) {
    std::uint64_t shift = 0;
    if (units && !s.empty()) {
        switch (s.back()) {
            case 'K':
            case 'k':
                shift = 10;
                break;
            case 'M':
            case 'm':
                shift = 20;
                break;
            case 'G':
            case 'g':
                shift = 30;
                break;
            default:
                break;
        }
        if (shift) s.remove_suffix(1);
    }
    std::uint64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size() || v == 0) return false;
    if (shift && v > (~std::uint64_t{0} >> shift)) return false;
    out = v << shift;
    return true;
}

}  // namespace

std::vector<LimitInfo> limit_infos() {
    const Limits d;
    return {
        {"input-size", "bytes of an article file (suffix K, M or G; at most 256M)",
         with_unit(d.input_bytes)},
        {"nesting",
         "quotes and lists inside each other (at most " + std::to_string(kMaxNesting) + ")",
         std::to_string(d.nesting)},
        {"notes", "notes in one article", std::to_string(d.notes)},
        {"pages", "pages of one article's PDF", std::to_string(d.pages)},
        {"image-pixels", "width x height of one image", std::to_string(d.image_pixels)},
        {"time", "seconds to make one article; 0: none", "0"},
    };
}

Result<Unit> set_limit(Limits& limits, std::string_view name, std::string_view value) {
    const Location nowhere;
    auto bad = [&](const std::string& what) {
        return make_error(nowhere,
                          "--limit " + std::string(name) + "=" + std::string(value) + ": " + what);
    };
    std::uint64_t n = 0;
    if (name == "input-size") {
        if (!parse_count(value, true, n) || n > kMaxInputSize)
            return bad("expected a size in bytes up to 256M, e.g. 64M");
        limits.input_bytes = n;
    } else if (name == "nesting") {
        if (!parse_count(value, false, n) || n > static_cast<std::uint64_t>(kMaxNesting))
            return bad("expected a whole number from 1 to " + std::to_string(kMaxNesting));
        limits.nesting = static_cast<int>(n);
    } else if (name == "notes" || name == "pages") {
        if (!parse_count(value, false, n) || n > 1'000'000'000)
            return bad("expected a whole number from 1 to 1000000000");
        (name == "notes" ? limits.notes : limits.pages) = static_cast<int>(n);
    } else if (name == "image-pixels") {
        if (!parse_count(value, false, n)) return bad("expected a whole number of pixels");
        limits.image_pixels = n;
    } else if (name == "time") {
        const std::string s(value);
        char* end = nullptr;
        const double v = s.empty() ? -1 : std::strtod(s.c_str(), &end);
        if (s.empty() || end != s.c_str() + s.size() || !(v >= 0) || !std::isfinite(v))
            return bad("expected seconds (0: no limit), e.g. 60 or 2.5");
        limits.seconds = v;
    } else {
        std::vector<std::string> names;
        for (const auto& i : limit_infos()) names.push_back(i.name);
        std::string msg = "--limit: no limit named '" + std::string(name) + "'";
        if (auto near = nearest(name, names); !near.empty()) msg += " (did you mean " + near + "?)";
        msg += "; the limits are";
        for (const auto& i : names) msg += " " + i;
        return make_error(nowhere, msg);
    }
    return Unit{};
}

std::string limit_hint(std::string_view name, std::string_view value) {
    return "the limit " + std::string(name) + " is " + std::string(value) +
           "; raise it with --limit " + std::string(name) + "=N";
}

namespace detail {

thread_local LimitScope::State LimitScope::current_;

LimitScope::LimitScope(const Limits& limits) : saved_(current_) {
    if (limits.seconds > 0) {
        const auto span = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
            std::chrono::duration<double>(std::min(limits.seconds, 1e9)));
        const auto at = std::chrono::steady_clock::now() + span;
        if (at < current_.deadline) {
            current_.deadline = at;
            current_.seconds = limits.seconds;
        }
    }
    current_.pages = limits.pages;
    // The Limits outlive the scope (it is opened by the call they are given to).
    if (limits.cancel) current_.cancel = limits.cancel.get();
    if (limits.on_progress) current_.progress = &limits.on_progress;
}

LimitScope::~LimitScope() {
    current_ = saved_;
}

void check_time() {
    const auto& c = LimitScope::current_;
    if (c.cancel && c.cancel->load(std::memory_order_relaxed)) throw LimitExceeded("cancelled");
    if (c.seconds > 0 && std::chrono::steady_clock::now() > c.deadline) {
        char v[32];
        std::snprintf(v, sizeof v, "%g", c.seconds);
        throw LimitExceeded("the article takes longer than " + std::string(v) + " s to make (" +
                            limit_hint("time", v) + ")");
    }
}

void check_pages(int pages) {
    const auto& c = LimitScope::current_;
    if (c.pages > 0 && pages > c.pages)
        throw LimitExceeded("the article runs to more than " + std::to_string(c.pages) +
                            (c.pages == 1 ? " page (" : " pages (") +
                            limit_hint("pages", std::to_string(c.pages)) + ")");
}

void report_progress(std::string_view stage, int pages) {
    const auto& c = LimitScope::current_;
    if (c.progress) (*c.progress)(stage, pages);
}

}  // namespace detail

}  // namespace quire::inline v0

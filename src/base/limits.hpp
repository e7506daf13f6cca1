// base/limits: the limits in force while one article is read, typeset and written.
//
// The public Limits (quire/limits.hpp) are checked where the work happens, deep inside layout
// and the writers, without threading them through every call: the API entry points open a
// LimitScope on the calling thread, and the loops ask check_time() / check_pages().
#pragma once

#include <quire/limits.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace quire::inline v0::detail {

/// Thrown by the checks; the API entry points turn it into an error naming the limit.
struct LimitExceeded : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Sets the limits for this thread until destroyed; nested scopes keep the earlier deadline
/// when it comes first (a batch's per-article time covers its typesetting).
class LimitScope {
public:
    explicit LimitScope(const Limits& limits);
    ~LimitScope();
    LimitScope(const LimitScope&) = delete;
    LimitScope& operator=(const LimitScope&) = delete;

private:
    struct State {
        std::chrono::steady_clock::time_point deadline =
            std::chrono::steady_clock::time_point::max();
        double seconds = 0;
        int pages = 0;  ///< 0: none
        const std::atomic<bool>* cancel = nullptr;
        const std::function<void(std::string_view, int)>* progress = nullptr;
    };
    State saved_;
    static thread_local State current_;
    friend void check_time();
    friend void check_pages(int);
    friend void report_progress(std::string_view, int);
};

/// Throws LimitExceeded when this thread's time limit has passed or its work is cancelled.
void check_time();

/// Throws LimitExceeded when `pages` is more than this thread's page limit.
void check_pages(int pages);

/// Tells this thread's Limits::on_progress, if any, that `pages` pages of `stage` are done.
void report_progress(std::string_view stage, int pages);

}  // namespace quire::inline v0::detail

// base/utc: a UTC time as text, without strftime.
//
// glibc's strftime calls tzset() on every call (POSIX asks that tzname be set), and tzset
// frees and rebuilds the time-zone state that PoDoFo's localtime() reads while it stamps a new
// document: a PDF made on one thread and an EPUB dated on another raced there (ThreadSanitizer,
// the anthology's two writers). gmtime_r reads no time zone; the fields are printed here.
#pragma once

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>

namespace quire::utc {

/// `t` (seconds since the epoch, UTC) printed by `format`, which knows %Y, %m, %d, %H, %M, %S
/// and %%; any other character is copied.
inline std::string format(std::int64_t t, const char* format) {
    const auto tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    std::string out;
    char buf[16];
    for (const char* p = format; *p; ++p) {
        if (*p != '%' || !p[1]) {
            out += *p;
            continue;
        }
        int value = 0, width = 2;
        switch (*++p) {
            case 'Y':
                value = tm.tm_year + 1900, width = 4;
                break;
            case 'm':
                value = tm.tm_mon + 1;
                break;
            case 'd':
                value = tm.tm_mday;
                break;
            case 'H':
                value = tm.tm_hour;
                break;
            case 'M':
                value = tm.tm_min;
                break;
            case 'S':
                value = tm.tm_sec;
                break;
            default:
                out += *p;
                continue;  // "%%" and unknown: the character itself
        }
        std::snprintf(buf, sizeof buf, "%0*d", width, value);
        out += buf;
    }
    return out;
}

}  // namespace quire::utc

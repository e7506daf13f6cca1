// base/utc: UTC calendar arithmetic and dates as text, without the C library's time functions.
//
// glibc's gmtime_r, strftime and localtime all pass through its time-zone state (tzset), which
// PoDoFo's localtime() frees and rebuilds while it stamps a new document. glibc serialises
// those calls with a lock of its own, which ThreadSanitizer cannot see: a PDF begun on one
// thread and an EPUB dated on another (the anthology's two writers) were reported as a race.
// quire's dates need no time zone at all, so they are computed here (H. Hinnant's algorithms
// for the proleptic Gregorian calendar) and printed field by field.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace quire::inline v0::utc {

/// Days since 1970-01-01 of a civil date (month 1-12, day 1-31).
inline std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

/// The broken-down UTC time of `t` (seconds since the epoch).
struct Fields {
    std::int64_t year = 1970;
    unsigned month = 1, day = 1, hour = 0, minute = 0, second = 0;
};

inline Fields fields(std::int64_t t) {
    std::int64_t days = t / 86400, rest = t % 86400;
    if (rest < 0) rest += 86400, --days;
    Fields f;
    f.hour = static_cast<unsigned>(rest / 3600);
    f.minute = static_cast<unsigned>(rest % 3600 / 60);
    f.second = static_cast<unsigned>(rest % 60);
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    f.day = doy - (153 * mp + 2) / 5 + 1;
    f.month = mp < 10 ? mp + 3 : mp - 9;
    f.year = static_cast<std::int64_t>(yoe) + era * 400 + (f.month <= 2);
    return f;
}

/// `t` printed by `format`, which knows %Y, %m, %d, %H, %M, %S and %%; any other character
/// is copied.
inline std::string format(std::int64_t t, const char* format) {
    const Fields f = fields(t);
    std::string out;
    char buf[24];
    for (const char* p = format; *p; ++p) {
        if (*p != '%' || !p[1]) {
            out += *p;
            continue;
        }
        long long value = 0;
        int width = 2;
        switch (*++p) {
            case 'Y':
                value = f.year, width = 4;
                break;
            case 'm':
                value = f.month;
                break;
            case 'd':
                value = f.day;
                break;
            case 'H':
                value = f.hour;
                break;
            case 'M':
                value = f.minute;
                break;
            case 'S':
                value = f.second;
                break;
            default:
                out += *p;
                continue;  // "%%" and unknown: the character itself
        }
        std::snprintf(buf, sizeof buf, "%0*lld", width, value);
        out += buf;
    }
    return out;
}

}  // namespace quire::inline v0::utc

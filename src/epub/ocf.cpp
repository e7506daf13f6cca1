// epub/ocf: the OCF zip container, written with libzip into memory.
//
// `mimetype` is the first entry, stored (not deflated) and without extra fields, so its name
// sits at byte 30 and its content at byte 38 as OCF requires. The other entries are deflated at
// a fixed level in the given order. Entry times are set as DOS date and time fields computed
// from the timestamp's UTC fields (zip_file_set_dostime): libzip's zip_file_set_mtime would
// convert through localtime() and make the bytes depend on the time zone (STACK-NOTES.md §4).
#include "epub/epub.hpp"

#include <zip.h>

#include <algorithm>
#include <ctime>
#include <memory>
#include <stdexcept>

namespace quire::epub {

namespace {

/// The DOS date and time (the zip format's local time, 2-second steps) of the UTC broken-down
/// fields of `utc`, clamped to 1980–2107: written as they are, so no time zone enters.
std::pair<zip_uint16_t, zip_uint16_t> dos_date_time(std::int64_t utc) {
    constexpr std::int64_t k1980 = 315532800, k2107 = 4354819199;
    const std::time_t t = static_cast<std::time_t>(std::clamp(utc, k1980 + 86400, k2107 - 86400));
    std::tm tm{};
    gmtime_r(&t, &tm);
    const auto date =
        static_cast<zip_uint16_t>(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
    const auto time =
        static_cast<zip_uint16_t>((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
    return {time, date};
}

[[noreturn]] void fail(zip_t* za, const char* what) {
    std::string msg = std::string("EPUB container: ") + what;
    if (za) {
        msg += ": ";
        msg += zip_strerror(za);
        zip_discard(za);
    }
    throw std::runtime_error(msg);
}

}  // namespace

std::string zip_container(const std::vector<Resource>& files, std::int64_t timestamp) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* mem = zip_source_buffer_create(nullptr, 0, 0, &err);
    if (!mem) {
        zip_error_fini(&err);
        fail(nullptr, "cannot create a memory buffer");
    }
    zip_source_keep(mem);
    zip_t* za = zip_open_from_source(mem, ZIP_TRUNCATE, &err);
    if (!za) {
        zip_source_free(mem);
        zip_error_fini(&err);
        fail(nullptr, "cannot open the archive");
    }
    zip_error_fini(&err);
    const auto [dos_time, dos_date] = dos_date_time(timestamp);
    // libzip reads the buffers at zip_close(); `files` outlives it, so no copies are needed.
    for (const Resource& f : files) {
        zip_source_t* src = zip_source_buffer(za, f.data.data(), f.data.size(), 0);
        if (!src) {
            zip_source_free(mem);
            fail(za, "cannot add an entry");
        }
        const zip_int64_t idx =
            zip_file_add(za, f.path.c_str(), src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (idx < 0) {
            zip_source_free(src);
            zip_source_free(mem);
            fail(za, "cannot add an entry");
        }
        const bool store = f.path == "mimetype";
        if (zip_set_file_compression(za, static_cast<zip_uint64_t>(idx),
                                     store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, store ? 0 : 6) != 0 ||
            zip_file_set_dostime(za, static_cast<zip_uint64_t>(idx), dos_time, dos_date, 0) != 0) {
            zip_source_free(mem);
            fail(za, "cannot set an entry's compression or time");
        }
    }
    if (zip_close(za) != 0) {
        zip_source_free(mem);
        fail(za, "cannot write the archive");
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_source_stat(mem, &st) != 0 || zip_source_open(mem) != 0) {
        zip_source_free(mem);
        fail(nullptr, "cannot read the archive back");
    }
    std::string out(static_cast<std::size_t>(st.size), '\0');
    const zip_int64_t n = zip_source_read(mem, out.data(), st.size);
    zip_source_close(mem);
    zip_source_free(mem);
    if (n < 0 || static_cast<zip_uint64_t>(n) != st.size)
        fail(nullptr, "short read of the archive");
    return out;
}

}  // namespace quire::epub

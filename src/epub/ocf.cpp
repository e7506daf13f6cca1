// epub/ocf: the OCF zip container (ISO/IEC 21320-1: a plain zip, no zip64, no encryption),
// written entry by entry to a byte sink (a file, or memory).
//
// `mimetype` is the first entry, stored (not deflated) and without extra fields, so its name
// sits at byte 30 and its content at byte 38 as OCF requires. The other entries follow in the
// given order, raw DEFLATE at kLevel (base/deflate: Debian's libdeflate, which compresses a whole
// buffer at once, much faster than zlib's stream interface at the same size); an entry that does
// not shrink (a PNG or JPEG image, already compressed) is stored instead. Entry times are DOS date
// and time fields computed from the timestamp's UTC fields, so the bytes do not depend on the
// time zone. The output is a pure function of the entries and the timestamp.
#include "epub/epub.hpp"

#include "base/deflate.hpp"
#include "base/utc.hpp"

#include <algorithm>
#include <functional>
#include <memory>
#include <stdexcept>

namespace quire::inline v0::epub {

namespace {

/// libdeflate level of the deflated entries.
constexpr int kLevel = 6;

/// The DOS date and time (the zip format's local time, 2-second steps) of the UTC broken-down
/// fields of `utc`, clamped to 1980–2107: written as they are, so no time zone enters.
std::pair<std::uint16_t, std::uint16_t> dos_date_time(std::int64_t utc) {
    constexpr std::int64_t k1980 = 315532800, k2107 = 4354819199;
    const utc::Fields f = utc::fields(std::clamp(utc, k1980 + 86400, k2107 - 86400));
    const auto date = static_cast<std::uint16_t>(((f.year - 1980) << 9) | (f.month << 5) | f.day);
    const auto time = static_cast<std::uint16_t>((f.hour << 11) | (f.minute << 5) | (f.second / 2));
    return {time, date};
}

void put16(std::string& out, std::uint32_t v) {
    out.push_back(static_cast<char>(v & 0xff));
    out.push_back(static_cast<char>((v >> 8) & 0xff));
}

void put32(std::string& out, std::uint32_t v) {
    put16(out, v & 0xffff);
    put16(out, v >> 16);
}

/// What the central directory repeats of an entry.
struct Entry {
    std::uint32_t offset = 0, crc = 0, csize = 0, usize = 0;
    std::uint16_t method = 0, flags = 0;
};

constexpr std::uint32_t kLocalSig = 0x04034b50, kCentralSig = 0x02014b50, kEndSig = 0x06054b50;
constexpr std::uint16_t kStore = 0, kDeflate = 8;
constexpr std::uint16_t kUtf8Name = 0x0800;  // general purpose flag bit 11

/// The version needed to extract: 1.0 for a stored entry, 2.0 for a deflated one.
std::uint16_t version_needed(std::uint16_t method) {
    return method == kDeflate ? 20 : 10;
}

/// `n` as a 32-bit zip field, or an error when it does not fit (zip64 is not allowed in OCF).
Result<std::uint32_t> fits32(std::size_t n, const std::string& path) {
    if (n > 0xffffffffu)
        return make_error({}, "EPUB container: " + path + " is too large for a zip entry");
    return static_cast<std::uint32_t>(n);
}

}  // namespace

struct ZipWriter::Impl {
    std::function<void(std::string_view)> sink;
    std::uint16_t dos_time = 0, dos_date = 0;
    std::uint64_t offset = 0;  ///< bytes written so far
    std::size_t entries = 0;
    std::string central, header, packed;
    bool finished = false;
};

ZipWriter::ZipWriter(std::function<void(std::string_view)> sink, std::int64_t timestamp)
    : impl_(std::make_unique<Impl>()) {
    impl_->sink = std::move(sink);
    const auto [time, date] = dos_date_time(timestamp);
    impl_->dos_time = time;
    impl_->dos_date = date;
}

ZipWriter::~ZipWriter() = default;

Result<Unit> ZipWriter::add(std::string_view path, std::string_view data) {
    Impl& z = *impl_;
    if (z.finished) throw std::logic_error("EPUB container: entry added after the end");
    if (z.entries == 0xffff) return make_error({}, "EPUB container: too many entries");
    const std::string name(path);
    Entry e;
    QUIRE_TRY_ASSIGN(e.offset, fits32(z.offset, name));
    QUIRE_TRY_ASSIGN(e.usize, fits32(data.size(), name));
    e.crc = deflate::crc32(data);
    if (std::any_of(path.begin(), path.end(),
                    [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
        e.flags = kUtf8Name;
    std::string_view body = data;
    e.method = kStore;
    if (path != "mimetype" && !data.empty()) {
        QUIRE_TRY_ASSIGN(const std::size_t n,
                         deflate::compress(data, kLevel, deflate::Format::raw, z.packed));
        if (n > 0 && n < data.size()) {
            e.method = kDeflate;
            body = std::string_view(z.packed.data(), n);
        }
    }
    QUIRE_TRY_ASSIGN(e.csize, fits32(body.size(), name));
    if (path.size() > 0xffff) return make_error({}, "EPUB container: name too long");
    const auto name_len = static_cast<std::uint16_t>(path.size());

    // The fields the local header and the central directory share, from "version needed
    // to extract" to "extra field length" (APPNOTE 4.3.7 and 4.3.12).
    auto put_shared = [&](std::string& to) {
        put16(to, version_needed(e.method));
        put16(to, e.flags);
        put16(to, e.method);
        put16(to, z.dos_time);
        put16(to, z.dos_date);
        put32(to, e.crc);
        put32(to, e.csize);
        put32(to, e.usize);
        put16(to, name_len);
        put16(to, 0);  // no extra field
    };
    z.header.clear();
    put32(z.header, kLocalSig);
    put_shared(z.header);
    z.header += path;
    QUIRE_TRY(fits32(z.offset + z.header.size() + body.size(), "the archive"));
    z.sink(z.header);
    z.sink(body);
    z.offset += z.header.size() + body.size();
    // Not kept: a large entry's buffer (a font, an image) is not held to the end.
    if (z.packed.capacity() > (std::size_t{1} << 20)) std::string().swap(z.packed);

    std::string& c = z.central;
    put32(c, kCentralSig);
    put16(c, (3u << 8) | 20u);  // made by: Unix, zip 2.0
    put_shared(c);
    put16(c, 0);               // comment
    put16(c, 0);               // disk number
    put16(c, 0);               // internal attributes
    put32(c, 0100644u << 16);  // external attributes: a regular file, rw-r--r--
    put32(c, e.offset);
    c += path;
    ++z.entries;
    return Unit{};
}

Result<Unit> ZipWriter::finish() {
    Impl& z = *impl_;
    if (z.finished) return Unit{};
    QUIRE_TRY_ASSIGN(const std::uint32_t central_offset, fits32(z.offset, "the central directory"));
    QUIRE_TRY_ASSIGN(const std::uint32_t central_size,
                     fits32(z.central.size(), "the central directory"));
    std::string end;
    put32(end, kEndSig);
    put16(end, 0);  // this disk
    put16(end, 0);  // the central directory's disk
    put16(end, static_cast<std::uint32_t>(z.entries));
    put16(end, static_cast<std::uint32_t>(z.entries));
    put32(end, central_size);
    put32(end, central_offset);
    put16(end, 0);  // no comment
    QUIRE_TRY(fits32(z.offset + z.central.size() + end.size(), "the archive"));
    z.sink(z.central);
    z.sink(end);
    z.offset += z.central.size() + end.size();
    z.finished = true;
    return Unit{};
}

Result<std::string> zip_container(const std::vector<Resource>& files, std::int64_t timestamp) {
    std::string out;
    std::size_t total = 0;
    for (const Resource& f : files) total += f.path.size() + f.data.size() + 100;
    out.reserve(total);
    ZipWriter zip([&](std::string_view bytes) { out += bytes; }, timestamp);
    for (const Resource& f : files) QUIRE_TRY(zip.add(f.path, f.data));
    QUIRE_TRY(zip.finish());
    return out;
}

}  // namespace quire::inline v0::epub

// api/records: OUTDIR/.quire/records, the journal of what the batch and the books built (see
// Records). Internal to src/api (the batch, batch*.cpp, and collection.cpp).
#pragma once

#include "base/atomic_file.hpp"
#include "base/read_file.hpp"

#include <quire/diagnostics.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire::inline v0::detail {

/// A field of a record line: every byte that would end the field or the line (space, tab,
/// newline, any control byte, DEL) and '%' itself as "%XX" (upper-case hex); other bytes, those
/// of non-UTF-8 file names included, as they are. An empty field is "-", and a field that is
/// "-" is "%2D", so that every field is one non-empty word.
std::string encode_field(std::string_view s);

/// The text of a field encode_field() wrote, or nullopt when `f` is not one (a raw space or
/// control byte, a '%' without two hex digits).
std::optional<std::string> decode_field(std::string_view f);

namespace fs = std::filesystem;

/// The batch's record of what it built: OUTDIR/.quire/records, a journal with a line an
/// article, appended as articles finish (one new file for the whole folder, not one an article:
/// creating a file costs more than some stages of a conversion on ext4 without a journal).
///
///     v2 HASH PAGES PDF-BYTES[/PRINT-BYTES] EPUB-BYTES SLUG SOURCE IMAGES-DIGEST [IMAGE...]
///
/// HASH is the article's content hash (64 hex digits), or "-" for "the outputs are changing"
/// (written before an article is rebuilt, so an old line cannot vouch for outputs a failed or
/// killed rebuild left half replaced) or "this slug is no article's any more" (an orphan
/// removed, a name a book took); sizes are "-" for a format not built; PRINT-BYTES is the print
/// PDF's (SLUG.print.pdf), written only when one was built. SOURCE is the article's
/// file (absolute, weakly canonical); IMAGES-DIGEST is "-" for an article that names no image,
/// else the SHA-256 of each IMAGE (the absolute path of every image file the article names,
/// present or not; with ReadOptions::images, each image's source as written) with the state
/// of that image when the outputs were made (see image_state()). SLUG, SOURCE and each IMAGE
/// are encode_field()d, so that a path with spaces, newlines or bytes that are not UTF-8 keeps
/// the line one line of words. The last line of a slug counts. Each line is one write() to a
/// file opened with O_APPEND, so shards writing into one folder on one machine do not mix
/// their lines; a torn last line (a killed run) does not parse and is ignored, and its article
/// is rebuilt. Lines of the older format (`HASH PAGES PDF-BYTES EPUB-BYTES SLUG`: no images, no
/// source) are read as `legacy`: they never vouch for outputs (their hash was made by another
/// version, and they know nothing of images), but still say that an article holds the slug
/// (article_recorded()); a line that parses as neither is ignored.
///
/// A book (run_collection()) has its line in the same journal, under its file name, with
/// SOURCE "@book" (no article's: theirs are absolute paths) and IMAGES-DIGEST "-"; HASH is the
/// book's (its articles' bytes, front matter and options).
class Records {
public:
    struct Entry {
        std::string hash;
        int pages = 0;
        std::string pdf, epub;    // sizes as written, or "-"
        std::string print = "-";  // the print PDF's (SLUG.print.pdf), or "-"
        std::string source;       // the article's file; empty in a legacy or "-" line
        std::string images_digest = "-";
        std::vector<std::string> images;  // the image dependencies, sorted
        bool legacy = false;              // a line of the older format

        /// Whether this is a book's line (SOURCE kBookSource), not an article's.
        bool book() const { return source == kBookSource; }
    };

    /// The SOURCE of a book's line.
    static constexpr std::string_view kBookSource = "@book";

    /// The line that says a slug's outputs are no article's (yet): HASH "-".
    static Entry tombstone() {
        Entry e;
        e.hash = "-";
        e.pdf = e.epub = e.print = "-";
        return e;
    }

    explicit Records(fs::path file) : file_(std::move(file)) {}
    ~Records() {
        if (fd_ >= 0) ::close(fd_);
    }
    Records(const Records&) = delete;
    Records& operator=(const Records&) = delete;

    /// Reads the journal; returns the number of lines read.
    std::size_t load() {
        const auto bytes = read_whole_file(file_);
        if (!bytes) return 0;
        std::size_t lines = 0, start = 0;
        while (start < bytes->size()) {
            const std::size_t end = bytes->find('\n', start);
            if (end == std::string::npos) break;  // a torn last line
            parse(std::string_view(*bytes).substr(start, end - start));
            ++lines;
            start = end + 1;
        }
        ends_with_newline_ = bytes->empty() || bytes->back() == '\n';
        by_source_.clear();
        for (const auto& [slug, e] : entries_)
            if (e.hash != "-" && !e.legacy && !e.source.empty()) by_source_.emplace(e.source, slug);
        return lines;
    }

    const Entry* find(const std::string& slug) const {
        const auto it = entries_.find(slug);
        return it == entries_.end() ? nullptr : &it->second;
    }

    /// The slugs other than `slug` whose live record (HASH not "-") names `source`: the files
    /// an article left under the slugs of its earlier titles.
    std::vector<std::string> other_slugs(const std::string& source, const std::string& slug) const {
        std::vector<std::string> out;
        const auto [from, to] = by_source_.equal_range(source);
        for (auto it = from; it != to; ++it)
            if (it->second != slug) out.push_back(it->second);
        return out;
    }

    std::size_t size() const { return entries_.size(); }

    /// The names of the books whose line is live (HASH not "-"), sorted.
    std::vector<std::string> books() const {
        std::vector<std::string> names;
        for (const auto& [name, e] : entries_)
            if (e.book() && e.hash != "-") names.push_back(name);
        return names;
    }

    /// Rewrites the journal with one line an article (atomically).
    void compact() {
        std::string all;
        for (const auto& [slug, e] : entries_)
            if (e.hash != "-") all += line(slug, e);
        if (write_file_atomically(file_, all, Sync::deferred)) ends_with_newline_ = true;
    }

    /// Appends the line of `slug` (thread-safe).
    Result<Unit> append(const std::string& slug, const Entry& e) {
        std::string text = line(slug, e);
        const std::lock_guard lock(mu_);
        if (fd_ < 0) {
            std::error_code ec;
            fs::create_directories(file_.parent_path(), ec);  // made with the first record
            fd_ = ::open(file_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
            if (fd_ < 0)
                return make_error({file_.string()}, std::string("cannot write the batch record: ") +
                                                        std::strerror(errno));
            if (!ends_with_newline_) text.insert(text.begin(), '\n');
        }
        for (std::size_t done = 0; done < text.size();) {
            const ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0)
                return make_error({file_.string()}, std::string("cannot write the batch record: ") +
                                                        std::strerror(errno));
            done += static_cast<std::size_t>(n);
        }
        return Unit{};
    }

private:
    static std::string line(const std::string& slug, const Entry& e) {
        // A print PDF's size follows the PDF's after a slash (PDF-BYTES/PRINT-BYTES).
        const std::string sizes = e.hash + ' ' + std::to_string(e.pages) + ' ' + e.pdf +
                                  (e.print != "-" ? "/" + e.print : std::string()) + ' ' + e.epub +
                                  ' ';
        // A legacy line is kept as it was (compact()): it still names its slug's owner.
        if (e.legacy) return sizes + slug + '\n';
        std::string l = "v2 " + sizes + encode_field(slug) + ' ' + encode_field(e.source) + ' ' +
                        e.images_digest;
        for (const auto& image : e.images) l += ' ' + encode_field(image);
        return l + '\n';
    }

    static bool is_size(std::string_view s) {
        return s == "-" ||
               (!s.empty() && s.size() < 20 &&
                std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }));
    }

    static bool is_hash(std::string_view s) {
        return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
                   return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
               });
    }

    static bool is_pages(std::string_view s) {
        return !s.empty() && s.size() <= 9 &&
               std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    }

    /// The words of a line split at single spaces (an empty word where two spaces meet).
    static std::vector<std::string_view> words(std::string_view l) {
        std::vector<std::string_view> w;
        for (;;) {
            const std::size_t sp = l.find(' ');
            w.push_back(l.substr(0, sp));
            if (sp == std::string_view::npos) return w;
            l.remove_prefix(sp + 1);
        }
    }

    void parse(std::string_view l) {
        if (l.substr(0, 3) == "v2 ") {
            parse_v2(l.substr(3));
            return;
        }
        // The older format: HASH PAGES PDF-BYTES EPUB-BYTES SLUG (the rest of the line).
        std::string_view f[4];
        for (auto& field : f) {
            const std::size_t sp = l.find(' ');
            if (sp == std::string_view::npos) return;
            field = l.substr(0, sp);
            l.remove_prefix(sp + 1);
        }
        if (!(f[0] == "-" || is_hash(f[0])) || l.empty() || !is_pages(f[1]) || !is_size(f[2]) ||
            !is_size(f[3]))
            return;
        Entry e;
        e.hash = std::string(f[0]);
        e.pages = std::atoi(std::string(f[1]).c_str());
        e.pdf = std::string(f[2]);
        e.epub = std::string(f[3]);
        e.legacy = true;
        entries_[std::string(l)] = std::move(e);
    }

    void parse_v2(std::string_view l) {
        const auto w = words(l);
        if (w.size() < 7) return;
        const bool no_images = w[6] == "-";
        const std::size_t slash = w[2].find('/');
        const std::string_view pdf = w[2].substr(0, slash);
        const std::string_view print =
            slash == std::string_view::npos ? std::string_view("-") : w[2].substr(slash + 1);
        if (!(w[0] == "-" || is_hash(w[0])) || !is_pages(w[1]) || !is_size(pdf) ||
            !is_size(print) || !is_size(w[3]) || !(no_images || is_hash(w[6])) ||
            no_images != (w.size() == 7))
            return;
        auto slug = decode_field(w[4]);
        auto source = decode_field(w[5]);
        if (!slug || slug->empty() || !source) return;
        Entry e;
        e.hash = std::string(w[0]);
        e.pages = std::atoi(std::string(w[1]).c_str());
        e.pdf = std::string(pdf);
        e.print = std::string(print);
        e.epub = std::string(w[3]);
        e.source = std::move(*source);
        e.images_digest = std::string(w[6]);
        for (std::size_t i = 7; i < w.size(); ++i) {
            auto image = decode_field(w[i]);
            if (!image || image->empty()) return;
            e.images.push_back(std::move(*image));
        }
        entries_[std::move(*slug)] = std::move(e);
    }

    fs::path file_;
    std::map<std::string, Entry> entries_;  // read at the start; not changed during the batch
    std::multimap<std::string, std::string> by_source_;  // live entries: source -> slug
    std::mutex mu_;
    int fd_ = -1;
    bool ends_with_newline_ = true;
};

}  // namespace quire::inline v0::detail

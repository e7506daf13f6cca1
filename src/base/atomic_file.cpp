// base/atomic_file: files written through a temporary file renamed into place (atomic_file.hpp).
#include "base/atomic_file.hpp"

#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace quire::inline v0 {

namespace {

/// The process's umask, read without changing it (/proc/self/status, Linux 4.7+): setting it to
/// read it back would race with threads creating files (a batch writes from several). Where
/// /proc has no Umask line it is read once, by setting and restoring it.
mode_t process_umask() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("Umask:", 0) == 0)
            return static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8) & 0777);
    static const mode_t fallback = [] {
        const mode_t m = ::umask(0);
        ::umask(m);
        return m;
    }();
    return fallback;
}

}  // namespace

namespace detail {

AtomicFile::AtomicFile(std::filesystem::path path) : path_(std::move(path)) {
    const std::filesystem::path dir = path_.parent_path().empty() ? "." : path_.parent_path();
    std::string hidden(1, '.');  // built piecewise: "." + string trips GCC 12's -Wrestrict at -O3
    hidden += path_.filename().string();
    hidden += ".XXXXXX";
    tmp_ = (dir / hidden).string();
    fd_ = mkstemp(tmp_.data());
    if (fd_ < 0) {
        error_ = errno;
        tmp_.clear();
    }
}

AtomicFile::~AtomicFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!tmp_.empty()) ::unlink(tmp_.c_str());
}

bool AtomicFile::put(std::string_view bytes) {
    std::size_t off = 0;
    while (off < bytes.size()) {
        const ssize_t n = ::write(fd_, bytes.data() + off, bytes.size() - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            error_ = errno;
            return false;
        }
        off += static_cast<std::size_t>(n);
    }
    return true;
}

bool AtomicFile::flush_buffer() {
    const bool ok = put(buf_);
    buf_.clear();
    return ok;
}

void AtomicFile::write(std::string_view bytes) {
    if (error_ != 0) return;
    constexpr std::size_t kBuffer = 1 << 20;
    if (buf_.size() + bytes.size() > kBuffer && !buf_.empty() && !flush_buffer()) return;
    if (bytes.size() >= kBuffer)
        put(bytes);  // large: one write of its own, not copied
    else
        buf_.append(bytes);
}

std::optional<Diagnostic> AtomicFile::error() const {
    if (error_ == 0) return std::nullopt;
    return make_error({path_.string()}, std::string(tmp_.empty() ? "cannot create output file: "
                                                                 : "cannot write output file: ") +
                                            std::strerror(error_));
}

Result<Unit> AtomicFile::failed(int err) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (!tmp_.empty()) ::unlink(tmp_.c_str());
    const bool created = !tmp_.empty();
    tmp_.clear();
    return make_error({path_.string()}, std::string(created ? "cannot write output file: "
                                                            : "cannot create output file: ") +
                                            std::strerror(err));
}

Result<Unit> AtomicFile::commit(Sync sync) {
    if (error_ != 0 || (!buf_.empty() && !flush_buffer())) return failed(error_);
    // mkstemp makes the file 0600; give it the mode a new file gets (0666 less the umask).
    if (::fchmod(fd_, 0666 & ~process_umask()) != 0) return failed(errno);
    if (sync == Sync::file && ::fsync(fd_) != 0) return failed(errno);
    const int closed = ::close(fd_);
    fd_ = -1;
    if (closed != 0) return failed(errno);
    if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
        const int e = errno;
        ::unlink(tmp_.c_str());
        tmp_.clear();
        return make_error({path_.string()},
                          std::string("cannot rename output file into place: ") + std::strerror(e));
    }
    tmp_.clear();
    return Unit{};
}

}  // namespace detail

Result<Unit> write_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                                   Sync sync) {
    detail::AtomicFile file(path);
    file.write(bytes);
    return file.commit(sync);
}

}  // namespace quire::inline v0

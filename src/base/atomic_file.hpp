// base/atomic_file: output files that never stand half-written under their name.
//
// Every output (PDF, EPUB, report, journal) is written to a hidden temporary file in the same
// folder and renamed into place only when complete, so a reader, a crash or kill -9 never sees a
// partial file. Internal: the library, its tests and the quire program use it; it is not part of
// the public API.
#pragma once

#include <quire/diagnostics.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace quire::inline v0 {

/// How write_file_atomically() makes a file durable.
enum class Sync {
    file,     ///< fsync the file before it is renamed into place (one journal commit per file)
    deferred  ///< no fsync: the caller syncs the file system later (run_batch: once at the end)
};

/// Writes `bytes` to `path` through a hidden temporary file in the same folder renamed into
/// place when complete (so no half-written file ever stands under its name, even when the
/// process is killed); Sync::file also fsyncs it first.
Result<Unit> write_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                                   Sync sync = Sync::file);

namespace detail {

/// A file written piece by piece through a hidden temporary file in the same folder, renamed
/// into place by commit() (fsynced first with Sync::file); dropped without commit(), or after
/// a failed write, the temporary file is removed and nothing stands under the name
/// (write_file_atomically() is one write and a commit).
class AtomicFile {
public:
    explicit AtomicFile(std::filesystem::path path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    /// Why the file cannot be written (the temporary file could not be made, a write
    /// failed), if it cannot: worth asking before a long computation of its contents.
    std::optional<Diagnostic> error() const;
    /// Appends bytes (buffered); a failure is kept for commit() to report.
    void write(std::string_view bytes);
    Result<Unit> commit(Sync sync = Sync::file);

private:
    bool put(std::string_view bytes);
    bool flush_buffer();
    Result<Unit> failed(int err);

    std::filesystem::path path_;
    std::string tmp_;
    int fd_ = -1;
    int error_ = 0;  ///< errno of the first failure
    std::string buf_;
};

}  // namespace detail

}  // namespace quire::inline v0

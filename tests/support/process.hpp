// quire test support: run programs, temporary folders, PDF inspection through poppler-utils.
//
// Header-only; include as "support/process.hpp" (tests/ is on the include path of the test
// targets). POSIX only. The helpers throw std::runtime_error when they cannot do their job (a
// pipe or fork fails, a file cannot be read, pdftotext fails), which Catch2 reports as a failed
// test with the message.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

extern "C" char** environ;

namespace quire::inline v0::test {

/// What a finished program left behind. `status` is the exit code, or 128 + the signal number
/// when a signal ended it (as a shell reports it); 127 when the program could not be started.
struct RunResult {
    int status = -1;
    std::string out;
    std::string err;
};

namespace detail {

[[noreturn]] inline void fail_errno(const std::string& what) {
    throw std::runtime_error(what + ": " + std::strerror(errno));
}

inline void close_fd(int& fd) {
    if (fd >= 0) {
        ::close(fd);
        fd = -1;
    }
}

/// Writes all of `text` to `fd` from a forked child (async-signal-safe calls only).
inline void child_write(int fd, const char* text) {
    std::size_t len = std::strlen(text);
    while (len > 0) {
        ssize_t n = ::write(fd, text, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        text += n;
        len -= static_cast<std::size_t>(n);
    }
}

}  // namespace detail

/// Runs `argv[0]` (looked up in PATH unless it holds a '/') with the arguments `argv[1..]`,
/// without a shell. Standard input is /dev/null; standard output and error are captured whole.
/// `env` adds variables to this process's environment, or replaces them, for the child only.
/// Throws when the child's standard error holds a ThreadSanitizer report.
inline RunResult run(const std::vector<std::string>& argv,
                     const std::map<std::string, std::string>& env = {}) {
    if (argv.empty()) throw std::invalid_argument("quire::test::run: empty argv");

    // Everything the child needs is built before fork(): after it, only async-signal-safe calls.
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);

    std::vector<std::string> env_strings;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        std::string entry(*e);
        std::string name = entry.substr(0, entry.find('='));
        if (env.find(name) == env.end()) env_strings.push_back(std::move(entry));
    }
    for (const auto& [name, value] : env) env_strings.push_back(name + "=" + value);
    std::vector<char*> envp;
    envp.reserve(env_strings.size() + 1);
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);

    const std::string exec_error = "quire::test::run: cannot execute " + argv[0] + "\n";

    int out_pipe[2] = {-1, -1};
    int err_pipe[2] = {-1, -1};
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) detail::fail_errno("pipe");
    if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
        int saved = errno;
        detail::close_fd(out_pipe[0]);
        detail::close_fd(out_pipe[1]);
        errno = saved;
        detail::fail_errno("pipe");
    }

    pid_t pid = ::fork();
    if (pid < 0) {
        int saved = errno;
        for (int* fd : {&out_pipe[0], &out_pipe[1], &err_pipe[0], &err_pipe[1]}) {
            detail::close_fd(*fd);
        }
        errno = saved;
        detail::fail_errno("fork");
    }
    if (pid == 0) {
        // Child. dup2() clears FD_CLOEXEC on the copies; the originals close on exec.
        int devnull = ::open("/dev/null", O_RDONLY);
        if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
        ::dup2(out_pipe[1], STDOUT_FILENO);
        ::dup2(err_pipe[1], STDERR_FILENO);
        environ = envp.data();  // execvp() searches PATH and passes `environ` on
        ::execvp(args[0], args.data());
        detail::child_write(STDERR_FILENO, exec_error.c_str());
        ::_exit(127);
    }

    // Parent: read both pipes as data arrives, so a child filling one cannot block on it.
    detail::close_fd(out_pipe[1]);
    detail::close_fd(err_pipe[1]);
    RunResult result;
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&result.out, &result.err};
    int open_count = 2;
    char buf[65536];
    while (open_count > 0) {
        int ready = ::poll(fds, 2, -1);
        if (ready < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
            if (n > 0) {
                sinks[i]->append(buf, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                ::close(fds[i].fd);
                fds[i].fd = -1;  // poll() ignores negative descriptors
                --open_count;
            }
        }
    }
    for (auto& p : fds) {
        if (p.fd >= 0) ::close(p.fd);
    }

    int wstatus = 0;
    while (::waitpid(pid, &wstatus, 0) < 0) {
        if (errno != EINTR) detail::fail_errno("waitpid");
    }
    if (WIFEXITED(wstatus)) {
        result.status = WEXITSTATUS(wstatus);
    } else if (WIFSIGNALED(wstatus)) {
        result.status = 128 + WTERMSIG(wstatus);
    }
    // A child built with ThreadSanitizer (build-tsan/) that found a race exits with TSAN_OPTIONS'
    // exitcode, which a test expecting a failure status could take for its own: the report on
    // its standard error fails the test whatever status the test expects.
    if (result.err.find("WARNING: ThreadSanitizer:") != std::string::npos) {
        throw std::runtime_error("ThreadSanitizer report from " + argv[0] + " (status " +
                                 std::to_string(result.status) + "):\n" + result.err);
    }
    return result;
}

/// Whether `name` is an executable file: the path itself when it holds a '/', else in PATH.
inline bool have_program(const std::string& name) {
    if (name.empty()) return false;
    auto executable = [](const std::string& p) {
        struct stat st {};
        return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(p.c_str(), X_OK) == 0;
    };
    if (name.find('/') != std::string::npos) return executable(name);
    const char* path = std::getenv("PATH");
    std::string dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        std::size_t end = dirs.find(':', start);
        if (end == std::string::npos) end = dirs.size();
        std::string dir = dirs.substr(start, end - start);
        if (dir.empty()) dir = ".";
        if (executable(dir + "/" + name)) return true;
        start = end + 1;
    }
    return false;
}

/// The whole file as bytes. Throws when it cannot be read.
inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// A fresh, empty folder under the temporary directory (TMPDIR, else /tmp), removed with
/// everything in it when the TempDir goes out of scope.
struct TempDir {
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "quire-test-XXXXXX").string();
        if (::mkdtemp(tmpl.data()) == nullptr) detail::fail_errno("mkdtemp " + tmpl);
        path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::filesystem::path path;
};

/// The text of a PDF as pdftotext extracts it (UTF-8, reading order). `first` and `last` are
/// 1-based page numbers; 0 means the first or last page. Throws when pdftotext fails.
inline std::string pdftotext(const std::filesystem::path& pdf, int first = 0, int last = 0) {
    std::vector<std::string> argv = {"pdftotext", "-enc", "UTF-8"};
    if (first > 0) {
        argv.push_back("-f");
        argv.push_back(std::to_string(first));
    }
    if (last > 0) {
        argv.push_back("-l");
        argv.push_back(std::to_string(last));
    }
    argv.push_back(pdf.string());
    argv.push_back("-");
    RunResult r = run(argv);
    if (r.status != 0) {
        throw std::runtime_error("pdftotext " + pdf.string() + " failed (status " +
                                 std::to_string(r.status) + "): " + r.err);
    }
    return r.out;
}

/// The page count pdfinfo reports. Throws when pdfinfo fails or prints no page count.
inline int pdf_pages(const std::filesystem::path& pdf) {
    RunResult r = run({"pdfinfo", pdf.string()});
    if (r.status != 0) {
        throw std::runtime_error("pdfinfo " + pdf.string() + " failed (status " +
                                 std::to_string(r.status) + "): " + r.err);
    }
    std::istringstream lines(r.out);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.rfind("Pages:", 0) == 0) return std::stoi(line.substr(6));
    }
    throw std::runtime_error("pdfinfo " + pdf.string() + " printed no page count:\n" + r.out);
}

}  // namespace quire::inline v0::test

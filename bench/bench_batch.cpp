// quire_bench_batch: the batch engine (include/quire/batch.hpp) on a generated folder.
//
//   quire_bench_batch [ARTICLE.txt] [--n N] [--format pdf|epub|pdf,epub] [--repeat R]
//
// Writes N copies of the article (default: the seed, examples/ukraine-policy-of-japan.txt, and
// N = 200) with unique titles into a temporary folder, then converts them with run_batch() into
// a fresh output folder, with 1 and with 2 worker threads. Each run is a forked child process,
// so each has its own peak resident set size; fonts load (and one article is converted) before
// the clock starts, and the clock stops after run_batch's final sync of the outputs. To show
// that memory does not grow with the batch, the same runs are made for N/4 articles. With
// --repeat R every run is made R times, alternating, and the table gives the median (the
// machine may be shared: compare medians, and the load average printed with them).
//
// One line per run, for scripts:
//
//   bench_batch: n=200 jobs=2 seconds=... articles_per_second=... cpu_ms_per_article=...
//                peak_rss_mib=...
//
// then the table (CPU ms/article: user + system time of the process over the batch, divided by
// the articles; what the conversion costs whatever else runs on the machine):
//
//   articles  jobs  seconds  articles/s  CPU ms/article  peak RSS MiB
//        200     1     ...         ...             ...           ...
//
// Run it from a Release build (see bench/README.md):
//   cmake -S . -B build-r -DCMAKE_BUILD_TYPE=Release && cmake --build build-r -j2
//   build-r/bench/quire_bench_batch --repeat 3
#include <quire/batch.hpp>
#include <quire/quire.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#ifndef QUIRE_SOURCE_DIR
#define QUIRE_SOURCE_DIR "."
#endif

namespace fs = std::filesystem;

namespace {

double peak_rss_mib() {
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux: kibibytes
}

/// N copies of `text` with the titles "Article K: <title>", in 10 subfolders.
std::vector<fs::path> make_folder(const fs::path& dir, const std::string& text, int n) {
    const auto nl = text.find('\n');
    const std::string title = text.substr(0, nl), rest = text.substr(nl);
    for (int k = 0; k < n; ++k) {
        const fs::path sub = dir / ("part-" + std::to_string(k % 10));
        fs::create_directories(sub);
        std::ofstream(sub / ("article-" + std::to_string(k) + ".txt"), std::ios::binary)
            << "Article " << k << ": " << title << rest;
    }
    return quire::find_articles({dir});
}

/// What one timed batch measured.
struct Measure {
    double seconds = 0, cpu_seconds = 0, peak_rss_mib = 0;
    int status = 1;
};

/// User + system CPU time of this process so far.
double cpu_seconds() {
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
    auto sec = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
    return sec(usage.ru_utime) + sec(usage.ru_stime);
}

/// One timed batch, in this (child) process; prints its line and writes its Measure to `fd`.
int run_one(const std::vector<fs::path>& inputs, const fs::path& warmup, const fs::path& out,
            unsigned jobs, bool pdf, bool epub, int fd) {
    quire::BatchOptions o;
    o.pdf = pdf;
    o.epub = epub;
    o.jobs = jobs;
    o.output_dir = out / "warm-up";
    if (auto w = quire::run_batch({warmup}, o); !w || w->failed) return 1;
    o.output_dir = out / "batch";
    const double cpu0 = cpu_seconds();
    const auto t0 = std::chrono::steady_clock::now();
    auto r = quire::run_batch(inputs, o);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = cpu_seconds() - cpu0;
    if (!r) {
        std::fprintf(stderr, "%s\n", r.error().format().c_str());
        return 1;
    }
    Measure m;
    m.seconds = s;
    m.cpu_seconds = cpu;
    m.peak_rss_mib = peak_rss_mib();
    m.status = r->failed ? 1 : 0;
    std::printf(
        "bench_batch: n=%zu jobs=%u seconds=%.2f articles_per_second=%.1f cpu_ms_per_article=%.2f "
        "peak_rss_mib=%.1f converted=%zu failed=%zu\n",
        inputs.size(), jobs, s, static_cast<double>(inputs.size()) / s,
        1000 * cpu / static_cast<double>(inputs.size()), m.peak_rss_mib, r->converted, r->failed);
    std::fflush(stdout);
    if (::write(fd, &m, sizeof m) != static_cast<ssize_t>(sizeof m)) return 1;
    return m.status;
}

/// Runs run_one in a forked child (its own peak RSS); the child's Measure.
Measure run_child(const std::vector<fs::path>& inputs, const fs::path& out, unsigned jobs, bool pdf,
                  bool epub) {
    Measure m;
    int fds[2];
    if (::pipe(fds) != 0) return m;
    std::fflush(stdout);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        ::_exit(run_one(inputs, inputs.front(), out, jobs, pdf, epub, fds[1]));
    }
    ::close(fds[1]);
    Measure got;
    const bool read_ok = pid > 0 && ::read(fds[0], &got, sizeof got) == sizeof got;
    ::close(fds[0]);
    int ws = 0;
    if (pid > 0 && ::waitpid(pid, &ws, 0) == pid && WIFEXITED(ws) && WEXITSTATUS(ws) == 0 &&
        read_ok)
        m = got;
    return m;
}

double load_average() {
    double l[1] = {0};
    return ::getloadavg(l, 1) == 1 ? l[0] : 0;
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
    fs::path article = fs::path(QUIRE_SOURCE_DIR) / "examples" / "ukraine-policy-of-japan.txt";
    int n = 200, repeat = 1;
    bool pdf = true, epub = true;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--n" && i + 1 < argc) {
            n = std::atoi(argv[++i]);
        } else if (a == "--repeat" && i + 1 < argc) {
            repeat = std::atoi(argv[++i]);
        } else if (a == "--format" && i + 1 < argc) {
            const std::string f = argv[++i];
            pdf = f.find("pdf") != std::string::npos;
            epub = f.find("epub") != std::string::npos;
        } else if (a == "-h" || a == "--help" || a[0] == '-') {
            std::printf(
                "usage: %s [ARTICLE.txt] [--n N] [--format pdf|epub|pdf,epub] [--repeat R]\n",
                argv[0]);
            return a[0] == '-' && a != "-h" && a != "--help" ? 2 : 0;
        } else {
            article = a;
        }
    }
    if (n < 4 || repeat < 1 || (!pdf && !epub)) return 2;
    std::ifstream in(article, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", article.c_str());
        return 1;
    }
    std::ostringstream ss;
    ss << in.rdbuf();

    std::string tmpl = (fs::temp_directory_path() / "quire-bench-batch-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) return 1;
    const fs::path root = tmpl;
    const double load_before = load_average();
    std::printf("bench_batch: %s, %s%s%s, %u cores, load average %.2f\n",
                article.filename().c_str(), pdf ? "pdf" : "", pdf && epub ? "+" : "",
                epub ? "epub" : "", std::thread::hardware_concurrency(), load_before);
    struct Row {
        int count;
        unsigned jobs;
        std::vector<double> seconds, cpu, rss;
    };
    std::vector<Row> rows;
    int status = 0;
    for (const int count : {n / 4, n}) {
        const auto inputs = make_folder(root / ("in-" + std::to_string(count)), ss.str(), count);
        rows.push_back({count, 1, {}, {}, {}});
        rows.push_back({count, 2, {}, {}, {}});
        for (int r = 0; r < repeat; ++r)
            for (Row* row : {&rows[rows.size() - 2], &rows.back()}) {  // alternating
                const fs::path out = root / ("out-" + std::to_string(count) + "-" +
                                             std::to_string(row->jobs) + "-" + std::to_string(r));
                const Measure m = run_child(inputs, out, row->jobs, pdf, epub);
                if (m.status != 0) status = 1;
                row->seconds.push_back(m.seconds);
                row->cpu.push_back(m.cpu_seconds);
                row->rss.push_back(m.peak_rss_mib);
                // The outputs stay until the end: deleting a run's thousand files just before
                // the next run makes ext4 search past the recently freed inodes for each new
                // file (find_inode_bit, recently_deleted), a cost of the bench's own cleanup
                // that a batch writing into a folder does not otherwise meet.
            }
    }
    std::printf("\n%s%s%s, median of %d run(s), load average %.2f before and %.2f after\n",
                pdf ? "pdf" : "", pdf && epub ? "+" : "", epub ? "epub" : "", repeat, load_before,
                load_average());
    std::printf("articles  jobs  seconds  articles/s  CPU ms/article  peak RSS MiB\n");
    for (const Row& row : rows) {
        const double s = median(row.seconds);
        std::printf("%8d  %4u  %7.2f  %10.1f  %14.2f  %12.1f\n", row.count, row.jobs, s,
                    s > 0 ? row.count / s : 0.0, 1000 * median(row.cpu) / row.count,
                    median(row.rss));
    }
    std::error_code ec;
    fs::remove_all(root, ec);
    return status;
}

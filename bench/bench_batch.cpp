// quire_bench_batch: the batch engine (include/quire/batch.hpp) on a generated folder.
//
//   quire_bench_batch [ARTICLE.txt] [--n N] [--format pdf|epub|pdf,epub]
//
// Writes N copies of the article (default: the seed, examples/ukraine-policy-of-japan.txt) with
// unique titles into a temporary folder, then converts them with run_batch() into a fresh
// output folder, with 1 and with 2 worker threads, PDF and EPUB. Each run is a forked child
// process, so each has its own peak resident set size; fonts load (and one article is
// converted) before the clock starts. To show that memory does not grow with the batch, the
// same runs are made for N/4 articles. One line per run:
//
//   bench_batch: n=200 jobs=2 seconds=... articles_per_second=... peak_rss_mib=...
#include <quire/batch.hpp>
#include <quire/quire.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

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

/// One timed batch, in this (child) process; prints its line. Returns the exit status.
int run_one(const std::vector<fs::path>& inputs, const fs::path& warmup, const fs::path& out,
            unsigned jobs, bool pdf, bool epub) {
    quire::BatchOptions o;
    o.pdf = pdf;
    o.epub = epub;
    o.jobs = jobs;
    o.output_dir = out / "warm-up";
    if (auto w = quire::run_batch({warmup}, o); !w || w->failed) return 1;
    o.output_dir = out / "batch";
    const auto t0 = std::chrono::steady_clock::now();
    auto r = quire::run_batch(inputs, o);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!r) {
        std::fprintf(stderr, "%s\n", r.error().format().c_str());
        return 1;
    }
    std::printf(
        "bench_batch: n=%zu jobs=%u seconds=%.2f articles_per_second=%.1f peak_rss_mib=%.1f "
        "converted=%zu failed=%zu\n",
        inputs.size(), jobs, s, static_cast<double>(inputs.size()) / s, peak_rss_mib(),
        r->converted, r->failed);
    std::fflush(stdout);
    return r->failed ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
    fs::path article = fs::path(QUIRE_SOURCE_DIR) / "examples" / "ukraine-policy-of-japan.txt";
    int n = 200;
    bool pdf = true, epub = true;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--n" && i + 1 < argc) {
            n = std::atoi(argv[++i]);
        } else if (a == "--format" && i + 1 < argc) {
            const std::string f = argv[++i];
            pdf = f.find("pdf") != std::string::npos;
            epub = f.find("epub") != std::string::npos;
        } else if (a == "-h" || a == "--help" || a[0] == '-') {
            std::printf("usage: %s [ARTICLE.txt] [--n N] [--format pdf|epub|pdf,epub]\n", argv[0]);
            return a[0] == '-' && a != "-h" && a != "--help" ? 2 : 0;
        } else {
            article = a;
        }
    }
    if (n < 4 || (!pdf && !epub)) return 2;
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
    std::printf("bench_batch: %s, %s%s%s, %u cores\n", article.filename().c_str(), pdf ? "pdf" : "",
                pdf && epub ? "+" : "", epub ? "epub" : "", std::thread::hardware_concurrency());
    int status = 0;
    for (const int count : {n / 4, n}) {
        const auto inputs = make_folder(root / ("in-" + std::to_string(count)), ss.str(), count);
        for (const unsigned jobs : {1u, 2u}) {
            const fs::path out =
                root / ("out-" + std::to_string(count) + "-" + std::to_string(jobs));
            std::fflush(stdout);
            const pid_t pid = ::fork();  // a fresh process: its own peak RSS
            if (pid == 0) ::_exit(run_one(inputs, inputs.front(), out, jobs, pdf, epub));
            int ws = 0;
            if (pid < 0 || ::waitpid(pid, &ws, 0) < 0 || !WIFEXITED(ws) || WEXITSTATUS(ws) != 0)
                status = 1;
        }
    }
    std::error_code ec;
    fs::remove_all(root, ec);
    return status;
}

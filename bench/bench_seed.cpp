// quire_bench: times the whole pipeline in-process on one article.
//
//   quire_bench [ARTICLE.txt] [--runs N]
//
// One warm-up run (fonts load, caches fill), then N runs of read_article -> typeset ->
// write_pdf (to memory), and write_epub (to memory) timed on its own, all sharing
// FontLibrary::shared(). Prints the median of each stage (the total is the PDF path: read,
// typeset, pdf, comparable with earlier figures),
// the median, 90th percentile and minimum of the whole, the page count, the PDF's size and the
// peak resident set size, and closes with one line for scripts:
//
//   bench: median_ms=... p90_ms=... peak_rss_mib=...
#include <quire/quire.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#ifndef QUIRE_SOURCE_DIR
#define QUIRE_SOURCE_DIR "."
#endif

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The value at fraction q (0..1) of the sorted samples, nearest rank.
double quantile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
    return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    std::size_t n = v.size();
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double peak_rss_mib() {
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux: kibibytes
}

int usage(const char* argv0, int status) {
    std::fprintf(status == 0 ? stdout : stderr,
                 "usage: %s [ARTICLE.txt] [--runs N]\n"
                 "  ARTICLE.txt  default: %s/examples/ukraine-policy-of-japan.txt\n"
                 "  --runs N     timed runs after one warm-up (default 200)\n",
                 argv0, QUIRE_SOURCE_DIR);
    return status;
}

struct Sample {
    double read = 0, typeset = 0, pdf = 0, epub = 0;
    int pages = 0;
    std::size_t bytes = 0, epub_bytes = 0;
    std::size_t warnings = 0;
};

// One pass through the pipeline; false (with the error printed) when a stage fails.
bool run_once(const std::filesystem::path& article_path,
              const std::shared_ptr<quire::FontLibrary>& fonts, Sample& s) {
    quire::Diagnostics diags;
    auto t0 = Clock::now();
    auto article = quire::read_article(article_path, diags);
    s.read = ms_since(t0);
    if (!article) {
        std::fprintf(stderr, "quire_bench: %s\n", article.error().format().c_str());
        return false;
    }

    auto t1 = Clock::now();
    auto doc = quire::typeset(*article, quire::Style::report(), diags, fonts);
    s.typeset = ms_since(t1);
    if (!doc) {
        std::fprintf(stderr, "quire_bench: %s\n", doc.error().format().c_str());
        return false;
    }

    auto t2 = Clock::now();
    auto pdf = quire::write_pdf(*doc);
    s.pdf = ms_since(t2);
    if (!pdf) {
        std::fprintf(stderr, "quire_bench: %s\n", pdf.error().format().c_str());
        return false;
    }

    auto t3 = Clock::now();
    auto epub = quire::write_epub(*article, quire::Style::report(), {}, fonts);
    s.epub = ms_since(t3);
    if (!epub) {
        std::fprintf(stderr, "quire_bench: %s\n", epub.error().format().c_str());
        return false;
    }

    s.pages = doc->page_count();
    s.bytes = pdf->size();
    s.epub_bytes = epub->size();
    s.warnings = diags.count(quire::Severity::warning);
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    std::filesystem::path article =
        std::filesystem::path(QUIRE_SOURCE_DIR) / "examples" / "ukraine-policy-of-japan.txt";
    long runs = 200;
    bool have_article = false;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "-h" || arg == "--help") return usage(argv[0], 0);
        if (arg == "--runs" || arg.rfind("--runs=", 0) == 0) {
            std::string value;
            if (arg == "--runs") {
                if (i + 1 >= argc) return usage(argv[0], 2);
                value = argv[++i];
            } else {
                value = arg.substr(7);
            }
            char* end = nullptr;
            runs = std::strtol(value.c_str(), &end, 10);
            if (value.empty() || *end != '\0' || runs < 1) {
                std::fprintf(stderr, "quire_bench: --runs wants a positive number, not '%s'\n",
                             value.c_str());
                return 2;
            }
        } else if (!arg.empty() && arg[0] == '-') {
            std::fprintf(stderr, "quire_bench: unknown option %s\n", arg.c_str());
            return usage(argv[0], 2);
        } else if (!have_article) {
            article = arg;
            have_article = true;
        } else {
            return usage(argv[0], 2);
        }
    }

    auto fonts = quire::FontLibrary::shared();

    Sample warm;
    auto w0 = Clock::now();
    if (!run_once(article, fonts, warm)) return 1;
    double warmup_ms = ms_since(w0);

    std::vector<double> read, typeset, pdf, epub, total;
    for (auto* v : {&read, &typeset, &pdf, &epub, &total})
        v->reserve(static_cast<std::size_t>(runs));
    Sample last;
    for (long i = 0; i < runs; ++i) {
        Sample s;
        if (!run_once(article, fonts, s)) return 1;
        read.push_back(s.read);
        typeset.push_back(s.typeset);
        pdf.push_back(s.pdf);
        epub.push_back(s.epub);
        total.push_back(s.read + s.typeset + s.pdf);
        last = s;
    }

    double total_median = median(total);
    double total_p90 = quantile(total, 0.9);
    double total_min = *std::min_element(total.begin(), total.end());
    double rss = peak_rss_mib();

    std::printf("quire %s bench: %s\n", std::string(quire::version()).c_str(),
                article.string().c_str());
    std::printf("runs: %ld (after 1 warm-up of %.1f ms)\n", runs, warmup_ms);
    std::printf("pages: %d  pdf bytes: %zu  epub bytes: %zu  warnings: %zu\n", last.pages,
                last.bytes, last.epub_bytes, last.warnings);
    std::printf("median ms: read %.3f  typeset %.3f  pdf %.3f  (epub %.3f)\n", median(read),
                median(typeset), median(pdf), median(epub));
    std::printf("total ms: median %.3f  p90 %.3f  min %.3f\n", total_median, total_p90, total_min);
    std::printf("peak RSS: %.1f MiB\n", rss);
    std::printf("bench: median_ms=%.3f p90_ms=%.3f epub_median_ms=%.3f peak_rss_mib=%.1f\n",
                total_median, total_p90, median(epub), rss);
    return 0;
}

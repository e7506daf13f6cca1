// A batch of articles with a progress line, stopped cleanly by Ctrl-C (docs/embedding.md).
//
//   batch OUTDIR INPUT...    converts every article of the INPUT files and folders into
//                            OUTDIR/SLUG.pdf and OUTDIR/SLUG.epub
//
// Prints a line per article in input order as it is done (its outputs, or why it failed, and
// its warnings), a progress line on standard error, and the totals. The first SIGINT cancels:
// the articles being made stop at their next paragraph or page, those not begun are reported
// as failed ("cancelled"), and the program exits with 130; a second SIGINT kills it.
// Exit status otherwise: 0 when every article was converted or up to date, 1 when any failed.
#include <quire/batch.hpp>

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace {

// Set by the signal handler: a lock-free atomic is what a handler may store into.
std::atomic<bool> g_cancel{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_sigint(int) {
    g_cancel.store(true);
    std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the program at once
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: batch OUTDIR INPUT...\n");
        return 2;
    }
    quire::BatchOptions options;
    options.output_dir = argv[1];
    options.jobs = 2;  // worker threads sharing one FontLibrary; 0: one per core
    // Limits::cancel wants a shared_ptr; the flag is a global, so the pointer owns nothing.
    options.read.limits.cancel =
        std::shared_ptr<const std::atomic<bool>>(&g_cancel, [](const std::atomic<bool>*) {});
    std::signal(SIGINT, on_sigint);

    const std::vector<std::filesystem::path> inputs(argv + 2, argv + argc);
    const auto articles = quire::find_articles(inputs, options.output_dir);
    const bool tty = isatty(STDERR_FILENO) != 0;

    // In input order, one call at a time (under run_batch's lock: keep it short).
    auto on_item = [&](const quire::BatchItem& item, const quire::BatchTotals& totals) {
        if (tty) std::fprintf(stderr, "\r\033[K");  // the progress line gives way
        std::printf("[%zu/%zu] %s: %s", item.index + 1, totals.total, item.input.c_str(),
                    std::string(quire::to_string(item.status)).c_str());
        for (const auto& output : item.outputs) std::printf(" %s", output.c_str());
        if (item.pages > 0) std::printf(" (%d pages)", item.pages);
        if (item.error) std::printf(": %s", item.error->format().c_str());
        std::printf("\n");
        for (const auto& d : item.warnings) std::printf("  %s\n", d.format().c_str());
        std::fflush(stdout);
    };
    // In the order articles finish, one call at a time.
    auto on_progress = [&](const quire::BatchTotals& t) {
        std::fprintf(stderr, "%s%zu/%zu done, %zu failed, %.1f s%s", tty ? "\r" : "", t.done,
                     t.total, t.failed, t.seconds, tty ? "" : "\n");
    };
    const auto totals = quire::run_batch(articles, options, on_item, on_progress);
    if (tty) std::fprintf(stderr, "\n");
    if (!totals) {
        std::fprintf(stderr, "%s\n", totals.error().format().c_str());
        return 1;
    }
    std::printf("converted %zu, skipped %zu (up to date), warnings %zu, failed %zu in %.2f s\n",
                totals->converted, totals->skipped, totals->warnings, totals->failed,
                totals->seconds);
    if (g_cancel.load()) {
        std::printf("cancelled\n");
        return 130;
    }
    return totals->failed == 0 ? 0 : 1;
}

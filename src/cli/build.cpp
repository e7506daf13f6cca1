// cli: `quire build`, `quire anthology` and `quire watch`: the batch engine
// (include/quire/batch.hpp) over the inputs, with progress, previews and the report; watch runs
// the same build again whenever a file it read changes.
#include "cli/cli.hpp"
#include "cli/preview.hpp"

#include "base/atomic_file.hpp"
#include "base/result.hpp"

#include <quire/batch.hpp>
#include <quire/collection.hpp>
#include <quire/style_file.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <thread>

namespace quire::inline v0::cli {

namespace fs = std::filesystem;

namespace {

/// What the command line asked for.
struct Setup {
    unsigned command = kBuild;
    bool only_anthology = false;  // quire anthology
    bool anthology = false;       // --anthology, --collection or quire anthology
    std::string manifest;         // --collection
    Collection front;             // the front matter given as options
    bool front_given = false;
    std::vector<fs::path> inputs;
    std::string outdir, fonts_file, report_file, style_name;
    std::vector<std::string> font_files;  // --font
    FontOptions font_options;             // --no-system-fonts, --hyphenation-dir
    bool quiet = false;
    bool endnotes = false;
    int preview_dpi = 0;  // --preview; 0: none
    BatchOptions opts;
    /// The names no article takes whatever the command line (the default book's).
    const std::vector<std::string> reserved_default = BatchOptions{}.reserved_slugs;
};

/// A whole non-negative decimal number, or nullopt.
std::optional<unsigned long> parse_count(const std::string& s) {
    if (s.empty() || s.size() > 9) return std::nullopt;
    unsigned long v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<unsigned long>(c - '0');
    }
    return v;
}

std::string hms(double seconds) {
    if (!(seconds >= 0) || seconds > 359999) return "--:--";
    const long s = static_cast<long>(seconds + 0.5);
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

/// The one-line progress bar of a terminal, redrawn in place.
void draw_bar(const BatchTotals& t) {
    constexpr int kWidth = 30;
    const double frac = t.total ? static_cast<double>(t.done) / static_cast<double>(t.total) : 1;
    const int filled = static_cast<int>(frac * kWidth);
    std::string bar(static_cast<std::size_t>(filled), '=');
    if (filled < kWidth) bar += '>';
    bar.resize(kWidth, ' ');
    const double eta =
        t.done ? t.seconds / static_cast<double>(t.done) * static_cast<double>(t.total - t.done)
               : -1;
    std::fprintf(stderr, "\r[%s] %zu/%zu, %zu failed, ETA %s\033[K", bar.c_str(), t.done, t.total,
                 t.failed, hms(eta).c_str());
    std::fflush(stderr);
}

/// A usage error: its message is printed with usage_error().
Diagnostic usage(std::string message) {
    return make_error({}, std::move(message));
}

/// --format LIST: the formats to write.
Result<Unit> read_formats(const std::string& v, BatchOptions& o) {
    o.pdf = o.epub = o.print_pdf = false;
    std::string list = v + ",";
    for (std::size_t at = 0, comma; (comma = list.find(',', at)) != std::string::npos;
         at = comma + 1) {
        const std::string f = list.substr(at, comma - at);
        if (f == "pdf")
            o.pdf = true;
        else if (f == "epub")
            o.epub = true;
        else if (f == "print-pdf")
            o.print_pdf = true;
        else
            return usage("--format: unknown format '" + f + "' (pdf, print-pdf, epub)" +
                         did_you_mean(f, {"pdf", "print-pdf", "epub"}));
    }
    return Unit{};
}

/// --epub-fonts MODE.
Result<EpubFonts> epub_fonts_of(const std::string& v) {
    if (v == "auto") return EpubFonts::automatic;
    if (v == "embed") return EpubFonts::embed;
    if (v == "none") return EpubFonts::none;
    return usage("--epub-fonts: unknown mode '" + v + "' (auto, embed, none)" +
                 did_you_mean(v, {"auto", "embed", "none"}));
}

/// --shard I/N: this run converts the I-th of N parts.
Result<Unit> read_shard(const std::string& v, BatchOptions& o) {
    const auto slash = v.find('/');
    const auto i1 = slash != std::string::npos ? parse_count(v.substr(0, slash)) : std::nullopt;
    const auto count = slash != std::string::npos ? parse_count(v.substr(slash + 1)) : std::nullopt;
    if (!i1 || !count || *count < 1 || *i1 < 1 || *i1 > *count)
        return usage("--shard needs I/N with 1 <= I <= N (e.g. --shard 2/8)");
    o.shard_index = *i1 - 1;
    o.shard_count = *count;
    return Unit{};
}

/// --title, --subtitle, --editor, --date or --name: the anthology's front matter.
Result<Unit> read_front(std::string_view n, const std::string& v, Setup& s) {
    if (v.empty()) return usage(std::string(n) + " needs a value");
    s.front_given = true;
    if (n == "--editor")
        s.front.editors.push_back(v);
    else
        (n == "--title"      ? s.front.title
         : n == "--subtitle" ? s.front.subtitle
         : n == "--date"     ? s.front.date
                             : s.front.name) = v;
    return Unit{};
}

/// Reads option `n` (of command `command`, not --help) with its value `v` into `s`.
Result<Unit> read_option(const std::string& command, std::string_view n, const std::string& v,
                         Setup& s) {
    auto& o = s.opts;
    if (n == "--output") {
        s.outdir = v;
    } else if (n == "--lang" || n == "--bio-lang") {
        if (!is_language_tag(v))
            return usage(std::string(n) + ": '" + v +
                         "' is not a BCP 47 language tag (en, pt-BR…)");
        (n == "--lang" ? o.read.lang : o.read.bio_lang) = v;
    } else if (n == "--fonts") {
        s.fonts_file = v;
    } else if (n == "--report") {
        s.report_file = v;
    } else if (n == "--limit") {
        const auto eq = v.find('=');
        if (eq == std::string::npos)
            return usage("--limit needs NAME=VALUE (e.g. --limit time=60)");
        QUIRE_TRY(set_limit(o.read.limits, v.substr(0, eq), v.substr(eq + 1)));
    } else if (n == "--font") {
        s.font_files.push_back(v);
    } else if (n == "--hyphenation-dir") {
        s.font_options.hyphenation_dir = v;
    } else if (n == "--no-system-fonts") {
        s.font_options.system_fonts = false;
    } else if (n == "--allow-path") {
        o.read.allowed_paths.emplace_back(v);
    } else if (n == "--collection") {
        s.manifest = v;
        s.anthology = true;
    } else if (n == "--anthology") {
        s.anthology = true;
    } else if (n == "--title" || n == "--subtitle" || n == "--editor" || n == "--date" ||
               n == "--name") {
        return read_front(n, v, s);
    } else if (n == "--format") {
        return read_formats(v, o);
    } else if (n == "--epub-fonts") {
        QUIRE_TRY_ASSIGN(o.epub_options.fonts, epub_fonts_of(v));
    } else if (n == "--pdf-standard") {
        const auto standard = parse_pdf_standard(v);
        if (!standard)
            return usage(
                "--pdf-standard needs a-2u, a-3u, ua-1, a list of one PDF/A "
                "level and ua-1 (a-2u,ua-1: the default), x-4 (x-4,ua-1: a print file), or "
                "none");
        o.pdf_options.standard = *standard;
    } else if (n == "--jobs") {
        const auto count = parse_count(v);
        if (!count || *count > 4096)
            return usage(std::string(n) + " needs a number of threads (0: cores)");
        o.jobs = static_cast<unsigned>(*count);
    } else if (n == "--shard") {
        return read_shard(v, o);
    } else if (n == "--preview") {
        const auto dpi = parse_count(v);
        if (!dpi || *dpi < 1 || *dpi > 1200)
            return usage("--preview needs a resolution in dots per inch, 1 to 1200");
        s.preview_dpi = static_cast<int>(*dpi);
    } else if (n == "--prune") {
        o.prune = true;
    } else if (n == "--force") {
        o.force = true;
    } else if (n == "--style") {
        if (v.empty()) return usage("--style needs a built-in style or a file");
        s.style_name = v;  // read after the options: --allow-path may follow it
    } else if (n == "--endnotes") {
        s.endnotes = true;
    } else if (n == "--quiet") {
        s.quiet = true;
    } else {
        return usage(command + ": " + std::string(n) + " is not an option of it");
    }
    return Unit{};
}

/// What is wrong with the options taken together: inputs and a manifest both, front matter
/// without an anthology, no output folder...
Result<Unit> check_setup(const Setup& s) {
    if (!s.manifest.empty() && !s.inputs.empty())
        return usage("give the articles either as inputs or in the --collection manifest");
    if (!s.manifest.empty() && s.front_given)
        return usage(
            "--title, --subtitle, --editor, --date and --name go in the manifest "
            "when there is one");
    if (s.front_given && !s.anthology)
        return usage(
            "--title, --subtitle, --editor, --date and --name are for an "
            "anthology (add --anthology)");
    if (s.anthology && s.opts.shard_count > 1)
        return usage(
            "an anthology needs every article: run the shards without "
            "--anthology, then 'quire anthology' with the same inputs");
    if (s.inputs.empty() && s.manifest.empty()) return usage("no input files");
    if (s.outdir.empty()) return usage("no output folder (-o DIR)");
    if (!s.front.name.empty() &&
        (s.front.name[0] == '.' || s.front.name.find('/') != std::string::npos))
        return usage("--name is a file name (no '/', not starting with '.')");
    return Unit{};
}

/// Reads the command line into `s`; returns an exit status when the run ends here (help, a
/// usage error).
std::optional<int> read_command_line(const std::vector<std::string>& args, Setup& s) {
    s.command = args[0] == "anthology" ? kAnthology : args[0] == "watch" ? kWatch : kBuild;
    s.only_anthology = s.command == kAnthology;
    s.anthology = s.only_anthology;
    const auto parsed = parse(s.command, args[0], args);
    if (!parsed) return usage_error(parsed.error().message);
    for (const auto& [opt, v] : *parsed) {
        if (!opt) {
            s.inputs.emplace_back(v);
        } else if (opt->name == "--help") {
            std::cout << *command_help(args[0]);
            return 0;
        } else if (auto ok = read_option(args[0], opt->name, v, s); !ok) {
            return usage_error(ok.error().message);
        }
    }
    if (auto ok = check_setup(s); !ok) return usage_error(ok.error().message);
    s.opts.output_dir = s.outdir;
    return std::nullopt;
}

/// What the files named on the command line say: the style, the fonts, the manifest, and the
/// articles to make. Read again by watch when one of them changes.
struct Config {
    std::vector<fs::path> articles;
    Collection collection;
};

/// Reads the style, font and manifest files into `s.opts` and finds the articles; an error is
/// a configuration error (exit status 2), printed here.
std::optional<Config> read_config(Setup& s) {
    auto& o = s.opts;
    o.style = Style::report();
    if (!s.style_name.empty()) {
        auto loaded = find_style(s.style_name, o.read.allowed_paths);
        if (!loaded) {
            std::cerr << loaded.error().format() << "\n";
            return std::nullopt;
        }
        o.style = std::move(*loaded);
    }
    if (s.endnotes) o.style.notes = NotePlacement::endnotes;

    const bool own_fonts = !s.fonts_file.empty() || !s.font_files.empty() ||
                           !s.font_options.system_fonts ||
                           s.font_options.hyphenation_dir != FontOptions{}.hyphenation_dir;
    o.fonts = nullptr;
    if (own_fonts) {
        auto lib = font_library(s.fonts_file, s.font_files, s.font_options);
        if (!lib) {
            std::cerr << lib.error().format() << "\n";
            return std::nullopt;
        }
        o.fonts = *lib;
    }

    // An INPUT that is not there is a mistake on the command line, not an article that failed
    // (told after a bad style or fonts file, which are read first).
    for (const auto& in : s.inputs) {
        std::error_code ec;
        if (!fs::exists(in, ec)) {
            usage_error("no such file or folder: " + in.string());
            return std::nullopt;
        }
    }

    Config c;
    if (!s.manifest.empty()) {
        auto read = read_collection(s.manifest, o.read.allowed_paths);
        if (!read) {  // a configuration error, as a bad style file is
            std::cerr << read.error().format() << "\n";
            return std::nullopt;
        }
        c.collection = std::move(*read);
        c.articles = c.collection.articles;
    } else {
        c.articles = find_articles(s.inputs, o.output_dir);
        c.collection = s.front;
        c.collection.articles = c.articles;
        if (c.collection.title.empty()) {
            // The folder's name ("2026-11"), else a plain word.
            fs::path dir = s.inputs.size() == 1 ? s.inputs.front() : "";
            std::error_code ec;
            dir = dir.empty() ? dir : fs::weakly_canonical(dir, ec);
            c.collection.title = !ec && fs::is_directory(dir, ec) && dir.has_filename()
                                     ? dir.filename().string()
                                     : std::string("Anthology");
        }
    }
    // The book's file names are no article's: an article with that slug is numbered "-2".
    o.reserved_slugs = s.reserved_default;
    if (s.anthology) o.reserved_slugs.push_back(collection_file_name(c.collection));
    return c;
}

/// The line of a finished article: "[3/12] INPUT -> OUTPUTS", "...: up to date -> ..." or
/// "...: FAILED: why", and the files --prune removed.
std::string item_line(const BatchItem& item, std::size_t articles) {
    // Built piecewise: "literal" + std::string trips GCC 12's -Wrestrict at -O3.
    std::string line(1, '[');
    line += std::to_string(item.index + 1);
    line += '/';
    line += std::to_string(articles);
    line += "] ";
    line += item.input.string();
    if (item.error) {
        line += ": FAILED: " + item.error->message;
    } else {
        std::string outs;
        for (const auto& o : item.outputs) {
            outs += (outs.empty() ? "" : ", ") + o.string();
            if (o.extension() == ".pdf") outs += " (" + std::to_string(item.pages) + " pages)";
        }
        if (item.status == BatchStatus::skipped) line += ": up to date";
        line += " -> " + outs;
    }
    for (const auto& r : item.removed) line += "\n  removed " + r.string();
    return line;
}

/// What a build tells as its articles finish: on a terminal (`bar`) a progress bar on stderr,
/// otherwise one line per article on stdout, in input order; warnings and errors go to stderr
/// as FILE:LINE: ... either way. Keeps the items, for --report and the previews, and the
/// errors, for the summary.
struct ItemLog {
    const Setup& s;
    std::size_t articles;
    bool watching, bar;
    std::map<fs::path, std::vector<fs::path>>* images;  ///< each article's image files, or null
    bool bar_shown = false;
    /// Kept for --report and the previews (no documents, no text).
    std::vector<BatchItem> items = {};
    std::vector<Diagnostic> failures = {};

    /// An article finished (BatchItemCallback).
    void item(const BatchItem& item, const BatchTotals& t) {
        const bool has_news = !item.warnings.empty() || item.error;
        if (has_news) clear_bar();
        for (const auto& d : item.warnings) std::cerr << d.format() << "\n";
        if (item.error) {
            std::cerr << item.error->format() << "\n";
            failures.push_back(*item.error);
        }
        if (!s.quiet && !bar && !(watching && item.status == BatchStatus::skipped))
            std::cout << item_line(item, articles) << "\n" << std::flush;
        items.push_back(item);
        if (images) (*images)[item.input] = item.images;
        if (bar && has_news) progress(t);
    }

    /// The batch moved on (BatchProgressCallback).
    void progress(const BatchTotals& t) {
        if (!bar) return;
        draw_bar(t);
        bar_shown = true;
    }

    void clear_bar() {
        if (bar_shown) std::fprintf(stderr, "\r\033[K");
        bar_shown = false;
    }
};

/// Makes the book of `c` and tells its errors (its warnings too for `quire anthology`: a build
/// prints them with each article's) and what it made.
CollectionOutcome make_anthology(const Setup& s, const Config& c, bool watching) {
    CollectionOutcome book = run_collection(c.collection, s.opts);
    for (const auto& d : book.warnings)
        if (s.only_anthology) std::cerr << d.format() << "\n";  // else printed per article
    for (const auto& d : book.errors) std::cerr << d.format() << "\n";
    const bool failed = book.status == BatchStatus::failed;
    const bool tell = !s.quiet && !(watching && book.status == BatchStatus::skipped);
    if (!tell && !failed) return book;
    std::string line = "anthology";
    if (failed) {
        line += " not made: " + std::to_string(book.errors.size()) +
                (book.errors.size() == 1 ? " error" : " errors");
    } else {
        line += book.status == BatchStatus::skipped ? " (up to date):" : ":";
        for (std::size_t k = 0; k < book.outputs.size(); ++k) {
            line += (k ? ", " : " ") + book.outputs[k].string();
            if (book.outputs[k].extension() == ".pdf")
                line += " (" + std::to_string(book.pages) + " pages)";
        }
        line += ", " + std::to_string(c.collection.articles.size()) + " articles";
    }
    std::cerr << line << "\n";
    return book;
}

/// The previews, of every PDF made or up to date (a PDF made earlier without --preview gets
/// them now), on the batch's threads; each PDF's PNGs are added to the outputs that name it.
/// Returns the number of PDFs whose previews failed.
std::size_t make_previews(const Setup& s, bool watching, std::vector<BatchItem>& items,
                          std::optional<CollectionOutcome>& book) {
    std::vector<fs::path> pdfs;
    auto add = [&](const std::vector<fs::path>& outputs) {
        for (const auto& o : outputs)
            if (o.extension() == ".pdf") pdfs.push_back(o);
    };
    for (const auto& item : items)
        if (item.status != BatchStatus::failed) add(item.outputs);
    if (book && book->status != BatchStatus::failed) add(book->outputs);
    const auto [pngs, failed] = write_previews(pdfs, s.preview_dpi, s.opts.jobs);
    auto with_pngs = [&](std::vector<fs::path>& outputs) {
        for (std::size_t k = 0, n = outputs.size(); k < n; ++k)
            if (auto it = pngs.find(outputs[k]); it != pngs.end())
                outputs.insert(outputs.end(), it->second.begin(), it->second.end());
    };
    for (auto& item : items) with_pngs(item.outputs);
    if (book) with_pngs(book->outputs);
    if (!s.quiet && !watching) {
        std::size_t count = 0;
        for (const auto& [pdf, files] : pngs) count += files.size();
        std::cerr << "previews: " << count << (count == 1 ? " page (" : " pages (") << pngs.size()
                  << (pngs.size() == 1 ? " PDF) at " : " PDFs) at ") << s.preview_dpi << " dpi"
                  << (failed ? ", " + std::to_string(failed) + " failed" : "") << "\n";
    }
    return failed;
}

/// The batch's closing lines: its totals (and shard), its time, and each article that failed.
void print_summary(const Setup& s, std::size_t articles, const BatchTotals& t,
                   const std::vector<Diagnostic>& failures) {
    std::cerr << "converted " << t.converted << ", skipped " << t.skipped
              << " (up to date), warnings " << t.warnings << ", failed " << t.failed;
    if (s.opts.shard_count > 1)
        std::cerr << " (shard " << s.opts.shard_index + 1 << "/" << s.opts.shard_count << " of "
                  << articles << " articles)";
    std::cerr << " in " << hms(t.seconds) << "\n";
    for (const auto& f : failures) {
        std::cerr << "  " << f.where.file;
        if (f.where.line > 0) std::cerr << ":" << f.where.line;
        std::cerr << ": " << f.message << "\n";
    }
}

/// One build of `c` as `s` asks. `watching`: only what was made and what went wrong is told.
/// Returns the exit status: 0, or 1 when an article, the anthology or a preview failed.
int run_build(const Setup& s, const Config& c, bool watching,
              std::map<fs::path, std::vector<fs::path>>* images = nullptr) {
    const auto& articles = c.articles;
    if (articles.empty()) {
        std::cerr << "quire: error: no articles (.txt, .md or .xml files) found in the inputs\n";
        return 1;
    }
    const bool bar = !s.quiet && !watching && ::isatty(STDERR_FILENO);
    ItemLog log{s, articles.size(), watching, bar, images};
    BatchTotals t;
    if (!s.only_anthology) {
        auto result = run_batch(
            articles, s.opts,
            [&](const BatchItem& item, const BatchTotals& now) { log.item(item, now); },
            [&](const BatchTotals& now) { log.progress(now); });
        log.clear_bar();
        if (!result) {
            std::cerr << result.error().format() << "\n";
            return 1;
        }
        t = *result;
    }
    std::optional<CollectionOutcome> book;  // the book's, for --report
    if (s.anthology) book = make_anthology(s, c, watching);
    const bool anthology_failed = book && book->status == BatchStatus::failed;
    const std::size_t previews_failed =
        s.preview_dpi > 0 ? make_previews(s, watching, log.items, book) : 0;
    if (!s.quiet && !s.only_anthology && (!watching || t.converted || t.failed))
        print_summary(s, articles.size(), t, log.failures);
    if (!s.report_file.empty()) {
        // The batch report, with the anthology as one more member when there is one.
        const std::string json = batch_report_json(log.items, t, book ? &*book : nullptr);
        auto written = write_file_atomically(s.report_file, json);
        if (!written) {
            std::cerr << written.error().format() << "\n";
            return 1;
        }
    }
    return t.failed || anthology_failed || previews_failed ? 1 : 0;
}
// ---- watch ----

/// Set by SIGINT and SIGTERM: the watch ends after the build under way (which it cancels).
volatile std::sig_atomic_t g_stop = 0;
std::atomic<bool>* g_cancel = nullptr;

extern "C" void on_stop_signal(int) {
    g_stop = 1;
    if (g_cancel) g_cancel->store(true);  // lock-free: safe in a signal handler
}

/// A file as watch last saw it.
struct Seen {
    bool exists = false;
    std::uintmax_t size = 0;
    fs::file_time_type mtime{};
    bool operator==(const Seen&) const = default;
};

Seen look(const fs::path& p) {
    Seen s;
    std::error_code ec;
    const auto st = fs::status(p, ec);
    if (ec || !fs::is_regular_file(st)) return s;
    s.exists = true;
    s.size = fs::file_size(p, ec);
    s.mtime = fs::last_write_time(p, ec);
    return s;
}

/// The files a build read: the articles (their folders walked again each time, so a new
/// article counts), each article's images, and the style, font and manifest files.
class Watcher {
public:
    explicit Watcher(const Setup& s) : setup_(s) {}

    /// The state of everything watched now.
    std::map<fs::path, Seen> snapshot() {
        std::map<fs::path, Seen> now;
        auto add = [&](const fs::path& p) {
            if (!p.empty()) now.emplace(p, look(p));
        };
        const auto& s = setup_;
        add(s.manifest);
        add(s.fonts_file);
        for (const auto& f : s.font_files) add(f);
        if (std::error_code ec; !s.style_name.empty() && fs::exists(s.style_name, ec))
            add(s.style_name);
        std::vector<fs::path> articles;
        if (!s.manifest.empty()) {
            // The manifest's articles, as last read (a change of the manifest is seen above).
            articles = last_articles_;
        } else {
            articles = find_articles(s.inputs, s.opts.output_dir);
        }
        for (const auto& a : articles) {
            add(a);
            if (const auto it = images_.find(a); it != images_.end())
                for (const auto& image : it->second) add(image);
        }
        return now;
    }

    void set_articles(std::vector<fs::path> articles) { last_articles_ = std::move(articles); }

    /// The image files of each article, as the last build reported them (BatchItem::images:
    /// what its record holds, found or not), so an image is watched without reading the
    /// article again.
    void set_images(std::map<fs::path, std::vector<fs::path>> images) {
        images_ = std::move(images);
    }

private:
    const Setup& setup_;
    std::vector<fs::path> last_articles_;
    std::map<fs::path, std::vector<fs::path>> images_;
};

/// `quire watch`: builds, then builds again after each change, until SIGINT or SIGTERM.
int watch(Setup& s) {
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    g_cancel = cancel.get();
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);

    Watcher watcher(s);
    using clock = std::chrono::steady_clock;
    constexpr auto kPoll = std::chrono::milliseconds(200);
    bool first = true;
    while (!g_stop) {
        auto seen = watcher.snapshot();
        cancel->store(false);
        s.opts.read.limits.cancel = cancel;
        const auto started = clock::now();
        if (auto config = read_config(s)) {
            watcher.set_articles(config->articles);
            std::map<fs::path, std::vector<fs::path>> images;
            run_build(s, *config, !first, &images);
            watcher.set_images(std::move(images));
            // Files watched from now on (an article's images, known once it is built, the
            // manifest's articles) start from their state after the build; the others keep
            // theirs from before it, so an edit made during the build is built next.
            std::map<fs::path, Seen> merged;
            for (auto& [path, state] : watcher.snapshot()) {
                const auto before = seen.find(path);
                merged.emplace(path, before != seen.end() ? before->second : state);
            }
            seen = std::move(merged);
        }
        if (g_stop) break;
        const double secs = std::chrono::duration<double>(clock::now() - started).count();
        if (!s.quiet)
            std::cerr << (first ? "built" : "rebuilt") << " in " << hms(secs) << "; watching "
                      << seen.size() << (seen.size() == 1 ? " file" : " files")
                      << " (Ctrl-C to stop)\n";
        first = false;
        // Wait for a change, then for the files to settle (an editor writes in steps).
        for (;;) {
            for (int k = 0; k < 5 && !g_stop; ++k) std::this_thread::sleep_for(kPoll / 5);
            if (g_stop) break;
            auto now = watcher.snapshot();
            if (now == seen) continue;
            do {
                seen = std::move(now);
                std::this_thread::sleep_for(kPoll / 2);
                now = watcher.snapshot();
            } while (now != seen && !g_stop);
            break;
        }
    }
    g_cancel = nullptr;
    if (!s.quiet) std::cerr << "stopped watching\n";
    return 0;
}

}  // namespace

int build(const std::vector<std::string>& args) {
    Setup s;
    if (auto done = read_command_line(args, s)) return *done;
    if (s.command == kWatch) {
        // A misspelt INPUT is said at once, not watched for.
        for (const auto& in : s.inputs)
            if (std::error_code ec; !fs::exists(in, ec))
                return usage_error("no such file or folder: " + in.string());
        return watch(s);
    }
    auto config = read_config(s);
    if (!config) return 2;
    return run_build(s, *config, false);
}

}  // namespace quire::inline v0::cli

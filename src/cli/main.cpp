// cli: the `quire` command. A thin layer over the public API (include/quire only).
//
// Exit status: 0 when every input converted, 1 when some failed, 2 for bad usage.
#include <quire/quire.hpp>

#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace {

constexpr const char* kUsage = R"(usage: quire build INPUT... -o OUTDIR [options]
       quire --help | --version

Converts articles into print PDFs and EPUB 3 books: OUTDIR/SLUG.pdf and
OUTDIR/SLUG.epub for each INPUT, where SLUG comes from the article's title.

Inputs: plain-text articles (.txt): a title line, body paragraphs with [n] note
references, a notes list of "[n] text" blocks, then the author's name and bio.

Options:
  -o, --output DIR   folder for the outputs (created if missing)
  --format LIST      what to write: pdf, epub or pdf,epub (default: pdf,epub)
  --epub-fonts MODE  fonts in the EPUB: auto (the scripts a reader may lack; default),
                     embed (every face used) or none (CSS family names only)
  --endnotes         set the notes after the body instead of at the foot of each page
  --lang TAG         language of title and body (BCP 47, e.g. en, tr); default: detect
  --bio-lang TAG     language of the author bio; default: detect
  --fonts FILE       font fallback chains instead of the built-in fonts/fallback.conf
  -q, --quiet        print errors and warnings only
  -h, --help         show this help
  --version          show the version

Diagnostics are printed as FILE:LINE: warning: MESSAGE (or error). The exit status is
0 when every input converted, 1 when any failed, 2 for bad usage.
)";

int usage_error(const std::string& msg) {
    std::cerr << "quire: " << msg << "\n(run 'quire --help' for usage)\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::cerr << kUsage;
        return 2;
    }
    if (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
        std::cout << kUsage;
        return 0;
    }
    if (args[0] == "--version" || args[0] == "version") {
        std::cout << "quire " << quire::version() << "\n";
        return 0;
    }
    if (args[0] != "build") return usage_error("unknown command '" + args[0] + "'");

    std::vector<std::string> inputs;
    std::string outdir, fonts_file;
    quire::ReadOptions ropts;
    bool quiet = false;
    bool want_pdf = true, want_epub = true;
    quire::Style style = quire::Style::report();
    quire::EpubOptions eopts;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const char* name) -> const std::string* {
            if (i + 1 >= args.size()) return nullptr;
            (void)name;
            return &args[++i];
        };
        if (a == "-o" || a == "--output") {
            const auto* v = value("-o");
            if (!v) return usage_error(a + " needs a folder");
            outdir = *v;
        } else if (a == "--lang" || a == "--bio-lang" || a == "--fonts") {
            const auto* v = value(a.c_str());
            if (!v) return usage_error(a + " needs a value");
            (a == "--lang" ? ropts.lang : a == "--bio-lang" ? ropts.bio_lang : fonts_file) = *v;
        } else if (a == "--format") {
            const auto* v = value("--format");
            if (!v) return usage_error("--format needs pdf, epub or pdf,epub");
            want_pdf = want_epub = false;
            std::string list = *v + ",";
            for (std::size_t at = 0, comma; (comma = list.find(',', at)) != std::string::npos;
                 at = comma + 1) {
                const std::string f = list.substr(at, comma - at);
                if (f == "pdf")
                    want_pdf = true;
                else if (f == "epub")
                    want_epub = true;
                else
                    return usage_error("--format: unknown format '" + f + "' (pdf, epub)");
            }
        } else if (a == "--epub-fonts") {
            const auto* v = value("--epub-fonts");
            if (!v) return usage_error("--epub-fonts needs auto, embed or none");
            if (*v == "auto")
                eopts.fonts = quire::EpubFonts::automatic;
            else if (*v == "embed")
                eopts.fonts = quire::EpubFonts::embed;
            else if (*v == "none")
                eopts.fonts = quire::EpubFonts::none;
            else
                return usage_error("--epub-fonts: unknown mode '" + *v + "' (auto, embed, none)");
        } else if (a == "--endnotes") {
            style.notes = quire::NotePlacement::endnotes;
        } else if (a == "-q" || a == "--quiet") {
            quiet = true;
        } else if (a == "-h" || a == "--help") {
            std::cout << kUsage;
            return 0;
        } else if (!a.empty() && a[0] == '-' && a != "-") {
            return usage_error("unknown option '" + a + "'");
        } else {
            inputs.push_back(a);
        }
    }
    if (inputs.empty()) return usage_error("no input files");
    if (outdir.empty()) return usage_error("no output folder (-o DIR)");

    std::error_code ec;
    std::filesystem::create_directories(outdir, ec);
    if (ec) {
        std::cerr << outdir << ": error: cannot create output folder: " << ec.message() << "\n";
        return 1;
    }
    std::shared_ptr<quire::FontLibrary> fonts = quire::FontLibrary::shared();
    if (!fonts_file.empty()) {
        auto lib = quire::FontLibrary::from_file(fonts_file);
        if (!lib) {
            std::cerr << lib.error().format() << "\n";
            return 2;
        }
        fonts = *lib;
    }

    int failed = 0;
    std::set<std::string> used_slugs;
    for (const auto& in : inputs) {
        quire::Diagnostics diags;
        auto report = [&] {
            for (const auto& d : diags.all()) std::cerr << d.format() << "\n";
            diags.clear();
        };
        std::error_code dir_ec;
        if (std::filesystem::is_directory(in, dir_ec)) {
            std::cerr << in << ": error: is a folder; give the article files themselves\n";
            ++failed;
            continue;
        }
        auto article = quire::read_article(in, diags, ropts);
        report();
        if (!article) {
            std::cerr << article.error().format() << "\n";
            ++failed;
            continue;
        }
        std::optional<quire::Document> doc;
        if (want_pdf) {
            auto laid = quire::typeset(*article, style, diags, fonts);
            report();
            if (!laid) {
                std::cerr << laid.error().format() << "\n";
                ++failed;
                continue;
            }
            doc = std::move(*laid);
        }
        // Same slug from two inputs: number the later ones, in input order.
        std::string slug = quire::slug(*article);
        std::string unique = slug;
        for (int n = 2; used_slugs.count(unique); ++n) unique = slug + "-" + std::to_string(n);
        used_slugs.insert(unique);
        std::string done;
        bool ok = true;
        if (doc) {
            const auto out = std::filesystem::path(outdir) / (unique + ".pdf");
            auto written = quire::write_pdf(*doc, out);
            if (!written) {
                std::cerr << written.error().format() << "\n";
                ok = false;
            } else {
                done += out.string() + " (" + std::to_string(doc->page_count()) + " pages)";
            }
        }
        if (want_epub && ok) {
            const auto out = std::filesystem::path(outdir) / (unique + ".epub");
            auto written = quire::write_epub(*article, style, out, eopts, fonts);
            if (!written) {
                std::cerr << written.error().format() << "\n";
                ok = false;
            } else {
                done += (done.empty() ? "" : ", ") + out.string();
            }
        }
        if (!ok) {
            ++failed;
            continue;
        }
        if (!quiet) std::cout << in << " -> " << done << "\n";
    }
    return failed ? 1 : 0;
}

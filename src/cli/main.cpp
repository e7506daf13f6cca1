// cli: the `quire` command. A thin layer over the public API (include/quire); the batch
// engine (include/quire/batch.hpp) does the work. Of the library's insides it uses only
// base/atomic_file for its own output files (the XML of `convert`, the report) and base/nearest
// for "did you mean", compiled into the program when the library is shared (CMakeLists.txt).
//
// Exit status: 0 when every input converted (or was up to date), 1 when some failed, 2 for bad
// usage.
#include <quire/batch.hpp>
#include <quire/collection.hpp>
#include <quire/quire.hpp>

#include "base/atomic_file.hpp"
#include "base/nearest.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

// GNU's form ("Usage:", then "  or:"), which help2man turns into the man page's SYNOPSIS.
constexpr const char* kUsage = R"(Usage: quire build INPUT... -o OUTDIR [options]
  or:  quire build --collection FILE.yaml -o OUTDIR [options]
  or:  quire anthology INPUT...|--collection FILE.yaml -o OUTDIR [options]
  or:  quire convert INPUT -o OUTPUT.xml [--lang TAG] [--bio-lang TAG]
  or:  quire styles [show NAME]
  or:  quire fonts [--fonts FILE] [--font FILE]... [--no-system-fonts]
  or:  quire --help | --version

Converts articles into print PDFs and EPUB 3 books: OUTDIR/SLUG.pdf and
OUTDIR/SLUG.epub for each article, where SLUG comes from the article's title.
An INPUT is an article file or a folder, searched recursively for .txt, .md and
.xml files (hidden files and folders, and OUTDIR, are left out). Inputs are taken in the
byte order of their paths; two articles with the same slug get -2, -3, ...

Inputs: plain-text articles (.txt): a title line, body paragraphs with [n] note
references, a notes list of "[n] text" blocks, then the author's name and bio;
Markdown (.md) with a YAML front matter and footnotes; quire's XML (.xml).
'quire convert' writes any input as quire's XML (docs/xml-format.md).
'quire styles' lists the built-in house styles; 'quire styles show NAME' prints one as
a commented style file to start a house style from (save it, edit it, --style FILE).
'quire fonts' lists the font fallback chains: each family's file and the scripts it
covers, a missing family with the Debian package that has it.

Options:
  -o, --output DIR   folder for the outputs (created if missing)
  --format LIST      what to write: pdf, epub or pdf,epub (default: pdf,epub)
  --epub-fonts MODE  fonts in the EPUB: auto (the scripts a reader may lack; default),
                     embed (every face used) or none (CSS family names only)
  --style NAME|FILE  house style: report (A4, the default), book (6x9 in, mirrored
                     margins), letter (US Letter), or a style file (YAML; may extend
                     one of them, see styles/README.md)
  --endnotes         set the notes after the body instead of at the foot of each page
  --pdf-standard LIST
                     what the PDF claims to conform to: a-2u,ua-1 (the default: archival
                     PDF/A-2u and accessible PDF/UA-1), a-3u,ua-1, a-2u, a-3u, ua-1 or none;
                     every PDF is tagged (structure, reading order, languages) whatever the
                     claim (docs/accessibility.md); the style's pdf.standard otherwise
  --lang TAG         language of title and body (BCP 47, e.g. en, tr); default: detect
  --bio-lang TAG     language of the author bio; default: detect
  --allow-path DIR   a folder articles may read images from, besides their own folder
                     (repeatable); no other file is read: not outside those folders (by an
                     absolute path, ../ or a link), nor a device, FIFO or special file
  --limit NAME=VALUE
                     a resource limit for articles from strangers (repeatable); past one,
                     the article fails with an error naming the limit (an image past
                     image-pixels is left out with a warning). NAME is one of:
@LIMITS@  --fonts FILE       font fallback chains instead of the built-in fonts/fallback.conf
  --font FILE        a font file (OpenType, TrueType or a collection) to set text in
                     (repeatable): its family is taken from the file, before an installed
                     family of that name; name the family in --fonts or a style's
                     font_chains
  --no-system-fonts  use only the --font files, not the fonts installed (fontconfig)
  --hyphenation-dir DIR
                     hyphenation dictionaries (hyph_*.dic) from DIR instead of
                     /usr/share/hyphen
  -j, --jobs N       articles converted in parallel (default: the number of cores; 0: same);
                     with more than one, an anthology's EPUB is written beside its PDF
  --force            rebuild articles whose outputs are up to date
  --shard I/N        convert only the I-th of N parts of the inputs (1 <= I <= N): the
                     articles whose index in the sorted inputs is I-1 modulo N
  --report FILE      write a JSON report (per article: status, outputs, warnings, error)
  -q, --quiet        print errors and warnings only
  --                 end of the options: every argument after it is an INPUT, even one
                     starting with '-' (build, anthology and convert: -- -x.txt)

Anthologies (one PDF and one EPUB of many articles: a title page, contents with page
numbers, each article from a right-hand page with its notes and bio; written as
OUTDIR/NAME.pdf and .epub, NAME from the manifest or "anthology"; an article whose
slug is NAME (or "anthology") gets the next free number instead: NAME-2):
  --anthology        also make the anthology of the INPUT articles, in input order
  --collection FILE  a manifest (YAML: title, subtitle, editors, date, lang, identifier,
                     name, and the ordered list of articles); implies --anthology
  --title TEXT, --subtitle TEXT, --editor NAME (repeatable), --date TEXT, --name NAME
                     the anthology's front matter without a manifest (title default:
                     the input folder's name)
  'quire anthology' makes only the anthology: after a sharded run, assemble it with
  the same inputs and OUTDIR. An anthology is not made when one of its articles
  cannot be read; it cannot be combined with --shard.
  -h, --help         show this help
  --version          show the version

An article whose outputs exist and whose source, options, style and quire version are
unchanged since it was built (recorded in OUTDIR/.quire/records) is skipped as up to date.
Diagnostics are printed as FILE:LINE: warning: MESSAGE (or error). The exit status is
0 when every input converted or was up to date, 1 when any failed, 2 for bad usage or
configuration (an unknown option, a missing INPUT, a bad style, fonts or manifest file).
'quire COMMAND --help' (or 'quire help COMMAND') shows one command's help.

Examples:
  quire build article.txt -o out
  quire build articles/ -o out --style book --jobs 4 --report out/report.json
  quire build articles/ -o out --anthology --title "Spring Papers" --editor "A. Editor"
  quire convert article.md -o article.xml
  quire styles show book > house.yaml
)";

/// The help text, with the limits and their defaults from the library (quire/limits.hpp).
std::string usage_text() {
    std::string list;
    for (const auto& l : quire::limit_infos()) {
        std::string line = "                       " + l.name;
        line.resize(std::max<std::size_t>(line.size() + 1, 37), ' ');
        list += line + l.description + "; default " + l.default_value + "\n";
    }
    std::string text = kUsage;
    text.replace(text.find("@LIMITS@"), 8, list);
    return text;
}

constexpr const char* kConvertHelp =
    R"(Usage: quire convert INPUT -o OUTPUT.xml [--lang TAG] [--bio-lang TAG]

Reads an article in any input form (plain text, Markdown or quire's XML) and writes it as
quire's XML (docs/xml-format.md): everything quire read from it, to check or to edit.

Options:
  -o, --output FILE  the XML file to write (written whole or not at all)
  --lang TAG         language of title and body (BCP 47, e.g. en, tr); default: detect
  --bio-lang TAG     language of the author bio; default: detect
  -h, --help         show this help

Examples:
  quire convert article.txt -o article.xml
  quire convert article.md -o article.xml --lang tr
)";

constexpr const char* kStylesHelp = R"(Usage: quire styles
  or:  quire styles show NAME

Lists the house styles built into quire (report, book, letter) with what each is for, or
prints one as its commented style file: a file that sets or inherits every key, to save,
edit and use with 'quire build --style FILE' (styles/README.md has the table of keys).

Examples:
  quire styles
  quire styles show book > house.yaml
)";

int usage_error(const std::string& msg) {
    std::cerr << "quire: " << msg << "\n(run 'quire --help' for usage)\n";
    return 2;
}

/// " (did you mean X?)" when `given` is a likely typo of one of `known`, else empty.
std::string did_you_mean(const std::string& given, const std::vector<std::string>& known) {
    const std::string near = quire::nearest(given, known);
    return near.empty() ? std::string() : " (did you mean " + near + "?)";
}

/// The options of build and anthology (kUsage lists them), for suggestions.
const std::vector<std::string>& build_options() {
    static const std::vector<std::string> all = {
        "--output",       "--format", "--epub-fonts",      "--style",           "--endnotes",
        "--pdf-standard", "--lang",   "--bio-lang",        "--allow-path",      "--limit",
        "--fonts",        "--font",   "--no-system-fonts", "--hyphenation-dir", "--jobs",
        "--force",        "--shard",  "--report",          "--quiet",           "--anthology",
        "--collection",   "--title",  "--subtitle",        "--editor",          "--date",
        "--name",         "--help"};
    return all;
}

/// A built-in style's description: the first sentence of its file's opening comment, after
/// `# quire house style "NAME": `.
std::string style_summary(std::string_view text) {
    std::string comment;
    std::size_t at = 0;
    while (at < text.size() && text[at] == '#') {
        const std::size_t nl = std::min(text.find('\n', at), text.size());
        std::string_view line = text.substr(at + 1, nl - at - 1);
        while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
        if (line.empty()) break;
        if (!comment.empty()) comment += ' ';
        comment += line;
        at = nl + 1;
    }
    if (const auto colon = comment.find("\": "); colon != std::string::npos)
        comment.erase(0, colon + 3);
    if (const auto stop = comment.find(". "); stop != std::string::npos) comment.resize(stop + 1);
    return comment;
}

/// `quire styles [show NAME]`: the built-in styles, or one of them as a style file.
int styles(const std::vector<std::string>& args) {
    const auto names = quire::builtin_style_names();
    if (args.size() == 2 && (args[1] == "-h" || args[1] == "--help")) {
        std::cout << kStylesHelp;
        return 0;
    }
    if (args.size() == 1) {
        for (const auto& n : names)
            std::cout << n << std::string(n.size() < 8 ? 8 - n.size() : 1, ' ')
                      << style_summary(quire::builtin_style_text(n)) << "\n";
        std::cout << "(quire styles show NAME prints one; --style NAME uses it)\n";
        return 0;
    }
    if (args[1] != "show")
        return usage_error("styles: unknown subcommand '" + args[1] + "'" +
                           did_you_mean(args[1], {"show"}) + "; quire styles [show NAME]");
    if (args.size() != 3) return usage_error("styles show needs one style name");
    const std::string_view text = quire::builtin_style_text(args[2]);
    if (text.empty()) {
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        return usage_error("no built-in style '" + args[2] + "'" + did_you_mean(args[2], names) +
                           "; the styles are " + list);
    }
    std::cout << text;
    return 0;
}

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
void draw_bar(const quire::BatchTotals& t) {
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

constexpr const char* kFontsHelp =
    R"(Usage: quire fonts [--fonts FILE] [--font FILE]... [--no-system-fonts]

Lists the font fallback chains (serif, sans, mono; fonts/fallback.conf, or FILE), in the order
quire tries them for each character: each family with the file its regular face comes from
and the scripts it has letters for. A family that is not installed is marked missing, with
the Debian package that has it. The options are those of 'quire build'.

Options:
  --fonts FILE       fallback chains instead of the built-in ones
  --font FILE        a font file to use under its family name (repeatable)
  --no-system-fonts  only the --font files, not the fonts installed
  -h, --help         show this help

Examples:
  quire fonts
  quire fonts --fonts house-fonts.conf --font HouseSerif-Regular.otf
)";

/// The Debian package that has a family quire's built-in chains name.
std::string debian_package(const std::string& family) {
    if (family.find("CJK") != std::string::npos) return "fonts-noto-cjk";
    if (family.find("Emoji") != std::string::npos) return "fonts-noto-color-emoji";
    if (family.rfind("DejaVu", 0) == 0) return "fonts-dejavu-core";
    if (family.find("Mono") != std::string::npos) return "fonts-noto-mono";
    if (family.rfind("Noto", 0) == 0) return "fonts-noto-core or fonts-noto-extra";
    return {};
}

/// The font library of --fonts FILE (chains; empty: the built-in ones), --font FILE... and the
/// options (--no-system-fonts, --hyphenation-dir); the error names the file at fault.
quire::Result<std::shared_ptr<quire::FontLibrary>> font_library(
    const std::string& chains_file, const std::vector<std::string>& font_files,
    const quire::FontOptions& options) {
    auto lib = chains_file.empty() ? quire::Result<std::shared_ptr<quire::FontLibrary>>(
                                         std::make_shared<quire::FontLibrary>(options))
                                   : quire::FontLibrary::from_file(chains_file, options);
    if (!lib) return lib;
    for (const auto& f : font_files)
        if (auto added = (*lib)->add_font_file(f); !added) return added.error();
    return lib;
}

/// `quire fonts`: the fallback chains, each family's file and scripts.
int fonts(const std::vector<std::string>& args) {
    std::string chains_file;
    std::vector<std::string> files;
    quire::FontOptions options;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-h" || a == "--help") {
            std::cout << kFontsHelp;
            return 0;
        } else if (a == "--fonts" || a == "--font") {
            if (i + 1 >= args.size()) return usage_error(a + " needs a file");
            (a == "--fonts" ? chains_file : files.emplace_back()) = args[++i];
        } else if (a == "--no-system-fonts") {
            options.system_fonts = false;
        } else {
            return usage_error(
                "fonts: unknown option '" + a + "'" +
                did_you_mean(a, {"--fonts", "--font", "--no-system-fonts", "--help"}));
        }
    }
    auto lib = font_library(chains_file, files, options);
    if (!lib) {
        std::cerr << lib.error().format() << "\n";
        return 2;
    }
    auto chains = (*lib)->chains();
    if (!chains) {
        std::cerr << chains.error().format() << "\n";
        return 1;
    }
    std::size_t width = 0;
    for (const auto& c : *chains)
        for (const auto& f : c.families) width = std::max(width, f.name.size());
    int missing = 0;
    for (const auto& c : *chains) {
        std::cout << "[" << c.name << "]\n";
        for (const auto& f : c.families) {
            std::cout << "  " << f.name << std::string(width + 2 - f.name.size(), ' ');
            if (f.file.empty()) {
                ++missing;
                const std::string pkg = debian_package(f.name);
                std::cout << "missing" << (pkg.empty() ? "" : " (Debian: " + pkg + ")") << "\n";
                continue;
            }
            std::cout << f.file << "\n" << std::string(width + 4, ' ');
            for (std::size_t k = 0; k < f.scripts.size(); ++k)
                std::cout << (k ? " " : "") << f.scripts[k];
            std::cout << (f.scripts.empty() ? "(no script quire checks)" : "") << "\n";
        }
    }
    if (missing)
        std::cout << missing << (missing == 1 ? " family is" : " families are")
                  << " missing: text that needs them falls back to the next family of its chain, "
                     "or is reported\n";
    return 0;
}

/// `quire convert INPUT -o OUTPUT.xml`: any input as quire's XML.
int convert(const std::vector<std::string>& args) {
    std::string input, output;
    quire::ReadOptions ropts;
    bool options_ended = false;  // after "--" every argument is the input
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (options_ended) {
            if (!input.empty()) return usage_error("convert takes one input");
            input = a;
        } else if (a == "--") {
            options_ended = true;
        } else if (a == "-h" || a == "--help") {
            std::cout << kConvertHelp;
            return 0;
        } else if (a == "-o" || a == "--output" || a == "--lang" || a == "--bio-lang") {
            if (i + 1 >= args.size()) return usage_error(a + " needs a value");
            (a == "--lang" ? ropts.lang : a == "--bio-lang" ? ropts.bio_lang : output) = args[++i];
            if (a != "-o" && a != "--output" && !quire::is_language_tag(args[i]))
                return usage_error(a + ": '" + args[i] + "' is not a BCP 47 language tag");
        } else if (!a.empty() && a[0] == '-') {
            return usage_error("convert: unknown option '" + a + "'" +
                               did_you_mean(a, {"--output", "--lang", "--bio-lang", "--help"}));
        } else if (input.empty()) {
            input = a;
        } else {
            return usage_error("convert takes one input");
        }
    }
    if (input.empty()) return usage_error("convert: no input file");
    if (output.empty()) return usage_error("convert: no output file (-o OUTPUT.xml)");
    quire::Diagnostics diags;
    auto article = quire::read_article(input, diags, ropts);
    for (const auto& d : diags.all()) std::cerr << d.format() << "\n";
    if (!article) {
        std::cerr << article.error().format() << "\n";
        return 1;
    }
    auto ok = quire::write_file_atomically(output, quire::article_to_xml(*article));
    if (!ok) {
        std::cerr << ok.error().format() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::cerr << usage_text();
        return 2;
    }
    if (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
        // quire help COMMAND: that command's help.
        if (args[0] == "help" && args.size() > 1) {
            if (args[1] == "convert") return std::cout << kConvertHelp, 0;
            if (args[1] == "styles") return std::cout << kStylesHelp, 0;
            if (args[1] == "fonts") return std::cout << kFontsHelp, 0;
            if (args[1] != "build" && args[1] != "anthology")
                return usage_error(
                    "help: no command '" + args[1] + "'" +
                    did_you_mean(args[1], {"build", "anthology", "convert", "styles", "fonts"}));
        }
        std::cout << usage_text();
        return 0;
    }
    if (args[0] == "--version" || args[0] == "version") {
        std::cout << "quire " << quire::version() << "\n";
        return 0;
    }
    if (args[0] == "convert") return convert(args);
    if (args[0] == "styles") return styles(args);
    if (args[0] == "fonts") return fonts(args);
    if (args[0] != "build" && args[0] != "anthology")
        return usage_error("unknown command '" + args[0] + "'" +
                           did_you_mean(args[0], {"build", "anthology", "convert", "styles",
                                                  "fonts", "help", "version"}) +
                           "; the commands are build, anthology, convert, styles and fonts");
    const bool only_anthology = args[0] == "anthology";
    bool anthology = only_anthology;
    std::string manifest;
    quire::Collection front;  // the front matter given as options
    bool front_given = false;

    std::vector<std::filesystem::path> inputs;
    std::string outdir, fonts_file, report_file;
    std::vector<std::string> font_files;  // --font
    quire::FontOptions font_options;      // --no-system-fonts, --hyphenation-dir
    bool quiet = false;
    quire::BatchOptions opts;
    bool& want_pdf = opts.pdf;
    bool& want_epub = opts.epub;
    quire::ReadOptions& ropts = opts.read;
    quire::Style& style = opts.style;
    std::string style_name;  // --style
    bool endnotes = false;   // --endnotes
    quire::EpubOptions& eopts = opts.epub_options;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> const std::string* {
            if (i + 1 >= args.size()) return nullptr;
            return &args[++i];
        };
        if (a == "--") {  // the end of the options: every argument after it is an INPUT
            inputs.insert(inputs.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                          args.end());
            break;
        }
        if (a == "-o" || a == "--output") {
            const auto* v = value();
            if (!v) return usage_error(a + " needs a folder");
            outdir = *v;
        } else if (a == "--lang" || a == "--bio-lang" || a == "--fonts" || a == "--report") {
            const auto* v = value();
            if (!v) return usage_error(a + " needs a value");
            if ((a == "--lang" || a == "--bio-lang") && !quire::is_language_tag(*v))
                return usage_error(a + ": '" + *v + "' is not a BCP 47 language tag (en, pt-BR…)");
            (a == "--lang"       ? ropts.lang
             : a == "--bio-lang" ? ropts.bio_lang
             : a == "--fonts"    ? fonts_file
                                 : report_file) = *v;
        } else if (a == "--limit") {
            const auto* v = value();
            const auto eq = v ? v->find('=') : std::string::npos;
            if (eq == std::string::npos)
                return usage_error("--limit needs NAME=VALUE (e.g. --limit time=60)");
            if (auto ok = quire::set_limit(ropts.limits, v->substr(0, eq), v->substr(eq + 1)); !ok)
                return usage_error(ok.error().message);
        } else if (a == "--font" || a == "--hyphenation-dir") {
            const auto* v = value();
            if (!v)
                return usage_error(a + (a == "--font" ? " needs a font file" : " needs a folder"));
            if (a == "--font")
                font_files.push_back(*v);
            else
                font_options.hyphenation_dir = *v;
        } else if (a == "--no-system-fonts") {
            font_options.system_fonts = false;
        } else if (a == "--allow-path") {
            const auto* v = value();
            if (!v) return usage_error("--allow-path needs a folder");
            ropts.allowed_paths.emplace_back(*v);
        } else if (a == "--collection") {
            const auto* v = value();
            if (!v) return usage_error("--collection needs a manifest file");
            manifest = *v;
            anthology = true;
        } else if (a == "--anthology") {
            anthology = true;
        } else if (a == "--title" || a == "--subtitle" || a == "--editor" || a == "--date" ||
                   a == "--name") {
            const auto* v = value();
            if (!v || v->empty()) return usage_error(a + " needs a value");
            front_given = true;
            if (a == "--editor")
                front.editors.push_back(*v);
            else
                (a == "--title"      ? front.title
                 : a == "--subtitle" ? front.subtitle
                 : a == "--date"     ? front.date
                                     : front.name) = *v;
        } else if (a == "--format") {
            const auto* v = value();
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
            const auto* v = value();
            if (!v) return usage_error("--epub-fonts needs auto, embed or none");
            if (*v == "auto")
                eopts.fonts = quire::EpubFonts::automatic;
            else if (*v == "embed")
                eopts.fonts = quire::EpubFonts::embed;
            else if (*v == "none")
                eopts.fonts = quire::EpubFonts::none;
            else
                return usage_error("--epub-fonts: unknown mode '" + *v + "' (auto, embed, none)");
        } else if (a == "--pdf-standard") {
            const auto* v = value();
            const auto standard = v ? quire::parse_pdf_standard(*v) : std::nullopt;
            if (!standard)
                return usage_error(
                    "--pdf-standard needs a-2u, a-3u, ua-1, a list of one PDF/A "
                    "level and ua-1 (a-2u,ua-1: the default), or none");
            opts.pdf_options.standard = *standard;
        } else if (a == "-j" || a == "--jobs") {
            const auto* v = value();
            const auto n = v ? parse_count(*v) : std::nullopt;
            if (!n || *n > 4096) return usage_error(a + " needs a number of threads (0: cores)");
            opts.jobs = static_cast<unsigned>(*n);
        } else if (a == "--shard") {
            const auto* v = value();
            const auto slash = v ? v->find('/') : std::string::npos;
            const auto i1 =
                slash != std::string::npos ? parse_count(v->substr(0, slash)) : std::nullopt;
            const auto n =
                slash != std::string::npos ? parse_count(v->substr(slash + 1)) : std::nullopt;
            if (!i1 || !n || *n < 1 || *i1 < 1 || *i1 > *n)
                return usage_error("--shard needs I/N with 1 <= I <= N (e.g. --shard 2/8)");
            opts.shard_index = *i1 - 1;
            opts.shard_count = *n;
        } else if (a == "--force") {
            opts.force = true;
        } else if (a == "--style") {
            const auto* v = value();
            if (!v || v->empty()) return usage_error("--style needs a built-in style or a file");
            style_name = *v;  // read after the options: --allow-path may follow it
        } else if (a == "--endnotes") {
            endnotes = true;
        } else if (a == "-q" || a == "--quiet") {
            quiet = true;
        } else if (a == "-h" || a == "--help") {
            std::cout << usage_text();
            return 0;
        } else if (!a.empty() && a[0] == '-' && a != "-") {
            return usage_error("unknown option '" + a + "'" + did_you_mean(a, build_options()));
        } else {
            inputs.emplace_back(a);
        }
    }
    if (!style_name.empty()) {
        auto loaded = quire::find_style(style_name, ropts.allowed_paths);
        if (!loaded) {
            std::cerr << loaded.error().format() << "\n";
            return 2;
        }
        style = std::move(*loaded);
    }
    if (endnotes) style.notes = quire::NotePlacement::endnotes;
    if (!manifest.empty() && !inputs.empty())
        return usage_error("give the articles either as inputs or in the --collection manifest");
    if (!manifest.empty() && front_given)
        return usage_error(
            "--title, --subtitle, --editor, --date and --name go in the manifest "
            "when there is one");
    if (front_given && !anthology)
        return usage_error(
            "--title, --subtitle, --editor, --date and --name are for an "
            "anthology (add --anthology)");
    if (anthology && opts.shard_count > 1)
        return usage_error(
            "an anthology needs every article: run the shards without "
            "--anthology, then 'quire anthology' with the same inputs");
    if (inputs.empty() && manifest.empty()) return usage_error("no input files");
    if (outdir.empty()) return usage_error("no output folder (-o DIR)");
    // An INPUT that is not there is a mistake on the command line, not an article that failed.
    for (const auto& in : inputs) {
        std::error_code ec;
        if (!std::filesystem::exists(in, ec))
            return usage_error("no such file or folder: " + in.string());
    }

    if (!front.name.empty() && (front.name[0] == '.' || front.name.find('/') != std::string::npos))
        return usage_error("--name is a file name (no '/', not starting with '.')");
    opts.output_dir = outdir;

    const bool own_fonts = !fonts_file.empty() || !font_files.empty() ||
                           !font_options.system_fonts ||
                           font_options.hyphenation_dir != quire::FontOptions{}.hyphenation_dir;
    if (own_fonts) {
        auto lib = font_library(fonts_file, font_files, font_options);
        if (!lib) {
            std::cerr << lib.error().format() << "\n";
            return 2;
        }
        opts.fonts = *lib;
    }

    std::vector<std::filesystem::path> articles;
    quire::Collection collection;
    if (!manifest.empty()) {
        auto c = quire::read_collection(manifest, ropts.allowed_paths);
        if (!c) {  // a configuration error, as a bad style file is
            std::cerr << c.error().format() << "\n";
            return 2;
        }
        collection = std::move(*c);
        articles = collection.articles;
    } else {
        articles = quire::find_articles(inputs, opts.output_dir);
        collection = front;
        collection.articles = articles;
        if (collection.title.empty()) {
            // The folder's name ("2026-11"), else a plain word.
            std::filesystem::path dir = inputs.size() == 1 ? inputs.front() : "";
            std::error_code ec;
            dir = dir.empty() ? dir : std::filesystem::weakly_canonical(dir, ec);
            collection.title = !ec && std::filesystem::is_directory(dir, ec) && dir.has_filename()
                                   ? dir.filename().string()
                                   : std::string("Anthology");
        }
    }
    if (articles.empty()) {
        std::cerr << "quire: error: no articles (" << quire::article_extensions().front()
                  << " files) found in the inputs\n";
        return 1;
    }
    // The book's file names are no article's: an article with that slug is numbered "-2".
    if (anthology) opts.reserved_slugs.push_back(quire::collection_file_name(collection));

    // On a terminal a progress bar on stderr; otherwise one line per article on stdout, in
    // input order. Warnings and errors go to stderr as FILE:LINE: ... either way.
    const bool bar = !quiet && ::isatty(STDERR_FILENO);
    bool bar_shown = false;
    auto clear_bar = [&] {
        if (bar_shown) std::fprintf(stderr, "\r\033[K");
        bar_shown = false;
    };
    std::vector<quire::BatchItem> items;  // kept only for --report (no documents, no text)
    std::vector<quire::Diagnostic> failures;
    auto on_item = [&](const quire::BatchItem& item, const quire::BatchTotals& t) {
        const bool has_news = !item.warnings.empty() || item.error;
        if (has_news) clear_bar();
        for (const auto& d : item.warnings) std::cerr << d.format() << "\n";
        if (item.error) {
            std::cerr << item.error->format() << "\n";
            failures.push_back(*item.error);
        }
        if (!quiet && !bar) {
            // Built piecewise: "literal" + std::string trips GCC 12's -Wrestrict at -O3.
            std::string line(1, '[');
            line += std::to_string(item.index + 1);
            line += '/';
            line += std::to_string(articles.size());
            line += "] ";
            line += item.input.string();
            if (item.error) {
                line += ": FAILED: " + item.error->message;
            } else {
                std::string outs;
                for (const auto& o : item.outputs) {
                    outs += (outs.empty() ? "" : ", ") + o.string();
                    if (o.extension() == ".pdf")
                        outs += " (" + std::to_string(item.pages) + " pages)";
                }
                if (item.status == quire::BatchStatus::skipped) line += ": up to date";
                line += " -> " + outs;
            }
            std::cout << line << "\n" << std::flush;
        }
        if (!report_file.empty()) items.push_back(item);
        if (bar && has_news) {
            draw_bar(t);
            bar_shown = true;
        }
    };
    auto on_progress = [&](const quire::BatchTotals& t) {
        if (!bar) return;
        draw_bar(t);
        bar_shown = true;
    };
    quire::BatchTotals t;
    if (!only_anthology) {
        auto result = quire::run_batch(articles, opts, on_item, on_progress);
        clear_bar();
        if (!result) {
            std::cerr << result.error().format() << "\n";
            return 1;
        }
        t = *result;
    }
    bool anthology_failed = false;
    std::optional<quire::CollectionOutcome> outcome;  // the book's, for --report
    if (anthology) {
        const auto& book = outcome.emplace(quire::run_collection(collection, opts));
        for (const auto& d : book.warnings)
            if (only_anthology) std::cerr << d.format() << "\n";  // else printed per article
        for (const auto& d : book.errors) std::cerr << d.format() << "\n";
        anthology_failed = book.status == quire::BatchStatus::failed;
        if (!quiet || anthology_failed) {
            std::string line = "anthology";
            if (anthology_failed) {
                line += " not made: " + std::to_string(book.errors.size()) +
                        (book.errors.size() == 1 ? " error" : " errors");
            } else {
                line += book.status == quire::BatchStatus::skipped ? " (up to date):" : ":";
                for (std::size_t k = 0; k < book.outputs.size(); ++k) {
                    line += (k ? ", " : " ") + book.outputs[k].string();
                    if (book.outputs[k].extension() == ".pdf")
                        line += " (" + std::to_string(book.pages) + " pages)";
                }
                line += ", " + std::to_string(collection.articles.size()) + " articles";
            }
            std::cerr << line << "\n";
        }
    }
    if (!quiet && !only_anthology) {
        std::cerr << "converted " << t.converted << ", skipped " << t.skipped
                  << " (up to date), warnings " << t.warnings << ", failed " << t.failed;
        if (opts.shard_count > 1)
            std::cerr << " (shard " << opts.shard_index + 1 << "/" << opts.shard_count << " of "
                      << articles.size() << " articles)";
        std::cerr << " in " << hms(t.seconds) << "\n";
        for (const auto& f : failures) {
            std::cerr << "  " << f.where.file;
            if (f.where.line > 0) std::cerr << ":" << f.where.line;
            std::cerr << ": " << f.message << "\n";
        }
    }
    if (!report_file.empty()) {
        // The batch report, with the anthology as one more member when there is one.
        const std::string json = quire::batch_report_json(items, t, outcome ? &*outcome : nullptr);
        auto written = quire::write_file_atomically(report_file, json);
        if (!written) {
            std::cerr << written.error().format() << "\n";
            return 1;
        }
    }
    return t.failed || anthology_failed ? 1 : 0;
}

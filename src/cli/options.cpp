// cli: the option table and what is made from it (help text, parsing, suggestions).
#include "cli/cli.hpp"

#include "base/nearest.hpp"

#include <quire/limits.hpp>

#include <algorithm>
#include <iostream>

namespace quire::inline v0::cli {

namespace {

using K = ValueKind;

constexpr unsigned kMakers = kBuild | kAnthology | kWatch;  // the commands that make outputs

constexpr std::string_view kFormats[] = {"pdf",       "epub",          "pdf,epub",
                                         "print-pdf", "pdf,print-pdf", "pdf,print-pdf,epub"};
constexpr std::string_view kEpubFontModes[] = {"auto", "embed", "none"};
constexpr std::string_view kPdfStandards[] = {"a-2u,ua-1", "a-3u,ua-1", "a-2u",     "a-3u",
                                              "ua-1",      "x-4",       "x-4,ua-1", "none"};

/// Every option of every command, in the order the help lists them.
constexpr Option kOptions[] = {
    {.name = "--output",
     .short_name = "-o",
     .value = "DIR",
     .kind = K::dir,
     .help = "folder for the outputs (created if missing)",
     .commands = kMakers},
    {.name = "--output",
     .short_name = "-o",
     .value = "FILE",
     .kind = K::file,
     .help = "the XML file to write (written whole or not at all)",
     .commands = kConvert},
    {.name = "--format",
     .value = "LIST",
     .kind = K::choice,
     .choices = kFormats,
     .help = "what to write, a list of pdf (accessible, archival), epub and\n"
             "print-pdf (SLUG.print.pdf: PDF/X-4 with bleed, crop marks and a\n"
             "slug line, for the printer; docs/print.md); default: pdf,epub",
     .commands = kMakers},
    {.name = "--epub-fonts",
     .value = "MODE",
     .kind = K::choice,
     .choices = kEpubFontModes,
     .help = "fonts in the EPUB: auto (the scripts a reader may lack; default),\n"
             "embed (every face used) or none (CSS family names only)",
     .commands = kMakers},
    {.name = "--style",
     .value = "NAME|FILE",
     .kind = K::file,
     .help = "house style: report (A4, the default), book (6x9 in, mirrored\n"
             "margins), letter (US Letter), or a style file (YAML; may extend\n"
             "one of them; 'quire styles' lists them, 'quire styles show NAME'\n"
             "prints one to start from)",
     .commands = kMakers},
    {.name = "--endnotes",
     .help = "set the notes after the body instead of at the foot of each page",
     .commands = kMakers},
    {.name = "--pdf-standard",
     .value = "LIST",
     .kind = K::choice,
     .choices = kPdfStandards,
     .help = "what the PDF claims to conform to: a-2u,ua-1 (the default: archival\n"
             "PDF/A-2u and accessible PDF/UA-1), a-3u,ua-1, a-2u, a-3u, ua-1 or none;\n"
             "or x-4 (x-4,ua-1): a print file, PDF/X-4 with a CMYK output intent,\n"
             "bleed, crop marks and a slug line (docs/print.md); every PDF is tagged\n"
             "(structure, reading order, languages) whatever the claim\n"
             "(docs/accessibility.md); the style's pdf.standard otherwise",
     .commands = kMakers},
    {.name = "--lang",
     .value = "TAG",
     .kind = K::text,
     .help = "language of title and body (BCP 47, e.g. en, tr); default: detect",
     .commands = kMakers | kConvert},
    {.name = "--bio-lang",
     .value = "TAG",
     .kind = K::text,
     .help = "language of the author bio; default: detect",
     .commands = kMakers | kConvert},
    {.name = "--allow-path",
     .value = "DIR",
     .kind = K::dir,
     .help = "a folder articles may read images from, besides their own folder\n"
             "(repeatable); no other file is read: not outside those folders (by an\n"
             "absolute path, ../ or a link), nor a device, FIFO or special file",
     .commands = kMakers},
    {.name = "--limit",
     .value = "NAME=VALUE",
     .kind = K::text,
     .help = "a resource limit for articles from strangers (repeatable); past one,\n"
             "the article fails with an error naming the limit (an image past\n"
             "image-pixels is left out with a warning). NAME is one of:\n"
             "@LIMITS@",
     .commands = kMakers},
    {.name = "--fonts",
     .value = "FILE",
     .kind = K::file,
     .help = "font fallback chains instead of the built-in fonts/fallback.conf",
     .commands = kMakers | kFonts},
    {.name = "--font",
     .value = "FILE",
     .kind = K::file,
     .help = "a font file (OpenType, TrueType or a collection) to set text in\n"
             "(repeatable): its family is taken from the file, before an installed\n"
             "family of that name; name the family in --fonts or a style's\n"
             "font_chains",
     .commands = kMakers | kFonts},
    {.name = "--no-system-fonts",
     .help = "use only the --font files, not the fonts installed (fontconfig)",
     .commands = kMakers | kFonts},
    {.name = "--hyphenation-dir",
     .value = "DIR",
     .kind = K::dir,
     .help = "hyphenation dictionaries (hyph_*.dic) from DIR instead of\n/usr/share/hyphen",
     .commands = kMakers},
    {.name = "--jobs",
     .short_name = "-j",
     .value = "N",
     .kind = K::text,
     .help = "articles converted in parallel (default: the number of cores; 0: same);\n"
             "with more than one, an anthology's EPUB is written beside its PDF",
     .commands = kMakers},
    {.name = "--force",
     .help = "rebuild articles whose outputs are up to date",
     .commands = kMakers},
    {.name = "--shard",
     .value = "I/N",
     .kind = K::text,
     .help = "convert only the I-th of N parts of the inputs (1 <= I <= N): the\n"
             "articles whose index in the sorted inputs is I-1 modulo N",
     .commands = kBuild},
    {.name = "--preview",
     .value = "DPI",
     .kind = K::text,
     .help = "also write each PDF's pages as PNG images at DPI dots per inch\n"
             "(1 to 1200; 70 for web thumbnails): OUTDIR/SLUG.page-N.png",
     .commands = kMakers},
    {.name = "--prune",
     .help = "remove the outputs an article left under an earlier title (a rerun\n"
             "reports them otherwise)",
     .commands = kBuild | kWatch},
    {.name = "--report",
     .value = "FILE",
     .kind = K::file,
     .help = "write a JSON report (per article: status, outputs, warnings, error)",
     .commands = kMakers},
    {.name = "--quiet",
     .short_name = "-q",
     .help = "print errors and warnings only",
     .commands = kMakers},
    // The anthology's options, a section of their own in the help.
    {.name = "--anthology",
     .help = "also make the anthology of the INPUT articles, in input order",
     .commands = kBuild | kWatch,
     .group = "anthology"},
    {.name = "--collection",
     .value = "FILE",
     .kind = K::file,
     .help = "a manifest (YAML: title, subtitle, editors, date, lang, identifier,\n"
             "name, and the ordered list of articles); implies --anthology",
     .commands = kMakers,
     .group = "anthology"},
    {.name = "--title",
     .value = "TEXT",
     .kind = K::text,
     .help = "the anthology's title (default: the input folder's name)",
     .commands = kMakers,
     .group = "anthology"},
    {.name = "--subtitle",
     .value = "TEXT",
     .kind = K::text,
     .help = "the anthology's subtitle",
     .commands = kMakers,
     .group = "anthology"},
    {.name = "--editor",
     .value = "NAME",
     .kind = K::text,
     .help = "an editor of the anthology (repeatable)",
     .commands = kMakers,
     .group = "anthology"},
    {.name = "--date",
     .value = "TEXT",
     .kind = K::text,
     .help = "the anthology's date, as printed",
     .commands = kMakers,
     .group = "anthology"},
    {.name = "--name",
     .value = "NAME",
     .kind = K::text,
     .help = "the anthology's file name: OUTDIR/NAME.pdf and .epub (default:\nanthology)",
     .commands = kMakers,
     .group = "anthology"},
    {.name = "--help",
     .short_name = "-h",
     .help = "show this help",
     .commands = kMakers | kConvert | kStyles | kFonts | kCompletion},
    {.name = "--version", .help = "show the version", .commands = kBuild},
};

}  // namespace

std::span<const Option> options() {
    return kOptions;
}

const std::vector<CommandInfo>& commands() {
    static const std::vector<CommandInfo> all = {
        {"build", kBuild, "convert articles into PDFs and EPUBs"},
        {"anthology", kAnthology, "make only the anthology of articles"},
        {"watch", kWatch, "rebuild what changes, until stopped"},
        {"convert", kConvert, "write an article as quire's XML"},
        {"styles", kStyles, "list the house styles, or print one"},
        {"fonts", kFonts, "list the font fallback chains"},
        {"completion", kCompletion, "print a shell completion script"},
        {"help", kBuild, "show a command's help"},
        {"version", kBuild, "show the version"},
    };
    return all;
}

const Option* find_option(unsigned command, std::string_view arg) {
    for (const auto& o : options())
        if ((o.commands & command) &&
            (arg == o.name || (!o.short_name.empty() && arg == o.short_name)))
            return &o;
    return nullptr;
}

std::vector<std::string> option_names(unsigned command) {
    std::vector<std::string> names;
    for (const auto& o : options())
        if (o.commands & command) names.emplace_back(o.name);
    return names;
}

namespace {

/// The limits with their defaults, from the library (quire/limits.hpp), as help lines.
std::string limit_lines() {
    std::string list;
    for (const auto& l : limit_infos()) {
        std::string line = "  " + l.name;
        line.resize(std::max<std::size_t>(line.size() + 1, 16), ' ');
        list += line + l.description + "; default " + l.default_value + "\n";
    }
    if (!list.empty()) list.pop_back();
    return list;
}

}  // namespace

std::string option_help(unsigned command, std::string_view group) {
    constexpr std::size_t kColumn = 21;  // where the help starts, as in GNU tools' --help
    const std::string indent(kColumn, ' ');
    std::string text;
    for (const auto& o : options()) {
        if (!(o.commands & command) || o.group != group) continue;
        if (o.name == "--version" && command != kBuild) continue;
        std::string head = "  ";
        head += o.short_name.empty() ? "" : std::string(o.short_name) + ", ";
        head += o.name;
        if (!o.value.empty()) head += " " + std::string(o.value);
        std::string help(o.help);
        if (const auto at = help.find("@LIMITS@"); at != std::string::npos)
            help.replace(at, 8, limit_lines());
        if (head.size() + 1 <= kColumn) {
            head.resize(kColumn, ' ');
            text += head;
        } else {
            text += head + "\n" + indent;
        }
        for (std::size_t at = 0;;) {
            const std::size_t nl = help.find('\n', at);
            text += help.substr(at, nl - at) + "\n";
            if (nl == std::string::npos) break;
            at = nl + 1;
            text += indent;
        }
    }
    return text;
}

Result<std::vector<Arg>> parse(unsigned command, std::string_view command_name,
                               const std::vector<std::string>& args) {
    std::vector<Arg> out;
    bool options_ended = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (options_ended || a.empty() || a[0] != '-' || a == "-") {
            out.push_back({nullptr, a});
            continue;
        }
        if (a == "--") {  // the end of the options: every argument after it is an operand
            options_ended = true;
            continue;
        }
        // --name=value as well as --name value.
        const std::size_t eq = a.rfind("--", 0) == 0 ? a.find('=') : std::string::npos;
        const std::string name = eq == std::string::npos ? a : a.substr(0, eq);
        const Option* o = find_option(command, name);
        if (!o)
            return make_error({}, std::string(command_name) + ": unknown option '" + name + "'" +
                                      did_you_mean(name, option_names(command)));
        Arg arg{o, {}};
        if (o->value.empty()) {
            if (eq != std::string::npos)
                return make_error({}, std::string(o->name) + " takes no value");
        } else if (eq != std::string::npos) {
            arg.value = a.substr(eq + 1);
        } else if (i + 1 < args.size()) {
            arg.value = args[++i];
        } else {
            return make_error({}, a + " needs a value (" + std::string(o->value) + ")");
        }
        out.push_back(std::move(arg));
    }
    return out;
}

int usage_error(const std::string& msg) {
    std::cerr << "quire: " << msg << "\n(run 'quire --help' for usage)\n";
    return 2;
}

std::string did_you_mean(const std::string& given, const std::vector<std::string>& known) {
    const std::string near = nearest(given, known);
    return near.empty() ? std::string() : " (did you mean " + near + "?)";
}

}  // namespace quire::inline v0::cli

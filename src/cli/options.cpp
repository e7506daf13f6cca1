// cli: the option table and what is made from it (help text, parsing, suggestions).
#include "cli/cli.hpp"

#include "base/nearest.hpp"

#include <quire/limits.hpp>

#include <algorithm>
#include <iostream>

namespace quire::inline v0::cli {

namespace {

constexpr unsigned kMakers = kBuild | kAnthology | kWatch;  // the commands that make outputs

}  // namespace

const std::vector<Option>& options() {
    using K = ValueKind;
    static const std::vector<Option> all = {
        {"--output",
         "-o",
         "DIR",
         K::dir,
         {},
         "folder for the outputs (created if missing)",
         kMakers,
         ""},
        {"--output",
         "-o",
         "FILE",
         K::file,
         {},
         "the XML file to write (written whole or not at all)",
         kConvert,
         ""},
        {"--format",
         "",
         "LIST",
         K::choice,
         {"pdf", "epub", "pdf,epub"},
         "what to write: pdf, epub or pdf,epub (default: pdf,epub)",
         kMakers,
         ""},
        {"--epub-fonts",
         "",
         "MODE",
         K::choice,
         {"auto", "embed", "none"},
         "fonts in the EPUB: auto (the scripts a reader may lack; default),\n"
         "embed (every face used) or none (CSS family names only)",
         kMakers,
         ""},
        {"--style",
         "",
         "NAME|FILE",
         K::file,
         {},
         "house style: report (A4, the default), book (6x9 in, mirrored\n"
         "margins), letter (US Letter), or a style file (YAML; may extend\n"
         "one of them; 'quire styles' lists them, 'quire styles show NAME'\n"
         "prints one to start from)",
         kMakers,
         ""},
        {"--endnotes",
         "",
         "",
         K::none,
         {},
         "set the notes after the body instead of at the foot of each page",
         kMakers,
         ""},
        {"--pdf-standard",
         "",
         "LIST",
         K::choice,
         {"a-2u,ua-1", "a-3u,ua-1", "a-2u", "a-3u", "ua-1", "none"},
         "what the PDF claims to conform to: a-2u,ua-1 (the default: archival\n"
         "PDF/A-2u and accessible PDF/UA-1), a-3u,ua-1, a-2u, a-3u, ua-1 or none;\n"
         "every PDF is tagged (structure, reading order, languages) whatever the\n"
         "claim (docs/accessibility.md); the style's pdf.standard otherwise",
         kMakers,
         ""},
        {"--lang",
         "",
         "TAG",
         K::text,
         {},
         "language of title and body (BCP 47, e.g. en, tr); default: detect",
         kMakers | kConvert,
         ""},
        {"--bio-lang",
         "",
         "TAG",
         K::text,
         {},
         "language of the author bio; default: detect",
         kMakers | kConvert,
         ""},
        {"--allow-path",
         "",
         "DIR",
         K::dir,
         {},
         "a folder articles may read images from, besides their own folder\n"
         "(repeatable); no other file is read: not outside those folders (by an\n"
         "absolute path, ../ or a link), nor a device, FIFO or special file",
         kMakers,
         ""},
        {"--limit",
         "",
         "NAME=VALUE",
         K::text,
         {},
         "a resource limit for articles from strangers (repeatable); past one,\n"
         "the article fails with an error naming the limit (an image past\n"
         "image-pixels is left out with a warning). NAME is one of:\n"
         "@LIMITS@",
         kMakers,
         ""},
        {"--fonts",
         "",
         "FILE",
         K::file,
         {},
         "font fallback chains instead of the built-in fonts/fallback.conf",
         kMakers | kFonts,
         ""},
        {"--font",
         "",
         "FILE",
         K::file,
         {},
         "a font file (OpenType, TrueType or a collection) to set text in\n"
         "(repeatable): its family is taken from the file, before an installed\n"
         "family of that name; name the family in --fonts or a style's\n"
         "font_chains",
         kMakers | kFonts,
         ""},
        {"--no-system-fonts",
         "",
         "",
         K::none,
         {},
         "use only the --font files, not the fonts installed (fontconfig)",
         kMakers | kFonts,
         ""},
        {"--hyphenation-dir",
         "",
         "DIR",
         K::dir,
         {},
         "hyphenation dictionaries (hyph_*.dic) from DIR instead of\n/usr/share/hyphen",
         kMakers,
         ""},
        {"--jobs",
         "-j",
         "N",
         K::text,
         {},
         "articles converted in parallel (default: the number of cores; 0: same);\n"
         "with more than one, an anthology's EPUB is written beside its PDF",
         kMakers,
         ""},
        {"--force",
         "",
         "",
         K::none,
         {},
         "rebuild articles whose outputs are up to date",
         kMakers,
         ""},
        {"--shard",
         "",
         "I/N",
         K::text,
         {},
         "convert only the I-th of N parts of the inputs (1 <= I <= N): the\n"
         "articles whose index in the sorted inputs is I-1 modulo N",
         kBuild,
         ""},
        {"--preview",
         "",
         "DPI",
         K::text,
         {},
         "also write each PDF's pages as PNG images at DPI dots per inch\n"
         "(1 to 1200; 70 for web thumbnails): OUTDIR/SLUG.page-N.png",
         kMakers,
         ""},
        {"--prune",
         "",
         "",
         K::none,
         {},
         "remove the outputs an article left under an earlier title (a rerun\n"
         "reports them otherwise)",
         kBuild | kWatch,
         ""},
        {"--report",
         "",
         "FILE",
         K::file,
         {},
         "write a JSON report (per article: status, outputs, warnings, error)",
         kMakers,
         ""},
        {"--quiet", "-q", "", K::none, {}, "print errors and warnings only", kMakers, ""},
        {"--anthology",
         "",
         "",
         K::none,
         {},
         "also make the anthology of the INPUT articles, in input order",
         kBuild | kWatch,
         "anthology"},
        {"--collection",
         "",
         "FILE",
         K::file,
         {},
         "a manifest (YAML: title, subtitle, editors, date, lang, identifier,\n"
         "name, and the ordered list of articles); implies --anthology",
         kMakers,
         "anthology"},
        {"--title",
         "",
         "TEXT",
         K::text,
         {},
         "the anthology's title (default: the input folder's name)",
         kMakers,
         "anthology"},
        {"--subtitle", "", "TEXT", K::text, {}, "the anthology's subtitle", kMakers, "anthology"},
        {"--editor",
         "",
         "NAME",
         K::text,
         {},
         "an editor of the anthology (repeatable)",
         kMakers,
         "anthology"},
        {"--date",
         "",
         "TEXT",
         K::text,
         {},
         "the anthology's date, as printed",
         kMakers,
         "anthology"},
        {"--name",
         "",
         "NAME",
         K::text,
         {},
         "the anthology's file name: OUTDIR/NAME.pdf and .epub (default:\nanthology)",
         kMakers,
         "anthology"},
        {"--help",
         "-h",
         "",
         K::none,
         {},
         "show this help",
         kMakers | kConvert | kStyles | kFonts | kCompletion,
         ""},
        {"--version", "", "", K::none, {}, "show the version", kBuild, ""},
    };
    return all;
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

Parsed parse(unsigned command, std::string_view command_name,
             const std::vector<std::string>& args) {
    Parsed p;
    bool options_ended = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (options_ended || a.empty() || a[0] != '-' || a == "-") {
            p.args.push_back({nullptr, a});
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
        if (!o) {
            p.error = std::string(command_name) + ": unknown option '" + name + "'" +
                      did_you_mean(name, option_names(command));
            return p;
        }
        Arg arg{o, {}};
        if (o->value.empty()) {
            if (eq != std::string::npos) {
                p.error = std::string(o->name) + " takes no value";
                return p;
            }
        } else if (eq != std::string::npos) {
            arg.value = a.substr(eq + 1);
        } else if (i + 1 < args.size()) {
            arg.value = args[++i];
        } else {
            p.error = a + " needs a value (" + std::string(o->value) + ")";
            return p;
        }
        p.args.push_back(std::move(arg));
    }
    return p;
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

// cli: the help of each command. The prose is here; the option lines come from the option
// table (options.cpp), so the help, the parser and the completion scripts cannot disagree.
// help2man makes the man page quire(1) from `quire --help`.
#include "cli/cli.hpp"

namespace quire::inline v0::cli {

namespace {

// GNU's form ("Usage:", then "  or:"), which help2man turns into the man page's SYNOPSIS.
constexpr std::string_view kBuildHelp = R"(Usage: quire build INPUT... -o OUTDIR [options]
  or:  quire build --collection FILE.yaml -o OUTDIR [options]
  or:  quire anthology INPUT...|--collection FILE.yaml -o OUTDIR [options]
  or:  quire watch INPUT...|--collection FILE.yaml -o OUTDIR [options]
  or:  quire convert INPUT -o OUTPUT.xml [--lang TAG] [--bio-lang TAG]
  or:  quire styles [show NAME]
  or:  quire fonts [--fonts FILE] [--font FILE]... [--no-system-fonts]
  or:  quire completion bash|zsh|fish
  or:  quire help [COMMAND] | --help | --version

Converts articles into print PDFs and EPUB 3 books: OUTDIR/SLUG.pdf and
OUTDIR/SLUG.epub for each article, where SLUG comes from the article's title.
An INPUT is an article file or a folder, searched recursively for .txt, .md and
.xml files (hidden files and folders, and OUTDIR, are left out). Inputs are taken in the
byte order of their paths; two articles with the same slug get -2, -3, ...

Inputs: plain-text articles (.txt): a title line, body paragraphs with [n] note
references, a notes list of "[n] text" blocks, then the author's name and bio;
Markdown (.md) with a YAML front matter and footnotes; quire's XML (.xml).

Commands:
@COMMANDS@
Options (build, anthology and watch; --OPTION=VALUE works too):
@OPTIONS@  --                 end of the options: every argument after it is an INPUT, even one
                     starting with '-' (build, anthology, watch and convert: -- -x.txt)

Anthologies (one PDF and one EPUB of many articles: a title page, contents with page
numbers, each article from a right-hand page with its notes and bio; written as
OUTDIR/NAME.pdf and .epub, NAME from the manifest or "anthology"; an article whose
slug is NAME (or "anthology") gets the next free number instead: NAME-2):
@ANTHOLOGY@
'quire anthology' makes only the anthology: after a sharded run, assemble it with
the same inputs and OUTDIR. An anthology is not made when one of its articles
cannot be read; it cannot be combined with --shard.

'quire watch' builds as 'quire build' does, then again whenever an article, one of
its images, the style, a font or the manifest changes (within a second), until
Ctrl-C; errors are shown and the watch goes on.

An article whose outputs exist and whose source, images, options, style and quire version
are unchanged since it was built (recorded in OUTDIR/.quire/records) is skipped as up to
date. When an article's title, and so its slug, changed, the outputs under the old slug are
reported (--prune removes them).

Diagnostics are printed as FILE:LINE: warning: MESSAGE (or error).
Exit status: 0 when every input converted or was up to date, 1 when any failed (an
article, the anthology or a preview), 2 for bad usage or configuration (an unknown
option, a missing INPUT, a bad style, fonts or manifest file).
'quire COMMAND --help' (or 'quire help COMMAND') shows one command's help.

Examples:
  quire build article.txt -o out
  quire build articles/ -o out --style book --jobs 4 --report out/report.json
  quire build articles/ -o out --anthology --title "Spring Papers" --editor "A. Editor"
  quire build article.md -o out --preview 70
  quire watch article.md -o out
  quire convert article.md -o article.xml
  quire styles show book > house.yaml
  source <(quire completion bash)
)";

constexpr std::string_view kWatchHelp = R"(Usage: quire watch INPUT... -o OUTDIR [options]
  or:  quire watch --collection FILE.yaml -o OUTDIR [options]

Builds the INPUT articles as 'quire build' does, then watches them: whenever an
article, one of its images, the style file, a font file or the manifest changes (or an
article is added to an INPUT folder), what changed is built again within a second; the
outputs of the other articles are up to date and kept. Errors (an article that does
not read, a style with a mistake) are shown and the watch goes on; fix the file and it
is built. Ctrl-C (or SIGTERM) stops it, with exit status 0.

Options (as for 'quire build'):
@OPTIONS@
@ANTHOLOGY@
Examples:
  quire watch article.md -o out
  quire watch articles/ -o out --style house.yaml --preview 70
)";

constexpr std::string_view kConvertHelp =
    R"(Usage: quire convert INPUT -o OUTPUT.xml [--lang TAG] [--bio-lang TAG]

Reads an article in any input form (plain text, Markdown or quire's XML) and writes it as
quire's XML (docs/xml-format.md): everything quire read from it, to check or to edit.

Options:
@OPTIONS@
Examples:
  quire convert article.txt -o article.xml
  quire convert article.md -o article.xml --lang tr
)";

constexpr std::string_view kStylesHelp = R"(Usage: quire styles
  or:  quire styles show NAME

Lists the house styles built into quire (report, book, letter) with what each is for, or
prints one as its commented style file: a file that sets or inherits every key, to save,
edit and use with 'quire build --style FILE' (styles/README.md has the table of keys).

Examples:
  quire styles
  quire styles show book > house.yaml
)";

constexpr std::string_view kFontsHelp =
    R"(Usage: quire fonts [--fonts FILE] [--font FILE]... [--no-system-fonts]

Lists the font fallback chains (serif, sans, mono; fonts/fallback.conf, or FILE), in the order
quire tries them for each character: each family with the file its regular face comes from
and the scripts it has letters for. A family that is not installed is marked missing, with
the Debian package that has it. The options are those of 'quire build'.

Options:
@OPTIONS@
Examples:
  quire fonts
  quire fonts --fonts house-fonts.conf --font HouseSerif-Regular.otf
)";

constexpr std::string_view kCompletionHelp = R"(Usage: quire completion bash|zsh|fish

Prints the script that completes quire's commands, options, option values (formats,
styles, PDF standards) and file names in that shell. Load it for this session, or save it
where the shell finds it:

  bash:  source <(quire completion bash)
         quire completion bash > ~/.local/share/bash-completion/completions/quire
  zsh:   quire completion zsh > "${fpath[1]}/_quire"   (then: autoload -U compinit; compinit)
  fish:  quire completion fish > ~/.config/fish/completions/quire.fish

Installed with quire, the bash, zsh and fish scripts are already in place.

Examples:
  quire completion bash > quire.bash
  source <(quire completion bash)
)";

void fill(std::string& text, std::string_view key, const std::string& with) {
    if (const auto at = text.find(key); at != std::string::npos) text.replace(at, key.size(), with);
}

}  // namespace

std::string command_list() {
    std::string list;
    for (const auto& c : commands()) {
        std::string line = "  " + std::string(c.name);
        line.resize(14, ' ');
        list += line + std::string(c.summary) + "\n";
    }
    return list;
}

std::optional<std::string> command_help(std::string_view name) {
    std::string text;
    unsigned command = 0;
    if (name == "build" || name == "anthology" || name == "help" || name == "version" ||
        name.empty()) {
        text = kBuildHelp;
        command = name == "anthology" ? kAnthology : kBuild;
        fill(text, "@COMMANDS@", command_list());
    } else if (name == "watch") {
        text = kWatchHelp;
        command = kWatch;
    } else if (name == "convert") {
        text = kConvertHelp;
        command = kConvert;
    } else if (name == "styles") {
        text = kStylesHelp;
        command = kStyles;
    } else if (name == "fonts") {
        text = kFontsHelp;
        command = kFonts;
    } else if (name == "completion") {
        text = kCompletionHelp;
        command = kCompletion;
    } else {
        return std::nullopt;
    }
    fill(text, "@OPTIONS@", option_help(command));
    fill(text, "@ANTHOLOGY@", option_help(command, "anthology"));
    return text;
}

}  // namespace quire::inline v0::cli

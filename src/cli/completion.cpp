// cli: `quire completion bash|zsh|fish`: completion scripts made from the option table, so a
// new option completes in every shell the day it is added. Each completes the commands, the
// options of the command typed, an option's value (the choices of --format, --epub-fonts and
// --pdf-standard, the built-in style names and style files for --style, folders for -o,
// files for --report), and articles (.txt, .md, .xml and folders) as operands.
#include "cli/cli.hpp"

#include <quire/style_file.hpp>

#include <iostream>

namespace quire::inline v0::cli {

namespace {

/// The commands an option belongs to, by name, for a shell `case` or a fish condition.
std::vector<std::string> command_names(unsigned bits) {
    std::vector<std::string> out;
    for (const auto& c : commands())
        if ((bits & c.bit) && c.name != "help" && c.name != "version") out.emplace_back(c.name);
    return out;
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
    return out;
}

/// The first line of an option's help, without what a shell's quoting would trip on.
std::string summary(const Option& o, bool zsh) {
    std::string line(o.help.substr(0, o.help.find('\n')));
    if (const auto cut = line.find(" ("); cut != std::string::npos && cut > 20) line.resize(cut);
    if (const auto cut = line.find(": "); cut != std::string::npos && cut > 12) line.resize(cut);
    std::string out;
    for (char c : line) {
        if (c == '\'')
            out += zsh ? "'\\''" : "\\'";
        else if (zsh && (c == '[' || c == ']' || c == ':'))
            out += '\\', out += c;
        else
            out += c;
    }
    return out;
}

std::string style_names() {
    std::vector<std::string> names;
    for (const auto& n : builtin_style_names()) names.push_back(n);
    return join(names, " ");
}

bool repeatable(const Option& o) {
    return o.help.find("(repeatable)") != std::string_view::npos;
}

/// The commands a shell completes as the first word.
std::vector<std::string> all_commands() {
    std::vector<std::string> out;
    for (const auto& c : commands()) out.emplace_back(c.name);
    return out;
}

std::string bash() {
    std::string s =
        "# bash completion for quire (made by 'quire completion bash'; load it with\n"
        "# source <(quire completion bash))\n"
        "_quire_articles() {\n"
        "    compopt -o filenames 2>/dev/null\n"
        "    mapfile -t COMPREPLY < <(compgen -d -- \"$cur\"; compgen -f -X '!*.@(txt|md|xml)' -- "
        "\"$cur\")\n"
        "}\n"
        "_quire() {\n"
        "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd= i\n"
        "    shopt -s extglob\n"
        "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
        "        case ${COMP_WORDS[i]} in -*) ;; *) cmd=${COMP_WORDS[i]}; break ;; esac\n"
        "    done\n"
        "    if [[ -z $cmd ]]; then\n"
        "        COMPREPLY=($(compgen -W '" +
        join(all_commands(), " ") +
        " --help --version' -- \"$cur\"))\n"
        "        return\n"
        "    fi\n"
        "    case $cmd:$prev in\n";
    for (const auto& o : options()) {
        if (o.value.empty() || o.kind == ValueKind::text) continue;
        std::vector<std::string> cases;
        for (const auto& c : command_names(o.commands)) {
            cases.push_back(c + ":" + std::string(o.name));
            if (!o.short_name.empty()) cases.push_back(c + ":" + std::string(o.short_name));
        }
        s += "    " + join(cases, "|") + ")\n        ";
        if (o.name == "--style") {
            s += "compopt -o filenames 2>/dev/null\n"
                 "        mapfile -t COMPREPLY < <(compgen -W '" +
                 style_names() +
                 "' -- \"$cur\"; compgen -d -- \"$cur\"; compgen -f -X '!*.@(yaml|yml)' -- "
                 "\"$cur\")\n";
        } else if (o.kind == ValueKind::choice) {
            std::vector<std::string> values(o.choices.begin(), o.choices.end());
            s += "COMPREPLY=($(compgen -W '" + join(values, " ") + "' -- \"$cur\"))\n";
        } else if (o.kind == ValueKind::dir) {
            s += "compopt -o filenames 2>/dev/null\n"
                 "        mapfile -t COMPREPLY < <(compgen -d -- \"$cur\")\n";
        } else {
            s += "compopt -o filenames 2>/dev/null\n"
                 "        mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n";
        }
        s += "        return ;;\n";
    }
    // A value of free text: nothing to offer.
    std::vector<std::string> text_cases;
    for (const auto& o : options())
        if (o.kind == ValueKind::text)
            for (const auto& c : command_names(o.commands)) {
                text_cases.push_back(c + ":" + std::string(o.name));
                if (!o.short_name.empty())
                    text_cases.push_back(c + ":" + std::string(o.short_name));
            }
    s += "    " + join(text_cases, "|") + ")\n        return ;;\n    esac\n";
    s += "    if [[ $cur == -* ]]; then\n        case $cmd in\n";
    for (const auto& c : commands()) {
        std::vector<std::string> names;
        for (const auto& o : options())
            if (o.commands & c.bit && c.name != "help" && c.name != "version") {
                names.emplace_back(o.name);
                if (!o.short_name.empty()) names.emplace_back(o.short_name);
            }
        if (names.empty()) continue;
        s += "        " + std::string(c.name) + ") COMPREPLY=($(compgen -W '" + join(names, " ") +
             "' -- \"$cur\")) ;;\n";
    }
    s += "        esac\n        return\n    fi\n";
    s += "    case $cmd in\n"
         "    build|anthology|watch|convert) _quire_articles ;;\n"
         "    styles)\n"
         "        if [[ $prev == show ]]; then COMPREPLY=($(compgen -W '" +
         style_names() +
         "' -- \"$cur\"))\n"
         "        elif [[ $prev == styles ]]; then COMPREPLY=($(compgen -W 'show' -- \"$cur\")); "
         "fi ;;\n"
         "    completion) [[ $prev == completion ]] && COMPREPLY=($(compgen -W 'bash zsh fish' -- "
         "\"$cur\")) ;;\n"
         "    help) [[ $prev == help ]] && COMPREPLY=($(compgen -W '" +
         join(command_names(~0u), " ") +
         "' -- \"$cur\")) ;;\n"
         "    esac\n"
         "}\n"
         "complete -F _quire quire\n";
    return s;
}

std::string zsh() {
    std::string s =
        "#compdef quire\n"
        "# zsh completion for quire (made by 'quire completion zsh'; save it as _quire in a\n"
        "# folder of $fpath)\n"
        "_quire() {\n"
        "    local -a commands\n"
        "    commands=(\n";
    for (const auto& c : commands())
        s += "        '" + std::string(c.name) + ":" + std::string(c.summary) + "'\n";
    s += "    )\n"
         "    if (( CURRENT == 2 )); then\n"
         "        _describe -t commands 'quire command' commands\n"
         "        return\n"
         "    fi\n"
         "    local cmd=${words[2]}\n"
         "    shift words\n"
         "    (( CURRENT-- ))\n"
         "    case $cmd in\n";
    for (const auto& c : commands()) {
        if (c.name == "help") {
            s += "    help) _describe -t commands 'quire command' commands ;;\n";
            continue;
        }
        if (c.name == "version") continue;
        s += "    " + std::string(c.name) + ")\n        _arguments -s";
        for (const auto& o : options()) {
            if (!(o.commands & c.bit)) continue;
            const std::string desc = "[" + summary(o, true) + "]";
            std::string spec;
            const std::string star = repeatable(o) ? "*" : "";
            if (!o.short_name.empty())
                spec = "'(" + std::string(o.short_name) + " " + std::string(o.name) + ")'{" +
                       std::string(o.short_name) + "," + std::string(o.name) + "}'" + desc;
            else
                spec = "'" + star + std::string(o.name) + desc;
            if (!o.value.empty()) {
                spec += ":" + std::string(o.value) + ":";
                if (o.name == "--style")
                    spec += "{_alternative \"styles:style:(" + style_names() +
                            ")\" \"files:style file:_files -g \\\"*.(yaml|yml)\\\"\"}";
                else if (o.kind == ValueKind::choice) {
                    std::vector<std::string> values(o.choices.begin(), o.choices.end());
                    spec += "(" + join(values, " ") + ")";
                } else if (o.kind == ValueKind::dir)
                    spec += "_files -/";
                else if (o.kind == ValueKind::file)
                    spec += "_files";
                else
                    spec += " ";
            }
            s += " \\\n            " + spec + "'";
        }
        if (c.bit & (kBuild | kAnthology | kWatch))
            s += " \\\n            '*:article:_files -g \"*.(txt|md|xml)\"'";
        else if (c.bit == kConvert)
            s += " \\\n            ':article:_files -g \"*.(txt|md|xml)\"'";
        else if (c.bit == kStyles)
            s += " \\\n            ':subcommand:(show)' \\\n            ':style:(" + style_names() +
                 ")'";
        else if (c.bit == kCompletion)
            s += " \\\n            ':shell:(bash zsh fish)'";
        s += " ;;\n";
    }
    s += "    esac\n"
         "}\n"
         "if [[ $funcstack[1] == _quire ]]; then _quire \"$@\"; else compdef _quire quire; fi\n";
    return s;
}

std::string fish() {
    std::string s =
        "# fish completion for quire (made by 'quire completion fish'; save it as\n"
        "# ~/.config/fish/completions/quire.fish)\n"
        "complete -c quire -f\n";
    for (const auto& c : commands())
        s += "complete -c quire -n __fish_use_subcommand -a " + std::string(c.name) + " -d '" +
             std::string(c.summary) + "'\n";
    for (const auto& o : options()) {
        const auto names = command_names(o.commands);
        if (names.empty()) continue;
        s += "complete -c quire -n '__fish_seen_subcommand_from " + join(names, " ") + "' -l " +
             std::string(o.name.substr(2));
        if (!o.short_name.empty()) s += " -s " + std::string(o.short_name.substr(1));
        if (!o.value.empty()) {
            if (o.name == "--style")
                s += " -r -F -a '" + style_names() + "'";
            else if (o.kind == ValueKind::choice) {
                std::vector<std::string> values(o.choices.begin(), o.choices.end());
                s += " -x -a '" + join(values, " ") + "'";
            } else if (o.kind == ValueKind::dir)
                s += " -x -a '(__fish_complete_directories)'";
            else if (o.kind == ValueKind::file)
                s += " -r -F";
            else
                s += " -x";
        }
        s += " -d '" + summary(o, false) + "'\n";
    }
    s += "complete -c quire -n '__fish_seen_subcommand_from build anthology watch convert' -F\n"
         "complete -c quire -n '__fish_seen_subcommand_from styles; and not "
         "__fish_seen_subcommand_from show' -a show -d 'print a style file'\n"
         "complete -c quire -n '__fish_seen_subcommand_from show' -a '" +
         style_names() +
         "'\n"
         "complete -c quire -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'\n"
         "complete -c quire -n '__fish_seen_subcommand_from help' -a '" +
         join(command_names(~0u), " ") + "'\n";
    return s;
}

}  // namespace

int completion(const std::vector<std::string>& args) {
    const auto parsed = parse(kCompletion, "completion", args);
    if (!parsed) return usage_error(parsed.error().message);
    std::string shell;
    for (const auto& [opt, v] : *parsed) {
        if (opt) {  // --help
            std::cout << *command_help("completion");
            return 0;
        }
        if (!shell.empty()) return usage_error("completion takes one shell");
        shell = v;
    }
    if (shell == "bash")
        std::cout << bash();
    else if (shell == "zsh")
        std::cout << zsh();
    else if (shell == "fish")
        std::cout << fish();
    else
        return usage_error("completion needs a shell: bash, zsh or fish" +
                           (shell.empty() ? std::string()
                                          : " (not '" + shell + "')" +
                                                did_you_mean(shell, {"bash", "zsh", "fish"})));
    return 0;
}

}  // namespace quire::inline v0::cli

// cli: the `quire` command. A thin layer over the public API (include/quire); the batch
// engine (include/quire/batch.hpp) does the work. main() only dispatches: each command is a
// function (cli.hpp), their options one table (options.cpp). Of the library's insides the
// CLI uses only base/atomic_file for its own output files (the XML of `convert`, the report)
// and base/nearest for "did you mean", compiled into the program when the library is shared
// (CMakeLists.txt), and the QUIRE_TRY macros of base/result.hpp (a header).
//
// Exit status (documented in --help): 0 when every input converted (or was up to date), 1
// when some failed, 2 for bad usage or configuration.
#include "cli/cli.hpp"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    namespace cli = quire::cli;
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        // A short overview (the whole help is 150 lines: it would scroll the usage away).
        const std::string help = *cli::command_help("");
        std::cerr << help.substr(0, help.find("\n\n") + 1) << "\nCommands:\n"
                  << cli::command_list();
        std::cerr << "\n'quire --help' shows every option; 'quire COMMAND --help' one command's.\n";
        return 2;
    }
    const std::string& command = args[0];
    if (command == "-h" || command == "--help" || command == "help") {
        // quire help COMMAND: that command's help.
        const std::string name = command == "help" && args.size() > 1 ? args[1] : "";
        const auto help = cli::command_help(name);
        if (!help) {
            std::vector<std::string> names;
            for (const auto& c : cli::commands()) names.emplace_back(c.name);
            return cli::usage_error("help: no command '" + name + "'" +
                                    cli::did_you_mean(name, names));
        }
        std::cout << *help;
        return 0;
    }
    if (command == "--version" || command == "version") {
        std::cout << "quire " << quire::version() << "\n";
        return 0;
    }
    if (command == "build" || command == "anthology" || command == "watch") return cli::build(args);
    if (command == "convert") return cli::convert(args);
    if (command == "styles") return cli::styles(args);
    if (command == "fonts") return cli::fonts(args);
    if (command == "completion") return cli::completion(args);
    std::vector<std::string> names;
    std::string list;
    for (const auto& c : cli::commands()) {
        names.emplace_back(c.name);
        list += (list.empty() ? "" : ", ") + std::string(c.name);
    }
    return cli::usage_error("unknown command '" + command + "'" +
                            cli::did_you_mean(command, names) + "; the commands are " + list);
}

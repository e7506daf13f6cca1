// cli: the `quire` command's parts. main.cpp dispatches to one function a command; the option
// table (options.cpp) is the one source of every option's name, value and help: the commands'
// --help (and so the man page, which help2man makes from it), the parser, "did you mean" and
// the shell completion scripts are all made from it.
#pragma once

#include <quire/quire.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace quire::inline v0::cli {

/// The commands, as bits: an option names the commands it belongs to.
enum Command : unsigned {
    kBuild = 1u << 0,
    kAnthology = 1u << 1,
    kWatch = 1u << 2,
    kConvert = 1u << 3,
    kStyles = 1u << 4,
    kFonts = 1u << 5,
    kCompletion = 1u << 6,
};

/// What an option's value is, for completion: a file, a folder, one of `choices`, or free text.
enum class ValueKind { none, file, dir, choice, text };

/// One option of the table. Every member but the name and the help has a default, so that a
/// row names only what it sets.
struct Option {
    std::string_view name;             ///< "--output"
    std::string_view short_name = {};  ///< "-o", or empty
    std::string_view value = {};       ///< the value's name in the help ("DIR"); empty for a flag
    ValueKind kind = ValueKind::none;
    std::span<const std::string_view> choices = {};  ///< the values of a choice (completion)
    std::string_view help;                           ///< one or more lines ('\n' between them)
    unsigned commands = 0;                           ///< the Command bits it belongs to
    std::string_view group = {};                     ///< the help section: "" or "anthology"
};

/// Every option of every command, in the order the help lists them.
std::span<const Option> options();

struct CommandInfo {
    std::string_view name;
    Command bit;
    std::string_view summary;  ///< one line, for completion and the command list
};

/// The commands, in the order the help lists them.
const std::vector<CommandInfo>& commands();

/// The option of `command` called `arg` ("--output" or "-o"), or null.
const Option* find_option(unsigned command, std::string_view arg);

/// The names of `command`'s options, for suggestions.
std::vector<std::string> option_names(unsigned command);

/// The help lines of `command`'s options of section `group`, aligned as GNU tools do.
std::string option_help(unsigned command, std::string_view group = "");

/// One command-line argument read against the table: an option (and its value, from the next
/// argument or after '='), or an operand.
struct Arg {
    const Option* option = nullptr;  ///< null: an operand
    std::string value;               ///< the option's value, or the operand
};

/// Reads `args` (after the command's name) against `command`'s options. "--" ends the options.
/// A usage error (unknown option with a suggestion, a missing value) is the error's message.
Result<std::vector<Arg>> parse(unsigned command, std::string_view command_name,
                               const std::vector<std::string>& args);

/// Prints "quire: MESSAGE" and the pointer to --help on stderr; returns 2.
int usage_error(const std::string& msg);

/// " (did you mean X?)" when `given` is a likely typo of one of `known`, else empty.
std::string did_you_mean(const std::string& given, const std::vector<std::string>& known);

// The commands; `args` starts with the command's name.
int build(const std::vector<std::string>& args);  // build, anthology and watch
int convert(const std::vector<std::string>& args);
int styles(const std::vector<std::string>& args);
int fonts(const std::vector<std::string>& args);
int completion(const std::vector<std::string>& args);

/// The commands with their one-line summaries, a line each, as the help lists them.
std::string command_list();

/// The help of a command (by name), or nullopt when there is no such command.
std::optional<std::string> command_help(std::string_view name);

/// The font library of --fonts FILE (chains; empty: the built-in ones), --font FILE... and the
/// options (--no-system-fonts, --hyphenation-dir); the error names the file at fault.
Result<std::shared_ptr<FontLibrary>> font_library(const std::string& chains_file,
                                                  const std::vector<std::string>& font_files,
                                                  const FontOptions& options);

}  // namespace quire::inline v0::cli

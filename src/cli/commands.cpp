// cli: `quire convert`, `quire styles` and `quire fonts`.
#include "cli/cli.hpp"

#include "base/atomic_file.hpp"

#include <quire/style_file.hpp>

#include <algorithm>
#include <iostream>

namespace quire::inline v0::cli {

namespace {

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

/// The Debian package that has a family quire's built-in chains name.
std::string debian_package(const std::string& family) {
    if (family.find("CJK") != std::string::npos) return "fonts-noto-cjk";
    if (family.find("Emoji") != std::string::npos) return "fonts-noto-color-emoji";
    if (family.rfind("DejaVu", 0) == 0) return "fonts-dejavu-core";
    if (family.find("Mono") != std::string::npos) return "fonts-noto-mono";
    if (family.rfind("Noto", 0) == 0) return "fonts-noto-core or fonts-noto-extra";
    return {};
}

}  // namespace

Result<std::shared_ptr<FontLibrary>> font_library(const std::string& chains_file,
                                                  const std::vector<std::string>& font_files,
                                                  const FontOptions& options) {
    auto lib = chains_file.empty()
                   ? Result<std::shared_ptr<FontLibrary>>(std::make_shared<FontLibrary>(options))
                   : FontLibrary::from_file(chains_file, options);
    if (!lib) return lib;
    for (const auto& f : font_files)
        if (auto added = (*lib)->add_font_file(f); !added) return added.error();
    return lib;
}

/// `quire styles [show NAME]`: the built-in styles, or one of them as a style file.
int styles(const std::vector<std::string>& args) {
    const auto names = builtin_style_names();
    if (args.size() == 2 && (args[1] == "-h" || args[1] == "--help")) {
        std::cout << *command_help("styles");
        return 0;
    }
    if (args.size() == 1) {
        for (const auto& n : names)
            std::cout << n << std::string(n.size() < 8 ? 8 - n.size() : 1, ' ')
                      << style_summary(builtin_style_text(n)) << "\n";
        std::cout << "(quire styles show NAME prints one; --style NAME uses it)\n";
        return 0;
    }
    if (args[1] != "show")
        return usage_error("styles: unknown subcommand '" + args[1] + "'" +
                           did_you_mean(args[1], {"show"}) + "; quire styles [show NAME]");
    if (args.size() != 3) return usage_error("styles show needs one style name");
    const std::string_view text = builtin_style_text(args[2]);
    if (text.empty()) {
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        return usage_error("no built-in style '" + args[2] + "'" + did_you_mean(args[2], names) +
                           "; the styles are " + list);
    }
    std::cout << text;
    return 0;
}

/// `quire fonts`: the fallback chains, each family's file and scripts.
int fonts(const std::vector<std::string>& args) {
    std::string chains_file;
    std::vector<std::string> files;
    FontOptions options;
    const auto parsed = parse(kFonts, "fonts", args);
    if (!parsed) return usage_error(parsed.error().message);
    for (const auto& [opt, v] : *parsed) {
        if (!opt) return usage_error("fonts takes no operand ('" + v + "')");
        if (opt->name == "--help") {
            std::cout << *command_help("fonts");
            return 0;
        }
        if (opt->name == "--fonts") chains_file = v;
        if (opt->name == "--font") files.push_back(v);
        if (opt->name == "--no-system-fonts") options.system_fonts = false;
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
    ReadOptions ropts;
    const auto parsed = parse(kConvert, "convert", args);
    if (!parsed) return usage_error(parsed.error().message);
    for (const auto& [opt, v] : *parsed) {
        if (!opt) {
            if (!input.empty()) return usage_error("convert takes one input");
            input = v;
        } else if (opt->name == "--help") {
            std::cout << *command_help("convert");
            return 0;
        } else if (opt->name == "--output") {
            output = v;
        } else {  // --lang, --bio-lang
            if (!is_language_tag(v))
                return usage_error(std::string(opt->name) + ": '" + v +
                                   "' is not a BCP 47 language tag");
            (opt->name == "--lang" ? ropts.lang : ropts.bio_lang) = v;
        }
    }
    if (input.empty()) return usage_error("convert: no input file");
    if (output.empty()) return usage_error("convert: no output file (-o OUTPUT.xml)");
    Diagnostics diags;
    auto article = read_article(input, diags, ropts);
    for (const auto& d : diags.all()) std::cerr << d.format() << "\n";
    if (!article) {
        std::cerr << article.error().format() << "\n";
        return 1;
    }
    auto ok = write_file_atomically(output, article_to_xml(*article));
    if (!ok) {
        std::cerr << ok.error().format() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace quire::inline v0::cli

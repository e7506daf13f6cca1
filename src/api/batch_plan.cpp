// api/batch_plan: what a batch starts from (batch_parts.hpp): the slugs numbered in input
// order, the books' names that no article takes, the key every article's content hash starts
// with, and the output folder rid of the temporaries of a killed run.
#include "api/batch_parts.hpp"
#include "api/impl.hpp"

#include <quire/style_file.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <regex>

namespace quire::inline v0 {

std::vector<std::string> unique_slugs(const std::vector<std::string>& slugs,
                                      const std::vector<std::string>& reserved) {
    detail::SlugNumbering numbering(reserved);
    std::vector<std::string> out;
    out.reserve(slugs.size());
    for (const auto& s : slugs) out.push_back(numbering.next(s));
    return out;
}

namespace detail {

void remove_stale_temps(const fs::path& dir) {
    static const std::regex temp_name(R"(^\.(.+\.(pdf|epub|sha256)|records)\.[A-Za-z0-9]{6}$)");
    const auto cutoff = fs::file_time_type::clock::now() - std::chrono::minutes(1);
    for (const fs::path& d : {dir, dir / ".quire"}) {
        std::error_code ec;
        for (fs::directory_iterator it(d, ec); !ec && it != fs::directory_iterator();
             it.increment(ec)) {
            const std::string name = it->path().filename().string();
            if (!std::regex_match(name, temp_name)) continue;
            std::error_code ec2;
            if (!it->is_regular_file(ec2)) continue;
            const auto t = it->last_write_time(ec2);
            if (!ec2 && t < cutoff) fs::remove(it->path(), ec2);
        }
    }
}

std::vector<std::string> recorded_books(const fs::path& output_dir) {
    static const std::string suffix = ".collection.sha256";  // quire 0.2's stamp files
    Records records(output_dir / ".quire" / "records");
    records.load();
    std::vector<std::string> names = records.books();
    std::error_code ec;
    for (fs::directory_iterator it(output_dir / ".quire", ec);
         !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string file = it->path().filename().string();
        if (file.size() > suffix.size() && file[0] != '.' &&
            file.compare(file.size() - suffix.size(), suffix.size(), suffix) == 0)
            names.push_back(file.substr(0, file.size() - suffix.size()));
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

/// What every article of the batch shares in its content hash.
std::string batch_common_key(const BatchOptions& o) {
    std::string k = "quire " + std::string(version()) + "\n";
    k += std::string("formats=") + (o.pdf ? "pdf" : "") + "," + (o.epub ? "epub" : "") +
         (o.print_pdf ? ",print-pdf" : "") + "\n";
    k += "lang=" + std::to_string(o.read.lang.size()) + ":" + o.read.lang + "\n";
    k += "bio_lang=" + std::to_string(o.read.bio_lang.size()) + ":" + o.read.bio_lang + "\n";
    for (const auto& a : o.read.allowed_paths)
        k += "allow_path=" + std::to_string(a.string().size()) + ":" + a.string() + "\n";
    k += describe(o.style);
    auto ts = [](const std::optional<std::int64_t>& t) {
        return t ? std::to_string(*t) : std::string("unset");
    };
    k += "pdf.timestamp=" + ts(o.pdf_options.timestamp) + "\n";
    k += "pdf.producer=" + std::to_string(o.pdf_options.producer.size()) + ":" +
         o.pdf_options.producer + "\n";
    k += "pdf.standard=" +
         (o.pdf_options.standard ? to_string(*o.pdf_options.standard) : std::string("style")) +
         "\n";
    k += "epub.timestamp=" + ts(o.epub_options.timestamp) + "\n";
    k += "epub.identifier=" + std::to_string(o.epub_options.identifier.size()) + ":" +
         o.epub_options.identifier + "\n";
    k += "epub.fonts=" + std::to_string(static_cast<int>(o.epub_options.fonts)) + "\n";
    const char* sde = std::getenv("SOURCE_DATE_EPOCH");  // read by the backends when unset above
    k += std::string("SOURCE_DATE_EPOCH=") + (sde ? sde : "") + "\n";
    k += "fonts=" + (o.fonts ? o.fonts : FontLibrary::shared())->content_key() + "\n";
    return k;
}

bool article_recorded(const fs::path& output_dir, const std::string& slug) {
    Records records(output_dir / ".quire" / "records");
    records.load();
    const auto* e = records.find(slug);
    return e && e->hash != "-" && !e->book();
}

}  // namespace detail

}  // namespace quire::inline v0

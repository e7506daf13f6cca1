// api/batch: the batch engine (include/quire/batch.hpp). A pool of worker threads sharing one
// FontLibrary converts the sorted inputs; each article has its own Diagnostics and is dropped
// once written. A whole batch reads each article once (SlugResolver numbers the slugs in input
// order as workers parse); a shard first reads every input for its slug (keeping the slug
// strings alone), then converts its own articles.
#include <quire/batch.hpp>
#include <quire/collection.hpp>
#include <quire/style_file.hpp>

#include "api/impl.hpp"
#include "api/records.hpp"
#include "base/limits.hpp"
#include "base/sha256.hpp"
#include "import/common.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

namespace quire::inline v0 {

namespace fs = std::filesystem;

const std::vector<std::string>& article_extensions() {
    static const std::vector<std::string> exts = {".txt", ".md", ".xml"};
    return exts;
}

namespace {

bool hidden(const fs::path& p) {
    const std::string name = p.filename().string();
    return !name.empty() && name[0] == '.' && name != "." && name != "..";
}

std::string lower_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

bool same_dir(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    return fs::equivalent(a, b, ec) && !ec;
}

}  // namespace

std::vector<fs::path> find_articles(const std::vector<fs::path>& inputs, const fs::path& skip_dir) {
    const auto& exts = article_extensions();
    std::vector<std::string> found;
    for (const auto& in : inputs) {
        std::error_code ec;
        if (!fs::is_directory(in, ec)) {
            found.push_back(in.string());
            continue;
        }
        fs::recursive_directory_iterator it(in, fs::directory_options::skip_permission_denied, ec);
        for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            const fs::path& p = it->path();
            std::error_code ec2;
            if (it->is_directory(ec2)) {
                if (hidden(p) || (!skip_dir.empty() && same_dir(p, skip_dir)))
                    it.disable_recursion_pending();
                continue;
            }
            // A build file is never an article (examples/embedding/ beside the example articles).
            if (hidden(p) || p.filename() == "CMakeLists.txt") continue;
            const std::string ext = lower_ascii(p.extension().string());
            if (std::find(exts.begin(), exts.end(), ext) == exts.end()) continue;
            if (!it->is_regular_file(ec2)) continue;
            found.push_back(p.string());
        }
    }
    std::sort(found.begin(), found.end());  // byte order of the path
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return {found.begin(), found.end()};
}

namespace {

/// Numbers slugs that come again, in input order: "slug", then "slug-2", "slug-3"... An
/// article's slug depends on the slugs before it alone.
class SlugNumbering {
public:
    /// `reserved`: names taken before the first slug (the books' file names).
    explicit SlugNumbering(const std::vector<std::string>& reserved = {})
        : used_(reserved.begin(), reserved.end()) {}

    std::string next(const std::string& s) {
        if (s.empty()) return {};
        std::string u = s;
        for (int n = 2; used_.count(u); ++n) u = s + "-" + std::to_string(n);
        used_.insert(u);
        return u;
    }

private:
    std::set<std::string> used_;
};

}  // namespace

std::vector<std::string> unique_slugs(const std::vector<std::string>& slugs,
                                      const std::vector<std::string>& reserved) {
    SlugNumbering numbering(reserved);
    std::vector<std::string> out;
    out.reserve(slugs.size());
    for (const auto& s : slugs) out.push_back(numbering.next(s));
    return out;
}

/// The style as its style file (every key, see write_style), so that a style's description
/// can be read back as the same style.
std::string describe(const Style& s) {
    return write_style(s);
}

std::string_view to_string(BatchStatus status) {
    switch (status) {
        case BatchStatus::converted:
            return "converted";
        case BatchStatus::skipped:
            return "skipped";
        case BatchStatus::failed:
            return "failed";
    }
    return "failed";
}

namespace {

using Clock = std::chrono::steady_clock;
using detail::Records;

/// Removes the hidden temporaries of an earlier, killed run: ".NAME.pdf.XXXXXX",
/// ".NAME.epub.XXXXXX", ".NAME.collection.sha256.XXXXXX" and ".records.XXXXXX" not touched for
/// a minute (a live writer renames its temporary within moments of creating it, so another
/// shard writing into the same folder keeps its own).
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

/// The names of the books recorded in OUTDIR/.quire: their lines in the journal (see
/// run_collection), and the stamp files NAME.collection.sha256 of quire 0.2, in byte order.
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
std::string common_key(const BatchOptions& o) {
    std::string k = "quire " + std::string(version()) + "\n";
    k += std::string("formats=") + (o.pdf ? "pdf" : "") + "," + (o.epub ? "epub" : "") + "\n";
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

/// The article's file as the journal names it (Records::Entry::source): absolute, weakly
/// canonical.
std::string source_key(const fs::path& input) {
    return import::real_path(input).string();
}

/// The images an article depends on, as the journal names them, sorted, each once: with
/// ReadOptions::images, each image's source as written (the resolver's key); else the absolute
/// path of the file it names, resolved against the article's folder as its reader resolves it
/// (import::resolve_image), whether that file was read, missing or refused: an image missing
/// now may be there on the next run. Remote images of Markdown ("https://…"), which the reader
/// never looks up, are left out. `known` gets the bytes the resolver gave while reading.
std::vector<std::string> image_dependencies(
    const Article& a, const fs::path& input, const ReadOptions& read,
    std::map<std::string, std::shared_ptr<const std::string>>& known) {
    const bool markdown = article_format(input) == ArticleFormat::markdown;
    std::vector<std::string> deps;
    auto add = [&](const Image& im) {
        if (im.src.empty() || (markdown && im.src.find("://") != std::string::npos)) return;
        if (read.images) {
            if (im.data) known.emplace(im.src, im.data);
            deps.push_back(im.src);
            return;
        }
        const fs::path written = im.src;
        const fs::path p =
            (written.is_absolute() ? written : input.parent_path() / written).lexically_normal();
        std::error_code ec;
        const fs::path abs = fs::absolute(p, ec);  // not normalized again: "../" stays the kernel's
        deps.push_back((ec ? p : abs).string());
    };
    auto add_all = [&](const std::vector<Paragraph>& paragraphs) {
        for (const auto& p : paragraphs)
            if (p.image) add(*p.image);
    };
    add_all(a.body);
    for (const auto& n : a.notes) add_all(n.paragraphs);
    if (a.bio) {
        add_all(a.bio->paragraphs);
        if (a.bio->photo) add(*a.bio->photo);
    }
    std::sort(deps.begin(), deps.end());
    deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
    return deps;
}

/// "sha256 HEX" of a file's bytes, read in pieces (an image may be large), or "unreadable".
std::string file_state(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return "unreadable";
    Sha256 h;
    std::string buf(64 * 1024, '\0');
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        h.update(std::string_view(buf.data(), static_cast<std::size_t>(in.gcount())));
    }
    if (in.bad()) return "unreadable";
    return "sha256 " + h.hex();
}

/// What an image dependency is now, as far as the article's outputs depend on it: for a file,
/// what the file-access policy makes of it (import::resolve_image: "missing", "not a file",
/// "outside REAL-PATH"), else the digest of its bytes; for a resolver's image, the digest of
/// the bytes it gives ("none" when it gives none). The same image gives the same state whether
/// the reader took it or refused it as damaged, so that a damaged image does not make its
/// article rebuild on every run. `known`: bytes the resolver gave while the article was read
/// (not asked for again).
std::string image_state(const std::string& dep, const fs::path& input, const ReadOptions& read,
                        const std::map<std::string, std::shared_ptr<const std::string>>* known) {
    if (read.images) {
        if (known)
            if (const auto it = known->find(dep); it != known->end())
                return "sha256 " + sha256_hex(*it->second);
        std::optional<std::string> bytes;
        try {
            bytes = read.images(dep);
        } catch (...) {
            return "none (the resolver threw)";
        }
        return bytes ? "sha256 " + sha256_hex(*bytes) : std::string("none");
    }
    const fs::path path = dep;
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);  // follows links; never opens the file
    if (ec || !fs::exists(st)) return "missing";
    if (!fs::is_regular_file(st)) return "not a file";
    const fs::path target = import::real_path(path);
    bool inside = import::path_inside(target, import::real_path(input.parent_path()));
    for (const auto& allowed : read.allowed_paths)
        inside = inside || import::path_inside(target, import::real_path(allowed));
    if (!inside) return "outside " + target.string();
    return file_state(target);
}

/// The digest of the images an article depends on and their states ("-" for none): the
/// journal's IMAGES-DIGEST.
std::string images_digest(
    const std::vector<std::string>& deps, const fs::path& input, const ReadOptions& read,
    const std::map<std::string, std::shared_ptr<const std::string>>* known = nullptr) {
    if (deps.empty()) return "-";
    Sha256 h;
    for (const auto& dep : deps) {
        const std::string state = image_state(dep, input, read, known);
        h.update(std::to_string(dep.size())).update(":").update(dep);
        h.update(std::to_string(state.size())).update(":").update(state);
    }
    return h.hex();
}

/// Splits diagnostics into warnings (kept) and counts them.
void keep_warnings(Diagnostics& diags, BatchItem& item) {
    for (const auto& d : diags.all()) item.warnings.push_back(d);
    diags.clear();
}

/// Final slugs for a batch that reads each article once: workers take articles in input order,
/// publish each article's own slug as soon as it is parsed, and wait for its final slug, which
/// is known once every earlier article has published (SlugNumbering). An earlier article is
/// always in a worker's hands already, parsing, so the wait is short and cannot deadlock.
class SlugResolver {
public:
    SlugResolver(std::size_t n, const std::vector<std::string>& reserved)
        : base_(n), final_(n), numbering_(reserved) {}

    void publish(std::size_t k, std::string slug) {
        {
            const std::lock_guard lock(mu_);
            base_[k] = std::move(slug);
            while (resolved_ < base_.size() && base_[resolved_]) {
                final_[resolved_] = numbering_.next(*base_[resolved_]);
                base_[resolved_].reset();
                ++resolved_;
            }
        }
        cv_.notify_all();
    }

    std::string wait(std::size_t k) {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return resolved_ > k; });
        return final_[k];
    }

    /// Every final slug once all are known (never waits), else nullopt.
    std::optional<std::vector<std::string>> all() {
        const std::lock_guard lock(mu_);
        if (resolved_ < final_.size()) return std::nullopt;
        return final_;
    }

private:
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<std::optional<std::string>> base_;
    std::vector<std::string> final_;
    std::size_t resolved_ = 0;
    SlugNumbering numbering_;
};

/// An article already read and parsed by its worker (a batch that reads each article once).
struct Parsed {
    Result<std::string> bytes;
    Result<Article> article;
    Diagnostics diags;
};

/// Reads and parses input k and publishes its slug (empty if it cannot be read), also when
/// reading throws: the articles after it wait for it.
Parsed read_and_publish(std::size_t k, const fs::path& input, const ReadOptions& read,
                        SlugResolver& resolver) {
    try {
        Diagnostics diags;
        auto bytes = read_article_bytes(input, read.limits);
        auto article =
            bytes ? parse_article(*bytes, input, diags, read) : Result<Article>(bytes.error());
        resolver.publish(k, article ? slug(*article) : std::string());
        return Parsed{std::move(bytes), std::move(article), std::move(diags)};
    } catch (...) {
        resolver.publish(k, {});  // (again, if publish() itself threw: harmless)
        throw;
    }
}

/// Converts one article. `parsed` holds it already read and parsed (a batch that reads each
/// article once), else it is read here (after the slug pass). `source`: source_key(input).
BatchItem convert_one(std::size_t index, const fs::path& input, const std::string& source,
                      const std::string& slug, const BatchOptions& o, const Sha256& keyed,
                      const std::shared_ptr<FontLibrary>& fonts, Records& records,
                      Parsed* parsed = nullptr) {
    BatchItem item;
    item.index = index;
    item.input = input;
    item.slug = slug;
    // The article's time limit covers its typesetting and writing both (typeset's own scope
    // keeps this deadline, the earlier one).
    const detail::LimitScope limits(o.read.limits);
    Diagnostics own_diags;
    Diagnostics& diags = parsed ? parsed->diags : own_diags;
    auto fail = [&](Diagnostic d) {
        keep_warnings(diags, item);
        item.status = BatchStatus::failed;
        item.error = std::move(d);
        return item;
    };
    // A cancelled batch makes no more articles: each one not yet made fails at once.
    if (o.read.limits.cancel && o.read.limits.cancel->load())
        return fail(make_error({input.string()}, "cancelled"));
    if (parsed && !parsed->bytes) return fail(parsed->bytes.error());
    if (parsed && !parsed->article) return fail(parsed->article.error());
    if (slug.empty()) {
        if (parsed) return fail(make_error({input.string()}, "the article has no slug"));
        // Unreadable in the first pass: read again for the error to report.
        auto a = read_article(input, diags, o.read);
        if (!a) return fail(a.error());
        return fail(make_error({input.string()}, "the article has no slug"));
    }
    const fs::path pdf_path = o.output_dir / (slug + ".pdf");
    const fs::path epub_path = o.output_dir / (slug + ".epub");

    // The file is read once: its bytes are both hashed and parsed, so the record always
    // describes the source the outputs were made from.
    auto bytes = parsed ? std::move(parsed->bytes) : read_article_bytes(input, o.read.limits);
    if (!bytes) return fail(bytes.error());
    Sha256 hasher = keyed;  // the common key, hashed once per batch
    const std::string hash = hasher.update("source=").update(*bytes).hex();
    // The record names the size of each output: outputs are synced once at the end of the
    // batch (see run_batch), so after a crash an output may be shorter than when it was
    // recorded, and then the record does not vouch for it.
    auto size_of = [](bool built, const fs::path& p) {
        if (!built) return std::string("-");
        std::error_code ec;
        const auto n = fs::file_size(p, ec);
        return ec ? std::string("missing") : std::to_string(n);
    };
    // Up to date: the same source bytes (and options, style, version: HASH) in the same file,
    // the outputs as recorded, and the images as they were. The images are checked without
    // reading the article again: its bytes and its folder are unchanged, so it names the same
    // images, resolved to the same files, as when it was recorded; those are hashed again
    // (files are read, not decoded) and compared with the recorded digest. An image that has
    // appeared or gone since changes its state, and so the digest.
    const Records::Entry* old = records.find(slug);
    if (!o.force && old && !old->legacy && old->hash == hash && old->source == source &&
        old->pdf == size_of(o.pdf, pdf_path) && old->epub == size_of(o.epub, epub_path) &&
        old->images_digest == images_digest(old->images, input, o.read)) {
        item.status = BatchStatus::skipped;
        item.pages = old->pages;
        item.images.assign(old->images.begin(), old->images.end());
        if (o.pdf) item.outputs.push_back(pdf_path);
        if (o.epub) item.outputs.push_back(epub_path);
        return item;
    }

    // From here the outputs change: an old record must not vouch for them if this run fails
    // half way (it would make a later run skip an article whose outputs are not its own).
    if (old && old->hash != "-")
        if (auto ok = records.append(slug, Records::tombstone()); !ok) return fail(ok.error());
    auto article =
        parsed ? std::move(parsed->article) : parse_article(*bytes, input, diags, o.read);
    if (!article) return fail(article.error());
    // The images' states are taken before the outputs are written (which read the image files
    // again): an image changed in between makes the record older than the outputs, and the
    // next run rebuilds, never the other way round.
    Records::Entry entry;
    entry.hash = hash;
    entry.source = source;
    {
        std::map<std::string, std::shared_ptr<const std::string>> known;
        entry.images = image_dependencies(*article, input, o.read, known);
        entry.images_digest = images_digest(entry.images, input, o.read, &known);
    }
    if (o.pdf) {
        auto doc = typeset(*article, o.style, diags, fonts, o.read.limits);
        if (!doc) return fail(doc.error());
        auto bytes = write_pdf(*doc, o.pdf_options);
        if (!bytes) return fail(bytes.error());
        auto ok = write_file_atomically(pdf_path, *bytes, Sync::deferred);
        if (!ok) return fail(ok.error());
        item.pages = doc->page_count();
        item.outputs.push_back(pdf_path);
    }
    if (o.epub) {
        auto bytes = write_epub(*article, o.style, o.epub_options, fonts);
        if (!bytes) return fail(bytes.error());
        auto ok = write_file_atomically(epub_path, *bytes, Sync::deferred);
        if (!ok) return fail(ok.error());
        item.outputs.push_back(epub_path);
    }
    // The record goes last: it stands only beside complete outputs.
    entry.pages = item.pages;
    entry.pdf = size_of(o.pdf, pdf_path);
    entry.epub = size_of(o.epub, epub_path);
    if (auto ok = records.append(slug, entry); !ok) return fail(ok.error());
    item.images.assign(entry.images.begin(), entry.images.end());
    keep_warnings(diags, item);
    item.status = BatchStatus::converted;
    return item;
}

/// "a", "a and b", "a, b and c".
std::string join_names(const std::vector<fs::path>& files) {
    std::string out;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (i > 0) out += i + 1 == files.size() ? " and " : ", ";
        out += files[i].string();
    }
    return out;
}

/// The preview images the CLI writes beside an article's PDF (OUTDIR/SLUG.page-N.png), sorted.
std::vector<fs::path> previews(const fs::path& output_dir, const std::string& slug) {
    const std::string prefix = slug + ".page-", suffix = ".png";
    std::vector<fs::path> out;
    std::error_code ec;
    for (fs::directory_iterator it(output_dir, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() <= prefix.size() + suffix.size() ||
            name.compare(0, prefix.size(), prefix) ||
            name.compare(name.size() - suffix.size(), suffix.size(), suffix))
            continue;
        const std::string_view n = std::string_view(name).substr(
            prefix.size(), name.size() - prefix.size() - suffix.size());
        std::error_code ec2;
        if (std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
            fs::is_regular_file(it->symlink_status(ec2)))
            out.push_back(it->path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// The outputs an article left under the slugs of its earlier titles: the live records that
/// name its source under another slug, which no article of this run takes (`taken`: every
/// slug of the run, shards' included, and the reserved names), and whose outputs are still
/// there. Without BatchOptions::prune they are named in a warning (and item.orphans); with
/// it they are removed, with their preview images, the slug's record is closed ("-", so that
/// they are not looked for again) and a note names them (and item.removed). Only the
/// article's own shard handles it, and no article of the run writes those files, so removing
/// them races with no writer.
void handle_orphans(BatchItem& item, const std::string& source, const std::set<std::string>& taken,
                    const BatchOptions& o, Records& records) {
    for (const std::string& old : records.other_slugs(source, item.slug)) {
        const Records::Entry* e = records.find(old);
        if (taken.count(old) || !e) continue;
        std::vector<fs::path> files;
        for (const auto& [ext, size] : {std::pair{".pdf", e->pdf}, std::pair{".epub", e->epub}}) {
            const fs::path p = o.output_dir / (old + ext);
            std::error_code ec;
            if (size != "-" && fs::is_regular_file(fs::symlink_status(p, ec))) files.push_back(p);
        }
        if (files.empty()) continue;
        const std::string why = " from an earlier title of this article (now " + item.slug + ")";
        if (!o.prune) {
            item.warnings.push_back({Severity::warning,
                                     {item.input.string()},
                                     join_names(files) + (files.size() == 1 ? " is" : " are") +
                                         " left" + why + "; --prune removes " +
                                         (files.size() == 1 ? "it" : "them")});
            item.orphans.insert(item.orphans.end(), files.begin(), files.end());
            continue;
        }
        std::vector<fs::path> removed, removed_pngs;
        bool all_gone = true;
        auto remove = [&](const fs::path& p, std::vector<fs::path>& done) {
            std::error_code ec;
            if (fs::remove(p, ec)) {
                done.push_back(p);
            } else if (ec) {
                all_gone = false;
                item.warnings.push_back(
                    {Severity::warning,
                     {item.input.string()},
                     "cannot remove " + p.string() + ", left" + why + ": " + ec.message()});
            }
        };
        for (const auto& p : files) remove(p, removed);
        for (const auto& p : previews(o.output_dir, old)) remove(p, removed_pngs);
        if (all_gone)
            if (auto ok = records.append(old, Records::tombstone()); !ok)
                item.warnings.push_back({Severity::warning, ok.error().where, ok.error().message});
        if (!removed.empty() || !removed_pngs.empty()) {
            std::vector<fs::path> named = removed;
            if (const std::size_t n = removed_pngs.size(); n > 0)
                named.push_back(std::to_string(n) + " preview image" + (n == 1 ? " " : "s ") +
                                (o.output_dir / (old + ".page-*.png")).string());
            item.warnings.push_back({Severity::note,
                                     {item.input.string()},
                                     "removed " + join_names(named) + ", left" + why});
        }
        removed.insert(removed.end(), removed_pngs.begin(), removed_pngs.end());
        item.removed.insert(item.removed.end(), removed.begin(), removed.end());
    }
}

/// Runs fn(0..n-1) on `jobs` threads (inline when one).
template <class F>
void parallel_for(std::size_t n, unsigned jobs, F&& fn) {
    const std::size_t threads = std::min<std::size_t>(jobs, n);
    if (threads <= 1) {
        for (std::size_t k = 0; k < n; ++k) fn(k);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (std::size_t t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            for (std::size_t k; (k = next.fetch_add(1)) < n;) fn(k);
        });
    for (auto& th : pool) th.join();
}

}  // namespace

std::string detail::batch_common_key(const BatchOptions& o) {
    return common_key(o);
}

bool detail::article_recorded(const fs::path& output_dir, const std::string& slug) {
    Records records(output_dir / ".quire" / "records");
    records.load();
    const auto* e = records.find(slug);
    return e && e->hash != "-" && !e->book();
}

Result<BatchTotals> run_batch(const std::vector<fs::path>& inputs, const BatchOptions& options,
                              const BatchItemCallback& on_item,
                              const BatchProgressCallback& on_progress) {
    const auto start = Clock::now();
    if (options.shard_count == 0 || options.shard_index >= options.shard_count)
        return make_error({}, "the shard index must be less than the shard count");
    if (!options.pdf && !options.epub) return make_error({}, "no output format chosen");
    std::error_code ec;
    fs::create_directories(options.output_dir, ec);
    if (ec)
        return make_error({options.output_dir.string()},
                          "cannot create output folder: " + ec.message());
    remove_stale_temps(options.output_dir);

    unsigned jobs = options.jobs;
    if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
    const std::shared_ptr<FontLibrary> fonts =
        options.fonts ? options.fonts : FontLibrary::shared();

    // The books' file names are no article's: the options' (the book of this run, the default
    // book) and every book made here before, so that runs with and without a book, and shards
    // (which make none), number alike.
    std::vector<std::string> reserved = options.reserved_slugs;
    for (auto& name : recorded_books(options.output_dir)) reserved.push_back(std::move(name));

    // A whole batch reads each article once: its worker parses it, and numbers its slug once
    // the earlier ones are known. A shard reads every input first for its slug (all shards, so
    // numbering agrees between them), then reads its own articles again to convert them.
    const bool one_pass = options.shard_count == 1;
    std::vector<std::string> slugs(inputs.size());
    if (!one_pass) {
        parallel_for(inputs.size(), jobs, [&](std::size_t k) {
            try {
                Diagnostics diags;
                ReadOptions title_only = options.read;
                title_only.annotate_languages = false;  // the slug needs the language only
                auto a = read_article(inputs[k], diags, title_only);
                if (a) slugs[k] = slug(*a);
            } catch (...) {
                slugs[k].clear();
            }
        });
        slugs = unique_slugs(slugs, reserved);
    }
    SlugResolver resolver(one_pass ? inputs.size() : 0, reserved);

    // Pass 2: this shard's articles.
    std::vector<std::size_t> mine;
    for (std::size_t k = 0; k < inputs.size(); ++k)
        if (k % options.shard_count == options.shard_index) mine.push_back(k);
    Sha256 keyed;  // every article's hash starts with the batch's common key
    keyed.update(common_key(options));
    // ... and the journal's format (the image dependencies it names are files, or a resolver's
    // sources): a line of the older format, or of the other kind, never vouches for outputs.
    keyed.update(std::string("records=v2\nimages=") + (options.read.images ? "resolver" : "files") +
                 "\n");
    Records records(options.output_dir / ".quire" / "records");
    // A whole (unsharded) run folds a journal grown long with rebuilds into a line an article;
    // shards leave it alone, since another shard may be appending to it.
    if (const std::size_t lines = records.load();
        options.shard_count == 1 && lines > 2 * records.size() + 64)
        records.compact();
    // An article that had a reserved name before (an older run, a book named after it since)
    // has it no more: its record no longer vouches for that file, which becomes the book's.
    for (const auto& name : reserved)
        if (const auto* e = records.find(name); e && e->hash != "-" && !e->book())
            if (auto ok = records.append(name, Records::tombstone()); !ok) return ok.error();

    BatchTotals totals;
    totals.total = mine.size();
    std::mutex mu;
    std::map<std::size_t, BatchItem> pending;  // finished, waiting for their turn
    std::size_t next_out = 0;
    // Finished articles whose source the journal names under another slug (the outputs of an
    // earlier title, maybe): their source, by position. Whether those outputs are orphans
    // depends on every slug of the run, which a whole batch knows only once every article is
    // parsed: such an item waits for that (and the items after it, for their order).
    std::map<std::size_t, std::string> unchecked;
    std::optional<std::set<std::string>> taken;  // every slug of the run and the reserved names
    auto taken_slugs = [&]() -> const std::set<std::string>* {
        if (!taken) {
            std::optional<std::vector<std::string>> all;
            if (one_pass)
                all = resolver.all();
            else
                all = slugs;  // not changed after the first pass
            if (!all) return nullptr;
            taken.emplace(all->begin(), all->end());
            taken->insert(reserved.begin(), reserved.end());
        }
        return &*taken;
    };
    // Delivers an item to on_item, after its orphan check; false when that check must wait
    // (unless `last`: the batch is over; then it is left out if the slugs are still unknown).
    auto deliver = [&](std::size_t pos, BatchItem& item, bool last) {
        if (const auto u = unchecked.find(pos); u != unchecked.end()) {
            const auto* all = taken_slugs();
            if (!all && !last) return false;
            if (all) {
                const std::size_t before = item.warnings.size();
                try {
                    handle_orphans(item, u->second, *all, options, records);
                } catch (...) {
                }
                for (std::size_t i = before; i < item.warnings.size(); ++i)
                    if (item.warnings[i].severity == Severity::warning) ++totals.warnings;
            }
            unchecked.erase(u);
        }
        try {
            if (on_item) on_item(item, totals);
        } catch (...) {
        }
        return true;
    };
    auto seconds = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };

    parallel_for(mine.size(), jobs, [&](std::size_t pos) {
        const std::size_t k = mine[pos];
        const auto t0 = Clock::now();
        BatchItem item;
        std::string source;
        bool check_orphans = false;
        try {
            if (one_pass) {
                Parsed parsed = read_and_publish(k, inputs[k], options.read, resolver);
                slugs[k] = resolver.wait(k);
                source = source_key(inputs[k]);
                item = convert_one(k, inputs[k], source, slugs[k], options, keyed, fonts, records,
                                   &parsed);
            } else {
                source = source_key(inputs[k]);
                item = convert_one(k, inputs[k], source, slugs[k], options, keyed, fonts, records);
            }
            check_orphans = item.status != BatchStatus::failed &&
                            !records.other_slugs(source, item.slug).empty();
        } catch (const std::exception& e) {
            item = BatchItem{};
            item.index = k;
            item.input = inputs[k];
            item.slug = slugs[k];
            item.error =
                make_error({inputs[k].string()}, std::string("internal error: ") + e.what());
        } catch (...) {
            item = BatchItem{};
            item.index = k;
            item.input = inputs[k];
            item.slug = slugs[k];
            item.error = make_error({inputs[k].string()}, "internal error");
        }
        item.seconds = std::chrono::duration<double>(Clock::now() - t0).count();

        const std::lock_guard<std::mutex> lock(mu);
        ++totals.done;
        switch (item.status) {
            case BatchStatus::converted:
                ++totals.converted;
                break;
            case BatchStatus::skipped:
                ++totals.skipped;
                break;
            case BatchStatus::failed:
                ++totals.failed;
                break;
        }
        for (const auto& w : item.warnings)
            if (w.severity == Severity::warning) ++totals.warnings;
        totals.seconds = seconds();
        // Callbacks run under the lock, one at a time. One that throws loses only its own
        // call: the item is still queued, delivered once, and the order goes on.
        if (check_orphans) unchecked.emplace(pos, std::move(source));
        pending.emplace(pos, std::move(item));
        try {
            if (on_progress) on_progress(totals);
        } catch (...) {
        }
        for (auto it = pending.find(next_out); it != pending.end(); it = pending.find(next_out)) {
            if (!deliver(next_out, it->second, false)) break;
            pending.erase(it);
            ++next_out;
        }
    });
    // Items a worker could not finish (an exception outside the conversion) leave gaps; what
    // waits behind a gap (or for the run's slugs) is delivered now, in order.
    for (auto& [pos, item] : pending) deliver(pos, item, true);
    // Outputs and records were written without an fsync each (a journal commit per file cost
    // more than converting the article): one syncfs makes the whole batch durable.
    if (totals.converted > 0) {
        const int dir = ::open(options.output_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir >= 0) {
            ::syncfs(dir);
            ::close(dir);
        }
    }
    totals.seconds = seconds();
    return totals;
}

void detail::write_json(json::Writer& w, const Diagnostic& d) {
    w.begin_object().text("file", d.where.file).key("line").number(d.where.line);
    w.text("message", d.message).end_object();
}

std::string batch_report_json(const std::vector<BatchItem>& items, const BatchTotals& totals,
                              const CollectionOutcome* anthology) {
    auto count = [](std::size_t n) { return static_cast<long long>(n); };
    json::Writer w;
    w.begin_object(json::Layout::lines).key("quire").string(version());
    w.key("totals").begin_object();
    w.key("articles").number(count(totals.total)).key("converted").number(count(totals.converted));
    w.key("skipped").number(count(totals.skipped)).key("failed").number(count(totals.failed));
    w.key("warnings").number(count(totals.warnings)).key("seconds").number(totals.seconds, 3);
    w.end_object();
    w.key("articles").begin_array(json::Layout::lines);
    for (const auto& it : items) {
        w.begin_object().text("input", it.input.string()).text("slug", it.slug);
        w.key("status").string(to_string(it.status));
        std::vector<std::string> outputs;
        for (const auto& o : it.outputs) outputs.push_back(o.string());
        w.texts("outputs", outputs).key("pages").number(it.pages);
        // Outputs left under an earlier title's slug: kept ("orphans") or removed (--prune);
        // present only when there are some.
        for (const auto& [name, files] :
             {std::pair{"orphans", &it.orphans}, std::pair{"removed", &it.removed}}) {
            if (files->empty()) continue;
            std::vector<std::string> paths;
            for (const auto& f : *files) paths.push_back(f.string());
            w.texts(name, paths);
        }
        w.key("warnings").begin_array();
        for (const auto& d : it.warnings) detail::write_json(w, d);
        w.end_array().key("error");
        if (it.error)
            detail::write_json(w, *it.error);
        else
            w.null();
        w.key("seconds").number(it.seconds, 3).end_object();
    }
    w.end_array();
    if (anthology) detail::write_json(w.key("anthology"), *anthology);
    w.end_object();
    return w.str() + "\n";
}

}  // namespace quire::inline v0

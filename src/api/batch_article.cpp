// api/batch_article: one article of a batch (batch_parts.hpp): whether its record vouches for
// its outputs (its source bytes, options and images unchanged), else its outputs made and
// recorded; and the outputs it left under the slug of an earlier title.
#include "api/batch_parts.hpp"
#include "api/impl.hpp"
#include "base/limits.hpp"
#include "base/result.hpp"
#include "import/common.hpp"

#include <algorithm>
#include <fstream>
#include <map>

namespace quire::inline v0::detail {

PdfOptions print_options(const BatchOptions& o) {
    PdfOptions p = o.pdf_options;
    const PdfStandard main = p.standard.value_or(o.style.pdf_standard);
    p.standard = PdfStandard{0, main.ua, true};
    return p;
}

std::string source_key(const fs::path& input) {
    return import::real_path(input).string();
}

namespace {

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
    for (const auto& bio : a.bios) {
        add_all(bio.paragraphs);
        if (bio.photo) add(*bio.photo);
    }
    if (a.publication.logo) add(*a.publication.logo);
    if (a.publication.cover) add(*a.publication.cover);
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

/// The size the journal records of an output: "-" for a format not built, "missing" for a
/// file that is not there. The record names the size of each output: outputs are synced once
/// at the end of the batch (see run_batch), so after a crash an output may be shorter than when
/// it was recorded, and then the record does not vouch for it.
std::string recorded_size(bool built, const fs::path& p) {
    if (!built) return std::string("-");
    std::error_code ec;
    const auto n = fs::file_size(p, ec);
    return ec ? std::string("missing") : std::to_string(n);
}

/// Writes the article's PDF and EPUB as `o` asks, each atomically (synced at the end of the
/// batch), into item.outputs (and the PDF's page count into item.pages).
Result<Unit> write_outputs(const Article& article, const BatchOptions& o,
                           const std::shared_ptr<FontLibrary>& fonts, Diagnostics& diags,
                           const fs::path& pdf_path, const fs::path& epub_path,
                           const fs::path& print_path, BatchItem& item) {
    if (o.pdf || o.print_pdf) {
        QUIRE_TRY_ASSIGN(const Document doc,
                         typeset(article, o.style, diags, fonts, o.read.limits));
        item.pages = doc.page_count();
        if (o.pdf) {
            QUIRE_TRY_ASSIGN(const std::string bytes, write_pdf(doc, o.pdf_options));
            QUIRE_TRY(write_file_atomically(pdf_path, bytes, Sync::deferred));
            item.outputs.push_back(pdf_path);
        }
        if (o.print_pdf) {
            QUIRE_TRY_ASSIGN(const std::string bytes, write_pdf(doc, print_options(o)));
            QUIRE_TRY(write_file_atomically(print_path, bytes, Sync::deferred));
            item.outputs.push_back(print_path);
        }
    }
    if (o.epub) {
        QUIRE_TRY_ASSIGN(const std::string bytes,
                         write_epub(article, o.style, o.epub_options, fonts));
        QUIRE_TRY(write_file_atomically(epub_path, bytes, Sync::deferred));
        item.outputs.push_back(epub_path);
    }
    return Unit{};
}

/// convert_one() once its LimitScope is set: skips the article when its record vouches for its
/// outputs (BatchStatus::skipped), else makes them and records them (converted). Fills `item`
/// as it goes: a failure leaves in it what was made before.
Result<BatchStatus> make_outputs(const fs::path& input, const std::string& source,
                                 const BatchOptions& o, const Sha256& keyed,
                                 const std::shared_ptr<FontLibrary>& fonts, Records& records,
                                 Parsed* parsed, Diagnostics& diags, BatchItem& item) {
    const std::string& slug = item.slug;
    // A cancelled batch makes no more articles: each one not yet made fails at once.
    if (o.read.limits.cancel && o.read.limits.cancel->load())
        return make_error({input.string()}, "cancelled");
    if (parsed && !parsed->bytes) return parsed->bytes.error();
    if (parsed && !parsed->article) return parsed->article.error();
    if (slug.empty()) {
        if (parsed) return make_error({input.string()}, "the article has no slug");
        // Unreadable in the first pass: read again for the error to report.
        QUIRE_TRY(read_article(input, diags, o.read));
        return make_error({input.string()}, "the article has no slug");
    }
    const fs::path pdf_path = o.output_dir / (slug + ".pdf");
    const fs::path epub_path = o.output_dir / (slug + ".epub");
    const fs::path print_path = o.output_dir / (slug + ".print.pdf");

    // The file is read once: its bytes are both hashed and parsed, so the record always
    // describes the source the outputs were made from.
    auto bytes = parsed ? std::move(parsed->bytes) : read_article_bytes(input, o.read.limits);
    if (!bytes) return bytes.error();
    Sha256 hasher = keyed;  // the common key, hashed once per batch
    const std::string hash = hasher.update("source=").update(*bytes).hex();
    // Up to date: the same source bytes (and options, style, version: HASH) in the same file,
    // the outputs as recorded, and the images as they were. The images are checked without
    // reading the article again: its bytes and its folder are unchanged, so it names the same
    // images, resolved to the same files, as when it was recorded; those are hashed again
    // (files are read, not decoded) and compared with the recorded digest. An image that has
    // appeared or gone since changes its state, and so the digest.
    const Records::Entry* old = records.find(slug);
    if (!o.force && old && !old->legacy && old->hash == hash && old->source == source &&
        old->pdf == recorded_size(o.pdf, pdf_path) &&
        old->epub == recorded_size(o.epub, epub_path) &&
        old->print == recorded_size(o.print_pdf, print_path) &&
        old->images_digest == images_digest(old->images, input, o.read)) {
        item.pages = old->pages;
        item.images.assign(old->images.begin(), old->images.end());
        if (o.pdf) item.outputs.push_back(pdf_path);
        if (o.print_pdf) item.outputs.push_back(print_path);
        if (o.epub) item.outputs.push_back(epub_path);
        return BatchStatus::skipped;
    }

    // From here the outputs change: an old record must not vouch for them if this run fails
    // half way (it would make a later run skip an article whose outputs are not its own).
    if (old && old->hash != "-") QUIRE_TRY(records.append(slug, Records::tombstone()));
    auto article =
        parsed ? std::move(parsed->article) : parse_article(*bytes, input, diags, o.read);
    if (!article) return article.error();
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
    QUIRE_TRY(write_outputs(*article, o, fonts, diags, pdf_path, epub_path, print_path, item));
    // The record goes last: it stands only beside complete outputs.
    entry.pages = item.pages;
    entry.pdf = recorded_size(o.pdf, pdf_path);
    entry.epub = recorded_size(o.epub, epub_path);
    entry.print = recorded_size(o.print_pdf, print_path);
    QUIRE_TRY(records.append(slug, entry));
    item.images.assign(entry.images.begin(), entry.images.end());
    return BatchStatus::converted;
}

}  // namespace

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

BatchItem convert_one(std::size_t index, const fs::path& input, const std::string& source,
                      const std::string& slug, const BatchOptions& o, const Sha256& keyed,
                      const std::shared_ptr<FontLibrary>& fonts, Records& records, Parsed* parsed) {
    BatchItem item;
    item.index = index;
    item.input = input;
    item.slug = slug;
    // The article's time limit covers its typesetting and writing both (typeset's own scope
    // keeps this deadline, the earlier one).
    const detail::LimitScope limits(o.read.limits);
    Diagnostics own_diags;
    Diagnostics& diags = parsed ? parsed->diags : own_diags;
    auto status = make_outputs(input, source, o, keyed, fonts, records, parsed, diags, item);
    if (!status) {
        keep_warnings(diags, item);
        item.status = BatchStatus::failed;
        item.error = status.error();
        return item;
    }
    item.status = *status;
    // An article up to date reports no warnings, whether it was parsed (a whole batch) or not.
    if (item.status == BatchStatus::converted) keep_warnings(diags, item);
    return item;
}

namespace {

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

}  // namespace

void handle_orphans(BatchItem& item, const std::string& source, const std::set<std::string>& taken,
                    const BatchOptions& o, Records& records) {
    for (const std::string& old : records.other_slugs(source, item.slug)) {
        const Records::Entry* e = records.find(old);
        if (taken.count(old) || !e) continue;
        std::vector<fs::path> files;
        for (const auto& [ext, size] : {std::pair{".pdf", e->pdf}, std::pair{".epub", e->epub},
                                        std::pair{".print.pdf", e->print}}) {
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

}  // namespace quire::inline v0::detail

// api/impl: the private halves of the public handle types.
#pragma once

#include "base/json.hpp"
#include "epub/epub.hpp"
#include "layout/frame.hpp"
#include "text/font.hpp"

#include <quire/batch.hpp>
#include <quire/collection.hpp>
#include <quire/quire.hpp>

namespace quire::inline v0 {

struct FontLibrary::Impl {
    text::FontBook book;
};

struct Document::Impl {
    Article article;
    layout::PagedDocument pages;
    std::shared_ptr<FontLibrary> fonts;  ///< keeps the faces the pages point to alive
};

namespace detail {

/// What is wrong with a style, or empty: sizes must be positive and the text block must leave
/// room for text.
std::string check_style(const Style& s);

/// The style with its own chains and per-script families (font_chains, script_fonts) added to
/// the book under names of their own, its font roles renamed to them (style_fonts.cpp).
Style resolve_fonts(const Style& style, text::FontBook& book);

/// The time stamped on outputs: `given`, else SOURCE_DATE_EPOCH, else the article's date
/// (YYYY-MM-DD, noon UTC), else 2000-01-01.
std::int64_t resolve_timestamp(const std::optional<std::int64_t>& given, const Article& a);

/// A file written piece by piece through a hidden temporary file in the same folder, renamed
/// into place by commit() (fsynced first with Sync::file); dropped without commit(), or after
/// a failed write, the temporary file is removed and nothing stands under the name
/// (write_file_atomically() is one write and a commit).
class AtomicFile {
public:
    explicit AtomicFile(std::filesystem::path path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    /// Why the file cannot be written (the temporary file could not be made, a write
    /// failed), if it cannot: worth asking before a long computation of its contents.
    std::optional<Diagnostic> error() const;
    /// Appends bytes (buffered); a failure is kept for commit() to report.
    void write(std::string_view bytes);
    Result<Unit> commit(Sync sync = Sync::file);

private:
    bool put(std::string_view bytes);
    bool flush_buffer();
    Result<Unit> failed(int err);

    std::filesystem::path path_;
    std::string tmp_;
    int fd_ = -1;
    int error_ = 0;  ///< errno of the first failure
    std::string buf_;
};

/// The EPUB backend's embedding mode for the public option.
epub::FontEmbedding font_embedding(EpubFonts fonts);

/// What every output of a batch shares in its content hash: quire's version, the formats, the
/// read options, the style (describe()), the backends' options, the fonts (batch.cpp).
std::string batch_common_key(const BatchOptions& o);

/// Whether the batch journal of `output_dir` (OUTDIR/.quire/records) holds a live record of an
/// article with this slug, i.e. OUTDIR/SLUG.pdf and .epub are that article's (batch.cpp).
bool article_recorded(const std::filesystem::path& output_dir, const std::string& slug);

/// A diagnostic as a report's JSON object {file, line, message} (batch.cpp).
void write_json(json::Writer& w, const Diagnostic& d);

/// A book's outcome as the JSON object collection_report_json() describes (collection.cpp).
void write_json(json::Writer& w, const CollectionOutcome& o);

}  // namespace detail

}  // namespace quire::inline v0

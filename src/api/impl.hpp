// api/impl: the private halves of the public handle types.
#pragma once

#include "base/atomic_file.hpp"
#include "base/json.hpp"
#include "epub/epub.hpp"
#include "layout/frame.hpp"
#include "text/font.hpp"

#include <quire/batch.hpp>
#include <quire/collection.hpp>
#include <quire/quire.hpp>

#include <mutex>

namespace quire::inline v0 {

struct FontLibrary::Impl {
    text::FontBook book;
    FontOptions options;
    std::mutex mu;  ///< guards the key parts below
    /// content_key()'s parts: the chains' digest, then one digest for each font added.
    std::string chains_key = "built-in";
    std::vector<std::string> font_keys;
};

struct Document::Impl {
    Article article;
    layout::PagedDocument pages;
    std::shared_ptr<FontLibrary> fonts;  ///< keeps the faces the pages point to alive
    Limits limits;  ///< typeset()'s: write_pdf() keeps to them too (cancel, progress, time)
};

namespace detail {

/// The library's way to the insides of its public handles (friend of each).
struct Access {
    static FontLibrary::Impl& get(const FontLibrary& f) { return *f.impl_; }
    static const Document::Impl& get(const Document& d) { return *d.impl_; }
    static Document make(std::shared_ptr<const Document::Impl> impl) {
        return Document(std::move(impl));
    }
};

inline FontLibrary::Impl& impl(const FontLibrary& f) {
    return Access::get(f);
}
inline const Document::Impl& impl(const Document& d) {
    return Access::get(d);
}

/// Whether a style can be used: every key within its range and the text block leaving room for
/// text (style_keys.cpp, from the table of style keys). The error, at `where`, is "style 'NAME':
/// what is wrong".
Result<Unit> check_style(const Style& s, Location where);

/// The style with its own chains and per-script families (font_chains, script_fonts) added to
/// the book under names of their own, its font roles renamed to them (style_fonts.cpp).
Style resolve_fonts(const Style& style, text::FontBook& book);

/// The time stamped on outputs: `given`, else SOURCE_DATE_EPOCH, else the article's date
/// (YYYY-MM-DD, noon UTC), else 2000-01-01.
std::int64_t resolve_timestamp(const std::optional<std::int64_t>& given, const Article& a);

/// The EPUB backend's embedding mode for the public option.
epub::FontEmbedding font_embedding(EpubFonts fonts);

/// What every output of a batch shares in its content hash: quire's version, the formats, the
/// read options, the style (describe()), the backends' options, the fonts (batch_plan.cpp).
std::string batch_common_key(const BatchOptions& o);

/// Whether the batch journal of `output_dir` (OUTDIR/.quire/records) holds a live record of an
/// article with this slug, i.e. OUTDIR/SLUG.pdf and .epub are that article's (batch_plan.cpp).
bool article_recorded(const std::filesystem::path& output_dir, const std::string& slug);

/// A diagnostic as a report's JSON object {file, line, message} (batch_report.cpp).
void write_json(json::Writer& w, const Diagnostic& d);

/// A book's outcome as the JSON object collection_report_json() describes (collection.cpp).
void write_json(json::Writer& w, const CollectionOutcome& o);

}  // namespace detail

}  // namespace quire::inline v0

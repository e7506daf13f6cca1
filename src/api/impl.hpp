// api/impl: the private halves of the public handle types.
#pragma once

#include "epub/epub.hpp"
#include "layout/frame.hpp"
#include "text/font.hpp"

#include <quire/batch.hpp>
#include <quire/quire.hpp>

namespace quire {

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

/// The EPUB backend's embedding mode for the public option.
epub::FontEmbedding font_embedding(EpubFonts fonts);

/// What every output of a batch shares in its content hash: quire's version, the formats, the
/// read options, the style (describe()), the backends' options, the fonts (batch.cpp).
std::string batch_common_key(const BatchOptions& o);

/// JSON pieces of the reports (batch.cpp): a string literal, a diagnostic object, seconds.
std::string json_string(std::string_view s);
std::string json_diag(const Diagnostic& d);
std::string json_seconds(double s);

}  // namespace detail

}  // namespace quire

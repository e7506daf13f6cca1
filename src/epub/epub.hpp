// epub: the EPUB 3 backend. From the article model (never from laid-out pages) and the same
// style as the PDF, it writes an OCF container that epubcheck 4.2.6 passes without a warning:
//
//   mimetype                      stored, first
//   META-INF/container.xml
//   EPUB/package.opf              metadata (Dublin Core, dcterms:modified, EPUB Accessibility)
//   EPUB/nav.xhtml                table of contents, landmarks
//   EPUB/toc.ncx                  for EPUB 2 reading systems
//   EPUB/article.xhtml            the article: title block, body, notes, bio
//   EPUB/style.css                derived from the Style
//   EPUB/fonts/*.ttf|otf          subset fonts, when embedded
//
// Everything is deterministic: fixed entry order, fixed compression, zip times taken from the
// resolved timestamp in a way that does not depend on the time zone.
#pragma once

#include "base/result.hpp"
#include "text/font.hpp"

#include <quire/article.hpp>
#include <quire/style.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace quire::inline v0::epub {

/// When to embed fonts.
enum class FontEmbedding {
    automatic,  ///< the faces a reading system may lack: every face beyond the chain's first
    always,     ///< every face the text uses
    never,      ///< none; the CSS names the families with generic fallbacks
};

/// Settings of one EPUB.
struct Settings {
    std::int64_t timestamp = 946684800;  ///< dcterms:modified and zip times (UTC seconds)
    std::string identifier;              ///< dc:identifier; empty: derived from the content
    FontEmbedding fonts = FontEmbedding::automatic;
    std::string generator = "quire";  ///< the generator meta
};

/// A file of the publication, path relative to the EPUB/ folder.
struct Resource {
    std::string path;
    std::string media_type;
    std::string id;
    std::string properties;  ///< manifest properties, e.g. "nav"
    std::string data;
};

/// A font chosen for the CSS: the family name and, when embedded, the subset file.
struct CssFont {
    std::string family;
    bool bold = false, italic = false;
    std::string file;  ///< path of the embedded subset relative to EPUB/, empty if not embedded
};

/// The XHTML content document of an article; its images are named with `image_prefix` (see
/// epub_image_name).
std::string content_document(const Article& article, const Style& style,
                             const std::string& image_prefix = "");

/// The file in the EPUB of the n-th figure (1-based, in body order) of an article:
/// "images/" PREFIX "image-N.png|.jpg"; empty when the image has no file (the importer warned).
std::string epub_image_name(const Image& image, const std::string& prefix, int n);

/// The file in the EPUB of the index-th author's photo (0-based, in Article::bios):
/// "images/" PREFIX "author.png|.jpg" for the first, "author-2.png|.jpg"... for the others.
std::string epub_photo_name(const Image& photo, const std::string& prefix, std::size_t index = 0);

/// The file in the EPUB of the publication's cover image (Publication::cover):
/// "images/" PREFIX "cover.png|.jpg".
std::string epub_cover_name(const Image& cover, const std::string& prefix);

/// The cover page of a report with a cover image (Publication::cover), first in the spine:
/// the image alone, as the page (its text alternative, else the title, as its alt).
std::string cover_document(const Article& article);

/// The image files of an article as resources (read from disk), named by epub_image_name,
/// epub_photo_name and epub_cover_name (the cover with the manifest property "cover-image");
/// an error (without a place) naming the file when one cannot be read.
Result<std::vector<Resource>> image_resources(const Article& article, const std::string& prefix);

/// The style sheet: the style's sizes and spacing in ems of the body size, font families
/// from the chains, @font-face rules for the embedded fonts.
/// Font families for the text of one language whose chain differs from the body's (a
/// ":lang()" rule: Japanese quoted in a Chinese article takes the Japanese CJK face).
struct LangFamilies {
    std::string lang;  ///< the tag of the chains file's [lang] section
    std::vector<std::string> families;
};

std::string style_sheet(const Style& style, const std::vector<std::string>& body_families,
                        const std::vector<CssFont>& embedded, bool rtl,
                        const std::vector<LangFamilies>& lang_families = {});

/// The style sheet's rules for a report's parts (the summary box, the imprint, the authors'
/// contact lines), appended when the article has publication data.
std::string report_style_sheet(const Style& style);

/// A set of code points: a bitmap of the Basic Multilingual Plane (8 KB) and a std::set for the
/// rest, so that adding every character of a text costs a bit operation each. Iterates in
/// ascending order.
class CodePointSet {
public:
    void insert(char32_t c) {
        if (c < 0x10000)
            bmp_[c >> 6] |= std::uint64_t{1} << (c & 63);
        else
            high_.insert(c);
    }
    /// Calls f(c) for each code point, in ascending order.
    template <class F>
    void for_each(F&& f) const {
        for (std::size_t i = 0; i < bmp_.size(); ++i)
            for (std::uint64_t w = bmp_[i]; w; w &= w - 1)
                f(static_cast<char32_t>(i * 64 + static_cast<std::size_t>(__builtin_ctzll(w))));
        for (const char32_t c : high_) f(c);
    }

private:
    std::array<std::uint64_t, 1024> bmp_{};
    std::set<char32_t> high_;
};

/// The characters of a publication by face style (regular, bold, italic...) and language,
/// from which choose_fonts() picks faces.
using TextByStyle = std::map<std::pair<text::FaceStyle, std::string>, CodePointSet>;

/// Adds everything an article's content document shows (quire's own labels included).
void add_publication_text(TextByStyle& text, const Article& article);
/// Adds a text set in one face style and language (a collection's title page, say).
void add_publication_text(TextByStyle& text, text::FaceStyle style, const std::string& lang,
                          std::string_view s);

/// Chooses the fonts the text needs from the style's chains and subsets those to embed.
/// Adds the font files to `resources`; returns the families for the body's font-family list
/// (in chain order, for the publication's language `lang`), those of text in other languages
/// whose chain differs (see FontBook::chain) and the embedded faces. An error (without a
/// place) when a face cannot be subset.
Result<Unit> choose_fonts(const TextByStyle& text, const std::string& lang, const Style& style,
                          text::FontBook& fonts, FontEmbedding mode,
                          std::vector<std::string>& families,
                          std::vector<LangFamilies>& lang_families, std::vector<CssFont>& embedded,
                          std::vector<Resource>& resources);
/// The same for one article.
Result<Unit> choose_fonts(const Article& article, const Style& style, text::FontBook& fonts,
                          FontEmbedding mode, std::vector<std::string>& families,
                          std::vector<LangFamilies>& lang_families, std::vector<CssFont>& embedded,
                          std::vector<Resource>& resources);

/// The identifier derived from the content: "urn:uuid:" and a UUID (version 8, RFC 9562) made
/// from the SHA-256 of the title, authors, language and text.
std::string derived_identifier(const Article& article);

/// A collection's front matter, for build_collection().
struct CollectionInfo {
    std::string title, subtitle, date, lang, identifier;
    std::vector<std::string> editors;
    std::string source;  ///< the collection's file, where an error is reported
};

/// Builds one EPUB of many articles: a title page, the contents (the navigation document, in
/// the spine), one XHTML document per article (article-1.xhtml...); the nav and the NCX have one
/// entry per article, its notes and author below it. An error as stream_collection()'s.
Result<std::string> build_collection(const CollectionInfo& info,
                                     const std::vector<const Article*>& articles,
                                     const Style& style, text::FontBook& fonts,
                                     const Settings& settings);

/// The same, written to `sink` as it is made, for a book of any length: `load(i)` (i < count)
/// is called once per article, in order, and its reference need only hold until the next
/// call; each article's document and images are written before the next is loaded, and the
/// navigation, style sheet, fonts and package document follow the articles. An error is
/// "EPUB writer failed: …" at `info.source`; the bytes sent are then no EPUB. (What `load`
/// throws passes through.)
Result<Unit> stream_collection(const CollectionInfo& info, std::size_t count,
                               const std::function<const Article&(std::size_t)>& load,
                               const Style& style, text::FontBook& fonts, const Settings& settings,
                               const std::function<void(std::string_view)>& sink);

/// A collection's title page (collection.cpp).
std::string collection_title_page(const CollectionInfo& info);
/// Style rules of the title page, appended to style_sheet()'s.
std::string collection_style_sheet(const Style& style);

// Pieces shared by build() and build_collection() (package.cpp).
std::string container_xml();
/// "2024-05-01T12:00:00Z" (dcterms:modified).
std::string iso_utc(std::int64_t t);
/// `d` when it is a plain ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD), else empty.
std::string dc_date(const std::string& d);
/// A urn:uuid (version 8) from a SHA-256 digest.
std::string uuid_urn(const std::array<std::uint8_t, 32>& digest);

/// Builds the whole EPUB; an error, "EPUB writer failed: …" at the article's source, when an
/// image cannot be read, a font cannot be subset or the container cannot be written.
Result<std::string> build(const Article& article, const Style& style, text::FontBook& fonts,
                          const Settings& settings);

/// An OCF zip written entry by entry to a sink: `mimetype` must be the first entry added (it
/// is stored, not deflated); every other entry is deflated unless that does not shrink it.
/// Only the central directory (about 60 bytes an entry) is held until finish().
class ZipWriter {
public:
    ZipWriter(std::function<void(std::string_view)> sink, std::int64_t timestamp);
    ~ZipWriter();
    ZipWriter(const ZipWriter&) = delete;
    ZipWriter& operator=(const ZipWriter&) = delete;
    /// Writes one entry; an error (without a place) when the zip format's limits are passed
    /// (then the bytes sent are no zip).
    Result<Unit> add(std::string_view path, std::string_view data);
    /// Writes the central directory; nothing can be added after. An error as add()'s.
    Result<Unit> finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Packs resources into an OCF zip: `mimetype` first and stored, then the others deflated, in
/// the given order, with times from `timestamp`; an error as ZipWriter's.
Result<std::string> zip_container(const std::vector<Resource>& files, std::int64_t timestamp);

}  // namespace quire::inline v0::epub

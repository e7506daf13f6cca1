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

#include "text/font.hpp"

#include <quire/article.hpp>
#include <quire/style.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace quire::epub {

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

/// The XHTML content document of an article.
std::string content_document(const Article& article, const Style& style);

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

/// Chooses the fonts the text needs from the style's chains and subsets those to embed.
/// Adds the font files to `resources`; returns the families for the body's font-family list
/// (in chain order, for the article's language), those of text in other languages whose
/// chain differs (see FontBook::chain) and the embedded faces.
void choose_fonts(const Article& article, const Style& style, text::FontBook& fonts,
                  FontEmbedding mode, std::vector<std::string>& families,
                  std::vector<LangFamilies>& lang_families, std::vector<CssFont>& embedded,
                  std::vector<Resource>& resources);

/// The identifier derived from the content: "urn:uuid:" and a UUID (version 8, RFC 9562) made
/// from the SHA-256 of the title, authors, language and text.
std::string derived_identifier(const Article& article);

/// Builds the whole EPUB; throws std::runtime_error when the container cannot be written.
std::string build(const Article& article, const Style& style, text::FontBook& fonts,
                  const Settings& settings);

/// Packs resources into an OCF zip: `mimetype` first and stored, then the others deflated, in
/// the given order, with times from `timestamp`.
std::string zip_container(const std::vector<Resource>& files, std::int64_t timestamp);

}  // namespace quire::epub

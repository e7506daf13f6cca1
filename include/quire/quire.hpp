/// \file
/// Turn articles into print PDFs and EPUB 3 books: one article's pipeline.
///
/// The pipeline, one call a stage:
///
/// ```cpp
/// quire::Diagnostics diags;
/// auto article = quire::read_article("seed.txt", diags);          // import
/// auto doc = quire::typeset(*article, quire::Style::report(), diags);  // text + layout
/// auto ok = quire::write_pdf(*doc, "out/seed.pdf");                // PDF backend
/// auto ok2 = quire::write_epub(*article, quire::Style::report(), "out/seed.epub");  // EPUB
/// ```
///
/// No function here throws; errors come back in the Result, warnings go to the Diagnostics.
#pragma once

#include <quire/export.hpp>

#include <quire/article.hpp>
#include <quire/diagnostics.hpp>
#include <quire/limits.hpp>
#include <quire/pdf_standard.hpp>
#include <quire/style.hpp>
#include <quire/style_file.hpp>
#include <quire/version.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire::inline v0 {

/// The library version, e.g. "0.2.0".
QUIRE_API std::string_view version();

// ---------------------------------------------------------------------------------------------
// Import

/// Options for reading an article.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API ReadOptions {
    std::string lang;      ///< language of title and body; empty: detect
    std::string bio_lang;  ///< language of the author bio; empty: detect
    /// False: detect only the article's language, not those of its paragraphs, quotations and
    /// bio (a pass that needs just the title and slug; faster).
    bool annotate_languages = true;
    /// Folders besides the article's own (and its subfolders) from which it may read images and
    /// its author's photo. Nothing else is read: not a file outside them (by an absolute path,
    /// "../" or a symbolic link), nor a device, FIFO or other special file.
    std::vector<std::filesystem::path> allowed_paths;
    /// Images by name instead of from files: called with each image's source as the article
    /// writes it ("figures/map.png", the author's photo too), it returns the image's bytes (PNG
    /// or JPEG), or nothing when it has no such image. When set, it replaces the file-access
    /// policy: no image is read from the file system. An image it does not give, or that is
    /// damaged or larger than limits.image_pixels, is left out with a warning and its text
    /// alternative shown. Called on the thread that reads the article: in run_batch(), from
    /// several workers at once, so it must then be thread-safe.
    std::function<std::optional<std::string>(std::string_view src)> images;
    /// Resource limits (quire/limits.hpp): input size, nesting, notes and image pixels while
    /// reading; pages, time, cancel and progress where run_batch() typesets and writes
    /// (run_collection() takes only cancel and on_progress).
    Limits limits;
};

/// Reads an article from a file. The format follows the extension; `.txt` (and any unknown
/// extension) is the plain-text article form. Errors: unreadable file, empty file, invalid
/// UTF-8 (with the byte offset), binary data.
QUIRE_API Result<Article> read_article(const std::filesystem::path& path, Diagnostics& diags,
                                       const ReadOptions& options = {});

/// The bytes of an article file, with the checks read_article() makes (a regular file, at most
/// Limits::input_bytes: by default kMaxInputSize); the error names the file.
QUIRE_API Result<std::string> read_article_bytes(const std::filesystem::path& path);
/// The same, at most `limits.input_bytes`.
QUIRE_API Result<std::string> read_article_bytes(const std::filesystem::path& path,
                                                 const Limits& limits);

/// The forms an article is written in.
enum class ArticleFormat {
    text,      ///< the plain-text form: title line, body with [n] references, notes, bio
    markdown,  ///< Markdown (CommonMark with GitHub's extensions) with a YAML front matter
    xml,       ///< quire's XML form (docs/xml-format.md)
};

/// The form a file name says: `.md` and `.markdown` Markdown, `.xml` XML, anything else the
/// plain-text form (case-insensitive).
QUIRE_API ArticleFormat article_format(const std::filesystem::path& path);

/// Parses an article already in memory; the format follows `path`'s extension, as for
/// read_article (which is read_article_bytes, then this).
QUIRE_API Result<Article> parse_article(std::string_view data, const std::filesystem::path& path,
                                        Diagnostics& diags, const ReadOptions& options = {});

/// Parses an article already in memory in the given form, whatever its name. `name` stands for
/// the file in diagnostics, and images are resolved against its folder unless
/// ReadOptions::images gives them.
QUIRE_API Result<Article> parse_article(std::string_view data, ArticleFormat format,
                                        const std::filesystem::path& name, Diagnostics& diags,
                                        const ReadOptions& options = {});

/// Parses the plain-text article form from memory; `name` is used in diagnostics.
QUIRE_API Result<Article> parse_text_article(std::string_view text, std::string name,
                                             Diagnostics& diags, const ReadOptions& options = {});

/// The article in quire's native XML form (schema/quire-article.rng, docs/xml-format.md): all
/// the model holds, read back by read_article() / parse_article() into the same model.
QUIRE_API std::string article_to_xml(const Article& article);

/// A URL- and file-name-safe slug of the title ("The Ukraine Policy of Japan" gives
/// "the-ukraine-policy-of-japan"); non-Latin titles are transliterated.
QUIRE_API std::string slug(const Article& article);

// ---------------------------------------------------------------------------------------------
// Fonts

namespace detail {
struct Access;  // the library's own way to its objects' insides
}  // namespace detail

/// Where a FontLibrary takes its fonts and hyphenation dictionaries from.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API FontOptions {
    /// Whether a family that was not added (FontLibrary::add_font()) is looked up among the
    /// fonts installed on the machine, through fontconfig. False: only added fonts are used,
    /// and a family the chains name that was not added counts as missing.
    bool system_fonts = true;
    /// The folder of the hyphenation dictionaries (hyph_LL_CC.dic files, as Debian's hyphen-*
    /// packages install them). A language without a dictionary there is not hyphenated
    /// (Turkish needs none).
    std::filesystem::path hyphenation_dir = "/usr/share/hyphen";
};

/// The fonts an article is set in, with what quire keeps for them: fallback chains (which
/// families are tried, in order, for each character of a font role), faces added from files or
/// memory, faces found through fontconfig, hyphenation dictionaries and a cache of shaped words.
/// Nothing of it is process-wide: two libraries share nothing.
///
/// Thread-safety: every member function may be called from several threads at once, and
/// typeset(), write_pdf(), write_epub(), run_batch() and run_collection() may use one library
/// from several threads at once (that is how a batch shares it). Add fonts before the library
/// is first used: an article typeset while a font is being added may or may not see it.
///
/// The chains name families; a family added with add_font() is found under its own name (the
/// font's typographic family name, as add_font() returns it), before and instead of an
/// installed family of that name, so a chain or a style's font_chains may name it.
class QUIRE_API FontLibrary {
public:
    /// A library with the built-in fallback chains (fonts/fallback.conf).
    FontLibrary();
    /// The built-in fallback chains, the given options.
    explicit FontLibrary(FontOptions options);
    /// With fallback chains read from `chains_file` instead of the built-in ones. Errors: the
    /// file cannot be read, or a malformed line (file and line named).
    static Result<std::shared_ptr<FontLibrary>> from_file(const std::filesystem::path& chains_file,
                                                          FontOptions options = {});
    /// With fallback chains from the text of a chains file (the form of fonts/fallback.conf);
    /// `name` stands for the file in messages.
    static Result<std::shared_ptr<FontLibrary>> from_chains(std::string_view chains,
                                                            std::string_view name,
                                                            FontOptions options = {});
    ~FontLibrary();
    FontLibrary(const FontLibrary&) = delete;
    FontLibrary& operator=(const FontLibrary&) = delete;

    /// Adds the faces of a font file's bytes (OpenType or TrueType, every face of a collection)
    /// under their family names, which it returns. `name` stands for the file in messages.
    /// The bytes are kept as long as the library. Errors: not a font, no face quire can embed
    /// (CFF2 and bitmap-only fonts cannot be).
    Result<std::vector<std::string>> add_font(std::string bytes, std::string_view name);
    /// add_font() of a file's bytes; the error names the file.
    Result<std::vector<std::string>> add_font_file(const std::filesystem::path& file);

    /// One family of a fallback chain, as the library finds it.
    struct Family {
        std::string name;  ///< as the chain names it
        /// The file of its regular face (for a font added from memory, the name add_font() was
        /// given); empty when the family is not found.
        std::string file;
        /// The scripts it has letters for, of those quire checks ("Latin", "Arabic", "Han"...).
        std::vector<std::string> scripts;
    };
    /// A fallback chain: its name ("serif", "sans", "mono") and its families in order.
    struct Chain {
        std::string name;              ///< as styles name it (FontRole::chain)
        std::vector<Family> families;  ///< tried in this order for each character
    };
    /// The chains, each family looked up as typesetting would (its regular face is loaded):
    /// what `quire fonts` lists. Errors only when memory runs out.
    Result<std::vector<Chain>> chains() const;

    /// A digest of what decides the library's output: its chains, the fonts added and the
    /// options (not the fonts installed on the machine). run_batch() keeps it in its content
    /// hash, so that outputs made with other fonts are made again.
    std::string content_key() const;

    /// The process-wide default library (built-in chains, default options), made on first use:
    /// what the calls that take a library use when given none.
    static std::shared_ptr<FontLibrary> shared();

    struct Impl;  // opaque: the library's own (src/api/impl.hpp)

private:
    friend struct detail::Access;
    std::unique_ptr<Impl> impl_;
};

// ---------------------------------------------------------------------------------------------
// Layout

/// A laid-out article: pages of positioned glyphs, rules and links. Cheap to copy.
/// Thread-safety: immutable; copies share it, and it may be read (write_pdf()) from several
/// threads at once.
class QUIRE_API Document {
public:
    /// How many pages it has.
    int page_count() const;
    /// The article it was set from (a copy it holds). A collection's stands for the book: its
    /// title, language and date, the editors as authors, no body.
    const Article& article() const;

    struct Impl;  // opaque: the library's own (src/api/impl.hpp)

private:
    friend struct detail::Access;
    /// Documents are made by typeset() and typeset_collection().
    explicit Document(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
    std::shared_ptr<const Impl> impl_;
};

/// Shapes, breaks and paginates the article with the style. Warnings (a character no font can
/// show, a note that does not fit, an overfull line) go to `diags`. `fonts` null:
/// FontLibrary::shared(). `limits.pages` and `limits.seconds` bound the work: past either, an
/// error naming the limit; `limits.cancel` stops it ("cancelled") and `limits.on_progress` hears
/// of each page. The Document keeps the limits for write_pdf(). Other errors: a style value out
/// of range, no installed font in the body's fallback chain.
QUIRE_API Result<Document> typeset(const Article& article, const Style& style, Diagnostics& diags,
                                   std::shared_ptr<FontLibrary> fonts = nullptr,
                                   const Limits& limits = {});

// ---------------------------------------------------------------------------------------------
// PDF

/// Options for the PDF backend.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API PdfOptions {
    /// Creation and modification time, seconds since 1970 (UTC). Unset: SOURCE_DATE_EPOCH from
    /// the environment, else the article's date, else 2000-01-01. Never the clock, so the same
    /// input gives the same bytes.
    std::optional<std::int64_t> timestamp;
    std::string producer;  ///< empty: "quire VERSION"
    /// What the PDF claims to conform to; it is tagged (accessible) whatever the claim.
    /// Unset: the style's pdf_standard (PDF/A-2u and PDF/UA-1 unless the style says otherwise).
    std::optional<PdfStandard> standard;
};

/// The PDF as bytes. It keeps to the limits the document was typeset with: their cancel flag and
/// time limit are checked before each page, their on_progress told of each page ("pdf").
QUIRE_API Result<std::string> write_pdf(const Document& doc, const PdfOptions& options = {});

/// Writes the PDF to `path` through a temporary file in the same folder, renamed into place
/// only when complete: no half-written file ever stands under `path`. Missing folders of
/// `path` are created (as `quire build -o` does); one that cannot be is an error naming it.
QUIRE_API Result<Unit> write_pdf(const Document& doc, const std::filesystem::path& path,
                                 const PdfOptions& options = {});

// ---------------------------------------------------------------------------------------------
// EPUB

/// Which fonts an EPUB carries.
enum class EpubFonts {
    automatic,  ///< subsets of the faces a reading system may lack (scripts beyond Latin, Greek
                ///< and Cyrillic); the CSS names the others with generic fallbacks
    embed,      ///< subsets of every face the text uses
    none,       ///< no fonts; the CSS names the families only
};

/// Options for the EPUB backend.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API EpubOptions {
    /// dcterms:modified and the zip entries' times, seconds since 1970 (UTC). Unset: as for
    /// the PDF (SOURCE_DATE_EPOCH, else the article's date, else 2000-01-01).
    std::optional<std::int64_t> timestamp;
    /// dc:identifier, such as "urn:isbn:…". Empty: a urn:uuid derived from the article's
    /// content, so the same article keeps its identifier from one build to the next.
    std::string identifier;
    EpubFonts fonts = EpubFonts::automatic;  ///< which fonts the EPUB carries
};

/// The EPUB 3 of an article as bytes, from the article model and the style (the same style as
/// the PDF: families, sizes, spacing, the title and bio blocks). `fonts` null:
/// FontLibrary::shared(). It takes no Limits: it has no time limit and cannot be cancelled.
QUIRE_API Result<std::string> write_epub(const Article& article, const Style& style,
                                         const EpubOptions& options = {},
                                         std::shared_ptr<FontLibrary> fonts = nullptr);

/// Writes the EPUB to `path` atomically (temporary file renamed into place when complete).
/// Missing folders of `path` are created, as for write_pdf().
QUIRE_API Result<Unit> write_epub(const Article& article, const Style& style,
                                  const std::filesystem::path& path,
                                  const EpubOptions& options = {},
                                  std::shared_ptr<FontLibrary> fonts = nullptr);

}  // namespace quire::inline v0

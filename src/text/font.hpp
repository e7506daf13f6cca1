// text/font: one loaded font face and the font book that finds faces through fontconfig.
//
// A Face owns its HarfBuzz face and font (hb-ot functions, scale = units per em, so every
// position HarfBuzz returns is in font units). Faces are immutable after loading and so may be
// shaped from several threads at once. The FontBook caches faces by (file, index) and resolves
// fallback chains (fonts/fallback.conf) to faces by character coverage.
#pragma once

#include <hb.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace quire::inline v0::text {

/// Weight and slant of a face within a family.
struct FaceStyle {
    bool bold = false;
    bool italic = false;
    bool operator<(const FaceStyle& o) const {
        return bold != o.bold ? bold < o.bold : italic < o.italic;
    }
    bool operator==(const FaceStyle& o) const = default;
};

/// Kind of outlines a face carries; decides how the PDF backend embeds it.
enum class Outlines {
    truetype,       ///< 'glyf' outlines: CIDFontType2 + FontFile2
    cff_cid_keyed,  ///< CID-keyed CFF (Noto CJK): CIDFontType0 + FontFile3/CIDFontType0C, code =
                    ///< CID
    cff_name_keyed  ///< name-keyed CFF: CIDFontType0 + FontFile3/CIDFontType0C, code = GID
};

/// One loaded font face.
class Face {
public:
    /// Loads face `index` of the font file; nullptr if the file is not a usable font.
    static std::unique_ptr<Face> load(const std::string& path, unsigned index);
    /// Loads face `index` of a font file's bytes held in memory (kept alive by the face);
    /// `name` stands for the file in path() and in messages.
    static std::unique_ptr<Face> load_memory(std::shared_ptr<const std::string> bytes,
                                             const std::string& name, unsigned index);
    /// The number of faces in a font file's bytes (a collection has several; 0: not a font).
    static unsigned count(std::string_view bytes);
    ~Face();
    Face(const Face&) = delete;
    Face& operator=(const Face&) = delete;

    const std::string& path() const { return path_; }
    unsigned index() const { return index_; }
    const std::string& family() const { return family_; }
    /// PostScript name with characters PDF names dislike removed, e.g. "NotoSerif-Bold".
    const std::string& postscript_name() const { return ps_name_; }
    /// A number no other Face of this process has had (a key for caches: an address may be
    /// reused by a face loaded after this one is gone).
    std::uint64_t serial() const { return serial_; }
    hb_face_t* hb_face() const { return face_; }
    hb_font_t* hb_font() const { return font_; }
    unsigned upem() const { return upem_; }
    Outlines outlines() const { return outlines_; }

    /// Vertical metrics in font units (descender is negative).
    int ascender() const { return ascender_; }
    int descender() const { return descender_; }
    int cap_height() const { return cap_height_; }
    /// Font bounding box in font units: xmin, ymin, xmax, ymax.
    const int* bbox() const { return bbox_; }
    bool is_italic() const { return italic_; }
    /// OS/2 usWeightClass (400 regular, 700 bold).
    int weight() const { return weight_; }
    bool is_fixed_pitch() const { return fixed_pitch_; }
    int italic_angle() const { return italic_angle_; }

    /// Whether the face maps the code point to a glyph.
    bool has_char(char32_t c) const;
    /// Advance of a glyph in font units.
    int advance(std::uint32_t gid) const;
    /// CID of a glyph (CID-keyed CFF), else the glyph id.
    std::uint32_t cid(std::uint32_t gid) const;

private:
    Face() = default;
    /// Takes ownership of `blob` (released on failure too).
    static std::unique_ptr<Face> from_blob(hb_blob_t* blob, const std::string& path,
                                           unsigned index);
    std::string path_, family_, ps_name_;
    unsigned index_ = 0;
    std::uint64_t serial_ = 0;
    hb_blob_t* blob_ = nullptr;
    hb_face_t* face_ = nullptr;
    hb_font_t* font_ = nullptr;
    std::vector<std::uint16_t> gid_to_cid_;  ///< CID-keyed CFF only
    unsigned upem_ = 1000;
    Outlines outlines_ = Outlines::truetype;
    int ascender_ = 800, descender_ = -200, cap_height_ = 700;
    int bbox_[4] = {0, -200, 1000, 800};
    bool italic_ = false, fixed_pitch_ = false;
    int italic_angle_ = 0;
    int weight_ = 400;
};

/// A named fallback chain: family names tried in order for each character.
struct FallbackChain {
    std::string name;
    std::vector<std::string> families;
};

/// Families that replace others in the text of some languages (a "[lang TAG...]" section of
/// the chains file): Noto Serif CJK JP for Noto Serif CJK SC in Japanese, and so on.
struct LanguageFaces {
    std::vector<std::string> tags;  ///< BCP 47 tags, each matching itself and its extensions
    std::vector<std::pair<std::string, std::string>> replace;  ///< family -> family
};

class Hyphenator;   // text/hyphenate.hpp
struct ShapeCache;  // text/shape.cpp: the shaped-word cache and what it knows of faces

/// The text stage's resources for one FontLibrary: faces (added from memory or files, and found
/// through fontconfig) and their fallback chains, the hyphenation dictionaries and the cache of
/// shaped words. Nothing of it is process-wide: two books share nothing. Thread-safe.
class FontBook {
public:
    FontBook();
    ~FontBook();
    FontBook(const FontBook&) = delete;
    FontBook& operator=(const FontBook&) = delete;

    /// Adds the faces of a font file's bytes (every face of a collection) under their own
    /// family names (typographic family, else family): family() answers those names from them
    /// alone, before and instead of fontconfig. `name` stands for the file in messages. Returns
    /// the families added, or an error message (not a font, no usable face).
    std::string add_font(std::shared_ptr<const std::string> bytes, const std::string& name,
                         std::vector<std::string>& families);

    /// Whether family() asks fontconfig for a family that was not added (default true).
    void set_system_fonts(bool on);

    /// Where hyphenation dictionaries are read from (default /usr/share/hyphen); set before
    /// the first hyphenator() call.
    void set_hyphenation_dir(std::string dir);
    /// This book's hyphenator (hyphenate.cpp), made on first use.
    const Hyphenator& hyphenator();

    /// The shaper's cache (shape.cpp), made with the book.
    ShapeCache& shape_cache() { return *shape_cache_; }

    /// Parses fallback chains from the text of a chains file (see fonts/fallback.conf).
    /// Returns an error message (with line number) on a malformed file, else empty.
    std::string load_chains(std::string_view text, std::string_view file_name);

    /// The families of a chain, in order; empty if the chain is unknown.
    std::vector<std::string> chain_families(std::string_view name);

    /// Every chain, in the order they were defined.
    std::vector<FallbackChain> chains();

    /// Adds a chain (a style's own, see quire::FontChain); a chain of that name already
    /// defined is left as it is, so a name must stand for one list of families.
    void define_chain(const std::string& name, std::vector<std::string> families);

    /// The faces of a chain for a style, in order, those that fontconfig finds. Empty if the
    /// chain is unknown or none of its families is installed. With a language, the families
    /// its "[lang]" section names replace the ones they stand for (the section whose tag is
    /// the longest match of the language: "zh-Hant-TW" takes "zh-Hant" over "zh").
    std::vector<const Face*> chain(std::string_view name, FaceStyle style,
                                   std::string_view lang = {});

    /// The tag of the "[lang]" section that applies to a language, or empty.
    std::string language_section(std::string_view lang);

    /// The face of a family with a style, or nullptr when fontconfig has no such family.
    const Face* family(const std::string& family, FaceStyle style);

    /// Faces by file and index (loaded once).
    const Face* face(const std::string& path, unsigned index);

private:
    std::mutex mu_;
    std::unique_ptr<ShapeCache> shape_cache_;
    std::string hyphen_dir_ = "/usr/share/hyphen";
    std::unique_ptr<Hyphenator> hyphenator_;
    bool system_fonts_ = true;
    /// Faces added from memory, and their families by lower-case family name.
    std::vector<std::unique_ptr<Face>> added_;
    std::map<std::string, std::vector<const Face*>> added_families_;
    std::vector<FallbackChain> chains_;
    std::vector<LanguageFaces> languages_;
    std::map<std::pair<std::string, unsigned>, std::unique_ptr<Face>> faces_;
    std::map<std::pair<std::string, FaceStyle>, const Face*> families_;
    /// chain()'s answers by "NAME\x1fLANG" and style.
    std::map<std::pair<std::string, FaceStyle>, std::vector<const Face*>> resolved_;
};

/// The built-in fallback chains (fonts/fallback.conf, embedded at build time).
std::string_view builtin_chains();

}  // namespace quire::inline v0::text

// pdf/font_embed: one font face embedded in one PDF document as a subset Type0 (Identity-H) font.
//
// Usage: while content streams are written, encode() gives the 2-byte code for every shaped glyph
// (and whether the font's ToUnicode reproduces the glyph's text exactly); width() gives the /W
// width of a code for TJ adjustments. After all content is written, emit() subsets the face with
// hb-subset and writes the font objects. Not thread-safe; one EmbeddedFont per Face per document.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "text/font.hpp"

namespace PoDoFo {
class PdfObject;
class PdfReference;
class PdfVecObjects;
}  // namespace PoDoFo

namespace quire::inline v0::pdf {

class EmbeddedFont {
public:
    /// The face must outlive this object.
    explicit EmbeddedFont(const text::Face& face);

    /// A content-stream code (big-endian, 2 bytes under Identity-H). When `exact` is false the
    /// font's ToUnicode entry for the code does not yield the text passed to encode(), so the
    /// caller wraps the glyph in /Span << /ActualText … >> BDC … EMC.
    struct Code {
        std::uint16_t code;
        bool exact;
        int width = 0;  ///< the code's /W width, as width() gives it
    };

    /// The code for glyph `gid` standing for `text` (UTF-8; a ligature's whole cluster; empty for
    /// the 2nd+ glyph of a multi-glyph cluster). Must be called before emit().
    ///  - TrueType: one CID per distinct (gid, text) pair, allocated 1, 2, 3, …; always exact
    ///    unless the text cannot be represented (invalid UTF-8, U+0000/FEFF/FFFE, too long).
    ///  - CFF: code = CID (CID-keyed) or GID (name-keyed); the first text a code is used with
    ///    becomes its ToUnicode text, later uses with another text are not exact.
    /// GID 0 (.notdef) is encoded as code 0 without ToUnicode; exact only if `text` is empty.
    Code encode(std::uint32_t gid, std::string_view text);

    /// The /W width of a code returned by encode(), in 1000ths of an em: round(advance*1000/upem).
    /// 0 for a code encode() never returned.
    double width(std::uint16_t code) const;

    /// Subsets the face and adds Type0 + CIDFont + FontDescriptor + font file + ToUnicode objects.
    /// Returns the Type0 font object, or an error (without a place) whose message starts with
    /// the face's PostScript name. Call once, after all encode()s. With `as`, the Type0 object
    /// takes that (reserved) number.
    Result<PoDoFo::PdfObject*> emit(PoDoFo::PdfVecObjects& objects,
                                    const PoDoFo::PdfReference* as = nullptr);

    const text::Face& face() const { return face_; }

private:
    /// One used code.
    struct Slot {
        std::uint32_t gid = 0;
        std::string text;      ///< the text registered for the code (UTF-8, as given)
        std::u16string utf16;  ///< its ToUnicode destination (U+2060 for no text); empty: none
        bool lossless = true;  ///< utf16 represents `text` exactly
        int width = 0;         ///< /W width
    };

    Slot make_slot(std::uint32_t gid, std::string_view text) const;

    class Emitter;  ///< emit()'s steps (font_embed.cpp)

    const text::Face& face_;
    std::map<std::uint16_t, Slot> slots_;  ///< by code
    /// TrueType: the code of each (gid, text) encoded so far. A glyph's entries form a list
    /// that starts at tt_head_[gid] (1 + index in tt_codes_; 0: none yet) and goes on through
    /// `next` (the same); most glyphs stand for one text, so a lookup is an index and a compare.
    struct TtCode {
        std::string text;
        Code code;
        std::uint32_t next = 0;
    };
    std::vector<std::uint32_t> tt_head_;
    std::vector<TtCode> tt_codes_;
    std::uint32_t next_cid_ = 1;  ///< TrueType: next CID to allocate
    bool emitted_ = false;
};

}  // namespace quire::inline v0::pdf

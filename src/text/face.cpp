// text/face: loading one font face (Face::load) and the per-glyph queries the shaper and the PDF
// backend need.
//
// Invariants of a loaded Face:
//  - blob_, face_ and font_ are non-null, immutable and owned (released in ~Face);
//    font_ uses the hb-ot functions with scale = upem, so advances are in font units.
//  - The face has glyphs and either 'glyf' outlines (Outlines::truetype) or a 'CFF ' table
//    (cff_cid_keyed if its Top DICT has ROS, else cff_name_keyed). Anything else (bitmap-only,
//    CFF2, no outlines) is not embeddable and load() returns nullptr.
//  - For CID-keyed CFF, gid_to_cid_ holds the CID of every glyph (read once through a temporary
//    FreeType face); for the other kinds it is empty and cid(gid) == gid.
//  - ps_name_ is non-empty printable ASCII without PDF delimiters, '#' or whitespace.
// Nothing here throws; a file that is not a usable font gives nullptr.
#include "text/font.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CID_H

#include <hb-ot.h>

#include <atomic>
#include <cmath>
#include <memory>
#include <string>
#include <string_view>

namespace quire::inline v0::text {

namespace {

constexpr hb_tag_t kTagHead = HB_TAG('h', 'e', 'a', 'd');
constexpr hb_tag_t kTagOs2 = HB_TAG('O', 'S', '/', '2');
constexpr hb_tag_t kTagPost = HB_TAG('p', 'o', 's', 't');
constexpr hb_tag_t kTagGlyf = HB_TAG('g', 'l', 'y', 'f');
constexpr hb_tag_t kTagCff = HB_TAG('C', 'F', 'F', ' ');

/// A referenced table blob, released on scope exit.
class TableBlob {
public:
    TableBlob(hb_face_t* face, hb_tag_t tag) : blob_(hb_face_reference_table(face, tag)) {
        data_ = reinterpret_cast<const unsigned char*>(hb_blob_get_data(blob_, &size_));
    }
    ~TableBlob() { hb_blob_destroy(blob_); }
    TableBlob(const TableBlob&) = delete;
    TableBlob& operator=(const TableBlob&) = delete;

    unsigned size() const { return size_; }
    bool has(unsigned offset, unsigned len) const {
        return data_ != nullptr && offset + len <= size_;
    }
    unsigned u16(unsigned offset) const {
        return (static_cast<unsigned>(data_[offset]) << 8) | data_[offset + 1];
    }
    int s16(unsigned offset) const { return static_cast<std::int16_t>(u16(offset)); }
    std::uint32_t u32(unsigned offset) const {
        return (static_cast<std::uint32_t>(u16(offset)) << 16) | u16(offset + 2);
    }

private:
    hb_blob_t* blob_;
    const unsigned char* data_ = nullptr;
    unsigned size_ = 0;
};

/// A name-table string in UTF-8 (default language, English), empty if absent.
std::string name_string(hb_face_t* face, hb_ot_name_id_t id) {
    unsigned len = hb_ot_name_get_utf8(face, id, HB_LANGUAGE_INVALID, nullptr, nullptr);
    if (len == 0) return {};
    std::string s(len + 1, '\0');
    unsigned size = len + 1;
    hb_ot_name_get_utf8(face, id, HB_LANGUAGE_INVALID, &size, s.data());
    s.resize(size);
    return s;
}

/// Keeps the characters a PDF name and a PostScript font name both accept.
std::string sanitise_ps_name(const std::string& in) {
    std::string out;
    for (char ch : in) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c >= 0x7F) continue;
        if (std::string_view("()<>[]{}/%#").find(ch) != std::string_view::npos) continue;
        out += ch;
    }
    if (out.size() > 63) out.resize(63);  // PostScript name limit
    return out;
}

/// RAII for FreeType handles used while loading.
struct FtLibrary {
    FT_Library lib = nullptr;
    FtLibrary() {
        if (FT_Init_FreeType(&lib) != 0) lib = nullptr;
    }
    ~FtLibrary() {
        if (lib) FT_Done_FreeType(lib);
    }
    FtLibrary(const FtLibrary&) = delete;
    FtLibrary& operator=(const FtLibrary&) = delete;
};
struct FtFace {
    FT_Face face = nullptr;
    ~FtFace() {
        if (face) FT_Done_Face(face);
    }
};

/// Reads the CFF keying through FreeType. Returns false if FreeType cannot open the face.
bool read_cid_map(hb_blob_t* file, unsigned index, unsigned num_glyphs, bool* cid_keyed,
                  std::vector<std::uint16_t>* gid_to_cid) {
    FtLibrary lib;
    if (!lib.lib) return false;
    unsigned size = 0;
    const char* data = hb_blob_get_data(file, &size);
    FtFace ft;
    if (FT_New_Memory_Face(lib.lib, reinterpret_cast<const FT_Byte*>(data),
                           static_cast<FT_Long>(size), static_cast<FT_Long>(index), &ft.face) != 0)
        return false;
    FT_Bool is_cid = 0;
    *cid_keyed = FT_Get_CID_Is_Internally_CID_Keyed(ft.face, &is_cid) == 0 && is_cid;
    if (!*cid_keyed) return true;
    gid_to_cid->assign(num_glyphs, 0);
    for (unsigned g = 0; g < num_glyphs; ++g) {
        FT_UInt cid = 0;
        if (FT_Get_CID_From_Glyph_Index(ft.face, g, &cid) == 0 && cid <= 0xFFFF)
            (*gid_to_cid)[g] = static_cast<std::uint16_t>(cid);
        else
            (*gid_to_cid)[g] = static_cast<std::uint16_t>(g);  // not expected; keep a usable code
    }
    return true;
}

}  // namespace

std::unique_ptr<Face> Face::load(const std::string& path, unsigned index) {
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(path.c_str());
    if (!blob) return nullptr;
    return from_blob(blob, path, index);
}

std::unique_ptr<Face> Face::load_memory(std::shared_ptr<const std::string> bytes,
                                        const std::string& name, unsigned index) {
    if (!bytes || bytes->empty() || bytes->size() > 0x7FFFFFFFu) return nullptr;
    // The blob borrows the bytes; its destroy callback drops this reference to them.
    auto* keep = new std::shared_ptr<const std::string>(bytes);
    hb_blob_t* blob = hb_blob_create_or_fail(
        bytes->data(), static_cast<unsigned>(bytes->size()), HB_MEMORY_MODE_READONLY, keep,
        [](void* p) { delete static_cast<std::shared_ptr<const std::string>*>(p); });
    if (!blob) return nullptr;  // HarfBuzz has called the destroy callback
    return from_blob(blob, name, index);
}

unsigned Face::count(std::string_view bytes) {
    hb_blob_t* blob = hb_blob_create(bytes.data(), static_cast<unsigned>(bytes.size()),
                                     HB_MEMORY_MODE_READONLY, nullptr, nullptr);
    const unsigned n = hb_face_count(blob);
    hb_blob_destroy(blob);
    return n;
}

std::unique_ptr<Face> Face::from_blob(hb_blob_t* blob, const std::string& path, unsigned index) {
    if (index >= hb_face_count(blob)) {
        hb_blob_destroy(blob);
        return nullptr;
    }
    std::unique_ptr<Face> f(new Face());
    static std::atomic<std::uint64_t> next_serial{1};
    f->serial_ = next_serial.fetch_add(1);
    f->path_ = path;
    f->index_ = index;
    f->blob_ = blob;  // owned from here on; ~Face releases every handle set so far
    f->face_ = hb_face_create(blob, index);
    const unsigned num_glyphs = hb_face_get_glyph_count(f->face_);
    const unsigned upem = hb_face_get_upem(f->face_);
    if (num_glyphs == 0 || num_glyphs > 0x10000 || upem < 16 || upem > 16384) return nullptr;
    f->upem_ = upem;
    hb_face_make_immutable(f->face_);

    // Outlines.
    {
        TableBlob glyf(f->face_, kTagGlyf);
        TableBlob cff(f->face_, kTagCff);
        if (glyf.size() > 0) {
            f->outlines_ = Outlines::truetype;
        } else if (cff.size() > 0) {
            bool cid_keyed = false;
            if (!read_cid_map(blob, index, num_glyphs, &cid_keyed, &f->gid_to_cid_)) return nullptr;
            f->outlines_ = cid_keyed ? Outlines::cff_cid_keyed : Outlines::cff_name_keyed;
        } else {
            return nullptr;  // CFF2, bitmap-only or no outlines: not embeddable in PDF
        }
    }

    f->font_ = hb_font_create(f->face_);
    hb_font_set_scale(f->font_, static_cast<int>(upem), static_cast<int>(upem));
    hb_font_make_immutable(f->font_);

    // Names.
    f->family_ = name_string(f->face_, HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY);
    if (f->family_.empty()) f->family_ = name_string(f->face_, HB_OT_NAME_ID_FONT_FAMILY);
    f->ps_name_ = sanitise_ps_name(name_string(f->face_, HB_OT_NAME_ID_POSTSCRIPT_NAME));
    if (f->ps_name_.empty()) f->ps_name_ = sanitise_ps_name(f->family_);
    if (f->ps_name_.empty()) f->ps_name_ = "Font";

    // Vertical metrics.
    hb_font_extents_t ext{};
    if (hb_font_get_h_extents(f->font_, &ext)) {
        f->ascender_ = ext.ascender;
        f->descender_ = ext.descender;
    } else {
        f->ascender_ = static_cast<int>(upem * 8 / 10);
        f->descender_ = -static_cast<int>(upem * 2 / 10);
    }
    hb_position_t cap = 0;
    if (hb_ot_metrics_get_position(f->font_, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) && cap > 0) {
        f->cap_height_ = cap;
    } else {
        hb_codepoint_t h = 0;
        hb_glyph_extents_t ge{};
        if (hb_font_get_nominal_glyph(f->font_, 'H', &h) &&
            hb_font_get_glyph_extents(f->font_, h, &ge) && ge.y_bearing > 0)
            f->cap_height_ = ge.y_bearing;
        else
            f->cap_height_ = f->ascender_ * 7 / 10;
    }

    // head: font bounding box.
    {
        TableBlob head(f->face_, kTagHead);
        if (head.has(36, 8)) {
            f->bbox_[0] = head.s16(36);
            f->bbox_[1] = head.s16(38);
            f->bbox_[2] = head.s16(40);
            f->bbox_[3] = head.s16(42);
        } else {
            f->bbox_[0] = 0;
            f->bbox_[1] = f->descender_;
            f->bbox_[2] = static_cast<int>(upem);
            f->bbox_[3] = f->ascender_;
        }
    }

    // post: italic angle and fixed pitch; OS/2: italic bit.
    double angle = 0;
    {
        TableBlob post(f->face_, kTagPost);
        if (post.has(4, 12)) {
            angle = static_cast<std::int32_t>(post.u32(4)) / 65536.0;
            f->fixed_pitch_ = post.u32(12) != 0;
        }
    }
    f->italic_angle_ = static_cast<int>(std::lround(angle));
    {
        TableBlob os2(f->face_, kTagOs2);
        if (os2.has(62, 2))
            f->italic_ = (os2.u16(62) & 0x0201) != 0;  // ITALIC or OBLIQUE
        else
            f->italic_ = angle != 0;
        if (os2.has(4, 2)) f->weight_ = static_cast<int>(os2.u16(4));  // usWeightClass
    }
    return f;
}

Face::~Face() {
    hb_font_destroy(font_);
    hb_face_destroy(face_);
    hb_blob_destroy(blob_);
}

// Not a cached hb_set_t of the cmap: an hb_set_t in HarfBuzz 6 updates a lookup cache
// (last_page_lookup) on reads, so concurrent queries would race. The nominal-glyph lookup of an
// immutable hb-ot font is safe to call from several threads and answers from the same cmap.
bool Face::has_char(char32_t c) const {
    hb_codepoint_t g = 0;
    return hb_font_get_nominal_glyph(font_, c, &g) && g != 0;
}

int Face::advance(std::uint32_t gid) const {
    return hb_font_get_glyph_h_advance(font_, gid);
}

std::uint32_t Face::cid(std::uint32_t gid) const {
    if (outlines_ == Outlines::cff_cid_keyed && gid < gid_to_cid_.size()) return gid_to_cid_[gid];
    return gid;
}

}  // namespace quire::inline v0::text

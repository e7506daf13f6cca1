// pdf/font_embed: subset embedding of one text::Face as a Type0 (Identity-H) font.
//
// Codes (2 bytes under Identity-H, so code == CID):
//  - TrueType ('glyf'): CIDs are allocated densely 1, 2, 3, … per distinct (gid, text) pair, so
//    one glyph used for two texts (U+0020 and U+00A0) gets two CIDs, each with its own exact
//    ToUnicode entry. A /CIDToGIDMap stream maps each CID to the glyph's NEW id in the subset
//    (hb-subset renumbers; old->new comes from the subset plan). CID 0 is .notdef (GID 0).
//  - CID-keyed CFF: code = the glyph's CID (hb-subset keeps the charset's CIDs while renumbering
//    GIDs), so the bare subset 'CFF ' table is looked up by CID. Never RETAIN_GIDS here.
//  - Name-keyed CFF: subset with RETAIN_GIDS and code = GID (CIDs are used as GIDs).
//  For CFF one code has one ToUnicode text: the first text it was encoded with wins, and later
//  uses with another text are reported as not exact (the caller adds /ActualText).
// Invariants: slots_ holds every code handed out, with its glyph, ToUnicode text and /W width;
// GID 0 only ever gets code 0 and never a ToUnicode entry; ToUnicode never maps to U+0000, U+FEFF
// or U+FFFE. Output is a pure function of the face and the sequence of encode() calls (ordered
// containers, a subset tag hashed from the PostScript name and glyph set, integer-only numbers,
// so no locale is involved).
#include "pdf/font_embed.hpp"

#include "base/utf8.hpp"
#include "pdf/flate.hpp"
#include "text/subset.hpp"

#include <podofo/podofo.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

namespace quire::inline v0::pdf {

namespace {

using PoDoFo::pdf_int64;
using PoDoFo::PdfArray;
using PoDoFo::PdfDictionary;
using PoDoFo::PdfName;
using PoDoFo::PdfObject;
using PoDoFo::PdfString;
using PoDoFo::PdfVariant;

using text::hb::BlobPtr;
using text::hb::FacePtr;
using text::hb::SubsetPlanPtr;

constexpr std::size_t kMaxToUnicodeUnits = 256;  // 512 bytes, the CMap limit for a dstString
constexpr std::size_t kBfcharBlock = 100;

PdfObject num(long long v) {
    return PdfObject(static_cast<pdf_int64>(v));
}

/// Font units to 1000ths of an em, rounded.
long long to_milli(double v, unsigned upem) {
    return std::llround(v * 1000.0 / upem);
}

/// Decodes UTF-8 to UTF-16. Drops invalid sequences and the code points ToUnicode must not map
/// to (U+0000, U+FEFF, U+FFFE); *lossless tells whether anything was dropped or cut.
std::u16string to_utf16(std::string_view s, bool* lossless) {
    std::u16string out;
    *lossless = true;
    for (std::size_t i = 0; i < s.size();) {
        const utf8::Decoded d = utf8::decode_strict(s, i);
        i += d.len;
        if (d.c == utf8::kInvalid || d.c == 0 || d.c == 0xFEFF || d.c == 0xFFFE) {
            *lossless = false;
            continue;
        }
        if (out.size() + (d.c >= 0x10000 ? 2 : 1) > kMaxToUnicodeUnits) {
            *lossless = false;
            break;
        }
        utf8::append_utf16(out, d.c);
    }
    return out;
}

/// Single code point of a UTF-16 string, or 0 if it is not exactly one.
char32_t single_code_point(const std::u16string& u) {
    if (u.size() == 1 && (u[0] < 0xD800 || u[0] > 0xDFFF)) return u[0];
    if (u.size() == 2 && u[0] >= 0xD800 && u[0] <= 0xDBFF && u[1] >= 0xDC00 && u[1] <= 0xDFFF)
        return 0x10000 + ((static_cast<char32_t>(u[0]) - 0xD800) << 10) + (u[1] - 0xDC00);
    return 0;
}

void append_hex4(std::string& out, unsigned v) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    out += kHex[(v >> 12) & 0xF];
    out += kHex[(v >> 8) & 0xF];
    out += kHex[(v >> 4) & 0xF];
    out += kHex[v & 0xF];
}

/// FNV-1a, 64 bits.
struct Fnv1a {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    void add(const void* data, std::size_t n) {
        const auto* p = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < n; ++i) {
            h ^= p[i];
            h *= 0x100000001b3ULL;
        }
    }
    void add_u32(std::uint32_t v) {
        const unsigned char b[4] = {
            static_cast<unsigned char>(v), static_cast<unsigned char>(v >> 8),
            static_cast<unsigned char>(v >> 16), static_cast<unsigned char>(v >> 24)};
        add(b, 4);
    }
};

/// OS/2 usWeightClass, 400 when absent.
unsigned weight_class(hb_face_t* face) {
    BlobPtr os2(hb_face_reference_table(face, HB_TAG('O', 'S', '/', '2')));
    const std::string_view table = text::hb::blob_data(os2.get());
    if (table.size() < 6) return 400;
    const auto* d = reinterpret_cast<const unsigned char*>(table.data());
    const unsigned w = (static_cast<unsigned>(d[4]) << 8) | d[5];
    return w >= 1 && w <= 1000 ? w : 400;
}

/// The face hb-subset reads when subsetting `face`: the face itself for its first uses, then (from
/// the use a face's size makes worth it) the face as hb_subset_preprocess() prepares it, which
/// subsets the same bytes about four times faster (Noto Serif: 0.86 -> 0.23 ms) but takes a while
/// to make (25 ms for Noto Serif, 1.5 s for a CJK face): so a single article never pays for it,
/// and a batch does once per face. A preprocessed face caches lookups in sets that reads update,
/// so its subsets are made one at a time, under `lock`. (A copy per thread, tried, cost more:
/// another 25 ms of preparing a face against the rare 0.2 ms wait for the other thread.)
struct SubsetSource {
    hb_face_t* face = nullptr;
    std::unique_lock<std::mutex> lock;
};

SubsetSource subset_source(const text::Face& face) {
    struct Entry {
        unsigned uses = 0;
        FacePtr prepared;
        std::mutex mu;  ///< held while `prepared` is being subset
    };
    static std::mutex registry_mu;
    static std::map<std::uint64_t, std::unique_ptr<Entry>> registry;  // by Face::serial()
    Entry* e = nullptr;
    bool prepare = false;
    {
        std::lock_guard lock(registry_mu);
        auto& slot = registry[face.serial()];
        if (!slot) slot = std::make_unique<Entry>();
        e = slot.get();
        const unsigned worth = 8 + hb_face_get_glyph_count(face.hb_face()) / 128;
        // `uses` (under registry_mu) stops at `worth`: `prepared` is only touched under e->mu.
        if (e->uses < worth && ++e->uses == worth) prepare = true;  // exactly one thread prepares
    }
    if (prepare) {
        FacePtr prepared(hb_subset_preprocess(face.hb_face()));
        std::lock_guard lock(e->mu);
        e->prepared = std::move(prepared);
    }
    std::unique_lock lock(e->mu);
    if (e->prepared) return {e->prepared.get(), std::move(lock)};
    return {face.hb_face(), {}};  // the plain face: hb-subset only reads it
}

}  // namespace

EmbeddedFont::EmbeddedFont(const text::Face& face) : face_(face) {}

EmbeddedFont::Slot EmbeddedFont::make_slot(std::uint32_t gid, std::string_view text) const {
    Slot s;
    s.gid = gid;
    s.width = static_cast<int>(to_milli(face_.advance(gid), face_.upem()));
    if (gid != 0) {
        s.text = std::string(text);
        // A glyph that stands for no text of its own (a mark or the second glyph of a
        // cluster, whose text its first glyph or an ActualText carries) still maps to a
        // character, as PDF/UA-1 and PDF/A-2u ask of every glyph: U+2060 WORD JOINER, which is
        // invisible and joins rather than splits the word it sits in.
        s.utf16 = text.empty() ? std::u16string(1, u'\u2060') : to_utf16(text, &s.lossless);
    }
    return s;
}

EmbeddedFont::Code EmbeddedFont::encode(std::uint32_t gid, std::string_view text) {
    if (gid >= hb_face_get_glyph_count(face_.hb_face())) gid = 0;
    const bool truetype = face_.outlines() == text::Outlines::truetype;
    std::uint32_t code = 0;
    if (gid != 0 && !truetype) {
        code = face_.outlines() == text::Outlines::cff_cid_keyed ? face_.cid(gid) : gid;
        if (code > 0xFFFF) code = 0;
    }
    if (gid == 0 || (!truetype && code == 0)) {  // .notdef: code 0, no ToUnicode
        auto it = slots_.find(0);
        if (it == slots_.end()) it = slots_.emplace(0, make_slot(0, {})).first;
        return {0, text.empty(), it->second.width};
    }

    if (!truetype) {
        const auto c = static_cast<std::uint16_t>(code);
        auto it = slots_.find(c);
        if (it == slots_.end()) it = slots_.emplace(c, make_slot(gid, text)).first;
        return {c, it->second.lossless && it->second.text == text, it->second.width};
    }

    // TrueType: one CID per (gid, text).
    if (tt_head_.empty()) tt_head_.resize(hb_face_get_glyph_count(face_.hb_face()));
    std::uint32_t last = 0;  // 1 + index of the glyph's last entry (0: it has none)
    for (std::uint32_t e = tt_head_[gid]; e != 0; last = e, e = tt_codes_[e - 1].next)
        if (tt_codes_[e - 1].text == text) return tt_codes_[e - 1].code;
    if (next_cid_ > 0xFFFF) {  // CIDs exhausted: reuse a CID of the glyph, text not exact
        for (const auto& [c, s] : slots_)
            if (s.gid == gid) return {c, false, s.width};
        return {0, false, slots_.count(0) ? slots_.at(0).width : 0};
    }
    const auto c = static_cast<std::uint16_t>(next_cid_++);
    const Slot& s = slots_.emplace(c, make_slot(gid, text)).first->second;
    const Code result{c, s.lossless, s.width};
    tt_codes_.push_back({std::string(text), result, 0});
    (last ? tt_codes_[last - 1].next : tt_head_[gid]) =
        static_cast<std::uint32_t>(tt_codes_.size());
    return result;
}

double EmbeddedFont::width(std::uint16_t code) const {
    auto it = slots_.find(code);
    return it == slots_.end() ? 0.0 : static_cast<double>(it->second.width);
}

/// emit()'s steps for one font: the subset, then the PDF objects, made in the order the file
/// has them (font program, descriptor, CIDFont, CIDToGIDMap, ToUnicode, Type0). Failures are
/// errors without a place; emit() names the face.
class EmbeddedFont::Emitter {
public:
    Emitter(const EmbeddedFont& font, PoDoFo::PdfVecObjects& objects)
        : face_(font.face_),
          slots_(font.slots_),
          objects_(objects),
          kind_(face_.outlines()),
          truetype_(kind_ == text::Outlines::truetype),
          upem_(face_.upem()) {
        for (const auto& [code, s] : slots_) gids_.insert(s.gid);
        gids_.insert(0);
        base_font_ = base_font();
    }

    /// Subsets the face to the glyphs used.
    Result<Unit> subset();

    /// Writes the objects of the subset; the Type0 font (numbered `as` when given).
    Result<PdfObject*> write(const PoDoFo::PdfReference* as);

private:
    Result<PdfObject*> font_file();
    PdfObject* descriptor(const PdfObject& file);
    Result<PdfObject*> cid_font(const PdfObject& descriptor);
    PdfArray widths(int dw) const;
    std::string base_font() const;
    int default_width() const;
    std::string to_unicode_cmap() const;
    PdfObject* type0(const PdfObject& cid_font, const PdfObject& to_unicode,
                     const PoDoFo::PdfReference* as);

    const text::Face& face_;
    const std::map<std::uint16_t, Slot>& slots_;
    PoDoFo::PdfVecObjects& objects_;
    const text::Outlines kind_;
    const bool truetype_;
    const unsigned upem_;
    std::set<std::uint32_t> gids_;  ///< the glyphs to keep (.notdef always)
    SubsetPlanPtr plan_;            ///< owns old_to_new_
    FacePtr sub_;                   ///< the subset face
    BlobPtr program_;  ///< the font program: the whole subset (TrueType) or its 'CFF ' table
    const hb_map_t* old_to_new_ = nullptr;  ///< the subset's glyph ids by the face's
    std::string base_font_;                 ///< the subset's name, tag included
};

Result<Unit> EmbeddedFont::Emitter::subset() {
    const text::hb::SubsetInputPtr input = text::hb::subset_input();
    if (!input) return make_error({}, "hb_subset_input_create_or_fail failed");
    text::hb::add_all(hb_subset_input_glyph_set(input.get()), gids_);
    if (truetype_) {
        // A small cmap for tools that look at it: only code points whose nominal glyph is
        // already in the set, so no glyph is added.
        hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
        for (const auto& [code, s] : slots_) {
            const char32_t cp = single_code_point(s.utf16);
            hb_codepoint_t g = 0;
            if (cp && hb_font_get_nominal_glyph(face_.hb_font(), cp, &g) && g == s.gid)
                hb_set_add(unicodes, cp);
        }
    }
    text::hb::keep_layout_features(input.get(), false);
    text::hb::drop_tables(input.get(), {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "vhea",
                                        "vmtx", "VORG", "DSIG"});
    unsigned flags = HB_SUBSET_FLAGS_DEFAULT;
    if (truetype_) flags |= HB_SUBSET_FLAGS_NO_HINTING;  // TrueType instructions: bulky, unneeded
    if (kind_ == text::Outlines::cff_name_keyed) flags |= HB_SUBSET_FLAGS_RETAIN_GIDS;
    hb_subset_input_set_flags(input.get(), flags);

    SubsetSource source = subset_source(face_);
    plan_.reset(hb_subset_plan_create_or_fail(source.face, input.get()));
    if (!plan_) return make_error({}, "hb-subset could not plan the subset");
    old_to_new_ = hb_subset_plan_old_to_new_glyph_mapping(plan_.get());
    sub_.reset(hb_subset_plan_execute_or_fail(plan_.get()));
    if (!sub_) return make_error({}, "hb-subset failed");

    program_.reset(truetype_ ? hb_face_reference_blob(sub_.get())
                             : hb_face_reference_table(sub_.get(), HB_TAG('C', 'F', 'F', ' ')));
    if (text::hb::blob_data(program_.get()).empty())
        return make_error({}, "hb-subset produced an empty font program");
    if (source.lock.owns_lock()) source.lock.unlock();  // the subset is the document's own now
    return Unit{};
}

/// Subset tag: 6 letters from the PostScript name and the glyph set, then the name.
std::string EmbeddedFont::Emitter::base_font() const {
    Fnv1a hash;
    hash.add(face_.postscript_name().data(), face_.postscript_name().size());
    hash.add_u32(static_cast<std::uint32_t>(kind_));
    for (std::uint32_t g : gids_) hash.add_u32(g);
    std::string name;
    for (int i = 0; i < 6; ++i) {
        name += static_cast<char>('A' + hash.h % 26);
        hash.h /= 26;
    }
    name += '+';
    name += face_.postscript_name();
    return name;
}

/// /DW: the most frequent width.
int EmbeddedFont::Emitter::default_width() const {
    std::map<int, std::size_t> width_count;
    for (const auto& [code, s] : slots_) ++width_count[s.width];
    int dw = 1000;
    std::size_t best = 0;
    for (const auto& [w, n] : width_count)
        if (n > best) best = n, dw = w;
    return dw;
}

Result<PdfObject*> EmbeddedFont::Emitter::write(const PoDoFo::PdfReference* as) {
    QUIRE_TRY_ASSIGN(const PdfObject* file, font_file());
    const PdfObject* fd = descriptor(*file);
    QUIRE_TRY_ASSIGN(const PdfObject* cid, cid_font(*fd));
    const std::string cmap = to_unicode_cmap();
    PdfObject* to_unicode = objects_.CreateObject();
    QUIRE_TRY(set_flate_stream(to_unicode, cmap.data(), cmap.size()));
    return type0(*cid, *to_unicode, as);
}

Result<PdfObject*> EmbeddedFont::Emitter::font_file() {
    const std::string_view bytes = text::hb::blob_data(program_.get());
    PdfObject* file = objects_.CreateObject();
    QUIRE_TRY(set_flate_stream(file, bytes.data(), bytes.size(), kFontFlateLevel));
    if (truetype_)
        file->GetDictionary().AddKey("Length1", num(static_cast<long long>(bytes.size())));
    else
        file->GetDictionary().AddKey("Subtype", PdfName("CIDFontType0C"));
    return file;
}

PdfObject* EmbeddedFont::Emitter::descriptor(const PdfObject& file) {
    const int* bb = face_.bbox();
    PdfArray bbox;
    for (int i = 0; i < 4; ++i) bbox.push_back(num(to_milli(bb[i], upem_)));
    long flags_value = 4;  // symbolic
    if (face_.is_fixed_pitch()) flags_value |= 1;
    if (face_.is_italic()) flags_value |= 64;
    const unsigned weight = weight_class(face_.hb_face());
    const long long stem_v = std::llround(10 + 220.0 * (static_cast<double>(weight) - 50) / 900);
    PdfObject* fd = objects_.CreateObject("FontDescriptor");
    PdfDictionary& fdd = fd->GetDictionary();
    fdd.AddKey("FontName", PdfName(base_font_));
    fdd.AddKey("Flags", num(flags_value));
    fdd.AddKey("FontBBox", bbox);
    fdd.AddKey("ItalicAngle", num(face_.italic_angle()));
    fdd.AddKey("Ascent", num(to_milli(face_.ascender(), upem_)));
    fdd.AddKey("Descent", num(to_milli(face_.descender(), upem_)));
    fdd.AddKey("CapHeight", num(to_milli(face_.cap_height(), upem_)));
    fdd.AddKey("StemV", num(stem_v < 10 ? 10 : stem_v));
    fdd.AddKey(truetype_ ? "FontFile2" : "FontFile3", file.Reference());
    return fd;
}

Result<PdfObject*> EmbeddedFont::Emitter::cid_font(const PdfObject& descriptor) {
    PdfObject* cid_font = objects_.CreateObject("Font");
    PdfDictionary& cd = cid_font->GetDictionary();
    cd.AddKey("Subtype", PdfName(truetype_ ? "CIDFontType2" : "CIDFontType0"));
    cd.AddKey("BaseFont", PdfName(base_font_));
    PdfDictionary info;
    info.AddKey("Registry", PdfString("Adobe"));
    info.AddKey("Ordering", PdfString("Identity"));
    info.AddKey("Supplement", num(0));
    cd.AddKey("CIDSystemInfo", info);
    cd.AddKey("FontDescriptor", descriptor.Reference());
    const int dw = default_width();
    cd.AddKey("DW", num(dw));
    if (const PdfArray w = widths(dw); !w.empty()) cd.AddKey("W", w);
    if (truetype_) {
        const std::size_t n = static_cast<std::size_t>(slots_.rbegin()->first) + 1;
        std::string map(2 * n, '\0');
        for (const auto& [code, s] : slots_) {
            unsigned g = hb_map_get(old_to_new_, s.gid);
            if (g == HB_MAP_VALUE_INVALID || g > 0xFFFF) g = 0;
            map[2 * code] = static_cast<char>(g >> 8);
            map[2 * code + 1] = static_cast<char>(g & 0xFF);
        }
        PdfObject* map_obj = objects_.CreateObject();
        QUIRE_TRY(set_flate_stream(map_obj, map.data(), map.size()));
        cd.AddKey("CIDToGIDMap", map_obj->Reference());
    }
    return cid_font;
}

/// /W: runs of consecutive codes with widths other than `dw`.
PdfArray EmbeddedFont::Emitter::widths(int dw) const {
    PdfArray w;
    PdfArray run;
    long long run_start = -1, prev = -2;
    for (const auto& [code, s] : slots_) {
        if (s.width == dw) continue;
        if (code != prev + 1 && !run.empty()) {
            w.push_back(num(run_start));
            w.push_back(run);
            run.clear();
        }
        if (run.empty()) run_start = code;
        run.push_back(num(s.width));
        prev = code;
    }
    if (!run.empty()) {
        w.push_back(num(run_start));
        w.push_back(run);
    }
    return w;
}

/// The ToUnicode CMap: every code with a text, in blocks of kBfcharBlock.
std::string EmbeddedFont::Emitter::to_unicode_cmap() const {
    std::vector<std::pair<std::uint16_t, const std::u16string*>> entries;
    for (const auto& [code, s] : slots_)
        if (!s.utf16.empty()) entries.emplace_back(code, &s.utf16);
    std::string cmap =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    for (std::size_t i = 0; i < entries.size(); i += kBfcharBlock) {
        const std::size_t n = std::min(kBfcharBlock, entries.size() - i);
        cmap += std::to_string(n);  // integers only: locale-independent
        cmap += " beginbfchar\n";
        for (std::size_t k = i; k < i + n; ++k) {
            cmap += '<';
            append_hex4(cmap, entries[k].first);
            cmap += "> <";
            for (char16_t u : *entries[k].second) append_hex4(cmap, u);
            cmap += ">\n";
        }
        cmap += "endbfchar\n";
    }
    cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    return cmap;
}

PdfObject* EmbeddedFont::Emitter::type0(const PdfObject& cid_font, const PdfObject& to_unicode,
                                        const PoDoFo::PdfReference* as) {
    PdfObject* type0 = nullptr;
    if (as) {  // a number reserved by the caller (pages named it before the font was made)
        type0 = new PdfObject(*as, "Font");
        objects_.push_back(type0);
    } else {
        type0 = objects_.CreateObject("Font");
    }
    PdfDictionary& td = type0->GetDictionary();
    td.AddKey("Subtype", PdfName("Type0"));
    td.AddKey("BaseFont", PdfName(truetype_ ? base_font_ : base_font_ + "-Identity-H"));
    td.AddKey("Encoding", PdfName("Identity-H"));
    PdfArray descendants;
    descendants.push_back(cid_font.Reference());
    td.AddKey("DescendantFonts", descendants);
    td.AddKey("ToUnicode", to_unicode.Reference());
    return type0;
}

Result<PoDoFo::PdfObject*> EmbeddedFont::emit(PoDoFo::PdfVecObjects& objects,
                                              const PoDoFo::PdfReference* as) {
    auto fail = [&](const std::string& msg) {
        return make_error({}, face_.postscript_name() + ": " + msg);
    };
    if (emitted_) return fail("font emitted twice");
    emitted_ = true;
    if (slots_.empty()) slots_.emplace(0, make_slot(0, {}));
    Emitter emitter(*this, objects);
    if (auto ok = emitter.subset(); !ok) return fail(ok.error().message);
    try {
        auto type0 = emitter.write(as);
        if (!type0) return fail(type0.error().message);
        return type0;
    } catch (const PoDoFo::PdfError& e) {
        return fail(std::string("PoDoFo error: ") + e.what());
    }
}

}  // namespace quire::inline v0::pdf

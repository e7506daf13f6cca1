// pdf/writer: PagedDocument → PDF (see writer.hpp).
//
// Order of work: each page as it comes (DocumentWriter::page) gets its page object, its
// content stream with 2-byte glyph codes from the EmbeddedFonts (pdf/content_stream), its
// images and its links (pdf/navigation); the content stream and images are written out at
// once (ObjectOut) and forgotten. finish() then subsets and embeds the fonts (codes are fixed
// before subsetting), fills in the page tree, resources, named destinations, links, outline,
// Info, the structure tree (pdf/tagging) and XMP, and writes the rest with the
// cross-reference table. Determinism: no clock is read; PoDoFo's own Info dates are
// overwritten, subset tags come from a hash, numbers are formatted without locale, the file
// identifier is a hash of the bytes.
//
// Errors: a step returns an error without a place (an image that cannot be read, a font that
// cannot be embedded); guarded() makes it, or a PoDoFo error, the writer's, "PDF writer
// failed: …" at the source, and every later call returns it.
#include "pdf/writer.hpp"

#include "base/image_info.hpp"
#include "base/limits.hpp"
#include "pdf/conformance.hpp"
#include "pdf/content_stream.hpp"
#include "pdf/flate.hpp"
#include "pdf/font_embed.hpp"
#include "pdf/navigation.hpp"
#include "pdf/object_out.hpp"
#include "pdf/tagging.hpp"
#include "pdf/text_string.hpp"
#include "pdf/tree_builder.hpp"

#include <podofo/podofo.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>

namespace quire::inline v0::pdf {

namespace {

using namespace PoDoFo;

std::string pdf_date(std::int64_t t) {
    return format_utc(t, "D:%Y%m%d%H%M%SZ");
}

PdfVariant rect(double x, double y, double w, double h) {
    PdfVariant v;
    PdfRect(x, y, w, h).ToVariant(v);
    return v;
}

/// PoDoFo stamps a new document's Info with the time through localtime(), whose static
/// result and the time-zone state tzset() frees and rebuilds are shared by all threads
/// (ThreadSanitizer saw two batch workers race there). Documents are made one at a time,
/// under this lock. The stamps themselves are replaced.
std::mutex& podofo_clock() {
    static std::mutex m;
    return m;
}

}  // namespace

struct DocumentWriter::Impl {
    Impl(ByteSink sink, WriteOptions o)
        : options(std::move(o)),
          pdf([] {
              const std::lock_guard lock(podofo_clock());
              return PdfMemDocument();
          }()),
          out(std::move(sink), options.standard.x4 ? "1.6" : "1.7"),
          cw(fonts, mc),
          structure(pdf.GetObjects(), out),
          nav(pdf.GetObjects(), out, origin()) {
        // PDF/X-4 is PDF 1.6 (ISO 15930-7); a print file's colours are ICC-based.
        pdf.SetPdfVersion(options.standard.x4 ? ePdfVersion_1_6 : ePdfVersion_1_7);
        pdf.GetObjects().SetCanReuseObjectNumbers(false);
        cw.set_icc_rgb(options.standard.x4);
    }

    WriteOptions options;
    PdfMemDocument pdf;
    ObjectOut out;
    FontSet fonts;
    MarkedContent mc;
    ContentWriter cw;
    StructureWriter structure;
    Navigation nav;
    std::vector<bool> written;             ///< page i is written
    std::vector<std::uint32_t> font_nums;  ///< each font's Type0 object number, reserved
    /// An image XObject, written: its resource name and object.
    struct Image {
        std::string name;
        PdfReference ref;
    };
    std::map<std::string, Image> images;  ///< by file (or the bytes' address, see image())
    std::optional<Diagnostic> error;      ///< the first failure; nothing is written after

    /// The bleed: the document's, or a print file's (the larger of it and the print bleed).
    double bleed() const {
        const double b = options.bleed > 0 ? options.bleed : 0;
        return options.standard.x4 ? std::max(b, options.print.bleed) : b;
    }
    /// A print file's room for its marks beyond the bleed (pdf/print_marks); else none.
    double marks_margin() const {
        const auto& p = options.print;
        return options.standard.x4 && (p.crop_marks || p.registration_marks || p.slug) ? 24 : 0;
    }
    /// Where the trim's corner lies in the MediaBox.
    double origin() const { return bleed() + marks_margin(); }

    std::optional<PdfReference> srgb_;  ///< a print file's sRGB profile, made at first use
    std::optional<PdfReference> reg_;   ///< its registration colour space, made at first use

    Result<PdfReference> srgb() {
        if (!srgb_) {
            QUIRE_TRY_ASSIGN(const PdfReference r, srgb_profile(pdf));
            srgb_ = r;
        }
        return *srgb_;
    }
    PdfArray icc_rgb(const PdfReference& profile) {
        PdfArray a;
        a.push_back(PdfName("ICCBased"));
        a.push_back(profile);
        return a;
    }
    /// The registration colour: every separation, [/Separation /All /DeviceCMYK f], tint 1
    /// = all four inks.
    PdfReference registration() {
        if (!reg_) {
            PdfObject* fn = pdf.GetObjects().CreateObject();
            PdfDictionary& d = fn->GetDictionary();
            d.AddKey("FunctionType", PdfVariant(static_cast<pdf_int64>(2)));
            PdfArray domain, c0, c1;
            domain.push_back(PdfVariant(0.0)), domain.push_back(PdfVariant(1.0));
            for (int i = 0; i < 4; ++i)
                c0.push_back(PdfVariant(0.0)), c1.push_back(PdfVariant(1.0));
            d.AddKey("Domain", domain);
            d.AddKey("C0", c0);
            d.AddKey("C1", c1);
            d.AddKey("N", PdfVariant(1.0));
            PdfObject* cs = pdf.GetObjects().CreateObject(PdfArray());
            PdfArray& a = cs->GetArray();
            a.push_back(PdfName("Separation"));
            a.push_back(PdfName("All"));
            a.push_back(PdfName("DeviceCMYK"));
            a.push_back(fn->Reference());
            reg_ = cs->Reference();
        }
        return *reg_;
    }

    /// A print file's slug line for page i: the source, the page, the date.
    std::string slug(std::size_t i) const {
        std::string file = options.source;
        if (const auto at = file.find_last_of('/'); at != std::string::npos)
            file = file.substr(at + 1);
        return (file.empty() ? std::string() : file + "  \u00B7  ") + "page " +
               std::to_string(i + 1) + "  \u00B7  " + format_utc(options.timestamp, "%Y-%m-%d") +
               "  \u00B7  " + options.producer;
    }

    /// Font f's Type0 object number, reserved at its first use (pages name the fonts before
    /// they are made at the end, subset to every glyph the document used).
    std::uint32_t font_num(std::size_t f) {
        while (font_nums.size() <= f) font_nums.push_back(reserve_objects(pdf.GetObjects(), 1));
        return font_nums[f];
    }

    Result<Unit> page(std::size_t i, const layout::Page& p, const layout::PagedDocument& doc) {
        quire::detail::check_time();  // the document's time limit (base/limits), once a page
        quire::detail::report_progress("pdf", static_cast<int>(i) + 1);
        const layout::Structure& st = doc.structure;
        const PdfReference ref = nav.page_ref(i);
        if (written.size() <= i) written.resize(i + 1, false);
        if (written[i]) throw std::logic_error("page " + std::to_string(i + 1) + " written twice");
        nav.add_destinations(doc.destinations);
        PdfObject page_obj(ref, page_dictionary(p));
        PdfDictionary& pd = page_obj.GetDictionary();

        std::set<std::size_t> used;
        std::string contents = cw.page(p, i, used, origin(), st);
        PdfDictionary xobjects;
        for (const auto& pic : p.pictures) {
            QUIRE_TRY_ASSIGN(const Image* im, image(pic));
            xobjects.AddKey(PdfName(im->name), im->ref);
            cw.picture(contents, pic, im->name);
        }
        const bool x4 = options.standard.x4;
        const bool marks = x4 && (options.print.crop_marks || options.print.registration_marks);
        PdfDictionary spaces;
        if (x4 && cw.page_colour()) {
            QUIRE_TRY_ASSIGN(const PdfReference rgb, srgb());
            spaces.AddKey("RGB", icc_rgb(rgb));
        }
        if (x4 && marks_margin() > 0) {
            cw.print_marks(contents, p, bleed(), options.print, slug(i), used);
            if (marks) spaces.AddKey("Reg", registration());
        }
        // The content stream goes to the output now: a book's never stand in memory together.
        PdfObject* cs = pdf.GetObjects().CreateObject();
        QUIRE_TRY(set_flate_stream(cs, contents.data(), contents.size()));
        pd.AddKey("Contents", cs->Reference());
        out.flush(pdf.GetObjects(), cs);
        pd.AddKey("Resources", resources(used, xobjects, spaces));

        const long long key = structure.page(ref.ObjectNumber(), mc.take(i), st);
        if (key >= 0) pd.AddKey("StructParents", PdfVariant(static_cast<pdf_int64>(key)));
        // Pages with links take their tab order from the structure (/Tabs /S). A print file has
        // none: PDF/X-4 takes no annotation on the printed page, and paper has no links.
        if (!p.links.empty() && !options.standard.x4) {
            pd.AddKey("Tabs", PdfName("S"));
            const PdfArray annots = nav.links(i, p.links, st, structure);
            if (!annots.empty()) pd.AddKey("Annots", annots);
        }
        out.write(page_obj);
        written[i] = true;
        return Unit{};
    }

    /// A page's dictionary without its content.
    PdfDictionary page_dictionary(const layout::Page& p) {
        PdfDictionary pd;
        pd.AddKey("Type", PdfName("Page"));
        pd.AddKey("Parent", pdf.GetPagesTree()->GetObject()->Reference());
        // Print boxes: the TrimBox is the page as laid out; with a bleed, the BleedBox extends it
        // by the bleed on every side; a print file's MediaBox holds its marks beyond that (the
        // content is moved to the trim's place with a cm, and so are link rectangles and
        // destinations); without either, all three are equal.
        const double b = bleed(), m = marks_margin(), o = origin();
        pd.AddKey("MediaBox", rect(0, 0, p.width + 2 * o, p.height + 2 * o));
        pd.AddKey("TrimBox", rect(o, o, p.width, p.height));
        pd.AddKey("BleedBox", rect(m, m, p.width + 2 * b, p.height + 2 * b));
        return pd;
    }

    /// The image XObject of `pic`: one per file, however many pages show it, or one for the
    /// same bytes a resolver gave; made and written out at its first use.
    Result<const Image*> image(const layout::Picture& pic) {
        const std::string key =
            pic.data ? "\x01" + std::to_string(reinterpret_cast<std::uintptr_t>(pic.data.get()))
                     : pic.path;
        auto it = images.find(key);
        if (it != images.end()) return &it->second;
        const auto info = probe_image(pic.path, pic.data.get());
        if (!info)
            return make_error(
                {}, "cannot read the image " + (pic.data ? pic.alt : pic.path) + " as PNG or JPEG");
        PdfImage img(&pdf.GetObjects(), "Im");
        if (pic.data) {
            const auto* bytes = reinterpret_cast<const unsigned char*>(pic.data->data());
            const auto size = static_cast<pdf_long>(pic.data->size());
            if (info->format == ImageInfo::Format::png)
                img.LoadFromPngData(bytes, size);
            else
                img.LoadFromJpegData(bytes, size);
        } else if (info->format == ImageInfo::Format::png) {
            img.LoadFromPng(pic.path.c_str());
        } else {
            img.LoadFromJpeg(pic.path.c_str());
        }
        if (options.standard.x4) QUIRE_TRY(icc_image(img.GetObject()->GetDictionary()));
        std::string name = "Im" + std::to_string(images.size() + 1);
        const PdfReference ref = img.GetObject()->Reference();
        out.flush(pdf.GetObjects(), img.GetObject());
        return &images.emplace(key, Image{std::move(name), ref}).first->second;
    }

    /// A print file's image in DeviceRGB (or indexed over it) is ICC-based sRGB instead.
    Result<Unit> icc_image(PdfDictionary& d) {
        PdfObject* cs = d.GetKey("ColorSpace");
        if (!cs) return Unit{};
        if (cs->IsName() && cs->GetName() == PdfName("DeviceRGB")) {
            QUIRE_TRY_ASSIGN(const PdfReference rgb, srgb());
            d.AddKey("ColorSpace", icc_rgb(rgb));
        } else if (cs->IsArray() && cs->GetArray().size() > 1 && cs->GetArray()[1].IsName() &&
                   cs->GetArray()[1].GetName() == PdfName("DeviceRGB")) {
            QUIRE_TRY_ASSIGN(const PdfReference rgb, srgb());
            cs->GetArray()[1] = icc_rgb(rgb);
        }
        return Unit{};
    }

    /// A page's resources: the fonts `used`, by the numbers reserved for them, `xobjects` and
    /// colour `spaces`.
    PdfDictionary resources(const std::set<std::size_t>& used, const PdfDictionary& xobjects,
                            const PdfDictionary& spaces) {
        PdfDictionary resources, font_dict;
        for (std::size_t f : used)
            font_dict.AddKey(PdfName(FontSet::name(f)), PdfReference(font_num(f), 0));
        resources.AddKey("Font", font_dict);
        if (!xobjects.GetKeys().empty()) resources.AddKey("XObject", xobjects);
        if (!spaces.GetKeys().empty()) resources.AddKey("ColorSpace", spaces);
        return resources;
    }

    Result<Unit> finish(const layout::PagedDocument& doc) {
        if (doc.pages.empty()) return make_error({}, "the document has no pages");
        if (nav.page_refs().size() > doc.pages.size())
            throw std::logic_error("more pages named than the document has");
        for (std::size_t i = 0; i < doc.pages.size(); ++i)
            if (i >= written.size() || !written[i])
                throw std::logic_error("page " + std::to_string(i + 1) + " was never written");
        nav.add_destinations(doc.destinations);
        PdfArray kids;
        for (const auto& ref : nav.page_refs()) kids.push_back(ref);
        PdfDictionary& tree = pdf.GetPagesTree()->GetObject()->GetDictionary();
        tree.AddKey("Kids", kids);
        tree.AddKey("Count", PdfVariant(static_cast<pdf_int64>(nav.page_refs().size())));
        QUIRE_TRY(embed_fonts());
        nav.write_late_links();
        nav.write_names(pdf);
        nav.write_outline(pdf, doc.outline);
        write_info(doc.meta);
        structure.finish(pdf, doc.structure);
        QUIRE_TRY(write_metadata(doc.meta));
        out.finish(pdf.GetObjects(), pdf.GetCatalog()->Reference(),
                   pdf.GetInfo()->GetObject()->Reference());
        return Unit{};
    }

    /// Each font subset to the glyphs the pages used, as the number its pages named.
    Result<Unit> embed_fonts() {
        for (std::size_t f = 0; f < fonts.fonts.size(); ++f) {
            const PdfReference as(font_num(f), 0);
            if (auto made = fonts.fonts[f]->emit(pdf.GetObjects(), &as); !made)
                return make_error({}, "cannot embed font " + fonts.fonts[f]->face().path() + ": " +
                                          made.error().message);
        }
        return Unit{};
    }

    /// The Info dictionary, the language and the title's display.
    void write_info(const layout::Metadata& meta) {
        const std::string& producer = options.producer;
        PdfInfo* info = pdf.GetInfo();
        info->SetTitle(text_string(meta.title));
        if (!meta.author.empty()) info->SetAuthor(text_string(meta.author));
        if (!meta.subject.empty()) info->SetSubject(text_string(meta.subject));
        if (!meta.keywords.empty()) info->SetKeywords(text_string(meta.keywords));
        info->SetCreator(text_string(producer));
        info->SetProducer(text_string(producer));
        const std::string date = pdf_date(options.timestamp);
        info->GetObject()->GetDictionary().AddKey("CreationDate", PdfString(date));
        info->GetObject()->GetDictionary().AddKey("ModDate", PdfString(date));
        if (options.standard.x4) {
            // PDF/X-4: the trapping state, as the XMP says it, and the version.
            info->GetObject()->GetDictionary().AddKey("Trapped", PdfName("False"));
            info->GetObject()->GetDictionary().AddKey("GTS_PDFXVersion", PdfString("PDF/X-4"));
        }
        // /Lang set directly: PdfDocument::SetLanguage (0.9.8) leaks the object it makes.
        if (!meta.lang.empty())
            pdf.GetCatalog()->GetDictionary().AddKey("Lang", PdfString(meta.lang));
        pdf.SetDisplayDocTitle();
    }

    /// The output intent a PDF/A claim needs, and the XMP metadata stream.
    Result<Unit> write_metadata(const layout::Metadata& meta) {
        if (options.standard.pdfa > 0)
            QUIRE_TRY(add_output_intent(pdf, cw.colour() || !images.empty()));
        if (options.standard.x4) QUIRE_TRY(add_print_intent(pdf));
        const std::string xmp =
            xmp_packet(meta, options.timestamp, options.producer, options.standard);
        PdfObject* md = pdf.GetObjects().CreateObject("Metadata");
        md->GetDictionary().AddKey("Subtype", PdfName("XML"));
        // Deflated (ISO 19005-2 allows a filter on the metadata stream; 2.4 KB become 1 KB).
        QUIRE_TRY(set_flate_stream(md, xmp.data(), xmp.size()));
        pdf.GetCatalog()->GetDictionary().AddKey("Metadata", md->Reference());
        return Unit{};
    }

    /// The writer's error for `message`.
    Diagnostic failed(const std::string& message) const {
        return make_error({options.source}, "PDF writer failed: " + message);
    }

    /// Runs `step` (a Result<Unit>), making its error, or PoDoFo's, the writer's. A limit's
    /// error is the limit's own message, as the library boundary words it. Any other exception
    /// (an allocation failure, a broken invariant) is caught here too rather than left to the
    /// boundary: a book's pages come to the writer from inside layout, whose boundary would
    /// call it a layout failure.
    template <class Step>
    Result<Unit> guarded(Step step) {
        if (error) return *error;
        try {
            Result<Unit> done = step();
            if (done) return done;
            error = failed(done.error().message);
        } catch (const PdfError& e) {
            error = failed(PdfError::ErrorMessage(e.GetError()));
        } catch (const quire::detail::LimitExceeded& e) {
            error = make_error({options.source}, e.what());
        } catch (const std::exception& e) {
            error = failed(e.what());
        }
        return *error;
    }
};

DocumentWriter::DocumentWriter(ByteSink sink, WriteOptions options) {
    // PoDoFo may fail to make the document itself: then every call returns that error.
    Location where{options.source};
    try {
        impl_ = std::make_unique<Impl>(std::move(sink), std::move(options));
    } catch (const PdfError& e) {
        failed_ = make_error(std::move(where), std::string("PDF writer failed: ") +
                                                   PdfError::ErrorMessage(e.GetError()));
    }
}

DocumentWriter::~DocumentWriter() = default;

Result<Unit> DocumentWriter::page(std::size_t index, const layout::Page& page,
                                  const layout::PagedDocument& doc) {
    if (!impl_) return *failed_;
    return impl_->guarded([&] { return impl_->page(index, page, doc); });
}

Result<Unit> DocumentWriter::structure_done(const layout::Structure& structure, std::size_t first) {
    if (!impl_) return *failed_;
    return impl_->guarded([&] {
        impl_->structure.write(structure, first);
        return Result<Unit>(Unit{});
    });
}

Result<Unit> DocumentWriter::finish(const layout::PagedDocument& doc) {
    if (!impl_) return *failed_;
    return impl_->guarded([&] { return impl_->finish(doc); });
}

Result<std::string> write_document(const layout::PagedDocument& doc, const WriteOptions& options) {
    std::string bytes;
    WriteOptions o = options;
    o.bleed = doc.bleed;
    o.print = doc.print;
    DocumentWriter w([&](std::string_view b) { bytes.append(b); }, std::move(o));
    for (std::size_t i = 0; i < doc.pages.size(); ++i) QUIRE_TRY(w.page(i, doc.pages[i], doc));
    QUIRE_TRY(w.finish(doc));
    return bytes;
}

}  // namespace quire::inline v0::pdf

// pdf/conformance: what makes a tagged PDF claim PDF/A-2u (or -3u) and PDF/UA-1: the XMP
// metadata (agreeing with the Info dictionary), the PDF/A identification with the extension
// schema that describes pdfuaid, and the output intent.
#pragma once

#include "base/result.hpp"
#include "layout/frame.hpp"

#include <quire/pdf_standard.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace PoDoFo {
class PdfMemDocument;
class PdfReference;
}

namespace quire::inline v0::pdf {

/// The ICC profile "sRGB" or "Gray" (icc-profiles-free's), or "FOGRA39" (the CMYK profile of
/// print files, texlive-base's), built in; empty for another name.
std::string_view icc_profile(std::string_view name);

/// The XMP packet: Dublin Core title, creators, description, language; the PDF and XMP
/// basic properties equal to the Info entries quire writes; the claims of `standard`.
std::string xmp_packet(const layout::Metadata& meta, std::int64_t timestamp,
                       const std::string& producer, const PdfStandard& standard);

/// Adds the PDF/A output intent (GTS_PDFA1) with its embedded profile to the catalog: sRGB for
/// a document with colour (text, rules or images in DeviceRGB), else the gray profile, which
/// is all that black on white needs (420 bytes instead of 6.9 KB). An error (without a place)
/// when the profile cannot be deflated.
Result<Unit> add_output_intent(PoDoFo::PdfMemDocument& pdf, bool colour);

/// Adds the PDF/X output intent (GTS_PDFX) of a print file to the catalog: coated paper,
/// FOGRA39 (ISO 12647-2), with its CMYK profile embedded.
Result<Unit> add_print_intent(PoDoFo::PdfMemDocument& pdf);

/// The sRGB profile as an ICC stream object ([/ICCBased ref] is a print file's RGB: PDF/X-4
/// takes no DeviceRGB under a CMYK output intent).
Result<PoDoFo::PdfReference> srgb_profile(PoDoFo::PdfMemDocument& pdf);

/// A UTC time as text (base/utc: never the local time zone, and no strftime, which calls tzset).
std::string format_utc(std::int64_t t, const char* format);

}  // namespace quire::inline v0::pdf

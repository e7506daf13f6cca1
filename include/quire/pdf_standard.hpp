/// \file
/// Which standards a PDF claims to meet.
///
/// Every quire PDF is tagged (a structure tree in reading order, artifacts marked, alternative
/// texts, languages): that is not an option. What can be chosen is what its metadata claims:
/// by default PDF/A-2u (archival, ISO 19005-2 level U) and PDF/UA-1 (accessible, ISO 14289-1),
/// or PDF/A-3u instead of -2u, either alone, or no claim at all; or, for the printer, PDF/X-4
/// (ISO 15930-7: a CMYK output intent, trim and bleed boxes, crop marks and a slug line outside
/// the bleed, no links), alone or with PDF/UA-1.
#pragma once

#include <quire/export.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace quire::inline v0 {

/// What a PDF's metadata claims it conforms to (Style::pdf_standard, PdfOptions::standard).
/// The default claims PDF/A-2u and PDF/UA-1.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API PdfStandard {
    int pdfa = 2;    ///< the PDF/A part claimed at level U: 2 or 3; 0: no PDF/A claim
    bool ua = true;  ///< PDF/UA-1 claimed
    /// PDF/X-4 claimed: a print file (never with PDF/A: the two want different output intents).
    bool x4 = false;

    /// Whether two claims are the same.
    friend bool operator==(const PdfStandard&, const PdfStandard&) = default;
};

/// Parses a comma-separated list of "a-2u", "a-3u", "ua-1" and "x-4" (spaces and case ignored),
/// or "none"; nullopt for anything else, for two PDF/A parts, or for PDF/A with PDF/X-4.
QUIRE_API std::optional<PdfStandard> parse_pdf_standard(std::string_view text);

/// The form parse_pdf_standard reads: "a-2u,ua-1", "ua-1", "x-4", "none"...
QUIRE_API std::string to_string(const PdfStandard& standard);

}  // namespace quire::inline v0

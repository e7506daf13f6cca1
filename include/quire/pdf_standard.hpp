// quire/pdf_standard: which standards a PDF claims to meet.
//
// Every quire PDF is tagged (a structure tree in reading order, artifacts marked, alternative
// texts, languages): that is not an option. What can be chosen is what its metadata claims:
// by default PDF/A-2u (archival, ISO 19005-2 level U) and PDF/UA-1 (accessible, ISO 14289-1),
// or PDF/A-3u instead of -2u, either alone, or no claim at all.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace quire {

struct PdfStandard {
    int pdfa = 2;    ///< the PDF/A part claimed at level U: 2 or 3; 0: no PDF/A claim
    bool ua = true;  ///< PDF/UA-1 claimed

    friend bool operator==(const PdfStandard&, const PdfStandard&) = default;
};

/// Parses a comma-separated list of "a-2u", "a-3u" and "ua-1" (spaces and case ignored), or
/// "none"; nullopt for anything else or for two PDF/A parts.
std::optional<PdfStandard> parse_pdf_standard(std::string_view text);

/// The form parse_pdf_standard reads: "a-2u,ua-1", "ua-1", "none"...
std::string to_string(const PdfStandard& standard);

}  // namespace quire

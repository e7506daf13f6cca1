// base/pdf_standard: see quire/pdf_standard.hpp.
#include <quire/pdf_standard.hpp>

#include <cctype>

namespace quire::inline v0 {

std::optional<PdfStandard> parse_pdf_standard(std::string_view text) {
    std::string s;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c)))
            s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (s == "none") return PdfStandard{0, false};
    PdfStandard out{0, false};
    std::size_t pos = 0;
    while (pos <= s.size()) {
        std::size_t comma = s.find(',', pos);
        if (comma == std::string::npos) comma = s.size();
        const std::string item = s.substr(pos, comma - pos);
        if ((item == "a-2u" || item == "a-3u") && out.pdfa == 0)
            out.pdfa = item[2] - '0';
        else if (item == "ua-1" && !out.ua)
            out.ua = true;
        else if (item == "x-4" && !out.x4)
            out.x4 = true;
        else
            return std::nullopt;
        pos = comma + 1;
    }
    if (out.x4 && out.pdfa > 0) return std::nullopt;
    return out;
}

std::string to_string(const PdfStandard& standard) {
    std::string s;
    if (standard.pdfa > 0) s = "a-" + std::to_string(standard.pdfa) + "u";
    if (standard.ua) s += s.empty() ? "ua-1" : ",ua-1";
    if (standard.x4) s += s.empty() ? "x-4" : ",x-4";
    return s.empty() ? "none" : s;
}

}  // namespace quire::inline v0

// cli/preview: PNG previews of a PDF's pages (`quire build --preview DPI`), rendered with
// poppler-cpp (Debian's libpoppler-cpp-dev) beside the PDF: DIR/STEM.page-N.png. Internal to the
// quire program; not part of the library or its public API.
//
// Thread-safety: write_previews() may be called from several threads at once for different
// PDFs; poppler is not safe for that, so preview.cpp serialises its calls into poppler (see
// there) and only the PNG encoding and writing run in parallel. Two calls for the same PDF at
// once are not supported (their previews would be written twice, and each may remove the
// other's pages).
#pragma once

#include <quire/diagnostics.hpp>

#include <cstddef>
#include <filesystem>
#include <map>
#include <vector>

namespace quire::inline v0::cli {

/// The lowest preview resolution write_previews() takes, in dots per inch.
inline constexpr int kMinPreviewDpi = 1;
/// The highest preview resolution write_previews() takes, in dots per inch (an A4 page at 1200
/// dpi is 9921 x 14031 pixels).
inline constexpr int kMaxPreviewDpi = 1200;

/// What write_previews() did.
struct PreviewOutcome {
    std::vector<std::filesystem::path> written;  ///< pages rendered now, in page order
    std::vector<std::filesystem::path> removed;  ///< stale previews of this PDF removed
    bool up_to_date = false;                     ///< nothing rendered: the PNGs were current
};

/// Renders every page of `pdf` as PNG at `dpi` (kMinPreviewDpi..kMaxPreviewDpi) beside it:
/// DIR/STEM.page-N.png, N from 1, zero-padded to the number of digits of the page count (so
/// they sort: seed.page-01.png ... seed.page-12.png). Pages are rendered as a viewer shows them
/// (crop box, the page's /Rotate), antialiased, on white, as 8-bit RGB PNGs whose pHYs chunk
/// records `dpi`. Each PNG is written atomically (a hidden temporary file in the same folder,
/// renamed into place).
///
/// A page's PNG is current, and not rendered again, when it exists, is a complete PNG not older
/// than the PDF, records `dpi` in its pHYs chunk and has the page's size at `dpi` (within a
/// pixel); `up_to_date` is set when every page's is. Previews of the PDF that are no longer
/// pages of it (a page count that shrank, another padding width) are removed once every page's
/// PNG is current.
///
/// Errors name the file: an unreadable, damaged or encrypted PDF (no PNG is written or removed
/// then), a dpi out of range, a page too large to render (over 200 million pixels), a PNG that
/// cannot be written or a stale one that cannot be removed. poppler's own messages go into the
/// error, never to stderr.
quire::Result<PreviewOutcome> write_previews(const std::filesystem::path& pdf, int dpi);

/// What write_previews() of several PDFs made.
struct PreviewFiles {
    /// By PDF, its previews written or current (preview_files()); a PDF that failed has none.
    std::map<std::filesystem::path, std::vector<std::filesystem::path>> pngs;
    std::size_t failed = 0;  ///< the PDFs whose previews failed (each error printed on stderr)
};

/// write_previews() of each of `pdfs`, on `jobs` threads (0: one a core); each error is printed
/// on stderr (FILE: error: ...) as it happens.
PreviewFiles write_previews(const std::vector<std::filesystem::path>& pdfs, int dpi, unsigned jobs);

/// The existing preview files of `pdf` (DIR/STEM.page-*.png where * is one or more digits),
/// sorted; empty when there are none or the folder cannot be read.
std::vector<std::filesystem::path> preview_files(const std::filesystem::path& pdf);

}  // namespace quire::inline v0::cli

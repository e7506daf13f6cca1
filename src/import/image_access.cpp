// import/image_access: the file-access policy for the images an article names (common.hpp).
//
// An article from a stranger must not make quire read /etc/passwd, a PNG in another user's
// folder, or block forever on a FIFO: only regular files inside the article's folder (or a
// folder the caller allows) are read, whatever absolute path, "../" or symbolic link leads there.
#include "import/common.hpp"

#include "base/image_check.hpp"

#include <system_error>

namespace quire::inline v0::import {

namespace fs = std::filesystem;

fs::path real_path(const fs::path& p) {
    std::error_code ec;
    fs::path abs = fs::absolute(p.empty() ? fs::path(".") : p, ec);
    if (ec) return p;
    fs::path r = fs::weakly_canonical(abs, ec);
    return ec ? abs.lexically_normal() : r;
}

bool path_inside(const fs::path& p, const fs::path& root) {
    auto pi = p.begin();
    for (auto ri = root.begin(); ri != root.end(); ++ri, ++pi) {
        if (ri->empty() && std::next(ri) == root.end()) return true;  // root ends in "/"
        if (pi == p.end() || *pi != *ri) return false;
    }
    return true;
}

ImageAccess resolve_image(const std::string& src, const fs::path& base,
                          const ReadOptions& options) {
    ImageAccess out;
    const std::uint64_t max_pixels = options.limits.image_pixels;
    const std::vector<fs::path>& allowed = options.allowed_paths;
    if (options.images) {
        std::optional<std::string> bytes;
        // The resolver is the caller's code, which may throw anything: that is its answer for
        // this image (refused, with a warning), not an error of the article.
        try {
            bytes = options.images(src);
        } catch (const std::exception& e) {
            out.refused =
                std::string("could not be had from the image resolver (") + e.what() + ")";
            return out;
        } catch (...) {
            out.refused = "could not be had from the image resolver (it threw)";
            return out;
        }
        if (!bytes) {
            out.refused = "is not among the images the resolver gives";
            return out;
        }
        if (std::string bad = check_image_bytes(*bytes, max_pixels); !bad.empty()) {
            out.refused = std::move(bad);
            return out;
        }
        out.data = std::make_shared<const std::string>(std::move(*bytes));
        return out;
    }
    const fs::path written = src;
    const fs::path path = (written.is_absolute() ? written : base / written).lexically_normal();
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);  // follows links; never opens the file
    if (ec || !fs::exists(st)) {
        out.refused = "cannot be read (" + path.string() + ")";
        return out;
    }
    if (!fs::is_regular_file(st)) {
        out.refused = "is not a regular file (" + path.string() +
                      ": a folder, device, FIFO or socket); quire reads images from files only";
        return out;
    }
    const fs::path target = real_path(path);
    const fs::path home = real_path(base);
    bool ok = path_inside(target, home);
    for (const auto& a : allowed) ok = ok || path_inside(target, real_path(a));
    if (!ok) {
        out.refused = "is outside the article's folder (" + target.string() + " is not in " +
                      home.string() + "); allow its folder with --allow-path DIR";
        return out;
    }
    // Decoded in full before layout and the PDF writer rely on it: a damaged, truncated or
    // oversized image is left out here, with its alt text shown, instead of failing the PDF.
    if (std::string bad = check_image(target.string(), max_pixels); !bad.empty()) {
        out.refused = std::move(bad);
        return out;
    }
    out.path = target.string();  // the file checked, not a link that could change
    return out;
}

}  // namespace quire::inline v0::import

// base/diagnostics: formatting and counting of diagnostics; the library version.
#include <quire/diagnostics.hpp>
#include <quire/quire.hpp>

#include <algorithm>

namespace quire::inline v0 {

std::string Diagnostic::format() const {
    std::string out;
    if (!where.file.empty()) {
        out += where.file;
        if (where.line > 0) {
            out += ':' + std::to_string(where.line);
            if (where.column > 0) out += ':' + std::to_string(where.column);
        }
        out += ": ";
    }
    switch (severity) {
        case Severity::note:
            out += "note: ";
            break;
        case Severity::warning:
            out += "warning: ";
            break;
        case Severity::error:
            out += "error: ";
            break;
    }
    out += message;
    return out;
}

std::size_t Diagnostics::count(Severity s) const {
    return static_cast<std::size_t>(std::count_if(
        items_.begin(), items_.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

}  // namespace quire::inline v0

#if defined(__SANITIZE_ADDRESS__)
// LeakSanitizer: fontconfig keeps caches it allocates while matching fonts for the life of the
// process (the FcConfig is never destroyed on purpose). Built into the sanitizer build so that
// its binaries run clean without LSAN_OPTIONS; tests/lsan.supp says the same for ctest.
extern "C" const char* __lsan_default_suppressions() {
    return "leak:libfontconfig.so\n";
}
extern "C" const char* __lsan_default_options() {
    return "print_suppressions=0";
}
#endif

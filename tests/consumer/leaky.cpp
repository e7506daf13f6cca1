// quire_leaky_probe (tests/CMakeLists.txt): a shared library that exports what libquire.so
// must not, for shared_exports_self_test to show that check_exports.sh finds each kind of leak.
// It also exports the symbols check_exports.sh requires, so that the leaks alone fail it.
#include <string>
#include <vector>

#define LEAK __attribute__((visibility("default")))

namespace quire::inline v0 {

struct LEAK Item {
    std::string name;
};

// The public API the check requires (the signatures do not matter, the names do).
LEAK int version() {
    return 0;
}
LEAK int typeset(int pages) {
    return pages;
}
LEAK int write_pdf(int pages) {
    return pages;
}
LEAK int write_epub(int pages) {
    return pages;
}
LEAK int parse_text_article(int pages) {
    return pages;
}

// A function of quire::v0 that no public header declares.
LEAK int shape_runs(int runs) {
    return runs;
}

// An internal stage's function.
namespace text {
LEAK int shape(int glyphs) {
    return glyphs + 1;
}
}  // namespace text

// The inside of a public class.
struct LEAK Document {
    struct Impl;
};
struct Document::Impl {
    int pages();
};
int Document::Impl::pages() {
    return 1;
}

}  // namespace quire::inline v0

// A third-party library's function, as if a dependency were linked in statically.
extern "C" LEAK int hb_leaky_shape(int glyphs) {
    return glyphs;
}

// The standard library's template instantiations made for quire's types.
template void std::vector<quire::Item>::reserve(std::size_t);

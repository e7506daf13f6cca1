// cli/preview: the quire program's PNG page previews (src/cli/preview.cpp, compiled into this
// test binary by tests/CMakeLists.txt). PDFs are typeset in-process from the seed and a longer
// article; pdfinfo, an independent reader, gives their page counts and sizes, and the PNGs are
// read back with libpng.
#include "cli/preview.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"

#include <quire/quire.hpp>

#include <png.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace quire;
namespace fs = std::filesystem;

namespace {

void write_bytes(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    REQUIRE(out.good());
}

std::string pdf_of(const Article& article) {
    Diagnostics diags;
    auto doc = typeset(article, Style::report(), diags);
    REQUIRE(doc);
    auto bytes = write_pdf(*doc);
    REQUIRE(bytes);
    return *bytes;
}

/// The seed article's PDF (3 pages).
const std::string& seed_pdf() {
    static const std::string bytes = [] {
        Diagnostics diags;
        auto a = read_article(test::kSeed, diags);
        REQUIRE(a);
        return pdf_of(*a);
    }();
    return bytes;
}

/// A PDF of 10 pages or more (page numbers of two digits): the long fixture's paragraphs, note
/// references taken out, three times over.
const std::string& long_pdf() {
    static const std::string bytes = [] {
        std::istringstream in(test::read_file(test::kFixtures / "long-english.txt"));
        std::string line, body;
        std::getline(in, line);
        const std::string title = line;
        while (std::getline(in, line)) {
            if (line.rfind("[1] ", 0) == 0) break;  // the notes
            if (line.size() < 200) continue;        // headings, "Similar Posts" and the like
            std::string para;
            for (std::size_t i = 0; i < line.size(); ++i) {
                if (line[i] == '[') {
                    const std::size_t close = line.find(']', i);
                    if (close != std::string::npos) {
                        i = close;
                        continue;
                    }
                }
                para += line[i];
            }
            body += para + "\n\n";
        }
        Diagnostics diags;
        auto a = parse_text_article(title + "\n\n" + body + body + body, "long.txt", diags);
        REQUIRE(a);
        return pdf_of(*a);
    }();
    return bytes;
}

/// The page size pdfinfo reports for page 1, in points.
std::pair<double, double> page_size(const fs::path& pdf) {
    test::RunResult r = test::run({"pdfinfo", pdf.string()});
    REQUIRE(r.status == 0);
    std::istringstream lines(r.out);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.rfind("Page size:", 0) != 0) continue;
        double w = 0, h = 0;
        REQUIRE(std::sscanf(line.c_str(), "Page size: %lf x %lf", &w, &h) == 2);
        return {w, h};
    }
    FAIL("pdfinfo printed no page size:\n" << r.out);
    return {};
}

struct Png {
    int width = 0;
    int height = 0;
    int dpi = 0;                      ///< from pHYs; 0: none
    std::vector<unsigned char> grey;  ///< the pixels as 8-bit grey
};

/// The PNG decoded by libpng (its simplified API), and its pHYs chunk read by hand.
Png read_png(const fs::path& path) {
    Png out;
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    REQUIRE(png_image_begin_read_from_file(&image, path.c_str()) != 0);
    image.format = PNG_FORMAT_GRAY;
    out.width = static_cast<int>(image.width);
    out.height = static_cast<int>(image.height);
    out.grey.resize(PNG_IMAGE_SIZE(image));
    REQUIRE(png_image_finish_read(&image, nullptr, out.grey.data(), 0, nullptr) != 0);
    const std::string bytes = test::read_file(path);
    const std::size_t at = bytes.find("pHYs");
    if (at != std::string::npos && at + 13 <= bytes.size()) {
        auto be32 = [&](std::size_t i) {
            return (std::uint32_t{static_cast<unsigned char>(bytes[i])} << 24) |
                   (std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 16) |
                   (std::uint32_t{static_cast<unsigned char>(bytes[i + 2])} << 8) |
                   std::uint32_t{static_cast<unsigned char>(bytes[i + 3])};
        };
        if (bytes[at + 12] == 1) out.dpi = static_cast<int>(std::lround(be32(at + 4) * 0.0254));
    }
    return out;
}

std::string pages_name(const std::string& stem, const std::string& n) {
    return stem + ".page-" + n + ".png";
}

/// The PNG at `path` with its pHYs chunk changed to say `dpi` (and its CRC made again).
void set_png_dpi(const fs::path& path, int dpi) {
    std::string bytes = test::read_file(path);
    const std::size_t at = bytes.find("pHYs");
    REQUIRE(at != std::string::npos);
    const auto ppm = static_cast<std::uint32_t>(std::lround(dpi / 0.0254));
    for (int axis = 0; axis < 2; ++axis)
        for (int i = 0; i < 4; ++i)
            bytes[at + 4 + 4 * axis + i] = static_cast<char>(ppm >> (24 - 8 * i));
    std::uint32_t crc = 0xffffffff;  // CRC-32 of the type and data, as PNG has it
    for (std::size_t i = at; i < at + 4 + 9; ++i) {
        crc ^= static_cast<unsigned char>(bytes[i]);
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320 & (0 - (crc & 1)));
    }
    crc ^= 0xffffffff;
    for (int i = 0; i < 4; ++i) bytes[at + 13 + i] = static_cast<char>(crc >> (24 - 8 * i));
    write_bytes(path, bytes);
}

/// Every file in `dir`, by name, sorted.
std::vector<std::string> listing(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

/// What a function prints to the process's stderr (file descriptor 2) while it runs.
template <class F>
std::string stderr_of(const fs::path& scratch, F&& f) {
    std::fflush(stderr);
    const int saved = ::dup(2);
    REQUIRE(saved >= 0);
    std::FILE* capture = std::fopen(scratch.c_str(), "w+");
    REQUIRE(capture);
    ::dup2(::fileno(capture), 2);
    f();
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    std::fclose(capture);
    std::string out = test::read_file(scratch);
    fs::remove(scratch);
    return out;
}

}  // namespace

TEST_CASE("Previews: a PNG a page, named after the PDF, at the page's size at the dpi",
          "[preview]") {
    test::TempDir tmp;
    const fs::path pdf = tmp.path / "seed.pdf";
    write_bytes(pdf, seed_pdf());
    const int pages = test::pdf_pages(pdf);
    REQUIRE(pages == 3);

    auto r = cli::write_previews(pdf, 50);
    REQUIRE(r);
    CHECK_FALSE(r->up_to_date);
    CHECK(r->removed.empty());
    REQUIRE(r->written.size() == static_cast<std::size_t>(pages));
    for (int i = 0; i < pages; ++i)
        CHECK(r->written[i] == tmp.path / pages_name("seed", std::to_string(i + 1)));
    CHECK(cli::preview_files(pdf) == r->written);
    CHECK(listing(tmp.path) == std::vector<std::string>{"seed.page-1.png", "seed.page-2.png",
                                                        "seed.page-3.png", "seed.pdf"});

    const auto [w_pt, h_pt] = page_size(pdf);
    for (const fs::path& p : r->written) {
        INFO(p);
        const Png png = read_png(p);
        CHECK(std::abs(png.width - w_pt * 50 / 72) <= 1.0);
        CHECK(std::abs(png.height - h_pt * 50 / 72) <= 1.0);
        CHECK(png.dpi == 50);
        // White paper at the corner, black text, and antialiasing: greys between the two.
        CHECK(png.grey.front() == 255);
        const auto dark =
            std::count_if(png.grey.begin(), png.grey.end(), [](unsigned char v) { return v < 64; });
        const auto between = std::count_if(png.grey.begin(), png.grey.end(),
                                           [](unsigned char v) { return v > 32 && v < 224; });
        CHECK(dark > 100);
        CHECK(between > 100);
    }

    // Another resolution: every page again, at its new size.
    auto again = cli::write_previews(pdf, 72);
    REQUIRE(again);
    CHECK(again->written.size() == static_cast<std::size_t>(pages));
    const Png png = read_png(again->written.front());
    CHECK(std::abs(png.width - w_pt) <= 1.0);
    CHECK(png.dpi == 72);
}

TEST_CASE("Previews: page numbers are padded to the page count's digits and sort", "[preview]") {
    test::TempDir tmp;
    const fs::path pdf = tmp.path / "long.pdf";
    write_bytes(pdf, long_pdf());
    const int pages = test::pdf_pages(pdf);
    REQUIRE(pages >= 10);
    REQUIRE(pages < 100);

    auto r = cli::write_previews(pdf, 20);
    REQUIRE(r);
    REQUIRE(r->written.size() == static_cast<std::size_t>(pages));
    CHECK(r->written.front().filename() == "long.page-01.png");
    CHECK(r->written[8].filename() == "long.page-09.png");
    CHECK(r->written.back().filename() == pages_name("long", std::to_string(pages)));
    CHECK(std::is_sorted(r->written.begin(), r->written.end()));
    CHECK(cli::preview_files(pdf) == r->written);
}

TEST_CASE("Previews: current PNGs are not rendered again", "[preview]") {
    test::TempDir tmp;
    const fs::path pdf = tmp.path / "seed.pdf";
    write_bytes(pdf, seed_pdf());
    auto first = cli::write_previews(pdf, 40);
    REQUIRE(first);
    REQUIRE(first->written.size() == 3);

    auto second = cli::write_previews(pdf, 40);
    REQUIRE(second);
    CHECK(second->up_to_date);
    CHECK(second->written.empty());
    CHECK(second->removed.empty());

    SECTION("a PNG older than the PDF: that page again") {
        const auto pdf_time = fs::last_write_time(pdf);
        fs::last_write_time(first->written[1], pdf_time - std::chrono::hours(1));
        auto r = cli::write_previews(pdf, 40);
        REQUIRE(r);
        CHECK_FALSE(r->up_to_date);
        CHECK(r->written == std::vector<fs::path>{first->written[1]});
        CHECK(cli::write_previews(pdf, 40)->up_to_date);
    }
    SECTION("a PDF written again: every page") {
        fs::last_write_time(pdf, fs::file_time_type::clock::now() + std::chrono::seconds(2));
        auto r = cli::write_previews(pdf, 40);
        REQUIRE(r);
        CHECK(r->written == first->written);
    }
    SECTION("a missing, truncated or foreign PNG: that page again") {
        fs::remove(first->written[0]);
        fs::resize_file(first->written[1], fs::file_size(first->written[1]) / 2);
        write_bytes(first->written[2], "not a PNG");
        auto r = cli::write_previews(pdf, 40);
        REQUIRE(r);
        CHECK(r->written == first->written);
        for (const fs::path& p : r->written) CHECK(read_png(p).dpi == 40);
    }
    SECTION("a PNG of the page's size that says another dpi: that page again") {
        set_png_dpi(first->written[0], 41);  // the size at 40 dpi: only the pHYs chunk tells
        REQUIRE(read_png(first->written[0]).dpi == 41);
        auto r = cli::write_previews(pdf, 40);
        REQUIRE(r);
        CHECK(r->written == std::vector<fs::path>{first->written[0]});
        CHECK(read_png(first->written[0]).dpi == 40);
    }
    SECTION("another dpi: every page") {
        auto r = cli::write_previews(pdf, 41);
        REQUIRE(r);
        CHECK(r->written == first->written);
        CHECK(cli::write_previews(pdf, 41)->up_to_date);
    }
}

TEST_CASE("Previews: stale pages of the PDF are removed, other files kept", "[preview]") {
    test::TempDir tmp;
    const fs::path pdf = tmp.path / "long.pdf";
    write_bytes(pdf, long_pdf());
    const int pages = test::pdf_pages(pdf);
    REQUIRE(pages >= 10);
    // Stale: a page beyond the count, one-digit names of a shorter version.
    const std::vector<std::string> stale = {"long.page-1.png", "long.page-2.png",
                                            "long.page-99.png"};
    // Not previews of long.pdf: another PDF's, not digits, not PNG, a folder.
    const std::vector<std::string> kept = {"other.page-1.png", "long.page-x1.png", "long.page-.png",
                                           "long.page-1.jpg", "long.page-1.png.txt"};
    for (const auto& name : stale) write_bytes(tmp.path / name, "old");
    for (const auto& name : kept) write_bytes(tmp.path / name, "keep");
    fs::create_directory(tmp.path / "long.page-98.png");

    auto r = cli::write_previews(pdf, 20);
    REQUIRE(r);
    CHECK(r->written.size() == static_cast<std::size_t>(pages));
    std::vector<fs::path> removed;
    for (const auto& name : stale) removed.push_back(tmp.path / name);
    CHECK(r->removed == removed);
    for (const auto& name : stale) CHECK_FALSE(fs::exists(tmp.path / name));
    for (const auto& name : kept) CHECK(fs::exists(tmp.path / name));
    CHECK(fs::is_directory(tmp.path / "long.page-98.png"));
    CHECK(cli::preview_files(pdf) == r->written);

    // Up to date, and a stale page appears: removed without rendering.
    write_bytes(tmp.path / "long.page-99.png", "old");
    auto again = cli::write_previews(pdf, 20);
    REQUIRE(again);
    CHECK(again->up_to_date);
    CHECK(again->removed == std::vector<fs::path>{tmp.path / "long.page-99.png"});
}

TEST_CASE("Previews: a bad PDF is an error naming it, and leaves no file", "[preview]") {
    test::TempDir tmp;
    const fs::path scratch = tmp.path / "stderr.txt";
    auto fails = [&](const fs::path& pdf, int dpi, const std::string& says) {
        INFO(pdf << " at " << dpi << " dpi");
        const auto before = listing(tmp.path);
        std::optional<Result<cli::PreviewOutcome>> r;
        const std::string printed = stderr_of(scratch, [&] { r = cli::write_previews(pdf, dpi); });
        REQUIRE_FALSE(*r);
        CHECK(r->error().severity == Severity::error);
        CHECK(r->error().where.file == pdf.string());
        CHECK_THAT(r->error().message, Catch::Contains(says));
        CHECK(printed.empty());  // poppler's messages are in the error, not on stderr
        CHECK(listing(tmp.path) == before);
        CHECK(cli::preview_files(pdf).empty());
    };

    write_bytes(tmp.path / "text.pdf", "This is not a PDF.\n");
    fails(tmp.path / "text.pdf", 50, "cannot read the PDF");
    write_bytes(tmp.path / "cut.pdf", seed_pdf().substr(0, seed_pdf().size() / 3));
    fails(tmp.path / "cut.pdf", 50, "cannot read the PDF");
    write_bytes(tmp.path / "empty.pdf", "");
    fails(tmp.path / "empty.pdf", 50, "cannot read the PDF");
    fails(tmp.path / "missing.pdf", 50, "No such file");
    write_bytes(tmp.path / "seed.pdf", seed_pdf());
    fails(tmp.path / "seed.pdf", 0, "out of range");
    fails(tmp.path / "seed.pdf", cli::kMaxPreviewDpi + 1, "out of range");
    if (test::have_program("qpdf")) {
        const fs::path locked = tmp.path / "locked.pdf";
        REQUIRE(test::run({"qpdf", "--encrypt", "user", "owner", "256", "--",
                           (tmp.path / "seed.pdf").string(), locked.string()})
                    .status == 0);
        fails(locked, 50, "encrypted");
    }
}

TEST_CASE("Previews: a PNG that cannot be written is an error naming it", "[preview]") {
    test::TempDir tmp;
    const fs::path pdf = tmp.path / "seed.pdf";
    write_bytes(pdf, seed_pdf());
    fs::create_directory(tmp.path / "seed.page-2.png");  // the rename cannot replace it
    auto r = cli::write_previews(pdf, 30);
    REQUIRE_FALSE(r);
    CHECK(r.error().where.file == (tmp.path / "seed.page-2.png").string());
    // No temporary file left behind.
    CHECK(listing(tmp.path) ==
          std::vector<std::string>{"seed.page-1.png", "seed.page-2.png", "seed.pdf"});
}

TEST_CASE("Previews: two PDFs rendered in two threads at once, as one at a time", "[preview]") {
    test::TempDir tmp;
    const fs::path together = tmp.path / "together";
    const fs::path alone = tmp.path / "alone";
    for (const fs::path& dir : {together, alone}) {
        fs::create_directory(dir);
        write_bytes(dir / "seed.pdf", seed_pdf());
        write_bytes(dir / "long.pdf", long_pdf());
    }

    std::optional<Result<cli::PreviewOutcome>> seed_r, long_r;
    std::thread a([&] { seed_r = cli::write_previews(together / "seed.pdf", 60); });
    std::thread b([&] { long_r = cli::write_previews(together / "long.pdf", 60); });
    a.join();
    b.join();
    REQUIRE(*seed_r);
    REQUIRE(*long_r);
    CHECK((*seed_r)->written.size() ==
          static_cast<std::size_t>(test::pdf_pages(together / "seed.pdf")));
    CHECK((*long_r)->written.size() ==
          static_cast<std::size_t>(test::pdf_pages(together / "long.pdf")));

    REQUIRE(cli::write_previews(alone / "seed.pdf", 60));
    REQUIRE(cli::write_previews(alone / "long.pdf", 60));
    CHECK(listing(together) == listing(alone));
    for (const auto& name : listing(alone)) {
        INFO(name);
        CHECK(test::read_file(together / name) == test::read_file(alone / name));
    }
}

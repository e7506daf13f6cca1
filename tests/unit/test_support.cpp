// Tests of the test helpers themselves (tests/support/process.hpp).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace fs = std::filesystem;
using quire::test::run;

namespace {

// A one-page PDF showing `text` in Helvetica, with a correct cross-reference table.
std::string tiny_pdf(const std::string& text) {
    std::string content = "BT /F1 24 Tf 72 720 Td (" + text + ") Tj ET";
    std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    };
    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (std::size_t off : offsets) {
        std::string num = std::to_string(off);
        pdf += std::string(10 - num.size(), '0') + num + " 00000 n \n";
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
           " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

}  // namespace

TEST_CASE("run captures standard output and the exit status", "[support]") {
    auto r = run({"echo", "hello", "world"});
    CHECK(r.status == 0);
    CHECK(r.out == "hello world\n");
    CHECK(r.err.empty());
}

TEST_CASE("run reports a non-zero exit status", "[support]") {
    CHECK(run({"sh", "-c", "exit 3"}).status == 3);
    CHECK(run({"false"}).status == 1);
}

TEST_CASE("run captures standard error apart from standard output", "[support]") {
    auto r = run({"sh", "-c", "echo out; echo oops >&2; exit 2"});
    CHECK(r.status == 2);
    CHECK(r.out == "out\n");
    CHECK(r.err == "oops\n");
}

TEST_CASE("run passes arguments without a shell", "[support]") {
    auto r = run({"printf", "%s|", "a b", "$HOME", "*", ""});
    CHECK(r.status == 0);
    CHECK(r.out == "a b|$HOME|*||");
}

TEST_CASE("run adds and overrides environment variables for the child only", "[support]") {
    auto r = run({"sh", "-c", "printf '%s/%s' \"$QUIRE_TEST_A\" \"$HOME\""},
                 {{"QUIRE_TEST_A", "x y"}, {"HOME", "/nowhere"}});
    CHECK(r.status == 0);
    CHECK(r.out == "x y//nowhere");
    CHECK(std::getenv("QUIRE_TEST_A") == nullptr);
}

TEST_CASE("run reads large output on both streams without deadlock", "[support]") {
    // Each stream gets far more than a pipe buffer (64 KiB), standard error first.
    auto r = run({"sh", "-c", "head -c 300000 /dev/zero >&2; head -c 500000 /dev/zero"});
    CHECK(r.status == 0);
    CHECK(r.err.size() == 300000);
    CHECK(r.out.size() == 500000);
}

TEST_CASE("run gives standard input as /dev/null", "[support]") {
    auto r = run({"cat"});
    CHECK(r.status == 0);
    CHECK(r.out.empty());
}

TEST_CASE("run reports a missing program as status 127", "[support]") {
    auto r = run({"quire-no-such-program-xyz"});
    CHECK(r.status == 127);
    CHECK(r.err.find("quire-no-such-program-xyz") != std::string::npos);
}

TEST_CASE("run reports death by a signal as 128 + signal", "[support]") {
    CHECK(run({"sh", "-c", "kill -TERM $$"}).status == 128 + 15);
}

TEST_CASE("have_program looks in PATH and at paths", "[support]") {
    CHECK(quire::test::have_program("sh"));
    CHECK(quire::test::have_program("/bin/sh"));
    CHECK_FALSE(quire::test::have_program("quire-no-such-program-xyz"));
    CHECK_FALSE(quire::test::have_program("/nonexistent/sh"));
    CHECK_FALSE(quire::test::have_program(""));
}

TEST_CASE("TempDir is a fresh folder, removed with its contents", "[support]") {
    fs::path kept;
    {
        quire::test::TempDir dir;
        kept = dir.path;
        REQUIRE(fs::is_directory(dir.path));
        CHECK(fs::is_empty(dir.path));
        fs::create_directories(dir.path / "a" / "b");
        std::ofstream(dir.path / "a" / "b" / "f.bin", std::ios::binary) << std::string("x\0y", 3);
        CHECK(quire::test::read_file(dir.path / "a" / "b" / "f.bin") == std::string("x\0y", 3));

        quire::test::TempDir other;
        CHECK(other.path != dir.path);
    }
    CHECK_FALSE(fs::exists(kept));
}

TEST_CASE("read_file throws for a missing file", "[support]") {
    CHECK_THROWS(quire::test::read_file("/nonexistent/quire/file"));
}

TEST_CASE("pdftotext and pdf_pages read a PDF", "[support]") {
    if (!quire::test::have_program("pdftotext") || !quire::test::have_program("pdfinfo")) {
        WARN("poppler-utils not installed; skipped");
        return;
    }
    quire::test::TempDir dir;
    fs::path pdf = dir.path / "tiny.pdf";
    std::ofstream(pdf, std::ios::binary) << tiny_pdf("Hello quire");
    CHECK(quire::test::pdf_pages(pdf) == 1);
    CHECK(quire::test::pdftotext(pdf).find("Hello quire") != std::string::npos);
    CHECK(quire::test::pdftotext(pdf, 1, 1).find("Hello quire") != std::string::npos);
    CHECK_THROWS(quire::test::pdf_pages(dir.path / "missing.pdf"));
    CHECK_THROWS(quire::test::pdftotext(dir.path / "missing.pdf"));
}

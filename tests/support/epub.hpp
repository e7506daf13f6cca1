// Test helpers for EPUBs: read the zip's entries (libzip), run epubcheck, walk the XHTML
// (tinyxml2). Header-only, like process.hpp.
#pragma once

#include "support/process.hpp"

#include <tinyxml2.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <regex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace quire::inline v0::test {

/// The entries of a zip file in their stored order: name and uncompressed bytes.
inline std::vector<std::pair<std::string, std::string>> zip_entries(
    const std::filesystem::path& file) {
    int err = 0;
    zip_t* za = zip_open(file.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (!za) throw std::runtime_error("cannot open zip " + file.string());
    std::vector<std::pair<std::string, std::string>> out;
    const zip_int64_t n = zip_get_num_entries(za, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st);
        zip_file_t* f = zip_fopen_index(za, static_cast<zip_uint64_t>(i), 0);
        if (!f) {
            zip_close(za);
            throw std::runtime_error("cannot read entry of " + file.string());
        }
        std::string data(static_cast<std::size_t>(st.size), '\0');
        const zip_int64_t got = zip_fread(f, data.data(), st.size);
        zip_fclose(f);
        if (got != static_cast<zip_int64_t>(st.size)) {
            zip_close(za);
            throw std::runtime_error("short read in " + file.string());
        }
        out.emplace_back(st.name, std::move(data));
    }
    zip_close(za);
    return out;
}

/// One entry's bytes, or throws.
inline std::string zip_entry(const std::filesystem::path& file, const std::string& name) {
    for (auto& [n, data] : zip_entries(file))
        if (n == name) return data;
    throw std::runtime_error(file.string() + " has no entry " + name);
}

/// What epubcheck 4.2.6 said about one EPUB.
struct EpubCheck {
    int fatal = -1, errors = -1, warnings = -1;
    std::string report;  ///< the JSON report, for messages on failure
    bool clean() const { return fatal == 0 && errors == 0 && warnings == 0; }
};

inline const char* kEpubcheckJar = "/usr/share/java/epubcheck.jar";

/// Whether epubcheck can run here (java and the Debian jar).
inline bool have_epubcheck() {
    return have_program("java") && std::filesystem::exists(kEpubcheckJar);
}

/// Runs epubcheck (as `java -jar /usr/share/java/epubcheck.jar`, Debian's package) and reads
/// its JSON report. The JVM flags only shorten start-up.
inline EpubCheck epubcheck(const std::filesystem::path& epub) {
    const std::string json = epub.string() + ".check.json";
    RunResult r = run({"java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", kEpubcheckJar,
                       epub.string(), "--json", json});
    EpubCheck c;
    c.report = std::filesystem::exists(json) ? read_file(json) : r.out + r.err;
    auto field = [&](const char* name) {
        std::smatch m;
        const std::regex re(std::string("\"") + name + "\"\\s*:\\s*(\\d+)");
        return std::regex_search(c.report, m, re) ? std::stoi(m[1]) : -1;
    };
    c.fatal = field("nFatal");
    c.errors = field("nError");
    c.warnings = field("nWarning");
    return c;
}

/// Depth-first walk over the elements under `e`.
inline void walk(const tinyxml2::XMLElement* e,
                 const std::function<void(const tinyxml2::XMLElement*)>& f) {
    for (; e; e = e->NextSiblingElement()) {
        f(e);
        walk(e->FirstChildElement(), f);
    }
}

inline bool has_class(const tinyxml2::XMLElement* e, const std::string& cls) {
    const char* c = e->Attribute("class");
    if (!c) return false;
    const std::string s = std::string(" ") + c + " ";
    return s.find(" " + cls + " ") != std::string::npos;
}

/// The text of an element; `skip` elements (and what they hold) are left out, `mark`
/// elements are written as "[text]".
inline std::string element_text(const tinyxml2::XMLNode* n,
                                const std::function<int(const tinyxml2::XMLElement*)>& how) {
    std::string out;
    for (const tinyxml2::XMLNode* c = n->FirstChild(); c; c = c->NextSibling()) {
        if (const auto* t = c->ToText()) {
            out += t->Value();
        } else if (const auto* e = c->ToElement()) {
            const int h = how ? how(e) : 0;  // 0: descend, 1: skip, 2: as [text]
            if (h == 1) continue;
            if (h == 2)
                out += "[" + element_text(e, nullptr) + "]";
            else
                out += element_text(e, how);
        }
    }
    return out;
}

/// Runs of white space collapsed to one space, trimmed.
inline std::string squeeze(const std::string& s) {
    std::string out;
    bool space = false;
    for (char ch : s) {
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
            space = !out.empty();
        } else {
            if (space) out += ' ';
            space = false;
            out += ch;
        }
    }
    return out;
}

}  // namespace quire::inline v0::test

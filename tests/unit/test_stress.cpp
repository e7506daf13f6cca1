// Stress: generated hostile articles through the whole pipeline (parse → typeset → PDF).
//
// Articles come from a fixed-seed std::mt19937 (one generator per article, seeded with its
// index, so any article can be replayed alone): random mixes of scripts (Latin, Turkish,
// Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai, CJK, emoji), combining marks, soft hyphens,
// NBSP, zero-width and bidi controls, tabs, 300-letter words, URLs, lines of punctuation, odd
// references ([0] [999] [12a]), missing, duplicated and out-of-order notes, notes of up to 1,500
// words, author blocks, a 20,000-character paragraph, broken encodings, and a few page styles.
//
// Checked for every article: no exception leaves the API; each stage returns a value or a clean
// error Diagnostic; the PDF starts with "%PDF-1.7" and ends with "%%EOF\n"; a typeset document
// has pages; every note is placed, and its first line ("fnN") sits on the page of its first
// reference mark ("fnrefN") unless a warning says the notes did not fit even alone; glyphs,
// links and destinations have finite coordinates on existing pages; the PDF bytes are the same
// when written twice.
//
// Environment (for longer local runs):
//   QUIRE_STRESS_N=2000      number of articles (default 150)
//   QUIRE_STRESS_FIRST=500   index of the first article (default 0)
//   QUIRE_STRESS_DUMP=DIR    write the input of every failing article to DIR/stress-INDEX.txt
//   QUIRE_STRESS_DUMP_ALL=1  with QUIRE_STRESS_DUMP, write every article's input
//   QUIRE_STRESS_VERBOSE=1   print one line per article and the timing
#include "api/impl.hpp"
#include "layout/linebreak.hpp"
#include "layout/pages.hpp"

#include <catch2/catch.hpp>

#include <quire/quire.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace quire;

namespace {

long env_long(const char* name, long fallback) {
    const char* v = std::getenv(name);
    if (!v || !*v) return fallback;
    char* end = nullptr;
    const long n = std::strtol(v, &end, 10);
    return end && *end == '\0' && n >= 0 ? n : fallback;
}

/// Random choices; only mt19937's own output is used, so the articles are the same with any
/// standard library.
class Gen {
public:
    explicit Gen(std::uint32_t seed) : rng_(seed) {}
    std::size_t below(std::size_t n) { return n == 0 ? 0 : rng_() % n; }
    int range(int lo, int hi) {
        return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1)));
    }
    bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }
    template <class T, std::size_t N>
    const T& pick(const T (&a)[N]) {
        return a[below(N)];
    }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[below(v.size())];
    }

private:
    std::mt19937 rng_;
};

// ---- Word pools -------------------------------------------------------------------------------

const char* const kLatin[] = {"the",      "policy",   "of",     "Japan",    "and",       "war",
                              "security", "in",       "a",      "is",       "Kishida",   "NATO",
                              "région",   "naïve",    "façade", "Klaipėda", "Lindstrøm", "Straße",
                              "œuvre",    "“quoted”", "it’s",   "(USA)",    "1990s",     "50%",
                              "e.g.",     "Ph.D.",    "ﬁnal",   "ǅemal"};
const char* const kTurkish[] = {
    "İstanbul’da", "ılımlı", "IŞIK",   "GÜVENLİ",           "TOPLANMA", "ALANI", "Doç.",
    "bkz.",        "çağdaş", "ğüşiöç", "Üniversitesi’nden", "İİİ",      "ıiIİ",  "Türkçe"};
const char* const kCyrillic[] = {"Россия", "Япония", "ёлочки",     "«война»", "т. е.",
                                 "млн",    "№",      "примечания", "Украина", "безопасность",
                                 "Ёж",     "ї",      "Ґ",          "съешь"};
const char* const kGreek[] = {"Ελλάδα", "πολιτική", "ἀρετή", "Ὀδυσσεύς", "ΑΘΗΝΑ",
                              "σοφία",  "ΐ",        "ς",     "ϗ"};
const char* const kArabic[] = {"السياسة", "اليابانية", "تجاه", "أوكرانيا", "١٢٣", "مُحَمَّد", "لا",
                               "ﻻ",       "ـــ",       "۱۲۳",  "پاکستان",  "؟",   "،"};
const char* const kHebrew[] = {"שָׁלוֹם", "מדיניות", "יפן", "ישראל", "בְּרֵאשִׁית", "״", "ﬡ"};
const char* const kDevanagari[] = {"नमस्ते", "क्षत्रिय", "हिन्दी", "द्विज", "र्‍य",
                                   "श्री",  "।",      "॥",     "क़",    "ॐ"};
const char* const kThai[] = {"ภาษาไทย", "ง่ายนิดเดียว", "สวัสดีครับ", "กรุงเทพมหานคร", "ๆ", "ฯ", "๑๒๓"};
const char* const kCjk[] = {"日本の外交政策",
                            "中华人民共和国",
                            "東京",
                            "ウクライナ",
                            "한국어",
                            "조선민주주의인민공화국",
                            "、",
                            "。",
                            "「引用」",
                            "〜",
                            "ｶﾀｶﾅ",
                            "𠀀𠀁",
                            "〆"};
const char* const kEmoji[] = {"😀",
                              "🇹🇷",
                              "🇺🇦🇯🇵",
                              "👨‍👩‍👧‍👦",
                              "👍🏽",
                              "🏳️‍🌈",
                              "❤️",
                              "1️⃣",
                              "🧑🏿‍🚀",
                              "🇹",
                              "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
                              "☺︎",
                              "⌚"};
/// Characters and pieces that break naive code: marks, invisible and bidi controls, spaces.
const char* const kOdd[] = {
    "e\u0301\u0302\u0303",
    "\u0301",
    "Z\u0334\u0321\u031B\u0353\u0344a",
    "in\u00ADter\u00ADna\u00ADtion\u00ADal",
    "\u00AD",
    "\u00AD\u00AD",
    "10\u00A0km",
    "\u00A0",
    "foo\u200Bbar",
    "\u200B",
    "\u200D",
    "\u200C",
    "\u202Eevil\u202C",
    "\u2067rtl\u2069",
    "\u202B",
    "\u2066",
    "\u200F",
    "\u200E",
    "\t",
    "a\tb",
    "\u2028",
    "\u2029",
    "\uFEFF",
    "\uFFFD",
    "\uE000",
    "\xEF\xBF\xBF",
    "\U000E0041",
    "\uFE0F",
    "\U000E0100",
    "x\u034F",
    "\u2060",
    "\u3000",
    "\u2003",
    "—",
    "–",
    "—",
    "…",
    "[",
    "]",
    "[[",
    "]]",
    "[]",
    "\\",
    "%",
    "(",
    ")",
    "\u0085",
    "\x1B",
    "\v",
    "\f",
    "a\u0308\u0323\u0304\u0306",
    "\u0915\u094D\u200D",
    "\u0644\u0627\u0653",
    "\u05D0\u05B0\u05B0\u05B0",
    "\U0001D400\U0001D7FF",
    "\u1E9E",
    "\uFB01",
    "\u0130\u0307",
    "\u00DF\u0301",
};
const char* const kUrls[] = {
    "https://example.org/a/very/long/path/with-many-segments/and?query=string&x=1#frag",
    "http://example.org/",
    "www.example.org/a_b_c/d-e-f/",
    "https://example.org/?q=%E2%80%94&lang=tr&ref=[3]",
    "mailto:someone@example.org",
    "https://example.org/"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
};
const char* const kPunctLines[] = {"***",    "—",   "...",   "• • •", "[",     "]]",
                                   "!!!???", "«»",  "–––",   "·",     "* * *", "“”",
                                   "()",     "[ ]", "[[1]]", "。",    "؟!",    "-"};
const char* const kNames[] = {"Dr. Maren Ellingsen",
                              "Анна Сергеевна Белова",
                              "Doç. Dr. Zeynep Aydınoğlu",
                              "Teresia Kaitu",
                              "Dr. Cenk TAMER",
                              "محمد علي",
                              "李小龙",
                              "J. R. R. Tolkien",
                              "Jean-Luc de la Tour",
                              "A",
                              "Ὀδυσσεύς Λαέρτου"};

const std::vector<const char* const*> kScripts = {kLatin,  kTurkish,    kCyrillic, kGreek, kArabic,
                                                  kHebrew, kDevanagari, kThai,     kCjk,   kEmoji};
const std::vector<std::size_t> kScriptSizes = {
    std::size(kLatin),  std::size(kTurkish), std::size(kCyrillic),   std::size(kGreek),
    std::size(kArabic), std::size(kHebrew),  std::size(kDevanagari), std::size(kThai),
    std::size(kCjk),    std::size(kEmoji)};

/// Letters of a script for long words without a break opportunity.
const char* const kLetters[] = {"a", "ж", "ب", "ע", "क", "ก", "中", "α", "ı"};

std::string long_word(Gen& g, int letters) {
    const char* letter = g.pick(kLetters);
    std::string w;
    for (int i = 0; i < letters; ++i) w += g.chance(95) ? letter : g.pick(kLetters);
    return w;
}

/// "[n]" (built piecewise: "[" + string trips GCC 12's -Wrestrict at -O3).
std::string bracketed(int n) {
    std::string s(1, '[');
    s += std::to_string(n);
    s += ']';
    return s;
}

/// A reference mark as an author might type it, right or wrong.
std::string ref_text(Gen& g, int notes) {
    if (g.chance(80) && notes > 0) return bracketed(g.range(1, notes));
    static const char* const odd[] = {"[0]",  "[999]",     "[12a]", "[1000]", "[01]",
                                      "[ 3]", "[3][4]",    "[-1]",  "[1",     "1]",
                                      "[]",   "[1][1][1]", "[7]]",  "[[2]"};
    if (g.chance(50)) return g.pick(odd);
    return bracketed(g.range(1, 40));
}

std::string word(Gen& g, std::size_t script) {
    const int roll = g.range(0, 999);
    if (roll < 15) return g.pick(kOdd);
    if (roll < 18) return g.pick(kUrls);
    if (roll < 19) return long_word(g, 300);
    if (roll < 60) script = g.below(kScripts.size());  // a word from another script
    return kScripts[script][g.below(kScriptSizes[script])];
}

/// One paragraph of `words` words, as one or several source lines.
std::string paragraph(Gen& g, int words, int notes, bool refs, std::size_t script) {
    std::string p;
    for (int i = 0; i < words; ++i) {
        if (i > 0) {
            const int roll = g.range(0, 99);
            p += roll < 2 ? "\n" : roll < 4 ? "  " : roll < 5 ? "\t" : " ";
        }
        p += word(g, script);
        if (refs && g.chance(4)) {
            if (g.chance(30)) p += ' ';
            p += ref_text(g, notes);
        }
    }
    return p;
}

int words_in_paragraph(Gen& g) {
    const int roll = g.range(0, 99);
    if (roll < 55) return g.range(0, 30);
    if (roll < 92) return g.range(30, 120);
    return g.range(120, 400);
}

/// Words of a note; `long_note` gives the rare one of 1,000 to 1,500 words.
int words_in_note(Gen& g, bool long_note) {
    if (long_note) return g.range(1000, 1500);
    const int roll = g.range(0, 99);
    if (roll < 85) return g.range(1, 25);
    return g.range(25, 300);
}

/// Note numbers in source order: 1..n, then some dropped, duplicated, swapped or odd.
std::vector<int> note_numbers(Gen& g, int n) {
    std::vector<int> nums;
    for (int i = 1; i <= n; ++i) nums.push_back(i);
    if (n == 0) return nums;
    if (g.chance(25)) nums.erase(nums.begin() + static_cast<std::ptrdiff_t>(g.below(nums.size())));
    if (g.chance(20) && !nums.empty()) nums.push_back(nums[g.below(nums.size())]);
    if (g.chance(20) && nums.size() > 1)
        std::swap(nums[g.below(nums.size())], nums[g.below(nums.size())]);
    if (g.chance(10)) nums.push_back(999);
    return nums;
}

/// Inputs that are not articles, or barely are.
std::string degenerate(std::size_t k) {
    static const std::vector<std::string> inputs = {
        "",
        " \t\n\r\n \n",
        "Only a title",
        "Only a title\n",
        "[1] a note where the title should be\n",
        "Title\n\n[1] only notes\n[2] and more\n",
        "Title\n\n[1]\n[2]\n\n[3]\n",
        "Title\n\nText[1].\n\n[1]\n",
        "Title\n\n***\n\n—\n\n...\n",
        "\xEF\xBB\xBFTitle after a BOM\n\nBody[1].\n\n[1] Note.\n",
        "\xFF\xFETitle in UTF-16?\n",
        "Title\0with a NUL\n",
        "Title\n\nInvalid \xC3\x28 UTF-8.\n",
        "Title\n\nOverlong \xC0\xAF and \xED\xA0\x80 surrogate.\n",
        "Title\r\rCR only\r\r[1] note\r",
        "Title\r\n\r\nCRLF[1]\r\n\r\n[1] note\r\n\r\nAuthor Name\r\nBio text.\r\n",
        "Similar Posts\nThis post is also available in: Türkçe Русский\n",
        "This post is also available in: Türkçe, Русский, , ,;|\nTitle\n\nBody.\n",
        "Title\n\nNotes\n\n[1] note\n",
        "\u2028\u2029\n\u200B\n\u00A0\n",
        "\u202E\u202E\u202E\n\n\u2066\u2066\n",
        "Title\n\n[1][2][3][4][5][6][7][8][9][10]\n\n[1] a\n[2] b\n[3] c\n",
        "\u0301\u0301\u0301\n\n\u0301\n",
        "\xF0\x9F\x87\xB9\xF0\x9F\x87\xB7\n\n\xF0\x9F\x87\xB9\n",
        "Title\n\n\x01\x02\x03\x04\x05\x06\x07\x08\x0E\x0F text\n",
        "Title\n\nA\n\nName Name\n",
        "T\n\nx\n\n[1] y\n\nZ\n\nw\n\n[2] late note\n",
        std::string(3, '\n') + "Title\n",
        "[0] zero\n",
        "Title [1]\n\nBody [1].\n\n[1] Note.\n",
    };
    return inputs[k % inputs.size()];
}

struct Case {
    std::string text;
    Style style = Style::report();
    std::string what;  ///< a short description for messages
};

Case make_case(std::uint32_t index) {
    Gen g(0x9E3779B9u ^ (index * 2654435761u));
    Case c;
    const std::size_t script = g.below(kScripts.size());
    if (index % 20 == 7) {  // not an article, or barely one
        c.text = degenerate(index / 20);
        c.what = "degenerate input " + std::to_string((index / 20) % 30);
        return c;
    }

    // Page styles: mostly the report style; sometimes a narrow, short or large one.
    const int st = g.range(0, 99);
    if (st < 8) {
        c.style.page_width = 72 + c.style.margin_inner + c.style.margin_outer;  // 1-inch measure
        c.what = "narrow ";
    } else if (st < 14) {
        c.style.page_height = 144 + c.style.margin_top + c.style.margin_bottom;  // 2-inch block
        c.what = "short ";
    } else if (st < 18) {
        c.style.body.size = 30;
        c.style.body.leading = 34;
        c.style.note.size = 20;
        c.style.note.leading = 24;
        c.what = "large ";
    }

    std::string& t = c.text;
    // Title.
    if (g.chance(5))
        t += long_word(g, 300);
    else if (g.chance(4))
        t += paragraph(g, g.range(20, 80), 0, false, script);  // longer than a running head
    else if (g.chance(5))
        t += g.pick(kPunctLines);
    else
        t += paragraph(g, g.range(1, 12), 0, false, script);
    t += '\n';
    if (g.chance(10)) t += "\nSimilar Posts\n";
    if (g.chance(10)) t += "\nThis post is also available in: Türkçe Русский English\n";

    const int roll = g.range(0, 99);
    const int notes = roll < 35 ? 0 : roll < 80 ? g.range(1, 8) : g.range(9, 30);
    const std::vector<int> numbers = note_numbers(g, notes);

    // Body.
    if (index % 150 == 13) {  // one paragraph of 20,000 characters
        c.what += "20000-character paragraph";
        t += '\n';
        std::size_t chars = 0;
        while (chars < 20000) {
            std::string w = word(g, script);
            if (g.chance(3)) w += ref_text(g, notes);
            for (unsigned char b : w) chars += (b & 0xC0) != 0x80;
            t += w;
            t += ' ';
        }
        t += '\n';
    } else {
        const int paras = g.chance(5) ? 0 : g.range(1, 6);
        c.what +=
            std::to_string(paras) + " paragraphs, " + std::to_string(numbers.size()) + " notes";
        for (int p = 0; p < paras; ++p) {
            t += g.chance(5) ? "\n\n\n" : "\n";
            if (g.chance(6))
                t += g.pick(kPunctLines);
            else
                t += paragraph(g, words_in_paragraph(g), notes, true, script);
            t += '\n';
        }
    }

    // Notes.
    if (!numbers.empty()) {
        t += '\n';
        if (g.chance(15)) t += "Notes\n\n";
        const std::size_t long_note = g.chance(8) ? g.below(numbers.size()) : numbers.size();
        for (std::size_t k = 0; k < numbers.size(); ++k) {
            const int n = numbers[k];
            t += bracketed(n);
            if (!g.chance(5)) {
                t += ' ';
                t += paragraph(g, words_in_note(g, k == long_note), notes, g.chance(20), script);
            }
            t += g.chance(60) ? "\n\n" : "\n";
        }
    }

    // Author block.
    if (g.chance(50)) {
        t += '\n';
        t += g.pick(kNames);
        t += '\n';
        const int bios = g.range(0, 3);
        for (int b = 0; b < bios; ++b) {
            if (b > 0) t += '\n';
            t += paragraph(g, g.range(1, 80), 0, g.chance(20), script);
            t += '\n';
        }
    }
    if (g.chance(10)) t += "\n\n   \t\n";
    return c;
}

/// A problem of an error diagnostic, or empty when it is a clean one.
std::string unclean(const Diagnostic& d, const char* stage) {
    if (d.severity != Severity::error) return std::string(stage) + ": error is not an error";
    if (d.message.empty()) return std::string(stage) + ": empty error message";
    for (const char* bad :
         {"internal error", "layout failed", "PDF writer failed", "out of memory"})
        if (d.message.find(bad) != std::string::npos)
            return std::string(stage) + ": caught exception: " + d.format();
    return {};
}

bool finite(double v) {
    return std::isfinite(v);
}

/// The invariants of a typeset document; problems go to `out`. `excused` counts notes apart
/// from their reference because a warning says they did not fit even alone.
void check_document(const Document& doc, const Style& style, const Diagnostics& diags,
                    std::vector<std::string>& out, long& excused) {
    const auto& pd = quire::detail::impl(doc).pages;
    const int pages = doc.page_count();
    if (pages <= 0) out.push_back("typeset: no pages");
    std::map<std::string, int> dest_page;
    for (const auto& d : pd.destinations) {
        if (!dest_page.emplace(d.name, d.page).second)
            out.push_back("destination " + d.name + " twice");
        if (d.page < 0 || d.page >= pages)
            out.push_back("destination " + d.name + " on page " + std::to_string(d.page));
        if (!finite(d.x) || !finite(d.y)) out.push_back("destination " + d.name + " not finite");
    }
    bool not_alone = false;
    for (const auto& d : diags.all())
        if (d.message.find("do not fit on its page even alone") != std::string::npos)
            not_alone = true;
    std::set<int> checked;
    for (const Note& n : doc.article().notes) {
        if (!checked.insert(n.number).second) continue;
        const std::string fn = "fn" + std::to_string(n.number);
        const auto it = dest_page.find(fn);
        if (it == dest_page.end()) {
            out.push_back("note " + std::to_string(n.number) + " not placed (no " + fn + ")");
            continue;
        }
        const auto ref = dest_page.find("fnref" + std::to_string(n.number));
        if (ref != dest_page.end() && ref->second != it->second && not_alone) ++excused;
        if (ref != dest_page.end() && ref->second != it->second && !not_alone)
            out.push_back("note " + std::to_string(n.number) + " starts on page " +
                          std::to_string(it->second + 1) + ", its first reference is on page " +
                          std::to_string(ref->second + 1));
    }
    for (std::size_t pi = 0; pi < pd.pages.size(); ++pi) {
        const auto& p = pd.pages[pi];
        bool bad_glyph = false, bad_text = false, bad_head = false;
        // Above the text block only the running head stands, and within the measure; text
        // starts at the left margin (overfull lines may pass the right one).
        const double block_top = style.page_height - style.margin_top;
        for (const auto& r : p.runs) {
            if (!finite(r.size) || r.size <= 0) bad_glyph = true;
            for (const auto& gl : r.glyphs) {
                if (!finite(gl.x) || !finite(gl.y) || gl.y < -1 || gl.y > p.height + 1 || gl.x < -1)
                    bad_glyph = true;
                if (gl.y > block_top + 1 && (gl.x < style.margin_inner - 1 ||
                                             gl.x > style.page_width - style.margin_outer + 1))
                    bad_head = true;
                if (gl.text_begin > gl.text_end || gl.text_end > r.text.size()) bad_text = true;
            }
        }
        if (bad_glyph)
            out.push_back("page " + std::to_string(pi + 1) + ": glyph off the page or not finite");
        if (bad_head)
            out.push_back("page " + std::to_string(pi + 1) + ": running head outside the measure");
        if (bad_text)
            out.push_back("page " + std::to_string(pi + 1) + ": glyph text range out of its run");
        for (const auto& l : p.links)
            if (!finite(l.x) || !finite(l.y) || !finite(l.width) || !finite(l.height))
                out.push_back("page " + std::to_string(pi + 1) + ": link not finite");
    }
}

}  // namespace

TEST_CASE("stress: generated hostile articles go through the whole pipeline", "[stress]") {
    const long n = env_long("QUIRE_STRESS_N", 150);
    const long first = env_long("QUIRE_STRESS_FIRST", 0);
    const char* dump = std::getenv("QUIRE_STRESS_DUMP");
    const bool verbose = env_long("QUIRE_STRESS_VERBOSE", 0) != 0;
    const bool dump_all = env_long("QUIRE_STRESS_DUMP_ALL", 0) != 0;
    const auto fonts = FontLibrary::shared();

    std::vector<std::string> failures;
    long parsed = 0, typeset_ok = 0, written = 0, total_pages = 0, excused = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (long i = first; i < first + n; ++i) {
        const auto index = static_cast<std::uint32_t>(i);
        const Case c = make_case(index);
        const auto ta = std::chrono::steady_clock::now();
        std::vector<std::string> problems;
        Diagnostics diags;
        int pages = 0;
        try {
            auto article =
                parse_text_article(c.text, "stress-" + std::to_string(i) + ".txt", diags);
            if (!article) {
                if (auto u = unclean(article.error(), "parse"); !u.empty()) problems.push_back(u);
            } else {
                ++parsed;
                if (article->title.empty()) problems.push_back("parse: empty title");
                if (diags.has_errors()) problems.push_back("parse: ok with error diagnostics");
                auto doc = typeset(*article, c.style, diags, fonts);
                if (!doc) {
                    if (auto u = unclean(doc.error(), "typeset"); !u.empty()) problems.push_back(u);
                } else {
                    ++typeset_ok;
                    pages = doc->page_count();
                    check_document(*doc, c.style, diags, problems, excused);
                    PdfOptions po;
                    po.timestamp = 1700000000;
                    auto pdf = write_pdf(*doc, po);
                    if (!pdf) {
                        if (auto u = unclean(pdf.error(), "write_pdf"); !u.empty())
                            problems.push_back(u);
                    } else {
                        ++written;
                        total_pages += pages;
                        const std::string& b = *pdf;
                        if (b.rfind("%PDF-1.7", 0) != 0) problems.push_back("PDF: bad header");
                        if (b.size() < 6 || b.compare(b.size() - 6, 6, "%%EOF\n") != 0)
                            problems.push_back("PDF: does not end with %%EOF");
                        if (i % 10 == 3) {  // determinism, on some articles (it costs a write)
                            auto again = write_pdf(*doc, po);
                            if (!again || *again != b)
                                problems.push_back("PDF: not the same bytes when written twice");
                        }
                    }
                }
            }
        } catch (const std::exception& e) {
            problems.push_back(std::string("exception escaped: ") + e.what());
        } catch (...) {
            problems.push_back("unknown exception escaped");
        }
        const double secs =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - ta).count();
        if (verbose)
            std::cerr << "stress " << i << ": " << c.what << ", " << c.text.size() << " bytes, "
                      << pages << " pages, " << diags.all().size() << " diagnostics, " << secs
                      << " s" << (problems.empty() ? "" : "  FAILED") << "\n";
        if (dump && (dump_all || !problems.empty()))
            std::ofstream(std::string(dump) + "/stress-" + std::to_string(i) + ".txt",
                          std::ios::binary)
                << c.text;
        if (problems.empty()) continue;
        std::string msg = "article " + std::to_string(i) + " (" + c.what + ", " +
                          std::to_string(c.text.size()) + " bytes):";
        for (const auto& p : problems) msg += "\n    " + p;
        failures.push_back(msg);
    }
    const double total =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (verbose)
        std::cerr << "stress: " << n << " articles, " << parsed << " parsed, " << typeset_ok
                  << " typeset, " << written << " PDFs, " << total_pages << " pages, " << excused
                  << " notes apart from their reference (warned), " << failures.size()
                  << " failed, " << total << " s\n";
    std::string all;
    for (const auto& f : failures) all += f + "\n";
    INFO(all);
    CHECK(failures.empty());
    // The generator must reach every stage, or the test proves little.
    CHECK(written * 2 > n);
}

// ---- Reductions of what the generated articles found ------------------------------------------

TEST_CASE("stress reduction: only unavoidable lines are overfull, in linear time", "[stress]") {
    using layout::Item;
    auto words = [](const std::vector<double>& ws) {
        std::vector<Item> items;
        for (std::size_t i = 0; i < ws.size(); ++i) {
            if (i > 0) items.push_back(Item::glue(3, 1.5, 1));
            items.push_back(Item::box(ws[i]));
        }
        items.push_back(Item::glue(0, 1e6, 0));
        items.push_back(Item::penalty_item(-layout::kInfinity));
        return items;
    };
    auto overfull = [](const std::vector<layout::Line>& lines) {
        return std::count_if(lines.begin(), lines.end(),
                             [](const layout::Line& l) { return l.ratio < -1; });
    };
    // Measure 50: only the box of 60 cannot fit. Pass 3 used to keep every overfull candidate
    // and weigh them by the square of their excess, so it spread the excess over two overfull
    // lines ("10 60", "20 30"); now the box of 60 stands alone on the only overfull line.
    const auto items = words({10, 60, 20, 30, 10});
    const auto lines = layout::break_lines(items, {50});
    CHECK(overfull(lines) == 1);
    for (const auto& l : lines)
        if (l.ratio < -1) CHECK((l.start == 2 && l.end == 3));
    REQUIRE(!lines.empty());
    CHECK(lines.back().end == items.size() - 1);

    // A long paragraph with one box wider than the measure (a 300-letter word, a URL): pass 3
    // kept every node alive, quadratic in the paragraph (minutes here for 20,000 words).
    std::vector<double> ws;
    for (int i = 0; i < 20000; ++i) ws.push_back(i == 10000 ? 1000 : 20 + (i * 7) % 13);
    const auto long_items = words(ws);
    const auto long_lines = layout::break_lines(long_items, {300});
    CHECK(overfull(long_lines) == 1);
    REQUIRE(!long_lines.empty());
    CHECK(long_lines.back().end == long_items.size() - 1);
}

TEST_CASE("stress reduction: a keep-with-next chain of 50,000 lines", "[stress]") {
    // A title of a whole file is one chain of thousands of lines; each line used to walk the
    // rest of its chain (quadratic). It breaks over pages like any text that cannot fit.
    std::vector<layout::FlowItem> items(50000, layout::FlowItem{10, 0, true, false, {}});
    items.back().keep_with_next = false;
    layout::PageParams p;
    p.body_height = 100;
    const auto pages = layout::build_pages(items, {}, p);
    REQUIRE(pages.size() == 5000);
    std::size_t next = 0;
    bool in_order = true;
    for (const auto& page : pages)
        for (const auto& it : page.items) in_order = in_order && it.item == next++;
    CHECK(in_order);
    CHECK(next == items.size());
}

TEST_CASE("stress reduction: a title longer than the running head", "[stress]") {
    // The running head ("Author  ·  Title") was set at any width and centred on the measure:
    // with this 132-character title it ran from 1.7 pt to past the right edge of the page. A
    // file of one 50,000-byte line (all title) was worse: the head was set again for every
    // page, each time quadratic in its length (no result after 10 minutes).
    std::string sentence =
        "Japanese Prime Minister Fumio Kishida has stated that if the right "
        "conditions are met, he will consider visiting Kiev. ";
    std::string one_line;
    while (one_line.size() < 50000) one_line += sentence;
    const std::string titles[] = {
        "The Ukraine Policy of Japan and the Long Shadow of the Kuril Islands Dispute over "
        "Seventy Years of Post-War Diplomacy in the Pacific\n\n",
        one_line + "\n",
    };
    std::string body;
    for (int i = 0; i < 8; ++i) body += sentence + sentence + sentence + sentence + "\n\n";
    for (const std::string& title : titles) {
        const std::string text = title.size() > 1000 ? title
                                                     : title + body + body +
                                                           "Dr. Maren Ellingsen\nMaren "
                                                           "Ellingsen writes about Japan.\n";
        INFO("title of " << title.size() << " bytes");
        Diagnostics diags;
        auto article = parse_text_article(text, "long-title.txt", diags);
        REQUIRE(article);
        const Style style = Style::report();
        auto doc = typeset(*article, style, diags);
        REQUIRE(doc);
        CHECK(doc->page_count() > 1);
        std::vector<std::string> problems;
        long excused = 0;
        check_document(*doc, style, diags, problems, excused);
        for (const auto& problem : problems) FAIL_CHECK(problem);
        // The head is cut with an ellipsis.
        bool ellipsis = false;
        for (const auto& r : quire::detail::impl(*doc).pages.pages.at(1).runs)
            if (r.text.find("\u2026") != std::string::npos) ellipsis = true;
        CHECK(ellipsis);
        auto pdf = write_pdf(*doc);
        REQUIRE(pdf);
        CHECK(pdf->rfind("%PDF-1.7", 0) == 0);
    }
}

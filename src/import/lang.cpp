// import/lang: language guessing by script and letters, and language names to BCP 47 tags.
//
// detect_language counts letters per ICU script; the dominant script picks a family of
// languages. Within the Latin, Cyrillic, Devanagari and Bengali families the language comes
// from CLD2 (Compact Language Detector 2, Debian's libcld2 with its full tables: every language
// quire can hyphenate, Zulu and Mongolian included), taken only when CLD2 calls its answer
// reliable and it is a language of that script; otherwise, and in the other families, a few
// distinctive letters (and, for Latin, function words) pick the language. CLD2 is deterministic
// (fixed tables, no randomness), so the same text always gets the same tag. The aim is a sane
// default for hyphenation, line breaking and font choice, which the author's declared language
// (ReadOptions::lang, front matter, xml:lang) always overrides.
// Invariants: no function throws (allocation failure aside, which the importer catches); no
// global mutable state apart from constant tables built once on first use.
#include "import/lang.hpp"
#include "base/lang_tag.hpp"
#include "base/utf8.hpp"

#include <cld2/public/compact_lang_det.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <cstdio>  // cld2's header uses FILE without including it

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace quire::inline v0::import {

namespace {

/// Script families the detector tells apart.
enum class Family {
    latin,
    cyrillic,
    greek,
    arabic,
    hebrew,
    cjk,
    devanagari,
    thai,
    armenian,
    georgian,
    bengali,
    tamil,
    telugu,
    gujarati,
    gurmukhi,
    kannada,
    malayalam,
    sinhala,
    khmer,
    lao,
    myanmar,
    ethiopic,
    tibetan,
    oriya,
    count_
};

constexpr std::array<std::string_view, static_cast<std::size_t>(Family::count_)> kFamilyTag = {
    "en", "ru", "el", "ar", "he", "zh", "hi", "th", "hy", "ka", "bn", "ta",
    "te", "gu", "pa", "kn", "ml", "si", "km", "lo", "my", "am", "bo", "or"};

int family_of(UScriptCode script) {
    switch (script) {
        case USCRIPT_LATIN:
            return static_cast<int>(Family::latin);
        case USCRIPT_CYRILLIC:
            return static_cast<int>(Family::cyrillic);
        case USCRIPT_GREEK:
            return static_cast<int>(Family::greek);
        case USCRIPT_ARABIC:
            return static_cast<int>(Family::arabic);
        case USCRIPT_HEBREW:
            return static_cast<int>(Family::hebrew);
        case USCRIPT_HAN:
        case USCRIPT_HIRAGANA:
        case USCRIPT_KATAKANA:
        case USCRIPT_HANGUL:
            return static_cast<int>(Family::cjk);
        case USCRIPT_DEVANAGARI:
            return static_cast<int>(Family::devanagari);
        case USCRIPT_THAI:
            return static_cast<int>(Family::thai);
        case USCRIPT_ARMENIAN:
            return static_cast<int>(Family::armenian);
        case USCRIPT_GEORGIAN:
            return static_cast<int>(Family::georgian);
        case USCRIPT_BENGALI:
            return static_cast<int>(Family::bengali);
        case USCRIPT_TAMIL:
            return static_cast<int>(Family::tamil);
        case USCRIPT_TELUGU:
            return static_cast<int>(Family::telugu);
        case USCRIPT_GUJARATI:
            return static_cast<int>(Family::gujarati);
        case USCRIPT_GURMUKHI:
            return static_cast<int>(Family::gurmukhi);
        case USCRIPT_KANNADA:
            return static_cast<int>(Family::kannada);
        case USCRIPT_MALAYALAM:
            return static_cast<int>(Family::malayalam);
        case USCRIPT_SINHALA:
            return static_cast<int>(Family::sinhala);
        case USCRIPT_KHMER:
            return static_cast<int>(Family::khmer);
        case USCRIPT_LAO:
            return static_cast<int>(Family::lao);
        case USCRIPT_MYANMAR:
            return static_cast<int>(Family::myanmar);
        case USCRIPT_ETHIOPIC:
            return static_cast<int>(Family::ethiopic);
        case USCRIPT_TIBETAN:
            return static_cast<int>(Family::tibetan);
        case USCRIPT_ORIYA:
            return static_cast<int>(Family::oriya);
        default:
            return -1;
    }
}

// ---- Latin ------------------------------------------------------------------------------------

struct LatinLanguage {
    std::string_view tag;
    std::unordered_set<std::string_view> stop_words;
};

/// Common function words; words shared by several languages are fine (every language that has
/// the word scores), distinctive letters break the ties. "en" must stay first.
const std::vector<LatinLanguage>& latin_languages() {
    static const std::vector<LatinLanguage> langs = {
        {"en", {"the", "and",  "of",   "to",   "is", "that", "it",    "was",   "for",   "with",
                "as",  "on",   "are",  "this", "by", "be",   "which", "from",  "have",  "not",
                "has", "will", "been", "its",  "an", "or",   "were",  "their", "would", "there"}},
        {"tr", {"ve",   "bir",   "bu",    "ile", "için", "olarak", "çok", "daha", "gibi",   "olan",
                "ama",  "kadar", "sonra", "ise", "her",  "değil",  "var", "yok",  "olduğu", "şu",
                "veya", "ancak", "ya",    "mi",  "mı",   "ki",     "de",  "da",   "en"}},
        {"de", {"der",  "die",    "und",  "das", "ist", "nicht", "mit",  "ein", "eine", "zu",
                "den",  "von",    "sich", "auf", "für", "dem",   "des",  "im",  "auch", "es",
                "wird", "werden", "sind", "als", "wie", "oder",  "aber", "bei", "nach", "einer"}},
        {"fr", {"le",   "la",   "les",  "et",   "est", "des", "du",  "un",   "une",  "que",
                "qui",  "dans", "pour", "pas",  "sur", "au",  "aux", "avec", "ce",   "cette",
                "sont", "il",   "elle", "mais", "ou",  "ne",  "par", "plus", "nous", "leur"}},
        {"es", {"el",  "la",  "los",  "las",  "y",   "que", "en", "un",   "una",     "del",
                "por", "con", "para", "es",   "se",  "no",  "lo", "como", "más",     "pero",
                "sus", "al",  "este", "esta", "son", "fue", "ha", "muy",  "también", "entre"}},
        {"pt", {"o",    "os", "as",   "e",   "que", "um",   "uma",    "do",   "da",   "dos",
                "das",  "em", "no",   "na",  "por", "para", "com",    "não",  "se",   "é",
                "mais", "ao", "como", "mas", "foi", "são",  "também", "pelo", "pela", "nos"}},
        {"it",
         {"il",    "lo",    "gli", "le",  "e",    "che",    "di",   "un",    "una",   "del",
          "della", "in",    "per", "con", "non",  "è",      "sono", "si",    "al",    "alla",
          "dei",   "anche", "più", "ma",  "come", "questo", "nel",  "nella", "delle", "degli"}},
        {"nl", {"de",   "het",  "een",   "en",  "van",   "is",     "dat",  "die", "niet", "op",
                "te",   "zijn", "voor",  "met", "ook",   "als",    "aan",  "er",  "maar", "om",
                "door", "naar", "wordt", "bij", "heeft", "worden", "deze", "wij", "zij",  "hun"}},
        {"pl", {"i",   "w",  "z",   "na",   "się", "nie",  "do",  "to",    "że",    "jest",
                "o",   "a",  "jak", "ale",  "od",  "po",   "tak", "za",    "są",    "przez",
                "dla", "co", "czy", "jego", "ich", "oraz", "już", "tylko", "także", "może"}},
    };
    return langs;
}

/// Letters that (nearly) only one of the languages above uses, with the language's index in
/// latin_languages(); a word holding such a letter scores for that language.
int distinctive_letter(UChar32 c) {
    switch (c) {
        case 0x011F:
        case 0x011E:
        case 0x0131:
        case 0x0130:
        case 0x015F:
        case 0x015E:
            return 1;  // tr: ğ Ğ ı İ ş Ş
        case 0x00E4:
        case 0x00C4:
        case 0x00DF:
            return 2;  // de: ä Ä ß
        case 0x0153:
        case 0x0152:
        case 0x00EA:
        case 0x00EE:
        case 0x00FB:
        case 0x00EB:
        case 0x00EF:
            return 3;  // fr: œ ê î û ë ï
        case 0x00F1:
        case 0x00D1:
            return 4;  // es: ñ
        case 0x00E3:
        case 0x00F5:
            return 5;  // pt: ã õ
        case 0x00EC:
        case 0x00F2:
            return 6;  // it: ì ò
        case 0x0105:
        case 0x0119:
        case 0x0142:
        case 0x0141:
        case 0x017C:
        case 0x015B:
        case 0x017A:
        case 0x0107:
        case 0x0144:
            return 8;  // pl: ą ę ł Ł ż ś ź ć ń
        default:
            return -1;
    }
}

std::string detect_latin(std::string_view utf8) {
    const auto& langs = latin_languages();
    std::vector<double> score(langs.size(), 0.0);
    std::string word;
    int word_letter_lang = -1;
    auto finish_word = [&] {
        if (!word.empty()) {
            for (std::size_t i = 0; i < langs.size(); ++i) {
                if (langs[i].stop_words.count(word) != 0) score[i] += 1.0;
            }
            if (word_letter_lang >= 0) score[static_cast<std::size_t>(word_letter_lang)] += 1.0;
        }
        word.clear();
        word_letter_lang = -1;
    };
    quire::utf8::for_each_valid(utf8, [&](UChar32 c, std::size_t) {
        if (u_isalpha(c) || ((U_GET_GC_MASK(c) & U_GC_M_MASK) != 0 && !word.empty())) {
            const int d = distinctive_letter(c);
            if (d >= 0) word_letter_lang = d;
            quire::utf8::append(word, u_tolower(c));
        } else {
            if (c == 0x00BF || c == 0x00A1) score[4] += 1.0;  // es: ¿ ¡
            finish_word();
        }
    });
    finish_word();
    std::size_t best = 0;
    for (std::size_t i = 1; i < langs.size(); ++i) {
        if (score[i] > score[best]) best = i;
    }
    // Too little evidence, or English as likely as the best: English.
    if (best == 0 || score[best] < 2.0) return "en";
    return std::string(langs[best].tag);
}

// ---- CLD2 ------------------------------------------------------------------------------------

/// Languages written in more than one script whose CLD2 code names the usual one: found in
/// text of the other script, the tag says which ("sr" in Latin letters is "sr-Latn").
constexpr std::array<std::string_view, 7> kBiscriptal{"sr", "bs", "az", "uz", "tk", "kk", "ku"};

/// The language CLD2 finds in `sample` (valid UTF-8) as a BCP 47 tag written in `script`
/// (ISO 15924), or "" when CLD2 is not sure or names a language of another script.
std::string detect_cld2(std::string_view sample, std::string_view script) {
    if (sample.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) return {};
    bool reliable = false;
    int valid = 0;
    const CLD2::Language l = CLD2::DetectLanguageCheckUTF8(
        sample.data(), static_cast<int>(sample.size()), /*is_plain_text=*/true, &reliable, &valid);
    if (!reliable || l == CLD2::UNKNOWN_LANGUAGE || l == CLD2::TG_UNKNOWN_LANGUAGE) return {};
    const char* code = CLD2::LanguageCode(l);
    if (!code) return {};
    const std::string tag = lang_tag::primary(code);
    if (tag.empty()) return {};
    if (language_script(tag) == script) return tag;
    if (std::find(kBiscriptal.begin(), kBiscriptal.end(), tag) != kBiscriptal.end())
        return tag + "-" + std::string(script);
    return {};
}

// ---- Cyrillic and Arabic ----------------------------------------------------------------------

std::string detect_cyrillic(std::string_view utf8) {
    long letters = 0, ru = 0, uk = 0, i_dotted = 0, short_u = 0, sr = 0, mk = 0, hard_sign = 0;
    quire::utf8::for_each_valid(utf8, [&](UChar32 c, std::size_t) {
        UErrorCode status = U_ZERO_ERROR;
        if (!u_isalpha(c) || uscript_getScript(c, &status) != USCRIPT_CYRILLIC) return;
        ++letters;
        switch (u_tolower(c)) {
            case 0x044B:
            case 0x044D:
            case 0x0451:
                ++ru;
                break;  // ы э ё (also Belarusian)
            case 0x0457:
            case 0x0454:
            case 0x0491:
                ++uk;
                break;  // ї є ґ
            case 0x0456:
                ++i_dotted;
                break;  // і (uk, be)
            case 0x045E:
                ++short_u;
                break;  // ў (be)
            case 0x0452:
            case 0x045B:
                ++sr;
                break;  // ђ ћ
            case 0x0453:
            case 0x045C:
            case 0x0455:
                ++mk;
                break;  // ѓ ќ ѕ
            case 0x0458:
            case 0x0459:
            case 0x045A:
            case 0x045F:
                ++sr;
                ++mk;
                break;  // ј љ њ џ
            case 0x044A:
                ++hard_sign;
                break;  // ъ
            default:
                break;
        }
    });
    if (sr + mk > 0 && sr + mk > ru + uk + i_dotted) return mk > sr ? "mk" : "sr";
    // Belarusian: ў (about 1.5% of letters) and і, with ы э ё like Russian.
    if (short_u > 0 && i_dotted > 0 && short_u * 200 >= letters) return "be";
    if (uk + i_dotted > ru) return "uk";
    // Bulgarian writes ъ as a vowel (about 2.5% of letters) and has no ы, э, ё.
    if (ru == 0 && hard_sign >= 2 && hard_sign * 100 >= letters) return "bg";
    return "ru";
}

std::string detect_arabic(std::string_view utf8) {
    long urdu = 0, persian = 0, arabic = 0;
    quire::utf8::for_each_valid(utf8, [&](UChar32 c, std::size_t) {
        switch (c) {
            case 0x06D2:
            case 0x0679:
            case 0x0688:
            case 0x0691:
            case 0x06BA:
            case 0x06BE:
                ++urdu;  // ے ٹ ڈ ڑ ں ھ
                break;
            case 0x067E:
            case 0x0686:
            case 0x0698:
            case 0x06AF:
            case 0x06CC:
            case 0x06A9:
                ++persian;  // پ چ ژ گ ی ک (Urdu shares them)
                break;
            case 0x064A:
            case 0x0643:
            case 0x0629:
            case 0x0649:
                ++arabic;  // ي ك ة ى
                break;
            default:
                break;
        }
    });
    if (urdu > 0 && urdu * 4 >= arabic && urdu + persian > arabic) return "ur";
    if (persian > arabic) return "fa";
    return "ar";
}

// ---- Names ------------------------------------------------------------------------------------

std::string fold(std::string_view s) {
    icu::UnicodeString u = quire::utf8::to_icu(s);
    u.foldCase();
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_SUCCESS(status)) {
        icu::UnicodeString n = nfc->normalize(u, status);
        if (U_SUCCESS(status)) u = n;
    }
    return quire::utf8::from_icu(u);
}

const std::unordered_map<std::string, std::string>& names() {
    static const std::unordered_map<std::string, std::string> table = [] {
        static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
            {"English", "en"},     {"Türkçe", "tr"},        {"Turkish", "tr"},
            {"Русский", "ru"},     {"Русский язык", "ru"},  {"Russian", "ru"},
            {"العربية", "ar"},     {"عربي", "ar"},          {"Arabic", "ar"},
            {"فارسی", "fa"},       {"فارسي", "fa"},         {"Persian", "fa"},
            {"Farsi", "fa"},       {"Français", "fr"},      {"French", "fr"},
            {"Deutsch", "de"},     {"German", "de"},        {"Español", "es"},
            {"Castellano", "es"},  {"Spanish", "es"},       {"中文", "zh"},
            {"简体中文", "zh"},    {"繁體中文", "zh"},      {"繁体中文", "zh"},
            {"汉语", "zh"},        {"漢語", "zh"},          {"普通话", "zh"},
            {"Chinese", "zh"},     {"日本語", "ja"},        {"Japanese", "ja"},
            {"עברית", "he"},       {"Hebrew", "he"},        {"हिन्दी", "hi"},
            {"हिंदी", "hi"},        {"Hindi", "hi"},         {"Ελληνικά", "el"},
            {"Greek", "el"},       {"ไทย", "th"},           {"ภาษาไทย", "th"},
            {"Thai", "th"},        {"Português", "pt"},     {"Portuguese", "pt"},
            {"Italiano", "it"},    {"Italian", "it"},       {"한국어", "ko"},
            {"Korean", "ko"},      {"Українська", "uk"},    {"Ukrainian", "uk"},
            {"Polski", "pl"},      {"Polish", "pl"},        {"Nederlands", "nl"},
            {"Dutch", "nl"},       {"Svenska", "sv"},       {"Swedish", "sv"},
            {"Română", "ro"},      {"Romanian", "ro"},      {"Български", "bg"},
            {"Bulgarian", "bg"},   {"Српски", "sr"},        {"Srpski", "sr"},
            {"Serbian", "sr"},     {"Azərbaycan", "az"},    {"Azərbaycanca", "az"},
            {"Azerbaijani", "az"}, {"Қазақша", "kk"},       {"Kazakh", "kk"},
            {"اردو", "ur"},        {"Urdu", "ur"},          {"Bahasa Indonesia", "id"},
            {"Indonesian", "id"},  {"Bahasa Melayu", "ms"}, {"Malay", "ms"},
            {"Tiếng Việt", "vi"},  {"Vietnamese", "vi"},    {"ქართული", "ka"},
            {"Georgian", "ka"},    {"Հայերեն", "hy"},       {"Armenian", "hy"},
            {"বাংলা", "bn"},       {"Bengali", "bn"},       {"Oʻzbekcha", "uz"},
            {"O'zbekcha", "uz"},   {"Uzbek", "uz"},         {"Kurdî", "ku"},
            {"Kurdish", "ku"},     {"Čeština", "cs"},       {"Czech", "cs"},
            {"Magyar", "hu"},      {"Hungarian", "hu"},     {"Suomi", "fi"},
            {"Finnish", "fi"},     {"Dansk", "da"},         {"Danish", "da"},
            {"Norsk", "no"},       {"Norwegian", "no"},
        };
        std::unordered_map<std::string, std::string> m;
        for (const auto& [name, tag] : kNames) m.emplace(fold(name), std::string(tag));
        return m;
    }();
    return table;
}

}  // namespace

// ---- Public -----------------------------------------------------------------------------------

namespace {

/// Letters per script family in the sample detect_language looks at.
struct FamilyCounts {
    std::string_view sample;
    std::array<long, static_cast<std::size_t>(Family::count_)> count{};
    long kana = 0, hangul = 0;

    explicit FamilyCounts(std::string_view utf8) : sample(utf8) {
        // A few hundred words decide a language as well as a whole article does, at a fraction
        // of the cost: look at the first 3,000 bytes, cut at a character boundary.
        constexpr std::size_t kSample = 3000;
        if (sample.size() > kSample)
            sample = sample.substr(0, quire::utf8::floor_boundary(sample, kSample));
        quire::utf8::for_each_valid(sample, [&](UChar32 c, std::size_t) {
            if (!u_isalpha(c)) return;
            UErrorCode status = U_ZERO_ERROR;
            const UScriptCode script = uscript_getScript(c, &status);
            if (U_FAILURE(status)) return;
            const int f = family_of(script);
            if (f < 0) return;
            ++count[static_cast<std::size_t>(f)];
            if (script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA) ++kana;
            if (script == USCRIPT_HANGUL) ++hangul;
        });
    }
    /// The dominant family, or -1 when there are no letters.
    int top() const {
        const auto it = std::max_element(count.begin(), count.end());
        return *it == 0 ? -1 : static_cast<int>(it - count.begin());
    }
};

}  // namespace

std::string_view detect_script(std::string_view utf8) {
    const int f = FamilyCounts(utf8).top();
    if (f < 0 || static_cast<Family>(f) == Family::cjk) return {};
    // Every language detect_language picks within a family other than CJK is written in the
    // script of the family's first tag.
    return language_script(kFamilyTag[static_cast<std::size_t>(f)]);
}

std::string detect_language(std::string_view utf8) {
    const FamilyCounts fc(utf8);
    utf8 = fc.sample;
    const int f = fc.top();
    if (f < 0) return {};
    const auto* top = &fc.count[static_cast<std::size_t>(f)];
    const long kana = fc.kana, hangul = fc.hangul;
    const auto family = static_cast<Family>(f);
    switch (family) {
        case Family::latin:
            if (auto tag = detect_cld2(utf8, "Latn"); !tag.empty()) return tag;
            return detect_latin(utf8);
        case Family::cyrillic:
            if (auto tag = detect_cld2(utf8, "Cyrl"); !tag.empty()) return tag;
            return detect_cyrillic(utf8);
        case Family::devanagari:  // Hindi, Marathi, Nepali...
            if (auto tag = detect_cld2(utf8, "Deva"); !tag.empty()) return tag;
            return "hi";
        case Family::bengali:  // Bengali, Assamese
            if (auto tag = detect_cld2(utf8, "Beng"); !tag.empty()) return tag;
            return "bn";
        case Family::arabic:
            return detect_arabic(utf8);
        case Family::cjk:
            // Korean may mix in Hanja, Japanese mixes kanji with kana; Chinese has neither.
            if (hangul * 5 >= *top) return "ko";
            if (kana > 0 && kana * 20 >= *top) return "ja";
            return "zh";
        default:
            return std::string(kFamilyTag[static_cast<std::size_t>(family)]);
    }
}

std::string language_for_name(std::string_view name) {
    // Trim spaces and punctuation ("Türkçe," or "(English)").
    std::string trimmed;
    {
        std::vector<UChar32> cps;
        quire::utf8::for_each_valid(name, [&](UChar32 c, std::size_t) { cps.push_back(c); });
        auto strip = [](UChar32 c) { return u_isUWhiteSpace(c) || u_ispunct(c); };
        std::size_t b = 0, e = cps.size();
        while (b < e && strip(cps[b])) ++b;
        while (e > b && strip(cps[e - 1])) --e;
        for (std::size_t i = b; i < e; ++i) quire::utf8::append(trimmed, cps[i]);
    }
    if (trimmed.empty()) return {};
    const std::string key = fold(trimmed);
    const auto& table = names();
    if (auto it = table.find(key); it != table.end()) return it->second;
    // A bare tag ("tr", "EN"), accepted when we know its script.
    if (key.size() >= 2 && key.size() <= 3 &&
        std::all_of(key.begin(), key.end(), [](char c) { return c >= 'a' && c <= 'z'; }) &&
        !language_script(key).empty()) {
        return key;
    }
    return {};
}

std::string_view language_script(std::string_view tag) {
    // The script subtag, when the tag states one ("sr-Latn", "az-Arab").
    static const std::unordered_set<std::string_view> kScripts = {
        "Latn", "Cyrl", "Grek", "Arab", "Hebr", "Hani", "Hans", "Hant", "Jpan", "Kore",
        "Deva", "Thai", "Armn", "Geor", "Beng", "Taml", "Telu", "Gujr", "Guru", "Knda",
        "Mlym", "Sinh", "Khmr", "Laoo", "Mymr", "Ethi", "Tibt", "Orya", "Mong"};
    const lang_tag::Parts parts = lang_tag::parts(tag);
    if (auto it = kScripts.find(parts.script); it != kScripts.end())
        return *it == "Hans" || *it == "Hant" ? "Hani" : *it;
    static const std::unordered_map<std::string_view, std::string_view> scripts = {
        {"en", "Latn"}, {"de", "Latn"}, {"fr", "Latn"}, {"es", "Latn"}, {"pt", "Latn"},
        {"it", "Latn"}, {"nl", "Latn"}, {"pl", "Latn"}, {"tr", "Latn"}, {"sv", "Latn"},
        {"ro", "Latn"}, {"az", "Latn"}, {"id", "Latn"}, {"ms", "Latn"}, {"vi", "Latn"},
        {"cs", "Latn"}, {"hu", "Latn"}, {"fi", "Latn"}, {"da", "Latn"}, {"no", "Latn"},
        {"nb", "Latn"}, {"nn", "Latn"}, {"uz", "Latn"}, {"ku", "Latn"}, {"sk", "Latn"},
        {"sl", "Latn"}, {"hr", "Latn"}, {"bs", "Latn"}, {"is", "Latn"}, {"et", "Latn"},
        {"lv", "Latn"}, {"lt", "Latn"}, {"ca", "Latn"}, {"gl", "Latn"}, {"eu", "Latn"},
        {"af", "Latn"}, {"zu", "Latn"}, {"xh", "Latn"}, {"sw", "Latn"}, {"ga", "Latn"},
        {"cy", "Latn"}, {"mt", "Latn"}, {"sq", "Latn"}, {"tl", "Latn"}, {"ru", "Cyrl"},
        {"uk", "Cyrl"}, {"bg", "Cyrl"}, {"sr", "Cyrl"}, {"mk", "Cyrl"}, {"be", "Cyrl"},
        {"kk", "Cyrl"}, {"ky", "Cyrl"}, {"mn", "Cyrl"}, {"tg", "Cyrl"}, {"el", "Grek"},
        {"ar", "Arab"}, {"fa", "Arab"}, {"ur", "Arab"}, {"ps", "Arab"}, {"he", "Hebr"},
        {"yi", "Hebr"}, {"zh", "Hani"}, {"ja", "Jpan"}, {"ko", "Kore"}, {"hi", "Deva"},
        {"mr", "Deva"}, {"ne", "Deva"}, {"th", "Thai"}, {"hy", "Armn"}, {"ka", "Geor"},
        {"bn", "Beng"}, {"as", "Beng"}, {"ta", "Taml"}, {"te", "Telu"}, {"gu", "Gujr"},
        {"pa", "Guru"}, {"kn", "Knda"}, {"ml", "Mlym"}, {"or", "Orya"}, {"si", "Sinh"},
        {"km", "Khmr"}, {"lo", "Laoo"}, {"my", "Mymr"}, {"am", "Ethi"}, {"bo", "Tibt"},
    };
    if (auto it = scripts.find(parts.language); it != scripts.end()) return it->second;
    return {};
}

}  // namespace quire::inline v0::import

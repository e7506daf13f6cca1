// model/labels: see labels.hpp.
#include "model/labels.hpp"

#include "base/lang_tag.hpp"

#include <unicode/calendar.h>
#include <unicode/dtptngen.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <array>
#include <memory>
#include <string>

namespace quire::inline v0::labels {

namespace {

struct Row {
    const char* lang;
    std::array<const char*, 17> text;  // in the order of enum Label
};

// clang-format off
constexpr Row kRows[] = {
    {"en", {"Also available in:", "Notes", "About the author", "Contents", "(continued)", "Edited by", "Note", "Back to the text", "About the authors", " and ", "Summary", "Cite as", "Figure", "Table", "Section", ", p.\u00A0%", " et al."}},
    {"tr", {"Diğer dillerde:", "Notlar", "Yazar hakkında", "İçindekiler", "(devam)", "Yayına hazırlayan:", "Not", "Metne dön", "Yazarlar hakkında", " ve ", "Özet", "Kaynak gösterimi", "Şekil", "Tablo", "Bölüm", ", s.\u00A0%", " vd."}},
    {"ru", {"Также доступно на языках:", "Примечания", "Об авторе", "Содержание", "(продолжение)", "Под редакцией", "Примечание", "Назад к тексту", "Об авторах", " и ", "Резюме", "Для цитирования", "Рисунок", "Таблица", "Раздел", ", с.\u00A0%", " и др."}},
    {"uk", {"Також доступно мовами:", "Примітки", "Про автора", "Зміст", "(продовження)", "За редакцією", "Примітка", "Назад до тексту", "Про авторів", " і ", "Резюме", "Для цитування", "Рисунок", "Таблиця", "Розділ", ", с.\u00A0%", " та ін."}},
    {"de", {"Auch verfügbar auf:", "Anmerkungen", "Über den Autor", "Inhalt", "(Fortsetzung)", "Herausgegeben von", "Anmerkung", "Zurück zum Text", "Über die Autoren", " und ", "Zusammenfassung", "Zitiervorschlag", "Abbildung", "Tabelle", "Abschnitt", ", S.\u00A0%", " u.\u00A0a."}},
    {"fr", {"Également disponible en :", "Notes", "À propos de l’auteur", "Table des matières", "(suite)", "Sous la direction de", "Note", "Retour au texte", "À propos des auteurs", " et ", "Résumé", "Pour citer", "Figure", "Tableau", "Section", ", p.\u00A0%", " et al."}},
    {"es", {"También disponible en:", "Notas", "Sobre el autor", "Índice", "(continuación)", "Edición de", "Nota", "Volver al texto", "Sobre los autores", " y ", "Resumen", "Cómo citar", "Figura", "Tabla", "Sección", ", p.\u00A0%", " et al."}},
    {"it", {"Disponibile anche in:", "Note", "Sull’autore", "Indice", "(continua)", "A cura di", "Nota", "Torna al testo", "Sugli autori", " e ", "Sintesi", "Per citare", "Figura", "Tabella", "Sezione", ", p.\u00A0%", " et al."}},
    {"pt", {"Também disponível em:", "Notas", "Sobre o autor", "Sumário", "(continuação)", "Organização de", "Nota", "Voltar ao texto", "Sobre os autores", " e ", "Resumo", "Como citar", "Figura", "Tabela", "Seção", ", p.\u00A0%", " et al."}},
    {"el", {"Διαθέσιμο επίσης στα:", "Σημειώσεις", "Για τον συγγραφέα", "Περιεχόμενα", "(συνέχεια)", "Επιμέλεια:", "Σημείωση", "Επιστροφή στο κείμενο", "Για τους συγγραφείς", " και ", "Περίληψη", "Παραπομπή", "Σχήμα", "Πίνακας", "Ενότητα", ", σ.\u00A0%", " κ.ά."}},
    {"ar", {"متوفر أيضًا باللغات:", "الهوامش", "عن الكاتب", "المحتويات", "(تابع)", "تحرير:", "هامش", "العودة إلى النص", "عن الكتّاب", " و", "ملخص", "للاستشهاد", "الشكل", "الجدول", "القسم", "، ص\u00A0%", " وآخرون"}},
    {"fa", {"به زبان‌های دیگر:", "یادداشت‌ها", "درباره نویسنده", "فهرست", "(ادامه)", "ویراستار:", "یادداشت", "بازگشت به متن", "درباره نویسندگان", " و ", "خلاصه", "برای ارجاع", "شکل", "جدول", "بخش", "، ص\u00A0%", " و همکاران"}},
    {"he", {"זמין גם ב:", "הערות", "על המחבר", "תוכן העניינים", "(המשך)", "בעריכת", "הערה", "חזרה לטקסט", "על המחברים", " ו", "תקציר", "לציטוט", "איור", "טבלה", "סעיף", ", עמ׳\u00A0%", " ואחרים"}},
    {"hi", {"अन्य भाषाओं में भी:", "टिप्पणियाँ", "लेखक के बारे में", "विषय सूची", "(जारी)", "संपादक:", "टिप्पणी", "पाठ पर वापस जाएँ", "लेखकों के बारे में", " और ", "सारांश", "उद्धरण", "चित्र", "तालिका", "खंड", ", पृ.\u00A0%", " et al."}},
    {"zh", {"其他语言版本：", "注释", "关于作者", "目录", "（续）", "主编：", "注释", "返回正文", "关于作者", "和", "摘要", "引用格式", "图", "表", "节", "，第%页", "等"}},
    {"ja", {"他の言語：", "注", "著者について", "目次", "（続き）", "編者：", "注", "本文に戻る", "著者について", "、", "要旨", "引用", "図", "表", "節", "、%ページ", "ほか"}},
    {"th", {"มีในภาษาอื่นด้วย:", "เชิงอรรถ", "เกี่ยวกับผู้เขียน", "สารบัญ", "(ต่อ)", "บรรณาธิการ:", "เชิงอรรถ", "กลับไปที่เนื้อหา", "เกี่ยวกับผู้เขียน", " และ ", "บทสรุป", "การอ้างอิง", "รูปที่", "ตารางที่", "ส่วนที่", " หน้า %", " และคณะ"}},
};
// clang-format on

bool equal_ascii_nocase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

}  // namespace

std::string_view get(Label label, std::string_view lang) {
    const std::string p = lang_tag::primary(lang);
    const auto i = static_cast<std::size_t>(label);
    for (const Row& row : kRows)
        if (equal_ascii_nocase(p, row.lang)) return row.text[i];
    return kRows[0].text[i];
}

std::string long_date(const std::string& date, std::string_view lang) {
    const auto digits = [&](std::size_t at, std::size_t n) {
        if (date.size() < at + n) return -1;
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (date[i] < '0' || date[i] > '9') return -1;
            v = v * 10 + (date[i] - '0');
        }
        return v;
    };
    const int y = digits(0, 4), m = date.size() >= 7 && date[4] == '-' ? digits(5, 2) : -1;
    const int d = date.size() == 10 && date[7] == '-' ? digits(8, 2) : -1;
    const bool full = d > 0 && d <= 31, month = date.size() == 7;
    if (y < 1 || m < 1 || m > 12 || (!full && !month)) return date;
    UErrorCode st = U_ZERO_ERROR;
    const icu::Locale locale = icu::Locale::forLanguageTag(std::string(lang), st);
    if (U_FAILURE(st)) return date;
    std::unique_ptr<icu::DateTimePatternGenerator> gen(
        icu::DateTimePatternGenerator::createInstance(locale, st));
    if (U_FAILURE(st)) return date;
    const icu::UnicodeString pattern = gen->getBestPattern(full ? u"yMMMMd" : u"yMMMM", st);
    icu::SimpleDateFormat format(pattern, locale, st);
    if (U_FAILURE(st)) return date;
    // The day at noon UTC, formatted in UTC: no time zone moves it to another day.
    std::unique_ptr<icu::Calendar> cal(
        icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), locale, st));
    if (U_FAILURE(st)) return date;
    cal->clear();
    cal->set(y, m - 1, full ? d : 1, 12, 0, 0);
    const UDate when = cal->getTime(st);
    format.setTimeZone(*icu::TimeZone::getGMT());
    if (U_FAILURE(st)) return date;
    icu::UnicodeString out;
    format.format(when, out);
    std::string utf8;
    out.toUTF8String(utf8);
    return utf8.empty() ? date : utf8;
}

std::string short_byline(const std::vector<std::string>& names, std::string_view lang) {
    if (names.size() <= 2) return join_names(names, lang);
    return names.front() + std::string(get(Label::et_al, lang));
}

std::string page_reference(int folio, std::string_view lang) {
    std::string out(get(Label::page_ref, lang));
    if (const auto at = out.find('%'); at != std::string::npos)
        out.replace(at, 1, std::to_string(folio));
    return out;
}

std::string edited_by(const std::vector<std::string>& editors, std::string_view lang) {
    std::string line(get(Label::edited_by, lang));
    const std::string_view fullwidth_colon = "\uFF1A";
    if (line.size() < fullwidth_colon.size() ||
        line.compare(line.size() - fullwidth_colon.size(), fullwidth_colon.size(),
                     fullwidth_colon) != 0)
        line += ' ';
    for (std::size_t i = 0; i < editors.size(); ++i) {
        if (i) line += ", ";
        line += editors[i];
    }
    return line;
}

std::string join_names(const std::vector<std::string>& names, std::string_view lang) {
    const std::string p = lang_tag::primary(lang);
    const std::string comma = p == "zh" || p == "ja" ? "、" : p == "ar" || p == "fa" ? "، " : ", ";
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += i + 1 == names.size() ? std::string(get(Label::and_word, lang)) : comma;
        out += names[i];
    }
    return out;
}

std::string year_of(const std::string& date) {
    const bool year = date.size() >= 4 && date.find_first_not_of("0123456789") >= 4;
    return year ? date.substr(0, 4) : std::string();
}

std::string rights_line(const std::string& organisation, const std::vector<std::string>& authors,
                        const std::string& date, std::string_view lang) {
    const std::string holder = organisation.empty() ? join_names(authors, lang) : organisation;
    if (holder.empty()) return {};
    const std::string year = year_of(date);
    return "\u00A9 " + (year.empty() ? std::string() : year + " ") + holder;
}

}  // namespace quire::inline v0::labels

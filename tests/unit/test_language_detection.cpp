// Language detection (import/lang): every language quire can hyphenate is told from a sentence
// of it, through CLD2's full tables for the Latin, Cyrillic, Devanagari and Bengali scripts;
// text too short to be sure of falls back to the letter and function-word heuristics.
#include "import/lang.hpp"

#include <catch2/catch.hpp>

#include <string>

using quire::import::detect_language;
using quire::import::language_script;

namespace {

struct Sample {
    const char* tag;
    const char* text;
};

const Sample kSamples[] = {
    {"en",
     "The government announced on Tuesday that it would review the policy after a series of "
     "protests in the capital."},
    {"de",
     "Die Regierung kündigte am Dienstag an, dass sie die Politik nach einer Reihe von Protesten "
     "in der Hauptstadt überprüfen werde."},
    {"fr",
     "Le gouvernement a annoncé mardi qu'il réexaminerait sa politique après une série de "
     "manifestations dans la capitale."},
    {"es",
     "El gobierno anunció el martes que revisaría la política tras una serie de protestas en la "
     "capital."},
    {"it",
     "Il governo ha annunciato martedì che rivedrà la politica dopo una serie di proteste nella "
     "capitale."},
    {"pt",
     "O governo anunciou na terça-feira que irá rever a política após uma série de protestos na "
     "capital."},
    {"nl",
     "De regering kondigde dinsdag aan dat zij het beleid zal herzien na een reeks protesten in de "
     "hoofdstad."},
    {"pl", "Rząd ogłosił we wtorek, że dokona przeglądu polityki po serii protestów w stolicy."},
    {"cs", "Vláda v úterý oznámila, že po sérii protestů v hlavním městě přezkoumá svou politiku."},
    {"sk",
     "Vláda v utorok oznámila, že po sérii protestov v hlavnom meste prehodnotí svoju politiku."},
    {"sl",
     "Vlada je v torek sporočila, da bo po vrsti protestov v prestolnici pregledala politiko."},
    {"hr",
     "Vlada je u utorak objavila da će preispitati politiku nakon niza prosvjeda u glavnom gradu."},
    {"sr",
     "Влада је у уторак објавила да ће преиспитати политику након низа протеста у главном граду."},
    {"sr-Latn",
     "Vlada je u utorak objavila da će preispitati politiku nakon niza protesta u glavnom gradu."},
    {"hu",
     "A kormány kedden bejelentette, hogy a fővárosban zajló tüntetéssorozat után felülvizsgálja a "
     "politikát."},
    {"ro", "Guvernul a anunțat marți că va revizui politica după o serie de proteste în capitală."},
    {"sv",
     "Regeringen meddelade på tisdagen att den kommer att se över politiken efter en rad protester "
     "i huvudstaden."},
    {"da",
     "Regeringen meddelte tirsdag, at den vil gennemgå politikken efter en række protester i "
     "hovedstaden."},
    {"no",
     "Regjeringen kunngjorde tirsdag at den vil gjennomgå politikken etter en rekke protester i "
     "hovedstaden."},
    {"is",
     "Ríkisstjórnin tilkynnti á þriðjudag að hún myndi endurskoða stefnuna eftir röð mótmæla í "
     "höfuðborginni."},
    {"et",
     "Valitsus teatas teisipäeval, et vaatab poliitika pärast pealinnas toimunud protestide "
     "seeriat üle."},
    {"lv",
     "Valdība otrdien paziņoja, ka pēc vairākiem protestiem galvaspilsētā tā pārskatīs politiku."},
    {"lt", "Vyriausybė antradienį paskelbė, kad po protestų sostinėje peržiūrės politiką."},
    {"ca",
     "El govern va anunciar dimarts que revisaria la política després d'una sèrie de protestes a "
     "la capital."},
    {"gl",
     "O goberno anunciou o martes que revisaría a política tras unha serie de protestas na "
     "capital."},
    {"af",
     "Die regering het Dinsdag aangekondig dat hy die beleid sal hersien na 'n reeks betogings in "
     "die hoofstad."},
    {"id",
     "Pemerintah mengumumkan pada hari Selasa bahwa mereka akan meninjau kebijakan tersebut "
     "setelah serangkaian protes di ibu kota."},
    {"zu",
     "Uhulumeni umemezele ngoLwesibili ukuthi uzobuyekeza inqubomgomo ngemuva kwemibhikisho "
     "eminingi enhloko-dolobha."},
    {"tr",
     "Hükümet Salı günü, başkentte yaşanan bir dizi protestonun ardından politikayı gözden "
     "geçireceğini açıkladı."},
    {"ru",
     "Правительство объявило во вторник, что пересмотрит политику после серии протестов в "
     "столице."},
    {"uk", "Уряд оголосив у вівторок, що перегляне політику після низки протестів у столиці."},
    {"be", "Урад абвясціў у аўторак, што перагледзіць палітыку пасля серыі пратэстаў у сталіцы."},
    {"bg",
     "Правителството обяви във вторник, че ще преразгледа политиката след поредица от протести в "
     "столицата."},
    {"mn",
     "Засгийн газар мягмар гарагт нийслэлд болсон цуврал эсэргүүцлийн дараа бодлогоо эргэн харна "
     "гэж мэдэгдэв."},
    {"el",
     "Η κυβέρνηση ανακοίνωσε την Τρίτη ότι θα επανεξετάσει την πολιτική μετά από μια σειρά "
     "διαμαρτυριών στην πρωτεύουσα."},
    {"hi",
     "सरकार ने मंगलवार को घोषणा की कि वह राजधानी में विरोध प्रदर्शनों की एक श्रृंखला के बाद नीति की समीक्षा "
     "करेगी।"},
    {"mr", "सरकारने मंगळवारी जाहीर केले की राजधानीत झालेल्या निदर्शनांनंतर ते धोरणाचा आढावा घेईल."},
    {"bn",
     "সরকার মঙ্গলবার ঘোষণা করেছে যে রাজধানীতে একের পর এক বিক্ষোভের পর তারা নীতিটি পর্যালোচনা করবে।"},
    {"as", "চৰকাৰে মংগলবাৰে ঘোষণা কৰিছে যে ৰাজধানীত হোৱা প্ৰতিবাদৰ পিছত নীতিখন পুনৰীক্ষণ কৰিব।"},
};

}  // namespace

TEST_CASE("detect_language tells every hyphenated language from a sentence", "[import][lang]") {
    for (const Sample& s : kSamples) {
        INFO(s.tag << ": " << s.text);
        CHECK(detect_language(s.text) == s.tag);
        // Deterministic: the same text, the same tag.
        CHECK(detect_language(s.text) == detect_language(s.text));
        // The tag's script is the text's ("sr-Latn" is Latin).
        CHECK_FALSE(language_script(detect_language(s.text)).empty());
    }
}

TEST_CASE("detect_language: too little text falls back on the heuristics", "[import][lang]") {
    CHECK(detect_language("Short one.") == "en");
    CHECK(detect_language("Japan") == "en");
    CHECK(detect_language("Привет") == "ru");
    CHECK(detect_language("12345 ...") == "");
}

TEST_CASE("language_script: the script subtag wins, else the language's usual script",
          "[import][lang]") {
    CHECK(language_script("sr") == "Cyrl");
    CHECK(language_script("sr-Latn") == "Latn");
    CHECK(language_script("sr-Latn-RS") == "Latn");
    CHECK(language_script("az-Arab") == "Arab");
    CHECK(language_script("zh-Hant") == "Hani");
    CHECK(language_script("zu") == "Latn");
    CHECK(language_script("as") == "Beng");
    CHECK(language_script("or") == "Orya");
    CHECK(language_script("xx") == "");
}

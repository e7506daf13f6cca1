// import/lang: guessing the language of a text and naming languages.
//
// The guesses are good for whole paragraphs and articles, not for a few words: the dominant
// script decides (Latin, Cyrillic, Arabic, Han, ...); within Latin, Cyrillic, Devanagari and
// Bengali, CLD2's statistical detector names the language when it is sure; otherwise a few
// letters peculiar to one language of the script (Ukrainian і ї є ґ, Persian پ چ ژ گ, Japanese
// kana), and for Latin text counts of common function words and letters (Turkish ğ ı ş and
// "ve", "bir", "ile", ...).
// All functions are pure and thread-safe; none throws except std::bad_alloc.
#pragma once

#include <string>
#include <string_view>

namespace quire::inline v0::import {

/// The BCP 47 tag of the language `utf8` is most likely written in ("en", "tr", "ru", "zh",
/// ...). Latin text that matches no other language is "en". Returns "" when the text holds no
/// letters at all (so the caller can fall back on an enclosing language). Invalid UTF-8 is
/// skipped.
std::string detect_language(std::string_view utf8);

/// The ISO 15924 code of the script of detect_language(utf8) when the dominant script alone
/// decides it ("Latn" for any Latin text, "Cyrl", "Arab", "Grek"...), at a fraction of the
/// cost; "" when there are no letters or the text is Chinese, Japanese or Korean (whose scripts
/// differ by language).
std::string_view detect_script(std::string_view utf8);

/// The BCP 47 tag for a language named in its own language ("Türkçe" -> "tr", "Русский" ->
/// "ru", "中文" -> "zh") or in English ("Turkish" -> "tr"); a bare tag ("tr", "EN") is accepted
/// too. Case-insensitive; surrounding spaces and punctuation are ignored. "" if unknown.
std::string language_for_name(std::string_view name);

/// The ISO 15924 code of the script of `tag`: its script subtag when it states one
/// ("sr-Latn" -> "Latn"; "Hans" and "Hant" are "Hani"), else the script its language is normally
/// written in ("en" -> "Latn", "ru" -> "Cyrl", "ja" -> "Jpan", "zh" -> "Hani"). "" for a
/// language not in quire's table.
std::string_view language_script(std::string_view tag);

}  // namespace quire::inline v0::import

// model/labels: the few words quire itself prints, in the article's language.
//
// Both backends print the same labels ("Also available in:", "Notes", "About the author"...),
// so they live with the model. A language without a translation gets English. Keys are BCP 47
// tags; only the primary subtag is looked at ("pt-BR" finds "pt").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quire::inline v0::labels {

enum class Label {
    also_available,  ///< "Also available in:" before the translations
    notes,           ///< heading of the notes (EPUB, endnotes, outline)
    about_author,    ///< the bio's entry in tables of contents
    contents,        ///< "Contents"
    continued,       ///< "(continued)" on the rest of a split note
    edited_by,       ///< "Edited by" before a collection's editors (may end in ':' or '：')
    note,            ///< "Note", what a note mark's link says to a screen reader ("Note 3")
    back_to_text,    ///< "Back to the text", what a note number's link back says
    about_authors,   ///< "About the authors": the bios' entry when there are several
    and_word,        ///< " and " between the last two names of a list, with its spacing
    summary,         ///< "Summary", the heading of a report's summary box
    cite_as,         ///< "Cite as", before a report's citation on its imprint page
    figure,          ///< "Figure", before a figure's number (captions, cross-references)
    table,           ///< "Table", before a table's number
    section,         ///< "Section", before a numbered heading's number in a cross-reference
    page_ref,        ///< ", p. %" after a cross-reference, % the page's number (page_reference)
    et_al,           ///< " et al." after the first of three or more authors (short_byline)
};

/// The authors as a running head names them: "A", "A and B", "A et al." (in `lang`).
std::string short_byline(const std::vector<std::string>& names, std::string_view lang);

/// What follows a cross-reference to say its target's page: ", p. 12" (", S. 12", "，第12页").
std::string page_reference(int folio, std::string_view lang);

/// Names joined as a list in `lang`: "A", "A and B", "A, B and C" (the list comma of the
/// language: "、" in Chinese and Japanese, "، " in Arabic and Persian).
std::string join_names(const std::vector<std::string>& names, std::string_view lang);

/// The year a date starts with ("2026" of "2026-05-12" or "2026"), or "" when its first four
/// characters are not digits.
std::string year_of(const std::string& date);

/// A report's rights line, "© 2026 Organisation" (the authors when there is no organisation;
/// no year when the date does not start with one); "" when there is no holder.
std::string rights_line(const std::string& organisation, const std::vector<std::string>& authors,
                        const std::string& date, std::string_view lang);

/// A date as a reader of `lang` writes it out: an ISO date "2026-05-12" gives "May 12, 2026"
/// (en), "12 May 2026" (en-GB), "12 Mayıs 2026" (tr), "2026年5月12日" (zh); "2026-05" gives
/// "May 2026"; anything else is returned as written (ICU's patterns for the locale).
std::string long_date(const std::string& date, std::string_view lang);

/// The label in `lang`, or in English when there is none.
std::string_view get(Label label, std::string_view lang);

/// "Edited by A, B" in `lang` (a label ending in a full-width colon, "主编：", takes no space).
std::string edited_by(const std::vector<std::string>& editors, std::string_view lang);

}  // namespace quire::inline v0::labels

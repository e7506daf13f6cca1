// model/identifiers: checks of the publication identifiers an article's front matter may give
// (ISBN, ISSN, DOI, ORCID iD), used by the importers to validate metadata.
//
// Each check takes the value as the author wrote it, with the usual prefixes ("ISBN-13: ",
// "ISSN ", "doi:", "https://doi.org/", "https://orcid.org/"...) and blanks around it, and gives
// either the identifier in its normal form or a sentence fragment saying what is wrong, made to
// follow "'isbn': " in a diagnostic and starting with the value as written ("978-0-306-40615-6
// has the check digit 6; it should be 7"). The value is quoted in at most 64 characters, with
// control characters and ill-formed UTF-8 shown as U+FFFD.
// The checks never throw (short of running out of memory) and read any bytes safely: empty,
// huge, non-ASCII or ill-formed UTF-8, embedded NUL. Their memory use does not grow with the
// input's length.
#pragma once

#include <string>
#include <string_view>

namespace quire::inline v0::model {

/// The outcome of a check: the identifier in its normal form, or what is wrong (a sentence
/// fragment to follow "'isbn': ", e.g. "978-0-306-40615-6 has the check digit 6; it should be 7").
struct IdentifierCheck {
    bool ok = false;      ///< whether the value is a valid identifier
    std::string normal;   ///< the normal form when ok
    std::string problem;  ///< when not ok
};

/// Checks an ISBN-10 or ISBN-13, optionally after "ISBN", "ISBN:", "ISBN-10:" or "ISBN-13:"
/// (any case; the colon may be left out after "ISBN-10" and "ISBN-13", and blanks may follow).
/// Its digits may be separated by single hyphens or spaces. An ISBN-10 ends in a mod-11 check
/// digit (X for 10); an ISBN-13 starts with 978 or 979 and ends in a mod-10 check digit (weights
/// 1, 3). A label that disagrees with the length ("ISBN-10: " before 13 digits) is a problem.
/// The normal form keeps the author's hyphenation when the ISBN has hyphens (any spaces between
/// its digits become hyphens too), else it is the bare digits; an X is upper-case.
IdentifierCheck check_isbn(std::string_view s);

/// Checks an ISSN, NNNN-NNNC, optionally after "ISSN" or "ISSN:" (any case, blanks may follow);
/// the hyphen may be left out. C is a mod-11 check digit with weights 8 to 2 (X for 10). The
/// normal form has the hyphen and an upper-case X: "0378-5955", "2434-561X".
IdentifierCheck check_issn(std::string_view s);

/// Checks a DOI, "10.<registrant>/<suffix>", given bare or after "doi:" (blanks may follow),
/// "https://doi.org/", "http://doi.org/", "https://dx.doi.org/" or "http://dx.doi.org/" (any
/// case). The registrant code is groups of digits separated by dots, the first of at least 4
/// digits; the suffix is non-empty well-formed UTF-8 without blanks (Unicode white space) or
/// control characters. The normal form is the bare "10.…/…", the suffix kept as written.
IdentifierCheck check_doi(std::string_view s);

/// Checks an ORCID iD, "0000-0002-1825-0097", bare or after "https://orcid.org/" or
/// "http://orcid.org/" (any case), with its three hyphens or none (16 characters). The last
/// character is an ISO 7064 MOD 11-2 check digit (X for 10). The normal form is the hyphenated
/// 19 characters with an upper-case X, without the URL.
IdentifierCheck check_orcid(std::string_view s);

}  // namespace quire::inline v0::model

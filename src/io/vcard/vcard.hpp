// File: io/vcard/vcard.hpp
//
// vCard 2.1, 3.0 (RFC 2426) and 4.0 (RFC 6350) reading, and 4.0 writing, for contacts (DESIGN.md
// R8). Pure text in, text out: no database, no phone normalisation (the importer does that).
//
// What the reader handles, as address books write it: folded lines (CRLF, LF or CR, mixed), 2.1
// quoted-printable values with `=` soft line breaks and CHARSET (UTF-8, US-ASCII, ISO-8859-1 and
// Windows-1252 become UTF-8), backslash escapes (\n \, \; \\ and Gmail's \:), grouped properties
// with custom labels (item1.TEL + item1.X-ABLabel), TYPE given as a list, repeated
// (TYPE=HOME;TYPE=FAX) or bare (TEL;WORK;VOICE), quoted parameter values with RFC 6868 caret
// escapes (^n ^^ ^'), tel: URIs with ;ext=, several cards per file. Binary values (PHOTO, KEY,
// LOGO, SOUND in base64, including 2.1 blocks that end with a blank line) are skipped.
//
// Errors are kInvalidInput with `field` = "FILE line N": no BEGIN:VCARD at all (not a vCard
// file), a card without END:VCARD, a line that is not `NAME:value`, text that is not UTF-8 after
// decoding. A card with neither N nor FN is kept (the importer reports it).
//
// Example:
//   auto cards = HOVER_TRY(vcard::parse(text, "contacts.vcf"));
//   for (const auto& card : cards) { vcard::Person p = vcard::to_person(card); ... }
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace hover::vcard {

struct Param {
    std::string name;                 // upper-case; a bare 2.1 parameter is TYPE
    std::vector<std::string> values;  // unquoted, caret-decoded, split on commas for TYPE
};

struct Property {
    std::string group;  // "item1", or empty
    std::string name;   // upper-case: "TEL"
    std::vector<Param> params;
    std::string value;  // quoted-printable and charset decoded; escapes still in place
    std::int64_t line = 0;
    bool binary = false;  // base64 or other inline data, skipped

    // Lower-case TYPE values, in order, without duplicates.
    std::vector<std::string> types() const;
    bool has_param(std::string_view wanted) const;
    std::string param(std::string_view wanted) const;  // first value or empty
};

struct Card {
    std::string version;  // "2.1", "3.0", "4.0"
    std::vector<Property> properties;
    std::int64_t line = 0;  // the BEGIN line
};

// A labelled value: label is the custom X-ABLabel of the group, else the first telling TYPE
// ("mobile" for CELL), else empty.
struct Labelled {
    std::string label;
    std::string value;
    bool preferred = false;
    friend bool operator==(const Labelled&, const Labelled&) = default;
};

// The parts of a card a contact keeps.
struct Person {
    std::string formatted_name;  // FN
    std::string family_name;     // N, first component
    std::string given_name;      // N, second (additional names appended with a space)
    std::string prefix;
    std::string suffix;
    std::string organisation;  // ORG, first component
    std::string title;         // TITLE (or ROLE)
    std::string note;
    std::string birthday;          // BDAY as written ("1980-03-22", "19800322", "--0203")
    std::vector<Labelled> phones;  // the number as written; a tel: URI becomes "+1... x102"
    std::vector<Labelled> emails;
    std::int64_t line = 0;
};

Result<std::vector<Card>> parse(std::string_view text, std::string_view file_name);
Person to_person(const Card& card);

// Splits a structured value on unescaped `sep` and unescapes each part.
std::vector<std::string> split_structured(std::string_view value, char sep = ';');
std::string unescape(std::string_view value);

// One vCard 4.0 (CRLF, folded at 75 octets, escaped). Phones are written as TEL with a TYPE
// for the usual labels (mobile -> cell, work, home, fax, pager, main -> voice) and with
// item groups and X-ABLabel for other labels.
std::string write_vcard4(const Person& person);
std::string escape(std::string_view text);
// Folds one content line (without its CRLF) at 75 octets, never inside a UTF-8 sequence.
std::string fold(std::string_view line);

}  // namespace hover::vcard

// File: domain/records/phone_number.hpp
//
// PhoneNumber: a telephone number as typed, its E.164 form and its extension, kept apart because
// E.164 has no room for an extension. Normalisation goes through libphonenumber.
//
// normalize_phone() returns kInvalidInput naming `field` when the text cannot be a phone number
// in `default_region` (ISO 3166 code, "US") or any region when it starts with "+". It accepts
// numbers that are *possible* but not *valid*, such as the fictional 555-01xx range, because
// the product is used with such numbers in demos and training; it rejects wrong lengths and
// letters.
//
// Example:
//   auto p = normalize_phone("(405) 555-0142 x12", "US", "phones[0].number");
//   p->e164 == "+14055550142", p->extension == "12", p->as_typed == "(405) 555-0142 x12"
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace hover::records {

struct PhoneNumber {
    std::string e164;
    std::string extension;
    std::string as_typed;

    friend bool operator==(const PhoneNumber&, const PhoneNumber&) = default;
};

Result<PhoneNumber> normalize_phone(std::string_view text,
                                    std::string_view default_region,
                                    std::string_view field);

namespace detail {
// What normalize_phone is made of, for tests: libphonenumber alone (no shortcut, no cache), and
// the shortcut for North American numbers typed the usual ways in region US ("(405) 555-0142",
// "405.555.0142", "+1 405 555 0142": ten digits, the first 2-9, after an optional 1 or +1, with
// spaces, dashes, dots and brackets between). The shortcut gives exactly what libphonenumber
// gives for those (phone_number_test compares them) without its regular expressions, which
// cost about 25 µs a number (most of an import row's time, docs/decisions/0014); nullopt means
// "ask libphonenumber".
Result<PhoneNumber> normalize_with_libphonenumber(std::string_view text,
                                                  std::string_view default_region,
                                                  std::string_view field);
std::optional<PhoneNumber> normalize_nanp(std::string_view text, std::string_view default_region);
}  // namespace detail

// "+14055550142" -> "(405) 555-0142" for numbers of `region`, international format otherwise.
std::string format_phone_national(std::string_view e164, std::string_view region);

}  // namespace hover::records

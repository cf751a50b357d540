#include "domain/records/phone_number.hpp"

#include <unordered_map>

#include <fmt/format.h>
#include <phonenumbers/phonenumberutil.h>

namespace hover::records {

using i18n::phonenumbers::PhoneNumberUtil;

namespace {

// libphonenumber parses and formats through ICU regular expressions behind a shared, locked
// regex cache: a tenth of a bulk load's time, and about 46,000 instructions for one national
// format of a +1 number (GetRegionCodeForNumber tries the NANP regions' patterns in turn). Both
// functions below are pure, and the same numbers come back again and again, so each thread keeps
// its results. No lock, no shared state.
//
// Bounded in two generations: lookups try the young map, then the old one (and bring a hit back
// into the young one); when the young map is full it becomes the old one and the previous old
// one is dropped. So the memo keeps between kGeneration and 2 * kGeneration recent numbers. The
// previous memo was cleared whenever it reached 16,384 entries, so numbers read in turn from a
// larger set (the phones on 1,000 account pages are about 18,000) missed every time. At most
// 65,536 entries per memo and thread: about 12 MB of normalised numbers, 6 MB of formatted ones.
constexpr std::size_t kGeneration = 32768;

template <typename V>
class Memo {
public:
    const V* find(const std::string& key) {
        if (auto it = young_.find(key); it != young_.end()) {
            return &it->second;
        }
        auto it = old_.find(key);
        if (it == old_.end()) {
            return nullptr;
        }
        V value = it->second;  // a copy: remember() may drop the old map
        return &remember(key, value);
    }

    const V& remember(const std::string& key, const V& value) {
        if (young_.size() >= kGeneration) {
            old_ = std::move(young_);
            young_.clear();
        }
        return young_.emplace(key, value).first->second;
    }

private:
    std::unordered_map<std::string, V> young_;
    std::unordered_map<std::string, V> old_;
};

std::string cache_key(std::string_view region, std::string_view text) {
    std::string key;
    key.reserve(region.size() + 1 + text.size());
    key.append(region).append(1, '\0').append(text);
    return key;
}

Result<PhoneNumber> normalize_uncached(std::string_view text,
                                       std::string_view default_region,
                                       std::string_view field) {
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    std::string typed(text);
    auto first = typed.find_first_not_of(" \t");
    if (first == std::string::npos) {
        return Error::invalid(std::string(field),
                              "The phone number is empty. Type a number "
                              "like (405) 555-0142, or remove the row.");
    }
    typed = typed.substr(first, typed.find_last_not_of(" \t") - first + 1);
    i18n::phonenumbers::PhoneNumber parsed;
    auto status = util.Parse(typed, std::string(default_region), &parsed);
    if (status != PhoneNumberUtil::NO_PARSING_ERROR) {
        return Error::invalid(
            std::string(field),
            fmt::format("\"{}\" is not a phone number. Type it with its area code, like (405) "
                        "555-0142, or with + and the country code.",
                        typed));
    }
    auto possible = util.IsPossibleNumberWithReason(parsed);
    if (possible != PhoneNumberUtil::IS_POSSIBLE &&
        possible != PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY) {
        const char* why = possible == PhoneNumberUtil::TOO_SHORT  ? "has too few digits"
                          : possible == PhoneNumberUtil::TOO_LONG ? "has too many digits"
                                                                  : "is not a possible number";
        return Error::invalid(
            std::string(field),
            fmt::format("\"{}\" {}. Check the number and include the area code.", typed, why));
    }
    if (possible == PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY) {
        return Error::invalid(std::string(field),
                              fmt::format("\"{}\" has no area code. Add the area code.", typed));
    }
    PhoneNumber out;
    util.Format(parsed, PhoneNumberUtil::E164, &out.e164);
    out.extension = parsed.has_extension() ? parsed.extension() : std::string{};
    out.as_typed = std::move(typed);
    return out;
}

}  // namespace

std::optional<PhoneNumber> detail::normalize_nanp(std::string_view text,
                                                  std::string_view default_region) {
    if (default_region != "US") {
        return std::nullopt;
    }
    auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view typed = text.substr(first, text.find_last_not_of(" \t") - first + 1);
    char digits[12];
    std::size_t count = 0;
    bool plus = false;
    for (std::size_t i = 0; i < typed.size(); ++i) {
        char c = typed[i];
        if (c >= '0' && c <= '9') {
            if (count == sizeof digits) {
                return std::nullopt;
            }
            digits[count++] = c;
        } else if (c == '+' && i == 0) {
            plus = true;
        } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
            return std::nullopt;  // letters, an extension, other punctuation: libphonenumber
        }
    }
    const char* national = digits;
    if (count == 11 && digits[0] == '1') {
        national = digits + 1;
    } else if (count != 10 || plus) {
        return std::nullopt;
    }
    if (national[0] < '2') {
        return std::nullopt;  // a leading 0 or 1 is not an area code: libphonenumber decides
    }
    PhoneNumber out;
    out.e164.reserve(12);
    out.e164.append("+1").append(national, 10);
    out.as_typed = std::string(typed);
    return out;
}

Result<PhoneNumber> detail::normalize_with_libphonenumber(std::string_view text,
                                                          std::string_view default_region,
                                                          std::string_view field) {
    return normalize_uncached(text, default_region, field);
}

namespace {

std::string format_uncached(std::string_view e164, std::string_view region) {
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    i18n::phonenumbers::PhoneNumber parsed;
    if (util.Parse(std::string(e164), std::string(region), &parsed) !=
        PhoneNumberUtil::NO_PARSING_ERROR) {
        return std::string(e164);
    }
    std::string out;
    std::string number_region;
    util.GetRegionCodeForNumber(parsed, &number_region);
    util.Format(
        parsed,
        number_region == region ? PhoneNumberUtil::NATIONAL : PhoneNumberUtil::INTERNATIONAL, &out);
    return out;
}

}  // namespace

Result<PhoneNumber> normalize_phone(std::string_view text,
                                    std::string_view default_region,
                                    std::string_view field) {
    thread_local Memo<PhoneNumber> cache;
    std::string key = cache_key(default_region, text);
    if (const PhoneNumber* known = cache.find(key)) {
        return *known;
    }
    if (auto quick = detail::normalize_nanp(text, default_region)) {
        return cache.remember(key, *quick);
    }
    auto normalised = normalize_uncached(text, default_region, field);
    if (normalised) {  // errors name the field, so they are not kept
        cache.remember(key, *normalised);
    }
    return normalised;
}

std::string format_phone_national(std::string_view e164, std::string_view region) {
    thread_local Memo<std::string> cache;
    std::string key = cache_key(region, e164);
    if (const std::string* known = cache.find(key)) {
        return *known;
    }
    return cache.remember(key, format_uncached(e164, region));
}

}  // namespace hover::records

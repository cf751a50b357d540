#include "domain/records/record_service.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <optional>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "core/text.hpp"

namespace hover::records {

std::string Contact::display_name() const {
    if (first_name.empty()) {
        return last_name;
    }
    if (last_name.empty()) {
        return first_name;
    }
    return first_name + " " + last_name;
}

namespace {

// Length caps, in characters (UTF-8 code points). Documented in README.md.
constexpr std::size_t kShortMax = 200;    // names, titles, labels, makes and models
constexpr std::size_t kMediumMax = 1000;  // a comms flow entry's "routes to"
constexpr std::size_t kLongMax = 10000;   // notes and other free text
constexpr std::size_t kEmailMax = 254;    // RFC 5321
constexpr std::size_t kSearchMax = 200;
constexpr int kMaxPageSize = 500;
constexpr int kOverviewInteractions = 20;

// ---- Text ------------------------------------------------------------------------------------

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string trimmed(std::string_view s) {
    std::size_t begin = 0;
    std::size_t end = s.size();
    while (begin < end && is_space(s[begin])) {
        ++begin;
    }
    while (end > begin && is_space(s[end - 1])) {
        --end;
    }
    return std::string(s.substr(begin, end - begin));
}

std::string upper(std::string s) {
    for (char& c : s) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return s;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_upper_letter(char c) {
    return c >= 'A' && c <= 'Z';
}

// Code points, not bytes: "Zoë" is three characters.
std::size_t utf8_length(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    }));
}

std::string at(std::string_view array, std::size_t index) {
    return fmt::format("{}[{}]", array, index);
}

std::string at(std::string_view array, std::size_t index, std::string_view member) {
    return fmt::format("{}[{}].{}", array, index, member);
}

// Trims `value` and checks its length.
Result<Ok> clean_text(std::string& value, std::string_view field, std::size_t max) {
    value = trimmed(value);
    std::size_t length = utf8_length(value);
    if (length > max) {
        return Error::invalid(std::string(field),
                              fmt::format("This is too long ({} characters). Shorten it to {} "
                                          "characters or fewer.",
                                          length, max));
    }
    return Ok{};
}

// Trims `value`, checks its length, and requires it.
Result<Ok> require_text(std::string& value,
                        std::string_view field,
                        std::size_t max,
                        std::string_view when_empty) {
    HOVER_TRY(clean_text(value, field, max));
    if (value.empty()) {
        return Error::invalid(std::string(field), std::string(when_empty));
    }
    return Ok{};
}

bool looks_like_email(std::string_view s) {
    if (s.size() > kEmailMax) {
        return false;
    }
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7F || c == ',' || c == ';' || c == '<' || c == '>' || c == '(' ||
            c == ')' || c == '"' || c == '\\' || c == '[' || c == ']') {
            return false;
        }
    }
    auto at_sign = s.find('@');
    if (at_sign == std::string_view::npos || at_sign == 0 ||
        s.find('@', at_sign + 1) != std::string_view::npos) {
        return false;
    }
    std::string_view domain = s.substr(at_sign + 1);
    auto dot = domain.find('.');
    return dot != std::string_view::npos && dot != 0 && domain.back() != '.' &&
           domain.find("..") == std::string_view::npos;
}

Result<Ok> check_email(std::string& address, std::string_view field) {
    address = trimmed(address);
    if (address.empty()) {
        return Error::invalid(std::string(field),
                              "The email address is empty. Type one like pat@example.com, or "
                              "remove the row.");
    }
    if (!looks_like_email(address)) {
        return Error::invalid(std::string(field),
                              fmt::format("\"{}\" does not look like an email address. Type it "
                                          "like pat@example.com.",
                                          address));
    }
    return Ok{};
}

// ---- Phone numbers ---------------------------------------------------------------------------

std::string region_of(const Actor& actor) {
    return actor.phone_region.empty() ? std::string("US") : actor.phone_region;
}

bool phone_is_blank(const PhoneNumber& p) {
    return trimmed(p.as_typed).empty() && trimmed(p.e164).empty();
}

// Callers fill as_typed (or, from an API client, e164); this fills the rest.
Result<PhoneNumber> normalised(const PhoneNumber& in,
                               const Actor& actor,
                               const std::string& field) {
    std::string text = trimmed(in.as_typed);
    if (text.empty()) {
        text = trimmed(in.e164);
    }
    PhoneNumber out = HOVER_TRY(normalize_phone(text, region_of(actor), field));
    std::string extension = trimmed(in.extension);
    if (out.extension.empty() && !extension.empty()) {
        if (extension.size() > 10 || !std::all_of(extension.begin(), extension.end(), is_digit)) {
            return Error::invalid(field, fmt::format("The extension \"{}\" must be up to 10 "
                                                     "digits, like 12.",
                                                     extension));
        }
        out.extension = std::move(extension);
    }
    return out;
}

// An optional number left blank is no number.
Result<Ok> normalise_optional(std::optional<PhoneNumber>& number,
                              const Actor& actor,
                              const std::string& field) {
    if (number && phone_is_blank(*number)) {
        number.reset();
    }
    if (number) {
        number = HOVER_TRY(normalised(*number, actor, field));
    }
    return Ok{};
}

// ---- Dates -----------------------------------------------------------------------------------

constexpr std::chrono::year kEarliestYear{1900};

Result<Ok> check_past_date(const std::optional<Date>& date,
                           std::string_view field,
                           Date today,
                           std::string_view future_message) {
    if (!date) {
        return Ok{};
    }
    if (date->year() < kEarliestYear) {
        return Error::invalid(
            std::string(field),
            fmt::format("Check the year of {}: it is before 1900.", format_date(*date)));
    }
    if (*date > today) {
        return Error::invalid(std::string(field), std::string(future_message));
    }
    return Ok{};
}

// ---- References ------------------------------------------------------------------------------
//
// A reference to another organisation's row gets the same answer as a missing one: the store
// returns kNotFound for both, and the message only repeats the id the user gave.

template <typename T>
Result<T> referenced(Result<T> found,
                     std::string_view field,
                     std::string message,
                     std::int64_t id) {
    if (!found && found.error().code == ErrorCode::kNotFound) {
        Error e = Error::invalid(std::string(field), std::move(message));
        e.detail += fmt::format(" (id {})", id);
        return e;
    }
    return found;
}

// The referenced account and contact are only checked, not loaded (bulk loads check one per row).
Result<Ok> account_ref(RecordStore& store,
                       const Actor& actor,
                       AccountId id,
                       std::string_view field) {
    if (!id.valid()) {
        return Error::invalid(std::string(field), "Choose the account this belongs to.");
    }
    return referenced(store.account_exists(actor.org_id, id), field,
                      "No such account. Choose one of your accounts.", id.value);
}

Result<Site> site_ref(RecordStore& store, const Actor& actor, SiteId id, std::string_view field) {
    if (!id.valid()) {
        return Error::invalid(std::string(field), "Choose the site this belongs to.");
    }
    return referenced(store.find_site(actor.org_id, id), field,
                      "No such site. Choose one of your sites.", id.value);
}

Result<Ok> contact_ref(RecordStore& store,
                       const Actor& actor,
                       ContactId id,
                       std::string_view field) {
    if (!id.valid()) {
        return Error::invalid(std::string(field), "Choose a contact, or leave it empty.");
    }
    return referenced(store.contact_exists(actor.org_id, id), field,
                      "No such contact. Choose one of your contacts.", id.value);
}

Result<User> user_ref(RecordStore& store, const Actor& actor, UserId id, std::string_view field) {
    if (!id.valid()) {
        return Error::invalid(std::string(field), "Choose a user of your organisation.");
    }
    return referenced(store.find_user(actor.org_id, id), field,
                      "No such user. Choose one of your organisation's users.", id.value);
}

// An optional site must be at `account`.
Result<Ok> check_site_of_account(RecordStore& store,
                                 const Actor& actor,
                                 const std::optional<SiteId>& site,
                                 AccountId account) {
    if (!site) {
        return Ok{};
    }
    Site found = HOVER_TRY(site_ref(store, actor, *site, "site_id"));
    if (found.account_id != account) {
        return Error::invalid("site_id",
                              fmt::format("The site \"{}\" belongs to another account. Choose a "
                                          "site of this account, or leave it empty.",
                                          found.name));
    }
    return Ok{};
}

// ---- Transactions ----------------------------------------------------------------------------

// Runs `work` (returning Result<T>) in one store transaction and hands back its value.
// kReadOnly: the use case only reads; its reads share one snapshot without the write lock.
enum class Access { kReadWrite, kReadOnly };

template <typename Work>
auto in_transaction(RecordStore& store, Work&& work, Access access = Access::kReadWrite)
    -> decltype(work()) {
    using R = decltype(work());
    std::optional<R> out;
    auto body = [&]() -> Result<Ok> {
        out.emplace(work());
        if (!out->has_value()) {
            return out->error();
        }
        return Ok{};
    };
    Result<Ok> done =
        access == Access::kReadOnly ? store.read_snapshot(body) : store.transaction(body);
    if (!done) {
        return std::move(done).error();
    }
    return std::move(*out);
}

Error conflict(std::string field, std::string message, std::string detail) {
    Error e;
    e.code = ErrorCode::kConflict;
    e.field = std::move(field);
    e.user_message = std::move(message);
    e.detail = std::move(detail);
    return e;
}

Page clamped(Page page) {
    page.number = std::max(page.number, 1);
    page.size = std::clamp(page.size, 1, kMaxPageSize);
    return page;
}

// ---- Validation of each record ---------------------------------------------------------------

Result<Ok> validate_comms_flow(std::vector<CommFlowEntry>& entries, const Actor& actor) {
    for (std::size_t i = 0; i < entries.size(); ++i) {
        CommFlowEntry& entry = entries[i];
        HOVER_TRY(clean_text(entry.label, at("comms_flow", i, "label"), kShortMax));
        HOVER_TRY(normalise_optional(entry.number, actor, at("comms_flow", i, "number")));
        HOVER_TRY(clean_text(entry.routes_to, at("comms_flow", i, "routes_to"), kMediumMax));
        if (entry.label.empty() && !entry.number) {
            return Error::invalid(at("comms_flow", i),
                                  "This entry is empty. Give it a label or a number, or remove "
                                  "it.");
        }
    }
    return Ok{};
}

Result<Ok> validate_account(RecordStore& store, const Actor& actor, Account& a) {
    HOVER_TRY(require_text(a.name, "name", kShortMax,
                           "Give the account a name, like \"Prairie Feed & Seed\"."));
    HOVER_TRY(clean_text(a.industry, "industry", kShortMax));
    HOVER_TRY(clean_text(a.region, "region", kShortMax));
    if (a.annual_revenue && a.annual_revenue->value < 0) {
        return Error::invalid("annual_revenue_cents",
                              "Annual revenue cannot be negative. Leave it empty when unknown.");
    }
    if (a.next_refresh_year && (*a.next_refresh_year < 1990 || *a.next_refresh_year > 2100)) {
        return Error::invalid("next_refresh_year",
                              "Enter the year they will replace their system, between 1990 and "
                              "2100 (like 2028), or leave it empty.");
    }
    if (a.budget_month && (*a.budget_month < 1 || *a.budget_month > 12)) {
        return Error::invalid("budget_month",
                              "Enter the budget month as a number from 1 (January) to 12 "
                              "(December), or leave it empty.");
    }
    HOVER_TRY(clean_text(a.comms_flow_notes, "comms_flow_notes", kLongMax));
    HOVER_TRY(validate_comms_flow(a.comms_flow, actor));
    HOVER_TRY(clean_text(a.notes, "notes", kLongMax));
    if (a.technician_id) {
        HOVER_TRY(user_ref(store, actor, *a.technician_id, "technician_id"));
    }
    return Ok{};
}

constexpr std::array<std::string_view, 12> kFloodZones{"A", "AE", "AH", "AO", "AR", "A99",
                                                       "V", "VE", "X",  "B",  "C",  "D"};

bool is_nws_zone(std::string_view z) {
    return z.size() == 6 && is_upper_letter(z[0]) && is_upper_letter(z[1]) &&
           (z[2] == 'C' || z[2] == 'Z') && is_digit(z[3]) && is_digit(z[4]) && is_digit(z[5]);
}

Result<Ok> validate_site(RecordStore& store, const Actor& actor, Site& s) {
    HOVER_TRY(require_text(s.name, "name", kShortMax,
                           "Give the site a name, like \"Main office\" or \"Warehouse\"."));
    HOVER_TRY(clean_text(s.street, "street", kShortMax));
    HOVER_TRY(clean_text(s.city, "city", kShortMax));
    HOVER_TRY(clean_text(s.state, "state", kShortMax));
    HOVER_TRY(clean_text(s.postal_code, "postal_code", 20));
    s.country = upper(trimmed(s.country));
    if (s.country.empty()) {
        s.country = region_of(actor);
    }
    if (s.country.size() != 2 || !is_upper_letter(s.country[0]) || !is_upper_letter(s.country[1])) {
        return Error::invalid("country", "Use the two-letter country code, like US or CA.");
    }
    if (s.latitude && !s.longitude) {
        return Error::invalid("longitude",
                              "Enter the longitude too (like -97.52), or clear the latitude.");
    }
    if (s.longitude && !s.latitude) {
        return Error::invalid("latitude",
                              "Enter the latitude too (like 35.47), or clear the longitude.");
    }
    if (s.latitude && (!std::isfinite(*s.latitude) || *s.latitude < -90.0 || *s.latitude > 90.0)) {
        return Error::invalid("latitude",
                              "The latitude must be between -90 and 90 (Oklahoma City is 35.47).");
    }
    if (s.longitude &&
        (!std::isfinite(*s.longitude) || *s.longitude < -180.0 || *s.longitude > 180.0)) {
        return Error::invalid(
            "longitude", "The longitude must be between -180 and 180 (Oklahoma City is -97.52).");
    }
    s.county_fips = trimmed(s.county_fips);
    if (!s.county_fips.empty() &&
        (s.county_fips.size() != 6 ||
         !std::all_of(s.county_fips.begin(), s.county_fips.end(), is_digit))) {
        return Error::invalid("county_fips",
                              "The county code must be the 6-digit SAME code, like 040109 for "
                              "Oklahoma County, OK, or leave it empty.");
    }
    s.nws_zone = upper(trimmed(s.nws_zone));
    if (!s.nws_zone.empty() && !is_nws_zone(s.nws_zone)) {
        return Error::invalid("nws_zone",
                              "The NWS zone must look like OKZ025 (a forecast zone) or OKC109 (a "
                              "county): two letters, Z or C, then three digits. Or leave it "
                              "empty.");
    }
    s.flood_zone = upper(trimmed(s.flood_zone));
    if (!s.flood_zone.empty() &&
        std::find(kFloodZones.begin(), kFloodZones.end(), s.flood_zone) == kFloodZones.end()) {
        return Error::invalid("flood_zone",
                              "Use a FEMA flood zone code (A, AE, AH, AO, AR, A99, V, VE, X, B, C "
                              "or D), or leave it empty when unknown.");
    }
    HOVER_TRY(clean_text(s.access_notes, "access_notes", kLongMax));
    HOVER_TRY(clean_text(s.paging_dead_zones, "paging_dead_zones", kLongMax));
    HOVER_TRY(account_ref(store, actor, s.account_id, "account_id"));
    return Ok{};
}

Result<Ok> validate_contact(RecordStore& store, const Actor& actor, Date today, Contact& c) {
    HOVER_TRY(clean_text(c.first_name, "first_name", kShortMax));
    HOVER_TRY(clean_text(c.last_name, "last_name", kShortMax));
    if (c.first_name.empty() && c.last_name.empty()) {
        return Error::invalid("first_name", "Give the contact a first name or a last name.");
    }
    HOVER_TRY(clean_text(c.job_title, "job_title", kShortMax));
    for (std::size_t i = 0; i < c.phones.size(); ++i) {
        ContactPhone& phone = c.phones[i];
        HOVER_TRY(clean_text(phone.label, at("phones", i, "label"), kShortMax));
        std::string field = at("phones", i, "number");
        phone.number = HOVER_TRY(normalised(phone.number, actor, field));
        for (std::size_t j = 0; j < i; ++j) {
            if (c.phones[j].number.e164 == phone.number.e164 &&
                c.phones[j].number.extension == phone.number.extension) {
                return Error::invalid(field, fmt::format("\"{}\" is already listed above. Remove "
                                                         "the duplicate.",
                                                         phone.number.as_typed));
            }
        }
    }
    for (std::size_t i = 0; i < c.emails.size(); ++i) {
        ContactEmail& email = c.emails[i];
        HOVER_TRY(clean_text(email.label, at("emails", i, "label"), kShortMax));
        std::string field = at("emails", i, "address");
        HOVER_TRY(check_email(email.address, field));
        for (std::size_t j = 0; j < i; ++j) {
            if (ascii_lower(c.emails[j].address) == ascii_lower(email.address)) {
                return Error::invalid(field, fmt::format("\"{}\" is already listed above. Remove "
                                                         "the duplicate.",
                                                         email.address));
            }
        }
    }
    HOVER_TRY(clean_text(c.preferred_hours, "preferred_hours", kShortMax));
    HOVER_TRY(clean_text(c.communication_style, "communication_style", kLongMax));
    HOVER_TRY(check_past_date(c.birthday, "birthday", today,
                              "A birthday cannot be in the future. Check the year."));
    HOVER_TRY(clean_text(c.family, "family", kLongMax));
    HOVER_TRY(clean_text(c.interests, "interests", kLongMax));
    HOVER_TRY(clean_text(c.how_we_met, "how_we_met", kLongMax));
    HOVER_TRY(clean_text(c.notes, "notes", kLongMax));
    for (std::size_t i = 0; i < c.accounts.size(); ++i) {
        AccountLink& link = c.accounts[i];
        HOVER_TRY(clean_text(link.role, at("accounts", i, "role"), kShortMax));
        std::string field = at("accounts", i, "account_id");
        for (std::size_t j = 0; j < i; ++j) {
            if (c.accounts[j].account_id == link.account_id) {
                return Error::invalid(field,
                                      "This account is already linked above. Remove the "
                                      "duplicate.");
            }
        }
        HOVER_TRY(account_ref(store, actor, link.account_id, field));
    }
    return Ok{};
}

Result<Ok> validate_asset(RecordStore& store, const Actor& actor, Date today, Asset& a) {
    HOVER_TRY(clean_text(a.make, "make", kShortMax));
    HOVER_TRY(clean_text(a.model, "model", kShortMax));
    HOVER_TRY(clean_text(a.serial, "serial", kShortMax));
    HOVER_TRY(clean_text(a.location, "location", kShortMax));
    HOVER_TRY(check_past_date(a.installed_on, "installed_on", today,
                              "The install date is in the future. Enter the day it was "
                              "installed, or leave it empty."));
    auto not_before_install = [&](const std::optional<Date>& date, std::string_view field,
                                  std::string_view what) -> Result<Ok> {
        if (date && date->year() < kEarliestYear) {
            return Error::invalid(
                std::string(field),
                fmt::format("Check the year of {}: it is before 1900.", format_date(*date)));
        }
        if (date && a.installed_on && *date < *a.installed_on) {
            return Error::invalid(
                std::string(field),
                fmt::format("The {} ({}) cannot be before the install date "
                            "({}).",
                            what, format_date(*date), format_date(*a.installed_on)));
        }
        return Ok{};
    };
    HOVER_TRY(not_before_install(a.warranty_ends, "warranty_ends", "end of the warranty"));
    HOVER_TRY(not_before_install(a.end_of_life, "end_of_life", "end of life"));
    HOVER_TRY(clean_text(a.notes, "notes", kLongMax));
    HOVER_TRY(site_ref(store, actor, a.site_id, "site_id"));
    return Ok{};
}

Result<Ok> validate_line(RecordStore& store, const Actor& actor, Line& l) {
    HOVER_TRY(normalise_optional(l.number, actor, "number"));
    HOVER_TRY(clean_text(l.circuit_id, "circuit_id", kShortMax));
    if (!l.number && l.circuit_id.empty()) {
        return Error::invalid("number",
                              "Enter the line's phone number, or its circuit id for a circuit.");
    }
    HOVER_TRY(clean_text(l.carrier, "carrier", kShortMax));
    if (l.bandwidth_down_kbps && *l.bandwidth_down_kbps <= 0) {
        return Error::invalid("bandwidth_down_kbps",
                              "The download bandwidth must be more than 0 kbps, or leave it "
                              "empty.");
    }
    if (l.bandwidth_up_kbps && *l.bandwidth_up_kbps <= 0) {
        return Error::invalid("bandwidth_up_kbps",
                              "The upload bandwidth must be more than 0 kbps, or leave it empty.");
    }
    if (l.monthly_charge && l.monthly_charge->value < 0) {
        return Error::invalid("monthly_charge_cents",
                              "The monthly charge cannot be negative. Leave it empty when "
                              "unknown.");
    }
    HOVER_TRY(clean_text(l.notes, "notes", kLongMax));
    HOVER_TRY(site_ref(store, actor, l.site_id, "site_id"));
    return Ok{};
}

}  // namespace

// ---- Transactions, organisations, users ------------------------------------------------------

Result<Ok> RecordService::atomically(const std::function<Result<Ok>()>& work) {
    return store_.transaction(work);
}

Result<Ok> RecordService::consistently(const std::function<Result<Ok>()>& work) {
    return store_.read_snapshot(work);
}

Result<Organisation> RecordService::create_organisation(Organisation org) {
    org.id = OrgId{};
    HOVER_TRY(require_text(org.name, "name", kShortMax,
                           "Give the organisation a name, like \"Red Dirt Telecom\"."));
    org.slug = ascii_lower(trimmed(org.slug));
    if (org.slug.empty()) {
        // Derived from the name: "Red Dirt Telecom" -> "red-dirt-telecom".
        for (char c : ascii_lower(org.name)) {
            if ((c >= 'a' && c <= 'z') || is_digit(c)) {
                org.slug += c;
            } else if (!org.slug.empty() && org.slug.back() != '-') {
                org.slug += '-';
            }
        }
        if (org.slug.size() > 40) {
            org.slug.resize(40);
        }
        while (!org.slug.empty() && org.slug.back() == '-') {
            org.slug.pop_back();
        }
    }
    bool slug_ok = org.slug.size() >= 2 && org.slug.size() <= 40 && org.slug.front() != '-' &&
                   org.slug.back() != '-' &&
                   std::all_of(org.slug.begin(), org.slug.end(), [](char c) {
                       return (c >= 'a' && c <= 'z') || is_digit(c) || c == '-';
                   });
    if (!slug_ok) {
        return Error::invalid("slug",
                              "The short name must be 2 to 40 lower-case letters, digits and "
                              "dashes, like \"red-dirt-telecom\".");
    }
    org.phone_region = upper(trimmed(org.phone_region));
    if (org.phone_region.empty()) {
        org.phone_region = "US";
    }
    if (org.phone_region.size() != 2 || !is_upper_letter(org.phone_region[0]) ||
        !is_upper_letter(org.phone_region[1])) {
        return Error::invalid("phone_region",
                              "Use the two-letter country code of your phone numbers, like US.");
    }
    org.created_at = clock_.now();
    return in_transaction(store_, [&]() -> Result<Organisation> {
        auto taken = [&] {
            return conflict(
                "slug", fmt::format("The short name \"{}\" is taken. Choose another.", org.slug),
                "organisation slug taken: " + org.slug);
        };
        auto existing = store_.find_organisation_by_slug(org.slug);
        if (existing) {
            return taken();
        }
        if (existing.error().code != ErrorCode::kNotFound) {
            return std::move(existing).error();
        }
        auto id = store_.insert_organisation(org);
        if (!id) {
            return id.error().code == ErrorCode::kConflict ? taken() : std::move(id).error();
        }
        org.id = id.value();
        return org;
    });
}

Result<User> RecordService::create_user(OrgId org, User user) {
    user.id = UserId{};
    user.org_id = org;
    user.email = ascii_lower(trimmed(user.email));
    if (user.email.empty()) {
        return Error::invalid("email", "Enter the user's email address, like pat@example.com.");
    }
    HOVER_TRY(check_email(user.email, "email"));
    HOVER_TRY(clean_text(user.display_name, "display_name", kShortMax));
    if (user.display_name.empty()) {
        user.display_name = user.email.substr(0, user.email.find('@'));
    }
    user.created_at = clock_.now();
    return in_transaction(store_, [&]() -> Result<User> {
        HOVER_TRY(store_.find_organisation(org));
        auto taken = [&] {
            return conflict("email",
                            fmt::format("There is already a user with the email {}.", user.email),
                            "user email taken");
        };
        auto existing = store_.find_user_by_email(org, user.email);
        if (existing) {
            return taken();
        }
        if (existing.error().code != ErrorCode::kNotFound) {
            return std::move(existing).error();
        }
        auto id = store_.insert_user(user);
        if (!id) {
            return id.error().code == ErrorCode::kConflict ? taken() : std::move(id).error();
        }
        user.id = id.value();
        return user;
    });
}

Result<std::vector<Organisation>> RecordService::list_organisations() {
    return store_.list_organisations();
}

Result<std::vector<User>> RecordService::list_users(const Actor& actor) {
    return store_.list_users(actor.org_id);
}

Result<Actor> RecordService::resolve_actor(std::string_view org_slug, std::string_view user_email) {
    std::string slug = ascii_lower(trimmed(org_slug));
    Organisation org;
    if (slug.empty()) {
        std::vector<Organisation> orgs = HOVER_TRY(store_.list_organisations());
        if (orgs.empty()) {
            Error e = Error::not_found("organisation");
            e.user_message =
                "There is no organisation yet. Run `hover init` to create yours, or `hover demo` "
                "to try Hover with demo data.";
            return e;
        }
        if (orgs.size() > 1) {
            std::string names;
            for (const auto& o : orgs) {
                names += names.empty() ? o.slug : ", " + o.slug;
            }
            return Error::invalid("org",
                                  fmt::format("This database holds several organisations. Choose "
                                              "one with --org (one of: {}).",
                                              names));
        }
        org = std::move(orgs.front());
    } else {
        auto found = store_.find_organisation_by_slug(slug);
        if (!found) {
            if (found.error().code != ErrorCode::kNotFound) {
                return std::move(found).error();
            }
            Error e = Error::not_found("organisation", "no organisation " + slug);
            e.user_message =
                fmt::format("No such organisation \"{}\". Check the --org value.", slug);
            e.field = "org";
            return e;
        }
        org = std::move(found).value();
    }

    User user;
    std::string email = ascii_lower(trimmed(user_email));
    if (email.empty()) {
        std::vector<User> users = HOVER_TRY(store_.list_users(org.id));
        if (users.empty()) {
            Error e = Error::not_found("user");
            e.user_message = fmt::format(
                "The organisation \"{}\" has no users yet. Add a user first.", org.slug);
            return e;
        }
        auto by_id = [](const User& a, const User& b) { return a.id < b.id; };
        std::sort(users.begin(), users.end(), by_id);
        auto admin = std::find_if(users.begin(), users.end(),
                                  [](const User& u) { return u.role == Role::kAdmin; });
        user = admin != users.end() ? *admin : users.front();
    } else {
        auto found = store_.find_user_by_email(org.id, email);
        if (!found) {
            if (found.error().code != ErrorCode::kNotFound) {
                return std::move(found).error();
            }
            Error e = Error::not_found("user", "no user " + email + " in " + org.slug);
            e.user_message = fmt::format("No user with the email {} in \"{}\".", email, org.slug);
            e.field = "user";
            return e;
        }
        user = std::move(found).value();
    }

    Actor actor;
    actor.org_id = org.id;
    actor.user_id = user.id;
    actor.role = user.role;
    actor.phone_region = org.phone_region.empty() ? std::string("US") : org.phone_region;
    return actor;
}

// ---- Accounts --------------------------------------------------------------------------------

Result<Account> RecordService::create_account(const Actor& actor, Account account) {
    return in_transaction(store_, [&]() -> Result<Account> {
        account.id = AccountId{};
        account.org_id = actor.org_id;
        HOVER_TRY(validate_account(store_, actor, account));
        account.created_at = clock_.now();
        account.updated_at = account.created_at;
        account.id = HOVER_TRY(store_.insert_account(account));
        return account;
    });
}

Result<Account> RecordService::update_account(const Actor& actor, Account account) {
    return in_transaction(store_, [&]() -> Result<Account> {
        Account existing = HOVER_TRY(store_.find_account(actor.org_id, account.id));
        account.org_id = actor.org_id;
        HOVER_TRY(validate_account(store_, actor, account));
        account.created_at = existing.created_at;
        account.updated_at = clock_.now();
        HOVER_TRY(store_.update_account(account));
        return account;
    });
}

Result<Account> RecordService::get_account(const Actor& actor, AccountId id) {
    return store_.find_account(actor.org_id, id);
}

Result<Ok> RecordService::check_account(const Actor& actor, AccountId id) {
    return store_.account_exists(actor.org_id, id);
}

Result<PageOf<Account>> RecordService::list_accounts(const Actor& actor,
                                                     const AccountFilter& filter,
                                                     Page page) {
    AccountFilter cleaned = filter;
    cleaned.region = trimmed(cleaned.region);
    cleaned.name_prefix = trimmed(cleaned.name_prefix);
    return store_.list_accounts(actor.org_id, cleaned, clamped(page));
}

Result<AccountOverview> RecordService::account_overview(const Actor& actor, AccountId id) {
    // One transaction, so the page shows one consistent moment.
    return in_transaction(
        store_,
        [&]() -> Result<AccountOverview> {
            AccountOverview o;
            o.account = HOVER_TRY(store_.find_account(actor.org_id, id));
            o.sites = HOVER_TRY(store_.list_sites(actor.org_id, id));
            for (Page page{1, kMaxPageSize};; ++page.number) {
                PageOf<Contact> contacts = HOVER_TRY(store_.list_contacts(actor.org_id, id, page));
                bool last = contacts.items.empty();
                for (auto& c : contacts.items) {
                    o.contacts.push_back(std::move(c));
                }
                if (last || static_cast<std::int64_t>(o.contacts.size()) >= contacts.total) {
                    break;
                }
            }
            o.assets = HOVER_TRY(store_.list_assets_of_account(actor.org_id, id));
            o.lines = HOVER_TRY(store_.list_lines_of_account(actor.org_id, id));
            o.recent_interactions = HOVER_TRY(store_.list_interactions(
                                                  actor.org_id, id, Page{1, kOverviewInteractions}))
                                        .items;
            o.notes = HOVER_TRY(store_.list_notes(actor.org_id, id));
            o.users = HOVER_TRY(store_.list_users(actor.org_id));
            return o;
        },
        Access::kReadOnly);
}

// ---- Sites -----------------------------------------------------------------------------------

Result<Site> RecordService::create_site(const Actor& actor, Site site) {
    return in_transaction(store_, [&]() -> Result<Site> {
        site.id = SiteId{};
        site.org_id = actor.org_id;
        HOVER_TRY(validate_site(store_, actor, site));
        site.created_at = clock_.now();
        site.updated_at = site.created_at;
        site.id = HOVER_TRY(store_.insert_site(site));
        return site;
    });
}

Result<Site> RecordService::update_site(const Actor& actor, Site site) {
    return in_transaction(store_, [&]() -> Result<Site> {
        Site existing = HOVER_TRY(store_.find_site(actor.org_id, site.id));
        site.org_id = actor.org_id;
        HOVER_TRY(validate_site(store_, actor, site));
        site.created_at = existing.created_at;
        site.updated_at = clock_.now();
        HOVER_TRY(store_.update_site(site));
        return site;
    });
}

Result<Site> RecordService::get_site(const Actor& actor, SiteId id) {
    return store_.find_site(actor.org_id, id);
}

Result<std::vector<Site>> RecordService::list_sites(const Actor& actor, AccountId account) {
    return in_transaction(
        store_,
        [&]() -> Result<std::vector<Site>> {
            HOVER_TRY(store_.account_exists(actor.org_id, account));
            return store_.list_sites(actor.org_id, account);
        },
        Access::kReadOnly);
}

// ---- Contacts --------------------------------------------------------------------------------

Result<Contact> RecordService::create_contact(const Actor& actor, Contact contact) {
    return in_transaction(store_, [&]() -> Result<Contact> {
        contact.id = ContactId{};
        contact.org_id = actor.org_id;
        HOVER_TRY(validate_contact(store_, actor, clock_.today(), contact));
        contact.created_at = clock_.now();
        contact.updated_at = contact.created_at;
        contact.id = HOVER_TRY(store_.insert_contact(contact));
        return contact;
    });
}

Result<Ok> RecordService::check_new_contact(const Actor& actor, Contact& contact) {
    contact.id = ContactId{};
    contact.org_id = actor.org_id;
    return validate_contact(store_, actor, clock_.today(), contact);
}

Result<Ok> RecordService::insert_checked_contacts(const Actor& actor,
                                                  std::vector<Contact>& contacts) {
    Timestamp now = clock_.now();
    for (auto& c : contacts) {
        c.org_id = actor.org_id;  // never another organisation's, whatever the caller set
        c.created_at = now;
        c.updated_at = now;
    }
    return store_.insert_contacts(contacts);
}

Result<Contact> RecordService::update_contact(const Actor& actor, Contact contact) {
    return in_transaction(store_, [&]() -> Result<Contact> {
        Contact existing = HOVER_TRY(store_.find_contact(actor.org_id, contact.id));
        contact.org_id = actor.org_id;
        HOVER_TRY(validate_contact(store_, actor, clock_.today(), contact));
        contact.created_at = existing.created_at;
        contact.updated_at = clock_.now();
        HOVER_TRY(store_.update_contact(contact));
        return contact;
    });
}

Result<Contact> RecordService::get_contact(const Actor& actor, ContactId id) {
    return store_.find_contact(actor.org_id, id);
}

Result<PageOf<Contact>> RecordService::list_contacts(const Actor& actor,
                                                     std::optional<AccountId> account,
                                                     Page page) {
    return in_transaction(
        store_,
        [&]() -> Result<PageOf<Contact>> {
            if (account) {
                HOVER_TRY(store_.account_exists(actor.org_id, *account));
            }
            return store_.list_contacts(actor.org_id, account, clamped(page));
        },
        Access::kReadOnly);
}

// ---- Assets ----------------------------------------------------------------------------------

Result<Asset> RecordService::create_asset(const Actor& actor, Asset asset) {
    return in_transaction(store_, [&]() -> Result<Asset> {
        asset.id = AssetId{};
        asset.org_id = actor.org_id;
        HOVER_TRY(validate_asset(store_, actor, clock_.today(), asset));
        asset.created_at = clock_.now();
        asset.updated_at = asset.created_at;
        asset.id = HOVER_TRY(store_.insert_asset(asset));
        return asset;
    });
}

Result<Asset> RecordService::update_asset(const Actor& actor, Asset asset) {
    return in_transaction(store_, [&]() -> Result<Asset> {
        Asset existing = HOVER_TRY(store_.find_asset(actor.org_id, asset.id));
        asset.org_id = actor.org_id;
        HOVER_TRY(validate_asset(store_, actor, clock_.today(), asset));
        asset.created_at = existing.created_at;
        asset.updated_at = clock_.now();
        HOVER_TRY(store_.update_asset(asset));
        return asset;
    });
}

Result<Asset> RecordService::get_asset(const Actor& actor, AssetId id) {
    return store_.find_asset(actor.org_id, id);
}

Result<std::vector<Asset>> RecordService::list_assets_of_site(const Actor& actor, SiteId site) {
    return in_transaction(
        store_,
        [&]() -> Result<std::vector<Asset>> {
            HOVER_TRY(store_.find_site(actor.org_id, site));
            return store_.list_assets_of_site(actor.org_id, site);
        },
        Access::kReadOnly);
}

Result<std::vector<Asset>> RecordService::list_assets_of_account(const Actor& actor,
                                                                 AccountId account) {
    return in_transaction(
        store_,
        [&]() -> Result<std::vector<Asset>> {
            HOVER_TRY(store_.account_exists(actor.org_id, account));
            return store_.list_assets_of_account(actor.org_id, account);
        },
        Access::kReadOnly);
}

// ---- Lines -----------------------------------------------------------------------------------

Result<Line> RecordService::create_line(const Actor& actor, Line line) {
    return in_transaction(store_, [&]() -> Result<Line> {
        line.id = LineId{};
        line.org_id = actor.org_id;
        HOVER_TRY(validate_line(store_, actor, line));
        line.created_at = clock_.now();
        line.updated_at = line.created_at;
        line.id = HOVER_TRY(store_.insert_line(line));
        return line;
    });
}

Result<Line> RecordService::update_line(const Actor& actor, Line line) {
    return in_transaction(store_, [&]() -> Result<Line> {
        Line existing = HOVER_TRY(store_.find_line(actor.org_id, line.id));
        line.org_id = actor.org_id;
        HOVER_TRY(validate_line(store_, actor, line));
        line.created_at = existing.created_at;
        line.updated_at = clock_.now();
        HOVER_TRY(store_.update_line(line));
        return line;
    });
}

Result<Line> RecordService::get_line(const Actor& actor, LineId id) {
    return store_.find_line(actor.org_id, id);
}

Result<std::vector<Line>> RecordService::list_lines_of_site(const Actor& actor, SiteId site) {
    return in_transaction(
        store_,
        [&]() -> Result<std::vector<Line>> {
            HOVER_TRY(store_.find_site(actor.org_id, site));
            return store_.list_lines_of_site(actor.org_id, site);
        },
        Access::kReadOnly);
}

Result<std::vector<Line>> RecordService::list_lines_of_account(const Actor& actor,
                                                               AccountId account) {
    return in_transaction(
        store_,
        [&]() -> Result<std::vector<Line>> {
            HOVER_TRY(store_.account_exists(actor.org_id, account));
            return store_.list_lines_of_account(actor.org_id, account);
        },
        Access::kReadOnly);
}

// ---- Interactions and notes ------------------------------------------------------------------

Result<Interaction> RecordService::log_interaction(const Actor& actor, Interaction interaction) {
    return in_transaction(store_, [&]() -> Result<Interaction> {
        Timestamp now = clock_.now();
        interaction.id = InteractionId{};
        interaction.org_id = actor.org_id;
        if (!interaction.user_id.valid()) {
            interaction.user_id = actor.user_id;
        }
        if (interaction.occurred_at == Timestamp{}) {
            interaction.occurred_at = now;
        }
        if (interaction.occurred_at > now + std::chrono::hours{24}) {
            return Error::invalid("occurred_at",
                                  "That is more than a day in the future. Enter when it "
                                  "happened.");
        }
        if (interaction.duration_minutes &&
            (*interaction.duration_minutes < 0 || *interaction.duration_minutes > 24 * 60)) {
            return Error::invalid("duration_minutes",
                                  "Enter the duration in minutes, from 0 to 1440 (a day), or "
                                  "leave it empty.");
        }
        HOVER_TRY(clean_text(interaction.summary, "summary", kLongMax));
        HOVER_TRY(account_ref(store_, actor, interaction.account_id, "account_id"));
        if (interaction.contact_id) {
            HOVER_TRY(contact_ref(store_, actor, *interaction.contact_id, "contact_id"));
        }
        HOVER_TRY(
            check_site_of_account(store_, actor, interaction.site_id, interaction.account_id));
        HOVER_TRY(user_ref(store_, actor, interaction.user_id, "user_id"));
        interaction.created_at = now;
        interaction.id = HOVER_TRY(store_.insert_interaction(interaction));
        return interaction;
    });
}

Result<Interaction> RecordService::get_interaction(const Actor& actor, InteractionId id) {
    return store_.find_interaction(actor.org_id, id);
}

Result<PageOf<Interaction>> RecordService::list_interactions(const Actor& actor,
                                                             AccountId account,
                                                             Page page) {
    return in_transaction(
        store_,
        [&]() -> Result<PageOf<Interaction>> {
            HOVER_TRY(store_.account_exists(actor.org_id, account));
            return store_.list_interactions(actor.org_id, account, clamped(page));
        },
        Access::kReadOnly);
}

Result<Note> RecordService::add_note(const Actor& actor, Note note) {
    return in_transaction(store_, [&]() -> Result<Note> {
        note.id = NoteId{};
        note.org_id = actor.org_id;
        note.author_id = actor.user_id;
        HOVER_TRY(require_text(note.body, "body", kLongMax, "Write something in the note."));
        HOVER_TRY(account_ref(store_, actor, note.account_id, "account_id"));
        if (note.contact_id) {
            HOVER_TRY(contact_ref(store_, actor, *note.contact_id, "contact_id"));
        }
        HOVER_TRY(check_site_of_account(store_, actor, note.site_id, note.account_id));
        // Nothing is anonymous (R6): the author must be a user of this organisation.
        auto author = store_.find_user(actor.org_id, actor.user_id);
        if (!author) {
            if (author.error().code != ErrorCode::kNotFound) {
                return std::move(author).error();
            }
            Error e;
            e.code = ErrorCode::kPermissionDenied;
            e.user_message = "Only a user of this organisation can add notes. Sign in first.";
            e.detail = fmt::format("note by unknown user {}", actor.user_id.value);
            return e;
        }
        note.created_at = clock_.now();
        note.id = HOVER_TRY(store_.insert_note(note));
        return note;
    });
}

Result<std::vector<Note>> RecordService::list_notes(const Actor& actor, AccountId account) {
    return in_transaction(
        store_,
        [&]() -> Result<std::vector<Note>> {
            HOVER_TRY(store_.account_exists(actor.org_id, account));
            return store_.list_notes(actor.org_id, account);
        },
        Access::kReadOnly);
}

// ---- Search ----------------------------------------------------------------------------------

Result<std::vector<SearchHit>> RecordService::search(const Actor& actor,
                                                     std::string_view query,
                                                     int limit) {
    std::string q = trimmed(query);
    if (q.empty()) {
        return Error::invalid("q", "Type a word to search for: a name, a phone number, a serial.");
    }
    if (utf8_length(q) > kSearchMax) {
        return Error::invalid("q", fmt::format("The search is too long. Keep it to {} characters "
                                               "or fewer.",
                                               kSearchMax));
    }
    return store_.search(actor.org_id, q, std::clamp(limit, 1, 100));
}

}  // namespace hover::records

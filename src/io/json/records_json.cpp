#include "io/json/records_json.hpp"

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace hover::io {

using nlohmann::json;
using records::PhoneNumber;

namespace {

// ---- Writing ---------------------------------------------------------------------------------

template <typename Tag>
json write(Id<Tag> id) {
    return id.value;
}

json write(Cents amount) {
    return amount.value;
}
json write(Timestamp t) {
    return format_timestamp(t);
}
json write(Date d) {
    return format_date(d);
}
json write(bool b) {
    return b;
}
json write(int i) {
    return i;
}
json write(std::int64_t i) {
    return i;
}
json write(double d) {
    return d;
}

template <typename E>
requires std::is_enum_v<E> json write(E value) {
    return std::string(records::to_name(value));
}

// Objects are built by moving members in, not from an initializer list: the list's elements
// are const, so every nested value would be copied (the account route spent a quarter of its time
// there).
json write(const PhoneNumber& p) {
    json out = json::object();
    out.emplace("e164", p.e164);
    out.emplace("extension", p.extension);
    out.emplace("as_typed", p.as_typed);
    out.emplace("display", records::format_phone_national(p.e164, "US"));
    return out;
}

template <typename T>
json write(const std::optional<T>& value) {
    return value ? write(*value) : json(nullptr);
}

template <typename T>
json write_all(const std::vector<T>& items) {
    json out = json::array();
    for (const auto& item : items) {
        out.push_back(to_json(item));
    }
    return out;
}

json comms_flow_json(const records::CommFlowEntry& e) {
    json out = json::object();
    out.emplace("kind", write(e.kind));
    out.emplace("label", e.label);
    out.emplace("number", write(e.number));
    out.emplace("routes_to", e.routes_to);
    return out;
}

// ---- Reading ---------------------------------------------------------------------------------
//
// Each read() checks the JSON type of one value and stores it; `path` names the value in errors
// ("phones[1].number"). null clears optionals, text (to "") and lists; other fields need a value.

Error wrong_type(const std::string& path, std::string_view expected) {
    return Error::invalid(path, fmt::format("\"{}\" must be {}.", path, expected));
}

std::string member_path(std::string_view prefix, std::string_view key) {
    return prefix.empty() ? std::string(key) : fmt::format("{}.{}", prefix, key);
}

Result<Ok> read(const json& v, const std::string& path, std::string& out) {
    if (v.is_null()) {
        out.clear();
    } else if (v.is_string()) {
        out = v.get<std::string>();
    } else {
        return wrong_type(path, "text (a string)");
    }
    return Ok{};
}

Result<Ok> read(const json& v, const std::string& path, bool& out) {
    if (!v.is_boolean()) {
        return wrong_type(path, "true or false");
    }
    out = v.get<bool>();
    return Ok{};
}

Result<Ok> read(const json& v, const std::string& path, std::int64_t& out) {
    if (!v.is_number_integer() ||
        (v.is_number_unsigned() &&
         v.get<std::uint64_t>() >
             static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))) {
        return wrong_type(path, "a whole number");
    }
    out = v.get<std::int64_t>();
    return Ok{};
}

Result<Ok> read(const json& v, const std::string& path, int& out) {
    std::int64_t wide = 0;
    HOVER_TRY(read(v, path, wide));
    if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max()) {
        return wrong_type(path, "a smaller whole number");
    }
    out = static_cast<int>(wide);
    return Ok{};
}

Result<Ok> read(const json& v, const std::string& path, double& out) {
    if (!v.is_number()) {
        return wrong_type(path, "a number");
    }
    out = v.get<double>();
    return Ok{};
}

Result<Ok> read(const json& v, const std::string& path, Cents& out) {
    std::int64_t cents = 0;
    if (!read(v, path, cents)) {
        return wrong_type(path, "a whole number of cents (1234 for $12.34)");
    }
    out = Cents{cents};
    return Ok{};
}

template <typename Tag>
Result<Ok> read(const json& v, const std::string& path, Id<Tag>& out) {
    std::int64_t id = 0;
    if (!read(v, path, id)) {
        return wrong_type(path, "an id (a whole number)");
    }
    out = Id<Tag>{id};
    return Ok{};
}

template <typename E>
requires std::is_enum_v<E> Result<Ok> read(const json& v, const std::string& path, E& out) {
    if (!v.is_string()) {
        return wrong_type(path, "one of: " + records::enum_choices<E>());
    }
    out = HOVER_TRY(records::parse_enum<E>(v.get<std::string>(), path));
    return Ok{};
}

Result<Ok> read(const json& v, const std::string& path, Date& out) {
    if (!v.is_string()) {
        return wrong_type(path, "a date written as YYYY-MM-DD");
    }
    out = HOVER_TRY(parse_date(v.get<std::string>(), path));
    return Ok{};
}

Result<Ok> read(const json& v, const std::string& path, Timestamp& out) {
    if (!v.is_string()) {
        return wrong_type(path, "a date and time written as 2026-11-22T14:30:00Z");
    }
    out = HOVER_TRY(parse_timestamp(v.get<std::string>(), path));
    return Ok{};
}

Result<Ok> read(const json& v, const std::string& path, PhoneNumber& out);
Result<Ok> read(const json& v, const std::string& path, records::CommFlowEntry& out);
Result<Ok> read(const json& v, const std::string& path, records::ContactPhone& out);
Result<Ok> read(const json& v, const std::string& path, records::ContactEmail& out);
Result<Ok> read(const json& v, const std::string& path, records::AccountLink& out);

template <typename T>
Result<Ok> read(const json& v, const std::string& path, std::optional<T>& out) {
    if (v.is_null()) {
        out.reset();
        return Ok{};
    }
    T value{};
    HOVER_TRY(read(v, path, value));
    out = std::move(value);
    return Ok{};
}

// A list replaces the whole list (PATCH works on whole fields).
template <typename T>
Result<Ok> read(const json& v, const std::string& path, std::vector<T>& out) {
    if (v.is_null()) {
        out.clear();
        return Ok{};
    }
    if (!v.is_array()) {
        return wrong_type(path, "a list");
    }
    std::vector<T> items;
    items.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        T item{};
        HOVER_TRY(read(v[i], fmt::format("{}[{}]", path, i), item));
        items.push_back(std::move(item));
    }
    out = std::move(items);
    return Ok{};
}

// ---- Objects: one table of fields per record type --------------------------------------------

template <typename R>
struct Field {
    std::string_view name;
    std::function<Result<Ok>(const json&, const std::string&, R&)> apply;
};

template <typename R, typename M>
Field<R> field(std::string_view name, M R::*member) {
    return Field<R>{name, [member](const json& v, const std::string& path, R& record) {
                        return read(v, path, record.*member);
                    }};
}

// Written by to_json, accepted back (so a GET can be sent back as a PUT), and ignored: ids,
// org_id and timestamps belong to the server.
template <typename R>
Field<R> read_only(std::string_view name) {
    return Field<R>{name, [](const json&, const std::string&, R&) -> Result<Ok> { return Ok{}; }};
}

template <typename R>
Result<Ok> apply_object(const json& v,
                        const std::string& path,
                        std::string_view what,
                        const std::vector<Field<R>>& fields,
                        R& record) {
    if (!v.is_object()) {
        if (path.empty()) {
            return Error::invalid("body", fmt::format("The request body must be a JSON object "
                                                      "describing {}.",
                                                      what));
        }
        return wrong_type(path, "an object ({...})");
    }
    for (const auto& [key, value] : v.items()) {
        std::string key_path = member_path(path, key);
        const Field<R>* found = nullptr;
        for (const auto& f : fields) {
            if (f.name == key) {
                found = &f;
                break;
            }
        }
        if (found == nullptr) {
            std::string names;
            for (const auto& f : fields) {
                names += names.empty() ? "" : ", ";
                names += f.name;
            }
            return Error::invalid(key_path, fmt::format("\"{}\" is not a field of {}. Check the "
                                                        "spelling; the fields are: {}.",
                                                        key, what, names));
        }
        HOVER_TRY(found->apply(value, key_path, record));
    }
    return Ok{};
}

const std::vector<Field<PhoneNumber>>& phone_fields() {
    static const std::vector<Field<PhoneNumber>> fields{
        field("e164", &PhoneNumber::e164),
        field("extension", &PhoneNumber::extension),
        field("as_typed", &PhoneNumber::as_typed),
        read_only<PhoneNumber>("display"),
    };
    return fields;
}

// A phone number is what the user typed (a string), or an object as written by to_json.
Result<Ok> read(const json& v, const std::string& path, PhoneNumber& out) {
    if (v.is_string()) {
        out = PhoneNumber{};
        out.as_typed = v.get<std::string>();
        return Ok{};
    }
    if (!v.is_object()) {
        return wrong_type(path,
                          "a phone number: text like \"(405) 555-0142\", or an object with "
                          "\"as_typed\"");
    }
    PhoneNumber number;
    HOVER_TRY(apply_object(v, path, "a phone number", phone_fields(), number));
    out = std::move(number);
    return Ok{};
}

Result<Ok> read(const json& v, const std::string& path, records::CommFlowEntry& out) {
    using records::CommFlowEntry;
    static const std::vector<Field<CommFlowEntry>> fields{
        field("kind", &CommFlowEntry::kind),
        field("label", &CommFlowEntry::label),
        field("number", &CommFlowEntry::number),
        field("routes_to", &CommFlowEntry::routes_to),
    };
    return apply_object(v, path, "a communications flow entry", fields, out);
}

Result<Ok> read(const json& v, const std::string& path, records::ContactPhone& out) {
    using records::ContactPhone;
    static const std::vector<Field<ContactPhone>> fields{
        field("label", &ContactPhone::label),
        field("number", &ContactPhone::number),
    };
    return apply_object(v, path, "a contact's phone", fields, out);
}

Result<Ok> read(const json& v, const std::string& path, records::ContactEmail& out) {
    using records::ContactEmail;
    static const std::vector<Field<ContactEmail>> fields{
        field("label", &ContactEmail::label),
        field("address", &ContactEmail::address),
    };
    return apply_object(v, path, "a contact's email", fields, out);
}

Result<Ok> read(const json& v, const std::string& path, records::AccountLink& out) {
    using records::AccountLink;
    static const std::vector<Field<AccountLink>> fields{
        field("account_id", &AccountLink::account_id),
        field("role", &AccountLink::role),
        field("decision_maker", &AccountLink::decision_maker),
    };
    return apply_object(v, path, "an account link", fields, out);
}

// Deeply nested input would exhaust the parser's stack; no request of ours nests past a few
// levels.
constexpr int kMaxDepth = 64;

bool nests_too_deep(std::string_view text) {
    int depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxDepth) {
                return true;
            }
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

}  // namespace

// ---- to_json ---------------------------------------------------------------------------------

json to_json(const records::Organisation& org) {
    return json{{"id", write(org.id)},
                {"name", org.name},
                {"slug", org.slug},
                {"phone_region", org.phone_region},
                {"created_at", write(org.created_at)}};
}

json to_json(const records::User& user) {
    return json{{"id", write(user.id)},     {"org_id", write(user.org_id)},
                {"email", user.email},      {"display_name", user.display_name},
                {"role", write(user.role)}, {"created_at", write(user.created_at)}};
}

json to_json(const records::Account& a) {
    json flow = json::array();
    for (const auto& entry : a.comms_flow) {
        flow.push_back(comms_flow_json(entry));
    }
    json out = json::object();
    out.emplace("id", write(a.id));
    out.emplace("org_id", write(a.org_id));
    out.emplace("name", a.name);
    out.emplace("status", write(a.status));
    out.emplace("industry", a.industry);
    out.emplace("region", a.region);
    out.emplace("annual_revenue_cents", write(a.annual_revenue));
    out.emplace("next_refresh_year", write(a.next_refresh_year));
    out.emplace("budget_month", write(a.budget_month));
    out.emplace("comms_flow_notes", a.comms_flow_notes);
    out.emplace("comms_flow", std::move(flow));
    out.emplace("technician_id", write(a.technician_id));
    out.emplace("notes", a.notes);
    out.emplace("created_at", write(a.created_at));
    out.emplace("updated_at", write(a.updated_at));
    return out;
}

json to_json(const records::Site& s) {
    return json{{"id", write(s.id)},
                {"org_id", write(s.org_id)},
                {"account_id", write(s.account_id)},
                {"name", s.name},
                {"street", s.street},
                {"city", s.city},
                {"state", s.state},
                {"postal_code", s.postal_code},
                {"country", s.country},
                {"latitude", write(s.latitude)},
                {"longitude", write(s.longitude)},
                {"county_fips", s.county_fips},
                {"nws_zone", s.nws_zone},
                {"tornado_alley", s.tornado_alley},
                {"flood_zone", s.flood_zone},
                {"lightning_prone", s.lightning_prone},
                {"access_notes", s.access_notes},
                {"paging_dead_zones", s.paging_dead_zones},
                {"created_at", write(s.created_at)},
                {"updated_at", write(s.updated_at)}};
}

json to_json(const records::Contact& c) {
    json links = json::array();
    for (const auto& link : c.accounts) {
        links.push_back(json{{"account_id", write(link.account_id)},
                             {"role", link.role},
                             {"decision_maker", link.decision_maker}});
    }
    json phones = json::array();
    for (const auto& phone : c.phones) {
        phones.push_back(json{{"label", phone.label}, {"number", write(phone.number)}});
    }
    json emails = json::array();
    for (const auto& email : c.emails) {
        emails.push_back(json{{"label", email.label}, {"address", email.address}});
    }
    return json{{"id", write(c.id)},
                {"org_id", write(c.org_id)},
                {"first_name", c.first_name},
                {"last_name", c.last_name},
                {"display_name", c.display_name()},
                {"job_title", c.job_title},
                {"accounts", std::move(links)},
                {"phones", std::move(phones)},
                {"emails", std::move(emails)},
                {"preferred_channel", write(c.preferred_channel)},
                {"preferred_hours", c.preferred_hours},
                {"technical_level", write(c.technical_level)},
                {"phone_habit", write(c.phone_habit)},
                {"communication_style", c.communication_style},
                {"birthday", write(c.birthday)},
                {"family", c.family},
                {"interests", c.interests},
                {"how_we_met", c.how_we_met},
                {"do_not_contact", c.do_not_contact},
                {"notes", c.notes},
                {"created_at", write(c.created_at)},
                {"updated_at", write(c.updated_at)}};
}

json to_json(const records::Asset& a) {
    return json{{"id", write(a.id)},
                {"org_id", write(a.org_id)},
                {"site_id", write(a.site_id)},
                {"category", write(a.category)},
                {"make", a.make},
                {"model", a.model},
                {"serial", a.serial},
                {"installed_on", write(a.installed_on)},
                {"condition", write(a.condition)},
                {"location", a.location},
                {"warranty_ends", write(a.warranty_ends)},
                {"end_of_life", write(a.end_of_life)},
                {"forgets_holiday_greeting", write(a.forgets_holiday_greeting)},
                {"notes", a.notes},
                {"created_at", write(a.created_at)},
                {"updated_at", write(a.updated_at)}};
}

json to_json(const records::Line& l) {
    return json{{"id", write(l.id)},
                {"org_id", write(l.org_id)},
                {"site_id", write(l.site_id)},
                {"number", write(l.number)},
                {"circuit_id", l.circuit_id},
                {"carrier", l.carrier},
                {"type", write(l.type)},
                {"status", write(l.status)},
                {"bandwidth_down_kbps", write(l.bandwidth_down_kbps)},
                {"bandwidth_up_kbps", write(l.bandwidth_up_kbps)},
                {"monthly_charge_cents", write(l.monthly_charge)},
                {"notes", l.notes},
                {"created_at", write(l.created_at)},
                {"updated_at", write(l.updated_at)}};
}

json to_json(const records::Interaction& i) {
    return json{{"id", write(i.id)},
                {"org_id", write(i.org_id)},
                {"account_id", write(i.account_id)},
                {"contact_id", write(i.contact_id)},
                {"site_id", write(i.site_id)},
                {"user_id", write(i.user_id)},
                {"kind", write(i.kind)},
                {"direction", write(i.direction)},
                {"outcome", write(i.outcome)},
                {"occurred_at", write(i.occurred_at)},
                {"duration_minutes", write(i.duration_minutes)},
                {"summary", i.summary},
                {"created_at", write(i.created_at)}};
}

json to_json(const records::Note& n) {
    return json{{"id", write(n.id)},
                {"org_id", write(n.org_id)},
                {"account_id", write(n.account_id)},
                {"contact_id", write(n.contact_id)},
                {"site_id", write(n.site_id)},
                {"author_id", write(n.author_id)},
                {"body", n.body},
                {"created_at", write(n.created_at)}};
}

json to_json(const records::SearchHit& hit) {
    return json{{"kind", write(hit.kind)},
                {"id", hit.id},
                {"account_id", write(hit.account_id)},
                {"title", hit.title},
                {"snippet", hit.snippet}};
}

json to_json(const records::AccountOverview& o) {
    return json{{"account", to_json(o.account)},
                {"sites", write_all(o.sites)},
                {"contacts", write_all(o.contacts)},
                {"assets", write_all(o.assets)},
                {"lines", write_all(o.lines)},
                {"recent_interactions", write_all(o.recent_interactions)},
                {"notes", write_all(o.notes)},
                {"users", write_all(o.users)}};
}

// ---- apply_*_json ----------------------------------------------------------------------------

Result<Ok> apply_account_json(const json& body, records::Account& account) {
    using records::Account;
    static const std::vector<Field<Account>> fields{
        read_only<Account>("id"),
        read_only<Account>("org_id"),
        field("name", &Account::name),
        field("status", &Account::status),
        field("industry", &Account::industry),
        field("region", &Account::region),
        field("annual_revenue_cents", &Account::annual_revenue),
        field("next_refresh_year", &Account::next_refresh_year),
        field("budget_month", &Account::budget_month),
        field("comms_flow_notes", &Account::comms_flow_notes),
        field("comms_flow", &Account::comms_flow),
        field("technician_id", &Account::technician_id),
        field("notes", &Account::notes),
        read_only<Account>("created_at"),
        read_only<Account>("updated_at"),
    };
    return apply_object(body, "", "an account", fields, account);
}

Result<Ok> apply_site_json(const json& body, records::Site& site) {
    using records::Site;
    static const std::vector<Field<Site>> fields{
        read_only<Site>("id"),
        read_only<Site>("org_id"),
        field("account_id", &Site::account_id),
        field("name", &Site::name),
        field("street", &Site::street),
        field("city", &Site::city),
        field("state", &Site::state),
        field("postal_code", &Site::postal_code),
        field("country", &Site::country),
        field("latitude", &Site::latitude),
        field("longitude", &Site::longitude),
        field("county_fips", &Site::county_fips),
        field("nws_zone", &Site::nws_zone),
        field("tornado_alley", &Site::tornado_alley),
        field("flood_zone", &Site::flood_zone),
        field("lightning_prone", &Site::lightning_prone),
        field("access_notes", &Site::access_notes),
        field("paging_dead_zones", &Site::paging_dead_zones),
        read_only<Site>("created_at"),
        read_only<Site>("updated_at"),
    };
    return apply_object(body, "", "a site", fields, site);
}

Result<Ok> apply_contact_json(const json& body, records::Contact& contact) {
    using records::Contact;
    static const std::vector<Field<Contact>> fields{
        read_only<Contact>("id"),
        read_only<Contact>("org_id"),
        field("first_name", &Contact::first_name),
        field("last_name", &Contact::last_name),
        read_only<Contact>("display_name"),
        field("job_title", &Contact::job_title),
        field("accounts", &Contact::accounts),
        field("phones", &Contact::phones),
        field("emails", &Contact::emails),
        field("preferred_channel", &Contact::preferred_channel),
        field("preferred_hours", &Contact::preferred_hours),
        field("technical_level", &Contact::technical_level),
        field("phone_habit", &Contact::phone_habit),
        field("communication_style", &Contact::communication_style),
        field("birthday", &Contact::birthday),
        field("family", &Contact::family),
        field("interests", &Contact::interests),
        field("how_we_met", &Contact::how_we_met),
        field("do_not_contact", &Contact::do_not_contact),
        field("notes", &Contact::notes),
        read_only<Contact>("created_at"),
        read_only<Contact>("updated_at"),
    };
    return apply_object(body, "", "a contact", fields, contact);
}

Result<Ok> apply_asset_json(const json& body, records::Asset& asset) {
    using records::Asset;
    static const std::vector<Field<Asset>> fields{
        read_only<Asset>("id"),
        read_only<Asset>("org_id"),
        field("site_id", &Asset::site_id),
        field("category", &Asset::category),
        field("make", &Asset::make),
        field("model", &Asset::model),
        field("serial", &Asset::serial),
        field("installed_on", &Asset::installed_on),
        field("condition", &Asset::condition),
        field("location", &Asset::location),
        field("warranty_ends", &Asset::warranty_ends),
        field("end_of_life", &Asset::end_of_life),
        field("forgets_holiday_greeting", &Asset::forgets_holiday_greeting),
        field("notes", &Asset::notes),
        read_only<Asset>("created_at"),
        read_only<Asset>("updated_at"),
    };
    return apply_object(body, "", "an asset", fields, asset);
}

Result<Ok> apply_line_json(const json& body, records::Line& line) {
    using records::Line;
    static const std::vector<Field<Line>> fields{
        read_only<Line>("id"),
        read_only<Line>("org_id"),
        field("site_id", &Line::site_id),
        field("number", &Line::number),
        field("circuit_id", &Line::circuit_id),
        field("carrier", &Line::carrier),
        field("type", &Line::type),
        field("status", &Line::status),
        field("bandwidth_down_kbps", &Line::bandwidth_down_kbps),
        field("bandwidth_up_kbps", &Line::bandwidth_up_kbps),
        field("monthly_charge_cents", &Line::monthly_charge),
        field("notes", &Line::notes),
        read_only<Line>("created_at"),
        read_only<Line>("updated_at"),
    };
    return apply_object(body, "", "a line", fields, line);
}

Result<Ok> apply_interaction_json(const json& body, records::Interaction& interaction) {
    using records::Interaction;
    static const std::vector<Field<Interaction>> fields{
        read_only<Interaction>("id"),
        read_only<Interaction>("org_id"),
        field("account_id", &Interaction::account_id),
        field("contact_id", &Interaction::contact_id),
        field("site_id", &Interaction::site_id),
        field("user_id", &Interaction::user_id),
        field("kind", &Interaction::kind),
        field("direction", &Interaction::direction),
        field("outcome", &Interaction::outcome),
        field("occurred_at", &Interaction::occurred_at),
        field("duration_minutes", &Interaction::duration_minutes),
        field("summary", &Interaction::summary),
        read_only<Interaction>("created_at"),
    };
    return apply_object(body, "", "an interaction", fields, interaction);
}

Result<Ok> apply_note_json(const json& body, records::Note& note) {
    using records::Note;
    static const std::vector<Field<Note>> fields{
        read_only<Note>("id"),
        read_only<Note>("org_id"),
        field("account_id", &Note::account_id),
        field("contact_id", &Note::contact_id),
        field("site_id", &Note::site_id),
        read_only<Note>("author_id"),  // always the signed-in user
        field("body", &Note::body),
        read_only<Note>("created_at"),
    };
    return apply_object(body, "", "a note", fields, note);
}

Result<json> parse_json_body(std::string_view body) {
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return Error::invalid("body", "The request body is empty. Send a JSON object.");
    }
    if (nests_too_deep(body)) {
        return Error::invalid("body", fmt::format("The request body is not valid JSON: it nests "
                                                  "deeper than {} levels.",
                                                  kMaxDepth));
    }
    json parsed;
    try {
        parsed = json::parse(body.begin(), body.end());
    } catch (const json::parse_error& e) {
        // e.what() starts with "[json.exception.parse_error.101] ", which helps nobody.
        std::string what = e.what();
        auto bracket = what.find("] ");
        if (what.starts_with("[json.exception") && bracket != std::string::npos) {
            what = what.substr(bracket + 2);
        }
        return Error::invalid("body", "The request body is not valid JSON: " + what);
    }
    if (!parsed.is_object()) {
        return Error::invalid("body", "The request body must be a JSON object ({...}).");
    }
    return parsed;
}

}  // namespace hover::io

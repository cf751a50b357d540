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

#include "io/json/json_writer.hpp"

namespace hover::io {

using nlohmann::json;
using records::PhoneNumber;

namespace {

// ---- Writing ---------------------------------------------------------------------------------
//
// Each record's members are listed once, in members(out, record), and written through one of
// two outputs: TreeOut builds the nlohmann tree that to_json returns (composed into bigger
// documents), TextOut writes JSON text directly (to_json_text, for the hot routes). The same
// list feeds both, so the two forms cannot drift apart; a test compares them.

json tree_value(const std::string& s) {
    return s;
}
template <typename Tag>
json tree_value(Id<Tag> id) {
    return id.value;
}
json tree_value(Cents amount) {
    return amount.value;
}
json tree_value(Timestamp t) {
    return format_timestamp(t);
}
json tree_value(Date d) {
    return format_date(d);
}
json tree_value(bool b) {
    return b;
}
json tree_value(int i) {
    return i;
}
json tree_value(std::int64_t i) {
    return i;
}
json tree_value(double d) {
    return d;
}
template <typename E>
requires std::is_enum_v<E> json tree_value(E value) {
    return std::string(records::to_name(value));
}
template <typename T>
json tree_value(const std::optional<T>& value) {
    return value ? tree_value(*value) : json(nullptr);
}

class TreeOut {
public:
    explicit TreeOut(json& object) : object_(object) {}

    template <typename V>
    void member(std::string_view key, const V& value) {
        object_.emplace(std::string(key), tree_value(value));
    }

    // A nested object, its members written by `each(out)`.
    template <typename F>
    void object(std::string_view key, F&& each) {
        json nested = json::object();
        TreeOut out(nested);
        each(out);
        object_.emplace(std::string(key), std::move(nested));
    }

    // An array of objects, one per item, its members written by `each(out, item)`.
    template <typename T, typename F>
    void list(std::string_view key, const std::vector<T>& items, F&& each) {
        json array = json::array();
        for (const auto& item : items) {
            json nested = json::object();
            TreeOut out(nested);
            each(out, item);
            array.push_back(std::move(nested));
        }
        object_.emplace(std::string(key), std::move(array));
    }

private:
    json& object_;
};

class TextOut {
public:
    explicit TextOut(JsonWriter& writer) : w_(writer) {}

    template <typename V>
    void member(std::string_view key, const V& value) {
        w_.key(key);
        put(value);
    }

    template <typename F>
    void object(std::string_view key, F&& each) {
        w_.key(key);
        w_.begin_object();
        each(*this);
        w_.end_object();
    }

    template <typename T, typename F>
    void list(std::string_view key, const std::vector<T>& items, F&& each) {
        w_.key(key);
        w_.begin_array();
        for (const auto& item : items) {
            w_.begin_object();
            each(*this, item);
            w_.end_object();
        }
        w_.end_array();
    }

private:
    void put(const std::string& s) { w_.string(s); }
    template <typename Tag>
    void put(Id<Tag> id) {
        w_.integer(id.value);
    }
    void put(Cents amount) { w_.integer(amount.value); }
    void put(Timestamp t) { w_.string(format_timestamp(t)); }
    void put(Date d) { w_.string(format_date(d)); }
    void put(bool b) { w_.boolean(b); }
    void put(int i) { w_.integer(i); }
    void put(std::int64_t i) { w_.integer(i); }
    void put(double d) { w_.number(d); }
    template <typename E>
    requires std::is_enum_v<E>
    void put(E value) { w_.string(records::to_name(value)); }
    template <typename T>
    void put(const std::optional<T>& value) {
        if (value) {
            put(*value);
        } else {
            w_.null();
        }
    }

    JsonWriter& w_;
};

template <typename Out>
void phone_members(Out& out, const PhoneNumber& p) {
    out.member("e164", p.e164);
    out.member("extension", p.extension);
    out.member("as_typed", p.as_typed);
    out.member("display", records::format_phone_national(p.e164, "US"));
}

template <typename Out>
void phone_member(Out& out, std::string_view key, const PhoneNumber& p) {
    out.object(key, [&](Out& o) { phone_members(o, p); });
}

template <typename Out>
void phone_member(Out& out, std::string_view key, const std::optional<PhoneNumber>& p) {
    if (p) {
        phone_member(out, key, *p);
    } else {
        out.member(key, std::optional<bool>());  // null
    }
}

template <typename Out>
void members(Out& out, const records::CommFlowEntry& e) {
    out.member("kind", e.kind);
    out.member("label", e.label);
    phone_member(out, "number", e.number);
    out.member("routes_to", e.routes_to);
}

template <typename Out>
void members(Out& out, const records::Organisation& org) {
    out.member("id", org.id);
    out.member("name", org.name);
    out.member("slug", org.slug);
    out.member("phone_region", org.phone_region);
    out.member("created_at", org.created_at);
}

template <typename Out>
void members(Out& out, const records::User& user) {
    out.member("id", user.id);
    out.member("org_id", user.org_id);
    out.member("email", user.email);
    out.member("display_name", user.display_name);
    out.member("role", user.role);
    out.member("created_at", user.created_at);
}

template <typename Out>
void members(Out& out, const records::Account& a) {
    out.member("id", a.id);
    out.member("org_id", a.org_id);
    out.member("name", a.name);
    out.member("status", a.status);
    out.member("industry", a.industry);
    out.member("region", a.region);
    out.member("annual_revenue_cents", a.annual_revenue);
    out.member("next_refresh_year", a.next_refresh_year);
    out.member("budget_month", a.budget_month);
    out.member("comms_flow_notes", a.comms_flow_notes);
    out.list("comms_flow", a.comms_flow, [](Out& o, const auto& e) { members(o, e); });
    out.member("technician_id", a.technician_id);
    out.member("notes", a.notes);
    out.member("created_at", a.created_at);
    out.member("updated_at", a.updated_at);
}

template <typename Out>
void members(Out& out, const records::Site& s) {
    out.member("id", s.id);
    out.member("org_id", s.org_id);
    out.member("account_id", s.account_id);
    out.member("name", s.name);
    out.member("street", s.street);
    out.member("city", s.city);
    out.member("state", s.state);
    out.member("postal_code", s.postal_code);
    out.member("country", s.country);
    out.member("latitude", s.latitude);
    out.member("longitude", s.longitude);
    out.member("county_fips", s.county_fips);
    out.member("nws_zone", s.nws_zone);
    out.member("tornado_alley", s.tornado_alley);
    out.member("flood_zone", s.flood_zone);
    out.member("lightning_prone", s.lightning_prone);
    out.member("access_notes", s.access_notes);
    out.member("paging_dead_zones", s.paging_dead_zones);
    out.member("created_at", s.created_at);
    out.member("updated_at", s.updated_at);
}

template <typename Out>
void members(Out& out, const records::Contact& c) {
    out.member("id", c.id);
    out.member("org_id", c.org_id);
    out.member("first_name", c.first_name);
    out.member("last_name", c.last_name);
    out.member("display_name", c.display_name());
    out.member("job_title", c.job_title);
    out.list("accounts", c.accounts, [](Out& o, const auto& link) {
        o.member("account_id", link.account_id);
        o.member("role", link.role);
        o.member("decision_maker", link.decision_maker);
    });
    out.list("phones", c.phones, [](Out& o, const auto& phone) {
        o.member("label", phone.label);
        phone_member(o, "number", phone.number);
    });
    out.list("emails", c.emails, [](Out& o, const auto& email) {
        o.member("label", email.label);
        o.member("address", email.address);
    });
    out.member("preferred_channel", c.preferred_channel);
    out.member("preferred_hours", c.preferred_hours);
    out.member("technical_level", c.technical_level);
    out.member("phone_habit", c.phone_habit);
    out.member("communication_style", c.communication_style);
    out.member("birthday", c.birthday);
    out.member("family", c.family);
    out.member("interests", c.interests);
    out.member("how_we_met", c.how_we_met);
    out.member("do_not_contact", c.do_not_contact);
    out.member("notes", c.notes);
    out.member("created_at", c.created_at);
    out.member("updated_at", c.updated_at);
}

template <typename Out>
void members(Out& out, const records::Asset& a) {
    out.member("id", a.id);
    out.member("org_id", a.org_id);
    out.member("site_id", a.site_id);
    out.member("category", a.category);
    out.member("make", a.make);
    out.member("model", a.model);
    out.member("serial", a.serial);
    out.member("installed_on", a.installed_on);
    out.member("condition", a.condition);
    out.member("location", a.location);
    out.member("warranty_ends", a.warranty_ends);
    out.member("end_of_life", a.end_of_life);
    out.member("forgets_holiday_greeting", a.forgets_holiday_greeting);
    out.member("notes", a.notes);
    out.member("created_at", a.created_at);
    out.member("updated_at", a.updated_at);
}

template <typename Out>
void members(Out& out, const records::Line& l) {
    out.member("id", l.id);
    out.member("org_id", l.org_id);
    out.member("site_id", l.site_id);
    phone_member(out, "number", l.number);
    out.member("circuit_id", l.circuit_id);
    out.member("carrier", l.carrier);
    out.member("type", l.type);
    out.member("status", l.status);
    out.member("bandwidth_down_kbps", l.bandwidth_down_kbps);
    out.member("bandwidth_up_kbps", l.bandwidth_up_kbps);
    out.member("monthly_charge_cents", l.monthly_charge);
    out.member("notes", l.notes);
    out.member("created_at", l.created_at);
    out.member("updated_at", l.updated_at);
}

template <typename Out>
void members(Out& out, const records::Interaction& i) {
    out.member("id", i.id);
    out.member("org_id", i.org_id);
    out.member("account_id", i.account_id);
    out.member("contact_id", i.contact_id);
    out.member("site_id", i.site_id);
    out.member("user_id", i.user_id);
    out.member("kind", i.kind);
    out.member("direction", i.direction);
    out.member("outcome", i.outcome);
    out.member("occurred_at", i.occurred_at);
    out.member("duration_minutes", i.duration_minutes);
    out.member("summary", i.summary);
    out.member("created_at", i.created_at);
}

template <typename Out>
void members(Out& out, const records::Note& n) {
    out.member("id", n.id);
    out.member("org_id", n.org_id);
    out.member("account_id", n.account_id);
    out.member("contact_id", n.contact_id);
    out.member("site_id", n.site_id);
    out.member("author_id", n.author_id);
    out.member("body", n.body);
    out.member("created_at", n.created_at);
}

template <typename Out>
void members(Out& out, const records::SearchHit& hit) {
    out.member("kind", hit.kind);
    out.member("id", hit.id);
    out.member("account_id", hit.account_id);
    out.member("title", hit.title);
    out.member("snippet", hit.snippet);
}

template <typename Out>
void members(Out& out, const records::AccountOverview& o) {
    auto each = [](Out& nested, const auto& item) { members(nested, item); };
    out.object("account", [&](Out& nested) { members(nested, o.account); });
    out.list("sites", o.sites, each);
    out.list("contacts", o.contacts, each);
    out.list("assets", o.assets, each);
    out.list("lines", o.lines, each);
    out.list("recent_interactions", o.recent_interactions, each);
    out.list("notes", o.notes, each);
    out.list("users", o.users, each);
}

template <typename T>
json tree_of(const T& record) {
    json object = json::object();
    TreeOut out(object);
    members(out, record);
    return object;
}

template <typename T>
JsonText text_of(const T& record) {
    JsonText json;
    std::string& text = json.text;
    text.reserve(1024);
    JsonWriter writer(text);
    TextOut out(writer);
    writer.begin_object();
    members(out, record);
    writer.end_object();
    return json;
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

json to_json(const records::Organisation& record) {
    return tree_of(record);
}
json to_json(const records::User& record) {
    return tree_of(record);
}
json to_json(const records::Account& record) {
    return tree_of(record);
}
json to_json(const records::Site& record) {
    return tree_of(record);
}
json to_json(const records::Contact& record) {
    return tree_of(record);
}
json to_json(const records::Asset& record) {
    return tree_of(record);
}
json to_json(const records::Line& record) {
    return tree_of(record);
}
json to_json(const records::Interaction& record) {
    return tree_of(record);
}
json to_json(const records::Note& record) {
    return tree_of(record);
}
json to_json(const records::SearchHit& record) {
    return tree_of(record);
}
json to_json(const records::AccountOverview& record) {
    return tree_of(record);
}
JsonText to_json_text(const records::Organisation& record) {
    return text_of(record);
}
JsonText to_json_text(const records::User& record) {
    return text_of(record);
}
JsonText to_json_text(const records::Account& record) {
    return text_of(record);
}
JsonText to_json_text(const records::Site& record) {
    return text_of(record);
}
JsonText to_json_text(const records::Contact& record) {
    return text_of(record);
}
JsonText to_json_text(const records::Asset& record) {
    return text_of(record);
}
JsonText to_json_text(const records::Line& record) {
    return text_of(record);
}
JsonText to_json_text(const records::Interaction& record) {
    return text_of(record);
}
JsonText to_json_text(const records::Note& record) {
    return text_of(record);
}
JsonText to_json_text(const records::SearchHit& record) {
    return text_of(record);
}
JsonText to_json_text(const records::AccountOverview& record) {
    return text_of(record);
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

#include "domain/dataio/dataio_service.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/money.hpp"
#include "core/text.hpp"
#include "domain/records/enums.hpp"
#include "io/csv/csv_writer.hpp"
#include "io/json/records_json.hpp"
#include "io/vcard/vcard.hpp"

namespace hover::dataio {

using nlohmann::json;

// ---- Names -----------------------------------------------------------------------------------

namespace {
constexpr std::array<std::pair<RecordKind, std::string_view>, 6> kKindNames{{
    {RecordKind::kAccounts, "accounts"},
    {RecordKind::kSites, "sites"},
    {RecordKind::kContacts, "contacts"},
    {RecordKind::kAssets, "assets"},
    {RecordKind::kLines, "lines"},
    {RecordKind::kInteractions, "interactions"},
}};
}  // namespace

std::string_view kind_name(RecordKind kind) {
    for (const auto& [k, name] : kKindNames) {
        if (k == kind) {
            return name;
        }
    }
    return "records";
}

Result<RecordKind> parse_kind(std::string_view text) {
    for (const auto& [k, name] : kKindNames) {
        if (name == text) {
            return k;
        }
    }
    return Error::invalid("KIND", fmt::format("\"{}\" is not a kind of record. Use accounts, "
                                              "sites, contacts, assets, lines or interactions.",
                                              text));
}

const std::vector<RecordKind>& all_kinds() {
    static const std::vector<RecordKind> kinds{RecordKind::kAccounts, RecordKind::kSites,
                                               RecordKind::kContacts, RecordKind::kAssets,
                                               RecordKind::kLines,    RecordKind::kInteractions};
    return kinds;
}

std::string_view duplicate_name(OnDuplicate d) {
    switch (d) {
        case OnDuplicate::kUpdate:
            return "update";
        case OnDuplicate::kSkip:
            return "skip";
        case OnDuplicate::kCreate:
            return "create";
        case OnDuplicate::kAsk:
            break;
    }
    return "ask";
}

Result<OnDuplicate> parse_on_duplicate(std::string_view text) {
    for (auto d :
         {OnDuplicate::kUpdate, OnDuplicate::kSkip, OnDuplicate::kCreate, OnDuplicate::kAsk}) {
        if (duplicate_name(d) == text) {
            return d;
        }
    }
    return Error::invalid("--on-duplicate",
                          fmt::format("\"{}\" is not a choice: use update, skip or create.", text));
}

namespace {

// ---- Columns ---------------------------------------------------------------------------------

enum class CellType { kText, kInt, kDouble, kBool, kList, kRef, kUser, kMoney, kSpecial };

struct Spec {
    std::string_view field;  // its name in files and mappings
    CellType type = CellType::kText;
    std::string_view target;                 // the JSON field it feeds; empty: `field`
    RecordKind ref = RecordKind::kAccounts;  // for kRef
    bool exported = true;
    std::string_view label;  // phone and email shorthands: the label they get

    std::string_view json_field() const { return target.empty() ? field : target; }
};

constexpr CellType T = CellType::kText;

const std::vector<Spec>& specs(RecordKind kind) {
    static const std::vector<Spec> accounts{
        {"id", CellType::kInt},
        {"name", T},
        {"status", T},
        {"industry", T},
        {"region", T},
        {"annual_revenue_cents", CellType::kInt},
        {"next_refresh_year", CellType::kInt},
        {"budget_month", CellType::kInt},
        {"comms_flow_notes", T},
        {"comms_flow", CellType::kList},
        {"technician_email", CellType::kUser, "technician_id"},
        {"notes", T},
        {"annual_revenue", CellType::kMoney, "annual_revenue_cents", {}, false},
    };
    static const std::vector<Spec> sites{
        {"id", CellType::kInt},
        {"account_id", CellType::kRef, "", RecordKind::kAccounts},
        {"name", T},
        {"street", T},
        {"city", T},
        {"state", T},
        {"postal_code", T},
        {"country", T},
        {"latitude", CellType::kDouble},
        {"longitude", CellType::kDouble},
        {"county_fips", T},
        {"nws_zone", T},
        {"tornado_alley", CellType::kBool},
        {"flood_zone", T},
        {"lightning_prone", CellType::kBool},
        {"access_notes", T},
        {"paging_dead_zones", T},
        {"account_name", CellType::kSpecial, "account_id", {}, false},
    };
    static const std::vector<Spec> contacts{
        {"id", CellType::kInt},
        {"first_name", T},
        {"last_name", T},
        {"job_title", T},
        {"accounts", CellType::kList},
        {"phones", CellType::kList},
        {"emails", CellType::kList},
        {"preferred_channel", T},
        {"preferred_hours", T},
        {"technical_level", T},
        {"phone_habit", T},
        {"communication_style", T},
        {"birthday", T},
        {"family", T},
        {"interests", T},
        {"how_we_met", T},
        {"do_not_contact", CellType::kBool},
        {"notes", T},
        {"name", CellType::kSpecial, "first_name", {}, false},
        {"phone", CellType::kSpecial, "phones", {}, false, ""},
        {"mobile", CellType::kSpecial, "phones", {}, false, "mobile"},
        {"work_phone", CellType::kSpecial, "phones", {}, false, "work"},
        {"home_phone", CellType::kSpecial, "phones", {}, false, "home"},
        {"fax", CellType::kSpecial, "phones", {}, false, "fax"},
        {"email", CellType::kSpecial, "emails", {}, false, ""},
        {"work_email", CellType::kSpecial, "emails", {}, false, "work"},
        {"home_email", CellType::kSpecial, "emails", {}, false, "home"},
        {"account_id", CellType::kSpecial, "accounts", {}, false},
        {"account_name", CellType::kSpecial, "accounts", {}, false},
        {"role", CellType::kSpecial, "accounts", {}, false},
    };
    static const std::vector<Spec> assets{
        {"id", CellType::kInt}, {"site_id", CellType::kRef, "", RecordKind::kSites},
        {"category", T},        {"make", T},
        {"model", T},           {"serial", T},
        {"installed_on", T},    {"condition", T},
        {"location", T},        {"warranty_ends", T},
        {"end_of_life", T},     {"forgets_holiday_greeting", CellType::kBool},
        {"notes", T},
    };
    static const std::vector<Spec> lines{
        {"id", CellType::kInt},
        {"site_id", CellType::kRef, "", RecordKind::kSites},
        {"number", T},
        {"circuit_id", T},
        {"carrier", T},
        {"type", T},
        {"status", T},
        {"bandwidth_down_kbps", CellType::kInt},
        {"bandwidth_up_kbps", CellType::kInt},
        {"monthly_charge_cents", CellType::kInt},
        {"notes", T},
        {"monthly_charge", CellType::kMoney, "monthly_charge_cents", {}, false},
    };
    static const std::vector<Spec> interactions{
        {"id", CellType::kInt},
        {"account_id", CellType::kRef, "", RecordKind::kAccounts},
        {"contact_id", CellType::kRef, "", RecordKind::kContacts},
        {"site_id", CellType::kRef, "", RecordKind::kSites},
        {"user_email", CellType::kUser, "user_id"},
        {"kind", T},
        {"direction", T},
        {"outcome", T},
        {"occurred_at", T},
        {"duration_minutes", CellType::kInt},
        {"summary", T},
        {"account_name", CellType::kSpecial, "account_id", {}, false},
    };
    switch (kind) {
        case RecordKind::kAccounts:
            return accounts;
        case RecordKind::kSites:
            return sites;
        case RecordKind::kContacts:
            return contacts;
        case RecordKind::kAssets:
            return assets;
        case RecordKind::kLines:
            return lines;
        case RecordKind::kInteractions:
            break;
    }
    return interactions;
}

const Spec* find_spec(RecordKind kind, std::string_view field) {
    for (const auto& s : specs(kind)) {
        if (s.field == field) {
            return &s;
        }
    }
    return nullptr;
}

// "E-mail Address" -> "e_mail_address"
std::string normalise_header(std::string_view header) {
    std::string out;
    for (char c : header) {
        auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u)) {
            out.push_back(static_cast<char>(std::tolower(u)));
        } else if (!out.empty() && out.back() != '_') {
            out.push_back('_');
        }
    }
    while (!out.empty() && out.back() == '_') {
        out.pop_back();
    }
    return out;
}

// Common spreadsheet and address-book headers.
std::string_view alias(std::string_view normalised) {
    static const std::map<std::string_view, std::string_view> kAliases{
        {"e_mail", "email"},
        {"mail", "email"},
        {"email_address", "email"},
        {"e_mail_address", "email"},
        {"mobile_phone", "mobile"},
        {"cell", "mobile"},
        {"cell_phone", "mobile"},
        {"telephone", "phone"},
        {"phone_number", "phone"},
        {"business_phone", "work_phone"},
        {"first", "first_name"},
        {"firstname", "first_name"},
        {"given_name", "first_name"},
        {"last", "last_name"},
        {"lastname", "last_name"},
        {"surname", "last_name"},
        {"family_name", "last_name"},
        {"title", "job_title"},
        {"company", "account_name"},
        {"organisation", "account_name"},
        {"organization", "account_name"},
        {"account", "account_name"},
        {"full_name", "name"},
        {"display_name", "name"},
        {"zip", "postal_code"},
        {"zip_code", "postal_code"},
        {"postcode", "postal_code"},
        {"address", "street"},
        {"birthdate", "birthday"},
        {"date_of_birth", "birthday"},
    };
    auto it = kAliases.find(normalised);
    return it == kAliases.end() ? normalised : it->second;
}

std::string column_letter(std::size_t index) {
    std::string out;
    std::size_t n = index + 1;
    while (n > 0) {
        std::size_t rem = (n - 1) % 26;
        out.insert(out.begin(), static_cast<char>('A' + rem));
        n = (n - 1) / 26;
    }
    return out;
}

std::string trim(std::string_view s) {
    std::size_t b = 0;
    std::size_t e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) {
        ++b;
    }
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) {
        --e;
    }
    return std::string(s.substr(b, e - b));
}

// "  Prairie Feed & Seed, Inc. " -> "prairie feed seed inc"
std::string normalise_name(std::string_view s) {
    std::string out;
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || u >= 0x80) {
            out.push_back(static_cast<char>(std::tolower(u)));
        } else if (!out.empty() && out.back() != ' ') {
            out.push_back(' ');
        }
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

std::optional<std::int64_t> parse_int(std::string_view text) {
    std::string t = trim(text);
    std::int64_t v = 0;
    auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || ptr != t.data() + t.size() || t.empty()) {
        return std::nullopt;
    }
    return v;
}

std::optional<bool> parse_bool(std::string_view text) {
    std::string t = ascii_lower(trim(text));
    if (t == "true" || t == "yes" || t == "y" || t == "1" || t == "x") {
        return true;
    }
    if (t == "false" || t == "no" || t == "n" || t == "0") {
        return false;
    }
    return std::nullopt;
}

// "mobile: (405) 555-0142; desk: 405-555-0143" -> {label, value} pairs.
std::vector<std::pair<std::string, std::string>> split_labelled(std::string_view text) {
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == ';' || text[i] == '\n') {
            std::string item = trim(text.substr(start, i - start));
            start = i + 1;
            if (item.empty()) {
                continue;
            }
            std::size_t colon = item.find(':');
            bool labelled =
                colon != std::string::npos && colon > 0 &&
                std::all_of(item.begin(), item.begin() + static_cast<long>(colon), [](char c) {
                    return std::isalpha(static_cast<unsigned char>(c)) || c == ' ' || c == '-' ||
                           c == '_';
                });
            if (labelled && ascii_lower(item.substr(0, colon)) != "tel" &&
                ascii_lower(item.substr(0, colon)) != "mailto") {
                out.emplace_back(trim(item.substr(0, colon)), trim(item.substr(colon + 1)));
            } else {
                out.emplace_back("", item);
            }
        }
    }
    return out;
}

std::string cell_text(const json& v) {
    if (v.is_null()) {
        return {};
    }
    if (v.is_string()) {
        return v.get<std::string>();
    }
    if (v.is_boolean()) {
        return v.get<bool>() ? "true" : "false";
    }
    return v.dump();
}

bool is_record_error(const Error& e) {
    return e.code == ErrorCode::kInvalidInput || e.code == ErrorCode::kNotFound ||
           e.code == ErrorCode::kConflict || e.code == ErrorCode::kPermissionDenied;
}

struct RollBack {};  // marker: the work ended on purpose, roll the transaction back

// ---- One import ------------------------------------------------------------------------------

class Importer {
public:
    Importer(records::RecordService& records,
             DataioStore& store,
             const Actor& actor,
             const ImportRequest& request,
             ImportMode mode,
             ImportReport& report)
        : records_(records),
          store_(store),
          actor_(actor),
          request_(request),
          mode_(mode),
          report_(report) {}

    Result<Ok> load_keys() {
        for (auto k : all_kinds()) {
            keys_[k] = HOVER_TRY(store_.import_keys(actor_.org_id, kind_name(k)));
        }
        return Ok{};
    }

    // ---- Header --------------------------------------------------------------------------

    void map_header(const std::vector<std::string>& header) {
        report_.header = header;
        std::map<std::string, std::string> chosen;
        for (const auto& [h, f] : request_.mapping.columns) {
            chosen[h] = f;
        }
        for (std::size_t i = 0; i < header.size(); ++i) {
            ColumnUse use;
            use.header = header[i];
            use.letter = column_letter(i);
            if (auto it = chosen.find(header[i]); it != chosen.end()) {
                use.field = it->second;
            } else {
                std::string n{alias(normalise_header(header[i]))};
                if (find_spec(request_.kind, n) != nullptr) {
                    use.field = n;
                } else if (!n.empty()) {
                    report_.warnings.push_back(
                        {1, header[i], where(1, i),
                         fmt::format(
                             "This column is not imported: no field of {} is called "
                             "\"{}\". Map it to a field (--map \"{}=FIELD\") or leave it "
                             "out. The fields are: {}.",
                             kind_name(request_.kind), header[i], header[i],
                             fmt::join(DataioService::import_fields(request_.kind), ", "))});
                }
            }
            if (!use.field.empty() && find_spec(request_.kind, use.field) == nullptr) {
                report_.errors.push_back(
                    {1, header[i], where(1, i),
                     fmt::format("The mapping sends this column to \"{}\", which is not a field "
                                 "of {}. The fields are: {}.",
                                 use.field, kind_name(request_.kind),
                                 fmt::join(DataioService::import_fields(request_.kind), ", "))});
                use.field.clear();
            }
            report_.columns.push_back(use);
        }
        check_required();
        plan_typed_contacts();
    }

    bool has_field(std::initializer_list<std::string_view> fields) const {
        for (const auto& c : report_.columns) {
            for (auto f : fields) {
                if (c.field == f) {
                    return true;
                }
            }
        }
        return false;
    }

    void check_required() {
        auto need = [&](std::initializer_list<std::string_view> fields, std::string_view what) {
            if (!has_field(fields)) {
                report_.errors.push_back(
                    {1, "", fmt::format("{} row 1", request_.file_name),
                     fmt::format("No column gives {}. Add a column named \"{}\", or map one to "
                                 "it (--map \"HEADER={}\").",
                                 what, *fields.begin(), *fields.begin())});
            }
        };
        switch (request_.kind) {
            case RecordKind::kAccounts:
                need({"name"}, "the account's name");
                break;
            case RecordKind::kSites:
                need({"name"}, "the site's name");
                need({"account_id", "account_name"}, "the site's account");
                break;
            case RecordKind::kContacts:
                need({"first_name", "last_name", "name"}, "the contact's name");
                break;
            case RecordKind::kAssets:
            case RecordKind::kLines:
                need({"site_id"}, "the site");
                break;
            case RecordKind::kInteractions:
                need({"account_id", "account_name"}, "the account");
                break;
        }
    }

    std::string where(std::int64_t row, std::size_t column) const {
        if (column >= report_.header.size()) {
            return fmt::format("{} row {}", request_.file_name, row);
        }
        return fmt::format("{} row {}, column {} ({})", request_.file_name, row,
                           column_letter(column), report_.header[column]);
    }

    void problem(std::int64_t row, std::optional<std::size_t> column, std::string message) {
        Problem p;
        p.row = row;
        if (column && *column < report_.header.size()) {
            p.column = report_.header[*column];
            p.where = where(row, *column);
        } else {
            p.where = fmt::format("{} row {}", request_.file_name, row);
        }
        p.message = std::move(message);
        report_.errors.push_back(std::move(p));
    }

    void warn(std::int64_t row, std::optional<std::size_t> column, std::string message) {
        Problem p;
        p.row = row;
        if (column && *column < report_.header.size()) {
            p.column = report_.header[*column];
            p.where = where(row, *column);
        } else {
            p.where = fmt::format("{} row {}", request_.file_name, row);
        }
        p.message = std::move(message);
        report_.warnings.push_back(std::move(p));
    }

    // ---- Lookups -------------------------------------------------------------------------

    Result<std::optional<UserId>> user_by_email(std::string_view email) {
        if (!users_loaded_) {
            for (const auto& u : HOVER_TRY(records_.list_users(actor_))) {
                users_[ascii_lower(u.email)] = u.id;
            }
            users_loaded_ = true;
        }
        auto it = users_.find(ascii_lower(trim(email)));
        if (it == users_.end()) {
            return std::optional<UserId>{};
        }
        return std::optional<UserId>{it->second};
    }

    Result<Ok> load_accounts() {
        if (accounts_loaded_) {
            return Ok{};
        }
        accounts_loaded_ = true;
        for (int page = 1;; ++page) {
            auto list = HOVER_TRY(records_.list_accounts(actor_, {}, records::Page{page, 500}));
            for (const auto& a : list.items) {
                remember_account(a);
            }
            if (list.items.size() < 500) {
                break;
            }
        }
        return Ok{};
    }

    void remember_account(const records::Account& a) {
        account_names_[normalise_name(a.name)].push_back(a.id.value);
        account_display_[a.id.value] = a.name;
        for (const auto& e : a.comms_flow) {
            if (e.number && !e.number->e164.empty()) {
                account_phones_.emplace(e.number->e164, a.id.value);
            }
        }
    }

    // The account named `name`, or a problem.
    Result<std::optional<std::int64_t>> account_by_name(std::int64_t row,
                                                        std::size_t column,
                                                        std::string_view name) {
        HOVER_TRY(load_accounts());
        auto it = account_names_.find(normalise_name(name));
        if (it == account_names_.end() || it->second.empty()) {
            problem(row, column,
                    fmt::format("There is no account named \"{}\". Import the accounts first, "
                                "or correct the name.",
                                name));
            return std::optional<std::int64_t>{};
        }
        if (it->second.size() > 1) {
            problem(row, column,
                    fmt::format("{} accounts are named \"{}\". Give the account's id in an "
                                "account_id column instead.",
                                it->second.size(), name));
            return std::optional<std::int64_t>{};
        }
        return std::optional<std::int64_t>{it->second.front()};
    }

    std::int64_t remap(RecordKind kind, std::int64_t source) {
        const auto& k = keys_[kind];
        auto it = k.find(source);
        return it == k.end() ? source : it->second;
    }

    Result<Ok> load_contacts() {
        if (contacts_loaded_) {
            return Ok{};
        }
        contacts_loaded_ = true;
        for (int page = 1;; ++page) {
            auto list = HOVER_TRY(records_.list_contacts(actor_, std::nullopt, {page, 500}));
            for (const auto& c : list.items) {
                remember_contact(c);
            }
            if (list.items.size() < 500) {
                break;
            }
        }
        return Ok{};
    }

    static std::string contact_name_key(const records::Contact& c, AccountId account) {
        return normalise_name(c.first_name + " " + c.last_name) + "@" +
               std::to_string(account.value);
    }

    void remember_contact(const records::Contact& c) {
        contact_display_[c.id.value] = c.display_name();
        for (const auto& p : c.phones) {
            if (!p.number.e164.empty()) {
                contact_phones_.emplace(p.number.e164, c.id.value);
            }
        }
        for (const auto& e : c.emails) {
            contact_emails_.emplace(ascii_lower(e.address), c.id.value);
        }
        for (const auto& link : c.accounts) {
            contact_names_.emplace(contact_name_key(c, link.account_id), c.id.value);
        }
    }

    // ---- Rows ----------------------------------------------------------------------------

    struct Row {
        std::int64_t number = 0;
        json body = json::object();
        std::optional<std::int64_t> source_id;
        std::map<std::string, std::size_t> origin;  // JSON field -> column index
        bool bad = false;
        // Contacts whose columns are all plain text, phones and emails: the row read straight
        // into the record, without the JSON form (body stays empty).
        std::optional<records::Contact> typed;
    };

    // Turns the cells of one row into a JSON body for apply_*_json.
    Result<Row> build(std::int64_t number, const std::vector<std::string>& cells) {
        if (typed_contacts_) {
            return build_typed(number, cells);
        }
        Row row;
        row.number = number;
        std::string full_name;
        std::string role;
        std::optional<std::size_t> role_column;
        for (std::size_t i = 0; i < cells.size() && i < report_.columns.size(); ++i) {
            const std::string& field = report_.columns[i].field;
            if (field.empty()) {
                continue;
            }
            std::string cell = trim(cells[i]);
            if (cell.empty()) {
                continue;  // an empty cell leaves the field as it is
            }
            const Spec& spec = *find_spec(request_.kind, field);
            std::string target{spec.json_field()};
            row.origin.emplace(target, i);
            auto bad = [&](std::string message) {
                problem(number, i, std::move(message));
                row.bad = true;
            };
            if (field == "id") {
                auto v = parse_int(cell);
                if (!v || *v <= 0) {
                    bad(fmt::format("\"{}\" is not an id (a whole number above 0).", cell));
                } else {
                    row.source_id = *v;
                }
                continue;
            }
            switch (spec.type) {
                case CellType::kText:
                    row.body[target] = cell;
                    break;
                case CellType::kInt:
                    if (auto v = parse_int(cell)) {
                        row.body[target] = *v;
                    } else {
                        bad(fmt::format("\"{}\" is not a whole number.", cell));
                    }
                    break;
                case CellType::kDouble: {
                    char* end = nullptr;
                    double d = std::strtod(cell.c_str(), &end);
                    if (end != cell.c_str() + cell.size() || !std::isfinite(d)) {
                        bad(fmt::format("\"{}\" is not a number (use a dot: 35.4676).", cell));
                    } else {
                        row.body[target] = d;
                    }
                    break;
                }
                case CellType::kBool:
                    if (auto b = parse_bool(cell)) {
                        row.body[target] = *b;
                    } else {
                        bad(fmt::format("\"{}\" is not yes or no (use yes, no, true or false).",
                                        cell));
                    }
                    break;
                case CellType::kMoney: {
                    auto cents = parse_money(cell, field);
                    if (cents) {
                        row.body[target] = cents->value;
                    } else {
                        bad(cents.error().user_message);
                    }
                    break;
                }
                case CellType::kRef:
                    if (auto v = parse_int(cell); v && *v > 0) {
                        row.body[target] = remap(spec.ref, *v);
                    } else {
                        bad(fmt::format("\"{}\" is not an id (a whole number above 0).", cell));
                    }
                    break;
                case CellType::kUser: {
                    auto user = HOVER_TRY(user_by_email(cell));
                    if (user) {
                        row.body[target] = user->value;
                    } else {
                        bad(
                            fmt::format("No user of this organisation has the email \"{}\". Add "
                                        "the user first (hover user add), or leave it empty.",
                                        cell));
                    }
                    break;
                }
                case CellType::kList:
                    HOVER_TRY(read_list(row, i, field, cell));
                    break;
                case CellType::kSpecial:
                    if (field == "name") {
                        full_name = cell;
                    } else if (field == "role") {
                        role = cell;
                        role_column = i;
                    } else if (target == "phones") {
                        row.body["phones"].push_back(
                            json{{"label", std::string(spec.label)}, {"number", cell}});
                    } else if (target == "emails") {
                        row.body["emails"].push_back(
                            json{{"label", std::string(spec.label)}, {"address", cell}});
                    } else if (field == "account_id") {
                        if (auto v = parse_int(cell); v && *v > 0) {
                            row.body["accounts"].push_back(
                                json{{"account_id", remap(RecordKind::kAccounts, *v)}});
                        } else {
                            bad(fmt::format("\"{}\" is not an id (a whole number above 0).", cell));
                        }
                    } else if (field == "account_name") {
                        auto id = HOVER_TRY(account_by_name(number, i, cell));
                        if (!id) {
                            row.bad = true;
                        } else if (request_.kind == RecordKind::kContacts) {
                            row.body["accounts"].push_back(json{{"account_id", *id}});
                        } else {
                            row.body["account_id"] = *id;
                        }
                    }
                    break;
            }
        }
        if (!full_name.empty() && !row.body.contains("first_name") &&
            !row.body.contains("last_name")) {
            auto space = full_name.rfind(' ');
            if (space == std::string::npos) {
                row.body["first_name"] = full_name;
            } else {
                row.body["first_name"] = trim(full_name.substr(0, space));
                row.body["last_name"] = trim(full_name.substr(space + 1));
                row.origin.emplace("last_name", row.origin["first_name"]);
            }
        }
        if (!role.empty()) {
            if (row.body.contains("accounts") && !row.body["accounts"].empty()) {
                row.body["accounts"][0]["role"] = role;
            } else {
                warn(number, role_column,
                     "The role is not kept: this row names no account to hold it.");
            }
        }
        return row;
    }

    Result<Ok> read_list(Row& row,
                         std::size_t column,
                         const std::string& field,
                         const std::string& cell) {
        json value;
        if (cell.front() == '[') {
            value = json::parse(cell, nullptr, false);
            if (value.is_discarded() || !value.is_array()) {
                problem(row.number, column,
                        "This list is not valid JSON. Write it as an export does, or as "
                        "\"label: value; label: value\".");
                row.bad = true;
                return Ok{};
            }
            if (field == "accounts") {
                for (auto& link : value) {
                    if (link.is_object() && link.contains("account_id") &&
                        link["account_id"].is_number_integer()) {
                        link["account_id"] =
                            remap(RecordKind::kAccounts, link["account_id"].get<std::int64_t>());
                    }
                }
            }
        } else if (field == "phones" || field == "emails") {
            value = json::array();
            for (auto& [label, v] : split_labelled(cell)) {
                value.push_back(field == "phones" ? json{{"label", label}, {"number", v}}
                                                  : json{{"label", label}, {"address", v}});
            }
        } else if (field == "accounts") {
            value = json::array();
            for (auto& [label, v] : split_labelled(cell)) {
                auto id = parse_int(v);
                if (!id || *id <= 0) {
                    problem(row.number, column,
                            fmt::format("\"{}\" is not an account id. List ids separated by "
                                        "semicolons (12; 15).",
                                        v));
                    row.bad = true;
                    return Ok{};
                }
                json link{{"account_id", remap(RecordKind::kAccounts, *id)}};
                if (!label.empty()) {
                    link["role"] = label;
                }
                value.push_back(std::move(link));
            }
        } else {
            problem(row.number, column,
                    "This column takes a JSON list, as written by hover export.");
            row.bad = true;
            return Ok{};
        }
        for (auto& item : value) {
            row.body[field].push_back(std::move(item));
        }
        return Ok{};
    }

    // An Error of RecordService or apply_*_json about a row becomes a problem at its column.
    void row_error(const Row& row, const Error& e) {
        std::string prefix = e.field.substr(0, e.field.find_first_of("[."));
        std::optional<std::size_t> column;
        if (auto it = row.origin.find(prefix); it != row.origin.end()) {
            column = it->second;
        }
        std::string message = e.user_message;
        if (!column && !e.field.empty() && e.field != "body") {
            message = fmt::format("{}: {}", e.field, message);
        }
        problem(row.number, column, std::move(message));
    }

    // ---- Duplicates ----------------------------------------------------------------------

    struct Match {
        std::int64_t id = 0;
        std::string reason;
    };

    Result<std::optional<Match>> find_duplicate(const Row& row, const json& record_json) {
        if (row.source_id) {
            const auto& k = keys_[request_.kind];
            if (auto it = k.find(*row.source_id); it != k.end()) {
                return std::optional<Match>{
                    Match{it->second, fmt::format("imported before with id {}", *row.source_id)}};
            }
        }
        if (request_.kind == RecordKind::kAccounts) {
            HOVER_TRY(load_accounts());
            std::string name = normalise_name(record_json.value("name", std::string()));
            if (auto it = account_names_.find(name);
                it != account_names_.end() && !it->second.empty()) {
                return std::optional<Match>{Match{it->second.front(), "same name"}};
            }
            for (const auto& e : record_json.value("comms_flow", json::array())) {
                if (e.is_object() && e.contains("number") && e["number"].is_string()) {
                    auto p = records::normalize_phone(e["number"].get<std::string>(),
                                                      actor_.phone_region, "number");
                    if (p) {
                        if (auto it = account_phones_.find(p->e164); it != account_phones_.end()) {
                            return std::optional<Match>{
                                Match{it->second, fmt::format("same phone {}", p->e164)}};
                        }
                    }
                }
            }
        }
        if (request_.kind == RecordKind::kContacts) {
            HOVER_TRY(load_contacts());
            for (const auto& p : record_json.value("phones", json::array())) {
                std::string typed = p.contains("number") && p["number"].is_string()
                                        ? p["number"].get<std::string>()
                                        : std::string();
                auto n = records::normalize_phone(typed, actor_.phone_region, "number");
                if (n) {
                    if (auto it = contact_phones_.find(n->e164); it != contact_phones_.end()) {
                        return std::optional<Match>{
                            Match{it->second, fmt::format("same phone {}", n->e164)}};
                    }
                }
            }
            for (const auto& e : record_json.value("emails", json::array())) {
                std::string address = ascii_lower(trim(e.value("address", std::string())));
                if (auto it = contact_emails_.find(address); it != contact_emails_.end()) {
                    return std::optional<Match>{
                        Match{it->second, fmt::format("same email {}", address)}};
                }
            }
            records::Contact probe;
            probe.first_name = record_json.value("first_name", std::string());
            probe.last_name = record_json.value("last_name", std::string());
            for (const auto& link : record_json.value("accounts", json::array())) {
                if (link.contains("account_id") && link["account_id"].is_number_integer()) {
                    AccountId account{link["account_id"].get<std::int64_t>()};
                    if (auto it = contact_names_.find(contact_name_key(probe, account));
                        it != contact_names_.end()) {
                        return std::optional<Match>{
                            Match{it->second, "same name at the same account"}};
                    }
                }
            }
        }
        return std::optional<Match>{};
    }

    std::string display_of(std::int64_t id) {
        if (request_.kind == RecordKind::kAccounts) {
            auto it = account_display_.find(id);
            return it == account_display_.end() ? std::string() : it->second;
        }
        if (request_.kind == RecordKind::kContacts) {
            auto it = contact_display_.find(id);
            return it == contact_display_.end() ? std::string() : it->second;
        }
        return {};
    }

    // ---- Contacts in bulk (docs/decisions/0014) ------------------------------------------

    // Contact fields that are plain text in the record: a row of only these (and phones, emails,
    // name, id) is read straight into a records::Contact.
    static std::string records::Contact::*contact_text(std::string_view field) {
        using records::Contact;
        static const std::vector<std::pair<std::string_view, std::string Contact::*>> texts{
            {"first_name", &Contact::first_name},
            {"last_name", &Contact::last_name},
            {"job_title", &Contact::job_title},
            {"preferred_hours", &Contact::preferred_hours},
            {"communication_style", &Contact::communication_style},
            {"family", &Contact::family},
            {"interests", &Contact::interests},
            {"how_we_met", &Contact::how_we_met},
            {"notes", &Contact::notes},
        };
        for (const auto& [name, member] : texts) {
            if (name == field) {
                return member;
            }
        }
        return nullptr;
    }

    // After map_header: can this file's contact rows skip the JSON form?
    void plan_typed_contacts() {
        typed_contacts_ = request_.kind == RecordKind::kContacts;
        column_specs_.assign(report_.columns.size(), nullptr);
        column_texts_.assign(report_.columns.size(), nullptr);
        for (std::size_t i = 0; i < report_.columns.size() && typed_contacts_; ++i) {
            const std::string& field = report_.columns[i].field;
            if (field.empty()) {
                continue;
            }
            const Spec* spec = find_spec(request_.kind, field);
            column_specs_[i] = spec;
            column_texts_[i] = contact_text(field);
            bool simple = spec != nullptr &&
                          (field == "id" || field == "name" || column_texts_[i] != nullptr ||
                           (spec->type == CellType::kSpecial &&
                            (spec->json_field() == "phones" || spec->json_field() == "emails")));
            if (!simple) {
                typed_contacts_ = false;
            }
        }
    }

    // build() for a file planned by plan_typed_contacts: the same cells, the same problems.
    Row build_typed(std::int64_t number, const std::vector<std::string>& cells) {
        Row row;
        row.number = number;
        records::Contact& c = row.typed.emplace();
        std::string full_name;
        bool named = false;
        for (std::size_t i = 0; i < cells.size() && i < report_.columns.size(); ++i) {
            const Spec* spec = column_specs_[i];
            if (spec == nullptr) {
                continue;
            }
            std::string cell = trim(cells[i]);
            if (cell.empty()) {
                continue;  // an empty cell leaves the field as it is
            }
            std::string_view target = spec->json_field();
            row.origin.emplace(std::string(target), i);
            if (spec->field == "id") {
                auto v = parse_int(cell);
                if (!v || *v <= 0) {
                    problem(number, i,
                            fmt::format("\"{}\" is not an id (a whole number above 0).", cell));
                    row.bad = true;
                } else {
                    row.source_id = *v;
                }
            } else if (auto member = column_texts_[i]) {
                named = named || target == "first_name" || target == "last_name";
                c.*member = std::move(cell);
            } else if (spec->field == "name") {
                full_name = std::move(cell);
            } else if (target == "phones") {
                c.phones.push_back(
                    {std::string(spec->label), records::PhoneNumber{{}, {}, std::move(cell)}});
            } else {
                c.emails.push_back({std::string(spec->label), std::move(cell)});
            }
        }
        if (!full_name.empty() && !named) {
            auto space = full_name.rfind(' ');
            if (space == std::string::npos) {
                c.first_name = full_name;
            } else {
                c.first_name = trim(full_name.substr(0, space));
                c.last_name = trim(full_name.substr(space + 1));
                row.origin.emplace("last_name", row.origin["first_name"]);
            }
        }
        return row;
    }

    // The JSON form of a typed row (for an update, which goes through apply_contact_json).
    static json typed_body(const Row& row) {
        json body = json::object();
        const records::Contact& c = *row.typed;
        for (const auto& [target, column] : row.origin) {
            if (target == "phones") {
                for (const auto& p : c.phones) {
                    body["phones"].push_back(
                        json{{"label", p.label}, {"number", p.number.as_typed}});
                }
            } else if (target == "emails") {
                for (const auto& e : c.emails) {
                    body["emails"].push_back(json{{"label", e.label}, {"address", e.address}});
                }
            } else if (auto member = contact_text(target)) {
                body[target] = c.*member;
            }
        }
        return body;
    }

    // Contacts: checked (and phones normalised) once; the duplicate check reads the normalised
    // numbers; a new contact waits in `pending_` and is written with the others in one batch.
    Result<Ok> handle_contact(Row& row) {
        records::Contact c;
        std::optional<Error> invalid;
        bool checked = false;
        if (row.typed) {
            c = *row.typed;  // the row as read stays, for an update
        } else if (auto applied = io::apply_contact_json(row.body, c); !applied) {
            invalid = applied.error();
        }
        if (!invalid) {
            if (auto ok = records_.check_new_contact(actor_, c)) {
                checked = true;
            } else {
                invalid = ok.error();
            }
        }
        if (invalid && !is_record_error(*invalid)) {
            return *invalid;
        }
        std::optional<Match> match;
        if (checked || row.typed) {
            match = HOVER_TRY(find_contact_duplicate(row, checked ? c : *row.typed, checked));
        } else {
            match = HOVER_TRY(find_duplicate(row, row.body));
        }
        if (match && match->id < 0) {
            HOVER_TRY(flush());  // it matched a row of this file that waits: write it first
            match->id = resolved_.at(match->id);
        }
        std::optional<std::int64_t> existing;
        if (!HOVER_TRY(decide(row, match, existing))) {
            return Ok{};
        }
        if (existing) {
            HOVER_TRY(flush());  // in file order
            if (row.typed) {
                row.body = typed_body(row);
            }
            return write_and_count(row, existing);
        }
        if (invalid) {
            row_error(row, *invalid);
            return Ok{};
        }
        ++report_.created;
        std::int64_t placeholder = -static_cast<std::int64_t>(++placeholders_);
        c.id = ContactId{placeholder};
        remember_contact(c);
        if (row.source_id) {
            keys_[RecordKind::kContacts][*row.source_id] = placeholder;
        }
        pending_.push_back({std::move(c), row.source_id});
        if (pending_.size() >= kBatch) {
            HOVER_TRY(flush());
        }
        return Ok{};
    }

    // Writes the waiting contacts; their placeholder ids (negative) become the real ones.
    Result<Ok> flush() {
        if (pending_.empty()) {
            return Ok{};
        }
        std::vector<records::Contact> batch;
        batch.reserve(pending_.size());
        for (auto& p : pending_) {
            batch.push_back(std::move(p.contact));
        }
        std::vector<Pending> done = std::move(pending_);
        pending_.clear();
        std::vector<std::int64_t> placeholders;
        placeholders.reserve(batch.size());
        for (const auto& c : batch) {
            placeholders.push_back(c.id.value);
        }
        HOVER_TRY(records_.insert_checked_contacts(actor_, batch));
        for (std::size_t i = 0; i < batch.size(); ++i) {
            std::int64_t id = batch[i].id.value;
            resolved_[placeholders[i]] = id;
            contact_display_[id] = contact_display_[placeholders[i]];
            if (auto source = done[i].source_id) {
                auto& keys = keys_[RecordKind::kContacts];
                if (*source != id) {
                    HOVER_TRY(store_.put_import_key(actor_.org_id, kind_name(RecordKind::kContacts),
                                                    *source, id));
                    keys[*source] = id;
                } else if (auto it = keys.find(*source);
                           it != keys.end() && it->second == placeholders[i]) {
                    keys.erase(it);
                }
            }
        }
        return Ok{};
    }

    // Duplicates of a contact: `normalised` when check_new_contact accepted it (its phones are
    // E.164 already), else each phone is normalised here and one that is not a number is passed.
    Result<std::optional<Match>> find_contact_duplicate(const Row& row,
                                                        const records::Contact& c,
                                                        bool normalised) {
        if (row.source_id) {
            const auto& k = keys_[RecordKind::kContacts];
            if (auto it = k.find(*row.source_id); it != k.end()) {
                return std::optional<Match>{
                    Match{it->second, fmt::format("imported before with id {}", *row.source_id)}};
            }
        }
        HOVER_TRY(load_contacts());
        for (const auto& p : c.phones) {
            std::string e164;
            if (normalised) {
                e164 = p.number.e164;
            } else if (auto n = records::normalize_phone(p.number.as_typed, actor_.phone_region,
                                                         "number")) {
                e164 = n->e164;
            }
            if (e164.empty()) {
                continue;
            }
            if (auto it = contact_phones_.find(e164); it != contact_phones_.end()) {
                return std::optional<Match>{Match{it->second, fmt::format("same phone {}", e164)}};
            }
        }
        for (const auto& e : c.emails) {
            std::string address = ascii_lower(trim(e.address));
            if (auto it = contact_emails_.find(address); it != contact_emails_.end()) {
                return std::optional<Match>{
                    Match{it->second, fmt::format("same email {}", address)}};
            }
        }
        for (const auto& link : c.accounts) {
            if (auto it = contact_names_.find(contact_name_key(c, link.account_id));
                it != contact_names_.end()) {
                return std::optional<Match>{Match{it->second, "same name at the same account"}};
            }
        }
        return std::optional<Match>{};
    }

    // The end of the rows: what still waits is written.
    Result<Ok> finish() { return flush(); }

    // ---- Writing -------------------------------------------------------------------------

    // Creates, or updates `existing`, from the row. Returns the record's id, or nullopt after
    // reporting a problem.
    Result<std::optional<std::int64_t>> write(const Row& row,
                                              std::optional<std::int64_t> existing) {
        auto fail = [&](const Error& e) -> Result<std::optional<std::int64_t>> {
            if (!is_record_error(e)) {
                return e;
            }
            row_error(row, e);
            return std::optional<std::int64_t>{};
        };
#define HOVER_ROW_TRY(expr)          \
    __extension__({                  \
        auto r_ = (expr);            \
        if (!r_) {                   \
            return fail(r_.error()); \
        }                            \
        std::move(r_).value();       \
    })
        switch (request_.kind) {
            case RecordKind::kAccounts: {
                records::Account a;
                std::vector<records::CommFlowEntry> old_flow;
                if (existing) {
                    a = HOVER_ROW_TRY(records_.get_account(actor_, AccountId{*existing}));
                    old_flow = a.comms_flow;
                }
                HOVER_ROW_TRY(io::apply_account_json(row.body, a));
                if (existing && row.body.contains("comms_flow")) {
                    auto added = a.comms_flow;
                    a.comms_flow = old_flow;
                    for (auto& e : added) {
                        if (std::find(old_flow.begin(), old_flow.end(), e) == old_flow.end()) {
                            a.comms_flow.push_back(e);
                        }
                    }
                }
                auto saved = existing ? HOVER_ROW_TRY(records_.update_account(actor_, a))
                                      : HOVER_ROW_TRY(records_.create_account(actor_, a));
                if (accounts_loaded_) {
                    remember_account(saved);
                }
                return std::optional<std::int64_t>{saved.id.value};
            }
            case RecordKind::kSites: {
                records::Site s;
                if (existing) {
                    s = HOVER_ROW_TRY(records_.get_site(actor_, SiteId{*existing}));
                }
                HOVER_ROW_TRY(io::apply_site_json(row.body, s));
                auto saved = existing ? HOVER_ROW_TRY(records_.update_site(actor_, s))
                                      : HOVER_ROW_TRY(records_.create_site(actor_, s));
                return std::optional<std::int64_t>{saved.id.value};
            }
            case RecordKind::kContacts: {
                records::Contact c;
                records::Contact old;
                if (existing) {
                    c = HOVER_ROW_TRY(records_.get_contact(actor_, ContactId{*existing}));
                    old = c;
                }
                HOVER_ROW_TRY(io::apply_contact_json(row.body, c));
                if (existing) {
                    merge_lists(old, c);
                }
                auto saved = existing ? HOVER_ROW_TRY(records_.update_contact(actor_, c))
                                      : HOVER_ROW_TRY(records_.create_contact(actor_, c));
                if (contacts_loaded_) {
                    remember_contact(saved);
                }
                return std::optional<std::int64_t>{saved.id.value};
            }
            case RecordKind::kAssets: {
                records::Asset a;
                if (existing) {
                    a = HOVER_ROW_TRY(records_.get_asset(actor_, AssetId{*existing}));
                }
                HOVER_ROW_TRY(io::apply_asset_json(row.body, a));
                auto saved = existing ? HOVER_ROW_TRY(records_.update_asset(actor_, a))
                                      : HOVER_ROW_TRY(records_.create_asset(actor_, a));
                return std::optional<std::int64_t>{saved.id.value};
            }
            case RecordKind::kLines: {
                records::Line l;
                if (existing) {
                    l = HOVER_ROW_TRY(records_.get_line(actor_, LineId{*existing}));
                }
                HOVER_ROW_TRY(io::apply_line_json(row.body, l));
                auto saved = existing ? HOVER_ROW_TRY(records_.update_line(actor_, l))
                                      : HOVER_ROW_TRY(records_.create_line(actor_, l));
                return std::optional<std::int64_t>{saved.id.value};
            }
            case RecordKind::kInteractions: {
                records::Interaction i;
                HOVER_ROW_TRY(io::apply_interaction_json(row.body, i));
                auto saved = HOVER_ROW_TRY(records_.log_interaction(actor_, i));
                return std::optional<std::int64_t>{saved.id.value};
            }
        }
#undef HOVER_ROW_TRY
        return std::optional<std::int64_t>{};
    }

    // An update keeps the phones, emails and account links the contact had and adds the new ones.
    void merge_lists(const records::Contact& old, records::Contact& c) {
        auto phones = c.phones;
        c.phones = old.phones;
        for (auto& p : phones) {
            auto n = records::normalize_phone(p.number.as_typed, actor_.phone_region, "number");
            bool known = std::any_of(old.phones.begin(), old.phones.end(), [&](const auto& o) {
                return n && o.number.e164 == n->e164 && o.number.extension == n->extension;
            });
            if (!known) {
                c.phones.push_back(p);
            }
        }
        auto emails = c.emails;
        c.emails = old.emails;
        for (auto& e : emails) {
            bool known = std::any_of(old.emails.begin(), old.emails.end(), [&](const auto& o) {
                return ascii_lower(o.address) == ascii_lower(trim(e.address));
            });
            if (!known) {
                c.emails.push_back(e);
            }
        }
        auto links = c.accounts;
        c.accounts = old.accounts;
        for (auto& l : links) {
            bool known = std::any_of(old.accounts.begin(), old.accounts.end(),
                                     [&](const auto& o) { return o.account_id == l.account_id; });
            if (!known) {
                c.accounts.push_back(l);
            }
        }
    }

    // Checks a row for duplicates and writes it as the user decided.
    Result<Ok> handle(Row& row) {
        if (row.bad) {
            return Ok{};
        }
        if (request_.kind == RecordKind::kContacts) {
            return handle_contact(row);
        }
        auto match = HOVER_TRY(find_duplicate(row, row.body));
        if (!match && row.source_id && request_.kind != RecordKind::kAccounts &&
            request_.kind != RecordKind::kContacts) {
            // Re-importing an export into its own organisation: the same id.
            if (HOVER_TRY(exists(*row.source_id))) {
                match = Match{*row.source_id, "same id"};
            }
        }
        std::optional<std::int64_t> existing;
        if (!HOVER_TRY(decide(row, match, existing))) {
            return Ok{};
        }
        return write_and_count(row, existing);
    }

    // What the user chose for a row that matched: false when the row ends here (asked or
    // skipped); true to write it, with `existing` set for an update.
    Result<bool> decide(const Row& row,
                        const std::optional<Match>& match,
                        std::optional<std::int64_t>& existing) {
        if (match) {
            OnDuplicate action = request_.on_duplicate;
            if (auto it = request_.row_choices.find(row.number); it != request_.row_choices.end()) {
                action = it->second;
            }
            Duplicate d{row.number, match->id, display_of(match->id), match->reason, action};
            ++report_.duplicates_total;
            if (report_.duplicates.size() < request_.max_problems) {
                report_.duplicates.push_back(d);  // the rest are counted, not kept
            }
            if (action == OnDuplicate::kAsk) {
                if (mode_ == ImportMode::kCommit) {
                    problem(row.number, std::nullopt,
                            fmt::format("This row matches {} #{}{} ({}). Choose what to do: "
                                        "update it, skip the row, or create a new one "
                                        "(--on-duplicate update|skip|create).",
                                        kind_name(request_.kind), match->id,
                                        d.existing_name.empty()
                                            ? std::string()
                                            : fmt::format(" \"{}\"", d.existing_name),
                                        match->reason));
                }
                ++report_.skipped;
                return false;
            }
            if (action == OnDuplicate::kSkip) {
                ++report_.skipped;
                return false;
            }
            if (action == OnDuplicate::kUpdate) {
                if (request_.kind == RecordKind::kInteractions) {
                    warn(row.number, std::nullopt,
                         "Interactions are never changed once logged; this row is skipped.");
                    ++report_.skipped;
                    return false;
                }
                existing = match->id;
            }
        }
        return true;
    }

    Result<Ok> write_and_count(const Row& row, std::optional<std::int64_t> existing) {
        auto id = HOVER_TRY(write(row, existing));
        if (!id) {
            return Ok{};
        }
        if (existing) {
            ++report_.updated;
        } else {
            ++report_.created;
        }
        if (row.source_id && *row.source_id != *id) {
            HOVER_TRY(store_.put_import_key(actor_.org_id, kind_name(request_.kind), *row.source_id,
                                            *id));
            keys_[request_.kind][*row.source_id] = *id;
        }
        return Ok{};
    }

    Result<bool> exists(std::int64_t id) {
        Result<Ok> found = Ok{};
        switch (request_.kind) {
            case RecordKind::kSites:
                found = as_ok(records_.get_site(actor_, SiteId{id}));
                break;
            case RecordKind::kAssets:
                found = as_ok(records_.get_asset(actor_, AssetId{id}));
                break;
            case RecordKind::kLines:
                found = as_ok(records_.get_line(actor_, LineId{id}));
                break;
            case RecordKind::kInteractions:
                found = as_ok(records_.get_interaction(actor_, InteractionId{id}));
                break;
            default:
                return false;
        }
        if (found) {
            return true;
        }
        if (found.error().code == ErrorCode::kNotFound) {
            return false;
        }
        return found.error();
    }

    template <typename T>
    static Result<Ok> as_ok(Result<T> r) {
        if (!r) {
            return std::move(r).error();
        }
        return Ok{};
    }

    bool too_many() const {
        return report_.errors.size() >= request_.max_problems;
    }

    // ---- vCard ---------------------------------------------------------------------------

    Result<Ok> import_person(const vcard::Person& person, std::int64_t card) {
        Row row;
        row.number = card;
        records::Contact c;
        c.first_name = person.given_name;
        c.last_name = person.family_name;
        if (c.first_name.empty() && c.last_name.empty()) {
            auto space = person.formatted_name.rfind(' ');
            if (space == std::string::npos) {
                c.first_name = person.formatted_name;
            } else {
                c.first_name = trim(person.formatted_name.substr(0, space));
                c.last_name = trim(person.formatted_name.substr(space + 1));
            }
        }
        c.job_title = person.title;
        std::vector<std::string> kept;  // what has no field, into the notes
        if (!person.note.empty()) {
            kept.push_back(person.note);
        }
        for (const auto& p : person.phones) {
            std::string typed = p.value;
            auto n = records::normalize_phone(typed, actor_.phone_region, "phone");
            if (!n && typed.rfind("00", 0) == 0) {
                // "00-1-212-555-7777": the international prefix of most of the world.
                typed = "+" + typed.substr(2);
                n = records::normalize_phone(typed, actor_.phone_region, "phone");
            }
            if (n) {
                bool twice = std::any_of(c.phones.begin(), c.phones.end(), [&](const auto& o) {
                    return o.number.e164 == n->e164 && o.number.extension == n->extension;
                });
                if (!twice) {
                    c.phones.push_back({p.label, records::PhoneNumber{{}, {}, typed}});
                }
            } else {
                vwarn(person, fmt::format("\"{}\" is not a phone number; it is kept in the "
                                          "notes.",
                                          p.value));
                kept.push_back(fmt::format("Phone{}: {}",
                                           p.label.empty() ? "" : " (" + p.label + ")", p.value));
            }
        }
        for (const auto& e : person.emails) {
            bool twice = std::any_of(c.emails.begin(), c.emails.end(), [&](const auto& o) {
                return ascii_lower(o.address) == ascii_lower(e.value);
            });
            auto at = e.value.find('@');
            bool plausible = at != std::string::npos && at > 0 &&
                             e.value.find('.', at) != std::string::npos &&
                             e.value.find('@', at + 1) == std::string::npos;
            if (!plausible) {
                vwarn(person, fmt::format("\"{}\" is not an email address; it is kept in the "
                                          "notes.",
                                          e.value));
                kept.push_back("Email: " + e.value);
            } else if (!twice) {
                c.emails.push_back({e.label, e.value});
            }
        }
        if (!person.birthday.empty()) {
            std::string b = person.birthday;
            std::string digits;
            for (char ch : b) {
                if (std::isdigit(static_cast<unsigned char>(ch))) {
                    digits.push_back(ch);
                }
            }
            std::optional<Date> date;
            if (b.rfind("--", 0) != 0 && digits.size() >= 8) {
                auto d = parse_date(fmt::format("{}-{}-{}", digits.substr(0, 4),
                                                digits.substr(4, 2), digits.substr(6, 2)),
                                    "birthday");
                if (d) {
                    date = *d;
                }
            }
            if (date) {
                c.birthday = date;
            } else {
                vwarn(person, fmt::format("The birthday \"{}\" has no year or is not a date; it "
                                          "is kept in the notes.",
                                          b));
                kept.push_back("Birthday: " + b);
            }
        }
        if (!person.organisation.empty()) {
            HOVER_TRY(load_accounts());
            auto it = account_names_.find(normalise_name(person.organisation));
            if (it != account_names_.end() && it->second.size() == 1) {
                c.accounts.push_back({AccountId{it->second.front()}, "", false});
            } else {
                kept.push_back("Organisation: " + person.organisation);
            }
        }
        for (const auto& k : kept) {
            c.notes += c.notes.empty() ? k : "\n" + k;
        }
        // The same path as a CSV row, through the JSON form.
        json body = io::to_json(c);
        for (const char* drop : {"id", "org_id", "display_name", "created_at", "updated_at"}) {
            body.erase(drop);
        }
        for (auto& p : body["phones"]) {
            p["number"] = p["number"]["as_typed"];
        }
        row.body = std::move(body);
        return handle(row);
    }

    void vwarn(const vcard::Person& person, std::string message) {
        Problem p;
        p.row = person.line;
        p.where = fmt::format("{} line {}", request_.file_name, person.line);
        p.message = std::move(message);
        report_.warnings.push_back(std::move(p));
    }

private:
    records::RecordService& records_;
    DataioStore& store_;
    const Actor& actor_;
    const ImportRequest& request_;
    ImportMode mode_;
    ImportReport& report_;

    std::map<RecordKind, std::unordered_map<std::int64_t, std::int64_t>> keys_;
    bool users_loaded_ = false;
    std::unordered_map<std::string, UserId> users_;
    bool accounts_loaded_ = false;
    std::unordered_map<std::string, std::vector<std::int64_t>> account_names_;
    std::unordered_map<std::int64_t, std::string> account_display_;
    std::unordered_map<std::string, std::int64_t> account_phones_;
    bool contacts_loaded_ = false;
    // Contacts in bulk: the plan for this file's columns, and the new contacts that wait to be
    // written (ids: placeholders -1, -2, ... until flush() resolves them).
    struct Pending {
        records::Contact contact;
        std::optional<std::int64_t> source_id;
    };
    static constexpr std::size_t kBatch = 2000;
    bool typed_contacts_ = false;
    std::vector<const Spec*> column_specs_;
    std::vector<std::string records::Contact::*> column_texts_;
    std::vector<Pending> pending_;
    std::int64_t placeholders_ = 0;
    std::unordered_map<std::int64_t, std::int64_t> resolved_;
    std::unordered_map<std::int64_t, std::string> contact_display_;
    std::unordered_map<std::string, std::int64_t> contact_phones_;
    std::unordered_map<std::string, std::int64_t> contact_emails_;
    std::unordered_map<std::string, std::int64_t> contact_names_;
};

// Runs `work` in one transaction, and rolls it back unless `keep` says otherwise afterwards.
Result<bool> run_transaction(records::RecordService& records,
                             const std::function<Result<Ok>()>& work,
                             const std::function<bool()>& keep) {
    bool rolled_back = false;
    Result<Ok> done = records.atomically([&]() -> Result<Ok> {
        HOVER_TRY(work());
        if (!keep()) {
            rolled_back = true;
            return Error{ErrorCode::kConflict, "The import was rolled back.", "rollback"};
        }
        return Ok{};
    });
    if (!done) {
        if (rolled_back) {
            return false;
        }
        return std::move(done).error();
    }
    return true;
}

}  // namespace

// ---- Import ----------------------------------------------------------------------------------

Result<ImportReport> DataioService::import_csv(const Actor& actor,
                                               const ImportRequest& request,
                                               csv::CsvSource& source,
                                               ImportMode mode) {
    ImportReport report;
    report.kind = request.kind;
    report.file_name = request.file_name;
    csv::CsvReader reader(source, {.file_name = request.file_name});
    Importer importer(records_, store_, actor, request, mode, report);
    auto work = [&]() -> Result<Ok> {
        HOVER_TRY(importer.load_keys());
        std::vector<std::string> cells;
        auto read = [&]() -> Result<bool> {
            auto more = reader.next(cells);
            if (!more) {
                if (more.error().code != ErrorCode::kInvalidInput) {
                    return std::move(more).error();
                }
                Problem p;
                p.row = reader.row();
                p.where = more.error().field;
                p.message = more.error().user_message;
                report.errors.push_back(std::move(p));
                report.truncated = reader.row() > 1;
                return false;
            }
            return *more;
        };
        if (!HOVER_TRY(read())) {
            return Ok{};
        }
        importer.map_header(cells);
        if (!report.errors.empty()) {
            return Ok{};  // a mapping that cannot work: no point checking every row
        }
        Progress progress;
        progress.total_bytes = source.size();
        while (HOVER_TRY(read())) {
            ++report.rows;
            if (static_cast<int>(report.preview.size()) < request.preview_rows) {
                report.preview.push_back(cells);
            }
            auto row = HOVER_TRY(importer.build(reader.row(), cells));
            HOVER_TRY(importer.handle(row));
            if (importer.too_many()) {
                report.truncated = true;
                break;
            }
            if (request.progress && report.rows % 1000 == 0) {
                progress.rows = report.rows;
                progress.bytes = reader.bytes_read();
                request.progress(progress);
            }
        }
        HOVER_TRY(importer.finish());
        if (request.progress) {
            progress.rows = report.rows;
            progress.bytes = reader.bytes_read();
            request.progress(progress);
        }
        return Ok{};
    };
    auto keep = [&]() { return mode == ImportMode::kCommit && report.errors.empty(); };
    report.committed = HOVER_TRY(run_transaction(records_, work, keep));
    if (!report.committed) {
        report.created = report.updated = 0;
    }
    return report;
}

Result<ImportReport> DataioService::import_vcard(const Actor& actor,
                                                 const ImportRequest& request,
                                                 std::string_view text,
                                                 ImportMode mode) {
    ImportReport report;
    report.kind = RecordKind::kContacts;
    report.file_name = request.file_name;
    ImportRequest contacts = request;
    contacts.kind = RecordKind::kContacts;
    auto cards = vcard::parse(text, request.file_name);
    if (!cards) {
        Problem p;
        p.where = cards.error().field;
        p.message = cards.error().user_message;
        report.errors.push_back(std::move(p));
        return report;
    }
    Importer importer(records_, store_, actor, contacts, mode, report);
    report.header = {"first_name", "last_name", "job_title", "phones", "emails"};
    auto work = [&]() -> Result<Ok> {
        HOVER_TRY(importer.load_keys());
        Progress progress;
        for (const auto& card : *cards) {
            vcard::Person person = vcard::to_person(card);
            ++report.rows;
            if (static_cast<int>(report.preview.size()) < request.preview_rows) {
                std::vector<std::string> phones;
                std::vector<std::string> emails;
                for (const auto& p : person.phones) {
                    phones.push_back(p.value);
                }
                for (const auto& e : person.emails) {
                    emails.push_back(e.value);
                }
                report.preview.push_back({person.given_name, person.family_name, person.title,
                                          fmt::format("{}", fmt::join(phones, "; ")),
                                          fmt::format("{}", fmt::join(emails, "; "))});
            }
            std::size_t before = report.errors.size();
            HOVER_TRY(importer.import_person(person, report.rows));
            // Cards are named by line, not by a CSV row.
            for (std::size_t i = before; i < report.errors.size(); ++i) {
                auto& e = report.errors[i];
                e.where = fmt::format("{} line {} (card {})", request.file_name, person.line,
                                      report.rows);
            }
            if (importer.too_many()) {
                report.truncated = true;
                break;
            }
            if (request.progress && report.rows % 1000 == 0) {
                progress.rows = report.rows;
                request.progress(progress);
            }
        }
        return importer.finish();
    };
    auto keep = [&]() { return mode == ImportMode::kCommit && report.errors.empty(); };
    report.committed = HOVER_TRY(run_transaction(records_, work, keep));
    if (!report.committed) {
        report.created = report.updated = 0;
    }
    return report;
}

// ---- Export ----------------------------------------------------------------------------------

std::vector<std::string> DataioService::export_columns(RecordKind kind) {
    std::vector<std::string> out;
    for (const auto& s : specs(kind)) {
        if (s.exported) {
            out.emplace_back(s.field);
        }
    }
    return out;
}

std::vector<std::string> DataioService::import_fields(RecordKind kind) {
    std::vector<std::string> out;
    for (const auto& s : specs(kind)) {
        out.emplace_back(s.field);
    }
    return out;
}

namespace {

// Lists without ids of their own lose the server-side parts (e164, display) on export: the
// number as typed is what import reads back.
json export_value(RecordKind kind, std::string_view field, const json& record) {
    if (kind == RecordKind::kContacts && field == "phones") {
        json out = json::array();
        for (const auto& p : record["phones"]) {
            out.push_back(json{{"label", p["label"]}, {"number", p["number"]["as_typed"]}});
        }
        return out.empty() ? json() : out;
    }
    if (kind == RecordKind::kAccounts && field == "comms_flow") {
        json out = json::array();
        for (auto e : record["comms_flow"]) {
            if (e["number"].is_object()) {
                e["number"] = e["number"]["as_typed"];
            }
            out.push_back(std::move(e));
        }
        return out.empty() ? json() : out;
    }
    if (kind == RecordKind::kLines && field == "number") {
        return record["number"].is_object() ? record["number"]["as_typed"] : json();
    }
    const json& v = record.contains(std::string(field)) ? record[std::string(field)] : json();
    if (v.is_array() && v.empty()) {
        return json();
    }
    return v;
}

}  // namespace

Result<ExportSummary> DataioService::export_csv(const Actor& actor,
                                                RecordKind kind,
                                                std::ostream& out,
                                                const ProgressCallback& progress) {
    ExportSummary summary;
    csv::CsvWriter writer(out);
    auto columns = export_columns(kind);
    writer.write_row(columns);
    std::unordered_map<std::int64_t, std::string> emails;
    for (const auto& u : HOVER_TRY(records_.list_users(actor))) {
        emails[u.id.value] = u.email;
    }
    auto emit = [&](const json& record) {
        std::vector<std::string> cells;
        cells.reserve(columns.size());
        for (const auto& c : columns) {
            if (c == "technician_email" || c == "user_email") {
                const json& id = record[c == "user_email" ? "user_id" : "technician_id"];
                cells.push_back(id.is_number_integer() ? emails[id.get<std::int64_t>()] : "");
            } else {
                cells.push_back(cell_text(export_value(kind, c, record)));
            }
        }
        writer.write_row(cells);
        ++summary.rows;
        if (progress && summary.rows % 1000 == 0) {
            progress(Progress{summary.rows, 0, 0});
        }
    };
    HOVER_TRY(records_.atomically([&]() -> Result<Ok> {
        if (kind == RecordKind::kContacts) {
            for (int page = 1;; ++page) {
                auto list = HOVER_TRY(records_.list_contacts(actor, std::nullopt, {page, 500}));
                for (const auto& c : list.items) {
                    emit(io::to_json(c));
                }
                if (list.items.size() < 500) {
                    break;
                }
            }
            return Ok{};
        }
        std::vector<records::Account> accounts;
        for (int page = 1;; ++page) {
            auto list = HOVER_TRY(records_.list_accounts(actor, {}, {page, 500}));
            accounts.insert(accounts.end(), list.items.begin(), list.items.end());
            if (list.items.size() < 500) {
                break;
            }
        }
        for (const auto& a : accounts) {
            switch (kind) {
                case RecordKind::kAccounts:
                    emit(io::to_json(a));
                    break;
                case RecordKind::kSites:
                    for (const auto& s : HOVER_TRY(records_.list_sites(actor, a.id))) {
                        emit(io::to_json(s));
                    }
                    break;
                case RecordKind::kAssets:
                    for (const auto& x : HOVER_TRY(records_.list_assets_of_account(actor, a.id))) {
                        emit(io::to_json(x));
                    }
                    break;
                case RecordKind::kLines:
                    for (const auto& l : HOVER_TRY(records_.list_lines_of_account(actor, a.id))) {
                        emit(io::to_json(l));
                    }
                    break;
                case RecordKind::kInteractions:
                    for (int page = 1;; ++page) {
                        auto list = HOVER_TRY(records_.list_interactions(actor, a.id, {page, 500}));
                        for (const auto& i : list.items) {
                            emit(io::to_json(i));
                        }
                        if (list.items.size() < 500) {
                            break;
                        }
                    }
                    break;
                case RecordKind::kContacts:
                    break;
            }
        }
        return Ok{};
    }));
    if (progress) {
        progress(Progress{summary.rows, 0, 0});
    }
    return summary;
}

Result<ExportSummary> DataioService::export_vcard(const Actor& actor,
                                                  std::ostream& out,
                                                  const ProgressCallback& progress) {
    ExportSummary summary;
    std::unordered_map<std::int64_t, std::string> account_names;
    HOVER_TRY(records_.atomically([&]() -> Result<Ok> {
        for (int page = 1;; ++page) {
            auto list = HOVER_TRY(records_.list_contacts(actor, std::nullopt, {page, 500}));
            for (const auto& c : list.items) {
                vcard::Person p;
                p.given_name = c.first_name;
                p.family_name = c.last_name;
                p.formatted_name = c.display_name();
                p.title = c.job_title;
                p.note = c.notes;
                if (c.birthday) {
                    p.birthday = format_date(*c.birthday);
                }
                if (!c.accounts.empty()) {
                    auto id = c.accounts.front().account_id;
                    if (!account_names.contains(id.value)) {
                        auto a = HOVER_TRY(records_.get_account(actor, id));
                        account_names[id.value] = a.name;
                    }
                    p.organisation = account_names[id.value];
                }
                for (const auto& ph : c.phones) {
                    std::string number =
                        ph.number.e164.empty() ? ph.number.as_typed : ph.number.e164;
                    if (!ph.number.extension.empty()) {
                        number += ";ext=" + ph.number.extension;
                    }
                    p.phones.push_back({ph.label, number, false});
                }
                for (const auto& e : c.emails) {
                    p.emails.push_back({e.label, e.address, false});
                }
                out << vcard::write_vcard4(p);
                ++summary.rows;
                if (progress && summary.rows % 1000 == 0) {
                    progress(Progress{summary.rows, 0, 0});
                }
            }
            if (list.items.size() < 500) {
                break;
            }
        }
        return Ok{};
    }));
    return summary;
}

// ---- Mappings --------------------------------------------------------------------------------

Result<Ok> DataioService::save_mapping(const Actor& actor,
                                       RecordKind kind,
                                       std::string_view name,
                                       const ColumnMapping& mapping) {
    std::string n = trim(name);
    if (n.empty() || n.size() > 100) {
        return Error::invalid("--mapping", "Give the mapping a name of 1 to 100 characters.");
    }
    json columns = json::object();
    for (const auto& [header, field] : mapping.columns) {
        if (!field.empty() && find_spec(kind, field) == nullptr) {
            return Error::invalid(
                header, fmt::format("\"{}\" is not a field of {}. The fields "
                                    "are: {}.",
                                    field, kind_name(kind), fmt::join(import_fields(kind), ", ")));
        }
        columns[header] = field;
    }
    return store_.save_mapping(actor.org_id, kind_name(kind), n, columns.dump());
}

Result<ColumnMapping> DataioService::load_mapping(const Actor& actor,
                                                  RecordKind kind,
                                                  std::string_view name) {
    auto text = HOVER_TRY(store_.find_mapping(actor.org_id, kind_name(kind), trim(name)));
    if (!text) {
        return Error::not_found(
            fmt::format("saved mapping \"{}\" for {}", trim(name), kind_name(kind)));
    }
    json columns = json::parse(*text, nullptr, false);
    if (!columns.is_object()) {
        return Error{ErrorCode::kDataCorrupt, "The saved mapping is damaged; save it again.",
                     "mapping is not a JSON object"};
    }
    ColumnMapping mapping;
    for (const auto& [header, field] : columns.items()) {
        mapping.columns[header] = field.is_string() ? field.get<std::string>() : "";
    }
    return mapping;
}

Result<std::vector<std::string>> DataioService::list_mappings(const Actor& actor, RecordKind kind) {
    return store_.list_mappings(actor.org_id, kind_name(kind));
}

// ---- Merge -----------------------------------------------------------------------------------

Result<MergePreview> DataioService::merge(
    const Actor& actor, MergeKind kind, std::int64_t keep, std::int64_t drop, ImportMode mode) {
    if (keep == drop) {
        return Error::invalid("ID", "Give two different records to merge.");
    }
    MergePreview preview;
    preview.kind = kind;
    preview.keep_id = keep;
    preview.drop_id = drop;
    auto work = [&]() -> Result<Ok> {
        std::string summary;
        auto add = [&](std::string what, std::int64_t n) {
            preview.moves.emplace_back(what, n);
            if (n > 0) {
                summary += fmt::format("{}{} {}", summary.empty() ? "" : ", ", n, what);
            }
        };
        if (kind == MergeKind::kAccounts) {
            auto k = HOVER_TRY(records_.get_account(actor, AccountId{keep}));
            auto d = HOVER_TRY(records_.get_account(actor, AccountId{drop}));
            preview.keep_name = k.name;
            preview.drop_name = d.name;
            add("sites",
                static_cast<std::int64_t>(HOVER_TRY(records_.list_sites(actor, d.id)).size()));
            add("assets", static_cast<std::int64_t>(
                              HOVER_TRY(records_.list_assets_of_account(actor, d.id)).size()));
            add("lines", static_cast<std::int64_t>(
                             HOVER_TRY(records_.list_lines_of_account(actor, d.id)).size()));
            add("interactions", HOVER_TRY(records_.list_interactions(actor, d.id, {1, 1})).total);
            add("notes",
                static_cast<std::int64_t>(HOVER_TRY(records_.list_notes(actor, d.id)).size()));
            add("contact links", HOVER_TRY(records_.list_contacts(actor, d.id, {1, 1})).total);
            add("comms flow entries", static_cast<std::int64_t>(d.comms_flow.size()));
            for (auto& [what, n] : HOVER_TRY(store_.merge_counts(actor.org_id, kind, drop))) {
                add(what, n);
            }
            if (mode == ImportMode::kPreview) {
                return Ok{};
            }
            for (const auto& e : d.comms_flow) {
                if (std::find(k.comms_flow.begin(), k.comms_flow.end(), e) == k.comms_flow.end()) {
                    k.comms_flow.push_back(e);
                }
            }
            for (auto& e : k.comms_flow) {
                if (e.number) {
                    e.number = records::PhoneNumber{{}, {}, e.number->as_typed};
                }
            }
            if (k.notes.empty()) {
                k.notes = d.notes;
            }
            HOVER_TRY(store_.merge_accounts(actor.org_id, k.id, d.id));
            HOVER_TRY(records_.update_account(actor, k));
        } else {
            auto k = HOVER_TRY(records_.get_contact(actor, ContactId{keep}));
            auto d = HOVER_TRY(records_.get_contact(actor, ContactId{drop}));
            preview.keep_name = k.display_name();
            preview.drop_name = d.display_name();
            auto [interactions, notes] =
                HOVER_TRY(store_.contact_history_counts(actor.org_id, d.id));
            add("interactions", interactions);
            add("notes", notes);
            std::int64_t phones = 0;
            std::int64_t emails = 0;
            std::int64_t links = 0;
            for (const auto& p : d.phones) {
                if (std::none_of(k.phones.begin(), k.phones.end(),
                                 [&](const auto& o) { return o.number.e164 == p.number.e164; })) {
                    k.phones.push_back(p);
                    ++phones;
                }
            }
            for (const auto& e : d.emails) {
                if (std::none_of(k.emails.begin(), k.emails.end(), [&](const auto& o) {
                        return ascii_lower(o.address) == ascii_lower(e.address);
                    })) {
                    k.emails.push_back(e);
                    ++emails;
                }
            }
            for (const auto& l : d.accounts) {
                if (std::none_of(k.accounts.begin(), k.accounts.end(),
                                 [&](const auto& o) { return o.account_id == l.account_id; })) {
                    k.accounts.push_back(l);
                    ++links;
                }
            }
            add("phones", phones);
            add("emails", emails);
            add("account links", links);
            for (auto& [what, n] : HOVER_TRY(store_.merge_counts(actor.org_id, kind, drop))) {
                add(what, n);
            }
            if (mode == ImportMode::kPreview) {
                return Ok{};
            }
            for (auto& p : k.phones) {
                p.number = records::PhoneNumber{{}, {}, p.number.as_typed};
            }
            auto fill = [](std::string& into, const std::string& from) {
                if (into.empty()) {
                    into = from;
                }
            };
            fill(k.job_title, d.job_title);
            fill(k.family, d.family);
            fill(k.interests, d.interests);
            fill(k.how_we_met, d.how_we_met);
            fill(k.communication_style, d.communication_style);
            fill(k.preferred_hours, d.preferred_hours);
            fill(k.notes, d.notes);
            if (!k.birthday) {
                k.birthday = d.birthday;
            }
            k.do_not_contact = k.do_not_contact || d.do_not_contact;
            HOVER_TRY(store_.merge_contacts(actor.org_id, k.id, d.id));
            HOVER_TRY(records_.update_contact(actor, k));
        }
        MergeRecord audit;
        audit.org_id = actor.org_id;
        audit.kind = kind;
        audit.kept_id = keep;
        audit.merged_id = drop;
        audit.merged_name = preview.drop_name;
        audit.user_id = actor.user_id;
        audit.merged_at = clock_.now();
        audit.summary = summary.empty() ? "nothing to move" : summary;
        HOVER_TRY(store_.insert_merge(audit));
        preview.done = true;
        return Ok{};
    };
    if (mode == ImportMode::kPreview) {
        HOVER_TRY(run_transaction(records_, work, [] { return false; }));
    } else {
        HOVER_TRY(records_.atomically(work));
    }
    return preview;
}

Result<std::vector<MergeRecord>> DataioService::list_merges(const Actor& actor) {
    return store_.list_merges(actor.org_id);
}

}  // namespace hover::dataio

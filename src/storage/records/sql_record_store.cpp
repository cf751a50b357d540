#include "storage/records/sql_record_store.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "storage/bulk_insert.hpp"
#include "storage/records/record_rows.hpp"
#include "storage/records/search_index.hpp"
#include "storage/soci_support.hpp"
#include "storage/statement_cache.hpp"

namespace hover::storage {

using namespace hover::records;

namespace {

std::optional<std::string> opt_date(const std::optional<Date>& d) {
    return d ? std::optional<std::string>(format_date(*d)) : std::nullopt;
}

std::optional<std::int64_t> opt_id(const auto& id) {
    return id ? std::optional<std::int64_t>(id->value) : std::nullopt;
}

std::optional<std::int64_t> opt_cents(const std::optional<Cents>& c) {
    return c ? std::optional<std::int64_t>(c->value) : std::nullopt;
}

std::optional<int> opt_bool(const std::optional<bool>& b) {
    return b ? std::optional<int>(*b ? 1 : 0) : std::nullopt;
}

// A condition "column is one of the ids in :param", with the ids bound as one text parameter
// ("1,2,3"), so a page of rows loads its children in one parameterised query.
std::string in_id_list(Dialect dialect, std::string_view column, std::string_view param) {
    if (dialect == Dialect::kSqlite) {
        return fmt::format(
            "{} IN (SELECT CAST(value AS INTEGER) FROM json_each('[' || :{} || ']'))", column,
            param);
    }
    return fmt::format("{} = ANY(string_to_array(:{}, ',')::bigint[])", column, param);
}

template <typename T>
std::string join_ids(const std::vector<T>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) {
            out += ',';
        }
        out += std::to_string(item.id.value);
    }
    return out;
}

int page_limit(Page page) {
    return std::clamp(page.size, 1, 500);
}
int page_offset(Page page) {
    return (std::max(page.number, 1) - 1) * page_limit(page);
}

std::string like_prefix(std::string_view prefix) {
    std::string out;
    for (char c : prefix) {
        if (c == '%' || c == '_' || c == '\\') {
            out += '\\';
        }
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out + "%";
}

// ---------------------------------------------------------------------------------------------
// Queries. Each constant is used by one method below.

constexpr const char* kOrganisationColumns = "id, name, slug, phone_region, created_at";
constexpr const char* kUserColumns = "id, org_id, email, display_name, role, created_at";
constexpr const char* kAccountColumns =
    "id, org_id, name, status, industry, region, annual_revenue_cents, next_refresh_year, "
    "budget_month, comms_flow_notes, technician_id, notes, created_at, updated_at";
constexpr const char* kSiteColumns =
    "id, org_id, account_id, name, street, city, state, postal_code, country, latitude, "
    "longitude, county_fips, nws_zone, tornado_alley, flood_zone, lightning_prone, access_notes, "
    "paging_dead_zones, created_at, updated_at";
constexpr const char* kContactColumns =
    "id, org_id, first_name, last_name, job_title, preferred_channel, preferred_hours, "
    "technical_level, phone_habit, communication_style, birthday, family, interests, how_we_met, "
    "do_not_contact, notes, created_at, updated_at";
constexpr const char* kAssetColumns =
    "a.id, a.org_id, a.site_id, a.category, a.make, a.model, a.serial, a.installed_on, "
    "a.condition, a.location, a.warranty_ends, a.end_of_life, a.forgets_holiday_greeting, "
    "a.notes, a.created_at, a.updated_at";
constexpr const char* kLineColumns =
    "l.id, l.org_id, l.site_id, l.number_e164, l.number_extension, l.number_as_typed, "
    "l.circuit_id, l.carrier, l.type, l.status, l.bandwidth_down_kbps, l.bandwidth_up_kbps, "
    "l.monthly_charge_cents, l.notes, l.created_at, l.updated_at";
constexpr const char* kNoteColumns =
    "id, org_id, account_id, contact_id, site_id, author_id, body, created_at";

// The account filter, every parameter always bound: an empty value means "any".
constexpr const char* kAccountFilter =
    " FROM accounts WHERE org_id = :org"
    " AND (:status = '' OR status = :status_eq)"
    " AND (:region = '' OR region = :region_eq)"
    " AND (:tech = 0 OR technician_id = :tech_eq)"
    " AND (:prefix = '' OR lower(name) LIKE :prefix_like ESCAPE '\\')";

Organisation read_organisation(const RowReader& r) {
    Organisation o;
    o.id = OrgId{r.i64(0)};
    o.name = r.str(1);
    o.slug = r.str(2);
    o.phone_region = r.str(3);
    o.created_at = r.timestamp(4);
    return o;
}

User read_user(const RowReader& r) {
    User u;
    u.id = UserId{r.i64(0)};
    u.org_id = OrgId{r.i64(1)};
    u.email = r.str(2);
    u.display_name = r.str(3);
    u.role = r.enum_value<Role>(4, "users.role");
    u.created_at = r.timestamp(5);
    return u;
}

Account read_account(const RowReader& r) {
    Account a;
    a.id = AccountId{r.i64(0)};
    a.org_id = OrgId{r.i64(1)};
    a.name = r.str(2);
    a.status = r.enum_value<AccountStatus>(3, "accounts.status");
    a.industry = r.str(4);
    a.region = r.str(5);
    a.annual_revenue = r.opt<Cents>(6);
    a.next_refresh_year = r.opt_i32(7);
    a.budget_month = r.opt_i32(8);
    a.comms_flow_notes = r.str(9);
    a.technician_id = r.opt<UserId>(10);
    a.notes = r.str(11);
    a.created_at = r.timestamp(12);
    a.updated_at = r.timestamp(13);
    return a;
}

Site read_site(const RowReader& r) {
    Site s;
    s.id = SiteId{r.i64(0)};
    s.org_id = OrgId{r.i64(1)};
    s.account_id = AccountId{r.i64(2)};
    s.name = r.str(3);
    s.street = r.str(4);
    s.city = r.str(5);
    s.state = r.str(6);
    s.postal_code = r.str(7);
    s.country = r.str(8);
    s.latitude = r.opt_f64(9);
    s.longitude = r.opt_f64(10);
    s.county_fips = r.str(11);
    s.nws_zone = r.str(12);
    s.tornado_alley = r.boolean(13);
    s.flood_zone = r.str(14);
    s.lightning_prone = r.boolean(15);
    s.access_notes = r.str(16);
    s.paging_dead_zones = r.str(17);
    s.created_at = r.timestamp(18);
    s.updated_at = r.timestamp(19);
    return s;
}

Contact read_contact(const RowReader& r) {
    Contact c;
    c.id = ContactId{r.i64(0)};
    c.org_id = OrgId{r.i64(1)};
    c.first_name = r.str(2);
    c.last_name = r.str(3);
    c.job_title = r.str(4);
    c.preferred_channel = r.enum_value<Channel>(5, "contacts.preferred_channel");
    c.preferred_hours = r.str(6);
    c.technical_level = r.enum_value<TechnicalLevel>(7, "contacts.technical_level");
    c.phone_habit = r.enum_value<PhoneHabit>(8, "contacts.phone_habit");
    c.communication_style = r.str(9);
    c.birthday = r.opt_date(10);
    c.family = r.str(11);
    c.interests = r.str(12);
    c.how_we_met = r.str(13);
    c.do_not_contact = r.boolean(14);
    c.notes = r.str(15);
    c.created_at = r.timestamp(16);
    c.updated_at = r.timestamp(17);
    return c;
}

Asset read_asset(const RowReader& r) {
    Asset a;
    a.id = AssetId{r.i64(0)};
    a.org_id = OrgId{r.i64(1)};
    a.site_id = SiteId{r.i64(2)};
    a.category = r.enum_value<AssetCategory>(3, "assets.category");
    a.make = r.str(4);
    a.model = r.str(5);
    a.serial = r.str(6);
    a.installed_on = r.opt_date(7);
    a.condition = r.enum_value<Condition>(8, "assets.condition");
    a.location = r.str(9);
    a.warranty_ends = r.opt_date(10);
    a.end_of_life = r.opt_date(11);
    a.forgets_holiday_greeting = r.opt_bool(12);
    a.notes = r.str(13);
    a.created_at = r.timestamp(14);
    a.updated_at = r.timestamp(15);
    return a;
}

// An account's assets and lines are read in the order of their site index (site, then id, no
// sort in SQL) and sorted here. Sorting in SQL cost a temporary B-tree of every row and column:
// with the contact policies read in one query, 14 % of SQLite's work on the account page
// (docs/benchmarks.md). Text compares byte by byte, as SQLite's BINARY collation did, so both
// databases give the same order; a line without a number comes first.
void sort_assets(std::vector<Asset>& assets) {
    std::sort(assets.begin(), assets.end(), [](const Asset& x, const Asset& y) {
        auto key = [](const Asset& a) {
            return std::tuple(a.site_id.value, to_name(a.category), std::string_view(a.make),
                              std::string_view(a.model), a.id.value);
        };
        return key(x) < key(y);
    });
}

void sort_lines(std::vector<Line>& lines) {
    std::sort(lines.begin(), lines.end(), [](const Line& x, const Line& y) {
        auto key = [](const Line& l) {
            return std::tuple(l.site_id.value, l.number.has_value(),
                              l.number ? std::string_view(l.number->e164) : std::string_view(),
                              std::string_view(l.circuit_id), l.id.value);
        };
        return key(x) < key(y);
    });
}

std::optional<PhoneNumber> read_phone(const RowReader& r, std::size_t first) {
    if (r.is_null(first)) {
        return std::nullopt;
    }
    return PhoneNumber{r.str(first), r.str(first + 1), r.str(first + 2)};
}

Line read_line(const RowReader& r) {
    Line l;
    l.id = LineId{r.i64(0)};
    l.org_id = OrgId{r.i64(1)};
    l.site_id = SiteId{r.i64(2)};
    l.number = read_phone(r, 3);
    l.circuit_id = r.str(6);
    l.carrier = r.str(7);
    l.type = r.enum_value<LineType>(8, "lines.type");
    l.status = r.enum_value<LineStatus>(9, "lines.status");
    l.bandwidth_down_kbps = r.opt_i64(10);
    l.bandwidth_up_kbps = r.opt_i64(11);
    l.monthly_charge = r.opt<Cents>(12);
    l.notes = r.str(13);
    l.created_at = r.timestamp(14);
    l.updated_at = r.timestamp(15);
    return l;
}

Note read_note(const RowReader& r) {
    Note n;
    n.id = NoteId{r.i64(0)};
    n.org_id = OrgId{r.i64(1)};
    n.account_id = AccountId{r.i64(2)};
    n.contact_id = r.opt<ContactId>(3);
    n.site_id = r.opt<SiteId>(4);
    n.author_id = UserId{r.i64(5)};
    n.body = r.str(6);
    n.created_at = r.timestamp(7);
    return n;
}

// ---------------------------------------------------------------------------------------------
// Search documents: what each kind of row contributes to the index.

SearchDocument account_document(const Account& a) {
    std::string body =
        fmt::format("{} {} {} {}", a.industry, a.region, a.comms_flow_notes, a.notes);
    std::string keywords;
    for (const auto& entry : a.comms_flow) {
        body += ' ' + entry.label + ' ' + entry.routes_to;
        if (entry.number) {
            keywords += ' ' + phone_search_text(entry.number->e164);
        }
    }
    return {SearchKind::kAccount, a.id.value, a.id, a.name, body, keywords};
}

SearchDocument site_document(const Site& s) {
    return {SearchKind::kSite,
            s.id.value,
            s.account_id,
            s.name,
            fmt::format("{} {} {} {} {} {}", s.street, s.city, s.state, s.postal_code,
                        s.access_notes, s.paging_dead_zones),
            ""};
}

SearchDocument contact_document(const Contact& c) {
    std::string body = fmt::format("{} {} {} {} {}", c.job_title, c.communication_style,
                                   c.interests, c.family, c.notes);
    for (const auto& link : c.accounts) {
        body += ' ' + link.role;
    }
    std::string keywords;
    for (const auto& phone : c.phones) {
        body += ' ' + phone.number.as_typed;
        keywords += ' ' + phone_search_text(phone.number.e164);
    }
    for (const auto& email : c.emails) {
        body += ' ' + email.address;
        keywords += ' ' + search_words(email.address);
    }
    std::optional<AccountId> account;
    if (!c.accounts.empty()) {
        account = c.accounts.front().account_id;
    }
    return {SearchKind::kContact, c.id.value, account, c.display_name(), body, keywords};
}

SearchDocument asset_document(const Asset& a, AccountId account) {
    return {SearchKind::kAsset,
            a.id.value,
            account,
            fmt::format("{} {} ({})", a.make, a.model, to_name(a.category)),
            fmt::format("{} {} {} {}", to_name(a.category), a.serial, a.location, a.notes),
            ""};
}

SearchDocument line_document(const Line& l, AccountId account) {
    std::string title = l.number ? l.number->as_typed : l.circuit_id;
    std::string body =
        fmt::format("{} {} {} {}", l.carrier, to_name(l.type), l.circuit_id, l.notes);
    std::string keywords = l.number ? phone_search_text(l.number->e164) : "";
    return {SearchKind::kLine, l.id.value, account, title, body, keywords};
}

std::string first_words(std::string_view text, std::size_t max_chars) {
    if (text.size() <= max_chars) {
        return std::string(text);
    }
    auto cut = text.rfind(' ', max_chars);
    if (cut == std::string_view::npos || cut < max_chars / 2) {
        cut = max_chars;
    }
    // Do not cut inside a UTF-8 sequence.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut;
    }
    return std::string(text.substr(0, cut)) + "…";
}

SearchDocument interaction_document(const Interaction& i) {
    return {SearchKind::kInteraction,
            i.id.value,
            i.account_id,
            fmt::format("{} {}", to_name(i.kind), format_date(date_of(i.occurred_at))),
            i.summary,
            ""};
}

SearchDocument note_document(const Note& n) {
    return {SearchKind::kNote, n.id.value, n.account_id, first_words(n.body, 60), n.body, ""};
}

AccountId account_of_site(StatementCache& q, OrgId org, SiteId site) {
    auto account = q.sql("SELECT account_id FROM sites WHERE org_id = :o AND id = :s")
                       .bind(org.value, site.value)
                       .first([](const RowReader& r) { return r.i64(0); });
    return AccountId{account.value_or(0)};
}

// Children of accounts and contacts -------------------------------------------------------------

// kNew: the row was just inserted, so it has no children to delete yet.
enum class Children { kNew, kReplace };

void write_comm_flow(StatementCache& q, const Account& a, Children children) {
    if (children == Children::kReplace) {
        q.sql("DELETE FROM comm_flow_entries WHERE org_id = :o AND account_id = :a")
            .bind(a.org_id.value, a.id.value)
            .exec();
    }
    int position = 0;
    for (const auto& e : a.comms_flow) {
        std::string kind(to_name(e.kind));
        std::optional<std::string> e164;
        std::optional<std::string> ext;
        std::optional<std::string> typed;
        if (e.number) {
            e164 = e.number->e164;
            ext = e.number->extension;
            typed = e.number->as_typed;
        }
        q.sql(
             "INSERT INTO comm_flow_entries (org_id, account_id, position, kind, label, "
             "number_e164, number_extension, number_as_typed, routes_to) "
             "VALUES (:o, :a, :p, :k, :l, :e, :x, :t, :r)")
            .bind(a.org_id.value, a.id.value, position, kind, e.label, e164, ext, typed,
                  e.routes_to)
            .exec();
        ++position;
    }
}

void load_comm_flows(StatementCache& q, OrgId org, std::vector<Account>& accounts) {
    if (accounts.empty()) {
        return;
    }
    auto add = [&accounts](AccountId account, CommFlowEntry e) {
        for (auto& a : accounts) {
            if (a.id == account) {
                a.comms_flow.push_back(std::move(e));
                break;
            }
        }
    };
    auto read = [](const RowReader& r) {
        CommFlowEntry e;
        e.kind = r.enum_value<CommFlowKind>(1, "comm_flow_entries.kind");
        e.label = r.str(2);
        e.number = read_phone(r, 3);
        e.routes_to = r.str(6);
        return e;
    };
    constexpr const char* kColumns =
        "SELECT account_id, kind, label, number_e164, number_extension, number_as_typed, "
        "routes_to FROM comm_flow_entries WHERE org_id = :o AND ";
    if (accounts.size() == 1) {
        // One account (its page, the API): a plain indexed lookup.
        q.sql(std::string(kColumns) + "account_id = :a ORDER BY position")
            .bind(org.value, accounts.front().id.value)
            .each([&](const RowReader& r) { add(AccountId{r.i64(0)}, read(r)); });
        return;
    }
    q.sql(std::string(kColumns) + in_id_list(q.dialect(), "account_id", "ids") +
          " ORDER BY account_id, position")
        .bind(org.value, join_ids(accounts))
        .each([&](const RowReader& r) { add(AccountId{r.i64(0)}, read(r)); });
}

void write_contact_children(StatementCache& q, const Contact& c, Children children) {
    if (children == Children::kReplace) {
        q.sql("DELETE FROM account_contacts WHERE org_id = :o AND contact_id = :c")
            .bind(c.org_id.value, c.id.value)
            .exec();
        q.sql("DELETE FROM contact_phones WHERE org_id = :o AND contact_id = :c")
            .bind(c.org_id.value, c.id.value)
            .exec();
        q.sql("DELETE FROM contact_emails WHERE org_id = :o AND contact_id = :c")
            .bind(c.org_id.value, c.id.value)
            .exec();
    }
    int position = 0;
    for (const auto& link : c.accounts) {
        int decision = link.decision_maker ? 1 : 0;
        q.sql(
             "INSERT INTO account_contacts (org_id, account_id, contact_id, position, role, "
             "decision_maker) VALUES (:o, :a, :c, :p, :r, :d)")
            .bind(c.org_id.value, link.account_id.value, c.id.value, position, link.role, decision)
            .exec();
        ++position;
    }
    position = 0;
    for (const auto& phone : c.phones) {
        q.sql(
             "INSERT INTO contact_phones (org_id, contact_id, position, label, e164, extension, "
             "as_typed) VALUES (:o, :c, :p, :l, :e, :x, :t)")
            .bind(c.org_id.value, c.id.value, position, phone.label, phone.number.e164,
                  phone.number.extension, phone.number.as_typed)
            .exec();
        ++position;
    }
    position = 0;
    for (const auto& email : c.emails) {
        q.sql(
             "INSERT INTO contact_emails (org_id, contact_id, position, label, address) "
             "VALUES (:o, :c, :p, :l, :a)")
            .bind(c.org_id.value, c.id.value, position, email.label, email.address)
            .exec();
        ++position;
    }
}

void load_contact_children(StatementCache& q, OrgId org, std::vector<Contact>& contacts) {
    if (contacts.empty()) {
        return;
    }
    std::string ids = join_ids(contacts);
    auto find = [&](std::int64_t id) -> Contact* {
        for (auto& c : contacts) {
            if (c.id.value == id) {
                return &c;
            }
        }
        return nullptr;
    };
    // One contact (its page, a validation lookup): a plain indexed lookup; a page: one list.
    bool one = contacts.size() == 1;
    std::string in_list =
        one ? std::string("contact_id = :id") : in_id_list(q.dialect(), "contact_id", "ids");
    auto run = [&](const std::string& sql, auto&& on_row) {
        auto statement = q.sql(sql);
        if (one) {
            statement.bind(org.value, contacts.front().id.value);
        } else {
            statement.bind(org.value, ids);
        }
        statement.each(on_row);
    };
    run("SELECT contact_id, account_id, role, decision_maker FROM account_contacts WHERE "
        "org_id = :o AND " +
            in_list + " ORDER BY contact_id, position",
        [&](const RowReader& r) {
            if (Contact* c = find(r.i64(0))) {
                c->accounts.push_back({AccountId{r.i64(1)}, r.str(2), r.boolean(3)});
            }
        });
    run("SELECT contact_id, label, e164, extension, as_typed FROM contact_phones "
        "WHERE org_id = :o AND " +
            in_list + " ORDER BY contact_id, position",
        [&](const RowReader& r) {
            if (Contact* c = find(r.i64(0))) {
                c->phones.push_back({r.str(1), PhoneNumber{r.str(2), r.str(3), r.str(4)}});
            }
        });
    run("SELECT contact_id, label, address FROM contact_emails WHERE org_id = :o AND " + in_list +
            " ORDER BY contact_id, position",
        [&](const RowReader& r) {
            if (Contact* c = find(r.i64(0))) {
                c->emails.push_back({r.str(1), r.str(2)});
            }
        });
}

}  // namespace

const char* const kInteractionColumns =
    "id, org_id, account_id, contact_id, site_id, user_id, kind, direction, outcome, "
    "occurred_at, duration_minutes, summary, created_at";

Interaction read_interaction(const RowReader& r) {
    Interaction i;
    i.id = InteractionId{r.i64(0)};
    i.org_id = OrgId{r.i64(1)};
    i.account_id = AccountId{r.i64(2)};
    i.contact_id = r.opt<ContactId>(3);
    i.site_id = r.opt<SiteId>(4);
    i.user_id = UserId{r.i64(5)};
    i.kind = r.enum_value<InteractionKind>(6, "interactions.kind");
    i.direction = r.enum_value<Direction>(7, "interactions.direction");
    i.outcome = r.enum_value<Outcome>(8, "interactions.outcome");
    i.occurred_at = r.timestamp(9);
    i.duration_minutes = r.opt_i32(10);
    i.summary = r.str(11);
    i.created_at = r.timestamp(12);
    return i;
}

// ---------------------------------------------------------------------------------------------

Result<Ok> SqlRecordStore::transaction(const std::function<Result<Ok>()>& work) {
    return db_.transaction(work);
}

Result<Ok> SqlRecordStore::read_snapshot(const std::function<Result<Ok>()>& work) {
    return db_.transaction(work, Access::kReadOnly);
}

Result<OrgId> SqlRecordStore::insert_organisation(const Organisation& org) {
    return guarded("insert_organisation", [&]() -> Result<OrgId> {
        auto s = db_.session();
        std::string created = format_timestamp(org.created_at);
        return OrgId{s.statements()
                         .sql("INSERT INTO organisations (name, slug, phone_region, created_at) "
                              "VALUES (:n, :s, :r, :c) RETURNING id")
                         .bind(org.name, org.slug, org.phone_region, created)
                         .returning_id()};
    });
}

Result<Organisation> SqlRecordStore::find_organisation(OrgId id) {
    return guarded("find_organisation", [&]() -> Result<Organisation> {
        auto s = db_.session();
        auto found = s.statements()
                         .sql(fmt::format("SELECT {} FROM organisations WHERE id = :i",
                                          kOrganisationColumns))
                         .bind(id.value)
                         .first(read_organisation);
        if (!found) {
            return not_found_row("organisation", id.value);
        }
        return std::move(*found);
    });
}

Result<Organisation> SqlRecordStore::find_organisation_by_slug(std::string_view slug) {
    return guarded("find_organisation_by_slug", [&]() -> Result<Organisation> {
        auto s = db_.session();
        std::string key(slug);
        auto found = s.statements()
                         .sql(fmt::format("SELECT {} FROM organisations WHERE slug = :s",
                                          kOrganisationColumns))
                         .bind(key)
                         .first(read_organisation);
        if (!found) {
            return Error::not_found("organisation", key);
        }
        return std::move(*found);
    });
}

Result<std::vector<Organisation>> SqlRecordStore::list_organisations() {
    return guarded("list_organisations", [&]() -> Result<std::vector<Organisation>> {
        auto s = db_.session();
        return s.statements()
            .sql(fmt::format("SELECT {} FROM organisations ORDER BY id", kOrganisationColumns))
            .bind()
            .all(read_organisation);
    });
}

Result<UserId> SqlRecordStore::insert_user(const User& user) {
    return guarded("insert_user", [&]() -> Result<UserId> {
        auto s = db_.session();
        std::string role(to_name(user.role));
        std::string created = format_timestamp(user.created_at);
        return UserId{s.statements()
                          .sql("INSERT INTO users (org_id, email, display_name, role, created_at) "
                               "VALUES (:o, :e, :n, :r, :c) RETURNING id")
                          .bind(user.org_id.value, user.email, user.display_name, role, created)
                          .returning_id()};
    });
}

Result<User> SqlRecordStore::find_user(OrgId org, UserId id) {
    return guarded("find_user", [&]() -> Result<User> {
        auto s = db_.session();
        auto found = s.statements()
                         .sql(fmt::format("SELECT {} FROM users WHERE org_id = :o AND id = :i",
                                          kUserColumns))
                         .bind(org.value, id.value)
                         .first(read_user);
        if (!found) {
            return not_found_row("user", id.value);
        }
        return std::move(*found);
    });
}

Result<User> SqlRecordStore::find_user_by_email(OrgId org, std::string_view email) {
    return guarded("find_user_by_email", [&]() -> Result<User> {
        auto s = db_.session();
        std::string key(email);
        auto found =
            s.statements()
                .sql(fmt::format("SELECT {} FROM users WHERE org_id = :o AND email = lower(:e)",
                                 kUserColumns))
                .bind(org.value, key)
                .first(read_user);
        if (!found) {
            return Error::not_found("user", key);
        }
        return std::move(*found);
    });
}

Result<std::vector<User>> SqlRecordStore::list_users(OrgId org) {
    return guarded("list_users", [&]() -> Result<std::vector<User>> {
        auto s = db_.session();
        return s.statements()
            .sql(fmt::format("SELECT {} FROM users WHERE org_id = :o ORDER "
                             "BY id",
                             kUserColumns))
            .bind(org.value)
            .all(read_user);
    });
}

// Accounts -------------------------------------------------------------------------------------

Result<AccountId> SqlRecordStore::insert_account(const Account& a) {
    return guarded("insert_account", [&]() -> Result<AccountId> {
        auto s = db_.session();
        StatementCache& q = s.statements();
        std::string status(to_name(a.status));
        std::string created = format_timestamp(a.created_at);
        std::string updated = format_timestamp(a.updated_at);
        auto revenue = opt_cents(a.annual_revenue);
        auto technician = opt_id(a.technician_id);
        Account stored = a;
        stored.id = AccountId{
            q.sql("INSERT INTO accounts (org_id, name, status, industry, region, "
                  "annual_revenue_cents, next_refresh_year, budget_month, comms_flow_notes, "
                  "technician_id, notes, created_at, updated_at) VALUES (:o, :n, :st, :i, :r, "
                  ":rev, :y, :m, :cf, :t, :notes, :c, :u) RETURNING id")
                .bind(a.org_id.value, a.name, status, a.industry, a.region, revenue,
                      a.next_refresh_year, a.budget_month, a.comms_flow_notes, technician, a.notes,
                      created, updated)
                .returning_id()};
        write_comm_flow(q, stored, Children::kNew);
        index_document(q, a.org_id, account_document(stored));
        return stored.id;
    });
}

Result<Ok> SqlRecordStore::update_account(const Account& a) {
    return guarded("update_account", [&]() -> Result<Ok> {
        auto s = db_.session();
        StatementCache& q = s.statements();
        std::string status(to_name(a.status));
        std::string updated = format_timestamp(a.updated_at);
        auto revenue = opt_cents(a.annual_revenue);
        auto technician = opt_id(a.technician_id);
        long long changed =
            q.sql(
                 "UPDATE accounts SET name = :n, status = :st, industry = :i, "
                 "region = :r, annual_revenue_cents = :rev, next_refresh_year = :y, "
                 "budget_month = :m, comms_flow_notes = :cf, technician_id = :t, "
                 "notes = :notes, updated_at = :u WHERE org_id = :o AND id = :id")
                .bind(a.name, status, a.industry, a.region, revenue, a.next_refresh_year,
                      a.budget_month, a.comms_flow_notes, technician, a.notes, updated,
                      a.org_id.value, a.id.value)
                .exec();
        if (changed == 0) {
            return not_found_row("account", a.id.value);
        }
        write_comm_flow(q, a, Children::kReplace);
        index_document(q, a.org_id, account_document(a));
        return Ok{};
    });
}

Result<Account> SqlRecordStore::find_account(OrgId org, AccountId id) {
    return guarded("find_account", [&]() -> Result<Account> {
        auto s = db_.session();
        StatementCache& q = s.statements();
        std::vector<Account> found;
        auto account = q.sql(fmt::format("SELECT {} FROM accounts WHERE org_id = :o AND id = :i",
                                         kAccountColumns))
                           .bind(org.value, id.value)
                           .first(read_account);
        if (!account) {
            return not_found_row("account", id.value);
        }
        found.push_back(std::move(*account));
        load_comm_flows(q, org, found);
        return std::move(found.front());
    });
}

Result<Ok> SqlRecordStore::account_exists(OrgId org, AccountId id) {
    return guarded("account_exists", [&]() -> Result<Ok> {
        auto s = db_.session();
        auto found = s.statements()
                         .sql("SELECT 1 FROM accounts WHERE org_id = :o AND id = :i")
                         .bind(org.value, id.value)
                         .first([](const RowReader&) { return true; });
        if (!found) {
            return not_found_row("account", id.value);
        }
        return Ok{};
    });
}

Result<PageOf<Account>> SqlRecordStore::list_accounts(OrgId org,
                                                      const AccountFilter& filter,
                                                      Page page) {
    return guarded("list_accounts", [&]() -> Result<PageOf<Account>> {
        auto s = db_.session();
        StatementCache& q = s.statements();
        std::string status = filter.status ? std::string(to_name(*filter.status)) : "";
        long long tech = filter.technician_id ? filter.technician_id->value : 0;
        std::string prefix = filter.name_prefix.empty() ? "" : like_prefix(filter.name_prefix);
        PageOf<Account> result;
        result.page = {std::max(page.number, 1), page_limit(page)};
        int limit = page_limit(page);
        int offset = page_offset(page);
        // The placeholders in the order they appear in kAccountFilter.
        result.total = q.sql(std::string("SELECT COUNT(*)") + kAccountFilter)
                           .bind(org.value, status, status, filter.region, filter.region, tech,
                                 tech, prefix, prefix)
                           .returning_id();
        result.items =
            q.sql(fmt::format("SELECT {}{} ORDER BY lower(name), id LIMIT :lim OFFSET :off",
                              kAccountColumns, kAccountFilter))
                .bind(org.value, status, status, filter.region, filter.region, tech, tech, prefix,
                      prefix, limit, offset)
                .all(read_account);
        load_comm_flows(q, org, result.items);
        return result;
    });
}

// Sites ----------------------------------------------------------------------------------------

Result<SiteId> SqlRecordStore::insert_site(const Site& site) {
    return guarded("insert_site", [&]() -> Result<SiteId> {
        auto s = db_.session();
        StatementCache& q = s.statements();
        std::string created = format_timestamp(site.created_at);
        std::string updated = format_timestamp(site.updated_at);
        int tornado = site.tornado_alley ? 1 : 0;
        int lightning = site.lightning_prone ? 1 : 0;
        Site stored = site;
        stored.id = SiteId{
            q.sql("INSERT INTO sites (org_id, account_id, name, street, city, state, "
                  "postal_code, country, latitude, longitude, county_fips, nws_zone, "
                  "tornado_alley, flood_zone, lightning_prone, access_notes, paging_dead_zones, "
                  "created_at, updated_at) VALUES (:o, :a, :n, :st, :ci, :sta, :pc, :co, :lat, "
                  ":lon, :f, :z, :t, :fl, :l, :an, :pd, :c, :u) RETURNING id")
                .bind(site.org_id.value, site.account_id.value, site.name, site.street, site.city,
                      site.state, site.postal_code, site.country, site.latitude, site.longitude,
                      site.county_fips, site.nws_zone, tornado, site.flood_zone, lightning,
                      site.access_notes, site.paging_dead_zones, created, updated)
                .returning_id()};
        index_document(q, site.org_id, site_document(stored));
        return stored.id;
    });
}

Result<Ok> SqlRecordStore::update_site(const Site& site) {
    return guarded("update_site", [&]() -> Result<Ok> {
        auto s = db_.session();
        StatementCache& q = s.statements();
        std::string updated = format_timestamp(site.updated_at);
        int tornado = site.tornado_alley ? 1 : 0;
        int lightning = site.lightning_prone ? 1 : 0;
        long long changed =
            q.sql(
                 "UPDATE sites SET account_id = :a, name = :n, street = :st, "
                 "city = :ci, state = :sta, postal_code = :pc, country = :co, "
                 "latitude = :lat, longitude = :lon, county_fips = :f, nws_zone = :z, "
                 "tornado_alley = :t, flood_zone = :fl, lightning_prone = :l, "
                 "access_notes = :an, paging_dead_zones = :pd, updated_at = :u "
                 "WHERE org_id = :o AND id = :id")
                .bind(site.account_id.value, site.name, site.street, site.city, site.state,
                      site.postal_code, site.country, site.latitude, site.longitude,
                      site.county_fips, site.nws_zone, tornado, site.flood_zone, lightning,
                      site.access_notes, site.paging_dead_zones, updated, site.org_id.value,
                      site.id.value)
                .exec();
        if (changed == 0) {
            return not_found_row("site", site.id.value);
        }
        index_document(q, site.org_id, site_document(site));
        return Ok{};
    });
}

Result<Site> SqlRecordStore::find_site(OrgId org, SiteId id) {
    return guarded("find_site", [&]() -> Result<Site> {
        auto s = db_.session();
        auto found = s.statements()
                         .sql(fmt::format("SELECT {} FROM sites WHERE org_id = :o AND id = :i",
                                          kSiteColumns))
                         .bind(org.value, id.value)
                         .first(read_site);
        if (!found) {
            return not_found_row("site", id.value);
        }
        return std::move(*found);
    });
}

Result<std::vector<Site>> SqlRecordStore::list_sites(OrgId org, AccountId account) {
    return guarded("list_sites", [&]() -> Result<std::vector<Site>> {
        auto s = db_.session();
        return s.statements()
            .sql(fmt::format("SELECT {} FROM sites WHERE org_id = :o AND "
                             "account_id = :a ORDER BY name, id",
                             kSiteColumns))
            .bind(org.value, account.value)
            .all(read_site);
    });
}

// Contacts -------------------------------------------------------------------------------------

Result<ContactId> SqlRecordStore::insert_contact(const Contact& c) {
    return guarded("insert_contact", [&]() -> Result<ContactId> {
        auto s = db_.session();
        StatementCache& q = s.statements();
        std::string channel(to_name(c.preferred_channel));
        std::string level(to_name(c.technical_level));
        std::string habit(to_name(c.phone_habit));
        auto birthday = opt_date(c.birthday);
        int dnc = c.do_not_contact ? 1 : 0;
        std::string created = format_timestamp(c.created_at);
        std::string updated = format_timestamp(c.updated_at);
        Contact stored = c;
        stored.id = ContactId{
            q.sql("INSERT INTO contacts (org_id, first_name, last_name, job_title, "
                  "preferred_channel, preferred_hours, technical_level, phone_habit, "
                  "communication_style, birthday, family, interests, how_we_met, do_not_contact, "
                  "notes, created_at, updated_at) VALUES (:o, :fn, :ln, :jt, :pc, :ph, :tl, "
                  ":hab, :cs, :b, :f, :i, :h, :d, :n, :c, :u) RETURNING id")
                .bind(c.org_id.value, c.first_name, c.last_name, c.job_title, channel,
                      c.preferred_hours, level, habit, c.communication_style, birthday, c.family,
                      c.interests, c.how_we_met, dnc, c.notes, created, updated)
                .returning_id()};
        write_contact_children(q, stored, Children::kNew);
        index_document(q, c.org_id, contact_document(stored));
        return stored.id;
    });
}

Result<Ok> SqlRecordStore::insert_contacts(std::vector<Contact>& contacts) {
    if (contacts.empty()) {
        return Ok{};
    }
    // Its own transaction when the caller has none (it joins the caller's otherwise): the ids
    // are taken before the rows are written.
    return db_.transaction([&]() -> Result<Ok> {
        return guarded("insert_contacts", [&]() -> Result<Ok> {
            auto s = db_.session();
            StatementCache& q = s.statements();
            std::vector<std::int64_t> ids;
            ids.reserve(contacts.size());
            auto n = static_cast<std::int64_t>(contacts.size());
            if (q.dialect() == Dialect::kSqlite) {
                // Inside the write transaction (BEGIN IMMEDIATE) no one else inserts: these are
                // the ids SQLite would give the rows one by one (the largest id + 1 onwards).
                std::int64_t last =
                    q.sql("SELECT COALESCE(MAX(id), 0) FROM contacts").returning_id();
                for (std::int64_t i = 1; i <= n; ++i) {
                    ids.push_back(last + i);
                }
            } else {
                q.sql(
                     "SELECT nextval(pg_get_serial_sequence('contacts', 'id')) "
                     "FROM generate_series(1, :n)")
                    .bind(n)
                    .each([&](const RowReader& r) { ids.push_back(r.i64(0)); });
                std::sort(ids.begin(), ids.end());
                if (ids.size() != contacts.size()) {
                    return Error{ErrorCode::kInternal, "The contacts could not be saved.",
                                 "nextval returned fewer ids than asked"};
                }
            }
            BulkInsert rows(
                s, "contacts",
                {"id", "org_id", "first_name", "last_name", "job_title", "preferred_channel",
                 "preferred_hours", "technical_level", "phone_habit", "communication_style",
                 "birthday", "family", "interests", "how_we_met", "do_not_contact", "notes",
                 "created_at", "updated_at"});
            // A batch shares its times (RecordService::insert_checked_contacts): format once.
            Timestamp created_at{};
            Timestamp updated_at{};
            std::string created = format_timestamp(created_at);
            std::string updated = created;
            for (std::size_t i = 0; i < contacts.size(); ++i) {
                Contact& c = contacts[i];
                c.id = ContactId{ids[i]};
                if (c.created_at != created_at) {
                    created_at = c.created_at;
                    created = format_timestamp(created_at);
                }
                if (c.updated_at != updated_at) {
                    updated_at = c.updated_at;
                    updated = format_timestamp(updated_at);
                }
                rows.integer(c.id.value)
                    .integer(c.org_id.value)
                    .text(c.first_name)
                    .text(c.last_name)
                    .text(c.job_title)
                    .text(to_name(c.preferred_channel))
                    .text(c.preferred_hours)
                    .text(to_name(c.technical_level))
                    .text(to_name(c.phone_habit))
                    .text(c.communication_style)
                    .opt_text(opt_date(c.birthday))
                    .text(c.family)
                    .text(c.interests)
                    .text(c.how_we_met)
                    .integer(c.do_not_contact ? 1 : 0)
                    .text(c.notes)
                    .text(created)
                    .text(updated)
                    .end_row();
            }
            rows.finish();
            BulkInsert links(
                s, "account_contacts",
                {"org_id", "account_id", "contact_id", "position", "role", "decision_maker"});
            BulkInsert phones(
                s, "contact_phones",
                {"org_id", "contact_id", "position", "label", "e164", "extension", "as_typed"});
            BulkInsert emails(s, "contact_emails",
                              {"org_id", "contact_id", "position", "label", "address"});
            std::vector<std::pair<OrgId, SearchDocument>> documents;
            documents.reserve(contacts.size());
            for (const Contact& c : contacts) {
                std::int64_t position = 0;
                for (const auto& link : c.accounts) {
                    links.integer(c.org_id.value)
                        .integer(link.account_id.value)
                        .integer(c.id.value)
                        .integer(position++)
                        .text(link.role)
                        .integer(link.decision_maker ? 1 : 0)
                        .end_row();
                }
                position = 0;
                for (const auto& phone : c.phones) {
                    phones.integer(c.org_id.value)
                        .integer(c.id.value)
                        .integer(position++)
                        .text(phone.label)
                        .text(phone.number.e164)
                        .text(phone.number.extension)
                        .text(phone.number.as_typed)
                        .end_row();
                }
                position = 0;
                for (const auto& email : c.emails) {
                    emails.integer(c.org_id.value)
                        .integer(c.id.value)
                        .integer(position++)
                        .text(email.label)
                        .text(email.address)
                        .end_row();
                }
                documents.emplace_back(c.org_id, contact_document(c));
            }
            links.finish();
            phones.finish();
            emails.finish();
            index_new_documents(s, documents);
            return Ok{};
        });
    });
}

Result<Ok> SqlRecordStore::update_contact(const Contact& c) {
    return guarded("update_contact", [&]() -> Result<Ok> {
        auto s = db_.session();
        StatementCache& q = s.statements();
        std::string channel(to_name(c.preferred_channel));
        std::string level(to_name(c.technical_level));
        std::string habit(to_name(c.phone_habit));
        auto birthday = opt_date(c.birthday);
        int dnc = c.do_not_contact ? 1 : 0;
        std::string updated = format_timestamp(c.updated_at);
        long long changed =
            q.sql(
                 "UPDATE contacts SET first_name = :fn, last_name = :ln, "
                 "job_title = :jt, preferred_channel = :pc, preferred_hours = :ph, "
                 "technical_level = :tl, phone_habit = :hab, communication_style = :cs, "
                 "birthday = :b, family = :f, interests = :i, how_we_met = :h, "
                 "do_not_contact = :d, notes = :n, updated_at = :u "
                 "WHERE org_id = :o AND id = :id")
                .bind(c.first_name, c.last_name, c.job_title, channel, c.preferred_hours, level,
                      habit, c.communication_style, birthday, c.family, c.interests, c.how_we_met,
                      dnc, c.notes, updated, c.org_id.value, c.id.value)
                .exec();
        if (changed == 0) {
            return not_found_row("contact", c.id.value);
        }
        write_contact_children(q, c, Children::kReplace);
        index_document(q, c.org_id, contact_document(c));
        return Ok{};
    });
}

Result<Contact> SqlRecordStore::find_contact(OrgId org, ContactId id) {
    return guarded("find_contact", [&]() -> Result<Contact> {
        auto s = db_.session();
        StatementCache& q = s.statements();
        auto contact = q.sql(fmt::format("SELECT {} FROM contacts WHERE org_id = :o AND id = :i",
                                         kContactColumns))
                           .bind(org.value, id.value)
                           .first(read_contact);
        if (!contact) {
            return not_found_row("contact", id.value);
        }
        std::vector<Contact> found;
        found.push_back(std::move(*contact));
        load_contact_children(q, org, found);
        return std::move(found.front());
    });
}

Result<Ok> SqlRecordStore::contact_exists(OrgId org, ContactId id) {
    return guarded("contact_exists", [&]() -> Result<Ok> {
        auto s = db_.session();
        auto found = s.statements()
                         .sql("SELECT 1 FROM contacts WHERE org_id = :o AND id = :i")
                         .bind(org.value, id.value)
                         .first([](const RowReader&) { return true; });
        if (!found) {
            return not_found_row("contact", id.value);
        }
        return Ok{};
    });
}

Result<PageOf<Contact>> SqlRecordStore::list_contacts(OrgId org,
                                                      std::optional<AccountId> account,
                                                      Page page) {
    return guarded("list_contacts", [&]() -> Result<PageOf<Contact>> {
        auto s = db_.session();
        StatementCache& q = s.statements();
        PageOf<Contact> result;
        result.page = {std::max(page.number, 1), page_limit(page)};
        int limit = page_limit(page);
        int offset = page_offset(page);
        // One account's contacts: its links first (index seek), then each contact by its key.
        // Both "(:a = 0 OR EXISTS ...)" and "c.id IN (SELECT ...)" let SQLite, which has no
        // statistics, walk every contact of the organisation instead (90 % of the account
        // page's time at 10,000 accounts), and so does a plain JOIN, to read the contacts in
        // name order. CROSS JOIN keeps SQLite's join order; PostgreSQL plans it as an inner
        // join. A link is unique per (account, contact).
        const std::string filter =
            account ? std::string(
                          " FROM account_contacts ac CROSS JOIN contacts c WHERE c.id = "
                          "ac.contact_id AND c.org_id = :o AND ac.org_id = :o2 AND "
                          "ac.account_id = :a")
                    : std::string(" FROM contacts c WHERE c.org_id = :o");
        const long long account_id = account ? account->value : 0;
        result.total = account ? q.sql("SELECT COUNT(*)" + filter)
                                     .bind(org.value, org.value, account_id)
                                     .returning_id()
                               : q.sql("SELECT COUNT(*)" + filter).bind(org.value).returning_id();
        std::string columns = fmt::format("c.{}", kContactColumns);
        // Prefix every column with the table alias.
        std::string prefixed;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            prefixed += columns[i];
            if (columns[i] == ' ' && i > 0 && columns[i - 1] == ',') {
                prefixed += "c.";
            }
        }
        std::string select = fmt::format(
            "SELECT {}{} ORDER BY c.last_name, c.first_name, c.id LIMIT :lim OFFSET :off", prefixed,
            filter);
        result.items = account ? q.sql(select)
                                     .bind(org.value, org.value, account_id, limit, offset)
                                     .all(read_contact)
                               : q.sql(select).bind(org.value, limit, offset).all(read_contact);
        load_contact_children(q, org, result.items);
        return result;
    });
}

// Assets ---------------------------------------------------------------------------------------

Result<AssetId> SqlRecordStore::insert_asset(const Asset& a) {
    return guarded("insert_asset", [&]() -> Result<AssetId> {
        auto s = db_.session();
        StatementCache& q = s.statements();
        std::string category(to_name(a.category));
        std::string condition(to_name(a.condition));
        auto installed = opt_date(a.installed_on);
        auto warranty = opt_date(a.warranty_ends);
        auto eol = opt_date(a.end_of_life);
        auto forgets = opt_bool(a.forgets_holiday_greeting);
        std::string created = format_timestamp(a.created_at);
        std::string updated = format_timestamp(a.updated_at);
        Asset stored = a;
        stored.id = AssetId{
            q.sql("INSERT INTO assets (org_id, site_id, category, make, model, serial, "
                  "installed_on, condition, location, warranty_ends, end_of_life, "
                  "forgets_holiday_greeting, notes, created_at, updated_at) VALUES (:o, :s, "
                  ":cat, :mk, :md, :sn, :i, :cond, :loc, :w, :e, :f, :n, :c, :u) RETURNING id")
                .bind(a.org_id.value, a.site_id.value, category, a.make, a.model, a.serial,
                      installed, condition, a.location, warranty, eol, forgets, a.notes, created,
                      updated)
                .returning_id()};
        index_document(q, a.org_id,
                       asset_document(stored, account_of_site(q, a.org_id, a.site_id)));
        return stored.id;
    });
}

Result<Ok> SqlRecordStore::update_asset(const Asset& a) {
    return guarded("update_asset", [&]() -> Result<Ok> {
        auto s = db_.session();
        StatementCache& q = s.statements();
        std::string category(to_name(a.category));
        std::string condition(to_name(a.condition));
        auto installed = opt_date(a.installed_on);
        auto warranty = opt_date(a.warranty_ends);
        auto eol = opt_date(a.end_of_life);
        auto forgets = opt_bool(a.forgets_holiday_greeting);
        std::string updated = format_timestamp(a.updated_at);
        long long changed = q.sql(
                                 "UPDATE assets SET site_id = :s, category = :cat, make = :mk, "
                                 "model = :md, serial = :sn, installed_on = :i, condition = :cond, "
                                 "location = :loc, warranty_ends = :w, end_of_life = :e, "
                                 "forgets_holiday_greeting = :f, notes = :n, updated_at = :u "
                                 "WHERE org_id = :o AND id = :id")
                                .bind(a.site_id.value, category, a.make, a.model, a.serial,
                                      installed, condition, a.location, warranty, eol, forgets,
                                      a.notes, updated, a.org_id.value, a.id.value)
                                .exec();
        if (changed == 0) {
            return not_found_row("asset", a.id.value);
        }
        index_document(q, a.org_id, asset_document(a, account_of_site(q, a.org_id, a.site_id)));
        return Ok{};
    });
}

Result<Asset> SqlRecordStore::find_asset(OrgId org, AssetId id) {
    return guarded("find_asset", [&]() -> Result<Asset> {
        auto s = db_.session();
        auto found =
            s.statements()
                .sql(fmt::format("SELECT {} FROM assets a WHERE a.org_id = :o AND a.id = :i",
                                 kAssetColumns))
                .bind(org.value, id.value)
                .first(read_asset);
        if (!found) {
            return not_found_row("asset", id.value);
        }
        return std::move(*found);
    });
}

Result<std::vector<Asset>> SqlRecordStore::list_assets_of_site(OrgId org, SiteId site) {
    return guarded("list_assets_of_site", [&]() -> Result<std::vector<Asset>> {
        auto s = db_.session();
        return s.statements()
            .sql(fmt::format("SELECT {} FROM assets a WHERE a.org_id = :o AND "
                             "a.site_id = :s ORDER BY a.category, a.make, a.model, a.id",
                             kAssetColumns))
            .bind(org.value, site.value)
            .all(read_asset);
    });
}

Result<std::vector<Asset>> SqlRecordStore::list_assets_of_account(OrgId org, AccountId account) {
    return guarded("list_assets_of_account", [&]() -> Result<std::vector<Asset>> {
        auto s = db_.session();
        std::vector<Asset> assets =
            s.statements()
                .sql(fmt::format(
                    // The account's sites first (an index seek), then their assets: a join
                    // written the other way round made SQLite scan every asset of the org.
                    // In the index's order; sorted below (see sort_assets).
                    "SELECT {} FROM assets a WHERE a.org_id = :o AND a.site_id IN (SELECT si.id "
                    "FROM sites si WHERE si.org_id = :o2 AND si.account_id = :a) "
                    "ORDER BY a.site_id, a.id",
                    kAssetColumns))
                .bind(org.value, org.value, account.value)
                .all(read_asset);
        sort_assets(assets);
        return assets;
    });
}

// Lines ----------------------------------------------------------------------------------------

Result<LineId> SqlRecordStore::insert_line(const Line& l) {
    return guarded("insert_line", [&]() -> Result<LineId> {
        auto s = db_.session();
        StatementCache& q = s.statements();
        std::optional<std::string> e164;
        std::optional<std::string> ext;
        std::optional<std::string> typed;
        if (l.number) {
            e164 = l.number->e164;
            ext = l.number->extension;
            typed = l.number->as_typed;
        }
        std::string type(to_name(l.type));
        std::string status(to_name(l.status));
        auto charge = opt_cents(l.monthly_charge);
        std::string created = format_timestamp(l.created_at);
        std::string updated = format_timestamp(l.updated_at);
        Line stored = l;
        stored.id = LineId{
            q.sql("INSERT INTO lines (org_id, site_id, number_e164, number_extension, "
                  "number_as_typed, circuit_id, carrier, type, status, bandwidth_down_kbps, "
                  "bandwidth_up_kbps, monthly_charge_cents, notes, created_at, updated_at) VALUES "
                  "(:o, :s, :e, :x, :t, :ci, :ca, :ty, :st, :bd, :bu, :m, :n, :c, :u) RETURNING id")
                .bind(l.org_id.value, l.site_id.value, e164, ext, typed, l.circuit_id, l.carrier,
                      type, status, l.bandwidth_down_kbps, l.bandwidth_up_kbps, charge, l.notes,
                      created, updated)
                .returning_id()};
        index_document(q, l.org_id, line_document(stored, account_of_site(q, l.org_id, l.site_id)));
        return stored.id;
    });
}

Result<Ok> SqlRecordStore::update_line(const Line& l) {
    return guarded("update_line", [&]() -> Result<Ok> {
        auto s = db_.session();
        StatementCache& q = s.statements();
        std::optional<std::string> e164;
        std::optional<std::string> ext;
        std::optional<std::string> typed;
        if (l.number) {
            e164 = l.number->e164;
            ext = l.number->extension;
            typed = l.number->as_typed;
        }
        std::string type(to_name(l.type));
        std::string status(to_name(l.status));
        auto charge = opt_cents(l.monthly_charge);
        std::string updated = format_timestamp(l.updated_at);
        long long changed =
            q.sql(
                 "UPDATE lines SET site_id = :s, number_e164 = :e, "
                 "number_extension = :x, number_as_typed = :t, circuit_id = :ci, "
                 "carrier = :ca, type = :ty, status = :st, bandwidth_down_kbps = :bd, "
                 "bandwidth_up_kbps = :bu, monthly_charge_cents = :m, notes = :n, "
                 "updated_at = :u WHERE org_id = :o AND id = :id")
                .bind(l.site_id.value, e164, ext, typed, l.circuit_id, l.carrier, type, status,
                      l.bandwidth_down_kbps, l.bandwidth_up_kbps, charge, l.notes, updated,
                      l.org_id.value, l.id.value)
                .exec();
        if (changed == 0) {
            return not_found_row("line", l.id.value);
        }
        index_document(q, l.org_id, line_document(l, account_of_site(q, l.org_id, l.site_id)));
        return Ok{};
    });
}

Result<Line> SqlRecordStore::find_line(OrgId org, LineId id) {
    return guarded("find_line", [&]() -> Result<Line> {
        auto s = db_.session();
        auto found =
            s.statements()
                .sql(fmt::format("SELECT {} FROM lines l WHERE l.org_id = :o AND l.id = :i",
                                 kLineColumns))
                .bind(org.value, id.value)
                .first(read_line);
        if (!found) {
            return not_found_row("line", id.value);
        }
        return std::move(*found);
    });
}

Result<std::vector<Line>> SqlRecordStore::list_lines_of_site(OrgId org, SiteId site) {
    return guarded("list_lines_of_site", [&]() -> Result<std::vector<Line>> {
        auto s = db_.session();
        return s.statements()
            .sql(fmt::format("SELECT {} FROM lines l WHERE l.org_id = :o AND "
                             "l.site_id = :s ORDER BY l.number_e164, l.circuit_id, l.id",
                             kLineColumns))
            .bind(org.value, site.value)
            .all(read_line);
    });
}

Result<std::vector<Line>> SqlRecordStore::list_lines_of_account(OrgId org, AccountId account) {
    return guarded("list_lines_of_account", [&]() -> Result<std::vector<Line>> {
        auto s = db_.session();
        std::vector<Line> lines =
            s.statements()
                .sql(fmt::format(
                    "SELECT {} FROM lines l WHERE l.org_id = :o AND l.site_id IN (SELECT si.id "
                    "FROM sites si WHERE si.org_id = :o2 AND si.account_id = :a) "
                    "ORDER BY l.site_id, l.id",
                    kLineColumns))
                .bind(org.value, org.value, account.value)
                .all(read_line);
        sort_lines(lines);
        return lines;
    });
}

// Interactions and notes -----------------------------------------------------------------------

Result<InteractionId> SqlRecordStore::insert_interaction(const Interaction& i) {
    return guarded("insert_interaction", [&]() -> Result<InteractionId> {
        auto s = db_.session();
        StatementCache& q = s.statements();
        auto contact = opt_id(i.contact_id);
        auto site = opt_id(i.site_id);
        std::string kind(to_name(i.kind));
        std::string direction(to_name(i.direction));
        std::string outcome(to_name(i.outcome));
        std::string occurred = format_timestamp(i.occurred_at);
        std::string created = format_timestamp(i.created_at);
        Interaction stored = i;
        stored.id = InteractionId{
            q.sql("INSERT INTO interactions (org_id, account_id, contact_id, site_id, user_id, "
                  "kind, direction, outcome, occurred_at, duration_minutes, summary, created_at) "
                  "VALUES (:o, :a, :c, :s, :u, :k, :d, :oc, :at, :dm, :sm, :cr) RETURNING id")
                .bind(i.org_id.value, i.account_id.value, contact, site, i.user_id.value, kind,
                      direction, outcome, occurred, i.duration_minutes, i.summary, created)
                .returning_id()};
        if (!i.summary.empty()) {
            index_document(q, i.org_id, interaction_document(stored));
        }
        return stored.id;
    });
}

Result<Interaction> SqlRecordStore::find_interaction(OrgId org, InteractionId id) {
    return guarded("find_interaction", [&]() -> Result<Interaction> {
        auto s = db_.session();
        auto found =
            s.statements()
                .sql(fmt::format("SELECT {} FROM interactions WHERE org_id = :o AND id = :i",
                                 kInteractionColumns))
                .bind(org.value, id.value)
                .first(read_interaction);
        if (!found) {
            return not_found_row("interaction", id.value);
        }
        return std::move(*found);
    });
}

Result<PageOf<Interaction>> SqlRecordStore::list_interactions(OrgId org,
                                                              AccountId account,
                                                              Page page) {
    return guarded("list_interactions", [&]() -> Result<PageOf<Interaction>> {
        auto s = db_.session();
        StatementCache& q = s.statements();
        PageOf<Interaction> result;
        result.page = {std::max(page.number, 1), page_limit(page)};
        int limit = page_limit(page);
        int offset = page_offset(page);
        result.total =
            q.sql("SELECT COUNT(*) FROM interactions WHERE org_id = :o AND account_id = :a")
                .bind(org.value, account.value)
                .returning_id();
        result.items = q.sql(fmt::format("SELECT {} FROM interactions WHERE org_id = :o AND "
                                         "account_id = :a ORDER BY occurred_at DESC, id DESC "
                                         "LIMIT :l OFFSET :off",
                                         kInteractionColumns))
                           .bind(org.value, account.value, limit, offset)
                           .all(read_interaction);
        return result;
    });
}

Result<NoteId> SqlRecordStore::insert_note(const Note& n) {
    return guarded("insert_note", [&]() -> Result<NoteId> {
        auto s = db_.session();
        StatementCache& q = s.statements();
        auto contact = opt_id(n.contact_id);
        auto site = opt_id(n.site_id);
        std::string created = format_timestamp(n.created_at);
        Note stored = n;
        stored.id = NoteId{
            q.sql("INSERT INTO notes (org_id, account_id, contact_id, site_id, author_id, body, "
                  "created_at) VALUES (:o, :a, :c, :s, :u, :b, :cr) RETURNING id")
                .bind(n.org_id.value, n.account_id.value, contact, site, n.author_id.value, n.body,
                      created)
                .returning_id()};
        index_document(q, n.org_id, note_document(stored));
        return stored.id;
    });
}

Result<std::vector<Note>> SqlRecordStore::list_notes(OrgId org, AccountId account) {
    return guarded("list_notes", [&]() -> Result<std::vector<Note>> {
        auto s = db_.session();
        return s.statements()
            .sql(fmt::format("SELECT {} FROM notes WHERE org_id = :o AND "
                             "account_id = :a ORDER BY created_at DESC, "
                             "id DESC",
                             kNoteColumns))
            .bind(org.value, account.value)
            .all(read_note);
    });
}

Result<std::vector<SearchHit>> SqlRecordStore::search(OrgId org,
                                                      std::string_view query,
                                                      int limit) {
    return guarded("search", [&]() -> Result<std::vector<SearchHit>> {
        auto s = db_.session();
        return search_documents(s.statements(), org, query, limit);
    });
}

}  // namespace hover::storage

// `hover accounts list` and `hover accounts show ID`: what a technician checks before a call or
// a visit, readable on a terminal (or JSON with --json, the API's shapes).
#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "core/money.hpp"
#include "domain/records/enums.hpp"
#include "io/json/records_json.hpp"

namespace hover::cli {
namespace {

using records::AccountOverview;

// One table: a header row, then rows; each column as wide as its widest cell.
void print_table(std::ostream& out,
                 const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> widths(header.size(), 0);
    auto measure = [&](const std::vector<std::string>& row) {
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
            widths[i] = std::max(widths[i], display_width(row[i]));
        }
    };
    measure(header);
    for (const auto& row : rows) {
        measure(row);
    }
    auto print_row = [&](const std::vector<std::string>& row) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += i + 1 < row.size() ? pad(row[i], widths[i] + 2) : row[i];
        }
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        out << line << '\n';
    };
    print_row(header);
    for (const auto& row : rows) {
        print_row(row);
    }
}

std::map<std::int64_t, records::User> users_by_id(const std::vector<records::User>& users) {
    std::map<std::int64_t, records::User> out;
    for (const auto& u : users) {
        out[u.id.value] = u;
    }
    return out;
}

std::string user_name(const std::map<std::int64_t, records::User>& users, UserId id) {
    auto it = users.find(id.value);
    return it == users.end() ? fmt::format("user #{}", id.value) : it->second.display_name;
}

constexpr std::array<std::string_view, 12> kMonthNames{
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

std::string_view category_label(records::AssetCategory c) {
    using records::AssetCategory;
    switch (c) {
        case AssetCategory::kPbx:
            return "PBX";
        case AssetCategory::kHandset:
            return "Handset";
        case AssetCategory::kHeadset:
            return "Headset";
        case AssetCategory::kVoicemail:
            return "Voicemail";
        case AssetCategory::kAutoAttendant:
            return "Auto attendant";
        case AssetCategory::kPaging:
            return "Paging";
        case AssetCategory::kModem:
            return "Modem";
        case AssetCategory::kRouter:
            return "Router";
        case AssetCategory::kSwitch:
            return "Switch";
        case AssetCategory::kFirewall:
            return "Firewall";
        case AssetCategory::kUps:
            return "UPS";
        case AssetCategory::kSurgeProtector:
            return "Surge protector";
        case AssetCategory::kCircuit:
            return "Circuit";
        case AssetCategory::kCabling:
            return "Cabling";
        case AssetCategory::kWirelessAp:
            return "Wireless AP";
        case AssetCategory::kOther:
            break;
    }
    return "Other";
}

std::string_view line_type_label(records::LineType t) {
    using records::LineType;
    switch (t) {
        case LineType::kPots:
            return "POTS";
        case LineType::kDidBlock:
            return "DID block";
        case LineType::kPri:
            return "PRI";
        case LineType::kSipTrunk:
            return "SIP trunk";
        case LineType::kBroadband:
            return "Broadband";
        case LineType::kEthernet:
            return "Ethernet";
        case LineType::kOther:
            break;
    }
    return "Other";
}

std::string phone_text(const records::PhoneNumber& p, std::string_view region) {
    std::string out = p.e164.empty() ? p.as_typed : records::format_phone_national(p.e164, region);
    if (!p.extension.empty()) {
        out += " ext. " + p.extension;
    }
    return out;
}

std::string bandwidth_text(std::int64_t kbps) {
    if (kbps >= 1000000 && kbps % 1000000 == 0) {
        return fmt::format("{} Gbps", kbps / 1000000);
    }
    if (kbps >= 1000) {
        return kbps % 1000 == 0 ? fmt::format("{} Mbps", kbps / 1000)
                                : fmt::format("{:.1f} Mbps", static_cast<double>(kbps) / 1000.0);
    }
    return fmt::format("{} kbps", kbps);
}

int whole_years(Date from, Date to) {
    int years = static_cast<int>(to.year()) - static_cast<int>(from.year());
    if (to.month() < from.month() || (to.month() == from.month() && to.day() < from.day())) {
        --years;
    }
    return years;
}

std::string age_text(const std::optional<Date>& installed, Date today) {
    if (!installed) {
        return "age unknown";
    }
    int days = static_cast<int>(
        (std::chrono::sys_days{today} - std::chrono::sys_days{*installed}).count());
    if (days < 365) {
        return days < 60 ? fmt::format("{} days", std::max(days, 0))
                         : fmt::format("{} months", days / 30);
    }
    int years = whole_years(*installed, today);
    return years == 1 ? "1 year" : fmt::format("{} years", years);
}

// "March 3 (in 5 days)", "March 3 (today)", "March 3"
std::string birthday_text(Date birthday, Date today) {
    std::string out = fmt::format("{} {}", kMonthNames[static_cast<unsigned>(birthday.month()) - 1],
                                  static_cast<unsigned>(birthday.day()));
    for (int y = static_cast<int>(today.year()); y <= static_cast<int>(today.year()) + 1; ++y) {
        Date next = std::chrono::year{y} / birthday.month() / birthday.day();
        if (!next.ok()) {
            next = std::chrono::year{y} / 3 / 1;
        }
        auto days = (std::chrono::sys_days{next} - std::chrono::sys_days{today}).count();
        if (days >= 0) {
            if (days == 0) {
                out += " (today!)";
            } else if (days <= 30) {
                out += fmt::format(" (in {} day{})", days, days == 1 ? "" : "s");
            }
            break;
        }
    }
    return out;
}

void join_to(std::string& out, std::string_view part, std::string_view separator = " · ") {
    if (part.empty()) {
        return;
    }
    if (!out.empty()) {
        out += separator;
    }
    out += part;
}

void print_overview(std::ostream& out, const AccountOverview& o, const Actor& actor, Date today) {
    const auto& a = o.account;
    auto users = users_by_id(o.users);
    std::string_view region = actor.phone_region;

    // --- Header
    fmt::print(out, "{}  (#{}, {})\n", a.name, a.id.value, to_name(a.status));
    std::string line;
    join_to(line, a.industry);
    join_to(line, a.region);
    join_to(line, a.technician_id ? "technician " + user_name(users, *a.technician_id)
                                  : std::string("no technician yet"));
    fmt::print(out, "{}\n", line);
    line.clear();
    if (a.annual_revenue) {
        join_to(line, "revenue " + format_money(*a.annual_revenue) + " a year");
    }
    if (a.next_refresh_year) {
        join_to(line, fmt::format("next system refresh {}", *a.next_refresh_year));
    }
    if (a.budget_month && *a.budget_month >= 1 && *a.budget_month <= 12) {
        join_to(line, fmt::format("budget set in {}",
                                  kMonthNames[static_cast<std::size_t>(*a.budget_month - 1)]));
    }
    if (!line.empty()) {
        fmt::print(out, "{}\n", line);
    }
    if (!a.notes.empty()) {
        fmt::print(out, "{}\n", a.notes);
    }

    // --- Communications flow
    if (!a.comms_flow_notes.empty() || !a.comms_flow.empty()) {
        fmt::print(out, "\nCommunications flow\n");
        if (!a.comms_flow_notes.empty()) {
            fmt::print(out, "  {}\n", a.comms_flow_notes);
        }
        for (const auto& e : a.comms_flow) {
            std::string what = e.label;
            if (e.number) {
                join_to(what, phone_text(*e.number, region), what.empty() ? "" : ": ");
            }
            fmt::print(out, "  - {}{}\n", what, e.routes_to.empty() ? "" : " -> " + e.routes_to);
        }
    }

    // --- People: decision makers first
    std::vector<const records::Contact*> people;
    for (const auto& c : o.contacts) {
        people.push_back(&c);
    }
    auto link_of = [&](const records::Contact& c) -> const records::AccountLink* {
        for (const auto& l : c.accounts) {
            if (l.account_id == a.id) {
                return &l;
            }
        }
        return nullptr;
    };
    std::stable_sort(people.begin(), people.end(), [&](const auto* x, const auto* y) {
        const auto* lx = link_of(*x);
        const auto* ly = link_of(*y);
        return (lx != nullptr && lx->decision_maker) > (ly != nullptr && ly->decision_maker);
    });
    fmt::print(out, "\nPeople who matter\n");
    if (people.empty()) {
        fmt::print(out, "  (nobody yet: who answers the phone there?)\n");
    }
    for (const auto* c : people) {
        const auto* link = link_of(*c);
        std::string head = c->display_name();
        std::string role = link != nullptr && !link->role.empty() ? link->role : c->job_title;
        if (!role.empty()) {
            head += " - " + role;
        }
        if (link != nullptr && link->decision_maker) {
            head += " (decision maker)";
        }
        if (c->do_not_contact) {
            head += "  ** DO NOT CONTACT **";
        }
        fmt::print(out, "  {}\n", head);
        std::string reach;
        for (const auto& p : c->phones) {
            join_to(reach, (p.label.empty() ? "" : p.label + " ") + phone_text(p.number, region));
        }
        for (const auto& e : c->emails) {
            join_to(reach, e.address);
        }
        if (!reach.empty()) {
            fmt::print(out, "    {}\n", reach);
        }
        std::string habits;
        if (c->preferred_channel != records::Channel::kAny || !c->preferred_hours.empty()) {
            std::string prefers = "prefers";
            if (c->preferred_channel != records::Channel::kAny) {
                prefers += fmt::format(" {}", to_name(c->preferred_channel));
            }
            if (!c->preferred_hours.empty()) {
                prefers += (c->preferred_channel != records::Channel::kAny ? ", " : " ") +
                           c->preferred_hours;
            }
            join_to(habits, prefers);
        }
        if (c->phone_habit == records::PhoneHabit::kLetsItGoToVoicemail) {
            join_to(habits, "lets it go to voicemail");
        } else if (c->phone_habit == records::PhoneHabit::kAnswers) {
            join_to(habits, "answers the phone");
        }
        if (c->technical_level != records::TechnicalLevel::kUnknown) {
            join_to(habits, fmt::format("technical level {}", to_name(c->technical_level)));
        }
        if (!habits.empty()) {
            fmt::print(out, "    {}\n", habits);
        }
        if (!c->communication_style.empty()) {
            fmt::print(out, "    Style: {}\n", c->communication_style);
        }
        std::string personal;
        if (c->birthday) {
            join_to(personal, "birthday " + birthday_text(*c->birthday, today));
        }
        if (!c->family.empty()) {
            join_to(personal, "family: " + c->family);
        }
        if (!c->interests.empty()) {
            join_to(personal, "interests: " + c->interests);
        }
        if (!c->how_we_met.empty()) {
            join_to(personal, "how we met: " + c->how_we_met);
        }
        if (!personal.empty()) {
            fmt::print(out, "    {}\n", personal);
        }
        if (c->accounts.size() > 1) {
            fmt::print(out, "    Also works with {} other account{}.\n", c->accounts.size() - 1,
                       c->accounts.size() == 2 ? "" : "s");
        }
        if (!c->notes.empty()) {
            fmt::print(out, "    Note: {}\n", c->notes);
        }
    }

    // --- Sites and their hazards
    std::map<std::int64_t, std::string> site_names;
    fmt::print(out, "\nSites\n");
    if (o.sites.empty()) {
        fmt::print(out, "  (no sites yet)\n");
    }
    for (const auto& s : o.sites) {
        site_names[s.id.value] = s.name;
        std::string address;
        join_to(address, s.street, ", ");
        join_to(address, s.city, ", ");
        join_to(address, s.state + (s.postal_code.empty() ? "" : " " + s.postal_code), ", ");
        fmt::print(out, "  {} (#{}){}\n", s.name, s.id.value,
                   address.empty() ? "" : " - " + address);
        std::string where;
        if (s.latitude && s.longitude) {
            join_to(where, fmt::format("{:.4f}, {:.4f}", *s.latitude, *s.longitude));
        }
        if (!s.county_fips.empty()) {
            join_to(where, "county " + s.county_fips);
        }
        if (!s.nws_zone.empty()) {
            join_to(where, "NWS zone " + s.nws_zone);
        }
        if (!where.empty()) {
            fmt::print(out, "    {}\n", where);
        }
        std::string hazards;
        if (s.tornado_alley) {
            join_to(hazards, "tornado alley", ", ");
        }
        if (!s.flood_zone.empty() && s.flood_zone != "X" && s.flood_zone != "C" &&
            s.flood_zone != "B" && s.flood_zone != "D") {
            join_to(hazards, "flood zone " + s.flood_zone, ", ");
        }
        if (s.lightning_prone) {
            join_to(hazards, "lightning prone", ", ");
        }
        fmt::print(out, "    Hazards: {}\n", hazards.empty() ? "none recorded" : hazards);
        if (!s.access_notes.empty()) {
            fmt::print(out, "    Access: {}\n", s.access_notes);
        }
        if (!s.paging_dead_zones.empty()) {
            fmt::print(out, "    Paging does not reach: {}\n", s.paging_dead_zones);
        }
    }
    auto site_name = [&](SiteId id) {
        auto it = site_names.find(id.value);
        return it == site_names.end() ? fmt::format("site #{}", id.value) : it->second;
    };

    // --- Technology, by site
    fmt::print(out, "\nTechnology ({} item{})\n", o.assets.size(), o.assets.size() == 1 ? "" : "s");
    for (const auto& s : o.sites) {
        std::vector<std::vector<std::string>> rows;
        std::vector<std::string> remarks;
        for (const auto& x : o.assets) {
            if (x.site_id != s.id) {
                continue;
            }
            std::string what = x.make;
            join_to(what, x.model, " ");
            std::string extra;
            if (!x.serial.empty()) {
                join_to(extra, "SN " + x.serial, ", ");
            }
            if (x.end_of_life && *x.end_of_life <= today) {
                join_to(extra, "past end of life", ", ");
            }
            if (x.warranty_ends && *x.warranty_ends >= today) {
                join_to(extra, "under warranty to " + format_date(*x.warranty_ends), ", ");
            }
            if (x.forgets_holiday_greeting.value_or(false)) {
                join_to(extra, "FORGETS THE HOLIDAY GREETING", ", ");
            }
            rows.push_back({std::string(category_label(x.category)), what,
                            age_text(x.installed_on, today), std::string(to_name(x.condition)),
                            x.location, extra});
            if (!x.notes.empty()) {
                remarks.push_back(
                    fmt::format("{} {}: {}", category_label(x.category), what, x.notes));
            }
        }
        if (rows.empty()) {
            continue;
        }
        fmt::print(out, "  {}\n", s.name);
        std::ostringstream table;
        print_table(table, {"CATEGORY", "MAKE AND MODEL", "AGE", "CONDITION", "LOCATION", ""},
                    rows);
        std::string text = table.str();
        std::size_t start = 0;
        while (start < text.size()) {
            auto end = text.find('\n', start);
            fmt::print(out, "    {}\n", text.substr(start, end - start));
            start = end + 1;
        }
        for (const auto& r : remarks) {
            fmt::print(out, "    * {}\n", r);
        }
    }

    // --- Lines and circuits
    fmt::print(out, "\nLines and circuits ({})\n", o.lines.size());
    std::vector<std::vector<std::string>> line_rows;
    for (const auto& l : o.lines) {
        std::string id = l.number ? phone_text(*l.number, region) : std::string();
        join_to(id, l.circuit_id, " / ");
        std::string speed;
        if (l.bandwidth_down_kbps) {
            speed = bandwidth_text(*l.bandwidth_down_kbps);
            if (l.bandwidth_up_kbps && *l.bandwidth_up_kbps != *l.bandwidth_down_kbps) {
                speed += " / " + bandwidth_text(*l.bandwidth_up_kbps);
            }
        }
        line_rows.push_back({std::string(line_type_label(l.type)), id, l.carrier, speed,
                             l.monthly_charge ? format_money(*l.monthly_charge) + "/mo" : "",
                             std::string(to_name(l.status)), site_name(l.site_id), l.notes});
    }
    if (!line_rows.empty()) {
        std::ostringstream table;
        print_table(
            table,
            {"TYPE", "NUMBER / CIRCUIT", "CARRIER", "SPEED", "CHARGE", "STATUS", "SITE", "NOTES"},
            line_rows);
        std::string text = table.str();
        std::size_t start = 0;
        while (start < text.size()) {
            auto end = text.find('\n', start);
            fmt::print(out, "  {}\n", text.substr(start, end - start));
            start = end + 1;
        }
    }

    // --- Timeline
    std::map<std::int64_t, std::string> contact_names;
    for (const auto& c : o.contacts) {
        contact_names[c.id.value] = c.display_name();
    }
    fmt::print(out, "\nLast interactions\n");
    if (o.recent_interactions.empty()) {
        fmt::print(out, "  (none yet)\n");
    }
    for (const auto& i : o.recent_interactions) {
        std::string head = fmt::format("{} {}", to_name(i.kind), to_name(i.direction));
        if (i.outcome != records::Outcome::kNone) {
            head += fmt::format(", {}", to_name(i.outcome));
        }
        std::string who = user_name(users, i.user_id);
        if (i.contact_id) {
            auto it = contact_names.find(i.contact_id->value);
            who += i.direction == records::Direction::kInbound ? " <- " : " -> ";
            who += it == contact_names.end() ? fmt::format("contact #{}", i.contact_id->value)
                                             : it->second;
        }
        fmt::print(out, "  {}  {}  {}: {}\n", format_date(date_of(i.occurred_at)), head, who,
                   i.summary);
    }

    // --- Notes
    fmt::print(out, "\nNotes\n");
    if (o.notes.empty()) {
        fmt::print(out, "  (none yet)\n");
    }
    for (const auto& n : o.notes) {
        std::string about;
        if (n.contact_id) {
            auto it = contact_names.find(n.contact_id->value);
            if (it != contact_names.end()) {
                about = " about " + it->second;
            }
        }
        if (n.site_id) {
            about += " at " + site_name(*n.site_id);
        }
        fmt::print(out, "  {}  {}{}: {}\n", format_date(date_of(n.created_at)),
                   user_name(users, n.author_id), about, n.body);
    }
}

}  // namespace

Result<Ok> run_accounts_list(const GlobalOptions& global,
                             const AccountsListOptions& options,
                             std::ostream& out) {
    records::AccountFilter filter;
    if (!options.status.empty()) {
        filter.status =
            HOVER_TRY(records::parse_enum<records::AccountStatus>(options.status, "--status"));
    }
    filter.region = options.region;
    if (options.page < 1) {
        return Error::invalid("--page", "Pages start at 1.");
    }
    if (options.per_page < 1 || options.per_page > 500) {
        return Error::invalid("--per-page", "Show between 1 and 500 accounts per page.");
    }
    auto app = HOVER_TRY(open_app(global));
    Actor actor = HOVER_TRY(resolve_actor(*app, global));
    auto users = HOVER_TRY(app->records().list_users(actor));
    if (!options.technician.empty()) {
        std::string wanted = options.technician;
        std::transform(wanted.begin(), wanted.end(), wanted.begin(), [](char c) {
            return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        });
        for (const auto& u : users) {
            if (u.email == wanted) {
                filter.technician_id = u.id;
            }
        }
        if (!filter.technician_id) {
            return Error::invalid(
                "--technician",
                fmt::format("No user with the email {} in this organisation.", options.technician));
        }
    }
    auto page = HOVER_TRY(
        app->records().list_accounts(actor, filter, records::Page{options.page, options.per_page}));
    if (options.json) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& a : page.items) {
            items.push_back(io::to_json(a));
        }
        nlohmann::json body{{"items", std::move(items)},
                            {"total", page.total},
                            {"page", options.page},
                            {"per_page", options.per_page}};
        out << body.dump(2) << '\n';
        return Ok{};
    }
    auto by_id = users_by_id(users);
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : page.items) {
        rows.push_back({a.name, std::string(to_name(a.status)), a.region,
                        a.technician_id ? user_name(by_id, *a.technician_id) : "-",
                        std::to_string(a.id.value)});
    }
    if (rows.empty()) {
        fmt::print(out, "{}\n",
                   page.total == 0 ? "No accounts match." : "No accounts on this page.");
        return Ok{};
    }
    print_table(out, {"NAME", "STATUS", "REGION", "TECHNICIAN", "ID"}, rows);
    std::int64_t first = static_cast<std::int64_t>(options.page - 1) * options.per_page + 1;
    std::int64_t last = first + static_cast<std::int64_t>(page.items.size()) - 1;
    if (first == 1 && last == page.total) {
        fmt::print(out, "{} account{}\n", page.total, page.total == 1 ? "" : "s");
    } else {
        std::int64_t pages = (page.total + options.per_page - 1) / options.per_page;
        fmt::print(out, "Accounts {}-{} of {} (page {} of {})\n", first, last, page.total,
                   options.page, pages);
    }
    return Ok{};
}

Result<Ok> run_accounts_show(const GlobalOptions& global,
                             const AccountsShowOptions& options,
                             std::ostream& out) {
    if (options.id < 1) {
        return Error::invalid("ID",
                              "An account id is a positive number; find it with `hover "
                              "accounts list` or `hover search`.");
    }
    auto app = HOVER_TRY(open_app(global));
    Actor actor = HOVER_TRY(resolve_actor(*app, global));
    auto overview = app->records().account_overview(actor, AccountId{options.id});
    if (!overview) {
        Error e = std::move(overview).error();
        if (e.code == ErrorCode::kNotFound) {
            e.user_message = fmt::format(
                "There is no account #{} in this organisation. Find "
                "its id with `hover accounts list` or `hover search`.",
                options.id);
        }
        return e;
    }
    if (options.json) {
        out << io::to_json(*overview).dump(2) << '\n';
        return Ok{};
    }
    print_overview(out, *overview, actor, app->clock().today());
    return Ok{};
}

}  // namespace hover::cli

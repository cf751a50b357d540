// The accounts list, the account page, the quick log form, notes and global search.
#include <algorithm>

#include <fmt/format.h>

#include "app/app.hpp"
#include "core/money.hpp"
#include "http/pages/forms.hpp"
#include "http/pages/html.hpp"
#include "http/pages/pages.hpp"

namespace hover::http::pages {
namespace {

using namespace records;

constexpr int kAccountsPerPage = 50;

std::string user_name(const std::vector<User>& users, std::optional<UserId> id) {
    if (!id) {
        return "nobody yet";
    }
    for (const auto& user : users) {
        if (user.id == *id) {
            return user.display_name;
        }
    }
    return "a former user";
}

std::string when_text(Timestamp t) {
    std::string iso = format_timestamp(t);  // 2026-11-20T14:05:00Z
    return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

std::string age_text(const std::optional<Date>& installed, Date today) {
    if (!installed) {
        return "unknown";
    }
    auto days = (std::chrono::sys_days(today) - std::chrono::sys_days(*installed)).count();
    if (days < 365) {
        return "under a year";
    }
    long years = days / 365;
    return fmt::format("{} year{}", years, years == 1 ? "" : "s");
}

// The flash line for ?done=... after a POST redirected here.
std::string flash_for(const Request& request) {
    std::string done(request.query_param("done").value_or(""));
    if (done == "saved") {
        return "Saved.";
    }
    if (done == "logged") {
        return "Logged. It is on the timeline below.";
    }
    if (done == "noted") {
        return "Note saved.";
    }
    return "";
}

std::string query_link(const Request& request, int page) {
    std::string link = "/accounts?";
    for (const char* name : {"q", "status", "region", "technician"}) {
        if (auto v = request.query_param(name); v && !v->empty()) {
            link += fmt::format("{}={}&", name, percent_encode(*v));
        }
    }
    return link + "page=" + std::to_string(page);
}

}  // namespace

// REQ: F4 (the agenda is the home page, phone first)
Result<Response> Pages::home(const PageCall& call) {
    std::optional<Date> day;
    if (auto d = call.request.query_param("date"); d && !d->empty()) {
        day = HOVER_TRY(parse_date(*d, "date"));
    }
    auto agenda = HOVER_TRY(app_.agenda().for_user(call.actor(), std::nullopt, day));
    ViewList items;
    items.reserve(agenda.items.size());
    int gaps = 0;
    for (const auto& item : agenda.items) {
        std::string badge;
        std::string badge_class;
        if (item.kind == "hover_gap") {
            ++gaps;
            badge = "hover gap";
            badge_class = "red";
        } else if (item.kind == "overdue_followup") {
            badge = "overdue";
            badge_class = "red";
        } else if (item.kind == "stay_in_touch_red") {
            badge = "red";
            badge_class = "red";
        } else if (item.kind == "stay_in_touch_amber") {
            badge = "amber";
            badge_class = "amber";
        }
        items.push_back(ViewMap{{"kind", item.kind},
                                {"title", item.title},
                                {"reason", item.reason},
                                {"link", item.link.empty() ? std::string("/") : item.link},
                                {"has_badge", !badge.empty()},
                                {"badge", badge},
                                {"badge_class", badge_class}});
    }
    std::chrono::sys_days today{agenda.day};
    ViewMap view{{"user_name", agenda.user_name},
                 {"date", format_date(agenda.day)},
                 {"items", std::move(items)},
                 {"has_gaps", gaps > 0},
                 {"gap_count", std::to_string(gaps)},
                 {"gap_plural", std::string(gaps == 1 ? "" : "s")},
                 {"gap_them", std::string(gaps == 1 ? "it" : "them")},
                 {"prev", format_date(Date{today - std::chrono::days{1}})},
                 {"next", format_date(Date{today + std::chrono::days{1}})}};
    return html_page(layout_for(call.context, "Today"), "agenda", view);
}

Result<Response> Pages::accounts(const PageCall& call) {
    const Request& request = call.request;
    AccountFilter filter;
    std::string status(request.query_param("status").value_or(""));
    if (!status.empty()) {
        filter.status = HOVER_TRY(parse_enum<AccountStatus>(status, "status"));
    }
    filter.region = std::string(request.query_param("region").value_or(""));
    filter.name_prefix = std::string(request.query_param("q").value_or(""));
    std::string technician(request.query_param("technician").value_or(""));
    if (!technician.empty()) {
        auto id = parse_positive_id(technician);
        if (!id) {
            return Error::invalid("technician", "Choose a technician from the list.");
        }
        filter.technician_id = UserId{*id};
    }
    int page_number = 1;
    if (auto page = request.query_param("page")) {
        page_number = static_cast<int>(parse_positive_id(*page).value_or(1));
        page_number = std::min(page_number, 1000000);
    }
    auto users = HOVER_TRY(app_.records().list_users(call.actor()));
    auto page = HOVER_TRY(app_.records().list_accounts(
        call.actor(), filter, Page{.number = page_number, .size = kAccountsPerPage}));

    ViewList statuses{ViewMap{{"value", std::string()},
                              {"label", std::string("All statuses")},
                              {"selected", status.empty()}}};
    for (const auto& option : enum_options<AccountStatus>()) {
        statuses.push_back(ViewMap{{"value", option.value},
                                   {"label", option.label},
                                   {"selected", option.value == status}});
    }
    ViewList technicians{ViewMap{{"value", std::string()},
                                 {"label", std::string("Any technician")},
                                 {"selected", technician.empty()}}};
    for (const auto& user : users) {
        std::string id = std::to_string(user.id.value);
        technicians.push_back(
            ViewMap{{"value", id}, {"label", user.display_name}, {"selected", id == technician}});
    }
    ViewList rows;
    rows.reserve(page.items.size());
    for (const auto& account : page.items) {
        rows.push_back(ViewMap{
            {"id", std::to_string(account.id.value)},
            {"name", account.name},
            {"status", std::string(to_name(account.status))},
            {"status_label", humanize(to_name(account.status))},
            {"region", account.region},
            {"industry", account.industry},
            {"technician", user_name(users, account.technician_id)},
        });
    }
    ViewMap view{
        {"q", filter.name_prefix},
        {"region", filter.region},
        {"statuses", std::move(statuses)},
        {"technicians", std::move(technicians)},
        {"accounts", std::move(rows)},
        {"total_text", fmt::format("{} account{}", page.total, page.total == 1 ? "" : "s")},
        {"prev", page_number > 1 ? query_link(request, page_number - 1) : std::string()},
        {"next", static_cast<std::int64_t>(page_number) * kAccountsPerPage < page.total
                     ? query_link(request, page_number + 1)
                     : std::string()},
    };
    return html_page(layout_for(call.context, "Accounts"), "accounts", view);
}

Result<Response> Pages::account(const PageCall& call) {
    const Actor& actor = call.actor();
    AccountOverview o = HOVER_TRY(app_.records().account_overview(actor, AccountId{call.id()}));
    const Account& a = o.account;
    Date today = app_.clock().today();

    std::vector<const Contact*> contacts;
    for (const auto& contact : o.contacts) {
        contacts.push_back(&contact);
    }
    auto link_of = [&a](const Contact& c) -> const AccountLink* {
        for (const auto& link : c.accounts) {
            if (link.account_id == a.id) {
                return &link;
            }
        }
        return nullptr;
    };
    std::stable_sort(contacts.begin(), contacts.end(), [&](const Contact* x, const Contact* y) {
        const AccountLink* lx = link_of(*x);
        const AccountLink* ly = link_of(*y);
        return (lx && lx->decision_maker) > (ly && ly->decision_maker);
    });
    // F6: from the logged call outcomes, who answers, who lets it go to voicemail, and when.
    auto reach = HOVER_TRY(app_.followups().account_reachability(actor, a.id));
    ViewList people;
    people.reserve(contacts.size());
    for (const Contact* c : contacts) {
        const AccountLink* link = link_of(*c);
        auto reached = reach.find(c->id);
        const followups::Reachability* r = reached == reach.end() ? nullptr : &reached->second;
        ViewList phones;
        phones.reserve(c->phones.size());
        for (const auto& phone : c->phones) {
            phones.push_back(ViewMap{
                {"label", phone.label},
                {"e164", phone.number.e164},
                {"display",
                 format_phone_national(phone.number.e164, actor.phone_region) +
                     (phone.number.extension.empty() ? "" : " x" + phone.number.extension)},
            });
        }
        ViewList emails;
        emails.reserve(c->emails.size());
        for (const auto& email : c->emails) {
            emails.push_back(ViewMap{{"address", email.address}});
        }
        people.push_back(ViewMap{
            {"id", std::to_string(c->id.value)},
            {"account_id", std::to_string(a.id.value)},
            {"name", c->display_name()},
            {"role", link ? link->role : c->job_title},
            {"decision_maker", link && link->decision_maker},
            // Set by hand on the contact, or learnt from the calls (F6).
            {"voicemail", c->phone_habit == PhoneHabit::kLetsItGoToVoicemail ||
                              (r != nullptr && r->voicemail_hider)},
            {"do_not_contact", c->do_not_contact},
            {"preferred_hours", c->preferred_hours},
            {"technical_level", c->technical_level == TechnicalLevel::kUnknown
                                    ? std::string()
                                    : humanize(to_name(c->technical_level))},
        });
        // Lists are moved in after the braces: an initializer list copies every value.
        auto& person = people.back().map();
        person.emplace("phones", std::move(phones));
        person.emplace("emails", std::move(emails));
        if (r != nullptr && r->calls > 0) {
            person.emplace(
                "reach", ViewMap{{"calls", r->calls},
                                 {"answered", r->answered},
                                 {"voicemails", r->voicemail},
                                 {"best_time", r->best_hour ? fmt::format("{:02}:00", *r->best_hour)
                                                            : std::string()}});
        }
    }

    ViewList sites;
    sites.reserve(o.sites.size());
    for (const auto& site : o.sites) {
        ViewList assets;
        assets.reserve(static_cast<std::size_t>(
            std::count_if(o.assets.begin(), o.assets.end(),
                          [&](const auto& x) { return x.site_id == site.id; })));
        for (const auto& asset : o.assets) {
            if (asset.site_id != site.id) {
                continue;
            }
            assets.push_back(ViewMap{
                {"id", std::to_string(asset.id.value)},
                {"category", humanize(to_name(asset.category))},
                {"make", asset.make},
                {"model", asset.model},
                {"age", age_text(asset.installed_on, today)},
                {"condition", std::string(to_name(asset.condition))},
                {"condition_label", humanize(to_name(asset.condition))},
            });
        }
        ViewList lines;
        lines.reserve(static_cast<std::size_t>(std::count_if(
            o.lines.begin(), o.lines.end(), [&](const auto& x) { return x.site_id == site.id; })));
        for (const auto& line : o.lines) {
            if (line.site_id != site.id) {
                continue;
            }
            std::string label = line.number
                                    ? format_phone_national(line.number->e164, actor.phone_region)
                                    : line.circuit_id;
            lines.push_back(ViewMap{
                {"id", std::to_string(line.id.value)},
                {"label", label.empty() ? std::string("(no number)") : label},
                {"carrier", line.carrier},
                {"type", humanize(to_name(line.type))},
                {"status", humanize(to_name(line.status))},
                {"monthly", line.monthly_charge ? format_money(*line.monthly_charge) : ""},
            });
        }
        std::vector<std::string> hazards;
        if (site.tornado_alley) {
            hazards.emplace_back("Tornado alley");
        }
        if (!site.flood_zone.empty() && site.flood_zone != "X") {
            hazards.push_back("Flood zone " + site.flood_zone);
        }
        if (site.lightning_prone) {
            hazards.emplace_back("Lightning-prone");
        }
        std::string address = site.street;
        for (const std::string* part : {&site.city, &site.state}) {
            if (!part->empty()) {
                address += (address.empty() ? "" : ", ") + *part;
            }
        }
        if (!site.postal_code.empty()) {
            address += " " + site.postal_code;
        }
        sites.push_back(ViewMap{
            {"id", std::to_string(site.id.value)},
            {"name", site.name},
            {"address", address},
            {"hazards", fmt::format("{}", fmt::join(hazards, " · "))},
            {"paging_dead_zones", site.paging_dead_zones},
            {"access_notes", site.access_notes},
            {"verify", fmt::format("/accounts/{}/sites/{}/verify", a.id.value, site.id.value)},
        });
        auto& site_view = sites.back().map();
        site_view.emplace("assets", std::move(assets));
        site_view.emplace("lines", std::move(lines));
    }

    ViewList timeline;
    timeline.reserve(o.recent_interactions.size());
    for (const auto& interaction : o.recent_interactions) {
        std::string what = humanize(to_name(interaction.kind));
        if (interaction.outcome != Outcome::kNone) {
            what += " · " + humanize(to_name(interaction.outcome));
        }
        std::string who;
        for (const auto& contact : o.contacts) {
            if (interaction.contact_id && contact.id == *interaction.contact_id) {
                who = contact.display_name();
            }
        }
        timeline.push_back(ViewMap{
            {"when", when_text(interaction.occurred_at)},
            {"when_iso", format_timestamp(interaction.occurred_at)},
            {"what", what},
            {"who", who},
            {"by", user_name(o.users, interaction.user_id)},
            {"text", interaction.summary},
        });
    }
    ViewList notes;
    notes.reserve(o.notes.size());
    for (const auto& note : o.notes) {
        notes.push_back(ViewMap{{"body", note.body},
                                {"by", user_name(o.users, note.author_id)},
                                {"when", when_text(note.created_at)}});
    }
    // F1, F3: the open follow-ups and the stay-in-touch colour.
    ViewList open_followups;
    auto account_followups = HOVER_TRY(app_.followups().list_for_account(actor, a.id));
    open_followups.reserve(account_followups.size());
    for (const auto& f : account_followups) {
        if (f.status != followups::FollowupStatus::kOpen) {
            continue;
        }
        std::string due = format_date(f.due_on);
        if (f.due_minute) {
            due += fmt::format(" {:02}:{:02}", *f.due_minute / 60, *f.due_minute % 60);
        }
        open_followups.push_back(ViewMap{{"followup_id", std::to_string(f.id.value)},
                                         {"due", due},
                                         {"channel", humanize(to_name(f.channel))},
                                         {"reason", f.reason},
                                         {"overridden", !f.policy_override_reason.empty()}});
    }
    // The overview's interactions are the newest first, like the service's own read.
    auto stay = HOVER_TRY(app_.followups().stay_in_touch(
        actor, a,
        o.recent_interactions.empty()
            ? std::nullopt
            : std::optional<Timestamp>(o.recent_interactions.front().occurred_at)));
    std::string stay_text = stay.last_touch
                                ? fmt::format("last touch {}, {} days ago",
                                              format_date(*stay.last_touch), stay.days_since)
                                : "never touched";
    static constexpr std::array<const char*, 12> kMonths{
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    ViewMap view{
        {"id", std::to_string(a.id.value)},
        {"name", a.name},
        {"status", std::string(to_name(a.status))},
        {"status_label", humanize(to_name(a.status))},
        {"industry", a.industry},
        {"region", a.region},
        {"technician", user_name(o.users, a.technician_id)},
        {"next_refresh_year", a.next_refresh_year ? std::to_string(*a.next_refresh_year) : ""},
        {"budget_month", a.budget_month && *a.budget_month >= 1 && *a.budget_month <= 12
                             ? std::string(kMonths[static_cast<std::size_t>(*a.budget_month - 1)])
                             : std::string()},
        {"comms_flow_notes", a.comms_flow_notes},
        {"active", a.status != AccountStatus::kFormer},
        {"stay_colour", std::string(to_name(stay.colour))},
        {"stay_text", stay_text},
        {"csrf_token", call.context.csrf_token},
    };
    view.emplace("contacts", std::move(people));
    view.emplace("sites", std::move(sites));
    view.emplace("timeline", std::move(timeline));
    view.emplace("notes", std::move(notes));
    view.emplace("followups", std::move(open_followups));
    view.emplace("billing", HOVER_TRY(billing_section(call, a.id)));
    Layout layout = layout_for(call.context, a.name);
    layout.flash = flash_for(call.request);
    return html_page(layout, "account", view);
}

namespace {

struct LogState {
    std::string contact_id;
    std::string outcome;
    std::string kind = "call";
    std::string summary;
    std::map<std::string, std::string> errors;
    std::string general_error;
};

Result<Response> log_page(App& app, const PageCall& call, const LogState& state, int status) {
    const Actor& actor = call.actor();
    AccountId account_id{call.id()};
    Account account = HOVER_TRY(app.records().get_account(actor, account_id));
    auto contacts =
        HOVER_TRY(app.records().list_contacts(actor, account_id, Page{.number = 1, .size = 100}));
    ViewList people;
    for (const auto& c : contacts.items) {
        std::string id = std::to_string(c.id.value);
        std::string role;
        for (const auto& link : c.accounts) {
            if (link.account_id == account_id) {
                role = link.role;
            }
        }
        people.push_back(ViewMap{{"id", id},
                                 {"name", c.display_name()},
                                 {"role", role},
                                 {"checked", id == state.contact_id}});
    }
    ViewList outcomes;
    for (auto [value, label] :
         {std::pair{"reached", "Reached"}, std::pair{"voicemail", "Voicemail"},
          std::pair{"no_answer", "No answer"}}) {
        outcomes.push_back(ViewMap{{"value", std::string(value)},
                                   {"label", std::string(label)},
                                   {"checked", state.outcome == value}});
    }
    ViewList kinds;
    for (auto [value, label] : {std::pair{"call", "Call"}, std::pair{"visit", "Visit"}}) {
        kinds.push_back(ViewMap{{"value", std::string(value)},
                                {"label", std::string(label)},
                                {"checked", state.kind == value}});
    }
    auto error = [&state](const char* name) {
        auto it = state.errors.find(name);
        return it == state.errors.end() ? std::string() : it->second;
    };
    ViewMap view{
        {"account_id", std::to_string(account_id.value)},
        {"account_name", account.name},
        {"contacts", std::move(people)},
        {"nobody", state.contact_id.empty() && status != 200},
        {"outcomes", std::move(outcomes)},
        {"kinds", std::move(kinds)},
        {"summary", state.summary},
        {"more_open", !state.summary.empty() || state.kind != "call" || !error("summary").empty()},
        {"contact_error", error("contact_id")},
        {"outcome_error", error("outcome")},
        {"summary_error", error("summary")},
        {"general_error", state.general_error},
        {"csrf_token", call.context.csrf_token},
    };
    return html_page(layout_for(call.context, "Log a call"), "log", view, {}, status);
}

}  // namespace

Result<Response> Pages::log_form(const PageCall& call) {
    LogState state;
    if (auto contact = call.request.query_param("contact")) {
        state.contact_id = std::string(*contact);
    }
    return log_page(app_, call, state, 200);
}

Result<Response> Pages::log_interaction(const PageCall& call) {
    LogState state{.contact_id = form_value(call.form, "contact_id"),
                   .outcome = form_value(call.form, "outcome"),
                   .kind = form_value(call.form, "kind"),
                   .summary = form_value(call.form, "summary")};
    if (state.kind.empty()) {
        state.kind = "call";
    }
    HOVER_TRY(app_.records().get_account(call.actor(), AccountId{call.id()}));  // 404 first
    Interaction interaction;
    interaction.account_id = AccountId{call.id()};
    interaction.user_id = call.actor().user_id;
    interaction.occurred_at = app_.clock().now();
    interaction.summary = state.summary;
    auto fail = [&](Error error) -> Result<Response> {
        if (error.field == "contact_id" || error.field == "outcome" || error.field == "summary") {
            state.errors[error.field] = error.user_message;
        } else {
            state.general_error = error.user_message;
        }
        return log_page(app_, call, state, error_policy(error.code).http_status);
    };
    if (state.outcome.empty()) {
        return fail(
            Error::invalid("outcome", "Choose what happened: reached, voicemail or no answer."));
    }
    auto outcome = parse_enum<Outcome>(state.outcome, "outcome");
    if (!outcome) {
        return fail(std::move(outcome).error());
    }
    interaction.outcome = *outcome;
    auto kind = parse_enum<InteractionKind>(state.kind, "kind");
    if (!kind) {
        return fail(std::move(kind).error());
    }
    interaction.kind = *kind;
    if (!state.contact_id.empty()) {
        auto id = parse_positive_id(state.contact_id);
        if (!id) {
            return fail(Error::invalid("contact_id", "Choose who you spoke to."));
        }
        interaction.contact_id = ContactId{*id};
    }
    auto logged = app_.records().log_interaction(call.actor(), interaction);
    if (!logged) {
        if (logged.error().code == ErrorCode::kNotFound && interaction.contact_id) {
            return fail(Error::invalid("contact_id", "That person is not on this account."));
        }
        return fail(std::move(logged).error());
    }
    return redirect(fmt::format("/accounts/{}?done=logged#timeline", call.id()));
}

Result<Response> Pages::add_note(const PageCall& call) {
    HOVER_TRY(app_.records().get_account(call.actor(), AccountId{call.id()}));  // 404 first
    Note note;
    note.account_id = AccountId{call.id()};
    note.body = form_value(call.form, "body");
    HOVER_TRY(app_.records().add_note(call.actor(), note));
    return redirect(fmt::format("/accounts/{}?done=noted#notes", call.id()));
}

Result<Response> Pages::search(const PageCall& call) {
    std::string q(call.request.query_param("q").value_or(""));
    ViewList hits;
    bool searched = false;
    std::size_t count = 0;
    if (q.find_first_not_of(" \t") != std::string::npos) {
        searched = true;
        auto found = HOVER_TRY(app_.records().search(call.actor(), q, 50));
        count = found.size();
        for (const auto& hit : found) {
            std::string href;
            switch (hit.kind) {
                case SearchKind::kContact:
                    href = hit.account_id ? fmt::format("/accounts/{}", hit.account_id->value)
                                          : fmt::format("/contacts/{}/edit", hit.id);
                    break;
                case SearchKind::kAccount:
                    href = fmt::format("/accounts/{}", hit.id);
                    break;
                default:
                    href = hit.account_id ? fmt::format("/accounts/{}", hit.account_id->value)
                                          : std::string("/accounts");
            }
            hits.push_back(ViewMap{{"href", href},
                                   {"kind", humanize(to_name(hit.kind))},
                                   {"title", hit.title},
                                   {"snippet", hit.snippet}});
        }
    }
    ViewMap view{
        {"q", q},
        {"searched", searched},
        {"count_text", fmt::format("{} result{}{}", count, count == 1 ? "" : "s",
                                   count == 50 ? " (the best 50)" : "")},
        {"hits", std::move(hits)},
    };
    return html_page(layout_for(call.context, "Search"), "search", view);
}

}  // namespace hover::http::pages

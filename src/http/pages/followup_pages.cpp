// The manager's pages of follow-ups (F1, F2): hover gaps counted per technician with the list of
// gap accounts, contact-policy overrides counted per user and per account over a period, and the
// contact-policy forms (organisation defaults, an account's and a contact's overrides).
#include <fmt/format.h>

#include "app/app.hpp"
#include "http/api/followups_api.hpp"
#include "http/pages/forms.hpp"
#include "http/pages/html.hpp"
#include "http/pages/pages.hpp"

namespace hover::http::pages {
namespace {

using namespace records;
using followups::PolicyScope;
using nlohmann::json;

constexpr int kGapsPerPage = 50;

bool manages(const Actor& actor) {
    return actor.role == Role::kAdmin || actor.role == Role::kManager;
}

std::string name_of(const std::vector<User>& users, std::optional<UserId> id) {
    if (!id) {
        return "No technician";
    }
    for (const auto& u : users) {
        if (u.id == *id) {
            return u.display_name.empty() ? u.email : u.display_name;
        }
    }
    return "A former user";
}

std::string plural_s(std::int64_t n) {
    return n == 1 ? "" : "s";
}

}  // namespace

// REQ: F1 (hover gaps counted on a page for the manager), F2 (overrides counted)
Result<Response> Pages::hover_gaps(const PageCall& call) {
    const Actor& actor = call.actor();
    const Request& request = call.request;
    std::optional<UserId> technician;
    std::string technician_param(request.query_param("technician").value_or(""));
    if (!technician_param.empty()) {
        auto id = parse_positive_id(technician_param);
        if (!id) {
            return Error::invalid("technician", "Choose a technician from the list.");
        }
        technician = UserId{*id};
    }
    int page_number = 1;
    if (auto page = request.query_param("page"); page && !page->empty()) {
        auto n = parse_positive_id(*page);
        if (!n || *n > 1000000) {
            return Error::invalid("page", "Give the page as a number from 1.");
        }
        page_number = static_cast<int>(*n);
    }
    auto report = HOVER_TRY(app_.followups().hover_gap_report(
        actor, technician, {.number = page_number, .size = kGapsPerPage}));
    auto users = HOVER_TRY(app_.records().list_users(actor));

    ViewList counts;
    for (const auto& c : report.by_technician) {
        counts.push_back(ViewMap{
            {"technician_id", c.technician_id ? std::to_string(c.technician_id->value) : ""},
            {"technician_name", name_of(users, c.technician_id)},
            {"count", std::to_string(c.count)},
            {"selected", c.technician_id == report.technician && report.technician.has_value()}});
    }
    ViewList gaps;
    for (const auto& g : report.gaps.items) {
        gaps.push_back(ViewMap{
            {"account_id", std::to_string(g.account_id.value)},
            {"account_name", g.account_name},
            {"status", std::string(to_name(g.status))},
            {"technician", name_of(users, g.technician_id)},
            {"last_touch", g.last_touch_at ? "last touch " + format_date(date_of(*g.last_touch_at))
                                           : std::string("never touched")}});
    }
    std::int64_t pages = (report.gaps.total + kGapsPerPage - 1) / kGapsPerPage;
    auto link = [&](int page) {
        std::string out = "/hover-gaps?";
        if (!technician_param.empty()) {
            out += "technician=" + percent_encode(technician_param) + "&";
        }
        return out + "page=" + std::to_string(page);
    };
    bool is_manager = manages(actor);
    std::string list_heading = "Gap accounts";
    if (report.technician && is_manager) {
        list_heading = "Gap accounts of " + name_of(users, report.technician);
    }
    ViewMap view{
        {"manages", is_manager},
        {"organisation_total", std::to_string(report.total)},
        {"gap_plural", plural_s(report.total)},
        {"by_technician", std::move(counts)},
        {"filtered", report.technician.has_value()},
        {"list_heading", list_heading},
        {"list_total", std::to_string(report.gaps.total)},
        {"gaps", std::move(gaps)},
        {"has_pages", pages > 1},
        {"page", std::to_string(page_number)},
        {"pages", std::to_string(pages)},
        {"prev", page_number > 1 ? link(page_number - 1) : std::string()},
        {"next", page_number < pages ? link(page_number + 1) : std::string()},
        {"technician_param", technician_param},
    };
    if (is_manager) {
        std::optional<Date> from;
        std::optional<Date> until;
        std::string period_error;
        auto read_day = [&](const char* name, std::optional<Date>& into) {
            if (auto v = request.query_param(name); v && !v->empty()) {
                auto parsed = parse_date(*v, name);
                if (parsed) {
                    into = *parsed;
                } else {
                    period_error = parsed.error().user_message;
                }
            }
        };
        read_day("from", from);
        read_day("until", until);
        auto asked = app_.followups().override_report(actor, from, until);
        if (!asked && asked.error().code != ErrorCode::kInvalidInput) {
            return std::move(asked).error();
        }
        if (!asked) {
            period_error = asked.error().user_message;
        }
        const followups::OverrideReport overrides_value =
            asked ? std::move(asked).value()
                  : HOVER_TRY(app_.followups().override_report(actor, std::nullopt, std::nullopt));
        const followups::OverrideReport* overrides = &overrides_value;
        ViewList by_user;
        for (const auto& c : overrides->by_user) {
            by_user.push_back(ViewMap{{"name", name_of(users, UserId{c.id})},
                                      {"count", std::to_string(c.count)}});
        }
        ViewList by_account;
        for (const auto& c : overrides->by_account) {
            by_account.push_back(ViewMap{{"id", std::to_string(c.id)},
                                         {"name", c.name},
                                         {"count", std::to_string(c.count)}});
        }
        ViewList latest;
        for (const auto& o : overrides->latest) {
            std::string rules = o.overridden_rules;
            for (char& ch : rules) {
                if (ch == '_') {
                    ch = ' ';
                } else if (ch == ',') {
                    ch = ';';
                }
            }
            latest.push_back(ViewMap{{"account_name", o.account_name},
                                     {"due_on", format_date(o.due_on)},
                                     {"user_name", name_of(users, o.created_by)},
                                     {"rules", rules},
                                     {"reason", o.reason}});
        }
        view.emplace("from", format_date(overrides->from));
        view.emplace("until", format_date(overrides->until));
        view.emplace("period_error", period_error);
        view.emplace("override_total", std::to_string(overrides->total));
        view.emplace("override_plural", plural_s(overrides->total));
        view.emplace("overrides_by_user", std::move(by_user));
        view.emplace("overrides_by_account", std::move(by_account));
        view.emplace("latest_overrides", std::move(latest));
    } else {
        int own = HOVER_TRY(app_.followups().policy_overrides_last_30_days(actor, actor.user_id));
        view.emplace("own_overrides", std::to_string(own));
        view.emplace("own_overrides_plural", plural_s(own));
    }
    return html_page(layout_for(call.context, "Hover gaps"), "hover_gaps", view);
}

// --- Contact policy forms (F2, F3) -------------------------------------------------------------

namespace {

constexpr std::array<const char*, 7> kDays{"sunday",   "monday", "tuesday", "wednesday",
                                           "thursday", "friday", "saturday"};

struct PolicyPage {
    PolicyScope scope = PolicyScope::kOrganisation;
    std::int64_t target = 0;
    std::string title;
    std::string heading;
    std::string explain;
    std::string action;
    std::string back;
    std::string back_label;
};

std::string minute_text(int minute) {
    return fmt::format("{:02}:{:02}", minute / 60, minute % 60);
}

std::string days_text(int bits) {
    std::string out;
    for (std::size_t i = 0; i < kDays.size(); ++i) {
        if ((bits & (1 << i)) != 0) {
            out += (out.empty() ? "" : ", ") + humanize(kDays[i]);
        }
    }
    return out.empty() ? "none" : out;
}

// The fields, each hint saying what a blank field inherits (`above`: the level above).
std::vector<FieldSpec> policy_specs(PolicyScope scope, const followups::ContactPolicy& above) {
    std::string inherit = scope == PolicyScope::kOrganisation ? "Blank: the built-in default, "
                                                              : "Blank: inherit, now ";
    std::vector<Option> channels{
        {"", "Inherit (now " + humanize(to_name(above.preferred_channel)) + ")"},
        {"any", "No preference"}};
    for (auto channel : {Channel::kPhone, Channel::kEmail, Channel::kText, Channel::kVisit}) {
        channels.push_back({std::string(to_name(channel)), humanize(to_name(channel))});
    }
    std::vector<FieldSpec> specs{
        {.name = "min_days_between_touches",
         .label = "Minimum days between touches",
         .kind = FieldKind::kInt,
         .hint = inherit + std::to_string(above.min_days_between_touches) + ". 0: no minimum.",
         .section = "How often"},
        {.name = "max_touches_per_30_days",
         .label = "Maximum touches per 30 days",
         .kind = FieldKind::kInt,
         .hint = inherit + std::to_string(above.max_touches_per_30_days) + ". 0: no maximum."},
        {.name = "quiet_days_set",
         .label = "Set the quiet days here",
         .kind = FieldKind::kCheckbox,
         .hint = "Unticked: inherit (now " + days_text(above.quiet_weekdays) + ").",
         .section = "Quiet days (nobody is touched on these days)"},
    };
    for (const char* day : kDays) {
        specs.push_back({.name = std::string("quiet.") + day,
                         .label = humanize(day),
                         .kind = FieldKind::kCheckbox});
    }
    std::string hours = above.quiet_from_minute && above.quiet_until_minute &&
                                *above.quiet_from_minute != *above.quiet_until_minute
                            ? minute_text(*above.quiet_from_minute) + " to " +
                                  minute_text(*above.quiet_until_minute)
                            : "none";
    specs.push_back(
        {.name = "quiet_from",
         .label = "Quiet from",
         .kind = FieldKind::kTime,
         .hint = "Both blank: inherit (now " + hours + "). The same time twice: no quiet hours.",
         .section = "Quiet hours (local time; may run past midnight)"});
    specs.push_back({.name = "quiet_until", .label = "Quiet until", .kind = FieldKind::kTime});
    specs.push_back({.name = "preferred_channel",
                     .label = "Preferred channel",
                     .kind = FieldKind::kSelect,
                     .options = channels,
                     .section = "Channel and time zone"});
    specs.push_back({.name = "time_zone",
                     .label = "Time zone",
                     .hint = inherit + above.time_zone + ". An IANA name, like America/Denver."});
    if (scope != PolicyScope::kContact) {
        specs.push_back({.name = "ideal_interval_days",
                         .label = "Amber after (days without a touch)",
                         .kind = FieldKind::kInt,
                         .hint = inherit + std::to_string(above.ideal_interval_days) + ".",
                         .section = "Stay in touch"});
        specs.push_back({.name = "max_interval_days",
                         .label = "Red after (days without a touch)",
                         .kind = FieldKind::kInt,
                         .hint = inherit + std::to_string(above.max_interval_days) + "."});
    }
    return specs;
}

// The API's JSON of the settings, in the form's shape: quiet weekdays as a tick per day.
json form_json(const followups::PolicySettings& settings) {
    json body = policy_settings_json(settings);
    json days = body["quiet_weekdays"];
    body.erase("quiet_weekdays");
    body["quiet_days_set"] = !days.is_null();
    for (const char* day : kDays) {
        bool ticked = false;
        if (days.is_array()) {
            for (const auto& d : days) {
                ticked = ticked || d == day;
            }
        }
        body["quiet"][day] = ticked;
    }
    return body;
}

// The form's JSON in the API's shape.
json api_json(json body) {
    json days = nullptr;
    if (body.value("quiet_days_set", false)) {
        days = json::array();
        for (const char* day : kDays) {
            if (body.contains("quiet") && body["quiet"].value(day, false)) {
                days.push_back(day);
            }
        }
    }
    body.erase("quiet_days_set");
    body.erase("quiet");
    body["quiet_weekdays"] = days;
    for (auto& [key, value] : body.items()) {
        if (value.is_string() && value.get<std::string>().empty()) {
            value = nullptr;  // a blank field inherits
        }
    }
    return body;
}

Response policy_form(const PageCall& call,
                     const PolicyPage& page,
                     const std::vector<FieldSpec>& specs,
                     const FormState& state,
                     int status = 200) {
    ViewMap view{
        {"heading", page.heading},
        {"explain", page.explain},
        {"action", page.action},
        {"back", page.back},
        {"back_label", page.back_label},
        {"fields", render_fields(specs, state)},
        {"general_error", state.general_error},
        {"has_errors", !state.errors.empty() && state.general_error.empty()},
        {"csrf_token", call.context.csrf_token},
    };
    return html_page(layout_for(call.context, page.title), "policy", view, {"fields"}, status);
}

// Which level a policy page edits; kNotFound for another organisation's account or contact
// (before anything else is read or parsed).
Result<PolicyPage> policy_page(App& app, const PageCall& call, PolicyScope scope) {
    PolicyPage page;
    page.scope = scope;
    const Actor& actor = call.actor();
    switch (scope) {
        case PolicyScope::kOrganisation:
            if (!manages(actor)) {
                return Error{ErrorCode::kPermissionDenied,
                             "Only admins and managers change the organisation's contact "
                             "policy."};
            }
            page.title = "Contact policy";
            page.heading = "Contact policy: organisation defaults";
            page.explain =
                "How often an account may be touched, and how long it may go untouched. An "
                "account or a contact may override any of these (from the account page).";
            page.action = "/policy";
            page.back = "/hover-gaps";
            page.back_label = "Hover gaps";
            break;
        case PolicyScope::kAccount: {
            auto account = HOVER_TRY(app.records().get_account(actor, AccountId{call.id()}));
            page.target = account.id.value;
            page.title = "Contact policy";
            page.heading = "Contact policy for " + account.name;
            page.explain =
                "Only what you fill in here overrides the organisation's defaults; blank fields "
                "inherit them. Touches are counted per account, whoever they were with.";
            page.action = fmt::format("/accounts/{}/policy", page.target);
            page.back = fmt::format("/accounts/{}", page.target);
            page.back_label = account.name;
            break;
        }
        case PolicyScope::kContact: {
            auto contact = HOVER_TRY(app.records().get_contact(actor, ContactId{call.id()}));
            page.target = contact.id.value;
            page.title = "Contact policy";
            page.heading = "Contact policy for " + contact.display_name();
            page.explain =
                "Overrides for touches planned with this person; blank fields inherit the "
                "account's and the organisation's settings. Stay-in-touch intervals belong to "
                "the account.";
            page.action = fmt::format("/contacts/{}/policy", page.target);
            if (!contact.accounts.empty()) {
                auto account =
                    app.records().get_account(actor, contact.accounts.front().account_id);
                page.back = fmt::format("/accounts/{}", contact.accounts.front().account_id.value);
                page.back_label = account ? account->name : "Account";
            } else {
                page.back = "/accounts";
                page.back_label = "Accounts";
            }
            break;
        }
    }
    return page;
}

Result<std::vector<FieldSpec>> specs_for(App& app, const Actor& actor, const PolicyPage& page) {
    followups::ContactPolicy above;  // the built-in defaults, above the organisation's
    if (page.scope != PolicyScope::kOrganisation) {
        auto org = HOVER_TRY(app.followups().policy_settings(actor, PolicyScope::kOrganisation, 0));
        above = followups::resolve(org, nullptr, nullptr);
    }
    return policy_specs(page.scope, above);
}

Result<Response> show_policy(App& app, const PageCall& call, PolicyScope scope) {
    PolicyPage page = HOVER_TRY(policy_page(app, call, scope));
    auto specs = HOVER_TRY(specs_for(app, call.actor(), page));
    auto settings = HOVER_TRY(app.followups().policy_settings(call.actor(), scope, page.target));
    return policy_form(call, page, specs, form_from_json(specs, form_json(settings)));
}

// REQ: F2, F3 (organisation defaults, account and contact overrides; errors by the field,
// input kept, nothing saved on an error)
Result<Response> save_policy(App& app, const PageCall& call, PolicyScope scope) {
    PolicyPage page = HOVER_TRY(policy_page(app, call, scope));
    auto specs = HOVER_TRY(specs_for(app, call.actor(), page));
    FormState state = form_from_post(specs, call.form);
    auto body = to_json_body(specs, state);
    if (!body) {
        return policy_form(call, page, specs, state, 422);
    }
    auto refuse = [&](Error error) {
        if (error.field == "quiet_weekdays") {
            error.field = "quiet_days_set";
        }
        attach_error(state, error);
        int status = error_policy(error.code).http_status;
        return policy_form(call, page, specs, state, status == 404 ? 422 : status);
    };
    auto settings = policy_settings_from_json(api_json(std::move(*body)));
    if (!settings) {
        return refuse(std::move(settings).error());
    }
    if (auto saved =
            app.followups().set_policy_settings(call.actor(), scope, page.target, *settings);
        !saved) {
        return refuse(std::move(saved).error());
    }
    return redirect(page.back + (page.back.starts_with("/accounts/") ? "?done=saved" : ""));
}

}  // namespace

Result<Response> Pages::org_policy_form(const PageCall& call) {
    return show_policy(app_, call, PolicyScope::kOrganisation);
}
Result<Response> Pages::save_org_policy(const PageCall& call) {
    return save_policy(app_, call, PolicyScope::kOrganisation);
}
Result<Response> Pages::account_policy_form(const PageCall& call) {
    return show_policy(app_, call, PolicyScope::kAccount);
}
Result<Response> Pages::save_account_policy(const PageCall& call) {
    return save_policy(app_, call, PolicyScope::kAccount);
}
Result<Response> Pages::contact_policy_form(const PageCall& call) {
    return show_policy(app_, call, PolicyScope::kContact);
}
Result<Response> Pages::save_contact_policy(const PageCall& call) {
    return save_policy(app_, call, PolicyScope::kContact);
}

}  // namespace hover::http::pages

#include "http/api/followups_api.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string>

#include "domain/knowledge/knowledge.hpp"
#include "domain/records/enums.hpp"

namespace hover::http {
namespace {

using followups::Followup;
using nlohmann::json;

std::string path(std::string_view prefix, std::string_view name) {
    return std::string(prefix) + std::string(name);
}

Result<std::string> text_field(const json& body, std::string_view prefix, const char* name) {
    const json& v = body.at(name);
    if (!v.is_string()) {
        return Error::invalid(path(prefix, name), "Give this as text (a JSON string).");
    }
    return v.get<std::string>();
}

Result<std::int64_t> id_field(const json& body, std::string_view prefix, const char* name) {
    const json& v = body.at(name);
    if (!v.is_number_integer() || v.get<std::int64_t>() <= 0) {
        return Error::invalid(path(prefix, name), "Give this as a positive whole number (an id).");
    }
    return v.get<std::int64_t>();
}

// "HH:MM" -> minutes after midnight.
Result<int> parse_minute(const std::string& text, const std::string& name) {
    if (text.size() == 5 && text[2] == ':' && std::isdigit(static_cast<unsigned char>(text[0])) &&
        std::isdigit(static_cast<unsigned char>(text[1])) &&
        std::isdigit(static_cast<unsigned char>(text[3])) &&
        std::isdigit(static_cast<unsigned char>(text[4]))) {
        int h = (text[0] - '0') * 10 + (text[1] - '0');
        int m = (text[3] - '0') * 10 + (text[4] - '0');
        if (h < 24 && m < 60) {
            return h * 60 + m;
        }
    }
    return Error::invalid(name, "Give the time as HH:MM, from 00:00 to 23:59.");
}

std::string minute_text(int minute) {
    std::string out = "00:00";
    out[0] = static_cast<char>('0' + minute / 600);
    out[1] = static_cast<char>('0' + (minute / 60) % 10);
    out[3] = static_cast<char>('0' + (minute % 60) / 10);
    out[4] = static_cast<char>('0' + minute % 10);
    return out;
}

constexpr std::array<const char*, 7> kWeekdayNames{"sunday",   "monday", "tuesday", "wednesday",
                                                   "thursday", "friday", "saturday"};

}  // namespace

json policy_settings_json(const followups::PolicySettings& p) {
    auto num = [](const std::optional<int>& v) { return v ? json(*v) : json(nullptr); };
    json weekdays = nullptr;
    if (p.quiet_weekdays) {
        weekdays = json::array();
        for (int i = 0; i < 7; ++i) {
            if ((*p.quiet_weekdays & (1 << i)) != 0) {
                weekdays.push_back(kWeekdayNames[static_cast<std::size_t>(i)]);
            }
        }
    }
    return json{
        {"min_days_between_touches", num(p.min_days_between_touches)},
        {"max_touches_per_30_days", num(p.max_touches_per_30_days)},
        {"quiet_weekdays", weekdays},
        {"quiet_from",
         p.quiet_from_minute ? json(minute_text(*p.quiet_from_minute)) : json(nullptr)},
        {"quiet_until",
         p.quiet_until_minute ? json(minute_text(*p.quiet_until_minute)) : json(nullptr)},
        {"preferred_channel",
         p.preferred_channel ? json(records::to_name(*p.preferred_channel)) : json(nullptr)},
        {"time_zone", p.time_zone ? json(*p.time_zone) : json(nullptr)},
        {"ideal_interval_days", num(p.ideal_interval_days)},
        {"max_interval_days", num(p.max_interval_days)}};
}

Result<followups::PolicySettings> policy_settings_from_json(const json& body) {
    followups::PolicySettings p;
    for (auto entry = body.begin(); entry != body.end(); ++entry) {
        const std::string key = entry.key();
        const json& value = entry.value();
        if (value.is_null()) {
            continue;
        }
        auto whole = [&](std::optional<int>& into) -> Result<Ok> {
            if (!value.is_number_integer()) {
                return Error::invalid(key, "Give a whole number, or null to inherit.");
            }
            into = value.get<int>();
            return Ok{};
        };
        auto text = [&]() -> Result<std::string> {
            if (!value.is_string()) {
                return Error::invalid(key, "Give this as text, or null to inherit.");
            }
            return value.get<std::string>();
        };
        if (key == "min_days_between_touches") {
            HOVER_TRY(whole(p.min_days_between_touches));
        } else if (key == "max_touches_per_30_days") {
            HOVER_TRY(whole(p.max_touches_per_30_days));
        } else if (key == "ideal_interval_days") {
            HOVER_TRY(whole(p.ideal_interval_days));
        } else if (key == "max_interval_days") {
            HOVER_TRY(whole(p.max_interval_days));
        } else if (key == "quiet_from") {
            p.quiet_from_minute = HOVER_TRY(parse_minute(HOVER_TRY(text()), key));
        } else if (key == "quiet_until") {
            p.quiet_until_minute = HOVER_TRY(parse_minute(HOVER_TRY(text()), key));
        } else if (key == "preferred_channel") {
            p.preferred_channel =
                HOVER_TRY(records::parse_enum<records::Channel>(HOVER_TRY(text()), key));
        } else if (key == "time_zone") {
            p.time_zone = HOVER_TRY(text());
        } else if (key == "quiet_weekdays") {
            if (!value.is_array()) {
                return Error::invalid(key,
                                      "Give a list of weekdays, like [\"saturday\", \"sunday\"].");
            }
            int bits = 0;
            for (std::size_t i = 0; i < value.size(); ++i) {
                const json& item = value[i];
                auto found = item.is_string()
                                 ? std::find(kWeekdayNames.begin(), kWeekdayNames.end(),
                                             item.get<std::string>())
                                 : kWeekdayNames.end();
                if (found == kWeekdayNames.end()) {
                    return Error::invalid(key + "[" + std::to_string(i) + "]",
                                          "Give a weekday in lower case: sunday ... saturday.");
                }
                bits |= 1 << static_cast<int>(found - kWeekdayNames.begin());
            }
            p.quiet_weekdays = bits;
        } else {
            return Error::invalid(key, "Unknown field of the contact policy.");
        }
    }
    return p;
}

// Reads a follow-up to plan from a JSON object; unknown fields are refused.
Result<Followup> followup_from_json(const json& body, std::string_view prefix) {
    if (!body.is_object()) {
        return Error::invalid(std::string(prefix.substr(0, prefix.size() - 1)),
                              "Give the next step as a JSON object.");
    }
    static const std::set<std::string> kKnown{
        "account_id", "contact_id", "assigned_to", "due_on",
        "due_time",   "channel",    "reason",      "policy_override_reason"};
    for (const auto& [key, value] : body.items()) {
        if (!kKnown.contains(key)) {
            return Error::invalid(path(prefix, key),
                                  "Unknown field. A follow-up has: due_on, due_time, channel, "
                                  "reason, contact_id, assigned_to, policy_override_reason.");
        }
    }
    Followup f;
    if (!body.contains("due_on") || body.at("due_on").is_null()) {
        return Error::invalid(path(prefix, "due_on"), "Give the due date as YYYY-MM-DD.");
    }
    auto due = HOVER_TRY(text_field(body, prefix, "due_on"));
    f.due_on = HOVER_TRY(parse_date(due, path(prefix, "due_on")));
    if (body.contains("channel")) {
        auto channel = HOVER_TRY(text_field(body, prefix, "channel"));
        f.channel =
            HOVER_TRY(records::parse_enum<records::Channel>(channel, path(prefix, "channel")));
    }
    if (body.contains("reason")) {
        f.reason = HOVER_TRY(text_field(body, prefix, "reason"));
    }
    if (body.contains("due_time") && !body.at("due_time").is_null() && body.at("due_time") != "") {
        auto text = HOVER_TRY(text_field(body, prefix, "due_time"));
        f.due_minute = HOVER_TRY(parse_minute(text, path(prefix, "due_time")));
    }
    if (body.contains("policy_override_reason")) {
        f.policy_override_reason = HOVER_TRY(text_field(body, prefix, "policy_override_reason"));
    }
    if (body.contains("contact_id") && !body.at("contact_id").is_null()) {
        f.contact_id = ContactId{HOVER_TRY(id_field(body, prefix, "contact_id"))};
    }
    if (body.contains("assigned_to") && !body.at("assigned_to").is_null()) {
        f.assigned_to = UserId{HOVER_TRY(id_field(body, prefix, "assigned_to"))};
    }
    return f;
}

namespace {

template <typename T>
json opt(const std::optional<T>& id) {
    return id ? json(id->value) : json(nullptr);
}

}  // namespace

json to_json(const Followup& f) {
    return json{{"id", f.id.value},
                {"account_id", f.account_id.value},
                {"contact_id", opt(f.contact_id)},
                {"assigned_to", f.assigned_to.value},
                {"due_on", format_date(f.due_on)},
                {"due_time", f.due_minute ? json(minute_text(*f.due_minute)) : json(nullptr)},
                {"channel", records::to_name(f.channel)},
                {"reason", f.reason},
                {"status", records::to_name(f.status)},
                {"created_by", f.created_by.value},
                {"created_at", format_timestamp(f.created_at)},
                {"closed_at", f.closed_at ? json(format_timestamp(*f.closed_at)) : json(nullptr)},
                {"closed_by", opt(f.closed_by)},
                {"outcome", f.outcome},
                {"next_id", opt(f.next_id)},
                {"no_next_reason", f.no_next_reason},
                {"policy_override_reason", f.policy_override_reason},
                {"policy_overridden_rules", f.policy_overridden_rules}};
}

json to_json(const followups::HoverGap& g) {
    return json{{"account_id", g.account_id.value},
                {"account_name", g.account_name},
                {"status", records::to_name(g.status)},
                {"technician_id", opt(g.technician_id)},
                {"last_touch_at",
                 g.last_touch_at ? json(format_timestamp(*g.last_touch_at)) : json(nullptr)}};
}

namespace {
template <typename T>
json list_json(const std::vector<T>& items) {
    json array = json::array();
    for (const auto& item : items) {
        array.push_back(to_json(item));
    }
    return json{{"items", std::move(array)}};
}
}  // namespace

// REQ: F1
Result<Response> FollowupsApi::list_of_account(const ApiCall& call) {
    auto list = HOVER_TRY(followups_.list_for_account(call.actor(), AccountId{call.id()}));
    return json_response(200, list_json(list));
}

// REQ: F1
Result<Response> FollowupsApi::plan(const ApiCall& call) {
    AccountId account{call.id()};
    HOVER_TRY(followups_.list_for_account(call.actor(), account));  // 404 before the body
    auto body = HOVER_TRY(json_object_body(call.request));
    json copy = body;
    copy.erase("account_id");  // the path names the account
    Followup f = HOVER_TRY(followup_from_json(copy, ""));
    f.account_id = account;
    auto saved = HOVER_TRY(followups_.plan(call.actor(), std::move(f)));
    return created_response("/api/v1/followups/" + std::to_string(saved.id.value), to_json(saved));
}

Result<Response> FollowupsApi::get(const ApiCall& call) {
    auto f = HOVER_TRY(followups_.get(call.actor(), followups::FollowupId{call.id()}));
    return json_response(200, to_json(f));
}

// REQ: F1 (the outcome and the next step in one request)
Result<Response> FollowupsApi::close(const ApiCall& call) {
    followups::FollowupId id{call.id()};
    HOVER_TRY(followups_.get(call.actor(), id));  // 404 before the body
    auto body = HOVER_TRY(json_object_body(call.request));
    followups::CloseFollowup close;
    for (const auto& [key, value] : body.items()) {
        if (key != "outcome" && key != "next" && key != "no_next_reason") {
            return Error::invalid(key,
                                  "Unknown field. Closing takes: outcome, and next or "
                                  "no_next_reason.");
        }
    }
    if (body.contains("outcome")) {
        close.outcome = HOVER_TRY(text_field(body, "", "outcome"));
    }
    if (body.contains("no_next_reason")) {
        close.no_next_reason = HOVER_TRY(text_field(body, "", "no_next_reason"));
    }
    if (body.contains("next") && !body.at("next").is_null()) {
        close.next = HOVER_TRY(followup_from_json(body.at("next"), "next."));
    }
    auto closed = HOVER_TRY(followups_.close(call.actor(), id, std::move(close)));
    return json_response(200, to_json(closed));
}

Result<Response> FollowupsApi::list_open(const ApiCall& call) {
    std::optional<UserId> assigned;
    if (auto v = HOVER_TRY(id_from_query(call.request, "assigned_to"))) {
        assigned = UserId{*v};
    }
    auto list = HOVER_TRY(followups_.list_open(call.actor(), assigned));
    return json_response(200, list_json(list));
}

namespace {

std::string user_name(const std::vector<records::User>& users, std::optional<UserId> id) {
    if (!id) {
        return "";
    }
    for (const auto& u : users) {
        if (u.id == *id) {
            return u.display_name.empty() ? u.email : u.display_name;
        }
    }
    return "";
}

}  // namespace

json hover_gap_report_json(const followups::HoverGapReport& report,
                           const std::vector<records::User>& users) {
    json items = json::array();
    for (const auto& g : report.gaps.items) {
        items.push_back(to_json(g));
    }
    json counts = json::array();
    for (const auto& c : report.by_technician) {
        counts.push_back(
            {{"technician_id", opt(c.technician_id)},
             {"technician_name",
              c.technician_id ? json(user_name(users, c.technician_id)) : json(nullptr)},
             {"count", c.count}});
    }
    return json{{"items", std::move(items)},
                {"page", report.gaps.page.number},
                {"per_page", report.gaps.page.size},
                {"total", report.gaps.total},
                {"technician_id", opt(report.technician)},
                {"by_technician", std::move(counts)},
                {"organisation_total", report.total}};
}

json override_report_json(const followups::OverrideReport& report,
                          const std::vector<records::User>& users) {
    json by_user = json::array();
    for (const auto& c : report.by_user) {
        by_user.push_back(
            {{"user_id", c.id}, {"user_name", user_name(users, UserId{c.id})}, {"count", c.count}});
    }
    json by_account = json::array();
    for (const auto& c : report.by_account) {
        by_account.push_back({{"account_id", c.id}, {"account_name", c.name}, {"count", c.count}});
    }
    json latest = json::array();
    for (const auto& o : report.latest) {
        latest.push_back({{"followup_id", o.followup_id.value},
                          {"account_id", o.account_id.value},
                          {"account_name", o.account_name},
                          {"created_by", o.created_by.value},
                          {"created_by_name", user_name(users, o.created_by)},
                          {"created_at", format_timestamp(o.created_at)},
                          {"due_on", format_date(o.due_on)},
                          {"policy_override_reason", o.reason},
                          {"policy_overridden_rules", o.overridden_rules}});
    }
    return json{{"from", format_date(report.from)},
                {"until", format_date(report.until)},
                {"total", report.total},
                {"by_user", std::move(by_user)},
                {"by_account", std::move(by_account)},
                {"latest", std::move(latest)}};
}

namespace {

Result<std::optional<Date>> date_from_query(const Request& request, const char* name) {
    if (auto v = request.query_param(name); v && !v->empty()) {
        return std::optional<Date>(HOVER_TRY(parse_date(*v, name)));
    }
    return std::optional<Date>{};
}

}  // namespace

// REQ: F1 (hover gaps, counted per technician for the manager)
Result<Response> FollowupsApi::hover_gaps(const ApiCall& call) {
    std::optional<UserId> technician;
    if (auto v = HOVER_TRY(id_from_query(call.request, "technician_id"))) {
        technician = UserId{*v};
    }
    auto page = HOVER_TRY(page_from_query(call.request));
    auto report = HOVER_TRY(followups_.hover_gap_report(call.actor(), technician, page));
    auto users = HOVER_TRY(records_.list_users(call.actor()));
    return json_response(200, hover_gap_report_json(report, users));
}

// REQ: F2 (overrides counted per user and per account over a period)
Result<Response> FollowupsApi::policy_overrides(const ApiCall& call) {
    auto from = HOVER_TRY(date_from_query(call.request, "from"));
    auto until = HOVER_TRY(date_from_query(call.request, "until"));
    auto report = HOVER_TRY(followups_.override_report(call.actor(), from, until));
    auto users = HOVER_TRY(records_.list_users(call.actor()));
    return json_response(200, override_report_json(report, users));
}

// --- Contact policy (F2, F3) -------------------------------------------------------------------

namespace {
using followups::PolicyScope;
}  // namespace

Result<Response> FollowupsApi::get_org_policy(const ApiCall& call) {
    auto p = HOVER_TRY(followups_.policy_settings(call.actor(), PolicyScope::kOrganisation, 0));
    return json_response(200, policy_settings_json(p));
}

Result<Response> FollowupsApi::put_org_policy(const ApiCall& call) {
    auto body = HOVER_TRY(json_object_body(call.request));
    auto settings = HOVER_TRY(policy_settings_from_json(body));
    auto saved = HOVER_TRY(
        followups_.set_policy_settings(call.actor(), PolicyScope::kOrganisation, 0, settings));
    return json_response(200, policy_settings_json(saved));
}

Result<Response> FollowupsApi::get_account_policy(const ApiCall& call) {
    auto p = HOVER_TRY(followups_.policy_settings(call.actor(), PolicyScope::kAccount, call.id()));
    return json_response(200, policy_settings_json(p));
}

Result<Response> FollowupsApi::put_account_policy(const ApiCall& call) {
    HOVER_TRY(followups_.policy_settings(call.actor(), PolicyScope::kAccount, call.id()));
    auto body = HOVER_TRY(json_object_body(call.request));
    auto settings = HOVER_TRY(policy_settings_from_json(body));
    auto saved = HOVER_TRY(
        followups_.set_policy_settings(call.actor(), PolicyScope::kAccount, call.id(), settings));
    return json_response(200, policy_settings_json(saved));
}

Result<Response> FollowupsApi::get_contact_policy(const ApiCall& call) {
    auto p = HOVER_TRY(followups_.policy_settings(call.actor(), PolicyScope::kContact, call.id()));
    return json_response(200, policy_settings_json(p));
}

Result<Response> FollowupsApi::put_contact_policy(const ApiCall& call) {
    HOVER_TRY(followups_.policy_settings(call.actor(), PolicyScope::kContact, call.id()));
    auto body = HOVER_TRY(json_object_body(call.request));
    auto settings = HOVER_TRY(policy_settings_from_json(body));
    auto saved = HOVER_TRY(
        followups_.set_policy_settings(call.actor(), PolicyScope::kContact, call.id(), settings));
    return json_response(200, policy_settings_json(saved));
}

// REQ: F2
Result<Response> FollowupsApi::check_policy(const ApiCall& call) {
    AccountId account{call.id()};
    HOVER_TRY(followups_.list_for_account(call.actor(), account));  // 404 first
    Followup planned;
    planned.account_id = account;
    auto due = call.request.query_param("due_on");
    if (!due) {
        return Error::invalid("due_on", "Give the day to check as due_on=YYYY-MM-DD.");
    }
    planned.due_on = HOVER_TRY(parse_date(*due, "due_on"));
    if (auto channel = call.request.query_param("channel"); channel && !channel->empty()) {
        planned.channel = HOVER_TRY(records::parse_enum<records::Channel>(*channel, "channel"));
    }
    if (auto time = call.request.query_param("due_time"); time && !time->empty()) {
        planned.due_minute = HOVER_TRY(parse_minute(std::string(*time), "due_time"));
    }
    if (auto contact = HOVER_TRY(id_from_query(call.request, "contact_id"))) {
        planned.contact_id = ContactId{*contact};
    }
    auto check = HOVER_TRY(followups_.check_policy(call.actor(), planned));
    json violations = json::array();
    for (const auto& v : check.violations) {
        violations.push_back({{"rule", v.rule}, {"field", v.field}, {"message", v.message}});
    }
    return json_response(
        200, json{{"allowed", check.allowed()},
                  {"violations", std::move(violations)},
                  {"first_allowed", format_date(check.first_allowed)},
                  {"first_allowed_time", check.first_allowed_minute
                                             ? json(minute_text(*check.first_allowed_minute))
                                             : json(nullptr)}});
}

// REQ: F3
Result<Response> FollowupsApi::stay_in_touch(const ApiCall& call) {
    auto status = HOVER_TRY(followups_.stay_in_touch(call.actor(), AccountId{call.id()}));
    return json_response(
        200, json{{"colour", records::to_name(status.colour)},
                  {"last_touch_on",
                   status.last_touch ? json(format_date(*status.last_touch)) : json(nullptr)},
                  {"days_since", status.days_since}});
}

// REQ: F6
Result<Response> FollowupsApi::reachability(const ApiCall& call) {
    auto r = HOVER_TRY(followups_.reachability(call.actor(), ContactId{call.id()}));
    json by_hour = json::array();
    for (std::size_t h = 0; h < 24; ++h) {
        if (r.calls_by_hour[h] > 0) {
            by_hour.push_back(
                {{"hour", h}, {"calls", r.calls_by_hour[h]}, {"answered", r.answered_by_hour[h]}});
        }
    }
    return json_response(200, json{{"calls", r.calls},
                                   {"answered", r.answered},
                                   {"voicemail", r.voicemail},
                                   {"no_answer", r.no_answer},
                                   {"usually_lets_it_go_to_voicemail", r.voicemail_hider},
                                   {"best_hour", r.best_hour ? json(*r.best_hour) : json(nullptr)},
                                   {"by_hour", std::move(by_hour)}});
}

// REQ: R7
Result<Response> FollowupsApi::knowledge(const ApiCall& call) {
    auto overview = HOVER_TRY(records_.account_overview(call.actor(), AccountId{call.id()}));
    auto score = knowledge::knowledge_score(overview);
    json unknowns = json::array();
    for (const auto& u : score.unknowns) {
        unknowns.push_back({{"item", u.item},
                            {"label", u.label},
                            {"site_id", u.site_id ? json(u.site_id->value) : json(nullptr)}});
    }
    return json_response(200, json{{"known", score.known},
                                   {"total", score.total},
                                   {"percent", score.percent},
                                   {"unknowns", std::move(unknowns)}});
}

}  // namespace hover::http

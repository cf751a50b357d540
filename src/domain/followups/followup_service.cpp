#include "domain/followups/followup_service.hpp"

#include <algorithm>
#include <map>
#include <string>

namespace hover::followups {
namespace {

std::string trimmed(const std::string& text) {
    auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) {
        return {};
    }
    auto end = text.find_last_not_of(" \t\r\n");
    return text.substr(begin, end - begin + 1);
}

std::string field(std::string_view prefix, std::string_view name) {
    return std::string(prefix) + std::string(name);
}

constexpr std::size_t kMaxText = 2000;

}  // namespace

Result<Followup> FollowupService::validate(const Actor& actor,
                                           Followup followup,
                                           std::string_view prefix) {
    followup.org_id = actor.org_id;
    followup.reason = trimmed(followup.reason);
    if (followup.reason.empty()) {
        return Error::invalid(field(prefix, "reason"),
                              "Write why we get back in touch (a follow-up needs a reason).");
    }
    if (followup.reason.size() > kMaxText) {
        return Error::invalid(field(prefix, "reason"), "Keep the reason under 2000 characters.");
    }
    if (!followup.due_on.ok()) {
        return Error::invalid(field(prefix, "due_on"), "Give the due date as YYYY-MM-DD.");
    }
    if (followup.channel == records::Channel::kAny) {
        return Error::invalid(field(prefix, "channel"),
                              "Choose how to get in touch: phone, email, text or visit.");
    }
    auto account = records_.get_account(actor, followup.account_id);
    if (!account) {
        Error error = std::move(account).error();
        if (error.code == ErrorCode::kNotFound) {
            error.field = field(prefix, "account_id");
        }
        return error;
    }
    if (followup.contact_id) {
        auto contact = records_.get_contact(actor, *followup.contact_id);
        if (!contact) {
            Error error = std::move(contact).error();
            error.field = field(prefix, "contact_id");
            return error;
        }
        bool linked = std::any_of(contact->accounts.begin(), contact->accounts.end(),
                                  [&](const records::AccountLink& link) {
                                      return link.account_id == followup.account_id;
                                  });
        if (!linked) {
            return Error::invalid(field(prefix, "contact_id"),
                                  "This contact is not linked to the account. Pick one of the "
                                  "account's contacts, or leave the contact empty.");
        }
    }
    if (!followup.assigned_to.valid()) {
        followup.assigned_to = account->technician_id.value_or(actor.user_id);
    } else {
        auto users = HOVER_TRY(records_.list_users(actor));
        bool known = std::any_of(users.begin(), users.end(), [&](const records::User& u) {
            return u.id == followup.assigned_to;
        });
        if (!known) {
            return Error::invalid(field(prefix, "assigned_to"),
                                  "No such user in your organisation.");
        }
    }
    followup.policy_override_reason = trimmed(followup.policy_override_reason);
    if (followup.policy_override_reason.size() > kMaxText) {
        return Error::invalid(field(prefix, "policy_override_reason"),
                              "Keep the override reason under 2000 characters.");
    }
    if (followup.due_minute && (*followup.due_minute < 0 || *followup.due_minute > 1439)) {
        return Error::invalid(field(prefix, "due_time"), "Give the time as HH:MM (00:00-23:59).");
    }
    followup.policy_overridden_rules.clear();
    followup.status = FollowupStatus::kOpen;
    followup.created_by = actor.user_id;
    followup.created_at = clock_.now();
    followup.closed_at.reset();
    followup.closed_by.reset();
    followup.outcome.clear();
    followup.next_id.reset();
    followup.no_next_reason.clear();
    followup.id = FollowupId{};
    return followup;
}

// REQ: F1
Result<Followup> FollowupService::plan(const Actor& actor, Followup followup) {
    Followup saved;
    HOVER_TRY(store_.transaction([&]() -> Result<Ok> {
        saved = HOVER_TRY(validate(actor, std::move(followup), ""));
        saved = HOVER_TRY(enforce_policy(actor, std::move(saved), "", std::nullopt));
        saved.id = HOVER_TRY(store_.insert_followup(saved));
        return Ok{};
    }));
    return saved;
}

Result<Followup> FollowupService::get(const Actor& actor, FollowupId id) {
    return store_.find_followup(actor.org_id, id);
}

Result<std::vector<Followup>> FollowupService::list_for_account(const Actor& actor,
                                                                AccountId account) {
    HOVER_TRY(records_.check_account(actor, account));
    return store_.list_followups(actor.org_id, {.account = account});
}

Result<std::vector<Followup>> FollowupService::list_open(const Actor& actor,
                                                         std::optional<UserId> assigned_to) {
    return store_.list_followups(actor.org_id,
                                 {.assigned_to = assigned_to, .status = FollowupStatus::kOpen});
}

// REQ: F1 (closing asks for the outcome and the next step in the same action)
Result<Followup> FollowupService::close(const Actor& actor, FollowupId id, CloseFollowup close) {
    Followup closed;
    HOVER_TRY(store_.transaction([&]() -> Result<Ok> {
        closed = HOVER_TRY(store_.find_followup(actor.org_id, id));
        if (closed.status != FollowupStatus::kOpen) {
            return Error{ErrorCode::kConflict,
                         "This follow-up is already closed. Reload the account to see its next "
                         "step."};
        }
        std::string outcome = trimmed(close.outcome);
        if (outcome.empty()) {
            return Error::invalid("outcome", "Write what came of it (the outcome).");
        }
        if (outcome.size() > kMaxText) {
            return Error::invalid("outcome", "Keep the outcome under 2000 characters.");
        }
        std::string no_next = trimmed(close.no_next_reason);
        if (close.next && !no_next.empty()) {
            return Error::invalid("no_next_reason",
                                  "Either plan the next step or say why there is none, not both.");
        }
        if (!close.next && no_next.empty()) {
            return Error::invalid("next",
                                  "Plan the next step (due date, channel and reason), or write "
                                  "why there is none (for example: former customer).");
        }
        if (close.next) {
            Followup next = std::move(*close.next);
            next.account_id = closed.account_id;
            next = HOVER_TRY(validate(actor, std::move(next), "next."));
            next = HOVER_TRY(enforce_policy(actor, std::move(next), "next.", closed.id));
            next.id = HOVER_TRY(store_.insert_followup(next));
            closed.next_id = next.id;
        } else {
            closed.no_next_reason = no_next;
        }
        closed.status = FollowupStatus::kDone;
        closed.outcome = outcome;
        closed.closed_at = clock_.now();
        closed.closed_by = actor.user_id;
        HOVER_TRY(store_.close_followup(closed));
        return Ok{};
    }));
    return closed;
}

// REQ: F1 (hover gaps)
Result<std::vector<HoverGap>> FollowupService::hover_gaps(const Actor& actor,
                                                          std::optional<UserId> technician) {
    return store_.list_hover_gaps(actor.org_id, technician);
}

// --- Contact policy ---------------------------------------------------------------------------

namespace {
bool manages(const Actor& actor) {
    return actor.role == Role::kAdmin || actor.role == Role::kManager;
}
}  // namespace

Result<PolicySettings> FollowupService::policy_settings(const Actor& actor,
                                                        PolicyScope scope,
                                                        std::int64_t target) {
    if (scope == PolicyScope::kAccount) {
        HOVER_TRY(records_.check_account(actor, AccountId{target}));
    } else if (scope == PolicyScope::kContact) {
        HOVER_TRY(records_.get_contact(actor, ContactId{target}));
    } else {
        target = 0;
    }
    return store_.find_policy(actor.org_id, scope, target);
}

// REQ: F2, F3 (organisation defaults, account and contact overrides)
Result<PolicySettings> FollowupService::set_policy_settings(const Actor& actor,
                                                            PolicyScope scope,
                                                            std::int64_t target,
                                                            const PolicySettings& settings) {
    HOVER_TRY(policy_settings(actor, scope, target));  // the target exists in this organisation
    if (scope == PolicyScope::kOrganisation) {
        if (!manages(actor)) {
            return Error{ErrorCode::kPermissionDenied,
                         "Only admins and managers change the organisation's contact policy."};
        }
        target = 0;
    }
    HOVER_TRY(followups::validate(settings));
    if (scope == PolicyScope::kContact &&
        (settings.ideal_interval_days || settings.max_interval_days)) {
        return Error::invalid("ideal_interval_days",
                              "Stay-in-touch intervals are set per account, not per contact.");
    }
    HOVER_TRY(store_.put_policy(actor.org_id, scope, target, settings, clock_.now()));
    return settings;
}

Result<ContactPolicy> FollowupService::effective_policy(const Actor& actor,
                                                        AccountId account,
                                                        std::optional<ContactId> contact) {
    auto org = HOVER_TRY(store_.find_policy(actor.org_id, PolicyScope::kOrganisation, 0));
    auto acc = HOVER_TRY(store_.find_policy(actor.org_id, PolicyScope::kAccount, account.value));
    PolicySettings person;
    if (contact) {
        person = HOVER_TRY(store_.find_policy(actor.org_id, PolicyScope::kContact, contact->value));
    }
    return resolve(org, &acc, contact ? &person : nullptr);
}

// REQ: F2 (every touch counts: interactions of every kind, and other planned follow-ups)
Result<TouchCheck> FollowupService::check_policy(const Actor& actor,
                                                 const Followup& planned,
                                                 std::optional<FollowupId> excluding) {
    ContactPolicy policy =
        HOVER_TRY(effective_policy(actor, planned.account_id, planned.contact_id));
    // Far enough back for the 30-day windows and the minimum gap, with a day of slack for the
    // time zone.
    int back = std::max(30, policy.min_days_between_touches) + 1;
    Timestamp since =
        start_of(Date{std::chrono::sys_days{planned.due_on} - std::chrono::days{back}});
    auto times = HOVER_TRY(store_.list_touch_times(actor.org_id, planned.account_id, since));
    std::vector<Date> days = local_days(policy, times);
    auto open = HOVER_TRY(store_.list_followups(
        actor.org_id, {.account = planned.account_id, .status = FollowupStatus::kOpen}));
    for (const auto& f : open) {
        if (f.id != planned.id && (!excluding || f.id != *excluding)) {
            days.push_back(f.due_on);
        }
    }
    return check_touch(
        policy, days,
        {.day = planned.due_on, .minute = planned.due_minute, .channel = planned.channel});
}

Result<Followup> FollowupService::enforce_policy(const Actor& actor,
                                                 Followup followup,
                                                 std::string_view prefix,
                                                 std::optional<FollowupId> excluding) {
    TouchCheck check = HOVER_TRY(check_policy(actor, followup, excluding));
    if (check.allowed()) {
        followup.policy_override_reason.clear();
        return followup;
    }
    if (followup.policy_override_reason.empty()) {
        const Violation& first = check.violations.front();
        std::string message = first.message;
        for (std::size_t i = 1; i < check.violations.size(); ++i) {
            message += " " + check.violations[i].message;
        }
        message += " To plan it anyway, give a written reason for the override.";
        Error error{ErrorCode::kConflict, message};
        error.field = field(prefix, first.field);
        error.detail =
            "contact policy: " + first.rule + "; first allowed " + format_date(check.first_allowed);
        return error;
    }
    for (const auto& v : check.violations) {
        if (!followup.policy_overridden_rules.empty()) {
            followup.policy_overridden_rules += ",";
        }
        followup.policy_overridden_rules += v.rule;
    }
    return followup;
}

// REQ: F3
Result<StayInTouchStatus> FollowupService::stay_in_touch(const Actor& actor, AccountId account) {
    auto acc = HOVER_TRY(records_.get_account(actor, account));
    auto page = HOVER_TRY(records_.list_interactions(actor, account, {.number = 1, .size = 1}));
    std::optional<Timestamp> last;
    if (!page.items.empty()) {
        last = page.items.front().occurred_at;
    }
    return stay_in_touch(actor, acc, last);
}

Result<StayInTouchStatus> FollowupService::stay_in_touch(const Actor& actor,
                                                         const records::Account& account,
                                                         std::optional<Timestamp> last_touch) {
    ContactPolicy policy = HOVER_TRY(effective_policy(actor, account.id, std::nullopt));
    return followups::stay_in_touch(policy, last_touch, account.created_at, clock_.now());
}

// REQ: F3, F4
Result<std::vector<AccountStanding>> FollowupService::standings(const Actor& actor,
                                                                std::optional<UserId> technician,
                                                                Date day) {
    std::vector<AccountStanding> out;
    HOVER_TRY(store_.read_snapshot([&]() -> Result<Ok> {
        auto org = HOVER_TRY(store_.find_policy(actor.org_id, PolicyScope::kOrganisation, 0));
        // Each account comes with its own override: one query for all of them.
        auto accounts = HOVER_TRY(store_.list_active_accounts(actor.org_id, technician));
        out.reserve(accounts.size());
        for (auto& a : accounts) {
            ContactPolicy policy = resolve(org, &a.policy, nullptr);
            auto status = stay_in_touch_on(policy, a.last_touch_at, a.created_at, day);
            out.push_back({std::move(a), std::move(policy), status});
        }
        return Ok{};
    }));
    return out;
}

Result<Ok> FollowupService::read_snapshot(const std::function<Result<Ok>()>& work) {
    return store_.read_snapshot(work);
}

// REQ: F4, F6 (three queries: the follow-ups with their accounts' names and contacts'
// overrides, the organisation's defaults, the call outcomes of the contacts they name)
Result<std::vector<AgendaFollowup>> FollowupService::due_followups(const Actor& actor,
                                                                   UserId user,
                                                                   Date day) {
    std::vector<AgendaFollowup> out;
    HOVER_TRY(store_.read_snapshot([&]() -> Result<Ok> {
        auto due = HOVER_TRY(store_.list_due_followups(actor.org_id, user, day));
        bool any_call = std::any_of(due.begin(), due.end(), [](const DueFollowup& d) {
            return d.followup.contact_id && d.followup.channel == records::Channel::kPhone;
        });
        PolicySettings org;
        std::map<ContactId, std::vector<CallOutcome>> calls;
        if (any_call) {
            org = HOVER_TRY(store_.find_policy(actor.org_id, PolicyScope::kOrganisation, 0));
            for (auto& [contact, call] :
                 HOVER_TRY(store_.list_due_call_outcomes(actor.org_id, user, day))) {
                calls[contact].push_back(call);
            }
        }
        std::map<ContactId, Reachability> reach;
        out.reserve(due.size());
        for (auto& d : due) {
            AgendaFollowup f{std::move(d.followup), std::move(d.account_name), std::nullopt};
            if (f.followup.contact_id && f.followup.channel == records::Channel::kPhone) {
                ContactId contact = *f.followup.contact_id;
                auto it = reach.find(contact);
                if (it == reach.end()) {
                    // As reachability(): the organisation's defaults, then the contact's own.
                    ContactPolicy policy = resolve(org, nullptr, &d.contact_policy);
                    it = reach.emplace(contact, followups::reachability(policy, calls[contact]))
                             .first;
                }
                f.reachability = it->second;
            }
            out.push_back(std::move(f));
        }
        return Ok{};
    }));
    return out;
}

Result<std::vector<ContactBirthday>> FollowupService::birthdays(const Actor& actor,
                                                                UserId technician,
                                                                MonthDayRange days) {
    return store_.list_birthdays(actor.org_id, technician, days);
}

Result<std::vector<AccountTouchSummary>> FollowupService::customers_created_on(const Actor& actor,
                                                                               UserId technician,
                                                                               MonthDayRange days) {
    return store_.list_customers_created_on(actor.org_id, technician, days);
}

// REQ: F1 (hover gaps counted on a page for the manager)
Result<HoverGapReport> FollowupService::hover_gap_report(const Actor& actor,
                                                         std::optional<UserId> technician,
                                                         records::Page page) {
    if (!manages(actor)) {
        if (technician && *technician != actor.user_id) {
            return Error{ErrorCode::kPermissionDenied,
                         "Technicians see their own hover gaps; ask a manager for the others'."};
        }
        technician = actor.user_id;
    }
    page.number = std::max(page.number, 1);
    page.size = std::clamp(page.size, 1, 500);
    HoverGapReport report;
    report.technician = technician;
    HOVER_TRY(store_.read_snapshot([&]() -> Result<Ok> {
        if (technician) {
            auto users = HOVER_TRY(records_.list_users(actor));
            if (std::none_of(users.begin(), users.end(),
                             [&](const records::User& u) { return u.id == *technician; })) {
                return Error::not_found("user");
            }
        }
        report.by_technician = HOVER_TRY(store_.count_hover_gaps(actor.org_id));
        if (!manages(actor)) {
            std::erase_if(report.by_technician,
                          [&](const HoverGapCount& c) { return c.technician_id != actor.user_id; });
        }
        for (const auto& c : report.by_technician) {
            report.total += c.count;
            if (technician && c.technician_id == technician) {
                report.gaps.total = c.count;
            }
        }
        if (!technician) {
            report.gaps.total = report.total;
        }
        report.gaps.page = page;
        report.gaps.items = HOVER_TRY(store_.list_hover_gaps_page(actor.org_id, technician, page));
        return Ok{};
    }));
    return report;
}

// REQ: F2 (overrides are logged and counted)
Result<OverrideReport> FollowupService::override_report(const Actor& actor,
                                                        std::optional<Date> first_day,
                                                        std::optional<Date> last_day) {
    using std::chrono::days;
    using std::chrono::sys_days;
    if (!manages(actor)) {
        return Error{ErrorCode::kPermissionDenied,
                     "Only admins and managers see everyone's contact-policy overrides."};
    }
    OverrideReport report;
    report.until = last_day.value_or(clock_.today());
    report.from = first_day.value_or(Date{sys_days{report.until} - days{29}});
    if (sys_days{report.from} > sys_days{report.until}) {
        return Error::invalid("from", "Start the period on or before its last day.");
    }
    if (sys_days{report.until} - sys_days{report.from} > days{3660}) {
        return Error::invalid("from", "Choose a period of at most ten years.");
    }
    Timestamp from = start_of(report.from);
    Timestamp until = start_of(Date{sys_days{report.until} + days{1}});
    HOVER_TRY(store_.read_snapshot([&]() -> Result<Ok> {
        report.by_user =
            HOVER_TRY(store_.count_policy_overrides_by_user(actor.org_id, from, until));
        report.by_account =
            HOVER_TRY(store_.count_policy_overrides_by_account(actor.org_id, from, until));
        report.latest =
            HOVER_TRY(store_.list_policy_overrides(actor.org_id, from, until, kLatestOverrides));
        return Ok{};
    }));
    for (const auto& c : report.by_user) {
        report.total += c.count;
    }
    return report;
}

// REQ: F6
Result<Reachability> FollowupService::reachability(const Actor& actor, ContactId contact) {
    HOVER_TRY(records_.get_contact(actor, contact));
    auto org = HOVER_TRY(store_.find_policy(actor.org_id, PolicyScope::kOrganisation, 0));
    auto person = HOVER_TRY(store_.find_policy(actor.org_id, PolicyScope::kContact, contact.value));
    ContactPolicy policy = resolve(org, nullptr, &person);
    auto calls = HOVER_TRY(store_.list_call_outcomes(actor.org_id, contact));
    return followups::reachability(policy, calls);
}

Result<std::map<ContactId, Reachability>> FollowupService::account_reachability(const Actor& actor,
                                                                                AccountId account) {
    HOVER_TRY(records_.check_account(actor, account));
    auto calls = HOVER_TRY(store_.list_account_call_outcomes(actor.org_id, account));
    std::map<ContactId, std::vector<CallOutcome>> by_contact;
    for (auto& [contact, call] : calls) {
        by_contact[contact].push_back(call);
    }
    std::map<ContactId, Reachability> out;
    if (by_contact.empty()) {
        return out;
    }
    auto org = HOVER_TRY(store_.find_policy(actor.org_id, PolicyScope::kOrganisation, 0));
    std::map<ContactId, PolicySettings> own;
    for (auto& [contact, settings] :
         HOVER_TRY(store_.list_contact_policies_of_account(actor.org_id, account))) {
        own.emplace(contact, std::move(settings));
    }
    const PolicySettings none;
    for (const auto& [contact, outcomes] : by_contact) {
        // The same policy as reachability() for one contact: the organisation's, then the
        // contact's own (its time zone decides the local hours).
        auto person = own.find(contact);
        out.emplace(
            contact,
            followups::reachability(
                resolve(org, nullptr, person == own.end() ? &none : &person->second), outcomes));
    }
    return out;
}

Result<int> FollowupService::policy_overrides_last_30_days(const Actor& actor, UserId user) {
    return store_.count_policy_overrides(actor.org_id, user, clock_.now() - std::chrono::days{30});
}

}  // namespace hover::followups

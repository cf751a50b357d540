// File: domain/followups/followup_service.hpp
//
// FollowupService: the use cases of follow-ups (DESIGN.md F1). Every method takes the Actor and
// scopes every read and write to actor.org_id; a reference to another organisation's row is
// kNotFound. Validation errors are kInvalidInput naming the field ("reason", "next.due_on").
//
// Example:
//   Followup f; f.account_id = id; f.due_on = day; f.channel = Channel::kPhone;
//   f.reason = "Ask how the new handsets work out";
//   Followup saved = HOVER_TRY(service.plan(actor, f));
//   HOVER_TRY(service.close(actor, saved.id, {.outcome = "Happy", .no_next_reason = "..."}));
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/followups/followup.hpp"
#include "domain/followups/followup_store.hpp"
#include "domain/records/record_service.hpp"

namespace hover::followups {

// An active account as the agenda sees it on one day.
struct AccountStanding {
    AccountTouchSummary account;
    ContactPolicy policy;
    StayInTouchStatus stay_in_touch;
};

// An open follow-up on the agenda (due on or before the day) with the account's name and, for
// a phone call to a named contact, how that contact answers (F6).
struct AgendaFollowup {
    Followup followup;
    std::string account_name;
    std::optional<Reachability> reachability;
};

// The hover gaps of an organisation (F1): how many each technician has, and one page of them.
struct HoverGapReport {
    std::vector<HoverGapCount> by_technician;  // none (no technician) first, then by user id
    int total = 0;                             // of the whole organisation
    records::PageOf<HoverGap> gaps;            // of `technician` when one was asked for
    std::optional<UserId> technician;
};

// Follow-ups planned against the contact policy from `from` to `until` (UTC days, both
// included; F2): counted per user and per account, and the latest ones with their reasons.
struct OverrideReport {
    Date from{};
    Date until{};
    int total = 0;
    std::vector<OverrideCount> by_user;     // most first
    std::vector<OverrideCount> by_account;  // most first
    std::vector<PolicyOverride> latest;     // newest first, at most kLatestOverrides
};

class FollowupService {
public:
    FollowupService(FollowupStore& store, records::RecordService& records, const Clock& clock)
        : store_(store), records_(records), clock_(clock) {}

    // Plans a follow-up for an account. assigned_to defaults to the account's technician, else
    // the actor; created_by is the actor; status is open.
    Result<Followup> plan(const Actor& actor, Followup followup);
    Result<Followup> get(const Actor& actor, FollowupId id);
    // The account's follow-ups (open first, by due date; then closed, newest first).
    Result<std::vector<Followup>> list_for_account(const Actor& actor, AccountId account);
    // Open follow-ups, optionally of one user, by due date.
    Result<std::vector<Followup>> list_open(const Actor& actor, std::optional<UserId> assigned_to);

    // Closes an open follow-up with its outcome and, in the same transaction, plans the next one
    // (for the same account) or records why there is none. Returns the closed follow-up.
    Result<Followup> close(const Actor& actor, FollowupId id, CloseFollowup close);

    Result<std::vector<HoverGap>> hover_gaps(const Actor& actor, std::optional<UserId> technician);
    // The manager's view of hover gaps: counts per technician and one page of gaps (of one
    // technician when given). Admins and managers see everyone's; a technician sees their own
    // (no technician given: theirs; another's: kPermissionDenied).
    Result<HoverGapReport> hover_gap_report(const Actor& actor,
                                            std::optional<UserId> technician,
                                            records::Page page);
    // Overrides of the contact policy planned from `from` to `until` (UTC days, both included;
    // default: the 30 days up to today), for admins and managers (kPermissionDenied for a
    // technician); kInvalidInput naming "from" for a period that ends before it starts.
    static constexpr int kLatestOverrides = 50;
    Result<OverrideReport> override_report(const Actor& actor,
                                           std::optional<Date> from,
                                           std::optional<Date> until);

    // --- The contact policy (F2) and stay in touch (F3); rules in docs/contact-policy.md.
    // One level's stored settings (target: 0 for the organisation, else the account or contact
    // id, which must be of the actor's organisation). Changing the organisation's defaults takes
    // an admin or a manager.
    Result<PolicySettings> policy_settings(const Actor& actor,
                                           PolicyScope scope,
                                           std::int64_t target);
    Result<PolicySettings> set_policy_settings(const Actor& actor,
                                               PolicyScope scope,
                                               std::int64_t target,
                                               const PolicySettings& settings);
    // The policy that applies to a touch of `account` (with `contact`, when named).
    Result<ContactPolicy> effective_policy(const Actor& actor,
                                           AccountId account,
                                           std::optional<ContactId> contact);
    // Checks a planned follow-up against the policy and the account's touches: its logged
    // interactions and its other open follow-ups (except `excluding`).
    Result<TouchCheck> check_policy(const Actor& actor,
                                    const Followup& planned,
                                    std::optional<FollowupId> excluding = std::nullopt);
    Result<StayInTouchStatus> stay_in_touch(const Actor& actor, AccountId account);
    // The same for an account already read, with its latest interaction (the account page has
    // both in its overview, read in one snapshot).
    Result<StayInTouchStatus> stay_in_touch(const Actor& actor,
                                            const records::Account& account,
                                            std::optional<Timestamp> last_touch);
    // Every customer and prospect (of one technician, when given) with its policy and its
    // stay-in-touch status on `day`, by name.
    Result<std::vector<AccountStanding>> standings(const Actor& actor,
                                                   std::optional<UserId> technician,
                                                   Date day);
    // --- The agenda's reads (F4): a few set-based queries per user and day, whatever the size
    // of the organisation. Runs `work` in one read-only snapshot.
    Result<Ok> read_snapshot(const std::function<Result<Ok>()>& work);
    // Open follow-ups assigned to `user` due on or before `day` (by due date), each phone call
    // to a named contact with that contact's reachability.
    Result<std::vector<AgendaFollowup>> due_followups(const Actor& actor, UserId user, Date day);
    // Birthdays (in `days`) of the contacts of the active accounts `technician` owns.
    Result<std::vector<ContactBirthday>> birthdays(const Actor& actor,
                                                   UserId technician,
                                                   MonthDayRange days);
    // Customers `technician` owns created on a day of the year in `days` (anniversaries).
    Result<std::vector<AccountTouchSummary>> customers_created_on(const Actor& actor,
                                                                  UserId technician,
                                                                  MonthDayRange days);
    // F6: how the contact answers (times in the organisation's, or the contact's, time zone).
    Result<Reachability> reachability(const Actor& actor, ContactId contact);
    // Reachability of every contact of `account` that was called (its page), by contact.
    Result<std::map<ContactId, Reachability>> account_reachability(const Actor& actor,
                                                                   AccountId account);
    // How many follow-ups `user` planned against the policy in the 30 days before now.
    Result<int> policy_overrides_last_30_days(const Actor& actor, UserId user);

private:
    Result<Followup> validate(const Actor& actor, Followup followup, std::string_view prefix);
    // Refuses (kConflict naming the field) a plan that breaks the policy without a written
    // override reason; records the broken rules with the reason otherwise.
    Result<Followup> enforce_policy(const Actor& actor,
                                    Followup followup,
                                    std::string_view prefix,
                                    std::optional<FollowupId> excluding);

    FollowupStore& store_;
    records::RecordService& records_;
    const Clock& clock_;
};

}  // namespace hover::followups

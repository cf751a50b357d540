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
    // Every customer and prospect (of one technician, when given) with its policy and its
    // stay-in-touch status on `day`, by name.
    Result<std::vector<AccountStanding>> standings(const Actor& actor,
                                                   std::optional<UserId> technician,
                                                   Date day);
    // F6: how the contact answers (times in the organisation's, or the contact's, time zone).
    Result<Reachability> reachability(const Actor& actor, ContactId contact);
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

// File: domain/followups/followup_store.hpp
//
// FollowupStore: what the followups module needs from storage. Implemented for SQLite and
// PostgreSQL by storage::SqlFollowupStore (src/storage/followups/). Every method takes the
// caller's OrgId; a row of another organisation is kNotFound, like a row that does not exist.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "core/result.hpp"
#include "domain/followups/contact_policy.hpp"
#include "domain/followups/followup.hpp"
#include "domain/followups/reachability.hpp"

namespace hover::followups {

enum class PolicyScope { kOrganisation, kAccount, kContact };

// What the stay-in-touch and agenda computations need of one active account.
struct AccountTouchSummary {
    AccountId account_id;
    std::string account_name;
    records::AccountStatus status = records::AccountStatus::kCustomer;
    std::optional<UserId> technician_id;
    Timestamp created_at{};
    std::optional<Timestamp> last_touch_at;
    bool has_open_followup = false;
};

struct FollowupFilter {
    std::optional<AccountId> account;
    std::optional<UserId> assigned_to;
    std::optional<FollowupStatus> status;
};

class FollowupStore {
public:
    virtual ~FollowupStore() = default;

    // One transaction; nested calls (and RecordStore calls) join the outer one.
    virtual Result<Ok> transaction(const std::function<Result<Ok>()>& work) = 0;

    virtual Result<FollowupId> insert_followup(const Followup& followup) = 0;
    virtual Result<Followup> find_followup(OrgId org, FollowupId id) = 0;
    // Open ones first, by due date, then id; closed ones after, newest closed first.
    virtual Result<std::vector<Followup>> list_followups(OrgId org,
                                                         const FollowupFilter& filter) = 0;
    // Records the close of an open follow-up; kConflict when it is not open any more.
    virtual Result<Ok> close_followup(const Followup& closed) = 0;
    // Customers and prospects without an open follow-up, by name then id; with a technician,
    // only the accounts that technician owns.
    virtual Result<std::vector<HoverGap>> list_hover_gaps(OrgId org,
                                                          std::optional<UserId> technician) = 0;

    // Contact policy settings of one level (target 0 for the organisation); an empty
    // PolicySettings when none are stored. put_ replaces the level's settings.
    virtual Result<PolicySettings> find_policy(OrgId org,
                                               PolicyScope scope,
                                               std::int64_t target) = 0;
    virtual Result<Ok> put_policy(OrgId org,
                                  PolicyScope scope,
                                  std::int64_t target,
                                  const PolicySettings& settings,
                                  Timestamp at) = 0;
    // Every account-level override of the organisation, by account id.
    virtual Result<std::vector<std::pair<AccountId, PolicySettings>>> list_account_policies(
        OrgId org) = 0;

    // The times of the account's interactions (of every kind) at or after `since`.
    virtual Result<std::vector<Timestamp>> list_touch_times(OrgId org,
                                                            AccountId account,
                                                            Timestamp since) = 0;
    // Customers and prospects (of one technician, when given), by name then id.
    virtual Result<std::vector<AccountTouchSummary>> list_active_accounts(
        OrgId org, std::optional<UserId> technician) = 0;
    // The outcomes of outbound calls to the contact (F6), oldest first.
    virtual Result<std::vector<CallOutcome>> list_call_outcomes(OrgId org, ContactId contact) = 0;
    // How many follow-ups `user` planned against the policy since `since`.
    virtual Result<int> count_policy_overrides(OrgId org, UserId user, Timestamp since) = 0;
};

}  // namespace hover::followups

// File: storage/followups/sql_followup_store.hpp
//
// SqlFollowupStore: the FollowupStore on SQLite and PostgreSQL (SOCI). Every statement binds its
// values and filters on org_id.
#pragma once

#include "domain/followups/followup_store.hpp"
#include "storage/database.hpp"

namespace hover::storage {

class SqlFollowupStore final : public followups::FollowupStore {
public:
    explicit SqlFollowupStore(Database& db) : db_(db) {}

    Result<Ok> transaction(const std::function<Result<Ok>()>& work) override;
    Result<followups::FollowupId> insert_followup(const followups::Followup& followup) override;
    Result<followups::Followup> find_followup(OrgId org, followups::FollowupId id) override;
    Result<std::vector<followups::Followup>> list_followups(
        OrgId org, const followups::FollowupFilter& filter) override;
    Result<Ok> close_followup(const followups::Followup& closed) override;
    Result<std::vector<followups::HoverGap>> list_hover_gaps(
        OrgId org, std::optional<UserId> technician) override;
    Result<followups::PolicySettings> find_policy(OrgId org,
                                                  followups::PolicyScope scope,
                                                  std::int64_t target) override;
    Result<Ok> put_policy(OrgId org,
                          followups::PolicyScope scope,
                          std::int64_t target,
                          const followups::PolicySettings& settings,
                          Timestamp at) override;
    Result<std::vector<std::pair<AccountId, followups::PolicySettings>>> list_account_policies(
        OrgId org) override;
    Result<std::vector<Timestamp>> list_touch_times(OrgId org,
                                                    AccountId account,
                                                    Timestamp since) override;
    Result<std::vector<followups::AccountTouchSummary>> list_active_accounts(
        OrgId org, std::optional<UserId> technician) override;
    Result<std::vector<followups::CallOutcome>> list_call_outcomes(OrgId org,
                                                                   ContactId contact) override;
    Result<int> count_policy_overrides(OrgId org, UserId user, Timestamp since) override;

private:
    Database& db_;
};

}  // namespace hover::storage

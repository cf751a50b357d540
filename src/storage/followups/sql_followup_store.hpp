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
    Result<std::vector<followups::HoverGap>> list_hover_gaps_page(OrgId org,
                                                                  std::optional<UserId> technician,
                                                                  records::Page page) override;
    Result<std::vector<followups::HoverGapCount>> count_hover_gaps(OrgId org) override;
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
    Result<std::vector<std::pair<ContactId, followups::PolicySettings>>>
    list_contact_policies_of_account(OrgId org, AccountId account) override;
    Result<std::vector<std::pair<ContactId, followups::CallOutcome>>> list_account_call_outcomes(
        OrgId org, AccountId account) override;
    Result<int> count_policy_overrides(OrgId org, UserId user, Timestamp since) override;
    Result<std::vector<followups::OverrideCount>> count_policy_overrides_by_user(
        OrgId org, Timestamp from, Timestamp until) override;
    Result<std::vector<followups::OverrideCount>> count_policy_overrides_by_account(
        OrgId org, Timestamp from, Timestamp until) override;
    Result<std::vector<followups::PolicyOverride>> list_policy_overrides(OrgId org,
                                                                         Timestamp from,
                                                                         Timestamp until,
                                                                         int limit) override;

    Result<Ok> read_snapshot(const std::function<Result<Ok>()>& work) override;
    Result<std::vector<followups::DueFollowup>> list_due_followups(OrgId org,
                                                                   UserId user,
                                                                   Date day) override;
    Result<std::vector<std::pair<ContactId, followups::CallOutcome>>> list_due_call_outcomes(
        OrgId org, UserId user, Date day) override;
    Result<std::vector<followups::ContactBirthday>> list_birthdays(
        OrgId org, UserId technician, followups::MonthDayRange days) override;
    Result<std::vector<followups::AccountTouchSummary>> list_customers_created_on(
        OrgId org, UserId technician, followups::MonthDayRange days) override;

private:
    Database& db_;
};

}  // namespace hover::storage

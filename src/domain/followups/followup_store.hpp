// File: domain/followups/followup_store.hpp
//
// FollowupStore: what the followups module needs from storage. Implemented for SQLite and
// PostgreSQL by storage::SqlFollowupStore (src/storage/followups/). Every method takes the
// caller's OrgId; a row of another organisation is kNotFound, like a row that does not exist.
#pragma once

#include <chrono>
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
    PolicySettings policy;  // the account's own override (empty when it has none)
};

// An open follow-up due on or before a day (the agenda's overdue and due items, F4), with the
// account's name and the override of the contact it names (empty without one).
struct DueFollowup {
    Followup followup;
    std::string account_name;
    PolicySettings contact_policy;
};

// A contact's birthday (F4) under an active account (customer or prospect).
struct ContactBirthday {
    ContactId contact_id;
    std::string first_name;
    std::string last_name;
    Date birthday{};
    AccountId account_id;
    std::string account_name;
};

// Calendar days of the year, both ends included, first <= last (no wrap past 31 December).
struct MonthDayRange {
    std::chrono::month_day first;
    std::chrono::month_day last;
};

// Hover gaps of one technician (none: accounts without a technician).
struct HoverGapCount {
    std::optional<UserId> technician_id;
    int count = 0;
};

// Follow-ups planned against the contact policy (F2), counted by who planned them or by account.
struct OverrideCount {
    std::int64_t id = 0;  // the user's or the account's id
    std::string name;     // the account's name (empty for users)
    int count = 0;
};

// One follow-up planned against the policy, with its written reason.
struct PolicyOverride {
    FollowupId followup_id;
    AccountId account_id;
    std::string account_name;
    UserId created_by;
    Timestamp created_at{};
    Date due_on{};
    std::string reason;            // the override's written reason
    std::string overridden_rules;  // "min_days_between_touches,quiet_day"
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
    // One page of the same list (page.size rows from row (page.number - 1) * page.size).
    virtual Result<std::vector<HoverGap>> list_hover_gaps_page(OrgId org,
                                                               std::optional<UserId> technician,
                                                               records::Page page) = 0;
    // The hover gaps of each technician (and of accounts without one), by technician id (none
    // first); technicians without a gap are left out.
    virtual Result<std::vector<HoverGapCount>> count_hover_gaps(OrgId org) = 0;

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
    // The contact-level settings of every contact linked to `account`, by contact id; contacts
    // without their own settings are left out (one query for the account page, F6).
    virtual Result<std::vector<std::pair<ContactId, PolicySettings>>>
    list_contact_policies_of_account(OrgId org, AccountId account) = 0;

    // The times of the account's interactions (of every kind) at or after `since`.
    virtual Result<std::vector<Timestamp>> list_touch_times(OrgId org,
                                                            AccountId account,
                                                            Timestamp since) = 0;
    // Customers and prospects (of one technician, when given), by name then id, each with its
    // latest touch, whether it has an open follow-up and its own policy override: one query.
    virtual Result<std::vector<AccountTouchSummary>> list_active_accounts(
        OrgId org, std::optional<UserId> technician) = 0;
    // The outcomes of outbound calls to the contact (F6), oldest first.
    virtual Result<std::vector<CallOutcome>> list_call_outcomes(OrgId org, ContactId contact) = 0;
    // The same for every contact linked to `account` (its page), by contact, then oldest first.
    virtual Result<std::vector<std::pair<ContactId, CallOutcome>>> list_account_call_outcomes(
        OrgId org, AccountId account) = 0;
    // How many follow-ups `user` planned against the policy since `since`.
    virtual Result<int> count_policy_overrides(OrgId org, UserId user, Timestamp since) = 0;
    // Follow-ups planned against the policy in [from, until), counted per user who planned them
    // (most first, then id) and per account (most first, then name).
    virtual Result<std::vector<OverrideCount>> count_policy_overrides_by_user(OrgId org,
                                                                              Timestamp from,
                                                                              Timestamp until) = 0;
    virtual Result<std::vector<OverrideCount>> count_policy_overrides_by_account(
        OrgId org, Timestamp from, Timestamp until) = 0;
    // The follow-ups planned against the policy in [from, until), newest first, at most `limit`.
    virtual Result<std::vector<PolicyOverride>> list_policy_overrides(OrgId org,
                                                                      Timestamp from,
                                                                      Timestamp until,
                                                                      int limit) = 0;

    // --- What the agenda of one user and day reads (F4): set-based, a handful of queries
    // whatever the number of accounts (docs/agenda.md).
    // Runs `work`, which only reads, in one read-only snapshot (joins an outer transaction).
    virtual Result<Ok> read_snapshot(const std::function<Result<Ok>()>& work) = 0;
    // Open follow-ups assigned to `user` due on or before `day`, by due date then id.
    virtual Result<std::vector<DueFollowup>> list_due_followups(OrgId org,
                                                                UserId user,
                                                                Date day) = 0;
    // The outcomes of outbound calls (F6) to the contacts named on the open phone follow-ups
    // assigned to `user` due on or before `day`, by contact, then oldest first.
    virtual Result<std::vector<std::pair<ContactId, CallOutcome>>> list_due_call_outcomes(
        OrgId org, UserId user, Date day) = 0;
    // Contacts (not do-not-contact) of the customers and prospects `technician` owns whose
    // birthday falls in `days`; one row per contact and account, by account name, then contact.
    virtual Result<std::vector<ContactBirthday>> list_birthdays(OrgId org,
                                                                UserId technician,
                                                                MonthDayRange days) = 0;
    // Customers `technician` owns that were created (UTC date) on a day in `days`, by name.
    virtual Result<std::vector<AccountTouchSummary>> list_customers_created_on(
        OrgId org, UserId technician, MonthDayRange days) = 0;
};

}  // namespace hover::followups

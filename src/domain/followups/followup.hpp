// File: domain/followups/followup.hpp
//
// Follow-ups (DESIGN.md F1): the next step with every active account. Plain value types: no SQL,
// no JSON. An open follow-up has a due date, a channel and a written reason; closing one records
// its outcome and either the next follow-up (planned in the same transaction) or a written
// reason why there is none. An active account (customer or prospect) without an open follow-up
// is a "hover gap".
#pragma once

#include <optional>
#include <string>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "domain/records/enums.hpp"
#include "domain/records/record.hpp"

namespace hover::followups {

using FollowupId = Id<struct FollowupTag>;

enum class FollowupStatus { kOpen, kDone };

struct Followup {
    FollowupId id;
    OrgId org_id;
    AccountId account_id;
    std::optional<ContactId> contact_id;
    UserId assigned_to;  // defaults to the account's technician, else the planner
    Date due_on{};
    std::optional<int> due_minute;  // local time of day (minutes after midnight), optional
    records::Channel channel = records::Channel::kPhone;  // never kAny
    std::string reason;                                   // why we get back in touch
    // F2: a plan that breaks the contact policy needs a written reason; the rules it broke are
    // stored with it ("min_days_between_touches,quiet_day").
    std::string policy_override_reason;
    std::string policy_overridden_rules;
    FollowupStatus status = FollowupStatus::kOpen;
    UserId created_by;
    Timestamp created_at{};
    // Filled when closed:
    std::optional<Timestamp> closed_at;
    std::optional<UserId> closed_by;
    std::string outcome;
    std::optional<FollowupId> next_id;  // the follow-up planned when this one was closed
    std::string no_next_reason;         // ... or why there is none ("former customer")
};

// Closing a follow-up: the outcome, and exactly one of `next` or `no_next_reason`.
struct CloseFollowup {
    std::string outcome;
    std::optional<Followup> next;
    std::string no_next_reason;
};

// An active account without an open follow-up.
struct HoverGap {
    AccountId account_id;
    std::string account_name;
    records::AccountStatus status = records::AccountStatus::kCustomer;
    std::optional<UserId> technician_id;
    std::optional<Timestamp> last_touch_at;  // the latest interaction of any kind
};

}  // namespace hover::followups

namespace hover::records {
template <>
struct EnumNames<followups::FollowupStatus> {
    static constexpr std::array<std::string_view, 2> names{"open", "done"};
    static constexpr std::string_view type_label = "FollowupStatus";
};
}  // namespace hover::records

// File: domain/followups/contact_policy.hpp
//
// The contact policy (DESIGN.md F2) and stay-in-touch intervals (F3): how often an account may be
// touched, and how long it may go untouched. The exact rules are in docs/contact-policy.md; this
// file is their only implementation (pure functions, no storage), so the tests of their edges
// need no database.
//
// Settings come at three levels: the organisation's defaults, an account's override and a
// contact's override; each field left unset inherits from the level above (resolve()). Touches
// are counted per account, whichever contact they were with; the limits come from the contact
// named on the planned touch, else the account, else the organisation.
//
// Example:
//   ContactPolicy p = resolve(org, &account_settings, nullptr);
//   auto days = touch_days(p, interaction_times);            // local dates in p.time_zone
//   auto check = check_touch(p, days, {.day = d, .channel = Channel::kPhone});
//   if (!check.allowed()) ... check.violations[0].rule, check.first_allowed
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "domain/records/enums.hpp"

namespace hover::followups {

// One level of settings; unset fields inherit.
struct PolicySettings {
    std::optional<int> min_days_between_touches;  // 0 = no minimum
    std::optional<int> max_touches_per_30_days;   // 0 = no maximum
    // Bit (1 << weekday.c_encoding()): bit 0 Sunday ... bit 6 Saturday.
    std::optional<int> quiet_weekdays;
    std::optional<int> quiet_from_minute;  // local minutes after midnight; quiet when both set
    std::optional<int> quiet_until_minute;
    std::optional<records::Channel> preferred_channel;  // kAny: no preference
    std::optional<std::string> time_zone;               // IANA, "America/Chicago"
    std::optional<int> ideal_interval_days;             // stay in touch (account level)
    std::optional<int> max_interval_days;
    friend bool operator==(const PolicySettings&, const PolicySettings&) = default;
};

// The resolved policy. The built-in defaults apply where no level sets a field.
struct ContactPolicy {
    int min_days_between_touches = 3;
    int max_touches_per_30_days = 4;
    int quiet_weekdays = 0b1000001;  // Sunday and Saturday
    std::optional<int> quiet_from_minute = 18 * 60;
    std::optional<int> quiet_until_minute = 8 * 60;
    records::Channel preferred_channel = records::Channel::kAny;
    std::string time_zone = "America/Chicago";
    int ideal_interval_days = 30;
    int max_interval_days = 60;
};

// Organisation, then account, then contact (later levels win). The stay-in-touch intervals are
// taken from the organisation and the account only.
ContactPolicy resolve(const PolicySettings& organisation,
                      const PolicySettings* account,
                      const PolicySettings* contact);

// kInvalidInput naming the field when a setting is out of range or the time zone is unknown.
Result<Ok> validate(const PolicySettings& settings);

// The local calendar dates of `times` in the policy's time zone (DST-aware), unsorted.
// An unknown zone falls back to UTC (validate() keeps unknown zones out).
std::vector<Date> local_days(const ContactPolicy& policy, const std::vector<Timestamp>& times);
Date local_day(const ContactPolicy& policy, Timestamp t);
// The instant of `minute` (after midnight) on local `day` in the policy's time zone. A local time
// that exists twice (DST ends) is the earlier one; one that does not exist (the hour skipped when
// DST starts) is read with the offset before the change (02:30 becomes 03:30); an unknown zone is
// UTC.
Timestamp local_instant(const ContactPolicy& policy, Date day, int minute);

struct PlannedTouch {
    Date day{};
    std::optional<int> minute;  // local time of day, when planned at a time
    records::Channel channel = records::Channel::kPhone;
};

struct Violation {
    std::string rule;     // "min_days_between_touches", "max_touches_per_30_days", "quiet_day",
                          // "quiet_hours", "preferred_channel"
    std::string field;    // the input to change: "due_on", "due_time" or "channel"
    std::string message;  // user-facing: the rule and the first allowed date
};

struct TouchCheck {
    std::vector<Violation> violations;
    Date first_allowed{};                     // the first day >= the planned one that passes
    std::optional<int> first_allowed_minute;  // with a planned time: when quiet hours end
    bool allowed() const { return violations.empty(); }
};

// Checks a planned touch against the policy and the account's other touches (their local days:
// logged interactions and other open follow-ups). See docs/contact-policy.md.
TouchCheck check_touch(const ContactPolicy& policy,
                       const std::vector<Date>& touch_days,
                       const PlannedTouch& planned);

// F3
enum class StayInTouch { kGreen, kAmber, kRed };

struct StayInTouchStatus {
    StayInTouch colour = StayInTouch::kGreen;
    std::optional<Date> last_touch;  // local day of the latest touch
    int days_since = 0;              // since the last touch, else since the account was created
};

// Green up to the ideal interval, amber past it, red past the maximum (days counted between
// local dates). Without a touch, the days count from the account's creation.
StayInTouchStatus stay_in_touch(const ContactPolicy& policy,
                                std::optional<Timestamp> last_touch,
                                Timestamp account_created,
                                Timestamp now);
// The same, on a given local day (the agenda of that day).
StayInTouchStatus stay_in_touch_on(const ContactPolicy& policy,
                                   std::optional<Timestamp> last_touch,
                                   Timestamp account_created,
                                   Date today);

}  // namespace hover::followups

namespace hover::records {
template <>
struct EnumNames<followups::StayInTouch> {
    static constexpr std::array<std::string_view, 3> names{"green", "amber", "red"};
    static constexpr std::string_view type_label = "StayInTouch";
};
}  // namespace hover::records

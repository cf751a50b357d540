#include "domain/followups/contact_policy.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include <date/tz.h>
#include <fmt/format.h>

namespace hover::followups {
namespace {

namespace chr = std::chrono;

// How far ahead first_allowed looks (ten years: every rule above passes well before).
constexpr int kSearchDays = 3660;

template <typename T>
void take(std::optional<T>& into, const std::optional<T>& from) {
    if (from) {
        into = from;
    }
}

const date::time_zone* find_zone(const std::string& name) {
    try {
        return date::locate_zone(name);
    } catch (const std::runtime_error&) {
        return nullptr;
    }
}

chr::sys_days as_days(Date d) {
    return chr::sys_days{d};
}

std::string minute_text(int minute) {
    return fmt::format("{:02}:{:02}", minute / 60, minute % 60);
}

constexpr std::array<std::string_view, 7> kWeekdays{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                    "Thursday", "Friday", "Saturday"};

bool quiet_day(const ContactPolicy& p, Date d) {
    unsigned wd = chr::weekday{as_days(d)}.c_encoding();
    return (p.quiet_weekdays & (1 << wd)) != 0;
}

// The closest other touch to `d` that is nearer than the minimum, if any.
std::optional<Date> too_close(const ContactPolicy& p, const std::vector<Date>& touches, Date d) {
    if (p.min_days_between_touches <= 0) {
        return std::nullopt;
    }
    std::optional<Date> closest;
    long best = 0;
    for (Date t : touches) {
        long gap = std::labs((as_days(d) - as_days(t)).count());
        if (gap < p.min_days_between_touches && (!closest || gap < best)) {
            closest = t;
            best = gap;
        }
    }
    return closest;
}

// The first 30-day window containing `d` that is already full, as its first day.
std::optional<Date> full_window(const ContactPolicy& p, const std::vector<Date>& touches, Date d) {
    if (p.max_touches_per_30_days <= 0) {
        return std::nullopt;
    }
    for (int back = 29; back >= 0; --back) {
        chr::sys_days start = as_days(d) - chr::days{back};
        chr::sys_days end = start + chr::days{29};
        int count = 0;
        for (Date t : touches) {
            if (as_days(t) >= start && as_days(t) <= end) {
                ++count;
            }
        }
        if (count + 1 > p.max_touches_per_30_days) {
            return Date{start};
        }
    }
    return std::nullopt;
}

bool day_allowed(const ContactPolicy& p, const std::vector<Date>& touches, Date d) {
    return !quiet_day(p, d) && !too_close(p, touches, d) && !full_window(p, touches, d);
}

bool quiet_hours_set(const ContactPolicy& p) {
    return p.quiet_from_minute && p.quiet_until_minute &&
           *p.quiet_from_minute != *p.quiet_until_minute;
}

bool in_quiet_hours(const ContactPolicy& p, int minute) {
    if (!quiet_hours_set(p)) {
        return false;
    }
    int from = *p.quiet_from_minute;
    int until = *p.quiet_until_minute;
    return from < until ? (minute >= from && minute < until) : (minute >= from || minute < until);
}

}  // namespace

ContactPolicy resolve(const PolicySettings& organisation,
                      const PolicySettings* account,
                      const PolicySettings* contact) {
    PolicySettings merged = organisation;
    for (const PolicySettings* level : {account, contact}) {
        if (level == nullptr) {
            continue;
        }
        take(merged.min_days_between_touches, level->min_days_between_touches);
        take(merged.max_touches_per_30_days, level->max_touches_per_30_days);
        take(merged.quiet_weekdays, level->quiet_weekdays);
        if (level->quiet_from_minute || level->quiet_until_minute) {
            // Quiet hours are one setting: a level that sets them replaces both ends.
            merged.quiet_from_minute = level->quiet_from_minute;
            merged.quiet_until_minute = level->quiet_until_minute;
        }
        take(merged.preferred_channel, level->preferred_channel);
        take(merged.time_zone, level->time_zone);
        if (level == account) {
            take(merged.ideal_interval_days, level->ideal_interval_days);
            take(merged.max_interval_days, level->max_interval_days);
        }
    }
    ContactPolicy p;
    p.min_days_between_touches =
        merged.min_days_between_touches.value_or(p.min_days_between_touches);
    p.max_touches_per_30_days = merged.max_touches_per_30_days.value_or(p.max_touches_per_30_days);
    p.quiet_weekdays = merged.quiet_weekdays.value_or(p.quiet_weekdays);
    if (merged.quiet_from_minute || merged.quiet_until_minute) {
        p.quiet_from_minute = merged.quiet_from_minute;
        p.quiet_until_minute = merged.quiet_until_minute;
    }
    p.preferred_channel = merged.preferred_channel.value_or(p.preferred_channel);
    p.time_zone = merged.time_zone.value_or(p.time_zone);
    p.ideal_interval_days = merged.ideal_interval_days.value_or(p.ideal_interval_days);
    p.max_interval_days = merged.max_interval_days.value_or(p.max_interval_days);
    return p;
}

Result<Ok> validate(const PolicySettings& s) {
    auto range = [](const std::optional<int>& v, int lo, int hi, const char* field,
                    const char* what) -> Result<Ok> {
        if (v && (*v < lo || *v > hi)) {
            return Error::invalid(
                field, fmt::format("{}: give a whole number from {} to {}.", what, lo, hi));
        }
        return Ok{};
    };
    HOVER_TRY(range(s.min_days_between_touches, 0, 365, "min_days_between_touches",
                    "Minimum days between touches"));
    HOVER_TRY(range(s.max_touches_per_30_days, 0, 30, "max_touches_per_30_days",
                    "Maximum touches per 30 days"));
    HOVER_TRY(range(s.quiet_weekdays, 0, 0b1111111, "quiet_weekdays", "Quiet weekdays"));
    HOVER_TRY(range(s.quiet_from_minute, 0, 1439, "quiet_from", "Start of quiet hours"));
    HOVER_TRY(range(s.quiet_until_minute, 0, 1439, "quiet_until", "End of quiet hours"));
    if (s.quiet_from_minute.has_value() != s.quiet_until_minute.has_value()) {
        return Error::invalid(s.quiet_from_minute ? "quiet_until" : "quiet_from",
                              "Give both the start and the end of the quiet hours, or neither.");
    }
    HOVER_TRY(range(s.ideal_interval_days, 1, 3650, "ideal_interval_days", "Ideal interval"));
    HOVER_TRY(range(s.max_interval_days, 1, 3650, "max_interval_days", "Maximum interval"));
    if (s.ideal_interval_days && s.max_interval_days &&
        *s.ideal_interval_days > *s.max_interval_days) {
        return Error::invalid("max_interval_days",
                              "The maximum interval must be at least the ideal interval.");
    }
    if (s.time_zone && find_zone(*s.time_zone) == nullptr) {
        return Error::invalid("time_zone", fmt::format("\"{}\" is not a time zone. Use a name "
                                                       "like America/Chicago.",
                                                       *s.time_zone));
    }
    return Ok{};
}

Date local_day(const ContactPolicy& policy, Timestamp t) {
    const date::time_zone* zone = find_zone(policy.time_zone);
    if (zone == nullptr) {
        return date_of(t);
    }
    auto local = zone->to_local(t);
    return Date{chr::sys_days{chr::floor<chr::days>(local.time_since_epoch())}};
}

Timestamp local_instant(const ContactPolicy& policy, Date day, int minute) {
    Timestamp naive = Timestamp{chr::sys_days{day}} + chr::minutes{minute};
    const date::time_zone* zone = find_zone(policy.time_zone);
    if (zone == nullptr) {
        return naive;
    }
    auto local = date::local_seconds{naive.time_since_epoch()};
    auto info = zone->get_info(local);
    switch (info.result) {
        case date::local_info::unique:
        case date::local_info::ambiguous:  // the earlier reading: the first offset
            return Timestamp{local.time_since_epoch() - info.first.offset};
        case date::local_info::nonexistent:  // before the gap, in the offset that then applied
            return Timestamp{local.time_since_epoch() - info.first.offset};
    }
    return naive;
}

std::vector<Date> local_days(const ContactPolicy& policy, const std::vector<Timestamp>& times) {
    std::vector<Date> out;
    out.reserve(times.size());
    for (Timestamp t : times) {
        out.push_back(local_day(policy, t));
    }
    return out;
}

// REQ: F2
TouchCheck check_touch(const ContactPolicy& p,
                       const std::vector<Date>& touches,
                       const PlannedTouch& planned) {
    TouchCheck check;
    // The first allowed moment: quiet hours may push to the end of the quiet period (the next
    // day when the quiet period runs past midnight), then the day rules push forward.
    Date start = planned.day;
    bool quiet_time = planned.minute && in_quiet_hours(p, *planned.minute);
    if (quiet_time) {
        check.first_allowed_minute = *p.quiet_until_minute;
        bool wraps = *p.quiet_from_minute > *p.quiet_until_minute;
        if (wraps && *planned.minute >= *p.quiet_from_minute) {
            start = Date{as_days(start) + chr::days{1}};
        }
    } else if (planned.minute) {
        check.first_allowed_minute = planned.minute;
    }
    check.first_allowed = start;
    for (int i = 0; i < kSearchDays; ++i) {
        Date d{as_days(start) + chr::days{i}};
        if (day_allowed(p, touches, d)) {
            check.first_allowed = d;
            break;
        }
    }
    std::string allowed = format_date(check.first_allowed);
    if (check.first_allowed_minute) {
        allowed += " " + minute_text(*check.first_allowed_minute);
    }
    if (quiet_day(p, planned.day)) {
        unsigned wd = chr::weekday{as_days(planned.day)}.c_encoding();
        check.violations.push_back(
            {"quiet_day", "due_on",
             fmt::format("{} is a quiet day for this contact. First allowed: {}.", kWeekdays[wd],
                         allowed)});
    }
    if (auto near = too_close(p, touches, planned.day)) {
        check.violations.push_back(
            {"min_days_between_touches", "due_on",
             fmt::format("At least {} days between touches: the account is touched on {}. First "
                         "allowed: {}.",
                         p.min_days_between_touches, format_date(*near), allowed)});
    }
    if (auto window = full_window(p, touches, planned.day)) {
        Date end{as_days(*window) + chr::days{29}};
        check.violations.push_back(
            {"max_touches_per_30_days", "due_on",
             fmt::format("At most {} touches in any 30 days: {} to {} already has {}. First "
                         "allowed: {}.",
                         p.max_touches_per_30_days, format_date(*window), format_date(end),
                         p.max_touches_per_30_days, allowed)});
    }
    if (quiet_time) {
        check.violations.push_back(
            {"quiet_hours", "due_time",
             fmt::format("{} falls in the quiet hours ({} to {}, {}). First allowed: {}.",
                         minute_text(*planned.minute), minute_text(*p.quiet_from_minute),
                         minute_text(*p.quiet_until_minute), p.time_zone, allowed)});
    }
    if (p.preferred_channel != records::Channel::kAny && planned.channel != p.preferred_channel) {
        check.violations.push_back({"preferred_channel", "channel",
                                    fmt::format("This contact prefers {}; plan the touch by {}.",
                                                records::to_name(p.preferred_channel),
                                                records::to_name(p.preferred_channel))});
    }
    return check;
}

// REQ: F3
StayInTouchStatus stay_in_touch(const ContactPolicy& policy,
                                std::optional<Timestamp> last_touch,
                                Timestamp account_created,
                                Timestamp now) {
    return stay_in_touch_on(policy, last_touch, account_created, local_day(policy, now));
}

StayInTouchStatus stay_in_touch_on(const ContactPolicy& policy,
                                   std::optional<Timestamp> last_touch,
                                   Timestamp account_created,
                                   Date today) {
    StayInTouchStatus status;
    Date since = local_day(policy, last_touch.value_or(account_created));
    if (last_touch) {
        status.last_touch = since;
    }
    status.days_since = static_cast<int>((as_days(today) - as_days(since)).count());
    if (status.days_since > policy.max_interval_days) {
        status.colour = StayInTouch::kRed;
    } else if (status.days_since > policy.ideal_interval_days) {
        status.colour = StayInTouch::kAmber;
    }
    return status;
}

}  // namespace hover::followups

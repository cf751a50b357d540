// The contact policy's rules at their edges (docs/contact-policy.md).
#include "domain/followups/contact_policy.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/result_matchers.hpp"
#include "support/test_time.hpp"

namespace hover::followups {
namespace {

using ::hover::testing::HasFieldError;
using ::hover::testing::IsOk;
using records::Channel;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

Date day(int y, int m, int d) {
    return std::chrono::year{y} / m / d;
}

using hover::testing::at;

std::vector<std::string> rules(const TouchCheck& c) {
    std::vector<std::string> out;
    for (const auto& v : c.violations) {
        out.push_back(v.rule);
    }
    return out;
}

// No quiet days or hours, so each test sees one rule.
ContactPolicy plain(int min_days, int max_per_30) {
    ContactPolicy p;
    p.min_days_between_touches = min_days;
    p.max_touches_per_30_days = max_per_30;
    p.quiet_weekdays = 0;
    p.quiet_from_minute.reset();
    p.quiet_until_minute.reset();
    return p;
}

// REQ: F2 (minimum days between touches: exactly N days apart is allowed)
TEST(ContactPolicy, MinimumDaysBetweenTouchesIsInclusiveAtTheBoundary) {
    ContactPolicy p = plain(3, 0);
    std::vector<Date> touches{day(2026, 11, 20)};
    EXPECT_TRUE(check_touch(p, touches, {.day = day(2026, 11, 23)}).allowed());
    auto refused = check_touch(p, touches, {.day = day(2026, 11, 22)});
    EXPECT_THAT(rules(refused), ElementsAre("min_days_between_touches"));
    EXPECT_EQ(refused.first_allowed, day(2026, 11, 23));
    EXPECT_EQ(refused.violations[0].field, "due_on");
    EXPECT_THAT(refused.violations[0].message, HasSubstr("First allowed: 2026-11-23"));
    // A planned touch (another open follow-up) in the future counts too.
    auto before_planned = check_touch(p, {day(2026, 11, 25)}, {.day = day(2026, 11, 23)});
    EXPECT_THAT(rules(before_planned), ElementsAre("min_days_between_touches"));
    EXPECT_EQ(before_planned.first_allowed, day(2026, 11, 28));
}

// REQ: F2 (max touches in any 30 days: a window is 30 calendar days, both ends included)
TEST(ContactPolicy, MaxTouchesCountsEveryThirtyDayWindowContainingTheDay) {
    ContactPolicy p = plain(0, 2);
    std::vector<Date> touches{day(2026, 11, 1), day(2026, 11, 10)};
    // 2026-11-30 shares the window 11-01..11-30 with both touches: refused.
    auto refused = check_touch(p, touches, {.day = day(2026, 11, 30)});
    EXPECT_THAT(rules(refused), ElementsAre("max_touches_per_30_days"));
    EXPECT_THAT(refused.violations[0].message, HasSubstr("2026-11-01 to 2026-11-30"));
    // 2026-12-01: 11-01 is 30 days earlier, out of every window with 12-01.
    EXPECT_EQ(refused.first_allowed, day(2026, 12, 1));
    EXPECT_TRUE(check_touch(p, touches, {.day = day(2026, 12, 1)}).allowed());
    // Earlier days are refused by windows that reach back.
    EXPECT_FALSE(check_touch(p, touches, {.day = day(2026, 10, 20)}).allowed());
    EXPECT_TRUE(check_touch(p, touches, {.day = day(2026, 10, 11)}).allowed());
}

// REQ: F2 (quiet days)
TEST(ContactPolicy, QuietDaysPushToTheNextWorkingDay) {
    ContactPolicy p = plain(0, 0);
    p.quiet_weekdays = 0b1000001;  // Sunday and Saturday
    auto saturday = check_touch(p, {}, {.day = day(2026, 11, 28)});
    EXPECT_THAT(rules(saturday), ElementsAre("quiet_day"));
    EXPECT_THAT(saturday.violations[0].message, HasSubstr("Saturday"));
    EXPECT_EQ(saturday.first_allowed, day(2026, 11, 30));                   // Monday
    EXPECT_TRUE(check_touch(p, {}, {.day = day(2026, 11, 27)}).allowed());  // Friday
}

// REQ: F2 (quiet hours, including a period that runs past midnight)
TEST(ContactPolicy, QuietHoursAreHalfOpenAndMayWrapPastMidnight) {
    ContactPolicy p = plain(0, 0);
    p.quiet_from_minute = 18 * 60;
    p.quiet_until_minute = 8 * 60;
    EXPECT_TRUE(check_touch(p, {}, {.day = day(2026, 11, 24), .minute = 8 * 60}).allowed());
    EXPECT_TRUE(check_touch(p, {}, {.day = day(2026, 11, 24), .minute = 18 * 60 - 1}).allowed());
    auto evening = check_touch(p, {}, {.day = day(2026, 11, 24), .minute = 18 * 60});
    EXPECT_THAT(rules(evening), ElementsAre("quiet_hours"));
    EXPECT_EQ(evening.violations[0].field, "due_time");
    EXPECT_EQ(evening.first_allowed, day(2026, 11, 25));
    EXPECT_EQ(evening.first_allowed_minute, 8 * 60);
    auto early = check_touch(p, {}, {.day = day(2026, 11, 24), .minute = 7 * 60 + 59});
    EXPECT_EQ(early.first_allowed, day(2026, 11, 24));
    EXPECT_THAT(early.violations[0].message, HasSubstr("First allowed: 2026-11-24 08:00"));
    // A day-only plan is not checked against hours.
    EXPECT_TRUE(check_touch(p, {}, {.day = day(2026, 11, 24)}).allowed());
}

// REQ: F2 (preferred channel)
TEST(ContactPolicy, AnotherChannelThanThePreferredOneIsRefused) {
    ContactPolicy p = plain(0, 0);
    p.preferred_channel = Channel::kEmail;
    auto call = check_touch(p, {}, {.day = day(2026, 11, 24), .channel = Channel::kPhone});
    EXPECT_THAT(rules(call), ElementsAre("preferred_channel"));
    EXPECT_EQ(call.violations[0].field, "channel");
    EXPECT_TRUE(
        check_touch(p, {}, {.day = day(2026, 11, 24), .channel = Channel::kEmail}).allowed());
}

// REQ: F2 (touches are counted on the local date of the policy's time zone)
TEST(ContactPolicy, TouchesCountOnTheirLocalDateAcrossTimeZonesAndDst) {
    ContactPolicy chicago = plain(1, 0);
    // 03:30Z on the 21st is 21:30 on the 20th in Chicago (CST, UTC-6)...
    EXPECT_THAT(local_days(chicago, {at("2026-11-21T03:30:00Z")}), ElementsAre(day(2026, 11, 20)));
    ContactPolicy utc = chicago;
    utc.time_zone = "UTC";
    EXPECT_THAT(local_days(utc, {at("2026-11-21T03:30:00Z")}), ElementsAre(day(2026, 11, 21)));
    // ... so the 21st is free in Chicago but not in UTC.
    auto touches_chicago = local_days(chicago, {at("2026-11-21T03:30:00Z")});
    EXPECT_TRUE(check_touch(chicago, touches_chicago, {.day = day(2026, 11, 21)}).allowed());
    auto touches_utc = local_days(utc, {at("2026-11-21T03:30:00Z")});
    EXPECT_FALSE(check_touch(utc, touches_utc, {.day = day(2026, 11, 21)}).allowed());
    // DST: 04:30Z is 23:30 CDT (UTC-5) on 2026-10-31 and 23:30 CST (UTC-6) on 2026-11-01 at 05:30Z.
    EXPECT_THAT(local_days(chicago, {at("2026-11-01T04:30:00Z"), at("2026-11-02T05:30:00Z")}),
                ElementsAre(day(2026, 10, 31), day(2026, 11, 1)));
}

// REQ: F5 (a planned local time becomes an instant for the calendar feed)
TEST(ContactPolicy, LocalTimesBecomeInstantsAcrossDst) {
    ContactPolicy chicago = plain(1, 0);
    auto instant = [&](Date d, int minute) {
        return format_timestamp(local_instant(chicago, d, minute));
    };
    EXPECT_EQ(instant(day(2026, 11, 25), 10 * 60), "2026-11-25T16:00:00Z");  // CST, UTC-6
    EXPECT_EQ(instant(day(2026, 7, 1), 10 * 60), "2026-07-01T15:00:00Z");    // CDT, UTC-5
    // 2026-03-08 02:30 does not exist in Chicago: read with the offset before (03:30 CDT).
    EXPECT_EQ(instant(day(2026, 3, 8), 2 * 60 + 30), "2026-03-08T08:30:00Z");
    // 2026-11-01 01:30 happens twice: the earlier one (CDT).
    EXPECT_EQ(instant(day(2026, 11, 1), 60 + 30), "2026-11-01T06:30:00Z");
    ContactPolicy nowhere = chicago;
    nowhere.time_zone = "Not/AZone";
    EXPECT_EQ(format_timestamp(local_instant(nowhere, day(2026, 11, 25), 600)),
              "2026-11-25T10:00:00Z");
}

// REQ: F2 (organisation defaults, account and contact overrides)
TEST(ContactPolicy, LaterLevelsOverrideOnlyWhatTheySet) {
    PolicySettings org{.min_days_between_touches = 5, .time_zone = "America/Denver"};
    PolicySettings account{.max_touches_per_30_days = 2, .ideal_interval_days = 14};
    PolicySettings contact{.min_days_between_touches = 7,
                           .preferred_channel = Channel::kText,
                           .max_interval_days = 999};  // ignored at contact level
    ContactPolicy p = resolve(org, &account, &contact);
    EXPECT_EQ(p.min_days_between_touches, 7);
    EXPECT_EQ(p.max_touches_per_30_days, 2);
    EXPECT_EQ(p.preferred_channel, Channel::kText);
    EXPECT_EQ(p.time_zone, "America/Denver");
    EXPECT_EQ(p.ideal_interval_days, 14);
    EXPECT_EQ(p.max_interval_days, 60);  // the built-in default
    ContactPolicy defaults = resolve({}, nullptr, nullptr);
    EXPECT_EQ(defaults.min_days_between_touches, 3);
    EXPECT_EQ(defaults.quiet_weekdays, 0b1000001);
}

TEST(ContactPolicy, SettingsAreValidated) {
    EXPECT_THAT(validate({.time_zone = "Mars/Olympus"}),
                HasFieldError(ErrorCode::kInvalidInput, "time_zone"));
    EXPECT_THAT(validate({.min_days_between_touches = -1}),
                HasFieldError(ErrorCode::kInvalidInput, "min_days_between_touches"));
    EXPECT_THAT(validate({.quiet_from_minute = 60}),
                HasFieldError(ErrorCode::kInvalidInput, "quiet_until"));
    EXPECT_THAT(validate({.ideal_interval_days = 30, .max_interval_days = 10}),
                HasFieldError(ErrorCode::kInvalidInput, "max_interval_days"));
    EXPECT_THAT(validate({.time_zone = "Europe/Zurich"}), IsOk());
}

// REQ: F3 (amber past the ideal interval, red past the maximum)
TEST(ContactPolicy, StayInTouchTurnsAmberThenRed) {
    ContactPolicy p = plain(0, 0);
    p.ideal_interval_days = 30;
    p.max_interval_days = 60;
    Timestamp now = at("2026-11-22T15:00:00Z");
    Timestamp created = at("2025-01-01T12:00:00Z");
    auto s = stay_in_touch(p, at("2026-10-23T15:00:00Z"), created, now);  // 30 days
    EXPECT_EQ(s.colour, StayInTouch::kGreen);
    EXPECT_EQ(s.days_since, 30);
    EXPECT_EQ(stay_in_touch(p, at("2026-10-22T15:00:00Z"), created, now).colour,
              StayInTouch::kAmber);
    EXPECT_EQ(stay_in_touch(p, at("2026-09-23T15:00:00Z"), created, now).colour,
              StayInTouch::kAmber);  // 60 days
    EXPECT_EQ(stay_in_touch(p, at("2026-09-22T15:00:00Z"), created, now).colour, StayInTouch::kRed);
    // Never touched: counted from the account's creation.
    auto fresh = stay_in_touch(p, std::nullopt, at("2026-11-01T12:00:00Z"), now);
    EXPECT_EQ(fresh.colour, StayInTouch::kGreen);
    EXPECT_FALSE(fresh.last_touch.has_value());
}

}  // namespace
}  // namespace hover::followups

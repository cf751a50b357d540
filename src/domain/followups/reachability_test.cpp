#include "domain/followups/reachability.hpp"

#include <gtest/gtest.h>

#include "support/test_time.hpp"

namespace hover::followups {
namespace {

using records::Outcome;

using hover::testing::at;

// REQ: F6 (answers, voicemail, best local hour)
TEST(Reachability, CountsOutcomesAndFindsTheBestLocalHour) {
    ContactPolicy chicago;  // America/Chicago: UTC-6 in November
    std::vector<CallOutcome> calls{
        {at("2026-11-02T15:10:00Z"), Outcome::kReached},    // 09:10 local
        {at("2026-11-03T15:40:00Z"), Outcome::kReached},    // 09:40
        {at("2026-11-04T20:00:00Z"), Outcome::kReached},    // 14:00
        {at("2026-11-05T20:30:00Z"), Outcome::kVoicemail},  // 14:30
        {at("2026-11-06T22:00:00Z"), Outcome::kNoAnswer},   // 16:00
        {at("2026-11-07T22:00:00Z"), Outcome::kNone},       // not a call outcome: ignored
    };
    auto r = reachability(chicago, calls);
    EXPECT_EQ(r.calls, 5);
    EXPECT_EQ(r.answered, 3);
    EXPECT_EQ(r.voicemail, 1);
    EXPECT_EQ(r.no_answer, 1);
    EXPECT_EQ(r.best_hour, 9);
    EXPECT_FALSE(r.voicemail_hider);
    EXPECT_EQ(r.answered_by_hour[14], 1);
}

// REQ: F6 ("usually lets it go to voicemail": more than half of at least 3 calls)
TEST(Reachability, AVoicemailHiderNeedsMoreThanHalfOfAtLeastThreeCalls) {
    ContactPolicy p;
    std::vector<CallOutcome> two{{at("2026-11-02T15:00:00Z"), Outcome::kVoicemail},
                                 {at("2026-11-03T15:00:00Z"), Outcome::kVoicemail}};
    EXPECT_FALSE(reachability(p, two).voicemail_hider);
    auto three = two;
    three.push_back({at("2026-11-04T15:00:00Z"), Outcome::kReached});
    EXPECT_TRUE(reachability(p, three).voicemail_hider);
    auto half = three;
    half.push_back({at("2026-11-05T15:00:00Z"), Outcome::kReached});
    EXPECT_FALSE(reachability(p, half).voicemail_hider);  // 2 of 4 is not more than half
    EXPECT_FALSE(reachability(p, {}).best_hour.has_value());
}

// REQ: F6 (ties: the better rate, then the earlier hour)
TEST(Reachability, BestHourTiesGoToTheBetterRateThenTheEarlierHour) {
    ContactPolicy utc;
    utc.time_zone = "UTC";
    std::vector<CallOutcome> calls{{at("2026-11-02T08:00:00Z"), Outcome::kReached},
                                   {at("2026-11-03T08:00:00Z"), Outcome::kNoAnswer},
                                   {at("2026-11-02T13:00:00Z"), Outcome::kReached}};
    EXPECT_EQ(reachability(utc, calls).best_hour, 13);  // 1 of 1 beats 1 of 2
    calls.pop_back();
    calls.push_back({at("2026-11-02T07:00:00Z"), Outcome::kReached});
    calls.push_back({at("2026-11-03T07:00:00Z"), Outcome::kNoAnswer});
    EXPECT_EQ(reachability(utc, calls).best_hour, 7);  // same count and rate: earlier
}

}  // namespace
}  // namespace hover::followups

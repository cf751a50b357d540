// File: domain/billing/insight.hpp
//
// Usage insight (DESIGN B7): suggestions, not findings. They carry no refund and are never
// disputed; they tell the contractor what to offer the customer.
//   headset_check       an extension that talks more than settings.heavy_talk_minutes_per_day on
//                       an average working day of the CDRs: offer a headset
//   rarely_used_line    a billed number with a few calls (1..settings.rare_calls) in the period:
//                       ask whether it is still needed (zero calls is a billed_unused finding)
//   consolidate_analog  analog lines (business lines, FXO ports, modems, fax, alarm) that carry
//                       little traffic: they could share one line or move to the SIP trunk
//
// Example:
//   std::vector<Suggestion> s = usage_insight(input, result.findings);
#pragma once

#include <string>
#include <vector>

#include "domain/billing/billing.hpp"

namespace hover::billing {

struct Suggestion {
    std::string kind;      // headset_check, rarely_used_line, consolidate_analog
    std::string subject;   // the extension or the E.164 number
    std::string text;      // plain words for the account page and the report
    Cents monthly_amount;  // what the line costs a month (0 for headsets)
};

struct InsightSettings {
    std::int64_t heavy_talk_minutes_per_day = 120;
    std::int64_t rare_calls = 5;
    std::int64_t analog_calls_per_day = 3;  // an analog line under this is a pooling candidate
};

std::vector<Suggestion> usage_insight(const ReviewInput& input,
                                      const std::vector<Finding>& findings,
                                      const InsightSettings& settings = {});

}  // namespace hover::billing

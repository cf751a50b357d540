#include "domain/followups/reachability.hpp"

#include <date/tz.h>

namespace hover::followups {

// REQ: F6
Reachability reachability(const ContactPolicy& policy, const std::vector<CallOutcome>& calls) {
    Reachability r;
    const date::time_zone* zone = nullptr;
    try {
        zone = date::locate_zone(policy.time_zone);
    } catch (const std::runtime_error&) {
        zone = nullptr;
    }
    for (const auto& call : calls) {
        if (call.outcome == records::Outcome::kNone) {
            continue;
        }
        auto since_midnight = [&]() -> std::chrono::seconds {
            if (zone == nullptr) {
                return call.at - std::chrono::floor<std::chrono::days>(call.at);
            }
            auto local = zone->to_local(call.at);
            return local - std::chrono::floor<std::chrono::days>(local);
        }();
        auto hour = static_cast<std::size_t>(
            std::chrono::duration_cast<std::chrono::hours>(since_midnight).count());
        ++r.calls;
        ++r.calls_by_hour[hour];
        switch (call.outcome) {
            case records::Outcome::kReached:
                ++r.answered;
                ++r.answered_by_hour[hour];
                break;
            case records::Outcome::kVoicemail:
                ++r.voicemail;
                break;
            case records::Outcome::kNoAnswer:
            case records::Outcome::kNone:
                ++r.no_answer;
                break;
        }
    }
    r.voicemail_hider = r.calls >= 3 && r.voicemail * 2 > r.calls;
    for (std::size_t h = 0; h < 24; ++h) {
        if (r.answered_by_hour[h] == 0) {
            continue;
        }
        if (!r.best_hour) {
            r.best_hour = static_cast<int>(h);
            continue;
        }
        auto best = static_cast<std::size_t>(*r.best_hour);
        // More answers wins; equal answers: the better rate (a/c > b/d <=> a*d > b*c).
        if (r.answered_by_hour[h] > r.answered_by_hour[best] ||
            (r.answered_by_hour[h] == r.answered_by_hour[best] &&
             r.answered_by_hour[h] * r.calls_by_hour[best] >
                 r.answered_by_hour[best] * r.calls_by_hour[h])) {
            r.best_hour = static_cast<int>(h);
        }
    }
    return r;
}

}  // namespace hover::followups

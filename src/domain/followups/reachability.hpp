// File: domain/followups/reachability.hpp
//
// Reachability (DESIGN.md F6): from the logged outcomes of outbound calls to one contact, how
// often they answer, how often it goes to voicemail, and the local hours when they answer.
//
// Rules: only outbound calls with an outcome (reached, voicemail, no answer) count. A contact
// "usually lets it go to voicemail" after at least 3 such calls when more than half went to
// voicemail. The best hour is the local hour (in the policy's time zone) with the most answered
// calls; ties go to the better answer rate in that hour, then to the earlier hour. No answered
// call: no best hour.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "core/time.hpp"
#include "domain/followups/contact_policy.hpp"
#include "domain/records/enums.hpp"

namespace hover::followups {

struct CallOutcome {
    Timestamp at{};
    records::Outcome outcome = records::Outcome::kNone;
};

struct Reachability {
    int calls = 0;
    int answered = 0;
    int voicemail = 0;
    int no_answer = 0;
    std::array<int, 24> calls_by_hour{};
    std::array<int, 24> answered_by_hour{};
    std::optional<int> best_hour;  // local, 0-23
    bool voicemail_hider = false;
};

Reachability reachability(const ContactPolicy& policy, const std::vector<CallOutcome>& calls);

}  // namespace hover::followups

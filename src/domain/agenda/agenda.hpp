// File: domain/agenda/agenda.hpp
//
// The daily agenda (DESIGN.md F4): one ranked list per user and day, each item with a one-line
// reason ("why this is here"). Items come from AgendaProviders; the ranking is one function
// (rank()) that no provider touches, so later modules (weather outreach, greeting changes,
// survey call-backs, purchase windows, billing findings) plug in by adding a provider.
//
// The order (deterministic; docs/agenda.md):
//   1. customer-facing items before internal ones (diplomacy first);
//   2. lower urgency first (the kUrgency* table below; providers choose from it);
//   3. earlier due date first (items without one count as due on the agenda's day);
//   4. account name (case-insensitive), then the item's key (unique and stable).
//
// Example:
//   AgendaService agenda(records, clock);
//   agenda.add_provider(std::make_unique<FollowupsAgendaProvider>(followups, records));
//   Agenda today = HOVER_TRY(agenda.for_user(actor, std::nullopt, std::nullopt));
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "domain/records/record_service.hpp"

namespace hover::agenda {

enum class Audience { kCustomerFacing, kInternal };

// Urgency: lower comes first within an audience.
inline constexpr int kUrgencyHoverGap = 10;          // an active account without a next step
inline constexpr int kUrgencyWeatherOutreach = 15;   // reserved for the weather module
inline constexpr int kUrgencyOverdue = 20;           // a follow-up past its due date
inline constexpr int kUrgencyDueToday = 30;          // a follow-up due today
inline constexpr int kUrgencyStayInTouchRed = 40;    // past the maximum interval
inline constexpr int kUrgencyBirthday = 50;          // a contact's birthday today
inline constexpr int kUrgencyStayInTouchAmber = 60;  // past the ideal interval
inline constexpr int kUrgencyAnniversary = 70;       // years as a customer, today
inline constexpr int kUrgencyDefault = 80;           // anything else

struct AgendaItem {
    std::string kind;  // "hover_gap", "overdue_followup", "due_followup", "stay_in_touch_red", ...
    Audience audience = Audience::kCustomerFacing;
    int urgency = kUrgencyDefault;
    std::optional<Date> due_on;
    std::optional<AccountId> account_id;
    std::string account_name;
    std::optional<ContactId> contact_id;
    std::optional<std::int64_t> followup_id;
    std::string title;   // "Call Prairie Feed & Seed"
    std::string reason;  // one line: why this is here today
    std::string link;    // the page to act on: "/accounts/12"
    std::string key;     // unique and stable: "followup:12", "gap:account:4"
};

struct Agenda {
    UserId user;
    std::string user_name;
    Date day{};
    std::vector<AgendaItem> items;  // ranked
};

// One source of agenda items. items() returns the items of `user` for `day`, unranked; the
// actor is the caller (its org_id scopes every read). It only reads, inside the read-only
// snapshot for_user() opens, and reads set-based: a few queries for the user's whole book of
// accounts, never one per account (an agenda over 2,000 accounts takes under 50 ms;
// docs/benchmarks.md).
class AgendaProvider {
public:
    virtual ~AgendaProvider() = default;
    virtual std::string_view name() const = 0;
    virtual Result<std::vector<AgendaItem>> items(const Actor& actor, UserId user, Date day) = 0;
};

// Sorts by the order documented above.
void rank(std::vector<AgendaItem>& items, Date day);

class AgendaService {
public:
    AgendaService(records::RecordService& records, const Clock& clock)
        : records_(records), clock_(clock) {}

    void add_provider(std::unique_ptr<AgendaProvider> provider);

    // The agenda of `user` (default: the actor; another user of the organisation, else
    // kNotFound) on `day` (default: today, UTC).
    Result<Agenda> for_user(const Actor& actor,
                            std::optional<UserId> user,
                            std::optional<Date> day);

private:
    records::RecordService& records_;
    const Clock& clock_;
    std::vector<std::unique_ptr<AgendaProvider>> providers_;
};

}  // namespace hover::agenda

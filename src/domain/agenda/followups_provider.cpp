#include "domain/agenda/followups_provider.hpp"

#include <set>

#include <fmt/format.h>

namespace hover::agenda {
namespace {

using followups::StayInTouch;
using records::Channel;

std::string verb(Channel channel) {
    switch (channel) {
        case Channel::kEmail:
            return "Email";
        case Channel::kText:
            return "Text";
        case Channel::kVisit:
            return "Visit";
        case Channel::kPhone:
        case Channel::kAny:
            break;
    }
    return "Call";
}

long days_between(Date from, Date to) {
    return (std::chrono::sys_days{to} - std::chrono::sys_days{from}).count();
}

std::string plural(long n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

std::string account_link(AccountId id) {
    return "/accounts/" + std::to_string(id.value);
}

}  // namespace

// REQ: F1, F3, F4 (set-based: the due follow-ups with their accounts and reachability, then
// the user's active accounts with their last touch, open follow-up and policy)
Result<std::vector<AgendaItem>> FollowupsAgendaProvider::items(const Actor& actor,
                                                               UserId user,
                                                               Date day) {
    std::vector<AgendaItem> out;
    std::set<AccountId> with_due_followup;
    auto due = HOVER_TRY(followups_.due_followups(actor, user, day));
    for (const auto& d : due) {
        const auto& f = d.followup;
        AgendaItem item;
        item.account_id = f.account_id;
        item.account_name = d.account_name;
        item.contact_id = f.contact_id;
        item.followup_id = f.id.value;
        item.due_on = f.due_on;
        item.title = verb(f.channel) + " " + item.account_name;
        item.link = account_link(f.account_id);
        item.key = "followup:" + std::to_string(f.id.value);
        long late = days_between(f.due_on, day);
        if (late > 0) {
            item.kind = "overdue_followup";
            item.urgency = kUrgencyOverdue;
            item.reason = fmt::format("Overdue by {}: {}", plural(late, "day"), f.reason);
        } else {
            item.kind = "due_followup";
            item.urgency = kUrgencyDueToday;
            item.reason = "Due today: " + f.reason;
        }
        // F6: when to call, and whether they pick up.
        if (d.reachability) {
            if (d.reachability->voicemail_hider) {
                item.reason += " · usually lets it go to voicemail";
            }
            if (d.reachability->best_hour) {
                item.reason +=
                    fmt::format(" · best time to call: {:02}:00", *d.reachability->best_hour);
            }
        }
        with_due_followup.insert(f.account_id);
        out.push_back(std::move(item));
    }
    auto standings = HOVER_TRY(followups_.standings(actor, user, day));
    for (const auto& s : standings) {
        const auto& a = s.account;
        bool gap = !a.has_open_followup;
        bool touch = s.stay_in_touch.colour != StayInTouch::kGreen &&
                     !with_due_followup.contains(a.account_id);
        if (!gap && !touch) {
            continue;
        }
        std::string touched =
            s.stay_in_touch.last_touch
                ? fmt::format("last touch {} ({} ago)", format_date(*s.stay_in_touch.last_touch),
                              plural(s.stay_in_touch.days_since, "day"))
                : "never touched";
        if (gap) {
            AgendaItem item;
            item.kind = "hover_gap";
            item.urgency = kUrgencyHoverGap;
            item.account_id = a.account_id;
            item.account_name = a.account_name;
            item.title = "Plan the next step with " + a.account_name;
            item.reason = fmt::format("Hover gap: no next step planned with this {}; {}",
                                      records::to_name(a.status), touched);
            item.link = account_link(a.account_id);
            item.key = "gap:" + std::to_string(a.account_id.value);
            out.push_back(std::move(item));
        }
        // A follow-up due today or overdue already brings the account back in touch.
        if (!touch) {
            continue;
        }
        AgendaItem item;
        item.account_id = a.account_id;
        item.account_name = a.account_name;
        item.title = "Get back in touch with " + a.account_name;
        item.link = account_link(a.account_id);
        if (s.stay_in_touch.colour == StayInTouch::kRed) {
            item.kind = "stay_in_touch_red";
            item.urgency = kUrgencyStayInTouchRed;
            item.reason = fmt::format("Red: {}, past the maximum of {} days", touched,
                                      s.policy.max_interval_days);
        } else {
            item.kind = "stay_in_touch_amber";
            item.urgency = kUrgencyStayInTouchAmber;
            item.reason = fmt::format("Amber: {}, past the ideal of {} days", touched,
                                      s.policy.ideal_interval_days);
        }
        item.key = item.kind + ":" + std::to_string(a.account_id.value);
        out.push_back(std::move(item));
    }
    return out;
}

// REQ: F4 (birthdays and anniversaries: two queries over the user's accounts for the day)
Result<std::vector<AgendaItem>> ContactDatesAgendaProvider::items(const Actor& actor,
                                                                  UserId user,
                                                                  Date day) {
    using namespace std::chrono;
    std::vector<AgendaItem> out;
    month_day today = day.month() / day.day();
    // 29 February birthdays are celebrated on 28 February in other years.
    bool leap_birthdays_too = today == February / 28 && !day.year().is_leap();
    followups::MonthDayRange window{today, leap_birthdays_too ? February / 29 : today};
    for (const auto& a :
         HOVER_TRY(followups_.customers_created_on(actor, user, {.first = today, .last = today}))) {
        Date since = date_of(a.created_at);
        int years = static_cast<int>(day.year()) - static_cast<int>(since.year());
        if (years < 1 || since.month() != day.month() || since.day() != day.day()) {
            continue;
        }
        AgendaItem item;
        item.kind = "anniversary";
        item.urgency = kUrgencyAnniversary;
        item.account_id = a.account_id;
        item.account_name = a.account_name;
        item.title = "Thank " + a.account_name;
        item.reason = fmt::format("Customer for {} today", plural(years, "year"));
        item.link = account_link(a.account_id);
        item.key = "anniversary:" + std::to_string(a.account_id.value);
        out.push_back(std::move(item));
    }
    std::set<ContactId> seen;
    for (const auto& b : HOVER_TRY(followups_.birthdays(actor, user, window))) {
        month_day birthday = b.birthday.month() / b.birthday.day();
        if (birthday != today && !(leap_birthdays_too && birthday == February / 29)) {
            continue;
        }
        if (!seen.insert(b.contact_id).second) {
            continue;  // listed under the first of its accounts, by name
        }
        records::Contact c;
        c.first_name = b.first_name;
        c.last_name = b.last_name;
        AgendaItem item;
        item.kind = "birthday";
        item.urgency = kUrgencyBirthday;
        item.account_id = b.account_id;
        item.account_name = b.account_name;
        item.contact_id = b.contact_id;
        item.title = "Wish " + c.display_name() + " a happy birthday";
        item.reason = fmt::format("Birthday today ({} at {})", c.display_name(), b.account_name);
        item.link = account_link(b.account_id);
        item.key = "birthday:" + std::to_string(b.contact_id.value);
        out.push_back(std::move(item));
    }
    return out;
}

}  // namespace hover::agenda

#include "domain/agenda/followups_provider.hpp"

#include <map>
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

// REQ: F1, F3, F4
Result<std::vector<AgendaItem>> FollowupsAgendaProvider::items(const Actor& actor,
                                                               UserId user,
                                                               Date day) {
    std::vector<AgendaItem> out;
    std::set<AccountId> with_due_followup;
    std::map<AccountId, std::string> names;
    auto name_of = [&](AccountId id) -> Result<std::string> {
        if (auto it = names.find(id); it != names.end()) {
            return it->second;
        }
        auto account = HOVER_TRY(records_.get_account(actor, id));
        names[id] = account.name;
        return account.name;
    };
    auto open = HOVER_TRY(followups_.list_open(actor, user));
    for (const auto& f : open) {
        if (std::chrono::sys_days{f.due_on} > std::chrono::sys_days{day}) {
            continue;
        }
        AgendaItem item;
        item.account_id = f.account_id;
        item.account_name = HOVER_TRY(name_of(f.account_id));
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
        if (f.contact_id && f.channel == Channel::kPhone) {
            auto reach = HOVER_TRY(followups_.reachability(actor, *f.contact_id));
            if (reach.voicemail_hider) {
                item.reason += " · usually lets it go to voicemail";
            }
            if (reach.best_hour) {
                item.reason += fmt::format(" · best time to call: {:02}:00", *reach.best_hour);
            }
        }
        with_due_followup.insert(f.account_id);
        out.push_back(std::move(item));
    }
    auto standings = HOVER_TRY(followups_.standings(actor, user, day));
    for (const auto& s : standings) {
        const auto& a = s.account;
        std::string touched =
            s.stay_in_touch.last_touch
                ? fmt::format("last touch {} ({} ago)", format_date(*s.stay_in_touch.last_touch),
                              plural(s.stay_in_touch.days_since, "day"))
                : "never touched";
        if (!a.has_open_followup) {
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
        if (s.stay_in_touch.colour == StayInTouch::kGreen ||
            with_due_followup.contains(a.account_id)) {
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

// REQ: F4 (birthdays and anniversaries)
Result<std::vector<AgendaItem>> ContactDatesAgendaProvider::items(const Actor& actor,
                                                                  UserId user,
                                                                  Date day) {
    using namespace std::chrono;
    std::vector<AgendaItem> out;
    auto standings = HOVER_TRY(followups_.standings(actor, user, day));
    std::set<ContactId> seen;
    for (const auto& s : standings) {
        const auto& a = s.account;
        if (a.status == records::AccountStatus::kCustomer) {
            Date since = date_of(a.created_at);
            int years = static_cast<int>(day.year()) - static_cast<int>(since.year());
            if (years >= 1 && since.month() == day.month() && since.day() == day.day()) {
                AgendaItem item;
                item.kind = "anniversary";
                item.urgency = kUrgencyAnniversary;
                item.account_id = a.account_id;
                item.account_name = a.account_name;
                item.title = "Thank " + a.account_name;
                item.reason = fmt::format("Customer for {} today", plural(years, "year"));
                item.link = "/accounts/" + std::to_string(a.account_id.value);
                item.key = "anniversary:" + std::to_string(a.account_id.value);
                out.push_back(std::move(item));
            }
        }
        auto contacts =
            HOVER_TRY(records_.list_contacts(actor, a.account_id, {.number = 1, .size = 500}));
        for (const auto& c : contacts.items) {
            if (!c.birthday || c.do_not_contact || seen.contains(c.id)) {
                continue;
            }
            month_day birthday = c.birthday->month() / c.birthday->day();
            bool today = birthday == day.month() / day.day();
            // 29 February birthdays are celebrated on 28 February in other years.
            if (birthday == February / 29 && !day.year().is_leap() && day.month() == February &&
                day.day() == std::chrono::day{28}) {
                today = true;
            }
            if (!today) {
                continue;
            }
            seen.insert(c.id);
            AgendaItem item;
            item.kind = "birthday";
            item.urgency = kUrgencyBirthday;
            item.account_id = a.account_id;
            item.account_name = a.account_name;
            item.contact_id = c.id;
            item.title = "Wish " + c.display_name() + " a happy birthday";
            item.reason =
                fmt::format("Birthday today ({} at {})", c.display_name(), a.account_name);
            item.link = "/accounts/" + std::to_string(a.account_id.value);
            item.key = "birthday:" + std::to_string(c.id.value);
            out.push_back(std::move(item));
        }
    }
    return out;
}

}  // namespace hover::agenda

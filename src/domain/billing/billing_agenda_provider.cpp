#include "domain/billing/billing_agenda_provider.hpp"

#include <map>
#include <set>

#include <fmt/format.h>

namespace hover::billing {
namespace {

struct AccountClaim {
    std::string name;
    Cents refund;
    Cents monthly;
    std::set<std::string> numbers;
    std::optional<Date> oldest;  // disputes: the oldest status change
};

std::string lines(std::size_t n) {
    return fmt::format("{} line{}", n, n == 1 ? "" : "s");
}

long days_between(Date from, Date to) {
    return (std::chrono::sys_days{to} - std::chrono::sys_days{from}).count();
}

}  // namespace

// REQ: B4, F4 ("call about the refund claim")
Result<std::vector<agenda::AgendaItem>> BillingAgendaProvider::items(const Actor& actor,
                                                                     UserId user,
                                                                     Date day) {
    std::vector<PendingFinding> pending = HOVER_TRY(billing_.pending_findings(actor, user));
    std::map<AccountId, AccountClaim> open;
    std::map<AccountId, AccountClaim> disputed;
    for (const PendingFinding& f : pending) {
        if (f.status == FindingStatus::kOpen && f.refund_estimate.value > 0) {
            AccountClaim& c = open[f.account_id];
            c.name = f.account_name;
            c.refund += f.refund_estimate;
            c.monthly += f.monthly_amount;
            c.numbers.insert(f.number);
        } else if (f.status == FindingStatus::kDisputed && f.status_changed_at) {
            Date since = date_of(*f.status_changed_at);
            if (days_between(since, day) < settings_.dispute_days) {
                continue;
            }
            AccountClaim& c = disputed[f.account_id];
            c.name = f.account_name;
            c.refund += f.refund_estimate;
            c.monthly += f.monthly_amount;
            c.numbers.insert(f.number);
            if (!c.oldest || since < *c.oldest) {
                c.oldest = since;
            }
        }
    }
    std::vector<agenda::AgendaItem> out;
    for (const auto& [account, c] : open) {
        if (c.refund < settings_.refund_threshold) {
            continue;
        }
        agenda::AgendaItem item;
        item.kind = "refund_claim";
        item.audience = agenda::Audience::kCustomerFacing;
        item.urgency = kUrgencyRefundClaim;
        item.account_id = account;
        item.account_name = c.name;
        item.title = "Call " + c.name + " about the refund claim";
        item.reason = fmt::format(
            "Call about the refund claim: {} across {} ({} a month billed "
            "for nothing, found by the billing review)",
            format_money(c.refund), lines(c.numbers.size()), format_money(c.monthly));
        item.link = "/accounts/" + std::to_string(account.value) + "#billing-review";
        item.key = "refund_claim:" + std::to_string(account.value);
        out.push_back(std::move(item));
    }
    for (const auto& [account, c] : disputed) {
        agenda::AgendaItem item;
        item.kind = "dispute_follow_up";
        item.audience = agenda::Audience::kInternal;
        item.urgency = kUrgencyDisputeFollowUp;
        item.account_id = account;
        item.account_name = c.name;
        item.due_on =
            Date{std::chrono::sys_days{*c.oldest} + std::chrono::days{settings_.dispute_days}};
        item.title = "Follow up with the carrier on " + c.name + "'s dispute";
        item.reason = fmt::format(
            "Disputed since {} ({} days) and not credited yet: {} to "
            "recover across {}",
            format_date(*c.oldest), days_between(*c.oldest, day), format_money(c.refund),
            lines(c.numbers.size()));
        item.link = "/accounts/" + std::to_string(account.value) + "#billing-review";
        item.key = "dispute_follow_up:" + std::to_string(account.value);
        out.push_back(std::move(item));
    }
    return out;
}

}  // namespace hover::billing

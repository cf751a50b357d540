// File: domain/billing/billing_agenda_provider.hpp
//
// The billing review's agenda provider (DESIGN B4 -> F4): findings still to be won, on the
// accounts the user owns (accounts.technician_id), read in one query for all of them.
//   refund_claim       customer-facing: the open findings of an account whose refund estimates
//                      add up to at least `refund_threshold` (default $100): one item per
//                      account, "Call about the refund claim: $X across N lines".
//   dispute_follow_up  internal: findings disputed with the carrier for `dispute_days` (default
//                      30) or more with no credit yet: one item per account, due on the day
//                      the oldest dispute turned `dispute_days` old (older disputes first).
// Urgencies: kUrgencyRefundClaim and kUrgencyDisputeFollowUp (docs/agenda.md).
//
// Example (App::open):
//   agenda.add_provider(std::make_unique<billing::BillingAgendaProvider>(billing));
#pragma once

#include "core/money.hpp"
#include "domain/agenda/agenda.hpp"
#include "domain/billing/billing_service.hpp"

namespace hover::billing {

// After follow-ups due today, before accounts past their stay-in-touch maximum.
inline constexpr int kUrgencyRefundClaim = 35;
inline constexpr int kUrgencyDisputeFollowUp = 35;  // internal: always after customer work

struct BillingAgendaSettings {
    Cents refund_threshold{10000};
    int dispute_days = 30;
};

class BillingAgendaProvider final : public agenda::AgendaProvider {
public:
    explicit BillingAgendaProvider(BillingService& billing, BillingAgendaSettings settings = {})
        : billing_(billing), settings_(settings) {}
    std::string_view name() const override { return "billing"; }
    Result<std::vector<agenda::AgendaItem>> items(const Actor& actor,
                                                  UserId user,
                                                  Date day) override;

private:
    BillingService& billing_;
    BillingAgendaSettings settings_;
};

}  // namespace hover::billing

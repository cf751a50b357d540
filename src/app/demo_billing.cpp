// The billing review in the demo (DESIGN B2, B4): three customers' carrier bills built from the
// lines on record for the last three months, with planted discrepancies that the technician's
// taps on site (field verification) and the review then find. Deterministic for a given
// load_demo: the accounts are the first three customers (by name) with a technician and numbered
// lines.
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/demo_data.hpp"

namespace hover::demo {
namespace {

Date month_start(Date d, int months_back) {
    int m = static_cast<int>(static_cast<unsigned>(d.month())) - 1 - months_back;
    int y = static_cast<int>(d.year());
    while (m < 0) {
        m += 12;
        --y;
    }
    return std::chrono::year{y} / std::chrono::month{static_cast<unsigned>(m + 1)} /
           std::chrono::day{1};
}

Date month_end(Date start) {
    return start.year() / start.month() / std::chrono::last;
}

}  // namespace

Result<DemoBillingSummary> load_demo_billing(records::RecordService& records,
                                             billing::BillingService& billing,
                                             const DemoOptions& options) {
    DemoBillingSummary summary;
    Actor owner = HOVER_TRY(records.resolve_actor("red-dirt", ""));
    std::map<UserId, std::string> emails;
    for (const auto& user : HOVER_TRY(records.list_users(owner))) {
        emails[user.id] = user.email;
    }
    auto customers = HOVER_TRY(records.list_accounts(
        owner, {.status = records::AccountStatus::kCustomer}, {.number = 1, .size = 500}));
    // Three bills: the months before the demo's "today".
    std::vector<std::pair<Date, Date>> periods;
    for (int back : {3, 2, 1}) {
        Date start = month_start(options.as_of, back);
        periods.emplace_back(start, month_end(start));
    }
    int reviewed = 0;
    for (const auto& account : customers.items) {
        if (reviewed == 3 || !account.technician_id || !emails.contains(*account.technician_id)) {
            continue;
        }
        auto o = HOVER_TRY(records.account_overview(owner, account.id));
        std::vector<const records::Line*> numbered;
        for (const auto& line : o.lines) {
            if (line.number && line.status == records::LineStatus::kActive) {
                numbered.push_back(&line);
            }
        }
        if (numbered.size() < 3 || o.sites.empty()) {
            continue;
        }
        Actor tech =
            HOVER_TRY(records.resolve_actor("red-dirt", emails.at(*account.technician_id)));
        billing::ReviewInput in;
        int row = 2;
        auto bill = [&](const std::string& number, const std::string& description, Cents amount,
                        std::size_t from_period) {
            for (std::size_t p = from_period; p < periods.size(); ++p) {
                billing::BillLine l;
                l.account = "8" + std::to_string(100000 + account.id.value);
                l.service_number = l.e164 = number;
                l.description = description;
                l.amount = amount;
                l.period_start = periods[p].first;
                l.period_end = periods[p].second;
                l.source = {"carrier-bill.csv", row++};
                in.bill.push_back(std::move(l));
            }
        };
        for (const auto* line : numbered) {
            bill(line->number->e164, "BUSINESS LINE", line->monthly_charge.value_or(Cents{3995}),
                 0);
        }
        // Planted: two numbers the carrier still bills that are nowhere on site (disconnected
        // years ago), and, at the second account, a line billed twice.
        std::string base = numbered.front()->number->e164;
        std::string dead1 = base.substr(0, base.size() - 4) + "09" + std::to_string(10 + reviewed);
        std::string dead2 = base.substr(0, base.size() - 4) + "09" + std::to_string(20 + reviewed);
        bill(dead1, "BUSINESS LINE", Cents{4250}, 0);
        bill(dead2, "BUSINESS LINE W/ HUNTING", Cents{5175}, 0);
        if (reviewed == 1) {
            bill(numbered[1]->number->e164, "BUSINESS LINE",
                 numbered[1]->monthly_charge.value_or(Cents{3995}), 2);
        }
        // The technician's taps on site: the dead numbers are not found, one line has no dial
        // tone, the others work.
        SiteId site = numbered.front()->site_id;
        for (const auto* line : numbered) {
            bool dead = line == numbered.back() && reviewed != 2;
            HOVER_TRY(billing.record_verification(tech, account.id, line->site_id, line->id,
                                                  line->number->e164,
                                                  dead ? "no_dial_tone" : "working"));
        }
        for (const std::string& number : {dead1, dead2}) {
            HOVER_TRY(billing.record_verification(tech, account.id, site, std::nullopt, number,
                                                  "not_found"));
        }
        auto result = HOVER_TRY(billing.run_review(owner, account.id, in));
        summary.findings += static_cast<int>(result.findings.size());
        summary.refund_to_claim += result.totals.refund_to_claim;
        summary.accounts += (summary.accounts.empty() ? "" : ", ") + account.name;
        ++reviewed;
    }
    return summary;
}

}  // namespace hover::demo

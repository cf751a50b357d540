#include "domain/billing/reconcile.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include <fmt/format.h>

namespace hover::billing {

std::string_view finding_title(FindingType type) {
    switch (type) {
        case FindingType::kBilledNotFound:
            return "Billed, but not found on site";
        case FindingType::kBilledNoDialTone:
            return "Billed, but dead (no dial tone)";
        case FindingType::kBilledUnused:
            return "Billed, but no calls in the period";
        case FindingType::kUnbilledOnSite:
            return "On site, but not on the bill";
        case FindingType::kDuplicateMrc:
            return "The same monthly charge twice";
        case FindingType::kUsageWithoutCdrs:
            return "Usage billed without any calls";
        case FindingType::kUsageOverbilled:
            return "More minutes billed than made";
        case FindingType::kBandwidthOverbilled:
            return "Bandwidth billed above what was delivered";
    }
    return "Finding";
}

bool status_change_allowed(FindingStatus from, FindingStatus to) {
    if (from == to) {
        return true;
    }
    switch (from) {
        case FindingStatus::kOpen:
            return to == FindingStatus::kDisputed || to == FindingStatus::kRejected;
        case FindingStatus::kDisputed:
            return true;
        case FindingStatus::kCredited:
        case FindingStatus::kRejected:
            return to == FindingStatus::kOpen;
    }
    return false;
}

int months_claimed(Date since, Date until, int window) {
    int a = static_cast<int>(since.year()) * 12 + static_cast<int>(unsigned(since.month()));
    int b = static_cast<int>(until.year()) * 12 + static_cast<int>(unsigned(until.month()));
    int months = std::max(1, b - a + 1);
    if (window > 0) {
        months = std::min(months, window);
    }
    return months;
}

std::optional<double> billed_mbps(std::string_view d) {
    // The first number directly followed by M/MB/MBPS or G/GB/GBPS (case-insensitive).
    for (std::size_t i = 0; i < d.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(d[i])) ||
            (i > 0 && (std::isalnum(static_cast<unsigned char>(d[i - 1])) || d[i - 1] == '.'))) {
            continue;
        }
        std::size_t j = i;
        while (j < d.size() && (std::isdigit(static_cast<unsigned char>(d[j])) || d[j] == '.')) {
            ++j;
        }
        std::size_t k = j;
        while (k < d.size() && d[k] == ' ') {
            ++k;
        }
        if (k >= d.size()) {
            break;
        }
        char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(d[k])));
        if (unit != 'M' && unit != 'G') {
            i = j;
            continue;
        }
        std::size_t e = k + 1;
        while (e < d.size() && std::isalpha(static_cast<unsigned char>(d[e]))) {
            ++e;
        }
        std::string suffix;
        for (std::size_t x = k; x < e; ++x) {
            suffix.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(d[x]))));
        }
        if (suffix != "M" && suffix != "MB" && suffix != "MBPS" && suffix != "G" &&
            suffix != "GB" && suffix != "GBPS") {
            i = j;
            continue;
        }
        double v = std::stod(std::string(d.substr(i, j - i)));
        return unit == 'G' ? v * 1000 : v;
    }
    return std::nullopt;
}

namespace {

using Period = std::pair<std::optional<Date>, std::optional<Date>>;

std::string money(Cents c) {
    return format_money(c);
}

std::string period_text(const BillLine& l) {
    if (l.period_start && l.period_end) {
        return format_date(*l.period_start) + ".." + format_date(*l.period_end);
    }
    return "no period";
}

Evidence bill_evidence(const BillLine& l) {
    return {"bill", l.source.file, l.source.line,
            fmt::format("{} line {}: \"{}\" {} {} for {} ({})", l.source.file, l.source.line,
                        l.description, to_name(l.charge_type), money(l.amount), l.service_number,
                        period_text(l))};
}

Evidence test_evidence(const Verification& v) {
    std::string where = v.location;
    if (!v.device.empty()) {
        where += where.empty() ? v.device : ", " + v.device;
    }
    std::string stamp = format_timestamp(v.tested_at);
    stamp = stamp.substr(0, 10) + " " + stamp.substr(11, 5);
    std::string from =
        v.source.line > 0 ? fmt::format("{} line {}", v.source.file, v.source.line) : v.source.file;
    return {"verification", v.source.file, v.source.line,
            fmt::format("{}: {} tested {} {} by {}{}", from, v.number, to_name(v.result), stamp,
                        v.technician.empty() ? "unknown" : v.technician,
                        where.empty() ? "" : " (" + where + ")")};
}

std::string coverage(const UsageSummary& u) {
    if (u.first_day && u.last_day) {
        return fmt::format("{} CDR records from {} to {}", u.records, format_date(*u.first_day),
                           format_date(*u.last_day));
    }
    return fmt::format("{} CDR records", u.records);
}

// Rounds a / b half away from zero (b > 0).
std::int64_t div_round(std::int64_t a, std::int64_t b) {
    return a >= 0 ? (a + b / 2) / b : -((-a + b / 2) / b);
}

// What `minutes` cost at the rate billed. Carriers quote per-minute rates in mills or tenths of
// a mill ($0.029, $0.0125): the coarsest such rate that reproduces the billed amount to the cent
// is used, else the amount pro rata.
std::int64_t fair_usage_cents(std::int64_t amount,
                              std::int64_t quantity_milli,
                              std::int64_t minutes) {
    // Rates in 1/10 and 1/100 of a cent per minute (quantity is in thousandths of a minute).
    for (std::int64_t scale : {10, 100}) {
        std::int64_t rate = div_round(amount * scale * 1000, quantity_milli);
        if (rate > 0 && div_round(rate * quantity_milli, scale * 1000) == amount) {
            return div_round(rate * minutes, scale);
        }
    }
    return div_round(minutes * 1000 * amount, quantity_milli);
}

struct NumberBill {
    Cents recurring;
    std::vector<const BillLine*> recurring_lines;
    Cents usage_amount;
    std::int64_t usage_quantity_milli = 0;
    std::vector<const BillLine*> usage_lines;
};

}  // namespace

std::vector<std::string> numbers_to_track(const std::vector<BillLine>& bill,
                                          const std::vector<Verification>& verifications) {
    std::set<std::string> out;
    for (const BillLine& l : bill) {
        if (!l.e164.empty()) {
            out.insert(l.e164);
        }
    }
    for (const Verification& v : verifications) {
        if (!v.e164.empty()) {
            out.insert(v.e164);
        }
    }
    return {out.begin(), out.end()};
}

ReviewTotals compute_totals(const std::vector<Finding>& findings,
                            const std::vector<BillLine>& bill) {
    ReviewTotals t;
    for (const Finding& f : findings) {
        t.monthly_savings += f.monthly_amount;
        t.refund_to_claim += f.refund_estimate;
        TypeTotal& tt = t.by_type[f.type];
        ++tt.count;
        tt.monthly += f.monthly_amount;
        tt.refund += f.refund_estimate;
    }
    t.annual_savings = t.monthly_savings * 12;
    for (const BillLine& l : bill) {
        t.billed_total += l.amount;
        t.billed_by_charge_type[l.charge_type] += l.amount;
        if (l.e164.empty()) {
            t.billed_not_numbers += l.amount;
        }
    }
    return t;
}

ReviewResult reconcile(const ReviewInput& input, const ReviewSettings& settings) {
    ReviewResult result;
    // The current period: the latest period end among the bill lines (lines without a period
    // belong to it).
    std::optional<Date> current_end;
    std::optional<Date> current_start;
    for (const BillLine& l : input.bill) {
        if (l.period_end && (!current_end || *l.period_end > *current_end)) {
            current_end = l.period_end;
        }
    }
    auto in_current = [&](const BillLine& l) {
        return !current_end || !l.period_end || *l.period_end == *current_end;
    };
    // When each recurring charge (number, description) was first billed.
    std::map<std::string, Date> first_billed;  // by E.164
    for (const BillLine& l : input.bill) {
        if (l.e164.empty() || l.charge_type != ChargeType::kRecurring || !l.period_start) {
            continue;
        }
        auto [it, inserted] = first_billed.try_emplace(l.e164, *l.period_start);
        if (!inserted && *l.period_start < it->second) {
            it->second = *l.period_start;
        }
    }
    std::map<std::string, NumberBill> numbers;
    std::map<std::tuple<std::string, std::string, std::int64_t, Period>,
             std::vector<const BillLine*>>
        mrc_groups;
    for (const BillLine& l : input.bill) {
        if (!in_current(l)) {
            continue;
        }
        if (l.period_start && (!current_start || *l.period_start < *current_start)) {
            current_start = l.period_start;
        }
        if (l.e164.empty()) {
            continue;
        }
        if (l.charge_type == ChargeType::kRecurring) {
            NumberBill& nb = numbers[l.e164];
            nb.recurring += l.amount;
            nb.recurring_lines.push_back(&l);
            mrc_groups[{l.e164, l.description, l.amount.value, {l.period_start, l.period_end}}]
                .push_back(&l);
        } else if (l.charge_type == ChargeType::kUsage) {
            NumberBill& nb = numbers[l.e164];
            nb.usage_amount += l.amount;
            nb.usage_quantity_milli += l.quantity_milli;
            nb.usage_lines.push_back(&l);
        }
    }
    result.period_start = current_start;
    result.period_end = current_end ? current_end : input.usage.last_day;

    // The latest test of each number; ties go to the later row.
    std::map<std::string, const Verification*> latest;
    for (const Verification& v : input.verifications) {
        if (v.e164.empty()) {
            continue;
        }
        auto [it, inserted] = latest.try_emplace(v.e164, &v);
        if (!inserted && v.tested_at >= it->second->tested_at) {
            it->second = &v;
        }
    }

    const UsageSummary& usage = input.usage;
    auto usage_of = [&](const std::string& n) -> NumberUsage {
        auto it = usage.numbers.find(n);
        return it == usage.numbers.end() ? NumberUsage{} : it->second;
    };
    const Date until = result.period_end.value_or(Date{});
    auto finish = [&](Finding f, std::optional<Date> since) {
        f.since = since ? since : result.period_start;
        f.period_start = result.period_start;
        f.period_end = result.period_end;
        f.months = f.since && result.period_end
                       ? months_claimed(*f.since, until, settings.dispute_window_months)
                       : 1;
        f.refund_estimate = f.monthly_amount * f.months;
        result.findings.push_back(std::move(f));
    };
    auto add_bill_evidence = [](Finding& f, const std::vector<const BillLine*>& lines) {
        for (const BillLine* l : lines) {
            f.evidence.push_back(bill_evidence(*l));
        }
    };
    auto first_billed_of = [&](const std::string& n) -> std::optional<Date> {
        auto it = first_billed.find(n);
        return it == first_billed.end() ? std::nullopt : std::optional<Date>(it->second);
    };

    for (const auto& [n, nb] : numbers) {
        if (nb.recurring_lines.empty()) {
            continue;
        }
        auto t = latest.find(n);
        const Verification* test = t == latest.end() ? nullptr : t->second;
        NumberUsage u = usage_of(n);
        Finding f;
        f.number = n;
        f.monthly_amount = nb.recurring;
        if (test != nullptr &&
            (test->result == TestResult::kNotFound || test->result == TestResult::kNoDialTone)) {
            f.type = test->result == TestResult::kNotFound ? FindingType::kBilledNotFound
                                                           : FindingType::kBilledNoDialTone;
            f.description =
                fmt::format("{} a month billed for a line the technician {}", money(nb.recurring),
                            test->result == TestResult::kNotFound ? "could not find on site"
                                                                  : "found without dial tone");
            f.evidence.push_back(test_evidence(*test));
            add_bill_evidence(f, nb.recurring_lines);
            if (usage.available) {
                f.evidence.push_back(
                    {"cdr", "", 0,
                     fmt::format("{} calls with this number in {}", u.calls, coverage(usage))});
            }
            finish(std::move(f), first_billed_of(n));
        } else if (usage.available && u.calls == 0) {
            f.type = FindingType::kBilledUnused;
            f.description = fmt::format("{} a month billed for a line with no calls in or out",
                                        money(nb.recurring));
            f.evidence.push_back(
                {"cdr", "", 0,
                 fmt::format("no calls to or from this number in {}", coverage(usage))});
            if (test != nullptr) {
                f.evidence.push_back(test_evidence(*test));
            }
            add_bill_evidence(f, nb.recurring_lines);
            std::optional<Date> since = first_billed_of(n);
            if (usage.first_day && (!since || *usage.first_day > *since)) {
                since = usage.first_day;
            }
            finish(std::move(f), since);
        }
    }
    for (const auto& [n, test] : latest) {
        if (test->result != TestResult::kWorking && test->result != TestResult::kNotInUse) {
            continue;
        }
        auto it = numbers.find(n);
        if (it != numbers.end() && !it->second.recurring_lines.empty()) {
            continue;
        }
        Finding f;
        f.type = FindingType::kUnbilledOnSite;
        f.number = n;
        f.description =
            "Found on site but not on this bill: billed on another account, or a line the "
            "carrier does not know about (no overcharge)";
        f.evidence.push_back(test_evidence(*test));
        finish(std::move(f), date_of(test->tested_at));
    }
    for (const auto& [key, lines] : mrc_groups) {
        if (lines.size() < 2) {
            continue;
        }
        Finding f;
        f.type = FindingType::kDuplicateMrc;
        f.number = std::get<0>(key);
        f.monthly_amount = lines.front()->amount * static_cast<std::int64_t>(lines.size() - 1);
        f.description =
            fmt::format("\"{}\" billed {} times", lines.front()->description, lines.size());
        add_bill_evidence(f, lines);
        std::optional<Date> since = lines.front()->period_start;
        finish(std::move(f), since);
    }
    for (const auto& [n, nb] : numbers) {
        if (nb.usage_lines.empty()) {
            continue;
        }
        NumberUsage u = usage_of(n);
        Finding f;
        f.number = n;
        if (usage.available && nb.usage_amount.value > 0 && u.calls == 0) {
            f.type = FindingType::kUsageWithoutCdrs;
            f.monthly_amount = nb.usage_amount;
            f.description = fmt::format("{} of usage billed for a number with no calls",
                                        money(nb.usage_amount));
        } else if (usage.available && u.minutes > 0 && nb.usage_quantity_milli > u.minutes * 1000 &&
                   nb.usage_quantity_milli > 0) {
            f.type = FindingType::kUsageOverbilled;
            Cents fair{fair_usage_cents(nb.usage_amount.value, nb.usage_quantity_milli, u.minutes)};
            f.monthly_amount = nb.usage_amount - fair;
            f.description = fmt::format(
                "{} minutes billed, {} minutes in the CDRs: {} billed above the calls made",
                nb.usage_quantity_milli / 1000, u.minutes, money(f.monthly_amount));
        } else {
            continue;
        }
        f.evidence.push_back({"cdr", "", 0,
                              fmt::format("{} calls, {} minutes (ceil per call) in {}", u.calls,
                                          u.minutes, coverage(usage))});
        add_bill_evidence(f, nb.usage_lines);
        finish(std::move(f), nb.usage_lines.front()->period_start);
    }
    // Bandwidth: circuits by service id as on the bill (or E.164).
    for (const DeliveredBandwidth& d : input.bandwidth) {
        Cents amount;
        std::optional<double> billed;
        std::vector<const BillLine*> lines;
        for (const BillLine& l : input.bill) {
            if (!in_current(l) || l.charge_type != ChargeType::kRecurring) {
                continue;
            }
            if (l.service_number != d.service_id && (l.e164.empty() || l.e164 != d.service_id)) {
                continue;
            }
            std::optional<double> mbps = billed_mbps(l.description);
            if (mbps) {
                billed = std::max(billed.value_or(0), *mbps);
            }
            amount += l.amount;
            lines.push_back(&l);
        }
        if (!billed || d.measured_mbps >= *billed || amount.value <= 0) {
            continue;
        }
        Finding f;
        f.type = FindingType::kBandwidthOverbilled;
        f.number = d.service_id;
        f.monthly_amount = Cents{static_cast<std::int64_t>(
            static_cast<double>(amount.value) * (*billed - d.measured_mbps) / *billed + 0.5)};
        f.description =
            fmt::format("{:g} Mbit/s billed, {:g} Mbit/s measured", *billed, d.measured_mbps);
        std::string from = d.source.line > 0
                               ? fmt::format("{} line {}", d.source.file, d.source.line)
                               : d.source.file;
        f.evidence.push_back({"bandwidth", d.source.file, d.source.line,
                              fmt::format("{}: measured {:g} Mbit/s", from, d.measured_mbps)});
        add_bill_evidence(f, lines);
        finish(std::move(f), lines.front()->period_start);
    }
    std::sort(result.findings.begin(), result.findings.end(),
              [](const Finding& a, const Finding& b) {
                  return std::make_pair(to_name(a.type), a.number) <
                         std::make_pair(to_name(b.type), b.number);
              });
    result.totals = compute_totals(result.findings, input.bill);
    return result;
}

}  // namespace hover::billing

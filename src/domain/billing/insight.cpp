#include "domain/billing/insight.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

namespace hover::billing {

namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

bool mentions_analog(std::string_view text) {
    std::string u = upper(text);
    for (std::string_view w : {"BUSINESS LINE", "POTS", "1FB", "1MB", "MEASURED RATE", "FXO",
                               "ANALOG", "MODEM", "FAX", "ALARM", "DAHDI"}) {
        if (u.find(w) != std::string::npos) {
            return true;
        }
    }
    return false;
}

// Working days (Monday to Friday) from a to b inclusive; at least 1.
std::int64_t working_days(Date a, Date b) {
    std::int64_t n = 0;
    for (auto d = std::chrono::sys_days{a}; d <= std::chrono::sys_days{b};
         d += std::chrono::days{1}) {
        std::chrono::weekday w{d};
        if (w != std::chrono::Saturday && w != std::chrono::Sunday) {
            ++n;
        }
    }
    return std::max<std::int64_t>(n, 1);
}

std::int64_t days(Date a, Date b) {
    return std::max<std::int64_t>((std::chrono::sys_days{b} - std::chrono::sys_days{a}).count() + 1,
                                  1);
}

}  // namespace

std::vector<Suggestion> usage_insight(const ReviewInput& input,
                                      const std::vector<Finding>& findings,
                                      const InsightSettings& settings) {
    std::vector<Suggestion> out;
    const UsageSummary& usage = input.usage;
    if (!usage.available) {
        return out;
    }
    std::int64_t work_days = 1;
    std::int64_t all_days = 1;
    if (usage.first_day && usage.last_day) {
        work_days = working_days(*usage.first_day, *usage.last_day);
        all_days = days(*usage.first_day, *usage.last_day);
    }
    std::vector<const ExtensionUsage*> heavy;
    for (const ExtensionUsage& e : usage.extensions) {
        if (e.talk_seconds / 60 / work_days >= settings.heavy_talk_minutes_per_day) {
            heavy.push_back(&e);
        }
    }
    std::sort(heavy.begin(), heavy.end(), [](const ExtensionUsage* a, const ExtensionUsage* b) {
        return a->talk_seconds > b->talk_seconds;
    });
    for (const ExtensionUsage* e : heavy) {
        out.push_back({"headset_check", e->extension,
                       fmt::format("Extension {} talks {:.1f} hours on an average working day "
                                   "({} calls): check that the user has a headset.",
                                   e->extension,
                                   static_cast<double>(e->talk_seconds) / 3600.0 /
                                       static_cast<double>(work_days),
                                   e->calls),
                       Cents{}});
    }

    std::set<std::string> in_findings;
    for (const Finding& f : findings) {
        in_findings.insert(f.number);
    }
    std::map<std::string, Cents> recurring;
    std::map<std::string, bool> analog;
    for (const BillLine& l : input.bill) {
        if (l.e164.empty() || l.charge_type != ChargeType::kRecurring) {
            continue;
        }
        recurring[l.e164] += l.amount;
        analog[l.e164] = analog[l.e164] || mentions_analog(l.description);
    }
    for (const Verification& v : input.verifications) {
        if (!v.e164.empty() && recurring.count(v.e164) > 0 && mentions_analog(v.device)) {
            analog[v.e164] = true;
        }
    }
    std::vector<std::pair<std::string, Cents>> pool;
    for (const auto& [n, amount] : recurring) {
        if (in_findings.count(n) > 0) {
            continue;
        }
        auto it = usage.numbers.find(n);
        std::int64_t calls = it == usage.numbers.end() ? 0 : it->second.calls;
        if (calls > 0 && calls <= settings.rare_calls) {
            out.push_back({"rarely_used_line", n,
                           fmt::format("{} had only {} calls in {} days but costs {} a month: "
                                       "ask whether it is still needed.",
                                       n, calls, all_days, format_money(amount)),
                           amount});
        } else if (analog[n] && calls < settings.analog_calls_per_day * all_days) {
            pool.emplace_back(n, amount);
        }
    }
    if (pool.size() >= 2) {
        for (const auto& [n, amount] : pool) {
            out.push_back({"consolidate_analog", n,
                           fmt::format("Analog line {} ({} a month) carries little traffic; {} "
                                       "such lines could share fewer lines or move to the SIP "
                                       "trunk.",
                                       n, format_money(amount), pool.size()),
                           amount});
        }
    }
    return out;
}

}  // namespace hover::billing

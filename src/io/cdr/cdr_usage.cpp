#include "io/cdr/cdr_usage.hpp"

#include <algorithm>

namespace hover::cdr {

std::string normalize_number(std::string_view text) {
    std::string digits;
    digits.reserve(text.size());
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
        }
    }
    if (digits.size() == 11 && digits[0] == '1') {
        digits.erase(0, 1);
    } else if (digits.size() == 12 && digits[0] == '9' && digits[1] == '1') {
        digits.erase(0, 2);
    }
    return digits;
}

bool is_extension(std::string_view normalized) {
    return normalized.size() >= 2 && normalized.size() <= 6;
}

UsageAggregator::UsageAggregator(const std::vector<std::string>& tracked_numbers) {
    for (const std::string& n : tracked_numbers) {
        std::string normalized = normalize_number(n);
        if (!normalized.empty()) {
            tracked_.insert(std::move(normalized));
        }
    }
}

void UsageAggregator::add(const CdrRecord& record) {
    std::string src = normalize_number(record.src);
    std::string dst = normalize_number(record.dst);
    if (!tracked_.empty()) {
        if (!is_extension(src) && tracked_.find(src) == tracked_.end()) {
            src.clear();
        }
        if (!is_extension(dst) && tracked_.find(dst) == tracked_.end()) {
            dst.clear();
        }
    }
    if (src.empty() && dst.empty()) {
        return;
    }
    const Date day = date_of(record.start);
    const bool answered = record.answered();

    CallState* call = nullptr;
    bool new_call = true;
    std::string_view id = record.call_id();
    if (!id.empty()) {
        auto [it, inserted] = recent_calls_.try_emplace(std::string(id));
        call = &it->second;
        new_call = inserted;
        if (inserted) {
            recent_order_.emplace_back(id);
            if (recent_order_.size() > kLegWindow) {
                recent_calls_.erase(recent_order_.front());
                recent_order_.pop_front();
            }
        }
    }
    if (new_call) {
        ++calls_;
    }
    count_side(src, 'o', record, day, answered, call);
    count_side(dst, 'i', record, day, answered, call);
}

void UsageAggregator::count_side(const std::string& number,
                                 char direction,
                                 const CdrRecord& record,
                                 Date day,
                                 bool answered,
                                 CallState* call) {
    if (number.empty()) {
        return;
    }
    bool count_call = true;
    bool count_answer = answered;
    if (call != nullptr) {
        auto mark = std::find_if(call->marks.begin(), call->marks.end(), [&](const LegMark& m) {
            return m.direction == direction && m.number == number;
        });
        if (mark != call->marks.end()) {
            count_call = false;
            count_answer = answered && !mark->answered;
            mark->answered = mark->answered || answered;
        } else {
            call->marks.push_back({number, direction, answered});
        }
    }

    const auto days = std::chrono::sys_days{day}.time_since_epoch().count();
    key_.assign(number);
    key_.push_back('|');
    key_.append(std::to_string(days));
    auto it = numbers_.find(key_);
    if (it == numbers_.end()) {
        NumberDayUsage fresh;
        fresh.number = number;
        fresh.day = day;
        fresh.last_call = record.start;
        it = numbers_.emplace(key_, std::move(fresh)).first;
    }
    NumberDayUsage& u = it->second;
    if (count_call) {
        ++(direction == 'o' ? u.calls_out : u.calls_in);
    }
    if (count_answer) {
        ++u.answered;
    }
    u.billsec += record.billsec;
    u.last_call = std::max(u.last_call, record.start);

    if (is_extension(number)) {
        auto e = extensions_.find(number);
        if (e == extensions_.end()) {
            e = extensions_.emplace(number, ExtensionUsage{number, 0, 0}).first;
        }
        if (count_call) {
            ++e->second.calls;
        }
        if (answered) {
            e->second.talk_seconds += record.billsec;
        }
    }
}

std::vector<NumberDayUsage> UsageAggregator::by_number_day() const {
    std::vector<NumberDayUsage> out;
    out.reserve(numbers_.size());
    for (const auto& [key, usage] : numbers_) {
        out.push_back(usage);
    }
    std::sort(out.begin(), out.end(), [](const NumberDayUsage& a, const NumberDayUsage& b) {
        if (a.number != b.number) {
            return a.number < b.number;
        }
        return a.day < b.day;
    });
    return out;
}

std::vector<ExtensionUsage> UsageAggregator::by_extension() const {
    std::vector<ExtensionUsage> out;
    out.reserve(extensions_.size());
    for (const auto& [key, usage] : extensions_) {
        out.push_back(usage);
    }
    std::sort(out.begin(), out.end(), [](const ExtensionUsage& a, const ExtensionUsage& b) {
        return a.extension < b.extension;
    });
    return out;
}

}  // namespace hover::cdr

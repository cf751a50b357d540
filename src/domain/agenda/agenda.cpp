#include "domain/agenda/agenda.hpp"

#include <algorithm>
#include <tuple>

namespace hover::agenda {
namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

}  // namespace

// REQ: F4 (customer-facing first; deterministic order)
void rank(std::vector<AgendaItem>& items, Date day) {
    std::stable_sort(items.begin(), items.end(), [day](const AgendaItem& a, const AgendaItem& b) {
        auto key = [day](const AgendaItem& i) {
            return std::make_tuple(static_cast<int>(i.audience), i.urgency,
                                   std::chrono::sys_days{i.due_on.value_or(day)},
                                   lower(i.account_name), i.account_name, i.key);
        };
        return key(a) < key(b);
    });
}

void AgendaService::add_provider(std::unique_ptr<AgendaProvider> provider) {
    providers_.push_back(std::move(provider));
}

// REQ: F4
Result<Agenda> AgendaService::for_user(const Actor& actor,
                                       std::optional<UserId> user,
                                       std::optional<Date> day) {
    Agenda agenda;
    agenda.user = user.value_or(actor.user_id);
    agenda.day = day.value_or(clock_.today());
    auto users = HOVER_TRY(records_.list_users(actor));
    auto it = std::find_if(users.begin(), users.end(),
                           [&](const records::User& u) { return u.id == agenda.user; });
    if (it == users.end()) {
        return Error::not_found("user");
    }
    agenda.user_name = it->display_name.empty() ? it->email : it->display_name;
    for (const auto& provider : providers_) {
        auto items = HOVER_TRY(provider->items(actor, agenda.user, agenda.day));
        for (auto& item : items) {
            agenda.items.push_back(std::move(item));
        }
    }
    rank(agenda.items, agenda.day);
    return agenda;
}

}  // namespace hover::agenda

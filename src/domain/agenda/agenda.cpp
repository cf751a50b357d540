#include "domain/agenda/agenda.hpp"

#include <algorithm>
#include <tuple>

#include "core/text.hpp"

namespace hover::agenda {
namespace {}  // namespace

// REQ: F4 (customer-facing first; deterministic order)
void rank(std::vector<AgendaItem>& items, Date day) {
    // The sort keys are built once per item (an agenda may hold thousands of items).
    struct Keyed {
        int audience;
        int urgency;
        std::chrono::sys_days due;
        std::string folded;  // the account name, case-insensitive
        std::size_t index;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const AgendaItem& item = items[i];
        keyed.push_back({static_cast<int>(item.audience), item.urgency,
                         std::chrono::sys_days{item.due_on.value_or(day)},
                         ascii_lower(item.account_name), i});
    }
    std::sort(keyed.begin(), keyed.end(), [&items](const Keyed& a, const Keyed& b) {
        const AgendaItem& x = items[a.index];
        const AgendaItem& y = items[b.index];
        return std::tie(a.audience, a.urgency, a.due, a.folded, x.account_name, x.key, a.index) <
               std::tie(b.audience, b.urgency, b.due, b.folded, y.account_name, y.key, b.index);
    });
    std::vector<AgendaItem> ranked;
    ranked.reserve(items.size());
    for (const auto& k : keyed) {
        ranked.push_back(std::move(items[k.index]));
    }
    items = std::move(ranked);
}

void AgendaService::add_provider(std::unique_ptr<AgendaProvider> provider) {
    providers_.push_back(std::move(provider));
}

// REQ: F4 (every provider reads in one snapshot: one connection, consistent figures)
Result<Agenda> AgendaService::for_user(const Actor& actor,
                                       std::optional<UserId> user,
                                       std::optional<Date> day) {
    Agenda agenda;
    agenda.user = user.value_or(actor.user_id);
    agenda.day = day.value_or(clock_.today());
    HOVER_TRY(records_.consistently([&]() -> Result<Ok> {
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
        return Ok{};
    }));
    rank(agenda.items, agenda.day);
    return agenda;
}

}  // namespace hover::agenda

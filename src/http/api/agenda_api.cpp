#include "http/api/agenda_api.hpp"

namespace hover::http {

using nlohmann::json;

json agenda_json(const agenda::Agenda& a) {
    json items = json::array();
    int position = 0;
    for (const auto& i : a.items) {
        items.push_back(
            {{"position", ++position},
             {"kind", i.kind},
             {"audience",
              i.audience == agenda::Audience::kCustomerFacing ? "customer_facing" : "internal"},
             {"urgency", i.urgency},
             {"due_on", i.due_on ? json(format_date(*i.due_on)) : json(nullptr)},
             {"account_id", i.account_id ? json(i.account_id->value) : json(nullptr)},
             {"account_name", i.account_name},
             {"contact_id", i.contact_id ? json(i.contact_id->value) : json(nullptr)},
             {"followup_id", i.followup_id ? json(*i.followup_id) : json(nullptr)},
             {"title", i.title},
             {"reason", i.reason},
             {"link", i.link},
             {"key", i.key}});
    }
    return json{{"user_id", a.user.value},
                {"user_name", a.user_name},
                {"date", format_date(a.day)},
                {"items", std::move(items)}};
}

// REQ: F4
Result<Response> AgendaApi::get(const ApiCall& call) {
    std::optional<UserId> user;
    if (auto v = HOVER_TRY(id_from_query(call.request, "user_id"))) {
        user = UserId{*v};
    }
    std::optional<Date> day;
    if (auto d = call.request.query_param("date"); d && !d->empty()) {
        day = HOVER_TRY(parse_date(*d, "date"));
    }
    auto agenda = HOVER_TRY(agenda_.for_user(call.actor(), user, day));
    return json_response(200, agenda_json(agenda));
}

}  // namespace hover::http

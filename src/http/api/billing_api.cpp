#include "http/api/billing_api.hpp"

#include <string>
#include <vector>

#include "io/billing/billing_json.hpp"

namespace hover::http {
namespace {

using nlohmann::json;

// "a,b,c" from the query string as enum values; kInvalidInput naming the parameter and the
// choices when one is unknown.
template <typename E>
Result<std::vector<E>> enum_list_from_query(const Request& request, std::string_view name) {
    std::vector<E> out;
    auto text = request.query_param(name);
    if (!text || text->empty()) {
        return out;
    }
    std::string_view rest = *text;
    while (true) {
        auto comma = rest.find(',');
        std::string_view item = rest.substr(0, comma);
        out.push_back(HOVER_TRY(records::parse_enum<E>(item, name)));
        if (comma == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(comma + 1);
    }
    return out;
}

json total_json(const billing::TypeTotal& t) {
    return json{
        {"count", t.count}, {"monthly_cents", t.monthly.value}, {"refund_cents", t.refund.value}};
}

json date_or_null(const std::optional<Date>& d) {
    return d ? json(format_date(*d)) : json(nullptr);
}

}  // namespace

// REQ: B4
Result<Response> BillingApi::list_findings(const ApiCall& call) {
    billing::FindingFilter filter;
    filter.types = HOVER_TRY(enum_list_from_query<billing::FindingType>(call.request, "type"));
    filter.statuses =
        HOVER_TRY(enum_list_from_query<billing::FindingStatus>(call.request, "status"));
    auto findings = HOVER_TRY(billing_.list_findings(call.actor(), AccountId{call.id()}, filter));
    json items = json::array();
    for (const auto& f : findings) {
        items.push_back(io::to_json(f));
    }
    return json_response(200, json{{"items", std::move(items)}});
}

Result<Response> BillingApi::get_finding(const ApiCall& call) {
    auto f = HOVER_TRY(billing_.get_finding(call.actor(), FindingId{call.id()}));
    return json_response(200, io::to_json(f));
}

// REQ: B4 (the status the user moves along)
Result<Response> BillingApi::update_finding(const ApiCall& call) {
    FindingId id{call.id()};
    HOVER_TRY(billing_.get_finding(call.actor(), id));  // 404 before the body
    auto body = HOVER_TRY(json_object_body(call.request));
    for (const auto& [key, value] : body.items()) {
        if (key != "status" && key != "note") {
            return Error::invalid(key, "Unknown field. A finding takes: status, note.");
        }
    }
    if (!body.contains("status") || !body.at("status").is_string()) {
        return Error::invalid("status",
                              "Give the new status as text: open, disputed, credited or "
                              "rejected.");
    }
    std::optional<std::string> note;
    if (body.contains("note") && !body.at("note").is_null()) {
        if (!body.at("note").is_string()) {
            return Error::invalid("note", "Give the note as text (a JSON string).");
        }
        note = body.at("note").get<std::string>();
    }
    auto f = HOVER_TRY(
        billing_.set_finding_status(call.actor(), id, body.at("status").get<std::string>(), note));
    return json_response(200, io::to_json(f));
}

// REQ: B4, B5
Result<Response> BillingApi::report(const ApiCall& call) {
    AccountId account{call.id()};
    auto b = HOVER_TRY(billing_.account_billing(call.actor(), account));
    json by_type = json::object();
    for (const auto& [type, t] : b.totals.by_type) {
        by_type[std::string(billing::to_name(type))] = total_json(t);
    }
    json by_status = json::object();
    for (const auto& [status, t] : b.by_status) {
        by_status[std::string(billing::to_name(status))] = total_json(t);
    }
    json latest = nullptr;
    if (b.latest_review) {
        const auto& r = *b.latest_review;
        latest = json{{"id", r.id.value},
                      {"period", json{{"start", date_or_null(r.period_start)},
                                      {"end", date_or_null(r.period_end)}}},
                      {"created_at", format_timestamp(r.created_at)},
                      {"findings", r.findings},
                      {"monthly_savings_cents", r.monthly_savings.value},
                      {"refund_to_claim_cents", r.refund_to_claim.value},
                      {"billed_total_cents", r.billed_total.value}};
    }
    std::int64_t pending = 0;
    for (auto s : {billing::FindingStatus::kOpen, billing::FindingStatus::kDisputed}) {
        pending += b.by_status[s].count;
    }
    std::string base = "/accounts/" + std::to_string(account.value) + "/billing-report";
    return json_response(
        200, json{{"account_id", account.value},
                  {"pending", json{{"findings", pending},
                                   {"monthly_savings_cents", b.totals.monthly_savings.value},
                                   {"annual_savings_cents", b.totals.annual_savings.value},
                                   {"refund_to_claim_cents", b.totals.refund_to_claim.value},
                                   {"by_type", std::move(by_type)}}},
                  {"by_status", std::move(by_status)},
                  {"latest_review", std::move(latest)},
                  {"report", json{{"html", base}, {"pdf", base + ".pdf"}}}});
}

}  // namespace hover::http

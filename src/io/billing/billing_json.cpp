#include "io/billing/billing_json.hpp"

#include <nlohmann/json.hpp>

namespace hover::io {

using nlohmann::json;

namespace {

json date_or_null(const std::optional<Date>& d) {
    return d ? json(format_date(*d)) : json(nullptr);
}

}  // namespace

json to_json(const billing::Finding& f) {
    json evidence = json::array();
    for (const billing::Evidence& e : f.evidence) {
        json j{{"source", e.source}, {"text", e.text}};
        if (!e.file.empty()) {
            j["file"] = e.file;
            j["line"] = e.line;
        }
        evidence.push_back(std::move(j));
    }
    json j{{"type", std::string(billing::to_name(f.type))},
           {"title", std::string(billing::finding_title(f.type))},
           {"number", f.number},
           {"description", f.description},
           {"monthly_amount_cents", f.monthly_amount.value},
           {"since", date_or_null(f.since)},
           {"months", f.months},
           {"refund_estimate_cents", f.refund_estimate.value},
           {"status", std::string(billing::to_name(f.status))},
           {"evidence", std::move(evidence)}};
    if (f.id.valid()) {
        j["id"] = f.id.value;
    }
    if (f.account_id.valid()) {
        j["account_id"] = f.account_id.value;
    }
    if (!f.note.empty()) {
        j["note"] = f.note;
    }
    if (f.status_changed_at) {
        j["status_changed_at"] = format_timestamp(*f.status_changed_at);
    }
    return j;
}

json to_json(const billing::Suggestion& s) {
    return json{{"kind", s.kind},
                {"subject", s.subject},
                {"text", s.text},
                {"monthly_amount_cents", s.monthly_amount.value}};
}

json to_json(const billing::ReviewTotals& t) {
    json by_type = json::object();
    for (const auto& [type, tt] : t.by_type) {
        by_type[std::string(billing::to_name(type))] = json{{"count", tt.count},
                                                            {"monthly_cents", tt.monthly.value},
                                                            {"refund_cents", tt.refund.value}};
    }
    json by_charge = json::object();
    for (const auto& [type, c] : t.billed_by_charge_type) {
        by_charge[std::string(billing::to_name(type))] = c.value;
    }
    return json{{"monthly_savings_cents", t.monthly_savings.value},
                {"annual_savings_cents", t.annual_savings.value},
                {"refund_to_claim_cents", t.refund_to_claim.value},
                {"by_type", std::move(by_type)},
                {"billed_total_cents", t.billed_total.value},
                {"billed_by_charge_type_cents", std::move(by_charge)},
                {"billed_not_numbers_cents", t.billed_not_numbers.value}};
}

json to_json(const ImportProblem& p) {
    json j{{"file", p.file}, {"line", p.line}, {"reason", p.reason}, {"row_kept", p.row_kept}};
    j["amount_cents"] = p.amount ? json(p.amount->value) : json(nullptr);
    return j;
}

json to_json(const ReviewRun& run) {
    json findings = json::array();
    for (const billing::Finding& f : run.result.findings) {
        findings.push_back(to_json(f));
    }
    json suggestions = json::array();
    for (const billing::Suggestion& s : run.suggestions) {
        suggestions.push_back(to_json(s));
    }
    json inputs = json::array();
    for (const InputStats& s : run.inputs) {
        json j{{"file", s.file}, {"rows", s.rows}, {"used", s.used}, {"problems", s.problems}};
        if (!s.layout.empty()) {
            j["layout"] = s.layout;
            j["bytes"] = s.bytes;
            j["threads"] = s.threads;
        }
        inputs.push_back(std::move(j));
    }
    json problems = json::array();
    for (const ImportProblem& p : run.problems) {
        problems.push_back(to_json(p));
    }
    json summary = to_json(run.result.totals);
    summary["findings"] = run.result.findings.size();
    summary["unread_bill_rows"] = run.unread_rows;
    summary["unread_bill_money_cents"] = run.unread_money.value;
    const billing::UsageSummary& u = run.input.usage;
    return json{{"schema", "hover.billing_review/1"},
                {"period", json{{"start", date_or_null(run.result.period_start)},
                                {"end", date_or_null(run.result.period_end)}}},
                {"cdr_coverage", json{{"available", u.available},
                                      {"records", u.records},
                                      {"first_day", date_or_null(u.first_day)},
                                      {"last_day", date_or_null(u.last_day)}}},
                {"summary", std::move(summary)},
                {"findings", std::move(findings)},
                {"suggestions", std::move(suggestions)},
                {"inputs", std::move(inputs)},
                {"problems", std::move(problems)}};
}

}  // namespace hover::io

// File: http/api/billing_api.hpp
//
// BillingApi: the billing review's findings under /api/v1 (DESIGN B4). Same conventions as
// RecordsApi: another organisation's account or finding is a 404 (looked up before the body is
// read), lists answer {"items":[...]}.
//
//   GET   /api/v1/accounts/{id}/billing/findings?type=a,b&status=open,disputed
//         the account's findings (by type, then number), each in the form of
//         src/domain/billing/README.md ("JSON") with its id, account_id, evidence and
//         status_changed_at; an unknown type or status is 422 naming the parameter.
//   GET   /api/v1/billing/findings/{id}
//   PATCH /api/v1/billing/findings/{id}   {"status": "disputed", "note": "claim 4471"}
//         the same moves as the account page: open -> disputed | rejected; disputed ->
//         credited | rejected | open; credited | rejected -> open. Another move is 409 naming
//         the allowed ones. Without "note" the stored note stays.
//   GET   /api/v1/accounts/{id}/billing/report
//         the account's summary: what is still to be won (open and disputed findings), the
//         findings per status, the latest review, the customer report's addresses.
#pragma once

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "domain/billing/billing_service.hpp"
#include "http/api/api_call.hpp"

namespace hover::http {

class BillingApi {
public:
    explicit BillingApi(billing::BillingService& billing) : billing_(billing) {}

    Result<Response> list_findings(const ApiCall& call);   // GET /accounts/{id}/billing/findings
    Result<Response> get_finding(const ApiCall& call);     // GET /billing/findings/{id}
    Result<Response> update_finding(const ApiCall& call);  // PATCH /billing/findings/{id}
    Result<Response> report(const ApiCall& call);          // GET /accounts/{id}/billing/report

private:
    billing::BillingService& billing_;
};

}  // namespace hover::http

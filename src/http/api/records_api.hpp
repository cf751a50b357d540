// File: http/api/records_api.hpp
//
// RecordsApi: the JSON handlers of the records module under /api/v1 (DESIGN P3 over R1-R8).
// Each handler parses the request, calls RecordService (which scopes everything to the
// caller's organisation) and renders JSON with io/json/records_json.hpp. The URLs are in
// routes.cpp.
//
// Conventions:
//   - a row of another organisation is a 404, exactly like a missing row; a nested route
//     (/accounts/{id}/sites) first looks its parent up, so a foreign parent is a 404 too;
//   - POST answers 201 with the created record (and a Location when it has its own URL);
//     for a nested collection the parent id comes from the path and overrides the body;
//   - PATCH reads only the fields present in the body onto the stored record;
//   - lists answer {"items":[...]}; paged lists add "page", "per_page" and "total".
#pragma once

#include "core/result.hpp"
#include "domain/records/record_service.hpp"
#include "http/api/api_call.hpp"

namespace hover::http {

class RecordsApi {
public:
    explicit RecordsApi(records::RecordService& records) : records_(records) {}

    // GET /api/v1/accounts?status=&region=&technician_id=&q=&page=&per_page=
    Result<Response> list_accounts(const ApiCall& call);
    Result<Response> create_account(const ApiCall& call);
    Result<Response> get_account(const ApiCall& call);
    Result<Response> update_account(const ApiCall& call);
    Result<Response> account_overview(const ApiCall& call);

    Result<Response> list_sites(const ApiCall& call);  // of the account {id}
    Result<Response> create_site(const ApiCall& call);
    Result<Response> get_site(const ApiCall& call);
    Result<Response> update_site(const ApiCall& call);

    Result<Response> list_assets_of_site(const ApiCall& call);
    Result<Response> list_assets_of_account(const ApiCall& call);
    Result<Response> create_asset(const ApiCall& call);  // at the site {id}
    Result<Response> get_asset(const ApiCall& call);
    Result<Response> update_asset(const ApiCall& call);

    Result<Response> list_lines_of_site(const ApiCall& call);
    Result<Response> list_lines_of_account(const ApiCall& call);
    Result<Response> create_line(const ApiCall& call);  // at the site {id}
    Result<Response> get_line(const ApiCall& call);
    Result<Response> update_line(const ApiCall& call);

    // GET /api/v1/contacts?account_id=&page=&per_page=
    Result<Response> list_contacts(const ApiCall& call);
    Result<Response> list_contacts_of_account(const ApiCall& call);
    Result<Response> create_contact(const ApiCall& call);
    Result<Response> get_contact(const ApiCall& call);
    Result<Response> update_contact(const ApiCall& call);

    Result<Response> list_interactions(const ApiCall& call);  // newest first, paged
    Result<Response> log_interaction(const ApiCall& call);
    Result<Response> get_interaction(const ApiCall& call);

    Result<Response> list_notes(const ApiCall& call);
    Result<Response> add_note(const ApiCall& call);

    // GET /api/v1/search?q=&limit=
    Result<Response> search(const ApiCall& call);
    Result<Response> list_users(const ApiCall& call);

private:
    records::RecordService& records_;
};

}  // namespace hover::http

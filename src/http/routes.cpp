#include "http/routes.hpp"

#include <memory>

#include "app/app.hpp"
#include "core/log.hpp"
#include "http/api/api_call.hpp"
#include "http/api/records_api.hpp"
#include "http/api/system_api.hpp"

namespace hover::http {
namespace {

Response to_response(Result<Response> result, const Request& request) {
    if (result) {
        return std::move(result).value();
    }
    const Error& error = result.error();
    if (error_policy(error.code).http_status >= 500) {
        log_error(error, request.request_id);
    }
    return error_response(error, request.request_id);
}

// Adapts a JSON API handler to the router: fills the RequestContext (the one place that decides
// who the request acts for), refuses bodies that are not JSON (415), and turns an Error into
// the API error shape.
class ApiAdapter {
public:
    ApiAdapter(std::shared_ptr<RecordsApi> records, ContextResolver resolve_context)
        : records_(std::move(records)), resolve_context_(std::move(resolve_context)) {}

    using RecordsHandler = Result<Response> (RecordsApi::*)(const ApiCall&);

    Handler operator()(RecordsHandler handler) const {
        return [records = records_, resolve = resolve_context_, handler](
                   const Request& request, const PathParams& params) -> Response {
            auto context = resolve(request);
            if (!context) {
                return to_response(std::move(context).error(), request);
            }
            bool has_body = request.method == Method::kPost || request.method == Method::kPatch ||
                            request.method == Method::kPut;
            if (has_body && !is_json_content_type(request.header("Content-Type"))) {
                Response response = error_response(
                    415, "unsupported_media_type",
                    "Send the request body as JSON, with Content-Type: application/json.",
                    request.request_id);
                response.log_org = std::to_string(context->actor.org_id.value);
                return response;
            }
            ApiCall call{request, params, *context};
            Response response = to_response(((*records).*handler)(call), request);
            response.log_org = std::to_string(context->actor.org_id.value);
            return response;
        };
    }

private:
    std::shared_ptr<RecordsApi> records_;
    ContextResolver resolve_context_;
};

}  // namespace

// REQ: P3 (REST API under /api/v1), P6 (/healthz)
Router build_router(App& app, ContextResolver resolve_context) {
    Router r;
    ApiAdapter api(std::make_shared<RecordsApi>(app.records()), std::move(resolve_context));
    using A = RecordsApi;
    using enum Method;

    r.add(kGet, "/healthz", [&app](const Request& request, const PathParams&) {
        return to_response(healthz(app.database()), request);
    });

    r.add(kGet, "/api/v1/accounts", api(&A::list_accounts));
    r.add(kPost, "/api/v1/accounts", api(&A::create_account));
    r.add(kGet, "/api/v1/accounts/{id}", api(&A::get_account));
    r.add(kPatch, "/api/v1/accounts/{id}", api(&A::update_account));
    r.add(kGet, "/api/v1/accounts/{id}/overview", api(&A::account_overview));
    r.add(kGet, "/api/v1/accounts/{id}/sites", api(&A::list_sites));
    r.add(kPost, "/api/v1/accounts/{id}/sites", api(&A::create_site));
    r.add(kGet, "/api/v1/accounts/{id}/assets", api(&A::list_assets_of_account));
    r.add(kGet, "/api/v1/accounts/{id}/lines", api(&A::list_lines_of_account));
    r.add(kGet, "/api/v1/accounts/{id}/contacts", api(&A::list_contacts_of_account));
    r.add(kGet, "/api/v1/accounts/{id}/interactions", api(&A::list_interactions));
    r.add(kPost, "/api/v1/accounts/{id}/interactions", api(&A::log_interaction));
    r.add(kGet, "/api/v1/accounts/{id}/notes", api(&A::list_notes));
    r.add(kPost, "/api/v1/accounts/{id}/notes", api(&A::add_note));

    r.add(kGet, "/api/v1/sites/{id}", api(&A::get_site));
    r.add(kPatch, "/api/v1/sites/{id}", api(&A::update_site));
    r.add(kGet, "/api/v1/sites/{id}/assets", api(&A::list_assets_of_site));
    r.add(kPost, "/api/v1/sites/{id}/assets", api(&A::create_asset));
    r.add(kGet, "/api/v1/sites/{id}/lines", api(&A::list_lines_of_site));
    r.add(kPost, "/api/v1/sites/{id}/lines", api(&A::create_line));

    r.add(kGet, "/api/v1/assets/{id}", api(&A::get_asset));
    r.add(kPatch, "/api/v1/assets/{id}", api(&A::update_asset));
    r.add(kGet, "/api/v1/lines/{id}", api(&A::get_line));
    r.add(kPatch, "/api/v1/lines/{id}", api(&A::update_line));

    r.add(kGet, "/api/v1/contacts", api(&A::list_contacts));
    r.add(kPost, "/api/v1/contacts", api(&A::create_contact));
    r.add(kGet, "/api/v1/contacts/{id}", api(&A::get_contact));
    r.add(kPatch, "/api/v1/contacts/{id}", api(&A::update_contact));

    r.add(kGet, "/api/v1/interactions/{id}", api(&A::get_interaction));
    r.add(kGet, "/api/v1/search", api(&A::search));
    r.add(kGet, "/api/v1/users", api(&A::list_users));
    return r;
}

}  // namespace hover::http

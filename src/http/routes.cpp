#include "http/routes.hpp"

#include <memory>

#include "app/app.hpp"
#include "core/log.hpp"
#include "http/api/agenda_api.hpp"
#include "http/api/api_call.hpp"
#include "http/api/billing_api.hpp"
#include "http/api/calendar_api.hpp"
#include "http/api/followups_api.hpp"
#include "http/api/records_api.hpp"
#include "http/api/system_api.hpp"
#include "http/multipart.hpp"
#include "http/pages/html.hpp"
#include "http/pages/pages.hpp"

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

    Handler operator()(RecordsHandler handler) const { return (*this)(records_, handler); }

    // Any other module's API object (FollowupsApi, ...), with the same checks.
    template <typename Api>
    Handler operator()(std::shared_ptr<Api> target,
                       Result<Response> (Api::*handler)(const ApiCall&)) const {
        return [records = std::move(target), resolve = resolve_context_, handler](
                   const Request& request, const PathParams& params) -> Response {
            auto context = resolve(request);
            if (!context) {
                Response response = to_response(std::move(context).error(), request);
                if (response.status == 401) {
                    response.headers.set("WWW-Authenticate", "Bearer realm=\"hover\"");
                }
                return response;
            }
            // A browser session must prove the request comes from our own pages.
            if (changes_state(request.method) &&
                !csrf_matches(*context, request.header("X-CSRF-Token").value_or(""))) {
                Response response = error_response(
                    403, "csrf_failed",
                    "This request lacks the page's CSRF token (header X-CSRF-Token). Reload "
                    "the page and try again; scripts should use an API token.",
                    request.request_id);
                response.log_org = std::to_string(context->actor.org_id.value);
                response.log_user = std::to_string(context->actor.user_id.value);
                return response;
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
            response.log_user = std::to_string(context->actor.user_id.value);
            return response;
        };
    }

private:
    std::shared_ptr<RecordsApi> records_;
    ContextResolver resolve_context_;
};

// `content_type` is `expected` (lower case), ignoring case, optionally followed by parameters.
bool is_content_type(std::optional<std::string_view> content_type, std::string_view expected) {
    if (!content_type) {
        return false;
    }
    std::string_view value = *content_type;
    if (value.size() < expected.size()) {
        return false;
    }
    for (std::size_t i = 0; i < expected.size(); ++i) {
        char c = value[i];
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
        if (c != expected[i]) {
            return false;
        }
    }
    return value.size() == expected.size() || value[expected.size()] == ';';
}

bool is_form_content_type(std::optional<std::string_view> content_type) {
    return is_content_type(content_type, "application/x-www-form-urlencoded");
}

bool is_multipart_content_type(std::optional<std::string_view> content_type) {
    return is_content_type(content_type, "multipart/form-data");
}

// Adapts a page handler: resolves the session (a visitor who is not signed in goes to the
// sign-in page, and comes back afterwards), refuses a POST without the session's CSRF token or
// with a body that is not a form, and shows an Error as an error page.
class PageAdapter {
public:
    PageAdapter(std::shared_ptr<pages::Pages> pages, ContextResolver resolve_context)
        : pages_(std::move(pages)), resolve_context_(std::move(resolve_context)) {}

    using PageHandler = Result<Response> (pages::Pages::*)(const pages::PageCall&);

    Handler operator()(PageHandler handler) const {
        return [pages = pages_, resolve = resolve_context_, handler](
                   const Request& request, const PathParams& params) -> Response {
            auto context = resolve(request);
            if (!context) {
                if (context.error().code == ErrorCode::kUnauthenticated) {
                    std::string next = request.method == Method::kGet ? request.path : "/";
                    Response response = pages::redirect("/login?next=" + percent_encode(next));
                    // An expired session cookie is dropped, so the browser stops sending it.
                    if (cookie_value(request, kSessionCookie)) {
                        response.headers.add("Set-Cookie",
                                             set_cookie(kSessionCookie, "", is_tls(request), 0));
                    }
                    return response;
                }
                return pages::error_page(context.error(), nullptr, request.request_id);
            }
            QueryParams form;
            std::vector<MultipartPart> parts;
            if (changes_state(request.method)) {
                auto content_type = request.header("Content-Type");
                if (is_multipart_content_type(content_type)) {
                    // An upload: the plain fields (csrf_token among them) become the form; the
                    // handler finds the files in the parts.
                    auto boundary = multipart_boundary(*content_type);
                    if (!boundary) {
                        return pages::error_page(boundary.error(), &*context, request.request_id);
                    }
                    auto parsed = parse_multipart(request.body, *boundary);
                    if (!parsed) {
                        return pages::error_page(parsed.error(), &*context, request.request_id);
                    }
                    parts = std::move(parsed).value();
                    for (const auto& part : parts) {
                        if (!part.is_file) {
                            form.emplace_back(part.name, std::string(part.body));
                        }
                    }
                } else if (is_form_content_type(content_type)) {
                    form = parse_query_string(request.body);
                } else {
                    return pages::error_page(
                        Error{ErrorCode::kInvalidInput, "This page takes a form post."}, &*context,
                        request.request_id);
                }
                std::string presented = pages::form_value(form, "csrf_token");
                if (presented.empty()) {
                    presented = std::string(request.header("X-CSRF-Token").value_or(""));
                }
                if (!csrf_matches(*context, presented)) {
                    Error error{ErrorCode::kPermissionDenied,
                                "This form has expired or did not come from Hover. Go back, "
                                "reload the page and send it again."};
                    Response response = pages::error_page(error, &*context, request.request_id);
                    response.log_org = std::to_string(context->actor.org_id.value);
                    response.log_user = std::to_string(context->actor.user_id.value);
                    return response;
                }
            }
            pages::PageCall call{request, params, *context, form, &parts};
            auto result = ((*pages).*handler)(call);
            Response response =
                result ? std::move(result).value()
                       : pages::error_page(result.error(), &*context, request.request_id);
            response.log_org = std::to_string(context->actor.org_id.value);
            response.log_user = std::to_string(context->actor.user_id.value);
            return response;
        };
    }

private:
    std::shared_ptr<pages::Pages> pages_;
    ContextResolver resolve_context_;
};

}  // namespace

// REQ: P3 (REST API under /api/v1), P6 (/healthz)
Router build_router(App& app,
                    ContextResolver resolve_context,
                    const Metrics* metrics,
                    pages::PageOptions page_options) {
    Router r;
    ApiAdapter api(std::make_shared<RecordsApi>(app.records()), resolve_context);
    auto pages = std::make_shared<pages::Pages>(app, page_options);
    PageAdapter page(pages, resolve_context);
    using A = RecordsApi;
    using P = pages::Pages;
    using enum Method;

    // ---- Public: health, metrics, assets, the API description, sign-in
    r.add(kGet, "/healthz", [&app](const Request& request, const PathParams&) {
        return to_response(healthz(app.database()), request);
    });
    r.add(kGet, "/metrics", [&app, metrics](const Request&, const PathParams&) {
        Response response;
        response.content_type = "text/plain; version=0.0.4; charset=utf-8";
        response.body = metrics != nullptr ? metrics->render(app.database().pool_stats())
                                           : Metrics{}.render(app.database().pool_stats());
        return response;
    });
    r.add(kGet, "/static/hover.css",
          [](const Request&, const PathParams&) { return *pages::static_file("hover.css"); });
    r.add(kGet, "/static/pico.min.css",
          [](const Request&, const PathParams&) { return *pages::static_file("pico.min.css"); });
    r.add(kGet, "/static/import.js",
          [](const Request&, const PathParams&) { return *pages::static_file("import.js"); });
    r.add(kGet, "/static/htmx.min.js",
          [](const Request&, const PathParams&) { return *pages::static_file("htmx.min.js"); });
    r.add(kGet, "/api/openapi.json", [](const Request&, const PathParams&) {
        Response response;
        response.body = std::string(pages::openapi_document());
        return response;
    });
    r.add(kGet, "/login", [pages](const Request& request, const PathParams&) {
        return pages->login_form(request);
    });
    r.add(kPost, "/login",
          [pages](const Request& request, const PathParams&) { return pages->login(request); });
    // The calendar feed (DESIGN F5): the secret in the address is the credential.
    r.add(kGet, "/calendar/{feed:secret}", [&app](const Request& request, const PathParams& p) {
        return calendar_feed_response(app.calendar(), request, p.text("feed"));
    });

    // ---- Pages (signed in)
    r.add(kPost, "/logout", page(&P::logout));
    r.add(kGet, "/", page(&P::home));
    r.add(kGet, "/me", page(&P::me));
    r.add(kPost, "/me/password", page(&P::change_password));
    r.add(kPost, "/me/tokens", page(&P::create_token));
    r.add(kPost, "/me/tokens/{id}/revoke", page(&P::revoke_token));
    r.add(kPost, "/me/calendar-feed", page(&P::create_calendar_feed));
    r.add(kPost, "/me/calendar-feed/revoke", page(&P::revoke_calendar_feed));
    r.add(kGet, "/users", page(&P::users));
    r.add(kPost, "/users", page(&P::add_user));
    r.add(kGet, "/search", page(&P::search));
    r.add(kGet, "/accounts", page(&P::accounts));
    r.add(kPost, "/accounts", page(&P::create_account));
    r.add(kGet, "/accounts/new", page(&P::new_account));
    r.add(kGet, "/accounts/{id}", page(&P::account));
    r.add(kPost, "/accounts/{id}", page(&P::update_account));
    r.add(kGet, "/accounts/{id}/edit", page(&P::edit_account));
    r.add(kGet, "/accounts/{id}/log", page(&P::log_form));
    r.add(kPost, "/accounts/{id}/log", page(&P::log_interaction));
    r.add(kPost, "/accounts/{id}/notes", page(&P::add_note));
    r.add(kGet, "/accounts/{id}/sites/new", page(&P::new_site));
    r.add(kPost, "/accounts/{id}/sites", page(&P::create_site));
    r.add(kGet, "/accounts/{id}/contacts/new", page(&P::new_contact));
    r.add(kPost, "/accounts/{id}/contacts", page(&P::create_contact));
    r.add(kGet, "/sites/{id}/edit", page(&P::edit_site));
    r.add(kPost, "/sites/{id}", page(&P::update_site));
    r.add(kGet, "/sites/{id}/survey", page(&P::site_survey));
    r.add(kPost, "/sites/{id}/survey", page(&P::answer_survey));
    r.add(kGet, "/sites/{id}/assets/new", page(&P::new_asset));
    r.add(kPost, "/sites/{id}/assets", page(&P::create_asset));
    r.add(kGet, "/sites/{id}/lines/new", page(&P::new_line));
    r.add(kPost, "/sites/{id}/lines", page(&P::create_line));
    r.add(kGet, "/contacts/{id}/edit", page(&P::edit_contact));
    r.add(kPost, "/contacts/{id}", page(&P::update_contact));
    r.add(kGet, "/assets/{id}/edit", page(&P::edit_asset));
    r.add(kPost, "/assets/{id}", page(&P::update_asset));
    r.add(kGet, "/lines/{id}/edit", page(&P::edit_line));
    r.add(kPost, "/lines/{id}", page(&P::update_line));
    r.add(kPost, "/findings/{id}/status", page(&P::set_finding_status));
    r.add(kGet, "/accounts/{id}/billing-report", page(&P::billing_report));
    r.add(kGet, "/accounts/{id}/billing-report.pdf", page(&P::billing_report_pdf));
    r.add(kGet, "/accounts/{id}/sites/{site_id}/verify", page(&P::verify_site));
    r.add(kPost, "/accounts/{id}/sites/{site_id}/verify", page(&P::record_verification));
    r.add(kGet, "/accounts/{id}/followups/new", page(&P::new_followup));
    r.add(kPost, "/accounts/{id}/followups", page(&P::create_followup));
    r.add(kGet, "/followups/{id}/close", page(&P::close_followup_form));
    r.add(kPost, "/followups/{id}/close", page(&P::close_followup));
    r.add(kGet, "/hover-gaps", page(&P::hover_gaps));
    r.add(kGet, "/policy", page(&P::org_policy_form));
    r.add(kPost, "/policy", page(&P::save_org_policy));
    r.add(kGet, "/accounts/{id}/policy", page(&P::account_policy_form));
    r.add(kPost, "/accounts/{id}/policy", page(&P::save_account_policy));
    r.add(kGet, "/contacts/{id}/policy", page(&P::contact_policy_form));
    r.add(kPost, "/contacts/{id}/policy", page(&P::save_contact_policy));

    // Import (DESIGN R8): upload, preview, commit
    r.add(kGet, "/import", page(&P::import_form));
    r.add(kPost, "/import/preview", page(&P::import_preview));
    r.add(kPost, "/import/commit", page(&P::import_commit));
    r.add(kGet, "/import/jobs/{job:secret}", page(&P::import_job));

    // ---- The JSON API (DESIGN P3)

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

    // Follow-ups (DESIGN F1)
    auto followups_api = std::make_shared<FollowupsApi>(app.followups(), app.records());
    using F = FollowupsApi;
    r.add(kGet, "/api/v1/accounts/{id}/followups", api(followups_api, &F::list_of_account));
    r.add(kPost, "/api/v1/accounts/{id}/followups", api(followups_api, &F::plan));
    r.add(kGet, "/api/v1/followups", api(followups_api, &F::list_open));
    r.add(kGet, "/api/v1/followups/{id}", api(followups_api, &F::get));
    r.add(kPost, "/api/v1/followups/{id}/close", api(followups_api, &F::close));
    r.add(kGet, "/api/v1/hover-gaps", api(followups_api, &F::hover_gaps));
    r.add(kGet, "/api/v1/policy-overrides", api(followups_api, &F::policy_overrides));
    r.add(kGet, "/api/v1/policy", api(followups_api, &F::get_org_policy));
    r.add(kPut, "/api/v1/policy", api(followups_api, &F::put_org_policy));
    r.add(kGet, "/api/v1/accounts/{id}/policy", api(followups_api, &F::get_account_policy));
    r.add(kPut, "/api/v1/accounts/{id}/policy", api(followups_api, &F::put_account_policy));
    r.add(kGet, "/api/v1/accounts/{id}/policy-check", api(followups_api, &F::check_policy));
    r.add(kGet, "/api/v1/accounts/{id}/stay-in-touch", api(followups_api, &F::stay_in_touch));
    r.add(kGet, "/api/v1/accounts/{id}/knowledge", api(followups_api, &F::knowledge));
    r.add(kGet, "/api/v1/contacts/{id}/policy", api(followups_api, &F::get_contact_policy));
    r.add(kPut, "/api/v1/contacts/{id}/policy", api(followups_api, &F::put_contact_policy));
    r.add(kGet, "/api/v1/contacts/{id}/reachability", api(followups_api, &F::reachability));
    // The user's calendar feed address (DESIGN F5)
    auto calendar_api = std::make_shared<CalendarApi>(app.calendar());
    r.add(kGet, "/api/v1/me/calendar-feed", api(calendar_api, &CalendarApi::get));
    r.add(kPost, "/api/v1/me/calendar-feed", api(calendar_api, &CalendarApi::create));
    r.add(kDelete, "/api/v1/me/calendar-feed", api(calendar_api, &CalendarApi::revoke));

    // The billing review's findings (DESIGN B4)
    auto billing_api = std::make_shared<BillingApi>(app.billing());
    using B = BillingApi;
    r.add(kGet, "/api/v1/accounts/{id}/billing/findings", api(billing_api, &B::list_findings));
    r.add(kGet, "/api/v1/accounts/{id}/billing/report", api(billing_api, &B::report));
    r.add(kGet, "/api/v1/billing/findings/{id}", api(billing_api, &B::get_finding));
    r.add(kPatch, "/api/v1/billing/findings/{id}", api(billing_api, &B::update_finding));
    // The daily agenda (DESIGN F4)
    r.add(kGet, "/api/v1/agenda", api(std::make_shared<AgendaApi>(app.agenda()), &AgendaApi::get));

    // Unknown addresses outside the API answer with a page, not JSON.
    r.set_not_found([](const Request& request, const PathParams&) {
        if (request.path.starts_with("/api/")) {
            return error_response(404, "not_found", "There is nothing at this address.",
                                  request.request_id);
        }
        return pages::error_page(Error::not_found("page"), nullptr, request.request_id);
    });
    return r;
}

}  // namespace hover::http

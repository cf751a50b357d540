#include "http/pipeline.hpp"

#include <chrono>
#include <exception>
#include <string>

#include <fmt/format.h>

#include "core/log.hpp"
#include "http/pages/html.hpp"

namespace hover::http {
namespace {

Response internal_error(const Request& request, std::string detail) {
    Error error = Error::internal(std::move(detail));
    log_error(error, request.request_id);
    return error_response(error, request.request_id);
}

}  // namespace

Response handle_request(const Router& router, Request& request, Metrics* metrics) {
    auto started = std::chrono::steady_clock::now();
    request.request_id = choose_request_id(request.header("X-Request-Id"));

    Response response;
    bool import_upload = request.path == kImportUploadPath;
    if (import_upload && request.body.size() > kMaxImportBytes) {
        // The import page's upload: a page that says what to do instead, not a JSON 413.
        response = pages::error_page(
            Error{ErrorCode::kInvalidInput,
                  "This file is larger than 16 MiB, the most the web page takes. Files over "
                  "16 MiB: use `hover import` on the command line (it shows the same preview with "
                  "--dry-run)."},
            nullptr, request.request_id);
        response.status = 413;
    } else if (!import_upload && request.body.size() > kMaxBodyBytes) {
        response = error_response(413, "payload_too_large",
                                  "The request body is too large: the limit is 1 MiB.",
                                  request.request_id);
    } else {
        try {
            response = router.dispatch(request);
        } catch (const std::exception& e) {
            response = internal_error(request, fmt::format("exception: {}", e.what()));
        } catch (...) {
            response = internal_error(request, "unknown exception");
        }
    }
    response.headers.set("X-Request-Id", request.request_id);
    if (!response.headers.get("Content-Security-Policy")) {  // a page may set a stricter one
        response.headers.set("Content-Security-Policy", kContentSecurityPolicy);
    }
    response.headers.set("X-Content-Type-Options", "nosniff");
    response.headers.set("Referrer-Policy", "same-origin");
    response.headers.set("X-Frame-Options", "DENY");
    response.headers.set("Cross-Origin-Opener-Policy", "same-origin");
    if (!response.headers.get("Cache-Control")) {
        response.headers.set("Cache-Control", "no-store");
    }

    auto elapsed =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started);
    std::string status = std::to_string(response.status);
    std::string ms = fmt::format("{:.2f}", elapsed.count());
    // Both arms must be views: `cond ? "literal" : std::string` would make a temporary string.
    std::string_view route = response.log_route.empty() ? std::string_view("unmatched")
                                                        : std::string_view(response.log_route);
    if (metrics != nullptr) {
        metrics->record(method_name(request.method), route, response.status,
                        elapsed.count() / 1000.0);
    }
    log_info("request", {{"method", method_name(request.method)},
                         {"path", response.log_path.empty() ? request.path : response.log_path},
                         {"route", route},
                         {"status", status},
                         {"ms", ms},
                         {"request_id", request.request_id},
                         {"org", response.log_org},
                         {"user", response.log_user}});
    return response;
}

}  // namespace hover::http

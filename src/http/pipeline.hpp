// File: http/pipeline.hpp
//
// What happens to every request whatever its route, in this order:
//   1. the request id: the client's X-Request-Id when sane, else a fresh one;
//   2. bodies over kMaxBodyBytes (the import page's upload: kMaxImportBytes) are refused with 413;
//   3. the router dispatches (404, 405 + Allow, or the handler);
//   4. any exception that escapes becomes a 500 "internal" error whose message says nothing
//      about SQL, paths or stack traces (the detail goes to the log only);
//   5. every response carries X-Request-Id and the security headers (a Content-Security-Policy
//      that allows no inline script or style, nosniff, Referrer-Policy, frame denial), and one
//      logfmt line is written per request:
//      request method=GET path=/api/v1/accounts route=/api/v1/accounts status=200 ms=0.42
//              request_id=... org=1 user=3
//   6. the request is counted in `metrics` (when given) under its route pattern.
// server.cpp converts RESTinio's request into a Request, calls handle_request and sends the
// Response back; everything here is testable without a socket.
#pragma once

#include <cstddef>

#include "http/metrics.hpp"
#include "http/request.hpp"
#include "http/router.hpp"

namespace hover::http {

inline constexpr std::size_t kMaxBodyBytes = std::size_t{1} << 20;  // 1 MiB
// The import page's upload (POST /import/preview) may be larger: a spreadsheet of a few hundred
// thousand contacts.
inline constexpr std::size_t kMaxImportBytes = std::size_t{16} << 20;  // 16 MiB
inline constexpr const char* kImportUploadPath = "/import/preview";

// The Content-Security-Policy of every response: scripts and styles from this origin only.
inline constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'";

Response handle_request(const Router& router, Request& request, Metrics* metrics = nullptr);

}  // namespace hover::http

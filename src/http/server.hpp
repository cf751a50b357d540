// File: http/server.hpp
//
// The HTTP server: RESTinio on a thread pool, TCP_NODELAY on every connection, bound to
// 127.0.0.1:8080 unless told otherwise. serve() blocks until SIGINT/SIGTERM, then stops
// accepting, finishes the requests in flight and returns.
//
// Only server.cpp includes RESTinio (a heavy header); routes live in routes.cpp and handlers in
// api/*.cpp, which see Hover's own http::Request and http::Response.
#pragma once

#include <cstdint>
#include <string>

#include "core/actor.hpp"
#include "core/result.hpp"

namespace hover {
class App;
}

namespace hover::http {

struct ServeOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
    int threads = 2;
};
// Every request acts for the user signed in by its session cookie or API token
// (http/context.hpp: session_resolver).

Result<Ok> serve(App& app, const ServeOptions& options);

}  // namespace hover::http

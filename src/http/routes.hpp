// File: http/routes.hpp
//
// build_router(): THE route table of the server. Every URL Hover answers is listed in that one
// function in routes.cpp, with its method and handler.
#pragma once

#include "http/context.hpp"
#include "http/metrics.hpp"
#include "http/pages/page_options.hpp"
#include "http/router.hpp"

namespace hover {
class App;
}

namespace hover::http {

// `resolve_context` decides who each API request and page acts for (see context.hpp):
// session_resolver() in the server, fixed_actor() in handler tests. /metrics shows `metrics`
// (may be null). The router keeps references to `app` and `metrics`, which must outlive it.
Router build_router(App& app,
                    ContextResolver resolve_context,
                    const Metrics* metrics = nullptr,
                    pages::PageOptions page_options = {});

}  // namespace hover::http

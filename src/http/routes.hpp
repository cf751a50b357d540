// File: http/routes.hpp
//
// build_router(): THE route table of the server. Every URL Hover answers is listed in that one
// function in routes.cpp, with its method and handler.
#pragma once

#include "http/context.hpp"
#include "http/router.hpp"

namespace hover {
class App;
}

namespace hover::http {

// `resolve_context` decides who each API request acts for (see context.hpp). The router keeps
// references to `app`, which must outlive it.
Router build_router(App& app, ContextResolver resolve_context);

}  // namespace hover::http

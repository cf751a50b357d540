// File: http/context.hpp
//
// RequestContext: who a request acts for. Handlers never decide that themselves: they take the
// Actor from the context, which one function fills per request (a ContextResolver). Until
// sign-in (DESIGN P4) arrives, fixed_actor() fills every context with the actor chosen at start
// (`hover serve --org SLUG --as EMAIL`); sign-in replaces that one function with a session or
// API-token lookup that may answer kUnauthenticated.
#pragma once

#include <functional>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "http/request.hpp"

namespace hover::http {

struct RequestContext {
    Actor actor;
};

using ContextResolver = std::function<Result<RequestContext>(const Request&)>;

// Every request acts as `actor`.
inline ContextResolver fixed_actor(Actor actor) {
    return [actor = std::move(actor)](const Request&) -> Result<RequestContext> {
        return RequestContext{actor};
    };
}

}  // namespace hover::http

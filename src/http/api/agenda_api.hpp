// File: http/api/agenda_api.hpp
//
// AgendaApi: GET /api/v1/agenda?user_id=&date=YYYY-MM-DD (DESIGN F4): the ranked agenda of a
// user (default: the caller) for a day (default: today), each item with its reason.
#pragma once

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "domain/agenda/agenda.hpp"
#include "http/api/api_call.hpp"

namespace hover::http {

class AgendaApi {
public:
    explicit AgendaApi(agenda::AgendaService& agenda) : agenda_(agenda) {}
    Result<Response> get(const ApiCall& call);

private:
    agenda::AgendaService& agenda_;
};

// Also used by `hover agenda --json`.
nlohmann::json agenda_json(const agenda::Agenda& agenda);

}  // namespace hover::http

// File: http/api/system_api.hpp
//
// Operational endpoints (DESIGN P6) that act for no organisation.
#pragma once

#include "core/result.hpp"
#include "http/request.hpp"
#include "storage/database.hpp"

namespace hover::http {

// GET /healthz: 200 {"status":"ok","database":"ok"} when a query runs; otherwise 503
// (unavailable) in the API error shape. Never says why beyond "the database": the detail is
// logged.
Result<Response> healthz(storage::Database& database);

}  // namespace hover::http

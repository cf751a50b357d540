#include "http/api/system_api.hpp"

#include "core/log.hpp"
#include "http/api/api_call.hpp"

namespace hover::http {

Result<Response> healthz(storage::Database& database) {
    auto ping = database.ping();
    if (!ping) {
        Error error = std::move(ping).error();
        error.code = ErrorCode::kUnavailable;  // whatever the cause, the service is not usable
        error.user_message = "The database is not available.";
        error.field.clear();
        return error;
    }
    return json_response(200, nlohmann::json{{"status", "ok"}, {"database", "ok"}});
}

}  // namespace hover::http

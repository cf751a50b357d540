// File: core/log.hpp
//
// Structured logging: one line per event, `event key=value key="quoted value"` (logfmt), through
// spdlog to stderr. Values are quoted and escaped when they contain spaces, quotes or newlines,
// so a user's text can never forge a log line.
//
// Example:
//   log_info("request", {{"method", "GET"}, {"path", path}, {"status", "200"}, {"ms", "0.42"}});
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.hpp"

namespace hover {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

using LogField = std::pair<std::string_view, std::string_view>;

void set_log_level(LogLevel level);
void log_event(LogLevel level, std::string_view event, std::initializer_list<LogField> fields);

inline void log_info(std::string_view event, std::initializer_list<LogField> fields = {}) {
    log_event(LogLevel::kInfo, event, fields);
}
inline void log_warn(std::string_view event, std::initializer_list<LogField> fields = {}) {
    log_event(LogLevel::kWarn, event, fields);
}

// Logs an Error with its slug, detail and source position; request_id may be empty.
void log_error(const Error& error, std::string_view request_id = {});

// logfmt quoting of one value (exposed for tests).
std::string logfmt_value(std::string_view value);

}  // namespace hover

#include "core/log.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace hover {
namespace {

spdlog::logger& logger() {
    static auto instance = [] {
        auto l = spdlog::stderr_logger_mt("hover");
        l->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
        return l;
    }();
    return *instance;
}

spdlog::level::level_enum to_spdlog(LogLevel level) {
    switch (level) {
        case LogLevel::kDebug:
            return spdlog::level::debug;
        case LogLevel::kInfo:
            return spdlog::level::info;
        case LogLevel::kWarn:
            return spdlog::level::warn;
        case LogLevel::kError:
            return spdlog::level::err;
    }
    return spdlog::level::info;
}

}  // namespace

std::string logfmt_value(std::string_view value) {
    bool needs_quotes = value.empty();
    for (char c : value) {
        if (c == ' ' || c == '"' || c == '=' || c == '\\' || static_cast<unsigned char>(c) < 0x20) {
            needs_quotes = true;
            break;
        }
    }
    if (!needs_quotes) {
        return std::string(value);
    }
    std::string out = "\"";
    for (char c : value) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += '?';
                } else {
                    out += c;
                }
        }
    }
    out += '"';
    return out;
}

void set_log_level(LogLevel level) {
    logger().set_level(to_spdlog(level));
}

void log_event(LogLevel level, std::string_view event, std::initializer_list<LogField> fields) {
    auto& l = logger();
    auto spd = to_spdlog(level);
    if (!l.should_log(spd)) {
        return;
    }
    std::string line(event);
    for (const auto& [key, value] : fields) {
        line += ' ';
        line += key;
        line += '=';
        line += logfmt_value(value);
    }
    l.log(spd, line);
}

void log_error(const Error& error, std::string_view request_id) {
    const auto& policy = error_policy(error.code);
    std::string where = std::string(error.file) + ":" + std::to_string(error.line);
    log_event(policy.http_status >= 500 ? LogLevel::kError : LogLevel::kWarn, "error",
              {{"code", policy.slug},
               {"request_id", request_id},
               {"field", error.field},
               {"message", error.user_message},
               {"detail", error.detail},
               {"at", where}});
}

}  // namespace hover

#include "http/metrics.hpp"

#include <fmt/format.h>

namespace hover::http {
namespace {

// Label values escape backslash, double quote and newline.
std::string label(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c == '\\' || c == '"') {
            out.push_back('\\');
            out.push_back(c);
        } else if (c == '\n') {
            out.append("\\n");
        } else {
            out.push_back(c);
        }
    }
    return out;
}

}  // namespace

void Metrics::record(std::string_view method, std::string_view route, int status, double seconds) {
    std::lock_guard lock(mutex_);
    auto it = series_.find(std::tuple(method, route, status));
    if (it == series_.end()) {
        it = series_.emplace(Key{std::string(method), std::string(route), status}, Series{}).first;
    }
    Series& s = it->second;
    ++s.count;
    s.sum += seconds;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) {
            ++s.buckets[i];
            break;
        }
    }
}

std::string Metrics::render(const storage::Database::PoolStats& pool) const {
    std::string out;
    auto to = std::back_inserter(out);
    std::lock_guard lock(mutex_);
    out.append("# HELP hover_http_requests_total HTTP requests answered, by route and status.\n");
    out.append("# TYPE hover_http_requests_total counter\n");
    for (const auto& [key, s] : series_) {
        const auto& [method, route, status] = key;
        fmt::format_to(to,
                       "hover_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                       label(method), label(route), status, s.count);
    }
    out.append(
        "# HELP hover_http_request_duration_seconds Time from request to response, by route.\n");
    out.append("# TYPE hover_http_request_duration_seconds histogram\n");
    // The histogram is per method and route (all statuses together).
    std::map<std::pair<std::string, std::string>, Series> by_route;
    for (const auto& [key, s] : series_) {
        Series& total = by_route[{std::get<0>(key), std::get<1>(key)}];
        total.count += s.count;
        total.sum += s.sum;
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            total.buckets[i] += s.buckets[i];
        }
    }
    for (const auto& [key, s] : by_route) {
        std::string labels =
            fmt::format("method=\"{}\",route=\"{}\"", label(key.first), label(key.second));
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            cumulative += s.buckets[i];
            fmt::format_to(to, "hover_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                           labels, kBuckets[i], cumulative);
        }
        fmt::format_to(to, "hover_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                       labels, s.count);
        fmt::format_to(to, "hover_http_request_duration_seconds_sum{{{}}} {:.6f}\n", labels, s.sum);
        fmt::format_to(to, "hover_http_request_duration_seconds_count{{{}}} {}\n", labels, s.count);
    }
    out.append("# HELP hover_db_pool_sessions Database sessions in the pool.\n");
    out.append("# TYPE hover_db_pool_sessions gauge\n");
    fmt::format_to(to, "hover_db_pool_sessions {}\n", pool.size);
    out.append("# HELP hover_db_pool_in_use Database sessions lent out right now.\n");
    out.append("# TYPE hover_db_pool_in_use gauge\n");
    fmt::format_to(to, "hover_db_pool_in_use {}\n", pool.in_use);
    out.append("# HELP hover_db_pool_waits_total Times a request waited for a free session.\n");
    out.append("# TYPE hover_db_pool_waits_total counter\n");
    fmt::format_to(to, "hover_db_pool_waits_total {}\n", pool.waits_total);
    return out;
}

}  // namespace hover::http

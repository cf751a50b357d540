// File: http/metrics.hpp
//
// Metrics: what /metrics shows in the Prometheus text format (DESIGN P6). The pipeline records
// every request by method, route pattern (not the raw path, so ids do not explode the series)
// and status; the database pool is read when the page is rendered.
//
//   hover_http_requests_total{method="GET",route="/api/v1/accounts/{id}",status="200"} 42
//   hover_http_request_duration_seconds_bucket{method="GET",route="...",le="0.005"} 40
//   hover_db_pool_sessions 4   hover_db_pool_in_use 1   hover_db_pool_waits_total 0
//
// Thread-safe; recording takes one short lock.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

#include "storage/database.hpp"

namespace hover::http {

class Metrics {
public:
    // Upper bounds of the latency histogram, in seconds.
    static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                     0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

    // `route` is the matched pattern, or "unmatched".
    void record(std::string_view method, std::string_view route, int status, double seconds);

    // The text exposition format (version 0.0.4), with the pool's figures.
    std::string render(const storage::Database::PoolStats& pool) const;

private:
    struct Series {
        std::uint64_t count = 0;
        double sum = 0;
        std::array<std::uint64_t, kBuckets.size()> buckets{};  // not cumulative
    };
    using Key = std::tuple<std::string, std::string, int>;  // method, route, status

    mutable std::mutex mutex_;
    std::map<Key, Series, std::less<>> series_;
};

}  // namespace hover::http

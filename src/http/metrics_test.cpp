#include "http/metrics.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace hover::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// REQ: P6
TEST(Metrics, CountsRequestsByRouteAndStatusWithCumulativeBuckets) {
    Metrics metrics;
    metrics.record("GET", "/api/v1/accounts/{id}", 200, 0.0004);
    metrics.record("GET", "/api/v1/accounts/{id}", 200, 0.003);
    metrics.record("GET", "/api/v1/accounts/{id}", 404, 0.2);
    metrics.record("POST", "/login", 303, 0.05);
    std::string text = metrics.render({.size = 4, .in_use = 1, .waits_total = 7});
    EXPECT_THAT(text, HasSubstr("# TYPE hover_http_requests_total counter\n"));
    EXPECT_THAT(text, HasSubstr("hover_http_requests_total{method=\"GET\",route=\"/api/v1/"
                                "accounts/{id}\",status=\"200\"} 2\n"));
    EXPECT_THAT(text, HasSubstr("hover_http_requests_total{method=\"GET\",route=\"/api/v1/"
                                "accounts/{id}\",status=\"404\"} 1\n"));
    const std::string labels = "method=\"GET\",route=\"/api/v1/accounts/{id}\"";
    EXPECT_THAT(text, HasSubstr("hover_http_request_duration_seconds_bucket{" + labels +
                                ",le=\"0.0005\"} 1\n"));
    EXPECT_THAT(text, HasSubstr("hover_http_request_duration_seconds_bucket{" + labels +
                                ",le=\"0.005\"} 2\n"));
    EXPECT_THAT(text, HasSubstr("hover_http_request_duration_seconds_bucket{" + labels +
                                ",le=\"0.25\"} 3\n"));
    EXPECT_THAT(text, HasSubstr("hover_http_request_duration_seconds_bucket{" + labels +
                                ",le=\"+Inf\"} 3\n"));
    EXPECT_THAT(text, HasSubstr("hover_http_request_duration_seconds_count{" + labels + "} 3\n"));
    EXPECT_THAT(text, HasSubstr("hover_db_pool_sessions 4\n"));
    EXPECT_THAT(text, HasSubstr("hover_db_pool_in_use 1\n"));
    EXPECT_THAT(text, HasSubstr("hover_db_pool_waits_total 7\n"));
}

// REQ: P6
TEST(Metrics, EscapesLabelValues) {
    Metrics metrics;
    metrics.record("GET", "a\"b\\c\nd", 200, 0.001);
    std::string text = metrics.render({});
    EXPECT_THAT(text, HasSubstr("route=\"a\\\"b\\\\c\\nd\""));
    EXPECT_THAT(text, Not(HasSubstr("a\"b")));
}

}  // namespace
}  // namespace hover::http

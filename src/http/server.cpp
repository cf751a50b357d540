// The only file that includes RESTinio (STACK.md pitfall 11): it converts RESTinio's request into
// http::Request, runs the pipeline (pipeline.cpp) and sends the http::Response back.
#include "http/server.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <exception>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <restinio/all.hpp>

#include "app/app.hpp"
#include "core/log.hpp"
#include "http/context.hpp"
#include "http/pipeline.hpp"
#include "http/request.hpp"
#include "http/routes.hpp"

namespace hover::http {
namespace {

using Traits = restinio::default_traits_t;
namespace asio = restinio::asio_ns;

// RESTinio closes the connection without an answer when a body exceeds its own limit, so its
// limit sits above ours: bodies up to this size get a proper 413 from the pipeline, larger ones
// (which no client of this API sends) are cut off without reading them into memory.
constexpr std::uint64_t kHardBodyLimit = kMaxImportBytes + kMaxBodyBytes;

// How long a shutdown waits for requests in flight to be answered.
constexpr auto kDrainTimeout = std::chrono::seconds(10);

Request to_request(const restinio::request_t& in) {
    Request out;
    const auto& header = in.header();
    out.method = parse_method(header.method().c_str());
    out.path = std::string(header.path());
    out.query = parse_query_string(std::string_view(header.query().data(), header.query().size()));
    header.for_each_field([&out](const restinio::http_header_field_t& field) {
        out.headers.add(field.name(), field.value());
    });
    out.body = in.body();
    const auto& remote = in.remote_endpoint();
    out.peer = remote.address().to_string();
    return out;
}

std::string describe(std::exception_ptr ex) {
    try {
        std::rethrow_exception(ex);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "unknown error";
    }
}

}  // namespace

Result<Ok> serve(App& app, const ServeOptions& options) {
    if (options.threads < 1) {
        return Error::invalid("threads", "The server needs at least one thread.");
    }
    Metrics metrics;
    const Router router = build_router(app, session_resolver(app.auth()), &metrics);
    std::atomic<int> in_flight{0};
    std::atomic<bool> stopping{false};

    auto handler = [&router, &metrics, &in_flight, &stopping](restinio::request_handle_t req) {
        ++in_flight;
        bool answered = false;
        try {
            Request request = to_request(*req);
            Response response = handle_request(router, request, &metrics);
            auto builder = req->create_response(restinio::http_status_line_t{
                restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
                std::string(reason_phrase(response.status))});
            if (!response.content_type.empty()) {
                builder.append_header(restinio::http_field::content_type, response.content_type);
            }
            for (const auto& [name, value] : response.headers.fields()) {
                builder.append_header(name, value);
            }
            if (stopping.load()) {
                // Shutting down: answer, then close, so keep-alive clients move on.
                builder.connection_close();
            }
            builder.set_body(std::move(response.body));
            answered = true;
            builder.done([&in_flight](const asio::error_code&) { --in_flight; });
        } catch (const std::exception& e) {
            log_error(Error::internal(std::string("server: ") + e.what()));
            if (!answered) {
                --in_flight;
                return restinio::request_rejected();
            }
        }
        return restinio::request_accepted();
    };

    asio::io_context io_context;
    restinio::http_server_t<Traits> server{
        restinio::external_io_context(io_context),
        restinio::server_settings_t<Traits>{}
            .address(options.host)
            .port(options.port)
            .request_handler(std::move(handler))
            // STACK.md pitfall 2: without TCP_NODELAY, keep-alive responses stall for 40 ms.
            .socket_options_setter([](restinio::socket_options_t& socket) {
                socket.set_option(asio::ip::tcp::no_delay{true});
            })
            .incoming_http_msg_limits(
                restinio::incoming_http_msg_limits_t{}.max_body_size(kHardBodyLimit))};

    std::exception_ptr failure;
    std::string listen = options.host + ":" + std::to_string(options.port);

    // Shutdown: stop accepting, answer the requests in flight (and any that arrive meanwhile on
    // open connections) with Connection: close, then stop the loop once none is left or after
    // kDrainTimeout. Idle keep-alive connections are simply closed.
    asio::steady_timer drain_timer{io_context};
    auto deadline = std::chrono::steady_clock::now();
    std::function<void()> drain = [&] {
        if (in_flight.load() == 0 || std::chrono::steady_clock::now() >= deadline) {
            io_context.stop();
            return;
        }
        drain_timer.expires_after(std::chrono::milliseconds(10));
        drain_timer.async_wait([&](const asio::error_code&) { drain(); });
    };

    asio::signal_set signals{io_context, SIGINT, SIGTERM};
    signals.async_wait([&](const asio::error_code& ec, int signal_number) {
        if (ec) {
            return;
        }
        std::string signal_name = signal_number == SIGINT ? "SIGINT" : "SIGTERM";
        log_info("stopping", {{"signal", signal_name}});
        stopping.store(true);
        server.close_async(
            [&] {
                deadline = std::chrono::steady_clock::now() + kDrainTimeout;
                drain();
            },
            [&](std::exception_ptr ex) {
                failure = ex;
                io_context.stop();
            });
    });

    server.open_async(
        [&] {
            std::string threads = std::to_string(options.threads);
            log_info("listening", {{"address", listen}, {"threads", threads}});
        },
        [&](std::exception_ptr ex) {
            failure = ex;
            io_context.stop();
        });

    std::vector<std::thread> workers;
    for (int i = 1; i < options.threads; ++i) {
        workers.emplace_back([&io_context] { io_context.run(); });
    }
    io_context.run();
    for (auto& worker : workers) {
        worker.join();
    }

    if (failure) {
        Error error;
        error.code = ErrorCode::kUnavailable;
        error.user_message = "Cannot serve on " + listen + ": " + describe(failure) + ".";
        error.detail = "restinio: " + describe(failure);
        return error;
    }
    log_info("stopped");
    return Ok{};
}

}  // namespace hover::http

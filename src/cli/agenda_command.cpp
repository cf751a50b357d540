// `hover agenda`: the day's ranked agenda (DESIGN F4), as text or JSON.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <vector>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "http/api/agenda_api.hpp"

namespace hover::cli {

Result<Ok> run_agenda(const GlobalOptions& global,
                      const AgendaOptions& options,
                      std::ostream& out) {
    std::optional<Date> day;
    if (!options.date.empty()) {
        day = HOVER_TRY(parse_date(options.date, "--date"));
    }
    auto app = HOVER_TRY(open_app(global));
    Actor actor = HOVER_TRY(resolve_actor(*app, global));
    std::optional<UserId> user;
    if (!options.user.empty()) {
        auto users = HOVER_TRY(app->records().list_users(actor));
        for (const auto& u : users) {
            if (u.email == options.user) {
                user = u.id;
            }
        }
        if (!user) {
            return Error::invalid("--user", fmt::format("No user with the email {} in this "
                                                        "organisation.",
                                                        options.user));
        }
    }
    auto agenda = HOVER_TRY(app->agenda().for_user(actor, user, day));
    if (options.timing > 0) {
        // Warm (the run above filled the caches and prepared the statements); each run is
        // the whole computation, reads and ranking, as the home page and the API do it.
        // Wall time, and the process's CPU time (steadier on a shared machine).
        std::vector<double> ms;
        std::vector<double> cpu_ms;
        for (int i = 0; i < options.timing; ++i) {
            std::clock_t cpu_start = std::clock();
            auto start = std::chrono::steady_clock::now();
            auto again = HOVER_TRY(app->agenda().for_user(actor, user, day));
            auto stop = std::chrono::steady_clock::now();
            std::clock_t cpu_stop = std::clock();
            if (again.items.size() != agenda.items.size()) {
                return Error::internal("the agenda changed between two runs");
            }
            ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
            cpu_ms.push_back(1000.0 * static_cast<double>(cpu_stop - cpu_start) / CLOCKS_PER_SEC);
        }
        auto quantile = [](std::vector<double> v, double q) {
            std::sort(v.begin(), v.end());
            auto i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
            return v[std::min(std::max<std::size_t>(i, 1), v.size()) - 1];
        };
        auto median = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            return v.size() % 2 == 1 ? v[v.size() / 2]
                                     : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2.0;
        };
        fmt::print(out,
                   "agenda of {} for {}: {} items; {} runs: median {:.2f} ms, p95 {:.2f} ms, "
                   "min {:.2f} ms, max {:.2f} ms; CPU median {:.2f} ms, p95 {:.2f} ms\n",
                   agenda.user_name, format_date(agenda.day), agenda.items.size(), ms.size(),
                   median(ms), quantile(ms, 0.95), quantile(ms, 0.0), quantile(ms, 1.0),
                   median(cpu_ms), quantile(cpu_ms, 0.95));
        return Ok{};
    }
    if (options.json) {
        out << http::agenda_json(agenda).dump(2) << '\n';
        return Ok{};
    }
    fmt::print(out, "Agenda of {} for {}\n", agenda.user_name, format_date(agenda.day));
    if (agenda.items.empty()) {
        fmt::print(out, "Nothing on the agenda.\n");
        return Ok{};
    }
    int position = 0;
    for (const auto& item : agenda.items) {
        fmt::print(out, "{:>3}. {}\n     why: {}\n", ++position, item.title, item.reason);
    }
    return Ok{};
}

}  // namespace hover::cli

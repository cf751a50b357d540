// `hover agenda`: the day's ranked agenda (DESIGN F4), as text or JSON.
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

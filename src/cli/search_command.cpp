// `hover search QUERY...`: one search over accounts, contacts, sites, assets, lines,
// interactions and notes (R8), by words, serials or phone digits.
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "domain/records/enums.hpp"
#include "io/json/records_json.hpp"

namespace hover::cli {

Result<Ok> run_search(const GlobalOptions& global,
                      const SearchOptions& options,
                      std::ostream& out) {
    std::string query;
    for (const auto& word : options.words) {
        if (!query.empty()) {
            query += ' ';
        }
        query += word;
    }
    if (options.limit < 1 || options.limit > 100) {
        return Error::invalid("--limit", "Ask for between 1 and 100 results.");
    }
    auto app = HOVER_TRY(open_app(global));
    Actor actor = HOVER_TRY(resolve_actor(*app, global));
    auto hits = app->records().search(actor, query, options.limit);
    if (!hits) {
        Error e = std::move(hits).error();
        if (e.field == "q") {
            e.field = "QUERY";
        }
        return e;
    }
    if (options.json) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& hit : *hits) {
            items.push_back(io::to_json(hit));
        }
        nlohmann::json body{{"items", std::move(items)}, {"total", hits->size()}, {"query", query}};
        out << body.dump(2) << '\n';
        return Ok{};
    }
    if (hits->empty()) {
        fmt::print(out, "Nothing found for \"{}\".\n", query);
        return Ok{};
    }
    std::vector<std::size_t> widths{4, 5};
    for (const auto& hit : *hits) {
        widths[0] = std::max(widths[0], to_name(hit.kind).size());
        widths[1] = std::max(widths[1], display_width(hit.title));
    }
    fmt::print(out, "{}  {}  {}  {}\n", pad("KIND", widths[0]), pad("TITLE", widths[1]),
               pad("ACCOUNT", 7), "MATCH");
    for (const auto& hit : *hits) {
        std::string account = hit.account_id ? std::to_string(hit.account_id->value) : "-";
        std::string line = fmt::format("{}  {}  {}  {}", pad(to_name(hit.kind), widths[0]),
                                       pad(hit.title, widths[1]), pad(account, 7), hit.snippet);
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        fmt::print(out, "{}\n", line);
    }
    fmt::print(out, "{} result{}. Open an account with `hover accounts show ID`.\n", hits->size(),
               hits->size() == 1 ? "" : "s");
    return Ok{};
}

}  // namespace hover::cli

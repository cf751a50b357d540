// File: cli/commands.hpp
//
// The commands of the `hover` program (DESIGN P5), as plain functions over option structs. Only
// main.cpp knows CLI11: it fills these structs from the command line, calls one function and
// turns a returned Error into `hover: <message>` on stderr and the exit code of
// error_policy(code). Each function writes its normal output to `out`.
//
// Every command opens the database named by --db, then HOVER_DB, then hover.db (applying
// pending migrations), and acts as the organisation and user chosen by --org and --as
// (RecordService::resolve_actor: both may be empty when there is one organisation).
//
// Example:
//   cli::GlobalOptions global{.db = ":memory:"};
//   HOVER_TRY(cli::run_demo(global, {}, std::cout));
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "core/actor.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace hover::cli {

inline constexpr const char* kVersion = "hover 0.1.0";

struct GlobalOptions {
    std::string db;   // --db URL; empty: HOVER_DB, then hover.db
    std::string org;  // --org SLUG
    std::string as;   // --as EMAIL
    bool verbose = false;
};

// `hover init`: the database, its schema, an organisation and its first admin user.
// kConflict when the slug is taken; kInvalidInput (field "--org-slug", "--admin-email", ...)
// for a bad value.
struct InitOptions {
    std::string org_name = "My company";
    std::string org_slug = "my-company";
    std::string admin_email = "admin@example.com";
    std::string admin_name = "Administrator";
};
Result<Ok> run_init(const GlobalOptions& global, const InitOptions& options, std::ostream& out);

// `hover migrate`: applies pending migrations; prints "schema version N (applied M)".
Result<Ok> run_migrate(const GlobalOptions& global, std::ostream& out);

// `hover demo`: loads the demo data set (app/demo_data.hpp) in one transaction. `as_of` is
// "YYYY-MM-DD" or empty for today. kConflict when the demo organisation exists.
struct DemoCommandOptions {
    std::uint64_t seed = 1;
    std::string as_of;
    int accounts = 30;
};
Result<Ok> run_demo(const GlobalOptions& global,
                    const DemoCommandOptions& options,
                    std::ostream& out);

// `hover accounts list`: a table, or {"items": [...], "total": N, ...} with --json.
struct AccountsListOptions {
    std::string status;  // customer, prospect, former; empty: all
    std::string region;
    std::string technician;  // a user's email
    int page = 1;
    int per_page = 50;
    bool json = false;
};
Result<Ok> run_accounts_list(const GlobalOptions& global,
                             const AccountsListOptions& options,
                             std::ostream& out);

// `hover accounts show ID`: the account overview as readable text, or JSON. kNotFound when the
// organisation has no such account.
struct AccountsShowOptions {
    std::int64_t id = 0;
    bool json = false;
};
Result<Ok> run_accounts_show(const GlobalOptions& global,
                             const AccountsShowOptions& options,
                             std::ostream& out);

// `hover search QUERY...`: the words are joined with spaces; every word must match.
struct SearchOptions {
    std::vector<std::string> words;
    int limit = 20;
    bool json = false;
};
Result<Ok> run_search(const GlobalOptions& global, const SearchOptions& options, std::ostream& out);

// `hover serve`: resolves the actor, prints "Hover is listening on http://HOST:PORT (org SLUG,
// acting as EMAIL)" and serves until SIGINT/SIGTERM.
struct ServeCommandOptions {
    std::string listen = "127.0.0.1:8080";
    int threads = 2;
};
Result<Ok> run_serve(const GlobalOptions& global,
                     const ServeCommandOptions& options,
                     std::ostream& out);

// `hover user ...` (user_command.cpp, DESIGN P4). Passwords are read from standard input, one
// line, without echo on a terminal, never from a flag. The actor (--as, default the first admin)
// must be an admin or a manager to add users or set another user's password.
//
// `hover user add EMAIL --name N --role admin|manager|technician`: reads the password.
struct UserAddOptions {
    std::string email;
    std::string name;
    std::string role = "technician";
};
Result<Ok> run_user_add(const GlobalOptions& global,
                        const UserAddOptions& options,
                        std::istream& in,
                        std::ostream& out);

// `hover user passwd EMAIL`: another user's password is reset (one line: the new password); your
// own is changed (two lines: the current password, then the new one).
Result<Ok> run_user_passwd(const GlobalOptions& global,
                           const std::string& email,
                           std::istream& in,
                           std::ostream& out);

// `hover user list`: email, name, role and whether a password is set.
Result<Ok> run_user_list(const GlobalOptions& global, std::ostream& out);

// `hover user token create EMAIL --name NAME`: prints the secret, once.
Result<Ok> run_user_token_create(const GlobalOptions& global,
                                 const std::string& email,
                                 const std::string& name,
                                 std::ostream& out);
// `hover user token list EMAIL`: id, name, prefix, created, last used; never the secret.
Result<Ok> run_user_token_list(const GlobalOptions& global,
                               const std::string& email,
                               std::ostream& out);
// `hover user token revoke ID`.
Result<Ok> run_user_token_revoke(const GlobalOptions& global, std::int64_t id, std::ostream& out);

// `hover user calendar-feed create|revoke|show EMAIL [--base-url URL]` (DESIGN F5): create prints
// the feed's address once (BASE-URL/calendar/hcal_....ics; the path alone without --base-url) and
// replaces any earlier one; revoke stops it; show prints whether one is active, never its secret.
struct CalendarFeedOptions {
    std::string action;  // create, revoke, show
    std::string email;
    std::string base_url;
};
Result<Ok> run_user_calendar_feed(const GlobalOptions& global,
                                  const CalendarFeedOptions& options,
                                  std::ostream& out);

// `hover import KIND FILE` (dataio_command.cpp, DESIGN R8): KIND is accounts, sites, contacts,
// assets, lines or interactions; FILE is CSV, or vCard for contacts (.vcf, or --format vcard).
// Columns match by header; --mapping NAME loads a saved mapping, --map HEADER=FIELD adjusts it,
// --save-mapping NAME saves the result. --dry-run checks every row and writes nothing. Rows that
// match existing records need --on-duplicate update|skip|create. Prints the columns, the first
// rows, every warning, duplicate and error; any error is kInvalidInput and nothing is written.
struct ImportCommandOptions {
    std::string kind;
    std::string file;
    std::string mapping;
    std::vector<std::string> maps;
    std::string save_mapping;
    bool dry_run = false;
    std::string on_duplicate;
    std::string format;  // csv or vcard; empty: from the file name
};
Result<Ok> run_import(const GlobalOptions& global,
                      const ImportCommandOptions& options,
                      std::ostream& out);

// `hover export KIND [--format csv|vcard] [-o FILE]`: everything `hover import` reads back.
struct ExportCommandOptions {
    std::string kind;
    std::string format = "csv";
    std::string output;  // empty or "-": stdout
};
Result<Ok> run_export(const GlobalOptions& global,
                      const ExportCommandOptions& options,
                      std::ostream& out);

// `hover merge accounts|contacts KEEP DROP [--preview]`: DROP goes into KEEP.
struct MergeCommandOptions {
    std::string kind;
    std::int64_t keep = 0;
    std::int64_t drop = 0;
    bool preview = false;
};
Result<Ok> run_merge(const GlobalOptions& global,
                     const MergeCommandOptions& options,
                     std::ostream& out);
// `hover agenda [--user EMAIL] [--date YYYY-MM-DD] [--json]` (agenda_command.cpp, DESIGN F4):
// the ranked agenda of a user (default: the --as user) for a day (default: today), one line
// per item with its reason. --timing N computes it once to warm up, then N times, and prints
// the item count and the median, p95, min and max times instead of the items.
struct AgendaOptions {
    std::string user;  // email; empty: the acting user
    std::string date;  // YYYY-MM-DD; empty: today
    bool json = false;
    int timing = 0;
};
Result<Ok> run_agenda(const GlobalOptions& global, const AgendaOptions& options, std::ostream& out);

// Shared by the commands (admin_command.cpp).
Result<std::unique_ptr<App>> open_app(const GlobalOptions& global,
                                      storage::Migrate migrate = storage::Migrate::kYes);
Result<Actor> resolve_actor(App& app, const GlobalOptions& global);

// Display width of UTF-8 text (code points; good enough for names and addresses).
std::size_t display_width(std::string_view text);
// `text` padded with spaces to `width` columns.
std::string pad(std::string_view text, std::size_t width);

}  // namespace hover::cli

namespace hover::cli {

// `hover review --bill FILE --verified FILE --cdr FILE [--cdr-layout NAME] [--pdf OUT] [--json]`
// (review_command.cpp, DESIGN B6): the whole billing review from files, without a database.
// Prints a summary (or the JSON of src/domain/billing/README.md with --json), lists unreadable
// rows on stderr by file and line, writes the customer report with --pdf/--html, and shows a
// progress bar on stderr when stderr is a terminal.
struct ReviewCommandOptions {
    std::vector<std::string> bills;
    std::string verified;
    std::vector<std::string> cdrs;
    std::string cdr_layout;
    std::string bill_columns;  // "service_number=TN,amount=Charge"
    std::string bandwidth;
    std::string pdf;
    std::string html;
    std::string customer = "Customer";
    int dispute_window_months = 12;
    int threads = 2;
    bool json = false;
};
Result<Ok> run_review(const ReviewCommandOptions& options, std::ostream& out);

}  // namespace hover::cli

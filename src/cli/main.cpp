// The `hover` program (DESIGN P5). The only file that includes CLI11: it turns the command line
// into the option structs of commands.hpp, runs one command, and decides how the program exits:
//   0   success
//   64  usage error (CLI11's message: unknown command, missing argument, bad number)
//   65+ an Error from the command: `hover: <message>` on stderr and error_policy(code).exit_code
//   70  anything that escaped as an exception (a bug)
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "core/log.hpp"

namespace hover::cli {
namespace {

constexpr int kUsageExit = 64;     // EX_USAGE
constexpr int kSoftwareExit = 70;  // EX_SOFTWARE

int report(const Error& error, bool verbose) {
    if (error.field.empty()) {
        std::cerr << "hover: " << error.user_message << '\n';
    } else {
        std::cerr << "hover: " << error.field << ": " << error.user_message << '\n';
    }
    if (verbose) {
        std::cerr << "hover: detail: " << (error.detail.empty() ? "(none)" : error.detail) << " ["
                  << error_policy(error.code).slug << " at " << error.file << ':' << error.line
                  << "]\n";
    }
    if (error.code == ErrorCode::kInternal) {
        log_error(error);
    }
    return error_policy(error.code).exit_code;
}

int run(int argc, char** argv) {
    CLI::App app{"Hover: know every customer's expectations. Hover, don't smother.", "hover"};
    app.set_version_flag("--version", std::string(kVersion), "Print the version and exit");
    app.require_subcommand(1);
    // Global flags work before and after the subcommand: `hover accounts list --db x.db`.
    app.fallthrough();

    GlobalOptions global;
    app.add_option("--db", global.db,
                   "Database: a SQLite file, :memory: or postgresql://user@host/db "
                   "(default: $HOVER_DB, then hover.db)");
    app.add_option("--org", global.org,
                   "The organisation to act for (its short name; needed when the database "
                   "holds several)");
    app.add_option("--as", global.as, "The user to act as (email; default: the first admin)");
    app.add_flag("--verbose", global.verbose, "Show the details of errors and more logging");

    // init
    InitOptions init_options;
    auto* init = app.add_subcommand(
        "init", "Create the database and an organisation with its first admin user");
    init->add_option("--org-name", init_options.org_name, "The organisation's name")
        ->capture_default_str();
    init->add_option("--org-slug", init_options.org_slug,
                     "Its short name: lower-case letters, digits and dashes")
        ->capture_default_str();
    init->add_option("--admin-email", init_options.admin_email, "The first admin's email")
        ->capture_default_str();
    init->add_option("--admin-name", init_options.admin_name, "The first admin's name")
        ->capture_default_str();

    // migrate
    auto* migrate = app.add_subcommand("migrate", "Apply pending database migrations");

    // demo
    DemoCommandOptions demo_options;
    auto* demo = app.add_subcommand(
        "demo", "Load the demo data: Red Dirt Telecom (org red-dirt) and its customers");
    demo->add_option("--seed", demo_options.seed, "Seed of the demo data (same seed, same data)")
        ->capture_default_str();
    demo->add_option("--as-of", demo_options.as_of,
                     "The demo's \"today\", YYYY-MM-DD (default: today)");
    demo->add_option("--accounts", demo_options.accounts,
                     "Number of accounts; everything else scales with it")
        ->capture_default_str();

    // accounts list | show
    auto* accounts = app.add_subcommand("accounts", "List and show accounts");
    accounts->require_subcommand(1);
    accounts->fallthrough();
    AccountsListOptions list_options;
    auto* list = accounts->add_subcommand("list", "List accounts, by name");
    list->fallthrough();
    list->add_option("--status", list_options.status, "customer, prospect or former");
    list->add_option("--region", list_options.region, "Only this region, e.g. \"OKC metro\"");
    list->add_option("--technician", list_options.technician,
                     "Only the accounts of this technician (email)");
    list->add_option("--page", list_options.page, "Page number")->capture_default_str();
    list->add_option("--per-page", list_options.per_page, "Accounts per page (1-500)")
        ->capture_default_str();
    list->add_flag("--json", list_options.json, "JSON instead of a table");
    AccountsShowOptions show_options;
    auto* show = accounts->add_subcommand(
        "show", "Everything about one account: people, sites, technology, lines, timeline");
    show->fallthrough();
    show->add_option("ID", show_options.id, "The account id (see `hover accounts list`)")
        ->required();
    show->add_flag("--json", show_options.json, "JSON instead of text");

    // search
    SearchOptions search_options;
    auto* search = app.add_subcommand(
        "search", "Search accounts, contacts, sites, technology, lines, timeline and notes");
    search->add_option("QUERY", search_options.words, "Words, a serial or phone digits")
        ->required();
    search->add_option("--limit", search_options.limit, "At most this many results (1-100)")
        ->capture_default_str();
    search->add_flag("--json", search_options.json, "JSON instead of a table");

    // agenda (agenda_command.cpp)
    AgendaOptions agenda_options;
    auto* agenda =
        app.add_subcommand("agenda", "The day's ranked agenda, each item with its reason");
    agenda->add_option("--user", agenda_options.user, "Another user's agenda (email)");
    agenda->add_option("--date", agenda_options.date, "The day, YYYY-MM-DD (default: today)");
    agenda->add_flag("--json", agenda_options.json, "JSON instead of text");
    agenda
        ->add_option("--timing", agenda_options.timing,
                     "Compute the agenda this many times more (after one warm-up) and print "
                     "the median and p95 instead of the items (bench/agenda_bench.sh)")
        ->check(CLI::Range(1, 100000));

    // user add | passwd | list | token create | token list | token revoke
    auto* user = app.add_subcommand(
        "user", "Manage users, passwords and API tokens (passwords are read from stdin)");
    user->require_subcommand(1);
    user->fallthrough();
    UserAddOptions user_add_options;
    auto* user_add = user->add_subcommand(
        "add", "Add a user; the password is read from stdin (one line, no echo on a terminal)");
    user_add->fallthrough();
    user_add->add_option("EMAIL", user_add_options.email, "The new user's email")->required();
    user_add->add_option("--name", user_add_options.name, "The user's name");
    user_add->add_option("--role", user_add_options.role, "admin, manager or technician")
        ->capture_default_str();
    std::string passwd_email;
    auto* user_passwd = user->add_subcommand(
        "passwd", "Set a user's password (yours: the current one first), read from stdin");
    user_passwd->fallthrough();
    user_passwd->add_option("EMAIL", passwd_email, "The user's email")->required();
    auto* user_list = user->add_subcommand("list", "List the users with their roles");
    user_list->fallthrough();
    auto* token = user->add_subcommand("token", "Create, list and revoke API tokens");
    token->require_subcommand(1);
    token->fallthrough();
    std::string token_email;
    std::string token_name;
    auto* token_create =
        token->add_subcommand("create", "Create an API token; its secret is shown once");
    token_create->fallthrough();
    token_create->add_option("EMAIL", token_email, "The token's user")->required();
    token_create->add_option("--name", token_name, "What the token is for, e.g. \"nightly export\"")
        ->required();
    auto* token_list = token->add_subcommand("list", "List a user's API tokens (never secrets)");
    token_list->fallthrough();
    token_list->add_option("EMAIL", token_email, "The tokens' user")->required();
    std::int64_t token_id = 0;
    auto* token_revoke = token->add_subcommand("revoke", "Revoke an API token");
    token_revoke->fallthrough();
    token_revoke->add_option("ID", token_id, "The token id (see `hover user token list`)")
        ->required();
    CalendarFeedOptions feed_options;
    auto* feed = user->add_subcommand(
        "calendar-feed",
        "Create, revoke or show a user's secret calendar feed address (iCalendar)");
    feed->fallthrough();
    feed->add_option("ACTION", feed_options.action, "create, revoke or show")
        ->required()
        ->check(CLI::IsMember({"create", "revoke", "show"}));
    feed->add_option("EMAIL", feed_options.email, "The feed's user")->required();
    feed->add_option("--base-url", feed_options.base_url,
                     "The address Hover is reached at, e.g. https://hover.example.com");

    // serve
    ServeCommandOptions serve_options;
    auto* serve = app.add_subcommand("serve", "Run the web server and the API");
    serve->add_option("--listen", serve_options.listen, "HOST:PORT to listen on")
        ->capture_default_str();
    serve->add_option("--threads", serve_options.threads, "Worker threads")->capture_default_str();

    // review (DESIGN B6): files only, no database
    ReviewCommandOptions review_options;
    auto* review = app.add_subcommand(
        "review", "Billing review from files: the bill against the site and the call records");
    review->add_option("--bill", review_options.bills, "Carrier bill CSV (repeat for months)")
        ->required();
    review->add_option("--verified", review_options.verified,
                       "Verification CSV: number, location, device, test_result, tested_at, "
                       "technician");
    review->add_option("--cdr", review_options.cdrs, "Call detail records (repeatable)");
    review->add_option("--cdr-layout", review_options.cdr_layout,
                       "asterisk-16, asterisk-18, asterisk-21, asterisk-custom or "
                       "freeswitch-example (default: detected)");
    review->add_option("--bill-columns", review_options.bill_columns,
                       "Column mapping, e.g. service_number=TN,amount=Charge (header name or "
                       "1-based position)");
    review->add_option("--bandwidth", review_options.bandwidth,
                       "CSV of measured speeds: service_id,measured_mbps");
    review->add_option("--pdf", review_options.pdf, "Write the customer report as PDF");
    review->add_option("--html", review_options.html, "Write the customer report as HTML");
    review->add_option("--customer", review_options.customer, "Customer name for the report");
    review
        ->add_option("--dispute-window", review_options.dispute_window_months,
                     "Months a refund can be claimed back")
        ->capture_default_str();
    review->add_option("--threads", review_options.threads, "Threads reading the CDRs")
        ->capture_default_str();
    review->add_flag("--json", review_options.json,
                     "Findings as JSON (schema: "
                     "src/domain/billing/README.md)");
    // import | export | merge (dataio_command.cpp)
    ImportCommandOptions import_options;
    auto* import_cmd = app.add_subcommand(
        "import", "Import accounts, sites, contacts, assets, lines or interactions (CSV, vCard)");
    import_cmd
        ->add_option("KIND", import_options.kind,
                     "accounts, sites, contacts, assets, lines or interactions")
        ->required();
    import_cmd->add_option("FILE", import_options.file, "The CSV file (or .vcf for contacts)")
        ->required();
    import_cmd->add_option("--mapping", import_options.mapping, "Use a saved column mapping");
    import_cmd->add_option("--map", import_options.maps,
                           "HEADER=FIELD: import a column into a field (repeatable)");
    import_cmd->add_option("--save-mapping", import_options.save_mapping,
                           "Save the mapping (--mapping and --map) under this name");
    import_cmd->add_flag("--dry-run", import_options.dry_run,
                         "Check every row and show what would happen; write nothing");
    import_cmd->add_option("--on-duplicate", import_options.on_duplicate,
                           "update, skip or create for rows that match existing records");
    import_cmd->add_option("--format", import_options.format, "csv or vcard (default: by name)");
    ExportCommandOptions export_options;
    auto* export_cmd = app.add_subcommand("export", "Export records as CSV (or contacts as vCard)");
    export_cmd
        ->add_option("KIND", export_options.kind,
                     "accounts, sites, contacts, assets, lines or interactions")
        ->required();
    export_cmd->add_option("--format", export_options.format, "csv or vcard")
        ->capture_default_str();
    export_cmd->add_option("-o,--output", export_options.output, "The file (default: stdout)");
    MergeCommandOptions merge_options;
    auto* merge_cmd = app.add_subcommand(
        "merge", "Merge two accounts or two contacts (the second into the first)");
    merge_cmd->add_option("KIND", merge_options.kind, "accounts or contacts")->required();
    merge_cmd->add_option("KEEP", merge_options.keep, "The id to keep")->required();
    merge_cmd->add_option("DROP", merge_options.drop, "The id merged into it, then deleted")
        ->required();
    merge_cmd->add_flag("--preview", merge_options.preview, "Show what would move; change nothing");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // CLI11 reports `hover frobnicate` as a missing subcommand; name the word it did not know.
        std::vector<std::string> unknown = app.remaining();
        if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr && !unknown.empty() &&
            !unknown.front().empty() && unknown.front().front() != '-') {
            std::cerr << "hover: unknown command \"" << unknown.front() << "\".";
        } else {
            std::cerr << "hover: " << e.what();
        }
        std::cerr << "\nRun `hover --help` for the commands and their options.\n";
        return kUsageExit;
    }

    set_log_level(global.verbose    ? LogLevel::kDebug
                  : serve->parsed() ? LogLevel::kInfo
                                    : LogLevel::kWarn);

    std::function<Result<Ok>()> command;
    std::ostream& out = std::cout;
    if (init->parsed()) {
        command = [&] { return run_init(global, init_options, out); };
    } else if (migrate->parsed()) {
        command = [&] { return run_migrate(global, out); };
    } else if (demo->parsed()) {
        command = [&] { return run_demo(global, demo_options, out); };
    } else if (list->parsed()) {
        command = [&] { return run_accounts_list(global, list_options, out); };
    } else if (show->parsed()) {
        command = [&] { return run_accounts_show(global, show_options, out); };
    } else if (search->parsed()) {
        command = [&] { return run_search(global, search_options, out); };
    } else if (user_add->parsed()) {
        command = [&] { return run_user_add(global, user_add_options, std::cin, out); };
    } else if (user_passwd->parsed()) {
        command = [&] { return run_user_passwd(global, passwd_email, std::cin, out); };
    } else if (user_list->parsed()) {
        command = [&] { return run_user_list(global, out); };
    } else if (token_create->parsed()) {
        command = [&] { return run_user_token_create(global, token_email, token_name, out); };
    } else if (token_list->parsed()) {
        command = [&] { return run_user_token_list(global, token_email, out); };
    } else if (token_revoke->parsed()) {
        command = [&] { return run_user_token_revoke(global, token_id, out); };
    } else if (feed->parsed()) {
        command = [&] { return run_user_calendar_feed(global, feed_options, out); };
    } else if (review->parsed()) {
        command = [&] { return run_review(review_options, out); };
    } else if (agenda->parsed()) {
        command = [&] { return run_agenda(global, agenda_options, out); };
    } else if (serve->parsed()) {
        command = [&] { return run_serve(global, serve_options, out); };
    } else if (import_cmd->parsed()) {
        command = [&] { return run_import(global, import_options, out); };
    } else if (export_cmd->parsed()) {
        command = [&] { return run_export(global, export_options, out); };
    } else if (merge_cmd->parsed()) {
        command = [&] { return run_merge(global, merge_options, out); };
    } else {
        std::cerr << "hover: choose a command. Run `hover --help` for the list.\n";
        return kUsageExit;
    }

    Result<Ok> result = command();
    out.flush();
    if (!result) {
        return report(result.error(), global.verbose);
    }
    return 0;
}

}  // namespace
}  // namespace hover::cli

int main(int argc, char** argv) {
    try {
        return hover::cli::run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "hover: internal error: " << e.what()
                  << "\nThis is a bug in Hover; please report it with the command you ran.\n";
        return hover::cli::kSoftwareExit;
    } catch (...) {
        std::cerr << "hover: internal error (unknown exception)\n";
        return hover::cli::kSoftwareExit;
    }
}

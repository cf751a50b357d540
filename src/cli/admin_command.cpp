// `hover init`, `migrate`, `demo` and `serve`, and what the commands share: opening the App from
// --db/HOVER_DB and choosing the actor from --org/--as.
#include <chrono>
#include <cstdint>
#include <string>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "app/demo_data.hpp"
#include "cli/commands.hpp"
#include "domain/dataio/dataio_service.hpp"
#include "http/server.hpp"

namespace hover::cli {
namespace {

// Renames a service field ("slug") to the flag the user typed ("--org-slug").
Error with_flag(Error error, std::string_view field, std::string_view flag) {
    if (error.field == field) {
        error.field = std::string(flag);
    }
    return error;
}

}  // namespace

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (char c : text) {
        // Count every byte that does not continue a UTF-8 sequence.
        if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
            ++width;
        }
    }
    return width;
}

std::string pad(std::string_view text, std::size_t width) {
    std::string out(text);
    for (std::size_t w = display_width(text); w < width; ++w) {
        out += ' ';
    }
    return out;
}

Result<std::unique_ptr<App>> open_app(const GlobalOptions& global, storage::Migrate migrate) {
    storage::DatabaseOptions options;
    options.url = choose_database_url(global.db);
    options.migrate = migrate;
    auto app = App::open(options);
    if (!app) {
        Error e = std::move(app).error();
        if (e.field.empty() || e.field == "url") {
            e.field = "--db";
        }
        return e;
    }
    return app;
}

Result<Actor> resolve_actor(App& app, const GlobalOptions& global) {
    auto actor = app.records().resolve_actor(global.org, global.as);
    if (!actor) {
        Error e = std::move(actor).error();
        e = with_flag(std::move(e), "org", "--org");
        e = with_flag(std::move(e), "user", "--as");
        return e;
    }
    return actor;
}

Result<Ok> run_init(const GlobalOptions& global, const InitOptions& options, std::ostream& out) {
    auto app = HOVER_TRY(open_app(global));
    records::Organisation org;
    records::User admin;
    HOVER_TRY(app->records().atomically([&]() -> Result<Ok> {
        records::Organisation wanted;
        wanted.name = options.org_name;
        wanted.slug = options.org_slug;
        wanted.phone_region = "US";
        auto created = app->records().create_organisation(wanted);
        if (!created) {
            Error e = std::move(created).error();
            if (e.code == ErrorCode::kConflict) {
                e.user_message = fmt::format(
                    "An organisation with the short name \"{}\" already exists in this "
                    "database. Choose another --org-slug, or use that one with --org {}.",
                    options.org_slug, options.org_slug);
            }
            e = with_flag(std::move(e), "slug", "--org-slug");
            return with_flag(std::move(e), "name", "--org-name");
        }
        org = std::move(created).value();
        records::User user;
        user.email = options.admin_email;
        user.display_name = options.admin_name;
        user.role = Role::kAdmin;
        auto made = app->records().create_user(org.id, user);
        if (!made) {
            Error e = std::move(made).error();
            e = with_flag(std::move(e), "email", "--admin-email");
            return with_flag(std::move(e), "display_name", "--admin-name");
        }
        admin = std::move(made).value();
        return Ok{};
    }));
    fmt::print(out,
               "Created the organisation {} ({}) with its admin {} in {}.\n"
               "Next: hover serve --org {}\n",
               org.name, org.slug, admin.email, app->database().display_url(), org.slug);
    return Ok{};
}

Result<Ok> run_migrate(const GlobalOptions& global, std::ostream& out) {
    auto app = HOVER_TRY(open_app(global, storage::Migrate::kNo));
    int applied = HOVER_TRY(app->database().migrate());
    int version = HOVER_TRY(app->database().schema_version());
    fmt::print(out, "schema version {} (applied {})\n", version, applied);
    return Ok{};
}

Result<Ok> run_demo(const GlobalOptions& global,
                    const DemoCommandOptions& options,
                    std::ostream& out) {
    auto app = HOVER_TRY(open_app(global));
    demo::DemoOptions demo_options;
    demo_options.seed = options.seed;
    demo_options.accounts = options.accounts;
    if (options.as_of.empty()) {
        demo_options.as_of = app->clock().today();
    } else {
        demo_options.as_of = HOVER_TRY(parse_date(options.as_of, "--as-of"));
        if (demo_options.as_of > app->clock().today()) {
            // The records refuse install dates and interactions in the future.
            return Error::invalid("--as-of",
                                  fmt::format("The demo's \"today\" cannot be after today ({}). "
                                              "Leave --as-of out, or give an earlier day.",
                                              format_date(app->clock().today())));
        }
    }
    if (options.accounts < 1 || options.accounts > 100000) {
        return Error::invalid("--accounts", "Choose between 1 and 100000 demo accounts.");
    }
    auto started = std::chrono::steady_clock::now();
    std::optional<demo::DemoSummary> summary;
    std::optional<demo::DemoFollowupSummary> plans;
    std::optional<demo::DemoBillingSummary> bills;
    // One transaction around the whole data set: all of it or nothing.
    auto loaded = app->records().atomically([&]() -> Result<Ok> {
        summary = HOVER_TRY(demo::load_demo(app->records(), demo_options));
        plans =
            HOVER_TRY(demo::load_demo_followups(app->records(), app->followups(), demo_options));
        bills = HOVER_TRY(demo::load_demo_billing(app->records(), app->billing(), demo_options));
        HOVER_TRY(demo::set_demo_passwords(app->auth(), summary->org_id));
        // A saved column mapping, so the import page (/import) offers one: the header of an
        // Outlook contacts export.
        Actor admin = HOVER_TRY(app->records().resolve_actor("red-dirt", "wade@reddirt.example"));
        return app->dataio().save_mapping(admin, dataio::RecordKind::kContacts,
                                          "Outlook contacts export",
                                          {.columns = {{"First Name", "first_name"},
                                                       {"Last Name", "last_name"},
                                                       {"Company", "account_name"},
                                                       {"Job Title", "role"},
                                                       {"Business Phone", "work_phone"},
                                                       {"Mobile Phone", "mobile"},
                                                       {"E-mail Address", "email"},
                                                       {"Notes", "notes"}}});
    });
    if (!loaded) {
        Error e = std::move(loaded).error();
        e = with_flag(std::move(e), "as_of", "--as-of");
        return with_flag(std::move(e), "accounts", "--accounts");
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const auto& s = *summary;
    fmt::print(out,
               "Loaded the demo data for Red Dirt Telecom (org red-dirt) in {:.1f} s, as of {}:\n"
               "  {} users, {} accounts, {} sites, {} contacts, {} assets, {} lines, "
               "{} interactions, {} notes\n"
               "Try: hover accounts list --org red-dirt\n",
               seconds, format_date(demo_options.as_of), s.users, s.accounts, s.sites, s.contacts,
               s.assets, s.lines, s.interactions, s.notes);
    fmt::print(out,
               "  {} follow-ups; hover gap: {}; amber: {}; red: {}\n"
               "  Refused as smothering ({}): {}\n"
               "Try: hover agenda --org red-dirt --as dale@reddirt.example\n",
               plans->followups, plans->hover_gap, plans->amber, plans->red, plans->refused_account,
               plans->refusal);
    fmt::print(out, "  Billing review: {} findings, {} refund to claim ({})\n", bills->findings,
               format_money(bills->refund_to_claim), bills->accounts);
    Actor scope;
    scope.org_id = s.org_id;
    fmt::print(out, "Demo users (sign in with these demo passwords):\n");
    for (const auto& account : HOVER_TRY(app->auth().list_users(scope))) {
        fmt::print(out, "  {}  {}  {}\n", pad(account.user.email, 26),
                   pad(records::to_name(account.user.role), 10),
                   demo::demo_password(account.user.role));
    }
    return Ok{};
}

Result<Ok> run_serve(const GlobalOptions& global,
                     const ServeCommandOptions& options,
                     std::ostream& out) {
    http::ServeOptions serve;
    auto colon = options.listen.rfind(':');
    auto bad_listen = [&] {
        return Error::invalid("--listen",
                              fmt::format("\"{}\" is not an address to listen on. Use HOST:PORT, "
                                          "like 127.0.0.1:8080.",
                                          options.listen));
    };
    if (colon == std::string::npos) {
        return bad_listen();
    }
    std::string host = options.listen.substr(0, colon);
    std::string port_text = options.listen.substr(colon + 1);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);  // [::1]:8080
    }
    if (host.empty()) {
        host = "127.0.0.1";
    }
    int port = 0;
    for (char c : port_text) {
        if (c < '0' || c > '9' || port > 65535) {
            return bad_listen();
        }
        port = port * 10 + (c - '0');
    }
    if (port_text.empty() || port < 1 || port > 65535) {
        return bad_listen();
    }
    if (options.threads < 1 || options.threads > 256) {
        return Error::invalid("--threads", "Use between 1 and 256 threads.");
    }
    auto app = HOVER_TRY(open_app(global));
    serve.host = host;
    serve.port = static_cast<std::uint16_t>(port);
    serve.threads = options.threads;

    std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    fmt::print(out, "Hover is listening on http://{}:{} (sign in at http://{}:{}/login)\n",
               shown_host, port, shown_host, port);
    out.flush();
    return http::serve(*app, serve);
}

}  // namespace hover::cli

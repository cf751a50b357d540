// `hover user add | passwd | list | token create | token list | token revoke` (DESIGN P4).
#include <cstdio>
#include <iostream>
#include <string>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <termios.h>
#include <unistd.h>

#include "cli/commands.hpp"
#include "domain/records/enums.hpp"

namespace hover::cli {
namespace {

// Reads one line from `in`. When `in` is the terminal, asks with `prompt` on stderr and turns
// echo off while the password is typed.
Result<std::string> read_password(std::istream& in, std::string_view prompt) {
    const bool terminal = &in == &std::cin && ::isatty(STDIN_FILENO) == 1;
    termios saved{};
    bool echo_off = false;
    if (terminal) {
        std::cerr << prompt << std::flush;
        if (::tcgetattr(STDIN_FILENO, &saved) == 0) {
            termios quiet = saved;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            echo_off = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }
    std::string line;
    bool got = static_cast<bool>(std::getline(in, line));
    if (echo_off) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::cerr << '\n';
    }
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    if (!got || line.empty()) {
        return Error::invalid("password",
                              "No password given. Type it when asked, or pipe it on standard "
                              "input (one line); passwords are never taken from flags.");
    }
    return line;
}

// A new password: on a terminal it is asked twice.
Result<std::string> read_new_password(std::istream& in) {
    std::string password = HOVER_TRY(read_password(in, "New password: "));
    if (&in == &std::cin && ::isatty(STDIN_FILENO) == 1) {
        std::string again = HOVER_TRY(read_password(in, "Repeat the new password: "));
        if (again != password) {
            return Error::invalid("password", "The two passwords differ. Nothing was changed.");
        }
    }
    return password;
}

std::string when(const std::optional<Timestamp>& t) {
    return t ? format_timestamp(*t) : std::string("never");
}

Error with_email_flag(Error e) {
    if (e.field == "email") {
        e.field = "EMAIL";
    }
    return e;
}

}  // namespace

Result<Ok> run_user_add(const GlobalOptions& global,
                        const UserAddOptions& options,
                        std::istream& in,
                        std::ostream& out) {
    Role role = HOVER_TRY(records::parse_enum<Role>(options.role, "--role"));
    auto app = HOVER_TRY(open_app(global));
    Actor actor = HOVER_TRY(resolve_actor(*app, global));
    std::string password = HOVER_TRY(read_new_password(in));
    auto user = app->auth().add_user(actor, options.email, options.name, role, password);
    if (!user) {
        Error e = with_email_flag(std::move(user).error());
        if (e.field == "display_name") {
            e.field = "--name";
        }
        return e;
    }
    fmt::print(out, "Added {} ({}, {}).\n", user->email, user->display_name,
               records::to_name(user->role));
    return Ok{};
}

Result<Ok> run_user_passwd(const GlobalOptions& global,
                           const std::string& email,
                           std::istream& in,
                           std::ostream& out) {
    auto app = HOVER_TRY(open_app(global));
    Actor actor = HOVER_TRY(resolve_actor(*app, global));
    records::User user = HOVER_TRY(app->auth().find_user(actor, email));
    if (user.id == actor.user_id) {
        std::string old_password = HOVER_TRY(read_password(in, "Current password: "));
        std::string password = HOVER_TRY(read_new_password(in));
        HOVER_TRY(app->auth().change_password(actor, old_password, password));
        fmt::print(out, "Changed your password ({}); your other sessions are signed out.\n",
                   user.email);
    } else {
        std::string password = HOVER_TRY(read_new_password(in));
        HOVER_TRY(app->auth().reset_password(actor, user.id, password));
        fmt::print(out, "Set the password of {}; their sessions are signed out.\n", user.email);
    }
    return Ok{};
}

Result<Ok> run_user_list(const GlobalOptions& global, std::ostream& out) {
    auto app = HOVER_TRY(open_app(global));
    Actor actor = HOVER_TRY(resolve_actor(*app, global));
    auto users = HOVER_TRY(app->auth().list_users(actor));
    std::size_t email_width = 5;
    std::size_t name_width = 4;
    for (const auto& u : users) {
        email_width = std::max(email_width, display_width(u.user.email));
        name_width = std::max(name_width, display_width(u.user.display_name));
    }
    fmt::print(out, "{}  {}  {}  {}\n", pad("EMAIL", email_width), pad("NAME", name_width),
               pad("ROLE", 10), "PASSWORD");
    for (const auto& u : users) {
        fmt::print(out, "{}  {}  {}  {}\n", pad(u.user.email, email_width),
                   pad(u.user.display_name, name_width), pad(records::to_name(u.user.role), 10),
                   u.has_password ? "set" : "none");
    }
    return Ok{};
}

Result<Ok> run_user_token_create(const GlobalOptions& global,
                                 const std::string& email,
                                 const std::string& name,
                                 std::ostream& out) {
    auto app = HOVER_TRY(open_app(global));
    Actor actor = HOVER_TRY(resolve_actor(*app, global));
    records::User user = HOVER_TRY(app->auth().find_user(actor, email));
    auto created = app->auth().create_api_token(actor, user.id, name);
    if (!created) {
        Error e = std::move(created).error();
        if (e.field == "name") {
            e.field = "--name";
        }
        return e;
    }
    fmt::print(out,
               "Created API token {} (\"{}\") for {}. Copy it now: it is not shown again.\n{}\n",
               created->token.id.value, created->token.name, user.email, created->secret);
    return Ok{};
}

Result<Ok> run_user_token_list(const GlobalOptions& global,
                               const std::string& email,
                               std::ostream& out) {
    auto app = HOVER_TRY(open_app(global));
    Actor actor = HOVER_TRY(resolve_actor(*app, global));
    records::User user = HOVER_TRY(app->auth().find_user(actor, email));
    auto tokens = HOVER_TRY(app->auth().list_api_tokens(actor, user.id));
    std::size_t name_width = 4;
    for (const auto& t : tokens) {
        name_width = std::max(name_width, display_width(t.name));
    }
    fmt::print(out, "{}  {}  {}  {}  {}\n", pad("ID", 6), pad("NAME", name_width),
               pad("PREFIX", 12), pad("CREATED", 20), "LAST USED");
    for (const auto& t : tokens) {
        fmt::print(out, "{}  {}  {}  {}  {}\n", pad(std::to_string(t.id.value), 6),
                   pad(t.name, name_width), pad(t.prefix, 12),
                   pad(format_timestamp(t.created_at), 20), when(t.last_used_at));
    }
    return Ok{};
}

Result<Ok> run_user_token_revoke(const GlobalOptions& global, std::int64_t id, std::ostream& out) {
    auto app = HOVER_TRY(open_app(global));
    Actor actor = HOVER_TRY(resolve_actor(*app, global));
    HOVER_TRY(app->auth().revoke_api_token(actor, auth::ApiTokenId{id}));
    fmt::print(out, "Revoked API token {}.\n", id);
    return Ok{};
}

// REQ: F5
Result<Ok> run_user_calendar_feed(const GlobalOptions& global,
                                  const CalendarFeedOptions& options,
                                  std::ostream& out) {
    std::string base = options.base_url;
    while (!base.empty() && base.back() == '/') {
        base.pop_back();
    }
    if (!base.empty() && !base.starts_with("https://") && !base.starts_with("http://")) {
        return Error::invalid("--base-url",
                              "Give the address Hover is reached at, starting with https:// "
                              "(for example https://hover.example.com).");
    }
    auto app = HOVER_TRY(open_app(global));
    Actor actor = HOVER_TRY(resolve_actor(*app, global));
    records::User user = HOVER_TRY(app->auth().find_user(actor, options.email));
    if (options.action == "create") {
        auto created = HOVER_TRY(app->calendar().create(actor, user.id));
        fmt::print(out,
                   "Created a calendar feed for {}. Copy the address now: it is not shown again.\n"
                   "{}{}\n",
                   user.email, base, created.path);
        if (base.empty()) {
            fmt::print(out,
                       "(Put the address Hover is reached at in front, or pass --base-url.)\n");
        }
    } else if (options.action == "revoke") {
        HOVER_TRY(app->calendar().revoke(actor, user.id));
        fmt::print(out, "Revoked the calendar feed of {}.\n", user.email);
    } else {
        auto live = HOVER_TRY(app->calendar().live_feed(actor, user.id));
        if (!live) {
            fmt::print(out, "{} has no calendar feed.\n", user.email);
        } else {
            fmt::print(out, "{} has a calendar feed {}… created {}, last fetched {}.\n", user.email,
                       live->prefix, format_timestamp(live->created_at), when(live->last_used_at));
        }
    }
    return Ok{};
}

}  // namespace hover::cli

// Sign-in, sign-out, the user's own page (/me: password, API tokens) and user management.
#include <fmt/format.h>
#include <sodium.h>

#include "app/app.hpp"
#include "domain/auth/auth_service.hpp"
#include "http/pages/forms.hpp"
#include "http/pages/html.hpp"
#include "http/pages/pages.hpp"

namespace hover::http::pages {
namespace {

constexpr long kSessionCookieMaxAge = 30L * 24 * 3600;  // the session's absolute lifetime

std::string random_token() {
    unsigned char bytes[24];
    randombytes_buf(bytes, sizeof bytes);
    char hex[sizeof bytes * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return hex;
}

Response login_page(
    const Request& request, int status, std::string error, std::string email, std::string next) {
    // The sign-in form has no session yet: its CSRF token is a cookie repeated in the form
    // (double submit), so another site cannot sign a browser into an account of its choosing.
    std::string csrf = cookie_value(request, kLoginCsrfCookie).value_or("");
    bool fresh = csrf.size() != 48;
    if (fresh) {
        csrf = random_token();
    }
    ViewMap view{{"csrf_token", csrf},
                 {"error", std::move(error)},
                 {"email", std::move(email)},
                 {"next", std::move(next)}};
    Response response = html_page(Layout{.title = "Sign in"}, "login", view, {}, status);
    if (fresh) {
        response.headers.add("Set-Cookie", set_cookie(kLoginCsrfCookie, csrf, is_tls(request), -1));
    }
    return response;
}

std::vector<FieldSpec> password_specs() {
    return {
        {.name = "old_password",
         .label = "Current password",
         .kind = FieldKind::kPassword,
         .required = true,
         .autocomplete = "current-password"},
        {.name = "new_password",
         .label = "New password",
         .kind = FieldKind::kPassword,
         .required = true,
         .hint = "At least 10 characters.",
         .autocomplete = "new-password"},
        {.name = "confirm_password",
         .label = "New password again",
         .kind = FieldKind::kPassword,
         .required = true,
         .autocomplete = "new-password"},
    };
}

std::vector<FieldSpec> user_specs(const Actor& actor) {
    std::vector<Option> roles{{"technician", "Technician"}, {"manager", "Manager"}};
    if (actor.role == Role::kAdmin) {
        roles.push_back({"admin", "Admin"});
    }
    return {
        {.name = "email", .label = "Email", .kind = FieldKind::kEmail, .required = true},
        {.name = "display_name", .label = "Name", .required = true},
        {.name = "role", .label = "Role", .kind = FieldKind::kSelect, .options = roles},
        {.name = "password",
         .label = "First password",
         .kind = FieldKind::kPassword,
         .required = true,
         .hint = "At least 10 characters; they can change it under Me.",
         .autocomplete = "new-password"},
    };
}

struct MeExtras {
    FormState password;
    bool password_changed = false;
    std::string new_secret;
    std::string new_name;
    std::string token_error;
    std::string new_feed_url;  // shown once, right after creating the feed
    bool feed_revoked = false;
};

Result<Response> me_page(App& app, const PageCall& call, MeExtras extras, int status = 200) {
    const Actor& actor = call.actor();
    auto users = HOVER_TRY(app.records().list_users(actor));
    ViewMap view{{"csrf_token", call.context.csrf_token}};
    for (const auto& user : users) {
        if (user.id == actor.user_id) {
            view["display_name"] = user.display_name;
            view["email"] = user.email;
            view["role"] = humanize(records::to_name(user.role));
        }
    }
    ViewList tokens;
    for (const auto& token : HOVER_TRY(app.auth().list_api_tokens(actor, actor.user_id))) {
        tokens.push_back(ViewMap{
            {"id", std::to_string(token.id.value)},
            {"name", token.name},
            {"prefix", token.prefix},
            {"created", format_timestamp(token.created_at).substr(0, 10)},
            {"last_used", token.last_used_at ? format_timestamp(*token.last_used_at).substr(0, 10)
                                             : std::string()},
            {"csrf_token", call.context.csrf_token},
        });
    }
    view["api_tokens"] = std::move(tokens);
    view["password_fields"] = ViewMap{{"fields", render_fields(password_specs(), extras.password)}};
    view["password_general_error"] = extras.password.general_error;
    view["password_changed"] = extras.password_changed;
    view["new_secret"] = extras.new_secret;
    view["new_name"] = extras.new_name;
    view["token_error"] = extras.token_error;
    // The calendar feed (F5): its state, never its secret (but right after it was made).
    auto feed = HOVER_TRY(app.calendar().live_feed(actor, actor.user_id));
    ViewMap calendar{{"active", feed.has_value()},
                     {"new_url", extras.new_feed_url},
                     {"revoked", extras.feed_revoked},
                     {"csrf_token", call.context.csrf_token}};
    if (feed) {
        calendar["prefix"] = feed->prefix;
        calendar["created"] = format_timestamp(feed->created_at).substr(0, 10);
        calendar["last_used"] = feed->last_used_at
                                    ? format_timestamp(*feed->last_used_at).substr(0, 16)
                                    : std::string();
    }
    view["calendar"] = std::move(calendar);
    return html_page(layout_for(call.context, "Me"), "me", view, {"fields"}, status);
}

Result<Response> users_page(
    App& app, const PageCall& call, FormState form, std::string added, int status = 200) {
    const Actor& actor = call.actor();
    if (actor.role == Role::kTechnician) {
        return Error{ErrorCode::kPermissionDenied,
                     "Only admins and managers manage users. Ask your manager."};
    }
    ViewList users;
    for (const auto& entry : HOVER_TRY(app.auth().list_users(actor))) {
        users.push_back(ViewMap{{"name", entry.user.display_name},
                                {"email", entry.user.email},
                                {"role", humanize(records::to_name(entry.user.role))},
                                {"has_password", entry.has_password}});
    }
    if (form.values.empty()) {
        form.values["role"] = "technician";
    }
    ViewMap view{{"users", std::move(users)},
                 {"fields", render_fields(user_specs(actor), form)},
                 {"general_error", form.general_error},
                 {"added", std::move(added)},
                 {"csrf_token", call.context.csrf_token}};
    return html_page(layout_for(call.context, "Users"), "users", view, {"fields"}, status);
}

}  // namespace

Response Pages::login_form(const Request& request) {
    return login_page(request, 200, "", "", safe_next(request.query_param("next").value_or("/")));
}

Response Pages::login(const Request& request) {
    QueryParams form = parse_query_string(request.body);
    std::string email = form_value(form, "email");
    std::string next = safe_next(form_value(form, "next"));
    std::string expected = cookie_value(request, kLoginCsrfCookie).value_or("");
    std::string presented = form_value(form, "csrf_token");
    if (expected.empty() || expected.size() != presented.size() ||
        sodium_memcmp(expected.data(), presented.data(), expected.size()) != 0) {
        return login_page(request, 403,
                          "This sign-in form has expired. Enter your email and password again.",
                          email, next);
    }
    auto signed_in = app_.auth().sign_in(
        {.email = email, .password = form_value(form, "password"), .client_address = request.peer});
    if (!signed_in) {
        const Error& error = signed_in.error();
        int status = error_policy(error.code).http_status;
        return login_page(request, status, error.user_message, email, next);
    }
    Response response = redirect(next);
    response.headers.add("Set-Cookie", set_cookie(kSessionCookie, signed_in->token, is_tls(request),
                                                  kSessionCookieMaxAge));
    response.headers.add("Set-Cookie", set_cookie(kLoginCsrfCookie, "", is_tls(request), 0));
    response.log_org = std::to_string(signed_in->actor.org_id.value);
    response.log_user = std::to_string(signed_in->actor.user_id.value);
    return response;
}

Result<Response> Pages::logout(const PageCall& call) {
    if (!call.context.session_token.empty()) {
        HOVER_TRY(app_.auth().sign_out(call.context.session_token));
    }
    Response response = redirect("/login");
    response.headers.add("Set-Cookie", set_cookie(kSessionCookie, "", is_tls(call.request), 0));
    return response;
}

Result<Response> Pages::me(const PageCall& call) {
    return me_page(app_, call, {});
}

Result<Response> Pages::change_password(const PageCall& call) {
    MeExtras extras;
    extras.password = form_from_post(password_specs(), call.form);
    auto& values = extras.password.values;
    if (values["new_password"] != values["confirm_password"]) {
        extras.password.errors["confirm_password"] = "The two new passwords differ. Type it again.";
        return me_page(app_, call, std::move(extras), 422);
    }
    std::optional<auth::SessionId> session;
    if (call.context.session_id != 0) {
        session = auth::SessionId{call.context.session_id};
    }
    auto changed = app_.auth().change_password(call.actor(), values["old_password"],
                                               values["new_password"], session);
    if (!changed) {
        Error error = std::move(changed).error();
        if (error.field == "password") {
            error.field = "new_password";
        }
        attach_error(extras.password, error);
        return me_page(app_, call, std::move(extras), error_policy(error.code).http_status);
    }
    extras.password = {};
    extras.password_changed = true;
    return me_page(app_, call, std::move(extras));
}

Result<Response> Pages::create_token(const PageCall& call) {
    MeExtras extras;
    auto created = app_.auth().create_api_token(call.actor(), call.actor().user_id,
                                                form_value(call.form, "name"));
    if (!created) {
        extras.token_error = created.error().user_message;
        return me_page(app_, call, std::move(extras),
                       error_policy(created.error().code).http_status);
    }
    extras.new_secret = created->secret;
    extras.new_name = created->token.name;
    return me_page(app_, call, std::move(extras), 201);
}

Result<Response> Pages::revoke_token(const PageCall& call) {
    HOVER_TRY(app_.auth().revoke_api_token(call.actor(), auth::ApiTokenId{call.id()}));
    return redirect("/me");
}

// REQ: F5
Result<Response> Pages::create_calendar_feed(const PageCall& call) {
    auto created = HOVER_TRY(app_.calendar().create(call.actor(), call.actor().user_id));
    MeExtras extras;
    extras.new_feed_url = base_url(call.request) + created.path;
    return me_page(app_, call, std::move(extras), 201);
}

Result<Response> Pages::revoke_calendar_feed(const PageCall& call) {
    auto revoked = app_.calendar().revoke(call.actor(), call.actor().user_id);
    if (!revoked && revoked.error().code != ErrorCode::kNotFound) {
        return std::move(revoked).error();
    }
    MeExtras extras;
    extras.feed_revoked = true;
    return me_page(app_, call, std::move(extras));
}

Result<Response> Pages::users(const PageCall& call) {
    return users_page(app_, call, {}, "");
}

Result<Response> Pages::add_user(const PageCall& call) {
    auto specs = user_specs(call.actor());
    FormState form = form_from_post(specs, call.form);
    auto role = records::parse_enum<Role>(form.values["role"], "role");
    if (!role) {
        form.errors["role"] = "Choose a role.";
        return users_page(app_, call, std::move(form), "", 422);
    }
    auto added = app_.auth().add_user(call.actor(), form.values["email"],
                                      form.values["display_name"], *role, form.values["password"]);
    if (!added) {
        const Error& error = added.error();
        if (error.code == ErrorCode::kPermissionDenied) {
            return error;
        }
        attach_error(form, error);
        if (form.general_error.empty() && form.errors.empty()) {
            form.general_error = error.user_message;
        }
        return users_page(app_, call, std::move(form), "", error_policy(error.code).http_status);
    }
    return users_page(app_, call, {}, added->display_name, 201);
}

}  // namespace hover::http::pages

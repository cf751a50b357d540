// The web app and the API in process (router + pipeline, no socket), with real sessions and API
// tokens: sign-in, CSRF, tenant isolation over the whole route table, escaping, forms that keep
// what was typed, roles. DESIGN P2-P4, P6.
#include <regex>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "core/clock.hpp"
#include "domain/auth/auth_service.hpp"
#include "domain/billing/billing_service.hpp"
#include "http/context.hpp"
#include "http/metrics.hpp"
#include "http/pages/html.hpp"
#include "http/pipeline.hpp"
#include "http/routes.hpp"

namespace hover::http {
namespace {

using nlohmann::json;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr const char* kPassword = "long enough password";

// A browser or a script talking to the router: keeps cookies, sends the CSRF token it saw last.
class Client {
public:
    Client(const Router& router, Metrics& metrics) : router_(router), metrics_(metrics) {}

    Response send(Method method,
                  std::string target,
                  std::string body = {},
                  std::string content_type = {},
                  std::vector<std::pair<std::string, std::string>> headers = {}) {
        Request request;
        request.method = method;
        auto q = target.find('?');
        request.path = target.substr(0, q);
        if (q != std::string::npos) {
            request.query = parse_query_string(target.substr(q + 1));
        }
        request.body = std::move(body);
        request.peer = "192.0.2.7";
        if (!content_type.empty()) {
            request.headers.add("Content-Type", content_type);
        }
        if (!bearer.empty()) {
            request.headers.add("Authorization", "Bearer " + bearer);
        }
        std::string cookie_header;
        for (const auto& [name, value] : cookies) {
            cookie_header += name + "=" + value + "; ";
        }
        if (!cookie_header.empty()) {
            request.headers.add("Cookie", cookie_header);
        }
        for (auto& [name, value] : headers) {
            request.headers.add(name, value);
        }
        Response response = handle_request(router_, request, &metrics_);
        for (const auto& [name, value] : response.headers.fields()) {
            if (name == "Set-Cookie") {
                std::string pair = value.substr(0, value.find(';'));
                std::string cookie_name = pair.substr(0, pair.find('='));
                std::string cookie_value = pair.substr(pair.find('=') + 1);
                if (value.find("Max-Age=0") != std::string::npos) {
                    cookies.erase(cookie_name);
                } else {
                    cookies[cookie_name] = cookie_value;
                }
            }
        }
        std::smatch m;
        static const std::regex csrf(
            "(?:name=\"csrf_token\" value=\"|\"X-CSRF-Token\":\")([0-9a-zA-Z_-]+)\"");
        if (std::regex_search(response.body, m, csrf)) {
            csrf_token = m[1];
        }
        return response;
    }

    Response get(std::string target) { return send(Method::kGet, std::move(target)); }

    // A form post with the last CSRF token seen (unless `with_csrf` is false).
    Response post_form(std::string target,
                       std::vector<std::pair<std::string, std::string>> fields,
                       bool with_csrf = true) {
        if (with_csrf) {
            fields.emplace_back("csrf_token", csrf_token);
        }
        std::string body;
        for (const auto& [name, value] : fields) {
            body += (body.empty() ? "" : "&") + percent_encode(name) + "=" + percent_encode(value);
        }
        return send(Method::kPost, std::move(target), body, "application/x-www-form-urlencoded");
    }

    // A multipart/form-data post as a browser sends it: the fields (with the last CSRF token seen
    // unless `with_csrf` is false), then one file part `file`.
    Response post_multipart(std::string target,
                            std::vector<std::pair<std::string, std::string>> fields,
                            const std::string& file_name,
                            const std::string& file_body,
                            bool with_csrf = true) {
        if (with_csrf) {
            fields.emplace_back("csrf_token", csrf_token);
        }
        const std::string boundary = "----HoverTestBoundary7MA4YWxkTrZu0gW";
        std::string body;
        for (const auto& [name, value] : fields) {
            body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name +
                    "\"\r\n\r\n" + value + "\r\n";
        }
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
                file_name + "\"\r\nContent-Type: text/csv\r\n\r\n" + file_body + "\r\n";
        body += "--" + boundary + "--\r\n";
        return send(Method::kPost, std::move(target), body,
                    "multipart/form-data; boundary=" + boundary);
    }

    Response sign_in(const std::string& email, const std::string& password) {
        get("/login");
        return post_form("/login",
                         {{"email", email}, {"password", password}, {"next", "/accounts"}});
    }

    std::map<std::string, std::string> cookies;
    std::string csrf_token;
    std::string bearer;

private:
    const Router& router_;
    Metrics& metrics_;
};

struct OrgData {
    OrgId org;
    Actor admin;
    std::string admin_email;
    std::int64_t account = 0, site = 0, contact = 0, asset = 0, line = 0, interaction = 0,
                 token = 0, finding = 0, followup = 0;
    std::string token_secret;
};

class WebTest : public ::testing::Test {
protected:
    void SetUp() override {
        clock_ =
            std::make_shared<FixedClock>(parse_timestamp("2026-11-20T15:00:00Z", "now").value());
        app_ = App::open({.url = ":memory:"}, clock_).value();
        router_ = std::make_unique<Router>(
            build_router(*app_, session_resolver(app_->auth()), &metrics_));
        alpha_ = make_org("alpha", "Alpha Unique Marker");
        bravo_ = make_org("bravo", "Bravo Own Account");
    }

    OrgData make_org(const std::string& slug, const std::string& account_name) {
        auto& records = app_->records();
        OrgData d;
        d.org = records.create_organisation({.name = slug + " Telecom", .slug = slug}).value().id;
        d.admin_email = "admin@" + slug + ".test";
        records
            .create_user(
                d.org,
                {.email = d.admin_email, .display_name = "Admin " + slug, .role = Role::kAdmin})
            .value();
        EXPECT_TRUE(app_->auth().set_initial_password(d.org, d.admin_email, kPassword));
        records
            .create_user(d.org, {.email = "tech@" + slug + ".test",
                                 .display_name = "Tech " + slug,
                                 .role = Role::kTechnician})
            .value();
        EXPECT_TRUE(app_->auth().set_initial_password(d.org, "tech@" + slug + ".test", kPassword));
        d.admin = records.resolve_actor(slug, d.admin_email).value();
        records::Account account;
        account.name = account_name;
        d.account = records.create_account(d.admin, account).value().id.value;
        records::Site site;
        site.account_id = AccountId{d.account};
        site.name = account_name + " Site";
        d.site = records.create_site(d.admin, site).value().id.value;
        records::Contact contact;
        contact.first_name = account_name + " Person";
        contact.accounts.push_back({.account_id = AccountId{d.account}});
        d.contact = records.create_contact(d.admin, contact).value().id.value;
        records::Asset asset;
        asset.site_id = SiteId{d.site};
        asset.make = "Mitel";
        d.asset = records.create_asset(d.admin, asset).value().id.value;
        records::Line line;
        line.site_id = SiteId{d.site};
        line.circuit_id = "CKT-" + slug;
        d.line = records.create_line(d.admin, line).value().id.value;
        records::Interaction interaction;
        interaction.account_id = AccountId{d.account};
        interaction.summary = account_name + " call";
        d.interaction = records.log_interaction(d.admin, interaction).value().id.value;
        // A billing review with one finding: a line billed but not found on site.
        billing::ReviewInput review;
        billing::BillLine bill_line;
        bill_line.service_number = bill_line.e164 = "+14055550177";
        bill_line.description = "BUSINESS LINE";
        bill_line.amount = Cents{3800};
        bill_line.period_start =
            Date{std::chrono::year{2026}, std::chrono::month{10}, std::chrono::day{1}};
        bill_line.period_end =
            Date{std::chrono::year{2026}, std::chrono::month{10}, std::chrono::day{31}};
        bill_line.source = {"bill.csv", 2};
        review.bill.push_back(bill_line);
        billing::Verification verified;
        verified.number = verified.e164 = "+14055550177";
        verified.result = billing::TestResult::kNotFound;
        verified.tested_at = clock_->now();
        verified.source = {"verified.csv", 2};
        review.verifications.push_back(verified);
        EXPECT_TRUE(app_->billing().run_review(d.admin, AccountId{d.account}, review));
        d.finding =
            app_->billing().list_findings(d.admin, AccountId{d.account}).value().at(0).id.value;
        followups::Followup followup;
        followup.account_id = AccountId{d.account};
        followup.due_on = std::chrono::year{2026} / 11 / 25;
        followup.reason = account_name + " follow-up";
        d.followup = app_->followups().plan(d.admin, followup).value().id.value;
        auto token = app_->auth().create_api_token(d.admin, d.admin.user_id, "tests").value();
        d.token = token.token.id.value;
        d.token_secret = token.secret;
        return d;
    }

    Client client() { return Client(*router_, metrics_); }

    std::shared_ptr<FixedClock> clock_;
    std::unique_ptr<App> app_;
    Metrics metrics_;
    std::unique_ptr<Router> router_;
    OrgData alpha_;
    OrgData bravo_;
};

// Fills {id} in `pattern` with the id of `d`'s row of the kind named before it.
std::string with_ids(const std::string& pattern, const OrgData& d) {
    static const std::map<std::string, std::int64_t OrgData::*> kinds{
        {"accounts", &OrgData::account},  {"sites", &OrgData::site},
        {"contacts", &OrgData::contact},  {"assets", &OrgData::asset},
        {"lines", &OrgData::line},        {"interactions", &OrgData::interaction},
        {"tokens", &OrgData::token},      {"findings", &OrgData::finding},
        {"followups", &OrgData::followup}};
    std::string out;
    std::string previous;
    std::size_t start = 1;
    while (start <= pattern.size()) {
        std::size_t end = pattern.find('/', start);
        std::string segment = pattern.substr(start, end - start);
        if (segment == "{id}") {
            EXPECT_TRUE(kinds.contains(previous)) << "no id kind for " << pattern;
            segment = std::to_string(kinds.contains(previous) ? d.*kinds.at(previous) : 0);
        }
        out += "/" + segment;
        previous = segment;
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return out;
}

// REQ: P4 (tenant isolation: 404, not 403, on every route with an id)
TEST_F(WebTest, AnotherOrganisationCannotReadChangeOrDetectRowsOnAnyRoute) {
    Client browser = client();
    ASSERT_EQ(browser.sign_in("admin@bravo.test", kPassword).status, 303);
    Client script = client();
    script.bearer = bravo_.token_secret;
    int checked = 0;
    for (const auto& [method, pattern] : router_->routes()) {
        if (pattern.find("{id}") == std::string::npos) {
            continue;
        }
        std::string target = with_ids(pattern, alpha_);
        Response r;
        if (pattern.starts_with("/api/")) {
            r = script.send(method, target,
                            method == Method::kGet ? "" : R"({"name":"hacked","body":"x"})",
                            method == Method::kGet ? "" : "application/json");
        } else if (method == Method::kGet) {
            r = browser.get(target);
        } else {
            browser.get("/accounts");  // a fresh CSRF token of bravo's session
            r = browser.post_form(target,
                                  {{"name", "hacked"}, {"body", "x"}, {"outcome", "reached"}});
        }
        EXPECT_EQ(r.status, 404) << method_name(method) << " " << target << "\n" << r.body;
        EXPECT_THAT(r.body, Not(HasSubstr("Alpha Unique Marker"))) << target;
        ++checked;
    }
    EXPECT_GE(checked, 40);
    // Lists and search do not show alpha's rows either.
    for (std::string target : {"/accounts", "/search?q=Alpha", "/search?q=Unique"}) {
        Response r = browser.get(target);
        EXPECT_EQ(r.status, 200) << target;
        EXPECT_THAT(r.body, Not(HasSubstr("Alpha Unique"))) << target;
    }
    for (std::string target : {"/api/v1/accounts", "/api/v1/contacts", "/api/v1/search?q=Alpha"}) {
        Response r = script.get(target);
        EXPECT_EQ(r.status, 200) << target;
        EXPECT_THAT(r.body, Not(HasSubstr("Alpha Unique"))) << target;
    }
    // Nothing of alpha's changed, and alpha's token still works.
    Client owner = client();
    owner.bearer = alpha_.token_secret;
    Response mine = owner.get("/api/v1/accounts/" + std::to_string(alpha_.account));
    EXPECT_EQ(mine.status, 200);
    EXPECT_EQ(json::parse(mine.body)["name"], "Alpha Unique Marker");
    EXPECT_EQ(json::parse(owner.get("/api/v1/accounts/" + std::to_string(alpha_.account) + "/notes")
                              .body)["items"]
                  .size(),
              0u);
}

// REQ: P4
TEST_F(WebTest, WithoutCredentialsPagesGoToSignInAndTheApiAnswers401) {
    Client anonymous = client();
    int checked = 0;
    for (const auto& [method, pattern] : router_->routes()) {
        bool is_public = pattern == "/healthz" || pattern == "/metrics" ||
                         pattern.starts_with("/static/") || pattern == "/api/openapi.json" ||
                         pattern == "/login";
        if (is_public) {
            continue;
        }
        std::string target = with_ids(pattern, alpha_);
        Response r = anonymous.send(method, target, "{}", "application/json");
        if (pattern.starts_with("/api/")) {
            EXPECT_EQ(r.status, 401) << target;
            EXPECT_THAT(r.headers.get("WWW-Authenticate").value_or(""), StartsWith("Bearer"));
        } else {
            EXPECT_EQ(r.status, 303) << target;
            EXPECT_THAT(std::string(r.headers.get("Location").value_or("")), StartsWith("/login"));
        }
        ++checked;
    }
    EXPECT_GE(checked, 60);
    Client bad = client();
    bad.bearer = "hover_not-a-real-token";
    EXPECT_EQ(bad.get("/api/v1/accounts").status, 401);
}

// REQ: P4
TEST_F(WebTest, SignInSetsAStrictCookieAndSignOutEndsTheSession) {
    Client browser = client();
    Response login = browser.sign_in("admin@alpha.test", kPassword);
    ASSERT_EQ(login.status, 303);
    EXPECT_EQ(login.headers.get("Location"), "/accounts");
    std::string set_cookie;
    for (const auto& [name, value] : login.headers.fields()) {
        if (name == "Set-Cookie" && value.starts_with("hover_session=")) {
            set_cookie = value;
        }
    }
    EXPECT_THAT(set_cookie, AllOf(HasSubstr("HttpOnly"), HasSubstr("SameSite=Lax"),
                                  HasSubstr("Path=/"), Not(HasSubstr("Secure"))));
    std::string session = browser.cookies["hover_session"];
    EXPECT_EQ(browser.get("/accounts").status, 200);
    EXPECT_EQ(browser.post_form("/logout", {}).status, 303);
    // The old cookie no longer works, even if replayed.
    Client replay = client();
    replay.cookies["hover_session"] = session;
    EXPECT_EQ(replay.get("/accounts").status, 303);
}

// REQ: P4
TEST_F(WebTest, WrongPasswordsAreRefusedThenThrottled) {
    Client browser = client();
    Response wrong = browser.sign_in("admin@alpha.test", "not the password");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_THAT(wrong.body, HasSubstr("value=\"admin@alpha.test\""));  // keeps the email
    for (int i = 0; i < 5; ++i) {
        browser.sign_in("admin@alpha.test", "not the password");
    }
    Response throttled = browser.sign_in("admin@alpha.test", kPassword);
    EXPECT_EQ(throttled.status, 429);
    EXPECT_FALSE(browser.cookies.contains("hover_session"));
}

// REQ: P4 (CSRF on every form and state-changing request)
TEST_F(WebTest, PostsWithoutTheCsrfTokenAreRefusedAndSaveNothing) {
    Client browser = client();
    ASSERT_EQ(browser.sign_in("admin@alpha.test", kPassword).status, 303);
    std::string account = "/accounts/" + std::to_string(alpha_.account);
    browser.get(account);
    Response forged = browser.post_form(account + "/notes", {{"body", "forged"}}, false);
    EXPECT_EQ(forged.status, 403);
    Response wrong =
        browser.post_form(account + "/notes", {{"body", "forged"}, {"csrf_token", "x"}}, false);
    EXPECT_EQ(wrong.status, 403);
    // The API with the session cookie needs the header too; with it, it works.
    Response api_forged = browser.send(Method::kPost, "/api/v1" + account + "/notes",
                                       R"({"body":"forged"})", "application/json");
    EXPECT_EQ(api_forged.status, 403);
    EXPECT_THAT(api_forged.body, HasSubstr("csrf_failed"));
    EXPECT_THAT(browser.get(account).body, Not(HasSubstr("forged")));
    Response api_ok =
        browser.send(Method::kPost, "/api/v1" + account + "/notes", R"({"body":"with token"})",
                     "application/json", {{"X-CSRF-Token", browser.csrf_token}});
    EXPECT_EQ(api_ok.status, 201) << api_ok.body;
    // The sign-in form is protected too (login CSRF).
    Client other = client();
    Response no_token =
        other.post_form("/login", {{"email", "admin@alpha.test"}, {"password", kPassword}}, false);
    EXPECT_EQ(no_token.status, 403);
    EXPECT_FALSE(other.cookies.contains("hover_session"));
}

// REQ: P2 (every page escapes)
TEST_F(WebTest, NamesWithMarkupRenderAsText) {
    Client browser = client();
    ASSERT_EQ(browser.sign_in("admin@alpha.test", kPassword).status, 303);
    browser.get("/accounts/new");
    Response created = browser.post_form(
        "/accounts", {{"name", "<script>alert(1)</script> & Sons"}, {"status", "prospect"}});
    ASSERT_EQ(created.status, 303) << created.body;
    std::string location(created.headers.get("Location").value_or(""));
    Response page = browser.get(location.substr(0, location.find('?')));
    EXPECT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("&lt;script&gt;alert(1)&lt;&#x2F;script&gt; &amp; Sons"));
    EXPECT_THAT(page.body, Not(HasSubstr("<script>alert")));
    EXPECT_THAT(browser.get("/accounts").body, Not(HasSubstr("<script>alert")));
    EXPECT_THAT(browser.get("/search?q=Sons").body, Not(HasSubstr("<script>alert")));
}

// REQ: P2 (bad input: the error next to the field, what was typed kept, nothing saved)
TEST_F(WebTest, AFormWithAnErrorShowsItNextToTheFieldAndKeepsTheValues) {
    Client browser = client();
    ASSERT_EQ(browser.sign_in("admin@alpha.test", kPassword).status, 303);
    browser.get("/accounts/new");
    Response r = browser.post_form(
        "/accounts",
        {{"name", "Typed Name Kept"}, {"next_refresh_year", "soonish"}, {"industry", "Grain"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_THAT(r.body, HasSubstr("value=\"Typed Name Kept\""));
    EXPECT_THAT(r.body, HasSubstr("value=\"soonish\""));
    EXPECT_THAT(r.body, HasSubstr("id=\"f-next_refresh_year-error\""));
    EXPECT_THAT(r.body, HasSubstr("Nothing was saved"));
    // A contact with a bad phone in its second row: the error is on that row.
    std::string contacts = "/accounts/" + std::to_string(alpha_.account) + "/contacts";
    browser.get(contacts + "/new");
    Response c = browser.post_form(contacts, {{"first_name", "Pat"},
                                              {"phones[0].number", ""},
                                              {"phones[1].label", "desk"},
                                              {"phones[1].number", "12"}});
    EXPECT_EQ(c.status, 422) << c.body;
    EXPECT_THAT(c.body, HasSubstr("id=\"f-phones-1-number-error\""));
    EXPECT_THAT(c.body, HasSubstr("value=\"Pat\""));
    Client script = client();
    script.bearer = alpha_.token_secret;
    auto list = json::parse(script.get("/api/v1/accounts").body);
    EXPECT_EQ(list["total"], 1);  // nothing half-done
    EXPECT_THAT(script.get("/api/v1/contacts").body, Not(HasSubstr("Pat")));
}

// REQ: R6, P2 (the quick log form, then the timeline)
TEST_F(WebTest, LoggingACallPutsItOnTheTimeline) {
    Client browser = client();
    ASSERT_EQ(browser.sign_in("tech@alpha.test", kPassword).status, 303);
    std::string account = "/accounts/" + std::to_string(alpha_.account);
    Response form = browser.get(account + "/log");
    EXPECT_EQ(form.status, 200);
    EXPECT_THAT(form.body, HasSubstr("Alpha Unique Marker Person"));
    Response missing =
        browser.post_form(account + "/log", {{"contact_id", std::to_string(alpha_.contact)}});
    EXPECT_EQ(missing.status, 422);
    EXPECT_THAT(missing.body, HasSubstr("Choose what happened"));
    Response logged =
        browser.post_form(account + "/log", {{"contact_id", std::to_string(alpha_.contact)},
                                             {"outcome", "voicemail"},
                                             {"summary", "Left word about the PRI"}});
    ASSERT_EQ(logged.status, 303) << logged.body;
    Response page = browser.get(account);
    EXPECT_THAT(page.body, AllOf(HasSubstr("Call · Voicemail"),
                                 HasSubstr("Left word about the PRI"), HasSubstr("Tech alpha")));
    // Someone of another account cannot be named on this one.
    Response foreign = browser.post_form(
        account + "/log", {{"contact_id", std::to_string(bravo_.contact)}, {"outcome", "reached"}});
    EXPECT_EQ(foreign.status, 422);
}

// REQ: B4, B5 (findings on the account page, moved along by the user; the customer report)
TEST_F(WebTest, TheAccountPageShowsBillingFindingsThatTheUserMovesAlong) {
    Client browser = client();
    ASSERT_EQ(browser.sign_in("admin@alpha.test", kPassword).status, 303);
    std::string account = "/accounts/" + std::to_string(alpha_.account);
    Response page = browser.get(account);
    EXPECT_THAT(page.body, AllOf(HasSubstr("Billing review"), HasSubstr("+14055550177"),
                                 HasSubstr("$38.00 a month")));
    Response moved = browser.post_form("/findings/" + std::to_string(alpha_.finding) + "/status",
                                       {{"status", "disputed"}, {"note", "claim 4471"}});
    EXPECT_EQ(moved.status, 303) << moved.body;
    EXPECT_THAT(browser.get(account).body, AllOf(HasSubstr("Disputed"), HasSubstr("claim 4471")));
    browser.get(account);
    Response refused = browser.post_form("/findings/" + std::to_string(alpha_.finding) + "/status",
                                         {{"status", "bogus"}});
    EXPECT_EQ(refused.status, 422);
    Response report = browser.get(account + "/billing-report");
    EXPECT_EQ(report.status, 200);
    EXPECT_THAT(report.body, HasSubstr("Alpha Unique Marker"));
    EXPECT_THAT(std::string(report.headers.get("Content-Security-Policy").value_or("")),
                AllOf(HasSubstr("default-src 'none'"), Not(HasSubstr("script-src"))));
    Response pdf = browser.get(account + "/billing-report.pdf");
    EXPECT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.content_type, "application/pdf");
    EXPECT_THAT(pdf.body, StartsWith("%PDF-"));
}

// REQ: P4 (technicians cannot manage users; managers can)
TEST_F(WebTest, OnlyAdminsAndManagersManageUsers) {
    Client tech = client();
    ASSERT_EQ(tech.sign_in("tech@alpha.test", kPassword).status, 303);
    EXPECT_EQ(tech.get("/users").status, 403);
    tech.get("/accounts");
    EXPECT_EQ(tech.post_form("/users", {{"email", "new@alpha.test"},
                                        {"display_name", "New"},
                                        {"role", "admin"},
                                        {"password", kPassword}})
                  .status,
              403);
    Client admin = client();
    ASSERT_EQ(admin.sign_in("admin@alpha.test", kPassword).status, 303);
    admin.get("/users");
    Response added = admin.post_form("/users", {{"email", "mgr@alpha.test"},
                                                {"display_name", "Manny Ger"},
                                                {"role", "manager"},
                                                {"password", kPassword}});
    EXPECT_EQ(added.status, 201) << added.body;
    Client manager = client();
    ASSERT_EQ(manager.sign_in("mgr@alpha.test", kPassword).status, 303);
    manager.get("/users");
    EXPECT_EQ(manager
                  .post_form("/users", {{"email", "t2@alpha.test"},
                                        {"display_name", "Tee Two"},
                                        {"role", "technician"},
                                        {"password", kPassword}})
                  .status,
              201);
    manager.get("/users");
    Response escalate = manager.post_form("/users", {{"email", "a2@alpha.test"},
                                                     {"display_name", "Ad Two"},
                                                     {"role", "admin"},
                                                     {"password", kPassword}});
    EXPECT_EQ(escalate.status, 403);
}

// REQ: P4 (API tokens created and revoked by the user)
TEST_F(WebTest, UsersCreateAndRevokeTheirOwnApiTokens) {
    Client browser = client();
    ASSERT_EQ(browser.sign_in("tech@alpha.test", kPassword).status, 303);
    browser.get("/me");
    Response created = browser.post_form("/me/tokens", {{"name", "My script"}});
    EXPECT_EQ(created.status, 201);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(created.body, m, std::regex("(hover_[A-Za-z0-9_-]{43})")));
    Client script = client();
    script.bearer = m[1];
    EXPECT_EQ(script.get("/api/v1/accounts").status, 200);
    std::smatch id;
    ASSERT_TRUE(std::regex_search(created.body, id, std::regex("/me/tokens/([0-9]+)/revoke")));
    EXPECT_EQ(browser.post_form("/me/tokens/" + std::string(id[1]) + "/revoke", {}).status, 303);
    EXPECT_EQ(script.get("/api/v1/accounts").status, 401);
}

// REQ: P4
TEST_F(WebTest, ChangingThePasswordNeedsTheCurrentOne) {
    Client browser = client();
    ASSERT_EQ(browser.sign_in("tech@alpha.test", kPassword).status, 303);
    browser.get("/me");
    Response wrong = browser.post_form("/me/password", {{"old_password", "nope nope nope"},
                                                        {"new_password", "a brand new one"},
                                                        {"confirm_password", "a brand new one"}});
    EXPECT_NE(wrong.status, 200);
    EXPECT_THAT(wrong.body, HasSubstr("f-old_password-error"));
    browser.get("/me");
    Response ok = browser.post_form("/me/password", {{"old_password", kPassword},
                                                     {"new_password", "a brand new one"},
                                                     {"confirm_password", "a brand new one"}});
    EXPECT_EQ(ok.status, 200) << ok.body;
    EXPECT_THAT(ok.body, HasSubstr("Your password was changed"));
    Client again = client();
    EXPECT_EQ(again.sign_in("tech@alpha.test", "a brand new one").status, 303);
}

// REQ: P6 (security headers, metrics, errors without internals)
TEST_F(WebTest, EveryResponseCarriesSecurityHeadersAndIsCounted) {
    Client anonymous = client();
    for (std::string target : {"/login", "/healthz", "/api/v1/accounts", "/nowhere"}) {
        Response r = anonymous.get(target);
        std::string csp(r.headers.get("Content-Security-Policy").value_or(""));
        EXPECT_THAT(csp, AllOf(HasSubstr("script-src 'self'"), HasSubstr("frame-ancestors 'none'"),
                               Not(HasSubstr("unsafe-inline"))))
            << target;
        EXPECT_EQ(r.headers.get("X-Content-Type-Options"), "nosniff");
        EXPECT_EQ(r.headers.get("X-Frame-Options"), "DENY");
        EXPECT_TRUE(r.headers.get("Referrer-Policy").has_value());
    }
    Response missing = anonymous.get("/nowhere");
    EXPECT_EQ(missing.status, 404);
    EXPECT_THAT(missing.content_type, StartsWith("text/html"));
    Response metrics = anonymous.get("/metrics");
    EXPECT_THAT(metrics.body, AllOf(HasSubstr("route=\"/login\",status=\"200\"} 1"),
                                    HasSubstr("route=\"unmatched\",status=\"404\"} 2"),
                                    HasSubstr("hover_db_pool_sessions 1")));
    EXPECT_EQ(anonymous.get("/static/pico.min.css").status, 200);
    EXPECT_EQ(anonymous.get("/static/htmx.min.js").status, 200);
    EXPECT_EQ(anonymous.get("/static/import.js").status, 200);
}

// REQ: F1 (plan, close with the next step in one request, hover gaps)
TEST_F(WebTest, FollowupsArePlannedClosedWithTheNextStepAndGapsAreListed) {
    Client script = client();
    script.bearer = alpha_.token_secret;
    std::string account = std::to_string(alpha_.account);
    Response gaps = script.get("/api/v1/hover-gaps");
    ASSERT_EQ(gaps.status, 200) << gaps.body;
    EXPECT_EQ(json::parse(gaps.body)["items"].size(), 0u);  // make_org planned one

    Response refused = script.send(Method::kPost, "/api/v1/accounts/" + account + "/followups",
                                   R"({"due_on":"2026-12-01","channel":"phone","reason":" "})",
                                   "application/json");
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_THAT(refused.body, HasSubstr("reason"));

    std::string first = std::to_string(alpha_.followup);
    Response no_next = script.send(Method::kPost, "/api/v1/followups/" + first + "/close",
                                   R"({"outcome":"Happy"})", "application/json");
    EXPECT_EQ(no_next.status, 422) << no_next.body;
    Response closed = script.send(
        Method::kPost, "/api/v1/followups/" + first + "/close",
        R"({"outcome":"Happy with the handsets","next":{"due_on":"2026-12-15","channel":"visit","reason":"Check the paging zone"}})",
        "application/json");
    ASSERT_EQ(closed.status, 200) << closed.body;
    json done = json::parse(closed.body);
    EXPECT_EQ(done["status"], "done");
    ASSERT_TRUE(done["next_id"].is_number_integer());
    Response list = script.get("/api/v1/accounts/" + account + "/followups");
    json items = json::parse(list.body)["items"];
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0]["reason"], "Check the paging zone");
    EXPECT_EQ(items[0]["status"], "open");

    Response last = script.send(
        Method::kPost, "/api/v1/followups/" + std::to_string(done["next_id"].get<int>()) + "/close",
        R"({"outcome":"Sold the business","no_next_reason":"Former customer"})",
        "application/json");
    ASSERT_EQ(last.status, 200) << last.body;
    gaps = script.get("/api/v1/hover-gaps");
    ASSERT_EQ(json::parse(gaps.body)["items"].size(), 1u);
    EXPECT_EQ(json::parse(gaps.body)["items"][0]["account_id"], alpha_.account);
    // R7: the knowledge score lists what is still unknown about the account.
    Response knowledge = script.get("/api/v1/accounts/" + account + "/knowledge");
    ASSERT_EQ(knowledge.status, 200) << knowledge.body;
    json score = json::parse(knowledge.body);
    EXPECT_EQ(score["total"], 11);  // 8 account items and 3 for its one site
    EXPECT_EQ(score["unknowns"][0]["item"], "product_cycle");
    // bravo's gaps do not show alpha's account.
    Client other = client();
    other.bearer = bravo_.token_secret;
    EXPECT_THAT(other.get("/api/v1/hover-gaps").body, Not(HasSubstr("Alpha Unique")));
}

// REQ: F2 (a smothering plan is refused with the rule and the first allowed date, then
// overridden with a written reason)
TEST_F(WebTest, ASmotheringPlanIsRefusedThenOverridden) {
    Client script = client();
    script.bearer = alpha_.token_secret;
    std::string account = std::to_string(alpha_.account);
    // make_org logged a call on Friday 2026-11-20 and planned a follow-up for Wednesday the
    // 25th; the default policy wants 3 days between touches and no weekends: the first allowed
    // day is Monday the 30th.
    std::string body = R"({"due_on":"2026-11-21","channel":"phone","reason":"Quote"})";
    Response refused = script.send(Method::kPost, "/api/v1/accounts/" + account + "/followups",
                                   body, "application/json");
    ASSERT_EQ(refused.status, 409) << refused.body;
    json error = json::parse(refused.body)["error"];
    EXPECT_EQ(error["field"], "due_on");
    EXPECT_THAT(error["message"].get<std::string>(), HasSubstr("Saturday is a quiet day"));
    EXPECT_THAT(error["message"].get<std::string>(), HasSubstr("First allowed: 2026-11-30"));
    Response check =
        script.get("/api/v1/accounts/" + account + "/policy-check?due_on=2026-11-21&channel=phone");
    ASSERT_EQ(check.status, 200) << check.body;
    EXPECT_EQ(json::parse(check.body)["allowed"], false);
    EXPECT_EQ(json::parse(check.body)["first_allowed"], "2026-11-30");

    Response overridden = script.send(
        Method::kPost, "/api/v1/accounts/" + account + "/followups",
        R"({"due_on":"2026-11-21","channel":"phone","reason":"Quote","policy_override_reason":"They asked for Saturday"})",
        "application/json");
    ASSERT_EQ(overridden.status, 201) << overridden.body;
    json saved = json::parse(overridden.body);
    EXPECT_EQ(saved["policy_override_reason"], "They asked for Saturday");
    EXPECT_THAT(saved["policy_overridden_rules"].get<std::string>(), HasSubstr("quiet_day"));

    // The account's policy can be set over the API, and another organisation's cannot.
    Response put =
        script.send(Method::kPut, "/api/v1/accounts/" + account + "/policy",
                    R"({"quiet_weekdays":[],"min_days_between_touches":1})", "application/json");
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(json::parse(put.body)["quiet_weekdays"].size(), 0u);
    Response stay = script.get("/api/v1/accounts/" + account + "/stay-in-touch");
    ASSERT_EQ(stay.status, 200) << stay.body;
    EXPECT_EQ(json::parse(stay.body)["colour"], "green");
}

// REQ: F4 (the agenda is the home page, each item with its reason, escaped)
TEST_F(WebTest, TheHomePageIsTheAgendaWithReasons) {
    followups::Followup late;
    late.account_id = AccountId{alpha_.account};
    late.due_on = std::chrono::year{2026} / 11 / 18;
    late.reason = "<b>Quote</b> for the PBX";
    late.policy_override_reason = "test";
    ASSERT_TRUE(app_->followups().plan(alpha_.admin, late));
    Client browser = client();
    ASSERT_EQ(browser.sign_in(alpha_.admin_email, kPassword).status, 303);
    Response home = browser.get("/");
    ASSERT_EQ(home.status, 200) << home.body;
    EXPECT_THAT(home.body, HasSubstr("Overdue by 2 days"));
    EXPECT_THAT(home.body, HasSubstr("&lt;b&gt;Quote&lt;&#x2F;b&gt;"));
    EXPECT_THAT(home.body, Not(HasSubstr("<b>Quote")));
    Response api = browser.get("/api/v1/agenda?date=2026-11-20");
    ASSERT_EQ(api.status, 200) << api.body;
    EXPECT_EQ(json::parse(api.body)["items"][0]["kind"], "overdue_followup");
    EXPECT_EQ(browser.get("/?date=2026-13-01").status, 422);
}

// REQ: F1, F2 (pages: a refused plan shows the rule and the first allowed date, an override
// saves it; closing asks for the outcome and the next step in one form)
TEST_F(WebTest, FollowupPagesPlanRefuseOverrideAndClose) {
    Client browser = client();
    ASSERT_EQ(browser.sign_in(alpha_.admin_email, kPassword).status, 303);
    std::string account = "/accounts/" + std::to_string(alpha_.account);
    Response page = browser.get(account);
    ASSERT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("Alpha Unique Marker follow-up"));
    EXPECT_THAT(page.body, HasSubstr("Close with the next step"));

    browser.get(account + "/followups/new");
    std::vector<std::pair<std::string, std::string>> plan{{"due_on", "2026-11-21"},
                                                          {"due_time", ""},
                                                          {"channel", "phone"},
                                                          {"contact_id", ""},
                                                          {"reason", "Quote for the PBX"},
                                                          {"policy_override_reason", ""}};
    Response refused = browser.post_form(account + "/followups", plan);
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_THAT(refused.body, HasSubstr("First allowed: 2026-11-30"));
    EXPECT_THAT(refused.body, HasSubstr("Quote for the PBX"));
    plan.back().second = "They asked for Saturday";
    Response overridden = browser.post_form(account + "/followups", plan);
    EXPECT_EQ(overridden.status, 303) << overridden.body;
    EXPECT_THAT(browser.get(account).body, HasSubstr("policy overridden"));

    std::string close = "/followups/" + std::to_string(alpha_.followup) + "/close";
    browser.get(close);
    std::vector<std::pair<std::string, std::string>> fields{{"outcome", "Happy with the handsets"},
                                                            {"next.due_on", ""},
                                                            {"next.due_time", ""},
                                                            {"next.channel", "visit"},
                                                            {"next.contact_id", ""},
                                                            {"next.reason", ""},
                                                            {"next.policy_override_reason", ""},
                                                            {"no_next_reason", ""}};
    Response missing = browser.post_form(close, fields);
    EXPECT_EQ(missing.status, 422) << missing.body;
    EXPECT_THAT(missing.body, HasSubstr("Happy with the handsets"));  // kept as typed
    fields[1].second = "2026-12-15";
    fields[5].second = "Check the paging zone";
    Response closed = browser.post_form(close, fields);
    EXPECT_EQ(closed.status, 303) << closed.body;
    auto list = app_->followups().list_for_account(alpha_.admin, AccountId{alpha_.account}).value();
    bool planned = false;
    for (const auto& f : list) {
        planned = planned || (f.reason == "Check the paging zone" &&
                              f.status == followups::FollowupStatus::kOpen);
    }
    EXPECT_TRUE(planned);
}

// The upload id on an import preview page.
std::string upload_id(const std::string& body) {
    std::smatch m;
    static const std::regex upload("name=\"upload\" value=\"([0-9a-f]{64})\"");
    return std::regex_search(body, m, upload) ? std::string(m[1]) : std::string();
}

constexpr const char* kAccountsCsv =
    "name,annual_revenue\r\nImported Alpha One,1000\r\nImported Alpha Two,lots\r\n";

// REQ: R8 (a preview step in the web app: every error with row and column, nothing written; the
// mapping is adjusted and saved, then the import writes every row)
TEST_F(WebTest, ImportPreviewShowsErrorsAndWritesNothingThenTheFixedMappingCommits) {
    Client browser = client();
    ASSERT_EQ(browser.sign_in("admin@alpha.test", kPassword).status, 303);
    Response form = browser.get("/import");
    ASSERT_EQ(form.status, 200) << form.body;
    EXPECT_THAT(form.body,
                AllOf(HasSubstr("enctype=\"multipart/form-data\""), HasSubstr("href=\"/import\"")));
    Response preview = browser.post_multipart("/import/preview", {{"kind", "accounts"}},
                                              "accounts.csv", kAccountsCsv);
    ASSERT_EQ(preview.status, 200) << preview.body;
    EXPECT_THAT(preview.body, AllOf(HasSubstr("accounts.csv row 3, column B (annual_revenue)"),
                                    HasSubstr("Errors (1)"), HasSubstr("Imported Alpha One"),
                                    HasSubstr("disabled>Import 2 rows")));
    std::string upload = upload_id(preview.body);
    ASSERT_EQ(upload.size(), 64u) << preview.body;
    EXPECT_THAT(browser.get("/accounts").body, Not(HasSubstr("Imported Alpha")));

    // Committing anyway writes nothing and says so.
    browser.get("/import");
    Response refused =
        browser.post_form("/import/commit", {{"kind", "accounts"}, {"upload", upload}});
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_THAT(refused.body, HasSubstr("nothing was written"));
    EXPECT_THAT(browser.get("/accounts").body, Not(HasSubstr("Imported Alpha")));

    // The revenue column is left out, and the mapping saved: the preview is clean.
    Response fixed = browser.post_form("/import/preview", {{"kind", "accounts"},
                                                           {"upload", upload},
                                                           {"header_0", "name"},
                                                           {"column_0", "name"},
                                                           {"header_1", "annual_revenue"},
                                                           {"column_1", ""},
                                                           {"save_as", "No revenue"}});
    ASSERT_EQ(fixed.status, 200) << fixed.body;
    EXPECT_THAT(fixed.body, AllOf(Not(HasSubstr("import-error")), HasSubstr("saved."),
                                  HasSubstr("formaction=\"/import/commit\">Import 2 rows")));
    EXPECT_THAT(browser.get("/accounts").body, Not(HasSubstr("Imported Alpha")));
    EXPECT_THAT(browser.get("/import").body, HasSubstr("No revenue"));

    // The saved mapping applies to a new upload of the same file.
    Response again =
        browser.post_multipart("/import/preview", {{"kind", "accounts"}, {"mapping", "No revenue"}},
                               "accounts.csv", kAccountsCsv);
    EXPECT_THAT(again.body, Not(HasSubstr("import-error"))) << again.body;
    browser.get("/import");
    Response other_kind =
        browser.post_multipart("/import/preview", {{"kind", "contacts"}, {"mapping", "No revenue"}},
                               "c.csv", kAccountsCsv);
    EXPECT_EQ(other_kind.status, 422);
    EXPECT_THAT(other_kind.body, HasSubstr("no saved mapping &quot;No revenue&quot; for contacts"));

    browser.get("/import");
    Response done = browser.post_form("/import/commit", {{"kind", "accounts"},
                                                         {"upload", upload},
                                                         {"header_0", "name"},
                                                         {"column_0", "name"},
                                                         {"header_1", "annual_revenue"},
                                                         {"column_1", ""}});
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_THAT(done.body, HasSubstr("Imported 2 rows from accounts.csv"));
    std::string accounts = browser.get("/accounts").body;
    EXPECT_THAT(accounts, AllOf(HasSubstr("Imported Alpha One"), HasSubstr("Imported Alpha Two")));
    // The upload is gone after its commit: a second commit finds nothing.
    browser.get("/import");
    EXPECT_EQ(
        browser.post_form("/import/commit", {{"kind", "accounts"}, {"upload", upload}}).status,
        404);
}

// REQ: R8, P4 (duplicates are flagged with a choice; the user's answer is applied)
TEST_F(WebTest, ImportFlagsDuplicatesAndAppliesTheChoice) {
    Client browser = client();
    ASSERT_EQ(browser.sign_in("admin@alpha.test", kPassword).status, 303);
    browser.get("/import");
    Response preview = browser.post_multipart("/import/preview", {{"kind", "accounts"}}, "dup.csv",
                                              "name\r\nAlpha Unique Marker\r\nFresh Co\r\n");
    ASSERT_EQ(preview.status, 200) << preview.body;
    EXPECT_THAT(preview.body, AllOf(HasSubstr("Rows that match existing records (1)"),
                                    HasSubstr("name=\"duplicate_2\"")));
    std::string upload = upload_id(preview.body);
    Response unanswered =
        browser.post_form("/import/commit", {{"kind", "accounts"}, {"upload", upload}});
    EXPECT_EQ(unanswered.status, 422);
    EXPECT_THAT(unanswered.body, AllOf(HasSubstr("nothing was written"), HasSubstr("dup.csv row 2"),
                                       HasSubstr("Choose what to do")));
    browser.get("/import");
    Response done = browser.post_form(
        "/import/commit", {{"kind", "accounts"}, {"upload", upload}, {"duplicate_2", "skip"}});
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_THAT(done.body, HasSubstr("1 created, 0 updated, 1 skipped"));
}

// REQ: R8 (vCard import through the same preview and commit)
TEST_F(WebTest, AVcardFileImportsContactsThroughThePreview) {
    Client browser = client();
    ASSERT_EQ(browser.sign_in("admin@alpha.test", kPassword).status, 303);
    browser.get("/import");
    std::string vcf =
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Vera Cardholder\r\nN:Cardholder;Vera;;;\r\n"
        "TEL;TYPE=WORK:+1 405 555 0142\r\nEMAIL:vera@example.com\r\nEND:VCARD\r\n";
    Response preview =
        browser.post_multipart("/import/preview", {{"kind", "accounts"}}, "people.vcf", vcf);
    ASSERT_EQ(preview.status, 200) << preview.body;
    EXPECT_THAT(preview.body, AllOf(HasSubstr("Import Contacts: preview"),
                                    Not(HasSubstr("import-error")), Not(HasSubstr("header_0"))));
    EXPECT_THAT(browser.get("/api/v1/contacts").body, Not(HasSubstr("Vera")));
    browser.get("/import");
    Response done = browser.post_form("/import/commit",
                                      {{"kind", "contacts"}, {"upload", upload_id(preview.body)}});
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_THAT(done.body, HasSubstr("Imported 1 rows from people.vcf"));
    EXPECT_THAT(browser.get("/api/v1/contacts").body, HasSubstr("vera@example.com"));
}

// REQ: P4 (technicians cannot import; an upload belongs to its user and organisation; CSRF)
TEST_F(WebTest, ImportIsForManagersAndUploadsStayWithTheirUser) {
    Client tech = client();
    ASSERT_EQ(tech.sign_in("tech@alpha.test", kPassword).status, 303);
    EXPECT_THAT(tech.get("/accounts").body, Not(HasSubstr("href=\"/import\"")));
    EXPECT_EQ(tech.get("/import").status, 403);
    Response tech_post =
        tech.post_multipart("/import/preview", {{"kind", "accounts"}}, "a.csv", kAccountsCsv);
    EXPECT_EQ(tech_post.status, 403);

    Client browser = client();
    ASSERT_EQ(browser.sign_in("admin@alpha.test", kPassword).status, 303);
    browser.get("/import");
    // A multipart post without the token is refused before the file is read.
    Response forged = browser.post_multipart("/import/preview", {{"kind", "accounts"}}, "a.csv",
                                             kAccountsCsv, false);
    EXPECT_EQ(forged.status, 403);
    EXPECT_THAT(forged.body, Not(HasSubstr("name=\"upload\"")));
    Response wrong =
        browser.post_multipart("/import/preview", {{"kind", "accounts"}, {"csrf_token", "x"}},
                               "a.csv", kAccountsCsv, false);
    EXPECT_EQ(wrong.status, 403);

    browser.get("/import");
    std::string csv = "name\r\nOnly Alpha Imports This\r\n";
    Response preview =
        browser.post_multipart("/import/preview", {{"kind", "accounts"}}, "a.csv", csv);
    std::string upload = upload_id(preview.body);
    ASSERT_FALSE(upload.empty()) << preview.body;

    // Another organisation's admin, and another user of the same organisation, find nothing.
    Client bravo = client();
    ASSERT_EQ(bravo.sign_in("admin@bravo.test", kPassword).status, 303);
    bravo.get("/import");
    Response stolen = bravo.post_form("/import/commit", {{"kind", "accounts"}, {"upload", upload}});
    EXPECT_EQ(stolen.status, 404);
    EXPECT_THAT(stolen.body, Not(HasSubstr("Only Alpha")));
    bravo.get("/import");
    EXPECT_EQ(bravo.post_form("/import/preview", {{"kind", "accounts"}, {"upload", upload}}).status,
              404);
    EXPECT_THAT(bravo.get("/accounts").body, Not(HasSubstr("Only Alpha")));
    app_->records()
        .create_user(
            alpha_.org,
            {.email = "mgr@alpha.test", .display_name = "Manny Ger", .role = Role::kManager})
        .value();
    ASSERT_TRUE(app_->auth().set_initial_password(alpha_.org, "mgr@alpha.test", kPassword));
    Client manager = client();
    ASSERT_EQ(manager.sign_in("mgr@alpha.test", kPassword).status, 303);
    EXPECT_THAT(manager.get("/accounts").body, HasSubstr("href=\"/import\""));
    manager.get("/import");
    EXPECT_EQ(
        manager.post_form("/import/commit", {{"kind", "accounts"}, {"upload", upload}}).status,
        404);

    // The owner still can.
    browser.get("/import");
    Response done = browser.post_form("/import/commit", {{"kind", "accounts"}, {"upload", upload}});
    EXPECT_EQ(done.status, 200) << done.body;
    EXPECT_THAT(browser.get("/accounts").body, HasSubstr("Only Alpha Imports This"));

    // An upload is kept for an hour: after that, even its owner uploads again.
    browser.get("/import");
    Response later = browser.post_multipart("/import/preview", {{"kind", "accounts"}}, "b.csv",
                                            "name\r\nToo Late Co\r\n");
    std::string stale = upload_id(later.body);
    ASSERT_FALSE(stale.empty()) << later.body;
    clock_->advance(std::chrono::minutes(61));
    Response expired =
        browser.post_form("/import/commit", {{"kind", "accounts"}, {"upload", stale}});
    EXPECT_EQ(expired.status, 404);
    EXPECT_THAT(expired.body, HasSubstr("Upload the file again"));
    EXPECT_THAT(browser.get("/accounts").body, Not(HasSubstr("Too Late Co")));
}

// REQ: R8 (files over the 1 MiB body limit get a page that points to the CLI)
TEST_F(WebTest, AnImportOverOneMebibyteSaysToUseTheCommandLine) {
    Client browser = client();
    ASSERT_EQ(browser.sign_in("admin@alpha.test", kPassword).status, 303);
    browser.get("/import");
    std::string big = "name\r\n";
    while (big.size() <= kMaxBodyBytes) {
        big += "A company with a long enough name to fill the file quickly\r\n";
    }
    Response r = browser.post_multipart("/import/preview", {{"kind", "accounts"}}, "big.csv", big);
    EXPECT_EQ(r.status, 413);
    EXPECT_THAT(r.body, AllOf(HasSubstr("hover import"), HasSubstr("<html")));
}

// REQ: P3 (/api/openapi.json describes every API route, and only those)
TEST_F(WebTest, TheOpenApiDocumentDescribesEveryApiRoute) {
    Client anonymous = client();
    json doc = json::parse(anonymous.get("/api/openapi.json").body);
    std::set<std::string> documented;
    for (const auto& [path, item] : doc["paths"].items()) {
        for (const auto& [method, op] : item.items()) {
            std::string upper = method;
            for (char& ch : upper) {
                ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            }
            documented.insert(upper + " " + path);
        }
    }
    std::set<std::string> served;
    for (const auto& [method, pattern] : router_->routes()) {
        if (pattern.starts_with("/api/") || pattern == "/healthz" || pattern == "/metrics") {
            served.insert(std::string(method_name(method)) + " " + pattern);
        }
    }
    EXPECT_EQ(documented, served);
}

}  // namespace
}  // namespace hover::http

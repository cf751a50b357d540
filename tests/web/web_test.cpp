// The web app and the API in process (router + pipeline, no socket), with real sessions and API
// tokens: sign-in, CSRF, tenant isolation over the whole route table, escaping, forms that keep
// what was typed, roles. DESIGN P2-P4, P6.
#include <regex>
#include <thread>

#include <fmt/format.h>
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
#include "io/ical/ical_reader.hpp"

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

constexpr std::chrono::milliseconds kWaitLong{60'000};

class WebTest : public ::testing::Test {
protected:
    void SetUp() override {
        clock_ =
            std::make_shared<FixedClock>(parse_timestamp("2026-11-20T15:00:00Z", "now").value());
        app_ = App::open({.url = ":memory:"}, clock_).value();
        // Imports answer at once here (their own test below shows the progress page).
        router_ = std::make_unique<Router>(build_router(*app_, session_resolver(app_->auth()),
                                                        &metrics_, {.import_wait = kWaitLong}));
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
        } else if (segment == "{site_id}") {
            segment = std::to_string(d.site);
        } else if (segment == "{job:secret}") {
            segment = std::string(48, 'a');  // an import job that is nobody's
        } else {
            EXPECT_NE(segment.front(), '{') << "no id for " << segment << " in " << pattern;
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
                         pattern == "/login" || pattern.starts_with("/calendar/");
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
    // REQ: F3: the stay-in-touch line counts from this call, the account's latest touch.
    EXPECT_THAT(page.body, HasSubstr(", 0 days ago"));
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

// REQ: B4 (findings over the API: filters, the same status moves as the page, the summary)
TEST_F(WebTest, FindingsAreListedFilteredAndMovedAlongOverTheApi) {
    Client script = client();
    script.bearer = alpha_.token_secret;
    std::string account = "/api/v1/accounts/" + std::to_string(alpha_.account);
    std::string finding = "/api/v1/billing/findings/" + std::to_string(alpha_.finding);
    auto patch = [&](const std::string& body) {
        return script.send(Method::kPatch, finding, body, "application/json");
    };

    Response list = script.get(account + "/billing/findings");
    ASSERT_EQ(list.status, 200) << list.body;
    json items = json::parse(list.body)["items"];
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0]["id"], alpha_.finding);
    EXPECT_EQ(items[0]["account_id"], alpha_.account);
    EXPECT_EQ(items[0]["type"], "billed_not_found");
    EXPECT_EQ(items[0]["number"], "+14055550177");
    EXPECT_EQ(items[0]["monthly_amount_cents"], 3800);
    EXPECT_EQ(items[0]["status"], "open");
    EXPECT_EQ(items[0]["evidence"][0]["source"], "verification");
    auto count = [&](const std::string& query) {
        Response r = script.get(account + "/billing/findings?" + query);
        EXPECT_EQ(r.status, 200) << query << "\n" << r.body;
        return json::parse(r.body)["items"].size();
    };
    EXPECT_EQ(count("type=billed_not_found"), 1u);
    EXPECT_EQ(count("type=billed_unused,duplicate_mrc"), 0u);
    EXPECT_EQ(count("status=open,disputed"), 1u);
    EXPECT_EQ(count("status=credited"), 0u);
    Response bad_type = script.get(account + "/billing/findings?type=overcharge");
    EXPECT_EQ(bad_type.status, 422);
    EXPECT_EQ(json::parse(bad_type.body)["error"]["field"], "type");
    EXPECT_THAT(bad_type.body, HasSubstr("billed_not_found"));  // names the choices
    EXPECT_EQ(script.get(account + "/billing/findings?status=paid").status, 422);

    // The moves of the account page: open -> credited is not one of them.
    Response skipped = patch(R"({"status":"credited"})");
    EXPECT_EQ(skipped.status, 409) << skipped.body;
    EXPECT_THAT(skipped.body, HasSubstr("disputed or rejected"));
    EXPECT_EQ(patch(R"({"status":"settled"})").status, 422);
    EXPECT_EQ(patch(R"({"note":"no status"})").status, 422);
    EXPECT_EQ(patch(R"({"status":"disputed","amount":5})").status, 422);
    Response disputed = patch(R"({"status":"disputed","note":"claim 4471"})");
    ASSERT_EQ(disputed.status, 200) << disputed.body;
    EXPECT_EQ(json::parse(disputed.body)["status"], "disputed");
    EXPECT_EQ(json::parse(disputed.body)["note"], "claim 4471");
    Response credited = patch(R"({"status":"credited"})");  // the note stays
    ASSERT_EQ(credited.status, 200) << credited.body;
    EXPECT_EQ(json::parse(credited.body)["status"], "credited");
    EXPECT_EQ(json::parse(credited.body)["note"], "claim 4471");
    EXPECT_EQ(json::parse(script.get(finding).body)["status"], "credited");
    EXPECT_EQ(patch(R"({"status":"disputed"})").status, 409);  // credited -> open only

    // The summary: nothing pending once credited; the credit is counted by status.
    Response report = script.get(account + "/billing/report");
    ASSERT_EQ(report.status, 200) << report.body;
    json summary = json::parse(report.body);
    EXPECT_EQ(summary["pending"]["findings"], 0);
    EXPECT_EQ(summary["pending"]["refund_to_claim_cents"], 0);
    EXPECT_EQ(summary["by_status"]["credited"]["count"], 1);
    EXPECT_EQ(summary["by_status"]["credited"]["monthly_cents"], 3800);
    EXPECT_EQ(summary["by_status"]["open"]["count"], 0);
    EXPECT_EQ(summary["latest_review"]["billed_total_cents"], 3800);
    EXPECT_EQ(summary["report"]["pdf"],
              "/accounts/" + std::to_string(alpha_.account) + "/billing-report.pdf");
    ASSERT_EQ(patch(R"({"status":"open","note":""})").status, 200);
    summary = json::parse(script.get(account + "/billing/report").body);
    EXPECT_EQ(summary["pending"]["findings"], 1);
    EXPECT_EQ(summary["pending"]["monthly_savings_cents"], 3800);
    EXPECT_EQ(summary["pending"]["by_type"]["billed_not_found"]["count"], 1);

    // A browser session needs the page's CSRF token for a move, like every API write.
    Client browser = client();
    ASSERT_EQ(browser.sign_in(alpha_.admin_email, kPassword).status, 303);
    browser.get("/accounts/" + std::to_string(alpha_.account));
    EXPECT_EQ(browser.send(Method::kPatch, finding, R"({"status":"rejected"})", "application/json")
                  .status,
              403);
    EXPECT_EQ(browser
                  .send(Method::kPatch, finding, R"({"status":"rejected"})", "application/json",
                        {{"X-CSRF-Token", browser.csrf_token}})
                  .status,
              200);
}

// REQ: B2 (field verification on a phone: one tap records the result, the time and the
// technician; it feeds the next review like a verification sheet)
TEST_F(WebTest, ATechnicianVerifiesLinesOnSiteWithOneTap) {
    // The site's line is a phone line; the bill's dead number (+14055550177) is not a known line.
    records::Line pots;
    pots.site_id = SiteId{alpha_.site};
    pots.number = records::PhoneNumber{"+14055550123", "", "405-555-0123"};
    pots.carrier = "AT&T";
    std::int64_t pots_id = app_->records().create_line(alpha_.admin, pots).value().id.value;
    clock_->set(parse_timestamp("2026-11-21T09:30:00Z", "now").value());
    Client tech = client();
    ASSERT_EQ(tech.sign_in("tech@alpha.test", kPassword).status, 303);
    std::string verify = "/accounts/" + std::to_string(alpha_.account) + "/sites/" +
                         std::to_string(alpha_.site) + "/verify";
    std::string escaped = std::regex_replace(verify, std::regex("/"), "&#x2F;");  // mstch {{x}}
    EXPECT_THAT(tech.get("/accounts/" + std::to_string(alpha_.account)).body, HasSubstr(escaped));
    Response page = tech.get(verify);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_THAT(page.body, AllOf(HasSubstr("(405) 555-0123"), HasSubstr("CKT-alpha"),
                                 HasSubstr("(405) 555-0177"), HasSubstr("On the bill"),
                                 HasSubstr("No dial tone"), HasSubstr("Not tested yet"),
                                 HasSubstr("hx-post=\"" + escaped + "\"")));
    Response tapped = tech.post_form(verify, {{"number", "+14055550123"},
                                              {"line_id", std::to_string(pots_id)},
                                              {"row", "1"},
                                              {"result", "no_dial_tone"}});
    ASSERT_EQ(tapped.status, 303) << tapped.body;
    EXPECT_EQ(tapped.headers.get("Location"), verify + "#v-1");
    page = tech.get(verify);
    EXPECT_THAT(page.body, AllOf(HasSubstr("Last: <strong>No dial tone</strong>"),
                                 HasSubstr("2026-11-21 09:30 UTC"), HasSubstr("by Tech alpha")));
    // A circuit's measured speed is kept with the test.
    tech.get(verify);
    ASSERT_EQ(tech.post_form(verify, {{"number", "CKT-alpha"},
                                      {"line_id", std::to_string(alpha_.line)},
                                      {"measured_mbps", "42.5"},
                                      {"result", "working"}})
                  .status,
              303);
    EXPECT_THAT(tech.get(verify).body, HasSubstr("42.5 Mbit/s"));
    // Bad input names the field; another account's line, or another organisation's site, is 404.
    tech.get(verify);
    EXPECT_EQ(tech.post_form(verify, {{"number", "+14055550123"}, {"result", "broken"}}).status,
              422);
    tech.get(verify);
    EXPECT_EQ(tech.post_form(verify, {{"number", "+14055550123"},
                                      {"line_id", std::to_string(bravo_.line)},
                                      {"result", "working"}})
                  .status,
              404);
    std::string foreign_site = "/accounts/" + std::to_string(alpha_.account) + "/sites/" +
                               std::to_string(bravo_.site) + "/verify";
    EXPECT_EQ(tech.get(foreign_site).status, 404);
    tech.get(verify);
    EXPECT_EQ(
        tech.post_form(foreign_site, {{"number", "+14055550123"}, {"result", "working"}}).status,
        404);
    tech.get(verify);
    EXPECT_EQ(
        tech.post_form(verify, {{"number", "+14055550123"}, {"result", "working"}}, false).status,
        403);  // CSRF

    auto recorded =
        app_->billing().list_verifications(alpha_.admin, AccountId{alpha_.account}).value();
    ASSERT_EQ(recorded.size(), 2u);
    EXPECT_EQ(recorded[0].number, "+14055550123");
    EXPECT_EQ(recorded[0].result, billing::TestResult::kNoDialTone);
    EXPECT_EQ(recorded[0].technician, "Tech alpha");
    EXPECT_EQ(recorded[1].measured_mbps_milli, 42500);

    // The next review counts the tap like a verification sheet row: the dead line is billed.
    billing::ReviewInput review;
    billing::BillLine bill_line;
    bill_line.service_number = bill_line.e164 = "+14055550123";
    bill_line.description = "BUSINESS LINE";
    bill_line.amount = Cents{4200};
    bill_line.period_start = std::chrono::year{2026} / 11 / 1;
    bill_line.period_end = std::chrono::year{2026} / 11 / 30;
    bill_line.source = {"bill.csv", 2};
    review.bill.push_back(bill_line);
    auto result = app_->billing().run_review(alpha_.admin, AccountId{alpha_.account}, review);
    ASSERT_TRUE(result);
    ASSERT_EQ(result->findings.size(), 1u);
    const billing::Finding& dead = result->findings[0];
    EXPECT_EQ(dead.type, billing::FindingType::kBilledNoDialTone);
    EXPECT_EQ(dead.monthly_amount.value, 4200);
    EXPECT_THAT(dead.evidence[0].text,
                HasSubstr("recorded on site: +14055550123 tested no_dial_tone 2026-11-21 09:30 "
                          "by Tech alpha"));
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

// The body without its request id (error pages name theirs).
std::string without_request_id(const Response& r) {
    std::string body = r.body;
    std::string id(r.headers.get("X-Request-Id").value_or(""));
    for (auto at = body.find(id); !id.empty() && at != std::string::npos; at = body.find(id)) {
        body.erase(at, id.size());
    }
    return body;
}

// REQ: F5 (created on the Me page, read without a session, only the owner's items, revoked)
TEST_F(WebTest, TheCalendarFeedIsMadeOnTheMePageAndRevoked) {
    Client browser = client();
    ASSERT_EQ(browser.sign_in("admin@alpha.test", kPassword).status, 303);
    EXPECT_THAT(browser.get("/me").body, HasSubstr("Create my calendar address"));
    Response created = browser.post_form("/me/calendar-feed", {});
    ASSERT_EQ(created.status, 201) << created.body;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(
        created.body, m, std::regex("&#x2F;calendar&#x2F;(hcal_[A-Za-z0-9_-]{43})\\.ics")));
    std::string secret = m[1];
    std::string path = "/calendar/" + secret + ".ics";
    // The Me page shows the feed's state afterwards, never the address again.
    Response me = browser.get("/me");
    EXPECT_THAT(me.body, AllOf(HasSubstr("Replace the address"), HasSubstr(secret.substr(0, 10)),
                               Not(HasSubstr(secret))));

    Client calendar_app = client();  // no cookie, no token
    Response feed = calendar_app.send(Method::kGet, path, "", "", {{"Host", "hover.test:8080"}});
    ASSERT_EQ(feed.status, 200) << feed.body;
    EXPECT_EQ(feed.content_type, "text/calendar; charset=utf-8");
    EXPECT_TRUE(feed.body.starts_with("BEGIN:VCALENDAR\r\n"));
    auto parsed = ical::read(feed.body, "feed.ics");
    ASSERT_TRUE(parsed) << parsed.error().user_message;
    EXPECT_EQ(parsed->count("VTODO"), 1);
    const auto& todo = parsed->components.at(0).children.at(0);
    EXPECT_EQ(todo.find("SUMMARY")->value,
              "Call Alpha Unique Marker: Alpha Unique Marker follow-up");
    EXPECT_EQ(todo.find("DUE")->value, "20261125");
    EXPECT_EQ(todo.find("UID")->value,
              "followup-" + std::to_string(alpha_.followup) + "@alpha.hover");
    EXPECT_EQ(todo.find("URL")->value,
              "http://hover.test:8080/accounts/" + std::to_string(alpha_.account));
    EXPECT_THAT(feed.body, Not(HasSubstr("Bravo")));

    // Revoked: the same 404 as an address that never existed, and as any unknown page.
    EXPECT_EQ(browser.post_form("/me/calendar-feed/revoke", {}).status, 200);
    Response revoked = calendar_app.get(path);
    Response never = calendar_app.get("/calendar/hcal_" + std::string(43, 'A') + ".ics");
    Response nonsense = calendar_app.get("/calendar/whatever");
    Response no_page = calendar_app.get("/no-such-page");
    EXPECT_EQ(revoked.status, 404);
    EXPECT_EQ(never.status, 404);
    EXPECT_EQ(nonsense.status, 404);
    EXPECT_EQ(without_request_id(revoked), without_request_id(never));
    EXPECT_EQ(without_request_id(revoked), without_request_id(nonsense));
    EXPECT_EQ(without_request_id(revoked), without_request_id(no_page));
    EXPECT_EQ(revoked.content_type, no_page.content_type);
    EXPECT_THAT(browser.get("/me").body, HasSubstr("Create my calendar address"));
}

// REQ: F5 (the API: create returns the address once, delete revokes it)
TEST_F(WebTest, TheCalendarFeedApiCreatesAndRevokes) {
    Client script = client();
    script.bearer = bravo_.token_secret;
    EXPECT_EQ(json::parse(script.get("/api/v1/me/calendar-feed").body)["active"], false);
    Response created = script.send(Method::kPost, "/api/v1/me/calendar-feed", "{}",
                                   "application/json", {{"Host", "hover.example.com"}});
    ASSERT_EQ(created.status, 201) << created.body;
    json body = json::parse(created.body);
    std::string url = body["url"];
    std::string path = body["path"];
    EXPECT_EQ(url, "http://hover.example.com" + path);
    Client calendar_app = client();
    Response feed = calendar_app.get(path);
    EXPECT_EQ(feed.status, 200);
    EXPECT_THAT(feed.body, AllOf(HasSubstr("Bravo Own Account follow-up"),
                                 Not(HasSubstr("Alpha Unique Marker"))));
    json state = json::parse(script.get("/api/v1/me/calendar-feed").body);
    EXPECT_EQ(state["active"], true);
    EXPECT_EQ(state["prefix"], body["prefix"]);
    EXPECT_EQ(state["last_used_at"], "2026-11-20T15:00:00Z");
    EXPECT_EQ(script.send(Method::kDelete, "/api/v1/me/calendar-feed").status, 204);
    EXPECT_EQ(calendar_app.get(path).status, 404);
    EXPECT_EQ(script.send(Method::kDelete, "/api/v1/me/calendar-feed").status, 404);
}

// REQ: R7 (the guided site survey: one unknown per screen, saved as it goes)
TEST_F(WebTest, TheSiteSurveyAsksOneUnknownAtATimeAndSavesEachAnswer) {
    Client browser = client();
    ASSERT_EQ(browser.sign_in("admin@alpha.test", kPassword).status, 303);
    std::string account = "/accounts/" + std::to_string(alpha_.account);
    std::string survey = "/sites/" + std::to_string(alpha_.site) + "/survey";
    EXPECT_THAT(browser.get(account).body, HasSubstr("href=\"" + survey + "\""));
    // The Mitel asset has a make but no model, install date or condition; the site has neither
    // flood zone nor paging dead zones: 5 unknowns of 6.
    Response first = browser.get(survey);
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_THAT(first.body,
                AllOf(HasSubstr("1 of 6 known, 5 to ask"), HasSubstr("Model of the Other (Mitel)"),
                      HasSubstr("name=\"model\""), HasSubstr("Save and next"),
                      HasSubstr("name=\"csrf_token\"")));
    // One question per screen: one answer field besides the hidden ones.
    EXPECT_EQ(std::regex_search(first.body, std::regex("name=\"(make|installed_on|condition|"
                                                       "flood_zone|paging_dead_zones)\"")),
              false);
    std::string asset_key = "asset-" + std::to_string(alpha_.asset);
    Response saved = browser.post_form(
        survey, {{"question", asset_key + "-model"}, {"model", "MiVoice 250"}, {"skip", ""}});
    EXPECT_EQ(saved.status, 303) << saved.body;
    EXPECT_EQ(saved.headers.get("Location"), survey);
    Client script = client();
    script.bearer = alpha_.token_secret;
    auto asset = json::parse(script.get("/api/v1/assets/" + std::to_string(alpha_.asset)).body);
    EXPECT_EQ(asset["model"], "MiVoice 250");
    EXPECT_EQ(asset["make"], "Mitel");  // the other fields are untouched

    // Next: the install date. A date that does not exist is refused next to the field, kept.
    Response next = browser.get(survey);
    EXPECT_THAT(next.body, AllOf(HasSubstr("2 of 6 known, 4 to ask"), HasSubstr("installed?")));
    Response bad = browser.post_form(
        survey, {{"question", asset_key + "-installed_on"}, {"installed_on", "2019-02-31"}});
    EXPECT_EQ(bad.status, 422) << bad.body;
    EXPECT_THAT(bad.body, AllOf(HasSubstr("id=\"f-installed_on-error\""),
                                HasSubstr("value=\"2019-02-31\""), HasSubstr("installed?")));
    asset = json::parse(script.get("/api/v1/assets/" + std::to_string(alpha_.asset)).body);
    EXPECT_TRUE(asset["installed_on"].is_null());
    // A blank answer asks for one or a skip.
    Response blank = browser.post_form(
        survey, {{"question", asset_key + "-installed_on"}, {"installed_on", ""}});
    EXPECT_EQ(blank.status, 422);
    EXPECT_THAT(blank.body, HasSubstr("or skip this question"));

    // Skip it: the condition comes next, as a select without "unknown".
    std::smatch skip;
    ASSERT_TRUE(std::regex_search(bad.body, skip,
                                  std::regex("href=\"(/sites/[0-9]+/survey\\?skip=[^\"]+)\"")));
    Response condition = browser.get(skip[1]);
    EXPECT_THAT(condition.body, AllOf(HasSubstr("<select"), HasSubstr("value=\"poor\""),
                                      Not(HasSubstr("value=\"unknown\""))));
    std::string skips = asset_key + "-installed_on";
    EXPECT_EQ(browser
                  .post_form(survey, {{"question", asset_key + "-condition"},
                                      {"condition", "poor"},
                                      {"skip", skips}})
                  .headers.get("Location"),
              survey + "?skip=" + percent_encode(skips));
    EXPECT_EQ(
        browser
            .post_form(survey,
                       {{"question", "site-flood_zone"}, {"flood_zone", "AE"}, {"skip", skips}})
            .status,
        303);
    EXPECT_EQ(browser
                  .post_form(survey, {{"question", "site-paging_dead_zones"},
                                      {"paging_dead_zones", "Back of the warehouse"},
                                      {"skip", skips}})
                  .status,
              303);
    // The end: 5 of 6 known, the skipped question listed.
    Response done = browser.get(survey + "?skip=" + percent_encode(skips));
    EXPECT_THAT(done.body, AllOf(HasSubstr("Site known: 83%"), HasSubstr("Still unknown"),
                                 HasSubstr("installed?")));
    auto site = json::parse(script.get("/api/v1/sites/" + std::to_string(alpha_.site)).body);
    EXPECT_EQ(site["flood_zone"], "AE");
    EXPECT_EQ(site["paging_dead_zones"], "Back of the warehouse");
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

// REQ: F1 (hover gaps counted per technician on a page for the manager; technicians see their
// own), F2 (overrides counted per user and per account over a period, with their reasons)
TEST_F(WebTest, TheManagerSeesHoverGapsPerTechnicianAndPolicyOverrides) {
    auto& records = app_->records();
    auto tech = records.resolve_actor("alpha", "tech@alpha.test").value();
    records::Account gap;
    gap.name = "Gap <Feed> & Seed";
    gap.technician_id = tech.user_id;
    auto gap_id = records.create_account(alpha_.admin, gap).value().id.value;
    records::Account unowned;
    unowned.name = "Unowned Gap Clinic";
    records.create_account(alpha_.admin, unowned).value();
    // An override: a second touch two days after the one make_org planned for the 25th.
    followups::Followup again;
    again.account_id = AccountId{alpha_.account};
    again.due_on = std::chrono::year{2026} / 11 / 27;
    again.reason = "Call again about the quote";
    again.policy_override_reason = "The owner asked for Friday";
    ASSERT_TRUE(app_->followups().plan(tech, again));

    Client manager = client();
    ASSERT_EQ(manager.sign_in(alpha_.admin_email, kPassword).status, 303);
    EXPECT_THAT(manager.get("/").body, HasSubstr("href=\"/hover-gaps\""));  // in the navigation
    Response page = manager.get("/hover-gaps");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_THAT(page.body, HasSubstr("<strong>2</strong> hover gaps"));
    EXPECT_THAT(page.body, HasSubstr("Tech alpha"));
    EXPECT_THAT(page.body, HasSubstr("No technician"));
    EXPECT_THAT(page.body, HasSubstr("Gap &lt;Feed&gt; &amp; Seed"));
    EXPECT_THAT(page.body, HasSubstr("/accounts/" + std::to_string(gap_id) + "/followups/new"));
    EXPECT_THAT(page.body, HasSubstr("The owner asked for Friday"));
    EXPECT_THAT(page.body, HasSubstr("<strong>1</strong> follow-up planned against"));
    Response filtered = manager.get("/hover-gaps?technician=" + std::to_string(tech.user_id.value));
    ASSERT_EQ(filtered.status, 200);
    EXPECT_THAT(filtered.body, Not(HasSubstr("Unowned Gap Clinic")));
    EXPECT_THAT(filtered.body, HasSubstr("Gap &lt;Feed&gt;"));
    EXPECT_EQ(manager.get("/hover-gaps?technician=x").status, 422);
    // A period that ends before it starts is shown by its field, with the default period.
    Response bad = manager.get("/hover-gaps?from=2026-11-20&until=2026-11-01");
    EXPECT_EQ(bad.status, 200);
    EXPECT_THAT(bad.body, HasSubstr("field-error"));
    EXPECT_THAT(manager.get("/hover-gaps?from=2026-11-01&until=2026-11-10").body,
                HasSubstr("<strong>0</strong> follow-ups planned against"));

    // The API: counts per technician, the page of gaps, the override counts.
    Client script = client();
    script.bearer = alpha_.token_secret;
    json gaps = json::parse(script.get("/api/v1/hover-gaps?per_page=1").body);
    EXPECT_EQ(gaps["organisation_total"], 2);
    EXPECT_EQ(gaps["total"], 2);
    EXPECT_EQ(gaps["items"].size(), 1u);
    ASSERT_EQ(gaps["by_technician"].size(), 2u);
    EXPECT_TRUE(gaps["by_technician"][0]["technician_id"].is_null());
    EXPECT_EQ(gaps["by_technician"][1]["technician_name"], "Tech alpha");
    json overrides = json::parse(script.get("/api/v1/policy-overrides").body);
    EXPECT_EQ(overrides["total"], 1);
    EXPECT_EQ(overrides["by_user"][0]["user_id"], tech.user_id.value);
    EXPECT_EQ(overrides["by_account"][0]["account_id"], alpha_.account);
    EXPECT_EQ(overrides["latest"][0]["policy_override_reason"], "The owner asked for Friday");
    EXPECT_EQ(overrides["from"], "2026-10-22");
    EXPECT_EQ(overrides["until"], "2026-11-20");
    EXPECT_EQ(script.get("/api/v1/policy-overrides?from=2026-11-21&until=2026-11-20").status, 422);

    // A technician sees their own gaps, not the counts of others, nor everyone's overrides.
    Client technician = client();
    ASSERT_EQ(technician.sign_in("tech@alpha.test", kPassword).status, 303);
    EXPECT_THAT(technician.get("/").body, Not(HasSubstr("href=\"/hover-gaps\"")));
    Response own = technician.get("/hover-gaps");
    ASSERT_EQ(own.status, 200) << own.body;
    EXPECT_THAT(own.body, HasSubstr("Gap &lt;Feed&gt;"));
    EXPECT_THAT(own.body, Not(HasSubstr("Unowned Gap Clinic")));
    EXPECT_THAT(own.body, Not(HasSubstr("The owner asked for Friday")));
    EXPECT_THAT(own.body, HasSubstr("You planned 1 follow-up against the contact policy"));
    EXPECT_EQ(technician.get("/api/v1/policy-overrides").status, 403);
    EXPECT_EQ(
        technician
            .get("/api/v1/hover-gaps?technician_id=" + std::to_string(alpha_.admin.user_id.value))
            .status,
        403);
    EXPECT_EQ(json::parse(technician.get("/api/v1/hover-gaps").body)["total"], 1);

    // Another organisation sees none of it.
    Client other = client();
    ASSERT_EQ(other.sign_in("admin@bravo.test", kPassword).status, 303);
    Response theirs = other.get("/hover-gaps");
    EXPECT_THAT(theirs.body, Not(HasSubstr("Gap &lt;Feed")));
    EXPECT_THAT(theirs.body, Not(HasSubstr("The owner asked for Friday")));
    EXPECT_EQ(other.get("/hover-gaps?technician=" + std::to_string(tech.user_id.value)).status,
              404);
    Client other_script = client();
    other_script.bearer = bravo_.token_secret;
    EXPECT_EQ(json::parse(other_script.get("/api/v1/policy-overrides").body)["total"], 0);
}

// REQ: F2, F3 (contact-policy pages: organisation defaults for admins and managers, account and
// contact overrides; quiet days as ticks, quiet hours as times; errors by the field)
TEST_F(WebTest, ContactPolicyPagesSetEachLevel) {
    Client admin = client();
    ASSERT_EQ(admin.sign_in(alpha_.admin_email, kPassword).status, 303);
    Response form = admin.get("/policy");
    ASSERT_EQ(form.status, 200) << form.body;
    EXPECT_THAT(form.body, HasSubstr("type=\"time\""));
    EXPECT_THAT(form.body, HasSubstr("name=\"quiet.saturday\""));
    std::vector<std::pair<std::string, std::string>> fields{
        {"min_days_between_touches", "2"}, {"max_touches_per_30_days", ""},
        {"quiet_days_set", "on"},          {"quiet.sunday", "on"},
        {"quiet_from", "19:30"},           {"quiet_until", "07:00"},
        {"preferred_channel", ""},         {"time_zone", "America/Denver"},
        {"ideal_interval_days", "20"},     {"max_interval_days", "10"}};
    Response refused = admin.post_form("/policy", fields);
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_THAT(refused.body, HasSubstr("id=\"f-max_interval_days-error\""));
    EXPECT_THAT(refused.body, HasSubstr("value=\"America&#x2F;Denver\""));  // kept as typed
    EXPECT_EQ(app_->followups()
                  .policy_settings(alpha_.admin, followups::PolicyScope::kOrganisation, 0)
                  .value(),
              followups::PolicySettings{});  // nothing saved
    fields.back().second = "40";
    Response saved = admin.post_form("/policy", fields);
    EXPECT_EQ(saved.status, 303) << saved.body;
    auto org = app_->followups()
                   .policy_settings(alpha_.admin, followups::PolicyScope::kOrganisation, 0)
                   .value();
    EXPECT_EQ(org.min_days_between_touches, 2);
    EXPECT_FALSE(org.max_touches_per_30_days.has_value());
    EXPECT_EQ(org.quiet_weekdays, 1);  // Sunday only
    EXPECT_EQ(org.quiet_from_minute, 19 * 60 + 30);
    EXPECT_EQ(org.quiet_until_minute, 7 * 60);
    EXPECT_EQ(org.time_zone, "America/Denver");
    EXPECT_EQ(org.max_interval_days, 40);
    Response shown = admin.get("/policy");
    EXPECT_THAT(shown.body, HasSubstr("value=\"19:30\""));
    EXPECT_THAT(shown.body, HasSubstr("name=\"quiet.sunday\" role=\"switch\" checked"));

    // An account's override, from the account page; blank fields inherit (the hints say what).
    std::string account = "/accounts/" + std::to_string(alpha_.account);
    EXPECT_THAT(admin.get(account).body, HasSubstr(account + "/policy"));
    Response account_form = admin.get(account + "/policy");
    ASSERT_EQ(account_form.status, 200);
    EXPECT_THAT(account_form.body, HasSubstr("Blank: inherit, now 2."));
    Response account_saved = admin.post_form(account + "/policy", {{"min_days_between_touches", ""},
                                                                   {"max_touches_per_30_days", "2"},
                                                                   {"quiet_from", "12:00"},
                                                                   {"quiet_until", ""},
                                                                   {"preferred_channel", "email"},
                                                                   {"time_zone", ""},
                                                                   {"ideal_interval_days", ""},
                                                                   {"max_interval_days", ""}});
    EXPECT_EQ(account_saved.status, 422);  // both ends of the quiet hours, or neither
    EXPECT_THAT(account_saved.body, HasSubstr("id=\"f-quiet_until-error\""));
    account_saved = admin.post_form(
        account + "/policy", {{"max_touches_per_30_days", "2"}, {"preferred_channel", "email"}});
    EXPECT_EQ(account_saved.status, 303) << account_saved.body;
    auto acc = app_->followups()
                   .policy_settings(alpha_.admin, followups::PolicyScope::kAccount, alpha_.account)
                   .value();
    EXPECT_EQ(acc.max_touches_per_30_days, 2);
    EXPECT_EQ(acc.preferred_channel, records::Channel::kEmail);
    EXPECT_FALSE(acc.quiet_weekdays.has_value());  // unticked: inherited

    // A contact's override has no stay-in-touch fields.
    std::string contact = "/contacts/" + std::to_string(alpha_.contact) + "/policy";
    Response contact_form = admin.get(contact);
    ASSERT_EQ(contact_form.status, 200);
    EXPECT_THAT(contact_form.body, Not(HasSubstr("ideal_interval_days")));
    EXPECT_EQ(
        admin.post_form(contact, {{"quiet_days_set", "on"}, {"time_zone", "Mars/Olympus"}}).status,
        422);
    EXPECT_EQ(admin.post_form(contact, {{"quiet_days_set", "on"}, {"quiet.saturday", "on"}}).status,
              303);
    EXPECT_EQ(app_->followups()
                  .policy_settings(alpha_.admin, followups::PolicyScope::kContact, alpha_.contact)
                  ->quiet_weekdays,
              1 << 6);

    // Technicians change account and contact overrides, not the organisation's defaults.
    Client technician = client();
    ASSERT_EQ(technician.sign_in("tech@alpha.test", kPassword).status, 303);
    EXPECT_EQ(technician.get("/policy").status, 403);
    technician.get(account + "/policy");
    EXPECT_EQ(technician.post_form("/policy", {{"min_days_between_touches", "9"}}).status, 403);
    EXPECT_EQ(technician.get(account + "/policy").status, 200);
}

// REQ: F6 (from the logged call outcomes: who usually lets it go to voicemail, how often they
// answer and the best time to call, on the contact in the account page; nothing of it leaks to
// another organisation)
TEST_F(WebTest, TheAccountPageShowsWhoAnswersAndWhenFromTheCalls) {
    Client browser = client();
    ASSERT_EQ(browser.sign_in("admin@alpha.test", kPassword).status, 303);
    std::string page = "/accounts/" + std::to_string(alpha_.account);
    EXPECT_THAT(browser.get(page).body, AllOf(Not(HasSubstr("Usually lets it go to voicemail")),
                                              Not(HasSubstr("Answered"))));
    for (const char* when : {"2026-11-02T15:00:00Z", "2026-11-09T15:10:00Z", "2026-11-16T20:30:00Z",
                             "2026-11-18T20:45:00Z"}) {
        records::Interaction call;
        call.account_id = AccountId{alpha_.account};
        call.contact_id = ContactId{alpha_.contact};
        call.kind = records::InteractionKind::kCall;
        call.direction = records::Direction::kOutbound;
        std::string_view at(when);
        call.outcome = at.starts_with("2026-11-18") ? records::Outcome::kReached
                                                    : records::Outcome::kVoicemail;
        call.occurred_at = parse_timestamp(when, "when").value();
        ASSERT_TRUE(app_->records().log_interaction(alpha_.admin, call));
    }
    auto reach = app_->followups().reachability(alpha_.admin, ContactId{alpha_.contact}).value();
    ASSERT_TRUE(reach.voicemail_hider);
    ASSERT_TRUE(reach.best_hour);
    std::string body = browser.get(page).body;
    EXPECT_THAT(body,
                AllOf(HasSubstr("Usually lets it go to voicemail"),
                      HasSubstr("Answered 1 of 4 calls, 3 went to voicemail"),
                      HasSubstr(fmt::format("best time to call {:02}:00", *reach.best_hour))));
    // The contact's own time zone decides the local hour on the page too, as for one contact.
    followups::PolicySettings own;
    own.time_zone = "Asia/Tokyo";
    ASSERT_TRUE(app_->followups().set_policy_settings(
        alpha_.admin, followups::PolicyScope::kContact, alpha_.contact, own));
    auto abroad = app_->followups().reachability(alpha_.admin, ContactId{alpha_.contact}).value();
    ASSERT_TRUE(abroad.best_hour);
    ASSERT_NE(*abroad.best_hour, *reach.best_hour);
    EXPECT_THAT(browser.get(page).body,
                HasSubstr(fmt::format("best time to call {:02}:00", *abroad.best_hour)));
    Client bravo = client();
    ASSERT_EQ(bravo.sign_in("admin@bravo.test", kPassword).status, 303);
    EXPECT_EQ(bravo.get(page).status, 404);
    EXPECT_THAT(bravo.get("/accounts/" + std::to_string(bravo_.account)).body,
                Not(HasSubstr("Answered")));
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

// REQ: R8 (files over the 16 MiB upload limit get a page that points to the CLI; other bodies
// keep the 1 MiB limit)
TEST_F(WebTest, AnImportOverSixteenMebibytesSaysToUseTheCommandLine) {
    Client browser = client();
    ASSERT_EQ(browser.sign_in("admin@alpha.test", kPassword).status, 303);
    browser.get("/import");
    std::string big = "name\r\n";
    while (big.size() <= kMaxImportBytes) {
        big += "A company with a long enough name to fill the file quickly\r\n";
    }
    Response r = browser.post_multipart("/import/preview", {{"kind", "accounts"}}, "big.csv", big);
    EXPECT_EQ(r.status, 413);
    EXPECT_THAT(r.body, AllOf(HasSubstr("hover import"), HasSubstr("16 MiB"), HasSubstr("<html")));
    browser.get("/accounts/new");
    Response form = browser.post_form("/accounts", {{"name", std::string(kMaxBodyBytes, 'x')}});
    EXPECT_EQ(form.status, 413);
}

// REQ: R8 (a file over the old 1 MiB limit imports from the web page; a commit that takes longer
// than the page waits shows its progress page, which reloads itself until the result)
TEST_F(WebTest, ALargeImportShowsItsProgressThenItsResult) {
    Router quick = build_router(*app_, session_resolver(app_->auth()), &metrics_,
                                {.import_wait = std::chrono::milliseconds(0)});
    Client browser(quick, metrics_);
    ASSERT_EQ(browser.sign_in("admin@alpha.test", kPassword).status, 303);
    browser.get("/import");
    std::string csv = "name,notes\r\n";
    int rows = 0;
    while (csv.size() <= kMaxBodyBytes + 4096) {
        csv += fmt::format("Bulk Import Co {},{}\r\n", ++rows, std::string(900, 'n'));
    }
    Response preview =
        browser.post_multipart("/import/preview", {{"kind", "accounts"}}, "large.csv", csv);
    ASSERT_EQ(preview.status, 200) << preview.body.substr(0, 2000);
    std::string upload = upload_id(preview.body);
    ASSERT_FALSE(upload.empty());
    browser.get("/import");
    Response started =
        browser.post_form("/import/commit", {{"kind", "accounts"}, {"upload", upload}});
    ASSERT_EQ(started.status, 303) << started.body.substr(0, 2000);
    std::string job = std::string(started.headers.get("Location").value_or(""));
    ASSERT_THAT(job, StartsWith("/import/jobs/"));

    // Another user of another organisation cannot see the job.
    Client bravo = client();
    ASSERT_EQ(bravo.sign_in("admin@bravo.test", kPassword).status, 303);
    EXPECT_EQ(bravo.get(job).status, 404);

    Response page = browser.get(job);
    for (int i = 0;
         i < 1200 && page.status == 200 && page.body.find("import-progress") != std::string::npos;
         ++i) {
        EXPECT_THAT(page.body, AllOf(HasSubstr("http-equiv=\"refresh\" content=\"1\""),
                                     HasSubstr("large.csv is being written")));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        page = browser.get(job);
    }
    ASSERT_EQ(page.status, 200) << page.body.substr(0, 2000);
    EXPECT_THAT(page.body, AllOf(HasSubstr(fmt::format("Imported {} rows from large.csv", rows)),
                                 Not(HasSubstr("http-equiv=\"refresh\""))));
    EXPECT_THAT(browser.get("/accounts?q=Bulk+Import+Co").body, HasSubstr("Bulk Import Co"));
    // The result stays for an hour, then the page says it is gone.
    EXPECT_EQ(browser.get(job).status, 200);
    clock_->advance(std::chrono::minutes(61));
    EXPECT_EQ(browser.get(job).status, 404);
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

// API tests against the real `hover` binary (label api): `hover init` creates two organisations
// in one database, `hover serve --org alpha` and `--org bravo` run side by side, and the tests
// talk HTTP to them. REQ ids name what each test proves.
#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <soci/soci.h>
#include <unistd.h>

#include "storage/database.hpp"
#include "support/hover_process.hpp"
#include "support/test_database.hpp"

namespace hover::testing {
namespace {

using nlohmann::json;
using ::testing::Contains;
using ::testing::HasSubstr;

struct Reply {
    int status = 0;
    json body;
    std::string raw;
    httplib::Headers headers;

    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

std::ostream& operator<<(std::ostream& os, const Reply& r) {
    return os << r.status << " " << r.raw;
}

// A small JSON client for one server.
class Api {
public:
    // Requests carry `token` as a Bearer API token (DESIGN P4); empty: no credentials.
    Api(const HoverServer& server, std::string token) : server_(server), token_(std::move(token)) {}

    Reply send(const std::string& method,
               const std::string& path,
               const std::string& body = {},
               const std::string& content_type = {},
               httplib::Headers headers = {}) const {
        httplib::Request request;
        request.method = method;
        request.path = path;
        request.headers = std::move(headers);
        if (!token_.empty() && !request.headers.contains("Authorization")) {
            request.headers.emplace("Authorization", "Bearer " + token_);
        }
        request.body = body;
        if (!content_type.empty()) {
            request.headers.emplace("Content-Type", content_type);
        }
        auto client = server_.client();
        auto result = client.send(request);
        Reply reply;
        if (!result) {
            ADD_FAILURE() << method << " " << path << ": " << httplib::to_string(result.error());
            return reply;
        }
        reply.status = result->status;
        reply.raw = result->body;
        reply.headers = result->headers;
        if (!reply.raw.empty()) {
            reply.body = json::parse(reply.raw, nullptr, /*allow_exceptions=*/false);
        }
        return reply;
    }
    Reply get(const std::string& path) const { return send("GET", path); }
    Reply post(const std::string& path, const json& body) const {
        return send("POST", path, body.dump(), "application/json");
    }
    Reply patch(const std::string& path, const json& body) const {
        return send("PATCH", path, body.dump(), "application/json");
    }

private:
    const HoverServer& server_;
    std::string token_;
};

// Checks the one error shape of the API (DESIGN P3).
void expect_error(const Reply& r,
                  int status,
                  const std::string& code,
                  const std::string& field = {}) {
    EXPECT_EQ(r.status, status) << r;
    ASSERT_TRUE(r.body.is_object()) << r;
    ASSERT_TRUE(r.body.contains("error")) << r;
    const json& e = r.body["error"];
    EXPECT_EQ(e.value("code", ""), code) << r;
    EXPECT_FALSE(e.value("message", "").empty()) << r;
    EXPECT_EQ(e.value("request_id", ""), r.header("X-Request-Id")) << r;
    EXPECT_FALSE(r.header("X-Request-Id").empty()) << r;
    if (!field.empty()) {
        EXPECT_EQ(e.value("field", ""), field) << r;
    }
    EXPECT_THAT(r.header("Content-Type"), HasSubstr("application/json"));
}

std::string path_of(const std::string& collection, std::int64_t id) {
    return fmt::format("/api/v1/{}/{}", collection, id);
}

std::int64_t id_of(const Reply& r) {
    EXPECT_EQ(r.status, 201) << r;
    return r.body.is_object() ? r.body.value("id", std::int64_t{0}) : 0;
}

// Runs `hover init` for one organisation; returns what went wrong, or "" on success.
std::string init_org(const std::string& db, const std::string& slug) {
    auto r =
        run_hover({"init", "--db", db, "--org-name", slug + " Telecom", "--org-slug", slug,
                   "--admin-email", "admin@" + slug + ".test", "--admin-name", "Admin of " + slug});
    if (r.exit_code != 0) {
        return fmt::format("hover init {} exited with {}:\n{}{}", slug, r.exit_code, r.out, r.err);
    }
    return {};
}

// An API token for the admin of organisation `slug` (made by init_org), from the CLI.
std::string token_for(const std::string& db, const std::string& slug) {
    auto r = run_hover({"user", "token", "create", "admin@" + slug + ".test", "--name", "tests",
                        "--db", db, "--org", slug});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    std::string out = r.out;
    while (!out.empty() && out.back() == '\n') {
        out.pop_back();
    }
    return out.substr(out.rfind('\n') + 1);
}

// Two organisations in one SQLite database, one server each, shared by the tests of the suite.
// They start in the first SetUp rather than in SetUpTestSuite: a failure there would make
// GoogleTest (and so ctest) report the tests as skipped instead of failed.
class RecordsApiTest : public ::testing::Test {
protected:
    static void TearDownTestSuite() {
        alpha_server_.reset();
        bravo_server_.reset();
        db_.reset();
    }
    void SetUp() override {
        if (!started_) {
            started_ = true;
            start_error_ = start_servers();
        }
        ASSERT_EQ(start_error_, "");
    }

    static std::string start_servers() {
        db_ = std::make_unique<TempFile>(".db");
        for (const char* slug : {"alpha", "bravo"}) {
            if (auto error = init_org(db_->path(), slug); !error.empty()) {
                return error;
            }
        }
        alpha_token_ = token_for(db_->path(), "alpha");
        bravo_token_ = token_for(db_->path(), "bravo");
        alpha_server_ = HoverServer::start(db_->path(), {"--org", "alpha"});
        bravo_server_ = HoverServer::start(db_->path(), {"--org", "bravo"});
        if (alpha_server_ == nullptr || bravo_server_ == nullptr) {
            return "hover serve did not start";
        }
        return {};
    }

    Api alpha() const { return Api(*alpha_server_, alpha_token_); }
    Api bravo() const { return Api(*bravo_server_, bravo_token_); }

    // A fresh name, so tests sharing the database do not see each other's rows.
    static std::string unique(const std::string& prefix) {
        static std::atomic<int> counter{0};
        return fmt::format("{} {}x{}", prefix, ::getpid(), counter++);
    }

    static inline bool started_ = false;
    static inline std::string start_error_;
    static inline std::string alpha_token_;
    static inline std::string bravo_token_;
    static std::unique_ptr<TempFile> db_;
    static std::unique_ptr<HoverServer> alpha_server_;
    static std::unique_ptr<HoverServer> bravo_server_;
};

std::unique_ptr<TempFile> RecordsApiTest::db_;
std::unique_ptr<HoverServer> RecordsApiTest::alpha_server_;
std::unique_ptr<HoverServer> RecordsApiTest::bravo_server_;

// REQ: P6
TEST_F(RecordsApiTest, HealthzReportsTheDatabase) {
    Reply r = alpha().get("/healthz");
    EXPECT_EQ(r.status, 200) << r;
    EXPECT_EQ(r.body, (json{{"status", "ok"}, {"database", "ok"}}));
    EXPECT_FALSE(r.header("X-Request-Id").empty());
}

// REQ: P3, R1
TEST_F(RecordsApiTest, CreatesReadsAndPatchesAnAccount) {
    std::string name = unique("Prairie Feed");
    Reply created = alpha().post("/api/v1/accounts", {{"name", name},
                                                      {"status", "customer"},
                                                      {"industry", "Agriculture"},
                                                      {"region", "OK-central"},
                                                      {"annual_revenue_cents", 125000000},
                                                      {"budget_month", 7}});
    std::int64_t id = id_of(created);
    ASSERT_GT(id, 0);
    EXPECT_EQ(created.header("Location"), path_of("accounts", id));
    EXPECT_EQ(created.body["name"], name);
    EXPECT_EQ(created.body["status"], "customer");
    EXPECT_EQ(created.body["annual_revenue_cents"], 125000000);

    Reply read = alpha().get(created.header("Location"));
    EXPECT_EQ(read.status, 200) << read;
    EXPECT_EQ(read.body["name"], name);
    EXPECT_EQ(read.body["industry"], "Agriculture");

    Reply patched = alpha().patch(path_of("accounts", id),
                                  {{"status", "former"}, {"notes", "Moved to a competitor"}});
    EXPECT_EQ(patched.status, 200) << patched;
    EXPECT_EQ(patched.body["status"], "former");
    EXPECT_EQ(patched.body["name"], name) << "PATCH keeps the fields it was not sent";

    Reply again = alpha().get(path_of("accounts", id));
    EXPECT_EQ(again.body["status"], "former");
    EXPECT_EQ(again.body["notes"], "Moved to a competitor");
    EXPECT_EQ(again.body["industry"], "Agriculture");

    Reply overview = alpha().get(path_of("accounts", id) + "/overview");
    EXPECT_EQ(overview.status, 200) << overview;
    EXPECT_TRUE(overview.body.is_object()) << overview;
}

// REQ: P3
TEST_F(RecordsApiTest, ListsAccountsWithFiltersAndPaging) {
    std::string prefix = unique("Paging Co");
    for (int i = 0; i < 5; ++i) {
        Reply r = alpha().post("/api/v1/accounts", {{"name", fmt::format("{} {}", prefix, i)},
                                                    {"status", i < 3 ? "customer" : "prospect"},
                                                    {"region", "KS-west"}});
        ASSERT_EQ(r.status, 201) << r;
    }
    // The client percent-encodes the spaces; the server decodes them.
    std::string q = "q=" + prefix;
    Reply all = alpha().get("/api/v1/accounts?" + q);
    ASSERT_EQ(all.status, 200) << all;
    EXPECT_EQ(all.body["total"], 5);
    EXPECT_EQ(all.body["page"], 1);
    EXPECT_EQ(all.body["per_page"], 50);
    EXPECT_EQ(all.body["items"].size(), 5u);

    Reply page2 = alpha().get("/api/v1/accounts?" + q + "&per_page=2&page=2");
    ASSERT_EQ(page2.status, 200) << page2;
    EXPECT_EQ(page2.body["total"], 5);
    EXPECT_EQ(page2.body["page"], 2);
    EXPECT_EQ(page2.body["per_page"], 2);
    ASSERT_EQ(page2.body["items"].size(), 2u);
    EXPECT_EQ(page2.body["items"][0]["name"], prefix + " 2");  // ordered by name

    Reply last = alpha().get("/api/v1/accounts?" + q + "&per_page=2&page=3");
    EXPECT_EQ(last.body["items"].size(), 1u);

    Reply customers = alpha().get("/api/v1/accounts?" + q + "&status=customer");
    EXPECT_EQ(customers.body["total"], 3);
    Reply region = alpha().get("/api/v1/accounts?" + q + "&region=KS-west&status=prospect");
    EXPECT_EQ(region.body["total"], 2);

    expect_error(alpha().get("/api/v1/accounts?per_page=0"), 422, "invalid_input", "per_page");
    expect_error(alpha().get("/api/v1/accounts?per_page=501"), 422, "invalid_input", "per_page");
    expect_error(alpha().get("/api/v1/accounts?per_page=ten"), 422, "invalid_input", "per_page");
    expect_error(alpha().get("/api/v1/accounts?page=0"), 422, "invalid_input", "page");
    expect_error(alpha().get("/api/v1/accounts?status=happy"), 422, "invalid_input", "status");
    expect_error(alpha().get("/api/v1/accounts?technician_id=x"), 422, "invalid_input",
                 "technician_id");
    EXPECT_EQ(alpha().get("/api/v1/accounts?per_page=500").status, 200);
}

// REQ: P3, R2, R4, R5
TEST_F(RecordsApiTest, SitesAssetsAndLinesNestUnderTheirParents) {
    std::int64_t account = id_of(alpha().post("/api/v1/accounts", {{"name", unique("Nest")}}));
    std::int64_t other = id_of(alpha().post("/api/v1/accounts", {{"name", unique("Other")}}));

    // The parent comes from the path, whatever the body says.
    Reply site = alpha().post(path_of("accounts", account) + "/sites", {{"name", "Main office"},
                                                                        {"account_id", other},
                                                                        {"city", "Enid"},
                                                                        {"state", "OK"},
                                                                        {"tornado_alley", true}});
    std::int64_t site_id = id_of(site);
    ASSERT_GT(site_id, 0);
    EXPECT_EQ(site.header("Location"), path_of("sites", site_id));
    EXPECT_EQ(site.body["account_id"], account);
    EXPECT_EQ(site.body["tornado_alley"], true);

    Reply patched = alpha().patch(path_of("sites", site_id), {{"access_notes", "Ring the bell"}});
    EXPECT_EQ(patched.status, 200) << patched;
    EXPECT_EQ(patched.body["access_notes"], "Ring the bell");
    EXPECT_EQ(patched.body["city"], "Enid");
    EXPECT_EQ(alpha().get(path_of("sites", site_id)).body["access_notes"], "Ring the bell");

    Reply sites = alpha().get(path_of("accounts", account) + "/sites");
    ASSERT_EQ(sites.status, 200) << sites;
    ASSERT_EQ(sites.body["items"].size(), 1u);
    EXPECT_EQ(sites.body["items"][0]["id"], site_id);
    EXPECT_EQ(alpha().get(path_of("accounts", other) + "/sites").body["items"].size(), 0u);

    Reply asset =
        alpha().post(path_of("sites", site_id) + "/assets", {{"category", "pbx"},
                                                             {"make", "Avaya"},
                                                             {"model", "IP Office 500"},
                                                             {"condition", "fair"},
                                                             {"installed_on", "2014-03-01"}});
    std::int64_t asset_id = id_of(asset);
    ASSERT_GT(asset_id, 0);
    EXPECT_EQ(asset.header("Location"), path_of("assets", asset_id));
    EXPECT_EQ(asset.body["site_id"], site_id);
    Reply asset_patch = alpha().patch(path_of("assets", asset_id), {{"condition", "poor"}});
    EXPECT_EQ(asset_patch.status, 200) << asset_patch;
    EXPECT_EQ(alpha().get(path_of("assets", asset_id)).body["condition"], "poor");
    EXPECT_EQ(alpha().get(path_of("sites", site_id) + "/assets").body["items"].size(), 1u);
    EXPECT_EQ(alpha().get(path_of("accounts", account) + "/assets").body["items"].size(), 1u);

    Reply line =
        alpha().post(path_of("sites", site_id) + "/lines", {{"number", "(580) 555-0110"},
                                                            {"carrier", "AT&T"},
                                                            {"type", "pots"},
                                                            {"monthly_charge_cents", 4995}});
    std::int64_t line_id = id_of(line);
    ASSERT_GT(line_id, 0);
    EXPECT_EQ(line.header("Location"), path_of("lines", line_id));
    EXPECT_EQ(line.body["number"]["e164"], "+15805550110");
    Reply line_patch = alpha().patch(path_of("lines", line_id), {{"status", "disconnected"}});
    EXPECT_EQ(line_patch.status, 200) << line_patch;
    EXPECT_EQ(alpha().get(path_of("lines", line_id)).body["status"], "disconnected");
    EXPECT_EQ(alpha().get(path_of("sites", site_id) + "/lines").body["items"].size(), 1u);
    EXPECT_EQ(alpha().get(path_of("accounts", account) + "/lines").body["items"].size(), 1u);

    Reply overview = alpha().get(path_of("accounts", account) + "/overview");
    ASSERT_EQ(overview.status, 200) << overview;
    EXPECT_EQ(overview.body.dump().find("IP Office 500") != std::string::npos, true);
}

// REQ: P3, R3
TEST_F(RecordsApiTest, ContactsWithPhonesAndAccounts) {
    std::int64_t account = id_of(alpha().post("/api/v1/accounts", {{"name", unique("Cedar")}}));
    json contact = {
        {"first_name", "Dana"},
        {"last_name", unique("Okafor")},
        {"accounts",
         {{{"account_id", account}, {"role", "Office manager"}, {"decision_maker", true}}}},
        {"phones", {{{"label", "desk"}, {"number", "(405) 555-0142 x12"}}}},
        {"emails", {{{"label", "work"}, {"address", "dana@cedar.test"}}}},
        {"technical_level", "novice"}};
    Reply created = alpha().post("/api/v1/contacts", contact);
    std::int64_t id = id_of(created);
    ASSERT_GT(id, 0);
    EXPECT_EQ(created.header("Location"), path_of("contacts", id));
    EXPECT_EQ(created.body["phones"][0]["number"]["e164"], "+14055550142");
    EXPECT_EQ(created.body["phones"][0]["number"]["extension"], "12");

    Reply patched = alpha().patch(path_of("contacts", id), {{"do_not_contact", true}});
    EXPECT_EQ(patched.status, 200) << patched;
    EXPECT_EQ(patched.body["do_not_contact"], true);
    EXPECT_EQ(patched.body["first_name"], "Dana");
    EXPECT_EQ(alpha().get(path_of("contacts", id)).body["do_not_contact"], true);

    Reply of_account = alpha().get(path_of("accounts", account) + "/contacts");
    ASSERT_EQ(of_account.status, 200) << of_account;
    EXPECT_EQ(of_account.body["total"], 1);
    EXPECT_EQ(of_account.body["items"][0]["id"], id);
    Reply filtered = alpha().get(fmt::format("/api/v1/contacts?account_id={}&per_page=5", account));
    ASSERT_EQ(filtered.status, 200) << filtered;
    EXPECT_EQ(filtered.body["total"], 1);
    EXPECT_EQ(filtered.body["per_page"], 5);
    Reply everyone = alpha().get("/api/v1/contacts");
    EXPECT_EQ(everyone.status, 200) << everyone;
    EXPECT_GE(everyone.body["total"].get<int>(), 1);
    expect_error(alpha().get("/api/v1/contacts?account_id=abc"), 422, "invalid_input",
                 "account_id");

    // Validation names the field (R3: phones are normalised, a wrong one is refused).
    json bad = {{"first_name", "Eve"},
                {"phones", {{{"label", "mobile"}, {"number", "not a phone"}}}}};
    expect_error(alpha().post("/api/v1/contacts", bad), 422, "invalid_input", "phones[0].number");
    expect_error(alpha().post("/api/v1/contacts", {{"first_name", "Eve"}, {"shoe_size", 9}}), 422,
                 "invalid_input", "shoe_size");
}

// REQ: P3, R6
TEST_F(RecordsApiTest, TimelineAndNotes) {
    std::int64_t account = id_of(alpha().post("/api/v1/accounts", {{"name", unique("Timeline")}}));
    Reply older = alpha().post(path_of("accounts", account) + "/interactions",
                               {{"kind", "call"},
                                {"outcome", "voicemail"},
                                {"occurred_at", "2026-01-05T15:00:00Z"},
                                {"summary", "Left a message about the PBX"}});
    std::int64_t older_id = id_of(older);
    EXPECT_EQ(older.header("Location"), path_of("interactions", older_id));
    EXPECT_EQ(older.body["account_id"], account);
    EXPECT_GT(older.body["user_id"].get<std::int64_t>(), 0) << "nothing is anonymous";
    Reply newer = alpha().post(path_of("accounts", account) + "/interactions",
                               {{"kind", "visit"},
                                {"outcome", "reached"},
                                {"occurred_at", "2026-02-10T09:30:00Z"},
                                {"summary", "Site survey"}});
    std::int64_t newer_id = id_of(newer);

    Reply list = alpha().get(path_of("accounts", account) + "/interactions?per_page=1");
    ASSERT_EQ(list.status, 200) << list;
    EXPECT_EQ(list.body["total"], 2);
    ASSERT_EQ(list.body["items"].size(), 1u);
    EXPECT_EQ(list.body["items"][0]["id"], newer_id) << "newest first";
    Reply page2 = alpha().get(path_of("accounts", account) + "/interactions?per_page=1&page=2");
    EXPECT_EQ(page2.body["items"][0]["id"], older_id);
    Reply one = alpha().get(path_of("interactions", older_id));
    EXPECT_EQ(one.status, 200) << one;
    EXPECT_EQ(one.body["summary"], "Left a message about the PBX");

    Reply note = alpha().post(path_of("accounts", account) + "/notes",
                              {{"body", "Owner plans to replace the PBX next spring"}});
    EXPECT_EQ(note.status, 201) << note;
    EXPECT_EQ(note.body["account_id"], account);
    Reply notes = alpha().get(path_of("accounts", account) + "/notes");
    ASSERT_EQ(notes.status, 200) << notes;
    ASSERT_EQ(notes.body["items"].size(), 1u);
    EXPECT_EQ(notes.body["items"][0]["body"], "Owner plans to replace the PBX next spring");
}

// REQ: P3, R8
TEST_F(RecordsApiTest, SearchAndUsers) {
    std::string word = fmt::format("Zephyrine{}", ::getpid());
    std::int64_t account =
        id_of(alpha().post("/api/v1/accounts", {{"name", word + " Grain Elevator"}}));
    Reply hits = alpha().get("/api/v1/search?q=" + word + "&limit=5");
    ASSERT_EQ(hits.status, 200) << hits;
    ASSERT_GE(hits.body["items"].size(), 1u);
    EXPECT_EQ(hits.body["items"][0]["kind"], "account");
    EXPECT_EQ(hits.body["items"][0]["id"], account);
    expect_error(alpha().get("/api/v1/search?q="), 422, "invalid_input", "q");
    expect_error(alpha().get("/api/v1/search?q=x&limit=0"), 422, "invalid_input", "limit");

    Reply users = alpha().get("/api/v1/users");
    ASSERT_EQ(users.status, 200) << users;
    std::vector<std::string> emails;
    for (const auto& u : users.body["items"]) {
        emails.push_back(u.value("email", ""));
    }
    EXPECT_THAT(emails, Contains("admin@alpha.test"));
    EXPECT_THAT(emails, ::testing::Not(Contains("admin@bravo.test")));
}

// REQ: P3
TEST_F(RecordsApiTest, ProtocolErrorsUseTheErrorShape) {
    expect_error(alpha().get("/api/v1/nothing-here"), 404, "not_found");
    expect_error(alpha().get("/api/v1/accounts/abc"), 404, "not_found");
    expect_error(alpha().get("/api/v1/accounts/0"), 404, "not_found");
    expect_error(alpha().get("/api/v1/accounts/999999999"), 404, "not_found");
    expect_error(alpha().patch("/api/v1/sites/999999999", {{"name", "x"}}), 404, "not_found");

    Reply del = alpha().send("DELETE", "/api/v1/accounts/1");
    expect_error(del, 405, "method_not_allowed");
    EXPECT_EQ(del.header("Allow"), "GET, PATCH");
    Reply put = alpha().send("PUT", "/api/v1/accounts", "{}", "application/json");
    expect_error(put, 405, "method_not_allowed");
    EXPECT_EQ(put.header("Allow"), "GET, POST");

    expect_error(alpha().send("POST", "/api/v1/accounts", R"({"name":"x"})", "text/plain"), 415,
                 "unsupported_media_type");
    expect_error(
        alpha().send("POST", "/api/v1/accounts", "name=x", "application/x-www-form-urlencoded"),
        415, "unsupported_media_type");
    expect_error(alpha().send("PATCH", "/api/v1/accounts/1", R"({"name":"x"})"), 415,
                 "unsupported_media_type");
    EXPECT_EQ(alpha()
                  .send("POST", "/api/v1/accounts", json{{"name", unique("Charset")}}.dump(),
                        "application/json; charset=utf-8")
                  .status,
              201);

    std::string big(1024 * 1024 + 1, ' ');
    expect_error(alpha().send("POST", "/api/v1/accounts", big, "application/json"), 413,
                 "payload_too_large");

    expect_error(alpha().send("POST", "/api/v1/accounts", "{\"name\":", "application/json"), 422,
                 "invalid_input", "body");
    expect_error(alpha().send("POST", "/api/v1/accounts", "[1,2]", "application/json"), 422,
                 "invalid_input", "body");
    expect_error(alpha().post("/api/v1/accounts", {{"name", 42}}), 422, "invalid_input", "name");
    expect_error(alpha().post("/api/v1/accounts", {{"name", "x"}, {"budget_month", 13}}), 422,
                 "invalid_input", "budget_month");
}

// REQ: P6
TEST_F(RecordsApiTest, EveryResponseCarriesARequestId) {
    Reply echoed = alpha().send("GET", "/api/v1/accounts", {}, {}, {{"X-Request-Id", "abc-123"}});
    EXPECT_EQ(echoed.status, 200);
    EXPECT_EQ(echoed.header("X-Request-Id"), "abc-123");

    Reply error = alpha().send("GET", "/api/v1/accounts/0", {}, {}, {{"X-Request-Id", "trace-9"}});
    EXPECT_EQ(error.header("X-Request-Id"), "trace-9");
    EXPECT_EQ(error.body["error"]["request_id"], "trace-9");

    Reply insane =
        alpha().send("GET", "/healthz", {}, {}, {{"X-Request-Id", "<script>alert(1)</script>"}});
    std::string generated = insane.header("X-Request-Id");
    EXPECT_EQ(generated.size(), 16u);
    EXPECT_NE(generated, alpha().get("/healthz").header("X-Request-Id"));
}

// Tenant isolation (DESIGN P1): every route given an id of another organisation answers 404,
// exactly like a missing row, and changes nothing.
// REQ: P1, P3
TEST_F(RecordsApiTest, AnotherOrganisationsRowsAreNotFoundAndUntouched) {
    std::string secret = fmt::format("Quillfeather{}", ::getpid());
    Api b = bravo();
    std::int64_t account = id_of(b.post("/api/v1/accounts", {{"name", secret + " Bank"}}));
    std::int64_t site = id_of(b.post(path_of("accounts", account) + "/sites", {{"name", "Vault"}}));
    std::int64_t asset = id_of(
        b.post(path_of("sites", site) + "/assets", {{"category", "router"}, {"make", "Cisco"}}));
    std::int64_t line = id_of(b.post(path_of("sites", site) + "/lines",
                                     {{"number", "(316) 555-0199"}, {"type", "pots"}}));
    std::int64_t contact = id_of(b.post(
        "/api/v1/contacts", {{"first_name", secret}, {"accounts", {{{"account_id", account}}}}}));
    std::int64_t interaction = id_of(b.post(path_of("accounts", account) + "/interactions",
                                            {{"kind", "call"}, {"summary", "bravo only"}}));
    ASSERT_EQ(b.post(path_of("accounts", account) + "/notes", {{"body", secret}}).status, 201);

    std::vector<std::string> readable = {
        path_of("accounts", account),
        path_of("accounts", account) + "/overview",
        path_of("accounts", account) + "/sites",
        path_of("accounts", account) + "/assets",
        path_of("accounts", account) + "/lines",
        path_of("accounts", account) + "/contacts",
        path_of("accounts", account) + "/interactions",
        path_of("accounts", account) + "/notes",
        path_of("sites", site),
        path_of("sites", site) + "/assets",
        path_of("sites", site) + "/lines",
        path_of("assets", asset),
        path_of("lines", line),
        path_of("contacts", contact),
        path_of("interactions", interaction),
    };
    std::map<std::string, std::string> before;
    for (const auto& path : readable) {
        Reply mine = b.get(path);
        ASSERT_EQ(mine.status, 200) << path << ": " << mine;
        before[path] = mine.raw;
    }

    Api a = alpha();
    for (const auto& path : readable) {
        SCOPED_TRACE("GET " + path);
        expect_error(a.get(path), 404, "not_found");
    }
    expect_error(a.get(fmt::format("/api/v1/contacts?account_id={}", account)), 404, "not_found");

    std::vector<std::pair<std::string, json>> patches = {
        {path_of("accounts", account), {{"name", "hacked"}}},
        {path_of("sites", site), {{"name", "hacked"}}},
        {path_of("assets", asset), {{"make", "hacked"}}},
        {path_of("lines", line), {{"carrier", "hacked"}}},
        {path_of("contacts", contact), {{"first_name", "hacked"}}},
    };
    for (const auto& [path, body] : patches) {
        SCOPED_TRACE("PATCH " + path);
        expect_error(a.patch(path, body), 404, "not_found");
    }
    std::vector<std::pair<std::string, json>> posts = {
        {path_of("accounts", account) + "/sites", {{"name", "hacked"}}},
        {path_of("accounts", account) + "/interactions", {{"kind", "call"}, {"summary", "x"}}},
        {path_of("accounts", account) + "/notes", {{"body", "hacked"}}},
        {path_of("sites", site) + "/assets", {{"category", "pbx"}, {"make", "hacked"}}},
        {path_of("sites", site) + "/lines", {{"circuit_id", "hacked"}, {"type", "ethernet"}}},
    };
    for (const auto& [path, body] : posts) {
        SCOPED_TRACE("POST " + path);
        expect_error(a.post(path, body), 404, "not_found");
    }

    // References to bravo's rows inside alpha's bodies are refused too.
    std::int64_t own = id_of(a.post("/api/v1/accounts", {{"name", unique("Alpha own")}}));
    std::int64_t own_site = id_of(a.post(path_of("accounts", own) + "/sites", {{"name", "HQ"}}));
    Reply linked = a.post("/api/v1/contacts",
                          {{"first_name", "Mallory"}, {"accounts", {{{"account_id", account}}}}});
    EXPECT_THAT(linked.status, ::testing::AnyOf(404, 422)) << linked;
    Reply moved = a.patch(path_of("sites", own_site), {{"account_id", account}});
    EXPECT_THAT(moved.status, ::testing::AnyOf(404, 422)) << moved;
    Reply touch = a.post(path_of("accounts", own) + "/interactions",
                         {{"kind", "call"}, {"contact_id", contact}});
    EXPECT_THAT(touch.status, ::testing::AnyOf(404, 422)) << touch;

    // Nothing of bravo shows in alpha's lists or search.
    Reply listed = a.get("/api/v1/accounts?q=" + secret);
    EXPECT_EQ(listed.body["total"], 0) << listed;
    Reply found = a.get("/api/v1/search?q=" + secret);
    EXPECT_EQ(found.status, 200) << found;
    EXPECT_EQ(found.body["items"].size(), 0u) << found;

    for (const auto& path : readable) {
        EXPECT_EQ(b.get(path).raw, before[path]) << "changed: " << path;
    }
}

// REQ: P6
TEST(RecordsApiServer, StopsCleanlyOnSigterm) {
    TempFile db(".db");
    ASSERT_EQ(init_org(db.path(), "solo"), "");
    auto server = HoverServer::start(db.path(), {"--org", "solo"});
    ASSERT_NE(server, nullptr);
    Api api(*server, token_for(db.path(), "solo"));
    EXPECT_EQ(api.post("/api/v1/accounts", {{"name", "Before shutdown"}}).status, 201);
    EXPECT_EQ(server->stop(), 0);
}

// The same API on PostgreSQL (DESIGN P1: both databases). Skips without
// HOVER_TEST_POSTGRES_URL, except under CI=true where it fails.
// REQ: P1, P3
TEST(RecordsApiPostgres, ServesTheSameApi) {
    if (skip_postgres()) {
        GTEST_SKIP() << "set HOVER_TEST_POSTGRES_URL to run against PostgreSQL";
    }
    auto scratch = ScratchPostgresDatabase::create("hover_api");
    ASSERT_NE(scratch, nullptr);
    const std::string& url = scratch->url();

    ASSERT_EQ(init_org(url, "pg-alpha"), "");
    ASSERT_EQ(init_org(url, "pg-bravo"), "");
    {
        auto alpha_server = HoverServer::start(url, {"--org", "pg-alpha"});
        auto bravo_server = HoverServer::start(url, {"--org", "pg-bravo"});
        ASSERT_NE(alpha_server, nullptr);
        ASSERT_NE(bravo_server, nullptr);
        Api a(*alpha_server, token_for(url, "pg-alpha"));
        Api b(*bravo_server, token_for(url, "pg-bravo"));
        EXPECT_EQ(a.get("/healthz").status, 200);

        std::int64_t account = id_of(a.post("/api/v1/accounts", {{"name", "Osage Ridge Clinic"}}));
        ASSERT_GT(account, 0);
        std::int64_t site =
            id_of(a.post(path_of("accounts", account) + "/sites", {{"name", "Clinic"}}));
        EXPECT_EQ(a.patch(path_of("accounts", account), {{"status", "customer"}}).body["status"],
                  "customer");
        EXPECT_EQ(id_of(a.post(path_of("sites", site) + "/lines",
                               {{"number", "(918) 555-0123"}, {"type", "pots"}})) > 0,
                  true);
        std::int64_t contact = id_of(a.post(
            "/api/v1/contacts", {{"first_name", "Lee"},
                                 {"accounts", {{{"account_id", account}}}},
                                 {"phones", {{{"label", "desk"}, {"number", "918-555-0124"}}}}}));
        EXPECT_GT(contact, 0);
        expect_error(
            a.post("/api/v1/contacts",
                   {{"first_name", "Bad"}, {"phones", {{{"label", "desk"}, {"number", "12"}}}}}),
            422, "invalid_input", "phones[0].number");
        EXPECT_EQ(id_of(a.post(path_of("accounts", account) + "/interactions",
                               {{"kind", "call"}, {"outcome", "reached"}})) > 0,
                  true);
        Reply list = a.get("/api/v1/accounts?per_page=1");
        EXPECT_EQ(list.body["total"], 1);
        Reply hits = a.get("/api/v1/search?q=Osage");
        EXPECT_EQ(hits.body["items"].size(), 1u) << hits;

        // Tenant isolation on PostgreSQL as well.
        expect_error(b.get(path_of("accounts", account)), 404, "not_found");
        expect_error(b.patch(path_of("accounts", account), {{"name", "hacked"}}), 404, "not_found");
        expect_error(b.post(path_of("accounts", account) + "/notes", {{"body", "x"}}), 404,
                     "not_found");
        expect_error(b.get(path_of("sites", site)), 404, "not_found");
        expect_error(b.get(path_of("contacts", contact)), 404, "not_found");
        EXPECT_EQ(a.get(path_of("accounts", account)).body["name"], "Osage Ridge Clinic");

        EXPECT_EQ(alpha_server->stop(), 0);
        EXPECT_EQ(bravo_server->stop(), 0);
    }
}

}  // namespace
}  // namespace hover::testing

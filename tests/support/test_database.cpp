#include "support/test_database.hpp"

#include <atomic>
#include <cstdlib>

#include <fmt/format.h>
#include <soci/soci.h>
#include <unistd.h>

namespace hover::testing {

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
    return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

static bool in_ci() {
    const char* ci = std::getenv("CI");
    return ci != nullptr && std::string(ci) == "true";
}

std::string postgres_test_url() {
    const char* url = std::getenv("HOVER_TEST_POSTGRES_URL");
    if (url == nullptr || *url == '\0') {
        if (in_ci()) {
            ADD_FAILURE() << "CI=true but HOVER_TEST_POSTGRES_URL is not set: the PostgreSQL "
                             "tests must run in CI (scripts/test.sh starts a cluster)";
        }
        return {};
    }
    return url;
}

bool skip_postgres() {
    const char* url = std::getenv("HOVER_TEST_POSTGRES_URL");
    return (url == nullptr || *url == '\0') && !in_ci();
}

std::unique_ptr<TestDatabase> TestDatabase::open(Backend backend) {
    auto t = std::unique_ptr<TestDatabase>(new TestDatabase());
    t->backend_ = backend;
    storage::DatabaseOptions options;
    if (backend == Backend::kSqlite) {
        options.url = ":memory:";
    } else {
        options.url = postgres_test_url();
        if (options.url.empty()) {
            return nullptr;
        }
        static std::atomic<int> counter{0};
        t->schema_ = fmt::format("hover_test_{}_{}", ::getpid(), counter++);
        options.schema = t->schema_;
        t->url_ = options.url;
    }
    auto db = storage::Database::open(options);
    if (!db) {
        ADD_FAILURE() << "cannot open the test database: " << db.error().user_message << " ("
                      << db.error().detail << ")";
        return nullptr;
    }
    t->db_ = std::move(db).value();
    return t;
}

TestDatabase::~TestDatabase() {
    if (!schema_.empty() && db_) {
        try {
            auto s = db_->session();
            *s << ("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
        } catch (const std::exception& e) {
            ADD_FAILURE() << "cannot drop test schema " << schema_ << ": " << e.what();
        }
    }
}

namespace {

// Replaces the database name of a postgresql:// URL.
std::string with_database(const std::string& url, const std::string& name) {
    auto scheme = url.find("://");
    auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    auto query = url.find('?');
    std::string tail = query == std::string::npos ? std::string() : url.substr(query);
    return url.substr(0, slash) + "/" + name + tail;
}

}  // namespace

std::unique_ptr<ScratchPostgresDatabase> ScratchPostgresDatabase::create(
    const std::string& prefix) {
    std::string admin_url = postgres_test_url();
    if (admin_url.empty()) {
        return nullptr;
    }
    static std::atomic<int> counter{0};
    auto scratch = std::unique_ptr<ScratchPostgresDatabase>(new ScratchPostgresDatabase());
    scratch->name_ = fmt::format("{}_{}_{}", prefix, ::getpid(), counter++);
    auto admin = storage::Database::open(
        {.url = admin_url, .pool_size = 1, .migrate = storage::Migrate::kNo});
    if (!admin) {
        ADD_FAILURE() << "cannot open " << admin_url << ": " << admin.error().detail;
        return nullptr;
    }
    scratch->admin_ = std::move(admin).value();
    try {
        auto session = scratch->admin_->session();
        // The name is made here from a fixed prefix, the pid and a counter, not from input.
        *session << ("DROP DATABASE IF EXISTS " + scratch->name_);
        *session << ("CREATE DATABASE " + scratch->name_);
    } catch (const std::exception& e) {
        ADD_FAILURE() << "cannot create " << scratch->name_ << ": " << e.what();
        return nullptr;
    }
    scratch->url_ = with_database(admin_url, scratch->name_);
    return scratch;
}

ScratchPostgresDatabase::~ScratchPostgresDatabase() {
    if (!admin_ || url_.empty()) {
        return;
    }
    try {
        auto session = admin_->session();
        *session << ("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception& e) {
        ADD_FAILURE() << "cannot drop " << name_ << ": " << e.what();
    }
}

}  // namespace hover::testing

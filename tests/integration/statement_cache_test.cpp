// StatementCache: prepared statements kept per session and run again with new values, on both
// databases; deferred (ordered) writes at commit.
#include "storage/statement_cache.hpp"

#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/records/sql_record_store.hpp"
#include "support/hover_process.hpp"
#include "support/result_matchers.hpp"
#include "support/test_database.hpp"

namespace hover::storage {
namespace {

using hover::testing::HasError;
using hover::testing::IsOk;

constexpr const char* kInsertOrg =
    "INSERT INTO organisations (name, slug, phone_region, created_at) "
    "VALUES (:n, :s, :r, :c) RETURNING id";
constexpr const char* kOrgName = "SELECT name FROM organisations WHERE id = :i";

class StatementCacheOnBoth : public ::testing::TestWithParam<hover::testing::Backend> {
protected:
    void SetUp() override {
        HOVER_SKIP_IF_NO_POSTGRES(GetParam());
        db_ = hover::testing::TestDatabase::open(GetParam());
        ASSERT_NE(db_, nullptr);
    }
    Database& db() { return db_->db(); }

    std::int64_t insert_org(StatementCache& q, const std::string& slug) {
        return q.sql(kInsertOrg)
            .bind(std::string("Org ") + slug, slug, std::string("US"),
                  std::string("2026-01-01T00:00:00Z"))
            .returning_id();
    }
    std::optional<std::string> org_name(StatementCache& q, std::int64_t id) {
        return q.sql(kOrgName).bind(id).first([](const RowReader& r) { return r.str(0); });
    }

    std::unique_ptr<hover::testing::TestDatabase> db_;
};

TEST_P(StatementCacheOnBoth, RunsOnePreparedStatementAgainWithNewValues) {
    auto s = db().session();
    StatementCache& q = s.statements();
    std::int64_t a = insert_org(q, "a");
    std::size_t size = q.size();
    std::int64_t b = insert_org(q, "b");
    std::int64_t c = insert_org(q, "c");
    EXPECT_EQ(q.size(), size);  // the same INSERT, prepared once
    EXPECT_NE(a, b);
    EXPECT_NE(b, c);
    EXPECT_EQ(org_name(q, a), "Org a");
    EXPECT_EQ(org_name(q, c), "Org c");
    EXPECT_EQ(org_name(q, 999'999), std::nullopt);
    EXPECT_EQ(org_name(q, b), "Org b");
}

TEST_P(StatementCacheOnBoth, BindsNullsAndCountsChangedRows) {
    auto s = db().session();
    StatementCache& q = s.statements();
    std::int64_t org = insert_org(q, "n");
    constexpr const char* kInsertUser =
        "INSERT INTO users (org_id, email, display_name, role, created_at) "
        "VALUES (:o, :e, :n, :r, :c) RETURNING id";
    std::int64_t user = q.sql(kInsertUser)
                            .bind(org, std::string("u@x.example"), std::string("U"),
                                  std::string("technician"), std::string("2026-01-01T00:00:00Z"))
                            .returning_id();
    constexpr const char* kInsertAccount =
        "INSERT INTO accounts (org_id, name, status, industry, region, annual_revenue_cents, "
        "technician_id, created_at, updated_at) VALUES (:o, :n, 'customer', '', '', :rev, :t, "
        "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id";
    std::optional<std::int64_t> none;
    std::int64_t first = q.sql(kInsertAccount)
                             .bind(org, std::string("First"), std::optional<std::int64_t>(500),
                                   std::optional<std::int64_t>(user))
                             .returning_id();
    std::int64_t second =
        q.sql(kInsertAccount).bind(org, std::string("Second"), none, none).returning_id();
    auto revenue = [&](std::int64_t id) {
        return q.sql("SELECT annual_revenue_cents, technician_id FROM accounts WHERE id = :i")
            .bind(id)
            .first([](const RowReader& r) { return std::make_pair(r.opt_i64(0), r.opt_i64(1)); });
    };
    EXPECT_EQ(revenue(first)->first, 500);
    EXPECT_EQ(revenue(first)->second, user);
    EXPECT_EQ(revenue(second)->first, std::nullopt);
    EXPECT_EQ(revenue(second)->second, std::nullopt);
    long long changed = q.sql("UPDATE accounts SET notes = :n WHERE org_id = :o")
                            .bind(std::string("seen"), org)
                            .exec();
    EXPECT_EQ(changed, 2);
}

TEST_P(StatementCacheOnBoth, TheSameSqlInsideItsOwnRowsRunsOneOff) {
    auto s = db().session();
    StatementCache& q = s.statements();
    std::int64_t a = insert_org(q, "outer");
    insert_org(q, "other");
    std::vector<std::string> seen;
    constexpr const char* kAll = "SELECT id, name FROM organisations WHERE id >= :i ORDER BY id";
    q.sql(kAll).bind(a).each([&](const RowReader& outer) {
        q.sql(kAll).bind(outer.i64(0)).each([&](const RowReader& inner) {
            seen.push_back(outer.str(1) + "/" + inner.str(1));
        });
    });
    EXPECT_THAT(seen, ::testing::ElementsAre("Org outer/Org outer", "Org outer/Org other",
                                             "Org other/Org other"));
}

TEST_P(StatementCacheOnBoth, AStatementThatFailedRunsAgain) {
    auto s = db().session();
    StatementCache& q = s.statements();
    insert_org(q, "dup");
    EXPECT_THROW(insert_org(q, "dup"), std::exception);  // slug is unique
    std::int64_t other = insert_org(q, "fresh");
    EXPECT_EQ(org_name(q, other), "Org fresh");
}

// Decision 0017: on SQLite the cache reads the sqlite3 statement in place, on PostgreSQL a
// soci::row; the same query must read the same values through RowReader on both.
TEST_P(StatementCacheOnBoth, ReadsNullsNumbersAndTextAlikeOnBothDatabases) {
    auto s = db().session();
    StatementCache& q = s.statements();
    std::int64_t org = insert_org(q, "read");
    int rows = 0;
    q.sql(
         "SELECT CAST(NULL AS TEXT), 42, name, CAST(2.5 AS DOUBLE PRECISION), created_at, "
         "CAST(NULL AS BIGINT) FROM organisations WHERE id = :i")
        .bind(org)
        .each([&](const RowReader& r) {
            ++rows;
            EXPECT_TRUE(r.is_null(0));
            EXPECT_EQ(r.str(0), "");
            EXPECT_EQ(r.opt_str(0), std::nullopt);
            EXPECT_EQ(r.i64(1), 42);
            EXPECT_EQ(r.str(1), "42");
            EXPECT_EQ(r.view(2), "Org read");
            EXPECT_DOUBLE_EQ(r.f64(3), 2.5);
            EXPECT_EQ(format_timestamp(r.timestamp(4)), "2026-01-01T00:00:00Z");
            EXPECT_EQ(r.opt_i64(5), std::nullopt);
            EXPECT_EQ(r.i64(5), 0);
        });
    EXPECT_EQ(rows, 1);
}

TEST_P(StatementCacheOnBoth, AFailedStatementIsReportedAsSociReportedIt) {
    auto s = db().session();
    StatementCache& q = s.statements();
    insert_org(q, "twice");
    try {
        insert_org(q, "twice");
        FAIL() << "a second organisation with the same slug was stored";
    } catch (const std::exception& e) {
        EXPECT_EQ(classify(e), DatabaseError::kUniqueViolation) << e.what();
        Error err = to_error(e, "insert_org");
        EXPECT_EQ(err.code, ErrorCode::kConflict);
        EXPECT_EQ(err.user_message, "That record already exists.");
    }
}

TEST_P(StatementCacheOnBoth, ABindWithOtherTypesIsAnError) {
    auto s = db().session();
    StatementCache& q = s.statements();
    std::int64_t a = insert_org(q, "t");
    EXPECT_EQ(org_name(q, a), "Org t");
    EXPECT_THROW(q.sql(kOrgName).bind(std::string("1")).first([](const RowReader&) { return 0; }),
                 soci::soci_error);
    EXPECT_EQ(org_name(q, a), "Org t");
}

TEST_P(StatementCacheOnBoth, DeferredWritesRunInOrderAtCommitAndNotAfterARollback) {
    std::vector<int> ran;
    auto committed = db().transaction([&]() -> Result<Ok> {
        auto s = db().session();
        StatementCache& q = s.statements();
        q.defer(30, [&](StatementCache&) { ran.push_back(30); });
        q.defer(10, [&](StatementCache&) { ran.push_back(10); });
        q.defer(20, [&](StatementCache&) { ran.push_back(21); });
        q.defer(20, [&](StatementCache&) { ran.push_back(22); });
        EXPECT_TRUE(ran.empty());
        return Ok{};
    });
    ASSERT_THAT(committed, IsOk());
    EXPECT_THAT(ran, ::testing::ElementsAre(10, 21, 22, 30));

    ran.clear();
    auto rolled_back = db().transaction([&]() -> Result<Ok> {
        auto s = db().session();
        s.statements().defer(1, [&](StatementCache&) { ran.push_back(1); });
        return Error::invalid("x", "no");
    });
    EXPECT_THAT(rolled_back, HasError(ErrorCode::kInvalidInput));
    EXPECT_TRUE(ran.empty());

    // Outside a transaction a deferred write runs at once.
    auto s = db().session();
    s.statements().defer(5, [&](StatementCache&) { ran.push_back(5); });
    EXPECT_THAT(ran, ::testing::ElementsAre(5));
}

// REQ: R8
TEST_P(StatementCacheOnBoth, SearchSeesRowsWrittenEarlierInItsTransaction) {
    SqlRecordStore store(db());
    auto org = store.insert_organisation({OrgId{}, "A", "a", "US", {}});
    ASSERT_THAT(org, IsOk());
    std::size_t hits = 0;
    auto done = db().transaction([&]() -> Result<Ok> {
        records::Account account;
        account.org_id = *org;
        account.name = "Quillfeather Grain";
        HOVER_TRY(store.insert_account(account));
        hits = HOVER_TRY(store.search(*org, "quillfeather", 10)).size();
        return Ok{};
    });
    ASSERT_THAT(done, IsOk());
    EXPECT_EQ(hits, 1u);
    EXPECT_EQ(store.search(*org, "quillfeather", 10)->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Sqlite,
                         StatementCacheOnBoth,
                         ::testing::Values(hover::testing::Backend::kSqlite),
                         hover::testing::backend_name);
INSTANTIATE_TEST_SUITE_P(Postgres,
                         StatementCacheOnBoth,
                         ::testing::Values(hover::testing::Backend::kPostgres),
                         hover::testing::backend_name);

// A read that stopped after its first row must not keep SQLite's snapshot open: the session's
// next read sees what another connection committed in between.
TEST(StatementCacheSqlite, AnUnfinishedReadDoesNotKeepItsSnapshot) {
    hover::testing::TempFile file(".db");
    auto db = Database::open({.url = file.path()});
    ASSERT_THAT(db, IsOk());
    SqlRecordStore store(**db);
    auto org = store.insert_organisation({OrgId{}, "Before", "b", "US", {}});
    ASSERT_THAT(org, IsOk());
    ASSERT_THAT(store.insert_organisation({OrgId{}, "Second", "s", "US", {}}), IsOk());

    auto s = (*db)->session();
    StatementCache& q = s.statements();
    auto first =
        q.sql("SELECT name FROM organisations ORDER BY id").bind().first([](const RowReader& r) {
            return r.str(0);
        });
    EXPECT_EQ(first, "Before");

    std::thread writer([&] {
        auto renamed = (*db)->transaction([&]() -> Result<Ok> {
            auto w = (*db)->session();
            w.statements()
                .sql("UPDATE organisations SET name = :n WHERE id = :i")
                .bind(std::string("After"), org->value)
                .exec();
            return Ok{};
        });
        EXPECT_THAT(renamed, IsOk());
    });
    writer.join();
    auto again =
        q.sql("SELECT name FROM organisations ORDER BY id").bind().first([](const RowReader& r) {
            return r.str(0);
        });
    EXPECT_EQ(again, "After");
}

}  // namespace
}  // namespace hover::storage

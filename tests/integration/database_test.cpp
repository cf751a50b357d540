// The Database layer: connection strings, migrations, pragmas, transactions, and what a killed
// process leaves behind (DESIGN.md P1).
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "storage/migrations.hpp"
#include "storage/records/sql_record_store.hpp"
#include "support/hover_process.hpp"
#include "support/result_matchers.hpp"
#include "support/test_database.hpp"

namespace hover::storage {
namespace {

using hover::testing::HasError;
using hover::testing::HasFieldError;
using hover::testing::IsOk;

TEST(ConnectionString, AcceptsSqlitePathsAndUris) {
    auto plain = parse_connection_string("var/hover.db");
    ASSERT_THAT(plain, IsOk());
    EXPECT_EQ(plain->dialect, Dialect::kSqlite);
    EXPECT_EQ(plain->display, "var/hover.db");
    EXPECT_EQ(parse_connection_string("sqlite:///tmp/h.db")->display, "/tmp/h.db");
    EXPECT_EQ(parse_connection_string("sqlite://rel.db")->display, "rel.db");
    EXPECT_TRUE(parse_connection_string(":memory:")->in_memory);
}

TEST(ConnectionString, AcceptsPostgresUrisAndHidesThePassword) {
    auto pg = parse_connection_string("postgresql://hover:s3cret@db.internal:5433/hover");
    ASSERT_THAT(pg, IsOk());
    EXPECT_EQ(pg->dialect, Dialect::kPostgres);
    EXPECT_EQ(pg->display, "postgresql://hover:***@db.internal:5433/hover");
    EXPECT_EQ(pg->soci_connect,
              "user='hover' password='s3cret' host='db.internal' port='5433' dbname='hover'");
    EXPECT_EQ(parse_connection_string("postgresql://u%40x@h/d?sslmode=require&connect_timeout=5")
                  ->soci_connect,
              "user='u@x' host='h' dbname='d' sslmode='require' connect_timeout='5'");
    EXPECT_THAT(parse_connection_string("postgresql://u@h:port/d"),
                HasFieldError(ErrorCode::kInvalidInput, "--db"));
    EXPECT_EQ(parse_connection_string("postgres://u@h/d")->dialect, Dialect::kPostgres);
}

TEST(ConnectionString, RejectsOtherSchemesNamingTheFlag) {
    EXPECT_THAT(parse_connection_string("mysql://root@localhost/hover"),
                HasFieldError(ErrorCode::kInvalidInput, "--db"));
    EXPECT_THAT(parse_connection_string(""), HasFieldError(ErrorCode::kInvalidInput, "--db"));
}

TEST(Migrations, SplitStatementsRespectsQuotesAndComments) {
    auto parts = split_sql_statements(
        "CREATE TABLE a (x TEXT DEFAULT 'a;b'); -- comment; here\n"
        "/* block; */ INSERT INTO a VALUES ('it''s;');\n  \n");
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0], "CREATE TABLE a (x TEXT DEFAULT 'a;b')");
    EXPECT_THAT(parts[1], ::testing::HasSubstr("INSERT INTO a VALUES ('it''s;')"));
}

TEST(Migrations, BothDialectsHaveTheSameNumberedSteps) {
    auto lite = migrations_for(Dialect::kSqlite);
    auto pg = migrations_for(Dialect::kPostgres);
    ASSERT_THAT(lite, IsOk());
    ASSERT_THAT(pg, IsOk());
    ASSERT_EQ(lite->size(), pg->size());
    for (std::size_t i = 0; i < lite->size(); ++i) {
        EXPECT_EQ((*lite)[i].version, static_cast<int>(i) + 1);
        EXPECT_EQ((*lite)[i].name, (*pg)[i].name);
        EXPECT_FALSE((*lite)[i].statements.empty());
    }
}

TEST(SqliteDatabase, OpensWithWalForeignKeysAndAppliesMigrationsOnce) {
    hover::testing::TempFile file(".db");
    auto db = Database::open({.url = file.path()});
    ASSERT_THAT(db, IsOk());
    auto version = (*db)->schema_version();
    ASSERT_THAT(version, IsOk());
    EXPECT_EQ(*version, static_cast<int>(migrations_for(Dialect::kSqlite)->size()));
    {
        auto s = (*db)->session();
        std::string mode;
        int fk = 0;
        *s << "PRAGMA journal_mode", soci::into(mode);
        *s << "PRAGMA foreign_keys", soci::into(fk);
        EXPECT_EQ(mode, "wal");
        EXPECT_EQ(fk, 1);
    }
    db->reset();
    auto again = Database::open({.url = file.path()});
    ASSERT_THAT(again, IsOk());
    EXPECT_EQ(*(*again)->migrate(), 0) << "a second start applies nothing";
}

TEST(SqliteDatabase, ForeignKeysAreEnforced) {
    auto db = Database::open({.url = ":memory:"});
    ASSERT_THAT(db, IsOk());
    SqlRecordStore store(**db);
    records::Site orphan;
    orphan.org_id = OrgId{1};
    orphan.account_id = AccountId{999};
    orphan.name = "Nowhere";
    EXPECT_THAT(store.insert_site(orphan), HasError(ErrorCode::kConflict));
}

// Connections are used by one thread at a time (the pool), so SQLite runs in multi-thread mode,
// without a mutex around every call: a connection has no mutex at all then.
TEST(SqliteDatabase, ConnectionsRunWithoutSqlitesPerCallMutex) {
    auto db = Database::open({.url = ":memory:"});
    ASSERT_THAT(db, IsOk());
    auto session = (*db)->session();
    auto* backend = static_cast<soci::sqlite3_session_backend*>((*session).get_backend());
    ASSERT_NE(backend->conn_, nullptr);
    EXPECT_EQ(sqlite_api::sqlite3_db_mutex(backend->conn_), nullptr);
}

TEST(SqliteDatabase, AFileThatIsNotADatabaseIsAClearError) {
    hover::testing::TempFile file(".db");
    {
        FILE* f = std::fopen(file.path().c_str(), "w");
        std::fputs("this is a spreadsheet, not a database\n", f);
        std::fclose(f);
    }
    auto db = Database::open({.url = file.path()});
    ASSERT_THAT(db, HasError(ErrorCode::kUnavailable));
    EXPECT_THAT(db.error().user_message, ::testing::HasSubstr(file.path()));
}

TEST(SqliteDatabase, AMissingFolderIsAClearError) {
    auto db = Database::open({.url = "/nonexistent-folder/hover.db"});
    ASSERT_THAT(db, HasError(ErrorCode::kUnavailable));
    EXPECT_THAT(db.error().user_message, ::testing::HasSubstr("folder"));
}

TEST(SqliteDatabase, ExceptionInsideATransactionRollsBack) {
    auto db = Database::open({.url = ":memory:"});
    ASSERT_THAT(db, IsOk());
    SqlRecordStore store(**db);
    records::Organisation org{OrgId{}, "A", "a", "US", {}};
    auto result = (*db)->transaction([&]() -> Result<Ok> {
        HOVER_TRY(store.insert_organisation(org));
        throw std::runtime_error("boom");
    });
    EXPECT_THAT(result, HasError(ErrorCode::kInternal));
    EXPECT_TRUE(store.list_organisations()->empty());
}

// A process killed in the middle of a transaction leaves the database as it was before the
// transaction: SQLite's WAL discards the uncommitted frames on the next open.
TEST(SqliteDatabase, AKilledWriterLeavesTheDatabaseConsistent) {
    hover::testing::TempFile file(".db");
    {
        auto db = Database::open({.url = file.path()});
        ASSERT_THAT(db, IsOk());
        SqlRecordStore store(**db);
        ASSERT_THAT(store.insert_organisation({OrgId{}, "Kept", "kept", "US", {}}), IsOk());
    }
    int ready[2];
    ASSERT_EQ(::pipe(ready), 0);
    pid_t child = ::fork();
    if (child == 0) {
        auto db = Database::open({.url = file.path()});
        SqlRecordStore store(**db);
        auto never = (*db)->transaction([&]() -> Result<Ok> {
            for (int i = 0; i < 2000; ++i) {
                HOVER_TRY(store.insert_organisation(
                    {OrgId{}, "Lost", "lost-" + std::to_string(i), "US", {}}));
            }
            char c = 'x';
            (void)!::write(ready[1], &c, 1);
            ::pause();  // killed here, before the commit
            return Ok{};
        });
        ::_exit(never ? 0 : 1);
    }
    char c = 0;
    ASSERT_EQ(::read(ready[0], &c, 1), 1);
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    auto db = Database::open({.url = file.path()});
    ASSERT_THAT(db, IsOk());
    SqlRecordStore store(**db);
    auto orgs = store.list_organisations();
    ASSERT_THAT(orgs, IsOk());
    ASSERT_EQ(orgs->size(), 1u);
    EXPECT_EQ(orgs->at(0).slug, "kept");
    auto s = (*db)->session();
    std::string check;
    *s << "PRAGMA integrity_check", soci::into(check);
    EXPECT_EQ(check, "ok");
}

TEST(SqliteDatabase, ATransactionWhileHoldingAnotherDatabasesSessionIsRefused) {
    auto first = Database::open({.url = ":memory:"});
    auto second = Database::open({.url = ":memory:"});
    ASSERT_THAT(first, IsOk());
    ASSERT_THAT(second, IsOk());
    auto held = (*first)->session();
    EXPECT_THAT((*second)->transaction([] { return Result<Ok>{Ok{}}; }),
                HasError(ErrorCode::kInternal));
}

class DatabaseOnBoth : public ::testing::TestWithParam<hover::testing::Backend> {
protected:
    void SetUp() override {
        HOVER_SKIP_IF_NO_POSTGRES(GetParam());
        db_ = hover::testing::TestDatabase::open(GetParam());
        ASSERT_NE(db_, nullptr);
    }
    std::unique_ptr<hover::testing::TestDatabase> db_;
};

// REQ: P1
TEST_P(DatabaseOnBoth, PingAndSchemaVersion) {
    EXPECT_THAT(db_->db().ping(), IsOk());
    EXPECT_THAT(db_->db().schema_version(), IsOk());
    EXPECT_GE(*db_->db().schema_version(), 1);
}

TEST_P(DatabaseOnBoth, EveryBusinessTableCarriesOrgId) {
    auto s = db_->db().session();
    std::vector<std::string> tables = {"users",          "accounts",       "comm_flow_entries",
                                       "sites",          "contacts",       "account_contacts",
                                       "contact_phones", "contact_emails", "assets",
                                       "lines",          "interactions",   "notes"};
    for (const auto& table : tables) {
        long long count = -1;
        // The table name comes from the list above, not from input.
        *s << ("SELECT COUNT(org_id) FROM " + table), soci::into(count);
        EXPECT_EQ(count, 0) << table;
    }
}

TEST_P(DatabaseOnBoth, ConcurrentWritersBothCommit) {
    SqlRecordStore store(db_->db());
    auto org = store.insert_organisation({OrgId{}, "A", "a", "US", {}});
    ASSERT_THAT(org, IsOk());
    // Two threads write through the pool at once; SQLite queues them on the busy timeout.
    auto work = [&](int base) {
        for (int i = 0; i < 20; ++i) {
            auto r = db_->db().transaction([&]() -> Result<Ok> {
                records::User u{
                    UserId{},          *org, "u" + std::to_string(base + i) + "@x.example", "U",
                    Role::kTechnician, {}};
                HOVER_TRY(store.insert_user(u));
                return Ok{};
            });
            EXPECT_THAT(r, IsOk());
        }
    };
    std::thread a(work, 0);
    std::thread b(work, 100);
    a.join();
    b.join();
    EXPECT_EQ(store.list_users(*org)->size(), 40u);
}

INSTANTIATE_TEST_SUITE_P(Sqlite,
                         DatabaseOnBoth,
                         ::testing::Values(hover::testing::Backend::kSqlite),
                         hover::testing::backend_name);
INSTANTIATE_TEST_SUITE_P(Postgres,
                         DatabaseOnBoth,
                         ::testing::Values(hover::testing::Backend::kPostgres),
                         hover::testing::backend_name);

}  // namespace
}  // namespace hover::storage

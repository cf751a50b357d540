// File: tests/support/test_database.hpp
//
// A fresh, migrated database for one test, on SQLite (":memory:") or PostgreSQL.
//
// PostgreSQL comes from HOVER_TEST_POSTGRES_URL (scripts/test.sh starts a throwaway cluster and
// sets it). Each test gets its own schema, dropped afterwards, so tests can run in parallel.
// Without the URL the PostgreSQL cases skip, except under CI=true, where they fail: CI must
// prove both databases.
#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "storage/database.hpp"

namespace hover::testing {

enum class Backend { kSqlite, kPostgres };

std::string backend_name(const ::testing::TestParamInfo<Backend>& info);

// Returns nullptr after calling GTEST_SKIP / ADD_FAILURE when PostgreSQL is not configured.
class TestDatabase {
public:
    static std::unique_ptr<TestDatabase> open(Backend backend);
    ~TestDatabase();
    storage::Database& db() { return *db_; }
    Backend backend() const { return backend_; }

private:
    Backend backend_ = Backend::kSqlite;
    std::string schema_;
    std::string url_;
    std::unique_ptr<storage::Database> db_;
};

// A PostgreSQL database of its own for a test that runs the real binary (which cannot share a
// per-test schema): created from HOVER_TEST_POSTGRES_URL, dropped by the destructor.
// Returns nullptr (after ADD_FAILURE) when it cannot be created.
class ScratchPostgresDatabase {
public:
    static std::unique_ptr<ScratchPostgresDatabase> create(const std::string& prefix);
    ~ScratchPostgresDatabase();
    const std::string& url() const { return url_; }

private:
    std::unique_ptr<storage::Database> admin_;
    std::string name_;
    std::string url_;
};

// The PostgreSQL URL for tests, or empty; fails the current test under CI=true when missing.
std::string postgres_test_url();

// True when the test should skip PostgreSQL (no URL and not CI). Call GTEST_SKIP on true.
bool skip_postgres();

}  // namespace hover::testing

// Use in SetUp() of a TEST_P fixture parameterised on Backend.
#define HOVER_SKIP_IF_NO_POSTGRES(backend)                                           \
    do {                                                                             \
        if ((backend) == ::hover::testing::Backend::kPostgres &&                     \
            ::hover::testing::skip_postgres()) {                                     \
            GTEST_SKIP() << "set HOVER_TEST_POSTGRES_URL to run against PostgreSQL"; \
        }                                                                            \
    } while (false)

// File: storage/migrations.hpp
//
// The numbered schema migrations in src/storage/migrations/, embedded at build time.
// A file is NNNN_what.sql (both databases), or a pair NNNN_what.sqlite.sql and
// NNNN_what.postgres.sql where the dialects differ. Never edit a migration once merged: add one.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "storage/database.hpp"

namespace hover::storage {

struct MigrationFile {
    const char* name;
    const char* sql;
};

struct Migration {
    int version = 0;
    std::string name;
    std::vector<std::string> statements;
};

const std::vector<MigrationFile>& embedded_migrations();

// The migrations for one dialect, in version order; kInternal if the embedded set is malformed
// (a gap in the numbers, a dialect file without its pair).
Result<std::vector<Migration>> migrations_for(Dialect dialect);

// Splits a script on semicolons outside quotes and comments. Exposed for tests.
std::vector<std::string> split_sql_statements(const std::string& script);

}  // namespace hover::storage

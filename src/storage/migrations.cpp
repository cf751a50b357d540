#include "storage/migrations.hpp"

#include <map>

#include <fmt/format.h>

namespace hover::storage {

std::vector<std::string> split_sql_statements(const std::string& script) {
    std::vector<std::string> out;
    std::string current;
    enum class State { kCode, kSingle, kDouble, kLineComment, kBlockComment } state = State::kCode;
    for (std::size_t i = 0; i < script.size(); ++i) {
        char c = script[i];
        char next = i + 1 < script.size() ? script[i + 1] : '\0';
        switch (state) {
            case State::kCode:
                if (c == '-' && next == '-') {
                    state = State::kLineComment;
                    ++i;
                    continue;
                }
                if (c == '/' && next == '*') {
                    state = State::kBlockComment;
                    ++i;
                    continue;
                }
                if (c == '\'') {
                    state = State::kSingle;
                } else if (c == '"') {
                    state = State::kDouble;
                } else if (c == ';') {
                    auto first = current.find_first_not_of(" \t\r\n");
                    if (first != std::string::npos) {
                        out.push_back(current.substr(first));
                    }
                    current.clear();
                    continue;
                }
                current += c;
                break;
            case State::kSingle:
                current += c;
                if (c == '\'') {
                    state = State::kCode;
                }
                break;
            case State::kDouble:
                current += c;
                if (c == '"') {
                    state = State::kCode;
                }
                break;
            case State::kLineComment:
                if (c == '\n') {
                    state = State::kCode;
                    current += '\n';
                }
                break;
            case State::kBlockComment:
                if (c == '*' && next == '/') {
                    state = State::kCode;
                    ++i;
                }
                break;
        }
    }
    auto first = current.find_first_not_of(" \t\r\n");
    if (first != std::string::npos) {
        out.push_back(current.substr(first));
    }
    return out;
}

Result<std::vector<Migration>> migrations_for(Dialect dialect) {
    std::string_view own = dialect == Dialect::kSqlite ? ".sqlite.sql" : ".postgres.sql";
    std::string_view other = dialect == Dialect::kSqlite ? ".postgres.sql" : ".sqlite.sql";
    std::map<int, Migration> by_version;
    for (const auto& file : embedded_migrations()) {
        std::string_view name = file.name;
        if (name.size() < 6 || name[4] != '_') {
            return Error::internal(fmt::format("migration file {} is not NNNN_name.sql", name));
        }
        if (name.ends_with(other)) {
            continue;
        }
        int version = std::stoi(std::string(name.substr(0, 4)));
        std::string base(name.substr(5));
        if (name.ends_with(own)) {
            base = base.substr(0, base.size() - own.size());
        } else {
            base = base.substr(0, base.size() - 4);
        }
        if (by_version.contains(version)) {
            return Error::internal(fmt::format("two migrations numbered {}", version));
        }
        by_version[version] = Migration{version, base, split_sql_statements(file.sql)};
    }
    std::vector<Migration> out;
    int expected = 1;
    for (auto& [version, migration] : by_version) {
        if (version != expected) {
            return Error::internal(fmt::format("migration {} is missing", expected));
        }
        out.push_back(std::move(migration));
        ++expected;
    }
    return out;
}

}  // namespace hover::storage

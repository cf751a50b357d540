// File: domain/dataio/dataio.hpp
//
// The value types of data in and out (DESIGN.md R8): what kinds of records a CSV file can hold,
// how its columns map to fields, what the user decides about duplicates, and what an import
// reports (a preview of the first rows, every error, every duplicate) before anything is written.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace hover::dataio {

enum class RecordKind { kAccounts, kSites, kContacts, kAssets, kLines, kInteractions };

// "accounts", "sites", ... (the CLI's KIND and the stored mapping's kind).
std::string_view kind_name(RecordKind kind);
Result<RecordKind> parse_kind(std::string_view text);  // kInvalidInput listing the kinds
const std::vector<RecordKind>& all_kinds();            // in import order (parents first)

// What happens to a row that matches an existing record (same E.164 phone, same email, the same
// normalised name at the same account, or the same id imported before).
enum class OnDuplicate {
    kAsk,     // flag it; a commit with unanswered duplicates writes nothing
    kUpdate,  // fill the existing record from the row (lists are merged)
    kSkip,    // leave the existing record, ignore the row
    kCreate,  // create a new record anyway
};
std::string_view duplicate_name(OnDuplicate d);
Result<OnDuplicate> parse_on_duplicate(std::string_view text);

// The user's column choices: header (as in the file) -> field name ("" ignores the column).
// Headers not listed are matched automatically (case, spaces and dashes do not matter, and a few
// common names such as "Mobile" or "E-mail" are known).
struct ColumnMapping {
    std::map<std::string, std::string> columns;
    friend bool operator==(const ColumnMapping&, const ColumnMapping&) = default;
};

// One column of the file and the field it was matched to.
struct ColumnUse {
    std::string header;
    std::string field;   // empty: ignored
    std::string letter;  // spreadsheet column letter: "A", "AB"
};

// An error or a warning about one place in the file.
struct Problem {
    std::int64_t row = 0;  // 0: about the whole file
    std::string column;    // header of the column, or empty
    std::string where;     // "contacts.csv row 12, column C (phones)"
    std::string message;   // what is wrong and what to do
};

struct Duplicate {
    std::int64_t row = 0;
    std::int64_t existing_id = 0;
    std::string existing_name;
    std::string reason;  // "same email jo@example.com"
    OnDuplicate action = OnDuplicate::kAsk;
};

struct Progress {
    std::int64_t rows = 0;
    std::uint64_t bytes = 0;
    std::uint64_t total_bytes = 0;  // 0 when unknown
};
using ProgressCallback = std::function<void(const Progress&)>;

enum class ImportMode { kPreview, kCommit };

struct ImportRequest {
    RecordKind kind = RecordKind::kContacts;
    std::string file_name = "import.csv";  // for messages
    ColumnMapping mapping;
    OnDuplicate on_duplicate = OnDuplicate::kAsk;
    std::map<std::int64_t, OnDuplicate> row_choices;  // per row, over on_duplicate
    int preview_rows = 10;
    std::size_t max_problems = 1000;  // then the import stops reading and says so
    ProgressCallback progress;
};

struct ImportReport {
    RecordKind kind = RecordKind::kContacts;
    std::string file_name;
    std::vector<ColumnUse> columns;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> preview;  // the first rows, as read
    std::vector<Problem> errors;                    // every error (up to max_problems)
    std::vector<Problem> warnings;                  // e.g. ignored columns, skipped phones
    std::vector<Duplicate> duplicates;              // the first max_problems of them
    std::int64_t duplicates_total = 0;
    std::int64_t rows = 0;
    std::int64_t created = 0;
    std::int64_t updated = 0;
    std::int64_t skipped = 0;
    bool committed = false;  // true only when every row was written
    bool truncated = false;  // too many problems: the rest of the file was not checked
};

struct ExportSummary {
    std::int64_t rows = 0;
};

// Merging two accounts or two contacts: `drop` goes into `keep`.
enum class MergeKind { kAccounts, kContacts };

struct MergePreview {
    MergeKind kind = MergeKind::kAccounts;
    std::int64_t keep_id = 0;
    std::int64_t drop_id = 0;
    std::string keep_name;
    std::string drop_name;
    // What moves to `keep`: "interactions" -> 12, "notes" -> 3, "sites" -> 2, ...
    std::vector<std::pair<std::string, std::int64_t>> moves;
    bool done = false;
};

// The audit row of a merge.
struct MergeRecord {
    std::int64_t id = 0;
    OrgId org_id;
    MergeKind kind = MergeKind::kAccounts;
    std::int64_t kept_id = 0;
    std::int64_t merged_id = 0;
    std::string merged_name;
    UserId user_id;
    Timestamp merged_at{};
    std::string summary;  // "12 interactions, 3 notes, 2 sites, 1 contact link"
};

}  // namespace hover::dataio

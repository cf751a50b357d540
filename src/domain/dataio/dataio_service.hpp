// File: domain/dataio/dataio_service.hpp
//
// DataioService: data in and out (DESIGN.md R8). CSV import and export of accounts, sites,
// contacts, assets, lines and interactions; vCard import (2.1, 3.0, 4.0) and export (4.0) of
// contacts; duplicate detection on import; merging two accounts or two contacts.
//
// Every row goes through RecordService, so every validation rule of the records applies, and a
// whole import runs in one transaction (RecordService::atomically). New contacts are checked
// once (RecordService::check_new_contact) and written in batches (insert_checked_contacts;
// docs/decisions/0014), still inside that transaction:
//   - preview (ImportMode::kPreview, the CLI's --dry-run, the web app's preview page) runs the
//     very same path and always rolls back: the report lists the first rows, every error and every
//     duplicate, and nothing is written;
//   - commit (ImportMode::kCommit) writes all rows or none: any error, or a duplicate without an
//     answer (OnDuplicate::kAsk), rolls everything back and report.committed stays false.
// The web app calls preview(), shows the report, lets the user adjust the mapping and answer the
// duplicates (ImportRequest::row_choices), then calls import with kCommit on the same bytes.
//
// Errors in the file are not an Error: they are Problems in the report, each naming file, row and
// column ("contacts.csv row 12, column C (phones)") and what to do. An Error is returned only
// when the database fails (kUnavailable, kInternal).
//
// Ids in files: export writes each record's id and its references (account_id, site_id,
// contact_id). Importing a row with an id remembers which record it became (import keys), so the
// references of later files (sites after accounts, assets after sites) find the new records, and
// importing the same row again is a duplicate. A reference with no import key is taken as an id
// of this organisation. Users are written and read by email (technician_email, user_email).
//
// Example:
//   DataioService dataio(records, store, clock);
//   auto source = HOVER_TRY(csv::FileSource::open("contacts.csv"));
//   ImportReport report = HOVER_TRY(dataio.import_csv(actor, request, *source,
//                                                     ImportMode::kPreview));
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/dataio/dataio.hpp"
#include "domain/dataio/dataio_store.hpp"
#include "domain/records/record_service.hpp"
#include "io/csv/csv_reader.hpp"

namespace hover::dataio {

class DataioService {
public:
    DataioService(records::RecordService& records, DataioStore& store, const Clock& clock)
        : records_(records), store_(store), clock_(clock) {}

    Result<ImportReport> import_csv(const Actor& actor,
                                    const ImportRequest& request,
                                    csv::CsvSource& source,
                                    ImportMode mode);

    // vCard contacts: request.kind is ignored (contacts); mapping does not apply. A phone that
    // is not a number ("BusinessPhone") or a birthday without a year is kept in the contact's
    // notes, with a warning.
    Result<ImportReport> import_vcard(const Actor& actor,
                                      const ImportRequest& request,
                                      std::string_view text,
                                      ImportMode mode);

    // Every record of `kind` in the organisation, as CSV with the canonical header
    // (export_columns(kind)); what import_csv reads back.
    Result<ExportSummary> export_csv(const Actor& actor,
                                     RecordKind kind,
                                     std::ostream& out,
                                     const ProgressCallback& progress = {});
    // Every contact as vCard 4.0.
    Result<ExportSummary> export_vcard(const Actor& actor,
                                       std::ostream& out,
                                       const ProgressCallback& progress = {});

    // The canonical columns of a kind (the export header) and every field name import accepts.
    static std::vector<std::string> export_columns(RecordKind kind);
    static std::vector<std::string> import_fields(RecordKind kind);

    // Saved mappings, per organisation, kind and name. save_mapping checks that every field
    // exists (kInvalidInput naming the header otherwise).
    Result<Ok> save_mapping(const Actor& actor,
                            RecordKind kind,
                            std::string_view name,
                            const ColumnMapping& mapping);
    Result<ColumnMapping> load_mapping(const Actor& actor, RecordKind kind, std::string_view name);
    Result<std::vector<std::string>> list_mappings(const Actor& actor, RecordKind kind);

    // Merges `drop` into `keep` (two accounts or two contacts of the actor's organisation).
    // kPreview counts what would move and writes nothing; kCommit moves everything, deletes
    // `drop` and writes an audit row (list_merges). kNotFound for a missing or foreign id,
    // kInvalidInput when keep == drop.
    Result<MergePreview> merge(
        const Actor& actor, MergeKind kind, std::int64_t keep, std::int64_t drop, ImportMode mode);
    Result<std::vector<MergeRecord>> list_merges(const Actor& actor);

private:
    records::RecordService& records_;
    DataioStore& store_;
    const Clock& clock_;
};

}  // namespace hover::dataio

// REQ: R8 (CSV and vCard import and export, all or nothing, row-level errors, duplicates, merge)
#include "domain/dataio/dataio_service.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "app/demo_data.hpp"
#include "io/csv/csv_reader.hpp"
#include "storage/dataio/sql_dataio_store.hpp"
#include "storage/followups/sql_followup_store.hpp"
#include "storage/records/sql_record_store.hpp"
#include "support/result_matchers.hpp"
#include "support/test_database.hpp"
#include "support/test_files.hpp"

namespace hover::dataio {
namespace {

using namespace std::chrono_literals;
using ::hover::testing::Backend;
using ::hover::testing::HasError;
using ::hover::testing::IsOk;
using ::testing::HasSubstr;

constexpr Date kAsOf = std::chrono::year{2026} / 11 / 20;

class DataioTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        HOVER_SKIP_IF_NO_POSTGRES(GetParam());
        db_ = hover::testing::TestDatabase::open(GetParam());
        ASSERT_NE(db_, nullptr);
        store_ = std::make_unique<storage::SqlRecordStore>(db_->db());
        records_ = std::make_unique<records::RecordService>(*store_, clock_);
        dataio_store_ = std::make_unique<storage::SqlDataioStore>(db_->db());
        dataio_ = std::make_unique<DataioService>(*records_, *dataio_store_, clock_);
        a_ = make_org("Cedar Telecom", "cedar");
        b_ = make_org("Other Co", "other");
    }

    Actor make_org(const std::string& name, const std::string& slug) {
        records::Organisation org;
        org.name = name;
        org.slug = slug;
        auto created = records_->create_organisation(org);
        EXPECT_THAT(created, IsOk());
        records::User admin;
        admin.email = "admin@" + slug + ".example";
        admin.display_name = "Admin";
        admin.role = Role::kAdmin;
        EXPECT_THAT(records_->create_user(created->id, admin), IsOk());
        return records_->resolve_actor(slug, "").value();
    }

    ImportReport run(const Actor& actor,
                     RecordKind kind,
                     const std::string& text,
                     ImportMode mode,
                     OnDuplicate on_duplicate = OnDuplicate::kAsk,
                     ColumnMapping mapping = {}) {
        csv::MemorySource source(text);
        ImportRequest request;
        request.kind = kind;
        request.file_name = std::string(kind_name(kind)) + ".csv";
        request.on_duplicate = on_duplicate;
        request.mapping = std::move(mapping);
        auto report = dataio_->import_csv(actor, request, source, mode);
        EXPECT_THAT(report, IsOk());
        return report.value();
    }

    std::int64_t count_contacts(const Actor& actor) {
        return records_->list_contacts(actor, std::nullopt, {1, 1})->total;
    }

    std::string export_text(const Actor& actor, RecordKind kind) {
        std::ostringstream out;
        EXPECT_THAT(dataio_->export_csv(actor, kind, out), IsOk());
        return out.str();
    }

    records::Account account(const Actor& actor, const std::string& name) {
        records::Account a;
        a.name = name;
        return records_->create_account(actor, a).value();
    }

    FixedClock clock_{start_of(kAsOf) + 18h};
    std::unique_ptr<hover::testing::TestDatabase> db_;
    std::unique_ptr<storage::SqlRecordStore> store_;
    std::unique_ptr<records::RecordService> records_;
    std::unique_ptr<storage::SqlDataioStore> dataio_store_;
    std::unique_ptr<DataioService> dataio_;
    Actor a_;
    Actor b_;
};

std::string errors_of(const ImportReport& r) {
    std::string out;
    for (const auto& e : r.errors) {
        out += e.where + ": " + e.message + "\n";
    }
    return out;
}

TEST_P(DataioTest, ImportsSpreadsheetContactsWithSemicolonsBomAndFriendlyHeaders) {
    account(a_, "Prairie Feed & Seed");
    std::string text =
        "\xEF\xBB\xBF"
        "First Name;Last Name;Mobile;E-mail;Company;Favourite colour\r\n"
        "Dana;Whitfield;(405) 555-0142;dana@prairie.example;Prairie Feed & Seed;blue\r\n"
        "Lee;\"Ortiz; Jr\";405.555.0143 x12;;;\r\n";
    auto preview = run(a_, RecordKind::kContacts, text, ImportMode::kPreview);
    EXPECT_TRUE(preview.errors.empty()) << errors_of(preview);
    EXPECT_FALSE(preview.committed);
    EXPECT_EQ(preview.rows, 2);
    ASSERT_EQ(preview.preview.size(), 2u);
    ASSERT_EQ(preview.warnings.size(), 1u);  // the ignored column
    EXPECT_EQ(preview.warnings[0].where, "contacts.csv row 1, column F (Favourite colour)");
    EXPECT_EQ(count_contacts(a_), 0);  // a preview writes nothing

    auto done = run(a_, RecordKind::kContacts, text, ImportMode::kCommit);
    EXPECT_TRUE(done.committed) << errors_of(done);
    EXPECT_EQ(done.created, 2);
    auto list = records_->list_contacts(a_, std::nullopt, {1, 10}).value();
    ASSERT_EQ(list.items.size(), 2u);
    const auto& lee = list.items[0].last_name == "Ortiz; Jr" ? list.items[0] : list.items[1];
    const auto& dana = list.items[0].last_name == "Ortiz; Jr" ? list.items[1] : list.items[0];
    EXPECT_EQ(dana.phones.at(0).number.e164, "+14055550142");
    EXPECT_EQ(dana.phones.at(0).label, "mobile");
    EXPECT_EQ(dana.emails.at(0).address, "dana@prairie.example");
    ASSERT_EQ(dana.accounts.size(), 1u);
    EXPECT_EQ(lee.phones.at(0).number.extension, "12");
}

TEST_P(DataioTest, EveryErrorNamesFileRowAndColumnAndNothingIsWritten) {
    std::string text =
        "first_name,last_name,phone,email,birthday\n"
        "Ana,Ruiz,(405) 555-0100,ana@example.com,1980-02-03\n"
        "Bo,Lin,not a phone,bo@example.com,\n"
        "Cy,Park,,cy-at-example.com,\n"
        ",,,,\n"
        "Di,Shaw,,,2999-01-01\n";
    auto report = run(a_, RecordKind::kContacts, text, ImportMode::kCommit);
    EXPECT_FALSE(report.committed);
    ASSERT_EQ(report.errors.size(), 4u) << errors_of(report);
    EXPECT_EQ(report.errors[0].where, "contacts.csv row 3, column C (phone)");
    EXPECT_EQ(report.errors[1].where, "contacts.csv row 4, column D (email)");
    EXPECT_EQ(report.errors[2].row, 5);
    EXPECT_EQ(report.errors[3].where, "contacts.csv row 6, column E (birthday)");
    EXPECT_EQ(count_contacts(a_), 0);  // all or nothing
}

// Contacts are written in batches (docs/decisions/0014): an error near the end of a file that
// spans several batches still writes nothing, and names its file, row and column.
TEST_P(DataioTest, AnErrorLateInABigFileWritesNothing) {
    std::string text = "first_name,last_name,mobile,email\r\n";
    const int rows = 4500;  // more than two batches
    for (int i = 0; i < rows; ++i) {
        std::string phone = fmt::format("(405) {:03d}-{:04d}", 200 + i / 10000, i % 10000);
        if (i == rows - 10) {
            phone = "405-555-01";  // too short
        }
        text += fmt::format("Ana,Ruiz {},{},ana.{}@example.com\r\n", i, phone, i);
    }
    auto report = run(a_, RecordKind::kContacts, text, ImportMode::kCommit);
    EXPECT_FALSE(report.committed);
    ASSERT_EQ(report.errors.size(), 1u) << errors_of(report);
    EXPECT_EQ(report.errors[0].where,
              fmt::format("contacts.csv row {}, column C (mobile)", rows - 10 + 2));
    EXPECT_THAT(report.errors[0].message, HasSubstr("405-555-01"));
    EXPECT_EQ(report.created, 0);
    EXPECT_EQ(count_contacts(a_), 0);  // the batches written before the error are rolled back
    EXPECT_TRUE(records_->search(a_, "Ruiz").value().empty());

    // Without the bad row: every row, searchable, in the importing organisation only.
    auto bad = fmt::format("405-555-01,ana.{}@", rows - 10);
    auto at = text.find(bad);
    ASSERT_NE(at, std::string::npos);
    text.replace(at, 10, "(405) 201-0000");
    auto done = run(a_, RecordKind::kContacts, text, ImportMode::kCommit);
    EXPECT_TRUE(done.committed) << errors_of(done);
    EXPECT_EQ(done.created, rows);
    EXPECT_EQ(count_contacts(a_), rows);
    EXPECT_EQ(count_contacts(b_), 0);
    auto hits = records_->search(a_, "Ruiz 4321").value();
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(records_->get_contact(a_, ContactId{hits[0].id})->last_name, "Ruiz 4321");
    EXPECT_TRUE(records_->search(b_, "Ruiz").value().empty());
    EXPECT_THAT(records_->get_contact(b_, ContactId{hits[0].id}), HasError(ErrorCode::kNotFound));
    EXPECT_EQ(records_->get_contact(a_, ContactId{hits[0].id})->phones.at(0).number.e164,
              "+14052004321");
}

// Rows earlier in the same file count as duplicates, whether they were written already or still
// wait in the batch; `update` on such a row changes the contact the file created.
TEST_P(DataioTest, DuplicatesOfEarlierRowsOfTheSameFile) {
    std::string text = "first_name,last_name,mobile,email,job_title\n";
    for (int i = 0; i < 2100; ++i) {  // row 2 is in the first batch, the rest wait
        text += fmt::format("Bo,Lin {},(405) 300-{:04d},bo.{}@example.com,\n", i, i, i);
    }
    text += "Bo,Lin again,405.300.0000,,Owner\n";         // row 2102: row 2's phone
    text += "Cy,Park,,BO.2050@example.com,Controller\n";  // row 2103: row 2052's email
    auto preview = run(a_, RecordKind::kContacts, text, ImportMode::kPreview);
    EXPECT_TRUE(preview.errors.empty()) << errors_of(preview);
    ASSERT_EQ(preview.duplicates.size(), 2u);
    EXPECT_EQ(preview.duplicates[0].row, 2102);
    EXPECT_EQ(preview.duplicates[0].existing_name, "Bo Lin 0");
    EXPECT_EQ(preview.duplicates[0].reason, "same phone +14053000000");
    EXPECT_EQ(preview.duplicates[1].row, 2103);
    EXPECT_EQ(preview.duplicates[1].existing_name, "Bo Lin 2050");
    EXPECT_EQ(preview.duplicates[1].reason, "same email bo.2050@example.com");
    EXPECT_EQ(count_contacts(a_), 0);

    auto asked = run(a_, RecordKind::kContacts, text, ImportMode::kCommit);
    EXPECT_FALSE(asked.committed);  // unanswered duplicates write nothing
    ASSERT_EQ(asked.errors.size(), 2u);
    EXPECT_THAT(asked.errors[0].message, HasSubstr("\"Bo Lin 0\" (same phone +14053000000)"));
    EXPECT_EQ(count_contacts(a_), 0);

    auto updated = run(a_, RecordKind::kContacts, text, ImportMode::kCommit, OnDuplicate::kUpdate);
    EXPECT_TRUE(updated.committed) << errors_of(updated);
    EXPECT_EQ(updated.created, 2100);
    EXPECT_EQ(updated.updated, 2);
    EXPECT_EQ(count_contacts(a_), 2100);
    auto bo = records_->get_contact(a_, ContactId{updated.duplicates[0].existing_id}).value();
    EXPECT_EQ(bo.last_name, "Lin again");
    EXPECT_EQ(bo.job_title, "Owner");
    EXPECT_EQ(bo.phones.size(), 1u);  // the same number is not added twice
    auto other = records_->get_contact(a_, ContactId{updated.duplicates[1].existing_id}).value();
    EXPECT_EQ(other.first_name, "Cy");
    EXPECT_EQ(other.job_title, "Controller");
    EXPECT_EQ(other.emails.size(), 1u);
}

TEST_P(DataioTest, BadFilesGetOneClearErrorAndWriteNothing) {
    struct Case {
        std::string text;
        std::string expected;
    };
    const std::vector<Case> cases{
        {"", "is empty"},
        {std::string("PK\x03\x04\x00\x00\x01", 7), "not a CSV file"},
        {"first_name,last_name\nAna,\"Ruiz\nBo,Lin\n", "never closed"},
        {"first_name,last_name\nAna,Ruiz,extra\n", "has 3 fields, but the header has 2"},
        {"first_name,last_name\nAna,Ru\xFFz\n", "not valid UTF-8"},
        {"colour,size\nred,big\n", "No column gives the contact's name"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.expected);
        auto report = run(a_, RecordKind::kContacts, c.text, ImportMode::kCommit);
        EXPECT_FALSE(report.committed);
        ASSERT_FALSE(report.errors.empty());
        EXPECT_THAT(report.errors[0].message, HasSubstr(c.expected));
    }
    EXPECT_EQ(count_contacts(a_), 0);
}

TEST_P(DataioTest, UserMappingAndSavedMappingsPerOrganisation) {
    ColumnMapping mapping;
    mapping.columns["Vorname"] = "first_name";
    mapping.columns["Nachname"] = "last_name";
    mapping.columns["Handy"] = "mobile";
    ASSERT_THAT(dataio_->save_mapping(a_, RecordKind::kContacts, "german", mapping), IsOk());
    auto loaded = dataio_->load_mapping(a_, RecordKind::kContacts, "german");
    ASSERT_THAT(loaded, IsOk());
    EXPECT_EQ(*loaded, mapping);
    EXPECT_THAT(dataio_->load_mapping(b_, RecordKind::kContacts, "german"),
                HasError(ErrorCode::kNotFound));
    ColumnMapping bad;
    bad.columns["X"] = "shoe_size";
    EXPECT_THAT(dataio_->save_mapping(a_, RecordKind::kContacts, "bad", bad),
                HasError(ErrorCode::kInvalidInput));
    auto report =
        run(a_, RecordKind::kContacts, "Vorname,Nachname,Handy\nJörg,Maier,405 555 0199\n",
            ImportMode::kCommit, OnDuplicate::kAsk, *loaded);
    EXPECT_TRUE(report.committed) << errors_of(report);
    EXPECT_EQ(dataio_->list_mappings(a_, RecordKind::kContacts).value(),
              std::vector<std::string>{"german"});
}

// REQ: R8 (duplicates: same E.164 phone, same email, normalised name at the same account)
TEST_P(DataioTest, DuplicatesAreFlaggedAndTheUserChooses) {
    auto acct = account(a_, "Prairie Feed & Seed");
    records::Contact existing;
    existing.first_name = "Dana";
    existing.last_name = "Whitfield";
    existing.accounts = {{acct.id, "", false}};
    existing.emails = {{"", "dana@prairie.example"}};
    existing.phones = {{"desk", records::PhoneNumber{{}, {}, "405-555-0142"}}};
    auto saved = records_->create_contact(a_, existing).value();

    std::string text = fmt::format(
        "first_name,last_name,phone,email,account_id\n"
        "D.,W.,+1 405 555 0142,,\n"                              // same phone
        "Dee,Whit,,DANA@prairie.example,\n"                      // same email
        "dana,WHITFIELD,,,{}\n"                                  // same name, same account
        "Dana,Whitfield,(405) 555-0177,new@prairie.example,\n",  // no account: a new person
        acct.id.value);
    auto preview = run(a_, RecordKind::kContacts, text, ImportMode::kPreview);
    ASSERT_EQ(preview.duplicates.size(), 3u) << errors_of(preview);
    EXPECT_EQ(preview.duplicates[0].reason, "same phone +14055550142");
    EXPECT_EQ(preview.duplicates[1].reason, "same email dana@prairie.example");
    EXPECT_EQ(preview.duplicates[2].reason, "same name at the same account");
    EXPECT_EQ(preview.duplicates[0].existing_id, saved.id.value);
    EXPECT_EQ(preview.duplicates[0].existing_name, "Dana Whitfield");

    auto unanswered = run(a_, RecordKind::kContacts, text, ImportMode::kCommit);
    EXPECT_FALSE(unanswered.committed);
    ASSERT_EQ(unanswered.errors.size(), 3u);
    EXPECT_THAT(unanswered.errors[0].message, HasSubstr("--on-duplicate"));
    EXPECT_EQ(count_contacts(a_), 1);

    auto skipped = run(a_, RecordKind::kContacts, text, ImportMode::kCommit, OnDuplicate::kSkip);
    EXPECT_TRUE(skipped.committed) << errors_of(skipped);
    EXPECT_EQ(skipped.skipped, 3);
    EXPECT_EQ(skipped.created, 1);
    EXPECT_EQ(count_contacts(a_), 2);

    // Per-row choices over the global one: update row 2 (adds nothing new but the email's
    // case), create row 3.
    csv::MemorySource source(
        "first_name,last_name,phone,email\nDana,Whitfield,405 555 0142,dana.w@prairie.example\n");
    ImportRequest request;
    request.kind = RecordKind::kContacts;
    request.on_duplicate = OnDuplicate::kSkip;
    request.row_choices[2] = OnDuplicate::kUpdate;
    auto updated = dataio_->import_csv(a_, request, source, ImportMode::kCommit).value();
    EXPECT_TRUE(updated.committed) << errors_of(updated);
    EXPECT_EQ(updated.updated, 1);
    auto after = records_->get_contact(a_, saved.id).value();
    EXPECT_EQ(after.emails.size(), 2u);  // kept the old email, added the new one
    EXPECT_EQ(after.phones.size(), 1u);  // the same number is not added twice
}

TEST_P(DataioTest, AccountDuplicatesByNormalisedName) {
    account(a_, "Prairie Feed & Seed, Inc.");
    auto report = run(a_, RecordKind::kAccounts, "name,status\nprairie feed seed inc,customer\n",
                      ImportMode::kPreview);
    ASSERT_EQ(report.duplicates.size(), 1u);
    EXPECT_EQ(report.duplicates[0].reason, "same name");
}

// Maps the ids of an export of the importing organisation back to the ids of the source.
std::vector<std::vector<std::string>> read_rows(const std::string& text) {
    csv::MemorySource source(text);
    csv::CsvReader reader(source);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> fields;
    while (reader.next(fields).value()) {
        rows.push_back(fields);
    }
    return rows;
}

// REQ: R8 (an export imported into an empty organisation reproduces it)
TEST_P(DataioTest, ExportImportRoundTripReproducesTheOrganisation) {
    demo::DemoOptions options;
    options.as_of = kAsOf;
    options.accounts = 6;
    ASSERT_THAT(demo::load_demo(*records_, options), IsOk());
    Actor source = records_->resolve_actor("red-dirt", "").value();
    // The users are set up first in the new organisation (users are not imported).
    for (auto u : records_->list_users(source).value()) {
        if (u.email == "admin@other.example") {
            continue;
        }
        u.id = UserId{};
        ASSERT_THAT(records_->create_user(b_.org_id, u), IsOk());
    }
    std::map<RecordKind, std::string> exported;
    for (auto kind : all_kinds()) {
        exported[kind] = export_text(source, kind);
        auto report = run(b_, kind, exported[kind], ImportMode::kCommit, OnDuplicate::kCreate);
        ASSERT_TRUE(report.committed) << kind_name(kind) << "\n" << errors_of(report);
        EXPECT_GT(report.created, 0) << kind_name(kind);
    }
    // Export the new organisation, map its ids back to the source's, compare.
    std::map<RecordKind, std::unordered_map<std::int64_t, std::int64_t>> back;
    for (auto kind : all_kinds()) {
        for (auto [from, to] : dataio_store_->import_keys(b_.org_id, kind_name(kind)).value()) {
            back[kind][to] = from;
        }
    }
    auto map_id = [&](RecordKind kind, const std::string& cell) -> std::string {
        if (cell.empty()) {
            return cell;
        }
        auto it = back[kind].find(std::stoll(cell));
        return it == back[kind].end() ? cell : std::to_string(it->second);
    };
    for (auto kind : all_kinds()) {
        SCOPED_TRACE(kind_name(kind));
        auto original = read_rows(exported[kind]);
        auto copy = read_rows(export_text(b_, kind));
        ASSERT_EQ(copy.size(), original.size());
        const auto& header = copy[0];
        for (std::size_t r = 1; r < copy.size(); ++r) {
            for (std::size_t c = 0; c < header.size(); ++c) {
                std::string& cell = copy[r][c];
                if (header[c] == "id") {
                    cell = map_id(kind, cell);
                } else if (header[c] == "account_id") {
                    cell = map_id(RecordKind::kAccounts, cell);
                } else if (header[c] == "site_id") {
                    cell = map_id(RecordKind::kSites, cell);
                } else if (header[c] == "contact_id") {
                    cell = map_id(RecordKind::kContacts, cell);
                } else if (header[c] == "accounts" && !cell.empty()) {
                    auto links = nlohmann::json::parse(cell);
                    for (auto& l : links) {
                        l["account_id"] =
                            std::stoll(map_id(RecordKind::kAccounts,
                                              std::to_string(l["account_id"].get<std::int64_t>())));
                    }
                    cell = links.dump();
                }
            }
        }
        std::sort(original.begin() + 1, original.end());
        std::sort(copy.begin() + 1, copy.end());
        EXPECT_EQ(copy, original);
    }
}

// REQ: R8 (merging duplicates keeps every interaction, note, asset and line; audited)
TEST_P(DataioTest, MergeAccountsKeepsEverythingAndIsAudited) {
    demo::DemoOptions options;
    options.as_of = kAsOf;
    options.accounts = 4;
    ASSERT_THAT(demo::load_demo(*records_, options), IsOk());
    Actor actor = records_->resolve_actor("red-dirt", "").value();
    auto accounts = records_->list_accounts(actor, {}, {1, 10}).value().items;
    ASSERT_GE(accounts.size(), 2u);
    auto keep = accounts[0].id;
    auto drop = accounts[1].id;
    auto before_keep = records_->list_interactions(actor, keep, {1, 1})->total;
    auto before_drop = records_->list_interactions(actor, drop, {1, 1})->total;
    auto assets = records_->list_assets_of_account(actor, keep)->size() +
                  records_->list_assets_of_account(actor, drop)->size();
    auto lines = records_->list_lines_of_account(actor, keep)->size() +
                 records_->list_lines_of_account(actor, drop)->size();
    auto notes =
        records_->list_notes(actor, keep)->size() + records_->list_notes(actor, drop)->size();

    auto preview =
        dataio_->merge(actor, MergeKind::kAccounts, keep.value, drop.value, ImportMode::kPreview);
    ASSERT_THAT(preview, IsOk());
    EXPECT_FALSE(preview->done);
    EXPECT_EQ(preview->moves[3],
              (std::pair<std::string, std::int64_t>{"interactions", before_drop}));
    EXPECT_THAT(records_->get_account(actor, drop), IsOk());  // a preview changes nothing

    // Another organisation cannot merge (or see) these accounts.
    EXPECT_THAT(
        dataio_->merge(b_, MergeKind::kAccounts, keep.value, drop.value, ImportMode::kCommit),
        HasError(ErrorCode::kNotFound));
    EXPECT_THAT(
        dataio_->merge(b_, MergeKind::kAccounts, keep.value, drop.value, ImportMode::kPreview),
        HasError(ErrorCode::kNotFound));

    auto done =
        dataio_->merge(actor, MergeKind::kAccounts, keep.value, drop.value, ImportMode::kCommit);
    ASSERT_THAT(done, IsOk());
    EXPECT_TRUE(done->done);
    EXPECT_THAT(records_->get_account(actor, drop), HasError(ErrorCode::kNotFound));
    EXPECT_EQ(records_->list_interactions(actor, keep, {1, 1})->total, before_keep + before_drop);
    EXPECT_EQ(records_->list_assets_of_account(actor, keep)->size(), assets);
    EXPECT_EQ(records_->list_lines_of_account(actor, keep)->size(), lines);
    EXPECT_EQ(records_->list_notes(actor, keep)->size(), notes);
    auto audit = dataio_->list_merges(actor).value();
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].kept_id, keep.value);
    EXPECT_EQ(audit[0].merged_id, drop.value);
    EXPECT_EQ(audit[0].user_id, actor.user_id);
    EXPECT_EQ(audit[0].merged_name, accounts[1].name);
    EXPECT_TRUE(dataio_->list_merges(b_).value().empty());
    // The search index follows: the merged account is gone from it.
    auto hits = records_->search(actor, accounts[1].name).value();
    for (const auto& h : hits) {
        EXPECT_FALSE(h.kind == records::SearchKind::kAccount && h.id == drop.value);
    }
}

// REQ: R8, F1 (a merge keeps the follow-ups of the merged-away account and says so first)
TEST_P(DataioTest, MergeAccountsWithFollowupsPreviewsAndMovesThem) {
    auto keep = account(a_, "Prairie Dental");
    auto drop = account(a_, "Prairie Dental LLC");
    storage::SqlFollowupStore followups(db_->db());
    followups::Followup f;
    f.org_id = a_.org_id;
    f.account_id = drop.id;
    f.assigned_to = f.created_by = a_.user_id;
    f.due_on = std::chrono::year{2026} / 11 / 27;
    f.reason = "Ask about the PBX refresh";
    f.created_at = clock_.now();
    auto id = followups.insert_followup(f).value();

    auto preview = dataio_->merge(a_, MergeKind::kAccounts, keep.id.value, drop.id.value,
                                  ImportMode::kPreview);
    ASSERT_THAT(preview, IsOk());
    EXPECT_THAT(preview->moves,
                ::testing::Contains(std::pair<std::string, std::int64_t>{"follow-ups", 1}));
    auto done =
        dataio_->merge(a_, MergeKind::kAccounts, keep.id.value, drop.id.value, ImportMode::kCommit);
    ASSERT_THAT(done, IsOk());
    EXPECT_EQ(followups.find_followup(a_.org_id, id)->account_id, keep.id);
    EXPECT_THAT(dataio_->list_merges(a_).value().at(0).summary, HasSubstr("1 follow-ups"));
}

TEST_P(DataioTest, MergeContactsKeepsPhonesEmailsLinksAndHistory) {
    auto acct1 = account(a_, "One");
    auto acct2 = account(a_, "Two");
    records::Contact k;
    k.first_name = "Dana";
    k.accounts = {{acct1.id, "", false}};
    k.phones = {{"desk", records::PhoneNumber{{}, {}, "405-555-0142"}}};
    auto keep = records_->create_contact(a_, k).value();
    records::Contact d;
    d.first_name = "Dana";
    d.last_name = "Whitfield";
    d.job_title = "Owner";
    d.accounts = {{acct2.id, "Owner", true}};
    d.phones = {{"mobile", records::PhoneNumber{{}, {}, "405-555-0142"}},
                {"home", records::PhoneNumber{{}, {}, "405-555-0199"}}};
    d.emails = {{"", "dana@example.com"}};
    auto drop = records_->create_contact(a_, d).value();
    records::Interaction call;
    call.account_id = acct2.id;
    call.contact_id = drop.id;
    call.summary = "Called about the PBX";
    ASSERT_THAT(records_->log_interaction(a_, call), IsOk());
    records::Note note;
    note.account_id = acct2.id;
    note.contact_id = drop.id;
    note.body = "Prefers mornings";
    ASSERT_THAT(records_->add_note(a_, note), IsOk());

    EXPECT_THAT(
        dataio_->merge(b_, MergeKind::kContacts, keep.id.value, drop.id.value, ImportMode::kCommit),
        HasError(ErrorCode::kNotFound));
    auto preview = dataio_->merge(a_, MergeKind::kContacts, keep.id.value, drop.id.value,
                                  ImportMode::kPreview);
    ASSERT_THAT(preview, IsOk());
    EXPECT_EQ(preview->moves[0].second, 1);  // interactions
    EXPECT_EQ(preview->moves[1].second, 1);  // notes
    EXPECT_EQ(preview->moves[2].second, 1);  // one new phone (the same number is not doubled)
    ASSERT_THAT(
        dataio_->merge(a_, MergeKind::kContacts, keep.id.value, drop.id.value, ImportMode::kCommit),
        IsOk());
    auto merged = records_->get_contact(a_, keep.id).value();
    EXPECT_EQ(merged.phones.size(), 2u);
    EXPECT_EQ(merged.emails.size(), 1u);
    EXPECT_EQ(merged.accounts.size(), 2u);
    EXPECT_EQ(merged.job_title, "Owner");
    EXPECT_THAT(records_->get_contact(a_, drop.id), HasError(ErrorCode::kNotFound));
    auto timeline = records_->list_interactions(a_, acct2.id, {1, 10}).value();
    ASSERT_EQ(timeline.items.size(), 1u);
    EXPECT_EQ(timeline.items[0].contact_id, keep.id);
    EXPECT_EQ(dataio_->list_merges(a_).value().at(0).kind, MergeKind::kContacts);
}

std::filesystem::path vcard_fixtures() {
    return std::filesystem::path(HOVER_SOURCE_DIR) / ".." / "shared" / "fixtures" / "vcard";
}

bool in_ci() {
    const char* ci = std::getenv("CI");
    return ci != nullptr && std::string(ci) == "true";
}

using hover::testing::slurp;

struct VCardExpectation {
    std::string file;
    std::vector<std::string> names;   // display names of the contacts, sorted
    std::vector<std::string> e164;    // every phone of every contact, E.164 (with ;ext), sorted
    std::vector<std::string> emails;  // every email, sorted
    std::size_t warnings;             // phones or birthdays kept in the notes
};

std::string dump_contacts(const std::vector<records::Contact>& contacts) {
    std::string out;
    for (const auto& c : contacts) {
        out += c.display_name() + " |";
        for (const auto& p : c.phones) {
            out +=
                " " + p.number.e164 + (p.number.extension.empty() ? "" : ";" + p.number.extension);
        }
        out += " |";
        for (const auto& e : c.emails) {
            out += " " + e.address;
        }
        out += "\n";
    }
    return out;
}

// REQ: R8 (every vCard fixture imports with its names, E.164 phones and emails)
TEST_P(DataioTest, EveryVCardFixtureImports) {
    if (!std::filesystem::is_directory(vcard_fixtures())) {
        if (in_ci()) {
            FAIL() << "../shared/fixtures/vcard is missing (always present in CI)";
        }
        GTEST_SKIP() << "../shared/fixtures/vcard is absent";
    }
    const std::vector<VCardExpectation> expected{
#include "domain/dataio/vcard_expectations.inc"
    };
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(vcard_fixtures())) {
        files += entry.path().extension() == ".vcf" ? 1u : 0u;
    }
    EXPECT_EQ(files, expected.size());
    int n = 0;
    for (const auto& e : expected) {
        SCOPED_TRACE(e.file);
        Actor actor = make_org("Org " + std::to_string(n), "org-" + std::to_string(n));
        ++n;
        ImportRequest request;
        request.file_name = e.file;
        auto report = dataio_->import_vcard(actor, request, slurp(vcard_fixtures() / e.file),
                                            ImportMode::kCommit);
        ASSERT_THAT(report, IsOk());
        EXPECT_TRUE(report->committed) << errors_of(*report);
        auto contacts = records_->list_contacts(actor, std::nullopt, {1, 100})->items;
        std::vector<std::string> names;
        std::vector<std::string> phones;
        std::vector<std::string> emails;
        for (const auto& c : contacts) {
            names.push_back(c.display_name());
            for (const auto& p : c.phones) {
                phones.push_back(p.number.e164 +
                                 (p.number.extension.empty() ? "" : ";" + p.number.extension));
            }
            for (const auto& m : c.emails) {
                emails.push_back(m.address);
            }
        }
        std::sort(names.begin(), names.end());
        std::sort(phones.begin(), phones.end());
        std::sort(emails.begin(), emails.end());
        EXPECT_EQ(names, e.names) << dump_contacts(contacts);
        EXPECT_EQ(phones, e.e164) << dump_contacts(contacts);
        EXPECT_EQ(emails, e.emails) << dump_contacts(contacts);
        EXPECT_EQ(report->warnings.size(), e.warnings);
    }
}

TEST_P(DataioTest, VCardDuplicatesAndBadFiles) {
    std::string card =
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Whitfield;Dana\r\nTEL;TYPE=CELL:405-555-0142\r\n"
        "END:VCARD\r\n";
    ImportRequest request;
    request.file_name = "a.vcf";
    ASSERT_TRUE(dataio_->import_vcard(a_, request, card, ImportMode::kCommit)->committed);
    auto again = dataio_->import_vcard(a_, request, card, ImportMode::kCommit).value();
    EXPECT_FALSE(again.committed);
    ASSERT_EQ(again.duplicates.size(), 1u);
    EXPECT_EQ(again.duplicates[0].reason, "same phone +14055550142");
    auto broken = dataio_->import_vcard(a_, request, "BEGIN:VCARD\nFN:x\n", ImportMode::kCommit);
    ASSERT_THAT(broken, IsOk());
    ASSERT_EQ(broken->errors.size(), 1u);
    EXPECT_EQ(broken->errors[0].where, "a.vcf line 1");
    EXPECT_EQ(count_contacts(a_), 1);
}

// REQ: R8 (vCard 4.0 export read back by an independent parser: Debian's python3-vobject)
TEST_P(DataioTest, VCardExportIsReadByPythonVobject) {
    if (std::system("/usr/bin/python3 -c 'import vobject' >/dev/null 2>&1") != 0) {
        if (in_ci()) {
            FAIL() << "python3-vobject is missing (scripts/bootstrap.sh installs it)";
        }
        GTEST_SKIP() << "python3-vobject is not installed";
    }
    auto acct = account(a_, "Prairie Feed, Seed & Co");
    records::Contact c;
    c.first_name = "Zoë";
    c.last_name = "O'Neil; Jr";
    c.job_title = "Owner";
    c.accounts = {{acct.id, "", false}};
    c.phones = {{"mobile", records::PhoneNumber{{}, {}, "(405) 555-0142"}},
                {"shop floor", records::PhoneNumber{{}, {}, "405-555-0143 x12"}}};
    c.emails = {{"work", "zoe@example.com"}};
    c.birthday = std::chrono::year{1980} / 3 / 22;
    c.notes = std::string(120, 'n') + "\nSecond line, with a comma; and a semicolon";
    ASSERT_THAT(records_->create_contact(a_, c), IsOk());
    records::Contact plain;
    plain.first_name = "Bo";
    ASSERT_THAT(records_->create_contact(a_, plain), IsOk());
    std::ostringstream out;
    ASSERT_THAT(dataio_->export_vcard(a_, out), IsOk());
    auto dir = std::filesystem::temp_directory_path() /
               ("hover-vcard-" + std::to_string(::getpid()) +
                (GetParam() == Backend::kSqlite ? "-sqlite" : "-postgres"));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "out.vcf", std::ios::binary) << out.str();
    std::ofstream(dir / "read.py") << R"PY(
import json, sys, vobject
cards = []
with open(sys.argv[1], encoding="utf-8") as f:
    for card in vobject.readComponents(f.read()):
        n = card.n.value
        cards.append({
            "fn": card.fn.value,
            "given": n.given, "family": n.family,
            "org": card.org.value[0] if hasattr(card, "org") else "",
            "tels": sorted(t.value for t in card.contents.get("tel", [])),
            "emails": sorted(e.value for e in card.contents.get("email", [])),
            "note": card.note.value if hasattr(card, "note") else "",
            "bday": card.bday.value if hasattr(card, "bday") else "",
        })
json.dump(cards, open(sys.argv[2], "w"))
)PY";
    std::string command = fmt::format("/usr/bin/python3 {} {} {}", (dir / "read.py").string(),
                                      (dir / "out.vcf").string(), (dir / "out.json").string());
    ASSERT_EQ(std::system(command.c_str()), 0) << out.str();
    auto cards = nlohmann::json::parse(slurp(dir / "out.json"));
    std::filesystem::remove_all(dir);
    ASSERT_EQ(cards.size(), 2u);
    const auto& z = cards[1]["given"] == "Zoë" ? cards[1] : cards[0];
    EXPECT_EQ(z["fn"], "Zoë O'Neil; Jr");
    EXPECT_EQ(z["family"], "O'Neil; Jr");
    EXPECT_EQ(z["org"], "Prairie Feed, Seed & Co");
    EXPECT_EQ(z["tels"], nlohmann::json({"tel:+14055550142", "tel:+14055550143;ext=12"}));
    EXPECT_EQ(z["emails"], nlohmann::json({"zoe@example.com"}));
    EXPECT_EQ(z["note"], c.notes);
    EXPECT_EQ(z["bday"], "1980-03-22");
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         DataioTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         hover::testing::backend_name);

}  // namespace
}  // namespace hover::dataio

// `hover import`, `hover export` and `hover merge` as a real process (DESIGN R8, P5): dry runs,
// exit codes, errors naming file, row and column, saved mappings, duplicates, vCard, merge.
#include <fstream>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/hover_process.hpp"

namespace hover::testing {
namespace {

using ::testing::HasSubstr;

std::string show(const CommandResult& r) {
    return "exit " + std::to_string(r.exit_code) + "\n--- stdout\n" + r.out + "--- stderr\n" +
           r.err;
}

void write(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

class DataioCli : public ::testing::Test {
protected:
    void SetUp() override {
        auto r = run_hover({"init", "--db", db_.path(), "--org-slug", "acme"}, env_);
        ASSERT_EQ(r.exit_code, 0) << show(r);
    }
    CommandResult hover(std::vector<std::string> args) {
        args.push_back("--db");
        args.push_back(db_.path());
        return run_hover(args, env_);
    }
    TempFile db_{".db"};
    TempFile csv_{".csv"};
    TempFile out_{".csv"};
    std::map<std::string, std::string> env_{{"HOVER_DB", ""}};
};

// REQ: R8
TEST_F(DataioCli, DryRunThenImportThenExportRoundTrip) {
    write(csv_.path(),
          "Company,Status,Region\r\nPrairie Feed & Seed,customer,OKC metro\r\n"
          "Red Earth Clinic,prospect,Tulsa\r\n");
    auto dry = hover({"import", "accounts", csv_.path(), "--map", "Company=name", "--dry-run"});
    EXPECT_EQ(dry.exit_code, 0) << show(dry);
    EXPECT_THAT(dry.out, HasSubstr("Dry run: 2 rows are ready to import"));
    auto none = hover({"export", "accounts"});
    EXPECT_EQ(none.out,
              "id,name,status,industry,region,annual_revenue_cents,next_refresh_year,"
              "budget_month,comms_flow_notes,comms_flow,technician_email,notes\r\n");

    auto done = hover(
        {"import", "accounts", csv_.path(), "--map", "Company=name", "--save-mapping", "crm"});
    ASSERT_EQ(done.exit_code, 0) << show(done);
    EXPECT_THAT(done.out, HasSubstr("2 created"));
    auto exported = hover({"export", "accounts", "-o", out_.path()});
    ASSERT_EQ(exported.exit_code, 0) << show(exported);
    EXPECT_THAT(exported.out, HasSubstr("Exported 2 accounts"));

    // The saved mapping, and the duplicates it now finds.
    auto again = hover({"import", "accounts", csv_.path(), "--mapping", "crm"});
    EXPECT_EQ(again.exit_code, 65) << show(again);
    EXPECT_THAT(again.out, HasSubstr("same name"));
    auto skipped =
        hover({"import", "accounts", csv_.path(), "--mapping", "crm", "--on-duplicate", "skip"});
    EXPECT_EQ(skipped.exit_code, 0) << show(skipped);
    EXPECT_THAT(skipped.out, HasSubstr("2 skipped"));
}

// REQ: R8
TEST_F(DataioCli, ErrorsNameFileRowAndColumnAndExit65) {
    write(csv_.path(), "first_name,last_name,phone\nAna,Ruiz,(405) 555-0100\nBo,Lin,call me\n");
    auto r = hover({"import", "contacts", csv_.path()});
    EXPECT_EQ(r.exit_code, 65) << show(r);
    EXPECT_THAT(r.out, HasSubstr("row 3, column C (phone)"));
    EXPECT_THAT(r.err, HasSubstr("nothing was imported"));
    auto list = hover({"export", "contacts"});
    EXPECT_EQ(std::count(list.out.begin(), list.out.end(), '\n'), 1) << list.out;  // header only
    auto missing = hover({"import", "contacts", "/nonexistent/x.csv"});
    EXPECT_EQ(missing.exit_code, 66) << show(missing);
    auto kind = hover({"import", "widgets", csv_.path()});
    EXPECT_EQ(kind.exit_code, 65) << show(kind);
}

// REQ: R8
TEST_F(DataioCli, VCardImportExportAndMerge) {
    TempFile vcf(".vcf");
    write(vcf.path(),
          "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Whitfield;Dana\r\nTEL;TYPE=CELL:405-555-0142\r\n"
          "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nN:Whitfield;D.\r\n"
          "EMAIL;INTERNET:dana@example.com\r\nEND:VCARD\r\n");
    auto r = hover({"import", "contacts", vcf.path()});
    ASSERT_EQ(r.exit_code, 0) << show(r);
    EXPECT_THAT(r.out, HasSubstr("2 created"));
    auto preview = hover({"merge", "contacts", "1", "2", "--preview"});
    EXPECT_EQ(preview.exit_code, 0) << show(preview);
    EXPECT_THAT(preview.out, HasSubstr("Would merge #2"));
    auto merged = hover({"merge", "contacts", "1", "2"});
    EXPECT_EQ(merged.exit_code, 0) << show(merged);
    auto card = hover({"export", "contacts", "--format", "vcard"});
    EXPECT_EQ(card.exit_code, 0) << show(card);
    EXPECT_THAT(card.out, HasSubstr("TEL;VALUE=uri;TYPE=cell:tel:+14055550142\r\n"));
    EXPECT_THAT(card.out, HasSubstr("EMAIL:dana@example.com\r\n"));
    EXPECT_EQ(hover({"merge", "contacts", "1", "2"}).exit_code, 66);  // #2 is gone
}

}  // namespace
}  // namespace hover::testing

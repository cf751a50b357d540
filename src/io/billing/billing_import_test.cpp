// REQ: B1 B2
#include "io/billing/billing_import.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/billing/reconcile.hpp"
#include "io/billing/csv_reader.hpp"

namespace hover::io {
namespace {

using ::testing::HasSubstr;

TEST(CsvReader, Rfc4180QuotesLinesAndProblems) {
    CsvReader csv(
        "\xEF\xBB\xBF"
        "a,\"b, with comma\",\"say \"\"hi\"\"\"\r\n"
        "\n"
        "\"two\nlines\",x\n"
        "\"bad\"x,y\n"
        "last,no newline");
    CsvRecord r;
    ASSERT_TRUE(csv.next(r));
    EXPECT_EQ(r.line, 1);
    EXPECT_THAT(r.fields, ::testing::ElementsAre("a", "b, with comma", "say \"hi\""));
    ASSERT_TRUE(csv.next(r));
    EXPECT_EQ(r.line, 3);
    EXPECT_THAT(r.fields, ::testing::ElementsAre("two\nlines", "x"));
    ASSERT_TRUE(csv.next(r));
    EXPECT_EQ(r.line, 5);
    EXPECT_EQ(r.problem, "text after a closing quote");
    ASSERT_TRUE(csv.next(r));
    EXPECT_EQ(r.line, 6);
    EXPECT_THAT(r.fields, ::testing::ElementsAre("last", "no newline"));
    EXPECT_FALSE(csv.next(r));
}

TEST(BillImport, HeaderDetectedNumbersNormalisedChargeTypes) {
    Result<BillImport> b = import_bill_csv(
        "Account,BTN,Service Number,Description,Charge Type,Qty,Amount,Period Start,Period End\n"
        "A,(555) 201-0000,(555) 201-0000,BUSINESS LINE,MRC,1,38.00,2024-05-01,2024-05-31\n"
        "A,,1-555-201-0001,DID,recurring,1,\"1,001.25\",05/01/2024,05/31/2024\n"
        "A,,555.201.0002,LOCAL USAGE,USAGE,23.5,0.47,2024-05-01,2024-05-31\n"
        "A,,45.KXGS.123456..LY,ETHERNET 100M,MRC,1,699.00,2024-05-01,2024-05-31\n"
        "A,,,FEDERAL USF,Taxes,1,12.90,2024-05-01,2024-05-31\n"
        "A,,5552010000,CREDIT,OCC,1,(35.00),2024-05-01,2024-05-31\n",
        {.file_name = "bill.csv"});
    ASSERT_TRUE(b) << b.error().user_message;
    EXPECT_TRUE(b->header);
    EXPECT_TRUE(b->problems.empty());
    ASSERT_EQ(b->lines.size(), 6U);
    EXPECT_EQ(b->lines[0].e164, "+15552010000");
    EXPECT_EQ(b->lines[0].source.line, 2);
    EXPECT_EQ(b->lines[1].e164, "+15552010001");
    EXPECT_EQ(b->lines[1].amount.value, 100125);
    EXPECT_EQ(b->lines[1].period_start, parse_date("2024-05-01", "d").value());
    EXPECT_EQ(b->lines[2].charge_type, billing::ChargeType::kUsage);
    EXPECT_EQ(b->lines[2].quantity_milli, 23500);
    EXPECT_EQ(b->lines[3].e164, "");  // a circuit id is not a number, its money still counts
    EXPECT_EQ(b->lines[3].amount.value, 69900);
    EXPECT_EQ(b->lines[4].charge_type, billing::ChargeType::kTaxes);
    EXPECT_EQ(b->lines[5].charge_type, billing::ChargeType::kOneTime);
    EXPECT_EQ(b->lines[5].amount.value, -3500);
    EXPECT_EQ(b->mapping.columns.at("service_number"), "Service Number");
}

TEST(BillImport, MappingByPositionWithoutHeader) {
    Result<BillColumnMapping> m =
        parse_mapping("service_number=1, amount=3, charge_type=2", "Windstream");
    ASSERT_TRUE(m);
    EXPECT_EQ(format_mapping(*m), "service_number=1,charge_type=2,amount=3");
    Result<BillImport> b = import_bill_csv("405-555-0142,MRC,38.00\n405-555-0143,MRC,9.95\n",
                                           {.file_name = "ws.csv", .mapping = *m});
    ASSERT_TRUE(b) << b.error().user_message;
    EXPECT_FALSE(b->header);
    ASSERT_EQ(b->lines.size(), 2U);
    EXPECT_EQ(b->lines[0].source.line, 1);
    EXPECT_EQ(b->lines[1].e164, "+14055550143");
    // No header and no mapping: say what is needed.
    Result<BillImport> none = import_bill_csv("405-555-0142,MRC,38.00\n", {.file_name = "ws.csv"});
    ASSERT_FALSE(none);
    EXPECT_THAT(none.error().user_message, HasSubstr("--bill-columns"));
    EXPECT_FALSE(parse_mapping("number=3"));
    EXPECT_FALSE(parse_mapping("amount=3"));
    // A mapping by header name that the file lacks.
    Result<BillColumnMapping> named = parse_mapping("service_number=WTN,amount=Charge");
    Result<BillImport> missing =
        import_bill_csv("TN,Charge\n4055550142,1.00\n", {.file_name = "x.csv", .mapping = *named});
    ASSERT_FALSE(missing);
    EXPECT_THAT(missing.error().user_message, HasSubstr("no column \"WTN\""));
}

TEST(BillImport, BadRowsAreProblemsWithLineAndAmount) {
    Result<BillImport> b = import_bill_csv(
        "service_number,charge_type,quantity,amount,period_start\n"
        "5552010000,MRC,1,38.00,2024-05-01\n"
        "5552010001,MRC,x,38.00,2024-05-01\n"
        "5552010002,MRC,1,38.00,May 1\n"
        "555-201-00030,MRC,1,5.00,2024-05-01\n"
        "\"5552010004,MRC,1,5.00,2024-05-01\n",
        {.file_name = "b.csv"});
    ASSERT_TRUE(b);
    ASSERT_EQ(b->problems.size(), 4U);
    EXPECT_EQ(b->problems[0].message(),
              "b.csv line 3: the quantity \"x\" is not a number ($38.00)");
    EXPECT_EQ(b->problems[1].line, 4);
    EXPECT_THAT(b->problems[1].reason, HasSubstr("period_start \"May 1\" is not a date"));
    EXPECT_EQ(b->problems[2].line, 5);  // kept, as a service that is not a number
    EXPECT_TRUE(b->problems[2].row_kept);
    EXPECT_EQ(b->problems[3].line, 6);
    EXPECT_EQ(b->problems[3].reason, "unterminated quote");
    EXPECT_EQ(b->lines.size(), 2U);
}

TEST(VerificationImport, ResultsTimesAndProblems) {
    Result<VerificationImport> v = import_verification_csv(
        "number,location,device,test_result,tested_at,technician\n"
        "(555) 201-0000,Bldg A,FXO port 1,working,2024-06-04 08:01,K. Patel\n"
        "555-201-0001,Bldg A,,No Dial Tone,2024-06-04T08:05:00Z,J. Ortiz\n"
        "555-201-0002,Bldg B,,not in use,2024-06-04 09:00:30,J. Ortiz\n"
        "555-201-0003,Bldg B,,exploded,2024-06-04 09:00,J. Ortiz\n"
        "hello,Bldg B,,working,2024-06-04 09:00,J. Ortiz\n"
        "555-201-0005,Bldg B,,working,yesterday,J. Ortiz\n",
        {.file_name = "v.csv"});
    ASSERT_TRUE(v) << v.error().user_message;
    ASSERT_EQ(v->results.size(), 3U);
    EXPECT_EQ(v->results[0].e164, "+15552010000");
    EXPECT_EQ(v->results[0].tested_at, parse_timestamp("2024-06-04T08:01:00Z", "t").value());
    EXPECT_EQ(v->results[1].result, billing::TestResult::kNoDialTone);
    EXPECT_EQ(v->results[2].result, billing::TestResult::kNotInUse);
    ASSERT_EQ(v->problems.size(), 3U);
    EXPECT_THAT(v->problems[0].message(), HasSubstr("v.csv line 5: unknown test result"));
    EXPECT_EQ(v->problems[1].line, 6);
    EXPECT_EQ(v->problems[2].line, 7);
    EXPECT_THAT(v->problems[2].reason, HasSubstr("tested_at"));
}

// REQ: B2 B4 (bandwidth billed above what was delivered: the speed test on site is the evidence)
TEST(VerificationImport, MeasuredSpeedsAreTheBandwidthEvidence) {
    auto v = import_verification_csv(
        "number,test_result,tested_at,technician,measured_mbps\n"
        "45.KXGS.123456..LY,working,2026-10-02 10:00,Rosa,48.5\n"
        "405-555-0100,working,2026-10-02 10:05,Rosa,\n"
        "405-555-0101,working,2026-10-02 10:06,Rosa,9.8\n"
        "45.KXGS.999999..LY,working,2026-10-02 10:07,Rosa,fast\n",
        {.file_name = "verified.csv"});
    ASSERT_TRUE(v) << v.error().user_message;
    ASSERT_EQ(v->results.size(), 2u);  // the two phone lines
    ASSERT_EQ(v->bandwidth.size(), 2u);
    EXPECT_EQ(v->bandwidth[0].service_id, "45.KXGS.123456..LY");
    EXPECT_DOUBLE_EQ(v->bandwidth[0].measured_mbps, 48.5);
    EXPECT_EQ(v->bandwidth[0].source.line, 2);
    EXPECT_EQ(v->bandwidth[1].service_id, "+14055550101");
    ASSERT_EQ(v->problems.size(), 1u);
    EXPECT_EQ(v->problems[0].line, 5);
    EXPECT_THAT(v->problems[0].reason, HasSubstr("\"fast\" is not a speed"));

    auto bill = import_bill_csv(
        "service_number,description,charge_type,amount,period_start,period_end\n"
        "45.KXGS.123456..LY,ETHERNET DEDICATED INTERNET 100M,MRC,600.00,2026-09-01,2026-09-30\n",
        {.file_name = "bill.csv"});
    ASSERT_TRUE(bill) << bill.error().user_message;
    billing::ReviewInput in;
    in.bill = bill->lines;
    in.bandwidth = v->bandwidth;  // the two working lines are not billed: left out here
    billing::ReviewResult r = billing::reconcile(in);
    ASSERT_EQ(r.findings.size(), 1u);
    const billing::Finding& f = r.findings[0];
    EXPECT_EQ(f.type, billing::FindingType::kBandwidthOverbilled);
    EXPECT_EQ(f.number, "45.KXGS.123456..LY");
    EXPECT_EQ(f.monthly_amount.value, 30900);  // $600 x (100 - 48.5) / 100
    EXPECT_EQ(f.description, "100 Mbit/s billed, 48.5 Mbit/s measured");
    EXPECT_EQ(f.evidence[0].text, "verified.csv line 2: measured 48.5 Mbit/s");
}

}  // namespace
}  // namespace hover::io

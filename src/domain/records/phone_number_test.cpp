#include "domain/records/phone_number.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/result_matchers.hpp"

namespace hover::records {
namespace {

using ::hover::testing::HasFieldError;
using ::hover::testing::IsOk;
using ::testing::HasSubstr;

// REQ: R3
TEST(NormalizePhone, UsNumberBecomesE164AndKeepsWhatWasTyped) {
    auto p = normalize_phone("(405) 555-0142", "US", "phones[0].number");
    ASSERT_THAT(p, IsOk());
    EXPECT_EQ(p->e164, "+14055550142");
    EXPECT_EQ(p->extension, "");
    EXPECT_EQ(p->as_typed, "(405) 555-0142");
}

// REQ: R3
TEST(NormalizePhone, SplitsOffTheExtension) {
    auto p = normalize_phone("(405) 555-0142 x12", "US", "phones[0].number");
    ASSERT_THAT(p, IsOk());
    EXPECT_EQ(p->e164, "+14055550142");
    EXPECT_EQ(p->extension, "12");
    EXPECT_EQ(p->as_typed, "(405) 555-0142 x12");

    auto q = normalize_phone("405.555.0142 ext. 7", "US", "number");
    ASSERT_THAT(q, IsOk());
    EXPECT_EQ(q->e164, "+14055550142");
    EXPECT_EQ(q->extension, "7");
}

// REQ: R3
TEST(NormalizePhone, AcceptsTheFormsPeopleType) {
    for (const char* typed : {"405-555-0142", "4055550142", "1 405 555 0142", "+1 405 555 0142",
                              "+14055550142", "  (405) 555-0142  "}) {
        auto p = normalize_phone(typed, "US", "number");
        ASSERT_THAT(p, IsOk()) << typed;
        EXPECT_EQ(p->e164, "+14055550142") << typed;
    }
}

TEST(NormalizePhone, TrimsTheTypedText) {
    auto p = normalize_phone("  405-555-0142\t", "US", "number");
    ASSERT_THAT(p, IsOk());
    EXPECT_EQ(p->as_typed, "405-555-0142");
}

TEST(NormalizePhone, InternationalNumbersWithPlusIgnoreTheRegion) {
    auto p = normalize_phone("+44 20 7946 0958", "US", "number");
    ASSERT_THAT(p, IsOk());
    EXPECT_EQ(p->e164, "+442079460958");
}

TEST(NormalizePhone, UsesTheDefaultRegion) {
    auto p = normalize_phone("020 7946 0958", "GB", "number");
    ASSERT_THAT(p, IsOk());
    EXPECT_EQ(p->e164, "+442079460958");
}

TEST(NormalizePhone, AcceptsTheFictional555Range) {
    EXPECT_THAT(normalize_phone("(580) 555-0199", "US", "number"), IsOk());
}

TEST(NormalizePhone, EmptyIsAnErrorOnTheField) {
    auto p = normalize_phone("   ", "US", "phones[2].number");
    EXPECT_THAT(p, HasFieldError(ErrorCode::kInvalidInput, "phones[2].number"));
    EXPECT_THAT(p.error().user_message, HasSubstr("empty"));
}

TEST(NormalizePhone, TextThatIsNotANumberNamesTheField) {
    auto p = normalize_phone("call the front desk", "US", "phones[1].number");
    EXPECT_THAT(p, HasFieldError(ErrorCode::kInvalidInput, "phones[1].number"));
}

TEST(NormalizePhone, WrongLengthsAreRejected) {
    auto short_number = normalize_phone("405-555-01", "US", "number");
    EXPECT_THAT(short_number, HasFieldError(ErrorCode::kInvalidInput, "number"));
    auto long_number = normalize_phone("405-555-0142-9999-1", "US", "number");
    EXPECT_THAT(long_number, HasFieldError(ErrorCode::kInvalidInput, "number"));
}

TEST(NormalizePhone, SevenDigitsNeedTheAreaCode) {
    auto p = normalize_phone("555-0142", "US", "number");
    EXPECT_THAT(p, HasFieldError(ErrorCode::kInvalidInput, "number"));
    EXPECT_THAT(p.error().user_message, HasSubstr("area code"));
}

TEST(FormatPhoneNational, NumbersOfTheRegionAreNational) {
    EXPECT_EQ(format_phone_national("+14055550142", "US"), "(405) 555-0142");
}

TEST(FormatPhoneNational, OtherNumbersAreInternational) {
    EXPECT_EQ(format_phone_national("+442079460958", "US"), "+44 20 7946 0958");
}

TEST(FormatPhoneNational, NonsenseIsReturnedAsIs) {
    EXPECT_EQ(format_phone_national("", "US"), "");
}

}  // namespace
}  // namespace hover::records

#include "domain/records/phone_number.hpp"

#include <string>
#include <vector>

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

// The shortcut for North American numbers must give what libphonenumber gives, for every form
// it takes, and leave everything else (leading 0 or 1, wrong lengths, +country codes, letters,
// extensions, other regions) to libphonenumber.
// REQ: R3
TEST(NormalizePhone, NorthAmericanShortcutAgreesWithLibphonenumber) {
    const std::vector<std::string> numbers{
        "4055550142",  "2125550100",  "9999999999",  "2000000000",  "4052000000",  "8005551234",
        "0405555014",  "1405555014",  "1055550142",  "405555014",   "40555501421", "14055550142",
        "12125550100", "10555501420", "19995550100", "11234567890", "405555",      "212555010012"};
    auto forms = [](const std::string& d) {
        std::vector<std::string> out{d, "+" + d, "+1" + d, "1" + d, " " + d + "\t"};
        if (d.size() == 10) {
            out.push_back("(" + d.substr(0, 3) + ") " + d.substr(3, 3) + "-" + d.substr(6));
            out.push_back("(" + d.substr(0, 3) + ")" + d.substr(3, 3) + "-" + d.substr(6));
            out.push_back(d.substr(0, 3) + "-" + d.substr(3, 3) + "-" + d.substr(6));
            out.push_back(d.substr(0, 3) + "." + d.substr(3, 3) + "." + d.substr(6));
            out.push_back(d.substr(0, 3) + " " + d.substr(3, 3) + " " + d.substr(6));
            out.push_back("+1 " + d.substr(0, 3) + " " + d.substr(3, 3) + " " + d.substr(6));
            out.push_back("1-" + d.substr(0, 3) + "-" + d.substr(3, 3) + "-" + d.substr(6));
            out.push_back("+1 (" + d.substr(0, 3) + ") " + d.substr(3, 3) + "-" + d.substr(6));
            out.push_back(d.substr(0, 3) + ") " + d.substr(3, 3) + "--" + d.substr(6));
            out.push_back("((" + d.substr(0, 3) + ")) " + d.substr(3, 3) + " - " + d.substr(6));
            out.push_back(d.substr(0, 3) + "-" + d.substr(3, 3) + "-" + d.substr(6) + " x12");
            out.push_back(d.substr(0, 3) + "-" + d.substr(3, 3) + "-" + d.substr(6) + ".");
            out.push_back("(" + d.substr(0, 3) + ") " + d.substr(3, 3) + "-" + d.substr(6) + "-");
            out.push_back("-" + d.substr(0, 3) + "-" + d.substr(3, 3) + "-" + d.substr(6));
            out.push_back("." + d);
            out.push_back("(" + d + ")");
            out.push_back("+ 1 " + d);
            out.push_back("1 (" + d.substr(0, 3) + ") " + d.substr(3, 3) + "-" + d.substr(6));
        }
        return out;
    };
    int shortcut = 0;
    for (const auto& region : {"US", "CA", "GB"}) {
        for (const auto& digits : numbers) {
            for (const auto& typed : forms(digits)) {
                SCOPED_TRACE(typed + " in " + region);
                auto quick = detail::normalize_nanp(typed, region);
                auto full = detail::normalize_with_libphonenumber(typed, region, "phone");
                if (!quick) {
                    continue;  // libphonenumber answers these
                }
                ++shortcut;
                ASSERT_TRUE(full.has_value()) << full.error().user_message;
                EXPECT_EQ(*quick, *full);
                EXPECT_EQ(normalize_phone(typed, region, "phone").value(), *full);
            }
        }
    }
    EXPECT_GT(shortcut, 100);  // the forms above do take the shortcut
    EXPECT_FALSE(detail::normalize_nanp("405-555-0142 x12", "US"));
    EXPECT_FALSE(detail::normalize_nanp("4055550142", "CA"));
    EXPECT_FALSE(detail::normalize_nanp("+44 20 7946 0958", "US"));
    EXPECT_FALSE(detail::normalize_nanp("1-800-FLOWERS", "US"));
}

}  // namespace
}  // namespace hover::records

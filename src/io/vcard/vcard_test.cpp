// REQ: R8 (vCard 2.1, 3.0 and 4.0 import and 4.0 export)
#include "io/vcard/vcard.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "support/test_files.hpp"

namespace hover::vcard {
namespace {

std::filesystem::path fixtures() {
    return std::filesystem::path(HOVER_SOURCE_DIR) / ".." / "shared" / "fixtures" / "vcard";
}

#define REQUIRE_FIXTURES()                                                      \
    do {                                                                        \
        if (!std::filesystem::is_directory(fixtures())) {                       \
            const char* ci = std::getenv("CI");                                 \
            if (ci != nullptr && std::string(ci) == "true") {                   \
                FAIL() << "../shared/fixtures/vcard is missing (always in CI)"; \
            }                                                                   \
            GTEST_SKIP() << "../shared/fixtures/vcard is absent; skipping";     \
        }                                                                       \
    } while (false)

using hover::testing::slurp;

std::vector<Person> people(std::string_view text) {
    auto cards = parse(text, "t.vcf");
    EXPECT_TRUE(cards) << (cards ? "" : cards.error().field + ": " + cards.error().user_message);
    std::vector<Person> out;
    if (cards) {
        for (const auto& c : *cards) {
            out.push_back(to_person(c));
        }
    }
    return out;
}

std::vector<std::string> values(const std::vector<Labelled>& items) {
    std::vector<std::string> out;
    for (const auto& i : items) {
        out.push_back(i.value);
    }
    return out;
}

TEST(VCard, UnfoldsMixedLineEndingsAndUnescapes) {
    auto p = people(
        "BEGIN:VCARD\r\nVERSION:3.0\nN:Doe;John;Richter\\, James;Mr.;Sr.\rFN:John\r\n  Doe\r\n"
        "NOTE:one\\ntwo\\, three\\; four\\\\ five\nEND:VCARD\n");
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].family_name, "Doe");
    EXPECT_EQ(p[0].given_name, "John Richter, James");
    EXPECT_EQ(p[0].formatted_name, "John Doe");
    EXPECT_EQ(p[0].note, "one\ntwo, three; four\\ five");
}

TEST(VCard, QuotedPrintableWithSoftBreaksAndCharset) {
    auto p = people(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J="
        "\r\n"
        "=FCrgen\r\nNOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Caf=C3=A9=0D=0A=\r\nsecond\r\n"
        "END:VCARD\r\n");
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].family_name, "Müller");
    EXPECT_EQ(p[0].given_name, "Jürgen");
    EXPECT_EQ(p[0].note, "Café\r\nsecond");
}

TEST(VCard, TypesBareRepeatedQuotedAndGroupLabels) {
    auto p = people(
        "BEGIN:VCARD\nVERSION:3.0\nFN:A\nTEL;WORK;VOICE:1\nTEL;TYPE=HOME;TYPE=FAX:2\n"
        "TEL;TYPE=\"cell,voice\";PREF=1:3\nitem1.TEL:4\nitem1.X-ABLabel:_$!<Mobile>!$_\n"
        "item2.EMAIL:x@example.com\nitem2.X-ABLabel:Billing\nEND:VCARD\n");
    ASSERT_EQ(p.size(), 1u);
    ASSERT_EQ(p[0].phones.size(), 4u);
    EXPECT_EQ(p[0].phones[0].label, "work");
    EXPECT_EQ(p[0].phones[1].label, "home fax");
    EXPECT_EQ(p[0].phones[2].label, "mobile");
    EXPECT_TRUE(p[0].phones[2].preferred);
    EXPECT_EQ(p[0].phones[3].label, "Mobile");
    EXPECT_EQ(p[0].emails[0].label, "Billing");
}

TEST(VCard, CaretEscapesInParameters) {
    auto cards = parse(
        "BEGIN:VCARD\nVERSION:4.0\nFN:A\nADR;LABEL=\"Line 1^nLine ^'2^' ^^\":;;x\n"
        "END:VCARD\n",
        "t.vcf");
    ASSERT_TRUE(cards);
    EXPECT_EQ((*cards)[0].properties[2].param("LABEL"), "Line 1\nLine \"2\" ^");
}

TEST(VCard, Base64PhotosAreSkipped) {
    auto p = people(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;Jane\r\nPHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQ\r\n"
        "SkZJRgABAQ\r\nAAAQABAAD\r\n\r\nTEL;CELL:405-555-0100\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Roe;Rick\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJ\r\n"
        " RgABAQAAAQABAAD\r\nEMAIL:r@example.com\r\nEND:VCARD");
    ASSERT_EQ(p.size(), 2u);
    EXPECT_EQ(values(p[0].phones), std::vector<std::string>{"405-555-0100"});
    EXPECT_EQ(values(p[1].emails), std::vector<std::string>{"r@example.com"});
}

TEST(VCard, TelUriWithExtension) {
    auto p = people(
        "BEGIN:VCARD\nVERSION:4.0\nFN:A\nTEL;VALUE=uri:tel:+1-418-656-9254;ext=102\n"
        "END:VCARD\n");
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].phones[0].value, "+1-418-656-9254 x102");
}

TEST(VCard, BadFilesGetClearErrors) {
    auto not_vcard = parse("name,phone\nA,1\n", "x.vcf");
    ASSERT_FALSE(not_vcard);
    EXPECT_NE(not_vcard.error().user_message.find("not a vCard file"), std::string::npos);
    auto cut = parse("BEGIN:VCARD\nVERSION:3.0\nFN:A\n", "x.vcf");
    ASSERT_FALSE(cut);
    EXPECT_EQ(cut.error().field, "x.vcf line 1");
    auto garbage = parse("BEGIN:VCARD\nno colon here\nEND:VCARD\n", "x.vcf");
    ASSERT_FALSE(garbage);
    EXPECT_EQ(garbage.error().field, "x.vcf line 2");
    EXPECT_FALSE(parse("", "x.vcf"));
    EXPECT_FALSE(parse(std::string("BEGIN:VCARD\0", 12), "x.vcf"));
}

TEST(VCard, WriterFoldsAndEscapesAndReadsBack) {
    Person p;
    p.given_name = "Zoë";
    p.family_name = "O'Neil; Jr";
    p.organisation = "Prairie Feed, Seed";
    p.note = std::string(200, 'n') + "\nline two, with commas; and semicolons";
    p.phones = {{"mobile", "+14055550142", true}, {"shop floor", "+14055550143 x12", false}};
    p.emails = {{"work", "zoe@example.com", false}, {"", "z@example.org", false}};
    std::string text = write_vcard4(p);
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        EXPECT_LE(line.size(), 76u);  // 75 octets + '\r'
    }
    auto back = people(text);
    ASSERT_EQ(back.size(), 1u);
    EXPECT_EQ(back[0].given_name, p.given_name);
    EXPECT_EQ(back[0].family_name, p.family_name);
    EXPECT_EQ(back[0].organisation, p.organisation);
    EXPECT_EQ(back[0].note, p.note);
    EXPECT_EQ(back[0].phones, p.phones);
    EXPECT_EQ(back[0].emails, p.emails);
}

TEST(VCard, FoldNeverSplitsUtf8) {
    std::string line = "NOTE:" + std::string(69, 'a') + "日本語";
    std::string folded = fold(line);
    auto pos = folded.find("\r\n ");
    ASSERT_NE(pos, std::string::npos);
    EXPECT_EQ(pos, 74u);  // the first multi-byte character moves to the next line whole
}

struct FixtureCase {
    std::string file;
    std::size_t cards;
    std::string first_family;
    std::string first_given;
    std::vector<std::string> first_phones;
    std::vector<std::string> first_emails;
};

// Every file of ../shared/fixtures/vcard: names, raw phones and emails of its first card.
TEST(VCard, EveryFixtureParses) {
    REQUIRE_FIXTURES();
    const std::vector<FixtureCase> cases{
        {"John_Doe_BLACK_BERRY.vcf", 1, "Doe", "john", {"+96123456789"}, {}},
        {"John_Doe_EVOLUTION.vcf",
         1,
         "Doe",
         "John Richter, James",
         {"905-666-1234", "905-555-1234"},
         {"john.doe@ibm.com"}},
        {"John_Doe_GMAIL.vcf",
         1,
         "Doe",
         "John Richter, James",
         {"905-555-1234", "905-666-1234"},
         {"john.doe@ibm.com"}},
        {"John_Doe_LOTUS_NOTES.vcf",
         1,
         "Doe",
         "John Johny",
         {"+1 (212) 204-34456", "00-1-212-555-7777"},
         {"john.doe@ibm.com", "billy_bob@gmail.com"}},
        {"John_Doe_MS_OUTLOOK.vcf",
         1,
         "Doe",
         "John Richter James",
         {"(905) 555-1234", "(905) 666-1234"},
         {"john.doe@ibm.cm"}},
        {"fullcontact.vcf",
         1,
         "LastName",
         "FirstName MiddleName",
         {"555-555-1111", "555-555-1112", "555-555-1113", "555-555-1114", "555-555-1115",
          "555-555-1116", "555-555-1117", "555-555-1118", "555-555-1119"},
         {"home@example.com", "work@example.com", "school@example.com", "other@example.com",
          "custom@example.com"}},
        {"gmail-list.vcf", 3, "Smith", "Arnold", {}, {"asmithk@gmail.com"}},
        {"gmail-single2.vcf",
         1,
         "Test",
         "VCard",
         {"5555551111", "5555551112", "5555551113", "5555551114", "5555551115", "5555551116",
          "5555551117", "5555551118", "5555551119", "5555551120", "5555551121"},
         {"email@example.com", "homeemail@example.com", "workemail@example.com",
          "otheremail@example.com", "customcategory@example.com"}},
        {"outlook-2003.vcf",
         1,
         "Doe",
         "John",
         {"BusinessPhone", "HomePhone", "MobilePhone", "BusinessFaxPhone"},
         {"jdoe@hotmail.com"}},
        {"outlook-2007.vcf",
         1,
         "Angstadt",
         "Michael",
         {"(111) 555-1111", "(111) 555-2222", "(111) 555-4444", "(111) 555-3333"},
         {"mike.angstadt@gmail.com"}},
        {"rfc2426-example.vcf",
         2,
         "",
         "",
         {"+1-919-676-9515", "+1-919-676-9564"},
         {"Frank_Dawson@Lotus.com", "fdawson@earthlink.net"}},
        {"rfc6350-example.vcf",
         1,
         "Perreault",
         "Simon",
         {"+1-418-656-9254 x102", "+1-418-262-6501"},
         {"simon.perreault@viagenie.ca"}},
        {"thunderbird-MoreFunctionsForAddressBook-extension.vcf",
         1,
         "Doe",
         "John",
         {"555-555-1111", "555-555-2222", "555-555-5555", "555-555-3333", "555-555-4444"},
         {"doe.john@hotmail.com", "additional-email@company.com", "additional-email1@company.com",
          "additional-email2@company.com", "additional-email3@company.com"}},
    };
    std::size_t checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(fixtures())) {
        if (entry.path().extension() == ".vcf") {
            ++checked;
        }
    }
    EXPECT_EQ(checked, cases.size()) << "a new fixture needs its expectations here";
    for (const auto& c : cases) {
        SCOPED_TRACE(c.file);
        auto p = people(slurp(fixtures() / c.file));
        ASSERT_EQ(p.size(), c.cards);
        EXPECT_EQ(p[0].family_name, c.first_family);
        EXPECT_EQ(p[0].given_name, c.first_given);
        EXPECT_EQ(values(p[0].phones), c.first_phones);
        EXPECT_EQ(values(p[0].emails), c.first_emails);
    }
}

}  // namespace
}  // namespace hover::vcard

#include "io/cdr/cdr_layout.hpp"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "io/cdr/cdr_test_support.hpp"

namespace hover::cdr {
namespace {

std::vector<std::string> names(const std::vector<const CdrLayout*>& layouts) {
    std::vector<std::string> out;
    for (const CdrLayout* l : layouts) {
        out.push_back(l->name);
    }
    return out;
}

const std::string kBase16 =
    R"("acct","100","200","internal","""Bob"" <100>","SIP/100-1","SIP/200-2","Dial","SIP/200","2024-05-01 10:00:00","2024-05-01 10:00:05","2024-05-01 10:01:05",65,60,"ANSWERED","DOCUMENTATION")";
const std::string kLine18 = kBase16 + R"(,"1714557600.1","")";
const std::string kLine21 = kLine18 + R"(,"peer","1714557600.1",7)";
const std::string kCustom =
    R"("""Bob"" <100>","100","200","internal","SIP/100-1","SIP/200-2","Dial","SIP/200","2024-05-01 10:00:00","","2024-05-01 10:01:05","65","0","NO ANSWER","DOCUMENTATION","acct","1714557600.1","",12)";
const std::string kFreeswitch =
    R"("Bob","1000","5551234567","default","2024-05-01 10:00:00","2024-05-01 10:00:05","2024-05-01 10:01:05","65","60","NORMAL_CLEARING","a1b2c3d4-0000-4000-8000-000000000001","","acct","PCMU","PCMU")";

// REQ: B3
TEST(CdrLayout, BuiltinLayoutsHaveTheirColumnCounts) {
    std::vector<std::pair<std::string, std::size_t>> expected{{"asterisk-16", 16},
                                                              {"asterisk-18", 18},
                                                              {"asterisk-21", 21},
                                                              {"asterisk-custom", 19},
                                                              {"freeswitch-example", 15}};
    ASSERT_EQ(builtin_layouts().size(), expected.size());
    for (const auto& [name, count] : expected) {
        const CdrLayout* layout = find_layout(name);
        ASSERT_NE(layout, nullptr) << name;
        EXPECT_EQ(layout->column_count(), count) << name;
        EXPECT_TRUE(layout->has(CdrField::kStart));
        EXPECT_TRUE(layout->has(CdrField::kBillsec));
    }
    EXPECT_EQ(find_layout("asterisk-17"), nullptr);
    EXPECT_TRUE(find_layout("asterisk-21")->has(CdrField::kLinkedid));
    EXPECT_FALSE(find_layout("asterisk-18")->has(CdrField::kLinkedid));
}

// REQ: B3
TEST(CdrLayout, SixteenColumnFileFitsOnlyAsterisk16) {
    std::string head = kBase16 + "\n" + kBase16 + "\n";
    EXPECT_EQ(names(detect_layout(head, builtin_layouts())),
              std::vector<std::string>{"asterisk-16"});
    Result<const CdrLayout*> chosen = choose_layout(head, "");
    ASSERT_TRUE(chosen);
    EXPECT_EQ((*chosen)->name, "asterisk-16");
}

// REQ: B3
TEST(CdrLayout, EachBuiltinLayoutIsDetectedFromItsOwnShape) {
    EXPECT_EQ(names(detect_layout(kLine18 + "\n", builtin_layouts())),
              std::vector<std::string>{"asterisk-18"});
    EXPECT_EQ(names(detect_layout(kLine21 + "\n", builtin_layouts())),
              std::vector<std::string>{"asterisk-21"});
    EXPECT_EQ(names(detect_layout(kCustom + "\n", builtin_layouts())),
              std::vector<std::string>{"asterisk-custom"});
    EXPECT_EQ(names(detect_layout(kFreeswitch + "\n", builtin_layouts())),
              std::vector<std::string>{"freeswitch-example"});
}

// REQ: B3
TEST(CdrLayout, CutOffLastRecordOfTheHeadIsLeftOut) {
    std::string head = kLine18 + "\n" + kLine18 + "\n" + kLine18.substr(0, 50);
    EXPECT_EQ(names(detect_layout(head, builtin_layouts())),
              std::vector<std::string>{"asterisk-18"});
}

// REQ: B3
TEST(CdrLayout, FileThatFitsTwoLayoutsReturnsBothAndChooseAsks) {
    // Asterisk with loguniqueid=yes but loguserfield=no, or the other way round: 17 columns
    // either way, and a uniqueid looks like any text.
    std::vector<CdrLayout> candidates(builtin_layouts().begin(), builtin_layouts().end());
    Result<CdrLayout> with_uniqueid = layout_from_fields(
        "pbx-uniqueid",
        "accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata, start, "
        "answer, end, duration, billsec, disposition, amaflags, uniqueid");
    Result<CdrLayout> with_userfield = layout_from_fields(
        "pbx-userfield",
        "accountcode,src,dst,dcontext,clid,channel,dstchannel,lastapp,lastdata,start,answer,end,"
        "duration,billsec,disposition,amaflags,userfield");
    ASSERT_TRUE(with_uniqueid);
    ASSERT_TRUE(with_userfield);
    candidates.push_back(*with_uniqueid);
    candidates.push_back(*with_userfield);
    std::string head = kBase16 + R"(,"1714557600.1")" + "\n";
    EXPECT_EQ(names(detect_layout(head, candidates)),
              (std::vector<std::string>{"pbx-uniqueid", "pbx-userfield"}));

    Result<const CdrLayout*> ambiguous = choose_layout(head, "", candidates);
    ASSERT_FALSE(ambiguous);
    EXPECT_EQ(ambiguous.error().user_message,
              "The CDR file fits pbx-uniqueid and pbx-userfield; choose one with --cdr-layout.");
    Result<const CdrLayout*> named = choose_layout(head, "pbx-userfield", candidates);
    ASSERT_TRUE(named);
    EXPECT_TRUE((*named)->has(CdrField::kUserfield));

    // An 18-column mapping configured by hand fits the same files as asterisk-18.
    candidates.push_back(*layout_from_fields(
        "my-pbx",
        "accountcode,src,dst,dcontext,clid,channel,dstchannel,lastapp,lastdata,start,answer,end,"
        "duration,billsec,disposition,amaflags,-,userfield"));
    EXPECT_EQ(names(detect_layout(kLine18 + "\n", candidates)),
              (std::vector<std::string>{"asterisk-18", "my-pbx"}));
}

// REQ: B3
TEST(CdrLayout, ErrorsNameTheLayouts) {
    Result<const CdrLayout*> unknown = choose_layout(kLine18, "asterisk-17");
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().user_message.find("asterisk-16, asterisk-18, asterisk-21, "
                                                "asterisk-custom, freeswitch-example"),
              std::string::npos);
    Result<const CdrLayout*> none = choose_layout("a,b,c\n", "");
    ASSERT_FALSE(none);
    EXPECT_NE(none.error().user_message.find("fits none"), std::string::npos);
    EXPECT_TRUE(detect_layout("", builtin_layouts()).empty());
    Result<CdrLayout> bad = layout_from_fields("x", "src, dst, colour");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().user_message.find("\"colour\""), std::string::npos);
}

// REQ: B3
TEST(CdrLayoutFixtures, EveryFixtureFitsOnlyAsterisk18) {
    HOVER_CDR_FIXTURES(dir, "asterisk-cdr");
    for (const char* file : {"fafeitsch-smallcdr.csv", "asterisk-testsuite-cdrlib-good.csv",
                             "asterisk-testsuite-self_test-Master.csv"}) {
        std::ifstream in(dir + "/" + file, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        EXPECT_EQ(names(detect_layout(ss.str(), builtin_layouts())),
                  std::vector<std::string>{"asterisk-18"})
            << file;
    }
}

}  // namespace
}  // namespace hover::cdr

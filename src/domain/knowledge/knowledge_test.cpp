#include "domain/knowledge/knowledge.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace hover::knowledge {
namespace {

using namespace records;

std::vector<std::string> items(const KnowledgeScore& s) {
    std::vector<std::string> out;
    for (const auto& u : s.unknowns) {
        out.push_back(u.item);
    }
    return out;
}

// REQ: R7 (an empty account knows nothing; the unknowns are listed in checklist order)
TEST(KnowledgeScore, AnEmptyAccountListsEveryUnknown) {
    AccountOverview o;
    o.account.id = AccountId{1};
    Site site;
    site.id = SiteId{5};
    site.name = "Main office";
    o.sites.push_back(site);
    auto s = knowledge_score(o);
    EXPECT_EQ(s.known, 0);
    EXPECT_EQ(s.total, 11);
    EXPECT_EQ(s.percent, 0);
    EXPECT_THAT(items(s),
                ::testing::ElementsAre("product_cycle", "communications_flow", "decision_maker",
                                       "who_answers", "voicemail_habits", "technical_levels",
                                       "personal_detail", "greeting_habits", "site_technology",
                                       "site_hazards", "site_paging"));
    EXPECT_EQ(s.unknowns[8].label, "Technology at Main office: make, model, age and condition");
    EXPECT_EQ(s.unknowns[8].site_id, SiteId{5});
}

// REQ: R7
TEST(KnowledgeScore, KnownFactsCountAndIncompleteTechnologyDoesNot) {
    AccountOverview o;
    o.account.id = AccountId{1};
    o.account.next_refresh_year = 2028;
    o.account.comms_flow_notes = "Main line rings the front desk";
    Contact boss;
    boss.accounts.push_back({.account_id = AccountId{1}, .decision_maker = true});
    boss.phone_habit = PhoneHabit::kLetsItGoToVoicemail;
    boss.technical_level = TechnicalLevel::kNovice;
    boss.interests = "Bass fishing";
    Contact desk;
    desk.phone_habit = PhoneHabit::kAnswers;
    desk.technical_level = TechnicalLevel::kIntermediate;
    o.contacts = {boss, desk};
    Site site;
    site.id = SiteId{5};
    site.name = "Main office";
    site.flood_zone = "X";
    site.paging_dead_zones = "Loading dock";
    o.sites.push_back(site);
    Asset vm;
    vm.site_id = SiteId{5};
    vm.category = AssetCategory::kVoicemail;
    vm.make = "Mitel";
    vm.model = "Embedded Voicemail";
    vm.installed_on = std::chrono::year{2019} / 3 / 1;
    vm.condition = Condition::kGood;
    vm.forgets_holiday_greeting = true;
    Asset handset = vm;
    handset.category = AssetCategory::kHandset;
    handset.installed_on.reset();  // its age is unknown
    o.assets = {vm, handset};
    auto s = knowledge_score(o);
    EXPECT_EQ(s.total, 11);
    EXPECT_EQ(s.known, 10);
    EXPECT_EQ(s.percent, 90);
    EXPECT_THAT(items(s), ::testing::ElementsAre("site_technology"));
}

}  // namespace
}  // namespace hover::knowledge

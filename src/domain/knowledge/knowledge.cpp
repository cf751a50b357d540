#include "domain/knowledge/knowledge.hpp"

#include <algorithm>

namespace hover::knowledge {

using namespace records;

// REQ: R7
KnowledgeScore knowledge_score(const AccountOverview& o) {
    KnowledgeScore score;
    auto check = [&](bool known, std::string item, std::string label,
                     std::optional<SiteId> site = std::nullopt) {
        ++score.total;
        if (known) {
            ++score.known;
        } else {
            score.unknowns.push_back({std::move(item), std::move(label), site});
        }
    };
    const Account& a = o.account;
    const auto& people = o.contacts;
    auto any_contact = [&](auto pred) { return std::any_of(people.begin(), people.end(), pred); };
    auto all_contacts = [&](auto pred) {
        return !people.empty() && std::all_of(people.begin(), people.end(), pred);
    };
    check(a.next_refresh_year.has_value(), "product_cycle",
          "Product cycle: when they replace their system");
    check(!a.comms_flow.empty() || !a.comms_flow_notes.empty(), "communications_flow",
          "Communications flow: main numbers, auto attendant, hunt groups");
    check(any_contact([&](const Contact& c) {
              return std::any_of(c.accounts.begin(), c.accounts.end(), [&](const AccountLink& l) {
                  return l.account_id == a.id && l.decision_maker;
              });
          }),
          "decision_maker", "Who makes the decision");
    check(any_contact([](const Contact& c) { return c.phone_habit == PhoneHabit::kAnswers; }),
          "who_answers", "Who answers the phone");
    check(all_contacts([](const Contact& c) { return c.phone_habit != PhoneHabit::kUnknown; }),
          "voicemail_habits", "Who hides behind voicemail (every contact's phone habit)");
    check(all_contacts(
              [](const Contact& c) { return c.technical_level != TechnicalLevel::kUnknown; }),
          "technical_levels", "Every contact's technical level");
    check(any_contact([](const Contact& c) {
              return c.birthday.has_value() || !c.family.empty() || !c.interests.empty();
          }),
          "personal_detail", "A personal detail (birthday, family, interests)");
    check(std::any_of(o.assets.begin(), o.assets.end(),
                      [](const Asset& x) {
                          return (x.category == AssetCategory::kVoicemail ||
                                  x.category == AssetCategory::kAutoAttendant) &&
                                 x.forgets_holiday_greeting.has_value();
                      }),
          "greeting_habits", "Greeting habits: do they forget the holiday greeting?");
    for (const auto& site : o.sites) {
        bool has_assets = false;
        bool complete = true;
        for (const auto& asset : o.assets) {
            if (asset.site_id != site.id) {
                continue;
            }
            has_assets = true;
            complete = complete && !asset.make.empty() && !asset.model.empty() &&
                       asset.installed_on.has_value() && asset.condition != Condition::kUnknown;
        }
        check(has_assets && complete, "site_technology",
              "Technology at " + site.name + ": make, model, age and condition", site.id);
        check(!site.flood_zone.empty(), "site_hazards", "Hazard exposure at " + site.name, site.id);
        check(!site.paging_dead_zones.empty(), "site_paging", "Paging dead zones at " + site.name,
              site.id);
    }
    score.percent = score.total == 0 ? 0 : score.known * 100 / score.total;
    return score;
}

}  // namespace hover::knowledge

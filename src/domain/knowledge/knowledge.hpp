// File: domain/knowledge/knowledge.hpp
//
// The knowledge score (DESIGN.md R7): per account, the share of the know-your-customer checklist
// that is known, and the list of unknowns, computed from the account's records (a pure function
// of its AccountOverview, so it needs no storage of its own).
//
// The checklist, in order (one item each unless noted):
//   product_cycle        the year they replace their system (next_refresh_year)
//   communications_flow  the call flow (structured entries or notes)
//   decision_maker       a contact marked as decision maker
//   who_answers          a contact known to answer the phone
//   voicemail_habits     every contact's phone habit is known (who hides behind voicemail)
//   technical_levels     every contact's technical level is known
//   personal_detail      a contact with a birthday, family or interests written down
//   greeting_habits      a voicemail or auto attendant whose holiday-greeting habit is known
//   per site: site_technology (the site has technology, each with make, model, install date
//     and condition), site_hazards (the site's flood zone is known), site_paging (the paging dead
//     zones are written down)
// Stated expectations have no field yet and are not counted.
#pragma once

#include <string>
#include <vector>

#include "domain/records/record_service.hpp"

namespace hover::knowledge {

struct Unknown {
    std::string item;   // "site_technology"
    std::string label;  // "Technology at Main office: make, model, age and condition"
    std::optional<SiteId> site_id;
};

struct KnowledgeScore {
    int known = 0;
    int total = 0;
    int percent = 0;  // known * 100 / total, rounded down; 0 when total is 0
    std::vector<Unknown> unknowns;
};

KnowledgeScore knowledge_score(const records::AccountOverview& overview);

}  // namespace hover::knowledge

// The storage contract of the records module: the same tests on SQLite and on PostgreSQL
// (DESIGN.md P1). PostgreSQL runs when HOVER_TEST_POSTGRES_URL is set, and must under CI=true.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/records/sql_record_store.hpp"
#include "support/result_matchers.hpp"
#include "support/test_database.hpp"
#include "support/test_time.hpp"

namespace hover {
namespace {

using namespace records;
using testing::Backend;
using ::testing::ElementsAre;
using testing::HasError;
using testing::IsOk;

using hover::testing::at;

class RecordStoreContract : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        HOVER_SKIP_IF_NO_POSTGRES(GetParam());
        db_ = testing::TestDatabase::open(GetParam());
        ASSERT_NE(db_, nullptr);
        store_ = std::make_unique<storage::SqlRecordStore>(db_->db());
        org_a_ = make_org("alpha");
        org_b_ = make_org("bravo");
        user_a_ = make_user(org_a_, "tech@alpha.example");
        user_b_ = make_user(org_b_, "tech@bravo.example");
    }

    OrgId make_org(const std::string& slug) {
        Organisation org{OrgId{}, slug + " telecom", slug, "US", at("2026-01-01T00:00:00Z")};
        return store_->insert_organisation(org).value();
    }

    UserId make_user(OrgId org, const std::string& email) {
        User u{UserId{}, org, email, "Tech", Role::kTechnician, at("2026-01-01T00:00:00Z")};
        return store_->insert_user(u).value();
    }

    Account account(OrgId org, const std::string& name) {
        Account a;
        a.org_id = org;
        a.name = name;
        a.status = AccountStatus::kCustomer;
        a.created_at = a.updated_at = at("2026-02-01T09:00:00Z");
        return a;
    }

    AccountId add_account(OrgId org, const std::string& name) {
        return store_->insert_account(account(org, name)).value();
    }

    SiteId add_site(OrgId org, AccountId account_id, const std::string& name) {
        Site s;
        s.org_id = org;
        s.account_id = account_id;
        s.name = name;
        s.created_at = s.updated_at = at("2026-02-01T09:00:00Z");
        return store_->insert_site(s).value();
    }

    std::unique_ptr<testing::TestDatabase> db_;
    std::unique_ptr<storage::SqlRecordStore> store_;
    OrgId org_a_;
    OrgId org_b_;
    UserId user_a_;
    UserId user_b_;
};

// REQ: R1
TEST_P(RecordStoreContract, AccountRoundTripsEveryField) {
    Account a = account(org_a_, "Prairie Feed & Seed");
    a.status = AccountStatus::kProspect;
    a.industry = "Agriculture";
    a.region = "OKC metro";
    a.annual_revenue = Cents{123456789};
    a.next_refresh_year = 2028;
    a.budget_month = 7;
    a.comms_flow_notes = "Main line rings the front desk, rolls to the AA after 4 rings";
    a.comms_flow = {
        {CommFlowKind::kMainNumber, "Main", PhoneNumber{"+14055550142", "", "(405) 555-0142"},
         "Front desk hunt group"},
        {CommFlowKind::kAutoAttendant, "Press 2 for parts", std::nullopt, "Parts counter"},
    };
    a.technician_id = user_a_;
    a.notes = "Owner's dog is called Biscuit";
    auto id = store_->insert_account(a);
    ASSERT_THAT(id, IsOk());
    auto found = store_->find_account(org_a_, *id);
    ASSERT_THAT(found, IsOk());
    EXPECT_EQ(found->id, *id);
    EXPECT_EQ(found->name, a.name);
    EXPECT_EQ(found->status, AccountStatus::kProspect);
    EXPECT_EQ(found->industry, a.industry);
    EXPECT_EQ(found->region, a.region);
    EXPECT_EQ(found->annual_revenue, a.annual_revenue);
    EXPECT_EQ(found->next_refresh_year, 2028);
    EXPECT_EQ(found->budget_month, 7);
    EXPECT_EQ(found->comms_flow_notes, a.comms_flow_notes);
    EXPECT_EQ(found->comms_flow, a.comms_flow);
    EXPECT_EQ(found->technician_id, user_a_);
    EXPECT_EQ(found->notes, a.notes);
    EXPECT_EQ(found->created_at, a.created_at);
}

// REQ: P1
TEST_P(RecordStoreContract, AnotherOrganisationCannotReadOrChangeAnAccount) {
    AccountId id = add_account(org_a_, "Alpha Dental");
    EXPECT_THAT(store_->find_account(org_b_, id), HasError(ErrorCode::kNotFound));
    Account hijack = account(org_b_, "Hijacked");
    hijack.id = id;
    EXPECT_THAT(store_->update_account(hijack), HasError(ErrorCode::kNotFound));
    EXPECT_EQ(store_->find_account(org_a_, id)->name, "Alpha Dental");
    auto listed = store_->list_accounts(org_b_, {}, {});
    ASSERT_THAT(listed, IsOk());
    EXPECT_EQ(listed->total, 0);
}

TEST_P(RecordStoreContract, UpdateReplacesFieldsAndCommsFlow) {
    Account a = account(org_a_, "Old name");
    a.comms_flow = {{CommFlowKind::kHuntGroup, "HG 601", std::nullopt, "3 phones"}};
    a.id = store_->insert_account(a).value();
    a.name = "New name";
    a.comms_flow = {
        {CommFlowKind::kFax, "Fax", PhoneNumber{"+13165550100", "", "316-555-0100"}, ""}};
    a.updated_at = at("2026-03-01T00:00:00Z");
    ASSERT_THAT(store_->update_account(a), IsOk());
    auto found = store_->find_account(org_a_, a.id).value();
    EXPECT_EQ(found.name, "New name");
    EXPECT_EQ(found.comms_flow, a.comms_flow);
    EXPECT_EQ(found.updated_at, at("2026-03-01T00:00:00Z"));
}

TEST_P(RecordStoreContract, ListAccountsPagesInNameOrderAndFilters) {
    for (const char* name : {"Delta", "alpha", "Charlie", "Bravo", "Echo"}) {
        Account a = account(org_a_, name);
        a.region = std::string(name) < "D" ? "Tulsa" : "Wichita";
        if (std::string(name) == "Echo") {
            a.status = AccountStatus::kFormer;
            a.technician_id = user_a_;
        }
        ASSERT_THAT(store_->insert_account(a), IsOk());
    }
    auto page1 = store_->list_accounts(org_a_, {}, {1, 2});
    ASSERT_THAT(page1, IsOk());
    EXPECT_EQ(page1->total, 5);
    ASSERT_EQ(page1->items.size(), 2u);
    // Byte order: upper case sorts before lower case on both databases (C collation / BINARY).
    auto page3 = store_->list_accounts(org_a_, {}, {3, 2});
    ASSERT_EQ(page3->items.size(), 1u);

    AccountFilter former;
    former.status = AccountStatus::kFormer;
    EXPECT_EQ(store_->list_accounts(org_a_, former, {})->total, 1);
    AccountFilter region;
    region.region = "Tulsa";
    EXPECT_EQ(store_->list_accounts(org_a_, region, {})->total, 2);
    AccountFilter tech;
    tech.technician_id = user_a_;
    EXPECT_EQ(store_->list_accounts(org_a_, tech, {})->items.at(0).name, "Echo");
    AccountFilter prefix;
    prefix.name_prefix = "CH";
    EXPECT_EQ(store_->list_accounts(org_a_, prefix, {})->items.at(0).name, "Charlie");
    AccountFilter wildcard;
    wildcard.name_prefix = "%";
    EXPECT_EQ(store_->list_accounts(org_a_, wildcard, {})->total, 0) << "% is literal";
}

// REQ: R2
TEST_P(RecordStoreContract, SiteRoundTripsHazardsAndLocation) {
    AccountId acct = add_account(org_a_, "County Courthouse");
    Site s;
    s.org_id = org_a_;
    s.account_id = acct;
    s.name = "Courthouse annex";
    s.street = "320 Robert S Kerr Ave";
    s.city = "Oklahoma City";
    s.state = "OK";
    s.postal_code = "73102";
    s.latitude = 35.4689;
    s.longitude = -97.5195;
    s.county_fips = "040109";
    s.nws_zone = "OKZ025";
    s.tornado_alley = true;
    s.flood_zone = "AE";
    s.lightning_prone = true;
    s.access_notes = "Badge at the west door";
    s.paging_dead_zones = "Basement records room";
    s.created_at = s.updated_at = at("2026-02-01T09:00:00Z");
    auto id = store_->insert_site(s);
    ASSERT_THAT(id, IsOk());
    auto found = store_->find_site(org_a_, *id).value();
    EXPECT_EQ(found.account_id, acct);
    EXPECT_EQ(found.street, s.street);
    EXPECT_DOUBLE_EQ(found.latitude.value(), 35.4689);
    EXPECT_DOUBLE_EQ(found.longitude.value(), -97.5195);
    EXPECT_EQ(found.county_fips, "040109");
    EXPECT_EQ(found.nws_zone, "OKZ025");
    EXPECT_TRUE(found.tornado_alley);
    EXPECT_EQ(found.flood_zone, "AE");
    EXPECT_TRUE(found.lightning_prone);
    EXPECT_EQ(found.paging_dead_zones, s.paging_dead_zones);
    EXPECT_THAT(store_->find_site(org_b_, *id), HasError(ErrorCode::kNotFound));
    EXPECT_EQ(store_->list_sites(org_a_, acct)->size(), 1u);
    EXPECT_TRUE(store_->list_sites(org_b_, acct)->empty());
}

// REQ: R3
TEST_P(RecordStoreContract, ContactBelongsToSeveralAccountsWithPhonesAndEmails) {
    AccountId feed = add_account(org_a_, "Feed store");
    AccountId church = add_account(org_a_, "First Church");
    Contact c;
    c.org_id = org_a_;
    c.first_name = "Dana";
    c.last_name = "Whitfield";
    c.job_title = "Bookkeeper";
    c.accounts = {{feed, "Bookkeeper", true}, {church, "Treasurer", false}};
    c.phones = {{"mobile", {"+14055550142", "", "(405) 555-0142"}},
                {"desk", {"+14055550100", "12", "405-555-0100 x12"}}};
    c.emails = {{"work", "dana@feedstore.example"}};
    c.preferred_channel = Channel::kText;
    c.preferred_hours = "before 10 am";
    c.technical_level = TechnicalLevel::kNovice;
    c.phone_habit = PhoneHabit::kLetsItGoToVoicemail;
    c.communication_style = "Short texts, no calls during payroll";
    c.birthday = parse_date("1971-03-14", "b").value();
    c.family = "Two boys in 4-H";
    c.interests = "Quarter horses";
    c.how_we_met = "Chamber of commerce lunch";
    c.do_not_contact = false;
    c.created_at = c.updated_at = at("2026-02-01T09:00:00Z");
    auto id = store_->insert_contact(c);
    ASSERT_THAT(id, IsOk());
    auto found = store_->find_contact(org_a_, *id).value();
    EXPECT_EQ(found.accounts, c.accounts);
    EXPECT_EQ(found.phones, c.phones);
    EXPECT_EQ(found.emails, c.emails);
    EXPECT_EQ(found.phone_habit, PhoneHabit::kLetsItGoToVoicemail);
    EXPECT_EQ(found.technical_level, TechnicalLevel::kNovice);
    EXPECT_EQ(found.birthday, c.birthday);
    EXPECT_EQ(found.interests, c.interests);

    EXPECT_EQ(store_->list_contacts(org_a_, feed, {})->total, 1);
    EXPECT_EQ(store_->list_contacts(org_a_, church, {})->items.at(0).id, *id);
    EXPECT_EQ(store_->list_contacts(org_a_, std::nullopt, {})->items.at(0).phones.size(), 2u);
    EXPECT_EQ(store_->list_contacts(org_b_, std::nullopt, {})->total, 0);
    EXPECT_THAT(store_->find_contact(org_b_, *id), HasError(ErrorCode::kNotFound));

    found.accounts = {{church, "Treasurer", true}};
    found.phones.pop_back();
    ASSERT_THAT(store_->update_contact(found), IsOk());
    auto updated = store_->find_contact(org_a_, *id).value();
    EXPECT_EQ(updated.accounts, found.accounts);
    EXPECT_EQ(updated.phones.size(), 1u);
    EXPECT_EQ(store_->list_contacts(org_a_, feed, {})->total, 0);
}

// The bulk path of imports (docs/decisions/0014) writes the same rows as insert_contact.
// REQ: R3, R8
TEST_P(RecordStoreContract, BulkInsertedContactsReadBackLikeSingleOnes) {
    AccountId feed = add_account(org_a_, "Feed store");
    Contact single;
    single.org_id = org_a_;
    single.first_name = "Before";
    single.last_name = "Bulk";
    single.created_at = single.updated_at = at("2026-02-01T09:00:00Z");
    ContactId before = store_->insert_contact(single).value();

    std::vector<Contact> batch(3);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        Contact& c = batch[i];
        c.org_id = org_a_;
        c.first_name = "Dana";
        c.last_name = "Whitfield " + std::to_string(i);
        c.job_title = "Bookkeeper";
        c.phones = {{"mobile",
                     {"+1405555014" + std::to_string(i), "", "(405) 555-014" + std::to_string(i)}}};
        c.emails = {{"work", "dana" + std::to_string(i) + "@feedstore.example"}};
        c.created_at = c.updated_at = at("2026-02-01T09:00:00Z");
    }
    batch[0].accounts = {{feed, "Bookkeeper", true}};
    batch[0].phones.push_back({"desk", {"+14055550100", "12", "405-555-0100 x12"}});
    batch[0].preferred_channel = Channel::kText;
    batch[0].technical_level = TechnicalLevel::kNovice;
    batch[0].phone_habit = PhoneHabit::kLetsItGoToVoicemail;
    batch[0].birthday = parse_date("1971-03-14", "b").value();
    batch[0].do_not_contact = true;
    batch[0].notes = "Prefers texts";
    batch[2].phones.clear();
    batch[2].emails.clear();
    ASSERT_THAT(store_->insert_contacts(batch), IsOk());

    EXPECT_GT(batch[0].id.value, before.value);
    EXPECT_LT(batch[0].id, batch[1].id);
    EXPECT_LT(batch[1].id, batch[2].id);
    for (const auto& c : batch) {
        auto found = store_->find_contact(org_a_, c.id);
        ASSERT_THAT(found, IsOk());
        EXPECT_EQ(found->first_name, c.first_name);
        EXPECT_EQ(found->last_name, c.last_name);
        EXPECT_EQ(found->job_title, c.job_title);
        EXPECT_EQ(found->accounts, c.accounts);
        EXPECT_EQ(found->phones, c.phones);
        EXPECT_EQ(found->emails, c.emails);
        EXPECT_EQ(found->preferred_channel, c.preferred_channel);
        EXPECT_EQ(found->technical_level, c.technical_level);
        EXPECT_EQ(found->phone_habit, c.phone_habit);
        EXPECT_EQ(found->birthday, c.birthday);
        EXPECT_EQ(found->do_not_contact, c.do_not_contact);
        EXPECT_EQ(found->notes, c.notes);
        EXPECT_EQ(found->created_at, c.created_at);
        EXPECT_EQ(found->updated_at, c.updated_at);
    }
    EXPECT_EQ(store_->list_contacts(org_a_, feed, {})->items.at(0).id, batch[0].id);
    EXPECT_EQ(store_->list_contacts(org_a_, std::nullopt, {})->total, 4);

    // Searchable like any contact, in its organisation only.
    auto hits = store_->search(org_a_, "555-0141", 10).value();
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].id, batch[1].id.value);
    EXPECT_EQ(store_->search(org_a_, "dana0@feedstore", 10)->size(), 1u);
    EXPECT_TRUE(store_->search(org_b_, "Whitfield", 10)->empty());
    EXPECT_EQ(store_->list_contacts(org_b_, std::nullopt, {})->total, 0);
    EXPECT_THAT(store_->find_contact(org_b_, batch[0].id), HasError(ErrorCode::kNotFound));

    // The ids go on from the bulk ones for a single insert, and for the next batch.
    ContactId after = store_->insert_contact(single).value();
    EXPECT_GT(after.value, batch[2].id.value);
    std::vector<Contact> more(1, single);
    ASSERT_THAT(store_->insert_contacts(more), IsOk());
    EXPECT_GT(more[0].id.value, after.value);
}

// COPY's text format (PostgreSQL) escapes backslash, tab, newline and carriage return: text with
// them comes back exactly, on both databases.
// REQ: R3, R8
TEST_P(RecordStoreContract, BulkInsertKeepsTabsBackslashesAndNewlinesExactly) {
    std::vector<Contact> batch(1);
    Contact& c = batch[0];
    c.org_id = org_a_;
    c.first_name = "Tab\there";
    c.last_name = "Back\\slash \\N \\t";
    c.job_title = "Line\nbreak\r\nand CR\r";
    c.notes = "\\.\n\\.\nend";
    c.family = "Zoë, 李";
    c.emails = {{"wo\trk", "a\\b@example.com"}};
    c.phones = {{"mo\nbile", {"+14055550142", "", "405\t555 0142"}}};
    c.created_at = c.updated_at = at("2026-02-01T09:00:00Z");
    ASSERT_THAT(store_->insert_contacts(batch), IsOk());
    auto found = store_->find_contact(org_a_, c.id);
    ASSERT_THAT(found, IsOk());
    EXPECT_EQ(found->first_name, c.first_name);
    EXPECT_EQ(found->last_name, c.last_name);
    EXPECT_EQ(found->job_title, c.job_title);
    EXPECT_EQ(found->notes, c.notes);
    EXPECT_EQ(found->family, c.family);
    EXPECT_EQ(found->emails, c.emails);
    EXPECT_EQ(found->phones, c.phones);
    EXPECT_EQ(found->display_name(), "Tab\there Back\\slash \\N \\t");
}

// REQ: R4
TEST_P(RecordStoreContract, AssetsListBySiteAndByAccount) {
    AccountId acct = add_account(org_a_, "Trucking");
    SiteId yard = add_site(org_a_, acct, "Yard");
    SiteId office = add_site(org_a_, acct, "Office");
    Asset pbx;
    pbx.org_id = org_a_;
    pbx.site_id = office;
    pbx.category = AssetCategory::kPbx;
    pbx.make = "Mitel";
    pbx.model = "MiVoice Business 3300";
    pbx.serial = "MT-7731";
    pbx.installed_on = parse_date("2012-05-01", "d").value();
    pbx.condition = Condition::kPoor;
    pbx.location = "Server closet";
    pbx.warranty_ends = parse_date("2015-05-01", "d").value();
    pbx.end_of_life = parse_date("2024-12-31", "d").value();
    pbx.created_at = pbx.updated_at = at("2026-02-01T09:00:00Z");
    Asset aa = pbx;
    aa.site_id = yard;
    aa.category = AssetCategory::kAutoAttendant;
    aa.model = "Auto attendant";
    aa.forgets_holiday_greeting = true;
    auto pbx_id = store_->insert_asset(pbx);
    ASSERT_THAT(pbx_id, IsOk());
    ASSERT_THAT(store_->insert_asset(aa), IsOk());
    auto found = store_->find_asset(org_a_, *pbx_id).value();
    EXPECT_EQ(found.model, pbx.model);
    EXPECT_EQ(found.installed_on, pbx.installed_on);
    EXPECT_EQ(found.condition, Condition::kPoor);
    EXPECT_FALSE(found.forgets_holiday_greeting.has_value());
    EXPECT_EQ(store_->list_assets_of_site(org_a_, yard)->at(0).forgets_holiday_greeting, true);
    EXPECT_EQ(store_->list_assets_of_account(org_a_, acct)->size(), 2u);
    EXPECT_TRUE(store_->list_assets_of_account(org_b_, acct)->empty());
    EXPECT_THAT(store_->find_asset(org_b_, *pbx_id), HasError(ErrorCode::kNotFound));
}

// REQ: R5
TEST_P(RecordStoreContract, LinesKeepNumberCircuitBandwidthAndCharge) {
    AccountId acct = add_account(org_a_, "Credit union");
    SiteId site = add_site(org_a_, acct, "Branch");
    Line pots;
    pots.org_id = org_a_;
    pots.site_id = site;
    pots.number = PhoneNumber{"+13165550111", "", "316.555.0111"};
    pots.carrier = "AT&T";
    pots.type = LineType::kPots;
    pots.monthly_charge = Cents{4995};
    pots.created_at = pots.updated_at = at("2026-02-01T09:00:00Z");
    Line fiber;
    fiber.org_id = org_a_;
    fiber.site_id = site;
    fiber.circuit_id = "45.KQXA.123456..SW";
    fiber.carrier = "Lumen";
    fiber.type = LineType::kEthernet;
    fiber.status = LineStatus::kDisconnected;
    fiber.bandwidth_down_kbps = 100000;
    fiber.bandwidth_up_kbps = 100000;
    fiber.created_at = fiber.updated_at = pots.created_at;
    auto pots_id = store_->insert_line(pots);
    auto fiber_id = store_->insert_line(fiber);
    ASSERT_THAT(pots_id, IsOk());
    ASSERT_THAT(fiber_id, IsOk());
    auto a = store_->find_line(org_a_, *pots_id).value();
    EXPECT_EQ(a.number, pots.number);
    EXPECT_EQ(a.monthly_charge, Cents{4995});
    auto b = store_->find_line(org_a_, *fiber_id).value();
    EXPECT_FALSE(b.number.has_value());
    EXPECT_EQ(b.circuit_id, fiber.circuit_id);
    EXPECT_EQ(b.status, LineStatus::kDisconnected);
    EXPECT_EQ(b.bandwidth_down_kbps, 100000);
    EXPECT_EQ(store_->list_lines_of_site(org_a_, site)->size(), 2u);
    EXPECT_EQ(store_->list_lines_of_account(org_a_, acct)->size(), 2u);
    EXPECT_TRUE(store_->list_lines_of_account(org_b_, acct)->empty());
}

// REQ: R5 (the account page lists each site's technology by kind, make and model, and its lines
// by number then circuit, the same on both databases)
TEST_P(RecordStoreContract, AnAccountsAssetsAndLinesComeBySiteThenKindAndNumber) {
    AccountId acct = add_account(org_a_, "Feed store");
    SiteId first = add_site(org_a_, acct, "Store");
    SiteId second = add_site(org_a_, acct, "Warehouse");
    ASSERT_LT(first.value, second.value);  // sites come in id order
    auto asset = [&](SiteId site, AssetCategory category, std::string make, std::string model) {
        Asset a;
        a.org_id = org_a_;
        a.site_id = site;
        a.category = category;
        a.make = std::move(make);
        a.model = std::move(model);
        a.created_at = a.updated_at = at("2026-02-01T09:00:00Z");
        return store_->insert_asset(a).value();
    };
    // Inserted out of order. Makes compare byte by byte (SQLite's BINARY collation), so
    // "Zultys" comes before "avaya" on PostgreSQL too, whatever its collation.
    AssetId w_ups = asset(second, AssetCategory::kUps, "APC", "Smart-UPS 1500");
    AssetId s_pbx_b = asset(first, AssetCategory::kPbx, "avaya", "IP Office 500");
    AssetId s_pbx_a = asset(first, AssetCategory::kPbx, "Zultys", "MX250");
    AssetId s_handset = asset(first, AssetCategory::kHandset, "Yealink", "T54W");
    AssetId s_pbx_same = asset(first, AssetCategory::kPbx, "Zultys", "MX250");
    std::vector<AssetId> ids;
    for (const auto& a : store_->list_assets_of_account(org_a_, acct).value()) {
        ids.push_back(a.id);
    }
    EXPECT_EQ(ids, (std::vector<AssetId>{s_handset, s_pbx_a, s_pbx_same, s_pbx_b, w_ups}));

    auto line = [&](SiteId site, std::optional<std::string> e164, std::string circuit) {
        Line l;
        l.org_id = org_a_;
        l.site_id = site;
        if (e164) {
            l.number = PhoneNumber{*e164, "", *e164};
        }
        l.circuit_id = std::move(circuit);
        l.created_at = l.updated_at = at("2026-02-01T09:00:00Z");
        return store_->insert_line(l).value();
    };
    LineId high = line(first, "+13165550199", "");
    LineId circuit_b = line(first, std::nullopt, "45.KQXA.2");
    LineId low = line(first, "+13165550111", "");
    LineId circuit_a = line(first, std::nullopt, "45.KQXA.1");
    LineId other_site = line(second, "+13165550100", "");
    std::vector<LineId> line_ids;
    for (const auto& l : store_->list_lines_of_account(org_a_, acct).value()) {
        line_ids.push_back(l.id);
    }
    EXPECT_EQ(line_ids, (std::vector<LineId>{circuit_a, circuit_b, low, high, other_site}));
}

// REQ: R6
TEST_P(RecordStoreContract, TimelineIsNewestFirstAndPaged) {
    AccountId acct = add_account(org_a_, "School district");
    for (int day = 1; day <= 5; ++day) {
        Interaction i;
        i.org_id = org_a_;
        i.account_id = acct;
        i.user_id = user_a_;
        i.kind = InteractionKind::kCall;
        i.outcome = day % 2 == 0 ? Outcome::kVoicemail : Outcome::kReached;
        i.occurred_at = at(("2026-03-0" + std::to_string(day) + "T15:00:00Z").c_str());
        i.created_at = i.occurred_at;
        i.summary = "Call " + std::to_string(day);
        ASSERT_THAT(store_->insert_interaction(i), IsOk());
    }
    auto page = store_->list_interactions(org_a_, acct, {1, 2}).value();
    EXPECT_EQ(page.total, 5);
    ASSERT_EQ(page.items.size(), 2u);
    EXPECT_EQ(page.items[0].summary, "Call 5");
    EXPECT_EQ(page.items[1].outcome, Outcome::kVoicemail);
    EXPECT_THAT(store_->find_interaction(org_b_, page.items[0].id), HasError(ErrorCode::kNotFound));
    EXPECT_EQ(store_->list_interactions(org_b_, acct, {})->total, 0);

    Note n;
    n.org_id = org_a_;
    n.account_id = acct;
    n.author_id = user_a_;
    n.body = "Superintendent plans to replace the PBX next spring";
    n.created_at = at("2026-03-06T10:00:00Z");
    ASSERT_THAT(store_->insert_note(n), IsOk());
    EXPECT_EQ(store_->list_notes(org_a_, acct)->at(0).body, n.body);
    EXPECT_TRUE(store_->list_notes(org_b_, acct)->empty());
}

// REQ: R8
TEST_P(RecordStoreContract, SearchFindsEveryKindWithinTheOrganisationOnly) {
    Account a = account(org_a_, "Prairie Feed & Seed");
    AccountId acct = store_->insert_account(a).value();
    AccountId other = add_account(org_b_, "Prairie Dental");
    (void)other;
    SiteId site = add_site(org_a_, acct, "Grain elevator");
    Contact c;
    c.org_id = org_a_;
    c.first_name = "Dana";
    c.last_name = "Whitfield";
    c.accounts = {{acct, "Owner", true}};
    c.phones = {{"mobile", {"+14055550142", "", "(405) 555-0142"}}};
    c.emails = {{"", "dana@feedstore.example"}};
    c.created_at = c.updated_at = a.created_at;
    ASSERT_THAT(store_->insert_contact(c), IsOk());
    Asset pbx;
    pbx.org_id = org_a_;
    pbx.site_id = site;
    pbx.category = AssetCategory::kPbx;
    pbx.make = "Panasonic";
    pbx.model = "KX-TDE600";
    pbx.created_at = pbx.updated_at = a.created_at;
    ASSERT_THAT(store_->insert_asset(pbx), IsOk());
    Line line;
    line.org_id = org_a_;
    line.site_id = site;
    line.circuit_id = "45.KQXA.998877";
    line.carrier = "Windstream";
    line.type = LineType::kPri;
    line.created_at = line.updated_at = a.created_at;
    ASSERT_THAT(store_->insert_line(line), IsOk());
    Note n;
    n.org_id = org_a_;
    n.account_id = acct;
    n.author_id = user_a_;
    n.body = "Warehouse paging does not reach dock four";
    n.created_at = a.created_at;
    ASSERT_THAT(store_->insert_note(n), IsOk());

    auto kinds = [&](OrgId org, const char* q) {
        std::vector<SearchKind> out;
        for (const auto& hit : store_->search(org, q, 20).value()) {
            out.push_back(hit.kind);
        }
        return out;
    };
    EXPECT_THAT(kinds(org_a_, "prairie"), ElementsAre(SearchKind::kAccount));
    EXPECT_THAT(kinds(org_b_, "prairie"), ElementsAre(SearchKind::kAccount));
    EXPECT_EQ(store_->search(org_b_, "prairie", 20)->at(0).title, "Prairie Dental");
    EXPECT_THAT(kinds(org_a_, "feed seed"), ElementsAre(SearchKind::kAccount));
    EXPECT_THAT(kinds(org_a_, "555-0142"), ElementsAre(SearchKind::kContact));
    EXPECT_THAT(kinds(org_a_, "4055550142"), ElementsAre(SearchKind::kContact));
    EXPECT_THAT(kinds(org_a_, "whit"), ElementsAre(SearchKind::kContact));
    EXPECT_THAT(kinds(org_a_, "dana@feedstore"), ElementsAre(SearchKind::kContact));
    EXPECT_THAT(kinds(org_a_, "KX-TDE600"), ElementsAre(SearchKind::kAsset));
    EXPECT_THAT(kinds(org_a_, "windstream"), ElementsAre(SearchKind::kLine));
    EXPECT_THAT(kinds(org_a_, "dock"), ElementsAre(SearchKind::kNote));
    EXPECT_THAT(kinds(org_a_, "elevator"), ElementsAre(SearchKind::kSite));
    EXPECT_TRUE(kinds(org_b_, "whitfield").empty());
    EXPECT_TRUE(kinds(org_a_, "zzz").empty());
    EXPECT_TRUE(kinds(org_a_, "'; DROP TABLE accounts; --").empty());
    auto hit = store_->search(org_a_, "whitfield", 5).value().at(0);
    EXPECT_EQ(hit.account_id, acct);
    EXPECT_EQ(hit.title, "Dana Whitfield");

    // Renaming reindexes in the same write.
    a.id = acct;
    a.name = "Cimarron Co-op";
    ASSERT_THAT(store_->update_account(a), IsOk());
    EXPECT_THAT(kinds(org_a_, "prairie"), ::testing::IsEmpty());
    EXPECT_THAT(kinds(org_a_, "cimarron"), ElementsAre(SearchKind::kAccount));
}

TEST_P(RecordStoreContract, UniqueKeysAreConflicts) {
    Organisation dup{OrgId{}, "Again", "alpha", "US", at("2026-01-01T00:00:00Z")};
    EXPECT_THAT(store_->insert_organisation(dup), HasError(ErrorCode::kConflict));
    User u{UserId{}, org_a_,       "tech@alpha.example",
           "Again",  Role::kAdmin, at("2026-01-01T00:00:00Z")};
    EXPECT_THAT(store_->insert_user(u), HasError(ErrorCode::kConflict));
    u.org_id = org_b_;
    u.email = "tech@alpha.example";
    EXPECT_THAT(store_->insert_user(u), IsOk()) << "emails are unique per organisation";
    EXPECT_EQ(store_->find_user_by_email(org_a_, "TECH@alpha.example")->id, user_a_);
}

TEST_P(RecordStoreContract, TransactionIsAllOrNothing) {
    auto result = store_->transaction([&]() -> Result<Ok> {
        HOVER_TRY(store_->insert_account(account(org_a_, "Half written")));
        return Error::invalid("name", "stop here");
    });
    EXPECT_THAT(result, HasError(ErrorCode::kInvalidInput));
    EXPECT_EQ(store_->list_accounts(org_a_, {}, {})->total, 0);
    EXPECT_TRUE(store_->search(org_a_, "half", 5)->empty()) << "the index rolls back too";

    auto nested = store_->transaction([&]() -> Result<Ok> {
        HOVER_TRY(store_->insert_account(account(org_a_, "Outer")));
        return store_->transaction([&]() -> Result<Ok> {
            HOVER_TRY(store_->insert_account(account(org_a_, "Inner")));
            return Ok{};
        });
    });
    EXPECT_THAT(nested, IsOk());
    EXPECT_EQ(store_->list_accounts(org_a_, {}, {})->total, 2);
}

TEST_P(RecordStoreContract, ReadSnapshotReadsAndJoinsAnOuterTransaction) {
    add_account(org_a_, "Seen");
    std::int64_t seen = 0;
    ASSERT_THAT(store_->read_snapshot([&]() -> Result<Ok> {
        seen = HOVER_TRY(store_->list_accounts(org_a_, {}, {})).total;
        return Ok{};
    }),
                IsOk());
    EXPECT_EQ(seen, 1);
    // Inside a write transaction, a snapshot joins it and sees its uncommitted rows.
    ASSERT_THAT(store_->transaction([&]() -> Result<Ok> {
        HOVER_TRY(store_->insert_account(account(org_a_, "Pending")));
        return store_->read_snapshot([&]() -> Result<Ok> {
            seen = HOVER_TRY(store_->list_accounts(org_a_, {}, {})).total;
            return Ok{};
        });
    }),
                IsOk());
    EXPECT_EQ(seen, 2);
}

INSTANTIATE_TEST_SUITE_P(Sqlite,
                         RecordStoreContract,
                         ::testing::Values(Backend::kSqlite),
                         testing::backend_name);
INSTANTIATE_TEST_SUITE_P(Postgres,
                         RecordStoreContract,
                         ::testing::Values(Backend::kPostgres),
                         testing::backend_name);

}  // namespace
}  // namespace hover

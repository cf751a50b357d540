#include "domain/records/record_service.hpp"

#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/records/sql_record_store.hpp"
#include "support/result_matchers.hpp"
#include "support/test_database.hpp"

namespace hover::records {
namespace {

using namespace std::chrono_literals;
using ::hover::testing::HasError;
using ::hover::testing::HasFieldError;
using ::hover::testing::IsOk;
using ::testing::HasSubstr;

constexpr Date kToday = std::chrono::year{2026} / 11 / 22;
constexpr Date kTomorrow = std::chrono::year{2026} / 11 / 23;

class RecordServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = hover::testing::TestDatabase::open(hover::testing::Backend::kSqlite);
        ASSERT_NE(db_, nullptr);
        store_ = std::make_unique<storage::SqlRecordStore>(db_->db());
        service_ = std::make_unique<RecordService>(*store_, clock_);
        a_ = make_org("Cedar Telecom", "cedar");
        b_ = make_org("Other Co", "other");
    }

    Actor make_org(const std::string& name, const std::string& slug) {
        Organisation org;
        org.name = name;
        org.slug = slug;
        auto created = service_->create_organisation(org);
        EXPECT_THAT(created, IsOk());
        User admin;
        admin.email = "admin@" + slug + ".example";
        admin.display_name = "Admin of " + name;
        admin.role = Role::kAdmin;
        EXPECT_THAT(service_->create_user(created->id, admin), IsOk());
        auto actor = service_->resolve_actor(slug, "");
        EXPECT_THAT(actor, IsOk());
        return actor.value();
    }

    Account account(const Actor& actor, const std::string& name = "Prairie Feed & Seed") {
        Account a;
        a.name = name;
        a.status = AccountStatus::kCustomer;
        auto r = service_->create_account(actor, a);
        EXPECT_THAT(r, IsOk());
        return r.value();
    }

    Site site(const Actor& actor, AccountId account_id, const std::string& name = "Main office") {
        Site s;
        s.account_id = account_id;
        s.name = name;
        auto r = service_->create_site(actor, s);
        EXPECT_THAT(r, IsOk());
        return r.value();
    }

    Contact contact(const Actor& actor, AccountId account_id) {
        Contact c;
        c.first_name = "Dana";
        c.last_name = "Whitehorse";
        c.accounts.push_back({account_id, "Office manager", true});
        c.phones.push_back({"desk", PhoneNumber{"", "", "(405) 555-0142 x12"}});
        auto r = service_->create_contact(actor, c);
        EXPECT_THAT(r, IsOk());
        return r.value();
    }

    Asset asset(const Actor& actor, SiteId site_id) {
        Asset a;
        a.site_id = site_id;
        a.category = AssetCategory::kPbx;
        a.make = "Avaya";
        a.model = "IP Office 500 V2";
        auto r = service_->create_asset(actor, a);
        EXPECT_THAT(r, IsOk());
        return r.value();
    }

    Line line(const Actor& actor, SiteId site_id) {
        Line l;
        l.site_id = site_id;
        l.number = PhoneNumber{"", "", "405-555-0100"};
        auto r = service_->create_line(actor, l);
        EXPECT_THAT(r, IsOk());
        return r.value();
    }

    Interaction interaction(const Actor& actor, AccountId account_id) {
        Interaction i;
        i.account_id = account_id;
        i.summary = "Checked the voicemail greeting.";
        auto r = service_->log_interaction(actor, i);
        EXPECT_THAT(r, IsOk());
        return r.value();
    }

    std::int64_t account_count(const Actor& actor) {
        auto page = service_->list_accounts(actor, AccountFilter{}, Page{});
        EXPECT_THAT(page, IsOk());
        return page->total;
    }

    std::int64_t contact_count(const Actor& actor) {
        auto page = service_->list_contacts(actor, std::nullopt, Page{});
        EXPECT_THAT(page, IsOk());
        return page->total;
    }

    FixedClock clock_{start_of(kToday) + 10h + 20min};
    std::unique_ptr<hover::testing::TestDatabase> db_;
    std::unique_ptr<storage::SqlRecordStore> store_;
    std::unique_ptr<RecordService> service_;
    Actor a_;  // Cedar Telecom's admin
    Actor b_;  // Other Co's admin
};

// The same answer for another organisation's row as for a row that does not exist.
void expect_same_error(const Error& foreign, const Error& missing) {
    EXPECT_EQ(foreign.code, missing.code);
    EXPECT_EQ(foreign.field, missing.field);
    EXPECT_EQ(foreign.user_message, missing.user_message);
}

// ---- Organisations, users, actors ------------------------------------------------------------

// REQ: P1
TEST_F(RecordServiceTest, CreateOrganisationChecksTheSlug) {
    Organisation org;
    org.name = "Slug Test";
    for (const char* bad : {"a", "cedar_telecom", "-cedar", "cedar-", "cédar",
                            "abcdefghijabcdefghijabcdefghijabcdefghijk"}) {
        org.slug = bad;
        EXPECT_THAT(service_->create_organisation(org),
                    HasFieldError(ErrorCode::kInvalidInput, "slug"))
            << bad;
    }
    org.slug = " Slug-Test-2 ";
    auto ok = service_->create_organisation(org);
    ASSERT_THAT(ok, IsOk());
    EXPECT_EQ(ok->slug, "slug-test-2");
    EXPECT_EQ(ok->phone_region, "US");
    EXPECT_EQ(ok->created_at, clock_.now());
}

TEST_F(RecordServiceTest, CreateOrganisationDerivesASlugFromTheName) {
    Organisation org;
    org.name = "  Red Dirt Telecom, LLC ";
    auto r = service_->create_organisation(org);
    ASSERT_THAT(r, IsOk());
    EXPECT_EQ(r->name, "Red Dirt Telecom, LLC");
    EXPECT_EQ(r->slug, "red-dirt-telecom-llc");
}

TEST_F(RecordServiceTest, ATakenSlugIsAConflict) {
    Organisation org;
    org.name = "Cedar Again";
    org.slug = "cedar";
    EXPECT_THAT(service_->create_organisation(org), HasFieldError(ErrorCode::kConflict, "slug"));
}

TEST_F(RecordServiceTest, OrganisationNeedsANameAndARealRegion) {
    Organisation org;
    org.slug = "nameless";
    EXPECT_THAT(service_->create_organisation(org),
                HasFieldError(ErrorCode::kInvalidInput, "name"));
    org.name = "Named";
    org.phone_region = "USA";
    EXPECT_THAT(service_->create_organisation(org),
                HasFieldError(ErrorCode::kInvalidInput, "phone_region"));
}

// REQ: P4
TEST_F(RecordServiceTest, CreateUserNeedsAUniqueEmail) {
    User u;
    EXPECT_THAT(service_->create_user(a_.org_id, u),
                HasFieldError(ErrorCode::kInvalidInput, "email"));
    u.email = "not an email";
    EXPECT_THAT(service_->create_user(a_.org_id, u),
                HasFieldError(ErrorCode::kInvalidInput, "email"));
    u.email = " Joe@Cedar.Example ";
    auto joe = service_->create_user(a_.org_id, u);
    ASSERT_THAT(joe, IsOk());
    EXPECT_EQ(joe->email, "joe@cedar.example");
    EXPECT_EQ(joe->display_name, "joe");
    EXPECT_EQ(joe->org_id, a_.org_id);
    u.email = "joe@cedar.example";
    EXPECT_THAT(service_->create_user(a_.org_id, u), HasFieldError(ErrorCode::kConflict, "email"));
    // The same email in another organisation is another user.
    EXPECT_THAT(service_->create_user(b_.org_id, u), IsOk());
    EXPECT_THAT(service_->create_user(OrgId{999}, u), HasError(ErrorCode::kNotFound));
}

TEST_F(RecordServiceTest, ResolveActorWithoutOrganisationsAsksToInit) {
    auto t = hover::testing::TestDatabase::open(hover::testing::Backend::kSqlite);
    ASSERT_NE(t, nullptr);
    storage::SqlRecordStore store(t->db());
    RecordService empty(store, clock_);
    auto r = empty.resolve_actor("", "");
    EXPECT_THAT(r, HasError(ErrorCode::kNotFound));
    EXPECT_THAT(r.error().user_message, HasSubstr("hover init"));
    EXPECT_THAT(r.error().user_message, HasSubstr("hover demo"));
}

TEST_F(RecordServiceTest, ResolveActorWithSeveralOrganisationsAsksForOrg) {
    auto r = service_->resolve_actor("", "");
    EXPECT_THAT(r, HasFieldError(ErrorCode::kInvalidInput, "org"));
    EXPECT_THAT(r.error().user_message, HasSubstr("--org"));
}

TEST_F(RecordServiceTest, ResolveActorPicksTheOnlyOrganisationAndItsFirstAdmin) {
    auto t = hover::testing::TestDatabase::open(hover::testing::Backend::kSqlite);
    ASSERT_NE(t, nullptr);
    storage::SqlRecordStore store(t->db());
    RecordService service(store, clock_);
    Organisation org;
    org.name = "Maple Leaf Comms";
    org.phone_region = "ca";
    auto created = service.create_organisation(org);
    ASSERT_THAT(created, IsOk());
    User tech;
    tech.email = "tech@maple.example";
    tech.role = Role::kTechnician;
    ASSERT_THAT(service.create_user(created->id, tech), IsOk());
    User boss;
    boss.email = "boss@maple.example";
    boss.role = Role::kAdmin;
    auto admin = service.create_user(created->id, boss);
    ASSERT_THAT(admin, IsOk());

    auto actor = service.resolve_actor("", "");
    ASSERT_THAT(actor, IsOk());
    EXPECT_EQ(actor->org_id, created->id);
    EXPECT_EQ(actor->user_id, admin->id);
    EXPECT_EQ(actor->role, Role::kAdmin);
    EXPECT_EQ(actor->phone_region, "CA");
}

TEST_F(RecordServiceTest, ResolveActorFallsBackToTheFirstUser) {
    Organisation org;
    org.name = "No Admins";
    org.slug = "no-admins";
    auto created = service_->create_organisation(org);
    ASSERT_THAT(created, IsOk());
    EXPECT_THAT(service_->resolve_actor("no-admins", ""), HasError(ErrorCode::kNotFound));
    User tech;
    tech.email = "first@na.example";
    auto first = service_->create_user(created->id, tech);
    ASSERT_THAT(first, IsOk());
    tech.email = "second@na.example";
    ASSERT_THAT(service_->create_user(created->id, tech), IsOk());
    auto actor = service_->resolve_actor("no-admins", "");
    ASSERT_THAT(actor, IsOk());
    EXPECT_EQ(actor->user_id, first->id);
    EXPECT_EQ(actor->role, Role::kTechnician);
}

TEST_F(RecordServiceTest, ResolveActorByEmail) {
    User u;
    u.email = "joe@cedar.example";
    u.role = Role::kManager;
    auto joe = service_->create_user(a_.org_id, u);
    ASSERT_THAT(joe, IsOk());
    auto actor = service_->resolve_actor("cedar", "Joe@Cedar.example");
    ASSERT_THAT(actor, IsOk());
    EXPECT_EQ(actor->user_id, joe->id);
    EXPECT_EQ(actor->role, Role::kManager);
    EXPECT_EQ(actor->phone_region, "US");

    EXPECT_THAT(service_->resolve_actor("cedar", "nobody@cedar.example"),
                HasError(ErrorCode::kNotFound));
    // A user of another organisation is nobody here.
    EXPECT_THAT(service_->resolve_actor("other", "joe@cedar.example"),
                HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->resolve_actor("nope", ""), HasError(ErrorCode::kNotFound));
}

// ---- Accounts --------------------------------------------------------------------------------

// REQ: R1
TEST_F(RecordServiceTest, CreateAccountTrimsScopesAndStamps) {
    Account in;
    in.name = "  Prairie Feed & Seed  ";
    in.org_id = b_.org_id;  // never trusted
    in.id = AccountId{12345};
    in.annual_revenue = Cents{250'000'000};
    in.next_refresh_year = 2028;
    in.budget_month = 7;
    in.technician_id = a_.user_id;
    auto saved = service_->create_account(a_, in);
    ASSERT_THAT(saved, IsOk());
    EXPECT_EQ(saved->name, "Prairie Feed & Seed");
    EXPECT_EQ(saved->org_id, a_.org_id);
    EXPECT_NE(saved->id, AccountId{12345});
    EXPECT_EQ(saved->created_at, clock_.now());
    EXPECT_EQ(saved->updated_at, clock_.now());

    auto read = service_->get_account(a_, saved->id);
    ASSERT_THAT(read, IsOk());
    EXPECT_EQ(read->name, "Prairie Feed & Seed");
    EXPECT_EQ(read->annual_revenue, Cents{250'000'000});
    EXPECT_EQ(read->budget_month, 7);
    EXPECT_EQ(read->technician_id, a_.user_id);
    EXPECT_THAT(service_->get_account(b_, saved->id), HasError(ErrorCode::kNotFound));
}

// REQ: R1
TEST_F(RecordServiceTest, AccountNameIsRequiredAndCapped) {
    Account a;
    a.name = "   ";
    EXPECT_THAT(service_->create_account(a_, a), HasFieldError(ErrorCode::kInvalidInput, "name"));
    a.name = std::string(201, 'x');
    EXPECT_THAT(service_->create_account(a_, a), HasFieldError(ErrorCode::kInvalidInput, "name"));
    a.name = std::string(200, 'x');
    EXPECT_THAT(service_->create_account(a_, a), IsOk());
    // Characters, not bytes: 200 "é" are 400 bytes.
    a.name.clear();
    for (int i = 0; i < 200; ++i) {
        a.name += "é";
    }
    EXPECT_THAT(service_->create_account(a_, a), IsOk());
    a.notes = std::string(10'001, 'n');
    EXPECT_THAT(service_->create_account(a_, a), HasFieldError(ErrorCode::kInvalidInput, "notes"));
    a.notes = std::string(10'000, 'n');
    EXPECT_THAT(service_->create_account(a_, a), IsOk());
}

// REQ: R1
TEST_F(RecordServiceTest, AccountProductCycleAndRevenueAreChecked) {
    Account a;
    a.name = "Cycle";
    for (int month : {0, 13}) {
        a.budget_month = month;
        EXPECT_THAT(service_->create_account(a_, a),
                    HasFieldError(ErrorCode::kInvalidInput, "budget_month"));
    }
    a.budget_month = 12;
    for (int year : {1989, 2101}) {
        a.next_refresh_year = year;
        EXPECT_THAT(service_->create_account(a_, a),
                    HasFieldError(ErrorCode::kInvalidInput, "next_refresh_year"));
    }
    a.next_refresh_year = 1990;
    a.annual_revenue = Cents{-1};
    EXPECT_THAT(service_->create_account(a_, a),
                HasFieldError(ErrorCode::kInvalidInput, "annual_revenue_cents"));
    a.annual_revenue = Cents{0};
    EXPECT_THAT(service_->create_account(a_, a), IsOk());
}

// REQ: R1, P1
TEST_F(RecordServiceTest, TechnicianMustBeAUserOfTheOrganisation) {
    Account a;
    a.name = "Tech";
    a.technician_id = b_.user_id;
    auto foreign = service_->create_account(a_, a);
    EXPECT_THAT(foreign, HasFieldError(ErrorCode::kInvalidInput, "technician_id"));
    a.technician_id = UserId{99'999};
    auto missing = service_->create_account(a_, a);
    EXPECT_THAT(missing, HasFieldError(ErrorCode::kInvalidInput, "technician_id"));
    expect_same_error(foreign.error(), missing.error());
}

// REQ: R1
TEST_F(RecordServiceTest, CommsFlowNumbersAreNormalised) {
    Account a;
    a.name = "Flow";
    a.comms_flow.push_back(
        {CommFlowKind::kMainNumber, "Main line", PhoneNumber{"", "", "(405) 555-0100"}, "AA"});
    a.comms_flow.push_back({CommFlowKind::kHuntGroup, "Hunt group 601", std::nullopt, "3 phones"});
    a.comms_flow.push_back(
        {CommFlowKind::kFax, "Fax", PhoneNumber{"", "", "   "}, ""});  // blank: no number
    auto saved = service_->create_account(a_, a);
    ASSERT_THAT(saved, IsOk());
    auto read = service_->get_account(a_, saved->id);
    ASSERT_THAT(read, IsOk());
    ASSERT_EQ(read->comms_flow.size(), 3U);
    ASSERT_TRUE(read->comms_flow[0].number.has_value());
    EXPECT_EQ(read->comms_flow[0].number->e164, "+14055550100");
    EXPECT_EQ(read->comms_flow[0].number->as_typed, "(405) 555-0100");
    EXPECT_FALSE(read->comms_flow[2].number.has_value());

    a.comms_flow[1].number = PhoneNumber{"", "", "call Bob"};
    EXPECT_THAT(service_->create_account(a_, a),
                HasFieldError(ErrorCode::kInvalidInput, "comms_flow[1].number"));
    a.comms_flow[1] = CommFlowEntry{};
    EXPECT_THAT(service_->create_account(a_, a),
                HasFieldError(ErrorCode::kInvalidInput, "comms_flow[1]"));
}

// REQ: R1
TEST_F(RecordServiceTest, UpdateKeepsCreatedAtAndRefreshesUpdatedAt) {
    Account saved = account(a_);
    Timestamp created = saved.created_at;
    clock_.advance(3h);
    saved.name = "Prairie Feed & Seed Co.";
    saved.created_at = Timestamp{};  // a caller cannot rewrite history
    auto updated = service_->update_account(a_, saved);
    ASSERT_THAT(updated, IsOk());
    EXPECT_EQ(updated->created_at, created);
    EXPECT_EQ(updated->updated_at, created + 3h);
    auto read = service_->get_account(a_, saved.id);
    ASSERT_THAT(read, IsOk());
    EXPECT_EQ(read->name, "Prairie Feed & Seed Co.");
    EXPECT_EQ(read->created_at, created);
    EXPECT_EQ(read->updated_at, created + 3h);
}

TEST_F(RecordServiceTest, UpdateValidatesLikeCreate) {
    Account saved = account(a_);
    saved.name = "";
    EXPECT_THAT(service_->update_account(a_, saved),
                HasFieldError(ErrorCode::kInvalidInput, "name"));
    auto read = service_->get_account(a_, saved.id);
    ASSERT_THAT(read, IsOk());
    EXPECT_EQ(read->name, "Prairie Feed & Seed");
}

// ---- Sites -----------------------------------------------------------------------------------

// REQ: R2
TEST_F(RecordServiceTest, SiteCoordinatesComeInPairsAndInRange) {
    Account acct = account(a_);
    Site s;
    s.account_id = acct.id;
    s.name = "Warehouse";
    s.latitude = 35.47;
    EXPECT_THAT(service_->create_site(a_, s), HasFieldError(ErrorCode::kInvalidInput, "longitude"));
    s.latitude.reset();
    s.longitude = -97.52;
    EXPECT_THAT(service_->create_site(a_, s), HasFieldError(ErrorCode::kInvalidInput, "latitude"));
    s.latitude = 90.5;
    EXPECT_THAT(service_->create_site(a_, s), HasFieldError(ErrorCode::kInvalidInput, "latitude"));
    s.latitude = -90.5;
    EXPECT_THAT(service_->create_site(a_, s), HasFieldError(ErrorCode::kInvalidInput, "latitude"));
    s.latitude = 35.47;
    s.longitude = -180.5;
    EXPECT_THAT(service_->create_site(a_, s), HasFieldError(ErrorCode::kInvalidInput, "longitude"));
    s.longitude = 180.5;
    EXPECT_THAT(service_->create_site(a_, s), HasFieldError(ErrorCode::kInvalidInput, "longitude"));
    s.longitude = -97.52;
    auto saved = service_->create_site(a_, s);
    ASSERT_THAT(saved, IsOk());
    auto read = service_->get_site(a_, saved->id);
    ASSERT_THAT(read, IsOk());
    EXPECT_DOUBLE_EQ(read->latitude.value_or(0), 35.47);
    EXPECT_DOUBLE_EQ(read->longitude.value_or(0), -97.52);
}

// REQ: R2, H1
TEST_F(RecordServiceTest, SiteHazardCodesAreChecked) {
    Account acct = account(a_);
    Site s;
    s.account_id = acct.id;
    s.name = "Warehouse";
    for (const char* bad : {"40109", "0401090", "04010A"}) {
        s.county_fips = bad;
        EXPECT_THAT(service_->create_site(a_, s),
                    HasFieldError(ErrorCode::kInvalidInput, "county_fips"))
            << bad;
    }
    s.county_fips = "040109";
    for (const char* bad : {"OKX025", "OK025", "OKZ25", "1KZ025", "OKZ0255"}) {
        s.nws_zone = bad;
        EXPECT_THAT(service_->create_site(a_, s),
                    HasFieldError(ErrorCode::kInvalidInput, "nws_zone"))
            << bad;
    }
    s.nws_zone = "okc109";
    for (const char* bad : {"Q", "AEX", "A9"}) {
        s.flood_zone = bad;
        EXPECT_THAT(service_->create_site(a_, s),
                    HasFieldError(ErrorCode::kInvalidInput, "flood_zone"))
            << bad;
    }
    s.flood_zone = " ae ";
    auto saved = service_->create_site(a_, s);
    ASSERT_THAT(saved, IsOk());
    EXPECT_EQ(saved->nws_zone, "OKC109");
    EXPECT_EQ(saved->flood_zone, "AE");
    EXPECT_EQ(saved->county_fips, "040109");
    for (const char* good : {"A", "AH", "AO", "AR", "A99", "V", "VE", "X", "B", "C", "D", ""}) {
        s.flood_zone = good;
        EXPECT_THAT(service_->create_site(a_, s), IsOk()) << good;
    }
}

// REQ: R2
TEST_F(RecordServiceTest, SiteNeedsANameAndAnAccountOfTheOrganisation) {
    Account mine = account(a_);
    Account theirs = account(b_, "Their account");
    Site s;
    s.account_id = mine.id;
    EXPECT_THAT(service_->create_site(a_, s), HasFieldError(ErrorCode::kInvalidInput, "name"));
    s.name = "Main office";
    s.country = "usa";
    EXPECT_THAT(service_->create_site(a_, s), HasFieldError(ErrorCode::kInvalidInput, "country"));
    s.country = "";
    s.account_id = AccountId{};
    EXPECT_THAT(service_->create_site(a_, s),
                HasFieldError(ErrorCode::kInvalidInput, "account_id"));
    s.account_id = theirs.id;
    auto foreign = service_->create_site(a_, s);
    EXPECT_THAT(foreign, HasFieldError(ErrorCode::kInvalidInput, "account_id"));
    s.account_id = AccountId{99'999};
    auto missing = service_->create_site(a_, s);
    expect_same_error(foreign.error(), missing.error());
    s.account_id = mine.id;
    auto saved = service_->create_site(a_, s);
    ASSERT_THAT(saved, IsOk());
    EXPECT_EQ(saved->country, "US");
}

// ---- Contacts --------------------------------------------------------------------------------

// REQ: R3
TEST_F(RecordServiceTest, ContactPhonesAreStoredAsE164AndAsTyped) {
    Account acct = account(a_);
    Contact c;
    c.first_name = " Dana ";
    c.accounts.push_back({acct.id, "Office manager", true});
    c.phones.push_back({"desk", PhoneNumber{"", "", "(405) 555-0142 x12"}});
    c.phones.push_back({"mobile", PhoneNumber{"+14055550199", "", ""}});  // e164 only
    c.emails.push_back({"work", " dana@prairiefeed.example "});
    auto saved = service_->create_contact(a_, c);
    ASSERT_THAT(saved, IsOk());
    auto read = service_->get_contact(a_, saved->id);
    ASSERT_THAT(read, IsOk());
    EXPECT_EQ(read->first_name, "Dana");
    EXPECT_EQ(read->display_name(), "Dana");
    ASSERT_EQ(read->phones.size(), 2U);
    EXPECT_EQ(read->phones[0].label, "desk");
    EXPECT_EQ(read->phones[0].number, (PhoneNumber{"+14055550142", "12", "(405) 555-0142 x12"}));
    EXPECT_EQ(read->phones[1].number.e164, "+14055550199");
    ASSERT_EQ(read->emails.size(), 1U);
    EXPECT_EQ(read->emails[0].address, "dana@prairiefeed.example");
    ASSERT_EQ(read->accounts.size(), 1U);
    EXPECT_EQ(read->accounts[0], (AccountLink{acct.id, "Office manager", true}));
}

// REQ: R3
TEST_F(RecordServiceTest, ContactUsesTheOrganisationsPhoneRegion) {
    Actor uk = a_;
    uk.phone_region = "GB";
    Contact c;
    c.last_name = "Smith";
    c.phones.push_back({"office", PhoneNumber{"", "", "020 7946 0958"}});
    auto saved = service_->create_contact(uk, c);
    ASSERT_THAT(saved, IsOk());
    EXPECT_EQ(saved->phones[0].number.e164, "+442079460958");
}

// REQ: R3
TEST_F(RecordServiceTest, ContactNeedsAName) {
    Contact c;
    c.first_name = "  ";
    EXPECT_THAT(service_->create_contact(a_, c),
                HasFieldError(ErrorCode::kInvalidInput, "first_name"));
    c.last_name = "Whitehorse";
    EXPECT_THAT(service_->create_contact(a_, c), IsOk());
}

// REQ: R3
TEST_F(RecordServiceTest, AnInvalidPhoneNamesItsRow) {
    Contact c;
    c.first_name = "Dana";
    c.phones.push_back({"desk", PhoneNumber{"", "", "405-555-0142"}});
    c.phones.push_back({"mobile", PhoneNumber{"", "", "555-01"}});
    auto r = service_->create_contact(a_, c);
    EXPECT_THAT(r, HasFieldError(ErrorCode::kInvalidInput, "phones[1].number"));
    EXPECT_THAT(r.error().user_message, HasSubstr("555-01"));
    c.phones[1].number = PhoneNumber{"", "", "(405) 555-0142"};  // the same number again
    EXPECT_THAT(service_->create_contact(a_, c),
                HasFieldError(ErrorCode::kInvalidInput, "phones[1].number"));
    c.phones[1].number = PhoneNumber{"", "", ""};
    EXPECT_THAT(service_->create_contact(a_, c),
                HasFieldError(ErrorCode::kInvalidInput, "phones[1].number"));
}

// REQ: R3
TEST_F(RecordServiceTest, EmailsMustLookLikeAddresses) {
    Contact c;
    c.first_name = "Dana";
    for (const char* bad : {"dana", "dana@", "@example.com", "dana@example", "dana@@example.com",
                            "dana smith@example.com", "dana@example..com", ""}) {
        c.emails = {{"work", bad}};
        EXPECT_THAT(service_->create_contact(a_, c),
                    HasFieldError(ErrorCode::kInvalidInput, "emails[0].address"))
            << bad;
    }
    c.emails = {{"work", "dana@example.com"}, {"home", "DANA@example.com"}};
    EXPECT_THAT(service_->create_contact(a_, c),
                HasFieldError(ErrorCode::kInvalidInput, "emails[1].address"));
}

// REQ: R3
TEST_F(RecordServiceTest, ContactAccountLinksAreCheckedAndUnique) {
    Account mine = account(a_);
    Account other = account(a_, "Second account");
    Account theirs = account(b_, "Their account");
    Contact c;
    c.first_name = "Dana";
    c.accounts = {{mine.id, "Owner", true}, {theirs.id, "", false}};
    auto foreign = service_->create_contact(a_, c);
    EXPECT_THAT(foreign, HasFieldError(ErrorCode::kInvalidInput, "accounts[1].account_id"));
    c.accounts[1].account_id = AccountId{99'999};
    auto missing = service_->create_contact(a_, c);
    expect_same_error(foreign.error(), missing.error());
    EXPECT_THAT(missing.error().user_message, HasSubstr("No such account"));

    c.accounts[1].account_id = mine.id;
    EXPECT_THAT(service_->create_contact(a_, c),
                HasFieldError(ErrorCode::kInvalidInput, "accounts[1].account_id"));

    c.accounts[1].account_id = other.id;
    auto saved = service_->create_contact(a_, c);
    ASSERT_THAT(saved, IsOk());
    auto of_other = service_->list_contacts(a_, other.id, Page{});
    ASSERT_THAT(of_other, IsOk());
    ASSERT_EQ(of_other->items.size(), 1U);
    EXPECT_EQ(of_other->items[0].id, saved->id);
}

// REQ: R3
TEST_F(RecordServiceTest, BirthdayCannotBeInTheFuture) {
    Contact c;
    c.first_name = "Dana";
    c.birthday = kTomorrow;
    EXPECT_THAT(service_->create_contact(a_, c),
                HasFieldError(ErrorCode::kInvalidInput, "birthday"));
    c.birthday = std::chrono::year{1850} / 1 / 1;
    EXPECT_THAT(service_->create_contact(a_, c),
                HasFieldError(ErrorCode::kInvalidInput, "birthday"));
    c.birthday = std::chrono::year{1978} / 5 / 4;
    EXPECT_THAT(service_->create_contact(a_, c), IsOk());
}

// REQ: R3, R8
TEST_F(RecordServiceTest, AContactWithABadSecondPhoneWritesNothing) {
    Account acct = account(a_);
    Contact c;
    c.first_name = "Dana";
    c.accounts.push_back({acct.id, "", false});
    c.phones.push_back({"desk", PhoneNumber{"", "", "405-555-0142"}});
    c.phones.push_back({"mobile", PhoneNumber{"", "", "not a phone"}});
    EXPECT_THAT(service_->create_contact(a_, c),
                HasFieldError(ErrorCode::kInvalidInput, "phones[1].number"));
    EXPECT_EQ(contact_count(a_), 0);
    auto hits = service_->search(a_, "Dana", 20);
    ASSERT_THAT(hits, IsOk());
    EXPECT_TRUE(hits->empty());
}

TEST_F(RecordServiceTest, UpdateContactReplacesPhonesAndKeepsCreatedAt) {
    Account acct = account(a_);
    Contact saved = contact(a_, acct.id);
    clock_.advance(24h);
    saved.phones = {{"mobile", PhoneNumber{"", "", "405 555 0199"}}};
    auto updated = service_->update_contact(a_, saved);
    ASSERT_THAT(updated, IsOk());
    auto read = service_->get_contact(a_, saved.id);
    ASSERT_THAT(read, IsOk());
    ASSERT_EQ(read->phones.size(), 1U);
    EXPECT_EQ(read->phones[0].number.e164, "+14055550199");
    EXPECT_EQ(read->created_at, saved.created_at);
    EXPECT_EQ(read->updated_at, saved.created_at + 24h);
}

// ---- Assets ----------------------------------------------------------------------------------

// REQ: R4
TEST_F(RecordServiceTest, AssetDatesMustBeSane) {
    Account acct = account(a_);
    Site s = site(a_, acct.id);
    Asset a;
    a.site_id = s.id;
    a.category = AssetCategory::kVoicemail;
    a.installed_on = kTomorrow;
    EXPECT_THAT(service_->create_asset(a_, a),
                HasFieldError(ErrorCode::kInvalidInput, "installed_on"));
    a.installed_on = std::chrono::year{2020} / 6 / 1;
    a.warranty_ends = std::chrono::year{2020} / 5 / 31;
    EXPECT_THAT(service_->create_asset(a_, a),
                HasFieldError(ErrorCode::kInvalidInput, "warranty_ends"));
    a.warranty_ends = std::chrono::year{2023} / 6 / 1;
    a.end_of_life = std::chrono::year{2019} / 1 / 1;
    EXPECT_THAT(service_->create_asset(a_, a),
                HasFieldError(ErrorCode::kInvalidInput, "end_of_life"));
    a.end_of_life = std::chrono::year{2030} / 1 / 1;  // end of life may be in the future
    a.forgets_holiday_greeting = true;
    auto saved = service_->create_asset(a_, a);
    ASSERT_THAT(saved, IsOk());
    auto read = service_->get_asset(a_, saved->id);
    ASSERT_THAT(read, IsOk());
    EXPECT_EQ(read->installed_on, a.installed_on);
    EXPECT_EQ(read->warranty_ends, a.warranty_ends);
    EXPECT_EQ(read->end_of_life, a.end_of_life);
    EXPECT_EQ(read->forgets_holiday_greeting, true);
}

// REQ: R4, P1
TEST_F(RecordServiceTest, AssetSiteMustBeInTheOrganisation) {
    Site theirs = site(b_, account(b_, "Theirs").id);
    Asset a;
    a.site_id = theirs.id;
    auto foreign = service_->create_asset(a_, a);
    EXPECT_THAT(foreign, HasFieldError(ErrorCode::kInvalidInput, "site_id"));
    a.site_id = SiteId{99'999};
    auto missing = service_->create_asset(a_, a);
    expect_same_error(foreign.error(), missing.error());
    a.site_id = SiteId{};
    EXPECT_THAT(service_->create_asset(a_, a), HasFieldError(ErrorCode::kInvalidInput, "site_id"));
}

// ---- Lines -----------------------------------------------------------------------------------

// REQ: R5
TEST_F(RecordServiceTest, LineNeedsANumberOrACircuitId) {
    Site s = site(a_, account(a_).id);
    Line l;
    l.site_id = s.id;
    EXPECT_THAT(service_->create_line(a_, l), HasFieldError(ErrorCode::kInvalidInput, "number"));
    l.number = PhoneNumber{"", "", "  "};  // blank counts as none
    EXPECT_THAT(service_->create_line(a_, l), HasFieldError(ErrorCode::kInvalidInput, "number"));
    l.number.reset();
    l.circuit_id = " 45.KQXA.123456..SW ";
    l.type = LineType::kPri;
    auto circuit = service_->create_line(a_, l);
    ASSERT_THAT(circuit, IsOk());
    EXPECT_EQ(circuit->circuit_id, "45.KQXA.123456..SW");
    l.circuit_id.clear();
    l.number = PhoneNumber{"", "", "405.555.0100"};
    auto numbered = service_->create_line(a_, l);
    ASSERT_THAT(numbered, IsOk());
    auto read = service_->get_line(a_, numbered->id);
    ASSERT_THAT(read, IsOk());
    ASSERT_TRUE(read->number.has_value());
    EXPECT_EQ(read->number->e164, "+14055550100");
    EXPECT_EQ(read->number->as_typed, "405.555.0100");
    l.number = PhoneNumber{"", "", "405.555"};
    EXPECT_THAT(service_->create_line(a_, l), HasFieldError(ErrorCode::kInvalidInput, "number"));
}

// REQ: R5
TEST_F(RecordServiceTest, LineBandwidthAndChargeAreChecked) {
    Site s = site(a_, account(a_).id);
    Line l;
    l.site_id = s.id;
    l.circuit_id = "CKT-1";
    l.bandwidth_down_kbps = 0;
    EXPECT_THAT(service_->create_line(a_, l),
                HasFieldError(ErrorCode::kInvalidInput, "bandwidth_down_kbps"));
    l.bandwidth_down_kbps = 100'000;
    l.bandwidth_up_kbps = -5;
    EXPECT_THAT(service_->create_line(a_, l),
                HasFieldError(ErrorCode::kInvalidInput, "bandwidth_up_kbps"));
    l.bandwidth_up_kbps = 20'000;
    l.monthly_charge = Cents{-1};
    EXPECT_THAT(service_->create_line(a_, l),
                HasFieldError(ErrorCode::kInvalidInput, "monthly_charge_cents"));
    l.monthly_charge = Cents{0};
    auto saved = service_->create_line(a_, l);
    ASSERT_THAT(saved, IsOk());
    auto read = service_->get_line(a_, saved->id);
    ASSERT_THAT(read, IsOk());
    EXPECT_EQ(read->bandwidth_down_kbps, 100'000);
    EXPECT_EQ(read->monthly_charge, Cents{0});
}

// REQ: R5, P1
TEST_F(RecordServiceTest, LineSiteMustBeInTheOrganisation) {
    Site theirs = site(b_, account(b_, "Theirs").id);
    Line l;
    l.site_id = theirs.id;
    l.circuit_id = "CKT-1";
    auto foreign = service_->create_line(a_, l);
    EXPECT_THAT(foreign, HasFieldError(ErrorCode::kInvalidInput, "site_id"));
    l.site_id = SiteId{99'999};
    expect_same_error(foreign.error(), service_->create_line(a_, l).error());
}

// ---- Interactions and notes ------------------------------------------------------------------

// REQ: R6
TEST_F(RecordServiceTest, InteractionDefaultsToTheActorAndNow) {
    Account acct = account(a_);
    Interaction i = interaction(a_, acct.id);
    EXPECT_EQ(i.user_id, a_.user_id);
    EXPECT_EQ(i.occurred_at, clock_.now());
    EXPECT_EQ(i.created_at, clock_.now());
    EXPECT_EQ(i.org_id, a_.org_id);
    auto read = service_->get_interaction(a_, i.id);
    ASSERT_THAT(read, IsOk());
    EXPECT_EQ(read->user_id, a_.user_id);
    EXPECT_EQ(read->summary, "Checked the voicemail greeting.");
}

// REQ: R6
TEST_F(RecordServiceTest, InteractionMayNotBeMoreThanADayAhead) {
    Account acct = account(a_);
    Interaction i;
    i.account_id = acct.id;
    i.occurred_at = clock_.now() + 24h + 1s;
    EXPECT_THAT(service_->log_interaction(a_, i),
                HasFieldError(ErrorCode::kInvalidInput, "occurred_at"));
    i.occurred_at = clock_.now() + 23h;  // a visit booked for tomorrow morning, logged early
    EXPECT_THAT(service_->log_interaction(a_, i), IsOk());
    i.occurred_at = clock_.now() - 24h * 400;
    EXPECT_THAT(service_->log_interaction(a_, i), IsOk());
    i.duration_minutes = -1;
    EXPECT_THAT(service_->log_interaction(a_, i),
                HasFieldError(ErrorCode::kInvalidInput, "duration_minutes"));
}

// REQ: R6, P1
TEST_F(RecordServiceTest, InteractionReferencesStayInTheOrganisation) {
    Account mine = account(a_);
    Account second = account(a_, "Second");
    Site mine_site = site(a_, mine.id);
    Site second_site = site(a_, second.id);
    Account theirs = account(b_, "Theirs");
    Contact their_contact = contact(b_, theirs.id);

    Interaction i;
    i.account_id = theirs.id;
    EXPECT_THAT(service_->log_interaction(a_, i),
                HasFieldError(ErrorCode::kInvalidInput, "account_id"));

    i.account_id = mine.id;
    i.contact_id = their_contact.id;
    auto foreign = service_->log_interaction(a_, i);
    EXPECT_THAT(foreign, HasFieldError(ErrorCode::kInvalidInput, "contact_id"));
    i.contact_id = ContactId{99'999};
    expect_same_error(foreign.error(), service_->log_interaction(a_, i).error());
    i.contact_id.reset();

    i.site_id = second_site.id;
    EXPECT_THAT(service_->log_interaction(a_, i),
                HasFieldError(ErrorCode::kInvalidInput, "site_id"));
    i.site_id = mine_site.id;

    i.user_id = b_.user_id;
    auto foreign_user = service_->log_interaction(a_, i);
    EXPECT_THAT(foreign_user, HasFieldError(ErrorCode::kInvalidInput, "user_id"));
    i.user_id = UserId{99'999};
    expect_same_error(foreign_user.error(), service_->log_interaction(a_, i).error());

    i.user_id = UserId{};
    EXPECT_THAT(service_->log_interaction(a_, i), IsOk());
}

// REQ: R6
TEST_F(RecordServiceTest, NoteNeedsABodyAndIsByTheActor) {
    Account acct = account(a_);
    User u;
    u.email = "joe@cedar.example";
    auto joe = service_->create_user(a_.org_id, u);
    ASSERT_THAT(joe, IsOk());
    Note n;
    n.account_id = acct.id;
    n.body = " \n ";
    EXPECT_THAT(service_->add_note(a_, n), HasFieldError(ErrorCode::kInvalidInput, "body"));
    n.body = std::string(10'001, 'x');
    EXPECT_THAT(service_->add_note(a_, n), HasFieldError(ErrorCode::kInvalidInput, "body"));
    n.body = "Gate code 4411.";
    n.author_id = joe->id;  // ignored: the author is whoever writes it
    auto saved = service_->add_note(a_, n);
    ASSERT_THAT(saved, IsOk());
    EXPECT_EQ(saved->author_id, a_.user_id);
    auto notes = service_->list_notes(a_, acct.id);
    ASSERT_THAT(notes, IsOk());
    ASSERT_EQ(notes->size(), 1U);
    EXPECT_EQ((*notes)[0].author_id, a_.user_id);
    EXPECT_EQ((*notes)[0].body, "Gate code 4411.");

    Account theirs = account(b_, "Theirs");
    n.account_id = theirs.id;
    EXPECT_THAT(service_->add_note(a_, n), HasFieldError(ErrorCode::kInvalidInput, "account_id"));
}

// ---- Tenant isolation ------------------------------------------------------------------------

// REQ: P1
TEST_F(RecordServiceTest, AnotherOrganisationsRowsAreNotFound) {
    Account acct = account(a_);
    Site s = site(a_, acct.id);
    Contact c = contact(a_, acct.id);
    Asset as = asset(a_, s.id);
    Line l = line(a_, s.id);
    Interaction i = interaction(a_, acct.id);

    EXPECT_THAT(service_->get_account(b_, acct.id), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->get_site(b_, s.id), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->get_contact(b_, c.id), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->get_asset(b_, as.id), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->get_line(b_, l.id), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->get_interaction(b_, i.id), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->account_overview(b_, acct.id), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->list_sites(b_, acct.id), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->list_contacts(b_, acct.id, Page{}), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->list_assets_of_site(b_, s.id), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->list_assets_of_account(b_, acct.id), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->list_lines_of_site(b_, s.id), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->list_lines_of_account(b_, acct.id), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->list_interactions(b_, acct.id, Page{}), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->list_notes(b_, acct.id), HasError(ErrorCode::kNotFound));
    EXPECT_EQ(account_count(b_), 0);
    EXPECT_EQ(contact_count(b_), 0);

    // The same answer as for ids that do not exist anywhere.
    auto foreign = service_->get_account(b_, acct.id);
    auto missing = service_->get_account(b_, AccountId{99'999});
    expect_same_error(foreign.error(), missing.error());
}

// REQ: P1
TEST_F(RecordServiceTest, AnotherOrganisationCannotUpdateOrLinkToRows) {
    Account acct = account(a_);
    Site s = site(a_, acct.id);
    Contact c = contact(a_, acct.id);
    Asset as = asset(a_, s.id);
    Line l = line(a_, s.id);

    Account hijack = acct;
    hijack.name = "Hijacked";
    EXPECT_THAT(service_->update_account(b_, hijack), HasError(ErrorCode::kNotFound));
    Site s2 = s;
    EXPECT_THAT(service_->update_site(b_, s2), HasError(ErrorCode::kNotFound));
    Contact c2 = c;
    c2.accounts.clear();
    EXPECT_THAT(service_->update_contact(b_, c2), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->update_asset(b_, as), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->update_line(b_, l), HasError(ErrorCode::kNotFound));
    auto read = service_->get_account(a_, acct.id);
    ASSERT_THAT(read, IsOk());
    EXPECT_EQ(read->name, "Prairie Feed & Seed");

    // Org B's contact cannot be linked to org A's account.
    Contact theirs;
    theirs.first_name = "Mallory";
    theirs.accounts.push_back({acct.id, "", false});
    auto foreign = service_->create_contact(b_, theirs);
    EXPECT_THAT(foreign, HasFieldError(ErrorCode::kInvalidInput, "accounts[0].account_id"));
    theirs.accounts[0].account_id = AccountId{99'999};
    auto missing = service_->create_contact(b_, theirs);
    expect_same_error(foreign.error(), missing.error());
}

// REQ: P1, R8
TEST_F(RecordServiceTest, SearchStaysInTheOrganisation) {
    account(a_, "Prairie Feed & Seed");
    auto hits = service_->search(b_, "prairie", 20);
    ASSERT_THAT(hits, IsOk());
    EXPECT_TRUE(hits->empty());
}

// ---- All or nothing --------------------------------------------------------------------------

// REQ: R8
TEST_F(RecordServiceTest, AnAtomicBlockThatFailsHalfWayLeavesNoRows) {
    auto r = service_->atomically([&]() -> Result<Ok> {
        Account first;
        first.name = "First";
        HOVER_TRY(service_->create_account(a_, first));
        Account second;
        second.name = "Second";
        HOVER_TRY(service_->create_account(a_, second));
        Account bad;  // no name
        HOVER_TRY(service_->create_account(a_, bad));
        return Ok{};
    });
    EXPECT_THAT(r, HasFieldError(ErrorCode::kInvalidInput, "name"));
    EXPECT_EQ(account_count(a_), 0);
    auto hits = service_->search(a_, "First", 20);
    ASSERT_THAT(hits, IsOk());
    EXPECT_TRUE(hits->empty());
}

TEST_F(RecordServiceTest, AnAtomicBlockThatSucceedsKeepsEverything) {
    auto r = service_->atomically([&]() -> Result<Ok> {
        Account a = HOVER_TRY(service_->create_account(a_, Account{.name = "One"}));
        Site s;
        s.account_id = a.id;
        s.name = "HQ";
        HOVER_TRY(service_->create_site(a_, s));
        return Ok{};
    });
    EXPECT_THAT(r, IsOk());
    EXPECT_EQ(account_count(a_), 1);
}

// ---- Overview, lists, search -----------------------------------------------------------------

// REQ: R1, R2, R3, R4, R5, R6
TEST_F(RecordServiceTest, AccountOverviewGathersEverything) {
    Account acct = account(a_);
    Account other = account(a_, "Other account");
    Site s = site(a_, acct.id);
    site(a_, other.id, "Not this one");
    Contact c = contact(a_, acct.id);
    asset(a_, s.id);
    line(a_, s.id);
    for (int k = 0; k < 25; ++k) {
        Interaction i;
        i.account_id = acct.id;
        i.occurred_at = clock_.now() - std::chrono::hours{25 - k};
        i.summary = "Call " + std::to_string(k);
        ASSERT_THAT(service_->log_interaction(a_, i), IsOk());
    }
    Note n;
    n.account_id = acct.id;
    n.body = "Gate code 4411.";
    ASSERT_THAT(service_->add_note(a_, n), IsOk());

    auto o = service_->account_overview(a_, acct.id);
    ASSERT_THAT(o, IsOk());
    EXPECT_EQ(o->account.id, acct.id);
    ASSERT_EQ(o->sites.size(), 1U);
    EXPECT_EQ(o->sites[0].id, s.id);
    ASSERT_EQ(o->contacts.size(), 1U);
    EXPECT_EQ(o->contacts[0].id, c.id);
    EXPECT_EQ(o->assets.size(), 1U);
    EXPECT_EQ(o->lines.size(), 1U);
    ASSERT_EQ(o->recent_interactions.size(), 20U);
    EXPECT_EQ(o->recent_interactions.front().summary, "Call 24");  // newest first
    EXPECT_EQ(o->notes.size(), 1U);
    ASSERT_EQ(o->users.size(), 1U);
    EXPECT_EQ(o->users[0].id, a_.user_id);
}

// REQ: R8
TEST_F(RecordServiceTest, SearchFindsAnAccountByAWordOfItsName) {
    Account acct = account(a_, "Prairie Feed & Seed");
    account(a_, "Cimarron Bank");
    auto hits = service_->search(a_, "  feed ", 20);
    ASSERT_THAT(hits, IsOk());
    ASSERT_EQ(hits->size(), 1U);
    EXPECT_EQ((*hits)[0].kind, SearchKind::kAccount);
    EXPECT_EQ((*hits)[0].id, acct.id.value);
}

// REQ: R8
TEST_F(RecordServiceTest, SearchFindsAContactByPhoneDigits) {
    Account acct = account(a_);
    Contact c = contact(a_, acct.id);  // (405) 555-0142 x12
    for (const char* q : {"555-0142", "4055550142", "+1 405 555 0142"}) {
        auto hits = service_->search(a_, q, 20);
        ASSERT_THAT(hits, IsOk()) << q;
        bool found = false;
        for (const auto& hit : *hits) {
            found = found || (hit.kind == SearchKind::kContact && hit.id == c.id.value);
        }
        EXPECT_TRUE(found) << q;
    }
}

// REQ: R8
TEST_F(RecordServiceTest, SearchNeedsAQueryAndClampsTheLimit) {
    EXPECT_THAT(service_->search(a_, "   ", 20), HasFieldError(ErrorCode::kInvalidInput, "q"));
    EXPECT_THAT(service_->search(a_, std::string(201, 'q'), 20),
                HasFieldError(ErrorCode::kInvalidInput, "q"));
    for (int k = 0; k < 3; ++k) {
        account(a_, "Feed store " + std::to_string(k));
    }
    auto one = service_->search(a_, "feed", 0);
    ASSERT_THAT(one, IsOk());
    EXPECT_EQ(one->size(), 1U);
    auto all = service_->search(a_, "feed", 100'000);
    ASSERT_THAT(all, IsOk());
    EXPECT_EQ(all->size(), 3U);
}

TEST_F(RecordServiceTest, ListsClampThePage) {
    for (int k = 0; k < 3; ++k) {
        account(a_, "Account " + std::to_string(k));
    }
    auto page = service_->list_accounts(a_, AccountFilter{}, Page{0, 0});
    ASSERT_THAT(page, IsOk());
    EXPECT_EQ(page->total, 3);
    EXPECT_EQ(page->items.size(), 1U);
    auto big = service_->list_accounts(a_, AccountFilter{}, Page{1, 100'000});
    ASSERT_THAT(big, IsOk());
    EXPECT_EQ(big->items.size(), 3U);
}

}  // namespace
}  // namespace hover::records

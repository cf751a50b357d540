#include "io/json/records_json.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/result_matchers.hpp"

namespace hover::io {
namespace {

using namespace std::chrono_literals;
using ::hover::testing::HasFieldError;
using ::hover::testing::IsOk;
using nlohmann::json;
using records::PhoneNumber;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr Date kDay = std::chrono::year{2024} / 3 / 15;
const Timestamp kCreated = start_of(std::chrono::year{2025} / 1 / 2) + 9h + 30min;
const Timestamp kUpdated = start_of(std::chrono::year{2026} / 11 / 22) + 10h + 20min;

PhoneNumber phone(std::string e164, std::string extension, std::string as_typed) {
    return PhoneNumber{std::move(e164), std::move(extension), std::move(as_typed)};
}

// What apply_*_json may read back: everything but the server-owned fields.
json writable(json j) {
    for (const char* key :
         {"id", "org_id", "created_at", "updated_at", "author_id", "display_name"}) {
        j.erase(key);
    }
    return j;
}

records::Account full_account() {
    records::Account a;
    a.id = AccountId{7};
    a.org_id = OrgId{3};
    a.name = "Prairie Feed & Seed";
    a.status = records::AccountStatus::kCustomer;
    a.industry = "Agriculture";
    a.region = "Central OK";
    a.annual_revenue = Cents{250'000'000};
    a.next_refresh_year = 2028;
    a.budget_month = 7;
    a.comms_flow_notes = "Main line rings the front desk, then the AA.";
    a.comms_flow.push_back({records::CommFlowKind::kMainNumber, "Main line",
                            phone("+14055550100", "", "(405) 555-0100"), "Hunt group 601"});
    a.comms_flow.push_back(
        {records::CommFlowKind::kAutoAttendant, "AA option 2: Service", std::nullopt, "Ext 220"});
    a.technician_id = UserId{4};
    a.notes = "Pays on time.";
    a.created_at = kCreated;
    a.updated_at = kUpdated;
    return a;
}

records::Site full_site() {
    records::Site s;
    s.id = SiteId{11};
    s.org_id = OrgId{3};
    s.account_id = AccountId{7};
    s.name = "Warehouse";
    s.street = "1200 NW 10th St";
    s.city = "Oklahoma City";
    s.state = "OK";
    s.postal_code = "73106";
    s.country = "US";
    s.latitude = 35.4823;
    s.longitude = -97.5351;
    s.county_fips = "040109";
    s.nws_zone = "OKZ025";
    s.tornado_alley = true;
    s.flood_zone = "AE";
    s.lightning_prone = true;
    s.access_notes = "Ring the dock bell.";
    s.paging_dead_zones = "Cold storage room";
    s.created_at = kCreated;
    s.updated_at = kUpdated;
    return s;
}

records::Contact full_contact() {
    records::Contact c;
    c.id = ContactId{21};
    c.org_id = OrgId{3};
    c.first_name = "Dana";
    c.last_name = "Whitehorse";
    c.job_title = "Office manager";
    c.accounts.push_back({AccountId{7}, "Office manager", true});
    c.accounts.push_back({AccountId{8}, "Board member", false});
    c.phones.push_back({"desk", phone("+14055550142", "12", "(405) 555-0142 x12")});
    c.phones.push_back({"mobile", phone("+14055550199", "", "405-555-0199")});
    c.emails.push_back({"work", "dana@prairiefeed.example"});
    c.preferred_channel = records::Channel::kText;
    c.preferred_hours = "mornings before 10";
    c.technical_level = records::TechnicalLevel::kIntermediate;
    c.phone_habit = records::PhoneHabit::kLetsItGoToVoicemail;
    c.communication_style = "Short and to the point.";
    c.birthday = std::chrono::year{1978} / 5 / 4;
    c.family = "Two kids";
    c.interests = "Fishing";
    c.how_we_met = "State fair booth";
    c.do_not_contact = false;
    c.notes = "Prefers texts.";
    c.created_at = kCreated;
    c.updated_at = kUpdated;
    return c;
}

records::Asset full_asset() {
    records::Asset a;
    a.id = AssetId{31};
    a.org_id = OrgId{3};
    a.site_id = SiteId{11};
    a.category = records::AssetCategory::kAutoAttendant;
    a.make = "Avaya";
    a.model = "IP Office 500 V2";
    a.serial = "SN-12345";
    a.installed_on = kDay;
    a.condition = records::Condition::kFair;
    a.location = "2nd floor IDF, rack B";
    a.warranty_ends = std::chrono::year{2027} / 3 / 15;
    a.end_of_life = std::chrono::year{2029} / 12 / 31;
    a.forgets_holiday_greeting = true;
    a.notes = "Fan is loud.";
    a.created_at = kCreated;
    a.updated_at = kUpdated;
    return a;
}

records::Line full_line() {
    records::Line l;
    l.id = LineId{41};
    l.org_id = OrgId{3};
    l.site_id = SiteId{11};
    l.number = phone("+14055550100", "", "405 555 0100");
    l.circuit_id = "45.KQXA.123456..SW";
    l.carrier = "AT&T";
    l.type = records::LineType::kPri;
    l.status = records::LineStatus::kDisconnected;
    l.bandwidth_down_kbps = 1544;
    l.bandwidth_up_kbps = 1544;
    l.monthly_charge = Cents{45'995};
    l.notes = "Disconnected 2019, still billed?";
    l.created_at = kCreated;
    l.updated_at = kUpdated;
    return l;
}

records::Interaction full_interaction() {
    records::Interaction i;
    i.id = InteractionId{51};
    i.org_id = OrgId{3};
    i.account_id = AccountId{7};
    i.contact_id = ContactId{21};
    i.site_id = SiteId{11};
    i.user_id = UserId{4};
    i.kind = records::InteractionKind::kVisit;
    i.direction = records::Direction::kInbound;
    i.outcome = records::Outcome::kReached;
    i.occurred_at = kUpdated - 2h;
    i.duration_minutes = 45;
    i.summary = "Replaced the UPS battery.";
    i.created_at = kUpdated;
    return i;
}

records::Note full_note() {
    records::Note n;
    n.id = NoteId{61};
    n.org_id = OrgId{3};
    n.account_id = AccountId{7};
    n.contact_id = ContactId{21};
    n.site_id = SiteId{11};
    n.author_id = UserId{4};
    n.body = "Gate code 4411.";
    n.created_at = kCreated;
    return n;
}

// ---- Writing ---------------------------------------------------------------------------------

// REQ: R1
records::AccountOverview full_overview() {
    records::AccountOverview o;
    o.account = full_account();
    o.sites = {full_site()};
    o.contacts = {full_contact()};
    o.assets = {full_asset()};
    o.lines = {full_line()};
    o.recent_interactions = {full_interaction()};
    o.notes = {full_note()};
    o.users = {records::User{UserId{4}, OrgId{3}, "joe@x.example", "Joe", Role::kAdmin, kCreated}};
    return o;
}

TEST(RecordsJson, AccountIsWrittenInSnakeCaseWithCentsAndEnumNames) {
    json j = to_json(full_account());
    EXPECT_EQ(j["id"], 7);
    EXPECT_EQ(j["org_id"], 3);
    EXPECT_EQ(j["name"], "Prairie Feed & Seed");
    EXPECT_EQ(j["status"], "customer");
    EXPECT_EQ(j["annual_revenue_cents"], 250'000'000);
    EXPECT_FALSE(j.contains("annual_revenue"));
    EXPECT_EQ(j["next_refresh_year"], 2028);
    EXPECT_EQ(j["budget_month"], 7);
    EXPECT_EQ(j["technician_id"], 4);
    EXPECT_EQ(j["created_at"], "2025-01-02T09:30:00Z");
    EXPECT_EQ(j["updated_at"], "2026-11-22T10:20:00Z");
    ASSERT_EQ(j["comms_flow"].size(), 2U);
    EXPECT_EQ(j["comms_flow"][0]["kind"], "main_number");
    EXPECT_EQ(j["comms_flow"][0]["number"]["e164"], "+14055550100");
    EXPECT_EQ(j["comms_flow"][0]["number"]["display"], "(405) 555-0100");
    EXPECT_EQ(j["comms_flow"][1]["kind"], "auto_attendant");
    EXPECT_TRUE(j["comms_flow"][1]["number"].is_null());
}

TEST(RecordsJson, AbsentOptionalsAreWrittenAsNull) {
    records::Account a;
    a.name = "Bare";
    json j = to_json(a);
    EXPECT_TRUE(j["annual_revenue_cents"].is_null());
    EXPECT_TRUE(j["budget_month"].is_null());
    EXPECT_TRUE(j["technician_id"].is_null());
    EXPECT_TRUE(j["comms_flow"].is_array());
    EXPECT_EQ(j["status"], "prospect");
}

// REQ: R3
TEST(RecordsJson, PhoneNumbersAreObjectsWithADisplayForm) {
    json j = to_json(full_contact());
    const json& desk = j["phones"][0];
    EXPECT_EQ(desk["label"], "desk");
    EXPECT_EQ(desk["number"], (json{{"e164", "+14055550142"},
                                    {"extension", "12"},
                                    {"as_typed", "(405) 555-0142 x12"},
                                    {"display", "(405) 555-0142"}}));
    EXPECT_EQ(j["display_name"], "Dana Whitehorse");
    EXPECT_EQ(j["birthday"], "1978-05-04");
    EXPECT_EQ(j["accounts"][0],
              (json{{"account_id", 7}, {"role", "Office manager"}, {"decision_maker", true}}));
    EXPECT_EQ(j["emails"][0], (json{{"label", "work"}, {"address", "dana@prairiefeed.example"}}));
    EXPECT_EQ(j["preferred_channel"], "text");
    EXPECT_EQ(j["phone_habit"], "lets_it_go_to_voicemail");
}

// REQ: R2
TEST(RecordsJson, SiteIsWrittenWithCoordinatesAndHazards) {
    json j = to_json(full_site());
    EXPECT_DOUBLE_EQ(j["latitude"].get<double>(), 35.4823);
    EXPECT_DOUBLE_EQ(j["longitude"].get<double>(), -97.5351);
    EXPECT_EQ(j["county_fips"], "040109");
    EXPECT_EQ(j["nws_zone"], "OKZ025");
    EXPECT_EQ(j["tornado_alley"], true);
    EXPECT_EQ(j["flood_zone"], "AE");
}

// REQ: R4
TEST(RecordsJson, AssetDatesAreIsoDates) {
    json j = to_json(full_asset());
    EXPECT_EQ(j["category"], "auto_attendant");
    EXPECT_EQ(j["installed_on"], "2024-03-15");
    EXPECT_EQ(j["warranty_ends"], "2027-03-15");
    EXPECT_EQ(j["forgets_holiday_greeting"], true);
    EXPECT_EQ(j["condition"], "fair");
}

// REQ: R5
TEST(RecordsJson, LineMoneyIsCents) {
    json j = to_json(full_line());
    EXPECT_EQ(j["monthly_charge_cents"], 45'995);
    EXPECT_EQ(j["type"], "pri");
    EXPECT_EQ(j["status"], "disconnected");
    EXPECT_EQ(j["number"]["e164"], "+14055550100");
}

// REQ: R6
TEST(RecordsJson, InteractionAndNoteNameTheirPeople) {
    json i = to_json(full_interaction());
    EXPECT_EQ(i["user_id"], 4);
    EXPECT_EQ(i["occurred_at"], "2026-11-22T08:20:00Z");
    EXPECT_EQ(i["outcome"], "reached");
    json n = to_json(full_note());
    EXPECT_EQ(n["author_id"], 4);
    EXPECT_EQ(n["body"], "Gate code 4411.");
}

TEST(RecordsJson, OrganisationUserAndSearchHit) {
    records::Organisation org{OrgId{3}, "Red Dirt Telecom", "red-dirt", "US", kCreated};
    EXPECT_EQ(to_json(org), (json{{"id", 3},
                                  {"name", "Red Dirt Telecom"},
                                  {"slug", "red-dirt"},
                                  {"phone_region", "US"},
                                  {"created_at", "2025-01-02T09:30:00Z"}}));
    records::User user{UserId{4}, OrgId{3},          "joe@reddirt.example",
                       "Joe",     Role::kTechnician, kCreated};
    json u = to_json(user);
    EXPECT_EQ(u["role"], "technician");
    EXPECT_EQ(u["email"], "joe@reddirt.example");
    records::SearchHit hit{records::SearchKind::kContact, 21, AccountId{7}, "Dana Whitehorse",
                           "office manager"};
    EXPECT_EQ(to_json(hit), (json{{"kind", "contact"},
                                  {"id", 21},
                                  {"account_id", 7},
                                  {"title", "Dana Whitehorse"},
                                  {"snippet", "office manager"}}));
}

// REQ: R7
TEST(RecordsJson, AccountOverviewNestsEverything) {
    records::AccountOverview o = full_overview();
    json j = to_json(o);
    EXPECT_EQ(j["account"], to_json(o.account));
    EXPECT_EQ(j["sites"][0], to_json(o.sites[0]));
    EXPECT_EQ(j["contacts"][0]["phones"][1]["number"]["e164"], "+14055550199");
    EXPECT_EQ(j["assets"][0], to_json(o.assets[0]));
    EXPECT_EQ(j["lines"][0], to_json(o.lines[0]));
    EXPECT_EQ(j["recent_interactions"][0], to_json(o.recent_interactions[0]));
    EXPECT_EQ(j["notes"][0], to_json(o.notes[0]));
    EXPECT_EQ(j["users"][0]["role"], "admin");
}

// ---- The text form ----------------------------------------------------------------------------

// to_json_text writes the same values as to_json's tree (the API's hot routes use the text), in
// record.hpp's member order.
// REQ: P3
TEST(RecordsJsonText, EveryRecordMatchesItsTree) {
    records::AccountOverview o = full_overview();
    EXPECT_EQ(json::parse(to_json_text(o.account).text), to_json(o.account));
    EXPECT_EQ(json::parse(to_json_text(o.sites[0]).text), to_json(o.sites[0]));
    EXPECT_EQ(json::parse(to_json_text(o.contacts[0]).text), to_json(o.contacts[0]));
    EXPECT_EQ(json::parse(to_json_text(o.assets[0]).text), to_json(o.assets[0]));
    EXPECT_EQ(json::parse(to_json_text(o.lines[0]).text), to_json(o.lines[0]));
    EXPECT_EQ(json::parse(to_json_text(o.recent_interactions[0]).text),
              to_json(o.recent_interactions[0]));
    EXPECT_EQ(json::parse(to_json_text(o.notes[0]).text), to_json(o.notes[0]));
    EXPECT_EQ(json::parse(to_json_text(o.users[0]).text), to_json(o.users[0]));
    EXPECT_EQ(json::parse(to_json_text(o).text), to_json(o));
    records::SearchHit hit{records::SearchKind::kContact, 12, AccountId{7}, "Dana", "<b>Dana</b>"};
    EXPECT_EQ(json::parse(to_json_text(hit).text), to_json(hit));
    records::Organisation org{OrgId{3}, "Red Dirt", "reddirt", "US", kCreated};
    EXPECT_EQ(json::parse(to_json_text(org).text), to_json(org));
}

TEST(RecordsJsonText, MembersComeInRecordOrder) {
    std::string text = to_json_text(full_account()).text;
    EXPECT_THAT(text, StartsWith(R"({"id":7,"org_id":3,"name":"Prairie Feed & Seed","status":)"));
    EXPECT_LT(text.find("\"comms_flow\""), text.find("\"technician_id\""));
}

TEST(RecordsJsonText, AbsentOptionalsAreNull) {
    records::Account a = full_account();
    a.annual_revenue.reset();
    a.technician_id.reset();
    json j = json::parse(to_json_text(a).text);
    EXPECT_TRUE(j["annual_revenue_cents"].is_null());
    EXPECT_TRUE(j["technician_id"].is_null());
    EXPECT_EQ(j, to_json(a));
}

// The text escapes exactly as nlohmann's dump does, byte for byte, for every character that
// needs it; text that is not UTF-8 becomes U+FFFD as with dump's error_handler_t::replace.
TEST(JsonWriter, EscapesLikeNlohmann) {
    std::string all_controls;
    for (int c = 0; c < 0x20; ++c) {
        all_controls += static_cast<char>(c);
    }
    for (std::string text :
         {std::string("plain"), std::string("quote \" and \\ backslash"), all_controls,
          std::string("\x7f del"), std::string("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x93\x9E"),
          std::string("<script>alert(1)</script>"), std::string()}) {
        std::string out;
        JsonWriter w(out);
        w.string(text);
        EXPECT_EQ(out, json(text).dump(-1, ' ', false, json::error_handler_t::replace)) << text;
    }
}

// The writer skips 8 plain bytes at a time: a character that needs escaping is found at every
// position of a longer string.
TEST(JsonWriter, FindsEveryCharacterThatNeedsEscapingWherever) {
    for (std::string special :
         {std::string("\""), std::string("\\"), std::string("\n"), std::string(1, '\0'),
          std::string("\x1f"), std::string("\xC3\xA9"), std::string("\xFF")}) {
        for (std::size_t at = 0; at <= 24; ++at) {
            std::string text(24, 'a');
            text.insert(at, special);
            std::string out;
            JsonWriter w(out);
            w.string(text);
            EXPECT_EQ(out, json(text).dump(-1, ' ', false, json::error_handler_t::replace))
                << "at " << at;
        }
    }
}

TEST(JsonWriter, InvalidUtf8BecomesTheReplacementCharacter) {
    for (std::string bad : {std::string("a\xFFz"), std::string("cut \xE2\x82"),
                            std::string("\xC0\xAF overlong"), std::string("\xED\xA0\x80 surrogate"),
                            std::string("\xF4\x90\x80\x80 too high"), std::string("\x80")}) {
        std::string out;
        JsonWriter w(out);
        w.string(bad);
        json back = json::parse(out);  // throws on invalid UTF-8: the output never is
        EXPECT_THAT(back.get<std::string>(), HasSubstr("\xEF\xBF\xBD")) << out;
    }
}

TEST(JsonWriter, NumbersNullsAndNesting) {
    std::string out;
    JsonWriter w(out);
    w.begin_object();
    w.key("n");
    w.integer(-9'007'199'254'740'993);
    w.key("lat");
    w.number(35.0);
    w.key("lon");
    w.number(-97.5164);
    w.key("nan");
    w.number(std::nan(""));
    w.key("list");
    w.begin_array();
    w.boolean(true);
    w.null();
    w.begin_object();
    w.end_object();
    w.begin_array();
    w.end_array();
    w.end_array();
    w.end_object();
    EXPECT_EQ(
        out,
        R"({"n":-9007199254740993,"lat":35.0,"lon":-97.5164,"nan":null,"list":[true,null,{},[]]})");
    EXPECT_EQ(json::parse(out)["lon"].get<double>(), -97.5164);
}

// ---- Round trips -----------------------------------------------------------------------------

// REQ: R1
TEST(RecordsJson, AccountRoundTrips) {
    records::Account original = full_account();
    records::Account read;
    ASSERT_THAT(apply_account_json(to_json(original), read), IsOk());
    EXPECT_EQ(writable(to_json(read)), writable(to_json(original)));
    EXPECT_EQ(read.comms_flow, original.comms_flow);
}

// REQ: R2
TEST(RecordsJson, SiteRoundTrips) {
    records::Site original = full_site();
    records::Site read;
    ASSERT_THAT(apply_site_json(to_json(original), read), IsOk());
    EXPECT_EQ(writable(to_json(read)), writable(to_json(original)));
}

// REQ: R3
TEST(RecordsJson, ContactRoundTrips) {
    records::Contact original = full_contact();
    records::Contact read;
    ASSERT_THAT(apply_contact_json(to_json(original), read), IsOk());
    EXPECT_EQ(writable(to_json(read)), writable(to_json(original)));
    EXPECT_EQ(read.phones, original.phones);
    EXPECT_EQ(read.accounts, original.accounts);
    EXPECT_EQ(read.emails, original.emails);
}

// REQ: R4
TEST(RecordsJson, AssetRoundTrips) {
    records::Asset original = full_asset();
    records::Asset read;
    ASSERT_THAT(apply_asset_json(to_json(original), read), IsOk());
    EXPECT_EQ(writable(to_json(read)), writable(to_json(original)));
}

// REQ: R5
TEST(RecordsJson, LineRoundTrips) {
    records::Line original = full_line();
    records::Line read;
    ASSERT_THAT(apply_line_json(to_json(original), read), IsOk());
    EXPECT_EQ(writable(to_json(read)), writable(to_json(original)));
}

// REQ: R6
TEST(RecordsJson, InteractionRoundTrips) {
    records::Interaction original = full_interaction();
    records::Interaction read;
    ASSERT_THAT(apply_interaction_json(to_json(original), read), IsOk());
    EXPECT_EQ(writable(to_json(read)), writable(to_json(original)));
}

// REQ: R6
TEST(RecordsJson, NoteRoundTrips) {
    records::Note original = full_note();
    records::Note read;
    ASSERT_THAT(apply_note_json(to_json(original), read), IsOk());
    EXPECT_EQ(writable(to_json(read)), writable(to_json(original)));
}

TEST(RecordsJson, ServerOwnedFieldsAreAcceptedButNeverApplied) {
    records::Note note;
    note.author_id = UserId{4};
    json body = {{"id", 999},       {"org_id", 42},
                 {"author_id", 77}, {"created_at", "2020-01-01T00:00:00Z"},
                 {"account_id", 7}, {"body", "hello"}};
    ASSERT_THAT(apply_note_json(body, note), IsOk());
    EXPECT_EQ(note.id, NoteId{});
    EXPECT_EQ(note.org_id, OrgId{});
    EXPECT_EQ(note.author_id, UserId{4});
    EXPECT_EQ(note.created_at, Timestamp{});
    EXPECT_EQ(note.account_id, AccountId{7});
}

// ---- Phone numbers ---------------------------------------------------------------------------

// REQ: R3
TEST(RecordsJson, PhoneIsReadFromWhatTheUserTyped) {
    records::Contact c;
    json body = {{"phones", {{{"label", "desk"}, {"number", "(405) 555-0142 x12"}}}}};
    ASSERT_THAT(apply_contact_json(body, c), IsOk());
    ASSERT_EQ(c.phones.size(), 1U);
    EXPECT_EQ(c.phones[0].label, "desk");
    EXPECT_EQ(c.phones[0].number.as_typed, "(405) 555-0142 x12");
    EXPECT_EQ(c.phones[0].number.e164, "");  // the service normalises
}

TEST(RecordsJson, PhoneIsReadFromAnObjectWithE164) {
    records::Line l;
    ASSERT_THAT(apply_line_json({{"number", {{"e164", "+14055550100"}, {"extension", "4"}}}}, l),
                IsOk());
    ASSERT_TRUE(l.number.has_value());
    EXPECT_EQ(l.number->e164, "+14055550100");
    EXPECT_EQ(l.number->extension, "4");
    EXPECT_EQ(l.number->as_typed, "");
}

TEST(RecordsJson, PhoneObjectRejectsUnknownKeys) {
    records::Contact c;
    json body = {{"phones", {{{"number", {{"digits", "4055550142"}}}}}}};
    EXPECT_THAT(apply_contact_json(body, c),
                HasFieldError(ErrorCode::kInvalidInput, "phones[0].number.digits"));
}

TEST(RecordsJson, PhoneOfTheWrongTypeNamesItsPath) {
    records::Contact c;
    json body = {{"phones", {{{"label", "desk"}}, {{"number", 4055550142}}}}};
    EXPECT_THAT(apply_contact_json(body, c),
                HasFieldError(ErrorCode::kInvalidInput, "phones[1].number"));
}

// ---- Unknown fields and wrong types ----------------------------------------------------------

TEST(RecordsJson, UnknownFieldIsRejectedWithItsName) {
    records::Account a;
    auto r = apply_account_json({{"name", "X"}, {"colour", "red"}}, a);
    EXPECT_THAT(r, HasFieldError(ErrorCode::kInvalidInput, "colour"));
    EXPECT_THAT(r.error().user_message, HasSubstr("colour"));
    EXPECT_THAT(r.error().user_message, HasSubstr("budget_month"));  // lists the real fields
}

TEST(RecordsJson, UnknownFieldInsideAListNamesItsPath) {
    records::Account a;
    json body = {{"comms_flow", {{{"label", "Main"}}, {{"label", "Fax"}, {"color", "red"}}}}};
    EXPECT_THAT(apply_account_json(body, a),
                HasFieldError(ErrorCode::kInvalidInput, "comms_flow[1].color"));
    records::Contact c;
    EXPECT_THAT(apply_contact_json({{"accounts", {{{"account", 7}}}}}, c),
                HasFieldError(ErrorCode::kInvalidInput, "accounts[0].account"));
}

TEST(RecordsJson, CamelCaseIsAnUnknownField) {
    records::Contact c;
    EXPECT_THAT(apply_contact_json({{"firstName", "Dana"}}, c),
                HasFieldError(ErrorCode::kInvalidInput, "firstName"));
}

TEST(RecordsJson, WrongTypesAreRejectedWithTheField) {
    records::Account a;
    EXPECT_THAT(apply_account_json({{"name", 5}}, a),
                HasFieldError(ErrorCode::kInvalidInput, "name"));
    EXPECT_THAT(apply_account_json({{"budget_month", "march"}}, a),
                HasFieldError(ErrorCode::kInvalidInput, "budget_month"));
    EXPECT_THAT(apply_account_json({{"budget_month", 3.5}}, a),
                HasFieldError(ErrorCode::kInvalidInput, "budget_month"));
    EXPECT_THAT(apply_account_json({{"annual_revenue_cents", "1,000.00"}}, a),
                HasFieldError(ErrorCode::kInvalidInput, "annual_revenue_cents"));
    EXPECT_THAT(apply_account_json({{"technician_id", "4"}}, a),
                HasFieldError(ErrorCode::kInvalidInput, "technician_id"));
    EXPECT_THAT(apply_account_json({{"comms_flow", {{"label", "Main"}}}}, a),
                HasFieldError(ErrorCode::kInvalidInput, "comms_flow"));
    EXPECT_THAT(apply_account_json({{"comms_flow", {"Main"}}}, a),
                HasFieldError(ErrorCode::kInvalidInput, "comms_flow[0]"));
    records::Site s;
    EXPECT_THAT(apply_site_json({{"tornado_alley", "yes"}}, s),
                HasFieldError(ErrorCode::kInvalidInput, "tornado_alley"));
    EXPECT_THAT(apply_site_json({{"latitude", "35.1"}}, s),
                HasFieldError(ErrorCode::kInvalidInput, "latitude"));
    EXPECT_THAT(apply_site_json({{"account_id", nullptr}}, s),
                HasFieldError(ErrorCode::kInvalidInput, "account_id"));
    records::Line l;
    EXPECT_THAT(apply_line_json({{"bandwidth_down_kbps", 18446744073709551615ULL}}, l),
                HasFieldError(ErrorCode::kInvalidInput, "bandwidth_down_kbps"));
    records::Interaction i;
    EXPECT_THAT(apply_interaction_json({{"duration_minutes", 9'000'000'000LL}}, i),
                HasFieldError(ErrorCode::kInvalidInput, "duration_minutes"));
    EXPECT_THAT(apply_interaction_json({{"occurred_at", 1700000000}}, i),
                HasFieldError(ErrorCode::kInvalidInput, "occurred_at"));
}

TEST(RecordsJson, BadEnumNamesListTheChoices) {
    records::Account a;
    auto r = apply_account_json({{"status", "Customer"}}, a);
    EXPECT_THAT(r, HasFieldError(ErrorCode::kInvalidInput, "status"));
    EXPECT_THAT(r.error().user_message, HasSubstr("customer, prospect, former"));
}

TEST(RecordsJson, BadDatesAndTimesNameTheField) {
    records::Contact c;
    EXPECT_THAT(apply_contact_json({{"birthday", "04/05/1978"}}, c),
                HasFieldError(ErrorCode::kInvalidInput, "birthday"));
    EXPECT_THAT(apply_contact_json({{"birthday", "1978-02-30"}}, c),
                HasFieldError(ErrorCode::kInvalidInput, "birthday"));
    records::Interaction i;
    EXPECT_THAT(apply_interaction_json({{"occurred_at", "2026-11-22T10:00"}}, i),
                HasFieldError(ErrorCode::kInvalidInput, "occurred_at"));
    ASSERT_THAT(apply_interaction_json({{"occurred_at", "2026-11-22T10:00:00-06:00"}}, i), IsOk());
    EXPECT_EQ(format_timestamp(i.occurred_at), "2026-11-22T16:00:00Z");
}

TEST(RecordsJson, ABodyThatIsNotAnObjectIsRejected) {
    records::Account a;
    EXPECT_THAT(apply_account_json(json::array({1, 2}), a),
                HasFieldError(ErrorCode::kInvalidInput, "body"));
}

TEST(RecordsJson, AFailedApplyStopsAtTheBadField) {
    // Callers discard the record on error; it must at least not be half-written in a list.
    records::Contact c = full_contact();
    json body = {{"phones", {{{"number", "405 555 0100"}}, {{"number", true}}}}};
    EXPECT_THAT(apply_contact_json(body, c),
                HasFieldError(ErrorCode::kInvalidInput, "phones[1].number"));
    EXPECT_EQ(c.phones, full_contact().phones);
}

// ---- PATCH semantics -------------------------------------------------------------------------

// REQ: R1
TEST(RecordsJson, PatchLeavesAbsentFieldsAlone) {
    records::Account a = full_account();
    ASSERT_THAT(apply_account_json({{"name", "Prairie Feed & Seed Co."}}, a), IsOk());
    records::Account expected = full_account();
    expected.name = "Prairie Feed & Seed Co.";
    EXPECT_EQ(to_json(a), to_json(expected));
}

// REQ: R3
TEST(RecordsJson, PatchOfAListReplacesTheWholeList) {
    records::Contact c = full_contact();
    ASSERT_THAT(apply_contact_json({{"emails", {{{"address", "d@x.example"}}}}}, c), IsOk());
    ASSERT_EQ(c.emails.size(), 1U);
    EXPECT_EQ(c.emails[0].address, "d@x.example");
    EXPECT_EQ(c.emails[0].label, "");
    EXPECT_EQ(c.phones, full_contact().phones);
}

TEST(RecordsJson, NullClearsAnOptional) {
    records::Account a = full_account();
    ASSERT_THAT(apply_account_json({{"annual_revenue_cents", nullptr},
                                    {"budget_month", nullptr},
                                    {"technician_id", nullptr}},
                                   a),
                IsOk());
    EXPECT_FALSE(a.annual_revenue.has_value());
    EXPECT_FALSE(a.budget_month.has_value());
    EXPECT_FALSE(a.technician_id.has_value());
    EXPECT_EQ(a.next_refresh_year, 2028);

    records::Contact c = full_contact();
    ASSERT_THAT(apply_contact_json({{"birthday", nullptr}}, c), IsOk());
    EXPECT_FALSE(c.birthday.has_value());

    records::Line l = full_line();
    ASSERT_THAT(apply_line_json({{"number", nullptr}, {"monthly_charge_cents", nullptr}}, l),
                IsOk());
    EXPECT_FALSE(l.number.has_value());
    EXPECT_FALSE(l.monthly_charge.has_value());

    records::Site s = full_site();
    ASSERT_THAT(apply_site_json({{"latitude", nullptr}, {"longitude", nullptr}}, s), IsOk());
    EXPECT_FALSE(s.latitude.has_value());
    EXPECT_FALSE(s.longitude.has_value());
}

TEST(RecordsJson, NullClearsTextAndLists) {
    records::Contact c = full_contact();
    ASSERT_THAT(apply_contact_json({{"notes", nullptr}, {"emails", nullptr}}, c), IsOk());
    EXPECT_EQ(c.notes, "");
    EXPECT_TRUE(c.emails.empty());
}

TEST(RecordsJson, NullIsNotAValueForFlagsAndEnums) {
    records::Contact c;
    EXPECT_THAT(apply_contact_json({{"do_not_contact", nullptr}}, c),
                HasFieldError(ErrorCode::kInvalidInput, "do_not_contact"));
    EXPECT_THAT(apply_contact_json({{"technical_level", nullptr}}, c),
                HasFieldError(ErrorCode::kInvalidInput, "technical_level"));
}

// ---- parse_json_body -------------------------------------------------------------------------

TEST(ParseJsonBody, ReadsAnObject) {
    auto r = parse_json_body(R"({"name": "Prairie Feed & Seed", "budget_month": 7})");
    ASSERT_THAT(r, IsOk());
    EXPECT_EQ((*r)["budget_month"], 7);
}

TEST(ParseJsonBody, BadJsonIsInvalidInputOnTheBody) {
    auto r = parse_json_body(R"({"name": "Prairie)");
    EXPECT_THAT(r, HasFieldError(ErrorCode::kInvalidInput, "body"));
    EXPECT_THAT(r.error().user_message, StartsWith("The request body is not valid JSON: "));
    EXPECT_THAT(r.error().user_message, ::testing::Not(HasSubstr("json.exception")));
}

TEST(ParseJsonBody, RequiresAnObject) {
    EXPECT_THAT(parse_json_body("[1, 2]"), HasFieldError(ErrorCode::kInvalidInput, "body"));
    EXPECT_THAT(parse_json_body("\"name\""), HasFieldError(ErrorCode::kInvalidInput, "body"));
    EXPECT_THAT(parse_json_body("   "), HasFieldError(ErrorCode::kInvalidInput, "body"));
}

TEST(ParseJsonBody, DeepNestingIsRejectedWithoutRecursion) {
    std::string deep(100'000, '[');
    EXPECT_THAT(parse_json_body(deep), HasFieldError(ErrorCode::kInvalidInput, "body"));
    // Brackets inside strings do not count.
    std::string text = R"({"notes": ")" + std::string(1000, '[') + R"("})";
    EXPECT_THAT(parse_json_body(text), IsOk());
}

}  // namespace
}  // namespace hover::io

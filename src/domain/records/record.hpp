// File: domain/records/record.hpp
//
// The records of one organisation (DESIGN.md R1-R6): accounts, sites, contacts, technology
// assets, lines and circuits, interactions and notes. Plain value types: no SQL, no JSON.
// Optional fields are std::optional; text fields that may be blank are empty strings.
// Every record carries its org_id; ids are 0 until stored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "domain/records/enums.hpp"
#include "domain/records/phone_number.hpp"

namespace hover::records {

struct Organisation {
    OrgId id;
    std::string name;
    std::string slug;          // lower-case, unique: "cedar-telecom"
    std::string phone_region;  // default region for phone numbers, "US"
    Timestamp created_at{};
};

struct User {
    UserId id;
    OrgId org_id;
    std::string email;
    std::string display_name;
    Role role = Role::kTechnician;
    Timestamp created_at{};
};

// R1: an entry of the communications flow (main numbers, auto attendant tree, hunt groups).
struct CommFlowEntry {
    CommFlowKind kind = CommFlowKind::kMainNumber;
    std::string label;                  // "Main line", "AA option 2: Service"
    std::optional<PhoneNumber> number;  // when the entry is a number
    std::string routes_to;              // "Hunt group 601 (front desk, 3 phones)"
    friend bool operator==(const CommFlowEntry&, const CommFlowEntry&) = default;
};

// R1
struct Account {
    AccountId id;
    OrgId org_id;
    std::string name;
    AccountStatus status = AccountStatus::kProspect;
    std::string industry;
    std::string region;
    std::optional<Cents> annual_revenue;
    std::optional<int> next_refresh_year;   // product cycle: when they replace their system
    std::optional<int> budget_month;        // 1-12: when their budget is set
    std::string comms_flow_notes;           // the communications flow in words
    std::vector<CommFlowEntry> comms_flow;  // ... and as structured entries
    std::optional<UserId> technician_id;    // the technician who owns the relationship
    std::string notes;
    Timestamp created_at{};
    Timestamp updated_at{};
};

// R2
struct Site {
    SiteId id;
    OrgId org_id;
    AccountId account_id;
    std::string name;
    std::string street;
    std::string city;
    std::string state;  // "OK"
    std::string postal_code;
    std::string country = "US";
    std::optional<double> latitude;
    std::optional<double> longitude;
    std::string county_fips;  // 6-digit SAME code: "040109"
    std::string nws_zone;     // UGC: "OKZ025"
    bool tornado_alley = false;
    std::string flood_zone;  // FEMA zone code: "AE", "X"; empty when unknown
    bool lightning_prone = false;
    std::string access_notes;
    std::string paging_dead_zones;
    Timestamp created_at{};
    Timestamp updated_at{};
};

struct ContactPhone {
    std::string label;  // "mobile", "desk", "home"
    PhoneNumber number;
    friend bool operator==(const ContactPhone&, const ContactPhone&) = default;
};

struct ContactEmail {
    std::string label;
    std::string address;
    friend bool operator==(const ContactEmail&, const ContactEmail&) = default;
};

// A contact's place at one account (R3: a contact may belong to several accounts).
struct AccountLink {
    AccountId account_id;
    std::string role;  // "Office manager"
    bool decision_maker = false;
    friend bool operator==(const AccountLink&, const AccountLink&) = default;
};

// R3
struct Contact {
    ContactId id;
    OrgId org_id;
    std::string first_name;
    std::string last_name;
    std::string job_title;
    std::vector<AccountLink> accounts;
    std::vector<ContactPhone> phones;
    std::vector<ContactEmail> emails;
    Channel preferred_channel = Channel::kAny;
    std::string preferred_hours;  // "mornings before 10"
    TechnicalLevel technical_level = TechnicalLevel::kUnknown;
    PhoneHabit phone_habit = PhoneHabit::kUnknown;
    std::string communication_style;
    std::optional<Date> birthday;
    std::string family;
    std::string interests;
    std::string how_we_met;
    bool do_not_contact = false;
    std::string notes;
    Timestamp created_at{};
    Timestamp updated_at{};

    std::string display_name() const;
};

// R4
struct Asset {
    AssetId id;
    OrgId org_id;
    SiteId site_id;
    AssetCategory category = AssetCategory::kOther;
    std::string make;
    std::string model;
    std::string serial;
    std::optional<Date> installed_on;
    Condition condition = Condition::kUnknown;
    std::string location;  // "2nd floor IDF, rack B"
    std::optional<Date> warranty_ends;
    std::optional<Date> end_of_life;
    // For voicemail and auto attendants: does this customer forget their holiday greetings?
    std::optional<bool> forgets_holiday_greeting;
    std::string notes;
    Timestamp created_at{};
    Timestamp updated_at{};
};

// R5
struct Line {
    LineId id;
    OrgId org_id;
    SiteId site_id;
    std::optional<PhoneNumber> number;  // for numbered services
    std::string circuit_id;             // for circuits: "45.KQXA.123456..SW"
    std::string carrier;
    LineType type = LineType::kPots;
    LineStatus status = LineStatus::kActive;
    std::optional<std::int64_t> bandwidth_down_kbps;
    std::optional<std::int64_t> bandwidth_up_kbps;
    std::optional<Cents> monthly_charge;  // what we expect the carrier to bill
    std::string notes;
    Timestamp created_at{};
    Timestamp updated_at{};
};

// R6: nothing is anonymous, so user_id is required.
struct Interaction {
    InteractionId id;
    OrgId org_id;
    AccountId account_id;
    std::optional<ContactId> contact_id;
    std::optional<SiteId> site_id;
    UserId user_id;
    InteractionKind kind = InteractionKind::kCall;
    Direction direction = Direction::kOutbound;
    Outcome outcome = Outcome::kNone;
    Timestamp occurred_at{};
    std::optional<int> duration_minutes;
    std::string summary;
    Timestamp created_at{};
};

struct Note {
    NoteId id;
    OrgId org_id;
    AccountId account_id;
    std::optional<ContactId> contact_id;
    std::optional<SiteId> site_id;
    UserId author_id;
    std::string body;
    Timestamp created_at{};
};

// Listing
struct Page {
    int number = 1;  // 1-based
    int size = 50;   // 1..500
};

template <typename T>
struct PageOf {
    std::vector<T> items;
    std::int64_t total = 0;
    Page page;
};

struct AccountFilter {
    std::optional<AccountStatus> status;
    std::string region;
    std::optional<UserId> technician_id;
    std::string name_prefix;
};

struct SearchHit {
    SearchKind kind = SearchKind::kAccount;
    std::int64_t id = 0;
    std::optional<AccountId> account_id;  // where the hit lives
    std::string title;
    std::string snippet;
};

}  // namespace hover::records

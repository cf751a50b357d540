// File: app/demo_data.hpp
//
// The demo data set: a fictional telecom contractor ("Red Dirt Telecom", Oklahoma and Kansas)
// and its customers, deterministic for a given seed and day, written through RecordService so
// every record passes the same validation as user input. Loaded by `hover demo`.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "domain/auth/auth_service.hpp"
#include "domain/billing/billing_service.hpp"
#include "domain/followups/followup_service.hpp"
#include "domain/records/record_service.hpp"

namespace hover::demo {

struct DemoOptions {
    std::uint64_t seed = 1;
    Date as_of{};       // "today" in the demo: interactions run for two years up to it
    int accounts = 30;  // scale: 30 by default; other counts scale sites, contacts ... alike
};

struct DemoSummary {
    OrgId org_id;
    int users = 0;
    int accounts = 0;
    int sites = 0;
    int contacts = 0;
    int assets = 0;
    int lines = 0;
    int interactions = 0;
    int notes = 0;
};

// Fails with kConflict when the demo organisation already exists in this database.
Result<DemoSummary> load_demo(records::RecordService& records, const DemoOptions& options);

// The documented demo password of each role (README.md; printed by `hover demo` and
// scripts/run.sh): "demo-admin-2026", "demo-manager-2026", "demo-tech-2026".
std::string_view demo_password(Role role);

// Gives every user of the demo organisation the demo password of their role. Runs in the
// caller's transaction, so `hover demo` loads the data and the passwords all or nothing.
Result<Ok> set_demo_passwords(auth::AuthService& auth, OrgId org);

// Follow-ups and the contact policy in the demo (DESIGN F1-F4), after load_demo in the same
// transaction: an open follow-up for every active account except one hover gap, due dates from
// a few days overdue to two weeks ahead (moved to the first day the contact policy allows), an
// amber and a red account (through their stay-in-touch intervals), and one plan refused by the
// policy, then planned with a written override. Deterministic for a given load_demo.
struct DemoFollowupSummary {
    int followups = 0;
    std::string hover_gap;  // account names
    std::string amber;
    std::string red;
    std::string refused_account;
    std::string refusal;  // the refusal's message, with its first allowed date
};
Result<DemoFollowupSummary> load_demo_followups(records::RecordService& records,
                                                followups::FollowupService& followups,
                                                const DemoOptions& options);

// The billing review in the demo (DESIGN B2, B4; demo_billing.cpp), after load_demo in the same
// transaction: for the first three customers (by name) with a technician and three or more
// numbered lines, a carrier bill of the last three months built from their lines, plus two
// numbers billed but gone from site (and a line billed twice at the second); the technician's
// one-tap results on site (those two not found, one line without dial tone); then the review.
// The findings' refunds put "call about the refund claim" on the technicians' agendas.
struct DemoBillingSummary {
    int findings = 0;
    Cents refund_to_claim;
    std::string accounts;  // names
};
Result<DemoBillingSummary> load_demo_billing(records::RecordService& records,
                                             billing::BillingService& billing,
                                             const DemoOptions& options);

}  // namespace hover::demo

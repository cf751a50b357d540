// File: app/app.hpp
//
// App: the only place that wires storage into services. The CLI and the server open one App
// from a connection string and use its services; nothing else constructs stores.
//
// Example:
//   auto app = HOVER_TRY(App::open({.url = "var/hover.db"}));
//   auto actor = HOVER_TRY(app->records().resolve_actor("", ""));
//   auto signed_in = HOVER_TRY(app->auth().sign_in({.email = e, .password = p}));
#pragma once

#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/agenda/agenda.hpp"
#include "domain/auth/auth_service.hpp"
#include "domain/billing/billing_service.hpp"
#include "domain/calendar/calendar_feed_service.hpp"
#include "domain/dataio/dataio_service.hpp"
#include "domain/followups/followup_service.hpp"
#include "domain/records/record_service.hpp"
#include "storage/database.hpp"

namespace hover {

// The default database when neither --db nor HOVER_DB is given.
inline constexpr const char* kDefaultDatabase = "hover.db";

class App {
public:
    // Opens the database (applying migrations unless options.migrate is kNo) and builds the
    // services. `clock` defaults to the system clock; tests pass a FixedClock.
    static Result<std::unique_ptr<App>> open(const storage::DatabaseOptions& options,
                                             std::shared_ptr<const Clock> clock = nullptr);
    ~App();

    storage::Database& database() { return *database_; }
    const Clock& clock() const { return *clock_; }
    records::RecordService& records() { return *records_; }
    auth::AuthService& auth() { return *auth_; }
    billing::BillingService& billing() { return *billing_; }
    dataio::DataioService& dataio() { return *dataio_; }
    followups::FollowupService& followups() { return *followups_; }
    agenda::AgendaService& agenda() { return *agenda_; }
    calendar::CalendarFeedService& calendar() { return *calendar_; }

private:
    App() = default;
    std::shared_ptr<const Clock> clock_;
    std::unique_ptr<storage::Database> database_;
    std::unique_ptr<records::RecordStore> record_store_;
    std::unique_ptr<records::RecordService> records_;
    std::unique_ptr<auth::AuthStore> auth_store_;
    std::unique_ptr<auth::AuthService> auth_;
    std::unique_ptr<billing::BillingStore> billing_store_;
    std::unique_ptr<billing::BillingService> billing_;
    std::unique_ptr<dataio::DataioStore> dataio_store_;
    std::unique_ptr<dataio::DataioService> dataio_;
    std::unique_ptr<followups::FollowupStore> followup_store_;
    std::unique_ptr<followups::FollowupService> followups_;
    std::unique_ptr<agenda::AgendaService> agenda_;
    std::unique_ptr<calendar::CalendarFeedStore> calendar_store_;
    std::unique_ptr<calendar::CalendarFeedService> calendar_;
};

// --db, then HOVER_DB, then kDefaultDatabase.
std::string choose_database_url(const std::string& flag_value);

}  // namespace hover

#include "app/app.hpp"

#include <cstdlib>

#include "domain/agenda/followups_provider.hpp"
#include "domain/billing/billing_agenda_provider.hpp"
#include "storage/auth/sql_auth_store.hpp"
#include "storage/billing/sql_billing_store.hpp"
#include "storage/calendar/sql_calendar_feed_store.hpp"
#include "storage/dataio/sql_dataio_store.hpp"
#include "storage/followups/sql_followup_store.hpp"
#include "storage/records/sql_record_store.hpp"

namespace hover {

Result<std::unique_ptr<App>> App::open(const storage::DatabaseOptions& options,
                                       std::shared_ptr<const Clock> clock) {
    auto app = std::unique_ptr<App>(new App());
    app->clock_ = clock ? std::move(clock) : std::make_shared<SystemClock>();
    app->database_ = HOVER_TRY(storage::Database::open(options));
    app->record_store_ = std::make_unique<storage::SqlRecordStore>(*app->database_);
    app->records_ = std::make_unique<records::RecordService>(*app->record_store_, *app->clock_);
    app->auth_store_ = std::make_unique<storage::SqlAuthStore>(*app->database_);
    app->auth_ =
        std::make_unique<auth::AuthService>(*app->auth_store_, *app->records_, *app->clock_);
    app->billing_store_ = std::make_unique<storage::SqlBillingStore>(*app->database_);
    app->billing_ = std::make_unique<billing::BillingService>(*app->billing_store_, *app->clock_);
    app->dataio_store_ = std::make_unique<storage::SqlDataioStore>(*app->database_);
    app->dataio_ =
        std::make_unique<dataio::DataioService>(*app->records_, *app->dataio_store_, *app->clock_);
    app->followup_store_ = std::make_unique<storage::SqlFollowupStore>(*app->database_);
    app->followups_ = std::make_unique<followups::FollowupService>(*app->followup_store_,
                                                                   *app->records_, *app->clock_);
    // The agenda's providers; a later module adds its own here.
    app->agenda_ = std::make_unique<agenda::AgendaService>(*app->records_, *app->clock_);
    app->agenda_->add_provider(
        std::make_unique<agenda::FollowupsAgendaProvider>(*app->followups_, *app->records_));
    app->agenda_->add_provider(
        std::make_unique<agenda::ContactDatesAgendaProvider>(*app->followups_, *app->records_));
    app->calendar_store_ = std::make_unique<storage::SqlCalendarFeedStore>(*app->database_);
    app->calendar_ = std::make_unique<calendar::CalendarFeedService>(
        *app->calendar_store_, *app->records_, *app->followups_, *app->clock_);
    app->agenda_->add_provider(std::make_unique<billing::BillingAgendaProvider>(*app->billing_));
    return app;
}

App::~App() = default;

std::string choose_database_url(const std::string& flag_value) {
    if (!flag_value.empty()) {
        return flag_value;
    }
    if (const char* env = std::getenv("HOVER_DB"); env != nullptr && *env != '\0') {
        return env;
    }
    return kDefaultDatabase;
}

}  // namespace hover

// The calendar feed's secret (create, rotate, revoke, one answer for every bad address) and what
// the feed shows, on SQLite and PostgreSQL. DESIGN.md F5.
#include "domain/calendar/calendar_feed_service.hpp"

#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/auth/password.hpp"
#include "io/ical/calendar_feed_ical.hpp"
#include "io/ical/ical_reader.hpp"
#include "storage/calendar/sql_calendar_feed_store.hpp"
#include "storage/followups/sql_followup_store.hpp"
#include "storage/records/sql_record_store.hpp"
#include "support/result_matchers.hpp"
#include "support/test_database.hpp"

namespace hover::calendar {
namespace {

using ::hover::testing::Backend;
using ::hover::testing::HasError;
using ::hover::testing::IsOk;
using records::Channel;
using ::testing::HasSubstr;
using ::testing::SizeIs;

class CalendarFeedTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        db_ = hover::testing::TestDatabase::open(GetParam());
        if (db_ == nullptr) {
            return;
        }
        record_store_ = std::make_unique<storage::SqlRecordStore>(db_->db());
        records_ = std::make_unique<records::RecordService>(*record_store_, clock_);
        followup_store_ = std::make_unique<storage::SqlFollowupStore>(db_->db());
        followups_ =
            std::make_unique<followups::FollowupService>(*followup_store_, *records_, clock_);
        store_ = std::make_unique<storage::SqlCalendarFeedStore>(db_->db());
        service_ = std::make_unique<CalendarFeedService>(*store_, *records_, *followups_, clock_);
        admin_ = make_org("cedar");
        tech_ = records_->resolve_actor("cedar", "tech@cedar.example").value();
        other_org_ = make_org("other");
    }

    Actor make_org(const std::string& slug) {
        auto org = records_->create_organisation({.name = slug + " Telecom", .slug = slug}).value();
        records_
            ->create_user(org.id, {.email = "admin@" + slug + ".example",
                                   .display_name = "Admin " + slug,
                                   .role = Role::kAdmin})
            .value();
        records_
            ->create_user(org.id, {.email = "tech@" + slug + ".example",
                                   .display_name = "Pat Tech",
                                   .role = Role::kTechnician})
            .value();
        return records_->resolve_actor(slug, "admin@" + slug + ".example").value();
    }

    AccountId account(const Actor& actor, const std::string& name) {
        records::Account a;
        a.name = name;
        a.status = records::AccountStatus::kCustomer;
        return records_->create_account(actor, a).value().id;
    }

    followups::Followup plan(const Actor& actor,
                             AccountId account,
                             Channel channel,
                             std::string reason,
                             std::optional<int> minute = std::nullopt) {
        followups::Followup f;
        f.account_id = account;
        f.due_on = std::chrono::year{2026} / 11 / 25;  // a Wednesday
        f.due_minute = minute;
        f.channel = channel;
        f.reason = std::move(reason);
        f.assigned_to = tech_.user_id;
        auto planned = followups_->plan(actor, f);
        EXPECT_TRUE(planned) << planned.error().user_message;
        return planned.value();
    }

    FixedClock clock_{parse_timestamp("2026-11-22T10:00:00Z", "now").value()};
    std::unique_ptr<hover::testing::TestDatabase> db_;
    std::unique_ptr<storage::SqlRecordStore> record_store_;
    std::unique_ptr<records::RecordService> records_;
    std::unique_ptr<storage::SqlFollowupStore> followup_store_;
    std::unique_ptr<followups::FollowupService> followups_;
    std::unique_ptr<storage::SqlCalendarFeedStore> store_;
    std::unique_ptr<CalendarFeedService> service_;
    Actor admin_;
    Actor tech_;
    Actor other_org_;
};

#define REQUIRE_DATABASE()    \
    do {                      \
        if (db_ == nullptr) { \
            return;           \
        }                     \
    } while (false)

// REQ: F5 (a secret given once, stored hashed; rotation stops the old address)
TEST_P(CalendarFeedTest, CreateGivesTheSecretOnceStoresItsHashAndRotates) {
    REQUIRE_DATABASE();
    auto first = service_->create(tech_, tech_.user_id);
    ASSERT_THAT(first, IsOk());
    EXPECT_TRUE(first->secret.starts_with("hcal_"));
    EXPECT_EQ(first->secret.size(), 5u + 43u);
    EXPECT_EQ(first->path, "/calendar/" + first->secret + ".ics");
    auto live = service_->live_feed(tech_, tech_.user_id);
    ASSERT_THAT(live, IsOk());
    ASSERT_TRUE(live->has_value());
    EXPECT_EQ((*live)->prefix, first->secret.substr(0, 10));
    EXPECT_EQ((*live)->secret_hash, auth::sha256_hex(first->secret));
    EXPECT_EQ((*live)->secret_hash.find(first->secret.substr(5)), std::string::npos);
    EXPECT_THAT(service_->content_for_secret(first->secret, ""), IsOk());

    auto second = service_->create(tech_, tech_.user_id);
    ASSERT_THAT(second, IsOk());
    EXPECT_NE(second->secret, first->secret);
    EXPECT_THAT(service_->content_for_secret(first->secret, ""), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->content_for_secret(second->secret, ""), IsOk());
    // The last use is recorded.
    live = service_->live_feed(tech_, tech_.user_id);
    ASSERT_TRUE(live.value().has_value());
    EXPECT_EQ((*live)->last_used_at, clock_.now());
}

// REQ: F5 (revoked, unknown and malformed addresses answer alike)
TEST_P(CalendarFeedTest, RevokedUnknownAndMalformedSecretsGiveTheSameError) {
    REQUIRE_DATABASE();
    auto created = service_->create(tech_, tech_.user_id).value();
    ASSERT_THAT(service_->revoke(tech_, tech_.user_id), IsOk());
    EXPECT_FALSE(service_->live_feed(tech_, tech_.user_id).value().has_value());
    EXPECT_THAT(service_->revoke(tech_, tech_.user_id), HasError(ErrorCode::kNotFound));
    auto revoked = service_->content_for_secret(created.secret, "");
    std::string unknown_secret = "hcal_" + auth::random_token();
    auto unknown = service_->content_for_secret(unknown_secret, "");
    auto malformed = service_->content_for_secret("not-a-secret", "");
    ASSERT_FALSE(revoked);
    ASSERT_FALSE(unknown);
    ASSERT_FALSE(malformed);
    for (const auto* e : {&revoked.error(), &unknown.error(), &malformed.error()}) {
        EXPECT_EQ(e->code, ErrorCode::kNotFound);
        EXPECT_EQ(e->user_message, revoked.error().user_message);
    }
}

// REQ: F5
TEST_P(CalendarFeedTest, OnlyAdminsAndManagersManageSomeoneElsesFeed) {
    REQUIRE_DATABASE();
    EXPECT_THAT(service_->create(tech_, admin_.user_id), HasError(ErrorCode::kPermissionDenied));
    EXPECT_THAT(service_->create(admin_, tech_.user_id), IsOk());
    EXPECT_THAT(service_->revoke(admin_, tech_.user_id), IsOk());
    // A user of another organisation does not exist for this one.
    EXPECT_THAT(service_->create(other_org_, tech_.user_id), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->live_feed(other_org_, tech_.user_id), HasError(ErrorCode::kNotFound));
}

// REQ: F5 (the owner's open follow-ups: visits as events, the rest as to-dos; logged visits)
TEST_P(CalendarFeedTest, TheFeedShowsTheOwnersOpenFollowupsAndVisits) {
    REQUIRE_DATABASE();
    AccountId acme = account(admin_, "Acme, Inc.; Tulsa");
    AccountId prairie = account(admin_, "Prairie Feed & Seed");
    AccountId quarry = account(admin_, "Quarry Works");
    AccountId closed_one = account(admin_, "Closed Co");
    records::Site site;
    site.account_id = prairie;
    site.name = "Warehouse";
    site.street = "1 Mill Rd";
    site.city = "Enid";
    site.state = "OK";
    site.latitude = 36.4;
    site.longitude = -97.9;
    SiteId warehouse = records_->create_site(admin_, site).value().id;

    auto call = plan(admin_, acme, Channel::kPhone, "Ask how the handsets work out", 10 * 60);
    auto visit = plan(admin_, prairie, Channel::kVisit, "Replace the UPS batteries");
    plan(admin_, quarry, Channel::kEmail, "Send the quote");
    auto done = plan(admin_, closed_one, Channel::kPhone, "Done already");
    ASSERT_THAT(followups_->close(admin_, done.id, {.outcome = "Reached", .no_next_reason = "ok"}),
                IsOk());
    // Someone else's follow-up and another organisation's never show.
    followups::Followup mine;
    mine.account_id = quarry;
    mine.due_on = std::chrono::year{2026} / 12 / 9;
    mine.channel = Channel::kPhone;
    mine.reason = "The admin's own call";
    mine.assigned_to = admin_.user_id;
    ASSERT_THAT(followups_->plan(admin_, mine), IsOk());

    records::Interaction logged;
    logged.account_id = prairie;
    logged.site_id = warehouse;
    logged.kind = records::InteractionKind::kVisit;
    logged.occurred_at = parse_timestamp("2026-11-10T14:00:00Z", "t").value();
    logged.duration_minutes = 45;
    logged.summary = "Moved the modem";
    ASSERT_THAT(records_->log_interaction(tech_, logged), IsOk());
    records::Interaction old = logged;
    old.occurred_at = parse_timestamp("2026-06-01T14:00:00Z", "t").value();  // > 90 days
    old.summary = "Too old";
    ASSERT_THAT(records_->log_interaction(tech_, old), IsOk());
    records::Interaction phone = logged;
    phone.kind = records::InteractionKind::kCall;
    phone.summary = "A call, not a visit";
    ASSERT_THAT(records_->log_interaction(tech_, phone), IsOk());

    auto created = service_->create(tech_, tech_.user_id).value();
    auto content = service_->content_for_secret(created.secret, "https://hover.test");
    ASSERT_THAT(content, IsOk());
    EXPECT_EQ(content->org_slug, "cedar");
    EXPECT_EQ(content->user_name, "Pat Tech");
    EXPECT_EQ(content->generated_at, clock_.now());
    ASSERT_THAT(content->todos, SizeIs(2));
    ASSERT_THAT(content->events, SizeIs(2));
    const FeedTodo& todo = content->todos[0];
    EXPECT_EQ(todo.followup_id, call.id.value);
    EXPECT_EQ(todo.summary, "Call Acme, Inc.; Tulsa: Ask how the handsets work out");
    // 10:00 in America/Chicago (the default policy's zone) on 25 November is 16:00 UTC.
    ASSERT_TRUE(todo.due.at.has_value());
    EXPECT_EQ(format_timestamp(*todo.due.at), "2026-11-25T16:00:00Z");
    EXPECT_FALSE(content->todos[1].due.at.has_value());
    const FeedEvent& planned = content->events[0];
    EXPECT_EQ(planned.kind, FeedEvent::Kind::kPlannedVisit);
    EXPECT_EQ(planned.source_id, visit.id.value);
    EXPECT_EQ(planned.location, "Warehouse, 1 Mill Rd, Enid, OK");
    EXPECT_EQ(planned.latitude, 36.4);
    const FeedEvent& was = content->events[1];
    EXPECT_EQ(was.kind, FeedEvent::Kind::kLoggedVisit);
    EXPECT_EQ(was.summary, "Visited Prairie Feed & Seed");
    EXPECT_EQ(was.duration_minutes, 45);
    EXPECT_THAT(was.description, HasSubstr("Moved the modem"));

    // Written and read back by libical: the same items, each with its URL.
    auto parsed = ical::read(ical::write_feed(*content), "feed.ics");
    ASSERT_THAT(parsed, IsOk());
    EXPECT_EQ(parsed->count("VTODO"), 2);
    EXPECT_EQ(parsed->count("VEVENT"), 2);
    const auto& cal = parsed->components.at(0);
    const ical::ReadProperty* url = cal.children.at(0).find("URL");
    ASSERT_NE(url, nullptr);
    EXPECT_EQ(url->value, "https://hover.test/accounts/" + std::to_string(acme.value));

    // Another organisation's feed shows none of this.
    auto theirs = service_->create(other_org_, other_org_.user_id).value();
    auto other_content = service_->content_for_secret(theirs.secret, "");
    ASSERT_THAT(other_content, IsOk());
    EXPECT_THAT(other_content->todos, SizeIs(0));
    EXPECT_THAT(other_content->events, SizeIs(0));
}

// A second live feed for one user is refused by the database itself.
TEST_P(CalendarFeedTest, TheStoreKeepsOneLiveFeedPerUser) {
    REQUIRE_DATABASE();
    CalendarFeed f;
    f.org_id = tech_.org_id;
    f.user_id = tech_.user_id;
    f.prefix = "hcal_x";
    f.secret_hash = "a";
    f.created_at = clock_.now();
    ASSERT_THAT(store_->insert_feed(f), IsOk());
    f.secret_hash = "b";
    EXPECT_THAT(store_->insert_feed(f), HasError(ErrorCode::kConflict));
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         CalendarFeedTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         hover::testing::backend_name);

}  // namespace
}  // namespace hover::calendar

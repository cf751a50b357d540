// File: storage/calendar/sql_calendar_feed_store.hpp
//
// SqlCalendarFeedStore: the CalendarFeedStore on SQLite and PostgreSQL (SOCI), migration
// 0006_calendar_feeds. Every statement binds its values and filters on org_id, except the lookup
// by secret hash (see calendar_feed_store.hpp).
#pragma once

#include "domain/calendar/calendar_feed_store.hpp"
#include "storage/database.hpp"

namespace hover::storage {

class SqlCalendarFeedStore final : public calendar::CalendarFeedStore {
public:
    explicit SqlCalendarFeedStore(Database& db) : db_(db) {}

    Result<Ok> transaction(const std::function<Result<Ok>()>& work) override;
    Result<calendar::CalendarFeedId> insert_feed(const calendar::CalendarFeed& feed) override;
    Result<std::optional<calendar::CalendarFeed>> find_live_feed(OrgId org, UserId user) override;
    Result<calendar::CalendarFeed> find_feed_by_hash(std::string_view secret_hash) override;
    Result<Ok> revoke_feed(OrgId org, calendar::CalendarFeedId id, Timestamp at) override;
    Result<Ok> touch_feed(OrgId org, calendar::CalendarFeedId id, Timestamp used_at) override;
    Result<calendar::FeedOwner> find_owner(OrgId org, UserId user) override;
    Result<std::vector<records::Interaction>> list_visits(OrgId org,
                                                          UserId user,
                                                          Timestamp since) override;

private:
    Database& db_;
};

}  // namespace hover::storage

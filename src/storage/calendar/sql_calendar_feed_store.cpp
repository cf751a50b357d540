#include "storage/calendar/sql_calendar_feed_store.hpp"

#include <fmt/format.h>

#include "domain/records/enums.hpp"
#include "storage/records/record_rows.hpp"
#include "storage/soci_support.hpp"
#include "storage/statement_cache.hpp"

namespace hover::storage {

using namespace hover::calendar;

namespace {

constexpr const char* kFeedColumns =
    "id, org_id, user_id, prefix, secret_hash, created_at, last_used_at, revoked_at";
constexpr int kMaxVisits = 500;

CalendarFeed read_feed(const RowReader& r) {
    CalendarFeed f;
    f.id = CalendarFeedId{r.i64(0)};
    f.org_id = OrgId{r.i64(1)};
    f.user_id = UserId{r.i64(2)};
    f.prefix = r.str(3);
    f.secret_hash = r.str(4);
    f.created_at = r.timestamp(5);
    f.last_used_at = r.opt_timestamp(6);
    f.revoked_at = r.opt_timestamp(7);
    return f;
}

}  // namespace

Result<Ok> SqlCalendarFeedStore::transaction(const std::function<Result<Ok>()>& work) {
    return db_.transaction(work);
}

Result<CalendarFeedId> SqlCalendarFeedStore::insert_feed(const CalendarFeed& feed) {
    return guarded("insert_calendar_feed", [&]() -> Result<CalendarFeedId> {
        auto s = db_.session();
        long long id = 0;
        std::string created = format_timestamp(feed.created_at);
        *s << "INSERT INTO calendar_feeds (org_id, user_id, prefix, secret_hash, created_at) "
              "VALUES (:o, :u, :p, :h, :c) RETURNING id",
            soci::use(feed.org_id.value), soci::use(feed.user_id.value), soci::use(feed.prefix),
            soci::use(feed.secret_hash), soci::use(created), soci::into(id);
        return CalendarFeedId{id};
    });
}

Result<std::optional<CalendarFeed>> SqlCalendarFeedStore::find_live_feed(OrgId org, UserId user) {
    return guarded("find_live_calendar_feed", [&]() -> Result<std::optional<CalendarFeed>> {
        auto s = db_.session();
        soci::rowset<soci::row> rows =
            (s->prepare << fmt::format("SELECT {} FROM calendar_feeds WHERE org_id = :o AND "
                                       "user_id = :u AND revoked_at IS NULL",
                                       kFeedColumns),
             soci::use(org.value), soci::use(user.value));
        for (const auto& row : rows) {
            return std::optional<CalendarFeed>(read_feed(RowReader(row)));
        }
        return std::optional<CalendarFeed>();
    });
}

Result<CalendarFeed> SqlCalendarFeedStore::find_feed_by_hash(std::string_view secret_hash) {
    return guarded("find_calendar_feed_by_hash", [&]() -> Result<CalendarFeed> {
        auto s = db_.session();
        std::string key(secret_hash);
        // Not org-scoped: the hash of a 256-bit secret is the proof of whose feed this is.
        auto found = s.statements()
                         .sql(fmt::format("SELECT {} FROM calendar_feeds WHERE secret_hash = :h",
                                          kFeedColumns))
                         .bind(key)
                         .first(read_feed);
        if (!found) {
            return Error::not_found("calendar feed", "unknown calendar feed hash");
        }
        return std::move(*found);
    });
}

Result<Ok> SqlCalendarFeedStore::revoke_feed(OrgId org, CalendarFeedId id, Timestamp at) {
    return guarded("revoke_calendar_feed", [&]() -> Result<Ok> {
        auto s = db_.session();
        std::string when = format_timestamp(at);
        soci::statement st =
            (s->prepare << "UPDATE calendar_feeds SET revoked_at = :t WHERE org_id = :o AND id "
                           "= :i AND revoked_at IS NULL",
             soci::use(when), soci::use(org.value), soci::use(id.value));
        st.execute(true);
        if (st.get_affected_rows() == 0) {
            return not_found_row("calendar feed", id.value);
        }
        return Ok{};
    });
}

Result<Ok> SqlCalendarFeedStore::touch_feed(OrgId org, CalendarFeedId id, Timestamp used_at) {
    return guarded("touch_calendar_feed", [&]() -> Result<Ok> {
        auto s = db_.session();
        std::string used = format_timestamp(used_at);
        soci::statement st =
            (s->prepare << "UPDATE calendar_feeds SET last_used_at = :t WHERE org_id = :o AND "
                           "id = :i",
             soci::use(used), soci::use(org.value), soci::use(id.value));
        st.execute(true);
        if (st.get_affected_rows() == 0) {
            return not_found_row("calendar feed", id.value);
        }
        return Ok{};
    });
}

Result<FeedOwner> SqlCalendarFeedStore::find_owner(OrgId org, UserId user) {
    return guarded("find_calendar_feed_owner", [&]() -> Result<FeedOwner> {
        auto s = db_.session();
        auto found =
            s.statements()
                .sql(
                    "SELECT u.id, u.org_id, u.role, o.phone_region, u.display_name, o.name, "
                    "o.slug FROM users u JOIN organisations o ON o.id = u.org_id WHERE "
                    "u.org_id = :o AND u.id = :u")
                .bind(org.value, user.value)
                .first([](const RowReader& r) {
                    FeedOwner owner;
                    owner.actor.user_id = UserId{r.i64(0)};
                    owner.actor.org_id = OrgId{r.i64(1)};
                    owner.actor.role = r.enum_value<Role>(2, "users.role");
                    std::string region = r.str(3);
                    owner.actor.phone_region = region.empty() ? std::string("US") : region;
                    owner.display_name = r.str(4);
                    owner.org_name = r.str(5);
                    owner.org_slug = r.str(6);
                    return owner;
                });
        if (!found) {
            return not_found_row("user", user.value);
        }
        return std::move(*found);
    });
}

Result<std::vector<records::Interaction>> SqlCalendarFeedStore::list_visits(OrgId org,
                                                                            UserId user,
                                                                            Timestamp since) {
    return guarded("list_visits_of_user", [&]() -> Result<std::vector<records::Interaction>> {
        auto s = db_.session();
        std::string after = format_timestamp(since);
        std::string kind(records::to_name(records::InteractionKind::kVisit));
        soci::rowset<soci::row> rows =
            (s->prepare << fmt::format("SELECT {} FROM interactions WHERE org_id = :o AND "
                                       "user_id = :u AND kind = :k AND occurred_at >= :t "
                                       "ORDER BY occurred_at, id LIMIT {}",
                                       kInteractionColumns, kMaxVisits),
             soci::use(org.value), soci::use(user.value), soci::use(kind), soci::use(after));
        std::vector<records::Interaction> out;
        for (const auto& row : rows) {
            out.push_back(read_interaction(RowReader(row)));
        }
        return out;
    });
}

}  // namespace hover::storage

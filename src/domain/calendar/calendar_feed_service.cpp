#include "domain/calendar/calendar_feed_service.hpp"

#include <map>

#include <fmt/format.h>

#include "domain/auth/password.hpp"
#include "domain/followups/contact_policy.hpp"

namespace hover::calendar {
namespace {

constexpr std::size_t kSecretChars = 43;  // 32 random bytes as URL-safe base64
constexpr std::size_t kPrefixChars = 10;
constexpr auto kTouchInterval = std::chrono::seconds(60);

template <typename T, typename F>
Result<T> in_transaction(CalendarFeedStore& store, F&& body) {
    std::optional<T> value;
    HOVER_TRY(store.transaction([&]() -> Result<Ok> {
        value = HOVER_TRY(body());
        return Ok{};
    }));
    return std::move(*value);
}

Error no_feed(std::string detail) {
    Error e = Error::not_found("calendar feed", std::move(detail));
    e.user_message = "There is no calendar feed at this address. Create a new one under Me.";
    return e;
}

std::string verb(records::Channel channel) {
    switch (channel) {
        case records::Channel::kEmail:
            return "Email";
        case records::Channel::kText:
            return "Text";
        case records::Channel::kVisit:
            return "Visit";
        case records::Channel::kPhone:
        case records::Channel::kAny:
            break;
    }
    return "Call";
}

std::string address_of(const records::Site& s) {
    std::string out;
    auto add = [&](const std::string& part, std::string_view separator) {
        if (part.empty()) {
            return;
        }
        if (!out.empty()) {
            out += separator;
        }
        out += part;
    };
    add(s.street, ", ");
    add(s.city, ", ");
    std::string state_zip = s.state;
    if (!s.postal_code.empty()) {
        state_zip += (state_zip.empty() ? "" : " ") + s.postal_code;
    }
    add(state_zip, ", ");
    if (out.empty()) {
        return s.name;
    }
    return s.name.empty() ? out : s.name + ", " + out;
}

}  // namespace

std::string feed_path(std::string_view secret) {
    return fmt::format("/calendar/{}.ics", secret);
}

Result<Ok> CalendarFeedService::check_may_manage(const Actor& actor, UserId user) {
    // The user must exist in the actor's organisation (kNotFound otherwise).
    HOVER_TRY(store_.find_owner(actor.org_id, user));
    if (user != actor.user_id && actor.role == Role::kTechnician) {
        Error e;
        e.code = ErrorCode::kPermissionDenied;
        e.user_message =
            "You can manage only your own calendar feed. Ask an admin or a manager for "
            "someone else's.";
        e.detail = "technician managed another user's calendar feed";
        return e;
    }
    return Ok{};
}

// REQ: F5
Result<NewCalendarFeed> CalendarFeedService::create(const Actor& actor, UserId user) {
    return in_transaction<NewCalendarFeed>(store_, [&]() -> Result<NewCalendarFeed> {
        HOVER_TRY(check_may_manage(actor, user));
        const Timestamp now = clock_.now();
        if (auto live = HOVER_TRY(store_.find_live_feed(actor.org_id, user))) {
            HOVER_TRY(store_.revoke_feed(actor.org_id, live->id, now));
        }
        NewCalendarFeed created;
        created.secret = std::string(kFeedSecretPrefix) + auth::random_token();
        created.path = feed_path(created.secret);
        CalendarFeed& f = created.feed;
        f.org_id = actor.org_id;
        f.user_id = user;
        f.prefix = created.secret.substr(0, kPrefixChars);
        f.secret_hash = auth::sha256_hex(created.secret);
        f.created_at = now;
        f.id = HOVER_TRY(store_.insert_feed(f));
        return created;
    });
}

Result<Ok> CalendarFeedService::revoke(const Actor& actor, UserId user) {
    return store_.transaction([&]() -> Result<Ok> {
        HOVER_TRY(check_may_manage(actor, user));
        auto live = HOVER_TRY(store_.find_live_feed(actor.org_id, user));
        if (!live) {
            Error e = Error::not_found("calendar feed", "no live calendar feed to revoke");
            e.user_message = "There is no calendar feed to revoke.";
            return e;
        }
        return store_.revoke_feed(actor.org_id, live->id, clock_.now());
    });
}

Result<std::optional<CalendarFeed>> CalendarFeedService::live_feed(const Actor& actor,
                                                                   UserId user) {
    return in_transaction<std::optional<CalendarFeed>>(
        store_, [&]() -> Result<std::optional<CalendarFeed>> {
            HOVER_TRY(check_may_manage(actor, user));
            return store_.find_live_feed(actor.org_id, user);
        });
}

// REQ: F5
Result<FeedContent> CalendarFeedService::content_for_secret(std::string_view secret,
                                                            std::string_view base_url) {
    if (secret.size() != kFeedSecretPrefix.size() + kSecretChars ||
        !secret.starts_with(kFeedSecretPrefix)) {
        return no_feed("malformed calendar feed secret");
    }
    auto found = store_.find_feed_by_hash(auth::sha256_hex(secret));
    if (!found) {
        if (found.error().code == ErrorCode::kNotFound) {
            return no_feed("unknown calendar feed secret");
        }
        return std::move(found).error();
    }
    CalendarFeed feed = std::move(found).value();
    if (feed.revoked_at) {
        return no_feed(fmt::format("calendar feed {} revoked", feed.id.value));
    }
    FeedOwner owner = HOVER_TRY(store_.find_owner(feed.org_id, feed.user_id));
    const Timestamp now = clock_.now();
    if (!feed.last_used_at || now - *feed.last_used_at >= kTouchInterval) {
        HOVER_TRY(store_.touch_feed(feed.org_id, feed.id, now));
    }
    return build(owner, base_url);
}

Result<FeedContent> CalendarFeedService::build(const FeedOwner& owner, std::string_view base_url) {
    const Actor& actor = owner.actor;
    FeedContent content;
    content.org_slug = owner.org_slug;
    content.org_name = owner.org_name;
    content.user_name = owner.display_name;
    content.generated_at = clock_.now();
    content.base_url = std::string(base_url);

    std::map<AccountId, records::Account> accounts;
    auto account_of = [&](AccountId id) -> Result<const records::Account*> {
        auto it = accounts.find(id);
        if (it == accounts.end()) {
            it = accounts.emplace(id, HOVER_TRY(records_.get_account(actor, id))).first;
        }
        return &it->second;
    };
    std::map<AccountId, std::vector<records::Site>> sites;
    auto sites_of = [&](AccountId id) -> Result<const std::vector<records::Site>*> {
        auto it = sites.find(id);
        if (it == sites.end()) {
            it = sites.emplace(id, HOVER_TRY(records_.list_sites(actor, id))).first;
        }
        return &it->second;
    };
    auto contact_line = [&](std::optional<ContactId> id) -> Result<std::string> {
        if (!id) {
            return std::string();
        }
        records::Contact c = HOVER_TRY(records_.get_contact(actor, *id));
        std::string out = c.display_name();
        if (!c.phones.empty()) {
            const auto& n = c.phones.front().number;
            out += ", " + (n.e164.empty() ? n.as_typed : n.e164);
            if (!n.extension.empty()) {
                out += " ext. " + n.extension;
            }
        }
        return out;
    };

    for (const auto& f : HOVER_TRY(followups_.list_open(actor, actor.user_id))) {
        const records::Account& account = *HOVER_TRY(account_of(f.account_id));
        When when{f.due_on, std::nullopt};
        if (f.due_minute) {
            auto policy = HOVER_TRY(followups_.effective_policy(actor, f.account_id, f.contact_id));
            when.at = followups::local_instant(policy, f.due_on, *f.due_minute);
        }
        std::string contact = HOVER_TRY(contact_line(f.contact_id));
        std::string summary = fmt::format("{} {}: {}", verb(f.channel), account.name, f.reason);
        std::string description = f.reason + "\n\nAccount: " + account.name;
        if (!contact.empty()) {
            description += "\nContact: " + contact;
        }
        description += fmt::format("\nDue: {}", format_date(f.due_on));
        if (f.due_minute) {
            description +=
                fmt::format(" {:02}:{:02} (local)", *f.due_minute / 60, *f.due_minute % 60);
        }
        if (!f.policy_override_reason.empty()) {
            description += "\nPlanned against the contact policy: " + f.policy_override_reason;
        }
        if (f.channel == records::Channel::kVisit) {
            FeedEvent e;
            e.kind = FeedEvent::Kind::kPlannedVisit;
            e.source_id = f.id.value;
            e.account_id = f.account_id;
            e.account_name = account.name;
            e.summary = std::move(summary);
            e.description = std::move(description);
            e.contact = std::move(contact);
            e.start = when;
            e.created_at = f.created_at;
            const auto& account_sites = *HOVER_TRY(sites_of(f.account_id));
            if (!account_sites.empty()) {
                const records::Site& site = account_sites.front();
                e.location = address_of(site);
                e.latitude = site.latitude;
                e.longitude = site.longitude;
            }
            content.events.push_back(std::move(e));
        } else {
            FeedTodo t;
            t.followup_id = f.id.value;
            t.account_id = f.account_id;
            t.account_name = account.name;
            t.channel = f.channel;
            t.summary = std::move(summary);
            t.description = std::move(description);
            t.contact = std::move(contact);
            t.due = when;
            t.created_at = f.created_at;
            content.todos.push_back(std::move(t));
        }
    }

    const Timestamp since = content.generated_at - std::chrono::days{kLoggedVisitDays};
    for (const auto& v : HOVER_TRY(store_.list_visits(actor.org_id, actor.user_id, since))) {
        const records::Account& account = *HOVER_TRY(account_of(v.account_id));
        FeedEvent e;
        e.kind = FeedEvent::Kind::kLoggedVisit;
        e.source_id = v.id.value;
        e.account_id = v.account_id;
        e.account_name = account.name;
        e.summary = "Visited " + account.name;
        e.contact = HOVER_TRY(contact_line(v.contact_id));
        e.description = v.summary.empty() ? std::string("(no notes)") : v.summary;
        e.description += "\n\nAccount: " + account.name;
        if (!e.contact.empty()) {
            e.description += "\nContact: " + e.contact;
        }
        e.start = When{date_of(v.occurred_at), v.occurred_at};
        if (v.duration_minutes && *v.duration_minutes > 0) {
            e.duration_minutes = *v.duration_minutes;
        }
        e.created_at = v.created_at;
        if (v.site_id) {
            for (const auto& site : *HOVER_TRY(sites_of(v.account_id))) {
                if (site.id == *v.site_id) {
                    e.location = address_of(site);
                    e.latitude = site.latitude;
                    e.longitude = site.longitude;
                }
            }
        }
        content.events.push_back(std::move(e));
    }
    return content;
}

}  // namespace hover::calendar

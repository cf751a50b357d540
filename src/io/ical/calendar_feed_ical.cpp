#include "io/ical/calendar_feed_ical.hpp"

#include <fmt/format.h>

#include "io/ical/ical_writer.hpp"

namespace hover::ical {
namespace {

using calendar::FeedContent;
using calendar::FeedEvent;
using calendar::FeedTodo;
using calendar::When;

std::string channel_label(records::Channel channel) {
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
    return "Phone";
}

std::string uid(std::string_view kind, std::int64_t id, const FeedContent& c) {
    return fmt::format("{}-{}@{}.hover", kind, id, c.org_slug);
}

// A list of TEXT values (CATEGORIES): each escaped, joined by commas.
std::string text_list(std::initializer_list<std::string_view> values) {
    std::string out;
    for (auto v : values) {
        if (!out.empty()) {
            out += ',';
        }
        out += escape_text(v);
    }
    return out;
}

void common(Writer& w,
            const FeedContent& c,
            std::string_view uid_value,
            Timestamp created,
            const std::string& summary,
            const std::string& description,
            const std::string& contact,
            AccountId account) {
    w.raw("UID", uid_value);
    w.utc("DTSTAMP", c.generated_at);
    w.utc("CREATED", created);
    w.utc("LAST-MODIFIED", created);
    w.text("SUMMARY", summary);
    std::string text = description;
    std::string url;
    if (!c.base_url.empty()) {
        url = fmt::format("{}/accounts/{}", c.base_url, account.value);
        text += "\n" + url;
    }
    w.text("DESCRIPTION", text);
    if (!contact.empty()) {
        w.text("CONTACT", contact);
    }
    if (!url.empty()) {
        w.raw("URL", url, {{"VALUE", "URI"}});
    }
    w.raw("CLASS", "PRIVATE");
}

void write_todo(Writer& w, const FeedContent& c, const FeedTodo& t) {
    w.begin("VTODO");
    common(w, c, uid("followup", t.followup_id, c), t.created_at, t.summary, t.description,
           t.contact, t.account_id);
    if (t.due.at) {
        w.utc("DUE", *t.due.at);
    } else {
        w.date("DUE", t.due.day);
    }
    w.raw("STATUS", "NEEDS-ACTION");
    w.raw("CATEGORIES", text_list({"Hover", channel_label(t.channel)}));
    w.end("VTODO");
}

void write_event(Writer& w, const FeedContent& c, const FeedEvent& e) {
    bool planned = e.kind == FeedEvent::Kind::kPlannedVisit;
    w.begin("VEVENT");
    common(w, c, uid(planned ? "followup" : "visit", e.source_id, c), e.created_at, e.summary,
           e.description, e.contact, e.account_id);
    if (e.start.at) {
        w.utc("DTSTART", *e.start.at);
        w.utc("DTEND", *e.start.at + std::chrono::minutes{e.duration_minutes});
        w.raw("TRANSP", "OPAQUE");
    } else {
        // A visit planned for a day without a time: an all-day event that does not block the day.
        w.date("DTSTART", e.start.day);
        w.date("DTEND", Date{std::chrono::sys_days{e.start.day} + std::chrono::days{1}});
        w.raw("TRANSP", "TRANSPARENT");
    }
    if (!e.location.empty()) {
        w.text("LOCATION", e.location);
    }
    if (e.latitude && e.longitude) {
        w.raw("GEO", fmt::format("{:.6f};{:.6f}", *e.latitude, *e.longitude));
    }
    w.raw("STATUS", "CONFIRMED");
    w.raw("CATEGORIES", text_list({"Hover", planned ? "Visit" : "Visit logged"}));
    w.end("VEVENT");
}

}  // namespace

// REQ: F5
std::string write_feed(const FeedContent& c) {
    Writer w;
    w.begin("VCALENDAR");
    w.raw("VERSION", "2.0");
    w.raw("PRODID", kProductId);
    w.raw("CALSCALE", "GREGORIAN");
    w.raw("METHOD", "PUBLISH");
    std::string name = c.org_name.empty() ? fmt::format("Hover: {}", c.user_name)
                                          : fmt::format("Hover: {} ({})", c.user_name, c.org_name);
    w.text("NAME", name);  // RFC 7986
    w.text("X-WR-CALNAME", name);
    w.text("X-WR-CALDESC", "Follow-ups and visits from Hover. Read-only: change them in Hover.");
    // RFC 7986 and its older Microsoft spelling: how often clients should fetch the feed again.
    w.raw("REFRESH-INTERVAL", "PT1H", {{"VALUE", "DURATION"}});
    w.raw("X-PUBLISHED-TTL", "PT1H");
    for (const auto& t : c.todos) {
        write_todo(w, c, t);
    }
    for (const auto& e : c.events) {
        write_event(w, c, e);
    }
    w.end("VCALENDAR");
    return w.str();
}

}  // namespace hover::ical

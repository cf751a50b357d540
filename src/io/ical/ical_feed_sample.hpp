// A calendar feed with every kind of item and the text that is hard to write: commas,
// semicolons, backslashes, line breaks, umlauts, emoji, long lines. For the io/ical tests only.
#pragma once

#include "domain/calendar/calendar_feed.hpp"

namespace hover::ical {

inline calendar::FeedContent sample_feed() {
    using namespace std::chrono;
    auto at = [](const char* text) { return parse_timestamp(text, "t").value(); };
    calendar::FeedContent c;
    c.org_slug = "cedar-telecom";
    c.org_name = "Cedar Telecom";
    c.user_name = "Pat Doe";
    c.generated_at = at("2026-11-20T15:00:00Z");
    c.base_url = "https://hover.example.com";

    calendar::FeedTodo call;
    call.followup_id = 12;
    call.account_id = AccountId{4};
    call.account_name = "Müller, Söhne & Co; Ltd.";
    call.channel = records::Channel::kPhone;
    call.summary = "Call Müller, Söhne & Co; Ltd.: ask how the new handsets work out 📞";
    call.description =
        "Ask how the new handsets work out 📞\n\nAccount: Müller, Söhne & Co; Ltd.\nContact: "
        "Jörg Müller, +14055550100\nDue: 2026-11-25\nA back\\slash stays.";
    call.contact = "Jörg Müller, +14055550100";
    call.due = {year{2026} / 11 / 25, std::nullopt};
    call.created_at = at("2026-11-01T09:30:00Z");
    c.todos.push_back(call);

    calendar::FeedTodo email;
    email.followup_id = 13;
    email.account_id = AccountId{5};
    email.account_name = "Prairie Feed & Seed";
    email.channel = records::Channel::kEmail;
    email.summary = "Email Prairie Feed & Seed: send the quote";
    email.description = "Send the quote";
    email.due = {year{2026} / 11 / 21, at("2026-11-21T15:30:00Z")};
    email.created_at = at("2026-11-02T10:00:00Z");
    c.todos.push_back(email);

    calendar::FeedEvent planned;
    planned.kind = calendar::FeedEvent::Kind::kPlannedVisit;
    planned.source_id = 14;
    planned.account_id = AccountId{4};
    planned.account_name = call.account_name;
    planned.summary =
        "Visit Müller, Söhne & Co; Ltd.: replace the UPS batteries in the 2nd floor "
        "IDF before the storm season, and check the paging amplifier";
    planned.description = "Replace the UPS batteries\nCheck the paging amplifier";
    planned.location = "Main office, 12 Elm St, Tulsa, OK 74103";
    planned.latitude = 36.153982;
    planned.longitude = -95.992775;
    planned.start = {year{2026} / 11 / 24, at("2026-11-24T16:00:00Z")};
    planned.created_at = at("2026-11-03T08:00:00Z");
    c.events.push_back(planned);

    calendar::FeedEvent all_day = planned;
    all_day.source_id = 15;
    all_day.summary = "Visit Prairie Feed & Seed: site survey";
    all_day.description = "Site survey";
    all_day.location.clear();
    all_day.latitude.reset();
    all_day.longitude.reset();
    all_day.account_id = AccountId{5};
    all_day.start = {year{2026} / 11 / 30, std::nullopt};
    c.events.push_back(all_day);

    calendar::FeedEvent logged;
    logged.kind = calendar::FeedEvent::Kind::kLoggedVisit;
    logged.source_id = 77;
    logged.account_id = AccountId{5};
    logged.account_name = "Prairie Feed & Seed";
    logged.summary = "Visited Prairie Feed & Seed";
    logged.description = "Moved the modem; the warehouse paging is dead behind rack 3";
    logged.start = {year{2026} / 11 / 10, at("2026-11-10T14:00:00Z")};
    logged.duration_minutes = 45;
    logged.created_at = at("2026-11-10T15:00:00Z");
    c.events.push_back(logged);
    return c;
}

}  // namespace hover::ical
